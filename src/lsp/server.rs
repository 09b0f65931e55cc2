//! The server: what the handlers share ([`Shared`]), and the `LanguageServer` implementation,
//! which only dispatches each message to its handler in `handlers` (where the
//! concurrency rules are).

use super::capabilities::ClientFlags;
use super::handlers::closed::{Closed, Outbox};
use super::handlers::{self, Lane};
use super::state::{Computed, Snapshot, State};
use crate::workspace::Index;
use std::collections::{HashMap, HashSet};
use std::panic::AssertUnwindSafe;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, MutexGuard};
use tower_lsp_server::jsonrpc::{self, Result};
use tower_lsp_server::ls_types as lsp;
use tower_lsp_server::{Client, LanguageServer};

/// Documents above this size are analysed on the blocking pool rather than inline (so are
/// documents whose last analysis was slow; see `Snapshot::weight`).
const LARGE: usize = 64 * 1024;

/// What the handlers share.
pub struct Shared {
    pub(super) client: Client,
    state: Mutex<State>,
    index: Mutex<Index>,
    /// Configuration files with a published error diagnostic (push mode).
    pub(super) config_errors: Mutex<HashSet<lsp::Uri>>,
    /// A problem found during `initialize`, told to the user once the client is initialised.
    pub(super) startup_error: Mutex<Option<String>>,
    /// Each open document's diagnostics lane (see `handlers::diagnostics`).
    pub(super) lanes: Mutex<HashMap<lsp::Uri, Lane>>,
    /// The reported files that are not open (see `handlers::closed`).
    pub(super) closed: Mutex<Closed>,
    /// What is still to be sent about them.
    pub(super) outbox: Mutex<Outbox>,
    /// Set by `shutdown`: the exit code says whether it came before the end.
    pub(super) shutdown: Arc<AtomicBool>,
    /// Set when the first scan of the workspace folders is applied. Before, a reference that
    /// resolves to nothing may name a file not read yet: `unknown-reference` waits.
    pub(super) indexed: AtomicBool,
}

/// A panic while a lock was held must not take every later request down with it.
pub(super) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Shared {
    pub(super) fn flags(&self) -> ClientFlags {
        self.lock().flags
    }

    pub(super) fn lock(&self) -> MutexGuard<'_, State> {
        lock(&self.state)
    }

    pub(super) fn index(&self) -> MutexGuard<'_, Index> {
        lock(&self.index)
    }

    pub(super) fn snapshot(&self, uri: &lsp::Uri) -> Option<Snapshot> {
        self.lock().snapshot(uri)
    }

    /// The analysis of a snapshot, computed once per revision (see `Open::computed`).
    pub(super) fn computed(&self, snap: &Snapshot) -> Arc<Computed> {
        let fresh = snap.computed.get().is_none();
        let c = snap.computed();
        if fresh {
            self.lock().store(snap, &c);
        }
        c
    }

    /// Values of `key` used in the other files of the workspace.
    pub(super) fn used_values(
        &self,
        key: &str,
        path: Option<&std::path::Path>,
    ) -> Vec<(String, usize)> {
        self.index().values(key, path)
    }

    /// Runs CPU work without letting a panic escape (see [`run_cpu`]); a failure is an error
    /// answer.
    pub(super) async fn cpu<T: Send + 'static>(
        &self,
        size: usize,
        f: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T> {
        run_cpu(size, f).await.ok_or_else(|| jsonrpc::Error {
            code: jsonrpc::ErrorCode::InternalError,
            message: "persona-ls: the analysis failed (see the server log)".into(),
            data: None,
        })
    }
}

/// Runs CPU work without letting a panic escape: inline for ordinary documents (the analysis
/// takes microseconds), on the blocking pool for large ones. `None` when it panicked.
pub(super) async fn run_cpu<T: Send + 'static>(
    size: usize,
    f: impl FnOnce() -> T + Send + 'static,
) -> Option<T> {
    if size > LARGE {
        match tokio::task::spawn_blocking(f).await {
            Ok(v) => Some(v),
            Err(e) => {
                tracing::error!("analysis failed: {e}");
                None
            }
        }
    } else {
        match std::panic::catch_unwind(AssertUnwindSafe(f)) {
            Ok(v) => Some(v),
            Err(p) => {
                let what = p
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| p.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                tracing::error!("analysis panicked: {what}");
                None
            }
        }
    }
}

pub struct Backend {
    shared: Arc<Shared>,
}

impl Backend {
    pub fn new(client: Client, shutdown: Arc<AtomicBool>) -> Backend {
        let shared = Arc::new(Shared {
            client,
            state: Mutex::new(State::new()),
            index: Mutex::new(Index::default()),
            config_errors: Mutex::default(),
            startup_error: Mutex::default(),
            lanes: Mutex::default(),
            closed: Mutex::default(),
            outbox: Mutex::default(),
            shutdown,
            indexed: AtomicBool::new(false),
        });
        Backend { shared }
    }
}

/// Notifications that hand their parameters to a synchronous handler: one line each.
macro_rules! notifications {
    ($($method:ident($params:ident) => $module:ident::$handler:ident;)*) => {
        $(
            async fn $method(&self, params: lsp::$params) {
                handlers::$module::$handler(&self.shared, params)
            }
        )*
    };
}

/// Requests that hand their parameters to an async handler and answer with what it returns.
macro_rules! requests {
    ($($method:ident($params:ident) -> $answer:ty => $module:ident::$handler:ident;)*) => {
        $(
            async fn $method(&self, params: lsp::$params) -> Result<$answer> {
                handlers::$module::$handler(&self.shared, params).await
            }
        )*
    };
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: lsp::InitializeParams) -> Result<lsp::InitializeResult> {
        handlers::lifecycle::initialize(&self.shared, params)
    }

    async fn initialized(&self, _: lsp::InitializedParams) {
        handlers::lifecycle::initialized(&self.shared).await
    }

    async fn shutdown(&self) -> Result<()> {
        handlers::lifecycle::shutdown(&self.shared)
    }

    notifications! {
        did_open(DidOpenTextDocumentParams) => sync::did_open;
        did_change(DidChangeTextDocumentParams) => sync::did_change;
        did_save(DidSaveTextDocumentParams) => sync::did_save;
        did_close(DidCloseTextDocumentParams) => sync::did_close;
        did_change_configuration(DidChangeConfigurationParams) => configuration::did_change_configuration;
        did_change_watched_files(DidChangeWatchedFilesParams) => workspace::did_change_watched_files;
        did_change_workspace_folders(DidChangeWorkspaceFoldersParams) => workspace::did_change_workspace_folders;
    }

    requests! {
        diagnostic(DocumentDiagnosticParams) -> lsp::DocumentDiagnosticReportResult
            => diagnostics::pull;
        workspace_diagnostic(WorkspaceDiagnosticParams) -> lsp::WorkspaceDiagnosticReportResult
            => closed::workspace_pull;
        completion(CompletionParams) -> Option<lsp::CompletionResponse> => completion::completion;
        completion_resolve(CompletionItem) -> lsp::CompletionItem => completion::resolve;
        hover(HoverParams) -> Option<lsp::Hover> => hover::hover;
        code_action(CodeActionParams) -> Option<lsp::CodeActionResponse> => code_action::code_action;
        document_symbol(DocumentSymbolParams) -> Option<lsp::DocumentSymbolResponse>
            => symbols::document_symbol;
        folding_range(FoldingRangeParams) -> Option<Vec<lsp::FoldingRange>>
            => folding::folding_range;
        selection_range(SelectionRangeParams) -> Option<Vec<lsp::SelectionRange>>
            => selection::selection_range;
        goto_definition(GotoDefinitionParams) -> Option<lsp::GotoDefinitionResponse>
            => definition::definition;
        references(ReferenceParams) -> Option<Vec<lsp::Location>> => references::references;
        prepare_rename(TextDocumentPositionParams) -> Option<lsp::PrepareRenameResponse>
            => rename::prepare_rename;
        rename(RenameParams) -> Option<lsp::WorkspaceEdit> => rename::rename;
        symbol(WorkspaceSymbolParams) -> Option<lsp::WorkspaceSymbolResponse>
            => workspace_symbol::symbol;
        document_link(DocumentLinkParams) -> Option<Vec<lsp::DocumentLink>>
            => document_link::document_link;
        code_lens(CodeLensParams) -> Option<Vec<lsp::CodeLens>> => code_lens::code_lens;
        inlay_hint(InlayHintParams) -> Option<Vec<lsp::InlayHint>> => inlay_hint::inlay_hint;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_panicking_analysis_is_an_error_not_a_crash() {
        assert_eq!(run_cpu(10, || -> u8 { panic!("boom") }).await, None);
        assert_eq!(run_cpu(LARGE + 1, || -> u8 { panic!("boom") }).await, None);
        assert_eq!(run_cpu(10, || 7).await, Some(7));
    }
}
