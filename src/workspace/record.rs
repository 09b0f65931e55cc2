//! A persona's record in the workspace index: what other files need to know about it (its
//! names, its scope, its references, the size of its always-loaded metadata), read from the
//! parse its own analysis made. `names.yaml` says what each dialect's names and references are.

use crate::analysis::Parsed;
use crate::analysis::tool_list;
use crate::dialect::{Detected, Markers, Registry};
use crate::project::Scope;
use crate::schema::names::{Identity, NameFrom, Names};
use crate::schema::{Dialect, ListStyle, Schema, ValueType};
use crate::syntax::yaml::{Entry, Node, NodeKind};
use std::ops::Range;
use std::path::{Path, PathBuf};

/// Where a persona applies: personas see and shadow each other only within one root.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ScopeKey {
    /// The project root (or the home folder, for user-level files).
    pub root: PathBuf,
    pub level: Scope,
    /// The plugin the file belongs to, by name.
    pub plugin: Option<String>,
    /// The `/`-separated folder (relative to `root`, empty or ending in `/`) that holds the
    /// tool's folder: `apps/web/` for `apps/web/.claude/agents/x.md`. A plugin's root for a
    /// plugin's files.
    pub base: String,
}

impl ScopeKey {
    /// Whether personas at `self` are loaded by a session that loads `other`'s: the same
    /// folder, or one above it (Claude Code loads nested tool folders from the working
    /// directory up).
    pub fn encloses(&self, other: &ScopeKey) -> bool {
        self.root == other.root && self.level == other.level && other.base.starts_with(&self.base)
    }

    /// `this project`, `this project's apps/web/`, `the user folder`, `plugin p`.
    pub fn describe(&self) -> String {
        match (&self.plugin, self.level) {
            (Some(p), _) => format!("plugin `{p}`"),
            (None, Scope::User) => "your user folder".to_string(),
            (None, Scope::Project) if self.base.is_empty() => "this project".to_string(),
            (None, Scope::Project) => format!("`{}` in this project", self.base),
        }
    }
}

/// One name a persona is known by, in one namespace.
#[derive(Debug, Clone, PartialEq)]
pub struct Name {
    /// Index into `names.yaml`'s namespaces.
    pub ns: usize,
    /// Index into its identities (the row that gave it).
    pub identity: usize,
    /// As the tool keys it: `plugin:name` in a plugin.
    pub written: String,
    pub from: NameFrom,
    /// Where the name is written, when it comes from the `name` key.
    pub span: Option<Range<usize>>,
}

/// A value that names another persona.
#[derive(Debug, Clone, PartialEq)]
pub struct Ref {
    /// Index into `names.yaml`'s references.
    pub row: usize,
    pub written: String,
    pub span: Range<usize>,
}

/// A link in the body to another file.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub form: crate::syntax::links::LinkForm,
    /// As the reader takes it (decoded).
    pub target: String,
    pub span: Range<usize>,
    /// The file it points at, absolute and lexically normalised (inside the project: a link
    /// that climbs out of it is not followed).
    pub path: PathBuf,
    /// Where it points from the project root, when the dialect's readers may read it so (the
    /// links row's `or-root`).
    pub from_root: Option<PathBuf>,
}

/// The always-loaded metadata: what a listing shows of the persona.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meta {
    /// UTF-16 code units of the description and `when_to_use` (what listings count).
    pub description_units: usize,
    pub when_to_use_units: usize,
    pub description_span: Option<Range<usize>>,
    pub when_to_use_span: Option<Range<usize>>,
    /// The description's start, for symbols (at most [`PREVIEW_CHARS`] characters).
    pub preview: String,
}

const PREVIEW_CHARS: usize = 80;

#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// Index into the registry's dialects.
    pub dialect: usize,
    pub scope: ScopeKey,
    pub names: Vec<Name>,
    pub refs: Vec<Ref>,
    pub links: Vec<Link>,
    pub meta: Meta,
    /// The top-level scalar settings that `names.yaml` asks about (`refuses`, `excludes`).
    pub settings: Vec<(String, String)>,
    /// `/`-separated path relative to `scope.root`.
    pub rel_path: String,
}

impl Record {
    pub fn setting(&self, key: &str) -> Option<&str> {
        self.settings
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The span to report a finding about the whole persona on: its name, else its
    /// front matter's opening line.
    pub fn anchor_span(&self) -> Range<usize> {
        self.names
            .iter()
            .find_map(|n| n.span.clone())
            .unwrap_or(0..3)
    }
}

/// Where the file is, as the project model found it.
pub struct Origin<'a> {
    pub root: &'a Path,
    pub rel_path: &'a str,
    pub level: Scope,
    pub markers: Markers,
}

impl<'a> Origin<'a> {
    /// Where the project model placed a file.
    pub fn of(place: &'a crate::project::Place) -> Origin<'a> {
        Origin {
            root: &place.root,
            rel_path: &place.rel_path,
            level: place.scope,
            markers: place.markers,
        }
    }
}

/// The record of a persona, from the parse its analysis made.
pub fn record(
    text: &str,
    parsed: &Parsed,
    origin: &Origin,
    registry: &Registry,
    detected: &Detected,
) -> Record {
    let names_table = &Schema::builtin().names;
    let dialect = registry.dialect(detected);
    let entries: &[Entry] = parsed
        .yaml
        .as_ref()
        .filter(|y| y.not_a_mapping.is_none())
        .map_or(&[], |y| &y.entries);
    let entry = |key: &str| entries.iter().find(|e| e.valid && e.key == key);
    let rel = origin.rel_path;
    // The identity rows for this file, matched once (their globs are most of a record's cost).
    let rows: Vec<(usize, &Identity)> = names_table
        .identities
        .iter()
        .enumerate()
        .filter(|(_, r)| r.dialects.contains(&dialect.id) && r.applies(rel))
        .collect();
    let split = rows
        .iter()
        .find_map(|(_, r)| Anchored::split(rel, &r.anchor));
    // Only the files a plugin holds (its `agents/`, `skills/`, `commands/`), not every file
    // below a plugin's root: a repository that is a plugin keeps `.github/agents` too.
    let plugin = dialect
        .plugin
        .as_ref()
        .filter(|p| p.holds(rel, origin.markers))
        .and_then(|_| plugin_of(rel, origin.markers, split.as_ref().map(|a| a.base.as_str())));
    let base = match (&plugin, &split) {
        (Some((_, root)), _) => root.clone(),
        (None, Some(a)) => a.base.clone(),
        (None, None) => String::new(),
    };
    let scope = ScopeKey {
        root: origin.root.to_path_buf(),
        level: origin.level,
        plugin: plugin.as_ref().map(|(name, _)| name.clone()),
        base,
    };
    let mut names = Vec::new();
    // A `README.md` without front matter in an agents folder is documentation, not a persona
    // of that name (a `security.md` agent with front matter is an agent).
    let documentation = parsed.split.block.is_none()
        && registry
            .file_names()
            .is_documentation(rel.rsplit('/').next().unwrap_or(rel));
    for &(i, row) in &rows {
        if documentation {
            break;
        }
        let Some(ns) = names_table.namespace(&row.namespace) else {
            continue;
        };
        if names.iter().any(|n: &Name| n.ns == ns) {
            continue;
        }
        let Some(anchored) = Anchored::split(rel, &row.anchor) else {
            continue;
        };
        let from = if scope.plugin.is_some() && !row.plugin_from.is_empty() {
            &row.plugin_from
        } else {
            &row.from
        };
        if let Some(name) = derive(from, row, &anchored, dialect, registry, text, &entry, i, ns) {
            let name = match &scope.plugin {
                Some(p) => Name {
                    written: format!("{p}:{}", name.written),
                    ..name
                },
                None => name,
            };
            names.push(name);
        }
    }
    let refs = references(text, entries, dialect, registry, names_table);
    let links = links(text, parsed, origin, &dialect.id, names_table);
    let meta = meta(text, dialect, &entry);
    let settings = wanted_settings(names_table)
        .filter_map(|k| {
            let v = entry(k)?.value.as_ref()?.as_scalar()?;
            Some((k.to_string(), v.value.trim().to_string()))
        })
        .collect();
    Record {
        dialect: detected.index,
        scope,
        names,
        refs,
        links,
        meta,
        settings,
        rel_path: rel.to_string(),
    }
}

/// The path split at an identity's anchor: `apps/web/` + `.claude/commands` + `git/commit.md`.
struct Anchored {
    base: String,
    /// Below the anchor, `/`-separated.
    rest: String,
}

impl Anchored {
    /// The split at the last occurrence of the first of `anchors` that the path holds.
    fn split(rel: &str, anchors: &[String]) -> Option<Anchored> {
        anchors.iter().find_map(|a| {
            let at = if rel.starts_with(&format!("{a}/")) {
                Some(0)
            } else {
                rel.rfind(&format!("/{a}/")).map(|i| i + 1)
            }?;
            Some(Anchored {
                base: rel[..at].to_string(),
                rest: rel[at + a.len() + 1..].to_string(),
            })
        })
    }
}

/// The plugin a file its dialect's `plugin` table holds belongs to, and its root
/// (`/`-terminated, relative to the project root): the nearest folder with a plugin marker
/// (`.claude-plugin/plugin.json`), else the folder above the tool's folder
/// (`plugins/<name>/agents/…`). The plugin is named after its folder
/// (`plugin.json`'s `name` is not read yet; the two agree in the plugins seen so far).
fn plugin_of(rel: &str, markers: Markers, base: Option<&str>) -> Option<(String, String)> {
    if let Some((depth, _)) = markers.plugin_root() {
        let segments: Vec<&str> = rel.split('/').collect();
        if depth < segments.len() {
            let root: String = segments[..depth].iter().map(|s| format!("{s}/")).collect();
            let name = segments[..depth].last().copied().unwrap_or("");
            if !name.is_empty() {
                return Some((name.to_string(), root));
            }
        }
    }
    let base = base?;
    let inner = base.strip_suffix('/')?;
    let name = inner.rsplit('/').next().unwrap_or(inner);
    (!name.is_empty()).then(|| (name.to_string(), base.to_string()))
}

#[allow(clippy::too_many_arguments)]
fn derive<'e>(
    from: &[NameFrom],
    row: &Identity,
    anchored: &Anchored,
    dialect: &Dialect,
    registry: &Registry,
    text: &str,
    entry: &impl Fn(&str) -> Option<&'e Entry>,
    identity: usize,
    ns: usize,
) -> Option<Name> {
    let file_name = anchored.rest.rsplit('/').next().unwrap_or(&anchored.rest);
    let stems = registry.file_names();
    for f in from {
        let (written, span) = match f {
            NameFrom::Key => {
                let Some(e) = dialect.roles.name.as_deref().and_then(entry) else {
                    continue;
                };
                let Some((value, span)) = e.value.as_ref().and_then(|v| scalar(text, v)) else {
                    continue;
                };
                if value.is_empty() {
                    continue;
                }
                if row.not_named.iter().any(|c| value.contains(c.as_str())) {
                    // The tool does not load it under any name.
                    return None;
                }
                (value, Some(span))
            }
            NameFrom::Stem => (stems.stem(file_name).to_string(), None),
            NameFrom::Folder => {
                let mut parts = anchored.rest.rsplit('/');
                parts.next();
                match parts.next() {
                    Some(folder) if !folder.is_empty() => (folder.to_string(), None),
                    _ => continue,
                }
            }
            NameFrom::RelPath | NameFrom::RelPathSlash => {
                let (dir, _) = anchored.rest.rsplit_once('/').unwrap_or(("", ""));
                let stem = stems.stem(file_name);
                let sep = if *f == NameFrom::RelPath { ":" } else { "/" };
                let joined = if dir.is_empty() {
                    stem.to_string()
                } else {
                    format!("{}{sep}{stem}", dir.replace('/', sep))
                };
                (joined, None)
            }
        };
        if written.is_empty() {
            continue;
        }
        return Some(Name {
            ns,
            identity,
            written,
            from: *f,
            span,
        });
    }
    None
}

/// A one-line scalar's value, trimmed, and the span of its text inside any quotes.
fn scalar(text: &str, v: &Node) -> Option<(String, Range<usize>)> {
    let s = v.as_scalar()?;
    if s.style.is_block() {
        return None;
    }
    let value = s.value.trim().to_string();
    let raw = text.get(v.range.clone())?;
    let span = match raw.find(value.as_str()) {
        Some(i) if !value.is_empty() => v.range.start + i..v.range.start + i + value.len(),
        _ => v.range.clone(),
    };
    Some((value, span))
}

fn references(
    text: &str,
    entries: &[Entry],
    dialect: &Dialect,
    registry: &Registry,
    names: &Names,
) -> Vec<Ref> {
    let mut out = Vec::new();
    for (row, r) in names.references.iter().enumerate() {
        if !r.dialects.contains(&dialect.id) {
            continue;
        }
        if r.when_absent
            .as_deref()
            .is_some_and(|k| entries.iter().any(|e| e.key == k))
        {
            continue;
        }
        let Some(e) = entries.iter().find(|e| e.valid && e.key == r.key) else {
            continue;
        };
        // A key its tool ignores without another (`agent` without `context: fork`) names
        // nothing: `ineffective-key` says so, once.
        let unmet = dialect.requires.iter().any(|q| {
            q.key == r.key
                && !entries.iter().any(|n| {
                    n.key == q.needs.key
                        && n.value
                            .as_ref()
                            .and_then(|v| v.as_scalar())
                            .is_some_and(|s| s.value.trim() == q.needs.value)
                })
        });
        if unmet {
            continue;
        }
        let Some(v) = &e.value else { continue };
        let key = dialect.key(&r.key);
        let builtins = match (&r.builtins, key) {
            (Some(set), _) => Schema::builtin().set(set),
            (None, Some(k)) => registry.values(k),
            (None, None) => &[],
        };
        let mut push = |written: &str, span: Range<usize>| {
            let written = written.trim();
            if written.is_empty()
                || r.skip.iter().any(|s| s == written)
                || builtins.iter().any(|b| b.value == written)
            {
                return;
            }
            out.push(Ref {
                row,
                written: written.to_string(),
                span,
            });
        };
        if !r.tool_arguments.is_empty() {
            let style = dialect.tools.list_style;
            for t in tool_list::tokens(text, v, style) {
                for (arg, span) in tool_args(&t, &r.tool_arguments) {
                    push(arg, span);
                }
            }
        } else if let Some(field) = &r.field {
            let NodeKind::Seq { items, .. } = &v.kind else {
                continue;
            };
            for item in items {
                if let NodeKind::Map { entries, .. } = &item.kind
                    && let Some(f) = entries.iter().find(|f| &f.key == field)
                    && let Some((value, span)) = f.value.as_ref().and_then(|n| scalar(text, n))
                {
                    push(&value, span);
                }
            }
        } else if matches!(v.kind, NodeKind::Seq { .. })
            || key.is_some_and(|k| matches!(k.ty, ValueType::List))
        {
            for t in tool_list::tokens(text, v, ListStyle::Comma) {
                push(tool_list::strip_quotes(&t.name), t.range);
            }
        } else if let Some((value, span)) = scalar(text, v) {
            push(&value, span);
        }
    }
    out
}

/// The body's links to files, by the forms the dialect's readers follow. An unclosed front
/// matter has no body: nothing below its `---` is known to be one.
fn links(text: &str, parsed: &Parsed, origin: &Origin, dialect: &str, names: &Names) -> Vec<Link> {
    let Some(row) = names.links_of(dialect) else {
        return Vec::new();
    };
    if parsed
        .split
        .block
        .as_ref()
        .is_some_and(|b| b.close.is_none())
    {
        return Vec::new();
    }
    let body = parsed.split.body_start.min(text.len())..text.len();
    let file = origin.root.join(origin.rel_path);
    let Some(dir) = file.parent() else {
        return Vec::new();
    };
    crate::syntax::links::links(text, body, &row.forms)
        .into_iter()
        .filter(|l| !names.placeholder(&l.target))
        .filter_map(|l| {
            let path = crate::syntax::links::resolve(dir, origin.root, &l)?;
            let from_root = row
                .or_root
                .then(|| crate::syntax::links::resolve(origin.root, origin.root, &l))
                .flatten();
            Some(Link {
                form: l.form,
                target: l.target,
                span: l.range,
                path,
                from_root,
            })
        })
        .collect()
}

/// The arguments of `Agent(a, b)` when the tool is one of `tools`, with their spans.
fn tool_args<'t>(t: &'t tool_list::Token, tools: &[String]) -> Vec<(&'t str, Range<usize>)> {
    let name = t.name.as_str();
    let Some(open) = name.find('(') else {
        return Vec::new();
    };
    if !tools.iter().any(|tool| name[..open].trim() == tool) {
        return Vec::new();
    }
    let close = name.rfind(')').filter(|c| *c > open).unwrap_or(name.len());
    let inner = &name[open + 1..close];
    let mut out = Vec::new();
    let mut at = open + 1;
    for part in inner.split(',') {
        let lead = part.len() - part.trim_start().len();
        let arg = part.trim();
        if !arg.is_empty() {
            let start = t.range.start + at + lead;
            out.push((arg, start..start + arg.len()));
        }
        at += part.len() + 1;
    }
    // A span that does not fit the token (escapes moved the text) falls back to the token.
    out.into_iter()
        .map(|(a, s)| {
            if s.end <= t.range.end {
                (a, s)
            } else {
                (a, t.range.clone())
            }
        })
        .collect()
}

fn meta<'e>(text: &str, dialect: &Dialect, entry: &impl Fn(&str) -> Option<&'e Entry>) -> Meta {
    let mut m = Meta::default();
    let units = |s: &str| s.encode_utf16().count();
    if let Some(e) = dialect.roles.description.as_deref().and_then(entry)
        && let Some(s) = e.value.as_ref().and_then(|v| v.as_scalar())
    {
        let value = s.value.trim();
        m.description_units = units(value);
        m.description_span = e.value.as_ref().map(|v| v.range.clone());
        m.preview = preview(value);
    }
    let _ = text;
    if let Some(e) = entry(WHEN_TO_USE)
        && let Some(s) = e.value.as_ref().and_then(|v| v.as_scalar())
    {
        m.when_to_use_units = units(s.value.trim());
        m.when_to_use_span = e.value.as_ref().map(|v| v.range.clone());
    }
    m
}

/// The key a budget's entry template names as `{when_to_use}`.
const WHEN_TO_USE: &str = "when_to_use";

fn preview(s: &str) -> String {
    let one_line: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    match one_line.char_indices().nth(PREVIEW_CHARS) {
        Some((i, _)) => format!("{}…", &one_line[..i]),
        None => one_line,
    }
}

/// The keys whose values `names.yaml`'s `refuses` and `excludes` read.
fn wanted_settings(names: &Names) -> impl Iterator<Item = &str> {
    let mut keys: Vec<&str> = names
        .references
        .iter()
        .filter_map(|r| r.refuses.as_ref().map(|f| f.key.as_str()))
        .chain(
            names
                .budgets
                .iter()
                .filter_map(|b| b.excludes.as_ref().map(|e| e.key.as_str())),
        )
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys.into_iter()
}

/// The record of `text` at `rel` in a project at `/p`, for tests.
#[cfg(test)]
pub(crate) fn record_at(rel: &str, text: &str, markers: Markers) -> Record {
    let registry = Registry::builtin();
    let parsed = Parsed::new(text);
    let detected = registry
        .detect(rel, parsed.yaml.as_ref(), markers, None)
        .expect("a persona");
    let origin = Origin {
        root: Path::new("/p"),
        rel_path: rel,
        level: Scope::Project,
        markers,
    };
    record(text, &parsed, &origin, &registry, &detected)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each name of the file at `rel`, as `namespace=name`, and its references.
    fn names(rel: &str, text: &str, markers: Markers) -> (Vec<String>, Vec<String>) {
        let r = record_at(rel, text, markers);
        let ns = &Schema::builtin().names.namespaces;
        (
            r.names
                .iter()
                .map(|n| format!("{}={}", ns[n.ns].id, n.written))
                .collect(),
            r.refs
                .iter()
                .map(|f| format!("{}@{}..{}", f.written, f.span.start, f.span.end))
                .collect(),
        )
    }

    #[test]
    fn names_come_from_where_each_tool_takes_them() {
        let agent = "---\nname: rev\ndescription: d\n---\n";
        assert_eq!(
            names(".claude/agents/sub/x.md", agent, Markers::default()).0,
            ["claude-code-agent=rev", "vscode-agent=rev"]
        );
        // A `:` in the name: Claude Code loads the file under no name.
        assert_eq!(
            names(
                ".claude/agents/x.md",
                "---\nname: a:b\ndescription: d\n---\n",
                Markers::default()
            )
            .0,
            ["vscode-agent=a:b"]
        );
        // Skills by folder; commands by path, `/` as `:`.
        assert_eq!(
            names(
                ".claude/skills/deploy/SKILL.md",
                "---\nname: other\ndescription: d\n---\n",
                Markers::default()
            )
            .0,
            ["claude-code-skill=deploy"]
        );
        assert_eq!(
            names(
                ".claude/commands/git/commit.md",
                "---\ndescription: d\n---\n",
                Markers::default()
            )
            .0,
            ["claude-code-command=git:commit"]
        );
        // A plugin's names are qualified by the plugin's folder.
        assert_eq!(
            names(
                "plugins/tools/skills/lint/SKILL.md",
                "---\nname: lint2\ndescription: d\n---\n",
                Markers::default()
            )
            .0,
            ["claude-code-skill=tools:lint2"]
        );
        // VS Code names a custom agent by `name`, Copilot CLI by the file name.
        assert_eq!(
            names(
                ".github/agents/p.agent.md",
                "---\nname: Planner\ndescription: d\n---\n",
                Markers::default()
            )
            .0,
            ["vscode-agent=Planner", "copilot-cli-agent=p"]
        );
        // VS Code does not read `.github/agents` subfolders; Copilot CLI does.
        assert_eq!(
            names(
                ".github/agents/old/p.agent.md",
                "---\nname: Planner\ndescription: d\n---\n",
                Markers::default()
            )
            .0,
            ["copilot-cli-agent=p"]
        );
        // OpenCode keeps subfolders with `/`.
        assert_eq!(
            names(
                ".opencode/agents/review/security.md",
                "---\ndescription: d\nmode: subagent\n---\n",
                Markers::default()
            )
            .0,
            ["opencode-agent=review/security"]
        );
    }

    #[test]
    fn references_have_their_spans_and_skip_built_ins() {
        let text = "---\nname: a\ndescription: d\ntools: Read, Agent(rev, Explore)\nskills: [x, \"y\"]\n---\n";
        let (_, refs) = names(".claude/agents/a.md", text, Markers::default());
        let at = |s: &str| text.find(s).unwrap();
        assert_eq!(
            refs,
            [
                format!("x@{}..{}", at("x,"), at("x,") + 1),
                format!("y@{}..{}", at("y\""), at("y\"") + 1),
                format!("rev@{}..{}", at("rev"), at("rev") + 3),
            ]
        );
        // A skill's `agent` without `context: fork` is ignored: no reference.
        let skill = "---\nname: s\ndescription: d\nagent: rev\n---\n";
        assert!(
            names(".claude/skills/s/SKILL.md", skill, Markers::default())
                .1
                .is_empty()
        );
        // VS Code reads `mode` only without `agent`.
        let prompt = "---\nagent: planner\nmode: other\n---\n";
        assert_eq!(
            names(".github/prompts/p.prompt.md", prompt, Markers::default()).1,
            ["planner@11..18"]
        );
    }
}
