//! `check --fix` writes only what it means to, only where it means to: never through a link
//! (planted at a temporary name, or as the persona itself), never a read-only or hard-linked
//! file, and in place, so inode, mode and owner stay.

#![cfg(unix)]

use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};
use std::path::Path;
use std::process::{Command, Output};

/// A persona with one safe fix (the `: ` in the description gets quoted).
const BROKEN: &str = "---\nname: a\ndescription: Reviews code: carefully\n---\nBody\n";

fn fix(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_persona-ls"))
        .current_dir(dir)
        .arg("check")
        .arg("--fix")
        .args(args)
        .output()
        .unwrap()
}

fn repo(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    for (p, text) in files {
        let p = dir.path().join(p);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    dir
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn the_fix_is_written_in_place() {
    let dir = repo(&[(".claude/agents/a.md", BROKEN)]);
    let p = dir.path().join(".claude/agents/a.md");
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
    // As root, give the file to someone else: a fix must not make it root's.
    let as_root = unsafe { libc::geteuid() } == 0;
    if as_root {
        std::os::unix::fs::chown(&p, Some(4321), Some(4321)).unwrap();
    }
    let before = std::fs::metadata(&p).unwrap();
    let o = fix(dir.path(), &["."]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = std::fs::read_to_string(&p).unwrap();
    assert_eq!(
        text,
        "---\nname: a\ndescription: 'Reviews code: carefully'\n---\nBody\n"
    );
    let after = std::fs::metadata(&p).unwrap();
    assert_eq!(
        (after.ino(), after.mode(), after.uid(), after.gid()),
        (before.ino(), before.mode(), before.uid(), before.gid())
    );
    let left: Vec<_> = std::fs::read_dir(p.parent().unwrap()).unwrap().collect();
    assert_eq!(left.len(), 1, "no temporary file is left");
}

#[test]
fn links_planted_at_temporary_names_are_never_written_through() {
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("target");
    std::fs::write(&target, "untouched").unwrap();
    let dir = repo(&[(".claude/agents/a.md", BROKEN)]);
    let agents = dir.path().join(".claude/agents");
    // The names the old writer used (`.NAME.persona-ls.<pid>.tmp`) for every plausible pid,
    // and names of the shape the temporary files have now.
    for pid in 1..=4096 {
        symlink(&target, agents.join(format!(".a.md.persona-ls.{pid}.tmp"))).unwrap();
    }
    for suffix in ["AAAAAA", "abcdef", "000000", "zzzzzz"] {
        symlink(
            &target,
            agents.join(format!(".a.md.{suffix}.persona-ls.tmp")),
        )
        .unwrap();
    }
    // A dangling link, which O_CREAT without O_EXCL would have created the target of.
    let created = outside.path().join("created");
    symlink(&created, agents.join(".a.md.persona-ls.0.tmp")).unwrap();
    let o = fix(dir.path(), &["."]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "untouched");
    assert!(!created.exists());
    assert!(
        std::fs::read_to_string(agents.join("a.md"))
            .unwrap()
            .contains("'Reviews code: carefully'")
    );
}

#[test]
fn a_persona_that_is_a_link_is_neither_read_by_the_walk_nor_fixed_through() {
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("x.md");
    std::fs::write(&target, BROKEN).unwrap();
    let dir = repo(&[]);
    let agents = dir.path().join(".claude/agents");
    std::fs::create_dir_all(&agents).unwrap();
    symlink(&target, agents.join("link.md")).unwrap();
    let o = fix(dir.path(), &["."]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("in 0 checked files"));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), BROKEN);
    // Named on the command line, it is checked, but the fix is refused.
    let o = fix(dir.path(), &[".claude/agents/link.md"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "persona-ls: .claude/agents/link.md: is a symbolic link: not fixed (fix the file it points to)\n"
    );
    assert!(String::from_utf8_lossy(&o.stdout).contains("warning[yaml-syntax]"));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), BROKEN);
}

#[test]
fn read_only_and_hard_linked_files_are_refused_with_a_message() {
    let dir = repo(&[
        (".claude/agents/ro.md", BROKEN),
        (".claude/agents/hl.md", BROKEN),
    ]);
    let agents = dir.path().join(".claude/agents");
    std::fs::set_permissions(agents.join("ro.md"), std::fs::Permissions::from_mode(0o444)).unwrap();
    let outside = tempfile::tempdir().unwrap();
    std::fs::hard_link(agents.join("hl.md"), outside.path().join("other-name.md")).unwrap();
    let o = fix(dir.path(), &["."]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("persona-ls: ./.claude/agents/ro.md: is read-only: not fixed\n"),
        "{err}"
    );
    assert!(
        err.contains("persona-ls: ./.claude/agents/hl.md: has 2 hard links (the same file under other names, perhaps outside this folder): not fixed\n"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(agents.join("ro.md")).unwrap(),
        BROKEN
    );
    assert_eq!(
        std::fs::read_to_string(outside.path().join("other-name.md")).unwrap(),
        BROKEN
    );
}

/// The process may not grow files: the fix cannot be written, and nothing is left half
/// written or behind.
#[test]
fn a_failed_write_leaves_the_file_whole_and_no_temporary_file() {
    let dir = repo(&[(".claude/agents/a.md", BROKEN)]);
    let o = Command::new("sh")
        .current_dir(dir.path())
        .arg("-c")
        .arg(format!(
            "trap '' XFSZ; ulimit -f 0; exec '{}' check --fix .",
            env!("CARGO_BIN_EXE_persona-ls")
        ))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("not fixed"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(dir.path().join(".claude/agents/a.md")).unwrap(),
        BROKEN
    );
    assert_eq!(
        std::fs::read_dir(dir.path().join(".claude/agents"))
            .unwrap()
            .count(),
        1
    );
}
