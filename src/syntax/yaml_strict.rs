//! The strict judge of YAML validity, libyaml (through serde_yaml_ng, the parser family of
//! PyYAML and most tools that reject files), and what it reads.
//!
//! tree-sitter-yaml gives the spans, but in a few corners it reads a value otherwise than
//! libyaml (a multi-line quoted scalar whose next line starts with `- ` becomes a list; empty
//! list items and keys without values are dropped; NEL stays text). The reading of every valid
//! entry is compared with libyaml's, and where they differ libyaml's wins (see [`repair`]):
//! rules then judge what strict tools read, with the spans of the value as a whole.

use super::scalar::{self, Resolved, Style};
use super::yaml::{Entry, Node, NodeKind, Scalar};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::ops::Range;

/// Flow collections nested deeper than this are not given to either parser: tree-sitter keeps
/// some 400 bytes per open level (64 KB of `[` took 25 MB) and libyaml's time grows with the
/// square of the depth. No front matter nests a tenth as deep.
pub(super) const MAX_FLOW_DEPTH: usize = 256;

/// The deepest flow nesting in `seg` (see [`Flow`]).
pub(super) fn flow_depth(seg: &str) -> usize {
    Flow::scan(seg).max_depth
}

/// The offset of the first `[` or `{` in `seg` that is never closed (or of a closer that
/// closes nothing).
pub(super) fn unclosed_bracket(seg: &str) -> Option<usize> {
    Flow::scan(seg).unclosed
}

/// The flow collections of a segment, found by a linear scan that knows where YAML starts a
/// token: a `[` or `{` opens a collection at the start of a value (after `: `, `- `, `? `, at
/// a line's first character) or inside another collection, and is text inside a plain
/// scalar (`e: u[[[`) or a quoted one (`e: "[[["`), which start at a token too. Comments are
/// skipped. A continuation line of a plain scalar that starts with `[` is counted, which only
/// overestimates.
struct Flow {
    max_depth: usize,
    /// Σ open levels over the bytes: libyaml's work beyond the linear (see [`flow_cost`]).
    cost: usize,
    unclosed: Option<usize>,
}

impl Flow {
    fn scan(seg: &str) -> Flow {
        let b = seg.as_bytes();
        let mut open: Vec<usize> = Vec::new();
        let mut out = Flow {
            max_depth: 0,
            cost: 0,
            unclosed: None,
        };
        let blank_or_end = |j: usize| {
            b.get(j)
                .is_none_or(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r'))
        };
        let mut token_start = true;
        // The indentation of the current line, and of the line that opened a block scalar
        // whose content lines (indented deeper, or blank) are text, not collections.
        let mut line_indent = 0;
        let mut block: Option<usize> = None;
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            if c == b'\n' || c == b'\r' {
                let next = i + 1 + usize::from(c == b'\r' && b.get(i + 1) == Some(&b'\n'));
                let indent = b[next..].iter().take_while(|&&x| x == b' ').count();
                let blank = b
                    .get(next + indent)
                    .is_none_or(|x| matches!(x, b'\n' | b'\r'));
                if let Some(parent) = block
                    && (blank || indent > parent)
                {
                    // Skip the content line whole.
                    let end = b[next..]
                        .iter()
                        .position(|&x| x == b'\n' || x == b'\r')
                        .map_or(b.len(), |p| next + p);
                    i = end;
                    continue;
                }
                block = None;
                line_indent = indent;
            }
            match c {
                b'|' | b'>' if token_start && open.is_empty() => {
                    block = Some(line_indent);
                    while i < b.len() && b[i] != b'\n' && b[i] != b'\r' {
                        i += 1;
                    }
                    continue;
                }
                b'\n' | b'\r' => token_start = true,
                b' ' | b'\t' => {}
                b'#' if i == 0 || matches!(b[i - 1], b' ' | b'\t' | b'\n' | b'\r') => {
                    while i < b.len() && b[i] != b'\n' && b[i] != b'\r' {
                        i += 1;
                    }
                    continue;
                }
                b'"' | b'\'' if token_start => {
                    i += 1;
                    while i < b.len() {
                        match b[i] {
                            b'\\' if c == b'"' => i += 1,
                            b'\'' if c == b'\'' && b.get(i + 1) == Some(&b'\'') => i += 1,
                            q if q == c => break,
                            _ => {}
                        }
                        i += 1;
                    }
                    token_start = false;
                }
                // An anchor (`&a`) or a tag (`!t`) comes before the node it names: the value
                // still starts after it (`x: &a [[[` opens collections; libyaml took seconds on
                // 4,000 of them that this scan did not see).
                b'&' | b'!' if token_start => {
                    while i < b.len() && !matches!(b[i], b' ' | b'\t' | b'\n' | b'\r') {
                        i += 1;
                    }
                    continue;
                }
                b'[' | b'{' if token_start || !open.is_empty() => {
                    open.push(i);
                    out.max_depth = out.max_depth.max(open.len());
                    token_start = true;
                }
                b']' | b'}' if !open.is_empty() => {
                    open.pop();
                    token_start = false;
                }
                b']' | b'}' if token_start => {
                    out.unclosed.get_or_insert(i);
                    token_start = false;
                }
                b',' if !open.is_empty() => token_start = true,
                b':' if blank_or_end(i + 1) => token_start = true,
                b'-' | b'?' if token_start && blank_or_end(i + 1) => {}
                _ => token_start = false,
            }
            out.cost = out.cost.saturating_add(open.len());
            i += 1;
        }
        if out.unclosed.is_none() {
            out.unclosed = open.first().copied();
        }
        out
    }
}

/// The problem reported where libyaml is not asked: what it says of an unclosed `[`, in
/// words `yaml_syntax` explains.
const UNCLOSED_FLOW: &str = "did not find the end of a flow sequence or flow mapping";

/// What libyaml may spend on one block, in "open flow level × byte" units (see [`flow_cost`]):
/// about 2 ns each, so at most some 50 ms. Real front matter costs a few thousand.
const STRICT_BUDGET: usize = 25_000_000;

/// An upper bound on libyaml's work for `seg` beyond the linear: its scanner revisits every
/// open flow level (`[`, `{`) at every token (`yaml_parser_stale_simple_keys`), so 16k nested
/// `[` took 0.5 s and 64k took 19 s. Brackets inside quotes and comments are counted too, which
/// only overestimates.
fn flow_cost(seg: &str) -> usize {
    Flow::scan(seg).cost
}

/// What the strict parser makes of a segment.
#[derive(Debug)]
pub(super) enum Verdict {
    /// Valid; with what libyaml reads, when it could be read (not for input judged without
    /// libyaml, nor for tagged values).
    Valid(Option<Lite>),
    /// The error position (a one-character range when possible) and the problem, in libyaml's
    /// words.
    Invalid(Range<usize>, String),
}

impl Verdict {
    pub(super) fn error(self) -> Option<(Range<usize>, String)> {
        match self {
            Verdict::Invalid(r, p) => Some((r, p)),
            Verdict::Valid(_) => None,
        }
    }
}

/// Runs the strict parser on `seg` (at `base` in the text). Input that libyaml would take
/// quadratic time on is judged by tree-sitter or a bracket scan instead (linear).
pub(super) fn strict(seg: &str, base: usize) -> Verdict {
    if flow_depth(seg) > MAX_FLOW_DEPTH {
        return match unclosed_bracket(seg) {
            Some(at) => Verdict::Invalid(base + at..base + at + 1, UNCLOSED_FLOW.to_string()),
            None => Verdict::Valid(None),
        };
    }
    if flow_cost(seg) > STRICT_BUDGET {
        return match tolerant_verdict(seg, base) {
            Some((r, p)) => Verdict::Invalid(r, p),
            None => Verdict::Valid(None),
        };
    }
    // What libyaml reads, which also says the text is valid; only when that fails (a syntax
    // error, or a tag this reading does not take) does the plain validity check run.
    if let Ok(lite) = serde_yaml_ng::from_str::<Lite>(seg) {
        return Verdict::Valid(Some(lite));
    }
    let Err(err) = serde_yaml_ng::from_str::<serde::de::IgnoredAny>(seg) else {
        return Verdict::Valid(None);
    };
    let problem = err.to_string();
    let problem = strip_locations(&problem);
    let mut offset = err
        .location()
        .map(|loc| offset_of(seg, loc.line(), loc.column()))
        .unwrap_or(0);
    // libyaml notices an unclosed `[` where the input ends (the next line); the bracket that
    // is never closed is the cause.
    if (problem.contains("flow sequence") || problem.contains("flow mapping"))
        && let Some(at) = unclosed_bracket(seg)
    {
        offset = at;
    }
    let end = seg[offset..]
        .chars()
        .next()
        .map_or(offset, |c| offset + c.len_utf8());
    Verdict::Invalid(base + offset..base + end.max(offset), problem)
}

/// The first error tree-sitter finds in `seg`, for input too costly for libyaml.
fn tolerant_verdict(seg: &str, base: usize) -> Option<(Range<usize>, String)> {
    let tree = super::yaml::with_parser(|p| p.parse(seg, None))?;
    let mut node = tree.root_node();
    if !node.has_error() {
        return None;
    }
    // Descend to the first node that is an error or missing, in document order.
    'descend: loop {
        if node.is_error() || node.is_missing() {
            break;
        }
        let mut cursor = node.walk();
        for child in node.children(&mut cursor) {
            if child.has_error() {
                node = child;
                continue 'descend;
            }
        }
        break;
    }
    let start = node.start_byte().min(seg.len());
    let end = seg[start..]
        .chars()
        .next()
        .map_or(start, |c| start + c.len_utf8());
    Some((base + start..base + end, UNCLOSED_FLOW.to_string()))
}

/// serde_yaml_ng appends " at line L column C" to libyaml's problem and context; keep the words.
fn strip_locations(msg: &str) -> String {
    let mut out = String::new();
    let mut rest = msg;
    while let Some(i) = rest.find(" at line ") {
        out.push_str(&rest[..i]);
        let after = &rest[i + " at line ".len()..];
        let skip = after
            .find(|c: char| !(c.is_ascii_digit() || c == ' ' || "column".contains(c)))
            .unwrap_or(after.len());
        rest = &after[skip..];
    }
    out.push_str(rest);
    out.replace(", while", " while")
}

/// libyaml positions are 1-based lines and 1-based columns counted in characters.
fn offset_of(seg: &str, line: usize, column: usize) -> usize {
    // libyaml breaks lines at NEL, LS and PS too (YAML 1.1), not only at CR and LF.
    let mut start = 0;
    let mut chars = seg.char_indices().peekable();
    let mut current = 1;
    while current < line {
        let Some((_, c)) = chars.next() else {
            return seg.len();
        };
        match c {
            '\r' => {
                if chars.peek().is_some_and(|&(_, n)| n == '\n') {
                    chars.next();
                }
            }
            '\n' | '\u{85}' | '\u{2028}' | '\u{2029}' => {}
            _ => continue,
        }
        current += 1;
        start = chars.peek().map_or(seg.len(), |&(j, _)| j);
    }
    let col = column.saturating_sub(1);
    seg[start..]
        .char_indices()
        .take_while(|&(_, c)| !matches!(c, '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}'))
        .map(|(i, _)| start + i)
        .chain(std::iter::once(line_end(seg, start)))
        .nth(col)
        .unwrap_or_else(|| line_end(seg, start))
}

/// Where the line starting at `start` ends (before its break), as libyaml counts lines.
fn line_end(seg: &str, start: usize) -> usize {
    seg[start..]
        .find(['\r', '\n', '\u{85}', '\u{2028}', '\u{2029}'])
        .map_or(seg.len(), |i| start + i)
}

/// A YAML value as libyaml reads it, keys in order and duplicates kept (the duplicate-key
/// rule reports them; a reading that rejected them would turn them into syntax errors).
#[derive(Debug, Clone, PartialEq)]
pub enum Lite {
    Null,
    Bool,
    Number,
    Str(String),
    Seq(Vec<Lite>),
    Map(Vec<(Lite, Lite)>),
}

impl<'de> Deserialize<'de> for Lite {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Lite, D::Error> {
        d.deserialize_any(LiteVisitor)
    }
}

/// Visitor methods that read whatever value they are given as the `Lite` variant named before
/// them.
macro_rules! visit_as {
    ($($value:ident => $($method:ident($($arg:ty)?))*;)*) => {
        $($(fn $method<E>(self, $(_: $arg)?) -> Result<Lite, E> {
            Ok(Lite::$value)
        })*)*
    };
}

struct LiteVisitor;

impl<'de> Visitor<'de> for LiteVisitor {
    type Value = Lite;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a YAML value")
    }
    visit_as! {
        Bool => visit_bool(bool);
        Number => visit_i64(i64) visit_u64(u64) visit_i128(i128) visit_u128(u128) visit_f64(f64);
        Null => visit_unit() visit_none();
    }
    fn visit_str<E>(self, v: &str) -> Result<Lite, E> {
        Ok(Lite::Str(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Lite, E> {
        Ok(Lite::Str(v))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Lite, D::Error> {
        Lite::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Lite, A::Error> {
        let mut items = Vec::new();
        while let Some(v) = seq.next_element()? {
            items.push(v);
        }
        Ok(Lite::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Lite, A::Error> {
        let mut pairs = Vec::new();
        while let Some(kv) = map.next_entry()? {
            pairs.push(kv);
        }
        Ok(Lite::Map(pairs))
    }
    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<Lite, A::Error> {
        use de::VariantAccess;
        // A tagged value: what it stands for is the tag's business. Except the non-specific
        // tag `!`, which only says "not resolved by content" (`! t` is the text `t`):
        // the value it is on is read as it is.
        let (tag, value): (String, A::Variant) = data.variant()?;
        if tag == "!" {
            return value.newtype_variant::<Lite>();
        }
        Err(de::Error::custom("tagged"))
    }
}

/// Depth the comparison goes to; below it the tree is trusted.
const COMPARE_DEPTH: usize = 32;

/// Whether the tree's value reads as libyaml's.
fn agrees(node: Option<&Node>, v: &Lite, depth: usize) -> bool {
    let Some(node) = node else {
        return matches!(v, Lite::Null);
    };
    if depth > COMPARE_DEPTH {
        return true;
    }
    match (&node.kind, v) {
        (NodeKind::Other | NodeKind::Deep, _) => true,
        (NodeKind::Scalar(s), Lite::Str(t)) => s.value == *t,
        (NodeKind::Scalar(_), Lite::Null | Lite::Bool | Lite::Number) => true,
        (NodeKind::Seq { items, .. }, Lite::Seq(vs)) => {
            items.len() == vs.len()
                && items
                    .iter()
                    .zip(vs)
                    .all(|(i, v)| agrees(Some(i), v, depth + 1))
        }
        (NodeKind::Map { entries, .. }, Lite::Map(pairs)) => {
            entries.len() == pairs.len()
                && entries.iter().zip(pairs).all(|(e, (k, v))| {
                    matches!(k, Lite::Str(k) if *k == e.key)
                        && agrees(e.value.as_ref(), v, depth + 1)
                })
        }
        _ => false,
    }
}

/// Where the tree reads an entry of `entries` otherwise than libyaml (`read`, the mapping of
/// the same entries in order), libyaml's reading wins: the value becomes libyaml's, spanning
/// the value's text, and a key the tree got wrong (a nested pair taken for the entry, a line
/// break libyaml knows and tree-sitter does not) becomes libyaml's key, at `starts` (where
/// each entry's segment starts).
pub(super) fn repair(text: &str, entries: &mut [Entry], read: &Lite, starts: &[usize]) {
    let Lite::Map(pairs) = read else { return };
    if pairs.len() != entries.len() || starts.len() != entries.len() {
        return;
    }
    for ((e, (k, v)), &start) in entries.iter_mut().zip(pairs).zip(starts) {
        if let Lite::Str(key) = k
            && *key != e.key
        {
            e.key = key.clone();
            let written = text[start..].trim_start_matches(' ');
            let at = start + (text[start..].len() - written.len());
            if written.starts_with(key.as_str()) {
                e.key_range = at..at + key.len();
                let after = &text[e.key_range.end..e.range.end.max(e.key_range.end)];
                e.after_colon = after
                    .find(':')
                    .map_or(e.key_range.end, |i| e.key_range.end + i + 1);
            }
            e.range.start = e.key_range.start.min(e.range.start);
            e.value = None;
        }
        if agrees(e.value.as_ref(), v, 0) {
            continue;
        }
        // The tree may have stopped short of the value (a quote that goes on at column 0
        // inside a nested list): the value goes on to the entry's last line of content.
        let range = match &e.value {
            Some(n) => n.range.start..content_end(text, n.range.end, e.range.end),
            None => value_span(text, e),
        };
        e.value = (!matches!(v, Lite::Null) || e.value.is_some()).then(|| node(text, range, v));
    }
}

/// From after the `:` to the end of the entry, without the blanks around.
fn value_span(text: &str, e: &Entry) -> Range<usize> {
    let from = e.after_colon.min(e.range.end);
    let raw = &text[from..e.range.end];
    let start = from + (raw.len() - raw.trim_start().len());
    start..start.max(from + super::yaml::trim_yaml_end(raw).len())
}

/// The end of the last line of `text[from..to]` that holds more than blanks or a comment, or
/// `from`.
fn content_end(text: &str, from: usize, to: usize) -> usize {
    let Some(rest) = text.get(from..to) else {
        return from;
    };
    crate::text::lines(rest)
        .filter(|(_, l)| !l.trim_start().is_empty() && !l.trim_start().starts_with('#'))
        .last()
        .map_or(from, |(at, l)| {
            from + at + super::yaml::trim_yaml_end(l).len()
        })
}

/// libyaml's value as a node: every part spans the whole value (the tree's spans were wrong).
fn node(text: &str, range: Range<usize>, v: &Lite) -> Node {
    let raw = text.get(range.clone()).unwrap_or("");
    let kind = match v {
        Lite::Seq(items) => NodeKind::Seq {
            flow: raw.starts_with('['),
            items: items.iter().map(|i| node(text, range.clone(), i)).collect(),
        },
        Lite::Map(pairs) => NodeKind::Map {
            flow: raw.starts_with('{'),
            entries: pairs
                .iter()
                .map(|(k, v)| Entry {
                    key: match k {
                        Lite::Str(s) => s.clone(),
                        _ => String::new(),
                    },
                    key_range: range.clone(),
                    value: Some(node(text, range.clone(), v)),
                    range: range.clone(),
                    after_colon: range.start,
                    valid: true,
                })
                .collect(),
        },
        Lite::Str(s) => {
            let style = match raw.as_bytes().first() {
                Some(b'"') => Style::DoubleQuoted,
                Some(b'\'') => Style::SingleQuoted,
                Some(b'|') => Style::Literal,
                Some(b'>') => Style::Folded,
                _ => Style::Plain,
            };
            let resolved = if style == Style::Plain {
                scalar::resolve_plain(s)
            } else {
                Resolved::Str
            };
            NodeKind::Scalar(Scalar {
                style,
                value: s.clone(),
                resolved,
            })
        }
        Lite::Null | Lite::Bool | Lite::Number => NodeKind::Scalar(Scalar {
            style: Style::Plain,
            value: raw.to_string(),
            resolved: scalar::resolve_plain(raw),
        }),
    };
    Node { range, kind }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::yaml::parse;

    #[test]
    fn unclosed_brackets_skip_quotes_and_comments() {
        assert_eq!(unclosed_bracket("a: ['[', \"]\", b]  # ["), None);
        assert_eq!(unclosed_bracket("a: {b: [c]"), Some(3));
        // In a plain scalar a bracket is text; at a value's start it is not.
        assert_eq!(unclosed_bracket("a: b]"), None);
        assert_eq!(unclosed_bracket("a: ]"), Some(3));
        assert_eq!(unclosed_bracket("e: u[[[\nf: \"[[[\""), None);
        assert_eq!(flow_depth(&format!("e: \"{}\"", "[".repeat(300))), 0);
        assert_eq!(flow_depth(&format!("e: u{}", "[".repeat(300))), 0);
        assert_eq!(flow_depth(&format!("e: {}", "[".repeat(300))), 300);
        assert_eq!(flow_depth("s: ['[[[', {a: [b]}]"), 3);
        // An anchor or a tag before the value: the collections still open there.
        assert_eq!(flow_depth(&format!("e: &a {}", "[".repeat(300))), 300);
        assert_eq!(flow_depth(&format!("e: !t [{}", "{".repeat(299))), 300);
        assert_eq!(unclosed_bracket("e: &a [b"), Some(6));
        // A block scalar's content is text.
        let block = format!(
            "n: >\n {}\n  {}\nm: [a]\n",
            "{".repeat(300),
            "[".repeat(300)
        );
        assert_eq!(flow_depth(&block), 1);
    }

    fn value_of<'a>(y: &'a crate::syntax::yaml::Yaml, key: &str) -> &'a Node {
        y.entry(key).and_then(|e| e.value.as_ref()).unwrap()
    }

    /// Where tree-sitter-yaml reads a value otherwise than libyaml, libyaml's reading wins.
    #[test]
    fn the_tree_is_repaired_where_libyaml_reads_otherwise() {
        let t = "n: '\n- s'\ntools:\n  -\n  - Read\nd: {s}\nok: [a, b]\n";
        let y = parse(t, 0..t.len());
        assert!(y.errors.is_empty(), "{:?}", y.errors);
        assert_eq!(value_of(&y, "n").as_str(), Some(" - s"));
        let NodeKind::Seq { items, .. } = &value_of(&y, "tools").kind else {
            panic!("{:?}", value_of(&y, "tools"))
        };
        assert_eq!(items.len(), 2);
        assert_eq!(items[1].as_str(), Some("Read"));
        let NodeKind::Map { entries, .. } = &value_of(&y, "d").kind else {
            panic!()
        };
        assert_eq!(entries[0].key, "s");
        // Agreeing values keep the tree's exact spans.
        let NodeKind::Seq { items, .. } = &value_of(&y, "ok").kind else {
            panic!()
        };
        assert_eq!(&t[items[1].range.clone()], "b");
    }

    /// Keys the tree gets wrong: a nested pair taken for the entry, a NEL that libyaml takes
    /// for a line break; and a block whose first key is indented.
    /// A tag inside a flow list over two lines: tree-sitter misreads it, libyaml reads three
    /// items but gives no reading the tree can take, so the value is not known rather than a
    /// one-item list. `>--` is no block-scalar header for the fast path either.
    #[test]
    fn values_the_tree_misreads_and_libyaml_cannot_replace_are_unknown() {
        let text = "s: [s,!' .\n-,s]\nname: n\n";
        let y = parse(text, 0..text.len());
        assert!(y.errors.is_empty(), "{:?}", y.errors);
        assert!(matches!(value_of(&y, "s").kind, NodeKind::Other));
        let text = "a: b\ndescription: >--\n  x\n";
        let y = parse(text, 0..text.len());
        assert!(!y.errors.is_empty());
    }

    #[test]
    fn keys_are_repaired_too() {
        let t = "e:\n s:\n    g: [\n ]\n    s:\n";
        let y = parse(t, 0..t.len());
        assert_eq!(y.entries.len(), 1);
        assert_eq!(
            (y.entries[0].key.as_str(), y.entries[0].key_range.clone()),
            ("e", 0..1)
        );
        let t = "e:\u{85} a:\n";
        let y = parse(t, 0..t.len());
        assert_eq!(y.entries[0].key, "e");
        let t = " n:\n s: b\n";
        let y = parse(t, 0..t.len());
        let keys: Vec<&str> = y.entries.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, ["n", "s"]);
        assert_eq!(value_of(&y, "s").as_str(), Some("b"));
    }

    #[test]
    fn duplicate_keys_and_aliases_are_read_not_rejected() {
        let t = "a: &x 1\nb: *x\na: 2\n";
        assert!(matches!(strict(t, 0), Verdict::Valid(Some(Lite::Map(p))) if p.len() == 3));
        assert!(matches!(strict("a: !!str 1\n", 0), Verdict::Valid(_)));
        assert!(matches!(strict("a: [\n", 0), Verdict::Invalid(..)));
    }
}
