//! The workspace: its folders (`workspace/didChangeWorkspaceFolders`), file-watch events
//! (`workspace/didChangeWatchedFiles`), and the engine's workspace index kept current from
//! them, from a background scan of the folders, and from the open documents.

use crate::config::FILE_NAME;
use crate::lsp::from_proto;
use crate::lsp::server::Shared;
use crate::lsp::state;
use crate::project::Project;
use crate::workspace;
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;
use tower_lsp_server::ls_types as lsp;

pub fn did_change_watched_files(shared: &Arc<Shared>, params: lsp::DidChangeWatchedFilesParams) {
    let mut config = false;
    let mut markdown: Vec<(PathBuf, bool)> = Vec::new();
    for change in params.changes {
        let Some(path) = from_proto::file_path(&change.uri) else {
            continue;
        };
        if path.file_name().is_some_and(|n| n == FILE_NAME) {
            config = true;
        } else if crate::project::is_markdown(&path) {
            markdown.push((
                crate::project::canonical(&path),
                change.typ == lsp::FileChangeType::DELETED,
            ));
        }
    }
    if config {
        shared.config_changed();
    }
    shared.reindex(markdown);
}

pub fn did_change_workspace_folders(
    shared: &Arc<Shared>,
    params: lsp::DidChangeWorkspaceFoldersParams,
) {
    let added = from_proto::folders(&params.event.added);
    let removed = from_proto::folders(&params.event.removed);
    {
        let mut st = shared.lock();
        let mut folders = st.project.folders().to_vec();
        folders.retain(|f| !removed.contains(f));
        folders.extend(added.iter().cloned());
        st.project = state::project(&folders, st.project.settings().clone());
    }
    {
        let mut index = shared.index();
        for r in &removed {
            index.remove_under(r);
        }
    }
    shared.config_changed();
    shared.scan(added);
}

impl Shared {
    /// Indexes the workspace folders in the background.
    pub(in crate::lsp) fn scan(self: &Arc<Self>, folders: Vec<PathBuf>) {
        let shared = self.clone();
        tokio::spawn(async move {
            let project: Arc<Project> = shared.lock().project.clone();
            let found =
                tokio::task::spawn_blocking(move || workspace::scan(&folders, &project)).await;
            let Ok(found) = found else { return };
            let open = shared.open_paths();
            let mut index = shared.index();
            for (path, pairs) in found {
                if !open.contains(&path) {
                    index.set(path, pairs);
                }
            }
            tracing::info!("workspace index: {} persona files", index.len());
        });
    }

    /// The files of the open documents.
    fn open_paths(&self) -> HashSet<PathBuf> {
        let st = self.lock();
        st.docs
            .values()
            .filter_map(|d| d.location.path.clone())
            .collect()
    }

    /// Re-reads Markdown files (`(path, deleted)`) into the workspace index, in the background.
    /// Open documents are left alone: the index follows their editor text.
    pub(in crate::lsp) fn reindex(self: &Arc<Self>, files: Vec<(PathBuf, bool)>) {
        if files.is_empty() {
            return;
        }
        let shared = self.clone();
        tokio::spawn(async move {
            let project: Arc<Project> = shared.lock().project.clone();
            let open = shared.open_paths();
            let read = tokio::task::spawn_blocking(move || {
                files
                    .into_iter()
                    .filter(|(p, _)| !open.contains(p))
                    .map(|(p, deleted)| {
                        let pairs = if deleted {
                            None
                        } else {
                            workspace::index_file(&p, &project)
                        };
                        (p, pairs)
                    })
                    .collect::<Vec<_>>()
            })
            .await;
            if let Ok(read) = read {
                // A file opened while it was read: its editor text wins.
                let open = shared.open_paths();
                let mut index = shared.index();
                for (p, pairs) in read.into_iter().filter(|(p, _)| !open.contains(p)) {
                    match pairs {
                        Some(pairs) => index.set(p, pairs),
                        None => index.remove(&p),
                    };
                }
            }
        });
    }
}
