//! Navigation over the workspace index, end to end over real framing (see `lsp_support`):
//! definition, references, prepareRename and rename (for a client that takes file renames and
//! for one that does not), workspace symbols, document links, the reference-count lens and
//! the listing-cost inlay hint. Whole answers are `expect!` snapshots (`$ROOT` for the
//! temporary project); `UPDATE_EXPECT=1 cargo test --test lsp_navigation` rewrites them.

#[allow(unused_imports)] // `lsp_support` re-exports helpers other suites use.
mod lsp_support;

use expect_test::expect;
use lsp_support::{Snap, TestClient, capabilities, file_uri, project};
use serde_json::{Value, json};
use std::path::Path;

/// An agent that preloads a skill (after an emoji that is two UTF-16 units and one more) and
/// may spawn another agent; a prompt file that runs the first agent.
const REVIEWER: &str = "---\nname: reviewer\ndescription: Reviews code\nskills: [🏗️x, code-review]\ntools: Read, Agent(helper)\n---\nReview.\n";
const HELPER: &str = "---\nname: helper\ndescription: Helps with 🏗️ things\n---\nHelp.\n";
const SKILL: &str = "---\nname: code-review\ndescription: Reviews a change\n---\nSteps.\n";
const PROMPT: &str = "---\nagent: reviewer\n---\nRun the review.\n";

const FILES: [(&str, &str); 4] = [
    (".claude/agents/reviewer.md", REVIEWER),
    (".claude/agents/helper.md", HELPER),
    (".claude/skills/code-review/SKILL.md", SKILL),
    (".github/prompts/run.prompt.md", PROMPT),
];
const REVIEWER_MD: &str = FILES[0].0;
const HELPER_MD: &str = FILES[1].0;
const SKILL_MD: &str = FILES[2].0;

/// What a client says it takes in a workspace edit.
#[derive(Clone, Copy)]
enum Edits {
    /// `documentChanges` with `create`, `rename` and `delete` operations.
    FileOps,
    /// `changes` only.
    TextOnly,
    /// Neovim 0.11: `resourceOperations` without `documentChanges: true` (it applies both).
    OpsOnly,
}

/// A client that takes the workspace edits `edits` says.
async fn start(root: &Path, edits: Edits) -> TestClient {
    let mut caps = capabilities(&["utf-16"]);
    caps["workspace"]["workspaceEdit"] = match edits {
        Edits::FileOps => {
            json!({ "documentChanges": true, "resourceOperations": ["create", "rename", "delete"] })
        }
        Edits::TextOnly => json!({ "documentChanges": false }),
        Edits::OpsOnly => json!({ "resourceOperations": ["rename", "create", "delete"] }),
    };
    let mut client = TestClient::start(caps, Some(root), None).await.0;
    // The background scan has indexed the workspace once every persona is a symbol.
    for _ in 0..200 {
        let all = client
            .request("workspace/symbol", json!({ "query": "" }))
            .await
            .unwrap();
        if all.as_array().is_some_and(|a| a.len() >= 4) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    client
}

fn at(u: &str, line: u32, character: u32) -> Value {
    json!({ "textDocument": { "uri": u }, "position": { "line": line, "character": character } })
}

/// The project, a client (taking `edits`) and the URIs of the files opened, in `open`'s order.
async fn session(edits: Edits, open: &[&str]) -> (tempfile::TempDir, TestClient, Vec<String>) {
    let dir = project(&FILES);
    let mut client = start(dir.path(), edits).await;
    let mut uris = Vec::new();
    for rel in open {
        let text = FILES.iter().find(|(p, _)| p == rel).unwrap().1;
        let u = file_uri(&dir.path().join(rel));
        client.open(&u, text).await;
        client.publish(&u, 1).await;
        uris.push(u);
    }
    (dir, client, uris)
}

/// From a `skills:` item after an emoji (column 17 in UTF-16) to the skill's file, whose name
/// comes from its folder (at its `name` value); from `Agent(helper)` to the helper's `name` value.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn definition_from_a_skill_preload_and_an_agent_tool() {
    let (dir, mut client, uris) = session(Edits::FileOps, &[REVIEWER_MD]).await;
    let u = &uris[0];
    let snap = Snap::new(dir.path());
    // The skill, the helper, and a place that is no reference.
    let mut answers = Vec::new();
    for (line, character) in [(3, 17), (4, 20), (2, 3)] {
        let found = client
            .request("textDocument/definition", at(u, line, character))
            .await
            .unwrap();
        answers.push(found);
    }
    snap.check(
        &json!(answers),
        expect![[r#"
            [
              [
                {"range": {"end": {"character": 17, "line": 1}, "start": {"character": 6, "line": 1}}, "uri": "file://$ROOT/.claude/skills/code-review/SKILL.md"}
              ],
              [
                {"range": {"end": {"character": 12, "line": 1}, "start": {"character": 6, "line": 1}}, "uri": "file://$ROOT/.claude/agents/helper.md"}
              ],
              null
            ]
        "#]],
    );
}

/// From the reviewer's name: the prompt's `agent:` (a file not open) and, with the
/// declaration, the name itself. From a reference, the references of what it names.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn references_from_a_name_and_from_a_reference() {
    let (dir, mut client, uris) = session(Edits::FileOps, &[REVIEWER_MD]).await;
    let u = &uris[0];
    let snap = Snap::new(dir.path());
    let mut params = at(u, 1, 8);
    params["context"] = json!({ "includeDeclaration": true });
    let refs = client
        .request("textDocument/references", params.clone())
        .await
        .unwrap();
    snap.check(
        &refs,
        expect![[r#"
            [
              {"range": {"end": {"character": 14, "line": 1}, "start": {"character": 6, "line": 1}}, "uri": "file://$ROOT/.claude/agents/reviewer.md"},
              {"range": {"end": {"character": 15, "line": 1}, "start": {"character": 7, "line": 1}}, "uri": "file://$ROOT/.github/prompts/run.prompt.md"}
            ]
        "#]],
    );
    params["context"] = json!({ "includeDeclaration": false });
    params["position"] = json!({ "line": 4, "character": 20 });
    let of_helper = client
        .request("textDocument/references", params)
        .await
        .unwrap();
    snap.check(
        &of_helper,
        expect![[r#"
            [
              {"range": {"end": {"character": 25, "line": 4}, "start": {"character": 19, "line": 4}}, "uri": "file://$ROOT/.claude/agents/reviewer.md"}
            ]
        "#]],
    );
}

/// Renaming the helper from its `name`: the file (its stem is the name) renamed first, then
/// the name at the file's new place (no version: the editor's document there is a new one)
/// and the reference in another open file (versioned).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rename_with_file_operations_moves_the_agent_file_and_the_skill_folder() {
    let (dir, mut client, uris) = session(Edits::FileOps, &[HELPER_MD, REVIEWER_MD]).await;
    let h = &uris[0];
    let snap = Snap::new(dir.path());
    let prepared = client
        .request("textDocument/prepareRename", at(h, 1, 9))
        .await
        .unwrap();
    snap.check(
        &prepared,
        expect![[r#"
            {
              "placeholder": "helper",
              "range": {"end": {"character": 12, "line": 1}, "start": {"character": 6, "line": 1}}
            }
        "#]],
    );
    let mut params = at(h, 1, 9);
    params["newName"] = json!("assistant");
    let agent = client.request("textDocument/rename", params).await.unwrap();
    // The skill, from the agent's preload: its folder is its name (Claude Code), so the
    // folder is renamed, then the preload and the `name` value (in the new folder) edited.
    let mut params = at(&uris[1], 3, 17);
    params["newName"] = json!("review-code");
    let skill = client.request("textDocument/rename", params).await.unwrap();
    snap.check(
        &json!([agent, skill]),
        expect![[r#"
            [
              {
                "documentChanges": [
                  {"kind": "rename", "newUri": "file://$ROOT/.claude/agents/assistant.md", "oldUri": "file://$ROOT/.claude/agents/helper.md", "options": {"ignoreIfExists": false, "overwrite": false}},
                  {
                    "edits": [
                      {"newText": "assistant", "range": {"end": {"character": 12, "line": 1}, "start": {"character": 6, "line": 1}}}
                    ],
                    "textDocument": {"uri": "file://$ROOT/.claude/agents/assistant.md", "version": null}
                  },
                  {
                    "edits": [
                      {"newText": "assistant", "range": {"end": {"character": 25, "line": 4}, "start": {"character": 19, "line": 4}}}
                    ],
                    "textDocument": {"uri": "file://$ROOT/.claude/agents/reviewer.md", "version": 1}
                  }
                ]
              },
              {
                "documentChanges": [
                  {"kind": "rename", "newUri": "file://$ROOT/.claude/skills/review-code", "oldUri": "file://$ROOT/.claude/skills/code-review", "options": {"ignoreIfExists": false, "overwrite": false}},
                  {
                    "edits": [
                      {"newText": "review-code", "range": {"end": {"character": 26, "line": 3}, "start": {"character": 15, "line": 3}}}
                    ],
                    "textDocument": {"uri": "file://$ROOT/.claude/agents/reviewer.md", "version": 1}
                  },
                  {
                    "edits": [
                      {"newText": "review-code", "range": {"end": {"character": 17, "line": 1}, "start": {"character": 6, "line": 1}}}
                    ],
                    "textDocument": {"uri": "file://$ROOT/.claude/skills/review-code/SKILL.md", "version": null}
                  }
                ]
              }
            ]
        "#]],
    );
}

/// A workspace edit's `documentChanges`, one line each: `rename OLD → NEW`, or
/// `edit URI @VERSION: NEW TEXT…`.
fn change_lines(edit: &Value) -> Vec<String> {
    let Some(all) = edit["documentChanges"].as_array() else {
        return vec![format!("no documentChanges: {edit}")];
    };
    all.iter()
        .map(|c| match c["kind"].as_str() {
            Some(kind) => format!(
                "{kind} {} → {}",
                c["oldUri"].as_str().unwrap_or("?"),
                c["newUri"].as_str().unwrap_or("?")
            ),
            None => {
                let texts: Vec<&str> = c["edits"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|e| e["newText"].as_str())
                    .collect();
                let doc = &c["textDocument"];
                let uri = doc["uri"].as_str().unwrap_or("?");
                format!("edit {uri} @{}: {}", doc["version"], texts.join(", "))
            }
        })
        .collect()
}

/// For a client that lists resource operations without `documentChanges: true` (Neovim
/// 0.11): the folder renamed, then the edits. From the skill's own `name` value (where go to
/// definition lands, though its name comes from its folder) as from the agent's preload.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rename_from_a_skill_name_value_for_a_client_that_lists_only_resource_operations() {
    let (dir, mut client, uris) = session(Edits::OpsOnly, &[SKILL_MD, REVIEWER_MD]).await;
    let snap = Snap::new(dir.path());
    let prepared = client
        .request("textDocument/prepareRename", at(&uris[0], 1, 6))
        .await
        .unwrap();
    assert_eq!(prepared["placeholder"], "code-review", "{prepared}");
    let mut edits = Vec::new();
    for (u, line, character) in [(&uris[0], 1, 6), (&uris[1], 3, 17)] {
        let mut params = at(u, line, character);
        params["newName"] = json!("review-code");
        edits.push(client.request("textDocument/rename", params).await.unwrap());
    }
    assert_eq!(edits[0], edits[1], "from the name value, from the preload");
    snap.check(
        &json!(change_lines(&edits[0])),
        expect![[r#"
            [
              "rename file://$ROOT/.claude/skills/code-review → file://$ROOT/.claude/skills/review-code",
              "edit file://$ROOT/.claude/agents/reviewer.md @1: review-code",
              "edit file://$ROOT/.claude/skills/review-code/SKILL.md @null: review-code"
            ]
        "#]],
    );
}

/// A client without file operations gets `changes` only, and a message naming the file to
/// rename by hand.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rename_without_file_operations_says_what_to_rename_by_hand() {
    let (dir, mut client, uris) = session(Edits::TextOnly, &[HELPER_MD]).await;
    let h = &uris[0];
    let mut params = at(h, 1, 9);
    params["newName"] = json!("assistant");
    let snap = Snap::new(dir.path());
    let edit = client.request("textDocument/rename", params).await.unwrap();
    snap.check(
        &edit,
        expect![[r#"
            {
              "changes": {
                "file://$ROOT/.claude/agents/helper.md": [
                  {"newText": "assistant", "range": {"end": {"character": 12, "line": 1}, "start": {"character": 6, "line": 1}}}
                ],
                "file://$ROOT/.claude/agents/reviewer.md": [
                  {"newText": "assistant", "range": {"end": {"character": 25, "line": 4}, "start": {"character": 19, "line": 4}}}
                ]
              }
            }
        "#]],
    );
    let message = client.next_notification("window/showMessage").await;
    snap.check(
        &message,
        expect![[r#"
            {
              "message": "persona-ls: this editor cannot rename files in a rename: rename `$ROOT/.claude/agents/helper.md` to `$ROOT/.claude/agents/assistant.md` by hand, or the tool no longer finds it by its new name.",
              "type": 2
            }
        "#]],
    );
}

/// Refused: onto an existing agent, onto a built-in, a name the dialect does not allow, and
/// a place that is no name.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rename_refusals() {
    let (dir, mut client, uris) = session(Edits::FileOps, &[HELPER_MD]).await;
    let h = &uris[0];
    let mut out = Vec::new();
    for new in ["reviewer", "general-purpose", "Big Helper"] {
        let mut params = at(h, 1, 9);
        params["newName"] = json!(new);
        let e = client
            .request("textDocument/rename", params)
            .await
            .unwrap_err();
        out.push(e["message"].clone());
    }
    let e = client
        .request("textDocument/prepareRename", at(h, 2, 3))
        .await
        .unwrap_err();
    out.push(e["message"].clone());
    Snap::new(dir.path()).check(
        &json!(out),
        expect![[r#"
            [
              "`$ROOT/.claude/agents/reviewer.md` exists already.",
              "`general-purpose` is the name of a built-in subagent.",
              "Not renamed: Claude Code agent names are lowercase letters, digits and hyphens: use `big-helper`.",
              "Rename works on a persona's name or on a reference to one."
            ]
        "#]],
    );
}

/// Every persona by a fuzzy name, with its kind, its name's place and its dialect, scope
/// and description.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn workspace_symbols_match_a_subsequence() {
    let (dir, mut client, _) = session(Edits::FileOps, &[]).await;
    let found = client
        .request("workspace/symbol", json!({ "query": "rvw" }))
        .await
        .unwrap();
    Snap::new(dir.path()).check(
        &found,
        expect![[r#"
            [
              {"containerName": "Claude Code subagent · this project · Reviews code", "kind": 5, "location": {"range": {"end": {"character": 14, "line": 1}, "start": {"character": 6, "line": 1}}, "uri": "file://$ROOT/.claude/agents/reviewer.md"}, "name": "reviewer"},
              {"containerName": "Agent skill (SKILL.md) · this project · Reviews a change", "kind": 12, "location": {"range": {"end": {"character": 0, "line": 0}, "start": {"character": 0, "line": 0}}, "uri": "file://$ROOT/.claude/skills/code-review/SKILL.md"}, "name": "code-review"}
            ]
        "#]],
    );
}

/// Links on the references that resolve; the reference count on the name; the listing cost
/// after the description (the emoji counts three UTF-16 units, the hint sits after it).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn links_lens_and_cost_hint() {
    let (dir, mut client, uris) = session(Edits::FileOps, &[REVIEWER_MD, HELPER_MD]).await;
    let u = &uris[0];
    let h = &uris[1];
    let snap = Snap::new(dir.path());
    let doc = |u: &str| json!({ "textDocument": { "uri": u } });
    let links = client
        .request("textDocument/documentLink", doc(u))
        .await
        .unwrap();
    snap.check(
        &links,
        expect![[r#"
            [
              {"range": {"end": {"character": 26, "line": 3}, "start": {"character": 15, "line": 3}}, "target": "file://$ROOT/.claude/skills/code-review/SKILL.md", "tooltip": "$ROOT/.claude/skills/code-review/SKILL.md"},
              {"range": {"end": {"character": 25, "line": 4}, "start": {"character": 19, "line": 4}}, "target": "file://$ROOT/.claude/agents/helper.md", "tooltip": "$ROOT/.claude/agents/helper.md"}
            ]
        "#]],
    );
    let lens = client
        .request("textDocument/codeLens", doc(h))
        .await
        .unwrap();
    snap.check(
        &lens,
        expect![[r#"
            [
              {"command": {"command": "", "title": "1 reference"}, "range": {"end": {"character": 12, "line": 1}, "start": {"character": 6, "line": 1}}}
            ]
        "#]],
    );
    let mut params = doc(h);
    params["range"] =
        json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 9, "character": 0 } });
    let hints = client
        .request("textDocument/inlayHint", params)
        .await
        .unwrap();
    snap.check(
        &hints,
        expect![[r#"
            [
              {"label": "≈ 7 tokens · <0.1% of Claude Code's subagent descriptions (13 of 15.0k tokens used)", "paddingLeft": true, "position": {"character": 34, "line": 2}}
            ]
        "#]],
    );
}

/// A project of `files`, a client, and the first file opened (its URI).
async fn opened(files: &[(&str, &str)]) -> (tempfile::TempDir, TestClient, String) {
    let dir = project(files);
    let mut client = start(dir.path(), Edits::FileOps).await;
    let (rel, text) = files[0];
    let u = file_uri(&dir.path().join(rel));
    client.open(&u, text).await;
    client.publish(&u, 1).await;
    (dir, client, u)
}

/// Body links: go to definition from `[the steps](references/steps.md)` opens the file, and
/// a link to no file leads nowhere (it is `broken-link`'s).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn definition_from_a_body_link_opens_the_file() {
    let skill = "---\nname: code-review\ndescription: Reviews a change\n---\nFollow [the steps](references/steps.md), not [these](references/gone.md).\n";
    let (dir, mut client, u) = opened(&[
        (".claude/skills/code-review/SKILL.md", skill),
        (".claude/skills/code-review/references/steps.md", "Steps.\n"),
    ])
    .await;
    let snap = Snap::new(dir.path());
    let mut answers = Vec::new();
    for character in [25, 55] {
        let found = client
            .request("textDocument/definition", at(&u, 4, character))
            .await
            .unwrap();
        answers.push(found);
    }
    snap.check(
        &json!(answers),
        expect![[r#"
            [
              [
                {"range": {"end": {"character": 0, "line": 0}, "start": {"character": 0, "line": 0}}, "uri": "file://$ROOT/.claude/skills/code-review/references/steps.md"}
              ],
              null
            ]
        "#]],
    );
}

/// A cross-file finding's fix is a quick fix in the editor too: `skills: [revew]` offers
/// `review`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cross_file_finding_offers_its_fix_as_a_quick_fix() {
    let agent = "---\nname: lead\ndescription: Leads\nskills: [revew]\n---\nLead.\n";
    let (_dir, mut client, u) = opened(&[
        (".claude/agents/lead.md", agent),
        (".claude/skills/review/SKILL.md", SKILL),
    ])
    .await;
    let actions = client
        .request(
            "textDocument/codeAction",
            json!({
                "textDocument": { "uri": u },
                "range": { "start": { "line": 3, "character": 10 }, "end": { "line": 3, "character": 10 } },
                "context": { "diagnostics": [], "only": ["quickfix"] }
            }),
        )
        .await
        .unwrap();
    let titles: Vec<&str> = actions
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Change to `review`"]);
}
