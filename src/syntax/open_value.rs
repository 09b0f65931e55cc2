//! Quoted scalars and flow collections that go on over lines at the entries' indentation.
//!
//! The block is cut into top-level entries at lines indented no more than its first key (see
//! `yaml::segments`). But a double- or single-quoted scalar, or a `[...]` or `{...}`, may go on
//! over such lines, and libyaml (the strict judge, as PyYAML) and js-yaml read them as one
//! value:
//!
//! ```yaml
//! description: 'Improve code quality and
//! design.'
//! tools: ['codebase',
//! 'search']
//! ```
//!
//! [`Scan`] follows quotes and brackets line by line, so that the cutting knows when a line is
//! inside such a value; [`closing_line`] looks ahead for where it closes. A value that never
//! closes cleanly (the quote is missing, or text follows the close) is cut as before, so that
//! its one syntax error stays at the opening quote and the keys after it stay entries.

/// What is open at the end of the lines read so far.
#[derive(Debug, Clone)]
pub(super) struct Scan {
    /// The quote character of an open quoted scalar.
    quote: Option<u8>,
    /// Open `[` and `{`.
    depth: usize,
    /// Whether the next character starts a token: a quote or bracket there opens a value, and
    /// elsewhere it is text of a plain scalar (`it's`, `u[1]`).
    token_start: bool,
    /// The indentation of the line that holds a block scalar's `|` or `>`: lines indented
    /// deeper, and blank ones, are its text.
    block: Option<usize>,
}

impl Default for Scan {
    fn default() -> Scan {
        Scan {
            quote: None,
            depth: 0,
            token_start: true,
            block: None,
        }
    }
}

impl Scan {
    /// Whether a quoted scalar or a flow collection is open.
    pub(super) fn is_open(&self) -> bool {
        self.quote.is_some() || self.depth > 0
    }

    /// Reads one line (without its line break). For a line that starts inside an open value
    /// and closes it: `Some(clean)`, whether nothing but blanks or a comment follows the close
    /// on that line. `None` otherwise.
    pub(super) fn feed(&mut self, line: &str) -> Option<bool> {
        let b = line.as_bytes();
        let was_open = self.is_open();
        let indent = b.iter().take_while(|&&c| c == b' ').count();
        let mut i = 0;
        if !was_open {
            if let Some(parent) = self.block {
                if indent == b.len() || indent > parent {
                    return None;
                }
                self.block = None;
            }
            i = indent;
            // In block context a new line starts a token after a line that ended at one
            // (`key:`, `-`), or at an item's `- `; else it goes on with a plain scalar, whose
            // quotes are text.
            if matches!(b.get(i), Some(b'-' | b'?')) && blank_or_end(b, i + 1) {
                self.token_start = true;
            }
        } else if self.quote.is_none() {
            self.token_start = true;
        }
        let mut closed_at = None;
        while i < b.len() {
            let c = b[i];
            if let Some(q) = self.quote {
                match c {
                    b'\\' if q == b'"' => i += 1,
                    b'\'' if q == b'\'' && b.get(i + 1) == Some(&b'\'') => i += 1,
                    _ if c == q => {
                        self.quote = None;
                        self.token_start = false;
                        if was_open && !self.is_open() {
                            closed_at.get_or_insert(i + 1);
                        }
                    }
                    _ => {}
                }
                i += 1;
                continue;
            }
            match c {
                b' ' | b'\t' => {}
                b'#' if i == 0 || matches!(b[i - 1], b' ' | b'\t') => break,
                b'"' | b'\'' if self.token_start => self.quote = Some(c),
                b'[' | b'{' if self.token_start || self.depth > 0 => {
                    self.depth += 1;
                    self.token_start = true;
                }
                b']' | b'}' if self.depth > 0 => {
                    self.depth -= 1;
                    self.token_start = false;
                    if was_open && !self.is_open() {
                        closed_at.get_or_insert(i + 1);
                    }
                }
                b'|' | b'>' if self.token_start && self.depth == 0 => {
                    self.block = Some(indent);
                    break;
                }
                b',' if self.depth > 0 => self.token_start = true,
                // In a flow collection a value may follow `:` directly (`{"a":"b"}`).
                b':' if self.depth > 0 || blank_or_end(b, i + 1) => self.token_start = true,
                b'-' | b'?' if self.token_start && blank_or_end(b, i + 1) => {}
                _ => self.token_start = false,
            }
            i += 1;
        }
        closed_at.map(|at| {
            let rest = line[at.min(line.len())..].trim_start_matches([' ', '\t']);
            rest.is_empty() || rest.starts_with('#')
        })
    }
}

fn blank_or_end(b: &[u8], i: usize) -> bool {
    b.get(i).is_none_or(|c| matches!(c, b' ' | b'\t'))
}

/// Where the value open in `scan` closes, reading `text[from..end]` from the line start
/// `from`: the end of the line it closes on (before its break) and the state after it, when
/// nothing but blanks or a comment follows the close there. `None` when it does not close
/// before `end`, a document marker (`---`, `...` at column 0, which libyaml does not take
/// inside a value) comes first, or more than `budget` bytes would be read. Also returns the
/// bytes read.
pub(super) fn closing_line(
    scan: &Scan,
    text: &str,
    from: usize,
    end: usize,
    budget: usize,
) -> (Option<(usize, Scan)>, usize) {
    let mut scan = scan.clone();
    let mut read = 0;
    for (at, line) in crate::text::lines(&text[from..end]) {
        read = at + line.len();
        if read > budget || is_document_marker(line) {
            break;
        }
        match scan.feed(line) {
            Some(true) => return (Some((from + at + line.len(), scan)), read),
            Some(false) => break,
            None => {}
        }
    }
    (None, read)
}

fn is_document_marker(line: &str) -> bool {
    (line.starts_with("---") || line.starts_with("...")) && blank_or_end(line.as_bytes(), 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn after(lines: &[&str]) -> Scan {
        let mut s = Scan::default();
        for l in lines {
            s.feed(l);
        }
        s
    }

    #[test]
    fn quotes_and_brackets_open_only_where_a_token_starts() {
        assert!(after(&["a: \"x"]).is_open());
        assert!(after(&["a: 'it''s"]).is_open());
        assert!(!after(&["a: it's"]).is_open());
        assert!(!after(&["a: u[1"]).is_open());
        assert!(after(&["a: [x,"]).is_open());
        assert!(after(&["a: {\"k\":\"v"]).is_open());
        assert!(!after(&["a: \"x\" # \"y"]).is_open());
        // A plain scalar's continuation line: its quote is text.
        assert!(!after(&["a: words", "  \"more"]).is_open());
        assert!(after(&["a:", "  - \"x"]).is_open());
        // A block scalar's lines are text.
        assert!(!after(&["a: |", "  \"x", "  [y"]).is_open());
        assert!(after(&["a: |", "  x", "b: \"y"]).is_open());
    }

    #[test]
    fn the_close_must_end_its_line() {
        let t = "a: \"x\ny\" # c\nz\"\n";
        let open = after(&["a: \"x"]);
        let (found, _) = closing_line(&open, t, 6, t.len(), usize::MAX);
        assert_eq!(found.map(|(end, s)| (end, s.is_open())), Some((12, false)));
        let t = "a: \"x\ny\" z\n";
        assert!(closing_line(&open, t, 6, t.len(), usize::MAX).0.is_none());
        let t = "a: \"x\n---\ny\"\n";
        assert!(closing_line(&open, t, 6, t.len(), usize::MAX).0.is_none());
        let t = "a: \"x\nb: 1\n";
        assert!(closing_line(&open, t, 6, t.len(), usize::MAX).0.is_none());
        // Within the budget only.
        let t = "a: \"x\nlong line\ny\"\n";
        assert!(closing_line(&open, t, 6, t.len(), 5).0.is_none());
    }
}
