//! End-to-end tests of the language server over an in-memory duplex stream with real
//! JSON-RPC framing (see `lsp_support`).

mod lsp_support;

use lsp_support::{Span, TestClient, apply, capabilities, cursor, file_uri, range_of};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

/// A Claude Code agent with a YAML error after an emoji and a misspelt color.
const BUILDER: &str = "---\nname: builder\ndescription: 🏗️ Builds: things\ncolor: purpel\nmodel: sonnet\n---\nYou build things.\n";

/// A project folder (with `.git`, so that it is the project root for `check` too) holding
/// `files`.
fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    for (path, text) in files {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    dir
}

fn uri(root: &Path, rel: &str) -> String {
    file_uri(&root.join(rel))
}

/// `(code, ((line, col), (line, col)))` of each diagnostic.
fn codes_and_ranges(diags: &[Value]) -> Vec<(String, Span)> {
    diags
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                range_of(&d["range"]),
            )
        })
        .collect()
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

/// Asserts that hovering at `(line, character)` shows Markdown starting with `want`.
async fn assert_hover_starts(client: &mut TestClient, u: &str, at: (u32, u32), want: &str) {
    let hover = client
        .request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": u }, "position": { "line": at.0, "character": at.1 } }),
        )
        .await
        .unwrap();
    let value = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(value.starts_with(want), "{hover:#}");
}

async fn start(root: &Path) -> TestClient {
    TestClient::start(capabilities(&["utf-16"]), Some(root), None)
        .await
        .0
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn initialize_negotiates_the_position_encoding_and_advertises_features() {
    let (client, result) = TestClient::start(capabilities(&["utf-8", "utf-16"]), None, None).await;
    let caps = &result["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-8");
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental sync");
    assert_eq!(caps["textDocumentSync"]["openClose"], true);
    assert_eq!(caps["hoverProvider"], true);
    assert_eq!(
        caps["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix", "source.fixAll.persona-ls"])
    );
    assert_eq!(caps["documentSymbolProvider"], true);
    assert_eq!(caps["foldingRangeProvider"], true);
    assert_eq!(caps["selectionRangeProvider"], true);
    // Nothing that is not implemented.
    for absent in [
        "definitionProvider",
        "referencesProvider",
        "renameProvider",
        "documentFormattingProvider",
        "semanticTokensProvider",
        "diagnosticProvider",
    ] {
        assert!(caps.get(absent).is_none(), "{absent} advertised");
    }
    assert_eq!(result["serverInfo"]["name"], "persona-ls");
    assert_eq!(client.shutdown_and_exit().await, 0);

    let (client, result) = TestClient::start(capabilities(&[]), None, None).await;
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(client.shutdown_and_exit().await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exit_code_is_0_after_shutdown_and_1_without() {
    let (client, _) = TestClient::start(capabilities(&[]), None, None).await;
    assert_eq!(client.exit().await, 1);
    let (mut client, _) = TestClient::start(capabilities(&[]), None, None).await;
    assert_eq!(
        client.request("shutdown", Value::Null).await,
        Ok(Value::Null)
    );
    // After shutdown, requests are refused; the server keeps running until `exit`.
    assert!(client.request("textDocument/hover", json!({"textDocument": {"uri": "file:///x.md"}, "position": {"line": 0, "character": 0}})).await.is_err());
    assert_eq!(client.exit().await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn diagnostics_have_exact_utf16_ranges_after_an_emoji() {
    let dir = project(&[(".claude/agents/builder.md", BUILDER)]);
    let mut client = start(dir.path()).await;
    let u = uri(dir.path(), ".claude/agents/builder.md");
    client.open(&u, BUILDER).await;
    let diags = client.diagnostics(&u, 1).await;
    // `description: 🏗️ Builds: things`: 🏗 is two UTF-16 units and U+FE0F one, so the `:`
    // after `Builds` is at column 13 + 3 + 1 + 6 = 23.
    assert_eq!(
        codes_and_ranges(&diags),
        [
            ("yaml-syntax".to_string(), ((2, 23), (2, 24))),
            ("invalid-value".to_string(), ((3, 7), (3, 13)))
        ]
    );
    let color = &diags[1];
    assert_eq!(color["severity"], 2);
    assert_eq!(color["source"], "persona-ls");
    assert_eq!(
        color["message"],
        "`purpel` is not a valid `color`: did you mean `purple`? Allowed: `red`, `blue`, `green`, `yellow`, `purple`, `orange`, `pink`, `cyan`."
    );
    assert_eq!(client.shutdown_and_exit().await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn diagnostics_have_utf8_ranges_when_utf8_was_negotiated() {
    let dir = project(&[(".claude/agents/builder.md", BUILDER)]);
    let (mut client, _) =
        TestClient::start(capabilities(&["utf-8", "utf-16"]), Some(dir.path()), None).await;
    let u = uri(dir.path(), ".claude/agents/builder.md");
    client.open(&u, BUILDER).await;
    let diags = client.diagnostics(&u, 1).await;
    // In bytes: 🏗 is four, U+FE0F three: 13 + 7 + 1 + 6 = 27.
    assert_eq!(
        codes_and_ranges(&diags),
        [
            ("yaml-syntax".to_string(), ((2, 27), (2, 28))),
            ("invalid-value".to_string(), ((3, 7), (3, 13)))
        ]
    );
    // Edits come in UTF-8 too: insert `!` right after the emoji (byte column 13 + 7).
    client.change(&u, 2, json!([{ "range": { "start": { "line": 2, "character": 20 }, "end": { "line": 2, "character": 20 } }, "text": "!" }])).await;
    let diags = client.diagnostics(&u, 2).await;
    assert_eq!(
        codes_and_ranges(&diags)[0],
        ("yaml-syntax".to_string(), ((2, 28), (2, 29)))
    );
    assert_eq!(client.shutdown_and_exit().await, 0);
}

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
    let mut out = Vec::new();
    let opts = persona_ls::cli::Options {
        paths: vec![dir.path().to_path_buf()],
        format: persona_ls::cli::Format::Json,
        ..Default::default()
    };
    persona_ls::cli::run(&opts, &mut out, &mut Vec::new());
    let expected: Vec<Value> = serde_json::from_slice(&out).unwrap();
    assert!(
        expected.len() >= 6,
        "the fixtures should produce diagnostics: {expected:#?}"
    );
    let mut client = start(dir.path()).await;
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
    }
    assert_eq!(client.shutdown_and_exit().await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dialect_comes_from_the_path_whatever_the_language_id() {
    let dir = project(&[]);
    let mut client = start(dir.path()).await;
    let text = "---\nname: a\ndescription: d\ncolor: purpel\n---\nBody\n";
    let agent = uri(dir.path(), ".claude/agents/a.md");
    client.notify("textDocument/didOpen", json!({ "textDocument": { "uri": agent, "languageId": "plaintext", "version": 1, "text": text } })).await;
    assert_eq!(
        codes_and_ranges(&client.diagnostics(&agent, 1).await),
        [("invalid-value".to_string(), ((3, 7), (3, 13)))]
    );
    // Front matter outside any persona folder, with no persona keys: not a persona.
    let notes = uri(dir.path(), "notes/a.md");
    client
        .open(&notes, "---\ntitle: Notes\ncolor: purpel\n---\nBody\n")
        .await;
    assert_eq!(client.diagnostics(&notes, 1).await, Vec::<Value>::new());
    assert_eq!(client.shutdown_and_exit().await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn incremental_changes_are_applied_in_order_and_published_with_their_version() {
    let dir = project(&[]);
    let mut client = start(dir.path()).await;
    let u = uri(dir.path(), ".claude/agents/builder.md");
    client.open(&u, BUILDER).await;
    assert_eq!(client.diagnostics(&u, 1).await.len(), 2);
    // Several edits in one notification, then several notifications without waiting.
    client
        .change(&u, 2, json!([
            { "range": { "start": { "line": 3, "character": 7 }, "end": { "line": 3, "character": 13 } }, "text": "purple" },
            { "range": { "start": { "line": 2, "character": 13 }, "end": { "line": 2, "character": 13 } }, "text": "'" },
        ]))
        .await;
    client.change(&u, 3, json!([{ "range": { "start": { "line": 2, "character": 32 }, "end": { "line": 2, "character": 32 } }, "text": "'" }])).await;
    client.change(&u, 4, json!([{ "range": { "start": { "line": 4, "character": 7 }, "end": { "line": 4, "character": 13 } }, "text": "opus" }])).await;
    // Diagnostics arrive for the last version; none for an older version after a newer one.
    let mut versions = Vec::new();
    loop {
        let p = client
            .notification("textDocument/publishDiagnostics", |p| {
                p["uri"] == u.as_str()
            })
            .await;
        let v = p["version"].as_i64().unwrap();
        versions.push(v);
        if v == 4 {
            assert_eq!(p["diagnostics"], json!([]), "the text is fixed: {p:#}");
            break;
        }
    }
    assert!(
        versions.windows(2).all(|w| w[0] < w[1]),
        "published out of order: {versions:?}"
    );
    // The document is what the edits made of it: hover sees `opus`.
    assert_hover_starts(&mut client, &u, (4, 8), "**`opus`** · model").await;
    // Closing clears the diagnostics.
    client
        .notify(
            "textDocument/didClose",
            json!({ "textDocument": { "uri": u } }),
        )
        .await;
    let p = client
        .notification("textDocument/publishDiagnostics", |p| {
            p["uri"] == u.as_str() && p.get("version").is_none_or(Value::is_null)
        })
        .await;
    assert_eq!(p["diagnostics"], json!([]));
    assert_eq!(client.shutdown_and_exit().await, 0);
}

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
    client
        .notify(
            "textDocument/didClose",
            json!({ "textDocument": { "uri": u } }),
        )
        .await;
    (result, text)
}

/// Helix 25.01 sometimes sends the `didChange` for version n+1 before the one for version n
/// (seen in its log while typing `model: ` on a new line). The server puts them back in
/// version order, so its text stays the client's.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changes_sent_out_of_order_are_applied_in_version_order() {
    let dir = project(&[]);
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
    assert_eq!(client.diagnostics(&u, 4).await, Vec::<Value>::new());
    assert_hover_starts(&mut client, &u, (4, 8), "**`opus`** · model").await;
    assert_eq!(client.shutdown_and_exit().await, 0);
}

/// A client that never raises its version: every change is applied as it comes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changes_that_keep_the_same_version_are_applied_as_they_come() {
    let dir = project(&[]);
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
    loop {
        let p = client
            .notification("textDocument/publishDiagnostics", |p| {
                p["uri"] == u.as_str()
            })
            .await;
        if p["diagnostics"] == json!([]) {
            break;
        }
    }
    assert_hover_starts(&mut client, &u, (3, 8), "**`blue`**").await;
    assert_eq!(client.shutdown_and_exit().await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn completion_after_model_offers_aliases_and_full_ids() {
    let dir = project(&[]);
    let mut client = start(dir.path()).await;
    let u = uri(dir.path(), ".claude/agents/a.md");
    let (result, _) = complete(
        &mut client,
        &u,
        "---\nname: a\ndescription: d\nmodel: $0\n---\nBody\n",
    )
    .await;
    let l = labels(&result);
    for m in [
        "sonnet",
        "opus",
        "haiku",
        "inherit",
        "claude-opus-5",
        "claude-sonnet-5",
        "claude-haiku-4-5-20251001",
        "claude-sonnet-4-6",
    ] {
        assert!(l.contains(&m.to_string()), "{m} not offered: {l:?}");
    }
    let items = result["items"].as_array().unwrap();
    let sonnet = item(&result, "sonnet");
    assert_eq!(
        sonnet["textEdit"],
        json!({ "range": { "start": { "line": 3, "character": 7 }, "end": { "line": 3, "character": 7 } }, "newText": "sonnet" })
    );
    assert_eq!(sonnet["kind"], 21, "constant");
    assert!(
        sonnet["documentation"]["value"]
            .as_str()
            .unwrap()
            .starts_with("Alias for the latest Sonnet")
    );
    // By relevance: the aliases first; retired ids last and tagged deprecated.
    let mut sorted = items.clone();
    sorted.sort_by(|a, b| a["sortText"].as_str().cmp(&b["sortText"].as_str()));
    assert_eq!(sorted[0]["label"], "sonnet");
    let retired: Vec<&Value> = items.iter().filter(|i| i["tags"] == json!([1])).collect();
    assert!(!retired.is_empty());
    assert!(
        retired
            .iter()
            .all(|r| r["sortText"].as_str() > sorted[0]["sortText"].as_str())
    );
    // A partly typed value is replaced as a whole.
    let (result, _) = complete(
        &mut client,
        &u,
        "---\nname: a\ndescription: d\nmodel: op$0\n---\nBody\n",
    )
    .await;
    let opus = item(&result, "opus");
    assert_eq!(range_of(&opus["textEdit"]["range"]), ((3, 7), (3, 9)));
    assert_eq!(client.shutdown_and_exit().await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn documentation_is_resolved_lazily_when_the_client_says_so() {
    let dir = project(&[]);
    let mut caps = capabilities(&["utf-16"]);
    caps["textDocument"]["completion"]["completionItem"]["resolveSupport"] =
        json!({ "properties": ["documentation", "detail"] });
    let (mut client, result) = TestClient::start(caps, Some(dir.path()), None).await;
    assert_eq!(
        result["capabilities"]["completionProvider"]["resolveProvider"],
        true
    );
    let u = uri(dir.path(), ".claude/agents/a.md");
    let (result, _) = complete(
        &mut client,
        &u,
        "---\nname: a\ndescription: d\ntools: Read, $0\n---\nBody\n",
    )
    .await;
    let items = result["items"].as_array().unwrap();
    assert!(items.iter().all(|i| i.get("documentation").is_none()));
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
    let doc = resolved["documentation"]["value"].as_str().unwrap();
    assert!(doc.contains("Searches"), "{doc}");
    assert_eq!(
        (&resolved["label"], &resolved["textEdit"]),
        (&grep["label"], &grep["textEdit"])
    );
    // An item for a key resolves to the key's hover text.
    client
        .notify(
            "textDocument/didClose",
            json!({ "textDocument": { "uri": u } }),
        )
        .await;
    let (result, _) = complete(
        &mut client,
        &u,
        "---\nname: a\ndescription: d\n$0\n---\nBody\n",
    )
    .await;
    let model = item(&result, "model");
    client
        .open(&u, "---\nname: a\ndescription: d\n\n---\nBody\n")
        .await;
    let resolved = client
        .request("completionItem/resolve", model.clone())
        .await
        .unwrap();
    assert!(
        resolved["documentation"]["value"]
            .as_str()
            .unwrap()
            .starts_with("**`model`** · model")
    );
    // The data is a flat array: the document, then the key (then the value, for a value).
    assert_eq!(model["data"], json!([u, "model"]));
    assert_eq!(grep["data"], json!([u, "tools", "Grep"]));
    // Data the server did not write (another server's, or garbage): the item comes back as is.
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn completion_of_tools_is_comma_aware() {
    let dir = project(&[]);
    let mut client = start(dir.path()).await;
    let u = uri(dir.path(), ".claude/agents/a.md");
    let (result, _) = complete(
        &mut client,
        &u,
        "---\nname: a\ndescription: d\ntools: Read, $0\n---\nBody\n",
    )
    .await;
    let l = labels(&result);
    assert!(
        !l.contains(&"Read".to_string()),
        "Read offered again: {l:?}"
    );
    for t in ["Grep", "Glob", "Bash", "Edit", "Write", "WebFetch"] {
        assert!(l.contains(&t.to_string()), "{t} not offered");
    }
    let grep = item(&result, "Grep");
    assert_eq!(grep["textEdit"]["newText"], "Grep");
    assert_eq!(range_of(&grep["textEdit"]["range"]), ((3, 13), (3, 13)));
    // In a block list: the other items are not offered either.
    let (result, _) = complete(
        &mut client,
        &u,
        "---\nname: a\ndescription: d\ntools:\n  - Read\n  - Gr$0\n  - Bash\n---\nBody\n",
    )
    .await;
    let l = labels(&result);
    assert!(
        l.contains(&"Grep".to_string())
            && !l.contains(&"Read".to_string())
            && !l.contains(&"Bash".to_string()),
        "{l:?}"
    );
    let grep = item(&result, "Grep");
    assert_eq!(range_of(&grep["textEdit"]["range"]), ((5, 4), (5, 6)));
    assert_eq!(client.shutdown_and_exit().await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn completion_at_the_start_of_a_line_offers_only_missing_keys() {
    let dir = project(&[]);
    let mut client = start(dir.path()).await;
    let u = uri(dir.path(), ".claude/agents/a.md");
    let (result, _) = complete(
        &mut client,
        &u,
        "---\nname: a\ndescription: d\nmodel: opus\n$0\n---\nBody\n",
    )
    .await;
    let l = labels(&result);
    for present in ["name", "description", "model"] {
        assert!(
            !l.contains(&present.to_string()),
            "{present} offered again: {l:?}"
        );
    }
    for missing in [
        "tools",
        "disallowedTools",
        "permissionMode",
        "maxTurns",
        "skills",
        "color",
        "effort",
    ] {
        assert!(
            l.contains(&missing.to_string()),
            "{missing} not offered: {l:?}"
        );
    }
    let tools = item(&result, "tools");
    assert_eq!(tools["textEdit"]["newText"], "tools: ");
    assert_eq!(tools["detail"], "tool list");
    assert!(
        tools["documentation"]["value"]
            .as_str()
            .unwrap()
            .contains("Allowlist of tools")
    );
    let skills = item(&result, "skills");
    assert_eq!(
        (
            skills["textEdit"]["newText"].as_str(),
            skills["insertTextFormat"].as_u64()
        ),
        (Some("skills:\n  - $0"), Some(2))
    );
    // In the body: nothing.
    let (result, _) = complete(&mut client, &u, "---\nname: a\ndescription: d\n---\nmo$0\n").await;
    assert_eq!(result, Value::Null);
    assert_eq!(client.shutdown_and_exit().await, 0);
}

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
    // The disk scan runs in the background after `initialized`: ask until it is done.
    let mut l = Vec::new();
    for _ in 0..200 {
        let result = client
            .request(
                "textDocument/completion",
                json!({ "textDocument": { "uri": u }, "position": pos }),
            )
            .await
            .unwrap();
        l = labels(&result);
        if l.contains(&"worker/principal".to_string()) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    assert_eq!(
        l,
        ["lead", "worker/junior", "worker/principal", "worker/staff"]
    );
    // Hover on the key: the configured doc, the allowed values, the dialect.
    let hover = client
        .request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": u }, "position": { "line": 4, "character": 1 } }),
        )
        .await
        .unwrap();
    let md = hover["contents"]["value"].as_str().unwrap();
    assert_eq!(hover["contents"]["kind"], "markdown");
    assert!(
        md.starts_with("**`tier`** · text\n\nWhich tier of the team runs this persona."),
        "{md}"
    );
    assert!(
        md.contains("Known values: `lead`, `worker/junior`."),
        "{md}"
    );
    assert!(md.contains("Dialect: agency-agents persona"), "{md}");
    assert_eq!(range_of(&hover["range"]), ((4, 0), (4, 4)));
    // Opening the file on disk and editing it without saving: the index follows the editor.
    // Closing it unsaved: back to what is on disk.
    let disk_uri = uri(dir.path(), "engineering/on-disk.md");
    client
        .open(
            &disk_uri,
            &on_disk.replace("worker/principal", "worker/edited"),
        )
        .await;
    client.diagnostics(&disk_uri, 1).await;
    let tiers = |l: &[String]| -> Vec<String> {
        l.iter()
            .filter(|t| t.starts_with("worker/"))
            .cloned()
            .collect()
    };
    let completion = json!({ "textDocument": { "uri": u }, "position": pos });
    let result = client
        .request("textDocument/completion", completion.clone())
        .await
        .unwrap();
    assert_eq!(
        tiers(&labels(&result)),
        ["worker/junior", "worker/edited", "worker/staff"]
    );
    client
        .notify(
            "textDocument/didClose",
            json!({ "textDocument": { "uri": disk_uri } }),
        )
        .await;
    // The file is read again in the background: ask until it is done.
    for _ in 0..200 {
        let result = client
            .request("textDocument/completion", completion.clone())
            .await
            .unwrap();
        l = labels(&result);
        if !l.contains(&"worker/edited".to_string()) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    assert_eq!(
        tiers(&l),
        ["worker/junior", "worker/principal", "worker/staff"]
    );
    client
        .notify(
            "textDocument/didClose",
            json!({ "textDocument": { "uri": u } }),
        )
        .await;
    assert_eq!(client.shutdown_and_exit().await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hover_on_tier_with_the_built_in_doc_and_on_a_model_id() {
    let dir = project(&[]);
    let mut client = start(dir.path()).await;
    let u = uri(dir.path(), "engineering/x.md");
    let text = "---\nname: X\ndescription: d\ncolor: blue\ntier: lead\nmodel: claude-sonnet-4-6\n---\nBody\n";
    client.open(&u, text).await;
    client.diagnostics(&u, 1).await;
    let hover = |line, character| json!({ "textDocument": { "uri": u }, "position": { "line": line, "character": character } });
    let tier = client
        .request("textDocument/hover", hover(4, 2))
        .await
        .unwrap();
    let md = tier["contents"]["value"].as_str().unwrap();
    assert!(md.contains("Project-private tier of the persona"), "{md}");
    let model = client
        .request("textDocument/hover", hover(5, 20))
        .await
        .unwrap();
    let md = model["contents"]["value"].as_str().unwrap();
    assert!(
        md.starts_with("**`claude-sonnet-4-6`** · model\n\nClaude Sonnet 4.6"),
        "{md}"
    );
    assert_eq!(range_of(&model["range"]), ((5, 7), (5, 24)));
    // Over a diagnostic: its explanation.
    client.change(&u, 2, json!([{ "range": { "start": { "line": 3, "character": 7 }, "end": { "line": 3, "character": 11 } }, "text": "purpel" }])).await;
    client.diagnostics(&u, 2).await;
    let color = client
        .request("textDocument/hover", hover(3, 9))
        .await
        .unwrap();
    assert!(
        color["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("**persona-ls `invalid-value`**: The value is not one the dialect allows.")
    );
    assert_eq!(client.shutdown_and_exit().await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_quick_fix_for_purpel_gives_purple_and_the_diagnostic_goes_away() {
    let dir = project(&[]);
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
    let actions = actions.as_array().unwrap();
    let fix = actions
        .iter()
        .find(|a| a["title"] == "Change to `purple`")
        .unwrap_or_else(|| panic!("no fix in {actions:#?}"));
    assert_eq!(fix["kind"], "quickfix");
    // A "did you mean" is a guess: offered, but not preferred (an editor's auto-fix applies
    // preferred fixes without asking).
    assert_eq!(fix["isPreferred"], false);
    assert_eq!(fix["diagnostics"], json!([color]));
    let edits = fix["edit"]["changes"][u.as_str()]
        .as_array()
        .unwrap()
        .clone();
    let fixed = apply(BUILDER, &edits);
    assert!(fixed.contains("color: purple\n"), "{fixed}");
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
    let diags = client.diagnostics(&u, 2).await;
    assert_eq!(
        codes_and_ranges(&diags),
        [("yaml-syntax".to_string(), ((2, 23), (2, 24)))]
    );
    // Fix all: every safe fix at once (here: quoting the description).
    let all = client
        .request("textDocument/codeAction", json!({ "textDocument": { "uri": u }, "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } }, "context": { "diagnostics": [], "only": ["source.fixAll"] } }))
        .await
        .unwrap();
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(all[0]["kind"], "source.fixAll.persona-ls");
    let fixed_all = apply(
        &fixed,
        all[0]["edit"]["changes"][u.as_str()].as_array().unwrap(),
    );
    assert!(
        fixed_all.contains("description: '🏗️ Builds: things'\n"),
        "{fixed_all}"
    );
    assert_eq!(client.shutdown_and_exit().await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_documents_and_positions_past_the_end_get_clean_answers() {
    let dir = project(&[]);
    let mut client = start(dir.path()).await;
    let unknown = json!({ "textDocument": { "uri": "file:///nowhere/x.md" }, "position": { "line": 0, "character": 0 } });
    for method in ["textDocument/hover", "textDocument/completion"] {
        assert_eq!(
            client.request(method, unknown.clone()).await,
            Ok(Value::Null),
            "{method}"
        );
    }
    let doc = json!({ "textDocument": { "uri": "file:///nowhere/x.md" } });
    assert_eq!(
        client
            .request("textDocument/documentSymbol", doc.clone())
            .await,
        Ok(Value::Null)
    );
    assert_eq!(
        client
            .request("textDocument/foldingRange", doc.clone())
            .await,
        Ok(Value::Null)
    );
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
    let far = |line: u32, character: u32| json!({ "textDocument": { "uri": u }, "position": { "line": line, "character": character } });
    assert_eq!(
        client.request("textDocument/hover", far(999, 0)).await,
        Ok(Value::Null)
    );
    assert_eq!(
        client
            .request("textDocument/completion", far(999, 999))
            .await,
        Ok(Value::Null)
    );
    // Past the end of the `model` line: clamped to its end, after `sonnet`.
    let result = client
        .request("textDocument/completion", far(4, 999))
        .await
        .unwrap();
    assert!(labels(&result).contains(&"opus".to_string()));
    let ranges = client.request("textDocument/selectionRange", json!({ "textDocument": { "uri": u }, "positions": [{ "line": 999, "character": 999 }] })).await.unwrap();
    assert_eq!(ranges.as_array().unwrap().len(), 1);
    // An edit with a range past the end is clamped, not a crash.
    client.change(&u, 2, json!([{ "range": { "start": { "line": 99, "character": 0 }, "end": { "line": 99, "character": 9 } }, "text": "More.\n" }])).await;
    assert_eq!(client.diagnostics(&u, 2).await.len(), 2);
    assert_eq!(client.shutdown_and_exit().await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn symbols_folding_and_selection_ranges() {
    let dir = project(&[]);
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
    let syms = syms.as_array().unwrap();
    assert_eq!(syms.len(), 2);
    assert_eq!(syms[0]["name"], "front matter");
    let keys: Vec<&str> = syms[0]["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["name"].as_str().unwrap())
        .collect();
    assert_eq!(keys, ["name", "description", "tools"]);
    assert_eq!(syms[0]["children"][2]["detail"], "Read, Grep");
    assert_eq!(syms[1]["name"], "Reviewer");
    let subs: Vec<&str> = syms[1]["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["name"].as_str().unwrap())
        .collect();
    assert_eq!(subs, ["Steps", "Notes"]);
    assert_eq!(
        range_of(&syms[1]["children"][0]["range"]),
        ((9, 0), (13, 3))
    );
    let folds = client
        .request("textDocument/foldingRange", doc.clone())
        .await
        .unwrap();
    let mut lines: Vec<(u64, u64)> = folds
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["startLine"].as_u64().unwrap(),
                f["endLine"].as_u64().unwrap(),
            )
        })
        .collect();
    lines.sort();
    assert_eq!(lines, [(0, 4), (5, 16), (9, 13), (11, 13), (15, 16)]);
    let sel = client
        .request(
            "textDocument/selectionRange",
            json!({ "textDocument": { "uri": u }, "positions": [{ "line": 3, "character": 14 }] }),
        )
        .await
        .unwrap();
    let mut chain = Vec::new();
    let mut node = &sel[0];
    while !node.is_null() {
        chain.push(range_of(&node["range"]));
        node = &node["parent"];
    }
    assert_eq!(
        chain[..3],
        [((3, 13), (3, 17)), ((3, 7), (3, 17)), ((3, 0), (3, 17))]
    );
    assert_eq!(*chain.last().unwrap(), ((0, 0), (17, 0)));
    // After an edit the outline follows (the tree is re-parsed incrementally).
    client.change(&u, 2, json!([{ "range": { "start": { "line": 15, "character": 3 }, "end": { "line": 15, "character": 8 } }, "text": "Remarks" }])).await;
    let syms = client
        .request("textDocument/documentSymbol", doc)
        .await
        .unwrap();
    assert_eq!(syms[1]["children"][1]["name"], "Remarks");
    assert_eq!(client.shutdown_and_exit().await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings_from_initialization_options_and_did_change_configuration() {
    let dir = project(&[]);
    let options = json!({ "rules": { "invalid-value": "off", "yaml-syntax": "error" } });
    let (mut client, _) =
        TestClient::start(capabilities(&["utf-16"]), Some(dir.path()), Some(options)).await;
    let u = uri(dir.path(), ".claude/agents/builder.md");
    client.open(&u, BUILDER).await;
    let diags = client.diagnostics(&u, 1).await;
    assert_eq!(
        codes_and_ranges(&diags),
        [("yaml-syntax".to_string(), ((2, 23), (2, 24)))]
    );
    assert_eq!(diags[0]["severity"], 1);
    // New settings (wrapped in the server's section) re-check the open documents.
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({ "settings": { "persona-ls": { "rules": { "yaml-syntax": "off" } } } }),
        )
        .await;
    let diags = client.diagnostics(&u, 1).await;
    assert_eq!(
        codes_and_ranges(&diags),
        [("invalid-value".to_string(), ((3, 7), (3, 13)))]
    );
    assert_eq!(client.shutdown_and_exit().await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_settings_are_reported_and_the_defaults_apply() {
    let dir = project(&[]);
    let options = json!({ "rules": { "no-such-rule": "off" } });
    let (mut client, _) =
        TestClient::start(capabilities(&["utf-16"]), Some(dir.path()), Some(options)).await;
    let msg = client.notification("window/showMessage", |_| true).await;
    assert_eq!(msg["type"], 1);
    assert!(
        msg["message"].as_str().unwrap().starts_with(
            "persona-ls: invalid initializationOptions: unknown rule `no-such-rule`; rules are: missing-front-matter,"
        ),
        "{msg}"
    );
    let u = uri(dir.path(), ".claude/agents/builder.md");
    client.open(&u, BUILDER).await;
    assert_eq!(client.diagnostics(&u, 1).await.len(), 2);
    assert_eq!(client.shutdown_and_exit().await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings_are_pulled_when_the_client_sends_none() {
    let dir = project(&[]);
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
    let mut last = Vec::new();
    for _ in 0..3 {
        last = client.diagnostics(&u, 1).await;
        if last.is_empty() {
            break;
        }
    }
    assert_eq!(last, Vec::<Value>::new());
    assert!(
        client
            .server_requests
            .iter()
            .any(|r| r["method"] == "workspace/configuration"
                && r["params"]["items"][0]["section"] == "persona-ls")
    );
    assert_eq!(client.shutdown_and_exit().await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_to_the_configuration_file_rechecks_open_documents() {
    let dir = project(&[]);
    let mut client = start(dir.path()).await;
    let u = uri(dir.path(), ".claude/agents/builder.md");
    client.open(&u, BUILDER).await;
    assert_eq!(client.diagnostics(&u, 1).await.len(), 2);
    let config: PathBuf = dir.path().join(".persona-ls.toml");
    std::fs::write(&config, "[rules]\ninvalid-value = \"off\"\n").unwrap();
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({ "changes": [{ "uri": file_uri(&config), "type": 1 }] }),
        )
        .await;
    assert_eq!(
        codes_and_ranges(&client.diagnostics(&u, 1).await),
        [("yaml-syntax".to_string(), ((2, 23), (2, 24)))]
    );
    // Saving the file (as an open document) does the same.
    std::fs::write(&config, "[rules]\nyaml-syntax = \"off\"\n").unwrap();
    client
        .notify(
            "textDocument/didSave",
            json!({ "textDocument": { "uri": file_uri(&config) } }),
        )
        .await;
    assert_eq!(
        codes_and_ranges(&client.diagnostics(&u, 1).await),
        [("invalid-value".to_string(), ((3, 7), (3, 13)))]
    );
    // A broken file is reported at its position, and the defaults apply meanwhile.
    std::fs::write(&config, "[rules]\nyaml-syntax = \"loud\"\n").unwrap();
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({ "changes": [{ "uri": file_uri(&config), "type": 2 }] }),
        )
        .await;
    let msg = client.notification("window/showMessage", |_| true).await;
    assert!(msg["message"].as_str().unwrap().ends_with(".persona-ls.toml:2:1: rule `yaml-syntax`: `loud` is not one of off, error, warning, information, hint"), "{msg}");
    let published = client
        .notification("textDocument/publishDiagnostics", |p| {
            p["uri"] == file_uri(&config)
        })
        .await;
    assert_eq!(published["diagnostics"][0]["code"], "invalid-configuration");
    assert_eq!(
        range_of(&published["diagnostics"][0]["range"]),
        ((1, 0), (1, 11))
    );
    assert_eq!(client.diagnostics(&u, 1).await.len(), 2);
    // Fixed: the file's diagnostic is cleared.
    std::fs::write(&config, "[rules]\n").unwrap();
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({ "changes": [{ "uri": file_uri(&config), "type": 2 }] }),
        )
        .await;
    let cleared = client
        .notification("textDocument/publishDiagnostics", |p| {
            p["uri"] == file_uri(&config)
        })
        .await;
    assert_eq!(cleared["diagnostics"], json!([]));
    assert_eq!(client.shutdown_and_exit().await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pull_diagnostics_when_the_client_supports_them() {
    let dir = project(&[]);
    let mut caps = capabilities(&["utf-16"]);
    caps["textDocument"]["diagnostic"] = json!({});
    caps["workspace"]["diagnostics"] = json!({ "refreshSupport": true });
    let (mut client, result) = TestClient::start(caps, Some(dir.path()), None).await;
    assert_eq!(
        result["capabilities"]["diagnosticProvider"]["identifier"],
        "persona-ls"
    );
    let u = uri(dir.path(), ".claude/agents/builder.md");
    client.open(&u, BUILDER).await;
    let report = client
        .request(
            "textDocument/diagnostic",
            json!({ "textDocument": { "uri": u } }),
        )
        .await
        .unwrap();
    assert_eq!(report["kind"], "full");
    assert_eq!(
        codes_and_ranges(report["items"].as_array().unwrap()),
        [
            ("yaml-syntax".to_string(), ((2, 23), (2, 24))),
            ("invalid-value".to_string(), ((3, 7), (3, 13)))
        ]
    );
    let again = client
        .request(
            "textDocument/diagnostic",
            json!({ "textDocument": { "uri": u }, "previousResultId": report["resultId"] }),
        )
        .await
        .unwrap();
    assert_eq!(
        again,
        json!({ "kind": "unchanged", "resultId": report["resultId"] })
    );
    client.change(&u, 2, json!([{ "range": { "start": { "line": 3, "character": 7 }, "end": { "line": 3, "character": 13 } }, "text": "purple" }])).await;
    let report = client
        .request(
            "textDocument/diagnostic",
            json!({ "textDocument": { "uri": u }, "previousResultId": report["resultId"] }),
        )
        .await
        .unwrap();
    assert_eq!(
        codes_and_ranges(report["items"].as_array().unwrap()),
        [("yaml-syntax".to_string(), ((2, 23), (2, 24)))]
    );
    // A configuration change asks the client to pull again, and the next pull sees it.
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({ "settings": { "rules": { "yaml-syntax": "off" } } }),
        )
        .await;
    let mut refreshed = false;
    for _ in 0..100 {
        if client
            .server_requests
            .iter()
            .any(|r| r["method"] == "workspace/diagnostic/refresh")
        {
            refreshed = true;
            break;
        }
        // Any round-trip lets the client answer the server's pending requests.
        client
            .request(
                "textDocument/hover",
                json!({ "textDocument": { "uri": u }, "position": { "line": 0, "character": 0 } }),
            )
            .await
            .unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    assert!(refreshed);
    let report = client
        .request(
            "textDocument/diagnostic",
            json!({ "textDocument": { "uri": u }, "previousResultId": report["resultId"] }),
        )
        .await
        .unwrap();
    assert_eq!(
        (report["kind"].as_str(), &report["items"]),
        (Some("full"), &json!([]))
    );
    assert_eq!(client.shutdown_and_exit().await, 0);
}

/// Megabytes of broken front matter take the analysis a while; a small document opened after
/// it gets its diagnostics first, and hover answers meanwhile.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_document_does_not_hold_back_another() {
    let dir = project(&[]);
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
    let hover = client
        .request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": fast_uri }, "position": { "line": 4, "character": 1 } }),
        )
        .await
        .unwrap();
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("model")
    );
    let first = client
        .next_notification("textDocument/publishDiagnostics")
        .await;
    assert_eq!(
        first["uri"], fast_uri,
        "the small document's diagnostics come first"
    );
    let second = client
        .next_notification("textDocument/publishDiagnostics")
        .await;
    assert_eq!(second["uri"], slow_uri);
    assert_eq!(second["diagnostics"].as_array().unwrap().len(), 2002);
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
    client
        .notify(
            "textDocument/didClose",
            json!({ "textDocument": { "uri": closed } }),
        )
        .await;
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
    let mut tiers = Vec::new();
    for _ in 0..200 {
        let result = client
            .request("textDocument/completion", completion.clone())
            .await
            .unwrap();
        tiers = labels(&result);
        if tiers.contains(&"worker/inside".to_string())
            && !tiers.contains(&"worker/opened".to_string())
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    let workers: Vec<&String> = tiers.iter().filter(|t| t.starts_with("worker/")).collect();
    assert_eq!(workers, ["worker/inside"], "{tiers:?}");
    assert_eq!(client.shutdown_and_exit().await, 0);
}
