//! Criterion benches of the workspace index (issue 11 §5): building it for a workspace, one
//! file's record, `Personas::set` after a keystroke and after a rename, one file's cross-file
//! findings, and the navigation answers (definition, references, rename plan, workspace
//! symbols). After criterion's estimates it prints a table of its own samples of the same
//! operations with their median and p99 (criterion gives no percentiles).
//!
//! ```sh
//! cargo bench --bench workspace                              # generated, n = 2,000
//! PERSONA_BENCH_FILES=20000 cargo bench --bench workspace    # generated, n = 20,000
//! PERSONA_BENCH_WORKSPACE=/tmp/ws10 cargo bench --bench workspace   # a folder as it is
//! PERSONA_BENCH_FILES=200 cargo bench --bench workspace -- --quick  # a smoke run
//! ```
//!
//! `PERSONA_BENCH_SAMPLES` (default 100; 0: no table) is the table's sample count per
//! operation, cut short after 30 s of measured time.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use persona_ls::analysis::Parsed;
use persona_ls::analysis::cross::cross_file;
use persona_ls::analysis::navigate::{self, FileText, Source};
use persona_ls::config::Config;
use persona_ls::project::{DocLocation, Project};
use persona_ls::workspace::{self, Index, Record, index_text, origin_of};
use std::cell::RefCell;
use std::collections::HashMap;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[allow(dead_code)]
#[path = "workspace_gen.rs"]
mod workspace_gen;
#[path = "workspace_picks.rs"]
mod workspace_picks;

/// The workspace's files as the server's project model locates them, with their texts.
struct World {
    folder: PathBuf,
    project: Project,
    files: Vec<(PathBuf, String, DocLocation)>,
    texts: HashMap<PathBuf, usize>,
}

impl World {
    fn new(folder: &Path) -> World {
        let folder = persona_ls::project::canonical(folder);
        let project = Project::for_server(std::slice::from_ref(&folder), Config::default(), None);
        let mut files = Vec::new();
        for entry in persona_ls::project::walker(&folder).build().flatten() {
            let path = entry.path();
            if entry.file_type().is_some_and(|t| t.is_file()) && workspace::is_markdown(path) {
                let path = persona_ls::project::canonical(path);
                let Ok(text) = std::fs::read_to_string(&path) else {
                    continue;
                };
                let loc = project.locate_document(Some(&path), "");
                files.push((path, text, loc));
            }
        }
        files.sort_by(|a, b| a.0.cmp(&b.0));
        let texts = files
            .iter()
            .enumerate()
            .map(|(i, f)| (f.0.clone(), i))
            .collect();
        World {
            folder,
            project,
            files,
            texts,
        }
    }

    fn file(&self, path: &Path) -> &(PathBuf, String, DocLocation) {
        &self.files[self.texts[path]]
    }

    /// The index built from the texts in memory, file by file (as a scan inserts them).
    fn index(&self) -> Index {
        let mut index = Index::default();
        for (path, text, loc) in &self.files {
            if let Some(entry) = index_text(text, &origin_of(loc), &loc.registry, None) {
                index.insert(path.clone(), entry);
            }
        }
        index
    }

    /// The record of `text` as the file at `path`.
    fn record(&self, path: &Path, text: &str) -> Option<Record> {
        let loc = &self.file(path).2;
        index_text(text, &origin_of(loc), &loc.registry, None)?.record
    }
}

/// Rename plans read the files from memory.
impl Source for World {
    fn text(&self, path: &Path) -> Option<FileText> {
        let i = *self.texts.get(path)?;
        Some(FileText {
            text: self.files[i].1.clone(),
            version: None,
        })
    }
    fn record(&self, path: &Path, text: &str) -> Option<Record> {
        World::record(self, path, text)
    }
    fn exists(&self, path: &Path) -> bool {
        path.exists()
    }
}

/// The table of the bench's own samples, printed at the end.
struct Table {
    samples: usize,
    rows: RefCell<Vec<String>>,
}

impl Table {
    fn pct(v: &[Duration], p: f64) -> Duration {
        v[((v.len() as f64 - 1.0) * p).round() as usize]
    }

    /// Runs `one` (which times its own work and returns the time) under criterion as
    /// `group/name`, then, when criterion ran it (no filter left it out), samples it for the
    /// table. Returns whether it ran.
    fn measure(
        &self,
        c: &mut Criterion,
        group: &str,
        name: &str,
        heavy: bool,
        mut one: impl FnMut() -> Duration,
    ) -> bool {
        let ran = std::cell::Cell::new(false);
        {
            let mut g = c.benchmark_group(group);
            if heavy {
                g.sample_size(10);
            }
            g.bench_function(BenchmarkId::from_parameter(name), |b| {
                ran.set(true);
                b.iter_custom(|iters| (0..iters).map(|_| one()).sum())
            });
            g.finish();
        }
        if !ran.get() || self.samples == 0 {
            return ran.get();
        }
        let mut v = Vec::new();
        let mut spent = Duration::ZERO;
        while v.len() < self.samples && spent < Duration::from_secs(30) {
            let t = one();
            spent += t;
            v.push(t);
        }
        v.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        self.rows.borrow_mut().push(format!(
            "| {name} | {} | {:.4} | {:.4} | {:.4} |",
            v.len(),
            ms(Self::pct(&v, 0.5)),
            ms(Self::pct(&v, 0.9)),
            ms(Self::pct(&v, 0.99)),
        ));
        true
    }
}

fn timed<T>(f: impl FnOnce() -> T) -> Duration {
    let t = Instant::now();
    black_box(f());
    t.elapsed()
}

fn insert_at(text: &str, at: usize, s: &str) -> String {
    let mut t = text.to_string();
    t.insert_str(at, s);
    t
}

fn benches(c: &mut Criterion) {
    let (folder, _guard, label) = workspace_gen::from_env();
    let world = World::new(&folder);
    let group = match std::env::var_os("PERSONA_BENCH_WORKSPACE") {
        Some(_) => "workspace".to_string(),
        None => format!("workspace n={}", workspace_gen::files_from_env()),
    };
    let table = Table {
        samples: std::env::var("PERSONA_BENCH_SAMPLES")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(100),
        rows: RefCell::new(Vec::new()),
    };
    let mut notes = Vec::new();

    // Building the index: the scan the server and `check` make (walk, read, locate, index),
    // and the same files indexed from memory (no disk, no locating).
    table.measure(c, &group, "index: scan the folder (disk)", true, || {
        let folders = [world.folder.clone()];
        timed(|| {
            let mut index = Index::default();
            for (path, entry) in workspace::scan(&folders, &world.project) {
                index.insert(path, entry);
            }
            index
        })
    });
    table.measure(c, &group, "index: build from the texts", true, || {
        timed(|| world.index())
    });

    let mut index = world.index();
    notes.push(format!(
        "{label}: {} Markdown files, {} persona records",
        world.files.len(),
        index.personas.len()
    ));
    let picks = workspace_picks::pick(&index.personas);

    // One file: its parse, dialect and record; and `record()` alone, on the parse made.
    if let Some((path, _)) = &picks.unresolved {
        let (_, text, loc) = world.file(path);
        let origin = origin_of(loc);
        table.measure(c, &group, "index_text: one agent", false, || {
            timed(|| index_text(text, &origin, &loc.registry, None))
        });
        let end = persona_ls::syntax::front_matter::split(text)
            .body_start
            .min(text.len());
        let parsed = Parsed::new(&text[..end]);
        let detected = loc
            .registry
            .detect(&loc.rel_path, parsed.yaml.as_ref(), loc.markers, None)
            .expect("a persona");
        table.measure(c, &group, "record(): one agent", false, || {
            timed(|| workspace::record::record(text, &parsed, &origin, &loc.registry, &detected))
        });
    }

    // A keystroke in an agent's description (its names unchanged), then undone.
    if let Some((path, description)) = &picks.unresolved {
        let text = &world.file(path).1;
        let typed = [
            world.record(path, &insert_at(text, description.start + 1, "x")),
            world.record(path, text),
        ];
        let mut i = 0;
        let mut affected = 0;
        let ran = table.measure(
            c,
            &group,
            "Personas::set: keystroke in an agent",
            false,
            || {
                let r = typed[i % 2].clone();
                i += 1;
                let t = Instant::now();
                let found = index.personas.set(path.clone(), r);
                let d = t.elapsed();
                affected = found.len();
                d
            },
        );
        // Criterion's iteration count may be odd: the original record back.
        let original = world.record(path, text);
        index.personas.set(path.clone(), original.clone());
        // Its cross-file findings right after an index change, which drops the "did you
        // mean" answers kept (the server's case after each keystroke).
        let record = original.clone().expect("a persona");
        let registry = &world.file(path).2.registry;
        table.measure(
            c,
            &group,
            "cross_file: one agent, after an index change",
            false,
            || {
                index.personas.set(path.clone(), original.clone());
                timed(|| cross_file(&index.personas, path, &record, registry))
            },
        );
        if ran {
            notes.push(format!(
                "keystroke in {}: {affected} other files affected",
                path.display()
            ));
        }
    }

    // A rename of a skill's `name` (a plugin skill: its name is its key), then undone.
    if let Some(r) = &picks.renamed {
        let text = &world.file(&r.path).1;
        let renamed = [
            world.record(&r.path, &insert_at(text, r.name.end, "x")),
            world.record(&r.path, text),
        ];
        let mut i = 0;
        let mut affected = 0;
        let ran = table.measure(c, &group, "Personas::set: skill renamed", false, || {
            let rec = renamed[i % 2].clone();
            i += 1;
            let t = Instant::now();
            let found = index.personas.set(r.path.clone(), rec);
            let d = t.elapsed();
            affected = affected.max(found.len());
            d
        });
        index
            .personas
            .set(r.path.clone(), world.record(&r.path, text));
        if ran {
            notes.push(format!(
                "rename of `{}` ({}): {affected} other files affected",
                r.written,
                r.path.display()
            ));
        }
    }
    let index = index;
    let personas = &index.personas;

    // One file's cross-file findings: with the "did you mean" answers kept from the last
    // call, and after an index change (which drops them).
    if let Some((path, _)) = &picks.unresolved {
        let record = personas.get(path).expect("indexed").clone();
        let registry = &world.file(path).2.registry;
        let found = cross_file(personas, path, &record, registry);
        notes.push(format!(
            "cross_file of {}: {:?}",
            path.display(),
            found.iter().map(|d| d.code.as_str()).collect::<Vec<_>>()
        ));
        table.measure(
            c,
            &group,
            "cross_file: one agent, answers kept",
            false,
            || timed(|| cross_file(personas, path, &record, registry)),
        );
    }

    // Navigation from the dependent's reference and from the skill's name.
    if let Some(r) = &picks.renamed {
        let dependent = personas.get(&r.dependent).expect("indexed").clone();
        let skill = personas.get(&r.path).expect("indexed").clone();
        let registry = world.file(&r.path).2.registry.clone();
        let text = &world.file(&r.path).1;
        table.measure(c, &group, "definition: a `skills:` entry", false, || {
            timed(|| navigate::definition(personas, &dependent, r.reference.start + 1))
        });
        let refs = navigate::references(personas, &r.path, &skill, r.name.start, true);
        notes.push(format!(
            "references of `{}`: {} places",
            r.written,
            refs.len()
        ));
        table.measure(c, &group, "references: a skill's name", false, || {
            timed(|| navigate::references(personas, &r.path, &skill, r.name.start, true))
        });
        let at = navigate::Cursor {
            path: &r.path,
            record: &skill,
            text,
            offset: r.name.start,
        };
        let new = format!("{}x", r.written.rsplit(':').next().unwrap());
        match navigate::rename(personas, &at, &new, &registry, &world) {
            Ok(plan) => notes.push(format!(
                "rename plan of `{}`: {} files edited, {} moved",
                r.written,
                plan.files.len(),
                plan.moves.len()
            )),
            Err(e) => notes.push(format!("rename of `{}` refused: {e}", r.written)),
        }
        table.measure(
            c,
            &group,
            "prepare_rename + rename plan: a skill",
            false,
            || {
                timed(|| {
                    let prepared = navigate::prepare_rename(personas, &at, &registry);
                    (
                        prepared,
                        navigate::rename(personas, &at, &new, &registry, &world),
                    )
                })
            },
        );
    }
    let registry = persona_ls::dialect::Registry::builtin();
    let query = picks.query.clone();
    notes.push(format!(
        "workspace symbols for {query:?}: {}",
        navigate::workspace_symbols(personas, &query, &registry).len()
    ));
    table.measure(
        c,
        &group,
        &format!("workspace symbols: {query:?}"),
        false,
        || timed(|| navigate::workspace_symbols(personas, &query, &registry)),
    );
    table.measure(c, &group, "workspace symbols: \"\"", false, || {
        timed(|| navigate::workspace_symbols(personas, "", &registry))
    });

    if picks.unresolved.is_none() {
        notes.push("no persona with an unresolved reference: its benches skipped".into());
    }
    if picks.renamed.is_none() {
        notes.push("no persona named by its key with a dependent: rename benches skipped".into());
    }
    let rows = table.rows.borrow();
    if !rows.is_empty() {
        println!("\n{group}, own samples (ms):\n");
        println!("| operation | samples | median | p90 | p99 |");
        println!("|---|---:|---:|---:|---:|");
        for row in rows.iter() {
            println!("{row}");
        }
    }
    println!();
    for n in &notes {
        println!("- {n}");
    }
}

criterion_group!(workspace_benches, benches);
criterion_main!(workspace_benches);
