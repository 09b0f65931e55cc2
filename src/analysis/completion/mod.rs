//! Completion in the front matter: keys, values and tool names.
//!
//! The context comes from the text of the cursor's line (and, for list items, the lines above
//! it), not from the YAML tree: while a line is being typed it is rarely valid YAML. The tree
//! is only used to know which keys are already present. Every item carries the byte range it
//! replaces (the partly typed word), so that the client does not guess word boundaries.
//!
//! This module finds the context; `keys` completes keys, `values` values (after `key: `, in
//! list items, in flow lists), `candidates` ranks what a key can take, and `tokens` splits a
//! tool list as it is typed.

use super::{Parsed, quote};
use crate::dialect::Registry;
use crate::schema::{Dialect, ValueType};
use std::ops::Range;

mod candidates;
mod keys;
mod values;

use keys::{keys, skeleton};
use values::{block_item, list_tokens, values};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    Key,
    Value,
    Model,
    Tool,
    /// A value seen in other files of the workspace.
    Used,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub label: String,
    pub kind: ItemKind,
    /// One line shown next to the label (type, status).
    pub detail: Option<String>,
    /// Markdown.
    pub documentation: Option<String>,
    /// The bytes the item replaces: the partly typed word around the cursor.
    pub replace: Range<usize>,
    pub insert: String,
    /// `insert` is an LSP snippet (`$0` marks the cursor).
    pub snippet: bool,
    /// Lexicographic order of relevance.
    pub sort: String,
    pub deprecated: bool,
    /// What `documentation` is about, for clients that resolve it lazily.
    pub doc_ref: Option<DocRef>,
}

/// A reference to the docs of a key (`value: None`) or of one of its values.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DocRef {
    pub key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// The documentation an item refers to (`completionItem/resolve`).
pub fn documentation(registry: &Registry, dialect: &Dialect, r: &DocRef) -> Option<String> {
    let k = dialect.key(&r.key)?;
    let Some(value) = &r.value else {
        return Some(crate::analysis::hover::key_markdown(registry, dialect, k));
    };
    let values = match k.ty {
        ValueType::Tools => registry.tool_names(dialect, k),
        _ => registry.values(k),
    };
    values
        .iter()
        .find(|v| &v.value == value)
        .and_then(crate::analysis::hover::value_markdown)
}

/// Values of a key used in the other persona files of the workspace, most used first.
pub type WorkspaceValues<'a> = &'a dyn Fn(&str) -> Vec<(String, usize)>;

pub struct Request<'a> {
    pub text: &'a str,
    pub parsed: &'a Parsed,
    pub registry: &'a Registry,
    pub dialect: &'a Dialect,
    pub offset: usize,
    /// Whether the client takes snippets (for `key:` + an indented list item).
    pub snippets: bool,
    /// Leave `documentation` out (the client resolves it from `doc_ref` when it shows it).
    pub lazy_docs: bool,
    pub workspace: WorkspaceValues<'a>,
}

pub fn complete(req: &Request) -> Vec<Item> {
    let text = req.text;
    let offset = crate::text::floor_char_boundary(text, req.offset);
    let (line_start, line_end) = line_bounds(text, offset);
    if let Some(item) = skeleton(req, line_start, offset, line_end) {
        return vec![item];
    }
    if !in_front_matter(req.parsed, line_start) {
        return Vec::new();
    }
    let line = &text[line_start..line_end];
    let col = offset - line_start;
    let prefix = &line[..col];
    if !prefix.starts_with([' ', '\t']) && !prefix.starts_with('-') {
        if let Some(colon) = key_colon(line)
            && col > colon
        {
            let key = unquote_key(line[..colon].trim());
            return values(req, key, line_start + colon + 1, offset, line_end);
        }
        if prefix.chars().all(is_key_char) {
            return keys(req, line_start, offset, line_end);
        }
        return Vec::new();
    }
    // An indented line or a list item: it belongs to the nearest key above it.
    let Some((key, after_colon)) = owner(req.parsed, text, line_start) else {
        return Vec::new();
    };
    let trimmed = prefix.trim_start_matches([' ', '\t']);
    if let Some(rest) = trimmed.strip_prefix('-')
        && (rest.is_empty() || rest.starts_with([' ', '\t']))
    {
        let dash = line_start + (prefix.len() - trimmed.len());
        let after = &text[dash + 1..line_end];
        let item_start = dash + 1 + (after.len() - after.trim_start().len());
        return block_item(
            req,
            key,
            line_start,
            item_start.min(offset),
            offset,
            line_end,
        );
    }
    // A flow list continued over several lines.
    let region = &text[after_colon..line_end];
    if region.trim_start().starts_with('[') {
        return list_tokens(req, key, after_colon, offset, line_end, Vec::new());
    }
    Vec::new()
}

fn is_key_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '_' | '.')
}

fn line_bounds(text: &str, offset: usize) -> (usize, usize) {
    let start = text[..offset].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let end = text[offset..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| offset + i);
    (start, end)
}

/// Whether the line starting at `line_start` is inside the front matter (between the fences,
/// or, while the closing fence is not typed yet, in or just after the YAML-looking lines).
fn in_front_matter(parsed: &Parsed, line_start: usize) -> bool {
    let Some(block) = &parsed.split.block else {
        return false;
    };
    match &block.close {
        Some(close) => line_start >= block.content.start && line_start < close.start,
        None => line_start >= block.content.start && line_start <= block.content.end,
    }
}

/// The `:` that ends a top-level key on this line (followed by a space or the end of line).
fn key_colon(line: &str) -> Option<usize> {
    if line.starts_with(['#', ' ', '\t', '-', '[', '{']) {
        return None;
    }
    let bytes = line.as_bytes();
    let mut quote = None;
    for (i, &b) in bytes.iter().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') if i == 0 => quote = Some(b),
            (Some(q), b) if b == q => quote = None,
            (None, b':') if matches!(bytes.get(i + 1), None | Some(b' ' | b'\t')) => {
                return Some(i);
            }
            _ => {}
        }
    }
    None
}

fn unquote_key(k: &str) -> &str {
    k.strip_prefix(['"', '\''])
        .and_then(|k| k.strip_suffix(['"', '\'']))
        .unwrap_or(k)
}

/// The top-level key that an indented line or list item belongs to, with the offset just
/// after its `:`.
fn owner<'t>(parsed: &Parsed, text: &'t str, line_start: usize) -> Option<(&'t str, usize)> {
    let content_start = parsed.split.block.as_ref()?.content.start;
    let mut end = line_start;
    while end > content_start {
        let (start, _) = line_bounds(text, end - 1);
        let line = crate::text::trim_line_break(&text[start..end]);
        end = start;
        if line.trim().is_empty() || line.starts_with([' ', '\t', '#']) || line.starts_with('-') {
            continue;
        }
        let colon = key_colon(line)?;
        return Some((unquote_key(line[..colon].trim()), start + colon + 1));
    }
    None
}
