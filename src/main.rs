//! `persona-ls`: the language server (default, or `--stdio`) and `persona-ls check`.
#![deny(clippy::print_stdout)]

use persona_ls::cli::{self, Format, Options};
use std::io::Write;
use std::path::PathBuf;

const USAGE: &str = "\
persona-ls — language server and checker for AI persona files

USAGE:
    persona-ls [--stdio] [--log-level LEVEL]     serve LSP on stdin/stdout
    persona-ls check [OPTIONS] [PATH ...]        check files and folders (default: .)
    persona-ls --version

CHECK OPTIONS:
    --format text|json|sarif|github   output format (default: text)
    --dialect NAME                    force a dialect for every file
    --fix                             apply safe fixes in place
    -v, --verbose                     say which configuration files applied (on stderr)
    --budget                          print what each scope's agent and skill listings cost
                                      against their tool's budget (exit 1 when one is over)
";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    std::process::exit(real_main(args));
}

fn real_main(args: Vec<String>) -> i32 {
    let mut err = std::io::stderr();
    if args.iter().any(|a| a == "--version" || a == "-V") {
        let _ = writeln!(
            std::io::stdout(),
            "persona-ls {}",
            env!("CARGO_PKG_VERSION")
        );
        return 0;
    }
    if args.first().map(String::as_str) == Some("check") {
        return match parse_check(&args[1..]) {
            Ok(Some(opts)) => {
                // Buffered: a report of 100,000 findings was a write system call per line.
                let mut out =
                    std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout().lock());
                let code = cli::run(&opts, &mut out, &mut err);
                match out.flush() {
                    Ok(()) => code,
                    Err(_) => cli::EXIT_USAGE,
                }
            }
            Ok(None) => {
                let _ = write!(std::io::stdout(), "{USAGE}");
                0
            }
            Err(msg) => {
                let _ = writeln!(err, "persona-ls check: {msg}\n\n{USAGE}");
                cli::EXIT_USAGE
            }
        };
    }
    let mut log_level = "info".to_string();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--stdio" => {}
            "--help" | "-h" => {
                let _ = write!(std::io::stdout(), "{USAGE}");
                return 0;
            }
            "--log-level" => match it.next() {
                Some(l) => log_level = l.clone(),
                None => {
                    let _ = writeln!(err, "persona-ls: --log-level needs a value\n\n{USAGE}");
                    return cli::EXIT_USAGE;
                }
            },
            s if s.starts_with("--log-level=") => log_level = s["--log-level=".len()..].to_string(),
            other => {
                let _ = writeln!(err, "persona-ls: unknown argument `{other}`\n\n{USAGE}");
                return cli::EXIT_USAGE;
            }
        }
    }
    persona_ls::lsp::serve_stdio(&log_level)
}

fn parse_check(args: &[String]) -> Result<Option<Options>, String> {
    let mut opts = Options::default();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (a.as_str(), None),
        };
        let mut value = |name: &str| {
            inline
                .clone()
                .or_else(|| it.next().cloned())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match flag {
            "--format" => {
                let v = value("--format")?;
                opts.format = Format::parse(&v)
                    .ok_or_else(|| format!("unknown format `{v}` (text, json, sarif, github)"))?;
            }
            "--dialect" => opts.dialect = Some(value("--dialect")?),
            "--fix" => opts.fix = true,
            "--budget" => opts.budget = true,
            "--verbose" | "-v" => opts.verbose = true,
            "--help" | "-h" => return Ok(None),
            "--" => opts.paths.extend(it.by_ref().map(PathBuf::from)),
            f if f.starts_with('-') && f.len() > 1 => return Err(format!("unknown option `{f}`")),
            _ => opts.paths.push(PathBuf::from(a)),
        }
    }
    if opts.paths.is_empty() {
        opts.paths.push(PathBuf::from("."));
    }
    Ok(Some(opts))
}
