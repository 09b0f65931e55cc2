//! `textDocument/selectionRange`: from the word under the cursor out to the whole section.

use crate::analysis::symbols;
use crate::lsp::server::Shared;
use crate::lsp::{from_proto, to_proto};
use std::sync::Arc;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types as lsp;

pub async fn selection_range(
    shared: &Arc<Shared>,
    params: lsp::SelectionRangeParams,
) -> Result<Option<Vec<lsp::SelectionRange>>> {
    let structure = super::structure(shared, &params.text_document.uri).await?;
    Ok(structure.map(|(snap, computed, outline)| {
        params
            .positions
            .iter()
            .map(|&p| {
                let offset = from_proto::offset(&snap.doc, p, snap.encoding);
                let chain =
                    symbols::selection_ranges(snap.doc.text(), &computed.parsed, &outline, offset);
                to_proto::selection_range(&snap, &chain, p)
            })
            .collect()
    }))
}
