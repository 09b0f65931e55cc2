//! `initialize`, `initialized`, `shutdown`: negotiating capabilities, building the project
//! model for the workspace folders, registering file watchers, starting the workspace scan.

use super::super::capabilities::{client_flags, server_capabilities};
use super::super::from_proto;
use super::super::server::{Shared, lock};
use super::super::state;
use crate::analysis::Location;
use crate::config::Config;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types as lsp;

/// The files whose changes the server wants to hear of (when the client can watch files).
const WATCHED: [&str; 3] = ["**/.persona-ls.toml", "**/*.md", "**/*.mdc"];

/// Folders created and deleted: VS Code names only the folder of a renamed skill folder.
const FOLDERS: &str = "**/*";

pub fn initialize(
    shared: &Arc<Shared>,
    params: lsp::InitializeParams,
) -> Result<lsp::InitializeResult> {
    let flags = client_flags(&params.capabilities);
    let folders = from_proto::workspace_folders(&params);
    let (settings, bad_settings) = match params
        .initialization_options
        .clone()
        .and_then(from_proto::settings)
    {
        Some(Ok(c)) => (c, None),
        Some(Err(e)) => (Config::default(), Some(e.message)),
        None => (Config::default(), None),
    };
    let project = state::project(&folders, settings);
    {
        let mut st = shared.lock();
        st.flags = flags;
        st.project = project.clone();
    }
    // Build the registries (schema + configuration, about 10 ms of glob compilation) and
    // the parsers while the client finishes starting, not on the first `didOpen`.
    tokio::task::spawn_blocking(move || {
        project.warm();
        crate::analysis::analyze(
            "---\nname: a\n---\n",
            Location::at("a.md"),
            &project.default_registry(),
        );
    });
    if let Some(msg) = bad_settings {
        tracing::warn!("invalid initializationOptions: {msg}");
        // The client may not be told anything before `initialized`.
        *lock(&shared.startup_error) =
            Some(format!("persona-ls: invalid initializationOptions: {msg}"));
    }
    tracing::info!(
        "initialize: position encoding {:?}, {} diagnostics",
        flags.encoding,
        if flags.pull_diagnostics {
            "pull"
        } else {
            "push"
        }
    );
    Ok(lsp::InitializeResult {
        capabilities: server_capabilities(&flags),
        server_info: Some(lsp::ServerInfo {
            name: "persona-ls".to_string(),
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
        }),
        ..Default::default()
    })
}

pub async fn initialized(shared: &Arc<Shared>) {
    let (flags, folders) = {
        let st = shared.lock();
        (st.flags, st.project.folders().to_vec())
    };
    let startup_error = lock(&shared.startup_error).take();
    if let Some(msg) = startup_error {
        shared
            .client
            .show_message(lsp::MessageType::ERROR, msg)
            .await;
    }
    if flags.watch_files {
        let client = shared.client.clone();
        tokio::spawn(async move {
            let mut watchers: Vec<lsp::FileSystemWatcher> = WATCHED
                .into_iter()
                .map(|g| lsp::FileSystemWatcher {
                    glob_pattern: lsp::GlobPattern::String(g.to_string()),
                    kind: None,
                })
                .collect();
            watchers.push(lsp::FileSystemWatcher {
                glob_pattern: lsp::GlobPattern::String(FOLDERS.to_string()),
                kind: Some(lsp::WatchKind::Create | lsp::WatchKind::Delete),
            });
            let options = lsp::DidChangeWatchedFilesRegistrationOptions { watchers };
            let registration = lsp::Registration {
                id: "persona-ls-watched-files".to_string(),
                method: "workspace/didChangeWatchedFiles".to_string(),
                register_options: serde_json::to_value(options).ok(),
            };
            if let Err(e) = client.register_capability(vec![registration]).await {
                tracing::warn!("could not register file watchers: {e}");
            }
        });
    }
    if flags.configuration {
        shared.pull_settings();
    }
    shared.scan(folders);
}

pub fn shutdown(shared: &Shared) -> Result<()> {
    shared.shutdown.store(true, Ordering::SeqCst);
    Ok(())
}
