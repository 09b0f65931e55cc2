//! Document synchronisation: `didOpen`, `didChange`, `didSave`, `didClose`. Not `async`: each
//! changes the state before any other message is looked at (see the concurrency rules in
//! [`super`]), then queues the document's check.

use super::closed;
use super::diagnostics::Job;
use super::workspace::Event;
use crate::config::FILE_NAME;
use crate::document::{Applied, Document};
use crate::lsp::from_proto;
use crate::lsp::server::Shared;
use crate::lsp::state::Open;
use std::collections::HashSet;
use std::sync::Arc;
use tower_lsp_server::ls_types as lsp;

pub fn did_open(shared: &Arc<Shared>, params: lsp::DidOpenTextDocumentParams) {
    let doc = params.text_document;
    // Resolved outside the state lock: it may have to build a registry.
    let project = shared.lock().project.clone();
    let location = Arc::new(super::locate(&project, &doc.uri));
    let path = location.path.clone();
    let open = Open::new(Document::new(doc.text, doc.version), location);
    shared.lock().docs.insert(doc.uri.clone(), open);
    if let Some(path) = path {
        // Its lane reports it from now on.
        shared.opened(&path);
    }
    let problems = project.take_problems();
    shared.queue(Job::Check(doc.uri));
    shared.report(problems);
}

pub fn did_change(shared: &Arc<Shared>, params: lsp::DidChangeTextDocumentParams) {
    let uri = params.text_document.uri;
    {
        let mut st = shared.lock();
        let enc = st.flags.encoding;
        let Some(open) = st.docs.get_mut(&uri) else {
            tracing::warn!(
                "didChange for a document that is not open: {}",
                uri.as_str()
            );
            return;
        };
        let version = params.text_document.version;
        let changes = from_proto::changes(params.content_changes);
        open.computed = Arc::default();
        match open.doc.change(version, changes, enc) {
            Applied::InOrder => {}
            Applied::Reordered { redone } => tracing::info!(
                "didChange version {version} came after later versions: undid and redid {redone} change(s) to apply them in version order"
            ),
            // A client that never raises its versions makes every change "late": say it
            // once per document, then only at debug level.
            Applied::Late if !open.late_reported => {
                open.late_reported = true;
                tracing::warn!(
                    "didChange version {version} came after version {}, too late to put in order: applied as it came (reported once per document)",
                    open.doc.version()
                );
            }
            Applied::Late => tracing::debug!(
                "didChange version {version} came after version {}: applied as it came",
                open.doc.version()
            ),
        }
    }
    shared.queue(Job::Check(uri));
}

pub fn did_save(shared: &Arc<Shared>, params: lsp::DidSaveTextDocumentParams) {
    if from_proto::file_path(&params.text_document.uri)
        .is_some_and(|p| p.file_name().is_some_and(|n| n == FILE_NAME))
    {
        shared.config_changed();
    }
}

pub fn did_close(shared: &Arc<Shared>, params: lsp::DidCloseTextDocumentParams) {
    let uri = params.text_document.uri;
    let closed = shared.lock().docs.remove(&uri);
    let Some(loc) = closed.map(|d| d.location) else {
        return;
    };
    // The index held the editor's text, perhaps never saved: back to what is on disk.
    match loc.path.clone() {
        // Reported as a file that is not open: what it publishes replaces what the editor
        // showed (an empty list when it is clean).
        Some(path) if !loc.is_config && closed::reported(&loc.registry) => {
            let shown = HashSet::from([path.clone()]);
            shared.reindex(vec![Event::Changed(path)], shown);
        }
        path => {
            shared.queue(Job::Close(uri));
            if let Some(path) = path {
                shared.reindex(vec![Event::Changed(path)], HashSet::new());
            }
        }
    }
}
