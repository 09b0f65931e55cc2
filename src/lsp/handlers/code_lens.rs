//! `textDocument/codeLens`: how many references in the workspace name this persona, on its
//! name.

use super::files::current;
use crate::analysis::navigate;
use crate::lsp::server::Shared;
use crate::lsp::to_proto;
use std::sync::Arc;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types as lsp;

pub async fn code_lens(
    shared: &Arc<Shared>,
    params: lsp::CodeLensParams,
) -> Result<Option<Vec<lsp::CodeLens>>> {
    let Some(cur) = current(shared, &params.text_document.uri).await? else {
        return Ok(None);
    };
    if cur.record.names.is_empty() {
        return Ok(Some(Vec::new()));
    }
    let n = navigate::reference_count(&shared.index().personas, &cur.path, &cur.record);
    let span = cur.record.anchor_span();
    let title = match n {
        1 => "1 reference".to_string(),
        n => format!("{n} references"),
    };
    Ok(Some(vec![lsp::CodeLens {
        range: to_proto::range(&cur.snap.doc, &span, cur.snap.encoding),
        command: Some(lsp::Command {
            title,
            command: String::new(),
            arguments: None,
        }),
        data: None,
    }]))
}
