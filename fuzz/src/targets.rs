//! The fuzz targets: what runs on one input, the properties checked, and the features seen.

use crate::props::{self, Check};
use crate::rng::{Rng, hash_bytes, mix};
use persona_ls::analysis::symbols::{document_symbols, folding_ranges, selection_ranges};
use persona_ls::analysis::{Location, Parsed, analyze, analyze_parsed, completion, fix_all, hover};
use persona_ls::diagnostic::{Code, apply_edits};
use persona_ls::dialect::{How, Registry};
use persona_ls::syntax::front_matter;
use persona_ls::syntax::markdown::{self, OutlineCache};
use persona_ls::syntax::yaml::{self, NodeKind};
use persona_ls::text::{Encoding, LineIndex};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What every execution shares: built once per worker (a registry compiles its globs).
pub struct Ctx {
    pub registry: Arc<Registry>,
    pub dialect_ids: Vec<String>,
    /// An engine call slower than this is a failure.
    pub slow: Duration,
}

impl Ctx {
    pub fn new(slow: Duration) -> Ctx {
        let registry = Arc::new(Registry::builtin());
        let dialect_ids = registry.dialects.iter().map(|d| d.id.clone()).collect();
        Ctx {
            registry,
            dialect_ids,
            slow,
        }
    }
}

/// One input: the text and where it is analysed. `script` seeds the target's own choices (the
/// edit script of `edits`, which fixes and offsets `analyze` tries), so that a case replays.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Case {
    pub text: String,
    pub rel_path: String,
    /// A dialect id, as `--dialect` would force it.
    pub forced: Option<String>,
    pub script: u64,
    /// `edits`: how many `didChange` notifications.
    pub steps: u32,
    /// `edits`: the notifications themselves (JSON), instead of generating them from
    /// `script`; written by the minimiser.
    pub plan: Option<String>,
}

/// What one execution observed: features for the corpus, and the slowest engine call.
pub struct Probe {
    pub features: Vec<u64>,
    pub slowest: Option<(Duration, &'static str)>,
    pub rng: Rng,
}

impl Probe {
    pub fn new(script: u64) -> Probe {
        Probe {
            features: Vec::new(),
            slowest: None,
            rng: Rng::new(script),
        }
    }

    /// Times one engine call.
    pub fn time<T>(&mut self, what: &'static str, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let out = f();
        let d = start.elapsed();
        if self.slowest.is_none_or(|(s, _)| d > s) {
            self.slowest = Some((d, what));
        }
        out
    }

    pub fn feature(&mut self, tag: u64, a: u64, b: u64) {
        self.features
            .push(mix(tag.wrapping_mul(0x100_0000_01b3) ^ mix(a ^ mix(b))));
    }
}

/// 0, 1, 2, 3-4, 5-8, ... : counts as features without one feature per count.
pub fn bucket(n: usize) -> u64 {
    (usize::BITS - n.leading_zeros()) as u64
}

// Feature tags.
const F_DIALECT: u64 = 1;
const F_DIAG: u64 = 2;
const F_DIAG_COUNT: u64 = 3;
const F_FIXES: u64 = 4;
const F_FIX_RESULT: u64 = 5;
const F_OUTLINE: u64 = 6;
const F_YAML_PATH: u64 = 7;
const F_YAML_ERROR: u64 = 8;
const F_YAML_VALUE: u64 = 9;
const F_YAML_SHAPE: u64 = 10;
const F_SPLIT: u64 = 11;
const F_EDIT: u64 = 12;
const F_APPLIED: u64 = 13;
const F_FIX_ALL: u64 = 14;
const F_HOVER: u64 = 15;
const F_SLOW: u64 = 16;
const F_SYMBOLS: u64 = 17;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SelfTest {
    Abort,
    Panic,
    Hang,
    Slow,
    Property,
    Overflow,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Analyze,
    Yaml,
    Edits,
    Fixes,
    SelfTest(SelfTest),
}

pub const ALL: [Target; 4] = [Target::Analyze, Target::Yaml, Target::Edits, Target::Fixes];

/// `--replay --dump`: print what the engine returned (the YAML, the diagnostics with their
/// text and fixes, the fixed text) to stderr, for reading a failure.
pub static DUMP: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

pub fn dumping() -> bool {
    DUMP.load(std::sync::atomic::Ordering::Relaxed)
}

fn dump_diagnostics(text: &str, a: &persona_ls::analysis::Analysis) {
    eprintln!("dialect: {:?}", a.dialect);
    for d in &a.diagnostics {
        eprintln!(
            "{}[{}] {:?} {:?}: {}",
            d.severity.as_str(),
            d.code,
            d.range,
            text.get(d.range.clone()).unwrap_or("(not a valid range)"),
            d.message
        );
        for f in &d.fixes {
            eprintln!(
                "  fix{} {:?}: {:?}",
                if f.safe { "" } else { " (manual)" },
                f.title,
                f.edits
                    .iter()
                    .map(|e| (&e.range, &e.new_text))
                    .collect::<Vec<_>>()
            );
        }
    }
}

/// Self-test targets exist only with this variable set: they abort, panic or hang on purpose.
pub const SELFTEST_ENV: &str = "PERSONA_FUZZ_SELFTEST";

impl Target {
    pub fn parse(s: &str) -> Option<Target> {
        Some(match s {
            "analyze" => Target::Analyze,
            "yaml" => Target::Yaml,
            "edits" => Target::Edits,
            "fixes" => Target::Fixes,
            _ if std::env::var_os(SELFTEST_ENV).is_some_and(|v| v == "1") => {
                Target::SelfTest(match s {
                    "selftest-abort" => SelfTest::Abort,
                    "selftest-panic" => SelfTest::Panic,
                    "selftest-hang" => SelfTest::Hang,
                    "selftest-slow" => SelfTest::Slow,
                    "selftest-property" => SelfTest::Property,
                    "selftest-overflow" => SelfTest::Overflow,
                    _ => return None,
                })
            }
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Target::Analyze => "analyze",
            Target::Yaml => "yaml",
            Target::Edits => "edits",
            Target::Fixes => "fixes",
            Target::SelfTest(t) => match t {
                SelfTest::Abort => "selftest-abort",
                SelfTest::Panic => "selftest-panic",
                SelfTest::Hang => "selftest-hang",
                SelfTest::Slow => "selftest-slow",
                SelfTest::Property => "selftest-property",
                SelfTest::Overflow => "selftest-overflow",
            },
        }
    }

    /// Whether the analysis location (path, forced dialect) matters to this target.
    pub fn uses_location(self) -> bool {
        matches!(self, Target::Analyze | Target::Fixes | Target::Edits)
    }

    pub fn run(self, ctx: &Ctx, case: &Case, p: &mut Probe) -> Check {
        match self {
            Target::Analyze => run_analyze(ctx, case, p),
            Target::Yaml => run_yaml(case, p),
            Target::Edits => crate::edits::run(ctx, case, p),
            Target::Fixes => run_fixes(ctx, case, p),
            Target::SelfTest(t) => run_selftest(t, ctx, case, p),
        }
    }
}

pub fn location<'a>(ctx: &Ctx, case: &'a Case) -> Location<'a> {
    Location {
        rel_path: &case.rel_path,
        forced: case.forced.as_deref().and_then(|id| ctx.registry.by_id(id)),
        markers: Default::default(),
    }
}

fn how(h: How) -> u64 {
    match h {
        How::Path => 1,
        How::Content => 2,
        How::Forced => 3,
        How::Project => 4,
    }
}

/// Features of an analysis: the dialect, each (code, severity), counts per code.
pub fn analysis_features(p: &mut Probe, a: &persona_ls::analysis::Analysis) {
    let dialect = a.dialect.map_or(u64::MAX, |d| d.index as u64);
    p.feature(F_DIALECT, dialect, a.dialect.map_or(0, |d| how(d.how)));
    let mut counts: Vec<(Code, usize)> = Vec::new();
    for d in &a.diagnostics {
        p.feature(F_DIAG, dialect << 8 | d.severity as u64, d.code as u64);
        match counts.iter_mut().find(|(c, _)| *c == d.code) {
            Some((_, n)) => *n += 1,
            None => counts.push((d.code, 1)),
        }
        if !d.fixes.is_empty() {
            p.feature(
                F_FIXES,
                d.code as u64,
                bucket(d.fixes.len()) << 1 | d.fixes.iter().any(|f| f.safe) as u64,
            );
        }
    }
    for (c, n) in counts {
        p.feature(F_DIAG_COUNT, c as u64, bucket(n));
    }
}

fn split_ranges(text: &str, split: &front_matter::Split) -> Check {
    if split.body_start > text.len() || !text.is_char_boundary(split.body_start) {
        return Err(format!("body_start {} is not a boundary", split.body_start));
    }
    if let Some(b) = &split.block {
        props::range(text, &b.open, "front matter opening fence")?;
        props::range(text, &b.content, "front matter content")?;
        if let Some(c) = &b.close {
            props::range(text, c, "front matter closing fence")?;
            if c.start < b.content.end {
                return Err(format!(
                    "closing fence {c:?} before the end of the content {:?}",
                    b.content
                ));
            }
        }
        if let Some(n) = &b.near_close {
            props::range(text, n, "near-closing fence")?;
        }
        if b.content.start < b.open.end {
            return Err(format!(
                "content {:?} starts inside the opening fence {:?}",
                b.content, b.open
            ));
        }
    }
    Ok(())
}

/// An offset to ask about: the start or the end, a diagnostic's edge, in the front matter, or
/// anywhere (snapped to a character boundary by the engine; some land inside a character).
fn offset_to_probe(p: &mut Probe, text: &str, edges: &[usize]) -> usize {
    match p.rng.below(6) {
        0 => 0,
        1 => text.len(),
        2 if !edges.is_empty() => edges[p.rng.below(edges.len())],
        3 => p.rng.below(text.len().min(600) + 1),
        _ => p.rng.below(text.len() + 1),
    }
}

fn run_analyze(ctx: &Ctx, case: &Case, p: &mut Probe) -> Check {
    let text = case.text.as_str();
    let loc = location(ctx, case);
    let reg = &*ctx.registry;
    let parsed = p.time("Parsed::new", || Parsed::new(text));
    split_ranges(text, &parsed.split)?;
    let a = p.time("analyze", || analyze_parsed(text, &parsed, loc, reg));
    if dumping() {
        eprintln!("{:#?}", parsed.yaml);
        dump_diagnostics(text, &a);
    }
    analysis_features(p, &a);
    props::diagnostics(text, &a.diagnostics)?;
    // What `check` does next: every diagnostic's range as UTF-16 positions.
    p.time("LineIndex positions of every diagnostic", || {
        let index = LineIndex::new(text);
        for d in &a.diagnostics {
            std::hint::black_box(index.position(text, d.range.start, Encoding::Utf16));
            std::hint::black_box(index.position(text, d.range.end, Encoding::Utf16));
        }
    });

    // Apply some fixes (each alone, as a code action would) and analyse the result; fewer
    // for a large text, where each costs a whole analysis.
    let fixes: Vec<(Code, &persona_ls::diagnostic::Fix)> = a
        .diagnostics
        .iter()
        .flat_map(|d| d.fixes.iter().map(move |f| (d.code, f)))
        .collect();
    let tries = fixes.len().min(6).min((1 << 20) / text.len().max(1) + 1);
    for _ in 0..tries {
        let (code, fix) = fixes[p.rng.below(fixes.len())];
        let fixed = apply_edits(text, &fix.edits);
        let after = p.time("analyze after a fix", || analyze(&fixed, loc, reg));
        props::diagnostics(&fixed, &after.diagnostics)
            .map_err(|e| format!("after the fix {:?} of {code}: {e}", fix.title))?;
        let gone = !after.diagnostics.iter().any(|d| d.code == code);
        p.feature(F_FIX_RESULT, code as u64, gone as u64);
    }

    let edges: Vec<usize> = a
        .diagnostics
        .iter()
        .flat_map(|d| [d.range.start, d.range.end])
        .collect();
    // Structure: outline, symbols, folding and selection ranges, on every other input (the
    // Markdown parse costs as much as all the rest).
    if p.rng.chance(1, 2) {
        structure(text, &parsed, &edges, p)?;
    }

    // Hover and completion where the editor would ask.
    let workspace = |_: &str| Vec::new();
    for _ in 0..2 {
        let at = offset_to_probe(p, text, &edges);
        let h = p.time("hover", || {
            hover::hover(&hover::Request {
                text,
                parsed: &parsed,
                registry: reg,
                detected: a.dialect,
                offset: at,
                diagnostics: &a.diagnostics,
                workspace: &workspace,
            })
        });
        if let Some(h) = &h {
            props::range(text, &h.range, "hover")?;
        }
        let Some(detected) = a.dialect else { continue };
        let items = p.time("complete", || {
            completion::complete(&completion::Request {
                text,
                parsed: &parsed,
                registry: reg,
                dialect: &reg.dialects[detected.index],
                offset: at,
                snippets: at.is_multiple_of(2),
                lazy_docs: at.is_multiple_of(3),
                workspace: &workspace,
            })
        });
        for i in &items {
            props::range(text, &i.replace, &format!("completion {:?}", i.label))?;
        }
        p.feature(F_HOVER, h.is_some() as u64, bucket(items.len()));
    }
    Ok(())
}

/// The outline, symbols, folding and selection ranges of a document.
fn structure(text: &str, parsed: &Parsed, edges: &[usize], p: &mut Probe) -> Check {
    let outline = p.time("outline", || {
        markdown::outline(text, parsed.split.body_start, &mut OutlineCache::default())
    });
    p.feature(
        F_OUTLINE,
        bucket(outline.headings.len()),
        bucket(outline.code_blocks.len()) << 1,
    );
    props::outline(text, &outline)?;
    let symbols = p.time("document_symbols", || {
        document_symbols(text, parsed, &outline)
    });
    props::symbols(text, &symbols)?;
    p.feature(F_SYMBOLS, bucket(symbols.len()), 0);
    let folds = p.time("folding_ranges", || folding_ranges(parsed, &outline));
    props::folds(text, &folds)?;
    for _ in 0..3 {
        let at = offset_to_probe(p, text, edges);
        let ranges = p.time("selection_ranges", || {
            selection_ranges(text, parsed, &outline, at)
        });
        props::selection(text, at, &ranges)?;
    }

    Ok(())
}

fn node_kind(n: &yaml::Node) -> u64 {
    match &n.kind {
        NodeKind::Scalar(s) => 16 + (s.style as u64) * 8 + s.resolved as u64,
        NodeKind::Seq { flow, items } => 2 + *flow as u64 + (bucket(items.len()) << 8),
        NodeKind::Map { flow, entries } => 4 + *flow as u64 + (bucket(entries.len()) << 8),
        NodeKind::Other => 1,
        NodeKind::Deep => 3,
    }
}

/// The first words of a parser message, without the numbers (line and column).
fn message_prefix(m: &str) -> u64 {
    let words: String = m
        .split_whitespace()
        .take(4)
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| !c.is_ascii_digit())
        .collect();
    hash_bytes(words.as_bytes())
}

fn run_yaml(case: &Case, p: &mut Probe) -> Check {
    let text = case.text.as_str();
    let split = p.time("front_matter::split", || front_matter::split(text));
    split_ranges(text, &split)?;
    let Some(block) = &split.block else {
        p.feature(F_SPLIT, 0, split.bom as u64);
        return Ok(());
    };
    p.feature(
        F_SPLIT,
        1 + block.close.is_some() as u64 + 2 * block.near_close.is_some() as u64,
        split.bom as u64,
    );
    let content = block.content.clone();
    let fast = p.time("fast_path_accepts", || {
        yaml::fast_path_accepts(text, content.clone())
    });
    let y = p.time("yaml::parse", || yaml::parse(text, content.clone()));
    if dumping() {
        eprintln!("fast path: {fast}\n{y:#?}");
    }
    props::yaml(text, &content, &y)?;
    p.feature(
        F_YAML_PATH,
        fast as u64,
        bucket(y.entries.len()) << 4
            | bucket(y.stray.len()) << 1
            | y.not_a_mapping.is_some() as u64,
    );
    for e in &y.errors {
        p.feature(
            F_YAML_ERROR,
            message_prefix(&e.problem),
            e.entry.is_some() as u64,
        );
    }
    for e in &y.entries {
        p.feature(
            F_YAML_VALUE,
            e.value.as_ref().map_or(0, node_kind),
            e.valid as u64,
        );
    }
    p.feature(
        F_YAML_SHAPE,
        bucket(y.errors.len()),
        y.entries.iter().filter(|e| !e.valid).count() as u64,
    );
    p.time("libyaml as an oracle", || {
        agrees_with_libyaml(text, content.end, &y)
    })?;
    if fast {
        let full = p.time("yaml::parse_full", || {
            yaml::parse_full(text, content.clone())
        });
        props::yaml(text, &content, &full).map_err(|e| format!("parse_full: {e}"))?;
        if full != y {
            return Err(format!(
                "the fast path and the full parsers differ in {}",
                yaml_difference(&y, &full)
            ));
        }
    }
    Ok(())
}

/// A Debug rendering cut in the middle when long.
fn short(s: String) -> String {
    if s.chars().count() <= 160 {
        return s;
    }
    let head: String = s.chars().take(100).collect();
    let tail: String = s
        .chars()
        .rev()
        .take(50)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    format!("{head}…{tail}")
}

/// Which part of an entry differs first (named first in the message, so that two inputs
/// with the same difference share a signature).
fn entry_difference(a: &yaml::Entry, b: &yaml::Entry) -> Option<String> {
    let field = |name: &str, x: String, y: String| {
        Some(format!("{name}: fast {} vs full {}", short(x), short(y)))
    };
    if a.key != b.key {
        return field("key", format!("{:?}", a.key), format!("{:?}", b.key));
    }
    if a.valid != b.valid {
        return field("validity", a.valid.to_string(), b.valid.to_string());
    }
    if a.key_range != b.key_range {
        return field(
            "key range",
            format!("{:?}", a.key_range),
            format!("{:?}", b.key_range),
        );
    }
    if a.range != b.range {
        return field(
            "entry range",
            format!("{:?}", a.range),
            format!("{:?}", b.range),
        );
    }
    if a.after_colon != b.after_colon {
        return field(
            "after_colon",
            a.after_colon.to_string(),
            b.after_colon.to_string(),
        );
    }
    match (&a.value, &b.value) {
        (Some(x), Some(y)) if x.range != y.range => field(
            "value range",
            format!("{:?}", x.range),
            format!("{:?}", y.range),
        ),
        (Some(x), Some(y)) => match (&x.kind, &y.kind) {
            (NodeKind::Scalar(s), NodeKind::Scalar(t)) if s.value != t.value => field(
                "scalar value",
                format!("{:?}", s.value),
                format!("{:?}", t.value),
            ),
            (NodeKind::Scalar(s), NodeKind::Scalar(t)) if s.style != t.style => field(
                "scalar style",
                format!("{:?}", s.style),
                format!("{:?}", t.style),
            ),
            (NodeKind::Scalar(s), NodeKind::Scalar(t)) if s.resolved != t.resolved => field(
                "scalar type",
                format!("{:?}", s.resolved),
                format!("{:?}", t.resolved),
            ),
            (x, y) if x != y => field("value", format!("{x:?}"), format!("{y:?}")),
            _ => None,
        },
        (x, y) if x != y => field("value", format!("{x:?}"), format!("{y:?}")),
        _ => None,
    }
}

fn yaml_difference(fast: &yaml::Yaml, full: &yaml::Yaml) -> String {
    if fast.entries.len() != full.entries.len() {
        return format!(
            "the number of entries: fast {} {} vs full {} {}",
            fast.entries.len(),
            short(format!(
                "{:?}",
                fast.entries.iter().map(|e| &e.key).collect::<Vec<_>>()
            )),
            full.entries.len(),
            short(format!(
                "{:?}",
                full.entries.iter().map(|e| &e.key).collect::<Vec<_>>()
            ))
        );
    }
    for (i, (a, b)) in fast.entries.iter().zip(&full.entries).enumerate() {
        if let Some(d) = entry_difference(a, b) {
            return format!("{d} (entry {i}, {})", short(format!("{:?}", a.key)));
        }
    }
    format!(
        "the rest: stray {:?} vs {:?}, errors {} vs {}, not_a_mapping {:?} vs {:?}",
        fast.stray,
        full.stray,
        short(format!("{:?}", fast.errors)),
        short(format!("{:?}", full.errors)),
        fast.not_a_mapping,
        full.not_a_mapping
    )
}

/// How a list's or a mapping's length differs from libyaml's, if it does.
fn count_difference(
    path: &str,
    what: &str,
    parts: &str,
    ours: usize,
    libyaml: usize,
) -> Option<String> {
    (ours != libyaml)
        .then(|| format!("{path}: {what} of {ours} {parts} where libyaml reads {libyaml}"))
}

/// How the engine's tree and libyaml differ on one value, if they do: structure (list, map,
/// scalar, lengths, keys) and the text of string scalars. Numbers, booleans, nulls and tagged
/// values are only checked to be scalars; aliases and over-deep values (`Other`) are skipped.
fn value_difference(
    node: Option<&yaml::Node>,
    v: &serde_yaml_ng::Value,
    path: &str,
    depth: usize,
) -> Option<String> {
    use serde_yaml_ng::Value as V;
    let Some(node) = node else {
        return (!matches!(v, V::Null)).then(|| {
            format!(
                "{path}: no value, libyaml reads {}",
                short(format!("{v:?}"))
            )
        });
    };
    if depth > 200
        || matches!(node.kind, NodeKind::Other | NodeKind::Deep)
        || matches!(v, V::Tagged(_))
    {
        return None;
    }
    let kind = |n: &yaml::Node| match &n.kind {
        NodeKind::Scalar(_) => "a scalar",
        NodeKind::Seq { .. } => "a list",
        NodeKind::Map { .. } => "a mapping",
        NodeKind::Other | NodeKind::Deep => "other",
    };
    match (&node.kind, v) {
        (NodeKind::Scalar(s), V::String(t)) => (s.value != *t).then(|| {
            format!(
                "{path}: the text {} ({:?}) where libyaml reads {}",
                short(format!("{:?}", s.value)),
                s.style,
                short(format!("{t:?}"))
            )
        }),
        (NodeKind::Scalar(_), V::Bool(_) | V::Number(_) | V::Null) => None,
        (NodeKind::Seq { items, .. }, V::Sequence(seq)) => {
            if let Some(d) = count_difference(path, "a list", "items", items.len(), seq.len()) {
                return Some(d);
            }
            items.iter().zip(seq).enumerate().find_map(|(i, (n, v))| {
                value_difference(Some(n), v, &format!("{path}[{i}]"), depth + 1)
            })
        }
        (NodeKind::Map { entries, .. }, V::Mapping(m)) => {
            if let Some(d) = count_difference(path, "a mapping", "entries", entries.len(), m.len())
            {
                return Some(d);
            }
            entries.iter().find_map(|e| {
                let v = m.get(V::String(e.key.clone()))?;
                value_difference(
                    e.value.as_ref(),
                    v,
                    &format!("{path}.{:?}", e.key),
                    depth + 1,
                )
            })
        }
        (_, v) => Some(format!(
            "{path}: {} {} where libyaml reads {}",
            kind(node),
            short(format!("{:?}", node.range)),
            short(format!("{v:?}"))
        )),
    }
}

/// Every valid top-level entry reads as libyaml reads it alone.
fn agrees_with_libyaml(text: &str, block_end: usize, y: &yaml::Yaml) -> Check {
    let line_start = |at: usize| text[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    for e in y.entries.iter().filter(|e| e.valid) {
        // The entry's whole lines, from the start of its key's line (indentation included) to
        // its last line's break, and the lines of nothing but blanks after it (in a block
        // scalar a line of spaces is text), as the engine's own strict parse sees them; not
        // past the block.
        let start = line_start(e.key_range.start);
        let mut end = match text[e.range.end..].find(['\n', '\r']) {
            Some(i) => front_matter::next_line_start(text, e.range.end + i),
            None => text.len(),
        };
        while end < block_end {
            let next = match text[end..].find(['\n', '\r']) {
                Some(i) => front_matter::next_line_start(text, end + i),
                None => text.len(),
            };
            if !text[end..next]
                .trim_matches([' ', '\t', '\n', '\r'])
                .is_empty()
            {
                break;
            }
            end = next;
        }
        let end = end.min(block_end.max(start));
        let line_start = start;
        let Ok(serde_yaml_ng::Value::Mapping(m)) =
            serde_yaml_ng::from_str::<serde_yaml_ng::Value>(&text[line_start..end])
        else {
            continue;
        };
        if m.len() != 1 {
            continue;
        }
        let Some((k, v)) = m.iter().next() else {
            continue;
        };
        match k.as_str() {
            Some(k) if k != e.key => {
                return Err(format!(
                    "the tree and libyaml differ: the key {} where libyaml reads {}",
                    short(format!("{:?}", e.key)),
                    short(format!("{k:?}"))
                ));
            }
            Some(_) => {}
            None => continue,
        }
        if let Some(d) = value_difference(e.value.as_ref(), v, "value", 0) {
            return Err(format!(
                "the tree and libyaml differ in entry {}: {d}",
                short(format!("{:?}", e.key))
            ));
        }
    }
    Ok(())
}

/// Codes whose fixes rebuild or close the front matter: after them, new YAML errors can
/// legitimately come to light.
const STRUCTURAL: &[Code] = &[
    Code::YamlSyntax,
    Code::UnclosedFrontMatter,
    Code::MissingFrontMatter,
    Code::RenderedFrontMatter,
    Code::NotAMapping,
];

fn run_fixes(ctx: &Ctx, case: &Case, p: &mut Probe) -> Check {
    let text = case.text.as_str();
    let loc = location(ctx, case);
    let reg = &*ctx.registry;
    let before = p.time("analyze", || analyze(text, loc, reg));
    analysis_features(p, &before);
    for d in &before.diagnostics {
        if d.fixes.iter().any(|f| f.safe) {
            p.feature(F_FIX_ALL, 1, d.code as u64);
        }
    }
    if dumping() {
        dump_diagnostics(text, &before);
    }
    let fixed = p.time("fix_text", || fix_all::fix_text(text, loc, reg));
    if dumping() {
        eprintln!("fixed: {fixed:?}");
    }
    let Some(fixed) = fixed else {
        p.feature(F_FIX_ALL, 0, 0);
        return Ok(());
    };
    if fixed == text {
        return Err("fix_text returned the text unchanged instead of None".into());
    }
    props::fixed_text(text, &fixed)?;
    let after = p.time("analyze the fixed text", || analyze(&fixed, loc, reg));
    props::diagnostics(&fixed, &after.diagnostics).map_err(|e| format!("after fix_text: {e}"))?;
    for d in &after.diagnostics {
        p.feature(F_FIX_ALL, 2, d.code as u64);
    }
    if let Some(again) = p.time("fix_text again", || fix_all::fix_text(&fixed, loc, reg))
        && again != fixed
    {
        return Err(format!(
            "fix_text is not idempotent: the fixed text still has safe fixes ({}) that change it again; {}",
            safe_codes(&after.diagnostics),
            props::first_difference(&fixed, &again)
        ));
    }
    let structural = before
        .diagnostics
        .iter()
        .any(|d| STRUCTURAL.contains(&d.code));
    if !structural
        && let Some(d) = after
            .diagnostics
            .iter()
            .find(|d| d.code == Code::YamlSyntax)
    {
        return Err(format!(
            "the safe fixes ({}) turned valid YAML into a syntax error: {:?} at {:?} ({:?})",
            safe_codes(&before.diagnostics),
            d.message,
            d.range,
            &fixed[d.range.clone()]
        ));
    }
    Ok(())
}

fn run_selftest(t: SelfTest, ctx: &Ctx, case: &Case, p: &mut Probe) -> Check {
    // Fires on about one input in 61, so that the harness has run a while first.
    if !hash_bytes(case.text.as_bytes()).is_multiple_of(61) {
        return Ok(());
    }
    match t {
        SelfTest::Abort => std::process::abort(),
        SelfTest::Panic => panic!("selftest: a panic on purpose"),
        SelfTest::Hang => loop {
            std::thread::sleep(Duration::from_secs(1));
        },
        SelfTest::Slow => {
            let d = ctx.slow + Duration::from_millis(50);
            p.time("selftest sleep", || std::thread::sleep(d));
            Ok(())
        }
        SelfTest::Property => Err("selftest: a broken property on purpose".into()),
        SelfTest::Overflow => {
            #[allow(unconditional_recursion)]
            fn deeper(n: u64) -> u64 {
                let frame = std::hint::black_box([n; 64]);
                deeper(n + 1).wrapping_add(frame[(n % 64) as usize])
            }
            std::hint::black_box(deeper(0));
            Ok(())
        }
    }
}

/// Features of a slow execution: how slow per byte, in powers of two, so that the corpus
/// keeps inputs that are slower for their size than any before them.
pub fn time_feature(p: &mut Probe, len: usize) {
    if let Some((d, what)) = p.slowest
        && d > Duration::from_millis(10)
    {
        let per_byte = d.as_nanos() as u64 / (len as u64).max(1);
        p.feature(
            F_SLOW,
            bucket(per_byte as usize),
            hash_bytes(what.as_bytes()),
        );
    }
}

pub const F_EDIT_TAG: u64 = F_EDIT;
pub const F_APPLIED_TAG: u64 = F_APPLIED;

/// The codes of the diagnostics that have a safe fix, for messages.
fn safe_codes(diagnostics: &[persona_ls::diagnostic::Diagnostic]) -> String {
    diagnostics
        .iter()
        .filter(|d| d.fixes.iter().any(|f| f.safe))
        .map(|d| d.code.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}
