//! One open document: its text (as a rope and as a string), its version, its cached analysis
//! and its lazily parsed Markdown tree, and the edits that keep them in step.
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
//! and the same text the client has.

use super::convert;
use super::state::{Computed, DocLocation};
use crate::syntax::markdown::{Outline, OutlineCache};
use crate::text::Encoding;
use ropey::Rope;
use std::collections::VecDeque;
use std::sync::{Arc, OnceLock};
use tower_lsp_server::ls_types as lsp;

/// The Markdown outline of a document's body, computed once a feature asks for it.
#[derive(Default)]
pub struct Body {
    /// The outline and the revision it was computed at.
    pub outline: Option<(u64, Arc<Outline>)>,
    /// The outlines of the pieces of the last computation, for the next one to reuse (taken
    /// out while a computation runs).
    pub cache: OutlineCache,
}

pub struct Document {
    /// The highest version the client has sent.
    pub version: i32,
    /// Counts every change to the text. Cached results are keyed by it rather than by
    /// `version`, because a late change alters the text without raising the version.
    pub revision: u64,
    /// The text as one string, for the analysis. Shared with snapshots; an edit copies it only
    /// while a snapshot of the previous version is still alive.
    pub text: Arc<String>,
    /// The same text as a rope, for O(log n) position conversions and edits.
    pub rope: Rope,
    pub location: Arc<DocLocation>,
    /// The analysis of this revision and configuration, computed once by whoever asks first.
    /// A fresh cell on every change: the diagnostics lane and a request that arrive together
    /// share one computation (two ran side by side before, and a 2 MB front matter held twice
    /// its memory).
    pub computed: Arc<OnceLock<Arc<Computed>>>,
    pub body: Body,
    /// Whether a change too late to put in order was logged already.
    pub late_reported: bool,
    /// Its last analysis was slow: later ones run on the blocking pool.
    pub slow: bool,
    history: History,
}

/// How a `didChange` was applied.
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
    pub fn new(text: String, version: i32, location: Arc<DocLocation>) -> Document {
        let rope = Rope::from_str(&text);
        Document {
            version,
            revision: 0,
            text: Arc::new(text),
            rope,
            location,
            computed: Arc::default(),
            body: Body::default(),
            late_reported: false,
            slow: false,
            history: History::new(version),
        }
    }

    /// Applies one `didChange` notification: its content changes, in order, as the text of
    /// `version`, placed among the changes already applied by version.
    pub fn change(
        &mut self,
        version: i32,
        changes: Vec<lsp::TextDocumentContentChangeEvent>,
        enc: Encoding,
    ) -> Applied {
        self.revision += 1;
        self.computed = Arc::default();
        if version > self.version {
            self.version = version;
            self.record(version, changes, enc);
            return Applied::InOrder;
        }
        let Some(later) = self.history.take_after(version) else {
            self.history.forget_all(self.version);
            for change in &changes {
                self.apply(change, enc);
            }
            return Applied::Late;
        };
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
    }

    fn record(
        &mut self,
        version: i32,
        changes: Vec<lsp::TextDocumentContentChangeEvent>,
        enc: Encoding,
    ) {
        let undo = changes.iter().map(|c| self.apply(c, enc)).collect();
        self.history.push(Entry {
            version,
            changes,
            undo,
        });
    }

    /// Applies one content change, and returns what undoes it. Ranges are clamped; a reversed
    /// range is read as the same range forwards.
    pub fn apply(&mut self, change: &lsp::TextDocumentContentChangeEvent, enc: Encoding) -> Undo {
        let (start, end) = match change.range {
            None => (0, self.text.len()),
            Some(r) => {
                let a = convert::offset(&self.rope, r.start, enc);
                let b = convert::offset(&self.rope, r.end, enc);
                (a.min(b), a.max(b))
            }
        };
        let removed = self.text[start..end].to_string();
        self.splice(start, end, &change.text);
        Undo {
            start,
            inserted: change.text.len(),
            removed,
        }
    }

    /// Replaces the bytes `start..end` (on character boundaries) with `text`, in the rope and
    /// the string.
    fn splice(&mut self, start: usize, end: usize, text: &str) {
        if start == 0 && end == self.text.len() {
            self.rope = Rope::from_str(text);
            self.text = Arc::new(text.to_string());
            return;
        }
        let (sc, ec) = (self.rope.byte_to_char(start), self.rope.byte_to_char(end));
        self.rope.remove(sc..ec);
        self.rope.insert(sc, text);
        Arc::make_mut(&mut self.text).replace_range(start..end, text);
    }
}

/// What undoes one content change: the bytes it inserted at `start` go, `removed` comes back.
pub struct Undo {
    start: usize,
    inserted: usize,
    removed: String,
}

/// One applied `didChange`: its changes, to apply again, and their undos.
struct Entry {
    version: i32,
    changes: Vec<lsp::TextDocumentContentChangeEvent>,
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
    use crate::dialect::Registry;

    fn change(
        text: &str,
        range: Option<((u32, u32), (u32, u32))>,
    ) -> lsp::TextDocumentContentChangeEvent {
        lsp::TextDocumentContentChangeEvent {
            range: range.map(|(s, e)| lsp::Range {
                start: lsp::Position {
                    line: s.0,
                    character: s.1,
                },
                end: lsp::Position {
                    line: e.0,
                    character: e.1,
                },
            }),
            range_length: None,
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
        let loc = Arc::new(DocLocation {
            id: 0,
            path: None,
            rel_path: "a.md".into(),
            registry: Arc::new(Registry::builtin()),
            excluded: false,
            is_config: false,
        });
        Document::new(text.to_string(), 0, loc)
    }

    #[test]
    fn incremental_edits_keep_rope_and_text_in_step() {
        let mut d = doc("---\nname: 🏗️ x\r\ncolor: purpel\n---\n");
        // Replace `purpel` (line 2, UTF-16 columns 7..13) with `purple`.
        d.apply(&change("purple", Some(((2, 7), (2, 13)))), Encoding::Utf16);
        assert_eq!(d.text.as_str(), "---\nname: 🏗️ x\r\ncolor: purple\n---\n");
        // Insert after the emoji (UTF-16 column 9 = after 🏗 (2 units) and U+FE0F (1 unit)).
        d.apply(&change("!", Some(((1, 9), (1, 9)))), Encoding::Utf16);
        assert_eq!(d.text.as_str(), "---\nname: 🏗️! x\r\ncolor: purple\n---\n");
        // A position past the end of the line is clamped before its line break.
        d.apply(&change("?", Some(((1, 99), (1, 99)))), Encoding::Utf16);
        assert_eq!(d.text.as_str(), "---\nname: 🏗️! x?\r\ncolor: purple\n---\n");
        // A reversed range, a range past the end of the document.
        d.apply(&change("", Some(((4, 0), (3, 0)))), Encoding::Utf16);
        d.apply(&change("body\n", Some(((99, 0), (99, 5)))), Encoding::Utf16);
        assert_eq!(
            d.text.as_str(),
            "---\nname: 🏗️! x?\r\ncolor: purple\nbody\n"
        );
        assert_eq!(d.rope.to_string(), *d.text);
        // Full replacement.
        d.apply(&change("x", None), Encoding::Utf8);
        assert_eq!((d.text.as_str(), d.rope.to_string().as_str()), ("x", "x"));
    }

    /// Random edits (positions past line ends, inside surrogate pairs, reversed ranges, CRLF
    /// and lone CR) agree with a plain string edited through `check`'s line index.
    #[test]
    fn random_edits_agree_with_the_line_index() {
        let mut next = xorshift(0x9e37_79b9_7f4a_7c15u64);
        let pieces = ["a", "é", "🏗️", "\n", "\r\n", "\r", "名", " ", "---\n", ""];
        for enc in [Encoding::Utf16, Encoding::Utf8] {
            let mut d = doc("---\nname: 🏗️ x\r\n---\nbody\n");
            let mut model = d.text.to_string();
            for _ in 0..2000 {
                let lines = model.split_inclusive(['\n']).count() as u64 + 2;
                let pos = |next: &mut dyn FnMut(u64) -> u64| crate::text::Position {
                    line: next(lines) as u32,
                    character: next(12) as u32,
                };
                let (a, b) = (pos(&mut next), pos(&mut next));
                let text: String = (0..next(3))
                    .map(|_| pieces[next(pieces.len() as u64) as usize])
                    .collect();
                let idx = crate::text::LineIndex::new(&model);
                let (x, y) = (idx.offset(&model, a, enc), idx.offset(&model, b, enc));
                model.replace_range(x.min(y)..x.max(y), &text);
                let lsp_pos = |p: crate::text::Position| lsp::Position {
                    line: p.line,
                    character: p.character,
                };
                d.apply(
                    &lsp::TextDocumentContentChangeEvent {
                        range: Some(lsp::Range {
                            start: lsp_pos(a),
                            end: lsp_pos(b),
                        }),
                        range_length: None,
                        text,
                    },
                    enc,
                );
                assert_eq!(*d.text, model);
            }
            assert_eq!(d.rope.to_string(), model);
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
            d.text.as_str(),
            "---\nname: a\ncolor: purpel\nmodel: \ntools: Read\n---\n"
        );
        assert_eq!(d.rope.to_string(), *d.text);
        assert_eq!(d.version, 8);
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
        assert_eq!(d.revision, 8);
    }

    /// Random edits delivered in a random order within windows of a few versions end with the
    /// text that applying them in version order gives, Markdown tree included.
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
                let lines = in_order.rope.len_lines() as u64 + 1;
                let mut pos = || lsp::Position {
                    line: next(lines) as u32,
                    character: next(10) as u32,
                };
                let range = lsp::Range {
                    start: pos(),
                    end: pos(),
                };
                let text: String = (0..next(3))
                    .map(|_| pieces[next(pieces.len() as u64) as usize])
                    .collect();
                let change = lsp::TextDocumentContentChangeEvent {
                    range: Some(range),
                    range_length: None,
                    text,
                };
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
                assert_eq!(d.rope.to_string(), *d.text);
            }
            assert!(reordered > 100, "only {reordered} changes came late");
            assert_eq!(*d.text, *in_order.text);
        }
    }

    #[test]
    fn a_change_older_than_the_log_or_repeated_is_applied_last() {
        let mut d = doc("");
        let insert = |text: &str| vec![change(text, Some(((0, 0), (0, 0))))];
        assert_eq!(d.change(1, insert("a"), Encoding::Utf8), Applied::InOrder);
        // The same version again: nothing to put it before.
        assert_eq!(d.change(1, insert("b"), Encoding::Utf8), Applied::Late);
        assert_eq!(d.text.as_str(), "ba");
        // The version the document was opened with, or older.
        assert_eq!(d.change(0, insert("c"), Encoding::Utf8), Applied::Late);
        assert_eq!(d.text.as_str(), "cba");
        // Pushed out of the log by MAX_ENTRIES later changes.
        for v in 10..10 + MAX_ENTRIES as i32 + 1 {
            d.change(v, insert("x"), Encoding::Utf8);
        }
        assert_eq!(d.change(10, insert("!"), Encoding::Utf8), Applied::Late);
        assert!(d.text.starts_with('!'));
        assert_eq!(d.version, 10 + MAX_ENTRIES as i32);
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
    /// changes among them), the rope and the string stay one text and nothing panics.
    #[test]
    fn any_version_order_keeps_rope_and_text_in_step() {
        let mut next = xorshift(0x0123_4567_89ab_cdef);
        let pieces = ["a", "é", "🏗️", "\n", "\r\n", "\r", "名", "", "---\n"];
        for enc in [Encoding::Utf16, Encoding::Utf8] {
            let mut d = doc("---\nname: x\n---\nbody\n");
            for _ in 0..3000 {
                let version = next(200) as i32 - 20;
                let text: String = (0..next(4))
                    .map(|_| pieces[next(pieces.len() as u64) as usize])
                    .collect();
                let range = (next(20) != 0).then(|| {
                    let mut pos = || lsp::Position {
                        line: next(12) as u32,
                        character: next(8) as u32,
                    };
                    lsp::Range {
                        start: pos(),
                        end: pos(),
                    }
                });
                let change = lsp::TextDocumentContentChangeEvent {
                    range,
                    range_length: None,
                    text,
                };
                d.change(version, vec![change], enc);
                assert_eq!(d.rope.to_string(), *d.text);
                assert!(d.history.entries.len() <= MAX_ENTRIES);
            }
        }
    }
}
