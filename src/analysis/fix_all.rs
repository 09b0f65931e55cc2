//! Applying every safe fix at once: [`fix_text`] for `check --fix`, [`fix_edits`] for the
//! editor's `source.fixAll`, one loop for both.
//!
//! Only [`Fix::safe`](crate::diagnostic::Fix::safe) fixes are applied, the first of each
//! diagnostic, and in one round only fixes whose edits overlap no other's: every edit's range
//! refers to the text the round started from. Two fixes can still clash without overlapping
//! (two keys renamed to one name make a duplicate key), so a round that leaves the file with
//! more structural problems than it had (invalid YAML, a duplicate key, an unclosed block) is
//! cut down to the fixes that do not, in halves (see `keep_harmless`). Fix rounds analyse with
//! every finding listed, past the per-code cap of the report.

use super::{Analysis, Location, analyze_all};
use crate::diagnostic::{Code, Diagnostic, TextEdit, apply_edits};
use crate::dialect::Registry;
use std::collections::BTreeMap;
use std::ops::Range;

/// The edits of the first safe fix of each diagnostic, fix by fix, leaving out a fix whose
/// edits overlap each other or an earlier fix's (two insertions at one offset overlap too).
/// The edits taken so far are kept by start, so each check is a lookup, not a scan.
fn safe_fixes(diagnostics: &[Diagnostic]) -> Vec<&[TextEdit]> {
    let overlap = |a: &Range<usize>, b: &Range<usize>| a.start < b.end && b.start < a.end || a == b;
    let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
    let clashes = |taken: &BTreeMap<usize, usize>, r: &Range<usize>| {
        // The taken edit starting last at or before `r.end`, and the ones starting at it:
        // taken edits never overlap each other, so only these can overlap `r`.
        taken
            .range(..=r.end)
            .next_back()
            .is_some_and(|(&s, &e)| overlap(r, &(s..e)))
            || taken
                .range(r.start..=r.end)
                .any(|(&s, &e)| overlap(r, &(s..e)))
    };
    let mut fixes: Vec<&[TextEdit]> = Vec::new();
    for d in diagnostics {
        let Some(fix) = d.fixes.iter().find(|f| f.safe) else {
            continue;
        };
        let own = fix
            .edits
            .iter()
            .enumerate()
            .any(|(i, e)| fix.edits[..i].iter().any(|o| overlap(&e.range, &o.range)));
        let clash = fix.edits.iter().any(|e| clashes(&taken, &e.range));
        if !own && !clash {
            for e in &fix.edits {
                taken.insert(e.range.start, e.range.end);
            }
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
    let mut analysis = analyze_all(&current, location, registry);
    for _ in 0..4 {
        let fixes = safe_fixes(&analysis.diagnostics);
        if fixes.is_empty() {
            break;
        }
        let before = structural(&analysis);
        let mut next = apply(&current, &fixes);
        let mut after = analyze_all(&next, location, registry);
        if structural(&after) > before {
            // Keep the fixes that do not break the file: a group is kept whole when it breaks
            // nothing together with those kept so far, else halved, so that a few bad fixes
            // among thousands cost a few analyses each, not one per fix.
            let mut kept: Vec<&[TextEdit]> = Vec::new();
            let mut last = None;
            keep_harmless(
                &current, &fixes, &mut kept, &mut last, before, location, registry,
            );
            if kept.is_empty() {
                break;
            }
            (next, after) = last.unwrap_or_else(|| {
                let t = apply(&current, &kept);
                let a = analyze_all(&t, location, registry);
                (t, a)
            });
        }
        if next == current {
            break;
        }
        current = next;
        analysis = after;
    }
    (current != text).then_some(current)
}

/// What the editor's "fix all" sends: the edits that turn `text` into what [`fix_text`] makes
/// of it. When that is exactly the safe edits of `diagnostics` (those the editor shows), they
/// are sent as they are, each at its problem; otherwise (a fix made another one possible, or
/// one was dropped because it would break the file) the whole change goes as one edit. Empty
/// when `diagnostics` hold no safe fix, or fixing changes nothing.
pub fn fix_edits(
    text: &str,
    diagnostics: &[Diagnostic],
    location: Location,
    registry: &Registry,
) -> Vec<TextEdit> {
    let first = safe_edits(diagnostics);
    if first.is_empty() {
        return first;
    }
    match fix_text(text, location, registry) {
        Some(fixed) if fixed == apply_edits(text, &first) => first,
        Some(fixed) => vec![diff_edit(text, &fixed)],
        None => Vec::new(),
    }
}

/// The smallest single edit that turns `old` into `new`: the common prefix and suffix kept,
/// both on char boundaries.
pub fn diff_edit(old: &str, new: &str) -> TextEdit {
    let mut prefix = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(prefix) || !new.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let max_suffix = old.len().min(new.len()) - prefix;
    let mut suffix = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - suffix) || !new.is_char_boundary(new.len() - suffix) {
        suffix -= 1;
    }
    TextEdit::replace(prefix..old.len() - suffix, &new[prefix..new.len() - suffix])
}

/// Adds to `kept` the fixes of `group` that leave no more structural problems than `before`;
/// `last` is the text and analysis with every fix kept so far.
fn keep_harmless<'a>(
    current: &str,
    group: &[&'a [TextEdit]],
    kept: &mut Vec<&'a [TextEdit]>,
    last: &mut Option<(String, Analysis)>,
    before: usize,
    location: Location,
    registry: &Registry,
) {
    if group.is_empty() {
        return;
    }
    let size = kept.len();
    kept.extend_from_slice(group);
    let candidate = apply(current, kept);
    let a = analyze_all(&candidate, location, registry);
    if structural(&a) <= before {
        *last = Some((candidate, a));
        return;
    }
    kept.truncate(size);
    if group.len() > 1 {
        let (left, right) = group.split_at(group.len() / 2);
        keep_harmless(current, left, kept, last, before, location, registry);
        keep_harmless(current, right, kept, last, before, location, registry);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Fix;

    #[test]
    fn diff_edit_is_minimal_and_char_safe() {
        let e = diff_edit("color: purpel\n", "color: purple\n");
        assert_eq!((e.range, e.new_text.as_str()), (11..13, "le"));
        let e = diff_edit("a🏗️b", "a🏛️b");
        assert_eq!(apply_edits("a🏗️b", &[e]), "a🏛️b");
        let e = diff_edit("same", "same");
        assert_eq!((e.range, e.new_text.as_str()), (4..4, ""));
    }

    fn location(rel_path: &str) -> Location<'_> {
        Location::at(rel_path)
    }

    /// The safe edits themselves when one round fixes everything; one edit when fixing needs
    /// more than the first round; nothing without a safe fix.
    #[test]
    fn fix_edits_are_the_first_round_or_one_diff() {
        let registry = Registry::builtin();
        let at = location(".claude/agents/a.md");
        let text = "---\nname: a\ndescription: a: b\ncolor: Purple\n---\nbody\n";
        let a = analyze_all(text, at, &registry);
        let edits = fix_edits(text, &a.diagnostics, at, &registry);
        assert_eq!(edits, safe_edits(&a.diagnostics));
        assert_eq!(
            apply_edits(text, &edits),
            fix_text(text, at, &registry).unwrap()
        );
        // The editor's diagnostics are not the whole fix (here: only the first of them, as
        // when it shows fewer than fixing finds): the whole change goes as one edit.
        let fixed = fix_text(text, at, &registry).unwrap();
        let mut shown = a.diagnostics.clone();
        let d = shown
            .iter_mut()
            .find(|d| d.fixes.iter().any(|f| f.safe))
            .unwrap();
        d.fixes = vec![Fix::safe("other", vec![TextEdit::insert(0, "x")])];
        assert_eq!(
            fix_edits(text, &shown, at, &registry),
            [diff_edit(text, &fixed)]
        );
        assert!(fix_edits(text, &a.diagnostics[..0], at, &registry).is_empty());
        let clean = fix_text(text, at, &registry).unwrap();
        let a = analyze_all(&clean, at, &registry);
        assert!(fix_edits(&clean, &a.diagnostics, at, &registry).is_empty());
    }
}
