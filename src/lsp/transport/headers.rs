//! A frame's header block: read once, incrementally and bounded; names case-insensitive,
//! unknown fields ignored, `\r\n` or bare `\n` line endings. Also where a lost reader finds
//! its footing again: the next `Content-Length`.

use super::errors::BadFrame;
use super::frames::{FrameParser, State, Step};
use super::lexer::Lexer;
use super::{MAX_BODY, MAX_HEADER};

/// The header name that starts a frame, and the resynchronisation point.
const CONTENT_LENGTH: &[u8] = b"content-length";

impl FrameParser {
    /// Reads the header block at `pos`, as far as it has come.
    pub(super) fn header(&mut self) -> Step {
        let State::Header {
            mut line,
            mut scanned,
            mut length,
        } = self.state
        else {
            unreachable!()
        };
        if line == 0 && scanned == 0 {
            // Blank lines between frames are tolerated.
            let skip = self.buf[self.pos..]
                .iter()
                .take_while(|b| matches!(b, b'\r' | b'\n'))
                .count();
            self.pos += skip;
        }
        let start = self.pos;
        loop {
            let from = start + line;
            // Never searched past the bound, however much has come.
            let limit = self.buf.len().min(start + MAX_HEADER + 1);
            let Some(nl) = self.buf[start + scanned..limit]
                .iter()
                .position(|&b| b == b'\n')
            else {
                if limit - start > MAX_HEADER {
                    return self.fail(BadFrame::parse("header block too long"), start + 1);
                }
                scanned = limit - start;
                self.state = State::Header {
                    line,
                    scanned,
                    length,
                };
                return Step::More;
            };
            let end = start + scanned + nl;
            line = end + 1 - start;
            scanned = line;
            if line > MAX_HEADER {
                return self.fail(BadFrame::parse("header block too long"), start + 1);
            }
            let text = &self.buf[from..end];
            let text = text.strip_suffix(b"\r").unwrap_or(text);
            if text.is_empty() {
                let Some(len) = length else {
                    return self.fail(BadFrame::parse("no Content-Length header"), start + 1);
                };
                self.pos = start + line;
                self.quiet = false;
                self.state = State::Body {
                    len,
                    lexed: 0,
                    lexer: Lexer::default(),
                };
                return Step::Again;
            }
            let Some(colon) = text.iter().position(|&b| b == b':') else {
                return self.fail(BadFrame::parse("malformed header line"), start + 1);
            };
            let name = text[..colon].trim_ascii();
            if !name.eq_ignore_ascii_case(CONTENT_LENGTH) {
                // Content-Type and anything else: ignored.
                continue;
            }
            match parse_length(text[colon + 1..].trim_ascii()) {
                Ok(n) if length.is_none_or(|l| l == n) => length = Some(n),
                Ok(_) => {
                    return self.fail(BadFrame::parse("two different Content-Lengths"), start + 1);
                }
                Err(reason) => return self.fail(BadFrame::parse(reason), start + 1),
            }
        }
    }
}

/// A `Content-Length` value: ASCII digits only, at most [`MAX_BODY`].
fn parse_length(v: &[u8]) -> Result<usize, &'static str> {
    if v.is_empty() || !v.iter().all(u8::is_ascii_digit) {
        return Err("Content-Length is not a number");
    }
    let mut n: usize = 0;
    for &d in v {
        n = match n
            .checked_mul(10)
            .and_then(|n| n.checked_add(usize::from(d - b'0')))
        {
            Some(n) if n <= MAX_BODY => n,
            _ => return Err("Content-Length over the limit"),
        };
    }
    Ok(n)
}

/// The offset of the first case-insensitive `content-length` in `hay`, or else the offset
/// before which no match can start (the last bytes may be the start of one).
pub(super) fn find_content_length(hay: &[u8]) -> Result<usize, usize> {
    let n = CONTENT_LENGTH.len();
    let mut i = 0;
    while i < hay.len() {
        match hay[i..].iter().position(|&b| b | 0x20 == b'c') {
            None => return Err(hay.len()),
            Some(k) => i += k,
        }
        let tail = &hay[i..];
        if tail.len() < n {
            if CONTENT_LENGTH[..tail.len()].eq_ignore_ascii_case(tail) {
                return Err(i);
            }
        } else if tail[..n].eq_ignore_ascii_case(CONTENT_LENGTH) {
            return Ok(i);
        }
        i += 1;
    }
    Err(hay.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_content_length_keeps_a_split_match() {
        assert_eq!(find_content_length(b"xx CONTENT-length: 1"), Ok(3));
        assert_eq!(find_content_length(b"xx content-len"), Err(3));
        assert_eq!(find_content_length(b"xx cc"), Err(4));
        assert_eq!(find_content_length(b"xx content-lengtx"), Err(17));
        assert_eq!(find_content_length(b""), Err(0));
    }
}
