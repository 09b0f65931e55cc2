//! An open document: its text, its line index, its version, the Markdown outline of its body,
//! and the edits that change it. Edits are engine-typed ([`Change`]: the whole text, a byte
//! range, or a line/column range in the client's encoding); the language server converts
//! LSP's change events into them at its edge.
//!
//! **The text is kept once, as one `String`, with a [`LineIndex`] edited beside it.** The
//! analysis reads a `&str`. A rope would have to be copied into one for every analysis and
//! every request: 5 MB written per keystroke in a 5 MB file, on a fresh allocation. The string
//! costs one `memmove` of the bytes after the edit (none for an edit near the end), and the
//! line index a shift of the line starts after it; a position then costs a binary search and
//! a scan of at most a checkpoint's bytes (see [`LineIndex`]). A snapshot shares the
//! [`Revision`]; an edit copies it only while a snapshot of the previous revision is alive.
//!
//! Changes are applied in **version order**, whatever order they arrive in. LSP requires a
//! client to send notifications in order, but Helix 25.01 (Debian trixie's `hx`) sometimes sends
//! the `didChange` for version n+1 before the one for version n when keys arrive quickly; its
//! own log showed versions 2, 1, 3, 6, 4, 5 for the typed text `model: `. Each change was computed
//! against the client's text at the previous version, so applying them in arrival order would
//! leave the server's copy wrong (`mdel:`) for the rest of the session. Holding changes back until
//! the gap fills would delay every edit of clients whose versions are not consecutive (Neovim's
//! are its `changedtick`). Instead the document keeps an undo log of its last changes, and a late
//! change undoes the ones with a higher version, applies itself and re-applies them: no delay,
//! and the same text the client has. Positions are kept as the client sent them and converted
//! when a change is (re)applied, against the text it was made for.

use crate::syntax::markdown::{Outline, OutlineCache};
use crate::text::{Encoding, LineIndex, Position};
use std::collections::VecDeque;
use std::ops::Range;
use std::sync::Arc;

/// What a change replaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Span {
    /// The whole text.
    Whole,
    /// Bytes (clamped to the text, floored to char boundaries; a reversed range is read
    /// forwards).
    Bytes(Range<usize>),
    /// From one line/column to another, in the encoding the change is applied with (clamped
    /// as [`LineIndex::offset`] clamps; a reversed range is read forwards).
    Lines(Position, Position),
}

/// One edit: `span` replaced with `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub span: Span,
    pub text: String,
}

/// The Markdown outline of a document's body, computed once a feature asks for it.
#[derive(Default)]
pub struct Body {
    /// The outline and the revision it was computed at.
    pub outline: Option<(u64, Arc<Outline>)>,
    /// The outlines of the pieces of the last computation, for the next one to reuse (taken
    /// out while a computation runs).
    pub cache: OutlineCache,
}

/// A document as it is at one revision: its text, its line index, the client's version.
/// Shared with snapshots (see the module docs).
#[derive(Debug, Clone)]
pub struct Revision {
    version: i32,
    number: u64,
    text: String,
    lines: LineIndex,
}

impl Revision {
    /// A text at its first revision, as the client's `version`.
    pub fn new(text: String, version: i32) -> Revision {
        let lines = LineIndex::new(&text);
        Revision {
            version,
            number: 0,
            text,
            lines,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The highest version the client has sent.
    pub fn version(&self) -> i32 {
        self.version
    }

    /// Counts every change to the text. Cached results are keyed by it rather than by the
    /// version, because a late change alters the text without raising the version.
    pub fn number(&self) -> u64 {
        self.number
    }

    pub fn len(&self) -> usize {
        self.text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The byte offset of a line/column, clamped (see [`LineIndex::offset`]).
    pub fn offset(&self, pos: Position, enc: Encoding) -> usize {
        self.lines.offset(&self.text, pos, enc)
    }

    /// The line/column of a byte offset, clamped (see [`LineIndex::position`]).
    pub fn position(&self, offset: usize, enc: Encoding) -> Position {
        self.lines.position(&self.text, offset, enc)
    }

    /// The zero-based line holding a byte offset (clamped to the text).
    pub fn line_of(&self, offset: usize) -> usize {
        self.lines.line_of(offset)
    }

    pub fn line_count(&self) -> usize {
        self.lines.line_count()
    }

    /// The bytes of `span`, clamped, in order, on char boundaries.
    fn bytes(&self, span: &Span, enc: Encoding) -> (usize, usize) {
        let (a, b) = match span {
            Span::Whole => (0, self.text.len()),
            Span::Bytes(r) => {
                let floor = |i: usize| crate::text::floor_char_boundary(&self.text, i);
                (floor(r.start), floor(r.end))
            }
            Span::Lines(start, end) => (self.offset(*start, enc), self.offset(*end, enc)),
        };
        (a.min(b), a.max(b))
    }
}

pub struct Document {
    current: Arc<Revision>,
    pub body: Body,
    history: History,
}

/// How a set of changes was applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    /// After every change already applied: the normal case.
    InOrder,
    /// Before `redone` changes with higher versions, which were undone and applied again.
    Reordered { redone: usize },
    /// Late, but older than what the undo log still holds (or a repeated version): applied
    /// last, as it came. The text may now differ from the client's.
    Late,
}

impl Document {
    pub fn new(text: String, version: i32) -> Document {
        Document {
            current: Arc::new(Revision::new(text, version)),
            body: Body::default(),
            history: History::new(version),
        }
    }

    /// The current revision, to share with a snapshot.
    pub fn current(&self) -> &Arc<Revision> {
        &self.current
    }

    pub fn text(&self) -> &str {
        &self.current.text
    }

    /// The highest version the client has sent.
    pub fn version(&self) -> i32 {
        self.current.version
    }

    /// See [`Revision::number`].
    pub fn revision(&self) -> u64 {
        self.current.number
    }

    /// Applies the changes of one version, in order, placed among the changes already applied
    /// by version (see the module docs). Positions are read in `enc`.
    pub fn change(&mut self, version: i32, changes: Vec<Change>, enc: Encoding) -> Applied {
        let latest = self.current.version;
        let applied = if version > latest {
            self.record(version, changes, enc);
            Applied::InOrder
        } else if let Some(later) = self.history.take_after(version) {
            for entry in later.iter().rev() {
                for undo in entry.undo.iter().rev() {
                    self.splice(undo.start, undo.start + undo.inserted, &undo.removed);
                }
            }
            self.record(version, changes, enc);
            let redone = later.len();
            for entry in later {
                self.record(entry.version, entry.changes, enc);
            }
            Applied::Reordered { redone }
        } else {
            self.history.forget_all(latest);
            for change in &changes {
                self.apply(change, enc);
            }
            Applied::Late
        };
        let current = Arc::make_mut(&mut self.current);
        current.number += 1;
        current.version = latest.max(version);
        applied
    }

    fn record(&mut self, version: i32, changes: Vec<Change>, enc: Encoding) {
        let undo = changes.iter().map(|c| self.apply(c, enc)).collect();
        self.history.push(Entry {
            version,
            changes,
            undo,
        });
    }

    /// Applies one change, and returns what undoes it.
    fn apply(&mut self, change: &Change, enc: Encoding) -> Undo {
        let (start, end) = self.current.bytes(&change.span, enc);
        let removed = self.current.text[start..end].to_string();
        self.splice(start, end, &change.text);
        Undo {
            start,
            inserted: change.text.len(),
            removed,
        }
    }

    /// Replaces the bytes `start..end` (on character boundaries) with `text`.
    fn splice(&mut self, start: usize, end: usize, text: &str) {
        if start == 0 && end == self.current.text.len() {
            // Nothing of the old text stays: not copied out of a snapshot that shares it.
            let number = self.current.number;
            self.current = Arc::new(Revision {
                number,
                ..Revision::new(text.to_string(), self.current.version)
            });
            return;
        }
        let current = Arc::make_mut(&mut self.current);
        current.lines.replace(&mut current.text, start..end, text);
    }
}

/// What undoes one change: the bytes it inserted at `start` go, `removed` comes back.
struct Undo {
    start: usize,
    inserted: usize,
    removed: String,
}

/// The changes of one applied version, to apply again, and their undos.
struct Entry {
    version: i32,
    changes: Vec<Change>,
    undo: Vec<Undo>,
}

impl Entry {
    fn bytes(&self) -> usize {
        let changes: usize = self.changes.iter().map(|c| c.text.len()).sum();
        let undo: usize = self.undo.iter().map(|u| u.removed.len()).sum();
        changes + undo
    }
}

/// The last changes, sorted by version. Out-of-order delivery spans a few keystrokes, so a
/// short log is enough; it is bounded in entries and in bytes so that it never holds a large
/// document's old text.
struct History {
    entries: VecDeque<Entry>,
    bytes: usize,
    /// Every change with a version up to this one has left the log: a change that old can no
    /// longer be put in its place.
    forgotten: i32,
}

const MAX_ENTRIES: usize = 64;
const MAX_BYTES: usize = 256 * 1024;

impl History {
    fn new(open_version: i32) -> History {
        History {
            entries: VecDeque::new(),
            bytes: 0,
            forgotten: open_version,
        }
    }

    fn push(&mut self, entry: Entry) {
        self.bytes += entry.bytes();
        self.entries.push_back(entry);
        while self.entries.len() > MAX_ENTRIES || self.bytes > MAX_BYTES {
            let Some(old) = self.entries.pop_front() else {
                break;
            };
            self.bytes -= old.bytes();
            self.forgotten = self.forgotten.max(old.version);
        }
    }

    /// Removes and returns the entries after `version`, in version order, when the log still
    /// holds every change after it and none with the same version.
    fn take_after(&mut self, version: i32) -> Option<Vec<Entry>> {
        if version <= self.forgotten || self.entries.iter().any(|e| e.version == version) {
            return None;
        }
        let keep = self.entries.partition_point(|e| e.version < version);
        let later: Vec<Entry> = self.entries.drain(keep..).collect();
        self.bytes -= later.iter().map(Entry::bytes).sum::<usize>();
        Some(later)
    }

    fn forget_all(&mut self, version: i32) {
        self.entries.clear();
        self.bytes = 0;
        self.forgotten = version;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    fn change(text: &str, range: Option<((u32, u32), (u32, u32))>) -> Change {
        Change {
            span: match range {
                Some((s, e)) => Span::Lines(pos(s.0, s.1), pos(e.0, e.1)),
                None => Span::Whole,
            },
            text: text.to_string(),
        }
    }

    /// A small deterministic random source: `next(n)` is in `0..n`.
    fn xorshift(mut seed: u64) -> impl FnMut(u64) -> u64 {
        move |n| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n.max(1)
        }
    }

    fn doc(text: &str) -> Document {
        Document::new(text.to_string(), 0)
    }

    /// The edited line index places every offset as a fresh one does.
    fn assert_index(d: &Document) {
        let text = d.text();
        let fresh = LineIndex::new(text);
        assert_eq!(d.current.line_count(), fresh.line_count());
        for off in (0..=text.len()).step_by(3) {
            for enc in [Encoding::Utf8, Encoding::Utf16] {
                assert_eq!(
                    d.current.position(off, enc),
                    fresh.position(text, off, enc),
                    "{off} in {text:?}"
                );
            }
        }
    }

    #[test]
    fn edits_keep_the_text_and_its_line_index_in_step() {
        let mut d = doc("---\nname: 🏗️ x\r\ncolor: purpel\n---\n");
        // Replace `purpel` (line 2, UTF-16 columns 7..13) with `purple`.
        d.apply(&change("purple", Some(((2, 7), (2, 13)))), Encoding::Utf16);
        assert_eq!(d.text(), "---\nname: 🏗️ x\r\ncolor: purple\n---\n");
        // Insert after the emoji (UTF-16 column 9 = after 🏗 (2 units) and U+FE0F (1 unit)).
        d.apply(&change("!", Some(((1, 9), (1, 9)))), Encoding::Utf16);
        assert_eq!(d.text(), "---\nname: 🏗️! x\r\ncolor: purple\n---\n");
        // A position past the end of the line is clamped before its line break.
        d.apply(&change("?", Some(((1, 99), (1, 99)))), Encoding::Utf16);
        assert_eq!(d.text(), "---\nname: 🏗️! x?\r\ncolor: purple\n---\n");
        // A reversed range, a range past the end of the document.
        d.apply(&change("", Some(((4, 0), (3, 0)))), Encoding::Utf16);
        d.apply(&change("body\n", Some(((99, 0), (99, 5)))), Encoding::Utf16);
        assert_eq!(d.text(), "---\nname: 🏗️! x?\r\ncolor: purple\nbody\n");
        assert_index(&d);
        // Byte ranges: clamped, floored to char boundaries, read forwards.
        let emoji = d.text().find('🏗').unwrap();
        let bytes = |r: Range<usize>, text: &str| Change {
            span: Span::Bytes(r),
            text: text.to_string(),
        };
        // Reversed, and both ends inside a character: `🏗` (4 bytes), before U+FE0F.
        d.apply(&bytes(emoji + 6..emoji + 2, "🏛"), Encoding::Utf8);
        assert_eq!(d.text(), "---\nname: 🏛️! x?\r\ncolor: purple\nbody\n");
        d.apply(&bytes(usize::MAX..usize::MAX, "end"), Encoding::Utf8);
        assert!(d.text().ends_with("body\nend"));
        assert_index(&d);
        // Full replacement.
        d.apply(&change("x", None), Encoding::Utf8);
        assert_eq!(d.text(), "x");
        assert_index(&d);
    }

    /// A snapshot keeps its revision while the document moves on; a whole-text change does
    /// not copy the old text out of it.
    #[test]
    fn a_snapshot_keeps_its_revision() {
        let mut d = doc("a\nb\n");
        let snap = d.current().clone();
        d.change(1, vec![change("x", Some(((1, 0), (1, 1))))], Encoding::Utf8);
        assert_eq!(
            (snap.text(), snap.number(), snap.version()),
            ("a\nb\n", 0, 0)
        );
        assert_eq!((d.text(), d.revision(), d.version()), ("a\nx\n", 1, 1));
        let snap = d.current().clone();
        d.change(2, vec![change("whole", None)], Encoding::Utf8);
        assert_eq!(
            (snap.text(), d.text(), d.revision()),
            ("a\nx\n", "whole", 2)
        );
    }

    /// Random edits (positions past line ends, inside surrogate pairs, reversed ranges, CRLF
    /// and lone CR) agree with a plain string edited through `check`'s line index.
    #[test]
    fn random_edits_agree_with_the_line_index() {
        let mut next = xorshift(0x9e37_79b9_7f4a_7c15u64);
        let pieces = ["a", "é", "🏗️", "\n", "\r\n", "\r", "名", " ", "---\n", ""];
        for enc in [Encoding::Utf16, Encoding::Utf8] {
            let mut d = doc("---\nname: 🏗️ x\r\n---\nbody\n");
            let mut model = d.text().to_string();
            for _ in 0..2000 {
                let lines = model.split_inclusive(['\n']).count() as u64 + 2;
                let (a, b) = (
                    pos(next(lines) as u32, next(12) as u32),
                    pos(next(lines) as u32, next(12) as u32),
                );
                let text: String = (0..next(3))
                    .map(|_| pieces[next(pieces.len() as u64) as usize])
                    .collect();
                let idx = LineIndex::new(&model);
                let (x, y) = (idx.offset(&model, a, enc), idx.offset(&model, b, enc));
                model.replace_range(x.min(y)..x.max(y), &text);
                d.apply(
                    &Change {
                        span: Span::Lines(a, b),
                        text,
                    },
                    enc,
                );
                assert_eq!(d.text(), model);
            }
            assert_index(&d);
        }
    }

    /// Helix 25.01's order for typing `model: ` on a new line above line 4 (from its log): the
    /// line break (version 1) came after the `m` (version 2), and `l` (6) before `d` and `e`.
    #[test]
    fn changes_that_arrive_out_of_order_are_applied_in_version_order() {
        let mut d = doc("---\nname: a\ncolor: purpel\ntools: Read\n---\n");
        let typed = [
            (2, "m", 0),
            (1, "\n", 99),
            (3, "o", 1),
            (6, "l", 4),
            (4, "d", 2),
            (5, "e", 3),
            (7, ":", 5),
            (8, " ", 6),
        ];
        let mut outcomes = Vec::new();
        for (version, text, col) in typed {
            let change = if text == "\n" {
                change(text, Some(((2, 13), (2, 13))))
            } else {
                change(text, Some(((3, col), (3, col))))
            };
            outcomes.push(d.change(version, vec![change], Encoding::Utf16));
        }
        assert_eq!(
            d.text(),
            "---\nname: a\ncolor: purpel\nmodel: \ntools: Read\n---\n"
        );
        assert_index(&d);
        assert_eq!(d.version(), 8);
        use Applied::*;
        assert_eq!(
            outcomes,
            [
                InOrder,
                Reordered { redone: 1 },
                InOrder,
                InOrder,
                Reordered { redone: 1 },
                Reordered { redone: 1 },
                InOrder,
                InOrder
            ]
        );
        assert_eq!(d.revision(), 8);
    }

    /// Random edits delivered in a random order within windows of a few versions end with the
    /// text that applying them in version order gives.
    #[test]
    fn shuffled_changes_end_as_in_order_changes() {
        let mut next = xorshift(0x2545_f491_4f6c_dd1du64);
        let pieces = [
            "a", "é", "🏗️", "\n", "\r\n", "# h\n", "名", " ", "```\n", "",
        ];
        for enc in [Encoding::Utf16, Encoding::Utf8] {
            let start = "---\nname: 🏗️ x\r\n---\n# One\nbody\n";
            let mut in_order = doc(start);
            let mut versions = Vec::new();
            for version in 1..=600 {
                let lines = in_order.current.line_count() as u64 + 1;
                let mut p = || pos(next(lines) as u32, next(10) as u32);
                let span = Span::Lines(p(), p());
                let text: String = (0..next(3))
                    .map(|_| pieces[next(pieces.len() as u64) as usize])
                    .collect();
                let change = Change { span, text };
                assert_eq!(
                    in_order.change(version, vec![change.clone()], enc),
                    Applied::InOrder
                );
                versions.push((version, change));
            }
            // Shuffle within windows of 5 versions.
            let mut shuffled = Vec::new();
            for window in versions.chunks(5) {
                let mut window = window.to_vec();
                while !window.is_empty() {
                    let i = next(window.len() as u64) as usize;
                    shuffled.push(window.remove(i));
                }
            }
            let mut d = doc(start);
            let mut reordered = 0;
            for (version, change) in shuffled {
                match d.change(version, vec![change], enc) {
                    Applied::Reordered { .. } => reordered += 1,
                    Applied::Late => panic!("version {version} was not put in order"),
                    Applied::InOrder => {}
                }
            }
            assert!(reordered > 100, "only {reordered} changes came late");
            assert_eq!(d.text(), in_order.text());
            assert_index(&d);
        }
    }

    #[test]
    fn a_change_older_than_the_log_or_repeated_is_applied_last() {
        let mut d = doc("");
        let insert = |text: &str| vec![change(text, Some(((0, 0), (0, 0))))];
        assert_eq!(d.change(1, insert("a"), Encoding::Utf8), Applied::InOrder);
        // The same version again: nothing to put it before.
        assert_eq!(d.change(1, insert("b"), Encoding::Utf8), Applied::Late);
        assert_eq!(d.text(), "ba");
        // The version the document was opened with, or older.
        assert_eq!(d.change(0, insert("c"), Encoding::Utf8), Applied::Late);
        assert_eq!(d.text(), "cba");
        // Pushed out of the log by MAX_ENTRIES later changes.
        for v in 10..10 + MAX_ENTRIES as i32 + 1 {
            d.change(v, insert("x"), Encoding::Utf8);
        }
        assert_eq!(d.change(10, insert("!"), Encoding::Utf8), Applied::Late);
        assert!(d.text().starts_with('!'));
        assert_eq!(d.version(), 10 + MAX_ENTRIES as i32);
    }

    #[test]
    fn the_log_never_holds_more_than_its_byte_budget() {
        let mut d = doc("");
        let big = "x".repeat(MAX_BYTES / 3);
        for v in 1..=10 {
            d.change(v, vec![change(&big, None)], Encoding::Utf8);
            assert!(d.history.bytes <= MAX_BYTES, "{} bytes", d.history.bytes);
        }
        // A change far larger than the budget is not kept at all.
        let huge = "y".repeat(MAX_BYTES + 1);
        d.change(11, vec![change(&huge, None)], Encoding::Utf8);
        assert_eq!((d.history.entries.len(), d.history.bytes), (0, 0));
        let late = vec![change("z", Some(((0, 0), (0, 0))))];
        assert_eq!(d.change(11, late, Encoding::Utf8), Applied::Late);
    }

    /// Whatever versions a client sends (repeated, far out of order, with gaps, full-text
    /// changes among them), the text and its line index stay in step and nothing panics.
    #[test]
    fn any_version_order_keeps_the_line_index_in_step() {
        let mut next = xorshift(0x0123_4567_89ab_cdef);
        let pieces = ["a", "é", "🏗️", "\n", "\r\n", "\r", "名", "", "---\n"];
        for enc in [Encoding::Utf16, Encoding::Utf8] {
            let mut d = doc("---\nname: x\n---\nbody\n");
            for step in 0..3000 {
                let version = next(200) as i32 - 20;
                let text: String = (0..next(4))
                    .map(|_| pieces[next(pieces.len() as u64) as usize])
                    .collect();
                let span = if next(20) == 0 {
                    Span::Whole
                } else {
                    let mut p = || pos(next(12) as u32, next(8) as u32);
                    Span::Lines(p(), p())
                };
                d.change(version, vec![Change { span, text }], enc);
                if step % 50 == 0 {
                    assert_index(&d);
                }
                assert!(d.history.entries.len() <= MAX_ENTRIES);
            }
            assert_index(&d);
        }
    }
}
