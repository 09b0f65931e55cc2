//! LSP → engine: positions, ranges and change events become byte offsets and engine edits;
//! URIs become paths; settings become a [`Config`]. The only place that reads LSP types into
//! engine terms ([`super::to_proto`] is the way back).
//!
//! Positions are clamped, never a panic (a client may name a column past the end of its line,
//! or a line past the end of the text), by the same rules `check` uses
//! ([`crate::text::LineIndex::offset`]).

use super::to_proto::ResolveData;
use crate::analysis::completion::DocRef;
use crate::config::{Config, ConfigError};
use crate::document::{Change, Revision, Span};
use crate::text::{self, Encoding};
use std::ops::Range;
use std::path::PathBuf;
use tower_lsp_server::ls_types as lsp;

pub fn position(p: lsp::Position) -> text::Position {
    text::Position {
        line: p.line,
        character: p.character,
    }
}

/// The byte offset of a position in `doc`, read in the negotiated encoding.
pub fn offset(doc: &Revision, p: lsp::Position, enc: Encoding) -> usize {
    doc.offset(position(p), enc)
}

/// The bytes of a range in `doc`.
pub fn range(doc: &Revision, r: lsp::Range, enc: Encoding) -> Range<usize> {
    offset(doc, r.start, enc)..offset(doc, r.end, enc)
}

/// A content change as an engine edit: its positions stay positions, read against the text
/// the change is applied to (which, for a change that came late, is not today's text).
pub fn change(c: lsp::TextDocumentContentChangeEvent) -> Change {
    Change {
        span: match c.range {
            Some(r) => Span::Lines(position(r.start), position(r.end)),
            None => Span::Whole,
        },
        text: c.text,
    }
}

pub fn changes(events: Vec<lsp::TextDocumentContentChangeEvent>) -> Vec<Change> {
    events.into_iter().map(change).collect()
}

/// The file path of a `file:` URI.
pub fn file_path(uri: &lsp::Uri) -> Option<PathBuf> {
    if !uri.scheme().as_str().eq_ignore_ascii_case("file") {
        return None;
    }
    uri.to_file_path().map(|p| p.into_owned())
}

/// What names a document with no file (`untitled:Untitled-1`): the last segment of its URI.
pub fn document_name(uri: &lsp::Uri) -> String {
    uri.path()
        .as_str()
        .rsplit('/')
        .next()
        .unwrap_or("")
        .to_string()
}

/// The workspace folders of `initialize`: its `workspaceFolders`, else the root it names.
pub fn workspace_folders(params: &lsp::InitializeParams) -> Vec<PathBuf> {
    if let Some(folders) = &params.workspace_folders {
        return folders.iter().filter_map(|f| file_path(&f.uri)).collect();
    }
    #[allow(deprecated)]
    let root = params
        .root_uri
        .as_ref()
        .and_then(file_path)
        .or_else(|| params.root_path.as_ref().map(PathBuf::from));
    root.into_iter().collect()
}

/// Folders added or removed by `workspace/didChangeWorkspaceFolders`, canonicalised.
pub fn folders(folders: &[lsp::WorkspaceFolder]) -> Vec<PathBuf> {
    folders
        .iter()
        .filter_map(|f| file_path(&f.uri))
        .map(|p| crate::project::canonical(&p))
        .collect()
}

/// Reads LSP settings: either the settings object itself or wrapped in a `persona-ls` section
/// (what `workspace/didChangeConfiguration` sends for a whole settings tree). `None` when the
/// value carries no settings for this server.
pub fn settings(value: serde_json::Value) -> Option<Result<Config, ConfigError>> {
    let value = match value {
        serde_json::Value::Null => return None,
        serde_json::Value::Object(mut map) => {
            let section = ["persona-ls", "personaLs", "persona_ls"]
                .iter()
                .find_map(|k| map.remove(*k));
            match section {
                Some(serde_json::Value::Null) => return None,
                Some(inner) => inner,
                None if map.is_empty() => return None,
                None => serde_json::Value::Object(map),
            }
        }
        other => other,
    };
    Some(Config::from_json(value))
}

/// Reads what [`ResolveData::to_json`] wrote into a completion item; `None` for anything else.
pub fn resolve_data(data: &serde_json::Value) -> Option<ResolveData> {
    let parts = data.as_array()?;
    let text = |i: usize| parts.get(i).and_then(serde_json::Value::as_str);
    if parts.len() > 3 {
        return None;
    }
    Some(ResolveData {
        uri: text(0)?.parse().ok()?,
        doc: DocRef {
            key: text(1)?.to_string(),
            value: match parts.get(2) {
                None => None,
                Some(v) => Some(v.as_str()?.to_string()),
            },
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_may_be_wrapped_in_a_section() {
        let cfg = settings(serde_json::json!({"persona-ls": {"rules": {"empty-body": "off"}}}))
            .unwrap()
            .unwrap();
        assert_eq!(
            cfg.severity(
                crate::diagnostic::Code::EmptyBody,
                crate::diagnostic::Severity::Warning
            ),
            None
        );
        let cfg = settings(serde_json::json!({"exclude": ["drafts/**"]}))
            .unwrap()
            .unwrap();
        assert_eq!(cfg.exclude, ["drafts/**"]);
        assert!(settings(serde_json::Value::Null).is_none());
        assert!(settings(serde_json::json!({})).is_none());
        assert!(
            settings(serde_json::json!({"rules": {"nope": "off"}}))
                .unwrap()
                .is_err()
        );
    }

    #[test]
    fn resolve_data_reads_only_what_the_server_wrote() {
        let uri: lsp::Uri = "file:///a.md".parse().unwrap();
        for value in [None, Some("sonnet".to_string())] {
            let data = ResolveData {
                uri: uri.clone(),
                doc: DocRef {
                    key: "model".into(),
                    value: value.clone(),
                },
            };
            let back = resolve_data(&data.to_json()).unwrap();
            assert_eq!(
                (back.uri, back.doc.key, back.doc.value),
                (uri.clone(), "model".into(), value)
            );
        }
        for bad in [
            serde_json::json!({"uri": "file:///a.md"}),
            serde_json::json!(["file:///a.md"]),
            serde_json::json!(["file:///a.md", "k", 3]),
            serde_json::json!(["file:///a.md", "k", "v", "w"]),
        ] {
            assert!(resolve_data(&bad).is_none(), "{bad}");
        }
    }

    /// The conversions agree with `check`'s line index on every offset, through a document
    /// that was edited (its line index edited in place).
    #[test]
    fn positions_agree_with_the_line_index() {
        for start in [
            "\u{feff}---\nemoji: 🏗️ x\r\n名前: 太郎\rlast",
            "",
            "\n\n",
            "a\r\n",
            "é\u{200b}👨‍💻\n",
        ] {
            let mut doc = crate::document::Document::new(format!("x{start}"), 0);
            let cut = Change {
                span: Span::Bytes(0..1),
                text: String::new(),
            };
            doc.change(1, vec![cut], Encoding::Utf8);
            let text = doc.text().to_string();
            assert_eq!(text, start);
            let idx = text::LineIndex::new(&text);
            for enc in [Encoding::Utf8, Encoding::Utf16] {
                for line in 0..6 {
                    for character in 0..12 {
                        let p = lsp::Position { line, character };
                        assert_eq!(
                            offset(doc.current(), p, enc),
                            idx.offset(&text, position(p), enc),
                            "{text:?} {p:?} {enc:?}"
                        );
                    }
                }
            }
        }
    }
}
