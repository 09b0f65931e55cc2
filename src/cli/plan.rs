//! What a run checks, in the order its output lists them. Each named folder is walked once, on
//! every core, by the project model's walk, and every file found is located there: a
//! configuration that does not load is then known before anything is checked or printed (the
//! run is a usage error with no findings). Of each file only its path below its root is kept,
//! about a hundred bytes, and the paths are sorted as the output is: by the path as shown, and
//! for the same path (a file reached from two of the paths named) by the order they were named,
//! which is the order a stable sort of every result by path gave when results were all held.

use crate::project::{ConfigProblem, Project};
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

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
    /// Index in the roots, as named.
    pub root: usize,
    /// The walked part of the path, below the root (empty for a file named itself).
    rest: Box<Path>,
}

impl Job {
    /// The path as printed: the root as given, followed by the walked part.
    pub fn shown(&self, roots: &[Root]) -> PathBuf {
        below(&roots[self.root].given, &self.rest)
    }

    /// The absolute path.
    pub fn path(&self, roots: &[Root]) -> PathBuf {
        below(&roots[self.root].abs, &self.rest)
    }
}

fn below(root: &Path, rest: &Path) -> PathBuf {
    if rest.as_os_str().is_empty() {
        root.to_path_buf()
    } else {
        root.join(rest)
    }
}

/// The files under `roots` in output order, or the configuration problems that stop the run.
/// Files their configuration excludes are left out (a file named itself is always checked).
pub fn plan(
    project: &Project,
    roots: &[Root],
) -> Result<Vec<Job>, BTreeMap<PathBuf, ConfigProblem>> {
    let jobs = Mutex::new(Vec::new());
    let problems = Mutex::new(BTreeMap::new());
    for (i, root) in roots.iter().enumerate() {
        let walk = (!root.explicit_file).then_some(root.abs.as_path());
        let visit = |path: &Path| match project.locate(path, walk) {
            Err(p) => {
                lock(&problems).entry(p.path.clone()).or_insert(p);
            }
            Ok(located) if located.excluded && !root.explicit_file => {}
            Ok(_) => {
                let rest = path.strip_prefix(&root.abs).unwrap_or(path);
                lock(&jobs).push(Job {
                    root: i,
                    rest: rest.into(),
                });
            }
        };
        if root.explicit_file {
            visit(&root.abs);
        } else {
            project.walk(&root.abs, &visit);
        }
    }
    let problems = problems.into_inner().unwrap_or_else(|e| e.into_inner());
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut jobs = jobs.into_inner().unwrap_or_else(|e| e.into_inner());
    jobs.sort_by(|a, b| output_order(roots, a, b));
    Ok(jobs)
}

/// As the shown paths compare (`Path` order: component by component), then by root. The shown
/// path is the root as given followed by the walked part, so files of one root compare by the
/// walked part alone, and others by both, without building the paths.
fn output_order(roots: &[Root], a: &Job, b: &Job) -> Ordering {
    if a.root == b.root {
        return a.rest.cmp(&b.rest);
    }
    fn shown<'a>(roots: &'a [Root], j: &'a Job) -> impl Iterator<Item = Component<'a>> {
        roots[j.root].given.components().chain(j.rest.components())
    }
    shown(roots, a)
        .cmp(shown(roots, b))
        .then(a.root.cmp(&b.root))
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root(given: &str) -> Root {
        Root {
            given: given.into(),
            abs: PathBuf::from("/abs").join(given),
            explicit_file: false,
        }
    }

    fn job(root: usize, rest: &str) -> Job {
        Job {
            root,
            rest: Path::new(rest).into(),
        }
    }

    #[test]
    fn files_of_overlapping_roots_interleave_as_their_shown_paths_sort() {
        let roots = [root("b"), root("."), root("./a"), root("b")];
        let mut jobs = [
            job(0, "x.md"),
            job(1, "b/x.md"),
            job(1, "a/y.md"),
            job(1, "a-z.md"),
            job(2, "y.md"),
            job(1, "a/b/z.md"),
            job(3, "x.md"),
            job(1, "a.md"),
        ];
        jobs.sort_by(|a, b| output_order(&roots, a, b));
        let shown: Vec<(String, usize)> = jobs
            .iter()
            .map(|j| (j.shown(&roots).display().to_string(), j.root))
            .collect();
        // The order a stable sort of the shown paths gives: `Path` compares components, so
        // `a/…` comes before `a-z.md` and `a.md`; the same path twice keeps the roots' order.
        let mut expected = shown.clone();
        expected.sort_by(|x, y| Path::new(&x.0).cmp(Path::new(&y.0)).then(x.1.cmp(&y.1)));
        assert_eq!(shown, expected);
        assert_eq!(
            shown,
            [
                ("./a/b/z.md", 1),
                ("./a/y.md", 1),
                ("./a/y.md", 2),
                ("./a-z.md", 1),
                ("./a.md", 1),
                ("./b/x.md", 1),
                ("b/x.md", 0),
                ("b/x.md", 3),
            ]
            .map(|(p, r)| (p.to_string(), r))
        );
    }
}
