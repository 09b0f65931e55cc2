//! Structure: document symbols as an indented tree, folding ranges, and selection ranges from
//! the innermost out, each with its range and the text it covers.

use crate::fixture::{Fixture, quote};
use expect_test::{Expect, expect};
use persona_ls::analysis::Parsed;
use persona_ls::analysis::symbols::{self, Symbol};
use persona_ls::syntax::markdown::{self, Outline, OutlineCache};
use std::fmt::Write;

fn setup(fixture: &str) -> (Fixture, Parsed, Outline) {
    let f = Fixture::parse(fixture);
    let parsed = Parsed::new(&f.text);
    let outline = markdown::outline(
        &f.text,
        parsed.split.body_start,
        &mut OutlineCache::default(),
    );
    (f, parsed, outline)
}

/// The outline: one line per symbol (name, kind, detail, range, selection), children indented.
fn check_symbols(fixture: &str, expect: Expect) {
    let (f, parsed, outline) = setup(fixture);
    let mut out = String::new();
    for s in symbols::document_symbols(&f.text, &parsed, &outline) {
        render_symbol(&f, &s, 0, &mut out);
    }
    expect.assert_eq(&out);
}

fn render_symbol(f: &Fixture, s: &Symbol, depth: usize, out: &mut String) {
    let pad = "  ".repeat(depth);
    let detail = s
        .detail
        .as_ref()
        .map(|d| format!(" ({})", quote(d)))
        .unwrap_or_default();
    let _ = writeln!(out, "{pad}{} · {:?}{detail}", s.name, s.kind);
    let _ = writeln!(out, "{pad}  range {}", f.span(&s.range));
    let _ = writeln!(out, "{pad}  selection {}", f.range(&s.selection));
    for c in &s.children {
        render_symbol(f, c, depth + 1, out);
    }
}

/// The folds in the engine's order: kind and range.
fn check_folds(fixture: &str, expect: Expect) {
    let (f, parsed, outline) = setup(fixture);
    let mut out = String::new();
    for fold in symbols::folding_ranges(&parsed, &outline) {
        let _ = writeln!(out, "{:?} {}", fold.kind, f.span(&fold.range));
    }
    expect.assert_eq(&out);
}

/// The selection ranges at `$0`, innermost first.
fn check_selection(fixture: &str, expect: Expect) {
    let (f, parsed, outline) = setup(fixture);
    let mut out = String::new();
    for r in symbols::selection_ranges(&f.text, &parsed, &outline, f.cursor()) {
        let _ = writeln!(out, "{}", f.span(&r));
    }
    expect.assert_eq(&out);
}

const REVIEWER: &str = r#"
//- /.claude/agents/reviewer.md
---
name: reviewer
tools: Read, Gr$0ep
skills:
  - a
  - b
---
# Reviewer

Intro

## Steps

```sh
ls
```

## Notes
x
"#;

#[test]
fn symbols_are_the_keys_and_the_nested_headings() {
    check_symbols(
        REVIEWER,
        expect![[r###"
        front matter · FrontMatter
          range 1:1-7:4 "---" +6 lines
          selection 1:1-1:4 "---"
          name · Key ("reviewer")
            range 2:1-2:15 "name: reviewer"
            selection 2:1-2:5 "name"
          tools · Key ("Read, Grep")
            range 3:1-3:18 "tools: Read, Grep"
            selection 3:1-3:6 "tools"
          skills · Key ("a, b")
            range 4:1-6:6 "skills:" +2 lines
            selection 4:1-4:7 "skills"
        Reviewer · Heading
          range 8:1-19:2 "# Reviewer" +11 lines
          selection 8:3-8:11 "Reviewer"
          Steps · Heading
            range 12:1-16:4 "## Steps" +4 lines
            selection 12:4-12:9 "Steps"
          Notes · Heading
            range 18:1-19:2 "## Notes" +1 line
            selection 18:4-18:9 "Notes"
    "###]],
    );
}

#[test]
fn folds_front_matter_entries_sections_and_code() {
    check_folds(
        REVIEWER,
        expect![[r###"
        FrontMatter 1:1-7:4 "---" +6 lines
        Entry 2:1-2:15 "name: reviewer"
        Entry 3:1-3:18 "tools: Read, Grep"
        Entry 4:1-6:6 "skills:" +2 lines
        Section 8:1-19:2 "# Reviewer" +11 lines
        Section 12:1-16:4 "## Steps" +4 lines
        Code 14:1-16:4 "```sh" +2 lines
        Section 18:1-19:2 "## Notes" +1 line
    "###]],
    );
}

#[test]
fn selection_grows_from_the_word_to_the_document() {
    check_selection(
        REVIEWER,
        expect![[r#"
        3:14-3:18 "Grep"
        3:8-3:18 "Read, Grep"
        3:1-3:18 "tools: Read, Grep"
        2:1-6:6 "name: reviewer" +4 lines
        1:1-7:4 "---" +6 lines
        1:1-20:1 "---" +18 lines
    "#]],
    );
}

#[test]
fn selection_in_a_code_block_grows_through_the_sections() {
    check_selection(
        r#"
//- /.claude/agents/reviewer.md
---
name: reviewer
---
# Reviewer

## Steps

```sh
l$0s
```
"#,
        expect![[r###"
            9:1-9:3 "ls"
            8:1-10:4 "```sh" +2 lines
            6:1-10:4 "## Steps" +4 lines
            4:1-10:4 "# Reviewer" +6 lines
            1:1-11:1 "---" +9 lines
        "###]],
    );
}

#[test]
fn selection_in_a_nested_mapping() {
    check_selection(
        r#"
//- /.claude/agents/a.md
---
name: a
hooks:
  PreToolUse:
    - matcher: Ba$0sh
---
"#,
        expect![[r#"
            5:16-5:20 "Bash"
            5:7-5:20 "matcher: Bash"
            5:5-5:20 "- matcher: Bash"
            5:1-5:20 "    - matcher: Bash"
            4:3-5:20 "PreToolUse:" +1 line
            3:1-5:20 "hooks:" +2 lines
            2:1-5:20 "name: a" +3 lines
            1:1-6:4 "---" +5 lines
            1:1-7:1 "---" +5 lines
        "#]],
    );
}

/// A cursor past the end of the text is clamped to it.
#[test]
fn selection_at_the_end_of_the_text() {
    check_selection(
        r#"
//- /.claude/agents/a.md
---
name: a
---
Body$0"#,
        expect![[r#"
            4:1-4:5 "Body"
            1:1-4:5 "---" +3 lines
        "#]],
    );
}

/// Values are previewed on one line, cut at 60 characters; a mapping's keys are its children;
/// a list of non-text items is counted (`1 item`, `2 items`).
#[test]
fn symbols_of_nested_and_long_values() {
    check_symbols(
        r#"
//- /.claude/agents/a.md
---
name: a
description: >-
  Reviews pull requests for correctness, style, tests and documentation, and says why.
tools: [Read, {a: b}]
skills:
model: "opus"
hooks:
  PreToolUse:
    - matcher: Bash
  Stop: []
---
"#,
        expect![[r#"
            front matter · FrontMatter
              range 1:1-12:4 "---" +11 lines
              selection 1:1-1:4 "---"
              name · Key ("a")
                range 2:1-2:8 "name: a"
                selection 2:1-2:5 "name"
              description · Key ("Reviews pull requests for correctness, style, tests and docu…")
                range 3:1-4:87 "description: >-" +1 line
                selection 3:1-3:12 "description"
              tools · Key ("2 items")
                range 5:1-5:22 "tools: [Read, {a: b}]"
                selection 5:1-5:6 "tools"
              skills · Key
                range 6:1-6:8 "skills:"
                selection 6:1-6:7 "skills"
              model · Key ("opus")
                range 7:1-7:14 "model: \"opus\""
                selection 7:1-7:6 "model"
              hooks · Key
                range 8:1-11:11 "hooks:" +3 lines
                selection 8:1-8:6 "hooks"
                PreToolUse · Key ("1 item")
                  range 9:3-10:20 "PreToolUse:" +1 line
                  selection 9:3-9:13 "PreToolUse"
                Stop · Key
                  range 11:3-11:11 "Stop: []"
                  selection 11:3-11:7 "Stop"
        "#]],
    );
}

#[test]
fn symbols_without_front_matter() {
    check_symbols(
        r#"
//- /.claude/agents/a.md
Just a body.

# Title
"#,
        expect![[r##"
            Title · Heading
              range 3:1-3:8 "# Title"
              selection 3:3-3:8 "Title"
        "##]],
    );
}

/// While the closing fence is not typed, the front matter runs over the YAML-looking lines.
#[test]
fn symbols_of_an_unclosed_front_matter() {
    check_symbols(
        r#"
//- /.claude/agents/a.md
---
name: a
description: d

# Title
"#,
        expect![[r##"
            front matter · FrontMatter
              range 1:1-4:1 "---" +2 lines
              selection 1:1-1:4 "---"
              name · Key ("a")
                range 2:1-2:8 "name: a"
                selection 2:1-2:5 "name"
              description · Key ("d")
                range 3:1-3:15 "description: d"
                selection 3:1-3:12 "description"
            Title · Heading
              range 5:1-5:8 "# Title"
              selection 5:3-5:8 "Title"
        "##]],
    );
}

/// Setext headings, an empty heading, skipped levels, a closing sequence (`### Deep ###` is
/// `Deep`: the closing `###` is not part of the text, CommonMark §4.2).
#[test]
fn symbols_of_every_kind_of_heading() {
    check_symbols(
        r#"
//- /.github/prompts/fix.prompt.md
---
description: Fix it
---
Title
=====

Sub
---

#

### Deep ###

# Second
"#,
        expect![[r####"
            front matter · FrontMatter
              range 1:1-3:4 "---" +2 lines
              selection 1:1-1:4 "---"
              description · Key ("Fix it")
                range 2:1-2:20 "description: Fix it"
                selection 2:1-2:12 "description"
            Title · Heading
              range 4:1-8:4 "Title" +4 lines
              selection 4:1-4:6 "Title"
              Sub · Heading
                range 7:1-8:4 "Sub" +1 line
                selection 7:1-7:4 "Sub"
            # · Heading
              range 10:1-12:13 "#" +2 lines
              selection 10:1-10:2 "#"
              Deep · Heading
                range 12:1-12:13 "### Deep ###"
                selection 12:5-12:9 "Deep"
            Second · Heading
              range 14:1-14:9 "# Second"
              selection 14:3-14:9 "Second"
        "####]],
    );
}

#[test]
fn symbols_of_a_cursor_rule() {
    check_symbols(
        r#"
//- /.cursor/rules/style.mdc
---
description: Style
globs: src/**/*.ts
alwaysApply: false
---
- Use tabs.
"#,
        expect![[r#"
            front matter · FrontMatter
              range 1:1-5:4 "---" +4 lines
              selection 1:1-1:4 "---"
              description · Key ("Style")
                range 2:1-2:19 "description: Style"
                selection 2:1-2:12 "description"
              globs · Key ("src/**/*.ts")
                range 3:1-3:19 "globs: src/**/*.ts"
                selection 3:1-3:6 "globs"
              alwaysApply · Key ("false")
                range 4:1-4:19 "alwaysApply: false"
                selection 4:1-4:12 "alwaysApply"
        "#]],
    );
}

/// Columns count UTF-16 units: 🏗 is two, U+FE0F one, each CJK character one.
#[test]
fn symbols_with_emoji_and_cjk() {
    check_symbols(
        r#"
//- /.claude/agents/a.md
---
name: a
description: 🏗️ 建てる
---
# 🏗️ 建てる

## 手順 ✅
"#,
        expect![[r###"
            front matter · FrontMatter
              range 1:1-4:4 "---" +3 lines
              selection 1:1-1:4 "---"
              name · Key ("a")
                range 2:1-2:8 "name: a"
                selection 2:1-2:5 "name"
              description · Key ("🏗️ 建てる")
                range 3:1-3:21 "description: 🏗️ 建てる"
                selection 3:1-3:12 "description"
            🏗️ 建てる · Heading
              range 5:1-7:8 "# 🏗️ 建てる" +2 lines
              selection 5:3-5:10 "🏗️ 建てる"
              手順 ✅ · Heading
                range 7:1-7:8 "## 手順 ✅"
                selection 7:4-7:8 "手順 ✅"
        "###]],
    );
}

#[test]
fn symbols_of_a_crlf_file() {
    check_symbols(
        r#"
//- /.claude/agents/a.md crlf
---
name: a
skills:
  - x
---
# Title

Text
"#,
        expect![[r##"
            front matter · FrontMatter
              range 1:1-5:4 "---" +4 lines
              selection 1:1-1:4 "---"
              name · Key ("a")
                range 2:1-2:8 "name: a"
                selection 2:1-2:5 "name"
              skills · Key ("x")
                range 3:1-4:6 "skills:" +1 line
                selection 3:1-3:7 "skills"
            Title · Heading
              range 6:1-8:5 "# Title" +2 lines
              selection 6:3-6:8 "Title"
        "##]],
    );
}

#[test]
fn symbols_after_a_bom() {
    check_symbols(
        r#"
//- /.claude/agents/a.md bom
---
name: a
---
# Title
"#,
        expect![[r##"
            front matter · FrontMatter
              range 1:2-3:4 "---" +2 lines
              selection 1:2-1:5 "---"
              name · Key ("a")
                range 2:1-2:8 "name: a"
                selection 2:1-2:5 "name"
            Title · Heading
              range 4:1-4:8 "# Title"
              selection 4:3-4:8 "Title"
        "##]],
    );
}

#[test]
fn folds_of_a_crlf_file() {
    check_folds(
        r#"
//- /.claude/agents/a.md crlf
---
name: a
skills:
  - x
---
# Title

```
code
```
"#,
        expect![[r##"
            FrontMatter 1:1-5:4 "---" +4 lines
            Entry 2:1-2:8 "name: a"
            Entry 3:1-4:6 "skills:" +1 line
            Section 6:1-10:4 "# Title" +4 lines
            Code 8:1-10:4 "```" +2 lines
        "##]],
    );
}

#[test]
fn selection_in_a_crlf_file() {
    check_selection(
        r#"
//- /.claude/agents/a.md crlf
---
name: a
skills:
  - x$0y
---
"#,
        expect![[r#"
            4:5-4:7 "xy"
            4:3-4:7 "- xy"
            4:1-4:7 "  - xy"
            3:1-4:7 "skills:" +1 line
            2:1-4:7 "name: a" +2 lines
            1:1-5:4 "---" +4 lines
            1:1-6:1 "---" +4 lines
        "#]],
    );
}

/// A description that goes on on unindented lines is one symbol, spanning them: its
/// transcript lines (`user: "…"`) are text, not keys of their own.
#[test]
fn symbols_of_a_value_continued_on_unindented_lines() {
    check_symbols(
        r#"
//- /.claude/agents/my-agent.md
---
name: pr-reviewer
description: Reviews pull requests.
Examples:

<example>
user: "Review my PR"
user: "And the tests"
</example>
color: blue
---
Body
"#,
        expect![[r#"
            front matter · FrontMatter
              range 1:1-11:4 "---" +10 lines
              selection 1:1-1:4 "---"
              name · Key ("pr-reviewer")
                range 2:1-2:18 "name: pr-reviewer"
                selection 2:1-2:5 "name"
              description · Key ("Reviews pull requests.")
                range 3:1-9:11 "description: Reviews pull requests." +6 lines
                selection 3:1-3:12 "description"
              color · Key ("blue")
                range 10:1-10:12 "color: blue"
                selection 10:1-10:6 "color"
        "#]],
    );
}
