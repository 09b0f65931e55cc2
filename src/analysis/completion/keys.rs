//! Key completion: the keys a front matter does not have yet, and the whole block on the first
//! line of a file without one.

use super::{DocRef, Item, ItemKind, Request, is_key_char};
use crate::schema::{Key, ValueType};
use std::collections::HashSet;

/// On the first line of a file without front matter (nothing but dashes typed): the whole
/// block, with the keys the dialect requires.
pub(super) fn skeleton(
    req: &Request,
    line_start: usize,
    offset: usize,
    line_end: usize,
) -> Option<Item> {
    let split = &req.parsed.split;
    // The first line starts after the BOM, if there is one; the BOM stays where it is.
    let first_line = line_start <= split.bom;
    let line_start = line_start.max(split.bom).min(offset);
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

/// Completion of top-level keys: only the ones not present yet.
pub(super) fn keys(req: &Request, line_start: usize, offset: usize, line_end: usize) -> Vec<Item> {
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
pub(super) fn key_insert(req: &Request, k: &Key, eol: &str) -> (String, bool) {
    let list = match k.ty {
        ValueType::List => true,
        // Copilot takes a YAML list of tools; Claude Code a comma-separated string.
        ValueType::Tools => req.dialect.tools.list_style.is_yaml_list(),
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
