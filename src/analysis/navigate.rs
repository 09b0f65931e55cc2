//! Navigation over the workspace index: go to definition, find references, rename, workspace
//! symbols, document links and the cost glance (reference counts, listing cost). Pure
//! functions over [`Personas`] and the current file's record and text, in byte ranges; the
//! server converts them (`src/lsp/handlers/{definition,references,rename,…}.rs`).
//!
//! Everything that leads somewhere is a [`Jump`]: a span of the current file and where it
//! goes. References (`skills:` items, `agent:`, `Agent(x)`, …) are jumps to the personas they
//! resolve to; body links (`[x](references/a.md)`) will be jumps to files, added to [`jumps`].

use crate::dialect::Registry;
use crate::schema::Schema;
use crate::schema::names::{NameFrom, Rename};
use crate::workspace::Personas;
use crate::workspace::budget;
use crate::workspace::record::{Name, Record, Ref};
use std::collections::HashSet;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// A place in a file of the workspace: a byte range of its text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Place {
    pub path: PathBuf,
    pub span: Range<usize>,
}

impl Place {
    fn key(&self) -> (&Path, usize, usize) {
        (&self.path, self.span.start, self.span.end)
    }
}

/// A span of the current file that leads to other files (best first).
#[derive(Debug, Clone, PartialEq)]
pub struct Jump {
    pub span: Range<usize>,
    /// The target's `name` value, else its start (`0..0`).
    pub targets: Vec<Place>,
}

/// The namespace a reference names.
fn ref_ns(r: &Ref) -> Option<usize> {
    let names = &Schema::builtin().names;
    names.namespace(&names.references[r.row].to)
}

/// Where a declaration is written: its name's span, else any name span of its file, else the
/// file's start.
fn declared_at(path: &Path, record: &Record, name: &Name) -> Place {
    let span = name
        .span
        .clone()
        .or_else(|| record.names.iter().find_map(|n| n.span.clone()))
        .unwrap_or(0..0);
    Place {
        path: path.to_path_buf(),
        span,
    }
}

/// Whether `offset` is in `span` (its end included: a cursor just after a name is on it).
fn on(span: &Range<usize>, offset: usize) -> bool {
    span.start <= offset && offset <= span.end
}

/// Every span of `record` that leads somewhere: its references that resolve, and its body
/// links to files that exist (at the file's start).
pub fn jumps(index: &Personas, record: &Record) -> Vec<Jump> {
    let refs = record.refs.iter().filter_map(|r| {
        let targets: Vec<Place> = index
            .resolve(record, r)
            .iter()
            .map(|d| declared_at(d.path, d.record, d.name))
            .collect();
        (!targets.is_empty()).then(|| Jump {
            span: r.span.clone(),
            targets,
        })
    });
    let links = record.links.iter().filter_map(|l| {
        // The file the reader finds: beside the persona first, else from the project root.
        let path = std::iter::once(&l.path)
            .chain(l.from_root.iter())
            .find(|p| std::fs::symlink_metadata(p).is_ok_and(|m| m.is_file()))?;
        Some(Jump {
            span: l.span.clone(),
            targets: vec![Place {
                path: path.clone(),
                span: 0..0,
            }],
        })
    });
    refs.chain(links).collect()
}

/// Go to definition at `offset`: the personas the reference there resolves to.
pub fn definition(index: &Personas, record: &Record, offset: usize) -> Vec<Place> {
    jumps(index, record)
        .into_iter()
        .find(|j| on(&j.span, offset))
        .map(|j| j.targets)
        .unwrap_or_default()
}

/// A place at a file's start moved to the file's `name` value, when it has one: the name of a
/// Claude Code project skill comes from its folder, but its `name` value is where to look.
pub fn at_name_value(
    index: &Personas,
    place: &mut Place,
    registry: &Registry,
    source: &dyn Source,
) {
    if place.span != (0..0) {
        return;
    }
    let (Some(record), Some(file)) = (index.get(&place.path), source.text(&place.path)) else {
        return;
    };
    if let Some(span) = name_value(&file.text, record, registry) {
        place.span = span;
    }
}

/// The personas a cursor at `offset` of the file at `path` is about: those its reference
/// there resolves to, else the file itself.
fn subjects(index: &Personas, path: &Path, record: &Record, offset: usize) -> Vec<PathBuf> {
    if let Some(r) = record.refs.iter().find(|r| on(&r.span, offset)) {
        let found: Vec<PathBuf> = index
            .resolve(record, r)
            .iter()
            .map(|d| d.path.to_path_buf())
            .collect();
        if !found.is_empty() {
            return found;
        }
    }
    vec![path.to_path_buf()]
}

/// Every reference in the workspace that resolves to the persona at `target` (whose record
/// is `decl`), as `(referring file, reference)`; `current` stands for the file at
/// `current_path` (its text may be newer than its index entry).
fn referring<'a>(
    index: &'a Personas,
    target: &Path,
    decl: &'a Record,
    current: (&'a Path, &'a Record),
    only: Option<&Name>,
) -> Vec<(PathBuf, &'a Record, &'a Ref)> {
    let mut files: Vec<&PathBuf> = Vec::new();
    let mut seen = HashSet::new();
    for n in decl.names.iter().filter(|n| only.is_none_or(|o| o == *n)) {
        for p in index.referrers(n) {
            if seen.insert(p) {
                files.push(p);
            }
        }
    }
    let mut out = Vec::new();
    let mut consider = |path: &Path, rec: &'a Record| {
        for r in &rec.refs {
            let wanted = decl
                .names
                .iter()
                .filter(|n| only.is_none_or(|o| o == *n))
                .any(|n| Some(n.ns) == ref_ns(r));
            if wanted && index.resolve(rec, r).iter().any(|d| d.path == target) {
                out.push((path.to_path_buf(), rec, r));
            }
        }
    };
    for p in files {
        if p.as_path() == current.0 {
            continue;
        }
        if let Some(rec) = index.get(p) {
            consider(p, rec);
        }
    }
    consider(current.0, current.1);
    out.sort_by(|a, b| (&a.0, a.2.span.start).cmp(&(&b.0, b.2.span.start)));
    out
}

/// The record of `path`: the current one for the current file, else the index's.
fn record_of<'a>(
    index: &'a Personas,
    path: &Path,
    current: (&Path, &'a Record),
) -> Option<&'a Record> {
    if path == current.0 {
        Some(current.1)
    } else {
        index.get(path).map(|r| &**r)
    }
}

/// Find references at `offset` of the file at `path` (current record `record`): every
/// reference in the workspace to the persona the cursor is about (the one its reference
/// there names, else this file's), with its name when `include_declaration`.
pub fn references(
    index: &Personas,
    path: &Path,
    record: &Record,
    offset: usize,
    include_declaration: bool,
) -> Vec<Place> {
    let mut out = Vec::new();
    for target in subjects(index, path, record, offset) {
        let Some(decl) = record_of(index, &target, (path, record)) else {
            continue;
        };
        if include_declaration {
            out.extend(decl.names.iter().filter_map(|n| {
                n.span.clone().map(|span| Place {
                    path: target.clone(),
                    span,
                })
            }));
        }
        out.extend(
            referring(index, &target, decl, (path, record), None)
                .into_iter()
                .map(|(p, _, r)| Place {
                    path: p,
                    span: r.span.clone(),
                }),
        );
    }
    out.sort_by(|a, b| a.key().cmp(&b.key()));
    out.dedup();
    out
}

/// How many references in the workspace name the persona at `path` (the code lens).
pub fn reference_count(index: &Personas, path: &Path, record: &Record) -> usize {
    referring(index, path, record, (path, record), None).len()
}

// ---------------------------------------------------------------------------------------
// Rename

/// A file's current text, as the editor has it (`version`) or as it is on disk (`None`).
#[derive(Debug, Clone)]
pub struct FileText {
    pub text: String,
    pub version: Option<i32>,
}

/// Where a rename reads the files it edits.
pub trait Source {
    /// The current text of a file of the workspace: an open document's, else the disk's
    /// (inside the workspace folders only).
    fn text(&self, path: &Path) -> Option<FileText>;
    /// The record of `text` at `path`, for a file whose index entry is older than its text.
    fn record(&self, path: &Path, text: &str) -> Option<Record>;
    /// Whether a file or folder exists at `path`.
    fn exists(&self, path: &Path) -> bool;
}

/// One file's edits, with the text they apply to.
#[derive(Debug, Clone)]
pub struct FileEdits {
    pub path: PathBuf,
    pub text: FileText,
    /// Byte ranges of `text` and their new text, in order.
    pub edits: Vec<(Range<usize>, String)>,
}

/// What a rename changes: text edits (on the files where they are now) and the files or
/// folders renamed, in order, each named as it is before any of them is made.
#[derive(Debug, Clone, Default)]
pub struct RenamePlan {
    pub files: Vec<FileEdits>,
    pub moves: Vec<(PathBuf, PathBuf)>,
}

/// A cursor in the current file: its path, its record and text (the editor's, which may be
/// newer than its index entry) and the byte offset.
#[derive(Clone, Copy)]
pub struct Cursor<'a> {
    pub path: &'a Path,
    pub record: &'a Record,
    pub text: &'a str,
    pub offset: usize,
}

/// What a rename at a cursor renames.
struct Subject<'a> {
    path: PathBuf,
    record: &'a Record,
    name: &'a Name,
    /// The name without its plugin qualifier (`p:old` → `old`).
    local: String,
    /// Where the cursor's name is written in the current file: the range to rename.
    range: Range<usize>,
}

/// The plugin qualifier a persona's names carry (`p:`), empty outside plugins.
fn qualifier(record: &Record) -> String {
    record
        .scope
        .plugin
        .as_ref()
        .map(|p| format!("{p}:"))
        .unwrap_or_default()
}

/// The part of a reference's text that is the name's own (after the qualifier it keeps),
/// located in `text`; `None` when the text at the span is no longer the reference.
fn local_span(text: &str, r: &Ref, qualifier: &str) -> Option<Range<usize>> {
    let raw = text.get(r.span.clone())?;
    let at = raw.find(r.written.as_str())?;
    let start = r.span.start + at;
    let skip = if r.written.starts_with(qualifier) && !qualifier.is_empty() {
        qualifier.len()
    } else {
        r.written.rfind(':').map_or(0, |i| i + 1)
    };
    Some(start + skip..start + r.written.len())
}

fn subject<'a>(
    index: &'a Personas,
    at: &Cursor<'a>,
    registry: &Registry,
) -> Result<Subject<'a>, String> {
    let Cursor {
        path,
        record,
        text,
        offset,
    } = *at;
    if let Some(name) = record
        .names
        .iter()
        .find(|n| n.span.as_ref().is_some_and(|s| on(s, offset)))
    {
        let q = qualifier(record);
        return Ok(Subject {
            path: path.to_path_buf(),
            record,
            name,
            local: name
                .written
                .strip_prefix(&q)
                .unwrap_or(&name.written)
                .to_string(),
            range: name.span.clone().unwrap_or(0..0),
        });
    }
    // A name that comes from the folder (a Claude Code project skill) has no span, but its
    // `name` value says the same name: go to definition lands there, and a rename from there
    // renames that name (and so the folder).
    if let Some(span) = name_value(text, record, registry).filter(|sp| on(sp, offset))
        && let Some(name) = record
            .names
            .iter()
            .find(|n| Some(local_of(record, n)) == text.get(span.clone()))
    {
        return Ok(Subject {
            path: path.to_path_buf(),
            record,
            name,
            local: local_of(record, name).to_string(),
            range: span,
        });
    }
    let Some(r) = record.refs.iter().find(|r| on(&r.span, offset)) else {
        return Err("Rename works on a persona's name or on a reference to one.".into());
    };
    let found = index.resolve(record, r);
    let d = match found.as_slice() {
        [] => {
            return Err(format!(
                "`{}` names no persona of this workspace.",
                r.written
            ));
        }
        [d] => *d,
        more => {
            return Err(format!(
                "`{}` names {} personas; rename the one you mean from its own file.",
                r.written,
                more.len()
            ));
        }
    };
    let q = qualifier(d.record);
    let range = local_span(text, r, &q).unwrap_or(r.span.clone());
    if offset < range.start {
        return Err(format!(
            "`{}` is the plugin's name: rename the plugin's folder instead.",
            text.get(r.span.start..range.start).unwrap_or_default()
        ));
    }
    Ok(Subject {
        path: d.path.to_path_buf(),
        record: d.record,
        name: d.name,
        local: d
            .name
            .written
            .strip_prefix(&q)
            .unwrap_or(&d.name.written)
            .to_string(),
        range,
    })
}

/// Whether a rename at `offset` is possible: the range to rename and the name there.
pub fn prepare_rename(
    index: &Personas,
    at: &Cursor,
    registry: &Registry,
) -> Result<(Range<usize>, String), String> {
    let s = subject(index, at, registry)?;
    refuse_path_name(&s)?;
    Ok((s.range, s.local))
}

fn refuse_path_name(s: &Subject) -> Result<(), String> {
    if matches!(s.name.from, NameFrom::RelPath | NameFrom::RelPathSlash) {
        return Err(format!(
            "`{}` is named by its path: rename its file instead.",
            s.name.written
        ));
    }
    Ok(())
}

/// The new name's problems: a character that would change its qualification or its path, a
/// built-in's name, or the dialect's name format.
fn check_new_name(s: &Subject, new: &str, registry: &Registry) -> Result<(), String> {
    let names = &Schema::builtin().names;
    if new.is_empty() || new != new.trim() || new.contains(['\n', '\r', ':', '/', '\\']) {
        return Err(format!(
            "`{new}` cannot be a name: no spaces around it, no line breaks, `:`, `/` or `\\`."
        ));
    }
    let ns_id = &names.namespaces[s.name.ns].id;
    for row in names.references.iter().filter(|r| &r.to == ns_id) {
        let builtin = match &row.builtins {
            Some(set) => Schema::builtin().set(set).iter().any(|v| v.value == new),
            None => registry
                .dialects
                .iter()
                .filter(|d| row.dialects.contains(&d.id))
                .filter_map(|d| d.key(&row.key))
                .any(|k| registry.values(k).iter().any(|v| v.value == new)),
        };
        if builtin {
            return Err(format!(
                "`{new}` is the name of a built-in {}.",
                names.namespaces[s.name.ns].what
            ));
        }
    }
    if let Some(dialect) = registry.dialects.get(s.record.dialect)
        && let Some(why) = crate::analysis::rules::name_refusal(dialect, new)
    {
        return Err(format!("Not renamed: {why}."));
    }
    Ok(())
}

/// `new` as it must be written where `old_range` of `text` is: escaped inside quotes, quoted
/// where a plain value would change meaning.
fn written_as(text: &str, range: &Range<usize>, new: &str) -> String {
    let before = text[..range.start].chars().next_back();
    match before {
        Some('\'') => new.replace('\'', "''"),
        Some('"') => new.replace('\\', "\\\\").replace('"', "\\\""),
        _ => crate::analysis::quote::scalar(new),
    }
}

/// The `name` value of the file at `path` (a name taken from its folder or file may still be
/// written there too): its span in `text`.
fn name_value(text: &str, record: &Record, registry: &Registry) -> Option<Range<usize>> {
    let key = registry
        .dialects
        .get(record.dialect)?
        .roles
        .name
        .as_deref()?;
    let end = crate::syntax::front_matter::split(text)
        .body_start
        .min(text.len());
    let parsed = crate::analysis::Parsed::new(&text[..end]);
    let yaml = parsed.yaml.as_ref()?;
    let e = yaml.entries.iter().find(|e| e.valid && e.key == key)?;
    let v = e.value.as_ref()?;
    let s = v.as_scalar()?;
    let value = s.value.trim();
    let raw = text.get(v.range.clone())?;
    let at = raw.find(value).filter(|_| !value.is_empty())?;
    Some(v.range.start + at..v.range.start + at + value.len())
}

/// The rename of the persona at the cursor to `new`: its `name` value, every reference that
/// resolves to it (the qualifier kept), and its folder or file where its identity row ties
/// the name to them.
pub fn rename(
    index: &Personas,
    at: &Cursor,
    new: &str,
    registry: &Registry,
    source: &dyn Source,
) -> Result<RenamePlan, String> {
    let Cursor {
        path, record, text, ..
    } = *at;
    let s = subject(index, at, registry)?;
    refuse_path_name(&s)?;
    if new == s.local {
        return Ok(RenamePlan::default());
    }
    check_new_name(&s, new, registry)?;
    let names = &Schema::builtin().names;
    let target = s.path.clone();
    let target_text = source
        .text(&target)
        .ok_or_else(|| format!("`{}` cannot be read.", target.display()))?;
    // The target's names as its current text has them.
    let fresh;
    let decl: &Record = if target == path {
        record
    } else if records_agree(s.record, &target_text.text) {
        s.record
    } else {
        fresh = source
            .record(&target, &target_text.text)
            .ok_or_else(|| format!("`{}` is no longer a persona.", target.display()))?;
        &fresh
    };
    let mut plan = RenamePlan::default();
    // The file or folder the name is tied to.
    let file_name = target
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let stem = registry.file_names().stem(file_name);
    let folder = target.parent();
    let mut moved_file = false;
    let mut moved_folder = false;
    for n in decl.names.iter().filter(|n| local_of(decl, n) == s.local) {
        match names.identities[n.identity].rename {
            Rename::Folder => {
                if let Some(dir) = folder
                    && dir.file_name().and_then(|f| f.to_str()) == Some(s.local.as_str())
                    && !moved_folder
                {
                    let to = dir.with_file_name(new);
                    if source.exists(&to) {
                        return Err(format!("`{}` exists already.", to.display()));
                    }
                    plan.moves.push((dir.to_path_buf(), to));
                    moved_folder = true;
                }
            }
            Rename::FileWhenEqual | Rename::File => {
                if stem == s.local && !moved_file {
                    let to = target.with_file_name(format!("{new}{}", &file_name[stem.len()..]));
                    if source.exists(&to) {
                        return Err(format!("`{}` exists already.", to.display()));
                    }
                    plan.moves.push((target.clone(), to));
                    moved_file = true;
                }
            }
            Rename::None => {}
        }
    }
    // The names that change, and the `name` value.
    let mut own_edits = Vec::new();
    let name_span = name_value(&target_text.text, decl, registry)
        .filter(|sp| target_text.text.get(sp.clone()) == Some(s.local.as_str()));
    if let Some(sp) = &name_span {
        own_edits.push((sp.clone(), written_as(&target_text.text, sp, new)));
    }
    let changing: Vec<&Name> = decl
        .names
        .iter()
        .filter(|n| local_of(decl, n) == s.local)
        .filter(|n| match n.from {
            NameFrom::Key => name_span.is_some(),
            NameFrom::Stem => moved_file,
            NameFrom::Folder => moved_folder,
            NameFrom::RelPath | NameFrom::RelPathSlash => false,
        })
        .collect();
    if changing.is_empty() {
        return Err(format!("`{}` has nothing to rename.", s.local));
    }
    if let Some(clash) = changing.iter().find_map(|n| {
        let want = format!("{}{new}", qualifier(decl));
        index
            .declared_like(
                &Name {
                    written: want.clone(),
                    ..(*n).clone()
                },
                &target,
            )
            .find(|d| d.name.written == want && d.record.scope.root == decl.scope.root)
            .map(|d| d.path.to_path_buf())
    }) {
        return Err(format!(
            "A persona named `{new}` exists already: `{}`.",
            clash.display()
        ));
    }
    // Every reference to a changing name, file by file, from each file's current text.
    let mut by_file: Vec<(PathBuf, Vec<Ref>)> = Vec::new();
    for n in &changing {
        for (p, _, r) in referring(index, &target, decl, (path, record), Some(n)) {
            match by_file.iter_mut().find(|(q, _)| *q == p) {
                Some((_, refs)) => refs.push(r.clone()),
                None => by_file.push((p, vec![r.clone()])),
            }
        }
    }
    let q = qualifier(decl);
    let mut files: Vec<FileEdits> = Vec::new();
    for (p, refs) in by_file {
        let ft = if p == target {
            target_text.clone()
        } else if p == path {
            FileText {
                text: text.to_string(),
                version: None,
            }
        } else {
            match source.text(&p) {
                Some(t) => t,
                None => continue,
            }
        };
        let mut refs = refs;
        if p != path && refs.iter().any(|r| local_span(&ft.text, r, &q).is_none()) {
            // The index's entry is older than the text: read the references again.
            let Some(rec) = source.record(&p, &ft.text) else {
                continue;
            };
            refs = rec
                .refs
                .iter()
                .filter(|r| changing.iter().any(|n| Some(n.ns) == ref_ns(r)))
                .filter(|r| index.resolve(&rec, r).iter().any(|d| d.path == target))
                .cloned()
                .collect();
        }
        let mut edits: Vec<(Range<usize>, String)> = refs
            .iter()
            .filter_map(|r| local_span(&ft.text, r, &q))
            .map(|sp| {
                let w = written_as(&ft.text, &sp, new);
                (sp, w)
            })
            .collect();
        if p == target {
            edits.append(&mut own_edits);
        }
        push_edits(&mut files, p, ft, edits);
    }
    if !own_edits.is_empty() {
        push_edits(&mut files, target.clone(), target_text, own_edits);
    }
    // The current file's version comes from the caller's text, not the source's.
    for f in &mut files {
        if f.path == path
            && let Some(t) = source.text(path)
        {
            f.text.version = t.version;
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    plan.files = files;
    Ok(plan)
}

fn push_edits(
    files: &mut Vec<FileEdits>,
    path: PathBuf,
    text: FileText,
    mut edits: Vec<(Range<usize>, String)>,
) {
    edits.sort_by_key(|e| e.0.start);
    edits.dedup_by(|a, b| a.0 == b.0);
    if !edits.is_empty() {
        files.push(FileEdits { path, text, edits });
    }
}

/// A name without its plugin qualifier.
fn local_of<'a>(record: &Record, n: &'a Name) -> &'a str {
    let q = qualifier(record);
    n.written.strip_prefix(q.as_str()).unwrap_or(&n.written)
}

/// Whether a record's spans still hold its names in `text` (then its references' spans are
/// trusted too, and checked one by one where they are used).
fn records_agree(record: &Record, text: &str) -> bool {
    record.names.iter().all(|n| {
        n.span
            .as_ref()
            .is_none_or(|s| text.get(s.clone()) == Some(local_of(record, n)))
    })
}

// ---------------------------------------------------------------------------------------
// Workspace symbols

/// At most this many workspace symbols are returned (the best-scored).
pub const MAX_SYMBOLS: usize = 256;

#[derive(Debug, Clone, PartialEq)]
pub struct WorkspaceSymbol {
    pub name: String,
    /// Index into `names.yaml`'s namespaces (the kind of persona).
    pub ns: usize,
    pub place: Place,
    /// "dialect title · scope · description".
    pub container: String,
}

/// How well `query` matches `name` as a subsequence (case ignored): `None` when it does not;
/// higher is better (a prefix, consecutive letters and a short name score).
pub fn fuzzy_score(query: &str, name: &str) -> Option<i64> {
    let mut score = 0i64;
    let mut last: Option<usize> = None;
    // The name's lowercase characters with their index, read once and never collected:
    // workspace symbols score every name of the workspace for every query.
    let mut hay = name.chars().flat_map(char::to_lowercase).enumerate();
    let mut before: Option<char> = None;
    for q in query.chars().flat_map(char::to_lowercase) {
        if q.is_whitespace() {
            continue;
        }
        let (found, prev) = loop {
            let (i, c) = hay.next()?;
            let prev = before;
            before = Some(c);
            if c == q {
                break (i, prev);
            }
        };
        score += 1;
        if found == 0 {
            score += 8;
        }
        if last.is_some_and(|l| l + 1 == found) {
            score += 4;
        }
        if prev.is_some_and(|p| matches!(p, '-' | '_' | ' ' | ':' | '/')) {
            score += 3;
        }
        last = Some(found);
    }
    let len = last.map_or(0, |l| l + 1) + hay.count();
    Some(score * 100 - len as i64)
}

/// Every persona whose name matches `query` (all of them for an empty query), best first, at
/// most [`MAX_SYMBOLS`]; one symbol per file and name.
pub fn workspace_symbols(
    index: &Personas,
    query: &str,
    registry: &Registry,
) -> Vec<WorkspaceSymbol> {
    let names = &Schema::builtin().names;
    // Scored first, described only for the few kept: an empty query matches every persona.
    let mut found: Vec<(i64, Place, &Record, &Name)> = Vec::new();
    for (path, record) in index.iter() {
        let mut seen: Vec<&str> = Vec::new();
        for n in &record.names {
            if seen.contains(&n.written.as_str()) {
                continue;
            }
            seen.push(&n.written);
            if let Some(score) = fuzzy_score(query, &n.written) {
                found.push((score, declared_at(path, record, n), record, n));
            }
        }
    }
    found.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then_with(|| a.3.written.cmp(&b.3.written))
            .then_with(|| a.1.key().cmp(&b.1.key()))
    });
    found.truncate(MAX_SYMBOLS);
    found
        .into_iter()
        .map(|(_, place, record, n)| {
            let title = registry
                .dialects
                .get(record.dialect)
                .map_or(names.namespaces[n.ns].tool.as_str(), |d| d.title.as_str());
            let mut container = format!("{title} · {}", record.scope.describe());
            if !record.meta.preview.is_empty() {
                container.push_str(" · ");
                container.push_str(&record.meta.preview);
            }
            WorkspaceSymbol {
                name: n.written.clone(),
                ns: n.ns,
                place,
                container,
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// The cost glance

/// A persona's cost in one budget it counts in.
#[derive(Debug, Clone, PartialEq)]
pub struct Cost {
    /// Where to show it: the end of the description's line.
    pub at: usize,
    /// `≈ 120 tokens · 0.8% of Claude Code's subagent descriptions (15k tokens)`.
    pub label: String,
}

/// The listing cost of the persona whose current record is `record` (at `path`), against the
/// budgets of `names.yaml`: one label per budget, shown after the description.
pub fn costs(
    index: &Personas,
    path: &Path,
    record: &Record,
    text: &str,
    registry: &Registry,
) -> Vec<Cost> {
    use crate::analysis::cross::BudgetLimits;
    use crate::schema::names::Unit;
    let names = &Schema::builtin().names;
    let Some(span) = record.meta.description_span.clone() else {
        return Vec::new();
    };
    let at = line_end_after(text, &span);
    let indexed = index
        .get(path)
        .map(|r| budget::entries(r))
        .unwrap_or_default();
    let mut out = Vec::new();
    for (key, cost) in budget::entries(record) {
        let b = &names.budgets[key.budget];
        let old = indexed
            .iter()
            .find(|(k, _)| *k == key)
            .map_or(0, |(_, c)| *c);
        let total = index
            .budgets
            .group(&key)
            .map_or(0, |g| g.total)
            .saturating_sub(old)
            + cost;
        let limit = registry
            .config
            .limit(&b.config)
            .unwrap_or_else(|| b.default_limit(registry.config.context_tokens()));
        let unit = match b.unit {
            Unit::Tokens => "tokens",
            Unit::Chars => "chars",
        };
        let share = if limit == 0 {
            0.0
        } else {
            cost as f64 * 100.0 / limit as f64
        };
        // A share that rounds to nothing is still a share.
        let share = if share > 0.0 && share < 0.1 {
            "<0.1".to_string()
        } else {
            format!("{share:.1}")
        };
        out.push(Cost {
            at,
            label: format!(
                "≈ {} {unit} · {share}% of {} ({} of {} {unit} used)",
                budget::short(cost),
                b.title,
                budget::short(total),
                budget::short(limit),
            ),
        });
    }
    out
}

/// The end of the line on which `span` ends (its trailing line breaks left out).
fn line_end_after(text: &str, span: &Range<usize>) -> usize {
    let end = span.end.min(text.len());
    let mut last = end;
    while last > span.start && matches!(text.as_bytes()[last - 1], b'\n' | b'\r') {
        last -= 1;
    }
    text[last..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| last + i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::NameFormat;

    #[test]
    fn a_new_name_is_written_for_where_it_goes() {
        let text = "a: 'x'\nb: \"x\"\nc: x\n";
        assert_eq!(written_as(text, &(4..5), "it's"), "it''s");
        assert_eq!(written_as(text, &(11..12), "say \"hi\""), "say \\\"hi\\\"");
        assert_eq!(written_as(text, &(18..19), "a: b"), "'a: b'");
        assert_eq!(written_as(text, &(18..19), "plain"), "plain");
    }

    #[test]
    fn the_cost_goes_at_the_end_of_the_descriptions_last_line() {
        let text = "description: |\n  one\n  two\nnext: x\n";
        // A block scalar's span ends after its line break.
        assert_eq!(line_end_after(text, &(13..27)), 26);
        let text = "description: short # note\r\nx: y";
        assert_eq!(line_end_after(text, &(13..18)), 25);
        assert_eq!(line_end_after("d: x", &(3..99)), 4);
    }

    #[test]
    fn fuzzy_scores_agree_with_the_collected_reading() {
        // The first reading: the name's lowercase characters collected, then searched.
        fn collected(query: &str, name: &str) -> Option<i64> {
            let hay: Vec<char> = name.chars().flat_map(char::to_lowercase).collect();
            let (mut score, mut last, mut at) = (0i64, None::<usize>, 0);
            for q in query.chars().flat_map(char::to_lowercase) {
                if q.is_whitespace() {
                    continue;
                }
                let found = hay[at..].iter().position(|c| *c == q)? + at;
                score += 1 + if found == 0 { 8 } else { 0 };
                score += if last.is_some_and(|l| l + 1 == found) {
                    4
                } else {
                    0
                };
                if found > 0 && matches!(hay[found - 1], '-' | '_' | ' ' | ':' | '/') {
                    score += 3;
                }
                last = Some(found);
                at = found + 1;
            }
            Some(score * 100 - hay.len() as i64)
        }
        let names = [
            "code-review",
            "plugin:Code_Reviewer",
            "İstanbul guide",
            "straße",
            "a",
            "",
            "🏗️-build",
        ];
        let queries = [
            "", "cr", "CODE", "rev", "i̇s", "sse", "ß", " a ", "zz", "🏗", "-b", "plugin:c",
        ];
        for n in names {
            for q in queries {
                assert_eq!(fuzzy_score(q, n), collected(q, n), "{q:?} in {n:?}");
            }
        }
    }

    #[test]
    fn fuzzy_scores_prefer_prefixes_runs_and_word_starts() {
        assert!(fuzzy_score("cr", "code-review") > fuzzy_score("cr", "scary"));
        assert!(fuzzy_score("rev", "review") > fuzzy_score("rev", "code-review"));
        assert_eq!(fuzzy_score("zz", "review"), None);
        assert!(fuzzy_score("", "anything").is_some());
        assert!(fuzzy_score("RE", "review").is_some());
    }

    /// Each name format refuses what `invalid-name` reports, and takes what it accepts.
    #[test]
    fn new_names_are_checked_with_the_dialects_format() {
        let schema = Schema::builtin();
        let of = |f: NameFormat| schema.dialects.iter().find(|d| d.name.format == f).unwrap();
        let agent = of(NameFormat::ClaudeAgent);
        let skill = of(NameFormat::Skill);
        let slug = of(NameFormat::LowercaseSlug);
        let refusal = crate::analysis::rules::name_refusal;
        assert_eq!(refusal(agent, "code-reviewer"), None);
        assert!(refusal(agent, "Code Reviewer").is_some());
        assert_eq!(refusal(skill, "pdf-tools"), None);
        assert!(refusal(skill, "pdf--tools").is_some());
        assert!(refusal(skill, &"a".repeat(65)).is_some());
        assert_eq!(refusal(slug, "my_agent"), None);
        assert!(refusal(slug, "my agent").is_some());
        assert_eq!(refusal(of(NameFormat::Free), "Any Name"), None);
    }
}
