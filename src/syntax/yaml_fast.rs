//! A fast path for the YAML that front matter almost always is: `key: value` lines with plain,
//! quoted or block scalars and simple lists.
//!
//! Why: tree-sitter-yaml plus libyaml cost about 100 µs for a 500-byte front matter (measured
//! with `cargo bench --bench engine`), which dominates `check` over thousands of files. This
//! recogniser accepts only a conservative subset that is certainly valid YAML and bails out
//! (returns `None`) on anything else — comments, nested maps, anchors, odd characters — so the
//! full parsers still judge every file that is not plainly fine. `tests/yaml_fast.rs` checks that
//! whatever it accepts, it reads exactly as the full parsers do, on every file of the corpus.

use super::scalar::{self, Resolved, Style};
use super::yaml::{Entry, Node, NodeKind, Scalar};
use std::ops::Range;

/// Entries of the block cut into `segments`, or `None` when the block is not plainly simple.
pub fn parse(text: &str, segments: &[Range<usize>]) -> Option<Vec<Entry>> {
    let (first, last) = (segments.first()?, segments.last()?);
    if !plain_characters(&text[first.start..last.end]) {
        return None;
    }
    // Sized up front (collecting through `Option` loses the length, and doubling a vector of
    // 100,000 entries held half again as much memory as the entries), but not for a block
    // that may turn out not to be plain at its first entry.
    const FIRST: usize = 4096;
    let mut entries = Vec::with_capacity(segments.len().min(FIRST));
    for (i, seg) in segments.iter().enumerate() {
        if i == FIRST {
            // Past the first few thousand the block is plain enough to size for all of it.
            entries.reserve_exact(segments.len() - FIRST);
        }
        entries.push(entry(text, seg.clone())?);
    }
    Some(entries)
}

/// Characters libyaml rejects or treats specially anywhere in a document, and whitespace
/// that is text to YAML but blank to `str::trim` (an ideographic space, U+2028).
fn plain_characters(s: &str) -> bool {
    s.chars().all(|c| match c {
        '\t' | '\n' | '\r' => true,
        c if (c as u32) < 0x20 => false,
        '\u{7f}'..='\u{9f}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}' => false,
        c if c.is_whitespace() && c != ' ' => false,
        _ => true,
    }) && !s.contains('\t')
}

fn is_key_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.')
}

fn entry(text: &str, seg: Range<usize>) -> Option<Entry> {
    let s = &text[seg.clone()];
    let bytes = s.as_bytes();
    if !bytes
        .first()
        .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_')
    {
        return None;
    }
    let key_len = bytes.iter().position(|b| !is_key_char(*b))?;
    // libyaml does not take a simple key longer than 1024 characters.
    if key_len > 1024 {
        return None;
    }
    if bytes[key_len] != b':' {
        return None;
    }
    let after_colon = key_len + 1;
    let mut lines = crate::text::lines(s);
    let (_, first_line) = lines.next()?;
    let rest: Vec<(usize, &str)> = lines.collect();
    let inline = &first_line[after_colon..];
    if !inline.is_empty() && !inline.starts_with(' ') {
        return None;
    }
    let lead = inline.len() - inline.trim_start().len();
    let value_start = after_colon + lead;
    let inline = inline.trim();
    let content_end = rest
        .iter()
        .rev()
        .find(|(_, l)| !l.trim().is_empty())
        .map_or(first_line.trim_end().len(), |(o, l)| o + l.trim_end().len());
    let value = if inline.is_empty() {
        block_value(&rest, seg.start)?
    } else {
        let v = inline_value(s, value_start, inline, &rest, content_end, seg.start)?;
        Some(v)
    };
    let key = &s[..key_len];
    Some(Entry {
        key: key.to_string(),
        key_range: seg.start..seg.start + key_len,
        value,
        range: seg.start..seg.start + content_end,
        after_colon: seg.start + after_colon,
        valid: true,
    })
}

fn node(base: usize, range: Range<usize>, kind: NodeKind) -> Node {
    Node {
        range: base + range.start..base + range.end,
        kind,
    }
}

fn scalar_node(base: usize, range: Range<usize>, style: Style, value: String) -> Node {
    let resolved = if style == Style::Plain {
        scalar::resolve_plain(&value)
    } else {
        Resolved::Str
    };
    node(
        base,
        range,
        NodeKind::Scalar(Scalar {
            style,
            value,
            resolved,
        }),
    )
}

/// A value that starts on the key's line.
fn inline_value(
    s: &str,
    start: usize,
    inline: &str,
    rest: &[(usize, &str)],
    content_end: usize,
    base: usize,
) -> Option<Node> {
    let continued = rest.iter().any(|(_, l)| !l.trim().is_empty());
    match inline.as_bytes()[0] {
        b'|' | b'>' => {
            let header = inline;
            if header.len() > 3
                || !header[1..]
                    .bytes()
                    .all(|b| matches!(b, b'+' | b'-' | b'1'..=b'9'))
            {
                return None;
            }
            // Every content line is indented, and the first one sets the indentation.
            if !rest
                .iter()
                .all(|(_, l)| l.trim().is_empty() || l.starts_with(' '))
            {
                return None;
            }
            // An explicit indentation, and keep chomping (`|+`, whose trailing blank lines
            // belong to the value but not to its span), are left to the full parsers.
            if header[1..].bytes().any(|b| b.is_ascii_digit() || b == b'+') {
                return None;
            }
            // One chomping indicator at most: `>--` is no header.
            if header.len() > 2 {
                return None;
            }
            let first_indent = rest
                .iter()
                .find(|(_, l)| !l.trim().is_empty())
                .map(|(_, l)| l.len() - l.trim_start().len());
            // A blank line indented deeper than the content changes the indentation rules; a
            // line indented less than the first ends the scalar; trailing spaces are content,
            // which the span below leaves out.
            if let Some(ind) = first_indent
                && (rest
                    .iter()
                    .take_while(|(_, l)| l.trim().is_empty())
                    .any(|(_, l)| l.len() > ind)
                    || rest.iter().any(|(_, l)| {
                        !l.trim().is_empty()
                            && (l.len() - l.trim_start_matches(' ').len() < ind
                                || l.ends_with([' ', '\t']))
                    }))
            {
                return None;
            }
            // The final line break is part of the value only when the text has one (a block
            // at the end of an unclosed front matter may not).
            if !s[content_end..].contains(['\n', '\r']) {
                return None;
            }
            let raw = &s[start..content_end];
            let (style, value) = scalar::decode_block(raw);
            Some(scalar_node(base, start..content_end, style, value))
        }
        b'"' => {
            if continued || !closes_double(inline) {
                return None;
            }
            let value = scalar::decode_double(inline);
            Some(scalar_node(
                base,
                start..start + inline.len(),
                Style::DoubleQuoted,
                value,
            ))
        }
        b'\'' => {
            if continued || !closes_single(inline) {
                return None;
            }
            Some(scalar_node(
                base,
                start..start + inline.len(),
                Style::SingleQuoted,
                scalar::decode_single(inline),
            ))
        }
        b'[' => {
            if continued || !inline.ends_with(']') {
                return None;
            }
            let items = flow_items(&inline[1..inline.len() - 1], base + start + 1)?;
            Some(node(
                base,
                start..start + inline.len(),
                NodeKind::Seq { flow: true, items },
            ))
        }
        _ => {
            if !plain_ok(inline) {
                return None;
            }
            for (_, l) in rest {
                let t = l.trim();
                if t.is_empty() {
                    continue;
                }
                if !l.starts_with(' ') || !plain_ok(t) {
                    return None;
                }
            }
            let raw = &s[start..content_end];
            Some(scalar_node(
                base,
                start..content_end,
                Style::Plain,
                scalar::decode_plain(raw),
            ))
        }
    }
}

/// `key:` followed by nothing, or by `- item` lines.
fn block_value(rest: &[(usize, &str)], base: usize) -> Option<Option<Node>> {
    let content: Vec<&(usize, &str)> = rest.iter().filter(|(_, l)| !l.trim().is_empty()).collect();
    let Some((_, first)) = content.first() else {
        return Some(None);
    };
    let indent = first.len() - first.trim_start().len();
    // tree-sitter spans a column-0 list differently (through the line break); leave it to it.
    if indent == 0 {
        return None;
    }
    let mut items = Vec::new();
    for (off, l) in &content {
        if l.len() - l.trim_start().len() != indent {
            return None;
        }
        let after = l[indent..].strip_prefix("- ")?;
        let item_lead = after.len() - after.trim_start().len();
        items.push(simple_item(
            after.trim(),
            base + off + indent + 2 + item_lead,
        )?);
    }
    let (first_off, _) = content[0];
    let (last_off, last_line) = content[content.len() - 1];
    let range = first_off + indent..last_off + last_line.trim_end().len();
    Some(Some(node(
        base,
        range,
        NodeKind::Seq { flow: false, items },
    )))
}

/// One list item: a plain or quoted scalar on its own.
fn simple_item(item: &str, at: usize) -> Option<Node> {
    let range = 0..item.len();
    match item.as_bytes().first()? {
        b'"' if closes_double(item) => Some(scalar_node(
            at,
            range,
            Style::DoubleQuoted,
            scalar::decode_double(item),
        )),
        b'\'' if closes_single(item) => Some(scalar_node(
            at,
            range,
            Style::SingleQuoted,
            scalar::decode_single(item),
        )),
        _ if plain_ok(item) && !item.contains([',', '[', ']', '{', '}']) => {
            Some(scalar_node(at, range, Style::Plain, item.to_string()))
        }
        _ => None,
    }
}

fn flow_items(inner: &str, at: usize) -> Option<Vec<Node>> {
    if inner.trim().is_empty() {
        return Some(Vec::new());
    }
    let mut out = Vec::new();
    let mut pos = 0;
    for part in inner.split(',') {
        let lead = part.len() - part.trim_start().len();
        let item = part.trim();
        if item.is_empty() {
            return None;
        }
        out.push(simple_item(item, at + pos + lead)?);
        pos += part.len() + 1;
    }
    Some(out)
}

/// A plain scalar, or a continuation line of one, that YAML reads as plain text.
fn plain_ok(t: &str) -> bool {
    const INDICATORS: &[char] = &[
        '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@',
        '`',
    ];
    !t.starts_with(INDICATORS) && !t.contains(": ") && !t.contains(" #") && !t.ends_with(':')
}

/// A single-line double-quoted scalar with only escapes libyaml knows, closed at the end.
fn closes_double(s: &str) -> bool {
    if s.len() < 2 || !s.ends_with('"') {
        return false;
    }
    let inner = &s[1..s.len() - 1];
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return false,
            '\\' => match chars.next() {
                Some(
                    '0' | 'a' | 'b' | 't' | 'n' | 'v' | 'f' | 'r' | 'e' | ' ' | '"' | '/' | '\\'
                    | 'N' | '_' | 'L' | 'P',
                ) => {}
                _ => return false,
            },
            _ => {}
        }
    }
    true
}

fn closes_single(s: &str) -> bool {
    if s.len() < 2 || !s.ends_with('\'') {
        return false;
    }
    let inner = &s[1..s.len() - 1];
    // Inside, quotes come in pairs.
    inner.replace("''", "").find('\'').is_none()
}
