//! Analysis: pure functions from a parsed document to diagnostics, completions, hovers and
//! fixes, all over byte ranges. Nothing here knows about LSP or output formats.

pub mod completion;
pub mod fix_all;
pub mod hover;
pub mod quote;
pub mod rules;
pub mod suggest;
pub mod symbols;

use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::dialect::{Detected, Registry};
use crate::schema::Dialect;
use crate::syntax::front_matter::{self, Split};
use crate::syntax::yaml::{self, Yaml};
use std::ops::Range;

/// The syntax of one document: where its front matter is and its YAML.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub split: Split,
    pub yaml: Option<Yaml>,
}

impl Parsed {
    pub fn new(text: &str) -> Parsed {
        let split = front_matter::split(text);
        let yaml = split
            .block
            .as_ref()
            .map(|b| yaml::parse(text, b.content.clone()));
        Parsed { split, yaml }
    }

    pub fn keys(&self) -> Vec<&str> {
        self.yaml
            .as_ref()
            .map(|y| y.entries.iter().map(|e| e.key.as_str()).collect())
            .unwrap_or_default()
    }
}

/// Where a document lives, for dialect detection and name checks.
#[derive(Debug, Clone, Copy)]
pub struct Location<'a> {
    /// `/`-separated path relative to the project root (what dialect globs match).
    pub rel_path: &'a str,
    /// Index of a dialect forced by `--dialect` or the client.
    pub forced: Option<usize>,
}

impl Location<'_> {
    pub fn file_name(&self) -> &str {
        self.rel_path.rsplit('/').next().unwrap_or(self.rel_path)
    }
    /// The file name without `.md`, `.mdc`, `.agent.md`, `.prompt.md`, ...
    pub fn stem(&self) -> &str {
        let name = self.file_name();
        let name = name
            .strip_suffix(".mdc")
            .or_else(|| name.strip_suffix(".md"))
            .unwrap_or(name);
        for suffix in [".agent", ".chatmode", ".prompt", ".instructions"] {
            if let Some(s) = name.strip_suffix(suffix) {
                return s;
            }
        }
        name
    }
    /// The name of the folder holding the file.
    pub fn folder(&self) -> &str {
        let mut parts = self.rel_path.rsplit('/');
        parts.next();
        parts.next().unwrap_or("")
    }
}

#[derive(Debug, Clone)]
pub struct Analysis {
    pub dialect: Option<Detected>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Everything a rule reads, plus the sink it reports into.
pub struct RuleCx<'a> {
    pub text: &'a str,
    pub parsed: &'a Parsed,
    pub registry: &'a Registry,
    pub dialect: &'a Dialect,
    pub location: Location<'a>,
    out: Vec<Diagnostic>,
}

impl<'a> RuleCx<'a> {
    /// Reports a diagnostic unless the configuration switched the rule off. Returns it so that
    /// the caller can attach fixes.
    pub fn report(
        &mut self,
        code: Code,
        default: Severity,
        range: Range<usize>,
        message: impl Into<String>,
    ) -> Option<&mut Diagnostic> {
        let severity = self.registry.config.severity(code, default)?;
        self.out
            .push(Diagnostic::new(code, severity, range, message));
        self.out.last_mut()
    }

    pub fn yaml(&self) -> Option<&'a Yaml> {
        self.parsed.yaml.as_ref()
    }

    pub fn line_ending(&self) -> &'static str {
        crate::text::line_ending(self.text)
    }
}

/// `a Claude Code subagent`, `an OpenCode agent`, `an agency-agents persona`.
pub fn a_or_an(title: &str) -> String {
    let vowel = title
        .chars()
        .next()
        .is_some_and(|c| "aeiouAEIOU".contains(c));
    format!("{} {title}", if vowel { "an" } else { "a" })
}

/// Analyses a whole document: detects its dialect, then runs every rule.
pub fn analyze(text: &str, location: Location, registry: &Registry) -> Analysis {
    let parsed = Parsed::new(text);
    analyze_parsed(text, &parsed, location, registry)
}

pub fn analyze_parsed(
    text: &str,
    parsed: &Parsed,
    location: Location,
    registry: &Registry,
) -> Analysis {
    let dialect = registry.detect(location.rel_path, &parsed.keys(), location.forced);
    let Some(detected) = dialect else {
        return Analysis {
            dialect: None,
            diagnostics: Vec::new(),
        };
    };
    let mut cx = RuleCx {
        text,
        parsed,
        registry,
        dialect: &registry.dialects[detected.index],
        location,
        out: Vec::new(),
    };
    rules::run(&mut cx);
    let mut diagnostics = cx.out;
    diagnostics.sort_by(|a, b| {
        (a.range.start, a.range.end, a.code).cmp(&(b.range.start, b.range.end, b.code))
    });
    Analysis {
        dialect,
        diagnostics,
    }
}
