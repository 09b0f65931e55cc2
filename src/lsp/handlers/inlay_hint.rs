//! `textDocument/inlayHint`: after the description, what the persona's always-loaded entry
//! costs (an estimate) and its share of each budget it counts in.

use super::files::with_current;
use crate::analysis::navigate;
use crate::lsp::server::Shared;
use crate::lsp::to_proto;
use std::sync::Arc;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types as lsp;

pub async fn inlay_hint(
    shared: &Arc<Shared>,
    params: lsp::InlayHintParams,
) -> Result<Option<Vec<lsp::InlayHint>>> {
    with_current(shared, &params.text_document.uri, |cur, index| {
        let registry = &cur.snap.location.registry;
        let costs = navigate::costs(index, &cur.path, &cur.record, cur.text(), registry);
        let hints = costs
            .into_iter()
            .map(|c| lsp::InlayHint {
                position: to_proto::position(&cur.snap.doc, c.at, cur.snap.encoding),
                label: lsp::InlayHintLabel::String(c.label),
                kind: None,
                text_edits: None,
                tooltip: None,
                padding_left: Some(true),
                padding_right: None,
                data: None,
            })
            .collect();
        Some(hints)
    })
    .await
}
