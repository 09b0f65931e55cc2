//! Criterion benches of the engine: front-matter parsing and full diagnostics on a typical
//! 10 KB persona and on a 5 MB one (the front matter is the same; only the body grows).
//!
//! `cargo bench --bench engine`

use criterion::{Criterion, criterion_group, criterion_main};
use persona_ls::analysis::{Location, Parsed, analyze, completion, hover};
use persona_ls::dialect::Registry;
use persona_ls::schema::Schema;
use std::hint::black_box;

#[path = "fixtures.rs"]
mod fixtures;

fn engine(c: &mut Criterion) {
    let registry = Registry::builtin();
    let location = Location::at(".claude/agents/backend-architect.md");
    let personas = [
        ("10KB", fixtures::persona(10 * 1024)),
        ("5MB", fixtures::persona(5 * 1024 * 1024)),
    ];
    for (label, text) in &personas {
        c.bench_function(&format!("parse front matter {label}"), |b| {
            b.iter(|| Parsed::new(black_box(text)))
        });
        c.bench_function(&format!("diagnostics {label}"), |b| {
            b.iter(|| analyze(black_box(text), location, &registry))
        });
    }
    c.bench_function("schema tables (read afresh)", |b| b.iter(Schema::load));
    c.bench_function("registry (schema + globs)", |b| b.iter(Registry::builtin));

    // Completion after `model: ` and hover on `model`, on the small and the large persona.
    let no_workspace = |_: &str| Vec::new();
    for (label, text) in &personas {
        let parsed = Parsed::new(text);
        let analysis = analyze(text, location, &registry);
        let detected = analysis.dialect;
        let dialect = &registry.dialects[detected.expect("a claude agent").index];
        let at = text.find("model: ").unwrap();
        c.bench_function(&format!("completion after `model: ` {label}"), |b| {
            b.iter(|| {
                completion::complete(&completion::Request {
                    text,
                    parsed: &parsed,
                    registry: &registry,
                    dialect,
                    offset: black_box(at + 7),
                    snippets: true,
                    lazy_docs: true,
                    workspace: &no_workspace,
                })
            })
        });
        c.bench_function(&format!("hover on `model` {label}"), |b| {
            b.iter(|| {
                hover::hover(&hover::Request {
                    text,
                    parsed: &parsed,
                    registry: &registry,
                    detected,
                    offset: black_box(at + 2),
                    diagnostics: &analysis.diagnostics,
                    workspace: &no_workspace,
                })
            })
        });
    }
    let broken = fixtures::FRONT_MATTER
        .replace("sonnet", "sonet")
        .replace("Senior backend", "Senior: backend")
        + "\nBody\n";
    c.bench_function("diagnostics with errors and fixes", |b| {
        b.iter(|| analyze(black_box(&broken), location, &registry))
    });
}

criterion_group!(benches, engine);
criterion_main!(benches);
