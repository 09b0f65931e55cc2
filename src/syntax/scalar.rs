//! Decoding YAML scalars from their source text: quotes, escapes, line folding and block
//! scalar indentation. tree-sitter gives exact spans but not values, so values come from here.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    /// `|`
    Literal,
    /// `>`
    Folded,
}

impl Style {
    pub fn is_quoted(self) -> bool {
        matches!(self, Style::SingleQuoted | Style::DoubleQuoted)
    }
    pub fn is_block(self) -> bool {
        matches!(self, Style::Literal | Style::Folded)
    }
}

/// What a plain scalar resolves to under YAML 1.2's core schema (what js-yaml and most
/// loaders use), plus the YAML 1.1 booleans that PyYAML and older tools still honour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolved {
    Str,
    Bool,
    /// `yes`, `no`, `on`, `off`: booleans in YAML 1.1, strings in 1.2.
    Bool11,
    Int,
    Float,
    Null,
}

pub fn resolve_plain(s: &str) -> Resolved {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Resolved::Null,
        "true" | "True" | "TRUE" | "false" | "False" | "FALSE" => return Resolved::Bool,
        "yes" | "Yes" | "YES" | "no" | "No" | "NO" | "on" | "On" | "ON" | "off" | "Off" | "OFF" => {
            return Resolved::Bool11;
        }
        ".inf" | "-.inf" | "+.inf" | ".Inf" | "-.Inf" | ".nan" | ".NaN" => return Resolved::Float,
        _ => {}
    }
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        return Resolved::Int;
    }
    if let Some(h) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0o"))
        && !h.is_empty()
        && h.bytes().all(|b| b.is_ascii_hexdigit())
    {
        return Resolved::Int;
    }
    if digits.bytes().any(|b| b.is_ascii_digit())
        && digits
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'-' | b'+'))
        && digits.parse::<f64>().is_ok()
    {
        return Resolved::Float;
    }
    Resolved::Str
}

/// Folds the lines of a flow scalar (plain or quoted content): a single line break becomes a
/// space, each blank line a `\n`, and surrounding whitespace of inner lines is dropped.
fn fold_flow(s: &str) -> String {
    if !s.contains(['\n', '\r']) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut blank_run = 0;
    for (i, (_, line)) in crate::text::lines(s).enumerate() {
        let t = if i == 0 { line.trim_end() } else { line.trim() };
        if t.is_empty() && i > 0 {
            blank_run += 1;
            continue;
        }
        if i > 0 {
            if blank_run > 0 {
                out.extend(std::iter::repeat_n('\n', blank_run));
            } else {
                out.push(' ');
            }
        }
        blank_run = 0;
        out.push_str(t);
    }
    out
}

pub fn decode_plain(raw: &str) -> String {
    fold_flow(raw.trim())
}

pub fn decode_single(raw: &str) -> String {
    let inner = raw.strip_prefix('\'').unwrap_or(raw);
    let inner = inner.strip_suffix('\'').unwrap_or(inner);
    fold_flow(inner).replace("''", "'")
}

pub fn decode_double(raw: &str) -> String {
    let inner = raw.strip_prefix('"').unwrap_or(raw);
    let inner = inner.strip_suffix('"').unwrap_or(inner);
    // An escaped line break joins lines without a space; mark it before folding.
    let joined = inner.replace("\\\r\n", "\u{0}").replace("\\\n", "\u{0}");
    let folded = fold_flow(&joined);
    let mut parts = folded.split('\u{0}');
    let mut folded = parts.next().unwrap_or("").to_string();
    for p in parts {
        folded.push_str(p.trim_start_matches([' ', '\t']));
    }
    let mut out = String::with_capacity(folded.len());
    let mut chars = folded.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some(e) = chars.next() else {
            out.push('\\');
            break;
        };
        let hex = |n: usize, chars: &mut std::str::Chars| -> Option<char> {
            let h: String = chars.by_ref().take(n).collect();
            u32::from_str_radix(&h, 16).ok().and_then(char::from_u32)
        };
        match e {
            'n' => out.push('\n'),
            't' | '\t' => out.push('\t'),
            'r' => out.push('\r'),
            '0' => out.push('\0'),
            'a' => out.push('\u{7}'),
            'b' => out.push('\u{8}'),
            'e' => out.push('\u{1b}'),
            'f' => out.push('\u{c}'),
            'v' => out.push('\u{b}'),
            ' ' => out.push(' '),
            '/' => out.push('/'),
            '"' => out.push('"'),
            '\\' => out.push('\\'),
            'N' => out.push('\u{85}'),
            '_' => out.push('\u{a0}'),
            'L' => out.push('\u{2028}'),
            'P' => out.push('\u{2029}'),
            'x' => out.extend(hex(2, &mut chars)),
            'u' => out.extend(hex(4, &mut chars)),
            'U' => out.extend(hex(8, &mut chars)),
            other => {
                out.push('\\');
                out.push(other);
            }
        }
    }
    out
}

/// Decodes a block scalar (`|`, `>`, with optional chomping and indentation indicators).
pub fn decode_block(raw: &str) -> (Style, String) {
    let mut ls = crate::text::lines(raw);
    let header = ls.next().map(|(_, l)| l).unwrap_or("");
    let header = header.split(" #").next().unwrap_or(header).trim();
    let style = if header.starts_with('>') {
        Style::Folded
    } else {
        Style::Literal
    };
    let chomp = if header.contains('-') {
        '-'
    } else if header.contains('+') {
        '+'
    } else {
        ' '
    };
    let explicit: Option<usize> = header
        .chars()
        .find_map(|c| c.to_digit(10))
        .map(|d| d as usize);
    let body: Vec<&str> = ls.map(|(_, l)| l).collect();
    let indent = explicit.unwrap_or_else(|| {
        body.iter()
            .find(|l| !l.trim().is_empty())
            .map(|l| l.len() - l.trim_start_matches(' ').len())
            .unwrap_or(0)
    });
    let content: Vec<&str> = body.iter().map(|l| l.get(indent..).unwrap_or("")).collect();
    let mut out = String::new();
    match style {
        Style::Literal => {
            for l in &content {
                out.push_str(l);
                out.push('\n');
            }
        }
        _ => {
            // YAML's folding: a break between two lines of text becomes a space, or nothing
            // when empty lines follow it (each empty line is a break); next to a more-indented
            // line the break is kept as well as the empty lines.
            let mut prev_more: Option<bool> = None;
            let mut empties = 0;
            for l in &content {
                if l.is_empty() {
                    empties += 1;
                    continue;
                }
                let more = l.starts_with([' ', '\t']);
                match prev_more {
                    None => {}
                    Some(p) if p || more => out.push('\n'),
                    Some(_) if empties == 0 => out.push(' '),
                    Some(_) => {}
                }
                out.extend(std::iter::repeat_n('\n', empties));
                out.push_str(l);
                prev_more = Some(more);
                empties = 0;
            }
            if prev_more.is_some() {
                out.push('\n');
            }
            out.extend(std::iter::repeat_n('\n', empties));
        }
    }
    let trimmed_len = out.trim_end_matches('\n').len();
    match chomp {
        '-' => out.truncate(trimmed_len),
        '+' => {}
        _ => {
            out.truncate(trimmed_len);
            if trimmed_len > 0 {
                out.push('\n');
            }
        }
    }
    (style, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_core_schema() {
        assert_eq!(resolve_plain("3000"), Resolved::Int);
        assert_eq!(resolve_plain("0.1"), Resolved::Float);
        assert_eq!(resolve_plain("true"), Resolved::Bool);
        assert_eq!(resolve_plain("yes"), Resolved::Bool11);
        assert_eq!(resolve_plain("~"), Resolved::Null);
        assert_eq!(resolve_plain("sonnet"), Resolved::Str);
        assert_eq!(resolve_plain("4.5-turbo"), Resolved::Str);
        assert_eq!(resolve_plain("1e3"), Resolved::Float);
    }

    #[test]
    fn decodes_flow_scalars() {
        assert_eq!(decode_plain("one\n  two\n\n  three"), "one two\nthree");
        assert_eq!(decode_single("'it''s'"), "it's");
        assert_eq!(decode_double(r#""a\nb \"q\" \u00e9""#), "a\nb \"q\" é");
        assert_eq!(decode_double("\"a\\\n  b\""), "ab");
    }

    #[test]
    fn decodes_block_scalars() {
        assert_eq!(
            decode_block("|\n  a\n  b\n"),
            (Style::Literal, "a\nb\n".into())
        );
        assert_eq!(
            decode_block(">-\n  a\n  b\n\n  c\n"),
            (Style::Folded, "a b\nc".into())
        );
        // Next to a more-indented line, the break stays as well as the empty line.
        assert_eq!(
            decode_block(">\n  a b\n\n   c\n  - d\n  - e\n"),
            (Style::Folded, "a b\n\n c\n- d - e\n".into())
        );
        assert_eq!(
            decode_block(">\n\n  a\n   b\n  c\n"),
            (Style::Folded, "\na\n b\nc\n".into())
        );
        assert_eq!(
            decode_block("|+\n  a\n\n"),
            (Style::Literal, "a\n\n".into())
        );
    }
}
