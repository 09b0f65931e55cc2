//! `textDocument/references`: every reference in the workspace to the persona at the cursor.

use super::files::{Files, current};
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
    let Some(cur) = current(shared, &pos.text_document.uri).await? else {
        return Ok(None);
    };
    let offset = cur.offset(pos.position);
    let places = navigate::references(
        &shared.index().personas,
        &cur.path,
        &cur.record,
        offset,
        params.context.include_declaration,
    );
    let files = Files::new(shared);
    Ok(Some(
        places.iter().filter_map(|p| files.location(p)).collect(),
    ))
}
