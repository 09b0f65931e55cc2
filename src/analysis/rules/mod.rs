//! The rule registry: one row per rule, one file per code (named after it).
//!
//! The table is data, `registry.yaml` beside this file; build.rs turns each row into a line
//! of `registry!` below (and fails the build on a malformed row). A row gives the rule's
//! stable code (DESIGN.md §3: these strings never change), its stage, its default severity,
//! every other severity it can take and when, and the one-line summary used for SARIF rule
//! metadata and hover. The file named after the code holds the
//! function that runs it (`check`); its long explanation, with an example that triggers it and
//! the fixed form (a test checks both), is the Markdown file `explain/<code>.md`.
//!
//! Rules run in stages (DESIGN.md §1): front-matter structure, YAML syntax, schema checks,
//! then the body. A YAML error suppresses the schema checks of the entry it is in, never the
//! others; an unclosed block suppresses the schema and body checks (nothing below its `---`
//! is known to be the body).
//!
//! Severity: a rule reports its default with [`RuleCx::report`]. Where the file's own tool
//! fails differently for some findings, or the schema data says so, the rule names one of the
//! cases of its line ([`RuleCx::report_as`]); a rule file holds no severity of its own.
//! Configuration then overrides the severity by code, whatever the case (`Config::severity`).
//!
//! Adding a rule touches four places: the rule's file (`rules/<code>.rs`, hyphens as
//! underscores, with `check`), its explanation (`rules/explain/<code>.md`, the format of
//! [`Explanation::parse`]), its row in `registry.yaml` (appended at the end: SARIF numbers
//! the rules in this order), and its test in `tests/rules.rs`.

use super::RuleCx;
use crate::diagnostic::Severity;
use crate::syntax::front_matter::Split;
use std::fmt;

mod support;

/// The stage a rule belongs to: which part of the file it reads, and so what suppresses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// The `---` fences, the BOM, a missing or pasted-over block. Always runs.
    FrontMatter,
    /// YAML syntax. Runs when there is a block.
    Yaml,
    /// Keys and values against the dialect's table. Runs when the block is closed.
    Schema,
    /// The Markdown below the front matter. Runs unless the block is unclosed.
    Body,
    /// Rules over the workspace index, not over one file: not run by [`run`].
    Workspace,
}

impl Stage {
    pub const ORDER: [Stage; 5] = [
        Stage::FrontMatter,
        Stage::Yaml,
        Stage::Schema,
        Stage::Body,
        Stage::Workspace,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Stage::FrontMatter => "front matter",
            Stage::Yaml => "YAML",
            Stage::Schema => "schema",
            Stage::Body => "body",
            Stage::Workspace => "workspace",
        }
    }

    /// Whether this stage's rules run on a file split so.
    fn runs(self, split: &Split) -> bool {
        let closed = split.block.as_ref().map(|b| b.close.is_some());
        match self {
            Stage::FrontMatter => true,
            Stage::Yaml => closed.is_some(),
            Stage::Schema => closed == Some(true),
            Stage::Body => closed != Some(false),
            Stage::Workspace => false,
        }
    }
}

/// A severity other than its rule's default, and when the rule takes it. Rules name these
/// (`cases::NO_TOOL_RESOLVES`); only the registry row says which severity that is.
#[derive(Debug, PartialEq, Eq)]
pub struct Case {
    pub code: Code,
    pub severity: Severity,
    pub when: &'static str,
}

/// What `persona-ls explain CODE` and hover show: why the rule exists, and a file that
/// triggers it next to its fixed form (tests check that the one does and the other does not).
///
/// Explanations are prose and example files, so they live as Markdown beside the rules
/// (`explain/<code>.md`), read at compile time by [`Explanation::parse`].
#[derive(Debug)]
pub struct Explanation {
    /// Several sentences of Markdown: what the tool does with such a file, and what to do.
    pub text: &'static str,
    /// Where the example lives (it decides the dialect).
    pub path: &'static str,
    pub example: &'static str,
    /// Where the fixed form lives: the example's path, unless the fix is a rename
    /// (`## Fixed: `path``).
    pub fixed_path: &'static str,
    pub fixed: &'static str,
}

/// The skeleton of an explanation file, around its text, path, example and fixed form.
const EXAMPLE_HEADING: &str = "\n\n## Example: `";
const EXAMPLE_FENCE: &str = "`\n\n```markdown\n";
const FIXED_HEADING: &str = "```\n\n## Fixed";
const FIXED_FENCE: &str = "\n\n```markdown\n";
const CLOSING_FENCE: &str = "```\n";

impl Explanation {
    /// Reads an explanation file: its text (one paragraph), then `## Example: `path``
    /// with the example in a `markdown` block, then `## Fixed` with the fixed form in another.
    /// The blocks hold whole lines and no fence of their own. A `const fn`, so that the
    /// registry reads every file at compile time: a malformed one fails the build, never an
    /// editor at run time.
    pub const fn parse(file: &'static str) -> Result<Explanation, &'static str> {
        let Some((text, rest)) = split_once(file, EXAMPLE_HEADING) else {
            return Err("no `## Example: `path`` heading after the text");
        };
        let Some((path, rest)) = split_once(rest, EXAMPLE_FENCE) else {
            return Err("no ```markdown block after the example heading");
        };
        let Some((example, rest)) = split_once(rest, FIXED_HEADING) else {
            return Err("no `## Fixed` heading with a ```markdown block after the example");
        };
        let Some((renamed, rest)) = split_once(rest, FIXED_FENCE) else {
            return Err("no `## Fixed` heading with a ```markdown block after the example");
        };
        // `## Fixed` or `## Fixed: `new/path``.
        let fixed_path = if renamed.is_empty() {
            path
        } else {
            match split_once(renamed, ": `") {
                Some((before, quoted)) if before.is_empty() => match split_once(quoted, "`") {
                    Some((p, after)) if after.is_empty() && !p.is_empty() && !contains(p, "\n") => {
                        p
                    }
                    _ => return Err("the fixed form's path is not one `path` on its heading"),
                },
                _ => return Err("the fixed form's heading is `## Fixed` or `## Fixed: `path``"),
            }
        };
        let Some((fixed, after)) = split_once(rest, CLOSING_FENCE) else {
            return Err("the fixed form's block is not closed");
        };
        if !after.is_empty() {
            return Err("the fixed form's block does not end the file");
        }
        if text.is_empty() || contains(text, "\n") {
            return Err("the text is not one paragraph of one line");
        }
        if path.is_empty() || contains(path, "`") || contains(path, "\n") {
            return Err("the example's path is not one `path` on the heading line");
        }
        if !ends_a_line(example) || !ends_a_line(fixed) {
            return Err("a block does not hold whole lines");
        }
        Ok(Explanation {
            text,
            path,
            example,
            fixed_path,
            fixed,
        })
    }

    /// The explanation with its example and fixed form as Markdown code blocks.
    pub fn markdown(&self) -> String {
        let renamed = if self.fixed_path == self.path {
            String::new()
        } else {
            format!(", as `{}`", self.fixed_path)
        };
        format!(
            "{}\n\nFor example, in `{}`:\n\n```markdown\n{}```\n\nFixed{renamed}:\n\n```markdown\n{}```\n",
            self.text, self.path, self.example, self.fixed
        )
    }
}

/// `s` around the first `pattern`.
const fn split_once(s: &'static str, pattern: &str) -> Option<(&'static str, &'static str)> {
    let (bytes, p) = (s.as_bytes(), pattern.as_bytes());
    let mut i = 0;
    while i + p.len() <= bytes.len() {
        let mut j = 0;
        while j < p.len() && bytes[i + j] == p[j] {
            j += 1;
        }
        if j == p.len() {
            // `pattern` is ASCII in every use, so `i` and `i + p.len()` are char boundaries.
            let (before, after) = s.split_at(i);
            return Some((before, after.split_at(p.len()).1));
        }
        i += 1;
    }
    None
}

const fn contains(s: &'static str, pattern: &str) -> bool {
    split_once(s, pattern).is_some()
}

/// Whether `s` is whole lines: empty is not, so a block holds at least one line.
const fn ends_a_line(s: &str) -> bool {
    matches!(s.as_bytes().last(), Some(b'\n'))
}

/// One line of the registry.
pub struct Rule {
    pub code: Code,
    pub stage: Stage,
    /// The severity of every finding, unless a case below applies.
    pub severity: Severity,
    pub cases: &'static [Case],
    /// One line on what the rule catches (SARIF rule metadata, hover).
    pub summary: &'static str,
    pub explanation: &'static Explanation,
    pub run: fn(&mut RuleCx),
}

impl Rule {
    /// Whether the rule can report `severity` without configuration.
    pub fn declares(&self, severity: Severity) -> bool {
        self.severity == severity || self.cases.iter().any(|c| c.severity == severity)
    }
}

impl fmt::Debug for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rule")
            .field("code", &self.code)
            .field("stage", &self.stage)
            .field("severity", &self.severity)
            .field("cases", &self.cases)
            .finish_non_exhaustive()
    }
}

/// Makes the [`Code`] enum, the [`cases`] and [`RULES`] from the rows build.rs writes, one
/// per rule: `Variant = "code" in module at "rules/module.rs" explained at "explain/code.md",
/// Stage, Severity, [CASE => Severity: "when", …], "summary";` (absolute paths: the rows are
/// included from OUT_DIR, where relative ones would resolve).
macro_rules! registry {
    ($(
        $variant:ident = $name:literal in $module:ident at $file:literal explained at $explanation:literal,
        $stage:ident, $default:ident,
        [$($case:ident => $severity:ident: $when:literal),* $(,)?],
        $summary:literal;
    )*) => {
        $(#[path = $file] mod $module;)*

        /// The stable diagnostic codes of DESIGN.md §3. Scripts match on these strings.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code { $($variant,)* }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            pub fn parse(s: &str) -> Option<Code> {
                match s { $($name => Some(Code::$variant),)* _ => None }
            }
        }

        /// The severities that rules take besides their defaults, each with its code.
        pub mod cases {
            use super::{Case, Code};
            use crate::diagnostic::Severity;
            $($(
                pub const $case: Case = Case {
                    code: Code::$variant,
                    severity: Severity::$severity,
                    when: $when,
                };
            )*)*
        }

        /// Every rule, in the order of [`Code::ALL`].
        pub static RULES: &[Rule] = &[$(
            Rule {
                code: Code::$variant,
                stage: Stage::$stage,
                severity: Severity::$default,
                cases: &[$(cases::$case),*],
                summary: $summary,
                // Read at compile time: a malformed file fails the build with its reason (a
                // const panic cannot also name the file; the registry line above does).
                explanation: &match Explanation::parse(include_str!($explanation)) {
                    Ok(explanation) => explanation,
                    Err(why) => panic!("{}", why),
                },
                run: $module::check,
            },
        )*];
    };
}

// The table itself is data: `registry.yaml`, turned into this macro's input by build.rs.
include!(concat!(env!("OUT_DIR"), "/registry.rs"));

impl Code {
    /// This code's line of the registry.
    pub fn rule(self) -> &'static Rule {
        &RULES[self as usize]
    }

    /// One line on what the rule catches, for hover and SARIF rule metadata.
    pub fn summary(self) -> &'static str {
        self.rule().summary
    }

    /// The rules of the workspace stage, which [`crate::analysis::cross`] runs.
    pub fn cross_file() -> impl Iterator<Item = Code> {
        Code::ALL
            .iter()
            .copied()
            .filter(|c| c.rule().stage == Stage::Workspace)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Runs every rule of the file's stages, stage by stage.
/// Whether the file's tool skips it on purpose (the table's `skipped_paths`): then that is
/// reported, and [`run`] has nothing to check.
/// Why `name` cannot be given to a persona of `dialect` (`invalid-name`'s format check, for
/// a rename); `None` when it fits.
pub fn name_refusal(dialect: &crate::schema::Dialect, name: &str) -> Option<String> {
    invalid_name::refusal(dialect, name)
}

pub fn skipped_by_tool(cx: &mut RuleCx) -> bool {
    misplaced_file::skipped_by_tool(cx)
}

pub fn run(cx: &mut RuleCx) {
    for stage in Stage::ORDER {
        if !stage.runs(&cx.parsed.split) {
            continue;
        }
        for rule in RULES.iter().filter(|r| r.stage == stage) {
            (rule.run)(cx);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Location, analyze};
    use crate::dialect::Registry;

    #[test]
    fn the_table_is_in_code_order_and_cases_belong_to_their_rule() {
        for (i, rule) in RULES.iter().enumerate() {
            assert_eq!(rule.code as usize, i);
            assert_eq!(Code::parse(rule.code.as_str()), Some(rule.code));
            for case in rule.cases {
                assert_eq!(case.code, rule.code, "{}", case.when);
                assert_ne!(case.severity, rule.severity, "{}: {}", rule.code, case.when);
            }
        }
    }

    /// Every file of `explain/` is a rule's, and every rule has one.
    #[test]
    fn every_explanation_file_is_a_rules() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/analysis/rules/explain");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        files.sort();
        let mut codes: Vec<String> = Code::ALL.iter().map(|c| format!("{c}.md")).collect();
        codes.sort();
        assert_eq!(files, codes);
    }

    #[test]
    fn an_explanation_file_is_text_example_and_fixed_form() {
        let file = "Why. What to do.\n\n## Example: `a/b.md`\n\n```markdown\n---\nx: 1\n---\n```\n\n## Fixed\n\n```markdown\n---\n---\n```\n";
        let e = Explanation::parse(file).unwrap();
        assert_eq!(
            (e.text, e.path, e.example, e.fixed),
            (
                "Why. What to do.",
                "a/b.md",
                "---\nx: 1\n---\n",
                "---\n---\n"
            )
        );
        assert_eq!(
            e.markdown(),
            "Why. What to do.\n\nFor example, in `a/b.md`:\n\n```markdown\n---\nx: 1\n---\n```\n\nFixed:\n\n```markdown\n---\n---\n```\n"
        );
        assert_eq!(e.fixed_path, "a/b.md");
        // A fix that renames the file names the new path.
        let renamed = file.replace("## Fixed", "## Fixed: `a/b.mdc`").leak();
        let e = Explanation::parse(renamed).unwrap();
        assert_eq!((e.path, e.fixed_path), ("a/b.md", "a/b.mdc"));
        assert!(e.markdown().contains("\n\nFixed, as `a/b.mdc`:\n\n"));
    }

    /// Each way of breaking the format is refused with its reason (at compile time, for the
    /// registry's files).
    #[test]
    fn a_malformed_explanation_file_is_refused() {
        let good = "Why.\n\n## Example: `a.md`\n\n```markdown\nx\n```\n\n## Fixed\n\n```markdown\ny\n```\n";
        assert!(Explanation::parse(good).is_ok());
        let cases = [
            (
                "Why.\n\n## Example `a.md`\n".to_string(),
                "no `## Example: `path`` heading after the text",
            ),
            (
                "Why.\n\n## Example: `a.md`\n\nx\n".to_string(),
                "no ```markdown block after the example heading",
            ),
            (
                good.replace("## Fixed", "## Fixes"),
                "no `## Fixed` heading with a ```markdown block after the example",
            ),
            (
                good.replace("## Fixed", "## Fixed form"),
                "the fixed form's heading is `## Fixed` or `## Fixed: `path``",
            ),
            (
                good.replace("## Fixed", "## Fixed: `a`b.md`"),
                "the fixed form's path is not one `path` on its heading",
            ),
            (
                good.trim_end_matches("```\n").to_string(),
                "the fixed form's block is not closed",
            ),
            (
                format!("{good}\nMore.\n"),
                "the fixed form's block does not end the file",
            ),
            (
                good.replace("Why.", "Why.\nAnd."),
                "the text is not one paragraph of one line",
            ),
            (
                good.replace("Why.", ""),
                "the text is not one paragraph of one line",
            ),
            (
                good.replace("`a.md`", "`a`b.md`"),
                "the example's path is not one `path` on the heading line",
            ),
            (
                good.replace("```markdown\ny\n", "```markdown\n"),
                "a block does not hold whole lines",
            ),
        ];
        for (file, why) in cases {
            // The registry's files are `'static`; a test's are leaked to be so.
            let file: &'static str = file.clone().leak();
            assert_eq!(Explanation::parse(file).map(|_| ()), Err(why), "{file:?}");
        }
    }

    /// Every explanation's example triggers its rule, and its fixed form does not.
    #[test]
    fn explanations_show_what_they_explain() {
        let registry = Registry::builtin();
        for rule in RULES.iter().filter(|r| r.stage != Stage::Workspace) {
            let e = rule.explanation;
            let codes = |path: &str, text: &str| -> Vec<Code> {
                let location = Location::at(path);
                analyze(text, location, &registry)
                    .diagnostics
                    .iter()
                    .map(|d| d.code)
                    .collect()
            };
            assert!(
                codes(e.path, e.example).contains(&rule.code),
                "{}: the example does not trigger it: {:?}",
                rule.code,
                codes(e.path, e.example)
            );
            assert!(
                !codes(e.fixed_path, e.fixed).contains(&rule.code),
                "{}: the fixed form still triggers it",
                rule.code
            );
            assert!(
                e.text.split(". ").count() >= 2,
                "{}: one sentence",
                rule.code
            );
        }
    }
}
