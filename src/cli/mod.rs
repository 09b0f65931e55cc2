//! `persona-ls check`: walk, analyse (on every core), print, fix, and set the exit status.
//!
//! The output streams: the walk keeps only the paths of the files to check, sorted as the
//! output lists them ([`plan`]); the files are checked on every core, and each file's findings
//! are rendered where it was checked, printed as soon as every file before it is done, and
//! dropped ([`ordered`]). Across files only counts are kept, so memory does not grow with what
//! is found, and the output is sorted by path as when every result was held.

mod budget;
mod context;
mod files;
mod ordered;
mod output;
mod plan;
mod replay;
mod write_fix;

pub use output::Format;

use crate::analysis::{self, Location, Parsed, cross, fix_all};
use crate::diagnostic::Code;
use crate::diagnostic::{Diagnostic, Severity};
use crate::dialect::Registry;
use crate::project::{self, ConfigProblem, Configs, Project};
use crate::workspace::{self, Personas};
use plan::{Job, Root};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Default)]
pub struct Options {
    pub paths: Vec<PathBuf>,
    pub format: Format,
    pub dialect: Option<String>,
    pub fix: bool,
    /// Say which configuration files applied to how many files (on stderr).
    pub verbose: bool,
    /// Print what each scope's listing metadata costs instead of the findings.
    pub budget: bool,
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
    let cwd = std::env::current_dir().and_then(std::fs::canonicalize).ok();
    let project = Project::for_check(cwd, project::home_from_env());
    // Configuration adds keys and globs, never dialects: the built-in ids are every
    // registry's ids, in the same order.
    let forced = match &opts.dialect {
        Some(id) => match project.default_registry().by_id(id) {
            Some(i) => Some(i),
            None => {
                let ids: Vec<String> = project
                    .default_registry()
                    .dialects
                    .iter()
                    .map(|d| d.id.clone())
                    .collect();
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
    let mut io_errors = 0usize;
    let mut roots = Vec::new();
    for given in &opts.paths {
        if !given.exists() {
            let _ = writeln!(
                err,
                "persona-ls: {}: no such file or directory",
                given.display()
            );
            io_errors += 1;
            continue;
        }
        let explicit_file = given.is_file();
        let abs = if explicit_file {
            project::canonical_folder(given)
        } else {
            project::canonical(given)
        };
        roots.push(Root {
            given: given.clone(),
            abs,
            explicit_file,
        });
    }
    if opts.budget {
        let over = budget::report(&project, &roots, opts.format, out);
        return if io_errors > 0 {
            EXIT_USAGE
        } else if over {
            EXIT_ERRORS
        } else {
            EXIT_OK
        };
    }
    let jobs = match plan::plan(&project, &roots) {
        Ok(jobs) => jobs,
        Err(problems) => {
            // A configuration that does not load is a usage error, as a bad option is: nothing
            // is reported with defaults in its place.
            for p in problems.values() {
                let _ = writeln!(err, "{}", p.render());
            }
            return EXIT_USAGE;
        }
    };
    // The cross-file rules need every persona of the projects around the paths named; with
    // all of them off, nothing is indexed and each file's findings print as soon as it is
    // checked. Otherwise each file's chunk is held until every file is in the index (pass A),
    // then printed in order, re-rendered where the index adds findings (pass B, `replay`).
    let index_roots = context::roots(&project, &roots);
    let cross_on = cross_rules_on(&project, &index_roots);
    let mut personas = Personas::default();
    let mut spool = replay::Spool::default();
    let mut held: Vec<replay::Spooled> = Vec::new();
    if cross_on {
        held.reserve_exact(jobs.len());
    }
    let run = Run {
        project: &project,
        forced,
        fix: opts.fix,
        record: cross_on,
    };
    let renderer = output::Renderer::new(opts.format);
    let mut sink = renderer.sink(out);
    let mut checked = 0usize;
    let mut fixed = 0usize;
    let mut governed: BTreeMap<Vec<PathBuf>, usize> = BTreeMap::new();
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let work = |job: Job| {
        let root = &roots[job.root];
        let walk = (!root.explicit_file).then_some(root.abs.as_path());
        let outcome = check_file(
            &job.shown(&roots),
            &job.path(&roots),
            walk,
            root.explicit_file,
            &run,
        );
        Done::of(outcome, job, &renderer)
    };
    ordered::map_in_order(
        jobs.into_iter(),
        threads,
        threads * AHEAD_PER_THREAD,
        work,
        |done| match done {
            Done::Checked {
                chunk,
                fixed: f,
                fix_error,
                configs,
                record,
            } => {
                if let Some(message) = fix_error {
                    let _ = writeln!(err, "{message}");
                    io_errors += 1;
                }
                checked += 1;
                fixed += usize::from(f);
                *governed
                    .entry(configs.iter().map(|(p, _)| p.clone()).collect())
                    .or_default() += 1;
                match record.map(|b| *b) {
                    Some((spooled, record)) if cross_on => {
                        personas.insert(spooled.job.path(&roots), record);
                        held.push(replay::Spooled {
                            held: spool.hold(chunk),
                            ..spooled
                        });
                    }
                    _ => sink.push(&chunk),
                }
            }
            Done::Other(Outcome::NotPersona(path)) => {
                let _ = writeln!(
                    err,
                    "persona-ls: {}: not recognised as a persona file (pass --dialect to check it anyway)",
                    path.display()
                );
            }
            Done::Other(Outcome::Skipped | Outcome::Checked { .. }) => {}
            Done::Other(Outcome::Unreadable(path, why)) => {
                let _ = writeln!(err, "persona-ls: {}: {why}", path.display());
                io_errors += 1;
            }
            // Only when a configuration file broke after the first pass read it.
            Done::Other(Outcome::BadConfig(p)) => {
                let _ = writeln!(err, "{}", p.render());
                io_errors += 1;
            }
        },
    );
    if cross_on {
        // Only projects wider than the folders named hold files no job checked.
        let wider: Vec<PathBuf> = index_roots
            .iter()
            .filter(|r| !roots.iter().any(|n| !n.explicit_file && &n.abs == *r))
            .cloned()
            .collect();
        let context = if wider.is_empty() {
            Vec::new()
        } else {
            let paths: Vec<PathBuf> = held.iter().map(|s| s.job.path(&roots)).collect();
            let checked = paths.iter().map(PathBuf::as_path).collect();
            context::index(&project, &wider, &checked)
        };
        let indexed = personas.len() + context.len();
        for (path, record) in context {
            personas.insert(path, Some(record));
        }
        if opts.verbose {
            let list: Vec<String> = index_roots
                .iter()
                .map(|r| r.display().to_string())
                .collect();
            let _ = writeln!(
                err,
                "persona-ls: indexed {indexed} persona file{} under {}",
                if indexed == 1 { "" } else { "s" },
                list.join(", ")
            );
        }
        let replay = replay::Replay {
            personas: &personas,
            project: &project,
            roots: &roots,
            forced,
            renderer: &renderer,
        };
        let mut spool = spool.reader();
        ordered::map_in_order(
            held.into_iter(),
            threads,
            threads * AHEAD_PER_THREAD,
            |s| replay.replay(s),
            |r| sink.push(&r.chunk(&mut spool)),
        );
    }
    let summary = sink.finish();
    if opts.verbose {
        for (configs, n) in &governed {
            let files = if *n == 1 { "file" } else { "files" };
            if configs.is_empty() {
                let _ = writeln!(
                    err,
                    "persona-ls: {n} {files} checked with no configuration file"
                );
            } else {
                let list: Vec<String> = configs.iter().map(|c| c.display().to_string()).collect();
                let _ = writeln!(
                    err,
                    "persona-ls: {n} {files} checked with configuration {}",
                    list.join(" + ")
                );
            }
        }
    }
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

/// Files a worker may have checked ahead of the one the output is waiting for, per core: room
/// for a slow file, and a bound on what is held (each one's findings, already rendered).
const AHEAD_PER_THREAD: usize = 4;

/// A file's outcome as the output needs it: its findings rendered, its text dropped.
enum Done {
    Checked {
        chunk: output::Chunk,
        fixed: bool,
        /// The message saying why `--fix` wrote nothing.
        fix_error: Option<String>,
        configs: Configs,
        /// For the index: where the file is, and its record.
        record: Option<Box<(replay::Spooled, Option<workspace::Record>)>>,
    },
    Other(Outcome),
}

impl Done {
    fn of(outcome: Outcome, job: Job, renderer: &output::Renderer) -> Done {
        match outcome {
            Outcome::Checked {
                result,
                fixed,
                fix_error,
                configs,
                record,
            } => Done::Checked {
                chunk: renderer.file(&result),
                fixed,
                fix_error: fix_error
                    .map(|why| format!("persona-ls: {}: {why}", result.path.display())),
                configs,
                record: record.map(|b| {
                    let Indexed { registry, record } = *b;
                    Box::new((
                        replay::Spooled {
                            held: replay::Held::default(),
                            job,
                            registry,
                        },
                        record,
                    ))
                }),
            },
            other => Done::Other(other),
        }
    }
}

enum Outcome {
    Checked {
        result: FileResult,
        fixed: bool,
        /// Why `--fix` wrote nothing (the findings are still reported).
        fix_error: Option<String>,
        configs: Configs,
        /// What the index needs, when the run indexes.
        record: Option<Box<Indexed>>,
    },
    /// A file named on the command line that is not a persona.
    NotPersona(PathBuf),
    /// A walked file that is not a persona, or one excluded by the configuration.
    Skipped,
    Unreadable(PathBuf, String),
    /// The file's configuration does not load: it is not checked with defaults.
    BadConfig(ConfigProblem),
}

/// What a checked file gives the index: its registry, its record.
struct Indexed {
    registry: Arc<Registry>,
    /// Without its links: they were judged as the file was checked.
    record: Option<workspace::Record>,
}

/// What every file of a run is checked with.
struct Run<'a> {
    project: &'a Project,
    /// The dialect `--dialect` names.
    forced: Option<usize>,
    fix: bool,
    /// Whether to make each file's record for the index.
    record: bool,
}

/// Checks one file: `shown` is the path as printed, `path` the absolute one.
fn check_file(
    shown: &Path,
    path: &Path,
    walk: Option<&Path>,
    explicit: bool,
    run: &Run,
) -> Outcome {
    let Run {
        project,
        forced,
        fix,
        record,
    } = *run;
    let located = match project.locate(path, walk) {
        Ok(l) => l,
        Err(p) => return Outcome::BadConfig(p),
    };
    if located.excluded && !explicit {
        return Outcome::Skipped;
    }
    let mut text = match files::read(path) {
        Ok(t) => t,
        Err(why) => return Outcome::Unreadable(shown.to_path_buf(), why),
    };
    let registry = &located.registry;
    let location = Location {
        rel_path: &located.place.rel_path,
        forced,
        markers: located.place.markers,
    };
    let mut parsed = Parsed::new(&text);
    let mut analysis = analysis::analyze_parsed(&text, &parsed, location, registry);
    if analysis.dialect.is_none() {
        return if explicit {
            Outcome::NotPersona(shown.to_path_buf())
        } else {
            Outcome::Skipped
        };
    }
    let mut fixed = false;
    let mut fix_error = None;
    if fix && let Some(new_text) = fix_all::fix_text(&text, location, registry) {
        // A link named on the command line keeps its name in `path`: it is refused.
        match write_fix::write_fix(path, &text, &new_text) {
            Ok(()) => {
                text = new_text;
                parsed = Parsed::new(&text);
                analysis = analysis::analyze_parsed(&text, &parsed, location, registry);
                fixed = true;
            }
            Err(why) => fix_error = Some(why),
        }
    }
    let record = record.then(|| {
        let r = analysis.dialect.map(|detected| {
            let origin = workspace::Origin::of(&located.place);
            let mut r = workspace::record::record(&text, &parsed, &origin, registry, &detected);
            // `broken-link` depends on the file system alone: judged now, in this file's own
            // chunk, the index need not hold the links, nor pass B read the file again.
            let links = cross::link_findings(&r, registry);
            if !links.is_empty() {
                analysis.diagnostics.extend(links);
                analysis::sort_findings(&mut analysis.diagnostics);
            }
            r.links = Vec::new();
            r
        });
        Box::new(Indexed {
            registry: Arc::clone(registry),
            record: r,
        })
    });
    Outcome::Checked {
        result: FileResult {
            path: shown.to_path_buf(),
            text,
            diagnostics: analysis.diagnostics,
        },
        fixed,
        fix_error,
        configs: located.place.configs.clone(),
        record,
    }
}

/// Whether any cross-file rule runs in the configuration at the top of any of `roots` (a
/// nearer `.persona-ls.toml` may still switch one off for its files: they then report nothing).
fn cross_rules_on(project: &Project, roots: &[PathBuf]) -> bool {
    roots.iter().any(|root| {
        let Ok(located) = project.locate(&root.join("_.md"), Some(root)) else {
            return true;
        };
        let config = &located.registry.config;
        Code::cross_file().any(|code| config.severity(code, code.rule().severity).is_some())
    })
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
