//! Never panic on input: every prefix of real personas (what an editor sends while a file is
//! typed) and thousands of random edits go through the whole analysis, fixes included.

use persona_ls::analysis::{Location, analyze, fix_all};
use persona_ls::diagnostic::apply_edits;
use persona_ls::dialect::Registry;

const SEEDS: &[(&str, &str)] = &[
    (
        ".claude/agents/code-reviewer.md",
        include_str!("../examples/.claude/agents/code-reviewer.md"),
    ),
    (
        ".claude/agents/api-designer.md",
        include_str!("../examples/.claude/agents/api-designer.md"),
    ),
    (
        ".claude/agents/test-runner.md",
        include_str!("../examples/.claude/agents/test-runner.md"),
    ),
    (
        "engineering/engineering-backend-architect.md",
        include_str!("../examples/engineering/engineering-backend-architect.md"),
    ),
    (
        "design/design-ui-designer.md",
        include_str!("../examples/design/design-ui-designer.md"),
    ),
    (
        ".cursor/rules/x.mdc",
        "---\ndescription: x\nglobs: **/*.tsx, [a\nalwaysApply: \"true\"\n---\n",
    ),
    (
        ".github/agents/x.agent.md",
        "\u{feff}---\r\ndescription: 'a''b\r\ntools: [\"x\", {a: b}]\r\nmodel: [GPT-4.1, 'Claude Sonnet 4.5 (copilot)']\r\n---\r\n",
    ),
    (
        "skills/x/SKILL.md",
        "---\nname: |\n  a\n\tb\ndescription: >-\n  x: y\nallowed-tools: Bash(git:*) Read\nmetadata:\n  a: &x 1\n  b: *x\n---\n\u{202e}",
    ),
    (
        ".opencode/agent/x.md",
        "---\r---\rtools:\r  bash: true\rcolor: \"#zzz\"\r---\r",
    ),
    // What the fuzz harness found (minimised): a quote before a CJK character, libyaml's NEL
    // and LS line breaks, a nested entry past its parent, a heading of blanks, a quoted emoji
    // tool, a block list below a text key.
    (".claude/commands/c.md", "---\n': 前"),
    ("x.md", "---\na\u{2028}e:"),
    ("x.md", "---\n\u{85}\t:"),
    ("x.md", "---\ns:\n s:\n - "),
    ("x.md", "# \u{2028}\n"),
    (
        ".claude/agents/a.md",
        "---\nname: a\ntools: ['💻','']\n---\n",
    ),
    (".claude/agents/a.md", "---\nname:\n-\n---\n"),
];

/// The properties the fuzz harness checks (one copy, shared with `fuzz/`).
#[path = "../fuzz/src/props.rs"]
mod props;

/// Analyses, checks every range (and converts it to positions), and applies every fix.
fn exercise(rel_path: &str, text: &str, registry: &Registry) {
    let location = Location::at(rel_path);
    let a = analyze(text, location, registry);
    props::diagnostics(text, &a.diagnostics).unwrap_or_else(|e| panic!("{rel_path}: {e}"));
    for d in &a.diagnostics {
        for f in &d.fixes {
            let fixed = apply_edits(text, &f.edits);
            analyze(&fixed, location, registry);
        }
    }
    let _ = fix_all::fix_text(text, location, registry);
}

#[test]
fn every_prefix_of_every_seed() {
    let registry = Registry::builtin();
    for (path, text) in SEEDS {
        for (i, _) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            exercise(path, &text[..i], &registry);
        }
    }
}

#[test]
fn random_edits() {
    let registry = Registry::builtin();
    // A small deterministic generator: the same edits on every run.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n.max(1) as u64) as usize
    };
    const PIECES: &[&str] = &[
        "---", "\n", "\r\n", "\r", ": ", ":", "'", "\"", "[", "]", "{", "}", "- ", "\t", "#", "*",
        "&", "|", ">-", "\\n", "🏗️", "名", "\u{200b}", "\u{feff}", "  ", "tools: ", "model: ", ",",
    ];
    for (path, seed) in SEEDS {
        let mut text = seed.to_string();
        for _ in 0..400 {
            let mut at = next(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            match next(3) {
                0 => text.insert_str(at, PIECES[next(PIECES.len())]),
                1 => {
                    let mut end = (at + next(8)).min(text.len());
                    while !text.is_char_boundary(end) {
                        end -= 1;
                    }
                    text.replace_range(at..end, "");
                }
                _ => text.insert_str(at, PIECES[next(PIECES.len())]),
            }
            exercise(path, &text, &registry);
        }
    }
}

/// Inputs of the shape that aborted the process (tree-sitter-yaml's scanner state overflowed
/// its 1024-byte buffer past 253 indentation levels), around and far beyond that depth.
fn deep_indentation_inputs() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for depth in [252, 253, 254, 300, 1000, 5000] {
        // One line of `- ` under a key (the issue's reproducer).
        out.push((
            ".claude/agents/a.md".to_string(),
            format!(
                "---\nname: t\ndescription: d\ntools:\n{}x\n---\nbody\n",
                "- ".repeat(depth)
            ),
        ));
        // The minimised fuzz signature: a BOM, `x:`, 252 `- ` and a `-`, no closing fence.
        out.push((
            "agents/k.md".to_string(),
            format!("\u{feff}---\nx:\n{}-\n", "- ".repeat(depth - 1)),
        ));
        // Mappings nested one space deeper each line.
        let nested: String = (0..depth)
            .map(|i| format!("{}a:\n", " ".repeat(i)))
            .collect();
        out.push((
            ".claude/skills/s/SKILL.md".to_string(),
            format!("---\nname: s\ndescription: d\nmetadata:\n{nested}---\n"),
        ));
        // Flow collections nested as deep.
        out.push((
            ".github/agents/a.agent.md".to_string(),
            format!(
                "---\ndescription: d\ntools: {}x{}\n---\n",
                "[".repeat(depth),
                "]".repeat(depth)
            ),
        ));
    }
    out
}

#[test]
fn deep_indentation_neither_aborts_nor_hides_the_value() {
    let registry = Registry::builtin();
    for (path, text) in deep_indentation_inputs() {
        exercise(&path, &text, &registry);
    }
}

#[test]
fn a_tool_list_nested_too_deeply_is_one_precise_warning() {
    let registry = Registry::builtin();
    for depth in [3, 253, 300] {
        let text = format!(
            "---\nname: t\ndescription: d\ntools:\n{}x\n---\nbody\n",
            "- ".repeat(depth)
        );
        let a = analyze(&text, Location::at(".claude/agents/a.md"), &registry);
        let found: Vec<(&str, &str)> = a
            .diagnostics
            .iter()
            .map(|d| (d.code.as_str(), &text[d.range.clone()]))
            .collect();
        let line = text.find("- ").unwrap();
        // Within reach of the tree, the first item is a list; past 200 levels the whole value
        // is too deep to read. Either way one warning, on the value, and nothing else.
        let expected_start = if depth <= 200 { line + 2 } else { line };
        assert_eq!(found.len(), 1, "depth {depth}: {found:?}");
        assert_eq!(found[0].0, "invalid-type");
        assert_eq!(
            a.diagnostics[0].range.start, expected_start,
            "depth {depth}"
        );
        assert!(found[0].1.ends_with("- x"), "depth {depth}");
    }
}

/// The crash inputs the mutation fuzzer kept (../shared/crashes, when it is beside the
/// checkout): each is checked under the path it crashed at, in a child process, which must
/// exit 0 or 1 with a report.
#[test]
fn saved_crash_inputs_get_a_report() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/crashes");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("{} not found: skipped", dir.display());
        return;
    };
    let work = tempfile::tempdir().unwrap();
    let mut n = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let meta: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let rel = meta["relpath"].as_str().unwrap();
        let input = path.with_extension("md");
        let target = work.path().join(rel);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(&input, &target).unwrap();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_persona-ls"))
            .args(["check", "--format", "json", rel])
            .current_dir(work.path())
            .output()
            .unwrap();
        let code = out.status.code();
        assert!(
            matches!(code, Some(0 | 1)),
            "{}: exit {:?}\n{}",
            input.display(),
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(report.is_array());
        n += 1;
    }
    assert!(n >= 3, "expected the saved crash inputs, found {n}");
}
