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
    /// Where the file's own tool still reads a file without front matter, and only other
    /// readers need it: what each does (a warning then, not an error; for optional front
    /// matter, why it is worth having).
    #[serde(default)]
    pub without_front_matter: Option<Effect>,
    /// What the tool does with front matter that is not valid YAML, where that is known
    /// ("OpenCode skips the agent without a word"): `yaml-syntax` says it.
    #[serde(default)]
    pub yaml_failure: Option<Effect>,
    /// Where the tool reads an unclosed block as the whole file's front matter instead of
    /// skipping it: what then happens (a warning, not an error).
    #[serde(default)]
    pub unclosed_front_matter: Option<Effect>,
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

/// Files of a dialect that belong to a plugin (`plugins/<name>/agents/…`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Plugin {
    /// Path globs of the plugin's files.
    pub paths: Vec<String>,
    /// Keys the tool ignores in a plugin's files.
    #[serde(default)]
    pub ignores: Vec<String>,
    /// Where that was read.
    pub source: String,
}

impl Plugin {
    /// Whether the file at `rel_path` is a plugin's.
    pub fn holds(&self, rel_path: &str) -> bool {
        crate::glob::GlobSet::new(&self.paths).is_match(rel_path)
    }
}

/// The keys that play a part that rules need to know, by role.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Roles {
    /// The persona's name (checked against the name rules; a list there breaks the tool).
    #[serde(default)]
    pub name: Option<String>,
    /// What it does and when to use it (a list there breaks the tool; length limits).
    #[serde(default)]
    pub description: Option<String>,
    /// The tool allow-list: the only tools the persona has.
    #[serde(default)]
    pub tools: Option<String>,
    /// The tool deny-list, applied before the allow-list.
    #[serde(default)]
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

/// A key set to a value.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Setting<T> {
    pub key: String,
    pub value: T,
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
    /// It reads a value that starts with `*` or `&` as text, where strict YAML reads an alias
    /// or an anchor (VS Code's own front-matter parser: `applyTo: *.ts,*.js`).
    AliasAsText,
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

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct NameRules {
    #[serde(default)]
    pub format: NameFormat,
    #[serde(default, rename = "match")]
    pub must_match: NameMatch,
    /// The longest name the format allows, in characters.
    #[serde(default)]
    pub max_length: Option<usize>,
    /// Words a name may not hold (between hyphens), and who refuses such a name.
    #[serde(default)]
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
    pub source: String,
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
    /// How the tool documents a tool list; a string is split by it.
    #[serde(default)]
    pub list_style: ListStyle,
    /// Whether the tool refuses to start a persona none of whose allow-listed tools resolve.
    #[serde(default)]
    pub refuses_zero_tools: bool,
    /// How a tool name starts to name an MCP tool (`mcp__`), which no vocabulary lists.
    #[serde(default)]
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
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ModelRules {
    /// `claude` (aliases + claude-* ids), `copilot` (display names), `opencode`
    /// (`provider/model`), `cursor`, or `any`.
    #[serde(default)]
    pub kind: ModelKind,
    /// The value set of the model ids whose retirement is reported, for a `model` key that
    /// lists no values of its own.
    #[serde(default)]
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
    /// For a required key: another key that makes its absence matter less (an instructions
    /// file without `applyTo` may still be picked by its `description`): then only information.
    #[serde(default)]
    pub missing_eased_by: Option<Easing>,
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
    /// For a text key: how the tool reads the text, where that is more than text ("a
    /// comma-separated list of globs").
    #[serde(default)]
    pub text_form: Option<String>,
    /// For a key whose empty value (`tools:`, which YAML reads as null) its readers take for
    /// something other than what the author likely meant: what they do with it.
    #[serde(default)]
    pub if_null: Option<IfNull>,
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
            d.validate_facts(&self.sets)?;
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
        assert!(Schema::load().is_ok());
    }
}
