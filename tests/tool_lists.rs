//! One reading of a tool list (`analysis::tool_list`, driven by the dialect's
//! `tools.list-style`): the rules, hover, completion and the workspace index see the same
//! items in every form a tool list takes.

use expect_test::expect;
use persona_ls::analysis::completion::{self, complete};
use persona_ls::analysis::hover::{self, hover};
use persona_ls::analysis::tool_list::{base_name, tokens};
use persona_ls::analysis::{Location, Parsed, analyze};
use persona_ls::config::Config;
use persona_ls::dialect::Registry;
use persona_ls::text::{Encoding, LineIndex};
use persona_ls::workspace::extract;

const SKILL: &str = ".claude/skills/review/SKILL.md";
const AGENT: &str = ".claude/agents/reviewer.md";

fn location(rel_path: &str) -> Location<'_> {
    Location::at(rel_path)
}

/// The hover at `$0` in `fixture`: the text it is about, then its Markdown.
fn hover_at(path: &str, fixture: &str, registry: &Registry) -> String {
    let offset = fixture.find("$0").expect("cursor marker");
    let text = fixture.replace("$0", "");
    let parsed = Parsed::new(&text);
    let analysis = analyze(&text, location(path), registry);
    let none = |_: &str| Vec::new();
    let req = hover::Request {
        text: &text,
        parsed: &parsed,
        registry,
        detected: analysis.dialect,
        offset,
        diagnostics: &analysis.diagnostics,
        workspace: &none,
    };
    match hover(&req) {
        Some(h) => format!("[{}]\n{}\n", &text[h.range], h.markdown),
        None => "none\n".to_string(),
    }
}

/// The completion at `$0`: one `label -> insert [replaced]` line per item, by relevance.
fn complete_at(path: &str, fixture: &str, registry: &Registry) -> String {
    let offset = fixture.find("$0").expect("cursor marker");
    let text = fixture.replace("$0", "");
    let parsed = Parsed::new(&text);
    let detected = analyze(&text, location(path), registry)
        .dialect
        .expect("a persona");
    let none = |_: &str| Vec::new();
    let req = completion::Request {
        text: &text,
        parsed: &parsed,
        registry,
        dialect: &registry.dialects[detected.index],
        offset,
        snippets: false,
        lazy_docs: true,
        workspace: &none,
    };
    let mut items = complete(&req);
    items.sort_by(|a, b| a.sort.cmp(&b.sort));
    items
        .iter()
        .map(|i| {
            format!(
                "{} -> {} [{}]\n",
                i.label,
                i.insert,
                &text[i.replace.clone()]
            )
        })
        .collect()
}

/// The diagnostics of `check`, one line each.
fn check(path: &str, text: &str, registry: &Registry) -> String {
    let index = LineIndex::new(text);
    analyze(text, location(path), registry)
        .diagnostics
        .iter()
        .map(|d| {
            let p = index.position(text, d.range.start, Encoding::Utf16);
            format!(
                "{}:{} {}[{}] {:?}: {}\n",
                p.line + 1,
                p.character + 1,
                d.severity.as_str(),
                d.code,
                &text[d.range.clone()],
                d.message
            )
        })
        .collect()
}

/// The reproduction of issue 9: a skill's space-separated `allowed-tools`.
#[test]
fn a_space_separated_skill_list_is_read_alike_everywhere() {
    let registry = Registry::builtin();
    let text =
        "---\nname: review\ndescription: d\nallowed-tools: Read Grepp Bash(gh pr:*)\n---\nBody\n";
    expect![[r#"
        4:21 warning[unknown-tool] "Grepp": Unknown tool `Grepp` for Claude Code / Agent Skills / VS Code: did you mean `Grep`?
    "#]].assert_eq(&check(SKILL, text, &registry));
    let at = |needle: &str| text.replacen(needle, &format!("$0{needle}"), 1);
    expect![[r#"
        [Read]
        **`Read`** · tool of Claude Code / Agent Skills / VS Code

        Reads the contents of files.
    "#]]
    .assert_eq(&hover_at(SKILL, &at("Read"), &registry));
    expect![[r#"
        [Bash(gh pr:*)]
        **`Bash`** · tool of Claude Code / Agent Skills / VS Code

        Executes shell commands in your environment.
    "#]]
    .assert_eq(&hover_at(SKILL, &at("gh pr"), &registry));
    let after_read = "---\nname: review\ndescription: d\nallowed-tools: Read $0\n---\nBody\n";
    let items = complete_at(SKILL, after_read, &registry);
    expect![[r#"
        Agent -> Agent []
        Artifact -> Artifact []
        AskUserQuestion -> AskUserQuestion []
        Bash -> Bash []"#]]
    .assert_eq(&items.lines().take(4).collect::<Vec<_>>().join("\n"));
    assert!(
        !items.contains("\nRead ->") && !items.starts_with("Read ->"),
        "{items}"
    );
    let parsed = Parsed::new(text);
    let dialect = registry.dialects.iter().find(|d| d.id == "claude-skill");
    expect![[
        r#"[("allowed-tools", "Read"), ("allowed-tools", "Grepp"), ("allowed-tools", "Bash")]"#
    ]]
    .assert_eq(&format!("{:?}", extract(&parsed, dialect)));
}

/// Every form of a tool list: what the rules, hover and the index read from it, item by item.
#[test]
fn every_form_of_a_tool_list_gives_the_same_items() {
    let registry = Registry::builtin();
    let forms = [
        (AGENT, "tools: Read, Agent(a, b), Bash(git add:*)"),
        (AGENT, "tools: Read Grep, Glob"),
        (AGENT, "tools: \"Read, Grep\""),
        (AGENT, "tools: [Read, 'Grep']"),
        (AGENT, "tools:\n  - Read\n  - \"Bash(git diff:*)\""),
        (SKILL, "allowed-tools: Bash(gh pr view:*) Agent(a, b) Read"),
        (SKILL, "allowed-tools: Read Grep, Bash(gh pr view:*)"),
        (SKILL, "allowed-tools: 'Read Grep'"),
    ];
    let mut out = String::new();
    for (path, line) in forms {
        let text = format!("---\nname: review\ndescription: d\n{line}\n---\nBody\n");
        let parsed = Parsed::new(&text);
        let detected = analyze(&text, location(path), &registry)
            .dialect
            .expect("a persona");
        let dialect = &registry.dialects[detected.index];
        let entry = &parsed.yaml.as_ref().expect("yaml").entries[2];
        let value = entry.value.as_ref().expect("a value");
        let items = tokens(&text, value, dialect.tools.list_style);
        out.push_str(&format!("{line:?}\n"));
        for t in &items {
            let fixture = format!("{}$0{}", &text[..t.range.start], &text[t.range.start..]);
            let h = hover_at(path, &fixture, &registry);
            out.push_str(&format!(
                "  {:?} at {:?}; hover on {}\n",
                t.name,
                &text[t.range.clone()],
                h.lines().next().unwrap_or("")
            ));
        }
        let index: Vec<String> = extract(&parsed, Some(dialect))
            .into_iter()
            .filter(|(k, _)| *k == entry.key)
            .map(|(_, v)| v)
            .collect();
        let names: Vec<&str> = items.iter().map(|t| base_name(&t.name)).collect();
        out.push_str(&format!("  index: {index:?}\n"));
        assert_eq!(index, names, "{line}");
    }
    expect![[r#"
        "tools: Read, Agent(a, b), Bash(git add:*)"
          "Read" at "Read"; hover on [Read]
          "Agent(a, b)" at "Agent(a, b)"; hover on [Agent(a, b)]
          "Bash(git add:*)" at "Bash(git add:*)"; hover on [Bash(git add:*)]
          index: ["Read", "Agent", "Bash"]
        "tools: Read Grep, Glob"
          "Read Grep" at "Read Grep"; hover on [Read Grep]
          "Glob" at "Glob"; hover on [Glob]
          index: ["Read Grep", "Glob"]
        "tools: \"Read, Grep\""
          "Read" at "Read"; hover on [Read]
          "Grep" at "Grep"; hover on [Grep]
          index: ["Read", "Grep"]
        "tools: [Read, 'Grep']"
          "Read" at "Read"; hover on [Read]
          "Grep" at "Grep"; hover on [Grep]
          index: ["Read", "Grep"]
        "tools:\n  - Read\n  - \"Bash(git diff:*)\""
          "Read" at "Read"; hover on [Read]
          "Bash(git diff:*)" at "Bash(git diff:*)"; hover on [Bash(git diff:*)]
          index: ["Read", "Bash"]
        "allowed-tools: Bash(gh pr view:*) Agent(a, b) Read"
          "Bash(gh pr view:*)" at "Bash(gh pr view:*)"; hover on [Bash(gh pr view:*)]
          "Agent(a, b)" at "Agent(a, b)"; hover on [Agent(a, b)]
          "Read" at "Read"; hover on [Read]
          index: ["Bash", "Agent", "Read"]
        "allowed-tools: Read Grep, Bash(gh pr view:*)"
          "Read Grep" at "Read Grep"; hover on [Read Grep]
          "Bash(gh pr view:*)" at "Bash(gh pr view:*)"; hover on [Bash(gh pr view:*)]
          index: ["Read Grep", "Bash"]
        "allowed-tools: 'Read Grep'"
          "Read" at "Read"; hover on [Read]
          "Grep" at "Grep"; hover on [Grep]
          index: ["Read", "Grep"]
    "#]]
    .assert_eq(&out);
}

/// Configured tool names are tools to completion and hover as they are to the rules.
#[test]
fn configured_tool_names_are_completed_and_explained() {
    let config = "[dialects.claude-agent.keys.tools]\nvalues = [{ value = \"MyTool\", doc = \"Our deploy tool.\" }]\n";
    let registry = Registry::new(Config::from_toml(config, None).expect("config"));
    let text = "---\nname: a\ndescription: d\ntools: Read, $0MyTool\n---\nBody\n";
    expect![[r#"
        [MyTool]
        **`MyTool`** · tool of Claude Code

        Our deploy tool.
    "#]]
    .assert_eq(&hover_at(AGENT, text, &registry));
    let typed = "---\nname: a\ndescription: d\ntools: Read, My$0\n---\nBody\n";
    let items = complete_at(AGENT, typed, &registry);
    let mine: Vec<&str> = items.lines().filter(|l| l.starts_with("MyTool")).collect();
    expect!["MyTool -> MyTool [My]"].assert_eq(&mine.join("\n"));
}
