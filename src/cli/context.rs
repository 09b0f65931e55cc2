//! The workspace index of a run: every persona of the projects around the paths named, so
//! that the cross-file rules see the skills an agent preloads even when only the agent is
//! checked (`check .claude/agents/a.md`). Each project is walked once, on every core, and only
//! each file's front matter is parsed.

use crate::project::{self, Project};
use crate::workspace::{self, Origin, Record};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::plan::Root;

/// The folders to index: the project around each path named, when it is a real project (a
/// repository, or a folder with a `.persona-ls.toml`), else the folder named, or for a file
/// the folder that holds its tool folder (`x/` for `x/.claude/agents/a.md`). Never more:
/// a run from `/tmp` must not walk `/tmp`.
pub fn roots(project: &Project, named: &[Root]) -> Vec<PathBuf> {
    let home = project::home_from_env();
    let mut out: Vec<PathBuf> = named
        .iter()
        .map(|r| {
            let folder = if r.explicit_file {
                r.abs.parent().map_or(r.abs.clone(), Path::to_path_buf)
            } else {
                r.abs.clone()
            };
            let probe = if r.explicit_file {
                r.abs.clone()
            } else {
                r.abs.join("_.md")
            };
            let walk = (!r.explicit_file).then_some(r.abs.as_path());
            let root = project.place(&probe, walk).root;
            let real = root.join(".git").exists() || root.join(crate::config::FILE_NAME).exists();
            if real
                && folder.starts_with(&root)
                && root.components().count() > 1
                && Some(&root) != home.as_ref()
            {
                root
            } else if r.explicit_file {
                tool_folder_parent(&folder).unwrap_or(folder)
            } else {
                folder
            }
        })
        .collect();
    out.sort();
    out.dedup();
    // A root inside another is indexed with it.
    let all = out.clone();
    out.retain(|r| !all.iter().any(|o| o != r && r.starts_with(o)));
    out
}

/// The folder holding the outermost tool folder (`.claude`, `.github`, …) above `folder`.
fn tool_folder_parent(folder: &Path) -> Option<PathBuf> {
    let markers = &crate::schema::Schema::builtin().locations.markers;
    folder
        .ancestors()
        .filter(|a| {
            a.file_name()
                .is_some_and(|n| markers.iter().any(|m| n == m.as_str()))
        })
        .last()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
}

/// The records of every persona under `roots` that is not in `checked` (those were recorded
/// as they were checked), in path order: the index, and what it reports first, do not depend
/// on which core finished first.
pub fn index(
    project: &Project,
    roots: &[PathBuf],
    checked: &HashSet<&Path>,
) -> Vec<(PathBuf, Record)> {
    let found = Mutex::new(Vec::new());
    for root in roots {
        let visit = |path: &Path| {
            if checked.contains(path) {
                return;
            }
            if let Some(record) = index_file(project, path, root).and_then(|e| e.record) {
                found
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push((path.to_path_buf(), record));
            }
        };
        project.walk(root, &visit);
    }
    let mut found = found.into_inner().unwrap_or_else(|e| e.into_inner());
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found
}

fn index_file(project: &Project, path: &Path, root: &Path) -> Option<workspace::FileIndex> {
    let located = project.locate(path, Some(root)).ok()?;
    if located.excluded {
        return None;
    }
    let text = super::files::read(path).ok()?;
    let origin = Origin::of(&located.place);
    // `--dialect` names the dialect of the files named, not of the whole project's.
    workspace::index_text(&text, &origin, &located.registry, None)
}
