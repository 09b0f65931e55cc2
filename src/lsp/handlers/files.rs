//! What the navigation handlers share: the current document's record (made from its current
//! analysis, so that it is never older than the text), and the texts of the other files of
//! the workspace (an open document's, else the disk's, read only inside the workspace
//! folders and never through a link that leads out of them), for exact positions there.

use crate::analysis::navigate::{FileText, Place, Source};
use crate::document::Revision;
use crate::lsp::server::Shared;
use crate::lsp::state::Snapshot;
use crate::lsp::{from_proto, to_proto};
use crate::project::Project;
use crate::text::Encoding;
use crate::workspace::{self, Personas, Record};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types as lsp;

/// Files larger than this are not read for navigation.
const MAX_READ: u64 = 10 * 1024 * 1024;

/// The open document a request is about, with its record and the cursor's byte offset.
pub struct Current {
    pub snap: Snapshot,
    pub path: PathBuf,
    pub record: Record,
}

impl Current {
    pub fn offset(&self, p: lsp::Position) -> usize {
        from_proto::offset(&self.snap.doc, p, self.snap.encoding)
    }
    pub fn text(&self) -> &str {
        self.snap.doc.text()
    }
}

/// The document at `uri` and its record; `None` when it is not an open persona file.
pub async fn current(shared: &Arc<Shared>, uri: &lsp::Uri) -> Result<Option<Current>> {
    let Some(snap) = shared.snapshot(uri) else {
        return Ok(None);
    };
    let computed = super::analysed(shared, &snap).await?;
    let loc = &snap.location;
    let (Some(path), Some(detected)) = (loc.path.clone(), computed.analysis.dialect) else {
        return Ok(None);
    };
    if loc.is_config || loc.excluded {
        return Ok(None);
    }
    let record = workspace::record::record(
        snap.doc.text(),
        &computed.parsed,
        &workspace::origin_of(loc),
        &loc.registry,
        &detected,
    );
    Ok(Some(Current { snap, path, record }))
}

/// Answers a request about the open document at `uri` with `f` over its current record and
/// the workspace index (locked while `f` runs: lookups only); `None` when it is not an open
/// persona file or `f` has no answer.
pub async fn with_current<T>(
    shared: &Arc<Shared>,
    uri: &lsp::Uri,
    f: impl FnOnce(&Current, &Personas) -> Option<T>,
) -> Result<Option<T>> {
    Ok(match current(shared, uri).await? {
        Some(cur) => f(&cur, &shared.index().personas),
        None => None,
    })
}

/// The workspace's files as the server sees them now.
pub struct Files {
    open: HashMap<PathBuf, (Arc<Revision>, Arc<crate::project::DocLocation>)>,
    project: Arc<Project>,
    pub encoding: Encoding,
}

impl Files {
    pub fn new(shared: &Shared) -> Files {
        let st = shared.lock();
        let open = st
            .docs
            .values()
            .filter_map(|d| {
                let p = d.location.path.clone()?;
                Some((p, (d.doc.current().clone(), d.location.clone())))
            })
            .collect();
        Files {
            open,
            project: st.project.clone(),
            encoding: st.flags.encoding,
        }
    }

    /// A file's text from the disk: a regular file, not a link, inside the workspace.
    fn read(&self, path: &Path) -> Option<String> {
        self.read_head(path, usize::MAX)
    }

    /// The first `len` bytes of a file's text (cut back to a character), read as [`read`]
    /// reads it: a name's position needs only the text before it, and workspace symbols
    /// place hundreds of names in files that are not open.
    fn read_head(&self, path: &Path, len: usize) -> Option<String> {
        use std::io::Read;
        let meta = std::fs::symlink_metadata(path).ok()?;
        if !meta.is_file() || meta.len() > MAX_READ {
            return None;
        }
        if crate::project::canonical(path) != path || !self.project.is_readable(path) {
            return None;
        }
        let mut bytes = Vec::new();
        std::fs::File::open(path)
            .ok()?
            .take(len.min(MAX_READ as usize) as u64)
            .read_to_end(&mut bytes)
            .ok()?;
        match String::from_utf8(bytes) {
            Ok(text) => Some(text),
            // Cut inside a character (the file changed since it was indexed): up to the cut.
            Err(e) if len != usize::MAX => {
                let valid = e.utf8_error().valid_up_to();
                let mut bytes = e.into_bytes();
                bytes.truncate(valid);
                String::from_utf8(bytes).ok()
            }
            Err(_) => None,
        }
    }

    /// A place as an LSP location (its text read to count the columns).
    pub fn location(&self, p: &Place) -> Option<lsp::Location> {
        let uri = to_proto::uri(&p.path)?;
        let range = match self.open.get(&p.path) {
            Some((doc, _)) => to_proto::range(doc, &p.span, self.encoding),
            None if p.span == (0..0) => lsp::Range::default(),
            None => to_proto::text_range(
                &self.read_head(&p.path, p.span.end)?,
                &p.span,
                self.encoding,
            ),
        };
        Some(lsp::Location { uri, range })
    }
}

impl Source for Files {
    fn text(&self, path: &Path) -> Option<FileText> {
        match self.open.get(path) {
            Some((doc, _)) => Some(FileText {
                text: doc.text().to_string(),
                version: Some(doc.version()),
            }),
            None => self.read(path).map(|text| FileText {
                text,
                version: None,
            }),
        }
    }

    fn record(&self, path: &Path, text: &str) -> Option<Record> {
        let entry = match self.open.get(path) {
            Some((_, loc)) => {
                workspace::index_text(text, &workspace::origin_of(loc), &loc.registry, None)
            }
            None => {
                let loc = self.project.locate_document(Some(path), "");
                workspace::index_text(text, &workspace::origin_of(&loc), &loc.registry, None)
            }
        };
        entry?.record
    }

    fn exists(&self, path: &Path) -> bool {
        std::fs::symlink_metadata(path).is_ok()
    }
}
