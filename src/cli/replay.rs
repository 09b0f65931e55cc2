//! Pass B of a run with the cross-file rules on: every file's chunk, held since pass A, is
//! printed in order once the index is whole. A file the index adds findings to (a duplicate
//! name, an unknown reference, a budget: `broken-link` was judged in pass A) is read, analysed
//! and rendered again with them; every other chunk prints as it was.
//!
//! The chunks are held in a [`Spool`]: in memory up to [`SPOOL_IN_MEMORY`], then in an
//! anonymous temporary file (`tempfile::tempfile`: created exclusively, deleted when closed),
//! so that what a run holds is bounded whatever it prints.

use super::Summary;
use super::output::{Chunk, Renderer};
use super::plan::{Job, Root};
use super::{FileResult, files};
use crate::analysis::{self, Location, Parsed, cross};
use crate::dialect::Registry;
use crate::project::Project;
use crate::workspace::{self, Personas};
use std::io::{Read, Seek, SeekFrom, Write};
use std::sync::Arc;

/// Bytes held in memory before the spool moves to a temporary file.
pub const SPOOL_IN_MEMORY: usize = 8 * 1024 * 1024;

/// The rendered chunks of pass A, in order.
pub struct Spool {
    /// Bytes held in memory before moving to a file.
    limit: usize,
    memory: Vec<u8>,
    file: Option<std::fs::File>,
    /// Bytes written to `file` (`memory` holds none then).
    on_file: u64,
}

/// Where a chunk is in the spool.
#[derive(Default)]
pub struct Held {
    at: u64,
    len: usize,
    summary: Summary,
    /// Held in memory after the spool moved to a file.
    fallback: bool,
}

impl Default for Spool {
    fn default() -> Spool {
        Spool::with_limit(SPOOL_IN_MEMORY)
    }
}

impl Spool {
    pub fn with_limit(limit: usize) -> Spool {
        Spool {
            limit,
            memory: Vec::new(),
            file: None,
            on_file: 0,
        }
    }

    pub fn hold(&mut self, chunk: Chunk) -> Held {
        let (bytes, summary) = chunk.into_parts();
        let len = bytes.len();
        if self.file.is_none() && self.memory.len() + len > self.limit {
            // No temporary file (a read-only /tmp): memory it is.
            if let Ok(mut f) = tempfile::tempfile()
                && f.write_all(&self.memory).is_ok()
            {
                self.on_file = self.memory.len() as u64;
                self.memory = Vec::new();
                self.file = Some(f);
            }
        }
        let written = match &mut self.file {
            Some(f) => f.write_all(&bytes).is_ok(),
            None => false,
        };
        if written {
            let at = self.on_file;
            self.on_file += len as u64;
            return Held {
                at,
                len,
                summary,
                fallback: false,
            };
        }
        // In memory: before the move to a file (the file then holds these bytes at the same
        // offsets), or after a write to it failed (then `memory` is a region of its own; the
        // failed write may have left part of the chunk, and the next starts after it).
        let fallback = match &mut self.file {
            Some(f) => {
                self.on_file = f.stream_position().unwrap_or(self.on_file);
                true
            }
            None => false,
        };
        let at = self.memory.len() as u64;
        self.memory.extend_from_slice(&bytes);
        Held {
            at,
            len,
            summary,
            fallback,
        }
    }

    /// Ends writing: chunks are read back in order from here on.
    pub fn reader(mut self) -> SpoolReader {
        if let Some(f) = &mut self.file {
            let _ = f.flush();
            let _ = f.seek(SeekFrom::Start(0));
        }
        SpoolReader {
            memory: self.memory,
            file: self.file,
        }
    }
}

pub struct SpoolReader {
    memory: Vec<u8>,
    file: Option<std::fs::File>,
}

impl SpoolReader {
    /// The chunk `held` names.
    pub fn take(&mut self, held: &Held) -> Chunk {
        let bytes = match &mut self.file {
            Some(f) if !held.fallback => {
                let mut buf = vec![0; held.len];
                // A temporary file that cannot be read back: the chunk is lost, not the run.
                if f.seek(SeekFrom::Start(held.at)).is_err() || f.read_exact(&mut buf).is_err() {
                    buf.clear();
                }
                buf
            }
            _ => {
                let at = held.at as usize;
                self.memory
                    .get(at..at + held.len)
                    .unwrap_or_default()
                    .to_vec()
            }
        };
        Chunk::from_parts(bytes, held.summary)
    }
}

/// A checked file's chunk, held until the index is whole. Its paths are made again from its
/// job when needed: a run holds one of these per file.
pub struct Spooled {
    pub held: Held,
    pub job: Job,
    /// The file's registry (its configuration), as pass A located it.
    pub registry: Arc<Registry>,
}

pub struct Replay<'a> {
    pub personas: &'a Personas,
    pub project: &'a Project,
    pub roots: &'a [Root],
    pub forced: Option<usize>,
    pub renderer: &'a Renderer,
}

/// What to print for a held file.
pub enum Replayed {
    /// Its chunk from the spool.
    Held(Held),
    /// A chunk rendered again, with cross-file findings.
    New(Chunk, Held),
}

impl Replayed {
    /// The chunk to print; the spool is read past the held one either way.
    pub fn chunk(self, spool: &mut SpoolReader) -> Chunk {
        match self {
            Replayed::Held(h) => spool.take(&h),
            Replayed::New(chunk, h) => {
                spool.take(&h);
                chunk
            }
        }
    }
}

impl Replay<'_> {
    /// What to print for `s`.
    pub fn replay(&self, s: Spooled) -> Replayed {
        match self.rendered(&s) {
            Some(chunk) => Replayed::New(chunk, s.held),
            None => Replayed::Held(s.held),
        }
    }

    /// `s` rendered again with its cross-file findings; `None` when it has none (or can no
    /// longer be read: its chunk from pass A stands). Few files have any, so the file is read
    /// and analysed again rather than its findings held since pass A.
    fn rendered(&self, s: &Spooled) -> Option<Chunk> {
        let path = s.job.path(self.roots);
        let record = self.personas.get(&path)?;
        if cross::index_findings(self.personas, &path, record, &s.registry).is_empty() {
            return None;
        }
        let text = files::read(&path).ok()?;
        let root = &self.roots[s.job.root];
        let walk = (!root.explicit_file).then_some(root.abs.as_path());
        let located = self.project.locate(&path, walk).ok()?;
        let registry = &located.registry;
        let location = Location {
            rel_path: &located.place.rel_path,
            forced: self.forced,
            markers: located.place.markers,
        };
        let parsed = Parsed::new(&text);
        let mut analysis = analysis::analyze_parsed(&text, &parsed, location, registry);
        let detected = analysis.dialect?;
        let origin = workspace::Origin::of(&located.place);
        // The spans must be this text's, which may have changed since pass A: its record is
        // made again, links included.
        let fresh = workspace::record::record(&text, &parsed, &origin, registry, &detected);
        analysis
            .diagnostics
            .extend(cross::cross_file(self.personas, &path, &fresh, registry));
        crate::analysis::sort_findings(&mut analysis.diagnostics);
        Some(self.renderer.file(&FileResult {
            path: s.job.shown(self.roots),
            text,
            diagnostics: analysis.diagnostics,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Past its limit the spool moves to a temporary file; every chunk reads back as held,
    /// with its counts, in order.
    #[test]
    fn chunks_read_back_as_held_in_memory_and_from_the_file() {
        let mut spool = Spool::with_limit(10);
        let chunks: Vec<Vec<u8>> = (0..20)
            .map(|i| format!("chunk {i} {}", "x".repeat(i)).into_bytes())
            .collect();
        let held: Vec<Held> = chunks
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let summary = Summary {
                    errors: i,
                    warnings: 1,
                };
                spool.hold(Chunk::from_parts(c.clone(), summary))
            })
            .collect();
        assert!(spool.file.is_some(), "the spool stayed in memory");
        let mut reader = spool.reader();
        for (i, h) in held.iter().enumerate() {
            let (bytes, summary) = reader.take(h).into_parts();
            assert_eq!(bytes, chunks[i]);
            assert_eq!((summary.errors, summary.warnings), (i, 1));
        }
    }
}
