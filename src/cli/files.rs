//! Finding and reading persona files, and writing fixes back safely.

use crate::dialect::Registry;
use ignore::{WalkBuilder, WalkState};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Files larger than this are not read: no persona is that long, and a huge file is more
/// likely a data file with a `.md` name.
pub const MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

/// The folder that dialect globs are relative to: the nearest ancestor with `.git` or a
/// configuration file, else the current directory when `dir` is inside it, else `dir`.
pub fn project_root(dir: &Path) -> PathBuf {
    for d in dir.ancestors() {
        if d.join(".git").exists() || d.join(crate::config::FILE_NAME).is_file() {
            return d.to_path_buf();
        }
    }
    match std::env::current_dir().and_then(std::fs::canonicalize) {
        Ok(cwd) if dir.starts_with(&cwd) => cwd,
        _ => dir.to_path_buf(),
    }
}

/// `path` relative to `project`, with `/` separators (what the globs match).
pub fn rel_path(path: &Path, project: &Path) -> String {
    let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    slash_path(abs.strip_prefix(project).unwrap_or(&abs))
}

fn slash_path(rel: &Path) -> String {
    let parts: Vec<String> = rel
        .components()
        .filter_map(|c| match c {
            std::path::Component::Normal(p) => Some(p.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    parts.join("/")
}

pub fn is_markdown(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("md" | "mdc" | "markdown")
    )
}

/// The walk persona files are found by: `.gitignore` honoured (with or without a git
/// repository), hidden folders walked (`.claude`, `.github`, `.opencode`, `.cursor` are where
/// personas live), `.git` and `node_modules` skipped.
pub fn walker(root: &Path) -> WalkBuilder {
    let mut b = WalkBuilder::new(root);
    b.hidden(false)
        .git_ignore(true)
        .git_exclude(true)
        .require_git(false)
        .parents(true)
        .filter_entry(|e| {
            let name = e.file_name();
            !(e.file_type().is_some_and(|t| t.is_dir())
                && (name == ".git" || name == "node_modules"))
        });
    b
}

/// Calls `visit` with every Markdown file under `root` and its path relative to `project`,
/// honouring `.gitignore`, on every core: the walk, the reads and the analysis all run in the
/// walker's threads. Hidden folders are walked (`.claude`, `.github`, `.opencode`, `.cursor`
/// are where personas live); `.git` and `node_modules` are not.
pub fn for_each_file(
    root: &Path,
    registry: &Registry,
    project: &Path,
    visit: &(dyn Fn(&Path, &str) + Sync),
) {
    if root.is_file() {
        visit(root, &rel_path(root, project));
        return;
    }
    // Resolve the root once; every walked path is the root joined with a plain suffix, so no
    // per-file `canonicalize` (a syscall per path component) is needed.
    let base = rel_path(root, project);
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    walker(root).threads(threads).build_parallel().run(|| {
        let base = &base;
        Box::new(move |entry| {
            let Ok(entry) = entry else {
                return WalkState::Continue;
            };
            let path = entry.path();
            if entry.file_type().is_some_and(|t| t.is_file()) && is_markdown(path) {
                let suffix = slash_path(path.strip_prefix(root).unwrap_or(path));
                let rel = if base.is_empty() {
                    suffix
                } else {
                    format!("{base}/{suffix}")
                };
                if !registry.is_excluded(&rel) {
                    visit(path, &rel);
                }
            }
            WalkState::Continue
        })
    });
}

/// Reads a file as UTF-8 text, refusing what is not a persona-sized text file.
pub fn read(path: &Path) -> Result<String, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if meta.len() > MAX_FILE_SIZE {
        return Err(format!(
            "skipped: {} MB is over the 10 MB limit for a persona file",
            meta.len() / (1024 * 1024)
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    if bytes.contains(&0) {
        return Err("skipped: binary file (contains NUL bytes)".to_string());
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "skipped: not UTF-8 (invalid byte at offset {}); save it as UTF-8",
            e.utf8_error().valid_up_to()
        )
    })
}

/// Writes `text` to `path` through a temporary file in the same folder and a rename, so that
/// a crash never leaves a half-written persona. Permissions are kept.
pub fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.persona-ls.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        if let Ok(meta) = std::fs::metadata(path) {
            std::fs::set_permissions(&tmp, meta.permissions())?;
        }
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
