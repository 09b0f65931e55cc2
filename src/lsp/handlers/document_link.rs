//! `textDocument/documentLink`: each reference that resolves, linked to its file.

use super::files::with_current;
use crate::analysis::navigate;
use crate::lsp::server::Shared;
use crate::lsp::to_proto;
use std::sync::Arc;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types as lsp;

pub async fn document_link(
    shared: &Arc<Shared>,
    params: lsp::DocumentLinkParams,
) -> Result<Option<Vec<lsp::DocumentLink>>> {
    with_current(shared, &params.text_document.uri, |cur, index| {
        let links = navigate::jumps(index, &cur.record)
            .iter()
            .filter_map(|j| {
                let target = j.targets.first()?;
                Some(lsp::DocumentLink {
                    range: to_proto::range(&cur.snap.doc, &j.span, cur.snap.encoding),
                    target: Some(to_proto::uri(&target.path)?),
                    tooltip: Some(target.path.display().to_string()),
                    data: None,
                })
            })
            .collect();
        Some(links)
    })
    .await
}
