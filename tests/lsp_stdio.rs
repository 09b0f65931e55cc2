//! The built binary as an editor runs it: LSP on stdin/stdout, logs on stderr, exit codes.

#[path = "common/stdio.rs"]
mod stdio;

use serde_json::{Value, json};
use stdio::Server;

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
    let (status, _) = server.close_stdin();
    assert_eq!(status.code(), Some(1));
}
