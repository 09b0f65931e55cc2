//! The parent: runs a worker (this same binary with `--worker`), reads its progress, and saves
//! the input it was on when it died (abort, stack overflow, any signal or non-zero exit), stopped
//! reporting progress (hang) or grew past the memory limit. Then it starts a new worker for
//! the time left.

use crate::case_file::{self, Failure};
use crate::engine::first_line;
use crate::rng::{hash_bytes, mix};
use crate::targets::Target;
use std::collections::{HashSet, VecDeque};
use std::io::{BufRead, BufReader, Read};
use std::os::unix::process::ExitStatusExt;
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct RunOpts {
    pub target: Target,
    pub seconds: f64,
    pub seed: u64,
    pub seed_dirs: Vec<PathBuf>,
    pub artifacts: PathBuf,
    pub hang: Duration,
    pub slow_ms: u64,
    pub max_len: usize,
    pub max_failures: usize,
    pub rss_mib: u64,
    pub stack_kib: usize,
}

#[derive(Debug, Default, Clone)]
pub struct Summary {
    pub target: String,
    pub execs: u64,
    pub seconds: f64,
    pub corpus: u64,
    pub features: u64,
    pub failures: usize,
    pub unique: usize,
    pub restarts: usize,
    pub seed: u64,
    pub artifacts: Vec<String>,
}

impl Summary {
    pub fn line(&self) -> String {
        format!(
            "{:8} {:>10} execs in {:6.1} s = {:>8.0} execs/s; corpus {:>5}; features {:>5}; failures {} ({} unique); restarts {}; seed {:#x}",
            self.target,
            self.execs,
            self.seconds,
            self.execs as f64 / self.seconds.max(1e-9),
            self.corpus,
            self.features,
            self.failures,
            self.unique,
            self.restarts,
            self.seed
        )
    }
}

enum Msg {
    Progress([u64; 4]),
    Failure {
        kind: String,
        sig: String,
        path: String,
    },
    Done([u64; 4]),
}

fn parse(line: &str) -> Option<Msg> {
    let mut it = line.split(' ');
    let tag = it.next()?;
    let nums = |it: std::str::Split<'_, char>| -> Option<[u64; 4]> {
        let v: Vec<u64> = it.filter_map(|x| x.parse().ok()).collect();
        v.try_into().ok()
    };
    match tag {
        "P" => nums(it).map(Msg::Progress),
        "D" => nums(it).map(Msg::Done),
        "F" => {
            let kind = it.next()?.to_string();
            let sig = it.next()?.to_string();
            let path = it.collect::<Vec<_>>().join(" ");
            Some(Msg::Failure { kind, sig, path })
        }
        _ => None,
    }
}

enum End {
    Exited(ExitStatus),
    Hang(Duration),
    Oom(u64),
}

/// The worker's resident memory in MiB (Linux).
fn rss_mib(pid: u32) -> Option<u64> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = s.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

fn describe(status: &ExitStatus) -> String {
    match (status.code(), status.signal()) {
        (_, Some(sig)) => {
            let name = match sig {
                6 => "SIGABRT",
                11 => "SIGSEGV",
                7 => "SIGBUS",
                9 => "SIGKILL",
                4 => "SIGILL",
                8 => "SIGFPE",
                5 => "SIGTRAP",
                _ => "signal",
            };
            format!(
                "killed by {name} ({sig}){}",
                if status.core_dumped() {
                    ", core dumped"
                } else {
                    ""
                }
            )
        }
        (Some(c), None) => format!("exit status {c}"),
        _ => format!("{status:?}"),
    }
}

/// Lines of the worker's stderr that say why it died (not the harness's own notes).
fn cause(tail: &str) -> String {
    tail.lines()
        .rev()
        .find(|l| !l.starts_with("worker: ") && !l.trim().is_empty())
        .map(case_file::normalize)
        .unwrap_or_default()
}

fn kill(child: &mut Child) {
    let _ = child.kill();
    let _ = child.wait();
}

pub fn supervise(o: &RunOpts) -> Summary {
    let name = o.target.name();
    let exe = std::env::current_exe().expect("the harness's own path");
    let _ = std::fs::create_dir_all(&o.artifacts);
    let current = o
        .artifacts
        .join(format!(".current-{name}-{}", std::process::id()));
    let corpus_dir = o
        .artifacts
        .join(format!(".corpus-{name}-{}", std::process::id()));
    let start = Instant::now();
    let deadline = start + Duration::from_secs_f64(o.seconds);
    let mut summary = Summary {
        target: name.to_string(),
        seed: o.seed,
        ..Summary::default()
    };
    // Signature hashes (16 hex digits) of the failures seen so far; a new worker reads them
    // from `known`, so that it neither saves nor counts them again.
    let mut signatures: HashSet<String> = HashSet::new();
    let known = o
        .artifacts
        .join(format!(".signatures-{name}-{}", std::process::id()));
    loop {
        let remaining = deadline.saturating_duration_since(Instant::now());
        if summary.restarts > 0 && remaining < Duration::from_millis(500) {
            break;
        }
        let seed = if summary.restarts == 0 {
            o.seed
        } else {
            mix(o.seed.wrapping_add(summary.restarts as u64))
        };
        let mut cmd = Command::new(&exe);
        cmd.arg(name)
            .arg("--worker")
            .args(["--seconds", &format!("{:.3}", remaining.as_secs_f64())])
            .args(["--seed", &seed.to_string()])
            .arg("--artifacts")
            .arg(&o.artifacts)
            .arg("--current")
            .arg(&current)
            .arg("--corpus-dir")
            .arg(&corpus_dir)
            .args(["--slow-ms", &o.slow_ms.to_string()])
            .args(["--max-len", &o.max_len.to_string()])
            .args([
                "--max-failures",
                &(o.max_failures.saturating_sub(summary.failures))
                    .max(1)
                    .to_string(),
            ])
            .args(["--stack-kib", &o.stack_kib.to_string()]);
        for d in &o.seed_dirs {
            cmd.arg("--seeds").arg(d);
        }
        let mut list: Vec<&str> = signatures.iter().map(String::as_str).collect();
        list.sort();
        let _ = std::fs::write(&known, list.join("\n"));
        cmd.arg("--known").arg(&known);
        if summary.restarts > 0 {
            cmd.arg("--resume");
            eprintln!(
                "{name}: [{:.0} s] restarting the worker with seed {seed:#x} for the {:.0} s left",
                start.elapsed().as_secs_f64(),
                remaining.as_secs_f64()
            );
        }
        let mut child = match cmd
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
        {
            Ok(c) => c,
            Err(e) => {
                eprintln!("{name}: cannot start the worker: {e}");
                summary.failures += 1;
                break;
            }
        };
        let pid = child.id();
        let (tx, rx) = mpsc::channel();
        let out = child.stdout.take().expect("piped stdout");
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                if let Some(m) = parse(&line)
                    && tx.send(m).is_err()
                {
                    break;
                }
            }
        });
        // The stderr tail explains an abort; the lines are passed on as they come.
        let tail: Arc<Mutex<VecDeque<u8>>> = Arc::default();
        let err = child.stderr.take().expect("piped stderr");
        let err_thread = {
            let tail = tail.clone();
            let name = name.to_string();
            std::thread::spawn(move || {
                let mut r = BufReader::new(err);
                let mut buf = Vec::new();
                loop {
                    buf.clear();
                    match r.by_ref().take(1 << 16).read_until(b'\n', &mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(_) => {
                            let mut t = tail.lock().unwrap_or_else(|e| e.into_inner());
                            t.extend(buf.iter().copied());
                            while t.len() > 8192 {
                                t.pop_front();
                            }
                            drop(t);
                            eprint!("[{name}] {}", String::from_utf8_lossy(&buf));
                        }
                    }
                }
            })
        };
        let mut last = Instant::now();
        let mut progressed = false;
        let mut stats = [0u64; 4];
        let mut last_rss = Instant::now();
        let end = loop {
            match rx.recv_timeout(Duration::from_millis(200)) {
                Ok(Msg::Progress(p)) | Ok(Msg::Done(p)) => {
                    stats = p;
                    last = Instant::now();
                    progressed = true;
                }
                Ok(Msg::Failure { kind, sig, path }) => {
                    last = Instant::now();
                    summary.failures += 1;
                    if signatures.insert(sig) {
                        summary.unique += 1;
                        if path != "-" {
                            eprintln!(
                                "{name}: [{:.0} s] FAILURE ({kind}) saved to {path}",
                                start.elapsed().as_secs_f64()
                            );
                            summary.artifacts.push(path);
                        }
                    } else if path != "-" {
                        // Seen before this worker started: keep one artifact per signature.
                        let p = PathBuf::from(&path);
                        let _ = std::fs::remove_file(&p);
                        let _ = std::fs::remove_file(p.with_extension("txt"));
                    }
                }
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => {
                    break End::Exited(child.wait().expect("wait for the worker"));
                }
            }
            // Loading a large seed folder comes before the first report.
            let limit = if progressed {
                o.hang
            } else {
                o.hang + Duration::from_secs(120)
            };
            if last.elapsed() > limit
                || Instant::now() > deadline + o.hang + Duration::from_secs(30)
            {
                let quiet = last.elapsed();
                kill(&mut child);
                break End::Hang(quiet);
            }
            if last_rss.elapsed() > Duration::from_millis(500) {
                last_rss = Instant::now();
                if let Some(rss) = rss_mib(pid)
                    && rss > o.rss_mib
                {
                    kill(&mut child);
                    break End::Oom(rss);
                }
            }
        };
        let _ = err_thread.join();
        summary.execs += stats[0];
        summary.corpus = stats[1];
        summary.features = stats[2];
        let stderr_tail = {
            let t = tail.lock().unwrap_or_else(|e| e.into_inner());
            let bytes: Vec<u8> = t.iter().copied().collect();
            String::from_utf8_lossy(&bytes).into_owned()
        };
        // Every way a worker dies: its kind, signature and message (the stderr tail is the
        // details of each).
        let failure = match end {
            End::Exited(status) if status.success() => None,
            End::Exited(status) => Some((
                "crash",
                format!("crash: {}: {}", describe(&status), cause(&stderr_tail)),
                format!("the worker died: {}", describe(&status)),
            )),
            End::Hang(quiet) => Some((
                "hang",
                "hang".to_string(),
                format!(
                    "no progress for {:.1} s (the limit is {:.1} s): the worker was killed",
                    quiet.as_secs_f64(),
                    o.hang.as_secs_f64()
                ),
            )),
            End::Oom(rss) => Some((
                "oom",
                "oom".to_string(),
                format!(
                    "the worker's memory reached {rss} MiB (the limit is {} MiB): it was killed",
                    o.rss_mib
                ),
            )),
        }
        .map(|(kind, signature, message)| Failure {
            kind,
            signature,
            message,
            details: format!("stderr tail:\n{stderr_tail}"),
        });
        let Some(f) = failure else {
            // A worker stops early only at its quota of new failures; signatures it did not
            // know may have made it reach that sooner than the target: go on while there is time.
            if summary.unique < o.max_failures
                && deadline.saturating_duration_since(Instant::now()) > Duration::from_secs(1)
            {
                summary.restarts += 1;
                continue;
            }
            break;
        };
        summary.failures += 1;
        summary.restarts += 1;
        let saved = std::fs::read(&current)
            .ok()
            .and_then(|b| case_file::decode(&b));
        match saved {
            Some((_, case))
                if signatures.insert(format!("{:016x}", hash_bytes(f.signature.as_bytes()))) =>
            {
                summary.unique += 1;
                match case_file::save(&o.artifacts, name, &case, &f) {
                    Ok(p) => {
                        eprintln!(
                            "{name}: [{:.0} s] FAILURE ({}) {}; input ({} bytes, analysed as {:?}) saved to {}",
                            start.elapsed().as_secs_f64(),
                            f.kind,
                            first_line(&f.message),
                            case.text.len(),
                            case.rel_path,
                            p.display()
                        );
                        summary.artifacts.push(p.display().to_string());
                    }
                    Err(e) => eprintln!("{name}: cannot save the artifact: {e}"),
                }
            }
            Some(_) => eprintln!("{name}: {} again ({})", f.kind, first_line(&f.message)),
            None => eprintln!(
                "{name}: FAILURE ({}) {}, but the current input could not be read",
                f.kind,
                first_line(&f.message)
            ),
        }
        // A crash that recurs costs a restart each time: give up on the target when most of
        // its time would go to restarts.
        if summary.unique >= o.max_failures || summary.restarts >= 4 * o.max_failures {
            eprintln!(
                "{name}: {} failures ({} unique, {} restarts): stopping this target",
                summary.failures, summary.unique, summary.restarts
            );
            break;
        }
    }
    let _ = std::fs::remove_file(&current);
    let _ = std::fs::remove_file(&known);
    let _ = std::fs::remove_dir_all(&corpus_dir);
    summary.seconds = start.elapsed().as_secs_f64();
    summary
}
