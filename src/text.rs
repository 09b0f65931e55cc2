//! The one place that converts byte offsets into line/column positions.
//!
//! Everything inside the engine is a byte offset. Editors and the JSON output want a line and
//! a column counted in UTF-16 code units (LSP's default) or UTF-8 bytes (when negotiated).
//! Line breaks are exactly LSP's: `\n`, `\r\n` and a lone `\r`. Out-of-range input is clamped,
//! never a panic: a client may send a position past the end of a line or of the file.

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
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
    /// `(byte, UTF-16 units before it)` at every [`CHECKPOINT`]th byte (floored to a char
    /// boundary); empty when the text is ASCII. Without them a column costs the length of its
    /// line, and 200,000 diagnostics on one 2 MB line took minutes.
    utf16: Vec<(usize, usize)>,
}

const CHECKPOINT: usize = 1024;

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                    starts.push(i + 2);
                    i += 1;
                }
                b'\r' => starts.push(i + 1),
                _ => {}
            }
            i += 1;
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
            starts,
            len: text.len(),
            utf16,
        }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte offset where `line` starts (clamped to the end of the text).
    pub fn line_start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(self.len)
    }

    /// The zero-based line containing `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        self.starts.partition_point(|&s| s <= offset) - 1
    }

    /// UTF-16 units in `text[..offset]` (`offset` on a char boundary).
    fn utf16_before(&self, text: &str, offset: usize) -> usize {
        match self.utf16.get(offset / CHECKPOINT) {
            Some(&(b, units)) => units + column(&text[b..offset], Encoding::Utf16) as usize,
            None => offset,
        }
    }

    /// The line/column of `offset` in `text` (which must be the text this index was built from).
    pub fn position(&self, text: &str, offset: usize, enc: Encoding) -> Position {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let start = self.starts[line];
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
        let start = self.starts[line];
        let end = self.starts.get(line + 1).copied().unwrap_or(text.len());
        let content_end = start + trim_line_break(&text[start..end]).len();
        if enc == Encoding::Utf8 || self.utf16.is_empty() {
            return start + byte_of_column(&text[start..content_end], pos.character, enc);
        }
        // Start scanning at the last checkpoint before the column, not at the line start.
        let base = self.utf16_before(text, start);
        let target = base + pos.character as usize;
        let j = self
            .utf16
            .partition_point(|&(_, u)| u <= target)
            .saturating_sub(1);
        let (from, units) = match self.utf16[j] {
            (b, u) if b > start && b <= content_end => (b, u),
            _ => (start, base),
        };
        let col = (target - units).min(u32::MAX as usize) as u32;
        from + byte_of_column(&text[from..content_end], col, enc)
    }
}

/// The width of `s` in the chosen encoding.
pub fn column(s: &str, enc: Encoding) -> u32 {
    match enc {
        Encoding::Utf8 => s.len() as u32,
        Encoding::Utf16 => s.chars().map(|c| c.len_utf16() as u32).sum(),
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

    #[test]
    fn utf16_columns_count_surrogate_pairs() {
        let text = "emoji: 🏗️ x\nb";
        let idx = LineIndex::new(text);
        let x = text.find(" x").unwrap() + 1;
        // 🏗 is two UTF-16 units, the variation selector one.
        assert_eq!(
            idx.position(text, x, Encoding::Utf16),
            Position {
                line: 0,
                character: 11
            }
        );
        assert_eq!(
            idx.position(text, x, Encoding::Utf8),
            Position {
                line: 0,
                character: 15
            }
        );
        assert_eq!(
            idx.offset(
                text,
                Position {
                    line: 0,
                    character: 11
                },
                Encoding::Utf16
            ),
            x
        );
        assert_eq!(
            idx.offset(
                text,
                Position {
                    line: 0,
                    character: 15
                },
                Encoding::Utf8
            ),
            x
        );
    }

    #[test]
    fn cjk_crlf_and_lone_cr_are_line_breaks() {
        let text = "名前: 太郎\r\nb\rc\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 4);
        let c = text.find('c').unwrap();
        assert_eq!(
            idx.position(text, c, Encoding::Utf16),
            Position {
                line: 2,
                character: 0
            }
        );
        let taro = text.find('太').unwrap();
        assert_eq!(
            idx.position(text, taro, Encoding::Utf16),
            Position {
                line: 0,
                character: 4
            }
        );
        assert_eq!(
            idx.position(text, taro, Encoding::Utf8),
            Position {
                line: 0,
                character: 8
            }
        );
    }

    #[test]
    fn positions_past_the_end_are_clamped() {
        let text = "ab\r\ncd";
        let idx = LineIndex::new(text);
        assert_eq!(
            idx.offset(
                text,
                Position {
                    line: 0,
                    character: 99
                },
                Encoding::Utf16
            ),
            2
        );
        assert_eq!(
            idx.offset(
                text,
                Position {
                    line: 9,
                    character: 0
                },
                Encoding::Utf16
            ),
            6
        );
        assert_eq!(
            idx.position(text, 99, Encoding::Utf16),
            Position {
                line: 1,
                character: 2
            }
        );
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

    #[test]
    fn lines_iterates_all_break_styles() {
        let v: Vec<_> = lines("a\r\nb\rc\nd").collect();
        assert_eq!(v, vec![(0, "a"), (3, "b"), (5, "c"), (7, "d")]);
    }
}
