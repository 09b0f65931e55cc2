//! `--replay FILE`: one case in-process, for debugging and regression tests; and
//! `--minimize FILE`: the smallest input (and for `edits`, the fewest notifications) that
//! still fails the same way.

use crate::case_file::{self, Failure};
use crate::engine::{execute, first_line, install_panic_hook, on_stack};
use crate::targets::{Case, Ctx, Probe, Target};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Overrides of how a replayed case is analysed.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub rel_path: Option<String>,
    pub forced: Option<String>,
    pub script: Option<u64>,
    pub steps: Option<u32>,
}

pub fn load_case(file: &Path, o: &Overrides) -> Result<Case, String> {
    let mut case = case_file::load(file).map_err(|e| format!("{}: {e}", file.display()))?;
    if let Some(p) = &o.rel_path {
        case.rel_path = p.clone();
    }
    if let Some(f) = &o.forced {
        case.forced = (f != "-").then(|| f.clone());
    }
    if let Some(s) = o.script {
        case.script = s;
    }
    if let Some(s) = o.steps {
        case.steps = s;
    }
    Ok(case)
}

/// The marker line a replay prints for a failure; the minimiser reads it from a child.
const FAIL: &str = "persona-ls-fuzz: FAIL ";

/// Runs one case. Exit 0 when every property holds, 1 on a failure (printed to stderr); an
/// abort or stack overflow ends the process as it would the worker.
pub fn replay(target: Target, case: Case, slow: Duration, stack_kib: usize) -> i32 {
    on_stack(stack_kib, move || {
        install_panic_hook();
        let ctx = Ctx::new(slow);
        eprintln!(
            "replay: {} on {} bytes analysed as {:?}{} (script {}, steps {})",
            target.name(),
            case.text.len(),
            case.rel_path,
            case.forced
                .as_ref()
                .map_or(String::new(), |f| format!(", forced {f}")),
            case.script,
            case.steps
        );
        let start = Instant::now();
        let mut probe = Probe::new(case.script);
        let failure = execute(target, &ctx, &case, &mut probe);
        let took = start.elapsed();
        match failure {
            None => {
                let slowest = probe.slowest.map_or(String::new(), |(d, w)| {
                    format!("; slowest call {w}, {d:.2?}")
                });
                eprintln!("replay: ok in {took:.2?}{slowest}");
                0
            }
            Some(f) => {
                eprintln!("{}\n{}", f.message, f.details);
                eprintln!("{FAIL}{} {}", f.kind, f.signature);
                1
            }
        }
    })
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Verdict {
    Ok,
    Fail { kind: String, signature: String },
}

pub struct MinOpts {
    pub target: Target,
    pub seconds: f64,
    pub hang: Duration,
    pub slow: Duration,
    pub stack_kib: usize,
    pub artifacts: PathBuf,
}

/// Runs a case in a child replay (for failures that end the process).
fn child_verdict(o: &MinOpts, case: &Case, scratch: &Path) -> Verdict {
    let md = scratch.with_extension("md");
    let txt = scratch.with_extension("txt");
    if std::fs::write(&md, &case.text).is_err()
        || std::fs::write(&txt, case_file::header(o.target.name(), case)).is_err()
    {
        return Verdict::Ok;
    }
    let exe = std::env::current_exe().expect("the harness's own path");
    let Ok(mut child) = Command::new(exe)
        .arg(o.target.name())
        .arg("--replay")
        .arg(&md)
        .args(["--slow-ms", &o.slow.as_millis().to_string()])
        .args(["--stack-kib", &o.stack_kib.to_string()])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
    else {
        return Verdict::Ok;
    };
    let mut err = child.stderr.take().expect("piped stderr");
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = err.read_to_string(&mut s);
        s
    });
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(s)) => break Some(s),
            Ok(None) if start.elapsed() > o.hang => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(_) => break None,
        }
    };
    let stderr = reader.join().unwrap_or_default();
    let Some(status) = status else {
        return Verdict::Fail {
            kind: "hang".into(),
            signature: "hang".into(),
        };
    };
    if status.success() {
        return Verdict::Ok;
    }
    if let Some(line) = stderr.lines().rev().find_map(|l| l.strip_prefix(FAIL))
        && let Some((kind, signature)) = line.split_once(' ')
    {
        return Verdict::Fail {
            kind: kind.into(),
            signature: signature.into(),
        };
    }
    use std::os::unix::process::ExitStatusExt;
    let cause = stderr
        .lines()
        .rev()
        .find(|l| !l.starts_with("replay: ") && !l.trim().is_empty())
        .map(case_file::normalize)
        .unwrap_or_default();
    Verdict::Fail {
        kind: "crash".into(),
        signature: format!("crash: {:?} {:?}: {cause}", status.signal(), status.code()),
    }
}

fn in_process_verdict(target: Target, ctx: &Ctx, case: &Case) -> Verdict {
    let mut probe = Probe::new(case.script);
    match execute(target, ctx, case, &mut probe) {
        None => Verdict::Ok,
        Some(Failure {
            kind, signature, ..
        }) => Verdict::Fail {
            kind: kind.into(),
            signature,
        },
    }
}

/// Removes pieces while the case still fails the same way: halves, then quarters, down to
/// single units, like delta debugging's ddmin.
fn ddmin<T: Clone>(
    units: &mut Vec<T>,
    test: &mut dyn FnMut(&[T]) -> bool,
    out_of_time: &dyn Fn() -> bool,
) {
    let mut chunk = (units.len() / 2).max(1);
    loop {
        let mut changed = false;
        let mut i = 0;
        while i < units.len() {
            if out_of_time() {
                return;
            }
            let end = (i + chunk).min(units.len());
            let candidate: Vec<T> = units[..i].iter().chain(&units[end..]).cloned().collect();
            if test(&candidate) {
                *units = candidate;
                changed = true;
            } else {
                i += chunk;
            }
        }
        if chunk == 1 {
            if !changed {
                return;
            }
        } else {
            chunk /= 2;
        }
    }
}

/// Shrinks a text: lines first (cheap, big steps), then characters.
fn shrink_text(
    text: &str,
    test: &mut dyn FnMut(&str) -> bool,
    out_of_time: &dyn Fn() -> bool,
) -> String {
    let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_string).collect();
    ddmin(
        &mut lines,
        &mut |l: &[String]| test(&l.concat()),
        out_of_time,
    );
    let mut chars: Vec<char> = lines.concat().chars().collect();
    ddmin(
        &mut chars,
        &mut |c: &[char]| test(&c.iter().collect::<String>()),
        out_of_time,
    );
    chars.into_iter().collect()
}

pub fn minimize(o: MinOpts, file: &Path, case: Case) -> i32 {
    let stack = o.stack_kib;
    let file = file.to_path_buf();
    on_stack(stack, move || minimize_on_this_thread(&o, &file, case))
}

fn minimize_on_this_thread(o: &MinOpts, file: &Path, mut case: Case) -> i32 {
    let _ = std::fs::create_dir_all(&o.artifacts);
    let scratch = o
        .artifacts
        .join(format!(".minimize-{}", std::process::id()));
    let original = child_verdict(o, &case, &scratch);
    let Verdict::Fail { kind, signature } = original.clone() else {
        eprintln!("minimize: {} does not fail", file.display());
        return 2;
    };
    eprintln!(
        "minimize: {} bytes fail with {kind}: {signature}",
        case.text.len()
    );
    let in_process = matches!(kind.as_str(), "panic" | "property" | "slow");
    install_panic_hook();
    let ctx = Ctx::new(o.slow);
    let start = Instant::now();
    let budget = Duration::from_secs_f64(o.seconds);
    let out_of_time = || start.elapsed() > budget;
    let mut tries = 0u64;
    let mut fails = |c: &Case| -> bool {
        tries += 1;
        let v = if in_process {
            in_process_verdict(o.target, &ctx, c)
        } else {
            child_verdict(o, c, &scratch)
        };
        v == original
    };
    if o.target == Target::Edits {
        // The notifications themselves, so that dropping one keeps the others as they were.
        let explicit = Case {
            plan: Some(crate::edits::materialize(&case)),
            ..case.clone()
        };
        if case.plan.is_none() && fails(&explicit) {
            case = explicit;
        }
        if let Some((base, mut steps)) = case.plan.as_deref().and_then(crate::edits::plan_steps) {
            let template = case.clone();
            ddmin(
                &mut steps,
                &mut |s: &[serde_json::Value]| {
                    fails(&Case {
                        plan: Some(crate::edits::plan_with_steps(&base, s)),
                        ..template.clone()
                    })
                },
                &out_of_time,
            );
            // Then the text each change inserts.
            for i in 0..steps.len() {
                let n = steps[i]["changes"].as_array().map_or(0, Vec::len);
                for j in 0..n {
                    let Some(t) = steps[i]["changes"][j]["text"].as_str().map(str::to_string)
                    else {
                        continue;
                    };
                    let new = shrink_text(
                        &t,
                        &mut |x: &str| {
                            let mut s = steps.clone();
                            s[i]["changes"][j]["text"] = x.into();
                            fails(&Case {
                                plan: Some(crate::edits::plan_with_steps(&base, &s)),
                                ..template.clone()
                            })
                        },
                        &out_of_time,
                    );
                    steps[i]["changes"][j]["text"] = new.into();
                }
            }
            case.plan = Some(crate::edits::plan_with_steps(&base, &steps));
            case.steps = steps.len() as u32;
        }
    }
    let template = case.clone();
    case.text = shrink_text(
        &case.text,
        &mut |text: &str| {
            fails(&Case {
                text: text.to_string(),
                ..template.clone()
            })
        },
        &out_of_time,
    );
    let _ = std::fs::remove_file(scratch.with_extension("md"));
    let _ = std::fs::remove_file(scratch.with_extension("txt"));
    let name = file
        .file_name()
        .map_or("input".into(), |n| n.to_string_lossy().into_owned());
    let stem = name.strip_suffix(".md").unwrap_or(&name);
    let out = file.with_file_name(format!("{stem}.min.md"));
    let txt = format!(
        "{}kind: {kind}\nsignature: {signature}\nbytes: {}\nminimised from: {}\nreplay: cargo run --release -p persona-ls-fuzz -- {} --replay {}\n",
        case_file::header(o.target.name(), &case),
        case.text.len(),
        file.display(),
        o.target.name(),
        out.display()
    );
    if let Err(e) = std::fs::write(&out, &case.text)
        .and_then(|_| std::fs::write(out.with_extension("txt"), txt))
    {
        eprintln!("minimize: cannot write {}: {e}", out.display());
        return 2;
    }
    eprintln!(
        "minimize: {} bytes{} after {tries} runs in {:.1} s: {}",
        case.text.len(),
        if o.target == Target::Edits {
            format!(", {} steps", case.steps)
        } else {
            String::new()
        },
        start.elapsed().as_secs_f64(),
        out.display()
    );
    eprintln!(
        "minimize: {:?}",
        first_line(&case.text.chars().take(300).collect::<String>())
    );
    0
}
