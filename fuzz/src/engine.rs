//! The worker: the in-process loop that mutates, executes and keeps what is new.
//!
//! Its stdout carries only the progress protocol the supervisor reads, one line each:
//! `P <execs> <corpus> <features> <failures>` now and then, `F <kind> <signature-hash>
//! <artifact>` for a failure it caught and saved, `D <execs> <corpus> <features> <failures>`
//! at the end. Everything else goes to stderr.

use crate::case_file::{self, CurrentFile, Failure};
use crate::mutate::{Mutator, schema_dictionary};
use crate::rng::{Rng, hash_bytes};
use crate::seeds::{self, Seed};
use crate::targets::{Case, Ctx, Probe, Target, time_feature};
use std::collections::HashSet;
use std::io::Write;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct WorkerOpts {
    pub target: Target,
    pub seconds: f64,
    pub seed: u64,
    pub seed_dirs: Vec<PathBuf>,
    pub artifacts: PathBuf,
    pub current: Option<PathBuf>,
    /// Where the inputs the corpus keeps are written, so that a worker started after a crash
    /// goes on from them.
    pub corpus_dir: Option<PathBuf>,
    /// A restart after a crash: skip the pass over the unmutated seeds, load `corpus_dir`.
    pub resume: bool,
    /// Signature hashes of failures already saved (one per line, hex).
    pub known: Option<PathBuf>,
    pub slow: Duration,
    pub max_len: usize,
    pub max_failures: usize,
    pub max_corpus: usize,
    pub stack_kib: usize,
}

/// What the panic hook saw: the message, where, and a backtrace resolved only when needed.
pub struct PanicInfo {
    pub message: String,
    pub location: String,
    pub backtrace: std::backtrace::Backtrace,
}

static LAST_PANIC: Mutex<Option<PanicInfo>> = Mutex::new(None);

/// Records panics instead of printing them: a caught panic is reported once, with its input.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "(non-string panic payload)".into());
        let location = info.location().map_or("?".into(), |l| {
            format!("{}:{}:{}", l.file(), l.line(), l.column())
        });
        let backtrace = std::backtrace::Backtrace::force_capture();
        *LAST_PANIC.lock().unwrap_or_else(|e| e.into_inner()) = Some(PanicInfo {
            message,
            location,
            backtrace,
        });
    }));
}

pub fn take_panic() -> Option<PanicInfo> {
    LAST_PANIC.lock().unwrap_or_else(|e| e.into_inner()).take()
}

/// Runs one case in-process. `None` when every property held and nothing was slow.
pub fn execute(target: Target, ctx: &Ctx, case: &Case, probe: &mut Probe) -> Option<Failure> {
    let r = catch_unwind(AssertUnwindSafe(|| target.run(ctx, case, probe)));
    match r {
        Ok(Ok(())) => match probe.slowest {
            Some((d, what)) if d > ctx.slow => Some(Failure {
                kind: "slow",
                signature: format!("slow: {what}"),
                message: format!(
                    "{what} took {:.3} s on {} bytes (the limit is {:.3} s)",
                    d.as_secs_f64(),
                    case.text.len(),
                    ctx.slow.as_secs_f64()
                ),
                details: String::new(),
            }),
            _ => None,
        },
        Ok(Err(message)) => Some(Failure {
            kind: "property",
            signature: format!(
                "property: {}",
                case_file::normalize(&message)
                    .chars()
                    .take(90)
                    .collect::<String>()
            ),
            message,
            details: String::new(),
        }),
        Err(_) => {
            let info = take_panic();
            let (message, location, details) = match info {
                Some(i) => (i.message, i.location, i.backtrace.to_string()),
                None => ("(no panic information)".into(), "?".into(), String::new()),
            };
            Some(Failure {
                kind: "panic",
                signature: format!("panic at {location}: {}", case_file::normalize(&message)),
                message: format!("panicked at {location}: {message}"),
                details,
            })
        }
    }
}

/// One corpus entry: a text and where it is analysed.
#[derive(Clone)]
struct Entry {
    text: Arc<str>,
    rel_path: Arc<str>,
    forced: Option<Arc<str>>,
}

struct Worker<'a> {
    o: &'a WorkerOpts,
    ctx: Ctx,
    rng: Rng,
    mutator: Mutator,
    seeds: Vec<Entry>,
    corpus: Vec<Entry>,
    seen: HashSet<u64>,
    signatures: HashSet<u64>,
    current: CurrentFile,
    execs: u64,
    failures: usize,
    /// Failures with a signature not seen before: the run stops after `max_failures` of them.
    unique: usize,
    last_report: Instant,
    /// `PERSONA_FUZZ_TRACE=1`: log every execution slower than 20 ms.
    trace: bool,
}

fn send(line: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}");
    let _ = out.flush();
}

impl Worker<'_> {
    fn report(&mut self, kind: char) {
        send(&format!(
            "{kind} {} {} {} {}",
            self.execs,
            self.corpus.len(),
            self.seen.len(),
            self.failures
        ));
        self.last_report = Instant::now();
    }

    fn make_case(&mut self, base: &Entry, mutate: bool) -> Case {
        let rng = &mut self.rng;
        let text = if mutate && !rng.chance(1, 25) {
            let other = if !self.corpus.is_empty() && rng.chance(1, 2) {
                &self.corpus[rng.below(self.corpus.len())]
            } else {
                &self.seeds[rng.below(self.seeds.len())]
            };
            let other = other.text.clone();
            self.mutator.mutate(rng, &base.text, &other)
        } else {
            base.text.to_string()
        };
        let (mut rel_path, mut forced) = (
            base.rel_path.to_string(),
            base.forced.as_deref().map(str::to_string),
        );
        if mutate && self.o.target.uses_location() {
            match rng.below(12) {
                0 => {
                    rel_path = rng.pick(seeds::TYPICAL_PATHS).to_string();
                    forced = None;
                }
                1 => {
                    let i = rng.below(self.ctx.dialect_ids.len());
                    forced = Some(self.ctx.dialect_ids[i].clone());
                }
                2 => forced = None,
                _ => {}
            }
        }
        let steps = if self.o.target == Target::Edits {
            let most = if rng.chance(1, 10) { 160 } else { 48 };
            rng.log_uniform(most) as u32
        } else {
            0
        };
        Case {
            text,
            rel_path,
            forced,
            script: rng.next_u64(),
            steps,
            plan: None,
        }
    }

    fn exec(&mut self, case: Case) {
        if let Err(e) = self.current.write(self.o.target.name(), &case) {
            eprintln!("worker: cannot write the current input: {e}");
        }
        let mut probe = Probe::new(case.script);
        let started = Instant::now();
        let failure = execute(self.o.target, &self.ctx, &case, &mut probe);
        self.execs += 1;
        if self.trace && started.elapsed() > Duration::from_millis(20) {
            eprintln!(
                "worker: trace: {:.1} ms on {} bytes; slowest {:?}",
                started.elapsed().as_secs_f64() * 1e3,
                case.text.len(),
                probe.slowest
            );
        }
        match failure {
            Some(f) => self.fail(&case, f),
            None => {
                time_feature(&mut probe, case.text.len());
                let mut new = 0;
                for f in &probe.features {
                    new += usize::from(self.seen.insert(*f));
                }
                if new > 0 {
                    let e = Entry {
                        text: case.text.into(),
                        rel_path: case.rel_path.into(),
                        forced: case.forced.map(Into::into),
                    };
                    if let Some(dir) = &self.o.corpus_dir {
                        let c = Case {
                            text: e.text.to_string(),
                            rel_path: e.rel_path.to_string(),
                            forced: e.forced.as_deref().map(str::to_string),
                            ..Case::default()
                        };
                        let name = format!("{:016x}", hash_bytes(c.text.as_bytes()));
                        let _ = std::fs::write(
                            dir.join(name),
                            case_file::encode(self.o.target.name(), &c),
                        );
                    }
                    if self.corpus.len() < self.o.max_corpus {
                        self.corpus.push(e);
                    } else {
                        let i = self.rng.below(self.corpus.len());
                        self.corpus[i] = e;
                    }
                }
            }
        }
        if self.last_report.elapsed() > Duration::from_millis(250) {
            self.report('P');
        }
    }

    fn fail(&mut self, case: &Case, f: Failure) {
        self.failures += 1;
        let sig = hash_bytes(f.signature.as_bytes());
        if !self.signatures.insert(sig) {
            send(&format!("F {} {sig:016x} -", f.kind));
            return;
        }
        self.unique += 1;
        let path = match case_file::save(&self.o.artifacts, self.o.target.name(), case, &f) {
            Ok(p) => p.display().to_string(),
            Err(e) => {
                eprintln!("worker: cannot save the artifact: {e}");
                "-".into()
            }
        };
        eprintln!(
            "worker: {} {}: {}",
            self.o.target.name(),
            f.kind,
            first_line(&f.message)
        );
        send(&format!("F {} {sig:016x} {path}", f.kind));
    }
}

pub fn first_line(s: &str) -> String {
    let l = s.lines().next().unwrap_or("");
    if l.len() > 300 {
        format!("{}…", &l[..persona_ls::text::floor_char_boundary(l, 300)])
    } else {
        l.to_string()
    }
}

/// Runs a closure on a thread with the stack the language server's blocking threads have
/// (2 MiB by default): a recursion that only fits the main thread's 8 MiB is a bug too.
pub fn on_stack<T: Send + 'static>(kib: usize, f: impl FnOnce() -> T + Send + 'static) -> T {
    let h = std::thread::Builder::new()
        .name("fuzz-exec".into())
        .stack_size(kib * 1024)
        .spawn(f)
        .expect("spawn the execution thread");
    match h.join() {
        Ok(v) => v,
        Err(_) => std::process::exit(70),
    }
}

pub fn run_worker(o: WorkerOpts) -> i32 {
    on_stack(o.stack_kib, move || worker_loop(&o))
}

fn worker_loop(o: &WorkerOpts) -> i32 {
    install_panic_hook();
    let start = Instant::now();
    let ctx = Ctx::new(o.slow);
    let mut seed_list: Vec<Seed> = seeds::builtin();
    let builtin = seed_list.len();
    let mut stats = seeds::LoadStats::default();
    for d in &o.seed_dirs {
        seeds::load_dir(d, seeds::Limits::default(), &mut seed_list, &mut stats);
    }
    if !o.resume {
        eprintln!(
            "worker: {} seeds ({builtin} built in, {} files from {} folders, {:.1} MB; skipped {} too large, {} not UTF-8; {} paths from .json) in {:.2} s",
            seed_list.len(),
            stats.files,
            o.seed_dirs.len(),
            stats.bytes as f64 / 1e6,
            stats.too_large,
            stats.not_utf8,
            stats.relpaths_from_json,
            start.elapsed().as_secs_f64()
        );
    }
    let current = match CurrentFile::open(o.current.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("worker: cannot open the current-input file: {e}");
            return 2;
        }
    };
    let mutator = Mutator::new(schema_dictionary(&ctx.registry), o.max_len);
    let seeds: Vec<Entry> = seed_list
        .into_iter()
        .map(|s| Entry {
            text: s.text.into(),
            rel_path: case_file::clean_path(&s.rel_path).into(),
            forced: None,
        })
        .collect();
    let mut w = Worker {
        o,
        ctx,
        rng: Rng::new(o.seed),
        mutator,
        seeds,
        corpus: Vec::new(),
        seen: HashSet::new(),
        signatures: HashSet::new(),
        current,
        execs: 0,
        failures: 0,
        unique: 0,
        last_report: Instant::now(),
        trace: std::env::var_os("PERSONA_FUZZ_TRACE").is_some_and(|v| v == "1"),
    };
    if let Some(dir) = &o.corpus_dir {
        if o.resume {
            let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
                .map(|r| r.flatten().map(|e| e.path()).collect())
                .unwrap_or_default();
            files.sort();
            for f in files.into_iter().take(o.max_corpus) {
                if let Some((_, c)) = std::fs::read(&f).ok().and_then(|b| case_file::decode(&b)) {
                    w.corpus.push(Entry {
                        text: c.text.into(),
                        rel_path: c.rel_path.into(),
                        forced: c.forced.map(Into::into),
                    });
                }
            }
            eprintln!("worker: resumed with {} corpus inputs", w.corpus.len());
        } else {
            let _ = std::fs::create_dir_all(dir);
        }
    }
    if let Some(k) = &o.known
        && let Ok(list) = std::fs::read_to_string(k)
    {
        w.signatures.extend(
            list.lines()
                .filter_map(|l| u64::from_str_radix(l.trim(), 16).ok()),
        );
    }
    w.report('P');
    let deadline = start + Duration::from_secs_f64(o.seconds.max(0.0));
    if !o.resume {
        for i in 0..w.seeds.len() {
            if Instant::now() >= deadline || w.unique >= o.max_failures {
                break;
            }
            let base = w.seeds[i].clone();
            let case = w.make_case(&base, false);
            w.exec(case);
        }
    }
    while Instant::now() < deadline && w.unique < o.max_failures {
        // The shorter of two picks: small inputs run fast, and a large one is still picked
        // often enough to grow.
        let from_corpus = !w.corpus.is_empty() && w.rng.chance(2, 3);
        let pool = if from_corpus { &w.corpus } else { &w.seeds };
        let (i, j) = (w.rng.below(pool.len()), w.rng.below(pool.len()));
        let base = if pool[i].text.len() <= pool[j].text.len() {
            pool[i].clone()
        } else {
            pool[j].clone()
        };
        let case = w.make_case(&base, true);
        w.exec(case);
    }
    w.report('D');
    0
}
