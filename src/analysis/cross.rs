//! The cross-file rules (`duplicate-name`, `unknown-reference`, `context-budget`): one file's
//! findings that depend on the other files, read from the workspace index alone. No file is
//! read or parsed here: a file's record was made from its own parse, so a finding costs
//! lookups in the index, and `check` and the server get the same answers.

use super::rules::{Case, Code, cases};
use super::suggest;
use crate::diagnostic::{Diagnostic, Fix, TextEdit};
use crate::dialect::Registry;
use crate::project::Scope;
use crate::schema::Schema;
use crate::schema::names::{Mildness, Namespace, Nested, Reference};
use crate::workspace::Personas;
use crate::workspace::budget::{self, GroupKey};
use crate::workspace::personas::{Declared, byte_mask, fold};
use crate::workspace::record::{Record, ScopeKey};
use std::path::Path;

/// Limits that configuration may set (`[workspace.budget]`), by the budget's `config` name.
pub trait BudgetLimits {
    fn limit(&self, config: &str) -> Option<usize>;
    fn context_tokens(&self) -> Option<usize>;
}

impl BudgetLimits for crate::config::Config {
    fn limit(&self, config: &str) -> Option<usize> {
        self.budget.get(config).copied()
    }
    fn context_tokens(&self) -> Option<usize> {
        self.budget.get(CONTEXT_TOKENS).copied()
    }
}

/// The `[workspace.budget]` setting for the context window that derived limits scale with.
pub const CONTEXT_TOKENS: &str = "context-tokens";

struct Out<'a> {
    registry: &'a Registry,
    list: Vec<Diagnostic>,
}

impl Out<'_> {
    fn report(
        &mut self,
        code: Code,
        case: Option<&'static Case>,
        range: std::ops::Range<usize>,
        message: String,
    ) -> Option<&mut Diagnostic> {
        let default = case
            .filter(|c| c.code == code)
            .map_or(code.rule().severity, |c| c.severity);
        let severity = self.registry.config.severity(code, default)?;
        self.list
            .push(Diagnostic::new(code, severity, range, message));
        self.list.last_mut()
    }
}

/// The cross-file findings of the file at `path`, whose record (made from its current text)
/// is `record`, against the other files of `index`; sorted as a file's findings are.
pub fn cross_file(
    index: &Personas,
    path: &Path,
    record: &Record,
    registry: &Registry,
) -> Vec<Diagnostic> {
    let mut list = index_findings(index, path, record, registry);
    list.extend(link_findings(record, registry));
    crate::analysis::sort_findings(&mut list);
    list
}

/// [`cross_file`] without `broken-link`: the findings that depend on the other files' records.
/// `check` judges links as it reads a file ([`link_findings`]), so the index it builds keeps
/// none, and a file is read again after the index is whole only for what this returns.
pub fn index_findings(
    index: &Personas,
    path: &Path,
    record: &Record,
    registry: &Registry,
) -> Vec<Diagnostic> {
    let mut out = Out {
        registry,
        list: Vec::new(),
    };
    duplicate_names(index, path, record, &mut out);
    unknown_references(index, record, &mut out);
    budgets(index, path, record, &mut out);
    out.list
}

/// The `broken-link` findings of a record: they depend on the file system, not on the index.
pub fn link_findings(record: &Record, registry: &Registry) -> Vec<Diagnostic> {
    let mut out = Out {
        registry,
        list: Vec::new(),
    };
    broken_links(record, &mut out);
    out.list
}

fn namespace(ns: usize) -> &'static Namespace {
    &Schema::builtin().names.namespaces[ns]
}

fn plural(what: &str) -> String {
    format!("{what}s")
}

/// `a`, `a` and `b`, `a`, `b` and 3 more.
fn list_paths(paths: &[&str]) -> String {
    let quoted: Vec<String> = paths.iter().take(2).map(|p| format!("`{p}`")).collect();
    match paths.len() {
        0 => String::new(),
        1 => quoted[0].clone(),
        2 => format!("{} and {}", quoted[0], quoted[1]),
        n => format!("{}, {} and {} more", quoted[0], quoted[1], n - 2),
    }
}

fn level_name(level: Scope) -> &'static str {
    match level {
        Scope::Project => "project",
        Scope::User => "user",
    }
}

/// How two declarations of one name relate.
enum Relation {
    SameScope,
    /// Different levels (project, user): the namespace's precedence decides.
    Levels,
    /// One tool folder nested in the other's project folder.
    Nested,
}

fn relation(a: &ScopeKey, b: &ScopeKey, ns: &Namespace) -> Option<Relation> {
    if a.root != b.root && a.level == b.level {
        return None;
    }
    // Plugin names are qualified by the plugin: they collide only within it.
    if a.plugin != b.plugin {
        return None;
    }
    if a.level != b.level {
        return ns.precedence.as_ref().map(|_| Relation::Levels);
    }
    if a.base == b.base {
        return Some(Relation::SameScope);
    }
    let nested = a.base.starts_with(&b.base) || b.base.starts_with(&a.base);
    (nested && ns.nested.is_some()).then_some(Relation::Nested)
}

/// Same-scope duplicates of one file, grouped by the other files: a `.claude/agents` pair is
/// one finding that names both readers (Claude Code and VS Code), not one per reader.
struct SameScope {
    others: Vec<String>,
    name: String,
    span: std::ops::Range<usize>,
    namespaces: Vec<&'static Namespace>,
}

fn duplicate_names(index: &Personas, path: &Path, record: &Record, out: &mut Out) {
    let mut groups: Vec<SameScope> = Vec::new();
    let mut shadowed: Vec<String> = Vec::new();
    for name in &record.names {
        let ns = namespace(name.ns);
        let key = fold(&name.written, ns.fold);
        let mut same = Vec::new();
        let mut shadow = Vec::new();
        for other in index.declared_like(name, path) {
            if fold(&other.name.written, ns.fold) != key {
                continue;
            }
            match relation(&record.scope, &other.record.scope, ns) {
                Some(Relation::SameScope) => same.push(other.record.rel_path.clone()),
                Some(r) => shadow.push((r, other)),
                None => {}
            }
        }
        let span = name.span.clone().unwrap_or_else(|| record.anchor_span());
        if !same.is_empty() {
            same.sort();
            match groups.iter_mut().find(|g| g.others == same) {
                Some(g) => g.namespaces.push(ns),
                None => groups.push(SameScope {
                    others: same,
                    name: name.written.clone(),
                    span: span.clone(),
                    namespaces: vec![ns],
                }),
            }
        }
        shadow.sort_by(|a, b| a.1.record.rel_path.cmp(&b.1.record.rel_path));
        if let Some((relation, other)) = shadow.first() {
            if shadowed.contains(&other.record.rel_path) {
                continue;
            }
            shadowed.push(other.record.rel_path.clone());
            let message = shadow_message(record, &name.written, ns, relation, other);
            out.report(Code::DuplicateName, Some(&cases::SHADOWED), span, message);
        }
    }
    for g in groups {
        let first = g.namespaces[0];
        let others: Vec<&str> = g.others.iter().map(String::as_str).collect();
        let count = if others.len() == 1 {
            "Two".to_string()
        } else {
            (others.len() + 1).to_string()
        };
        let says: Vec<String> = g
            .namespaces
            .iter()
            .map(|ns| {
                let s = &ns.same_scope.says;
                if s.starts_with(&ns.tool) {
                    s.clone()
                } else {
                    format!("for {}, {s}", ns.tool)
                }
            })
            .collect();
        let message = format!(
            "{count} {} are named `{}` in {} (also {}): {}. Rename all but one of them.",
            plural(&first.what),
            g.name,
            record.scope.describe(),
            list_paths(&others),
            says.join("; "),
        );
        // The level of the file's own tool (its first identity row): other readers are named
        // in the message.
        let level = first.same_scope.level;
        out.report(
            Code::DuplicateName,
            mild_case(level, &cases::SHADOWED),
            g.span,
            message,
        );
    }
}

fn shadow_message(
    record: &Record,
    name: &str,
    ns: &Namespace,
    relation: &Relation,
    other: &Declared,
) -> String {
    match relation {
        Relation::Levels => {
            let p = ns.precedence.as_ref().expect("Levels needs a precedence");
            let levels = [record.scope.level, other.record.scope.level];
            let winner = p
                .order
                .iter()
                .find(|l| levels.iter().any(|s| level_name(*s) == l.as_str()))
                .map_or("project", |s| s.as_str());
            format!(
                "This {} {} `{name}` has the name of the {} one at `{}`: {}.",
                level_name(record.scope.level),
                ns.what,
                level_name(other.record.scope.level),
                shown_path(other),
                p.says.replace("{winner}", winner),
            )
        }
        _ => {
            let inner = record.scope.base.len() > other.record.scope.base.len();
            let effect = match ns.nested {
                Some(Nested::Closest) => format!(
                    "in a session started in `{}`, {} uses {}",
                    if inner {
                        &record.scope.base
                    } else {
                        &other.record.scope.base
                    },
                    ns.tool,
                    if inner { "the nested one" } else { "that one" }
                ),
                _ => format!(
                    "{} keeps both, the nested one under a folder-qualified name",
                    ns.tool
                ),
            };
            format!(
                "The {} `{name}` is also declared in {} (`{}`): {effect}.",
                ns.what,
                other.record.scope.describe(),
                other.record.rel_path,
            )
        }
    }
}

fn shown_path(d: &Declared) -> String {
    match d.record.scope.level {
        Scope::User => format!("~/{}", d.record.rel_path),
        Scope::Project => d.record.rel_path.clone(),
    }
}

/// The case for a level the data gives (`None`: the rule's default, a warning).
fn mild_case(level: Mildness, info: &'static Case) -> Option<&'static Case> {
    match level {
        Mildness::Warning => None,
        Mildness::Information | Mildness::Hint => Some(info),
    }
}

/// How a reference is shown in messages: `skills: revew`, `handoffs[].agent: x`, `Agent(x)`.
fn written_as(row: &Reference, value: &str) -> String {
    if let Some(tool) = row.tool_arguments.first() {
        format!("`{tool}({value})`")
    } else if let Some(field) = &row.field {
        format!("`{}[].{field}: {value}`", row.key)
    } else {
        format!("`{}: {value}`", row.key)
    }
}

/// Suggestions: at most three names of the namespace that the reference may have meant.
const MAX_SUGGESTIONS: usize = 3;

fn unknown_references(index: &Personas, record: &Record, out: &mut Out) {
    let names = &Schema::builtin().names;
    for r in &record.refs {
        let row = &names.references[r.row];
        let Some(ns_id) = names.namespace(&row.to) else {
            continue;
        };
        let ns = namespace(ns_id);
        let found = index.resolve(record, r);
        let case = match row.level {
            Mildness::Hint | Mildness::Information => Some(&cases::IGNORED),
            Mildness::Warning => None,
        };
        if let Some(target) = found.first() {
            if let Some(refuses) = &row.refuses
                && target.record.setting(&refuses.key) == Some(refuses.value.as_str())
            {
                let message = format!(
                    "{} names the {} at `{}`, but {}.",
                    written_as(row, &r.written),
                    ns.what,
                    target.record.rel_path,
                    refuses.says
                );
                out.report(Code::UnknownReference, case, r.span.clone(), message);
            }
            continue;
        }
        let suggestions = suggest_names(index, ns_id, &r.written);
        let mut message = format!(
            "{} names no {} {} in {}: {}.",
            written_as(row, &r.written),
            ns.tool,
            ns.what,
            record.scope.describe(),
            row.says
        );
        match suggestions.as_slice() {
            [] => {}
            [one] => message.push_str(&format!(" Did you mean `{one}`?")),
            many => {
                let quoted: Vec<String> = many.iter().map(|s| format!("`{s}`")).collect();
                message.push_str(&format!(" Did you mean one of {}?", quoted.join(", ")));
            }
        }
        if let Some(d) = out.report(Code::UnknownReference, case, r.span.clone(), message) {
            for s in suggestions {
                d.fixes.push(Fix::manual(
                    format!("Change to `{s}`"),
                    vec![TextEdit::replace(r.span.clone(), s)],
                ));
            }
        }
    }
}

/// The names of `ns` that `from` can see and that `word` is a plausible typo of: the same
/// but for case and separators, a qualified name ending in it, or a small edit away.
/// Names of other roots are offered too: rare, and a lookup per root would cost more.
fn suggest_names(index: &Personas, ns: usize, word: &str) -> Vec<String> {
    // Many references miss the same name: asked once per name until the index changes.
    index.suggestions(ns, word, || rank_names(index, ns, word))
}

fn rank_names(index: &Personas, ns: usize, word: &str) -> Vec<String> {
    use crate::schema::names::Fold::CasefoldSeparators;
    let word_len = word.chars().count();
    let max = if word_len <= 4 { 1 } else { 2 };
    let loose = fold(word, CasefoldSeparators);
    // The same but for case and separators: the names of the word's bucket.
    let mut ranked: Vec<(usize, String)> = index
        .bucket_names(ns, word)
        .into_iter()
        .filter(|n| n != word)
        .filter(|n| {
            let last = n.rsplit(':').next().unwrap_or(n);
            fold(n, CasefoldSeparators) == loose || fold(last, CasefoldSeparators) == loose
        })
        .map(|n| (0, n))
        .collect();
    // A small edit away. The distance is at least the difference in length, and a character
    // is at most four bytes: only names whose byte length is near are looked at.
    let word_mask = byte_mask(word);
    let shapes = index.shapes(ns);
    let from = shapes.partition_point(|s| s.last_bytes + max * 4 < word.len());
    let near: Vec<(usize, String)> = shapes[from..]
        .iter()
        .take_while(|s| s.last_bytes <= word.len() + max * 4)
        .filter_map(|s| {
            // Each edit adds or removes at most one byte value (one character: up to four
            // bytes), so names whose sets of bytes differ more are no typo of the word.
            let differing = (s.mask ^ word_mask).count_ones() as usize;
            if s.name == word
                || differing > 2 * max * 4
                || (s.last_ascii && word.is_ascii() && differing > 2 * max)
                || s.last_chars.abs_diff(word_len) > max
            {
                return None;
            }
            let last = s.name.rsplit(':').next().unwrap_or(&s.name);
            let d = suggest::distance(word, last);
            (d <= max).then(|| (d.max(1), s.name.clone()))
        })
        .collect();
    for (d, n) in near {
        if !ranked.iter().any(|(_, r)| *r == n) {
            ranked.push((d, n));
        }
    }
    ranked.sort();
    ranked
        .into_iter()
        .take(MAX_SUGGESTIONS)
        .map(|(_, n)| n)
        .collect()
}

fn budgets(index: &Personas, path: &Path, record: &Record, out: &mut Out) {
    let names = &Schema::builtin().names;
    let config = &out.registry.config;
    for (i, b) in names.budgets.iter().enumerate() {
        let key = GroupKey {
            budget: i,
            scope: record.scope.clone(),
        };
        let Some(group) = index.budgets.group(&key) else {
            continue;
        };
        let limit = config
            .limit(&b.config)
            .unwrap_or_else(|| b.default_limit(config.context_tokens()));
        if group.total <= limit {
            continue;
        }
        let reported = group.reported(group.total - limit);
        let Some(&(_, cost)) = reported.iter().find(|(p, _)| p == path) else {
            continue;
        };
        let unit = match b.unit {
            crate::schema::names::Unit::Tokens => "tokens",
            crate::schema::names::Unit::Chars => "characters",
        };
        let estimate = match b.unit {
            crate::schema::names::Unit::Tokens => {
                "estimated as characters / 4, as Claude Code estimates them"
            }
            crate::schema::names::Unit::Chars => "counted in UTF-16 units",
        };
        let message = format!(
            "This entry is ≈ {} of the ≈ {} {unit} of {} in {} ({} in all), over the limit of {} ({estimate}): {}. `persona-ls check --budget` lists every entry.",
            budget::short(cost),
            budget::short(group.total),
            b.title,
            record.scope.describe(),
            group.len(),
            budget::short(limit),
            b.says.replace("{limit}", &limit.to_string()),
        );
        let span = record
            .meta
            .description_span
            .clone()
            .unwrap_or_else(|| record.anchor_span());
        out.report(Code::ContextBudget, None, span, message);
    }
}

/// A link's target exists: the entry itself, not what a symbolic link leads to (the index
/// never follows a link out of the workspace).
fn exists(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

fn broken_links(record: &Record, out: &mut Out) {
    let names = &Schema::builtin().names;
    let dialect = &out.registry.dialects[record.dialect].id;
    let Some(row) = names.links_of(dialect) else {
        return;
    };
    for link in &record.links {
        if exists(&link.path) || link.from_root.as_deref().is_some_and(exists) {
            continue;
        }
        let shown = link
            .path
            .strip_prefix(&record.scope.root)
            .unwrap_or(&link.path)
            .display()
            .to_string();
        let case = row
            .hint_forms
            .contains(&link.form)
            .then_some(&cases::BARE_PATH);
        let near = near_file(&link.path);
        let mut message = format!(
            "`{}` points at no file (`{shown}`): {}.",
            link.target, row.says
        );
        if let Some(n) = &near {
            message.push_str(&format!(" Did you mean `{n}`?"));
        }
        if let Some(d) = out.report(Code::BrokenLink, case, link.span.clone(), message)
            && let Some(n) = near
        {
            // The target as written, with its last segment replaced.
            let written = match link.target.rsplit_once('/') {
                Some((dir, _)) => format!("{dir}/{n}"),
                None => n.clone(),
            };
            d.fixes.push(Fix::manual(
                format!("Change to `{written}`"),
                vec![TextEdit::replace(link.span.clone(), written)],
            ));
        }
    }
}

/// Files read from one folder for a "did you mean": a folder of 100,000 files is not read
/// whole for one suggestion.
const MAX_SIBLINGS: usize = 1000;

/// A file beside the missing one whose name is a plausible typo of its name.
fn near_file(missing: &Path) -> Option<String> {
    let name = missing.file_name()?.to_str()?;
    let entries = std::fs::read_dir(missing.parent()?).ok()?;
    let siblings: Vec<String> = entries
        .take(MAX_SIBLINGS)
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    suggest::closest(name, siblings.iter().map(String::as_str)).map(str::to_string)
}
