//! Pathological input stays cheap and precise: the classes of input that were quadratic or
//! unbounded (nested flow collections, many keys, many findings, aliases across entries).
//! Their cost is measured in `benches/engine.rs`; these tests pin what is reported.

mod common;
use common::check;
use expect_test::expect;
use persona_ls::analysis::{Location, MAX_PER_CODE, analyze};
use persona_ls::dialect::Registry;

const AGENT: &str = ".claude/agents/reviewer.md";

fn codes(text: &str) -> Vec<(String, String)> {
    let a = analyze(text, Location::at(AGENT), &Registry::builtin());
    a.diagnostics
        .iter()
        .map(|d| (d.code.to_string(), d.message.clone()))
        .collect()
}

#[test]
fn an_unclosed_deep_flow_list_is_one_error_at_its_first_bracket() {
    let text = format!(
        "---\nname: t\ndescription: d\ntools: {}\nmodel: sonnet\n---\nbody\n",
        "[".repeat(65536)
    );
    let found = codes(&text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "yaml-syntax");
    let a = analyze(&text, Location::at(AGENT), &Registry::builtin());
    let at = text.find('[').unwrap();
    assert_eq!(a.diagnostics[0].range, at..at + 1);
}

#[test]
fn a_closed_deep_flow_list_is_read_as_one_opaque_value() {
    let text = format!(
        "---\nname: t\ndescription: d\ntools: {}Read{}\n---\nbody\n",
        "[".repeat(300),
        "]".repeat(300)
    );
    expect![[r#"
        [
            (
                "invalid-type",
                "`tools` is a value nested too deeply to read, not a tool name: Claude Code reads tool names as text, so it grants no tool. Write each tool as a plain name.",
            ),
        ]
    "#]]
    .assert_debug_eq(&codes(&text));
}

#[test]
fn a_duplicate_among_many_keys_names_the_first_line() {
    let mut text = String::from("---\nname: t\ndescription: d\nmodel: sonnet\n");
    for i in 0..5000 {
        text.push_str(&format!("x-{i}: v\n"));
    }
    text.push_str("model: opus\n---\nbody\n");
    let dup: Vec<_> = codes(&text)
        .into_iter()
        .filter(|(c, _)| c == "duplicate-key")
        .collect();
    expect![[r#"
        [
            (
                "duplicate-key",
                "`model` is already set on line 4. Strict YAML parsers reject the file; the others keep only one of the values. Remove one of them.",
            ),
        ]
    "#]]
    .assert_debug_eq(&dup);
}

#[test]
fn findings_past_the_cap_are_counted_in_one_more_diagnostic() {
    let mut text = String::from("---\nname: t\ndescription: d\n");
    let n = MAX_PER_CODE + 5;
    for i in 0..n {
        text.push_str(&format!("extra-{i}: v\n"));
    }
    text.push_str("---\nbody\n");
    let found = codes(&text);
    assert_eq!(found.len(), MAX_PER_CODE + 1);
    assert!(found.iter().all(|(c, _)| c == "unknown-key"));
    assert_eq!(
        found[MAX_PER_CODE - 1].1,
        format!(
            "`extra-{}` is not a Claude Code subagent key; Claude Code ignores it.",
            MAX_PER_CODE - 1
        )
    );
    expect![[r#"
        "5 more `unknown-key` findings in this file are not listed here: persona-ls lists the first 1000 of each rule per file. Fix these and check again."
    "#]]
    .assert_debug_eq(&found[MAX_PER_CODE].1);
}

#[test]
fn an_alias_of_an_earlier_entry_is_not_unknown_when_entries_are_parsed_alone() {
    // The broken `x` sends the block through the parsers entry by entry; `*m` names the anchor
    // of `model` and is valid YAML.
    let text = "---\nname: t\ndescription: d\nmodel: &m sonnet\nx: [a, b\ncolor: *m\n---\nbody\n";
    expect![[r#"
        dialect: claude-agent
        5:1-5:2 information[unknown-key] `x` is not a Claude Code subagent key; Claude Code ignores it.
          text: "x"
        5:4-5:5 error[yaml-syntax] This `[...]` or `{...}` is not closed, or its items are not separated by commas. Close it, or quote the value if it is text. Claude Code reads past it: when the front matter does not parse, it quotes such values and parses again, reading `x` as the text `[a, b`. That quotes line 4 too, so it reads `model` as the text `&m sonnet`, instead of `sonnet`: Claude Code misreads `model` until this value is quoted. That quotes line 6 too, so it reads `color` as the text `*m`, not as an alias or tagged value: Claude Code misreads `color` until this value is quoted. Copilot CLI, which reads `.claude/agents` too, parses it as strict YAML and refuses the agent.
          text: "["
    "#]]
    .assert_eq(&check(AGENT, text));
}

#[test]
fn an_alias_of_an_anchor_nobody_defines_is_still_reported() {
    let text = "---\nname: t\ndescription: d\nx: [a, b\ncolor: *nowhere\n---\nbody\n";
    let found = codes(text);
    assert!(
        found
            .iter()
            .any(|(c, m)| c == "yaml-syntax" && m.contains("no anchor has its name")),
        "{found:?}"
    );
}

/// 20,000 transcript lines below a description, pairs and stray lines in turn, with a known
/// key between every hundred: one error per run of text, each with its fix, in one pass over
/// the lines (the owner is found walking back no further than the last stray line).
#[test]
fn many_lines_continuing_values_are_one_error_per_run() {
    let mut text = String::from("---\nname: t\n");
    for run in 0..100 {
        text.push_str(&format!("description: run {run}\n"));
        for i in 0..100 {
            text.push_str(&format!("user: \"line {i}\"\n<example {i}>\n"));
        }
    }
    text.push_str("model: sonnet\n---\nbody\n");
    let found = codes(&text);
    // Every `description` after the first is a duplicate of it, reported as such.
    let continued = found
        .iter()
        .filter(|(c, m)| c == "yaml-syntax" && m.contains("goes on at lines"))
        .count();
    assert_eq!(continued, 100, "{:?}", &found[..3]);
    assert_eq!(
        found.iter().filter(|(c, _)| c == "duplicate-key").count(),
        99
    );
    assert_eq!(found.len(), 199, "{:?}", &found[..3]);
}

/// A front matter of `head`, `n` lines made by `line`, and the closing `---`.
fn block_of(head: &str, n: usize, line: impl Fn(usize) -> String) -> String {
    let lines: String = (0..n).map(line).collect();
    format!("---\n{head}{lines}---\nbody\n")
}

/// A quote or bracket never closed at the top of 100,000 lines, and a bracket left open on
/// every line: the look ahead for a clean close is bounded (one failed look reads to the end;
/// all of them together read at most twice the block), so each stays linear and precise.
#[test]
fn unclosed_quotes_and_brackets_over_many_lines_stay_linear() {
    let first_syntax_error = |text: &str| {
        let a = analyze(text, Location::at(AGENT), &Registry::builtin());
        let syntax: Vec<_> = a
            .diagnostics
            .into_iter()
            .filter(|d| d.code.to_string() == "yaml-syntax")
            .map(|d| d.range)
            .collect();
        (syntax.len(), syntax.first().cloned())
    };
    let text = block_of("name: t\ndescription: \"open\n", 100_000, |i| {
        format!("k{i}: v\n")
    });
    let quote = text.find('"').unwrap();
    assert_eq!(first_syntax_error(&text), (1, Some(quote..quote + 1)));
    // Each entry is judged alone: the first error is the first entry's, where libyaml stops
    // (the start of the next line).
    let text = block_of("name: t\n", 20_000, |i| format!("k{i}: [v,\n"));
    let next = text.find("k1:").unwrap();
    assert_eq!(first_syntax_error(&text).1, Some(next..next));
}

#[test]
fn many_lines_for_the_second_reading_stay_linear() {
    // Every line is one Claude Code's second reading quotes: half of them errors it repairs,
    // half valid flow lists of keys no dialect defines, which it turns into text.
    let key = |mut i: usize| {
        let mut k = String::new();
        loop {
            k.push((b'a' + (i % 26) as u8) as char);
            i /= 26;
            if i == 0 {
                return k;
            }
        }
    };
    let mut text = String::from("---\nname: t\ndescription: d\n");
    for i in 0..5000 {
        text.push_str(&format!("e{}: a: b\nl{}: [x]\n", key(i), key(i)));
    }
    text.push_str("---\nbody\n");
    let a = analyze(&text, Location::at(AGENT), &Registry::builtin());
    let syntax: Vec<_> = a
        .diagnostics
        .iter()
        .filter(|d| d.code.to_string() == "yaml-syntax")
        .collect();
    assert_eq!(syntax.len(), MAX_PER_CODE + 1);
    // Each says what it reads, and nothing of the lines of unknown keys.
    assert!(syntax[..MAX_PER_CODE].iter().all(|d| {
        d.severity.as_str() == "warning" && d.message.contains("as the text `a: b`. Copilot CLI")
    }));
}
