//! Pathological inputs: time and peak memory of `check` and of the language server (first
//! diagnostics, document symbols) on the inputs that were quadratic, unbounded or fatal, for
//! one or more builds side by side in one run:
//!
//! ```sh
//! cargo bench --bench pathological                                   # target/release/persona-ls
//! cargo bench --bench pathological -- --bin OLD/persona-ls --bin target/release/persona-ls
//! ```
//!
//! Each `check` runs three times (the median time and the largest peak RSS are shown); the
//! server runs once per input. Peak RSS is the kernel's (`ru_maxrss`, `VmHWM`), so it includes
//! the process's fixed cost (about 6 MB): the "growth" column subtracts the same binary's RSS
//! on an empty persona. A run is stopped after 60 s.

#[path = "frames.rs"]
mod frames;

use serde_json::{Value, json};
use std::io::Write;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

const LIMIT: Duration = Duration::from_secs(60);

struct Input {
    name: &'static str,
    path: &'static str,
    text: String,
}

fn inputs() -> Vec<Input> {
    let fm = |body: &str| format!("---\nname: t\ndescription: d\n{body}---\nbody\n");
    let mut keys = String::new();
    let mut broken = String::new();
    for i in 0..100_000 {
        keys.push_str(&format!("key_{i}: value_{i}\n"));
        broken.push_str(&format!("k{i}: a: b\n"));
    }
    let headings: String = (0..100_000)
        .map(|i| format!("# Heading {i}\n\ntext\n\n"))
        .collect();
    vec![
        Input {
            name: "empty persona",
            path: ".claude/agents/a.md",
            text: fm(""),
        },
        Input {
            name: "253 `- ` on one line",
            path: ".claude/agents/a.md",
            text: format!(
                "---\nname: t\ndescription: d\ntools:\n{}x\n---\nbody",
                "- ".repeat(253)
            ),
        },
        Input {
            name: "64 KB of `[`",
            path: ".claude/agents/a.md",
            text: fm(&format!("tools: {}\n", "[".repeat(65_536))),
        },
        Input {
            name: "100k keys",
            path: ".claude/agents/a.md",
            text: fm(&keys),
        },
        Input {
            name: "1 MB key",
            path: ".claude/agents/a.md",
            text: fm(&format!("{}: v\n", "k".repeat(1 << 20))),
        },
        Input {
            name: "100k headings",
            path: ".claude/agents/a.md",
            text: fm("") + &headings,
        },
        Input {
            name: "100k broken entries",
            path: ".claude/agents/a.md",
            text: fm(&broken),
        },
        Input {
            name: "1M zero-width spaces",
            path: ".claude/agents/a.md",
            text: fm("") + &"a\u{200b}".repeat(1_000_000),
        },
        Input {
            name: "200k unknown tools",
            path: ".claude/agents/a.md",
            text: fm(&format!(
                "tools: {}\n",
                (0..200_000)
                    .map(|i| format!("Tool{i}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        },
    ]
}

/// Runs `bin args` to its end (or kills it after [`LIMIT`]): wall time, peak RSS in KB, exit.
/// Linux keeps a process's peak RSS across `exec`, so a child of this (large) process would
/// report this process's peak: GNU time, a small process, starts the measured one.
fn run_measured(dir: &Path, bin: &str, args: &[&str]) -> (Duration, u64, String) {
    let report = dir.join(".rss");
    let mut cmd = Command::new("/usr/bin/time");
    cmd.current_dir(dir)
        .args(["-f", "%M", "-o"])
        .arg(&report)
        .arg(bin)
        .args(args);
    // Its own process group: killing GNU time alone would leave the measured process running
    // on, and it would take a core from every later measurement.
    cmd.process_group(0);
    let start = Instant::now();
    let mut child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn /usr/bin/time");
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break Some(status);
        }
        if start.elapsed() > LIMIT {
            // SAFETY: kill(2) on the group this function created; no memory is involved.
            unsafe { libc::kill(-(child.id() as i32), libc::SIGKILL) };
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let elapsed = start.elapsed();
    let text = std::fs::read_to_string(&report).unwrap_or_default();
    let rss = text
        .lines()
        .last()
        .and_then(|l| l.trim().parse().ok())
        .unwrap_or(0);
    // GNU time reports a child killed by a signal in its first line.
    let signal = text
        .lines()
        .find_map(|l| l.strip_prefix("Command terminated by signal "))
        .and_then(|s| s.trim().parse::<i32>().ok());
    let outcome = match (signal, status) {
        (_, None) => "killed at 60 s".to_string(),
        (Some(libc::SIGABRT), _) => "abort".to_string(),
        (Some(s), _) => format!("signal {s}"),
        (None, Some(status)) => format!("exit {}", status.code().unwrap_or(-1)),
    };
    (elapsed, rss, outcome)
}

fn check(bin: &str, dir: &Path, path: &str) -> (Duration, u64, String) {
    let args = ["check", "--format", "json", path];
    let first = run_measured(dir, bin, &args);
    // A run killed at the limit says all there is to say; two more would cost two minutes.
    if first.0 > LIMIT {
        return first;
    }
    let mut runs = vec![first];
    runs.extend((0..2).map(|_| run_measured(dir, bin, &args)));
    let rss = runs.iter().map(|r| r.1).max().unwrap_or(0);
    runs.sort_by_key(|r| r.0);
    let (t, _, outcome) = runs.swap_remove(1);
    (t, rss, outcome)
}

/// The server on one document: time to its first diagnostics, to its document symbols, and
/// its peak RSS (KB). `None` times: no answer within the limit.
fn serve(
    bin: &str,
    dir: &Path,
    path: &str,
    text: &str,
) -> (Option<Duration>, Option<Duration>, u64) {
    let mut child = Command::new(bin)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let mut stdin = child.stdin.take().unwrap();
    let rx = frames::frames(child.stdout.take().unwrap());
    let send = |stdin: &mut dyn Write, msg: Value| {
        let body = serde_json::to_vec(&msg).unwrap();
        let _ = stdin.write_all(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
        let _ = stdin.write_all(&body);
        let _ = stdin.flush();
    };
    let root = format!("file://{}", dir.display());
    let uri = format!("{root}/{path}");
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "processId": null, "capabilities": {"textDocument": {"documentSymbol": {"hierarchicalDocumentSymbolSupport": true}}},
        "workspaceFolders": [{"uri": root, "name": "w"}]}}),
    );
    let _ = wait_for(&rx, |m| m["id"] == 1);
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
    );
    let start = Instant::now();
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}}),
    );
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": 2, "method": "textDocument/documentSymbol", "params": {
        "textDocument": {"uri": uri}}}),
    );
    let mut diagnostics = None;
    let mut symbols = None;
    while diagnostics.is_none() || symbols.is_none() {
        let Some(m) = wait_for(&rx, |_| true) else {
            break;
        };
        if m["method"] == "textDocument/publishDiagnostics" && diagnostics.is_none() {
            diagnostics = Some(start.elapsed());
        } else if m["id"] == 2 {
            symbols = Some(start.elapsed());
        }
    }
    let status =
        std::fs::read_to_string(format!("/proc/{}/status", child.id())).unwrap_or_default();
    let rss = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0);
    let _ = child.kill();
    let _ = child.wait();
    (diagnostics, symbols, rss)
}

fn wait_for(rx: &Receiver<Value>, pred: impl Fn(&Value) -> bool) -> Option<Value> {
    let deadline = Instant::now() + LIMIT;
    loop {
        let left = deadline.checked_duration_since(Instant::now())?;
        let m = rx.recv_timeout(left).ok()?;
        if pred(&m) {
            return Some(m);
        }
    }
}

fn ms(d: Option<Duration>) -> String {
    d.map_or("> 60 s".to_string(), |d| {
        format!("{:.1} ms", d.as_secs_f64() * 1000.0)
    })
}

fn main() {
    let mut bins: Vec<String> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--bin" => bins.push(args.next().expect("--bin PATH")),
            "--bench" => {}
            other => eprintln!("pathological: ignoring `{other}`"),
        }
    }
    if bins.is_empty() {
        let own = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/persona-ls");
        bins.push(own.display().to_string());
    }
    let work = tempfile::tempdir().unwrap();
    println!(
        "| input | size | binary | check | check peak RSS (growth) | server: diagnostics | server: symbols | server peak RSS (growth) |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    let mut base: Vec<(u64, u64)> = vec![(0, 0); bins.len()];
    for input in inputs() {
        // A project of its own: the server's workspace scan reads only this input.
        let project = tempfile::tempdir_in(work.path()).unwrap();
        let dir: PathBuf = std::fs::canonicalize(project.path()).unwrap();
        std::fs::create_dir(dir.join(".git")).unwrap();
        let file = dir.join(input.path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, &input.text).unwrap();
        for (b, bin) in bins.iter().enumerate() {
            let (t, rss, outcome) = check(bin, &dir, input.path);
            let (diag, sym, srss) = serve(bin, &dir, input.path, &input.text);
            if input.name == "empty persona" {
                base[b] = (rss, srss);
            }
            let growth = |r: u64, b: u64| {
                format!(
                    "{:.1} MB ({:.1} MB)",
                    r as f64 / 1024.0,
                    r.saturating_sub(b) as f64 / 1024.0
                )
            };
            println!(
                "| {} | {} KB | `{}` | {:.1} ms ({outcome}) | {} | {} | {} | {} |",
                input.name,
                input.text.len() / 1024,
                bin,
                t.as_secs_f64() * 1000.0,
                growth(rss, base[b].0),
                ms(diag),
                ms(sym),
                growth(srss, base[b].1),
            );
        }
    }
}
