//! The diagnostics worker: one task drains the job queue, analyses each document at its
//! latest version (older queued versions are skipped, not debounced) and publishes in order;
//! a result is dropped when the document moved on while it was computed.

use super::{Job, Shared, run_cpu};
use crate::lsp::state::{Computed, Snapshot, compute};
use crate::lsp::{convert, workspace};
use ropey::Rope;
use std::collections::HashSet;
use std::sync::{Arc, Weak};
use tokio::sync::mpsc;
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

/// The diagnostics worker (see the module docs).
pub(super) async fn worker(
    shared: Weak<Shared>,
    client: Client,
    mut rx: mpsc::UnboundedReceiver<Job>,
) {
    while let Some(first) = rx.recv().await {
        let mut batch = vec![first];
        while let Ok(job) = rx.try_recv() {
            batch.push(job);
        }
        let Some(shared) = shared.upgrade() else {
            break;
        };
        let mut done: HashSet<lsp::Uri> = HashSet::new();
        for job in batch {
            match job {
                Job::Check(uri) => {
                    if done.insert(uri.clone()) {
                        check(&shared, &client, &uri).await;
                    }
                }
                Job::CheckAll => {
                    let uris: Vec<lsp::Uri> = shared.lock().docs.keys().cloned().collect();
                    for uri in uris {
                        if done.insert(uri.clone()) {
                            check(&shared, &client, &uri).await;
                        }
                    }
                }
                Job::Close(uri) => {
                    done.remove(&uri);
                    let (open, pull) = {
                        let st = shared.lock();
                        (st.docs.contains_key(&uri), st.flags.pull_diagnostics)
                    };
                    if !open && !pull {
                        client.publish_diagnostics(uri, Vec::new(), None).await;
                    }
                }
            }
        }
    }
}

/// Analyses the current version of a document, keeps the result and publishes it.
pub(super) async fn check(shared: &Arc<Shared>, client: &Client, uri: &lsp::Uri) {
    let Some(snap) = shared.snapshot(uri) else {
        return;
    };
    let computed = match snap.computed.clone() {
        Some(c) => c,
        None => {
            let s = snap.clone();
            match run_cpu(snap.text.len(), move || Arc::new(compute(&s))).await {
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
