//! `--fix` over every persona of the real corpus (../shared/corpus, when it is beside the
//! checkout; the examples otherwise): the fixes are idempotent, keep line endings, the BOM and
//! the final newline, change nothing a reader takes from the file but the keys they fix, and
//! the binary writes them in place (mode and inode kept) without ever writing through a link
//! planted at a temporary file's name.

use persona_ls::analysis::{Location, analyze, fix_all};
use persona_ls::diagnostic::apply_edits;
use persona_ls::project::Project;
use persona_ls::syntax::front_matter;
use std::path::{Path, PathBuf};

#[path = "common/corpus.rs"]
mod corpus;

fn corpus() -> (tempfile::TempDir, PathBuf) {
    let work = tempfile::tempdir().unwrap();
    let tree = work.path().join("corpus");
    if corpus::materialize(&tree) == 0 {
        eprintln!("../shared/corpus not found: the properties run on the examples");
        copy(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples"),
            &tree,
        );
    }
    (work, tree)
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let t = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy(&e.path(), &t);
        } else {
            std::fs::copy(e.path(), t).unwrap();
        }
    }
}

fn files(tree: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in persona_ls::project::walker(tree).build().flatten() {
        if e.file_type().is_some_and(|t| t.is_file()) && persona_ls::project::is_markdown(e.path())
        {
            out.push(e.path().to_path_buf());
        }
    }
    out.sort();
    out
}

/// The front matter as a strict reader takes it: `None` when it does not parse.
fn read_keys(text: &str) -> Option<serde_yaml_ng::Mapping> {
    let split = front_matter::split(text);
    let block = split.closed_block()?;
    serde_yaml_ng::from_str(&text[block.content.clone()]).ok()
}

fn bare_lf(s: &str) -> bool {
    s.bytes()
        .enumerate()
        .any(|(i, b)| b == b'\n' && (i == 0 || s.as_bytes()[i - 1] != b'\r'))
}

#[test]
fn fixes_keep_what_readers_read() {
    let (_work, tree) = corpus();
    let tree = std::fs::canonicalize(&tree).unwrap();
    let project = Project::for_check(None, None);
    let mut fixed_files = 0;
    for path in files(&tree) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let located = project.locate(&path, Some(&tree)).unwrap();
        let location = Location::at(&located.place.rel_path);
        let registry = &located.registry;
        let Some(fixed) = fix_all::fix_text(&text, location, registry) else {
            continue;
        };
        fixed_files += 1;
        let name = path.display();
        // Idempotent.
        assert_eq!(
            fix_all::fix_text(&fixed, location, registry),
            None,
            "{name}: fixing again changes it"
        );
        // Line endings, the BOM and the final newline.
        if text.contains("\r\n") && !bare_lf(&text) {
            assert!(!bare_lf(&fixed), "{name}: a CRLF file got a bare LF");
        }
        if !text.contains('\r') {
            assert!(!fixed.contains('\r'), "{name}: an LF file got a CR");
        }
        assert_eq!(
            text.starts_with('\u{feff}'),
            fixed.starts_with('\u{feff}'),
            "{name}: BOM"
        );
        if text.ends_with('\n') {
            assert!(fixed.ends_with('\n'), "{name}: lost its final newline");
        }
        // Round by round: the keys no applied fix touches read the same, and the body is
        // untouched unless a fix is in it.
        let mut current = text.clone();
        for _ in 0..4 {
            let a = analyze(&current, location, registry);
            let edits = fix_all::safe_edits(&a.diagnostics);
            if edits.is_empty() {
                break;
            }
            let next = apply_edits(&current, &edits);
            let parsed = persona_ls::analysis::Parsed::new(&current);
            let touched: Vec<String> = parsed
                .yaml
                .iter()
                .flat_map(|y| &y.entries)
                .filter(|e| {
                    edits
                        .iter()
                        .any(|x| x.range.start <= e.range.end && e.key_range.start <= x.range.end)
                })
                .map(|e| e.key.clone())
                .collect();
            if let (Some(before), Some(after)) = (read_keys(&current), read_keys(&next)) {
                for (k, v) in &before {
                    let key = k.as_str().unwrap_or_default();
                    if !touched.iter().any(|t| t == key) {
                        assert_eq!(after.get(k), Some(v), "{name}: `{key}` changed");
                    }
                }
            }
            let body = parsed.split.body_start;
            if edits.iter().all(|e| e.range.end < body) && body <= current.len() {
                let shift = next.len() as isize - current.len() as isize;
                let new_body = (body as isize + shift) as usize;
                assert_eq!(
                    &next[new_body..],
                    &current[body..],
                    "{name}: the body changed"
                );
            }
            current = next;
        }
        assert_eq!(current, fixed, "{name}: fix_text and its rounds differ");
    }
    eprintln!("{fixed_files} files fixed");
    assert!(
        fixed_files > 0,
        "nothing to fix: the property proves nothing"
    );
}

#[cfg(unix)]
#[test]
fn the_binary_fixes_in_place_and_never_through_a_planted_link() {
    use std::os::unix::fs::{MetadataExt, symlink};
    let (work, tree) = corpus();
    let sentinel = work.path().join("sentinel");
    std::fs::write(&sentinel, "untouched").unwrap();
    let list = files(&tree);
    let mut before = Vec::new();
    for (i, p) in list.iter().enumerate() {
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        let dir = p.parent().unwrap();
        // The old writer's names for a few pids, and names shaped like today's.
        for pid in [1, 2, 100, 4242, i as u32 + 300] {
            let _ = symlink(&sentinel, dir.join(format!(".{name}.persona-ls.{pid}.tmp")));
        }
        let _ = symlink(
            &sentinel,
            dir.join(format!(".{name}.AbC123.persona-ls.tmp")),
        );
        let _ = symlink(
            work.path().join(format!("created-{i}")),
            dir.join(format!(".{name}.persona-ls.0.tmp")),
        );
        let m = std::fs::metadata(p).unwrap();
        before.push((m.ino(), m.mode()));
    }
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_persona-ls"))
        .args(["check", "--fix", "--format", "json"])
        .arg(&tree)
        .output()
        .unwrap();
    assert!(
        matches!(o.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(std::fs::read_to_string(&sentinel).unwrap(), "untouched");
    let created: Vec<_> = std::fs::read_dir(work.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("created-"))
        .collect();
    assert!(created.is_empty(), "a link's target was created");
    for (p, (ino, mode)) in list.iter().zip(before) {
        let m = std::fs::metadata(p).unwrap();
        assert_eq!((m.ino(), m.mode()), (ino, mode), "{}", p.display());
    }
}
