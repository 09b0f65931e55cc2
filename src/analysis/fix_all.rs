//! Applying every safe fix at once (`check --fix`, `source.fixAll`).
//!
//! Only [`Fix::safe`](crate::diagnostic::Fix::safe) fixes are applied, the first of each
//! diagnostic, and in one round only fixes whose edits overlap no other's: every edit's range
//! refers to the text the round started from. Two fixes can still clash without overlapping
//! (two keys renamed to one name make a duplicate key), so a round that leaves the file with
//! more structural problems than it had (invalid YAML, a duplicate key, an unclosed block) is
//! cut down to the fixes that do not, one by one in document order.

use super::{Analysis, Location, analyze};
use crate::diagnostic::{Code, Diagnostic, TextEdit, apply_edits};
use crate::dialect::Registry;

/// The edits of the first safe fix of each diagnostic, fix by fix, leaving out a fix whose
/// edits overlap each other or an earlier fix's (two insertions at one offset overlap too).
fn safe_fixes(diagnostics: &[Diagnostic]) -> Vec<&[TextEdit]> {
    let overlap = |a: &TextEdit, b: &TextEdit| {
        a.range.start < b.range.end && b.range.start < a.range.end || a.range == b.range
    };
    let mut taken: Vec<&TextEdit> = Vec::new();
    let mut fixes: Vec<&[TextEdit]> = Vec::new();
    for d in diagnostics {
        let Some(fix) = d.fixes.iter().find(|f| f.safe) else {
            continue;
        };
        let own = fix
            .edits
            .iter()
            .enumerate()
            .any(|(i, e)| fix.edits[..i].iter().any(|o| overlap(e, o)));
        let clash = fix
            .edits
            .iter()
            .any(|e| taken.iter().any(|t| overlap(e, t)));
        if !own && !clash {
            taken.extend(fix.edits.iter());
            fixes.push(&fix.edits);
        }
    }
    fixes
}

/// The non-overlapping edits of the first safe fix of each diagnostic, in document order.
pub fn safe_edits(diagnostics: &[Diagnostic]) -> Vec<TextEdit> {
    safe_fixes(diagnostics)
        .into_iter()
        .flatten()
        .cloned()
        .collect()
}

/// Problems a fix must never introduce: the file stops parsing, or parses differently.
fn structural(a: &Analysis) -> usize {
    a.diagnostics
        .iter()
        .filter(|d| {
            matches!(
                d.code,
                Code::YamlSyntax
                    | Code::DuplicateKey
                    | Code::NotAMapping
                    | Code::UnclosedFrontMatter
                    | Code::MissingFrontMatter
            )
        })
        .count()
}

fn apply(text: &str, fixes: &[&[TextEdit]]) -> String {
    let edits: Vec<TextEdit> = fixes.iter().flat_map(|f| f.iter().cloned()).collect();
    apply_edits(text, &edits)
}

/// Applies safe fixes until none is left (a fix can make another one possible), at most a few
/// rounds. Returns the new text, or `None` when nothing changed.
pub fn fix_text(text: &str, location: Location, registry: &Registry) -> Option<String> {
    let mut current = text.to_string();
    let mut analysis = analyze(&current, location, registry);
    for _ in 0..4 {
        let fixes = safe_fixes(&analysis.diagnostics);
        if fixes.is_empty() {
            break;
        }
        let before = structural(&analysis);
        let mut next = apply(&current, &fixes);
        let mut after = analyze(&next, location, registry);
        if structural(&after) > before {
            // Keep the fixes that do not break the file, each checked with those kept so far.
            let mut kept: Vec<&[TextEdit]> = Vec::new();
            for fix in fixes {
                kept.push(fix);
                let candidate = apply(&current, &kept);
                let a = analyze(&candidate, location, registry);
                if structural(&a) > before {
                    kept.pop();
                } else {
                    (next, after) = (candidate, a);
                }
            }
            if kept.is_empty() {
                break;
            }
        }
        if next == current {
            break;
        }
        current = next;
        analysis = after;
    }
    (current != text).then_some(current)
}
