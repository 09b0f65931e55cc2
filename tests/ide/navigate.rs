//! Navigation over a fixture's files, all indexed as the workspace (under `/w`): definition,
//! references, rename plans (edits and file moves) and refusals, workspace symbols and the
//! cost labels, each place as `path line:col-line:col "text"` (UTF-16 columns, 1-based).

use crate::fixture::{Fixture, markers_around, quote};
use expect_test::{Expect, expect};
use persona_ls::analysis::navigate::{self, FileText, Place, Source};
use persona_ls::project::Scope;
use persona_ls::text::{Encoding, LineIndex};
use persona_ls::workspace::{Origin, Personas, Record, index_text};
use std::fmt::Write;
use std::path::{Path, PathBuf};

const ROOT: &str = "/w";

struct World {
    f: Fixture,
    index: Personas,
    path: PathBuf,
    record: Record,
    /// The texts a rename reads (what the disk has; may differ from what was indexed).
    disk: Vec<(String, String)>,
}

fn record_of(f: &Fixture, rel: &str, text: &str) -> Option<Record> {
    let others: Vec<String> = f.files.iter().map(|(p, _)| p.clone()).collect();
    let origin = Origin {
        root: Path::new(ROOT),
        rel_path: rel,
        level: Scope::Project,
        markers: markers_around(rel, &others),
    };
    index_text(text, &origin, &f.registry, None)?.record
}

fn world(fixture: &str) -> World {
    let f = Fixture::parse(fixture);
    let mut index = Personas::default();
    for (rel, text) in &f.files {
        if let Some(r) = record_of(&f, rel, text) {
            index.set(Path::new(ROOT).join(rel), Some(r));
        }
    }
    let record = record_of(&f, &f.path, &f.text).expect("the cursor's file is a persona");
    let disk = f.files.clone();
    World {
        path: Path::new(ROOT).join(&f.path),
        f,
        index,
        record,
        disk,
    }
}

impl World {
    fn text_of(&self, path: &Path) -> Option<&str> {
        let rel = path.strip_prefix(ROOT).ok()?.to_str()?;
        self.disk
            .iter()
            .find(|(p, _)| p == rel)
            .map(|(_, t)| t.as_str())
    }

    fn place(&self, p: &Place) -> String {
        let text = self.text_of(&p.path).unwrap_or_default();
        span(&p.path, text, &p.span)
    }
}

fn span(path: &Path, text: &str, r: &std::ops::Range<usize>) -> String {
    let lines = LineIndex::new(text);
    let pos = |o: usize| {
        let p = lines.position(text, o, Encoding::Utf16);
        format!("{}:{}", p.line + 1, p.character + 1)
    };
    format!(
        "{} {}-{} {}",
        path.strip_prefix(ROOT).unwrap_or(path).display(),
        pos(r.start),
        pos(r.end),
        quote(text.get(r.clone()).unwrap_or("?"))
    )
}

impl Source for World {
    fn text(&self, path: &Path) -> Option<FileText> {
        let text = self.text_of(path)?.to_string();
        Some(FileText {
            text,
            version: None,
        })
    }
    fn record(&self, path: &Path, text: &str) -> Option<Record> {
        record_of(&self.f, path.strip_prefix(ROOT).ok()?.to_str()?, text)
    }
    fn exists(&self, path: &Path) -> bool {
        self.f
            .files
            .iter()
            .any(|(p, _)| Path::new(ROOT).join(p).starts_with(path))
    }
}

fn check_references(fixture: &str, expect: Expect) {
    let w = world(fixture);
    let mut out = String::new();
    for p in navigate::references(&w.index, &w.path, &w.record, w.f.cursor(), true) {
        let _ = writeln!(out, "{}", w.place(&p));
    }
    expect.assert_eq(&out);
}

/// The prepared range, then every edit (on the text the rename read) and move, or the refusal.
fn check_rename(fixture: &str, new: &str, expect: Expect) {
    expect.assert_eq(&rename_answer(&world(fixture), new));
}

fn rename_answer(w: &World, new: &str) -> String {
    let mut out = String::new();
    let at = navigate::Cursor {
        path: &w.path,
        record: &w.record,
        text: &w.f.text,
        offset: w.f.cursor(),
    };
    match navigate::prepare_rename(&w.index, &at, &w.f.registry) {
        Ok((r, placeholder)) => {
            let _ = writeln!(
                out,
                "prepared {} ({placeholder})",
                span(&w.path, &w.f.text, &r)
            );
        }
        Err(e) => {
            let _ = writeln!(out, "not prepared: {e}");
        }
    }
    let plan = navigate::rename(&w.index, &at, new, &w.f.registry, w);
    match plan {
        Ok(plan) => {
            for f in &plan.files {
                for (r, text) in &f.edits {
                    let _ = writeln!(
                        out,
                        "edit {} → {}",
                        span(&f.path, &f.text.text, r),
                        quote(text)
                    );
                }
            }
            for (from, to) in &plan.moves {
                let _ = writeln!(
                    out,
                    "move {} → {}",
                    from.strip_prefix(ROOT).unwrap().display(),
                    to.strip_prefix(ROOT).unwrap().display()
                );
            }
        }
        Err(e) => {
            let _ = writeln!(out, "refused: {e}");
        }
    }
    out
}

const TEAM: &str = r#"
//- /.claude/agents/lead.md
---
name: lead
description: Leads
skills:
  - "code-review"
  - review
tools: Read, Agent(Worker Bee), Task(worker-bee)
---
//- /.claude/agents/worker-bee.md
---
name: worker-bee
description: Works
---
//- /.claude/skills/code-review/SKILL.md
---
name: code-review
description: Reviews
---
//- /plugins/kit/.claude-plugin/plugin.json
{}
//- /plugins/kit/skills/review/SKILL.md
---
name: review
description: The plugin's review
---
"#;

fn team(cursor_in: &str, at: &str) -> String {
    // Puts `$0` into the file `cursor_in`, before the first `at` in it.
    let mut out = String::new();
    let mut inside = false;
    let mut done = false;
    for line in TEAM.split_inclusive('\n') {
        if let Some(h) = line.strip_prefix("//- ") {
            inside = h.trim() == cursor_in;
        }
        if inside && !done && line.contains(at) && !line.starts_with("//-") {
            out.push_str(&line.replacen(at, &format!("$0{at}"), 1));
            done = true;
        } else {
            out.push_str(line);
        }
    }
    assert!(done, "`{at}` in {cursor_in}");
    out
}

#[test]
fn definition_from_a_quoted_preload_a_suffix_preload_and_a_loose_agent_name() {
    let lead = "/.claude/agents/lead.md";
    // `review` is no project skill: Claude Code finds the plugin's `kit:review`.
    // `Agent(Worker Bee)` matches `worker-bee` ignoring case and separators.
    let mut out = String::new();
    for at in ["code-review", "review\n", "Bee)"] {
        let w = world(&team(lead, at));
        for mut p in navigate::definition(&w.index, &w.record, w.f.cursor()) {
            navigate::at_name_value(&w.index, &mut p, &w.f.registry, &w);
            let _ = writeln!(out, "{} → {}", quote(at), w.place(&p));
        }
    }
    expect![[r#"
        "code-review" → .claude/skills/code-review/SKILL.md 2:7-2:18 "code-review"
        "review\n" → plugins/kit/skills/review/SKILL.md 2:7-2:13 "review"
        "Bee)" → .claude/agents/worker-bee.md 2:7-2:17 "worker-bee"
    "#]]
    .assert_eq(&out);
}

#[test]
fn references_of_an_agent_from_its_file() {
    check_references(
        &team("/.claude/agents/worker-bee.md", "Works"),
        expect![[r#"
            .claude/agents/lead.md 7:20-7:30 "Worker Bee"
            .claude/agents/lead.md 7:38-7:48 "worker-bee"
            .claude/agents/worker-bee.md 2:7-2:17 "worker-bee"
        "#]],
    );
}

#[test]
fn rename_edits_every_spelling_and_renames_the_file_whose_stem_is_the_name() {
    check_rename(
        &team("/.claude/agents/worker-bee.md", "worker-bee"),
        "builder",
        expect![[r#"
            prepared .claude/agents/worker-bee.md 2:7-2:17 "worker-bee" (worker-bee)
            edit .claude/agents/lead.md 7:20-7:30 "Worker Bee" → "builder"
            edit .claude/agents/lead.md 7:38-7:48 "worker-bee" → "builder"
            edit .claude/agents/worker-bee.md 2:7-2:17 "worker-bee" → "builder"
            move .claude/agents/worker-bee.md → .claude/agents/builder.md
        "#]],
    );
}

#[test]
fn rename_of_a_plugin_skill_keeps_its_qualifier_and_refuses_the_qualifier() {
    let fixture = format!(
        "{TEAM}//- /.claude/agents/other.md\n---\nname: other\ndescription: x\nskills: [kit:re$0view]\n---\n"
    );
    check_rename(
        &fixture,
        "audit",
        expect![[r#"
            prepared .claude/agents/other.md 4:14-4:20 "review" (review)
            edit .claude/agents/lead.md 6:5-6:11 "review" → "audit"
            edit .claude/agents/other.md 4:14-4:20 "review" → "audit"
            edit plugins/kit/skills/review/SKILL.md 2:7-2:13 "review" → "audit"
            move plugins/kit/skills/review → plugins/kit/skills/audit
        "#]],
    );
    let on_qualifier = fixture.replace("kit:re$0view", "k$0it:review");
    check_rename(
        &on_qualifier,
        "audit",
        expect![[r#"
            not prepared: `kit:` is the plugin's name: rename the plugin's folder instead.
            refused: `kit:` is the plugin's name: rename the plugin's folder instead.
        "#]],
    );
}

/// A project skill's name comes from its folder, but its `name` value (where go to definition
/// lands) says it too: a rename from there renames the skill and its folder. A `name` value
/// that is not the folder's name is no name of the skill there.
#[test]
fn rename_of_a_project_skill_from_its_name_value_moves_its_folder() {
    let at_start = team("/.claude/skills/code-review/SKILL.md", "code-review");
    check_rename(
        &at_start,
        "review-code",
        expect![[r#"
            prepared .claude/skills/code-review/SKILL.md 2:7-2:18 "code-review" (code-review)
            edit .claude/agents/lead.md 5:6-5:17 "code-review" → "review-code"
            edit .claude/skills/code-review/SKILL.md 2:7-2:18 "code-review" → "review-code"
            move .claude/skills/code-review → .claude/skills/review-code
        "#]],
    );
    // The cursor at the value's end: the same.
    let at_end = TEAM.replace(
        "name: code-review\ndescription: Reviews",
        "name: code-review$0\ndescription: Reviews",
    );
    assert_eq!(
        rename_answer(&world(&at_end), "review-code"),
        rename_answer(&world(&at_start), "review-code")
    );
    let other_name = TEAM.replace("name: code-review", "name: review-$0steps");
    check_rename(
        &other_name,
        "audit",
        expect![[r#"
            not prepared: Rename works on a persona's name or on a reference to one.
            refused: Rename works on a persona's name or on a reference to one.
        "#]],
    );
}

/// The index holds an older text of the lead (the reference one line higher): the rename
/// reads it again and edits where the reference is now.
#[test]
fn rename_reads_a_file_again_when_the_index_is_older_than_its_text() {
    let mut w = world(&team("/.claude/agents/worker-bee.md", "worker-bee"));
    let (_, lead) = w
        .disk
        .iter_mut()
        .find(|(p, _)| p.ends_with("lead.md"))
        .unwrap();
    *lead = lead.replace("description: Leads\n", "description: Leads\nmodel: opus\n");
    let answer = rename_answer(&w, "builder");
    let in_lead: Vec<&str> = answer
        .lines()
        .filter(|l| l.contains(" .claude/agents/lead.md"))
        .collect();
    expect![[r#"
        edit .claude/agents/lead.md 8:20-8:30 "Worker Bee" → "builder"
        edit .claude/agents/lead.md 8:38-8:48 "worker-bee" → "builder"
    "#]]
    .assert_eq(&(in_lead.join("\n") + "\n"));
}

#[test]
fn rename_of_a_vscode_agent_escapes_inside_quotes_and_renames_its_agent_file() {
    check_rename(
        r#"
//- /.github/agents/planner.agent.md
---
name: pla$0nner
description: Plans
---
//- /.github/prompts/plan.prompt.md
---
agent: planner
---
//- /.github/prompts/other.prompt.md
---
agent: 'planner'
---
"#,
        "Tom's plan",
        expect![[r#"
            prepared .github/agents/planner.agent.md 2:7-2:14 "planner" (planner)
            edit .github/agents/planner.agent.md 2:7-2:14 "planner" → "Tom's plan"
            edit .github/prompts/other.prompt.md 2:9-2:16 "planner" → "Tom''s plan"
            edit .github/prompts/plan.prompt.md 2:8-2:15 "planner" → "Tom's plan"
            move .github/agents/planner.agent.md → .github/agents/Tom's plan.agent.md
        "#]],
    );
}

#[test]
fn workspace_symbols_score_prefixes_and_runs_first() {
    let w = world(&team("/.claude/agents/lead.md", "lead"));
    let mut out = String::new();
    for s in navigate::workspace_symbols(&w.index, "rev", &w.f.registry) {
        let _ = writeln!(out, "{} · {} · {}", s.name, w.place(&s.place), s.container);
    }
    expect![[r#"
        kit:review · plugins/kit/skills/review/SKILL.md 2:7-2:13 "review" · Agent skill (SKILL.md) · plugin `kit` · The plugin's review
        code-review · .claude/skills/code-review/SKILL.md 1:1-1:1 "" · Agent skill (SKILL.md) · this project · Reviews
    "#]]
    .assert_eq(&out);
    assert!(navigate::fuzzy_score("rvw", "review").is_some());
    assert!(navigate::fuzzy_score("wr", "review").is_none());
    assert!(navigate::fuzzy_score("re", "review") > navigate::fuzzy_score("re", "code-review"));
}

#[test]
fn cost_labels_per_budget() {
    let w = world(&team("/.claude/skills/code-review/SKILL.md", "Reviews"));
    let mut out = String::new();
    for c in navigate::costs(&w.index, &w.path, &w.record, &w.f.text, &w.f.registry) {
        let _ = writeln!(out, "{} {}", w.f.pos(c.at), c.label);
    }
    expect![[r#"
        3:21 ≈ 25 chars · 0.3% of Claude Code's skill listing (25 of 8.0k chars used)
    "#]]
    .assert_eq(&out);
}
