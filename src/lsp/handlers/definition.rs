//! `textDocument/definition`: from a reference to the personas it resolves to.

use super::files::{Files, with_current};
use crate::analysis::navigate;
use crate::lsp::server::Shared;
use std::sync::Arc;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types as lsp;

pub async fn definition(
    shared: &Arc<Shared>,
    params: lsp::GotoDefinitionParams,
) -> Result<Option<lsp::GotoDefinitionResponse>> {
    let pos = params.text_document_position_params;
    let files = Files::new(shared);
    let places = with_current(shared, &pos.text_document.uri, |cur, index| {
        let mut found = navigate::definition(index, &cur.record, cur.offset(pos.position));
        // A skill named by its folder: to its `name` value, where there is one.
        for p in &mut found {
            navigate::at_name_value(index, p, &cur.snap.location.registry, &files);
        }
        Some(found)
    })
    .await?
    .unwrap_or_default();
    let found: Vec<lsp::Location> = places.iter().filter_map(|p| files.location(p)).collect();
    Ok((!found.is_empty()).then_some(lsp::GotoDefinitionResponse::Array(found)))
}
