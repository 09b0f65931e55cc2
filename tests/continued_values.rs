//! A value that goes on below its key on unindented lines (`description: …` then `Examples:`,
//! `<example>`, `user: "…"` at column 0): one `yaml-syntax` error on the entry, nothing for
//! the lines inside, a block-scalar fix that `check --fix` applies. Each variant of the shape,
//! and the shapes that are valid YAML and must stay clean.

mod common;
use common::{check, fixed, offered};
use expect_test::expect;

const AGENT: &str = ".claude/agents/my-agent.md";

/// The front matter of `text`, read by a strict YAML parser (libyaml), keys in order.
fn strict_keys(text: &str) -> Vec<(String, String)> {
    let text = text.trim_start_matches('\u{feff}');
    let body = text.split_once("---").unwrap().1;
    let yaml = body.split_once("\n---").unwrap().0;
    let map: serde_yaml_ng::Mapping = serde_yaml_ng::from_str(yaml).expect("strict YAML");
    map.into_iter()
        .map(|(k, v)| {
            let v = match v {
                serde_yaml_ng::Value::String(s) => s,
                other => format!("{other:?}"),
            };
            (k.as_str().unwrap().to_string(), v)
        })
        .collect()
}

/// [`check`] without the messages, which the first tests pin: where each finding is, what it
/// covers and its fixes.
fn found(rel_path: &str, text: &str) -> String {
    check(rel_path, text)
        .lines()
        .map(|l| match l.find("] ") {
            Some(i) if l.starts_with(|c: char| c.is_ascii_digit()) => &l[..=i],
            _ => l,
        })
        .map(|l| format!("{l}\n"))
        .collect()
}

const ISSUE: &str = "---\nname: my-agent\ndescription: Does something useful.\n\nExamples:\n<example>\nuser: \"Do the thing\"\nassistant: \"I'll use my-agent\"\n</example>\nmodel: sonnet\n---\n\nBody.\n";

#[test]
fn a_description_continued_on_unindented_lines_is_one_error() {
    expect![[r#"
        dialect: claude-agent
        3:1-9:11 error[yaml-syntax] The value of `description` goes on at lines 5–9, which are not indented under it: YAML does not read them as part of the value, so the front matter does not parse. Claude Code reads none of its keys: it skips this agent, and lists a plugin agent with a placeholder description instead of its own. Copilot CLI, which reads `.claude/agents` too, refuses it. Seen in anthropics/claude-code#91871. Make `description` a block scalar (`description: |-`) and indent those lines.
          text: "description: Does something useful.\n\nExamples:\n<example>\nuser: \"Do the thing\"\nassistant: \"I'll use my-agent\"\n</example>"
          fix: Make `description` a block scalar holding the lines below it -> fixed
    "#]]
    .assert_eq(&check(AGENT, ISSUE));
}

/// The fix makes `description` hold the whole text, as a strict parser reads it, and keeps
/// every other key.
#[test]
fn the_fix_makes_the_description_hold_every_line() {
    let (new, left) = fixed(AGENT, ISSUE);
    expect![[r#"
        ---
        name: my-agent
        description: |-
          Does something useful.

          Examples:
          <example>
          user: "Do the thing"
          assistant: "I'll use my-agent"
          </example>
        model: sonnet
        ---

        Body.
    "#]]
    .assert_eq(&new);
    assert!(left.is_empty(), "{left:?}");
    assert_eq!(
        strict_keys(&new),
        [
            ("name".to_string(), "my-agent".to_string()),
            (
                "description".to_string(),
                "Does something useful.\n\nExamples:\n<example>\nuser: \"Do the thing\"\nassistant: \"I'll use my-agent\"\n</example>".to_string()
            ),
            ("model".to_string(), "sonnet".to_string()),
        ]
    );
}

/// No blank line, several paragraphs, a `# heading` among them, a key after that is checked
/// as usual (`gpt-4` is no Claude model), metadata after the last line of text stays a key.
#[test]
fn keys_after_the_text_are_still_checked() {
    let text = "---\nname: my-agent\ndescription: Use this agent when the code changed.\nContext: a review is due.\n\n# Examples\nuser: \"Review it\"\nassistant: \"I'll use my-agent\"\n\nMore words here.\nauthor: me\nmodel: gpt-4\n---\nBody.\n";
    expect![[r#"
        dialect: claude-agent
        3:1-10:17 error[yaml-syntax]
          text: "description: Use this agent when the code changed.\nContext: a review is due.\n\n# Examples\nuser: \"Review it\"\nassistant: \"I'll use my-agent\"\n\nMore words here."
          fix: Make `description` a block scalar holding the lines below it -> fixed
        11:1-11:7 information[unknown-key]
          text: "author"
        12:8-12:13 warning[invalid-value]
          text: "gpt-4"
    "#]]
    .assert_eq(&found(AGENT, text));
}

/// `name` continued, and a continuation that runs to the end of the front matter.
#[test]
fn any_text_key_and_the_end_of_the_block() {
    let text = "---\nname: my-agent\nfor reviews\ndescription: Reviews code.\n<example>\nuser: \"Review\"\nassistant: \"On it\"\n</example>\n---\nBody.\n";
    expect![[r#"
        dialect: claude-agent
        2:1-3:12 error[yaml-syntax]
          text: "name: my-agent\nfor reviews"
          fix: Make `name` a block scalar holding the lines below it -> fixed
        4:1-8:11 error[yaml-syntax]
          text: "description: Reviews code.\n<example>\nuser: \"Review\"\nassistant: \"On it\"\n</example>"
          fix: Make `description` a block scalar holding the lines below it -> fixed
    "#]]
    .assert_eq(&found(AGENT, text));
    assert!(
        check(AGENT, text).contains("The value of `name` goes on at line 3, which is not indented under it: YAML does not read it as part of the value,"),
    );
    let (new, left) = fixed(AGENT, text);
    // A name on two lines is no name Claude Code can match: that is the next thing to fix.
    assert_eq!(left, ["warning[invalid-name]"]);
    let keys = strict_keys(&new);
    assert_eq!(keys[0], ("name".into(), "my-agent\nfor reviews".into()));
    assert_eq!(
        keys[1],
        (
            "description".into(),
            "Reviews code.\n<example>\nuser: \"Review\"\nassistant: \"On it\"\n</example>".into()
        )
    );
}

/// Positions and the fix in a file with a BOM and CRLF line endings: both are kept.
#[test]
fn crlf_and_bom_are_kept() {
    let text = ISSUE.replace('\n', "\r\n");
    let text = format!("\u{feff}{text}");
    expect![[r#"
        dialect: claude-agent
        1:1-1:2 warning[byte-order-mark]
          text: "\u{feff}"
          fix (manual): Remove the byte-order mark -> fixed
        3:1-9:11 error[yaml-syntax]
          text: "description: Does something useful.\r\n\r\nExamples:\r\n<example>\r\nuser: \"Do the thing\"\r\nassistant: \"I'll use my-agent\"\r\n</example>"
          fix: Make `description` a block scalar holding the lines below it -> fixed
    "#]]
    .assert_eq(&found(AGENT, &text));
    let (new, _) = fixed(AGENT, &text);
    assert!(new.starts_with("\u{feff}---\r\n"), "{new:?}");
    assert!(!new.replace("\r\n", "").contains('\n'), "{new:?}");
    assert_eq!(
        strict_keys(&new.replace("\r\n", "\n"))[1].1.lines().count(),
        7
    );
}

/// A key with nothing after it, its text on the lines below; and a block scalar whose lines
/// stop being indented: the fix keeps its header and indentation.
#[test]
fn an_empty_value_and_a_block_scalar() {
    let text = "---\nname: my-agent\ndescription:\nUse this agent for reviews.\n<example>\n</example>\nmodel: sonnet\n---\nBody.\n";
    expect![[r#"
        dialect: claude-agent
        3:1-6:11 error[yaml-syntax]
          text: "description:\nUse this agent for reviews.\n<example>\n</example>"
          fix: Make `description` a block scalar holding the lines below it -> fixed
    "#]]
    .assert_eq(&found(AGENT, text));
    assert_eq!(
        strict_keys(&fixed(AGENT, text).0)[1].1,
        "Use this agent for reviews.\n<example>\n</example>"
    );
    // A block scalar keeps its own indentation, which the lines below may not share: the fix
    // is offered, not applied by `--fix` (a second pass could indent them again).
    let text = "---\nname: my-agent\ndescription: >\n    Reviews code.\n    Often.\nExamples:\n<example>\n  nested\n</example>\nmodel: sonnet\n---\nBody.\n";
    let out = found(AGENT, text);
    assert!(
        out.contains("fix (manual): Make `description` a block scalar holding the lines below it"),
        "{out}"
    );
    assert_eq!(fixed(AGENT, text).0, text);
}

/// Valid YAML stays clean: indented continuation lines, block scalars, keys one per line.
#[test]
fn valid_shapes_stay_clean() {
    for text in [
        "---\nname: my-agent\ndescription: Does something\n  useful.\n\n  Examples none\nmodel: sonnet\n---\nBody.\n",
        "---\nname: my-agent\ndescription: >\n  Does something useful.\n\n  <example>\n  user: hi\n  </example>\nmodel: sonnet\n---\nBody.\n",
        "---\nname: my-agent\ndescription: x\ntools: Read\n---\nBody.\n",
    ] {
        assert_eq!(check(AGENT, text), "dialect: claude-agent\n", "{text:?}");
    }
}

/// What is not a continuation: a word alone is a key being typed (a run takes one in:
/// `Examples` above `<example>`); a closed quote ends its value on purpose (the lines after it
/// may be a body that lost its `---`); a list ends its value too. Those keep the per-line
/// diagnostics.
#[test]
fn what_is_not_a_continuation() {
    let text = "---\nname: my-agent\ndescription: Reviews code.\nmod\n---\nBody.\n";
    let heading =
        "---\nname: my-agent\ndescription: Reviews code.\nExamples\n<example>\n---\nBody.\n";
    expect![[r#"
        dialect: claude-agent
        3:1-5:10 error[yaml-syntax]
          text: "description: Reviews code.\nExamples\n<example>"
          fix: Make `description` a block scalar holding the lines below it -> fixed
    "#]]
    .assert_eq(&found(AGENT, heading));
    expect![[r#"
        dialect: claude-agent
        4:1-4:4 error[yaml-syntax]
          text: "mod"
    "#]]
    .assert_eq(&found(AGENT, text));
    let text =
        "---\nname: my-agent\ndescription: \"Reviews code.\"\nMore words here.\n---\nBody.\n";
    expect![[r#"
        dialect: claude-agent
        4:1-4:17 error[yaml-syntax]
          text: "More words here."
    "#]]
    .assert_eq(&found(AGENT, text));
    let text = "---\nname: my-agent\ndescription: Reviews code.\ntools:\n  - Read\nMore words here.\n---\nBody.\n";
    expect![[r#"
        dialect: claude-agent
        6:1-6:17 error[yaml-syntax]
          text: "More words here."
    "#]]
    .assert_eq(&found(AGENT, text));
    // A quote that goes on across unindented lines is valid YAML (libyaml and js-yaml read
    // it); the pairs its lines look like have no key above them and belong to no value.
    let text = "---\nname: my-agent\ndescription: \"Advises.\n<example>\nuser: \\\"How?\\\"\nassistant: \\\"Like so.\\\"\n<commentary>\n</example>\"\nmodel: sonnet\n---\nBody.\n";
    assert!(
        !check(AGENT, text).contains("goes on at"),
        "{}",
        check(AGENT, text)
    );
}

/// The message names each dialect's readers; Cursor's own reader gets past it (a warning, no
/// fix: it would read `|-` as the value).
#[test]
fn the_readers_are_named_per_dialect() {
    let lines = "description: Reviews code.\n<example>\nuser: \"Review\"\n</example>\n";
    let text = format!("---\n{lines}---\nBody.\n");
    let out: String = [
        ".github/agents/reviewer.agent.md",
        ".opencode/agent/reviewer.md",
        ".claude/skills/reviewer/SKILL.md",
        ".cursor/rules/reviewer.mdc",
    ]
    .iter()
    .map(|path| check(path, &text))
    .collect();
    expect![[r#"
        dialect: copilot-agent
        2:1-5:11 error[yaml-syntax] The value of `description` goes on at lines 3–5, which are not indented under it: YAML does not read them as part of the value, so the front matter does not parse. Copilot CLI refuses this agent ("custom agent markdown frontmatter is malformed"); VS Code marks the front matter as an error and reads only the keys it can parse. Make `description` a block scalar (`description: |-`) and indent those lines.
          text: "description: Reviews code.\n<example>\nuser: \"Review\"\n</example>"
          fix: Make `description` a block scalar holding the lines below it -> fixed
        dialect: opencode-agent
        2:1-5:11 error[yaml-syntax] The value of `description` goes on at lines 3–5, which are not indented under it: YAML does not read them as part of the value, so the front matter does not parse. OpenCode skips this agent, even after its fallback that quotes values with colons (without a word in the versions of anomalyco/opencode#45876; newer ones show the parse error); older versions loaded it with every front-matter key dropped (anomalyco/opencode#24181). Make `description` a block scalar (`description: |-`) and indent those lines.
          text: "description: Reviews code.\n<example>\nuser: \"Review\"\n</example>"
          fix: Make `description` a block scalar holding the lines below it -> fixed
        dialect: claude-skill
        1:1-1:4 warning[missing-required-key] `name` is required in an Agent skill (SKILL.md): Claude Code falls back to the folder name, but older VS Code versions skip a skill without it (newer ones name it after its folder too), and the Agent Skills spec requires it. Add `name:`.
          text: "---"
        2:1-5:11 error[yaml-syntax] The value of `description` goes on at lines 3–5, which are not indented under it: YAML does not read them as part of the value, so the front matter does not parse. Claude Code cannot parse this front matter and reads none of its keys; strict readers (skill uploads, VS Code, Copilot CLI) reject the file. Seen in anthropics/claude-code#91871, for agents. Make `description` a block scalar (`description: |-`) and indent those lines.
          text: "description: Reviews code.\n<example>\nuser: \"Review\"\n</example>"
          fix: Make `description` a block scalar holding the lines below it -> fixed
        dialect: cursor-rule
        2:1-5:11 warning[yaml-syntax] The value of `description` goes on at lines 3–5, which are not indented under it: YAML does not read them as part of the value, so the front matter does not parse. Cursor reads the file with its own reader; strict YAML parsers (GitHub's file view, converters) reject the front matter. Make `description` a block scalar (`description: |-`) and indent those lines.
          text: "description: Reviews code.\n<example>\nuser: \"Review\"\n</example>"
    "#]]
    .assert_eq(&out);
}

/// No `---` after the keys, so a `---` rule further down closes the block: the body's first
/// lines are read as YAML. One finding, on the first body line, with a fix (offered, not
/// applied) that closes the block after the keys; a comment between keys stays valid.
#[test]
fn a_body_swallowed_by_an_unclosed_block_is_one_finding() {
    let body = "\n# Best practices\n## Mission\n\nAs Copilot, apply the principles. Be clear.\n\n---\n\nMore body.\n";
    let mut out = String::new();
    for (path, keys) in [
        (
            ".github/instructions/a.instructions.md",
            "applyTo: '**'\ndescription: Best practices\n",
        ),
        (
            ".claude/agents/rev.md",
            "name: rev\ndescription: Reviews code\n",
        ),
        (".cursor/rules/r.mdc", "description: d\r\nglobs: src/**\r\n"),
    ] {
        let text = format!("---\n{keys}{body}");
        out += &check(path, &text);
        assert_eq!(fixed(path, &text).0, text, "not applied by --fix");
    }
    out += &offered(
        ".claude/agents/rev.md",
        &format!("---\nname: rev\ndescription: Reviews code\n{body}"),
        "yaml-syntax",
    );
    out += &check(
        AGENT,
        "---\nname: ok\ndescription: d\n\n# a comment\nmodel: sonnet\n---\nBody\n",
    );
    expect![[r##"
        dialect: copilot-instructions
        5:1-5:17 error[yaml-syntax] The front matter is not closed after its keys: the `---` on line 10 closes it, so the body from line 5 on is read as YAML, and does not parse. VS Code marks the front matter as an error and reads only the keys it can parse; strict readers (GitHub, Copilot CLI) reject the file. Add a `---` line after the last key.
          text: "# Best practices"
          fix (manual): Close the front matter after the last key -> fixed
        dialect: claude-agent
        5:1-5:17 error[yaml-syntax] The front matter is not closed after its keys: the `---` on line 10 closes it, so the body from line 5 on is read as YAML, and does not parse. Claude Code reads none of its keys: it skips this agent, and lists a plugin agent with a placeholder description instead of its own. Copilot CLI, which reads `.claude/agents` too, refuses it. Add a `---` line after the last key.
          text: "# Best practices"
          fix (manual): Close the front matter after the last key -> fixed
        dialect: cursor-rule
        5:1-5:17 warning[yaml-syntax] The front matter is not closed after its keys: the `---` on line 10 closes it, so the body from line 5 on is read as YAML, and does not parse. Cursor reads the keys it finds, but takes the text above that `---` out of the rule's body; strict YAML parsers (GitHub's file view, converters) reject the front matter. Add a `---` line after the last key.
          text: "# Best practices"
          fix (manual): Close the front matter after the last key -> fixed
        ---
        name: rev
        description: Reviews code
        ---

        # Best practices
        ## Mission

        As Copilot, apply the principles. Be clear.

        ---

        More body.
        dialect: claude-agent
    "##]].assert_eq(&out);
}
