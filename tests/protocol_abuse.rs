//! Bad input on stdin, over the built binary: each bad frame gets the JSON-RPC error the spec
//! gives (or, when it is odd but valid, is served), and the server goes on serving. Each case
//! opens a persona, sends the bad bytes, then a hover request, and checks what was answered
//! before the hover and the hover itself; then `shutdown` and `exit` end the server with 0.
//! Every byte on stdout must be a frame (`stdio` checks it).

#[path = "common/stdio.rs"]
mod stdio;

use serde_json::{Value, json};
use std::time::{Duration, Instant};
use stdio::{Server, frame};

const AGENT: &str =
    "---\nname: builder\ndescription: Builds things\nmodel: sonnet\n---\nYou build things.\n";

/// A server with a project and `AGENT` open in it.
struct Session {
    server: Server,
    uri: String,
    _dir: tempfile::TempDir,
}

impl Session {
    fn start() -> Session {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(".git")).unwrap();
        std::fs::create_dir_all(dir.path().join(".claude/agents")).unwrap();
        let path = dir.path().join(".claude/agents/builder.md");
        std::fs::write(&path, AGENT).unwrap();
        let root = format!("file://{}", dir.path().canonicalize().unwrap().display());
        let uri = format!("{root}/.claude/agents/builder.md");
        let mut server = Server::start_in(&[], Some(dir.path()));
        server.initialize_with(json!({
            "processId": null,
            "capabilities": {},
            "workspaceFolders": [{ "uri": root, "name": "ws" }],
        }));
        server.send(json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
            "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": AGENT } } }));
        Session {
            server,
            uri,
            _dir: dir,
        }
    }

    fn hover_request(&self, id: Value) -> Value {
        json!({ "jsonrpc": "2.0", "id": id, "method": "textDocument/hover", "params": {
            "textDocument": { "uri": self.uri }, "position": { "line": 3, "character": 9 } } })
    }

    /// Sends a hover request and returns the answers that came before its own (as
    /// `error CODE id ID` or `result id ID`), checking that the hover was served.
    fn answers_then_hover(&mut self) -> Vec<String> {
        let hover = self.hover_request(json!(100));
        self.server.send(hover);
        let mut seen = self.server.until_response(&json!(100));
        let hover = seen.pop().unwrap();
        let md = hover["result"]["contents"]["value"].as_str().unwrap_or("");
        assert!(md.starts_with("**`sonnet`** · model"), "{hover:#}");
        seen.iter()
            .filter(|m| m.get("method").is_none())
            .map(answer)
            .collect()
    }

    /// `shutdown` and `exit`: the server must still be in order. Returns its stderr.
    fn finish(self) -> String {
        let mut server = self.server;
        server.send(json!({ "jsonrpc": "2.0", "id": 101, "method": "shutdown" }));
        assert_eq!(server.response(101)["result"], Value::Null);
        let (code, stderr) = server.exit();
        assert_eq!(code, 0, "{stderr}");
        stderr
    }
}

fn answer(m: &Value) -> String {
    match m.get("error") {
        Some(e) => {
            assert!(e["message"].is_string(), "{m}");
            format!("error {} id {}", e["code"], m["id"])
        }
        None => format!("result id {}", m["id"]),
    }
}

/// Sends `bad`, then a hover; checks the answers before the hover's and that the server goes on.
fn assert_answers(bad: &[u8], want: &[&str]) {
    let mut s = Session::start();
    s.server.send_raw(bad);
    assert_eq!(s.answers_then_hover(), want);
    let stderr = s.finish();
    let warnings = stderr.matches("bad frame").count();
    let errors = want
        .iter()
        .filter(|w| w.starts_with("error -32700") || w.starts_with("error -32600"))
        .count();
    assert_eq!(warnings, errors, "one warning per bad frame: {stderr}");
}

fn with_length(len: impl std::fmt::Display, body: &[u8]) -> Vec<u8> {
    [format!("Content-Length: {len}\r\n\r\n").as_bytes(), body].concat()
}

fn raw(body: &[u8]) -> Vec<u8> {
    with_length(body.len(), body)
}

const PARSE: &str = "error -32700 id null";
const INVALID: &str = "error -32600 id null";

#[test]
fn malformed_json() {
    assert_answers(
        &raw(br#"{"jsonrpc": "2.0", "id": 7, method: "shutdown"}"#),
        &[PARSE],
    );
}

#[test]
fn a_number_body() {
    assert_answers(&raw(b"42"), &[INVALID]);
}

#[test]
fn a_batch_array() {
    let batch = json!([{ "jsonrpc": "2.0", "id": 7, "method": "shutdown" }]);
    assert_answers(&frame(&batch), &[INVALID]);
}

#[test]
fn missing_or_wrong_jsonrpc_echoes_the_id() {
    assert_answers(
        &[
            raw(br#"{"id":7,"method":"shutdown"}"#),
            raw(br#"{"jsonrpc":"1.0","id":"seven","method":"shutdown"}"#),
        ]
        .concat(),
        &["error -32600 id 7", "error -32600 id \"seven\""],
    );
}

#[test]
fn invalid_members_are_invalid_requests() {
    assert_answers(
        &[
            raw(br#"{"jsonrpc":"2.0","id":7,"method":42}"#),
            raw(br#"{"jsonrpc":"2.0","id":1.5,"method":"shutdown"}"#),
            raw(br#"{"jsonrpc":"2.0","id":{"a":1},"method":"shutdown"}"#),
            raw(br#"{"jsonrpc":"2.0","id":8,"method":"shutdown","params":"x"}"#),
            raw(br#"{"jsonrpc":"2.0","id":9}"#),
        ]
        .concat(),
        &[
            "error -32600 id 7",
            INVALID,
            INVALID,
            "error -32600 id 8",
            "error -32600 id 9",
        ],
    );
}

#[test]
fn content_length_too_large() {
    // By a few bytes (the declared body ends inside the next header) and by far more than the
    // client will ever send (the next request, already there, must not wait for it).
    for extra in [3, 1_000_000] {
        let mut s = Session::start();
        let body = serde_json::to_vec(&s.hover_request(json!(7))).unwrap();
        s.server.send_raw(&with_length(body.len() + extra, &body));
        assert_eq!(s.answers_then_hover(), ["error -32700 id 7"], "{extra}");
        s.finish();
    }
}

#[test]
fn content_length_too_small() {
    let mut s = Session::start();
    let body = serde_json::to_vec(&s.hover_request(json!(7))).unwrap();
    s.server.send_raw(&with_length(body.len() - 10, &body));
    assert_eq!(s.answers_then_hover(), [PARSE]);
    s.finish();
}

#[test]
fn content_length_not_a_number_negative_or_missing() {
    let body = br#"{"jsonrpc":"2.0","id":7,"method":"shutdown"}"#;
    for header in [
        &b"Content-Length: abc\r\n\r\n"[..],
        b"Content-Length: -44\r\n\r\n",
        b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n",
    ] {
        assert_answers(&[header, body].concat(), &[PARSE]);
    }
}

#[test]
fn a_body_claiming_a_petabyte() {
    assert_answers(
        &with_length(
            "1000000000000000",
            br#"{"jsonrpc":"2.0","id":7,"method":"shutdown"}"#,
        ),
        &[PARSE],
    );
}

#[test]
fn odd_but_valid_headers_are_served() {
    for header in [
        "Content-Length: {n}\r\nX-Third-Field: yes\r\n\r\n",
        "content-length: {n}\r\n\r\n",
        "Content-Length: {n}\r\nContent-Type: application/vscode-jsonrpc\r\n\r\n",
        "Content-Type: application/json\nContent-Length: {n}\n\n",
    ] {
        let mut s = Session::start();
        let body = serde_json::to_vec(&s.hover_request(json!(7))).unwrap();
        let header = header.replace("{n}", &body.len().to_string());
        s.server.send_raw(&[header.as_bytes(), &body].concat());
        assert_eq!(s.answers_then_hover(), ["result id 7"], "{header:?}");
        assert!(!s.finish().contains("bad frame"));
    }
}

#[test]
fn invalid_utf8_and_a_lone_surrogate_leave_the_document_as_it_was() {
    let mut s = Session::start();
    // Either change, applied, would take `model: sonnet` away from under the hover.
    let change = |text: &[u8]| {
        raw(&[
            br#"{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":""#,
            s.uri.as_bytes(),
            br#"","version":2},"contentChanges":[{"text":""#,
            text,
            br#""}]}}"#,
        ]
        .concat())
    };
    let bad = [change(b"model: \xff"), change(br"model: \ud83d")].concat();
    s.server.send_raw(&bad);
    assert_eq!(s.answers_then_hover(), [PARSE, PARSE]);
    s.finish();
}

#[test]
fn nesting_100k_deep() {
    assert_answers(&raw(&vec![b'['; 100_000]), &[PARSE]);
}

#[test]
fn garbage_between_frames() {
    let mut junk = b"this is not a frame\r\n".to_vec();
    // A megabyte of bytes that are no header, some saying Content-Length: one answer.
    let mut x: u32 = 7;
    for i in 0..1_000_000 {
        x = x.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        junk.push((x >> 24) as u8);
        if i % 100_000 == 0 {
            junk.extend_from_slice(b"\"Content-Length: 12\"");
        }
    }
    assert_answers(&junk, &[PARSE]);
}

#[test]
fn a_32_mib_header_is_rejected_at_once() {
    let mut s = Session::start();
    let body = br#"{"jsonrpc":"2.0","id":7,"method":"shutdown"}"#;
    let mut bad = format!("Content-Length: {}\r\nX-Pad: ", body.len()).into_bytes();
    bad.resize(bad.len() + (32 << 20), b'x');
    bad.extend_from_slice(b"\r\n\r\n");
    bad.extend_from_slice(body);
    let t = Instant::now();
    // The error comes as soon as 8 KiB of the header are in, while the rest is still being
    // written.
    let mut stdin = s.server.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        use std::io::Write;
        stdin.write_all(&bad).unwrap();
        stdin
    });
    let first = loop {
        let m = s.server.next();
        if m.get("method").is_none() {
            break m;
        }
    };
    let rejected = t.elapsed();
    assert_eq!(answer(&first), PARSE);
    s.server.stdin = Some(writer.join().unwrap());
    assert_eq!(s.answers_then_hover(), Vec::<String>::new());
    let served = t.elapsed();
    assert!(rejected < Duration::from_millis(500), "{rejected:?}");
    assert!(served < Duration::from_secs(3), "{served:?}");
    s.finish();
}

#[test]
fn dollar_requests_are_method_not_found_and_dollar_notifications_pass() {
    assert_answers(
        &[
            frame(&json!({ "jsonrpc": "2.0", "id": 7, "method": "$/ping" })),
            frame(
                &json!({ "jsonrpc": "2.0", "method": "$/setTrace", "params": { "value": "off" } }),
            ),
            frame(
                &json!({ "jsonrpc": "2.0", "method": "$/cancelRequest", "params": { "id": 99 } }),
            ),
            frame(
                &json!({ "jsonrpc": "2.0", "id": "eight", "method": "$/anything", "params": [] }),
            ),
        ]
        .concat(),
        &["error -32601 id 7", "error -32601 id \"eight\""],
    );
}

#[test]
fn a_flood_of_bad_frames_is_answered_but_not_logged_in_full() {
    let mut s = Session::start();
    let one = raw(b"x");
    s.server.send_raw(&one.repeat(5000));
    let answers = s.answers_then_hover();
    assert_eq!(answers.len(), 5000);
    assert!(answers.iter().all(|a| a == PARSE));
    let stderr = s.finish();
    assert!(stderr.len() < 4096, "{} bytes of log", stderr.len());
    assert!(stderr.contains("bad frame"), "{stderr}");
}

#[test]
fn every_case_in_one_session() {
    // One after the other, each followed by a valid request, in a single session.
    let mut s = Session::start();
    let body = serde_json::to_vec(&s.hover_request(json!(7))).unwrap();
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (raw(b"{\"jsonrpc\":"), PARSE),
        (raw(b"42"), INVALID),
        (raw(b"[]"), INVALID),
        (raw(br#"{"id":7,"method":"x"}"#), "error -32600 id 7"),
        (with_length(body.len() + 50, &body), "error -32700 id 7"),
        (with_length(body.len() - 1, &body), PARSE),
        (with_length("x", &body), PARSE),
        (with_length("-1", &body), PARSE),
        (with_length("1000000000000000", &body), PARSE),
        (raw(&vec![b'['; 100_000]), PARSE),
        (b"garbage\n".to_vec(), PARSE),
        (raw(b"\"\xff\""), PARSE),
        (raw(br#""\ud83d""#), PARSE),
        (
            frame(&json!({ "jsonrpc": "2.0", "id": 7, "method": "$/x" })),
            "error -32601 id 7",
        ),
        (
            [
                b"content-length: ".as_slice(),
                body.len().to_string().as_bytes(),
                b"\r\nX: y\r\n\r\n",
                &body,
            ]
            .concat(),
            "result id 7",
        ),
    ];
    for (i, (bad, want)) in cases.iter().enumerate() {
        s.server.send_raw(bad);
        assert_eq!(s.answers_then_hover(), [*want], "case {i}");
    }
    s.finish();
}

#[test]
fn closing_stdin_with_heavy_requests_in_flight_ends_the_process_within_a_second() {
    let mut s = Session::start();
    // A 6 MB persona with 60,000 headings: each outline request is heavy.
    let mut text = AGENT.to_string();
    for i in 0..60_000 {
        text.push_str(&format!(
            "## Section {i}\n\nSome words about section {i}, and more.\n\n"
        ));
    }
    let big = format!(
        "{}/.claude/agents/big.md",
        s.uri.rsplit_once("/.claude").unwrap().0
    );
    s.server.send(
        json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": { "uri": big, "languageId": "markdown", "version": 1, "text": text } } }),
    );
    for id in 0..40 {
        let method = ["textDocument/documentSymbol", "textDocument/foldingRange"][id % 2];
        s.server.send(
            json!({ "jsonrpc": "2.0", "id": 1000 + id, "method": method, "params": {
            "textDocument": { "uri": big } } }),
        );
    }
    std::thread::sleep(Duration::from_millis(100));
    let (status, took) = s.server.close_stdin();
    assert_eq!(status.code(), Some(1), "no shutdown came");
    assert!(took < Duration::from_millis(1500), "{took:?}");
}
