//! The one place where byte offsets meet LSP positions, and engine types meet LSP types.
//!
//! Documents are ropes (ropey, built with `cr_lines` and without `unicode_lines`, so that its
//! lines are exactly LSP's: `\n`, `\r\n` and a lone `\r`). Conversions are O(log n) and never
//! panic: a position past the end of a line is clamped to the line's end (before its break), a
//! line past the end of the text to the end of the text, and a column inside a character (a
//! surrogate pair, a multi-byte UTF-8 sequence) snaps to the character's start — the same rules
//! as [`crate::text::LineIndex`], which `check` uses, so that both faces report the same ranges.

use crate::diagnostic::{Diagnostic, Severity};
use crate::text::Encoding;
use ropey::Rope;
use std::ops::Range;
use tower_lsp_server::ls_types as lsp;

/// The line/column of a byte offset.
pub fn position(rope: &Rope, offset: usize, enc: Encoding) -> lsp::Position {
    let offset = offset.min(rope.len_bytes());
    let line = rope.byte_to_line(offset);
    let char_idx = rope.byte_to_char(offset);
    let character = match enc {
        Encoding::Utf8 => rope.char_to_byte(char_idx) - rope.line_to_byte(line),
        Encoding::Utf16 => {
            rope.char_to_utf16_cu(char_idx) - rope.char_to_utf16_cu(rope.line_to_char(line))
        }
    };
    lsp::Position {
        line: line as u32,
        character: character as u32,
    }
}

pub fn range(rope: &Rope, r: &Range<usize>, enc: Encoding) -> lsp::Range {
    lsp::Range {
        start: position(rope, r.start, enc),
        end: position(rope, r.end.max(r.start), enc),
    }
}

/// The byte offset just after the last character of `line`, before its line break.
fn line_content_end(rope: &Rope, line: usize) -> usize {
    let next = if line + 1 < rope.len_lines() {
        rope.line_to_byte(line + 1)
    } else {
        rope.len_bytes()
    };
    let start = rope.line_to_byte(line);
    let mut end = next;
    if end > start && rope.byte(end - 1) == b'\n' {
        end -= 1;
        if end > start && rope.byte(end - 1) == b'\r' {
            end -= 1;
        }
    } else if end > start && rope.byte(end - 1) == b'\r' {
        end -= 1;
    }
    end
}

/// The byte offset of an LSP position, clamped (see the module docs).
pub fn offset(rope: &Rope, pos: lsp::Position, enc: Encoding) -> usize {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return rope.len_bytes();
    }
    let start = rope.line_to_byte(line);
    let end = line_content_end(rope, line);
    match enc {
        Encoding::Utf8 => {
            let b = start.saturating_add(pos.character as usize).min(end);
            rope.char_to_byte(rope.byte_to_char(b))
        }
        Encoding::Utf16 => {
            let first = rope.char_to_utf16_cu(rope.line_to_char(line));
            let last = rope.char_to_utf16_cu(rope.byte_to_char(end));
            let unit = first.saturating_add(pos.character as usize).min(last);
            rope.char_to_byte(rope.utf16_cu_to_char(unit))
        }
    }
}

pub fn severity(s: Severity) -> lsp::DiagnosticSeverity {
    match s {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Information => lsp::DiagnosticSeverity::INFORMATION,
        Severity::Hint => lsp::DiagnosticSeverity::HINT,
    }
}

pub const SOURCE: &str = "persona-ls";

pub fn diagnostic(rope: &Rope, d: &Diagnostic, enc: Encoding) -> lsp::Diagnostic {
    use crate::diagnostic::Code;
    let tags = match d.code {
        Code::DeprecatedKey | Code::RetiredModel => Some(vec![lsp::DiagnosticTag::DEPRECATED]),
        _ => None,
    };
    lsp::Diagnostic {
        range: range(rope, &d.range, enc),
        severity: Some(severity(d.severity)),
        code: Some(lsp::NumberOrString::String(d.code.as_str().to_string())),
        code_description: None,
        source: Some(SOURCE.to_string()),
        message: d.message.clone(),
        related_information: None,
        tags,
        data: None,
    }
}

pub fn text_edit(rope: &Rope, e: &crate::diagnostic::TextEdit, enc: Encoding) -> lsp::TextEdit {
    lsp::TextEdit {
        range: range(rope, &e.range, enc),
        new_text: e.new_text.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{LineIndex, Position};

    fn pos(line: u32, character: u32) -> lsp::Position {
        lsp::Position { line, character }
    }

    /// The rope conversions agree with `check`'s line index on every offset.
    #[test]
    fn agrees_with_the_line_index() {
        for text in [
            "\u{feff}---\nemoji: 🏗️ x\r\n名前: 太郎\rlast",
            "",
            "\n\n",
            "a\r\n",
            "é\u{200b}👨‍💻\n",
        ] {
            let rope = Rope::from_str(text);
            let idx = LineIndex::new(text);
            for enc in [Encoding::Utf8, Encoding::Utf16] {
                for off in 0..=text.len() + 2 {
                    let p = position(&rope, off, enc);
                    let q = idx.position(text, off, enc);
                    assert_eq!(
                        (p.line, p.character),
                        (q.line, q.character),
                        "{text:?} {off} {enc:?}"
                    );
                    let back = offset(&rope, p, enc);
                    assert_eq!(
                        back,
                        idx.offset(
                            text,
                            Position {
                                line: q.line,
                                character: q.character
                            },
                            enc
                        ),
                        "{text:?} {off}"
                    );
                }
            }
        }
    }

    #[test]
    fn clamps_out_of_range_positions() {
        let text = "ab\r\ncd🏗️\n";
        let rope = Rope::from_str(text);
        assert_eq!(offset(&rope, pos(0, 99), Encoding::Utf16), 2);
        assert_eq!(offset(&rope, pos(9, 0), Encoding::Utf16), text.len());
        assert_eq!(
            offset(&rope, pos(1, u32::MAX), Encoding::Utf8),
            text.len() - 1
        );
        // Inside the surrogate pair of 🏗: snaps to its start.
        assert_eq!(offset(&rope, pos(1, 3), Encoding::Utf16), 6);
        // Inside a UTF-8 sequence.
        assert_eq!(offset(&rope, pos(1, 4), Encoding::Utf8), 6);
        assert_eq!(position(&rope, 999, Encoding::Utf16), pos(2, 0));
    }
}
