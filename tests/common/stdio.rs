//! The built binary as an editor runs it: LSP on piped stdin/stdout, stderr collected. Every
//! byte the server writes on stdout must be a `Content-Length` frame holding JSON; anything else
//! fails the test that reads it. `PERSONA_LS_BIN` runs the tests against another build (to see
//! them fail on one without the fixes they cover).
#![allow(dead_code)]

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

/// A safety net against a hung server, not a performance assertion.
pub const PATIENCE: Duration = Duration::from_secs(30);

pub struct Server {
    pub child: Child,
    pub stdin: Option<ChildStdin>,
    /// Each frame the server wrote, or why its output was not a frame.
    messages: mpsc::Receiver<Result<Value, String>>,
    stderr: Arc<Mutex<Vec<u8>>>,
    stderr_reader: Option<std::thread::JoinHandle<()>>,
}

pub fn frame(msg: &Value) -> Vec<u8> {
    let body = serde_json::to_vec(msg).unwrap();
    [
        format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes(),
        body,
    ]
    .concat()
}

/// Reads frames exactly as persona-ls writes them: `Content-Length: N\r\n\r\n` and N bytes of
/// JSON.
fn read_frames(stdout: impl Read, tx: mpsc::Sender<Result<Value, String>>) {
    let mut reader = BufReader::new(stdout);
    loop {
        let mut header = Vec::new();
        match reader.read_until(b'\n', &mut header) {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let parsed = std::str::from_utf8(&header)
            .ok()
            .and_then(|h| h.strip_prefix("Content-Length: "))
            .and_then(|h| h.strip_suffix("\r\n"))
            .and_then(|n| n.parse::<usize>().ok());
        let Some(len) = parsed else {
            let _ = tx.send(Err(format!(
                "not a frame header: {:?}",
                String::from_utf8_lossy(&header)
            )));
            return;
        };
        let mut blank = [0; 2];
        let mut body = vec![0; len];
        if reader.read_exact(&mut blank).is_err() || &blank != b"\r\n" {
            let _ = tx.send(Err(format!("no blank line after {header:?}")));
            return;
        }
        if reader.read_exact(&mut body).is_err() {
            let _ = tx.send(Err(format!("a body cut short after {header:?}")));
            return;
        }
        let msg = serde_json::from_slice(&body)
            .map_err(|e| format!("not JSON ({e}): {:?}", String::from_utf8_lossy(&body)));
        if tx.send(msg).is_err() {
            return;
        }
    }
}

impl Server {
    pub fn start(args: &[&str]) -> Server {
        Self::start_in(args, None)
    }

    /// Starts the server with `dir` as its working directory.
    pub fn start_in(args: &[&str], dir: Option<&Path>) -> Server {
        Self::start_with(args, dir, &[])
    }

    /// Starts the server with `dir` as its working directory and `env` set.
    pub fn start_with(args: &[&str], dir: Option<&Path>, env: &[(&str, &Path)]) -> Server {
        let bin = std::env::var("PERSONA_LS_BIN")
            .unwrap_or_else(|_| env!("CARGO_BIN_EXE_persona-ls").to_string());
        let mut cmd = Command::new(bin);
        if let Some(dir) = dir {
            cmd.current_dir(dir);
        }
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary runs");
        let stdout = child.stdout.take().unwrap();
        let (tx, messages) = mpsc::channel();
        std::thread::spawn(move || read_frames(stdout, tx));
        // Drained as it comes, so that a noisy server never blocks on a full pipe.
        let stderr = Arc::new(Mutex::new(Vec::new()));
        let mut pipe = child.stderr.take().unwrap();
        let sink = stderr.clone();
        let stderr_reader = std::thread::spawn(move || {
            let mut buf = [0; 8192];
            while let Ok(n) = pipe.read(&mut buf) {
                if n == 0 {
                    return;
                }
                sink.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        let stdin = child.stdin.take();
        Server {
            child,
            stdin,
            messages,
            stderr,
            stderr_reader: Some(stderr_reader),
        }
    }

    pub fn send(&mut self, msg: Value) {
        self.send_raw(&frame(&msg));
    }

    pub fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().unwrap();
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    /// The next message from the server.
    pub fn next(&mut self) -> Value {
        self.next_within(PATIENCE)
            .expect("the server writes in time")
    }

    /// The next message within `wait`, or `None`.
    pub fn next_within(&mut self, wait: Duration) -> Option<Value> {
        match self.messages.recv_timeout(wait) {
            Ok(Ok(msg)) => Some(msg),
            Ok(Err(e)) => panic!("the server wrote something else than a frame: {e}"),
            Err(mpsc::RecvTimeoutError::Timeout) => None,
            Err(mpsc::RecvTimeoutError::Disconnected) => panic!("the server closed its output"),
        }
    }

    /// Messages up to the response to `id` (which is last).
    pub fn until_response(&mut self, id: &Value) -> Vec<Value> {
        let mut seen = Vec::new();
        loop {
            let msg = self.next();
            let done = &msg["id"] == id && msg.get("method").is_none();
            seen.push(msg);
            if done {
                return seen;
            }
        }
    }

    pub fn response(&mut self, id: i64) -> Value {
        self.until_response(&json!(id)).pop().unwrap()
    }

    pub fn initialize(&mut self) -> Value {
        self.initialize_with(json!({ "processId": null, "capabilities": {} }))
    }

    pub fn initialize_with(&mut self, params: Value) -> Value {
        self.send(json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": params }));
        let r = self.response(1);
        self.send(json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }));
        r
    }

    /// What the server wrote on stderr so far.
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.stderr.lock().unwrap()).into_owned()
    }

    /// Closes stdin and waits for the process to end: its status and how long it took.
    pub fn close_stdin(&mut self) -> (ExitStatus, Duration) {
        drop(self.stdin.take());
        let t = Instant::now();
        let status = self.wait();
        (status, t.elapsed())
    }

    /// Waits for the process to end (it is killed after [`PATIENCE`]).
    pub fn wait(&mut self) -> ExitStatus {
        let t = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            if t.elapsed() > PATIENCE {
                let _ = self.child.kill();
                panic!("the server did not exit");
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Sends `exit`, keeps stdin open (as many clients do) and returns (exit code, stderr).
    /// Checks that nothing but frames came on stdout up to the end.
    pub fn exit(mut self) -> (i32, String) {
        self.send(json!({ "jsonrpc": "2.0", "method": "exit" }));
        let status = self.wait();
        while let Ok(msg) = self.messages.recv_timeout(PATIENCE) {
            if let Err(e) = msg {
                panic!("the server wrote something else than a frame: {e}");
            }
        }
        if let Some(t) = self.stderr_reader.take() {
            t.join().unwrap();
        }
        (status.code().expect("an exit code"), self.stderr())
    }

    /// `shutdown` (as request `id`), then `exit`; returns the exit code.
    pub fn shutdown_and_exit(mut self, id: i64) -> i32 {
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": "shutdown" }));
        assert_eq!(self.response(id)["result"], Value::Null);
        self.exit().0
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
