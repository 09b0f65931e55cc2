//! `textDocument/hover`.

use crate::analysis::hover;
use crate::lsp::server::Shared;
use crate::lsp::{from_proto, to_proto};
use std::sync::Arc;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types as lsp;

pub async fn hover(shared: &Arc<Shared>, params: lsp::HoverParams) -> Result<Option<lsp::Hover>> {
    let pos = params.text_document_position_params;
    let Some(snap) = shared.snapshot(&pos.text_document.uri) else {
        return Ok(None);
    };
    let markdown = shared.flags().hover_markdown;
    let sh = shared.clone();
    shared
        .cpu(snap.weight(), move || {
            let c = sh.computed(&snap);
            let loc = &snap.location;
            let path = loc.path.clone();
            let ws = |key: &str| sh.used_values(key, path.as_deref());
            let req = hover::Request {
                text: snap.doc.text(),
                parsed: &c.parsed,
                registry: &loc.registry,
                detected: c.analysis.dialect,
                offset: from_proto::offset(&snap.doc, pos.position, snap.encoding),
                diagnostics: &c.analysis.diagnostics,
                workspace: &ws,
            };
            let h = hover::hover(&req)?;
            Some(to_proto::hover(&snap, h, markdown))
        })
        .await
}
