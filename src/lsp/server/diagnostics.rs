//! Diagnostics: each open document has a lane, a task that runs its jobs (check, close) one at
//! a time and in order, and ends when it has none left. A check analyses the document at its
//! latest version (older queued versions are skipped, not debounced), and a result is dropped
//! when the document moved on while it was computed. Lanes run side by side, so a slow
//! document (megabytes of pathological front matter, analysed on the blocking pool) never
//! holds back another document's diagnostics.

use super::{Job, Shared, lock, run_cpu};
use crate::lsp::state::{Computed, Snapshot};
use crate::lsp::{convert, workspace};
use ropey::Rope;
use std::sync::Arc;
use tower_lsp_server::Client;
use tower_lsp_server::ls_types as lsp;

pub(super) fn config_diagnostic(
    rope: &Rope,
    range: std::ops::Range<usize>,
    message: &str,
    enc: crate::text::Encoding,
) -> lsp::Diagnostic {
    lsp::Diagnostic {
        range: convert::range(rope, &range, enc),
        severity: Some(lsp::DiagnosticSeverity::ERROR),
        code: Some(lsp::NumberOrString::String(
            "invalid-configuration".to_string(),
        )),
        source: Some(convert::SOURCE.to_string()),
        message: message.to_string(),
        ..Default::default()
    }
}

pub(super) fn lsp_diagnostics(snap: &Snapshot, c: &Computed) -> Vec<lsp::Diagnostic> {
    let mut out: Vec<lsp::Diagnostic> = c
        .analysis
        .diagnostics
        .iter()
        .map(|d| convert::diagnostic(&snap.rope, d, snap.encoding))
        .collect();
    if let Some((range, message)) = &c.config_error {
        out.push(config_diagnostic(
            &snap.rope,
            range.clone(),
            message,
            snap.encoding,
        ));
    }
    out
}

/// What a document's lane still has to do (see the module docs).
#[derive(Debug, Default)]
pub(super) struct Lane {
    check: bool,
    close: bool,
}

impl Shared {
    /// Queues a job on its document's lane, starting the lane if it is idle.
    pub(super) fn queue(self: &Arc<Self>, job: Job) {
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
/// runs is done once, at the latest version). Documents do not wait for each other.
async fn run_lane(shared: Arc<Shared>, uri: lsp::Uri) {
    loop {
        let next = {
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
        if next {
            close(&shared, &uri).await;
        } else {
            check(&shared, &shared.client, &uri).await;
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

/// Analyses the current version of a document, keeps the result and publishes it.
pub(super) async fn check(shared: &Arc<Shared>, client: &Client, uri: &lsp::Uri) {
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
            // A newer version (or configuration) is queued: its job publishes.
            return;
        }
        st.store(&snap, &computed);
        st.flags.pull_diagnostics
    };
    if let (Some(path), false) = (&snap.location.path, snap.location.is_config) {
        let dialect = computed
            .analysis
            .dialect
            .map(|d| &snap.location.registry.dialects[d.index]);
        let mut index = shared.index();
        match dialect {
            Some(d) => index.set(path.clone(), workspace::extract(&computed.parsed, Some(d))),
            None => index.remove(path),
        }
    }
    if !pull {
        let diagnostics = lsp_diagnostics(&snap, &computed);
        let version = snap.version;
        // Let go of the text before waiting on the client: a `didChange` arriving meanwhile
        // then edits it in place instead of copying it.
        drop(snap);
        client
            .publish_diagnostics(uri.clone(), diagnostics, Some(version))
            .await;
    }
}
