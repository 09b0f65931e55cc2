//! One handler per feature. Each converts the request in ([`super::from_proto`]), asks the
//! engine, and converts the answer out ([`super::to_proto`]); `server.rs` only dispatches.
//!
//! Concurrency rules (DESIGN.md §2), which every handler keeps:
//! - `didOpen`/`didChange`/`didClose` mutate the state synchronously, before any `.await`
//!   (their handlers in `sync` are not even `async`): tower-lsp-server polls handler futures
//!   in arrival order, so edits apply in the order they arrive, and `Document::change` puts a
//!   change the client sent late back in version order.
//! - They then queue a job on the document's diagnostics lane (`diagnostics`), a task per
//!   document that runs its jobs in order and coalesces repeated ones (the latest version is
//!   analysed once; older ones are skipped, not debounced). One lane per document keeps its
//!   publishes in order; lanes of different documents run side by side. A result is dropped
//!   when the document moved on while it was computed.
//! - The state lock is a plain `Mutex`, never held across `.await` (its guard is not `Send`,
//!   so the compiler enforces it). Requests take a snapshot and work outside the lock.
//! - Analysis runs under `catch_unwind`, or in `spawn_blocking` for large documents and for
//!   documents whose last analysis was slow (`Shared::cpu`), so that no request waits behind
//!   another document's analysis on a runtime thread; a panic becomes an error answer or a
//!   log line, never a dead server.
//! - Client round-trips (`workspace/configuration`, capability registration, diagnostic
//!   refresh) run in spawned tasks, never awaited in a notification handler.

pub mod closed;
pub mod code_action;
pub mod code_lens;
pub mod completion;
pub mod configuration;
pub mod cross;
pub mod definition;
pub mod diagnostics;
pub mod document_link;
pub mod files;
pub mod folding;
pub mod hover;
pub mod inlay_hint;
pub mod lifecycle;
pub mod references;
pub mod rename;
pub mod selection;
pub mod symbols;
pub mod sync;
pub mod workspace;
pub mod workspace_symbol;

pub(super) use diagnostics::Lane;

use super::from_proto;
use super::server::Shared;
use super::state::{Computed, Snapshot};
use crate::document::Body;
use crate::project::{DocLocation, Project};
use crate::syntax::markdown::{self, Outline};
use std::sync::Arc;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types as lsp;

/// Where the document at `uri` lives.
fn locate(project: &Project, uri: &lsp::Uri) -> DocLocation {
    let path = from_proto::file_path(uri);
    project.locate_document(path.as_deref(), &from_proto::document_name(uri))
}

/// The Markdown outline of a snapshot, computed lazily, each unchanged piece of the body taken
/// from the last computation.
async fn outline(shared: &Arc<Shared>, snap: &Snapshot, body_start: usize) -> Result<Arc<Outline>> {
    let revision = snap.doc.number();
    let cache = {
        let mut st = shared.lock();
        let Some(open) = st.docs.get_mut(&snap.uri) else {
            return Ok(Arc::default());
        };
        match &open.doc.body.outline {
            Some((r, o)) if *r == revision => return Ok(o.clone()),
            _ => std::mem::take(&mut open.doc.body.cache),
        }
    };
    let sh = shared.clone();
    let snap = snap.clone();
    shared
        .cpu(snap.weight(), move || {
            let mut cache = cache;
            let outline = Arc::new(markdown::outline(snap.doc.text(), body_start, &mut cache));
            let mut st = sh.lock();
            if let Some(open) = st
                .docs
                .get_mut(&snap.uri)
                .filter(|d| d.doc.revision() == revision)
            {
                open.doc.body = Body {
                    outline: Some((revision, outline.clone())),
                    cache,
                };
            }
            outline
        })
        .await
}

/// The analysis and the outline, for the structure requests (symbols, folds, selections).
async fn structure(
    shared: &Arc<Shared>,
    uri: &lsp::Uri,
) -> Result<Option<(Snapshot, Arc<Computed>, Arc<Outline>)>> {
    let Some(snap) = shared.snapshot(uri) else {
        return Ok(None);
    };
    let computed = analysed(shared, &snap).await?;
    let outline = outline(shared, &snap, computed.parsed.split.body_start).await?;
    Ok(Some((snap, computed, outline)))
}

/// The analysis of a snapshot (cached per revision), computed off the lock.
async fn analysed(shared: &Arc<Shared>, snap: &Snapshot) -> Result<Arc<Computed>> {
    let s = snap.clone();
    let sh = shared.clone();
    shared.cpu(snap.weight(), move || sh.computed(&s)).await
}
