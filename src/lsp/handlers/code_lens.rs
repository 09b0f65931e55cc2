//! `textDocument/codeLens`: how many references in the workspace name this persona, on its
//! name.

use super::files::with_current;
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
    with_current(shared, &params.text_document.uri, |cur, index| {
        if cur.record.names.is_empty() {
            return Some(Vec::new());
        }
        let title = match navigate::reference_count(index, &cur.path, &cur.record) {
            1 => "1 reference".to_string(),
            n => format!("{n} references"),
        };
        let span = cur.record.anchor_span();
        Some(vec![lsp::CodeLens {
            range: to_proto::range(&cur.snap.doc, &span, cur.snap.encoding),
            command: Some(lsp::Command {
                title,
                command: String::new(),
                arguments: None,
            }),
            data: None,
        }])
    })
    .await
}
