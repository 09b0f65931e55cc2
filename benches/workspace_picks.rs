//! The files a workspace bench works on, chosen from the workspace's own index so that any
//! workspace (generated, or a real one given by path) has them, the same on every run: the
//! first in path order of each kind.

use persona_ls::schema::Schema;
use persona_ls::schema::names::NameFrom;
use persona_ls::workspace::Personas;
use std::ops::Range;
use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct Picks {
    /// A persona with a reference that resolves to nothing (its cross-file findings include
    /// `unknown-reference`) and a description to type in.
    pub unresolved: Option<(PathBuf, Range<usize>)>,
    /// A skill (else any persona) named by its `name` key, with a file that refers to it and
    /// to nothing else of that name: renaming it leaves that file's reference unresolved.
    pub renamed: Option<Renamed>,
    /// A query for workspace symbols that matches several names.
    pub query: String,
}

#[derive(Debug, Clone)]
pub struct Renamed {
    pub path: PathBuf,
    /// The `name` value's span in the file.
    pub name: Range<usize>,
    pub written: String,
    pub dependent: PathBuf,
    /// The dependent's reference to it.
    pub reference: Range<usize>,
}

pub fn pick(index: &Personas) -> Picks {
    let names = &Schema::builtin().names;
    let mut files: Vec<_> = index.iter().collect();
    files.sort_by(|a, b| a.0.cmp(b.0));
    let unresolved = files.iter().find_map(|(path, record)| {
        let description = record.meta.description_span.clone()?;
        record
            .refs
            .iter()
            .any(|r| index.resolve(record, r).is_empty())
            .then(|| ((*path).clone(), description))
    });
    // Who refers to each persona, and to nothing else in that reference.
    let mut renamed: Vec<(bool, Renamed)> = Vec::new();
    for (path, record) in &files {
        for r in &record.refs {
            let found = index.resolve(record, r);
            let [target] = found.as_slice() else {
                continue;
            };
            let (Some(span), NameFrom::Key) = (target.name.span.clone(), target.name.from) else {
                continue;
            };
            if target.path == path.as_path() || renamed.iter().any(|(_, c)| c.path == target.path) {
                continue;
            }
            let skill = names.namespaces[target.name.ns].what == "skill";
            renamed.push((
                skill,
                Renamed {
                    path: target.path.to_path_buf(),
                    name: span,
                    written: target.name.written.clone(),
                    dependent: (*path).clone(),
                    reference: r.span.clone(),
                },
            ));
        }
    }
    renamed.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.path.cmp(&b.1.path)));
    let renamed = renamed.into_iter().next().map(|(_, r)| r);
    // The local part of a name, without its last character: a prefix of several names.
    let query = renamed
        .as_ref()
        .map(|r| {
            r.written
                .rsplit(':')
                .next()
                .unwrap_or(&r.written)
                .to_string()
        })
        .or_else(|| {
            files
                .iter()
                .find_map(|(_, r)| r.names.first().map(|n| n.written.clone()))
        })
        .map(|mut q| {
            if q.chars().count() > 3 {
                q.pop();
            }
            q
        })
        .unwrap_or_default();
    Picks {
        unresolved,
        renamed,
        query,
    }
}
