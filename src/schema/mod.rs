//! The dialect tables: which keys each persona dialect defines, their types, allowed values
//! and hover docs. The tables are YAML data files compiled into the binary (`include_str!`),
//! so that a new model id or tool name is a one-line change. Users extend them from
//! `.persona-ls.toml` (see `config.rs`), never by editing code.

pub mod names;

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
    /// Content markers: keys only this dialect has. Their presence points at this dialect
    /// when no path glob matched, and decides between the dialects that share a glob
    /// (`claims`).
    #[serde(default)]
    pub sniff_keys: Vec<String>,
    /// Content markers that are values: a key set to a value only this dialect gives it
    /// (`mode: subagent`, a `provider/model` model). Counted with `sniff_keys`.
    #[serde(default)]
    pub sniff_values: Vec<ValueMarker>,
    /// Project markers: files or folders (`opencode.jsonc`, `.opencode/`) that say the project
    /// uses this dialect's tool, in any folder from the file's up to the project root. They
    /// decide a shared glob (`claims`) when the file's own keys do not.
    #[serde(default)]
    pub project_markers: Vec<String>,
    /// Generic globs another dialect owns (in its `paths`) that this dialect's files share
    /// (`**/agents/**/*.md`): a file whose best glob is one of them is this dialect's when its
    /// content markers, or else its project markers, say so; the owner's otherwise.
    #[serde(default)]
    pub claims: Vec<String>,
    /// What happens when the front matter is missing.
    pub front_matter: FrontMatterPolicy,
    /// Where the file's own tool still reads a file without front matter, and only other
    /// readers need it: what each does (a warning then, not an error; for optional front
    /// matter, why it is worth having).
    #[serde(default)]
    pub without_front_matter: Option<Effect>,
    /// Where the tool reads an unclosed block as the whole file's front matter instead of
    /// skipping it: what then happens (a warning, not an error).
    #[serde(default)]
    pub unclosed_front_matter: Option<Effect>,
    /// Which line ends the front matter for the tool's own reader.
    #[serde(default)]
    pub closing_fence: ClosingFence,
    /// Who reads the front matter, each with what it passes over before the opening `---` and
    /// what it does with a file whose front matter it does not see (none, or one after other
    /// text): `missing-front-matter`'s messages and severity. The first reader that reads the
    /// file's path is its own tool.
    #[serde(default)]
    pub front_matter_readers: Vec<FrontMatterReader>,
    /// What the tool does with a documentation name (`README.md`) in its folder, where that is
    /// known: it loads it like any file (Gemini CLI, which then reports one without front
    /// matter).
    #[serde(default)]
    pub documentation_files: DocumentationFiles,
    /// File names the tool skips by name (VS Code takes no `README.md` in `.github/agents` for
    /// an agent): documentation there, whatever else the tool reads.
    #[serde(default)]
    pub skips_files: Vec<String>,
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
    /// The reader that gets past those errors, where `tool` names several ("Claude Code", of
    /// "Claude Code / Agent Skills / VS Code"): what `yaml-syntax` says reads the file.
    #[serde(default)]
    pub lenient_reader: Option<String>,
    /// What the readers do with front matter that no YAML reader gets through (a value
    /// going on below its key on unindented lines), for `yaml-syntax`'s message.
    #[serde(default)]
    pub unparsable: Option<Unparsable>,
    /// The other readers of these files that parse them as strict YAML, and what they do with
    /// front matter that is not valid YAML, for `yaml-syntax` where the dialect's own tool
    /// reads past the error ("Copilot CLI, which reads `.claude/agents` too, refuses it").
    #[serde(default)]
    pub strict_readers: Option<Effect>,
    /// Dialects that this one refines: a file whose path names one of them but whose keys
    /// sniff as this dialect is this dialect (an agency persona in `.claude/agents`).
    #[serde(default)]
    pub refines: Vec<String>,
    /// Which key plays which part: rules read keys by role, never by name.
    pub roles: Roles,
    /// How the tool reads booleans.
    pub booleans: Booleans,
    /// How the tool reads colors; set where the dialect has a color key.
    #[serde(default)]
    pub colors: Option<Colors>,
    /// What the tool does with a key it does not define.
    #[serde(rename = "unknown-keys")]
    pub unknown_keys: UnknownKeys,
    /// The longest description the dialect's readers take, where they set one.
    #[serde(default, rename = "description-limit")]
    pub description_limit: Option<DescriptionLimit>,
    /// Keys that only take effect with another key set to a value.
    #[serde(default)]
    pub requires: Vec<Requirement>,
    /// Settings that together leave the file with no use.
    #[serde(default)]
    pub conflicts: Vec<Conflict>,
    /// Keys that another key's setting makes redundant (`globs` with `alwaysApply: true`).
    #[serde(default)]
    pub overridden: Vec<Override>,
    /// Paths of this dialect where the tool's reading of the file is uncertain
    /// (`misplaced-file`).
    #[serde(default)]
    pub uncertain_paths: Vec<PathNote>,
    /// Paths of this dialect that its tool skips on purpose (Gemini CLI skips `_draft.md`):
    /// one hint that says so, and no other rule, since nothing in the file is read.
    #[serde(default)]
    pub skipped_paths: Vec<PathNote>,
    /// Keys that one setting needs (Kiro's `inclusion: auto` matches by `name` and
    /// `description`).
    #[serde(default, rename = "required-with")]
    pub required_with: Vec<RequiredWith>,
    /// Keys the tool ignores while another key says so (VS Code ignores a prompt's `tools`
    /// with `agent: edit`, and an agent's `agents` when its `tools` lack the `agent` tool).
    #[serde(default, rename = "ignored-when")]
    pub ignored_when: Vec<IgnoredWhen>,
    /// A persona that owns its folder (a skill): the other Markdown files below it are its
    /// resources, not personas of any dialect.
    #[serde(default)]
    pub resources: Option<Resources>,
    /// The keys that make front matter in no known folder this dialect's (at most one dialect
    /// sets it: the most common persona format).
    #[serde(default)]
    pub fallback: Option<Fallback>,
    /// Where a file of this dialect is part of a plugin, and what the tool does differently
    /// there.
    #[serde(default)]
    pub plugin: Option<Plugin>,
    /// Keys that a reader ignores for some values of a key that picks the readers (`target`).
    #[serde(default)]
    pub target_ignores: Vec<TargetIgnores>,
    /// Added to what `unknown-key` says of a key the tool ignores, where another reader says
    /// more ("Copilot CLI warns that it ignores it").
    #[serde(default, rename = "unknown-keys-note")]
    pub unknown_keys_note: Option<String>,
    /// The readers of the dialect's files ("VS Code", "Copilot CLI"), where they are not all
    /// `tool`: a fact that names its reader (a key's `reader`, a `target_ignores` or
    /// `ignored-when` row's `reader`, a type note's `readers`) holds only where that reader
    /// reads the file.
    #[serde(default)]
    pub readers: Vec<String>,
    /// Paths where fewer of the readers read the file (`.github/agents/<folder>/x.md`, which
    /// only Copilot CLI reads): the first row whose glob matches is the file's reader set, with
    /// what those readers do ([`Dialect::read_at`]).
    #[serde(default, rename = "readers-at")]
    pub readers_at: Vec<ReadersAt>,
}

/// The readers of a dialect's files at some paths, and what they do where the dialect's
/// table says what all its readers do. Their reader facts replace the dialect's: one left out
/// is not what these readers do.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ReadersAt {
    pub glob: String,
    /// Who reads these files: a subset of the dialect's `readers`.
    pub readers: Vec<String>,
    /// Said in messages in place of the dialect's `tool` and `title`.
    pub tool: String,
    pub title: String,
    #[serde(default)]
    pub without_front_matter: Option<Effect>,
    #[serde(default)]
    pub unclosed_front_matter: Option<Effect>,
    #[serde(default)]
    pub unparsable: Option<Unparsable>,
    #[serde(default)]
    pub lenient_yaml: LenientYaml,
    #[serde(default, rename = "unknown-keys-note")]
    pub unknown_keys_note: Option<String>,
    pub source: String,
}

/// `keys` are not read when `key` is one of `values` (`""`: the key is not set).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetIgnores {
    pub key: String,
    pub values: Vec<String>,
    pub keys: Vec<String>,
    /// Who ignores them: "GitHub Copilot ignores it with `target: github-copilot`".
    pub says: String,
    pub severity: Mild,
    /// The reader whose behaviour this is, where the dialect has several (`readers`).
    #[serde(default)]
    pub reader: Option<String>,
    pub sources: Vec<String>,
}

/// A severity for what changes nothing but is worth knowing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mild {
    Information,
    Hint,
}

/// What the readers do in a situation, and where that was read.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Effect {
    /// A sentence: "VS Code lists the agent, named after its file; Copilot CLI refuses it".
    pub says: String,
    pub source: String,
}

/// One reader of a dialect's front matter, for `missing-front-matter`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FrontMatterReader {
    /// "Gemini CLI".
    pub reader: String,
    /// Where it reads the dialect's files (path globs); none: at every path of the dialect.
    #[serde(default)]
    pub paths: Vec<String>,
    /// What it passes over before the opening `---`; anything else there hides the block.
    #[serde(default)]
    pub passes_over: Vec<BeforeFence>,
    /// After the reader's name, what it does with a file without front matter: "refuses the
    /// agent and reports …".
    pub without: String,
    /// The same, for a file whose body is empty too (a skill then has nothing to go by).
    #[serde(default)]
    pub without_body: Option<String>,
    /// The severity when this reader is the file's own tool: `error` where it then skips the
    /// file, `warning` where it still loads it.
    pub level: Level,
    /// After the reader's name, what it does with a block it does not see because other text
    /// comes first, where that differs from `without` (the block becomes part of the prompt).
    #[serde(default)]
    pub hidden: Option<String>,
    /// The severity for such a block, where it differs from `level` (the keys are lost).
    #[serde(default)]
    pub hidden_level: Option<Level>,
    pub source: String,
    /// `paths` compiled.
    #[serde(skip)]
    compiled: crate::glob::Compiled,
}

impl FrontMatterReader {
    /// Whether it reads the file at `rel_path`.
    pub fn reads(&self, rel_path: &str) -> bool {
        self.paths.is_empty() || self.compiled.get(&self.paths).is_match(rel_path)
    }

    /// Whether it sees a block after `lead`, the text before the opening `---` (a BOM is not
    /// part of it).
    pub fn sees_past(&self, lead: &str) -> bool {
        lead.is_empty()
            || (self.passes_over.contains(&BeforeFence::BlankLines) && lead.trim().is_empty())
    }
}

/// What a reader may find before the opening `---` and still read the block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BeforeFence {
    /// A UTF-8 byte-order mark (`byte-order-mark` reports it).
    Bom,
    /// Empty or blank lines.
    BlankLines,
}

/// What a reader falls back to for a required key the file lacks (Claude Code names a skill
/// after its folder), where it reads the file.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct KeyFallback {
    /// Where the reader that falls back reads the file (path globs); none: everywhere.
    #[serde(default)]
    pub paths: Vec<String>,
    /// "Claude Code falls back to the folder name".
    pub says: String,
    /// The same when the body is empty too, where the fallback comes from the body.
    #[serde(default)]
    pub without_body: Option<String>,
    pub source: String,
    /// `paths` compiled.
    #[serde(skip)]
    compiled: crate::glob::Compiled,
}

impl KeyFallback {
    pub fn applies(&self, rel_path: &str) -> bool {
        self.paths.is_empty() || self.compiled.get(&self.paths).is_match(rel_path)
    }
}

/// Files of a dialect that belong to a plugin (`plugins/<name>/agents/…`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Plugin {
    /// Path globs of the plugin's files.
    pub paths: Vec<String>,
    /// Files that make the folder holding them a plugin's root (`.claude-plugin/plugin.json`),
    /// looked for in every folder from the file's up to the project root.
    #[serde(default)]
    pub markers: Vec<String>,
    /// Path globs of the plugin's files relative to such a root (`agents/**/*.md`).
    #[serde(default)]
    pub within: Vec<String>,
    /// Keys the tool ignores in a plugin's files.
    #[serde(default)]
    pub ignores: Vec<String>,
    /// Where that was read.
    pub source: String,
    /// `paths` and `within` compiled.
    #[serde(skip)]
    compiled: (crate::glob::Compiled, crate::glob::Compiled),
}

impl Plugin {
    /// Whether the file at `rel_path` is a plugin's: by its path, or below the nearest plugin
    /// root that `markers` found (one of this plugin kind's markers).
    pub fn holds(&self, rel_path: &str, markers: crate::dialect::Markers) -> bool {
        let below_root = markers.plugin_root().and_then(|(depth, name)| {
            self.markers.iter().any(|m| m == name).then(|| {
                rel_path
                    .splitn(depth + 1, '/')
                    .nth(depth)
                    .unwrap_or_default()
            })
        });
        self.compiled.0.get(&self.paths).is_match(rel_path)
            || below_root.is_some_and(|rest| self.compiled.1.get(&self.within).is_match(rest))
    }
}

/// The keys that play a part that rules need to know, by role.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct Roles {
    /// The persona's name (checked against the name rules; a list there breaks the tool).
    pub name: Option<String>,
    /// What it does and when to use it (a list there breaks the tool; length limits).
    pub description: Option<String>,
    /// The tool allow-list: the only tools the persona has.
    pub tools: Option<String>,
    /// The tool deny-list, applied before the allow-list.
    pub denied_tools: Option<String>,
}

impl Roles {
    /// Whether `key` is the name or the description: the text that lists the persona.
    pub fn is_identity(&self, key: &str) -> bool {
        self.name.as_deref() == Some(key) || self.description.as_deref() == Some(key)
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Booleans {
    /// Which words are booleans.
    pub spellings: BoolSpellings,
    /// What the tool makes of a quoted `"true"`.
    pub quoted: QuotedBool,
    pub source: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BoolSpellings {
    /// `true` and `false` only; `yes` is text.
    #[serde(rename = "yaml-1.2")]
    Yaml12,
    /// `yes`/`no`/`on`/`off` too.
    #[serde(rename = "yaml-1.1")]
    Yaml11,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum QuotedBool {
    /// Text, as strict loaders read it.
    Text,
    /// False, whatever it says (Cursor).
    False,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Colors {
    /// What the tool does with a `#RRGGBB` color.
    pub hex: HexColors,
    /// What it does with a color that is neither named nor hex.
    pub unknown: UnknownColors,
    pub source: String,
    /// Where the file has several readers, each with its own named colors (agency personas:
    /// Claude Code, and OpenCode after conversion): a color none shows is a warning, one that
    /// only some show a note.
    #[serde(default)]
    pub palettes: Vec<Palette>,
}

/// The named colors one reader shows.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Palette {
    /// "Claude Code".
    pub reader: String,
    /// The value set of its colors.
    pub set: String,
    /// What it does with another name, after the reader: "turns any other name into gray".
    pub otherwise: String,
    pub source: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HexColors {
    Accepted,
    /// Only named colors show; a hex one is ignored or converted.
    ShownAsNamed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum UnknownColors {
    /// The file still loads, without its color.
    Ignored,
    /// The tool's configuration stops loading.
    Rejected,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum UnknownKeys {
    Ignored,
    /// Passed on to the model provider as request options (OpenCode).
    ForwardedToProvider,
    /// The tool's loader refuses the whole file over a key it does not define (Gemini CLI's
    /// strict schema): `unknown-key` is an error.
    Rejected,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct DescriptionLimit {
    /// In characters.
    pub max: usize,
    /// Who sets it, after "the description is N characters; ": "the Agent Skills spec".
    pub set_by: String,
    /// What happens to a longer one.
    pub beyond: String,
    pub source: String,
}

/// `key` only takes effect when `needs.key` is `needs.value`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Requirement {
    pub key: String,
    pub needs: Setting<String>,
    /// Who does what without it, after "without it ": "Claude Code runs the skill inline".
    pub without: String,
    pub source: String,
}

/// `keys` are required when `when.key` is `when.value`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RequiredWith {
    pub when: Setting<String>,
    pub keys: Vec<String>,
    /// Why they are needed: "Kiro matches `auto` steering to a request by its `name` and
    /// `description`".
    pub without: String,
    pub source: String,
}

/// `key` is ignored while `when` holds.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IgnoredWhen {
    pub key: String,
    pub when: Condition,
    /// Why, after "`key` is ignored …: ": "VS Code uses tools only in agent mode".
    pub effect: String,
    /// The reader whose behaviour this is, where the dialect has several (`readers`).
    #[serde(default)]
    pub reader: Option<String>,
    pub source: String,
}

/// A condition on another key that is present: its value is one of `one-of`, or its tool
/// list does not name `lacks` (alone or as `lacks/…`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Condition {
    pub key: String,
    #[serde(default)]
    pub one_of: Vec<String>,
    #[serde(default)]
    pub lacks: Option<String>,
}

/// A key set to a value.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Setting<T> {
    pub key: String,
    pub value: T,
}

/// `key` does nothing when the boolean `by.key` is `by.value`, which already does more: it is
/// redundant, not wrong.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Override {
    pub key: String,
    pub by: Setting<bool>,
    /// What the tool does instead, after "`key` is ignored: ": "Cursor includes an
    /// always-applied rule in every request, whatever its globs say".
    pub effect: String,
    pub source: String,
}

/// A glob of the dialect's files, and what is uncertain about the tool reading them there.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PathNote {
    pub glob: String,
    /// Only for a file none of the dialect's own `paths` matches (one it has through a
    /// `claims` glob).
    #[serde(default)]
    pub outside_own_paths: bool,
    /// The message: what may happen, and what to do.
    pub says: String,
    pub source: String,
}

/// Boolean settings that together leave the file with no use.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Conflict {
    pub settings: Vec<ConflictingSetting>,
    /// The sentence that says it: "Nothing can invoke this skill".
    pub effect: String,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConflictingSetting {
    pub key: String,
    pub value: bool,
    /// What the setting does: "hides it from the user".
    pub means: String,
}

/// `<folder>/<name>/…/file.md` below a persona `<folder>/<name>/<entry>` is its resource.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resources {
    pub folder: String,
    pub entry: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fallback {
    /// Every one of these keys,
    pub all: Vec<String>,
    /// and at least one of these.
    pub any: Vec<String>,
}

/// A key set to a value that only one dialect gives it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ValueMarker {
    pub key: String,
    /// The values that mark the dialect (inline, or `@set`).
    #[serde(default)]
    pub values: Option<Values>,
    /// Or the shape of the value that marks it.
    #[serde(default)]
    pub shape: Option<ValueShape>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ValueShape {
    /// `provider/model-id` (`anthropic/claude-sonnet-4-5`, `openrouter/x/y`): a provider name
    /// of letters, digits, `.`, `_` and `-`, a `/`, and more. A Bedrock ARN has a `:` before
    /// its first `/`, so it is not one.
    #[serde(rename = "provider/model")]
    ProviderModel,
}

impl ValueShape {
    pub fn matches(self, value: &str) -> bool {
        match self {
            ValueShape::ProviderModel => value.split_once('/').is_some_and(|(p, rest)| {
                !p.is_empty()
                    && !rest.is_empty()
                    && p.chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
                    && !rest.chars().any(char::is_whitespace)
            }),
        }
    }
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

/// What a dialect's readers do with front matter that does not parse, and where that was read.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unparsable {
    /// One or two sentences naming each reader: "Claude Code skips this agent (…)."
    pub says: String,
    /// Where the readers were seen failing on a value continued on unindented lines, the one
    /// case this evidence covers ("anthropics/claude-code#91871").
    #[serde(default)]
    pub continued_evidence: Option<String>,
    pub sources: Vec<String>,
}

/// Strict-YAML errors that a tool's loader tolerates.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LenientYaml {
    /// The loader is a strict YAML parser.
    #[default]
    None,
    /// It retries a value containing `: ` (OpenCode's fallback, agency-agents' loaders).
    ColonInValue,
    /// VS Code's own front-matter parser (`src/vs/base/common/yaml.ts`, code index 7100749351
    /// and its compiled copies 55208018906, 60782420122; read 2026-12-01): it reads a value that
    /// starts with `*` or `&` as text (`applyTo: *.ts,*.js`), a `: ` after the key's colon as
    /// part of the value (`seenBlockColon`), and every item of a flow list that is never closed
    /// (`parseFlowSeq` adds `Expected "]"` and keeps the items). It marks these, but no key is
    /// lost.
    VsCode,
    /// It has its own lenient reader (Cursor's `.mdc` headers).
    All,
    /// What the tool does with front matter that is not valid YAML is not known (no source shows
    /// it): a warning that says so, never an error.
    Unverified,
    /// When the block does not parse, it quotes every unindented `key: value` line whose value
    /// holds a YAML special character (`*`, `&`, `[`, `@`, `` ` ``, `: `…) and parses again:
    /// Claude Code's front-matter parser, which reads `paths: **/*.ts` as the text it says.
    /// `yaml-syntax` replays that pass (`syntax::quote_retry`) to tell the errors it repairs
    /// from those it does not.
    QuotedRetry,
}

/// What a tool does with `README.md` and the other documentation names in its folder.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DocumentationFiles {
    /// Not known by name: a README is documentation where the tool passes over a file
    /// without front matter in silence, and judged like any file where it reads one.
    #[default]
    AsAnyFile,
    /// It loads them like any other file (Gemini CLI).
    Read,
}

/// Which line the tool takes for the closing `---`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClosingFence {
    /// A line that is `---` and nothing else (YAML's document marker; VS Code, gray-matter).
    #[default]
    Exact,
    /// The first `---` after the opening line, wherever it is: Claude Code's
    /// `FRONTMATTER_REGEX = /^---\s*\n([\s\S]*?)---\s*\n?/` (restored `frontmatterParser.ts`,
    /// code index 56802227759, read 2026-12-01). A dash line (`--------`) right after the keys
    /// closes the block for it, though other readers need exactly `---`.
    FirstDashes,
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

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct NameRules {
    pub format: NameFormat,
    #[serde(rename = "match")]
    pub must_match: NameMatch,
    /// The longest name the format allows, in characters.
    pub max_length: Option<usize>,
    /// Words a name may not hold (between hyphens), and who refuses such a name.
    pub reserved_words: Option<ReservedWords>,
    /// For the `skill` format: what the file's own tool does with a name outside the format
    /// ("Claude Code loads it, as a display name"), where it still loads it.
    #[serde(default)]
    pub loaded_by: Option<String>,
    /// For the `skill` format: the other readers that check the name, each with the letters
    /// it allows.
    #[serde(default)]
    pub readers: Vec<NameReader>,
    /// What the folder name is to the tool, after "the name `x` differs from its folder `y`:
    /// " ("Claude Code names the skill's command after the folder"), and what `name` is in a
    /// plugin, where the tool uses it instead.
    #[serde(default)]
    pub folder_use: Option<FolderUse>,
}

/// A reader of a persona's name and the names it takes.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct NameReader {
    /// "VS Code", "the Agent Skills spec".
    pub reader: String,
    pub letters: NameLetters,
    /// What it does with another name, after the reader: "silently skips the skill".
    pub refuses: String,
    /// How much its refusal matters where the file's own tool loads the name: a reader of
    /// this file refusing it is a warning; the spec alone (no reader of this folder checks the
    /// name), information.
    #[serde(default)]
    pub level: Portability,
    pub source: String,
}

/// The severity of a name only other readers refuse.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Portability {
    #[default]
    Warning,
    Information,
}

/// Which letters a name may hold besides digits and hyphens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NameLetters {
    /// `a-z` only.
    AsciiLowercase,
    /// Any letter with no upper case (`навык`, `技能`), after NFKC normalisation.
    UnicodeLowercase,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FolderUse {
    /// Outside plugins: "Claude Code names the skill's command after the folder".
    pub outside_plugins: String,
    /// In a plugin: "Claude Code makes `name` the command's last segment".
    pub in_plugins: String,
    /// Who requires the two to match: "the Agent Skills spec and VS Code require them to match".
    pub required_by: String,
    pub source: String,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ReservedWords {
    pub words: Vec<String>,
    /// "claude.ai and the Skills API".
    pub refused_by: String,
    pub source: String,
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
    /// Lowercase letters, digits, `-` and `_`, anything else refused (Gemini CLI subagents).
    LowercaseSlug,
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

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct ToolRules {
    /// Value set (in `values.yaml`) of the tool names this dialect knows: completion and
    /// hover always use it; `unknown-tool` uses it only when `strict` is set.
    pub vocabulary: Option<String>,
    /// Whether a name outside the vocabulary is reported (`unknown-tool`). Off for tools that
    /// ignore unknown names (VS Code, GitHub Copilot).
    pub strict: bool,
    /// Whether a flow list (`[Read, Write]`) is misread by the tool.
    pub flow_list_misread: bool,
    /// How the tool documents a tool list; a string is split by it.
    pub list_style: ListStyle,
    /// Whether the tool refuses to start a persona none of whose allow-listed tools resolve.
    pub refuses_zero_tools: bool,
    /// Whether the tool refuses the whole file over one tool name it does not know (Gemini
    /// CLI validates every entry): `unknown-tool` is an error.
    #[serde(default)]
    pub refuses_unknown: bool,
    /// How a tool name starts to name an MCP tool (`mcp__`), which no vocabulary lists.
    pub mcp_prefix: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ListStyle {
    /// A comma-separated string (`Read, Grep`): agents.
    #[default]
    Comma,
    /// A space- or comma-separated string (`Read Grep`): skills and commands. Commas win when
    /// the string has one.
    SpacesOrCommas,
    /// A YAML list; a string is split on commas (VS Code).
    YamlList,
    /// A YAML list only: the tool refuses a string (Gemini CLI, "Expected array").
    YamlListOnly,
}

impl ListStyle {
    /// Whether the tool documents the list as a YAML list (completion writes `- item` lines).
    pub fn is_yaml_list(self) -> bool {
        matches!(self, ListStyle::YamlList | ListStyle::YamlListOnly)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct ModelRules {
    /// `claude` (aliases + claude-* ids), `copilot` (display names), `opencode`
    /// (`provider/model`), `cursor`, or `any`.
    pub kind: ModelKind,
    /// The value set of the model ids whose retirement is reported, for a `model` key that
    /// lists no values of its own.
    pub ids: Option<String>,
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

/// One front-matter key, or (without `key`) the shape of a nested value.
///
/// # Shapes: values with a structure of their own
///
/// A `map` or `list` key may describe what is inside it, with the same rows nested; the checks
/// walk the value once (linear in its size, as deep as the shape) and stop at the first level
/// whose type is wrong, so one broken thing gets one diagnostic:
///
/// - `fields:` (a map): the keys it defines, each a row like a top-level key (`key`, `type`,
///   `values`, `required`, `if-missing`, `doc`, `source`, and a shape of its own). A key the
///   map does not define is `unknown-key`, at the level `unknown-fields` says.
/// - `keys:` and `each:` (a map whose keys are names of its user's or of a set, such as hook
///   events): `keys` is the set of allowed names (inline or `@set`; without it any name goes),
///   `each` the shape of every value.
/// - `items:` (a list; also a `model`, `enum` or `string-or-list` key that takes a list): the
///   shape of every item. `min-items` is the fewest items a reader accepts; `unique` names a
///   field of map items whose text must differ between items (case-insensitively).
/// - `variants:` (a map): shapes of which the first whose `if-has` field is present applies
///   (the last without `if-has` is the default); VS Code's hook items are a command or a
///   `matcher` with its own `hooks`.
/// - `one-of:` (a map): fields of which at least one must be there.
/// - `non-empty` / `alphanumeric` (text): the text may not be blank / must hold a letter or a
///   digit.
/// - `reader:` who reads the value by these rules ("VS Code"), and `if-invalid:` what it does
///   with a value that breaks the shape ("Claude Code drops every hook of this file"): every
///   message below the key says them.
/// - `shape: "@name"`: take the shape from `shapes.yaml` (shared by several dialects).
/// - `type-notes:` what readers do with a value of another type than `type` (a list `model`
///   that Copilot CLI refuses), each with its level; the first that applies is reported.
/// - `unchecked-with:` a setting (`target: github-copilot`) with which the key's readers
///   ignore it, so its shape is not checked.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Key {
    /// Empty for the shape of a list item, a map's `each` or a variant.
    #[serde(default)]
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
    /// For a required key: what a reader takes instead where it reads the file, said before
    /// `if-missing`.
    #[serde(default)]
    pub fallback: Option<KeyFallback>,
    /// What the tool does with a value outside `values`, of the wrong type, or that breaks the
    /// key's shape, where that is known ("Kiro includes the file as if it said `always`",
    /// "Claude Code drops every hook of this file"), for the messages (below the key too).
    #[serde(default)]
    pub if_invalid: Option<String>,
    /// For a value outside `values` (`invalid-value`), or of the wrong type (`invalid-type`):
    /// `error`, unless the tool is not shown to fail on one (it ignores the key, reads the
    /// file with a default in its place, or only a later request fails).
    #[serde(default)]
    pub invalid_severity: Level,
    /// For a pattern key the tool reads as one pattern when it is text: what a comma outside
    /// braces then does ("Kiro reads it as one glob, which matches no file"). Several patterns
    /// must be a YAML list.
    #[serde(default)]
    pub comma_is_literal: Option<String>,
    /// For a required key: another key that makes its absence matter less (an instructions
    /// file without `applyTo` may still be picked by its `description`): then only information.
    #[serde(default)]
    pub missing_eased_by: Option<Easing>,
    /// Markdown shown on hover and in completion (required for keys and fields).
    #[serde(default)]
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
    /// For a text key: how the tool reads the text, where that is more than text ("a
    /// comma-separated list of globs").
    #[serde(default)]
    pub text_form: Option<String>,
    /// For a key whose tool reads the line as written, quotes included: what quoting the value
    /// then does ("Cursor keeps the quotes as part of the value: `globs: '**/*.ts'` matches no
    /// file"). `yaml-syntax` then offers no quoting fix for it.
    #[serde(default)]
    pub quotes_kept: Option<String>,
    /// For a text key: what each of its readers does with a YAML list in its place
    /// (`applyTo: [a, b]`), for `invalid-type`, which names each reader; the worst of them
    /// decides the severity.
    #[serde(default)]
    pub if_list: Vec<ListReading>,
    /// For a text key: the readers that turn a literal `\n` of a plain value into a line break
    /// (Claude Code, in an agent's `description`), and those that show the backslash, for
    /// `escaped-newline` (a hint naming them, or nothing when no reader shows it).
    #[serde(default)]
    pub newline_escapes: Option<NewlineEscapes>,
    /// For a key whose empty value (`tools:`, which YAML reads as null) its readers take for
    /// something other than what the author likely meant: what they do with it.
    #[serde(default)]
    pub if_null: Option<IfNull>,
    /// The shape of a map's known keys (see "Shapes" above).
    #[serde(default)]
    pub fields: Vec<Key>,
    /// The names a map's keys come from, when they are not `fields`.
    #[serde(default)]
    pub keys: Option<Values>,
    /// The shape of every value of a map whose names are `keys`.
    #[serde(default)]
    pub each: Option<Box<Key>>,
    /// The shape of every item of a list.
    #[serde(default)]
    pub items: Option<Box<Key>>,
    /// Alternative map shapes, picked by `if-has`.
    #[serde(default)]
    pub variants: Vec<Key>,
    /// For a variant: the field whose presence selects it.
    #[serde(default)]
    pub if_has: Option<String>,
    /// Fields of a map of which at least one must be present.
    #[serde(default)]
    pub one_of: Vec<String>,
    /// The fewest items of a list that its readers accept.
    #[serde(default)]
    pub min_items: Option<usize>,
    /// A field of a list's map items whose text must be unique (ignoring case).
    #[serde(default)]
    pub unique: Option<String>,
    /// Text that may not be empty or blank.
    #[serde(default)]
    pub non_empty: bool,
    /// Text that must hold at least one letter or digit.
    #[serde(default)]
    pub alphanumeric: bool,
    /// What happens to a key a map's shape does not define.
    #[serde(default)]
    pub unknown_fields: UnknownFields,
    /// A shared shape of `shapes.yaml`, as `@name`.
    #[serde(default)]
    pub shape: Option<String>,
    /// What readers do with a value of another type, checked in order.
    #[serde(default)]
    pub type_notes: Vec<TypeNote>,
    /// The reader whose rules the shape states ("VS Code"), named in its messages.
    #[serde(default)]
    pub reader: Option<String>,
    /// A setting with which the key's readers ignore it: its shape is not checked then.
    #[serde(default)]
    pub unchecked_with: Option<Setting<String>>,
    /// For an optional text key: what its readers do with an empty value (`applyTo: ''`), after
    /// "`key` is empty: ". Without it, the message says that the tool reads it as not set.
    #[serde(default)]
    pub if_empty: Option<String>,
    /// For an enum: what the tool does with a value outside `values`, where it ignores it
    /// rather than rejecting the file ("Claude Code runs the skill inline"): a warning, not an
    /// error.
    #[serde(default)]
    pub if_other: Option<String>,
    /// For an open set: the form other values must have to name anything (`agent`: a
    /// subagent's name), checked with that name format's rules.
    #[serde(default)]
    pub open_format: Option<NameFormat>,
    /// Rules that uploads (claude.ai, the Skills API) apply to the text, where the tool itself
    /// does not.
    #[serde(default)]
    pub upload: Option<UploadRules>,
}

/// Which values a [`TypeNote`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NoteType {
    /// A list with items.
    List,
    /// `[]`.
    EmptyList,
    Map,
}

/// Who turns a literal `\n` in a plain value into a line break, and who shows it as written.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct NewlineEscapes {
    /// "Claude Code".
    pub unescaped_by: String,
    /// "VS Code and Copilot CLI"; unset when every reader of the key turns them into breaks.
    #[serde(default)]
    pub shown_by: Option<String>,
    pub sources: Vec<String>,
}

/// What one reader does with a YAML list where its key takes text, and where that was read.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ListReading {
    /// "VS Code", "Copilot CLI".
    pub reader: String,
    pub does: ListUse,
    /// What follows for the file, after the reader's verb: "the file is never applied
    /// automatically".
    #[serde(default)]
    pub effect: Option<String>,
    pub source: String,
}

/// What a reader makes of a YAML list in a text key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ListUse {
    /// It ignores the value: the key is as good as unset.
    Dropped,
    /// It takes the line as written, brackets and all.
    Misread,
    /// It turns the list back into text: the items stay, the brackets go.
    Coerced,
    /// It takes a list too.
    Accepted,
}

impl ListUse {
    /// Whether the reader loses what the list says (a warning), rather than only its brackets.
    pub fn loses_items(self) -> bool {
        matches!(self, ListUse::Dropped | ListUse::Misread)
    }
}

/// A value of another type than the key's, which some reader takes differently: reported as
/// `invalid-type` at `level` with `says`, instead of the plain wrong-type message.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct TypeNote {
    #[serde(rename = "type")]
    pub ty: NoteType,
    pub level: NoteLevel,
    /// Applies only with this setting (`target: github-copilot`).
    #[serde(default)]
    pub when: Option<Setting<String>>,
    /// The readers it is about: it holds only where every one of them reads the file.
    #[serde(default)]
    pub readers: Vec<String>,
    /// The whole message, naming the readers and what they do.
    pub says: String,
    pub sources: Vec<String>,
}

/// The levels the data may give a [`TypeNote`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NoteLevel {
    Error,
    Warning,
    Information,
}

/// What a map's shape says of keys it does not define.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum UnknownFields {
    /// `unknown-key`, a warning: the reader ignores it (VS Code warns too).
    #[default]
    Warning,
    /// Not reported: the reader's schema passes or strips unknown keys silently and the shape
    /// lists only the documented ones.
    Ignored,
}

impl Key {
    /// Whether the key describes what is inside its value.
    pub fn is_structured(&self) -> bool {
        !self.fields.is_empty()
            || self.keys.is_some()
            || self.each.is_some()
            || self.items.is_some()
            || !self.variants.is_empty()
    }

    /// The field named `name` of a map shape.
    pub fn field(&self, name: &str) -> Option<&Key> {
        self.fields.iter().find(|f| f.key == name)
    }

    /// The shape that applies to a map with these keys: the first variant whose `if-has`
    /// field it has, else the variant without `if-has`, else the shape itself.
    pub fn variant(&self, has: impl Fn(&str) -> bool) -> &Key {
        self.variants
            .iter()
            .find(|v| v.if_has.as_deref().is_some_and(&has))
            .or_else(|| self.variants.iter().find(|v| v.if_has.is_none()))
            .unwrap_or(self)
    }

    /// Takes the structure of a shared shape (its type, nested rows and notes), keeping this
    /// key's name, doc and source.
    fn adopt(&mut self, shape: &Key) {
        let (key, doc, source) = (
            std::mem::take(&mut self.key),
            std::mem::take(&mut self.doc),
            self.source.take(),
        );
        let (required, if_missing, missing_severity) =
            (self.required, self.if_missing.take(), self.missing_severity);
        let notes = std::mem::take(&mut self.type_notes);
        *self = Key {
            key,
            doc,
            source: source.or_else(|| shape.source.clone()),
            required,
            if_missing,
            missing_severity,
            shape: None,
            ..shape.clone()
        };
        self.type_notes.extend(notes);
    }
}

/// What an upload refuses in a text value that the tool itself takes.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct UploadRules {
    /// "claude.ai and the Skills API".
    pub refused_by: String,
    /// Who takes the text all the same: "Claude Code".
    pub taken_by: String,
    /// Whether a tag such as `<example>` makes them refuse it.
    #[serde(default)]
    pub no_xml_tags: bool,
    /// The most characters they take.
    #[serde(default)]
    pub max_chars: Option<usize>,
    pub source: String,
}

/// A key whose presence makes another one's absence matter less, and what it does.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Easing {
    pub key: String,
    /// After "with `key`, ": "VS Code may still pick the instructions by their description".
    pub says: String,
    pub source: String,
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

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
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
    #[default]
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
    /// Where the fact was read, with the date, when it differs from the key's source.
    #[serde(default)]
    pub source: Option<String>,
    /// Set when the value is the default, so writing it changes nothing: why, after
    /// "`value` is the default: " ("Claude Code runs a skill inline unless `context: fork`").
    #[serde(default)]
    pub redundant: Option<String>,
    /// Set when the readers disagree about the value: who takes it and who does not.
    #[serde(default)]
    pub disputed: Option<String>,
    /// For a legacy value: who still takes it, as an alias ("Claude Code still takes `Task`
    /// as `Agent`, and VS Code maps only `Task`"). Renaming it is then only a hint.
    #[serde(default, rename = "still-works")]
    pub still_works: Option<String>,
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
    /// Names across files (`names.yaml`).
    pub names: names::Names,
}

/// `locations.yaml`: see the comment at its top.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Locations {
    pub user: Vec<UserFolder>,
    pub markers: Vec<String>,
    pub names: FileNames,
}

/// How a file's name reads: what is not part of a persona's name, and which names are
/// documentation wherever they live.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileNames {
    /// Extensions, longest first: `.mdc`, `.md`.
    pub extensions: Vec<String>,
    /// What comes before the extension to say the kind of file: `.agent`, `.prompt`.
    pub kinds: Vec<String>,
    /// File stems (lowercase) that are documentation: `readme`, `changelog`.
    pub documentation: Vec<String>,
}

impl FileNames {
    /// The file name without its extension and kind: `review.prompt.md` → `review`.
    pub fn stem<'a>(&self, file_name: &'a str) -> &'a str {
        let name = self
            .extensions
            .iter()
            .find_map(|e| file_name.strip_suffix(e.as_str()))
            .unwrap_or(file_name);
        self.kinds
            .iter()
            .find_map(|k| name.strip_suffix(k.as_str()))
            .unwrap_or(name)
    }

    /// Whether the file is documentation (`README.md` in an agents folder), by its stem.
    pub fn is_documentation(&self, file_name: &str) -> bool {
        let stem = file_name.rsplit_once('.').map_or(file_name, |(s, _)| s);
        self.documentation
            .iter()
            .any(|d| d.eq_ignore_ascii_case(stem))
    }
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
    "cursor-agent",
    "claude-rule",
    "claude-output-style",
    "kiro-steering",
    "windsurf-rule",
    "cline-rule",
    "gemini-agent",
    "gemini-skill",
    "opencode-skill",
);
const VALUES_FILE: &str = include_str!(concat!(env!("OUT_DIR"), "/schema/values.json"));
#[cfg(test)]
const VALUES_YAML: &str = include_str!("values.yaml");
const LOCATIONS_FILE: &str = include_str!(concat!(env!("OUT_DIR"), "/schema/locations.json"));
#[cfg(test)]
const LOCATIONS_YAML: &str = include_str!("locations.yaml");
const NAMES_FILE: &str = include_str!(concat!(env!("OUT_DIR"), "/schema/names.json"));
#[cfg(test)]
const NAMES_YAML: &str = include_str!("names.yaml");
const SHAPES_FILE: &str = include_str!(concat!(env!("OUT_DIR"), "/schema/shapes.json"));
#[cfg(test)]
const SHAPES_YAML: &str = include_str!("shapes.yaml");

/// `shapes.yaml`: nested shapes that several dialects share, by name.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Shapes {
    shapes: HashMap<String, Key>,
}

/// Whether some built-in dialect defines `key` (a set built once: the YAML reading asks it
/// for every line of a broken block).
pub fn builtin_key(key: &str) -> bool {
    static KEYS: OnceLock<std::collections::HashSet<String>> = OnceLock::new();
    KEYS.get_or_init(|| {
        Schema::builtin()
            .dialects
            .iter()
            .flat_map(|d| d.keys.iter().map(|k| k.key.clone()))
            .collect()
    })
    .contains(key)
}

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
        let shapes: Shapes =
            serde_json::from_str(SHAPES_FILE).map_err(|e| format!("shapes.yaml: {e}"))?;
        for d in &mut dialects {
            for k in &mut d.keys {
                resolve_shapes(k, &shapes.shapes)
                    .map_err(|e| format!("{}.{}: {e}", d.id, k.key))?;
            }
        }
        let names: names::Names =
            serde_json::from_str(NAMES_FILE).map_err(|e| format!("names.yaml: {e}"))?;
        let ids: Vec<&str> = dialects.iter().map(|d| d.id.as_str()).collect();
        names.validate(&ids)?;
        let schema = Schema {
            dialects,
            sets: sets.sets,
            locations,
            names,
        };
        schema.validate()?;
        Ok(schema)
    }

    /// Cross-checks that serde cannot express: set references resolve, ids are unique.
    fn validate(&self) -> Result<(), String> {
        // `dialect::Markers` holds a set of dialects in 64 bits.
        if self.dialects.len() > 64 {
            return Err("more than 64 dialects: widen `dialect::Markers`".into());
        }
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
            d.validate_facts(&self.sets)?;
            let mut keys = std::collections::HashSet::new();
            for k in &d.keys {
                if !keys.insert(k.key.as_str()) {
                    return Err(format!("{}: key `{}` defined twice", d.id, k.key));
                }
                if k.key.is_empty() || k.doc.trim().is_empty() {
                    return Err(format!("{}: a key without a name or a doc", d.id));
                }
                self.validate_shape(k, false)
                    .map_err(|e| format!("{}.{}: {e}", d.id, k.key))?;
                let settings = k.type_notes.iter().filter_map(|n| n.when.as_ref());
                if let Some(s) = settings
                    .chain(&k.unchecked_with)
                    .find(|s| d.key(&s.key).is_none())
                {
                    return Err(format!(
                        "{}.{}: `{}` is not a key of the dialect",
                        d.id, k.key, s.key
                    ));
                }
            }
        }
        for d in &self.dialects {
            for claim in &d.claims {
                if !self
                    .dialects
                    .iter()
                    .any(|o| o.id != d.id && o.paths.contains(claim))
                {
                    return Err(format!(
                        "{}: claim `{claim}` is no other dialect's path glob",
                        d.id
                    ));
                }
            }
            for m in &d.sniff_values {
                if d.key(&m.key).is_none() {
                    return Err(format!("{}: sniff value `{}` is not a key", d.id, m.key));
                }
                if m.values.is_some() == m.shape.is_some() {
                    return Err(format!(
                        "{}: sniff value `{}` needs `values` or `shape`, not both",
                        d.id, m.key
                    ));
                }
                if let Some(Values::Set(name)) = &m.values
                    && !self.sets.contains_key(name.trim_start_matches('@'))
                {
                    return Err(format!("{}: unknown set `{name}`", d.id));
                }
            }
        }
        if self
            .dialects
            .iter()
            .filter(|d| d.fallback.is_some())
            .count()
            > 1
        {
            return Err("more than one dialect sets `fallback`".into());
        }
        Ok(())
    }

    /// A key's value set and nested shape: set references resolve, each part of a shape sits
    /// on a type that has it, fields are named and documented, `unique` and `one-of` name
    /// fields. `variant` says whether `if-has` may be set.
    fn validate_shape(&self, k: &Key, variant: bool) -> Result<(), String> {
        for values in [&k.values, &k.keys].into_iter().flatten() {
            if let Values::Set(name) = values {
                let name = name
                    .strip_prefix('@')
                    .ok_or("set references start with `@`")?;
                if !self.sets.contains_key(name) {
                    return Err(format!("unknown set `@{name}`"));
                }
            }
        }
        let map = k.ty == ValueType::Map;
        if !map
            && (!k.fields.is_empty()
                || k.keys.is_some()
                || k.each.is_some()
                || !k.variants.is_empty()
                || !k.one_of.is_empty())
        {
            return Err(
                "`fields`, `keys`, `each`, `variants` and `one-of` need `type: map`".into(),
            );
        }
        let listable = matches!(
            k.ty,
            ValueType::List | ValueType::StringOrList | ValueType::Model | ValueType::Enum
        );
        if !listable && (k.items.is_some() || k.min_items.is_some() || k.unique.is_some()) {
            return Err("`items`, `min-items` and `unique` need a type that takes a list".into());
        }
        if k.if_has.is_some() && !variant {
            return Err("`if-has` belongs to a variant".into());
        }
        if k.shape.is_some() {
            return Err("a `shape` reference inside a shape".into());
        }
        for f in &k.fields {
            if f.key.is_empty() || f.doc.trim().is_empty() {
                return Err("a field without a name or a doc".into());
            }
            self.validate_shape(f, false)
                .map_err(|e| format!("{}: {e}", f.key))?;
        }
        for (part, shape) in [("each", &k.each), ("items", &k.items)] {
            if let Some(shape) = shape {
                self.validate_shape(shape, false)
                    .map_err(|e| format!("{part}: {e}"))?;
            }
        }
        for v in &k.variants {
            self.validate_shape(v, true)?;
        }
        if let Some(u) = &k.unique
            && k.items.as_ref().is_none_or(|i| {
                i.field(u).is_none() && i.variants.iter().all(|v| v.field(u).is_none())
            })
        {
            return Err(format!("`unique: {u}` is no field of the items"));
        }
        let shapes = std::iter::once(k).chain(&k.variants);
        if let Some(f) = k
            .one_of
            .iter()
            .find(|f| shapes.clone().all(|v| v.field(f).is_none()))
        {
            return Err(format!("`one-of` names `{f}`, which is no field"));
        }
        Ok(())
    }

    /// [`Dialect::validate_facts`] against this schema's value sets.
    pub fn check_facts(&self, d: &Dialect) -> Result<(), String> {
        d.validate_facts(&self.sets)
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

    /// The names a map shape's keys come from (its `keys`), resolving `@set` references.
    pub fn key_names<'a>(&'a self, shape: &'a Key) -> &'a [Value] {
        shape.keys.as_ref().map_or(&[], |v| self.values_of(v))
    }

    /// Inline values, or the `@set` they name.
    pub fn values_of<'a>(&'a self, values: &'a Values) -> &'a [Value] {
        match values {
            Values::Inline(v) => v,
            Values::Set(name) => self.set(name),
        }
    }

    /// The allowed values of a key, resolving `@set` references.
    pub fn values<'a>(&'a self, key: &'a Key) -> &'a [Value] {
        key.values.as_ref().map_or(&[], |v| self.values_of(v))
    }
}

/// Replaces `shape: "@name"` references of `k` and its nested rows by the shared shapes.
fn resolve_shapes(k: &mut Key, shapes: &HashMap<String, Key>) -> Result<(), String> {
    if let Some(name) = k.shape.clone() {
        let shape = name
            .strip_prefix('@')
            .and_then(|n| shapes.get(n))
            .ok_or_else(|| format!("unknown shape `{name}`"))?;
        k.adopt(shape);
    }
    Ok(())
}

impl Dialect {
    /// The dialect as the readers of `at` see it: their tool name, what they do, and only the
    /// facts of readers among them. A key another reader checks (`reader: VS Code`) keeps its
    /// doc and its type notes of these readers, and takes any value: its type and shape are
    /// that reader's.
    pub fn read_at(&self, at: &ReadersAt) -> Dialect {
        let reads = |r: &Option<String>| r.as_ref().is_none_or(|r| at.readers.contains(r));
        let mut d = self.clone();
        d.tool = at.tool.clone();
        d.title = at.title.clone();
        d.readers = at.readers.clone();
        d.readers_at = Vec::new();
        d.without_front_matter = at.without_front_matter.clone();
        d.unclosed_front_matter = at.unclosed_front_matter.clone();
        d.unparsable = at.unparsable.clone();
        d.lenient_yaml = at.lenient_yaml;
        d.unknown_keys_note = at.unknown_keys_note.clone();
        d.target_ignores.retain(|t| reads(&t.reader));
        d.ignored_when.retain(|t| reads(&t.reader));
        for key in &mut d.keys {
            key.type_notes
                .retain(|n| n.readers.iter().all(|r| at.readers.contains(r)));
            key.if_list.retain(|l| at.readers.contains(&l.reader));
            if !reads(&key.reader) {
                *key = Key {
                    key: std::mem::take(&mut key.key),
                    ty: ValueType::Any,
                    doc: std::mem::take(&mut key.doc),
                    default: key.default.take(),
                    deprecated: key.deprecated.take(),
                    source: key.source.take(),
                    type_notes: std::mem::take(&mut key.type_notes),
                    ..Key::default()
                };
            }
        }
        d
    }

    pub fn key(&self, name: &str) -> Option<&Key> {
        self.keys.iter().find(|k| k.key == name)
    }

    /// The row of the key that plays `role` (`|r| &r.name`), if the dialect has one.
    pub fn role(&self, role: impl Fn(&Roles) -> &Option<String>) -> Option<&Key> {
        role(&self.roles).as_deref().and_then(|k| self.key(k))
    }

    /// Checks that every key a fact names is a key of the dialect, and that the facts a key
    /// type needs are there: a table cannot name a key that rules then never find.
    pub fn validate_facts(&self, sets: &HashMap<String, Vec<Value>>) -> Result<(), String> {
        let id = &self.id;
        let r = &self.roles;
        let mut named: Vec<&str> = [&r.name, &r.description, &r.tools, &r.denied_tools]
            .into_iter()
            .filter_map(|k| k.as_deref())
            .collect();
        for req in &self.requires {
            named.extend([req.key.as_str(), req.needs.key.as_str()]);
        }
        for o in &self.overridden {
            named.extend([o.key.as_str(), o.by.key.as_str()]);
        }
        for r in &self.required_with {
            named.push(r.when.key.as_str());
            named.extend(r.keys.iter().map(String::as_str));
        }
        for i in &self.ignored_when {
            if i.when.one_of.is_empty() == i.when.lacks.is_none() {
                return Err(format!(
                    "{id}: an `ignored-when` condition needs `one-of` or `lacks`"
                ));
            }
            named.extend([i.key.as_str(), i.when.key.as_str()]);
        }
        if let Some(p) = &self.plugin {
            named.extend(p.ignores.iter().map(String::as_str));
        }
        for t in &self.target_ignores {
            named.push(t.key.as_str());
            named.extend(t.keys.iter().map(String::as_str));
        }
        for c in &self.conflicts {
            if c.settings.len() < 2 {
                return Err(format!("{id}: a conflict needs two settings or more"));
            }
            named.extend(c.settings.iter().map(|s| s.key.as_str()));
        }
        named.extend(
            self.keys
                .iter()
                .filter_map(|k| k.missing_eased_by.as_ref().map(|e| e.key.as_str())),
        );
        if let Some(k) = named.iter().find(|k| self.key(k).is_none()) {
            return Err(format!(
                "{id}: `{k}` is not a key of the dialect (a role, requirement or conflict names it)"
            ));
        }
        if self.keys.iter().any(|k| k.ty == ValueType::Color) && self.colors.is_none() {
            return Err(format!("{id}: a color key needs `colors`"));
        }
        if let Some(p) = self
            .colors
            .iter()
            .flat_map(|c| &c.palettes)
            .find(|p| !sets.contains_key(&p.set))
        {
            return Err(format!("{id}: palette `{}` is not a set", p.set));
        }
        if let Some(set) = &self.models.ids
            && !sets.contains_key(set)
        {
            return Err(format!("{id}: model ids `{set}` is not a set"));
        }
        Ok(())
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
        let from_json: Shapes = serde_json::from_str(SHAPES_FILE).unwrap();
        let from_yaml: Shapes = serde_yaml_ng::from_str(SHAPES_YAML).unwrap();
        assert_eq!(sorted_shapes(from_json), sorted_shapes(from_yaml));
        let from_json: names::Names = serde_json::from_str(NAMES_FILE).unwrap();
        let from_yaml: names::Names = serde_yaml_ng::from_str(NAMES_YAML).unwrap();
        assert_eq!(format!("{from_json:#?}"), format!("{from_yaml:#?}"));
        assert!(Schema::load().is_ok());
    }

    /// A reader limited to some paths reads only those; one that passes over blank lines sees
    /// a block after them, and none sees one after text.
    #[test]
    fn a_front_matter_reader_reads_its_paths_and_passes_over_what_it_says() {
        let reader = |paths: &[&str], passes_over: Vec<BeforeFence>| FrontMatterReader {
            reader: "R".into(),
            paths: paths.iter().map(|p| p.to_string()).collect(),
            passes_over,
            without: String::new(),
            without_body: None,
            level: Level::Warning,
            hidden: None,
            hidden_level: None,
            source: String::new(),
            compiled: Default::default(),
        };
        let skills = reader(&["**/.claude/skills/**"], vec![]);
        assert!(skills.reads("a/.claude/skills/x/SKILL.md"));
        assert!(!skills.reads(".github/skills/x/SKILL.md"));
        assert!(reader(&[], vec![]).reads(".github/skills/x/SKILL.md"));
        assert!(skills.sees_past(""));
        assert!(!skills.sees_past("\n\n"));
        let lenient = reader(&[], vec![BeforeFence::BlankLines]);
        assert!(lenient.sees_past("\r\n \n"));
        assert!(!lenient.sees_past("<!-- x -->\n"));
    }

    fn sorted_shapes(s: Shapes) -> String {
        let mut v: Vec<_> = s.shapes.into_iter().collect();
        v.sort_by(|a, b| a.0.cmp(&b.0));
        format!("{v:#?}")
    }
}
