//! The JSON-RPC framing in front of tower-lsp-server.
//!
//! Why this layer exists: tower-lsp-server's codec answers the first framing or JSON error it
//! meets (a body that is not JSON, a `Content-Length` that is not a number, a `Content-Type`
//! without `charset`, invalid UTF-8…) and then its reader stops for good: the server is still
//! running but never reads again, and every later request waits forever. It also leaves
//! `$/`-prefixed requests unanswered, re-parses a header from its start on every read, and
//! waits for every request in flight when the input ends. So the bytes from the client go
//! through [`FrameParser`] first, which
//!
//! - reads the headers once, incrementally (names are case-insensitive, unknown fields are
//!   ignored, `\r\n` or bare `\n` line endings, at most [`MAX_HEADER`] bytes per header block);
//! - never allocates a body before its bytes arrive, and refuses bodies over [`MAX_BODY`];
//! - checks that each body is one JSON-RPC 2.0 message (no batches: LSP has none) that
//!   tower-lsp-server will accept, and answers the ones that are not itself: -32700 when the
//!   frame or its JSON cannot be read, -32600 when valid JSON is not a valid message, -32601 for
//!   `$/` requests; the answer echoes the id whenever one can be read;
//! - resynchronises after a framing error at the next `Content-Length` header (case-insensitive).
//!   A raw CR or LF cannot occur in a JSON string, and `content-length` cannot occur outside one,
//!   so a false start inside a broken body never reads as a complete header; it is skipped and
//!   the scan goes on one byte later. A declared length that swallows the start of the next
//!   frame is seen as soon as that frame's first byte arrives (a byte that cannot continue the
//!   JSON value), so the next message is served even if the client sends nothing after it.
//!
//! [`serve`] runs it: a reader forwards each valid body, re-framed canonically, into an
//! in-memory pipe that tower-lsp-server reads; a writer copies tower-lsp-server's output to the
//! client as whole frames, with the transport's own answers in between, so that two frames never
//! interleave. Everything runs in the caller's task (no thread hop per message). When the input
//! ends, [`serve`] gives what was already read [`GRACE`] to finish and returns.

use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Value, json};
use std::borrow::Cow;
use std::fmt;
use std::future::Future;
use std::ops::Range;
use std::time::{Duration, Instant};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, DuplexStream};
use tokio::sync::mpsc;

/// The longest header block (all header lines and the blank line) accepted.
pub const MAX_HEADER: usize = 8 * 1024;
/// The largest body accepted.
pub const MAX_BODY: usize = 256 * 1024 * 1024;
/// How long the requests already read may still run once the input has ended.
pub const GRACE: Duration = Duration::from_millis(100);

pub const PARSE_ERROR: i64 = -32700;
pub const INVALID_REQUEST: i64 = -32600;
pub const METHOD_NOT_FOUND: i64 = -32601;

/// The header name that starts a frame, and the resynchronisation point.
const CONTENT_LENGTH: &[u8] = b"content-length";
/// Capacity of the pipes to and from tower-lsp-server.
const PIPE: usize = 256 * 1024;
/// How much is read from the input at a time.
const READ_CHUNK: usize = 64 * 1024;
/// Input read while a message waits to be delivered stops being read past this.
const SPILL_LIMIT: usize = 16 * 1024 * 1024;

/// What the parser found next in the input.
#[derive(Debug, PartialEq)]
pub enum Outcome {
    /// A valid message: its body is `FrameParser::bytes(body)` (until the next `push`).
    Message { body: Range<usize>, kind: Kind },
    /// A bad frame or an invalid message, to be answered with this error.
    Error(BadFrame),
}

/// A valid message, as far as the transport cares.
#[derive(Debug, PartialEq)]
pub enum Kind {
    Request {
        id: Value,
    },
    /// A request whose method starts with `$/`: answered MethodNotFound, not forwarded.
    DollarRequest {
        id: Value,
        method: String,
    },
    Notification,
    Response,
}

/// An error to answer: the JSON-RPC error code, the id to answer to (`null` when it cannot be
/// read), and a short reason (never the client's bytes).
#[derive(Debug, PartialEq)]
pub struct BadFrame {
    pub code: i64,
    pub id: Value,
    pub reason: Cow<'static, str>,
}

impl BadFrame {
    fn parse(reason: impl Into<Cow<'static, str>>) -> BadFrame {
        BadFrame {
            code: PARSE_ERROR,
            id: Value::Null,
            reason: reason.into(),
        }
    }

    /// The framed JSON-RPC error response.
    pub fn response(&self) -> Vec<u8> {
        let message = match self.code {
            PARSE_ERROR => "Parse error",
            INVALID_REQUEST => "Invalid Request",
            METHOD_NOT_FOUND => "Method not found",
            _ => "Error",
        };
        frame(&json!({
            "jsonrpc": "2.0",
            "id": self.id,
            "error": { "code": self.code, "message": message, "data": self.reason },
        }))
    }
}

fn frame(msg: &Value) -> Vec<u8> {
    let body = serde_json::to_vec(msg).expect("a JSON value serialises");
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(&body);
    out
}

#[derive(Clone, Copy)]
enum State {
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
    const HEADER: State = State::Header {
        line: 0,
        scanned: 0,
        length: None,
    };
}

/// Splits the client's bytes into frames, checks them and says what to do with each. Feed it
/// with [`push`](Self::push) (or read into [`spare`](Self::spare)), then call
/// [`next_outcome`](Self::next_outcome) until it returns `None`.
pub struct FrameParser {
    buf: Vec<u8>,
    /// Bytes before this are consumed; the current state starts here.
    pos: usize,
    state: State,
    /// Inside a resynchronisation: a failure has been answered already, and false starts are
    /// skipped silently until a header reads well.
    quiet: bool,
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
    fn fail(&mut self, bad: BadFrame, at: usize) -> Step {
        self.pos = at;
        self.state = State::Resync;
        if std::mem::replace(&mut self.quiet, true) {
            Step::Again
        } else {
            Step::Out(Outcome::Error(bad))
        }
    }

    fn header(&mut self) -> Step {
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
        match find_content_length(&self.buf[self.pos..]) {
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

enum Step {
    More,
    Again,
    Out(Outcome),
}

const UNREADABLE_BODY: &str = "the body is not JSON";

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
fn find_content_length(hay: &[u8]) -> Result<usize, usize> {
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

/// The error for a body that is one complete JSON value (`top`) followed by something else:
/// the declared length ran into the next frame. The id is echoed when it can be read.
fn overlong(top: &Top) -> BadFrame {
    let id = match top {
        Top::Object(f) => f.echo_id().unwrap_or(Value::Null),
        Top::Other(_) => Value::Null,
    };
    BadFrame {
        code: PARSE_ERROR,
        id,
        reason: "Content-Length larger than the message".into(),
    }
}

/// Why an incomplete body cannot be valid.
#[derive(Debug, PartialEq)]
enum Trigger {
    /// A byte that no JSON text can contain there (a raw control character in a string, a
    /// letter outside one…).
    Broken,
    /// One complete value (`..end`) followed by a byte that is not whitespace (at `at`).
    Garbage { end: usize, at: usize },
}

/// Follows the JSON structure of a body as it arrives, just enough to see that it cannot be
/// valid JSON (strings, nesting, the bytes allowed outside strings; not the full grammar).
#[derive(Clone, Copy, Default)]
struct Lexer {
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

fn is_ws(b: u8) -> bool {
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
    fn run(&mut self, bytes: &[u8], base: usize) -> Option<Trigger> {
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

/// What a complete body is.
#[derive(Debug, PartialEq)]
enum Checked {
    Valid(Kind),
    /// Valid JSON, not a valid message: answer, and the framing is fine.
    Invalid(BadFrame),
    /// Not JSON: answer, and resynchronise from the start of the body.
    Unreadable(BadFrame),
    /// A complete value, then more bytes (from `next`): the declared length was too large.
    Overlong {
        bad: BadFrame,
        next: usize,
    },
}

/// Checks a complete body: one JSON value (strings valid UTF-8 without lone surrogates, at most
/// serde_json's default nesting depth, as tower-lsp-server will parse it) that is a JSON-RPC 2.0
/// message tower-lsp-server accepts.
fn check(body: &[u8]) -> Checked {
    let mut stream = serde_json::Deserializer::from_slice(body).into_iter::<Top>();
    let top = match stream.next() {
        None => return Checked::Unreadable(BadFrame::parse("empty body")),
        Some(Err(e)) => {
            let reason = if e.is_eof() {
                "the body ends inside a JSON value".into()
            } else {
                Cow::Owned(format!("invalid JSON: {e}"))
            };
            return Checked::Unreadable(BadFrame::parse(reason));
        }
        Some(Ok(top)) => top,
    };
    let end = stream.byte_offset();
    if let Some(k) = body[end..].iter().position(|&b| !is_ws(b)) {
        return Checked::Overlong {
            bad: overlong(&top),
            next: end + k,
        };
    }
    match top {
        Top::Other(Shape::Array) => {
            Checked::Invalid(invalid(Value::Null, "a batch (LSP has none)"))
        }
        Top::Other(_) => Checked::Invalid(invalid(Value::Null, "not a JSON object")),
        Top::Object(f) => match f.kind() {
            Ok(kind) => Checked::Valid(kind),
            Err(reason) => Checked::Invalid(invalid(f.echo_id().unwrap_or(Value::Null), reason)),
        },
    }
}

fn invalid(id: Value, reason: &'static str) -> BadFrame {
    BadFrame {
        code: INVALID_REQUEST,
        id,
        reason: reason.into(),
    }
}

/// The JSON type of a value, read through without keeping it.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Shape {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
}

/// A value the transport needs: an id, `jsonrpc`, `method`, an error's `code`.
#[derive(Debug)]
enum Scalar<'a> {
    Int(i64),
    /// An integer beyond `i64`, which tower-lsp-server's ids cannot hold.
    BigInt(u64),
    Str(Cow<'a, str>),
    Other(Shape),
}

#[derive(Default)]
struct Fields<'a> {
    jsonrpc: Option<Scalar<'a>>,
    method: Option<Scalar<'a>>,
    id: Option<Scalar<'a>>,
    params: Option<Shape>,
    result: Option<Shape>,
    error: Option<bool>,
    /// A member that appears twice (tower-lsp-server refuses the message).
    duplicate: bool,
    duplicate_id: bool,
}

enum Top<'a> {
    Object(Fields<'a>),
    Other(Shape),
}

impl Fields<'_> {
    /// The id to answer an invalid message with: a request's integer or string id. Not a
    /// response's, whose id belongs to the server's requests.
    fn echo_id(&self) -> Option<Value> {
        if self.duplicate_id
            || (self.method.is_none() && (self.result.is_some() || self.error.is_some()))
        {
            return None;
        }
        match self.id.as_ref()? {
            Scalar::Int(n) => Some(Value::from(*n)),
            Scalar::BigInt(n) => Some(Value::from(*n)),
            Scalar::Str(s) => Some(Value::from(s.as_ref())),
            Scalar::Other(_) => None,
        }
    }

    fn kind(&self) -> Result<Kind, &'static str> {
        match &self.jsonrpc {
            Some(Scalar::Str(v)) if v == "2.0" => {}
            Some(_) => return Err("\"jsonrpc\" is not \"2.0\""),
            None => return Err("no \"jsonrpc\": \"2.0\""),
        }
        if self.duplicate {
            return Err("a member appears twice");
        }
        if let Some(method) = &self.method {
            let Scalar::Str(method) = method else {
                return Err("\"method\" is not a string");
            };
            if self.result.is_some() || self.error.is_some() {
                return Err("both a method and a result or error");
            }
            if !matches!(
                self.params,
                None | Some(Shape::Object | Shape::Array | Shape::Null)
            ) {
                return Err("\"params\" is neither an object nor an array");
            }
            let id = match &self.id {
                None => return Ok(Kind::Notification),
                Some(Scalar::Int(n)) => Value::from(*n),
                Some(Scalar::Str(s)) => Value::from(s.as_ref()),
                Some(Scalar::BigInt(_)) => return Err("the id is out of range"),
                Some(Scalar::Other(_)) => return Err("the id is neither an integer nor a string"),
            };
            return Ok(if method.starts_with("$/") {
                Kind::DollarRequest {
                    id,
                    method: method.to_string(),
                }
            } else {
                Kind::Request { id }
            });
        }
        match (self.result, self.error) {
            (None, None) => return Err("no \"method\""),
            (Some(_), Some(_)) => return Err("a response with both a result and an error"),
            (None, Some(false)) => return Err("a malformed error object"),
            _ => {}
        }
        match &self.id {
            Some(Scalar::Int(_) | Scalar::Str(_) | Scalar::Other(Shape::Null)) => {
                Ok(Kind::Response)
            }
            None => Err("a response without an id"),
            Some(_) => Err("a response id that is neither an integer, a string nor null"),
        }
    }
}

fn set<T>(slot: &mut Option<T>, value: T) -> bool {
    let twice = slot.is_some();
    *slot = Some(value);
    twice
}

impl<'de> Deserialize<'de> for Shape {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ShapeVisitor)
    }
}

struct ShapeVisitor;

impl<'de> Visitor<'de> for ShapeVisitor {
    type Value = Shape;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<Shape, E> {
        Ok(Shape::Bool)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Shape, E> {
        Ok(Shape::Number)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Shape, E> {
        Ok(Shape::Number)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Shape, E> {
        Ok(Shape::Number)
    }
    fn visit_str<E>(self, _: &str) -> Result<Shape, E> {
        Ok(Shape::String)
    }
    fn visit_unit<E>(self) -> Result<Shape, E> {
        Ok(Shape::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Shape, A::Error> {
        while seq.next_element::<Shape>()?.is_some() {}
        Ok(Shape::Array)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Shape, A::Error> {
        while map.next_key::<Shape>()?.is_some() {
            map.next_value::<Shape>()?;
        }
        Ok(Shape::Object)
    }
}

impl<'de> Deserialize<'de> for Scalar<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Scalar<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
                Ok(Scalar::Other(Shape::Bool))
            }
            fn visit_i64<E>(self, n: i64) -> Result<Self::Value, E> {
                Ok(Scalar::Int(n))
            }
            fn visit_u64<E>(self, n: u64) -> Result<Self::Value, E> {
                Ok(i64::try_from(n).map_or(Scalar::BigInt(n), Scalar::Int))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
                Ok(Scalar::Other(Shape::Number))
            }
            fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Self::Value, E> {
                Ok(Scalar::Str(Cow::Borrowed(s)))
            }
            fn visit_str<E>(self, s: &str) -> Result<Self::Value, E> {
                Ok(Scalar::Str(Cow::Owned(s.to_owned())))
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(Scalar::Other(Shape::Null))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                ShapeVisitor.visit_seq(seq).map(Scalar::Other)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                ShapeVisitor.visit_map(map).map(Scalar::Other)
            }
        }
        d.deserialize_any(V)
    }
}

/// A member name of a message or of its error object.
enum Key {
    Jsonrpc,
    Method,
    Id,
    Params,
    Result,
    Error,
    Code,
    Message,
    Other,
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a member name")
            }
            fn visit_str<E>(self, s: &str) -> Result<Key, E> {
                Ok(match s {
                    "jsonrpc" => Key::Jsonrpc,
                    "method" => Key::Method,
                    "id" => Key::Id,
                    "params" => Key::Params,
                    "result" => Key::Result,
                    "error" => Key::Error,
                    "code" => Key::Code,
                    "message" => Key::Message,
                    _ => Key::Other,
                })
            }
        }
        d.deserialize_any(V)
    }
}

/// Whether an `error` member is what tower-lsp-server reads: an object with an integer `code`
/// and a string `message`.
struct ErrorObject(bool);

impl<'de> Deserialize<'de> for ErrorObject {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ErrorObject;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ErrorObject, A::Error> {
                let (mut code, mut message, mut twice) = (None, None, false);
                while let Some(key) = map.next_key::<Key>()? {
                    match key {
                        Key::Code => twice |= set(&mut code, map.next_value::<Scalar>()?),
                        Key::Message => twice |= set(&mut message, map.next_value::<Shape>()?),
                        _ => {
                            map.next_value::<Shape>()?;
                        }
                    }
                }
                Ok(ErrorObject(
                    !twice
                        && matches!(code, Some(Scalar::Int(_)))
                        && message == Some(Shape::String),
                ))
            }
            fn visit_bool<E>(self, _: bool) -> Result<ErrorObject, E> {
                Ok(ErrorObject(false))
            }
            fn visit_i64<E>(self, _: i64) -> Result<ErrorObject, E> {
                Ok(ErrorObject(false))
            }
            fn visit_u64<E>(self, _: u64) -> Result<ErrorObject, E> {
                Ok(ErrorObject(false))
            }
            fn visit_f64<E>(self, _: f64) -> Result<ErrorObject, E> {
                Ok(ErrorObject(false))
            }
            fn visit_str<E>(self, _: &str) -> Result<ErrorObject, E> {
                Ok(ErrorObject(false))
            }
            fn visit_unit<E>(self) -> Result<ErrorObject, E> {
                Ok(ErrorObject(false))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<ErrorObject, A::Error> {
                ShapeVisitor.visit_seq(seq).map(|_| ErrorObject(false))
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for Top<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Top<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON-RPC message")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Top<'de>, A::Error> {
                let mut f = Fields::default();
                while let Some(key) = map.next_key::<Key>()? {
                    let twice = match key {
                        Key::Jsonrpc => set(&mut f.jsonrpc, map.next_value()?),
                        Key::Method => set(&mut f.method, map.next_value()?),
                        Key::Id => {
                            let twice = set(&mut f.id, map.next_value()?);
                            f.duplicate_id |= twice;
                            twice
                        }
                        Key::Params => set(&mut f.params, map.next_value()?),
                        Key::Result => set(&mut f.result, map.next_value()?),
                        Key::Error => set(&mut f.error, map.next_value::<ErrorObject>()?.0),
                        _ => {
                            map.next_value::<Shape>()?;
                            false
                        }
                    };
                    f.duplicate |= twice;
                }
                Ok(Top::Object(f))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Top<'de>, E> {
                Ok(Top::Other(Shape::Bool))
            }
            fn visit_i64<E>(self, _: i64) -> Result<Top<'de>, E> {
                Ok(Top::Other(Shape::Number))
            }
            fn visit_u64<E>(self, _: u64) -> Result<Top<'de>, E> {
                Ok(Top::Other(Shape::Number))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Top<'de>, E> {
                Ok(Top::Other(Shape::Number))
            }
            fn visit_str<E>(self, _: &str) -> Result<Top<'de>, E> {
                Ok(Top::Other(Shape::String))
            }
            fn visit_unit<E>(self) -> Result<Top<'de>, E> {
                Ok(Top::Other(Shape::Null))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Top<'de>, A::Error> {
                ShapeVisitor.visit_seq(seq).map(Top::Other)
            }
        }
        d.deserialize_any(V)
    }
}

/// At most `BURST` warnings per second about bad frames; the rest are counted and summed up.
struct LogLimiter {
    window: Instant,
    logged: u32,
    dropped: u64,
}

impl LogLimiter {
    const BURST: u32 = 10;

    fn new() -> LogLimiter {
        LogLimiter {
            window: Instant::now(),
            logged: 0,
            dropped: 0,
        }
    }

    fn warn(&mut self, bad: &BadFrame) {
        if self.window.elapsed() >= Duration::from_secs(1) {
            if self.dropped > 0 {
                tracing::warn!("{} more bad frames not logged", self.dropped);
            }
            *self = LogLimiter::new();
        }
        if self.logged < Self::BURST {
            self.logged += 1;
            tracing::warn!("bad frame ({}, id {}): {}", bad.code, bad.id, bad.reason);
        } else {
            self.dropped += 1;
        }
    }
}

/// Runs `server` (tower-lsp-server, given the input to read and the output to write) behind
/// the transport on `input`/`output`. Returns when the server is done and its output written,
/// or, once `input` ends, when what was read has been answered or after [`GRACE`].
pub async fn serve<I, O, F, Fut>(input: I, output: O, server: F)
where
    I: AsyncRead + Unpin,
    O: AsyncWrite,
    F: FnOnce(DuplexStream, DuplexStream) -> Fut,
    Fut: Future<Output = ()>,
{
    let (feed, server_in) = tokio::io::duplex(PIPE);
    let (server_out, from_server) = tokio::io::duplex(PIPE);
    let (replies_tx, replies_rx) = mpsc::channel(256);
    let server = server(server_in, server_out);
    let reader = read_loop(input, feed, replies_tx);
    let writer = write_loop(from_server, replies_rx, output);
    tokio::pin!(server, reader, writer);
    let mut server_done = false;
    loop {
        tokio::select! {
            () = &mut server, if !server_done => server_done = true,
            () = &mut writer => return,
            () = &mut reader => break,
        }
    }
    // The input ended and the reader dropped the server's input: the server finishes what it
    // has, unless that takes long.
    let _ = tokio::time::timeout(GRACE, async {
        loop {
            tokio::select! {
                () = &mut server, if !server_done => server_done = true,
                () = &mut writer => return,
            }
        }
    })
    .await;
}

/// Reads `input` until it ends, forwarding valid messages to `feed` and sending the
/// transport's own answers to `replies`.
async fn read_loop<I: AsyncRead + Unpin>(
    mut input: I,
    mut feed: DuplexStream,
    replies: mpsc::Sender<Vec<u8>>,
) {
    let mut parser = FrameParser::new();
    let mut spill = Vec::new();
    let mut log = LogLimiter::new();
    loop {
        while let Some(outcome) = parser.next_outcome() {
            let reply = match outcome {
                Outcome::Message {
                    kind: Kind::DollarRequest { id, method },
                    ..
                } => {
                    tracing::debug!("{method} request answered MethodNotFound");
                    BadFrame {
                        code: METHOD_NOT_FOUND,
                        id,
                        reason: method.into(),
                    }
                }
                Outcome::Message { body, .. } => {
                    let bytes = parser.bytes(body);
                    let header = format!("Content-Length: {}\r\n\r\n", bytes.len());
                    let send = async {
                        feed.write_all(header.as_bytes()).await?;
                        feed.write_all(bytes).await
                    };
                    match deliver(send, &mut input, &mut spill).await {
                        Some(Ok(())) => continue,
                        // The input ended, or the server stopped reading (after `exit`).
                        None | Some(Err(_)) => return,
                    }
                }
                Outcome::Error(bad) => {
                    log.warn(&bad);
                    bad
                }
            };
            // An error sending means the writer is gone: the server is done.
            match deliver(replies.send(reply.response()), &mut input, &mut spill).await {
                Some(Ok(())) => {}
                None | Some(Err(_)) => return,
            }
        }
        if spill.is_empty() {
            let buf = parser.spare();
            buf.reserve(READ_CHUNK);
            match input.read_buf(buf).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
        } else {
            parser.push(&spill);
            spill.clear();
        }
    }
}

/// Awaits `fut` while still reading `input` into `spill`, so that the end of the input is seen
/// even when the server does not read. `None` when the input ended.
async fn deliver<F: Future, I: AsyncRead + Unpin>(
    fut: F,
    input: &mut I,
    spill: &mut Vec<u8>,
) -> Option<F::Output> {
    tokio::pin!(fut);
    loop {
        spill.reserve(READ_CHUNK);
        tokio::select! {
            biased;
            out = &mut fut => return Some(out),
            r = input.read_buf(spill), if spill.len() < SPILL_LIMIT => {
                if matches!(r, Ok(0) | Err(_)) {
                    return None;
                }
            }
        }
    }
}

/// Copies the server's output to `output` whole frames at a time, with the transport's answers
/// in between. Returns when the server's output ends (or `output` fails).
async fn write_loop<O: AsyncWrite>(
    mut from_server: DuplexStream,
    mut replies: mpsc::Receiver<Vec<u8>>,
    output: O,
) {
    tokio::pin!(output);
    let mut buf = Vec::with_capacity(READ_CHUNK);
    let mut replies_open = true;
    loop {
        buf.reserve(READ_CHUNK);
        // The transport's answers first: an answer to a bad frame is queued before the next
        // message reaches the server, so it also goes out before the server's answer to that.
        tokio::select! {
            biased;
            reply = replies.recv(), if replies_open => match reply {
                Some(reply) => {
                    if output.write_all(&reply).await.is_err() || output.flush().await.is_err() {
                        return;
                    }
                }
                None => replies_open = false,
            },
            r = from_server.read_buf(&mut buf) => {
                if matches!(r, Ok(0) | Err(_)) {
                    while let Ok(reply) = replies.try_recv() {
                        if output.write_all(&reply).await.is_err() {
                            return;
                        }
                    }
                    let _ = output.flush().await;
                    return;
                }
                let end = whole_frames(&buf);
                if end > 0 {
                    if output.write_all(&buf[..end]).await.is_err() || output.flush().await.is_err() {
                        return;
                    }
                    buf.drain(..end);
                }
            }
        }
    }
}

/// The length of the complete frames at the start of `buf`, as tower-lsp-server writes them
/// (`Content-Length: N\r\n\r\n` and the body).
fn whole_frames(buf: &[u8]) -> usize {
    let mut at = 0;
    loop {
        let rest = &buf[at..];
        let Some(h) = rest.windows(4).position(|w| w == b"\r\n\r\n") else {
            return at;
        };
        let len = std::str::from_utf8(&rest[..h])
            .ok()
            .and_then(|head| {
                head.split("\r\n").find_map(|l| {
                    let (name, value) = l.split_once(':')?;
                    name.trim()
                        .eq_ignore_ascii_case("content-length")
                        .then(|| value.trim().parse::<usize>().ok())?
                })
            })
            .unwrap_or(0);
        let end = h + 4 + len;
        if rest.len() < end {
            return at;
        }
        at += end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn framed(body: &str) -> Vec<u8> {
        format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
    }

    const HOVER: &str = r#"{"jsonrpc":"2.0","id":9,"method":"textDocument/hover","params":{}}"#;

    fn drain(p: &mut FrameParser, out: &mut Vec<String>) {
        while let Some(o) = p.next_outcome() {
            out.push(match o {
                Outcome::Message { body, kind } => {
                    let text = String::from_utf8_lossy(p.bytes(body)).into_owned();
                    match kind {
                        Kind::Request { id } => format!("request {id}: {text}"),
                        Kind::DollarRequest { id, method } => format!("$/ request {id} {method}"),
                        Kind::Notification => format!("notification: {text}"),
                        Kind::Response => format!("response: {text}"),
                    }
                }
                Outcome::Error(bad) => format!("error {} id {}", bad.code, bad.id),
            });
        }
    }

    /// What the parser makes of `input` fed in `chunk`-byte pieces.
    fn feed(input: &[u8], chunk: usize) -> Vec<String> {
        let mut p = FrameParser::new();
        let mut out = Vec::new();
        for piece in input.chunks(chunk.max(1)) {
            p.push(piece);
            drain(&mut p, &mut out);
        }
        out
    }

    /// What the parser makes of `input`, checked to be the same whether it arrives in one piece,
    /// byte by byte, or in 7-byte pieces.
    fn run(input: &[u8]) -> Vec<String> {
        let whole = feed(input, input.len());
        assert_eq!(feed(input, 1), whole, "byte by byte");
        assert_eq!(feed(input, 7), whole, "in 7-byte pieces");
        whole
    }

    /// `bad` followed by a valid hover request.
    fn then_hover(bad: &[u8]) -> Vec<String> {
        run(&[bad, &framed(HOVER)].concat())
    }

    fn hover_served() -> String {
        format!("request 9: {HOVER}")
    }

    #[test]
    fn valid_messages_are_forwarded_as_they_came() {
        let note = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let resp = r#"{"jsonrpc":"2.0","id":"s1","result":[null]}"#;
        let err =
            r#"{"jsonrpc":"2.0","id":3,"error":{"code":-32800,"message":"cancelled","data":1}}"#;
        let shutdown = r#"{"jsonrpc":"2.0","id":"x","method":"shutdown","params":null}"#;
        let input = [
            framed(HOVER),
            framed(note),
            framed(resp),
            framed(err),
            framed(shutdown),
        ]
        .concat();
        assert_eq!(
            run(&input),
            [
                hover_served(),
                format!("notification: {note}"),
                format!("response: {resp}"),
                format!("response: {err}"),
                format!("request \"x\": {shutdown}"),
            ]
        );
    }

    #[test]
    fn no_valid_body_looks_broken_while_it_arrives() {
        // Split anywhere (run feeds it byte by byte), a valid body never trips the checks that
        // see a broken one early.
        let params = json!({
            "text": "---\nname: a\n---\n}] \"quoted\" \\ back\tslash Content-Length: 5\r\n\u{1F3D7}\u{0}",
            "numbers": [0, -1, 2.5, -1.5e+10, 1E-3, 18446744073709551615u64],
            "literals": [true, false, null, {}, [], [[{}]]],
            "\u{e9}t\u{e9}": { "nested": { "deeper": ["x"] } },
        });
        let msg = json!({ "jsonrpc": "2.0", "id": "é", "method": "x", "params": params });
        for body in [msg.to_string(), serde_json::to_string_pretty(&msg).unwrap()] {
            assert_eq!(run(&framed(&body)), [format!("request \"é\": {body}")]);
        }
    }

    #[test]
    fn good_but_unusual_headers_are_accepted() {
        let b = HOVER;
        let n = b.len();
        for header in [
            format!("content-length: {n}\r\n\r\n"),
            format!("CONTENT-LENGTH:{n}\r\n\r\n"),
            format!("Content-Length: {n}\r\nContent-Type: application/vscode-jsonrpc\r\n\r\n"),
            format!(
                "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length: {n}\r\n\r\n"
            ),
            format!("Content-Length: {n}\r\nContent-Type: x\r\nX-Third: 1\r\n\r\n"),
            format!("Content-Length: {n}\n\n"),
            format!("Content-Length: {n}\r\nX: y\n\r\n"),
            // Blank lines between frames.
            format!("\r\n\nContent-Length: {n}\r\n\r\n"),
        ] {
            assert_eq!(
                run(&[header.as_bytes(), b.as_bytes()].concat()),
                [hover_served()],
                "{header:?}"
            );
        }
    }

    #[test]
    fn json_errors_are_parse_errors_and_the_next_frame_is_read() {
        for body in [
            r#"{"jsonrpc": "2.0", "id": 2, method: "x"}"#,
            "{",
            "",
            "   ",
            "}",
            "nul",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x\",\"params\":{\"t\":\"\u{1}\"}}",
            r#"{"jsonrpc":"2.0","id":1,"method":"x","params":{"t":"\ud83d"}}"#,
            r#"{"jsonrpc":"2.0","id":1,"method":"x","params":{"t":"\udc00 low"}}"#,
            r#"{"jsonrpc":"2.0","id":1,"method":"x","params":{"\ud83d":1}}"#,
            r#"{"jsonrpc":"2.0","id":1,"method":"x","params":{"t":"\q"}}"#,
            r#"{"jsonrpc":"2.0","id":1,"method":"x","params":[1e999]}"#,
        ] {
            assert_eq!(
                then_hover(&framed(body)),
                ["error -32700 id null".to_string(), hover_served()],
                "{body:?}"
            );
        }
    }

    #[test]
    fn invalid_utf8_is_a_parse_error() {
        for bad in [&b"\xff"[..], b"\xc3", b"\xed\xa0\xbd", b"a\xc0\xafb"] {
            let body = [
                &br#"{"jsonrpc":"2.0","id":1,"method":"x","params":{"t":""#[..],
                bad,
                b"\"}}",
            ]
            .concat();
            let input = [
                format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes(),
                body,
            ]
            .concat();
            assert_eq!(
                then_hover(&input),
                ["error -32700 id null".to_string(), hover_served()]
            );
        }
    }

    #[test]
    fn valid_json_that_is_not_a_message_is_an_invalid_request() {
        for (body, id) in [
            ("42", "null"),
            ("\"x\"", "null"),
            ("null", "null"),
            ("[]", "null"),
            (r#"[{"jsonrpc":"2.0","id":1,"method":"shutdown"}]"#, "null"),
            ("{}", "null"),
            (r#"{"id":7,"method":"shutdown"}"#, "7"),
            (r#"{"jsonrpc":"1.0","id":"a","method":"shutdown"}"#, "\"a\""),
            (r#"{"jsonrpc":2,"id":7,"method":"shutdown"}"#, "7"),
            (r#"{"jsonrpc":"2.0","id":7,"method":1}"#, "7"),
            (r#"{"jsonrpc":"2.0","id":7,"method":null}"#, "7"),
            (r#"{"jsonrpc":"2.0","id":7,"method":"x","params":"a"}"#, "7"),
            (r#"{"jsonrpc":"2.0","id":7,"method":"x","params":3}"#, "7"),
            (r#"{"jsonrpc":"2.0","id":7,"method":"x","result":3}"#, "7"),
            (r#"{"jsonrpc":"2.0","id":7}"#, "7"),
            (
                r#"{"jsonrpc":"2.0","id":7,"jsonrpc":"2.0","method":"x"}"#,
                "7",
            ),
            (r#"{"jsonrpc":"2.0","id":7,"method":"x","method":"y"}"#, "7"),
            (r#"{"jsonrpc":"2.0","id":7,"id":8,"method":"x"}"#, "null"),
            (r#"{"jsonrpc":"2.0","id":1.5,"method":"x"}"#, "null"),
            (r#"{"jsonrpc":"2.0","id":null,"method":"x"}"#, "null"),
            (r#"{"jsonrpc":"2.0","id":true,"method":"x"}"#, "null"),
            (r#"{"jsonrpc":"2.0","id":{"a":1},"method":"x"}"#, "null"),
            (r#"{"jsonrpc":"2.0","id":[1],"method":"x"}"#, "null"),
            (
                r#"{"jsonrpc":"2.0","id":18446744073709551615,"method":"x"}"#,
                "18446744073709551615",
            ),
            (r#"{"jsonrpc":"2.0","method":1}"#, "null"),
            // Responses: their id is not the client's, so it is not echoed.
            (
                r#"{"jsonrpc":"2.0","id":7,"result":1,"error":{"code":1,"message":"m"}}"#,
                "null",
            ),
            (
                r#"{"jsonrpc":"2.0","id":7,"error":{"code":1.5,"message":"m"}}"#,
                "null",
            ),
            (r#"{"jsonrpc":"2.0","id":7,"error":{"code":1}}"#, "null"),
            (r#"{"jsonrpc":"2.0","id":7,"error":null}"#, "null"),
            (
                r#"{"jsonrpc":"2.0","id":7,"error":{"code":1,"message":"m","code":2}}"#,
                "null",
            ),
            (r#"{"jsonrpc":"2.0","result":1}"#, "null"),
            (r#"{"jsonrpc":"2.0","id":1.5,"result":1}"#, "null"),
        ] {
            assert_eq!(
                then_hover(&framed(body)),
                [format!("error -32600 id {id}"), hover_served()],
                "{body}"
            );
        }
    }

    #[test]
    fn odd_but_valid_members_are_accepted() {
        for (body, want) in [
            (
                r#"{"jsonrpc":"2.0","id":-3,"method":"x","params":[]}"#,
                "request -3",
            ),
            (
                r#"{"jsonrpc":"2\u002e0","id":1,"method":"\u0078"}"#,
                "request 1",
            ),
            (
                r#"{"id":1,"extra":{"a":[1,{}]},"method":"x","jsonrpc":"2.0"}"#,
                "request 1",
            ),
            (
                r#"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"m"}}"#,
                "response",
            ),
            (r#" {"jsonrpc":"2.0","method":"x"} "#, "notification"),
        ] {
            let out = run(&framed(body));
            assert_eq!(out.len(), 1, "{body}");
            assert!(out[0].starts_with(want), "{body}: {out:?}");
        }
    }

    #[test]
    fn dollar_requests_are_answered_here_and_dollar_notifications_pass() {
        let cancel = r#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":3}}"#;
        assert_eq!(
            run(&[
                framed(r#"{"jsonrpc":"2.0","id":5,"method":"$/ping"}"#),
                framed(cancel)
            ]
            .concat()),
            [
                "$/ request 5 $/ping".to_string(),
                format!("notification: {cancel}")
            ]
        );
    }

    #[test]
    fn bad_headers_are_parse_errors_and_the_next_frame_is_read() {
        let n = HOVER.len();
        for header in [
            "Content-Length: abc\r\n\r\n".to_string(),
            "Content-Length: -5\r\n\r\n".to_string(),
            "Content-Length: +5\r\n\r\n".to_string(),
            "Content-Length: 5 5\r\n\r\n".to_string(),
            "Content-Length: \r\n\r\n".to_string(),
            "Content-Length: 1000000000000000\r\n\r\n".to_string(),
            "Content-Length: 99999999999999999999999999\r\n\r\n".to_string(),
            format!("Content-Length: {}\r\n\r\n", MAX_BODY + 1),
            "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n".to_string(),
            format!("Content-Length: {n}\r\nno colon here\r\n\r\n"),
        ] {
            assert_eq!(
                then_hover(&[header.as_bytes(), HOVER.as_bytes()].concat()),
                ["error -32700 id null".to_string(), hover_served()],
                "{header:?}"
            );
        }
        // The same length twice is one length; two different ones are an error, and the scan
        // then starts at the second, whose 5 bytes are not JSON either.
        let twice = format!("Content-Length: {n}\r\ncontent-length: {n}\r\n\r\n{HOVER}");
        assert_eq!(run(twice.as_bytes()), [hover_served()]);
        let differ = format!("Content-Length: {n}\r\nContent-Length: 5\r\n\r\n{HOVER}");
        assert_eq!(
            then_hover(differ.as_bytes()),
            [
                "error -32700 id null",
                "error -32700 id null",
                &hover_served()
            ]
        );
    }

    #[test]
    fn a_body_claiming_a_petabyte_allocates_nothing() {
        let mut p = FrameParser::new();
        p.push(b"Content-Length: 1000000000000000\r\n\r\n{\"jsonrpc\":");
        assert!(matches!(
            p.next_outcome(),
            Some(Outcome::Error(BadFrame {
                code: PARSE_ERROR,
                ..
            }))
        ));
        assert_eq!(p.next_outcome(), None);
        assert!(p.buf.capacity() < 1024);
        // Just under the limit is accepted, and waited for without allocating it either.
        let mut p = FrameParser::new();
        p.push(format!("Content-Length: {MAX_BODY}\r\n\r\n[").as_bytes());
        assert_eq!(p.next_outcome(), None);
        assert!(p.buf.capacity() < 1024);
    }

    #[test]
    fn garbage_between_frames_is_skipped_with_one_error() {
        for garbage in [
            &b"this is not a frame\r\n"[..],
            b"xyz",
            b"\x00\xff\xfe garbage with a Content-Type: in it\n\n",
            b"Content-Lengthy nonsense\r\n\r\n{}",
            b"Content-Length: 3\r\n\r\nabc and then some more junk",
        ] {
            assert_eq!(
                then_hover(&[framed(HOVER), garbage.to_vec()].concat()),
                [
                    hover_served(),
                    "error -32700 id null".to_string(),
                    hover_served()
                ],
                "{:?}",
                String::from_utf8_lossy(garbage)
            );
        }
    }

    #[test]
    fn a_content_length_too_small_cuts_the_body_and_the_rest_is_skipped() {
        let body = r#"{"jsonrpc":"2.0","id":2,"method":"x","params":{"text":"Content-Length: 5 in a string"}}"#;
        for cut in [1, 10, 30, 60, body.len() - 1] {
            let input = format!("Content-Length: {cut}\r\n\r\n{body}");
            assert_eq!(
                then_hover(input.as_bytes()),
                ["error -32700 id null".to_string(), hover_served()],
                "{cut}"
            );
        }
    }

    #[test]
    fn a_content_length_too_large_is_seen_at_the_next_header() {
        let body = r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#;
        // Larger by a few bytes (the declared body ends inside the next header) or by far more
        // than the client will ever send: the next message is served either way.
        for extra in [1, 5, 20, 1000, 1 << 20] {
            let input = format!("Content-Length: {}\r\n\r\n{body}", body.len() + extra);
            assert_eq!(
                then_hover(input.as_bytes()),
                ["error -32700 id 2".to_string(), hover_served()],
                "{extra}"
            );
        }
        // Trailing bytes inside a declared length read the same way.
        let input = concat!(
            "Content-Length: 38\r\n\r\n",
            r#"{"jsonrpc":"2.0","id":1,"method":"x"}}"#
        );
        assert_eq!(
            then_hover(input.as_bytes()),
            ["error -32700 id 1".to_string(), hover_served()]
        );
        // Whitespace and a lower-case header between them; a notification (nothing to echo).
        let input = format!(
            "Content-Length: 500\r\n\r\n{{\"jsonrpc\":\"2.0\",\"method\":\"x\"}}\r\n \ncontent-length: {}\r\n\r\n{HOVER}",
            HOVER.len()
        );
        assert_eq!(
            run(input.as_bytes()),
            ["error -32700 id null".to_string(), hover_served()]
        );
        // A top-level scalar, a string, and values cut short before the next header.
        for body in [
            "42",
            "\"a string\"",
            r#"{"jsonrpc":"2.0","id":2,"method":"x","params":{"t":"unterminated"#,
            r#"{"jsonrpc":"2.0","id":2,"method":"x","params":[1,2"#,
            "[[[[[[[[[[[[",
        ] {
            let input = format!("Content-Length: 100000\r\n\r\n{body}");
            assert_eq!(
                then_hover(input.as_bytes()),
                ["error -32700 id null".to_string(), hover_served()],
                "{body}"
            );
        }
    }

    #[test]
    fn the_message_that_follows_an_overlong_one_is_not_held_back() {
        // Nothing comes after the second message: it must still be served, not wait for the
        // first one's declared length.
        let first = r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#;
        let mut p = FrameParser::new();
        let mut out = Vec::new();
        p.push(format!("Content-Length: 100000\r\n\r\n{first}").as_bytes());
        drain(&mut p, &mut out);
        assert!(out.is_empty(), "{out:?}");
        p.push(&framed(HOVER));
        drain(&mut p, &mut out);
        assert_eq!(out, ["error -32700 id 2".to_string(), hover_served()]);
    }

    #[test]
    fn nesting_deeper_than_serde_json_reads_is_a_parse_error() {
        let deep = |levels: usize| {
            format!(
                r#"{{"jsonrpc":"2.0","id":1,"method":"x","params":{}{}}}"#,
                "[".repeat(levels),
                "]".repeat(levels)
            )
        };
        // The message object is one level: 127 in all is what serde_json (and so
        // tower-lsp-server) reads.
        assert_eq!(run(&framed(&deep(126))).len(), 1);
        assert!(run(&framed(&deep(126)))[0].starts_with("request 1"));
        assert_eq!(
            then_hover(&framed(&deep(127))),
            ["error -32700 id null".to_string(), hover_served()]
        );
        let open = "[".repeat(100_000);
        assert_eq!(
            then_hover(&framed(&open)),
            ["error -32700 id null".to_string(), hover_served()]
        );
        let balanced = format!("{open}{}", "]".repeat(100_000));
        assert_eq!(
            then_hover(&framed(&balanced)),
            ["error -32700 id null".to_string(), hover_served()]
        );
    }

    #[test]
    fn header_blocks_are_bounded() {
        let n = HOVER.len();
        let long_line = format!(
            "Content-Length: {n}\r\nX-Pad: {}\r\n\r\n{HOVER}",
            "a".repeat(MAX_HEADER)
        );
        assert_eq!(
            then_hover(long_line.as_bytes()),
            ["error -32700 id null".to_string(), hover_served()]
        );
        let many_lines = format!(
            "Content-Length: {n}\r\n{}\r\n{HOVER}",
            "X: y\r\n".repeat(MAX_HEADER / 6 + 1)
        );
        assert_eq!(
            then_hover(many_lines.as_bytes()),
            ["error -32700 id null".to_string(), hover_served()]
        );
        let just_fits = format!(
            "Content-Length: {n}\r\nX: {}\r\n\r\n{HOVER}",
            "a".repeat(MAX_HEADER - 30 - n.to_string().len())
        );
        assert_eq!(run(just_fits.as_bytes()), [hover_served()]);
    }

    #[test]
    fn a_32_mib_header_is_rejected_at_once_and_skipped_in_linear_time() {
        let n = HOVER.len();
        let input = [
            format!("Content-Length: {n}\r\nX-Pad: ").into_bytes(),
            vec![b'C'; 32 << 20],
            format!("\r\n\r\n{HOVER}").into_bytes(),
            framed(HOVER),
        ]
        .concat();
        // Rejected once 8 KiB have come.
        let mut p = FrameParser::new();
        p.push(&input[..MAX_HEADER + 100]);
        assert!(matches!(
            p.next_outcome(),
            Some(Outcome::Error(BadFrame {
                code: PARSE_ERROR,
                ..
            }))
        ));
        let t = Instant::now();
        for chunk in [input.len(), 64 * 1024, 4096] {
            assert_eq!(
                feed(&input, chunk),
                ["error -32700 id null".to_string(), hover_served()],
                "{chunk}"
            );
        }
        // Three passes over 32 MiB, unoptimised: a quadratic scan would take minutes.
        assert!(t.elapsed() < Duration::from_secs(20), "{:?}", t.elapsed());
    }

    #[test]
    fn a_false_content_length_inside_skipped_bytes_is_skipped_too() {
        // After a bad header, the scan goes through the bad frame's body, whose strings may say
        // `Content-Length`; none of them reads as a header, and nothing more is answered.
        let body = r#"{"jsonrpc":"2.0","id":2,"method":"x","params":{"a":"Content-Length: 12","b":"}content-length:","c":"Content-Length"}}"#;
        let input = format!("Content-Length: x\r\n\r\n{body}");
        assert_eq!(
            then_hover(input.as_bytes()),
            ["error -32700 id null".to_string(), hover_served()]
        );
    }

    #[test]
    fn errors_are_framed_json_rpc_responses() {
        let bad = BadFrame {
            code: INVALID_REQUEST,
            id: Value::from(4),
            reason: "no \"method\"".into(),
        };
        let r = bad.response();
        let text = String::from_utf8(r).unwrap();
        let (head, body) = text.split_once("\r\n\r\n").unwrap();
        assert_eq!(head, format!("Content-Length: {}", body.len()));
        let v: Value = serde_json::from_str(body).unwrap();
        assert_eq!(
            v,
            json!({ "jsonrpc": "2.0", "id": 4, "error": { "code": -32600, "message": "Invalid Request", "data": "no \"method\"" } })
        );
    }

    #[test]
    fn whole_frames_finds_complete_frames_only() {
        let two = [framed("{}"), framed("[1]")].concat();
        assert_eq!(whole_frames(&two), two.len());
        assert_eq!(whole_frames(&two[..two.len() - 1]), framed("{}").len());
        assert_eq!(whole_frames(&two[..5]), 0);
        assert_eq!(whole_frames(b""), 0);
    }

    #[test]
    fn find_content_length_keeps_a_split_match() {
        assert_eq!(find_content_length(b"xx CONTENT-length: 1"), Ok(3));
        assert_eq!(find_content_length(b"xx content-len"), Err(3));
        assert_eq!(find_content_length(b"xx cc"), Err(4));
        assert_eq!(find_content_length(b"xx content-lengtx"), Err(17));
        assert_eq!(find_content_length(b""), Err(0));
    }
}
