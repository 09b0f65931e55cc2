//! Which dialect a file is. The order, strongest first (`locations.yaml` says it too):
//!
//! 1. configuration or `--dialect` (forced);
//! 2. the best path glob: a tool's own folder (a glob through one of `locations.yaml`'s
//!    `markers`, `**/.claude/agents/**/*.md`) beats a file suffix (`**/*.agent.md`), which
//!    beats a generic folder (`**/agents/**/*.md`); `priority` comes before all three;
//! 3. when that glob is generic and other dialects `claims` it, the file's content markers
//!    (`sniff_keys`, `sniff_values`: keys and values only one dialect has) decide between
//!    the owner and the claimants, then the project markers (`project_markers`:
//!    `opencode.jsonc` in a folder from the file's up to the project root), then the owner;
//! 4. a dialect that `refines` the one chosen, recognised by its keys (agency in
//!    `.claude/agents`);
//! 5. no glob: content markers, then the `fallback` keys.
//!
//! The registry is the built-in schema with the user's configuration merged in (extra globs,
//! keys and values), compiled once per configuration.

use crate::config::{Config, DialectConfig, KeyConfig};
use crate::glob::GlobSet;
use crate::schema::{self, Dialect, FileNames, Key, Schema, ValueType, Values};
use crate::syntax::yaml::Yaml;

pub struct Registry {
    pub dialects: Vec<Dialect>,
    /// Each dialect's `readers-at` rows, with the dialect as those readers see it.
    reader_views: Vec<ReaderView>,
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
    /// A project marker file (`opencode.jsonc`) decided a glob several dialects share.
    Project,
    Forced,
}

/// The marker files found around a file. Project markers (`project_markers`) say which
/// dialects' tools the project uses: a set of indices into the built-in schema's dialects,
/// which a registry keeps in the same order. A plugin marker (a dialect's `plugin.markers`,
/// `.claude-plugin/plugin.json`) says where a plugin's root is: the nearest such folder, as
/// the number of leading segments of the file's path it spans, with the marker's name.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Markers {
    dialects: u64,
    plugin_root: Option<(usize, &'static str)>,
}

impl Markers {
    pub fn with(self, index: usize) -> Markers {
        Markers {
            dialects: self.dialects | 1u64.checked_shl(index as u32).unwrap_or(0),
            ..self
        }
    }
    pub fn has(self, index: usize) -> bool {
        self.dialects & 1u64.checked_shl(index as u32).unwrap_or(0) != 0
    }
    /// The nearer plugin root of the two (more segments: deeper in the path).
    pub fn union(self, other: Markers) -> Markers {
        Markers {
            dialects: self.dialects | other.dialects,
            plugin_root: self.plugin_root.max(other.plugin_root),
        }
    }
    /// A plugin marker `name` in the folder being looked at (its depth set by [`Self::at_depth`]).
    pub fn with_plugin_marker(self, name: &'static str) -> Markers {
        Markers {
            plugin_root: Some((0, name)),
            ..self
        }
    }
    /// The markers of a folder `depth` segments below the project root.
    pub fn at_depth(self, depth: usize) -> Markers {
        Markers {
            plugin_root: self.plugin_root.map(|(_, name)| (depth, name)),
            ..self
        }
    }
    /// Without the plugin root (user-level files, whose paths mirror a project folder).
    pub fn without_plugin_root(self) -> Markers {
        Markers {
            plugin_root: None,
            ..self
        }
    }
    /// The nearest plugin root: how many leading segments of the file's path it spans, and
    /// the marker found there.
    pub fn plugin_root(self) -> Option<(usize, &'static str)> {
        self.plugin_root
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Detected {
    pub index: usize,
    pub how: How,
    /// The dialect's `readers-at` row the path matched (an index into the registry's
    /// reader views): fewer readers read the file there. [`Registry::dialect`] gives the
    /// dialect as they see it.
    pub at: Option<usize>,
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
        let reader_views = dialects
            .iter()
            .enumerate()
            .flat_map(|(index, d)| {
                d.readers_at.iter().map(move |at| ReaderView {
                    index,
                    glob: GlobSet::new(std::slice::from_ref(&at.glob)),
                    dialect: d.read_at(at),
                })
            })
            .collect();
        Registry {
            dialects,
            reader_views,
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

    /// The dialect whose glob matches `rel_path` (a `/`-separated path relative to the project
    /// root) best, with that glob's claimants; `keep` filters the owners considered.
    fn by_path(&self, rel_path: &str, keep: impl Fn(usize) -> bool) -> Option<PathMatch> {
        // The most specific match wins (see `specificity`).
        let mut best: Option<(usize, Score, usize)> = None;
        for m in self.globs.set.matches(rel_path) {
            let (i, score) = self.globs.owner[m];
            if keep(i) && best.is_none_or(|(_, s, _)| score > s) {
                best = Some((i, score, m));
            }
        }
        let (index, _, glob) = best?;
        let glob = &self.globs.globs[glob];
        let claimants = self
            .dialects
            .iter()
            .enumerate()
            .filter(|&(i, d)| i != index && d.claims.contains(glob))
            .map(|(i, _)| i)
            .collect();
        Some(PathMatch { index, claimants })
    }

    /// Whether one of the dialect's own `paths` (not a claim) matches `rel_path`.
    pub fn owns_path(&self, index: usize, rel_path: &str) -> bool {
        self.globs
            .set
            .matches(rel_path)
            .any(|m| self.globs.owner[m].0 == index)
    }

    /// The dialect of a detected file, as its readers see it (fewer of them at some paths:
    /// the dialect's `readers-at`).
    pub fn dialect(&self, d: &Detected) -> &Dialect {
        match d.at {
            Some(at) => &self.reader_views[at].dialect,
            None => &self.dialects[d.index],
        }
    }

    /// Decides the dialect of a file from its path, its front matter and the project markers
    /// around it (the order is at the top of this module), and which of its readers read it.
    pub fn detect(
        &self,
        rel_path: &str,
        yaml: Option<&Yaml>,
        markers: Markers,
        forced: Option<usize>,
    ) -> Option<Detected> {
        let found = self.detect_dialect(rel_path, yaml, markers, forced)?;
        let at = self
            .reader_views
            .iter()
            .position(|v| v.index == found.index && v.glob.is_match(rel_path));
        Some(Detected { at, ..found })
    }

    fn detect_dialect(
        &self,
        rel_path: &str,
        yaml: Option<&Yaml>,
        markers: Markers,
        forced: Option<usize>,
    ) -> Option<Detected> {
        if let Some(index) = forced {
            return Some(Detected {
                index,
                how: How::Forced,
                at: None,
            });
        }
        // Files inside a skill's folder other than its SKILL.md are the skill's resources
        // (`skills/skill-creator/agents/grader.md` is a prompt the skill reads), not personas.
        let owner = self.resource_owner(rel_path);
        let Some(found) = self.by_path(rel_path, |i| owner.is_none_or(|o| o == i)) else {
            return self
                .by_content(yaml, 0..self.dialects.len())
                .or_else(|| self.fallback(yaml))
                .map(|index| Detected {
                    index,
                    how: How::Content,
                    at: None,
                });
        };
        let path = self.arbitrate(&found, yaml, markers);
        // A dialect that refines the one chosen, recognised by its keys (an agency persona
        // installed into `.claude/agents`, with its `emoji`/`vibe`), wins.
        match self.by_content(yaml, 0..self.dialects.len()) {
            Some(c)
                if self.dialects[c]
                    .refines
                    .contains(&self.dialects[path.index].id) =>
            {
                Some(Detected {
                    index: c,
                    how: How::Content,
                    at: None,
                })
            }
            _ => Some(path),
        }
    }

    /// Between a generic glob's owner and its claimants: the file's content markers, then the
    /// project's markers, then the owner.
    fn arbitrate(&self, found: &PathMatch, yaml: Option<&Yaml>, markers: Markers) -> Detected {
        let owner = Detected {
            index: found.index,
            how: How::Path,
            at: None,
        };
        if found.claimants.is_empty() {
            return owner;
        }
        let candidates = || std::iter::once(found.index).chain(found.claimants.iter().copied());
        if let Some(index) = self.by_content(yaml, candidates()) {
            return Detected {
                index,
                how: How::Content,
                at: None,
            };
        }
        let mut marked = candidates().filter(|&i| markers.has(i));
        match (marked.next(), marked.next()) {
            (Some(index), None) => Detected {
                index,
                how: How::Project,
                at: None,
            },
            _ => owner,
        }
    }
    /// Front matter in no known folder (collections such as `categories/01-core/*.md`) with
    /// the keys of the dialect that sets `fallback`: the most common persona format.
    fn fallback(&self, yaml: Option<&Yaml>) -> Option<usize> {
        let yaml = yaml?;
        let has = |k: &String| yaml.entry(k).is_some();
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

    /// The one dialect among `candidates` with the most content markers in the front matter
    /// (`sniff_keys` present, `sniff_values` set); none on a tie or when none has any.
    fn by_content(
        &self,
        yaml: Option<&Yaml>,
        candidates: impl Iterator<Item = usize>,
    ) -> Option<usize> {
        let yaml = yaml?;
        let mut best: Option<(usize, usize)> = None;
        let mut tied = false;
        for i in candidates {
            let n = content_markers(&self.dialects[i], yaml);
            match best {
                _ if n == 0 => {}
                Some((_, b)) if n == b => tied = true,
                Some((_, b)) if n < b => {}
                _ => {
                    best = Some((i, n));
                    tied = false;
                }
            }
        }
        best.filter(|_| !tied).map(|(i, _)| i)
    }

    /// The allowed values of a key, with the configured ones: configured values are merged
    /// into the key's row; `@set` references name the built-in sets.
    pub fn values<'a>(&'a self, key: &'a Key) -> &'a [schema::Value] {
        Schema::builtin().values(key)
    }

    /// The names a map shape's keys come from (`keys`: hook events).
    pub fn key_names<'a>(&'a self, shape: &'a Key) -> &'a [schema::Value] {
        Schema::builtin().key_names(shape)
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

/// How many of the dialect's content markers the front matter has.
fn content_markers(d: &Dialect, yaml: &Yaml) -> usize {
    let keys = d
        .sniff_keys
        .iter()
        .filter(|k| yaml.entry(k).is_some())
        .count();
    let values = d
        .sniff_values
        .iter()
        .filter(|m| {
            let Some(v) = yaml.entry(&m.key).and_then(|e| e.value.as_ref()?.as_str()) else {
                return false;
            };
            match (&m.values, m.shape) {
                (Some(values), _) => Schema::builtin()
                    .values_of(values)
                    .iter()
                    .any(|x| x.value == v),
                (None, Some(shape)) => shape.matches(v),
                (None, None) => false,
            }
        })
        .count();
    keys + values
}

/// A `readers-at` row of a dialect: where it applies, and the dialect as its readers see it.
struct ReaderView {
    index: usize,
    glob: GlobSet,
    dialect: Dialect,
}

/// The glob that matched best, and the dialects that claim it (`claims`).
struct PathMatch {
    index: usize,
    claimants: Vec<usize>,
}

type Score = (i32, bool, usize, usize);

/// Dialect globs with each glob's dialect and specificity.
struct PathGlobs {
    set: GlobSet,
    globs: Vec<String>,
    owner: Vec<(usize, Score)>,
}

impl PathGlobs {
    fn compile(dialects: &[Dialect]) -> PathGlobs {
        let mut globs = Vec::new();
        let mut owner = Vec::new();
        let tool_folders = &Schema::builtin().locations.markers;
        for (i, d) in dialects.iter().enumerate() {
            for g in &d.paths {
                globs.push(g.clone());
                owner.push((i, specificity(d, g, tool_folders)));
            }
        }
        PathGlobs {
            set: GlobSet::new(&globs),
            globs,
            owner,
        }
    }
}

/// First the dialect's priority; then whether the glob goes through a tool's own folder
/// (`locations.yaml`'s `markers`: `**/.claude/agents/**/*.md` beats `**/*.agent.md`, because
/// Claude Code reads every `.md` there and VS Code too takes it for a Claude agent); then how
/// much it says about the file name (`**/SKILL.md`, `**/*.agent.md` beat `**/agents/**/*.md`);
/// then its literal characters (`**/plugins/*/agents/**` beats `**/agents/**`).
fn specificity(d: &Dialect, glob: &str, tool_folders: &[String]) -> Score {
    let file_part = glob.rsplit('/').next().unwrap_or(glob);
    let tool_folder = glob
        .split('/')
        .any(|seg| tool_folders.iter().any(|m| m == seg));
    (
        d.priority,
        tool_folder,
        literal_len(file_part),
        literal_len(glob),
    )
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
            fallback: None,
            if_invalid: None,
            invalid_severity: schema::Level::Error,
            comma_is_literal: None,
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
            quotes_kept: None,
            if_null: None,
            ..Key::default()
        }),
    }
}
