//! The server's state: open documents (rope, text, version, cached results, Markdown tree),
//! where each document lives (project root, dialect registry) and the configuration.
//!
//! Everything here is synchronous and cheap; the async handlers in `server.rs` lock the state
//! for a few microseconds, take a [`Snapshot`] and do their work outside the lock.

use super::capabilities::ClientFlags;
use super::convert;
pub use super::document::{Applied, Body, Document};
use crate::analysis::{self, Analysis, Location, Parsed};
use crate::config::{Config, ConfigError, FILE_NAME};
use crate::dialect::Registry;
pub use crate::project::ConfigProblem;
use crate::project::Project;
use crate::text::Encoding;
use ropey::Rope;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use tower_lsp_server::ls_types as lsp;

/// Where a document lives, resolved when it is opened and again when the configuration changes.
pub struct DocLocation {
    /// Unique per resolution: a pull-diagnostics result id names the version and the location
    /// (configuration) it was computed with.
    pub id: u64,
    /// The file, canonicalised when it exists (`None` for `untitled:` documents).
    pub path: Option<PathBuf>,
    /// `/`-separated path relative to the project root: what dialect globs match.
    pub rel_path: String,
    pub registry: Arc<Registry>,
    /// Excluded by the configuration's `exclude` globs: no diagnostics, as `check` skips it.
    pub excluded: bool,
    /// The document is a `.persona-ls.toml`: it is validated as configuration.
    pub is_config: bool,
}

/// What the analysis made of one version of a document.
pub struct Computed {
    /// The document revision it was computed from.
    pub revision: u64,
    /// How long the analysis took.
    pub elapsed: std::time::Duration,
    pub parsed: Parsed,
    pub analysis: Analysis,
    /// For a `.persona-ls.toml` document: its error, if any (byte range, message).
    pub config_error: Option<(Range<usize>, String)>,
}

/// A consistent view of one version of a document, usable without the lock.
#[derive(Clone)]
pub struct Snapshot {
    pub uri: lsp::Uri,
    pub version: i32,
    pub revision: u64,
    pub text: Arc<String>,
    pub rope: Rope,
    pub location: Arc<DocLocation>,
    /// The document's cell for this revision's analysis (see `Document::computed`).
    pub computed: Arc<OnceLock<Arc<Computed>>>,
    pub encoding: Encoding,
    /// The document's last analysis was slow (see [`SLOW`]).
    pub slow: bool,
}

/// An analysis slower than this sends the document's later work to the blocking pool.
pub const SLOW: std::time::Duration = std::time::Duration::from_millis(2);

impl Snapshot {
    /// The analysis of this snapshot: computed here, or by another thread that is computing it
    /// now (this one then waits for it rather than computing it a second time).
    pub fn computed(&self) -> Arc<Computed> {
        self.computed
            .get_or_init(|| Arc::new(compute(self)))
            .clone()
    }

    /// What decides where its analysis runs: its size, or "heavy" once it proved slow.
    pub fn weight(&self) -> usize {
        if self.slow {
            usize::MAX
        } else {
            self.text.len()
        }
    }

    pub fn offset(&self, pos: lsp::Position) -> usize {
        convert::offset(&self.rope, pos, self.encoding)
    }
    pub fn range(&self, r: &Range<usize>) -> lsp::Range {
        convert::range(&self.rope, r, self.encoding)
    }
}

/// Runs the analysis for a snapshot: exactly what `check` runs for the same text and path.
pub fn compute(snap: &Snapshot) -> Computed {
    let start = std::time::Instant::now();
    let mut c = compute_untimed(snap);
    c.elapsed = start.elapsed();
    c
}

fn compute_untimed(snap: &Snapshot) -> Computed {
    let text = snap.text.as_str();
    let loc = &snap.location;
    if loc.is_config {
        let config_error = Config::from_toml(text, loc.path.as_deref()).err().map(|e| {
            let range = e.range.clone().unwrap_or(0..0);
            (range, e.message)
        });
        let parsed = Parsed::new("");
        return Computed {
            revision: snap.revision,
            elapsed: Default::default(),
            parsed,
            analysis: Analysis {
                dialect: None,
                diagnostics: Vec::new(),
            },
            config_error,
        };
    }
    let parsed = Parsed::new(text);
    let analysis = if loc.excluded {
        Analysis {
            dialect: None,
            diagnostics: Vec::new(),
        }
    } else {
        analysis::analyze_parsed(
            text,
            &parsed,
            Location {
                rel_path: &loc.rel_path,
                forced: None,
            },
            &loc.registry,
        )
    };
    Computed {
        revision: snap.revision,
        elapsed: Default::default(),
        parsed,
        analysis,
        config_error: None,
    }
}

/// Resolves documents through the engine's project model ([`Project`]: project root,
/// configuration files and their merge with the LSP settings, registry, exclusion). Cheap to
/// clone: handlers clone it out of the state and resolve outside the lock, and the background
/// workspace scan takes its own. A configuration change makes a new one, so a scan in flight
/// cannot bring stale registries back.
#[derive(Clone)]
pub struct Locator {
    pub project: Arc<Project>,
    /// Configuration files that failed to load since the last [`take_problems`](Self::take_problems),
    /// each told once per locator.
    problems: Arc<Mutex<(Vec<ConfigProblem>, HashSet<PathBuf>)>>,
}

impl Default for Locator {
    fn default() -> Self {
        Locator::new(Vec::new(), Config::default())
    }
}

fn next_location_id() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

pub use crate::project::canonical;

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Locator {
    pub fn new(folders: Vec<PathBuf>, settings: Config) -> Locator {
        Locator {
            project: Arc::new(Project::for_server(
                &folders,
                settings,
                crate::project::home_from_env(),
            )),
            problems: Arc::default(),
        }
    }

    pub fn folders(&self) -> &[PathBuf] {
        self.project.folders()
    }

    pub fn settings(&self) -> &Config {
        self.project.settings()
    }

    /// The same folders and settings with every cache dropped (after a configuration file
    /// changed).
    pub fn renewed(&self) -> Locator {
        Locator::new(self.folders().to_vec(), self.settings().clone())
    }

    pub fn take_problems(&self) -> Vec<ConfigProblem> {
        std::mem::take(&mut lock(&self.problems).0)
    }

    /// The registry for documents governed by no configuration file.
    pub fn default_registry(&self) -> Arc<Registry> {
        self.project.default_registry()
    }

    /// Builds the registries the workspace folders will need, ahead of the first document.
    pub fn warm(&self) {
        self.default_registry();
        for f in self.folders() {
            self.locate(Some(&f.join("_.md")), "");
        }
    }

    /// Where a document lives. `name` names an `untitled:` document (no path).
    pub fn locate(&self, path: Option<&Path>, name: &str) -> DocLocation {
        let Some(path) = path else {
            return DocLocation {
                id: next_location_id(),
                path: None,
                rel_path: name.to_string(),
                registry: self.default_registry(),
                excluded: false,
                is_config: false,
            };
        };
        let path = canonical(path);
        let is_config = path.file_name().is_some_and(|n| n == FILE_NAME);
        let (place, registry) = match self.project.locate(&path, None) {
            Ok(l) => (l.place, l.registry),
            Err(problem) => {
                // Checked with the settings alone, and the user told once.
                tracing::warn!("{}", problem.render());
                let mut p = lock(&self.problems);
                if p.1.insert(problem.path.clone()) {
                    p.0.push(problem);
                }
                (self.project.place(&path, None), self.default_registry())
            }
        };
        let excluded = registry.is_excluded(&place.rel_path);
        DocLocation {
            id: next_location_id(),
            path: Some(path),
            rel_path: place.rel_path,
            registry,
            excluded,
            is_config,
        }
    }
}

/// Reads LSP settings: either the settings object itself or wrapped in a `persona-ls` section
/// (what `workspace/didChangeConfiguration` sends for a whole settings tree). `None` when the
/// value carries no settings for this server.
pub fn settings_from_json(value: serde_json::Value) -> Option<Result<Config, ConfigError>> {
    let value = match value {
        serde_json::Value::Null => return None,
        serde_json::Value::Object(mut map) => {
            let section = ["persona-ls", "personaLs", "persona_ls"]
                .iter()
                .find_map(|k| map.remove(*k));
            match section {
                Some(serde_json::Value::Null) => return None,
                Some(inner) => inner,
                None if map.is_empty() => return None,
                None => serde_json::Value::Object(map),
            }
        }
        other => other,
    };
    Some(Config::from_json(value))
}

pub struct State {
    pub flags: ClientFlags,
    pub locator: Locator,
    pub docs: HashMap<lsp::Uri, Document>,
    /// Bumped when the configuration changes, so that a re-resolution computed for an older
    /// configuration is not applied over a newer one.
    pub generation: u64,
}

impl State {
    pub fn new() -> State {
        State {
            flags: ClientFlags::default(),
            locator: Locator::default(),
            docs: HashMap::new(),
            generation: 0,
        }
    }

    pub fn snapshot(&self, uri: &lsp::Uri) -> Option<Snapshot> {
        let doc = self.docs.get(uri)?;
        Some(Snapshot {
            uri: uri.clone(),
            version: doc.version,
            revision: doc.revision,
            text: doc.text.clone(),
            rope: doc.rope.clone(),
            location: doc.location.clone(),
            computed: doc.computed.clone(),
            encoding: self.flags.encoding,
            slow: doc.slow,
        })
    }

    /// Whether the document is still what `snap` saw: same text, same configuration.
    pub fn is_current(&self, snap: &Snapshot) -> bool {
        self.docs.get(&snap.uri).is_some_and(|d| {
            d.revision == snap.revision && Arc::ptr_eq(&d.location, &snap.location)
        })
    }

    /// Notes how long the analysis of the document's current revision took.
    pub fn store(&mut self, snap: &Snapshot, computed: &Arc<Computed>) {
        if self.is_current(snap)
            && let Some(doc) = self.docs.get_mut(&snap.uri)
        {
            doc.slow = computed.elapsed > SLOW;
        }
    }

    pub fn locate_uri(&self, uri: &lsp::Uri) -> DocLocation {
        locate_uri(&self.locator, uri)
    }
}

/// Where the document at `uri` lives.
pub fn locate_uri(locator: &Locator, uri: &lsp::Uri) -> DocLocation {
    let path = file_path(uri);
    let name = uri
        .path()
        .as_str()
        .rsplit('/')
        .next()
        .unwrap_or("")
        .to_string();
    locator.locate(path.as_deref(), &name)
}

impl Default for State {
    fn default() -> Self {
        State::new()
    }
}

/// The file path of a `file:` URI.
pub fn file_path(uri: &lsp::Uri) -> Option<PathBuf> {
    if !uri.scheme().as_str().eq_ignore_ascii_case("file") {
        return None;
    }
    uri.to_file_path().map(|p| p.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_may_be_wrapped_in_a_section() {
        let cfg =
            settings_from_json(serde_json::json!({"persona-ls": {"rules": {"empty-body": "off"}}}))
                .unwrap()
                .unwrap();
        assert_eq!(
            cfg.severity(
                crate::diagnostic::Code::EmptyBody,
                crate::diagnostic::Severity::Warning
            ),
            None
        );
        let cfg = settings_from_json(serde_json::json!({"exclude": ["drafts/**"]}))
            .unwrap()
            .unwrap();
        assert_eq!(cfg.exclude, ["drafts/**"]);
        assert!(settings_from_json(serde_json::Value::Null).is_none());
        assert!(settings_from_json(serde_json::json!({})).is_none());
        assert!(
            settings_from_json(serde_json::json!({"rules": {"nope": "off"}}))
                .unwrap()
                .is_err()
        );
    }

    /// The diagnostics lane and a request that ask for one revision's analysis at once share
    /// one computation: the second waits for the first instead of computing it again.
    #[test]
    fn one_revision_is_analysed_once_however_many_ask() {
        let mut state = State::new();
        let uri: lsp::Uri = "file:///w/.claude/agents/a.md".parse().unwrap();
        let text = format!(
            "---\nname: a\ndescription: d\n{}---\nbody\n",
            (0..20_000)
                .map(|i| format!("k{i}: v\n"))
                .collect::<String>()
        );
        let loc = Arc::new(state.locate_uri(&uri));
        state.docs.insert(uri.clone(), Document::new(text, 1, loc));
        let snap = state.snapshot(&uri).unwrap();
        let results: Vec<Arc<Computed>> = std::thread::scope(|s| {
            let runs: Vec<_> = (0..4)
                .map(|_| s.spawn(|| snap.clone().computed()))
                .collect();
            runs.into_iter().map(|r| r.join().unwrap()).collect()
        });
        assert!(results.iter().all(|c| Arc::ptr_eq(c, &results[0])));
        // A change starts a new cell: the next revision is analysed afresh.
        let doc = state.docs.get_mut(&uri).unwrap();
        doc.computed = Arc::default();
        let again = state.snapshot(&uri).unwrap().computed();
        assert!(!Arc::ptr_eq(&again, &results[0]));
    }
}
