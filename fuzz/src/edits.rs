//! The `edits` target: a language-server document receiving random `didChange` notifications,
//! checked against a plain-string model.
//!
//! The model follows the rules `Document` documents: a position is clamped to the end of its
//! line (before the break), a line past the end to the end of the text, a column inside a
//! character snaps to its start (`LineIndex::offset`, which the document's own index mirrors), a
//! reversed range is read forwards, a change without a range replaces the whole text. Changes
//! count in version order: a late one goes before the changes with higher versions, unless
//! it is older than the undo log (or repeats a version), when it is applied last and the log
//! is forgotten. The model keeps the changes since the last such reset and folds them in
//! version order; it predicts how each change is applied while its log is well below the
//! document's bounds, and afterwards only checks what the document reports.

use crate::mutate::TOKENS;
use crate::props::{self, Check};
use crate::rng::Rng;
use crate::targets::{Case, Ctx, F_APPLIED_TAG, F_EDIT_TAG, Probe, bucket, location};
use persona_ls::document::{Applied, Body, Document};
use persona_ls::lsp::from_proto;
use persona_ls::syntax::front_matter;
use persona_ls::syntax::markdown::{self, OutlineCache};
use persona_ls::text::{Encoding, LineIndex, Position};
use tower_lsp_server::ls_types as lsp;

type Change = lsp::TextDocumentContentChangeEvent;

/// Documents larger than this are cut: the model re-folds its log on every late change.
pub const MAX_DOC: usize = 256 * 1024;

/// While the model's log is within these, it knows the document's log holds the same
/// changes (the document's own bounds are 64 changes and 256 KB).
const CERTAIN_ENTRIES: usize = 32;
const CERTAIN_BYTES: usize = 64 * 1024;

struct Entry {
    version: i32,
    changes: Vec<Change>,
    /// Inserted plus removed bytes, as the document counts its log.
    bytes: usize,
}

struct Model {
    base: String,
    log: Vec<Entry>,
    text: String,
    max_version: i32,
    forgotten: i32,
    certain: bool,
    enc: Encoding,
}

/// Applies one change to a string as the document does; returns the bytes it removed.
fn apply(text: &mut String, c: &Change, enc: Encoding) -> usize {
    let (start, end) = match c.range {
        None => (0, text.len()),
        Some(r) => {
            let idx = LineIndex::new(text);
            let a = idx.offset(text, pos(r.start), enc);
            let b = idx.offset(text, pos(r.end), enc);
            (a.min(b), a.max(b))
        }
    };
    text.replace_range(start..end, &c.text);
    end - start
}

fn pos(p: lsp::Position) -> Position {
    Position {
        line: p.line,
        character: p.character,
    }
}

impl Model {
    fn new(text: &str, version: i32, enc: Encoding) -> Model {
        Model {
            base: text.to_string(),
            log: Vec::new(),
            text: text.to_string(),
            max_version: version,
            forgotten: version,
            certain: true,
            enc,
        }
    }

    fn predict(&self, version: i32) -> Option<Applied> {
        if version > self.max_version {
            return Some(Applied::InOrder);
        }
        if !self.certain {
            return None;
        }
        if version <= self.forgotten || self.log.iter().any(|e| e.version == version) {
            return Some(Applied::Late);
        }
        let redone = self.log.iter().filter(|e| e.version > version).count();
        Some(Applied::Reordered { redone })
    }

    fn entry(&self, text: &mut String, version: i32, changes: &[Change]) -> Entry {
        let mut bytes = 0;
        for c in changes {
            bytes += apply(text, c, self.enc) + c.text.len();
        }
        Entry {
            version,
            changes: changes.to_vec(),
            bytes,
        }
    }

    fn refold(&mut self) {
        let mut text = self.base.clone();
        let log = std::mem::take(&mut self.log);
        let mut out = Vec::with_capacity(log.len());
        for e in log {
            out.push(self.entry(&mut text, e.version, &e.changes));
        }
        self.log = out;
        self.text = text;
    }

    /// Takes a change the way the document reports it took it, after checking the report.
    fn deliver(&mut self, version: i32, changes: &[Change], got: Applied) -> Check {
        if let Some(expected) = self.predict(version)
            && expected != got
        {
            return Err(format!(
                "version {version} (highest {}, log {:?}, forgotten {}): applied {got:?}, expected {expected:?}",
                self.max_version,
                self.log.iter().map(|e| e.version).collect::<Vec<_>>(),
                self.forgotten
            ));
        }
        match got {
            Applied::InOrder => {
                if version <= self.max_version {
                    return Err(format!(
                        "version {version} applied in order after version {}",
                        self.max_version
                    ));
                }
                let mut text = std::mem::take(&mut self.text);
                let e = self.entry(&mut text, version, changes);
                self.text = text;
                self.log.push(e);
                self.max_version = version;
            }
            Applied::Reordered { redone } => {
                let later = self.log.iter().filter(|e| e.version > version).count();
                if redone != later || self.log.iter().any(|e| e.version == version) {
                    return Err(format!(
                        "version {version} reordered before {redone} changes; the log has {later} later ones: {:?}",
                        self.log.iter().map(|e| e.version).collect::<Vec<_>>()
                    ));
                }
                let at = self.log.partition_point(|e| e.version < version);
                self.log.insert(
                    at,
                    Entry {
                        version,
                        changes: changes.to_vec(),
                        bytes: 0,
                    },
                );
                self.refold();
            }
            Applied::Late => {
                for c in changes {
                    apply(&mut self.text, c, self.enc);
                }
                self.base = self.text.clone();
                self.log.clear();
                self.forgotten = self.max_version;
                self.certain = true;
            }
        }
        let bytes: usize = self.log.iter().map(|e| e.bytes).sum();
        if self.log.len() > CERTAIN_ENTRIES || bytes > CERTAIN_BYTES {
            self.certain = false;
        }
        Ok(())
    }
}

#[derive(Clone, Copy)]
enum PosKind {
    Valid,
    InsideChar,
    PastLineEnd,
    PastLastLine,
    MaxColumn,
}

/// A position in `text`: mostly valid, sometimes past the end of its line or of the text, or
/// inside a multi-byte character (a UTF-16 unit inside a surrogate pair, a UTF-8 byte inside a
/// sequence).
fn position(rng: &mut Rng, text: &str, idx: &LineIndex, enc: Encoding) -> (lsp::Position, PosKind) {
    let boundary = |rng: &mut Rng| {
        let at = match rng.below(3) {
            0 => rng.below(text.len().min(600) + 1),
            _ => rng.below(text.len() + 1),
        };
        persona_ls::text::floor_char_boundary(text, at)
    };
    let lsp_pos = |p: Position| lsp::Position {
        line: p.line,
        character: p.character,
    };
    match rng.below(12) {
        0 => {
            // Inside a character: find one with more than one unit near a random spot.
            let from = boundary(rng);
            let wide = text[from..].char_indices().find(|(_, c)| match enc {
                Encoding::Utf8 => c.len_utf8() > 1,
                Encoding::Utf16 => c.len_utf16() > 1,
            });
            match wide {
                Some((i, _)) => {
                    let p = idx.position(text, from + i, enc);
                    (
                        lsp::Position {
                            line: p.line,
                            character: p.character + 1,
                        },
                        PosKind::InsideChar,
                    )
                }
                None => (lsp_pos(idx.position(text, from, enc)), PosKind::Valid),
            }
        }
        1 => {
            let p = idx.position(text, boundary(rng), enc);
            let extra = if rng.chance(1, 4) {
                u32::MAX - p.character
            } else {
                rng.log_uniform(100) as u32
            };
            (
                lsp::Position {
                    line: p.line,
                    character: p.character.saturating_add(extra),
                },
                PosKind::PastLineEnd,
            )
        }
        2 => {
            let line = if rng.chance(1, 4) {
                u32::MAX
            } else {
                (idx.line_count() + rng.below(3)) as u32
            };
            (
                lsp::Position {
                    line,
                    character: rng.below(5) as u32,
                },
                PosKind::PastLastLine,
            )
        }
        3 => {
            let p = idx.position(text, boundary(rng), enc);
            (
                lsp::Position {
                    line: p.line,
                    character: u32::MAX,
                },
                PosKind::MaxColumn,
            )
        }
        _ => (
            lsp_pos(idx.position(text, boundary(rng), enc)),
            PosKind::Valid,
        ),
    }
}

/// One `didChange`'s content changes, made against `text` (which they are applied to).
fn changes(rng: &mut Rng, text: &mut String, enc: Encoding, p: &mut Probe) -> Vec<Change> {
    let n = if rng.chance(1, 5) { rng.range(2, 3) } else { 1 };
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let c = if rng.chance(1, 30) {
            // A full-text replacement: what clients without incremental sync send.
            let new = match rng.below(3) {
                0 => String::new(),
                1 => {
                    let cut =
                        persona_ls::text::floor_char_boundary(text, rng.below(text.len() + 1));
                    text[..cut].to_string()
                }
                _ => format!("{text}{}", rng.pick(TOKENS)),
            };
            p.feature(F_EDIT_TAG, 100, 0);
            Change {
                range: None,
                range_length: None,
                text: new,
            }
        } else {
            let idx = LineIndex::new(text);
            let (start, k1) = position(rng, text, &idx, enc);
            let (end, k2) = match rng.below(4) {
                0 => position(rng, text, &idx, enc),
                1 => (start, k1),
                _ => {
                    let mut e = start;
                    e.character = e.character.saturating_add(rng.log_uniform(16) as u32);
                    (e, k1)
                }
            };
            let (start, end) = if rng.chance(1, 10) {
                (end, start)
            } else {
                (start, end)
            };
            let new: String = match rng.below(5) {
                0 => String::new(),
                1 => {
                    let k = rng.log_uniform(200);
                    rng.pick(TOKENS).repeat(k)
                }
                _ => (0..rng.range(1, 3)).map(|_| *rng.pick(TOKENS)).collect(),
            };
            p.feature(F_EDIT_TAG, k1 as u64, k2 as u64);
            Change {
                range: Some(lsp::Range { start, end }),
                range_length: None,
                text: new,
            }
        };
        apply(text, &c, enc);
        out.push(c);
    }
    out
}

/// The outline as the server computes it after edits (unchanged pieces from the cache of the
/// last computation) against a fresh computation.
fn outline_check(text: &str, body: &mut Body) -> Check {
    let body_start = front_matter::split(text).body_start;
    let cached = markdown::outline(text, body_start, &mut body.cache);
    let fresh = markdown::outline(text, body_start, &mut OutlineCache::default());
    props::outline(text, &cached)?;
    if cached != fresh {
        let what = if cached.headings != fresh.headings {
            "headings"
        } else {
            "code blocks"
        };
        let heads = |o: &markdown::Outline| {
            o.headings
                .iter()
                .take(4)
                .map(|h| h.range.clone())
                .collect::<Vec<_>>()
        };
        return Err(format!(
            "the outline from cached pieces differs from a fresh one in its {what}: {} headings {:?} vs {} {:?}",
            cached.headings.len(),
            heads(&cached),
            fresh.headings.len(),
            heads(&fresh),
        ));
    }
    Ok(())
}

/// Computes the outline as the server does when a feature asks for it, keeping the pieces.
fn reparse(doc: &mut Document) {
    let current = doc.current().clone();
    let body_start = front_matter::split(current.text()).body_start;
    let outline = markdown::outline(current.text(), body_start, &mut doc.body.cache);
    doc.body.outline = Some((doc.revision(), std::sync::Arc::new(outline)));
}

/// One `didChange`, and whether a feature then asks for the outline (`outline` below 10 of 60
/// with a tree kept: check it and re-parse; below 6 without one: parse it).
struct Step {
    version: i32,
    changes: Vec<Change>,
    outline: u8,
}

/// Everything an `edits` execution does, so that a failure replays without the generator
/// (and the minimiser can drop notifications and shrink the text under them).
struct Plan {
    enc: Encoding,
    open: i32,
    /// Whether the Markdown tree is parsed when the document opens.
    body: bool,
    /// Versions were not garbled on purpose: the end text must be the client's.
    check_client: bool,
    steps: Vec<Step>,
}

fn generate(rng: &mut Rng, start_text: &str, steps: usize, p: &mut Probe) -> Plan {
    let enc = if rng.chance(1, 2) {
        Encoding::Utf16
    } else {
        Encoding::Utf8
    };
    let open = rng.range(0, 3) as i32 - 1;
    let body = rng.chance(1, 2);
    // The notifications, made in version order against the client's text.
    let mode = rng.below(10);
    let mut client = start_text.to_string();
    let mut version = open;
    let mut plan: Vec<Step> = Vec::with_capacity(steps);
    for _ in 0..steps {
        version = version.saturating_add(if rng.chance(1, 4) {
            rng.range(2, 5) as i32
        } else {
            1
        });
        let v = if mode == 9 && rng.chance(1, 3) {
            // Chaos: a repeated, old or far-future version.
            open + rng.range(0, steps * 2) as i32 - 3
        } else {
            version
        };
        let changes = changes(rng, &mut client, enc, p);
        plan.push(Step {
            version: v,
            changes,
            outline: rng.below(60) as u8,
        });
        if client.len() > MAX_DOC {
            break;
        }
    }
    if (7..=8).contains(&mode) {
        // Delivered out of order within small windows, as Helix 25.01 does.
        let mut shuffled = Vec::with_capacity(plan.len());
        let mut rest = plan;
        while !rest.is_empty() {
            let w = rng.range(2, 6).min(rest.len());
            let mut window: Vec<_> = rest.drain(..w).collect();
            while !window.is_empty() {
                let i = rng.below(window.len());
                shuffled.push(window.remove(i));
            }
        }
        plan = shuffled;
    }
    p.feature(F_EDIT_TAG, 200 + mode as u64, enc as u64);
    Plan {
        enc,
        open,
        body,
        check_client: mode != 9,
        steps: plan,
    }
}

fn plan_to_json(plan: &Plan) -> String {
    let steps: Vec<serde_json::Value> = plan
        .steps
        .iter()
        .map(|s| {
            serde_json::json!({
                "version": s.version,
                "outline": s.outline,
                "changes": s.changes,
            })
        })
        .collect();
    serde_json::json!({
        "enc": if plan.enc == Encoding::Utf8 { "utf-8" } else { "utf-16" },
        "open": plan.open,
        "body": plan.body,
        "check_client": plan.check_client,
        "steps": steps,
    })
    .to_string()
}

fn plan_from_json(s: &str) -> Result<Plan, String> {
    let bad = |what: &str| format!("the edit plan has no valid {what}");
    let v: serde_json::Value =
        serde_json::from_str(s).map_err(|e| format!("the edit plan: {e}"))?;
    let steps = v["steps"]
        .as_array()
        .ok_or_else(|| bad("steps"))?
        .iter()
        .map(|st| {
            Ok(Step {
                version: st["version"].as_i64().ok_or_else(|| bad("version"))? as i32,
                outline: st["outline"].as_u64().unwrap_or(59) as u8,
                changes: serde_json::from_value(st["changes"].clone())
                    .map_err(|e| format!("the edit plan's changes: {e}"))?,
            })
        })
        .collect::<Result<Vec<Step>, String>>()?;
    Ok(Plan {
        enc: if v["enc"] == "utf-8" {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        },
        open: v["open"].as_i64().ok_or_else(|| bad("open"))? as i32,
        body: v["body"].as_bool().unwrap_or(false),
        check_client: v["check_client"].as_bool().unwrap_or(false),
        steps,
    })
}

/// The start of the text that `edits` opens.
fn start_text(case: &Case) -> &str {
    &case.text[..persona_ls::text::floor_char_boundary(&case.text, MAX_DOC)]
}

/// The plan a case runs, as JSON: what `--minimize` works on.
pub fn materialize(case: &Case) -> String {
    let mut rng = Rng::new(case.script);
    let mut p = Probe::new(0);
    plan_to_json(&generate(
        &mut rng,
        start_text(case),
        case.steps.max(1) as usize,
        &mut p,
    ))
}

/// The same plan without the steps in `drop`, for the minimiser.
pub fn plan_steps(plan: &str) -> Option<(serde_json::Value, Vec<serde_json::Value>)> {
    let mut v: serde_json::Value = serde_json::from_str(plan).ok()?;
    let steps = v.get_mut("steps")?.take().as_array()?.clone();
    Some((v, steps))
}

pub fn plan_with_steps(base: &serde_json::Value, steps: &[serde_json::Value]) -> String {
    let mut v = base.clone();
    v["steps"] = serde_json::Value::Array(steps.to_vec());
    v.to_string()
}

pub fn run(ctx: &Ctx, case: &Case, p: &mut Probe) -> Check {
    let mut rng = Rng::new(case.script);
    let start_text = start_text(case);
    let plan = match &case.plan {
        Some(json) => plan_from_json(json)?,
        None => generate(&mut rng, start_text, case.steps.max(1) as usize, p),
    };
    let enc = plan.enc;
    let mut doc = Document::new(start_text.to_string(), plan.open);
    let mut model = Model::new(start_text, plan.open, enc);
    if plan.body {
        reparse(&mut doc);
    }
    // The text the client has: every change in version order.
    let client = plan.check_client.then(|| {
        let mut order: Vec<&Step> = plan.steps.iter().collect();
        order.sort_by_key(|s| s.version);
        let mut t = start_text.to_string();
        for s in order {
            for c in &s.changes {
                apply(&mut t, c, enc);
            }
        }
        t
    });
    // Spot checks of positions: their own generator, so that a plan replays alike.
    let mut spot = Rng::new(case.script ^ 0x5107_c4ec);

    let mut late = 0;
    for (
        step,
        Step {
            version,
            changes,
            outline,
        },
    ) in plan.steps.into_iter().enumerate()
    {
        // A change in order is made against the current text: the document's line index
        // (edited in place) and a fresh one must place its positions alike.
        if version > doc.version()
            && let Some(r) = changes.first().and_then(|c| c.range)
        {
            let idx = LineIndex::new(doc.text());
            for q in [r.start, r.end] {
                let (a, b) = (
                    from_proto::offset(doc.current(), q, enc),
                    idx.offset(doc.text(), pos(q), enc),
                );
                if a != b {
                    return Err(format!(
                        "step {step}: {q:?} ({enc:?}) is offset {a} in the document, {b} in a fresh line index"
                    ));
                }
            }
        }
        let engine_changes = from_proto::changes(changes.clone());
        let got = p.time("Document::change", || {
            doc.change(version, engine_changes, enc)
        });
        p.feature(
            F_APPLIED_TAG,
            match got {
                Applied::InOrder => 0,
                Applied::Reordered { redone } => 1 + bucket(redone),
                Applied::Late => 99,
            },
            model.certain as u64,
        );
        late += usize::from(got == Applied::Late);
        if crate::targets::dumping() {
            eprintln!(
                "step {step}: version {version} {got:?}: {}\n  -> {:?}",
                short_changes(&changes),
                doc.text()
            );
        }
        model
            .deliver(version, &changes, got)
            .map_err(|e| format!("step {step}: {e}"))?;
        if doc.text() != model.text {
            return Err(format!(
                "step {step}: version {version} ({got:?}, {enc:?}, changes {}): the document's text differs from the model: {}",
                short_changes(&changes),
                props::first_difference(doc.text(), &model.text)
            ));
        }
        let idx = LineIndex::new(doc.text());
        if doc.current().line_count() != idx.line_count() {
            return Err(format!(
                "step {step}: the document's line index has {} lines, a fresh one {}",
                doc.current().line_count(),
                idx.line_count()
            ));
        }
        for _ in 0..2 {
            let at = spot.below(doc.text().len() + 1);
            let a = doc.current().position(at, enc);
            let b = idx.position(doc.text(), at, enc);
            if a != b {
                return Err(format!(
                    "step {step}: offset {at} is {a:?} in the document's line index, {b:?} in a fresh one ({enc:?})"
                ));
            }
        }
        if doc.body.outline.is_some() && outline < 10 {
            let text = doc.current().clone();
            outline_check(text.text(), &mut doc.body).map_err(|e| format!("step {step}: {e}"))?;
            reparse(&mut doc);
        } else if doc.body.outline.is_none() && outline < 6 {
            reparse(&mut doc);
        }
    }
    if let Some(client) = client
        && late == 0
        && doc.text() != client
    {
        return Err(format!(
            "every change was put in order, yet the text is not the client's: {}",
            props::first_difference(doc.text(), &client)
        ));
    }
    if doc.body.outline.is_some() {
        let text = doc.current().clone();
        outline_check(text.text(), &mut doc.body).map_err(|e| format!("at the end: {e}"))?;
    }
    let text = doc.text().to_string();
    let a = p.time("analyze the edited text", || {
        persona_ls::analysis::analyze(&text, location(ctx, case), &ctx.registry)
    });
    crate::targets::analysis_features(p, &a);
    props::diagnostics(&text, &a.diagnostics)
}

fn short_changes(changes: &[Change]) -> String {
    changes
        .iter()
        .map(|c| {
            let t: String = c.text.chars().take(40).collect();
            match c.range {
                Some(r) => format!(
                    "{}:{}-{}:{} {:?}",
                    r.start.line, r.start.character, r.end.line, r.end.character, t
                ),
                None => format!("full {:?} ({} bytes)", t, c.text.len()),
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}
