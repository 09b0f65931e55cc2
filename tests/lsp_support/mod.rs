//! A small LSP client for end-to-end tests: the real server (`persona_ls::lsp::serve`) on one
//! end of an in-memory duplex stream, real JSON-RPC with `Content-Length` framing on the other.
#![allow(dead_code)]

mod snapshot;
pub use snapshot::{Snap, without_id};

use serde_json::{Value, json};
use std::collections::VecDeque;
use std::path::Path;
use std::time::Duration;
use tokio::io::{
    AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream, ReadHalf, WriteHalf,
};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

/// A safety net against a hung server, not a performance assertion.
const PATIENCE: Duration = Duration::from_secs(30);

pub struct TestClient {
    writer: WriteHalf<DuplexStream>,
    incoming: mpsc::UnboundedReceiver<Value>,
    /// Messages read but not consumed yet (notifications, responses to other requests).
    backlog: VecDeque<Value>,
    next_id: i64,
    server: Option<JoinHandle<i32>>,
    /// What `workspace/configuration` requests are answered with.
    pub settings: Value,
    /// Requests the server sent to the client, in order.
    pub server_requests: Vec<Value>,
}

async fn read_frames(read: ReadHalf<DuplexStream>, tx: mpsc::UnboundedSender<Value>) {
    let mut reader = BufReader::new(read);
    loop {
        let mut length = None;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).await.unwrap_or(0) == 0 {
                return;
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            let (name, value) = line.split_once(':').expect("a header line");
            if name.eq_ignore_ascii_case("content-length") {
                length = Some(value.trim().parse::<usize>().expect("a length"));
            }
        }
        let mut body = vec![0; length.expect("Content-Length header")];
        if reader.read_exact(&mut body).await.is_err() {
            return;
        }
        let msg: Value = serde_json::from_slice(&body).expect("JSON body");
        if tx.send(msg).is_err() {
            return;
        }
    }
}

/// Client capabilities like a modern editor's, with the position encodings given.
pub fn capabilities(encodings: &[&str]) -> Value {
    json!({
        "general": { "positionEncodings": encodings },
        "textDocument": {
            "synchronization": { "didSave": true },
            "completion": { "completionItem": { "snippetSupport": true, "documentationFormat": ["markdown", "plaintext"], "tagSupport": { "valueSet": [1] } } },
            "hover": { "contentFormat": ["markdown", "plaintext"] },
            "documentSymbol": { "hierarchicalDocumentSymbolSupport": true },
            "codeAction": { "codeActionLiteralSupport": { "codeActionKind": { "valueSet": ["quickfix", "source", "source.fixAll"] } } },
            "publishDiagnostics": { "versionSupport": true }
        },
        "workspace": { "workspaceFolders": true }
    })
}

/// A project folder (with `.git`, so that it is the project root for `check` too) holding
/// `files`.
pub fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    for (path, text) in files {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    dir
}

/// The `file:` URI of a path (canonicalised when it exists, percent-encoded).
pub fn file_uri(path: &Path) -> String {
    let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    tower_lsp_server::ls_types::Uri::from_file_path(&path)
        .expect("an absolute path")
        .as_str()
        .to_string()
}

impl TestClient {
    /// Starts a server and initialises it. Returns the client and the `initialize` result.
    pub async fn start(
        caps: Value,
        root: Option<&Path>,
        options: Option<Value>,
    ) -> (TestClient, Value) {
        let (client_end, server_end) = tokio::io::duplex(1 << 20);
        let (server_read, server_write) = tokio::io::split(server_end);
        let server = tokio::spawn(persona_ls::lsp::serve(server_read, server_write));
        let (read, writer) = tokio::io::split(client_end);
        let (tx, incoming) = mpsc::unbounded_channel();
        tokio::spawn(read_frames(read, tx));
        let mut client = TestClient {
            writer,
            incoming,
            backlog: VecDeque::new(),
            next_id: 1,
            server: Some(server),
            settings: Value::Null,
            server_requests: Vec::new(),
        };
        let folders = root
            .map(|r| json!([{ "uri": file_uri(r), "name": "ws" }]))
            .unwrap_or(Value::Null);
        let mut params =
            json!({ "processId": null, "capabilities": caps, "workspaceFolders": folders });
        if let Some(o) = options {
            params["initializationOptions"] = o;
        }
        let result = client
            .request("initialize", params)
            .await
            .expect("initialize succeeds");
        client.notify("initialized", json!({})).await;
        (client, result)
    }

    pub async fn send(&mut self, msg: Value) {
        let body = serde_json::to_vec(&msg).unwrap();
        let frame = [
            format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes(),
            body,
        ]
        .concat();
        self.writer
            .write_all(&frame)
            .await
            .expect("the server reads");
        self.writer.flush().await.unwrap();
    }

    pub async fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }))
            .await;
    }

    /// The next message from the server; requests from the server are answered on the way.
    async fn next(&mut self) -> Value {
        loop {
            let msg = tokio::time::timeout(PATIENCE, self.incoming.recv())
                .await
                .expect("the server answers in time")
                .expect("the server is running");
            if msg.get("method").is_some() && msg.get("id").is_some() {
                let result = match msg["method"].as_str() {
                    Some("workspace/configuration") => json!([self.settings.clone()]),
                    _ => Value::Null,
                };
                let id = msg["id"].clone();
                self.server_requests.push(msg);
                self.send(json!({ "jsonrpc": "2.0", "id": id, "result": result }))
                    .await;
                continue;
            }
            return msg;
        }
    }

    /// Sends a request and waits for its response: `Ok(result)` or `Err(error)`.
    pub async fn request(&mut self, method: &str, params: Value) -> Result<Value, Value> {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }))
            .await;
        if let Some(i) = self.backlog.iter().position(|m| m["id"] == json!(id)) {
            return into_result(self.backlog.remove(i).unwrap());
        }
        loop {
            let msg = self.next().await;
            if msg["id"] == json!(id) && msg.get("method").is_none() {
                return into_result(msg);
            }
            self.backlog.push_back(msg);
        }
    }

    /// Waits for a notification matching `pred` (consuming it and every older notification
    /// with the same method that does not match).
    pub async fn notification(&mut self, method: &str, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self
            .backlog
            .iter()
            .position(|m| m["method"] == method && pred(&m["params"]))
        {
            let msg = self.backlog.remove(i).unwrap();
            return msg["params"].clone();
        }
        loop {
            let msg = self.next().await;
            if msg["method"] == method && pred(&msg["params"]) {
                return msg["params"].clone();
            }
            self.backlog.push_back(msg);
        }
    }

    /// The next notification with `method`, in the order the server sent them.
    pub async fn next_notification(&mut self, method: &str) -> Value {
        if let Some(i) = self.backlog.iter().position(|m| m["method"] == method) {
            return self.backlog.remove(i).unwrap()["params"].clone();
        }
        loop {
            let msg = self.next().await;
            if msg["method"] == method {
                return msg["params"].clone();
            }
            self.backlog.push_back(msg);
        }
    }

    /// The parameters of the notifications with `method` read but not consumed yet.
    pub fn unread(&self, method: &str) -> Vec<Value> {
        self.backlog
            .iter()
            .filter(|m| m["method"] == method)
            .map(|m| m["params"].clone())
            .collect()
    }

    /// Drops the notifications with `method` read but not consumed yet whose parameters
    /// match `pred` (what came before an action, to wait for what it causes).
    pub fn forget(&mut self, method: &str, pred: impl Fn(&Value) -> bool) {
        self.backlog
            .retain(|m| !(m["method"] == method && pred(&m["params"])));
    }

    /// The diagnostics published for `uri` at `version`.
    pub async fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let p = self.publish(uri, version).await;
        p["diagnostics"].as_array().cloned().unwrap_or_default()
    }

    /// The whole `publishDiagnostics` notification for `uri` at `version` (its params).
    pub async fn publish(&mut self, uri: &str, version: i64) -> Value {
        self.notification("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri && p["version"] == json!(version)
        })
        .await
    }

    pub async fn open(&mut self, uri: &str, text: &str) {
        let params = json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": text } });
        self.notify("textDocument/didOpen", params).await;
    }

    pub async fn change(&mut self, uri: &str, version: i64, changes: Value) {
        let params = json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": changes });
        self.notify("textDocument/didChange", params).await;
    }

    /// `shutdown`, then `exit`; returns the server's exit code.
    pub async fn shutdown_and_exit(mut self) -> i32 {
        self.request("shutdown", Value::Null)
            .await
            .expect("shutdown succeeds");
        self.exit().await
    }

    pub async fn exit(mut self) -> i32 {
        self.notify("exit", Value::Null).await;
        let server = self.server.take().unwrap();
        tokio::time::timeout(PATIENCE, server)
            .await
            .expect("the server stops")
            .expect("the server task does not panic")
    }
}

fn into_result(msg: Value) -> Result<Value, Value> {
    match msg.get("error") {
        Some(e) => Err(e.clone()),
        None => Ok(msg["result"].clone()),
    }
}

/// An LSP range as `((line, character), (line, character))`.
pub type Span = ((u64, u64), (u64, u64));

/// `(line, character)` pairs of an LSP range.
pub fn range_of(v: &Value) -> Span {
    let p = |p: &Value| {
        (
            p["line"].as_u64().unwrap(),
            p["character"].as_u64().unwrap(),
        )
    };
    (p(&v["start"]), p(&v["end"]))
}

/// The LSP position of the `$0` marker in `fixture`, and the fixture without it. Columns are
/// UTF-16 code units.
pub fn cursor(fixture: &str) -> (Value, String) {
    let at = fixture.find("$0").expect("a $0 marker");
    let before = &fixture[..at];
    let line = before.matches('\n').count();
    let col: usize = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .chars()
        .map(char::len_utf16)
        .sum();
    (
        json!({ "line": line, "character": col }),
        fixture.replacen("$0", "", 1),
    )
}

/// Applies LSP text edits (UTF-16 positions, non-overlapping) to `text`.
pub fn apply(text: &str, edits: &[Value]) -> String {
    let offset = |p: &Value| {
        let (line, ch) = (
            p["line"].as_u64().unwrap() as usize,
            p["character"].as_u64().unwrap() as usize,
        );
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let mut units = 0;
        for (i, c) in text[start..].char_indices() {
            if units >= ch || c == '\n' {
                return start + i;
            }
            units += c.len_utf16();
        }
        text.len()
    };
    let mut edits: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_string();
    for (s, e, t) in edits {
        out.replace_range(s..e, &t);
    }
    out
}
