//! The workspace index, one for `check` and the server: per persona file, the values it uses
//! (what completion offers again: [`values`]) and its record (names, references, metadata:
//! [`record`]), with the personas filed by name ([`personas`]) and the listing budgets summed
//! per scope ([`budget`]).
//!
//! The language server builds it once in the background when it starts (a walk of the
//! workspace folders that honours `.gitignore`), then keeps it current from the open
//! documents' analyses and from file-watch events; `check` builds it for the projects around
//! the paths it checks. Completion never reads the disk.

pub mod budget;
pub mod personas;
pub mod record;
pub mod values;

pub use personas::Personas;
pub use record::{Origin, Record};
pub use values::{Pairs, ValueCounts, extract};

use crate::analysis::Parsed;
use crate::dialect::{Detected, Registry};
use crate::project::{DocLocation, Project};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The keys of `files` below `dir` (a folder removed: every entry under it goes).
fn paths_under<V>(files: &std::collections::HashMap<PathBuf, V>, dir: &Path) -> Vec<PathBuf> {
    files
        .keys()
        .filter(|p| p.starts_with(dir))
        .cloned()
        .collect()
}

/// Files larger than this are not read by the scan.
const MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

/// What the index keeps of one file.
#[derive(Debug, Clone, Default)]
pub struct FileIndex {
    pub pairs: Pairs,
    pub record: Option<Record>,
}

impl FileIndex {
    /// The entry for a file analysed as `detected` (the parse its analysis made).
    pub fn of(
        text: &str,
        parsed: &Parsed,
        origin: &Origin,
        registry: &Registry,
        detected: &Detected,
    ) -> FileIndex {
        FileIndex {
            pairs: extract(parsed, Some(registry.dialect(detected))),
            record: Some(record::record(text, parsed, origin, registry, detected)),
        }
    }
}

#[derive(Debug, Default)]
pub struct Index {
    pub values: ValueCounts,
    pub personas: Personas,
}

impl Index {
    /// Replaces `path`'s entry; returns the other files whose cross-file findings may change.
    pub fn set(&mut self, path: PathBuf, entry: FileIndex) -> HashSet<PathBuf> {
        self.set_all(vec![(path, Some(entry))])
    }

    /// [`Index::set`] of many files at once (see [`Personas::set_all`]).
    pub fn set_all(&mut self, entries: Vec<(PathBuf, Option<FileIndex>)>) -> HashSet<PathBuf> {
        let mut records = Vec::with_capacity(entries.len());
        for (path, entry) in entries {
            match entry {
                Some(e) => {
                    self.values.set(path.clone(), e.pairs);
                    records.push((path, e.record));
                }
                None => {
                    self.values.remove(&path);
                    records.push((path, None));
                }
            }
        }
        self.personas.set_all(records)
    }

    /// [`Index::set`] without finding the files affected: for building the index file by file.
    pub fn insert(&mut self, path: PathBuf, entry: FileIndex) {
        self.values.set(path.clone(), entry.pairs);
        self.personas.insert(path, entry.record);
    }

    pub fn remove(&mut self, path: &Path) -> HashSet<PathBuf> {
        self.values.remove(path);
        self.personas.set(path.to_path_buf(), None)
    }

    pub fn remove_under(&mut self, dir: &Path) -> HashSet<PathBuf> {
        self.values.remove_under(dir);
        self.personas.remove_under(dir)
    }

    pub fn contains(&self, path: &Path) -> bool {
        self.values.contains(path)
    }

    pub fn len(&self) -> usize {
        self.values.len()
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// See [`ValueCounts::values`].
    pub fn values(&self, key: &str, exclude: Option<&Path>) -> Vec<(String, usize)> {
        self.values.values(key, exclude)
    }
}

/// The origin of a document the server located.
pub fn origin_of(loc: &DocLocation) -> Origin<'_> {
    Origin {
        root: &loc.root,
        rel_path: &loc.rel_path,
        level: loc.scope,
        markers: loc.markers,
    }
}

/// Reads and indexes one file; `None` when it is not a persona file (or cannot be read).
pub fn index_file(path: &Path, project: &Project) -> Option<FileIndex> {
    // Only files inside the workspace folders, whatever a client's file event names; `path`
    // is canonical, so a link that leads out of the folders is outside them too.
    if !project.is_readable(path) {
        return None;
    }
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > MAX_FILE_SIZE {
        return None;
    }
    let text = std::fs::read_to_string(path).ok()?;
    let loc = project.locate_document(Some(path), "");
    if loc.excluded {
        return None;
    }
    index_text(&text, &origin_of(&loc), &loc.registry, None)
}

/// Indexes a file's text at `origin` (with `forced`, the dialect `--dialect` names). Only the
/// front matter is parsed; the body is only scanned for links.
pub fn index_text(
    text: &str,
    origin: &Origin,
    registry: &Registry,
    forced: Option<usize>,
) -> Option<FileIndex> {
    let split = crate::syntax::front_matter::split(text);
    let end = split.body_start.min(text.len());
    let head = &text[..end];
    let parsed = Parsed::new(head);
    let detected = registry.detect(
        origin.rel_path,
        parsed.yaml.as_ref(),
        origin.markers,
        forced,
    )?;
    // The parse of the head, the text whole: the body's links are read from it.
    Some(FileIndex::of(text, &parsed, origin, registry, &detected))
}

pub use crate::project::is_markdown;

/// Walks `folders` (honouring `.gitignore`; `.git` and `node_modules` skipped) and indexes
/// every persona file.
pub fn scan(folders: &[PathBuf], project: &Project) -> Vec<(PathBuf, FileIndex)> {
    let mut out = Vec::new();
    for folder in folders {
        let walker = crate::project::walker(folder).build();
        for entry in walker.flatten() {
            let path = entry.path();
            if entry.file_type().is_some_and(|t| t.is_file()) && is_markdown(path) {
                let path = crate::project::canonical(path);
                if let Some(entry) = index_file(&path, project) {
                    out.push((path, entry));
                }
            }
        }
    }
    out
}
