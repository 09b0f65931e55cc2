//! `workspace/symbol`: every persona of the workspace by name.

use super::files::Files;
use crate::analysis::navigate;
use crate::lsp::server::Shared;
use crate::lsp::to_proto;
use crate::schema::Schema;
use std::sync::Arc;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types as lsp;

pub async fn symbol(
    shared: &Arc<Shared>,
    params: lsp::WorkspaceSymbolParams,
) -> Result<Option<lsp::WorkspaceSymbolResponse>> {
    let registry = shared.lock().project.default_registry();
    let sh = shared.clone();
    shared
        .cpu(usize::MAX, move || {
            let syms = navigate::workspace_symbols(&sh.index().personas, &params.query, &registry);
            let files = Files::new(&sh);
            let names = &Schema::builtin().names;
            #[allow(deprecated)]
            let out: Vec<lsp::SymbolInformation> = syms
                .iter()
                .filter_map(|s| {
                    Some(lsp::SymbolInformation {
                        name: s.name.clone(),
                        kind: to_proto::persona_kind(&names.namespaces[s.ns].what),
                        tags: None,
                        deprecated: None,
                        location: files.location(&s.place)?,
                        container_name: Some(s.container.clone()),
                    })
                })
                .collect();
            Some(lsp::WorkspaceSymbolResponse::Flat(out))
        })
        .await
}
