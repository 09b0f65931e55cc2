//! Every rule and every fix, on small fixtures: exact ranges (1-based line:column, UTF-16),
//! codes, messages, and whether the fix clears the diagnostic when the result is re-checked.

mod common;
use common::{first_fixes, fixed, offered, registry};
use expect_test::expect;
use persona_ls::analysis::{Location, analyze};
use persona_ls::dialect::{Markers, Registry};

/// [`common::check`], which also checks every finding's severity (see [`render`]).
fn check(rel_path: &str, text: &str) -> String {
    render(rel_path, text, &Registry::builtin())
}

/// [`common::render`], after checking that every severity found is one its rule's registry
/// line declares (the default or one of its cases): no rule picks a severity of its own. A
/// severity set by configuration is the configuration's.
fn render(rel_path: &str, text: &str, registry: &Registry) -> String {
    let location = Location::at(rel_path);
    for d in analyze(text, location, registry).diagnostics {
        assert!(
            registry.config.rules.contains_key(&d.code) || d.code.rule().declares(d.severity),
            "{}: `{}` is not declared in its registry line ({:?})",
            d.code,
            d.severity.as_str(),
            d.message
        );
    }
    common::render(rel_path, text, registry)
}

const AGENT: &str = ".claude/agents/reviewer.md";

#[test]
fn valid_agent_has_no_diagnostics() {
    let text = "---\nname: reviewer\ndescription: Reviews code. Use proactively.\ntools: Read, Grep, Glob\nmodel: sonnet\ncolor: green\n---\n\nYou review code.\n";
    expect![[r#"
        dialect: claude-agent
    "#]]
    .assert_eq(&check(AGENT, text));
}

#[test]
fn missing_front_matter_inserts_name_and_first_paragraph() {
    let text = "# Reviewer\n\nReviews code for bugs.\nUse it after edits.\n\n## Steps\n- read\n";
    expect![[r##"
        dialect: claude-agent
        1:1-1:11 error[missing-front-matter] No front matter: Claude Code skips the agent without a word; VS Code lists it under its file name, with no description. Add a `---` block with `name` and `description`.
          text: "# Reviewer"
          fix (manual): Insert front matter from the file name and first paragraph -> fixed
    "##]].assert_eq(&check(AGENT, text));
    // Offered in the editor, never applied by `--fix`: the file starts to load, with a
    // description guessed from its first paragraph.
    assert_eq!(fixed(AGENT, text).0, text);
    let new = offered(AGENT, text, "missing-front-matter");
    let left = fixed(AGENT, &new).1;
    expect![[r#"
        ---
        name: reviewer
        description: Reviews code for bugs. Use it after edits.
        ---

        # Reviewer

        Reviews code for bugs.
        Use it after edits.

        ## Steps
        - read
    "#]]
    .assert_eq(&new);
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn readme_in_agents_folder_gets_one_hint() {
    let text = "# Our agents\n\nThis folder holds the team's agents.\n";
    expect![[r##"
        dialect: claude-agent
        1:1-1:13 hint[missing-front-matter] `README.md` is documentation, not a persona: it has no front matter, so persona-ls does not check it.
          text: "# Our agents"
    "##]].assert_eq(&check(".claude/agents/README.md", text));
}

#[test]
fn playbook_without_front_matter_beside_agency_personas_is_not_a_persona() {
    let text = "# Launch playbook\n\nStep one.\n";
    expect![[r##"
        dialect: agency
        1:1-1:18 hint[missing-front-matter] No front matter, so this is not a persona: agency-agents (Claude Code, GitHub Copilot) skips files that do not start with `---`, and persona-ls does not check it.
          text: "# Launch playbook"
    "##]].assert_eq(&check("strategy/launch-playbook.md", text));
}

#[test]
fn unclosed_front_matter_with_a_long_dash_line() {
    let text = "---\nname: reviewer\ndescription: Reviews code.\n-----------------\n\n# Body\n";
    expect![[r#"
        dialect: claude-agent
        4:1-4:18 warning[unclosed-front-matter] `--------…` closes the front matter for Claude Code, which ends it at the first `---`, but readers that need a line of exactly `---` (strict YAML tools, editors that read this folder too) find no closing fence and read none of these keys. Replace it with `---`.
          text: "-----------------"
          fix: Replace it with `---` -> fixed
    "#]].assert_eq(&check(AGENT, text));
    // Claude Code's commands and skills use the same reader.
    expect![[r#"
        dialect: claude-command
        3:1-3:7 warning[unclosed-front-matter] `------` closes the front matter for Claude Code, which ends it at the first `---`, but readers that need a line of exactly `---` (strict YAML tools, editors that read this folder too) find no closing fence and read none of these keys. Replace it with `---`.
          text: "------"
          fix: Replace it with `---` -> fixed
    "#]].assert_eq(&check(".claude/commands/go.md", "---\r\ndescription: Go.\r\n------\r\nGo.\r\n"));
    // A `---` inside a value ends Claude Code's block first: the dash line closes nothing.
    expect![[r#"
        dialect: claude-agent
        1:1-1:4 error[unclosed-front-matter] The front matter is never closed: `-----` is not a closing fence, which must be exactly `---`. Until it is closed, Claude Code reads none of these keys.
          text: "---"
          fix: Replace it with `---` -> fixed
    "#]].assert_eq(&check(AGENT, "---\nname: reviewer\ndescription: A --- B\n-----\nBody\n"));
    // Readers that need exactly `---` keep the error.
    expect![[r#"
        dialect: copilot-agent
        1:1-1:4 warning[unclosed-front-matter] The front matter is never closed: `-----` is not a closing fence, which must be exactly `---`. Until it is closed, VS Code reads the whole file as front matter: the keys that parse are used, and the agent gets no instructions.
          text: "---"
          fix: Replace it with `---` -> fixed
    "#]].assert_eq(&check(".github/agents/r.agent.md", "---\ndescription: Reviews.\n-----\nBody\n"));
}

#[test]
fn a_dash_line_far_below_the_keys_is_not_taken_for_the_closer() {
    // The `-----` is a Markdown rule in the body: closing there would pull the paragraph above
    // it into the front matter.
    let text =
        "---\nname: reviewer\ndescription: Reviews code.\n\nYou review code.\n\n-----\n\nMore.\n";
    let out = check(AGENT, text);
    assert!(out.contains("fix (manual): Replace it with `---`"), "{out}");
    assert_eq!(fixed(AGENT, text).0, text);
    // Right below the keys (blank lines around them are fine), it is the closer.
    let text = "---\nname: reviewer\ndescription: Reviews code.\n\n-----\n\nYou review code.\n";
    assert_eq!(
        fixed(AGENT, text).0,
        "---\nname: reviewer\ndescription: Reviews code.\n\n---\n\nYou review code.\n"
    );
    let text = "---\n\nname: reviewer\ndescription: Reviews code.\n-----\nYou review code.\n";
    assert_eq!(
        fixed(AGENT, text).0,
        "---\n\nname: reviewer\ndescription: Reviews code.\n---\nYou review code.\n"
    );
}

#[test]
fn unclosed_front_matter_without_any_closer() {
    let text = "---\nname: reviewer\ndescription: Reviews code.\n\n# Body\n";
    expect![[r#"
        dialect: claude-agent
        1:1-1:4 error[unclosed-front-matter] The front matter opened here is never closed. Add a `---` line after the last key; until then Claude Code reads none of these keys.
          text: "---"
          fix (manual): Close the front matter after the last key -> fixed
    "#]].assert_eq(&check(AGENT, text));
    // Where the keys end is a guess: offered, not applied.
    assert_eq!(fixed(AGENT, text).0, text);
    let new = offered(AGENT, text, "unclosed-front-matter");
    assert_eq!(
        new,
        "---\nname: reviewer\ndescription: Reviews code.\n---\n\n# Body\n"
    );
}

#[test]
fn bom_crlf_and_emoji_positions() {
    let text =
        "\u{feff}---\r\nname: 🏗️-builder\r\ndescription: d\r\nmodel: sonet\r\n---\r\nBody\r\n";
    expect![[r#"
        dialect: claude-agent
        1:1-1:2 warning[byte-order-mark] A UTF-8 byte-order mark precedes the `---`, which hides the front matter from VS Code and many YAML loaders. Remove it.
          text: "\u{feff}"
          fix (manual): Remove the byte-order mark -> fixed
        2:7-2:18 warning[invalid-name] Claude Code agent names are lowercase letters and hyphens; `🏗️-builder` is matched loosely and may clash. Use `builder`.
          text: "🏗\u{fe0f}-builder"
          fix (manual): Use `builder` -> fixed
        4:8-4:13 warning[invalid-value] `sonet` is not a model Claude Code knows: did you mean `sonnet`?
          text: "sonet"
          fix (manual): Change to `sonnet` -> fixed
    "#]].assert_eq(&check(AGENT, text));
}

#[test]
fn unquoted_colon_in_description() {
    let text = "---\nname: reviewer\ndescription: Use this agent when: the code changed\nmodel: sonnet\n---\nBody\n";
    expect![[r#"
        dialect: claude-agent
        3:33-3:34 warning[yaml-syntax] `: ` inside an unquoted value starts a new key here, so this is not valid YAML. Quote the value, or use a block scalar (`>-`). Claude Code reads past it: when the front matter does not parse, it quotes such values and parses again, reading `description` as the text `Use this agent when: the code changed`. Copilot CLI, which reads `.claude/agents` too, parses it as strict YAML and refuses the agent.
          text: ":"
          fix: Quote the value of `description` -> fixed
          fix (manual): Make `description` a folded block scalar (`>-`) -> fixed
    "#]].assert_eq(&check(AGENT, text));
    let (new, left) = fixed(AGENT, text);
    assert_eq!(
        new,
        "---\nname: reviewer\ndescription: 'Use this agent when: the code changed'\nmodel: sonnet\n---\nBody\n"
    );
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn colon_is_an_error_where_the_tool_is_strict() {
    let text = "---\ndescription: Review: code\n---\nBody\n";
    expect![[r#"
        dialect: copilot-agent
        2:20-2:21 warning[yaml-syntax] `: ` inside an unquoted value starts a new key here, so this is not valid YAML. Quote the value, or use a block scalar (`>-`). VS Code's own parser reads it as written and marks it; Copilot CLI, which reads `.github/agents` too, refuses the agent ("custom agent markdown frontmatter is malformed"), and strict YAML parsers (GitHub's file view, converters) reject the front matter.
          text: ":"
          fix: Quote the value of `description` -> fixed
          fix (manual): Make `description` a folded block scalar (`>-`) -> fixed
    "#]].assert_eq(&check(".github/agents/reviewer.agent.md", text));
}

#[test]
fn quoting_a_broken_value_is_applied_only_when_it_keeps_the_text() {
    let quote = |text: &str| {
        let out = check(AGENT, text);
        if out.contains("  fix: Quote the value") {
            "safe"
        } else if out.contains("  fix (manual): Quote the value") {
            "manual"
        } else {
            panic!("{out}")
        }
    };
    let agent = |fm: &str| format!("---\nname: x\n{fm}\n---\nBody\n");
    // One line, as written: the text a lenient reader reads.
    assert_eq!(quote(&agent("description: Use when: tests fail")), "safe");
    assert_eq!(quote(&agent("description: `code` reviewer")), "safe");
    // ` #` is a comment to YAML; quoted, it would become part of the description.
    assert_eq!(
        quote(&agent("description: Use when: tests fail # for CI")),
        "manual"
    );
    // Continuation lines are folded differently by different readers.
    assert_eq!(
        quote(&agent("description: Use when: tests fail\n  and CI is red")),
        "manual"
    );
    // `hooks` holds a map: `x: y` may have been meant as one.
    assert_eq!(quote(&agent("description: d\nhooks: Stop: echo")), "manual");
}

#[test]
fn glob_starting_with_an_alias_character() {
    let text =
        "---\ndescription: React rules\nglobs: **/*.tsx\nalwaysApply: false\n---\nUse hooks.\n";
    expect![[r#"
        dialect: cursor-rule
        3:8-3:16 warning[yaml-syntax] `*` at the start of a value begins a YAML alias in strict YAML, which then does not read the value as text. Cursor reads it as written; strict YAML parsers (GitHub's file view, converters) reject the front matter. Quoting it would not help: Cursor keeps the quotes as part of the value, and a quoted glob matches no file.
          text: "**/*.tsx"
    "#]].assert_eq(&check(".cursor/rules/react.mdc", text));
    // `--fix` used to quote it, which Cursor's own reader keeps: a glob that matches no file.
    assert_eq!(fixed(".cursor/rules/react.mdc", text).0, text);
}

#[test]
fn other_syntax_errors_in_plain_words() {
    let text = "---\nname: reviewer\ndescription: \"never closed\nmodel: sonnet\n---\nBody\n";
    expect![[r#"
        dialect: claude-agent
        3:14-3:15 error[yaml-syntax] This quoted value is never closed. Add the closing quote. Claude Code's second try, which quotes special characters in unindented `key: value` lines, leaves this line as it is. Claude Code reads none of its keys: it skips this agent, and lists a plugin agent with a placeholder description instead of its own. Copilot CLI, which reads `.claude/agents` too, refuses it.
          text: "\""
    "#]].assert_eq(&check(AGENT, text));
    let text = "---\nname: reviewer\ndescription: d\n\tmodel: sonnet\n---\nBody\n";
    expect![[r#"
        dialect: claude-agent
        4:1-4:2 error[yaml-syntax] A tab character cannot indent YAML. Use spaces. Claude Code's second try, which quotes special characters in unindented `key: value` lines, leaves this line as it is. Claude Code reads none of its keys: it skips this agent, and lists a plugin agent with a placeholder description instead of its own. Copilot CLI, which reads `.claude/agents` too, refuses it.
          text: "\t"
    "#]].assert_eq(&check(AGENT, text));
    let text = "---\nname: reviewer\ndescription: d\nmod\n---\nBody\n";
    expect![[r#"
        dialect: claude-agent
        4:1-4:4 error[yaml-syntax] `mod` is not a `key: value` pair. Every front-matter line must be `key: value` (or belong to the value above it).
          text: "mod"
    "#]].assert_eq(&check(AGENT, text));
}

#[test]
fn not_a_mapping() {
    let text = "---\n- name\n- description\n---\nBody\n";
    expect![[r#"
        dialect: claude-agent
        2:1-3:14 error[not-a-mapping] The front matter is a list, not `key: value` pairs, so Claude Code cannot read any key from it.
          text: "- name\n- description"
    "#]].assert_eq(&check(AGENT, text));
}

#[test]
fn duplicate_key() {
    let text = "---\nname: reviewer\ndescription: a\nname: other\n---\nBody\n";
    expect![[r#"
        dialect: claude-agent
        4:1-4:5 error[duplicate-key] `name` is already set on line 2. Strict YAML parsers reject the file; the others keep only one of the values. Remove one of them.
          text: "name"
          fix (manual): Remove this `name` -> fixed
    "#]].assert_eq(&check(AGENT, text));
}

#[test]
fn missing_required_keys() {
    let text = "---\nname: reviewer\n---\nBody\n";
    expect![[r#"
        dialect: claude-agent
        1:1-1:4 error[missing-required-key] `description` is required in a Claude Code subagent: without it Claude Code skips the agent. Add `description:`.
          text: "---"
    "#]].assert_eq(&check(AGENT, text));
    let text = "---\nname: UI Designer\ndescription: d\n---\nBody\n";
    expect![[r#"
        dialect: agency
        1:1-1:4 error[missing-required-key] `color` is required in an agency-agents persona: agency-agents' linter rejects the persona without it. Add `color:`.
          text: "---"
    "#]].assert_eq(&check("design/ui-designer.md", text));
}

#[test]
fn unknown_keys_typos_other_dialects_and_metadata() {
    let text = "---\nname: reviewer\ndescription: d\ndescripton: x\nallowed-tools: Read\ncategory: quality\n---\nBody\n";
    expect![[r#"
        dialect: claude-agent
        4:1-4:11 warning[unknown-key] Unknown key `descripton` in a Claude Code subagent: did you mean `description`? Claude Code ignores `descripton`.
          text: "descripton"
        5:1-5:14 error[unknown-key] Claude Code does not read `allowed-tools`; its key is `tools`. The agent silently inherits every tool.
          text: "allowed-tools"
          fix (manual): Rename to `tools` -> fixed
        6:1-6:9 information[unknown-key] `category` is not a Claude Code subagent key; Claude Code ignores it.
          text: "category"
    "#]].assert_eq(&check(AGENT, text));
    // No rename is applied: `description` is already set (a rename would set it twice), and
    // `allowed-tools` pre-approves tools in a skill while `tools` restricts an agent to them.
    let (new, _) = fixed(AGENT, text);
    assert_eq!(new, text);
    let text =
        "---\nname: reviewer\ndescripton: d\nTools: Read\npermission_mode: plan\n---\nBody\n";
    expect![[r#"
        dialect: claude-agent
        1:1-1:4 error[missing-required-key] `description` is required in a Claude Code subagent: without it Claude Code skips the agent. Add `description:`.
          text: "---"
        3:1-3:11 warning[unknown-key] Unknown key `descripton` in a Claude Code subagent: did you mean `description`? Claude Code ignores `descripton`.
          text: "descripton"
          fix (manual): Rename to `description` -> fixed
        4:1-4:6 warning[unknown-key] Unknown key `Tools` in a Claude Code subagent: did you mean `tools`? Claude Code ignores `Tools`.
          text: "Tools"
          fix: Rename to `tools` -> fixed
        5:1-5:16 warning[unknown-key] Unknown key `permission_mode` in a Claude Code subagent: did you mean `permissionMode`? Claude Code ignores `permission_mode`.
          text: "permission_mode"
          fix: Rename to `permissionMode` -> fixed
    "#]].assert_eq(&check(AGENT, text));
}

#[test]
fn a_fix_that_would_break_the_file_is_not_applied() {
    // Removing the zero-width space makes the second key `name` too: a duplicate key, which
    // strict parsers reject. `--fix` keeps the other fixes of the round and drops that one.
    let text = "---\nname: x\ndescription: 3000\nna\u{200B}me: y\n---\nBody\n";
    let (new, left) = fixed(AGENT, text);
    assert_eq!(
        new,
        "---\nname: x\ndescription: '3000'\nna\u{200B}me: y\n---\nBody\n"
    );
    assert!(
        left.contains(&"warning[hidden-unicode]".to_string()),
        "{left:?}"
    );
    assert!(
        !left.contains(&"error[duplicate-key]".to_string()),
        "{left:?}"
    );
}

#[test]
fn two_renames_to_one_key_are_not_applied() {
    // Each rename alone is safe; applied in one round they would set `tools` twice.
    let text = "---\nname: reviewer\ndescription: d\nTools: Read\nTOOLS: Grep\n---\nBody\n";
    let out = check(AGENT, text);
    assert!(!out.contains("  fix:"), "{out}");
    assert_eq!(
        out.matches("  fix (manual): Rename to `tools`").count(),
        2,
        "{out}"
    );
    assert_eq!(fixed(AGENT, text).0, text);
    let path = ".github/agents/a.agent.md";
    let text = "---\ndescription: d\nuser-invokable: true\nUser-Invocable: true\n---\nBody\n";
    let out = check(path, text);
    assert!(!out.contains("  fix:"), "{out}");
    assert_eq!(fixed(path, text).0, text);
    // Alone, the documented rename is applied.
    let text = "---\ndescription: d\nuser-invokable: true\n---\nBody\n";
    assert_eq!(
        fixed(path, text).0,
        "---\ndescription: d\nuser-invocable: true\n---\nBody\n"
    );
}

#[test]
fn invalid_values_with_closest_suggestion() {
    let text = "---\nname: reviewer\ndescription: d\ncolor: purpel\neffort: hgh\npermissionMode: acceptEdit\nmemory: global\n---\nBody\n";
    expect![[r#"
        dialect: claude-agent
        4:8-4:14 warning[invalid-value] `purpel` is not a valid `color`: did you mean `purple`? Allowed: `red`, `blue`, `green`, `yellow`, `purple`, `orange`, `pink`, `cyan`.
          text: "purpel"
          fix (manual): Change to `purple` -> fixed
        5:9-5:12 error[invalid-value] `hgh` is not a valid `effort`: did you mean `high`? Allowed: `low`, `medium`, `high`, `xhigh`, `max`.
          text: "hgh"
          fix (manual): Change to `high` -> fixed
        6:17-6:27 warning[invalid-value] `acceptEdit` is not a valid `permissionMode`: did you mean `acceptEdits`? Allowed: `default`, `acceptEdits`, `auto`, `dontAsk`, `bypassPermissions`, `plan`, `manual`, ….
          text: "acceptEdit"
          fix (manual): Change to `acceptEdits` -> fixed
        7:9-7:15 warning[invalid-value] `global` is not a valid `memory`: did you mean `local`? Allowed: `user`, `project`, `local`.
          text: "global"
          fix (manual): Change to `local` -> fixed
    "#]].assert_eq(&check(AGENT, text));
}

#[test]
fn invalid_types() {
    let text =
        "---\nname: 3000\ndescription: [a, b]\nbackground: \"true\"\nmaxTurns: many\n---\nBody\n";
    expect![[r#"
        dialect: claude-agent
        2:7-2:11 error[invalid-type] `name` is read as a number here, not text: `name: 3000` has crashed tools that expect a string. Quote it.
          text: "3000"
          fix: Quote the value -> fixed
        3:14-3:20 error[invalid-type] `description` must be text, not a flow list (`[...]` is a YAML list; quote it if you meant the brackets).
          text: "[a, b]"
          fix (manual): Quote the value -> fixed
        4:13-4:19 warning[invalid-type] `background` is the text "true", not a boolean: strict loaders treat it as a string. Remove the quotes.
          text: "\"true\""
          fix: Remove the quotes -> fixed
        5:11-5:15 error[invalid-type] `maxTurns` must be a positive whole number, not `many`.
          text: "many"
    "#]].assert_eq(&check(AGENT, text));
}

#[test]
fn quoting_a_number_is_safe_only_when_it_reads_back_as_written() {
    // A reader that turns the number back into text shows `1.5` as `1.5`, but `1.0` as `1`
    // and `007` as `7`: quoting those changes the text it reads, so they are only offered.
    for (value, safe) in [
        ("3000", true),
        ("-12", true),
        ("1.5", true),
        ("true", true),
        ("yes", true),
        ("1.0", false),
        ("1.50", false),
        ("007", false),
        ("0x1F", false),
        ("1e3", false),
        ("True", false),
        ("1234567890123456", false),
    ] {
        let text = format!("---\nname: {value}\ndescription: d\n---\nBody\n");
        let out = check(AGENT, &text);
        let want = if safe {
            "  fix: Quote the value -> fixed"
        } else {
            "  fix (manual): Quote the value -> fixed"
        };
        assert!(out.contains(want), "{value}: {out}");
    }
}

#[test]
fn names_that_break_loading() {
    let text = "---\nname: team:reviewer\ndescription: d\n---\nBody\n";
    expect![[r#"
        dialect: claude-agent
        2:7-2:20 error[invalid-name] The name `team:reviewer` contains `:`, which is reserved for plugin agents (`plugin:agent`): Claude Code does not load this agent. Use lowercase letters and hyphens.
          text: "team:reviewer"
          fix (manual): Use `team-reviewer` -> fixed
    "#]].assert_eq(&check(AGENT, text));
    let text = "---\nname: Code Reviewer\ndescription: d\n---\nBody\n";
    expect![[r#"
        dialect: claude-agent
        2:7-2:20 warning[invalid-name] Claude Code agent names are lowercase letters and hyphens; `Code Reviewer` is matched loosely and may clash. Use `code-reviewer`.
          text: "Code Reviewer"
          fix (manual): Use `code-reviewer` -> fixed
    "#]].assert_eq(&check(AGENT, text));
}

#[test]
fn skill_name_rules_and_folder_match() {
    let text = "---\nname: PDF_Tools\ndescription: Work with PDFs.\n---\nBody\n";
    expect![[r#"
        dialect: claude-skill
        2:7-2:16 warning[invalid-name] The skill name `PDF_Tools` has upper-case letters: Claude Code loads it, as a display name, but the Agent Skills spec rejects it, and VS Code silently skips the skill.
          text: "PDF_Tools"
          fix (manual): Use `pdf-tools` -> fixed
        2:7-2:16 warning[name-mismatch] The name `PDF_Tools` differs from its folder `pdf`: Claude Code names the skill's command after the folder (`/pdf`), and the Agent Skills spec and VS Code require the two to match. Rename one of them.
          text: "PDF_Tools"
          fix (manual): Change the name to `pdf` -> fixed
    "#]].assert_eq(&check(".claude/skills/pdf/SKILL.md", text));
    let text = "---\nname: pdf-tools\ndescription: Work with PDFs.\n---\nBody\n";
    expect![[r#"
        dialect: claude-skill
        2:7-2:16 warning[name-mismatch] The name `pdf-tools` differs from its folder `pdf`: Claude Code names the skill's command after the folder (`/pdf`), and the Agent Skills spec and VS Code require the two to match. Rename one of them.
          text: "pdf-tools"
          fix (manual): Change the name to `pdf` -> fixed
    "#]].assert_eq(&check(".claude/skills/pdf/SKILL.md", text));
}

#[test]
fn tools_flow_list_unknown_and_legacy_names() {
    let text = "---\nname: reviewer\ndescription: d\ntools: [Read, Grpe, LS, mcp__github__create_issue, Bash(git diff:*)]\n---\nBody\n";
    expect![[r#"
        dialect: claude-agent
        4:8-4:69 warning[tools-format] `tools` is a YAML flow list, which Claude Code misreads: the first and last tools are dropped, or the agent gets no tools at all. Write a comma-separated string: `tools: Read, Grpe, LS, mcp__github__create_issue, Bash(git diff:*)`.
          text: "[Read, Grpe, LS, mcp__github__create_issue, Bash(git diff:*)]"
          fix: Turn the list into a comma-separated string -> fixed
        4:15-4:19 warning[unknown-tool] Unknown tool `Grpe` for Claude Code: did you mean `Grep`?
          text: "Grpe"
          fix (manual): Change to `Grep` -> fixed
        4:21-4:23 warning[unknown-tool] `LS` is a legacy name; use `Glob`.
          text: "LS"
          fix (manual): Change to `Glob` -> fixed
    "#]].assert_eq(&check(AGENT, text));
    // The comma string is applied; the "did you mean" (another tool, perhaps) is not.
    let (new, _) = fixed(AGENT, text);
    assert!(
        new.contains("tools: Read, Grpe, LS, mcp__github__create_issue, Bash(git diff:*)\n"),
        "{new}"
    );
}

#[test]
fn a_flow_list_that_would_split_differently_is_only_offered() {
    // `Agent(a, b)` holds a comma (VS Code splits a string at every comma), and ` #` would
    // start a comment: the string would not read back as the same items everywhere.
    let text = "---\nname: lead\ndescription: d\ntools: [Read, \"Agent(a, b)\"]\n---\nBody\n";
    expect![[r#"
        dialect: claude-agent
        4:8-4:29 warning[tools-format] `tools` is a YAML flow list, which Claude Code misreads: the first and last tools are dropped, or the agent gets no tools at all. Write a comma-separated string: `tools: Read, Agent(a, b)`.
          text: "[Read, \"Agent(a, b)\"]"
          fix (manual): Turn the list into a comma-separated string -> fixed
    "#]].assert_eq(&check(AGENT, text));
    let text = "---\nname: lead\ndescription: d\ntools: [Read, \"Bash(echo #x)\"]\n---\nBody\n";
    let out = check(AGENT, text);
    assert!(
        out.contains("fix (manual): Turn the list into a comma-separated string"),
        "{out}"
    );
}

#[test]
fn an_empty_tool_list_is_left_alone() {
    // `tools: []` means no tools to Claude Code and to VS Code; `--fix` used to turn it into
    // `tools:` (null), which a reader that takes null for an omitted key widens to every tool.
    let text = "---\nname: sandbox\ndescription: d\ntools: []\n---\nBody\n";
    expect![[r#"
        dialect: claude-agent
    "#]]
    .assert_eq(&check(AGENT, text));
    let (new, left) = fixed(AGENT, text);
    assert_eq!(new, text);
    assert!(left.is_empty(), "{left:?}");
    let agency = "---\nname: Sandbox\ndescription: d\ncolor: blue\ntools: []\n---\nBody\n";
    assert_eq!(fixed("engineering/sandbox.md", agency).0, agency);
}

#[test]
fn a_tool_list_with_no_value_is_null() {
    let text = "---\nname: sandbox\ndescription: d\ntools:\n---\nBody\n";
    expect![[r#"
        dialect: claude-agent
        4:1-4:6 warning[invalid-type] `tools:` has no value, so YAML reads it as null: Claude Code reads that as no tools at all (like `tools: []`), while a reader that takes null for an omitted key gives the agent every tool, since an omitted `tools` inherits them all. Write the tools it needs, `tools: []` for none, or leave the key out to inherit every tool.
          text: "tools"
    "#]].assert_eq(&check(AGENT, text));
    // Nothing to apply: which of the three the author meant is theirs to say.
    assert_eq!(fixed(AGENT, text).0, text);
    let text = "---\nname: sandbox\ndescription: d\ntools: ~ # none\n---\nBody\n";
    expect![[r#"
        dialect: claude-agent
        4:8-4:9 warning[invalid-type] `tools: ~` is null: Claude Code reads that as no tools at all (like `tools: []`), while a reader that takes null for an omitted key gives the agent every tool, since an omitted `tools` inherits them all. Write the tools it needs, `tools: []` for none, or leave the key out to inherit every tool.
          text: "~"
    "#]].assert_eq(&check(AGENT, text));
    let text = "---\ndescription: d\ntools:\n---\nBody\n";
    expect![[r#"
        dialect: copilot-agent
        3:1-3:6 warning[invalid-type] `tools:` has no value, so YAML reads it as null: VS Code versions disagree: older ones read it as if `tools` were omitted, which gives the agent every tool; newer ones report a missing value and give it no tools. Write the tools it needs, `tools: []` for none, or leave the key out for every tool.
          text: "tools"
    "#]].assert_eq(&check(".github/agents/sandbox.agent.md", text));
    // A null denylist or pre-approval list reads as an omitted one: nothing to say.
    let text = "---\nname: sandbox\ndescription: d\ndisallowedTools:\n---\nBody\n";
    expect![[r#"
        dialect: claude-agent
    "#]]
    .assert_eq(&check(AGENT, text));
    let text = "---\nname: pdf\ndescription: d\nallowed-tools:\n---\nBody\n";
    expect![[r#"
        dialect: claude-skill
    "#]]
    .assert_eq(&check(".claude/skills/pdf/SKILL.md", text));
    // `tools: ""` is no tools to both readers, and quoted: not null.
    let text = "---\nname: sandbox\ndescription: d\ntools: \"\"\n---\nBody\n";
    assert!(!check(AGENT, text).contains("null"));
}

#[test]
fn no_tool_resolves_is_an_error() {
    let text = "---\nname: reviewer\ndescription: d\ntools: read, grpe\n---\nBody\n";
    expect![[r#"
        dialect: claude-agent
        4:8-4:12 error[unknown-tool] Tool names are case-sensitive: `read` does not resolve; the tool is `Read`. No tool in this list resolves, so Claude Code refuses to start the agent ("would be spawned with zero tools").
          text: "read"
          fix: Change to `Read` -> fixed
        4:14-4:18 error[unknown-tool] Unknown tool `grpe` for Claude Code: did you mean `Grep`? No tool in this list resolves, so Claude Code refuses to start the agent ("would be spawned with zero tools").
          text: "grpe"
          fix (manual): Change to `Grep` -> fixed
    "#]].assert_eq(&check(AGENT, text));
}

#[test]
fn models_aliases_ids_retired_unknown_and_other_vendors() {
    for (model, path) in [
        ("sonnet", AGENT),
        ("claude-sonnet-4-6", AGENT),
        ("inherit", AGENT),
        ("claude-3-5-sonnet-20241022", AGENT),
        ("claude-sonnet-4.6", AGENT),
        ("claude-sonnet-9-9", AGENT),
        ("gpt-4o", AGENT),
        ("GPT-4.1", ".github/agents/x.agent.md"),
        ("anthropic/claude-sonnet-4-5", ".opencode/agent/x.md"),
        ("claude-sonnet-4-5", ".opencode/agent/x.md"),
    ] {
        let text = format!("---\nname: x\ndescription: d\nmodel: {model}\n---\nBody\n");
        let out = check(path, &text);
        let lines: Vec<&str> = out.lines().filter(|l| !l.starts_with("dialect")).collect();
        println!("{model} @ {path}: {lines:?}");
    }
    let text = "---\nname: x\ndescription: d\nmodel: claude-3-5-sonnet-20241022\n---\nBody\n";
    expect![[r#"
        dialect: claude-agent
        4:8-4:34 warning[retired-model] `claude-3-5-sonnet-20241022` is retired and no longer served: requests with it fail. Use `claude-sonnet-5-5`.
          text: "claude-3-5-sonnet-20241022"
          fix (manual): Change to `claude-sonnet-5-5` -> fixed
    "#]].assert_eq(&check(AGENT, text));
    let text = "---\nname: x\ndescription: d\nmodel: claude-sonnet-4.6\n---\nBody\n";
    expect![[r#"
        dialect: claude-agent
        4:8-4:25 warning[unknown-model] `claude-sonnet-4.6` is not a Claude model id persona-ls knows: did you mean `claude-sonnet-4-6`?
          text: "claude-sonnet-4.6"
          fix (manual): Change to `claude-sonnet-4-6` -> fixed
    "#]].assert_eq(&check(AGENT, text));
    let text = "---\nname: x\ndescription: d\nmodel: claude-sonnet-9-9\n---\nBody\n";
    expect![[r#"
        dialect: claude-agent
        4:8-4:25 warning[unknown-model] `claude-sonnet-9-9` is not a Claude model id persona-ls knows. If it is newer than persona-ls, ignore this; otherwise the request fails.
          text: "claude-sonnet-9-9"
    "#]].assert_eq(&check(AGENT, text));
    let text = "---\nname: x\ndescription: d\nmodel: gpt-4o\n---\nBody\n";
    expect![[r#"
        dialect: claude-agent
        4:8-4:14 warning[invalid-value] `gpt-4o` is not a Claude model: Claude Code sends it to the Anthropic API, which rejects it. Use `sonnet`, `opus`, `haiku`, `fable`, `inherit` or a `claude-…` id.
          text: "gpt-4o"
    "#]].assert_eq(&check(AGENT, text));
    let text = "---\ndescription: d\nmodel: GPT-4.1\n---\nBody\n";
    expect![[r#"
        dialect: copilot-agent
    "#]]
    .assert_eq(&check(".github/agents/x.agent.md", text));
    let text = "---\ndescription: d\nmodel: claude-sonnet-4-5\n---\nBody\n";
    expect![[r#"
        dialect: opencode-agent
        3:8-3:25 error[invalid-value] OpenCode model ids are `provider/model` (e.g. `anthropic/claude-sonnet-4-5`); `claude-sonnet-4-5` has no provider.
          text: "claude-sonnet-4-5"
          fix (manual): Change to `anthropic/claude-sonnet-4-5` -> fixed
    "#]].assert_eq(&check(".opencode/agent/x.md", text));
}

#[test]
fn escaped_newlines_become_a_block_scalar() {
    const COMMAND: &str = ".claude/commands/x.md";
    let text = "---\ndescription: First line.\\nSecond line.\n---\nBody\n";
    expect![[r#"
        dialect: claude-command
        2:14-2:39 warning[escaped-newline] `description` holds 1 literal `\n` escape: in an unquoted value they stay a backslash and an `n`, not line breaks. Use a block scalar (`|`) for real line breaks.
          text: "First line.\\nSecond line."
          fix (manual): Turn the `\n` escapes into a block scalar -> fixed
          fix (manual): Double-quote the value (escapes become line breaks) -> fixed
    "#]].assert_eq(&check(COMMAND, text));
    // Whether `\n` meant a line break is the author's to say: `--fix` leaves it.
    let (new, left) = fixed(COMMAND, text);
    assert_eq!(new, text);
    assert_eq!(left, ["warning[escaped-newline]"]);
}

#[test]
fn escaped_newlines_in_a_claude_agent_description_are_a_hint_naming_the_readers_that_show_them() {
    // Claude Code unescapes `\n` in an agent's description (loadAgentsDir's `whenToUse`); VS
    // Code and Copilot CLI, which read `.claude/agents` too, keep them as written.
    let text = "---\nname: x\ndescription: First line.\\nSecond line.\\nThird.\n---\nBody\n";
    expect![[r#"
        dialect: claude-agent
        3:14-3:47 hint[escaped-newline] `description` holds 2 literal `\n` escapes: Claude Code turns them into line breaks, but VS Code and Copilot CLI (which read `.claude/agents` too) show a backslash and an `n`. A block scalar (`|`) gives every reader the line breaks.
          text: "First line.\\nSecond line.\\nThird."
          fix (manual): Turn the `\n` escapes into a block scalar -> fixed
          fix (manual): Double-quote the value (escapes become line breaks) -> fixed
    "#]].assert_eq(&check(AGENT, text));
    // In a plugin agent too (the same dialect and key); another key of the same agent has no
    // such reader, nor a VS Code agent's description (VS Code keeps the escapes): warnings.
    for (path, text, finding) in [
        ("plugins/p/agents/x.md", text, "hint[escaped-newline]"),
        (
            AGENT,
            "---\nname: x\ndescription: d\ninitialPrompt: Go.\\nNow.\n---\nBody\n",
            "warning[escaped-newline] `initialPrompt`",
        ),
        (
            ".github/agents/x.agent.md",
            "---\ndescription: First.\\nSecond.\n---\nBody\n",
            "warning[escaped-newline] `description`",
        ),
    ] {
        let out = check(path, text);
        assert!(out.contains(finding), "{path}: {out}");
    }
}

#[test]
fn a_list_in_a_text_key_names_what_each_reader_does_with_it() {
    // VS Code drops a list `applyTo` (flow or block); Copilot CLI takes it.
    let flow = "---\napplyTo: [\"**/*.ts\", \"**/*.js\"]\n---\nBody\n";
    let block = "---\napplyTo:\n  - \"**/*.ts\"\n---\nBody\n";
    let path = ".github/instructions/ts.instructions.md";
    expect![[r#"
        dialect: copilot-instructions
        2:10-2:32 warning[invalid-type] `applyTo` is a YAML list. VS Code ignores a list here: it reports "must be a string" and reads no glob, so it never applies these instructions by their files; Copilot CLI accepts a list. Write the items as one string (a comma-separated list of globs).
          text: "[\"**/*.ts\", \"**/*.js\"]"
          fix (manual): Join the items into one string -> fixed
    "#]].assert_eq(&check(path, flow));
    expect![[r#"
        dialect: copilot-instructions
        3:3-3:14 warning[invalid-type] `applyTo` is a YAML list. VS Code ignores a list here: it reports "must be a string" and reads no glob, so it never applies these instructions by their files; Copilot CLI accepts a list. Write the items as one string (a comma-separated list of globs).
          text: "- \"**/*.ts\""
    "#]].assert_eq(&check(path, block));
    assert_eq!(
        offered(path, flow, "invalid-type"),
        "---\napplyTo: '**/*.ts, **/*.js'\n---\nBody\n"
    );
    // Claude Code turns a list `argument-hint` into text (2.1.47): information, in a command
    // and in a skill, where VS Code drops it (a warning then).
    let text = "---\ndescription: d\nargument-hint: [optional feedback]\n---\nBody\n";
    expect![[r#"
        dialect: claude-command
        3:16-3:35 information[invalid-type] `argument-hint` is a YAML list. Claude Code turns the list into text without its brackets: versions before 2.1.47 crashed on it. Write the items as one string, or quote the value if you meant the brackets.
          text: "[optional feedback]"
          fix (manual): Quote the value -> fixed
    "#]].assert_eq(&check(".claude/commands/ddd/code.md", text));
    let text = "---\nname: x\ndescription: d\nargument-hint: [file]\n---\nBody\n";
    expect![[r#"
        dialect: claude-skill
        4:16-4:22 warning[invalid-type] `argument-hint` is a YAML list. Claude Code turns the list into text without its brackets: versions before 2.1.47 crashed on it; VS Code ignores a list here: it shows no hint. Write the items as one string, or quote the value if you meant the brackets.
          text: "[file]"
          fix (manual): Quote the value -> fixed
    "#]].assert_eq(&check(".claude/skills/x/SKILL.md", text));
    // A VS Code prompt's hint: dropped.
    let text = "---\ndescription: d\nargument-hint:\n  - file\n---\nBody\n";
    expect![[r#"
        dialect: copilot-prompt
        4:3-4:9 warning[invalid-type] `argument-hint` is a YAML list. VS Code ignores a list here: it shows no hint. Write the items as one string, or quote the value if you meant the brackets.
          text: "- file"
    "#]].assert_eq(&check(".github/prompts/p.prompt.md", text));
    // Cursor reads the line as written.
    let text = "---\ndescription: d\nglobs: [\"*.ts\", \"*.tsx\"]\n---\nBody\n";
    expect![[r#"
        dialect: cursor-rule
        3:8-3:25 warning[invalid-type] `globs` is a YAML list. Cursor reads the line as written, brackets included: its header reader takes no YAML list, so the rule may attach to no file. Write the items as one string (a comma-separated list of globs).
          text: "[\"*.ts\", \"*.tsx\"]"
          fix (manual): Join the items into one string -> fixed
    "#]].assert_eq(&check(".cursor/rules/ts.mdc", text));
    // Cursor keeps quotes, so the joined globs go unquoted.
    assert_eq!(
        offered(".cursor/rules/ts.mdc", text, "invalid-type"),
        "---\ndescription: d\nglobs: *.ts, *.tsx\n---\nBody\n"
    );
    // A key whose readers are not in the table: no consequence claimed.
    let text = "---\nname: x\ndescription: d\nwhen_to_use: [a, b]\n---\nBody\n";
    expect![[r#"
        dialect: claude-skill
        4:14-4:20 warning[invalid-type] `when_to_use` is a YAML list, but Claude Code / Agent Skills / VS Code takes text here. Write the items as one string, or quote the value if you meant the brackets.
          text: "[a, b]"
          fix (manual): Quote the value -> fixed
    "#]].assert_eq(&check(".claude/skills/x/SKILL.md", text));
}

#[test]
fn escaped_newlines_with_an_unquoted_colon_get_quoted_as_written() {
    // The quotes are safe (the text stays exactly what Claude Code reads past the colon); the
    // block scalar is not applied, so the `\n` escapes stay as written.
    let text = "---\nname: x\ndescription: Use it.\\n<example>Context: tests\\nuser: hi</example>\n---\nBody\n";
    let (new, left) = fixed(AGENT, text);
    assert_eq!(
        new,
        "---\nname: x\ndescription: 'Use it.\\n<example>Context: tests\\nuser: hi</example>'\n---\nBody\n"
    );
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn joiners_inside_words_of_other_scripts_are_only_offered_for_removal() {
    // Persian spells some words with a zero-width non-joiner: removing it misspells them.
    let text = "---\nname: x\ndescription: d\n---\nمی\u{200C}خواهم\n";
    let out = check(AGENT, text);
    assert!(
        out.contains("fix (manual): Remove the hidden characters"),
        "{out}"
    );
    assert_eq!(fixed(AGENT, text).0, text);
    // Between ASCII letters it hides nothing a word needs.
    let text = "---\nname: x\ndescription: d\n---\nig\u{200C}nore\n";
    assert_eq!(
        fixed(AGENT, text).0,
        "---\nname: x\ndescription: d\n---\nignore\n"
    );
    // The flag of Scotland is built from tag characters; it is an emoji, not hidden text.
    let text = "---\nname: x\ndescription: d\n---\nGo \u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}\n";
    assert!(!check(AGENT, text).contains("hidden-unicode"));
}

#[test]
fn hidden_unicode_and_empty_body() {
    let text = "---\nname: x\ndescription: d\u{200B}\n---\n\n";
    expect![[r#"
        dialect: claude-agent
        3:15-3:16 warning[hidden-unicode] Hidden character: U+200B zero-width space. Invisible and bidirectional control characters can hide instructions from a reviewer (a prompt-injection vector). Remove it.
          text: "\u{200b}"
          fix: Remove the hidden characters -> fixed
        4:1-4:4 warning[empty-body] The front matter is followed by no instructions: the body is the Claude Code subagent's prompt. Write what it should do below the `---`.
          text: "---"
    "#]].assert_eq(&check(AGENT, text));
}

#[test]
fn rendered_front_matter_vertical_and_horizontal() {
    let text = "Skip to content\nNavigation Menu\nFile metadata and controls\nPreview\nCode\nBlame\n30 lines (20 loc) · 1 KB\nname Backend Architect\ndescription Designs APIs: REST and gRPC\nemoji 🏗️\nmodel claude-sonnet-4-6\n\n# Backend Architect\n\nYou design.\n";
    expect![[r#"
        dialect: agency
        8:1-11:24 error[rendered-front-matter] The front matter was lost: this looks like a copy of a rendered web page, where `name`, `description`, `emoji`, `model` became plain `key value` lines under the page's navigation text. agency-agents (Claude Code, GitHub Copilot) reads no keys from it. Rebuild the `---` block.
          text: "name Backend Architect\ndescription Designs APIs: REST and gRPC\nemoji 🏗\u{fe0f}\nmodel claude-sonnet-4-6"
          fix (manual): Rebuild the front matter and remove the page debris -> fixed
    "#]].assert_eq(&check("engineering/backend-architect.md", text));
    // Offered, not applied: the values are read back from a rendered table and the page
    // text is deleted.
    let path = "engineering/backend-architect.md";
    assert_eq!(fixed(path, text).0, text);
    let new = offered(path, text, "rendered-front-matter");
    let left = fixed(path, &new).1;
    expect![[r#"
        ---
        name: Backend Architect
        description: 'Designs APIs: REST and gRPC'
        emoji: 🏗️
        model: claude-sonnet-4-6
        ---

        # Backend Architect

        You design.
    "#]]
    .assert_eq(&new);
    assert_eq!(
        left,
        vec!["error[missing-required-key]".to_string()],
        "color is still missing"
    );
    let text =
        "name\tdescription\tcolor\nBackend Architect\tDesigns APIs\tblue\n\n# Backend Architect\n";
    expect![[r#"
        dialect: agency
        1:1-2:36 error[rendered-front-matter] The front matter was lost: this looks like a copy of a rendered web page, where `name`, `description`, `color` became plain `key value` lines. agency-agents (Claude Code, GitHub Copilot) reads no keys from it. Rebuild the `---` block.
          text: "name\tdescription\tcolor\nBackend Architect\tDesigns APIs\tblue"
          fix (manual): Rebuild the front matter and remove the page debris -> fixed
    "#]].assert_eq(&check("engineering/backend-architect.md", text));
}

#[test]
fn configuration_adds_values_and_switches_rules_off() {
    let reg = registry(
        "[rules]\nunknown-key = \"off\"\n\n[dialects.agency.keys.tier]\nvalues = [\"worker/junior\", \"worker/senior\", \"lead\"]\ntype = \"enum\"\n",
    );
    let text =
        "---\nname: A\ndescription: d\ncolor: blue\ntier: worker/senoir\ncategory: x\n---\nBody\n";
    expect![[r#"
        dialect: agency
        5:7-5:20 error[invalid-value] `worker/senoir` is not a valid `tier`: did you mean `worker/senior`? Allowed: `worker/junior`, `worker/senior`, `lead`.
          text: "worker/senoir"
          fix (manual): Change to `worker/senior` -> fixed
    "#]].assert_eq(&render("engineering/a.md", text, &reg));
}

/// Configured tool names and model ids count as known wherever tools and models are checked
/// (the rules read them through the registry, not the built-in tables).
#[test]
fn configured_tool_names_and_model_ids_are_known() {
    let text =
        "---\nname: a\ndescription: d\ntools: Read, MyTool\nmodel: my-gateway-model\n---\nBody\n";
    expect![[r#"
        dialect: claude-agent
        4:14-4:20 warning[unknown-tool] Unknown tool `MyTool` for Claude Code: it is dropped. MCP tools are written `mcp__server__tool`.
          text: "MyTool"
        5:8-5:24 warning[invalid-value] `my-gateway-model` is not a Claude model: Claude Code sends it to the Anthropic API, which rejects it. Use `sonnet`, `opus`, `haiku`, `fable`, `inherit` or a `claude-…` id.
          text: "my-gateway-model"
    "#]].assert_eq(&check(AGENT, text));
    let reg = registry(
        "[dialects.claude-agent.keys.tools]\nvalues = [\"MyTool\"]\n\n[dialects.claude-agent.keys.model]\nvalues = [\"my-gateway-model\"]\n",
    );
    expect![[r#"
        dialect: claude-agent
    "#]]
    .assert_eq(&render(AGENT, text, &reg));
    // The vocabulary is still there, and the configured name is checked like the others.
    let text = "---\nname: a\ndescription: d\ntools: Read, mytool, Grepp\n---\nBody\n";
    expect![[r#"
        dialect: claude-agent
        4:14-4:20 warning[unknown-tool] Tool names are case-sensitive: `mytool` does not resolve; the tool is `MyTool`.
          text: "mytool"
          fix: Change to `MyTool` -> fixed
        4:22-4:27 warning[unknown-tool] Unknown tool `Grepp` for Claude Code: did you mean `Grep`?
          text: "Grepp"
          fix (manual): Change to `Grep` -> fixed
    "#]].assert_eq(&render(AGENT, text, &reg));
}

/// A dialect's facts are the table's fields, and configuration replaces them by the same names.
#[test]
fn configuration_changes_dialect_facts() {
    let text = "---\nname: a\ndescription: d\nbackground: yes\ncategory: x\n---\nBody\n";
    expect![[r#"
        dialect: claude-agent
        5:1-5:9 information[unknown-key] `category` is not a Claude Code subagent key; Claude Code ignores it.
          text: "category"
    "#]].assert_eq(&check(AGENT, text));
    let reg = registry(
        "[dialects.claude-agent]\nunknown-keys = \"forwarded-to-provider\"\n\n[dialects.claude-agent.booleans]\nspellings = \"yaml-1.2\"\nquoted = \"text\"\nsource = \"our gateway\"\n",
    );
    expect![[r#"
        dialect: claude-agent
        4:13-4:16 error[invalid-type] `background` must be `true` or `false`, not `yes`.
          text: "yes"
          fix: Use `true` -> fixed
        5:1-5:9 information[unknown-key] `category` is not a Claude Code subagent key; Claude Code passes unknown keys to the model provider as request options.
          text: "category"
    "#]].assert_eq(&render(AGENT, text, &reg));
    // Facts that do not hold together are refused, with their position.
    let text = "[dialects.claude-agent.roles]\ntools = \"toolz\"\n";
    let e = persona_ls::config::Config::from_toml(text, None).unwrap_err();
    expect!["Some(10..22) dialect `claude-agent`: `toolz` is not a key of the dialect (a role, requirement or conflict names it)"].assert_eq(&format!("{:?} {}", e.range, e.message));
}

#[test]
fn dialect_detection_by_path_content_and_fallback() {
    let agency_in_claude =
        "---\nname: Designer\ndescription: d\ncolor: teal\nemoji: 🎨\nvibe: v\n---\nBody\n";
    assert!(check(AGENT, agency_in_claude).starts_with("dialect: agency\n"));
    assert!(
        check(
            "skills/testing/SKILL.md",
            "---\nname: testing\ndescription: d\n---\nB\n"
        )
        .starts_with("dialect: claude-skill\n")
    );
    assert!(
        check(
            "categories/01-core/x.md",
            "---\nname: x\ndescription: d\ntools: Read\n---\nB\n"
        )
        .starts_with("dialect: claude-agent\n")
    );
    assert!(check("docs/guide.md", "---\ntitle: Guide\n---\nB\n").starts_with("dialect: none\n"));
    assert!(
        check("rules/x.mdc", "---\nalwaysApply: true\n---\nB\n")
            .starts_with("dialect: cursor-rule\n")
    );
}

#[test]
fn deprecated_keys() {
    let text = "---\ndescription: d\nmode: agent\n---\nBody\n";
    expect![[r#"
        dialect: copilot-prompt
        3:1-3:5 warning[deprecated-key] `mode` is deprecated in VS Code (GitHub Copilot Chat); use `agent` instead.
          text: "mode"
          fix: Rename to `agent` -> fixed
    "#]].assert_eq(&check(".github/prompts/x.prompt.md", text));
}

#[test]
fn quoted_booleans_and_yaml11_booleans() {
    let text = "---\ndescription: d\nglobs: src/**\nalwaysApply: \"true\"\n---\nBody\n";
    expect![[r#"
        dialect: cursor-rule
        4:14-4:20 warning[invalid-type] `alwaysApply` is the text "true", not a boolean: Cursor treats a quoted "true" as false. Remove the quotes.
          text: "\"true\""
          fix: Remove the quotes -> fixed
    "#]].assert_eq(&check(".cursor/rules/x.mdc", text));
    let text = "---\nname: x\ndescription: d\ndisable-model-invocation: yes\n---\nBody\n";
    expect![[r#"
        dialect: claude-skill
    "#]]
    .assert_eq(&check(".claude/skills/x/SKILL.md", text));
}

#[test]
fn files_inside_a_skill_folder_are_resources_not_agents() {
    let text = "# Grader Agent\n\nGrades the outputs.\n";
    expect![[r#"
        dialect: none
    "#]]
    .assert_eq(&check("skills/skill-creator/agents/grader.md", text));
    expect![[r#"
        dialect: none
    "#]]
    .assert_eq(&check(".claude/skills/pdf/reference.md", text));
    assert!(
        check(
            "plugins/x/skills/pdf/SKILL.md",
            "---\nname: pdf\ndescription: d\n---\nB\n"
        )
        .starts_with("dialect: claude-skill\n")
    );
    assert!(check("plugins/x/agents/grader.md", text).starts_with("dialect: claude-agent\n"));
}

#[test]
fn a_tool_both_allowed_and_denied() {
    let text =
        "---\nname: x\ndescription: d\ntools: Read, Bash, Grep\ndisallowedTools: Bash\n---\nBody\n";
    expect![[r#"
        dialect: claude-agent
        4:14-4:18 warning[ineffective-key] `Bash` is in both `tools` and `disallowedTools`: Claude Code removes it, so listing it in `tools` does nothing.
          text: "Bash"
          fix (manual): Remove it from `tools` -> fixed
    "#]].assert_eq(&check(AGENT, text));
}

#[test]
fn skill_description_over_the_spec_limit() {
    let text = format!(
        "---\nname: pdf\ndescription: {}\n---\nBody\n",
        "word ".repeat(210).trim_end()
    );
    expect![[r#"
        dialect: claude-skill
        3:1-3:12 warning[description-too-long] The description is 1049 characters; the Agent Skills spec allows 1024. claude.ai and the Skills API refuse the skill, and Claude Code cuts the listing short. Move detail into the body.
          text: "description"
    "#]].assert_eq(&check(".claude/skills/pdf/SKILL.md", &text));
}

#[test]
fn agent_without_context_fork() {
    let skill = ".claude/skills/review/SKILL.md";
    let text = "---\nname: review\ndescription: d\nagent: Explore\n---\nBody\n";
    expect![[r#"
        dialect: claude-skill
        4:1-4:6 warning[ineffective-key] `agent` only applies with `context: fork`: without it Claude Code runs the skill inline and ignores `agent`. Add `context: fork`, or remove `agent`.
          text: "agent"
    "#]]
    .assert_eq(&check(skill, text));
    let forked = "---\nname: review\ndescription: d\ncontext: fork\nagent: Explore\n---\nBody\n";
    assert_eq!(check(skill, forked), "dialect: claude-skill\n");
    // A command, and a context that is not `fork`.
    let command = "---\ndescription: d\ncontext: inline\nagent: Explore\n---\nBody\n";
    expect![[r#"
        dialect: claude-command
        3:10-3:16 hint[invalid-value] `context: inline` is the default: Claude Code runs skills and commands inline unless `context` is `fork`. Remove the line.
          text: "inline"
        4:1-4:6 warning[ineffective-key] `agent` only applies with `context: fork`: without it Claude Code runs the command inline and ignores `agent`. Set `context` to `fork`, or remove `agent`.
          text: "agent"
    "#]].assert_eq(&check(".claude/commands/review.md", command));
    // Prompt files have an `agent` key of their own, and no `context`.
    let prompt = "---\nagent: ask\n---\nBody\n";
    assert!(!check(".github/prompts/a.prompt.md", prompt).contains("context: fork"));
}

#[test]
fn invoked_by_nobody() {
    let text = "---\nname: review\ndescription: d\nuser-invocable: false\ndisable-model-invocation: true\n---\nBody\n";
    expect![[r#"
        dialect: claude-skill
        5:1-5:25 warning[conflicting-keys] Nothing can invoke this skill: `user-invocable: false` hides it from the user and `disable-model-invocation: true` keeps the model from using it. Remove one of the two.
          text: "disable-model-invocation"
    "#]]
    .assert_eq(&check(".claude/skills/review/SKILL.md", text));
    // YAML 1.1 booleans, which Claude Code reads, count; in a Copilot agent too.
    let yes_no = "---\nname: review\ndescription: d\nuser-invocable: no\ndisable-model-invocation: yes\n---\nBody\n";
    assert!(
        check(".claude/skills/review/SKILL.md", yes_no).contains("Nothing can invoke this skill")
    );
    let agent =
        "---\ndescription: d\nuser-invocable: false\ndisable-model-invocation: true\n---\nBody\n";
    assert!(check(".github/agents/a.agent.md", agent).contains("Nothing can invoke this agent"));
    // Either one alone is fine; a quoted "false" is an invalid-type problem, not this one.
    let one = "---\nname: review\ndescription: d\nuser-invocable: false\n---\nBody\n";
    assert_eq!(
        check(".claude/skills/review/SKILL.md", one),
        "dialect: claude-skill\n"
    );
    let quoted = "---\nname: review\ndescription: d\nuser-invocable: \"false\"\ndisable-model-invocation: true\n---\nBody\n";
    assert!(!check(".claude/skills/review/SKILL.md", quoted).contains("Nothing can invoke"));
}

#[test]
fn opencode_commands() {
    let text = "---\ndescription: Review the change\nagent: plan\nmodel: anthropic/claude-sonnet-5-5\nsubtask: true\n---\nReview $ARGUMENTS.\n";
    for path in [
        ".opencode/commands/review.md",
        ".opencode/command/team/review.md",
    ] {
        assert_eq!(check(path, text), "dialect: opencode-command\n", "{path}");
    }
    // A `commands/` folder is Claude Code's, unless `subtask` says OpenCode.
    assert!(check("commands/review.md", text).starts_with("dialect: opencode-command\n"));
    let claude = "---\ndescription: Review the change\nagent: plan\n---\nReview $ARGUMENTS.\n";
    assert!(check("commands/review.md", claude).starts_with("dialect: claude-command\n"));
    // OpenCode's model form, and a key OpenCode does not read.
    let bad = "---\ndescription: d\nmodel: sonnet\nsubtask: yes\ntags: [x]\n---\nBody\n";
    expect![[r#"
        dialect: opencode-command
        3:8-3:14 error[invalid-value] OpenCode model ids are `provider/model-id` (e.g. `anthropic/claude-…`, `openai/gpt-…`); `sonnet` has no provider.
          text: "sonnet"
        4:10-4:13 error[invalid-type] `subtask` must be `true` or `false`, not `yes`.
          text: "yes"
          fix: Use `true` -> fixed
        5:1-5:5 information[unknown-key] `tags` is not an OpenCode command key; OpenCode ignores it.
          text: "tags"
    "#]]
    .assert_eq(&check(".opencode/commands/review.md", bad));
}

/// Which fixes `check --fix` applies (safe) and which are only offered in the editor
/// (manual), one case per fix: the README's table "What `--fix` applies" in test form.
#[test]
fn every_fix_is_safe_or_manual_as_documented() {
    let fm = |keys: &str| format!("---\n{keys}\n---\nBody\n");
    let agent = |keys: &str| fm(&format!("name: x\ndescription: d\n{keys}"));
    let skill = ".claude/skills/pdf/SKILL.md";
    let copilot = ".github/agents/a.agent.md";
    let prompt = ".github/prompts/p.prompt.md";
    #[rustfmt::skip]
    let cases: Vec<(&str, String, &str, &str, bool)> = vec![
        // Applied by `--fix`: each keeps what the tool reads, but for the problem it fixes.
        (AGENT, fm("name: 3000\ndescription: d"), "invalid-type", "Quote the value", true),
        (AGENT, agent("background: \"true\""), "invalid-type", "Remove the quotes", true),
        (copilot, fm("description: d\nuser-invocable: yes"), "invalid-type", "Use `true`", true),
        (AGENT, agent("color: Purple"), "invalid-value", "Change to `purple`", true),
        (AGENT, agent("model: Sonnet"), "invalid-value", "Change to `sonnet`", true),
        (AGENT, agent("tools: Read, grep"), "unknown-tool", "Change to `Grep`", true),
        (AGENT, agent("tools: Read, web_fetch"), "unknown-tool", "Change to `WebFetch`", true),
        (AGENT, agent("tools: [Read, Grep]"), "tools-format", "Turn the list", true),
        (AGENT, agent("Tools: Read"), "unknown-key", "Rename to `tools`", true),
        (prompt, fm("mode: agent"), "deprecated-key", "Rename to `agent`", true),
        (AGENT, "---\nname: x\ndescription: d\n-----\nBody\n".into(), "unclosed-front-matter", "Replace it with `---`", true),
        (AGENT, fm("name: x\ndescription: Use when: tests fail"), "yaml-syntax", "Quote the value", true),
        (AGENT, fm("name: x\ndescription: d\n<example>\nuser: hi\n</example>"), "yaml-syntax", "Make `description` a block scalar", true),
        (AGENT, agent("").replace("Body", "Bo\u{200B}dy"), "hidden-unicode", "Remove the hidden", true),
        // Offered in the editor only: a guess, or a change to what the tool reads.
        (AGENT, fm("name: x\ndescription: [a, b]"), "invalid-type", "Quote the value", false),
        (".cursor/rules/a.mdc", fm("description: d\nglobs: [\"*.ts\", \"*.tsx\"]"), "invalid-type", "Join the items", false),
        (AGENT, fm("name: 1.0\ndescription: d"), "invalid-type", "Quote the value", false),
        (".cursor/rules/a.mdc", fm("description: 3000"), "invalid-type", "Quote the value", false),
        (AGENT, agent("color: purpel"), "invalid-value", "Change to `purple`", false),
        (AGENT, agent("model: sonet"), "invalid-value", "Change to `sonnet`", false),
        (AGENT, agent("model: claude-sonnet-4.6"), "unknown-model", "Change to", false),
        (AGENT, agent("model: claude-3-opus-20240229"), "retired-model", "Change to", false),
        (".opencode/agent/x.md", fm("description: d\nmodel: claude-sonnet-4-5"), "invalid-value", "Change to `anthropic/", false),
        (AGENT, agent("tools: Read, Grpe"), "unknown-tool", "Change to `Grep`", false),
        (AGENT, agent("tools: Read, grep_search"), "unknown-tool", "Change to `WebSearch`", false),
        (AGENT, agent("tools: Read, LS"), "unknown-tool", "Change to `Glob`", false),
        (AGENT, agent("tools: [Read, \"Agent(a, b)\"]"), "tools-format", "Turn the list", false),
        (AGENT, agent("allowed-tools: Read"), "unknown-key", "Rename to `tools`", false),
        (".opencode/agent/x.md", fm("description: d\npermissions: {}\ntools: {}"), "unknown-key", "Rename to `permission`", false),
        (AGENT, fm("name: x\ndescripton: d"), "unknown-key", "Rename to `description`", false),
        (AGENT, agent("description: d2"), "duplicate-key", "Remove this", false),
        (AGENT, fm("name: x\ndescription: a\\nb"), "escaped-newline", "Turn the", false),
        (AGENT, fm("name: x\ndescription: Use when: a # b"), "yaml-syntax", "Quote the value", false),
        (AGENT, "---\nname: x\ndescription: d\n\n# Body\n".into(), "unclosed-front-matter", "Close the front matter", false),
        (AGENT, "# Reviewer\n\nReviews code.\n".into(), "missing-front-matter", "Insert front matter", false),
        ("engineering/a.md", "Skip to content\nname A\ndescription B\n\n# A\n".into(), "rendered-front-matter", "Rebuild", false),
        (AGENT, format!("\u{feff}{}", agent("")), "byte-order-mark", "Remove the byte-order mark", false),
        (AGENT, agent("").replace("Body", "\u{645}\u{6CC}\u{200C}\u{62E}"), "hidden-unicode", "Remove the hidden", false),
        // Removed, the joiner would turn the text `name:` into a mapping key.
        (AGENT, agent("tier: name:\u{200D}"), "hidden-unicode", "Remove the hidden", false),
        (AGENT, agent("tier: a\u{200B}b"), "hidden-unicode", "Remove the hidden", true),
        (AGENT, fm("name: Reviewer Bot\ndescription: d"), "invalid-name", "Use", false),
        (skill, fm("name: pdf-tools\ndescription: d"), "name-mismatch", "Change the name", false),
    ];
    let mut wrong = Vec::new();
    for (path, text, code, title, safe) in &cases {
        let fixes = first_fixes(path, text);
        match fixes
            .iter()
            .find(|(c, t, _)| c == code && t.starts_with(title))
        {
            Some((_, _, s)) if s == safe => {}
            found => wrong.push(format!(
                "{code} {title:?} in {text:?}: {found:?} of {fixes:?}"
            )),
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_quoted_tool_name_is_fixed_inside_its_quotes() {
    let text = "---\nname: r\ndescription: d\ntools:\n  - 'read'\n---\nBody\n";
    let (new, _) = fixed(AGENT, text);
    assert_eq!(
        new,
        "---\nname: r\ndescription: d\ntools:\n  - 'Read'\n---\nBody\n"
    );
    // Behind an escape the name is not written as it reads: no edit can replace part of it.
    let text =
        "---\nname: r\ndescription: d\ntools:\n  - \"R\\u0065ad\"\n  - \"gr\\u0065p\"\n---\nBody\n";
    let (new, _) = fixed(AGENT, text);
    assert_eq!(new, text);
}

#[test]
fn a_list_below_a_text_key_gets_no_quoting_fix() {
    let text = "---\nname:\n- a\ndescription: d\n---\nBody\n";
    let out = check(AGENT, text);
    assert!(out.contains("invalid-type"), "{out}");
    assert!(!out.contains("Quote the value"), "{out}");
}

// Values with a structure of their own: `hooks`, `handoffs`, `github`, `model` lists, `agents`
// (the shapes of the schema tables). Each finding is at the nested node, names its path and
// the reader; a node of the wrong type hides what is below it.

const SKILL: &str = ".claude/skills/lint/SKILL.md";
const GH_AGENT: &str = ".github/agents/planner.agent.md";

#[test]
fn claude_hooks_in_the_documented_form_are_clean() {
    let text = "---\nname: reviewer\ndescription: Reviews code.\nhooks:\n  PreToolUse:\n    - matcher: \"Edit|Write\"\n      hooks:\n        - type: command\n          command: ./lint.sh\n          timeout: 30\n  Stop:\n    - hooks:\n        - {type: prompt, prompt: Check the result}\n  SessionEnd: []\n---\nBody\n";
    expect![[r#"
        dialect: claude-agent
    "#]]
    .assert_eq(&check(AGENT, text));
}

#[test]
fn an_empty_hooks_list_drops_the_claude_agent() {
    let text = "---\nname: reviewer\ndescription: Reviews code.\nhooks: []\n---\nBody\n";
    expect![[r#"
        dialect: claude-agent
        4:8-4:10 error[invalid-type] `hooks: []` makes Claude Code drop the whole agent without a word (anthropics/claude-code#91781). Delete the key, or write `hooks: {}`.
          text: "[]"
    "#]].assert_eq(&check(AGENT, text));
    // In a skill there is no such report: the plain wrong type, and what Claude Code does then.
    let text = "---\nname: lint\ndescription: Lints.\nhooks: []\n---\nBody\n";
    expect![[r#"
        dialect: claude-skill
        4:8-4:10 error[invalid-type] `hooks` must be a mapping, not a flow list; Claude Code drops every hook of this file (the file still loads).
          text: "[]"
    "#]].assert_eq(&check(SKILL, text));
}

#[test]
fn claude_hooks_of_the_wrong_shape_at_each_level() {
    let text = "---\nname: reviewer\ndescription: Reviews code.\nhooks:\n  PreToolUse: not-a-list\n  PostToolUse:\n    - just text\n  Stop:\n    - matcher: \"*\"\n      hooks: not-a-list\n  SessionStart:\n    - matcher: \"*\"\n      hooks:\n        - type: shell\n          command: echo\n        - command: echo\n        - type: [command]\n---\nBody\n";
    expect![[r#"
        dialect: claude-agent
        5:15-5:25 error[invalid-type] `hooks.PreToolUse` must be a list, not text; Claude Code drops every hook of this file (the file still loads).
          text: "not-a-list"
        7:7-7:16 error[invalid-type] `hooks.PostToolUse[0]` must be a mapping, not text; Claude Code drops every hook of this file (the file still loads).
          text: "just text"
        10:14-10:24 error[invalid-type] `hooks.Stop[0].hooks` must be a list, not text; Claude Code drops every hook of this file (the file still loads).
          text: "not-a-list"
        14:17-14:22 error[invalid-value] `hooks.SessionStart[0].hooks[0].type` is `shell`; Claude Code takes `command`, `http`, `mcp_tool`, `prompt`, `agent`, otherwise Claude Code drops every hook of this file (the file still loads).
          text: "shell"
        16:11-16:24 error[missing-required-key] `hooks.SessionStart[0].hooks[1]` has no `type`: Claude Code picks the hook's kind by its `type`; Claude Code drops every hook of this file (the file still loads).
          text: "command: echo"
        17:17-17:26 error[invalid-type] `hooks.SessionStart[0].hooks[2].type` must be text, not a flow list; Claude Code drops every hook of this file (the file still loads).
          text: "[command]"
    "#]].assert_eq(&check(AGENT, text));
}

#[test]
fn a_flat_hook_item_lacks_its_matcher_group() {
    let text = "---\nname: lint\ndescription: Lints.\nhooks:\n  PreToolUse:\n    - type: command\n      command: ./lint.sh\n---\nBody\n";
    expect![[r#"
        dialect: claude-skill
        6:7-7:25 error[missing-required-key] `hooks.PreToolUse[0]` has no `hooks`: Claude Code reads each item of an event as a matcher group, an optional `matcher:` with a `hooks:` list of hooks (`- type: command`, `command: …`) under it; Claude Code drops every hook of this file (the file still loads).
          text: "type: command\n      command: ./lint.sh"
    "#]].assert_eq(&check(SKILL, text));
}

#[test]
fn an_unknown_hook_event_is_a_warning_with_the_close_name() {
    let text = "---\nname: reviewer\ndescription: Reviews code.\nhooks:\n  PreToolUsе:\n    - hooks: [{type: command, command: x}]\n  OnSave:\n    - hooks: [{type: command, command: x}]\n---\nBody\n";
    expect![[r#"
        dialect: claude-agent
        5:3-5:13 warning[unknown-key] `hooks.PreToolUsе` is not a name Claude Code knows here, so it ignores what is under it. Did you mean `PreToolUse`? Known: `SessionStart`, `Setup`, `UserPromptSubmit`, `UserPromptExpansion`, `PreToolUse`, `PermissionRequest`, `PermissionDenied`, `PostToolUse`, `PostToolUseFailure`, `PostToolBatch`, `Notification`, `MessageDisplay`, ….
          text: "PreToolUsе"
        7:3-7:9 warning[unknown-key] `hooks.OnSave` is not a name Claude Code knows here, so it ignores what is under it. Known: `SessionStart`, `Setup`, `UserPromptSubmit`, `UserPromptExpansion`, `PreToolUse`, `PermissionRequest`, `PermissionDenied`, `PostToolUse`, `PostToolUseFailure`, `PostToolBatch`, `Notification`, `MessageDisplay`, ….
          text: "OnSave"
    "#]].assert_eq(&check(AGENT, text));
}

#[test]
fn hooks_with_aliases_tags_nulls_and_flow_style_do_not_panic() {
    let text = "---\nname: reviewer\ndescription: Reviews code.\nhooks:\n  PreToolUse: &g\n    - hooks: [ {type: command, command: x}, ~, ]\n  PostToolUse: *g\n  Stop: !!seq [ {hooks: !custom x} ]\n  SessionEnd:\n    -\n  Notification:\n---\nBody\n";
    expect![[r#"
        dialect: claude-agent
        6:45-6:46 error[invalid-type] `hooks.PreToolUse[0].hooks[1]` must be a mapping, not null; Claude Code drops every hook of this file (the file still loads).
          text: "~"
        10:6-10:6 error[invalid-type] `hooks.SessionEnd[0]` must be a mapping, not null; Claude Code drops every hook of this file (the file still loads).
          text: ""
        11:3-11:15 error[invalid-type] `hooks.Notification` must be a list, not empty; Claude Code drops every hook of this file (the file still loads).
          text: "Notification"
    "#]].assert_eq(&check(AGENT, text));
}

#[test]
fn vscode_hooks_follow_vscode_rules() {
    let text = "---\ndescription: Plans.\nhooks:\n  SessionStart:\n    - type: script\n      unknownProp: value\n    - type: command\n      command: \"\"\n    - type: command\n      windows: echo hi\n      env: invalid\n      timeout: soon\n      cwd: [a]\n  PreToolUse:\n    - matcher: Bash\n      hooks:\n        - type: command\n    - hooks: nope\n  Setup:\n    - type: command\n      command: echo\n---\nBody\n";
    expect![[r#"
        dialect: copilot-agent
        5:7-6:25 error[missing-required-key] `hooks.SessionStart[0]` needs one of `command`, `windows`, `linux`, `osx`; VS Code does not run this hook.
          text: "type: script\n      unknownProp: value"
        5:13-5:19 error[invalid-value] `hooks.SessionStart[0].type` is `script`; VS Code takes `command`, otherwise VS Code does not run this hook.
          text: "script"
        6:7-6:18 warning[unknown-key] `hooks.SessionStart[0].unknownProp` is not a key VS Code reads here (`type`, `command`, `windows`, `linux`, `osx`, `cwd`, `env`, `timeout`); it ignores it.
          text: "unknownProp"
        8:16-8:18 error[invalid-value] `hooks.SessionStart[1].command` is empty; VS Code does not run this hook.
          text: "\"\""
        11:12-11:19 error[invalid-type] `hooks.SessionStart[2].env` must be a mapping, not text; VS Code does not run this hook.
          text: "invalid"
        12:16-12:20 error[invalid-type] `hooks.SessionStart[2].timeout` must be a number, not text; VS Code does not run this hook.
          text: "soon"
        13:12-13:15 error[invalid-type] `hooks.SessionStart[2].cwd` must be text, not a flow list; VS Code does not run this hook.
          text: "[a]"
        17:11-17:24 error[missing-required-key] `hooks.PreToolUse[0].hooks[0]` needs one of `command`, `windows`, `linux`, `osx`; VS Code does not run this hook.
          text: "type: command"
        18:14-18:18 error[invalid-type] `hooks.PreToolUse[1].hooks` must be a list, not text; VS Code does not run this hook.
          text: "nope"
        19:3-19:8 warning[unknown-key] `hooks.Setup` is not a name VS Code knows here, so it ignores what is under it. Known: `SessionStart`, `SessionEnd`, `UserPromptSubmit`, `PreToolUse`, `PostToolUse`, `PreCompact`, `SubagentStart`, `SubagentStop`, `Stop`, `ErrorOccurred`.
          text: "Setup"
    "#]].assert_eq(&check(GH_AGENT, text));
    // VS Code checks a `github-copilot` agent's hooks against that target's events, which are
    // not in the tables: not checked.
    let text = "---\ndescription: Plans.\ntarget: github-copilot\nhooks:\n  sessionStart:\n    - type: command\n      bash: ./start.sh\n---\nBody\n";
    expect![[r#"
        dialect: copilot-agent
    "#]]
    .assert_eq(&check(GH_AGENT, text));
}

#[test]
fn handoffs_need_label_agent_and_prompt_and_unique_labels() {
    let text = "---\ndescription: Plans.\nhandoffs:\n  - label: Start Implementation\n    agent: agent\n    prompt: Go\n  - label: start implementation\n    agent: edit\n    prompt: Other\n  - label: \"!!!\"\n    agent: \"\"\n    prompt: Go\n    send: maybe\n    colour: red\n  - label: Review\n  - just text\n---\nBody\n";
    expect![[r#"
        dialect: copilot-agent
        7:12-7:32 error[invalid-value] `handoffs[1].label` `start implementation` repeats the label of `handoffs[0]` (VS Code tells them apart ignoring case, so this one cannot be reached); VS Code shows no button for this handoff.
          text: "start implementation"
        10:12-10:17 error[invalid-value] `handoffs[2].label` (`!!!`) must hold a letter or a digit; VS Code shows no button for this handoff.
          text: "\"!!!\""
        11:12-11:14 error[invalid-value] `handoffs[2].agent` is empty; VS Code shows no button for this handoff.
          text: "\"\""
        13:11-13:16 error[invalid-type] `handoffs[2].send` must be `true` or `false`, not text; VS Code shows no button for this handoff.
          text: "maybe"
        14:5-14:11 warning[unknown-key] `handoffs[2].colour` is not a key VS Code reads here (`label`, `agent`, `prompt`, `send`, `showContinueOn`, `model`); it ignores it.
          text: "colour"
        15:5-15:18 error[missing-required-key] `handoffs[3]` has no `agent` and `prompt`; VS Code shows no button for this handoff.
          text: "label: Review"
        16:5-16:14 error[invalid-type] `handoffs[4]` must be a mapping, not text; VS Code shows no button for this handoff.
          text: "just text"
    "#]].assert_eq(&check(GH_AGENT, text));
    // Not a list: one diagnostic, nothing below it.
    let text = "---\ndescription: Plans.\nhandoffs:\n  label: Go\n---\nBody\n";
    expect![[r#"
        dialect: copilot-agent
        4:3-4:12 error[invalid-type] `handoffs` must be a list, not a mapping; VS Code shows no button for this handoff.
          text: "label: Go"
    "#]].assert_eq(&check(GH_AGENT, text));
    // GitHub.com ignores handoffs: with `target: github-copilot` they are not checked here.
    let text = "---\ndescription: Plans.\ntarget: github-copilot\nhandoffs:\n  - label: Review\n---\nBody\n";
    expect![[r#"
        dialect: copilot-agent
        4:1-4:9 hint[unknown-key] `handoffs`: GitHub Copilot ignores it with `target: github-copilot` (VS Code: "not supported in custom GitHub Copilot agent files"), and VS Code does not use this agent.
          text: "handoffs"
    "#]]
    .assert_eq(&check(GH_AGENT, text));
}

#[test]
fn a_misspelt_required_field_is_one_finding_at_the_typo() {
    let text = "---\ndescription: Plans.\nhandoffs:\n  - label: Review\n    agent: reviewer\n    promt: Review it\n  - label: Test\n    agnet: tester\n    prompt: Test it\n    sned: true\n---\nBody\n";
    expect![[r#"
        dialect: copilot-agent
        6:5-6:10 error[missing-required-key] `handoffs[0]` has no `prompt`: `promt` is likely a misspelling of it; VS Code shows no button for this handoff.
          text: "promt"
          fix (manual): Rename to `prompt` -> fixed
        8:5-8:10 error[missing-required-key] `handoffs[1]` has no `agent`: `agnet` is likely a misspelling of it; VS Code shows no button for this handoff.
          text: "agnet"
          fix (manual): Rename to `agent` -> fixed
        10:5-10:9 warning[unknown-key] `handoffs[1].sned` is not a key VS Code reads here: did you mean `send`? It ignores `sned`.
          text: "sned"
          fix (manual): Rename to `send` -> fixed
    "#]].assert_eq(&check(GH_AGENT, text));
}

#[test]
fn github_permissions_scopes_and_values() {
    let text = "---\ndescription: Triage.\ngithub:\n  permissions:\n    issues: write\n    metadata: write\n    isues: read\n    checks: admin\n  unknown: value\n---\nBody\n";
    expect![[r#"
        dialect: copilot-agent
        6:15-6:20 error[invalid-value] `github.permissions.metadata` is `write`; VS Code takes `read`, otherwise the agent does not get this permission.
          text: "write"
        7:5-7:10 warning[unknown-key] `github.permissions.isues` is not a key VS Code reads here: did you mean `issues`? It ignores `isues`.
          text: "isues"
        8:13-8:18 error[invalid-value] `github.permissions.checks` is `admin`; VS Code takes `read`, `none`, otherwise the agent does not get this permission.
          text: "admin"
        9:3-9:10 warning[unknown-key] `github.unknown` is not a key VS Code reads here (`permissions`); it ignores it.
          text: "unknown"
    "#]].assert_eq(&check(GH_AGENT, text));
    let text = "---\ndescription: Triage.\ngithub:\n  permissions: all\n---\nBody\n";
    expect![[r#"
        dialect: copilot-agent
        4:16-4:19 error[invalid-type] `github.permissions` must be a mapping, not text; the agent does not get this permission.
          text: "all"
    "#]].assert_eq(&check(GH_AGENT, text));
}

#[test]
fn a_model_list_in_a_copilot_agent() {
    let text = "---\ndescription: Plans.\nmodel: ['GPT-5 (copilot)', 'Claude Sonnet 4.5 (copilot)']\n---\nBody\n";
    expect![[r#"
        dialect: copilot-agent
        3:8-3:58 warning[invalid-type] `model` is a list: VS Code reads it as a fallback order, but Copilot CLI refuses the whole agent ("model: Expected string, received array", github/copilot-cli#3070). Name one model if the agent is also used in Copilot CLI.
          text: "['GPT-5 (copilot)', 'Claude Sonnet 4.5 (copilot)']"
    "#]].assert_eq(&check(GH_AGENT, text));
    let text = "---\ndescription: Plans.\ntarget: github-copilot\nmodel:\n  - GPT-5 (copilot)\n---\nBody\n";
    expect![[r#"
        dialect: copilot-agent
        4:1-4:6 hint[unknown-key] `model`: VS Code reports it as not supported with `target: github-copilot`, but GitHub's custom-agent reference lists `model` as supported: it may be ignored.
          text: "model"
        5:3-5:20 error[invalid-type] `model` is a list, which Copilot CLI refuses: it does not load this agent ("model: Expected string, received array", github/copilot-cli#3070), and with `target: github-copilot` VS Code does not read the file. Name one model.
          text: "- GPT-5 (copilot)"
    "#]].assert_eq(&check(GH_AGENT, text));
    let text = "---\ndescription: Plans.\nmodel: []\n---\nBody\n";
    expect![[r#"
        dialect: copilot-agent
        3:8-3:10 error[invalid-value] `model` is an empty list; VS Code cannot use this model list.
          text: "[]"
    "#]]
    .assert_eq(&check(GH_AGENT, text));
    let text = "---\ndescription: Plans.\nmodel: ['GPT-5', '', [x], {a: b}]\n---\nBody\n";
    expect![[r#"
        dialect: copilot-agent
        3:8-3:34 warning[invalid-type] `model` is a list: VS Code reads it as a fallback order, but Copilot CLI refuses the whole agent ("model: Expected string, received array", github/copilot-cli#3070). Name one model if the agent is also used in Copilot CLI.
          text: "['GPT-5', '', [x], {a: b}]"
        3:18-3:20 error[invalid-value] `model[1]` is empty; VS Code cannot use this model list.
          text: "''"
        3:22-3:25 error[invalid-type] `model[2]` must be text, not a flow list; VS Code cannot use this model list.
          text: "[x]"
        3:27-3:33 error[invalid-type] `model[3]` must be text, not a mapping; VS Code cannot use this model list.
          text: "{a: b}"
    "#]].assert_eq(&check(GH_AGENT, text));
    let text = "---\ndescription: Plans.\nmodel: {name: GPT-5}\n---\nBody\n";
    expect![[r#"
        dialect: copilot-agent
        3:8-3:21 error[invalid-type] `model` must be a model name or a list of them, not a mapping; VS Code cannot use this model list.
          text: "{name: GPT-5}"
    "#]].assert_eq(&check(GH_AGENT, text));
}

#[test]
fn agents_items_are_names() {
    let text =
        "---\ndescription: Plans.\ntools: ['agent']\nagents: ['planner', {}, [x]]\n---\nBody\n";
    expect![[r#"
        dialect: copilot-agent
        4:21-4:23 error[invalid-type] `agents[1]` must be text, not a mapping; VS Code ignores the agent names it cannot read.
          text: "{}"
        4:25-4:28 error[invalid-type] `agents[2]` must be text, not a flow list; VS Code ignores the agent names it cannot read.
          text: "[x]"
    "#]].assert_eq(&check(GH_AGENT, text));
    let text = "---\ndescription: Plans.\nagents: planner\n---\nBody\n";
    expect![[r#"
        dialect: copilot-agent
        3:9-3:16 error[invalid-type] `agents` must be a list, not text; VS Code ignores the agent names it cannot read.
          text: "planner"
    "#]].assert_eq(&check(GH_AGENT, text));
}

#[test]
fn exclude_agent_takes_a_name_or_a_list() {
    let path = ".github/instructions/review.instructions.md";
    let ok = "---\napplyTo: '**'\nexcludeAgent: code-review\n---\nBody\n";
    expect![[r#"
        dialect: copilot-instructions
    "#]]
    .assert_eq(&check(path, ok));
    let list = "---\napplyTo: '**'\nexcludeAgent: [code-review, coding-agent]\n---\nBody\n";
    expect![[r#"
        dialect: copilot-instructions
    "#]]
    .assert_eq(&check(path, list));
    let odd = "---\napplyTo: '**'\nexcludeAgent: [code-reviews, {a: b}]\n---\nBody\n";
    expect![[r#"
        dialect: copilot-instructions
        3:16-3:28 warning[invalid-value] `excludeAgent[0]` is `code-reviews` (did you mean `code-review`?); GitHub Copilot takes `code-review`, `coding-agent`, otherwise it excludes no Copilot agent.
          text: "code-reviews"
        3:30-3:36 error[invalid-type] `excludeAgent[1]` must be text, not a mapping; it excludes no Copilot agent.
          text: "{a: b}"
    "#]].assert_eq(&check(path, odd));
}

#[test]
fn skill_license_and_compatibility_maps() {
    let text = "---\nname: lint\ndescription: Lints.\nlicense:\n  name: MIT\ncompatibility:\n  python: \">=3.10\"\n---\nBody\n";
    expect![[r#"
        dialect: claude-skill
        5:3-5:12 information[invalid-type] `license` is a mapping: VS Code reads it, and Claude Code does not act on it, but the Agent Skills spec has a license name or file path (text). Write it as text for other readers of the skill.
          text: "name: MIT"
        7:3-7:19 warning[invalid-type] `compatibility` is a mapping: VS Code reads it, but the Agent Skills spec has text (1–500 characters) and its reference validator, skills-ref, rejects the skill. Write the requirements as one string.
          text: "python: \">=3.10\""
    "#]].assert_eq(&check(SKILL, text));
}

/// `agents/**` is Claude Code's glob and OpenCode's too: keys and values only OpenCode has
/// decide, each on its own; keys of both, or of neither, leave it to Claude Code.
#[test]
fn opencode_agents_in_a_generic_folder_are_known_by_their_keys() {
    let file = "agents/reviewer.md";
    let full = "---\ndescription: Reviews code\nmode: subagent\nmodel: openai/gpt-5\npermission:\n  edit: deny\n---\nReview.\n";
    expect![[r#"
        dialect: opencode-agent
        1:1-1:4 information[misplaced-file] OpenCode reads `agents/` only inside a config directory (`.opencode/`, `~/.config/opencode/`, or the folder `$OPENCODE_CONFIG_DIR` names): from here this agent is read only once its folder is installed or pointed at as one.
          text: "---"
    "#]]
    .assert_eq(&check(file, full));
    for one in [
        "mode: subagent",
        "mode: primary",
        "permission: ask",
        "model: anthropic/claude-opus-5",
        "model: openrouter/anthropic/claude-opus-5",
        "temperature: 0.2",
    ] {
        let text = format!("---\ndescription: d\n{one}\n---\nBody\n");
        assert!(
            check(file, &text).starts_with("dialect: opencode-agent\n"),
            "{one}"
        );
        assert!(check("pkg/agents/review/a.md", &text).starts_with("dialect: opencode-agent\n"));
    }
    for claude in [
        // Copilot's `mode` values, a Bedrock ARN (a `:` before its `/`), a plain alias.
        "mode: agent",
        "model: arn:aws:bedrock:us-east-1:1:inference-profile/us.anthropic.claude-opus-5",
        "model: sonnet",
        // One marker of each: a tie, so the glob's owner.
        "permission: ask\npermissionMode: plan",
    ] {
        let text = format!("---\nname: r\ndescription: d\n{claude}\n---\nBody\n");
        assert!(
            check(file, &text).starts_with("dialect: claude-agent\n"),
            "{claude}"
        );
    }
    // A tool's own folder is stronger than any key.
    assert!(check(AGENT, full).starts_with("dialect: claude-agent\n"));
    assert!(check(".cursor/agents/r.md", full).starts_with("dialect: cursor-agent\n"));
}

/// The same for `commands/**`; `.claude/commands` stays Claude Code's whatever its keys.
#[test]
fn opencode_commands_in_a_generic_folder_are_known_by_their_keys() {
    for one in ["subtask: true", "model: anthropic/claude-opus-5"] {
        let text = format!("---\ndescription: d\n{one}\n---\nRun the tests.\n");
        assert!(
            check("commands/test.md", &text).starts_with("dialect: opencode-command\n"),
            "{one}"
        );
        assert!(
            check(".claude/commands/test.md", &text).starts_with("dialect: claude-command\n"),
            "{one}"
        );
    }
    let claude = "---\ndescription: d\nallowed-tools: Bash\n---\nRun the tests.\n";
    assert_eq!(
        check("commands/test.md", claude),
        "dialect: claude-command\n"
    );
}

/// Project markers (`opencode.jsonc` around the file, found by the project model) decide a
/// generic folder when the keys do not; the file's own keys come first.
#[test]
fn project_markers_decide_a_generic_folder() {
    let registry = Registry::builtin();
    let opencode = Markers::default().with(registry.by_id("opencode-agent").unwrap());
    let commands = Markers::default().with(registry.by_id("opencode-command").unwrap());
    let dialect = |rel_path: &str, text: &str, markers: Markers| {
        let location = Location {
            rel_path,
            forced: None,
            markers,
        };
        analyze(text, location, &registry)
            .dialect
            .map(|d| registry.dialects[d.index].id.clone())
    };
    let plain = "---\nname: r\ndescription: d\nmodel: sonnet\n---\nBody\n";
    assert_eq!(
        dialect("agents/r.md", plain, opencode).as_deref(),
        Some("opencode-agent")
    );
    assert_eq!(
        dialect("commands/r.md", plain, commands).as_deref(),
        Some("opencode-command")
    );
    assert_eq!(
        dialect("agents/r.md", plain, commands).as_deref(),
        Some("claude-agent")
    );
    // A Claude-only key is the file's own word.
    let claude = "---\nname: r\ndescription: d\npermissionMode: plan\n---\nBody\n";
    assert_eq!(
        dialect("agents/r.md", claude, opencode).as_deref(),
        Some("claude-agent")
    );
    // A tool folder is not a generic one.
    assert_eq!(
        dialect(AGENT, plain, opencode).as_deref(),
        Some("claude-agent")
    );
    assert_eq!(
        dialect("plugins/p/agents/r.md", plain, opencode).as_deref(),
        Some("claude-agent")
    );
}

/// `.claude/agents/x.agent.md`: the folder beats the suffix (VS Code, too, reads it as a Claude
/// agent, whatever its `target`), so the Claude checks run.
#[test]
fn a_claude_agents_folder_beats_the_agent_md_suffix() {
    let text = "---\nname: test-agent\ndescription: Test\nmodel: gpt-4\npermissionMode: allowAll\nmemory: global\n---\nBody\n";
    expect![[r#"
        dialect: claude-agent
        4:8-4:13 warning[invalid-value] `gpt-4` is not a Claude model: Claude Code sends it to the Anthropic API, which rejects it. Use `sonnet`, `opus`, `haiku`, `fable`, `inherit` or a `claude-…` id.
          text: "gpt-4"
        5:17-5:25 warning[invalid-value] `allowAll` is not a valid `permissionMode`. Allowed: `default`, `acceptEdits`, `auto`, `dontAsk`, `bypassPermissions`, `plan`, `manual`, ….
          text: "allowAll"
        6:9-6:15 warning[invalid-value] `global` is not a valid `memory`: did you mean `local`? Allowed: `user`, `project`, `local`.
          text: "global"
          fix (manual): Change to `local` -> fixed
    "#]].assert_eq(&check(".claude/agents/test.agent.md", text));
    assert!(check(".github/agents/test.agent.md", text).starts_with("dialect: copilot-agent\n"));
    assert!(check("docs/test.agent.md", text).starts_with("dialect: copilot-agent\n"));
    assert!(check(".opencode/agents/test.agent.md", text).starts_with("dialect: opencode-agent\n"));
}

#[test]
fn cursor_subagents() {
    let file = ".cursor/agents/reviewer.md";
    let good = "---\nname: reviewer\ndescription: Reviews code changes\nmodel: fast\nreadonly: true\nis_background: false\n---\nReview the diff.\n";
    expect![[r#"
        dialect: cursor-agent
    "#]]
    .assert_eq(&check(file, good));
    for model in ["inherit", "fast", "claude-4-sonnet", "gpt-5"] {
        let text = format!("---\nname: r\ndescription: d\nmodel: {model}\n---\nBody\n");
        assert_eq!(check(file, &text), "dialect: cursor-agent\n", "{model}");
        assert_eq!(
            check(".cursor/agents/nested/architect.agent.md", &text),
            "dialect: cursor-agent\n"
        );
    }
    let bad = "---\nname: ReviewerAgent\nreadonly: \"true\"\nis_background: 1\ntriggers: [review]\n---\nReview.\n";
    expect![[r#"
        dialect: cursor-agent
        1:1-1:4 warning[missing-required-key] `description` is required in a Cursor subagent: without it Cursor's agent has nothing to decide when to hand work to this subagent. Add `description:`.
          text: "---"
        3:11-3:17 warning[invalid-type] `readonly` is the text "true", not a boolean: strict loaders treat it as a string. Remove the quotes.
          text: "\"true\""
          fix: Remove the quotes -> fixed
        4:16-4:17 warning[invalid-type] `is_background` should be `true` or `false`, not `1`.
          text: "1"
          fix: Use `true` -> fixed
        5:1-5:9 information[unknown-key] `triggers` is not a Cursor subagent key; Cursor ignores it.
          text: "triggers"
    "#]].assert_eq(&check(file, bad));
}

#[test]
fn empty_cursor_rules() {
    let mut all = String::new();
    for text in ["", "   ", "\n\n\n", "\r\n \t\r\n"] {
        all += &check(".cursor/rules/typescript.mdc", text);
    }
    expect![[r#"
        dialect: cursor-rule
        1:1-1:1 warning[empty-body] The file is empty: Cursor reads it as a Cursor rule with no text, so it adds nothing. Write its instructions, or delete the file.
          text: ""
        dialect: cursor-rule
        1:1-1:4 warning[empty-body] The file is empty: Cursor reads it as a Cursor rule with no text, so it adds nothing. Write its instructions, or delete the file.
          text: "   "
        dialect: cursor-rule
        1:1-4:1 warning[empty-body] The file is empty: Cursor reads it as a Cursor rule with no text, so it adds nothing. Write its instructions, or delete the file.
          text: "\n\n\n"
        dialect: cursor-rule
        1:1-3:1 warning[empty-body] The file is empty: Cursor reads it as a Cursor rule with no text, so it adds nothing. Write its instructions, or delete the file.
          text: "\r\n \t\r\n"
    "#]].assert_eq(&all);
    let front_only = "---\ndescription: TypeScript\nalwaysApply: true\n---\n\n";
    expect![[r#"
        dialect: cursor-rule
        4:1-4:4 warning[empty-body] The front matter is followed by no instructions: the body is the Cursor rule's prompt. Write what it should do below the `---`.
          text: "---"
    "#]].assert_eq(&check(".cursor/rules/typescript.mdc", front_only));
    // Where front matter is required, its absence is the one finding; where a file without it
    // is no persona, there is none.
    expect![[r#"
        dialect: claude-agent
        1:1-1:1 error[missing-front-matter] No front matter: Claude Code skips the agent without a word; VS Code lists it under its file name, with no description. Add a `---` block with `name` and `description`.
          text: ""
          fix (manual): Insert front matter from the file name and first paragraph -> fixed
    "#]].assert_eq(&check(AGENT, "\n"));
    expect![[r#"
        dialect: agency
        1:1-1:1 hint[missing-front-matter] No front matter, so this is not a persona: agency-agents (Claude Code, GitHub Copilot) skips files that do not start with `---`, and persona-ls does not check it.
          text: ""
    "#]].assert_eq(&check("engineering/x.md", "\n"));
}

#[test]
fn always_applied_cursor_rules_ignore_their_globs() {
    let file = ".cursor/rules/ts.mdc";
    let text = "---\ndescription: TypeScript\nglobs: src/**/*.ts\nalwaysApply: true\n---\nUse strict types.\n";
    expect![[r#"
        dialect: cursor-rule
        3:1-3:6 hint[ineffective-key] `globs` is ignored when `alwaysApply: true`: Cursor includes an always-applied rule in every request, whatever its globs say. Remove `globs`, or set `alwaysApply: false`.
          text: "globs"
    "#]].assert_eq(&check(file, text));
    for quiet in [
        // Cursor's own editor writes `globs:` empty.
        "---\ndescription: d\nglobs:\nalwaysApply: true\n---\nBody\n",
        "---\ndescription: d\nglobs: \"\"\nalwaysApply: true\n---\nBody\n",
        "---\ndescription: d\nglobs: src/**\nalwaysApply: false\n---\nBody\n",
        "---\nglobs: src/**\n---\nBody\n",
    ] {
        assert_eq!(check(file, quiet), "dialect: cursor-rule\n", "{quiet}");
    }
}

#[test]
fn a_md_rule_in_cursor_rules() {
    let text = "---\ndescription: TypeScript\nglobs: src/**/*.ts\n---\nUse strict types.\n";
    expect![[r#"
        dialect: cursor-rule
        1:1-1:4 information[misplaced-file] Cursor's rules are `.mdc` files: a `.md` file in `.cursor/rules` may be applied only when you @-mention it, or not read at all (the sources disagree). Rename it to `.mdc` so that its front matter decides when it applies.
          text: "---"
    "#]].assert_eq(&check(".cursor/rules/typescript.md", text));
    assert_eq!(
        check(".cursor/rules/typescript.mdc", text),
        "dialect: cursor-rule\n"
    );
}

/// OpenCode reads `agents/` and `commands/` only inside a config directory: an OpenCode file in
/// a plain one is said so, once, as information; in `.opencode/` nothing is said.
#[test]
fn opencode_files_outside_a_config_directory() {
    let agent = "---\ndescription: d\nmode: subagent\n---\nReview.\n";
    let command = "---\ndescription: d\nsubtask: true\n---\nRun the tests.\n";
    let mut plain = check("agents/reviewer.md", agent);
    plain += &check("commands/test.md", command);
    expect![[r#"
        dialect: opencode-agent
        1:1-1:4 information[misplaced-file] OpenCode reads `agents/` only inside a config directory (`.opencode/`, `~/.config/opencode/`, or the folder `$OPENCODE_CONFIG_DIR` names): from here this agent is read only once its folder is installed or pointed at as one.
          text: "---"
        dialect: opencode-command
        1:1-1:4 information[misplaced-file] OpenCode reads `commands/` only inside a config directory (`.opencode/`, `~/.config/opencode/`, or the folder `$OPENCODE_CONFIG_DIR` names): from here this command is read only once its folder is installed or pointed at as one.
          text: "---"
    "#]].assert_eq(&plain);
    for (path, text, dialect) in [
        (".opencode/agents/reviewer.md", agent, "opencode-agent"),
        (
            "dotfiles/opencode/agents/reviewer.md",
            agent,
            "opencode-agent",
        ),
        (".opencode/commands/test.md", command, "opencode-command"),
    ] {
        assert_eq!(check(path, text), format!("dialect: {dialect}\n"), "{path}");
    }
}

/// A file of each dialect's folder, and which dialect it is; files beside them that are not
/// theirs (Cline workflows, nested Kiro or Gemini folders) keep no new dialect.
#[test]
fn the_rule_and_steering_folders_decide_the_dialect() {
    let fm = "---\ndescription: d\n---\nBody\n";
    let cases = [
        (".claude/rules/testing.md", "claude-rule"),
        (".claude/rules/frontend/react.md", "claude-rule"),
        ("packages/web/.claude/rules/api.md", "claude-rule"),
        (".claude/output-styles/concise.md", "claude-output-style"),
        (
            "plugins/style-pack/output-styles/terse.md",
            "claude-output-style",
        ),
        (".kiro/steering/tech.md", "kiro-steering"),
        (".windsurf/rules/architecture.md", "windsurf-rule"),
        ("apps/api/.windsurf/rules/db.md", "windsurf-rule"),
        (".clinerules/general.md", "cline-rule"),
        (".cline/rules/general.md", "cline-rule"),
        (".gemini/agents/reviewer.md", "gemini-agent"),
        ("tools/bot/.gemini/agents/WORKER.md", "gemini-agent"),
        (".gemini/skills/spec_generator/SKILL.md", "gemini-skill"),
        (
            ".opencode/skills/nixos-hardening/SKILL.md",
            "opencode-skill",
        ),
        (".opencode/skill/deep/a/SKILL.md", "opencode-skill"),
        ("tools/agent/.gemini/skills/SKILL.md", "gemini-skill"),
    ];
    for (path, id) in cases {
        let out = check(path, fm);
        assert!(
            out.starts_with(&format!("dialect: {id}\n")),
            "{path}: {out}"
        );
    }
    // Not rules: Cline workflows, and subfolders the tools do not read.
    for path in [
        ".clinerules/workflows/release.md",
        ".kiro/steering/old/tech.md",
    ] {
        let out = check(path, fm);
        assert!(out.starts_with("dialect: none\n"), "{path}: {out}");
    }
}

/// Claude Code, Cline and Kiro read a rule without front matter (it always applies), and so,
/// as far as is known, do Windsurf and output styles: nothing to report. Gemini CLI refuses
/// such a subagent.
#[test]
fn rules_without_front_matter_are_normal_but_a_gemini_agent_needs_it() {
    let text = "# Testing\n\nRun the tests before every commit.\n";
    for path in [
        ".claude/rules/testing.md",
        ".claude/output-styles/concise.md",
        ".kiro/steering/product.md",
        ".windsurf/rules/testing.md",
        ".clinerules/testing.md",
    ] {
        let out = check(path, text);
        assert_eq!(out.lines().count(), 1, "{path}: {out}");
    }
    expect![[r##"
        dialect: gemini-agent
        1:1-1:10 error[missing-front-matter] No front matter: Gemini CLI refuses the agent and reports "Agent loading error: … Missing mandatory YAML frontmatter". Add a `---` block with `name` and `description`.
          text: "# Testing"
          fix (manual): Insert front matter from the file name and first paragraph -> fixed
    "##]].assert_eq(&check(".gemini/agents/testing.md", text));
    // Claude Code loads a README in `.claude/rules` as a rule like any other: it is one.
    expect![[r#"
        dialect: claude-rule
    "#]]
    .assert_eq(&check(".claude/rules/README.md", text));
    // Claude Code skips an agent file without front matter: a README there is documentation.
    expect![[r##"
        dialect: claude-agent
        1:1-1:10 hint[missing-front-matter] `README.md` is documentation, not a persona: it has no front matter, so persona-ls does not check it.
          text: "# Testing"
    "##]]
    .assert_eq(&check(".claude/agents/README.md", text));
    // VS Code lists every other `.md` directly in `.github/agents` as an agent, but skips a
    // `README.md` by name.
    expect![[r##"
        dialect: copilot-agent
        1:1-1:10 warning[missing-front-matter] No front matter: VS Code lists this agent, named after the file, but Copilot CLI refuses it ("missing or malformed YAML frontmatter") and GitHub Copilot needs a `description`. Add a `---` block with `description`.
          text: "# Testing"
          fix (manual): Insert front matter from the file name and first paragraph -> fixed
    "##]].assert_eq(&check(".github/agents/INDEX.md", text));
    expect![[r##"
        dialect: copilot-agent
        1:1-1:10 hint[missing-front-matter] `README.md` is documentation, not a persona: it has no front matter, so persona-ls does not check it.
          text: "# Testing"
    "##]].assert_eq(&check(".github/agents/README.md", text));
}

/// Gemini CLI does not load a subagent whose file name starts with `_`: one hint, and nothing
/// about keys it never reads.
#[test]
fn a_gemini_subagent_named_with_an_underscore_is_skipped() {
    let text = "---\nname: Draft Agent\nauthor: me\n---\nBody\n";
    expect![[r#"
        dialect: gemini-agent
        1:1-1:4 hint[misplaced-file] Gemini CLI skips a file whose name starts with `_`, so this subagent is not loaded and persona-ls does not check it. Remove the `_` to load it.
          text: "---"
    "#]].assert_eq(&check(".gemini/agents/_draft.md", text));
    assert!(check(".gemini/agents/draft.md", text).contains("error[unknown-key]"));
    // A README is loaded like any other file there, and reported by Gemini CLI.
    let readme = check(".gemini/agents/README.md", "# Our agents\n\nSee below.\n");
    assert!(
        readme
            .contains("error[missing-front-matter] No front matter: Gemini CLI refuses the agent"),
        "{readme}"
    );
}

/// Files written as each tool documents them: nothing to report.
#[test]
fn good_files_of_the_rule_dialects_are_clean() {
    let good = [
        (
            ".claude/output-styles/terse.md",
            "---\nname: Terse\ndescription: Short answers, no preamble\nkeep-coding-instructions: true\n---\n\nAnswer in as few words as possible.\n",
        ),
        (
            ".kiro/steering/typescript.md",
            "---\ninclusion: fileMatch\nfileMatchPattern:\n  - \"**/*.ts\"\n  - \"**/*.tsx\"\n---\n\n# TypeScript\n",
        ),
        (
            ".kiro/steering/typescript.md",
            "---\ninclusion: fileMatch\nfileMatchPattern: \"components/**/*.tsx\"\n---\nBody\n",
        ),
        (
            ".windsurf/rules/testing.md",
            "---\ntrigger: glob\nglobs: \"**/*.test.ts\"\ndescription: Testing conventions\n---\n\n# Tests\n",
        ),
        (
            ".windsurf/rules/testing.md",
            "---\ntrigger: model_decision\ndescription: When touching the database\n---\nBody\n",
        ),
        (
            ".clinerules/react.md",
            "---\npaths:\n  - \"src/components/**\"\n  - \"src/hooks/**\"\n---\n\n# React\n",
        ),
        (
            ".gemini/agents/security-auditor.md",
            "---\nname: security-auditor\ndescription: Finds security holes in the code.\nkind: local\ntools:\n  - read_file\n  - grep_search\n  - mcp_github_*\nmodel: gemini-2.5-pro\ntemperature: 0.2\nmax_turns: 10\ntimeout_mins: 5\n---\n\nYou are a security auditor.\n",
        ),
    ];
    for (path, text) in good {
        let out = check(path, text);
        assert_eq!(out.lines().count(), 1, "{path}: {out}");
    }
}

#[test]
fn claude_rule_checks() {
    let path = ".claude/rules/api.md";
    let good =
        "---\npaths:\n  - \"src/api/**/*.ts\"\n  - \"lib/**/*.{ts,tsx}\"\n---\n\n# API rules\n";
    assert_eq!(check(path, good), "dialect: claude-rule\n");
    // A string: Claude Code splits it on commas, VS Code refuses it.
    let text = "---\npaths: \"src/**/*.ts, lib/**/*.ts\"\n---\nBody\n";
    expect![[r#"
        dialect: claude-rule
        2:8-2:34 warning[invalid-type] `paths` should be a YAML list (`- item` lines), not text. VS Code rejects a string ("The 'paths' attribute must be an array of glob patterns"); Claude Code splits it on commas.
          text: "\"src/**/*.ts, lib/**/*.ts\""
    "#]].assert_eq(&check(path, text));
    // Cursor's key: the rule then loads everywhere.
    let text = "---\nglobs: src/**/*.ts\nalwaysApply: false\n---\nBody\n";
    expect![[r#"
        dialect: claude-rule
        2:1-2:6 warning[unknown-key] Claude Code does not read `globs`; its key is `paths`. Claude Code then loads this rule for every file, whatever the globs say.
          text: "globs"
          fix (manual): Rename to `paths` -> fixed
        3:1-3:12 information[unknown-key] `alwaysApply` is not a Claude Code rule key (it is a key of a Cursor rule); Claude Code ignores it.
          text: "alwaysApply"
    "#]].assert_eq(&check(path, text));
    // A typo of `paths`.
    let text = "---\npath:\n  - src/**\n---\nBody\n";
    expect![[r#"
        dialect: claude-rule
        2:1-2:5 warning[unknown-key] Unknown key `path` in a Claude Code rule: did you mean `paths`? Claude Code ignores `path`.
          text: "path"
          fix (manual): Rename to `paths` -> fixed
    "#]].assert_eq(&check(path, text));
    // `paths: **/*.ts` is not strict YAML, but Claude Code quotes it and reads on.
    let text = "---\npaths: **/*.ts\n---\nBody\n";
    expect![[r#"
        dialect: claude-rule
        2:8-2:15 warning[yaml-syntax] `*` at the start of a value begins a YAML alias in strict YAML, which then does not read the value as text. Quote the value. Claude Code reads past it: when the front matter does not parse, it quotes such values and parses again, reading `paths` as the text `**/*.ts`. Strict YAML readers (GitHub's file view, converters) reject the front matter.
          text: "**/*.ts"
          fix (manual): Quote the value of `paths` -> fixed
          fix (manual): Make `paths` a folded block scalar (`>-`) -> fixed
    "#]].assert_eq(&check(path, text));
    // A list item Claude Code does not retry: strict readers and Claude Code alike fail.
    let text = "---\npaths:\n  - **/*.ts\n---\nBody\n";
    expect![[r#"
        dialect: claude-rule
        2:7-3:12 error[yaml-syntax] `*` at the start of a value begins a YAML alias in strict YAML, which then does not read the value as text. Quote the value. Claude Code's second try, which quotes special characters in unindented `key: value` lines, leaves this line as it is. Claude Code cannot read the front matter.
          text: "\n  - **/*.ts"
          fix (manual): Quote the value of `paths` -> fixed
          fix (manual): Make `paths` a folded block scalar (`>-`) -> fixed
    "#]].assert_eq(&check(path, text));
}

#[test]
fn claude_output_style_checks() {
    let path = ".claude/output-styles/terse.md";
    let text =
        "---\nname: Terse\nkeep-coding-instruction: true\nforce-for-plugin: \"true\"\n---\nBody\n";
    expect![[r#"
        dialect: claude-output-style
        3:1-3:24 warning[unknown-key] Unknown key `keep-coding-instruction` in a Claude Code output style: did you mean `keep-coding-instructions`? Claude Code ignores `keep-coding-instruction`.
          text: "keep-coding-instruction"
          fix (manual): Rename to `keep-coding-instructions` -> fixed
        4:19-4:25 warning[invalid-type] `force-for-plugin` is the text "true", not a boolean: strict loaders treat it as a string. Remove the quotes.
          text: "\"true\""
          fix: Remove the quotes -> fixed
    "#]].assert_eq(&check(path, text));
    let text = "---\nname: Terse\nkeep-coding-instructions: sometimes\n---\nBody\n";
    expect![[r#"
        dialect: claude-output-style
        3:27-3:36 error[invalid-type] `keep-coding-instructions` must be `true` or `false`, not `sometimes`.
          text: "sometimes"
    "#]].assert_eq(&check(path, text));
}

#[test]
fn kiro_steering_checks() {
    let path = ".kiro/steering/typescript.md";
    let good =
        "---\ninclusion: auto\nname: api-design\ndescription: REST API conventions\n---\nBody\n";
    assert_eq!(check(path, good), "dialect: kiro-steering\n");
    // An unknown mode: Kiro reads the file as `always`.
    let text = "---\ninclusion: sometimes\n---\nBody\n";
    expect![[r#"
        dialect: kiro-steering
        2:12-2:21 warning[invalid-value] `sometimes` is not a valid `inclusion`. Allowed: `always`, `fileMatch`, `manual`, `auto`. Kiro does not know this mode and includes the file as if it said `always`.
          text: "sometimes"
    "#]].assert_eq(&check(path, text));
    let text = "---\ninclusion: Always\n---\nBody\n";
    expect![[r#"
        dialect: kiro-steering
        2:12-2:18 warning[invalid-value] `Always` is not a valid `inclusion`: did you mean `always`? Allowed: `always`, `fileMatch`, `manual`, `auto`. Kiro does not know this mode and includes the file as if it said `always`.
          text: "Always"
          fix: Change to `always` -> fixed
    "#]].assert_eq(&check(path, text));
    // A pattern without `fileMatch` is never read; a typo'd key; a list where one mode goes.
    let text = "---\nfileMatchPattern: \"**/*.py\"\ninclusoin: fileMatch\n---\nBody\n";
    expect![[r#"
        dialect: kiro-steering
        2:1-2:17 warning[ineffective-key] `fileMatchPattern` only applies with `inclusion: fileMatch`: without it Kiro includes the file as `inclusion` says (always, by default) and ignores `fileMatchPattern`. Add `inclusion: fileMatch`, or remove `fileMatchPattern`.
          text: "fileMatchPattern"
        3:1-3:10 warning[unknown-key] Unknown key `inclusoin` in a Kiro steering file: did you mean `inclusion`? Kiro ignores `inclusoin`.
          text: "inclusoin"
          fix (manual): Rename to `inclusion` -> fixed
    "#]].assert_eq(&check(path, text));
    // Several patterns in one string match nothing (kirodotdev/Kiro#11095); braces are fine.
    let text = "---\ninclusion: fileMatch\nfileMatchPattern: \"src/**/*.py, tests/**/*.{py,pyi}\"\n---\nBody\n";
    expect![[r#"
        dialect: kiro-steering
        3:19-3:53 warning[invalid-value] `fileMatchPattern` is one pattern with commas in it: Kiro reads the whole text as one glob, which matches no file (kirodotdev/Kiro#11095). Write the patterns as a YAML list.
          text: "\"src/**/*.py, tests/**/*.{py,pyi}\""
          fix (manual): Write the patterns as a YAML list -> fixed
    "#]].assert_eq(&check(path, text));
    // `auto` matches by name and description.
    let text = "---\ninclusion: auto\ndescription: Docs conventions\n---\nBody\n";
    expect![[r#"
        dialect: kiro-steering
        2:1-2:10 warning[missing-required-key] `name` is required with `inclusion: auto`: Kiro matches `auto` steering to a request by its `name` and `description`, and its docs require both. Add `name:`.
          text: "inclusion"
    "#]].assert_eq(&check(path, text));
    let text = "---\ninclusion:\n  - always\n---\nBody\n";
    expect![[r#"
        dialect: kiro-steering
        3:3-3:11 warning[invalid-type] `inclusion` should be a single value, not a list. Kiro does not know this mode and includes the file as if it said `always`.
          text: "- always"
    "#]].assert_eq(&check(path, text));
}

#[test]
fn windsurf_rule_checks() {
    let path = ".windsurf/rules/testing.md";
    // Cursor's `always`: Windsurf does not activate the rule.
    let text = "---\ntrigger: always\n---\nBody\n";
    expect![[r#"
        dialect: windsurf-rule
        2:10-2:16 warning[invalid-value] `always` is not a valid `trigger`: did you mean `always_on`? Allowed: `always_on`, `manual`, `model_decision`, `glob`. Windsurf may not activate a rule whose trigger it does not know.
          text: "always"
          fix (manual): Change to `always_on` -> fixed
    "#]].assert_eq(&check(path, text));
    let text = "---\ntrigger: performance_critical\n---\nBody\n";
    expect![[r#"
        dialect: windsurf-rule
        2:10-2:30 warning[invalid-value] `performance_critical` is not a valid `trigger`. Allowed: `always_on`, `manual`, `model_decision`, `glob`. Windsurf may not activate a rule whose trigger it does not know.
          text: "performance_critical"
    "#]].assert_eq(&check(path, text));
    // Globs that no trigger reads; a typo'd key; a number where text goes.
    let text = "---\ntrigger: always_on\nglobs: \"*.ts\"\ndescripton: x\n---\nBody\n";
    expect![[r#"
        dialect: windsurf-rule
        3:1-3:6 warning[ineffective-key] `globs` only applies with `trigger: glob`: without it Windsurf activates the rule by its `trigger` and ignores `globs`. Set `trigger` to `glob`, or remove `globs`.
          text: "globs"
        4:1-4:11 warning[unknown-key] Unknown key `descripton` in a Windsurf rule: did you mean `description`? Windsurf ignores `descripton`.
          text: "descripton"
          fix (manual): Rename to `description` -> fixed
    "#]].assert_eq(&check(path, text));
    // What Windsurf's editor writes: empty keys, unquoted globs. Only strict readers object.
    let text = "---\ntrigger: model_decision\ndescription: \nglobs: \n---\nBody\n";
    assert_eq!(check(path, text), "dialect: windsurf-rule\n");
    let text = "---\ntrigger: glob\ndescription: \nglobs: *.md,*.mdx\n---\nBody\n";
    expect![[r#"
        dialect: windsurf-rule
        4:8-4:18 warning[yaml-syntax] `*` at the start of a value begins a YAML alias in strict YAML, which then does not read the value as text. Windsurf reads it as written; strict YAML parsers (GitHub's file view, converters) reject the whole file. Quoting it would not help: Windsurf may keep the quotes as part of the value, as Cursor does (not verified for Windsurf), and a quoted glob then matches no file.
          text: "*.md,*.mdx"
    "#]].assert_eq(&check(path, text));
    let text = "---\ntrigger: model_decision\ndescription: 42\n---\nBody\n";
    expect![[r#"
        dialect: windsurf-rule
        3:14-3:16 error[invalid-type] `description` is read as a number here, not text: `description: 42` has crashed tools that expect a string. Quote it.
          text: "42"
          fix (manual): Quote the value -> fixed
    "#]].assert_eq(&check(path, text));
}

#[test]
fn cline_rule_checks() {
    let path = ".clinerules/react.md";
    // A string: Cline ignores the condition and applies the rule everywhere.
    let text = "---\npaths: \"src/components/**\"\n---\nBody\n";
    expect![[r#"
        dialect: cline-rule
        2:8-2:27 warning[invalid-type] `paths` should be a YAML list (`- item` lines), not text. Cline 3.x ignored a `paths` that is not a list and applied this rule to every request; Cline 4.x ignores `paths` altogether.
          text: "\"src/components/**\""
    "#]].assert_eq(&check(path, text));
    // Cursor's key, and metadata some collections add.
    let text = "---\nglobs: \"src/**\"\nauthor: me\n---\nBody\n";
    expect![[r#"
        dialect: cline-rule
        2:1-2:6 warning[unknown-key] Cline does not read `globs`; its key is `paths`. Cline ignores it and applies this rule to every request (Cline 3.x limited a rule by `paths`; 4.x reads neither).
          text: "globs"
          fix (manual): Rename to `paths` -> fixed
        3:1-3:7 information[unknown-key] `author` is not a Cline rule key (it is a key of an agency-agents persona); Cline ignores it.
          text: "author"
    "#]].assert_eq(&check(path, text));
}

#[test]
fn gemini_agent_checks() {
    let path = ".gemini/agents/security-auditor.md";
    // Keys its strict loader does not define: the file is refused.
    let text = "---\nname: auditor\ndescription: Audits.\ncolor: blue\nmax_turn: 5\n---\nBody\n";
    expect![[r#"
        dialect: gemini-agent
        4:1-4:6 error[unknown-key] `color` is not a Gemini CLI subagent key (it is a key of a Claude Code subagent and an agency-agents persona); Gemini CLI refuses a file with a key it does not define. Remove it.
          text: "color"
        5:1-5:9 error[unknown-key] Unknown key `max_turn` in a Gemini CLI subagent: did you mean `max_turns`? Gemini CLI refuses a file with a key it does not define.
          text: "max_turn"
          fix (manual): Rename to `max_turns` -> fixed
    "#]].assert_eq(&check(path, text));
    // The docs' `mcpServers`, which the loader refuses: the milder warning.
    let text = "---\nname: auditor\ndescription: Audits.\nmcpServers:\n  github:\n    command: gh-mcp\n---\nBody\n";
    expect![[r#"
        dialect: gemini-agent
        4:1-4:11 warning[unknown-key] Gemini CLI does not read `mcpServers`; its key is `mcp_servers`. Its strict loader refuses a key it does not define, although its docs show `mcpServers`.
          text: "mcpServers"
          fix (manual): Rename to `mcp_servers` -> fixed
    "#]].assert_eq(&check(path, text));
    // Tools as text, and Claude Code's tool names.
    let text =
        "---\nname: auditor\ndescription: Audits.\ntools: read_file, grep_search\n---\nBody\n";
    expect![[r#"
        dialect: gemini-agent
        4:8-4:30 error[invalid-type] `tools` must be a YAML list (`- item` lines), not text. Gemini CLI refuses the file ("tools: Expected array, received string").
          text: "read_file, grep_search"
    "#]].assert_eq(&check(path, text));
    let text =
        "---\nname: auditor\ndescription: Audits.\ntools:\n  - Read\n  - grep_serch\n---\nBody\n";
    expect![[r#"
        dialect: gemini-agent
        5:5-5:9 error[unknown-tool] Unknown tool `Read` for Gemini CLI: Gemini CLI refuses the whole file over it.
          text: "Read"
        6:5-6:15 error[unknown-tool] Unknown tool `grep_serch` for Gemini CLI: did you mean `grep_search`? Gemini CLI refuses the whole file over it.
          text: "grep_serch"
          fix (manual): Change to `grep_search` -> fixed
    "#]].assert_eq(&check(path, text));
    // A name that is no slug, counts that are not positive whole numbers, an unknown kind.
    let text = "---\nname: Security Auditor\ndescription: Audits.\nkind: lokal\nmax_turns: ten\ntimeout_mins: 0\ntemperature: high\n---\nBody\n";
    expect![[r#"
        dialect: gemini-agent
        2:7-2:23 error[invalid-name] The name `Security Auditor` may only hold lowercase letters, digits, `-` and `_`: Gemini CLI refuses this file. Use `security-auditor`.
          text: "Security Auditor"
          fix (manual): Use `security-auditor` -> fixed
        4:7-4:12 error[invalid-value] `lokal` is not a valid `kind`: did you mean `local`? Allowed: `local`, `remote`. Gemini CLI refuses the file ("Agent loading error").
          text: "lokal"
          fix (manual): Change to `local` -> fixed
        5:12-5:15 error[invalid-type] `max_turns` must be a positive whole number, not `ten`. Gemini CLI refuses the file ("Agent loading error").
          text: "ten"
        6:15-6:16 error[invalid-type] `timeout_mins` must be a positive whole number, not `0`. Gemini CLI refuses the file ("Agent loading error").
          text: "0"
        7:14-7:18 error[invalid-type] `temperature` must be a number, not `high`. Gemini CLI refuses the file ("Agent loading error").
          text: "high"
    "#]].assert_eq(&check(path, text));
    // `name` and `description` are required.
    let text = "---\nname: auditor\n---\nBody\n";
    expect![[r#"
        dialect: gemini-agent
        1:1-1:4 error[missing-required-key] `description` is required in a Gemini CLI subagent: without it Gemini CLI refuses the file ("Agent loading error"). Add `description:`.
          text: "---"
    "#]].assert_eq(&check(path, text));
    // An empty `name:` or `description: ""` is no value: Gemini CLI refuses the file.
    let text = "---\nname:\ndescription: \"\"\n---\nBody\n";
    expect![[r#"
        dialect: gemini-agent
        2:1-2:5 error[missing-required-key] `name` has no value, which counts as missing in a Gemini CLI subagent: without it Gemini CLI refuses the file ("Agent loading error"). Give it a value.
          text: "name"
        3:14-3:16 error[missing-required-key] `description` is empty, and an empty value counts as missing in a Gemini CLI subagent: without it Gemini CLI refuses the file ("Agent loading error"). Give it a value.
          text: "\"\""
    "#]].assert_eq(&check(path, text));
    // Underscores are fine in Gemini CLI names.
    let text = "---\nname: code_reviewer\ndescription: Reviews.\n---\nBody\n";
    assert_eq!(check(path, text), "dialect: gemini-agent\n");
}

/// VS Code drops a key while another one says so (`ignored-when`): an agent's `agents` when
/// its `tools` lack the `agent` tool, a prompt's `tools` in `ask` or `edit` mode.
#[test]
fn keys_vscode_ignores_while_another_key_says_so() {
    let agent = ".github/agents/lead.agent.md";
    let without = "---\ndescription: Leads.\nagents: [planner, '*']\ntools: ['shell', \"read\"]\n---\nLead.\n";
    expect![[r#"
        dialect: copilot-agent
        3:1-3:7 warning[ineffective-key] `agents` is ignored while `tools` does not list `agent`: VS Code calls subagents only through the `agent` tool ("When 'agents' and 'tools' are specified, the 'agent' tool must be included in the 'tools' attribute"). Add `agent` to `tools`, or remove `agents`.
          text: "agents"
    "#]]
    .assert_eq(&check(agent, without));
    for clean in [
        "---\ndescription: Leads.\nagents: [planner]\ntools: [shell, agent]\n---\nLead.\n",
        "---\ndescription: Leads.\nagents: [planner]\ntools: [shell, agent/runSubagent]\n---\nLead.\n",
        "---\ndescription: Leads.\nagents: [planner]\n---\nLead.\n",
        "---\ndescription: Leads.\nagents: []\ntools: [shell]\n---\nLead.\n",
    ] {
        assert_eq!(check(agent, clean), "dialect: copilot-agent\n", "{clean}");
    }
    let prompt = ".github/prompts/fix.prompt.md";
    expect![[r#"
        dialect: copilot-prompt
        3:1-3:6 warning[ineffective-key] `tools` is ignored with `agent: ask`: VS Code uses a prompt's tools only in agent mode ("The 'tools' attribute is only supported when using agents. Attribute will be ignored."). Remove `tools`, or use `agent: agent`.
          text: "tools"
    "#]]
    .assert_eq(&check(prompt, "---\nagent: ask\ntools: [search]\n---\nFix it.\n"));
    for clean in [
        "---\nagent: agent\ntools: [search]\n---\nFix it.\n",
        "---\ntools: [search]\n---\nFix it.\n",
        "---\nagent: edit\n---\nFix it.\n",
    ] {
        assert_eq!(check(prompt, clean), "dialect: copilot-prompt\n", "{clean}");
    }
}

/// The block-scalar fix of a continued value is applied by `--fix` only for a text key that is
/// not a block scalar already; otherwise it is offered (the text is not known to be meant as
/// the value, or a second pass could indent the lines again).
#[test]
fn the_continued_value_fix_is_applied_only_for_a_plain_text_key() {
    let agent = ".claude/agents/reviewer.md";
    let tools = "---\nname: reviewer\ndescription: Reviews.\ntools: Read, Grep\nand more words here\n---\nBody\n";
    let text = check(agent, tools);
    assert!(
        text.contains("fix (manual): Make `tools` a block scalar"),
        "{text}"
    );
    let plain = "---\nname: reviewer\ndescription: Reviews.\nand more words here\nmodel: sonnet\n---\nBody\n";
    let text = check(agent, plain);
    assert!(
        text.contains("fix: Make `description` a block scalar"),
        "{text}"
    );
}

/// A rule scoped to nothing: Kiro's `fileMatch` without a pattern is never applied. Cline 4.x
/// reads no `paths`, so `paths: []` no longer turns a rule off, and says nothing.
#[test]
fn a_rule_scoped_to_nothing_is_never_applied() {
    let mut out = check(
        ".kiro/steering/k.md",
        "---\ninclusion: fileMatch\n---\nBody\n",
    );
    out += &check(".clinerules/c.md", "---\npaths: []\n---\nBody\n");
    out += &check(".clinerules/ok.md", "---\npaths:\n  - src/**\n---\nBody\n");
    out += &check(
        ".kiro/steering/ok.md",
        "---\ninclusion: fileMatch\nfileMatchPattern: \"**/*.ts\"\n---\nBody\n",
    );
    expect![[r#"
        dialect: kiro-steering
        2:1-2:10 warning[missing-required-key] `fileMatchPattern` is required with `inclusion: fileMatch`: Kiro includes `fileMatch` steering only when a file in context matches `fileMatchPattern`, so without one it is never included. Add `fileMatchPattern:`.
          text: "inclusion"
        dialect: cline-rule
        dialect: cline-rule
        dialect: kiro-steering
    "#]].assert_eq(&out);
}

/// A `---` block after other text: its own case, worded per reader from the tables, and a fix
/// (`check --fix` and the editor alike) that swaps the text and the block, keeping the BOM
/// and the line endings.
#[test]
fn front_matter_after_other_text_is_not_at_the_start() {
    let cases = [
        // An HTML comment before a Gemini CLI subagent: Gemini reports it and refuses it.
        (
            ".gemini/agents/researcher.md",
            "<!-- generated -->\n---\nname: researcher\ndescription: Researches myths.\n---\n\nYou research.\n",
        ),
        // A title line, CRLF and a BOM before a Claude Code agent.
        (
            ".claude/agents/rev.md",
            "\u{feff}Reviewer\r\n\r\n---\r\nname: rev\r\ndescription: Reviews.\r\n---\r\nBody\r\n",
        ),
        // Blank lines only, and a closing fence at the end of the file without a line break.
        (
            ".opencode/agent/plan.md",
            "\n\n---\nmode: subagent\ndescription: Plans.\n---",
        ),
        // The own tool still loads these, without the block's keys: warnings.
        (
            ".claude/commands/deploy.md",
            "<!-- x -->\n---\ndescription: Deploys\nallowed-tools: Bash\n---\nDeploy it.\n",
        ),
        (
            ".claude/rules/ts.md",
            "# TypeScript\n---\npaths:\n  - \"**/*.ts\"\n---\nUse strict mode.\n",
        ),
        (
            ".claude/skills/roll/SKILL.md",
            "<!-- a -->\n<!-- b -->\n---\nname: roll\ndescription: Rolls.\n---\nRoll it.\n",
        ),
        (
            ".github/prompts/ship.prompt.md",
            "Ship\n---\nagent: agent\ndescription: Ships.\n---\nShip it.\n",
        ),
        (
            ".opencode/command/test.md",
            "Test\n---\ndescription: Tests.\nagent: build\n---\nRun the tests.\n",
        ),
        // No table says how Cursor finds front matter: a hedged warning.
        (
            ".cursor/rules/ts.mdc",
            "<!-- x -->\n---\nglobs: \"*.ts\"\nalwaysApply: false\n---\nUse strict mode.\n",
        ),
    ];
    let mut out = String::new();
    for (path, text) in cases {
        out.push_str(&format!("== {path}\n{}", check(path, text)));
        let (new, left) = fixed(path, text);
        assert_eq!(offered(path, text, "missing-front-matter"), new, "{path}");
        out.push_str(&format!("fixed: {new:?}\nleft: {left:?}\n"));
    }
    expect![[r##"
        == .gemini/agents/researcher.md
        dialect: gemini-agent
        1:1-1:19 error[missing-front-matter] The front matter is not at the start of the file, so Gemini CLI does not read its keys (`name`, `description`): Gemini CLI refuses the agent and reports "Agent loading error: … Missing mandatory YAML frontmatter". Move the text above the `---` below the closing `---`.
          text: "<!-- generated -->"
          fix: Move the text above the front matter below it -> fixed
        fixed: "---\nname: researcher\ndescription: Researches myths.\n---\n<!-- generated -->\n\nYou research.\n"
        left: []
        == .claude/agents/rev.md
        dialect: claude-agent
        1:1-1:2 warning[byte-order-mark] The file starts with a UTF-8 byte-order mark, which some tools read as text. Remove it.
          text: "\u{feff}"
          fix (manual): Remove the byte-order mark -> fixed
        1:2-1:10 error[missing-front-matter] The front matter is not at the start of the file, so Claude Code and VS Code do not read its keys (`name`, `description`): Claude Code skips the agent without a word; VS Code lists it under its file name, with no description. Move the text above the `---` below the closing `---`.
          text: "Reviewer"
          fix: Move the text above the front matter below it -> fixed
        fixed: "\u{feff}---\r\nname: rev\r\ndescription: Reviews.\r\n---\r\nReviewer\r\n\r\nBody\r\n"
        left: ["warning[byte-order-mark]"]
        == .opencode/agent/plan.md
        dialect: opencode-agent
        3:1-3:4 error[missing-front-matter] The front matter is not at the start of the file, so OpenCode does not read its keys (`mode`, `description`): OpenCode loads it under its file name with none of these keys, and takes the `---` block as part of its prompt. Move the text above the `---` below the closing `---`.
          text: "---"
          fix: Move the text above the front matter below it -> fixed
        fixed: "---\nmode: subagent\ndescription: Plans.\n---\n\n\n"
        left: ["warning[empty-body]"]
        == .claude/commands/deploy.md
        dialect: claude-command
        1:1-1:11 warning[missing-front-matter] The front matter is not at the start of the file, so Claude Code does not read its keys (`description`, `allowed-tools`): Claude Code loads the command without them, and takes the `---` block as part of its prompt. Move the text above the `---` below the closing `---`.
          text: "<!-- x -->"
          fix: Move the text above the front matter below it -> fixed
        fixed: "---\ndescription: Deploys\nallowed-tools: Bash\n---\n<!-- x -->\nDeploy it.\n"
        left: []
        == .claude/rules/ts.md
        dialect: claude-rule
        1:1-1:13 warning[missing-front-matter] The front matter is not at the start of the file, so Claude Code does not read its keys (`paths`): Claude Code loads the rule for every file, with the `---` block as part of its text. Move the text above the `---` below the closing `---`.
          text: "# TypeScript"
          fix: Move the text above the front matter below it -> fixed
        fixed: "---\npaths:\n  - \"**/*.ts\"\n---\n# TypeScript\nUse strict mode.\n"
        left: []
        == .claude/skills/roll/SKILL.md
        dialect: claude-skill
        1:1-2:11 warning[missing-front-matter] The front matter is not at the start of the file, so Claude Code, VS Code and the Agent Skills spec do not read its keys (`name`, `description`): Claude Code loads the skill without them, named after its folder and described by the file's first line of text; VS Code names it after its folder in recent versions, and older ones skip a skill without `name` and `description`; the Agent Skills spec requires `name` and `description` in front matter. Move the text above the `---` below the closing `---`.
          text: "<!-- a -->\n<!-- b -->"
          fix: Move the text above the front matter below it -> fixed
        fixed: "---\nname: roll\ndescription: Rolls.\n---\n<!-- a -->\n<!-- b -->\nRoll it.\n"
        left: []
        == .github/prompts/ship.prompt.md
        dialect: copilot-prompt
        1:1-1:5 warning[missing-front-matter] The front matter is not at the start of the file, so VS Code does not read its keys (`agent`, `description`): VS Code runs the prompt with its defaults, and the `---` block as part of its text. Move the text above the `---` below the closing `---`.
          text: "Ship"
          fix: Move the text above the front matter below it -> fixed
        fixed: "---\nagent: agent\ndescription: Ships.\n---\nShip\nShip it.\n"
        left: []
        == .opencode/command/test.md
        dialect: opencode-command
        1:1-1:5 warning[missing-front-matter] The front matter is not at the start of the file, so OpenCode does not read its keys (`description`, `agent`): OpenCode runs the command without them, with the `---` block as part of its template. Move the text above the `---` below the closing `---`.
          text: "Test"
          fix: Move the text above the front matter below it -> fixed
        fixed: "---\ndescription: Tests.\nagent: build\n---\nTest\nRun the tests.\n"
        left: []
        == .cursor/rules/ts.mdc
        dialect: cursor-rule
        1:1-1:11 warning[missing-front-matter] The front matter is not at the start of the file, where readers look for it: Cursor most likely reads none of its keys (`globs`, `alwaysApply`), and takes the `---` block as part of its text. Move the text above the `---` below the closing `---`.
          text: "<!-- x -->"
          fix: Move the text above the front matter below it -> fixed
        fixed: "---\nglobs: \"*.ts\"\nalwaysApply: false\n---\n<!-- x -->\nUse strict mode.\n"
        left: []
    "##]].assert_eq(&out);
}

/// A thematic break in prose, a block never closed, a `---` example in a code fence and a
/// block with no key some dialect defines are not hidden front matter: the file has none.
#[test]
fn a_thematic_break_or_an_example_is_not_hidden_front_matter() {
    let texts = [
        "# Reviewer\n\nIntro.\n\n---\n\nMore.\n\n---\n",
        "# Reviewer\n\n```markdown\n---\nname: x\ndescription: y\n---\n```\n",
        "Intro\n---\nfoo: 1\n---\n",
        "<!-- x -->\n---\nname: x\n",
    ];
    // Each is a file without front matter, as the plain message says.
    let other: Vec<String> = texts
        .iter()
        .map(|t| check(AGENT, t))
        .filter(|out| !out.contains("No front matter: Claude Code skips"))
        .collect();
    assert_eq!(other, Vec::<String>::new());
}

/// Claude Code reads every SKILL.md field as optional (`name` from the folder, `description`
/// from the body): a skill without them is a warning that says so, and names the readers that
/// need them; where Claude Code does not read the file (`.github/skills`), only those.
#[test]
fn skills_without_front_matter_or_description_fall_back_in_claude_code() {
    const CC: &str = ".claude/skills/roll/SKILL.md";
    const GH: &str = ".github/skills/roll/SKILL.md";
    let cases = [
        (CC, "# Roll\n\nRolls the dependency.\n"),
        (CC, "\n"),
        ("plugins/p/skills/roll/SKILL.md", "Rolls the dependency.\n"),
        (GH, "# Roll\n\nRolls the dependency.\n"),
        (".agents/skills/roll/SKILL.md", "Rolls.\n"),
        (CC, "---\nname: roll\n---\n\nRolls the dependency.\n"),
        (CC, "---\nname: roll\n---\n"),
        (CC, "---\ndescription: Rolls.\n---\n\nRoll it.\n"),
        (GH, "---\nname: roll\n---\n\nRolls the dependency.\n"),
    ];
    let mut out = String::new();
    for (path, text) in cases {
        out.push_str(&format!("== {path} {text:?}\n{}", check(path, text)));
    }
    expect![[r##"
        == .claude/skills/roll/SKILL.md "# Roll\n\nRolls the dependency.\n"
        dialect: claude-skill
        1:1-1:7 warning[missing-front-matter] No front matter: Claude Code loads the skill, named after its folder and described by the first paragraph of the body; VS Code names it after its folder in recent versions, and older ones skip a skill without `name` and `description`; the Agent Skills spec requires `name` and `description` in front matter. Add a `---` block with `name` and `description`.
          text: "# Roll"
          fix (manual): Insert front matter from the file name and first paragraph -> fixed
        == .claude/skills/roll/SKILL.md "\n"
        dialect: claude-skill
        1:1-1:1 warning[missing-front-matter] No front matter: Claude Code loads the skill, named after its folder, but the body is empty too, so Claude Code has nothing to match the skill on; VS Code names it after its folder in recent versions, and older ones skip a skill without `name` and `description`; the Agent Skills spec requires `name` and `description` in front matter. Add a `---` block with `name` and `description`.
          text: ""
          fix (manual): Insert front matter from the file name and first paragraph -> fixed
        == plugins/p/skills/roll/SKILL.md "Rolls the dependency.\n"
        dialect: claude-skill
        1:1-1:22 warning[missing-front-matter] No front matter: Claude Code loads the skill, named after its folder and described by the first paragraph of the body; VS Code names it after its folder in recent versions, and older ones skip a skill without `name` and `description`; the Agent Skills spec requires `name` and `description` in front matter. Add a `---` block with `name` and `description`.
          text: "Rolls the dependency."
          fix (manual): Insert front matter from the file name and first paragraph -> fixed
        == .github/skills/roll/SKILL.md "# Roll\n\nRolls the dependency.\n"
        dialect: claude-skill
        1:1-1:7 warning[missing-front-matter] No front matter: VS Code names it after its folder in recent versions, and older ones skip a skill without `name` and `description`; the Agent Skills spec requires `name` and `description` in front matter. Add a `---` block with `name` and `description`.
          text: "# Roll"
          fix (manual): Insert front matter from the file name and first paragraph -> fixed
        == .agents/skills/roll/SKILL.md "Rolls.\n"
        dialect: claude-skill
        1:1-1:7 warning[missing-front-matter] No front matter: VS Code names it after its folder in recent versions, and older ones skip a skill without `name` and `description`; Codex refuses the skill and logs "failed to load skill …: missing YAML frontmatter delimited by ---"; the Agent Skills spec requires `name` and `description` in front matter. Add a `---` block with `name` and `description`.
          text: "Rolls."
          fix (manual): Insert front matter from the file name and first paragraph -> fixed
        == .claude/skills/roll/SKILL.md "---\nname: roll\n---\n\nRolls the dependency.\n"
        dialect: claude-skill
        1:1-1:4 warning[missing-required-key] `description` is required in an Agent skill (SKILL.md): Claude Code falls back to the first paragraph of the body, but older VS Code versions skip a skill without it, and the Agent Skills spec requires it. Add `description:`.
          text: "---"
        == .claude/skills/roll/SKILL.md "---\nname: roll\n---\n"
        dialect: claude-skill
        1:1-1:4 warning[missing-required-key] `description` is required in an Agent skill (SKILL.md): the body is empty too, so Claude Code has nothing to match the skill on, but older VS Code versions skip a skill without it, and the Agent Skills spec requires it. Add `description:`.
          text: "---"
        3:1-3:4 warning[empty-body] The front matter is followed by no instructions: the body is the Agent skill (SKILL.md)'s prompt. Write what it should do below the `---`.
          text: "---"
        == .claude/skills/roll/SKILL.md "---\ndescription: Rolls.\n---\n\nRoll it.\n"
        dialect: claude-skill
        1:1-1:4 warning[missing-required-key] `name` is required in an Agent skill (SKILL.md): Claude Code falls back to the folder name, but older VS Code versions skip a skill without it (newer ones name it after its folder too), and the Agent Skills spec requires it. Add `name:`.
          text: "---"
        == .github/skills/roll/SKILL.md "---\nname: roll\n---\n\nRolls the dependency.\n"
        dialect: claude-skill
        1:1-1:4 warning[missing-required-key] `description` is required in an Agent skill (SKILL.md): older VS Code versions skip a skill without it, and the Agent Skills spec requires it. Add `description:`.
          text: "---"
    "##]].assert_eq(&out);
}

/// Gemini CLI's skill loader (skillLoader.ts) reads only `name` and `description`, does not
/// check the name, and drops a file without front matter or either key without a word.
#[test]
fn gemini_skill_checks() {
    let path = ".gemini/skills/spec_generator/SKILL.md";
    // A name outside the Agent Skills format loads: information, naming the spec only, and
    // no name-mismatch (Gemini CLI does not compare it with the folder).
    let text = "---\nname: spec_generator\ndescription: Writes specs.\n---\nBody\n";
    expect![[r#"
        dialect: gemini-skill
        2:7-2:21 information[invalid-name] The skill name `spec_generator` has characters other than letters, digits and hyphens: Gemini CLI loads it, but the Agent Skills spec rejects it.
          text: "spec_generator"
          fix (manual): Use `spec-generator` -> fixed
    "#]].assert_eq(&check(path, text));
    let text = "---\nname: Spec Writer\ndescription: Writes specs.\n---\nBody\n";
    expect![[r#"
        dialect: gemini-skill
        2:7-2:18 information[invalid-name] The skill name `Spec Writer` has upper-case letters: Gemini CLI loads it, but the Agent Skills spec rejects it.
          text: "Spec Writer"
          fix (manual): Use `spec-writer` -> fixed
    "#]].assert_eq(&check(path, text));
    // No description, or no front matter: dropped without a word.
    let text = "---\nname: spec-generator\n---\nBody\n";
    expect![[r#"
        dialect: gemini-skill
        1:1-1:4 error[missing-required-key] `description` is required in a Gemini CLI skill: without it Gemini CLI drops the skill without a word. Add `description:`.
          text: "---"
    "#]].assert_eq(&check(path, text));
    let text = "# Spec generator\n\nWrites specs.\n";
    expect![[r##"
        dialect: gemini-skill
        1:1-1:17 error[missing-front-matter] No front matter: Gemini CLI skips this file without a word. Add a `---` block with `name` and `description`.
          text: "# Spec generator"
          fix (manual): Insert front matter from the file name and first paragraph -> fixed
    "##]].assert_eq(&check(path, text));
    // Its line reader takes a description with `: ` in it; other keys are ignored.
    let text = "---\nname: spec-generator\ndescription: Use when: a spec is due\nargument-hint: x\nlicense: MIT\n---\nBody\n";
    expect![[r#"
        dialect: gemini-skill
        3:22-3:23 warning[yaml-syntax] `: ` inside an unquoted value starts a new key here, so this is not valid YAML. Quote the value, or use a block scalar (`>-`). Gemini CLI tolerates it, but strict YAML parsers (GitHub's file view, converters) reject the whole file.
          text: ":"
          fix: Quote the value of `description` -> fixed
          fix (manual): Make `description` a folded block scalar (`>-`) -> fixed
        4:1-4:14 information[unknown-key] `argument-hint` is not a Gemini CLI skill key (it is a key of an Agent skill (SKILL.md) and a Claude Code slash command); Gemini CLI ignores it.
          text: "argument-hint"
    "#]].assert_eq(&check(path, text));
    // Deeper than one folder below `.gemini/skills`: not loaded.
    let text = "---\nname: deep\ndescription: d\n---\nBody\n";
    expect![[r#"
        dialect: gemini-skill
        1:1-1:4 information[misplaced-file] Gemini CLI looks for `SKILL.md` only in `.gemini/skills` and in its direct subfolders: it does not load this one. Move the skill's folder up to `.gemini/skills/<name>/`.
          text: "---"
    "#]].assert_eq(&check(".gemini/skills/group/deep/SKILL.md", text));
    // The skill's other Markdown files are its resources, not personas.
    let out = check(
        ".gemini/skills/spec_generator/references/guide.md",
        "# Guide\n",
    );
    assert!(out.starts_with("dialect: none\n"), "{out}");
    // A valid skill: nothing.
    let out = check(
        ".gemini/skills/x/SKILL.md",
        "---\nname: x\ndescription: d\n---\nBody\n",
    );
    assert_eq!(out, "dialect: gemini-skill\n");
}

/// VS Code reads only the files directly in `.github/agents`; Copilot CLI reads its subfolders
/// too. The table's `readers-at` row makes a subfolder's file a Copilot CLI file: messages name
/// only Copilot CLI, and VS Code's checks (`reader: VS Code`) do not run.
#[test]
fn github_agents_subfolders_are_read_by_copilot_cli_only() {
    let guide = "# Startup checklist\n\nRead this first.\n";
    expect![[r##"
        dialect: copilot-agent
        1:1-1:20 warning[missing-front-matter] No front matter: Copilot CLI, which also reads the subfolders of `.github/agents`, refuses this file ("missing or malformed YAML frontmatter"); VS Code reads only the files directly in `.github/agents` and does not list it. If it is an agent, add a `---` block with `description`; if it is a guide, move it out of `.github/agents`.
          text: "# Startup checklist"
          fix (manual): Insert front matter from the file name and first paragraph -> fixed
    "##]].assert_eq(&check(".github/agents/guides/checklist.md", guide));
    expect![[r##"
        dialect: copilot-agent
        1:1-1:20 warning[missing-front-matter] No front matter: Copilot CLI, which also reads the subfolders of `.github/agents`, refuses this file ("missing or malformed YAML frontmatter"); VS Code reads only the files directly in `.github/agents` and does not list it. If it is an agent, add a `---` block with `description`; if it is a guide, move it out of `.github/agents`.
          text: "# Startup checklist"
          fix (manual): Insert front matter from the file name and first paragraph -> fixed
    "##]].assert_eq(&check(".github/agents/core/deep/flow.md", guide));
    // Directly in the folder: VS Code lists it.
    let out = check(".github/agents/checklist.md", guide);
    assert!(out.contains("VS Code lists this agent"), "{out}");
    // A model list: Copilot CLI, the only reader, refuses the agent; VS Code's shapes of
    // `agents` and `handoffs` are not checked.
    let text =
        "---\ndescription: d\nmodel: [a, b]\nagents: x\nhandoffs: 3\nmcp-servers: {}\n---\nBody\n";
    expect![[r#"
        dialect: copilot-agent
        3:8-3:14 error[invalid-type] `model` is a list, which Copilot CLI refuses: it does not load this agent ("model: Expected string, received array", github/copilot-cli#3070), and VS Code does not read files in subfolders of `.github/agents`. Name one model.
          text: "[a, b]"
    "#]].assert_eq(&check(".github/agents/core/x.agent.md", text));
    let out = check(".github/agents/x.agent.md", text);
    assert!(
        out.contains("warning[invalid-type] `model` is a list: VS Code reads it"),
        "{out}"
    );
    assert!(
        out.contains("error[invalid-type] `handoffs` must be a list"),
        "{out}"
    );
    // A list `argument-hint`: only VS Code's reading is known, so nothing is claimed of it.
    let text = "---\ndescription: d\nargument-hint: [file]\n---\nBody\n";
    expect![[r#"
        dialect: copilot-agent
        3:16-3:22 warning[invalid-type] `argument-hint` is a YAML list, but Copilot CLI takes text here. Write the items as one string, or quote the value if you meant the brackets.
          text: "[file]"
          fix (manual): Quote the value -> fixed
    "#]].assert_eq(&check(".github/agents/core/x.md", text));
    // Unclosed or unparsable front matter: Copilot CLI's reading only.
    let out = check(".github/agents/core/x.md", "---\ndescription: d\n\nBody\n");
    assert!(
        out.contains("error[unclosed-front-matter] The front matter opened here is never closed. Add a `---` line after the last key; until then Copilot CLI reads none of these keys."),
        "{out}"
    );
    let out = check(
        ".github/agents/core/x.md",
        "---\ndescription: Use when: a\n---\nBody\n",
    );
    assert!(
        out.contains("Copilot CLI refuses this agent (\"custom agent markdown frontmatter is malformed\"); VS Code does not read files in subfolders of `.github/agents`."),
        "{out}"
    );
    // The same in an organisation's `.github-private`.
    let out = check(".github-private/agents/team/x.md", guide);
    assert!(
        out.contains("Copilot CLI, which also reads the subfolders"),
        "{out}"
    );
}

/// OpenCode's skill loader keeps a skill only when `name` is text, lists only those with a
/// `description`, checks no name format, and ignores every other key.
#[test]
fn opencode_skill_checks() {
    let mut out = check(
        ".opencode/skills/nix/SKILL.md",
        "---\nname: nixos-hardening\ndescription: Hardens NixOS.\ntools: Read\n---\nBody\n",
    );
    out += &check(
        ".opencode/skills/b/SKILL.md",
        "---\ndescription: No name.\n---\nBody\n",
    );
    out += &check(
        ".opencode/skills/c/SKILL.md",
        "---\nname: Spec Writer\n---\nBody\n",
    );
    out += &check(".opencode/skills/d/SKILL.md", "# Just text\n");
    expect![[r##"
        dialect: opencode-skill
        4:1-4:6 information[unknown-key] `tools` is not an OpenCode skill key (it is a key of a Claude Code subagent and an agency-agents persona); OpenCode ignores it.
          text: "tools"
        dialect: opencode-skill
        1:1-1:4 error[missing-required-key] `name` is required in an OpenCode skill: without it OpenCode skips the skill without a word. Add `name:`.
          text: "---"
        dialect: opencode-skill
        1:1-1:4 warning[missing-required-key] `description` is required in an OpenCode skill: OpenCode loads the skill but lists only skills with a description, so the model is never offered it. Add `description:`.
          text: "---"
        2:7-2:18 information[invalid-name] The skill name `Spec Writer` has upper-case letters: OpenCode loads it, but the Agent Skills spec rejects it.
          text: "Spec Writer"
          fix (manual): Use `spec-writer` -> fixed
        dialect: opencode-skill
        1:1-1:12 error[missing-front-matter] No front matter: OpenCode skips this file without a word. Add a `---` block with `name` and `description`.
          text: "# Just text"
          fix (manual): Insert front matter from the file name and first paragraph -> fixed
    "##]].assert_eq(&out);
}

/// A hidden character inside a front-matter key: removing it changes which key the tool reads
/// (here it would make a second `handoffs`), so the fix is offered, not applied.
#[test]
fn hidden_characters_in_a_key_are_removed_only_by_hand() {
    let text = "---\ndescription: d\nhando\u{200b}ffs: []\nhandoffs: []\n---\nBody\n";
    let out = check(".github/agents/a.agent.md", text);
    assert!(
        out.contains("warning[hidden-unicode]")
            && out.contains("fix (manual): Remove the hidden characters"),
        "{out}"
    );
    assert_eq!(fixed(".github/agents/a.agent.md", text).0, text);
}
