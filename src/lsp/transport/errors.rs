//! The transport's own answers: JSON-RPC error responses to frames and messages that never
//! reach tower-lsp-server.

use serde_json::{Value, json};
use std::borrow::Cow;

pub const PARSE_ERROR: i64 = -32700;
pub const INVALID_REQUEST: i64 = -32600;
pub const METHOD_NOT_FOUND: i64 = -32601;

/// An error to answer: the JSON-RPC error code, the id to answer to (`null` when it cannot be
/// read), and a short reason (never the client's bytes).
#[derive(Debug, PartialEq)]
pub struct BadFrame {
    pub code: i64,
    pub id: Value,
    pub reason: Cow<'static, str>,
}

impl BadFrame {
    pub(super) fn parse(reason: impl Into<Cow<'static, str>>) -> BadFrame {
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

pub(super) fn frame(msg: &Value) -> Vec<u8> {
    let body = serde_json::to_vec(msg).expect("a JSON value serialises");
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(&body);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
