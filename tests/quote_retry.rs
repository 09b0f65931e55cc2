//! Claude Code's second reading of front matter that is not valid YAML: it quotes every
//! unindented `key: value` line whose value holds `[ ] { } * & # ! | > % @` `` ` `` or `: `
//! and parses again. What that repairs is a warning naming the strict readers, and says what
//! Claude Code reads; what it cannot repair (CRLF lines, indentation, a tab, a key it does not
//! match, a line it breaks) is an error at the cause. Other dialects keep their own readings.

mod common;
use common::{check, first_fixes};
use expect_test::expect;

const AGENT: &str = ".claude/agents/a.md";
const COMMAND: &str = ".claude/commands/a.md";
const SKILL: &str = ".claude/skills/a/SKILL.md";
const PLUGIN_COMMAND: &str = "plugins/p/commands/a.md";

/// Only the `yaml-syntax` lines (and their text and fixes) of [`check`].
fn yaml_syntax(rel_path: &str, text: &str) -> String {
    let out = check(rel_path, text);
    let mut keep = false;
    let mut lines = Vec::new();
    for l in out.lines() {
        if l.starts_with(|c: char| c.is_ascii_digit()) {
            keep = l.contains("[yaml-syntax]");
        }
        if keep || l.starts_with("dialect:") {
            lines.push(l);
        }
    }
    lines.join("\n") + "\n"
}

/// Asserts that `yaml-syntax` reports `text` at `severity`, in a message holding `words`.
fn says(rel_path: &str, text: &str, severity: &str, words: &str) {
    let found = yaml_syntax(rel_path, text);
    assert!(
        found.contains(&format!("{severity}[yaml-syntax]")) && found.contains(words),
        "{found}"
    );
}

#[test]
fn an_argument_hint_of_brackets_and_words_is_read_as_text() {
    let text = "---\ndescription: Investigate\nargument-hint: [project-path] or [filtering options]\n---\nBody\n";
    expect![[r#"
        dialect: claude-command
        3:31-3:32 warning[yaml-syntax] `[...]` at the start of a value is a YAML flow list, and the text after it is not valid YAML. Quote the value. Claude Code reads past it: when the front matter does not parse, it quotes such values and parses again, reading `argument-hint` as the text `[project-path] or [filtering options]`. Strict YAML readers (GitHub's file view, converters) reject the front matter.
          text: "o"
          fix: Quote the value of `argument-hint` -> fixed
          fix (manual): Make `argument-hint` a folded block scalar (`>-`) -> fixed
    "#]]
    .assert_eq(&yaml_syntax(COMMAND, text));
    // The same in a plugin's command, and with two bracketed options.
    let text = "---\ndescription: Release\nargument-hint: [--dry-run] [--prerelease]\n---\nBody\n";
    expect![[r#"
        dialect: claude-command
        3:28-3:29 warning[yaml-syntax] `[...]` at the start of a value is a YAML flow list, and the text after it is not valid YAML. Quote the value. Claude Code reads past it: when the front matter does not parse, it quotes such values and parses again, reading `argument-hint` as the text `[--dry-run] [--prerelease]`. Strict YAML readers (GitHub's file view, converters) reject the front matter.
          text: "["
          fix: Quote the value of `argument-hint` -> fixed
          fix (manual): Make `argument-hint` a folded block scalar (`>-`) -> fixed
    "#]]
    .assert_eq(&yaml_syntax(PLUGIN_COMMAND, text));
}

#[test]
fn a_colon_in_an_agent_description_names_the_strict_readers() {
    let text = "---\nname: a\ndescription: Use when: x\nmodel: sonnet\n---\nBody\n";
    expect![[r#"
        dialect: claude-agent
        3:22-3:23 warning[yaml-syntax] `: ` inside an unquoted value starts a new key here, so this is not valid YAML. Quote the value, or use a block scalar (`>-`). Claude Code reads past it: when the front matter does not parse, it quotes such values and parses again, reading `description` as the text `Use when: x`. Copilot CLI, which reads `.claude/agents` too, parses it as strict YAML and refuses the agent.
          text: ":"
          fix: Quote the value of `description` -> fixed
          fix (manual): Make `description` a folded block scalar (`>-`) -> fixed
    "#]]
    .assert_eq(&yaml_syntax(AGENT, text));
    let text = "---\nname: a\ndescription: Use when: x\n---\nBody\n";
    let words = "Claude Code reads past it: when the front matter does not parse, it quotes such values and parses again, reading `description` as the text `Use when: x`. Copilot CLI, which reads `.claude/skills` too, and skill uploads parse it as strict YAML and reject the front matter.";
    says(SKILL, text, "warning", words);
}

#[test]
fn each_special_character_at_the_start_is_repaired() {
    // One line per indicator that strict YAML rejects at the start of a value: each a warning,
    // each read as the text written, each with a quoting fix.
    let mut out = String::new();
    for value in [
        "{a} b", "*foo", "& x", "%x", "@x", "| x", "> x", "`x`", "a: b",
    ] {
        let text = format!("---\ndescription: Run\nargument-hint: {value}\n---\nBody\n");
        for (code, title, safe) in first_fixes(COMMAND, &text) {
            out.push_str(&format!("{value:6} {code} {title} safe={safe}\n"));
        }
        let found = yaml_syntax(COMMAND, &text);
        let line = found.lines().nth(1).unwrap_or("");
        let reads = line
            .split("reading `argument-hint` as the text ")
            .nth(1)
            .and_then(|r| r.split(". Strict").next())
            .unwrap_or("?");
        out.push_str(&format!(
            "{value:6} {} reads {reads}\n",
            line.split(' ').nth(1).unwrap_or("")
        ));
    }
    expect![[r#"
        {a} b  yaml-syntax Quote the value of `argument-hint` safe=true
        {a} b  warning[yaml-syntax] reads `{a} b`
        *foo   yaml-syntax Quote the value of `argument-hint` safe=true
        *foo   warning[yaml-syntax] reads `*foo`
        & x    yaml-syntax Quote the value of `argument-hint` safe=true
        & x    warning[yaml-syntax] reads `& x`
        %x     yaml-syntax Quote the value of `argument-hint` safe=true
        %x     warning[yaml-syntax] reads `%x`
        @x     yaml-syntax Quote the value of `argument-hint` safe=true
        @x     warning[yaml-syntax] reads `@x`
        | x    yaml-syntax Quote the value of `argument-hint` safe=true
        | x    warning[yaml-syntax] reads `| x`
        > x    yaml-syntax Quote the value of `argument-hint` safe=true
        > x    warning[yaml-syntax] reads `> x`
        `x`    yaml-syntax Quote the value of `argument-hint` safe=true
        `x`    warning[yaml-syntax] reads `` `x` ``
        a: b   yaml-syntax Quote the value of `argument-hint` safe=true
        a: b   warning[yaml-syntax] reads `a: b`
    "#]]
    .assert_eq(&out);
}

#[test]
fn special_characters_inside_a_value_are_valid_and_stay_as_written() {
    // Valid YAML: nothing to report, with or without an error elsewhere that sends Claude Code
    // to its second reading (which quotes these lines, and reads the same text).
    for value in [
        "a {b}", "a *b", "a & b", "a ! b", "a % b", "a @ b", "a | b", "a > b", "!x y",
    ] {
        let text = format!("---\ndescription: Run\nargument-hint: {value}\n---\nBody\n");
        assert_eq!(
            yaml_syntax(COMMAND, &text),
            "dialect: claude-command\n",
            "{value}"
        );
    }
    let text = "---\ndescription: Use when: x\nargument-hint: a | b\n---\nBody\n";
    let words = "reading `description` as the text `Use when: x`. Strict";
    says(COMMAND, text, "warning", words);
    // A tag was not text: the second reading makes it text, which it says.
    let text = "---\ndescription: Use when: x\nargument-hint: !x y\n---\nBody\n";
    let words = "That quotes line 3 too, so it reads `argument-hint` as the text `!x y`, not as an alias or tagged value.";
    says(COMMAND, text, "warning", words);
}

#[test]
fn a_flow_list_on_another_line_becomes_text_and_is_misread() {
    let text = "---\nname: a\ndescription: Use when: x\ntools: [Read, Grep]\n---\nBody\n";
    expect![[r#"
        dialect: claude-agent
        3:22-3:23 error[yaml-syntax] `: ` inside an unquoted value starts a new key here, so this is not valid YAML. Quote the value, or use a block scalar (`>-`). Claude Code reads past it: when the front matter does not parse, it quotes such values and parses again, reading `description` as the text `Use when: x`. That quotes line 4 too, so it reads `tools` as the text `[Read, Grep]`, not as a flow list: Claude Code misreads `tools` until this value is quoted. Copilot CLI, which reads `.claude/agents` too, parses it as strict YAML and refuses the agent.
          text: ":"
          fix: Quote the value of `description` -> fixed
          fix (manual): Make `description` a folded block scalar (`>-`) -> fixed
    "#]]
    .assert_eq(&yaml_syntax(AGENT, text));
    // The erroneous line itself: an unclosed list becomes text, which a tool list misreads;
    // a text key does not.
    let text = "---\nname: a\ndescription: d\ntools: [Read, Grep\n---\nBody\n";
    let words =
        "reading `tools` as the text `[Read, Grep`, not as a list: Claude Code misreads `tools`.";
    says(AGENT, text, "error", words);
    let text = "---\nname: a\ndescription: d\ntools: [Read] [Grep]\n---\nBody\n";
    let words = "Write one list, its items separated by commas. Claude Code reads past it";
    says(AGENT, text, "error", words);
    assert!(first_fixes(AGENT, text).is_empty());
    let text = "---\nname: [a, b\ndescription: d\n---\nBody\n";
    let words = "reading `name` as the text `[a, b`. Copilot CLI";
    says(AGENT, text, "warning", words);
    // A text key that becomes text is still read: said, a warning.
    let text = "---\ndescription: Use when: x\nargument-hint: [file]\n---\nBody\n";
    let words = "That quotes line 3 too, so it reads `argument-hint` as the text `[file]`, not as a flow list. Strict";
    says(COMMAND, text, "warning", words);
}

#[test]
fn what_the_second_reading_cannot_repair_stays_an_error() {
    // A tab, a key with a digit (the pattern takes letters, `_` and `-`), an indented line.
    let mut out = String::new();
    for text in [
        "---\nname: a\ndescription: d\n\tmodel: sonnet\n---\nBody\n",
        "---\nname: a\ndescription: d\nk9: a: b\n---\nBody\n",
        "---\nname: a\ndescription: d\nhooks:\n  x: a: b\n---\nBody\n",
        // Quoted at both ends: taken for a quoted value and left alone.
        "---\nname: a\ndescription: \"a\" x \"b\"\n---\nBody\n",
    ] {
        out.push_str(&yaml_syntax(AGENT, text));
    }
    expect![[r#"
        dialect: claude-agent
        4:1-4:2 error[yaml-syntax] A tab character cannot indent YAML. Use spaces. Claude Code's second try, which quotes special characters in unindented `key: value` lines, leaves this line as it is. Claude Code reads none of its keys: it skips this agent, and lists a plugin agent with a placeholder description instead of its own. Copilot CLI, which reads `.claude/agents` too, refuses it.
          text: "\t"
        dialect: claude-agent
        4:6-4:7 error[yaml-syntax] `: ` inside an unquoted value starts a new key here, so this is not valid YAML. Quote the value, or use a block scalar (`>-`). Claude Code's second try, which quotes special characters in unindented `key: value` lines, leaves this line as it is. Claude Code reads none of its keys: it skips this agent, and lists a plugin agent with a placeholder description instead of its own. Copilot CLI, which reads `.claude/agents` too, refuses it.
          text: ":"
          fix: Quote the value of `k9` -> fixed
          fix (manual): Make `k9` a folded block scalar (`>-`) -> fixed
        dialect: claude-agent
        5:7-5:8 error[yaml-syntax] `: ` inside an unquoted value starts a new key here, so this is not valid YAML. Quote the value, or use a block scalar (`>-`). Claude Code's second try, which quotes special characters in unindented `key: value` lines, leaves this line as it is. Claude Code reads none of its keys: it skips this agent, and lists a plugin agent with a placeholder description instead of its own. Copilot CLI, which reads `.claude/agents` too, refuses it.
          text: ":"
          fix: Quote the value of `x` -> fixed
          fix (manual): Make `x` a folded block scalar (`>-`) -> fixed
        dialect: claude-agent
        3:18-3:19 error[yaml-syntax] This line is not indented like the keys around it, or a quoted value is followed by more text. Align it, or quote the whole value. Claude Code's second try, which quotes special characters in unindented `key: value` lines, leaves this line as it is. Claude Code reads none of its keys: it skips this agent, and lists a plugin agent with a placeholder description instead of its own. Copilot CLI, which reads `.claude/agents` too, refuses it.
          text: "x"
    "#]]
    .assert_eq(&out);
}

#[test]
fn a_value_that_only_starts_with_a_quote_is_quoted_again() {
    // `"a" [b]` does not end with `"`: the pass quotes it whole, and Claude Code reads it so.
    let text = "---\nname: a\ndescription: \"a\" [b]\n---\nBody\n";
    let words = "reading `description` as the text `\"a\" [b]`";
    says(AGENT, text, "warning", words);
}

#[test]
fn a_rewritten_line_that_breaks_its_entry_keeps_the_error() {
    // `description: |` becomes the text `|`; its indented lines are then no YAML.
    let text = "---\nname: a\ndescription: |\n  Text.\nargument-hint: [a] or [b]\n---\nBody\n";
    expect![[r#"
        dialect: claude-agent
        5:20-5:21 error[yaml-syntax] `[...]` at the start of a value is a YAML flow list, and the text after it is not valid YAML. Quote the value. Claude Code's second try quotes such values, but it quotes line 3 (`description: |`) too, whose entry then does not parse. Claude Code reads none of its keys: it skips this agent, and lists a plugin agent with a placeholder description instead of its own. Copilot CLI, which reads `.claude/agents` too, refuses it.
          text: "o"
          fix: Quote the value of `argument-hint` -> fixed
          fix (manual): Make `argument-hint` a folded block scalar (`>-`) -> fixed
    "#]]
    .assert_eq(&yaml_syntax(AGENT, text));
    // A value that goes on on indented lines: the quoted first line leaves them stranded.
    let text = "---\nname: a\ndescription: Use when: x\n  and more\n---\nBody\n";
    let words = "second try quotes this value, but the entry still does not parse";
    says(AGENT, text, "error", words);
}

#[test]
fn one_unrepaired_error_is_the_cause_the_repaired_ones_are_warnings() {
    // `k9` has a digit, which the pass's key pattern does not take.
    let text = "---\nname: a\ndescription: Use when: x\nk9: a: b\n---\nBody\n";
    expect![[r#"
        dialect: claude-agent
        3:22-3:23 warning[yaml-syntax] `: ` inside an unquoted value starts a new key here, so this is not valid YAML. Quote the value, or use a block scalar (`>-`). Claude Code's second try, which quotes such values, repairs this line, but the front matter still fails at line 4 (reported there). Copilot CLI, which reads `.claude/agents` too, parses it as strict YAML and refuses the agent.
          text: ":"
          fix: Quote the value of `description` -> fixed
          fix (manual): Make `description` a folded block scalar (`>-`) -> fixed
        4:6-4:7 error[yaml-syntax] `: ` inside an unquoted value starts a new key here, so this is not valid YAML. Quote the value, or use a block scalar (`>-`). Claude Code's second try, which quotes special characters in unindented `key: value` lines, leaves this line as it is. Claude Code reads none of its keys: it skips this agent, and lists a plugin agent with a placeholder description instead of its own. Copilot CLI, which reads `.claude/agents` too, refuses it.
          text: ":"
          fix: Quote the value of `k9` -> fixed
          fix (manual): Make `k9` a folded block scalar (`>-`) -> fixed
    "#]]
    .assert_eq(&yaml_syntax(AGENT, text));
}

#[test]
fn crlf_lines_are_never_quoted() {
    // JavaScript's `.` stops at the carriage return, so the pattern matches no CRLF line.
    let text = "---\r\nname: a\r\ndescription: Use when: x\r\nmodel: sonnet\r\n---\r\nBody\r\n";
    expect![[r#"
        dialect: claude-agent
        3:22-3:23 error[yaml-syntax] `: ` inside an unquoted value starts a new key here, so this is not valid YAML. Quote the value, or use a block scalar (`>-`). Claude Code's second try would quote this value, but not in a file with CRLF line endings, whose lines its pattern does not match. Claude Code reads none of its keys: it skips this agent, and lists a plugin agent with a placeholder description instead of its own. Copilot CLI, which reads `.claude/agents` too, refuses it.
          text: ":"
          fix: Quote the value of `description` -> fixed
          fix (manual): Make `description` a folded block scalar (`>-`) -> fixed
    "#]]
    .assert_eq(&yaml_syntax(AGENT, text));
    let text = "---\r\ndescription: Run\r\nargument-hint: [a] [b]\r\n---\r\nBody\r\n";
    says(COMMAND, text, "error", "CRLF line endings");
    // A CRLF file whose own line is fine but another is not: the other is the cause.
    let text = "---\r\nname: a\r\ndescription: d\r\n\tmodel: sonnet\r\n---\r\nBody\r\n";
    says(AGENT, text, "error", "leaves this line as it is");
}

#[test]
fn a_continued_value_cites_its_issue_and_nothing_else_does() {
    let continued = "---\nname: a\ndescription: Does things.\nExamples:\n<example>\nuser: \"x\"\n</example>\n---\nBody\n";
    assert!(yaml_syntax(AGENT, continued).contains("anthropics/claude-code#91871"));
    for text in [
        "---\nname: a\ndescription: d\n\tmodel: sonnet\n---\nBody\n",
        "---\nname: a\ndescription: Use when: x\n---\nBody\n",
        "---\r\nname: a\r\ndescription: Use when: x\r\n---\r\n",
    ] {
        let found = yaml_syntax(AGENT, text);
        assert!(!found.contains("#91871"), "{found}");
    }
}

#[test]
fn other_dialects_keep_their_own_readings() {
    // OpenCode and agency-agents retry a `: ` value only; VS Code's parser reads `*`, `: ` and
    // an unclosed list as written.
    let mut out = String::new();
    for (path, text) in [
        (
            ".opencode/agent/a.md",
            "---\ndescription: Use when: x\nmode: subagent\n---\nBody\n",
        ),
        (
            ".opencode/agent/a.md",
            "---\ndescription: [a] or [b]\nmode: subagent\n---\nBody\n",
        ),
        (
            ".github/agents/a.agent.md",
            "---\ndescription: Use when: x\n---\nBody\n",
        ),
        (
            ".github/instructions/a.instructions.md",
            "---\napplyTo: **/*.ts\n---\nBody\n",
        ),
    ] {
        out.push_str(&yaml_syntax(path, text));
    }
    expect![[r#"
        dialect: opencode-agent
        2:22-2:23 warning[yaml-syntax] `: ` inside an unquoted value starts a new key here, so this is not valid YAML. Quote the value, or use a block scalar (`>-`). OpenCode tolerates it, but strict YAML parsers (GitHub's file view, converters) reject the whole file.
          text: ":"
          fix: Quote the value of `description` -> fixed
          fix (manual): Make `description` a folded block scalar (`>-`) -> fixed
        dialect: opencode-agent
        2:18-2:19 error[yaml-syntax] `[...]` at the start of a value is a YAML flow list, and the text after it is not valid YAML. Quote the value. OpenCode skips this agent, even after its fallback that quotes values with colons (without a word in the versions of anomalyco/opencode#45876; newer ones show the parse error); older versions loaded it with every front-matter key dropped (anomalyco/opencode#24181).
          text: "o"
          fix: Quote the value of `description` -> fixed
          fix (manual): Make `description` a folded block scalar (`>-`) -> fixed
        dialect: copilot-agent
        2:22-2:23 warning[yaml-syntax] `: ` inside an unquoted value starts a new key here, so this is not valid YAML. Quote the value, or use a block scalar (`>-`). VS Code's own parser reads it as written and marks it; Copilot CLI, which reads `.github/agents` too, refuses the agent ("custom agent markdown frontmatter is malformed"), and strict YAML parsers (GitHub's file view, converters) reject the front matter.
          text: ":"
          fix: Quote the value of `description` -> fixed
          fix (manual): Make `description` a folded block scalar (`>-`) -> fixed
        dialect: copilot-instructions
        2:10-2:17 warning[yaml-syntax] `*` at the start of a value begins a YAML alias in strict YAML, which then does not read the value as text. Quote the value. VS Code and current Copilot CLI read it as text, but strict YAML parsers (GitHub's file view, Copilot CLI before 1.0.48, converters) reject the whole file.
          text: "**/*.ts"
          fix: Quote the value of `applyTo` -> fixed
          fix (manual): Make `applyTo` a folded block scalar (`>-`) -> fixed
    "#]]
    .assert_eq(&out);
}

#[test]
fn cursor_keeps_quotes_only_where_shown_and_names_the_strict_readers() {
    let text =
        "---\ndescription: Use this for X: Y\nglobs: *.ts, *.tsx\nalwaysApply: false\n---\nBody\n";
    expect![[r#"
        dialect: cursor-rule
        2:28-2:29 warning[yaml-syntax] `: ` inside an unquoted value starts a new key here, so this is not valid YAML. Quote the value, or use a block scalar (`>-`). Cursor reads it as written; strict YAML parsers (GitHub's file view, converters) reject the front matter.
          text: ":"
          fix (manual): Quote the value of `description` -> fixed
          fix (manual): Make `description` a folded block scalar (`>-`) -> fixed
        3:8-3:19 warning[yaml-syntax] `*` at the start of a value begins a YAML alias in strict YAML, which then does not read the value as text. Cursor reads it as written; strict YAML parsers (GitHub's file view, converters) reject the front matter. Quoting it would not help: Cursor keeps the quotes as part of the value, and a quoted glob matches no file.
          text: "*.ts, *.tsx"
    "#]]
    .assert_eq(&yaml_syntax(".cursor/rules/r.mdc", text));
}
