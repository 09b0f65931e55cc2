//! The properties the fuzz targets check, as plain functions that return what is wrong.
//!
//! Only `std` and `persona_ls` are used here, so that the engine's own tests can share these
//! checks (`tests/robustness.rs` includes this file with `#[path]`) instead of keeping a
//! second copy.
#![allow(dead_code)]

use persona_ls::analysis::symbols::{Fold, Symbol};
use persona_ls::diagnostic::{Diagnostic, TextEdit};
use persona_ls::syntax::markdown::Outline;
use persona_ls::syntax::yaml::{Entry, Node, NodeKind, Yaml};
use persona_ls::text::{Encoding, LineIndex};
use std::ops::Range;

pub type Check = Result<(), String>;

/// `r` is a forward range inside `text`, on character boundaries.
pub fn range(text: &str, r: &Range<usize>, what: &str) -> Check {
    if r.start > r.end {
        return Err(format!("{what}: reversed range {r:?}"));
    }
    if r.end > text.len() {
        return Err(format!(
            "{what}: range {r:?} past the end of the text ({} bytes)",
            text.len()
        ));
    }
    if !text.is_char_boundary(r.start) || !text.is_char_boundary(r.end) {
        return Err(format!("{what}: range {r:?} splits a character"));
    }
    Ok(())
}

/// `inner` lies within `outer`.
pub fn within(inner: &Range<usize>, outer: &Range<usize>, what: &str) -> Check {
    if inner.start < outer.start || inner.end > outer.end {
        return Err(format!("{what}: {inner:?} is not inside {outer:?}"));
    }
    Ok(())
}

/// Converts `offset` to a line/column in both encodings and back: no panic, and the way back
/// lands on the offset (unless it is between the `\r` and `\n` of a CRLF, which no position
/// names).
pub fn positions(text: &str, index: &LineIndex, offset: usize, what: &str) -> Check {
    for enc in [Encoding::Utf8, Encoding::Utf16] {
        let p = index.position(text, offset, enc);
        let back = index.offset(text, p, enc);
        let inside_crlf = offset > 0
            && text.as_bytes().get(offset - 1) == Some(&b'\r')
            && text.as_bytes().get(offset) == Some(&b'\n');
        if back != offset && text.is_char_boundary(offset) && !inside_crlf {
            return Err(format!(
                "{what}: offset {offset} -> {enc:?} {}:{} -> offset {back}",
                p.line, p.character
            ));
        }
    }
    Ok(())
}

/// Every diagnostic and fix of an analysis of `text`: ranges in the text, on character
/// boundaries; each fix's edits in range and not overlapping. The first diagnostics' edges
/// also convert to positions and back (a conversion costs the length of its line, so not all
/// of them: a file of one long line can have thousands of diagnostics).
pub fn diagnostics(text: &str, diagnostics: &[Diagnostic]) -> Check {
    let index = LineIndex::new(text);
    for (i, d) in diagnostics.iter().enumerate() {
        let what = format!("diagnostic {} {:?}", d.code, d.message);
        range(text, &d.range, &what)?;
        if i < 64 {
            positions(text, &index, d.range.start, &what)?;
            positions(text, &index, d.range.end, &what)?;
        }
        for f in &d.fixes {
            edits(text, &f.edits, &format!("{what}, fix {:?}", f.title))?;
        }
    }
    Ok(())
}

/// Edits in range, on character boundaries and not overlapping.
pub fn edits(text: &str, edits: &[TextEdit], what: &str) -> Check {
    for e in edits {
        range(text, &e.range, what)?;
    }
    let mut sorted: Vec<&TextEdit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.range.start, e.range.end));
    for w in sorted.windows(2) {
        if w[1].range.start < w[0].range.end {
            return Err(format!(
                "{what}: edits overlap: {:?} and {:?}",
                w[0].range, w[1].range
            ));
        }
    }
    Ok(())
}

/// The YAML of a front-matter block whose content is `content`: every span inside the
/// content, on character boundaries; keys inside their entries and values inside theirs;
/// top-level entries in order and apart.
pub fn yaml(text: &str, content: &Range<usize>, y: &Yaml) -> Check {
    for (i, e) in y.entries.iter().enumerate() {
        entry(text, content, e, &format!("entry {i} ({:?})", e.key))?;
    }
    for w in y.entries.windows(2) {
        if w[1].key_range.start < w[0].range.end {
            return Err(format!(
                "top-level entries overlap: {:?} {:?} and {:?} {:?}",
                w[0].key, w[0].range, w[1].key, w[1].range
            ));
        }
    }
    for s in &y.stray {
        range(text, s, "stray line")?;
        within(s, content, "stray line")?;
    }
    for e in &y.errors {
        range(text, &e.range, &format!("syntax error {:?}", e.problem))?;
        within(&e.range, content, &format!("syntax error {:?}", e.problem))?;
        if e.entry.is_some_and(|i| i >= y.entries.len()) {
            return Err(format!(
                "syntax error {:?} names entry {:?} of {}",
                e.problem,
                e.entry,
                y.entries.len()
            ));
        }
    }
    if let Some(r) = &y.not_a_mapping {
        range(text, r, "not-a-mapping")?;
        within(r, content, "not-a-mapping")?;
    }
    Ok(())
}

fn entry(text: &str, outer: &Range<usize>, e: &Entry, what: &str) -> Check {
    range(text, &e.key_range, &format!("{what} key"))?;
    range(text, &e.range, what)?;
    within(&e.range, outer, what)?;
    within(&e.key_range, &e.range, &format!("{what} key"))?;
    if e.after_colon > text.len() || !text.is_char_boundary(e.after_colon) {
        return Err(format!(
            "{what}: after_colon {} is not a boundary",
            e.after_colon
        ));
    }
    if let Some(v) = &e.value {
        node(text, &e.range, v, &format!("{what} value"), 0)?;
    }
    Ok(())
}

fn node(text: &str, outer: &Range<usize>, n: &Node, what: &str, depth: usize) -> Check {
    range(text, &n.range, what)?;
    within(&n.range, outer, what)?;
    // The walk is recursive; the parsers bound the nesting they return, and this bound keeps
    // the harness itself from overflowing when they do not.
    if depth > 10_000 {
        return Err(format!("{what}: nested more than 10,000 levels"));
    }
    match &n.kind {
        NodeKind::Seq { items, .. } => {
            for (i, item) in items.iter().enumerate() {
                node(text, &n.range, item, &format!("{what}[{i}]"), depth + 1)?;
            }
        }
        NodeKind::Map { entries, .. } => {
            for e in entries {
                let w = format!("{what}.{:?}", e.key);
                range(text, &e.key_range, &w)?;
                range(text, &e.range, &w)?;
                within(&e.range, &n.range, &w)?;
                within(&e.key_range, &e.range, &format!("{w} key"))?;
                if let Some(v) = &e.value {
                    node(text, &e.range, v, &w, depth + 1)?;
                }
            }
        }
        NodeKind::Scalar(_) | NodeKind::Other | NodeKind::Deep => {}
    }
    Ok(())
}

/// Headings and code blocks of the body's outline.
pub fn outline(text: &str, o: &Outline) -> Check {
    let mut last = 0;
    for h in &o.headings {
        let what = format!("heading {:?}", h.title(text));
        range(text, &h.range, &what)?;
        range(text, &h.text_range, &what)?;
        range(text, &h.section, &what)?;
        within(&h.range, &h.section, &format!("{what} in its section"))?;
        within(&h.text_range, &h.range, &format!("{what} text"))?;
        if !(1..=6).contains(&h.level) {
            return Err(format!("{what}: level {}", h.level));
        }
        if h.range.start < last {
            return Err(format!("{what}: headings out of document order"));
        }
        last = h.range.start;
    }
    for c in &o.code_blocks {
        range(text, &c.range, "code block")?;
    }
    Ok(())
}

/// Document symbols: ranges in the text, each selection inside its range, each child inside
/// its parent (VS Code rejects a tree that breaks either).
pub fn symbols(text: &str, symbols: &[Symbol]) -> Check {
    fn walk(text: &str, s: &Symbol, parent: Option<&Range<usize>>, depth: usize) -> Check {
        let what = format!("symbol {:?}", s.name);
        range(text, &s.range, &what)?;
        range(text, &s.selection, &what)?;
        within(&s.selection, &s.range, &format!("{what} selection"))?;
        if let Some(p) = parent {
            within(&s.range, p, &format!("{what} in its parent"))?;
        }
        if depth > 10_000 {
            return Err(format!("{what}: nested more than 10,000 levels"));
        }
        for c in &s.children {
            walk(text, c, Some(&s.range), depth + 1)?;
        }
        Ok(())
    }
    for s in symbols {
        walk(text, s, None, 0)?;
    }
    Ok(())
}

pub fn folds(text: &str, folds: &[Fold]) -> Check {
    for f in folds {
        range(text, &f.range, &format!("fold {:?}", f.kind))?;
    }
    Ok(())
}

/// Selection ranges at `offset`: each contains the offset and strictly contains the one
/// before it (innermost first), as `selection_ranges` documents.
pub fn selection(text: &str, offset: usize, ranges: &[Range<usize>]) -> Check {
    let offset = persona_ls::text::floor_char_boundary(text, offset);
    for (i, r) in ranges.iter().enumerate() {
        let what = format!("selection range {i} at {offset}");
        range(text, r, &what)?;
        if !(r.start <= offset && offset <= r.end) {
            return Err(format!("{what}: {r:?} does not contain the offset"));
        }
        if i > 0 {
            let prev = &ranges[i - 1];
            if !(r.start <= prev.start && prev.end <= r.end && r != prev) {
                return Err(format!("{what}: {r:?} does not strictly contain {prev:?}"));
            }
        }
    }
    Ok(())
}

/// The line breaks of a text: whether it has any `\n`, `\r\n`, lone `\r`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Breaks {
    pub lf: bool,
    pub crlf: bool,
    pub cr: bool,
}

pub fn breaks(text: &str) -> Breaks {
    let b = text.as_bytes();
    let mut out = Breaks::default();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\r' if b.get(i + 1) == Some(&b'\n') => {
                out.crlf = true;
                i += 1;
            }
            b'\r' => out.cr = true,
            b'\n' => out.lf = true,
            _ => {}
        }
        i += 1;
    }
    out
}

/// What `check --fix` must keep of a file: a file with one line-break style keeps it, a
/// leading BOM stays (and none appears), a final line break stays.
pub fn fixed_text(original: &str, fixed: &str) -> Check {
    let (before, after) = (breaks(original), breaks(fixed));
    let only = |b: Breaks| match (b.lf, b.crlf, b.cr) {
        (true, false, false) => Some("LF"),
        (false, true, false) => Some("CRLF"),
        (false, false, true) => Some("CR"),
        _ => None,
    };
    if let Some(style) = only(before)
        && only(after) != Some(style)
    {
        return Err(format!(
            "a file whose line breaks are all {style} has other breaks after the fixes ({after:?})"
        ));
    }
    const BOM: char = '\u{feff}';
    if original.starts_with(BOM) && !fixed.starts_with(BOM) {
        return Err("the fixes removed the leading byte-order mark".into());
    }
    if !original.starts_with(BOM) && fixed.starts_with(BOM) {
        return Err("the fixes left a byte-order mark at the start of the file".into());
    }
    if original.ends_with(['\n', '\r']) && !fixed.ends_with(['\n', '\r']) {
        return Err("the fixes removed the final line break".into());
    }
    Ok(())
}

/// Where two texts first differ, for messages: the offset and a little of each side.
pub fn first_difference(a: &str, b: &str) -> String {
    let i = a
        .bytes()
        .zip(b.bytes())
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(b.len()));
    let at = persona_ls::text::floor_char_boundary(a, i.saturating_sub(20));
    let bt = persona_ls::text::floor_char_boundary(b, i.saturating_sub(20));
    let cut = |s: &str, from: usize| -> String { s[from..].chars().take(60).collect() };
    format!(
        "first difference at byte {i} (of {} and {}): {:?} vs {:?}",
        a.len(),
        b.len(),
        cut(a, at),
        cut(b, bt)
    )
}
