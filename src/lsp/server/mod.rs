//! The LSP handlers. Beside them: `diagnostics` (the per-document lanes that analyse and
//! publish) and `settings` (client settings, configuration files, the workspace scan).
//!
//! Concurrency rules (DESIGN.md §2):
//! - `didOpen`/`didChange`/`didClose` mutate the state synchronously, before any `.await`:
//!   tower-lsp-server polls handler futures in arrival order, so edits apply in the order they
//!   arrive, and `Document::change` puts a change the client sent late back in version order.
//! - They then queue a job on the document's diagnostics lane, a task per document that runs
//!   its jobs in order and coalesces repeated ones (the latest version is analysed once; older
//!   ones are skipped, not debounced). One lane per document keeps its publishes in order;
//!   lanes of different documents run side by side. A result is dropped when the document
//!   moved on while it was computed.
//! - The state lock is a plain `Mutex`, never held across `.await` (its guard is not `Send`,
//!   so the compiler enforces it). Requests take a snapshot and work outside the lock.
//! - Analysis runs under `catch_unwind`, or in `spawn_blocking` for large documents and for
//!   documents whose last analysis was slow, so that no request waits behind another
//!   document's analysis on a runtime thread; a panic becomes an error answer or a log line,
//!   never a dead server.
//! - Client round-trips (`workspace/configuration`, capability registration, diagnostic
//!   refresh) run in spawned tasks, never awaited in a notification handler.

use super::capabilities::{ClientFlags, FIX_ALL_KIND, client_flags, server_capabilities};
use super::convert;
use super::items::{ResolveData, completion_item, document_symbol, flatten};
use super::state::{self, Applied, Body, Computed, Document, Locator, Snapshot, State, file_path};
use super::workspace::{self, Index};
use crate::analysis::{Location, Parsed, completion, fix_all, hover, symbols};
use crate::config::{Config, FILE_NAME};
use crate::diagnostic::{TextEdit, apply_edits};
use crate::syntax::markdown::{self, Outline};
use std::collections::{HashMap, HashSet};
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use tower_lsp_server::jsonrpc::{self, Result};
use tower_lsp_server::ls_types as lsp;
use tower_lsp_server::{Client, LanguageServer};

mod diagnostics;
mod settings;

use diagnostics::{Lane, config_diagnostic, lsp_diagnostics};

/// Documents above this size are analysed on the blocking pool rather than inline (so are
/// documents whose last analysis was slow; see `Snapshot::weight`).
pub(super) const LARGE: usize = 64 * 1024;

enum Job {
    Check(lsp::Uri),
    CheckAll,
    Close(lsp::Uri),
}

pub struct Shared {
    client: Client,
    state: Mutex<State>,
    index: Mutex<Index>,
    /// Configuration files with a published error diagnostic (push mode).
    config_errors: Mutex<HashSet<lsp::Uri>>,
    /// A problem found during `initialize`, told to the user once the client is initialised.
    startup_error: Mutex<Option<String>>,
    /// Each open document's diagnostics lane (see `diagnostics`).
    lanes: Mutex<HashMap<lsp::Uri, Lane>>,
}

/// A panic while a lock was held must not take every later request down with it.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Shared {
    fn flags(&self) -> ClientFlags {
        self.lock().flags
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        lock(&self.state)
    }

    fn index(&self) -> MutexGuard<'_, Index> {
        lock(&self.index)
    }

    fn snapshot(&self, uri: &lsp::Uri) -> Option<Snapshot> {
        self.lock().snapshot(uri)
    }

    /// The analysis of a snapshot, cached per version.
    fn computed(&self, snap: &Snapshot) -> Arc<Computed> {
        let fresh = snap.computed.get().is_none();
        let c = snap.computed();
        if fresh {
            self.lock().store(snap, &c);
        }
        c
    }

    /// Values of `key` used in the other files of the workspace.
    fn used_values(&self, key: &str, path: Option<&std::path::Path>) -> Vec<(String, usize)> {
        self.index().values(key, path)
    }
}

pub struct Backend {
    shared: Arc<Shared>,
    shutdown: Arc<AtomicBool>,
}

impl Backend {
    pub fn new(client: Client, shutdown: Arc<AtomicBool>) -> Backend {
        let shared = Arc::new(Shared {
            client: client.clone(),
            state: Mutex::new(State::new()),
            index: Mutex::new(Index::default()),
            config_errors: Mutex::default(),
            startup_error: Mutex::default(),
            lanes: Mutex::default(),
        });
        Backend { shared, shutdown }
    }

    fn flags(&self) -> ClientFlags {
        self.shared.lock().flags
    }

    /// Runs CPU work without letting a panic escape: inline for ordinary documents (the
    /// analysis takes microseconds), on the blocking pool for large ones.
    async fn cpu<T: Send + 'static>(
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

impl Backend {
    /// The Markdown outline of a snapshot, computed lazily, each unchanged piece of the body
    /// taken from the last computation.
    async fn outline(&self, snap: &Snapshot, body_start: usize) -> Result<Arc<Outline>> {
        let cache = {
            let mut st = self.shared.lock();
            let Some(doc) = st.docs.get_mut(&snap.uri) else {
                return Ok(Arc::default());
            };
            match &doc.body.outline {
                Some((revision, o)) if *revision == snap.revision => return Ok(o.clone()),
                _ => std::mem::take(&mut doc.body.cache),
            }
        };
        let shared = self.shared.clone();
        let snap = snap.clone();
        self.cpu(snap.weight(), move || {
            let mut cache = cache;
            let outline = Arc::new(markdown::outline(&snap.text, body_start, &mut cache));
            let mut st = shared.lock();
            if let Some(doc) = st
                .docs
                .get_mut(&snap.uri)
                .filter(|d| d.revision == snap.revision)
            {
                doc.body = Body {
                    outline: Some((snap.revision, outline.clone())),
                    cache,
                };
            }
            outline
        })
        .await
    }

    /// The analysis and the outline, for the structure requests.
    async fn structure(
        &self,
        uri: &lsp::Uri,
    ) -> Result<Option<(Snapshot, Arc<Computed>, Arc<Outline>)>> {
        let Some(snap) = self.shared.snapshot(uri) else {
            return Ok(None);
        };
        let shared = self.shared.clone();
        let s = snap.clone();
        let computed = self.cpu(snap.weight(), move || shared.computed(&s)).await?;
        let outline = self
            .outline(&snap, computed.parsed.split.body_start)
            .await?;
        Ok(Some((snap, computed, outline)))
    }

    fn workspace_edit(
        &self,
        snap: &Snapshot,
        edits: &[TextEdit],
        document_changes: bool,
    ) -> lsp::WorkspaceEdit {
        let edits: Vec<lsp::TextEdit> = edits
            .iter()
            .map(|e| convert::text_edit(&snap.rope, e, snap.encoding))
            .collect();
        if document_changes {
            lsp::WorkspaceEdit {
                document_changes: Some(lsp::DocumentChanges::Edits(vec![lsp::TextDocumentEdit {
                    text_document: lsp::OptionalVersionedTextDocumentIdentifier {
                        uri: snap.uri.clone(),
                        version: Some(snap.version),
                    },
                    edits: edits.into_iter().map(lsp::OneOf::Left).collect(),
                }])),
                ..Default::default()
            }
        } else {
            lsp::WorkspaceEdit {
                changes: Some(HashMap::from([(snap.uri.clone(), edits)])),
                ..Default::default()
            }
        }
    }
}

async fn run_cpu<T: Send + 'static>(
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

fn folders_of(params: &lsp::InitializeParams) -> Vec<PathBuf> {
    if let Some(folders) = &params.workspace_folders {
        return folders.iter().filter_map(|f| file_path(&f.uri)).collect();
    }
    #[allow(deprecated)]
    let root = params
        .root_uri
        .as_ref()
        .and_then(file_path)
        .or_else(|| params.root_path.as_ref().map(PathBuf::from));
    root.into_iter().collect()
}

/// The smallest single edit that turns `old` into `new`.
fn diff_edit(old: &str, new: &str) -> TextEdit {
    let mut prefix = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(prefix) || !new.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let max_suffix = old.len().min(new.len()) - prefix;
    let mut suffix = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - suffix) || !new.is_char_boundary(new.len() - suffix) {
        suffix -= 1;
    }
    TextEdit::replace(prefix..old.len() - suffix, &new[prefix..new.len() - suffix])
}

fn overlaps(a: &std::ops::Range<usize>, b: &std::ops::Range<usize>) -> bool {
    a.start <= b.end && b.start <= a.end
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: lsp::InitializeParams) -> Result<lsp::InitializeResult> {
        let flags = client_flags(&params.capabilities);
        let folders = folders_of(&params);
        let (settings, bad_settings) = match params
            .initialization_options
            .clone()
            .and_then(state::settings_from_json)
        {
            Some(Ok(c)) => (c, None),
            Some(Err(e)) => (Config::default(), Some(e.message)),
            None => (Config::default(), None),
        };
        let locator = Locator::new(folders, settings);
        {
            let mut st = self.shared.lock();
            st.flags = flags;
            st.locator = locator.clone();
        }
        // Build the registries (schema + configuration, about 10 ms of glob compilation) and
        // the parsers while the client finishes starting, not on the first `didOpen`.
        tokio::task::spawn_blocking(move || {
            locator.warm();
            crate::analysis::analyze(
                "---\nname: a\n---\n",
                Location {
                    rel_path: "a.md",
                    forced: None,
                },
                &locator.default_registry(),
            );
        });
        if let Some(msg) = bad_settings {
            tracing::warn!("invalid initializationOptions: {msg}");
            // The client may not be told anything before `initialized`.
            *lock(&self.shared.startup_error) =
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

    async fn initialized(&self, _: lsp::InitializedParams) {
        let (flags, folders) = {
            let st = self.shared.lock();
            (st.flags, st.locator.folders().to_vec())
        };
        let startup_error = lock(&self.shared.startup_error).take();
        if let Some(msg) = startup_error {
            self.shared
                .client
                .show_message(lsp::MessageType::ERROR, msg)
                .await;
        }
        if flags.watch_files {
            let client = self.shared.client.clone();
            tokio::spawn(async move {
                let watchers = ["**/.persona-ls.toml", "**/*.md", "**/*.mdc"]
                    .into_iter()
                    .map(|g| lsp::FileSystemWatcher {
                        glob_pattern: lsp::GlobPattern::String(g.to_string()),
                        kind: None,
                    })
                    .collect();
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
            self.shared.pull_settings();
        }
        self.shared.scan(folders);
    }

    async fn shutdown(&self) -> Result<()> {
        self.shutdown.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: lsp::DidOpenTextDocumentParams) {
        let doc = params.text_document;
        // Resolved outside the state lock: it may have to build a registry.
        let locator = self.shared.lock().locator.clone();
        let location = Arc::new(state::locate_uri(&locator, &doc.uri));
        self.shared.lock().docs.insert(
            doc.uri.clone(),
            Document::new(doc.text, doc.version, location),
        );
        let problems = locator.take_problems();
        self.shared.queue(Job::Check(doc.uri));
        self.shared.report(problems);
    }

    async fn did_change(&self, params: lsp::DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        {
            let mut st = self.shared.lock();
            let enc = st.flags.encoding;
            let Some(doc) = st.docs.get_mut(&uri) else {
                tracing::warn!(
                    "didChange for a document that is not open: {}",
                    uri.as_str()
                );
                return;
            };
            let version = params.text_document.version;
            match doc.change(version, params.content_changes, enc) {
                Applied::InOrder => {}
                Applied::Reordered { redone } => tracing::info!(
                    "didChange version {version} came after later versions: undid and redid {redone} change(s) to apply them in version order"
                ),
                // A client that never raises its versions makes every change "late": say it
                // once per document, then only at debug level.
                Applied::Late if !doc.late_reported => {
                    doc.late_reported = true;
                    tracing::warn!(
                        "didChange version {version} came after version {}, too late to put in order: applied as it came (reported once per document)",
                        doc.version
                    );
                }
                Applied::Late => tracing::debug!(
                    "didChange version {version} came after version {}: applied as it came",
                    doc.version
                ),
            }
        }
        self.shared.queue(Job::Check(uri));
    }

    async fn did_save(&self, params: lsp::DidSaveTextDocumentParams) {
        if file_path(&params.text_document.uri)
            .is_some_and(|p| p.file_name().is_some_and(|n| n == FILE_NAME))
        {
            self.shared.config_changed();
        }
    }

    async fn did_close(&self, params: lsp::DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let closed = self.shared.lock().docs.remove(&uri);
        self.shared.queue(Job::Close(uri));
        // The index held the editor's text, perhaps never saved: back to what is on disk.
        if let Some(path) = closed.and_then(|d| d.location.path.clone()) {
            self.shared.reindex(vec![(path, false)]);
        }
    }

    async fn did_change_configuration(&self, params: lsp::DidChangeConfigurationParams) {
        let has_settings = state::settings_from_json(params.settings.clone()).is_some();
        if has_settings {
            self.shared.apply_settings(params.settings);
        } else if self.flags().configuration {
            self.shared.pull_settings();
        }
    }

    async fn did_change_watched_files(&self, params: lsp::DidChangeWatchedFilesParams) {
        let mut config = false;
        let mut markdown: Vec<(PathBuf, bool)> = Vec::new();
        for change in params.changes {
            let Some(path) = file_path(&change.uri) else {
                continue;
            };
            if path.file_name().is_some_and(|n| n == FILE_NAME) {
                config = true;
            } else if workspace::is_markdown(&path) {
                markdown.push((
                    state::canonical(&path),
                    change.typ == lsp::FileChangeType::DELETED,
                ));
            }
        }
        if config {
            self.shared.config_changed();
        }
        self.shared.reindex(markdown);
    }

    async fn did_change_workspace_folders(&self, params: lsp::DidChangeWorkspaceFoldersParams) {
        let paths = |folders: &[lsp::WorkspaceFolder]| -> Vec<PathBuf> {
            folders
                .iter()
                .filter_map(|f| file_path(&f.uri))
                .map(|p| state::canonical(&p))
                .collect()
        };
        let (added, removed) = (paths(&params.event.added), paths(&params.event.removed));
        {
            let mut st = self.shared.lock();
            let mut folders = st.locator.folders().to_vec();
            folders.retain(|f| !removed.contains(f));
            folders.extend(added.iter().cloned());
            st.locator = Locator::new(folders, st.locator.settings().clone());
        }
        {
            let mut index = self.shared.index();
            for r in &removed {
                index.remove_under(r);
            }
        }
        self.shared.config_changed();
        self.shared.scan(added);
    }

    async fn diagnostic(
        &self,
        params: lsp::DocumentDiagnosticParams,
    ) -> Result<lsp::DocumentDiagnosticReportResult> {
        let full = |result_id: Option<String>, items: Vec<lsp::Diagnostic>| {
            lsp::DocumentDiagnosticReportResult::Report(lsp::DocumentDiagnosticReport::Full(
                lsp::RelatedFullDocumentDiagnosticReport {
                    related_documents: None,
                    full_document_diagnostic_report: lsp::FullDocumentDiagnosticReport {
                        result_id,
                        items,
                    },
                },
            ))
        };
        let snap = self.shared.snapshot(&params.text_document.uri);
        let Some(snap) = snap else {
            return Ok(full(None, Vec::new()));
        };
        let result_id = format!("{}:{}", snap.location.id, snap.revision);
        if params.previous_result_id.as_deref() == Some(result_id.as_str()) {
            return Ok(lsp::DocumentDiagnosticReportResult::Report(
                lsp::DocumentDiagnosticReport::Unchanged(
                    lsp::RelatedUnchangedDocumentDiagnosticReport {
                        related_documents: None,
                        unchanged_document_diagnostic_report:
                            lsp::UnchangedDocumentDiagnosticReport { result_id },
                    },
                ),
            ));
        }
        let shared = self.shared.clone();
        let items = self
            .cpu(snap.weight(), move || {
                lsp_diagnostics(&snap, &shared.computed(&snap))
            })
            .await?;
        Ok(full(Some(result_id), items))
    }

    async fn completion(
        &self,
        params: lsp::CompletionParams,
    ) -> Result<Option<lsp::CompletionResponse>> {
        let pos = params.text_document_position;
        let Some(snap) = self.shared.snapshot(&pos.text_document.uri) else {
            return Ok(None);
        };
        let flags = self.flags();
        let shared = self.shared.clone();
        let items = self
            .cpu(snap.weight(), move || {
                let parsed_owned;
                // Completion does not wait for an analysis under way: parsing is enough.
                let parsed: &Parsed = match snap.computed.get() {
                    Some(c) => &c.parsed,
                    None => {
                        parsed_owned = Parsed::new(&snap.text);
                        &parsed_owned
                    }
                };
                let loc = &snap.location;
                if loc.is_config || loc.excluded {
                    return Vec::new();
                }
                let Some(detected) = loc.registry.detect(&loc.rel_path, &parsed.keys(), None)
                else {
                    return Vec::new();
                };
                let path = loc.path.clone();
                let ws = |key: &str| shared.used_values(key, path.as_deref());
                let req = completion::Request {
                    text: &snap.text,
                    parsed,
                    registry: &loc.registry,
                    dialect: &loc.registry.dialects[detected.index],
                    offset: snap.offset(pos.position),
                    snippets: flags.snippets,
                    lazy_docs: flags.completion_lazy_docs,
                    workspace: &ws,
                };
                // Items share one replace range, mostly: convert it once.
                let mut last: Option<(std::ops::Range<usize>, lsp::Range)> = None;
                completion::complete(&req)
                    .into_iter()
                    .map(|i| {
                        let range = match &last {
                            Some((bytes, range)) if *bytes == i.replace => *range,
                            _ => {
                                let range = snap.range(&i.replace);
                                last = Some((i.replace.clone(), range));
                                range
                            }
                        };
                        completion_item(&snap, &flags, range, i)
                    })
                    .collect::<Vec<_>>()
            })
            .await?;
        if items.is_empty() {
            return Ok(None);
        }
        Ok(Some(lsp::CompletionResponse::List(lsp::CompletionList {
            is_incomplete: false,
            items,
        })))
    }

    async fn completion_resolve(
        &self,
        mut item: lsp::CompletionItem,
    ) -> Result<lsp::CompletionItem> {
        let data = item.data.as_ref().and_then(ResolveData::from_json);
        let Some(data) = data else { return Ok(item) };
        let Some(snap) = self.shared.snapshot(&data.uri) else {
            return Ok(item);
        };
        let flags = self.flags();
        let shared = self.shared.clone();
        let doc = self
            .cpu(snap.weight(), move || {
                let c = shared.computed(&snap);
                let registry = &snap.location.registry;
                let detected = c
                    .analysis
                    .dialect
                    .or_else(|| registry.detect(&snap.location.rel_path, &c.parsed.keys(), None))?;
                completion::documentation(registry, &registry.dialects[detected.index], &data.doc)
            })
            .await?;
        if let Some(value) = doc {
            let kind = if flags.completion_markdown {
                lsp::MarkupKind::Markdown
            } else {
                lsp::MarkupKind::PlainText
            };
            item.documentation = Some(lsp::Documentation::MarkupContent(lsp::MarkupContent {
                kind,
                value,
            }));
        }
        Ok(item)
    }

    async fn hover(&self, params: lsp::HoverParams) -> Result<Option<lsp::Hover>> {
        let pos = params.text_document_position_params;
        let Some(snap) = self.shared.snapshot(&pos.text_document.uri) else {
            return Ok(None);
        };
        let flags = self.flags();
        let shared = self.shared.clone();
        self.cpu(snap.weight(), move || {
            let c = shared.computed(&snap);
            let loc = &snap.location;
            let path = loc.path.clone();
            let ws = |key: &str| shared.used_values(key, path.as_deref());
            let req = hover::Request {
                text: &snap.text,
                parsed: &c.parsed,
                registry: &loc.registry,
                detected: c.analysis.dialect,
                offset: snap.offset(pos.position),
                diagnostics: &c.analysis.diagnostics,
                workspace: &ws,
            };
            let h = hover::hover(&req)?;
            let kind = if flags.hover_markdown {
                lsp::MarkupKind::Markdown
            } else {
                lsp::MarkupKind::PlainText
            };
            Some(lsp::Hover {
                contents: lsp::HoverContents::Markup(lsp::MarkupContent {
                    kind,
                    value: h.markdown,
                }),
                range: Some(snap.range(&h.range)),
            })
        })
        .await
    }

    async fn code_action(
        &self,
        params: lsp::CodeActionParams,
    ) -> Result<Option<lsp::CodeActionResponse>> {
        let Some(snap) = self.shared.snapshot(&params.text_document.uri) else {
            return Ok(None);
        };
        let flags = self.flags();
        let shared = self.shared.clone();
        let only = params.context.only.clone();
        let wants = move |kind: &str| {
            only.as_ref().is_none_or(|o| {
                o.iter()
                    .any(|k| kind == k.as_str() || kind.starts_with(&format!("{}.", k.as_str())))
            })
        };
        let (snap2, computed) = {
            let s = snap.clone();
            let c = self.cpu(snap.weight(), move || shared.computed(&s)).await?;
            (snap, c)
        };
        let snap = snap2;
        let range = snap.offset(params.range.start)..snap.offset(params.range.end);
        let mut actions: Vec<lsp::CodeActionOrCommand> = Vec::new();
        if wants(lsp::CodeActionKind::QUICKFIX.as_str()) {
            for d in computed
                .analysis
                .diagnostics
                .iter()
                .filter(|d| overlaps(&d.range, &range))
            {
                let diag = convert::diagnostic(&snap.rope, d, snap.encoding);
                for (i, fix) in d.fixes.iter().enumerate() {
                    actions.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                        title: fix.title.clone(),
                        kind: Some(lsp::CodeActionKind::QUICKFIX),
                        diagnostics: Some(vec![diag.clone()]),
                        edit: Some(self.workspace_edit(&snap, &fix.edits, flags.document_changes)),
                        is_preferred: Some(i == 0 && fix.safe),
                        ..Default::default()
                    }));
                }
            }
        }
        if wants(FIX_ALL_KIND) {
            let first = fix_all::safe_edits(&computed.analysis.diagnostics);
            if !first.is_empty() {
                let loc = snap.location.clone();
                let text = snap.text.clone();
                let edits = self
                    .cpu(snap.weight(), move || {
                        // `check --fix` applies fixes until none is left, and drops those that
                        // would break the file; unless that is exactly the first round, send
                        // the whole change as one edit.
                        let location = Location {
                            rel_path: &loc.rel_path,
                            forced: None,
                        };
                        match fix_all::fix_text(&text, location, &loc.registry) {
                            Some(fixed) if fixed == apply_edits(&text, &first) => first,
                            Some(fixed) => vec![diff_edit(&text, &fixed)],
                            None => Vec::new(),
                        }
                    })
                    .await?;
                if edits.is_empty() {
                    return Ok((!actions.is_empty()).then_some(actions));
                }
                actions.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                    title: "Fix all safe problems (persona-ls)".to_string(),
                    kind: Some(lsp::CodeActionKind::new(FIX_ALL_KIND)),
                    edit: Some(self.workspace_edit(&snap, &edits, flags.document_changes)),
                    ..Default::default()
                }));
            }
        }
        Ok((!actions.is_empty()).then_some(actions))
    }

    async fn document_symbol(
        &self,
        params: lsp::DocumentSymbolParams,
    ) -> Result<Option<lsp::DocumentSymbolResponse>> {
        let Some((snap, computed, outline)) = self.structure(&params.text_document.uri).await?
        else {
            return Ok(None);
        };
        let flags = self.flags();
        let syms = symbols::document_symbols(&snap.text, &computed.parsed, &outline);
        if flags.hierarchical_symbols {
            Ok(Some(lsp::DocumentSymbolResponse::Nested(
                syms.iter().map(|s| document_symbol(&snap, s)).collect(),
            )))
        } else {
            let mut flat = Vec::new();
            for s in &syms {
                flatten(&snap, s, None, &mut flat);
            }
            Ok(Some(lsp::DocumentSymbolResponse::Flat(flat)))
        }
    }

    async fn folding_range(
        &self,
        params: lsp::FoldingRangeParams,
    ) -> Result<Option<Vec<lsp::FoldingRange>>> {
        let Some((snap, computed, outline)) = self.structure(&params.text_document.uri).await?
        else {
            return Ok(None);
        };
        let mut seen = HashSet::new();
        let folds = symbols::folding_ranges(&computed.parsed, &outline)
            .into_iter()
            .filter_map(|f| {
                let start = snap
                    .rope
                    .byte_to_line(f.range.start.min(snap.rope.len_bytes()))
                    as u32;
                let end = snap
                    .rope
                    .byte_to_line(f.range.end.min(snap.rope.len_bytes()))
                    as u32;
                (end > start && seen.insert((start, end))).then_some(lsp::FoldingRange {
                    start_line: start,
                    end_line: end,
                    kind: Some(lsp::FoldingRangeKind::Region),
                    ..Default::default()
                })
            })
            .take(symbols::MAX_SYMBOLS)
            .collect();
        Ok(Some(folds))
    }

    async fn selection_range(
        &self,
        params: lsp::SelectionRangeParams,
    ) -> Result<Option<Vec<lsp::SelectionRange>>> {
        let Some((snap, computed, outline)) = self.structure(&params.text_document.uri).await?
        else {
            return Ok(None);
        };
        let out = params
            .positions
            .iter()
            .map(|p| {
                let offset = snap.offset(*p);
                let chain =
                    symbols::selection_ranges(&snap.text, &computed.parsed, &outline, offset);
                let mut node: Option<lsp::SelectionRange> = None;
                for r in chain.iter().rev() {
                    node = Some(lsp::SelectionRange {
                        range: snap.range(r),
                        parent: node.map(Box::new),
                    });
                }
                node.unwrap_or(lsp::SelectionRange {
                    range: lsp::Range { start: *p, end: *p },
                    parent: None,
                })
            })
            .collect();
        Ok(Some(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_edit_is_minimal_and_char_safe() {
        let e = diff_edit("color: purpel\n", "color: purple\n");
        assert_eq!((e.range, e.new_text.as_str()), (11..13, "le"));
        let e = diff_edit("a🏗️b", "a🏛️b");
        assert_eq!(apply_edits("a🏗️b", &[e]), "a🏛️b");
        let e = diff_edit("same", "same");
        assert_eq!((e.range, e.new_text.as_str()), (4..4, ""));
    }

    #[tokio::test]
    async fn a_panicking_analysis_is_an_error_not_a_crash() {
        assert_eq!(run_cpu(10, || -> u8 { panic!("boom") }).await, None);
        assert_eq!(run_cpu(LARGE + 1, || -> u8 { panic!("boom") }).await, None);
        assert_eq!(run_cpu(10, || 7).await, Some(7));
    }
}
