//! Diagnostics, pushed and pulled.
//!
//! Pushed: each open document has a lane, a task that runs its jobs (check, close) one at a
//! time and in order, and ends when it has none left. A check analyses the document at its
//! latest revision (older queued ones are skipped, not debounced), and a result is dropped
//! when the document moved on while it was computed. Lanes run side by side, so a slow
//! document (megabytes of pathological front matter, analysed on the blocking pool) never
//! holds back another document's diagnostics.
//!
//! Pulled (`textDocument/diagnostic`): the result id names the revision and the location
//! (configuration) it was computed with, so an unchanged document answers "unchanged".

use crate::lsp::server::{Shared, lock, run_cpu};
use crate::lsp::to_proto;
use crate::workspace;
use std::sync::Arc;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types as lsp;

pub enum Job {
    Check(lsp::Uri),
    CheckAll,
    Close(lsp::Uri),
}

/// What a document's lane still has to do (see the module docs).
#[derive(Debug, Default)]
pub struct Lane {
    check: bool,
    close: bool,
}

impl Shared {
    /// Queues a job on its document's lane, starting the lane if it is idle.
    pub(in crate::lsp) fn queue(self: &Arc<Self>, job: Job) {
        match job {
            Job::Check(uri) => self.enqueue(uri, false),
            Job::Close(uri) => self.enqueue(uri, true),
            Job::CheckAll => {
                let uris: Vec<lsp::Uri> = self.lock().docs.keys().cloned().collect();
                for uri in uris {
                    self.enqueue(uri, false);
                }
            }
        }
    }

    fn enqueue(self: &Arc<Self>, uri: lsp::Uri, close: bool) {
        let mut lanes = lock(&self.lanes);
        let idle = !lanes.contains_key(&uri);
        let lane = lanes.entry(uri.clone()).or_default();
        if close {
            // A close supersedes a pending check; a check queued after it runs after it.
            lane.close = true;
            lane.check = false;
        } else {
            lane.check = true;
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
        let close_next = {
            let mut lanes = lock(&shared.lanes);
            let Some(lane) = lanes.get_mut(&uri) else {
                return;
            };
            if std::mem::take(&mut lane.close) {
                true
            } else if std::mem::take(&mut lane.check) {
                false
            } else {
                lanes.remove(&uri);
                return;
            }
        };
        if close_next {
            close(&shared, &uri).await;
        } else {
            check(&shared, &uri).await;
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
    if let (Some(path), false) = (&snap.location.path, snap.location.is_config) {
        let entry = computed.analysis.dialect.map(|d| {
            workspace::FileIndex::of(
                snap.doc.text(),
                &computed.parsed,
                &workspace::origin_of(&snap.location),
                &snap.location.registry,
                &d,
            )
        });
        let mut index = shared.index();
        match entry {
            Some(e) => index.set(path.clone(), e),
            None => index.remove(path),
        };
    }
    if !pull {
        let diagnostics = to_proto::diagnostics(&snap, &computed);
        let version = snap.doc.version();
        // Let go of the text before waiting on the client: a `didChange` arriving meanwhile
        // then edits it in place instead of copying it.
        drop(snap);
        shared
            .client
            .publish_diagnostics(uri.clone(), diagnostics, Some(version))
            .await;
    }
}

/// `textDocument/diagnostic`.
pub async fn pull(
    shared: &Arc<Shared>,
    params: lsp::DocumentDiagnosticParams,
) -> Result<lsp::DocumentDiagnosticReportResult> {
    let Some(snap) = shared.snapshot(&params.text_document.uri) else {
        return Ok(to_proto::full_report(None, Vec::new()));
    };
    let result_id = format!("{}:{}", snap.location.id, snap.doc.number());
    if params.previous_result_id.as_deref() == Some(result_id.as_str()) {
        return Ok(to_proto::unchanged_report(result_id));
    }
    let sh = shared.clone();
    let items = shared
        .cpu(snap.weight(), move || {
            to_proto::diagnostics(&snap, &sh.computed(&snap))
        })
        .await?;
    Ok(to_proto::full_report(Some(result_id), items))
}
