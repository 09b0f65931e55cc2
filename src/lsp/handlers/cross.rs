//! Cross-file findings in the server (`duplicate-name`, `unknown-reference`,
//! `context-budget`): an open document's, merged into what its lane publishes or a pull
//! answers, and its dependents' when its record changes.
//!
//! Cost: after an analysis the document's record goes into the index (skipped when it is
//! unchanged, as for a keystroke in the body), its own findings are index lookups, and
//! `Index::set` names the other files whose findings may have changed. Only those are
//! recomputed: an open one on its lane (`Job::Cross`: the cross part alone, from the index,
//! with the per-file part of its last analysis kept), a file that is not open from its cached
//! per-file diagnostics (`closed`). Nothing walks the workspace, and the index lock is never
//! held across an `.await`.

use super::diagnostics::Job;
use crate::analysis::cross::cross_file;
use crate::diagnostic::{Code, Diagnostic};
use crate::dialect::Registry;
use crate::lsp::server::Shared;
use crate::lsp::state::{Computed, CrossPart, Snapshot};
use crate::workspace::{self, FileIndex, Index};
use std::collections::HashSet;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use tower_lsp_server::ls_types as lsp;

/// What a client sees of a list of findings: a changed fingerprint means a new publish (and a
/// new pull result id).
pub fn fingerprint(list: &[Diagnostic]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for d in list {
        (d.range.start, d.range.end, d.code, d.severity).hash(&mut h);
        d.message.hash(&mut h);
    }
    h.finish()
}

/// Replaces the entries of a batch; returns the other files whose cross-file findings may have
/// changed, found once (see `Personas::set_all`). A record equal to the one indexed changes
/// nobody's findings: only the values completion offers are replaced.
pub fn set_all(index: &mut Index, batch: Vec<(PathBuf, Option<FileIndex>)>) -> HashSet<PathBuf> {
    let changed: Vec<(PathBuf, Option<FileIndex>)> = batch
        .into_iter()
        .filter_map(|(path, entry)| match entry {
            Some(e)
                if e.record.is_some()
                    && index.personas.get(&path).map(|r| &**r) == e.record.as_ref() =>
            {
                index.values.set(path, e.pairs);
                None
            }
            entry => Some((path, entry)),
        })
        .collect();
    index.set_all(changed)
}

/// Replaces `path`'s entry in the index; returns the other files whose cross-file findings may
/// have changed.
pub fn set(index: &mut Index, path: &Path, entry: Option<FileIndex>) -> HashSet<PathBuf> {
    set_all(index, vec![(path.to_path_buf(), entry)])
}

/// The cross-file findings of the indexed file at `path` (none when it has no record).
/// Until the workspace is `indexed`, without `unknown-reference`: the name may be declared in
/// a file the scan has not read yet (the scan's end recomputes every open file).
pub fn findings(index: &Index, path: &Path, registry: &Registry, indexed: bool) -> Vec<Diagnostic> {
    let mut list = index
        .personas
        .get(path)
        .map(|r| cross_file(&index.personas, path, r, registry))
        .unwrap_or_default();
    if !indexed {
        list.retain(|d| d.code != Code::UnknownReference);
    }
    list
}

impl Shared {
    /// Whether the first scan of the workspace folders is applied (see `findings`).
    pub(in crate::lsp) fn is_indexed(&self) -> bool {
        self.indexed.load(Ordering::Acquire)
    }

    /// Puts the analysed revision of an open document into the index and computes its
    /// cross-file findings (kept on the document). Returns them with the other files whose
    /// findings may have changed. A revision already indexed (the lane and a pull both ask)
    /// is not indexed twice.
    pub(in crate::lsp) fn index_open(
        &self,
        snap: &Snapshot,
        computed: &Computed,
    ) -> (Arc<CrossPart>, HashSet<PathBuf>) {
        let revision = snap.doc.number();
        let known = self
            .lock()
            .docs
            .get(&snap.uri)
            .and_then(|d| d.cross.clone())
            .filter(|c| c.revision == revision && c.location == snap.location.id);
        if let Some(known) = known {
            return (known, HashSet::new());
        }
        let loc = &snap.location;
        let mut affected = HashSet::new();
        let mut list = Vec::new();
        if let (Some(path), false) = (&loc.path, loc.is_config) {
            let entry = computed.analysis.dialect.map(|d| {
                FileIndex::of(
                    snap.doc.text(),
                    &computed.parsed,
                    &workspace::origin_of(loc),
                    &loc.registry,
                    &d,
                )
            });
            let mut index = self.index();
            affected = set(&mut index, path, entry);
            list = findings(&index, path, &loc.registry, self.is_indexed());
        }
        let part = Arc::new(CrossPart {
            revision,
            location: loc.id,
            fingerprint: fingerprint(&list),
            list,
        });
        let mut st = self.lock();
        if st.is_current(snap)
            && let Some(open) = st.docs.get_mut(&snap.uri)
        {
            open.cross = Some(part.clone());
        }
        (part, affected)
    }

    /// After the index changed: recomputes the cross-file findings of the files in
    /// `affected` and republishes those that changed (open documents on their lanes, the
    /// others from their cached per-file part).
    pub(in crate::lsp) fn dependents(self: &Arc<Self>, affected: HashSet<PathBuf>) {
        if affected.is_empty() {
            return;
        }
        let open: Vec<lsp::Uri> = {
            let st = self.lock();
            st.docs
                .iter()
                .filter(|(_, d)| {
                    d.location
                        .path
                        .as_ref()
                        .is_some_and(|p| affected.contains(p))
                })
                .map(|(u, _)| u.clone())
                .collect()
        };
        for uri in open {
            self.queue(Job::Cross(uri));
        }
        self.recross_closed(affected);
    }
}

/// A lane's `Job::Cross`: the document's cross part recomputed from the index, published with
/// the per-file part of its last analysis when it changed. A revision not indexed yet has a
/// check queued, which computes both.
pub(super) async fn recross(shared: &Arc<Shared>, uri: &lsp::Uri) {
    let Some(snap) = shared.snapshot(uri) else {
        return;
    };
    let (Some(path), Some(computed)) = (snap.location.path.clone(), snap.computed.get().cloned())
    else {
        return;
    };
    let indexed = |c: &CrossPart| c.revision == snap.doc.number() && c.location == snap.location.id;
    let before = {
        let st = shared.lock();
        st.docs.get(uri).and_then(|d| d.cross.clone())
    };
    let Some(before) = before.filter(|c| indexed(c)) else {
        return;
    };
    let list = findings(
        &shared.index(),
        &path,
        &snap.location.registry,
        shared.is_indexed(),
    );
    let fp = fingerprint(&list);
    if fp == before.fingerprint {
        return;
    }
    let part = Arc::new(CrossPart {
        revision: before.revision,
        location: before.location,
        fingerprint: fp,
        list,
    });
    let pull = {
        let mut st = shared.lock();
        let Some(open) = st.docs.get_mut(uri).filter(|d| {
            d.doc.revision() == before.revision && d.cross.as_ref().is_some_and(|c| indexed(c))
        }) else {
            return;
        };
        open.cross = Some(part.clone());
        st.flags.pull_diagnostics
    };
    if pull {
        shared.refresh();
    } else {
        super::diagnostics::publish(shared, snap, &computed, &part.list).await;
    }
}
