//! The always-loaded metadata per scope: each budget of `names.yaml` sums its personas'
//! listing entries per group (one root, level, plugin and tool folder), kept current as records
//! change, so that a file's share is a lookup, not a sum over the workspace.
//!
//! Token counts are estimates: UTF-16 code units / 4, rounded, which is what Claude Code itself
//! computes for its agent-descriptions notice (`roughTokenCountEstimation`); no tokenizer is run.

use super::record::{Record, ScopeKey};
use crate::schema::Schema;
use crate::schema::names::{Budget, Unit};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct GroupKey {
    /// Index into `names.yaml`'s budgets.
    pub budget: usize,
    pub scope: ScopeKey,
}

#[derive(Debug, Default)]
pub struct Group {
    members: HashMap<PathBuf, usize>,
    pub total: usize,
    /// Members by cost, largest first (ties by path), built when first asked for.
    sorted: OnceLock<Vec<(PathBuf, usize)>>,
    /// The [`MAX_REPORTED`] largest, found when first asked for: every member asks whether it
    /// is among them.
    largest: OnceLock<Vec<(PathBuf, usize)>>,
}

impl Group {
    pub fn len(&self) -> usize {
        self.members.len()
    }

    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    pub fn paths(&self) -> impl Iterator<Item = &PathBuf> {
        self.members.keys()
    }

    pub fn by_cost(&self) -> &[(PathBuf, usize)] {
        self.sorted.get_or_init(|| {
            let mut v: Vec<(PathBuf, usize)> =
                self.members.iter().map(|(p, c)| (p.clone(), *c)).collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            v
        })
    }

    /// The `n` largest members, in [`Group::by_cost`]'s order, found in one pass: a keystroke
    /// in a folder of 20,000 agents changes its group, and sorting the group again for every
    /// change cost milliseconds.
    pub fn top(&self, n: usize) -> Vec<(PathBuf, usize)> {
        let before = |a: (&PathBuf, usize), b: (&PathBuf, usize)| {
            b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)).is_lt()
        };
        let mut top: Vec<(&PathBuf, usize)> = Vec::with_capacity(n + 1);
        for (p, &c) in &self.members {
            if top.len() == n && top.last().is_none_or(|&last| !before((p, c), last)) {
                continue;
            }
            let at = top.partition_point(|&t| before(t, (p, c)));
            top.insert(at, (p, c));
            top.truncate(n);
        }
        top.into_iter().map(|(p, c)| (p.clone(), c)).collect()
    }

    /// The members reported when the group is `excess` over: the largest, until they cover
    /// the excess (at least one), and at most [`MAX_REPORTED`].
    /// The [`MAX_REPORTED`] largest members: those [`Group::reported`] chooses from.
    pub fn largest(&self) -> &[(PathBuf, usize)] {
        self.largest.get_or_init(|| self.top(MAX_REPORTED))
    }

    pub fn reported(&self, excess: usize) -> &[(PathBuf, usize)] {
        let top = self.largest();
        let mut covered = 0;
        let mut n = 0;
        for (_, c) in top {
            n += 1;
            covered += c;
            if covered >= excess {
                break;
            }
        }
        &top[..n.max(1).min(top.len())]
    }
}

/// Members reported per group over its budget. A collection of 300 commands that is 30,000
/// characters over would otherwise get 150 findings saying one thing; the five largest show
/// where to cut, and `check --budget` lists the rest.
pub const MAX_REPORTED: usize = 5;

#[derive(Debug, Default)]
pub struct Budgets {
    groups: HashMap<GroupKey, Group>,
}

impl Budgets {
    pub fn group(&self, key: &GroupKey) -> Option<&Group> {
        self.groups.get(key)
    }

    pub fn groups(&self) -> impl Iterator<Item = (&GroupKey, &Group)> {
        self.groups.iter()
    }

    /// Takes `old` out and puts `new` in; returns the other members whose findings may change
    /// with it: only the largest of a group are ever reported (at most [`MAX_REPORTED`]), so
    /// those before and after the change, not every member whose share moved.
    pub fn replace(
        &mut self,
        path: &Path,
        old: Option<&Record>,
        new: Option<&Record>,
    ) -> Vec<PathBuf> {
        let before = old.map(entries).unwrap_or_default();
        let after = new.map(entries).unwrap_or_default();
        if before == after {
            return Vec::new();
        }
        let keys: Vec<GroupKey> = before
            .iter()
            .chain(&after)
            .map(|(k, _)| k.clone())
            .collect();
        let largest = |b: &Budgets| -> Vec<PathBuf> {
            keys.iter()
                .filter_map(|k| b.groups.get(k))
                .flat_map(|g| g.largest().iter().map(|(p, _)| p.clone()))
                .collect()
        };
        let mut affected = largest(self);
        self.apply(path, before, after);
        affected.extend(largest(self));
        affected.retain(|p| p != path);
        affected.sort();
        affected.dedup();
        affected
    }

    /// [`Budgets::replace`] without finding the members affected (building the index).
    pub fn put(&mut self, path: &Path, old: Option<&Record>, new: Option<&Record>) {
        let before = old.map(entries).unwrap_or_default();
        let after = new.map(entries).unwrap_or_default();
        if before != after {
            self.apply(path, before, after);
        }
    }

    fn apply(
        &mut self,
        path: &Path,
        before: Vec<(GroupKey, usize)>,
        after: Vec<(GroupKey, usize)>,
    ) {
        let mut changed = Vec::new();
        for (key, cost) in before {
            if let Some(g) = self.groups.get_mut(&key) {
                g.members.remove(path);
                g.total -= cost;
                g.sorted = OnceLock::new();
                g.largest = OnceLock::new();
                if g.members.is_empty() {
                    self.groups.remove(&key);
                }
            }
            changed.push(key);
        }
        for (key, cost) in after {
            let g = self.groups.entry(key.clone()).or_default();
            g.members.insert(path.to_path_buf(), cost);
            g.total += cost;
            g.sorted = OnceLock::new();
            g.largest = OnceLock::new();
            if !changed.contains(&key) {
                changed.push(key);
            }
        }
    }
}

/// What a record costs in each budget it counts in.
pub fn entries(r: &Record) -> Vec<(GroupKey, usize)> {
    let names = &Schema::builtin().names;
    let mut out = Vec::new();
    for (i, b) in names.budgets.iter().enumerate() {
        // A collection in a plain `agents/` folder is copied from, not loaded as one set.
        if r.scope.plugin.is_none() && !b.loads_together(&r.rel_path) {
            continue;
        }
        if b.excludes
            .as_ref()
            .is_some_and(|e| r.setting(&e.key).is_some_and(|v| v == e.value))
        {
            continue;
        }
        let Some(name) = r.names.iter().find(|n| {
            b.namespaces
                .iter()
                .any(|ns| names.namespace(ns) == Some(n.ns))
        }) else {
            continue;
        };
        out.push((
            GroupKey {
                budget: i,
                scope: r.scope.clone(),
            },
            cost(b, &name.written, r),
        ));
    }
    out
}

/// One persona's listing entry in the budget's unit.
pub fn cost(b: &Budget, name: &str, r: &Record) -> usize {
    let units = entry_units(b, name, r);
    match b.unit {
        Unit::Chars => units,
        Unit::Tokens => tokens(units),
    }
}

/// The entry's length in UTF-16 code units: the template with its fields filled in, the
/// description and `when_to_use` cut at the budget's per-entry cap.
pub fn entry_units(b: &Budget, name: &str, r: &Record) -> usize {
    let mut template = b.entry.as_str();
    let mut fixed = 0usize;
    let mut fields = 0usize;
    while let Some(open) = template.find('{') {
        fixed += template[..open].encode_utf16().count();
        let Some(close) = template[open..].find('}') else {
            break;
        };
        let field = &template[open + 1..open + close];
        fields += match field {
            "name" => name.encode_utf16().count(),
            "description" => r.meta.description_units,
            "when_to_use" => r.meta.when_to_use_units,
            _ => 0,
        };
        template = &template[open + close + 1..];
    }
    fixed += template.encode_utf16().count();
    let text = match b.entry_cap {
        Some(cap) => fields.min(cap + name.encode_utf16().count()),
        None => fields,
    };
    fixed + text
}

/// Claude Code's `roughTokenCountEstimation`: `Math.round(length / 4)`.
pub fn tokens(units: usize) -> usize {
    (units + 2) / 4
}

/// `1.2k` for 1,234, `950` below 1,000: Claude Code prints totals rounded to 0.1k, and a
/// keystroke then rarely changes another file's message.
pub fn short(n: usize) -> String {
    if n < 1000 {
        n.to_string()
    } else {
        format!("{:.1}k", n as f64 / 1000.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `top(n)` is `by_cost`'s first `n`, ties by path, whatever the order members came in.
    #[test]
    fn the_top_members_are_the_sorted_ones_first() {
        let mut g = Group::default();
        for (i, cost) in [5, 9, 1, 9, 7, 3, 9, 0, 7].into_iter().enumerate() {
            g.members
                .insert(PathBuf::from(format!("/p/{}.md", 9 - i)), cost);
        }
        for n in 0..=10 {
            let sorted = g.by_cost();
            assert_eq!(g.top(n), sorted[..n.min(sorted.len())].to_vec(), "n = {n}");
        }
    }
}
