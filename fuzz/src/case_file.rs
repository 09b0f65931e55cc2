//! Cases on disk: the worker's "current input" file (rewritten before every execution, so
//! that it names the input when the worker dies), and the artifacts (`NAME.md`, the input as
//! `persona-ls check` would read it, and `NAME.txt`, how it was analysed and what went wrong).
//!
//! Both start with `key: value` lines: `target`, `relpath`, `forced`, `script`, `steps`. The
//! current-input file then has `bytes: N`, a blank line and the text; an artifact's `.txt` has
//! `kind` and `replay` and, after a blank line, free text (message, backtrace, stderr tail).

use crate::rng::hash_bytes;
use crate::targets::Case;
use std::collections::HashMap;
use std::fs::File;
use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

pub const MAGIC: &str = "persona-ls-fuzz case\n";

/// Paths go in one line of the header.
pub fn clean_path(p: &str) -> String {
    p.replace(['\n', '\r'], "?")
}

pub fn header(target: &str, case: &Case) -> String {
    let mut h = format!(
        "target: {target}\nrelpath: {}\nforced: {}\nscript: {}\nsteps: {}\n",
        clean_path(&case.rel_path),
        case.forced.as_deref().unwrap_or("-"),
        case.script,
        case.steps
    );
    if let Some(plan) = &case.plan {
        // JSON on one line: its strings escape their line breaks.
        h.push_str(&format!("plan: {plan}\n"));
    }
    h
}

/// The `key: value` lines before the first blank line.
pub fn parse_header(s: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for line in s.lines() {
        if line.is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(": ").or_else(|| line.split_once(':')) {
            out.insert(k.trim().to_string(), v.to_string());
        }
    }
    out
}

/// Sets the fields of `case` that a header names.
pub fn apply_header(h: &HashMap<String, String>, case: &mut Case) {
    if let Some(p) = h.get("relpath") {
        case.rel_path = p.clone();
    }
    if let Some(f) = h.get("forced") {
        case.forced = (f != "-" && !f.is_empty()).then(|| f.clone());
    }
    if let Some(s) = h.get("script").and_then(|s| parse_u64(s)) {
        case.script = s;
    }
    if let Some(s) = h.get("steps").and_then(|s| s.trim().parse().ok()) {
        case.steps = s;
    }
    if let Some(p) = h.get("plan") {
        case.plan = Some(p.clone());
    }
}

pub fn parse_u64(s: &str) -> Option<u64> {
    let s = s.trim();
    match s.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(hex, 16).ok(),
        None => s.parse().ok(),
    }
}

/// The worker's current input, rewritten in place before each execution: one open handle,
/// no fsync (the data only has to outlive the process, not the machine).
pub struct CurrentFile {
    file: Option<File>,
}

impl CurrentFile {
    pub fn open(path: Option<&Path>) -> std::io::Result<CurrentFile> {
        let file = match path {
            Some(p) => Some(
                std::fs::OpenOptions::new()
                    .create(true)
                    .write(true)
                    .truncate(true)
                    .open(p)?,
            ),
            None => None,
        };
        Ok(CurrentFile { file })
    }

    pub fn write(&mut self, target: &str, case: &Case) -> std::io::Result<()> {
        let Some(f) = &mut self.file else {
            return Ok(());
        };
        let head = format!(
            "{MAGIC}{}bytes: {}\n\n",
            header(target, case),
            case.text.len()
        );
        f.seek(SeekFrom::Start(0))?;
        f.write_all(head.as_bytes())?;
        f.write_all(case.text.as_bytes())?;
        f.set_len((head.len() + case.text.len()) as u64)?;
        Ok(())
    }
}

/// A case as one file: what `decode` reads (the current-input file, the kept corpus).
pub fn encode(target: &str, case: &Case) -> Vec<u8> {
    let mut out = format!(
        "{MAGIC}{}bytes: {}\n\n",
        header(target, case),
        case.text.len()
    )
    .into_bytes();
    out.extend_from_slice(case.text.as_bytes());
    out
}

/// Reads a current-input file: the target and the case.
pub fn decode(bytes: &[u8]) -> Option<(String, Case)> {
    let rest = bytes.strip_prefix(MAGIC.as_bytes())?;
    let split = rest.windows(2).position(|w| w == b"\n\n")?;
    let head = std::str::from_utf8(&rest[..split]).ok()?;
    let h = parse_header(head);
    let n: usize = h.get("bytes")?.trim().parse().ok()?;
    let body = rest.get(split + 2..split + 2 + n)?;
    let mut case = Case {
        text: String::from_utf8_lossy(body).into_owned(),
        ..Case::default()
    };
    apply_header(&h, &mut case);
    Some((h.get("target").cloned().unwrap_or_default(), case))
}

/// Loads a case to replay: a current-input file, or a text whose `.txt` side file (from this
/// harness) or `.json` side file (from `../shared/crashes`) says how it was analysed.
pub fn load(path: &Path) -> std::io::Result<Case> {
    let bytes = std::fs::read(path)?;
    if let Some((_, case)) = decode(&bytes) {
        return Ok(case);
    }
    let mut case = Case {
        text: String::from_utf8(bytes).map_err(|_| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "not UTF-8: persona-ls rejects such a file before analysing it",
            )
        })?,
        rel_path: path
            .file_name()
            .map_or("x.md".into(), |n| n.to_string_lossy().into_owned()),
        ..Case::default()
    };
    let side = path.with_extension("txt");
    if let Ok(s) = std::fs::read_to_string(&side) {
        apply_header(&parse_header(&s), &mut case);
    } else if let Some(r) = crate::seeds::json_relpath(path) {
        case.rel_path = r;
    }
    Ok(case)
}

/// A failure to save: what kind, its one-line signature and everything known about it.
#[derive(Debug, Clone)]
pub struct Failure {
    /// `crash`, `hang`, `slow`, `panic`, `property`, `oom`.
    pub kind: &'static str,
    pub signature: String,
    pub message: String,
    pub details: String,
}

pub fn artifact_stem(artifacts: &Path, target: &str, kind: &str, case: &Case) -> PathBuf {
    let mut h = hash_bytes(case.text.as_bytes());
    h ^= hash_bytes(header(target, case).as_bytes()).rotate_left(1);
    artifacts.join(format!("{target}-{kind}-{:010x}", h & 0xff_ffff_ffff))
}

/// Writes `<target>-<kind>-<hash>.md` and `.txt`; returns the `.md`.
pub fn save(artifacts: &Path, target: &str, case: &Case, f: &Failure) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(artifacts)?;
    let stem = artifact_stem(artifacts, target, f.kind, case);
    let md = stem.with_extension("md");
    std::fs::write(&md, &case.text)?;
    let txt = format!(
        "{}kind: {}\nsignature: {}\nbytes: {}\nreplay: cargo run --release -p persona-ls-fuzz -- {target} --replay {}\ncheck: mkdir -p t/$(dirname '{rel}') && cp {} 't/{rel}' && (cd t && persona-ls check '{rel}')\n\n{}\n\n{}\n",
        header(target, case),
        f.kind,
        f.signature,
        case.text.len(),
        md.display(),
        md.display(),
        f.message,
        f.details,
        rel = clean_path(&case.rel_path).replace('\'', "'\\''"),
    );
    std::fs::write(stem.with_extension("txt"), txt)?;
    Ok(md)
}

/// A message with its variable parts (numbers, quoted text) taken out, to tell failures
/// apart: two inputs that break the same property the same way share a signature.
pub fn normalize(message: &str) -> String {
    let mut out = String::new();
    let mut chars = message.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '"' {
            // Skip a quoted (Debug-formatted) string.
            let mut escaped = false;
            for d in chars.by_ref() {
                if escaped {
                    escaped = false;
                } else if d == '\\' {
                    escaped = true;
                } else if d == '"' {
                    break;
                }
            }
            out.push_str("\"…\"");
        } else if c.is_ascii_digit() {
            while chars.peek().is_some_and(|d| d.is_ascii_digit()) {
                chars.next();
            }
            out.push('N');
        } else {
            out.push(c);
        }
        if out.len() > 200 {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn current_file_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("cur");
        let mut f = CurrentFile::open(Some(&p)).unwrap();
        let long = Case {
            text: "x".repeat(1000),
            rel_path: "a/b.md".into(),
            ..Case::default()
        };
        f.write("analyze", &long).unwrap();
        let case = Case {
            text: "---\n\nname: é\n\n".into(),
            rel_path: ".claude/agents/x\ny.md".into(),
            forced: Some("claude-agent".into()),
            script: u64::MAX,
            steps: 7,
            plan: Some(r#"{"steps": [{"text": "a\nb"}]}"#.into()),
        };
        f.write("edits", &case).unwrap();
        let (target, back) = decode(&std::fs::read(&p).unwrap()).unwrap();
        assert_eq!(target, "edits");
        assert_eq!(back.text, case.text);
        assert_eq!(back.rel_path, ".claude/agents/x?y.md");
        assert_eq!(
            (back.forced, back.script, back.steps),
            (case.forced, case.script, 7)
        );
    }

    #[test]
    fn signatures_ignore_numbers_and_quoted_text() {
        assert_eq!(
            normalize("diagnostic x \"a \\\" b\": range 3..9 past the end (12 bytes)"),
            normalize("diagnostic x \"other\": range 40..41 past the end (7 bytes)")
        );
    }
}
