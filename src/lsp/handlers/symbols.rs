//! `textDocument/documentSymbol`: the front matter's keys and the body's headings.

use crate::analysis::symbols;
use crate::lsp::server::Shared;
use crate::lsp::to_proto;
use std::sync::Arc;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types as lsp;

pub async fn document_symbol(
    shared: &Arc<Shared>,
    params: lsp::DocumentSymbolParams,
) -> Result<Option<lsp::DocumentSymbolResponse>> {
    let Some((snap, computed, outline)) =
        super::structure(shared, &params.text_document.uri).await?
    else {
        return Ok(None);
    };
    let hierarchical = shared.flags().hierarchical_symbols;
    let syms = symbols::document_symbols(snap.doc.text(), &computed.parsed, &outline);
    Ok(Some(to_proto::document_symbols(&snap, &syms, hierarchical)))
}
