//! The built binary as an editor runs it: LSP on stdin/stdout, logs on stderr, exit codes.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

struct Server {
    child: Child,
    stdin: Option<ChildStdin>,
    messages: mpsc::Receiver<Value>,
}

fn frame(msg: &Value) -> Vec<u8> {
    let body = serde_json::to_vec(msg).unwrap();
    [
        format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes(),
        body,
    ]
    .concat()
}

impl Server {
    fn start(args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_persona-ls"))
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary runs");
        let stdout = child.stdout.take().unwrap();
        let (tx, messages) = mpsc::channel();
        // Every byte on stdout must be a JSON-RPC frame: anything else fails the parse here.
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut header = String::new();
                if reader.read_line(&mut header).unwrap_or(0) == 0 {
                    return;
                }
                let len: usize = header
                    .strip_prefix("Content-Length: ")
                    .unwrap_or_else(|| panic!("not a frame header: {header:?}"))
                    .trim()
                    .parse()
                    .unwrap();
                let mut blank = String::new();
                reader.read_line(&mut blank).unwrap();
                assert_eq!(blank, "\r\n");
                let mut body = vec![0; len];
                reader.read_exact(&mut body).unwrap();
                if tx
                    .send(serde_json::from_slice(&body).expect("a JSON body"))
                    .is_err()
                {
                    return;
                }
            }
        });
        let stdin = child.stdin.take();
        Server {
            child,
            stdin,
            messages,
        }
    }

    fn send(&mut self, msg: Value) {
        let stdin = self.stdin.as_mut().unwrap();
        stdin.write_all(&frame(&msg)).unwrap();
        stdin.flush().unwrap();
    }

    fn response(&mut self, id: i64) -> Value {
        loop {
            let msg = self
                .messages
                .recv_timeout(Duration::from_secs(30))
                .expect("a response in time");
            if msg["id"] == json!(id) && msg.get("method").is_none() {
                return msg;
            }
        }
    }

    fn initialize(&mut self) -> Value {
        self.send(json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": { "processId": null, "capabilities": {} } }));
        let r = self.response(1);
        self.send(json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }));
        r
    }

    /// Sends `exit`, keeps stdin open (as many clients do) and returns (exit code, stderr).
    fn exit(mut self) -> (i32, String) {
        self.send(json!({ "jsonrpc": "2.0", "method": "exit" }));
        let status = self.child.wait().unwrap();
        let mut stderr = String::new();
        self.child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        (status.code().expect("an exit code"), stderr)
    }
}

#[test]
fn serves_on_stdio_logs_on_stderr_and_exits_0_after_shutdown() {
    let mut server = Server::start(&["--stdio", "--log-level", "debug"]);
    let init = server.initialize();
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-16");
    server.send(json!({ "jsonrpc": "2.0", "id": 2, "method": "shutdown" }));
    assert_eq!(server.response(2)["result"], Value::Null);
    let (code, stderr) = server.exit();
    assert_eq!(code, 0);
    assert!(
        stderr.contains("initialize: position encoding Utf16"),
        "{stderr}"
    );
}

#[test]
fn exits_1_without_shutdown_and_honours_the_log_level() {
    let mut server = Server::start(&["--log-level", "error"]);
    server.initialize();
    let (code, stderr) = server.exit();
    assert_eq!(code, 1);
    assert!(
        !stderr.contains("initialize"),
        "info logs at --log-level error: {stderr}"
    );
}

#[test]
fn the_end_of_the_input_without_exit_ends_the_server() {
    let mut server = Server::start(&[]);
    server.initialize();
    drop(server.stdin.take());
    let status = server.child.wait().unwrap();
    assert_eq!(status.code(), Some(1));
}
