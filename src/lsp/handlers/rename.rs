//! `textDocument/prepareRename` and `textDocument/rename`: a persona's name, every reference
//! to it, and the folder or file tied to it, as one workspace edit (see
//! `to_proto::rename_edit` for what a client without file operations gets).

use super::files::{Files, current, with_current};
use crate::analysis::navigate;
use crate::lsp::server::Shared;
use crate::lsp::to_proto;
use std::sync::Arc;
use tower_lsp_server::jsonrpc::{self, Result};
use tower_lsp_server::ls_types as lsp;

fn refused(message: String) -> jsonrpc::Error {
    jsonrpc::Error {
        code: jsonrpc::ErrorCode::InvalidRequest,
        message: message.into(),
        data: None,
    }
}

pub async fn prepare_rename(
    shared: &Arc<Shared>,
    params: lsp::TextDocumentPositionParams,
) -> Result<Option<lsp::PrepareRenameResponse>> {
    let answer = with_current(shared, &params.text_document.uri, |cur, index| {
        let at = navigate::Cursor {
            path: &cur.path,
            record: &cur.record,
            text: cur.text(),
            offset: cur.offset(params.position),
        };
        Some(
            navigate::prepare_rename(index, &at, &cur.snap.location.registry).map(
                |(span, placeholder)| {
                    let range = to_proto::range(&cur.snap.doc, &span, cur.snap.encoding);
                    (range, placeholder)
                },
            ),
        )
    })
    .await?;
    match answer {
        Some(Ok((range, placeholder))) => {
            Ok(Some(lsp::PrepareRenameResponse::RangeWithPlaceholder {
                range,
                placeholder,
            }))
        }
        Some(Err(why)) => Err(refused(why)),
        None => Ok(None),
    }
}

pub async fn rename(
    shared: &Arc<Shared>,
    params: lsp::RenameParams,
) -> Result<Option<lsp::WorkspaceEdit>> {
    let pos = params.text_document_position;
    let Some(cur) = current(shared, &pos.text_document.uri).await? else {
        return Ok(None);
    };
    let offset = cur.offset(pos.position);
    let flags = shared.flags();
    let sh = shared.clone();
    let new = params.new_name;
    // Other files are read from the disk: off the runtime's threads.
    let plan = shared
        .cpu(usize::MAX, move || {
            let files = Files::new(&sh);
            let index = sh.index();
            let at = navigate::Cursor {
                path: &cur.path,
                record: &cur.record,
                text: cur.text(),
                offset,
            };
            navigate::rename(
                &index.personas,
                &at,
                &new,
                &cur.snap.location.registry,
                &files,
            )
        })
        .await?
        .map_err(refused)?;
    let (edit, manual) = to_proto::rename_edit(&plan, flags.encoding, flags.resource_rename);
    if let Some(msg) = manual {
        shared
            .client
            .show_message(lsp::MessageType::WARNING, msg)
            .await;
    }
    Ok(Some(edit))
}
