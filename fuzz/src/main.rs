//! `persona-ls-fuzz <target> [options]`: see `fuzz/README.md`, or run it without arguments.

use persona_ls_fuzz::case_file::parse_u64;
use persona_ls_fuzz::engine::{WorkerOpts, run_worker};
use persona_ls_fuzz::replay::{self, MinOpts, Overrides};
use persona_ls_fuzz::rng::time_seed;
use persona_ls_fuzz::supervisor::{RunOpts, supervise};
use persona_ls_fuzz::targets::{ALL, Target};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

const USAGE: &str = "\
usage: persona-ls-fuzz <target> [options]
targets: analyze, yaml, edits, fixes, all (each for --seconds in turn)

  --seconds N        how long to run each target (default 60; --minimize: 120)
  --seeds DIR        also seed from every .md/.mdc under DIR (repeatable); a NAME.json with a
                     `relpath` beside NAME.md names the path it is analysed under
  --artifacts DIR    where failures are saved (default: fuzz/artifacts)
  --seed U64         the generator's seed (default: from the clock; printed)
  --hang-secs N      no progress for this long is a hang (default 10)
  --slow-ms N        one engine call slower than this is a failure (default 2000)
  --max-len BYTES    largest input (default 1048576)
  --max-failures N   stop a target after this many distinct failures (default 8)
  --rss-mib N        a worker above this resident memory is killed: a failure (default 2048)
  --stack-kib N      stack of the execution thread (default 2048, as the server's threads)
  --replay FILE      run one input in-process (its NAME.txt or NAME.json says how)
  --dump             with --replay: print the YAML, diagnostics and fixes the engine returned
  --minimize FILE    shrink a failing input to FILE-stem.min.md
  --path REL, --forced DIALECT, --script U64, --steps N
                     with --replay/--minimize: override how the input is analysed
";

struct Args {
    target: String,
    seconds: Option<f64>,
    seeds: Vec<PathBuf>,
    artifacts: PathBuf,
    seed: Option<u64>,
    hang: f64,
    slow_ms: u64,
    max_len: usize,
    max_failures: usize,
    rss_mib: u64,
    stack_kib: usize,
    max_corpus: usize,
    replay: Option<PathBuf>,
    minimize: Option<PathBuf>,
    worker: bool,
    current: Option<PathBuf>,
    corpus_dir: Option<PathBuf>,
    known: Option<PathBuf>,
    resume: bool,
    overrides: Overrides,
    dump: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut it = std::env::args().skip(1);
    let mut a = Args {
        target: String::new(),
        seconds: None,
        seeds: Vec::new(),
        artifacts: PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/artifacts")),
        seed: None,
        hang: 10.0,
        slow_ms: 2000,
        max_len: 1 << 20,
        max_failures: 8,
        rss_mib: 2048,
        stack_kib: 2048,
        max_corpus: 4096,
        replay: None,
        minimize: None,
        worker: false,
        current: None,
        corpus_dir: None,
        known: None,
        resume: false,
        overrides: Overrides::default(),
        dump: false,
    };
    fn value(it: &mut impl Iterator<Item = String>, flag: &str) -> Result<String, String> {
        it.next().ok_or_else(|| format!("{flag} needs a value"))
    }
    fn num<T: std::str::FromStr>(s: String, flag: &str) -> Result<T, String> {
        s.parse().map_err(|_| format!("{flag}: not a number: {s}"))
    }
    while let Some(arg) = it.next() {
        let flag = arg.as_str();
        match flag {
            "--seconds" => a.seconds = Some(num(value(&mut it, flag)?, flag)?),
            "--seeds" => a.seeds.push(value(&mut it, flag)?.into()),
            "--artifacts" => a.artifacts = value(&mut it, flag)?.into(),
            "--seed" => {
                let v = value(&mut it, flag)?;
                a.seed = Some(parse_u64(&v).ok_or_else(|| format!("--seed: not a u64: {v}"))?);
            }
            "--hang-secs" => a.hang = num(value(&mut it, flag)?, flag)?,
            "--slow-ms" => a.slow_ms = num(value(&mut it, flag)?, flag)?,
            "--max-len" => a.max_len = num(value(&mut it, flag)?, flag)?,
            "--max-failures" => a.max_failures = num(value(&mut it, flag)?, flag)?,
            "--rss-mib" => a.rss_mib = num(value(&mut it, flag)?, flag)?,
            "--stack-kib" => a.stack_kib = num(value(&mut it, flag)?, flag)?,
            "--max-corpus" => a.max_corpus = num(value(&mut it, flag)?, flag)?,
            "--replay" => a.replay = Some(value(&mut it, flag)?.into()),
            "--minimize" => a.minimize = Some(value(&mut it, flag)?.into()),
            "--path" => a.overrides.rel_path = Some(value(&mut it, flag)?),
            "--forced" => a.overrides.forced = Some(value(&mut it, flag)?),
            "--script" => {
                let v = value(&mut it, flag)?;
                a.overrides.script = Some(parse_u64(&v).ok_or("--script: not a u64")?);
            }
            "--steps" => a.overrides.steps = Some(num(value(&mut it, flag)?, flag)?),
            "--worker" => a.worker = true,
            "--dump" => a.dump = true,
            "--current" => a.current = Some(value(&mut it, flag)?.into()),
            "--corpus-dir" => a.corpus_dir = Some(value(&mut it, flag)?.into()),
            "--known" => a.known = Some(value(&mut it, flag)?.into()),
            "--resume" => a.resume = true,
            "-h" | "--help" => return Err(String::new()),
            _ if flag.starts_with('-') => return Err(format!("unknown option {flag}")),
            _ if a.target.is_empty() => a.target = arg,
            _ => return Err(format!("unexpected argument {arg}")),
        }
    }
    if a.target.is_empty() {
        return Err("no target".into());
    }
    Ok(a)
}

fn main() -> ExitCode {
    let a = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("persona-ls-fuzz: {e}");
            }
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let targets: Vec<Target> = if a.target == "all" {
        ALL.to_vec()
    } else {
        match Target::parse(&a.target) {
            Some(t) => vec![t],
            None => {
                eprintln!("persona-ls-fuzz: unknown target {:?}\n{USAGE}", a.target);
                return ExitCode::from(2);
            }
        }
    };
    let slow = Duration::from_millis(a.slow_ms);
    if a.worker || a.replay.is_some() || a.minimize.is_some() {
        let [target] = targets[..] else {
            eprintln!("persona-ls-fuzz: --worker, --replay and --minimize take one target");
            return ExitCode::from(2);
        };
        let code = if a.worker {
            run_worker(WorkerOpts {
                target,
                seconds: a.seconds.unwrap_or(60.0),
                seed: a.seed.unwrap_or_else(time_seed),
                seed_dirs: a.seeds,
                artifacts: a.artifacts,
                current: a.current,
                corpus_dir: a.corpus_dir,
                resume: a.resume,
                known: a.known,
                slow,
                max_len: a.max_len,
                max_failures: a.max_failures,
                max_corpus: a.max_corpus,
                stack_kib: a.stack_kib,
            })
        } else {
            let file = a.replay.as_ref().or(a.minimize.as_ref()).expect("a file");
            let case = match replay::load_case(file, &a.overrides) {
                Ok(c) => c,
                Err(e) => {
                    eprintln!("persona-ls-fuzz: {e}");
                    return ExitCode::from(2);
                }
            };
            if a.replay.is_some() {
                persona_ls_fuzz::targets::DUMP.store(a.dump, std::sync::atomic::Ordering::Relaxed);
                replay::replay(target, case, slow, a.stack_kib)
            } else {
                replay::minimize(
                    MinOpts {
                        target,
                        seconds: a.seconds.unwrap_or(120.0),
                        hang: Duration::from_secs_f64(a.hang),
                        slow,
                        stack_kib: a.stack_kib,
                        artifacts: a.artifacts,
                    },
                    file,
                    case,
                )
            }
        };
        return ExitCode::from(code.clamp(0, 255) as u8);
    }

    let seed = a.seed.unwrap_or_else(time_seed);
    let seconds = a.seconds.unwrap_or(60.0);
    eprintln!(
        "persona-ls-fuzz: {} for {seconds} s each, seed {seed:#x} (reproduce with --seed {seed:#x}), artifacts in {}",
        targets
            .iter()
            .map(|t| t.name())
            .collect::<Vec<_>>()
            .join(", "),
        a.artifacts.display()
    );
    let mut summaries = Vec::new();
    for t in targets {
        let s = supervise(&RunOpts {
            target: t,
            seconds,
            seed,
            seed_dirs: a.seeds.clone(),
            artifacts: a.artifacts.clone(),
            hang: Duration::from_secs_f64(a.hang),
            slow_ms: a.slow_ms,
            max_len: a.max_len,
            max_failures: a.max_failures.max(1),
            rss_mib: a.rss_mib,
            stack_kib: a.stack_kib,
        });
        eprintln!("{}", s.line());
        summaries.push(s);
    }
    println!("summary (seed {seed:#x}):");
    let mut failed = false;
    for s in &summaries {
        println!("  {}", s.line());
        for p in &s.artifacts {
            println!("    {p}");
        }
        failed |= s.failures > 0;
    }
    if failed {
        eprintln!("persona-ls-fuzz: FAILED");
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
