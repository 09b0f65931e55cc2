//! Whether renaming a key is safe to apply: `unknown-key` and `deprecated-key` offer renames,
//! and `--fix` applies one only when it cannot set a key twice.

use crate::analysis::suggest;
use crate::schema::{Dialect, Key};
use crate::syntax::yaml::Yaml;
use std::collections::HashMap;

/// The keys of one front matter, counted once: asked per entry, a scan of the entries made
/// 20,000 duplicate keys quadratic.
pub struct Renames<'y> {
    yaml: &'y Yaml,
    counts: HashMap<&'y str, usize>,
    /// Whether a rename is clean, once per (from, to): it scans every entry.
    clean: HashMap<(String, String), bool>,
}

impl<'y> Renames<'y> {
    pub fn new(yaml: &'y Yaml) -> Renames<'y> {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for e in &yaml.entries {
            *counts.entry(e.key.as_str()).or_default() += 1;
        }
        Renames {
            yaml,
            counts,
            clean: HashMap::new(),
        }
    }

    /// Whether `from` can be renamed to `to` without setting a key twice: `from` is set once
    /// and `to` is not set yet.
    pub fn target_free(&self, from: &str, to: &str) -> bool {
        self.counts.get(from) == Some(&1) && !self.counts.contains_key(to)
    }

    /// Whether `--fix` may apply the rename: the target is free, and no other entry would be
    /// renamed to `to` in the same round (a deprecated key with that replacement, or another
    /// spelling of it). Two renames to one key would each be fine alone and make a duplicate
    /// key together.
    pub fn is_clean(&mut self, dialect: &Dialect, from: &str, to: &str) -> bool {
        if let Some(&clean) = self.clean.get(&(from.to_string(), to.to_string())) {
            return clean;
        }
        let new_ty = dialect.key(to).map(|k| k.ty);
        let renamed_to = |k: &Key| k.deprecated.as_deref() == Some(to) && new_ty == Some(k.ty);
        let clean = self.target_free(from, to)
            && self.yaml.entries.iter().all(|e| {
                e.key == from
                    || !(suggest::same_word(&e.key, to, [to])
                        || dialect.key(&e.key).is_some_and(renamed_to))
            });
        self.clean.insert((from.to_string(), to.to_string()), clean);
        clean
    }
}
