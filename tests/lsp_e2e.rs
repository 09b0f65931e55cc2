//! End-to-end tests of the language server over an in-memory duplex stream with real
//! JSON-RPC framing (see `lsp_support`). Each test compares whole responses and notifications,
//! normalised (`$ROOT` for the temporary project, numbered result ids), with `expect!`
//! snapshots; `UPDATE_EXPECT=1 cargo test --test lsp_e2e` rewrites them after an intended
//! change.

mod lsp_support;

use expect_test::expect;
use lsp_support::{Snap, TestClient, apply, capabilities, cursor, file_uri, project, without_id};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

/// A Claude Code agent with a YAML error after an emoji and a misspelt color.
const BUILDER: &str = "---\nname: builder\ndescription: 🏗️ Builds: things\ncolor: purpel\nmodel: sonnet\n---\nYou build things.\n";

fn uri(root: &Path, rel: &str) -> String {
    file_uri(&root.join(rel))
}

fn labels(result: &Value) -> Vec<String> {
    let items = result.get("items").unwrap_or(result);
    items
        .as_array()
        .map(|a| {
            a.iter()
                .map(|i| i["label"].as_str().unwrap().to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// The completion item labelled `label` in a completion result.
fn item(result: &Value, label: &str) -> Value {
    let items = result.get("items").unwrap_or(result).as_array();
    let found = items.and_then(|a| a.iter().find(|i| i["label"] == label));
    found
        .unwrap_or_else(|| panic!("no `{label}` item: {result:#}"))
        .clone()
}

/// `textDocument/hover` params at `(line, character)`.
fn at(u: &str, line: u32, character: u32) -> Value {
    json!({ "textDocument": { "uri": u }, "position": { "line": line, "character": character } })
}

async fn hover(client: &mut TestClient, u: &str, line: u32, character: u32) -> Value {
    client
        .request("textDocument/hover", at(u, line, character))
        .await
        .unwrap()
}

async fn close(client: &mut TestClient, u: &str) {
    client
        .notify(
            "textDocument/didClose",
            json!({ "textDocument": { "uri": u } }),
        )
        .await;
}

async fn start(root: &Path) -> TestClient {
    TestClient::start(capabilities(&["utf-16"]), Some(root), None)
        .await
        .0
}

/// UTF-8 when the client offers it, everything implemented (and nothing else) advertised;
/// UTF-16 when the client offers nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn initialize_negotiates_the_position_encoding_and_advertises_features() {
    let (client, result) = TestClient::start(capabilities(&["utf-8", "utf-16"]), None, None).await;
    Snap::none().check(
        &result,
        expect![[r#"
            {
              "capabilities": {
                "codeActionProvider": {
                  "codeActionKinds": ["quickfix", "source.fixAll.persona-ls"],
                  "resolveProvider": false
                },
                "codeLensProvider": {"resolveProvider": false},
                "completionProvider": {"resolveProvider": false, "triggerCharacters": [":", " ", ",", "[", "-"]},
                "definitionProvider": true,
                "documentLinkProvider": {"resolveProvider": false},
                "documentSymbolProvider": true,
                "foldingRangeProvider": true,
                "hoverProvider": true,
                "inlayHintProvider": true,
                "positionEncoding": "utf-8",
                "referencesProvider": true,
                "renameProvider": {"prepareProvider": true},
                "selectionRangeProvider": true,
                "textDocumentSync": {"change": 2, "openClose": true, "save": {"includeText": false}},
                "workspace": {"workspaceFolders": {"changeNotifications": true, "supported": true}},
                "workspaceSymbolProvider": true
              },
              "serverInfo": {"name": "persona-ls", "version": "$VERSION"}
            }
        "#]],
    );
    assert_eq!(client.shutdown_and_exit().await, 0);

    let (client, without) = TestClient::start(capabilities(&[]), None, None).await;
    let mut want = result;
    want["capabilities"]["positionEncoding"] = json!("utf-16");
    assert_eq!(without, want);
    assert_eq!(client.shutdown_and_exit().await, 0);
}

/// `exit` without `shutdown` is exit code 1; after `shutdown` requests are refused and `exit`
/// is 0.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exit_code_is_0_after_shutdown_and_1_without() {
    let (client, _) = TestClient::start(capabilities(&[]), None, None).await;
    assert_eq!(client.exit().await, 1);
    let (mut client, _) = TestClient::start(capabilities(&[]), None, None).await;
    assert_eq!(
        client.request("shutdown", Value::Null).await,
        Ok(Value::Null)
    );
    let refused = client
        .request("textDocument/hover", at("file:///x.md", 0, 0))
        .await
        .unwrap_err();
    Snap::none().check(
        &refused,
        expect![[r#"
        {"code": -32600, "message": "Invalid request"}
    "#]],
    );
    assert_eq!(client.exit().await, 0);
}

/// `description: 🏗️ Builds: things`: 🏗 is two UTF-16 units and U+FE0F one, so the `:` after
/// `Builds` is at column 13 + 3 + 1 + 6 = 23.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn diagnostics_have_exact_utf16_ranges_after_an_emoji() {
    let dir = project(&[(".claude/agents/builder.md", BUILDER)]);
    let mut client = start(dir.path()).await;
    let u = uri(dir.path(), ".claude/agents/builder.md");
    client.open(&u, BUILDER).await;
    Snap::new(dir.path()).check(&client.publish(&u, 1).await, expect![[r#"
        {
          "diagnostics": [
            {"code": "yaml-syntax", "message": "`: ` inside an unquoted value starts a new key here, so this is not valid YAML. Quote the value, or use a block scalar (`>-`). Claude Code reads past it: when the front matter does not parse, it quotes such values and parses again, reading `description` as the text `🏗️ Builds: things`. Copilot CLI, which reads `.claude/agents` too, parses it as strict YAML and refuses the agent.", "range": {"end": {"character": 24, "line": 2}, "start": {"character": 23, "line": 2}}, "severity": 2, "source": "persona-ls"},
            {"code": "invalid-value", "message": "`purpel` is not a valid `color`: did you mean `purple`? Allowed: `red`, `blue`, `green`, `yellow`, `purple`, `orange`, `pink`, `cyan`.", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 7, "line": 3}}, "severity": 2, "source": "persona-ls"}
          ],
          "uri": "file://$ROOT/.claude/agents/builder.md",
          "version": 1
        }
    "#]]);
    assert_eq!(client.shutdown_and_exit().await, 0);
}

/// In bytes 🏗 is four and U+FE0F three: 13 + 7 + 1 + 6 = 27. Edits come in UTF-8 too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn diagnostics_have_utf8_ranges_when_utf8_was_negotiated() {
    let dir = project(&[(".claude/agents/builder.md", BUILDER)]);
    let snap = Snap::new(dir.path());
    let (mut client, _) =
        TestClient::start(capabilities(&["utf-8", "utf-16"]), Some(dir.path()), None).await;
    let u = uri(dir.path(), ".claude/agents/builder.md");
    client.open(&u, BUILDER).await;
    snap.check(&client.publish(&u, 1).await, expect![[r#"
        {
          "diagnostics": [
            {"code": "yaml-syntax", "message": "`: ` inside an unquoted value starts a new key here, so this is not valid YAML. Quote the value, or use a block scalar (`>-`). Claude Code reads past it: when the front matter does not parse, it quotes such values and parses again, reading `description` as the text `🏗️ Builds: things`. Copilot CLI, which reads `.claude/agents` too, parses it as strict YAML and refuses the agent.", "range": {"end": {"character": 28, "line": 2}, "start": {"character": 27, "line": 2}}, "severity": 2, "source": "persona-ls"},
            {"code": "invalid-value", "message": "`purpel` is not a valid `color`: did you mean `purple`? Allowed: `red`, `blue`, `green`, `yellow`, `purple`, `orange`, `pink`, `cyan`.", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 7, "line": 3}}, "severity": 2, "source": "persona-ls"}
          ],
          "uri": "file://$ROOT/.claude/agents/builder.md",
          "version": 1
        }
    "#]]);
    // Insert `!` right after the emoji (byte column 13 + 7).
    client.change(&u, 2, json!([{ "range": { "start": { "line": 2, "character": 20 }, "end": { "line": 2, "character": 20 } }, "text": "!" }])).await;
    snap.check(&client.publish(&u, 2).await, expect![[r#"
        {
          "diagnostics": [
            {"code": "yaml-syntax", "message": "`: ` inside an unquoted value starts a new key here, so this is not valid YAML. Quote the value, or use a block scalar (`>-`). Claude Code reads past it: when the front matter does not parse, it quotes such values and parses again, reading `description` as the text `🏗️! Builds: things`. Copilot CLI, which reads `.claude/agents` too, parses it as strict YAML and refuses the agent.", "range": {"end": {"character": 29, "line": 2}, "start": {"character": 28, "line": 2}}, "severity": 2, "source": "persona-ls"},
            {"code": "invalid-value", "message": "`purpel` is not a valid `color`: did you mean `purple`? Allowed: `red`, `blue`, `green`, `yellow`, `purple`, `orange`, `pink`, `cyan`.", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 7, "line": 3}}, "severity": 2, "source": "persona-ls"}
          ],
          "uri": "file://$ROOT/.claude/agents/builder.md",
          "version": 2
        }
    "#]]);
    assert_eq!(client.shutdown_and_exit().await, 0);
}

/// The editor publishes for each file exactly what `check --format json` reports for it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn diagnostics_are_identical_to_check() {
    let files: &[(&str, &str)] = &[
        (".claude/agents/builder.md", BUILDER),
        (
            "engineering/builder.md",
            "---\nname: Builder\ndescription: Builds things\ncolor: purpel\nemoji: 🏗️\ntools: [Read, Writ]\n---\nYou build.\n",
        ),
        (
            ".claude/skills/My Skill/SKILL.md",
            "---\nname: My Skill\ndescription: d\nallowed-tools: Read Bash(git:*)\n---\n\u{200b}Do it.\r\n",
        ),
        (
            ".github/agents/r.agent.md",
            "---\nname: r\ntools: ['search', 'fetch']\nmodel: claude-3-opus-20240229\n---\n",
        ),
        ("docs/notes.md", "# Not a persona\n"),
    ];
    let dir = project(files);
    let snap = Snap::new(dir.path());
    let mut out = Vec::new();
    let opts = persona_ls::cli::Options {
        paths: vec![dir.path().to_path_buf()],
        format: persona_ls::cli::Format::Json,
        ..Default::default()
    };
    persona_ls::cli::run(&opts, &mut out, &mut Vec::new());
    let expected: Vec<Value> = serde_json::from_slice(&out).unwrap();
    let mut client = start(dir.path()).await;
    let mut published = Vec::new();
    for (rel, text) in files {
        let u = uri(dir.path(), rel);
        client.open(&u, text).await;
        let got = client.diagnostics(&u, 1).await;
        let abs = dir.path().join(rel);
        let want: Vec<&Value> = expected
            .iter()
            .filter(|d| Path::new(d["path"].as_str().unwrap()) == abs)
            .collect();
        assert_eq!(got.len(), want.len(), "{rel}: {got:#?} vs {want:#?}");
        for (g, w) in got.iter().zip(want) {
            assert_eq!(g["code"], w["code"], "{rel}");
            assert_eq!(g["message"], w["message"], "{rel}");
            assert_eq!(g["range"], w["range"], "{rel}");
            let sev = ["error", "warning", "information", "hint"]
                [g["severity"].as_u64().unwrap() as usize - 1];
            assert_eq!(sev, w["severity"], "{rel}");
        }
        published.extend(got);
    }
    snap.check(&Value::Array(published), expect![[r#"
        [
          {"code": "yaml-syntax", "message": "`: ` inside an unquoted value starts a new key here, so this is not valid YAML. Quote the value, or use a block scalar (`>-`). Claude Code reads past it: when the front matter does not parse, it quotes such values and parses again, reading `description` as the text `🏗️ Builds: things`. Copilot CLI, which reads `.claude/agents` too, parses it as strict YAML and refuses the agent.", "range": {"end": {"character": 24, "line": 2}, "start": {"character": 23, "line": 2}}, "severity": 2, "source": "persona-ls"},
          {"code": "invalid-value", "message": "`purpel` is not a valid `color`: did you mean `purple`? Allowed: `red`, `blue`, `green`, `yellow`, `purple`, `orange`, `pink`, `cyan`.", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 7, "line": 3}}, "severity": 2, "source": "persona-ls"},
          {"code": "invalid-value", "message": "No reader of this file shows the color `purpel`: Claude Code shows only `red`, `blue`, `green`, `yellow`, `purple`, `orange`, `pink`, `cyan` and ignores other names; OpenCode (after agency-agents' convert.sh) shows only `cyan`, `blue`, `green`, `red`, `purple`, `orange`, `teal`, `indigo`, `pink`, `gold`, `amber`, `neon-green`, … and turns any other name into gray (`#6B7280`).", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 7, "line": 3}}, "severity": 2, "source": "persona-ls"},
          {"code": "tools-format", "message": "`tools` is a YAML flow list, which agency-agents (Claude Code, GitHub Copilot) misreads: the first and last tools are dropped, or the agent gets no tools at all. Write a comma-separated string: `tools: Read, Writ`.", "range": {"end": {"character": 19, "line": 5}, "start": {"character": 7, "line": 5}}, "severity": 2, "source": "persona-ls"},
          {"code": "unknown-tool", "message": "Unknown tool `Writ` for agency-agents (Claude Code, GitHub Copilot): did you mean `Write`?", "range": {"end": {"character": 18, "line": 5}, "start": {"character": 14, "line": 5}}, "severity": 2, "source": "persona-ls"},
          {"code": "invalid-name", "message": "The skill name `My Skill` has upper-case letters: Claude Code loads it, as a display name, but the Agent Skills spec rejects it, and VS Code silently skips the skill.", "range": {"end": {"character": 14, "line": 1}, "start": {"character": 6, "line": 1}}, "severity": 2, "source": "persona-ls"},
          {"code": "hidden-unicode", "message": "Hidden character: U+200B zero-width space. Invisible and bidirectional control characters can hide instructions from a reviewer (a prompt-injection vector). Remove it.", "range": {"end": {"character": 1, "line": 5}, "start": {"character": 0, "line": 5}}, "severity": 2, "source": "persona-ls"},
          {"code": "missing-required-key", "message": "`description` is required in a VS Code / GitHub Copilot custom agent: GitHub Copilot's cloud agent requires it (VS Code shows the agent without a description). Add `description:`.", "range": {"end": {"character": 3, "line": 0}, "start": {"character": 0, "line": 0}}, "severity": 2, "source": "persona-ls"},
          {"code": "retired-model", "message": "`claude-3-opus-20240229` is retired and no longer served: requests with it fail. Use `claude-opus-5-5`.", "range": {"end": {"character": 29, "line": 3}, "start": {"character": 7, "line": 3}}, "severity": 2, "source": "persona-ls", "tags": [2]},
          {"code": "empty-body", "message": "The front matter is followed by no instructions: the body is the VS Code / GitHub Copilot custom agent's prompt. Write what it should do below the `---`.", "range": {"end": {"character": 3, "line": 4}, "start": {"character": 0, "line": 4}}, "severity": 2, "source": "persona-ls"}
        ]
    "#]]);
    assert_eq!(client.shutdown_and_exit().await, 0);
}

/// A persona opened as `plaintext` is still checked by its path; front matter outside any
/// persona folder, without persona keys, is not a persona.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dialect_comes_from_the_path_whatever_the_language_id() {
    let dir = project(&[]);
    let snap = Snap::new(dir.path());
    let mut client = start(dir.path()).await;
    let text = "---\nname: a\ndescription: d\ncolor: purpel\n---\nBody\n";
    let agent = uri(dir.path(), ".claude/agents/a.md");
    client.notify("textDocument/didOpen", json!({ "textDocument": { "uri": agent, "languageId": "plaintext", "version": 1, "text": text } })).await;
    snap.check(&client.publish(&agent, 1).await, expect![[r#"
        {
          "diagnostics": [
            {"code": "invalid-value", "message": "`purpel` is not a valid `color`: did you mean `purple`? Allowed: `red`, `blue`, `green`, `yellow`, `purple`, `orange`, `pink`, `cyan`.", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 7, "line": 3}}, "severity": 2, "source": "persona-ls"}
          ],
          "uri": "file://$ROOT/.claude/agents/a.md",
          "version": 1
        }
    "#]]);
    let notes = uri(dir.path(), "notes/a.md");
    client
        .open(&notes, "---\ntitle: Notes\ncolor: purpel\n---\nBody\n")
        .await;
    snap.check(
        &client.publish(&notes, 1).await,
        expect![[r#"
        {"diagnostics": [], "uri": "file://$ROOT/notes/a.md", "version": 1}
    "#]],
    );
    assert_eq!(client.shutdown_and_exit().await, 0);
}

/// The server asks the project model as `check` does: `opencode.jsonc` beside `agents/` makes
/// an agent there OpenCode's (its model wants a provider), in the editor as on the command line.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_opencode_configuration_in_the_workspace_decides_an_agents_folder() {
    let dir = project(&[("opencode.jsonc", "{}")]);
    let snap = Snap::new(dir.path());
    let mut client = start(dir.path()).await;
    let u = uri(dir.path(), "agents/reviewer.md");
    client
        .open(
            &u,
            "---\ndescription: Reviews code\nmodel: sonnet\n---\nBody\n",
        )
        .await;
    snap.check(&client.publish(&u, 1).await, expect![[r#"
        {
          "diagnostics": [
            {"code": "misplaced-file", "message": "OpenCode reads `agents/` only inside a config directory (`.opencode/`, `~/.config/opencode/`, or the folder `$OPENCODE_CONFIG_DIR` names): from here this agent is read only once its folder is installed or pointed at as one.", "range": {"end": {"character": 3, "line": 0}, "start": {"character": 0, "line": 0}}, "severity": 3, "source": "persona-ls"},
            {"code": "invalid-value", "message": "OpenCode model ids are `provider/model-id` (e.g. `anthropic/claude-…`, `openai/gpt-…`); `sonnet` has no provider.", "range": {"end": {"character": 13, "line": 2}, "start": {"character": 7, "line": 2}}, "severity": 1, "source": "persona-ls"}
          ],
          "uri": "file://$ROOT/agents/reviewer.md",
          "version": 1
        }
    "#]]);
    assert_eq!(client.shutdown_and_exit().await, 0);
}

/// Several edits in one notification, then several notifications without waiting: the
/// diagnostics of the last version are published, none of an older version after a newer one;
/// closing clears them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn incremental_changes_are_applied_in_order_and_published_with_their_version() {
    let dir = project(&[]);
    let snap = Snap::new(dir.path());
    let mut client = start(dir.path()).await;
    let u = uri(dir.path(), ".claude/agents/builder.md");
    client.open(&u, BUILDER).await;
    assert_eq!(client.diagnostics(&u, 1).await.len(), 2);
    client
        .change(&u, 2, json!([
            { "range": { "start": { "line": 3, "character": 7 }, "end": { "line": 3, "character": 13 } }, "text": "purple" },
            { "range": { "start": { "line": 2, "character": 13 }, "end": { "line": 2, "character": 13 } }, "text": "'" },
        ]))
        .await;
    client.change(&u, 3, json!([{ "range": { "start": { "line": 2, "character": 32 }, "end": { "line": 2, "character": 32 } }, "text": "'" }])).await;
    client.change(&u, 4, json!([{ "range": { "start": { "line": 4, "character": 7 }, "end": { "line": 4, "character": 13 } }, "text": "opus" }])).await;
    let mut versions = Vec::new();
    let last = loop {
        let p = client
            .notification("textDocument/publishDiagnostics", |p| {
                p["uri"] == u.as_str()
            })
            .await;
        versions.push(p["version"].as_i64().unwrap());
        if p["version"] == 4 {
            break p;
        }
    };
    assert!(
        versions.windows(2).all(|w| w[0] < w[1]),
        "published out of order: {versions:?}"
    );
    // The text is fixed.
    snap.check(
        &last,
        expect![[r#"
        {
          "diagnostics": [],
          "uri": "file://$ROOT/.claude/agents/builder.md",
          "version": 4
        }
    "#]],
    );
    // The document is what the edits made of it: hover sees `opus`.
    snap.check(&hover(&mut client, &u, 4, 8).await, expect![[r#"
        {
          "contents": {
            "kind": "markdown",
            "value": "**`opus`** · model\n\nAlias for the latest Opus: Claude Opus 5.5 on the Anthropic API, Claude Platform on AWS, Bedrock and Google Cloud from Claude Code v2.1.280 (Opus 5 before); Opus 4.6 on Foundry."
          },
          "range": {"end": {"character": 11, "line": 4}, "start": {"character": 7, "line": 4}}
        }
    "#]]);
    close(&mut client, &u).await;
    let cleared = client
        .notification("textDocument/publishDiagnostics", |p| {
            p["uri"] == u.as_str() && p.get("version").is_none_or(Value::is_null)
        })
        .await;
    snap.check(
        &cleared,
        expect![[r#"
        {"diagnostics": [], "uri": "file://$ROOT/.claude/agents/builder.md"}
    "#]],
    );
    assert_eq!(client.shutdown_and_exit().await, 0);
}

/// Opens `fixture` (without its `$0`), completes at `$0`, closes it.
async fn complete(client: &mut TestClient, u: &str, fixture: &str) -> (Value, String) {
    let (pos, text) = cursor(fixture);
    client.open(u, &text).await;
    client.diagnostics(u, 1).await;
    let result = client
        .request(
            "textDocument/completion",
            json!({ "textDocument": { "uri": u }, "position": pos }),
        )
        .await
        .unwrap();
    close(client, u).await;
    (result, text)
}

/// Helix 25.01 sometimes sends the `didChange` for version n+1 before the one for version n
/// (seen in its log while typing `model: ` on a new line). The server puts them back in
/// version order, so its text stays the client's.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changes_sent_out_of_order_are_applied_in_version_order() {
    let dir = project(&[]);
    let snap = Snap::new(dir.path());
    let mut client = start(dir.path()).await;
    let u = uri(dir.path(), ".claude/agents/a.md");
    client
        .open(
            &u,
            "---\nname: a\ndescription: d\ncolor: purple\n---\nBody\n",
        )
        .await;
    assert_eq!(client.diagnostics(&u, 1).await, Vec::<Value>::new());
    let insert = |line: u32, character: u32, text: &str| {
        let at = json!({ "line": line, "character": character });
        json!([{ "range": { "start": at, "end": at }, "text": text }])
    };
    // Version 3 types on the line that version 2 opens; version 2 arrives second.
    client.change(&u, 3, insert(4, 0, "m")).await;
    client.change(&u, 2, insert(3, 13, "\n")).await;
    client.change(&u, 4, insert(4, 1, "odel: opus")).await;
    snap.check(
        &client.publish(&u, 4).await,
        expect![[r#"
        {"diagnostics": [], "uri": "file://$ROOT/.claude/agents/a.md", "version": 4}
    "#]],
    );
    snap.check(&hover(&mut client, &u, 4, 8).await, expect![[r#"
        {
          "contents": {
            "kind": "markdown",
            "value": "**`opus`** · model\n\nAlias for the latest Opus: Claude Opus 5.5 on the Anthropic API, Claude Platform on AWS, Bedrock and Google Cloud from Claude Code v2.1.280 (Opus 5 before); Opus 4.6 on Foundry."
          },
          "range": {"end": {"character": 11, "line": 4}, "start": {"character": 7, "line": 4}}
        }
    "#]]);
    assert_eq!(client.shutdown_and_exit().await, 0);
}

/// A client that never raises its version: every change is applied as it comes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changes_that_keep_the_same_version_are_applied_as_they_come() {
    let dir = project(&[]);
    let snap = Snap::new(dir.path());
    let mut client = start(dir.path()).await;
    let u = uri(dir.path(), ".claude/agents/a.md");
    client
        .open(
            &u,
            "---\nname: a\ndescription: d\ncolor: purpel\n---\nBody\n",
        )
        .await;
    assert_eq!(client.diagnostics(&u, 1).await.len(), 1);
    let replace = |from: u32, to: u32, text: &str| json!([{ "range": { "start": { "line": 3, "character": from }, "end": { "line": 3, "character": to } }, "text": text }]);
    client.change(&u, 1, replace(7, 13, "reed")).await;
    client.change(&u, 1, replace(7, 11, "blue")).await;
    // Published with version 1 each time: wait for the one without the diagnostic.
    let fixed = loop {
        let p = client
            .notification("textDocument/publishDiagnostics", |p| {
                p["uri"] == u.as_str()
            })
            .await;
        if p["diagnostics"] == json!([]) {
            break p;
        }
    };
    snap.check(
        &fixed,
        expect![[r#"
        {"diagnostics": [], "uri": "file://$ROOT/.claude/agents/a.md", "version": 1}
    "#]],
    );
    snap.check(
        &hover(&mut client, &u, 3, 8).await,
        expect![[r#"
        {
          "contents": {
            "kind": "markdown",
            "value": "**`blue`** · color\n\nBlue label in the task list and transcript."
          },
          "range": {"end": {"character": 11, "line": 3}, "start": {"character": 7, "line": 3}}
        }
    "#]],
    );
    assert_eq!(client.shutdown_and_exit().await, 0);
}

/// After `model: `: the aliases first, then full ids, retired ones last and tagged deprecated,
/// each with its docs; a partly typed value is replaced as a whole.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn completion_after_model_offers_aliases_and_full_ids() {
    let dir = project(&[]);
    let snap = Snap::new(dir.path());
    let mut client = start(dir.path()).await;
    let u = uri(dir.path(), ".claude/agents/a.md");
    let (result, _) = complete(
        &mut client,
        &u,
        "---\nname: a\ndescription: d\nmodel: $0\n---\nBody\n",
    )
    .await;
    snap.check(&result, expect![[r#"
        {
          "isIncomplete": false,
          "items": [
            {"documentation": {"kind": "markdown", "value": "Alias for the latest Sonnet: Claude Sonnet 5.5 on the Anthropic API from Claude Code v2.1.284 (Sonnet 5 before); Sonnet 4.6 on Claude Platform on AWS; Sonnet 4.5 on Bedrock, Google Cloud and Foundry."}, "kind": 21, "label": "sonnet", "sortText": "099990000", "textEdit": {"newText": "sonnet", "range": {"end": {"character": 7, "line": 3}, "start": {"character": 7, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "Alias for the latest Opus: Claude Opus 5.5 on the Anthropic API, Claude Platform on AWS, Bedrock and Google Cloud from Claude Code v2.1.280 (Opus 5 before); Opus 4.6 on Foundry."}, "kind": 21, "label": "opus", "sortText": "099990001", "textEdit": {"newText": "opus", "range": {"end": {"character": 7, "line": 3}, "start": {"character": 7, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "Alias for the latest Haiku: Claude Haiku 5.5 (`claude-haiku-5-5`) from Claude Code v2.1.293 (Haiku 4.5 before)."}, "kind": 21, "label": "haiku", "sortText": "099990002", "textEdit": {"newText": "haiku", "range": {"end": {"character": 7, "line": 3}, "start": {"character": 7, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "Alias for Claude Fable 5 (Claude Code v2.1.170+)."}, "kind": 21, "label": "fable", "sortText": "099990003", "textEdit": {"newText": "fable", "range": {"end": {"character": 7, "line": 3}, "start": {"character": 7, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "Use the model of the parent conversation (agents and skills only). This is the default for subagents."}, "kind": 21, "label": "inherit", "sortText": "099990004", "textEdit": {"newText": "inherit", "range": {"end": {"character": 7, "line": 3}, "start": {"character": 7, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "CLI alias: Claude Fable 5 if your organization has access, otherwise the latest Opus. Not one of the aliases documented for agent front matter."}, "kind": 21, "label": "best", "sortText": "099990005", "textEdit": {"newText": "best", "range": {"end": {"character": 7, "line": 3}, "start": {"character": 7, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "CLI alias: Opus while in plan mode, Sonnet otherwise. Not one of the aliases documented for agent front matter."}, "kind": 21, "label": "opusplan", "sortText": "099990006", "textEdit": {"newText": "opusplan", "range": {"end": {"character": 7, "line": 3}, "start": {"character": 7, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "CLI alias for the latest Sonnet with the 1M-token context window."}, "kind": 21, "label": "sonnet[1m]", "sortText": "099990007", "textEdit": {"newText": "sonnet[1m]", "range": {"end": {"character": 7, "line": 3}, "start": {"character": 7, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "CLI alias for the latest Opus with the 1M-token context window."}, "kind": 21, "label": "opus[1m]", "sortText": "099990008", "textEdit": {"newText": "opus[1m]", "range": {"end": {"character": 7, "line": 3}, "start": {"character": 7, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "Claude Fable 5.1 — active model."}, "kind": 21, "label": "claude-fable-5-1", "sortText": "099990009", "textEdit": {"newText": "claude-fable-5-1", "range": {"end": {"character": 7, "line": 3}, "start": {"character": 7, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "Claude Opus 5.5 — active model (what `opus` points to from Claude Code v2.1.280)."}, "kind": 21, "label": "claude-opus-5-5", "sortText": "099990010", "textEdit": {"newText": "claude-opus-5-5", "range": {"end": {"character": 7, "line": 3}, "start": {"character": 7, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "Claude Sonnet 5.5 — active model from September 28, 2026 (what `sonnet` points to from Claude Code v2.1.284)."}, "kind": 21, "label": "claude-sonnet-5-5", "sortText": "099990011", "textEdit": {"newText": "claude-sonnet-5-5", "range": {"end": {"character": 7, "line": 3}, "start": {"character": 7, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "Claude Haiku 5.5 — active model, released October 7, 2026; retired not sooner than October 7, 2027."}, "kind": 21, "label": "claude-haiku-5-5", "sortText": "099990012", "textEdit": {"newText": "claude-haiku-5-5", "range": {"end": {"character": 7, "line": 3}, "start": {"character": 7, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "Claude Mythos 5.1 — active model (retired not sooner than September 1, 2027); needs access."}, "kind": 21, "label": "claude-mythos-5-1", "sortText": "099990013", "textEdit": {"newText": "claude-mythos-5-1", "range": {"end": {"character": 7, "line": 3}, "start": {"character": 7, "line": 3}}}},
            {"detail": "legacy — use claude-fable-5-1", "documentation": {"kind": "markdown", "value": "Claude Fable 5 — active (legacy) model (available from June 9, 2026).\n\n*Legacy*: use `claude-fable-5-1`."}, "kind": 21, "label": "claude-fable-5", "sortText": "199990014", "textEdit": {"newText": "claude-fable-5", "range": {"end": {"character": 7, "line": 3}, "start": {"character": 7, "line": 3}}}},
            {"detail": "legacy — use claude-opus-5-5", "documentation": {"kind": "markdown", "value": "Claude Opus 5 — active (legacy) model, from July 24, 2026.\n\n*Legacy*: use `claude-opus-5-5`."}, "kind": 21, "label": "claude-opus-5", "sortText": "199990015", "textEdit": {"newText": "claude-opus-5", "range": {"end": {"character": 7, "line": 3}, "start": {"character": 7, "line": 3}}}},
            {"detail": "legacy — use claude-sonnet-5-5", "documentation": {"kind": "markdown", "value": "Claude Sonnet 5 — active (legacy) model.\n\n*Legacy*: use `claude-sonnet-5-5`."}, "kind": 21, "label": "claude-sonnet-5", "sortText": "199990016", "textEdit": {"newText": "claude-sonnet-5", "range": {"end": {"character": 7, "line": 3}, "start": {"character": 7, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "Claude Haiku 4.5 — active model (pinned snapshot id)."}, "kind": 21, "label": "claude-haiku-4-5-20251001", "sortText": "099990017", "textEdit": {"newText": "claude-haiku-4-5-20251001", "range": {"end": {"character": 7, "line": 3}, "start": {"character": 7, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "Claude Haiku 4.5 — active model (API alias of `claude-haiku-4-5-20251001`)."}, "kind": 21, "label": "claude-haiku-4-5", "sortText": "099990018", "textEdit": {"newText": "claude-haiku-4-5", "range": {"end": {"character": 7, "line": 3}, "start": {"character": 7, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "Claude Mythos 5 — invitation-only model (Project Glasswing); fails without access."}, "kind": 21, "label": "claude-mythos-5", "sortText": "099990019", "textEdit": {"newText": "claude-mythos-5", "range": {"end": {"character": 7, "line": 3}, "start": {"character": 7, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "Claude Mythos preview — invitation-only model (Project Glasswing); fails without access."}, "kind": 21, "label": "claude-mythos-preview", "sortText": "099990020", "textEdit": {"newText": "claude-mythos-preview", "range": {"end": {"character": 7, "line": 3}, "start": {"character": 7, "line": 3}}}},
            {"detail": "legacy — use claude-opus-5-5", "documentation": {"kind": "markdown", "value": "Claude Opus 4.8 — active (legacy) model.\n\n*Legacy*: use `claude-opus-5-5`."}, "kind": 21, "label": "claude-opus-4-8", "sortText": "199990021", "textEdit": {"newText": "claude-opus-4-8", "range": {"end": {"character": 7, "line": 3}, "start": {"character": 7, "line": 3}}}},
            {"detail": "legacy — use claude-opus-5-5", "documentation": {"kind": "markdown", "value": "Claude Opus 4.7 — active (legacy) model.\n\n*Legacy*: use `claude-opus-5-5`."}, "kind": 21, "label": "claude-opus-4-7", "sortText": "199990022", "textEdit": {"newText": "claude-opus-4-7", "range": {"end": {"character": 7, "line": 3}, "start": {"character": 7, "line": 3}}}},
            {"detail": "legacy — use claude-opus-5-5", "documentation": {"kind": "markdown", "value": "Claude Opus 4.6 — active (legacy) model.\n\n*Legacy*: use `claude-opus-5-5`."}, "kind": 21, "label": "claude-opus-4-6", "sortText": "199990023", "textEdit": {"newText": "claude-opus-4-6", "range": {"end": {"character": 7, "line": 3}, "start": {"character": 7, "line": 3}}}},
            {"detail": "legacy — use claude-sonnet-5-5", "documentation": {"kind": "markdown", "value": "Claude Sonnet 4.6 — active (legacy) model.\n\n*Legacy*: use `claude-sonnet-5-5`."}, "kind": 21, "label": "claude-sonnet-4-6", "sortText": "199990024", "textEdit": {"newText": "claude-sonnet-4-6", "range": {"end": {"character": 7, "line": 3}, "start": {"character": 7, "line": 3}}}},
            {"detail": "legacy — use claude-opus-5-5", "documentation": {"kind": "markdown", "value": "Claude Opus 4.5 — active (legacy) model (pinned snapshot id).\n\n*Legacy*: use `claude-opus-5-5`."}, "kind": 21, "label": "claude-opus-4-5-20251101", "sortText": "199990025", "textEdit": {"newText": "claude-opus-4-5-20251101", "range": {"end": {"character": 7, "line": 3}, "start": {"character": 7, "line": 3}}}},
            {"detail": "legacy — use claude-opus-5-5", "documentation": {"kind": "markdown", "value": "Claude Opus 4.5 — active (legacy) model (API alias of `claude-opus-4-5-20251101`).\n\n*Legacy*: use `claude-opus-5-5`."}, "kind": 21, "label": "claude-opus-4-5", "sortText": "199990026", "textEdit": {"newText": "claude-opus-4-5", "range": {"end": {"character": 7, "line": 3}, "start": {"character": 7, "line": 3}}}},
            {"detail": "retired — use claude-sonnet-5-5", "documentation": {"kind": "markdown", "value": "Claude Sonnet 4.5 (pinned snapshot id) — retired November 30, 2026; requests fail.\n\n*Retired*: use `claude-sonnet-5-5`."}, "kind": 21, "label": "claude-sonnet-4-5-20250929", "sortText": "399990027", "tags": [1], "textEdit": {"newText": "claude-sonnet-4-5-20250929", "range": {"end": {"character": 7, "line": 3}, "start": {"character": 7, "line": 3}}}},
            {"detail": "retired — use claude-sonnet-5-5", "documentation": {"kind": "markdown", "value": "Claude Sonnet 4.5 (alias of `claude-sonnet-4-5-20250929`) — retired November 30, 2026.\n\n*Retired*: use `claude-sonnet-5-5`."}, "kind": 21, "label": "claude-sonnet-4-5", "sortText": "399990028", "tags": [1], "textEdit": {"newText": "claude-sonnet-4-5", "range": {"end": {"character": 7, "line": 3}, "start": {"character": 7, "line": 3}}}},
            {"detail": "retired — use claude-opus-5-5", "documentation": {"kind": "markdown", "value": "Claude Opus 4.1 — retired August 5, 2026; requests fail.\n\n*Retired*: use `claude-opus-5-5`."}, "kind": 21, "label": "claude-opus-4-1-20250805", "sortText": "399990029", "tags": [1], "textEdit": {"newText": "claude-opus-4-1-20250805", "range": {"end": {"character": 7, "line": 3}, "start": {"character": 7, "line": 3}}}},
            {"detail": "retired — use claude-opus-5-5", "documentation": {"kind": "markdown", "value": "Claude Opus 4.1 (alias of `claude-opus-4-1-20250805`) — retired August 5, 2026.\n\n*Retired*: use `claude-opus-5-5`."}, "kind": 21, "label": "claude-opus-4-1", "sortText": "399990030", "tags": [1], "textEdit": {"newText": "claude-opus-4-1", "range": {"end": {"character": 7, "line": 3}, "start": {"character": 7, "line": 3}}}},
            {"detail": "retired — use claude-opus-5-5", "documentation": {"kind": "markdown", "value": "Claude Opus 4 — retired June 15, 2026; requests fail.\n\n*Retired*: use `claude-opus-5-5`."}, "kind": 21, "label": "claude-opus-4-20250514", "sortText": "399990031", "tags": [1], "textEdit": {"newText": "claude-opus-4-20250514", "range": {"end": {"character": 7, "line": 3}, "start": {"character": 7, "line": 3}}}},
            {"detail": "retired — use claude-opus-5-5", "documentation": {"kind": "markdown", "value": "Claude Opus 4 (a short form of `claude-opus-4-20250514`, never a documented alias) — the model was retired June 15, 2026, so requests with any Opus 4 id fail.\n\n*Retired*: use `claude-opus-5-5`."}, "kind": 21, "label": "claude-opus-4", "sortText": "399990032", "tags": [1], "textEdit": {"newText": "claude-opus-4", "range": {"end": {"character": 7, "line": 3}, "start": {"character": 7, "line": 3}}}},
            {"detail": "retired — use claude-opus-5-5", "documentation": {"kind": "markdown", "value": "Claude Opus 4 (alias of `claude-opus-4-20250514`) — retired June 15, 2026.\n\n*Retired*: use `claude-opus-5-5`."}, "kind": 21, "label": "claude-opus-4-0", "sortText": "399990033", "tags": [1], "textEdit": {"newText": "claude-opus-4-0", "range": {"end": {"character": 7, "line": 3}, "start": {"character": 7, "line": 3}}}},
            {"detail": "retired — use claude-sonnet-5-5", "documentation": {"kind": "markdown", "value": "Claude Sonnet 4 — retired June 15, 2026; requests fail.\n\n*Retired*: use `claude-sonnet-5-5`."}, "kind": 21, "label": "claude-sonnet-4-20250514", "sortText": "399990034", "tags": [1], "textEdit": {"newText": "claude-sonnet-4-20250514", "range": {"end": {"character": 7, "line": 3}, "start": {"character": 7, "line": 3}}}},
            {"detail": "retired — use claude-sonnet-5-5", "documentation": {"kind": "markdown", "value": "Claude Sonnet 4 (a short form of `claude-sonnet-4-20250514`, never a documented alias) — the model was retired June 15, 2026, so requests with any Sonnet 4 id fail.\n\n*Retired*: use `claude-sonnet-5-5`."}, "kind": 21, "label": "claude-sonnet-4", "sortText": "399990035", "tags": [1], "textEdit": {"newText": "claude-sonnet-4", "range": {"end": {"character": 7, "line": 3}, "start": {"character": 7, "line": 3}}}},
            {"detail": "retired — use claude-sonnet-5-5", "documentation": {"kind": "markdown", "value": "Claude Sonnet 4 (alias of `claude-sonnet-4-20250514`) — retired June 15, 2026.\n\n*Retired*: use `claude-sonnet-5-5`."}, "kind": 21, "label": "claude-sonnet-4-0", "sortText": "399990036", "tags": [1], "textEdit": {"newText": "claude-sonnet-4-0", "range": {"end": {"character": 7, "line": 3}, "start": {"character": 7, "line": 3}}}},
            {"detail": "retired — use claude-sonnet-5-5", "documentation": {"kind": "markdown", "value": "Claude Sonnet 3.7 — retired February 19, 2026; requests fail.\n\n*Retired*: use `claude-sonnet-5-5`."}, "kind": 21, "label": "claude-3-7-sonnet-20250219", "sortText": "399990037", "tags": [1], "textEdit": {"newText": "claude-3-7-sonnet-20250219", "range": {"end": {"character": 7, "line": 3}, "start": {"character": 7, "line": 3}}}},
            {"detail": "retired — use claude-sonnet-5-5", "documentation": {"kind": "markdown", "value": "Claude Sonnet 3.7 (alias) — retired February 19, 2026.\n\n*Retired*: use `claude-sonnet-5-5`."}, "kind": 21, "label": "claude-3-7-sonnet-latest", "sortText": "399990038", "tags": [1], "textEdit": {"newText": "claude-3-7-sonnet-latest", "range": {"end": {"character": 7, "line": 3}, "start": {"character": 7, "line": 3}}}},
            {"detail": "retired — use claude-haiku-5-5", "documentation": {"kind": "markdown", "value": "Claude Haiku 3.5 — retired February 19, 2026; requests fail.\n\n*Retired*: use `claude-haiku-5-5`."}, "kind": 21, "label": "claude-3-5-haiku-20241022", "sortText": "399990039", "tags": [1], "textEdit": {"newText": "claude-3-5-haiku-20241022", "range": {"end": {"character": 7, "line": 3}, "start": {"character": 7, "line": 3}}}},
            {"detail": "retired — use claude-haiku-5-5", "documentation": {"kind": "markdown", "value": "Claude Haiku 3.5 (alias) — retired February 19, 2026.\n\n*Retired*: use `claude-haiku-5-5`."}, "kind": 21, "label": "claude-3-5-haiku-latest", "sortText": "399990040", "tags": [1], "textEdit": {"newText": "claude-3-5-haiku-latest", "range": {"end": {"character": 7, "line": 3}, "start": {"character": 7, "line": 3}}}},
            {"detail": "retired — use claude-haiku-5-5", "documentation": {"kind": "markdown", "value": "Claude Haiku 3 — retired April 20, 2026; requests fail.\n\n*Retired*: use `claude-haiku-5-5`."}, "kind": 21, "label": "claude-3-haiku-20240307", "sortText": "399990041", "tags": [1], "textEdit": {"newText": "claude-3-haiku-20240307", "range": {"end": {"character": 7, "line": 3}, "start": {"character": 7, "line": 3}}}},
            {"detail": "retired — use claude-sonnet-5-5", "documentation": {"kind": "markdown", "value": "Claude Sonnet 3.5 (October 2024) — retired; requests fail.\n\n*Retired*: use `claude-sonnet-5-5`."}, "kind": 21, "label": "claude-3-5-sonnet-20241022", "sortText": "399990042", "tags": [1], "textEdit": {"newText": "claude-3-5-sonnet-20241022", "range": {"end": {"character": 7, "line": 3}, "start": {"character": 7, "line": 3}}}},
            {"detail": "retired — use claude-sonnet-5-5", "documentation": {"kind": "markdown", "value": "Claude Sonnet 3.5 (June 2024) — retired; requests fail.\n\n*Retired*: use `claude-sonnet-5-5`."}, "kind": 21, "label": "claude-3-5-sonnet-20240620", "sortText": "399990043", "tags": [1], "textEdit": {"newText": "claude-3-5-sonnet-20240620", "range": {"end": {"character": 7, "line": 3}, "start": {"character": 7, "line": 3}}}},
            {"detail": "retired — use claude-sonnet-5-5", "documentation": {"kind": "markdown", "value": "Claude Sonnet 3.5 (alias) — retired; requests fail.\n\n*Retired*: use `claude-sonnet-5-5`."}, "kind": 21, "label": "claude-3-5-sonnet-latest", "sortText": "399990044", "tags": [1], "textEdit": {"newText": "claude-3-5-sonnet-latest", "range": {"end": {"character": 7, "line": 3}, "start": {"character": 7, "line": 3}}}},
            {"detail": "retired — use claude-opus-5-5", "documentation": {"kind": "markdown", "value": "Claude Opus 3 — retired; requests fail.\n\n*Retired*: use `claude-opus-5-5`."}, "kind": 21, "label": "claude-3-opus-20240229", "sortText": "399990045", "tags": [1], "textEdit": {"newText": "claude-3-opus-20240229", "range": {"end": {"character": 7, "line": 3}, "start": {"character": 7, "line": 3}}}},
            {"detail": "retired — use claude-opus-5-5", "documentation": {"kind": "markdown", "value": "Claude Opus 3 (alias) — retired; requests fail.\n\n*Retired*: use `claude-opus-5-5`."}, "kind": 21, "label": "claude-3-opus-latest", "sortText": "399990046", "tags": [1], "textEdit": {"newText": "claude-3-opus-latest", "range": {"end": {"character": 7, "line": 3}, "start": {"character": 7, "line": 3}}}},
            {"detail": "retired — use claude-sonnet-5-5", "documentation": {"kind": "markdown", "value": "Claude Sonnet 3 — retired; requests fail.\n\n*Retired*: use `claude-sonnet-5-5`."}, "kind": 21, "label": "claude-3-sonnet-20240229", "sortText": "399990047", "tags": [1], "textEdit": {"newText": "claude-3-sonnet-20240229", "range": {"end": {"character": 7, "line": 3}, "start": {"character": 7, "line": 3}}}},
            {"detail": "retired — use claude-sonnet-5-5", "documentation": {"kind": "markdown", "value": "Claude 2.1 — retired; requests fail.\n\n*Retired*: use `claude-sonnet-5-5`."}, "kind": 21, "label": "claude-2.1", "sortText": "399990048", "tags": [1], "textEdit": {"newText": "claude-2.1", "range": {"end": {"character": 7, "line": 3}, "start": {"character": 7, "line": 3}}}},
            {"detail": "retired — use claude-sonnet-5-5", "documentation": {"kind": "markdown", "value": "Claude 2.0 — retired; requests fail.\n\n*Retired*: use `claude-sonnet-5-5`."}, "kind": 21, "label": "claude-2.0", "sortText": "399990049", "tags": [1], "textEdit": {"newText": "claude-2.0", "range": {"end": {"character": 7, "line": 3}, "start": {"character": 7, "line": 3}}}},
            {"detail": "retired — use claude-haiku-5-5", "documentation": {"kind": "markdown", "value": "Claude Instant 1.2 — retired; requests fail.\n\n*Retired*: use `claude-haiku-5-5`."}, "kind": 21, "label": "claude-instant-1.2", "sortText": "399990050", "tags": [1], "textEdit": {"newText": "claude-instant-1.2", "range": {"end": {"character": 7, "line": 3}, "start": {"character": 7, "line": 3}}}}
          ]
        }
    "#]]);
    let (partly, _) = complete(
        &mut client,
        &u,
        "---\nname: a\ndescription: d\nmodel: op$0\n---\nBody\n",
    )
    .await;
    snap.check(&item(&partly, "opus"), expect![[r#"
        {
          "documentation": {
            "kind": "markdown",
            "value": "Alias for the latest Opus: Claude Opus 5.5 on the Anthropic API, Claude Platform on AWS, Bedrock and Google Cloud from Claude Code v2.1.280 (Opus 5 before); Opus 4.6 on Foundry."
          },
          "kind": 21,
          "label": "opus",
          "sortText": "099990001",
          "textEdit": {
            "newText": "opus",
            "range": {"end": {"character": 9, "line": 3}, "start": {"character": 7, "line": 3}}
          }
        }
    "#]]);
    // The same items, each replacing `op`.
    let mut same = result.clone();
    for i in same["items"].as_array_mut().unwrap() {
        i["textEdit"]["range"]["end"]["character"] = json!(9);
    }
    assert_eq!(partly, same);
    assert_eq!(client.shutdown_and_exit().await, 0);
}

/// A client that resolves documentation lazily gets items without it, and each resolves to
/// the docs of its key or value; data the server did not write comes back as is.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn documentation_is_resolved_lazily_when_the_client_says_so() {
    let dir = project(&[]);
    let snap = Snap::new(dir.path());
    let mut caps = capabilities(&["utf-16"]);
    caps["textDocument"]["completion"]["completionItem"]["resolveSupport"] =
        json!({ "properties": ["documentation", "detail"] });
    let (mut client, result) = TestClient::start(caps, Some(dir.path()), None).await;
    snap.check(
        &result["capabilities"]["completionProvider"],
        expect![[r#"
            {"resolveProvider": true, "triggerCharacters": [":", " ", ",", "[", "-"]}
        "#]],
    );
    let u = uri(dir.path(), ".claude/agents/a.md");
    let (result, _) = complete(
        &mut client,
        &u,
        "---\nname: a\ndescription: d\ntools: Read, $0\n---\nBody\n",
    )
    .await;
    snap.check(&result, expect![[r#"
        {
          "isIncomplete": false,
          "items": [
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools", "Agent"], "kind": 3, "label": "Agent", "sortText": "099990000", "textEdit": {"newText": "Agent", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools", "Artifact"], "kind": 3, "label": "Artifact", "sortText": "099990001", "textEdit": {"newText": "Artifact", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools", "AskUserQuestion"], "kind": 3, "label": "AskUserQuestion", "sortText": "099990002", "textEdit": {"newText": "AskUserQuestion", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools", "Bash"], "kind": 3, "label": "Bash", "sortText": "099990003", "textEdit": {"newText": "Bash", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools", "CronCreate"], "kind": 3, "label": "CronCreate", "sortText": "099990004", "textEdit": {"newText": "CronCreate", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools", "CronDelete"], "kind": 3, "label": "CronDelete", "sortText": "099990005", "textEdit": {"newText": "CronDelete", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools", "CronList"], "kind": 3, "label": "CronList", "sortText": "099990006", "textEdit": {"newText": "CronList", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools", "Edit"], "kind": 3, "label": "Edit", "sortText": "099990007", "textEdit": {"newText": "Edit", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools", "EndConversation"], "kind": 3, "label": "EndConversation", "sortText": "099990008", "textEdit": {"newText": "EndConversation", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools", "EnterPlanMode"], "kind": 3, "label": "EnterPlanMode", "sortText": "099990009", "textEdit": {"newText": "EnterPlanMode", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools", "EnterWorktree"], "kind": 3, "label": "EnterWorktree", "sortText": "099990010", "textEdit": {"newText": "EnterWorktree", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools", "ExitPlanMode"], "kind": 3, "label": "ExitPlanMode", "sortText": "099990011", "textEdit": {"newText": "ExitPlanMode", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools", "ExitWorktree"], "kind": 3, "label": "ExitWorktree", "sortText": "099990012", "textEdit": {"newText": "ExitWorktree", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools", "Glob"], "kind": 3, "label": "Glob", "sortText": "099990013", "textEdit": {"newText": "Glob", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools", "Grep"], "kind": 3, "label": "Grep", "sortText": "099990014", "textEdit": {"newText": "Grep", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools", "ListAgents"], "kind": 3, "label": "ListAgents", "sortText": "099990015", "textEdit": {"newText": "ListAgents", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools", "ListMcpResourcesTool"], "kind": 3, "label": "ListMcpResourcesTool", "sortText": "099990016", "textEdit": {"newText": "ListMcpResourcesTool", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools", "LSP"], "kind": 3, "label": "LSP", "sortText": "099990017", "textEdit": {"newText": "LSP", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools", "Monitor"], "kind": 3, "label": "Monitor", "sortText": "099990018", "textEdit": {"newText": "Monitor", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools", "NotebookEdit"], "kind": 3, "label": "NotebookEdit", "sortText": "099990019", "textEdit": {"newText": "NotebookEdit", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools", "PowerShell"], "kind": 3, "label": "PowerShell", "sortText": "099990020", "textEdit": {"newText": "PowerShell", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools", "PushNotification"], "kind": 3, "label": "PushNotification", "sortText": "099990021", "textEdit": {"newText": "PushNotification", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools", "ReadMcpResourceTool"], "kind": 3, "label": "ReadMcpResourceTool", "sortText": "099990023", "textEdit": {"newText": "ReadMcpResourceTool", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools", "RemoteTrigger"], "kind": 3, "label": "RemoteTrigger", "sortText": "099990024", "textEdit": {"newText": "RemoteTrigger", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools", "ReportFindings"], "kind": 3, "label": "ReportFindings", "sortText": "099990025", "textEdit": {"newText": "ReportFindings", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools", "ScheduleWakeup"], "kind": 3, "label": "ScheduleWakeup", "sortText": "099990026", "textEdit": {"newText": "ScheduleWakeup", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools", "SendFeedback"], "kind": 3, "label": "SendFeedback", "sortText": "099990027", "textEdit": {"newText": "SendFeedback", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools", "SendMessage"], "kind": 3, "label": "SendMessage", "sortText": "099990028", "textEdit": {"newText": "SendMessage", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools", "SendUserFile"], "kind": 3, "label": "SendUserFile", "sortText": "099990029", "textEdit": {"newText": "SendUserFile", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools", "ShareOnboardingGuide"], "kind": 3, "label": "ShareOnboardingGuide", "sortText": "099990030", "textEdit": {"newText": "ShareOnboardingGuide", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools", "Skill"], "kind": 3, "label": "Skill", "sortText": "099990031", "textEdit": {"newText": "Skill", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools", "SubagentHandback"], "kind": 3, "label": "SubagentHandback", "sortText": "099990032", "textEdit": {"newText": "SubagentHandback", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools", "TaskCreate"], "kind": 3, "label": "TaskCreate", "sortText": "099990033", "textEdit": {"newText": "TaskCreate", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools", "TaskGet"], "kind": 3, "label": "TaskGet", "sortText": "099990034", "textEdit": {"newText": "TaskGet", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools", "TaskList"], "kind": 3, "label": "TaskList", "sortText": "099990035", "textEdit": {"newText": "TaskList", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools", "TaskOutput"], "detail": "deprecated — use Read", "kind": 3, "label": "TaskOutput", "sortText": "299990036", "tags": [1], "textEdit": {"newText": "TaskOutput", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools", "TaskStop"], "kind": 3, "label": "TaskStop", "sortText": "099990037", "textEdit": {"newText": "TaskStop", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools", "TaskUpdate"], "kind": 3, "label": "TaskUpdate", "sortText": "099990038", "textEdit": {"newText": "TaskUpdate", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools", "TodoWrite"], "kind": 3, "label": "TodoWrite", "sortText": "099990039", "textEdit": {"newText": "TodoWrite", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools", "ToolSearch"], "kind": 3, "label": "ToolSearch", "sortText": "099990040", "textEdit": {"newText": "ToolSearch", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools", "WaitForMcpServers"], "kind": 3, "label": "WaitForMcpServers", "sortText": "099990041", "textEdit": {"newText": "WaitForMcpServers", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools", "WebFetch"], "kind": 3, "label": "WebFetch", "sortText": "099990042", "textEdit": {"newText": "WebFetch", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools", "WebSearch"], "kind": 3, "label": "WebSearch", "sortText": "099990043", "textEdit": {"newText": "WebSearch", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools", "Workflow"], "kind": 3, "label": "Workflow", "sortText": "099990044", "textEdit": {"newText": "Workflow", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools", "Write"], "kind": 3, "label": "Write", "sortText": "099990045", "textEdit": {"newText": "Write", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools", "Task"], "detail": "legacy — use Agent", "kind": 3, "label": "Task", "sortText": "199990046", "textEdit": {"newText": "Task", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools", "MultiEdit"], "detail": "legacy — use Edit", "kind": 3, "label": "MultiEdit", "sortText": "199990047", "textEdit": {"newText": "MultiEdit", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools", "LS"], "detail": "legacy — use Glob", "kind": 3, "label": "LS", "sortText": "199990048", "textEdit": {"newText": "LS", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools", "KillShell"], "detail": "legacy — use TaskStop", "kind": 3, "label": "KillShell", "sortText": "199990049", "textEdit": {"newText": "KillShell", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools", "KillBash"], "detail": "legacy — use TaskStop", "kind": 3, "label": "KillBash", "sortText": "199990050", "textEdit": {"newText": "KillBash", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools", "BashOutput"], "detail": "legacy — use TaskOutput", "kind": 3, "label": "BashOutput", "sortText": "199990051", "textEdit": {"newText": "BashOutput", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools", "AgentOutputTool"], "detail": "legacy — use TaskOutput", "kind": 3, "label": "AgentOutputTool", "sortText": "199990052", "textEdit": {"newText": "AgentOutputTool", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools", "NotebookRead"], "detail": "legacy — use Read", "kind": 3, "label": "NotebookRead", "sortText": "199990053", "textEdit": {"newText": "NotebookRead", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools", "SlashCommand"], "detail": "legacy — use Skill", "kind": 3, "label": "SlashCommand", "sortText": "199990054", "textEdit": {"newText": "SlashCommand", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools", "Cd"], "detail": "legacy", "kind": 3, "label": "Cd", "sortText": "199990055", "textEdit": {"newText": "Cd", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools", "MCPSearch"], "detail": "legacy — use ToolSearch", "kind": 3, "label": "MCPSearch", "sortText": "199990056", "textEdit": {"newText": "MCPSearch", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}}
          ]
        }
    "#]]);
    let grep = item(&result, "Grep");
    // The document was closed by `complete`: open it again for the resolve.
    client
        .open(
            &u,
            "---\nname: a\ndescription: d\ntools: Read, \n---\nBody\n",
        )
        .await;
    let resolved = client
        .request("completionItem/resolve", grep.clone())
        .await
        .unwrap();
    snap.check(
        &resolved,
        expect![[r#"
        {
          "data": ["file://$ROOT/.claude/agents/a.md", "tools", "Grep"],
          "documentation": {"kind": "markdown", "value": "Searches file contents for a pattern."},
          "kind": 3,
          "label": "Grep",
          "sortText": "099990014",
          "textEdit": {
            "newText": "Grep",
            "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}
          }
        }
    "#]],
    );
    // An item for a key resolves to the key's hover text.
    close(&mut client, &u).await;
    let (result, _) = complete(
        &mut client,
        &u,
        "---\nname: a\ndescription: d\n$0\n---\nBody\n",
    )
    .await;
    snap.check(&result, expect![[r#"
        {
          "isIncomplete": false,
          "items": [
            {"data": ["file://$ROOT/.claude/agents/a.md", "tools"], "detail": "tool list", "kind": 10, "label": "tools", "sortText": "10002", "textEdit": {"newText": "tools: ", "range": {"end": {"character": 0, "line": 3}, "start": {"character": 0, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "disallowedTools"], "detail": "tool list", "kind": 10, "label": "disallowedTools", "sortText": "10003", "textEdit": {"newText": "disallowedTools: ", "range": {"end": {"character": 0, "line": 3}, "start": {"character": 0, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "model"], "detail": "model", "kind": 10, "label": "model", "sortText": "10004", "textEdit": {"newText": "model: ", "range": {"end": {"character": 0, "line": 3}, "start": {"character": 0, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "permissionMode"], "detail": "one of a set of values", "kind": 10, "label": "permissionMode", "sortText": "10005", "textEdit": {"newText": "permissionMode: ", "range": {"end": {"character": 0, "line": 3}, "start": {"character": 0, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "maxTurns"], "detail": "integer", "kind": 10, "label": "maxTurns", "sortText": "10006", "textEdit": {"newText": "maxTurns: ", "range": {"end": {"character": 0, "line": 3}, "start": {"character": 0, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "skills"], "detail": "list", "insertTextFormat": 2, "kind": 10, "label": "skills", "sortText": "10007", "textEdit": {"newText": "skills:\n  - $0", "range": {"end": {"character": 0, "line": 3}, "start": {"character": 0, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "mcpServers"], "detail": "any", "kind": 10, "label": "mcpServers", "sortText": "10008", "textEdit": {"newText": "mcpServers: ", "range": {"end": {"character": 0, "line": 3}, "start": {"character": 0, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "hooks"], "detail": "mapping", "insertTextFormat": 2, "kind": 10, "label": "hooks", "sortText": "10009", "textEdit": {"newText": "hooks:\n  $0", "range": {"end": {"character": 0, "line": 3}, "start": {"character": 0, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "memory"], "detail": "one of a set of values", "kind": 10, "label": "memory", "sortText": "10010", "textEdit": {"newText": "memory: ", "range": {"end": {"character": 0, "line": 3}, "start": {"character": 0, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "background"], "detail": "boolean", "kind": 10, "label": "background", "sortText": "10011", "textEdit": {"newText": "background: ", "range": {"end": {"character": 0, "line": 3}, "start": {"character": 0, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "effort"], "detail": "one of a set of values", "kind": 10, "label": "effort", "sortText": "10012", "textEdit": {"newText": "effort: ", "range": {"end": {"character": 0, "line": 3}, "start": {"character": 0, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "isolation"], "detail": "one of a set of values", "kind": 10, "label": "isolation", "sortText": "10013", "textEdit": {"newText": "isolation: ", "range": {"end": {"character": 0, "line": 3}, "start": {"character": 0, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "color"], "detail": "color", "kind": 10, "label": "color", "sortText": "10014", "textEdit": {"newText": "color: ", "range": {"end": {"character": 0, "line": 3}, "start": {"character": 0, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "omitClaudeMd"], "detail": "boolean", "kind": 10, "label": "omitClaudeMd", "sortText": "10015", "textEdit": {"newText": "omitClaudeMd: ", "range": {"end": {"character": 0, "line": 3}, "start": {"character": 0, "line": 3}}}},
            {"data": ["file://$ROOT/.claude/agents/a.md", "initialPrompt"], "detail": "text", "kind": 10, "label": "initialPrompt", "sortText": "10016", "textEdit": {"newText": "initialPrompt: ", "range": {"end": {"character": 0, "line": 3}, "start": {"character": 0, "line": 3}}}}
          ]
        }
    "#]]);
    let model = item(&result, "model");
    client
        .open(&u, "---\nname: a\ndescription: d\n\n---\nBody\n")
        .await;
    let resolved = client
        .request("completionItem/resolve", model.clone())
        .await
        .unwrap();
    snap.check(&resolved, expect![[r#"
        {
          "data": ["file://$ROOT/.claude/agents/a.md", "model"],
          "detail": "model",
          "documentation": {
            "kind": "markdown",
            "value": "**`model`** · model\n\nModel for this subagent: `sonnet`, `opus`, `haiku`, `fable`, a full model id such as `claude-opus-5` (same values as `--model`), or `inherit` (default). Full ids are honored since Claude Code v2.1.74.\n\nKnown values: `sonnet`, `opus`, `haiku`, `fable`, `inherit`, `best`, `opusplan`, `sonnet[1m]`, `opus[1m]`, `claude-fable-5-1`, `claude-opus-5-5`, `claude-sonnet-5-5` and 15 more.\n\nDefault: `inherit`.\n\nDialect: Claude Code subagent (Claude Code). [Source](https://code.claude.com/docs/en/sub-agents)"
          },
          "kind": 10,
          "label": "model",
          "sortText": "10004",
          "textEdit": {
            "newText": "model: ",
            "range": {"end": {"character": 0, "line": 3}, "start": {"character": 0, "line": 3}}
          }
        }
    "#]]);
    for data in [
        json!({"uri": u, "key": "model"}),
        json!([u]),
        json!([1, 2]),
        json!([u, "model", "x", "y"]),
    ] {
        let item = json!({ "label": "model", "data": data });
        let resolved = client
            .request("completionItem/resolve", item.clone())
            .await
            .unwrap();
        assert_eq!(resolved, item);
    }
    assert_eq!(client.shutdown_and_exit().await, 0);
}

/// The tools already listed are not offered again, after a comma and in a block list; the
/// typed part of a name is replaced.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn completion_of_tools_is_comma_aware() {
    let dir = project(&[]);
    let snap = Snap::new(dir.path());
    let mut client = start(dir.path()).await;
    let u = uri(dir.path(), ".claude/agents/a.md");
    let (result, _) = complete(
        &mut client,
        &u,
        "---\nname: a\ndescription: d\ntools: Read, $0\n---\nBody\n",
    )
    .await;
    snap.check(&result, expect![[r#"
        {
          "isIncomplete": false,
          "items": [
            {"documentation": {"kind": "markdown", "value": "Spawns a subagent with its own context window. In a main-thread agent, `Agent(a, b)` restricts which subagent types it may spawn."}, "kind": 3, "label": "Agent", "sortText": "099990000", "textEdit": {"newText": "Agent", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "Publishes an HTML or Markdown file as a private, shareable artifact page on claude.ai."}, "kind": 3, "label": "Artifact", "sortText": "099990001", "textEdit": {"newText": "Artifact", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "Asks multiple-choice questions to gather requirements. Never available to subagents."}, "kind": 3, "label": "AskUserQuestion", "sortText": "099990002", "textEdit": {"newText": "AskUserQuestion", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "Executes shell commands in your environment."}, "kind": 3, "label": "Bash", "sortText": "099990003", "textEdit": {"newText": "Bash", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "Schedules a recurring or one-shot prompt within the current session."}, "kind": 3, "label": "CronCreate", "sortText": "099990004", "textEdit": {"newText": "CronCreate", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "Cancels a scheduled task by id."}, "kind": 3, "label": "CronDelete", "sortText": "099990005", "textEdit": {"newText": "CronDelete", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "Lists all scheduled tasks in the session."}, "kind": 3, "label": "CronList", "sortText": "099990006", "textEdit": {"newText": "CronList", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "Makes targeted edits to specific files."}, "kind": 3, "label": "Edit", "sortText": "099990007", "textEdit": {"newText": "Edit", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "Ends the session (sustained abusive input, or on request). Never available to subagents."}, "kind": 3, "label": "EndConversation", "sortText": "099990008", "textEdit": {"newText": "EndConversation", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "Switches to plan mode to design an approach before coding. Never available to subagents."}, "kind": 3, "label": "EnterPlanMode", "sortText": "099990009", "textEdit": {"newText": "EnterPlanMode", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "Creates an isolated git worktree and switches into it (or enters an existing one)."}, "kind": 3, "label": "EnterWorktree", "sortText": "099990010", "textEdit": {"newText": "EnterWorktree", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "Presents a plan for approval and exits plan mode. Not available to subagents unless `permissionMode: plan`."}, "kind": 3, "label": "ExitPlanMode", "sortText": "099990011", "textEdit": {"newText": "ExitPlanMode", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "Exits a worktree session and returns to the original directory."}, "kind": 3, "label": "ExitWorktree", "sortText": "099990012", "textEdit": {"newText": "ExitWorktree", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "Finds files by glob pattern."}, "kind": 3, "label": "Glob", "sortText": "099990013", "textEdit": {"newText": "Glob", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "Searches file contents for a pattern."}, "kind": 3, "label": "Grep", "sortText": "099990014", "textEdit": {"newText": "Grep", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "Lists the agents Claude can message with `SendMessage` (cross-session messaging)."}, "kind": 3, "label": "ListAgents", "sortText": "099990015", "textEdit": {"newText": "ListAgents", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "Lists resources exposed by connected MCP servers."}, "kind": 3, "label": "ListMcpResourcesTool", "sortText": "099990016", "textEdit": {"newText": "ListMcpResourcesTool", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "Code intelligence via language servers (definitions, references, diagnostics)."}, "kind": 3, "label": "LSP", "sortText": "099990017", "textEdit": {"newText": "LSP", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "Runs a command in the background and feeds each output line back to Claude."}, "kind": 3, "label": "Monitor", "sortText": "099990018", "textEdit": {"newText": "Monitor", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "Modifies Jupyter notebook cells."}, "kind": 3, "label": "NotebookEdit", "sortText": "099990019", "textEdit": {"newText": "NotebookEdit", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "Executes PowerShell commands natively."}, "kind": 3, "label": "PowerShell", "sortText": "099990020", "textEdit": {"newText": "PowerShell", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "Sends a desktop (and phone, with Remote Control) notification."}, "kind": 3, "label": "PushNotification", "sortText": "099990021", "textEdit": {"newText": "PushNotification", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "Reads a specific MCP resource by URI."}, "kind": 3, "label": "ReadMcpResourceTool", "sortText": "099990023", "textEdit": {"newText": "ReadMcpResourceTool", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "Creates, updates, runs and lists Routines on claude.ai (backs `/schedule`)."}, "kind": 3, "label": "RemoteTrigger", "sortText": "099990024", "textEdit": {"newText": "RemoteTrigger", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "Reports code-review findings as a structured list (Claude Code v2.1.196+)."}, "kind": 3, "label": "ReportFindings", "sortText": "099990025", "textEdit": {"newText": "ReportFindings", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "Reschedules the next iteration of a self-paced `/loop`. Never available to subagents."}, "kind": 3, "label": "ScheduleWakeup", "sortText": "099990026", "textEdit": {"newText": "ScheduleWakeup", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "Drafts a feedback report about Claude Code for you to review (v2.1.238+; listed in a newer tools reference than the spec snapshot)."}, "kind": 3, "label": "SendFeedback", "sortText": "099990027", "textEdit": {"newText": "SendFeedback", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "Sends a message to another agent, teammate, resumed subagent or Claude Code session."}, "kind": 3, "label": "SendMessage", "sortText": "099990028", "textEdit": {"newText": "SendMessage", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "Sends files from the session to you (Remote Control or cloud sessions)."}, "kind": 3, "label": "SendUserFile", "sortText": "099990029", "textEdit": {"newText": "SendUserFile", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "Uploads `ONBOARDING.md` and returns a share link (used by `/team-onboarding`)."}, "kind": 3, "label": "ShareOnboardingGuide", "sortText": "099990030", "textEdit": {"newText": "ShareOnboardingGuide", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "Executes a skill within the main conversation. To preload skills into a subagent use the `skills` field instead of listing `Skill`."}, "kind": 3, "label": "Skill", "sortText": "099990031", "textEdit": {"newText": "Skill", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "Delivers a subagent's final report in auto mode (v2.1.271+; listed in a newer tools reference than the spec snapshot)."}, "kind": 3, "label": "SubagentHandback", "sortText": "099990032", "textEdit": {"newText": "SubagentHandback", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "Creates a new task in the task list."}, "kind": 3, "label": "TaskCreate", "sortText": "099990033", "textEdit": {"newText": "TaskCreate", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "Retrieves full details for a specific task."}, "kind": 3, "label": "TaskGet", "sortText": "099990034", "textEdit": {"newText": "TaskGet", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "Lists all tasks with their current status."}, "kind": 3, "label": "TaskList", "sortText": "099990035", "textEdit": {"newText": "TaskList", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"detail": "deprecated — use Read", "documentation": {"kind": "markdown", "value": "Retrieves output from a background task. Deprecated in favor of `Read` on the task's output file; never available to subagents.\n\n*Deprecated*: use `Read`."}, "kind": 3, "label": "TaskOutput", "sortText": "299990036", "tags": [1], "textEdit": {"newText": "TaskOutput", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "Stops a running background task, teammate or named background agent."}, "kind": 3, "label": "TaskStop", "sortText": "099990037", "textEdit": {"newText": "TaskStop", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "Updates task status, dependencies or details, or deletes tasks."}, "kind": 3, "label": "TaskUpdate", "sortText": "099990038", "textEdit": {"newText": "TaskUpdate", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "Manages the session checklist. Disabled by default in favor of the `Task*` tools (`CLAUDE_CODE_ENABLE_TASKS=0` re-enables it)."}, "kind": 3, "label": "TodoWrite", "sortText": "099990039", "textEdit": {"newText": "TodoWrite", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "Searches for and loads deferred tools when tool search is enabled."}, "kind": 3, "label": "ToolSearch", "sortText": "099990040", "textEdit": {"newText": "ToolSearch", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "Waits for MCP servers still connecting in the background. Never available to subagents."}, "kind": 3, "label": "WaitForMcpServers", "sortText": "099990041", "textEdit": {"newText": "WaitForMcpServers", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "Fetches content from a URL."}, "kind": 3, "label": "WebFetch", "sortText": "099990042", "textEdit": {"newText": "WebFetch", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "Performs web searches."}, "kind": 3, "label": "WebSearch", "sortText": "099990043", "textEdit": {"newText": "WebSearch", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "Runs a dynamic workflow script that orchestrates many subagents. Never available to subagents."}, "kind": 3, "label": "Workflow", "sortText": "099990044", "textEdit": {"newText": "Workflow", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"documentation": {"kind": "markdown", "value": "Creates or overwrites files."}, "kind": 3, "label": "Write", "sortText": "099990045", "textEdit": {"newText": "Write", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"detail": "legacy — use Agent", "documentation": {"kind": "markdown", "value": "Old name of `Agent` (renamed in Claude Code 2.1.63); still works as an alias.\n\n*Legacy*: use `Agent`."}, "kind": 3, "label": "Task", "sortText": "199990046", "textEdit": {"newText": "Task", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"detail": "legacy — use Edit", "documentation": {"kind": "markdown", "value": "Former multi-edit tool; use `Edit`.\n\n*Legacy*: use `Edit`."}, "kind": 3, "label": "MultiEdit", "sortText": "199990047", "textEdit": {"newText": "MultiEdit", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"detail": "legacy — use Glob", "documentation": {"kind": "markdown", "value": "Former directory-listing tool; use `Glob` (or `Bash`).\n\n*Legacy*: use `Glob`."}, "kind": 3, "label": "LS", "sortText": "199990048", "textEdit": {"newText": "LS", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"detail": "legacy — use TaskStop", "documentation": {"kind": "markdown", "value": "Former tool to kill a background shell; use `TaskStop`.\n\n*Legacy*: use `TaskStop`."}, "kind": 3, "label": "KillShell", "sortText": "199990049", "textEdit": {"newText": "KillShell", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"detail": "legacy — use TaskStop", "documentation": {"kind": "markdown", "value": "The first name of `KillShell`, the former tool to kill a background shell; use `TaskStop`.\n\n*Legacy*: use `TaskStop`."}, "kind": 3, "label": "KillBash", "sortText": "199990050", "textEdit": {"newText": "KillBash", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"detail": "legacy — use TaskOutput", "documentation": {"kind": "markdown", "value": "Former tool to read background shell output (unshipped in favor of `TaskOutput`).\n\n*Legacy*: use `TaskOutput`."}, "kind": 3, "label": "BashOutput", "sortText": "199990051", "textEdit": {"newText": "BashOutput", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"detail": "legacy — use TaskOutput", "documentation": {"kind": "markdown", "value": "Former tool to read background agent output (unshipped in favor of `TaskOutput`).\n\n*Legacy*: use `TaskOutput`."}, "kind": 3, "label": "AgentOutputTool", "sortText": "199990052", "textEdit": {"newText": "AgentOutputTool", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"detail": "legacy — use Read", "documentation": {"kind": "markdown", "value": "Former notebook reader; `Read` reads notebooks.\n\n*Legacy*: use `Read`."}, "kind": 3, "label": "NotebookRead", "sortText": "199990053", "textEdit": {"newText": "NotebookRead", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"detail": "legacy — use Skill", "documentation": {"kind": "markdown", "value": "Former tool to run slash commands; commands now run through `Skill`.\n\n*Legacy*: use `Skill`."}, "kind": 3, "label": "SlashCommand", "sortText": "199990054", "textEdit": {"newText": "SlashCommand", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"detail": "legacy", "documentation": {"kind": "markdown", "value": "Directory-change rule name still accepted in permission rules (SchemaStore); not in the current tools reference.\n\n*Legacy*."}, "kind": 3, "label": "Cd", "sortText": "199990055", "textEdit": {"newText": "Cd", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}},
            {"detail": "legacy — use ToolSearch", "documentation": {"kind": "markdown", "value": "Former MCP tool-search tool; use `ToolSearch`.\n\n*Legacy*: use `ToolSearch`."}, "kind": 3, "label": "MCPSearch", "sortText": "199990056", "textEdit": {"newText": "MCPSearch", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 13, "line": 3}}}}
          ]
        }
    "#]]);
    let (result, _) = complete(
        &mut client,
        &u,
        "---\nname: a\ndescription: d\ntools:\n  - Read\n  - Gr$0\n  - Bash\n---\nBody\n",
    )
    .await;
    snap.check(&result, expect![[r#"
        {
          "isIncomplete": false,
          "items": [
            {"documentation": {"kind": "markdown", "value": "Spawns a subagent with its own context window. In a main-thread agent, `Agent(a, b)` restricts which subagent types it may spawn."}, "kind": 3, "label": "Agent", "sortText": "099990000", "textEdit": {"newText": "Agent", "range": {"end": {"character": 6, "line": 5}, "start": {"character": 4, "line": 5}}}},
            {"documentation": {"kind": "markdown", "value": "Publishes an HTML or Markdown file as a private, shareable artifact page on claude.ai."}, "kind": 3, "label": "Artifact", "sortText": "099990001", "textEdit": {"newText": "Artifact", "range": {"end": {"character": 6, "line": 5}, "start": {"character": 4, "line": 5}}}},
            {"documentation": {"kind": "markdown", "value": "Asks multiple-choice questions to gather requirements. Never available to subagents."}, "kind": 3, "label": "AskUserQuestion", "sortText": "099990002", "textEdit": {"newText": "AskUserQuestion", "range": {"end": {"character": 6, "line": 5}, "start": {"character": 4, "line": 5}}}},
            {"documentation": {"kind": "markdown", "value": "Schedules a recurring or one-shot prompt within the current session."}, "kind": 3, "label": "CronCreate", "sortText": "099990004", "textEdit": {"newText": "CronCreate", "range": {"end": {"character": 6, "line": 5}, "start": {"character": 4, "line": 5}}}},
            {"documentation": {"kind": "markdown", "value": "Cancels a scheduled task by id."}, "kind": 3, "label": "CronDelete", "sortText": "099990005", "textEdit": {"newText": "CronDelete", "range": {"end": {"character": 6, "line": 5}, "start": {"character": 4, "line": 5}}}},
            {"documentation": {"kind": "markdown", "value": "Lists all scheduled tasks in the session."}, "kind": 3, "label": "CronList", "sortText": "099990006", "textEdit": {"newText": "CronList", "range": {"end": {"character": 6, "line": 5}, "start": {"character": 4, "line": 5}}}},
            {"documentation": {"kind": "markdown", "value": "Makes targeted edits to specific files."}, "kind": 3, "label": "Edit", "sortText": "099990007", "textEdit": {"newText": "Edit", "range": {"end": {"character": 6, "line": 5}, "start": {"character": 4, "line": 5}}}},
            {"documentation": {"kind": "markdown", "value": "Ends the session (sustained abusive input, or on request). Never available to subagents."}, "kind": 3, "label": "EndConversation", "sortText": "099990008", "textEdit": {"newText": "EndConversation", "range": {"end": {"character": 6, "line": 5}, "start": {"character": 4, "line": 5}}}},
            {"documentation": {"kind": "markdown", "value": "Switches to plan mode to design an approach before coding. Never available to subagents."}, "kind": 3, "label": "EnterPlanMode", "sortText": "099990009", "textEdit": {"newText": "EnterPlanMode", "range": {"end": {"character": 6, "line": 5}, "start": {"character": 4, "line": 5}}}},
            {"documentation": {"kind": "markdown", "value": "Creates an isolated git worktree and switches into it (or enters an existing one)."}, "kind": 3, "label": "EnterWorktree", "sortText": "099990010", "textEdit": {"newText": "EnterWorktree", "range": {"end": {"character": 6, "line": 5}, "start": {"character": 4, "line": 5}}}},
            {"documentation": {"kind": "markdown", "value": "Presents a plan for approval and exits plan mode. Not available to subagents unless `permissionMode: plan`."}, "kind": 3, "label": "ExitPlanMode", "sortText": "099990011", "textEdit": {"newText": "ExitPlanMode", "range": {"end": {"character": 6, "line": 5}, "start": {"character": 4, "line": 5}}}},
            {"documentation": {"kind": "markdown", "value": "Exits a worktree session and returns to the original directory."}, "kind": 3, "label": "ExitWorktree", "sortText": "099990012", "textEdit": {"newText": "ExitWorktree", "range": {"end": {"character": 6, "line": 5}, "start": {"character": 4, "line": 5}}}},
            {"documentation": {"kind": "markdown", "value": "Finds files by glob pattern."}, "kind": 3, "label": "Glob", "sortText": "099990013", "textEdit": {"newText": "Glob", "range": {"end": {"character": 6, "line": 5}, "start": {"character": 4, "line": 5}}}},
            {"documentation": {"kind": "markdown", "value": "Searches file contents for a pattern."}, "kind": 3, "label": "Grep", "sortText": "099990014", "textEdit": {"newText": "Grep", "range": {"end": {"character": 6, "line": 5}, "start": {"character": 4, "line": 5}}}},
            {"documentation": {"kind": "markdown", "value": "Lists the agents Claude can message with `SendMessage` (cross-session messaging)."}, "kind": 3, "label": "ListAgents", "sortText": "099990015", "textEdit": {"newText": "ListAgents", "range": {"end": {"character": 6, "line": 5}, "start": {"character": 4, "line": 5}}}},
            {"documentation": {"kind": "markdown", "value": "Lists resources exposed by connected MCP servers."}, "kind": 3, "label": "ListMcpResourcesTool", "sortText": "099990016", "textEdit": {"newText": "ListMcpResourcesTool", "range": {"end": {"character": 6, "line": 5}, "start": {"character": 4, "line": 5}}}},
            {"documentation": {"kind": "markdown", "value": "Code intelligence via language servers (definitions, references, diagnostics)."}, "kind": 3, "label": "LSP", "sortText": "099990017", "textEdit": {"newText": "LSP", "range": {"end": {"character": 6, "line": 5}, "start": {"character": 4, "line": 5}}}},
            {"documentation": {"kind": "markdown", "value": "Runs a command in the background and feeds each output line back to Claude."}, "kind": 3, "label": "Monitor", "sortText": "099990018", "textEdit": {"newText": "Monitor", "range": {"end": {"character": 6, "line": 5}, "start": {"character": 4, "line": 5}}}},
            {"documentation": {"kind": "markdown", "value": "Modifies Jupyter notebook cells."}, "kind": 3, "label": "NotebookEdit", "sortText": "099990019", "textEdit": {"newText": "NotebookEdit", "range": {"end": {"character": 6, "line": 5}, "start": {"character": 4, "line": 5}}}},
            {"documentation": {"kind": "markdown", "value": "Executes PowerShell commands natively."}, "kind": 3, "label": "PowerShell", "sortText": "099990020", "textEdit": {"newText": "PowerShell", "range": {"end": {"character": 6, "line": 5}, "start": {"character": 4, "line": 5}}}},
            {"documentation": {"kind": "markdown", "value": "Sends a desktop (and phone, with Remote Control) notification."}, "kind": 3, "label": "PushNotification", "sortText": "099990021", "textEdit": {"newText": "PushNotification", "range": {"end": {"character": 6, "line": 5}, "start": {"character": 4, "line": 5}}}},
            {"documentation": {"kind": "markdown", "value": "Reads a specific MCP resource by URI."}, "kind": 3, "label": "ReadMcpResourceTool", "sortText": "099990023", "textEdit": {"newText": "ReadMcpResourceTool", "range": {"end": {"character": 6, "line": 5}, "start": {"character": 4, "line": 5}}}},
            {"documentation": {"kind": "markdown", "value": "Creates, updates, runs and lists Routines on claude.ai (backs `/schedule`)."}, "kind": 3, "label": "RemoteTrigger", "sortText": "099990024", "textEdit": {"newText": "RemoteTrigger", "range": {"end": {"character": 6, "line": 5}, "start": {"character": 4, "line": 5}}}},
            {"documentation": {"kind": "markdown", "value": "Reports code-review findings as a structured list (Claude Code v2.1.196+)."}, "kind": 3, "label": "ReportFindings", "sortText": "099990025", "textEdit": {"newText": "ReportFindings", "range": {"end": {"character": 6, "line": 5}, "start": {"character": 4, "line": 5}}}},
            {"documentation": {"kind": "markdown", "value": "Reschedules the next iteration of a self-paced `/loop`. Never available to subagents."}, "kind": 3, "label": "ScheduleWakeup", "sortText": "099990026", "textEdit": {"newText": "ScheduleWakeup", "range": {"end": {"character": 6, "line": 5}, "start": {"character": 4, "line": 5}}}},
            {"documentation": {"kind": "markdown", "value": "Drafts a feedback report about Claude Code for you to review (v2.1.238+; listed in a newer tools reference than the spec snapshot)."}, "kind": 3, "label": "SendFeedback", "sortText": "099990027", "textEdit": {"newText": "SendFeedback", "range": {"end": {"character": 6, "line": 5}, "start": {"character": 4, "line": 5}}}},
            {"documentation": {"kind": "markdown", "value": "Sends a message to another agent, teammate, resumed subagent or Claude Code session."}, "kind": 3, "label": "SendMessage", "sortText": "099990028", "textEdit": {"newText": "SendMessage", "range": {"end": {"character": 6, "line": 5}, "start": {"character": 4, "line": 5}}}},
            {"documentation": {"kind": "markdown", "value": "Sends files from the session to you (Remote Control or cloud sessions)."}, "kind": 3, "label": "SendUserFile", "sortText": "099990029", "textEdit": {"newText": "SendUserFile", "range": {"end": {"character": 6, "line": 5}, "start": {"character": 4, "line": 5}}}},
            {"documentation": {"kind": "markdown", "value": "Uploads `ONBOARDING.md` and returns a share link (used by `/team-onboarding`)."}, "kind": 3, "label": "ShareOnboardingGuide", "sortText": "099990030", "textEdit": {"newText": "ShareOnboardingGuide", "range": {"end": {"character": 6, "line": 5}, "start": {"character": 4, "line": 5}}}},
            {"documentation": {"kind": "markdown", "value": "Executes a skill within the main conversation. To preload skills into a subagent use the `skills` field instead of listing `Skill`."}, "kind": 3, "label": "Skill", "sortText": "099990031", "textEdit": {"newText": "Skill", "range": {"end": {"character": 6, "line": 5}, "start": {"character": 4, "line": 5}}}},
            {"documentation": {"kind": "markdown", "value": "Delivers a subagent's final report in auto mode (v2.1.271+; listed in a newer tools reference than the spec snapshot)."}, "kind": 3, "label": "SubagentHandback", "sortText": "099990032", "textEdit": {"newText": "SubagentHandback", "range": {"end": {"character": 6, "line": 5}, "start": {"character": 4, "line": 5}}}},
            {"documentation": {"kind": "markdown", "value": "Creates a new task in the task list."}, "kind": 3, "label": "TaskCreate", "sortText": "099990033", "textEdit": {"newText": "TaskCreate", "range": {"end": {"character": 6, "line": 5}, "start": {"character": 4, "line": 5}}}},
            {"documentation": {"kind": "markdown", "value": "Retrieves full details for a specific task."}, "kind": 3, "label": "TaskGet", "sortText": "099990034", "textEdit": {"newText": "TaskGet", "range": {"end": {"character": 6, "line": 5}, "start": {"character": 4, "line": 5}}}},
            {"documentation": {"kind": "markdown", "value": "Lists all tasks with their current status."}, "kind": 3, "label": "TaskList", "sortText": "099990035", "textEdit": {"newText": "TaskList", "range": {"end": {"character": 6, "line": 5}, "start": {"character": 4, "line": 5}}}},
            {"detail": "deprecated — use Read", "documentation": {"kind": "markdown", "value": "Retrieves output from a background task. Deprecated in favor of `Read` on the task's output file; never available to subagents.\n\n*Deprecated*: use `Read`."}, "kind": 3, "label": "TaskOutput", "sortText": "299990036", "tags": [1], "textEdit": {"newText": "TaskOutput", "range": {"end": {"character": 6, "line": 5}, "start": {"character": 4, "line": 5}}}},
            {"documentation": {"kind": "markdown", "value": "Stops a running background task, teammate or named background agent."}, "kind": 3, "label": "TaskStop", "sortText": "099990037", "textEdit": {"newText": "TaskStop", "range": {"end": {"character": 6, "line": 5}, "start": {"character": 4, "line": 5}}}},
            {"documentation": {"kind": "markdown", "value": "Updates task status, dependencies or details, or deletes tasks."}, "kind": 3, "label": "TaskUpdate", "sortText": "099990038", "textEdit": {"newText": "TaskUpdate", "range": {"end": {"character": 6, "line": 5}, "start": {"character": 4, "line": 5}}}},
            {"documentation": {"kind": "markdown", "value": "Manages the session checklist. Disabled by default in favor of the `Task*` tools (`CLAUDE_CODE_ENABLE_TASKS=0` re-enables it)."}, "kind": 3, "label": "TodoWrite", "sortText": "099990039", "textEdit": {"newText": "TodoWrite", "range": {"end": {"character": 6, "line": 5}, "start": {"character": 4, "line": 5}}}},
            {"documentation": {"kind": "markdown", "value": "Searches for and loads deferred tools when tool search is enabled."}, "kind": 3, "label": "ToolSearch", "sortText": "099990040", "textEdit": {"newText": "ToolSearch", "range": {"end": {"character": 6, "line": 5}, "start": {"character": 4, "line": 5}}}},
            {"documentation": {"kind": "markdown", "value": "Waits for MCP servers still connecting in the background. Never available to subagents."}, "kind": 3, "label": "WaitForMcpServers", "sortText": "099990041", "textEdit": {"newText": "WaitForMcpServers", "range": {"end": {"character": 6, "line": 5}, "start": {"character": 4, "line": 5}}}},
            {"documentation": {"kind": "markdown", "value": "Fetches content from a URL."}, "kind": 3, "label": "WebFetch", "sortText": "099990042", "textEdit": {"newText": "WebFetch", "range": {"end": {"character": 6, "line": 5}, "start": {"character": 4, "line": 5}}}},
            {"documentation": {"kind": "markdown", "value": "Performs web searches."}, "kind": 3, "label": "WebSearch", "sortText": "099990043", "textEdit": {"newText": "WebSearch", "range": {"end": {"character": 6, "line": 5}, "start": {"character": 4, "line": 5}}}},
            {"documentation": {"kind": "markdown", "value": "Runs a dynamic workflow script that orchestrates many subagents. Never available to subagents."}, "kind": 3, "label": "Workflow", "sortText": "099990044", "textEdit": {"newText": "Workflow", "range": {"end": {"character": 6, "line": 5}, "start": {"character": 4, "line": 5}}}},
            {"documentation": {"kind": "markdown", "value": "Creates or overwrites files."}, "kind": 3, "label": "Write", "sortText": "099990045", "textEdit": {"newText": "Write", "range": {"end": {"character": 6, "line": 5}, "start": {"character": 4, "line": 5}}}},
            {"detail": "legacy — use Agent", "documentation": {"kind": "markdown", "value": "Old name of `Agent` (renamed in Claude Code 2.1.63); still works as an alias.\n\n*Legacy*: use `Agent`."}, "kind": 3, "label": "Task", "sortText": "199990046", "textEdit": {"newText": "Task", "range": {"end": {"character": 6, "line": 5}, "start": {"character": 4, "line": 5}}}},
            {"detail": "legacy — use Edit", "documentation": {"kind": "markdown", "value": "Former multi-edit tool; use `Edit`.\n\n*Legacy*: use `Edit`."}, "kind": 3, "label": "MultiEdit", "sortText": "199990047", "textEdit": {"newText": "MultiEdit", "range": {"end": {"character": 6, "line": 5}, "start": {"character": 4, "line": 5}}}},
            {"detail": "legacy — use Glob", "documentation": {"kind": "markdown", "value": "Former directory-listing tool; use `Glob` (or `Bash`).\n\n*Legacy*: use `Glob`."}, "kind": 3, "label": "LS", "sortText": "199990048", "textEdit": {"newText": "LS", "range": {"end": {"character": 6, "line": 5}, "start": {"character": 4, "line": 5}}}},
            {"detail": "legacy — use TaskStop", "documentation": {"kind": "markdown", "value": "Former tool to kill a background shell; use `TaskStop`.\n\n*Legacy*: use `TaskStop`."}, "kind": 3, "label": "KillShell", "sortText": "199990049", "textEdit": {"newText": "KillShell", "range": {"end": {"character": 6, "line": 5}, "start": {"character": 4, "line": 5}}}},
            {"detail": "legacy — use TaskStop", "documentation": {"kind": "markdown", "value": "The first name of `KillShell`, the former tool to kill a background shell; use `TaskStop`.\n\n*Legacy*: use `TaskStop`."}, "kind": 3, "label": "KillBash", "sortText": "199990050", "textEdit": {"newText": "KillBash", "range": {"end": {"character": 6, "line": 5}, "start": {"character": 4, "line": 5}}}},
            {"detail": "legacy — use TaskOutput", "documentation": {"kind": "markdown", "value": "Former tool to read background shell output (unshipped in favor of `TaskOutput`).\n\n*Legacy*: use `TaskOutput`."}, "kind": 3, "label": "BashOutput", "sortText": "199990051", "textEdit": {"newText": "BashOutput", "range": {"end": {"character": 6, "line": 5}, "start": {"character": 4, "line": 5}}}},
            {"detail": "legacy — use TaskOutput", "documentation": {"kind": "markdown", "value": "Former tool to read background agent output (unshipped in favor of `TaskOutput`).\n\n*Legacy*: use `TaskOutput`."}, "kind": 3, "label": "AgentOutputTool", "sortText": "199990052", "textEdit": {"newText": "AgentOutputTool", "range": {"end": {"character": 6, "line": 5}, "start": {"character": 4, "line": 5}}}},
            {"detail": "legacy — use Read", "documentation": {"kind": "markdown", "value": "Former notebook reader; `Read` reads notebooks.\n\n*Legacy*: use `Read`."}, "kind": 3, "label": "NotebookRead", "sortText": "199990053", "textEdit": {"newText": "NotebookRead", "range": {"end": {"character": 6, "line": 5}, "start": {"character": 4, "line": 5}}}},
            {"detail": "legacy — use Skill", "documentation": {"kind": "markdown", "value": "Former tool to run slash commands; commands now run through `Skill`.\n\n*Legacy*: use `Skill`."}, "kind": 3, "label": "SlashCommand", "sortText": "199990054", "textEdit": {"newText": "SlashCommand", "range": {"end": {"character": 6, "line": 5}, "start": {"character": 4, "line": 5}}}},
            {"detail": "legacy", "documentation": {"kind": "markdown", "value": "Directory-change rule name still accepted in permission rules (SchemaStore); not in the current tools reference.\n\n*Legacy*."}, "kind": 3, "label": "Cd", "sortText": "199990055", "textEdit": {"newText": "Cd", "range": {"end": {"character": 6, "line": 5}, "start": {"character": 4, "line": 5}}}},
            {"detail": "legacy — use ToolSearch", "documentation": {"kind": "markdown", "value": "Former MCP tool-search tool; use `ToolSearch`.\n\n*Legacy*: use `ToolSearch`."}, "kind": 3, "label": "MCPSearch", "sortText": "199990056", "textEdit": {"newText": "MCPSearch", "range": {"end": {"character": 6, "line": 5}, "start": {"character": 4, "line": 5}}}}
          ]
        }
    "#]]);
    assert_eq!(client.shutdown_and_exit().await, 0);
}

/// At the start of a line only the missing keys are offered, a list key as a snippet; in the
/// body nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn completion_at_the_start_of_a_line_offers_only_missing_keys() {
    let dir = project(&[]);
    let snap = Snap::new(dir.path());
    let mut client = start(dir.path()).await;
    let u = uri(dir.path(), ".claude/agents/a.md");
    let (result, _) = complete(
        &mut client,
        &u,
        "---\nname: a\ndescription: d\nmodel: opus\n$0\n---\nBody\n",
    )
    .await;
    snap.check(&result, expect![[r#"
        {
          "isIncomplete": false,
          "items": [
            {"detail": "tool list", "documentation": {"kind": "markdown", "value": "**`tools`** · tool list\n\nAllowlist of tools, written as a comma-separated string (`Read, Grep, Glob`). Accepts tool names, `mcp__<server>`, `mcp__<server>__*` and, for main-thread agents, `Agent(type, ...)`. Omit to inherit all tools; if no entry resolves, the agent refuses to launch.\n\nKnown values: `Agent`, `Artifact`, `AskUserQuestion`, `Bash`, `CronCreate`, `CronDelete`, `CronList`, `Edit`, `EndConversation`, `EnterPlanMode`, `EnterWorktree`, `ExitPlanMode` and 45 more.\n\nDialect: Claude Code subagent (Claude Code). [Source](https://code.claude.com/docs/en/sub-agents)"}, "kind": 10, "label": "tools", "sortText": "10002", "textEdit": {"newText": "tools: ", "range": {"end": {"character": 0, "line": 4}, "start": {"character": 0, "line": 4}}}},
            {"detail": "tool list", "documentation": {"kind": "markdown", "value": "**`disallowedTools`** · tool list\n\nDenylist removed from the inherited or specified tools, same syntax as `tools` (also `mcp__*`). Applied before `tools`: a tool listed in both is removed.\n\nKnown values: `Agent`, `Artifact`, `AskUserQuestion`, `Bash`, `CronCreate`, `CronDelete`, `CronList`, `Edit`, `EndConversation`, `EnterPlanMode`, `EnterWorktree`, `ExitPlanMode` and 45 more.\n\nDialect: Claude Code subagent (Claude Code). [Source](https://code.claude.com/docs/en/sub-agents)"}, "kind": 10, "label": "disallowedTools", "sortText": "10003", "textEdit": {"newText": "disallowedTools: ", "range": {"end": {"character": 0, "line": 4}, "start": {"character": 0, "line": 4}}}},
            {"detail": "one of a set of values", "documentation": {"kind": "markdown", "value": "**`permissionMode`** · one of a set of values\n\nPermission mode the subagent runs in. Ignored for plugin agents and when the parent runs in auto mode; `bypassPermissions` skips all prompts.\n\nAllowed values: `default`, `acceptEdits`, `auto`, `dontAsk`, `bypassPermissions`, `plan`, `manual`, `delegate`.\n\nDialect: Claude Code subagent (Claude Code). [Source](https://code.claude.com/docs/en/sub-agents)"}, "kind": 10, "label": "permissionMode", "sortText": "10005", "textEdit": {"newText": "permissionMode: ", "range": {"end": {"character": 0, "line": 4}, "start": {"character": 0, "line": 4}}}},
            {"detail": "integer", "documentation": {"kind": "markdown", "value": "**`maxTurns`** · integer\n\nMaximum number of agentic turns before the subagent stops. Must be a positive integer.\n\nDialect: Claude Code subagent (Claude Code). [Source](https://code.claude.com/docs/en/sub-agents)"}, "kind": 10, "label": "maxTurns", "sortText": "10006", "textEdit": {"newText": "maxTurns: ", "range": {"end": {"character": 0, "line": 4}, "start": {"character": 0, "line": 4}}}},
            {"detail": "list", "documentation": {"kind": "markdown", "value": "**`skills`** · list\n\nSkills whose full content is injected into the subagent's context at startup. Skills with `disable-model-invocation: true` cannot be preloaded; missing skills are skipped.\n\nDialect: Claude Code subagent (Claude Code). [Source](https://code.claude.com/docs/en/sub-agents)"}, "insertTextFormat": 2, "kind": 10, "label": "skills", "sortText": "10007", "textEdit": {"newText": "skills:\n  - $0", "range": {"end": {"character": 0, "line": 4}, "start": {"character": 0, "line": 4}}}},
            {"detail": "any", "documentation": {"kind": "markdown", "value": "**`mcpServers`** · any\n\nMCP servers scoped to this subagent: a list whose items are a server name or a `{name: config}` map in `.mcp.json` style (`stdio`, `http`, `sse`, `ws`). Ignored for plugin agents.\n\nDialect: Claude Code subagent (Claude Code). [Source](https://code.claude.com/docs/en/sub-agents)"}, "kind": 10, "label": "mcpServers", "sortText": "10008", "textEdit": {"newText": "mcpServers: ", "range": {"end": {"character": 0, "line": 4}, "start": {"character": 0, "line": 4}}}},
            {"detail": "mapping", "documentation": {"kind": "markdown", "value": "**`hooks`** · mapping\n\nLifecycle hooks scoped to this subagent, same schema as settings hooks (`Stop` becomes `SubagentStop`). Ignored for plugin agents; project agents need workspace trust.\n\nDialect: Claude Code subagent (Claude Code). [Source](https://code.claude.com/docs/en/hooks)"}, "insertTextFormat": 2, "kind": 10, "label": "hooks", "sortText": "10009", "textEdit": {"newText": "hooks:\n  $0", "range": {"end": {"character": 0, "line": 4}, "start": {"character": 0, "line": 4}}}},
            {"detail": "one of a set of values", "documentation": {"kind": "markdown", "value": "**`memory`** · one of a set of values\n\nPersistent memory scope for the subagent. One of `user`, `project`, `local`.\n\nAllowed values: `user`, `project`, `local`.\n\nDialect: Claude Code subagent (Claude Code). [Source](https://code.claude.com/docs/en/sub-agents)"}, "kind": 10, "label": "memory", "sortText": "10010", "textEdit": {"newText": "memory: ", "range": {"end": {"character": 0, "line": 4}, "start": {"character": 0, "line": 4}}}},
            {"detail": "boolean", "documentation": {"kind": "markdown", "value": "**`background`** · boolean\n\nSet to `true` to always run this subagent in the background, even when foreground is requested.\n\nAllowed values: `true`, `false`.\n\nDialect: Claude Code subagent (Claude Code). [Source](https://code.claude.com/docs/en/sub-agents)"}, "kind": 10, "label": "background", "sortText": "10011", "textEdit": {"newText": "background: ", "range": {"end": {"character": 0, "line": 4}, "start": {"character": 0, "line": 4}}}},
            {"detail": "one of a set of values", "documentation": {"kind": "markdown", "value": "**`effort`** · one of a set of values\n\nEffort level while this subagent is active; inherits the session's level when omitted. Available levels depend on the model.\n\nAllowed values: `low`, `medium`, `high`, `xhigh`, `max`.\n\nDialect: Claude Code subagent (Claude Code). [Source](https://code.claude.com/docs/en/sub-agents)"}, "kind": 10, "label": "effort", "sortText": "10012", "textEdit": {"newText": "effort: ", "range": {"end": {"character": 0, "line": 4}, "start": {"character": 0, "line": 4}}}},
            {"detail": "one of a set of values", "documentation": {"kind": "markdown", "value": "**`isolation`** · one of a set of values\n\nSet to `worktree` to run the subagent in a temporary git worktree (the only value).\n\nAllowed values: `worktree`.\n\nDialect: Claude Code subagent (Claude Code). [Source](https://code.claude.com/docs/en/sub-agents)"}, "kind": 10, "label": "isolation", "sortText": "10013", "textEdit": {"newText": "isolation: ", "range": {"end": {"character": 0, "line": 4}, "start": {"character": 0, "line": 4}}}},
            {"detail": "color", "documentation": {"kind": "markdown", "value": "**`color`** · color\n\nDisplay color of the subagent in the task list and transcript: `red`, `blue`, `green`, `yellow`, `purple`, `orange`, `pink` or `cyan`. Hex values and other names are not documented.\n\nAllowed values: `red`, `blue`, `green`, `yellow`, `purple`, `orange`, `pink`, `cyan`.\n\nDialect: Claude Code subagent (Claude Code). [Source](https://code.claude.com/docs/en/sub-agents)"}, "kind": 10, "label": "color", "sortText": "10014", "textEdit": {"newText": "color: ", "range": {"end": {"character": 0, "line": 4}, "start": {"character": 0, "line": 4}}}},
            {"detail": "boolean", "documentation": {"kind": "markdown", "value": "**`omitClaudeMd`** · boolean\n\nWhen `true`, the subagent starts without the project's CLAUDE.md files in its context (Claude Code 2.1.271 and later; older versions ignore the key).\n\nAllowed values: `true`, `false`.\n\nDefault: `false`.\n\nDialect: Claude Code subagent (Claude Code). [Source](https://code.claude.com/docs/en/sub-agents)"}, "kind": 10, "label": "omitClaudeMd", "sortText": "10015", "textEdit": {"newText": "omitClaudeMd: ", "range": {"end": {"character": 0, "line": 4}, "start": {"character": 0, "line": 4}}}},
            {"detail": "text", "documentation": {"kind": "markdown", "value": "**`initialPrompt`** · text\n\nFirst user turn, submitted automatically when this agent runs as the main session agent (`--agent` or the `agent` setting). Commands and skills in it are processed.\n\nDialect: Claude Code subagent (Claude Code). [Source](https://code.claude.com/docs/en/sub-agents)"}, "kind": 10, "label": "initialPrompt", "sortText": "10016", "textEdit": {"newText": "initialPrompt: ", "range": {"end": {"character": 0, "line": 4}, "start": {"character": 0, "line": 4}}}}
          ]
        }
    "#]]);
    let (result, _) = complete(&mut client, &u, "---\nname: a\ndescription: d\n---\nmo$0\n").await;
    assert_eq!(result, Value::Null);
    assert_eq!(client.shutdown_and_exit().await, 0);
}

/// `tier` takes the configuration's values and those of the workspace: the files on disk
/// (scanned in the background), the open documents (as edited, unsaved), and the disk again
/// once an edited file is closed unsaved.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tier_completion_and_hover_use_configuration_and_workspace_values() {
    let config = "[dialects.agency.keys.tier]\ndoc = \"Which tier of the team runs this persona.\"\nvalues = [{ value = \"lead\", doc = \"Leads the team.\" }, \"worker/junior\"]\n";
    let other = "---\nname: Other\ndescription: d\ncolor: blue\ntier: worker/staff\n---\nBody\n";
    let on_disk =
        "---\nname: Disk\ndescription: d\ncolor: blue\ntier: worker/principal\n---\nBody\n";
    let dir = project(&[
        (".persona-ls.toml", config),
        ("engineering/on-disk.md", on_disk),
    ]);
    let snap = Snap::new(dir.path());
    let mut client = start(dir.path()).await;
    // An open document's values are indexed when it is analysed.
    let other_uri = uri(dir.path(), "engineering/other.md");
    client.open(&other_uri, other).await;
    client.diagnostics(&other_uri, 1).await;
    let u = uri(dir.path(), "engineering/x.md");
    let fixture = "---\nname: X\ndescription: d\ncolor: blue\ntier: $0\n---\nBody\n";
    let (pos, text) = cursor(fixture);
    client.open(&u, &text).await;
    client.diagnostics(&u, 1).await;
    let completion = json!({ "textDocument": { "uri": u }, "position": pos });
    // Asks until `done` holds for the labels (the index is updated in the background).
    async fn until(
        client: &mut TestClient,
        params: &Value,
        done: impl Fn(&[String]) -> bool,
    ) -> Value {
        let mut result = Value::Null;
        for _ in 0..200 {
            result = client
                .request("textDocument/completion", params.clone())
                .await
                .unwrap();
            if done(&labels(&result)) {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        }
        result
    }
    let scanned = until(&mut client, &completion, |l| {
        l.contains(&"worker/principal".to_string())
    })
    .await;
    snap.check(&scanned, expect![[r#"
        {
          "isIncomplete": false,
          "items": [
            {"documentation": {"kind": "markdown", "value": "Leads the team."}, "kind": 20, "label": "lead", "sortText": "099990000", "textEdit": {"newText": "lead", "range": {"end": {"character": 6, "line": 4}, "start": {"character": 6, "line": 4}}}},
            {"kind": 20, "label": "worker/junior", "sortText": "099990001", "textEdit": {"newText": "worker/junior", "range": {"end": {"character": 6, "line": 4}, "start": {"character": 6, "line": 4}}}},
            {"detail": "used in 1 other file", "kind": 12, "label": "worker/principal", "sortText": "50000", "textEdit": {"newText": "worker/principal", "range": {"end": {"character": 6, "line": 4}, "start": {"character": 6, "line": 4}}}},
            {"detail": "used in 1 other file", "kind": 12, "label": "worker/staff", "sortText": "50001", "textEdit": {"newText": "worker/staff", "range": {"end": {"character": 6, "line": 4}, "start": {"character": 6, "line": 4}}}}
          ]
        }
    "#]]);
    // Hover on the key: the configured doc, the allowed values, the dialect.
    snap.check(&hover(&mut client, &u, 4, 1).await, expect![[r#"
        {
          "contents": {
            "kind": "markdown",
            "value": "**`tier`** · text\n\nWhich tier of the team runs this persona.\n\nKnown values: `lead`, `worker/junior`.\n\nDialect: agency-agents persona (agency-agents (Claude Code, GitHub Copilot)). [Source](https://github.com/msitarzewski/agency-agents)\n\nThis file: agency-agents persona (recognised by its path)."
          },
          "range": {"end": {"character": 4, "line": 4}, "start": {"character": 0, "line": 4}}
        }
    "#]]);
    let disk_uri = uri(dir.path(), "engineering/on-disk.md");
    client
        .open(
            &disk_uri,
            &on_disk.replace("worker/principal", "worker/edited"),
        )
        .await;
    client.diagnostics(&disk_uri, 1).await;
    let edited = client
        .request("textDocument/completion", completion.clone())
        .await
        .unwrap();
    snap.check(&edited, expect![[r#"
        {
          "isIncomplete": false,
          "items": [
            {"documentation": {"kind": "markdown", "value": "Leads the team."}, "kind": 20, "label": "lead", "sortText": "099990000", "textEdit": {"newText": "lead", "range": {"end": {"character": 6, "line": 4}, "start": {"character": 6, "line": 4}}}},
            {"kind": 20, "label": "worker/junior", "sortText": "099990001", "textEdit": {"newText": "worker/junior", "range": {"end": {"character": 6, "line": 4}, "start": {"character": 6, "line": 4}}}},
            {"detail": "used in 1 other file", "kind": 12, "label": "worker/edited", "sortText": "50000", "textEdit": {"newText": "worker/edited", "range": {"end": {"character": 6, "line": 4}, "start": {"character": 6, "line": 4}}}},
            {"detail": "used in 1 other file", "kind": 12, "label": "worker/staff", "sortText": "50001", "textEdit": {"newText": "worker/staff", "range": {"end": {"character": 6, "line": 4}, "start": {"character": 6, "line": 4}}}}
          ]
        }
    "#]]);
    close(&mut client, &disk_uri).await;
    let reread = until(&mut client, &completion, |l| {
        !l.contains(&"worker/edited".to_string())
    })
    .await;
    snap.check(&reread, expect![[r#"
        {
          "isIncomplete": false,
          "items": [
            {"documentation": {"kind": "markdown", "value": "Leads the team."}, "kind": 20, "label": "lead", "sortText": "099990000", "textEdit": {"newText": "lead", "range": {"end": {"character": 6, "line": 4}, "start": {"character": 6, "line": 4}}}},
            {"kind": 20, "label": "worker/junior", "sortText": "099990001", "textEdit": {"newText": "worker/junior", "range": {"end": {"character": 6, "line": 4}, "start": {"character": 6, "line": 4}}}},
            {"detail": "used in 1 other file", "kind": 12, "label": "worker/principal", "sortText": "50000", "textEdit": {"newText": "worker/principal", "range": {"end": {"character": 6, "line": 4}, "start": {"character": 6, "line": 4}}}},
            {"detail": "used in 1 other file", "kind": 12, "label": "worker/staff", "sortText": "50001", "textEdit": {"newText": "worker/staff", "range": {"end": {"character": 6, "line": 4}, "start": {"character": 6, "line": 4}}}}
          ]
        }
    "#]]);
    close(&mut client, &u).await;
    assert_eq!(client.shutdown_and_exit().await, 0);
}

/// Hover on `tier` shows the built-in doc, on a model id its docs and range, on a diagnostic
/// its rule's explanation.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hover_on_tier_with_the_built_in_doc_and_on_a_model_id() {
    let dir = project(&[]);
    let snap = Snap::new(dir.path());
    let mut client = start(dir.path()).await;
    let u = uri(dir.path(), "engineering/x.md");
    let text = "---\nname: X\ndescription: d\ncolor: blue\ntier: lead\nmodel: claude-sonnet-4-6\n---\nBody\n";
    client.open(&u, text).await;
    client.diagnostics(&u, 1).await;
    snap.check(&hover(&mut client, &u, 4, 2).await, expect![[r#"
        {
          "contents": {
            "kind": "markdown",
            "value": "**`tier`** · text\n\nProject-private tier of the persona, such as `worker/junior`, `worker/senior` or `lead`. Not read by Claude Code; allowed values come from your configuration and workspace.\n\nDialect: agency-agents persona (agency-agents (Claude Code, GitHub Copilot)). [Source](https://github.com/msitarzewski/agency-agents)\n\nThis file: agency-agents persona (recognised by its path)."
          },
          "range": {"end": {"character": 4, "line": 4}, "start": {"character": 0, "line": 4}}
        }
    "#]]);
    snap.check(&hover(&mut client, &u, 5, 20).await, expect![[r#"
        {
          "contents": {
            "kind": "markdown",
            "value": "**`claude-sonnet-4-6`** · model\n\nClaude Sonnet 4.6 — active (legacy) model.\n\n*Legacy*: use `claude-sonnet-5-5`."
          },
          "range": {"end": {"character": 24, "line": 5}, "start": {"character": 7, "line": 5}}
        }
    "#]]);
    client.change(&u, 2, json!([{ "range": { "start": { "line": 3, "character": 7 }, "end": { "line": 3, "character": 11 } }, "text": "purpel" }])).await;
    client.diagnostics(&u, 2).await;
    snap.check(
        &hover(&mut client, &u, 3, 9).await,
        expect![[r#"
        {
          "contents": {
            "kind": "markdown",
            "value": "**persona-ls `invalid-value`**: The value is not one the dialect allows."
          },
          "range": {"end": {"character": 13, "line": 3}, "start": {"character": 7, "line": 3}}
        }
    "#]],
    );
    assert_eq!(client.shutdown_and_exit().await, 0);
}

/// A Gemini CLI subagent whose `---` block follows an HTML comment, with CRLF line endings:
/// the quick fix swaps the comment and the block, line endings kept.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_quick_fix_for_text_before_the_front_matter_moves_it_below() {
    let dir = project(&[]);
    let snap = Snap::new(dir.path());
    let mut client = start(dir.path()).await;
    let u = uri(dir.path(), ".gemini/agents/researcher.md");
    let text = "<!-- generated -->\r\n---\r\nname: researcher\r\ndescription: Researches.\r\n---\r\nYou research.\r\n";
    client.open(&u, text).await;
    let diags = client.diagnostics(&u, 1).await;
    let found = diags
        .iter()
        .find(|d| d["code"] == "missing-front-matter")
        .unwrap()
        .clone();
    let actions = client
        .request("textDocument/codeAction", json!({ "textDocument": { "uri": u }, "range": found["range"], "context": { "diagnostics": [found] } }))
        .await
        .unwrap();
    snap.check(&actions, expect![[r#"
        [
          {
            "diagnostics": [
              {"code": "missing-front-matter", "message": "The front matter is not at the start of the file, so Gemini CLI does not read its keys (`name`, `description`): Gemini CLI refuses the agent and reports \"Agent loading error: … Missing mandatory YAML frontmatter\". Move the text above the `---` below the closing `---`.", "range": {"end": {"character": 18, "line": 0}, "start": {"character": 0, "line": 0}}, "severity": 1, "source": "persona-ls"}
            ],
            "edit": {
              "changes": {
                "file://$ROOT/.gemini/agents/researcher.md": [
                  {"newText": "---\r\nname: researcher\r\ndescription: Researches.\r\n---\r\n<!-- generated -->\r\n", "range": {"end": {"character": 0, "line": 5}, "start": {"character": 0, "line": 0}}}
                ]
              }
            },
            "isPreferred": true,
            "kind": "quickfix",
            "title": "Move the text above the front matter below it"
          },
          {
            "edit": {
              "changes": {
                "file://$ROOT/.gemini/agents/researcher.md": [
                  {"newText": "---\r\nname: researcher\r\ndescription: Researches.\r\n---\r\n<!-- generated -->\r\n", "range": {"end": {"character": 0, "line": 5}, "start": {"character": 0, "line": 0}}}
                ]
              }
            },
            "kind": "source.fixAll.persona-ls",
            "title": "Fix all safe problems (persona-ls)"
          }
        ]
    "#]]);
    assert_eq!(client.shutdown_and_exit().await, 0);
}

/// The quick fix for `purpel` (a guess: offered, not preferred) gives `purple` and the
/// diagnostic goes away; "fix all" applies every safe fix at once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_quick_fix_for_purpel_gives_purple_and_the_diagnostic_goes_away() {
    let dir = project(&[]);
    let snap = Snap::new(dir.path());
    let mut client = start(dir.path()).await;
    let u = uri(dir.path(), ".claude/agents/builder.md");
    client.open(&u, BUILDER).await;
    let diags = client.diagnostics(&u, 1).await;
    let color = diags
        .iter()
        .find(|d| d["code"] == "invalid-value")
        .unwrap()
        .clone();
    let actions = client
        .request("textDocument/codeAction", json!({ "textDocument": { "uri": u }, "range": color["range"], "context": { "diagnostics": [color] } }))
        .await
        .unwrap();
    snap.check(&actions, expect![[r#"
        [
          {
            "diagnostics": [
              {"code": "invalid-value", "message": "`purpel` is not a valid `color`: did you mean `purple`? Allowed: `red`, `blue`, `green`, `yellow`, `purple`, `orange`, `pink`, `cyan`.", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 7, "line": 3}}, "severity": 2, "source": "persona-ls"}
            ],
            "edit": {
              "changes": {
                "file://$ROOT/.claude/agents/builder.md": [
                  {"newText": "purple", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 7, "line": 3}}}
                ]
              }
            },
            "isPreferred": false,
            "kind": "quickfix",
            "title": "Change to `purple`"
          },
          {
            "edit": {
              "changes": {
                "file://$ROOT/.claude/agents/builder.md": [
                  {"newText": "'🏗️ Builds: things'", "range": {"end": {"character": 31, "line": 2}, "start": {"character": 13, "line": 2}}}
                ]
              }
            },
            "kind": "source.fixAll.persona-ls",
            "title": "Fix all safe problems (persona-ls)"
          }
        ]
    "#]]);
    let fix = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Change to `purple`")
        .unwrap_or_else(|| panic!("no fix in {actions:#?}"));
    let edits = fix["edit"]["changes"][u.as_str()]
        .as_array()
        .unwrap()
        .clone();
    let fixed = apply(BUILDER, &edits);
    snap.check_text(
        &fixed,
        expect![[r#"
        ---
        name: builder
        description: 🏗️ Builds: things
        color: purple
        model: sonnet
        ---
        You build things.
    "#]],
    );
    client
        .change(
            &u,
            2,
            json!(
                edits
                    .iter()
                    .map(|e| json!({ "range": e["range"], "text": e["newText"] }))
                    .collect::<Vec<_>>()
            ),
        )
        .await;
    snap.check(&client.publish(&u, 2).await, expect![[r#"
        {
          "diagnostics": [
            {"code": "yaml-syntax", "message": "`: ` inside an unquoted value starts a new key here, so this is not valid YAML. Quote the value, or use a block scalar (`>-`). Claude Code reads past it: when the front matter does not parse, it quotes such values and parses again, reading `description` as the text `🏗️ Builds: things`. Copilot CLI, which reads `.claude/agents` too, parses it as strict YAML and refuses the agent.", "range": {"end": {"character": 24, "line": 2}, "start": {"character": 23, "line": 2}}, "severity": 2, "source": "persona-ls"}
          ],
          "uri": "file://$ROOT/.claude/agents/builder.md",
          "version": 2
        }
    "#]]);
    let all = client
        .request("textDocument/codeAction", json!({ "textDocument": { "uri": u }, "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } }, "context": { "diagnostics": [], "only": ["source.fixAll"] } }))
        .await
        .unwrap();
    snap.check(&all, expect![[r#"
        [
          {
            "edit": {
              "changes": {
                "file://$ROOT/.claude/agents/builder.md": [
                  {"newText": "'🏗️ Builds: things'", "range": {"end": {"character": 31, "line": 2}, "start": {"character": 13, "line": 2}}}
                ]
              }
            },
            "kind": "source.fixAll.persona-ls",
            "title": "Fix all safe problems (persona-ls)"
          }
        ]
    "#]]);
    let fixed_all = apply(
        &fixed,
        all[0]["edit"]["changes"][u.as_str()].as_array().unwrap(),
    );
    snap.check_text(
        &fixed_all,
        expect![[r#"
        ---
        name: builder
        description: '🏗️ Builds: things'
        color: purple
        model: sonnet
        ---
        You build things.
    "#]],
    );
    assert_eq!(client.shutdown_and_exit().await, 0);
}

/// Requests on a document that is not open get `null`; positions and edits past the end are
/// clamped, never a crash.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_documents_and_positions_past_the_end_get_clean_answers() {
    let dir = project(&[]);
    let snap = Snap::new(dir.path());
    let mut client = start(dir.path()).await;
    let unknown = at("file:///nowhere/x.md", 0, 0);
    for method in ["textDocument/hover", "textDocument/completion"] {
        assert_eq!(
            client.request(method, unknown.clone()).await,
            Ok(Value::Null),
            "{method}"
        );
    }
    let doc = json!({ "textDocument": { "uri": "file:///nowhere/x.md" } });
    for method in ["textDocument/documentSymbol", "textDocument/foldingRange"] {
        assert_eq!(
            client.request(method, doc.clone()).await,
            Ok(Value::Null),
            "{method}"
        );
    }
    let range =
        json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 9, "character": 0 } });
    assert_eq!(client.request("textDocument/codeAction", json!({ "textDocument": doc["textDocument"], "range": range, "context": { "diagnostics": [] } })).await, Ok(Value::Null));
    // A change to a document that is not open is ignored.
    client
        .change("file:///nowhere/x.md", 2, json!([{ "text": "x" }]))
        .await;
    let u = uri(dir.path(), ".claude/agents/builder.md");
    client.open(&u, BUILDER).await;
    client.diagnostics(&u, 1).await;
    assert_eq!(
        client.request("textDocument/hover", at(&u, 999, 0)).await,
        Ok(Value::Null)
    );
    assert_eq!(
        client
            .request("textDocument/completion", at(&u, 999, 999))
            .await,
        Ok(Value::Null)
    );
    // Past the end of the `model` line: clamped to its end, after `sonnet`.
    let past = client
        .request("textDocument/completion", at(&u, 4, 999))
        .await
        .unwrap();
    let end = client
        .request("textDocument/completion", at(&u, 4, 13))
        .await
        .unwrap();
    assert!(labels(&past).contains(&"opus".to_string()));
    assert_eq!(past, end);
    let ranges = client.request("textDocument/selectionRange", json!({ "textDocument": { "uri": u }, "positions": [{ "line": 999, "character": 999 }] })).await.unwrap();
    snap.check(&ranges, expect![[r#"
        [
          {"parent": {"range": {"end": {"character": 0, "line": 7}, "start": {"character": 0, "line": 0}}}, "range": {"end": {"character": 0, "line": 7}, "start": {"character": 0, "line": 7}}}
        ]
    "#]]);
    client.change(&u, 2, json!([{ "range": { "start": { "line": 99, "character": 0 }, "end": { "line": 99, "character": 9 } }, "text": "More.\n" }])).await;
    snap.check(&client.publish(&u, 2).await, expect![[r#"
        {
          "diagnostics": [
            {"code": "yaml-syntax", "message": "`: ` inside an unquoted value starts a new key here, so this is not valid YAML. Quote the value, or use a block scalar (`>-`). Claude Code reads past it: when the front matter does not parse, it quotes such values and parses again, reading `description` as the text `🏗️ Builds: things`. Copilot CLI, which reads `.claude/agents` too, parses it as strict YAML and refuses the agent.", "range": {"end": {"character": 24, "line": 2}, "start": {"character": 23, "line": 2}}, "severity": 2, "source": "persona-ls"},
            {"code": "invalid-value", "message": "`purpel` is not a valid `color`: did you mean `purple`? Allowed: `red`, `blue`, `green`, `yellow`, `purple`, `orange`, `pink`, `cyan`.", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 7, "line": 3}}, "severity": 2, "source": "persona-ls"}
          ],
          "uri": "file://$ROOT/.claude/agents/builder.md",
          "version": 2
        }
    "#]]);
    assert_eq!(client.shutdown_and_exit().await, 0);
}

/// The outline (front-matter keys and nested headings), folds, and selection ranges; after an
/// edit the outline follows (the tree is re-parsed incrementally).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn symbols_folding_and_selection_ranges() {
    let dir = project(&[]);
    let snap = Snap::new(dir.path());
    let mut client = start(dir.path()).await;
    let u = uri(dir.path(), ".claude/agents/r.md");
    let text = "---\nname: reviewer\ndescription: Reviews\ntools: Read, Grep\n---\n# Reviewer\n\nIntro.\n\n## Steps\n\n```sh\nls\n```\n\n## Notes\nDone.\n";
    client.open(&u, text).await;
    client.diagnostics(&u, 1).await;
    let doc = json!({ "textDocument": { "uri": u } });
    let syms = client
        .request("textDocument/documentSymbol", doc.clone())
        .await
        .unwrap();
    snap.check(&syms, expect![[r#"
        [
          {
            "children": [
              {"detail": "reviewer", "kind": 7, "name": "name", "range": {"end": {"character": 14, "line": 1}, "start": {"character": 0, "line": 1}}, "selectionRange": {"end": {"character": 4, "line": 1}, "start": {"character": 0, "line": 1}}},
              {"detail": "Reviews", "kind": 7, "name": "description", "range": {"end": {"character": 20, "line": 2}, "start": {"character": 0, "line": 2}}, "selectionRange": {"end": {"character": 11, "line": 2}, "start": {"character": 0, "line": 2}}},
              {"detail": "Read, Grep", "kind": 7, "name": "tools", "range": {"end": {"character": 17, "line": 3}, "start": {"character": 0, "line": 3}}, "selectionRange": {"end": {"character": 5, "line": 3}, "start": {"character": 0, "line": 3}}}
            ],
            "kind": 2,
            "name": "front matter",
            "range": {"end": {"character": 3, "line": 4}, "start": {"character": 0, "line": 0}},
            "selectionRange": {"end": {"character": 3, "line": 0}, "start": {"character": 0, "line": 0}}
          },
          {
            "children": [
              {"kind": 15, "name": "Steps", "range": {"end": {"character": 3, "line": 13}, "start": {"character": 0, "line": 9}}, "selectionRange": {"end": {"character": 8, "line": 9}, "start": {"character": 3, "line": 9}}},
              {"kind": 15, "name": "Notes", "range": {"end": {"character": 5, "line": 16}, "start": {"character": 0, "line": 15}}, "selectionRange": {"end": {"character": 8, "line": 15}, "start": {"character": 3, "line": 15}}}
            ],
            "kind": 15,
            "name": "Reviewer",
            "range": {"end": {"character": 5, "line": 16}, "start": {"character": 0, "line": 5}},
            "selectionRange": {"end": {"character": 10, "line": 5}, "start": {"character": 2, "line": 5}}
          }
        ]
    "#]]);
    let folds = client
        .request("textDocument/foldingRange", doc.clone())
        .await
        .unwrap();
    snap.check(
        &folds,
        expect![[r#"
        [
          {"endLine": 4, "kind": "region", "startLine": 0},
          {"endLine": 16, "kind": "region", "startLine": 5},
          {"endLine": 13, "kind": "region", "startLine": 9},
          {"endLine": 13, "kind": "region", "startLine": 11},
          {"endLine": 16, "kind": "region", "startLine": 15}
        ]
    "#]],
    );
    let sel = client
        .request(
            "textDocument/selectionRange",
            json!({ "textDocument": { "uri": u }, "positions": [{ "line": 3, "character": 14 }] }),
        )
        .await
        .unwrap();
    snap.check(&sel, expect![[r#"
        [
          {"parent": {"parent": {"parent": {"parent": {"parent": {"range": {"end": {"character": 0, "line": 17}, "start": {"character": 0, "line": 0}}}, "range": {"end": {"character": 3, "line": 4}, "start": {"character": 0, "line": 0}}}, "range": {"end": {"character": 17, "line": 3}, "start": {"character": 0, "line": 1}}}, "range": {"end": {"character": 17, "line": 3}, "start": {"character": 0, "line": 3}}}, "range": {"end": {"character": 17, "line": 3}, "start": {"character": 7, "line": 3}}}, "range": {"end": {"character": 17, "line": 3}, "start": {"character": 13, "line": 3}}}
        ]
    "#]]);
    client.change(&u, 2, json!([{ "range": { "start": { "line": 15, "character": 3 }, "end": { "line": 15, "character": 8 } }, "text": "Remarks" }])).await;
    let syms = client
        .request("textDocument/documentSymbol", doc)
        .await
        .unwrap();
    snap.check(&syms, expect![[r#"
        [
          {
            "children": [
              {"detail": "reviewer", "kind": 7, "name": "name", "range": {"end": {"character": 14, "line": 1}, "start": {"character": 0, "line": 1}}, "selectionRange": {"end": {"character": 4, "line": 1}, "start": {"character": 0, "line": 1}}},
              {"detail": "Reviews", "kind": 7, "name": "description", "range": {"end": {"character": 20, "line": 2}, "start": {"character": 0, "line": 2}}, "selectionRange": {"end": {"character": 11, "line": 2}, "start": {"character": 0, "line": 2}}},
              {"detail": "Read, Grep", "kind": 7, "name": "tools", "range": {"end": {"character": 17, "line": 3}, "start": {"character": 0, "line": 3}}, "selectionRange": {"end": {"character": 5, "line": 3}, "start": {"character": 0, "line": 3}}}
            ],
            "kind": 2,
            "name": "front matter",
            "range": {"end": {"character": 3, "line": 4}, "start": {"character": 0, "line": 0}},
            "selectionRange": {"end": {"character": 3, "line": 0}, "start": {"character": 0, "line": 0}}
          },
          {
            "children": [
              {"kind": 15, "name": "Steps", "range": {"end": {"character": 3, "line": 13}, "start": {"character": 0, "line": 9}}, "selectionRange": {"end": {"character": 8, "line": 9}, "start": {"character": 3, "line": 9}}},
              {"kind": 15, "name": "Remarks", "range": {"end": {"character": 5, "line": 16}, "start": {"character": 0, "line": 15}}, "selectionRange": {"end": {"character": 10, "line": 15}, "start": {"character": 3, "line": 15}}}
            ],
            "kind": 15,
            "name": "Reviewer",
            "range": {"end": {"character": 5, "line": 16}, "start": {"character": 0, "line": 5}},
            "selectionRange": {"end": {"character": 10, "line": 5}, "start": {"character": 2, "line": 5}}
          }
        ]
    "#]]);
    assert_eq!(client.shutdown_and_exit().await, 0);
}

/// Rule severities from `initializationOptions`, then from `didChangeConfiguration` (wrapped
/// in the server's section), which re-checks the open documents.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings_from_initialization_options_and_did_change_configuration() {
    let dir = project(&[]);
    let snap = Snap::new(dir.path());
    let options = json!({ "rules": { "invalid-value": "off", "yaml-syntax": "error" } });
    let (mut client, _) =
        TestClient::start(capabilities(&["utf-16"]), Some(dir.path()), Some(options)).await;
    let u = uri(dir.path(), ".claude/agents/builder.md");
    client.open(&u, BUILDER).await;
    snap.check(&client.publish(&u, 1).await, expect![[r#"
        {
          "diagnostics": [
            {"code": "yaml-syntax", "message": "`: ` inside an unquoted value starts a new key here, so this is not valid YAML. Quote the value, or use a block scalar (`>-`). Claude Code reads past it: when the front matter does not parse, it quotes such values and parses again, reading `description` as the text `🏗️ Builds: things`. Copilot CLI, which reads `.claude/agents` too, parses it as strict YAML and refuses the agent.", "range": {"end": {"character": 24, "line": 2}, "start": {"character": 23, "line": 2}}, "severity": 1, "source": "persona-ls"}
          ],
          "uri": "file://$ROOT/.claude/agents/builder.md",
          "version": 1
        }
    "#]]);
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({ "settings": { "persona-ls": { "rules": { "yaml-syntax": "off" } } } }),
        )
        .await;
    snap.check(&client.publish(&u, 1).await, expect![[r#"
        {
          "diagnostics": [
            {"code": "invalid-value", "message": "`purpel` is not a valid `color`: did you mean `purple`? Allowed: `red`, `blue`, `green`, `yellow`, `purple`, `orange`, `pink`, `cyan`.", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 7, "line": 3}}, "severity": 2, "source": "persona-ls"}
          ],
          "uri": "file://$ROOT/.claude/agents/builder.md",
          "version": 1
        }
    "#]]);
    assert_eq!(client.shutdown_and_exit().await, 0);
}

/// Invalid settings are shown to the user, and the defaults apply.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_settings_are_reported_and_the_defaults_apply() {
    let dir = project(&[]);
    let snap = Snap::new(dir.path());
    let options = json!({ "rules": { "no-such-rule": "off" } });
    let (mut client, _) =
        TestClient::start(capabilities(&["utf-16"]), Some(dir.path()), Some(options)).await;
    let msg = client.notification("window/showMessage", |_| true).await;
    snap.check(&msg, expect![[r#"
        {
          "message": "persona-ls: invalid initializationOptions: unknown rule `no-such-rule`; rules are: missing-front-matter, unclosed-front-matter, yaml-syntax, not-a-mapping, duplicate-key, missing-required-key, unknown-key, invalid-value, invalid-type, invalid-name, name-mismatch, unknown-tool, tools-format, unknown-model, retired-model, escaped-newline, duplicate-name, hidden-unicode, empty-body, rendered-front-matter, byte-order-mark, deprecated-key, ineffective-key, conflicting-keys, description-too-long, misplaced-file, unknown-reference, context-budget, broken-link",
          "type": 1
        }
    "#]]);
    let u = uri(dir.path(), ".claude/agents/builder.md");
    client.open(&u, BUILDER).await;
    assert_eq!(client.diagnostics(&u, 1).await.len(), 2);
    assert_eq!(client.shutdown_and_exit().await, 0);
}

/// A client that sends `settings: null` is asked with `workspace/configuration`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings_are_pulled_when_the_client_sends_none() {
    let dir = project(&[]);
    let snap = Snap::new(dir.path());
    let mut caps = capabilities(&["utf-16"]);
    caps["workspace"]["configuration"] = json!(true);
    let (mut client, _) = TestClient::start(caps, Some(dir.path()), None).await;
    client.settings = json!({ "rules": { "invalid-value": "off" } });
    let u = uri(dir.path(), ".claude/agents/a.md");
    client
        .open(
            &u,
            "---\nname: a\ndescription: d\ncolor: purpel\n---\nBody\n",
        )
        .await;
    // Whether the first pull (after `initialized`) or this one lands first, the last
    // publish has no `invalid-value`.
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({ "settings": null }),
        )
        .await;
    let mut last = Value::Null;
    for _ in 0..3 {
        last = client.publish(&u, 1).await;
        if last["diagnostics"] == json!([]) {
            break;
        }
    }
    snap.check(
        &last,
        expect![[r#"
        {"diagnostics": [], "uri": "file://$ROOT/.claude/agents/a.md", "version": 1}
    "#]],
    );
    // One pull or two, depending on timing: each the same request.
    let mut asked: Vec<Value> = client.server_requests.iter().map(without_id).collect();
    asked.dedup();
    snap.check(
        &Value::Array(asked),
        expect![[r#"
        [
          {
            "jsonrpc": "2.0",
            "method": "workspace/configuration",
            "params": {
              "items": [
                {"section": "persona-ls"}
              ]
            }
          }
        ]
    "#]],
    );
    assert_eq!(client.shutdown_and_exit().await, 0);
}

/// `.persona-ls.toml` changed on disk (a watched-file event) or saved in the editor re-checks
/// the open documents; a broken one is reported at its position and the defaults apply until
/// it is fixed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_to_the_configuration_file_rechecks_open_documents() {
    let dir = project(&[]);
    let snap = Snap::new(dir.path());
    let mut client = start(dir.path()).await;
    let u = uri(dir.path(), ".claude/agents/builder.md");
    client.open(&u, BUILDER).await;
    assert_eq!(client.diagnostics(&u, 1).await.len(), 2);
    let config: PathBuf = dir.path().join(".persona-ls.toml");
    let config_uri = file_uri(&config);
    let watched = |kind: u32| json!({ "changes": [{ "uri": config_uri, "type": kind }] });
    std::fs::write(&config, "[rules]\ninvalid-value = \"off\"\n").unwrap();
    client
        .notify("workspace/didChangeWatchedFiles", watched(1))
        .await;
    snap.check(&client.publish(&u, 1).await, expect![[r#"
        {
          "diagnostics": [
            {"code": "yaml-syntax", "message": "`: ` inside an unquoted value starts a new key here, so this is not valid YAML. Quote the value, or use a block scalar (`>-`). Claude Code reads past it: when the front matter does not parse, it quotes such values and parses again, reading `description` as the text `🏗️ Builds: things`. Copilot CLI, which reads `.claude/agents` too, parses it as strict YAML and refuses the agent.", "range": {"end": {"character": 24, "line": 2}, "start": {"character": 23, "line": 2}}, "severity": 2, "source": "persona-ls"}
          ],
          "uri": "file://$ROOT/.claude/agents/builder.md",
          "version": 1
        }
    "#]]);
    std::fs::write(&config, "[rules]\nyaml-syntax = \"off\"\n").unwrap();
    client
        .notify(
            "textDocument/didSave",
            json!({ "textDocument": { "uri": config_uri } }),
        )
        .await;
    snap.check(&client.publish(&u, 1).await, expect![[r#"
        {
          "diagnostics": [
            {"code": "invalid-value", "message": "`purpel` is not a valid `color`: did you mean `purple`? Allowed: `red`, `blue`, `green`, `yellow`, `purple`, `orange`, `pink`, `cyan`.", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 7, "line": 3}}, "severity": 2, "source": "persona-ls"}
          ],
          "uri": "file://$ROOT/.claude/agents/builder.md",
          "version": 1
        }
    "#]]);
    std::fs::write(&config, "[rules]\nyaml-syntax = \"loud\"\n").unwrap();
    client
        .notify("workspace/didChangeWatchedFiles", watched(2))
        .await;
    let msg = client.notification("window/showMessage", |_| true).await;
    snap.check(&msg, expect![[r#"
        {
          "message": "persona-ls: $ROOT/.persona-ls.toml:2:1: rule `yaml-syntax`: `loud` is not one of off, error, warning, information, hint",
          "type": 1
        }
    "#]]);
    let published = client
        .notification("textDocument/publishDiagnostics", |p| {
            p["uri"] == config_uri
        })
        .await;
    snap.check(&published, expect![[r#"
        {
          "diagnostics": [
            {"code": "invalid-configuration", "message": "rule `yaml-syntax`: `loud` is not one of off, error, warning, information, hint", "range": {"end": {"character": 11, "line": 1}, "start": {"character": 0, "line": 1}}, "severity": 1, "source": "persona-ls"}
          ],
          "uri": "file://$ROOT/.persona-ls.toml"
        }
    "#]]);
    assert_eq!(client.diagnostics(&u, 1).await.len(), 2);
    // Fixed: the file's diagnostic is cleared.
    std::fs::write(&config, "[rules]\n").unwrap();
    client
        .notify("workspace/didChangeWatchedFiles", watched(2))
        .await;
    let cleared = client
        .notification("textDocument/publishDiagnostics", |p| {
            p["uri"] == config_uri
        })
        .await;
    snap.check(
        &cleared,
        expect![[r#"
        {"diagnostics": [], "uri": "file://$ROOT/.persona-ls.toml"}
    "#]],
    );
    assert_eq!(client.shutdown_and_exit().await, 0);
}

/// With pull diagnostics: full reports, `unchanged` for the same result id, a new report after
/// a change, and a refresh request after a configuration change.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pull_diagnostics_when_the_client_supports_them() {
    let dir = project(&[]);
    let snap = Snap::new(dir.path());
    let mut caps = capabilities(&["utf-16"]);
    caps["textDocument"]["diagnostic"] = json!({});
    caps["workspace"]["diagnostics"] = json!({ "refreshSupport": true });
    let (mut client, result) = TestClient::start(caps, Some(dir.path()), None).await;
    snap.check(
        &result["capabilities"]["diagnosticProvider"],
        expect![[r#"
            {
              "identifier": "persona-ls",
              "interFileDependencies": true,
              "workspaceDiagnostics": true
            }
        "#]],
    );
    let u = uri(dir.path(), ".claude/agents/builder.md");
    client.open(&u, BUILDER).await;
    let pull = |previous: Option<&Value>| match previous {
        Some(id) => json!({ "textDocument": { "uri": u }, "previousResultId": id }),
        None => json!({ "textDocument": { "uri": u } }),
    };
    let report = client
        .request("textDocument/diagnostic", pull(None))
        .await
        .unwrap();
    snap.check(&report, expect![[r#"
        {
          "items": [
            {"code": "yaml-syntax", "message": "`: ` inside an unquoted value starts a new key here, so this is not valid YAML. Quote the value, or use a block scalar (`>-`). Claude Code reads past it: when the front matter does not parse, it quotes such values and parses again, reading `description` as the text `🏗️ Builds: things`. Copilot CLI, which reads `.claude/agents` too, parses it as strict YAML and refuses the agent.", "range": {"end": {"character": 24, "line": 2}, "start": {"character": 23, "line": 2}}, "severity": 2, "source": "persona-ls"},
            {"code": "invalid-value", "message": "`purpel` is not a valid `color`: did you mean `purple`? Allowed: `red`, `blue`, `green`, `yellow`, `purple`, `orange`, `pink`, `cyan`.", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 7, "line": 3}}, "severity": 2, "source": "persona-ls"}
          ],
          "kind": "full",
          "resultId": "$RESULT_ID1"
        }
    "#]]);
    let again = client
        .request("textDocument/diagnostic", pull(Some(&report["resultId"])))
        .await
        .unwrap();
    snap.check(
        &again,
        expect![[r#"
        {"kind": "unchanged", "resultId": "$RESULT_ID1"}
    "#]],
    );
    client.change(&u, 2, json!([{ "range": { "start": { "line": 3, "character": 7 }, "end": { "line": 3, "character": 13 } }, "text": "purple" }])).await;
    let report = client
        .request("textDocument/diagnostic", pull(Some(&report["resultId"])))
        .await
        .unwrap();
    snap.check(&report, expect![[r#"
        {
          "items": [
            {"code": "yaml-syntax", "message": "`: ` inside an unquoted value starts a new key here, so this is not valid YAML. Quote the value, or use a block scalar (`>-`). Claude Code reads past it: when the front matter does not parse, it quotes such values and parses again, reading `description` as the text `🏗️ Builds: things`. Copilot CLI, which reads `.claude/agents` too, parses it as strict YAML and refuses the agent.", "range": {"end": {"character": 24, "line": 2}, "start": {"character": 23, "line": 2}}, "severity": 2, "source": "persona-ls"}
          ],
          "kind": "full",
          "resultId": "$RESULT_ID2"
        }
    "#]]);
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({ "settings": { "rules": { "yaml-syntax": "off" } } }),
        )
        .await;
    let refresh = |r: &Value| r["method"] == "workspace/diagnostic/refresh";
    for _ in 0..100 {
        if client.server_requests.iter().any(refresh) {
            break;
        }
        // Any round-trip lets the client answer the server's pending requests.
        hover(&mut client, &u, 0, 0).await;
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    let refreshes: Vec<Value> = client
        .server_requests
        .iter()
        .filter(|r| refresh(r))
        .map(without_id)
        .take(1)
        .collect();
    snap.check(
        &Value::Array(refreshes),
        expect![[r#"
        [
          {"jsonrpc": "2.0", "method": "workspace/diagnostic/refresh", "params": null}
        ]
    "#]],
    );
    // The startup scan asks for a refresh too: pull until the new configuration shows.
    let mut latest = Value::Null;
    for _ in 0..100 {
        latest = client
            .request("textDocument/diagnostic", pull(Some(&report["resultId"])))
            .await
            .unwrap();
        if latest["kind"] == "full" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    snap.check(
        &latest,
        expect![[r#"
        {"items": [], "kind": "full", "resultId": "$RESULT_ID3"}
    "#]],
    );
    assert_eq!(client.shutdown_and_exit().await, 0);
}

/// Megabytes of broken front matter take the analysis a while; a small document opened after
/// it gets its diagnostics first, and hover answers meanwhile.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_document_does_not_hold_back_another() {
    let dir = project(&[]);
    let snap = Snap::new(dir.path());
    let mut client = start(dir.path()).await;
    let mut slow = String::from("---\nname: slow\ndescription: d\n");
    for i in 0..20_000 {
        slow.push_str(&format!("k{i}: a: b\n"));
    }
    slow.push_str("---\nBody\n");
    let slow_uri = uri(dir.path(), ".claude/agents/slow.md");
    let fast_uri = uri(dir.path(), ".claude/agents/fast.md");
    client.open(&slow_uri, &slow).await;
    client.open(&fast_uri, BUILDER).await;
    snap.check(&hover(&mut client, &fast_uri, 4, 1).await, expect![[r#"
        {
          "contents": {
            "kind": "markdown",
            "value": "**`model`** · model\n\nModel for this subagent: `sonnet`, `opus`, `haiku`, `fable`, a full model id such as `claude-opus-5` (same values as `--model`), or `inherit` (default). Full ids are honored since Claude Code v2.1.74.\n\nKnown values: `sonnet`, `opus`, `haiku`, `fable`, `inherit`, `best`, `opusplan`, `sonnet[1m]`, `opus[1m]`, `claude-fable-5-1`, `claude-opus-5-5`, `claude-sonnet-5-5` and 15 more.\n\nDefault: `inherit`.\n\nDialect: Claude Code subagent (Claude Code). [Source](https://code.claude.com/docs/en/sub-agents)\n\nThis file: Claude Code subagent (recognised by its path)."
          },
          "range": {"end": {"character": 5, "line": 4}, "start": {"character": 0, "line": 4}}
        }
    "#]]);
    let first = client
        .next_notification("textDocument/publishDiagnostics")
        .await;
    snap.check(&first, expect![[r#"
        {
          "diagnostics": [
            {"code": "yaml-syntax", "message": "`: ` inside an unquoted value starts a new key here, so this is not valid YAML. Quote the value, or use a block scalar (`>-`). Claude Code reads past it: when the front matter does not parse, it quotes such values and parses again, reading `description` as the text `🏗️ Builds: things`. Copilot CLI, which reads `.claude/agents` too, parses it as strict YAML and refuses the agent.", "range": {"end": {"character": 24, "line": 2}, "start": {"character": 23, "line": 2}}, "severity": 2, "source": "persona-ls"},
            {"code": "invalid-value", "message": "`purpel` is not a valid `color`: did you mean `purple`? Allowed: `red`, `blue`, `green`, `yellow`, `purple`, `orange`, `pink`, `cyan`.", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 7, "line": 3}}, "severity": 2, "source": "persona-ls"}
          ],
          "uri": "file://$ROOT/.claude/agents/fast.md",
          "version": 1
        }
    "#]]);
    let second = client
        .next_notification("textDocument/publishDiagnostics")
        .await;
    assert_eq!(second["uri"], slow_uri);
    let diags = second["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 2002);
    // The first two and the last two: 1,000 of each code, then the note on each cut.
    let ends = Value::Array([&diags[..2], &diags[diags.len() - 2..]].concat());
    snap.check(&ends, expect![[r#"
        [
          {"code": "unknown-key", "message": "`k0` is not a Claude Code subagent key; Claude Code ignores it.", "range": {"end": {"character": 2, "line": 3}, "start": {"character": 0, "line": 3}}, "severity": 3, "source": "persona-ls"},
          {"code": "yaml-syntax", "message": "`: ` inside an unquoted value starts a new key here, so this is not valid YAML. Quote the value, or use a block scalar (`>-`). Claude Code's second try, which quotes special characters in unindented `key: value` lines, leaves this line as it is. Claude Code reads none of its keys: it skips this agent, and lists a plugin agent with a placeholder description instead of its own. Copilot CLI, which reads `.claude/agents` too, refuses it.", "range": {"end": {"character": 6, "line": 3}, "start": {"character": 5, "line": 3}}, "severity": 1, "source": "persona-ls"},
          {"code": "unknown-key", "message": "19000 more `unknown-key` findings in this file are not listed here: persona-ls lists the first 1000 of each rule per file. Fix these and check again.", "range": {"end": {"character": 5, "line": 1003}, "start": {"character": 0, "line": 1003}}, "severity": 3, "source": "persona-ls"},
          {"code": "yaml-syntax", "message": "19000 more `yaml-syntax` findings in this file are not listed here: persona-ls lists the first 1000 of each rule per file. Fix these and check again.", "range": {"end": {"character": 9, "line": 1003}, "start": {"character": 8, "line": 1003}}, "severity": 1, "source": "persona-ls"}
        ]
    "#]]);
    assert_eq!(client.shutdown_and_exit().await, 0);
}

/// File events and closed documents outside the workspace folders (and links that lead out of
/// them) are never read: their values must not reach completion.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_reads_no_file_outside_its_workspace() {
    let persona = |tier: &str| {
        format!("---\nname: t\ndescription: d\ncolor: blue\ntier: {tier}\n---\nBody\n")
    };
    let outside = project(&[
        ("engineering/secret.md", &persona("worker/secret")),
        ("engineering/linked.md", &persona("worker/linked")),
        ("engineering/closed.md", &persona("worker/on-disk")),
    ]);
    let dir = project(&[]);
    let snap = Snap::with(&[(dir.path(), "$ROOT"), (outside.path(), "$OUTSIDE")]);
    std::fs::create_dir_all(dir.path().join("engineering")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        outside.path().join("engineering/linked.md"),
        dir.path().join("engineering/link.md"),
    )
    .unwrap();
    let mut client = start(dir.path()).await;
    let fixture = "---\nname: X\ndescription: d\ncolor: blue\ntier: $0\n---\nBody\n";
    let (pos, text) = cursor(fixture);
    let u = uri(dir.path(), "engineering/x.md");
    client.open(&u, &text).await;
    client.diagnostics(&u, 1).await;
    // A document the client opens is read from the client, wherever it is; closing it must
    // not send the server to the disk for it.
    let closed = file_uri(&outside.path().join("engineering/closed.md"));
    client.open(&closed, &persona("worker/opened")).await;
    client.diagnostics(&closed, 1).await;
    close(&mut client, &closed).await;
    // Events for outside files and the link, then one for a file inside: once the inside
    // value shows, the whole batch was handled.
    let inside = dir.path().join("engineering/inside.md");
    std::fs::write(&inside, persona("worker/inside")).unwrap();
    let changes: Vec<Value> = [
        outside.path().join("engineering/secret.md"),
        dir.path().join("engineering/link.md"),
        inside.clone(),
    ]
    .iter()
    .map(|p| json!({ "uri": file_uri(p), "type": 1 }))
    .collect();
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({ "changes": changes }),
        )
        .await;
    let completion = json!({ "textDocument": { "uri": u }, "position": pos });
    let mut result = Value::Null;
    for _ in 0..200 {
        result = client
            .request("textDocument/completion", completion.clone())
            .await
            .unwrap();
        let tiers = labels(&result);
        if tiers.contains(&"worker/inside".to_string())
            && !tiers.contains(&"worker/opened".to_string())
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    snap.check(&result, expect![[r#"
        {
          "isIncomplete": false,
          "items": [
            {"detail": "used in 1 other file", "kind": 12, "label": "worker/inside", "sortText": "50000", "textEdit": {"newText": "worker/inside", "range": {"end": {"character": 6, "line": 4}, "start": {"character": 6, "line": 4}}}}
          ]
        }
    "#]]);
    assert_eq!(client.shutdown_and_exit().await, 0);
}

const PUBLISH: &str = "textDocument/publishDiagnostics";

/// The codes in a `publishDiagnostics`'s parameters.
fn codes(p: &Value) -> Vec<String> {
    p["diagnostics"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|d| d["code"].as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default()
}

fn has_unknown(p: &Value) -> bool {
    codes(p).iter().any(|c| c == "unknown-reference")
}

/// Waits for a publish for `u` whose parameters match `pred`, after dropping the publishes
/// for `u` already read (they came before the action being waited on).
async fn publish_after(client: &mut TestClient, u: &str, pred: impl Fn(&Value) -> bool) -> Value {
    client.forget(PUBLISH, |p| p["uri"] == u);
    client
        .notification(PUBLISH, |p| p["uri"] == u && pred(p))
        .await
}

/// Client capabilities with progress reports (the end of the scan's says the index is
/// complete).
fn with_progress(mut caps: Value) -> Value {
    caps["window"] = json!({ "workDoneProgress": true });
    caps
}

/// Waits for the end of the workspace scan's progress report; returns its message.
async fn indexed(client: &mut TestClient) -> Value {
    client
        .notification("$/progress", |p| p["value"]["kind"] == "end")
        .await["value"]
        .clone()
}

/// Starts a client that shows progress (and pulls diagnostics when `pull`) on `root`, and
/// waits for the workspace scan to end; returns the client and the end of the scan's report.
async fn start_indexed(root: &Path, pull: bool, options: Option<Value>) -> (TestClient, Value) {
    let mut caps = with_progress(capabilities(&["utf-16"]));
    if pull {
        caps["textDocument"]["diagnostic"] = json!({});
        caps["workspace"]["diagnostics"] = json!({ "refreshSupport": true });
    }
    let (mut client, _) = TestClient::start(caps, Some(root), options).await;
    let end = indexed(&mut client).await;
    (client, end)
}

const PLANNER: &str = "---\nname: planner\ndescription: Plans the work\n---\nYou plan.\n";
const PLAN_PROMPT: &str = "---\nagent: planner\ndescription: Plan a feature\n---\nPlan it.\n";

/// A notification to send (method, parameters), made when it is sent.
type Notify<'a> = Box<dyn FnOnce() -> (&'static str, Value) + 'a>;

/// Sends `breaking` and waits for `dependent`'s publish with `unknown-reference`, then sends
/// `healing` and waits for one without; returns both publishes.
async fn broken_then_healed(
    client: &mut TestClient,
    dependent: &str,
    breaking: Notify<'_>,
    healing: Notify<'_>,
) -> (Value, Value) {
    let (method, params) = breaking();
    client.notify(method, params).await;
    let broken = publish_after(client, dependent, has_unknown).await;
    let (method, params) = healing();
    client.notify(method, params).await;
    let healed = publish_after(client, dependent, |p| !has_unknown(p)).await;
    (broken, healed)
}

/// A VS Code prompt names its agent (`agent: planner`): when the agent's `name:` changes in
/// the editor, the prompt gets `unknown-reference` at once, and loses it when the name comes
/// back; the prompt itself is never re-analysed, only its cross-file part.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_renamed_agent_gives_the_prompt_naming_it_unknown_reference_at_once() {
    let dir = project(&[
        (".github/agents/planner.agent.md", PLANNER),
        (".github/prompts/plan.prompt.md", PLAN_PROMPT),
    ]);
    let snap = Snap::new(dir.path());
    let mut client = start(dir.path()).await;
    let agent = uri(dir.path(), ".github/agents/planner.agent.md");
    let prompt = uri(dir.path(), ".github/prompts/plan.prompt.md");
    client.open(&agent, PLANNER).await;
    client.open(&prompt, PLAN_PROMPT).await;
    client
        .notification(PUBLISH, |p| p["uri"] == prompt && !has_unknown(p))
        .await;
    // `name: planner` → `name: architect` (version 2) and back (version 3).
    let rename = |version: i64, from: &str, to: &str| -> Notify<'_> {
        let end = 6 + from.len();
        let params = json!({ "textDocument": { "uri": agent, "version": version }, "contentChanges": [{ "range": { "start": { "line": 1, "character": 6 }, "end": { "line": 1, "character": end } }, "text": to }] });
        Box::new(move || ("textDocument/didChange", params))
    };
    let (broken, healed) = broken_then_healed(
        &mut client,
        &prompt,
        rename(2, "planner", "architect"),
        rename(3, "architect", "planner"),
    )
    .await;
    snap.check(&broken, expect![[r#"
        {
          "diagnostics": [
            {"code": "unknown-reference", "message": "`agent: planner` names no VS Code custom agent in this project: VS Code warns \"Unknown agent\" and runs the prompt in the current agent.", "range": {"end": {"character": 14, "line": 1}, "start": {"character": 7, "line": 1}}, "severity": 2, "source": "persona-ls"}
          ],
          "uri": "file://$ROOT/.github/prompts/plan.prompt.md",
          "version": 1
        }
    "#]]);
    snap.check(
        &healed,
        expect![[r#"
        {
          "diagnostics": [],
          "uri": "file://$ROOT/.github/prompts/plan.prompt.md",
          "version": 1
        }
    "#]],
    );
    assert_eq!(client.shutdown_and_exit().await, 0);
}

const LEAD: &str = "---\nname: lead\ndescription: Leads the review\nskills: [review]\n---\nLead.\n";
const REVIEW: &str = "---\nname: review\ndescription: Reviews code\n---\nReview.\n";

/// An agent opened while the startup scan is still reading the workspace: its preload names a
/// skill the index does not hold yet, so `unknown-reference` waits for the scan (no warning
/// that goes away a moment later, as editors showed at startup), and an agent whose skill is
/// really missing gets it once the scan is applied.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_reference_waits_for_the_startup_scan() {
    // Plain Markdown for the scan to read, enough that it is still running when the agents
    // are opened; no personas (they would add to the agents' listing budget).
    let fillers: Vec<(String, String)> = (0..3000)
        .map(|i| {
            (
                format!("docs/note-{i}.md"),
                format!("# Note {i}\n\nSome text.\n"),
            )
        })
        .collect();
    let stray_text = "---\nname: stray\ndescription: Strays\nskills: [nowhere]\n---\nStray.\n";
    let mut files: Vec<(&str, &str)> = fillers
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    files.extend([
        (".claude/agents/lead.md", LEAD),
        (".claude/agents/stray.md", stray_text),
        (".claude/skills/review/SKILL.md", REVIEW),
    ]);
    let dir = project(&files);
    let caps = with_progress(capabilities(&["utf-16"]));
    let (mut client, _) = TestClient::start(caps, Some(dir.path()), None).await;
    let lead = uri(dir.path(), ".claude/agents/lead.md");
    let stray = uri(dir.path(), ".claude/agents/stray.md");
    client.open(&lead, LEAD).await;
    client.open(&stray, stray_text).await;
    let first = client.publish(&lead, 1).await;
    assert!(!has_unknown(&first), "before the scan: {first}");
    indexed(&mut client).await;
    let missing = client
        .notification(PUBLISH, |p| p["uri"] == stray && has_unknown(p))
        .await;
    assert_eq!(codes(&missing), ["unknown-reference"], "{missing}");
    assert_eq!(client.shutdown_and_exit().await, 0);
}

/// A Claude Code project skill is named by its folder. Renaming the folder (VS Code sends
/// the old folder deleted and the new one created) gives the agent that preloads it
/// `unknown-reference`; renaming it back clears it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_renamed_skill_folder_gives_its_preloader_unknown_reference() {
    let dir = project(&[
        (".claude/agents/lead.md", LEAD),
        (".claude/skills/review/SKILL.md", REVIEW),
    ]);
    let snap = Snap::new(dir.path());
    let (mut client, _) = start_indexed(dir.path(), false, None).await;
    let lead = uri(dir.path(), ".claude/agents/lead.md");
    client.open(&lead, LEAD).await;
    let clean = client.publish(&lead, 1).await;
    assert_eq!(codes(&clean), Vec::<String>::new(), "{clean:#}");
    let skills = dir.path().join(".claude/skills");
    let moved = |from: &'static str, to: &'static str| -> Notify<'_> {
        let skills = &skills;
        Box::new(move || {
            std::fs::rename(skills.join(from), skills.join(to)).unwrap();
            let changes = json!({ "changes": [
                { "uri": file_uri(&skills.join(from)), "type": 3 },
                { "uri": file_uri(&skills.join(to)), "type": 1 },
            ] });
            ("workspace/didChangeWatchedFiles", changes)
        })
    };
    let (broken, healed) = broken_then_healed(
        &mut client,
        &lead,
        moved("review", "critique"),
        moved("critique", "review"),
    )
    .await;
    snap.check(&broken, expect![[r#"
        {
          "diagnostics": [
            {"code": "unknown-reference", "message": "`skills: review` names no Claude Code skill in this project: Claude Code skips it silently (only a debug-log line says so).", "range": {"end": {"character": 15, "line": 3}, "start": {"character": 9, "line": 3}}, "severity": 2, "source": "persona-ls"}
          ],
          "uri": "file://$ROOT/.claude/agents/lead.md",
          "version": 1
        }
    "#]]);
    snap.check(
        &healed,
        expect![[r#"
        {"diagnostics": [], "uri": "file://$ROOT/.claude/agents/lead.md", "version": 1}
    "#]],
    );
    assert_eq!(client.shutdown_and_exit().await, 0);
}

/// Files never opened: one with its own findings (`BUILDER`), one with a cross-file finding
/// (a preload of a skill that does not exist), one clean.
fn unopened() -> tempfile::TempDir {
    project(&[
        (".claude/agents/builder.md", BUILDER),
        (".claude/agents/lead.md", LEAD),
        (
            ".claude/agents/quiet.md",
            "---\nname: quiet\ndescription: Says little\n---\nHush.\n",
        ),
    ])
}

/// A client that does not pull gets the diagnostics of files it never opened pushed (without
/// a version) once the scan is done; a clean file gets nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn files_never_opened_get_their_diagnostics_pushed() {
    let dir = unopened();
    let snap = Snap::new(dir.path());
    let (mut client, end) = start_indexed(dir.path(), false, None).await;
    snap.check(
        &end,
        expect![[r#"
        {"kind": "end", "message": "indexed 3 files"}
    "#]],
    );
    let builder = client
        .notification(PUBLISH, |p| {
            p["uri"] == uri(dir.path(), ".claude/agents/builder.md")
        })
        .await;
    snap.check(&builder, expect![[r#"
        {
          "diagnostics": [
            {"code": "yaml-syntax", "message": "`: ` inside an unquoted value starts a new key here, so this is not valid YAML. Quote the value, or use a block scalar (`>-`). Claude Code reads past it: when the front matter does not parse, it quotes such values and parses again, reading `description` as the text `🏗️ Builds: things`. Copilot CLI, which reads `.claude/agents` too, parses it as strict YAML and refuses the agent.", "range": {"end": {"character": 24, "line": 2}, "start": {"character": 23, "line": 2}}, "severity": 2, "source": "persona-ls"},
            {"code": "invalid-value", "message": "`purpel` is not a valid `color`: did you mean `purple`? Allowed: `red`, `blue`, `green`, `yellow`, `purple`, `orange`, `pink`, `cyan`.", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 7, "line": 3}}, "severity": 2, "source": "persona-ls"}
          ],
          "uri": "file://$ROOT/.claude/agents/builder.md"
        }
    "#]]);
    let lead = client
        .notification(PUBLISH, |p| {
            p["uri"] == uri(dir.path(), ".claude/agents/lead.md")
        })
        .await;
    snap.check(&lead, expect![[r#"
        {
          "diagnostics": [
            {"code": "unknown-reference", "message": "`skills: review` names no Claude Code skill in this project: Claude Code skips it silently (only a debug-log line says so).", "range": {"end": {"character": 15, "line": 3}, "start": {"character": 9, "line": 3}}, "severity": 2, "source": "persona-ls"}
          ],
          "uri": "file://$ROOT/.claude/agents/lead.md"
        }
    "#]]);
    // A round trip: anything pushed for the clean file has arrived by now.
    hover(
        &mut client,
        &uri(dir.path(), ".claude/agents/quiet.md"),
        0,
        0,
    )
    .await;
    let quiet = uri(dir.path(), ".claude/agents/quiet.md");
    assert!(client.unread(PUBLISH).iter().all(|p| p["uri"] != quiet));
    assert_eq!(client.shutdown_and_exit().await, 0);
}

/// A file opened while the scan's diagnostics of the files not open are still being sent: its
/// document's (versioned, from the editor's text) are the last word, never the disk's. Here
/// every file on disk has a finding that the editor's unsaved text has fixed (a restored
/// session's buffers), and the files are opened as soon as the index is complete, while the
/// scan's publishes are under way.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_opened_during_the_scans_publishes_keeps_its_editors_diagnostics() {
    const N: usize = 300;
    let on_disk =
        |i: usize| format!("---\nname: a{i}\ndescription: Agent {i}\ncolor: purpel\n---\nBody.\n");
    let files: Vec<(String, String)> = (0..N)
        .map(|i| (format!(".claude/agents/a{i}.md"), on_disk(i)))
        .collect();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let dir = project(&refs);
    let (mut client, _) = start_indexed(dir.path(), false, None).await;
    let uris: Vec<String> = files.iter().map(|(p, _)| uri(dir.path(), p)).collect();
    for (u, (_, text)) in uris.iter().zip(&files) {
        client.open(u, &text.replace("purpel", "purple")).await;
    }
    // Every publish, in the order sent, until the server has been quiet for a second.
    let mut last: std::collections::HashMap<String, Value> = Default::default();
    while let Ok(p) = tokio::time::timeout(
        std::time::Duration::from_secs(1),
        client.next_notification(PUBLISH),
    )
    .await
    {
        last.insert(p["uri"].as_str().unwrap().to_string(), p);
    }
    let wrong: Vec<&Value> = uris
        .iter()
        .filter_map(|u| last.get(u))
        .filter(|p| p["version"] != json!(1) || p["diagnostics"] != json!([]))
        .collect();
    assert!(
        wrong.is_empty(),
        "{} of {N} open documents last got the disk's diagnostics, e.g. {}",
        wrong.len(),
        wrong[0]
    );
    assert_eq!(last.len(), N, "every open document got its diagnostics");
    assert_eq!(client.shutdown_and_exit().await, 0);
}

/// A client that pulls gets every indexed file it has not opened from `workspace/diagnostic`
/// (clean ones with an empty report), then "unchanged" for the result ids it sends back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn files_never_opened_are_in_the_workspace_pull() {
    let dir = unopened();
    let snap = Snap::new(dir.path());
    let (mut client, _) = start_indexed(dir.path(), true, None).await;
    let pull = |previous: Value| json!({ "previousResultIds": previous });
    let report = client
        .request("workspace/diagnostic", pull(json!([])))
        .await
        .unwrap();
    snap.check(&report, expect![[r#"
        {
          "items": [
            {
              "items": [
                {"code": "yaml-syntax", "message": "`: ` inside an unquoted value starts a new key here, so this is not valid YAML. Quote the value, or use a block scalar (`>-`). Claude Code reads past it: when the front matter does not parse, it quotes such values and parses again, reading `description` as the text `🏗️ Builds: things`. Copilot CLI, which reads `.claude/agents` too, parses it as strict YAML and refuses the agent.", "range": {"end": {"character": 24, "line": 2}, "start": {"character": 23, "line": 2}}, "severity": 2, "source": "persona-ls"},
                {"code": "invalid-value", "message": "`purpel` is not a valid `color`: did you mean `purple`? Allowed: `red`, `blue`, `green`, `yellow`, `purple`, `orange`, `pink`, `cyan`.", "range": {"end": {"character": 13, "line": 3}, "start": {"character": 7, "line": 3}}, "severity": 2, "source": "persona-ls"}
              ],
              "kind": "full",
              "resultId": "$RESULT_ID1",
              "uri": "file://$ROOT/.claude/agents/builder.md",
              "version": null
            },
            {
              "items": [
                {"code": "unknown-reference", "message": "`skills: review` names no Claude Code skill in this project: Claude Code skips it silently (only a debug-log line says so).", "range": {"end": {"character": 15, "line": 3}, "start": {"character": 9, "line": 3}}, "severity": 2, "source": "persona-ls"}
              ],
              "kind": "full",
              "resultId": "$RESULT_ID2",
              "uri": "file://$ROOT/.claude/agents/lead.md",
              "version": null
            },
            {"items": [], "kind": "full", "resultId": "$RESULT_ID3", "uri": "file://$ROOT/.claude/agents/quiet.md", "version": null}
          ]
        }
    "#]]);
    let previous: Vec<Value> = report["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| json!({ "uri": i["uri"], "value": i["resultId"] }))
        .collect();
    let again = client
        .request("workspace/diagnostic", pull(Value::Array(previous)))
        .await
        .unwrap();
    snap.check(&again, expect![[r#"
        {
          "items": [
            {"kind": "unchanged", "resultId": "$RESULT_ID1", "uri": "file://$ROOT/.claude/agents/builder.md", "version": null},
            {"kind": "unchanged", "resultId": "$RESULT_ID2", "uri": "file://$ROOT/.claude/agents/lead.md", "version": null},
            {"kind": "unchanged", "resultId": "$RESULT_ID3", "uri": "file://$ROOT/.claude/agents/quiet.md", "version": null}
          ]
        }
    "#]]);
    assert!(client.unread(PUBLISH).is_empty());
    assert_eq!(client.shutdown_and_exit().await, 0);
}

/// `{"workspace": {"diagnostics": "open"}}`: nothing is reported for files that are not open,
/// pushed or pulled.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn diagnostics_open_reports_nothing_for_files_not_open() {
    let dir = unopened();
    let options = json!({ "workspace": { "diagnostics": "open" } });
    let (mut client, _) = start_indexed(dir.path(), false, Some(options.clone())).await;
    let quiet = uri(dir.path(), ".claude/agents/quiet.md");
    client
        .open(
            &quiet,
            "---\nname: quiet\ndescription: Says little\n---\nHush.\n",
        )
        .await;
    client.publish(&quiet, 1).await;
    assert_eq!(client.unread(PUBLISH), Vec::<Value>::new());
    assert_eq!(client.shutdown_and_exit().await, 0);

    let (mut client, _) = start_indexed(dir.path(), true, Some(options)).await;
    let report = client
        .request("workspace/diagnostic", json!({ "previousResultIds": [] }))
        .await
        .unwrap();
    assert_eq!(report, json!({ "items": [] }));
    assert_eq!(client.shutdown_and_exit().await, 0);
}

/// A file that is not open follows the open ones: a skill typed into a new editor buffer
/// resolves the preload of a closed agent, and the client is asked to pull again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_closed_dependent_is_refreshed_when_an_open_file_resolves_it() {
    let dir = unopened();
    let snap = Snap::new(dir.path());
    let (mut client, _) = start_indexed(dir.path(), true, None).await;
    let lead = uri(dir.path(), ".claude/agents/lead.md");
    let lead_items = |report: &Value| {
        let items = report["items"].as_array().unwrap();
        let item = items.iter().find(|i| i["uri"] == lead).unwrap();
        item["items"].clone()
    };
    let before = client
        .request("workspace/diagnostic", json!({ "previousResultIds": [] }))
        .await
        .unwrap();
    assert_eq!(lead_items(&before).as_array().unwrap().len(), 1);
    client.server_requests.clear();
    let skill = uri(dir.path(), ".claude/skills/review/SKILL.md");
    client.open(&skill, REVIEW).await;
    let refresh = |r: &Value| r["method"] == "workspace/diagnostic/refresh";
    for _ in 0..100 {
        if client.server_requests.iter().any(refresh) {
            break;
        }
        hover(&mut client, &skill, 0, 0).await;
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    assert!(client.server_requests.iter().any(refresh));
    // The startup scan may have sent a refresh of its own: pull until the lead is re-judged.
    let mut after = Value::Null;
    for _ in 0..100 {
        after = client
            .request("workspace/diagnostic", json!({ "previousResultIds": [] }))
            .await
            .unwrap();
        if lead_items(&after) == json!([]) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    snap.check(
        &lead_items(&after),
        expect![[r#"
        []
    "#]],
    );
    assert_eq!(client.shutdown_and_exit().await, 0);
}
