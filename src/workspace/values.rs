//! Which values the persona files of the workspace use for each key (`tier: worker/senior` in
//! twelve files, `lead` in two): what completion offers again.

use crate::analysis::Parsed;
use crate::analysis::tool_list::{base_name, split};
use crate::schema::{Dialect, ValueType};
use crate::syntax::yaml::NodeKind;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Values longer than this are prose (descriptions, prompts), not something to offer again.
const MAX_VALUE_LEN: usize = 100;
/// Pairs taken from one file. Completion offers values that several files share; a file with
/// 200,000 tool names or 100,000 keys adds nothing past the first few hundred, and indexing
/// them all cost the server 24 MB of hash tables for a 2 MB file.
pub(super) const MAX_PAIRS: usize = 256;

/// `(key, value)` pairs of one file, each pair once.
pub type Pairs = Vec<(String, String)>;

#[derive(Debug, Default)]
pub struct ValueCounts {
    files: HashMap<PathBuf, Pairs>,
    /// key → value → number of files using it.
    counts: HashMap<String, HashMap<String, usize>>,
}

impl ValueCounts {
    pub fn set(&mut self, path: PathBuf, pairs: Pairs) {
        self.remove(&path);
        for (k, v) in &pairs {
            *self
                .counts
                .entry(k.clone())
                .or_default()
                .entry(v.clone())
                .or_default() += 1;
        }
        self.files.insert(path, pairs);
    }

    pub fn remove(&mut self, path: &Path) {
        let Some(old) = self.files.remove(path) else {
            return;
        };
        for (k, v) in old {
            if let Some(values) = self.counts.get_mut(&k) {
                if let Some(n) = values.get_mut(&v) {
                    *n -= 1;
                    if *n == 0 {
                        values.remove(&v);
                    }
                }
                if values.is_empty() {
                    self.counts.remove(&k);
                }
            }
        }
    }

    pub fn remove_under(&mut self, dir: &Path) {
        let gone = super::paths_under(&self.files, dir);
        for p in gone {
            self.remove(&p);
        }
    }

    pub fn contains(&self, path: &Path) -> bool {
        self.files.contains_key(path)
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The values of `key` in files other than `exclude`, most used first.
    pub fn values(&self, key: &str, exclude: Option<&Path>) -> Vec<(String, usize)> {
        let Some(values) = self.counts.get(key) else {
            return Vec::new();
        };
        let own: Vec<&str> = exclude
            .and_then(|p| self.files.get(p))
            .map(|pairs| {
                pairs
                    .iter()
                    .filter(|(k, _)| k == key)
                    .map(|(_, v)| v.as_str())
                    .collect()
            })
            .unwrap_or_default();
        let mut out: Vec<(String, usize)> = values
            .iter()
            .map(|(v, n)| (v.clone(), n - usize::from(own.contains(&v.as_str()))))
            .filter(|(_, n)| *n > 0)
            .collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        out
    }
}

/// The `(key, value)` pairs worth offering again: short one-line scalars, list items and tool
/// names. `name` and `description` are unique per file by nature and are left out.
pub fn extract(parsed: &Parsed, dialect: Option<&Dialect>) -> Pairs {
    let mut out: Pairs = Vec::new();
    let Some(yaml) = &parsed.yaml else { return out };
    // Each pair once, found with a set: a search of the list per value was quadratic (100k
    // keys kept the server busy for seconds).
    let mut seen: std::collections::HashSet<(String, String)> = std::collections::HashSet::new();
    let mut push = |out: &mut Pairs, k: &str, v: &str| {
        let v = v.trim();
        if out.len() < MAX_PAIRS
            && !v.is_empty()
            && v.len() <= MAX_VALUE_LEN
            && !v.contains(['\n', '\r'])
            && seen.insert((k.to_string(), v.to_string()))
        {
            out.push((k.to_string(), v.to_string()));
        }
    };
    for e in &yaml.entries {
        if out.len() >= MAX_PAIRS {
            break;
        }
        if matches!(e.key.as_str(), "name" | "description") {
            continue;
        }
        let tools = dialect
            .and_then(|d| d.key(&e.key))
            .is_some_and(|k| k.ty == ValueType::Tools);
        let Some(v) = &e.value else { continue };
        match &v.kind {
            NodeKind::Scalar(s) if tools => {
                let style = dialect.map_or(Default::default(), |d| d.tools.list_style);
                for t in split(&s.value, style) {
                    push(&mut out, &e.key, base_name(&s.value[t]));
                }
            }
            NodeKind::Scalar(s) if !s.style.is_block() => push(&mut out, &e.key, &s.value),
            NodeKind::Seq { items, .. } => {
                for i in items.iter().filter_map(|i| i.as_str()) {
                    push(&mut out, &e.key, if tools { base_name(i) } else { i });
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_values_per_file_and_leaves_out_the_current_one() {
        let mut idx = ValueCounts::default();
        let p = |k: &str, v: &str| (k.to_string(), v.to_string());
        idx.set("/a.md".into(), vec![p("tier", "lead"), p("tools", "Read")]);
        idx.set("/b.md".into(), vec![p("tier", "worker/senior")]);
        idx.set("/c.md".into(), vec![p("tier", "worker/senior")]);
        assert_eq!(
            idx.values("tier", None),
            [("worker/senior".to_string(), 2), ("lead".to_string(), 1)]
        );
        assert_eq!(
            idx.values("tier", Some(Path::new("/a.md"))),
            [("worker/senior".to_string(), 2)]
        );
        idx.set("/c.md".into(), vec![p("tier", "lead")]);
        assert_eq!(
            idx.values("tier", None),
            [("lead".to_string(), 2), ("worker/senior".to_string(), 1)]
        );
        idx.remove_under(Path::new("/"));
        assert!(idx.values("tier", None).is_empty() && idx.is_empty());
    }

    #[test]
    fn extracts_short_values_list_items_and_tool_names() {
        let text = "---\nname: x\ndescription: d\ntier: lead\ntools: Read, Bash(git:*)\nskills:\n  - a\nprompt: |\n  long\n---\n";
        let parsed = Parsed::new(text);
        let registry = crate::dialect::Registry::builtin();
        let d = &registry.dialects[registry.by_id("agency").unwrap()];
        let pairs = extract(&parsed, Some(d));
        let pairs: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("tier", "lead"),
                ("tools", "Read"),
                ("tools", "Bash"),
                ("skills", "a")
            ]
        );
    }

    #[test]
    fn one_file_gives_at_most_max_pairs() {
        let tools: Vec<String> = (0..1000).map(|i| format!("Tool{i}")).collect();
        let text = format!(
            "---\nname: x\ndescription: d\ntools: {}\n---\n",
            tools.join(", ")
        );
        let registry = crate::dialect::Registry::builtin();
        let d = &registry.dialects[registry.by_id("claude-agent").unwrap()];
        let pairs = extract(&Parsed::new(&text), Some(d));
        assert_eq!(pairs.len(), MAX_PAIRS);
        assert_eq!(pairs[MAX_PAIRS - 1], ("tools".into(), "Tool255".into()));
    }
}
