//! What each reader of a persona file does with a key or value (issue 10, items 3–5 and 7):
//! the severity follows the reader that fails, and the message names it. Exact ranges, codes
//! and messages, several variants of each class.

mod common;
use expect_test::{Expect, expect};
use persona_ls::analysis::{Location, analyze};
use persona_ls::dialect::Registry;

/// Every finding of every `(path, text)`, after checking that its severity is one its rule's
/// registry line declares.
fn check_all(files: &[(&str, &str)], expect: Expect) {
    let registry = Registry::builtin();
    let mut out = String::new();
    for (path, text) in files {
        let location = Location::at(path);
        for d in analyze(text, location, &registry).diagnostics {
            assert!(
                d.code.rule().declares(d.severity),
                "{}: `{}` is not declared ({:?})",
                d.code,
                d.severity.as_str(),
                d.message
            );
        }
        out.push_str(&format!("== {path}\n"));
        out.push_str(&common::render(path, text, &registry));
    }
    expect.assert_eq(&out);
}

#[test]
fn empty_required_values_count_as_missing() {
    check_all(
        &[
            (
                ".claude/agents/a.md",
                "---\nname: \"\"\ndescription: ''\n---\nBody.\n",
            ),
            // Only spaces is text to Claude Code (`!name` is false): a blank name, not a
            // missing one.
            (
                ".claude/agents/b.md",
                "---\nname: \"  \"\ndescription: d\n---\nBody.\n",
            ),
            (
                ".claude/skills/t/SKILL.md",
                "---\nname: \"  \"\ndescription: d\n---\nBody.\n",
            ),
            // A skill's `description` is only recommended by Claude Code: a warning.
            (
                ".claude/skills/s/SKILL.md",
                "---\nname: s\ndescription: \"\"\n---\nBody.\n",
            ),
        ],
        expect![[r#"
            == .claude/agents/a.md
            dialect: claude-agent
            2:7-2:9 error[missing-required-key] `name` is empty, and an empty value counts as missing in a Claude Code subagent: without it Claude Code treats the file as documentation and skips it. Give it a value.
              text: "\"\""
            3:14-3:16 error[missing-required-key] `description` is empty, and an empty value counts as missing in a Claude Code subagent: without it Claude Code skips the agent. Give it a value.
              text: "''"
            == .claude/agents/b.md
            dialect: claude-agent
            2:7-2:11 warning[invalid-name] The name is only spaces: Claude Code loads the agent under a blank name that nothing can call. Write a name of lowercase letters and hyphens.
              text: "\"  \""
            == .claude/skills/t/SKILL.md
            dialect: claude-skill
            2:7-2:11 warning[invalid-name] The skill name is only spaces: Claude Code loads it, as a display name, but the Agent Skills spec rejects it, and VS Code silently skips the skill.
              text: "\"  \""
            == .claude/skills/s/SKILL.md
            dialect: claude-skill
            3:14-3:16 warning[missing-required-key] `description` is empty, and an empty value counts as missing in an Agent skill (SKILL.md): Claude Code falls back to the first paragraph of the body, but older VS Code versions skip a skill without it, and the Agent Skills spec requires it. Give it a value.
              text: "\"\""
        "#]],
    );
}

#[test]
fn empty_optional_text_is_a_warning_with_what_the_reader_does() {
    check_all(
        &[
            (
                ".github/agents/a.agent.md",
                "---\ndescription: Reviews.\nargument-hint: \"\"\nname: ''\n---\nBody.\n",
            ),
            (
                ".github/instructions/a.instructions.md",
                "---\napplyTo: ''\n---\nBody.\n",
            ),
            (
                ".claude/skills/s/SKILL.md",
                "---\nname: s\ndescription: d\ncompatibility: \"\"\n---\nBody.\n",
            ),
        ],
        expect![[r#"
            == .github/agents/a.agent.md
            dialect: copilot-agent
            3:16-3:18 warning[invalid-value] `argument-hint` is empty: VS Code reports it and shows no hint. Give it a value, or remove the key.
              text: "\"\""
            4:7-4:9 warning[invalid-value] `name` is empty: VS Code reports it as an error ("must not be empty"). Give it a value, or remove the key.
              text: "''"
            == .github/instructions/a.instructions.md
            dialect: copilot-instructions
            2:10-2:12 warning[invalid-value] `applyTo` is empty: VS Code finds no glob in it ("must be a valid glob pattern"), so the instructions are never applied automatically. Give it a value, or remove the key.
              text: "''"
            == .claude/skills/s/SKILL.md
            dialect: claude-skill
            4:16-4:18 warning[invalid-value] `compatibility` is empty: the Agent Skills spec and skills-ref want 1–500 characters. Give it a value, or remove the key.
              text: "\"\""
        "#]],
    );
}

#[test]
fn skill_names_are_trimmed_nfkc_compared_and_a_portability_warning() {
    check_all(
        &[
            // Trimmed: no finding.
            (
                ".github/skills/my-skill/SKILL.md",
                "---\nname: \"  my-skill  \"\ndescription: d\n---\nBody.\n",
            ),
            // Claude Code's display name: a warning naming both other readers.
            (
                ".claude/skills/agent-development/SKILL.md",
                "---\nname: Agent Development\ndescription: d\n---\nBody.\n",
            ),
            // Lower-case Cyrillic: the spec takes it, VS Code does not.
            (
                "skills/навык/SKILL.md",
                "---\nname: навык\ndescription: d\n---\nBody.\n",
            ),
            // Upper-case Cyrillic: both refuse it.
            (
                "skills/НАВЫК/SKILL.md",
                "---\nname: НАВЫК\ndescription: d\n---\nBody.\n",
            ),
            // `e` + combining acute is the folder's precomposed `é` after NFKC: no mismatch.
            (
                "skills/caf\u{e9}/SKILL.md",
                "---\nname: cafe\u{301}\ndescription: d\n---\nBody.\n",
            ),
            (
                "skills/x/SKILL.md",
                "---\nname: claude-helper\ndescription: d\n---\nBody.\n",
            ),
        ],
        expect![[r#"
            == .github/skills/my-skill/SKILL.md
            dialect: claude-skill
            == .claude/skills/agent-development/SKILL.md
            dialect: claude-skill
            2:7-2:24 warning[invalid-name] The skill name `Agent Development` has upper-case letters: Claude Code loads it, as a display name, but the Agent Skills spec rejects it, and VS Code silently skips the skill.
              text: "Agent Development"
              fix (manual): Use `agent-development` -> fixed
            2:7-2:24 warning[name-mismatch] The name `Agent Development` differs from its folder `agent-development`: Claude Code names the skill's command after the folder (`/agent-development`), and the Agent Skills spec and VS Code require the two to match. Rename one of them.
              text: "Agent Development"
              fix (manual): Change the name to `agent-development` -> fixed
            == skills/навык/SKILL.md
            dialect: claude-skill
            2:7-2:12 warning[invalid-name] The skill name `навык` has letters outside `a-z`: Claude Code loads it, as a display name, but VS Code silently skips the skill.
              text: "навык"
            == skills/НАВЫК/SKILL.md
            dialect: claude-skill
            2:7-2:12 warning[invalid-name] The skill name `НАВЫК` has upper-case letters: Claude Code loads it, as a display name, but the Agent Skills spec rejects it, and VS Code silently skips the skill.
              text: "НАВЫК"
            == skills/café/SKILL.md
            dialect: claude-skill
            2:7-2:12 warning[invalid-name] The skill name `café` has letters outside `a-z`: Claude Code loads it, as a display name, but VS Code silently skips the skill.
              text: "cafe\u{301}"
              fix (manual): Use `cafe` -> fixed
            == skills/x/SKILL.md
            dialect: claude-skill
            2:7-2:20 warning[invalid-name] The skill name `claude-helper` uses the reserved word `claude`: Claude Code loads it, but claude.ai and the Skills API refuse the upload.
              text: "claude-helper"
            2:7-2:20 warning[name-mismatch] The name `claude-helper` differs from its folder `x`: Claude Code names the skill's command after the folder (`/x`), and the Agent Skills spec and VS Code require the two to match. Rename one of them.
              text: "claude-helper"
              fix (manual): Change the name to `x` -> fixed
        "#]],
    );
}

#[test]
fn name_mismatch_says_what_claude_code_does_in_and_out_of_plugins() {
    check_all(
        &[
            (
                ".claude/skills/review/SKILL.md",
                "---\nname: fancy\ndescription: d\n---\nBody.\n",
            ),
            (
                "plugins/tools/skills/review/SKILL.md",
                "---\nname: fancy\ndescription: d\n---\nBody.\n",
            ),
        ],
        expect![[r#"
            == .claude/skills/review/SKILL.md
            dialect: claude-skill
            2:7-2:12 warning[name-mismatch] The name `fancy` differs from its folder `review`: Claude Code names the skill's command after the folder (`/review`), and the Agent Skills spec and VS Code require the two to match. Rename one of them.
              text: "fancy"
              fix (manual): Change the name to `review` -> fixed
            == plugins/tools/skills/review/SKILL.md
            dialect: claude-skill
            2:7-2:12 warning[name-mismatch] The name `fancy` differs from its folder `review`: in a plugin, Claude Code makes `name` the last segment of the command (`/<plugin>:fancy`), and the Agent Skills spec and VS Code require the two to match. Rename one of them.
              text: "fancy"
              fix (manual): Change the name to `review` -> fixed
        "#]],
    );
}

#[test]
fn default_disputed_and_ignored_values() {
    check_all(
        &[
            (
                ".claude/skills/s/SKILL.md",
                "---\nname: s\ndescription: d\ncontext: inline\n---\nBody.\n",
            ),
            (
                ".claude/skills/t/SKILL.md",
                "---\nname: t\ndescription: d\ncontext: auto\n---\nBody.\n",
            ),
            (
                ".claude/commands/c.md",
                "---\ndescription: d\ncontext: forked\n---\nBody.\n",
            ),
            (
                ".claude/agents/a.md",
                "---\nname: a\ndescription: d\npermissionMode: delegate\n---\nBody.\n",
            ),
        ],
        expect![[r#"
            == .claude/skills/s/SKILL.md
            dialect: claude-skill
            4:10-4:16 hint[invalid-value] `context: inline` is the default: Claude Code runs skills and commands inline unless `context` is `fork`. Remove the line.
              text: "inline"
            == .claude/skills/t/SKILL.md
            dialect: claude-skill
            4:10-4:14 warning[invalid-value] `auto` is not a valid `context`. Claude Code ignores it and runs the skill inline; only `fork` changes anything. Allowed: `fork`, `inline`.
              text: "auto"
            == .claude/commands/c.md
            dialect: claude-command
            3:10-3:16 warning[invalid-value] `forked` is not a valid `context`: did you mean `fork`? Claude Code ignores it and runs the command inline; only `fork` changes anything. Allowed: `fork`, `inline`.
              text: "forked"
              fix (manual): Change to `fork` -> fixed
            == .claude/agents/a.md
            dialect: claude-agent
            4:17-4:25 warning[invalid-value] `permissionMode: delegate`: VS Code accepts it for Claude agents, but Claude Code's subagent docs do not list it, so Claude Code may ignore it and run the agent in the default mode.
              text: "delegate"
        "#]],
    );
}

#[test]
fn a_skills_agent_must_be_able_to_name_a_subagent() {
    let skill = |agent: &str| {
        format!("---\nname: s\ndescription: d\ncontext: fork\nagent: {agent}\n---\nBody.\n")
    };
    let (ok1, ok2, ok3, bad1, bad2, bad3) = (
        skill("Explore"),
        skill("my-agent-v2"),
        skill("my-plugin:reviewer"),
        skill("CustomAgent"),
        skill("Invalid_Agent"),
        skill("Invalid Agent!!"),
    );
    check_all(
        &[
            (".claude/skills/s/SKILL.md", &ok1),
            (".claude/skills/s/SKILL.md", &ok2),
            (".claude/skills/s/SKILL.md", &ok3),
            (".claude/skills/s/SKILL.md", &bad1),
            (".claude/skills/s/SKILL.md", &bad2),
            (".claude/skills/s/SKILL.md", &bad3),
        ],
        expect![[r#"
            == .claude/skills/s/SKILL.md
            dialect: claude-skill
            == .claude/skills/s/SKILL.md
            dialect: claude-skill
            == .claude/skills/s/SKILL.md
            dialect: claude-skill
            == .claude/skills/s/SKILL.md
            dialect: claude-skill
            5:8-5:19 warning[invalid-value] `agent: CustomAgent` can name nothing: the known values are `Explore`, `Plan`, `general-purpose`, and any other must be a subagent's name (lowercase letters, digits and hyphens; `plugin:agent` for a plugin's).
              text: "CustomAgent"
            == .claude/skills/s/SKILL.md
            dialect: claude-skill
            5:8-5:21 warning[invalid-value] `agent: Invalid_Agent` can name nothing: the known values are `Explore`, `Plan`, `general-purpose`, and any other must be a subagent's name (lowercase letters, digits and hyphens; `plugin:agent` for a plugin's).
              text: "Invalid_Agent"
            == .claude/skills/s/SKILL.md
            dialect: claude-skill
            5:8-5:23 warning[invalid-value] `agent: Invalid Agent!!` can name nothing: the known values are `Explore`, `Plan`, `general-purpose`, and any other must be a subagent's name (lowercase letters, digits and hyphens; `plugin:agent` for a plugin's).
              text: "Invalid Agent!!"
        "#]],
    );
}

#[test]
fn what_uploads_refuse_in_a_skill() {
    let long = "x".repeat(501);
    let compat = format!("---\nname: s\ndescription: d\ncompatibility: {long}\n---\nBody.\n");
    check_all(
        &[
            (
                "skills/s/SKILL.md",
                "---\nname: s\ndescription: Use for a <pull-request> review\n---\nBody.\n",
            ),
            (
                "skills/s/SKILL.md",
                "---\nname: s\ndescription: Use when a < b or 3<4, and </example> ends it\n---\nBody.\n",
            ),
            (
                "skills/s/SKILL.md",
                "---\nname: s\ndescription: Use when a < b or x <-> y\n---\nBody.\n",
            ),
            ("skills/s/SKILL.md", &compat),
        ],
        expect![[r#"
            == skills/s/SKILL.md
            dialect: claude-skill
            3:14-3:45 warning[invalid-value] `description` holds the XML tag `<pull-request>`: Claude Code takes it, but claude.ai and the Skills API refuse it.
              text: "Use for a <pull-request> review"
            == skills/s/SKILL.md
            dialect: claude-skill
            3:14-3:59 warning[invalid-value] `description` holds the XML tag `</example>`: Claude Code takes it, but claude.ai and the Skills API refuse it.
              text: "Use when a < b or 3<4, and </example> ends it"
            == skills/s/SKILL.md
            dialect: claude-skill
            == skills/s/SKILL.md
            dialect: claude-skill
            4:16-4:517 warning[invalid-value] `compatibility` is 501 characters long, over the 500 allowed: Claude Code takes it, but the Agent Skills spec and skills-ref refuse it.
              text: "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
        "#]],
    );
}

#[test]
fn plugin_agents_ignore_three_keys() {
    let text = "---\nname: x\ndescription: d\npermissionMode: plan\nmcpServers: [github]\nhooks: {}\n---\nBody.\n";
    check_all(
        &[
            ("plugins/p/agents/x.md", text),
            // Outside a plugin the keys work.
            (".claude/agents/x.md", text),
        ],
        expect![[r#"
            == plugins/p/agents/x.md
            dialect: claude-agent
            4:1-4:15 warning[ineffective-key] Claude Code ignores `permissionMode` in a plugin's files: plugins cannot set it, so this runs without it. Remove it, or set it in a project or user copy.
              text: "permissionMode"
            5:1-5:11 warning[ineffective-key] Claude Code ignores `mcpServers` in a plugin's files: plugins cannot set it, so this runs without it. Remove it, or set it in a project or user copy.
              text: "mcpServers"
            6:1-6:6 warning[ineffective-key] Claude Code ignores `hooks` in a plugin's files: plugins cannot set it, so this runs without it. Remove it, or set it in a project or user copy.
              text: "hooks"
            == .claude/agents/x.md
            dialect: claude-agent
        "#]],
    );
}

#[test]
fn retired_short_ids_and_replacements_that_keep_the_provider() {
    check_all(
        &[
            (
                ".claude/agents/a.md",
                "---\nname: a\ndescription: d\nmodel: claude-sonnet-4\n---\nBody.\n",
            ),
            (
                ".claude/agents/b.md",
                "---\nname: b\ndescription: d\nmodel: claude-opus-4\n---\nBody.\n",
            ),
            (
                ".claude/agents/c.md",
                "---\nname: c\ndescription: d\nmodel: claude-sonnet-4-5\n---\nBody.\n",
            ),
            (
                ".claude/agents/d.md",
                "---\nname: d\ndescription: d\nmodel: claude-haiku-5-5\n---\nBody.\n",
            ),
            (
                ".opencode/agent/e.md",
                "---\ndescription: d\nmodel: anthropic/claude-sonnet-4-5-20250929\n---\nBody.\n",
            ),
            (
                ".opencode/agent/f.md",
                "---\ndescription: d\nmodel: openrouter/anthropic/claude-3-5-haiku-latest\n---\nBody.\n",
            ),
        ],
        expect![[r#"
            == .claude/agents/a.md
            dialect: claude-agent
            4:8-4:23 warning[retired-model] `claude-sonnet-4` is retired and no longer served: requests with it fail. Use `claude-sonnet-5-5`.
              text: "claude-sonnet-4"
              fix (manual): Change to `claude-sonnet-5-5` -> fixed
            == .claude/agents/b.md
            dialect: claude-agent
            4:8-4:21 warning[retired-model] `claude-opus-4` is retired and no longer served: requests with it fail. Use `claude-opus-5-5`.
              text: "claude-opus-4"
              fix (manual): Change to `claude-opus-5-5` -> fixed
            == .claude/agents/c.md
            dialect: claude-agent
            4:8-4:25 warning[retired-model] `claude-sonnet-4-5` is retired and no longer served: requests with it fail. Use `claude-sonnet-5-5`.
              text: "claude-sonnet-4-5"
              fix (manual): Change to `claude-sonnet-5-5` -> fixed
            == .claude/agents/d.md
            dialect: claude-agent
            == .opencode/agent/e.md
            dialect: opencode-agent
            3:8-3:44 warning[retired-model] `anthropic/claude-sonnet-4-5-20250929` is retired and no longer served: requests with it fail. Use `anthropic/claude-sonnet-5-5`.
              text: "anthropic/claude-sonnet-4-5-20250929"
              fix (manual): Change to `anthropic/claude-sonnet-5-5` -> fixed
            == .opencode/agent/f.md
            dialect: opencode-agent
            3:8-3:52 warning[retired-model] `openrouter/anthropic/claude-3-5-haiku-latest` is retired and no longer served: requests with it fail. Use `openrouter/anthropic/claude-haiku-5-5`.
              text: "openrouter/anthropic/claude-3-5-haiku-latest"
              fix (manual): Change to `openrouter/anthropic/claude-haiku-5-5` -> fixed
        "#]],
    );
}

#[test]
fn opencode_says_what_it_does_with_invalid_yaml() {
    check_all(
        &[
            (
                ".opencode/agent/a.md",
                "---\ndescription: \"never closed\nmode: subagent\n---\nBody.\n",
            ),
            (
                ".opencode/command/c.md",
                "---\ndescription: [a\n---\nBody.\n",
            ),
            // The colon fallback repairs this one: a warning.
            (
                ".opencode/agent/b.md",
                "---\ndescription: Reviews: code\n---\nBody.\n",
            ),
        ],
        expect![[r#"
            == .opencode/agent/a.md
            dialect: opencode-agent
            2:14-2:15 error[yaml-syntax] This quoted value is never closed. Add the closing quote. OpenCode skips this agent, even after its fallback that quotes values with colons (without a word in the versions of anomalyco/opencode#45876; newer ones show the parse error); older versions loaded it with every front-matter key dropped (anomalyco/opencode#24181).
              text: "\""
            == .opencode/command/c.md
            dialect: opencode-command
            2:14-2:15 error[yaml-syntax] This `[...]` or `{...}` is not closed, or its items are not separated by commas. Close it, or quote the value if it is text. OpenCode skips this command, even after its fallback that quotes values with colons, and only logs "failed to load command".
              text: "["
            == .opencode/agent/b.md
            dialect: opencode-agent
            2:21-2:22 warning[yaml-syntax] `: ` inside an unquoted value starts a new key here, so this is not valid YAML. Quote the value, or use a block scalar (`>-`). OpenCode tolerates it, but strict YAML parsers (GitHub's file view, converters) reject the whole file.
              text: ":"
              fix: Quote the value of `description` -> fixed
              fix (manual): Make `description` a folded block scalar (`>-`) -> fixed
        "#]],
    );
}

#[test]
fn vs_code_files_without_or_with_unclosed_front_matter() {
    check_all(
        &[
            (
                ".github/agents/reviewer.md",
                "# Reviewer\n\nReviews code.\n",
            ),
            (
                ".github/agents/open.agent.md",
                "---\nname: open\ndescription: d\n\n# Body\n",
            ),
            (".github/instructions/plain.instructions.md", "Use tabs.\n"),
            // Claude Code skips an unclosed agent: still an error there.
            (
                ".claude/agents/open.md",
                "---\nname: open\ndescription: d\n\n# Body\n",
            ),
        ],
        expect![[r##"
            == .github/agents/reviewer.md
            dialect: copilot-agent
            1:1-1:11 warning[missing-front-matter] No front matter: VS Code lists this agent, named after the file, but Copilot CLI refuses it ("missing or malformed YAML frontmatter") and GitHub Copilot needs a `description`. Add a `---` block with `description`.
              text: "# Reviewer"
              fix (manual): Insert front matter from the file name and first paragraph -> fixed
            == .github/agents/open.agent.md
            dialect: copilot-agent
            1:1-1:4 warning[unclosed-front-matter] The front matter opened here is never closed: VS Code reads the whole file as front matter: the keys that parse are used, and the agent gets no instructions. Add a `---` line after the last key.
              text: "---"
              fix (manual): Close the front matter after the last key -> fixed
            == .github/instructions/plain.instructions.md
            dialect: copilot-instructions
            1:1-1:10 warning[missing-front-matter] No front matter: VS Code never applies these instructions on its own; they can only be added to a chat by hand (Copilot CLI, which reads `.github/instructions` too, applies them to every conversation). Add a `---` block with `applyTo` (the globs of the files they are for).
              text: "Use tabs."
            == .claude/agents/open.md
            dialect: claude-agent
            1:1-1:4 error[unclosed-front-matter] The front matter opened here is never closed. Add a `---` line after the last key; until then Claude Code reads none of these keys.
              text: "---"
              fix (manual): Close the front matter after the last key -> fixed
        "##]],
    );
}

/// OpenCode loads every `.md` under `agent/`: without front matter, or without `description`,
/// the agent is still there (docs and loader disagree on `description`; the milder wins).
#[test]
fn opencode_agent_without_front_matter_or_description_still_loads() {
    check_all(
        &[
            (".opencode/agent/plain.md", "# Plain\n\nReviews code.\n"),
            (
                ".opencode/agent/nodesc.md",
                "---\nmode: subagent\n---\nReview code.\n",
            ),
            (
                ".opencode/agent/empty.md",
                "---\ndescription: ''\n---\nReview code.\n",
            ),
        ],
        expect![[r##"
            == .opencode/agent/plain.md
            dialect: opencode-agent
            1:1-1:8 warning[missing-front-matter] No front matter: OpenCode loads it as an agent named after its file, with OpenCode's defaults (`mode: all`, no description). Add a `---` block with `description`.
              text: "# Plain"
              fix (manual): Insert front matter from the file name and first paragraph -> fixed
            == .opencode/agent/nodesc.md
            dialect: opencode-agent
            1:1-1:4 warning[missing-required-key] `description` is required in an OpenCode agent: OpenCode's docs call it required; OpenCode still loads the agent, but the agents that delegate to it have no description to choose it by. Add `description:`.
              text: "---"
            == .opencode/agent/empty.md
            dialect: opencode-agent
            2:14-2:16 warning[missing-required-key] `description` is empty, and an empty value counts as missing in an OpenCode agent: OpenCode's docs call it required; OpenCode still loads the agent, but the agents that delegate to it have no description to choose it by. Give it a value.
              text: "''"
        "##]],
    );
}

#[test]
fn instructions_without_apply_to() {
    check_all(
        &[
            (
                ".github/instructions/a.instructions.md",
                "---\n---\nUse tabs.\n",
            ),
            (
                ".github/instructions/b.instructions.md",
                "---\ndescription: TypeScript style\n---\nUse tabs.\n",
            ),
            (
                ".github/instructions/c.instructions.md",
                "---\napplyTo: \"**/*.ts\"\n---\nUse tabs.\n",
            ),
        ],
        expect![[r#"
            == .github/instructions/a.instructions.md
            dialect: copilot-instructions
            1:1-1:4 warning[missing-required-key] `applyTo` is required in a VS Code / GitHub Copilot instructions file: without it VS Code never applies the instructions on its own; they can only be added to a chat by hand. Add `applyTo:`.
              text: "---"
            == .github/instructions/b.instructions.md
            dialect: copilot-instructions
            1:1-1:4 information[missing-required-key] `applyTo` is required in a VS Code / GitHub Copilot instructions file: without it VS Code never applies the instructions on its own; they can only be added to a chat by hand. With `description`, VS Code may still pick them up when the description matches the task. Add `applyTo:`.
              text: "---"
            == .github/instructions/c.instructions.md
            dialect: copilot-instructions
        "#]],
    );
}

#[test]
fn apply_to_starting_with_an_indicator_names_that_character() {
    check_all(
        &[
            (
                ".github/instructions/a.instructions.md",
                "---\napplyTo: *.ts,*.js\n---\nUse tabs.\n",
            ),
            (
                ".github/instructions/b.instructions.md",
                "---\napplyTo: **/*.ts\n---\nUse tabs.\n",
            ),
            (
                ".github/prompts/p.prompt.md",
                "---\nagent: &.x\n---\nDo it.\n",
            ),
        ],
        expect![[r#"
            == .github/instructions/a.instructions.md
            dialect: copilot-instructions
            2:10-2:19 warning[yaml-syntax] `*` at the start of a value begins a YAML alias in strict YAML, which then does not read the value as text. Quote the value. VS Code and current Copilot CLI read it as text, but strict YAML parsers (GitHub's file view, Copilot CLI before 1.0.48, converters) reject the whole file.
              text: "*.ts,*.js"
              fix: Quote the value of `applyTo` -> fixed
              fix (manual): Make `applyTo` a folded block scalar (`>-`) -> fixed
            == .github/instructions/b.instructions.md
            dialect: copilot-instructions
            2:10-2:17 warning[yaml-syntax] `*` at the start of a value begins a YAML alias in strict YAML, which then does not read the value as text. Quote the value. VS Code and current Copilot CLI read it as text, but strict YAML parsers (GitHub's file view, Copilot CLI before 1.0.48, converters) reject the whole file.
              text: "**/*.ts"
              fix: Quote the value of `applyTo` -> fixed
              fix (manual): Make `applyTo` a folded block scalar (`>-`) -> fixed
            == .github/prompts/p.prompt.md
            dialect: copilot-prompt
            2:8-2:11 warning[yaml-syntax] `&` at the start of a value begins a YAML anchor in strict YAML, which then does not read the value as text. Quote the value. VS Code and current Copilot CLI read it as text, but strict YAML parsers (GitHub's file view, Copilot CLI before 1.0.48, converters) reject the whole file.
              text: "&.x"
              fix: Quote the value of `agent` -> fixed
              fix (manual): Make `agent` a folded block scalar (`>-`) -> fixed
        "#]],
    );
}

#[test]
fn keys_a_target_does_not_read() {
    check_all(
        &[
            (
                ".github/agents/a.agent.md",
                "---\ndescription: d\ntarget: github-copilot\nmodel: GPT-4.1\nargument-hint: a file\nhandoffs: []\nmcp-servers: {}\n---\nBody.\n",
            ),
            (
                ".github/agents/b.agent.md",
                "---\ndescription: d\nmcp-servers: {}\n---\nBody.\n",
            ),
            (
                ".github/agents/c.agent.md",
                "---\ndescription: d\ntarget: vscode\nmcp-servers: {}\nhandoffs: []\n---\nBody.\n",
            ),
            (
                ".github/agents/d.agent.md",
                "---\ndescription: d\nmaturity: beta\n---\nBody.\n",
            ),
        ],
        expect![[r#"
            == .github/agents/a.agent.md
            dialect: copilot-agent
            4:1-4:6 hint[unknown-key] `model`: VS Code reports it as not supported with `target: github-copilot`, but GitHub's custom-agent reference lists `model` as supported: it may be ignored.
              text: "model"
            5:1-5:14 hint[unknown-key] `argument-hint`: GitHub Copilot ignores it with `target: github-copilot` (VS Code: "not supported in custom GitHub Copilot agent files"), and VS Code does not use this agent.
              text: "argument-hint"
            6:1-6:9 hint[unknown-key] `handoffs`: GitHub Copilot ignores it with `target: github-copilot` (VS Code: "not supported in custom GitHub Copilot agent files"), and VS Code does not use this agent.
              text: "handoffs"
            == .github/agents/b.agent.md
            dialect: copilot-agent
            3:1-3:12 information[unknown-key] `mcp-servers`: VS Code ignores it in the editor (it reads MCP servers from its own settings); only GitHub Copilot's cloud agent uses `mcp-servers`.
              text: "mcp-servers"
            == .github/agents/c.agent.md
            dialect: copilot-agent
            4:1-4:12 information[unknown-key] `mcp-servers`: VS Code ignores it in the editor (it reads MCP servers from its own settings); only GitHub Copilot's cloud agent uses `mcp-servers`.
              text: "mcp-servers"
            == .github/agents/d.agent.md
            dialect: copilot-agent
            3:1-3:9 information[unknown-key] `maturity` is not a VS Code / GitHub Copilot custom agent key; VS Code (GitHub Copilot Chat), GitHub Copilot ignores it. Copilot CLI loads the agent and warns that it ignores the key (versions 0.0.399 to 0.0.401 refused the agent).
              text: "maturity"
        "#]],
    );
}

#[test]
fn agency_colours_per_reader() {
    let persona = |color: &str| {
        format!("---\nname: X\ndescription: d\ncolor: {color}\nemoji: x\nvibe: v\n---\nBody.\n")
    };
    let colours = ["rainbow", "burgundy", "navy", "teal", "red", "\"#ff0000\""].map(persona);
    let files: Vec<(&str, &str)> = colours
        .iter()
        .map(|t| ("engineering/x.md", t.as_str()))
        .collect();
    check_all(
        &files,
        expect![[r#"
        == engineering/x.md
        dialect: agency
        4:8-4:15 warning[invalid-value] No reader of this file shows the color `rainbow`: Claude Code shows only `red`, `blue`, `green`, `yellow`, `purple`, `orange`, `pink`, `cyan` and ignores other names; OpenCode (after agency-agents' convert.sh) shows only `cyan`, `blue`, `green`, `red`, `purple`, `orange`, `teal`, `indigo`, `pink`, `gold`, `amber`, `neon-green`, … and turns any other name into gray (`#6B7280`).
          text: "rainbow"
        == engineering/x.md
        dialect: agency
        4:8-4:16 warning[invalid-value] No reader of this file shows the color `burgundy`: Claude Code shows only `red`, `blue`, `green`, `yellow`, `purple`, `orange`, `pink`, `cyan` and ignores other names; OpenCode (after agency-agents' convert.sh) shows only `cyan`, `blue`, `green`, `red`, `purple`, `orange`, `teal`, `indigo`, `pink`, `gold`, `amber`, `neon-green`, … and turns any other name into gray (`#6B7280`).
          text: "burgundy"
        == engineering/x.md
        dialect: agency
        4:8-4:12 warning[invalid-value] No reader of this file shows the color `navy`: Claude Code shows only `red`, `blue`, `green`, `yellow`, `purple`, `orange`, `pink`, `cyan` and ignores other names; OpenCode (after agency-agents' convert.sh) shows only `cyan`, `blue`, `green`, `red`, `purple`, `orange`, `teal`, `indigo`, `pink`, `gold`, `amber`, `neon-green`, … and turns any other name into gray (`#6B7280`).
          text: "navy"
        == engineering/x.md
        dialect: agency
        4:8-4:12 information[invalid-value] `teal` is shown by OpenCode (after agency-agents' convert.sh), but Claude Code shows only `red`, `blue`, `green`, `yellow`, `purple`, `orange`, `pink`, `cyan` and ignores other names.
          text: "teal"
        == engineering/x.md
        dialect: agency
        == engineering/x.md
        dialect: agency
    "#]],
    );
}

#[test]
fn tool_renames_name_a_tool_that_works() {
    check_all(
        &[(
            ".claude/agents/a.md",
            "---\nname: a\ndescription: d\ntools: BashOutput, AgentOutputTool, TaskOutput, MultiEdit, Task\n---\nBody.\n",
        )],
        expect![[r#"
            == .claude/agents/a.md
            dialect: claude-agent
            4:8-4:18 warning[unknown-tool] `BashOutput` is a legacy name; use `Read`.
              text: "BashOutput"
              fix (manual): Change to `Read` -> fixed
            4:20-4:35 warning[unknown-tool] `AgentOutputTool` is a legacy name; use `Read`.
              text: "AgentOutputTool"
              fix (manual): Change to `Read` -> fixed
            4:37-4:47 warning[unknown-tool] `TaskOutput` is deprecated; use `Read`.
              text: "TaskOutput"
              fix (manual): Change to `Read` -> fixed
            4:49-4:58 warning[unknown-tool] `MultiEdit` is a legacy name; use `Edit`.
              text: "MultiEdit"
              fix (manual): Change to `Edit` -> fixed
            4:60-4:64 hint[unknown-tool] `Task` is a legacy name for `Agent`: Claude Code still takes it as `Agent`, and VS Code maps only `Task` for Claude agents, so either works.
              text: "Task"
              fix (manual): Change to `Agent` -> fixed
        "#]],
    );
}

/// VS Code's own header parser reads a `: ` in a value and every item of a flow list that is
/// never closed: a warning naming the strict readers. In a subfolder of `.github/agents`, which
/// only Copilot CLI reads, the same list is an error.
#[test]
fn vs_code_reads_past_a_colon_and_an_unclosed_list() {
    let unclosed = "---\ndescription: d\ntools: [\n  'changes',\n  'runCommands'\n---\nBody\n";
    check_all(
        &[
            (".github/prompts/release.prompt.md", unclosed),
            (
                ".github/prompts/note.prompt.md",
                "---\ndescription: Use when: x\n---\nBody\n",
            ),
            (".github/agents/team/release.md", unclosed),
        ],
        expect![[r#"
            == .github/prompts/release.prompt.md
            dialect: copilot-prompt
            3:8-3:9 warning[yaml-syntax] This `[...]` or `{...}` is not closed, or its items are not separated by commas. Close it, or quote the value if it is text. VS Code's own parser reads it as written and marks it; strict YAML parsers (GitHub's file view, converters) reject the front matter.
              text: "["
            == .github/prompts/note.prompt.md
            dialect: copilot-prompt
            2:22-2:23 warning[yaml-syntax] `: ` inside an unquoted value starts a new key here, so this is not valid YAML. Quote the value, or use a block scalar (`>-`). VS Code's own parser reads it as written and marks it; strict YAML parsers (GitHub's file view, converters) reject the front matter.
              text: ":"
              fix: Quote the value of `description` -> fixed
              fix (manual): Make `description` a folded block scalar (`>-`) -> fixed
            == .github/agents/team/release.md
            dialect: copilot-agent
            3:8-3:9 error[yaml-syntax] This `[...]` or `{...}` is not closed, or its items are not separated by commas. Close it, or quote the value if it is text. Copilot CLI refuses this agent ("custom agent markdown frontmatter is malformed"); VS Code does not read files in subfolders of `.github/agents`.
              text: "["
        "#]],
    );
}

/// No source shows what Cursor does with a subagent whose front matter is not valid YAML:
/// a warning that says so, for a `: ` in a value and for a value continued on unindented lines.
#[test]
fn cursor_subagent_yaml_errors_are_warnings_that_say_what_is_unknown() {
    check_all(
        &[
            (
                ".cursor/agents/a.md",
                "---\nname: a\ndescription: Use when: x\n---\nBody\n",
            ),
            (
                ".cursor/agents/b.md",
                "---\nname: b\ndescription: Reviews.\n<example>\nuser: \"x\"\n</example>\n---\nBody\n",
            ),
        ],
        expect![[r#"
            == .cursor/agents/a.md
            dialect: cursor-agent
            3:22-3:23 warning[yaml-syntax] `: ` inside an unquoted value starts a new key here, so this is not valid YAML. Quote the value, or use a block scalar (`>-`). What Cursor does with front matter that is not valid YAML is not known; strict YAML parsers (GitHub's file view, converters) reject the whole file.
              text: ":"
              fix: Quote the value of `description` -> fixed
              fix (manual): Make `description` a folded block scalar (`>-`) -> fixed
            == .cursor/agents/b.md
            dialect: cursor-agent
            3:1-6:11 warning[yaml-syntax] The value of `description` goes on at lines 4–6, which are not indented under it: YAML does not read them as part of the value, so the front matter does not parse. What Cursor does with front matter that is not valid YAML is not known; strict YAML parsers (GitHub's file view, converters) reject the whole file. Make `description` a block scalar (`description: |-`) and indent those lines.
              text: "description: Reviews.\n<example>\nuser: \"x\"\n</example>"
              fix: Make `description` a block scalar holding the lines below it -> fixed
        "#]],
    );
}
