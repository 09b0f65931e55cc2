//! Value completion after `key: `, in block list items and in flow lists (comma-aware: what is
//! already listed is not offered again).

use super::candidates::{Candidate, candidates};
use super::{Item, Request, quote};
use crate::analysis::tool_list::{base_name, split, strip_quotes};
use crate::schema::ValueType;
use std::collections::HashSet;
use std::ops::Range;

/// Completion after `key:` on the key's own line.
pub(super) fn values(
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
    // After only blanks (`agent:    `) there is no value: it would end before it starts.
    let value_end = (after_colon + region.trim_end().len()).max(value_start);
    let needs_space = offset == after_colon;
    let quoted = (value_start < line_end && offset > value_start)
        .then(|| inside_quotes(text, value_start, value_end, offset))
        .flatten();
    let (replace, quote_char) = match quoted {
        Some((r, q)) => (r, Some(q)),
        None if offset < value_start => (offset..value_end, None),
        None => (value_start..value_end.max(offset), None),
    };
    // A boolean or a number is written bare: quoted, `true` would be the text "true".
    let typed = schema_key.is_some_and(|k| {
        matches!(
            k.ty,
            ValueType::Bool | ValueType::Integer | ValueType::Number
        )
    });
    place(candidates, replace, needs_space, |label| match quote_char {
        Some(q) => escape_in(label, q),
        None if typed => label.to_string(),
        None => quote::scalar(label),
    })
}

/// Completion of a `- item` line of a block list.
pub(super) fn block_item(
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
    let (replace, quote_char) = match inside_quotes(text, item_start, region_end, offset) {
        Some((r, q)) => (r, Some(q)),
        None => (
            item_start.min(offset)..(item_start + raw.trim_end().len()).max(offset),
            None,
        ),
    };
    let needs_space = text[..offset].ends_with('-');
    let exclude: HashSet<&str> = others.iter().map(String::as_str).collect();
    let candidates = candidates(req, key, &exclude);
    place(candidates, replace, needs_space, |label| match quote_char {
        Some(q) => escape_in(label, q),
        None => quote::scalar(label),
    })
}

/// Comma-aware completion inside a comma-separated string or a flow list (`tools: Read, Gr`,
/// `tools: ['read', '`), possibly spanning lines. Names already in the list are not offered.
pub(super) fn list_tokens(
    req: &Request,
    key: &str,
    after_colon: usize,
    offset: usize,
    line_end: usize,
    mut others: Vec<String>,
) -> Vec<Item> {
    let text = req.text;
    let region = &text[after_colon..line_end];
    let tokens = split(region, req.dialect.tools.list_style);
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
    let candidates = candidates(req, key, &exclude);
    place(
        candidates,
        replace,
        needs_space,
        |label| match insert_quote {
            Some(q) => format!("{q}{}{q}", escape_in(label, q)),
            None => label.to_string(),
        },
    )
}

/// When the value at `start` opens a quote: the range inside it (to the closing quote before
/// `end`, or to `end`, and at least to `offset`) and the quote character.
fn inside_quotes(
    text: &str,
    start: usize,
    end: usize,
    offset: usize,
) -> Option<(Range<usize>, char)> {
    let q = text[start..end]
        .chars()
        .next()
        .filter(|c| matches!(c, '"' | '\''))?;
    let inner = start + 1;
    let close = text[inner..end].rfind(q).map_or(end, |i| inner + i);
    Some((inner..close.max(offset), q))
}

/// `label` as it is written between `q` quotes: `''` for `'` in single quotes; `\\` and `\"` in
/// double quotes.
fn escape_in(label: &str, q: char) -> String {
    if q == '\'' {
        label.replace('\'', "''")
    } else {
        label.replace('\\', "\\\\").replace('"', "\\\"")
    }
}

/// The candidates as items replacing `replace`, each inserting `insert(label)`, after a space
/// when the cursor sits right after the `:`, `,` or `-`.
fn place(
    candidates: Vec<Candidate>,
    replace: Range<usize>,
    needs_space: bool,
    insert: impl Fn(&str) -> String,
) -> Vec<Item> {
    candidates
        .into_iter()
        .map(|c| {
            let mut text = insert(&c.label);
            if needs_space {
                text.insert(0, ' ');
            }
            c.into_item(replace.clone(), text)
        })
        .collect()
}
