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

/// Start offsets of every line of a text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
}

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
        LineIndex {
            starts,
            len: text.len(),
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

    /// The line/column of `offset` in `text` (which must be the text this index was built from).
    pub fn position(&self, text: &str, offset: usize, enc: Encoding) -> Position {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let start = self.starts[line];
        Position {
            line: line as u32,
            character: column(&text[start..offset], enc),
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
        let content = trim_line_break(&text[start..end]);
        start + byte_of_column(content, pos.character, enc)
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

    #[test]
    fn lines_iterates_all_break_styles() {
        let v: Vec<_> = lines("a\r\nb\rc\nd").collect();
        assert_eq!(v, vec![(0, "a"), (3, "b"), (5, "c"), (7, "d")]);
    }
}
