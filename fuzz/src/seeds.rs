//! Seed inputs: built-in personas in every dialect, plus every `.md`/`.mdc` file under the
//! `--seeds` folders, each under its path relative to its folder (dialects are recognised by
//! path, so `x/.claude/agents/a.md` must stay recognisable).

use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct Seed {
    /// `/`-separated, relative to the seed folder (or the path a crash input crashed under).
    pub rel_path: String,
    pub text: String,
}

/// Limits on what is read from `--seeds` folders.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_seed_bytes: usize,
    pub max_seeds: usize,
    pub max_total_bytes: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_seed_bytes: 256 * 1024,
            max_seeds: 50_000,
            max_total_bytes: 256 * 1024 * 1024,
        }
    }
}

#[derive(Debug, Default, Clone)]
pub struct LoadStats {
    pub files: usize,
    pub bytes: usize,
    pub too_large: usize,
    pub not_utf8: usize,
    pub relpaths_from_json: usize,
    pub over_limit: usize,
}

const BUILTIN: &[(&str, &str)] = &[
    (
        ".claude/agents/code-reviewer.md",
        include_str!("../../examples/.claude/agents/code-reviewer.md"),
    ),
    (
        ".claude/agents/api-designer.md",
        include_str!("../../examples/.claude/agents/api-designer.md"),
    ),
    (
        ".claude/agents/test-runner.md",
        include_str!("../../examples/.claude/agents/test-runner.md"),
    ),
    (
        "engineering/engineering-backend-architect.md",
        include_str!("../../examples/engineering/engineering-backend-architect.md"),
    ),
    (
        "design/design-ui-designer.md",
        include_str!("../../examples/design/design-ui-designer.md"),
    ),
    (
        ".claude/agents/x.md",
        "---\nname: x\ndescription: Use this agent when the user asks for a review.\\n\\n<example>\\nuser: review\\n</example>\ntools: Read, Grep, Glob, Bash\nmodel: sonnet\ncolor: purple\n---\n\nYou are a reviewer.\n\n## Steps\n\n1. Read the diff.\n2. Report.\n",
    ),
    (
        ".claude/agents/flow.md",
        "---\nname: flow\ndescription: \"Flow lists, 'quotes' and: colons\"\ntools: [Read, Write, \"Edit\"]\nmodel: claude-3-opus-20240229\npermissionMode: acceptEdits\nskills:\n  - a\n  - b\n---\nBody with `code` and a [link](./x.md).\n",
    ),
    (
        ".claude/skills/s/SKILL.md",
        "---\nname: s\ndescription: >-\n  Folded text\n  over lines.\nallowed-tools: Bash(git:*) Read\nlicense: MIT\nmetadata:\n  version: 1.0\n  tags: [a, b]\n---\n\n# Skill\n\n```bash\ngit status\n```\n",
    ),
    (
        ".claude/commands/c.md",
        "---\ndescription: Run the tests\nargument-hint: [file]\nallowed-tools: Bash(cargo test:*)\nmodel: haiku\n---\n\nRun `cargo test $ARGUMENTS`.\n",
    ),
    (
        ".github/agents/a.agent.md",
        "---\ndescription: 'A Copilot agent'\ntools: ['search', 'edit', \"runCommands\"]\nmodel: Claude Sonnet 4.5 (copilot)\nhandoffs:\n  - label: Next\n    agent: b\n    prompt: Go on.\n---\n\nYou plan.\n",
    ),
    (
        ".github/prompts/p.prompt.md",
        "---\r\nmode: agent\r\ndescription: Generate a test\r\ntools: ['codebase']\r\n---\r\n\r\nWrite a test for ${file}.\r\n",
    ),
    (
        ".github/chatmodes/m.chatmode.md",
        "---\ndescription: Planning mode\ntools: []\n---\nPlan only.\n",
    ),
    (
        ".github/instructions/i.instructions.md",
        "---\napplyTo: '**/*.ts'\n---\nUse strict mode.\n",
    ),
    (
        ".cursor/rules/r.mdc",
        "---\ndescription: React rules\nglobs: **/*.tsx, src/**/*.ts\nalwaysApply: false\n---\n\n- Use hooks.\n",
    ),
    (
        ".cursor/rules/always.mdc",
        "---\nalwaysApply: true\n---\n# Always\n",
    ),
    (
        ".opencode/agent/a.md",
        "---\ndescription: Reviews code\nmode: subagent\nmodel: anthropic/claude-sonnet-4-20250514\ntemperature: 0.1\ntools:\n  write: false\n  bash: true\npermission:\n  edit: deny\n---\n\nYou review.\n",
    ),
    (
        ".opencode/command/t.md",
        "---\ndescription: Test\nagent: build\n---\nRun tests.\n",
    ),
    (
        "engineering/x.md",
        "---\nname: Backend Architect\ndescription: Designs APIs\ncolor: blue\nemoji: 🏗️\nvibe: Holds everything up.\n---\n\n# 🏗️ Backend Architect\n\n## 🧠 Identity\n名前: 太郎\n",
    ),
    (
        "skills/名前/SKILL.md",
        "\u{feff}---\nname: 名前\ndescription: |\n  a\n\tb\n---\n\u{202e}hidden\u{200b}\n",
    ),
    (
        ".opencode/agent/cr.md",
        "---\r---\rtools:\r  bash: true\rcolor: \"#zzz\"\r---\r",
    ),
    (
        ".claude/agents/unclosed.md",
        "---\nname: unclosed\ndescription: d\n-----\n\n# Body\n",
    ),
    (
        ".claude/agents/bad-yaml.md",
        "---\nname: a: b\ndescription: 'open\ntools: {a: [b, c}\nx: &a 1\ny: *a\n? complex\n: key\n!!str tagged: v\n---\n",
    ),
    (
        "agents/nested.md",
        "---\nx:\n- - - - - a\n- [[[[b]]]]\n- {a: {b: {c: d}}}\n---\n",
    ),
    (
        "docs/no-front-matter.md",
        "# Title\n\nJust a paragraph that could be a description.\n",
    ),
    (".claude/agents/empty.md", ""),
];

pub fn builtin() -> Vec<Seed> {
    BUILTIN
        .iter()
        .map(|(p, t)| Seed {
            rel_path: p.to_string(),
            text: t.to_string(),
        })
        .collect()
}

/// Reads every `.md`/`.mdc` file under `dir`, in a stable order (so that a `--seed` replays).
pub fn load_dir(dir: &Path, limits: Limits, out: &mut Vec<Seed>, stats: &mut LoadStats) {
    let mut files = Vec::new();
    collect(dir, &mut files);
    files.sort();
    for path in files {
        if out.len() >= limits.max_seeds || stats.bytes >= limits.max_total_bytes {
            stats.over_limit += 1;
            continue;
        }
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        if meta.len() as usize > limits.max_seed_bytes {
            stats.too_large += 1;
            continue;
        }
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        // `persona-ls check` rejects a file that is not UTF-8 before any analysis.
        let Ok(text) = String::from_utf8(bytes) else {
            stats.not_utf8 += 1;
            continue;
        };
        let rel_path = match json_relpath(&path) {
            Some(r) => {
                stats.relpaths_from_json += 1;
                r
            }
            None => relative(dir, &path),
        };
        stats.files += 1;
        stats.bytes += text.len();
        out.push(Seed { rel_path, text });
    }
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        // Not following symbolic links: a seed folder with a loop must not hang the loader.
        let Ok(ty) = e.file_type() else { continue };
        let p = e.path();
        if ty.is_dir() {
            collect(&p, out);
        } else if ty.is_file() && p.extension().is_some_and(|x| x == "md" || x == "mdc") {
            out.push(p);
        }
    }
}

fn relative(dir: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(dir).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The `relpath` of a crash input's side file: `NAME.json` beside `NAME.md`, or for a
/// derived input such as `NAME.min.md`, the `NAME.json` of the input it came from.
pub fn json_relpath(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    let dir = path.parent()?;
    let mut stem = name.rsplit_once('.')?.0;
    loop {
        let candidate = dir.join(format!("{stem}.json"));
        if let Ok(text) = std::fs::read_to_string(&candidate)
            && let Ok(v) = serde_json::from_str::<serde_json::Value>(&text)
            && let Some(r) = v.get("relpath").and_then(|r| r.as_str())
            && !r.is_empty()
        {
            return Some(r.to_string());
        }
        stem = stem.rsplit_once('.')?.0;
    }
}

/// Typical paths of each dialect (and of none), to analyse an input under another dialect's
/// path than its own.
pub const TYPICAL_PATHS: &[&str] = &[
    ".claude/agents/x.md",
    ".claude/agents/My Agent.md",
    ".claude/agents/🏗️.md",
    ".claude/skills/s/SKILL.md",
    "skills/名前/SKILL.md",
    "skills/s/references/guide.md",
    ".claude/commands/c.md",
    ".claude/commands/ns/deep/c.md",
    ".github/agents/a.agent.md",
    ".github/prompts/p.prompt.md",
    ".github/chatmodes/m.chatmode.md",
    ".github/instructions/i.instructions.md",
    ".cursor/rules/r.mdc",
    "x.mdc",
    ".opencode/agent/a.md",
    ".opencode/command/c.md",
    "engineering/x.md",
    "plugins/p/agents/a.md",
    "agents/README.md",
    "notes/x.md",
    "x.md",
    "",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relpaths_keep_the_folder_layout_and_read_crash_side_files() {
        let dir = tempfile::tempdir().unwrap();
        let agents = dir.path().join("repo/.claude/agents");
        std::fs::create_dir_all(&agents).unwrap();
        std::fs::write(agents.join("a.md"), "---\nname: a\n---\n").unwrap();
        std::fs::write(agents.join("skip.txt"), "x").unwrap();
        std::fs::write(agents.join("bad.md"), [0xffu8, 0xfe]).unwrap();
        std::fs::write(dir.path().join("C-1.md"), "x").unwrap();
        std::fs::write(dir.path().join("C-1.min.md"), "y").unwrap();
        std::fs::write(
            dir.path().join("C-1.json"),
            r#"{"relpath": "o__r/agents/k.md"}"#,
        )
        .unwrap();
        let (mut out, mut stats) = (Vec::new(), LoadStats::default());
        load_dir(dir.path(), Limits::default(), &mut out, &mut stats);
        let mut got: Vec<(String, String)> =
            out.into_iter().map(|s| (s.rel_path, s.text)).collect();
        got.sort();
        assert_eq!(
            got,
            [
                ("o__r/agents/k.md".to_string(), "x".to_string()),
                ("o__r/agents/k.md".to_string(), "y".to_string()),
                (
                    "repo/.claude/agents/a.md".to_string(),
                    "---\nname: a\n---\n".to_string()
                ),
            ]
        );
        assert_eq!((stats.not_utf8, stats.relpaths_from_json), (1, 2));
    }
}
