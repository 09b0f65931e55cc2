//! Path globs for dialect detection: `*`, `?`, `[a-z]`, `{a,b}` and `**`.
//!
//! Why not globset: it compiles every glob set into a regex DFA, about 10 ms for the built-in
//! dialect globs (profiled: `regex_automata::determinize`), which the language server paid
//! before its first diagnostics and `check` before its first file. These globs are short and
//! few; matching them segment by segment, after a literal prefilter, costs microseconds and
//! compiles in nothing.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlobError {
    pub glob: String,
    pub message: String,
}

impl fmt::Display for GlobError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "bad glob `{}`: {}", self.glob, self.message)
    }
}

/// One glob, with its `{a,b}` alternatives expanded.
#[derive(Debug, Clone)]
pub struct Glob {
    alternatives: Vec<Pattern>,
}

#[derive(Debug, Clone)]
struct Pattern {
    segments: Vec<Segment>,
    /// A literal every matching path contains (the longest literal run), checked first.
    required: String,
}

#[derive(Debug, Clone)]
enum Segment {
    /// `**`: any number of path segments.
    Any,
    /// A segment with no wildcard.
    Literal(String),
    /// A segment with `*`, `?` or `[...]`.
    Wild(Vec<Token>),
}

#[derive(Debug, Clone)]
enum Token {
    Char(char),
    Star,
    Question,
    Class {
        negated: bool,
        ranges: Vec<(char, char)>,
    },
}

impl Glob {
    pub fn new(glob: &str) -> Result<Glob, GlobError> {
        let err = |message: &str| GlobError {
            glob: glob.to_string(),
            message: message.to_string(),
        };
        let expanded = expand_braces(glob).map_err(&err)?;
        let alternatives = expanded
            .iter()
            .map(|g| Pattern::parse(g).map_err(&err))
            .collect::<Result<_, _>>()?;
        Ok(Glob { alternatives })
    }

    /// Whether `path` (`/`-separated, relative) matches.
    pub fn is_match(&self, path: &str) -> bool {
        self.alternatives.iter().any(|p| p.is_match(path))
    }
}

/// `a{b,c}d` → `abd`, `acd` (nested braces allowed).
fn expand_braces(glob: &str) -> Result<Vec<String>, &'static str> {
    let Some(open) = unescaped(glob).find(|&(_, c)| c == '{').map(|(i, _)| i) else {
        if unescaped(glob).any(|(_, c)| c == '}') {
            return Err("unmatched `}`");
        }
        return Ok(vec![glob.to_string()]);
    };
    let mut depth = 0;
    let mut close = None;
    let mut commas = Vec::new();
    for (i, c) in unescaped(&glob[open..]) {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    close = Some(open + i);
                    break;
                }
            }
            ',' if depth == 1 => commas.push(open + i),
            _ => {}
        }
    }
    let close = close.ok_or("unclosed `{`")?;
    let mut bounds = vec![open];
    bounds.extend(commas);
    bounds.push(close);
    let mut out = Vec::new();
    for w in bounds.windows(2) {
        let alt = &glob[w[0] + 1..w[1]];
        for rest in expand_braces(&format!("{}{alt}{}", &glob[..open], &glob[close + 1..]))? {
            out.push(rest);
        }
    }
    Ok(out)
}

/// The characters of a glob that are not escaped by a `\\`, with their offsets.
fn unescaped(glob: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let mut chars = glob.char_indices();
    std::iter::from_fn(move || {
        loop {
            let (i, c) = chars.next()?;
            if c != '\\' {
                return Some((i, c));
            }
            chars.next();
        }
    })
}

/// A glob that matches exactly `literal` (a folder name with `*` or `{` in it).
pub fn escape(literal: &str) -> String {
    let mut out = String::with_capacity(literal.len());
    for c in literal.chars() {
        if matches!(c, '*' | '?' | '[' | ']' | '{' | '}' | ',' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

impl Pattern {
    fn parse(glob: &str) -> Result<Pattern, &'static str> {
        if glob.is_empty() {
            return Err("empty glob");
        }
        let mut segments = Vec::new();
        for seg in glob.split('/') {
            if seg == "**" {
                if !matches!(segments.last(), Some(Segment::Any)) {
                    segments.push(Segment::Any);
                }
                continue;
            }
            if seg.contains("**") {
                return Err("`**` must be a whole path segment");
            }
            let tokens = tokens(seg)?;
            if tokens.iter().all(|t| matches!(t, Token::Char(_))) {
                let literal = tokens
                    .iter()
                    .map(|t| match t {
                        Token::Char(c) => *c,
                        _ => unreachable!("all characters"),
                    })
                    .collect();
                segments.push(Segment::Literal(literal));
            } else {
                segments.push(Segment::Wild(tokens));
            }
        }
        // A `/` next to `**` may match nothing (`**/a` matches `a`), so it is not required.
        let required = literal_runs(glob)
            .into_iter()
            .map(|r| r.trim_matches('/').to_string())
            .max_by_key(|s| s.len())
            .unwrap_or_default();
        Ok(Pattern { segments, required })
    }

    fn is_match(&self, path: &str) -> bool {
        if !path.contains(self.required.as_str()) {
            return false;
        }
        // Every file is matched against every dialect's globs: its segments go on the stack
        // (a heap `Vec` per match was 3% of `check`'s instructions), a deep path on the heap.
        const ON_STACK: usize = 32;
        let mut stack = [""; ON_STACK];
        let mut n = 0;
        for part in path.split('/') {
            if n == ON_STACK {
                let parts: Vec<&str> = path.split('/').collect();
                return match_segments(&self.segments, &parts);
            }
            stack[n] = part;
            n += 1;
        }
        match_segments(&self.segments, &stack[..n])
    }
}

/// Runs of characters with no wildcard, for the prefilter.
fn literal_runs(glob: &str) -> Vec<String> {
    let mut runs = Vec::new();
    let mut cur = String::new();
    let mut in_class = false;
    let mut chars = glob.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' if !in_class => cur.extend(chars.next()),
            '[' => {
                in_class = true;
                runs.push(std::mem::take(&mut cur));
            }
            ']' if in_class => in_class = false,
            '*' | '?' => runs.push(std::mem::take(&mut cur)),
            c if !in_class => cur.push(c),
            _ => {}
        }
    }
    runs.push(cur);
    runs
}

fn tokens(seg: &str) -> Result<Vec<Token>, &'static str> {
    let mut out = Vec::new();
    let mut chars = seg.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '*' => {
                if !matches!(out.last(), Some(Token::Star)) {
                    out.push(Token::Star);
                }
            }
            '?' => out.push(Token::Question),
            '[' => {
                let negated = matches!(chars.peek(), Some('!' | '^'));
                if negated {
                    chars.next();
                }
                let mut ranges = Vec::new();
                let mut first = true;
                loop {
                    let c = chars.next().ok_or("unclosed `[`")?;
                    if c == ']' && !first {
                        break;
                    }
                    first = false;
                    if chars.peek() == Some(&'-') {
                        chars.next();
                        match chars.peek() {
                            Some(']') | None => {
                                ranges.push((c, c));
                                ranges.push(('-', '-'));
                            }
                            Some(_) => {
                                let hi = chars.next().ok_or("unclosed `[`")?;
                                if hi < c {
                                    return Err("range out of order in `[...]`");
                                }
                                ranges.push((c, hi));
                            }
                        }
                    } else {
                        ranges.push((c, c));
                    }
                }
                out.push(Token::Class { negated, ranges });
            }
            ']' => return Err("unmatched `]`"),
            '\\' => out.push(Token::Char(chars.next().ok_or("trailing `\\`")?)),
            c => out.push(Token::Char(c)),
        }
    }
    Ok(out)
}

/// Wildcard matching without backtracking blow-up: a glob from a repository's configuration
/// is untrusted, and recursive matching of `*a*a*a*a*b` is exponential. The classic greedy
/// algorithm (remember the last `*`, retry one element further on a mismatch) is O(n·m) for
/// both levels: `**` over path segments and `*` over characters.
fn wildcard<P, T>(
    pat: &[P],
    items: &[T],
    is_star: impl Fn(&P) -> bool,
    one: impl Fn(&P, &T) -> bool,
) -> bool {
    let (mut p, mut i) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while i < items.len() {
        if p < pat.len() && is_star(&pat[p]) {
            star = Some((p, i));
            p += 1;
        } else if p < pat.len() && one(&pat[p], &items[i]) {
            p += 1;
            i += 1;
        } else if let Some((sp, si)) = star {
            p = sp + 1;
            i = si + 1;
            star = Some((sp, si + 1));
        } else {
            return false;
        }
    }
    pat[p..].iter().all(is_star)
}

fn match_segments(pat: &[Segment], parts: &[&str]) -> bool {
    wildcard(
        pat,
        parts,
        |s| matches!(s, Segment::Any),
        |s, part| match_segment(s, part),
    )
}

fn match_segment(seg: &Segment, part: &str) -> bool {
    match seg {
        Segment::Any => true,
        Segment::Literal(l) => l == part,
        Segment::Wild(tokens) => {
            let chars: Vec<char> = part.chars().collect();
            match_tokens(tokens, &chars)
        }
    }
}

fn match_tokens(tokens: &[Token], s: &[char]) -> bool {
    wildcard(
        tokens,
        s,
        |t| matches!(t, Token::Star),
        |t, c| match t {
            Token::Char(x) => x == c,
            Token::Question => true,
            Token::Class { negated, ranges } => {
                ranges.iter().any(|(lo, hi)| lo <= c && c <= hi) != *negated
            }
            Token::Star => false,
        },
    )
}

/// The glob set of a table's patterns, compiled on first use and kept: a table's globs are
/// matched for every file, and compiling them for each one cost `check` 7% of its
/// instructions (callgrind, corpus). Two caches always compare equal: the patterns they
/// compile are what a table compares.
#[derive(Debug, Default, Clone)]
pub struct Compiled(std::sync::OnceLock<GlobSet>);

impl Compiled {
    /// `globs` compiled; the same `globs` must be passed every time.
    pub fn get(&self, globs: &[String]) -> &GlobSet {
        self.0.get_or_init(|| GlobSet::new(globs))
    }
}

impl PartialEq for Compiled {
    fn eq(&self, _: &Compiled) -> bool {
        true
    }
}

/// Several globs; `matches` yields the indexes of those that match.
#[derive(Debug, Clone, Default)]
pub struct GlobSet {
    globs: Vec<Glob>,
}

impl GlobSet {
    /// Globs that fail to parse are skipped: built-in ones are tested, and configuration globs
    /// are validated with `Glob::new` when the configuration is read.
    pub fn new(globs: &[String]) -> GlobSet {
        GlobSet {
            globs: globs.iter().filter_map(|g| Glob::new(g).ok()).collect(),
        }
    }

    pub fn is_match(&self, path: &str) -> bool {
        self.globs.iter().any(|g| g.is_match(path))
    }

    pub fn matches<'a>(&'a self, path: &'a str) -> impl Iterator<Item = usize> + 'a {
        self.globs
            .iter()
            .enumerate()
            .filter(move |(_, g)| g.is_match(path))
            .map(|(i, _)| i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(glob: &str, path: &str) -> bool {
        Glob::new(glob).unwrap().is_match(path)
    }

    #[test]
    fn double_star_matches_any_depth_including_none() {
        assert!(m("**/.claude/agents/**/*.md", ".claude/agents/a.md"));
        assert!(m(
            "**/.claude/agents/**/*.md",
            "x/y/.claude/agents/sub/a.md"
        ));
        assert!(!m("**/.claude/agents/**/*.md", ".claude/agentsx/a.md"));
        assert!(!m("**/.claude/agents/**/*.md", ".claude/agents/a.mdc"));
        assert!(m("**/SKILL.md", "SKILL.md"));
        assert!(m("**/*.agent.md", "a/b/x.agent.md"));
        assert!(!m("**/*.md", "a/b.md/c"));
    }

    #[test]
    fn star_stays_in_its_segment_and_classes_and_braces_work() {
        assert!(!m("prompts/*.md", "prompts/a/b.md"));
        assert!(m(
            "**/.opencode/{agent,agents}/**/*.md",
            "p/.opencode/agents/x.md"
        ));
        assert!(m(
            "**/.opencode/{agent,agents}/**/*.md",
            ".opencode/agent/core/x.md"
        ));
        assert!(m("**/[a-c]?.md", "z/b1.md"));
        assert!(!m("**/[!a-c]?.md", "z/b1.md"));
        assert!(m("{a,b/{c,d}}/*.md", "b/d/x.md"));
    }

    #[test]
    fn escaped_characters_are_literal() {
        let folder = "a{b,c}*[x]\\";
        let g = format!("{}/**/*.md", escape(folder));
        assert!(m(&g, &format!("{folder}/y/z.md")));
        assert!(!m(&g, "ab/y/z.md"));
        assert!(m("\\*.md", "*.md"));
        assert!(!m("\\*.md", "a.md"));
    }

    /// Backtracking matchers are exponential in the number of stars; these return at once.
    #[test]
    fn many_stars_match_in_linear_time() {
        let g = format!("{}b", "*a".repeat(30));
        assert!(!m(&g, &"a".repeat(200)));
        assert!(m(&g, &format!("{}b", "a".repeat(200))));
        let g = format!("{}x.md", "**/a/".repeat(20));
        let path = format!("{}/y.md", ["a"; 200].join("/"));
        assert!(!m(&g, &path));
        assert!(m("**/a/**/b/**/*.md", "x/a/y/b/c/d.md"));
        assert!(!m("**/a/**/b/**/*.md", "x/b/y/a/c/d.md"));
    }

    #[test]
    fn errors_say_what_is_wrong() {
        assert_eq!(
            Glob::new("a/{b").unwrap_err().to_string(),
            "bad glob `a/{b`: unclosed `{`"
        );
        assert_eq!(Glob::new("[a").unwrap_err().message, "unclosed `[`");
        assert_eq!(
            Glob::new("a**/b").unwrap_err().message,
            "`**` must be a whole path segment"
        );
    }
}
