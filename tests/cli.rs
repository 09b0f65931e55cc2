//! `persona-ls check` as a user runs it: the binary, real files, exit codes and every format.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_persona-ls"))
}

fn run(dir: &Path, args: &[&str]) -> Output {
    bin()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run persona-ls")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// A project folder (with `.git`, so it is the root globs are relative to).
fn project(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    for (path, content) in files {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, content).unwrap();
    }
    dir
}

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples")
}

#[test]
fn examples_report_the_expected_problems_and_exit_1() {
    let o = run(&examples(), &["check", "."]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    let heads: Vec<&str> = out.lines().filter(|l| l.starts_with("./")).collect();
    assert_eq!(
        heads
            .iter()
            .map(|l| l.split(": ").take(2).collect::<Vec<_>>().join(": "))
            .collect::<Vec<_>>(),
        [
            "./.claude/agents/api-designer.md:1:1: error[missing-front-matter]",
            "./.claude/agents/test-runner.md:3:14: hint[escaped-newline]",
            "./.claude/agents/test-runner.md:3:88: warning[yaml-syntax]",
            "./engineering/engineering-backend-architect.md:20:1: error[rendered-front-matter]",
        ]
    );
    assert!(out.contains("\n20 | name Backend Architect\n   | ^^^^^^^^^^^^^^^^^^^^^^\n   = fix (manual): Rebuild the front matter and remove the page debris\n"), "{out}");
    assert!(
        out.ends_with("2 errors, 1 warning in 5 checked files\n"),
        "{out}"
    );
}

#[test]
fn fix_applies_the_safe_fixes_and_keeps_crlf_and_bom() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&examples(), dir.path());
    std::fs::write(dir.path().join(".git"), "").unwrap();
    let crlf = "\u{feff}---\r\nname: x\r\ndescription: a: b\r\ncolor: Purple\r\n---\r\nBody\r\n";
    std::fs::write(dir.path().join(".claude/agents/crlf.md"), crlf).unwrap();
    let read = |p: &str| std::fs::read_to_string(dir.path().join(p)).unwrap();
    let guessed = [
        ".claude/agents/api-designer.md",
        "engineering/engineering-backend-architect.md",
    ];
    let before: Vec<String> = guessed.iter().map(|p| read(p)).collect();
    let o = run(dir.path(), &["check", "--fix", "."]);
    // Two errors are left: the missing front matter and the rendered page have only manual
    // fixes (a description guessed from the first paragraph; keys read back from a web
    // page), which `--fix` never applies.
    assert_eq!(o.status.code(), Some(1), "{}{}", stdout(&o), stderr(&o));
    assert!(stderr(&o).contains("fixed 2 files"), "{}", stderr(&o));
    for (p, b) in guessed.iter().zip(&before) {
        assert_eq!(&read(p), b, "{p} changed");
    }
    // The BOM stays (its removal is offered, not applied), every line keeps its CRLF.
    assert_eq!(
        read(".claude/agents/crlf.md"),
        "\u{feff}---\r\nname: x\r\ndescription: 'a: b'\r\ncolor: purple\r\n---\r\nBody\r\n"
    );
    assert!(
        read(".claude/agents/test-runner.md")
            .starts_with("---\nname: test-runner\ndescription: 'Use this agent"),
        "{}",
        read(".claude/agents/test-runner.md")
    );
    // No temporary file is left behind.
    let leftovers: Vec<_> = walk(dir.path())
        .into_iter()
        .filter(|p| p.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // A second run finds nothing more to apply.
    let again = run(dir.path(), &["check", "--fix", "."]);
    assert!(!stderr(&again).contains("fixed"), "{}", stderr(&again));
}

#[test]
fn json_positions_are_utf16() {
    let dir = project(&[(
        ".claude/agents/a.md",
        "---\nname: a\ndescription: 🏗️ d\ncolor: purpel\n---\nBody\n".as_bytes(),
    )]);
    let o = run(dir.path(), &["check", "--format", "json", "."]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        v,
        serde_json::json!([{
            "path": "./.claude/agents/a.md",
            "range": {"start": {"line": 3, "character": 7}, "end": {"line": 3, "character": 13}},
            "severity": "warning",
            "code": "invalid-value",
            "message": "`purpel` is not a valid `color`: did you mean `purple`? Allowed: `red`, `blue`, `green`, `yellow`, `purple`, `orange`, `pink`, `cyan`."
        }])
    );
    let dir = project(&[(
        ".claude/agents/a.md",
        "---\nname: a\ndescription: 🏗️ a: b\n---\nBody\n".as_bytes(),
    )]);
    let o = run(dir.path(), &["check", "--format=json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    // `🏗️` is three UTF-16 units: the `:` after `a` is at character 18.
    assert_eq!(
        v[0]["range"]["start"],
        serde_json::json!({"line": 2, "character": 18})
    );
}

#[test]
fn sarif_and_github_formats() {
    let dir = project(&[(
        ".claude/agents/a.md",
        b"---\nname: a\ndescription: d\neffort: turbo\n---\nBody\n",
    )]);
    let o = run(dir.path(), &["check", "--format", "sarif", "."]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let run0 = &v["runs"][0];
    assert_eq!(run0["columnKind"], "utf16CodeUnits");
    let r = &run0["results"][0];
    assert_eq!(r["ruleId"], "invalid-value");
    assert_eq!(r["level"], "error");
    assert_eq!(
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "./.claude/agents/a.md"
    );
    assert_eq!(
        r["locations"][0]["physicalLocation"]["region"],
        serde_json::json!({"startLine": 4, "startColumn": 9, "endLine": 4, "endColumn": 14})
    );
    let rule = &run0["tool"]["driver"]["rules"][r["ruleIndex"].as_u64().unwrap() as usize];
    assert_eq!(rule["id"], "invalid-value");

    let o = run(dir.path(), &["check", "--format", "github", "."]);
    assert_eq!(
        stdout(&o),
        "::error file=./.claude/agents/a.md,line=4,col=9,endLine=4,endColumn=14,title=persona-ls invalid-value::`turbo` is not a valid `effort`. Allowed: `low`, `medium`, `high`, `xhigh`, `max`.\n"
    );
}

#[test]
fn unreadable_files_are_reported_and_do_not_stop_the_run() {
    let mut big = b"---\nname: big\ndescription: d\n---\n".to_vec();
    big.resize(11 * 1024 * 1024, b'x');
    let dir = project(&[
        (
            ".claude/agents/latin1.md",
            b"---\nname: caf\xe9\ndescription: d\n---\nBody\n",
        ),
        (".claude/agents/binary.md", b"---\x00\x01\x02"),
        (".claude/agents/big.md", &big),
        (
            ".claude/agents/ok.md",
            b"---\nname: ok\ndescription: d\neffort: turbo\n---\nBody\n",
        ),
    ]);
    let o = run(dir.path(), &["check", "."]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("latin1.md: skipped: not UTF-8 (invalid byte at offset 13); save it as UTF-8"),
        "{err}"
    );
    assert!(
        err.contains("binary.md: skipped: binary file (contains NUL bytes)"),
        "{err}"
    );
    assert!(
        err.contains("big.md: skipped: 11 MB is over the 10 MB limit for a persona file"),
        "{err}"
    );
    assert!(
        stdout(&o).contains("ok.md:4:9: error[invalid-value]"),
        "the other files are still checked"
    );
}

#[test]
fn walks_hidden_persona_folders_honours_gitignore_and_skips_git() {
    let bad = b"---\nname: a\ndescription: d\neffort: turbo\n---\nBody\n";
    let dir = project(&[
        (".gitignore", b"ignored/\n"),
        (".claude/agents/a.md", bad),
        (
            ".github/agents/b.agent.md",
            b"---\ndescription: d\nmodel: GPT-4.1\ncolor: x: y\n---\nBody\n",
        ),
        ("ignored/.claude/agents/c.md", bad),
        (".git/agents/d.md", bad),
        ("docs/readme.md", b"# Docs\n"),
    ]);
    let o = run(dir.path(), &["check", "--format", "json", "."]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let mut paths: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    paths.dedup();
    assert_eq!(
        paths,
        ["./.claude/agents/a.md", "./.github/agents/b.agent.md"]
    );
    assert!(stdout(&run(dir.path(), &["check", "."])).ends_with("in 2 checked files\n"));
}

#[test]
fn configuration_errors_point_at_their_position_and_exit_2() {
    let dir = project(&[
        (".persona-ls.toml", b"[rules]\nunknown-key = \"loud\"\n"),
        (
            ".claude/agents/a.md",
            b"---\nname: a\ndescription: d\n---\nBody\n",
        ),
    ]);
    let o = run(dir.path(), &["check", "."]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).ends_with(".persona-ls.toml:2:1: rule `unknown-key`: `loud` is not one of off, error, warning, information, hint\n"), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
}

#[test]
fn configuration_from_a_parent_folder_applies() {
    let dir = project(&[
        (".persona-ls.toml", b"[rules]\ninvalid-value = \"off\"\n\n[dialects.claude-agent]\npaths = [\"prompts/**/*.md\"]\n"),
        ("prompts/team/a.md", b"---\nname: a\ndescription: d\neffort: turbo\nfoo: 1\n---\nBody\n"),
    ]);
    let o = run(
        &dir.path().join("prompts"),
        &["check", "--format", "json", "."],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let codes: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        ["unknown-key"],
        "invalid-value is off, the extra glob made it a claude-agent"
    );
}

#[test]
fn dialect_flag_and_usage_errors() {
    let dir = project(&[("notes/a.md", b"---\nname: a\n---\nBody\n")]);
    let o = run(dir.path(), &["check", "notes/a.md"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stderr(&o).contains("not recognised as a persona file (pass --dialect to check it anyway)")
    );
    let o = run(
        dir.path(),
        &["check", "--dialect", "claude-agent", "notes/a.md"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).starts_with("notes/a.md:1:1: error[missing-required-key]"),
        "{}",
        stdout(&o)
    );
    let o = run(dir.path(), &["check", "--dialect", "nope", "."]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown dialect `nope`"));
    let o = run(dir.path(), &["check", "--format", "xml"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(dir.path(), &["check", "missing-dir"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("missing-dir: no such file or directory"));
    let o = bin().arg("--version").output().unwrap();
    assert_eq!(
        stdout(&o),
        format!("persona-ls {}\n", env!("CARGO_PKG_VERSION"))
    );
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p))
        } else {
            out.push(p)
        }
    }
    out
}

#[test]
fn text_excerpt_puts_the_caret_under_wide_characters() {
    let dir = project(&[(
        ".claude/agents/a.md",
        "---\nname: a\ndescription: 🏗️ 設計 a: b\n---\nBody\n".as_bytes(),
    )]);
    let o = run(dir.path(), &["check", "."]);
    let out = stdout(&o);
    // `🏗️` and each CJK character take two terminal columns; the column number counts characters.
    assert!(
        out.contains("./.claude/agents/a.md:3:21: warning[yaml-syntax]"),
        "{out}"
    );
    let caret = format!("3 | description: 🏗️ 設計 a: b\n  | {}^\n", " ".repeat(22));
    assert!(out.contains(&caret), "{out}");
}

#[test]
fn a_long_line_is_cut_around_the_span() {
    let long = format!("{}a: b {}", "x".repeat(300), "y".repeat(300));
    let dir = project(&[(
        ".claude/agents/a.md",
        format!("---\nname: a\ndescription: {long}\n---\nBody\n").as_bytes(),
    )]);
    let o = run(dir.path(), &["check", "."]);
    let out = stdout(&o);
    // 40 characters before the `:` at column 315, 120 in all, an ellipsis where it is cut.
    let shown = format!("…{}a: b {}…", "x".repeat(39), "y".repeat(300 - 224));
    let expected = format!("3 | {shown}\n  | {}^\n", " ".repeat(41));
    assert!(
        out.contains("./.claude/agents/a.md:3:315: warning[yaml-syntax]"),
        "{out}"
    );
    assert!(out.contains(&expected), "{out}");
}

#[test]
fn json_output_is_one_pretty_array() {
    let dir = project(&[
        (
            ".claude/agents/a.md",
            b"---\nname: a\ndescription: d\ncolor: purpel\nextra: 1\n---\nBody\n",
        ),
        (
            ".claude/agents/b.md",
            b"---\nname: b\ndescription: d\n---\nBody\n",
        ),
    ]);
    let o = run(dir.path(), &["check", "--format", "json", "."]);
    let out = stdout(&o);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v.as_array().map(Vec::len), Some(2));
    // Written item by item, byte for byte what one pretty-printed array gives.
    assert_eq!(out, serde_json::to_string_pretty(&v).unwrap() + "\n");
    let clean = project(&[(
        ".claude/agents/b.md",
        b"---\nname: b\ndescription: d\n---\nBody\n",
    )]);
    assert_eq!(
        stdout(&run(clean.path(), &["check", "--format", "json", "."])),
        "[]\n"
    );
}

fn run_with_home(dir: &Path, home: &Path, args: &[&str]) -> Output {
    bin()
        .current_dir(dir)
        .env("HOME", home)
        .args(args)
        .output()
        .expect("run persona-ls")
}

fn codes_of(o: &Output) -> Vec<(String, String)> {
    let v: serde_json::Value = serde_json::from_str(&stdout(o)).unwrap_or_else(|e| {
        panic!("{e}: {}\n{}", stdout(o), stderr(o));
    });
    v.as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let path = d["path"].as_str().unwrap();
            let name = path.rsplit('/').next().unwrap().to_string();
            (name, d["code"].as_str().unwrap().to_string())
        })
        .collect()
}

#[test]
fn user_level_personas_are_recognised_from_anywhere() {
    // A home folder that is itself no repository, with ~/.claude and ~/.config under version
    // control (common dotfiles setups), checked from an unrelated folder: the repository
    // would root `agent/b.md`, which names no dialect; the user folder reads it as
    // `.opencode/agent/b.md`.
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    std::fs::create_dir_all(h.join(".claude/.git")).unwrap();
    std::fs::create_dir_all(h.join(".config/.git")).unwrap();
    for (path, text) in [
        (
            ".claude/agents/a.md",
            "---\nname: a\ndescription: d\nmodel: gpt-4\n---\nBody\n",
        ),
        (
            ".claude/skills/s/SKILL.md",
            "---\nname: other\ndescription: d\n---\nBody\n",
        ),
        (
            ".config/opencode/agent/b.md",
            "---\ndescription: d\nmode: sideways\n---\nBody\n",
        ),
    ] {
        std::fs::create_dir_all(h.join(path).parent().unwrap()).unwrap();
        std::fs::write(h.join(path), text).unwrap();
    }
    let elsewhere = tempfile::tempdir().unwrap();
    let a = h.join(".claude/agents/a.md");
    let s = h.join(".claude/skills/s/SKILL.md");
    let b = h.join(".config/opencode/agent/b.md");
    let o = run_with_home(
        elsewhere.path(),
        h,
        &[
            "check",
            "--format",
            "json",
            a.to_str().unwrap(),
            s.to_str().unwrap(),
            b.to_str().unwrap(),
        ],
    );
    let mut found = codes_of(&o);
    found.sort();
    assert_eq!(
        found,
        [
            ("SKILL.md".to_string(), "name-mismatch".to_string()),
            ("a.md".to_string(), "invalid-value".to_string()),
            ("b.md".to_string(), "invalid-value".to_string()),
        ],
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_configuration_above_the_repository_does_not_apply() {
    let parent = tempfile::tempdir().unwrap();
    std::fs::write(
        parent.path().join(".persona-ls.toml"),
        "exclude = [\"**\"]\n",
    )
    .unwrap();
    let repo = parent.path().join("repo");
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    std::fs::create_dir_all(repo.join(".claude/agents")).unwrap();
    std::fs::write(
        repo.join(".claude/agents/a.md"),
        "---\nname: a\ndescription: d\ncolor: purpel\n---\nBody\n",
    )
    .unwrap();
    let o = run(&repo, &["check", "--verbose", "--format", "json", "."]);
    assert_eq!(
        codes_of(&o),
        [("a.md".to_string(), "invalid-value".to_string())]
    );
    // The index covers the repository, not the folder above it.
    assert_eq!(
        stderr(&o),
        format!(
            "persona-ls: indexed 1 persona file under {}\npersona-ls: 1 file checked with no configuration file\n",
            std::fs::canonicalize(&repo).unwrap().display()
        )
    );
}

#[test]
fn nested_configuration_applies_below_its_folder_in_the_editor_and_in_check() {
    let agent = b"---\nname: x\ndescription: d\nextra: 1\n---\nBody\n";
    let dir = project(&[
        ("sub/.persona-ls.toml", b"[rules]\nunknown-key = \"off\"\n\n[dialects.claude-agent]\npaths = [\"prompts/*.md\"]\n"),
        // Named apart: the same name in nested projects is a `duplicate-name` of its own.
        ("sub/.claude/agents/x.md", b"---\nname: y\ndescription: d\nextra: 1\n---\nBody\n"),
        ("sub/prompts/p.md", agent),
        (".claude/agents/top.md", agent),
        ("prompts/p.md", agent),
    ]);
    let o = run(dir.path(), &["check", "--verbose", "--format", "json", "."]);
    // The nested file switches `unknown-key` off below `sub/` only, and its glob names
    // `sub/prompts/*.md`, not `prompts/*.md` at the top.
    assert_eq!(
        codes_of(&o),
        [("top.md".to_string(), "unknown-key".to_string())]
    );
    let err = stderr(&o);
    let sub = std::fs::canonicalize(dir.path())
        .unwrap()
        .join("sub/.persona-ls.toml");
    assert!(
        err.contains("persona-ls: 1 file checked with no configuration file\n"),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "persona-ls: 2 files checked with configuration {}\n",
            sub.display()
        )),
        "{err}"
    );
    // The same from inside `sub`.
    let o = run(&dir.path().join("sub"), &["check", "--format", "json", "."]);
    assert_eq!(codes_of(&o), []);
}

/// The JSON item `check` gives for `effort: turbo` in the agent at `path`.
fn bad_effort_item(path: &str) -> serde_json::Value {
    serde_json::json!({
        "path": path,
        "range": {"start": {"line": 3, "character": 8}, "end": {"line": 3, "character": 13}},
        "severity": "error",
        "code": "invalid-value",
        "message": "`turbo` is not a valid `effort`. Allowed: `low`, `medium`, `high`, `xhigh`, `max`."
    })
}

/// `check` streams: a file's findings are printed once the files before it are done, and a
/// file is read only shortly before its turn. Thousands of files each give one finding, more
/// output than a pipe and the output buffer hold; the test reads the first line and then,
/// while `check` waits for the pipe, rewrites the last file in output order so that it has no
/// finding. A `check` that checked every file before printing read the old text; a streaming
/// one reads the new one. The whole output is then one array in path order, byte for byte.
/// (With a cross-file rule on, every file is read before the first is printed: a file's
/// findings may depend on the last one. The test switches them off.)
#[test]
fn output_streams_in_path_order_and_a_file_is_read_near_its_turn() {
    let folders = ["p2", "p1-x", "p1", "p1.x", "p0"];
    let files: Vec<String> = (0..3000)
        .map(|i| format!("{}/.claude/agents/a{i}.md", folders[i % folders.len()]))
        .collect();
    let text = |i: usize| format!("---\nname: a{i}\ndescription: d\neffort: turbo\n---\nBody\n");
    let texts: Vec<String> = (0..files.len()).map(text).collect();
    let entries: Vec<(&str, &[u8])> = files
        .iter()
        .zip(&texts)
        .map(|(f, t)| (f.as_str(), t.as_bytes()))
        .chain([(
            ".persona-ls.toml",
            &b"[rules]\nduplicate-name = \"off\"\nunknown-reference = \"off\"\ncontext-budget = \"off\"\nbroken-link = \"off\"\n"[..],
        )])
        .collect();
    let dir = project(&entries);
    let mut shown: Vec<PathBuf> = files.iter().map(|f| Path::new(".").join(f)).collect();
    shown.sort();
    let last = shown.pop().unwrap();

    let mut child = bin()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "."])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    std::io::BufRead::read_line(&mut out, &mut first).unwrap();
    assert_eq!(first, "[\n");
    std::fs::write(
        dir.path().join(&last),
        "---\nname: last\ndescription: d\n---\nBody\n",
    )
    .unwrap();
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut out, &mut rest).unwrap();
    assert_eq!(child.wait().unwrap().code(), Some(1));

    let items: Vec<serde_json::Value> = shown
        .iter()
        .map(|p| bad_effort_item(&p.display().to_string()))
        .collect();
    let expected = serde_json::to_string_pretty(&items).unwrap() + "\n";
    assert_eq!(first + &rest, expected);
    // Folders compare by whole names (`p1` < `p1-x` < `p1.x`, though `-` sorts before `/`),
    // and a name before its longer forms (`a9.md` < `a94.md`, though `.` sorts before `4`).
    let mut folders: Vec<String> = shown
        .iter()
        .map(|p| p.iter().nth(1).unwrap().to_string_lossy().into_owned())
        .collect();
    folders.dedup();
    assert_eq!(folders, ["p0", "p1", "p1-x", "p1.x", "p2"]);
    let at = |p: &str| shown.iter().position(|s| s == Path::new(p)).unwrap();
    assert!(at("./p0/.claude/agents/a9.md") < at("./p0/.claude/agents/a94.md"));
}

/// A configuration that does not load stops the run before any file is checked: `--fix`
/// writes nothing, not even to a file that another configuration governs.
#[test]
fn a_broken_configuration_stops_fix_before_any_file_is_written() {
    let unfixed = "---\nname: a\ndescription: d\ncolor: Purple\n---\nBody\n";
    let dir = project(&[
        ("sub/.persona-ls.toml", b"[rules]\nunknown-key = \"loud\"\n"),
        ("sub/.claude/agents/a.md", unfixed.as_bytes()),
        (".claude/agents/b.md", unfixed.as_bytes()),
    ]);
    let o = run(dir.path(), &["check", "--fix", "--format", "json", "."]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stdout(&o), "");
    let config = std::fs::canonicalize(dir.path())
        .unwrap()
        .join("sub/.persona-ls.toml");
    assert_eq!(
        stderr(&o),
        format!(
            "{}:2:1: rule `unknown-key`: `loud` is not one of off, error, warning, information, hint\n",
            config.display()
        )
    );
    for file in ["sub/.claude/agents/a.md", ".claude/agents/b.md"] {
        assert_eq!(
            std::fs::read_to_string(dir.path().join(file)).unwrap(),
            unfixed
        );
    }
}

/// Recognition comes from the tool folders on the path, not from a repository: a file in
/// `.claude/agents` (and in `.cursor/agents`) under a folder with no `.git` above it is
/// checked, named from an unrelated folder, from its own folder, or walked.
#[test]
fn a_persona_outside_any_repository_is_recognised_by_its_folders() {
    let dir = tempfile::tempdir().unwrap();
    let agent = dir.path().join("work/.claude/agents/x.agent.md");
    let cursor = dir.path().join("work/.cursor/agents/y.md");
    std::fs::create_dir_all(agent.parent().unwrap()).unwrap();
    std::fs::create_dir_all(cursor.parent().unwrap()).unwrap();
    std::fs::write(
        &agent,
        "---\nname: x\ndescription: d\nmodel: gpt-4\n---\nBody\n",
    )
    .unwrap();
    std::fs::write(
        &cursor,
        "---\nname: y\ndescription: d\nmodel: fast\n---\nBody\n",
    )
    .unwrap();
    assert!(
        !dir.path().ancestors().any(|a| a.join(".git").exists()),
        "the test needs a folder outside every repository"
    );
    let elsewhere = tempfile::tempdir().unwrap();
    let named = [agent.to_str().unwrap(), cursor.to_str().unwrap()];
    for (cwd, args) in [
        (
            elsewhere.path(),
            vec!["check", "--format", "json", named[0], named[1]],
        ),
        (
            agent.parent().unwrap(),
            vec!["check", "--format", "json", "x.agent.md"],
        ),
        (dir.path(), vec!["check", "--format", "json", "work"]),
    ] {
        let o = run(cwd, &args);
        assert_eq!(
            codes_of(&o),
            [("x.agent.md".to_string(), "invalid-value".to_string())],
            "{args:?} from {cwd:?}: {}",
            stderr(&o)
        );
    }
}

/// A generic `agents/` folder is OpenCode's beside OpenCode's configuration: `opencode.jsonc`
/// or `.opencode/` in a folder from the file's up to the project root, in a repository or not.
#[test]
fn opencode_configuration_makes_an_agents_folder_opencode() {
    let agent = "---\ndescription: Reviews code\nmodel: sonnet\n---\nBody\n";
    for marker in ["opencode.jsonc", "opencode.json", ".opencode/"] {
        let dir = project(&[("configs/agents/reviewer.md", agent.as_bytes())]);
        let m = dir.path().join("configs").join(marker);
        if marker.ends_with('/') {
            std::fs::create_dir_all(&m).unwrap();
        } else {
            std::fs::write(&m, "{}").unwrap();
        }
        let o = run(dir.path(), &["check", "--format", "json", "."]);
        // OpenCode's message for a model without its provider: the file is OpenCode's.
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        let messages: Vec<&str> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["message"].as_str().unwrap())
            .collect();
        assert_eq!(
            messages,
            [
                "OpenCode reads `agents/` only inside a config directory (`.opencode/`, `~/.config/opencode/`, or the folder `$OPENCODE_CONFIG_DIR` names): from here this agent is read only once its folder is installed or pointed at as one.",
                "OpenCode model ids are `provider/model-id` (e.g. `anthropic/claude-…`, `openai/gpt-…`); `sonnet` has no provider."
            ],
            "{marker}"
        );
    }
    // Without the marker it is a Claude Code agent, which needs a `name`.
    let dir = project(&[("configs/agents/reviewer.md", agent.as_bytes())]);
    let o = run(dir.path(), &["check", "--format", "json", "."]);
    assert_eq!(
        codes_of(&o),
        [(
            "reviewer.md".to_string(),
            "missing-required-key".to_string()
        )]
    );
    // A marker above the repository does not count.
    let outer = tempfile::tempdir().unwrap();
    std::fs::write(outer.path().join("opencode.json"), "{}").unwrap();
    let inner = outer.path().join("repo");
    std::fs::create_dir_all(inner.join(".git")).unwrap();
    std::fs::create_dir_all(inner.join("agents")).unwrap();
    std::fs::write(inner.join("agents/reviewer.md"), agent).unwrap();
    let o = run(&inner, &["check", "--format", "json", "."]);
    assert_eq!(
        codes_of(&o),
        [(
            "reviewer.md".to_string(),
            "missing-required-key".to_string()
        )]
    );
}

#[test]
fn a_repository_with_a_plugin_manifest_has_plugin_agents_and_skills() {
    // `.claude-plugin/plugin.json` makes its folder a plugin's root: `agents/` and `skills/`
    // beside it are the plugin's, at the repository's root or in a folder below it. Without
    // the manifest the same files are project files.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let agent = "---\nname: a\ndescription: d\npermissionMode: plan\n---\nBody\n";
    let skill = "---\nname: my-skill\ndescription: d\n---\nBody\n";
    for (path, text) in [
        (".git/HEAD", ""),
        (".claude-plugin/plugin.json", "{\"name\": \"p\"}"),
        ("agents/a.md", agent),
        ("skills/other/SKILL.md", skill),
        ("packages/q/.claude-plugin/plugin.json", "{\"name\": \"q\"}"),
        ("packages/q/agents/a.md", agent),
        ("docs/agents/a.md", agent),
    ] {
        std::fs::create_dir_all(d.join(path).parent().unwrap()).unwrap();
        std::fs::write(d.join(path), text).unwrap();
    }
    let out = stdout(&run(d, &["check", "."]));
    let plugin_agent =
        "warning[ineffective-key]: Claude Code ignores `permissionMode` in a plugin's files";
    assert!(
        out.contains(&format!("./agents/a.md:4:1: {plugin_agent}")),
        "{out}"
    );
    assert!(
        out.contains(&format!("./packages/q/agents/a.md:4:1: {plugin_agent}")),
        "{out}"
    );
    assert!(out.contains("`/<plugin>:my-skill`"), "{out}");
    // `docs/agents` is not beside a manifest: not a plugin's.
    assert!(
        !out.contains("./docs/agents/a.md:4:1: warning[ineffective-key]"),
        "{out}"
    );
    std::fs::remove_file(d.join(".claude-plugin/plugin.json")).unwrap();
    let out = stdout(&run(d, &["check", "."]));
    assert!(
        !out.contains("./agents/a.md:4:1: warning[ineffective-key]"),
        "{out}"
    );
    assert!(
        out.contains("names the skill's command after the folder (`/other`)"),
        "{out}"
    );
}

/// The acceptance workspace of the cross-file rules (`tests/fixtures/workspace`): every
/// reference kind, a duplicate name within a scope, across nested folders and across the
/// project and the user folder, a plugin's qualified names, and a scope over its budget.
/// Copied to a repository of its own, with a home folder beside it.
fn workspace_fixture() -> tempfile::TempDir {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let dir = tempfile::tempdir().unwrap();
    let proj = dir.path().join("proj");
    std::fs::create_dir_all(proj.join(".git")).unwrap();
    copy_dir(&fixtures.join("workspace"), &proj);
    std::fs::create_dir_all(dir.path().join("home")).unwrap();
    copy_dir(&fixtures.join("workspace-home"), &dir.path().join("home"));
    dir
}

fn run_home(dir: &Path, args: &[&str]) -> Output {
    bin()
        .current_dir(dir)
        .env("HOME", dir.join("home"))
        .args(args)
        .output()
        .expect("run persona-ls")
}

#[test]
fn the_workspace_fixture_gets_every_cross_file_finding() {
    let dir = workspace_fixture();
    let o = run_home(dir.path(), &["check", "proj", "home/.claude"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    expect_test::expect_file!["snapshots/workspace_check.txt"].assert_eq(&stdout(&o));
}

/// `check FILE` indexes the project around it: the agent's preloads resolve against the
/// project's skills, and its name against the other agents.
#[test]
fn checking_one_file_sees_the_rest_of_its_project() {
    let dir = workspace_fixture();
    let o = run_home(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "proj/.claude/agents/reviewer.md",
            "proj/.claude/agents/lead.md",
        ],
    );
    assert_eq!(
        codes_of(&o),
        [
            ("lead.md".to_string(), "context-budget".to_string()),
            ("lead.md".to_string(), "unknown-reference".to_string()),
            ("lead.md".to_string(), "unknown-reference".to_string()),
            ("lead.md".to_string(), "unknown-reference".to_string()),
            ("reviewer.md".to_string(), "duplicate-name".to_string()),
            ("reviewer.md".to_string(), "duplicate-name".to_string()),
        ]
    );
}

/// With the cross-file rules off, the output is what a run without the index prints.
#[test]
fn with_the_cross_file_rules_off_the_index_adds_nothing() {
    let dir = workspace_fixture();
    std::fs::write(
        dir.path().join("proj/.persona-ls.toml"),
        "[rules]\nduplicate-name = \"off\"\nunknown-reference = \"off\"\ncontext-budget = \"off\"\nbroken-link = \"off\"\n",
    )
    .unwrap();
    let o = run_home(dir.path(), &["check", "--format", "json", "proj"]);
    assert_eq!(codes_of(&o), Vec::<(String, String)>::new());
}

#[test]
fn budget_lists_each_scope_by_cost_against_its_limit() {
    let dir = workspace_fixture();
    let o = run_home(dir.path(), &["check", "--budget", "proj"]);
    // Exit 1: this project's subagent descriptions are over the fixture's 40 tokens.
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    expect_test::expect_file!["snapshots/workspace_budget.txt"].assert_eq(&stdout(&o));
}
