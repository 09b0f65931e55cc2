//! `persona-ls check`: walk, analyse (on every core), print, fix, and set the exit status.

mod files;
mod output;

pub use files::{is_markdown, project_root, rel_path, walker};
pub use output::Format;

use crate::analysis::{self, Location, fix_all};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Severity};
use crate::dialect::Registry;
use std::io::Write;
use std::path::PathBuf;

pub struct Options {
    pub paths: Vec<PathBuf>,
    pub format: Format,
    pub dialect: Option<String>,
    pub fix: bool,
}

/// One checked file and what was found in it.
pub struct FileResult {
    pub path: PathBuf,
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
}

pub const EXIT_OK: i32 = 0;
pub const EXIT_ERRORS: i32 = 1;
pub const EXIT_USAGE: i32 = 2;

/// Runs `check`; returns the exit status. Diagnostics go to `out`, problems with the run
/// itself (unreadable files, bad configuration) to `err`.
pub fn run(opts: &Options, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let mut io_errors = 0usize;
    let mut results: Vec<FileResult> = Vec::new();
    let mut checked = 0usize;
    let mut fixed = 0usize;
    for root in &opts.paths {
        if !root.exists() {
            let _ = writeln!(
                err,
                "persona-ls: {}: no such file or directory",
                root.display()
            );
            io_errors += 1;
            continue;
        }
        let config_dir = if root.is_dir() {
            root.clone()
        } else {
            root.parent().map(PathBuf::from).unwrap_or_default()
        };
        let config_dir = std::fs::canonicalize(if config_dir.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            config_dir
        })
        .unwrap_or_default();
        let config = match Config::discover(&config_dir) {
            Ok(c) => c,
            Err(e) => {
                let text = e
                    .path
                    .as_ref()
                    .and_then(|p| std::fs::read_to_string(p).ok());
                let _ = writeln!(err, "{}", e.render(text.as_deref()));
                return EXIT_USAGE;
            }
        };
        let registry = Registry::new(config);
        let forced = match &opts.dialect {
            Some(id) => match registry.by_id(id) {
                Some(i) => Some(i),
                None => {
                    let ids: Vec<&str> = registry.dialects.iter().map(|d| d.id.as_str()).collect();
                    let _ = writeln!(
                        err,
                        "persona-ls: unknown dialect `{id}`; dialects are: {}",
                        ids.join(", ")
                    );
                    return EXIT_USAGE;
                }
            },
            None => None,
        };
        let project = project_root(&config_dir);
        let explicit_file = root.is_file();
        let outcomes = std::sync::Mutex::new(Vec::new());
        files::for_each_file(root, &registry, &project, &|path, rel| {
            let o = check_file(path, rel, &registry, forced, opts.fix, explicit_file);
            outcomes.lock().unwrap_or_else(|e| e.into_inner()).push(o);
        });
        for o in outcomes.into_inner().unwrap_or_else(|e| e.into_inner()) {
            match o {
                Outcome::Checked { result, fixed: f } => {
                    checked += 1;
                    fixed += usize::from(f);
                    if !result.diagnostics.is_empty() {
                        results.push(result);
                    }
                }
                Outcome::NotPersona(path) => {
                    let _ = writeln!(
                        err,
                        "persona-ls: {}: not recognised as a persona file (pass --dialect to check it anyway)",
                        path.display()
                    );
                }
                Outcome::Skipped => {}
                Outcome::Unreadable(path, why) => {
                    let _ = writeln!(err, "persona-ls: {}: {why}", path.display());
                    io_errors += 1;
                }
            }
        }
    }
    results.sort_by(|a, b| a.path.cmp(&b.path));
    let summary = output::write(opts.format, &results, out);
    if opts.fix && fixed > 0 {
        let _ = writeln!(
            err,
            "persona-ls: fixed {fixed} file{}",
            if fixed == 1 { "" } else { "s" }
        );
    }
    if opts.format == Format::Text {
        let _ = writeln!(
            out,
            "{} error{}, {} warning{} in {checked} checked file{}",
            summary.errors,
            if summary.errors == 1 { "" } else { "s" },
            summary.warnings,
            if summary.warnings == 1 { "" } else { "s" },
            if checked == 1 { "" } else { "s" }
        );
    }
    if io_errors > 0 {
        EXIT_USAGE
    } else if summary.errors > 0 {
        EXIT_ERRORS
    } else {
        EXIT_OK
    }
}

enum Outcome {
    Checked {
        result: FileResult,
        fixed: bool,
    },
    /// A file named on the command line that is not a persona.
    NotPersona(PathBuf),
    /// A walked file that is not a persona.
    Skipped,
    Unreadable(PathBuf, String),
}

fn check_file(
    path: &std::path::Path,
    rel: &str,
    registry: &Registry,
    forced: Option<usize>,
    fix: bool,
    explicit: bool,
) -> Outcome {
    let mut text = match files::read(path) {
        Ok(t) => t,
        Err(why) => return Outcome::Unreadable(path.to_path_buf(), why),
    };
    let location = Location {
        rel_path: rel,
        forced,
    };
    let mut analysis = analysis::analyze(&text, location, registry);
    if analysis.dialect.is_none() {
        return if explicit {
            Outcome::NotPersona(path.to_path_buf())
        } else {
            Outcome::Skipped
        };
    }
    let mut fixed = false;
    if fix && let Some(new_text) = fix_all::fix_text(&text, location, registry) {
        if let Err(e) = files::write_atomically(path, &new_text) {
            return Outcome::Unreadable(path.to_path_buf(), format!("cannot write the fix: {e}"));
        }
        text = new_text;
        analysis = analysis::analyze(&text, location, registry);
        fixed = true;
    }
    Outcome::Checked {
        result: FileResult {
            path: path.to_path_buf(),
            text,
            diagnostics: analysis.diagnostics,
        },
        fixed,
    }
}

/// Counts of what was printed.
#[derive(Default, Debug, Clone, Copy)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
}

impl Summary {
    fn add(&mut self, s: Severity) {
        match s {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            _ => {}
        }
    }
}
