//! The dialect tables: which keys each persona dialect defines, their types, allowed values
//! and hover docs. The tables are YAML data files compiled into the binary (`include_str!`),
//! so that a new model id or tool name is a one-line change. Users extend them from
//! `.persona-ls.toml` (see `config.rs`), never by editing code.

use crate::diagnostic::Severity;
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::OnceLock;

/// One dialect: a kind of persona file read by one tool.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dialect {
    /// Stable id used by `--dialect` and the configuration (`claude-agent`, `agency`, ...).
    pub id: String,
    /// Human title ("Claude Code subagent").
    pub title: String,
    /// The tool that reads these files ("Claude Code").
    pub tool: String,
    /// Link to the documentation the table was written from.
    pub source: String,
    /// Path globs (matched against `/`-separated paths) that identify the dialect.
    pub paths: Vec<String>,
    /// Tie-breaker when globs of several dialects match: higher wins. Broad folder globs (the
    /// agency-agents category folders such as `testing/`) take a negative priority so that a
    /// `SKILL.md` or a Claude agent that happens to live under such a folder keeps its dialect.
    #[serde(default)]
    pub priority: i32,
    /// Keys whose presence points at this dialect when no path glob matched.
    #[serde(default)]
    pub sniff_keys: Vec<String>,
    /// What happens when the front matter is missing.
    pub front_matter: FrontMatterPolicy,
    /// Format and matching rules for `name`.
    #[serde(default)]
    pub name: NameRules,
    /// How `tools` and friends are written in this dialect.
    #[serde(default)]
    pub tools: ToolRules,
    /// Which model vocabulary `model` is checked against.
    #[serde(default)]
    pub models: ModelRules,
    /// Keys, in the order completion offers them.
    pub keys: Vec<Key>,
    /// Keys of other dialects that people write here by mistake, with the key this tool reads.
    #[serde(default)]
    pub wrong_keys: Vec<WrongKey>,
    /// Which strict-YAML errors the tool's own loader reads past (it accepts the file, so they
    /// are warnings here: a file its own tool accepts never gets an error).
    #[serde(default)]
    pub lenient_yaml: LenientYaml,
    /// Dialects that this one refines: a file whose path names one of them but whose keys
    /// sniff as this dialect is this dialect (an agency persona in `.claude/agents`).
    #[serde(default)]
    pub refines: Vec<String>,
}

/// A key from another dialect, written where this dialect reads a different one.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct WrongKey {
    pub key: String,
    /// The key this dialect reads instead.
    #[serde(rename = "use")]
    pub use_key: String,
    pub severity: Level,
    /// What the tool does meanwhile, when it matters ("The agent silently inherits every tool.").
    #[serde(default)]
    pub consequence: Option<String>,
}

/// Strict-YAML errors that a tool's loader tolerates.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LenientYaml {
    /// The loader is a strict YAML parser.
    #[default]
    None,
    /// It retries a value containing `: ` (Claude Code 2.1.69 and later).
    ColonInValue,
    /// It has its own lenient reader (Cursor's `.mdc` headers).
    All,
}

/// A severity that the data decides.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    #[default]
    Error,
    Warning,
}

impl Level {
    pub fn severity(self) -> Severity {
        match self {
            Level::Error => Severity::Error,
            Level::Warning => Severity::Warning,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FrontMatterPolicy {
    /// The tool skips a file without front matter: `missing-front-matter` is an error.
    Required,
    /// Front matter is optional (commands, prompt files): no diagnostic.
    Optional,
    /// A file without front matter is documentation, not a persona: one hint, nothing else.
    NotAPersonaWithout,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct NameRules {
    #[serde(default)]
    pub format: NameFormat,
    #[serde(default, rename = "match")]
    pub must_match: NameMatch,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NameFormat {
    /// Any non-empty string.
    #[default]
    Free,
    /// Claude Code agent: lowercase letters and hyphens recommended; `:` and a leading `-` break loading.
    ClaudeAgent,
    /// Agent Skills: 1-64 chars of `a-z0-9-`, no leading/trailing/double hyphen.
    Skill,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NameMatch {
    #[default]
    None,
    /// `name` must equal the file stem.
    File,
    /// `name` must equal the parent folder (skills).
    Folder,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ToolRules {
    /// Value set (in `values.yaml`) of the tool names this dialect knows: completion and
    /// hover always use it; `unknown-tool` uses it only when `strict` is set.
    #[serde(default)]
    pub vocabulary: Option<String>,
    /// Whether a name outside the vocabulary is reported (`unknown-tool`). Off for tools that
    /// ignore unknown names (VS Code, GitHub Copilot).
    #[serde(default)]
    pub strict: bool,
    /// Whether a flow list (`[Read, Write]`) is misread by the tool.
    #[serde(default)]
    pub flow_list_misread: bool,
    /// Whether a tool string is "space- or comma-separated" (skills and commands) rather than
    /// comma-separated only (agents).
    #[serde(default)]
    pub space_separated: bool,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ModelRules {
    /// `claude` (aliases + claude-* ids), `copilot` (display names), `opencode`
    /// (`provider/model`), `cursor`, or `any`.
    #[serde(default)]
    pub kind: ModelKind,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ModelKind {
    #[default]
    Any,
    Claude,
    Copilot,
    Opencode,
    Cursor,
}

/// One front-matter key.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Key {
    pub key: String,
    #[serde(rename = "type")]
    pub ty: ValueType,
    #[serde(default)]
    pub required: bool,
    /// For a required key: what the tool does without it ("without it Claude Code skips the
    /// agent"), for the `missing-required-key` message.
    #[serde(default)]
    pub if_missing: Option<String>,
    /// For a required key: `error`, unless the tool still loads the file without it.
    #[serde(default)]
    pub missing_severity: Level,
    /// Markdown shown on hover and in completion.
    pub doc: String,
    #[serde(default)]
    pub default: Option<String>,
    /// Allowed values: either inline, or `@set-name` naming a set in `values.yaml`.
    #[serde(default)]
    pub values: Option<Values>,
    /// Whether values outside `values` are only a warning (open sets such as agency colors).
    #[serde(default)]
    pub open: bool,
    /// Set when the key is deprecated: what to use instead.
    #[serde(default)]
    pub deprecated: Option<String>,
    /// Link to the source of this row when it differs from the dialect's.
    #[serde(default)]
    pub source: Option<String>,
    /// For a key whose empty value (`tools:`, which YAML reads as null) its readers take for
    /// something other than what the author likely meant: what they do with it.
    #[serde(default)]
    pub if_null: Option<IfNull>,
}

/// What the readers of a key do with a null value, and where that was read.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IfNull {
    /// The explanation, after "`key:` has no value, so YAML reads it as null: ".
    pub says: String,
    /// Where each claim comes from (documentation, source code, issues).
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ValueType {
    String,
    Bool,
    Integer,
    Number,
    /// A string from `values`.
    Enum,
    /// A YAML list of strings.
    List,
    /// A comma/space separated string or a YAML list.
    StringOrList,
    Map,
    /// A model id or alias, checked by `models`.
    Model,
    /// A color, checked against `values` (named) and hex.
    Color,
    /// A tool list, checked by `tools`.
    Tools,
    Any,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Values {
    Set(String),
    Inline(Vec<Value>),
}

/// One allowed value with its docs and status.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Value {
    pub value: String,
    #[serde(default)]
    pub doc: String,
    #[serde(default)]
    pub status: Status,
    /// What to use instead (for legacy/retired values).
    #[serde(default)]
    pub replacement: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    #[default]
    Active,
    /// Still works but older (legacy model ids, tool aliases).
    Legacy,
    /// Works with a warning; will go away.
    Deprecated,
    /// No longer served / recognised.
    Retired,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ValueSets {
    sets: HashMap<String, Vec<Value>>,
}

/// All dialects plus the shared value sets.
#[derive(Debug)]
pub struct Schema {
    pub dialects: Vec<Dialect>,
    sets: HashMap<String, Vec<Value>>,
    /// Where personas live outside projects, and the folders that mark a project.
    pub locations: Locations,
}

/// `locations.yaml`: see the comment at its top.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Locations {
    pub user: Vec<UserFolder>,
    pub markers: Vec<String>,
}

/// A folder under the home directory where a tool keeps user-level personas.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserFolder {
    /// `/`-separated, relative to the home directory.
    pub home: String,
    /// The project folder its files are read as.
    #[serde(rename = "as")]
    pub mirrors: String,
    pub tool: String,
    pub source: String,
}

/// The tables, as `(name, JSON)`: build.rs converts each `src/schema/<name>.yaml` to JSON,
/// which reads in a fraction of libyaml's time. Tests read the YAML too and compare.
macro_rules! tables {
    ($($name:literal),* $(,)?) => {
        const DIALECT_FILES: &[(&str, &str)] = &[$(
            ($name, include_str!(concat!(env!("OUT_DIR"), "/schema/", $name, ".json"))),
        )*];
        #[cfg(test)]
        const DIALECT_YAML: &[(&str, &str)] = &[$(($name, include_str!(concat!($name, ".yaml")))),*];
    };
}
tables!(
    "claude-agent",
    "claude-skill",
    "claude-command",
    "agency",
    "copilot-agent",
    "copilot-chatmode",
    "copilot-prompt",
    "copilot-instructions",
    "opencode-agent",
    "opencode-command",
    "cursor-rule",
);
const VALUES_FILE: &str = include_str!(concat!(env!("OUT_DIR"), "/schema/values.json"));
#[cfg(test)]
const VALUES_YAML: &str = include_str!("values.yaml");
const LOCATIONS_FILE: &str = include_str!(concat!(env!("OUT_DIR"), "/schema/locations.json"));
#[cfg(test)]
const LOCATIONS_YAML: &str = include_str!("locations.yaml");

impl Schema {
    /// The built-in schema. The data files are part of the binary and covered by tests, so a
    /// parse failure here is a build defect, not user input.
    pub fn builtin() -> &'static Schema {
        static SCHEMA: OnceLock<Schema> = OnceLock::new();
        SCHEMA.get_or_init(|| Schema::load().unwrap_or_else(|e| panic!("built-in schema: {e}")))
    }

    /// Reads the built-in tables afresh. Everything but the benches wants [`Schema::builtin`].
    pub fn load() -> Result<Schema, String> {
        let mut dialects = Vec::new();
        for (name, json) in DIALECT_FILES {
            let d: Dialect = serde_json::from_str(json).map_err(|e| format!("{name}.yaml: {e}"))?;
            dialects.push(d);
        }
        let sets: ValueSets =
            serde_json::from_str(VALUES_FILE).map_err(|e| format!("values.yaml: {e}"))?;
        let locations: Locations =
            serde_json::from_str(LOCATIONS_FILE).map_err(|e| format!("locations.yaml: {e}"))?;
        let schema = Schema {
            dialects,
            sets: sets.sets,
            locations,
        };
        schema.validate()?;
        Ok(schema)
    }

    /// Cross-checks that serde cannot express: set references resolve, ids are unique.
    fn validate(&self) -> Result<(), String> {
        let mut seen = std::collections::HashSet::new();
        for d in &self.dialects {
            if !seen.insert(d.id.as_str()) {
                return Err(format!("dialect `{}` defined twice", d.id));
            }
            if let Some(v) = &d.tools.vocabulary
                && !self.sets.contains_key(v)
            {
                return Err(format!("{}: tools vocabulary `{v}` is not a set", d.id));
            }
            let mut keys = std::collections::HashSet::new();
            for k in &d.keys {
                if !keys.insert(k.key.as_str()) {
                    return Err(format!("{}: key `{}` defined twice", d.id, k.key));
                }
                if let Some(Values::Set(name)) = &k.values {
                    let name = name.strip_prefix('@').ok_or_else(|| {
                        format!("{}.{}: set references start with `@`", d.id, k.key)
                    })?;
                    if !self.sets.contains_key(name) {
                        return Err(format!("{}.{}: unknown set `@{name}`", d.id, k.key));
                    }
                }
            }
        }
        Ok(())
    }

    pub fn dialect(&self, id: &str) -> Option<&Dialect> {
        self.dialects.iter().find(|d| d.id == id)
    }

    pub fn set(&self, name: &str) -> &[Value] {
        self.sets
            .get(name.trim_start_matches('@'))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The allowed values of a key, resolving `@set` references.
    pub fn values<'a>(&'a self, key: &'a Key) -> &'a [Value] {
        match &key.values {
            None => &[],
            Some(Values::Inline(v)) => v,
            Some(Values::Set(name)) => self.set(name),
        }
    }
}

impl Dialect {
    pub fn key(&self, name: &str) -> Option<&Key> {
        self.keys.iter().find(|k| k.key == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The JSON that build.rs writes reads exactly as the YAML it comes from: no scalar changes
    /// type or text on the way (a version like `4.10` would become the number 4.1).
    #[test]
    fn the_json_tables_read_as_the_yaml_ones() {
        for ((name, json), (yaml_name, yaml)) in DIALECT_FILES.iter().zip(DIALECT_YAML) {
            assert_eq!(name, yaml_name);
            let from_json: Dialect = serde_json::from_str(json).unwrap();
            let from_yaml: Dialect =
                serde_yaml_ng::from_str(yaml).unwrap_or_else(|e| panic!("{name}.yaml: {e}"));
            assert_eq!(
                format!("{from_json:#?}"),
                format!("{from_yaml:#?}"),
                "{name}"
            );
        }
        let sorted = |s: ValueSets| {
            let mut v: Vec<_> = s.sets.into_iter().collect();
            v.sort_by(|a, b| a.0.cmp(&b.0));
            format!("{v:#?}")
        };
        let from_json: ValueSets = serde_json::from_str(VALUES_FILE).unwrap();
        let from_yaml: ValueSets = serde_yaml_ng::from_str(VALUES_YAML).unwrap();
        assert_eq!(sorted(from_json), sorted(from_yaml));
        let from_json: Locations = serde_json::from_str(LOCATIONS_FILE).unwrap();
        let from_yaml: Locations = serde_yaml_ng::from_str(LOCATIONS_YAML).unwrap();
        assert_eq!(format!("{from_json:#?}"), format!("{from_yaml:#?}"));
        assert!(Schema::load().is_ok());
    }
}
