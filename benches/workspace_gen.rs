//! A generated workspace for the workspace benches, in Rust so that `cargo bench` needs no
//! Python: the shape of `benches/gen_workspace.py` (not its bytes: its random numbers are
//! Python's), deterministic for a seed.
//!
//! About `n` persona files: n/3 Claude Code agents (three `skills:` each, 5% of them
//! unresolved, and an `Agent(x)` tool argument), n/3 skills with `references/` links, the rest
//! VS Code agents (`.github/agents/*.agent.md`) with `agent:` handoffs and, for every tenth, a
//! prompt file; 1% of the agents repeat another agent's name, and every twentieth agent and
//! skill lives in one of two plugins (whose skills are named by their `name` key).

use std::path::Path;

/// xorshift64*: enough randomness for picking names, the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Writes the workspace into `root` (which should be empty); returns how many Markdown files
/// it wrote (the personas and the skills' reference files).
pub fn generate(root: &Path, n: usize, seed: u64) -> usize {
    let mut rng = Rng(seed.max(1));
    let mut files = 0;
    let mut md = |path: &Path, text: &str| {
        write(path, text);
        files += 1;
    };
    std::fs::create_dir_all(root.join(".git")).unwrap();
    let third = n / 3;
    let plugins = ["alpha", "beta"].map(|p| root.join("plugins").join(p));
    for p in &plugins {
        let name = p.file_name().unwrap().to_string_lossy();
        write(
            &p.join(".claude-plugin/plugin.json"),
            &format!("{{\"name\": \"{name}\"}}\n"),
        );
    }
    // Every twentieth file lives in one of the two plugins.
    let base_for = |i: usize| {
        if i.is_multiple_of(20) {
            plugins[(i / 20) % 2].clone()
        } else {
            root.join(".claude")
        }
    };
    for i in 0..third {
        let s = format!("skill-{i}");
        let dir = base_for(i).join("skills").join(&s);
        md(
            &dir.join("SKILL.md"),
            &format!(
                "---\nname: {s}\ndescription: Review and apply {s} conventions when editing code.\n---\n# {s}\n\nSee [the guide](references/guide.md) and [the API](references/api.md).\n"
            ),
        );
        md(
            &dir.join("references/guide.md"),
            &format!("# Guide for {s}\n"),
        );
    }
    for i in 0..third {
        let a = format!("agent-{i}");
        let mut skills = String::new();
        for _ in 0..3 {
            let s = if rng.chance(5) {
                format!("missing-{}", rng.below(1_000_000))
            } else {
                format!("skill-{}", rng.below(third))
            };
            skills.push_str(&format!("  - {s}\n"));
        }
        let name = if i > 0 && rng.chance(1) {
            format!("agent-{}", i - 1)
        } else {
            a.clone()
        };
        let other = rng.below(third);
        md(
            &base_for(i).join("agents").join(format!("{a}.md")),
            &format!(
                "---\nname: {name}\ndescription: Reviews {a} changes for correctness and style.\ntools: Read, Grep, Agent(agent-{other})\nskills:\n{skills}---\n# {a}\n\nYou review code.\n"
            ),
        );
    }
    let rest = n - 2 * third;
    for i in 0..rest {
        let target = rng.below(rest);
        md(
            &root.join(format!(".github/agents/vsc-{i}.agent.md")),
            &format!(
                "---\nname: vsc-{i}\ndescription: Plans and reviews work item {i}.\nhandoffs:\n  - label: Hand off\n    agent: vsc-{target}\n    prompt: Continue.\n---\n# vsc-{i}\n\nPlan the work.\n"
            ),
        );
        if i.is_multiple_of(10) {
            md(
                &root.join(format!(".github/prompts/p-{i}.prompt.md")),
                &format!("---\nagent: vsc-{i}\ndescription: Run vsc-{i}.\n---\nDo it.\n"),
            );
        }
    }
    files
}

/// The workspace a bench runs on: `PERSONA_BENCH_WORKSPACE` (a folder, used as it is) or a
/// generated one of `PERSONA_BENCH_FILES` personas (default 2,000) in a temporary folder, kept
/// as long as the returned guard lives.
pub fn from_env() -> (std::path::PathBuf, Option<tempfile::TempDir>, String) {
    if let Some(dir) = std::env::var_os("PERSONA_BENCH_WORKSPACE") {
        let dir = std::path::PathBuf::from(dir);
        let label = format!("{}", dir.display());
        return (dir, None, label);
    }
    let n = files_from_env();
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let written = generate(tmp.path(), n, 11);
    let label = format!("generated n = {n} ({written} Markdown files)");
    (tmp.path().to_path_buf(), Some(tmp), label)
}

/// `PERSONA_BENCH_FILES`, default 2,000.
pub fn files_from_env() -> usize {
    std::env::var("PERSONA_BENCH_FILES")
        .ok()
        .and_then(|n| n.replace(['_', ','], "").parse().ok())
        .unwrap_or(2000)
}
