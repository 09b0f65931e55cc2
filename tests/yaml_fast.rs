//! The YAML fast path must read every block it accepts exactly as the full parsers
//! (tree-sitter-yaml + libyaml) do: same keys, spans, values, types and validity. Checked on
//! the project's own fixtures and, when `../shared/corpus` is present, on every real file.

use persona_ls::syntax::front_matter::split;
use persona_ls::syntax::yaml::{fast_path_accepts, parse, parse_full};
use std::path::Path;

/// Returns whether the fast path took the file.
fn same(name: &str, text: &str) -> bool {
    let Some(block) = split(text).block else {
        return false;
    };
    let fast = parse(text, block.content.clone());
    let full = parse_full(text, block.content.clone());
    assert_eq!(
        fast, full,
        "{name}: the fast path reads this front matter differently"
    );
    fast_path_accepts(text, block.content)
}

#[test]
fn fast_path_agrees_on_fixtures() {
    let cases = [
        "---\nname: a\ndescription: One line: quoted?\n---\n",
        "---\nname: a\ndescription: plain text\n  continued here\ntools: Read, Grep\nmodel: sonnet\n---\n",
        "---\nname: 'it''s'\ndescription: \"tab\\there\"\ntools: [Read, \"Write\", 'Edit']\nskills:\n  - a\n  - 'b'\nlist0:\n- x\n- y\n---\n",
        "---\ndescription: |\n  line one\n\n  line two\nother: >-\n  folded\n  text\nlast: 1\n---\n",
        "---\nname: 3000\nflag: true\nnum: 0.5\nempty:\nhex: '#ffffff'\n---\n",
        "---\r\nname: a\r\ndescription: crlf\r\ntools: [Read]\r\n---\r\n",
        "---\rname: a\rdescription: cr\r---\r",
        "---\nname: a\ndescription: Use it.\\nMore \\d text\n---\n",
        "---\nkey.with.dots: 1\nkey-with-dash: x y z\n---\n",
    ];
    let mut taken = 0;
    for (i, c) in cases.iter().enumerate() {
        taken += usize::from(same(&format!("case {i}"), c));
    }
    assert!(
        taken >= 7,
        "the fast path should take the plain cases, took {taken}"
    );
    // What it must leave to the full parsers.
    for c in [
        "---\nname: a # comment\n---\n",
        "---\nmeta:\n  a: 1\n---\n",
        "---\nx: &a 1\ny: *a\n---\n",
        "---\ndescription: a: b\n---\n",
        "---\nglobs: **/*.tsx\n---\n",
        "---\nd: \"open\n---\n",
        "---\nd: [a, [b]]\n---\n",
        // Keep chomping: the trailing blank line belongs to the value.
        "---\nkeep: |+\n  kept\n\nlast: 1\n---\n",
    ] {
        let b = split(c).block.unwrap();
        assert!(
            !fast_path_accepts(c, b.content),
            "the fast path must not take {c:?}"
        );
        same(c, c);
    }
}

#[test]
fn fast_path_agrees_on_the_examples_and_the_corpus() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    collect(&root.join("examples"), &mut files);
    collect(&root.join("../shared/corpus"), &mut files);
    let (mut total, mut taken) = (0, 0);
    for f in &files {
        let Ok(text) = std::fs::read_to_string(f) else {
            continue;
        };
        total += 1;
        taken += usize::from(same(&f.display().to_string(), &text));
    }
    eprintln!("fast path took {taken} of {total} files");
}

fn collect(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "md" || x == "mdc") {
            out.push(p);
        }
    }
}
