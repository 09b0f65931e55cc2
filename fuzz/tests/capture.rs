//! The harness catches what it exists to catch: an abort, a stack overflow, a panic, a hang, a
//! slow input and a broken property each fail the run and leave an artifact that replays to
//! the same failure. The self-test targets misbehave on purpose (on about one input in 61),
//! and exist only with PERSONA_FUZZ_SELFTEST=1.

use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_persona-ls-fuzz");

fn run(args: &[&str], artifacts: &Path) -> Output {
    Command::new(BIN)
        .args(args)
        .arg("--artifacts")
        .arg(artifacts)
        .env("PERSONA_FUZZ_SELFTEST", "1")
        .output()
        .expect("run the harness")
}

fn fuzz(target: &str, extra: &[&str], artifacts: &Path) -> Output {
    let mut args = vec![
        target,
        "--seconds",
        "60",
        "--seed",
        "7",
        "--max-failures",
        "1",
    ];
    args.extend_from_slice(extra);
    run(&args, artifacts)
}

/// The one artifact of a kind: its input and its side file.
fn artifact(artifacts: &Path, prefix: &str) -> (PathBuf, String) {
    let found: Vec<PathBuf> = std::fs::read_dir(artifacts)
        .expect("the artifacts folder exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.starts_with(prefix) && name.ends_with(".md")
        })
        .collect();
    assert_eq!(found.len(), 1, "expected one {prefix}*.md, found {found:?}");
    let txt = std::fs::read_to_string(found[0].with_extension("txt")).expect("a .txt side file");
    (found[0].clone(), txt)
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs a self-test target until its first failure; returns the artifacts folder, the
/// artifact and its side file.
fn fails_and_saves(
    target: &str,
    extra: &[&str],
    kind: &str,
) -> (tempfile::TempDir, PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let out = fuzz(target, extra, dir.path());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let summary = String::from_utf8_lossy(&out.stdout);
    assert!(
        summary.contains("failures 1 (1 unique)"),
        "summary: {summary}\n{}",
        stderr(&out)
    );
    let (md, txt) = artifact(dir.path(), &format!("{target}-{kind}-"));
    assert!(txt.contains(&format!("kind: {kind}\n")), "{txt}");
    assert!(txt.contains(&format!("target: {target}\n")), "{txt}");
    assert!(txt.contains("relpath: "), "{txt}");
    // Nothing of the worker's is left behind.
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".current"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    (dir, md, txt)
}

fn replay(target: &str, file: &Path) -> Output {
    let dir = tempfile::tempdir().unwrap();
    run(&[target, "--replay", file.to_str().unwrap()], dir.path())
}

#[test]
fn an_abort_is_saved_and_replays() {
    let (_dir, md, txt) = fails_and_saves("selftest-abort", &[], "crash");
    assert!(txt.contains("SIGABRT"), "{txt}");
    let r = replay("selftest-abort", &md);
    assert_eq!(r.status.signal(), Some(6), "{}", stderr(&r));
}

#[test]
fn a_stack_overflow_is_saved() {
    let (_dir, _, txt) = fails_and_saves("selftest-overflow", &[], "crash");
    assert!(txt.contains("overflowed its stack"), "{txt}");
}

#[test]
fn a_panic_is_caught_saved_and_replays() {
    let (_dir, md, txt) = fails_and_saves("selftest-panic", &[], "panic");
    assert!(txt.contains("a panic on purpose"), "{txt}");
    assert!(txt.contains("targets.rs"), "the panic's location: {txt}");
    let r = replay("selftest-panic", &md);
    assert_eq!(r.status.code(), Some(1));
    assert!(
        stderr(&r).contains("persona-ls-fuzz: FAIL panic"),
        "{}",
        stderr(&r)
    );
}

#[test]
fn a_hang_is_killed_and_saved() {
    let (_dir, _, txt) = fails_and_saves("selftest-hang", &["--hang-secs", "2"], "hang");
    assert!(txt.contains("no progress for"), "{txt}");
}

#[test]
fn a_slow_input_is_saved() {
    let (_dir, _, txt) = fails_and_saves("selftest-slow", &["--slow-ms", "100"], "slow");
    assert!(txt.contains("selftest sleep took"), "{txt}");
}

#[test]
fn a_broken_property_is_saved() {
    let (_dir, md, _) = fails_and_saves("selftest-property", &[], "property");
    let r = replay("selftest-property", &md);
    assert_eq!(r.status.code(), Some(1));
}

#[test]
fn self_tests_need_the_variable() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(BIN)
        .args(["selftest-abort", "--seconds", "1", "--artifacts"])
        .arg(dir.path())
        .env_remove("PERSONA_FUZZ_SELFTEST")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown target"));
}

#[test]
fn a_crash_input_replays_under_the_path_of_its_json() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("SIGX-1.md");
    std::fs::write(&md, "---\nname: k\ndescription: d\n---\nbody\n").unwrap();
    std::fs::write(
        dir.path().join("SIGX-1.json"),
        r#"{"relpath": "o__r/.claude/agents/k.md"}"#,
    )
    .unwrap();
    let r = replay("analyze", &md);
    assert_eq!(r.status.code(), Some(0), "{}", stderr(&r));
    assert!(
        stderr(&r).contains("\"o__r/.claude/agents/k.md\""),
        "{}",
        stderr(&r)
    );
}

/// A crash that recurs restarts the worker, is saved once, and ends its target after a few
/// restarts rather than at the deadline.
#[test]
fn a_recurring_crash_is_saved_once() {
    let dir = tempfile::tempdir().unwrap();
    let start = std::time::Instant::now();
    let out = fuzz("selftest-abort", &["--max-failures", "2"], dir.path());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(start.elapsed().as_secs() < 50, "ran to the deadline");
    let summary = String::from_utf8_lossy(&out.stdout);
    assert!(summary.contains("(1 unique); restarts 8"), "{summary}");
    artifact(dir.path(), "selftest-abort-crash-");
    assert!(stderr(&out).contains("restarting the worker"));
}
