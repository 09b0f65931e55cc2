//! Links in a persona's Markdown body, and the paths they name (for `broken-link`).
//!
//! Each form is read the way its tool reads it:
//! - Markdown inline links and images `[text](dest "title")`, and reference definitions
//!   `[label]: dest`. VS Code resolves the links of prompt, agent and instructions files
//!   relative to the file's folder, and a `/path` as absolute in the same scheme
//!   (promptFileParser `resolveFilePath`); a skill's links are relative to the skill root, its
//!   SKILL.md's folder (Agent Skills specification, "File references").
//! - VS Code `#file:path`: promptFileParser reads `#file:(?<filePath>[^\s#]+)`, case-insensitive,
//!   taken literally (no punctuation stripped: VS Code looks for `a.md.` too).
//! - Claude Code `@path` imports in CLAUDE.md and rules: "Relative paths resolve relative to the
//!   file containing the import … Import parsing skips Markdown code spans and fenced code
//!   blocks" (memory docs l.95–99, ericbuess/claude-code-docs ec68a5b2).
//! - A skill's files named bare, `scripts/run.py`, `references/…`, `assets/…` (the spec's own
//!   examples name them so, often in backticks), and `${CLAUDE_SKILL_DIR}/x`, which Claude Code
//!   substitutes with the skill's folder anywhere in the body, its example inside a fenced
//!   `bash` block (skills docs l.394–411, l.852, same commit).
//! - Kiro steering `#[[file:path]]`.
//!
//! This is not a CommonMark parser. The body is read in paragraphs (runs of lines between blank
//! lines and fences); a paragraph's code spans are paired first, then one scan finds the links.
//! Every look-ahead is either skipped past or remembered by its start, so the cost stays linear
//! on hostile input (megabytes of `[[[[(` or of backticks).

mod commonmark;

use commonmark::{
    Word, after_destination, code_spans, decode_markdown, skip_blanks, skip_space, word_at,
};
use std::collections::{HashMap, VecDeque};
use std::ops::Range;
use std::path::{Component, Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LinkForm {
    /// `[text](dest)` and `![alt](dest)`.
    Markdown,
    /// `[label]: dest` definitions.
    Reference,
    /// VS Code `#file:path`.
    FileRef,
    /// Claude Code `@path`.
    AtImport,
    /// Bare `references/…`, `scripts/…`, `assets/…` and `${CLAUDE_SKILL_DIR}/…`.
    SkillDir,
    /// Kiro `#[[file:path]]`.
    Kiro,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawLink {
    pub form: LinkForm,
    /// The path as the tool reads it: Markdown's backslash escapes and `%XX` decoded, `\ ` of an
    /// `@path` read as a space, no `#fragment` or `?query`, no `${CLAUDE_SKILL_DIR}/` prefix.
    pub target: String,
    /// Where that path is written: inside `<…>`, before any `#fragment`. For the forms that
    /// decode nothing, `text[range] == target`.
    pub range: Range<usize>,
}

/// The links of `forms` in `text[body]`, in document order.
pub fn links(text: &str, body: Range<usize>, forms: &[LinkForm]) -> Vec<RawLink> {
    if text.get(body.clone()).is_none() {
        return Vec::new();
    }
    let mut scanner = Scanner {
        text,
        b: text.as_bytes(),
        forms,
        out: Vec::new(),
        pending: Vec::new(),
        openers: VecDeque::new(),
        word: None,
        after_dest: HashMap::new(),
        kiro_fails_until: 0,
        at_scan: 0..0,
    };
    scanner.body(body);
    scanner.out.sort_by_key(|l| l.range.start);
    scanner.out
}

/// Where `link` points, or `None` when that would be outside `base` (the project): a
/// relative target joins `file_dir` (for a skill's files the caller passes the skill root), a
/// `/path` of a Markdown link or `#file:` joins `base` (VS Code: absolute in the workspace's
/// scheme). Lexical only: `.` and `..` are folded, the file system is not read, symbolic links
/// are not followed. Whether Kiro reads `#[[file:]]` against the file's folder or the workspace
/// root is not documented: the caller chooses `file_dir`.
pub fn resolve(file_dir: &Path, base: &Path, link: &RawLink) -> Option<PathBuf> {
    let target = link.target.as_str();
    if target.is_empty() || target.contains('\0') {
        return None;
    }
    let root_relative = matches!(
        link.form,
        LinkForm::Markdown | LinkForm::Reference | LinkForm::FileRef
    );
    let (start, rest) = match target.strip_prefix('/') {
        Some(rest) if root_relative => (base, rest),
        Some(_) => return None,
        None => (file_dir, target),
    };
    let base = normalise(base)?;
    let mut path = normalise(start)?;
    for segment in rest.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                if !path.pop() {
                    return None;
                }
            }
            name => path.push(name),
        }
    }
    path.starts_with(&base).then_some(path)
}

/// `p` with `.` and `..` folded; `None` when a `..` climbs above its start.
fn normalise(p: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            other => out.push(other),
        }
    }
    Some(out)
}

const SKILL_DIRS: [&str; 3] = ["references/", "scripts/", "assets/"];
const SKILL_DIR_VAR: &str = "${CLAUDE_SKILL_DIR}/";
/// Punctuation that ends a sentence rather than a path (`See @README.md.`).
const SENTENCE_END: [char; 15] = [
    '.', ',', ':', ';', ')', '!', '?', '。', '、', '，', '：', '；', '）', '！', '？',
];
/// At most this many unclosed `[` are remembered in a paragraph (the oldest are forgotten).
const MAX_OPENERS: usize = 4096;

struct Scanner<'a> {
    text: &'a str,
    b: &'a [u8],
    forms: &'a [LinkForm],
    out: Vec<RawLink>,
    /// Bare tokens and `#file:` seen while a `[` is open: dropped if that `[` turns out to be
    /// a link's text (the link names the file; VS Code skips a `#file:` inside a link).
    pending: Vec<RawLink>,
    /// The open `[`s of the paragraph: position, and whether it is an image's `![`.
    openers: VecDeque<(usize, bool)>,
    /// The parentheses of the last whitespace-free word a link destination started in.
    word: Option<Word>,
    /// From the end of a destination: the end of the link (title and `)`), or not a link.
    after_dest: HashMap<usize, Option<usize>>,
    /// No `#[[file:` before here closes on its line.
    kiro_fails_until: usize,
    /// The last `@` token read: from its `@` to its end.
    at_scan: Range<usize>,
}

/// What a paragraph may hold ([`Scanner::may_hold`]).
struct Holds {
    /// A link of any form wanted.
    any: bool,
    /// A skill's file.
    skill: bool,
}

struct Fence {
    ch: u8,
    len: usize,
    /// A backtick fence's info string may not contain a backtick.
    can_open: bool,
    /// Only whitespace after the run: it can close a fence.
    can_close: bool,
}

impl Scanner<'_> {
    fn wants(&self, form: LinkForm) -> bool {
        self.forms.contains(&form)
    }

    /// The next `\n` from `pos`, or `end`.
    fn line_end(&self, pos: usize, end: usize) -> usize {
        memchr::memchr(b'\n', &self.b[pos..end]).map_or(end, |k| pos + k)
    }

    /// What `r` may hold, by what every form needs: `](` or `]:` (Markdown links and
    /// definitions), an `@`, `#file:` or `#[[file:`, a skill folder's name. Most paragraphs
    /// (and many whole bodies) are prose holding none of them, and are passed over without the
    /// byte-by-byte scan. Only the answer "none" is exact; "some" may be wrong.
    fn may_hold(&self, r: Range<usize>) -> Holds {
        let b = &self.b[r];
        let any_of = |forms: &[LinkForm]| forms.iter().any(|&f| self.wants(f));
        // Each `c` in `b` with what follows it.
        let after = |c: u8| memchr::memchr_iter(c, b).map(move |k| &b[k + 1..]);
        // Every skill form ends in `/`: the words before each `/` are compared, which costs
        // less than a substring search per word on short paragraphs.
        let skill = any_of(&[LinkForm::SkillDir])
            && memchr::memchr_iter(b'/', b).any(|k| {
                let before = &b[..=k];
                SKILL_DIRS
                    .iter()
                    .chain([&SKILL_DIR_VAR])
                    .any(|w| before.ends_with(w.as_bytes()))
            });
        let markdown = || {
            any_of(&[LinkForm::Markdown, LinkForm::Reference])
                && after(b']').any(|rest| matches!(rest.first(), Some(b'(' | b':')))
        };
        let at = || any_of(&[LinkForm::AtImport]) && memchr::memchr(b'@', b).is_some();
        let hash = || {
            any_of(&[LinkForm::FileRef, LinkForm::Kiro])
                && after(b'#').any(|rest| {
                    rest.get(..5)
                        .is_some_and(|w| w.eq_ignore_ascii_case(b"file:"))
                        || rest.starts_with(b"[[file:")
                })
        };
        Holds {
            any: skill || markdown() || at() || hash(),
            skill,
        }
    }

    fn body(&mut self, body: Range<usize>) {
        if !self.may_hold(body.clone()).any {
            return;
        }
        let mut fence: Option<(u8, usize)> = None;
        let mut paragraph: Option<usize> = None;
        let mut pos = body.start;
        while pos < body.end {
            let eol = self.line_end(pos, body.end);
            let line = pos..eol;
            let run = self.fence(line.clone());
            if let Some((ch, len)) = fence {
                if run.is_some_and(|f| f.ch == ch && f.len >= len && f.can_close) {
                    fence = None;
                } else {
                    self.fenced_line(line);
                }
            } else if let Some(f) = run.filter(|f| f.can_open) {
                self.flush_paragraph(&mut paragraph, pos);
                fence = Some((f.ch, f.len));
            } else if self.b[line.clone()].iter().all(|c| c.is_ascii_whitespace()) {
                self.flush_paragraph(&mut paragraph, pos);
            } else if self.is_heading(line.clone()) {
                // A heading is a paragraph of its own: a code span cannot run out of it.
                self.flush_paragraph(&mut paragraph, pos);
                self.paragraph(line);
            } else if paragraph.is_none() {
                paragraph = Some(pos);
            }
            pos = eol + 1;
        }
        self.flush_paragraph(&mut paragraph, body.end);
    }

    fn flush_paragraph(&mut self, start: &mut Option<usize>, end: usize) {
        if let Some(start) = start.take() {
            self.paragraph(start..end);
        }
    }

    /// A run of three or more backticks or tildes opening the line. The CommonMark limit of
    /// three spaces of indentation is not kept, and `>` quote markers are passed: a fence inside
    /// a list item or a quote is indented further, and a line of backticks indented deeper is
    /// code in any reading.
    fn fence(&self, line: Range<usize>) -> Option<Fence> {
        let b = &self.b[line];
        let start = b.iter().position(|c| !matches!(c, b' ' | b'\t' | b'>'))?;
        let ch = *b.get(start).filter(|c| matches!(c, b'`' | b'~'))?;
        let len = b[start..].iter().take_while(|&&c| c == ch).count();
        let rest = &b[start + len..];
        (len >= 3).then(|| Fence {
            ch,
            len,
            can_open: ch == b'~' || !rest.contains(&b'`'),
            can_close: rest.iter().all(|c| c.is_ascii_whitespace()),
        })
    }

    fn is_heading(&self, line: Range<usize>) -> bool {
        let b = &self.b[line];
        let Some(start) = b.iter().position(|&c| c != b' ').filter(|&s| s <= 3) else {
            return false;
        };
        let hashes = b[start..].iter().take_while(|&&c| c == b'#').count();
        (1..=6).contains(&hashes)
            && b.get(start + hashes)
                .is_none_or(|c| matches!(c, b' ' | b'\t' | b'\r'))
    }

    /// Inside a fence only `${CLAUDE_SKILL_DIR}/…` is a link: Claude Code substitutes it there
    /// too, while a bare `scripts/x` in a shell example may well be the user's own.
    fn fenced_line(&mut self, line: Range<usize>) {
        if !self.wants(LinkForm::SkillDir) {
            return;
        }
        let mut from = line.start;
        while let Some(k) = memchr::memchr(b'$', &self.b[from..line.end]) {
            let at = from + k;
            from = match self.b[at..line.end].starts_with(SKILL_DIR_VAR.as_bytes()) {
                true => self.skill_token(at, line.end).unwrap_or(at + 1),
                false => at + 1,
            };
        }
    }

    fn paragraph(&mut self, r: Range<usize>) {
        let holds = self.may_hold(r.clone());
        if !holds.any {
            return;
        }
        let mut start = r.start;
        while start < r.end {
            let eol = self.line_end(start, r.end);
            if !self.definition(start..eol) {
                break;
            }
            start = eol + 1;
        }
        if start < r.end {
            self.inline(start..r.end, holds.skill);
        }
        self.openers.clear();
        self.out.append(&mut self.pending);
    }

    /// `[label]: dest` opening the paragraph (CommonMark: a definition cannot interrupt a
    /// paragraph). Footnotes (`[^1]: text`) are not definitions.
    fn definition(&mut self, line: Range<usize>) -> bool {
        let b = self.b;
        let mut k = line.start;
        while k < line.end && b[k] == b' ' && k - line.start < 3 {
            k += 1;
        }
        if b.get(k) != Some(&b'[') || b.get(k + 1) == Some(&b'^') {
            return false;
        }
        k += 1;
        let label = k;
        while k < line.end && b[k] != b']' {
            match b[k] {
                b'[' => return false,
                b'\\' => k += 2,
                _ => k += 1,
            }
        }
        if k >= line.end || b[label..k].iter().all(|c| c.is_ascii_whitespace()) {
            return false;
        }
        k += 1;
        if b.get(k) != Some(&b':') || k >= line.end {
            return false;
        }
        k = skip_blanks(b, k + 1, line.end);
        let (dest, after) = if b.get(k) == Some(&b'<') && k < line.end {
            match b[k + 1..line.end].iter().position(|&c| c == b'>') {
                Some(n) => (k + 1..k + 1 + n, k + 2 + n),
                None => return false,
            }
        } else {
            let n = b[k..line.end]
                .iter()
                .take_while(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
                .count();
            (k..k + n, k + n)
        };
        if dest.is_empty() {
            return false;
        }
        let rest = skip_blanks(b, after, line.end);
        let title_or_end = rest >= line.end
            || b[rest] == b'\r'
            || (rest > after && matches!(b[rest], b'"' | b'\'' | b'('));
        if !title_or_end {
            return false;
        }
        if self.wants(LinkForm::Reference) {
            self.markdown_target(LinkForm::Reference, dest);
        }
        true
    }

    /// The links of `r`; `skill` says it may name a skill's file.
    fn inline(&mut self, r: Range<usize>, skill: bool) {
        /// The bytes a form can start at: `\\ [ ] @ #`, and where skill files are read, `$ . r s
        /// a` too.
        const fn starts(skill: bool) -> [bool; 256] {
            let mut t = [false; 256];
            let all = b"\\[]@#$.rsa";
            let n = if skill { all.len() } else { 6 };
            let mut k = 0;
            while k < n {
                t[all[k] as usize] = true;
                k += 1;
            }
            t
        }
        const WITH_SKILL: [bool; 256] = starts(true);
        const WITHOUT: [bool; 256] = starts(false);
        let table = if skill { &WITH_SKILL } else { &WITHOUT };
        let spans = code_spans(self.b, r.clone());
        let mut next_span = 0;
        let mut i = r.start;
        while i < r.end {
            while next_span < spans.len() && spans[next_span].end <= i {
                next_span += 1;
            }
            if let Some(span) = spans.get(next_span)
                && span.open <= i
            {
                // Skill files are named in backticks; every other form is literal there.
                if skill {
                    self.skill_tokens(span.content.start.max(i)..span.content.end);
                }
                i = span.end;
                next_span += 1;
                continue;
            }
            // Most bytes start nothing: skipped here, without a call. A skill file's token
            // starts a word (`references/…` after a letter is inside another word).
            let c = self.b[i];
            if !table[c as usize]
                || (matches!(c, b'r' | b's' | b'a')
                    && i > r.start
                    && self.b[i - 1].is_ascii_alphanumeric())
            {
                i += 1;
                continue;
            }
            i = match c {
                b'\\' if self.b.get(i + 1).is_some_and(u8::is_ascii_punctuation) => i + 2,
                b'[' => {
                    if self.openers.len() == MAX_OPENERS {
                        self.openers.pop_front();
                    }
                    let image = i > r.start && self.b[i - 1] == b'!';
                    self.openers.push_back((i, image));
                    i + 1
                }
                b']' => self.close_bracket(i, r.end),
                b'@' if self.at_word_start(i, r.start) => self.at_import(i, r.end),
                b'#' => self.hash_ref(i, r.end).unwrap_or(i + 1),
                _ => self.skill_token(i, r.end).unwrap_or(i + 1),
            };
        }
    }

    /// A `]`: with the innermost open `[` and a `(destination)` after it, a link.
    fn close_bracket(&mut self, i: usize, end: usize) -> usize {
        let Some((open, image)) = self.openers.pop_back() else {
            return i + 1;
        };
        let link = if i + 1 < end && self.b[i + 1] == b'(' {
            self.inline_link(open, i + 2, end)
        } else {
            None
        };
        if link.is_some() && !image {
            // Links do not nest (CommonMark): an outer `[` cannot open one any more.
            self.openers.clear();
        }
        if self.openers.is_empty() {
            self.out.append(&mut self.pending);
        }
        link.unwrap_or(i + 1)
    }

    /// The destination after `](` at `s`, its title and `)`: the link's end.
    fn inline_link(&mut self, open: usize, s: usize, end: usize) -> Option<usize> {
        let b = self.b;
        let j = skip_space(b, s, end);
        if j >= end {
            return None;
        }
        // The destination, and where the title or `)` may start.
        let (dest, after) = match b[j] {
            b'<' => {
                let mut k = j + 1;
                while k < end && !matches!(b[k], b'>' | b'<' | b'\n') {
                    k += if b[k] == b'\\' { 2 } else { 1 };
                }
                if k >= end || b[k] != b'>' {
                    return None;
                }
                (j + 1..k, k + 1)
            }
            b')' => (j..j, j),
            _ => {
                let e = self.raw_dest_end(j, s)?;
                (j..e, e)
            }
        };
        let close = match self.after_dest.get(&after) {
            Some(known) => (*known)?,
            None => {
                let found = after_destination(b, after, end);
                self.after_dest.insert(after, found);
                found?
            }
        };
        // Bare tokens and `#file:` in the link's text name what the link names.
        let in_text = self.pending.partition_point(|l| l.range.start < open);
        self.pending.truncate(in_text);
        if !dest.is_empty() && self.wants(LinkForm::Markdown) {
            self.markdown_target(LinkForm::Markdown, dest);
        }
        Some(close)
    }

    /// Where a raw destination starting at `j` ends (at whitespace, or at the `)` that closes
    /// the link; parentheses inside must pair). `s` is just after the link's `(`.
    fn raw_dest_end(&mut self, j: usize, s: usize) -> Option<usize> {
        if !self.word.as_ref().is_some_and(|w| w.range.contains(&j)) {
            self.word = Some(word_at(self.b, j));
        }
        let w = self.word.as_ref()?;
        if j == s {
            // The link's own `(` is in the word: the destination ends where it is paired.
            let paren = s - 1;
            match w.pairs.get(&paren) {
                Some(&close) => Some(close),
                None if w.last_unpaired_open == Some(paren) => Some(w.range.end),
                None => None,
            }
        } else {
            // After whitespace, the word starts here.
            match (w.first_unpaired_close, w.last_unpaired_open) {
                (Some(close), _) => Some(close),
                (None, None) => Some(w.range.end),
                (None, Some(_)) => None,
            }
        }
    }

    /// A Markdown destination: escapes and `%XX` decoded, the fragment and query cut.
    fn markdown_target(&mut self, form: LinkForm, dest: Range<usize>) {
        let b = self.b;
        let mut k = dest.start;
        while k < dest.end && !matches!(b[k], b'#' | b'?') {
            k += if b[k] == b'\\' { 2 } else { 1 };
        }
        let path = dest.start..k.min(dest.end);
        if let Some(target) = decode_markdown(&self.text[path.clone()]) {
            self.push(form, target, path, false);
        }
    }

    /// `@` opens an import only at a word's start: not in `a@b.c`.
    fn at_word_start(&self, i: usize, line_start: usize) -> bool {
        i == line_start
            || self.text[..i]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_whitespace() || c == '(')
    }

    /// `@path`, read as Claude Code's regex reads it (`(?:^|\s)@((?:[^\s\\]|\\ )+)`, then cut at
    /// `#`), with the trailing sentence punctuation dropped.
    fn at_import(&mut self, at: usize, end: usize) -> usize {
        // Not skipped past, so that a link after it is still read (`[@a.md](b.md)`); but an `@`
        // inside the last token is part of its path (Claude Code's regex goes on after a match).
        if self.at_scan.contains(&at) {
            return at + 1;
        }
        let b = self.b;
        let mut k = at + 1;
        while k < end {
            if b[k] == b'\\' && b.get(k + 1) == Some(&b' ') {
                k += 2;
                continue;
            }
            let c = self.text[k..].chars().next().unwrap_or(' ');
            if c.is_whitespace() || c == '`' {
                break;
            }
            k += c.len_utf8();
        }
        self.at_scan = at..k;
        if !self.wants(LinkForm::AtImport) {
            return at + 1;
        }
        let token = &self.text[at + 1..k];
        let token = token.split('#').next().unwrap_or("");
        let token = token.trim_end_matches(SENTENCE_END);
        let target = token.replace("\\ ", " ");
        let claude_reads = target.starts_with("./")
            || target.starts_with("~/")
            || target.starts_with('/')
            || target
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
        // Claude Code tries `@playwright/test`, `@pytest.mark.asyncio` and `@alice` too, and
        // skips them when no such file exists; in the corpus those are packages, decorators and
        // mentions. A file the writer means to import has a short extension.
        let name = target.rsplit('/').next().unwrap_or("");
        let has_extension = name.rsplit_once('.').is_some_and(|(_, ext)| {
            (1..=5).contains(&ext.len())
                && ext.bytes().all(|c| c.is_ascii_alphanumeric())
                && ext.bytes().any(|c| c.is_ascii_alphabetic())
        });
        let plain = !target.contains(['(', ')', '[', ']', '*']);
        if claude_reads && has_extension && plain {
            let range = at + 1..at + 1 + token.len();
            self.push(LinkForm::AtImport, target, range, false);
        }
        at + 1
    }

    /// `#[[file:path]]` (Kiro) or `#file:path` (VS Code) at `i`: the end of what was read.
    fn hash_ref(&mut self, i: usize, end: usize) -> Option<usize> {
        let rest = &self.b[i..end];
        if rest.starts_with(b"#[[file:") && self.wants(LinkForm::Kiro) && i >= self.kiro_fails_until
        {
            let from = i + 8;
            let mut close = from;
            while close < end && self.b[close] != b'\n' && !self.b[close..end].starts_with(b"]]") {
                close += 1;
            }
            if close >= end || self.b[close] == b'\n' {
                self.kiro_fails_until = close;
                return None;
            }
            let inner = &self.text[from..close];
            let lead = inner.len() - inner.trim_start().len();
            let path = from + lead..from + inner.trim_end().len();
            if !path.is_empty() {
                self.push(
                    LinkForm::Kiro,
                    self.text[path.clone()].to_string(),
                    path,
                    false,
                );
            }
            return Some(close + 2);
        }
        if rest.len() > 6
            && rest[..6].eq_ignore_ascii_case(b"#file:")
            && self.wants(LinkForm::FileRef)
        {
            let from = i + 6;
            let len = self.text[from..end]
                .find(|c: char| c.is_whitespace() || c == '#' || c == '`')
                .unwrap_or(end - from);
            if len > 0 {
                let path = from..from + len;
                self.push(
                    LinkForm::FileRef,
                    self.text[path.clone()].to_string(),
                    path,
                    true,
                );
            }
            // Not skipped past: in `[#file:a.md](b.md)` the path runs into the link, which
            // VS Code reads instead. The next `#file:` starts after this one's end (a `#`).
            return Some(from);
        }
        None
    }

    fn skill_tokens(&mut self, r: Range<usize>) {
        let mut i = r.start;
        while i < r.end {
            i = self.skill_token(i, r.end).unwrap_or(i + 1);
        }
    }

    /// A bare `scripts/…`, `references/…`, `assets/…` (or `./` before them) starting a word, or
    /// `${CLAUDE_SKILL_DIR}/…`: the end of the token.
    fn skill_token(&mut self, i: usize, end: usize) -> Option<usize> {
        if !self.wants(LinkForm::SkillDir) || !matches!(self.b[i], b'$' | b'.' | b'r' | b's' | b'a')
        {
            return None;
        }
        let rest = &self.text[i..end];
        let (from, dir_len) = if rest.starts_with(SKILL_DIR_VAR) {
            (i + SKILL_DIR_VAR.len(), 0)
        } else {
            let dotted = usize::from(rest.starts_with("./")) * 2;
            let dir = SKILL_DIRS.iter().find(|d| rest[dotted..].starts_with(*d))?;
            let word_start = self.text[..i]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric() && !"_-./\\~$@%#:+".contains(c));
            if !word_start {
                return None;
            }
            (i, dotted + dir.len())
        };
        let len = self.text[from..end]
            .find(|c: char| {
                c.is_whitespace() || "`\"'()[]<>|,;。、，：；（）「」『』！？".contains(c)
            })
            .unwrap_or(end - from);
        let token = &self.text[from..from + len];
        let token = token.split('#').next().unwrap_or("");
        // `*` too: the end of `**scripts/a.py**`.
        let token = token.trim_end_matches(|c| SENTENCE_END.contains(&c) || c == '*');
        let glob = token.contains(['*', '?']);
        if token.len() > dir_len && !glob {
            let path = from..from + token.len();
            self.push(LinkForm::SkillDir, token.to_string(), path, true);
        }
        Some(from + len)
    }

    /// Records a link the caller can resolve; `droppable` ones wait while a `[` is open.
    fn push(&mut self, form: LinkForm, target: String, range: Range<usize>, droppable: bool) {
        if !is_path(&target, form) {
            return;
        }
        let link = RawLink {
            form,
            target,
            range,
        };
        if droppable && !self.openers.is_empty() {
            self.pending.push(link);
        } else {
            self.out.push(link);
        }
    }
}

/// A target that names a file in the project: not a URL, not empty, no template placeholder;
/// `/path` only where the tool reads it as workspace-absolute (VS Code's Markdown links and
/// `#file:`); never `~` or a drive letter.
fn is_path(target: &str, form: LinkForm) -> bool {
    let scheme = target.split_once(':').is_some_and(|(s, _)| {
        s.len() >= 2
            && s.starts_with(|c: char| c.is_ascii_alphabetic())
            && s.bytes()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'.' | b'-'))
    });
    let drive = target.len() >= 2
        && target.as_bytes()[0].is_ascii_alphabetic()
        && target.as_bytes()[1] == b':'
        && matches!(target.as_bytes().get(2), None | Some(b'/' | b'\\'));
    let root_relative = matches!(
        form,
        LinkForm::Markdown | LinkForm::Reference | LinkForm::FileRef
    );
    !target.is_empty()
        && !scheme
        && !drive
        && !target.starts_with("//")
        && !target.starts_with('~')
        && (root_relative || !target.starts_with('/'))
        && !target.contains(['{', '}', '<', '>', '$'])
}

#[cfg(test)]
mod tests;
