//! The one place that converts byte offsets into line/column positions.
//!
//! Everything inside the engine is a byte offset. Editors and the JSON output want a line and
//! a column counted in UTF-16 code units (LSP's default) or UTF-8 bytes (when negotiated).
//! Line breaks are exactly LSP's: `\n`, `\r\n` and a lone `\r`. Out-of-range input is clamped,
//! never a panic: a client may send a position past the end of a line or of the file.

use std::ops::Range;

/// How columns are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    Utf8,
    #[default]
    Utf16,
}

/// A zero-based line and column (in the chosen encoding).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Position {
    pub line: u32,
    pub character: u32,
}

/// Start offsets of every line of a text, and UTF-16 checkpoints for non-ASCII text.
///
/// The index does not hold the text: every query takes it, and it must be the text the index
/// was built from (or edited along with, by [`LineIndex::replace`]). An open document keeps its
/// text once and this index beside it, edited in place: only the line starts around an edit
/// are found again, and those after it move by a pending offset ([`Starts`]).
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Shifted<usize>,
    len: usize,
    /// `(byte, UTF-16 units before it)` checkpoints, sorted, the first at 0, each on a char
    /// boundary and at most [`MAX_GAP`] bytes after the previous one (a fresh index has one
    /// every [`CHECKPOINT`] bytes); empty while the text is ASCII. Without them a column costs
    /// the length of its line, and 200,000 diagnostics on one 2 MB line took minutes.
    utf16: Shifted<(usize, usize)>,
}

const CHECKPOINT: usize = 1024;
/// An edit may leave checkpoints this far apart before the gap is filled again.
const MAX_GAP: usize = 2 * CHECKPOINT;

/// A sorted list of offsets (line starts, UTF-16 checkpoints), those after the last edit
/// stored off by a pending `delta`. An edit moves the boundary (`tail`) to itself and adds to
/// `delta`, which costs the entries between it and the previous edit rather than every entry
/// after it: typing in one place of a 5 MB file shifted 124,000 line starts per keystroke,
/// about a third of the cost of the keystroke's edit.
#[derive(Debug, Clone)]
struct Shifted<T> {
    stored: Vec<T>,
    /// From this index on, an entry is `stored + delta` (wrapping: `delta` may stand for a
    /// negative offset).
    tail: usize,
    delta: T,
}

/// What [`Shifted`] holds: offsets that add and subtract, wrapping.
trait Offset: Copy {
    const ZERO: Self;
    fn plus(self, d: Self) -> Self;
    fn minus(self, d: Self) -> Self;
}

impl Offset for usize {
    const ZERO: usize = 0;
    fn plus(self, d: usize) -> usize {
        self.wrapping_add(d)
    }
    fn minus(self, d: usize) -> usize {
        self.wrapping_sub(d)
    }
}

/// A checkpoint: a byte offset and the UTF-16 units before it.
impl Offset for (usize, usize) {
    const ZERO: (usize, usize) = (0, 0);
    fn plus(self, d: Self) -> Self {
        (self.0.wrapping_add(d.0), self.1.wrapping_add(d.1))
    }
    fn minus(self, d: Self) -> Self {
        (self.0.wrapping_sub(d.0), self.1.wrapping_sub(d.1))
    }
}

impl<T: Offset> Shifted<T> {
    fn new(stored: Vec<T>) -> Shifted<T> {
        Shifted {
            tail: stored.len(),
            stored,
            delta: T::ZERO,
        }
    }

    fn len(&self) -> usize {
        self.stored.len()
    }

    fn is_empty(&self) -> bool {
        self.stored.is_empty()
    }

    fn get(&self, i: usize) -> Option<T> {
        let s = *self.stored.get(i)?;
        Some(if i >= self.tail {
            s.plus(self.delta)
        } else {
            s
        })
    }

    /// The first index whose entry is not `before` (a predicate true, then false, along the
    /// entries).
    fn partition_point(&self, before: impl Fn(T) -> bool) -> usize {
        let head = self.stored[..self.tail].partition_point(|&s| before(s));
        if head < self.tail {
            return head;
        }
        let delta = self.delta;
        head + self.stored[self.tail..].partition_point(|&s| before(s.plus(delta)))
    }

    /// Replaces the entries `lo..hi` with `fresh` (true offsets) and moves every entry after
    /// them by `shift` (wrapping).
    fn splice(&mut self, lo: usize, hi: usize, fresh: Vec<T>, shift: T) {
        // Bring the boundary to `hi`: the entries in between take or lose the pending delta.
        if self.tail < hi {
            for s in &mut self.stored[self.tail..hi] {
                *s = s.plus(self.delta);
            }
        } else {
            for s in &mut self.stored[hi..self.tail] {
                *s = s.minus(self.delta);
            }
        }
        let n = fresh.len();
        self.stored.splice(lo..hi, fresh);
        self.tail = lo + n;
        self.delta = self.delta.plus(shift);
    }
}

/// Whether a line starts at byte `s` (> 0): after `\n`, or after a `\r` that no `\n` follows.
fn is_line_start(bytes: &[u8], s: usize) -> bool {
    match bytes[s - 1] {
        b'\n' => true,
        b'\r' => bytes.get(s) != Some(&b'\n'),
        _ => false,
    }
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        // Line ends found a vector at a time: every rendered file and opened document builds
        // one of these over its whole text.
        let mut ends = memchr::memchr2_iter(b'\n', b'\r', bytes).peekable();
        while let Some(i) = ends.next() {
            if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                ends.next();
                starts.push(i + 2);
            } else {
                starts.push(i + 1);
            }
        }
        let mut utf16 = Vec::new();
        if !text.is_ascii() {
            let mut units = 0;
            let mut prev = 0;
            for k in 0..=text.len() / CHECKPOINT {
                let b = floor_char_boundary(text, k * CHECKPOINT);
                units += column(&text[prev..b], Encoding::Utf16) as usize;
                utf16.push((b, units));
                prev = b;
            }
        }
        LineIndex {
            starts: Shifted::new(starts),
            len: text.len(),
            utf16: Shifted::new(utf16),
        }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte offset where `line` starts (clamped to the end of the text).
    pub fn line_start(&self, line: usize) -> usize {
        self.starts.get(line).unwrap_or(self.len)
    }

    /// The zero-based line containing `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        self.starts.partition_point(|s| s <= offset) - 1
    }

    /// UTF-16 units in `text[..offset]` (`offset` on a char boundary).
    fn utf16_before(&self, text: &str, offset: usize) -> usize {
        if self.utf16.is_empty() {
            return offset;
        }
        // The first checkpoint is at 0: there is always one at or before `offset`.
        let j = self.utf16.partition_point(|(b, _)| b <= offset) - 1;
        let Some((b, units)) = self.utf16.get(j) else {
            return offset;
        };
        units + column(&text[b..offset], Encoding::Utf16) as usize
    }

    /// Replaces `text[range]` with `new` and updates the index to match. `text` is the text
    /// the index was built from; `range` is clamped to it and to char boundaries (a reversed
    /// range is read forwards). Costs the length of `new`, plus the line starts and
    /// checkpoints between this edit and the previous one (see [`Shifted`]); a whole-text
    /// replacement, or the first non-ASCII character in an ASCII text, builds the index afresh.
    pub fn replace(&mut self, text: &mut String, range: Range<usize>, new: &str) {
        let a = floor_char_boundary(text, range.start.min(range.end));
        let b = floor_char_boundary(text, range.start.max(range.end));
        let (start, end) = (a, b);
        let tracked = !self.utf16.is_empty();
        let removed_units = if tracked {
            column(&text[start..end], Encoding::Utf16) as usize
        } else {
            0
        };
        let whole = start == 0 && end == text.len();
        text.replace_range(start..end, new);
        if whole || (!tracked && !new.is_ascii()) {
            *self = LineIndex::new(text);
            return;
        }
        let shift = new.len().wrapping_sub(end - start);
        let new_end = start + new.len();
        // A line start depends on the two bytes around it: those with both bytes outside the
        // edit stay (moved when after it), those in `start..=end` are found again.
        let bytes = text.as_bytes();
        let lo = self.starts.partition_point(|s| s < start.max(1));
        let hi = self.starts.partition_point(|s| s <= end);
        let fresh: Vec<usize> = (start.max(1)..=new_end)
            .filter(|&s| is_line_start(bytes, s))
            .collect();
        self.starts.splice(lo, hi, fresh, shift);
        self.len = text.len();
        if tracked {
            let added_units = column(new, Encoding::Utf16) as usize;
            // Checkpoints up to `start` count the same units; those inside the removed bytes
            // go; those after it move with the text.
            let kept = self.utf16.partition_point(|(b, _)| b <= start);
            let after = self.utf16.partition_point(|(b, _)| b <= start || b < end);
            let shift = (shift, added_units.wrapping_sub(removed_units));
            self.utf16.splice(kept, after, Vec::new(), shift);
            self.fill(text, kept - 1);
        }
    }

    /// Adds checkpoints after the `i`th one when the gap to the next exceeds [`MAX_GAP`].
    fn fill(&mut self, text: &str, i: usize) {
        let Some((mut at, mut units)) = self.utf16.get(i) else {
            return;
        };
        let to = self.utf16.get(i + 1).map_or(text.len(), |c| c.0);
        if to - at <= MAX_GAP {
            return;
        }
        let mut added = Vec::new();
        loop {
            let next = floor_char_boundary(text, at + CHECKPOINT);
            if next + CHECKPOINT > to {
                break;
            }
            units += column(&text[at..next], Encoding::Utf16) as usize;
            added.push((next, units));
            at = next;
        }
        self.utf16.splice(i + 1, i + 1, added, (0, 0));
    }

    /// The line/column of `offset` in `text` (which must be the text this index was built from).
    pub fn position(&self, text: &str, offset: usize, enc: Encoding) -> Position {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let start = self.line_start(line);
        let character = match enc {
            Encoding::Utf8 => offset - start,
            Encoding::Utf16 => self.utf16_before(text, offset) - self.utf16_before(text, start),
        };
        Position {
            line: line as u32,
            character: character as u32,
        }
    }

    /// The byte offset of `pos`, clamped to the end of its line (before the line break) and to
    /// the end of the text; a column inside a multi-unit character snaps to its start.
    pub fn offset(&self, text: &str, pos: Position, enc: Encoding) -> usize {
        let line = pos.line as usize;
        if line >= self.starts.len() {
            return text.len();
        }
        let start = self.line_start(line);
        let end = self.line_start(line + 1).min(text.len());
        let content_end = start + trim_line_break(&text[start..end]).len();
        if enc == Encoding::Utf8 || self.utf16.is_empty() {
            return start + byte_of_column(&text[start..content_end], pos.character, enc);
        }
        // Start scanning at the last checkpoint before the column, not at the line start.
        let base = self.utf16_before(text, start);
        let target = base + pos.character as usize;
        let j = self
            .utf16
            .partition_point(|(_, u)| u <= target)
            .saturating_sub(1);
        let (from, units) = match self.utf16.get(j) {
            Some((b, u)) if b > start && b <= content_end => (b, u),
            _ => (start, base),
        };
        let col = (target - units).min(u32::MAX as usize) as u32;
        from + byte_of_column(&text[from..content_end], col, enc)
    }
}

/// The width of `s` in the chosen encoding.
pub fn column(s: &str, enc: Encoding) -> u32 {
    match enc {
        // ASCII is one unit per byte, and checking for it is vectorised.
        Encoding::Utf8 => s.len() as u32,
        Encoding::Utf16 if s.is_ascii() => s.len() as u32,
        // One unit per character (each starts with a byte that is not `10xxxxxx`), two for
        // one of four bytes (a surrogate pair; its first byte is `11110xxx`): counted without
        // decoding, which vectorises.
        Encoding::Utf16 => s
            .bytes()
            .map(|b| u32::from(b & 0xC0 != 0x80) + u32::from(b >= 0xF0))
            .sum(),
    }
}

/// The byte offset inside `line` of a column, clamped to the line's length.
pub fn byte_of_column(line: &str, col: u32, enc: Encoding) -> usize {
    match enc {
        Encoding::Utf8 => floor_char_boundary(line, (col as usize).min(line.len())),
        Encoding::Utf16 => {
            let mut units = 0u32;
            for (i, c) in line.char_indices() {
                let next = units + c.len_utf16() as u32;
                if next > col {
                    return i;
                }
                units = next;
            }
            line.len()
        }
    }
}

pub fn trim_line_break(line: &str) -> &str {
    line.strip_suffix("\r\n")
        .or_else(|| line.strip_suffix('\n'))
        .or_else(|| line.strip_suffix('\r'))
        .unwrap_or(line)
}

/// The largest char boundary not after `i` (stable `str::floor_char_boundary`).
pub fn floor_char_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Iterates the lines of `text` as `(start offset, line without its break, line with break)`.
pub fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> + '_ {
    let bytes = text.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos >= bytes.len() {
            return None;
        }
        let start = pos;
        let mut i = pos;
        while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
            i += 1;
        }
        let content_end = i;
        if i < bytes.len() {
            i += if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                2
            } else {
                1
            };
        }
        pos = i;
        Some((start, &text[start..content_end]))
    })
}

/// The line break the file mostly uses, for text that fixes insert.
pub fn line_ending(text: &str) -> &'static str {
    match text.find(['\n', '\r']) {
        Some(i) if text[i..].starts_with("\r\n") => "\r\n",
        Some(i) if text.as_bytes()[i] == b'\r' => "\r",
        _ => "\n",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    #[test]
    fn utf16_columns_count_surrogate_pairs() {
        let text = "emoji: 🏗️ x\nb";
        let idx = LineIndex::new(text);
        let x = text.find(" x").unwrap() + 1;
        // 🏗 is two UTF-16 units, the variation selector one.
        assert_eq!(idx.position(text, x, Encoding::Utf16), pos(0, 11));
        assert_eq!(idx.position(text, x, Encoding::Utf8), pos(0, 15));
        assert_eq!(idx.offset(text, pos(0, 11), Encoding::Utf16), x);
        assert_eq!(idx.offset(text, pos(0, 15), Encoding::Utf8), x);
    }

    /// The byte count of UTF-16 units agrees with decoding, for every width of character.
    #[test]
    fn utf16_widths_counted_from_bytes_agree_with_decoding() {
        for s in [
            "",
            "ascii",
            "é名🏗️\u{feff}\u{10ffff}\u{7f}\u{80}\u{7ff}\u{800}\u{ffff}\u{10000}",
            "名前: 太郎 👩‍👩‍👧 x",
        ] {
            let decoded: u32 = s.chars().map(|c| c.len_utf16() as u32).sum();
            assert_eq!(column(s, Encoding::Utf16), decoded, "{s:?}");
        }
    }

    /// Line starts after `\n`, `\r\n` and a lone `\r`, including a break at the very end
    /// and `\r\r\n`.
    #[test]
    fn line_starts_after_every_kind_of_break() {
        let text = "a\r\r\nb\n\nc\r";
        let idx = LineIndex::new(text);
        let starts: Vec<usize> = (0..idx.line_count()).map(|l| idx.line_start(l)).collect();
        assert_eq!(starts, vec![0, 2, 4, 6, 7, 9]);
    }

    #[test]
    fn cjk_crlf_and_lone_cr_are_line_breaks() {
        let text = "名前: 太郎\r\nb\rc\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 4);
        let c = text.find('c').unwrap();
        assert_eq!(idx.position(text, c, Encoding::Utf16), pos(2, 0));
        let taro = text.find('太').unwrap();
        assert_eq!(idx.position(text, taro, Encoding::Utf16), pos(0, 4));
        assert_eq!(idx.position(text, taro, Encoding::Utf8), pos(0, 8));
    }

    #[test]
    fn positions_past_the_end_are_clamped() {
        let text = "ab\r\ncd";
        let idx = LineIndex::new(text);
        assert_eq!(idx.offset(text, pos(0, 99), Encoding::Utf16), 2);
        assert_eq!(idx.offset(text, pos(9, 0), Encoding::Utf16), 6);
        assert_eq!(idx.position(text, 99, Encoding::Utf16), pos(1, 2));
        // Inside a multi-byte character: snap to its start.
        let t = "é";
        assert_eq!(
            LineIndex::new(t).position(t, 1, Encoding::Utf8).character,
            0
        );
    }

    #[test]
    fn bom_counts_as_one_utf16_unit() {
        let text = "\u{feff}---\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(text, 3, Encoding::Utf16).character, 1);
        assert_eq!(idx.position(text, 3, Encoding::Utf8).character, 3);
    }

    /// Checkpoints must give what a scan from the line start gives, on long mixed lines.
    #[test]
    fn long_lines_agree_with_a_scan() {
        let line = "a🏗️名\u{200b}b".repeat(700);
        let text = format!("x\r\n{line}\n{line}");
        let idx = LineIndex::new(&text);
        let mut offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        offsets.push(text.len());
        for &off in offsets.iter().step_by(7) {
            let line_no = idx.line_of(off);
            let start = idx.line_start(line_no);
            let want = column(&text[start..off], Encoding::Utf16);
            let got = idx.position(&text, off, Encoding::Utf16);
            assert_eq!(
                (got.line as usize, got.character),
                (line_no, want),
                "at {off}"
            );
            assert_eq!(
                idx.offset(&text, got, Encoding::Utf16),
                off,
                "back from {got:?}"
            );
        }
        // A column past the end of a long line clamps to the line's end.
        let end = idx.offset(
            &text,
            Position {
                line: 1,
                character: 1 << 30,
            },
            Encoding::Utf16,
        );
        assert_eq!(end, 3 + line.len());
    }

    /// A small deterministic random source: `next(n)` is in `0..n`.
    fn xorshift(mut seed: u64) -> impl FnMut(usize) -> usize {
        move |n| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n.max(1) as u64) as usize
        }
    }

    /// Every position and offset of `text` is what a fresh index gives.
    fn assert_same(idx: &LineIndex, text: &str, step: usize) {
        let fresh = LineIndex::new(text);
        let starts = |i: &LineIndex| -> Vec<usize> {
            (0..i.line_count()).map(|l| i.line_start(l)).collect()
        };
        assert_eq!(starts(idx), starts(&fresh), "line starts at step {step}");
        assert_eq!(idx.len, text.len());
        let checkpoints: Vec<(usize, usize)> = (0..idx.utf16.len())
            .filter_map(|i| idx.utf16.get(i))
            .collect();
        for (i, w) in checkpoints.windows(2).enumerate() {
            assert!(
                w[0].0 < w[1].0 && w[1].0 - w[0].0 <= MAX_GAP,
                "gap {i} at step {step}"
            );
        }
        if let Some(last) = checkpoints.last() {
            assert!(text.len() - last.0 <= MAX_GAP, "tail gap at step {step}");
        }
        for enc in [Encoding::Utf8, Encoding::Utf16] {
            for off in (0..=text.len() + 1).filter(|&o| o > text.len() || text.is_char_boundary(o))
            {
                let p = idx.position(text, off, enc);
                assert_eq!(
                    p,
                    fresh.position(text, off, enc),
                    "{off} {enc:?} step {step}"
                );
                assert_eq!(idx.offset(text, p, enc), fresh.offset(text, p, enc));
            }
            for line in 0..idx.line_count() as u32 + 1 {
                for character in [0, 1, 2, 3, 5, 700, 1500, u32::MAX] {
                    let p = Position { line, character };
                    assert_eq!(idx.offset(text, p, enc), fresh.offset(text, p, enc));
                }
            }
        }
    }

    /// Random edits (line breaks of every style split and joined, surrogate pairs, long lines
    /// that cross checkpoints) leave the index as a fresh one would be.
    #[test]
    fn edits_keep_the_index_as_a_fresh_one() {
        let mut next = xorshift(0x9e37_79b9_7f4a_7c15);
        let pieces = [
            "a",
            "é",
            "🏗️",
            "\n",
            "\r\n",
            "\r",
            "名",
            " ",
            "x".repeat(700).leak(),
            "",
        ];
        for start in [
            "",
            "ascii only\nlines\r\n",
            "---\nname: 🏗️ x\r\n---\nbody\r",
        ] {
            let mut text = start.to_string();
            let mut idx = LineIndex::new(&text);
            for step in 0..400 {
                let a = next(text.len() + 2);
                let b = if next(4) == 0 {
                    a
                } else {
                    next(text.len() + 2)
                };
                let new: String = (0..next(4)).map(|_| pieces[next(pieces.len())]).collect();
                idx.replace(&mut text, a..b, &new);
                if step % 20 == 0 || text.len() < 64 {
                    assert_same(&idx, &text, step);
                }
            }
            assert_same(&idx, &text, 400);
        }
    }

    /// Typing one character at a time in one place never leaves a long stretch without a
    /// checkpoint, and a reversed or overlong range is read forwards and clamped.
    #[test]
    fn typing_in_one_place_keeps_checkpoints_close() {
        let mut text = "名".repeat(10);
        let mut idx = LineIndex::new(&text);
        for _ in 0..5000 {
            idx.replace(&mut text, 6..6, "é");
        }
        assert_same(&idx, &text, 0);
        idx.replace(
            &mut text,
            Range {
                start: usize::MAX,
                end: 3,
            },
            "\r",
        );
        assert_eq!(&text[..4], "名\r");
        assert_same(&idx, &text, 1);
    }

    #[test]
    fn lines_iterates_all_break_styles() {
        let v: Vec<_> = lines("a\r\nb\rc\nd").collect();
        assert_eq!(v, vec![(0, "a"), (3, "b"), (5, "c"), (7, "d")]);
    }
}
