//! `persona-ls check --budget`: what each scope's always-loaded metadata costs, per entry,
//! against its tool's budget (the numbers `context-budget` reports on), so that the cost of a
//! set of agents is seen before a tool warns or drops descriptions.

use super::context;
use super::output::Format;
use super::plan::Root;
use crate::analysis::cross::BudgetLimits;
use crate::project::Project;
use crate::schema::Schema;
use crate::schema::names::Unit;
use crate::workspace::Personas;
use crate::workspace::budget::{GroupKey, short};
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

/// One scope's total in one budget.
struct Line {
    key: GroupKey,
    limit: usize,
    total: usize,
    entries: Vec<(PathBuf, usize)>,
}

/// Prints the report; returns whether a scope is over its budget.
pub fn report(project: &Project, named: &[Root], format: Format, out: &mut dyn Write) -> bool {
    let roots = context::roots(project, named);
    let mut personas = Personas::default();
    for (path, record) in context::index(project, &roots, &HashSet::new()) {
        personas.insert(path, Some(record));
    }
    let names = &Schema::builtin().names;
    let mut lines: Vec<Line> = personas
        .budgets
        .groups()
        .map(|(key, group)| {
            let b = &names.budgets[key.budget];
            // The limit the scope's own configuration sets (its root's `.persona-ls.toml`).
            let config = project
                .locate(&key.scope.root.join(&key.scope.base).join("_.md"), None)
                .map(|l| l.registry.config.clone())
                .unwrap_or_default();
            let limit = config
                .limit(&b.config)
                .unwrap_or_else(|| b.default_limit(config.context_tokens()));
            Line {
                key: key.clone(),
                limit,
                total: group.total,
                entries: group.by_cost().to_vec(),
            }
        })
        .collect();
    lines.sort_by(|a, b| {
        (
            &a.key.scope.root,
            &a.key.scope.base,
            &a.key.scope.plugin,
            a.key.budget,
        )
            .cmp(&(
                &b.key.scope.root,
                &b.key.scope.base,
                &b.key.scope.plugin,
                b.key.budget,
            ))
    });
    let cwd = std::env::current_dir().and_then(std::fs::canonicalize).ok();
    let shown = |p: &Path| -> String {
        match cwd.as_deref().and_then(|c| p.strip_prefix(c).ok()) {
            Some(rel) if rel.as_os_str().is_empty() => ".".to_string(),
            Some(rel) => rel.display().to_string(),
            None => p.display().to_string(),
        }
    };
    let _ = match format {
        Format::Json | Format::Sarif => json(&lines, &shown, out),
        Format::Text | Format::Github => text(&lines, &shown, out),
    };
    lines.iter().any(|l| l.total > l.limit)
}

fn unit(l: &Line) -> &'static str {
    match Schema::builtin().names.budgets[l.key.budget].unit {
        Unit::Tokens => "tokens",
        Unit::Chars => "characters",
    }
}

/// `12.5%`: a share of the limit.
fn share(part: usize, limit: usize) -> String {
    format!("{:.1}%", part as f64 * 100.0 / limit.max(1) as f64)
}

fn text(
    lines: &[Line],
    shown: &dyn Fn(&Path) -> String,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let names = &Schema::builtin().names;
    if lines.is_empty() {
        writeln!(out, "No persona counts against a listing budget here.")?;
    }
    for l in lines {
        let b = &names.budgets[l.key.budget];
        let verdict = if l.total > l.limit {
            format!("over by ≈ {}", short(l.total - l.limit))
        } else {
            format!("≈ {} left", short(l.limit - l.total))
        };
        writeln!(
            out,
            "{} in {} ({}): ≈ {} of {} {} ({}), {} entr{}, {verdict}",
            b.title,
            l.key.scope.describe(),
            shown(&l.key.scope.root.join(&l.key.scope.base)),
            short(l.total),
            short(l.limit),
            unit(l),
            share(l.total, l.limit),
            l.entries.len(),
            if l.entries.len() == 1 { "y" } else { "ies" },
        )?;
        for (path, cost) in &l.entries {
            writeln!(
                out,
                "  {:>7}  {:>6}  {}",
                format!("≈ {}", short(*cost)),
                share(*cost, l.limit),
                shown(path)
            )?;
        }
        writeln!(out)?;
    }
    writeln!(
        out,
        "Tokens are estimated as UTF-16 characters / 4, as Claude Code estimates them; limits are set in `[workspace.budget]`."
    )
}

fn json(
    lines: &[Line],
    shown: &dyn Fn(&Path) -> String,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let names = &Schema::builtin().names;
    let items: Vec<serde_json::Value> = lines
        .iter()
        .map(|l| {
            let b = &names.budgets[l.key.budget];
            serde_json::json!({
                "budget": b.id,
                "scope": l.key.scope.describe(),
                "folder": shown(&l.key.scope.root.join(&l.key.scope.base)),
                "unit": unit(l),
                "limit": l.limit,
                "total": l.total,
                "over": l.total > l.limit,
                "entries": l.entries.iter().map(|(p, c)| serde_json::json!({
                    "path": shown(p),
                    "cost": c,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let text = serde_json::to_string_pretty(&items).unwrap_or_default();
    writeln!(out, "{text}")
}
