//! Completion: every item of the answer (label, kind, sort key, replaced range, inserted text,
//! detail, documentation) in each context: keys, values, tool lists, nested positions, the
//! body, an empty front matter.

use crate::fixture::{Fixture, indent, quote};
use expect_test::{Expect, expect};
use persona_ls::analysis::Parsed;
use persona_ls::analysis::completion::{self, Item};
use std::fmt::Write;

/// Completes at `$0` as the editor does and renders every item, in the order the client shows
/// them (by sort key).
fn check(fixture: &str, expect: Expect) {
    let f = Fixture::parse(fixture);
    let parsed = Parsed::new(&f.text);
    let Some(detected) = f.detect(&parsed) else {
        expect.assert_eq("not a persona: no completion\n");
        return;
    };
    let workspace = |key: &str| f.used_values(key);
    let req = completion::Request {
        text: &f.text,
        parsed: &parsed,
        registry: &f.registry,
        dialect: &f.registry.dialects[detected.index],
        offset: f.cursor(),
        snippets: f.snippets,
        lazy_docs: f.lazy_docs,
        workspace: &workspace,
    };
    let mut items = completion::complete(&req);
    items.sort_by(|a, b| a.sort.cmp(&b.sort));
    let n = items.len();
    let plural = if n == 1 { "" } else { "s" };
    let mut out = format!("{}: {n} item{plural}\n", f.dialect_id(Some(detected)));
    for i in &items {
        render(&f, i, &mut out);
    }
    expect.assert_eq(&out);
}

/// One line per item: label, kind, sort key, the range replaced and the text inserted, then the
/// detail, `deprecated`, and what `completionItem/resolve` documents; the documentation
/// follows, indented.
fn render(f: &Fixture, i: &Item, out: &mut String) {
    let _ = write!(
        out,
        "{} · {:?} · {} · {} → {}",
        i.label,
        i.kind,
        i.sort,
        f.range(&i.replace),
        quote(&i.insert)
    );
    if i.snippet {
        out.push_str(" snippet");
    }
    if let Some(d) = &i.detail {
        let _ = write!(out, " · {d}");
    }
    if i.deprecated {
        out.push_str(" · deprecated");
    }
    if let Some(r) = &i.doc_ref {
        let _ = match &r.value {
            Some(v) => write!(out, " · resolves {}={v}", r.key),
            None => write!(out, " · resolves {}", r.key),
        };
    }
    out.push('\n');
    if let Some(doc) = &i.documentation {
        let _ = writeln!(out, "{}", indent(doc, 4));
    }
}

#[test]
fn keys_at_the_start_of_a_line() {
    check(
        r#"
//- /.claude/agents/a.md
---
name: a
description: d
model: opus
$0
---
Body
"#,
        expect![[r#"
            claude-agent: 14 items
            tools · Key · 10002 · 5:1-5:1 "" → "tools: " · tool list · resolves tools
                **`tools`** · tool list

                Allowlist of tools, written as a comma-separated string (`Read, Grep, Glob`). Accepts tool names, `mcp__<server>`, `mcp__<server>__*` and, for main-thread agents, `Agent(type, ...)`. Omit to inherit all tools; if no entry resolves, the agent refuses to launch.

                Known values: `Agent`, `Artifact`, `AskUserQuestion`, `Bash`, `CronCreate`, `CronDelete`, `CronList`, `Edit`, `EndConversation`, `EnterPlanMode`, `EnterWorktree`, `ExitPlanMode` and 45 more.

                Dialect: Claude Code subagent (Claude Code). [Source](https://code.claude.com/docs/en/sub-agents)
            disallowedTools · Key · 10003 · 5:1-5:1 "" → "disallowedTools: " · tool list · resolves disallowedTools
                **`disallowedTools`** · tool list

                Denylist removed from the inherited or specified tools, same syntax as `tools` (also `mcp__*`). Applied before `tools`: a tool listed in both is removed.

                Known values: `Agent`, `Artifact`, `AskUserQuestion`, `Bash`, `CronCreate`, `CronDelete`, `CronList`, `Edit`, `EndConversation`, `EnterPlanMode`, `EnterWorktree`, `ExitPlanMode` and 45 more.

                Dialect: Claude Code subagent (Claude Code). [Source](https://code.claude.com/docs/en/sub-agents)
            permissionMode · Key · 10005 · 5:1-5:1 "" → "permissionMode: " · one of a set of values · resolves permissionMode
                **`permissionMode`** · one of a set of values

                Permission mode the subagent runs in. Ignored for plugin agents and when the parent runs in auto mode; `bypassPermissions` skips all prompts.

                Allowed values: `default`, `acceptEdits`, `auto`, `dontAsk`, `bypassPermissions`, `plan`, `manual`, `delegate`.

                Dialect: Claude Code subagent (Claude Code). [Source](https://code.claude.com/docs/en/sub-agents)
            maxTurns · Key · 10006 · 5:1-5:1 "" → "maxTurns: " · integer · resolves maxTurns
                **`maxTurns`** · integer

                Maximum number of agentic turns before the subagent stops. Must be a positive integer.

                Dialect: Claude Code subagent (Claude Code). [Source](https://code.claude.com/docs/en/sub-agents)
            skills · Key · 10007 · 5:1-5:1 "" → "skills:\n  - $0" snippet · list · resolves skills
                **`skills`** · list

                Skills whose full content is injected into the subagent's context at startup. Skills with `disable-model-invocation: true` cannot be preloaded; missing skills are skipped.

                Dialect: Claude Code subagent (Claude Code). [Source](https://code.claude.com/docs/en/sub-agents)
            mcpServers · Key · 10008 · 5:1-5:1 "" → "mcpServers: " · any · resolves mcpServers
                **`mcpServers`** · any

                MCP servers scoped to this subagent: a list whose items are a server name or a `{name: config}` map in `.mcp.json` style (`stdio`, `http`, `sse`, `ws`). Ignored for plugin agents.

                Dialect: Claude Code subagent (Claude Code). [Source](https://code.claude.com/docs/en/sub-agents)
            hooks · Key · 10009 · 5:1-5:1 "" → "hooks:\n  $0" snippet · mapping · resolves hooks
                **`hooks`** · mapping

                Lifecycle hooks scoped to this subagent, same schema as settings hooks (`Stop` becomes `SubagentStop`). Ignored for plugin agents; project agents need workspace trust.

                Dialect: Claude Code subagent (Claude Code). [Source](https://code.claude.com/docs/en/hooks)
            memory · Key · 10010 · 5:1-5:1 "" → "memory: " · one of a set of values · resolves memory
                **`memory`** · one of a set of values

                Persistent memory scope for the subagent. One of `user`, `project`, `local`.

                Allowed values: `user`, `project`, `local`.

                Dialect: Claude Code subagent (Claude Code). [Source](https://code.claude.com/docs/en/sub-agents)
            background · Key · 10011 · 5:1-5:1 "" → "background: " · boolean · resolves background
                **`background`** · boolean

                Set to `true` to always run this subagent in the background, even when foreground is requested.

                Allowed values: `true`, `false`.

                Dialect: Claude Code subagent (Claude Code). [Source](https://code.claude.com/docs/en/sub-agents)
            effort · Key · 10012 · 5:1-5:1 "" → "effort: " · one of a set of values · resolves effort
                **`effort`** · one of a set of values

                Effort level while this subagent is active; inherits the session's level when omitted. Available levels depend on the model.

                Allowed values: `low`, `medium`, `high`, `xhigh`, `max`.

                Dialect: Claude Code subagent (Claude Code). [Source](https://code.claude.com/docs/en/sub-agents)
            isolation · Key · 10013 · 5:1-5:1 "" → "isolation: " · one of a set of values · resolves isolation
                **`isolation`** · one of a set of values

                Set to `worktree` to run the subagent in a temporary git worktree (the only value).

                Allowed values: `worktree`.

                Dialect: Claude Code subagent (Claude Code). [Source](https://code.claude.com/docs/en/sub-agents)
            color · Key · 10014 · 5:1-5:1 "" → "color: " · color · resolves color
                **`color`** · color

                Display color of the subagent in the task list and transcript: `red`, `blue`, `green`, `yellow`, `purple`, `orange`, `pink` or `cyan`. Hex values and other names are not documented.

                Allowed values: `red`, `blue`, `green`, `yellow`, `purple`, `orange`, `pink`, `cyan`.

                Dialect: Claude Code subagent (Claude Code). [Source](https://code.claude.com/docs/en/sub-agents)
            omitClaudeMd · Key · 10015 · 5:1-5:1 "" → "omitClaudeMd: " · boolean · resolves omitClaudeMd
                **`omitClaudeMd`** · boolean

                When `true`, the subagent starts without the project's CLAUDE.md files in its context (Claude Code 2.1.271 and later; older versions ignore the key).

                Allowed values: `true`, `false`.

                Default: `false`.

                Dialect: Claude Code subagent (Claude Code). [Source](https://code.claude.com/docs/en/sub-agents)
            initialPrompt · Key · 10016 · 5:1-5:1 "" → "initialPrompt: " · text · resolves initialPrompt
                **`initialPrompt`** · text

                First user turn, submitted automatically when this agent runs as the main session agent (`--agent` or the `agent` setting). Commands and skills in it are processed.

                Dialect: Claude Code subagent (Claude Code). [Source](https://code.claude.com/docs/en/sub-agents)
        "#]],
    );
}

/// The typed word is replaced; required keys come first.
#[test]
fn partly_typed_key() {
    check(
        r#"
//- /.claude/agents/a.md
//- client: lazy-docs
---
mo$0
---
"#,
        expect![[r#"
            claude-agent: 17 items
            name · Key · 00000 · 2:1-2:3 "mo" → "name: " · text · required · resolves name
            description · Key · 00001 · 2:1-2:3 "mo" → "description: " · text · required · resolves description
            tools · Key · 10002 · 2:1-2:3 "mo" → "tools: " · tool list · resolves tools
            disallowedTools · Key · 10003 · 2:1-2:3 "mo" → "disallowedTools: " · tool list · resolves disallowedTools
            model · Key · 10004 · 2:1-2:3 "mo" → "model: " · model · resolves model
            permissionMode · Key · 10005 · 2:1-2:3 "mo" → "permissionMode: " · one of a set of values · resolves permissionMode
            maxTurns · Key · 10006 · 2:1-2:3 "mo" → "maxTurns: " · integer · resolves maxTurns
            skills · Key · 10007 · 2:1-2:3 "mo" → "skills:\n  - $0" snippet · list · resolves skills
            mcpServers · Key · 10008 · 2:1-2:3 "mo" → "mcpServers: " · any · resolves mcpServers
            hooks · Key · 10009 · 2:1-2:3 "mo" → "hooks:\n  $0" snippet · mapping · resolves hooks
            memory · Key · 10010 · 2:1-2:3 "mo" → "memory: " · one of a set of values · resolves memory
            background · Key · 10011 · 2:1-2:3 "mo" → "background: " · boolean · resolves background
            effort · Key · 10012 · 2:1-2:3 "mo" → "effort: " · one of a set of values · resolves effort
            isolation · Key · 10013 · 2:1-2:3 "mo" → "isolation: " · one of a set of values · resolves isolation
            color · Key · 10014 · 2:1-2:3 "mo" → "color: " · color · resolves color
            omitClaudeMd · Key · 10015 · 2:1-2:3 "mo" → "omitClaudeMd: " · boolean · resolves omitClaudeMd
            initialPrompt · Key · 10016 · 2:1-2:3 "mo" → "initialPrompt: " · text · resolves initialPrompt
        "#]],
    );
}

/// A client without snippets gets `skills: ` like any other key.
#[test]
fn keys_without_snippets() {
    check(
        r#"
//- /.claude/agents/a.md
//- client: lazy-docs no-snippets
---
name: a
description: d
sk$0
---
"#,
        expect![[r#"
            claude-agent: 15 items
            tools · Key · 10002 · 4:1-4:3 "sk" → "tools: " · tool list · resolves tools
            disallowedTools · Key · 10003 · 4:1-4:3 "sk" → "disallowedTools: " · tool list · resolves disallowedTools
            model · Key · 10004 · 4:1-4:3 "sk" → "model: " · model · resolves model
            permissionMode · Key · 10005 · 4:1-4:3 "sk" → "permissionMode: " · one of a set of values · resolves permissionMode
            maxTurns · Key · 10006 · 4:1-4:3 "sk" → "maxTurns: " · integer · resolves maxTurns
            skills · Key · 10007 · 4:1-4:3 "sk" → "skills:\n  - " · list · resolves skills
            mcpServers · Key · 10008 · 4:1-4:3 "sk" → "mcpServers: " · any · resolves mcpServers
            hooks · Key · 10009 · 4:1-4:3 "sk" → "hooks:\n  " · mapping · resolves hooks
            memory · Key · 10010 · 4:1-4:3 "sk" → "memory: " · one of a set of values · resolves memory
            background · Key · 10011 · 4:1-4:3 "sk" → "background: " · boolean · resolves background
            effort · Key · 10012 · 4:1-4:3 "sk" → "effort: " · one of a set of values · resolves effort
            isolation · Key · 10013 · 4:1-4:3 "sk" → "isolation: " · one of a set of values · resolves isolation
            color · Key · 10014 · 4:1-4:3 "sk" → "color: " · color · resolves color
            omitClaudeMd · Key · 10015 · 4:1-4:3 "sk" → "omitClaudeMd: " · boolean · resolves omitClaudeMd
            initialPrompt · Key · 10016 · 4:1-4:3 "sk" → "initialPrompt: " · text · resolves initialPrompt
        "#]],
    );
}

#[test]
fn empty_front_matter_of_a_skill() {
    check(
        r#"
//- /.claude/skills/pdf/SKILL.md
//- client: lazy-docs
---
$0
---
"#,
        expect![[r#"
            claude-skill: 20 items
            name · Key · 00000 · 2:1-2:1 "" → "name: " · text · required · resolves name
            description · Key · 00001 · 2:1-2:1 "" → "description: " · text · required · resolves description
            when_to_use · Key · 10002 · 2:1-2:1 "" → "when_to_use: " · text · resolves when_to_use
            argument-hint · Key · 10003 · 2:1-2:1 "" → "argument-hint: " · text · resolves argument-hint
            arguments · Key · 10004 · 2:1-2:1 "" → "arguments: " · text or list · resolves arguments
            disable-model-invocation · Key · 10005 · 2:1-2:1 "" → "disable-model-invocation: " · boolean · resolves disable-model-invocation
            user-invocable · Key · 10006 · 2:1-2:1 "" → "user-invocable: " · boolean · resolves user-invocable
            allowed-tools · Key · 10007 · 2:1-2:1 "" → "allowed-tools: " · tool list · resolves allowed-tools
            disallowed-tools · Key · 10008 · 2:1-2:1 "" → "disallowed-tools: " · tool list · resolves disallowed-tools
            model · Key · 10009 · 2:1-2:1 "" → "model: " · model · resolves model
            effort · Key · 10010 · 2:1-2:1 "" → "effort: " · one of a set of values · resolves effort
            context · Key · 10011 · 2:1-2:1 "" → "context: " · one of a set of values · resolves context
            agent · Key · 10012 · 2:1-2:1 "" → "agent: " · one of a set of values · resolves agent
            background · Key · 10013 · 2:1-2:1 "" → "background: " · boolean · resolves background
            hooks · Key · 10014 · 2:1-2:1 "" → "hooks:\n  $0" snippet · mapping · resolves hooks
            paths · Key · 10015 · 2:1-2:1 "" → "paths: " · text or list · resolves paths
            shell · Key · 10016 · 2:1-2:1 "" → "shell: " · one of a set of values · resolves shell
            metadata · Key · 10017 · 2:1-2:1 "" → "metadata:\n  $0" snippet · mapping · resolves metadata
            license · Key · 10018 · 2:1-2:1 "" → "license: " · text · resolves license
            compatibility · Key · 10019 · 2:1-2:1 "" → "compatibility: " · text · resolves compatibility
        "#]],
    );
}

#[test]
fn empty_front_matter_of_a_claude_command() {
    check(
        r#"
//- /.claude/commands/review.md
//- client: lazy-docs
---
$0
---
"#,
        expect![[r#"
            claude-command: 15 items
            description · Key · 10000 · 2:1-2:1 "" → "description: " · text · resolves description
            argument-hint · Key · 10001 · 2:1-2:1 "" → "argument-hint: " · text · resolves argument-hint
            arguments · Key · 10002 · 2:1-2:1 "" → "arguments: " · text or list · resolves arguments
            allowed-tools · Key · 10003 · 2:1-2:1 "" → "allowed-tools: " · tool list · resolves allowed-tools
            disallowed-tools · Key · 10004 · 2:1-2:1 "" → "disallowed-tools: " · tool list · resolves disallowed-tools
            model · Key · 10005 · 2:1-2:1 "" → "model: " · model · resolves model
            effort · Key · 10006 · 2:1-2:1 "" → "effort: " · one of a set of values · resolves effort
            context · Key · 10007 · 2:1-2:1 "" → "context: " · one of a set of values · resolves context
            agent · Key · 10008 · 2:1-2:1 "" → "agent: " · one of a set of values · resolves agent
            background · Key · 10009 · 2:1-2:1 "" → "background: " · boolean · resolves background
            disable-model-invocation · Key · 10010 · 2:1-2:1 "" → "disable-model-invocation: " · boolean · resolves disable-model-invocation
            user-invocable · Key · 10011 · 2:1-2:1 "" → "user-invocable: " · boolean · resolves user-invocable
            when_to_use · Key · 10012 · 2:1-2:1 "" → "when_to_use: " · text · resolves when_to_use
            hooks · Key · 10013 · 2:1-2:1 "" → "hooks:\n  $0" snippet · mapping · resolves hooks
            shell · Key · 10014 · 2:1-2:1 "" → "shell: " · one of a set of values · resolves shell
        "#]],
    );
}

#[test]
fn empty_front_matter_of_a_copilot_agent() {
    check(
        r#"
//- /.github/agents/reviewer.agent.md
//- client: lazy-docs
---
$0
---
"#,
        expect![[r#"
            copilot-agent: 18 items
            description · Key · 00000 · 2:1-2:1 "" → "description: " · text · required · resolves description
            name · Key · 10001 · 2:1-2:1 "" → "name: " · text · resolves name
            argument-hint · Key · 10002 · 2:1-2:1 "" → "argument-hint: " · text · resolves argument-hint
            tools · Key · 10003 · 2:1-2:1 "" → "tools:\n  - $0" snippet · tool list · resolves tools
            agents · Key · 10004 · 2:1-2:1 "" → "agents:\n  - $0" snippet · list · resolves agents
            model · Key · 10005 · 2:1-2:1 "" → "model: " · model · resolves model
            user-invocable · Key · 10006 · 2:1-2:1 "" → "user-invocable: " · boolean · resolves user-invocable
            disable-model-invocation · Key · 10008 · 2:1-2:1 "" → "disable-model-invocation: " · boolean · resolves disable-model-invocation
            target · Key · 10010 · 2:1-2:1 "" → "target: " · one of a set of values · resolves target
            mcp-servers · Key · 10011 · 2:1-2:1 "" → "mcp-servers: " · any · resolves mcp-servers
            handoffs · Key · 10012 · 2:1-2:1 "" → "handoffs:\n  - $0" snippet · list · resolves handoffs
            hooks · Key · 10013 · 2:1-2:1 "" → "hooks:\n  $0" snippet · mapping · resolves hooks
            metadata · Key · 10014 · 2:1-2:1 "" → "metadata:\n  $0" snippet · mapping · resolves metadata
            reasoning-effort · Key · 10015 · 2:1-2:1 "" → "reasoning-effort: " · one of a set of values · resolves reasoning-effort
            advancedOptions · Key · 10016 · 2:1-2:1 "" → "advancedOptions:\n  $0" snippet · mapping · resolves advancedOptions
            github · Key · 10017 · 2:1-2:1 "" → "github:\n  $0" snippet · mapping · resolves github
            user-invokable · Key · 20007 · 2:1-2:1 "" → "user-invokable: " · boolean · deprecated · resolves user-invokable
            infer · Key · 20009 · 2:1-2:1 "" → "infer: " · boolean · deprecated · resolves infer
        "#]],
    );
}

#[test]
fn empty_front_matter_of_a_copilot_chat_mode() {
    check(
        r#"
//- /.github/chatmodes/plan.chatmode.md
//- client: lazy-docs
---
$0
---
"#,
        expect![[r#"
            copilot-chatmode: 3 items
            description · Key · 10000 · 2:1-2:1 "" → "description: " · text · resolves description
            tools · Key · 10001 · 2:1-2:1 "" → "tools:\n  - $0" snippet · tool list · resolves tools
            model · Key · 10002 · 2:1-2:1 "" → "model: " · model · resolves model
        "#]],
    );
}

#[test]
fn empty_front_matter_of_copilot_instructions() {
    check(
        r#"
//- /.github/instructions/rust.instructions.md
//- client: lazy-docs
---
$0
---
"#,
        expect![[r#"
            copilot-instructions: 4 items
            applyTo · Key · 00002 · 2:1-2:1 "" → "applyTo: " · text · required · resolves applyTo
            name · Key · 10000 · 2:1-2:1 "" → "name: " · text · resolves name
            description · Key · 10001 · 2:1-2:1 "" → "description: " · text · resolves description
            excludeAgent · Key · 10003 · 2:1-2:1 "" → "excludeAgent: " · text or list · resolves excludeAgent
        "#]],
    );
}

#[test]
fn empty_front_matter_of_a_copilot_prompt() {
    check(
        r#"
//- /.github/prompts/fix.prompt.md
//- client: lazy-docs
---
$0
---
"#,
        expect![[r#"
            copilot-prompt: 7 items
            description · Key · 10000 · 2:1-2:1 "" → "description: " · text · resolves description
            name · Key · 10001 · 2:1-2:1 "" → "name: " · text · resolves name
            argument-hint · Key · 10002 · 2:1-2:1 "" → "argument-hint: " · text · resolves argument-hint
            agent · Key · 10003 · 2:1-2:1 "" → "agent: " · one of a set of values · resolves agent
            model · Key · 10005 · 2:1-2:1 "" → "model: " · model · resolves model
            tools · Key · 10006 · 2:1-2:1 "" → "tools:\n  - $0" snippet · tool list · resolves tools
            mode · Key · 20004 · 2:1-2:1 "" → "mode: " · one of a set of values · deprecated · resolves mode
        "#]],
    );
}

#[test]
fn empty_front_matter_of_a_cursor_rule() {
    check(
        r#"
//- /.cursor/rules/style.mdc
//- client: lazy-docs
---
$0
---
"#,
        expect![[r#"
            cursor-rule: 3 items
            description · Key · 10000 · 2:1-2:1 "" → "description: " · text · resolves description
            globs · Key · 10001 · 2:1-2:1 "" → "globs: " · text · resolves globs
            alwaysApply · Key · 10002 · 2:1-2:1 "" → "alwaysApply: " · boolean · resolves alwaysApply
        "#]],
    );
}

#[test]
fn empty_front_matter_of_an_opencode_agent() {
    check(
        r#"
//- /.opencode/agent/review.md
//- client: lazy-docs
---
$0
---
"#,
        expect![[r#"
            opencode-agent: 17 items
            description · Key · 00000 · 2:1-2:1 "" → "description: " · text · required · resolves description
            mode · Key · 10001 · 2:1-2:1 "" → "mode: " · one of a set of values · resolves mode
            name · Key · 10002 · 2:1-2:1 "" → "name: " · text · resolves name
            model · Key · 10003 · 2:1-2:1 "" → "model: " · model · resolves model
            variant · Key · 10004 · 2:1-2:1 "" → "variant: " · text · resolves variant
            temperature · Key · 10005 · 2:1-2:1 "" → "temperature: " · number · resolves temperature
            top_p · Key · 10006 · 2:1-2:1 "" → "top_p: " · number · resolves top_p
            prompt · Key · 10007 · 2:1-2:1 "" → "prompt: " · text · resolves prompt
            permission · Key · 10008 · 2:1-2:1 "" → "permission: " · any · resolves permission
            disable · Key · 10010 · 2:1-2:1 "" → "disable: " · boolean · resolves disable
            hidden · Key · 10011 · 2:1-2:1 "" → "hidden: " · boolean · resolves hidden
            hidden_from_cycle · Key · 10012 · 2:1-2:1 "" → "hidden_from_cycle: " · boolean · resolves hidden_from_cycle
            color · Key · 10013 · 2:1-2:1 "" → "color: " · color · resolves color
            steps · Key · 10014 · 2:1-2:1 "" → "steps: " · integer · resolves steps
            options · Key · 10016 · 2:1-2:1 "" → "options:\n  $0" snippet · mapping · resolves options
            tools · Key · 20009 · 2:1-2:1 "" → "tools:\n  $0" snippet · mapping · deprecated · resolves tools
            maxSteps · Key · 20015 · 2:1-2:1 "" → "maxSteps: " · integer · deprecated · resolves maxSteps
        "#]],
    );
}

#[test]
fn empty_front_matter_of_an_opencode_command() {
    check(
        r#"
//- /.opencode/command/test.md
//- client: lazy-docs
---
$0
---
"#,
        expect![[r#"
            opencode-command: 4 items
            description · Key · 10000 · 2:1-2:1 "" → "description: " · text · resolves description
            agent · Key · 10001 · 2:1-2:1 "" → "agent: " · one of a set of values · resolves agent
            model · Key · 10002 · 2:1-2:1 "" → "model: " · model · resolves model
            subtask · Key · 10003 · 2:1-2:1 "" → "subtask: " · boolean · resolves subtask
        "#]],
    );
}

#[test]
fn empty_front_matter_of_an_agency_persona() {
    check(
        r#"
//- /engineering/x.md
//- client: lazy-docs
---
$0
---
"#,
        expect![[r#"
            agency: 11 items
            name · Key · 00000 · 2:1-2:1 "" → "name: " · text · required · resolves name
            description · Key · 00001 · 2:1-2:1 "" → "description: " · text · required · resolves description
            color · Key · 00002 · 2:1-2:1 "" → "color: " · color · required · resolves color
            emoji · Key · 10003 · 2:1-2:1 "" → "emoji: " · text · resolves emoji
            vibe · Key · 10004 · 2:1-2:1 "" → "vibe: " · text · resolves vibe
            tools · Key · 10005 · 2:1-2:1 "" → "tools: " · tool list · resolves tools
            services · Key · 10006 · 2:1-2:1 "" → "services: " · any · resolves services
            author · Key · 10007 · 2:1-2:1 "" → "author: " · text · resolves author
            model · Key · 10008 · 2:1-2:1 "" → "model: " · model · resolves model
            tier · Key · 10009 · 2:1-2:1 "" → "tier: " · text · resolves tier
            effort · Key · 10010 · 2:1-2:1 "" → "effort: " · one of a set of values · resolves effort
        "#]],
    );
}

/// While the closing fence is not typed yet, the line after the keys is still front matter.
#[test]
fn unclosed_front_matter() {
    check(
        r#"
//- /.claude/agents/a.md
//- client: lazy-docs
---
name: a
$0"#,
        expect![[r#"
            claude-agent: 16 items
            description · Key · 00001 · 3:1-3:1 "" → "description: " · text · required · resolves description
            tools · Key · 10002 · 3:1-3:1 "" → "tools: " · tool list · resolves tools
            disallowedTools · Key · 10003 · 3:1-3:1 "" → "disallowedTools: " · tool list · resolves disallowedTools
            model · Key · 10004 · 3:1-3:1 "" → "model: " · model · resolves model
            permissionMode · Key · 10005 · 3:1-3:1 "" → "permissionMode: " · one of a set of values · resolves permissionMode
            maxTurns · Key · 10006 · 3:1-3:1 "" → "maxTurns: " · integer · resolves maxTurns
            skills · Key · 10007 · 3:1-3:1 "" → "skills:\n  - $0" snippet · list · resolves skills
            mcpServers · Key · 10008 · 3:1-3:1 "" → "mcpServers: " · any · resolves mcpServers
            hooks · Key · 10009 · 3:1-3:1 "" → "hooks:\n  $0" snippet · mapping · resolves hooks
            memory · Key · 10010 · 3:1-3:1 "" → "memory: " · one of a set of values · resolves memory
            background · Key · 10011 · 3:1-3:1 "" → "background: " · boolean · resolves background
            effort · Key · 10012 · 3:1-3:1 "" → "effort: " · one of a set of values · resolves effort
            isolation · Key · 10013 · 3:1-3:1 "" → "isolation: " · one of a set of values · resolves isolation
            color · Key · 10014 · 3:1-3:1 "" → "color: " · color · resolves color
            omitClaudeMd · Key · 10015 · 3:1-3:1 "" → "omitClaudeMd: " · boolean · resolves omitClaudeMd
            initialPrompt · Key · 10016 · 3:1-3:1 "" → "initialPrompt: " · text · resolves initialPrompt
        "#]],
    );
}

/// `--` on the first line of a file without front matter: the whole block with the required keys.
#[test]
fn skeleton_in_a_file_without_front_matter() {
    check(
        r#"
//- /.claude/agents/a.md
--$0

Body
"#,
        expect![[r#"
            claude-agent: 1 item
            --- · Key · 0 · 1:1-1:3 "--" → "---\nname: $1\ndescription: $2\n---\n$0" snippet · Claude Code subagent front matter
        "#]],
    );
}

#[test]
fn skeleton_after_the_three_dashes() {
    check(
        r#"
//- /.claude/agents/a.md
---$0"#,
        expect![[r#"
            claude-agent: 1 item
            --- · Key · 0 · 1:1-1:4 "---" → "---\nname: $1\ndescription: $2\n---\n$0" snippet · Claude Code subagent front matter
        "#]],
    );
}

#[test]
fn no_skeleton_once_the_block_has_content() {
    check(
        r#"
//- /.claude/agents/a.md
---$0
name: a
"#,
        expect![[r#"
            claude-agent: 0 items
        "#]],
    );
}

#[test]
fn no_skeleton_on_another_line() {
    check(
        r#"
//- /.claude/agents/a.md
# T
--$0
"#,
        expect![[r#"
            claude-agent: 0 items
        "#]],
    );
}

#[test]
fn in_the_body() {
    check(
        r#"
//- /.claude/agents/a.md
---
name: a
description: d
---
mo$0
"#,
        expect![[r#"
            claude-agent: 0 items
        "#]],
    );
}

#[test]
fn in_a_comment() {
    check(
        r#"
//- /.claude/agents/a.md
//- client: lazy-docs
---
name: a
# mo$0
---
"#,
        expect![[r#"
            claude-agent: 0 items
        "#]],
    );
}

#[test]
fn not_a_persona() {
    check(
        r#"
//- /notes/a.md
---
title: Notes
$0
---
"#,
        expect![[r#"
            not a persona: no completion
        "#]],
    );
}

/// Aliases first, then active ids, legacy, retired (tagged deprecated); each with its docs.
#[test]
fn model_value() {
    check(
        r#"
//- /.claude/agents/a.md
---
name: a
description: d
model: $0
---
Body
"#,
        expect![[r#"
            claude-agent: 51 items
            sonnet · Model · 099990000 · 4:8-4:8 "" → "sonnet" · resolves model=sonnet
                Alias for the latest Sonnet: Claude Sonnet 5.5 on the Anthropic API from Claude Code v2.1.284 (Sonnet 5 before); Sonnet 4.6 on Claude Platform on AWS; Sonnet 4.5 on Bedrock, Google Cloud and Foundry.
            opus · Model · 099990001 · 4:8-4:8 "" → "opus" · resolves model=opus
                Alias for the latest Opus: Claude Opus 5.5 on the Anthropic API, Claude Platform on AWS, Bedrock and Google Cloud from Claude Code v2.1.280 (Opus 5 before); Opus 4.6 on Foundry.
            haiku · Model · 099990002 · 4:8-4:8 "" → "haiku" · resolves model=haiku
                Alias for the latest Haiku: Claude Haiku 5.5 (`claude-haiku-5-5`) from Claude Code v2.1.293 (Haiku 4.5 before).
            fable · Model · 099990003 · 4:8-4:8 "" → "fable" · resolves model=fable
                Alias for Claude Fable 5 (Claude Code v2.1.170+).
            inherit · Model · 099990004 · 4:8-4:8 "" → "inherit" · resolves model=inherit
                Use the model of the parent conversation (agents and skills only). This is the default for subagents.
            best · Model · 099990005 · 4:8-4:8 "" → "best" · resolves model=best
                CLI alias: Claude Fable 5 if your organization has access, otherwise the latest Opus. Not one of the aliases documented for agent front matter.
            opusplan · Model · 099990006 · 4:8-4:8 "" → "opusplan" · resolves model=opusplan
                CLI alias: Opus while in plan mode, Sonnet otherwise. Not one of the aliases documented for agent front matter.
            sonnet[1m] · Model · 099990007 · 4:8-4:8 "" → "sonnet[1m]" · resolves model=sonnet[1m]
                CLI alias for the latest Sonnet with the 1M-token context window.
            opus[1m] · Model · 099990008 · 4:8-4:8 "" → "opus[1m]" · resolves model=opus[1m]
                CLI alias for the latest Opus with the 1M-token context window.
            claude-fable-5-1 · Model · 099990009 · 4:8-4:8 "" → "claude-fable-5-1" · resolves model=claude-fable-5-1
                Claude Fable 5.1 — active model.
            claude-opus-5-5 · Model · 099990010 · 4:8-4:8 "" → "claude-opus-5-5" · resolves model=claude-opus-5-5
                Claude Opus 5.5 — active model (what `opus` points to from Claude Code v2.1.280).
            claude-sonnet-5-5 · Model · 099990011 · 4:8-4:8 "" → "claude-sonnet-5-5" · resolves model=claude-sonnet-5-5
                Claude Sonnet 5.5 — active model from September 28, 2026 (what `sonnet` points to from Claude Code v2.1.284).
            claude-haiku-5-5 · Model · 099990012 · 4:8-4:8 "" → "claude-haiku-5-5" · resolves model=claude-haiku-5-5
                Claude Haiku 5.5 — active model, released October 7, 2026; retired not sooner than October 7, 2027.
            claude-mythos-5-1 · Model · 099990013 · 4:8-4:8 "" → "claude-mythos-5-1" · resolves model=claude-mythos-5-1
                Claude Mythos 5.1 — active model (retired not sooner than September 1, 2027); needs access.
            claude-haiku-4-5-20251001 · Model · 099990017 · 4:8-4:8 "" → "claude-haiku-4-5-20251001" · resolves model=claude-haiku-4-5-20251001
                Claude Haiku 4.5 — active model (pinned snapshot id).
            claude-haiku-4-5 · Model · 099990018 · 4:8-4:8 "" → "claude-haiku-4-5" · resolves model=claude-haiku-4-5
                Claude Haiku 4.5 — active model (API alias of `claude-haiku-4-5-20251001`).
            claude-mythos-5 · Model · 099990019 · 4:8-4:8 "" → "claude-mythos-5" · resolves model=claude-mythos-5
                Claude Mythos 5 — invitation-only model (Project Glasswing); fails without access.
            claude-mythos-preview · Model · 099990020 · 4:8-4:8 "" → "claude-mythos-preview" · resolves model=claude-mythos-preview
                Claude Mythos preview — invitation-only model (Project Glasswing); fails without access.
            claude-fable-5 · Model · 199990014 · 4:8-4:8 "" → "claude-fable-5" · legacy — use claude-fable-5-1 · resolves model=claude-fable-5
                Claude Fable 5 — active (legacy) model (available from June 9, 2026).

                *Legacy*: use `claude-fable-5-1`.
            claude-opus-5 · Model · 199990015 · 4:8-4:8 "" → "claude-opus-5" · legacy — use claude-opus-5-5 · resolves model=claude-opus-5
                Claude Opus 5 — active (legacy) model, from July 24, 2026.

                *Legacy*: use `claude-opus-5-5`.
            claude-sonnet-5 · Model · 199990016 · 4:8-4:8 "" → "claude-sonnet-5" · legacy — use claude-sonnet-5-5 · resolves model=claude-sonnet-5
                Claude Sonnet 5 — active (legacy) model.

                *Legacy*: use `claude-sonnet-5-5`.
            claude-opus-4-8 · Model · 199990021 · 4:8-4:8 "" → "claude-opus-4-8" · legacy — use claude-opus-5-5 · resolves model=claude-opus-4-8
                Claude Opus 4.8 — active (legacy) model.

                *Legacy*: use `claude-opus-5-5`.
            claude-opus-4-7 · Model · 199990022 · 4:8-4:8 "" → "claude-opus-4-7" · legacy — use claude-opus-5-5 · resolves model=claude-opus-4-7
                Claude Opus 4.7 — active (legacy) model.

                *Legacy*: use `claude-opus-5-5`.
            claude-opus-4-6 · Model · 199990023 · 4:8-4:8 "" → "claude-opus-4-6" · legacy — use claude-opus-5-5 · resolves model=claude-opus-4-6
                Claude Opus 4.6 — active (legacy) model.

                *Legacy*: use `claude-opus-5-5`.
            claude-sonnet-4-6 · Model · 199990024 · 4:8-4:8 "" → "claude-sonnet-4-6" · legacy — use claude-sonnet-5-5 · resolves model=claude-sonnet-4-6
                Claude Sonnet 4.6 — active (legacy) model.

                *Legacy*: use `claude-sonnet-5-5`.
            claude-opus-4-5-20251101 · Model · 199990025 · 4:8-4:8 "" → "claude-opus-4-5-20251101" · legacy — use claude-opus-5-5 · resolves model=claude-opus-4-5-20251101
                Claude Opus 4.5 — active (legacy) model (pinned snapshot id).

                *Legacy*: use `claude-opus-5-5`.
            claude-opus-4-5 · Model · 199990026 · 4:8-4:8 "" → "claude-opus-4-5" · legacy — use claude-opus-5-5 · resolves model=claude-opus-4-5
                Claude Opus 4.5 — active (legacy) model (API alias of `claude-opus-4-5-20251101`).

                *Legacy*: use `claude-opus-5-5`.
            claude-sonnet-4-5-20250929 · Model · 399990027 · 4:8-4:8 "" → "claude-sonnet-4-5-20250929" · retired — use claude-sonnet-5-5 · deprecated · resolves model=claude-sonnet-4-5-20250929
                Claude Sonnet 4.5 (pinned snapshot id) — retired November 30, 2026; requests fail.

                *Retired*: use `claude-sonnet-5-5`.
            claude-sonnet-4-5 · Model · 399990028 · 4:8-4:8 "" → "claude-sonnet-4-5" · retired — use claude-sonnet-5-5 · deprecated · resolves model=claude-sonnet-4-5
                Claude Sonnet 4.5 (alias of `claude-sonnet-4-5-20250929`) — retired November 30, 2026.

                *Retired*: use `claude-sonnet-5-5`.
            claude-opus-4-1-20250805 · Model · 399990029 · 4:8-4:8 "" → "claude-opus-4-1-20250805" · retired — use claude-opus-5-5 · deprecated · resolves model=claude-opus-4-1-20250805
                Claude Opus 4.1 — retired August 5, 2026; requests fail.

                *Retired*: use `claude-opus-5-5`.
            claude-opus-4-1 · Model · 399990030 · 4:8-4:8 "" → "claude-opus-4-1" · retired — use claude-opus-5-5 · deprecated · resolves model=claude-opus-4-1
                Claude Opus 4.1 (alias of `claude-opus-4-1-20250805`) — retired August 5, 2026.

                *Retired*: use `claude-opus-5-5`.
            claude-opus-4-20250514 · Model · 399990031 · 4:8-4:8 "" → "claude-opus-4-20250514" · retired — use claude-opus-5-5 · deprecated · resolves model=claude-opus-4-20250514
                Claude Opus 4 — retired June 15, 2026; requests fail.

                *Retired*: use `claude-opus-5-5`.
            claude-opus-4 · Model · 399990032 · 4:8-4:8 "" → "claude-opus-4" · retired — use claude-opus-5-5 · deprecated · resolves model=claude-opus-4
                Claude Opus 4 (a short form of `claude-opus-4-20250514`, never a documented alias) — the model was retired June 15, 2026, so requests with any Opus 4 id fail.

                *Retired*: use `claude-opus-5-5`.
            claude-opus-4-0 · Model · 399990033 · 4:8-4:8 "" → "claude-opus-4-0" · retired — use claude-opus-5-5 · deprecated · resolves model=claude-opus-4-0
                Claude Opus 4 (alias of `claude-opus-4-20250514`) — retired June 15, 2026.

                *Retired*: use `claude-opus-5-5`.
            claude-sonnet-4-20250514 · Model · 399990034 · 4:8-4:8 "" → "claude-sonnet-4-20250514" · retired — use claude-sonnet-5-5 · deprecated · resolves model=claude-sonnet-4-20250514
                Claude Sonnet 4 — retired June 15, 2026; requests fail.

                *Retired*: use `claude-sonnet-5-5`.
            claude-sonnet-4 · Model · 399990035 · 4:8-4:8 "" → "claude-sonnet-4" · retired — use claude-sonnet-5-5 · deprecated · resolves model=claude-sonnet-4
                Claude Sonnet 4 (a short form of `claude-sonnet-4-20250514`, never a documented alias) — the model was retired June 15, 2026, so requests with any Sonnet 4 id fail.

                *Retired*: use `claude-sonnet-5-5`.
            claude-sonnet-4-0 · Model · 399990036 · 4:8-4:8 "" → "claude-sonnet-4-0" · retired — use claude-sonnet-5-5 · deprecated · resolves model=claude-sonnet-4-0
                Claude Sonnet 4 (alias of `claude-sonnet-4-20250514`) — retired June 15, 2026.

                *Retired*: use `claude-sonnet-5-5`.
            claude-3-7-sonnet-20250219 · Model · 399990037 · 4:8-4:8 "" → "claude-3-7-sonnet-20250219" · retired — use claude-sonnet-5-5 · deprecated · resolves model=claude-3-7-sonnet-20250219
                Claude Sonnet 3.7 — retired February 19, 2026; requests fail.

                *Retired*: use `claude-sonnet-5-5`.
            claude-3-7-sonnet-latest · Model · 399990038 · 4:8-4:8 "" → "claude-3-7-sonnet-latest" · retired — use claude-sonnet-5-5 · deprecated · resolves model=claude-3-7-sonnet-latest
                Claude Sonnet 3.7 (alias) — retired February 19, 2026.

                *Retired*: use `claude-sonnet-5-5`.
            claude-3-5-haiku-20241022 · Model · 399990039 · 4:8-4:8 "" → "claude-3-5-haiku-20241022" · retired — use claude-haiku-5-5 · deprecated · resolves model=claude-3-5-haiku-20241022
                Claude Haiku 3.5 — retired February 19, 2026; requests fail.

                *Retired*: use `claude-haiku-5-5`.
            claude-3-5-haiku-latest · Model · 399990040 · 4:8-4:8 "" → "claude-3-5-haiku-latest" · retired — use claude-haiku-5-5 · deprecated · resolves model=claude-3-5-haiku-latest
                Claude Haiku 3.5 (alias) — retired February 19, 2026.

                *Retired*: use `claude-haiku-5-5`.
            claude-3-haiku-20240307 · Model · 399990041 · 4:8-4:8 "" → "claude-3-haiku-20240307" · retired — use claude-haiku-5-5 · deprecated · resolves model=claude-3-haiku-20240307
                Claude Haiku 3 — retired April 20, 2026; requests fail.

                *Retired*: use `claude-haiku-5-5`.
            claude-3-5-sonnet-20241022 · Model · 399990042 · 4:8-4:8 "" → "claude-3-5-sonnet-20241022" · retired — use claude-sonnet-5-5 · deprecated · resolves model=claude-3-5-sonnet-20241022
                Claude Sonnet 3.5 (October 2024) — retired; requests fail.

                *Retired*: use `claude-sonnet-5-5`.
            claude-3-5-sonnet-20240620 · Model · 399990043 · 4:8-4:8 "" → "claude-3-5-sonnet-20240620" · retired — use claude-sonnet-5-5 · deprecated · resolves model=claude-3-5-sonnet-20240620
                Claude Sonnet 3.5 (June 2024) — retired; requests fail.

                *Retired*: use `claude-sonnet-5-5`.
            claude-3-5-sonnet-latest · Model · 399990044 · 4:8-4:8 "" → "claude-3-5-sonnet-latest" · retired — use claude-sonnet-5-5 · deprecated · resolves model=claude-3-5-sonnet-latest
                Claude Sonnet 3.5 (alias) — retired; requests fail.

                *Retired*: use `claude-sonnet-5-5`.
            claude-3-opus-20240229 · Model · 399990045 · 4:8-4:8 "" → "claude-3-opus-20240229" · retired — use claude-opus-5-5 · deprecated · resolves model=claude-3-opus-20240229
                Claude Opus 3 — retired; requests fail.

                *Retired*: use `claude-opus-5-5`.
            claude-3-opus-latest · Model · 399990046 · 4:8-4:8 "" → "claude-3-opus-latest" · retired — use claude-opus-5-5 · deprecated · resolves model=claude-3-opus-latest
                Claude Opus 3 (alias) — retired; requests fail.

                *Retired*: use `claude-opus-5-5`.
            claude-3-sonnet-20240229 · Model · 399990047 · 4:8-4:8 "" → "claude-3-sonnet-20240229" · retired — use claude-sonnet-5-5 · deprecated · resolves model=claude-3-sonnet-20240229
                Claude Sonnet 3 — retired; requests fail.

                *Retired*: use `claude-sonnet-5-5`.
            claude-2.1 · Model · 399990048 · 4:8-4:8 "" → "claude-2.1" · retired — use claude-sonnet-5-5 · deprecated · resolves model=claude-2.1
                Claude 2.1 — retired; requests fail.

                *Retired*: use `claude-sonnet-5-5`.
            claude-2.0 · Model · 399990049 · 4:8-4:8 "" → "claude-2.0" · retired — use claude-sonnet-5-5 · deprecated · resolves model=claude-2.0
                Claude 2.0 — retired; requests fail.

                *Retired*: use `claude-sonnet-5-5`.
            claude-instant-1.2 · Model · 399990050 · 4:8-4:8 "" → "claude-instant-1.2" · retired — use claude-haiku-5-5 · deprecated · resolves model=claude-instant-1.2
                Claude Instant 1.2 — retired; requests fail.

                *Retired*: use `claude-haiku-5-5`.
        "#]],
    );
}

/// The whole word around the cursor is replaced.
#[test]
fn partly_typed_model() {
    check(
        r#"
//- /.claude/agents/a.md
//- client: lazy-docs
---
name: a
model: clau$0de-x
---
"#,
        expect![[r#"
            claude-agent: 51 items
            sonnet · Model · 099990000 · 3:8-3:16 "claude-x" → "sonnet" · resolves model=sonnet
            opus · Model · 099990001 · 3:8-3:16 "claude-x" → "opus" · resolves model=opus
            haiku · Model · 099990002 · 3:8-3:16 "claude-x" → "haiku" · resolves model=haiku
            fable · Model · 099990003 · 3:8-3:16 "claude-x" → "fable" · resolves model=fable
            inherit · Model · 099990004 · 3:8-3:16 "claude-x" → "inherit" · resolves model=inherit
            best · Model · 099990005 · 3:8-3:16 "claude-x" → "best" · resolves model=best
            opusplan · Model · 099990006 · 3:8-3:16 "claude-x" → "opusplan" · resolves model=opusplan
            sonnet[1m] · Model · 099990007 · 3:8-3:16 "claude-x" → "sonnet[1m]" · resolves model=sonnet[1m]
            opus[1m] · Model · 099990008 · 3:8-3:16 "claude-x" → "opus[1m]" · resolves model=opus[1m]
            claude-fable-5-1 · Model · 099990009 · 3:8-3:16 "claude-x" → "claude-fable-5-1" · resolves model=claude-fable-5-1
            claude-opus-5-5 · Model · 099990010 · 3:8-3:16 "claude-x" → "claude-opus-5-5" · resolves model=claude-opus-5-5
            claude-sonnet-5-5 · Model · 099990011 · 3:8-3:16 "claude-x" → "claude-sonnet-5-5" · resolves model=claude-sonnet-5-5
            claude-haiku-5-5 · Model · 099990012 · 3:8-3:16 "claude-x" → "claude-haiku-5-5" · resolves model=claude-haiku-5-5
            claude-mythos-5-1 · Model · 099990013 · 3:8-3:16 "claude-x" → "claude-mythos-5-1" · resolves model=claude-mythos-5-1
            claude-haiku-4-5-20251001 · Model · 099990017 · 3:8-3:16 "claude-x" → "claude-haiku-4-5-20251001" · resolves model=claude-haiku-4-5-20251001
            claude-haiku-4-5 · Model · 099990018 · 3:8-3:16 "claude-x" → "claude-haiku-4-5" · resolves model=claude-haiku-4-5
            claude-mythos-5 · Model · 099990019 · 3:8-3:16 "claude-x" → "claude-mythos-5" · resolves model=claude-mythos-5
            claude-mythos-preview · Model · 099990020 · 3:8-3:16 "claude-x" → "claude-mythos-preview" · resolves model=claude-mythos-preview
            claude-fable-5 · Model · 199990014 · 3:8-3:16 "claude-x" → "claude-fable-5" · legacy — use claude-fable-5-1 · resolves model=claude-fable-5
            claude-opus-5 · Model · 199990015 · 3:8-3:16 "claude-x" → "claude-opus-5" · legacy — use claude-opus-5-5 · resolves model=claude-opus-5
            claude-sonnet-5 · Model · 199990016 · 3:8-3:16 "claude-x" → "claude-sonnet-5" · legacy — use claude-sonnet-5-5 · resolves model=claude-sonnet-5
            claude-opus-4-8 · Model · 199990021 · 3:8-3:16 "claude-x" → "claude-opus-4-8" · legacy — use claude-opus-5-5 · resolves model=claude-opus-4-8
            claude-opus-4-7 · Model · 199990022 · 3:8-3:16 "claude-x" → "claude-opus-4-7" · legacy — use claude-opus-5-5 · resolves model=claude-opus-4-7
            claude-opus-4-6 · Model · 199990023 · 3:8-3:16 "claude-x" → "claude-opus-4-6" · legacy — use claude-opus-5-5 · resolves model=claude-opus-4-6
            claude-sonnet-4-6 · Model · 199990024 · 3:8-3:16 "claude-x" → "claude-sonnet-4-6" · legacy — use claude-sonnet-5-5 · resolves model=claude-sonnet-4-6
            claude-opus-4-5-20251101 · Model · 199990025 · 3:8-3:16 "claude-x" → "claude-opus-4-5-20251101" · legacy — use claude-opus-5-5 · resolves model=claude-opus-4-5-20251101
            claude-opus-4-5 · Model · 199990026 · 3:8-3:16 "claude-x" → "claude-opus-4-5" · legacy — use claude-opus-5-5 · resolves model=claude-opus-4-5
            claude-sonnet-4-5-20250929 · Model · 399990027 · 3:8-3:16 "claude-x" → "claude-sonnet-4-5-20250929" · retired — use claude-sonnet-5-5 · deprecated · resolves model=claude-sonnet-4-5-20250929
            claude-sonnet-4-5 · Model · 399990028 · 3:8-3:16 "claude-x" → "claude-sonnet-4-5" · retired — use claude-sonnet-5-5 · deprecated · resolves model=claude-sonnet-4-5
            claude-opus-4-1-20250805 · Model · 399990029 · 3:8-3:16 "claude-x" → "claude-opus-4-1-20250805" · retired — use claude-opus-5-5 · deprecated · resolves model=claude-opus-4-1-20250805
            claude-opus-4-1 · Model · 399990030 · 3:8-3:16 "claude-x" → "claude-opus-4-1" · retired — use claude-opus-5-5 · deprecated · resolves model=claude-opus-4-1
            claude-opus-4-20250514 · Model · 399990031 · 3:8-3:16 "claude-x" → "claude-opus-4-20250514" · retired — use claude-opus-5-5 · deprecated · resolves model=claude-opus-4-20250514
            claude-opus-4 · Model · 399990032 · 3:8-3:16 "claude-x" → "claude-opus-4" · retired — use claude-opus-5-5 · deprecated · resolves model=claude-opus-4
            claude-opus-4-0 · Model · 399990033 · 3:8-3:16 "claude-x" → "claude-opus-4-0" · retired — use claude-opus-5-5 · deprecated · resolves model=claude-opus-4-0
            claude-sonnet-4-20250514 · Model · 399990034 · 3:8-3:16 "claude-x" → "claude-sonnet-4-20250514" · retired — use claude-sonnet-5-5 · deprecated · resolves model=claude-sonnet-4-20250514
            claude-sonnet-4 · Model · 399990035 · 3:8-3:16 "claude-x" → "claude-sonnet-4" · retired — use claude-sonnet-5-5 · deprecated · resolves model=claude-sonnet-4
            claude-sonnet-4-0 · Model · 399990036 · 3:8-3:16 "claude-x" → "claude-sonnet-4-0" · retired — use claude-sonnet-5-5 · deprecated · resolves model=claude-sonnet-4-0
            claude-3-7-sonnet-20250219 · Model · 399990037 · 3:8-3:16 "claude-x" → "claude-3-7-sonnet-20250219" · retired — use claude-sonnet-5-5 · deprecated · resolves model=claude-3-7-sonnet-20250219
            claude-3-7-sonnet-latest · Model · 399990038 · 3:8-3:16 "claude-x" → "claude-3-7-sonnet-latest" · retired — use claude-sonnet-5-5 · deprecated · resolves model=claude-3-7-sonnet-latest
            claude-3-5-haiku-20241022 · Model · 399990039 · 3:8-3:16 "claude-x" → "claude-3-5-haiku-20241022" · retired — use claude-haiku-5-5 · deprecated · resolves model=claude-3-5-haiku-20241022
            claude-3-5-haiku-latest · Model · 399990040 · 3:8-3:16 "claude-x" → "claude-3-5-haiku-latest" · retired — use claude-haiku-5-5 · deprecated · resolves model=claude-3-5-haiku-latest
            claude-3-haiku-20240307 · Model · 399990041 · 3:8-3:16 "claude-x" → "claude-3-haiku-20240307" · retired — use claude-haiku-5-5 · deprecated · resolves model=claude-3-haiku-20240307
            claude-3-5-sonnet-20241022 · Model · 399990042 · 3:8-3:16 "claude-x" → "claude-3-5-sonnet-20241022" · retired — use claude-sonnet-5-5 · deprecated · resolves model=claude-3-5-sonnet-20241022
            claude-3-5-sonnet-20240620 · Model · 399990043 · 3:8-3:16 "claude-x" → "claude-3-5-sonnet-20240620" · retired — use claude-sonnet-5-5 · deprecated · resolves model=claude-3-5-sonnet-20240620
            claude-3-5-sonnet-latest · Model · 399990044 · 3:8-3:16 "claude-x" → "claude-3-5-sonnet-latest" · retired — use claude-sonnet-5-5 · deprecated · resolves model=claude-3-5-sonnet-latest
            claude-3-opus-20240229 · Model · 399990045 · 3:8-3:16 "claude-x" → "claude-3-opus-20240229" · retired — use claude-opus-5-5 · deprecated · resolves model=claude-3-opus-20240229
            claude-3-opus-latest · Model · 399990046 · 3:8-3:16 "claude-x" → "claude-3-opus-latest" · retired — use claude-opus-5-5 · deprecated · resolves model=claude-3-opus-latest
            claude-3-sonnet-20240229 · Model · 399990047 · 3:8-3:16 "claude-x" → "claude-3-sonnet-20240229" · retired — use claude-sonnet-5-5 · deprecated · resolves model=claude-3-sonnet-20240229
            claude-2.1 · Model · 399990048 · 3:8-3:16 "claude-x" → "claude-2.1" · retired — use claude-sonnet-5-5 · deprecated · resolves model=claude-2.1
            claude-2.0 · Model · 399990049 · 3:8-3:16 "claude-x" → "claude-2.0" · retired — use claude-sonnet-5-5 · deprecated · resolves model=claude-2.0
            claude-instant-1.2 · Model · 399990050 · 3:8-3:16 "claude-x" → "claude-instant-1.2" · retired — use claude-haiku-5-5 · deprecated · resolves model=claude-instant-1.2
        "#]],
    );
}

/// No space after the colon: one is inserted.
#[test]
fn model_right_after_the_colon() {
    check(
        r#"
//- /.claude/agents/a.md
//- client: lazy-docs
---
name: a
model:$0
---
"#,
        expect![[r#"
            claude-agent: 51 items
            sonnet · Model · 099990000 · 3:7-3:7 "" → " sonnet" · resolves model=sonnet
            opus · Model · 099990001 · 3:7-3:7 "" → " opus" · resolves model=opus
            haiku · Model · 099990002 · 3:7-3:7 "" → " haiku" · resolves model=haiku
            fable · Model · 099990003 · 3:7-3:7 "" → " fable" · resolves model=fable
            inherit · Model · 099990004 · 3:7-3:7 "" → " inherit" · resolves model=inherit
            best · Model · 099990005 · 3:7-3:7 "" → " best" · resolves model=best
            opusplan · Model · 099990006 · 3:7-3:7 "" → " opusplan" · resolves model=opusplan
            sonnet[1m] · Model · 099990007 · 3:7-3:7 "" → " sonnet[1m]" · resolves model=sonnet[1m]
            opus[1m] · Model · 099990008 · 3:7-3:7 "" → " opus[1m]" · resolves model=opus[1m]
            claude-fable-5-1 · Model · 099990009 · 3:7-3:7 "" → " claude-fable-5-1" · resolves model=claude-fable-5-1
            claude-opus-5-5 · Model · 099990010 · 3:7-3:7 "" → " claude-opus-5-5" · resolves model=claude-opus-5-5
            claude-sonnet-5-5 · Model · 099990011 · 3:7-3:7 "" → " claude-sonnet-5-5" · resolves model=claude-sonnet-5-5
            claude-haiku-5-5 · Model · 099990012 · 3:7-3:7 "" → " claude-haiku-5-5" · resolves model=claude-haiku-5-5
            claude-mythos-5-1 · Model · 099990013 · 3:7-3:7 "" → " claude-mythos-5-1" · resolves model=claude-mythos-5-1
            claude-haiku-4-5-20251001 · Model · 099990017 · 3:7-3:7 "" → " claude-haiku-4-5-20251001" · resolves model=claude-haiku-4-5-20251001
            claude-haiku-4-5 · Model · 099990018 · 3:7-3:7 "" → " claude-haiku-4-5" · resolves model=claude-haiku-4-5
            claude-mythos-5 · Model · 099990019 · 3:7-3:7 "" → " claude-mythos-5" · resolves model=claude-mythos-5
            claude-mythos-preview · Model · 099990020 · 3:7-3:7 "" → " claude-mythos-preview" · resolves model=claude-mythos-preview
            claude-fable-5 · Model · 199990014 · 3:7-3:7 "" → " claude-fable-5" · legacy — use claude-fable-5-1 · resolves model=claude-fable-5
            claude-opus-5 · Model · 199990015 · 3:7-3:7 "" → " claude-opus-5" · legacy — use claude-opus-5-5 · resolves model=claude-opus-5
            claude-sonnet-5 · Model · 199990016 · 3:7-3:7 "" → " claude-sonnet-5" · legacy — use claude-sonnet-5-5 · resolves model=claude-sonnet-5
            claude-opus-4-8 · Model · 199990021 · 3:7-3:7 "" → " claude-opus-4-8" · legacy — use claude-opus-5-5 · resolves model=claude-opus-4-8
            claude-opus-4-7 · Model · 199990022 · 3:7-3:7 "" → " claude-opus-4-7" · legacy — use claude-opus-5-5 · resolves model=claude-opus-4-7
            claude-opus-4-6 · Model · 199990023 · 3:7-3:7 "" → " claude-opus-4-6" · legacy — use claude-opus-5-5 · resolves model=claude-opus-4-6
            claude-sonnet-4-6 · Model · 199990024 · 3:7-3:7 "" → " claude-sonnet-4-6" · legacy — use claude-sonnet-5-5 · resolves model=claude-sonnet-4-6
            claude-opus-4-5-20251101 · Model · 199990025 · 3:7-3:7 "" → " claude-opus-4-5-20251101" · legacy — use claude-opus-5-5 · resolves model=claude-opus-4-5-20251101
            claude-opus-4-5 · Model · 199990026 · 3:7-3:7 "" → " claude-opus-4-5" · legacy — use claude-opus-5-5 · resolves model=claude-opus-4-5
            claude-sonnet-4-5-20250929 · Model · 399990027 · 3:7-3:7 "" → " claude-sonnet-4-5-20250929" · retired — use claude-sonnet-5-5 · deprecated · resolves model=claude-sonnet-4-5-20250929
            claude-sonnet-4-5 · Model · 399990028 · 3:7-3:7 "" → " claude-sonnet-4-5" · retired — use claude-sonnet-5-5 · deprecated · resolves model=claude-sonnet-4-5
            claude-opus-4-1-20250805 · Model · 399990029 · 3:7-3:7 "" → " claude-opus-4-1-20250805" · retired — use claude-opus-5-5 · deprecated · resolves model=claude-opus-4-1-20250805
            claude-opus-4-1 · Model · 399990030 · 3:7-3:7 "" → " claude-opus-4-1" · retired — use claude-opus-5-5 · deprecated · resolves model=claude-opus-4-1
            claude-opus-4-20250514 · Model · 399990031 · 3:7-3:7 "" → " claude-opus-4-20250514" · retired — use claude-opus-5-5 · deprecated · resolves model=claude-opus-4-20250514
            claude-opus-4 · Model · 399990032 · 3:7-3:7 "" → " claude-opus-4" · retired — use claude-opus-5-5 · deprecated · resolves model=claude-opus-4
            claude-opus-4-0 · Model · 399990033 · 3:7-3:7 "" → " claude-opus-4-0" · retired — use claude-opus-5-5 · deprecated · resolves model=claude-opus-4-0
            claude-sonnet-4-20250514 · Model · 399990034 · 3:7-3:7 "" → " claude-sonnet-4-20250514" · retired — use claude-sonnet-5-5 · deprecated · resolves model=claude-sonnet-4-20250514
            claude-sonnet-4 · Model · 399990035 · 3:7-3:7 "" → " claude-sonnet-4" · retired — use claude-sonnet-5-5 · deprecated · resolves model=claude-sonnet-4
            claude-sonnet-4-0 · Model · 399990036 · 3:7-3:7 "" → " claude-sonnet-4-0" · retired — use claude-sonnet-5-5 · deprecated · resolves model=claude-sonnet-4-0
            claude-3-7-sonnet-20250219 · Model · 399990037 · 3:7-3:7 "" → " claude-3-7-sonnet-20250219" · retired — use claude-sonnet-5-5 · deprecated · resolves model=claude-3-7-sonnet-20250219
            claude-3-7-sonnet-latest · Model · 399990038 · 3:7-3:7 "" → " claude-3-7-sonnet-latest" · retired — use claude-sonnet-5-5 · deprecated · resolves model=claude-3-7-sonnet-latest
            claude-3-5-haiku-20241022 · Model · 399990039 · 3:7-3:7 "" → " claude-3-5-haiku-20241022" · retired — use claude-haiku-5-5 · deprecated · resolves model=claude-3-5-haiku-20241022
            claude-3-5-haiku-latest · Model · 399990040 · 3:7-3:7 "" → " claude-3-5-haiku-latest" · retired — use claude-haiku-5-5 · deprecated · resolves model=claude-3-5-haiku-latest
            claude-3-haiku-20240307 · Model · 399990041 · 3:7-3:7 "" → " claude-3-haiku-20240307" · retired — use claude-haiku-5-5 · deprecated · resolves model=claude-3-haiku-20240307
            claude-3-5-sonnet-20241022 · Model · 399990042 · 3:7-3:7 "" → " claude-3-5-sonnet-20241022" · retired — use claude-sonnet-5-5 · deprecated · resolves model=claude-3-5-sonnet-20241022
            claude-3-5-sonnet-20240620 · Model · 399990043 · 3:7-3:7 "" → " claude-3-5-sonnet-20240620" · retired — use claude-sonnet-5-5 · deprecated · resolves model=claude-3-5-sonnet-20240620
            claude-3-5-sonnet-latest · Model · 399990044 · 3:7-3:7 "" → " claude-3-5-sonnet-latest" · retired — use claude-sonnet-5-5 · deprecated · resolves model=claude-3-5-sonnet-latest
            claude-3-opus-20240229 · Model · 399990045 · 3:7-3:7 "" → " claude-3-opus-20240229" · retired — use claude-opus-5-5 · deprecated · resolves model=claude-3-opus-20240229
            claude-3-opus-latest · Model · 399990046 · 3:7-3:7 "" → " claude-3-opus-latest" · retired — use claude-opus-5-5 · deprecated · resolves model=claude-3-opus-latest
            claude-3-sonnet-20240229 · Model · 399990047 · 3:7-3:7 "" → " claude-3-sonnet-20240229" · retired — use claude-sonnet-5-5 · deprecated · resolves model=claude-3-sonnet-20240229
            claude-2.1 · Model · 399990048 · 3:7-3:7 "" → " claude-2.1" · retired — use claude-sonnet-5-5 · deprecated · resolves model=claude-2.1
            claude-2.0 · Model · 399990049 · 3:7-3:7 "" → " claude-2.0" · retired — use claude-sonnet-5-5 · deprecated · resolves model=claude-2.0
            claude-instant-1.2 · Model · 399990050 · 3:7-3:7 "" → " claude-instant-1.2" · retired — use claude-haiku-5-5 · deprecated · resolves model=claude-instant-1.2
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
permissionMode: $0
---
"#,
        expect![[r#"
            claude-agent: 8 items
            default · Value · 099990000 · 4:17-4:17 "" → "default" · resolves permissionMode=default
                Standard behavior; prompts for permission on first use of each tool.
            acceptEdits · Value · 099990001 · 4:17-4:17 "" → "acceptEdits" · resolves permissionMode=acceptEdits
                Automatically accepts file edits.
            auto · Value · 099990002 · 4:17-4:17 "" → "auto" · resolves permissionMode=auto
                A classifier decides most permission prompts.
            dontAsk · Value · 099990003 · 4:17-4:17 "" → "dontAsk" · resolves permissionMode=dontAsk
                Denies anything not pre-approved instead of asking.
            bypassPermissions · Value · 099990004 · 4:17-4:17 "" → "bypassPermissions" · resolves permissionMode=bypassPermissions
                Skips all permission prompts. Use with care; ignored when `permissions.disableBypassPermissionsMode` is set.
            plan · Value · 099990005 · 4:17-4:17 "" → "plan" · resolves permissionMode=plan
                Plan mode; read-only exploration, no edits.
            manual · Value · 099990006 · 4:17-4:17 "" → "manual" · resolves permissionMode=manual
                Alias of `default` (Claude Code v2.1.200+).
            delegate · Value · 099990007 · 4:17-4:17 "" → "delegate" · resolves permissionMode=delegate
                Coordination-only mode for agent-team leads (VS Code's list; not in Claude Code's subagent docs).
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
color: $0
---
"#,
        expect![[r#"
            claude-agent: 8 items
            red · Value · 099990000 · 4:8-4:8 "" → "red" · resolves color=red
                Red label in the task list and transcript.
            blue · Value · 099990001 · 4:8-4:8 "" → "blue" · resolves color=blue
                Blue label in the task list and transcript.
            green · Value · 099990002 · 4:8-4:8 "" → "green" · resolves color=green
                Green label in the task list and transcript.
            yellow · Value · 099990003 · 4:8-4:8 "" → "yellow" · resolves color=yellow
                Yellow label in the task list and transcript.
            purple · Value · 099990004 · 4:8-4:8 "" → "purple" · resolves color=purple
                Purple label in the task list and transcript.
            orange · Value · 099990005 · 4:8-4:8 "" → "orange" · resolves color=orange
                Orange label in the task list and transcript.
            pink · Value · 099990006 · 4:8-4:8 "" → "pink" · resolves color=pink
                Pink label in the task list and transcript.
            cyan · Value · 099990007 · 4:8-4:8 "" → "cyan" · resolves color=cyan
                Cyan label in the task list and transcript.
        "#]],
    );
}

/// `true` and `false` are inserted bare: quoted, they would be the strings `'true'` and
/// `'false'`, which a tool reading a boolean takes as not set.
#[test]
fn boolean_value() {
    check(
        r#"
//- /.claude/agents/a.md
---
name: a
description: d
background: $0
---
"#,
        expect![[r#"
            claude-agent: 2 items
            true · Value · 00000 · 4:13-4:13 "" → "true" · boolean
            false · Value · 00001 · 4:13-4:13 "" → "false" · boolean
        "#]],
    );
}

#[test]
fn integer_value() {
    check(
        r#"
//- /.claude/agents/a.md
---
name: a
description: d
maxTurns: $0
---
"#,
        expect![[r#"
            claude-agent: 0 items
        "#]],
    );
}

/// Free text: nothing to offer, even with values used elsewhere.
#[test]
fn name_value() {
    check(
        r#"
//- /.claude/agents/a.md
//- used name: other=3
---
name: $0
---
"#,
        expect![[r#"
            claude-agent: 0 items
        "#]],
    );
}

/// Values the workspace uses for the key.
#[test]
fn value_of_an_unknown_key() {
    check(
        r#"
//- /.claude/agents/a.md
//- used team: platform=3, web=1
---
name: a
team: $0
---
"#,
        expect![[r#"
            claude-agent: 2 items
            platform · Used · 50000 · 3:7-3:7 "" → "platform" · used in 3 other files
            web · Used · 50001 · 3:7-3:7 "" → "web" · used in 1 other file
        "#]],
    );
}

/// Most used first.
#[test]
fn free_value_with_workspace_values() {
    check(
        r#"
//- /engineering/x.md
//- used tier: worker/senior=3, lead=1
---
name: X
tier: $0
---
"#,
        expect![[r#"
            agency: 2 items
            worker/senior · Used · 50000 · 3:7-3:7 "" → "worker/senior" · used in 3 other files
            lead · Used · 50001 · 3:7-3:7 "" → "lead" · used in 1 other file
        "#]],
    );
}

/// The configured values come first, then the workspace's.
#[test]
fn free_value_with_configured_and_workspace_values() {
    check(
        r#"
//- /.persona-ls.toml
[dialects.agency.keys.tier]
values = [{ value = "lead", doc = "Leads the team." }, "worker/junior"]
//- /engineering/x.md
//- used tier: worker/senior=3, lead=2
---
name: X
tier: $0
---
"#,
        expect![[r#"
            agency: 3 items
            lead · Value · 099970000 · 3:7-3:7 "" → "lead" · resolves tier=lead
                Leads the team.
            worker/junior · Value · 099990001 · 3:7-3:7 "" → "worker/junior"
            worker/senior · Used · 50000 · 3:7-3:7 "" → "worker/senior" · used in 3 other files
        "#]],
    );
}

#[test]
fn agency_color() {
    check(
        r#"
//- /engineering/x.md
//- client: lazy-docs
---
name: X
color: $0
---
"#,
        expect![[r#"
            agency: 21 items
            orange · Value · 099990000 · 3:8-3:8 "" → "orange" · resolves color=orange
            blue · Value · 099990001 · 3:8-3:8 "" → "blue" · resolves color=blue
            green · Value · 099990002 · 3:8-3:8 "" → "green" · resolves color=green
            purple · Value · 099990003 · 3:8-3:8 "" → "purple" · resolves color=purple
            teal · Value · 099990004 · 3:8-3:8 "" → "teal" · resolves color=teal
            red · Value · 099990005 · 3:8-3:8 "" → "red" · resolves color=red
            indigo · Value · 099990006 · 3:8-3:8 "" → "indigo" · resolves color=indigo
            cyan · Value · 099990007 · 3:8-3:8 "" → "cyan" · resolves color=cyan
            amber · Value · 099990008 · 3:8-3:8 "" → "amber" · resolves color=amber
            pink · Value · 099990009 · 3:8-3:8 "" → "pink" · resolves color=pink
            yellow · Value · 099990010 · 3:8-3:8 "" → "yellow" · resolves color=yellow
            violet · Value · 099990011 · 3:8-3:8 "" → "violet" · resolves color=violet
            slate · Value · 099990012 · 3:8-3:8 "" → "slate" · resolves color=slate
            rose · Value · 099990013 · 3:8-3:8 "" → "rose" · resolves color=rose
            neon-green · Value · 099990014 · 3:8-3:8 "" → "neon-green" · resolves color=neon-green
            neon-cyan · Value · 099990015 · 3:8-3:8 "" → "neon-cyan" · resolves color=neon-cyan
            metallic-blue · Value · 099990016 · 3:8-3:8 "" → "metallic-blue" · resolves color=metallic-blue
            lime · Value · 099990017 · 3:8-3:8 "" → "lime" · resolves color=lime
            gray · Value · 099990018 · 3:8-3:8 "" → "gray" · resolves color=gray
            gold · Value · 099990019 · 3:8-3:8 "" → "gold" · resolves color=gold
            fuchsia · Value · 099990020 · 3:8-3:8 "" → "fuchsia" · resolves color=fuchsia
        "#]],
    );
}

/// Copilot models have no fixed set: the values used in the workspace.
#[test]
fn copilot_model() {
    check(
        r#"
//- /.github/agents/a.agent.md
//- used model: GPT-5=3, Claude Sonnet 4.5 (copilot)=1
---
description: d
model: $0
---
"#,
        expect![[r#"
            copilot-agent: 2 items
            GPT-5 · Used · 50000 · 3:8-3:8 "" → "GPT-5" · used in 3 other files
            Claude Sonnet 4.5 (copilot) · Used · 50001 · 3:8-3:8 "" → "Claude Sonnet 4.5 (copilot)" · used in 1 other file
        "#]],
    );
}

#[test]
fn opencode_model() {
    check(
        r#"
//- /.opencode/agent/review.md
//- used model: anthropic/claude-sonnet-4-5=2
---
description: d
model: $0
---
"#,
        expect![[r#"
            opencode-agent: 1 item
            anthropic/claude-sonnet-4-5 · Used · 50000 · 3:8-3:8 "" → "anthropic/claude-sonnet-4-5" · used in 2 other files
        "#]],
    );
}

#[test]
fn opencode_mode() {
    check(
        r#"
//- /.opencode/agent/review.md
---
description: d
mode: $0
---
"#,
        expect![[r#"
            opencode-agent: 3 items
            subagent · Value · 099990000 · 3:7-3:7 "" → "subagent" · resolves mode=subagent
                Only invoked by other agents or via `@` mention.
            primary · Value · 099990001 · 3:7-3:7 "" → "primary" · resolves mode=primary
                Selectable as a main agent (Tab to cycle).
            all · Value · 099990002 · 3:7-3:7 "" → "all" · resolves mode=all
                Usable both as primary agent and as subagent (default).
        "#]],
    );
}

#[test]
fn skill_context() {
    check(
        r#"
//- /.claude/skills/pdf/SKILL.md
---
name: pdf
description: d
context: $0
---
"#,
        expect![[r#"
            claude-skill: 2 items
            fork · Value · 099990000 · 4:10-4:10 "" → "fork" · resolves context=fork
                Run the skill in a forked subagent context (see `agent`).
            inline · Value · 099990001 · 4:10-4:10 "" → "inline" · resolves context=inline
                Run the skill in the main conversation (the default).
        "#]],
    );
}

#[test]
fn copilot_prompt_agent() {
    check(
        r#"
//- /.github/prompts/fix.prompt.md
---
description: d
agent: $0
---
"#,
        expect![[r#"
            copilot-prompt: 4 items
            ask · Value · 099990000 · 3:8-3:8 "" → "ask" · resolves agent=ask
                Run the prompt in the built-in Ask agent (answers questions, no edits).
            agent · Value · 099990001 · 3:8-3:8 "" → "agent" · resolves agent=agent
                Run the prompt in the built-in Agent (autonomous edits and tool use).
            plan · Value · 099990002 · 3:8-3:8 "" → "plan" · resolves agent=plan
                Run the prompt in the built-in Plan agent (produces a plan).
            edit · Value · 099990003 · 3:8-3:8 "" → "edit" · resolves agent=edit
                Run the prompt in the Edit mode (legacy built-in edit mode).
        "#]],
    );
}

/// Bare booleans here too: Cursor's docs say the string `"true"` is not always-applied.
#[test]
fn cursor_rule_always_apply() {
    check(
        r#"
//- /.cursor/rules/style.mdc
---
description: d
alwaysApply: $0
---
"#,
        expect![[r#"
            cursor-rule: 2 items
            true · Value · 00000 · 3:14-3:14 "" → "true" · boolean
            false · Value · 00001 · 3:14-3:14 "" → "false" · boolean
        "#]],
    );
}

#[test]
fn opencode_command_agent() {
    check(
        r#"
//- /.opencode/command/test.md
---
description: d
agent: $0
---
"#,
        expect![[r#"
            opencode-command: 5 items
            build · Value · 099990000 · 3:8-3:8 "" → "build" · resolves agent=build
                The default agent, which can read, write and run commands.
            plan · Value · 099990001 · 3:8-3:8 "" → "plan" · resolves agent=plan
                The read-only agent, which analyses without changing files.
            general · Value · 099990002 · 3:8-3:8 "" → "general" · resolves agent=general
                The built-in general-purpose subagent, for research and multi-step tasks.
            explore · Value · 099990003 · 3:8-3:8 "" → "explore" · resolves agent=explore
                The built-in read-only subagent that explores a codebase.
            scout · Value · 099990004 · 3:8-3:8 "" → "scout" · resolves agent=scout
                A built-in subagent of recent OpenCode versions.
        "#]],
    );
}

#[test]
fn copilot_chat_mode_model() {
    check(
        r#"
//- /.github/chatmodes/plan.chatmode.md
//- used model: GPT-5=1
---
description: d
model: $0
---
"#,
        expect![[r#"
            copilot-chatmode: 1 item
            GPT-5 · Used · 50000 · 3:8-3:8 "" → "GPT-5" · used in 1 other file
        "#]],
    );
}

#[test]
fn copilot_instructions_exclude_agent() {
    check(
        r#"
//- /.github/instructions/rust.instructions.md
---
applyTo: "**/*.rs"
excludeAgent: $0
---
"#,
        expect![[r#"
            copilot-instructions: 2 items
            code-review · Value · 099990000 · 3:15-3:15 "" → "code-review" · resolves excludeAgent=code-review
                Don't use these instructions in Copilot code review.
            coding-agent · Value · 099990001 · 3:15-3:15 "" → "coding-agent" · resolves excludeAgent=coding-agent
                Don't use these instructions in the Copilot cloud (coding) agent.
        "#]],
    );
}

#[test]
fn claude_command_model() {
    check(
        r#"
//- /.claude/commands/review.md
//- client: lazy-docs
---
description: d
model: $0
---
"#,
        expect![[r#"
            claude-command: 51 items
            sonnet · Model · 099990000 · 3:8-3:8 "" → "sonnet" · resolves model=sonnet
            opus · Model · 099990001 · 3:8-3:8 "" → "opus" · resolves model=opus
            haiku · Model · 099990002 · 3:8-3:8 "" → "haiku" · resolves model=haiku
            fable · Model · 099990003 · 3:8-3:8 "" → "fable" · resolves model=fable
            inherit · Model · 099990004 · 3:8-3:8 "" → "inherit" · resolves model=inherit
            best · Model · 099990005 · 3:8-3:8 "" → "best" · resolves model=best
            opusplan · Model · 099990006 · 3:8-3:8 "" → "opusplan" · resolves model=opusplan
            sonnet[1m] · Model · 099990007 · 3:8-3:8 "" → "sonnet[1m]" · resolves model=sonnet[1m]
            opus[1m] · Model · 099990008 · 3:8-3:8 "" → "opus[1m]" · resolves model=opus[1m]
            claude-fable-5-1 · Model · 099990009 · 3:8-3:8 "" → "claude-fable-5-1" · resolves model=claude-fable-5-1
            claude-opus-5-5 · Model · 099990010 · 3:8-3:8 "" → "claude-opus-5-5" · resolves model=claude-opus-5-5
            claude-sonnet-5-5 · Model · 099990011 · 3:8-3:8 "" → "claude-sonnet-5-5" · resolves model=claude-sonnet-5-5
            claude-haiku-5-5 · Model · 099990012 · 3:8-3:8 "" → "claude-haiku-5-5" · resolves model=claude-haiku-5-5
            claude-mythos-5-1 · Model · 099990013 · 3:8-3:8 "" → "claude-mythos-5-1" · resolves model=claude-mythos-5-1
            claude-haiku-4-5-20251001 · Model · 099990017 · 3:8-3:8 "" → "claude-haiku-4-5-20251001" · resolves model=claude-haiku-4-5-20251001
            claude-haiku-4-5 · Model · 099990018 · 3:8-3:8 "" → "claude-haiku-4-5" · resolves model=claude-haiku-4-5
            claude-mythos-5 · Model · 099990019 · 3:8-3:8 "" → "claude-mythos-5" · resolves model=claude-mythos-5
            claude-mythos-preview · Model · 099990020 · 3:8-3:8 "" → "claude-mythos-preview" · resolves model=claude-mythos-preview
            claude-fable-5 · Model · 199990014 · 3:8-3:8 "" → "claude-fable-5" · legacy — use claude-fable-5-1 · resolves model=claude-fable-5
            claude-opus-5 · Model · 199990015 · 3:8-3:8 "" → "claude-opus-5" · legacy — use claude-opus-5-5 · resolves model=claude-opus-5
            claude-sonnet-5 · Model · 199990016 · 3:8-3:8 "" → "claude-sonnet-5" · legacy — use claude-sonnet-5-5 · resolves model=claude-sonnet-5
            claude-opus-4-8 · Model · 199990021 · 3:8-3:8 "" → "claude-opus-4-8" · legacy — use claude-opus-5-5 · resolves model=claude-opus-4-8
            claude-opus-4-7 · Model · 199990022 · 3:8-3:8 "" → "claude-opus-4-7" · legacy — use claude-opus-5-5 · resolves model=claude-opus-4-7
            claude-opus-4-6 · Model · 199990023 · 3:8-3:8 "" → "claude-opus-4-6" · legacy — use claude-opus-5-5 · resolves model=claude-opus-4-6
            claude-sonnet-4-6 · Model · 199990024 · 3:8-3:8 "" → "claude-sonnet-4-6" · legacy — use claude-sonnet-5-5 · resolves model=claude-sonnet-4-6
            claude-opus-4-5-20251101 · Model · 199990025 · 3:8-3:8 "" → "claude-opus-4-5-20251101" · legacy — use claude-opus-5-5 · resolves model=claude-opus-4-5-20251101
            claude-opus-4-5 · Model · 199990026 · 3:8-3:8 "" → "claude-opus-4-5" · legacy — use claude-opus-5-5 · resolves model=claude-opus-4-5
            claude-sonnet-4-5-20250929 · Model · 399990027 · 3:8-3:8 "" → "claude-sonnet-4-5-20250929" · retired — use claude-sonnet-5-5 · deprecated · resolves model=claude-sonnet-4-5-20250929
            claude-sonnet-4-5 · Model · 399990028 · 3:8-3:8 "" → "claude-sonnet-4-5" · retired — use claude-sonnet-5-5 · deprecated · resolves model=claude-sonnet-4-5
            claude-opus-4-1-20250805 · Model · 399990029 · 3:8-3:8 "" → "claude-opus-4-1-20250805" · retired — use claude-opus-5-5 · deprecated · resolves model=claude-opus-4-1-20250805
            claude-opus-4-1 · Model · 399990030 · 3:8-3:8 "" → "claude-opus-4-1" · retired — use claude-opus-5-5 · deprecated · resolves model=claude-opus-4-1
            claude-opus-4-20250514 · Model · 399990031 · 3:8-3:8 "" → "claude-opus-4-20250514" · retired — use claude-opus-5-5 · deprecated · resolves model=claude-opus-4-20250514
            claude-opus-4 · Model · 399990032 · 3:8-3:8 "" → "claude-opus-4" · retired — use claude-opus-5-5 · deprecated · resolves model=claude-opus-4
            claude-opus-4-0 · Model · 399990033 · 3:8-3:8 "" → "claude-opus-4-0" · retired — use claude-opus-5-5 · deprecated · resolves model=claude-opus-4-0
            claude-sonnet-4-20250514 · Model · 399990034 · 3:8-3:8 "" → "claude-sonnet-4-20250514" · retired — use claude-sonnet-5-5 · deprecated · resolves model=claude-sonnet-4-20250514
            claude-sonnet-4 · Model · 399990035 · 3:8-3:8 "" → "claude-sonnet-4" · retired — use claude-sonnet-5-5 · deprecated · resolves model=claude-sonnet-4
            claude-sonnet-4-0 · Model · 399990036 · 3:8-3:8 "" → "claude-sonnet-4-0" · retired — use claude-sonnet-5-5 · deprecated · resolves model=claude-sonnet-4-0
            claude-3-7-sonnet-20250219 · Model · 399990037 · 3:8-3:8 "" → "claude-3-7-sonnet-20250219" · retired — use claude-sonnet-5-5 · deprecated · resolves model=claude-3-7-sonnet-20250219
            claude-3-7-sonnet-latest · Model · 399990038 · 3:8-3:8 "" → "claude-3-7-sonnet-latest" · retired — use claude-sonnet-5-5 · deprecated · resolves model=claude-3-7-sonnet-latest
            claude-3-5-haiku-20241022 · Model · 399990039 · 3:8-3:8 "" → "claude-3-5-haiku-20241022" · retired — use claude-haiku-5-5 · deprecated · resolves model=claude-3-5-haiku-20241022
            claude-3-5-haiku-latest · Model · 399990040 · 3:8-3:8 "" → "claude-3-5-haiku-latest" · retired — use claude-haiku-5-5 · deprecated · resolves model=claude-3-5-haiku-latest
            claude-3-haiku-20240307 · Model · 399990041 · 3:8-3:8 "" → "claude-3-haiku-20240307" · retired — use claude-haiku-5-5 · deprecated · resolves model=claude-3-haiku-20240307
            claude-3-5-sonnet-20241022 · Model · 399990042 · 3:8-3:8 "" → "claude-3-5-sonnet-20241022" · retired — use claude-sonnet-5-5 · deprecated · resolves model=claude-3-5-sonnet-20241022
            claude-3-5-sonnet-20240620 · Model · 399990043 · 3:8-3:8 "" → "claude-3-5-sonnet-20240620" · retired — use claude-sonnet-5-5 · deprecated · resolves model=claude-3-5-sonnet-20240620
            claude-3-5-sonnet-latest · Model · 399990044 · 3:8-3:8 "" → "claude-3-5-sonnet-latest" · retired — use claude-sonnet-5-5 · deprecated · resolves model=claude-3-5-sonnet-latest
            claude-3-opus-20240229 · Model · 399990045 · 3:8-3:8 "" → "claude-3-opus-20240229" · retired — use claude-opus-5-5 · deprecated · resolves model=claude-3-opus-20240229
            claude-3-opus-latest · Model · 399990046 · 3:8-3:8 "" → "claude-3-opus-latest" · retired — use claude-opus-5-5 · deprecated · resolves model=claude-3-opus-latest
            claude-3-sonnet-20240229 · Model · 399990047 · 3:8-3:8 "" → "claude-3-sonnet-20240229" · retired — use claude-sonnet-5-5 · deprecated · resolves model=claude-3-sonnet-20240229
            claude-2.1 · Model · 399990048 · 3:8-3:8 "" → "claude-2.1" · retired — use claude-sonnet-5-5 · deprecated · resolves model=claude-2.1
            claude-2.0 · Model · 399990049 · 3:8-3:8 "" → "claude-2.0" · retired — use claude-sonnet-5-5 · deprecated · resolves model=claude-2.0
            claude-instant-1.2 · Model · 399990050 · 3:8-3:8 "" → "claude-instant-1.2" · retired — use claude-haiku-5-5 · deprecated · resolves model=claude-instant-1.2
        "#]],
    );
}

/// Every tool with its docs.
#[test]
fn tools_value() {
    check(
        r#"
//- /.claude/agents/a.md
---
name: a
description: d
tools: $0
---
"#,
        expect![[r#"
            claude-agent: 57 items
            Agent · Tool · 099990000 · 4:8-4:8 "" → "Agent" · resolves tools=Agent
                Spawns a subagent with its own context window. In a main-thread agent, `Agent(a, b)` restricts which subagent types it may spawn.
            Artifact · Tool · 099990001 · 4:8-4:8 "" → "Artifact" · resolves tools=Artifact
                Publishes an HTML or Markdown file as a private, shareable artifact page on claude.ai.
            AskUserQuestion · Tool · 099990002 · 4:8-4:8 "" → "AskUserQuestion" · resolves tools=AskUserQuestion
                Asks multiple-choice questions to gather requirements. Never available to subagents.
            Bash · Tool · 099990003 · 4:8-4:8 "" → "Bash" · resolves tools=Bash
                Executes shell commands in your environment.
            CronCreate · Tool · 099990004 · 4:8-4:8 "" → "CronCreate" · resolves tools=CronCreate
                Schedules a recurring or one-shot prompt within the current session.
            CronDelete · Tool · 099990005 · 4:8-4:8 "" → "CronDelete" · resolves tools=CronDelete
                Cancels a scheduled task by id.
            CronList · Tool · 099990006 · 4:8-4:8 "" → "CronList" · resolves tools=CronList
                Lists all scheduled tasks in the session.
            Edit · Tool · 099990007 · 4:8-4:8 "" → "Edit" · resolves tools=Edit
                Makes targeted edits to specific files.
            EndConversation · Tool · 099990008 · 4:8-4:8 "" → "EndConversation" · resolves tools=EndConversation
                Ends the session (sustained abusive input, or on request). Never available to subagents.
            EnterPlanMode · Tool · 099990009 · 4:8-4:8 "" → "EnterPlanMode" · resolves tools=EnterPlanMode
                Switches to plan mode to design an approach before coding. Never available to subagents.
            EnterWorktree · Tool · 099990010 · 4:8-4:8 "" → "EnterWorktree" · resolves tools=EnterWorktree
                Creates an isolated git worktree and switches into it (or enters an existing one).
            ExitPlanMode · Tool · 099990011 · 4:8-4:8 "" → "ExitPlanMode" · resolves tools=ExitPlanMode
                Presents a plan for approval and exits plan mode. Not available to subagents unless `permissionMode: plan`.
            ExitWorktree · Tool · 099990012 · 4:8-4:8 "" → "ExitWorktree" · resolves tools=ExitWorktree
                Exits a worktree session and returns to the original directory.
            Glob · Tool · 099990013 · 4:8-4:8 "" → "Glob" · resolves tools=Glob
                Finds files by glob pattern.
            Grep · Tool · 099990014 · 4:8-4:8 "" → "Grep" · resolves tools=Grep
                Searches file contents for a pattern.
            ListAgents · Tool · 099990015 · 4:8-4:8 "" → "ListAgents" · resolves tools=ListAgents
                Lists the agents Claude can message with `SendMessage` (cross-session messaging).
            ListMcpResourcesTool · Tool · 099990016 · 4:8-4:8 "" → "ListMcpResourcesTool" · resolves tools=ListMcpResourcesTool
                Lists resources exposed by connected MCP servers.
            LSP · Tool · 099990017 · 4:8-4:8 "" → "LSP" · resolves tools=LSP
                Code intelligence via language servers (definitions, references, diagnostics).
            Monitor · Tool · 099990018 · 4:8-4:8 "" → "Monitor" · resolves tools=Monitor
                Runs a command in the background and feeds each output line back to Claude.
            NotebookEdit · Tool · 099990019 · 4:8-4:8 "" → "NotebookEdit" · resolves tools=NotebookEdit
                Modifies Jupyter notebook cells.
            PowerShell · Tool · 099990020 · 4:8-4:8 "" → "PowerShell" · resolves tools=PowerShell
                Executes PowerShell commands natively.
            PushNotification · Tool · 099990021 · 4:8-4:8 "" → "PushNotification" · resolves tools=PushNotification
                Sends a desktop (and phone, with Remote Control) notification.
            Read · Tool · 099990022 · 4:8-4:8 "" → "Read" · resolves tools=Read
                Reads the contents of files.
            ReadMcpResourceTool · Tool · 099990023 · 4:8-4:8 "" → "ReadMcpResourceTool" · resolves tools=ReadMcpResourceTool
                Reads a specific MCP resource by URI.
            RemoteTrigger · Tool · 099990024 · 4:8-4:8 "" → "RemoteTrigger" · resolves tools=RemoteTrigger
                Creates, updates, runs and lists Routines on claude.ai (backs `/schedule`).
            ReportFindings · Tool · 099990025 · 4:8-4:8 "" → "ReportFindings" · resolves tools=ReportFindings
                Reports code-review findings as a structured list (Claude Code v2.1.196+).
            ScheduleWakeup · Tool · 099990026 · 4:8-4:8 "" → "ScheduleWakeup" · resolves tools=ScheduleWakeup
                Reschedules the next iteration of a self-paced `/loop`. Never available to subagents.
            SendFeedback · Tool · 099990027 · 4:8-4:8 "" → "SendFeedback" · resolves tools=SendFeedback
                Drafts a feedback report about Claude Code for you to review (v2.1.238+; listed in a newer tools reference than the spec snapshot).
            SendMessage · Tool · 099990028 · 4:8-4:8 "" → "SendMessage" · resolves tools=SendMessage
                Sends a message to another agent, teammate, resumed subagent or Claude Code session.
            SendUserFile · Tool · 099990029 · 4:8-4:8 "" → "SendUserFile" · resolves tools=SendUserFile
                Sends files from the session to you (Remote Control or cloud sessions).
            ShareOnboardingGuide · Tool · 099990030 · 4:8-4:8 "" → "ShareOnboardingGuide" · resolves tools=ShareOnboardingGuide
                Uploads `ONBOARDING.md` and returns a share link (used by `/team-onboarding`).
            Skill · Tool · 099990031 · 4:8-4:8 "" → "Skill" · resolves tools=Skill
                Executes a skill within the main conversation. To preload skills into a subagent use the `skills` field instead of listing `Skill`.
            SubagentHandback · Tool · 099990032 · 4:8-4:8 "" → "SubagentHandback" · resolves tools=SubagentHandback
                Delivers a subagent's final report in auto mode (v2.1.271+; listed in a newer tools reference than the spec snapshot).
            TaskCreate · Tool · 099990033 · 4:8-4:8 "" → "TaskCreate" · resolves tools=TaskCreate
                Creates a new task in the task list.
            TaskGet · Tool · 099990034 · 4:8-4:8 "" → "TaskGet" · resolves tools=TaskGet
                Retrieves full details for a specific task.
            TaskList · Tool · 099990035 · 4:8-4:8 "" → "TaskList" · resolves tools=TaskList
                Lists all tasks with their current status.
            TaskStop · Tool · 099990037 · 4:8-4:8 "" → "TaskStop" · resolves tools=TaskStop
                Stops a running background task, teammate or named background agent.
            TaskUpdate · Tool · 099990038 · 4:8-4:8 "" → "TaskUpdate" · resolves tools=TaskUpdate
                Updates task status, dependencies or details, or deletes tasks.
            TodoWrite · Tool · 099990039 · 4:8-4:8 "" → "TodoWrite" · resolves tools=TodoWrite
                Manages the session checklist. Disabled by default in favor of the `Task*` tools (`CLAUDE_CODE_ENABLE_TASKS=0` re-enables it).
            ToolSearch · Tool · 099990040 · 4:8-4:8 "" → "ToolSearch" · resolves tools=ToolSearch
                Searches for and loads deferred tools when tool search is enabled.
            WaitForMcpServers · Tool · 099990041 · 4:8-4:8 "" → "WaitForMcpServers" · resolves tools=WaitForMcpServers
                Waits for MCP servers still connecting in the background. Never available to subagents.
            WebFetch · Tool · 099990042 · 4:8-4:8 "" → "WebFetch" · resolves tools=WebFetch
                Fetches content from a URL.
            WebSearch · Tool · 099990043 · 4:8-4:8 "" → "WebSearch" · resolves tools=WebSearch
                Performs web searches.
            Workflow · Tool · 099990044 · 4:8-4:8 "" → "Workflow" · resolves tools=Workflow
                Runs a dynamic workflow script that orchestrates many subagents. Never available to subagents.
            Write · Tool · 099990045 · 4:8-4:8 "" → "Write" · resolves tools=Write
                Creates or overwrites files.
            Task · Tool · 199990046 · 4:8-4:8 "" → "Task" · legacy — use Agent · resolves tools=Task
                Old name of `Agent` (renamed in Claude Code 2.1.63); still works as an alias.

                *Legacy*: use `Agent`.
            MultiEdit · Tool · 199990047 · 4:8-4:8 "" → "MultiEdit" · legacy — use Edit · resolves tools=MultiEdit
                Former multi-edit tool; use `Edit`.

                *Legacy*: use `Edit`.
            LS · Tool · 199990048 · 4:8-4:8 "" → "LS" · legacy — use Glob · resolves tools=LS
                Former directory-listing tool; use `Glob` (or `Bash`).

                *Legacy*: use `Glob`.
            KillShell · Tool · 199990049 · 4:8-4:8 "" → "KillShell" · legacy — use TaskStop · resolves tools=KillShell
                Former tool to kill a background shell; use `TaskStop`.

                *Legacy*: use `TaskStop`.
            KillBash · Tool · 199990050 · 4:8-4:8 "" → "KillBash" · legacy — use TaskStop · resolves tools=KillBash
                The first name of `KillShell`, the former tool to kill a background shell; use `TaskStop`.

                *Legacy*: use `TaskStop`.
            BashOutput · Tool · 199990051 · 4:8-4:8 "" → "BashOutput" · legacy — use TaskOutput · resolves tools=BashOutput
                Former tool to read background shell output (unshipped in favor of `TaskOutput`).

                *Legacy*: use `TaskOutput`.
            AgentOutputTool · Tool · 199990052 · 4:8-4:8 "" → "AgentOutputTool" · legacy — use TaskOutput · resolves tools=AgentOutputTool
                Former tool to read background agent output (unshipped in favor of `TaskOutput`).

                *Legacy*: use `TaskOutput`.
            NotebookRead · Tool · 199990053 · 4:8-4:8 "" → "NotebookRead" · legacy — use Read · resolves tools=NotebookRead
                Former notebook reader; `Read` reads notebooks.

                *Legacy*: use `Read`.
            SlashCommand · Tool · 199990054 · 4:8-4:8 "" → "SlashCommand" · legacy — use Skill · resolves tools=SlashCommand
                Former tool to run slash commands; commands now run through `Skill`.

                *Legacy*: use `Skill`.
            Cd · Tool · 199990055 · 4:8-4:8 "" → "Cd" · legacy · resolves tools=Cd
                Directory-change rule name still accepted in permission rules (SchemaStore); not in the current tools reference.

                *Legacy*.
            MCPSearch · Tool · 199990056 · 4:8-4:8 "" → "MCPSearch" · legacy — use ToolSearch · resolves tools=MCPSearch
                Former MCP tool-search tool; use `ToolSearch`.

                *Legacy*: use `ToolSearch`.
            TaskOutput · Tool · 299990036 · 4:8-4:8 "" → "TaskOutput" · deprecated — use Read · deprecated · resolves tools=TaskOutput
                Retrieves output from a background task. Deprecated in favor of `Read` on the task's output file; never available to subagents.

                *Deprecated*: use `Read`.
        "#]],
    );
}

/// The tools already listed are not offered again.
#[test]
fn tools_after_a_comma_and_a_space() {
    check(
        r#"
//- /.claude/agents/a.md
//- client: lazy-docs
---
name: a
tools: Read, $0
---
"#,
        expect![[r#"
            claude-agent: 56 items
            Agent · Tool · 099990000 · 3:14-3:14 "" → "Agent" · resolves tools=Agent
            Artifact · Tool · 099990001 · 3:14-3:14 "" → "Artifact" · resolves tools=Artifact
            AskUserQuestion · Tool · 099990002 · 3:14-3:14 "" → "AskUserQuestion" · resolves tools=AskUserQuestion
            Bash · Tool · 099990003 · 3:14-3:14 "" → "Bash" · resolves tools=Bash
            CronCreate · Tool · 099990004 · 3:14-3:14 "" → "CronCreate" · resolves tools=CronCreate
            CronDelete · Tool · 099990005 · 3:14-3:14 "" → "CronDelete" · resolves tools=CronDelete
            CronList · Tool · 099990006 · 3:14-3:14 "" → "CronList" · resolves tools=CronList
            Edit · Tool · 099990007 · 3:14-3:14 "" → "Edit" · resolves tools=Edit
            EndConversation · Tool · 099990008 · 3:14-3:14 "" → "EndConversation" · resolves tools=EndConversation
            EnterPlanMode · Tool · 099990009 · 3:14-3:14 "" → "EnterPlanMode" · resolves tools=EnterPlanMode
            EnterWorktree · Tool · 099990010 · 3:14-3:14 "" → "EnterWorktree" · resolves tools=EnterWorktree
            ExitPlanMode · Tool · 099990011 · 3:14-3:14 "" → "ExitPlanMode" · resolves tools=ExitPlanMode
            ExitWorktree · Tool · 099990012 · 3:14-3:14 "" → "ExitWorktree" · resolves tools=ExitWorktree
            Glob · Tool · 099990013 · 3:14-3:14 "" → "Glob" · resolves tools=Glob
            Grep · Tool · 099990014 · 3:14-3:14 "" → "Grep" · resolves tools=Grep
            ListAgents · Tool · 099990015 · 3:14-3:14 "" → "ListAgents" · resolves tools=ListAgents
            ListMcpResourcesTool · Tool · 099990016 · 3:14-3:14 "" → "ListMcpResourcesTool" · resolves tools=ListMcpResourcesTool
            LSP · Tool · 099990017 · 3:14-3:14 "" → "LSP" · resolves tools=LSP
            Monitor · Tool · 099990018 · 3:14-3:14 "" → "Monitor" · resolves tools=Monitor
            NotebookEdit · Tool · 099990019 · 3:14-3:14 "" → "NotebookEdit" · resolves tools=NotebookEdit
            PowerShell · Tool · 099990020 · 3:14-3:14 "" → "PowerShell" · resolves tools=PowerShell
            PushNotification · Tool · 099990021 · 3:14-3:14 "" → "PushNotification" · resolves tools=PushNotification
            ReadMcpResourceTool · Tool · 099990023 · 3:14-3:14 "" → "ReadMcpResourceTool" · resolves tools=ReadMcpResourceTool
            RemoteTrigger · Tool · 099990024 · 3:14-3:14 "" → "RemoteTrigger" · resolves tools=RemoteTrigger
            ReportFindings · Tool · 099990025 · 3:14-3:14 "" → "ReportFindings" · resolves tools=ReportFindings
            ScheduleWakeup · Tool · 099990026 · 3:14-3:14 "" → "ScheduleWakeup" · resolves tools=ScheduleWakeup
            SendFeedback · Tool · 099990027 · 3:14-3:14 "" → "SendFeedback" · resolves tools=SendFeedback
            SendMessage · Tool · 099990028 · 3:14-3:14 "" → "SendMessage" · resolves tools=SendMessage
            SendUserFile · Tool · 099990029 · 3:14-3:14 "" → "SendUserFile" · resolves tools=SendUserFile
            ShareOnboardingGuide · Tool · 099990030 · 3:14-3:14 "" → "ShareOnboardingGuide" · resolves tools=ShareOnboardingGuide
            Skill · Tool · 099990031 · 3:14-3:14 "" → "Skill" · resolves tools=Skill
            SubagentHandback · Tool · 099990032 · 3:14-3:14 "" → "SubagentHandback" · resolves tools=SubagentHandback
            TaskCreate · Tool · 099990033 · 3:14-3:14 "" → "TaskCreate" · resolves tools=TaskCreate
            TaskGet · Tool · 099990034 · 3:14-3:14 "" → "TaskGet" · resolves tools=TaskGet
            TaskList · Tool · 099990035 · 3:14-3:14 "" → "TaskList" · resolves tools=TaskList
            TaskStop · Tool · 099990037 · 3:14-3:14 "" → "TaskStop" · resolves tools=TaskStop
            TaskUpdate · Tool · 099990038 · 3:14-3:14 "" → "TaskUpdate" · resolves tools=TaskUpdate
            TodoWrite · Tool · 099990039 · 3:14-3:14 "" → "TodoWrite" · resolves tools=TodoWrite
            ToolSearch · Tool · 099990040 · 3:14-3:14 "" → "ToolSearch" · resolves tools=ToolSearch
            WaitForMcpServers · Tool · 099990041 · 3:14-3:14 "" → "WaitForMcpServers" · resolves tools=WaitForMcpServers
            WebFetch · Tool · 099990042 · 3:14-3:14 "" → "WebFetch" · resolves tools=WebFetch
            WebSearch · Tool · 099990043 · 3:14-3:14 "" → "WebSearch" · resolves tools=WebSearch
            Workflow · Tool · 099990044 · 3:14-3:14 "" → "Workflow" · resolves tools=Workflow
            Write · Tool · 099990045 · 3:14-3:14 "" → "Write" · resolves tools=Write
            Task · Tool · 199990046 · 3:14-3:14 "" → "Task" · legacy — use Agent · resolves tools=Task
            MultiEdit · Tool · 199990047 · 3:14-3:14 "" → "MultiEdit" · legacy — use Edit · resolves tools=MultiEdit
            LS · Tool · 199990048 · 3:14-3:14 "" → "LS" · legacy — use Glob · resolves tools=LS
            KillShell · Tool · 199990049 · 3:14-3:14 "" → "KillShell" · legacy — use TaskStop · resolves tools=KillShell
            KillBash · Tool · 199990050 · 3:14-3:14 "" → "KillBash" · legacy — use TaskStop · resolves tools=KillBash
            BashOutput · Tool · 199990051 · 3:14-3:14 "" → "BashOutput" · legacy — use TaskOutput · resolves tools=BashOutput
            AgentOutputTool · Tool · 199990052 · 3:14-3:14 "" → "AgentOutputTool" · legacy — use TaskOutput · resolves tools=AgentOutputTool
            NotebookRead · Tool · 199990053 · 3:14-3:14 "" → "NotebookRead" · legacy — use Read · resolves tools=NotebookRead
            SlashCommand · Tool · 199990054 · 3:14-3:14 "" → "SlashCommand" · legacy — use Skill · resolves tools=SlashCommand
            Cd · Tool · 199990055 · 3:14-3:14 "" → "Cd" · legacy · resolves tools=Cd
            MCPSearch · Tool · 199990056 · 3:14-3:14 "" → "MCPSearch" · legacy — use ToolSearch · resolves tools=MCPSearch
            TaskOutput · Tool · 299990036 · 3:14-3:14 "" → "TaskOutput" · deprecated — use Read · deprecated · resolves tools=TaskOutput
        "#]],
    );
}

/// A space is inserted.
#[test]
fn tools_right_after_a_comma() {
    check(
        r#"
//- /.claude/agents/a.md
//- client: lazy-docs
---
name: a
tools: Read,$0
---
"#,
        expect![[r#"
            claude-agent: 56 items
            Agent · Tool · 099990000 · 3:13-3:13 "" → " Agent" · resolves tools=Agent
            Artifact · Tool · 099990001 · 3:13-3:13 "" → " Artifact" · resolves tools=Artifact
            AskUserQuestion · Tool · 099990002 · 3:13-3:13 "" → " AskUserQuestion" · resolves tools=AskUserQuestion
            Bash · Tool · 099990003 · 3:13-3:13 "" → " Bash" · resolves tools=Bash
            CronCreate · Tool · 099990004 · 3:13-3:13 "" → " CronCreate" · resolves tools=CronCreate
            CronDelete · Tool · 099990005 · 3:13-3:13 "" → " CronDelete" · resolves tools=CronDelete
            CronList · Tool · 099990006 · 3:13-3:13 "" → " CronList" · resolves tools=CronList
            Edit · Tool · 099990007 · 3:13-3:13 "" → " Edit" · resolves tools=Edit
            EndConversation · Tool · 099990008 · 3:13-3:13 "" → " EndConversation" · resolves tools=EndConversation
            EnterPlanMode · Tool · 099990009 · 3:13-3:13 "" → " EnterPlanMode" · resolves tools=EnterPlanMode
            EnterWorktree · Tool · 099990010 · 3:13-3:13 "" → " EnterWorktree" · resolves tools=EnterWorktree
            ExitPlanMode · Tool · 099990011 · 3:13-3:13 "" → " ExitPlanMode" · resolves tools=ExitPlanMode
            ExitWorktree · Tool · 099990012 · 3:13-3:13 "" → " ExitWorktree" · resolves tools=ExitWorktree
            Glob · Tool · 099990013 · 3:13-3:13 "" → " Glob" · resolves tools=Glob
            Grep · Tool · 099990014 · 3:13-3:13 "" → " Grep" · resolves tools=Grep
            ListAgents · Tool · 099990015 · 3:13-3:13 "" → " ListAgents" · resolves tools=ListAgents
            ListMcpResourcesTool · Tool · 099990016 · 3:13-3:13 "" → " ListMcpResourcesTool" · resolves tools=ListMcpResourcesTool
            LSP · Tool · 099990017 · 3:13-3:13 "" → " LSP" · resolves tools=LSP
            Monitor · Tool · 099990018 · 3:13-3:13 "" → " Monitor" · resolves tools=Monitor
            NotebookEdit · Tool · 099990019 · 3:13-3:13 "" → " NotebookEdit" · resolves tools=NotebookEdit
            PowerShell · Tool · 099990020 · 3:13-3:13 "" → " PowerShell" · resolves tools=PowerShell
            PushNotification · Tool · 099990021 · 3:13-3:13 "" → " PushNotification" · resolves tools=PushNotification
            ReadMcpResourceTool · Tool · 099990023 · 3:13-3:13 "" → " ReadMcpResourceTool" · resolves tools=ReadMcpResourceTool
            RemoteTrigger · Tool · 099990024 · 3:13-3:13 "" → " RemoteTrigger" · resolves tools=RemoteTrigger
            ReportFindings · Tool · 099990025 · 3:13-3:13 "" → " ReportFindings" · resolves tools=ReportFindings
            ScheduleWakeup · Tool · 099990026 · 3:13-3:13 "" → " ScheduleWakeup" · resolves tools=ScheduleWakeup
            SendFeedback · Tool · 099990027 · 3:13-3:13 "" → " SendFeedback" · resolves tools=SendFeedback
            SendMessage · Tool · 099990028 · 3:13-3:13 "" → " SendMessage" · resolves tools=SendMessage
            SendUserFile · Tool · 099990029 · 3:13-3:13 "" → " SendUserFile" · resolves tools=SendUserFile
            ShareOnboardingGuide · Tool · 099990030 · 3:13-3:13 "" → " ShareOnboardingGuide" · resolves tools=ShareOnboardingGuide
            Skill · Tool · 099990031 · 3:13-3:13 "" → " Skill" · resolves tools=Skill
            SubagentHandback · Tool · 099990032 · 3:13-3:13 "" → " SubagentHandback" · resolves tools=SubagentHandback
            TaskCreate · Tool · 099990033 · 3:13-3:13 "" → " TaskCreate" · resolves tools=TaskCreate
            TaskGet · Tool · 099990034 · 3:13-3:13 "" → " TaskGet" · resolves tools=TaskGet
            TaskList · Tool · 099990035 · 3:13-3:13 "" → " TaskList" · resolves tools=TaskList
            TaskStop · Tool · 099990037 · 3:13-3:13 "" → " TaskStop" · resolves tools=TaskStop
            TaskUpdate · Tool · 099990038 · 3:13-3:13 "" → " TaskUpdate" · resolves tools=TaskUpdate
            TodoWrite · Tool · 099990039 · 3:13-3:13 "" → " TodoWrite" · resolves tools=TodoWrite
            ToolSearch · Tool · 099990040 · 3:13-3:13 "" → " ToolSearch" · resolves tools=ToolSearch
            WaitForMcpServers · Tool · 099990041 · 3:13-3:13 "" → " WaitForMcpServers" · resolves tools=WaitForMcpServers
            WebFetch · Tool · 099990042 · 3:13-3:13 "" → " WebFetch" · resolves tools=WebFetch
            WebSearch · Tool · 099990043 · 3:13-3:13 "" → " WebSearch" · resolves tools=WebSearch
            Workflow · Tool · 099990044 · 3:13-3:13 "" → " Workflow" · resolves tools=Workflow
            Write · Tool · 099990045 · 3:13-3:13 "" → " Write" · resolves tools=Write
            Task · Tool · 199990046 · 3:13-3:13 "" → " Task" · legacy — use Agent · resolves tools=Task
            MultiEdit · Tool · 199990047 · 3:13-3:13 "" → " MultiEdit" · legacy — use Edit · resolves tools=MultiEdit
            LS · Tool · 199990048 · 3:13-3:13 "" → " LS" · legacy — use Glob · resolves tools=LS
            KillShell · Tool · 199990049 · 3:13-3:13 "" → " KillShell" · legacy — use TaskStop · resolves tools=KillShell
            KillBash · Tool · 199990050 · 3:13-3:13 "" → " KillBash" · legacy — use TaskStop · resolves tools=KillBash
            BashOutput · Tool · 199990051 · 3:13-3:13 "" → " BashOutput" · legacy — use TaskOutput · resolves tools=BashOutput
            AgentOutputTool · Tool · 199990052 · 3:13-3:13 "" → " AgentOutputTool" · legacy — use TaskOutput · resolves tools=AgentOutputTool
            NotebookRead · Tool · 199990053 · 3:13-3:13 "" → " NotebookRead" · legacy — use Read · resolves tools=NotebookRead
            SlashCommand · Tool · 199990054 · 3:13-3:13 "" → " SlashCommand" · legacy — use Skill · resolves tools=SlashCommand
            Cd · Tool · 199990055 · 3:13-3:13 "" → " Cd" · legacy · resolves tools=Cd
            MCPSearch · Tool · 199990056 · 3:13-3:13 "" → " MCPSearch" · legacy — use ToolSearch · resolves tools=MCPSearch
            TaskOutput · Tool · 299990036 · 3:13-3:13 "" → " TaskOutput" · deprecated — use Read · deprecated · resolves tools=TaskOutput
        "#]],
    );
}

/// The typed part is replaced; neither neighbour is offered.
#[test]
fn tool_between_two_others() {
    check(
        r#"
//- /.claude/agents/a.md
//- client: lazy-docs
---
name: a
tools: Read, Gr$0, Bash
---
"#,
        expect![[r#"
            claude-agent: 55 items
            Agent · Tool · 099990000 · 3:14-3:16 "Gr" → "Agent" · resolves tools=Agent
            Artifact · Tool · 099990001 · 3:14-3:16 "Gr" → "Artifact" · resolves tools=Artifact
            AskUserQuestion · Tool · 099990002 · 3:14-3:16 "Gr" → "AskUserQuestion" · resolves tools=AskUserQuestion
            CronCreate · Tool · 099990004 · 3:14-3:16 "Gr" → "CronCreate" · resolves tools=CronCreate
            CronDelete · Tool · 099990005 · 3:14-3:16 "Gr" → "CronDelete" · resolves tools=CronDelete
            CronList · Tool · 099990006 · 3:14-3:16 "Gr" → "CronList" · resolves tools=CronList
            Edit · Tool · 099990007 · 3:14-3:16 "Gr" → "Edit" · resolves tools=Edit
            EndConversation · Tool · 099990008 · 3:14-3:16 "Gr" → "EndConversation" · resolves tools=EndConversation
            EnterPlanMode · Tool · 099990009 · 3:14-3:16 "Gr" → "EnterPlanMode" · resolves tools=EnterPlanMode
            EnterWorktree · Tool · 099990010 · 3:14-3:16 "Gr" → "EnterWorktree" · resolves tools=EnterWorktree
            ExitPlanMode · Tool · 099990011 · 3:14-3:16 "Gr" → "ExitPlanMode" · resolves tools=ExitPlanMode
            ExitWorktree · Tool · 099990012 · 3:14-3:16 "Gr" → "ExitWorktree" · resolves tools=ExitWorktree
            Glob · Tool · 099990013 · 3:14-3:16 "Gr" → "Glob" · resolves tools=Glob
            Grep · Tool · 099990014 · 3:14-3:16 "Gr" → "Grep" · resolves tools=Grep
            ListAgents · Tool · 099990015 · 3:14-3:16 "Gr" → "ListAgents" · resolves tools=ListAgents
            ListMcpResourcesTool · Tool · 099990016 · 3:14-3:16 "Gr" → "ListMcpResourcesTool" · resolves tools=ListMcpResourcesTool
            LSP · Tool · 099990017 · 3:14-3:16 "Gr" → "LSP" · resolves tools=LSP
            Monitor · Tool · 099990018 · 3:14-3:16 "Gr" → "Monitor" · resolves tools=Monitor
            NotebookEdit · Tool · 099990019 · 3:14-3:16 "Gr" → "NotebookEdit" · resolves tools=NotebookEdit
            PowerShell · Tool · 099990020 · 3:14-3:16 "Gr" → "PowerShell" · resolves tools=PowerShell
            PushNotification · Tool · 099990021 · 3:14-3:16 "Gr" → "PushNotification" · resolves tools=PushNotification
            ReadMcpResourceTool · Tool · 099990023 · 3:14-3:16 "Gr" → "ReadMcpResourceTool" · resolves tools=ReadMcpResourceTool
            RemoteTrigger · Tool · 099990024 · 3:14-3:16 "Gr" → "RemoteTrigger" · resolves tools=RemoteTrigger
            ReportFindings · Tool · 099990025 · 3:14-3:16 "Gr" → "ReportFindings" · resolves tools=ReportFindings
            ScheduleWakeup · Tool · 099990026 · 3:14-3:16 "Gr" → "ScheduleWakeup" · resolves tools=ScheduleWakeup
            SendFeedback · Tool · 099990027 · 3:14-3:16 "Gr" → "SendFeedback" · resolves tools=SendFeedback
            SendMessage · Tool · 099990028 · 3:14-3:16 "Gr" → "SendMessage" · resolves tools=SendMessage
            SendUserFile · Tool · 099990029 · 3:14-3:16 "Gr" → "SendUserFile" · resolves tools=SendUserFile
            ShareOnboardingGuide · Tool · 099990030 · 3:14-3:16 "Gr" → "ShareOnboardingGuide" · resolves tools=ShareOnboardingGuide
            Skill · Tool · 099990031 · 3:14-3:16 "Gr" → "Skill" · resolves tools=Skill
            SubagentHandback · Tool · 099990032 · 3:14-3:16 "Gr" → "SubagentHandback" · resolves tools=SubagentHandback
            TaskCreate · Tool · 099990033 · 3:14-3:16 "Gr" → "TaskCreate" · resolves tools=TaskCreate
            TaskGet · Tool · 099990034 · 3:14-3:16 "Gr" → "TaskGet" · resolves tools=TaskGet
            TaskList · Tool · 099990035 · 3:14-3:16 "Gr" → "TaskList" · resolves tools=TaskList
            TaskStop · Tool · 099990037 · 3:14-3:16 "Gr" → "TaskStop" · resolves tools=TaskStop
            TaskUpdate · Tool · 099990038 · 3:14-3:16 "Gr" → "TaskUpdate" · resolves tools=TaskUpdate
            TodoWrite · Tool · 099990039 · 3:14-3:16 "Gr" → "TodoWrite" · resolves tools=TodoWrite
            ToolSearch · Tool · 099990040 · 3:14-3:16 "Gr" → "ToolSearch" · resolves tools=ToolSearch
            WaitForMcpServers · Tool · 099990041 · 3:14-3:16 "Gr" → "WaitForMcpServers" · resolves tools=WaitForMcpServers
            WebFetch · Tool · 099990042 · 3:14-3:16 "Gr" → "WebFetch" · resolves tools=WebFetch
            WebSearch · Tool · 099990043 · 3:14-3:16 "Gr" → "WebSearch" · resolves tools=WebSearch
            Workflow · Tool · 099990044 · 3:14-3:16 "Gr" → "Workflow" · resolves tools=Workflow
            Write · Tool · 099990045 · 3:14-3:16 "Gr" → "Write" · resolves tools=Write
            Task · Tool · 199990046 · 3:14-3:16 "Gr" → "Task" · legacy — use Agent · resolves tools=Task
            MultiEdit · Tool · 199990047 · 3:14-3:16 "Gr" → "MultiEdit" · legacy — use Edit · resolves tools=MultiEdit
            LS · Tool · 199990048 · 3:14-3:16 "Gr" → "LS" · legacy — use Glob · resolves tools=LS
            KillShell · Tool · 199990049 · 3:14-3:16 "Gr" → "KillShell" · legacy — use TaskStop · resolves tools=KillShell
            KillBash · Tool · 199990050 · 3:14-3:16 "Gr" → "KillBash" · legacy — use TaskStop · resolves tools=KillBash
            BashOutput · Tool · 199990051 · 3:14-3:16 "Gr" → "BashOutput" · legacy — use TaskOutput · resolves tools=BashOutput
            AgentOutputTool · Tool · 199990052 · 3:14-3:16 "Gr" → "AgentOutputTool" · legacy — use TaskOutput · resolves tools=AgentOutputTool
            NotebookRead · Tool · 199990053 · 3:14-3:16 "Gr" → "NotebookRead" · legacy — use Read · resolves tools=NotebookRead
            SlashCommand · Tool · 199990054 · 3:14-3:16 "Gr" → "SlashCommand" · legacy — use Skill · resolves tools=SlashCommand
            Cd · Tool · 199990055 · 3:14-3:16 "Gr" → "Cd" · legacy · resolves tools=Cd
            MCPSearch · Tool · 199990056 · 3:14-3:16 "Gr" → "MCPSearch" · legacy — use ToolSearch · resolves tools=MCPSearch
            TaskOutput · Tool · 299990036 · 3:14-3:16 "Gr" → "TaskOutput" · deprecated — use Read · deprecated · resolves tools=TaskOutput
        "#]],
    );
}

/// A skill's list is separated by spaces.
#[test]
fn tools_after_a_space_in_a_skill() {
    check(
        r#"
//- /.claude/skills/pr/SKILL.md
//- client: lazy-docs
---
name: pr
description: d
allowed-tools: Read $0
---
"#,
        expect![[r#"
            claude-skill: 56 items
            Agent · Tool · 099990000 · 4:21-4:21 "" → "Agent" · resolves allowed-tools=Agent
            Artifact · Tool · 099990001 · 4:21-4:21 "" → "Artifact" · resolves allowed-tools=Artifact
            AskUserQuestion · Tool · 099990002 · 4:21-4:21 "" → "AskUserQuestion" · resolves allowed-tools=AskUserQuestion
            Bash · Tool · 099990003 · 4:21-4:21 "" → "Bash" · resolves allowed-tools=Bash
            CronCreate · Tool · 099990004 · 4:21-4:21 "" → "CronCreate" · resolves allowed-tools=CronCreate
            CronDelete · Tool · 099990005 · 4:21-4:21 "" → "CronDelete" · resolves allowed-tools=CronDelete
            CronList · Tool · 099990006 · 4:21-4:21 "" → "CronList" · resolves allowed-tools=CronList
            Edit · Tool · 099990007 · 4:21-4:21 "" → "Edit" · resolves allowed-tools=Edit
            EndConversation · Tool · 099990008 · 4:21-4:21 "" → "EndConversation" · resolves allowed-tools=EndConversation
            EnterPlanMode · Tool · 099990009 · 4:21-4:21 "" → "EnterPlanMode" · resolves allowed-tools=EnterPlanMode
            EnterWorktree · Tool · 099990010 · 4:21-4:21 "" → "EnterWorktree" · resolves allowed-tools=EnterWorktree
            ExitPlanMode · Tool · 099990011 · 4:21-4:21 "" → "ExitPlanMode" · resolves allowed-tools=ExitPlanMode
            ExitWorktree · Tool · 099990012 · 4:21-4:21 "" → "ExitWorktree" · resolves allowed-tools=ExitWorktree
            Glob · Tool · 099990013 · 4:21-4:21 "" → "Glob" · resolves allowed-tools=Glob
            Grep · Tool · 099990014 · 4:21-4:21 "" → "Grep" · resolves allowed-tools=Grep
            ListAgents · Tool · 099990015 · 4:21-4:21 "" → "ListAgents" · resolves allowed-tools=ListAgents
            ListMcpResourcesTool · Tool · 099990016 · 4:21-4:21 "" → "ListMcpResourcesTool" · resolves allowed-tools=ListMcpResourcesTool
            LSP · Tool · 099990017 · 4:21-4:21 "" → "LSP" · resolves allowed-tools=LSP
            Monitor · Tool · 099990018 · 4:21-4:21 "" → "Monitor" · resolves allowed-tools=Monitor
            NotebookEdit · Tool · 099990019 · 4:21-4:21 "" → "NotebookEdit" · resolves allowed-tools=NotebookEdit
            PowerShell · Tool · 099990020 · 4:21-4:21 "" → "PowerShell" · resolves allowed-tools=PowerShell
            PushNotification · Tool · 099990021 · 4:21-4:21 "" → "PushNotification" · resolves allowed-tools=PushNotification
            ReadMcpResourceTool · Tool · 099990023 · 4:21-4:21 "" → "ReadMcpResourceTool" · resolves allowed-tools=ReadMcpResourceTool
            RemoteTrigger · Tool · 099990024 · 4:21-4:21 "" → "RemoteTrigger" · resolves allowed-tools=RemoteTrigger
            ReportFindings · Tool · 099990025 · 4:21-4:21 "" → "ReportFindings" · resolves allowed-tools=ReportFindings
            ScheduleWakeup · Tool · 099990026 · 4:21-4:21 "" → "ScheduleWakeup" · resolves allowed-tools=ScheduleWakeup
            SendFeedback · Tool · 099990027 · 4:21-4:21 "" → "SendFeedback" · resolves allowed-tools=SendFeedback
            SendMessage · Tool · 099990028 · 4:21-4:21 "" → "SendMessage" · resolves allowed-tools=SendMessage
            SendUserFile · Tool · 099990029 · 4:21-4:21 "" → "SendUserFile" · resolves allowed-tools=SendUserFile
            ShareOnboardingGuide · Tool · 099990030 · 4:21-4:21 "" → "ShareOnboardingGuide" · resolves allowed-tools=ShareOnboardingGuide
            Skill · Tool · 099990031 · 4:21-4:21 "" → "Skill" · resolves allowed-tools=Skill
            SubagentHandback · Tool · 099990032 · 4:21-4:21 "" → "SubagentHandback" · resolves allowed-tools=SubagentHandback
            TaskCreate · Tool · 099990033 · 4:21-4:21 "" → "TaskCreate" · resolves allowed-tools=TaskCreate
            TaskGet · Tool · 099990034 · 4:21-4:21 "" → "TaskGet" · resolves allowed-tools=TaskGet
            TaskList · Tool · 099990035 · 4:21-4:21 "" → "TaskList" · resolves allowed-tools=TaskList
            TaskStop · Tool · 099990037 · 4:21-4:21 "" → "TaskStop" · resolves allowed-tools=TaskStop
            TaskUpdate · Tool · 099990038 · 4:21-4:21 "" → "TaskUpdate" · resolves allowed-tools=TaskUpdate
            TodoWrite · Tool · 099990039 · 4:21-4:21 "" → "TodoWrite" · resolves allowed-tools=TodoWrite
            ToolSearch · Tool · 099990040 · 4:21-4:21 "" → "ToolSearch" · resolves allowed-tools=ToolSearch
            WaitForMcpServers · Tool · 099990041 · 4:21-4:21 "" → "WaitForMcpServers" · resolves allowed-tools=WaitForMcpServers
            WebFetch · Tool · 099990042 · 4:21-4:21 "" → "WebFetch" · resolves allowed-tools=WebFetch
            WebSearch · Tool · 099990043 · 4:21-4:21 "" → "WebSearch" · resolves allowed-tools=WebSearch
            Workflow · Tool · 099990044 · 4:21-4:21 "" → "Workflow" · resolves allowed-tools=Workflow
            Write · Tool · 099990045 · 4:21-4:21 "" → "Write" · resolves allowed-tools=Write
            Task · Tool · 199990046 · 4:21-4:21 "" → "Task" · legacy — use Agent · resolves allowed-tools=Task
            MultiEdit · Tool · 199990047 · 4:21-4:21 "" → "MultiEdit" · legacy — use Edit · resolves allowed-tools=MultiEdit
            LS · Tool · 199990048 · 4:21-4:21 "" → "LS" · legacy — use Glob · resolves allowed-tools=LS
            KillShell · Tool · 199990049 · 4:21-4:21 "" → "KillShell" · legacy — use TaskStop · resolves allowed-tools=KillShell
            KillBash · Tool · 199990050 · 4:21-4:21 "" → "KillBash" · legacy — use TaskStop · resolves allowed-tools=KillBash
            BashOutput · Tool · 199990051 · 4:21-4:21 "" → "BashOutput" · legacy — use TaskOutput · resolves allowed-tools=BashOutput
            AgentOutputTool · Tool · 199990052 · 4:21-4:21 "" → "AgentOutputTool" · legacy — use TaskOutput · resolves allowed-tools=AgentOutputTool
            NotebookRead · Tool · 199990053 · 4:21-4:21 "" → "NotebookRead" · legacy — use Read · resolves allowed-tools=NotebookRead
            SlashCommand · Tool · 199990054 · 4:21-4:21 "" → "SlashCommand" · legacy — use Skill · resolves allowed-tools=SlashCommand
            Cd · Tool · 199990055 · 4:21-4:21 "" → "Cd" · legacy · resolves allowed-tools=Cd
            MCPSearch · Tool · 199990056 · 4:21-4:21 "" → "MCPSearch" · legacy — use ToolSearch · resolves allowed-tools=MCPSearch
            TaskOutput · Tool · 299990036 · 4:21-4:21 "" → "TaskOutput" · deprecated — use Read · deprecated · resolves allowed-tools=TaskOutput
        "#]],
    );
}

/// A space inside parentheses does not split the list: `Bash` is listed, `pr:*)` is not a name.
#[test]
fn tools_after_a_tool_with_arguments_in_a_skill() {
    check(
        r#"
//- /.claude/skills/pr/SKILL.md
//- client: lazy-docs
---
name: pr
description: d
allowed-tools: Read Bash(gh pr:*) $0
---
"#,
        expect![[r#"
            claude-skill: 55 items
            Agent · Tool · 099990000 · 4:35-4:35 "" → "Agent" · resolves allowed-tools=Agent
            Artifact · Tool · 099990001 · 4:35-4:35 "" → "Artifact" · resolves allowed-tools=Artifact
            AskUserQuestion · Tool · 099990002 · 4:35-4:35 "" → "AskUserQuestion" · resolves allowed-tools=AskUserQuestion
            CronCreate · Tool · 099990004 · 4:35-4:35 "" → "CronCreate" · resolves allowed-tools=CronCreate
            CronDelete · Tool · 099990005 · 4:35-4:35 "" → "CronDelete" · resolves allowed-tools=CronDelete
            CronList · Tool · 099990006 · 4:35-4:35 "" → "CronList" · resolves allowed-tools=CronList
            Edit · Tool · 099990007 · 4:35-4:35 "" → "Edit" · resolves allowed-tools=Edit
            EndConversation · Tool · 099990008 · 4:35-4:35 "" → "EndConversation" · resolves allowed-tools=EndConversation
            EnterPlanMode · Tool · 099990009 · 4:35-4:35 "" → "EnterPlanMode" · resolves allowed-tools=EnterPlanMode
            EnterWorktree · Tool · 099990010 · 4:35-4:35 "" → "EnterWorktree" · resolves allowed-tools=EnterWorktree
            ExitPlanMode · Tool · 099990011 · 4:35-4:35 "" → "ExitPlanMode" · resolves allowed-tools=ExitPlanMode
            ExitWorktree · Tool · 099990012 · 4:35-4:35 "" → "ExitWorktree" · resolves allowed-tools=ExitWorktree
            Glob · Tool · 099990013 · 4:35-4:35 "" → "Glob" · resolves allowed-tools=Glob
            Grep · Tool · 099990014 · 4:35-4:35 "" → "Grep" · resolves allowed-tools=Grep
            ListAgents · Tool · 099990015 · 4:35-4:35 "" → "ListAgents" · resolves allowed-tools=ListAgents
            ListMcpResourcesTool · Tool · 099990016 · 4:35-4:35 "" → "ListMcpResourcesTool" · resolves allowed-tools=ListMcpResourcesTool
            LSP · Tool · 099990017 · 4:35-4:35 "" → "LSP" · resolves allowed-tools=LSP
            Monitor · Tool · 099990018 · 4:35-4:35 "" → "Monitor" · resolves allowed-tools=Monitor
            NotebookEdit · Tool · 099990019 · 4:35-4:35 "" → "NotebookEdit" · resolves allowed-tools=NotebookEdit
            PowerShell · Tool · 099990020 · 4:35-4:35 "" → "PowerShell" · resolves allowed-tools=PowerShell
            PushNotification · Tool · 099990021 · 4:35-4:35 "" → "PushNotification" · resolves allowed-tools=PushNotification
            ReadMcpResourceTool · Tool · 099990023 · 4:35-4:35 "" → "ReadMcpResourceTool" · resolves allowed-tools=ReadMcpResourceTool
            RemoteTrigger · Tool · 099990024 · 4:35-4:35 "" → "RemoteTrigger" · resolves allowed-tools=RemoteTrigger
            ReportFindings · Tool · 099990025 · 4:35-4:35 "" → "ReportFindings" · resolves allowed-tools=ReportFindings
            ScheduleWakeup · Tool · 099990026 · 4:35-4:35 "" → "ScheduleWakeup" · resolves allowed-tools=ScheduleWakeup
            SendFeedback · Tool · 099990027 · 4:35-4:35 "" → "SendFeedback" · resolves allowed-tools=SendFeedback
            SendMessage · Tool · 099990028 · 4:35-4:35 "" → "SendMessage" · resolves allowed-tools=SendMessage
            SendUserFile · Tool · 099990029 · 4:35-4:35 "" → "SendUserFile" · resolves allowed-tools=SendUserFile
            ShareOnboardingGuide · Tool · 099990030 · 4:35-4:35 "" → "ShareOnboardingGuide" · resolves allowed-tools=ShareOnboardingGuide
            Skill · Tool · 099990031 · 4:35-4:35 "" → "Skill" · resolves allowed-tools=Skill
            SubagentHandback · Tool · 099990032 · 4:35-4:35 "" → "SubagentHandback" · resolves allowed-tools=SubagentHandback
            TaskCreate · Tool · 099990033 · 4:35-4:35 "" → "TaskCreate" · resolves allowed-tools=TaskCreate
            TaskGet · Tool · 099990034 · 4:35-4:35 "" → "TaskGet" · resolves allowed-tools=TaskGet
            TaskList · Tool · 099990035 · 4:35-4:35 "" → "TaskList" · resolves allowed-tools=TaskList
            TaskStop · Tool · 099990037 · 4:35-4:35 "" → "TaskStop" · resolves allowed-tools=TaskStop
            TaskUpdate · Tool · 099990038 · 4:35-4:35 "" → "TaskUpdate" · resolves allowed-tools=TaskUpdate
            TodoWrite · Tool · 099990039 · 4:35-4:35 "" → "TodoWrite" · resolves allowed-tools=TodoWrite
            ToolSearch · Tool · 099990040 · 4:35-4:35 "" → "ToolSearch" · resolves allowed-tools=ToolSearch
            WaitForMcpServers · Tool · 099990041 · 4:35-4:35 "" → "WaitForMcpServers" · resolves allowed-tools=WaitForMcpServers
            WebFetch · Tool · 099990042 · 4:35-4:35 "" → "WebFetch" · resolves allowed-tools=WebFetch
            WebSearch · Tool · 099990043 · 4:35-4:35 "" → "WebSearch" · resolves allowed-tools=WebSearch
            Workflow · Tool · 099990044 · 4:35-4:35 "" → "Workflow" · resolves allowed-tools=Workflow
            Write · Tool · 099990045 · 4:35-4:35 "" → "Write" · resolves allowed-tools=Write
            Task · Tool · 199990046 · 4:35-4:35 "" → "Task" · legacy — use Agent · resolves allowed-tools=Task
            MultiEdit · Tool · 199990047 · 4:35-4:35 "" → "MultiEdit" · legacy — use Edit · resolves allowed-tools=MultiEdit
            LS · Tool · 199990048 · 4:35-4:35 "" → "LS" · legacy — use Glob · resolves allowed-tools=LS
            KillShell · Tool · 199990049 · 4:35-4:35 "" → "KillShell" · legacy — use TaskStop · resolves allowed-tools=KillShell
            KillBash · Tool · 199990050 · 4:35-4:35 "" → "KillBash" · legacy — use TaskStop · resolves allowed-tools=KillBash
            BashOutput · Tool · 199990051 · 4:35-4:35 "" → "BashOutput" · legacy — use TaskOutput · resolves allowed-tools=BashOutput
            AgentOutputTool · Tool · 199990052 · 4:35-4:35 "" → "AgentOutputTool" · legacy — use TaskOutput · resolves allowed-tools=AgentOutputTool
            NotebookRead · Tool · 199990053 · 4:35-4:35 "" → "NotebookRead" · legacy — use Read · resolves allowed-tools=NotebookRead
            SlashCommand · Tool · 199990054 · 4:35-4:35 "" → "SlashCommand" · legacy — use Skill · resolves allowed-tools=SlashCommand
            Cd · Tool · 199990055 · 4:35-4:35 "" → "Cd" · legacy · resolves allowed-tools=Cd
            MCPSearch · Tool · 199990056 · 4:35-4:35 "" → "MCPSearch" · legacy — use ToolSearch · resolves allowed-tools=MCPSearch
            TaskOutput · Tool · 299990036 · 4:35-4:35 "" → "TaskOutput" · deprecated — use Read · deprecated · resolves allowed-tools=TaskOutput
        "#]],
    );
}

#[test]
fn tools_after_a_comma_in_a_command() {
    check(
        r#"
//- /.claude/commands/review.md
//- client: lazy-docs
---
description: d
allowed-tools: Read, Bash(git diff:*), $0
---
"#,
        expect![[r#"
            claude-command: 55 items
            Agent · Tool · 099990000 · 3:40-3:40 "" → "Agent" · resolves allowed-tools=Agent
            Artifact · Tool · 099990001 · 3:40-3:40 "" → "Artifact" · resolves allowed-tools=Artifact
            AskUserQuestion · Tool · 099990002 · 3:40-3:40 "" → "AskUserQuestion" · resolves allowed-tools=AskUserQuestion
            CronCreate · Tool · 099990004 · 3:40-3:40 "" → "CronCreate" · resolves allowed-tools=CronCreate
            CronDelete · Tool · 099990005 · 3:40-3:40 "" → "CronDelete" · resolves allowed-tools=CronDelete
            CronList · Tool · 099990006 · 3:40-3:40 "" → "CronList" · resolves allowed-tools=CronList
            Edit · Tool · 099990007 · 3:40-3:40 "" → "Edit" · resolves allowed-tools=Edit
            EndConversation · Tool · 099990008 · 3:40-3:40 "" → "EndConversation" · resolves allowed-tools=EndConversation
            EnterPlanMode · Tool · 099990009 · 3:40-3:40 "" → "EnterPlanMode" · resolves allowed-tools=EnterPlanMode
            EnterWorktree · Tool · 099990010 · 3:40-3:40 "" → "EnterWorktree" · resolves allowed-tools=EnterWorktree
            ExitPlanMode · Tool · 099990011 · 3:40-3:40 "" → "ExitPlanMode" · resolves allowed-tools=ExitPlanMode
            ExitWorktree · Tool · 099990012 · 3:40-3:40 "" → "ExitWorktree" · resolves allowed-tools=ExitWorktree
            Glob · Tool · 099990013 · 3:40-3:40 "" → "Glob" · resolves allowed-tools=Glob
            Grep · Tool · 099990014 · 3:40-3:40 "" → "Grep" · resolves allowed-tools=Grep
            ListAgents · Tool · 099990015 · 3:40-3:40 "" → "ListAgents" · resolves allowed-tools=ListAgents
            ListMcpResourcesTool · Tool · 099990016 · 3:40-3:40 "" → "ListMcpResourcesTool" · resolves allowed-tools=ListMcpResourcesTool
            LSP · Tool · 099990017 · 3:40-3:40 "" → "LSP" · resolves allowed-tools=LSP
            Monitor · Tool · 099990018 · 3:40-3:40 "" → "Monitor" · resolves allowed-tools=Monitor
            NotebookEdit · Tool · 099990019 · 3:40-3:40 "" → "NotebookEdit" · resolves allowed-tools=NotebookEdit
            PowerShell · Tool · 099990020 · 3:40-3:40 "" → "PowerShell" · resolves allowed-tools=PowerShell
            PushNotification · Tool · 099990021 · 3:40-3:40 "" → "PushNotification" · resolves allowed-tools=PushNotification
            ReadMcpResourceTool · Tool · 099990023 · 3:40-3:40 "" → "ReadMcpResourceTool" · resolves allowed-tools=ReadMcpResourceTool
            RemoteTrigger · Tool · 099990024 · 3:40-3:40 "" → "RemoteTrigger" · resolves allowed-tools=RemoteTrigger
            ReportFindings · Tool · 099990025 · 3:40-3:40 "" → "ReportFindings" · resolves allowed-tools=ReportFindings
            ScheduleWakeup · Tool · 099990026 · 3:40-3:40 "" → "ScheduleWakeup" · resolves allowed-tools=ScheduleWakeup
            SendFeedback · Tool · 099990027 · 3:40-3:40 "" → "SendFeedback" · resolves allowed-tools=SendFeedback
            SendMessage · Tool · 099990028 · 3:40-3:40 "" → "SendMessage" · resolves allowed-tools=SendMessage
            SendUserFile · Tool · 099990029 · 3:40-3:40 "" → "SendUserFile" · resolves allowed-tools=SendUserFile
            ShareOnboardingGuide · Tool · 099990030 · 3:40-3:40 "" → "ShareOnboardingGuide" · resolves allowed-tools=ShareOnboardingGuide
            Skill · Tool · 099990031 · 3:40-3:40 "" → "Skill" · resolves allowed-tools=Skill
            SubagentHandback · Tool · 099990032 · 3:40-3:40 "" → "SubagentHandback" · resolves allowed-tools=SubagentHandback
            TaskCreate · Tool · 099990033 · 3:40-3:40 "" → "TaskCreate" · resolves allowed-tools=TaskCreate
            TaskGet · Tool · 099990034 · 3:40-3:40 "" → "TaskGet" · resolves allowed-tools=TaskGet
            TaskList · Tool · 099990035 · 3:40-3:40 "" → "TaskList" · resolves allowed-tools=TaskList
            TaskStop · Tool · 099990037 · 3:40-3:40 "" → "TaskStop" · resolves allowed-tools=TaskStop
            TaskUpdate · Tool · 099990038 · 3:40-3:40 "" → "TaskUpdate" · resolves allowed-tools=TaskUpdate
            TodoWrite · Tool · 099990039 · 3:40-3:40 "" → "TodoWrite" · resolves allowed-tools=TodoWrite
            ToolSearch · Tool · 099990040 · 3:40-3:40 "" → "ToolSearch" · resolves allowed-tools=ToolSearch
            WaitForMcpServers · Tool · 099990041 · 3:40-3:40 "" → "WaitForMcpServers" · resolves allowed-tools=WaitForMcpServers
            WebFetch · Tool · 099990042 · 3:40-3:40 "" → "WebFetch" · resolves allowed-tools=WebFetch
            WebSearch · Tool · 099990043 · 3:40-3:40 "" → "WebSearch" · resolves allowed-tools=WebSearch
            Workflow · Tool · 099990044 · 3:40-3:40 "" → "Workflow" · resolves allowed-tools=Workflow
            Write · Tool · 099990045 · 3:40-3:40 "" → "Write" · resolves allowed-tools=Write
            Task · Tool · 199990046 · 3:40-3:40 "" → "Task" · legacy — use Agent · resolves allowed-tools=Task
            MultiEdit · Tool · 199990047 · 3:40-3:40 "" → "MultiEdit" · legacy — use Edit · resolves allowed-tools=MultiEdit
            LS · Tool · 199990048 · 3:40-3:40 "" → "LS" · legacy — use Glob · resolves allowed-tools=LS
            KillShell · Tool · 199990049 · 3:40-3:40 "" → "KillShell" · legacy — use TaskStop · resolves allowed-tools=KillShell
            KillBash · Tool · 199990050 · 3:40-3:40 "" → "KillBash" · legacy — use TaskStop · resolves allowed-tools=KillBash
            BashOutput · Tool · 199990051 · 3:40-3:40 "" → "BashOutput" · legacy — use TaskOutput · resolves allowed-tools=BashOutput
            AgentOutputTool · Tool · 199990052 · 3:40-3:40 "" → "AgentOutputTool" · legacy — use TaskOutput · resolves allowed-tools=AgentOutputTool
            NotebookRead · Tool · 199990053 · 3:40-3:40 "" → "NotebookRead" · legacy — use Read · resolves allowed-tools=NotebookRead
            SlashCommand · Tool · 199990054 · 3:40-3:40 "" → "SlashCommand" · legacy — use Skill · resolves allowed-tools=SlashCommand
            Cd · Tool · 199990055 · 3:40-3:40 "" → "Cd" · legacy · resolves allowed-tools=Cd
            MCPSearch · Tool · 199990056 · 3:40-3:40 "" → "MCPSearch" · legacy — use ToolSearch · resolves allowed-tools=MCPSearch
            TaskOutput · Tool · 299990036 · 3:40-3:40 "" → "TaskOutput" · deprecated — use Read · deprecated · resolves allowed-tools=TaskOutput
        "#]],
    );
}

/// A list item: the other items are not offered.
#[test]
fn tool_in_a_block_list() {
    check(
        r#"
//- /.claude/agents/a.md
//- client: lazy-docs
---
name: a
tools:
  - Read
  - Gr$0
  - Bash
---
"#,
        expect![[r#"
            claude-agent: 55 items
            Agent · Tool · 099990000 · 5:5-5:7 "Gr" → "Agent" · resolves tools=Agent
            Artifact · Tool · 099990001 · 5:5-5:7 "Gr" → "Artifact" · resolves tools=Artifact
            AskUserQuestion · Tool · 099990002 · 5:5-5:7 "Gr" → "AskUserQuestion" · resolves tools=AskUserQuestion
            CronCreate · Tool · 099990004 · 5:5-5:7 "Gr" → "CronCreate" · resolves tools=CronCreate
            CronDelete · Tool · 099990005 · 5:5-5:7 "Gr" → "CronDelete" · resolves tools=CronDelete
            CronList · Tool · 099990006 · 5:5-5:7 "Gr" → "CronList" · resolves tools=CronList
            Edit · Tool · 099990007 · 5:5-5:7 "Gr" → "Edit" · resolves tools=Edit
            EndConversation · Tool · 099990008 · 5:5-5:7 "Gr" → "EndConversation" · resolves tools=EndConversation
            EnterPlanMode · Tool · 099990009 · 5:5-5:7 "Gr" → "EnterPlanMode" · resolves tools=EnterPlanMode
            EnterWorktree · Tool · 099990010 · 5:5-5:7 "Gr" → "EnterWorktree" · resolves tools=EnterWorktree
            ExitPlanMode · Tool · 099990011 · 5:5-5:7 "Gr" → "ExitPlanMode" · resolves tools=ExitPlanMode
            ExitWorktree · Tool · 099990012 · 5:5-5:7 "Gr" → "ExitWorktree" · resolves tools=ExitWorktree
            Glob · Tool · 099990013 · 5:5-5:7 "Gr" → "Glob" · resolves tools=Glob
            Grep · Tool · 099990014 · 5:5-5:7 "Gr" → "Grep" · resolves tools=Grep
            ListAgents · Tool · 099990015 · 5:5-5:7 "Gr" → "ListAgents" · resolves tools=ListAgents
            ListMcpResourcesTool · Tool · 099990016 · 5:5-5:7 "Gr" → "ListMcpResourcesTool" · resolves tools=ListMcpResourcesTool
            LSP · Tool · 099990017 · 5:5-5:7 "Gr" → "LSP" · resolves tools=LSP
            Monitor · Tool · 099990018 · 5:5-5:7 "Gr" → "Monitor" · resolves tools=Monitor
            NotebookEdit · Tool · 099990019 · 5:5-5:7 "Gr" → "NotebookEdit" · resolves tools=NotebookEdit
            PowerShell · Tool · 099990020 · 5:5-5:7 "Gr" → "PowerShell" · resolves tools=PowerShell
            PushNotification · Tool · 099990021 · 5:5-5:7 "Gr" → "PushNotification" · resolves tools=PushNotification
            ReadMcpResourceTool · Tool · 099990023 · 5:5-5:7 "Gr" → "ReadMcpResourceTool" · resolves tools=ReadMcpResourceTool
            RemoteTrigger · Tool · 099990024 · 5:5-5:7 "Gr" → "RemoteTrigger" · resolves tools=RemoteTrigger
            ReportFindings · Tool · 099990025 · 5:5-5:7 "Gr" → "ReportFindings" · resolves tools=ReportFindings
            ScheduleWakeup · Tool · 099990026 · 5:5-5:7 "Gr" → "ScheduleWakeup" · resolves tools=ScheduleWakeup
            SendFeedback · Tool · 099990027 · 5:5-5:7 "Gr" → "SendFeedback" · resolves tools=SendFeedback
            SendMessage · Tool · 099990028 · 5:5-5:7 "Gr" → "SendMessage" · resolves tools=SendMessage
            SendUserFile · Tool · 099990029 · 5:5-5:7 "Gr" → "SendUserFile" · resolves tools=SendUserFile
            ShareOnboardingGuide · Tool · 099990030 · 5:5-5:7 "Gr" → "ShareOnboardingGuide" · resolves tools=ShareOnboardingGuide
            Skill · Tool · 099990031 · 5:5-5:7 "Gr" → "Skill" · resolves tools=Skill
            SubagentHandback · Tool · 099990032 · 5:5-5:7 "Gr" → "SubagentHandback" · resolves tools=SubagentHandback
            TaskCreate · Tool · 099990033 · 5:5-5:7 "Gr" → "TaskCreate" · resolves tools=TaskCreate
            TaskGet · Tool · 099990034 · 5:5-5:7 "Gr" → "TaskGet" · resolves tools=TaskGet
            TaskList · Tool · 099990035 · 5:5-5:7 "Gr" → "TaskList" · resolves tools=TaskList
            TaskStop · Tool · 099990037 · 5:5-5:7 "Gr" → "TaskStop" · resolves tools=TaskStop
            TaskUpdate · Tool · 099990038 · 5:5-5:7 "Gr" → "TaskUpdate" · resolves tools=TaskUpdate
            TodoWrite · Tool · 099990039 · 5:5-5:7 "Gr" → "TodoWrite" · resolves tools=TodoWrite
            ToolSearch · Tool · 099990040 · 5:5-5:7 "Gr" → "ToolSearch" · resolves tools=ToolSearch
            WaitForMcpServers · Tool · 099990041 · 5:5-5:7 "Gr" → "WaitForMcpServers" · resolves tools=WaitForMcpServers
            WebFetch · Tool · 099990042 · 5:5-5:7 "Gr" → "WebFetch" · resolves tools=WebFetch
            WebSearch · Tool · 099990043 · 5:5-5:7 "Gr" → "WebSearch" · resolves tools=WebSearch
            Workflow · Tool · 099990044 · 5:5-5:7 "Gr" → "Workflow" · resolves tools=Workflow
            Write · Tool · 099990045 · 5:5-5:7 "Gr" → "Write" · resolves tools=Write
            Task · Tool · 199990046 · 5:5-5:7 "Gr" → "Task" · legacy — use Agent · resolves tools=Task
            MultiEdit · Tool · 199990047 · 5:5-5:7 "Gr" → "MultiEdit" · legacy — use Edit · resolves tools=MultiEdit
            LS · Tool · 199990048 · 5:5-5:7 "Gr" → "LS" · legacy — use Glob · resolves tools=LS
            KillShell · Tool · 199990049 · 5:5-5:7 "Gr" → "KillShell" · legacy — use TaskStop · resolves tools=KillShell
            KillBash · Tool · 199990050 · 5:5-5:7 "Gr" → "KillBash" · legacy — use TaskStop · resolves tools=KillBash
            BashOutput · Tool · 199990051 · 5:5-5:7 "Gr" → "BashOutput" · legacy — use TaskOutput · resolves tools=BashOutput
            AgentOutputTool · Tool · 199990052 · 5:5-5:7 "Gr" → "AgentOutputTool" · legacy — use TaskOutput · resolves tools=AgentOutputTool
            NotebookRead · Tool · 199990053 · 5:5-5:7 "Gr" → "NotebookRead" · legacy — use Read · resolves tools=NotebookRead
            SlashCommand · Tool · 199990054 · 5:5-5:7 "Gr" → "SlashCommand" · legacy — use Skill · resolves tools=SlashCommand
            Cd · Tool · 199990055 · 5:5-5:7 "Gr" → "Cd" · legacy · resolves tools=Cd
            MCPSearch · Tool · 199990056 · 5:5-5:7 "Gr" → "MCPSearch" · legacy — use ToolSearch · resolves tools=MCPSearch
            TaskOutput · Tool · 299990036 · 5:5-5:7 "Gr" → "TaskOutput" · deprecated — use Read · deprecated · resolves tools=TaskOutput
        "#]],
    );
}

#[test]
fn tool_in_an_empty_list_item() {
    check(
        r#"
//- /.claude/agents/a.md
//- client: lazy-docs
---
name: a
tools:
  -$0
---
"#,
        expect![[r#"
            claude-agent: 57 items
            Agent · Tool · 099990000 · 4:4-4:4 "" → " Agent" · resolves tools=Agent
            Artifact · Tool · 099990001 · 4:4-4:4 "" → " Artifact" · resolves tools=Artifact
            AskUserQuestion · Tool · 099990002 · 4:4-4:4 "" → " AskUserQuestion" · resolves tools=AskUserQuestion
            Bash · Tool · 099990003 · 4:4-4:4 "" → " Bash" · resolves tools=Bash
            CronCreate · Tool · 099990004 · 4:4-4:4 "" → " CronCreate" · resolves tools=CronCreate
            CronDelete · Tool · 099990005 · 4:4-4:4 "" → " CronDelete" · resolves tools=CronDelete
            CronList · Tool · 099990006 · 4:4-4:4 "" → " CronList" · resolves tools=CronList
            Edit · Tool · 099990007 · 4:4-4:4 "" → " Edit" · resolves tools=Edit
            EndConversation · Tool · 099990008 · 4:4-4:4 "" → " EndConversation" · resolves tools=EndConversation
            EnterPlanMode · Tool · 099990009 · 4:4-4:4 "" → " EnterPlanMode" · resolves tools=EnterPlanMode
            EnterWorktree · Tool · 099990010 · 4:4-4:4 "" → " EnterWorktree" · resolves tools=EnterWorktree
            ExitPlanMode · Tool · 099990011 · 4:4-4:4 "" → " ExitPlanMode" · resolves tools=ExitPlanMode
            ExitWorktree · Tool · 099990012 · 4:4-4:4 "" → " ExitWorktree" · resolves tools=ExitWorktree
            Glob · Tool · 099990013 · 4:4-4:4 "" → " Glob" · resolves tools=Glob
            Grep · Tool · 099990014 · 4:4-4:4 "" → " Grep" · resolves tools=Grep
            ListAgents · Tool · 099990015 · 4:4-4:4 "" → " ListAgents" · resolves tools=ListAgents
            ListMcpResourcesTool · Tool · 099990016 · 4:4-4:4 "" → " ListMcpResourcesTool" · resolves tools=ListMcpResourcesTool
            LSP · Tool · 099990017 · 4:4-4:4 "" → " LSP" · resolves tools=LSP
            Monitor · Tool · 099990018 · 4:4-4:4 "" → " Monitor" · resolves tools=Monitor
            NotebookEdit · Tool · 099990019 · 4:4-4:4 "" → " NotebookEdit" · resolves tools=NotebookEdit
            PowerShell · Tool · 099990020 · 4:4-4:4 "" → " PowerShell" · resolves tools=PowerShell
            PushNotification · Tool · 099990021 · 4:4-4:4 "" → " PushNotification" · resolves tools=PushNotification
            Read · Tool · 099990022 · 4:4-4:4 "" → " Read" · resolves tools=Read
            ReadMcpResourceTool · Tool · 099990023 · 4:4-4:4 "" → " ReadMcpResourceTool" · resolves tools=ReadMcpResourceTool
            RemoteTrigger · Tool · 099990024 · 4:4-4:4 "" → " RemoteTrigger" · resolves tools=RemoteTrigger
            ReportFindings · Tool · 099990025 · 4:4-4:4 "" → " ReportFindings" · resolves tools=ReportFindings
            ScheduleWakeup · Tool · 099990026 · 4:4-4:4 "" → " ScheduleWakeup" · resolves tools=ScheduleWakeup
            SendFeedback · Tool · 099990027 · 4:4-4:4 "" → " SendFeedback" · resolves tools=SendFeedback
            SendMessage · Tool · 099990028 · 4:4-4:4 "" → " SendMessage" · resolves tools=SendMessage
            SendUserFile · Tool · 099990029 · 4:4-4:4 "" → " SendUserFile" · resolves tools=SendUserFile
            ShareOnboardingGuide · Tool · 099990030 · 4:4-4:4 "" → " ShareOnboardingGuide" · resolves tools=ShareOnboardingGuide
            Skill · Tool · 099990031 · 4:4-4:4 "" → " Skill" · resolves tools=Skill
            SubagentHandback · Tool · 099990032 · 4:4-4:4 "" → " SubagentHandback" · resolves tools=SubagentHandback
            TaskCreate · Tool · 099990033 · 4:4-4:4 "" → " TaskCreate" · resolves tools=TaskCreate
            TaskGet · Tool · 099990034 · 4:4-4:4 "" → " TaskGet" · resolves tools=TaskGet
            TaskList · Tool · 099990035 · 4:4-4:4 "" → " TaskList" · resolves tools=TaskList
            TaskStop · Tool · 099990037 · 4:4-4:4 "" → " TaskStop" · resolves tools=TaskStop
            TaskUpdate · Tool · 099990038 · 4:4-4:4 "" → " TaskUpdate" · resolves tools=TaskUpdate
            TodoWrite · Tool · 099990039 · 4:4-4:4 "" → " TodoWrite" · resolves tools=TodoWrite
            ToolSearch · Tool · 099990040 · 4:4-4:4 "" → " ToolSearch" · resolves tools=ToolSearch
            WaitForMcpServers · Tool · 099990041 · 4:4-4:4 "" → " WaitForMcpServers" · resolves tools=WaitForMcpServers
            WebFetch · Tool · 099990042 · 4:4-4:4 "" → " WebFetch" · resolves tools=WebFetch
            WebSearch · Tool · 099990043 · 4:4-4:4 "" → " WebSearch" · resolves tools=WebSearch
            Workflow · Tool · 099990044 · 4:4-4:4 "" → " Workflow" · resolves tools=Workflow
            Write · Tool · 099990045 · 4:4-4:4 "" → " Write" · resolves tools=Write
            Task · Tool · 199990046 · 4:4-4:4 "" → " Task" · legacy — use Agent · resolves tools=Task
            MultiEdit · Tool · 199990047 · 4:4-4:4 "" → " MultiEdit" · legacy — use Edit · resolves tools=MultiEdit
            LS · Tool · 199990048 · 4:4-4:4 "" → " LS" · legacy — use Glob · resolves tools=LS
            KillShell · Tool · 199990049 · 4:4-4:4 "" → " KillShell" · legacy — use TaskStop · resolves tools=KillShell
            KillBash · Tool · 199990050 · 4:4-4:4 "" → " KillBash" · legacy — use TaskStop · resolves tools=KillBash
            BashOutput · Tool · 199990051 · 4:4-4:4 "" → " BashOutput" · legacy — use TaskOutput · resolves tools=BashOutput
            AgentOutputTool · Tool · 199990052 · 4:4-4:4 "" → " AgentOutputTool" · legacy — use TaskOutput · resolves tools=AgentOutputTool
            NotebookRead · Tool · 199990053 · 4:4-4:4 "" → " NotebookRead" · legacy — use Read · resolves tools=NotebookRead
            SlashCommand · Tool · 199990054 · 4:4-4:4 "" → " SlashCommand" · legacy — use Skill · resolves tools=SlashCommand
            Cd · Tool · 199990055 · 4:4-4:4 "" → " Cd" · legacy · resolves tools=Cd
            MCPSearch · Tool · 199990056 · 4:4-4:4 "" → " MCPSearch" · legacy — use ToolSearch · resolves tools=MCPSearch
            TaskOutput · Tool · 299990036 · 4:4-4:4 "" → " TaskOutput" · deprecated — use Read · deprecated · resolves tools=TaskOutput
        "#]],
    );
}

/// Inside the quotes: the bare name.
#[test]
fn tool_inside_quotes_of_a_flow_list() {
    check(
        r#"
//- /.github/agents/a.agent.md
//- client: lazy-docs
---
description: d
tools: ['search', '$0']
---
"#,
        expect![[r#"
            copilot-agent: 81 items
            read · Tool · 099990000 · 3:20-3:20 "" → "read" · resolves tools=read
            edit · Tool · 099990002 · 3:20-3:20 "" → "edit" · resolves tools=edit
            execute · Tool · 099990003 · 3:20-3:20 "" → "execute" · resolves tools=execute
            web · Tool · 099990004 · 3:20-3:20 "" → "web" · resolves tools=web
            agent · Tool · 099990005 · 3:20-3:20 "" → "agent" · resolves tools=agent
            browser · Tool · 099990006 · 3:20-3:20 "" → "browser" · resolves tools=browser
            vscode · Tool · 099990007 · 3:20-3:20 "" → "vscode" · resolves tools=vscode
            todo · Tool · 099990008 · 3:20-3:20 "" → "todo" · resolves tools=todo
            todos · Tool · 099990009 · 3:20-3:20 "" → "todos" · resolves tools=todos
            read/readFile · Tool · 099990010 · 3:20-3:20 "" → "read/readFile" · resolves tools=read/readFile
            read/problems · Tool · 099990011 · 3:20-3:20 "" → "read/problems" · resolves tools=read/problems
            read/terminalLastCommand · Tool · 099990012 · 3:20-3:20 "" → "read/terminalLastCommand" · resolves tools=read/terminalLastCommand
            read/terminalSelection · Tool · 099990013 · 3:20-3:20 "" → "read/terminalSelection" · resolves tools=read/terminalSelection
            read/getNotebookSummary · Tool · 099990014 · 3:20-3:20 "" → "read/getNotebookSummary" · resolves tools=read/getNotebookSummary
            read/readNotebookCellOutput · Tool · 099990015 · 3:20-3:20 "" → "read/readNotebookCellOutput" · resolves tools=read/readNotebookCellOutput
            read/getTaskOutput · Tool · 099990016 · 3:20-3:20 "" → "read/getTaskOutput" · resolves tools=read/getTaskOutput
            search/changes · Tool · 099990017 · 3:20-3:20 "" → "search/changes" · resolves tools=search/changes
            search/codebase · Tool · 099990018 · 3:20-3:20 "" → "search/codebase" · resolves tools=search/codebase
            search/fileSearch · Tool · 099990019 · 3:20-3:20 "" → "search/fileSearch" · resolves tools=search/fileSearch
            search/listDirectory · Tool · 099990020 · 3:20-3:20 "" → "search/listDirectory" · resolves tools=search/listDirectory
            search/textSearch · Tool · 099990021 · 3:20-3:20 "" → "search/textSearch" · resolves tools=search/textSearch
            search/usages · Tool · 099990022 · 3:20-3:20 "" → "search/usages" · resolves tools=search/usages
            search/searchResults · Tool · 099990023 · 3:20-3:20 "" → "search/searchResults" · resolves tools=search/searchResults
            edit/createDirectory · Tool · 099990024 · 3:20-3:20 "" → "edit/createDirectory" · resolves tools=edit/createDirectory
            edit/createFile · Tool · 099990025 · 3:20-3:20 "" → "edit/createFile" · resolves tools=edit/createFile
            edit/editFiles · Tool · 099990026 · 3:20-3:20 "" → "edit/editFiles" · resolves tools=edit/editFiles
            edit/editNotebook · Tool · 099990027 · 3:20-3:20 "" → "edit/editNotebook" · resolves tools=edit/editNotebook
            execute/createAndRunTask · Tool · 099990028 · 3:20-3:20 "" → "execute/createAndRunTask" · resolves tools=execute/createAndRunTask
            execute/getTerminalOutput · Tool · 099990029 · 3:20-3:20 "" → "execute/getTerminalOutput" · resolves tools=execute/getTerminalOutput
            execute/runInTerminal · Tool · 099990030 · 3:20-3:20 "" → "execute/runInTerminal" · resolves tools=execute/runInTerminal
            execute/testFailure · Tool · 099990031 · 3:20-3:20 "" → "execute/testFailure" · resolves tools=execute/testFailure
            execute/runNotebookCell · Tool · 099990032 · 3:20-3:20 "" → "execute/runNotebookCell" · resolves tools=execute/runNotebookCell
            execute/runTask · Tool · 099990033 · 3:20-3:20 "" → "execute/runTask" · resolves tools=execute/runTask
            execute/getTaskOutput · Tool · 099990034 · 3:20-3:20 "" → "execute/getTaskOutput" · resolves tools=execute/getTaskOutput
            execute/runTests · Tool · 099990035 · 3:20-3:20 "" → "execute/runTests" · resolves tools=execute/runTests
            web/fetch · Tool · 099990036 · 3:20-3:20 "" → "web/fetch" · resolves tools=web/fetch
            githubRepo · Tool · 099990037 · 3:20-3:20 "" → "githubRepo" · resolves tools=githubRepo
            githubTextSearch · Tool · 099990038 · 3:20-3:20 "" → "githubTextSearch" · resolves tools=githubTextSearch
            agent/runSubagent · Tool · 099990039 · 3:20-3:20 "" → "agent/runSubagent" · resolves tools=agent/runSubagent
            vscode/askQuestions · Tool · 099990040 · 3:20-3:20 "" → "vscode/askQuestions" · resolves tools=vscode/askQuestions
            vscode/extensions · Tool · 099990041 · 3:20-3:20 "" → "vscode/extensions" · resolves tools=vscode/extensions
            vscode/getProjectSetupInfo · Tool · 099990042 · 3:20-3:20 "" → "vscode/getProjectSetupInfo" · resolves tools=vscode/getProjectSetupInfo
            vscode/installExtension · Tool · 099990043 · 3:20-3:20 "" → "vscode/installExtension" · resolves tools=vscode/installExtension
            vscode/runCommand · Tool · 099990044 · 3:20-3:20 "" → "vscode/runCommand" · resolves tools=vscode/runCommand
            vscode/vscodeAPI · Tool · 099990045 · 3:20-3:20 "" → "vscode/vscodeAPI" · resolves tools=vscode/vscodeAPI
            vscode/newWorkspace · Tool · 099990046 · 3:20-3:20 "" → "vscode/newWorkspace" · resolves tools=vscode/newWorkspace
            vscode/openSimpleBrowser · Tool · 099990047 · 3:20-3:20 "" → "vscode/openSimpleBrowser" · resolves tools=vscode/openSimpleBrowser
            vscode/memory · Tool · 099990048 · 3:20-3:20 "" → "vscode/memory" · resolves tools=vscode/memory
            newWorkspace · Tool · 099990049 · 3:20-3:20 "" → "newWorkspace" · resolves tools=newWorkspace
            new · Tool · 099990050 · 3:20-3:20 "" → "new" · resolves tools=new
            findTestFiles · Tool · 099990051 · 3:20-3:20 "" → "findTestFiles" · resolves tools=findTestFiles
            openSimpleBrowser · Tool · 099990052 · 3:20-3:20 "" → "openSimpleBrowser" · resolves tools=openSimpleBrowser
            vscodeAPI · Tool · 099990053 · 3:20-3:20 "" → "vscodeAPI" · resolves tools=vscodeAPI
            runTests · Tool · 099990054 · 3:20-3:20 "" → "runTests" · resolves tools=runTests
            runNotebooks · Tool · 099990055 · 3:20-3:20 "" → "runNotebooks" · resolves tools=runNotebooks
            shell · Tool · 099990056 · 3:20-3:20 "" → "shell" · resolves tools=shell
            custom-agent · Tool · 099990057 · 3:20-3:20 "" → "custom-agent" · resolves tools=custom-agent
            * · Tool · 099990058 · 3:20-3:20 "" → "*" · resolves tools=*
            github/* · Tool · 099990059 · 3:20-3:20 "" → "github/*" · resolves tools=github/*
            playwright/* · Tool · 099990060 · 3:20-3:20 "" → "playwright/*" · resolves tools=playwright/*
            codebase · Tool · 199990061 · 3:20-3:20 "" → "codebase" · legacy — use search/codebase · resolves tools=codebase
            editFiles · Tool · 199990062 · 3:20-3:20 "" → "editFiles" · legacy — use edit/editFiles · resolves tools=editFiles
            searchResults · Tool · 199990063 · 3:20-3:20 "" → "searchResults" · legacy — use search/searchResults · resolves tools=searchResults
            usages · Tool · 199990064 · 3:20-3:20 "" → "usages" · legacy — use search/usages · resolves tools=usages
            changes · Tool · 199990065 · 3:20-3:20 "" → "changes" · legacy — use search/changes · resolves tools=changes
            problems · Tool · 199990066 · 3:20-3:20 "" → "problems" · legacy — use read/problems · resolves tools=problems
            fetch · Tool · 199990067 · 3:20-3:20 "" → "fetch" · legacy — use web/fetch · resolves tools=fetch
            testFailure · Tool · 199990068 · 3:20-3:20 "" → "testFailure" · legacy — use execute/testFailure · resolves tools=testFailure
            terminalLastCommand · Tool · 199990069 · 3:20-3:20 "" → "terminalLastCommand" · legacy — use read/terminalLastCommand · resolves tools=terminalLastCommand
            terminalSelection · Tool · 199990070 · 3:20-3:20 "" → "terminalSelection" · legacy — use read/terminalSelection · resolves tools=terminalSelection
            runCommands · Tool · 199990071 · 3:20-3:20 "" → "runCommands" · legacy — use execute · resolves tools=runCommands
            runTasks · Tool · 199990072 · 3:20-3:20 "" → "runTasks" · legacy — use execute · resolves tools=runTasks
            runCommands/terminalLastCommand · Tool · 199990073 · 3:20-3:20 "" → "runCommands/terminalLastCommand" · legacy — use read/terminalLastCommand · resolves tools=runCommands/terminalLastCommand
            runCommands/terminalSelection · Tool · 199990074 · 3:20-3:20 "" → "runCommands/terminalSelection" · legacy — use read/terminalSelection · resolves tools=runCommands/terminalSelection
            runCommands/getTerminalOutput · Tool · 199990075 · 3:20-3:20 "" → "runCommands/getTerminalOutput" · legacy — use execute/getTerminalOutput · resolves tools=runCommands/getTerminalOutput
            runCommands/runInTerminal · Tool · 199990076 · 3:20-3:20 "" → "runCommands/runInTerminal" · legacy — use execute/runInTerminal · resolves tools=runCommands/runInTerminal
            runTasks/createAndRunTask · Tool · 199990077 · 3:20-3:20 "" → "runTasks/createAndRunTask" · legacy — use execute/createAndRunTask · resolves tools=runTasks/createAndRunTask
            runTasks/getTaskOutput · Tool · 199990078 · 3:20-3:20 "" → "runTasks/getTaskOutput" · legacy — use execute/getTaskOutput · resolves tools=runTasks/getTaskOutput
            runSubagent · Tool · 199990079 · 3:20-3:20 "" → "runSubagent" · legacy — use agent/runSubagent · resolves tools=runSubagent
            extensions · Tool · 199990080 · 3:20-3:20 "" → "extensions" · legacy — use vscode/extensions · resolves tools=extensions
            think · Tool · 399990081 · 3:20-3:20 "" → "think" · retired · deprecated · resolves tools=think
        "#]],
    );
}

/// Outside quotes, in a list whose items are quoted: a quoted name.
#[test]
fn tool_after_a_comma_in_a_flow_list() {
    check(
        r#"
//- /.github/agents/a.agent.md
//- client: lazy-docs
---
description: d
tools: ['search', $0]
---
"#,
        expect![[r#"
            copilot-agent: 81 items
            read · Tool · 099990000 · 3:19-3:19 "" → "'read'" · resolves tools=read
            edit · Tool · 099990002 · 3:19-3:19 "" → "'edit'" · resolves tools=edit
            execute · Tool · 099990003 · 3:19-3:19 "" → "'execute'" · resolves tools=execute
            web · Tool · 099990004 · 3:19-3:19 "" → "'web'" · resolves tools=web
            agent · Tool · 099990005 · 3:19-3:19 "" → "'agent'" · resolves tools=agent
            browser · Tool · 099990006 · 3:19-3:19 "" → "'browser'" · resolves tools=browser
            vscode · Tool · 099990007 · 3:19-3:19 "" → "'vscode'" · resolves tools=vscode
            todo · Tool · 099990008 · 3:19-3:19 "" → "'todo'" · resolves tools=todo
            todos · Tool · 099990009 · 3:19-3:19 "" → "'todos'" · resolves tools=todos
            read/readFile · Tool · 099990010 · 3:19-3:19 "" → "'read/readFile'" · resolves tools=read/readFile
            read/problems · Tool · 099990011 · 3:19-3:19 "" → "'read/problems'" · resolves tools=read/problems
            read/terminalLastCommand · Tool · 099990012 · 3:19-3:19 "" → "'read/terminalLastCommand'" · resolves tools=read/terminalLastCommand
            read/terminalSelection · Tool · 099990013 · 3:19-3:19 "" → "'read/terminalSelection'" · resolves tools=read/terminalSelection
            read/getNotebookSummary · Tool · 099990014 · 3:19-3:19 "" → "'read/getNotebookSummary'" · resolves tools=read/getNotebookSummary
            read/readNotebookCellOutput · Tool · 099990015 · 3:19-3:19 "" → "'read/readNotebookCellOutput'" · resolves tools=read/readNotebookCellOutput
            read/getTaskOutput · Tool · 099990016 · 3:19-3:19 "" → "'read/getTaskOutput'" · resolves tools=read/getTaskOutput
            search/changes · Tool · 099990017 · 3:19-3:19 "" → "'search/changes'" · resolves tools=search/changes
            search/codebase · Tool · 099990018 · 3:19-3:19 "" → "'search/codebase'" · resolves tools=search/codebase
            search/fileSearch · Tool · 099990019 · 3:19-3:19 "" → "'search/fileSearch'" · resolves tools=search/fileSearch
            search/listDirectory · Tool · 099990020 · 3:19-3:19 "" → "'search/listDirectory'" · resolves tools=search/listDirectory
            search/textSearch · Tool · 099990021 · 3:19-3:19 "" → "'search/textSearch'" · resolves tools=search/textSearch
            search/usages · Tool · 099990022 · 3:19-3:19 "" → "'search/usages'" · resolves tools=search/usages
            search/searchResults · Tool · 099990023 · 3:19-3:19 "" → "'search/searchResults'" · resolves tools=search/searchResults
            edit/createDirectory · Tool · 099990024 · 3:19-3:19 "" → "'edit/createDirectory'" · resolves tools=edit/createDirectory
            edit/createFile · Tool · 099990025 · 3:19-3:19 "" → "'edit/createFile'" · resolves tools=edit/createFile
            edit/editFiles · Tool · 099990026 · 3:19-3:19 "" → "'edit/editFiles'" · resolves tools=edit/editFiles
            edit/editNotebook · Tool · 099990027 · 3:19-3:19 "" → "'edit/editNotebook'" · resolves tools=edit/editNotebook
            execute/createAndRunTask · Tool · 099990028 · 3:19-3:19 "" → "'execute/createAndRunTask'" · resolves tools=execute/createAndRunTask
            execute/getTerminalOutput · Tool · 099990029 · 3:19-3:19 "" → "'execute/getTerminalOutput'" · resolves tools=execute/getTerminalOutput
            execute/runInTerminal · Tool · 099990030 · 3:19-3:19 "" → "'execute/runInTerminal'" · resolves tools=execute/runInTerminal
            execute/testFailure · Tool · 099990031 · 3:19-3:19 "" → "'execute/testFailure'" · resolves tools=execute/testFailure
            execute/runNotebookCell · Tool · 099990032 · 3:19-3:19 "" → "'execute/runNotebookCell'" · resolves tools=execute/runNotebookCell
            execute/runTask · Tool · 099990033 · 3:19-3:19 "" → "'execute/runTask'" · resolves tools=execute/runTask
            execute/getTaskOutput · Tool · 099990034 · 3:19-3:19 "" → "'execute/getTaskOutput'" · resolves tools=execute/getTaskOutput
            execute/runTests · Tool · 099990035 · 3:19-3:19 "" → "'execute/runTests'" · resolves tools=execute/runTests
            web/fetch · Tool · 099990036 · 3:19-3:19 "" → "'web/fetch'" · resolves tools=web/fetch
            githubRepo · Tool · 099990037 · 3:19-3:19 "" → "'githubRepo'" · resolves tools=githubRepo
            githubTextSearch · Tool · 099990038 · 3:19-3:19 "" → "'githubTextSearch'" · resolves tools=githubTextSearch
            agent/runSubagent · Tool · 099990039 · 3:19-3:19 "" → "'agent/runSubagent'" · resolves tools=agent/runSubagent
            vscode/askQuestions · Tool · 099990040 · 3:19-3:19 "" → "'vscode/askQuestions'" · resolves tools=vscode/askQuestions
            vscode/extensions · Tool · 099990041 · 3:19-3:19 "" → "'vscode/extensions'" · resolves tools=vscode/extensions
            vscode/getProjectSetupInfo · Tool · 099990042 · 3:19-3:19 "" → "'vscode/getProjectSetupInfo'" · resolves tools=vscode/getProjectSetupInfo
            vscode/installExtension · Tool · 099990043 · 3:19-3:19 "" → "'vscode/installExtension'" · resolves tools=vscode/installExtension
            vscode/runCommand · Tool · 099990044 · 3:19-3:19 "" → "'vscode/runCommand'" · resolves tools=vscode/runCommand
            vscode/vscodeAPI · Tool · 099990045 · 3:19-3:19 "" → "'vscode/vscodeAPI'" · resolves tools=vscode/vscodeAPI
            vscode/newWorkspace · Tool · 099990046 · 3:19-3:19 "" → "'vscode/newWorkspace'" · resolves tools=vscode/newWorkspace
            vscode/openSimpleBrowser · Tool · 099990047 · 3:19-3:19 "" → "'vscode/openSimpleBrowser'" · resolves tools=vscode/openSimpleBrowser
            vscode/memory · Tool · 099990048 · 3:19-3:19 "" → "'vscode/memory'" · resolves tools=vscode/memory
            newWorkspace · Tool · 099990049 · 3:19-3:19 "" → "'newWorkspace'" · resolves tools=newWorkspace
            new · Tool · 099990050 · 3:19-3:19 "" → "'new'" · resolves tools=new
            findTestFiles · Tool · 099990051 · 3:19-3:19 "" → "'findTestFiles'" · resolves tools=findTestFiles
            openSimpleBrowser · Tool · 099990052 · 3:19-3:19 "" → "'openSimpleBrowser'" · resolves tools=openSimpleBrowser
            vscodeAPI · Tool · 099990053 · 3:19-3:19 "" → "'vscodeAPI'" · resolves tools=vscodeAPI
            runTests · Tool · 099990054 · 3:19-3:19 "" → "'runTests'" · resolves tools=runTests
            runNotebooks · Tool · 099990055 · 3:19-3:19 "" → "'runNotebooks'" · resolves tools=runNotebooks
            shell · Tool · 099990056 · 3:19-3:19 "" → "'shell'" · resolves tools=shell
            custom-agent · Tool · 099990057 · 3:19-3:19 "" → "'custom-agent'" · resolves tools=custom-agent
            * · Tool · 099990058 · 3:19-3:19 "" → "'*'" · resolves tools=*
            github/* · Tool · 099990059 · 3:19-3:19 "" → "'github/*'" · resolves tools=github/*
            playwright/* · Tool · 099990060 · 3:19-3:19 "" → "'playwright/*'" · resolves tools=playwright/*
            codebase · Tool · 199990061 · 3:19-3:19 "" → "'codebase'" · legacy — use search/codebase · resolves tools=codebase
            editFiles · Tool · 199990062 · 3:19-3:19 "" → "'editFiles'" · legacy — use edit/editFiles · resolves tools=editFiles
            searchResults · Tool · 199990063 · 3:19-3:19 "" → "'searchResults'" · legacy — use search/searchResults · resolves tools=searchResults
            usages · Tool · 199990064 · 3:19-3:19 "" → "'usages'" · legacy — use search/usages · resolves tools=usages
            changes · Tool · 199990065 · 3:19-3:19 "" → "'changes'" · legacy — use search/changes · resolves tools=changes
            problems · Tool · 199990066 · 3:19-3:19 "" → "'problems'" · legacy — use read/problems · resolves tools=problems
            fetch · Tool · 199990067 · 3:19-3:19 "" → "'fetch'" · legacy — use web/fetch · resolves tools=fetch
            testFailure · Tool · 199990068 · 3:19-3:19 "" → "'testFailure'" · legacy — use execute/testFailure · resolves tools=testFailure
            terminalLastCommand · Tool · 199990069 · 3:19-3:19 "" → "'terminalLastCommand'" · legacy — use read/terminalLastCommand · resolves tools=terminalLastCommand
            terminalSelection · Tool · 199990070 · 3:19-3:19 "" → "'terminalSelection'" · legacy — use read/terminalSelection · resolves tools=terminalSelection
            runCommands · Tool · 199990071 · 3:19-3:19 "" → "'runCommands'" · legacy — use execute · resolves tools=runCommands
            runTasks · Tool · 199990072 · 3:19-3:19 "" → "'runTasks'" · legacy — use execute · resolves tools=runTasks
            runCommands/terminalLastCommand · Tool · 199990073 · 3:19-3:19 "" → "'runCommands/terminalLastCommand'" · legacy — use read/terminalLastCommand · resolves tools=runCommands/terminalLastCommand
            runCommands/terminalSelection · Tool · 199990074 · 3:19-3:19 "" → "'runCommands/terminalSelection'" · legacy — use read/terminalSelection · resolves tools=runCommands/terminalSelection
            runCommands/getTerminalOutput · Tool · 199990075 · 3:19-3:19 "" → "'runCommands/getTerminalOutput'" · legacy — use execute/getTerminalOutput · resolves tools=runCommands/getTerminalOutput
            runCommands/runInTerminal · Tool · 199990076 · 3:19-3:19 "" → "'runCommands/runInTerminal'" · legacy — use execute/runInTerminal · resolves tools=runCommands/runInTerminal
            runTasks/createAndRunTask · Tool · 199990077 · 3:19-3:19 "" → "'runTasks/createAndRunTask'" · legacy — use execute/createAndRunTask · resolves tools=runTasks/createAndRunTask
            runTasks/getTaskOutput · Tool · 199990078 · 3:19-3:19 "" → "'runTasks/getTaskOutput'" · legacy — use execute/getTaskOutput · resolves tools=runTasks/getTaskOutput
            runSubagent · Tool · 199990079 · 3:19-3:19 "" → "'runSubagent'" · legacy — use agent/runSubagent · resolves tools=runSubagent
            extensions · Tool · 199990080 · 3:19-3:19 "" → "'extensions'" · legacy — use vscode/extensions · resolves tools=extensions
            think · Tool · 399990081 · 3:19-3:19 "" → "'think'" · retired · deprecated · resolves tools=think
        "#]],
    );
}

#[test]
fn tool_in_a_flow_list_over_several_lines() {
    check(
        r#"
//- /.github/agents/a.agent.md
//- client: lazy-docs
---
description: d
tools: [
  'search',
  $0
]
---
"#,
        expect![[r#"
            copilot-agent: 81 items
            read · Tool · 099990000 · 5:3-5:3 "" → "'read'" · resolves tools=read
            edit · Tool · 099990002 · 5:3-5:3 "" → "'edit'" · resolves tools=edit
            execute · Tool · 099990003 · 5:3-5:3 "" → "'execute'" · resolves tools=execute
            web · Tool · 099990004 · 5:3-5:3 "" → "'web'" · resolves tools=web
            agent · Tool · 099990005 · 5:3-5:3 "" → "'agent'" · resolves tools=agent
            browser · Tool · 099990006 · 5:3-5:3 "" → "'browser'" · resolves tools=browser
            vscode · Tool · 099990007 · 5:3-5:3 "" → "'vscode'" · resolves tools=vscode
            todo · Tool · 099990008 · 5:3-5:3 "" → "'todo'" · resolves tools=todo
            todos · Tool · 099990009 · 5:3-5:3 "" → "'todos'" · resolves tools=todos
            read/readFile · Tool · 099990010 · 5:3-5:3 "" → "'read/readFile'" · resolves tools=read/readFile
            read/problems · Tool · 099990011 · 5:3-5:3 "" → "'read/problems'" · resolves tools=read/problems
            read/terminalLastCommand · Tool · 099990012 · 5:3-5:3 "" → "'read/terminalLastCommand'" · resolves tools=read/terminalLastCommand
            read/terminalSelection · Tool · 099990013 · 5:3-5:3 "" → "'read/terminalSelection'" · resolves tools=read/terminalSelection
            read/getNotebookSummary · Tool · 099990014 · 5:3-5:3 "" → "'read/getNotebookSummary'" · resolves tools=read/getNotebookSummary
            read/readNotebookCellOutput · Tool · 099990015 · 5:3-5:3 "" → "'read/readNotebookCellOutput'" · resolves tools=read/readNotebookCellOutput
            read/getTaskOutput · Tool · 099990016 · 5:3-5:3 "" → "'read/getTaskOutput'" · resolves tools=read/getTaskOutput
            search/changes · Tool · 099990017 · 5:3-5:3 "" → "'search/changes'" · resolves tools=search/changes
            search/codebase · Tool · 099990018 · 5:3-5:3 "" → "'search/codebase'" · resolves tools=search/codebase
            search/fileSearch · Tool · 099990019 · 5:3-5:3 "" → "'search/fileSearch'" · resolves tools=search/fileSearch
            search/listDirectory · Tool · 099990020 · 5:3-5:3 "" → "'search/listDirectory'" · resolves tools=search/listDirectory
            search/textSearch · Tool · 099990021 · 5:3-5:3 "" → "'search/textSearch'" · resolves tools=search/textSearch
            search/usages · Tool · 099990022 · 5:3-5:3 "" → "'search/usages'" · resolves tools=search/usages
            search/searchResults · Tool · 099990023 · 5:3-5:3 "" → "'search/searchResults'" · resolves tools=search/searchResults
            edit/createDirectory · Tool · 099990024 · 5:3-5:3 "" → "'edit/createDirectory'" · resolves tools=edit/createDirectory
            edit/createFile · Tool · 099990025 · 5:3-5:3 "" → "'edit/createFile'" · resolves tools=edit/createFile
            edit/editFiles · Tool · 099990026 · 5:3-5:3 "" → "'edit/editFiles'" · resolves tools=edit/editFiles
            edit/editNotebook · Tool · 099990027 · 5:3-5:3 "" → "'edit/editNotebook'" · resolves tools=edit/editNotebook
            execute/createAndRunTask · Tool · 099990028 · 5:3-5:3 "" → "'execute/createAndRunTask'" · resolves tools=execute/createAndRunTask
            execute/getTerminalOutput · Tool · 099990029 · 5:3-5:3 "" → "'execute/getTerminalOutput'" · resolves tools=execute/getTerminalOutput
            execute/runInTerminal · Tool · 099990030 · 5:3-5:3 "" → "'execute/runInTerminal'" · resolves tools=execute/runInTerminal
            execute/testFailure · Tool · 099990031 · 5:3-5:3 "" → "'execute/testFailure'" · resolves tools=execute/testFailure
            execute/runNotebookCell · Tool · 099990032 · 5:3-5:3 "" → "'execute/runNotebookCell'" · resolves tools=execute/runNotebookCell
            execute/runTask · Tool · 099990033 · 5:3-5:3 "" → "'execute/runTask'" · resolves tools=execute/runTask
            execute/getTaskOutput · Tool · 099990034 · 5:3-5:3 "" → "'execute/getTaskOutput'" · resolves tools=execute/getTaskOutput
            execute/runTests · Tool · 099990035 · 5:3-5:3 "" → "'execute/runTests'" · resolves tools=execute/runTests
            web/fetch · Tool · 099990036 · 5:3-5:3 "" → "'web/fetch'" · resolves tools=web/fetch
            githubRepo · Tool · 099990037 · 5:3-5:3 "" → "'githubRepo'" · resolves tools=githubRepo
            githubTextSearch · Tool · 099990038 · 5:3-5:3 "" → "'githubTextSearch'" · resolves tools=githubTextSearch
            agent/runSubagent · Tool · 099990039 · 5:3-5:3 "" → "'agent/runSubagent'" · resolves tools=agent/runSubagent
            vscode/askQuestions · Tool · 099990040 · 5:3-5:3 "" → "'vscode/askQuestions'" · resolves tools=vscode/askQuestions
            vscode/extensions · Tool · 099990041 · 5:3-5:3 "" → "'vscode/extensions'" · resolves tools=vscode/extensions
            vscode/getProjectSetupInfo · Tool · 099990042 · 5:3-5:3 "" → "'vscode/getProjectSetupInfo'" · resolves tools=vscode/getProjectSetupInfo
            vscode/installExtension · Tool · 099990043 · 5:3-5:3 "" → "'vscode/installExtension'" · resolves tools=vscode/installExtension
            vscode/runCommand · Tool · 099990044 · 5:3-5:3 "" → "'vscode/runCommand'" · resolves tools=vscode/runCommand
            vscode/vscodeAPI · Tool · 099990045 · 5:3-5:3 "" → "'vscode/vscodeAPI'" · resolves tools=vscode/vscodeAPI
            vscode/newWorkspace · Tool · 099990046 · 5:3-5:3 "" → "'vscode/newWorkspace'" · resolves tools=vscode/newWorkspace
            vscode/openSimpleBrowser · Tool · 099990047 · 5:3-5:3 "" → "'vscode/openSimpleBrowser'" · resolves tools=vscode/openSimpleBrowser
            vscode/memory · Tool · 099990048 · 5:3-5:3 "" → "'vscode/memory'" · resolves tools=vscode/memory
            newWorkspace · Tool · 099990049 · 5:3-5:3 "" → "'newWorkspace'" · resolves tools=newWorkspace
            new · Tool · 099990050 · 5:3-5:3 "" → "'new'" · resolves tools=new
            findTestFiles · Tool · 099990051 · 5:3-5:3 "" → "'findTestFiles'" · resolves tools=findTestFiles
            openSimpleBrowser · Tool · 099990052 · 5:3-5:3 "" → "'openSimpleBrowser'" · resolves tools=openSimpleBrowser
            vscodeAPI · Tool · 099990053 · 5:3-5:3 "" → "'vscodeAPI'" · resolves tools=vscodeAPI
            runTests · Tool · 099990054 · 5:3-5:3 "" → "'runTests'" · resolves tools=runTests
            runNotebooks · Tool · 099990055 · 5:3-5:3 "" → "'runNotebooks'" · resolves tools=runNotebooks
            shell · Tool · 099990056 · 5:3-5:3 "" → "'shell'" · resolves tools=shell
            custom-agent · Tool · 099990057 · 5:3-5:3 "" → "'custom-agent'" · resolves tools=custom-agent
            * · Tool · 099990058 · 5:3-5:3 "" → "'*'" · resolves tools=*
            github/* · Tool · 099990059 · 5:3-5:3 "" → "'github/*'" · resolves tools=github/*
            playwright/* · Tool · 099990060 · 5:3-5:3 "" → "'playwright/*'" · resolves tools=playwright/*
            codebase · Tool · 199990061 · 5:3-5:3 "" → "'codebase'" · legacy — use search/codebase · resolves tools=codebase
            editFiles · Tool · 199990062 · 5:3-5:3 "" → "'editFiles'" · legacy — use edit/editFiles · resolves tools=editFiles
            searchResults · Tool · 199990063 · 5:3-5:3 "" → "'searchResults'" · legacy — use search/searchResults · resolves tools=searchResults
            usages · Tool · 199990064 · 5:3-5:3 "" → "'usages'" · legacy — use search/usages · resolves tools=usages
            changes · Tool · 199990065 · 5:3-5:3 "" → "'changes'" · legacy — use search/changes · resolves tools=changes
            problems · Tool · 199990066 · 5:3-5:3 "" → "'problems'" · legacy — use read/problems · resolves tools=problems
            fetch · Tool · 199990067 · 5:3-5:3 "" → "'fetch'" · legacy — use web/fetch · resolves tools=fetch
            testFailure · Tool · 199990068 · 5:3-5:3 "" → "'testFailure'" · legacy — use execute/testFailure · resolves tools=testFailure
            terminalLastCommand · Tool · 199990069 · 5:3-5:3 "" → "'terminalLastCommand'" · legacy — use read/terminalLastCommand · resolves tools=terminalLastCommand
            terminalSelection · Tool · 199990070 · 5:3-5:3 "" → "'terminalSelection'" · legacy — use read/terminalSelection · resolves tools=terminalSelection
            runCommands · Tool · 199990071 · 5:3-5:3 "" → "'runCommands'" · legacy — use execute · resolves tools=runCommands
            runTasks · Tool · 199990072 · 5:3-5:3 "" → "'runTasks'" · legacy — use execute · resolves tools=runTasks
            runCommands/terminalLastCommand · Tool · 199990073 · 5:3-5:3 "" → "'runCommands/terminalLastCommand'" · legacy — use read/terminalLastCommand · resolves tools=runCommands/terminalLastCommand
            runCommands/terminalSelection · Tool · 199990074 · 5:3-5:3 "" → "'runCommands/terminalSelection'" · legacy — use read/terminalSelection · resolves tools=runCommands/terminalSelection
            runCommands/getTerminalOutput · Tool · 199990075 · 5:3-5:3 "" → "'runCommands/getTerminalOutput'" · legacy — use execute/getTerminalOutput · resolves tools=runCommands/getTerminalOutput
            runCommands/runInTerminal · Tool · 199990076 · 5:3-5:3 "" → "'runCommands/runInTerminal'" · legacy — use execute/runInTerminal · resolves tools=runCommands/runInTerminal
            runTasks/createAndRunTask · Tool · 199990077 · 5:3-5:3 "" → "'runTasks/createAndRunTask'" · legacy — use execute/createAndRunTask · resolves tools=runTasks/createAndRunTask
            runTasks/getTaskOutput · Tool · 199990078 · 5:3-5:3 "" → "'runTasks/getTaskOutput'" · legacy — use execute/getTaskOutput · resolves tools=runTasks/getTaskOutput
            runSubagent · Tool · 199990079 · 5:3-5:3 "" → "'runSubagent'" · legacy — use agent/runSubagent · resolves tools=runSubagent
            extensions · Tool · 199990080 · 5:3-5:3 "" → "'extensions'" · legacy — use vscode/extensions · resolves tools=extensions
            think · Tool · 399990081 · 5:3-5:3 "" → "'think'" · retired · deprecated · resolves tools=think
        "#]],
    );
}

#[test]
fn copilot_tools_with_docs() {
    check(
        r#"
//- /.github/chatmodes/plan.chatmode.md
---
description: d
tools: ['search', 'web/fetch', 'edit', 'read', 'execute', $0]
---
"#,
        expect![[r#"
            copilot-chatmode: 77 items
            web · Tool · 099990004 · 3:59-3:59 "" → "'web'" · resolves tools=web
                Tool set: access web content. GitHub alias for `WebSearch`, `WebFetch`.
            agent · Tool · 099990005 · 3:59-3:59 "" → "'agent'" · resolves tools=agent
                Tool set: delegate tasks to subagents (needed for `agents`). GitHub alias for `custom-agent`, `Task`.
            browser · Tool · 099990006 · 3:59-3:59 "" → "'browser'" · resolves tools=browser
                Tool set: navigate, inspect and interact with pages using the integrated browser tools.
            vscode · Tool · 099990007 · 3:59-3:59 "" → "'vscode'" · resolves tools=vscode
                Tool set: VS Code editor tools (extensions, commands, questions, project setup).
            todo · Tool · 099990008 · 3:59-3:59 "" → "'todo'" · resolves tools=todo
                Track task progress with a todo list. GitHub alias for `TodoWrite`.
            todos · Tool · 099990009 · 3:59-3:59 "" → "'todos'" · resolves tools=todos
                Track task progress with a todo list (name used in the VS Code tools reference).
            read/readFile · Tool · 099990010 · 3:59-3:59 "" → "'read/readFile'" · resolves tools=read/readFile
                Read a file.
            read/problems · Tool · 099990011 · 3:59-3:59 "" → "'read/problems'" · resolves tools=read/problems
                Get diagnostics from the Problems panel.
            read/terminalLastCommand · Tool · 099990012 · 3:59-3:59 "" → "'read/terminalLastCommand'" · resolves tools=read/terminalLastCommand
                Get the last terminal command and its output.
            read/terminalSelection · Tool · 099990013 · 3:59-3:59 "" → "'read/terminalSelection'" · resolves tools=read/terminalSelection
                Get the current terminal selection.
            read/getNotebookSummary · Tool · 099990014 · 3:59-3:59 "" → "'read/getNotebookSummary'" · resolves tools=read/getNotebookSummary
                List notebook cells and their details.
            read/readNotebookCellOutput · Tool · 099990015 · 3:59-3:59 "" → "'read/readNotebookCellOutput'" · resolves tools=read/readNotebookCellOutput
                Read the output from a notebook cell.
            read/getTaskOutput · Tool · 099990016 · 3:59-3:59 "" → "'read/getTaskOutput'" · resolves tools=read/getTaskOutput
                Get the output of a task.
            search/changes · Tool · 099990017 · 3:59-3:59 "" → "'search/changes'" · resolves tools=search/changes
                List source control changes.
            search/codebase · Tool · 099990018 · 3:59-3:59 "" → "'search/codebase'" · resolves tools=search/codebase
                Find relevant code with workspace code search.
            search/fileSearch · Tool · 099990019 · 3:59-3:59 "" → "'search/fileSearch'" · resolves tools=search/fileSearch
                Find files by a glob pattern.
            search/listDirectory · Tool · 099990020 · 3:59-3:59 "" → "'search/listDirectory'" · resolves tools=search/listDirectory
                List directory contents.
            search/textSearch · Tool · 099990021 · 3:59-3:59 "" → "'search/textSearch'" · resolves tools=search/textSearch
                Find text in files.
            search/usages · Tool · 099990022 · 3:59-3:59 "" → "'search/usages'" · resolves tools=search/usages
                Find references, implementations and definitions of symbols.
            search/searchResults · Tool · 099990023 · 3:59-3:59 "" → "'search/searchResults'" · resolves tools=search/searchResults
                Get the results of the Search view.
            edit/createDirectory · Tool · 099990024 · 3:59-3:59 "" → "'edit/createDirectory'" · resolves tools=edit/createDirectory
                Create a directory.
            edit/createFile · Tool · 099990025 · 3:59-3:59 "" → "'edit/createFile'" · resolves tools=edit/createFile
                Create a file.
            edit/editFiles · Tool · 099990026 · 3:59-3:59 "" → "'edit/editFiles'" · resolves tools=edit/editFiles
                Apply edits to files.
            edit/editNotebook · Tool · 099990027 · 3:59-3:59 "" → "'edit/editNotebook'" · resolves tools=edit/editNotebook
                Edit a notebook.
            execute/createAndRunTask · Tool · 099990028 · 3:59-3:59 "" → "'execute/createAndRunTask'" · resolves tools=execute/createAndRunTask
                Create and run a workspace task.
            execute/getTerminalOutput · Tool · 099990029 · 3:59-3:59 "" → "'execute/getTerminalOutput'" · resolves tools=execute/getTerminalOutput
                Get output from a running terminal command.
            execute/runInTerminal · Tool · 099990030 · 3:59-3:59 "" → "'execute/runInTerminal'" · resolves tools=execute/runInTerminal
                Run a shell command in the integrated terminal.
            execute/testFailure · Tool · 099990031 · 3:59-3:59 "" → "'execute/testFailure'" · resolves tools=execute/testFailure
                Get unit test failure information.
            execute/runNotebookCell · Tool · 099990032 · 3:59-3:59 "" → "'execute/runNotebookCell'" · resolves tools=execute/runNotebookCell
                Run a notebook cell.
            execute/runTask · Tool · 099990033 · 3:59-3:59 "" → "'execute/runTask'" · resolves tools=execute/runTask
                Run an existing workspace task.
            execute/getTaskOutput · Tool · 099990034 · 3:59-3:59 "" → "'execute/getTaskOutput'" · resolves tools=execute/getTaskOutput
                Get the output of a workspace task.
            execute/runTests · Tool · 099990035 · 3:59-3:59 "" → "'execute/runTests'" · resolves tools=execute/runTests
                Run unit tests.
            githubRepo · Tool · 099990037 · 3:59-3:59 "" → "'githubRepo'" · resolves tools=githubRepo
                Search a GitHub repository semantically (`owner/repo`).
            githubTextSearch · Tool · 099990038 · 3:59-3:59 "" → "'githubTextSearch'" · resolves tools=githubTextSearch
                Search a GitHub repository or organization for text or code patterns.
            agent/runSubagent · Tool · 099990039 · 3:59-3:59 "" → "'agent/runSubagent'" · resolves tools=agent/runSubagent
                Run a task in an isolated subagent context.
            vscode/askQuestions · Tool · 099990040 · 3:59-3:59 "" → "'vscode/askQuestions'" · resolves tools=vscode/askQuestions
                Ask clarifying questions with interactive controls.
            vscode/extensions · Tool · 099990041 · 3:59-3:59 "" → "'vscode/extensions'" · resolves tools=vscode/extensions
                Search for extensions and information about them.
            vscode/getProjectSetupInfo · Tool · 099990042 · 3:59-3:59 "" → "'vscode/getProjectSetupInfo'" · resolves tools=vscode/getProjectSetupInfo
                Get project-scaffolding instructions and configuration.
            vscode/installExtension · Tool · 099990043 · 3:59-3:59 "" → "'vscode/installExtension'" · resolves tools=vscode/installExtension
                Install an extension.
            vscode/runCommand · Tool · 099990044 · 3:59-3:59 "" → "'vscode/runCommand'" · resolves tools=vscode/runCommand
                Run a VS Code command.
            vscode/vscodeAPI · Tool · 099990045 · 3:59-3:59 "" → "'vscode/vscodeAPI'" · resolves tools=vscode/vscodeAPI
                Get information about editor functionality and extension APIs (docs spell it `vscode/VSCodeAPI`).
            vscode/newWorkspace · Tool · 099990046 · 3:59-3:59 "" → "'vscode/newWorkspace'" · resolves tools=vscode/newWorkspace
                Create a workspace.
            vscode/openSimpleBrowser · Tool · 099990047 · 3:59-3:59 "" → "'vscode/openSimpleBrowser'" · resolves tools=vscode/openSimpleBrowser
                Open a URL in the Simple Browser.
            vscode/memory · Tool · 099990048 · 3:59-3:59 "" → "'vscode/memory'" · resolves tools=vscode/memory
                Read and write agent memory.
            newWorkspace · Tool · 099990049 · 3:59-3:59 "" → "'newWorkspace'" · resolves tools=newWorkspace
                Create a workspace.
            new · Tool · 099990050 · 3:59-3:59 "" → "'new'" · resolves tools=new
                Scaffold a new workspace (older flat name).
            findTestFiles · Tool · 099990051 · 3:59-3:59 "" → "'findTestFiles'" · resolves tools=findTestFiles
                Find test files for a source file (older flat name).
            openSimpleBrowser · Tool · 099990052 · 3:59-3:59 "" → "'openSimpleBrowser'" · resolves tools=openSimpleBrowser
                Open a URL in the Simple Browser (older flat name).
            vscodeAPI · Tool · 099990053 · 3:59-3:59 "" → "'vscodeAPI'" · resolves tools=vscodeAPI
                VS Code API documentation search (older flat name).
            runTests · Tool · 099990054 · 3:59-3:59 "" → "'runTests'" · resolves tools=runTests
                Run unit tests (older flat name).
            runNotebooks · Tool · 099990055 · 3:59-3:59 "" → "'runNotebooks'" · resolves tools=runNotebooks
                Run notebook cells (older tool set name).
            shell · Tool · 099990056 · 3:59-3:59 "" → "'shell'" · resolves tools=shell
                GitHub Copilot alias for `execute`.
            custom-agent · Tool · 099990057 · 3:59-3:59 "" → "'custom-agent'" · resolves tools=custom-agent
                GitHub Copilot alias for `agent`.
            * · Tool · 099990058 · 3:59-3:59 "" → "'*'" · resolves tools=*
                All available tools (GitHub Copilot).
            github/* · Tool · 099990059 · 3:59-3:59 "" → "'github/*'" · resolves tools=github/*
                All tools of the out-of-box GitHub MCP server.
            playwright/* · Tool · 099990060 · 3:59-3:59 "" → "'playwright/*'" · resolves tools=playwright/*
                All tools of the out-of-box Playwright MCP server.
            codebase · Tool · 199990061 · 3:59-3:59 "" → "'codebase'" · legacy — use search/codebase · resolves tools=codebase
                Renamed to `search/codebase`.

                *Legacy*: use `search/codebase`.
            editFiles · Tool · 199990062 · 3:59-3:59 "" → "'editFiles'" · legacy — use edit/editFiles · resolves tools=editFiles
                Renamed to `edit/editFiles`.

                *Legacy*: use `edit/editFiles`.
            searchResults · Tool · 199990063 · 3:59-3:59 "" → "'searchResults'" · legacy — use search/searchResults · resolves tools=searchResults
                Renamed to `search/searchResults`.

                *Legacy*: use `search/searchResults`.
            usages · Tool · 199990064 · 3:59-3:59 "" → "'usages'" · legacy — use search/usages · resolves tools=usages
                Renamed to `search/usages`.

                *Legacy*: use `search/usages`.
            changes · Tool · 199990065 · 3:59-3:59 "" → "'changes'" · legacy — use search/changes · resolves tools=changes
                Moved into the `search` tool set as `search/changes`.

                *Legacy*: use `search/changes`.
            problems · Tool · 199990066 · 3:59-3:59 "" → "'problems'" · legacy — use read/problems · resolves tools=problems
                Moved into the `read` tool set as `read/problems`.

                *Legacy*: use `read/problems`.
            fetch · Tool · 199990067 · 3:59-3:59 "" → "'fetch'" · legacy — use web/fetch · resolves tools=fetch
                Moved into the `web` tool set as `web/fetch`.

                *Legacy*: use `web/fetch`.
            testFailure · Tool · 199990068 · 3:59-3:59 "" → "'testFailure'" · legacy — use execute/testFailure · resolves tools=testFailure
                Moved into the `execute` tool set as `execute/testFailure`.

                *Legacy*: use `execute/testFailure`.
            terminalLastCommand · Tool · 199990069 · 3:59-3:59 "" → "'terminalLastCommand'" · legacy — use read/terminalLastCommand · resolves tools=terminalLastCommand
                Renamed to `read/terminalLastCommand`.

                *Legacy*: use `read/terminalLastCommand`.
            terminalSelection · Tool · 199990070 · 3:59-3:59 "" → "'terminalSelection'" · legacy — use read/terminalSelection · resolves tools=terminalSelection
                Renamed to `read/terminalSelection`.

                *Legacy*: use `read/terminalSelection`.
            runCommands · Tool · 199990071 · 3:59-3:59 "" → "'runCommands'" · legacy — use execute · resolves tools=runCommands
                Old tool set; VS Code says to use `execute/getTerminalOutput`, `execute/runInTerminal`, `read/terminalLastCommand`, `read/terminalSelection`.

                *Legacy*: use `execute`.
            runTasks · Tool · 199990072 · 3:59-3:59 "" → "'runTasks'" · legacy — use execute · resolves tools=runTasks
                Old tool set; VS Code says to use `execute/createAndRunTask`, `execute/getTaskOutput`, `execute/runTask`.

                *Legacy*: use `execute`.
            runCommands/terminalLastCommand · Tool · 199990073 · 3:59-3:59 "" → "'runCommands/terminalLastCommand'" · legacy — use read/terminalLastCommand · resolves tools=runCommands/terminalLastCommand
                Renamed to `read/terminalLastCommand`.

                *Legacy*: use `read/terminalLastCommand`.
            runCommands/terminalSelection · Tool · 199990074 · 3:59-3:59 "" → "'runCommands/terminalSelection'" · legacy — use read/terminalSelection · resolves tools=runCommands/terminalSelection
                Renamed to `read/terminalSelection`.

                *Legacy*: use `read/terminalSelection`.
            runCommands/getTerminalOutput · Tool · 199990075 · 3:59-3:59 "" → "'runCommands/getTerminalOutput'" · legacy — use execute/getTerminalOutput · resolves tools=runCommands/getTerminalOutput
                Renamed to `execute/getTerminalOutput`.

                *Legacy*: use `execute/getTerminalOutput`.
            runCommands/runInTerminal · Tool · 199990076 · 3:59-3:59 "" → "'runCommands/runInTerminal'" · legacy — use execute/runInTerminal · resolves tools=runCommands/runInTerminal
                Renamed to `execute/runInTerminal`.

                *Legacy*: use `execute/runInTerminal`.
            runTasks/createAndRunTask · Tool · 199990077 · 3:59-3:59 "" → "'runTasks/createAndRunTask'" · legacy — use execute/createAndRunTask · resolves tools=runTasks/createAndRunTask
                Renamed to `execute/createAndRunTask`.

                *Legacy*: use `execute/createAndRunTask`.
            runTasks/getTaskOutput · Tool · 199990078 · 3:59-3:59 "" → "'runTasks/getTaskOutput'" · legacy — use execute/getTaskOutput · resolves tools=runTasks/getTaskOutput
                Renamed to `execute/getTaskOutput`.

                *Legacy*: use `execute/getTaskOutput`.
            runSubagent · Tool · 199990079 · 3:59-3:59 "" → "'runSubagent'" · legacy — use agent/runSubagent · resolves tools=runSubagent
                Renamed to `agent/runSubagent`.

                *Legacy*: use `agent/runSubagent`.
            extensions · Tool · 199990080 · 3:59-3:59 "" → "'extensions'" · legacy — use vscode/extensions · resolves tools=extensions
                Renamed to `vscode/extensions`.

                *Legacy*: use `vscode/extensions`.
            think · Tool · 399990081 · 3:59-3:59 "" → "'think'" · retired · deprecated · resolves tools=think
                Removed from VS Code (reported as "Unknown tool 'think'").

                *Retired*.
        "#]],
    );
}

#[test]
fn item_of_a_list_key() {
    check(
        r#"
//- /.claude/agents/a.md
//- used skills: pdf=2, review=1
---
name: a
skills:
  - pdf
  - $0
---
"#,
        expect![[r#"
            claude-agent: 1 item
            review · Used · 50000 · 5:5-5:5 "" → "review" · used in 1 other file
        "#]],
    );
}

#[test]
fn indented_line_under_a_mapping() {
    check(
        r#"
//- /.claude/agents/a.md
//- client: lazy-docs
---
name: a
hooks:
  $0
---
"#,
        expect![[r#"
            claude-agent: 0 items
        "#]],
    );
}

#[test]
fn value_in_a_nested_mapping() {
    check(
        r#"
//- /.claude/skills/pdf/SKILL.md
//- client: lazy-docs
---
name: pdf
description: d
metadata:
  version: $0
---
"#,
        expect![[r#"
            claude-skill: 0 items
        "#]],
    );
}

/// 🏗 is two UTF-16 units and U+FE0F one.
#[test]
fn tool_after_an_emoji() {
    check(
        r#"
//- /.claude/agents/a.md
//- client: lazy-docs
---
name: a
description: 🏗️ d
tools: 🏗️, Gr$0
---
"#,
        expect![[r#"
            claude-agent: 57 items
            Agent · Tool · 099990000 · 4:13-4:15 "Gr" → "Agent" · resolves tools=Agent
            Artifact · Tool · 099990001 · 4:13-4:15 "Gr" → "Artifact" · resolves tools=Artifact
            AskUserQuestion · Tool · 099990002 · 4:13-4:15 "Gr" → "AskUserQuestion" · resolves tools=AskUserQuestion
            Bash · Tool · 099990003 · 4:13-4:15 "Gr" → "Bash" · resolves tools=Bash
            CronCreate · Tool · 099990004 · 4:13-4:15 "Gr" → "CronCreate" · resolves tools=CronCreate
            CronDelete · Tool · 099990005 · 4:13-4:15 "Gr" → "CronDelete" · resolves tools=CronDelete
            CronList · Tool · 099990006 · 4:13-4:15 "Gr" → "CronList" · resolves tools=CronList
            Edit · Tool · 099990007 · 4:13-4:15 "Gr" → "Edit" · resolves tools=Edit
            EndConversation · Tool · 099990008 · 4:13-4:15 "Gr" → "EndConversation" · resolves tools=EndConversation
            EnterPlanMode · Tool · 099990009 · 4:13-4:15 "Gr" → "EnterPlanMode" · resolves tools=EnterPlanMode
            EnterWorktree · Tool · 099990010 · 4:13-4:15 "Gr" → "EnterWorktree" · resolves tools=EnterWorktree
            ExitPlanMode · Tool · 099990011 · 4:13-4:15 "Gr" → "ExitPlanMode" · resolves tools=ExitPlanMode
            ExitWorktree · Tool · 099990012 · 4:13-4:15 "Gr" → "ExitWorktree" · resolves tools=ExitWorktree
            Glob · Tool · 099990013 · 4:13-4:15 "Gr" → "Glob" · resolves tools=Glob
            Grep · Tool · 099990014 · 4:13-4:15 "Gr" → "Grep" · resolves tools=Grep
            ListAgents · Tool · 099990015 · 4:13-4:15 "Gr" → "ListAgents" · resolves tools=ListAgents
            ListMcpResourcesTool · Tool · 099990016 · 4:13-4:15 "Gr" → "ListMcpResourcesTool" · resolves tools=ListMcpResourcesTool
            LSP · Tool · 099990017 · 4:13-4:15 "Gr" → "LSP" · resolves tools=LSP
            Monitor · Tool · 099990018 · 4:13-4:15 "Gr" → "Monitor" · resolves tools=Monitor
            NotebookEdit · Tool · 099990019 · 4:13-4:15 "Gr" → "NotebookEdit" · resolves tools=NotebookEdit
            PowerShell · Tool · 099990020 · 4:13-4:15 "Gr" → "PowerShell" · resolves tools=PowerShell
            PushNotification · Tool · 099990021 · 4:13-4:15 "Gr" → "PushNotification" · resolves tools=PushNotification
            Read · Tool · 099990022 · 4:13-4:15 "Gr" → "Read" · resolves tools=Read
            ReadMcpResourceTool · Tool · 099990023 · 4:13-4:15 "Gr" → "ReadMcpResourceTool" · resolves tools=ReadMcpResourceTool
            RemoteTrigger · Tool · 099990024 · 4:13-4:15 "Gr" → "RemoteTrigger" · resolves tools=RemoteTrigger
            ReportFindings · Tool · 099990025 · 4:13-4:15 "Gr" → "ReportFindings" · resolves tools=ReportFindings
            ScheduleWakeup · Tool · 099990026 · 4:13-4:15 "Gr" → "ScheduleWakeup" · resolves tools=ScheduleWakeup
            SendFeedback · Tool · 099990027 · 4:13-4:15 "Gr" → "SendFeedback" · resolves tools=SendFeedback
            SendMessage · Tool · 099990028 · 4:13-4:15 "Gr" → "SendMessage" · resolves tools=SendMessage
            SendUserFile · Tool · 099990029 · 4:13-4:15 "Gr" → "SendUserFile" · resolves tools=SendUserFile
            ShareOnboardingGuide · Tool · 099990030 · 4:13-4:15 "Gr" → "ShareOnboardingGuide" · resolves tools=ShareOnboardingGuide
            Skill · Tool · 099990031 · 4:13-4:15 "Gr" → "Skill" · resolves tools=Skill
            SubagentHandback · Tool · 099990032 · 4:13-4:15 "Gr" → "SubagentHandback" · resolves tools=SubagentHandback
            TaskCreate · Tool · 099990033 · 4:13-4:15 "Gr" → "TaskCreate" · resolves tools=TaskCreate
            TaskGet · Tool · 099990034 · 4:13-4:15 "Gr" → "TaskGet" · resolves tools=TaskGet
            TaskList · Tool · 099990035 · 4:13-4:15 "Gr" → "TaskList" · resolves tools=TaskList
            TaskStop · Tool · 099990037 · 4:13-4:15 "Gr" → "TaskStop" · resolves tools=TaskStop
            TaskUpdate · Tool · 099990038 · 4:13-4:15 "Gr" → "TaskUpdate" · resolves tools=TaskUpdate
            TodoWrite · Tool · 099990039 · 4:13-4:15 "Gr" → "TodoWrite" · resolves tools=TodoWrite
            ToolSearch · Tool · 099990040 · 4:13-4:15 "Gr" → "ToolSearch" · resolves tools=ToolSearch
            WaitForMcpServers · Tool · 099990041 · 4:13-4:15 "Gr" → "WaitForMcpServers" · resolves tools=WaitForMcpServers
            WebFetch · Tool · 099990042 · 4:13-4:15 "Gr" → "WebFetch" · resolves tools=WebFetch
            WebSearch · Tool · 099990043 · 4:13-4:15 "Gr" → "WebSearch" · resolves tools=WebSearch
            Workflow · Tool · 099990044 · 4:13-4:15 "Gr" → "Workflow" · resolves tools=Workflow
            Write · Tool · 099990045 · 4:13-4:15 "Gr" → "Write" · resolves tools=Write
            Task · Tool · 199990046 · 4:13-4:15 "Gr" → "Task" · legacy — use Agent · resolves tools=Task
            MultiEdit · Tool · 199990047 · 4:13-4:15 "Gr" → "MultiEdit" · legacy — use Edit · resolves tools=MultiEdit
            LS · Tool · 199990048 · 4:13-4:15 "Gr" → "LS" · legacy — use Glob · resolves tools=LS
            KillShell · Tool · 199990049 · 4:13-4:15 "Gr" → "KillShell" · legacy — use TaskStop · resolves tools=KillShell
            KillBash · Tool · 199990050 · 4:13-4:15 "Gr" → "KillBash" · legacy — use TaskStop · resolves tools=KillBash
            BashOutput · Tool · 199990051 · 4:13-4:15 "Gr" → "BashOutput" · legacy — use TaskOutput · resolves tools=BashOutput
            AgentOutputTool · Tool · 199990052 · 4:13-4:15 "Gr" → "AgentOutputTool" · legacy — use TaskOutput · resolves tools=AgentOutputTool
            NotebookRead · Tool · 199990053 · 4:13-4:15 "Gr" → "NotebookRead" · legacy — use Read · resolves tools=NotebookRead
            SlashCommand · Tool · 199990054 · 4:13-4:15 "Gr" → "SlashCommand" · legacy — use Skill · resolves tools=SlashCommand
            Cd · Tool · 199990055 · 4:13-4:15 "Gr" → "Cd" · legacy · resolves tools=Cd
            MCPSearch · Tool · 199990056 · 4:13-4:15 "Gr" → "MCPSearch" · legacy — use ToolSearch · resolves tools=MCPSearch
            TaskOutput · Tool · 299990036 · 4:13-4:15 "Gr" → "TaskOutput" · deprecated — use Read · deprecated · resolves tools=TaskOutput
        "#]],
    );
}

#[test]
fn tool_after_cjk() {
    check(
        r#"
//- /.claude/agents/a.md
//- client: lazy-docs
---
name: 日本語
tools: 読む, $0
---
"#,
        expect![[r#"
            claude-agent: 57 items
            Agent · Tool · 099990000 · 3:12-3:12 "" → "Agent" · resolves tools=Agent
            Artifact · Tool · 099990001 · 3:12-3:12 "" → "Artifact" · resolves tools=Artifact
            AskUserQuestion · Tool · 099990002 · 3:12-3:12 "" → "AskUserQuestion" · resolves tools=AskUserQuestion
            Bash · Tool · 099990003 · 3:12-3:12 "" → "Bash" · resolves tools=Bash
            CronCreate · Tool · 099990004 · 3:12-3:12 "" → "CronCreate" · resolves tools=CronCreate
            CronDelete · Tool · 099990005 · 3:12-3:12 "" → "CronDelete" · resolves tools=CronDelete
            CronList · Tool · 099990006 · 3:12-3:12 "" → "CronList" · resolves tools=CronList
            Edit · Tool · 099990007 · 3:12-3:12 "" → "Edit" · resolves tools=Edit
            EndConversation · Tool · 099990008 · 3:12-3:12 "" → "EndConversation" · resolves tools=EndConversation
            EnterPlanMode · Tool · 099990009 · 3:12-3:12 "" → "EnterPlanMode" · resolves tools=EnterPlanMode
            EnterWorktree · Tool · 099990010 · 3:12-3:12 "" → "EnterWorktree" · resolves tools=EnterWorktree
            ExitPlanMode · Tool · 099990011 · 3:12-3:12 "" → "ExitPlanMode" · resolves tools=ExitPlanMode
            ExitWorktree · Tool · 099990012 · 3:12-3:12 "" → "ExitWorktree" · resolves tools=ExitWorktree
            Glob · Tool · 099990013 · 3:12-3:12 "" → "Glob" · resolves tools=Glob
            Grep · Tool · 099990014 · 3:12-3:12 "" → "Grep" · resolves tools=Grep
            ListAgents · Tool · 099990015 · 3:12-3:12 "" → "ListAgents" · resolves tools=ListAgents
            ListMcpResourcesTool · Tool · 099990016 · 3:12-3:12 "" → "ListMcpResourcesTool" · resolves tools=ListMcpResourcesTool
            LSP · Tool · 099990017 · 3:12-3:12 "" → "LSP" · resolves tools=LSP
            Monitor · Tool · 099990018 · 3:12-3:12 "" → "Monitor" · resolves tools=Monitor
            NotebookEdit · Tool · 099990019 · 3:12-3:12 "" → "NotebookEdit" · resolves tools=NotebookEdit
            PowerShell · Tool · 099990020 · 3:12-3:12 "" → "PowerShell" · resolves tools=PowerShell
            PushNotification · Tool · 099990021 · 3:12-3:12 "" → "PushNotification" · resolves tools=PushNotification
            Read · Tool · 099990022 · 3:12-3:12 "" → "Read" · resolves tools=Read
            ReadMcpResourceTool · Tool · 099990023 · 3:12-3:12 "" → "ReadMcpResourceTool" · resolves tools=ReadMcpResourceTool
            RemoteTrigger · Tool · 099990024 · 3:12-3:12 "" → "RemoteTrigger" · resolves tools=RemoteTrigger
            ReportFindings · Tool · 099990025 · 3:12-3:12 "" → "ReportFindings" · resolves tools=ReportFindings
            ScheduleWakeup · Tool · 099990026 · 3:12-3:12 "" → "ScheduleWakeup" · resolves tools=ScheduleWakeup
            SendFeedback · Tool · 099990027 · 3:12-3:12 "" → "SendFeedback" · resolves tools=SendFeedback
            SendMessage · Tool · 099990028 · 3:12-3:12 "" → "SendMessage" · resolves tools=SendMessage
            SendUserFile · Tool · 099990029 · 3:12-3:12 "" → "SendUserFile" · resolves tools=SendUserFile
            ShareOnboardingGuide · Tool · 099990030 · 3:12-3:12 "" → "ShareOnboardingGuide" · resolves tools=ShareOnboardingGuide
            Skill · Tool · 099990031 · 3:12-3:12 "" → "Skill" · resolves tools=Skill
            SubagentHandback · Tool · 099990032 · 3:12-3:12 "" → "SubagentHandback" · resolves tools=SubagentHandback
            TaskCreate · Tool · 099990033 · 3:12-3:12 "" → "TaskCreate" · resolves tools=TaskCreate
            TaskGet · Tool · 099990034 · 3:12-3:12 "" → "TaskGet" · resolves tools=TaskGet
            TaskList · Tool · 099990035 · 3:12-3:12 "" → "TaskList" · resolves tools=TaskList
            TaskStop · Tool · 099990037 · 3:12-3:12 "" → "TaskStop" · resolves tools=TaskStop
            TaskUpdate · Tool · 099990038 · 3:12-3:12 "" → "TaskUpdate" · resolves tools=TaskUpdate
            TodoWrite · Tool · 099990039 · 3:12-3:12 "" → "TodoWrite" · resolves tools=TodoWrite
            ToolSearch · Tool · 099990040 · 3:12-3:12 "" → "ToolSearch" · resolves tools=ToolSearch
            WaitForMcpServers · Tool · 099990041 · 3:12-3:12 "" → "WaitForMcpServers" · resolves tools=WaitForMcpServers
            WebFetch · Tool · 099990042 · 3:12-3:12 "" → "WebFetch" · resolves tools=WebFetch
            WebSearch · Tool · 099990043 · 3:12-3:12 "" → "WebSearch" · resolves tools=WebSearch
            Workflow · Tool · 099990044 · 3:12-3:12 "" → "Workflow" · resolves tools=Workflow
            Write · Tool · 099990045 · 3:12-3:12 "" → "Write" · resolves tools=Write
            Task · Tool · 199990046 · 3:12-3:12 "" → "Task" · legacy — use Agent · resolves tools=Task
            MultiEdit · Tool · 199990047 · 3:12-3:12 "" → "MultiEdit" · legacy — use Edit · resolves tools=MultiEdit
            LS · Tool · 199990048 · 3:12-3:12 "" → "LS" · legacy — use Glob · resolves tools=LS
            KillShell · Tool · 199990049 · 3:12-3:12 "" → "KillShell" · legacy — use TaskStop · resolves tools=KillShell
            KillBash · Tool · 199990050 · 3:12-3:12 "" → "KillBash" · legacy — use TaskStop · resolves tools=KillBash
            BashOutput · Tool · 199990051 · 3:12-3:12 "" → "BashOutput" · legacy — use TaskOutput · resolves tools=BashOutput
            AgentOutputTool · Tool · 199990052 · 3:12-3:12 "" → "AgentOutputTool" · legacy — use TaskOutput · resolves tools=AgentOutputTool
            NotebookRead · Tool · 199990053 · 3:12-3:12 "" → "NotebookRead" · legacy — use Read · resolves tools=NotebookRead
            SlashCommand · Tool · 199990054 · 3:12-3:12 "" → "SlashCommand" · legacy — use Skill · resolves tools=SlashCommand
            Cd · Tool · 199990055 · 3:12-3:12 "" → "Cd" · legacy · resolves tools=Cd
            MCPSearch · Tool · 199990056 · 3:12-3:12 "" → "MCPSearch" · legacy — use ToolSearch · resolves tools=MCPSearch
            TaskOutput · Tool · 299990036 · 3:12-3:12 "" → "TaskOutput" · deprecated — use Read · deprecated · resolves tools=TaskOutput
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
effort: $0
---
Body
"#,
        expect![[r#"
            claude-agent: 5 items
            low · Value · 099990000 · 4:9-4:9 "" → "low" · resolves effort=low
                Lowest effort; fastest and cheapest.
            medium · Value · 099990001 · 4:9-4:9 "" → "medium" · resolves effort=medium
                Medium effort.
            high · Value · 099990002 · 4:9-4:9 "" → "high" · resolves effort=high
                High effort (the default for most models).
            xhigh · Value · 099990003 · 4:9-4:9 "" → "xhigh" · resolves effort=xhigh
                Extra-high effort (Fable 5, Opus 5, Sonnet 5, Opus 4.8, Opus 4.7; the default on Opus 4.7). Other models fall back to the highest supported level below it.
            max · Value · 099990004 · 4:9-4:9 "" → "max" · resolves effort=max
                Maximum effort. Supported by Fable 5, Opus 5, Sonnet 5, Opus 4.8/4.7/4.6 and Sonnet 4.6.
        "#]],
    );
}

#[test]
fn key_in_a_crlf_file() {
    check(
        r#"
//- /.claude/agents/a.md crlf
//- client: lazy-docs
---
name: a
description: d
$0
---
"#,
        expect![[r#"
            claude-agent: 15 items
            tools · Key · 10002 · 4:1-4:1 "" → "tools: " · tool list · resolves tools
            disallowedTools · Key · 10003 · 4:1-4:1 "" → "disallowedTools: " · tool list · resolves disallowedTools
            model · Key · 10004 · 4:1-4:1 "" → "model: " · model · resolves model
            permissionMode · Key · 10005 · 4:1-4:1 "" → "permissionMode: " · one of a set of values · resolves permissionMode
            maxTurns · Key · 10006 · 4:1-4:1 "" → "maxTurns: " · integer · resolves maxTurns
            skills · Key · 10007 · 4:1-4:1 "" → "skills:\r\n  - $0" snippet · list · resolves skills
            mcpServers · Key · 10008 · 4:1-4:1 "" → "mcpServers: " · any · resolves mcpServers
            hooks · Key · 10009 · 4:1-4:1 "" → "hooks:\r\n  $0" snippet · mapping · resolves hooks
            memory · Key · 10010 · 4:1-4:1 "" → "memory: " · one of a set of values · resolves memory
            background · Key · 10011 · 4:1-4:1 "" → "background: " · boolean · resolves background
            effort · Key · 10012 · 4:1-4:1 "" → "effort: " · one of a set of values · resolves effort
            isolation · Key · 10013 · 4:1-4:1 "" → "isolation: " · one of a set of values · resolves isolation
            color · Key · 10014 · 4:1-4:1 "" → "color: " · color · resolves color
            omitClaudeMd · Key · 10015 · 4:1-4:1 "" → "omitClaudeMd: " · boolean · resolves omitClaudeMd
            initialPrompt · Key · 10016 · 4:1-4:1 "" → "initialPrompt: " · text · resolves initialPrompt
        "#]],
    );
}

#[test]
fn key_after_a_bom() {
    check(
        r#"
//- /.cursor/rules/style.mdc bom
---
$0
---
"#,
        expect![[r#"
            cursor-rule: 3 items
            description · Key · 10000 · 2:1-2:1 "" → "description: " · text · resolves description
                **`description`** · text

                What the rule is about. With only a description the rule is agent-requested: the agent reads it to decide whether to apply the rule.

                Dialect: Cursor rule (Cursor). [Source](https://cursor.com/docs/context/rules)
            globs · Key · 10001 · 2:1-2:1 "" → "globs: " · text · resolves globs
                **`globs`** · text

                Comma-separated file patterns (`src/**/*.ts, src/**/*.tsx`) that auto-attach the rule when matching files are in context. Write a plain string, not a YAML list.

                Dialect: Cursor rule (Cursor). [Source](https://cursor.com/docs/context/rules)
            alwaysApply · Key · 10002 · 2:1-2:1 "" → "alwaysApply: " · boolean · resolves alwaysApply
                **`alwaysApply`** · boolean

                `true` includes the rule in every request. Must be a real boolean: the string `"true"` is treated as not always-applied; redundant with `globs`.

                Allowed values: `true`, `false`.

                Dialect: Cursor rule (Cursor). [Source](https://cursor.com/docs/context/rules)
        "#]],
    );
}

/// After a BOM the skeleton is offered as without one, replacing the `--` after the BOM
/// (1:2-1:4 in UTF-16) and keeping the BOM.
#[test]
fn skeleton_after_a_bom() {
    check(
        r#"
//- /.claude/agents/a.md bom
--$0
"#,
        expect![[r#"
            claude-agent: 1 item
            --- · Key · 0 · 1:2-1:4 "--" → "---\nname: $1\ndescription: $2\n---\n$0" snippet · Claude Code subagent front matter
        "#]],
    );
}

/// What `completionItem/resolve` gives for an item is the documentation the item would have
/// carried without lazy docs, for keys, values and tools.
#[test]
fn resolved_documentation_is_the_eager_documentation() {
    let fixtures = [
        "//- /.claude/agents/a.md\n---\nname: a\n$0\n---\n",
        "//- /.claude/agents/a.md\n---\nname: a\nmodel: $0\n---\n",
        "//- /.claude/agents/a.md\n---\nname: a\ntools: Read, $0\n---\n",
        "//- /.github/agents/a.agent.md\n---\ndescription: d\ntools: ['read', $0]\n---\n",
        "//- /.opencode/agent/a.md\n---\ndescription: d\nmode: $0\n---\n",
    ];
    for fixture in fixtures {
        let f = Fixture::parse(fixture);
        let parsed = Parsed::new(&f.text);
        let detected = f.detect(&parsed).expect("a persona");
        let dialect = &f.registry.dialects[detected.index];
        let workspace = |_: &str| Vec::new();
        let complete = |lazy_docs| {
            completion::complete(&completion::Request {
                text: &f.text,
                parsed: &parsed,
                registry: &f.registry,
                dialect,
                offset: f.cursor(),
                snippets: true,
                lazy_docs,
                workspace: &workspace,
            })
        };
        let (eager, lazy) = (complete(false), complete(true));
        assert_eq!(eager.len(), lazy.len(), "{fixture}");
        for (e, l) in eager.iter().zip(&lazy) {
            assert_eq!(l.documentation, None, "{fixture}: {}", l.label);
            let resolved = l
                .doc_ref
                .as_ref()
                .and_then(|r| completion::documentation(&f.registry, dialect, r));
            assert_eq!(resolved, e.documentation, "{fixture}: {}", l.label);
        }
    }
}

/// The cursor among blanks after `key:` replaces from the cursor to the end of the blanks
/// (the range once ran backwards, from the cursor to the colon).
#[test]
fn value_after_trailing_blanks() {
    check(
        "
//- /.opencode/command/t.md
---
description: Test
agent:  $0  
---
Run tests.
",
        expect![[r#"
            opencode-command: 5 items
            build · Value · 099990000 · 3:9-3:11 "  " → "build" · resolves agent=build
                The default agent, which can read, write and run commands.
            plan · Value · 099990001 · 3:9-3:11 "  " → "plan" · resolves agent=plan
                The read-only agent, which analyses without changing files.
            general · Value · 099990002 · 3:9-3:11 "  " → "general" · resolves agent=general
                The built-in general-purpose subagent, for research and multi-step tasks.
            explore · Value · 099990003 · 3:9-3:11 "  " → "explore" · resolves agent=explore
                The built-in read-only subagent that explores a codebase.
            scout · Value · 099990004 · 3:9-3:11 "  " → "scout" · resolves agent=scout
                A built-in subagent of recent OpenCode versions.
        "#]],
    );
}

#[test]
fn cursor_agent_keys() {
    check(
        r#"
//- /.cursor/agents/reviewer.md
//- client: lazy-docs
---
name: reviewer
$0
---
"#,
        expect![[r#"
            cursor-agent: 4 items
            description · Key · 00001 · 3:1-3:1 "" → "description: " · text · required · resolves description
            model · Key · 10002 · 3:1-3:1 "" → "model: " · model · resolves model
            readonly · Key · 10003 · 3:1-3:1 "" → "readonly: " · boolean · resolves readonly
            is_background · Key · 10004 · 3:1-3:1 "" → "is_background: " · boolean · resolves is_background
        "#]],
    );
}

#[test]
fn cursor_agent_model() {
    check(
        r#"
//- /.cursor/agents/reviewer.md
---
description: d
model: $0
---
"#,
        expect![[r#"
            cursor-agent: 2 items
            inherit · Model · 099990000 · 3:8-3:8 "" → "inherit" · resolves model=inherit
                The parent agent's model (default).
            fast · Model · 099990001 · 3:8-3:8 "" → "fast" · resolves model=fast
                Cursor's fast model, for quick, cheap subtasks.
        "#]],
    );
}

#[test]
fn empty_front_matter_of_the_rule_dialects() {
    for (path, expect) in [
        (
            ".kiro/steering/api.md",
            expect![[r#"
            kiro-steering: 4 items
            inclusion · Key · 10000 · 2:1-2:1 "" → "inclusion: " · one of a set of values · resolves inclusion
            fileMatchPattern · Key · 10001 · 2:1-2:1 "" → "fileMatchPattern: " · text or list · resolves fileMatchPattern
            name · Key · 10002 · 2:1-2:1 "" → "name: " · text · resolves name
            description · Key · 10003 · 2:1-2:1 "" → "description: " · text · resolves description
        "#]],
        ),
        (
            ".claude/rules/api.md",
            expect![[r#"
            claude-rule: 2 items
            paths · Key · 10000 · 2:1-2:1 "" → "paths:\n  - $0" snippet · list · resolves paths
            description · Key · 10001 · 2:1-2:1 "" → "description: " · text · resolves description
        "#]],
        ),
        (
            ".gemini/skills/spec/SKILL.md",
            expect![[r#"
                gemini-skill: 6 items
                name · Key · 00000 · 2:1-2:1 "" → "name: " · text · required · resolves name
                description · Key · 00001 · 2:1-2:1 "" → "description: " · text · required · resolves description
                license · Key · 10002 · 2:1-2:1 "" → "license: " · text · resolves license
                compatibility · Key · 10003 · 2:1-2:1 "" → "compatibility: " · text · resolves compatibility
                metadata · Key · 10004 · 2:1-2:1 "" → "metadata:\n  $0" snippet · mapping · resolves metadata
                allowed-tools · Key · 10005 · 2:1-2:1 "" → "allowed-tools: " · text or list · resolves allowed-tools
            "#]],
        ),
        (
            ".opencode/skills/spec/SKILL.md",
            expect![[r#"
                opencode-skill: 6 items
                name · Key · 00000 · 2:1-2:1 "" → "name: " · text · required · resolves name
                description · Key · 00001 · 2:1-2:1 "" → "description: " · text · required · resolves description
                license · Key · 10002 · 2:1-2:1 "" → "license: " · text · resolves license
                compatibility · Key · 10003 · 2:1-2:1 "" → "compatibility: " · text · resolves compatibility
                metadata · Key · 10004 · 2:1-2:1 "" → "metadata:\n  $0" snippet · mapping · resolves metadata
                allowed-tools · Key · 10005 · 2:1-2:1 "" → "allowed-tools: " · text or list · resolves allowed-tools
            "#]],
        ),
        (
            ".gemini/agents/auditor.md",
            expect![[r#"
            gemini-agent: 14 items
            name · Key · 00000 · 2:1-2:1 "" → "name: " · text · required · resolves name
            description · Key · 00001 · 2:1-2:1 "" → "description: " · text · required · resolves description
            kind · Key · 10002 · 2:1-2:1 "" → "kind: " · one of a set of values · resolves kind
            display_name · Key · 10003 · 2:1-2:1 "" → "display_name: " · text · resolves display_name
            tools · Key · 10004 · 2:1-2:1 "" → "tools:\n  - $0" snippet · tool list · resolves tools
            mcp_servers · Key · 10005 · 2:1-2:1 "" → "mcp_servers:\n  $0" snippet · mapping · resolves mcp_servers
            model · Key · 10006 · 2:1-2:1 "" → "model: " · text · resolves model
            temperature · Key · 10007 · 2:1-2:1 "" → "temperature: " · number · resolves temperature
            max_turns · Key · 10008 · 2:1-2:1 "" → "max_turns: " · integer · resolves max_turns
            timeout_mins · Key · 10009 · 2:1-2:1 "" → "timeout_mins: " · integer · resolves timeout_mins
            policy · Key · 10010 · 2:1-2:1 "" → "policy:\n  $0" snippet · mapping · resolves policy
            agent_card_url · Key · 10011 · 2:1-2:1 "" → "agent_card_url: " · text · resolves agent_card_url
            agent_card_json · Key · 10012 · 2:1-2:1 "" → "agent_card_json: " · text · resolves agent_card_json
            auth · Key · 10013 · 2:1-2:1 "" → "auth:\n  $0" snippet · mapping · resolves auth
        "#]],
        ),
    ] {
        check(
            &format!("//- /{path}\n//- client: lazy-docs\n---\n$0\n---\n"),
            expect,
        );
    }
}

#[test]
fn kiro_inclusion_value() {
    check(
        r#"
//- /.kiro/steering/api.md
---
inclusion: $0
---
"#,
        expect![[r#"
            kiro-steering: 4 items
            always · Value · 099990000 · 2:12-2:12 "" → "always" · resolves inclusion=always
                Included in every interaction (the default).
            fileMatch · Value · 099990001 · 2:12-2:12 "" → "fileMatch" · resolves inclusion=fileMatch
                Included when a file matching `fileMatchPattern` is in the context.
            manual · Value · 099990002 · 2:12-2:12 "" → "manual" · resolves inclusion=manual
                Included only when referenced in chat with `#<file-name>`.
            auto · Value · 099990003 · 2:12-2:12 "" → "auto" · resolves inclusion=auto
                Included when the request matches `description`; needs `name` and `description`.
        "#]],
    );
}

#[test]
fn windsurf_trigger_value() {
    check(
        r#"
//- /.windsurf/rules/testing.md
---
trigger: $0
---
"#,
        expect![[r#"
            windsurf-rule: 4 items
            always_on · Value · 099990000 · 2:10-2:10 "" → "always_on" · resolves trigger=always_on
                Applied to every Cascade request.
            manual · Value · 099990001 · 2:10-2:10 "" → "manual" · resolves trigger=manual
                Applied only when mentioned with `@rule-name`.
            model_decision · Value · 099990002 · 2:10-2:10 "" → "model_decision" · resolves trigger=model_decision
                Cascade decides from `description` whether to apply it.
            glob · Value · 099990003 · 2:10-2:10 "" → "glob" · resolves trigger=glob
                Applied when a file matching `globs` is involved.
        "#]],
    );
}

#[test]
fn output_style_boolean_value() {
    check(
        r#"
//- /.claude/output-styles/terse.md
---
keep-coding-instructions: $0
---
"#,
        expect![[r#"
            claude-output-style: 2 items
            true · Value · 00000 · 2:27-2:27 "" → "true" · boolean
            false · Value · 00001 · 2:27-2:27 "" → "false" · boolean
        "#]],
    );
}
