//! The front matter's YAML, with an exact span for every key and value.
//!
//! Two parsers, each for what it is good at:
//! - tree-sitter-yaml gives the tree and its spans. Its error recovery is poor at the top level
//!   (after `description: a: b` the tree ends, dropping every later key), so the front matter is
//!   first cut into top-level entries (a line at column 0 starts one) and each entry is parsed
//!   on its own. One broken entry then hides nothing else from checks, completion or hover.
//! - libyaml (through serde_yaml_ng) is the strict judge of validity, the same parser family as
//!   PyYAML and most tools that reject files; it runs per entry too, so every broken entry is
//!   reported, not only the first.

use super::open_value::{Scan, closing_line};
use super::scalar::{self, Resolved, Style};
use super::yaml_strict::{Lite, MAX_FLOW_DEPTH, Verdict, flow_depth, repair, strict};
use std::cell::RefCell;
use std::ops::Range;
use tree_sitter::{Node as TsNode, Parser};

#[derive(Debug, Clone, PartialEq)]
pub struct Yaml {
    pub entries: Vec<Entry>,
    /// Top-level lines that are not `key: value` (a half-typed key, a stray scalar).
    pub stray: Vec<Range<usize>>,
    /// Strict-parse errors, in order.
    pub errors: Vec<SyntaxError>,
    /// The whole block is a sequence or a scalar, not a mapping.
    pub not_a_mapping: Option<Range<usize>>,
    /// Values that go on below their key on lines not indented under it (filled by
    /// [`super::continuation::absorb`], which needs to know the dialects' keys).
    pub continued: Vec<super::continuation::Continued>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    /// Where libyaml stopped (a one-character range when possible).
    pub range: Range<usize>,
    /// libyaml's own words.
    pub problem: String,
    /// Index of the entry the error is in, if any.
    pub entry: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: String,
    pub key_range: Range<usize>,
    /// `None` for `key:` with nothing after it.
    pub value: Option<Node>,
    /// From the key to the end of the entry's last non-blank line.
    pub range: Range<usize>,
    /// Offset just after the `:`.
    pub after_colon: usize,
    /// Whether the strict parser accepted this entry.
    pub valid: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub range: Range<usize>,
    pub kind: NodeKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    Scalar(Scalar),
    Seq {
        flow: bool,
        items: Vec<Node>,
    },
    Map {
        flow: bool,
        entries: Vec<Entry>,
    },
    /// An alias, a tagged node or an unparsable fragment.
    Other,
    /// A value nested too deeply to read (valid YAML; its inside is not converted).
    Deep,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Scalar {
    pub style: Style,
    /// The decoded value.
    pub value: String,
    pub resolved: Resolved,
}

impl Node {
    pub fn as_scalar(&self) -> Option<&Scalar> {
        match &self.kind {
            NodeKind::Scalar(s) => Some(s),
            _ => None,
        }
    }
    pub fn as_str(&self) -> Option<&str> {
        self.as_scalar().map(|s| s.value.as_str())
    }
    pub fn type_name(&self) -> &'static str {
        match &self.kind {
            NodeKind::Scalar(s) => match (s.style.is_quoted(), s.resolved) {
                (false, Resolved::Bool) => "a boolean",
                (false, Resolved::Int) => "a number",
                (false, Resolved::Float) => "a number",
                (false, Resolved::Null) => "null",
                _ => "text",
            },
            NodeKind::Seq { flow: true, .. } => "a flow list",
            NodeKind::Seq { .. } => "a list",
            NodeKind::Map { .. } => "a mapping",
            NodeKind::Other => "an alias or tagged value",
            NodeKind::Deep => "a value nested too deeply to read",
        }
    }
}

impl Yaml {
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.key == key)
    }
}

thread_local! {
    static PARSER: RefCell<Parser> = RefCell::new({
        let mut p = Parser::new();
        p.set_language(&super::yaml_language::language()).expect("tree-sitter-yaml matches tree-sitter");
        p
    });
}

/// Runs `f` with this thread's YAML parser.
pub(super) fn with_parser<R>(f: impl FnOnce(&mut Parser) -> R) -> R {
    PARSER.with(|p| f(&mut p.borrow_mut()))
}

/// Parses `text[range]`, the content of a front-matter block. Offsets are absolute in `text`.
pub fn parse(text: &str, range: Range<usize>) -> Yaml {
    parse_with(text, range, true)
}

/// The full parsers only, without the fast path: what `yaml_fast` is tested against.
#[doc(hidden)]
pub fn parse_full(text: &str, range: Range<usize>) -> Yaml {
    parse_with(text, range, false)
}

/// Whether the fast path reads this block (for its tests and benches).
#[doc(hidden)]
pub fn fast_path_accepts(text: &str, range: Range<usize>) -> bool {
    super::yaml_fast::parse(text, &segments(text, range)).is_some()
}

fn parse_with(text: &str, range: Range<usize>, fast: bool) -> Yaml {
    let mut yaml = Yaml {
        entries: Vec::new(),
        stray: Vec::new(),
        errors: Vec::new(),
        not_a_mapping: None,
        continued: Vec::new(),
    };
    let segments = segments(text, range.clone());
    if let Some(first) = segments.first() {
        let head = text[first.clone()].trim_start();
        if head.starts_with("- ") || head == "-" || head.starts_with('[') {
            // A list where a mapping belongs: judge the whole block as one document.
            let all = first.start..segments.last().map_or(first.end, |s| s.end);
            match strict(&text[all.clone()], all.start).error() {
                Some((r, p)) => yaml.errors.push(SyntaxError {
                    range: r,
                    problem: p,
                    entry: None,
                }),
                None => yaml.not_a_mapping = Some(all.start..trim_end(text, all.clone())),
            }
            return yaml;
        }
    }
    // Fastest path: the plain `key: value` subset, read without a parser (see yaml_fast.rs).
    if let Some(entries) = fast
        .then(|| super::yaml_fast::parse(text, &segments))
        .flatten()
    {
        yaml.entries = entries;
        return yaml;
    }
    // A valid block parses as a whole, CHUNK entries at a time: tree-sitter-yaml counts rows in
    // 16 bits, so one parse past 32,767 lines goes wrong, and one broken entry must not send a
    // 100,000-entry block through the parsers entry by entry. Only a chunk that fails is parsed
    // entry by entry, where the cutting pays for itself.
    let mut anchors = Anchors::default();
    // At most one entry per segment: sized once, where doubling held half as much again.
    yaml.entries.reserve_exact(segments.len());
    for chunk in segments.chunks(CHUNK) {
        if let Some(entries) = parse_whole(text, chunk) {
            yaml.entries.extend(entries);
            for seg in chunk {
                anchors.add(&text[seg.clone()]);
            }
            continue;
        }
        for seg in chunk {
            parse_entry(&mut yaml, text, seg.clone(), &anchors);
            anchors.add(&text[seg.clone()]);
        }
    }
    yaml
}

/// Top-level entries parsed together (see `parse_with`).
const CHUNK: usize = 64;

/// One top-level entry, parsed on its own.
fn parse_entry(yaml: &mut Yaml, text: &str, seg: Range<usize>, anchors: &Anchors) {
    let seg_text = &text[seg.clone()];
    if is_prose_line(seg_text) {
        // Both parsers would read a plain scalar, not a pair: a stray line, decided without
        // them (after an unclosed quote every later line is one; 500,000 took seconds).
        yaml.stray.push(seg.start..trim_end(text, seg));
        return;
    }
    if too_deep(seg_text) {
        deep_entry(yaml, text, seg);
        return;
    }
    // An alias of an anchor that an earlier entry defines is "unknown" to an entry parsed
    // alone, but not to the document.
    let (error, read) = match strict(seg_text, seg.start) {
        Verdict::Invalid(r, p)
            if !(p.starts_with("unknown anchor") && anchors.defines_alias_at(text, r.start)) =>
        {
            (Some((r, p)), None)
        }
        Verdict::Invalid(..) => (None, None),
        Verdict::Valid(read) => (None, read),
    };
    let (entry, tree_broken) = PARSER.with(|p| {
        let mut p = p.borrow_mut();
        p.parse(seg_text, None).map_or((None, true), |tree| {
            let broken = tree.root_node().has_error();
            let entry = first_pair(tree.root_node())
                .and_then(|pair| entry_from_pair(pair, text, seg.start, 0));
            (entry, broken)
        })
    });
    // Valid YAML that tree-sitter misreads and libyaml's reading cannot replace (a tag such as
    // `!'` inside a flow list, which tree-sitter takes for a quote): the value is not known
    // here, rather than known wrong.
    let entry = entry.map(|mut e| {
        if tree_broken && error.is_none() && read.is_none() {
            match e.value.as_mut() {
                Some(v) => v.kind = NodeKind::Other,
                None => {
                    let end = trim_end(text, seg.clone());
                    let start = (e.after_colon..end)
                        .find(|&i| !matches!(text.as_bytes()[i], b' ' | b'\t' | b'\n' | b'\r'))
                        .unwrap_or(end);
                    e.value = (start < end).then_some(Node {
                        range: start..end,
                        kind: NodeKind::Other,
                    });
                }
            }
        }
        e
    });
    // A broken entry (an unclosed quote) may give tree-sitter no pair at all, and neither
    // does a valid one nested deeper than its scanner keeps state for; the key is still
    // plain to see, and knowing it keeps `missing-required-key` quiet.
    let entry = entry.or_else(|| textual_entry(text, seg.clone(), error.is_none()));
    let index = entry.as_ref().map(|_| yaml.entries.len());
    match entry {
        Some(mut e) => {
            e.valid = error.is_none();
            e.range = e.key_range.start..trim_end(text, seg.clone());
            e.keep_value_inside();
            if let Some(read) = &read {
                repair(text, std::slice::from_mut(&mut e), read, &[seg.start]);
            }
            yaml.entries.push(e);
        }
        None => yaml.stray.push(seg.start..trim_end(text, seg.clone())),
    }
    if let Some((r, p)) = error {
        yaml.errors.push(SyntaxError {
            range: r,
            problem: p,
            entry: index,
        });
    }
}

/// One line of words: letters, digits, spaces and `_.,/()-`, starting with a letter or digit.
/// No `:` (so no pair), no indicator, quote, comment or tab: YAML can only read a plain scalar.
fn is_prose_line(seg: &str) -> bool {
    let line = seg.trim_end();
    line.chars().next().is_some_and(char::is_alphanumeric)
        && line.chars().all(|c| {
            c.is_alphanumeric() || matches!(c, ' ' | '_' | '.' | ',' | '/' | '(' | ')' | '-')
        })
}

/// Anchor names (`&name`) defined by the entries read so far. Found by a scan that does not
/// know quotes, so `'&x'` counts too: at worst an alias of a name that is only quoted text
/// goes unreported.
#[derive(Default)]
struct Anchors(std::collections::HashSet<String>);

fn is_anchor_char(b: u8) -> bool {
    !(b.is_ascii_whitespace() || matches!(b, b',' | b'[' | b']' | b'{' | b'}'))
}

impl Anchors {
    fn add(&mut self, seg: &str) {
        let bytes = seg.as_bytes();
        for (i, _) in seg.match_indices('&') {
            if i > 0
                && !matches!(
                    bytes[i - 1],
                    b' ' | b'\t' | b'\n' | b'\r' | b'[' | b'{' | b','
                )
            {
                continue;
            }
            let name = &bytes[i + 1..];
            let len = name
                .iter()
                .position(|&b| !is_anchor_char(b))
                .unwrap_or(name.len());
            if len > 0 {
                self.0
                    .insert(String::from_utf8_lossy(&name[..len]).into_owned());
            }
        }
    }

    /// Whether the alias (`*name`) at `at` names an anchor defined before.
    fn defines_alias_at(&self, text: &str, at: usize) -> bool {
        let Some(rest) = text.get(at..).and_then(|r| r.strip_prefix('*')) else {
            return false;
        };
        let len = rest
            .bytes()
            .position(|b| !is_anchor_char(b))
            .unwrap_or(rest.len());
        len > 0 && self.0.contains(&rest[..len])
    }
}

fn trim_end(text: &str, r: Range<usize>) -> usize {
    r.start + trim_yaml_end(&text[r]).len()
}

/// `s` without the trailing whitespace and line breaks YAML knows (an ideographic space is
/// text to YAML, not the blank `str::trim_end` takes it for).
pub fn trim_yaml_end(s: &str) -> &str {
    s.trim_end_matches([' ', '\t', '\r', '\n', '\u{85}', '\u{2028}', '\u{2029}'])
}

/// Cuts the block into top-level entries: each starts at a line indented no more than the
/// first key (column 0, usually) that is not a comment, a list item, the close of a flow
/// collection, or inside a quoted value or flow collection that closes cleanly further on
/// (see [`open_value`]).
fn segments(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut base: Option<usize> = None;
    let mut scan = Scan::default();
    // Lines that start before this are inside a value an earlier line opened (and `scan` has
    // read them).
    let mut inside_until = range.start;
    // What the looks ahead that find no clean close may read in all: without a bound, a block
    // of unclosed quotes would be read once per quote.
    let mut budget = range.len().saturating_mul(2).saturating_add(4096);
    for (start, line) in crate::text::lines(&text[range.clone()]) {
        let start = range.start + start;
        if start < inside_until {
            continue;
        }
        let rest = line.trim_start_matches(' ');
        let indent = line.len() - rest.len();
        if rest.trim().is_empty() || rest.starts_with('#') {
            scan.feed(line);
            continue;
        }
        let base = *base.get_or_insert(indent);
        let starts_entry = indent <= base
            && !rest.starts_with(['\t', ']', '}', ','])
            && !(rest.starts_with('-') && (rest.len() == 1 || rest[1..].starts_with([' ', '\t'])));
        if starts_entry
            && scan.is_open()
            && let Some(entry) = out.last()
        {
            let (found, read) = closing_line(&scan, text, start, range.end, budget);
            match found {
                Some((until, after)) if is_one_entry(&text[entry.start..until], entry.start) => {
                    inside_until = until;
                    scan = after;
                    continue;
                }
                _ => budget = budget.saturating_sub(read),
            }
        }
        if starts_entry || out.is_empty() {
            if let Some(last) = out.last_mut() {
                last.end = start;
            }
            out.push(start..range.end);
            scan = Scan::default();
        }
        scan.feed(line);
    }
    out
}

/// Whether libyaml accepts `seg` as one top-level entry: a value is joined over unindented
/// lines only then. It must not swallow the next key (a quote the scan took for one, after
/// `: ` in a plain scalar's words, closed by a later line); and where libyaml rejects the
/// joined text the entries are cut as before, each judged alone.
fn is_one_entry(seg: &str, base: usize) -> bool {
    match strict(seg, base) {
        Verdict::Valid(Some(Lite::Map(pairs))) => pairs.len() == 1,
        Verdict::Valid(_) => true,
        Verdict::Invalid(..) => false,
    }
}

/// Block collections nested deeper than this are not given to tree-sitter: its scanner keeps
/// at most 253 levels (see `yaml_language`), and a state that deep is copied at every token
/// (640 KB of one `- - - …` line took seconds). libyaml reads block nesting in linear time
/// and still judges the entry.
const MAX_BLOCK_DEPTH: usize = 200;

/// Whether a segment nests too deeply for tree-sitter: flow collections past
/// [`MAX_FLOW_DEPTH`], or block collections past [`MAX_BLOCK_DEPTH`] levels. A level opens
/// where a line is indented deeper than every level still open above it, and at each `- ` or
/// `? ` it starts with; a line of any indentation opens one level, not one per column.
fn too_deep(seg: &str) -> bool {
    if flow_depth(seg) > MAX_FLOW_DEPTH {
        return true;
    }
    let mut open: Vec<usize> = Vec::new();
    for (_, line) in crate::text::lines(seg) {
        let b = line.as_bytes();
        let mut i = b.iter().take_while(|&&c| c == b' ').count();
        if i == b.len() {
            continue;
        }
        while open.last().is_some_and(|&l| l >= i) {
            open.pop();
        }
        open.push(i);
        let mut items = 0;
        while i < b.len() && matches!(b[i], b'-' | b'?') && b.get(i + 1).is_none_or(|&c| c == b' ')
        {
            items += 1;
            i += 2;
            while i < b.len() && b[i] == b' ' {
                i += 1;
            }
        }
        if open.len() + items > MAX_BLOCK_DEPTH {
            return true;
        }
    }
    false
}

/// An entry whose flow collections nest past [`MAX_FLOW_DEPTH`]: its key read as text, its
/// value opaque, and a syntax error at the first bracket never closed (found by a linear scan
/// that knows quotes), the one defect such a value commonly has.
fn deep_entry(yaml: &mut Yaml, text: &str, seg: Range<usize>) {
    let error = strict(&text[seg.clone()], seg.start).error();
    let index = yaml.entries.len();
    match textual_entry(text, seg.clone(), error.is_none()) {
        Some(mut e) => {
            e.valid = error.is_none();
            yaml.entries.push(e);
        }
        None => yaml.stray.push(seg.start..trim_end(text, seg.clone())),
    }
    if let Some((range, problem)) = error {
        let entry = (yaml.entries.len() > index).then_some(index);
        yaml.errors.push(SyntaxError {
            range,
            problem,
            entry,
        });
    }
}

/// The entries of a block that both parsers accept as one document, when each top-level pair
/// starts exactly where a segment does; `None` sends the caller to the per-entry path.
fn parse_whole(text: &str, segments: &[Range<usize>]) -> Option<Vec<Entry>> {
    let (first, last) = (segments.first()?, segments.last()?);
    let all = first.start..last.end;
    let whole = &text[all.clone()];
    if too_deep(whole) {
        return None;
    }
    let Verdict::Valid(read) = strict(whole, all.start) else {
        return None;
    };
    let mut entries: Vec<Entry> = PARSER.with(|p| {
        let mut p = p.borrow_mut();
        let tree = p.parse(whole, None)?;
        if tree.root_node().has_error() {
            return None;
        }
        let mapping = first_pair(tree.root_node())?.parent()?;
        let mut cursor = mapping.walk();
        let pairs: Vec<TsNode> = mapping
            .children(&mut cursor)
            .filter(|c| c.kind() == "block_mapping_pair")
            .collect();
        if pairs.len() != segments.len() {
            return None;
        }
        pairs
            .into_iter()
            .zip(segments)
            .map(|(pair, seg)| {
                let mut e = entry_from_pair(pair, text, all.start, 0)?;
                (e.key_range.start == seg.start).then(|| {
                    e.range = e.key_range.start..trim_end(text, seg.clone());
                    e.keep_value_inside();
                    e
                })
            })
            .collect()
    })?;
    if let Some(read) = &read {
        let starts: Vec<usize> = segments.iter().map(|s| s.start).collect();
        repair(text, &mut entries, read, &starts);
    }
    Some(entries)
}

/// The key of a segment read as text; with `opaque_value`, the rest of the entry becomes its
/// value as a `Deep` node (valid YAML whose tree is unavailable: nested past what the parsers
/// are given).
fn textual_entry(text: &str, seg: Range<usize>, opaque_value: bool) -> Option<Entry> {
    let s = &text[seg.clone()];
    let colon = s.find(':')?;
    let key = &s[..colon];
    let after = s[colon + 1..].chars().next();
    // A key that starts with an indicator (a tag, an anchor, a quote...) is not the plain
    // text it looks like.
    if key.is_empty()
        || key.contains(char::is_whitespace)
        || !after.is_none_or(char::is_whitespace)
        || key.starts_with([
            '!', '&', '*', '?', '|', '>', '%', '@', '`', '"', '\'', '[', '{', '-', '#', ',',
        ])
    {
        return None;
    }
    let after_colon = seg.start + colon + 1;
    let end = trim_end(text, seg.clone());
    let lead = text[after_colon..end].len() - text[after_colon..end].trim_start().len();
    let value = (opaque_value && after_colon + lead < end).then(|| Node {
        range: after_colon + lead..end,
        kind: NodeKind::Deep,
    });
    Some(Entry {
        key: key.to_string(),
        key_range: seg.start..seg.start + colon,
        value,
        range: seg.start..end,
        after_colon,
        valid: false,
    })
}

fn first_pair(node: TsNode) -> Option<TsNode> {
    // Depth-first along the first branch: stream > document > block_node > block_mapping >
    // block_mapping_pair, or the same wrapped in ERROR nodes. Iterative and bounded: a deeply
    // nested broken tree must not recurse.
    let mut node = node;
    for _ in 0..16 {
        let mut cursor = node.walk();
        let mut next = None;
        for child in node.children(&mut cursor) {
            if child.kind() == "block_mapping_pair" {
                return Some(child);
            }
            if next.is_none() && child.child_count() > 0 && !child.kind().ends_with("scalar") {
                next = Some(child);
            }
        }
        node = next?;
    }
    None
}

fn entry_from_pair(pair: TsNode, text: &str, base: usize, depth: usize) -> Option<Entry> {
    let start = base + pair.start_byte();
    // Inside a value, a key that is no text (`{!: }`, a tagged, null or missing key, a list as
    // a key) is still an entry of its mapping, named by its source text: dropped, it made the
    // mapping look shorter than it is. A top-level key must be text; the caller reads it
    // otherwise.
    let key_node = match pair.child_by_field_name("key") {
        Some(key) => convert(key, text, base, depth + 1),
        None if depth > 0 => Node {
            range: start..start,
            kind: NodeKind::Other,
        },
        None => return None,
    };
    let key_str = match key_node.as_str() {
        Some(k) => k.to_string(),
        None if depth > 0 => text[key_node.range.clone()].trim().to_string(),
        None => return None,
    };
    let colon = (0..pair.child_count())
        .filter_map(|i| pair.child(i))
        .find(|c| c.kind() == ":");
    let after_colon = colon.map_or(key_node.range.end, |c| base + c.end_byte());
    let value = pair
        .child_by_field_name("value")
        .map(|v| convert(v, text, base, depth + 1));
    // tree-sitter ends a pair after the line break that follows it; the entry ends with its
    // last character, as every node does (so nested entries stay inside their parents).
    let range = start..base + pair.end_byte();
    let mut entry = Entry {
        key: key_str,
        key_range: key_node.range,
        value,
        range: range.start..trim_end(text, range),
        after_colon,
        valid: true,
    };
    entry.keep_value_inside();
    Some(entry)
}

/// The children of `node` that `pick` keeps, converted.
fn collect_children<T>(node: TsNode, pick: impl FnMut(TsNode) -> Option<T>) -> Vec<T> {
    let mut cursor = node.walk();
    node.children(&mut cursor).filter_map(pick).collect()
}

/// A flow mapping's key without `:` or value (`a` in `{a, b: c}`, a null to YAML).
fn lone_key(node: TsNode, text: &str, base: usize, depth: usize) -> Entry {
    let key = convert(node, text, base, depth);
    let key_str = match key.as_str() {
        Some(k) => k.to_string(),
        None => text[key.range.clone()].trim().to_string(),
    };
    Entry {
        key: key_str,
        key_range: key.range.clone(),
        value: None,
        range: key.range.clone(),
        after_colon: key.range.end,
        valid: true,
    }
}

impl Entry {
    /// A value of nothing but blanks YAML breaks lines at (`key: \u{2028}`, a null to
    /// libyaml) starts after the entry, which ends at its last character: it is placed, empty,
    /// at the entry's end, so that every node stays inside its parent.
    fn keep_value_inside(&mut self) {
        if let Some(v) = &mut self.value
            && v.range.start > self.range.end
        {
            v.range = self.range.end..self.range.end;
        }
    }
}

/// The levels from a mapping to its keys' text: the pair, the key's node, its scalar.
const KEY_DEPTH: usize = 3;

/// The null that `-` alone stands for, just after the dash.
fn null_item(at: usize) -> Node {
    Node {
        range: at..at,
        kind: NodeKind::Scalar(Scalar {
            style: Style::Plain,
            value: String::new(),
            resolved: Resolved::Null,
        }),
    }
}

/// How deep [`convert`] descends (each YAML level is two tree-sitter nodes). Deeper nodes
/// become `Deep` with their exact range: no rule looks that deep, and the recursion must not
/// overflow the stack on 100k nested `[`.
const MAX_DEPTH: usize = 128;

fn convert(node: TsNode, text: &str, base: usize, depth: usize) -> Node {
    let range = base + node.start_byte()..base + node.end_byte();
    let raw = &text[range.clone()];
    if depth > MAX_DEPTH {
        let end = range.start + trim_yaml_end(raw).len();
        return Node {
            range: range.start..end,
            kind: NodeKind::Deep,
        };
    }
    let kind = match node.kind() {
        "flow_node" | "block_node" => {
            // Skip anchors and tags; a tagged value is reported as `Other`.
            let mut cursor = node.walk();
            let children: Vec<TsNode> = node
                .children(&mut cursor)
                .filter(|c| c.kind() != "comment")
                .collect();
            // Like every node, it ends at its last character, not after its line break.
            let other = Node {
                range: range.start..range.start + trim_yaml_end(raw).len(),
                kind: NodeKind::Other,
            };
            if children.iter().any(|c| c.kind() == "tag") {
                return other;
            }
            return match children.iter().rev().find(|c| c.kind() != "anchor") {
                Some(inner) => convert(*inner, text, base, depth + 1),
                None => other,
            };
        }
        "plain_scalar" => {
            let value = scalar::decode_plain(raw);
            let resolved = scalar::resolve_plain(&value);
            NodeKind::Scalar(Scalar {
                style: Style::Plain,
                value,
                resolved,
            })
        }
        "single_quote_scalar" => scalar_kind(Style::SingleQuoted, scalar::decode_single(raw)),
        "double_quote_scalar" => scalar_kind(Style::DoubleQuoted, scalar::decode_double(raw)),
        "block_scalar" => {
            let (style, value) = scalar::decode_block(raw);
            scalar_kind(style, value)
        }
        "block_sequence" | "flow_sequence" => {
            let flow = node.kind() == "flow_sequence";
            let items = collect_children(node, |c| match c.kind() {
                "block_sequence_item" => {
                    Some(match c.named_child(0).filter(|n| n.kind() != "comment") {
                        Some(v) => convert(v, text, base, depth + 1),
                        // `-` with nothing after it is an item too: a null, as libyaml
                        // reads it (dropping it shortened the list).
                        None => null_item(base + c.end_byte().min(c.start_byte() + 1)),
                    })
                }
                "flow_node" | "flow_pair" => Some(convert(c, text, base, depth + 1)),
                _ => None,
            });
            NodeKind::Seq { flow, items }
        }
        // A mapping so deep that its keys would be `Deep` is `Deep` itself: its pairs, without
        // a key to read, were dropped, and it read as an empty mapping.
        "block_mapping" | "flow_mapping" | "flow_pair" if depth + KEY_DEPTH > MAX_DEPTH => {
            NodeKind::Deep
        }
        "block_mapping" | "flow_mapping" => {
            let flow = node.kind() == "flow_mapping";
            let entries = collect_children(node, |c| match c.kind() {
                "block_mapping_pair" | "flow_pair" => entry_from_pair(c, text, base, depth + 1),
                // `{a, b: c}`: a key alone in a flow mapping has a null value.
                "flow_node" if flow => Some(lone_key(c, text, base, depth + 1)),
                _ => None,
            });
            NodeKind::Map { flow, entries }
        }
        "flow_pair" => {
            let entries = entry_from_pair(node, text, base, depth + 1)
                .into_iter()
                .collect();
            NodeKind::Map {
                flow: true,
                entries,
            }
        }
        _ => NodeKind::Other,
    };
    // tree-sitter ends a block node that closes the document after its line break; spans stop
    // at the last character of content, wherever the node is.
    let end = range.start + trim_yaml_end(raw).len();
    let mut kind = kind;
    if let NodeKind::Seq { items, .. } = &mut kind {
        // An item of nothing but blanks YAML breaks lines at (`- ` then U+0085) starts after
        // the list's last character: it is placed, empty, at the list's end.
        for item in items.iter_mut().filter(|i| i.range.start > end) {
            item.range = end..end;
        }
    }
    Node {
        range: range.start..end,
        kind,
    }
}

fn scalar_kind(style: Style, value: String) -> NodeKind {
    NodeKind::Scalar(Scalar {
        style,
        value,
        resolved: Resolved::Str,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_all(text: &str) -> Yaml {
        parse(text, 0..text.len())
    }

    /// The innermost value of `levels` nested one-item lists, or the deepest mapping value.
    fn innermost(node: &Node) -> &Node {
        match &node.kind {
            NodeKind::Seq { items, .. } if items.len() == 1 => innermost(&items[0]),
            NodeKind::Map { entries, .. } if entries.len() == 1 => {
                entries[0].value.as_ref().map_or(node, innermost)
            }
            _ => node,
        }
    }

    /// `-` alone is a null item at every depth (it was dropped from the list, which the
    /// libyaml check hid down to 32 levels).
    #[test]
    fn a_lone_dash_is_a_null_item_at_any_depth() {
        for levels in [1, 33, 40] {
            let t = format!("x:\n {}-\n", "- ".repeat(levels));
            let y = parse_all(&t);
            let inner = innermost(y.entries[0].value.as_ref().unwrap());
            assert!(
                matches!(&inner.kind, NodeKind::Scalar(s) if s.resolved == Resolved::Null),
                "{levels}: {inner:?}"
            );
            let dash = t.rfind('-').unwrap();
            assert_eq!(inner.range, dash + 1..dash + 1, "{levels}");
        }
    }

    /// Mappings nested past the depth limit are one `Deep` value, never an empty mapping.
    #[test]
    fn a_mapping_past_the_depth_limit_is_deep_not_empty() {
        let t: String = (0..60)
            .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
            .chain(["v\n".to_string()])
            .collect();
        let y = parse_all(&t);
        assert!(y.errors.is_empty(), "{:?}", y.errors);
        let inner = innermost(y.entries[0].value.as_ref().unwrap());
        assert_eq!(inner.kind, NodeKind::Deep);
    }

    /// `! t` is the text `t` (the non-specific tag): after a NEL, a line break to libyaml
    /// and text to tree-sitter, libyaml's key wins, as it does for untagged keys.
    #[test]
    fn a_key_with_the_non_specific_tag_is_its_text() {
        let t = "\u{85}! t:\nb: c\n";
        let y = parse_all(t);
        let keys: Vec<&str> = y.entries.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, ["t", "b"]);
    }

    /// A nested mapping keeps an entry whose key is no text (`{!: }`).
    #[test]
    fn a_nested_key_that_is_no_text_is_still_an_entry() {
        let y = parse_all("i:\n- {a: {!: }}\n");
        let NodeKind::Seq { items, .. } = &y.entries[0].value.as_ref().unwrap().kind else {
            panic!()
        };
        let NodeKind::Map { entries, .. } = &items[0].kind else {
            panic!()
        };
        let NodeKind::Map { entries, .. } = &entries[0].value.as_ref().unwrap().kind else {
            panic!()
        };
        assert_eq!(entries.len(), 1);
        // tree-sitter reads `!:` as one tag; libyaml reads the tag `!` and a `:`. Either way
        // one entry.
        assert!(entries[0].key.starts_with('!'), "{:?}", entries[0].key);
        let y = parse_all("x: {a, b: c}\n");
        let NodeKind::Map { entries, .. } = &y.entries[0].value.as_ref().unwrap().kind else {
            panic!()
        };
        let keys: Vec<(&str, bool)> = entries
            .iter()
            .map(|e| (e.key.as_str(), e.value.is_some()))
            .collect();
        assert_eq!(keys, [("a", false), ("b", true)]);
    }

    /// `- ` then U+0085 (a line break to libyaml): a null item, inside its list.
    #[test]
    fn an_item_of_a_line_break_stays_inside_its_list() {
        let t = "s:\n- \u{85}";
        let y = parse_all(t);
        let v = y.entries[0].value.as_ref().unwrap();
        let NodeKind::Seq { items, .. } = &v.kind else {
            panic!("{v:?}")
        };
        assert_eq!((v.range.clone(), items[0].range.clone()), (3..4, 4..4));
    }

    /// A tagged value ends at its last character, whatever the line breaks (CR here).
    #[test]
    fn a_tagged_value_ends_inside_its_entry() {
        let t = "tools: !str-\r tagged: v\rnext: 1\r";
        let y = parse_all(t);
        let e = &y.entries[0];
        let v = e.value.as_ref().unwrap();
        assert_eq!((v.kind.clone(), v.range.clone()), (NodeKind::Other, 7..23));
        assert_eq!(e.range, 0..23);
    }

    /// `key: ` then U+2028 (a line break to libyaml): a null, inside its entry.
    #[test]
    fn a_value_of_a_line_separator_stays_inside_its_entry() {
        for t in ["a: \u{2028}\nb: c\n", "a: \u{2028}\n"] {
            let y = parse_all(t);
            let e = &y.entries[0];
            assert_eq!((e.key.as_str(), e.range.clone()), ("a", 0..2), "{t:?}");
            if let Some(v) = &e.value {
                assert_eq!(v.range, 2..2, "{t:?}");
            }
        }
    }

    #[test]
    fn spans_of_keys_and_values() {
        let t = "name: foo\ntools: [Read, \"Write\"]\nlist:\n  - a\n  - b\nblk: |\n  hi\n";
        let y = parse_all(t);
        let keys: Vec<_> = y.entries.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, ["name", "tools", "list", "blk"]);
        let name = &y.entries[0];
        assert_eq!(&t[name.key_range.clone()], "name");
        assert_eq!(&t[name.value.as_ref().unwrap().range.clone()], "foo");
        let NodeKind::Seq { flow: true, items } = &y.entries[1].value.as_ref().unwrap().kind else {
            panic!()
        };
        assert_eq!(
            items
                .iter()
                .map(|i| &t[i.range.clone()])
                .collect::<Vec<_>>(),
            ["Read", "\"Write\""]
        );
        assert_eq!(items[1].as_str(), Some("Write"));
        let NodeKind::Seq { flow: false, items } = &y.entries[2].value.as_ref().unwrap().kind
        else {
            panic!()
        };
        assert_eq!(items.len(), 2);
        assert_eq!(y.entries[3].value.as_ref().unwrap().as_str(), Some("hi\n"));
        assert!(y.errors.is_empty());
    }

    #[test]
    fn a_broken_entry_hides_nothing_after_it() {
        let t = "name: x\ndescription: Use this: when\nmodel: sonnet\n";
        let y = parse_all(t);
        assert_eq!(
            y.entries.iter().map(|e| e.key.as_str()).collect::<Vec<_>>(),
            ["name", "description", "model"]
        );
        assert_eq!(y.errors.len(), 1);
        let e = &y.errors[0];
        assert_eq!(e.range.start, t.find("this:").unwrap() + 4);
        assert_eq!(e.problem, "mapping values are not allowed in this context");
        assert_eq!(e.entry, Some(1));
        assert!(!y.entries[1].valid && y.entries[2].valid);
    }

    #[test]
    fn alias_character_and_stray_lines() {
        let t = "globs: **/*.tsx\nmod\n";
        let y = parse_all(t);
        // libyaml stops at the second `*`; the rule widens this to the value.
        assert_eq!(y.errors[0].range.start, 8);
        assert!(
            y.errors[0].problem.contains("alias"),
            "{}",
            y.errors[0].problem
        );
        assert_eq!(y.stray, vec![16..19]);
    }

    /// Lines of words after an unclosed quote are stray lines, decided without a parser; an
    /// alias of an earlier entry's anchor is not "unknown" when entries are parsed alone.
    #[test]
    fn entry_by_entry_keeps_document_facts() {
        let t = "a: \"open\nplain words here\nb: &m x\nc: *m\n";
        let y = parse_all(t);
        let start = t.find("plain").unwrap();
        assert_eq!(y.stray, vec![start..start + "plain words here".len()]);
        assert_eq!(
            y.entries
                .iter()
                .map(|e| (e.key.as_str(), e.valid))
                .collect::<Vec<_>>(),
            [("a", false), ("b", true), ("c", true)]
        );
        assert_eq!(y.errors.len(), 1);
    }

    /// A bracket never closed is where the error is, not the end of the input.
    #[test]
    fn an_unclosed_flow_list_is_reported_at_its_bracket() {
        let t = "tools: [\n  'a',\n  'b'\nmodel: x\n";
        let y = parse_all(t);
        assert_eq!(y.errors[0].range, 7..8);
    }

    /// Nesting is counted in levels, not columns: a line indented 300 spaces is one level.
    #[test]
    fn depth_is_levels_not_columns() {
        let deep_indent = format!("e: r\n{}.\n", " ".repeat(300));
        assert!(!too_deep(&deep_indent));
        let dashes = format!("x:\n{}y\n", "- ".repeat(201));
        assert!(too_deep(&dashes));
        let stairs: String = (0..201).map(|i| format!("{}a:\n", " ".repeat(i))).collect();
        assert!(too_deep(&stairs));
        let y = parse_all(&deep_indent);
        assert_eq!(y.entries[0].value.as_ref().unwrap().as_str(), Some("r ."));
    }

    #[test]
    fn a_list_is_not_a_mapping() {
        let y = parse_all("- a\n- b\n");
        assert_eq!(y.not_a_mapping, Some(0..7));
    }

    #[test]
    fn empty_values_and_crlf() {
        let t = "name:\r\ndescription: d\r\n";
        let y = parse_all(t);
        assert_eq!(y.entries[0].value, None);
        assert_eq!(y.entries[1].value.as_ref().unwrap().as_str(), Some("d"));
    }
}
