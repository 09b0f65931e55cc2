//! Completion in the front matter: keys, values and tool names.
//!
//! The context comes from the text of the cursor's line (and, for list items, the lines above
//! it), not from the YAML tree: while a line is being typed it is rarely valid YAML. The tree
//! is only used to know which keys are already present. Every item carries the byte range it
//! replaces (the partly typed word), so that the client does not guess word boundaries.

use super::{Parsed, quote};
use crate::dialect::Registry;
use crate::schema::{Dialect, Key, Schema, Status, Value, ValueType};
use std::collections::HashSet;
use std::ops::Range;

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
    let values = match (&k.ty, &dialect.tools.vocabulary) {
        (ValueType::Tools, Some(vocab)) => Schema::builtin().set(vocab),
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

/// On the first line of a file without front matter (nothing but dashes typed): the whole
/// block, with the keys the dialect requires.
fn skeleton(req: &Request, line_start: usize, offset: usize, line_end: usize) -> Option<Item> {
    let split = &req.parsed.split;
    let first_line = line_start == split.bom;
    let typed = &req.text[line_start..offset];
    let open_only = match &split.block {
        None => true,
        // `---` typed and nothing else yet.
        Some(b) => {
            b.close.is_none() && b.content.is_empty() && req.text[b.content.end..].trim().is_empty()
        }
    };
    if !first_line
        || !open_only
        || !typed.chars().all(|c| c == '-')
        || req.text[offset..line_end].trim() != ""
    {
        return None;
    }
    let eol = crate::text::line_ending(req.text);
    let mut insert = format!("---{eol}");
    for (n, k) in req.dialect.keys.iter().filter(|k| k.required).enumerate() {
        let value = if req.snippets {
            format!("${}", n + 1)
        } else {
            String::new()
        };
        insert.push_str(&format!("{}: {value}{eol}", k.key));
    }
    insert.push_str(&format!("---{eol}"));
    if req.snippets {
        insert.push_str("$0");
    }
    Some(Item {
        label: "---".to_string(),
        kind: ItemKind::Key,
        detail: Some(format!("{} front matter", req.dialect.title)),
        documentation: None,
        replace: line_start..line_end,
        insert,
        snippet: req.snippets,
        sort: "0".to_string(),
        deprecated: false,
        doc_ref: None,
    })
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

/// Completion of top-level keys: only the ones not present yet.
fn keys(req: &Request, line_start: usize, offset: usize, line_end: usize) -> Vec<Item> {
    let text = req.text;
    let word_end = offset
        + text[offset..line_end]
            .find(|c: char| !is_key_char(c))
            .unwrap_or(line_end - offset);
    let rest = &text[word_end..line_end];
    let has_colon = rest.trim_start().starts_with(':');
    let present: HashSet<&str> = req
        .parsed
        .yaml
        .iter()
        .flat_map(|y| y.entries.iter())
        .filter(|e| e.key_range.start != line_start)
        .map(|e| e.key.as_str())
        .collect();
    let eol = crate::text::line_ending(text);
    req.dialect
        .keys
        .iter()
        .enumerate()
        .filter(|(_, k)| !present.contains(k.key.as_str()))
        .map(|(i, k)| {
            let (insert, snippet) = if has_colon {
                (k.key.clone(), false)
            } else {
                key_insert(req, k, eol)
            };
            let group = if k.deprecated.is_some() {
                2
            } else if k.required {
                0
            } else {
                1
            };
            let mut detail = crate::analysis::hover::type_label(k.ty).to_string();
            if k.required {
                detail.push_str(" · required");
            }
            Item {
                label: k.key.clone(),
                kind: ItemKind::Key,
                detail: Some(detail),
                documentation: (!req.lazy_docs)
                    .then(|| crate::analysis::hover::key_markdown(req.registry, req.dialect, k)),
                replace: line_start..word_end,
                insert,
                snippet,
                sort: format!("{group}{i:04}"),
                deprecated: k.deprecated.is_some(),
                doc_ref: Some(DocRef {
                    key: k.key.clone(),
                    value: None,
                }),
            }
        })
        .collect()
}

/// What a key completion inserts: `key: ` for scalars, an indented item for lists and maps.
fn key_insert(req: &Request, k: &Key, eol: &str) -> (String, bool) {
    let list = match k.ty {
        ValueType::List => true,
        // Copilot takes a YAML list of tools; Claude Code a comma-separated string.
        ValueType::Tools => {
            !req.dialect.tools.flow_list_misread && req.dialect.id.starts_with("copilot")
        }
        _ => false,
    };
    match (list, k.ty == ValueType::Map, req.snippets) {
        (true, _, true) => (format!("{}:{eol}  - $0", k.key), true),
        (true, _, false) => (format!("{}:{eol}  - ", k.key), false),
        (false, true, true) => (format!("{}:{eol}  $0", k.key), true),
        (false, true, false) => (format!("{}:{eol}  ", k.key), false),
        _ => (format!("{}: ", k.key), false),
    }
}

/// Completion after `key:` on the key's own line.
fn values(
    req: &Request,
    key: &str,
    after_colon: usize,
    offset: usize,
    line_end: usize,
) -> Vec<Item> {
    let text = req.text;
    let schema_key = req.dialect.key(key);
    let region = &text[after_colon..line_end];
    let lead = region.len() - region.trim_start().len();
    let value_start = after_colon + lead;
    if region.trim_start().starts_with('[') || schema_key.is_some_and(|k| k.ty == ValueType::Tools)
    {
        return list_tokens(req, key, after_colon, offset, line_end, Vec::new());
    }
    let candidates = candidates(req, key, &HashSet::new());
    if candidates.is_empty() {
        return Vec::new();
    }
    let value_end = after_colon + region.trim_end().len();
    let needs_space = offset == after_colon;
    let (replace, quote_char) = match text[value_start..].chars().next() {
        Some(q @ ('"' | '\'')) if value_start < line_end && offset > value_start => {
            let inner = value_start + 1;
            let close = text[inner..value_end]
                .rfind(q)
                .map_or(value_end, |i| inner + i);
            (inner..close.max(offset), Some(q))
        }
        _ if offset < value_start => (offset..value_end, None),
        _ => (value_start..value_end.max(offset), None),
    };
    candidates
        .into_iter()
        .map(|c| {
            let mut insert = match quote_char {
                Some('\'') => c.label.replace('\'', "''"),
                Some(_) => c.label.replace('\\', "\\\\").replace('"', "\\\""),
                None => quote::scalar(&c.label),
            };
            if needs_space {
                insert.insert(0, ' ');
            }
            c.into_item(replace.clone(), insert)
        })
        .collect()
}

/// Completion of a `- item` line of a block list.
fn block_item(
    req: &Request,
    key: &str,
    line_start: usize,
    item_start: usize,
    offset: usize,
    line_end: usize,
) -> Vec<Item> {
    let text = req.text;
    // The other items of the same list: the `- ` lines around this one, up to the next key.
    let mut others = Vec::new();
    if let Some(entry) = req
        .parsed
        .yaml
        .as_ref()
        .and_then(|y| y.entries.iter().find(|e| e.key == key))
        && let Some(crate::syntax::yaml::NodeKind::Seq { items, .. }) =
            entry.value.as_ref().map(|v| &v.kind)
    {
        for i in items {
            let on_this_line = i.range.start >= line_start && i.range.start <= line_end;
            if let (false, Some(s)) = (on_this_line, i.as_str()) {
                others.push(base_name(s).to_string());
            }
        }
    }
    let region_end = line_end;
    let raw = &text[item_start..region_end];
    let (replace, quote_char) = match raw.chars().next() {
        Some(q @ ('"' | '\'')) => {
            let inner = item_start + 1;
            let close = text[inner..region_end]
                .rfind(q)
                .map_or(region_end, |i| inner + i);
            (inner..close.max(offset), Some(q))
        }
        _ => (
            item_start.min(offset)..(item_start + raw.trim_end().len()).max(offset),
            None,
        ),
    };
    let needs_space = text[..offset].ends_with('-');
    let exclude: HashSet<&str> = others.iter().map(String::as_str).collect();
    candidates(req, key, &exclude)
        .into_iter()
        .map(|c| {
            let mut insert = match quote_char {
                Some(_) => c.label.clone(),
                None => quote::scalar(&c.label),
            };
            if needs_space {
                insert.insert(0, ' ');
            }
            c.into_item(replace.clone(), insert)
        })
        .collect()
}

/// Comma-aware completion inside a comma-separated string or a flow list (`tools: Read, Gr`,
/// `tools: ['read', '`), possibly spanning lines. Names already in the list are not offered.
fn list_tokens(
    req: &Request,
    key: &str,
    after_colon: usize,
    offset: usize,
    line_end: usize,
    mut others: Vec<String>,
) -> Vec<Item> {
    let text = req.text;
    let split_ws = matches!(req.dialect.id.as_str(), "claude-skill" | "claude-command");
    let region = &text[after_colon..line_end];
    let tokens = split_tokens(region, split_ws && !region.contains(','));
    let cursor = offset - after_colon;
    let current = tokens
        .iter()
        .position(|t| t.start <= cursor && cursor <= t.end);
    for (i, t) in tokens.iter().enumerate() {
        if Some(i) != current {
            others.push(base_name(strip_quotes(&region[t.clone()])).to_string());
        }
    }
    let quoted_siblings = tokens
        .iter()
        .enumerate()
        .find(|(i, _)| Some(*i) != current)
        .and_then(|(_, t)| {
            let s = &region[t.clone()];
            s.chars().next().filter(|c| matches!(c, '"' | '\''))
        });
    let (replace, insert_quote) = match current.map(|i| tokens[i].clone()) {
        Some(t) => {
            let tok = &region[t.clone()];
            let mut r = after_colon + t.start..after_colon + t.end;
            if let Some(q) = tok.chars().next().filter(|c| matches!(c, '"' | '\'')) {
                r.start += 1;
                if tok.len() > 1 && tok.ends_with(q) {
                    r.end -= 1;
                }
                r.end = r.end.max(offset);
                (r, None)
            } else {
                (r, quoted_siblings)
            }
        }
        None => (offset..offset, quoted_siblings),
    };
    let before = text[..offset].chars().next_back();
    let needs_space = matches!(before, Some(',' | ':'));
    let exclude: HashSet<&str> = others
        .iter()
        .map(String::as_str)
        .filter(|s| !s.is_empty())
        .collect();
    candidates(req, key, &exclude)
        .into_iter()
        .map(|c| {
            let mut insert = match insert_quote {
                Some(q) => format!("{q}{}{q}", c.label),
                None => c.label.clone(),
            };
            if needs_space {
                insert.insert(0, ' ');
            }
            c.into_item(replace.clone(), insert)
        })
        .collect()
}

/// Spans of the items of a comma-separated string or flow list: commas and brackets outside
/// parentheses separate (`Agent(a, b)` is one item); so does whitespace when `split_ws`.
pub(crate) fn split_tokens(s: &str, split_ws: bool) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    let mut start: Option<usize> = None;
    for (i, c) in s.char_indices() {
        let sep = match (quote, c) {
            (Some(q), c) if c == q => {
                quote = None;
                false
            }
            (Some(_), _) => false,
            (None, '"' | '\'') if start.is_none() => {
                quote = Some(c);
                false
            }
            (None, '(') => {
                depth += 1;
                false
            }
            (None, ')') => {
                depth -= 1;
                false
            }
            (None, ',' | '[' | ']') if depth <= 0 => true,
            (None, '\n' | '\r') => true,
            (None, c) if c.is_whitespace() && depth <= 0 => {
                if split_ws {
                    true
                } else {
                    // Spaces inside a name are kept; leading ones are skipped below.
                    start.is_none()
                }
            }
            _ => false,
        };
        if sep {
            if let Some(st) = start.take() {
                out.push(st..st + s[st..i].trim_end().len());
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(st) = start {
        out.push(st..st + s[st..].trim_end().len());
    }
    out
}

pub(crate) fn strip_quotes(s: &str) -> &str {
    let s = s.trim();
    for q in ['"', '\''] {
        if let Some(inner) = s.strip_prefix(q) {
            return inner.strip_suffix(q).unwrap_or(inner);
        }
    }
    s
}

/// `Bash(git add:*)` → `Bash`.
pub(crate) fn base_name(s: &str) -> &str {
    s.split('(').next().unwrap_or(s).trim()
}

/// A value offered for a key, before it is placed.
struct Candidate {
    label: String,
    kind: ItemKind,
    detail: Option<String>,
    documentation: Option<String>,
    sort: String,
    deprecated: bool,
    doc_ref: Option<DocRef>,
}

impl Candidate {
    fn into_item(self, replace: Range<usize>, insert: String) -> Item {
        Item {
            label: self.label,
            kind: self.kind,
            detail: self.detail,
            documentation: self.documentation,
            replace,
            insert,
            snippet: false,
            sort: self.sort,
            deprecated: self.deprecated,
            doc_ref: self.doc_ref,
        }
    }
}

fn status_rank(s: Status) -> u8 {
    match s {
        Status::Active => 0,
        Status::Legacy => 1,
        Status::Deprecated => 2,
        Status::Retired => 3,
    }
}

/// The values a key takes: its schema (and configuration) values, the tool vocabulary for tool
/// lists, `true`/`false` for booleans, and for keys without a fixed set the values used in the
/// other files of the workspace.
fn candidates(req: &Request, key: &str, exclude: &HashSet<&str>) -> Vec<Candidate> {
    let schema_key = req.dialect.key(key);
    let used = (req.workspace)(key);
    let used_count = |v: &str| used.iter().find(|(u, _)| u == v).map_or(0, |(_, n)| *n);
    let mut out: Vec<Candidate> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    let push_values =
        |values: &[Value], kind: ItemKind, out: &mut Vec<Candidate>, seen: &mut HashSet<String>| {
            for (i, v) in values.iter().enumerate() {
                if exclude.contains(v.value.as_str()) || !seen.insert(v.value.clone()) {
                    continue;
                }
                let detail = match (v.status, &v.replacement) {
                    (Status::Active, _) => None,
                    (s, Some(r)) => Some(format!("{} — use {r}", status_word(s))),
                    (s, None) => Some(status_word(s).to_string()),
                };
                // Within a status, values used elsewhere in the workspace come first.
                let n = used_count(&v.value).min(9999);
                out.push(Candidate {
                    label: v.value.clone(),
                    kind,
                    detail,
                    documentation: if req.lazy_docs {
                        None
                    } else {
                        crate::analysis::hover::value_markdown(v)
                    },
                    sort: format!("{}{:04}{i:04}", status_rank(v.status), 9999 - n),
                    deprecated: matches!(v.status, Status::Deprecated | Status::Retired),
                    doc_ref: (!v.doc.is_empty() || v.status != Status::Active).then(|| DocRef {
                        key: key.to_string(),
                        value: Some(v.value.clone()),
                    }),
                });
            }
        };
    let Some(k) = schema_key else {
        return used_values(&used, exclude);
    };
    match k.ty {
        ValueType::Tools => {
            if let Some(vocab) = &req.dialect.tools.vocabulary {
                push_values(
                    Schema::builtin().set(vocab),
                    ItemKind::Tool,
                    &mut out,
                    &mut seen,
                );
            }
        }
        ValueType::Bool => {
            for (i, b) in ["true", "false"].into_iter().enumerate() {
                if seen.insert(b.to_string()) {
                    out.push(Candidate {
                        label: b.into(),
                        kind: ItemKind::Value,
                        detail: Some("boolean".into()),
                        documentation: None,
                        sort: format!("0{i:04}"),
                        deprecated: false,
                        doc_ref: None,
                    });
                }
            }
        }
        _ => {}
    }
    let kind = if k.ty == ValueType::Model {
        ItemKind::Model
    } else {
        ItemKind::Value
    };
    push_values(req.registry.values(k), kind, &mut out, &mut seen);
    // Keys without a fixed set (`tier`, a Copilot `model`): the configured values are
    // suggestions, and what the rest of the workspace uses comes after them.
    let fixed = match k.ty {
        ValueType::Enum
        | ValueType::Bool
        | ValueType::Color
        | ValueType::Tools
        | ValueType::Map => true,
        ValueType::Model => !out.is_empty(),
        _ => false,
    };
    if !fixed && !matches!(key, "name" | "description") {
        let mut more = used_values(&used, exclude);
        more.retain(|c| seen.insert(c.label.clone()));
        out.extend(more);
    }
    out
}

fn used_values(used: &[(String, usize)], exclude: &HashSet<&str>) -> Vec<Candidate> {
    used.iter()
        .filter(|(v, _)| !exclude.contains(v.as_str()))
        .enumerate()
        .map(|(i, (v, n))| Candidate {
            label: v.clone(),
            kind: ItemKind::Used,
            detail: Some(format!(
                "used in {n} other file{}",
                if *n == 1 { "" } else { "s" }
            )),
            documentation: None,
            sort: format!("5{i:04}"),
            deprecated: false,
            doc_ref: None,
        })
        .collect()
}

fn status_word(s: Status) -> &'static str {
    match s {
        Status::Active => "active",
        Status::Legacy => "legacy",
        Status::Deprecated => "deprecated",
        Status::Retired => "retired",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Location;

    /// Completes at `$0` in `fixture` (as the file `path`); returns (label, inserted text,
    /// replaced text) of every item, sorted by relevance.
    fn complete_at(
        path: &str,
        fixture: &str,
        workspace: &[(&str, &str, usize)],
    ) -> Vec<(String, String, String)> {
        let offset = fixture.find("$0").expect("cursor marker");
        let text = fixture.replace("$0", "");
        let registry = Registry::builtin();
        let parsed = Parsed::new(&text);
        let detected = registry
            .detect(
                Location {
                    rel_path: path,
                    forced: None,
                }
                .rel_path,
                &parsed.keys(),
                None,
            )
            .expect("a persona");
        let ws = |key: &str| {
            workspace
                .iter()
                .filter(|(k, _, _)| *k == key)
                .map(|(_, v, n)| (v.to_string(), *n))
                .collect::<Vec<_>>()
        };
        let req = Request {
            text: &text,
            parsed: &parsed,
            registry: &registry,
            dialect: &registry.dialects[detected.index],
            offset,
            snippets: true,
            lazy_docs: false,
            workspace: &ws,
        };
        let mut items = complete(&req);
        items.sort_by(|a, b| a.sort.cmp(&b.sort));
        items
            .into_iter()
            .map(|i| (i.label, i.insert, text[i.replace].to_string()))
            .collect()
    }

    fn labels(items: &[(String, String, String)]) -> Vec<&str> {
        items.iter().map(|(l, _, _)| l.as_str()).collect()
    }

    #[test]
    fn models_after_model_colon() {
        let items = complete_at(
            ".claude/agents/a.md",
            "---\nname: a\ndescription: d\nmodel: $0\n---\nBody\n",
            &[],
        );
        let l = labels(&items);
        for m in [
            "sonnet",
            "opus",
            "haiku",
            "inherit",
            "claude-sonnet-4-6",
            "claude-opus-5",
        ] {
            assert!(l.contains(&m), "{m} missing from {l:?}");
        }
        assert_eq!(&l[..3], ["sonnet", "opus", "haiku"]);
        let (_, insert, replaced) = &items[0];
        assert_eq!((insert.as_str(), replaced.as_str()), ("sonnet", ""));
        // Partly typed: the word is replaced.
        let items = complete_at(
            ".claude/agents/a.md",
            "---\nname: a\nmodel: clau$0de-x\n---\n",
            &[],
        );
        assert_eq!(items[0].2, "claude-x");
        // No space after the colon: one is inserted.
        let items = complete_at(".claude/agents/a.md", "---\nname: a\nmodel:$0\n---\n", &[]);
        assert_eq!(items[0].1, " sonnet");
    }

    #[test]
    fn tools_are_comma_aware() {
        let items = complete_at(
            ".claude/agents/a.md",
            "---\nname: a\ntools: Read, $0\n---\n",
            &[],
        );
        let l = labels(&items);
        assert!(!l.contains(&"Read"), "{l:?}");
        assert!(l.contains(&"Grep") && l.contains(&"Bash"));
        let items = complete_at(
            ".claude/agents/a.md",
            "---\nname: a\ntools: Read, Gr$0, Bash\n---\n",
            &[],
        );
        let grep = items.iter().find(|i| i.0 == "Grep").unwrap();
        assert_eq!((grep.1.as_str(), grep.2.as_str()), ("Grep", "Gr"));
        assert!(!labels(&items).contains(&"Bash"));
        let items = complete_at(
            ".claude/agents/a.md",
            "---\nname: a\ntools: Read,$0\n---\n",
            &[],
        );
        assert_eq!(items.iter().find(|i| i.0 == "Grep").unwrap().1, " Grep");
    }

    #[test]
    fn tools_in_block_and_flow_lists() {
        let items = complete_at(
            ".claude/agents/a.md",
            "---\nname: a\ntools:\n  - Read\n  - $0\n  - Bash\n---\n",
            &[],
        );
        let l = labels(&items);
        assert!(
            !l.contains(&"Read") && !l.contains(&"Bash") && l.contains(&"Grep"),
            "{l:?}"
        );
        let items = complete_at(
            ".github/agents/a.agent.md",
            "---\ndescription: d\ntools: ['search', '$0']\n---\n",
            &[],
        );
        let l = labels(&items);
        assert!(!l.contains(&"search") && !l.is_empty(), "{l:?}");
        // Inside the quotes: the bare name is inserted.
        assert!(!items[0].1.starts_with('\''), "{:?}", items[0]);
        let items = complete_at(
            ".github/agents/a.agent.md",
            "---\ndescription: d\ntools: ['search', $0]\n---\n",
            &[],
        );
        assert!(
            items[0].1.starts_with('\'') && items[0].1.ends_with('\''),
            "{:?}",
            items[0]
        );
    }

    #[test]
    fn only_missing_keys_at_the_start_of_a_line() {
        let items = complete_at(
            ".claude/agents/a.md",
            "---\nname: a\ndescription: d\nmodel: opus\n$0\n---\n",
            &[],
        );
        let l = labels(&items);
        assert!(
            !l.contains(&"name") && !l.contains(&"description") && !l.contains(&"model"),
            "{l:?}"
        );
        assert!(l.contains(&"tools") && l.contains(&"color") && l.contains(&"permissionMode"));
        let tools = items.iter().find(|i| i.0 == "tools").unwrap();
        assert_eq!(tools.1, "tools: ");
        let skills = items.iter().find(|i| i.0 == "skills").unwrap();
        assert_eq!(skills.1, "skills:\n  - $0");
        // Partly typed key: the word is replaced; required keys come first.
        let items = complete_at(".claude/agents/a.md", "---\nmo$0\n---\n", &[]);
        assert_eq!(&labels(&items)[..2], ["name", "description"]);
        assert!(items.iter().all(|i| i.2 == "mo"));
        // Outside the front matter: nothing.
        assert!(complete_at(".claude/agents/a.md", "---\nname: a\n---\nmo$0\n", &[]).is_empty());
    }

    #[test]
    fn a_front_matter_skeleton_in_a_file_without_one() {
        let items = complete_at(".claude/agents/a.md", "--$0\n\nBody\n", &[]);
        assert_eq!(
            items,
            [(
                "---".to_string(),
                "---\nname: $1\ndescription: $2\n---\n$0".to_string(),
                "--".to_string()
            )]
        );
        let items = complete_at(".claude/agents/a.md", "---$0", &[]);
        assert_eq!(items.len(), 1);
        // Not once the block has content, nor on another line.
        assert!(
            complete_at(".claude/agents/a.md", "---$0\nname: a\n", &[])
                .iter()
                .all(|i| i.0 != "---")
        );
        assert!(complete_at(".claude/agents/a.md", "# T\n--$0\n", &[]).is_empty());
    }

    #[test]
    fn free_keys_offer_configured_and_workspace_values() {
        let ws = [("tier", "worker/senior", 3), ("tier", "lead", 1)];
        let items = complete_at("engineering/x.md", "---\nname: X\ntier: $0\n---\n", &ws);
        assert_eq!(labels(&items), ["worker/senior", "lead"]);
        let items = complete_at("engineering/x.md", "---\nname: X\ncolor: $0\n---\n", &ws);
        assert!(labels(&items).contains(&"purple"));
        let items = complete_at(
            ".claude/agents/a.md",
            "---\nname: a\nbackground: $0\n---\n",
            &[],
        );
        assert_eq!(labels(&items), ["true", "false"]);
    }

    #[test]
    fn splits_tokens_outside_parentheses_and_quotes() {
        let s = " Read, Agent(a, b), 'x, y' ,Bash(git add:*)";
        let parts: Vec<&str> = split_tokens(s, false).into_iter().map(|r| &s[r]).collect();
        assert_eq!(parts, ["Read", "Agent(a, b)", "'x, y'", "Bash(git add:*)"]);
        let s = "Read Bash(gh pr:*)";
        let parts: Vec<&str> = split_tokens(s, true).into_iter().map(|r| &s[r]).collect();
        assert_eq!(parts, ["Read", "Bash(gh pr:*)"]);
    }
}
