//! The personas of the workspace by name: who declares each name, who refers to it, and what
//! a reference resolves to. Every change is one file's record replaced, at a cost that depends
//! on that file (and the files sharing its names), not on the workspace.
//!
//! Names and references are filed by *bucket*: the name's last `:` segment, lowercased, with
//! `-`, `_` and spaces removed. Every way a tool compares names (exact, ignoring case, Claude
//! Code's preload suffix match) is finer than that, so the candidates for a name are one
//! bucket's entries, compared exactly afterwards.

use super::budget::Budgets;
use super::record::{Name, Record, Ref, ScopeKey};
use crate::schema::Schema;
use crate::schema::names::{Fold, Resolve};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

type Bucket = (usize, String);

#[derive(Debug, Default)]
pub struct Personas {
    files: HashMap<PathBuf, Arc<Record>>,
    /// Who declares a name of each bucket.
    declared: HashMap<Bucket, HashSet<PathBuf>>,
    /// Who refers to a name of each bucket.
    referred: HashMap<Bucket, HashSet<PathBuf>>,
    pub budgets: Budgets,
    /// Per namespace, each name declared and by how many files (for "did you mean").
    by_ns: HashMap<usize, BTreeMap<String, usize>>,
    /// Who links to each file: a file created or deleted there changes their `broken-link`.
    linked: HashMap<PathBuf, HashSet<PathBuf>>,
    /// "Did you mean" answers by namespace and word, until the index changes: a thousand
    /// references that miss one name cost one search.
    suggested: std::sync::Mutex<HashMap<(usize, String), Vec<String>>>,
    /// Per namespace, its names' shapes by length, until the index changes.
    shapes: std::sync::Mutex<HashMap<usize, Arc<Vec<Shape>>>>,
}

/// A declared name as "did you mean" first compares it, made once per index state: a
/// thousand references that miss a thousand different names would otherwise take every
/// name apart a thousand times.
#[derive(Debug)]
pub struct Shape {
    pub name: String,
    /// Its last `:` segment: what the word is compared with.
    pub last_bytes: usize,
    pub last_chars: usize,
    pub last_ascii: bool,
    /// Its last segment's byte values, folded into 64 bits.
    pub mask: u64,
}

/// The byte values of `s`, folded into 64 bits (a bit may stand for several values: the tests
/// it serves only ever skip names that cannot be near).
pub fn byte_mask(s: &str) -> u64 {
    s.bytes().fold(0, |m, b| m | 1u64 << (b % 64))
}

/// The coarsest comparison: every fold and resolution agrees within it.
pub fn bucket_of(name: &str) -> String {
    let last = name.rsplit(':').next().unwrap_or(name);
    last.chars()
        .filter(|c| !matches!(c, '-' | '_' | ' '))
        .flat_map(char::to_lowercase)
        .collect()
}

pub fn fold(name: &str, fold: Fold) -> String {
    match fold {
        Fold::Exact => name.to_string(),
        Fold::AsciiCasefold => name.to_ascii_lowercase(),
        Fold::CasefoldSeparators => name
            .chars()
            .filter(|c| !matches!(c, '-' | '_' | ' '))
            .flat_map(char::to_lowercase)
            .collect(),
    }
}

fn ref_ns(r: &Ref) -> usize {
    let names = &Schema::builtin().names;
    names
        .namespace(&names.references[r.row].to)
        .unwrap_or(usize::MAX)
}

/// What a batch of changes touched: the buckets of the old and new records, the members of
/// budget groups that report them, the files changed.
#[derive(Default)]
struct Touched {
    buckets: HashSet<Bucket>,
    budgeted: HashSet<PathBuf>,
    paths: HashSet<PathBuf>,
}

/// A declaration another file makes.
#[derive(Clone, Copy)]
pub struct Declared<'a> {
    pub path: &'a Path,
    pub record: &'a Record,
    pub name: &'a Name,
}

impl Personas {
    pub fn get(&self, path: &Path) -> Option<&Arc<Record>> {
        self.files.get(path)
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&PathBuf, &Arc<Record>)> {
        self.files.iter()
    }

    /// Replaces `path`'s record; returns the other files whose cross-file findings may have
    /// changed (those sharing a bucket of the old or the new record's names or references).
    pub fn set(&mut self, path: PathBuf, record: Option<Record>) -> HashSet<PathBuf> {
        self.set_all([(path, record)])
    }

    /// [`Personas::set`] of many files at once (a scan's batch): the files affected are found
    /// once, from every bucket and budget group the batch touched, so a batch costs its size
    /// plus what it affects, not its size times a budget group's (a scan of 20,000 agents in
    /// one folder took 78 s while each file told its whole group). The batch's own files are
    /// not among those returned.
    pub fn set_all(
        &mut self,
        items: impl IntoIterator<Item = (PathBuf, Option<Record>)>,
    ) -> HashSet<PathBuf> {
        let mut touched = Touched::default();
        for (path, record) in items {
            self.replace(path, record, Some(&mut touched));
        }
        let mut affected = HashSet::new();
        for b in &touched.buckets {
            for set in [self.declared.get(b), self.referred.get(b)]
                .into_iter()
                .flatten()
            {
                affected.extend(set.iter().cloned());
            }
        }
        affected.extend(touched.budgeted);
        affected.retain(|p| !touched.paths.contains(p));
        affected
    }

    /// [`Personas::set`] without finding the files affected: building an index file by file
    /// (a scan, `check`), where nobody is told, and where collecting them would cost each
    /// insert the size of its budget group.
    pub fn insert(&mut self, path: PathBuf, record: Option<Record>) {
        self.replace(path, record, None);
    }

    /// The suggestions for `word` in namespace `ns`, computed by `rank` once per index state.
    pub fn suggestions(
        &self,
        ns: usize,
        word: &str,
        rank: impl FnOnce() -> Vec<String>,
    ) -> Vec<String> {
        let key = (ns, word.to_string());
        if let Some(known) = self.memo().get(&key) {
            return known.clone();
        }
        let found = rank();
        self.memo().insert(key, found.clone());
        found
    }

    /// The names of `ns` with their shapes, by the byte length of their last segment.
    pub fn shapes(&self, ns: usize) -> Arc<Vec<Shape>> {
        let mut shapes = self.shapes.lock().unwrap_or_else(|e| e.into_inner());
        let made = shapes.entry(ns).or_insert_with(|| {
            let mut v: Vec<Shape> = self
                .names_in(ns)
                .map(|n| {
                    let last = n.rsplit(':').next().unwrap_or(n);
                    Shape {
                        name: n.to_string(),
                        last_bytes: last.len(),
                        last_chars: last.chars().count(),
                        last_ascii: last.is_ascii(),
                        mask: byte_mask(last),
                    }
                })
                .collect();
            v.sort_by_key(|s| s.last_bytes);
            Arc::new(v)
        });
        Arc::clone(made)
    }

    fn memo(&self) -> std::sync::MutexGuard<'_, HashMap<(usize, String), Vec<String>>> {
        self.suggested.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The names declared in namespace `ns` in `word`'s bucket (the same but for case,
    /// separators and a `plugin:` qualifier).
    pub fn bucket_names(&self, ns: usize, word: &str) -> Vec<String> {
        let mut names: Vec<String> = self
            .declared
            .get(&(ns, bucket_of(word)))
            .into_iter()
            .flatten()
            .filter_map(|p| self.files.get(p))
            .flat_map(|r| r.names.iter().filter(|n| n.ns == ns))
            .map(|n| n.written.clone())
            .collect();
        names.sort();
        names.dedup();
        names
    }

    /// Puts `record` in `path`'s place; what it touched goes into `touched`, when asked.
    fn replace(&mut self, path: PathBuf, record: Option<Record>, touched: Option<&mut Touched>) {
        self.memo().clear();
        self.shapes
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
        let old = self.remove_quiet(&path);
        let new = record.map(Arc::new);
        if let Some(t) = touched {
            let budgeted = self.budgets.replace(&path, old.as_deref(), new.as_deref());
            for r in old.iter().chain(new.iter()) {
                t.buckets.extend(buckets(r));
            }
            // The members of a group whose total changed that report it, before and after.
            t.budgeted.extend(budgeted);
            t.paths.insert(path.clone());
        } else {
            self.budgets.put(&path, old.as_deref(), new.as_deref());
        }
        if let Some(r) = &new {
            for n in &r.names {
                *self
                    .by_ns
                    .entry(n.ns)
                    .or_default()
                    .entry(n.written.clone())
                    .or_default() += 1;
                self.declared
                    .entry((n.ns, bucket_of(&n.written)))
                    .or_default()
                    .insert(path.clone());
            }
            for t in link_targets(r) {
                self.linked
                    .entry(t.clone())
                    .or_default()
                    .insert(path.clone());
            }
            for rf in &r.refs {
                self.referred
                    .entry((ref_ns(rf), bucket_of(&rf.written)))
                    .or_default()
                    .insert(path.clone());
            }
            self.files.insert(path, Arc::clone(r));
        }
    }

    fn remove_quiet(&mut self, path: &Path) -> Option<Arc<Record>> {
        let old = self.files.remove(path)?;
        for n in &old.names {
            if let Some(names) = self.by_ns.get_mut(&n.ns)
                && let Some(count) = names.get_mut(&n.written)
            {
                *count -= 1;
                if *count == 0 {
                    names.remove(&n.written);
                }
            }
        }
        for t in link_targets(&old) {
            if let Some(set) = self.linked.get_mut(t) {
                set.remove(path);
                if set.is_empty() {
                    self.linked.remove(t);
                }
            }
        }
        for b in buckets(&old) {
            for map in [&mut self.declared, &mut self.referred] {
                if let Some(set) = map.get_mut(&b) {
                    set.remove(path);
                    if set.is_empty() {
                        map.remove(&b);
                    }
                }
            }
        }
        Some(old)
    }

    /// Removes every record under `dir`; returns the files affected.
    pub fn remove_under(&mut self, dir: &Path) -> HashSet<PathBuf> {
        let gone = super::paths_under(&self.files, dir);
        let mut affected = HashSet::new();
        for p in &gone {
            affected.extend(self.set(p.clone(), None));
        }
        for p in &gone {
            affected.remove(p);
        }
        affected
    }

    /// The other declarations in `name`'s bucket.
    pub fn declared_like<'a>(
        &'a self,
        name: &Name,
        except: &'a Path,
    ) -> impl Iterator<Item = Declared<'a>> + 'a {
        let ns = name.ns;
        self.declared
            .get(&(ns, bucket_of(&name.written)))
            .into_iter()
            .flatten()
            .filter(move |p| p.as_path() != except)
            .filter_map(move |p| {
                let record = self.files.get(p)?;
                record
                    .names
                    .iter()
                    .filter(move |n| n.ns == ns)
                    .map(move |n| Declared {
                        path: p,
                        record,
                        name: n,
                    })
                    .next()
            })
    }

    /// The distinct names declared in namespace `ns`, in order (for "did you mean").
    pub fn names_in(&self, ns: usize) -> impl Iterator<Item = &str> {
        self.by_ns
            .get(&ns)
            .into_iter()
            .flat_map(|names| names.keys().map(String::as_str))
    }

    /// The files whose body links to the file `target` (one lookup: a scan asks for every
    /// file it reads).
    pub fn file_linkers(&self, target: &Path) -> HashSet<PathBuf> {
        self.linked.get(target).cloned().unwrap_or_default()
    }

    /// The files whose body links to `target` or to a file below it (a folder created or
    /// deleted).
    pub fn linkers(&self, target: &Path) -> HashSet<PathBuf> {
        self.linked
            .iter()
            .filter(|(t, _)| t.starts_with(target))
            .flat_map(|(_, files)| files.iter().cloned())
            .collect()
    }

    /// The files that refer to names of `name`'s bucket.
    pub fn referrers(&self, name: &Name) -> impl Iterator<Item = &PathBuf> {
        self.referred
            .get(&(name.ns, bucket_of(&name.written)))
            .into_iter()
            .flatten()
    }

    /// What `r`, written in `from`, resolves to: the declarations its tool would pick, best
    /// first (several when the tool's choice among them is not known).
    pub fn resolve<'a>(&'a self, from: &Record, r: &Ref) -> Vec<Declared<'a>> {
        let names = &Schema::builtin().names;
        let row = &names.references[r.row];
        let ns = ref_ns(r);
        let candidates: Vec<Declared> = self
            .declared
            .get(&(ns, bucket_of(&r.written)))
            .into_iter()
            .flatten()
            .filter_map(|p| {
                let record = self.files.get(p)?;
                let name = record.names.iter().find(|n| n.ns == ns)?;
                visible(&record.scope, &from.scope).then_some(Declared {
                    path: p,
                    record,
                    name,
                })
            })
            .collect();
        let pick = |pred: &dyn Fn(&str) -> bool| -> Vec<Declared<'a>> {
            let mut found: Vec<Declared> = candidates
                .iter()
                .filter(|d| pred(&d.name.written))
                .copied()
                .collect();
            // The nearest scope first: the tool's own choice where it loads several.
            found.sort_by_key(|d| std::cmp::Reverse(d.record.scope.base.len()));
            found
        };
        match row.resolve {
            Resolve::Exact => pick(&|w| w == r.written),
            Resolve::CasefoldSeparators => {
                let want = fold(&r.written, Fold::CasefoldSeparators);
                pick(&|w| fold(w, Fold::CasefoldSeparators) == want)
            }
            Resolve::ClaudePreload => {
                let exact = pick(&|w| w == r.written);
                if !exact.is_empty() {
                    return exact;
                }
                if let Some(p) = &from.scope.plugin {
                    let qualified = format!("{p}:{}", r.written);
                    let own = pick(&|w| w == qualified);
                    if !own.is_empty() {
                        return own;
                    }
                }
                let suffix = format!(":{}", r.written);
                pick(&|w| w.ends_with(&suffix))
            }
        }
    }
}

/// Whether a persona at `decl` is loaded in the sessions that load one at `from`: the same
/// root, and the same or an enclosing folder, a user-level folder, or a plugin (whose names
/// are qualified, and which any session may have installed).
fn visible(decl: &ScopeKey, from: &ScopeKey) -> bool {
    use crate::project::Scope;
    if decl.plugin.is_some() {
        return decl.root == from.root;
    }
    match decl.level {
        Scope::User => true,
        Scope::Project => {
            decl.root == from.root && (from.base.starts_with(&decl.base) || from.plugin.is_some())
        }
    }
}

/// Every file a record's links may point at.
fn link_targets(r: &Record) -> impl Iterator<Item = &PathBuf> {
    r.links
        .iter()
        .flat_map(|l| std::iter::once(&l.path).chain(l.from_root.iter()))
}

fn buckets(r: &Record) -> Vec<Bucket> {
    r.names
        .iter()
        .map(|n| (n.ns, bucket_of(&n.written)))
        .chain(r.refs.iter().map(|f| (ref_ns(f), bucket_of(&f.written))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(rel: &str, text: &str) -> Record {
        crate::workspace::record::record_at(rel, text, Default::default())
    }

    fn agent(name: &str, skills: &str) -> String {
        format!("---\nname: {name}\ndescription: Does {name}.\nskills: [{skills}]\n---\nBody\n")
    }

    fn skill(name: &str) -> String {
        format!("---\nname: {name}\ndescription: The {name} skill.\n---\nBody\n")
    }

    /// A seeded xorshift: the same random changes on every run.
    fn xorshift(mut seed: u64) -> impl FnMut() -> u64 {
        move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        }
    }

    /// Everything the index answers from, in a stable order.
    fn state(p: &Personas) -> String {
        let sorted = |m: &HashMap<Bucket, HashSet<PathBuf>>| {
            let mut v: Vec<(Bucket, Vec<PathBuf>)> = m
                .iter()
                .map(|(k, s)| {
                    let mut s: Vec<PathBuf> = s.iter().cloned().collect();
                    s.sort();
                    (k.clone(), s)
                })
                .collect();
            v.sort();
            v
        };
        let mut files: Vec<(&PathBuf, &Arc<Record>)> = p.files.iter().collect();
        files.sort_by(|a, b| a.0.cmp(b.0));
        let mut budgets: Vec<String> = p
            .budgets
            .groups()
            .map(|(k, g)| format!("{k:?} {} {:?}", g.total, g.by_cost()))
            .collect();
        budgets.sort();
        let mut by_ns: Vec<(&usize, &BTreeMap<String, usize>)> = p.by_ns.iter().collect();
        by_ns.sort();
        format!(
            "{files:?}\n{:?}\n{:?}\n{budgets:?}\n{by_ns:?}",
            sorted(&p.declared),
            sorted(&p.referred)
        )
    }

    /// 500 seeded random sets and removes leave the index as a fresh build of what is left.
    #[test]
    fn incremental_changes_equal_a_fresh_build() {
        let names = ["review", "Review", "lint", "gate", "plan"];
        let mut pool: Vec<(String, String)> = Vec::new();
        for (i, n) in names.iter().enumerate() {
            pool.push((format!(".claude/skills/{n}/SKILL.md"), skill(n)));
            pool.push((
                format!(".claude/agents/a{i}.md"),
                agent(n, names[(i + 1) % names.len()]),
            ));
            pool.push((
                format!(".claude/agents/b{i}.md"),
                agent(names[(i + 2) % names.len()], &format!("{n}, x{i}")),
            ));
        }
        let mut next = xorshift(0x5eed);
        let mut live: HashMap<PathBuf, Record> = HashMap::new();
        let mut p = Personas::default();
        for _ in 0..500 {
            let (rel, _) = &pool[next() as usize % pool.len()];
            let path = Path::new("/p").join(rel);
            if next().is_multiple_of(3) {
                p.set(path.clone(), None);
                live.remove(&path);
            } else {
                // Another text for the same path: the record changes name and references.
                let (_, text) = pool
                    .iter()
                    .filter(|(r, _)| r.starts_with(&rel[..8]))
                    .nth(next() as usize % 5)
                    .unwrap();
                let r = rec(rel, text);
                p.set(path.clone(), Some(r.clone()));
                live.insert(path, r);
            }
        }
        let mut fresh = Personas::default();
        for (path, r) in live {
            fresh.insert(path, Some(r));
        }
        assert_eq!(state(&p), state(&fresh));
    }

    /// A keystroke in one of 30 agents of a folder changes its budget group's total, which only
    /// the group's largest members can report: they are the files affected, not all 29.
    #[test]
    fn a_budget_change_affects_only_the_members_that_can_report_it() {
        let mut p = Personas::default();
        let at = |i: usize| Path::new("/p").join(format!(".claude/agents/a{i:02}.md"));
        let text = |i: usize, extra: &str| {
            let words = "word ".repeat(i);
            format!("---\nname: a{i:02}\ndescription: {words}{extra}\n---\nBody\n")
        };
        for i in 0..30 {
            let rel = format!(".claude/agents/a{i:02}.md");
            p.set(at(i), Some(rec(&rel, &text(i, ""))));
        }
        // Eight characters: two more tokens (a token is four characters, rounded).
        let affected = p.set(
            at(3),
            Some(rec(".claude/agents/a03.md", &text(3, "xxxxxxxx"))),
        );
        let mut affected: Vec<PathBuf> = affected.into_iter().collect();
        affected.sort();
        assert_eq!(affected, (25..30).map(at).collect::<Vec<_>>());
    }

    /// A batch (`set_all`) leaves the index as the same changes one by one, and affects the
    /// files they affect together, less the batch's own: seeded batches over agents that share
    /// names and one budget group.
    #[test]
    fn a_batch_equals_its_changes_one_by_one() {
        let names = ["review", "lint", "gate"];
        let mut pool: Vec<(String, String)> = Vec::new();
        for (i, n) in names.iter().enumerate() {
            pool.push((format!(".claude/skills/{n}/SKILL.md"), skill(n)));
            for k in 0..3 {
                pool.push((
                    format!(".claude/agents/a{i}{k}.md"),
                    agent(&format!("{n}{k}"), names[(i + k) % names.len()]),
                ));
            }
        }
        let mut next = xorshift(0xba7c4);
        let (mut one, mut all) = (Personas::default(), Personas::default());
        for _ in 0..40 {
            let batch: Vec<(PathBuf, Option<Record>)> = (0..1 + next() % 5)
                .map(|_| {
                    let (rel, _) = &pool[next() as usize % pool.len()];
                    let (_, text) = &pool[next() as usize % pool.len()];
                    let r = (!next().is_multiple_of(4)).then(|| rec(rel, text));
                    (Path::new("/p").join(rel), r)
                })
                .collect();
            let paths: HashSet<PathBuf> = batch.iter().map(|(p, _)| p.clone()).collect();
            let mut expected: HashSet<PathBuf> = HashSet::new();
            for (p, r) in batch.clone() {
                expected.extend(one.set(p, r));
            }
            expected.retain(|p| !paths.contains(p));
            assert_eq!(all.set_all(batch), expected);
            assert_eq!(state(&one), state(&all));
        }
    }

    /// Renaming a skill (here: replacing it by another) affects exactly the agents that refer
    /// to either name, and the files its budget total is shared with.
    #[test]
    fn a_change_names_the_files_it_affects() {
        let mut p = Personas::default();
        let at = |rel: &str| Path::new("/p").join(rel);
        p.set(
            at(".claude/skills/review/SKILL.md"),
            Some(rec(".claude/skills/review/SKILL.md", &skill("review"))),
        );
        p.set(
            at(".claude/agents/a.md"),
            Some(rec(".claude/agents/a.md", &agent("a", "review"))),
        );
        p.set(
            at(".claude/agents/b.md"),
            Some(rec(".claude/agents/b.md", &agent("b", "lint"))),
        );
        p.set(
            at(".github/prompts/x.prompt.md"),
            Some(rec(
                ".github/prompts/x.prompt.md",
                "---\nagent: a\n---\nBody\n",
            )),
        );
        let affected = p.set(at(".claude/skills/review/SKILL.md"), None);
        let mut affected: Vec<PathBuf> = affected.into_iter().collect();
        affected.sort();
        // `a.md` preloads it; no other file shares its bucket or its (skill-listing) group.
        assert_eq!(affected, [at(".claude/agents/a.md")]);
        let r = p.get(&at(".claude/agents/a.md")).unwrap().clone();
        assert!(p.resolve(&r, &r.refs[0]).is_empty());
    }

    #[test]
    fn buckets_and_folds_compare_as_the_tools_do() {
        assert_eq!(bucket_of("plugin:Code_Reviewer"), "codereviewer");
        assert_eq!(bucket_of("code reviewer"), "codereviewer");
        assert_eq!(fold("Code-Reviewer", Fold::AsciiCasefold), "code-reviewer");
        assert_eq!(
            fold("Code Reviewer", Fold::CasefoldSeparators),
            "codereviewer"
        );
        assert_eq!(fold("Code Reviewer", Fold::Exact), "Code Reviewer");
        // A look-alike from another alphabet stays apart (Cyrillic `а`).
        assert_ne!(
            fold("reviewer\u{430}", Fold::CasefoldSeparators),
            fold("reviewera", Fold::CasefoldSeparators)
        );
    }
}
