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

/// `~/.claude/agents/x.md` opened while the workspace is another folder: recognised where it
/// lives (a user-level subagent), with no configuration file read outside the workspace.
#[test]
fn a_user_level_persona_outside_the_workspace_gets_diagnostics() {
    let home = tempfile::tempdir().unwrap();
    let agents = home.path().join(".claude/agents");
    std::fs::create_dir_all(&agents).unwrap();
    // A configuration beside it that would switch the check off: outside the workspace, so
    // the server does not read it.
    std::fs::write(home.path().join(".persona-ls.toml"), "exclude = [\"**\"]\n").unwrap();
    let file = agents.join("x.md");
    let text = "---\nname: x\ndescription: d\ncolor: purpel\n---\nBody\n";
    std::fs::write(&file, text).unwrap();
    let workspace = tempfile::tempdir().unwrap();
    std::fs::create_dir(workspace.path().join(".git")).unwrap();
    let mut server = Server::start_with(&[], None, &[("HOME", home.path())]);
    assert_eq!(
        open_in(&mut server, workspace.path(), &file, text),
        ["invalid-value"]
    );
    assert_eq!(server.shutdown_and_exit(2), 0);
}

/// Initialises `server` with `workspace` as its folder, opens `file` with `text`, and returns
/// the codes published for it.
fn open_in(
    server: &mut Server,
    workspace: &std::path::Path,
    file: &std::path::Path,
    text: &str,
) -> Vec<String> {
    server.initialize_with(json!({
        "processId": null,
        "capabilities": {},
        "workspaceFolders": [{ "uri": format!("file://{}", workspace.display()), "name": "ws" }],
    }));
    let uri = format!("file://{}", file.display());
    server.send(
        json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
            "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": text }
        }}),
    );
    let published = loop {
        let msg = server.next();
        if msg["method"] == "textDocument/publishDiagnostics" && msg["params"]["uri"] == uri {
            break msg;
        }
    };
    published["params"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

/// A workspace that holds the input which aborted the process (a line of 253 `- `), as a
/// persona and as a plain document: the workspace scan reads both, and the server lives on.
#[test]
fn a_workspace_with_the_abort_reproducer_is_served() {
    let workspace = tempfile::tempdir().unwrap();
    std::fs::create_dir(workspace.path().join(".git")).unwrap();
    let reproducer = format!(
        "---\nname: t\ndescription: d\ntools:\n{}x\n---\nbody\n",
        "- ".repeat(253)
    );
    for path in [".claude/agents/a.md", "docs/notes.md"] {
        let p = workspace.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, &reproducer).unwrap();
    }
    let mut server = Server::start(&[]);
    let file = workspace.path().join(".claude/agents/a.md");
    assert_eq!(
        open_in(&mut server, workspace.path(), &file, &reproducer),
        ["invalid-type"]
    );
    let uri = format!("file://{}", file.display());
    server.send(
        json!({ "jsonrpc": "2.0", "id": 2, "method": "textDocument/documentSymbol",
        "params": { "textDocument": { "uri": uri } } }),
    );
    assert!(server.response(2)["result"].is_array());
    assert_eq!(server.shutdown_and_exit(3), 0);
}
