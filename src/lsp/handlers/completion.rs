//! `textDocument/completion` and `completionItem/resolve`.

use crate::analysis::{Parsed, completion};
use crate::lsp::server::Shared;
use crate::lsp::{from_proto, to_proto};
use std::sync::Arc;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types as lsp;

pub async fn completion(
    shared: &Arc<Shared>,
    params: lsp::CompletionParams,
) -> Result<Option<lsp::CompletionResponse>> {
    let pos = params.text_document_position;
    let Some(snap) = shared.snapshot(&pos.text_document.uri) else {
        return Ok(None);
    };
    let flags = shared.flags();
    let sh = shared.clone();
    shared
        .cpu(snap.weight(), move || {
            // Completion does not wait for an analysis under way: parsing is enough.
            let parsed_owned;
            let parsed: &Parsed = match snap.computed.get() {
                Some(c) => &c.parsed,
                None => {
                    parsed_owned = Parsed::new(snap.doc.text());
                    &parsed_owned
                }
            };
            let loc = &snap.location;
            if loc.is_config || loc.excluded {
                return None;
            }
            let detected =
                loc.registry
                    .detect(&loc.rel_path, parsed.yaml.as_ref(), loc.markers, None)?;
            let path = loc.path.clone();
            let ws = |key: &str| sh.used_values(key, path.as_deref());
            let req = completion::Request {
                text: snap.doc.text(),
                parsed,
                registry: &loc.registry,
                dialect: loc.registry.dialect(&detected),
                offset: from_proto::offset(&snap.doc, pos.position, snap.encoding),
                snippets: flags.snippets,
                lazy_docs: flags.completion_lazy_docs,
                workspace: &ws,
            };
            to_proto::completion(&snap, &flags, completion::complete(&req))
        })
        .await
}

/// Fills in the documentation the list left out (when the client resolves it lazily).
pub async fn resolve(
    shared: &Arc<Shared>,
    mut item: lsp::CompletionItem,
) -> Result<lsp::CompletionItem> {
    let data = item.data.as_ref().and_then(from_proto::resolve_data);
    let Some(data) = data else { return Ok(item) };
    let Some(snap) = shared.snapshot(&data.uri) else {
        return Ok(item);
    };
    let flags = shared.flags();
    let sh = shared.clone();
    let doc = shared
        .cpu(snap.weight(), move || {
            let c = sh.computed(&snap);
            let registry = &snap.location.registry;
            let detected = c.analysis.dialect.or_else(|| {
                let loc = &snap.location;
                registry.detect(&loc.rel_path, c.parsed.yaml.as_ref(), loc.markers, None)
            })?;
            completion::documentation(registry, registry.dialect(&detected), &data.doc)
        })
        .await?;
    if let Some(value) = doc {
        item.documentation = Some(to_proto::documentation(flags.completion_markdown, value));
    }
    Ok(item)
}
