//! Analysis: pure functions from a parsed document to diagnostics, completions, hovers and
//! fixes, all over byte ranges. Nothing here knows about LSP or output formats.

pub mod completion;
pub mod cross;
pub mod fix_all;
pub mod hover;
pub mod navigate;
pub mod quote;
pub mod rules;
pub mod suggest;
pub mod symbols;
pub mod tool_list;

use crate::diagnostic::{Code, Diagnostic};
use crate::dialect::{Detected, Markers, Registry};
use crate::schema::{Dialect, FileNames, Key};
use crate::syntax::continuation;
use crate::syntax::front_matter::{self, Split};
use crate::syntax::yaml::{self, Entry, Yaml};
use rules::Case;
use std::ops::Range;
use std::rc::Rc;

/// The syntax of one document: where its front matter is and its YAML.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub split: Split,
    pub yaml: Option<Yaml>,
}

impl Parsed {
    pub fn new(text: &str) -> Parsed {
        let split = front_matter::split(text);
        let yaml = split.block.as_ref().map(|b| {
            let mut y = yaml::parse(text, b.content.clone());
            // Which lines continue a value depends on which pairs are keys: those of any
            // dialect (the dialect is not known yet; detection reads the keys).
            continuation::absorb(text, &mut y, crate::schema::builtin_key);
            y
        });
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
    /// The project markers found around the file (`Project::place`).
    pub markers: Markers,
}

impl<'a> Location<'a> {
    /// A file at `rel_path`, with no dialect forced and no project markers around it.
    pub fn at(rel_path: &'a str) -> Location<'a> {
        Location {
            rel_path,
            forced: None,
            markers: Markers::default(),
        }
    }
}

impl Location<'_> {
    pub fn file_name(&self) -> &str {
        self.rel_path.rsplit('/').next().unwrap_or(self.rel_path)
    }
    /// The file name without its extension and kind (`.md`, `.agent.md`, `.prompt.md`, …:
    /// `locations.yaml`'s `names`).
    pub fn stem(&self, names: &FileNames) -> &str {
        names.stem(self.file_name())
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
    /// The parsed entries whose key the dialect defines, with their rows: found once, read by
    /// every schema rule (`rules::support::entries`).
    known: Rc<[(&'a Entry, &'a Key)]>,
    out: Vec<Diagnostic>,
    /// Per code: how many were reported, and the first one left out past `cap`.
    tally: Vec<(usize, Option<Diagnostic>)>,
    /// Findings listed per code ([`MAX_PER_CODE`], or all of them to fix them).
    cap: usize,
}

/// Diagnostics of one code listed per file. Past this, one more diagnostic says how many were
/// left out: 500,000 zero-width spaces are not 500,000 useful findings, and each costs memory
/// in `check` and in the editor.
pub const MAX_PER_CODE: usize = 1000;

impl<'a> RuleCx<'a> {
    /// Reports a diagnostic at its rule's default severity, unless the configuration switched
    /// the rule off. Returns it so that the caller can attach fixes.
    pub fn report(
        &mut self,
        code: Code,
        range: Range<usize>,
        message: impl Into<String>,
    ) -> Option<&mut Diagnostic> {
        self.report_as(code, None, range, message)
    }

    /// [`RuleCx::report`] in one of the cases of the rule's registry line (`None`: the
    /// default). A case of another code is not this rule's, and leaves the default.
    pub fn report_as(
        &mut self,
        code: Code,
        case: Option<&'static Case>,
        range: Range<usize>,
        message: impl Into<String>,
    ) -> Option<&mut Diagnostic> {
        let rule = code.rule();
        let default = case
            .filter(|c| c.code == code)
            .map_or(rule.severity, |c| c.severity);
        let severity = self.registry.config.severity(code, default)?;
        let (count, first_left_out) = &mut self.tally[code as usize];
        *count += 1;
        if *count > self.cap {
            first_left_out.get_or_insert_with(|| Diagnostic::new(code, severity, range, ""));
            return None;
        }
        self.out
            .push(Diagnostic::new(code, severity, range, message));
        self.out.last_mut()
    }

    /// Whether one more `code` would still be listed: past [`MAX_PER_CODE`], a rule can skip
    /// the costly part of a finding (a "did you mean" search) that nobody will see.
    pub fn listed(&self, code: Code) -> bool {
        self.tally[code as usize].0 < self.cap
    }

    /// The reported diagnostics, with one note per code whose findings were cut off.
    fn finish(self) -> Vec<Diagnostic> {
        let mut out = self.out;
        for (count, left_out) in self.tally {
            if let Some(mut d) = left_out {
                let more = count - self.cap;
                d.message = format!(
                    "{more} more `{}` finding{} in this file {} not listed here: persona-ls lists the first {MAX_PER_CODE} of each rule per file. Fix these and check again.",
                    d.code,
                    if more == 1 { "" } else { "s" },
                    if more == 1 { "is" } else { "are" }
                );
                out.push(d);
            }
        }
        out
    }

    /// See [`RuleCx::known`]: a shared handle, so that a rule can report while it reads them.
    pub fn known_entries(&self) -> Rc<[(&'a Entry, &'a Key)]> {
        Rc::clone(&self.known)
    }

    pub fn yaml(&self) -> Option<&'a Yaml> {
        self.parsed.yaml.as_ref()
    }

    pub fn line_ending(&self) -> &'static str {
        crate::text::line_ending(self.text)
    }
}

/// A file's findings in the order every face lists them: by position, then code.
pub fn sort_findings(list: &mut [Diagnostic]) {
    list.sort_by_key(Diagnostic::order);
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

/// [`analyze`] with every finding listed, past [`MAX_PER_CODE`]: what fixing the whole file
/// needs (a fix of each of 5,000 findings in one round, not 1,000 per round).
pub fn analyze_all(text: &str, location: Location, registry: &Registry) -> Analysis {
    let parsed = Parsed::new(text);
    analyze_capped(text, &parsed, location, registry, usize::MAX)
}

pub fn analyze_parsed(
    text: &str,
    parsed: &Parsed,
    location: Location,
    registry: &Registry,
) -> Analysis {
    analyze_capped(text, parsed, location, registry, MAX_PER_CODE)
}

fn analyze_capped(
    text: &str,
    parsed: &Parsed,
    location: Location,
    registry: &Registry,
    cap: usize,
) -> Analysis {
    let detected = registry.detect(
        location.rel_path,
        parsed.yaml.as_ref(),
        location.markers,
        location.forced,
    );
    let Some(found) = detected else {
        return Analysis {
            dialect: None,
            diagnostics: Vec::new(),
        };
    };
    let dialect = registry.dialect(&found);
    let known = parsed
        .yaml
        .iter()
        .filter(|y| y.not_a_mapping.is_none())
        .flat_map(|y| y.entries.iter())
        .filter(|e| e.valid)
        .filter_map(|e| dialect.key(&e.key).map(|k| (e, k)))
        .collect();
    let mut cx = RuleCx {
        text,
        parsed,
        registry,
        dialect,
        location,
        known,
        out: Vec::new(),
        tally: vec![(0, None); Code::ALL.len()],
        cap,
    };
    if !rules::skipped_by_tool(&mut cx) {
        rules::run(&mut cx);
    }
    let mut diagnostics = cx.finish();
    sort_findings(&mut diagnostics);
    Analysis {
        dialect: detected,
        diagnostics,
    }
}
