//! Never panic on input: every prefix of real personas (what an editor sends while a file is
//! typed) and thousands of random edits go through the whole analysis, fixes included.

use persona_ls::analysis::{Location, analyze, fix_all};
use persona_ls::diagnostic::apply_edits;
use persona_ls::dialect::Registry;
use persona_ls::text::{Encoding, LineIndex};

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
];

/// Analyses, converts every range to positions, and applies every fix.
fn exercise(rel_path: &str, text: &str, registry: &Registry) {
    let location = Location {
        rel_path,
        forced: None,
    };
    let a = analyze(text, location, registry);
    let index = LineIndex::new(text);
    for d in &a.diagnostics {
        assert!(
            d.range.start <= d.range.end && d.range.end <= text.len(),
            "{rel_path}: bad range {:?} for {}",
            d.range,
            d.code
        );
        assert!(
            text.is_char_boundary(d.range.start) && text.is_char_boundary(d.range.end),
            "{rel_path}: range splits a character"
        );
        index.position(text, d.range.start, Encoding::Utf16);
        index.position(text, d.range.end, Encoding::Utf8);
        for f in &d.fixes {
            for e in &f.edits {
                assert!(
                    e.range.end <= text.len()
                        && text.is_char_boundary(e.range.start)
                        && text.is_char_boundary(e.range.end)
                );
            }
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
