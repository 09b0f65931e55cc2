//! Whether a complete body is one JSON-RPC 2.0 message that tower-lsp-server will accept, and
//! what kind (request, `$/` request, notification, response).

use super::errors::{BadFrame, INVALID_REQUEST, PARSE_ERROR};
use super::lexer::is_ws;
use super::shape::{Fields, Scalar, Shape, Top};
use serde_json::Value;
use std::borrow::Cow;

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

pub(super) const UNREADABLE_BODY: &str = "the body is not JSON";

/// The error for a body that is one complete JSON value (`top`) followed by something else:
/// the declared length ran into the next frame. The id is echoed when it can be read.
pub(super) fn overlong(top: &Top) -> BadFrame {
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

/// What a complete body is.
#[derive(Debug, PartialEq)]
pub(super) enum Checked {
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
pub(super) fn check(body: &[u8]) -> Checked {
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
