//! Diagnostics for the indexed files that are not open: pulled with `workspace/diagnostic`
//! where the client pulls, else pushed with `publishDiagnostics` (no version). A file is
//! reported unless its configuration says `[workspace] diagnostics = "open"`.
//!
//! Each such file is read and analysed once, on the blocking pool (the startup scan, a watch
//! event, a close), and its per-file diagnostics are kept, already converted, with its front
//! matter (where every cross-file finding lies, to convert those): not its text. When another
//! file changes, only its cross part is recomputed, from the index. Publishes and refresh
//! requests go through one outbox task, which sends each file's latest diagnostics once and
//! coalesces refreshes.

use super::cross::{self, fingerprint};
use crate::analysis::{self, Location, Parsed};
use crate::config::WorkspaceDiagnostics;
use crate::diagnostic::{Code, Diagnostic};
use crate::dialect::Registry;
use crate::document::Revision;
use crate::lsp::server::{Shared, lock};
use crate::lsp::to_proto;
use crate::project::Project;
use crate::text::Encoding;
use crate::workspace::{self, FileIndex, Index};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types as lsp;

/// An LSP diagnostic with the order key of the engine diagnostic it came from (see
/// `Diagnostic::order`), so that the per-file and cross parts merge as `analyze` sorts.
struct Keyed {
    order: (usize, usize, Code),
    item: lsp::Diagnostic,
}

fn keyed(doc: &Revision, d: &Diagnostic, enc: Encoding) -> Keyed {
    Keyed {
        order: d.order(),
        item: to_proto::diagnostic(doc, d, enc),
    }
}

/// The per-file part of a file that is not open, from its last read.
pub struct Own {
    uri: lsp::Uri,
    /// The front matter, for converting the cross part's ranges.
    head: Revision,
    items: Vec<Keyed>,
    fingerprint: u64,
    registry: Arc<Registry>,
}

struct File {
    own: Own,
    cross: Vec<Keyed>,
    cross_fingerprint: u64,
    /// Its cross part is not computed yet.
    fresh: bool,
    /// What was pushed for it last is not empty (or the editor showed it open): a clean
    /// result must be pushed too.
    pushed: bool,
}

impl File {
    fn result_id(&self) -> String {
        format!("{:x}:{:x}", self.own.fingerprint, self.cross_fingerprint)
    }

    fn items(&self) -> Vec<lsp::Diagnostic> {
        let mut all: Vec<&Keyed> = self.own.items.iter().chain(&self.cross).collect();
        all.sort_by_key(|k| k.order);
        all.into_iter().map(|k| k.item.clone()).collect()
    }
}

/// The files that are not open and are reported, by path.
#[derive(Default)]
pub struct Closed {
    files: HashMap<PathBuf, File>,
}

impl Closed {
    /// Drops a file; its URI when something was pushed for it (it must be cleared).
    fn remove(&mut self, path: &Path) -> Option<lsp::Uri> {
        self.files
            .remove(path)
            .filter(|f| f.pushed)
            .map(|f| f.own.uri)
    }

    fn remove_under(&mut self, dir: &Path) -> Vec<lsp::Uri> {
        let mut clear = Vec::new();
        self.files.retain(|path, file| {
            let keep = !path.starts_with(dir);
            if !keep && file.pushed {
                clear.push(file.own.uri.clone());
            }
            keep
        });
        clear
    }

    /// Recomputes the cross part of `paths` that are here; returns those whose diagnostics
    /// changed (every fresh one).
    fn recross<'a>(
        &mut self,
        index: &Index,
        paths: impl Iterator<Item = &'a PathBuf>,
        enc: Encoding,
        indexed: bool,
    ) -> Vec<PathBuf> {
        let mut changed = Vec::new();
        for path in paths {
            let Some(file) = self.files.get_mut(path) else {
                continue;
            };
            let list = cross::findings(index, path, &file.own.registry, indexed);
            let fp = fingerprint(&list);
            if file.fresh || fp != file.cross_fingerprint {
                file.cross = list.iter().map(|d| keyed(&file.own.head, d, enc)).collect();
                file.cross_fingerprint = fp;
                file.fresh = false;
                changed.push(path.clone());
            }
        }
        changed
    }
}

/// What reading one file from disk gave.
pub enum Read {
    /// A persona file: its index entry and, when it is reported, its per-file diagnostics.
    Persona(Box<FileIndex>, Option<Box<Own>>),
    NotPersona,
    /// Not read: why (too large, not UTF-8, unreadable).
    Skipped(String),
}

/// Whether the files of this configuration are reported when they are not open.
pub fn reported(registry: &Registry) -> bool {
    registry.config.diagnostics != Some(WorkspaceDiagnostics::Open)
}

/// Reads, indexes and (when it is reported) analyses the file at `path`: one read, one parse.
pub fn read(path: &Path, project: &Project, enc: Encoding) -> Read {
    // Only files inside the workspace folders, whatever a client's file event names.
    if !project.is_readable(path) || !path.is_file() {
        return Read::NotPersona;
    }
    let text = match crate::project::read_text(path) {
        Ok(t) => t,
        Err(why) => return Read::Skipped(why),
    };
    let loc = project.locate_document(Some(path), "");
    if loc.excluded || loc.is_config {
        return Read::NotPersona;
    }
    let origin = workspace::origin_of(&loc);
    if !reported(&loc.registry) {
        return match workspace::index_text(&text, &origin, &loc.registry, None) {
            Some(entry) => Read::Persona(Box::new(entry), None),
            None => Read::NotPersona,
        };
    }
    let parsed = Parsed::new(&text);
    let location = Location {
        rel_path: &loc.rel_path,
        forced: None,
        markers: loc.markers,
    };
    let analysis = analysis::analyze_parsed(&text, &parsed, location, &loc.registry);
    let (Some(detected), Some(uri)) = (analysis.dialect, to_proto::uri(path)) else {
        return Read::NotPersona;
    };
    let entry = FileIndex::of(&text, &parsed, &origin, &loc.registry, &detected);
    let head = text
        .get(..parsed.split.body_start)
        .unwrap_or(&text)
        .to_string();
    let doc = Revision::new(text, 0);
    let own = Own {
        uri,
        head: Revision::new(head, 0),
        items: analysis
            .diagnostics
            .iter()
            .map(|d| keyed(&doc, d, enc))
            .collect(),
        fingerprint: fingerprint(&analysis.diagnostics),
        registry: loc.registry.clone(),
    };
    Read::Persona(Box::new(entry), Some(Box::new(own)))
}

/// A change to apply to the index and the files that are not open.
pub enum Update {
    /// Read from disk (see [`Read`]).
    Read(Read),
    /// Deleted.
    Removed,
    /// A deleted folder: everything under it.
    RemovedUnder,
}

/// The deleted folders among `updates` that hold an indexed persona file. The folder watch
/// reports every deleted path (a build's output, a checkout): one pass over the index per
/// batch finds the few that matter, instead of a walk of the index for each of them.
fn folders_holding_personas(index: &Index, updates: &[(PathBuf, Update)]) -> HashSet<PathBuf> {
    let deleted: HashSet<&Path> = updates
        .iter()
        .filter(|(_, u)| matches!(u, Update::RemovedUnder))
        .map(|(p, _)| p.as_path())
        .collect();
    if deleted.is_empty() {
        return HashSet::new();
    }
    let mut holding = HashSet::new();
    for (path, _) in index.personas.iter() {
        for dir in path.ancestors().skip(1) {
            if deleted.contains(dir) {
                holding.insert(dir.to_path_buf());
            }
        }
    }
    holding
}

/// Sends what changed for the files that are not open (see the module docs).
#[derive(Default)]
pub struct Outbox {
    publish: HashMap<lsp::Uri, Vec<lsp::Diagnostic>>,
    refresh: bool,
    running: bool,
}

impl Shared {
    /// Applies updates read from disk to the index and the files that are not open (open
    /// documents are left alone: the index follows their editor text), then republishes what
    /// changed, the dependents' findings included. `shown`: files the editor showed until now
    /// (a document just closed), published even when clean. `completes_scan`: these updates
    /// end a scan of the workspace folders, so the index is complete once they are in it
    /// (`Shared::is_indexed`, set under the index lock: a document judged meanwhile sees
    /// either the whole index or no `unknown-reference`; the open documents judged before
    /// are judged again).
    pub(in crate::lsp) fn apply(
        self: &Arc<Self>,
        updates: Vec<(PathBuf, Update)>,
        shown: &HashSet<PathBuf>,
        completes_scan: bool,
    ) {
        let open = self.open_paths();
        let enc = self.flags().encoding;
        let mut affected = HashSet::new();
        let mut clear = Vec::new();
        let mut fresh = Vec::new();
        let changed = {
            let mut index = self.index();
            let mut closed = lock(&self.closed);
            let holding = folders_holding_personas(&index, &updates);
            // The index changes of the files read, applied together (a scan's thousands).
            let mut batch = Vec::new();
            for (path, update) in updates {
                // A file (or folder) created or deleted where bodies link: their `broken-link`.
                affected.extend(match &update {
                    Update::Read(_) => index.personas.file_linkers(&path),
                    _ => index.personas.linkers(&path),
                });
                if open.contains(&path) {
                    continue;
                }
                match update {
                    Update::Read(Read::Persona(entry, own)) => {
                        batch.push((path.clone(), Some(*entry)));
                        match own {
                            Some(own) => {
                                let pushed = shown.contains(&path)
                                    || closed.files.get(&path).is_some_and(|f| f.pushed);
                                let file = File {
                                    own: *own,
                                    cross: Vec::new(),
                                    cross_fingerprint: 0,
                                    fresh: true,
                                    pushed,
                                };
                                closed.files.insert(path.clone(), file);
                                fresh.push(path);
                            }
                            None => clear.extend(closed.remove(&path)),
                        }
                    }
                    Update::Read(Read::NotPersona | Read::Skipped(_)) | Update::Removed => {
                        batch.push((path.clone(), None));
                        clear.extend(closed.remove(&path));
                    }
                    Update::RemovedUnder if !holding.contains(&path) => {}
                    Update::RemovedUnder => {
                        // What came before it in the batch goes in first, as it came.
                        affected.extend(cross::set_all(&mut index, std::mem::take(&mut batch)));
                        affected.extend(index.remove_under(&path));
                        clear.extend(closed.remove_under(&path));
                    }
                }
            }
            affected.extend(cross::set_all(&mut index, batch));
            if completes_scan && !self.indexed.swap(true, Ordering::AcqRel) {
                affected.extend(open.iter().cloned());
            }
            closed.recross(&index, fresh.iter(), enc, self.is_indexed())
        };
        // A file the editor showed that is no longer reported: its diagnostics go.
        let unreported = shown
            .iter()
            .filter(|p| !open.contains(*p) && !lock(&self.closed).files.contains_key(*p));
        clear.extend(unreported.filter_map(|p| to_proto::uri(p)));
        self.send_closed(changed, clear);
        self.dependents(affected);
    }

    /// Recomputes the cross part of the files in `affected` that are not open.
    pub(in crate::lsp) fn recross_closed(self: &Arc<Self>, affected: HashSet<PathBuf>) {
        let enc = self.flags().encoding;
        let changed = {
            let index = self.index();
            lock(&self.closed).recross(&index, affected.iter(), enc, self.is_indexed())
        };
        self.send_closed(changed, Vec::new());
    }

    /// Forgets a file that opened (its document's lane reports it now).
    pub(in crate::lsp) fn opened(&self, path: &Path) {
        lock(&self.closed).files.remove(path);
    }

    /// Queues what the client must hear of `changed` files (and of `clear`ed ones).
    fn send_closed(self: &Arc<Self>, changed: Vec<PathBuf>, clear: Vec<lsp::Uri>) {
        if changed.is_empty() && clear.is_empty() {
            return;
        }
        if self.flags().pull_diagnostics {
            self.refresh();
            return;
        }
        let mut publish: Vec<(lsp::Uri, Vec<lsp::Diagnostic>)> =
            clear.into_iter().map(|u| (u, Vec::new())).collect();
        {
            let mut closed = lock(&self.closed);
            for path in changed {
                let Some(file) = closed.files.get_mut(&path) else {
                    continue;
                };
                let items = file.items();
                if items.is_empty() && !file.pushed {
                    continue;
                }
                file.pushed = !items.is_empty();
                publish.push((file.own.uri.clone(), items));
            }
        }
        let mut outbox = lock(&self.outbox);
        outbox.publish.extend(publish);
        self.run_outbox(&mut outbox);
    }

    /// Asks the client to pull diagnostics again (coalesced: one request for every change
    /// made before the outbox runs).
    pub(in crate::lsp) fn refresh(self: &Arc<Self>) {
        let mut outbox = lock(&self.outbox);
        outbox.refresh = true;
        self.run_outbox(&mut outbox);
    }

    fn run_outbox(self: &Arc<Self>, outbox: &mut Outbox) {
        if std::mem::replace(&mut outbox.running, true) {
            return;
        }
        let shared = self.clone();
        tokio::spawn(async move {
            loop {
                let (publish, refresh) = {
                    let mut outbox = lock(&shared.outbox);
                    if outbox.publish.is_empty() && !outbox.refresh {
                        outbox.running = false;
                        return;
                    }
                    (
                        std::mem::take(&mut outbox.publish),
                        std::mem::take(&mut outbox.refresh),
                    )
                };
                for (uri, items) in publish {
                    // Opened since it was queued: its document's lane publishes now, from the
                    // editor's text (the disk's may be older), and with a version.
                    if shared.lock().docs.contains_key(&uri) {
                        continue;
                    }
                    shared.client.publish_diagnostics(uri, items, None).await;
                }
                if refresh {
                    let _ = shared.client.workspace_diagnostic_refresh().await;
                }
            }
        });
    }
}

/// The result id of the empty report for a file that left the index.
const GONE: &str = "gone";

/// `workspace/diagnostic`: every reported file that is not open, "unchanged" for the result
/// ids the client has; a file it knows that is gone (and not open) gets an empty report.
pub async fn workspace_pull(
    shared: &Arc<Shared>,
    params: lsp::WorkspaceDiagnosticParams,
) -> Result<lsp::WorkspaceDiagnosticReportResult> {
    let previous: HashMap<lsp::Uri, String> = params
        .previous_result_ids
        .into_iter()
        .map(|p| (p.uri, p.value))
        .collect();
    let open: HashSet<lsp::Uri> = shared.lock().docs.keys().cloned().collect();
    let closed = lock(&shared.closed);
    let mut items: Vec<lsp::WorkspaceDocumentDiagnosticReport> = Vec::new();
    let mut known = HashSet::new();
    for file in closed.files.values() {
        let uri = file.own.uri.clone();
        let result_id = file.result_id();
        known.insert(uri.clone());
        items.push(if previous.get(&uri) == Some(&result_id) {
            lsp::WorkspaceDocumentDiagnosticReport::Unchanged(
                lsp::WorkspaceUnchangedDocumentDiagnosticReport {
                    uri,
                    version: None,
                    unchanged_document_diagnostic_report: lsp::UnchangedDocumentDiagnosticReport {
                        result_id,
                    },
                },
            )
        } else {
            full(uri, Some(result_id), file.items())
        });
    }
    drop(closed);
    for (uri, id) in previous {
        if !known.contains(&uri) && !open.contains(&uri) && id != GONE {
            items.push(full(uri, Some(GONE.to_string()), Vec::new()));
        }
    }
    items.sort_by(|a, b| report_uri(a).as_str().cmp(report_uri(b).as_str()));
    Ok(lsp::WorkspaceDiagnosticReportResult::Report(
        lsp::WorkspaceDiagnosticReport { items },
    ))
}

fn full(
    uri: lsp::Uri,
    result_id: Option<String>,
    items: Vec<lsp::Diagnostic>,
) -> lsp::WorkspaceDocumentDiagnosticReport {
    lsp::WorkspaceDocumentDiagnosticReport::Full(lsp::WorkspaceFullDocumentDiagnosticReport {
        uri,
        version: None,
        full_document_diagnostic_report: lsp::FullDocumentDiagnosticReport { result_id, items },
    })
}

fn report_uri(r: &lsp::WorkspaceDocumentDiagnosticReport) -> &lsp::Uri {
    match r {
        lsp::WorkspaceDocumentDiagnosticReport::Full(f) => &f.uri,
        lsp::WorkspaceDocumentDiagnosticReport::Unchanged(u) => &u.uri,
    }
}
