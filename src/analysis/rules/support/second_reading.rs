//! What Claude Code's second reading of unparsable front matter (`syntax::quote_retry`) makes
//! of each strict-YAML error: repaired, so that the file loads (a warning naming the strict
//! readers), or not, so that Claude Code reads none of the keys (an error at the cause).

use crate::syntax::quote_retry::{Quoted, SecondTry, second_try};
use crate::syntax::yaml::{Entry, NodeKind, SyntaxError, Yaml};
use std::ops::Range;

/// The second reading of one file.
pub struct Reading<'a> {
    text: &'a str,
    yaml: &'a Yaml,
    pass: SecondTry,
    /// The first offset where the second reading fails on a line that was broken already (an
    /// error it does not repair, a stray line, a value continued on unindented lines).
    unrepaired: Option<usize>,
    /// The first line that was fine until the pass rewrote it, and then fails (index into the
    /// rewritten lines).
    broken: Option<usize>,
    /// The valid entries the pass rewrites whose reading then changes (indexes into the
    /// rewritten lines and the entries): the same for every error, so found once.
    changed: Vec<(usize, usize)>,
}

/// What the second reading makes of one error.
pub enum Verdict<'r> {
    /// It repairs the line and reads the whole file: the line it rewrote (the other lines it
    /// rewrote whose reading then changes are [`Reading::changed`]).
    Reads(&'r Quoted),
    /// It repairs the line, but fails on another broken line (at this offset), which has its
    /// own diagnostic.
    FailsElsewhere(usize),
    /// It repairs the line, but its rewrite breaks another line that was fine
    /// (`description: |` becomes the text `|`, and the lines below it are then no YAML).
    Breaks(&'r Quoted),
    /// It would quote the line but for the carriage return that ends it.
    Crlf,
    /// It rewrites the line, but the entry still does not parse.
    NotRepaired,
    /// It does not touch the line (indented, a key with a digit, a value quoted at both ends,
    /// no special character).
    Untouched,
}

impl<'a> Reading<'a> {
    /// Replays the second reading of the block at `content`. `is_key`: whether the dialect
    /// defines a key (a change to any other is of no consequence).
    pub fn new(
        text: &'a str,
        yaml: &'a Yaml,
        content: Range<usize>,
        is_key: impl Fn(&str) -> bool,
    ) -> Reading<'a> {
        let mut r = Reading {
            text,
            yaml,
            pass: second_try(text, content),
            unrepaired: None,
            broken: None,
            changed: Vec::new(),
        };
        r.unrepaired = yaml
            .stray
            .iter()
            .map(|s| s.start)
            .chain(yaml.continued.iter().map(|c| c.lines.start))
            .chain(
                yaml.errors
                    .iter()
                    .filter(|e| r.repaired(e).is_none())
                    .map(|e| r.anchor(e)),
            )
            .min();
        // Errors are in document order, as are the rewritten lines: one walk.
        let mut errors = yaml.errors.iter().map(|e| r.anchor(e)).peekable();
        r.broken = r.pass.quoted.iter().position(|q| {
            while errors.next_if(|&a| a < q.entry.start).is_some() {}
            let had_error = errors.peek().is_some_and(|a| q.entry.contains(a));
            q.fails.is_some() && !had_error
        });
        r.changed = r
            .pass
            .quoted
            .iter()
            .enumerate()
            .filter_map(|(i, q)| {
                let e = r.entry_at(q.line.start)?;
                let entry = &yaml.entries[e];
                (entry.valid && is_key(&entry.key) && r.reading_changes(q, entry)).then_some((i, e))
            })
            .collect();
        r
    }

    /// Where an error belongs: the start of its entry's key, or where the parser stopped.
    fn anchor(&self, err: &SyntaxError) -> usize {
        err.entry
            .and_then(|i| self.yaml.entries.get(i))
            .map_or(err.range.start, |e| e.key_range.start)
    }

    /// The rewritten line that repairs this error's entry.
    fn repaired(&self, err: &SyntaxError) -> Option<&Quoted> {
        self.pass
            .quoted_at(self.anchor(err))
            .filter(|q| q.fails.is_none())
    }

    pub fn verdict(&self, err: &SyntaxError) -> Verdict<'_> {
        let at = self.anchor(err);
        let Some(quoted) = self.repaired(err) else {
            return if self.pass.quoted_at(at).is_some() {
                Verdict::NotRepaired
            } else if self.pass.kept_by_cr_at(at) {
                Verdict::Crlf
            } else {
                Verdict::Untouched
            };
        };
        if let Some(elsewhere) = self.unrepaired {
            return Verdict::FailsElsewhere(elsewhere);
        }
        if let Some(i) = self.broken {
            return Verdict::Breaks(&self.pass.quoted[i]);
        }
        Verdict::Reads(quoted)
    }

    /// The valid lines of the dialect's keys that the pass rewrites and whose reading then
    /// changes (a flow list that becomes text), with their entries. An error's own entry is not valid, so never among them.
    pub fn changed(&self) -> impl Iterator<Item = (&Quoted, &'a Entry)> + '_ {
        self.changed
            .iter()
            .map(|&(q, e)| (&self.pass.quoted[q], &self.yaml.entries[e]))
    }

    /// What the second reading takes a rewritten line's value for.
    pub fn reads(&self, q: &Quoted) -> &'a str {
        &self.text[q.value.clone()]
    }

    fn entry_at(&self, key_start: usize) -> Option<usize> {
        let entries = &self.yaml.entries;
        let i = entries.partition_point(|e| e.key_range.start < key_start);
        entries
            .get(i)
            .is_some_and(|e| e.key_range.start == key_start)
            .then_some(i)
    }

    /// Whether a valid entry reads otherwise once its line is quoted: anything but a plain
    /// scalar that already was the text as written (`a|b` stays `a|b`; `[a]` was a list). A
    /// ` #` comment is no change: Claude Code's first reading quotes it as well.
    fn reading_changes(&self, q: &Quoted, e: &Entry) -> bool {
        let raw = &self.text[q.value.clone()];
        match e.value.as_ref().map(|v| &v.kind) {
            Some(NodeKind::Scalar(s)) => {
                !raw.contains('#') && (s.style.is_quoted() || s.value != raw.trim_end())
            }
            _ => true,
        }
    }
}
