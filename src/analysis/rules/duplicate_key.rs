//! `duplicate-key`: a key set twice.

use super::support::entries;
use super::RuleCx;
use crate::diagnostic::{Code, Fix, TextEdit};
use crate::syntax::yaml::Entry;
use std::ops::Range;

pub fn check(cx: &mut RuleCx) {
    let Some(yaml) = entries::mapping(cx) else {
        return;
    };
    // The first entry of each key, found in one pass (a search per entry was quadratic: 100k
    // keys took a minute). Lines are counted only once a duplicate turns up.
    let mut first_of: std::collections::HashMap<&str, &Entry> = std::collections::HashMap::new();
    let mut lines: Option<crate::text::LineIndex> = None;
    for e in &yaml.entries {
        let first = *first_of.entry(e.key.as_str()).or_insert(e);
        if !std::ptr::eq(first, e) {
            let index = lines.get_or_insert_with(|| crate::text::LineIndex::new(cx.text));
            let line = index.line_of(first.key_range.start) + 1;
            let removal = entry_removal(cx.text, e);
            let msg = format!(
                "`{}` is already set on line {line}. Strict YAML parsers reject the file; the others keep only one of the values. Remove one of them.",
                e.key
            );
            if let Some(d) = cx.report(Code::DuplicateKey, e.key_range.clone(), msg) {
                d.fixes.push(Fix::manual(
                    format!("Remove this `{}`", e.key),
                    vec![TextEdit::delete(removal)],
                ));
            }
        }
    }
}

/// The entry with its line break, for deleting it.
fn entry_removal(text: &str, e: &Entry) -> Range<usize> {
    e.key_range.start..crate::syntax::front_matter::next_line_start(text, e.range.end)
}
