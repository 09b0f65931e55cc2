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
//!
//! The pieces: `frames` (the parser's state machine over the input), `headers` (a header
//! block and its `Content-Length`), `lexer` (an incomplete body that cannot be valid),
//! `message` (whether a complete body is a message tower-lsp-server accepts, read through
//! `shape` without building a JSON value), `errors` (the transport's own answers), and
//! `relay` (the tasks that move bytes between the client and tower-lsp-server).

mod errors;
mod frames;
mod headers;
mod lexer;
mod message;
mod relay;
mod shape;
#[cfg(test)]
mod tests;

pub use errors::{BadFrame, INVALID_REQUEST, METHOD_NOT_FOUND, PARSE_ERROR};
pub use frames::{FrameParser, Outcome};
pub use message::Kind;
pub use relay::serve;

use std::time::Duration;

/// The longest header block (all header lines and the blank line) accepted.
pub const MAX_HEADER: usize = 8 * 1024;
/// The largest body accepted.
pub const MAX_BODY: usize = 256 * 1024 * 1024;
/// How long the requests already read may still run once the input has ended.
pub const GRACE: Duration = Duration::from_millis(100);
/// How much is read from the input at a time.
const READ_CHUNK: usize = 64 * 1024;
