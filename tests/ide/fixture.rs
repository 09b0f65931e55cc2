//! Fixtures for the editor features: a small text that names its file and marks the cursor,
//! and the helpers that render an engine answer as stable text for a snapshot.
//!
//! A fixture is one or more files, each opened by a header line:
//!
//! ```text
//! //- /.claude/agents/reviewer.md
//! ---
//! name: reviewer
//! model: $0
//! ---
//! ```
//!
//! - `//- /PATH` starts a file; the path (relative to the project root) decides the dialect,
//!   as it does in the editor. Words after the path change the file's bytes, for what a Rust
//!   string cannot show plainly: `crlf` turns every `\n` into `\r\n`, `bom` puts a UTF-8 BOM
//!   in front.
//! - `//- /.persona-ls.toml` is the project's configuration (the registry is built from it).
//! - Any other file is there for its path: a project marker (`//- /opencode.jsonc`, or a file
//!   under `//- /.opencode/`) marks the persona below its folder, as the project model does.
//! - `//- used KEY: VALUE=N, VALUE=N` says which values of KEY the other files of the
//!   workspace use, and in how many files (what the workspace index answers).
//! - `//- client: lazy-docs no-snippets` describes the client (completion only).
//!
//! The persona file is the one holding `$0`, the cursor (the first file when none does).
//!
//! Positions in snapshots are `line:column`, both 1-based, columns in UTF-16 code units (what
//! LSP counts by default), followed by the text the range covers.
#![allow(dead_code)]

use persona_ls::analysis::{Location, Parsed};
use persona_ls::config::Config;
use persona_ls::dialect::{Detected, Markers, Registry};
use persona_ls::schema::Schema;
use persona_ls::text::{Encoding, LineIndex};
use std::ops::Range;

pub struct Fixture {
    /// The persona's path, relative to the project root (no leading `/`).
    pub path: String,
    pub text: String,
    /// Where `$0` was, in bytes of `text`.
    pub cursor: Option<usize>,
    pub registry: Registry,
    /// `(key, value, files)` of the other files of the workspace.
    pub used: Vec<(String, String, usize)>,
    pub lazy_docs: bool,
    pub snippets: bool,
    /// The project markers the fixture's other files make.
    pub markers: Markers,
    /// Every file but the configuration, `(path, text)`, the persona's without its `$0`: what
    /// the workspace index holds (`navigate.rs` indexes them all).
    pub files: Vec<(String, String)>,
    index: LineIndex,
}

struct File {
    path: String,
    text: String,
    crlf: bool,
    bom: bool,
}

impl Fixture {
    pub fn parse(fixture: &str) -> Fixture {
        let fixture = fixture.strip_prefix('\n').unwrap_or(fixture);
        let mut files: Vec<File> = Vec::new();
        let mut used = Vec::new();
        let (mut lazy_docs, mut snippets) = (false, true);
        for line in fixture.split_inclusive('\n') {
            let Some(header) = line.strip_prefix("//- ") else {
                let file = files.last_mut().expect("a fixture starts with `//- /PATH`");
                file.text.push_str(line);
                continue;
            };
            let header = header.trim_end();
            if let Some(client) = header.strip_prefix("client:") {
                for word in client.split_whitespace() {
                    match word {
                        "lazy-docs" => lazy_docs = true,
                        "no-snippets" => snippets = false,
                        _ => panic!("unknown client flag `{word}`"),
                    }
                }
            } else if let Some(rest) = header.strip_prefix("used ") {
                let (key, values) = rest.split_once(':').expect("`used KEY: VALUE=N, ...`");
                for pair in values.split(',') {
                    let (value, n) = pair.trim().rsplit_once('=').expect("`VALUE=N`");
                    used.push((
                        key.to_string(),
                        value.to_string(),
                        n.parse().expect("a count"),
                    ));
                }
            } else {
                let mut words = header.split_whitespace();
                let path = words.next().expect("a path");
                let mut file = File {
                    path: path
                        .strip_prefix('/')
                        .expect("an absolute path")
                        .to_string(),
                    text: String::new(),
                    crlf: false,
                    bom: false,
                };
                for word in words {
                    match word {
                        "crlf" => file.crlf = true,
                        "bom" => file.bom = true,
                        _ => panic!("unknown file flag `{word}`"),
                    }
                }
                files.push(file);
            }
        }
        let mut config = None;
        let mut persona: Option<File> = None;
        let mut others = Vec::new();
        let mut all = Vec::new();
        for mut file in files {
            // The flags apply to the whole file, once it is read.
            if file.crlf {
                file.text = file.text.replace('\n', "\r\n");
            }
            if file.bom {
                file.text.insert(0, '\u{feff}');
            }
            if file.path.ends_with(".persona-ls.toml") {
                config = Some(file.text);
                continue;
            }
            all.push((file.path.clone(), file.text.replacen("$0", "", 1)));
            if persona.is_none() || file.text.contains("$0") {
                others.extend(persona.replace(file).map(|f| f.path));
            } else {
                others.push(file.path);
            }
        }
        let persona = persona.expect("a persona file");
        let markers = markers_around(&persona.path, &others);
        let cursor = persona.text.find("$0");
        let text = persona.text.replacen("$0", "", 1);
        let registry = match config {
            Some(toml) => Registry::new(Config::from_toml(&toml, None).expect("a valid config")),
            None => Registry::builtin(),
        };
        let index = LineIndex::new(&text);
        Fixture {
            path: persona.path,
            text,
            cursor,
            registry,
            used,
            lazy_docs,
            snippets,
            markers,
            files: all,
            index,
        }
    }

    pub fn cursor(&self) -> usize {
        self.cursor.expect("a `$0` cursor")
    }

    pub fn location(&self) -> Location<'_> {
        Location {
            markers: self.markers,
            ..Location::at(&self.path)
        }
    }

    /// The dialect, as the editor detects it (by path, then by keys).
    pub fn detect(&self, parsed: &Parsed) -> Option<Detected> {
        self.registry
            .detect(&self.path, parsed.yaml.as_ref(), self.markers, None)
    }

    pub fn dialect_id(&self, detected: Option<Detected>) -> &str {
        detected.map_or("none", |d| &self.registry.dialects[d.index].id)
    }

    /// What the workspace index answers for `key`: values and the files using them, most
    /// used first (the index's order).
    pub fn used_values(&self, key: &str) -> Vec<(String, usize)> {
        let mut out: Vec<(String, usize)> = self
            .used
            .iter()
            .filter(|(k, _, _)| k == key)
            .map(|(_, v, n)| (v.clone(), *n))
            .collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        out
    }

    /// `line:col` (1-based, UTF-16 columns) of a byte offset.
    pub fn pos(&self, offset: usize) -> String {
        let p = self.index.position(&self.text, offset, Encoding::Utf16);
        format!("{}:{}", p.line + 1, p.character + 1)
    }

    /// `line:col-line:col "covered text"`.
    pub fn range(&self, r: &Range<usize>) -> String {
        let covered = self
            .text
            .get(r.clone())
            .unwrap_or("<not on a character boundary>");
        format!(
            "{}-{} {}",
            self.pos(r.start),
            self.pos(r.end),
            quote(covered)
        )
    }

    /// `line:col-line:col` and the first line of the covered text (for multi-line ranges).
    pub fn span(&self, r: &Range<usize>) -> String {
        let covered = self
            .text
            .get(r.clone())
            .unwrap_or("<not on a character boundary>");
        let mut lines = covered.lines();
        let first = lines.next().unwrap_or("");
        let more = lines.count();
        let more = match more {
            0 => String::new(),
            n => format!(" +{n} line{}", if n == 1 { "" } else { "s" }),
        };
        format!(
            "{}-{} {}{more}",
            self.pos(r.start),
            self.pos(r.end),
            quote(first)
        )
    }
}

/// `s` in double quotes, with what a reader cannot see escaped (line breaks, tabs, control
/// characters, the BOM and zero-width characters) and everything else as it is: `{:?}` would
/// also escape the U+FE0F of an emoji.
pub fn quote(s: &str) -> String {
    let mut out = String::from('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            }
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `text` with every line indented by `by` spaces (blank lines stay empty).
pub fn indent(text: &str, by: usize) -> String {
    let pad = " ".repeat(by);
    text.lines()
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("{pad}{l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The dialects whose project markers the other files' paths hold in a folder at or above the
/// persona's: `opencode.jsonc` marks every file below its folder, `.opencode/x` too.
pub fn markers_around(persona: &str, others: &[String]) -> Markers {
    let mut found = Markers::default();
    for other in others {
        let parts: Vec<&str> = other.split('/').collect();
        for (depth, name) in parts.iter().enumerate() {
            let folder = parts[..depth].join("/");
            let below = folder.is_empty() || persona.starts_with(&format!("{folder}/"));
            for (i, d) in Schema::builtin().dialects.iter().enumerate() {
                if below && d.project_markers.iter().any(|m| m == name) {
                    found = found.with(i);
                }
            }
        }
    }
    found
}
