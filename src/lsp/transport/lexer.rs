//! Following a body as it arrives, to see early that its declared length is wrong.

/// Why an incomplete body cannot be valid.
#[derive(Debug, PartialEq)]
pub(super) enum Trigger {
    /// A byte that no JSON text can contain there (a raw control character in a string, a
    /// letter outside one…).
    Broken,
    /// One complete value (`..end`) followed by a byte that is not whitespace (at `at`).
    Garbage { end: usize, at: usize },
}

/// Follows the JSON structure of a body as it arrives, just enough to see that it cannot be
/// valid JSON (strings, nesting, the bytes allowed outside strings; not the full grammar).
#[derive(Clone, Copy, Default)]
pub(super) struct Lexer {
    depth: u32,
    mode: Mode,
    /// Where the top-level value ended (when `mode` is `End`).
    end: usize,
}

#[derive(Clone, Copy, Default, PartialEq)]
enum Mode {
    #[default]
    Start,
    /// Inside an array or object, outside a string.
    Nested,
    Str {
        escape: bool,
    },
    /// A top-level number or literal.
    Scalar,
    End,
}

pub(super) fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// The bytes of numbers and of `true`, `false`, `null`.
fn is_scalar(b: u8) -> bool {
    matches!(
        b,
        b'0'..=b'9'
            | b'-'
            | b'+'
            | b'.'
            | b'e'
            | b'E'
            | b'a'
            | b'f'
            | b'l'
            | b'n'
            | b'r'
            | b's'
            | b't'
            | b'u'
    )
}

impl Lexer {
    /// Goes through `bytes`, which start at offset `base` of the body.
    pub(super) fn run(&mut self, bytes: &[u8], base: usize) -> Option<Trigger> {
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            match self.mode {
                Mode::Start => {
                    if is_ws(b) {
                    } else if b == b'{' || b == b'[' {
                        self.depth = 1;
                        self.mode = Mode::Nested;
                    } else if b == b'"' {
                        self.mode = Mode::Str { escape: false };
                    } else if b == b'-' || b.is_ascii_digit() || matches!(b, b't' | b'f' | b'n') {
                        self.mode = Mode::Scalar;
                    } else {
                        return Some(Trigger::Broken);
                    }
                }
                Mode::Nested => match b {
                    b'{' | b'[' => self.depth = self.depth.saturating_add(1),
                    b'}' | b']' => {
                        self.depth -= 1;
                        if self.depth == 0 {
                            self.mode = Mode::End;
                            self.end = base + i + 1;
                        }
                    }
                    b'"' => self.mode = Mode::Str { escape: false },
                    b',' | b':' => {}
                    _ if is_ws(b) || is_scalar(b) => {}
                    _ => return Some(Trigger::Broken),
                },
                Mode::Str { escape: true } => self.mode = Mode::Str { escape: false },
                Mode::Str { escape: false } => {
                    // Skip the plain run of the string at once.
                    let run = bytes[i..]
                        .iter()
                        .position(|&c| c == b'"' || c == b'\\' || c < 0x20)
                        .unwrap_or(bytes.len() - i);
                    i += run;
                    let Some(&c) = bytes.get(i) else { break };
                    if c == b'\\' {
                        self.mode = Mode::Str { escape: true };
                    } else if c == b'"' {
                        if self.depth == 0 {
                            self.mode = Mode::End;
                            self.end = base + i + 1;
                        } else {
                            self.mode = Mode::Nested;
                        }
                    } else {
                        return Some(Trigger::Broken);
                    }
                }
                Mode::Scalar => {
                    if !is_scalar(b) {
                        self.mode = Mode::End;
                        self.end = base + i;
                        continue;
                    }
                }
                Mode::End => {
                    if !is_ws(b) {
                        return Some(Trigger::Garbage {
                            end: self.end,
                            at: base + i,
                        });
                    }
                }
            }
            i += 1;
        }
        None
    }
}
