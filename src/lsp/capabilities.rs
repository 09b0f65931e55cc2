//! What the client can do, and what the server advertises in return (only what is implemented).

use crate::text::Encoding;
use tower_lsp_server::ls_types as lsp;

/// The fully qualified kind of the "fix all" source action.
pub const FIX_ALL_KIND: &str = "source.fixAll.persona-ls";

/// The client capabilities the server acts on, read once at `initialize`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ClientFlags {
    pub encoding: Encoding,
    /// Diagnostics are pulled (`textDocument/diagnostic`) instead of pushed.
    pub pull_diagnostics: bool,
    pub snippets: bool,
    pub completion_markdown: bool,
    pub completion_deprecated_tag: bool,
    pub completion_deprecated_field: bool,
    /// The client resolves `documentation` lazily (`completionItem/resolve`): completion lists
    /// leave it out, which keeps a list of a hundred tools small.
    pub completion_lazy_docs: bool,
    pub hover_markdown: bool,
    pub hierarchical_symbols: bool,
    pub code_action_literals: bool,
    pub document_changes: bool,
    /// `documentChanges` with `rename` resource operations: a rename can move files and
    /// folders.
    pub resource_rename: bool,
    pub watch_files: bool,
    pub configuration: bool,
    /// The server may start progress reports (`window/workDoneProgress/create`).
    pub work_done_progress: bool,
}

fn has_markdown(kinds: Option<&Vec<lsp::MarkupKind>>) -> bool {
    // LSP's default when the client says nothing is plain text, but every client in use
    // renders Markdown; an explicit list without it is respected.
    kinds.is_none_or(|k| k.contains(&lsp::MarkupKind::Markdown))
}

pub fn client_flags(caps: &lsp::ClientCapabilities) -> ClientFlags {
    let td = caps.text_document.as_ref();
    let ws = caps.workspace.as_ref();
    let offered = caps
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref());
    let encoding = if offered.is_some_and(|e| e.contains(&lsp::PositionEncodingKind::UTF8)) {
        Encoding::Utf8
    } else {
        Encoding::Utf16
    };
    let item = td
        .and_then(|t| t.completion.as_ref())
        .and_then(|c| c.completion_item.as_ref());
    // Pull only when the client can also be asked to re-pull (`workspace/diagnostic/refresh`):
    // a configuration change must reach diagnostics that are already shown. A client that pulls
    // and pushes into separate collections (Neovim 0.11, VS Code) would show both, so it is one
    // or the other.
    let pull = td.is_some_and(|t| t.diagnostic.is_some())
        && ws.and_then(|w| w.diagnostics.as_ref()?.refresh_support) == Some(true);
    ClientFlags {
        encoding,
        pull_diagnostics: pull,
        snippets: item.and_then(|i| i.snippet_support) == Some(true),
        completion_markdown: has_markdown(item.and_then(|i| i.documentation_format.as_ref())),
        completion_deprecated_tag: item
            .and_then(|i| i.tag_support.as_ref())
            .is_some_and(|t| t.value_set.contains(&lsp::CompletionItemTag::DEPRECATED)),
        completion_deprecated_field: item.and_then(|i| i.deprecated_support) == Some(true),
        completion_lazy_docs: item
            .and_then(|i| i.resolve_support.as_ref())
            .is_some_and(|r| r.properties.iter().any(|p| p == "documentation")),
        hover_markdown: has_markdown(
            td.and_then(|t| t.hover.as_ref())
                .and_then(|h| h.content_format.as_ref()),
        ),
        hierarchical_symbols: td.and_then(|t| {
            t.document_symbol
                .as_ref()?
                .hierarchical_document_symbol_support
        }) == Some(true),
        code_action_literals: td
            .and_then(|t| t.code_action.as_ref()?.code_action_literal_support.as_ref())
            .is_some(),
        document_changes: ws.and_then(|w| w.workspace_edit.as_ref()?.document_changes)
            == Some(true),
        // Resource operations exist only in `documentChanges`, so a client that lists them
        // takes `documentChanges` even without saying `documentChanges: true` (Neovim 0.11
        // says only `resourceOperations`, and applies renames of files and folders).
        resource_rename: ws
            .and_then(|w| w.workspace_edit.as_ref()?.resource_operations.as_ref())
            .is_some_and(|ops| ops.contains(&lsp::ResourceOperationKind::Rename)),
        watch_files: ws.and_then(|w| w.did_change_watched_files.as_ref()?.dynamic_registration)
            == Some(true),
        configuration: ws.and_then(|w| w.configuration) == Some(true),
        work_done_progress: caps.window.as_ref().and_then(|w| w.work_done_progress) == Some(true),
    }
}

pub fn server_capabilities(flags: &ClientFlags) -> lsp::ServerCapabilities {
    let encoding = match flags.encoding {
        Encoding::Utf8 => lsp::PositionEncodingKind::UTF8,
        Encoding::Utf16 => lsp::PositionEncodingKind::UTF16,
    };
    lsp::ServerCapabilities {
        position_encoding: Some(encoding),
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(
            lsp::TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(lsp::TextDocumentSyncKind::INCREMENTAL),
                will_save: None,
                will_save_wait_until: None,
                save: Some(lsp::TextDocumentSyncSaveOptions::SaveOptions(
                    lsp::SaveOptions {
                        include_text: Some(false),
                    },
                )),
            },
        )),
        completion_provider: Some(lsp::CompletionOptions {
            resolve_provider: Some(flags.completion_lazy_docs),
            trigger_characters: Some(
                [":", " ", ",", "[", "-"]
                    .into_iter()
                    .map(String::from)
                    .collect(),
            ),
            ..Default::default()
        }),
        hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
        code_action_provider: Some(if flags.code_action_literals {
            lsp::CodeActionProviderCapability::Options(lsp::CodeActionOptions {
                code_action_kinds: Some(vec![
                    lsp::CodeActionKind::QUICKFIX,
                    lsp::CodeActionKind::new(FIX_ALL_KIND),
                ]),
                resolve_provider: Some(false),
                work_done_progress_options: Default::default(),
            })
        } else {
            lsp::CodeActionProviderCapability::Simple(true)
        }),
        document_symbol_provider: Some(lsp::OneOf::Left(true)),
        folding_range_provider: Some(lsp::FoldingRangeProviderCapability::Simple(true)),
        selection_range_provider: Some(lsp::SelectionRangeProviderCapability::Simple(true)),
        definition_provider: Some(lsp::OneOf::Left(true)),
        references_provider: Some(lsp::OneOf::Left(true)),
        rename_provider: Some(lsp::OneOf::Right(lsp::RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        workspace_symbol_provider: Some(lsp::OneOf::Left(true)),
        document_link_provider: Some(lsp::DocumentLinkOptions {
            resolve_provider: Some(false),
            work_done_progress_options: Default::default(),
        }),
        code_lens_provider: Some(lsp::CodeLensOptions {
            resolve_provider: Some(false),
        }),
        inlay_hint_provider: Some(lsp::OneOf::Left(true)),
        diagnostic_provider: flags.pull_diagnostics.then(|| {
            lsp::DiagnosticServerCapabilities::Options(lsp::DiagnosticOptions {
                identifier: Some("persona-ls".to_string()),
                // A file's findings depend on others (`unknown-reference`...), and the files
                // that are not open are reported too (`handlers::closed`).
                inter_file_dependencies: true,
                workspace_diagnostics: true,
                work_done_progress_options: Default::default(),
            })
        }),
        workspace: Some(lsp::WorkspaceServerCapabilities {
            workspace_folders: Some(lsp::WorkspaceFoldersServerCapabilities {
                supported: Some(true),
                change_notifications: Some(lsp::OneOf::Left(true)),
            }),
            file_operations: None,
        }),
        ..Default::default()
    }
}
