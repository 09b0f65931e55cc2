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
    found(text).into_iter().map(|(_, t, _)| t).collect()
}

fn one(
    form: LinkForm,
    target: &str,
    written: &'static str,
) -> Vec<(LinkForm, String, &'static str)> {
    vec![(form, target.to_string(), written)]
}

#[test]
fn markdown_links_and_images() {
    assert_eq!(
        found("See [the guide](docs/guide.md)."),
        one(Markdown, "docs/guide.md", "docs/guide.md")
    );
    assert_eq!(
        found("![logo](assets/logo.png)"),
        one(Markdown, "assets/logo.png", "assets/logo.png")
    );
    assert_eq!(
        found("[up](../README.md)"),
        one(Markdown, "../README.md", "../README.md")
    );
    assert_eq!(
        found("[root](/docs/a.md)"),
        one(Markdown, "/docs/a.md", "/docs/a.md")
    );
    assert_eq!(targets("[a](x.md) and [b](y.md)"), ["x.md", "y.md"]);
    // The text may run over lines, the destination may follow `(` after a line break.
    assert_eq!(targets("[a\nlong text](x.md)"), ["x.md"]);
    assert_eq!(targets("[a](\n  x.md\n)"), ["x.md"]);
    // Empty, or no destination at all.
    assert_eq!(targets("[a]() [b] [c][d] [e] (f.md)"), Vec::<String>::new());
}

#[test]
fn titles_are_not_part_of_the_target() {
    assert_eq!(
        found(r#"[a](x.md "The title")"#),
        one(Markdown, "x.md", "x.md")
    );
    assert_eq!(targets("[a](x.md 'title')"), ["x.md"]);
    assert_eq!(targets("[a](x.md (title))"), ["x.md"]);
    assert_eq!(
        targets(r#"[a](x.md "a ) in it") [b](y.md)"#),
        ["x.md", "y.md"]
    );
    // A title must be separated from the destination (else the quotes are part of it), and
    // closed.
    assert_eq!(targets(r#"[a](x.md"t")"#), [r#"x.md"t""#]);
    assert_eq!(targets(r#"[a](x.md "t) [b](y.md)"#), ["y.md"]);
}

#[test]
fn angle_brackets_percent_and_escapes_are_decoded() {
    assert_eq!(
        found("[a](<my file.md>)"),
        one(Markdown, "my file.md", "my file.md")
    );
    assert_eq!(
        found(r#"[a](<my file.md> "t")"#),
        one(Markdown, "my file.md", "my file.md")
    );
    assert_eq!(
        found("[a](my%20file.md)"),
        one(Markdown, "my file.md", "my%20file.md")
    );
    assert_eq!(
        found("[a](caf%C3%A9.md)"),
        one(Markdown, "café.md", "caf%C3%A9.md")
    );
    assert_eq!(
        found(r"[a](foo\_bar.md)"),
        one(Markdown, "foo_bar.md", r"foo\_bar.md")
    );
    // `%` not followed by two hex digits is literal; bytes that are not UTF-8 name no file.
    assert_eq!(targets("[a](100%.md)"), ["100%.md"]);
    assert_eq!(targets("[a](x%FF.md)"), Vec::<String>::new());
    // No line break inside `<…>`.
    assert_eq!(targets("[a](<x\ny.md>)"), Vec::<String>::new());
}

#[test]
fn fragment_and_query_are_cut() {
    assert_eq!(found("[a](x.md#usage)"), one(Markdown, "x.md", "x.md"));
    assert_eq!(found("[a](x.md?plain=1#L3)"), one(Markdown, "x.md", "x.md"));
    assert_eq!(found("[a](x%23y.md)"), one(Markdown, "x#y.md", "x%23y.md"));
}

#[test]
fn urls_anchors_and_placeholders_are_not_paths() {
    let text = "[a](https://x.io/a.md) [b](mailto:me@x.io) [c](#usage) [d](//cdn.x/a.js) \
                [e](file:///etc/passwd) [f](vscode:extension/x) [g]({{path}}.md) \
                [h](%3Cname%3E.md) [i]($ROOT/x.md) [j](C:/x.md) [k](~/x.md) [l](<>)";
    assert_eq!(targets(text), Vec::<String>::new());
    // A one-letter "scheme" is not one: `a:b.md` is a file name.
    assert_eq!(targets("[a](a:b.md)"), ["a:b.md"]);
}

#[test]
fn parentheses_in_destinations_must_pair() {
    assert_eq!(targets("[a](foo(1).md)"), ["foo(1).md"]);
    assert_eq!(targets("[a](foo(1.md)"), Vec::<String>::new());
    assert_eq!(targets(r"[a](foo\(1.md)"), ["foo(1.md"]);
    assert_eq!(targets("([a](x.md))"), ["x.md"]);
}

#[test]
fn brackets_nest_and_escape() {
    assert_eq!(targets("[a [nested] text](x.md)"), ["x.md"]);
    assert_eq!(targets(r"[a \] b](x.md)"), ["x.md"]);
    assert_eq!(targets(r"\[a](x.md)"), Vec::<String>::new());
    assert_eq!(targets("[[a](x.md)"), ["x.md"]);
    // Links do not nest: the outer brackets are text.
    assert_eq!(targets("[a [b](x.md) c](y.md)"), ["x.md"]);
    // An image inside a link (a badge): both.
    assert_eq!(
        targets("[![b](assets/b.svg)](docs/ci.md)"),
        ["assets/b.svg", "docs/ci.md"]
    );
}

#[test]
fn reference_definitions() {
    assert_eq!(
        found("[guide]: docs/guide.md"),
        one(Reference, "docs/guide.md", "docs/guide.md")
    );
    assert_eq!(
        found("   [g]: <my guide.md> \"t\""),
        one(Reference, "my guide.md", "my guide.md")
    );
    assert_eq!(
        found("[g]: a%20b.md#x 'title'"),
        one(Reference, "a b.md", "a%20b.md")
    );
    assert_eq!(
        targets("[a]: x.md\n[b]: y.md\nText [c].\n\n[d]: z.md"),
        ["x.md", "y.md", "z.md"]
    );
    // Not definitions: four spaces, a footnote, inside a paragraph, text after the destination,
    // a URL.
    let not =
        "    [a]: x.md\n\n[^1]: note.md\n\nText\n[b]: y.md\n\n[c]: z.md more\n\n[d]: https://x.io";
    assert_eq!(found_in(not, &[Reference]), vec![]);
}

#[test]
fn code_spans_hide_links_but_not_skill_files() {
    assert_eq!(
        targets("`[a](x.md)` and `@docs/a.md` and `#file:a.md`"),
        Vec::<String>::new()
    );
    assert_eq!(targets("``a ` [b](y.md)`` [c](z.md)"), ["z.md"]);
    // A code span may run over lines of a paragraph, but not over a blank line.
    assert_eq!(targets("`a\n[b](y.md)` [c](z.md)"), ["z.md"]);
    assert_eq!(targets("`a\n\n[b](y.md)`"), ["y.md"]);
    // An unpaired backtick is literal; an escaped one opens nothing.
    assert_eq!(targets("`a [b](y.md)"), ["y.md"]);
    assert_eq!(targets(r"\`a [b](y.md)`"), ["y.md"]);
    // A heading is a paragraph of its own.
    assert_eq!(targets("# Title `x\n[b](y.md) `"), ["y.md"]);
    assert_eq!(
        found("Run `python scripts/run.py --fast`."),
        one(SkillDir, "scripts/run.py", "scripts/run.py")
    );
}

#[test]
fn fenced_blocks_hide_everything_but_the_skill_dir_variable() {
    let text = "```md\n[a](x.md) @docs/a.md scripts/a.py #file:b.md #[[file:c.md]]\n```\n[b](y.md)";
    assert_eq!(targets(text), ["y.md"]);
    assert_eq!(targets("~~~\n```\n[a](x.md)\n~~~\n[b](y.md)"), ["y.md"]);
    // The closing fence is at least as long as the opening, of the same character.
    assert_eq!(targets("````\n```\n[a](x.md)\n````\n[b](y.md)"), ["y.md"]);
    assert_eq!(targets("```\n~~~\n[a](x.md)\n```\n[b](y.md)"), ["y.md"]);
    assert_eq!(targets("```\n``` x\n[a](x.md)\n```\n[b](y.md)"), ["y.md"]);
    // Indented, or in a list item or a quote.
    assert_eq!(
        targets("1. Step\n   ```\n   [a](x.md)\n   ```\n"),
        Vec::<String>::new()
    );
    assert_eq!(targets("> ```\n> [a](x.md)\n> ```\n"), Vec::<String>::new());
    // Unclosed: to the end.
    assert_eq!(targets("```\n[a](x.md)\n\n[b](y.md)"), Vec::<String>::new());
    // Backticks with a backtick after them are a code span, not a fence.
    assert_eq!(targets("```a``` [b](y.md)"), ["y.md"]);
    let skill = "```bash\npython3 ${CLAUDE_SKILL_DIR}/scripts/visualize.py .\n```";
    assert_eq!(
        found(skill),
        one(SkillDir, "scripts/visualize.py", "scripts/visualize.py")
    );
}

#[test]
fn at_imports() {
    assert_eq!(
        found("@docs/rules.md"),
        one(AtImport, "docs/rules.md", "docs/rules.md")
    );
    assert_eq!(
        found("See @README.md."),
        one(AtImport, "README.md", "README.md")
    );
    assert_eq!(
        found("(see @docs/a.md)"),
        one(AtImport, "docs/a.md", "docs/a.md")
    );
    assert_eq!(
        found("(@docs/a.md), next"),
        one(AtImport, "docs/a.md", "docs/a.md")
    );
    assert_eq!(
        found("@./local.md and @.env"),
        vec![
            (AtImport, "./local.md".into(), "./local.md"),
            (AtImport, ".env".into(), ".env"),
        ]
    );
    assert_eq!(
        found("@docs/a.md#setup"),
        one(AtImport, "docs/a.md", "docs/a.md")
    );
    assert_eq!(
        found(r"@my\ notes.md"),
        one(AtImport, "my notes.md", r"my\ notes.md")
    );
    // Not imports: an e-mail address, mentions, a bare `@`, home and absolute paths, a scope
    // without a name, a placeholder.
    // Claude Code reads a path only if it starts with `./`, `~/`, `/` or one of [A-Za-z0-9._-].
    assert_eq!(
        targets("@文档/说明.md @(x)/a.md @*/a.md"),
        Vec::<String>::new()
    );
    let not = "me@x.io @alice @team. @ @~/.claude/x.md @/etc/x.md @#x @$HOME/x.md a@b/c.md";
    assert_eq!(targets(not), Vec::<String>::new());
}

#[test]
fn skill_dir_tokens() {
    assert_eq!(
        found("Run scripts/run.py, then read references/api.md."),
        vec![
            (SkillDir, "scripts/run.py".into(), "scripts/run.py"),
            (SkillDir, "references/api.md".into(), "references/api.md"),
        ]
    );
    assert_eq!(
        found("Open ./assets/template.html!"),
        one(SkillDir, "./assets/template.html", "./assets/template.html")
    );
    assert_eq!(
        found("**assets/a.png**"),
        one(SkillDir, "assets/a.png", "assets/a.png")
    );
    assert_eq!(
        found("\"scripts/a.sh\" (scripts/b.sh) |scripts/c.sh|"),
        vec![
            (SkillDir, "scripts/a.sh".into(), "scripts/a.sh"),
            (SkillDir, "scripts/b.sh".into(), "scripts/b.sh"),
            (SkillDir, "scripts/c.sh".into(), "scripts/c.sh"),
        ]
    );
    assert_eq!(
        found("Run ${CLAUDE_SKILL_DIR}/scripts/x.sh now"),
        one(SkillDir, "scripts/x.sh", "scripts/x.sh")
    );
    assert_eq!(
        found("see references/api.md#auth"),
        one(SkillDir, "references/api.md", "references/api.md")
    );
    // Not tokens: inside another path or word, a directory alone, globs, placeholders.
    let not = "src/scripts/a.py myscripts/a.py scripts/ scripts/*.py assets/{name}.png \
               scripts/$NAME.py ${CLAUDE_SKILL_DIR}/ ../scripts/a.py";
    assert_eq!(targets(not), Vec::<String>::new());
    // Only when asked for.
    assert_eq!(found_in("scripts/a.py", &[Markdown]), vec![]);
}

#[test]
fn a_skill_file_that_a_link_names_is_reported_once() {
    assert_eq!(
        found("[scripts/run.py](scripts/run.py)"),
        one(Markdown, "scripts/run.py", "scripts/run.py")
    );
    assert_eq!(
        found("[`scripts/run.py`](./scripts/run.py)"),
        one(Markdown, "./scripts/run.py", "./scripts/run.py")
    );
    assert_eq!(found("[#file:a.md](b.md)"), one(Markdown, "b.md", "b.md"));
    // Outside a link's text, the token stands.
    assert_eq!(targets("[a scripts/x.py b"), ["scripts/x.py"]);
    assert_eq!(targets("scripts/x.py [a](y.md)"), ["scripts/x.py", "y.md"]);
}

#[test]
fn kiro_and_vs_code_file_references() {
    assert_eq!(
        found("#[[file:docs/api.yaml]]"),
        one(Kiro, "docs/api.yaml", "docs/api.yaml")
    );
    assert_eq!(
        found("#[[file: docs/a b.md ]]"),
        one(Kiro, "docs/a b.md", "docs/a b.md")
    );
    assert_eq!(
        targets("#[[file:docs/a.md] and #[[file:x.md"),
        Vec::<String>::new()
    );
    assert_eq!(
        found("Use #file:src/a.ts here"),
        one(FileRef, "src/a.ts", "src/a.ts")
    );
    assert_eq!(found("#FILE:x.md#L2"), one(FileRef, "x.md", "x.md"));
    // VS Code reads the path to whitespace, punctuation and all.
    assert_eq!(
        found("(#file:/docs/x.md)."),
        one(FileRef, "/docs/x.md).", "/docs/x.md).")
    );
    assert_eq!(
        targets("#file: #tool:search #[[file:]]"),
        Vec::<String>::new()
    );
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
    let text = "(@a/b".repeat(200_000);
    assert_eq!(links(&text, 0..text.len(), &ALL).len(), 1);
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
    let base = Path::new("/p");
    let dir = Path::new("/p/.github/prompts");
    let link = |form, target: &str| RawLink {
        form,
        target: target.into(),
        range: 0..0,
    };
    let r = |l: &RawLink| resolve(dir, base, l);
    assert_eq!(
        r(&link(Markdown, "a.md")),
        Some(PathBuf::from("/p/.github/prompts/a.md"))
    );
    assert_eq!(
        r(&link(Markdown, "./x/../b.md")),
        Some(PathBuf::from("/p/.github/prompts/b.md"))
    );
    assert_eq!(
        r(&link(Markdown, "../../README.md")),
        Some(PathBuf::from("/p/README.md"))
    );
    assert_eq!(
        r(&link(Markdown, "/docs/a.md")),
        Some(PathBuf::from("/p/docs/a.md"))
    );
    assert_eq!(
        r(&link(Reference, "/docs/a.md")),
        Some(PathBuf::from("/p/docs/a.md"))
    );
    assert_eq!(
        r(&link(FileRef, "/docs//a.md")),
        Some(PathBuf::from("/p/docs/a.md"))
    );
    assert_eq!(
        r(&link(SkillDir, "scripts/run.py")),
        Some(PathBuf::from("/p/.github/prompts/scripts/run.py"))
    );
    // Out of the project, lexically: `..` past the base, past the root, or back in via its name.
    assert_eq!(r(&link(Markdown, "../../../etc/passwd")), None);
    assert_eq!(r(&link(Markdown, "/../etc/passwd")), None);
    assert_eq!(r(&link(Markdown, "../../../../../../x")), None);
    assert_eq!(
        r(&link(Markdown, "../../../p/README.md")),
        Some(PathBuf::from("/p/README.md"))
    );
    assert_eq!(r(&link(Markdown, "../../../pp/x.md")), None);
    // `/path` is absolute only for Markdown and `#file:`; NUL and empty name nothing.
    assert_eq!(r(&link(AtImport, "/p/x.md")), None);
    assert_eq!(r(&link(Kiro, "/x.md")), None);
    assert_eq!(r(&link(Markdown, "a\0.md")), None);
    assert_eq!(r(&link(Markdown, "")), None);
    // A folder that is not inside the base points nowhere in it.
    assert_eq!(
        resolve(Path::new("/q"), base, &link(Markdown, "a.md")),
        None
    );
    // Relative paths stay relative; `..` in the folder itself is folded.
    assert_eq!(
        resolve(
            Path::new("skills/x/../y"),
            Path::new("."),
            &link(SkillDir, "assets/a.png")
        ),
        Some(PathBuf::from("skills/y/assets/a.png"))
    );
    assert_eq!(
        resolve(Path::new("."), Path::new("."), &link(Markdown, "../x.md")),
        None
    );
}
