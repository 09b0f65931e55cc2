//! Hover: the range it is about and its whole Markdown, for keys, values, tools, models and
//! diagnostics, in every dialect.

use crate::fixture::Fixture;
use expect_test::{Expect, expect};
use persona_ls::analysis::{Parsed, analyze, hover};

/// Hovers at `$0` as the editor does (the document's own diagnostics included) and renders
/// the range and the Markdown, or `no hover`.
fn check(fixture: &str, expect: Expect) {
    let f = Fixture::parse(fixture);
    let parsed = Parsed::new(&f.text);
    let analysis = analyze(&f.text, f.location(), &f.registry);
    let workspace = |key: &str| f.used_values(key);
    let req = hover::Request {
        text: &f.text,
        parsed: &parsed,
        registry: &f.registry,
        detected: analysis.dialect,
        offset: f.cursor(),
        diagnostics: &analysis.diagnostics,
        workspace: &workspace,
    };
    let actual = match hover::hover(&req) {
        Some(h) => format!("{}\n\n{}\n", f.range(&h.range), h.markdown),
        None => "no hover\n".to_string(),
    };
    expect.assert_eq(&actual);
}

/// A key: its doc, type, known values, default, dialect and source, and how the file was recognised.
#[test]
fn key_of_a_claude_agent() {
    check(
        r#"
//- /.claude/agents/a.md
---
name: a
description: d
mo$0del: opus
---
Body
"#,
        expect![[r#"
            4:1-4:6 "model"

            **`model`** · model

            Model for this subagent: `sonnet`, `opus`, `haiku`, `fable`, a full model id such as `claude-opus-5` (same values as `--model`), or `inherit` (default). Full ids are honored since Claude Code v2.1.74.

            Known values: `sonnet`, `opus`, `haiku`, `fable`, `inherit`, `best`, `opusplan`, `sonnet[1m]`, `opus[1m]`, `claude-fable-5-1`, `claude-opus-5-5`, `claude-sonnet-5-5` and 15 more.

            Default: `inherit`.

            Dialect: Claude Code subagent (Claude Code). [Source](https://code.claude.com/docs/en/sub-agents)

            This file: Claude Code subagent (recognised by its path).
        "#]],
    );
}

#[test]
fn key_of_a_claude_command() {
    check(
        r#"
//- /.claude/commands/review.md
---
description: Review the diff
allowed-to$0ols: Read, Bash(git diff:*)
---
Review it.
"#,
        expect![[r#"
            3:1-3:14 "allowed-tools"

            **`allowed-tools`** · tool list

            Tools pre-approved while the command runs, as a space- or comma-separated string or a YAML list; accepts permission-rule syntax such as `Bash(git add:*)`. Defaults to the conversation's permissions.

            Known values: `Agent`, `Artifact`, `AskUserQuestion`, `Bash`, `CronCreate`, `CronDelete`, `CronList`, `Edit`, `EndConversation`, `EnterPlanMode`, `EnterWorktree`, `ExitPlanMode` and 45 more.

            Dialect: Claude Code slash command (Claude Code). [Source](https://code.claude.com/docs/en/skills)

            This file: Claude Code slash command (recognised by its path).
        "#]],
    );
}

/// A required key says so.
#[test]
fn key_of_a_claude_skill() {
    check(
        r#"
//- /.claude/skills/pdf/SKILL.md
---
na$0me: pdf
description: Fills PDF forms
---
Use it.
"#,
        expect![[r#"
            2:1-2:5 "name"

            **`name`** · text · required

            Skill name: 1–64 characters of lowercase `a-z`, `0-9` and `-`, no leading, trailing or double hyphen, and it must match the parent folder. Required by the Agent Skills spec and VS Code; Claude Code only uses it as a display label (defaults to the folder name).

            Dialect: Agent skill (SKILL.md) (Claude Code / Agent Skills / VS Code). [Source](https://agentskills.io/specification)

            This file: Agent skill (SKILL.md) (recognised by its path).
        "#]],
    );
}

#[test]
fn key_of_a_copilot_agent() {
    check(
        r#"
//- /.github/agents/reviewer.agent.md
---
description: Reviews
to$0ols: ['search', 'fetch']
---
"#,
        expect![[r#"
            3:1-3:6 "tools"

            **`tools`** · tool list

            Tools the agent may use: built-in tools and tool sets, MCP tools (`server/tool`, `server/*`) and extension tools. Unset or `["*"]` means all, `[]` none; unknown names are ignored.

            Known values: `read`, `search`, `edit`, `execute`, `web`, `agent`, `browser`, `vscode`, `todo`, `todos`, `read/readFile`, `read/problems` and 69 more.

            Dialect: VS Code / GitHub Copilot custom agent (VS Code (GitHub Copilot Chat), GitHub Copilot). [Source](https://code.visualstudio.com/docs/agent-customization/custom-agents)

            This file: VS Code / GitHub Copilot custom agent (recognised by its path).
        "#]],
    );
}

#[test]
fn key_of_a_copilot_chat_mode() {
    check(
        r#"
//- /.github/chatmodes/plan.chatmode.md
---
description: Plans
mod$0el: GPT-5
---
"#,
        expect![[r#"
            3:1-3:6 "model"

            **`model`** · model

            Model used in this mode, e.g. `Claude Sonnet 4.5 (copilot)`. Uses the picker's model when unset.

            Dialect: VS Code chat mode (legacy) (VS Code (GitHub Copilot Chat)). [Source](https://code.visualstudio.com/docs/copilot/customization/custom-chat-modes)

            This file: VS Code chat mode (legacy) (recognised by its path).
        "#]],
    );
}

#[test]
fn key_of_copilot_instructions() {
    check(
        r#"
//- /.github/instructions/rust.instructions.md
---
apply$0To: "**/*.rs"
---
Use rustfmt.
"#,
        expect![[r#"
            2:1-2:8 "applyTo"

            **`applyTo`** · text · required

            Glob pattern(s), comma-separated, of the files these instructions apply to, relative to the workspace root. `**` applies them to every request; without it they are not applied automatically.

            Dialect: VS Code / GitHub Copilot instructions file (VS Code (GitHub Copilot Chat), GitHub Copilot). [Source](https://code.visualstudio.com/docs/agent-customization/custom-instructions)

            This file: VS Code / GitHub Copilot instructions file (recognised by its path).
        "#]],
    );
}

/// An enumerated key lists its allowed values.
#[test]
fn key_of_a_copilot_prompt() {
    check(
        r#"
//- /.github/prompts/fix.prompt.md
---
description: Fix it
ag$0ent: agent
---
"#,
        expect![[r#"
            3:1-3:6 "agent"

            **`agent`** · one of a set of values

            Agent that runs the prompt: `ask`, `agent`, `plan`, or the name of a custom agent. Defaults to the current agent (`agent` when `tools` is set).

            Known values: `ask`, `agent`, `plan`, `edit`.

            Dialect: VS Code prompt file (VS Code (GitHub Copilot Chat)). [Source](https://code.visualstudio.com/docs/agent-customization/prompt-files)

            This file: VS Code prompt file (recognised by its path).
        "#]],
    );
}

/// A boolean key lists `true` and `false`.
#[test]
fn key_of_a_cursor_rule() {
    check(
        r#"
//- /.cursor/rules/style.mdc
---
description: Style
globs: "**/*.ts"
always$0Apply: false
---
"#,
        expect![[r#"
            4:1-4:12 "alwaysApply"

            **`alwaysApply`** · boolean

            `true` includes the rule in every request. Must be a real boolean: the string `"true"` is treated as not always-applied; redundant with `globs`.

            Allowed values: `true`, `false`.

            Dialect: Cursor rule (Cursor). [Source](https://cursor.com/docs/context/rules)

            This file: Cursor rule (recognised by its path).
        "#]],
    );
}

#[test]
fn key_of_an_opencode_agent() {
    check(
        r#"
//- /.opencode/agent/review.md
---
description: Reviews
mo$0de: subagent
---
"#,
        expect![[r#"
            3:1-3:5 "mode"

            **`mode`** · one of a set of values

            How the agent can be used: `primary`, `subagent` or `all` (default). Files under `mode/`/`modes/` are forced to `primary`.

            Allowed values: `subagent`, `primary`, `all`.

            Default: `all`.

            Dialect: OpenCode agent (OpenCode). [Source](https://opencode.ai/docs/agents)

            This file: OpenCode agent (recognised by its path).
        "#]],
    );
}

#[test]
fn key_of_an_opencode_command() {
    check(
        r#"
//- /.opencode/command/test.md
---
description: Runs the tests
age$0nt: build
---
"#,
        expect![[r#"
            3:1-3:6 "agent"

            **`agent`** · one of a set of values

            Agent that runs the command: `build` (the default), `plan`, or the name of a custom agent (`.opencode/agents/<name>.md`).

            Known values: `build`, `plan`, `general`, `explore`, `scout`.

            Dialect: OpenCode command (OpenCode). [Source](https://opencode.ai/docs/commands/)

            This file: OpenCode command (recognised by its path).
        "#]],
    );
}

/// A free-text key with a built-in doc.
#[test]
fn key_of_an_agency_persona() {
    check(
        r#"
//- /engineering/x.md
---
name: X
description: d
color: blue
ti$0er: lead
---
Body
"#,
        expect![[r#"
            5:1-5:5 "tier"

            **`tier`** · text

            Project-private tier of the persona, such as `worker/junior`, `worker/senior` or `lead`. Not read by Claude Code; allowed values come from your configuration and workspace.

            Dialect: agency-agents persona (agency-agents (Claude Code, GitHub Copilot)). [Source](https://github.com/msitarzewski/agency-agents)

            This file: agency-agents persona (recognised by its path).
        "#]],
    );
}

/// The configuration's doc and values replace the built-in ones.
#[test]
fn key_with_configured_doc_and_values() {
    check(
        r#"
//- /.persona-ls.toml
[dialects.agency.keys.tier]
doc = "Which tier of the team runs this persona."
values = [{ value = "lead", doc = "Leads the team." }, "worker/junior"]
//- /engineering/x.md
---
name: X
description: d
color: blue
ti$0er: lead
---
Body
"#,
        expect![[r#"
            5:1-5:5 "tier"

            **`tier`** · text

            Which tier of the team runs this persona.

            Known values: `lead`, `worker/junior`.

            Dialect: agency-agents persona (agency-agents (Claude Code, GitHub Copilot)). [Source](https://github.com/msitarzewski/agency-agents)

            This file: agency-agents persona (recognised by its path).
        "#]],
    );
}

/// Outside the persona folders, the file is recognised by its keys.
#[test]
fn key_recognised_by_its_keys() {
    check(
        r#"
//- /docs/persona.md
---
name: x
description: d
permission$0Mode: plan
---
"#,
        expect![[r#"
            4:1-4:15 "permissionMode"

            **`permissionMode`** · one of a set of values

            Permission mode the subagent runs in. Ignored for plugin agents and when the parent runs in auto mode; `bypassPermissions` skips all prompts.

            Allowed values: `default`, `acceptEdits`, `auto`, `dontAsk`, `bypassPermissions`, `plan`, `manual`, `delegate`.

            Dialect: Claude Code subagent (Claude Code). [Source](https://code.claude.com/docs/en/sub-agents)

            This file: Claude Code subagent (recognised by its keys).
        "#]],
    );
}

/// A key the dialect does not have: what the tool does with it, and the rule that flags it.
#[test]
fn unknown_key() {
    check(
        r#"
//- /.claude/agents/a.md
---
name: a
description: d
fav$0orite: blue
---
"#,
        expect![[r#"
            4:1-4:9 "favorite"

            **`favorite`** is not a key of Claude Code subagent (recognised by its path); Claude Code ignores it.

            ---

            **persona-ls `unknown-key`**: The dialect does not define this key, so the tool ignores it. Often a typo or another dialect's key.
        "#]],
    );
}

/// A key of another dialect says which one, with that key's doc.
#[test]
fn key_of_another_dialect() {
    check(
        r#"
//- /.claude/agents/a.md
---
name: a
description: d
apply$0To: "**/*.rs"
---
"#,
        expect![[r#"
            4:1-4:8 "applyTo"

            **`applyTo`** is not a key of Claude Code subagent (recognised by its path); Claude Code ignores it.

            It is a key of VS Code / GitHub Copilot instructions file:

            Glob pattern(s), comma-separated, of the files these instructions apply to, relative to the workspace root. `**` applies them to every request; without it they are not applied automatically.

            ---

            **persona-ls `unknown-key`**: The dialect does not define this key, so the tool ignores it. Often a typo or another dialect's key.
        "#]],
    );
}

#[test]
fn deprecated_key() {
    check(
        r#"
//- /.github/agents/a.agent.md
---
description: d
in$0fer: true
---
"#,
        expect![[r#"
            3:1-3:6 "infer"

            **`infer`** · boolean

            Old visibility flag; `infer: false` equals `disable-model-invocation: true`. Retired on GitHub.

            *Deprecated*: disable-model-invocation (and user-invocable)

            Allowed values: `true`, `false`.

            Dialect: VS Code / GitHub Copilot custom agent (VS Code (GitHub Copilot Chat), GitHub Copilot). [Source](https://code.visualstudio.com/docs/agent-customization/custom-agents)

            This file: VS Code / GitHub Copilot custom agent (recognised by its path).

            ---

            **persona-ls `deprecated-key`**: The key still works but is deprecated; its replacement is named in the message.
        "#]],
    );
}

#[test]
fn enum_value() {
    check(
        r#"
//- /.claude/agents/a.md
---
name: a
description: d
permissionMode: pl$0an
---
"#,
        expect![[r#"
            4:17-4:21 "plan"

            **`plan`** · value

            Plan mode; read-only exploration, no edits.
        "#]],
    );
}

#[test]
fn color_value() {
    check(
        r#"
//- /.claude/agents/a.md
---
name: a
description: d
color: bl$0ue
---
"#,
        expect![[r#"
            4:8-4:12 "blue"

            **`blue`** · color

            Blue label in the task list and transcript.
        "#]],
    );
}

/// A boolean value has nothing more to say than its key.
#[test]
fn boolean_value() {
    check(
        r#"
//- /.claude/agents/a.md
---
name: a
description: d
background: tr$0ue
---
"#,
        expect![[r#"
            no hover
        "#]],
    );
}

#[test]
fn model_alias() {
    check(
        r#"
//- /.claude/agents/a.md
---
name: a
description: d
model: op$0us
---
"#,
        expect![[r#"
            4:8-4:12 "opus"

            **`opus`** · model

            Alias for the latest Opus: Claude Opus 5.5 on the Anthropic API, Claude Platform on AWS, Bedrock and Google Cloud from Claude Code v2.1.280 (Opus 5 before); Opus 4.6 on Foundry.
        "#]],
    );
}

#[test]
fn active_model_id() {
    check(
        r#"
//- /.claude/agents/a.md
---
name: a
description: d
model: claude-son$0net-5
---
"#,
        expect![[r#"
            4:8-4:23 "claude-sonnet-5"

            **`claude-sonnet-5`** · model

            Claude Sonnet 5 — active (legacy) model.

            *Legacy*: use `claude-sonnet-5-5`.
        "#]],
    );
}

/// A legacy id says what to use instead.
#[test]
fn legacy_model_id() {
    check(
        r#"
//- /.claude/agents/a.md
---
name: a
description: d
model: claude-son$0net-4-6
---
"#,
        expect![[r#"
            4:8-4:25 "claude-sonnet-4-6"

            **`claude-sonnet-4-6`** · model

            Claude Sonnet 4.6 — active (legacy) model.

            *Legacy*: use `claude-sonnet-5-5`.
        "#]],
    );
}

/// A retired id: its status and replacement, then the diagnostic's rule.
#[test]
fn retired_model_id() {
    check(
        r#"
//- /.claude/agents/a.md
---
name: a
description: d
model: claude-opus-4-$01
---
"#,
        expect![[r#"
            4:8-4:23 "claude-opus-4-1"

            **`claude-opus-4-1`** · model

            Claude Opus 4.1 (alias of `claude-opus-4-1-20250805`) — retired August 5, 2026.

            *Retired*: use `claude-opus-5-5`.

            ---

            **persona-ls `retired-model`**: A model id that is no longer served; requests with it fail.
        "#]],
    );
}

/// An id persona-ls does not know: only the diagnostic's rule.
#[test]
fn unknown_model_id() {
    check(
        r#"
//- /.claude/agents/a.md
---
name: a
description: d
model: claude-sonnet-$09
---
"#,
        expect![[r#"
            4:8-4:23 "claude-sonnet-9"

            **persona-ls `unknown-model`**: A model id that is not known; the request fails if the provider does not serve it.
        "#]],
    );
}

/// The range is the whole scalar, quotes included.
#[test]
fn quoted_value() {
    check(
        r#"
//- /.claude/agents/a.md
---
name: a
description: d
model: "op$0us"
---
"#,
        expect![[r#"
            4:8-4:14 "\"opus\""

            **`opus`** · model

            Alias for the latest Opus: Claude Opus 5.5 on the Anthropic API, Claude Platform on AWS, Bedrock and Google Cloud from Claude Code v2.1.280 (Opus 5 before); Opus 4.6 on Foundry.
        "#]],
    );
}

/// Free text: no hover.
#[test]
fn name_and_description_values() {
    check(
        r#"
//- /.claude/agents/a.md
---
name: a
description: Rev$0iews code
---
"#,
        expect![[r#"
            no hover
        "#]],
    );
}

/// A free value the workspace uses elsewhere.
#[test]
fn value_used_in_other_files() {
    check(
        r#"
//- /engineering/x.md
//- used tier: lead=2, worker/senior=1
---
name: X
description: d
color: blue
tier: le$0ad
---
"#,
        expect![[r#"
            5:7-5:11 "lead"

            **`lead`** · `tier` value used in 2 other files of the workspace.
        "#]],
    );
}

#[test]
fn value_used_nowhere_else() {
    check(
        r#"
//- /engineering/x.md
//- used tier: worker/senior=1
---
name: X
description: d
color: blue
tier: le$0ad
---
"#,
        expect![[r#"
            no hover
        "#]],
    );
}

#[test]
fn configured_value() {
    check(
        r#"
//- /.persona-ls.toml
[dialects.agency.keys.tier]
values = [{ value = "lead", doc = "Leads the team." }, "worker/junior"]
//- /engineering/x.md
---
name: X
description: d
color: blue
tier: le$0ad
---
"#,
        expect![[r#"
            5:7-5:11 "lead"

            **`lead`** · value

            Leads the team.
        "#]],
    );
}

/// Copilot takes a list of models (a fallback order): the item under the cursor.
#[test]
fn item_of_a_model_list() {
    check(
        r#"
//- /.github/agents/a.agent.md
//- used model: GPT-5=3
---
description: d
model: ['Claude Sonnet 4.5', 'GP$0T-5']
---
"#,
        expect![[r#"
            3:30-3:37 "'GPT-5'"

            **`GPT-5`** · `model` value used in 3 other files of the workspace.

            ---

            **persona-ls `invalid-type`**: The value has the wrong YAML type (a list where text is wanted, a quoted boolean, a bare number as a name).
        "#]],
    );
}

#[test]
fn tool_in_a_comma_list() {
    check(
        r#"
//- /.claude/agents/a.md
---
name: a
description: d
tools: Read, Gr$0ep
---
"#,
        expect![[r#"
            4:14-4:18 "Grep"

            **`Grep`** · tool of Claude Code

            Searches file contents for a pattern.
        "#]],
    );
}

/// The range is the whole entry, the docs are the tool's.
#[test]
fn tool_with_arguments() {
    check(
        r#"
//- /.claude/agents/a.md
---
name: a
description: d
tools: Read, Bash(git ad$0d:*), Grep
---
"#,
        expect![[r#"
            4:14-4:29 "Bash(git add:*)"

            **`Bash`** · tool of Claude Code

            Executes shell commands in your environment.
        "#]],
    );
}

#[test]
fn tool_with_a_comma_inside_its_parentheses() {
    check(
        r#"
//- /.claude/agents/a.md
---
name: a
description: d
tools: Read, Agent(a, $0b), Grep
---
"#,
        expect![[r#"
            4:14-4:25 "Agent(a, b)"

            **`Agent`** · tool of Claude Code

            Spawns a subagent with its own context window. In a main-thread agent, `Agent(a, b)` restricts which subagent types it may spawn.
        "#]],
    );
}

/// A comma inside quotes does not split the list.
#[test]
fn tool_after_a_quoted_name_with_a_comma() {
    check(
        r#"
//- /.claude/agents/a.md
---
name: a
description: d
tools: Read, 'x, y' ,Gr$0ep
---
"#,
        expect![[r#"
            4:22-4:26 "Grep"

            **`Grep`** · tool of Claude Code

            Searches file contents for a pattern.
        "#]],
    );
}

#[test]
fn tool_in_a_flow_list() {
    check(
        r#"
//- /.claude/agents/a.md
---
name: a
description: d
tools: [Read, Gr$0ep]
---
"#,
        expect![[r#"
            4:15-4:19 "Grep"

            **`Grep`** · tool of Claude Code

            Searches file contents for a pattern.

            ---

            **persona-ls `tools-format`**: The tools are written in a form the tool misreads (a flow list `[A, B]` in a Claude Code agent loses its first and last entries).
        "#]],
    );
}

#[test]
fn tool_in_a_block_list() {
    check(
        r#"
//- /.claude/agents/a.md
---
name: a
description: d
tools:
  - Read
  - Gr$0ep
---
"#,
        expect![[r#"
            6:5-6:9 "Grep"

            **`Grep`** · tool of Claude Code

            Searches file contents for a pattern.
        "#]],
    );
}

#[test]
fn mcp_tool() {
    check(
        r#"
//- /.claude/agents/a.md
---
name: a
description: d
tools: Read, mcp__github__create$0_issue
---
"#,
        expect![[r#"
            4:14-4:39 "mcp__github__create_issue"

            **`mcp__github__create_issue`** · MCP tool from the server `github`.
        "#]],
    );
}

/// A misspelt tool: only the rule that flags it.
#[test]
fn unknown_tool() {
    check(
        r#"
//- /.claude/agents/a.md
---
name: a
description: d
tools: Read, Wr$0it
---
"#,
        expect![[r#"
            4:14-4:18 "Writ"

            **persona-ls `unknown-tool`**: A tool name the dialect does not know; an unresolvable tool is dropped, and an agent whose tools all fail to resolve refuses to start.
        "#]],
    );
}

/// As in a comma list: hover reads a skill's list by spaces, as `check` does (issue 9, "two
/// tool-list tokenizers": hover found one token `Read Grepp Bash(gh pr:*)`).
#[test]
fn tool_in_a_skill_space_separated_list() {
    check(
        r#"
//- /.claude/skills/pr/SKILL.md
---
name: pr
description: d
allowed-tools: Re$0ad Grepp Bash(gh pr:*)
---
"#,
        expect![[r#"
            4:16-4:20 "Read"

            **`Read`** · tool of Claude Code / Agent Skills / VS Code

            Reads the contents of files.
        "#]],
    );
}

/// The whole item, parentheses and the spaces inside them included.
#[test]
fn tool_with_arguments_in_a_skill_space_separated_list() {
    check(
        r#"
//- /.claude/skills/pr/SKILL.md
---
name: pr
description: d
allowed-tools: Read Grepp Bash(gh p$0r:*)
---
"#,
        expect![[r#"
            4:27-4:40 "Bash(gh pr:*)"

            **`Bash`** · tool of Claude Code / Agent Skills / VS Code

            Executes shell commands in your environment.
        "#]],
    );
}

/// The diagnostic's explanation shows over the misspelt tool.
#[test]
fn misspelt_tool_in_a_skill_space_separated_list() {
    check(
        r#"
//- /.claude/skills/pr/SKILL.md
---
name: pr
description: d
allowed-tools: Read Gre$0pp Bash(gh pr:*)
---
"#,
        expect![[r#"
            4:21-4:26 "Grepp"

            **persona-ls `unknown-tool`**: A tool name the dialect does not know; an unresolvable tool is dropped, and an agent whose tools all fail to resolve refuses to start.
        "#]],
    );
}

#[test]
fn tool_of_a_copilot_agent() {
    check(
        r#"
//- /.github/agents/a.agent.md
---
description: d
tools: ['search', 'fet$0ch']
---
"#,
        expect![[r#"
            3:20-3:25 "fetch"

            **`fetch`** · tool of VS Code (GitHub Copilot Chat), GitHub Copilot

            Moved into the `web` tool set as `web/fetch`.

            *Legacy*: use `web/fetch`.
        "#]],
    );
}

/// A diagnostic under the cursor adds its rule's explanation.
#[test]
fn diagnostic_on_a_value() {
    check(
        r#"
//- /.claude/agents/a.md
---
name: a
description: d
color: pur$0pel
---
Body
"#,
        expect![[r#"
            4:8-4:14 "purpel"

            **persona-ls `invalid-value`**: The value is not one the dialect allows.
        "#]],
    );
}

/// Between the key and its value: nothing.
#[test]
fn cursor_on_the_colon() {
    check(
        r#"
//- /.claude/agents/a.md
---
name: a
description: d
model$0: opus
---
"#,
        expect![[r#"
            no hover
        "#]],
    );
}

#[test]
fn cursor_at_the_end_of_a_key() {
    check(
        r#"
//- /.claude/agents/a.md
---
name: a
description: d
model$0
---
"#,
        expect![[r#"
            no hover
        "#]],
    );
}

#[test]
fn cursor_in_the_body() {
    check(
        r#"
//- /.claude/agents/a.md
---
name: a
description: d
---
Use the mo$0del.
"#,
        expect![[r#"
            no hover
        "#]],
    );
}

#[test]
fn cursor_on_the_fence() {
    check(
        r#"
//- /.claude/agents/a.md
-$0--
name: a
description: d
---
"#,
        expect![[r#"
            no hover
        "#]],
    );
}

/// Front matter outside the persona folders, without persona keys.
#[test]
fn not_a_persona() {
    check(
        r#"
//- /notes/a.md
---
title: Notes
col$0or: purpel
---
"#,
        expect![[r#"
            no hover
        "#]],
    );
}

/// A key inside a mapping value.
#[test]
fn nested_key() {
    check(
        r#"
//- /.claude/agents/a.md
---
name: a
description: d
hooks:
  PreTool$0Use: []
---
"#,
        expect![[r#"
            5:3-5:13 "PreToolUse"

            **`hooks.PreToolUse`**

            Before a tool call; can block it.
        "#]],
    );
}

/// 🏗 is two UTF-16 units and U+FE0F one: the `:` after `Builds` is at column 24.
#[test]
fn after_an_emoji() {
    check(
        r#"
//- /.claude/agents/builder.md
---
name: builder
description: 🏗️ Builds$0: things
---
"#,
        expect![[r#"
            3:24-3:25 ":"

            **persona-ls `yaml-syntax`**: The front matter is not valid YAML. Strict parsers (VS Code, GitHub, OpenCode, skill uploads, many Claude Code versions) drop the whole file.
        "#]],
    );
}

#[test]
fn tool_after_an_emoji() {
    check(
        r#"
//- /.claude/agents/a.md
---
name: a
description: d
tools: [🏗️, Gr$0ep]
---
"#,
        expect![[r#"
            4:14-4:18 "Grep"

            **`Grep`** · tool of Claude Code

            Searches file contents for a pattern.

            ---

            **persona-ls `tools-format`**: The tools are written in a form the tool misreads (a flow list `[A, B]` in a Claude Code agent loses its first and last entries).
        "#]],
    );
}

/// Each CJK character is one UTF-16 unit (three bytes).
#[test]
fn tool_after_cjk() {
    check(
        r#"
//- /.claude/agents/a.md
---
name: a
description: d
tools: 読む, Gr$0ep
---
"#,
        expect![[r#"
            4:12-4:16 "Grep"

            **`Grep`** · tool of Claude Code

            Searches file contents for a pattern.
        "#]],
    );
}

#[test]
fn value_in_a_crlf_file() {
    check(
        r#"
//- /.claude/agents/a.md crlf
---
name: a
description: d
color: bl$0ue
---
Body
"#,
        expect![[r#"
            4:8-4:12 "blue"

            **`blue`** · color

            Blue label in the task list and transcript.
        "#]],
    );
}

/// The BOM is one UTF-16 unit on the first line; the keys below are unaffected.
#[test]
fn key_after_a_bom() {
    check(
        r#"
//- /.claude/agents/a.md bom
---
na$0me: a
description: d
---
"#,
        expect![[r#"
            2:1-2:5 "name"

            **`name`** · text · required

            Unique identifier of the subagent, used for delegation and `@`-mentions and passed to hooks as `agent_type`. Use lowercase letters and hyphens; a name containing `:` or starting with `-` is not loaded. The file name does not have to match.

            Dialect: Claude Code subagent (Claude Code). [Source](https://code.claude.com/docs/en/sub-agents)

            This file: Claude Code subagent (recognised by its path).
        "#]],
    );
}

#[test]
fn fence_after_a_bom() {
    check(
        r#"
//- /.claude/agents/a.md bom
-$0--
name: a
description: d
---
"#,
        expect![[r#"
            no hover
        "#]],
    );
}

/// On a line that continues a value without being indented (`user: "…"` inside an example),
/// hover is the one diagnostic of the value, not the docs of an unknown key `user`.
#[test]
fn a_line_that_continues_a_value() {
    check(
        r#"
//- /.claude/agents/my-agent.md
---
description: Plans releases.
<example>
us$0er: "Plan 2.0"
</example>
---
"#,
        expect![[r#"
            2:1-5:11 "description: Plans releases.\n<example>\nuser: \"Plan 2.0\"\n</example>"

            **persona-ls `yaml-syntax`**: The front matter is not valid YAML. Strict parsers (VS Code, GitHub, OpenCode, skill uploads, many Claude Code versions) drop the whole file.
        "#]],
    );
}

/// Inside a value with a shape: a nested key shows its path, type and doc; a known value
/// shows its doc (a hook event: `nested_key`).
#[test]
fn nested_key_of_a_claude_hook() {
    check(
        r#"
//- /.claude/skills/check/SKILL.md
---
name: check
description: Checks edits.
hooks:
  PostToolUse:
    - matcher: Edit
      hooks:
        - ty$0pe: command
          command: ./check.sh
---
Body
"#,
        expect![[r#"
            8:11-8:15 "type"

            **`hooks.PostToolUse[0].hooks[0].type`** · one of a set of values · required

            The kind of hook: `command`, `http`, `mcp_tool`, `prompt` or `agent`.

            Allowed values: `command`, `http`, `mcp_tool`, `prompt`, `agent`.
        "#]],
    );
}

#[test]
fn value_of_a_nested_enum() {
    check(
        r#"
//- /.claude/commands/review.md
---
description: Reviews.
hooks:
  Stop:
    - hooks: [{type: pro$0mpt, prompt: Check}]
---
Body
"#,
        expect![[r#"
            5:22-5:28 "prompt"

            **`prompt`** · value of `hooks.Stop[0].hooks[0].type`

            Asks a model to judge the event (`prompt`).
        "#]],
    );
}

#[test]
fn github_permission_scope() {
    check(
        r#"
//- /.github/agents/a.agent.md
---
description: d
github:
  permissions:
    meta$0data: read
---
Body
"#,
        expect![[r#"
            5:5-5:13 "metadata"

            **`github.permissions.metadata`** · one of a set of values

            Repository metadata (`read` only).

            Allowed values: `read`.
        "#]],
    );
}

#[test]
fn key_of_a_cursor_agent() {
    check(
        r#"
//- /.cursor/agents/reviewer.md
---
name: reviewer
description: d
read$0only: true
---
Body
"#,
        expect![[r#"
            4:1-4:9 "readonly"

            **`readonly`** · boolean

            `true` runs the subagent with restricted permissions: no file edits, no state-changing shell commands, no MCP tools. Default `false`.

            Allowed values: `true`, `false`.

            Default: `false`.

            Dialect: Cursor subagent (Cursor). [Source](https://github.com/dyoshikawa/rulesync/pull/1898)

            This file: Cursor subagent (recognised by its path).
        "#]],
    );
}

#[test]
fn cursor_agent_model_keyword() {
    check(
        r#"
//- /.cursor/agents/reviewer.md
---
description: d
model: fa$0st
---
Body
"#,
        expect![[r#"
            3:8-3:12 "fast"

            **`fast`** · model

            Cursor's fast model, for quick, cheap subtasks.
        "#]],
    );
}

/// An `agents/` file with OpenCode's `mode: subagent`: an OpenCode agent, recognised by its
/// keys.
#[test]
fn key_of_an_opencode_agent_in_a_generic_folder() {
    check(
        r#"
//- /agents/reviewer.md
---
description: d
mode: subagent
tempera$0ture: 0.1
---
Body
"#,
        expect![[r#"
            4:1-4:12 "temperature"

            **`temperature`** · number

            Sampling temperature, a finite number (usually 0–2; lower is more deterministic).

            Dialect: OpenCode agent (OpenCode). [Source](https://opencode.ai/docs/agents)

            This file: OpenCode agent (recognised by its keys).
        "#]],
    );
}

/// `opencode.jsonc` in the project decides `agents/` for OpenCode when the keys do not, and
/// hover says so.
#[test]
fn key_of_an_agent_recognised_by_the_project() {
    check(
        r#"
//- /opencode.jsonc
{}
//- /agents/reviewer.md
---
descr$0iption: d
model: sonnet
---
Body
"#,
        expect![[r#"
            2:1-2:12 "description"

            **`description`** · text · required

            When to use the agent: what the agents that delegate (and the `@` menu) choose it by. OpenCode's docs call it required; its loader accepts an agent without it.

            Dialect: OpenCode agent (OpenCode). [Source](https://opencode.ai/docs/agents ("This is a required config option"); anomalyco/opencode packages/core/src/v1/config/agent.ts @24e02906 (`description: Schema.optional`), read 2026-12-01)

            This file: OpenCode agent (recognised by the project's marker files).
        "#]],
    );
}

/// The rule and steering dialects (issue 10, item 8): a key, a value and a diagnostic each.
#[test]
fn key_of_a_kiro_steering_file() {
    check(
        r#"
//- /.kiro/steering/api.md
---
inclusion: fileMatch
fileMatch$0Pattern: "**/*.ts"
---
Body
"#,
        expect![[r#"
            3:1-3:17 "fileMatchPattern"

            **`fileMatchPattern`** · text or list

            Glob, or YAML list of globs (`["**/*.ts", "**/*.tsx"]`), of the files that pull this steering in with `inclusion: fileMatch`. Write several patterns as a list: a comma-separated string is one pattern and matches no file.

            Dialect: Kiro steering file (Kiro). [Source](https://github.com/kirodotdev/Kiro/issues/3643)

            This file: Kiro steering file (recognised by its path).
        "#]],
    );
}

#[test]
fn value_of_a_windsurf_trigger() {
    check(
        r#"
//- /.windsurf/rules/testing.md
---
trigger: model_dec$0ision
description: d
---
Body
"#,
        expect![[r#"
            2:10-2:24 "model_decision"

            **`model_decision`** · value

            Cascade decides from `description` whether to apply it.
        "#]],
    );
}

#[test]
fn key_of_a_claude_rule() {
    check(
        r#"
//- /.claude/rules/api.md
---
pa$0ths:
  - "src/**"
---
Body
"#,
        expect![[r#"
            2:1-2:6 "paths"

            **`paths`** · list

            YAML list of globs (`- "src/**/*.ts"`): the rule loads only when Claude reads a file that matches one of them. Braces expand (`*.{ts,tsx}`). Without `paths` the rule loads at launch, like `CLAUDE.md`. Before Claude Code 2.1.84 only a comma-separated string worked.

            Dialect: Claude Code rule (Claude Code). [Source](https://code.claude.com/docs/en/memory)

            This file: Claude Code rule (recognised by its path).
        "#]],
    );
}

#[test]
fn key_of_a_claude_output_style() {
    check(
        r#"
//- /.claude/output-styles/terse.md
---
keep-coding-$0instructions: true
---
Body
"#,
        expect![[r#"
            2:1-2:25 "keep-coding-instructions"

            **`keep-coding-instructions`** · boolean

            `true` keeps the software-engineering part of Claude Code's system prompt (testing, verifying code) next to this style; `false` (default) replaces it with the style.

            Allowed values: `true`, `false`.

            Default: `false`.

            Dialect: Claude Code output style (Claude Code). [Source](https://code.claude.com/docs/en/output-styles)

            This file: Claude Code output style (recognised by its path).
        "#]],
    );
}

#[test]
fn tool_and_refused_key_of_a_gemini_agent() {
    check(
        r#"
//- /.gemini/agents/searcher.md
---
name: searcher
description: Finds code.
tools:
  - glob
  - grep_$0search
---
Body
"#,
        expect![[r#"
            6:5-6:16 "grep_search"

            **`grep_search`** · tool of Gemini CLI

            Search file contents with a regular expression.
        "#]],
    );
    check(
        r#"
//- /.gemini/agents/auditor.md
---
name: auditor
description: d
col$0or: blue
---
Body
"#,
        expect![[r#"
            4:1-4:6 "color"

            **`color`** is not a key of Gemini CLI subagent (recognised by its path); Gemini CLI refuses the file over it.

            It is a key of Claude Code subagent:

            Display color of the subagent in the task list and transcript: `red`, `blue`, `green`, `yellow`, `purple`, `orange`, `pink` or `cyan`. Hex values and other names are not documented.

            ---

            **persona-ls `unknown-key`**: The dialect does not define this key, so the tool ignores it. Often a typo or another dialect's key.
        "#]],
    );
}

/// A key after a quoted value and a flow list that go on at column 0 (valid YAML, one entry
/// each) is still a key, with its own range.
#[test]
fn key_after_values_over_unindented_lines() {
    check(
        r#"
//- /.github/agents/planner.agent.md
---
description: 'Plans
the work.'
tools: ['search',
'edit']
mo$0del: gpt-4o
---
Body
"#,
        expect![[r#"
            6:1-6:6 "model"

            **`model`** · model

            Model to use, e.g. `Claude Sonnet 4.5 (copilot)`; a list gives a fallback order. Inherits the default when unset; ignored on GitHub.com.

            Dialect: VS Code / GitHub Copilot custom agent (VS Code (GitHub Copilot Chat), GitHub Copilot). [Source](https://code.visualstudio.com/docs/agent-customization/custom-agents)

            This file: VS Code / GitHub Copilot custom agent (recognised by its path).
        "#]],
    );
}

#[test]
fn key_of_a_gemini_skill() {
    check(
        r#"
//- /.gemini/skills/spec/SKILL.md
---
name: spec
descr$0iption: Writes specs.
---
Body
"#,
        expect![[r#"
            3:1-3:12 "description"

            **`description`** · text · required

            What the skill does and when to use it: Gemini CLI puts it in the system prompt and activates the skill when a task matches it. Required.

            Dialect: Gemini CLI skill (Gemini CLI). [Source](https://github.com/google-gemini/gemini-cli/blob/5411f113/packages/core/src/skills/skillLoader.ts)

            This file: Gemini CLI skill (recognised by its path).
        "#]],
    );
}

#[test]
fn key_of_an_opencode_skill() {
    check(
        r#"
//- /.opencode/skills/spec/SKILL.md
---
name: spec
descr$0iption: Writes specs.
---
Body
"#,
        expect![[r#"
            3:1-3:12 "description"

            **`description`** · text · required

            What the skill does and when to use it: OpenCode lists it to the model, which loads the skill when a task matches. A skill without one is not listed.

            Dialect: OpenCode skill (OpenCode). [Source](https://github.com/anomalyco/opencode/blob/a2cc772e5579e2bcd330c86a790462cf44dc67ca/packages/opencode/src/skill/index.ts)

            This file: OpenCode skill (recognised by its path).
        "#]],
    );
}

#[test]
fn key_of_an_agent_in_a_subfolder_of_github_agents_names_its_reader() {
    check(
        r#"
//- /.github/agents/core/flow.md
---
description: d
hand$0offs: []
---
Body
"#,
        expect![[r#"
            3:1-3:9 "handoffs"

            **`handoffs`** · any

            Next-step buttons shown after a response: a list of `{label, agent, prompt, send?, model?, showContinueOn?}` (`send` defaults to `false`). Ignored on GitHub.com.

            Dialect: Copilot CLI custom agent (Copilot CLI). [Source](https://code.visualstudio.com/docs/agent-customization/custom-agents)

            This file: Copilot CLI custom agent (recognised by its path).
        "#]],
    );
}
