//! Diagnostics of open documents, pushed and pulled (the files that are not open: `closed`).
//!
//! Pushed: each open document has a lane, a task that runs its jobs (check, cross, close) one
//! at a time and in order, and ends when it has none left. A check analyses the document at
//! its latest revision (older queued ones are skipped, not debounced), puts its record into
//! the workspace index and merges its cross-file findings (`cross`); a result is dropped when
//! the document moved on while it was computed. A cross job recomputes only the cross-file
//! part, after another file changed. Lanes run side by side, so a slow document (megabytes of
//! pathological front matter, analysed on the blocking pool) never holds back another
//! document's diagnostics.
//!
//! Pulled (`textDocument/diagnostic`): the result id names the revision, the location
//! (configuration) it was computed with and the fingerprint of its cross-file findings, so an
//! unchanged document answers "unchanged".

use crate::diagnostic::Diagnostic;
use crate::lsp::server::{Shared, lock, run_cpu};
use crate::lsp::state::{Computed, Snapshot};
use crate::lsp::to_proto;
use std::sync::Arc;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types as lsp;

pub enum Job {
    Check(lsp::Uri),
    CheckAll,
    Close(lsp::Uri),
    /// Another file changed: recompute this document's cross-file findings (see `cross`).
    Cross(lsp::Uri),
}

/// What a document's lane still has to do (see the module docs).
#[derive(Debug, Default)]
pub struct Lane {
    check: bool,
    close: bool,
    cross: bool,
}

/// The next job of a lane.
enum Next {
    Close,
    Check,
    Cross,
}

impl Shared {
    /// Queues a job on its document's lane, starting the lane if it is idle.
    pub(in crate::lsp) fn queue(self: &Arc<Self>, job: Job) {
        match job {
            Job::Check(uri) => self.enqueue(uri, Next::Check),
            Job::Close(uri) => self.enqueue(uri, Next::Close),
            Job::Cross(uri) => self.enqueue(uri, Next::Cross),
            Job::CheckAll => {
                let uris: Vec<lsp::Uri> = self.lock().docs.keys().cloned().collect();
                for uri in uris {
                    self.enqueue(uri, Next::Check);
                }
            }
        }
    }

    fn enqueue(self: &Arc<Self>, uri: lsp::Uri, job: Next) {
        let mut lanes = lock(&self.lanes);
        let idle = !lanes.contains_key(&uri);
        let lane = lanes.entry(uri.clone()).or_default();
        match job {
            // A close supersedes a pending check; a check queued after it runs after it.
            Next::Close => {
                lane.close = true;
                lane.check = false;
                lane.cross = false;
            }
            Next::Check => lane.check = true,
            Next::Cross => lane.cross = true,
        }
        if idle {
            tokio::spawn(run_lane(self.clone(), uri));
        }
    }
}

/// One document's lane: its jobs one at a time, in order, coalesced (a check queued while one
/// runs is done once, at the latest revision). Documents do not wait for each other.
async fn run_lane(shared: Arc<Shared>, uri: lsp::Uri) {
    loop {
        let next = {
            let mut lanes = lock(&shared.lanes);
            let Some(lane) = lanes.get_mut(&uri) else {
                return;
            };
            if std::mem::take(&mut lane.close) {
                Next::Close
            } else if std::mem::take(&mut lane.check) {
                // A check computes the cross part too.
                lane.cross = false;
                Next::Check
            } else if std::mem::take(&mut lane.cross) {
                Next::Cross
            } else {
                lanes.remove(&uri);
                return;
            }
        };
        match next {
            Next::Close => close(&shared, &uri).await,
            Next::Check => check(&shared, &uri).await,
            Next::Cross => super::cross::recross(&shared, &uri).await,
        }
    }
}

/// After `didClose`: clears the published diagnostics (push mode), unless it was reopened.
async fn close(shared: &Shared, uri: &lsp::Uri) {
    let (open, pull) = {
        let st = shared.lock();
        (st.docs.contains_key(uri), st.flags.pull_diagnostics)
    };
    if !open && !pull {
        shared
            .client
            .publish_diagnostics(uri.clone(), Vec::new(), None)
            .await;
    }
}

/// Analyses the current revision of a document, keeps the result, updates the workspace
/// index and publishes the diagnostics (push mode).
async fn check(shared: &Arc<Shared>, uri: &lsp::Uri) {
    let Some(snap) = shared.snapshot(uri) else {
        return;
    };
    let computed = match snap.computed.get() {
        Some(c) => c.clone(),
        None => {
            let s = snap.clone();
            match run_cpu(snap.weight(), move || s.computed()).await {
                Some(c) => c,
                None => return,
            }
        }
    };
    let pull = {
        let mut st = shared.lock();
        if !st.is_current(&snap) {
            // A newer revision (or configuration) is queued: its job publishes.
            return;
        }
        st.store(&snap, &computed);
        st.flags.pull_diagnostics
    };
    let (cross, affected) = shared.index_open(&snap, &computed);
    shared.dependents(affected);
    if !pull {
        publish(shared, snap, &computed, &cross.list).await;
    }
}

/// Publishes a snapshot's diagnostics, its cross-file findings `cross` merged in.
pub(super) async fn publish(
    shared: &Shared,
    snap: Snapshot,
    computed: &Computed,
    cross: &[Diagnostic],
) {
    let diagnostics = to_proto::diagnostics(&snap, computed, cross);
    let version = snap.doc.version();
    let uri = snap.uri.clone();
    // Let go of the text before waiting on the client: a `didChange` arriving meanwhile
    // then edits it in place instead of copying it.
    drop(snap);
    shared
        .client
        .publish_diagnostics(uri, diagnostics, Some(version))
        .await;
}

/// `textDocument/diagnostic`.
pub async fn pull(
    shared: &Arc<Shared>,
    params: lsp::DocumentDiagnosticParams,
) -> Result<lsp::DocumentDiagnosticReportResult> {
    let Some(snap) = shared.snapshot(&params.text_document.uri) else {
        return Ok(to_proto::full_report(None, Vec::new()));
    };
    let sh = shared.clone();
    let (computed, cross, affected) = shared
        .cpu(snap.weight(), {
            let snap = snap.clone();
            move || {
                let computed = sh.computed(&snap);
                let (cross, affected) = sh.index_open(&snap, &computed);
                (computed, cross, affected)
            }
        })
        .await?;
    shared.dependents(affected);
    // The revision, the location (configuration) and what the other files made of it.
    let result_id = format!(
        "{}:{}:{:x}",
        snap.location.id,
        snap.doc.number(),
        cross.fingerprint
    );
    if params.previous_result_id.as_deref() == Some(result_id.as_str()) {
        return Ok(to_proto::unchanged_report(result_id));
    }
    let items = to_proto::diagnostics(&snap, &computed, &cross.list);
    Ok(to_proto::full_report(Some(result_id), items))
}
