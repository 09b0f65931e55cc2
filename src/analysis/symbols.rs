//! Structure: document symbols (front-matter keys and the heading outline), folding ranges and
//! selection ranges. Pure functions over byte ranges; the body outline comes from
//! [`crate::syntax::markdown`], which the caller parses lazily.

use super::Parsed;
use crate::syntax::markdown::Outline;
use crate::syntax::yaml::{Entry, Node, NodeKind};
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SymbolKind {
    FrontMatter,
    Key,
    Heading,
    /// The note that says how many symbols past [`MAX_SYMBOLS`] are not listed.
    More,
}

/// Symbols an outline lists. A client holds each as a JSON object of some 7 KB once
/// tower-lsp-server has made a `serde_json::Value` of it: 100,000 headings took 1 GB. Past
/// this, one more symbol says how many were left out. Folding ranges stop at the same number,
/// VS Code's own default limit (`editor.foldingMaximumRegions`).
pub const MAX_SYMBOLS: usize = 1000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    pub name: String,
    pub detail: Option<String>,
    pub kind: SymbolKind,
    /// The whole extent (an entry with its value, a section with its content).
    pub range: Range<usize>,
    /// What to reveal when the symbol is picked (the key, the heading's text). Inside `range`.
    pub selection: Range<usize>,
    pub children: Vec<Symbol>,
}

pub fn document_symbols(text: &str, parsed: &Parsed, outline: &Outline) -> Vec<Symbol> {
    // The first MAX_SYMBOLS symbols in document order (a parent before its children) are
    // built; the rest are only counted.
    let mut budget = Budget {
        left: MAX_SYMBOLS,
        left_out: 0,
        first_left_out: None,
    };
    let mut out = Vec::new();
    if let Some(block) = &parsed.split.block {
        let end = block.close.as_ref().map_or(block.content.end, |c| c.end);
        let range = block.open.start..end.max(block.open.end);
        if budget.take(&range) {
            let children = parsed
                .yaml
                .as_ref()
                .map(|y| {
                    y.entries
                        .iter()
                        .filter_map(|e| entry_symbol(text, e, &mut budget))
                        .collect()
                })
                .unwrap_or_default();
            out.push(Symbol {
                name: "front matter".to_string(),
                detail: None,
                kind: SymbolKind::FrontMatter,
                range,
                selection: block.open.clone(),
                children,
            });
        }
    }
    // Headings nest by level: a stack of open sections, innermost last.
    let mut stack: Vec<(u8, Symbol)> = Vec::new();
    for h in &outline.headings {
        if !budget.take(&h.section) {
            continue;
        }
        let title = h.title(text);
        let sym = Symbol {
            name: if title.is_empty() {
                "#".repeat(h.level as usize)
            } else {
                title
            },
            detail: None,
            kind: SymbolKind::Heading,
            range: h.section.clone(),
            selection: if h.text_range.is_empty() {
                h.range.clone()
            } else {
                h.text_range.clone()
            },
            children: Vec::new(),
        };
        while stack.last().is_some_and(|(l, _)| *l >= h.level) {
            pop_into(&mut stack, &mut out);
        }
        stack.push((h.level, sym));
    }
    while !stack.is_empty() {
        pop_into(&mut stack, &mut out);
    }
    if let (n @ 1.., Some(range)) = (budget.left_out, budget.first_left_out) {
        out.push(Symbol {
            name: format!("… {n} more not listed (persona-ls lists {MAX_SYMBOLS} symbols)"),
            detail: None,
            kind: SymbolKind::More,
            selection: range.start..range.start,
            range,
            children: Vec::new(),
        });
    }
    out
}

/// How many more symbols are built, and what was left out.
struct Budget {
    left: usize,
    left_out: usize,
    first_left_out: Option<Range<usize>>,
}

impl Budget {
    /// Whether a symbol at `range` is built (else it is counted).
    fn take(&mut self, range: &Range<usize>) -> bool {
        if self.left > 0 {
            self.left -= 1;
            return true;
        }
        self.left_out += 1;
        self.first_left_out.get_or_insert_with(|| range.clone());
        false
    }
}

fn pop_into(stack: &mut Vec<(u8, Symbol)>, out: &mut Vec<Symbol>) {
    if let Some((_, sym)) = stack.pop() {
        match stack.last_mut() {
            Some((_, parent)) => parent.children.push(sym),
            None => out.push(sym),
        }
    }
}

fn entry_symbol(text: &str, e: &Entry, budget: &mut Budget) -> Option<Symbol> {
    let range = e.key_range.start.min(e.range.start)..e.range.end.max(e.key_range.end);
    let built = budget.take(&range);
    // Children are counted even when the entry is not built.
    let children: Vec<Symbol> = match e.value.as_ref().map(|v| &v.kind) {
        Some(NodeKind::Map { entries, .. }) => entries
            .iter()
            .filter_map(|c| entry_symbol(text, c, budget))
            .collect(),
        _ => Vec::new(),
    };
    built.then(|| Symbol {
        name: e.key.clone(),
        detail: e.value.as_ref().and_then(|v| preview(text, v)),
        kind: SymbolKind::Key,
        range,
        selection: e.key_range.clone(),
        children,
    })
}

/// Characters of a value the outline shows.
const PREVIEW: usize = 60;

/// A one-line summary of a value for the outline.
fn preview(text: &str, v: &Node) -> Option<String> {
    let s = match &v.kind {
        NodeKind::Scalar(s) => s
            .value
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .trim()
            .to_string(),
        NodeKind::Seq { items, .. } => {
            let names: Vec<&str> = items.iter().filter_map(|i| i.as_str()).collect();
            if names.len() == items.len() {
                names.join(", ")
            } else {
                match items.len() {
                    1 => "1 item".to_string(),
                    n => format!("{n} items"),
                }
            }
        }
        NodeKind::Map { .. } => return None,
        NodeKind::Other | NodeKind::Deep => {
            // Only the start of the first line: the value may be megabytes on one line.
            let raw = text.get(v.range.clone())?;
            let cut = crate::text::floor_char_boundary(raw, 4 * PREVIEW);
            raw[..cut].lines().next()?.trim().to_string()
        }
    };
    if s.is_empty() {
        return None;
    }
    Some(match s.char_indices().nth(PREVIEW) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FoldKind {
    FrontMatter,
    /// A multi-line front-matter entry (a block list, a block scalar, a nested map).
    Entry,
    Section,
    Code,
}

/// A foldable region: the edge turns it into lines and drops the ones on a single line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fold {
    /// From the first folded byte to the last one (exclusive), without trailing blank lines.
    pub range: Range<usize>,
    pub kind: FoldKind,
}

pub fn folding_ranges(parsed: &Parsed, outline: &Outline) -> Vec<Fold> {
    let mut out = Vec::new();
    if let Some(block) = &parsed.split.block {
        let end = block.close.as_ref().map_or(block.content.end, |c| c.end);
        out.push(Fold {
            range: block.open.start..end,
            kind: FoldKind::FrontMatter,
        });
        if let Some(y) = &parsed.yaml {
            out.extend(y.entries.iter().map(|e| Fold {
                range: e.key_range.start..e.range.end,
                kind: FoldKind::Entry,
            }));
        }
    }
    out.extend(outline.headings.iter().map(|h| Fold {
        range: h.section.clone(),
        kind: FoldKind::Section,
    }));
    out.extend(outline.code_blocks.iter().map(|c| Fold {
        range: c.range.clone(),
        kind: FoldKind::Code,
    }));
    out.sort_by_key(|f| (f.range.start, std::cmp::Reverse(f.range.end)));
    out
}

/// The ranges around `offset`, innermost first, each strictly containing the previous one:
/// the word, the value, the entry, the front matter (inside and with its fences), or the
/// code block and the nested sections; then the whole document.
pub fn selection_ranges(
    text: &str,
    parsed: &Parsed,
    outline: &Outline,
    offset: usize,
) -> Vec<Range<usize>> {
    let offset = crate::text::floor_char_boundary(text, offset);
    let mut candidates: Vec<Range<usize>> = vec![word_at(text, offset)];
    let inside = |r: &Range<usize>| r.start <= offset && offset <= r.end;
    if let Some(block) = &parsed.split.block {
        if let Some(y) = &parsed.yaml {
            for e in y
                .entries
                .iter()
                .filter(|e| inside(&(e.key_range.start..e.range.end)))
            {
                candidates.push(e.key_range.clone());
                candidates.push(e.key_range.start..e.range.end);
                if let Some(v) = &e.value {
                    node_ranges(v, offset, &mut candidates);
                }
            }
        }
        let content = block.content.clone();
        candidates.push(
            content.start
                ..content.start + text.get(content.clone()).map_or(0, |s| s.trim_end().len()),
        );
        let end = block.close.as_ref().map_or(block.content.end, |c| c.end);
        candidates.push(block.open.start..end);
    }
    for c in outline.code_blocks.iter().filter(|c| inside(&c.range)) {
        candidates.push(c.range.clone());
    }
    for h in outline.headings.iter().filter(|h| inside(&h.section)) {
        if inside(&h.range) {
            candidates.push(h.range.clone());
        }
        candidates.push(h.section.clone());
    }
    let line = line_at(text, offset);
    candidates.push(line);
    candidates.push(0..text.len());
    candidates.retain(|r| inside(r));
    // Innermost first; a range that does not grow the previous one adds nothing.
    candidates.sort_by_key(|r| (r.end - r.start, std::cmp::Reverse(r.start)));
    let mut out: Vec<Range<usize>> = Vec::new();
    for r in candidates {
        match out.last() {
            Some(last) if !(r.start <= last.start && last.end <= r.end && r != *last) => {}
            _ => out.push(r),
        }
    }
    out
}

fn node_ranges(v: &Node, offset: usize, out: &mut Vec<Range<usize>>) {
    if !(v.range.start <= offset && offset <= v.range.end) {
        return;
    }
    out.push(v.range.clone());
    match &v.kind {
        NodeKind::Seq { items, .. } => items.iter().for_each(|i| node_ranges(i, offset, out)),
        NodeKind::Map { entries, .. } => {
            for e in entries
                .iter()
                .filter(|e| e.key_range.start <= offset && offset <= e.range.end)
            {
                out.push(e.key_range.clone());
                out.push(e.key_range.start..e.range.end);
                if let Some(v) = &e.value {
                    node_ranges(v, offset, out);
                }
            }
        }
        _ => {}
    }
}

fn word_at(text: &str, offset: usize) -> Range<usize> {
    let is_word = |c: char| c.is_alphanumeric() || c == '_' || c == '-';
    let start = text[..offset]
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word(*c))
        .last()
        .map_or(offset, |(i, _)| i);
    let end = text[offset..]
        .char_indices()
        .find(|(_, c)| !is_word(*c))
        .map_or(text.len(), |(i, _)| offset + i);
    start..end
}

fn line_at(text: &str, offset: usize) -> Range<usize> {
    let start = text[..offset].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let end = text[offset..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| offset + i);
    start..end
}
