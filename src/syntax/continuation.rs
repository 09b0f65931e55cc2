//! A value that goes on below its key on lines that are not indented: the commonest break in
//! real agents (`description: Use this agent when…` followed by `Examples:`, `<example>`,
//! `user: "…"` lines at column 0).
//!
//! YAML reads such lines as new keys where they look like keys and fails where they do not,
//! so a per-line reading reports a cascade (a stray line, `user` twice, `Examples` unknown)
//! that points at everything but the cause. This pass gives the lines back to the value they
//! continue: the owner's entry spans them, the entries and stray lines inside are dropped,
//! and [`Continued`] records the span for `yaml-syntax`, which reports it once.
//!
//! Which lines continue a value:
//! - A run starts at a stray line (no `key: value` pair at all: no reader can take it for a
//!   key; a line with a second `: ` is left alone, some loaders read it), unless the line is
//!   one word, a key being typed.
//! - Its owner is the nearest entry above it whose key some dialect defines, passing over
//!   pairs that no dialect defines (`Examples:`, `user: "…"` are lines of the text; `tools:`
//!   is not). The owner's value is plain text, a block scalar or empty: a closed quote or a
//!   list ends a value on purpose.
//! - The run goes on to the last stray line before the next key that some dialect defines
//!   (`model: sonnet`), or before the end: pairs after the last stray line are keys
//!   (`author: me`), pairs before it sit between lines of text (`user: "…"`).

use super::yaml::{Entry, Yaml};
use std::ops::Range;

/// Lines that continue the value of an entry without being indented under it.
#[derive(Debug, Clone, PartialEq)]
pub struct Continued {
    /// Index of the entry they continue, which now spans them.
    pub entry: usize,
    /// From the start of the first continuation line to the end of the last one.
    pub lines: Range<usize>,
}

#[derive(Clone, Copy)]
enum Item {
    Entry(usize),
    Stray(usize),
}

/// An entry and the items after it that continue its value.
struct Run {
    /// The owner's index among the items, and among the entries.
    owner_at: usize,
    owner: usize,
    /// The item index of the last stray line absorbed.
    last: usize,
}

/// Gives unindented continuation lines back to the value they continue (see the module
/// docs). `is_key` says whether some dialect defines a key. Linear: every entry and stray
/// line is looked at a bounded number of times.
pub fn absorb(text: &str, yaml: &mut Yaml, is_key: impl Fn(&str) -> bool) {
    if yaml.stray.is_empty() || yaml.not_a_mapping.is_some() {
        return;
    }
    let items = in_order(yaml);
    let mut runs: Vec<Run> = Vec::new();
    let mut i = 0;
    while i < items.len() {
        let Item::Stray(at) = items[i] else {
            i += 1;
            continue;
        };
        if half_typed_key(&text[yaml.stray[at].clone()]) {
            i += 1;
            continue;
        }
        let Some((owner_at, owner)) = owner(text, yaml, &items, i, &is_key) else {
            i += 1;
            continue;
        };
        let mut last = i;
        let mut j = i + 1;
        while j < items.len() {
            match items[j] {
                Item::Stray(_) => last = j,
                Item::Entry(e) if is_key(&yaml.entries[e].key) => break,
                Item::Entry(_) => {}
            }
            j += 1;
        }
        // Markdown headings and no key after them up to the closing `---`: that is the body,
        // which a missing closing fence let into the block, not a value that goes on
        // (`yaml-syntax` says so once, at the first body line).
        let last_end = match items[last] {
            Item::Stray(s) => yaml.stray[s].end,
            Item::Entry(e) => yaml.entries[e].range.end,
        };
        // From the owner's key line on: its range takes in the comment lines below it.
        let key_at = yaml.entries[owner].key_range.start;
        let from = text[key_at..last_end]
            .find(['\n', '\r'])
            .map_or(last_end, |n| key_at + n);
        let body_after = j == items.len() && has_heading(&text[from..last_end]);
        if body_after {
            i = last + 1;
            continue;
        }
        runs.push(Run {
            owner_at,
            owner,
            last,
        });
        i = last + 1;
    }
    if runs.is_empty() {
        return;
    }
    apply(text, yaml, &items, &runs);
}

/// A Markdown heading (`# Title`, `## Part`) at the start of a line after a blank one.
fn has_heading(between: &str) -> bool {
    let mut after_blank = false;
    for line in between.lines() {
        let heading =
            line.starts_with('#') && line.trim_start_matches('#').starts_with([' ', '\t']);
        if heading && after_blank {
            return true;
        }
        after_blank = line.trim().is_empty();
    }
    false
}

/// One word that a key is made of (`mod`, while `model:` is being typed): a key without its
/// colon, not text. It does not start a run, but a run takes it in (`Examples` above the
/// first `<example>`).
fn half_typed_key(line: &str) -> bool {
    line.chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// Entries and stray lines in document order.
fn in_order(yaml: &Yaml) -> Vec<Item> {
    let mut items = Vec::with_capacity(yaml.entries.len() + yaml.stray.len());
    let (mut e, mut s) = (0, 0);
    while e < yaml.entries.len() || s < yaml.stray.len() {
        let entry_first = match (yaml.entries.get(e), yaml.stray.get(s)) {
            (Some(en), Some(st)) => en.range.start < st.start,
            (Some(_), None) => true,
            _ => false,
        };
        if entry_first {
            items.push(Item::Entry(e));
            e += 1;
        } else {
            items.push(Item::Stray(s));
            s += 1;
        }
    }
    items
}

/// The entry whose value the stray line at `items[at]` continues, with its item index: the
/// nearest entry above it whose key some dialect defines, passing over the pairs that no
/// dialect defines (`Examples:`, `user: "…"`: lines of the text). Never past another stray
/// line: pairs between two stray lines with no key above them are not known to be anyone's
/// text (a quote that YAML reads across lines leaves such pairs behind).
fn owner(
    text: &str,
    yaml: &Yaml,
    items: &[Item],
    at: usize,
    is_key: &impl Fn(&str) -> bool,
) -> Option<(usize, usize)> {
    let mut k = at;
    while k > 0 {
        k -= 1;
        let e = match items[k] {
            Item::Entry(e) => e,
            // `Examples` without its colon, a heading of the text.
            Item::Stray(s) if half_typed_key(&text[yaml.stray[s].clone()]) => continue,
            Item::Stray(_) => return None,
        };
        if is_key(&yaml.entries[e].key) {
            return continues_as_text(text, &yaml.entries[e]).then_some((k, e));
        }
    }
    None
}

/// Whether lines below the entry can be its text: a plain scalar, a block scalar or nothing.
/// A closed quote, a list or a mapping ends the value on purpose. An entry libyaml rejected
/// (a `: ` or a `*` in plain text) is judged by how its value is written: a quote or a
/// bracket that goes on below is YAML's business, not a continuation.
fn continues_as_text(text: &str, e: &Entry) -> bool {
    if e.valid {
        return e
            .value
            .as_ref()
            .is_none_or(|v| v.as_scalar().is_some_and(|s| !s.style.is_quoted()));
    }
    let raw = text
        .get(e.after_colon..e.range.end)
        .unwrap_or("")
        .trim_start_matches([' ', '\t']);
    let list = raw.starts_with('-') && raw[1..].starts_with([' ', '\t', '\n', '\r']);
    !(list || raw.starts_with(['"', '\'', '[', '{', '\n', '\r']))
}

fn apply(text: &str, yaml: &mut Yaml, items: &[Item], runs: &[Run]) {
    let old = std::mem::take(&mut yaml.entries);
    let old_stray = std::mem::take(&mut yaml.stray);
    let span = |item: Item| match item {
        Item::Entry(e) => old[e].range.clone(),
        Item::Stray(s) => old_stray[s].clone(),
    };
    // Absorbed spans (owner's key to the last line), and the new index of each old entry.
    let mut spans: Vec<Range<usize>> = Vec::with_capacity(runs.len());
    let mut new_index: Vec<Option<usize>> = vec![None; old.len()];
    let mut owners = std::collections::HashSet::new();
    let mut kept: Vec<Entry> = Vec::with_capacity(old.len());
    let mut stray = Vec::with_capacity(old_stray.len());
    let mut runs = runs.iter().peekable();
    let mut i = 0;
    while i < items.len() {
        if let Some(run) = runs.next_if(|r| r.owner_at == i) {
            let lines = line_start(text, span(items[i + 1]).start)..span(items[run.last]).end;
            let mut e = old[run.owner].clone();
            e.range.end = lines.end;
            e.valid = false;
            spans.push(e.key_range.start..lines.end);
            owners.insert(run.owner);
            new_index[run.owner] = Some(kept.len());
            yaml.continued.push(Continued {
                entry: kept.len(),
                lines,
            });
            kept.push(e);
            i = run.last + 1;
            continue;
        }
        match items[i] {
            Item::Entry(e) => {
                new_index[e] = Some(kept.len());
                kept.push(old[e].clone());
            }
            Item::Stray(s) => stray.push(old_stray[s].clone()),
        }
        i += 1;
    }
    yaml.entries = kept;
    yaml.stray = stray;
    // The owner's own errors go too: the block scalar that fixes the lines below fixes a
    // `: ` or a `*` in its first line as well. Errors inside the lines were of lines that
    // are text.
    let inside = |r: &Range<usize>| spans.iter().any(|s| s.start <= r.start && r.start < s.end);
    yaml.errors.retain_mut(|err| {
        if err.entry.is_some_and(|e| owners.contains(&e)) || inside(&err.range) {
            return false;
        }
        err.entry = err.entry.and_then(|e| new_index[e]);
        true
    });
}

/// The start of the line holding `at`.
fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1)
}

/// Whether the value of `e` is a block scalar (`|`, `>`), whose header a fix keeps.
pub fn is_block(e: &Entry) -> bool {
    e.value
        .as_ref()
        .and_then(|v| v.as_scalar())
        .is_some_and(|s| s.style.is_block())
}
