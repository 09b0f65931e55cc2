//! The parser's state machine: header block, body, or resynchronisation after an error, fed
//! with the client's bytes as they come.

use super::READ_CHUNK;
use super::errors::BadFrame;
use super::lexer::{Lexer, Trigger};
use super::message::{Checked, Kind, UNREADABLE_BODY, check, overlong};
use super::shape::Top;
use std::ops::Range;

/// What the parser found next in the input.
#[derive(Debug, PartialEq)]
pub enum Outcome {
    /// A valid message: its body is `FrameParser::bytes(body)` (until the next `push`).
    Message { body: Range<usize>, kind: Kind },
    /// A bad frame or an invalid message, to be answered with this error.
    Error(BadFrame),
}

#[derive(Clone, Copy)]
pub(super) enum State {
    /// Reading a header block that starts at `pos`: `line` is where the current line starts,
    /// `scanned` how far it was searched for its end (both relative to `pos`), `length` the
    /// `Content-Length` read so far.
    Header {
        line: usize,
        scanned: usize,
        length: Option<usize>,
    },
    /// Waiting for a body of `len` bytes at `pos`; `lexed` bytes of it went through `lexer`.
    Body {
        len: usize,
        lexed: usize,
        lexer: Lexer,
    },
    /// Discarding bytes until the next `content-length`.
    Resync,
}

impl State {
    pub(super) const HEADER: State = State::Header {
        line: 0,
        scanned: 0,
        length: None,
    };
}

/// Splits the client's bytes into frames, checks them and says what to do with each. Feed it
/// with [`push`](Self::push) (or read into [`spare`](Self::spare)), then call
/// [`next_outcome`](Self::next_outcome) until it returns `None`.
pub struct FrameParser {
    pub(super) buf: Vec<u8>,
    /// Bytes before this are consumed; the current state starts here.
    pub(super) pos: usize,
    pub(super) state: State,
    /// Inside a resynchronisation: a failure has been answered already, and false starts are
    /// skipped silently until a header reads well.
    pub(super) quiet: bool,
}

impl Default for FrameParser {
    fn default() -> Self {
        Self::new()
    }
}

impl FrameParser {
    pub fn new() -> FrameParser {
        FrameParser {
            buf: Vec::new(),
            pos: 0,
            state: State::HEADER,
            quiet: false,
        }
    }

    /// The bytes of a message returned by [`next_outcome`](Self::next_outcome).
    pub fn bytes(&self, range: Range<usize>) -> &[u8] {
        &self.buf[range]
    }

    pub fn push(&mut self, data: &[u8]) {
        self.spare().extend_from_slice(data);
    }

    /// The buffer to read more input into (append only). Invalidates earlier ranges.
    pub fn spare(&mut self) -> &mut Vec<u8> {
        if self.pos > 0 {
            self.buf.drain(..self.pos);
            self.pos = 0;
        }
        // Give back what a huge message took.
        if self.buf.is_empty() && self.buf.capacity() > 4 * READ_CHUNK {
            self.buf = Vec::new();
        }
        &mut self.buf
    }

    /// The next message or error, or `None` when more input is needed.
    pub fn next_outcome(&mut self) -> Option<Outcome> {
        loop {
            let step = match self.state {
                State::Header { .. } => self.header(),
                State::Body { .. } => self.body(),
                State::Resync => self.resync(),
            };
            match step {
                Step::More => return None,
                Step::Again => {}
                Step::Out(o) => return Some(o),
            }
        }
    }

    /// Goes to resynchronisation at `at`, answering `bad` unless already resynchronising.
    pub(super) fn fail(&mut self, bad: BadFrame, at: usize) -> Step {
        self.pos = at;
        self.state = State::Resync;
        if std::mem::replace(&mut self.quiet, true) {
            Step::Again
        } else {
            Step::Out(Outcome::Error(bad))
        }
    }

    fn body(&mut self) -> Step {
        let State::Body {
            len,
            mut lexed,
            mut lexer,
        } = self.state
        else {
            unreachable!()
        };
        let start = self.pos;
        let avail = self.buf.len() - start;
        if avail >= len {
            let body = start..start + len;
            self.pos = body.end;
            self.state = State::HEADER;
            return match check(&self.buf[body.clone()]) {
                Checked::Valid(kind) => Step::Out(Outcome::Message { body, kind }),
                Checked::Invalid(bad) => Step::Out(Outcome::Error(bad)),
                Checked::Unreadable(bad) => self.fail(bad, start),
                Checked::Overlong { bad, next } => self.fail(bad, start + next),
            };
        }
        // Incomplete: look for a sign that the declared length is wrong, so that a message
        // already here is not held back by a length the client will never fill.
        match lexer.run(&self.buf[start + lexed..], lexed) {
            None => {
                lexed = avail;
                self.state = State::Body { len, lexed, lexer };
                Step::More
            }
            Some(Trigger::Broken) => self.fail(BadFrame::parse(UNREADABLE_BODY), start),
            Some(Trigger::Garbage { end, at }) => {
                match serde_json::from_slice::<Top>(&self.buf[start..start + end]) {
                    Ok(top) => self.fail(overlong(&top), start + at),
                    Err(_) => self.fail(BadFrame::parse(UNREADABLE_BODY), start),
                }
            }
        }
    }

    fn resync(&mut self) -> Step {
        match super::headers::find_content_length(&self.buf[self.pos..]) {
            Ok(i) => {
                self.pos += i;
                self.state = State::HEADER;
                Step::Again
            }
            Err(keep_from) => {
                // Keep what may be the start of a split `content-length`.
                self.pos += keep_from;
                Step::More
            }
        }
    }
}

pub(super) enum Step {
    More,
    Again,
    Out(Outcome),
}
