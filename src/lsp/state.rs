//! The server's state: the open documents (each an engine [`Document`] with where it lives and
//! its cached analysis), the project model, the client's capabilities.
//!
//! Everything here is synchronous and cheap; the handlers lock the state for a few
//! microseconds, take a [`Snapshot`] and do their work outside the lock.

use super::capabilities::ClientFlags;
use crate::analysis::{self, Analysis, Location, Parsed};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::document::{Document, Revision};
use crate::project::{DocLocation, Project};
use crate::text::Encoding;
use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use tower_lsp_server::ls_types as lsp;

/// What the analysis made of one revision of a document.
pub struct Computed {
    /// How long the analysis took.
    pub elapsed: std::time::Duration,
    pub parsed: Parsed,
    pub analysis: Analysis,
    /// For a `.persona-ls.toml` document: its error, if any (byte range, message).
    pub config_error: Option<(Range<usize>, String)>,
}

/// An open document: its text and versions (the engine's [`Document`]), where it lives, and
/// what was computed from it.
pub struct Open {
    pub doc: Document,
    pub location: Arc<DocLocation>,
    /// The analysis of this revision and configuration, computed once by whoever asks first.
    /// A fresh cell on every change: the diagnostics lane and a request that arrive together
    /// share one computation (two ran side by side before, and a 2 MB front matter held twice
    /// its memory).
    pub computed: Arc<OnceLock<Arc<Computed>>>,
    /// Whether a change too late to put in order was logged already.
    pub late_reported: bool,
    /// Its last analysis was slow: later ones run on the blocking pool.
    pub slow: bool,
    /// Its cross-file findings, against the index as it was when they were computed (see
    /// `handlers::cross`).
    pub cross: Option<Arc<CrossPart>>,
}

/// The cross-file findings of one revision of an open document. The revision's record is in
/// the index once this exists: a dependent's update recomputes only this part.
pub struct CrossPart {
    /// The revision (`Document::revision`) and location id they belong to.
    pub revision: u64,
    pub location: u64,
    pub list: Vec<Diagnostic>,
    /// Of `list` (see `handlers::cross::fingerprint`): a pull result id names it.
    pub fingerprint: u64,
}

impl Open {
    pub fn new(doc: Document, location: Arc<DocLocation>) -> Open {
        Open {
            doc,
            location,
            computed: Arc::default(),
            late_reported: false,
            slow: false,
            cross: None,
        }
    }
}

/// A consistent view of one revision of a document, usable without the lock.
#[derive(Clone)]
pub struct Snapshot {
    pub uri: lsp::Uri,
    /// The text, its line index and its version, shared with the document.
    pub doc: Arc<Revision>,
    pub location: Arc<DocLocation>,
    /// The document's cell for this revision's analysis (see [`Open::computed`]).
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
            self.doc.len()
        }
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
    let text = snap.doc.text();
    let loc = &snap.location;
    let nothing = || Analysis {
        dialect: None,
        diagnostics: Vec::new(),
    };
    if loc.is_config {
        let config_error = Config::from_toml(text, loc.path.as_deref()).err().map(|e| {
            let range = e.range.clone().unwrap_or(0..0);
            (range, e.message)
        });
        return Computed {
            elapsed: Default::default(),
            parsed: Parsed::new(""),
            analysis: nothing(),
            config_error,
        };
    }
    let parsed = Parsed::new(text);
    let analysis = if loc.excluded {
        nothing()
    } else {
        analysis::analyze_parsed(
            text,
            &parsed,
            Location {
                rel_path: &loc.rel_path,
                forced: None,
                markers: loc.markers,
            },
            &loc.registry,
        )
    };
    Computed {
        elapsed: Default::default(),
        parsed,
        analysis,
        config_error: None,
    }
}

/// The project model of a server with these folders and settings.
pub fn project(folders: &[PathBuf], settings: Config) -> Arc<Project> {
    Arc::new(Project::for_server(
        folders,
        settings,
        crate::project::home_from_env(),
    ))
}

pub struct State {
    pub flags: ClientFlags,
    /// Where documents live. Cheap to clone out of the state: handlers resolve outside the
    /// lock, and the background workspace scan takes its own. A configuration change makes a
    /// new one, so that a scan in flight cannot bring stale registries back.
    pub project: Arc<Project>,
    pub docs: HashMap<lsp::Uri, Open>,
    /// Bumped when the configuration changes, so that a re-resolution computed for an older
    /// configuration is not applied over a newer one.
    pub generation: u64,
}

impl State {
    pub fn new() -> State {
        State {
            flags: ClientFlags::default(),
            project: project(&[], Config::default()),
            docs: HashMap::new(),
            generation: 0,
        }
    }

    pub fn snapshot(&self, uri: &lsp::Uri) -> Option<Snapshot> {
        let open = self.docs.get(uri)?;
        Some(Snapshot {
            uri: uri.clone(),
            doc: open.doc.current().clone(),
            location: open.location.clone(),
            computed: open.computed.clone(),
            encoding: self.flags.encoding,
            slow: open.slow,
        })
    }

    /// Whether the document is still what `snap` saw: same text, same configuration.
    pub fn is_current(&self, snap: &Snapshot) -> bool {
        self.docs.get(&snap.uri).is_some_and(|d| {
            d.doc.revision() == snap.doc.number() && Arc::ptr_eq(&d.location, &snap.location)
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
}

impl Default for State {
    fn default() -> Self {
        State::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let path = super::super::from_proto::file_path(&uri);
        let loc = Arc::new(state.project.locate_document(path.as_deref(), ""));
        let open = Open::new(Document::new(text, 1), loc);
        state.docs.insert(uri.clone(), open);
        let snap = state.snapshot(&uri).unwrap();
        let results: Vec<Arc<Computed>> = std::thread::scope(|s| {
            let runs: Vec<_> = (0..4)
                .map(|_| s.spawn(|| snap.clone().computed()))
                .collect();
            runs.into_iter().map(|r| r.join().unwrap()).collect()
        });
        assert!(results.iter().all(|c| Arc::ptr_eq(c, &results[0])));
        // A change starts a new cell: the next revision is analysed afresh.
        let open = state.docs.get_mut(&uri).unwrap();
        open.computed = Arc::default();
        let again = state.snapshot(&uri).unwrap().computed();
        assert!(!Arc::ptr_eq(&again, &results[0]));
    }
}
