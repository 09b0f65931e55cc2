//! The tool names of a tool list, with their spans.

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

/// The tool names of a value, with their spans: list items, or the parts of a comma (or, for
/// skills, space) separated string. Commas inside parentheses (`Agent(a, b)`) do not split.
pub fn tokens(text: &str, v: &Node, split_spaces: bool) -> Vec<Token> {
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
            let raw = &text[v.range.clone()];
            // Offsets map 1:1 for plain and (escape-free) quoted single-line values.
            let (inner, base) = if s.style.is_quoted() && raw.len() >= 2 {
                (&raw[1..raw.len() - 1], v.range.start + 1)
            } else if s.style.is_block() {
                return Vec::new();
            } else {
                (raw, v.range.start)
            };
            split_names(inner, split_spaces)
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

pub fn split_names(s: &str, split_spaces: bool) -> Vec<Range<usize>> {
    let has_comma = {
        let mut depth = 0i32;
        s.chars().any(|c| {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                ',' if depth == 0 => return true,
                _ => {}
            }
            false
        })
    };
    let split_ws = split_spaces && !has_comma;
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    let push = |a: usize, b: usize, out: &mut Vec<Range<usize>>| {
        let part = &s[a..b];
        let lead = part.len() - part.trim_start().len();
        let t = part.trim();
        if !t.is_empty() {
            out.push(a + lead..a + lead + t.len());
        }
    };
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                push(start, i, &mut out);
                start = i + 1;
            }
            c if split_ws && depth == 0 && c.is_whitespace() => {
                push(start, i, &mut out);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    push(start, s.len(), &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_commas_outside_parentheses() {
        let s = "Read, Agent(a, b),Bash(git add:*)";
        let parts: Vec<&str> = split_names(s, false).into_iter().map(|r| &s[r]).collect();
        assert_eq!(parts, ["Read", "Agent(a, b)", "Bash(git add:*)"]);
        let s = "Read Bash(gh pr view:*)";
        let parts: Vec<&str> = split_names(s, true).into_iter().map(|r| &s[r]).collect();
        assert_eq!(parts, ["Read", "Bash(gh pr view:*)"]);
    }
}
