//! The workspace: its folders (`workspace/didChangeWorkspaceFolders`), file-watch events
//! (`workspace/didChangeWatchedFiles`), and the engine's workspace index kept current from
//! them, from a background scan of the folders (with progress where the client shows it),
//! and from the open documents. What is read from disk also gives the diagnostics of the
//! files that are not open (`closed`).

use super::closed::{self, Read, Update};
use crate::config::FILE_NAME;
use crate::lsp::from_proto;
use crate::lsp::server::Shared;
use crate::lsp::state;
use crate::project::{Project, is_markdown};
use crate::text::Encoding;
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;
use tokio::sync::mpsc::UnboundedSender;
use tower_lsp_server::ls_types as lsp;

/// A file or folder a watch event (or a close) names.
pub enum Event {
    /// Created or changed: read again (a folder: everything in it).
    Changed(PathBuf),
    /// Deleted: a Markdown file, or a folder (VS Code names only the folder of a renamed or
    /// deleted skill folder).
    Deleted(PathBuf),
}

pub fn did_change_watched_files(shared: &Arc<Shared>, params: lsp::DidChangeWatchedFilesParams) {
    let mut config = false;
    let mut events = Vec::new();
    for change in params.changes {
        let Some(path) = from_proto::file_path(&change.uri) else {
            continue;
        };
        let deleted = change.typ == lsp::FileChangeType::DELETED;
        if path.file_name().is_some_and(|n| n == FILE_NAME) {
            config = true;
        } else if deleted {
            events.push(Event::Deleted(crate::project::canonical(&path)));
        } else if is_markdown(&path) || path.is_dir() {
            events.push(Event::Changed(crate::project::canonical(&path)));
        }
    }
    if config {
        // Rescans the folders with the new configuration.
        shared.config_changed();
    } else {
        shared.reindex(events, HashSet::new());
    }
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
    let gone = removed
        .into_iter()
        .map(|r| (r, Update::RemovedUnder))
        .collect();
    shared.apply(gone, &HashSet::new(), false);
    // Re-resolves the open documents and rescans every folder (the new ones included).
    shared.config_changed();
}

/// What a walk of folders read.
#[derive(Default)]
struct Walked {
    updates: Vec<(PathBuf, Update)>,
    /// Files not read, and why.
    skipped: Vec<(PathBuf, String)>,
    /// Markdown files seen.
    files: usize,
}

impl Walked {
    fn read(&mut self, path: PathBuf, project: &Project, enc: Encoding) {
        let read = closed::read(&path, project, enc);
        self.add(path, read);
    }

    fn add(&mut self, path: PathBuf, read: Read) {
        if let Read::Skipped(why) = &read {
            self.skipped.push((path.clone(), why.clone()));
        }
        self.updates.push((path, Update::Read(read)));
    }

    /// Walks `folders` (honouring `.gitignore`; `.git` and `node_modules` skipped) and reads
    /// every Markdown file on every core, telling `progress` the count every thousand files.
    /// What was read is sorted by path: the index and the publishes do not depend on which
    /// core read a file first.
    fn walk(
        &mut self,
        folders: &[PathBuf],
        project: &Project,
        enc: Encoding,
        progress: Option<&UnboundedSender<usize>>,
    ) {
        let found = std::sync::Mutex::new(std::mem::take(self));
        let seen = std::sync::atomic::AtomicUsize::new(0);
        for folder in folders {
            project.walk(folder, &|path| {
                let path = crate::project::canonical(path);
                let read = closed::read(&path, project, enc);
                let n = seen.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                if n.is_multiple_of(1000)
                    && let Some(tx) = progress
                {
                    let _ = tx.send(n);
                }
                found
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .add(path, read);
            });
        }
        *self = found.into_inner().unwrap_or_else(|e| e.into_inner());
        self.files += seen.into_inner();
        self.updates.sort_by(|a, b| a.0.cmp(&b.0));
        self.skipped.sort();
    }

    fn log_skipped(&self) {
        for (path, why) in &self.skipped {
            tracing::warn!("workspace index: {}: {why}", path.display());
        }
    }
}

/// The token of the scan's progress report.
const PROGRESS: &str = "persona-ls/index";

impl Shared {
    /// Indexes the workspace folders in the background, reports the files that are not open,
    /// and drops what the index held under them that is gone. Abandoned when the
    /// configuration changes meanwhile (that change scans again).
    pub(in crate::lsp) fn scan(self: &Arc<Self>, folders: Vec<PathBuf>) {
        let shared = self.clone();
        tokio::spawn(async move {
            let (project, flags, generation) = {
                let st = shared.lock();
                (st.project.clone(), st.flags, st.generation)
            };
            let progress = if flags.work_done_progress {
                let token = lsp::ProgressToken::String(PROGRESS.to_string());
                match shared.client.create_work_done_progress(token.clone()).await {
                    Ok(()) => Some(
                        shared
                            .client
                            .progress(token, "persona-ls: indexing the workspace")
                            .begin()
                            .await,
                    ),
                    Err(_) => None,
                }
            } else {
                None
            };
            let (tx, mut counts) = tokio::sync::mpsc::unbounded_channel();
            let scanned = folders.clone();
            let walk = tokio::task::spawn_blocking(move || {
                let mut walked = Walked::default();
                walked.walk(&scanned, &project, flags.encoding, Some(&tx));
                walked
            });
            while let Some(n) = counts.recv().await {
                if let Some(p) = &progress {
                    p.report(format!("indexed {n} files")).await;
                }
            }
            let walked = walk.await.ok();
            let files = walked.as_ref().map_or(0, |w| w.files);
            let current = shared.lock().generation == generation;
            let Some(mut walked) = walked.filter(|_| current) else {
                if let Some(p) = progress {
                    p.finish().await;
                }
                return;
            };
            walked.log_skipped();
            let found: HashSet<PathBuf> = walked.updates.iter().map(|(p, _)| p.clone()).collect();
            let stale: Vec<PathBuf> = shared
                .index()
                .personas
                .iter()
                .map(|(p, _)| p)
                // Not found by the walk and gone from the disk: a file created after the walk
                // passed its folder was indexed by its own watch event, and stays.
                .filter(|p| folders.iter().any(|f| p.starts_with(f)) && !found.contains(*p))
                .filter(|p| !p.is_file())
                .cloned()
                .collect();
            walked
                .updates
                .extend(stale.into_iter().map(|p| (p, Update::Removed)));
            // The index is complete once these are in: `unknown-reference` is reported.
            shared.apply(walked.updates, &HashSet::new(), true);
            // The end of the progress report says the index is complete.
            if let Some(p) = progress {
                p.finish_with_message(format!("indexed {files} files"))
                    .await;
            }
            tracing::info!(
                "workspace index: {} persona files ({files} Markdown files read, {} skipped)",
                shared.index().len(),
                walked.skipped.len()
            );
            if flags.pull_diagnostics {
                shared.refresh();
            }
        });
    }

    /// The files of the open documents.
    pub(in crate::lsp) fn open_paths(&self) -> HashSet<PathBuf> {
        let st = self.lock();
        st.docs
            .values()
            .filter_map(|d| d.location.path.clone())
            .collect()
    }

    /// Re-reads what `events` name into the index and the files that are not open, in the
    /// background (see [`Shared::apply`] for `shown`). Open documents are left alone: the
    /// index follows their editor text.
    pub(in crate::lsp) fn reindex(self: &Arc<Self>, events: Vec<Event>, shown: HashSet<PathBuf>) {
        if events.is_empty() {
            return;
        }
        let shared = self.clone();
        tokio::spawn(async move {
            let (project, enc) = {
                let st = shared.lock();
                (st.project.clone(), st.flags.encoding)
            };
            let read = tokio::task::spawn_blocking(move || {
                let mut walked = Walked::default();
                for event in events {
                    match event {
                        Event::Changed(p) if p.is_dir() => walked.walk(&[p], &project, enc, None),
                        Event::Changed(p) => walked.read(p, &project, enc),
                        Event::Deleted(p) if is_markdown(&p) => {
                            walked.updates.push((p, Update::Removed))
                        }
                        Event::Deleted(p) => walked.updates.push((p, Update::RemovedUnder)),
                    }
                }
                walked
            })
            .await;
            if let Ok(walked) = read {
                walked.log_skipped();
                // A file opened while it was read: its editor text wins (`apply` skips it).
                shared.apply(walked.updates, &shown, false);
            }
        });
    }
}
