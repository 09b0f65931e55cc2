//! The parser as a whole: what it makes of input, whole or in pieces.

use super::*;
use serde_json::json;
use std::time::Instant;

pub(super) fn framed(body: &str) -> Vec<u8> {
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
    let err = r#"{"jsonrpc":"2.0","id":3,"error":{"code":-32800,"message":"cancelled","data":1}}"#;
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
fn an_8_mib_header_is_rejected_at_once_and_skipped_in_linear_time() {
    let n = HOVER.len();
    let input = [
        format!("Content-Length: {n}\r\nX-Pad: ").into_bytes(),
        vec![b'C'; 8 << 20],
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
    // Three passes over 8 MiB, unoptimised: about a second when linear, hours if quadratic;
    // the limit only has to tell those apart, also on a loaded machine (the whole 32 MiB
    // header goes through the binary in `lsp_stdio`).
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
