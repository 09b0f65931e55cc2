//! The files a run checks, produced lazily in the order the output lists them: by the path as
//! shown, and for the same path (a file reached from two of the paths named), by the order the
//! paths were named. This is the order a stable sort of every result by path gives, found
//! without holding them: each folder is walked in path order, and paths named one inside
//! another (`.` and `./sub`, or a folder and a file in it) have their walks merged.

use crate::project::Project;
use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;
use std::path::{Path, PathBuf};

/// A path named on the command line, that exists.
pub struct Root {
    /// As the user wrote it: shown paths begin with it.
    pub given: PathBuf,
    /// Canonical (for a file, its folder canonical and its own name kept).
    pub abs: PathBuf,
    /// A file named on the command line (checked even when no folder rule names it).
    pub explicit_file: bool,
}

/// One file to check.
pub struct Job {
    /// The path as printed: the root as given, followed by the walked part.
    pub shown: PathBuf,
    /// Absolute.
    pub path: PathBuf,
    /// Index in the roots, as named.
    pub root: usize,
}

impl Job {
    fn key(&self) -> (&Path, usize) {
        (&self.shown, self.root)
    }
}

impl PartialEq for Job {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}

impl Eq for Job {}

impl PartialOrd for Job {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Job {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key().cmp(&other.key())
    }
}

type Jobs<'a> = Box<dyn Iterator<Item = Job> + Send + 'a>;

/// Every file under `roots`, in output order.
pub fn jobs<'a>(project: &'a Project, roots: &'a [Root]) -> impl Iterator<Item = Job> + Send + 'a {
    let mut named: Vec<usize> = (0..roots.len()).collect();
    named.sort_by(|&a, &b| (&roots[a].given, a).cmp(&(&roots[b].given, b)));
    // Groups of roots inside the first one of the group: a root outside it comes after every
    // path under it, so groups follow one another, and only a group's walks are open at once.
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for i in named {
        match groups.last_mut() {
            Some(g) if roots[i].given.starts_with(&roots[g[0]].given) => g.push(i),
            _ => groups.push(vec![i]),
        }
    }
    groups.into_iter().flat_map(move |group| {
        let walks: Vec<Jobs<'a>> = group.iter().map(|&i| walk(project, roots, i)).collect();
        Merge::new(walks)
    })
}

/// The files of one root, in path order.
fn walk<'a>(project: &'a Project, roots: &'a [Root], i: usize) -> Jobs<'a> {
    let root = &roots[i];
    if root.explicit_file {
        return Box::new(std::iter::once(Job {
            shown: root.given.clone(),
            path: root.abs.clone(),
            root: i,
        }));
    }
    Box::new(project.walk_sorted(&root.abs).map(move |path| {
        let shown = match path.strip_prefix(&root.abs) {
            Ok(rest) if !rest.as_os_str().is_empty() => root.given.join(rest),
            _ => root.given.clone(),
        };
        Job {
            shown,
            path,
            root: i,
        }
    }))
}

/// Sorted streams merged into one sorted stream (ties: the stream holding the earlier root).
struct Merge<'a> {
    walks: Vec<Jobs<'a>>,
    /// Each stream's next job, with the stream's index.
    heads: BinaryHeap<Reverse<(Job, usize)>>,
}

impl<'a> Merge<'a> {
    fn new(mut walks: Vec<Jobs<'a>>) -> Self {
        let heads = walks
            .iter_mut()
            .enumerate()
            .filter_map(|(w, it)| it.next().map(|j| Reverse((j, w))))
            .collect();
        Merge { walks, heads }
    }
}

impl Iterator for Merge<'_> {
    type Item = Job;

    fn next(&mut self) -> Option<Job> {
        let Reverse((job, w)) = self.heads.pop()?;
        if let Some(next) = self.walks[w].next() {
            self.heads.push(Reverse((next, w)));
        }
        Some(job)
    }
}
