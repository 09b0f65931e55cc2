//! Analysis results as LSP items: completion items, document symbols and their flat
//! `SymbolInformation` form.

use super::capabilities::ClientFlags;
use super::state::Snapshot;
use crate::analysis::{completion, symbols};
use tower_lsp_server::ls_types as lsp;

/// An engine item as an LSP item. `range` is the item's replace range in the client's
/// encoding: the caller converts it once for a whole list, where every item shares it.
pub fn completion_item(
    snap: &Snapshot,
    flags: &ClientFlags,
    range: lsp::Range,
    i: completion::Item,
) -> lsp::CompletionItem {
    use completion::ItemKind;
    let kind = match i.kind {
        ItemKind::Key => lsp::CompletionItemKind::PROPERTY,
        ItemKind::Value => lsp::CompletionItemKind::ENUM_MEMBER,
        ItemKind::Model => lsp::CompletionItemKind::CONSTANT,
        ItemKind::Tool => lsp::CompletionItemKind::FUNCTION,
        ItemKind::Used => lsp::CompletionItemKind::VALUE,
    };
    let documentation = i.documentation.map(|d| {
        let kind = if flags.completion_markdown {
            lsp::MarkupKind::Markdown
        } else {
            lsp::MarkupKind::PlainText
        };
        lsp::Documentation::MarkupContent(lsp::MarkupContent { kind, value: d })
    });
    #[allow(deprecated)]
    lsp::CompletionItem {
        label: i.label,
        kind: Some(kind),
        detail: i.detail,
        documentation,
        deprecated: (i.deprecated && !flags.completion_deprecated_tag).then_some(true),
        tags: (i.deprecated && flags.completion_deprecated_tag)
            .then(|| vec![lsp::CompletionItemTag::DEPRECATED]),
        sort_text: Some(i.sort),
        // Plain text is the default: said only for snippets, to keep long lists small.
        insert_text_format: i.snippet.then_some(lsp::InsertTextFormat::SNIPPET),
        text_edit: Some(lsp::CompletionTextEdit::Edit(lsp::TextEdit {
            range,
            new_text: i.insert,
        })),
        data: i
            .doc_ref
            .filter(|_| flags.completion_lazy_docs)
            .map(|r| ResolveData::new(&snap.uri, r).to_json()),
        ..Default::default()
    }
}

/// What a completion item carries for `completionItem/resolve`: the document and the key (and
/// value) whose docs to show. Sent as a flat array of strings, `[uri, key]` or
/// `[uri, key, value]`: every item of a list carries one, and a JSON object costs the server a
/// map per item to build and the client one to read.
pub struct ResolveData {
    pub uri: lsp::Uri,
    pub doc: completion::DocRef,
}

impl ResolveData {
    fn new(uri: &lsp::Uri, doc: completion::DocRef) -> ResolveData {
        ResolveData {
            uri: uri.clone(),
            doc,
        }
    }

    fn to_json(&self) -> serde_json::Value {
        let mut parts = vec![
            serde_json::Value::String(self.uri.as_str().to_string()),
            serde_json::Value::String(self.doc.key.clone()),
        ];
        if let Some(value) = &self.doc.value {
            parts.push(serde_json::Value::String(value.clone()));
        }
        serde_json::Value::Array(parts)
    }

    /// Reads what [`ResolveData::to_json`] wrote; `None` for anything else.
    pub fn from_json(data: &serde_json::Value) -> Option<ResolveData> {
        let parts = data.as_array()?;
        let text = |i: usize| parts.get(i).and_then(serde_json::Value::as_str);
        if parts.len() > 3 {
            return None;
        }
        Some(ResolveData {
            uri: text(0)?.parse().ok()?,
            doc: completion::DocRef {
                key: text(1)?.to_string(),
                value: match parts.get(2) {
                    None => None,
                    Some(v) => Some(v.as_str()?.to_string()),
                },
            },
        })
    }
}

fn symbol_kind(k: symbols::SymbolKind) -> lsp::SymbolKind {
    match k {
        symbols::SymbolKind::FrontMatter => lsp::SymbolKind::MODULE,
        symbols::SymbolKind::Key => lsp::SymbolKind::PROPERTY,
        symbols::SymbolKind::Heading => lsp::SymbolKind::STRING,
        symbols::SymbolKind::More => lsp::SymbolKind::NULL,
    }
}

pub fn document_symbol(snap: &Snapshot, s: &symbols::Symbol) -> lsp::DocumentSymbol {
    #[allow(deprecated)]
    lsp::DocumentSymbol {
        name: s.name.clone(),
        detail: s.detail.clone(),
        kind: symbol_kind(s.kind),
        tags: None,
        deprecated: None,
        range: snap.range(&s.range),
        selection_range: snap.range(&s.selection),
        children: (!s.children.is_empty()).then(|| {
            s.children
                .iter()
                .map(|c| document_symbol(snap, c))
                .collect()
        }),
    }
}

pub fn flatten(
    snap: &Snapshot,
    s: &symbols::Symbol,
    container: Option<&str>,
    out: &mut Vec<lsp::SymbolInformation>,
) {
    #[allow(deprecated)]
    out.push(lsp::SymbolInformation {
        name: s.name.clone(),
        kind: symbol_kind(s.kind),
        tags: None,
        deprecated: None,
        location: lsp::Location {
            uri: snap.uri.clone(),
            range: snap.range(&s.range),
        },
        container_name: container.map(str::to_string),
    });
    for c in &s.children {
        flatten(snap, c, Some(&s.name), out);
    }
}
