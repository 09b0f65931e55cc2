//! Applying every safe fix at once (`check --fix`, `source.fixAll`).

use super::{Location, analyze};
use crate::diagnostic::{Diagnostic, TextEdit, apply_edits};
use crate::dialect::Registry;

/// The non-overlapping edits of the first safe fix of each diagnostic, in document order.
pub fn safe_edits(diagnostics: &[Diagnostic]) -> Vec<TextEdit> {
    let mut taken: Vec<TextEdit> = Vec::new();
    for d in diagnostics {
        let Some(fix) = d.fixes.iter().find(|f| f.safe) else {
            continue;
        };
        let overlaps = fix.edits.iter().any(|e| {
            taken.iter().any(|t| {
                e.range.start < t.range.end && t.range.start < e.range.end || e.range == t.range
            })
        });
        if !overlaps {
            taken.extend(fix.edits.iter().cloned());
        }
    }
    taken
}

/// Applies safe fixes until none is left (a fix can make another one possible), at most a few
/// rounds. Returns the new text, or `None` when nothing changed.
pub fn fix_text(text: &str, location: Location, registry: &Registry) -> Option<String> {
    let mut current = text.to_string();
    for _ in 0..4 {
        let a = analyze(&current, location, registry);
        let edits = safe_edits(&a.diagnostics);
        if edits.is_empty() {
            break;
        }
        let next = apply_edits(&current, &edits);
        if next == current {
            break;
        }
        current = next;
    }
    (current != text).then_some(current)
}
