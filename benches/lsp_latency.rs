//! LSP latency bench: drives a language server binary over stdio, the way an editor does, and
//! prints median, p90 and p99 per scenario. It can drive another server for comparison:
//!
//! ```sh
//! cargo bench --bench lsp_latency                                  # persona-ls (release build)
//! cargo bench --bench lsp_latency -- --server "agnix-lsp" --samples 300
//! cargo bench --bench lsp_latency -- --server target/release/persona-ls --server agnix-lsp
//! ```
//!
//! The client announces what VS Code announces (versioned diagnostics, snippet completion with
//! documentation resolved lazily). Every latency is measured from writing the request (or notification) to reading the answer:
//! a response with the same id, or the next `textDocument/publishDiagnostics` for the document
//! (with the sent version when the server stamps one). Servers that ask for full-document sync
//! get the whole text on every change; incremental servers get the one-character edit.

use serde_json::{Value, json};
use std::io::Write;
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

#[path = "fixtures.rs"]
mod fixtures;
#[path = "frames.rs"]
mod frames;
#[path = "lsp_workspace.rs"]
mod lsp_workspace;
#[allow(dead_code)]
#[path = "workspace_gen.rs"]
mod workspace_gen;
#[path = "workspace_picks.rs"]
mod workspace_picks;

const TIMEOUT: Duration = Duration::from_secs(30);

struct Server {
    child: Child,
    stdin: ChildStdin,
    rx: Receiver<Value>,
    next_id: i64,
    /// `publishDiagnostics` that `wait_for` passed over (for other documents, or older).
    other_publishes: usize,
    full_sync: bool,
    /// The workspace folder (its root).
    root: PathBuf,
    _temp: Option<tempfile::TempDir>,
}

impl Server {
    /// A server on a fresh empty project, for the editor scenarios.
    fn spawn(cmd: &str) -> (Server, Duration) {
        let workspace = tempfile::tempdir().expect("temp workspace");
        std::fs::create_dir(workspace.path().join(".git")).unwrap();
        let root = workspace.path().to_path_buf();
        Self::spawn_in(cmd, root, Some(workspace), json!({}))
    }

    /// A server on the workspace folder `root`, the client's capabilities `more` merged
    /// over the editor scenarios' (one level deep).
    fn spawn_in(
        cmd: &str,
        root: PathBuf,
        temp: Option<tempfile::TempDir>,
        more: Value,
    ) -> (Server, Duration) {
        let mut parts = cmd.split_whitespace();
        let start = Instant::now();
        let mut child = Command::new(parts.next().expect("server command"))
            .args(parts)
            .current_dir(&root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start `{cmd}`: {e}"));
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let rx = frames::frames(stdout);
        let mut s = Server {
            child,
            stdin,
            rx,
            next_id: 0,
            other_publishes: 0,
            full_sync: false,
            root,
            _temp: temp,
        };
        let root = uri_of(&s.root);
        let mut capabilities = json!({
            "general": {"positionEncodings": ["utf-16"]},
            "textDocument": {
                "publishDiagnostics": {"versionSupport": true},
                "completion": {"completionItem": {"snippetSupport": true, "resolveSupport": {"properties": ["documentation", "detail"]}}},
                "hover": {"contentFormat": ["markdown", "plaintext"]}
            },
            "workspace": {"configuration": false, "workspaceFolders": true}
        });
        for (section, fields) in more.as_object().into_iter().flatten() {
            let into = capabilities[section.as_str()].as_object_mut();
            match (into, fields.as_object()) {
                (Some(into), Some(fields)) => into.extend(fields.clone()),
                _ => capabilities[section.as_str()] = fields.clone(),
            }
        }
        let init = s.request(
            "initialize",
            json!({
                "processId": std::process::id(),
                "rootUri": root,
                "workspaceFolders": [{"uri": root, "name": "bench"}],
                "capabilities": capabilities
            }),
        );
        let spawn_to_init = start.elapsed();
        let sync = &init["result"]["capabilities"]["textDocumentSync"];
        let kind = sync.get("change").unwrap_or(sync);
        s.full_sync = kind.as_i64() == Some(1);
        s.notify("initialized", json!({}));
        (s, spawn_to_init)
    }

    fn send(&mut self, msg: Value) {
        let body = msg.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    /// `params: null` is left out: some servers reject it on `shutdown` and `exit`.
    fn message(method: &str, params: Value) -> Value {
        let mut m = json!({"jsonrpc": "2.0", "method": method});
        if !params.is_null() {
            m["params"] = params;
        }
        m
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(Self::message(method, params));
    }

    /// Sends a request and waits for its response, answering server requests on the way.
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut m = Self::message(method, params);
        m["id"] = json!(id);
        self.send(m);
        self.wait(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none())
    }

    /// Waits for a message matching `pred`.
    fn wait(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        self.wait_for(TIMEOUT, pred)
            .unwrap_or_else(|| panic!("no matching answer within {TIMEOUT:?}"))
    }

    /// Waits up to `timeout` for a message matching `pred` (`None`: none came); every other
    /// message on the way goes to `self.seen`.
    fn wait_for(&mut self, timeout: Duration, pred: impl Fn(&Value) -> bool) -> Option<Value> {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return None;
            }
            let msg = match self.rx.recv_timeout(left) {
                Ok(m) => m,
                Err(RecvTimeoutError::Timeout) => return None,
                Err(RecvTimeoutError::Disconnected) => panic!("the server exited"),
            };
            // Server-to-client requests (configuration, registration) get an empty answer.
            if msg.get("method").is_some() && msg.get("id").is_some() {
                let id = msg["id"].clone();
                let result = if msg["method"] == "workspace/configuration" {
                    json!(vec![
                        Value::Null;
                        msg["params"]["items"].as_array().map_or(0, Vec::len)
                    ])
                } else {
                    Value::Null
                };
                self.send(json!({"jsonrpc": "2.0", "id": id, "result": result}));
                continue;
            }
            if std::env::var_os("LSP_BENCH_DEBUG").is_some() {
                debug(&msg);
            }
            if pred(&msg) {
                return Some(msg);
            }
            if msg["method"] == "textDocument/publishDiagnostics" {
                self.other_publishes += 1;
            }
        }
    }

    fn wait_diagnostics(&mut self, uri: &str, version: Option<i64>) -> Value {
        self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && match (version, m["params"].get("version").and_then(Value::as_i64)) {
                    (Some(want), Some(got)) => got >= want,
                    _ => true,
                }
        })
    }

    fn open(&mut self, rel: &str, text: &str) -> String {
        let path = self.root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        let uri = uri_of(&path);
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        );
        uri
    }

    /// Inserts `insert` at `(line, character)` of `text` (kept in sync), as a change event.
    fn change(
        &mut self,
        uri: &str,
        version: i64,
        text: &mut String,
        offset: usize,
        insert: &str,
        delete: usize,
    ) {
        let (line, character) = position(text, offset);
        let (end_line, end_character) = position(text, offset + delete);
        text.replace_range(offset..offset + delete, insert);
        let change = if self.full_sync {
            json!({"text": text})
        } else {
            json!({"range": {"start": {"line": line, "character": character}, "end": {"line": end_line, "character": end_character}}, "text": insert})
        };
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}),
        );
    }

    fn rss_kb(&self) -> Option<u64> {
        self.status_kb("VmRSS:")
    }

    /// A `/proc/PID/status` field in kB (`VmRSS:`, `VmHWM:` the peak).
    fn status_kb(&self, field: &str) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        status
            .lines()
            .find(|l| l.starts_with(field))?
            .split_whitespace()
            .nth(1)?
            .parse()
            .ok()
    }

    fn stop(mut self) {
        let _ = self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + Duration::from_secs(2);
        while matches!(self.child.try_wait(), Ok(None)) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `LSP_BENCH_DEBUG`: each message on stderr, a `publishDiagnostics` as its document, version
/// and codes.
fn debug(msg: &Value) {
    if msg["method"] == "textDocument/publishDiagnostics" {
        let p = &msg["params"];
        let codes: Vec<&str> = p["diagnostics"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|d| d["code"].as_str())
            .collect();
        eprintln!("<- publish {} v{} {codes:?}", p["uri"], p["version"]);
    } else {
        let text = msg.to_string();
        eprintln!("<- {}", text.chars().take(300).collect::<String>());
    }
}

fn uri_of(p: &std::path::Path) -> String {
    format!("file://{}", p.display())
}

/// UTF-16 line/character of a byte offset (the fixtures are ASCII apart from a few symbols).
fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].encode_utf16().count())
}

struct Stats {
    samples: Vec<Duration>,
}

impl Stats {
    fn new() -> Self {
        Stats {
            samples: Vec::new(),
        }
    }
    fn pct(&self, p: f64) -> f64 {
        let mut v = self.samples.clone();
        v.sort();
        let i = ((v.len() as f64 - 1.0) * p).round() as usize;
        v[i].as_secs_f64() * 1000.0
    }
    fn row(&self, server: &str, scenario: &str) {
        println!(
            "| {server} | {scenario} | {} | {:.3} | {:.3} | {:.3} |",
            self.samples.len(),
            self.pct(0.5),
            self.pct(0.9),
            self.pct(0.99)
        );
    }
}

/// A one-character edit in the description, undone by the next one: the diagnostics stay the
/// same, so every round costs the same.
fn edit_loop(
    s: &mut Server,
    uri: &str,
    text: &mut String,
    at: usize,
    samples: usize,
    version: &mut i64,
) -> Stats {
    let mut stats = Stats::new();
    for i in 0..samples {
        *version += 1;
        let t = Instant::now();
        if i % 2 == 0 {
            s.change(uri, *version, text, at, "x", 0);
        } else {
            s.change(uri, *version, text, at, "", 1);
        }
        s.wait_diagnostics(uri, Some(*version));
        stats.samples.push(t.elapsed());
    }
    stats
}

/// The server's binary name, for the table.
fn server_name(cmd: &str) -> String {
    cmd.split_whitespace()
        .next()
        .unwrap_or(cmd)
        .rsplit('/')
        .next()
        .unwrap_or(cmd)
        .to_string()
}

fn bench_server(cmd: &str, samples: usize) {
    let name = server_name(cmd);
    let small = fixtures::persona(10 * 1024);
    let large = fixtures::persona(5 * 1024 * 1024);
    let in_description = fixtures::FRONT_MATTER.find("designs").unwrap();

    // Startup: spawn → initialize response, then didOpen → first diagnostics.
    let mut spawn = Stats::new();
    let mut first = Stats::new();
    for i in 0..samples.min(30) {
        let (mut s, t) = Server::spawn(cmd);
        spawn.samples.push(t);
        let t = Instant::now();
        let uri = s.open(&format!(".claude/agents/startup-{i}.md"), &small);
        s.wait_diagnostics(&uri, None);
        first.samples.push(t.elapsed());
        s.stop();
    }
    spawn.row(&name, "spawn → initialize response");
    first.row(&name, "didOpen (10 KB) → first diagnostics");

    let (mut s, _) = Server::spawn(cmd);
    let mut text = small.clone();
    let uri = s.open(".claude/agents/backend-architect.md", &text);
    s.wait_diagnostics(&uri, None);
    let mut version = 1;
    let sync = if s.full_sync {
        "full sync"
    } else {
        "incremental"
    };
    // Warm up.
    edit_loop(&mut s, &uri, &mut text, in_description, 20, &mut version);
    edit_loop(
        &mut s,
        &uri,
        &mut text,
        in_description,
        samples,
        &mut version,
    )
    .row(
        &name,
        &format!("typing, 10 KB: didChange → diagnostics ({sync})"),
    );

    // Completion after `model: ` and hover on `model`, on a 10 KB persona.
    let model_line = text.find("model: sonnet").unwrap();
    let (line, _) = position(&text, model_line);
    for (method, character, label) in [
        (
            "textDocument/completion",
            7,
            "completion after `model: `, 10 KB",
        ),
        ("textDocument/hover", 2, "hover on `model`, 10 KB"),
    ] {
        let mut stats = Stats::new();
        for _ in 0..samples {
            let t = Instant::now();
            let r = s.request(
                method,
                json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
            );
            stats.samples.push(t.elapsed());
            assert!(r.get("error").is_none(), "{method} failed: {r}");
        }
        stats.row(&name, label);
    }

    // A 5 MB persona: an edit in the front matter, then one in the body.
    let mut big = large.clone();
    let big_uri = s.open(".claude/agents/huge.md", &big);
    s.wait_diagnostics(&big_uri, None);
    let n = (samples / 3).max(30);
    edit_loop(&mut s, &big_uri, &mut big, in_description, n, &mut version)
        .row(&name, "5 MB: front-matter edit → diagnostics");
    let in_body = big.len() / 2;
    let in_body = in_body + big[in_body..].find("Design").unwrap();
    edit_loop(&mut s, &big_uri, &mut big, in_body, n, &mut version)
        .row(&name, "5 MB: body edit → diagnostics");
    s.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": big_uri}}),
    );
    s.stop();

    // Memory: 1,000 open 10 KB documents, then 10,000 edits to one document.
    let (mut s, _) = Server::spawn(cmd);
    let mut last = String::new();
    for i in 0..1000 {
        last = s.open(&format!(".claude/agents/agent-{i}.md"), &small);
    }
    s.wait_diagnostics(&last, None);
    let _ = s.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": last}, "position": {"line": 1, "character": 1}}),
    );
    let rss_open = s.rss_kb();
    let mut text = small.clone();
    let mut v = 1;
    let mut rng: u64 = 0x2545_F491_4F6C_DD1D;
    let mut rss_1k = None;
    for i in 0..10_000 {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        v += 1;
        let mut at = (rng as usize) % text.len();
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        if i % 2 == 0 || text.len() < 1024 {
            s.change(&last, v, &mut text, at, "ab", 0);
        } else {
            let mut end = (at + 2).min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            s.change(&last, v, &mut text, at, "", end - at);
        }
        if i == 999 {
            s.wait_diagnostics(&last, Some(v));
            rss_1k = s.rss_kb();
        }
    }
    s.wait_diagnostics(&last, Some(v));
    let rss_10k = s.rss_kb();
    let mb =
        |kb: Option<u64>| kb.map_or("?".to_string(), |k| format!("{:.1} MB", k as f64 / 1024.0));
    println!(
        "| {name} | RSS with 1,000 open 10 KB documents | {} |",
        mb(rss_open)
    );
    println!(
        "| {name} | RSS after 1,000 / 10,000 random edits to one document | {} / {} |",
        mb(rss_1k),
        mb(rss_10k)
    );
    s.stop();
}

fn main() {
    let mut servers = Vec::new();
    let mut samples = 300;
    let mut index_samples = 10;
    let mut folder: Option<PathBuf> = None;
    let mut files = workspace_gen::files_from_env();
    let mut scenarios = vec!["editor".to_string(), "workspace".to_string()];
    let mut args = std::env::args().skip(1);
    let number = |args: &mut dyn Iterator<Item = String>, what: &str| -> usize {
        args.next()
            .and_then(|n| n.replace([',', '_'], "").parse().ok())
            .unwrap_or_else(|| panic!("{what} N"))
    };
    while let Some(a) = args.next() {
        match a.as_str() {
            "--server" => servers.push(args.next().expect("--server CMD")),
            "--samples" => samples = number(&mut args, "--samples"),
            "--index-samples" => index_samples = number(&mut args, "--index-samples"),
            "--workspace" => folder = Some(args.next().expect("--workspace DIR").into()),
            "--workspace-files" => files = number(&mut args, "--workspace-files"),
            "--scenarios" => {
                scenarios = args
                    .next()
                    .expect("--scenarios editor,workspace")
                    .split(',')
                    .map(String::from)
                    .collect()
            }
            // cargo bench passes `--bench`; ignore it and any filter.
            _ => {}
        }
    }
    if servers.is_empty() {
        let target = std::env::var("CARGO_TARGET_DIR")
            .unwrap_or_else(|_| format!("{}/target", env!("CARGO_MANIFEST_DIR")));
        let bin = format!("{target}/release/persona-ls");
        assert!(
            std::path::Path::new(&bin).exists(),
            "build it first: cargo build --release"
        );
        servers.push(bin);
    }
    // The workspace scenarios' folder: the one given, else a generated one.
    let mut generated = None;
    let prepared = scenarios.iter().any(|s| s == "workspace").then(|| {
        let dir = folder.clone().unwrap_or_else(|| {
            let tmp = tempfile::tempdir().expect("a temporary folder");
            let written = workspace_gen::generate(tmp.path(), files, 11);
            eprintln!("generated workspace: n = {files}, {written} Markdown files");
            let dir = tmp.path().to_path_buf();
            generated = Some(tmp);
            dir
        });
        lsp_workspace::prepare(&dir)
    });
    println!("| server | scenario | samples | median ms | p90 ms | p99 ms |");
    println!("|---|---|---:|---:|---:|---:|");
    for cmd in &servers {
        if scenarios.iter().any(|s| s == "editor") {
            bench_server(cmd, samples);
        }
        if let Some(p) = &prepared {
            lsp_workspace::run(cmd, &server_name(cmd), p, samples, index_samples);
        }
    }
    drop(generated);
}
