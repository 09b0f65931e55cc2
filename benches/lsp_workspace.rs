//! The workspace scenarios of the LSP latency bench (issue 11 §5): a server started on a
//! workspace folder, from `initialized` to the end of its indexing progress, its memory then,
//! and the cross-file latencies: a keystroke in an agent with an `unknown-reference` finding,
//! a skill's `name` renamed in its open file until the open agent that preloads it reports
//! the reference unresolved (and the rename undone until it no longer does), definition,
//! references, prepareRename + rename, and a workspace symbol query.
//!
//! The files are chosen from the workspace's own index (`workspace_picks.rs`), built in this
//! process with the engine; the server reads the folder itself. Nothing is written to disk:
//! the edits are `didChange` notifications.

use crate::workspace_picks::{Picks, pick};
use crate::{Server, Stats, position, uri_of};
use persona_ls::config::Config;
use persona_ls::project::Project;
use persona_ls::workspace::{self, Personas};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long a cross-file answer may take before the scenario reports it missing.
const ANSWER: Duration = Duration::from_secs(10);
/// The codes that say a reference names nothing: persona-ls's `unknown-reference`, and the
/// peer's (agnix-lsp 0.60.3, CC-AG-005: "Referenced skill '…' not found").
const UNRESOLVED: &[&str] = &["unknown-reference", "CC-AG-005"];
/// The silence after which a server has published all it will.
const QUIET: Duration = Duration::from_millis(500);
/// How long the indexing may take.
const INDEXING: Duration = Duration::from_secs(600);

/// The folder's index as the engine builds it, and the bench's choices in it.
pub struct Prepared {
    pub folder: PathBuf,
    pub picks: Picks,
    pub personas: usize,
}

pub fn prepare(folder: &Path) -> Prepared {
    let folder = persona_ls::project::canonical(folder);
    let project = Project::for_server(std::slice::from_ref(&folder), Config::default(), None);
    let mut personas = Personas::default();
    for (path, entry) in workspace::scan(std::slice::from_ref(&folder), &project) {
        personas.insert(path, entry.record);
    }
    Prepared {
        picks: pick(&personas),
        personas: personas.len(),
        folder,
    }
}

/// What a client with workspace features announces beyond the editor scenarios' client.
fn capabilities() -> Value {
    json!({
        "window": {"workDoneProgress": true},
        "workspace": {
            "configuration": false,
            "workspaceFolders": true,
            "symbol": {},
            "workspaceEdit": {"documentChanges": true, "resourceOperations": ["create", "rename", "delete"]}
        },
        "textDocument": {
            "publishDiagnostics": {"versionSupport": true},
            "definition": {"linkSupport": false},
            "references": {},
            "rename": {"prepareSupport": true}
        }
    })
}

fn is_progress(m: &Value, kind: &str) -> bool {
    m["method"] == "$/progress" && m["params"]["value"]["kind"] == kind
}

/// Waits for the end of the server's indexing: a `$/progress` end after a begin. `None` when
/// the server reports no progress (no begin within 10 s) or never ends it.
fn indexed(s: &mut Server) -> Option<Value> {
    let first = s.wait_for(ANSWER, |m| is_progress(m, "begin") || is_progress(m, "end"))?;
    if is_progress(&first, "end") {
        return Some(first);
    }
    s.wait_for(INDEXING, |m| is_progress(m, "end"))
}

/// How many findings of a `publishDiagnostics` say a reference names nothing.
fn unresolved(m: &Value) -> usize {
    m["params"]["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| d["code"].as_str().is_some_and(|c| UNRESOLVED.contains(&c)))
        .count()
}

fn mb(kb: Option<u64>) -> String {
    kb.map_or("?".to_string(), |k| format!("{:.1} MB", k as f64 / 1024.0))
}

/// An open document of the workspace, with the text the server has.
struct Doc {
    uri: String,
    text: String,
    version: i64,
}

impl Doc {
    fn open(s: &mut Server, path: &Path) -> Doc {
        let text = std::fs::read_to_string(path).expect("a workspace file");
        let uri = uri_of(path);
        s.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        );
        Doc {
            uri,
            text,
            version: 1,
        }
    }

    fn at(&self, offset: usize) -> Value {
        let (line, character) = position(&self.text, offset);
        json!({"textDocument": {"uri": self.uri}, "position": {"line": line, "character": character}})
    }

    /// Inserts `s` at `offset` (or deletes `delete` bytes there): the next version.
    fn edit(&mut self, server: &mut Server, offset: usize, insert: &str, delete: usize) {
        self.version += 1;
        server.change(
            &self.uri,
            self.version,
            &mut self.text,
            offset,
            insert,
            delete,
        );
    }
}

/// Samples a request; `ok` judges each answer (a failure is counted and the first one shown).
fn requests(
    s: &mut Server,
    name: &str,
    label: &str,
    samples: usize,
    calls: &[(&str, Value)],
    ok: impl Fn(&[Value]) -> bool,
) {
    let mut stats = Stats::new();
    let mut failed = 0;
    let mut first_failure = None;
    for _ in 0..samples {
        let t = Instant::now();
        let answers: Vec<Value> = calls
            .iter()
            .map(|(method, params)| s.request(method, params.clone()))
            .collect();
        stats.samples.push(t.elapsed());
        if !ok(&answers) {
            failed += 1;
            first_failure.get_or_insert_with(|| json!(answers).to_string());
        }
    }
    stats.row(name, label);
    if let Some(answer) = first_failure {
        let shown: String = answer.chars().take(400).collect();
        println!("| {name} | ↑ {failed} of {samples} answers not as expected, e.g. `{shown}` |");
    }
}

fn non_empty(v: &Value) -> bool {
    v.get("error").is_none()
        && match &v["result"] {
            Value::Array(a) => !a.is_empty(),
            Value::Null => false,
            _ => true,
        }
}

pub fn run(cmd: &str, name: &str, prepared: &Prepared, samples: usize, index_samples: usize) {
    let folder = &prepared.folder;
    let label = format!("{} personas", prepared.personas);

    // Fresh processes: initialized → the end of the indexing progress, and → the last
    // diagnostics of the files that are not open (the end of a 0.5 s silence).
    let mut index = Stats::new();
    let mut settled = Stats::new();
    let mut last = None;
    for i in 0..index_samples.max(1) {
        let (mut s, _) = Server::spawn_in(cmd, folder.clone(), None, capabilities());
        let t = Instant::now();
        let before = s.other_publishes;
        let Some(end) = indexed(&mut s) else {
            println!(
                "| {name} | initialized → index complete ({label}) | no `$/progress` end: the server reports no indexing ({} publishDiagnostics in the first {ANSWER:?}) |",
                s.other_publishes - before
            );
            last = Some((s, None));
            break;
        };
        index.samples.push(t.elapsed());
        let mut quiet = t.elapsed();
        while s
            .wait_for(QUIET, |m| m["method"] == "textDocument/publishDiagnostics")
            .is_some()
        {
            quiet = t.elapsed();
        }
        settled.samples.push(quiet);
        if i + 1 == index_samples.max(1) {
            let message = end["params"]["value"]["message"].as_str().map(String::from);
            last = Some((s, Some(message.unwrap_or_default())));
        } else {
            s.stop();
        }
    }
    let Some((mut s, message)) = last else { return };
    let when = match message {
        Some(message) => {
            index.row(
                name,
                &format!("initialized → index complete ({label}; \"{message}\")"),
            );
            settled.row(
                name,
                "initialized → the last publishDiagnostics of the scan (files not open)",
            );
            "when the index is complete"
        }
        None => "10 s after `initialized`",
    };
    println!(
        "| {name} | RSS {when} ({label}): now / peak (VmHWM) | {} / {} |",
        mb(s.rss_kb()),
        mb(s.status_kb("VmHWM:"))
    );

    let picks = &prepared.picks;
    // A keystroke in an agent whose findings include `unknown-reference`.
    if let Some((path, description)) = &picks.unresolved {
        let mut doc = Doc::open(&mut s, path);
        let first = s.wait_for(ANSWER, |m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == doc.uri
        });
        if first.as_ref().is_none_or(|m| unresolved(m) == 0) {
            println!(
                "| {name} | didOpen {} → diagnostics: expected an `unknown-reference`, got `{}` |",
                path.display(),
                first.map_or("nothing".to_string(), |m| m["params"].to_string())
            );
        }
        let at = description.start + 1;
        let mut stats = Stats::new();
        let mut missing = 0;
        let mut others = 0;
        for i in 0..samples + 10 {
            let before = s.other_publishes;
            let t = Instant::now();
            if i % 2 == 0 {
                doc.edit(&mut s, at, "x", 0);
            } else {
                doc.edit(&mut s, at, "", 1);
            }
            let (uri, version) = (doc.uri.clone(), doc.version);
            let answer = s.wait_diagnostics(&uri, Some(version));
            if i >= 10 {
                stats.samples.push(t.elapsed());
                missing += usize::from(unresolved(&answer) == 0);
                others += s.other_publishes - before;
            }
        }
        stats.row(
            name,
            "keystroke in an agent with `unknown-reference` → its diagnostics",
        );
        println!(
            "| {name} | ↑ answers without the `unknown-reference`: {missing}; other documents' publishes passed on the way: {:.1} per keystroke |",
            others as f64 / samples.max(1) as f64
        );
        // Closed (the rename scenario may open it again, as the dependent).
        s.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": doc.uri}}),
        );
    }

    // A skill's `name` renamed in its open file → the open dependent's diagnostics.
    if let Some(r) = &picks.renamed {
        let mut skill = Doc::open(&mut s, &r.path);
        let dependent = Doc::open(&mut s, &r.dependent);
        // Both documents' first diagnostics, in either order; the dependent's unresolved
        // references before the rename.
        let (mut baseline, mut skill_seen) = (None, false);
        while baseline.is_none() || !skill_seen {
            let (a, b) = (skill.uri.clone(), dependent.uri.clone());
            let Some(m) = s.wait_for(ANSWER, |m| {
                m["method"] == "textDocument/publishDiagnostics"
                    && (m["params"]["uri"] == a || m["params"]["uri"] == b)
            }) else {
                break;
            };
            if m["params"]["uri"] == b {
                baseline = Some(unresolved(&m));
            } else {
                skill_seen = true;
            }
        }
        let baseline = baseline.unwrap_or(0);
        let mut broken = Stats::new();
        let mut restored = Stats::new();
        let rounds = (samples / 3).max(10);
        for i in 0..rounds * 2 {
            let renaming = i % 2 == 0;
            let t = Instant::now();
            if renaming {
                skill.edit(&mut s, r.name.end, "x", 0);
            } else {
                skill.edit(&mut s, r.name.end, "", 1);
            }
            let uri = dependent.uri.clone();
            let answer = s.wait_for(ANSWER, |m| {
                m["method"] == "textDocument/publishDiagnostics"
                    && m["params"]["uri"] == uri
                    && (unresolved(m) > baseline) == renaming
            });
            if answer.is_none() {
                println!(
                    "| {name} | `{}` {} in {}: no publishDiagnostics of {} with {} unresolved references within {ANSWER:?} |",
                    r.written,
                    if renaming { "renamed" } else { "restored" },
                    r.path.display(),
                    r.dependent.display(),
                    if renaming {
                        format!("more than {baseline}")
                    } else {
                        baseline.to_string()
                    },
                );
                break;
            }
            if renaming { &mut broken } else { &mut restored }
                .samples
                .push(t.elapsed());
        }
        if !broken.samples.is_empty() {
            broken.row(
                name,
                "skill's `name` renamed → the open dependent's `unknown-reference`",
            );
        }
        if !restored.samples.is_empty() {
            restored.row(name, "rename undone → the dependent's finding gone");
        }

        requests(
            &mut s,
            name,
            "definition from a `skills:` entry",
            samples,
            &[(
                "textDocument/definition",
                dependent.at(r.reference.start + 1),
            )],
            |a| non_empty(&a[0]),
        );
        let mut refs = skill.at(r.name.start + 1);
        refs["context"] = json!({"includeDeclaration": true});
        requests(
            &mut s,
            name,
            "references from a skill's name",
            samples,
            &[("textDocument/references", refs)],
            |a| non_empty(&a[0]),
        );
        let mut rename = skill.at(r.name.start + 1);
        let local = r.written.rsplit(':').next().unwrap_or(&r.written);
        rename["newName"] = json!(format!("{local}x"));
        requests(
            &mut s,
            name,
            "prepareRename + rename of a skill",
            samples,
            &[
                ("textDocument/prepareRename", skill.at(r.name.start + 1)),
                ("textDocument/rename", rename),
            ],
            |a| non_empty(&a[0]) && non_empty(&a[1]),
        );
    }

    requests(
        &mut s,
        name,
        &format!("workspace/symbol {:?}", picks.query),
        samples,
        &[("workspace/symbol", json!({"query": picks.query}))],
        |a| non_empty(&a[0]),
    );
    if picks.unresolved.is_none() {
        println!(
            "| {name} | (no persona with an unresolved reference: keystroke scenario skipped) |"
        );
    }
    if picks.renamed.is_none() {
        println!(
            "| {name} | (no persona named by its key with a dependent: rename scenarios skipped) |"
        );
    }
    s.stop();
}
