//! The one reading of a tool list, for rules, completion, hover and the workspace index: where
//! its items are, as the dialect's tool splits it (its `tools.list-style`).
//!
//! A list is a YAML list, or text: a comma-separated string (agents), or a space- or
//! comma-separated one (skills and commands, where commas win when there is one). Inside
//! parentheses nothing splits (`Agent(a, b)`, `Bash(gh pr:*)` are one item each), and a quoted
//! item is one item. While a line is being typed it is rarely valid YAML, so the text may also
//! be a flow list (`['read', 'ed`) or run over lines: brackets and line breaks separate too.

use crate::schema::ListStyle;
use crate::syntax::yaml::{Node, NodeKind};
use std::ops::Range;

/// One tool name in a list, with its span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub range: Range<usize>,
    pub name: String,
}

/// `Bash(git add:*)`, `Agent(reviewer, tester)`: a permission rule on a tool.
pub fn base_name(name: &str) -> &str {
    name.split('(').next().unwrap_or(name).trim()
}

/// `'Read'` → `Read`: an item as typed, without its quotes (the closing one may be missing).
pub fn strip_quotes(s: &str) -> &str {
    let s = s.trim();
    for q in ['"', '\''] {
        if let Some(inner) = s.strip_prefix(q) {
            return inner.strip_suffix(q).unwrap_or(inner);
        }
    }
    s
}

/// The spans of the items of a tool list written as text, trimmed.
pub fn split(s: &str, style: ListStyle) -> Vec<Range<usize>> {
    let split_ws = style == ListStyle::SpacesOrCommas && !has_comma(s);
    let mut out = Vec::new();
    let mut depth = 0u32;
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
                depth = depth.saturating_sub(1);
                false
            }
            (None, '\n' | '\r') => true,
            (None, ',' | '[' | ']') => depth == 0,
            // Spaces inside a name are kept (`Read Grep` is one unknown name in an agent);
            // leading ones are skipped.
            (None, c) if c.is_whitespace() && depth == 0 => split_ws || start.is_none(),
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

/// Whether `s` has a comma outside parentheses and quotes: then a space- or comma-separated
/// list is comma-separated, and its spaces belong to the names.
fn has_comma(s: &str) -> bool {
    let mut depth = 0u32;
    let mut quote: Option<char> = None;
    // A quote opens an item only where an item starts (`it's` holds none).
    let mut at_start = true;
    for c in s.chars() {
        let starts = at_start;
        at_start = c.is_whitespace() || matches!(c, ',' | '[' | ']');
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') if starts => quote = Some(c),
            (None, '(') => depth += 1,
            (None, ')') => depth = depth.saturating_sub(1),
            (None, ',') if depth == 0 => return true,
            _ => {}
        }
    }
    false
}

/// The tool names of a parsed value, with their spans: list items, or the items of a string
/// (see [`split`]). A block scalar is not a tool list any tool reads.
pub fn tokens(text: &str, v: &Node, style: ListStyle) -> Vec<Token> {
    match &v.kind {
        NodeKind::Seq { items, .. } => items
            .iter()
            .filter_map(|i| {
                let name = i.as_str()?.trim();
                Some(Token {
                    range: name_span(text, &i.range, name),
                    name: name.to_string(),
                })
            })
            .filter(|t| !t.name.is_empty())
            .collect(),
        NodeKind::Scalar(s) => {
            let Some(raw) = text.get(v.range.clone()) else {
                return Vec::new();
            };
            // Offsets map 1:1 for plain and (escape-free) quoted single-line values.
            let (inner, base) = if s.style.is_quoted() && raw.len() >= 2 {
                (&raw[1..raw.len() - 1], v.range.start + 1)
            } else if s.style.is_block() {
                return Vec::new();
            } else {
                (raw, v.range.start)
            };
            split(inner, style)
                .into_iter()
                .map(|r| Token {
                    name: inner[r.clone()].to_string(),
                    range: base + r.start..base + r.end,
                })
                .collect()
        }
        _ => Vec::new(),
    }
}

/// Where `name` (an item's decoded text, trimmed) is written inside `range`: inside the quotes
/// of a quoted item. When the item's text does not hold the name as written (escapes, folded
/// lines), the whole item: a fix then replaces the item, never part of it.
fn name_span(text: &str, range: &Range<usize>, name: &str) -> Range<usize> {
    let raw = &text[range.clone()];
    match raw.find(name) {
        Some(i) if raw.matches(name).count() == 1 => range.start + i..range.start + i + name.len(),
        _ => range.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(s: &str, style: ListStyle) -> Vec<&str> {
        split(s, style).into_iter().map(|r| &s[r]).collect()
    }

    #[test]
    fn commas_outside_parentheses_and_quotes_separate() {
        let s = " Read, Agent(a, b), 'x, y' ,Bash(git add:*)";
        assert_eq!(
            parts(s, ListStyle::Comma),
            ["Read", "Agent(a, b)", "'x, y'", "Bash(git add:*)"]
        );
        // Spaces belong to the name in a comma-separated list.
        assert_eq!(
            parts("Read Grep, Glob", ListStyle::Comma),
            ["Read Grep", "Glob"]
        );
        assert_eq!(parts("Read, Grep", ListStyle::YamlList), ["Read", "Grep"]);
    }

    #[test]
    fn spaces_separate_where_the_style_says_unless_there_is_a_comma() {
        let s = "Read Grepp Bash(gh pr:*)";
        assert_eq!(
            parts(s, ListStyle::SpacesOrCommas),
            ["Read", "Grepp", "Bash(gh pr:*)"]
        );
        assert_eq!(parts(s, ListStyle::Comma), [s]);
        // A comma inside parentheses is not one.
        assert_eq!(
            parts("Read Agent(a, b)", ListStyle::SpacesOrCommas),
            ["Read", "Agent(a, b)"]
        );
        assert_eq!(
            parts("Read Grep, Bash(gh pr view:*)", ListStyle::SpacesOrCommas),
            ["Read Grep", "Bash(gh pr view:*)"]
        );
    }

    #[test]
    fn flow_lists_and_lines_as_typed() {
        assert_eq!(
            parts("['search', 'edit", ListStyle::YamlList),
            ["'search'", "'edit"]
        );
        assert_eq!(parts("[Read,\n  Grep]", ListStyle::Comma), ["Read", "Grep"]);
        // An unbalanced `)` does not stop commas from separating.
        assert_eq!(parts("a), b(c, d)", ListStyle::Comma), ["a)", "b(c, d)"]);
        assert_eq!(strip_quotes(" 'edit"), "edit");
        assert_eq!(base_name("Bash(gh pr:*)"), "Bash");
    }
}
