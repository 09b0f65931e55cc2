//! Value completion after `key: `, in block list items and in flow lists (comma-aware: what is
//! already listed is not offered again).

use super::candidates::candidates;
use super::tokens::{base_name, split_tokens, strip_quotes};
use super::{Item, Request, quote};
use crate::schema::ValueType;
use std::collections::HashSet;

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
pub(super) fn list_tokens(
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
