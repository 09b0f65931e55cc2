//! The few pieces of CommonMark that finding links needs: code spans, the end of an inline
//! link's destination and title, and the decoding of a destination.

use std::collections::HashMap;
use std::ops::Range;

/// A run of bytes without ASCII whitespace or controls, which a raw link destination cannot
/// leave, with its parentheses paired.
pub(super) struct Word {
    pub(super) range: Range<usize>,
    /// `(` → its `)`.
    pub(super) pairs: HashMap<usize, usize>,
    pub(super) first_unpaired_close: Option<usize>,
    pub(super) last_unpaired_open: Option<usize>,
}

/// Backslash escapes and `%XX` undone; `None` when the bytes are not UTF-8.
pub(super) fn decode_markdown(raw: &str) -> Option<String> {
    let hex = |c: u8| (c as char).to_digit(16);
    let b = raw.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut k = 0;
    while k < b.len() {
        match b[k] {
            b'\\' if b.get(k + 1).is_some_and(u8::is_ascii_punctuation) => {
                out.push(b[k + 1]);
                k += 2;
            }
            b'%' if k + 2 < b.len() && hex(b[k + 1]).is_some() && hex(b[k + 2]).is_some() => {
                out.push((hex(b[k + 1])? * 16 + hex(b[k + 2])?) as u8);
                k += 3;
            }
            c => {
                out.push(c);
                k += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

pub(super) fn skip_blanks(b: &[u8], mut k: usize, end: usize) -> usize {
    while k < end && matches!(b[k], b' ' | b'\t') {
        k += 1;
    }
    k
}

/// Spaces and tabs with at most one line break among them (CommonMark, around a destination).
pub(super) fn skip_space(b: &[u8], k: usize, end: usize) -> usize {
    let mut k = skip_blanks(b, k, end);
    if k < end && b[k] == b'\r' {
        k += 1;
    }
    if k < end && b[k] == b'\n' {
        k = skip_blanks(b, k + 1, end);
    }
    k
}

/// From the end of a destination: an optional title after whitespace, then `)`.
pub(super) fn after_destination(b: &[u8], after: usize, end: usize) -> Option<usize> {
    let mut k = skip_space(b, after, end);
    if k < end && k > after && matches!(b[k], b'"' | b'\'' | b'(') {
        let close = if b[k] == b'(' { b')' } else { b[k] };
        k += 1;
        while k < end && b[k] != close {
            if b[k] == b'(' && close == b')' {
                return None;
            }
            k += if b[k] == b'\\' { 2 } else { 1 };
        }
        k = skip_space(b, k + 1, end);
    }
    (k < end && b[k] == b')').then_some(k + 1)
}

/// The whitespace-free word around `j`, its parentheses paired (escaped ones do not count).
pub(super) fn word_at(b: &[u8], j: usize) -> Word {
    let inside = |c: &u8| !c.is_ascii_whitespace() && !c.is_ascii_control();
    let start = j - b[..j].iter().rev().take_while(|c| inside(c)).count();
    let end = j + b[j..].iter().take_while(|c| inside(c)).count();
    let mut word = Word {
        range: start..end,
        pairs: HashMap::new(),
        first_unpaired_close: None,
        last_unpaired_open: None,
    };
    let mut open = Vec::new();
    let mut k = start;
    while k < end {
        match b[k] {
            b'\\' => k += 1,
            b'(' => open.push(k),
            b')' => match open.pop() {
                Some(o) => {
                    word.pairs.insert(o, k);
                }
                None => {
                    word.first_unpaired_close.get_or_insert(k);
                }
            },
            _ => {}
        }
        k += 1;
    }
    word.last_unpaired_open = open.last().copied();
    word
}

pub(super) struct CodeSpan {
    pub(super) open: usize,
    pub(super) content: Range<usize>,
    pub(super) end: usize,
}

/// The paragraph's code spans: a run of backticks pairs with the next run of the same length
/// (CommonMark). Runs are listed by length so each is looked at once.
pub(super) fn code_spans(b: &[u8], r: Range<usize>) -> Vec<CodeSpan> {
    // (start, length, preceded by an escaping backslash)
    let mut runs: Vec<(usize, usize, bool)> = Vec::new();
    let mut backslashes = 0;
    let mut k = r.start;
    while k < r.end {
        if b[k] == b'`' {
            let n = b[k..r.end].iter().take_while(|&&c| c == b'`').count();
            runs.push((k, n, backslashes % 2 == 1));
            k += n;
            backslashes = 0;
            continue;
        }
        backslashes = if b[k] == b'\\' { backslashes + 1 } else { 0 };
        k += 1;
    }
    let mut by_len: HashMap<usize, (Vec<usize>, usize)> = HashMap::new();
    for (index, &(_, n, _)) in runs.iter().enumerate() {
        by_len.entry(n).or_default().0.push(index);
    }
    let mut spans = Vec::new();
    let mut index = 0;
    while index < runs.len() {
        let (start, n, escaped) = runs[index];
        // An escaped first backtick is literal; the rest of the run may still open.
        let (open, n) = if escaped {
            (start + 1, n - 1)
        } else {
            (start, n)
        };
        let closer = by_len.get_mut(&n).and_then(|(list, cursor)| {
            while *cursor < list.len() && list[*cursor] <= index {
                *cursor += 1;
            }
            list.get(*cursor).copied()
        });
        match closer {
            Some(c) if n > 0 => {
                let close = runs[c].0;
                spans.push(CodeSpan {
                    open,
                    content: open + n..close,
                    end: close + n,
                });
                index = c + 1;
            }
            _ => index += 1,
        }
    }
    spans
}
