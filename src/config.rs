//! Configuration: `.persona-ls.toml`, `initializationOptions` and `didChangeConfiguration` all
//! map onto this one struct.
//!
//! ```toml
//! [rules]
//! unknown-key = "off"          # off | error | warning | information | hint
//!
//! [dialects.claude-agent]
//! paths = ["prompts/agents/**/*.md"]
//!
//! [dialects.agency.keys.tier]
//! doc = "Which tier of the team runs this persona."
//! values = ["worker/junior", "worker/senior", "lead"]
//! ```
//!
//! An invalid file is an error that points at its position; it is never replaced by defaults.

use crate::diagnostic::{Code, Severity};
use crate::schema;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = ".persona-ls.toml";

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    /// Per-rule severity; `None` switches the rule off.
    pub rules: BTreeMap<Code, Option<Severity>>,
    pub dialects: BTreeMap<String, DialectConfig>,
    /// Paths (globs) that are never checked.
    pub exclude: Vec<String>,
    /// `[workspace.budget]`: the listing budgets' limits, by the names `names.yaml` gives them
    /// (`agent-descriptions-tokens`), and `context-tokens`.
    pub budget: BTreeMap<String, usize>,
    /// `[workspace] diagnostics`: which files the server reports on.
    pub diagnostics: Option<WorkspaceDiagnostics>,
    /// The file this came from, if any.
    pub source: Option<PathBuf>,
}

/// A dialect's configuration: extra paths and keys, and the dialect's facts, written as in its
/// schema table (`src/schema/*.yaml`), each replacing the table's whole field. (`name`, `tools`
/// and `models` are not among them: their fields have defaults, so a partial table would
/// silently reset the others.)
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct DialectConfig {
    pub paths: Vec<String>,
    pub keys: BTreeMap<String, KeyConfig>,
    pub roles: Option<schema::Roles>,
    pub booleans: Option<schema::Booleans>,
    pub colors: Option<schema::Colors>,
    pub unknown_keys: Option<schema::UnknownKeys>,
    pub description_limit: Option<schema::DescriptionLimit>,
    pub requires: Option<Vec<schema::Requirement>>,
    pub conflicts: Option<Vec<schema::Conflict>>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct KeyConfig {
    pub doc: Option<String>,
    #[serde(rename = "type")]
    pub ty: Option<String>,
    pub required: Option<bool>,
    pub values: Vec<ValueConfig>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum ValueConfig {
    Plain(String),
    Documented {
        value: String,
        #[serde(default)]
        doc: String,
    },
}

/// Each of `$field` that `over` sets replaces `self`'s: the dialect facts a configuration
/// may change, listed once.
macro_rules! facts {
    ($($field:ident),*) => {
        impl DialectConfig {
            /// The facts `over` sets, over this configuration's (a nearer file over a farther).
            fn facts_over(&mut self, over: &DialectConfig) {
                $(if over.$field.is_some() {
                    self.$field = over.$field.clone();
                })*
            }

            /// The facts this configuration sets, over the dialect's table.
            pub fn apply_facts(&self, d: &mut schema::Dialect) {
                $(if let Some(v) = &self.$field {
                    d.$field = facts!(@wrap $field, v.clone());
                })*
            }
        }
    };
    (@wrap colors, $v:expr) => { Some($v) };
    (@wrap description_limit, $v:expr) => { Some($v) };
    (@wrap $field:ident, $v:expr) => { $v };
}
facts!(
    roles,
    booleans,
    colors,
    unknown_keys,
    description_limit,
    requires,
    conflicts
);

impl ValueConfig {
    pub fn value(&self) -> &str {
        match self {
            ValueConfig::Plain(v) | ValueConfig::Documented { value: v, .. } => v,
        }
    }
    pub fn doc(&self) -> &str {
        match self {
            ValueConfig::Plain(_) => "",
            ValueConfig::Documented { doc, .. } => doc,
        }
    }
}

/// Which files the language server reports on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum WorkspaceDiagnostics {
    /// Every indexed file, open or not (the default).
    Workspace,
    /// Only the files open in the editor.
    Open,
}

/// `[workspace]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct RawWorkspace {
    budget: BTreeMap<String, usize>,
    diagnostics: Option<WorkspaceDiagnostics>,
}

/// The raw shape on disk and on the wire (LSP settings use the same keys).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct RawConfig {
    rules: BTreeMap<String, String>,
    dialects: BTreeMap<String, DialectConfig>,
    exclude: Vec<String>,
    workspace: RawWorkspace,
}

/// The settings `[workspace.budget]` accepts: each budget's limit, and the
/// context window that derived limits scale with.
pub fn budget_settings() -> Vec<&'static str> {
    let names = &crate::schema::Schema::builtin().names;
    let mut out = vec![crate::analysis::cross::CONTEXT_TOKENS];
    for b in &names.budgets {
        out.push(b.config.as_str());
    }
    out
}

/// A configuration error with its position in the file (byte range) when known.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigError {
    pub path: Option<PathBuf>,
    pub range: Option<Range<usize>>,
    pub message: String,
}

impl ConfigError {
    /// `path:line:col: message`, for the command line.
    pub fn render(&self, text: Option<&str>) -> String {
        let path = self
            .path
            .as_ref()
            .map_or("configuration".to_string(), |p| p.display().to_string());
        match (&self.range, text) {
            (Some(r), Some(t)) => {
                let idx = crate::text::LineIndex::new(t);
                let p = idx.position(t, r.start, crate::text::Encoding::Utf16);
                format!(
                    "{path}:{}:{}: {}",
                    p.line + 1,
                    p.character + 1,
                    self.message
                )
            }
            _ => format!("{path}: {}", self.message),
        }
    }
}

impl Config {
    /// Parses TOML text; `path` is only used in messages.
    pub fn from_toml(text: &str, path: Option<&Path>) -> Result<Config, ConfigError> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| ConfigError {
            path: path.map(Path::to_path_buf),
            range: e.span(),
            message: e.message().trim().to_string(),
        })?;
        let mut cfg = Config::from_raw(raw).map_err(|(key, message)| ConfigError {
            path: path.map(Path::to_path_buf),
            range: find_key(text, &key),
            message,
        })?;
        cfg.source = path.map(Path::to_path_buf);
        Ok(cfg)
    }

    /// Parses JSON settings (LSP `initializationOptions` / `didChangeConfiguration`).
    pub fn from_json(value: serde_json::Value) -> Result<Config, ConfigError> {
        let raw: RawConfig = serde_json::from_value(value).map_err(|e| ConfigError {
            path: None,
            range: None,
            message: e.to_string(),
        })?;
        Config::from_raw(raw).map_err(|(_, message)| ConfigError {
            path: None,
            range: None,
            message,
        })
    }

    fn from_raw(raw: RawConfig) -> Result<Config, (String, String)> {
        let mut rules = BTreeMap::new();
        for (name, level) in raw.rules {
            let code = Code::parse(&name).ok_or_else(|| {
                let known: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
                (
                    name.clone(),
                    format!("unknown rule `{name}`; rules are: {}", known.join(", ")),
                )
            })?;
            let sev = match level.as_str() {
                "off" | "none" | "allow" => None,
                other => Some(Severity::parse(other).ok_or_else(|| {
                    (name.clone(), format!("rule `{name}`: `{other}` is not one of off, error, warning, information, hint"))
                })?),
            };
            rules.insert(code, sev);
        }
        let schema = crate::schema::Schema::builtin();
        for (id, d) in &raw.dialects {
            let Some(builtin) = schema.dialect(id) else {
                let ids: Vec<&str> = schema.dialects.iter().map(|d| d.id.as_str()).collect();
                return Err((
                    id.clone(),
                    format!("unknown dialect `{id}`; dialects are: {}", ids.join(", ")),
                ));
            };
            for g in d.paths.iter() {
                crate::glob::Glob::new(g)
                    .map_err(|e| (g.clone(), format!("dialect `{id}`: {e}")))?;
            }
            for (key, k) in &d.keys {
                if let Some(t) = &k.ty {
                    crate::dialect::parse_type(t).ok_or_else(|| {
                        (t.clone(), format!("key `{key}`: unknown type `{t}` (string, bool, integer, number, enum, list, map, any)"))
                    })?;
                }
            }
            // The facts it changes must hold together as the table's do (a role names a key).
            schema
                .check_facts(&crate::dialect::configured(builtin, d))
                .map_err(|e| {
                    let why = e.strip_prefix(&format!("{id}: ")).unwrap_or(&e).to_string();
                    (id.clone(), format!("dialect `{id}`: {why}"))
                })?;
        }
        for g in &raw.exclude {
            crate::glob::Glob::new(g).map_err(|e| (g.clone(), format!("exclude: {e}")))?;
        }
        let known = budget_settings();
        if let Some(k) = raw
            .workspace
            .budget
            .keys()
            .find(|k| !known.contains(&k.as_str()))
        {
            return Err((
                k.clone(),
                format!(
                    "unknown budget setting `{k}`; settings are: {}",
                    known.join(", ")
                ),
            ));
        }
        Ok(Config {
            rules,
            dialects: raw.dialects,
            exclude: raw.exclude,
            budget: raw.workspace.budget,
            diagnostics: raw.workspace.diagnostics,
            source: None,
        })
    }

    /// Reads and parses one configuration file.
    pub fn read(path: &Path) -> Result<Config, ConfigError> {
        let text = read_text(path)?;
        Config::from_toml(&text, Some(path))
    }

    /// `over` on top of `self`: rule levels and key definitions override, paths and excludes
    /// add up. This is how nested files merge (the nearer file over the farther one) and how
    /// editor settings go over the files.
    pub fn merge(mut self, over: &Config) -> Config {
        for (code, level) in &over.rules {
            self.rules.insert(*code, *level);
        }
        for (id, d) in &over.dialects {
            let entry = self.dialects.entry(id.clone()).or_default();
            entry.paths.extend(d.paths.iter().cloned());
            for (k, kc) in &d.keys {
                entry.keys.insert(k.clone(), kc.clone());
            }
            entry.facts_over(d);
        }
        self.exclude.extend(over.exclude.iter().cloned());
        for (k, v) in &over.budget {
            self.budget.insert(k.clone(), *v);
        }
        self.diagnostics = over.diagnostics.or(self.diagnostics);
        self.source = over.source.clone().or(self.source);
        self
    }

    /// The configuration of a file in `folder` (`/`-separated, relative to the project root):
    /// its globs are relative to its own folder, as `.gitignore` patterns are, so they match
    /// below that folder only.
    pub fn rebased(mut self, folder: &str) -> Config {
        if folder.is_empty() {
            return self;
        }
        let prefix = crate::glob::escape(folder);
        let rebase = |g: &mut String| *g = format!("{prefix}/{}", g.trim_start_matches('/'));
        for d in self.dialects.values_mut() {
            d.paths.iter_mut().for_each(rebase);
        }
        self.exclude.iter_mut().for_each(rebase);
        self
    }

    /// The configured severity for `code`, or `default`. `None` means the rule is off.
    pub fn severity(&self, code: Code, default: Severity) -> Option<Severity> {
        match self.rules.get(&code) {
            Some(level) => *level,
            None => Some(default),
        }
    }
}

/// A configuration file's text; a file over 1 MB is refused (no configuration is that long).
pub fn read_text(path: &Path) -> Result<String, ConfigError> {
    let err = |message: String| ConfigError {
        path: Some(path.to_path_buf()),
        range: None,
        message,
    };
    let meta = std::fs::metadata(path).map_err(|e| err(format!("cannot read: {e}")))?;
    if meta.len() > 1024 * 1024 {
        return Err(err(format!(
            "{} bytes is over the 1 MB limit for a configuration file",
            meta.len()
        )));
    }
    std::fs::read_to_string(path).map_err(|e| err(format!("cannot read: {e}")))
}

/// Best-effort position of a key or value mentioned in an error from the semantic checks.
fn find_key(text: &str, needle: &str) -> Option<Range<usize>> {
    let quoted = format!("\"{needle}\"");
    text.find(&quoted)
        .map(|i| i..i + quoted.len())
        .or_else(|| text.find(needle).map(|i| i..i + needle.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rules_paths_and_keys() {
        let cfg = Config::from_toml(
            "[rules]\nunknown-key = \"off\"\nempty-body = \"error\"\n\n[dialects.agency.keys.tier]\nvalues = [\"lead\", { value = \"worker/senior\", doc = \"Senior\" }]\n",
            None,
        )
        .unwrap();
        assert_eq!(cfg.severity(Code::UnknownKey, Severity::Warning), None);
        assert_eq!(
            cfg.severity(Code::EmptyBody, Severity::Warning),
            Some(Severity::Error)
        );
        assert_eq!(
            cfg.severity(Code::YamlSyntax, Severity::Error),
            Some(Severity::Error)
        );
        let tier = &cfg.dialects["agency"].keys["tier"];
        assert_eq!(tier.values[1].value(), "worker/senior");
        assert_eq!(tier.values[1].doc(), "Senior");
    }

    /// `[workspace]`: the budgets' limits and which files the server reports on, merged as
    /// the rest is (the nearer file wins); an unknown budget setting names the known ones.
    #[test]
    fn workspace_settings_parse_merge_and_refuse_unknown_budgets() {
        let far = Config::from_toml(
            "[workspace]\ndiagnostics = \"open\"\n[workspace.budget]\nagent-descriptions-tokens = 200\ncontext-tokens = 1000000\n",
            None,
        )
        .unwrap();
        let near = Config::from_toml(
            "[workspace.budget]\nagent-descriptions-tokens = 300\n",
            None,
        )
        .unwrap();
        let merged = far.merge(&near);
        assert_eq!(merged.budget["agent-descriptions-tokens"], 300);
        assert_eq!(merged.budget["context-tokens"], 1_000_000);
        assert_eq!(merged.diagnostics, Some(WorkspaceDiagnostics::Open));
        let json =
            Config::from_json(serde_json::json!({"workspace": {"diagnostics": "workspace"}}))
                .unwrap();
        assert_eq!(json.diagnostics, Some(WorkspaceDiagnostics::Workspace));
        let err = Config::from_toml("[workspace.budget]\nagent-tokens = 1\n", None).unwrap_err();
        assert_eq!(
            err.message,
            "unknown budget setting `agent-tokens`; settings are: context-tokens, agent-descriptions-tokens, skill-listing-chars"
        );
        assert_eq!(err.range, Some(19..31));
    }

    #[test]
    fn errors_point_at_their_position() {
        let text = "[rules]\nunknown-key = \"loud\"\n";
        let e = Config::from_toml(text, Some(Path::new(".persona-ls.toml"))).unwrap_err();
        assert_eq!(
            e.render(Some(text)),
            ".persona-ls.toml:2:1: rule `unknown-key`: `loud` is not one of off, error, warning, information, hint"
        );
        let text = "[rulez]\n";
        let e = Config::from_toml(text, None).unwrap_err();
        assert!(e.message.contains("unknown field `rulez`"), "{}", e.message);
        assert_eq!(e.range, Some(1..6));
        let text = "[rules]\nno-such-rule = \"off\"\n";
        let e = Config::from_toml(text, None).unwrap_err();
        assert!(e.message.starts_with("unknown rule `no-such-rule`"));
        assert_eq!(e.range, Some(8..20));
    }
}
