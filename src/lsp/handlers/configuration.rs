//! Configuration: settings from the client (`workspace/didChangeConfiguration`, or pulled with
//! `workspace/configuration`), `.persona-ls.toml` changes (re-resolving every open document
//! and re-checking it), and errors in configuration files.

use super::diagnostics::Job;
use crate::document::Revision;
use crate::lsp::server::{Shared, lock};
use crate::lsp::{from_proto, state, to_proto};
use crate::project::{ConfigProblem, DocLocation};
use std::sync::Arc;
use tower_lsp_server::ls_types as lsp;

pub fn did_change_configuration(shared: &Arc<Shared>, params: lsp::DidChangeConfigurationParams) {
    let has_settings = from_proto::settings(params.settings.clone()).is_some();
    if has_settings {
        shared.apply_settings(params.settings);
    } else if shared.flags().configuration {
        shared.pull_settings();
    }
}

impl Shared {
    /// Reports configuration files that failed to load (spawned).
    pub(in crate::lsp) fn report(self: &Arc<Self>, problems: Vec<ConfigProblem>) {
        if problems.is_empty() {
            return;
        }
        let shared = self.clone();
        tokio::spawn(async move { shared.report_now(problems).await });
    }

    /// A message for each broken configuration file and, in push mode, a diagnostic on the
    /// file (unless it is open: its own check publishes what the editor shows).
    async fn report_now(&self, problems: Vec<ConfigProblem>) {
        let flags = self.flags();
        for p in problems {
            let text = p.error.render(Some(&p.text));
            self.client
                .show_message(lsp::MessageType::ERROR, format!("persona-ls: {text}"))
                .await;
            let Some(uri) = to_proto::uri(&p.path) else {
                continue;
            };
            let open = self.lock().docs.contains_key(&uri);
            if flags.pull_diagnostics || open {
                continue;
            }
            let file = Revision::new(p.text, 0);
            let range = p.error.range.clone().unwrap_or(0..0);
            let d = to_proto::config_diagnostic(&file, &range, &p.error.message, flags.encoding);
            self.client
                .publish_diagnostics(uri.clone(), vec![d], None)
                .await;
            lock(&self.config_errors).insert(uri);
        }
    }

    /// Clears the diagnostics published on configuration files.
    async fn clear_config_errors(&self) {
        let uris: Vec<lsp::Uri> = lock(&self.config_errors).drain().collect();
        for uri in uris {
            self.client.publish_diagnostics(uri, Vec::new(), None).await;
        }
    }

    /// After a configuration change: re-resolve the open documents (on the blocking pool:
    /// building a registry takes milliseconds), re-check them and, in pull mode, ask the
    /// client to pull again.
    pub(in crate::lsp) fn config_changed(self: &Arc<Self>) {
        let (project, uris, generation, pull) = {
            let mut st = self.lock();
            st.project = Arc::new(st.project.renewed());
            st.generation += 1;
            let uris: Vec<lsp::Uri> = st.docs.keys().cloned().collect();
            (
                st.project.clone(),
                uris,
                st.generation,
                st.flags.pull_diagnostics,
            )
        };
        let shared = self.clone();
        tokio::spawn(async move {
            let located = tokio::task::spawn_blocking(move || {
                project.warm();
                let located: Vec<(lsp::Uri, Arc<DocLocation>)> = uris
                    .into_iter()
                    .map(|u| {
                        let loc = Arc::new(super::locate(&project, &u));
                        (u, loc)
                    })
                    .collect();
                (located, project.take_problems())
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
                    if let Some(open) = st.docs.get_mut(&uri) {
                        open.location = loc;
                        open.computed = Arc::default();
                    }
                }
            }
            shared.clear_config_errors().await;
            shared.report_now(problems).await;
            shared.queue(Job::CheckAll);
            // The files that are not open, under the new configuration (its scan refreshes
            // a pulling client when it is done).
            let folders = shared.lock().project.folders().to_vec();
            shared.scan(folders);
            if pull {
                shared.refresh();
            }
        });
    }

    fn apply_settings(self: &Arc<Self>, value: serde_json::Value) {
        match from_proto::settings(value) {
            Some(Ok(cfg)) => {
                let mut st = self.lock();
                st.project = state::project(st.project.folders(), cfg);
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
    pub(in crate::lsp) fn pull_settings(self: &Arc<Self>) {
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
}
