//! Claude Code's second reading of front matter that is not valid YAML.
//!
//! Its `parseFrontmatter` (`src/utils/frontmatterParser.ts`) parses the block; when that
//! throws, it runs `quoteProblematicValues` and parses again. That pass splits the block at
//! `\n` and rewrites each line matching `/^([a-zA-Z_-]+):\s+(.+)$/` whose value is not already
//! wrapped in one kind of quote and holds one of `{ } [ ] * & # ! | > % @` `` ` `` or `: `, as
//! `key: "value"` (`\` and `"` escaped). So:
//! - only unindented lines whose key is letters, `_` and `-` are touched (not `model2:`, not a
//!   list item, not a nested key);
//! - JavaScript's `.` stops at a carriage return, so on a CRLF line the pattern never reaches
//!   `$`: in a CRLF file no line is quoted and the second reading fails like the first
//!   (anthropics/claude-code#80890);
//! - a value that was fine becomes text too: `tools: [Read, Grep]` on another line is read as
//!   the text `[Read, Grep]`, and `description: |` as the text `|`, which leaves the lines
//!   below it unparsable.
//!
//! [`second_try`] replays the pass line by line and judges each rewritten entry with the
//! strict parser, so that a rule can say which error the second reading repairs, which it does
//! not, and what it does to the lines it rewrites. Linear: each line is rewritten at most once
//! and each rewritten entry parsed once.

use super::yaml_strict::strict;
use std::ops::Range;

/// A line the second reading rewrites.
#[derive(Debug, Clone, PartialEq)]
pub struct Quoted {
    /// The line, without its line break.
    pub line: Range<usize>,
    /// Its key.
    pub key: String,
    /// The value as written (after the blanks that follow the `:`).
    pub value: Range<usize>,
    /// From the line to the next unindented line: what one top-level entry spans.
    pub entry: Range<usize>,
    /// Where the rewritten entry still fails, mapped back to the original text, and the
    /// strict parser's words; `None` when it parses.
    pub fails: Option<(Range<usize>, String)>,
}

/// What the second reading does to a block.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SecondTry {
    /// The lines it rewrites, in order.
    pub quoted: Vec<Quoted>,
    /// Lines it would rewrite but for the carriage return that ends them.
    pub kept_by_cr: Vec<Range<usize>>,
}

impl SecondTry {
    /// The rewritten line whose entry holds `at`.
    pub fn quoted_at(&self, at: usize) -> Option<&Quoted> {
        let i = self.quoted.partition_point(|q| q.entry.end <= at);
        self.quoted.get(i).filter(|q| q.entry.contains(&at))
    }

    /// Whether a line the pass would rewrite but for its carriage return holds `at`.
    pub fn kept_by_cr_at(&self, at: usize) -> bool {
        let i = self.kept_by_cr.partition_point(|r| r.end < at);
        self.kept_by_cr
            .get(i)
            .is_some_and(|r| r.start <= at && at <= r.end)
    }
}

/// Replays the second reading on `text[range]`, the content of a front-matter block.
pub fn second_try(text: &str, range: Range<usize>) -> SecondTry {
    let block = &text[range.clone()];
    // Lines split at `\n` only, as JavaScript's `split('\n')`: a `\r` stays in the line.
    let mut lines: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    for (i, _) in block.match_indices('\n') {
        lines.push(start..i);
        start = i + 1;
    }
    if start < block.len() {
        lines.push(start..block.len());
    }
    let mut out = SecondTry::default();
    for (n, line) in lines.iter().enumerate() {
        let l = &block[line.clone()];
        let abs = range.start + line.start..range.start + line.end;
        match rewrite(l) {
            Some(Rewrite::Quote { key, value }) => {
                // The entry runs to the next line that starts a top-level entry.
                let end = lines[n + 1..]
                    .iter()
                    .find(|r| starts_entry(&block[(*r).clone()]))
                    .map_or(block.len(), |r| r.start);
                let entry = abs.start..range.start + end;
                let value = abs.start + value.start..abs.start + value.end;
                let fails = judge(text, &entry, &abs, &key, &value);
                out.quoted.push(Quoted {
                    line: abs,
                    key,
                    value,
                    entry,
                    fails,
                });
            }
            Some(Rewrite::KeptByCr) => out.kept_by_cr.push(abs),
            None => {}
        }
    }
    out
}

/// The strict parser's verdict on an entry after its first line is rewritten, mapped back.
fn judge(
    text: &str,
    entry: &Range<usize>,
    line: &Range<usize>,
    key: &str,
    value: &Range<usize>,
) -> Option<(Range<usize>, String)> {
    let new_line = format!("{key}: {}", double_quoted(&text[value.clone()]));
    let rest = &text[line.end..entry.end];
    let seg = format!("{new_line}{rest}");
    let (r, problem) = strict(&seg, 0).error()?;
    // Positions in the rewritten line fall on the value; those below it shift back.
    let at = if r.start <= new_line.len() {
        value.start..value.start + 1
    } else {
        let start = r.start - new_line.len() + line.end;
        start..(start + r.len()).min(entry.end).max(start)
    };
    Some((at, problem))
}

enum Rewrite {
    Quote { key: String, value: Range<usize> },
    KeptByCr,
}

/// What `quoteProblematicValues` does with one line (without its `\n`).
fn rewrite(line: &str) -> Option<Rewrite> {
    let key_len = line
        .bytes()
        .take_while(|b| b.is_ascii_alphabetic() || matches!(b, b'_' | b'-'))
        .count();
    if key_len == 0 || line.as_bytes().get(key_len) != Some(&b':') {
        return None;
    }
    let after = &line[key_len + 1..];
    let blanks: usize = after
        .chars()
        .take_while(|&c| js_space(c))
        .map(char::len_utf8)
        .sum();
    if blanks == 0 {
        return None;
    }
    let value = &after[blanks..];
    // `.+$`: one character at least, and none that ends a line in JavaScript. (With nothing
    // after the blanks the pattern backtracks into them: the value is a blank, never quoted.)
    if value.is_empty() {
        return None;
    }
    if value.contains(['\r', '\u{2028}', '\u{2029}']) {
        let bare = value.trim_end_matches('\r');
        return (!bare.contains(['\r', '\u{2028}', '\u{2029}'])
            && !bare.is_empty()
            && needs_quotes(bare))
        .then_some(Rewrite::KeptByCr);
    }
    if !needs_quotes(value) {
        return None;
    }
    let start = key_len + 1 + blanks;
    Some(Rewrite::Quote {
        key: line[..key_len].to_string(),
        value: start..line.len(),
    })
}

/// Not already quoted, and holding a character the pattern quotes.
fn needs_quotes(value: &str) -> bool {
    let quoted = (value.starts_with('"') && value.ends_with('"'))
        || (value.starts_with('\'') && value.ends_with('\''));
    !quoted
        && (value.contains([
            '{', '}', '[', ']', '*', '&', '#', '!', '|', '>', '%', '@', '`',
        ]) || value.contains(": "))
}

/// JavaScript's `\s`.
fn js_space(c: char) -> bool {
    const SPACES: &[char] = &[
        '\t', '\n', '\u{b}', '\u{c}', '\r', ' ', '\u{a0}', '\u{1680}', '\u{2028}', '\u{2029}',
        '\u{202f}', '\u{205f}', '\u{3000}', '\u{feff}',
    ];
    SPACES.contains(&c) || ('\u{2000}'..='\u{200a}').contains(&c)
}

/// `"value"` with `\` and `"` escaped, as the pass writes it.
fn double_quoted(value: &str) -> String {
    format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Whether a line starts a top-level entry: not blank, not indented, not a comment.
fn starts_entry(line: &str) -> bool {
    line.trim_end_matches('\r')
        .chars()
        .next()
        .is_some_and(|c| !matches!(c, ' ' | '\t' | '#'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(block: &str) -> Vec<(String, String, bool)> {
        second_try(block, 0..block.len())
            .quoted
            .into_iter()
            .map(|q| (q.key, block[q.value].to_string(), q.fails.is_none()))
            .collect()
    }

    #[test]
    fn quotes_unindented_values_with_a_special_character() {
        let block = "argument-hint: [a] or [b]\ndescription: Use when: x\nname: plain\n  nested: {x}\n- item: [y]\nmodel2: [z]\npaths:  **/*.ts\n";
        assert_eq!(
            keys(block),
            vec![
                ("argument-hint".into(), "[a] or [b]".into(), true),
                ("description".into(), "Use when: x".into(), true),
                ("paths".into(), "**/*.ts".into(), true),
            ]
        );
    }

    #[test]
    fn leaves_quoted_values_and_crlf_lines() {
        let block = "a: \"x: y\"\nb: 'x [y]'\nc: \"a\" [b]\r\nd: [e]\r\n";
        let t = second_try(block, 0..block.len());
        assert!(t.quoted.is_empty());
        assert_eq!(t.kept_by_cr, vec![21..32, 33..40]);
    }

    #[test]
    fn a_rewritten_block_scalar_header_breaks_its_entry() {
        let block = "description: |\n  text\nname: x\n";
        let t = second_try(block, 0..block.len());
        assert_eq!(t.quoted.len(), 1);
        assert_eq!(t.quoted[0].entry, 0..22);
        let (at, _) = t.quoted[0].fails.clone().expect("fails");
        assert!(at.start >= 15, "{at:?}");
    }
}
