//! `textDocument/references`: every reference in the workspace to the persona at the cursor.

use super::files::{Files, with_current};
use crate::analysis::navigate;
use crate::lsp::server::Shared;
use std::sync::Arc;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types as lsp;

pub async fn references(
    shared: &Arc<Shared>,
    params: lsp::ReferenceParams,
) -> Result<Option<Vec<lsp::Location>>> {
    let pos = params.text_document_position;
    let with_declaration = params.context.include_declaration;
    let places = with_current(shared, &pos.text_document.uri, |cur, index| {
        let offset = cur.offset(pos.position);
        Some(navigate::references(
            index,
            &cur.path,
            &cur.record,
            offset,
            with_declaration,
        ))
    })
    .await?;
    let files = Files::new(shared);
    Ok(places.map(|places| places.iter().filter_map(|p| files.location(p)).collect()))
}
