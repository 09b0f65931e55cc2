use super::*;
use LinkForm::*;

const ALL: [LinkForm; 6] = [Markdown, Reference, FileRef, AtImport, SkillDir, Kiro];

/// Each link as (form, target, the text its range covers).
fn found(text: &str) -> Vec<(LinkForm, String, &str)> {
    found_in(text, &ALL)
}

fn found_in<'t>(text: &'t str, forms: &[LinkForm]) -> Vec<(LinkForm, String, &'t str)> {
    links(text, 0..text.len(), forms)
        .into_iter()
        .map(|l| (l.form, l.target, &text[l.range]))
        .collect()
}

fn targets(text: &str) -> Vec<String> {
    let found = links(text, 0..text.len(), &ALL);
    for l in &found {
        // Only Markdown decodes, and `@` reads `\ ` as a space: elsewhere the range is the target.
        let verbatim = match l.form {
            Markdown | Reference => false,
            AtImport => !l.target.contains(' '),
            FileRef | SkillDir | Kiro => true,
        };
        if verbatim {
            assert_eq!(text[l.range.clone()], l.target, "{text:?}");
        }
    }
    found.into_iter().map(|l| l.target).collect()
}

/// The targets found in `text`, all forms asked for.
fn gives(text: &str, expected: &[&str]) {
    assert_eq!(targets(text), expected, "{text:?}");
}

fn nothing(text: &str) {
    gives(text, &[]);
}

fn one<'t>(form: LinkForm, target: &str, written: &'t str) -> Vec<(LinkForm, String, &'t str)> {
    vec![(form, target.to_string(), written)]
}

/// One link in each text: (form, text, target, the text its range covers if not the target).
#[test]
fn each_form_reads_its_target_exactly() {
    #[rustfmt::skip]
    let cases = [
        (Markdown, "See [the guide](docs/guide.md).", "docs/guide.md", ""),
        (Markdown, "![logo](assets/logo.png)", "assets/logo.png", ""),
        (Markdown, "[up](../README.md)", "../README.md", ""),
        (Markdown, "[root](/docs/a.md)", "/docs/a.md", ""),
        (Markdown, r#"[a](x.md "The title")"#, "x.md", ""),
        (Markdown, "[a](<my file.md>)", "my file.md", ""),
        (Markdown, r#"[a](<my file.md> "t")"#, "my file.md", ""),
        (Markdown, "[a](my%20file.md)", "my file.md", "my%20file.md"),
        (Markdown, "[a](caf%C3%A9.md)", "café.md", "caf%C3%A9.md"),
        (Markdown, r"[a](foo\_bar.md)", "foo_bar.md", r"foo\_bar.md"),
        (Markdown, "[a](x.md#usage)", "x.md", ""),
        (Markdown, "[a](x.md?plain=1#L3)", "x.md", ""),
        (Markdown, "[a](x%23y.md)", "x#y.md", "x%23y.md"),
        (Reference, "[guide]: docs/guide.md", "docs/guide.md", ""),
        (Reference, "   [g]: <my guide.md> \"t\"", "my guide.md", ""),
        (Reference, "[g]: a%20b.md#x 'title'", "a b.md", "a%20b.md"),
        (SkillDir, "Run `python scripts/run.py --fast`.", "scripts/run.py", ""),
        (SkillDir, "```bash\npython3 ${CLAUDE_SKILL_DIR}/scripts/visualize.py .\n```", "scripts/visualize.py", ""),
        (AtImport, "@docs/rules.md", "docs/rules.md", ""),
        (AtImport, "See @README.md.", "README.md", ""),
        (AtImport, "(see @docs/a.md)", "docs/a.md", ""),
        (AtImport, "(@docs/a.md), next", "docs/a.md", ""),
        (AtImport, "@docs/a.md#setup", "docs/a.md", ""),
        (AtImport, r"@my\ notes.md", "my notes.md", r"my\ notes.md"),
        (SkillDir, "Open ./assets/template.html!", "./assets/template.html", ""),
        (SkillDir, "**assets/a.png**", "assets/a.png", ""),
        (SkillDir, "Run ${CLAUDE_SKILL_DIR}/scripts/x.sh now", "scripts/x.sh", ""),
        (SkillDir, "see references/api.md#auth", "references/api.md", ""),
        (Markdown, "[scripts/run.py](scripts/run.py)", "scripts/run.py", ""),
        (Markdown, "[`scripts/run.py`](./scripts/run.py)", "./scripts/run.py", ""),
        (Markdown, "[#file:a.md](b.md)", "b.md", ""),
        (Kiro, "#[[file:docs/api.yaml]]", "docs/api.yaml", ""),
        (Kiro, "#[[file: docs/a b.md ]]", "docs/a b.md", ""),
        (FileRef, "Use #file:src/a.ts here", "src/a.ts", ""),
        (FileRef, "#FILE:x.md#L2", "x.md", ""),
        // VS Code reads the path to whitespace, punctuation and all.
        (FileRef, "(#file:/docs/x.md).", "/docs/x.md).", ""),
    ];
    for (form, text, target, written) in cases {
        let written = if written.is_empty() { target } else { written };
        let found = links(text, 0..text.len(), &ALL);
        let got: Vec<_> = found
            .iter()
            .map(|l| (l.form, l.target.as_str(), &text[l.range.clone()]))
            .collect();
        assert_eq!(got, [(form, target, written)], "{text:?}");
    }
}

#[test]
fn markdown_links_and_images() {
    gives("[a](x.md) and [b](y.md)", &["x.md", "y.md"]);
    // The text may run over lines, the destination may follow `(` after a line break.
    gives("[a\nlong text](x.md)", &["x.md"]);
    gives("[a](\n  x.md\n)", &["x.md"]);
    // Empty, or no destination at all.
    nothing("[a]() [b] [c][d] [e] (f.md)");
}

#[test]
fn titles_are_not_part_of_the_target() {
    gives("[a](x.md 'title')", &["x.md"]);
    gives("[a](x.md (title))", &["x.md"]);
    assert_eq!(
        targets(r#"[a](x.md "a ) in it") [b](y.md)"#),
        ["x.md", "y.md"]
    );
    // A title must be separated from the destination (else the quotes are part of it), and
    // closed.
    gives(r#"[a](x.md"t")"#, &[r#"x.md"t""#]);
    gives(r#"[a](x.md "t) [b](y.md)"#, &["y.md"]);
}

#[test]
fn angle_brackets_percent_and_escapes_are_decoded() {
    // `%` not followed by two hex digits is literal; bytes that are not UTF-8 name no file.
    gives("[a](100%.md)", &["100%.md"]);
    nothing("[a](x%FF.md)");
    // No line break inside `<…>`.
    nothing("[a](<x\ny.md>)");
}

#[test]
fn urls_anchors_and_placeholders_are_not_paths() {
    let text = "[a](https://x.io/a.md) [b](mailto:me@x.io) [c](#usage) [d](//cdn.x/a.js) \
                [e](file:///etc/passwd) [f](vscode:extension/x) [g]({{path}}.md) \
                [h](%3Cname%3E.md) [i]($ROOT/x.md) [j](C:/x.md) [k](~/x.md) [l](<>)";
    nothing(text);
    // A one-letter "scheme" is not one: `a:b.md` is a file name.
    gives("[a](a:b.md)", &["a:b.md"]);
}

#[test]
fn parentheses_in_destinations_must_pair() {
    gives("[a](foo(1).md)", &["foo(1).md"]);
    nothing("[a](foo(1.md)");
    gives(r"[a](foo\(1.md)", &["foo(1.md"]);
    gives("([a](x.md))", &["x.md"]);
}

#[test]
fn brackets_nest_and_escape() {
    gives("[a [nested] text](x.md)", &["x.md"]);
    gives(r"[a \] b](x.md)", &["x.md"]);
    nothing(r"\[a](x.md)");
    gives("[[a](x.md)", &["x.md"]);
    // Links do not nest: the outer brackets are text.
    gives("[a [b](x.md) c](y.md)", &["x.md"]);
    // An image inside a link (a badge): both.
    gives(
        "[![b](assets/b.svg)](docs/ci.md)",
        &["assets/b.svg", "docs/ci.md"],
    );
}

#[test]
fn reference_definitions() {
    gives(
        "[a]: x.md\n[b]: y.md\nText [c].\n\n[d]: z.md",
        &["x.md", "y.md", "z.md"],
    );
    // Not definitions: four spaces, a footnote, inside a paragraph, text after the destination,
    // a URL.
    let not =
        "    [a]: x.md\n\n[^1]: note.md\n\nText\n[b]: y.md\n\n[c]: z.md more\n\n[d]: https://x.io";
    assert_eq!(found_in(not, &[Reference]), vec![]);
}

#[test]
fn code_spans_hide_links_but_not_skill_files() {
    nothing("`[a](x.md)` and `@docs/a.md` and `#file:a.md`");
    gives("``a ` [b](y.md)`` [c](z.md)", &["z.md"]);
    // A code span may run over lines of a paragraph, but not over a blank line.
    gives("`a\n[b](y.md)` [c](z.md)", &["z.md"]);
    gives("`a\n\n[b](y.md)`", &["y.md"]);
    // An unpaired backtick is literal; an escaped one opens nothing.
    gives("`a [b](y.md)", &["y.md"]);
    gives(r"\`a [b](y.md)`", &["y.md"]);
    // A heading is a paragraph of its own.
    gives("# Title `x\n[b](y.md) `", &["y.md"]);
}

#[test]
fn fenced_blocks_hide_everything_but_the_skill_dir_variable() {
    let text = "```md\n[a](x.md) @docs/a.md scripts/a.py #file:b.md #[[file:c.md]]\n```\n[b](y.md)";
    gives(text, &["y.md"]);
    gives("~~~\n```\n[a](x.md)\n~~~\n[b](y.md)", &["y.md"]);
    // The closing fence is at least as long as the opening, of the same character.
    gives("````\n```\n[a](x.md)\n````\n[b](y.md)", &["y.md"]);
    gives("```\n~~~\n[a](x.md)\n```\n[b](y.md)", &["y.md"]);
    gives("```\n``` x\n[a](x.md)\n```\n[b](y.md)", &["y.md"]);
    // Indented, or in a list item or a quote.
    nothing("1. Step\n   ```\n   [a](x.md)\n   ```\n");
    nothing("> ```\n> [a](x.md)\n> ```\n");
    // Unclosed: to the end.
    nothing("```\n[a](x.md)\n\n[b](y.md)");
    // Backticks with a backtick after them are a code span, not a fence.
    gives("```a``` [b](y.md)", &["y.md"]);
}

#[test]
fn at_imports() {
    assert_eq!(
        found("@./local.md and @.env"),
        vec![
            (AtImport, "./local.md".into(), "./local.md"),
            (AtImport, ".env".into(), ".env"),
        ]
    );
    // Not imports: an e-mail address, mentions, a bare `@`, home and absolute paths, a scope
    // without a name, a placeholder.
    // Claude Code reads a path only if it starts with `./`, `~/`, `/` or one of [A-Za-z0-9._-].
    nothing("@文档/说明.md @(x)/a.md @*/a.md");
    // Packages, decorators, folders, code: Claude Code would look for them, but they name no
    // file the writer meant.
    let code = "@modelcontextprotocol/sdk @pytest.mark.asyncio @scenarios/blog/ \
                @ExtendWith(Mockito.class) @docs/\\*.md @v1.2 @agent.tool_call";
    nothing(code);
    let not = "me@x.io @alice @team. @ @~/.claude/x.md @/etc/x.md @#x @$HOME/x.md a@b/c.md";
    nothing(not);
}

#[test]
fn skill_dir_tokens() {
    gives(
        "Run scripts/run.py, then read references/api.md.",
        &["scripts/run.py", "references/api.md"],
    );
    let quoted = "\"scripts/a.sh\" (scripts/b.sh) |scripts/c.sh|";
    gives(quoted, &["scripts/a.sh", "scripts/b.sh", "scripts/c.sh"]);
    // Not tokens: inside another path or word, a directory alone, globs, placeholders.
    let not = "src/scripts/a.py myscripts/a.py scripts/ scripts/*.py assets/{name}.png \
               scripts/$NAME.py ${CLAUDE_SKILL_DIR}/ ../scripts/a.py";
    nothing(not);
    // Only when asked for.
    assert_eq!(found_in("scripts/a.py", &[Markdown]), vec![]);
}

#[test]
fn a_skill_file_that_a_link_names_is_reported_once() {
    // Outside a link's text, the token stands.
    gives("[a scripts/x.py b", &["scripts/x.py"]);
    gives("scripts/x.py [a](y.md)", &["scripts/x.py", "y.md"]);
}

#[test]
fn kiro_and_vs_code_file_references() {
    nothing("#[[file:docs/a.md] and #[[file:x.md");
    nothing("#file: #tool:search #[[file:]]");
}

#[test]
fn forms_are_reported_only_when_asked_for() {
    let text = "[a](x.md) [r]: no\n@d/e.md #file:f.md #[[file:g.md]] scripts/h.py";
    assert_eq!(
        found_in(text, &[AtImport]),
        one(AtImport, "d/e.md", "d/e.md")
    );
    assert_eq!(found_in(text, &[Kiro, FileRef]).len(), 2);
    assert_eq!(found_in(text, &[]), vec![]);
}

#[test]
fn ranges_are_bytes_with_multibyte_text_and_crlf() {
    let text =
        "😀 [é](dír/ö.md)\r\n中文 @docs/说明.md。\r\n```\r\n[x](y.md)\r\n```\r\n`scripts/a.py`\r\n";
    let got = links(text, 0..text.len(), &ALL);
    let at = |s: &str| text.find(s).unwrap();
    assert_eq!(
        got,
        vec![
            RawLink {
                form: Markdown,
                target: "dír/ö.md".into(),
                range: at("dír")..at(")")
            },
            RawLink {
                form: AtImport,
                target: "docs/说明.md".into(),
                range: at("docs")..at("。")
            },
            RawLink {
                form: SkillDir,
                target: "scripts/a.py".into(),
                range: at("scripts")..at("scripts") + 12
            },
        ]
    );
    assert_eq!(got[0].range, 10..20);
    let crlf = "[a]: x.md\r\n[b](y.md \"t\")\r\n";
    assert_eq!(
        found(crlf),
        vec![
            (Reference, "x.md".into(), "x.md"),
            (Markdown, "y.md".into(), "y.md")
        ]
    );
}

#[test]
fn only_the_body_is_read() {
    let text = "---\nname: x\nsee: [a](front.md)\n---\n[b](body.md)";
    let body = text.find("[b]").unwrap()..text.len();
    let got = links(text, body.clone(), &ALL);
    assert_eq!(got.len(), 1);
    assert_eq!(&text[got[0].range.clone()], "body.md");
    assert_eq!(got[0].range.start, body.start + 4);
    assert_eq!(links(text, 0..text.len() + 1, &ALL), vec![]);
    assert_eq!(links("é", 1..2, &ALL), vec![]);
}

/// Hostile input, one to two megabytes each: a quadratic scan would not finish.
#[test]
fn hostile_input_stays_linear() {
    let cases: [(&str, usize); 12] = [
        ("[[[[(", 0),
        ("`", 0),
        ("` `` ``` ", 0),
        ("[](", 0),
        ("](", 0),
        ("[](a ", 0),
        ("[](a \"", 0),
        ("[](<", 0),
        ("#[[file:", 0),
        ("@", 0),
        ("\\", 0),
        ("![", 0),
    ];
    for (unit, expected) in cases {
        let text = unit.repeat(1_000_000 / unit.len());
        assert_eq!(
            links(&text, 0..text.len(), &ALL).len(),
            expected,
            "{unit:?}"
        );
    }
    // Nested images, each closed: the innermost MAX_OPENERS are links.
    let n = 100_000;
    let text = format!("{}{}", "![".repeat(n), "](x.png)".repeat(n));
    assert_eq!(links(&text, 0..text.len(), &ALL).len(), MAX_OPENERS);
    // `@` after `(`, each opening a token to the end of the run.
    let text = "(@".repeat(500_000);
    assert_eq!(links(&text, 0..text.len(), &ALL).len(), 0);
    let text = "(@a/b.md".repeat(120_000);
    assert_eq!(links(&text, 0..text.len(), &ALL).len(), 0);
    let text = "(@a/b.md ".repeat(120_000);
    assert_eq!(links(&text, 0..text.len(), &ALL).len(), 120_000);
    let text = "#[[file:a]]".repeat(100_000);
    assert_eq!(links(&text, 0..text.len(), &ALL).len(), 100_000);
    // Tokens and links many times over.
    let text = "scripts/a.py [b](c.md) @d/e.md #file:f.md\n".repeat(40_000);
    assert_eq!(links(&text, 0..text.len(), &ALL).len(), 160_000);
    // A long word of parentheses after many `](`.
    let text = format!("{}{}", "[](".repeat(200_000), "(".repeat(500_000));
    assert_eq!(links(&text, 0..text.len(), &ALL).len(), 0);
    let text = format!("[a]({} {})", "(".repeat(500_000), ")".repeat(500_000));
    assert_eq!(links(&text, 0..text.len(), &ALL).len(), 0);
}

#[test]
fn resolve_joins_and_folds_lexically() {
    let resolved = |dir: &str, base: &str, form, target: &str| {
        let link = RawLink {
            form,
            target: target.into(),
            range: 0..0,
        };
        resolve(Path::new(dir), Path::new(base), &link).map(|p| p.display().to_string())
    };
    let dir = "/p/.github/prompts";
    let cases = [
        (Markdown, "a.md", Some("/p/.github/prompts/a.md")),
        (Markdown, "./x/../b.md", Some("/p/.github/prompts/b.md")),
        (Markdown, "../../README.md", Some("/p/README.md")),
        (Markdown, "/docs/a.md", Some("/p/docs/a.md")),
        (Reference, "/docs/a.md", Some("/p/docs/a.md")),
        (FileRef, "/docs//a.md", Some("/p/docs/a.md")),
        (
            SkillDir,
            "scripts/run.py",
            Some("/p/.github/prompts/scripts/run.py"),
        ),
        // Out of the project, lexically: `..` past the base or past the root; back in by its
        // name is in.
        (Markdown, "../../../etc/passwd", None),
        (Markdown, "/../etc/passwd", None),
        (Markdown, "../../../../../../x", None),
        (Markdown, "../../../p/README.md", Some("/p/README.md")),
        (Markdown, "../../../pp/x.md", None),
        // `/path` is absolute only for Markdown and `#file:`; NUL and empty name nothing.
        (AtImport, "/p/x.md", None),
        (Kiro, "/x.md", None),
        (Markdown, "a\0.md", None),
        (Markdown, "", None),
    ];
    for (form, target, expected) in cases {
        let expected = expected.map(str::to_string);
        assert_eq!(resolved(dir, "/p", form, target), expected, "{target:?}");
    }
    // A folder that is not inside the base points nowhere in it.
    assert_eq!(resolved("/q", "/p", Markdown, "a.md"), None);
    // Relative paths stay relative; `..` in the folder itself is folded.
    let skill = resolved("skills/x/../y", ".", SkillDir, "assets/a.png");
    assert_eq!(skill.as_deref(), Some("skills/y/assets/a.png"));
    assert_eq!(resolved(".", ".", Markdown, "../x.md"), None);
}

/// The scan passes over paragraphs (and bodies) that hold nothing a link needs; a link in any
/// other paragraph is still read, whatever the paragraphs around it hold, with each form asked
/// for alone too.
#[test]
fn paragraphs_without_a_link_marker_are_passed_over_and_the_rest_still_read() {
    let text = "Prose with a [bracket] and no link.\n\n# Heading #1\n\nSee [a](a.md).\n\n\
                Use #FILE:b.md here.\n\n```sh\n${CLAUDE_SKILL_DIR}/c.sh\n```\n\n\
                Then ./references/d.md and @e.md.\n\n[f]: f.md\n\nKiro #[[file:g.md]].\n\n\
                myscripts/x is a word, not a skill's file.";
    gives(
        text,
        &[
            "a.md",
            "b.md",
            "c.sh",
            "./references/d.md",
            "e.md",
            "f.md",
            "g.md",
        ],
    );
    for (form, target) in [
        (Markdown, "a.md"),
        (FileRef, "b.md"),
        (AtImport, "e.md"),
        (Reference, "f.md"),
        (Kiro, "g.md"),
    ] {
        let alone: Vec<String> = found_in(text, &[form]).into_iter().map(|l| l.1).collect();
        assert_eq!(alone, [target], "{form:?}");
    }
    let skill: Vec<String> = found_in(text, &[SkillDir])
        .into_iter()
        .map(|l| l.1)
        .collect();
    assert_eq!(skill, ["c.sh", "./references/d.md"]);
    // Bodies holding none of the markers give nothing.
    nothing("Plain prose.\n\n# A heading\n\n[not a link] (spaced)\n\nmail@ x");
}
