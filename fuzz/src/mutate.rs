//! Structure-aware mutations of persona files. They work on bytes (a flipped bit may split a
//! character) and the result is repaired to UTF-8 with `from_utf8_lossy`: `persona-ls check`
//! rejects files that are not UTF-8 before any analysis, so only `&str` inputs matter, and a
//! repaired input is still a useful one.

use crate::rng::Rng;

/// Tokens that matter to the front-matter splitter, the YAML parsers and the Markdown parser.
pub const TOKENS: &[&str] = &[
    "---\n",
    "---",
    "- ",
    "-",
    "[",
    "]",
    "{",
    "}",
    ": ",
    ":",
    ",",
    "\n",
    "\r\n",
    "\r",
    "\t",
    " ",
    "  ",
    "'",
    "\"",
    "|",
    "|-",
    "|+",
    ">",
    ">-",
    "#",
    " #",
    "&a ",
    "*a",
    "!!str ",
    "!tag ",
    "? ",
    "\\n",
    "\\",
    "%YAML 1.2\n",
    "...\n",
    "\u{FEFF}",
    "\u{200B}",
    "\u{200D}",
    "\u{202E}",
    "\u{2066}",
    "\u{00AD}",
    "\u{E0041}",
    "\u{0}",
    "\u{7f}",
    "\u{85}",
    "\u{2028}",
    "\u{FFFD}",
    "🏗️",
    "👨‍💻",
    "é",
    "名前",
    "tools: ",
    "model: ",
    "name: ",
    "description: ",
    "color: ",
    "emoji: ",
    "vibe: ",
    "globs: ",
    "alwaysApply: ",
    "allowed-tools: ",
    "mode: ",
    "<example>",
    "</example>",
    "](./x.md)",
    "[link](",
    "# heading\n",
    "## h2\n",
    "Title\n===\n",
    "Sub\n---\n",
    "> ",
    "*",
    "**",
    "_",
    "`",
    "```",
    "```\n",
    "```rust\n",
    "~~~\n",
    "    ",
    "<!-- ",
    " -->",
    "<div>\n",
    "| a | b |\n|---|---|\n",
    "true",
    "false",
    "null",
    "~",
    "0x1F",
    "1e309",
    "-.inf",
    "2024-01-01",
    "Bash(git:*)",
    "mcp__server__tool",
];

/// Pairs that nest: an opener repeated k times, something, the closer k times.
const NESTS: &[(&str, &str)] = &[
    ("[", "]"),
    ("{", "}"),
    ("{a: ", "}"),
    ("- ", ""),
    ("- [", "]"),
    ("> ", ""),
    ("* ", ""),
    ("\"", "\""),
    ("(", ")"),
    ("![", "]"),
    ("<", ">"),
    ("`", "`"),
];

const INTERESTING_BYTES: &[u8] = b"-:[]{}'\"|>#&*!?%@`,\\\n\r\t 0aZ~.=";

pub struct Mutator {
    /// `key: value` lines and values from the dialect tables.
    pub schema: Vec<String>,
    pub max_len: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    FlipBit,
    SetByte,
    Delete,
    Duplicate,
    Splice,
    Crossover,
    Token,
    SchemaLine,
    ReplaceValue,
    RepeatToken,
    RepeatLine,
    Nest,
    Indent,
    LineEndings,
    Truncate,
    SwapLines,
}

const OPS: &[(Op, u32)] = &[
    (Op::FlipBit, 3),
    (Op::SetByte, 4),
    (Op::Delete, 6),
    (Op::Duplicate, 3),
    (Op::Splice, 3),
    (Op::Crossover, 1),
    (Op::Token, 10),
    (Op::SchemaLine, 4),
    (Op::ReplaceValue, 4),
    (Op::RepeatToken, 2),
    (Op::RepeatLine, 2),
    (Op::Nest, 2),
    (Op::Indent, 3),
    (Op::LineEndings, 2),
    (Op::Truncate, 1),
    (Op::SwapLines, 1),
];

impl Mutator {
    pub fn new(schema: Vec<String>, max_len: usize) -> Mutator {
        Mutator { schema, max_len }
    }

    /// A mutant of `base`: one to eight stacked mutations. `other` gives material to splice.
    /// Mostly the mutant grows by at most 4 KiB (enough for a few hundred nesting levels, and
    /// fast to run); one in 32 may grow up to the size limit, for inputs that are slow only
    /// when large.
    pub fn mutate(&self, rng: &mut Rng, base: &str, other: &str) -> String {
        let limit = if rng.chance(1, 32) {
            self.max_len
        } else {
            (base.len() + 4096).min(self.max_len)
        };
        let mut b = base.as_bytes().to_vec();
        let n = rng.log_uniform(8);
        let weights: Vec<u32> = OPS.iter().map(|(_, w)| *w).collect();
        for _ in 0..n {
            let op = OPS[rng.weighted(&weights)].0;
            self.apply(op, rng, &mut b, other.as_bytes(), limit);
            if b.len() > limit {
                b.truncate(limit);
            }
        }
        repair(b, limit)
    }

    fn apply(&self, op: Op, rng: &mut Rng, b: &mut Vec<u8>, other: &[u8], limit: usize) {
        let room = limit.saturating_sub(b.len());
        match op {
            Op::FlipBit => {
                if !b.is_empty() {
                    let i = position(rng, b);
                    let i = i.min(b.len() - 1);
                    b[i] ^= 1 << rng.below(8);
                }
            }
            Op::SetByte => {
                if !b.is_empty() {
                    let i = position(rng, b).min(b.len() - 1);
                    b[i] = *rng.pick(INTERESTING_BYTES);
                }
            }
            Op::Delete => {
                let at = position(rng, b);
                let len = if rng.chance(1, 8) {
                    rng.log_uniform(b.len().max(1))
                } else {
                    rng.log_uniform(64)
                };
                let end = (at + len).min(b.len());
                b.drain(at..end);
            }
            Op::Duplicate => {
                if !b.is_empty() {
                    let from = rng.below(b.len());
                    let len = rng.log_uniform(256).min(b.len() - from).min(room);
                    let piece = b[from..from + len].to_vec();
                    let at = position(rng, b);
                    b.splice(at..at, piece);
                }
            }
            Op::Splice => {
                if !other.is_empty() {
                    let from = rng.below(other.len());
                    let len = rng.log_uniform(512).min(other.len() - from).min(room);
                    let at = position(rng, b);
                    let replace = if rng.chance(1, 2) {
                        rng.log_uniform(64).min(b.len() - at)
                    } else {
                        0
                    };
                    b.splice(at..at + replace, other[from..from + len].iter().copied());
                }
            }
            Op::Crossover => {
                let cut = rng.below(b.len() + 1);
                let from = rng.below(other.len() + 1);
                b.truncate(cut);
                let take = (other.len() - from).min(limit.saturating_sub(b.len()));
                b.extend_from_slice(&other[from..from + take]);
            }
            Op::Token => {
                let t = rng.pick(TOKENS).as_bytes();
                let at = position(rng, b);
                b.splice(at..at, t.iter().copied());
            }
            Op::SchemaLine => {
                if self.schema.is_empty() {
                    return;
                }
                let line = rng.pick(&self.schema).clone();
                let at = line_start(b, position(rng, b));
                let mut piece = line.into_bytes();
                piece.push(b'\n');
                b.splice(at..at, piece);
            }
            Op::ReplaceValue => {
                // The rest of a `key: value` line becomes a token or a value from the tables.
                let at = position(rng, b);
                let start = line_start(b, at);
                let end = line_end(b, at);
                let Some(colon) = b[start..end].iter().position(|&c| c == b':') else {
                    return;
                };
                let from = start + colon + 1;
                let value: Vec<u8> = if rng.chance(1, 2) && !self.schema.is_empty() {
                    let s = rng.pick(&self.schema);
                    let v = s.split_once(": ").map_or(s.as_str(), |(_, v)| v);
                    format!(" {v}").into_bytes()
                } else {
                    rng.pick(TOKENS).as_bytes().to_vec()
                };
                b.splice(from..end, value);
            }
            Op::RepeatToken => {
                let t = if rng.chance(1, 4) && !b.is_empty() {
                    let from = rng.below(b.len());
                    let len = rng.log_uniform(8).min(b.len() - from);
                    b[from..from + len].to_vec()
                } else {
                    rng.pick(TOKENS).as_bytes().to_vec()
                };
                if t.is_empty() {
                    return;
                }
                let k = rng.log_uniform(20_000).min(room / t.len());
                let at = position(rng, b);
                let piece: Vec<u8> = t.iter().copied().cycle().take(t.len() * k).collect();
                b.splice(at..at, piece);
            }
            Op::RepeatLine => {
                let at = position(rng, b);
                let (start, end) = (line_start(b, at), line_end_with_break(b, at));
                let mut line = b[start..end].to_vec();
                if line.is_empty() {
                    return;
                }
                if !line.ends_with(b"\n") && !line.ends_with(b"\r") {
                    line.push(b'\n');
                }
                let k = rng.log_uniform(20_000).min(room / line.len());
                let piece: Vec<u8> = line.iter().copied().cycle().take(line.len() * k).collect();
                b.splice(end..end, piece);
            }
            Op::Nest => {
                let (open, close) = *rng.pick(NESTS);
                let unit = open.len() + close.len();
                let k = rng.log_uniform(20_000).min(room / unit.max(1));
                let inner: &[u8] = if rng.chance(1, 2) { b"x" } else { b"" };
                let mut piece = open.repeat(k).into_bytes();
                piece.extend_from_slice(inner);
                piece.extend_from_slice(close.repeat(k).as_bytes());
                let at = position(rng, b);
                b.splice(at..at, piece);
            }
            Op::Indent => {
                let at = line_start(b, position(rng, b));
                let lines = rng.log_uniform(20);
                let dedent = rng.chance(1, 3);
                let unit: &[u8] = if rng.chance(1, 6) { b"\t" } else { b" " };
                let n = rng.log_uniform(8);
                let mut pos = at;
                for _ in 0..lines {
                    if pos > b.len() {
                        break;
                    }
                    if dedent {
                        let mut k = 0;
                        while k < n && pos < b.len() && (b[pos] == b' ' || b[pos] == b'\t') {
                            b.remove(pos);
                            k += 1;
                        }
                    } else {
                        let piece: Vec<u8> = unit.repeat(n);
                        b.splice(pos..pos, piece);
                    }
                    let end = line_end_with_break(b, pos);
                    if end >= b.len() {
                        break;
                    }
                    pos = end;
                }
            }
            Op::LineEndings => {
                let out = match rng.below(5) {
                    0 => convert_breaks(b, b"\r\n"),
                    1 => convert_breaks(b, b"\n"),
                    2 => convert_breaks(b, b"\r"),
                    _ => {
                        // One break only: mixed line endings.
                        let at = position(rng, b);
                        let end = line_end(b, at);
                        let brk = line_end_with_break(b, at);
                        const BREAKS: [&[u8]; 4] = [b"\n", b"\r\n", b"\r", b""];
                        let new = *rng.pick(&BREAKS);
                        let mut v = b.clone();
                        v.splice(end..brk, new.iter().copied());
                        v
                    }
                };
                *b = out;
            }
            Op::Truncate => {
                let at = rng.below(b.len() + 1);
                b.truncate(at);
            }
            Op::SwapLines => {
                if b.is_empty() {
                    return;
                }
                let a = line_start(b, rng.below(b.len()));
                let a_end = line_end_with_break(b, a);
                let line = b[a..a_end].to_vec();
                b.drain(a..a_end);
                let at = line_start(b, position(rng, b));
                b.splice(at..at, line);
            }
        }
    }
}

/// An offset in `0..=b.len()`: uniform, or in the first 512 bytes where the front matter is,
/// or at a line start.
fn position(rng: &mut Rng, b: &[u8]) -> usize {
    match rng.below(10) {
        0..=3 => rng.below(b.len() + 1),
        4..=6 => rng.below(b.len().min(512) + 1),
        _ => {
            let at = rng.below(b.len() + 1);
            line_start(b, at)
        }
    }
}

fn line_start(b: &[u8], at: usize) -> usize {
    let at = at.min(b.len());
    b[..at]
        .iter()
        .rposition(|&c| c == b'\n' || c == b'\r')
        .map_or(0, |i| i + 1)
}

fn line_end(b: &[u8], at: usize) -> usize {
    let at = at.min(b.len());
    b[at..]
        .iter()
        .position(|&c| c == b'\n' || c == b'\r')
        .map_or(b.len(), |i| at + i)
}

fn line_end_with_break(b: &[u8], at: usize) -> usize {
    let end = line_end(b, at);
    match b.get(end) {
        Some(b'\r') if b.get(end + 1) == Some(&b'\n') => end + 2,
        Some(_) => end + 1,
        None => end,
    }
}

fn convert_breaks(b: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len() + b.len() / 16);
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\r' if b.get(i + 1) == Some(&b'\n') => {
                out.extend_from_slice(to);
                i += 2;
            }
            b'\r' | b'\n' => {
                out.extend_from_slice(to);
                i += 1;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// Valid UTF-8 of at most `max_len` bytes.
pub fn repair(b: Vec<u8>, max_len: usize) -> String {
    let mut s = match String::from_utf8(b) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    };
    if s.len() > max_len {
        let cut = persona_ls::text::floor_char_boundary(&s, max_len);
        s.truncate(cut);
    }
    s
}

/// `key: value` lines from the dialect tables: every key, and every key with each of its
/// known values (model ids, tool names, colours...).
pub fn schema_dictionary(registry: &persona_ls::dialect::Registry) -> Vec<String> {
    let mut out = Vec::new();
    for d in &registry.dialects {
        for k in &d.keys {
            out.push(format!("{}: ", k.key));
            for v in registry.values(k) {
                out.push(format!("{}: {}", k.key, v.value));
            }
        }
        for w in &d.wrong_keys {
            out.push(format!("{}: x", w.key));
        }
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mutants_are_utf8_and_bounded() {
        let m = Mutator::new(vec!["model: sonnet".into(), "tools: Read".into()], 4096);
        let mut rng = Rng::new(42);
        let base = "\u{feff}---\nname: 🏗️ 名前\r\ntools: [a]\n---\n# x\n";
        let other = "---\ndescription: é\n---\n";
        let mut changed = 0;
        for _ in 0..20_000 {
            let s = m.mutate(&mut rng, base, other);
            // A String is UTF-8 by construction; check the bound and that the work is real.
            assert!(s.len() <= 4096);
            assert!(std::str::from_utf8(s.as_bytes()).is_ok());
            changed += usize::from(s != base);
        }
        assert!(
            changed > 15_000,
            "only {changed} mutants differ from the base"
        );
    }

    #[test]
    fn repair_replaces_invalid_bytes_and_truncates_on_a_boundary() {
        assert_eq!(repair(b"a\xffb".to_vec(), 100), "a\u{fffd}b");
        // "é" is two bytes: a cut inside it backs off.
        assert_eq!(repair("aé".as_bytes().to_vec(), 2), "a");
    }

    #[test]
    fn deep_repetitions_are_reached() {
        let m = Mutator::new(Vec::new(), 1 << 20);
        let mut rng = Rng::new(9);
        let deepest = (0..3000)
            .map(|_| m.mutate(&mut rng, "---\nx:\n---\n", "").len())
            .max()
            .unwrap();
        assert!(deepest > 20_000, "largest mutant {deepest} bytes");
    }

    #[test]
    fn line_endings_convert_every_style() {
        assert_eq!(
            convert_breaks(b"a\r\nb\rc\nd", b"\r\n"),
            b"a\r\nb\r\nc\r\nd"
        );
        assert_eq!(convert_breaks(b"a\r\nb\rc\n", b"\n"), b"a\nb\nc\n");
    }
}
