//! `textDocument/foldingRange`: the front matter, sections and code blocks.

use crate::analysis::symbols;
use crate::lsp::server::Shared;
use crate::lsp::to_proto;
use std::sync::Arc;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types as lsp;

pub async fn folding_range(
    shared: &Arc<Shared>,
    params: lsp::FoldingRangeParams,
) -> Result<Option<Vec<lsp::FoldingRange>>> {
    let structure = super::structure(shared, &params.text_document.uri).await?;
    Ok(structure.map(|(snap, computed, outline)| {
        let folds = symbols::folding_ranges(&computed.parsed, &outline);
        to_proto::folding_ranges(&snap.doc, folds)
    }))
}
