//! The items of a tool list as it is typed: a comma-separated string or a flow list, where
//! `Agent(a, b)` is one item. Shared with hover and the workspace index.

use std::ops::Range;

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
