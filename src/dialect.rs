//! Which dialect a file is: by path glob first, then by content (which keys are present), and
//! finally by configuration or `--dialect`, which always win.
//!
//! The registry is the built-in schema with the user's configuration merged in (extra globs,
//! keys and values), compiled once per configuration.

use crate::config::{Config, DialectConfig, KeyConfig};
use crate::glob::GlobSet;
use crate::schema::{self, Dialect, FileNames, Key, Schema, ValueType, Values};

pub struct Registry {
    pub dialects: Vec<Dialect>,
    /// Every dialect's keys, sorted, once.
    all_keys: Vec<String>,
    /// Every dialect's globs, built-in and configured.
    globs: PathGlobs,
    exclude: GlobSet,
    pub config: Config,
}

/// How the dialect was decided (said in hover and `--format json`-free debug output).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    Path,
    Content,
    Forced,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Detected {
    pub index: usize,
    pub how: How,
}

pub fn parse_type(t: &str) -> Option<ValueType> {
    serde_yaml_ng::from_str(t).ok()
}

impl Registry {
    pub fn new(config: Config) -> Registry {
        let schema = Schema::builtin();
        let dialects: Vec<Dialect> = schema
            .dialects
            .iter()
            .map(|d| match config.dialects.get(&d.id) {
                Some(dc) => configured(d, dc),
                None => d.clone(),
            })
            .collect();
        let mut all_keys: Vec<String> = dialects
            .iter()
            .flat_map(|d| d.keys.iter().map(|k| k.key.clone()))
            .collect();
        all_keys.sort();
        all_keys.dedup();
        let globs = PathGlobs::compile(&dialects);
        let exclude = GlobSet::new(&config.exclude);
        Registry {
            dialects,
            all_keys,
            globs,
            exclude,
            config,
        }
    }

    pub fn builtin() -> Registry {
        Registry::new(Config::default())
    }

    pub fn by_id(&self, id: &str) -> Option<usize> {
        self.dialects.iter().position(|d| d.id == id)
    }

    pub fn is_excluded(&self, rel_path: &str) -> bool {
        self.exclude.is_match(rel_path)
    }

    /// Dialects whose globs match `rel_path` (a `/`-separated path relative to the project root).
    pub fn by_path(&self, rel_path: &str) -> Option<usize> {
        // The most specific match wins (see `specificity`).
        let mut best: Option<(usize, Score)> = None;
        for m in self.globs.set.matches(rel_path) {
            let (i, score) = self.globs.owner[m];
            if best.is_none_or(|(_, s)| score > s) {
                best = Some((i, score));
            }
        }
        best.map(|(i, _)| i)
    }

    /// Decides the dialect of a file from its path and its top-level keys.
    pub fn detect(&self, rel_path: &str, keys: &[&str], forced: Option<usize>) -> Option<Detected> {
        if let Some(index) = forced {
            return Some(Detected {
                index,
                how: How::Forced,
            });
        }
        let by_content = self.by_content(keys);
        // Files inside a skill's folder other than its SKILL.md are the skill's resources
        // (`skills/skill-creator/agents/grader.md` is a prompt the skill reads), not personas.
        let owner = self.resource_owner(rel_path);
        let by_path = self
            .by_path(rel_path)
            .filter(|&i| owner.is_none_or(|o| o == i));
        match by_path {
            // A dialect that refines the one the path names, recognised by its keys (an agency
            // persona installed into `.claude/agents`, with its `emoji`/`vibe`), wins.
            Some(i)
                if by_content
                    .is_some_and(|c| self.dialects[c].refines.contains(&self.dialects[i].id)) =>
            {
                by_content.map(|index| Detected {
                    index,
                    how: How::Content,
                })
            }
            Some(i) => Some(Detected {
                index: i,
                how: How::Path,
            }),
            None => by_content
                .or_else(|| self.fallback(keys))
                .map(|index| Detected {
                    index,
                    how: How::Content,
                }),
        }
    }

    /// Front matter in no known folder (collections such as `categories/01-core/*.md`) with
    /// the keys of the dialect that sets `fallback`: the most common persona format.
    fn fallback(&self, keys: &[&str]) -> Option<usize> {
        let has = |k: &String| keys.contains(&k.as_str());
        self.dialects.iter().position(|d| {
            d.fallback
                .as_ref()
                .is_some_and(|f| f.all.iter().all(has) && f.any.iter().any(has))
        })
    }

    /// The dialect whose persona owns the folder `rel_path` lies in, when the file is not
    /// that persona (`skills/skill-creator/agents/grader.md` is a prompt its skill reads).
    fn resource_owner(&self, rel_path: &str) -> Option<usize> {
        let parts: Vec<&str> = rel_path.split('/').collect();
        let (file, folders) = parts.split_last()?;
        self.dialects.iter().position(|d| {
            d.resources.as_ref().is_some_and(|r| {
                *file != r.entry
                    && folders
                        .iter()
                        .enumerate()
                        .any(|(i, p)| *p == r.folder && i + 2 <= folders.len())
            })
        })
    }

    /// The keys of every dialect (with the configured ones), sorted.
    pub fn all_keys(&self) -> &[String] {
        &self.all_keys
    }

    /// How file names read (not configurable).
    pub fn file_names(&self) -> &'static FileNames {
        &Schema::builtin().locations.names
    }

    fn by_content(&self, keys: &[&str]) -> Option<usize> {
        let mut best: Option<(usize, usize)> = None;
        for (i, d) in self.dialects.iter().enumerate() {
            let n = d
                .sniff_keys
                .iter()
                .filter(|k| keys.contains(&k.as_str()))
                .count();
            if n > 0 && best.is_none_or(|(_, b)| n > b) {
                best = Some((i, n));
            }
        }
        best.map(|(i, _)| i)
    }

    /// The allowed values of a key, with the configured ones: configured values are merged
    /// into the key's row; `@set` references name the built-in sets.
    pub fn values<'a>(&'a self, key: &'a Key) -> &'a [schema::Value] {
        Schema::builtin().values(key)
    }

    /// The tool names a tool-list key takes: the dialect's vocabulary, and the values
    /// configured for the key (merged into its row with the vocabulary, see `merge_key`).
    pub fn tool_names<'a>(&'a self, dialect: &'a Dialect, key: &'a Key) -> &'a [schema::Value] {
        match (&key.values, &dialect.tools.vocabulary) {
            (None, Some(vocab)) => Schema::builtin().set(vocab),
            _ => self.values(key),
        }
    }

    /// The model ids a `model` key is checked against: its values (with the configured ones),
    /// or the dialect's `models.ids` set for a key that lists none.
    pub fn model_ids<'a>(&'a self, dialect: &'a Dialect, key: &'a Key) -> &'a [schema::Value] {
        match (&key.values, &dialect.models.ids) {
            (None, Some(ids)) => Schema::builtin().set(ids),
            _ => self.values(key),
        }
    }
}

/// A dialect with its configuration: extra paths, keys and values, and the facts the
/// configuration replaces.
pub fn configured(d: &Dialect, dc: &DialectConfig) -> Dialect {
    let mut d = d.clone();
    d.paths.extend(dc.paths.iter().cloned());
    for (name, kc) in &dc.keys {
        merge_key(&mut d, name, kc);
    }
    dc.apply_facts(&mut d);
    d
}

type Score = (i32, usize, usize);

/// Dialect globs with each glob's dialect and specificity.
struct PathGlobs {
    set: GlobSet,
    owner: Vec<(usize, Score)>,
}

impl PathGlobs {
    fn compile(dialects: &[Dialect]) -> PathGlobs {
        let mut all = Vec::new();
        let mut owner = Vec::new();
        for (i, d) in dialects.iter().enumerate() {
            for g in &d.paths {
                all.push(g.clone());
                owner.push((i, specificity(d, g)));
            }
        }
        PathGlobs {
            set: GlobSet::new(&all),
            owner,
        }
    }
}

/// First the dialect's priority, then how much the glob says about the file name
/// (`**/SKILL.md`, `**/*.agent.md`), then its literal characters (`**/.github/agents/**`
/// beats `**/agents/**`).
fn specificity(d: &Dialect, glob: &str) -> Score {
    let file_part = glob.rsplit('/').next().unwrap_or(glob);
    (d.priority, literal_len(file_part), literal_len(glob))
}

fn literal_len(glob: &str) -> usize {
    glob.chars()
        .filter(|c| !matches!(c, '*' | '?' | '[' | ']' | '{' | '}' | ','))
        .count()
}

/// What a key takes before configuration: its own values, or for a tool list the dialect's
/// vocabulary (configured tool names add to it).
fn known_values<'a>(vocabulary: &Option<String>, k: &'a Key) -> &'a [schema::Value] {
    match (&k.values, k.ty, vocabulary) {
        (None, ValueType::Tools, Some(v)) => Schema::builtin().set(v),
        _ => Schema::builtin().values(k),
    }
}

fn merge_key(d: &mut Dialect, name: &str, kc: &KeyConfig) {
    let vocabulary = d.tools.vocabulary.clone();
    let extra: Vec<schema::Value> = kc
        .values
        .iter()
        .map(|v| schema::Value {
            value: v.value().to_string(),
            doc: v.doc().to_string(),
            status: schema::Status::Active,
            replacement: None,
            source: None,
            redundant: None,
            disputed: None,
            still_works: None,
        })
        .collect();
    let ty = kc.ty.as_deref().and_then(parse_type);
    match d.keys.iter_mut().find(|k| k.key == name) {
        Some(k) => {
            if let Some(doc) = &kc.doc {
                k.doc = doc.clone();
            }
            if let Some(r) = kc.required {
                k.required = r;
            }
            if let Some(t) = ty {
                k.ty = t;
            }
            if !extra.is_empty() {
                let mut values = known_values(&vocabulary, k).to_vec();
                values.extend(extra);
                k.values = Some(Values::Inline(values));
            }
        }
        None => d.keys.push(Key {
            key: name.to_string(),
            ty: ty.unwrap_or(ValueType::String),
            required: kc.required.unwrap_or(false),
            if_missing: None,
            missing_severity: schema::Level::Error,
            missing_eased_by: None,
            doc: kc
                .doc
                .clone()
                .unwrap_or_else(|| "Defined in the project's `.persona-ls.toml`.".into()),
            default: None,
            values: match (extra.is_empty(), ty, &vocabulary) {
                (true, _, _) => None,
                (false, Some(ValueType::Tools), Some(v)) => {
                    let mut values = Schema::builtin().set(v).to_vec();
                    values.extend(extra);
                    Some(Values::Inline(values))
                }
                (false, _, _) => Some(Values::Inline(extra)),
            },
            // Values a team lists in its configuration are suggestions unless it types the key
            // as an enum.
            open: ty != Some(ValueType::Enum),
            deprecated: None,
            source: None,
            text_form: None,
            if_null: None,
            if_empty: None,
            if_other: None,
            open_format: None,
            upload: None,
        }),
    }
}
