//! Engine → LSP: byte offsets become positions in the negotiated encoding, and diagnostics,
//! fixes, edits, completion items, symbols, hovers, folds and selection ranges become their
//! LSP types. The only place that builds LSP types from engine results
//! ([`super::from_proto`] is the way in).
//!
//! Offsets are clamped to the text and snap to the start of the character they fall in, by
//! the rules `check` uses ([`crate::text::LineIndex::position`]), so that both faces report
//! the same ranges.

use super::capabilities::ClientFlags;
use super::state::{Computed, Snapshot};
use crate::analysis::{completion, hover, symbols};
use crate::diagnostic::{Code, Diagnostic, Fix, Severity, TextEdit};
use crate::document::Revision;
use crate::text::Encoding;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};
use tower_lsp_server::ls_types as lsp;

/// What every diagnostic names as its source.
pub const SOURCE: &str = "persona-ls";
/// The code of an error in a `.persona-ls.toml` (not a rule: configuration is not a persona).
const INVALID_CONFIGURATION: &str = "invalid-configuration";
/// The title of the "fix all" source action.
const FIX_ALL_TITLE: &str = "Fix all safe problems (persona-ls)";

pub fn position(doc: &Revision, offset: usize, enc: Encoding) -> lsp::Position {
    let p = doc.position(offset, enc);
    lsp::Position {
        line: p.line,
        character: p.character,
    }
}

/// A byte range as an LSP range; a reversed one is empty at its start.
pub fn range(doc: &Revision, r: &Range<usize>, enc: Encoding) -> lsp::Range {
    lsp::Range {
        start: position(doc, r.start, enc),
        end: position(doc, r.end.max(r.start), enc),
    }
}

impl Snapshot {
    /// A byte range of this snapshot's text as an LSP range.
    fn lsp_range(&self, r: &Range<usize>) -> lsp::Range {
        range(&self.doc, r, self.encoding)
    }
}

/// The `file:` URI of a path (absolute).
pub fn uri(path: &std::path::Path) -> Option<lsp::Uri> {
    lsp::Uri::from_file_path(path)
}

pub fn severity(s: Severity) -> lsp::DiagnosticSeverity {
    match s {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Information => lsp::DiagnosticSeverity::INFORMATION,
        Severity::Hint => lsp::DiagnosticSeverity::HINT,
    }
}

fn markup(markdown: bool, value: String) -> lsp::MarkupContent {
    let kind = if markdown {
        lsp::MarkupKind::Markdown
    } else {
        lsp::MarkupKind::PlainText
    };
    lsp::MarkupContent { kind, value }
}

pub fn diagnostic(doc: &Revision, d: &Diagnostic, enc: Encoding) -> lsp::Diagnostic {
    let tags = match d.code {
        Code::DeprecatedKey | Code::RetiredModel => Some(vec![lsp::DiagnosticTag::DEPRECATED]),
        _ => None,
    };
    lsp::Diagnostic {
        range: range(doc, &d.range, enc),
        severity: Some(severity(d.severity)),
        code: Some(lsp::NumberOrString::String(d.code.as_str().to_string())),
        code_description: None,
        source: Some(SOURCE.to_string()),
        message: d.message.clone(),
        related_information: None,
        tags,
        data: None,
    }
}

/// The error of a configuration file, at `range` of its text `doc`.
pub fn config_diagnostic(
    doc: &Revision,
    range: &Range<usize>,
    message: &str,
    enc: Encoding,
) -> lsp::Diagnostic {
    lsp::Diagnostic {
        range: self::range(doc, range, enc),
        severity: Some(lsp::DiagnosticSeverity::ERROR),
        code: Some(lsp::NumberOrString::String(
            INVALID_CONFIGURATION.to_string(),
        )),
        source: Some(SOURCE.to_string()),
        message: message.to_string(),
        ..Default::default()
    }
}

/// Everything the analysis of a snapshot found, with its cross-file findings `cross` merged
/// in the order `analyze` lists a file's findings, as LSP diagnostics.
pub fn diagnostics(snap: &Snapshot, c: &Computed, cross: &[Diagnostic]) -> Vec<lsp::Diagnostic> {
    let mut all: Vec<&Diagnostic> = c.analysis.diagnostics.iter().chain(cross).collect();
    if !cross.is_empty() {
        all.sort_by_key(|d| d.order());
    }
    let mut out: Vec<lsp::Diagnostic> = all
        .into_iter()
        .map(|d| diagnostic(&snap.doc, d, snap.encoding))
        .collect();
    if let Some((range, message)) = &c.config_error {
        out.push(config_diagnostic(&snap.doc, range, message, snap.encoding));
    }
    out
}

/// A full pull-diagnostics report.
pub fn full_report(
    result_id: Option<String>,
    items: Vec<lsp::Diagnostic>,
) -> lsp::DocumentDiagnosticReportResult {
    lsp::DocumentDiagnosticReportResult::Report(lsp::DocumentDiagnosticReport::Full(
        lsp::RelatedFullDocumentDiagnosticReport {
            related_documents: None,
            full_document_diagnostic_report: lsp::FullDocumentDiagnosticReport { result_id, items },
        },
    ))
}

/// A pull-diagnostics report saying nothing changed since `result_id`.
pub fn unchanged_report(result_id: String) -> lsp::DocumentDiagnosticReportResult {
    lsp::DocumentDiagnosticReportResult::Report(lsp::DocumentDiagnosticReport::Unchanged(
        lsp::RelatedUnchangedDocumentDiagnosticReport {
            related_documents: None,
            unchanged_document_diagnostic_report: lsp::UnchangedDocumentDiagnosticReport {
                result_id,
            },
        },
    ))
}

pub fn text_edit(doc: &Revision, e: &TextEdit, enc: Encoding) -> lsp::TextEdit {
    lsp::TextEdit {
        range: range(doc, &e.range, enc),
        new_text: e.new_text.clone(),
    }
}

/// Edits of the snapshot's document as a workspace edit: versioned document changes when the
/// client takes them, else a plain map.
pub fn workspace_edit(
    snap: &Snapshot,
    edits: &[TextEdit],
    document_changes: bool,
) -> lsp::WorkspaceEdit {
    let edits: Vec<lsp::TextEdit> = edits
        .iter()
        .map(|e| text_edit(&snap.doc, e, snap.encoding))
        .collect();
    if document_changes {
        lsp::WorkspaceEdit {
            document_changes: Some(lsp::DocumentChanges::Edits(vec![lsp::TextDocumentEdit {
                text_document: lsp::OptionalVersionedTextDocumentIdentifier {
                    uri: snap.uri.clone(),
                    version: Some(snap.doc.version()),
                },
                edits: edits.into_iter().map(lsp::OneOf::Left).collect(),
            }])),
            ..Default::default()
        }
    } else {
        lsp::WorkspaceEdit {
            changes: Some(HashMap::from([(snap.uri.clone(), edits)])),
            ..Default::default()
        }
    }
}

/// A fix of one diagnostic (`diag`, already converted) as a quick fix.
pub fn quick_fix(
    snap: &Snapshot,
    diag: &lsp::Diagnostic,
    fix: &Fix,
    preferred: bool,
    flags: &ClientFlags,
) -> lsp::CodeActionOrCommand {
    lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
        title: fix.title.clone(),
        kind: Some(lsp::CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diag.clone()]),
        edit: Some(workspace_edit(snap, &fix.edits, flags.document_changes)),
        is_preferred: Some(preferred),
        ..Default::default()
    })
}

/// The edits of "fix all" as its source action.
pub fn fix_all(
    snap: &Snapshot,
    edits: &[TextEdit],
    flags: &ClientFlags,
) -> lsp::CodeActionOrCommand {
    lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
        title: FIX_ALL_TITLE.to_string(),
        kind: Some(lsp::CodeActionKind::new(super::capabilities::FIX_ALL_KIND)),
        edit: Some(workspace_edit(snap, edits, flags.document_changes)),
        ..Default::default()
    })
}

/// Engine items as an LSP completion answer (`None` for no items). Items share one replace
/// range, mostly: it is converted once per run of items that share it.
pub fn completion(
    snap: &Snapshot,
    flags: &ClientFlags,
    items: Vec<completion::Item>,
) -> Option<lsp::CompletionResponse> {
    if items.is_empty() {
        return None;
    }
    let mut last: Option<(Range<usize>, lsp::Range)> = None;
    let items = items
        .into_iter()
        .map(|i| {
            let range = match &last {
                Some((bytes, range)) if *bytes == i.replace => *range,
                _ => {
                    let range = snap.lsp_range(&i.replace);
                    last = Some((i.replace.clone(), range));
                    range
                }
            };
            completion_item(snap, flags, range, i)
        })
        .collect();
    Some(lsp::CompletionResponse::List(lsp::CompletionList {
        is_incomplete: false,
        items,
    }))
}

/// An engine item as an LSP item, `range` being its replace range already converted.
fn completion_item(
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
    let documentation = i
        .documentation
        .map(|d| documentation(flags.completion_markdown, d));
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

/// The documentation of a completion item (given at once or by `completionItem/resolve`).
pub fn documentation(markdown: bool, value: String) -> lsp::Documentation {
    lsp::Documentation::MarkupContent(markup(markdown, value))
}

/// What a completion item carries for `completionItem/resolve`: the document and the key (and
/// value) whose docs to show. Sent as a flat array of strings, `[uri, key]` or
/// `[uri, key, value]`: every item of a list carries one, and a JSON object costs the server a
/// map per item to build and the client one to read. Read back by
/// [`super::from_proto::resolve_data`].
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

    pub fn to_json(&self) -> serde_json::Value {
        let mut parts = vec![
            serde_json::Value::String(self.uri.as_str().to_string()),
            serde_json::Value::String(self.doc.key.clone()),
        ];
        if let Some(value) = &self.doc.value {
            parts.push(serde_json::Value::String(value.clone()));
        }
        serde_json::Value::Array(parts)
    }
}

pub fn hover(snap: &Snapshot, h: hover::Hover, markdown: bool) -> lsp::Hover {
    lsp::Hover {
        contents: lsp::HoverContents::Markup(markup(markdown, h.markdown)),
        range: Some(snap.lsp_range(&h.range)),
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

/// The outline as nested symbols when the client takes them, else flat, each naming its
/// container.
pub fn document_symbols(
    snap: &Snapshot,
    syms: &[symbols::Symbol],
    hierarchical: bool,
) -> lsp::DocumentSymbolResponse {
    if hierarchical {
        lsp::DocumentSymbolResponse::Nested(syms.iter().map(|s| document_symbol(snap, s)).collect())
    } else {
        let mut flat = Vec::new();
        for s in syms {
            flatten(snap, s, None, &mut flat);
        }
        lsp::DocumentSymbolResponse::Flat(flat)
    }
}

fn document_symbol(snap: &Snapshot, s: &symbols::Symbol) -> lsp::DocumentSymbol {
    #[allow(deprecated)]
    lsp::DocumentSymbol {
        name: s.name.clone(),
        detail: s.detail.clone(),
        kind: symbol_kind(s.kind),
        tags: None,
        deprecated: None,
        range: snap.lsp_range(&s.range),
        selection_range: snap.lsp_range(&s.selection),
        children: (!s.children.is_empty()).then(|| {
            s.children
                .iter()
                .map(|c| document_symbol(snap, c))
                .collect()
        }),
    }
}

fn flatten(
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
            range: snap.lsp_range(&s.range),
        },
        container_name: container.map(str::to_string),
    });
    for c in &s.children {
        flatten(snap, c, Some(&s.name), out);
    }
}

/// Folds as line ranges: those of one line left out, each pair of lines once, at most
/// [`symbols::MAX_SYMBOLS`].
pub fn folding_ranges(doc: &Revision, folds: Vec<symbols::Fold>) -> Vec<lsp::FoldingRange> {
    let mut seen = HashSet::new();
    folds
        .into_iter()
        .filter_map(|f| {
            let start = doc.line_of(f.range.start) as u32;
            let end = doc.line_of(f.range.end) as u32;
            (end > start && seen.insert((start, end))).then_some(lsp::FoldingRange {
                start_line: start,
                end_line: end,
                kind: Some(lsp::FoldingRangeKind::Region),
                ..Default::default()
            })
        })
        .take(symbols::MAX_SYMBOLS)
        .collect()
}

/// A chain of ranges (innermost first) as nested selection ranges; an empty chain is the
/// position `at` itself.
pub fn selection_range(
    snap: &Snapshot,
    chain: &[Range<usize>],
    at: lsp::Position,
) -> lsp::SelectionRange {
    let mut node: Option<lsp::SelectionRange> = None;
    for r in chain.iter().rev() {
        node = Some(lsp::SelectionRange {
            range: snap.lsp_range(r),
            parent: node.map(Box::new),
        });
    }
    node.unwrap_or(lsp::SelectionRange {
        range: lsp::Range { start: at, end: at },
        parent: None,
    })
}

// Navigation: places in other files' texts (open documents or the disk), converted with a
// line index of that text, so that positions are as exact there as in the open document.

/// A byte range of `text` (any file's) as an LSP range.
pub fn text_range(text: &str, r: &Range<usize>, enc: Encoding) -> lsp::Range {
    let lines = crate::text::LineIndex::new(text);
    let p = |o: usize| {
        let p = lines.position(text, o, enc);
        lsp::Position {
            line: p.line,
            character: p.character,
        }
    };
    lsp::Range {
        start: p(r.start),
        end: p(r.end.max(r.start)),
    }
}

/// The symbol kind of a persona, by what its namespace calls it (`subagent`, `skill`, …).
pub fn persona_kind(what: &str) -> lsp::SymbolKind {
    if what.ends_with("agent") {
        lsp::SymbolKind::CLASS
    } else if what.ends_with("skill") {
        lsp::SymbolKind::FUNCTION
    } else if what.ends_with("command") {
        lsp::SymbolKind::METHOD
    } else {
        lsp::SymbolKind::FILE
    }
}

/// Where `path` is after `moves`, made in order: a moved file, or a file inside a moved folder.
fn after_moves(path: &Path, moves: &[(PathBuf, PathBuf)]) -> PathBuf {
    let mut p = path.to_path_buf();
    for (from, to) in moves {
        if let Ok(rest) = p.strip_prefix(from) {
            p = if rest.as_os_str().is_empty() {
                to.clone()
            } else {
                to.join(rest)
            };
        }
    }
    p
}

/// A rename plan as one workspace edit. With `operations` (the client takes
/// `documentChanges` with `rename` operations): the renames first, then every text edit at
/// the file's new place, versioned where the document is open and stays where it is. Text
/// edits before the renames would rely on the editor carrying an edited buffer along with its
/// folder, which Helix does not do (its `move_path` re-paths only the document at the moved
/// path itself: the edited SKILL.md stays at the old path, its edit is lost on disk); an edit
/// at the new place works in Helix, Neovim and VS Code. Without `operations`, a `changes` map,
/// and the renames are left out: the second value names them, for the user to make by hand.
pub fn rename_edit(
    plan: &crate::analysis::navigate::RenamePlan,
    enc: Encoding,
    operations: bool,
) -> (lsp::WorkspaceEdit, Option<String>) {
    let edits = |f: &crate::analysis::navigate::FileEdits| -> Vec<lsp::TextEdit> {
        let lines = crate::text::LineIndex::new(&f.text.text);
        let p = |o: usize| {
            let p = lines.position(&f.text.text, o, enc);
            lsp::Position {
                line: p.line,
                character: p.character,
            }
        };
        f.edits
            .iter()
            .map(|(r, new)| lsp::TextEdit {
                range: lsp::Range {
                    start: p(r.start),
                    end: p(r.end),
                },
                new_text: new.clone(),
            })
            .collect()
    };
    if operations {
        let moves = &plan.moves;
        // Each rename as the folders renamed before it left the paths.
        let mut ops: Vec<lsp::DocumentChangeOperation> = moves
            .iter()
            .enumerate()
            .filter_map(|(i, (from, to))| {
                Some(lsp::DocumentChangeOperation::Op(lsp::ResourceOp::Rename(
                    lsp::RenameFile {
                        old_uri: uri(&after_moves(from, &moves[..i]))?,
                        new_uri: uri(&after_moves(to, &moves[..i]))?,
                        options: Some(lsp::RenameFileOptions {
                            overwrite: Some(false),
                            ignore_if_exists: Some(false),
                        }),
                        annotation_id: None,
                    },
                )))
            })
            .collect();
        ops.extend(plan.files.iter().filter_map(|f| {
            let now = after_moves(&f.path, moves);
            // The editor's document at the new place is not the one the server knows.
            let version = if now == f.path { f.text.version } else { None };
            Some(lsp::DocumentChangeOperation::Edit(lsp::TextDocumentEdit {
                text_document: lsp::OptionalVersionedTextDocumentIdentifier {
                    uri: uri(&now)?,
                    version,
                },
                edits: edits(f).into_iter().map(lsp::OneOf::Left).collect(),
            }))
        }));
        let edit = lsp::WorkspaceEdit {
            document_changes: Some(lsp::DocumentChanges::Operations(ops)),
            ..Default::default()
        };
        return (edit, None);
    }
    let changes: HashMap<lsp::Uri, Vec<lsp::TextEdit>> = plan
        .files
        .iter()
        .filter_map(|f| Some((uri(&f.path)?, edits(f))))
        .collect();
    let manual = (!plan.moves.is_empty()).then(|| {
        let moves: Vec<String> = plan
            .moves
            .iter()
            .map(|(from, to)| format!("`{}` to `{}`", from.display(), to.display()))
            .collect();
        format!(
            "persona-ls: this editor cannot rename files in a rename: rename {} by hand, or the tool no longer finds it by its new name.",
            moves.join(" and ")
        )
    });
    let edit = lsp::WorkspaceEdit {
        changes: Some(changes),
        ..Default::default()
    };
    (edit, manual)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;

    fn pos(line: u32, character: u32) -> lsp::Position {
        lsp::Position { line, character }
    }

    /// A file inside a renamed folder, the folder itself, a file renamed after its folder
    /// was, and a path no rename touches (nor one that only shares a prefix of the name).
    #[test]
    fn paths_after_renames() {
        let moves = vec![
            (PathBuf::from("/p/skills/a"), PathBuf::from("/p/skills/b")),
            (
                PathBuf::from("/p/skills/b/a.md"),
                PathBuf::from("/p/skills/b/b.md"),
            ),
        ];
        let after = |p: &str| after_moves(Path::new(p), &moves);
        assert_eq!(
            after("/p/skills/a/SKILL.md"),
            Path::new("/p/skills/b/SKILL.md")
        );
        assert_eq!(after("/p/skills/a"), Path::new("/p/skills/b"));
        assert_eq!(after("/p/skills/a/a.md"), Path::new("/p/skills/b/b.md"));
        assert_eq!(
            after("/p/skills/ab/SKILL.md"),
            Path::new("/p/skills/ab/SKILL.md")
        );
    }

    /// The conversions agree with `check`'s line index on every offset, through a document
    /// whose line index was edited in place.
    #[test]
    fn agrees_with_the_line_index() {
        use crate::document::{Change, Span};
        use crate::text::LineIndex;
        for text in [
            "\u{feff}---\nemoji: 🏗️ x\r\n名前: 太郎\rlast",
            "",
            "\n\n",
            "a\r\n",
            "é\u{200b}👨‍💻\n",
        ] {
            let mut doc = Document::new(String::new(), 0);
            let all = Change {
                span: Span::Bytes(0..0),
                text: text.to_string(),
            };
            doc.change(1, vec![all], Encoding::Utf8);
            let idx = LineIndex::new(text);
            for enc in [Encoding::Utf8, Encoding::Utf16] {
                for off in 0..=text.len() + 2 {
                    let p = position(doc.current(), off, enc);
                    let q = idx.position(text, off, enc);
                    assert_eq!(
                        (p.line, p.character),
                        (q.line, q.character),
                        "{text:?} {off}"
                    );
                }
            }
        }
    }

    #[test]
    fn clamps_out_of_range_offsets() {
        let doc = Document::new("ab\r\ncd🏗️\n".to_string(), 0);
        let doc = doc.current();
        assert_eq!(position(doc, 999, Encoding::Utf16), pos(2, 0));
        // Inside the emoji's UTF-8 sequence: its start.
        assert_eq!(position(doc, 7, Encoding::Utf16), pos(1, 2));
        assert_eq!(
            range(doc, &Range { start: 5, end: 1 }, Encoding::Utf8),
            lsp::Range {
                start: pos(1, 1),
                end: pos(1, 1)
            }
        );
    }
}
