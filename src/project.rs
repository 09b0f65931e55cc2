//! The project model, one for both faces (DESIGN.md §1): for any path, the project it belongs
//! to, where its dialect globs are rooted, the configuration files that apply and their merge,
//! its dialect registry, whether it is excluded, and the walk of a folder. `check` and the
//! language server ask this module; neither decides any of it itself.
//!
//! - **Project root**: the nearest folder with `.git` (a directory, or a worktree's file).
//!   Configuration discovery stops there: a `.persona-ls.toml` above a repository never applies
//!   to it. Outside any repository: the outermost folder with a `.persona-ls.toml`, else an
//!   anchor that holds the file (the workspace folder; for `check`, its current directory, then
//!   the folder it walks), else the folder holding the outermost marker folder (`.claude`,
//!   `.github`, ... from `schema/locations.yaml`), else the filesystem root: a file named on
//!   the command line is then judged by its whole path, which is what names its dialect.
//! - **User-level personas**: a file under a tool's user folder (`~/.claude`,
//!   `~/.config/opencode`, ...) is read as if it sat in the project folder that folder mirrors
//!   (`~/.config/opencode/agent/x.md` as `.opencode/agent/x.md`), with scope [`Scope::User`];
//!   its configuration comes from its folders up to the nearest repository or the home folder.
//! - **Configuration**: every `.persona-ls.toml` from the project root down to the file's
//!   folder, the farther first and each nearer one over it, each file's globs relative to its
//!   own folder; then the editor's settings on top. A folder's facts are found once (two
//!   `stat` calls) and shared by every file in it; a registry is built once per set of files.
//! - **Project markers**: the files and folders a dialect names in `project_markers`
//!   (`opencode.jsonc`, `.opencode/`), looked for in every folder from the file's up to the
//!   project root, once per folder, and handed to detection with the place: they decide a
//!   generic glob that several dialects share (`agents/**`). A dialect's `plugin.markers`
//!   (`.claude-plugin/plugin.json`) are found the same way: the nearest folder holding one is
//!   a plugin's root, whose files the rules read as the plugin's.
//! - **Readable folders**: the server reads only inside its workspace folders. For a document
//!   elsewhere (one the client opened) no file is read at all: no configuration, no `.git`.

use crate::config::{Config, ConfigError, FILE_NAME};
use crate::dialect::{Markers, Registry};
use crate::schema::{Schema, UserFolder};
use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

/// Where a persona applies: the tool's documented precedence is between scopes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    Project,
    User,
}

/// The configuration files that apply to a file, farthest first, each with the folder its
/// globs are relative to (`/`-separated, in the file's own path space).
pub type Configs = Arc<[(PathBuf, String)]>;

/// Where a file sits in its project.
#[derive(Debug, Clone)]
pub struct Place {
    /// What `rel_path` is relative to (the home folder for user-level files).
    pub root: PathBuf,
    /// `/`-separated path that dialect and exclude globs match.
    pub rel_path: String,
    pub scope: Scope,
    pub configs: Configs,
    /// The project markers in the folders from the file's up to `root`.
    pub markers: Markers,
}

/// A place with its registry.
#[derive(Clone)]
pub struct Located {
    pub place: Place,
    pub registry: Arc<Registry>,
    /// Excluded by an `exclude` glob: not checked.
    pub excluded: bool,
}

/// Where a document open in an editor lives: resolved when it opens, and again when the
/// configuration changes.
pub struct DocLocation {
    /// Unique per resolution: a pull-diagnostics result id names the version and the location
    /// (configuration) it was computed with.
    pub id: u64,
    /// The file, canonicalised when it exists (`None` for a document with no file).
    pub path: Option<PathBuf>,
    /// `/`-separated path relative to the project root: what dialect globs match.
    pub rel_path: String,
    pub registry: Arc<Registry>,
    /// Excluded by the configuration's `exclude` globs: no diagnostics, as `check` skips it.
    pub excluded: bool,
    /// The document is a `.persona-ls.toml`: it is validated as configuration.
    pub is_config: bool,
    /// The project markers around the file (see [`Place::markers`]).
    pub markers: Markers,
    /// What `rel_path` is relative to, and the scope (see [`Place`]).
    pub root: PathBuf,
    pub scope: Scope,
}

fn next_location_id() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// A configuration file that failed to load, with its text for rendering the error.
#[derive(Debug, Clone)]
pub struct ConfigProblem {
    pub path: PathBuf,
    pub text: String,
    pub error: ConfigError,
}

impl ConfigProblem {
    /// `path:line:col: message`.
    pub fn render(&self) -> String {
        self.error.render(Some(&self.text))
    }
}

/// What one folder contributes, found once.
#[derive(Debug, Clone, Default)]
struct Facts {
    /// The nearest folder with `.git`, this one included.
    repo: Option<PathBuf>,
    /// Configuration files from the repository (or the top) down to this folder.
    configs: Vec<PathBuf>,
    /// The folders from the repository (or the top) down to this one that hold project
    /// markers, with the dialects they mark.
    marked: Vec<(PathBuf, Markers)>,
}

type RegistryResult = Result<Arc<Registry>, ConfigProblem>;

pub struct Project {
    /// Editor settings, merged over the files.
    settings: Config,
    /// The server's workspace folders (canonical); `None` for `check`, which may read anywhere.
    readable: Option<Vec<PathBuf>>,
    /// `check`'s current directory (canonical).
    anchor: Option<PathBuf>,
    home: Option<PathBuf>,
    facts: Mutex<HashMap<PathBuf, Arc<Facts>>>,
    registries: Mutex<HashMap<Vec<(PathBuf, String)>, RegistryResult>>,
    /// Configuration files that failed to load for [`locate_document`](Self::locate_document) since the
    /// last [`take_problems`](Self::take_problems), and every file ever told: each is told
    /// once per model.
    problems: Mutex<(Vec<ConfigProblem>, HashSet<PathBuf>)>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The home folder, canonical, from `HOME` (or `USERPROFILE`).
pub fn home_from_env() -> Option<PathBuf> {
    let home = std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .filter(|h| !h.is_empty())?;
    std::fs::canonicalize(home).ok()
}

/// `path` canonicalised when it (or its folder) exists.
pub fn canonical(path: &Path) -> PathBuf {
    if let Ok(p) = std::fs::canonicalize(path) {
        return p;
    }
    match (path.parent(), path.file_name()) {
        (Some(dir), Some(name)) => std::fs::canonicalize(dir)
            .map(|d| d.join(name))
            .unwrap_or_else(|_| path.to_path_buf()),
        _ => path.to_path_buf(),
    }
}

/// `path` with its folder canonicalised but its last component kept: a link named on the
/// command line is judged (and refused a fix) by its own name, not its target's.
pub fn canonical_folder(path: &Path) -> PathBuf {
    match (path.parent(), path.file_name()) {
        (Some(dir), Some(name)) => {
            let dir = if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            };
            std::fs::canonicalize(dir)
                .map(|d| d.join(name))
                .unwrap_or_else(|_| path.to_path_buf())
        }
        _ => canonical(path),
    }
}

/// `rel` with `/` separators, normal components only.
pub fn slash_path(rel: &Path) -> String {
    let parts: Vec<String> = rel
        .components()
        .filter_map(|c| match c {
            Component::Normal(p) => Some(p.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    parts.join("/")
}

/// The markers folder `dir` holds: the dialects whose `project_markers` it has, and a plugin
/// root if it has a dialect's `plugin.markers`. One `stat` per marker name, each name once
/// however many dialects list it.
fn project_markers(dir: &Path) -> Option<Markers> {
    static NAMES: OnceLock<Vec<(&'static str, Markers)>> = OnceLock::new();
    let names = NAMES.get_or_init(|| {
        let mut names: Vec<(&'static str, Markers)> = Vec::new();
        let mut add = |m: &'static str, mark: &dyn Fn(Markers) -> Markers| match names
            .iter_mut()
            .find(|(n, _)| *n == m)
        {
            Some((_, marks)) => *marks = mark(*marks),
            None => names.push((m, mark(Markers::default()))),
        };
        for (i, d) in Schema::builtin().dialects.iter().enumerate() {
            for m in &d.project_markers {
                add(m.as_str(), &|marks| marks.with(i));
            }
            for m in d.plugin.iter().flat_map(|p| &p.markers) {
                add(m.as_str(), &|marks| marks.with_plugin_marker(m.as_str()));
            }
        }
        names
    });
    let found = names
        .iter()
        .filter(|(name, _)| dir.join(name).exists())
        .fold(Markers::default(), |all, (_, m)| all.union(*m));
    (found != Markers::default()).then_some(found)
}

/// Files larger than this are not read: no persona is that long, and a huge file is more
/// likely a data file with a `.md` name.
pub const MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

/// Reads a file as UTF-8 text, refusing what is not a persona-sized text file.
pub fn read_text(path: &Path) -> Result<String, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if meta.len() > MAX_FILE_SIZE {
        return Err(format!(
            "skipped: {} MB is over the 10 MB limit for a persona file",
            meta.len() / (1024 * 1024)
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    if bytes.contains(&0) {
        return Err("skipped: binary file (contains NUL bytes)".to_string());
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "skipped: not UTF-8 (invalid byte at offset {}); save it as UTF-8",
            e.utf8_error().valid_up_to()
        )
    })
}

pub fn is_markdown(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("md" | "mdc" | "markdown")
    )
}

/// The walk persona files are found by: `.gitignore` honoured (with or without a git
/// repository), hidden folders walked (`.claude`, `.github`, `.opencode`, `.cursor` are where
/// personas live), `.git` and `node_modules` skipped, symbolic links never followed.
pub fn walker(root: &Path) -> ignore::WalkBuilder {
    let mut b = ignore::WalkBuilder::new(root);
    b.hidden(false)
        .git_ignore(true)
        .git_exclude(true)
        .require_git(false)
        .parents(true)
        .follow_links(false)
        .filter_entry(|e| {
            let name = e.file_name();
            !(e.file_type().is_some_and(|t| t.is_dir())
                && (name == ".git" || name == "node_modules"))
        });
    b
}

impl Project {
    /// The model `check` uses: it may read anywhere; `anchor` is the current directory.
    pub fn for_check(anchor: Option<PathBuf>, home: Option<PathBuf>) -> Project {
        Project::new(Config::default(), None, anchor, home)
    }

    /// The model the server uses: it reads only inside `folders` (canonicalised here), and
    /// the editor's `settings` go over every file's configuration.
    pub fn for_server(folders: &[PathBuf], settings: Config, home: Option<PathBuf>) -> Project {
        let folders = folders.iter().map(|f| canonical(f)).collect();
        Project::new(settings, Some(folders), None, home)
    }

    fn new(
        settings: Config,
        readable: Option<Vec<PathBuf>>,
        anchor: Option<PathBuf>,
        home: Option<PathBuf>,
    ) -> Project {
        Project {
            settings,
            readable,
            anchor,
            home,
            facts: Mutex::default(),
            registries: Mutex::default(),
            problems: Mutex::default(),
        }
    }

    /// The same folders and settings with every cache dropped (after a configuration file
    /// changed).
    pub fn renewed(&self) -> Project {
        Project::new(
            self.settings.clone(),
            self.readable.clone(),
            self.anchor.clone(),
            self.home.clone(),
        )
    }

    pub fn settings(&self) -> &Config {
        &self.settings
    }

    /// The server's workspace folders (empty for `check`).
    pub fn folders(&self) -> &[PathBuf] {
        self.readable.as_deref().unwrap_or(&[])
    }

    /// The workspace folder holding `path` (the innermost), for the server.
    fn folder_of(&self, path: &Path) -> Option<&Path> {
        self.readable
            .as_ref()?
            .iter()
            .filter(|f| path.starts_with(f))
            .max_by_key(|f| f.as_os_str().len())
            .map(PathBuf::as_path)
    }

    /// Whether the model may read `path` (canonical): always for `check`, inside a workspace
    /// folder for the server.
    pub fn is_readable(&self, path: &Path) -> bool {
        self.readable.is_none() || self.folder_of(path).is_some()
    }

    /// The user folder holding `path`, with the folder's absolute path (longest `home` first).
    fn user_folder(&self, path: &Path) -> Option<(PathBuf, &'static UserFolder)> {
        let home = self.home.as_ref()?;
        Schema::builtin()
            .locations
            .user
            .iter()
            .map(|u| (home.join(&u.home), u))
            .filter(|(dir, _)| path.starts_with(dir))
            .max_by_key(|(dir, _)| dir.as_os_str().len())
    }

    /// The facts of folder `dir`, reading nothing above `top`.
    fn facts(&self, dir: &Path, top: Option<&Path>) -> Arc<Facts> {
        if let Some(f) = lock(&self.facts).get(dir) {
            return f.clone();
        }
        let own_config = dir.join(FILE_NAME);
        let own_config = own_config.is_file().then_some(own_config);
        let own_marks = project_markers(dir).map(|m| (dir.to_path_buf(), m));
        let facts = if dir.join(".git").exists() {
            Facts {
                repo: Some(dir.to_path_buf()),
                configs: own_config.into_iter().collect(),
                marked: own_marks.into_iter().collect(),
            }
        } else {
            let parent = dir
                .parent()
                .filter(|_| top.is_none_or(|t| dir != t && dir.starts_with(t)));
            let mut facts = match parent {
                Some(p) => (*self.facts(p, top)).clone(),
                None => Facts::default(),
            };
            facts.configs.extend(own_config);
            facts.marked.extend(own_marks);
            facts
        };
        let facts = Arc::new(facts);
        lock(&self.facts).insert(dir.to_path_buf(), facts.clone());
        facts
    }

    /// Where `path` (absolute, canonical) sits; `walk` is the folder `check` walks, if any.
    pub fn place(&self, path: &Path, walk: Option<&Path>) -> Place {
        let dir = path.parent().unwrap_or(path);
        let user = self.user_folder(path);
        // What may be read: the workspace folder (server), the home folder for user-level
        // files, or everything (check).
        let (readable, top) = match (&self.readable, &user) {
            (Some(_), _) => match self.folder_of(path) {
                Some(f) => (true, Some(f.to_path_buf())),
                None => (false, None),
            },
            (None, Some(_)) => (true, self.home.clone()),
            (None, None) => (true, None),
        };
        let facts = if readable {
            self.facts(dir, top.as_deref())
        } else {
            Arc::new(Facts::default())
        };
        let (root, scope) = match &user {
            Some(_) => (self.home.clone().unwrap_or_default(), Scope::User),
            None => (self.root_of(path, walk, &facts), Scope::Project),
        };
        let rel = |p: &Path| match &user {
            Some((dir, u)) => {
                let rest = slash_path(p.strip_prefix(dir).unwrap_or(p));
                if rest.is_empty() {
                    u.mirrors.clone()
                } else {
                    format!("{}/{rest}", u.mirrors)
                }
            }
            None => slash_path(p.strip_prefix(&root).unwrap_or(p)),
        };
        let rel_path = rel(path);
        let configs: Configs = facts
            .configs
            .iter()
            .map(|c| {
                let folder = c.parent().unwrap_or(c);
                let prefix = if user.as_ref().is_some_and(|(d, _)| folder.starts_with(d)) {
                    rel(folder)
                } else {
                    slash_path(folder.strip_prefix(&root).unwrap_or(Path::new("")))
                };
                (c.clone(), prefix)
            })
            .collect();
        // A plugin root is as many segments of `rel_path` as its folder is below the root; a
        // user-level file's path mirrors a project folder, so it has none.
        let markers = facts
            .marked
            .iter()
            .filter(|(folder, _)| folder.starts_with(&root))
            .fold(Markers::default(), |all, (folder, m)| {
                let depth = folder
                    .strip_prefix(&root)
                    .map_or(0, |p| p.components().count());
                all.union(m.at_depth(depth))
            });
        let markers = match scope {
            Scope::User => markers.without_plugin_root(),
            Scope::Project => markers,
        };
        Place {
            root,
            rel_path,
            scope,
            configs,
            markers,
        }
    }

    fn root_of(&self, path: &Path, walk: Option<&Path>, facts: &Facts) -> PathBuf {
        if let Some(repo) = &facts.repo {
            return repo.clone();
        }
        if let Some(first) = facts.configs.first().and_then(|c| c.parent()) {
            return first.to_path_buf();
        }
        let markers = &Schema::builtin().locations.markers;
        let outermost = path
            .ancestors()
            .skip(1)
            .filter(|a| {
                a.file_name()
                    .is_some_and(|n| markers.iter().any(|m| n == m.as_str()))
            })
            .last()
            .and_then(Path::parent);
        // An anchor inside a tool folder (`check x.md` run in `.claude/agents`) would cut the
        // folder off the path that names the dialect: the folder holding it roots the path.
        let anchor = self
            .folder_of(path)
            .or(self.anchor.as_deref())
            .into_iter()
            .chain(walk)
            .find(|a| path.starts_with(a))
            .filter(|a| outermost.is_none_or(|m| m.starts_with(a)));
        if let Some(a) = anchor {
            return a.to_path_buf();
        }
        outermost
            .or_else(|| path.ancestors().last())
            .unwrap_or(path)
            .to_path_buf()
    }

    /// The registry for a set of configuration files: the files merged in order, each
    /// rebased to its folder, the settings on top. Built once per set.
    pub fn registry(&self, configs: &Configs) -> RegistryResult {
        let key: Vec<(PathBuf, String)> = configs.to_vec();
        // Held while building: the next file of the same set waits for this build instead of
        // starting its own.
        let mut cache = lock(&self.registries);
        if let Some(r) = cache.get(&key) {
            return r.clone();
        }
        let result = self.build(configs);
        cache.insert(key, result.clone());
        result
    }

    fn build(&self, configs: &Configs) -> RegistryResult {
        let mut merged = Config::default();
        for (file, folder) in configs.iter() {
            let text = crate::config::read_text(file).map_err(|error| ConfigProblem {
                path: file.clone(),
                text: String::new(),
                error,
            })?;
            let config = Config::from_toml(&text, Some(file)).map_err(|error| ConfigProblem {
                path: file.clone(),
                text: text.clone(),
                error,
            })?;
            merged = merged.merge(&config.rebased(folder));
        }
        let files: Vec<String> = configs
            .iter()
            .map(|(f, _)| f.display().to_string())
            .collect();
        tracing::info!(
            "configuration: {}{}",
            if files.is_empty() {
                "no configuration file".to_string()
            } else {
                files.join(" + ")
            },
            if self.readable.is_some() {
                ", editor settings on top"
            } else {
                ""
            }
        );
        Ok(Arc::new(Registry::new(merged.merge(&self.settings))))
    }

    /// The registry for files governed by no configuration file (settings only).
    pub fn default_registry(&self) -> Arc<Registry> {
        match self.registry(&Configs::from(Vec::new())) {
            Ok(r) => r,
            Err(_) => Arc::new(Registry::new(self.settings.clone())),
        }
    }

    /// Where `path` sits, with its registry. A broken configuration file is an error.
    pub fn locate(&self, path: &Path, walk: Option<&Path>) -> Result<Located, ConfigProblem> {
        let place = self.place(path, walk);
        let registry = self.registry(&place.configs)?;
        let excluded = registry.is_excluded(&place.rel_path);
        Ok(Located {
            place,
            registry,
            excluded,
        })
    }

    /// Where a document open in an editor lives (`path` canonical or not; `None` for one with
    /// no file, named `name`). Never an error: under a configuration file that does not load,
    /// the document is judged with the settings alone, and the problem is kept for
    /// [`take_problems`](Self::take_problems).
    pub fn locate_document(&self, path: Option<&Path>, name: &str) -> DocLocation {
        let Some(path) = path else {
            return DocLocation {
                id: next_location_id(),
                path: None,
                rel_path: name.to_string(),
                registry: self.default_registry(),
                excluded: false,
                is_config: false,
                markers: Markers::default(),
                root: PathBuf::new(),
                scope: Scope::Project,
            };
        };
        let path = canonical(path);
        let is_config = path.file_name().is_some_and(|n| n == FILE_NAME);
        let (place, registry) = match self.locate(&path, None) {
            Ok(l) => (l.place, l.registry),
            Err(problem) => {
                tracing::warn!("{}", problem.render());
                let mut p = lock(&self.problems);
                if p.1.insert(problem.path.clone()) {
                    p.0.push(problem);
                }
                (self.place(&path, None), self.default_registry())
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
            markers: place.markers,
            root: place.root,
            scope: place.scope,
        }
    }

    /// The configuration problems met by [`locate_document`](Self::locate_document) since the last call.
    pub fn take_problems(&self) -> Vec<ConfigProblem> {
        std::mem::take(&mut lock(&self.problems).0)
    }

    /// Builds the registries the workspace folders will need, ahead of the first document.
    pub fn warm(&self) {
        self.default_registry();
        for f in self.folders() {
            self.locate_document(Some(&f.join("_.md")), "");
        }
    }

    /// Calls `visit` with every Markdown file under `root` (absolute, canonical), on every
    /// core, honouring `.gitignore` (see [`walker`]).
    pub fn walk(&self, root: &Path, visit: &(dyn Fn(&Path) + Sync)) {
        let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
        walker(root).threads(threads).build_parallel().run(|| {
            Box::new(move |entry| {
                if let Ok(entry) = entry
                    && entry.file_type().is_some_and(|t| t.is_file())
                    && is_markdown(entry.path())
                {
                    visit(entry.path());
                }
                ignore::WalkState::Continue
            })
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A temporary tree of empty `files` (a name ending in `/` is a folder) and its canonical
    /// root; the tree lasts as long as the returned `TempDir`.
    fn tree(files: &[&str]) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        for f in files {
            let p = dir.path().join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            if f.ends_with('/') {
                std::fs::create_dir_all(&p).unwrap();
            } else {
                std::fs::write(&p, "").unwrap();
            }
        }
        let root = std::fs::canonicalize(dir.path()).unwrap();
        (dir, root)
    }

    #[test]
    fn discovery_stops_at_the_repository() {
        let (_dir, r) = tree(&[
            ".persona-ls.toml",
            "repo/.git/HEAD",
            "repo/sub/.persona-ls.toml",
            "repo/sub/.claude/agents/a.md",
        ]);
        let p = Project::for_check(None, None);
        let place = p.place(&r.join("repo/sub/.claude/agents/a.md"), None);
        assert_eq!(place.root, r.join("repo"));
        assert_eq!(place.rel_path, "sub/.claude/agents/a.md");
        assert_eq!(
            place.configs.to_vec(),
            [(r.join("repo/sub/.persona-ls.toml"), "sub".to_string())]
        );
    }

    #[test]
    fn user_folders_read_as_the_project_folder_they_mirror() {
        let (_dir, r) = tree(&[
            "home/.claude/.git/HEAD",
            "home/.claude/agents/a.md",
            "home/.config/opencode/agent/b.md",
        ]);
        let home = r.join("home");
        let p = Project::for_check(None, Some(home.clone()));
        let a = p.place(&home.join(".claude/agents/a.md"), None);
        assert_eq!(
            (a.rel_path.as_str(), a.scope),
            (".claude/agents/a.md", Scope::User)
        );
        let b = p.place(&home.join(".config/opencode/agent/b.md"), None);
        assert_eq!(b.rel_path, ".opencode/agent/b.md");
    }

    #[test]
    fn outside_a_repository_the_marker_folder_roots_the_path() {
        let (_dir, r) = tree(&["x/.claude/agents/a.md"]);
        let p = Project::for_check(Some(PathBuf::from("/nonexistent-anchor")), None);
        assert_eq!(
            p.place(&r.join("x/.claude/agents/a.md"), None).rel_path,
            ".claude/agents/a.md"
        );
    }

    #[test]
    fn a_walked_folder_anchors_files_outside_a_repository() {
        let (_dir, r) = tree(&["c/repo/engineering/x.md"]);
        let p = Project::for_check(None, None);
        let walk = r.join("c");
        let place = p.place(&r.join("c/repo/engineering/x.md"), Some(&walk));
        assert_eq!(place.rel_path, "repo/engineering/x.md");
        // Named alone, the whole path speaks.
        let alone = p.place(&r.join("c/repo/engineering/x.md"), None);
        assert!(
            alone.rel_path.ends_with("/c/repo/engineering/x.md"),
            "{}",
            alone.rel_path
        );
    }

    #[test]
    fn project_markers_are_found_up_to_the_root_and_no_higher() {
        let (_dir, r) = tree(&[
            "opencode.json",
            "repo/.git/HEAD",
            "repo/a/agents/r.md",
            "repo/b/opencode.jsonc",
            "repo/b/agents/r.md",
            "repo/c/.opencode/",
            "repo/c/deep/agents/r.md",
        ]);
        let schema = Schema::builtin();
        let opencode = schema
            .dialects
            .iter()
            .position(|d| d.project_markers.iter().any(|m| m == "opencode.jsonc"))
            .unwrap();
        let p = Project::for_check(None, None);
        let marked = |f: &str| p.place(&r.join(f), None).markers.has(opencode);
        // `opencode.json` above the repository is another project's.
        assert!(!marked("repo/a/agents/r.md"));
        assert!(marked("repo/b/agents/r.md"));
        assert!(marked("repo/c/deep/agents/r.md"));
        // The server finds them the same way, inside its folder.
        let s = Project::for_server(&[r.join("repo")], Config::default(), None);
        assert!(
            s.place(&r.join("repo/b/agents/r.md"), None)
                .markers
                .has(opencode)
        );
        assert!(
            !s.place(&r.join("repo/a/agents/r.md"), None)
                .markers
                .has(opencode)
        );
    }

    #[test]
    fn the_nearest_plugin_manifest_is_the_plugin_root() {
        let (_dir, r) = tree(&[
            "repo/.git/HEAD",
            "repo/.claude-plugin/plugin.json",
            "repo/agents/a.md",
            "repo/packages/q/.claude-plugin/plugin.json",
            "repo/packages/q/agents/a.md",
            "other/agents/a.md",
        ]);
        let p = Project::for_check(None, None);
        let root = |f: &str| p.place(&r.join(f), None).markers.plugin_root();
        let manifest = ".claude-plugin/plugin.json";
        assert_eq!(root("repo/agents/a.md"), Some((0, manifest)));
        assert_eq!(root("repo/packages/q/agents/a.md"), Some((2, manifest)));
        assert_eq!(root("other/agents/a.md"), None);
    }

    #[test]
    fn an_anchor_inside_a_tool_folder_does_not_cut_it_off() {
        let (_dir, r) = tree(&["x/.claude/agents/a.agent.md"]);
        let p = Project::for_check(Some(r.join("x/.claude/agents")), None);
        assert_eq!(
            p.place(&r.join("x/.claude/agents/a.agent.md"), None)
                .rel_path,
            ".claude/agents/a.agent.md"
        );
        // An anchor above the tool folder keeps its place.
        let p = Project::for_check(Some(r.clone()), None);
        assert_eq!(
            p.place(&r.join("x/.claude/agents/a.agent.md"), None)
                .rel_path,
            "x/.claude/agents/a.agent.md"
        );
    }

    #[test]
    fn the_server_reads_nothing_outside_its_folders() {
        let (_dir, r) = tree(&[
            "ws/.git/HEAD",
            "ws/.persona-ls.toml",
            "other/.persona-ls.toml",
            "other/x.md",
        ]);
        let p = Project::for_server(&[r.join("ws")], Config::default(), None);
        assert!(p.is_readable(&r.join("ws/a.md")));
        assert!(!p.is_readable(&r.join("other/x.md")));
        assert!(p.place(&r.join("other/x.md"), None).configs.is_empty());
        assert_eq!(p.place(&r.join("ws/a.md"), None).configs.len(), 1);
    }
}
