//! Configuration and workspace upkeep: settings from the client, `.persona-ls.toml` changes
//! (re-resolving every open document and re-checking it), errors in configuration files, and
//! the scan that indexes the values used across the workspace.

use super::{Job, Shared, config_diagnostic, lock};
use crate::lsp::state::{self, ConfigProblem, DocLocation, Locator};
use crate::lsp::workspace;
use ropey::Rope;
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;
use tower_lsp_server::ls_types as lsp;

impl Shared {
    /// Reports configuration files that failed to load (spawned).
    pub(super) fn report(self: &Arc<Self>, problems: Vec<ConfigProblem>) {
        if problems.is_empty() {
            return;
        }
        let shared = self.clone();
        tokio::spawn(async move { shared.report_now(problems).await });
    }

    /// A message for each broken configuration file and, in push mode, a diagnostic on the
    /// file (unless it is open: its own check publishes what the editor shows).
    pub(super) async fn report_now(&self, problems: Vec<ConfigProblem>) {
        let flags = self.flags();
        for p in problems {
            let text = p.error.render(Some(&p.text));
            self.client
                .show_message(lsp::MessageType::ERROR, format!("persona-ls: {text}"))
                .await;
            let Some(uri) = lsp::Uri::from_file_path(&p.path) else {
                continue;
            };
            let open = self.lock().docs.contains_key(&uri);
            if flags.pull_diagnostics || open {
                continue;
            }
            let rope = Rope::from_str(&p.text);
            let range = p.error.range.clone().unwrap_or(0..0);
            let d = config_diagnostic(&rope, range, &p.error.message, flags.encoding);
            self.client
                .publish_diagnostics(uri.clone(), vec![d], None)
                .await;
            lock(&self.config_errors).insert(uri);
        }
    }

    /// Clears the diagnostics published on configuration files.
    pub(super) async fn clear_config_errors(&self) {
        let uris: Vec<lsp::Uri> = lock(&self.config_errors).drain().collect();
        for uri in uris {
            self.client.publish_diagnostics(uri, Vec::new(), None).await;
        }
    }

    /// After a configuration change: re-resolve the open documents (on the blocking pool:
    /// building a registry takes milliseconds), re-check them and, in pull mode, ask the
    /// client to pull again.
    pub(super) fn config_changed(self: &Arc<Self>) {
        let (locator, uris, generation, pull) = {
            let mut st = self.lock();
            st.locator = st.locator.renewed();
            st.generation += 1;
            let uris: Vec<lsp::Uri> = st.docs.keys().cloned().collect();
            (
                st.locator.clone(),
                uris,
                st.generation,
                st.flags.pull_diagnostics,
            )
        };
        let shared = self.clone();
        tokio::spawn(async move {
            let located = tokio::task::spawn_blocking(move || {
                locator.warm();
                let located: Vec<(lsp::Uri, Arc<DocLocation>)> = uris
                    .into_iter()
                    .map(|u| {
                        let loc = Arc::new(state::locate_uri(&locator, &u));
                        (u, loc)
                    })
                    .collect();
                (located, locator.take_problems())
            })
            .await;
            let Ok((located, problems)) = located else {
                return;
            };
            {
                let mut st = shared.lock();
                if st.generation != generation {
                    // A later change is being applied; it re-resolves everything itself.
                    return;
                }
                for (uri, loc) in located {
                    if let Some(doc) = st.docs.get_mut(&uri) {
                        doc.location = loc;
                        doc.computed = Arc::default();
                    }
                }
            }
            shared.clear_config_errors().await;
            shared.report_now(problems).await;
            shared.queue(Job::CheckAll);
            if pull {
                let _ = shared.client.workspace_diagnostic_refresh().await;
            }
        });
    }

    pub(super) fn apply_settings(self: &Arc<Self>, value: serde_json::Value) {
        match state::settings_from_json(value) {
            Some(Ok(cfg)) => {
                let mut st = self.lock();
                st.locator = Locator::new(st.locator.folders().to_vec(), cfg);
                drop(st);
                self.config_changed();
            }
            Some(Err(e)) => {
                let client = self.client.clone();
                tokio::spawn(async move {
                    client
                        .show_message(
                            lsp::MessageType::ERROR,
                            format!("persona-ls: invalid settings: {}", e.message),
                        )
                        .await;
                });
            }
            None => {}
        }
    }

    /// Asks the client for the `persona-ls` settings section (spawned: a client round-trip).
    pub(super) fn pull_settings(self: &Arc<Self>) {
        let client = self.client.clone();
        let shared = Arc::downgrade(self);
        tokio::spawn(async move {
            let item = lsp::ConfigurationItem {
                scope_uri: None,
                section: Some("persona-ls".to_string()),
            };
            if let Ok(mut values) = client.configuration(vec![item]).await
                && let (Some(v), Some(shared)) = (values.pop(), shared.upgrade())
            {
                shared.apply_settings(v);
            }
        });
    }

    /// Indexes the workspace folders in the background.
    pub(super) fn scan(self: &Arc<Self>, folders: Vec<PathBuf>) {
        let shared = self.clone();
        tokio::spawn(async move {
            let locator: Locator = shared.lock().locator.clone();
            let found =
                tokio::task::spawn_blocking(move || workspace::scan(&folders, &locator)).await;
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
    pub(super) fn reindex(self: &Arc<Self>, files: Vec<(PathBuf, bool)>) {
        if files.is_empty() {
            return;
        }
        let shared = self.clone();
        tokio::spawn(async move {
            let locator: Locator = shared.lock().locator.clone();
            let open = shared.open_paths();
            let read = tokio::task::spawn_blocking(move || {
                files
                    .into_iter()
                    .filter(|(p, _)| !open.contains(p))
                    .map(|(p, deleted)| {
                        let pairs = if deleted {
                            None
                        } else {
                            workspace::index_file(&p, &locator)
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
                    }
                }
            }
        });
    }
}
