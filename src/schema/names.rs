//! `names.yaml`: how each tool names personas, which keys name another persona, and the
//! budgets of always-loaded metadata. See the comments at the top of the YAML for each field.

use crate::glob::GlobSet;
use serde::Deserialize;
use std::sync::OnceLock;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Names {
    pub namespaces: Vec<Namespace>,
    pub identities: Vec<Identity>,
    pub references: Vec<Reference>,
    pub budgets: Vec<Budget>,
    pub links: Vec<Links>,
    /// Prefixes of link targets that are placeholders.
    pub link_placeholders: Vec<String>,
}

/// The body links a dialect's readers follow.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Links {
    pub dialects: Vec<String>,
    pub forms: Vec<crate::syntax::links::LinkForm>,
    pub hint_forms: Vec<crate::syntax::links::LinkForm>,
    #[serde(default)]
    pub or_root: bool,
    pub says: String,
    pub source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Namespace {
    pub id: String,
    pub tool: String,
    /// `subagent`, `skill`: what one of them is called in messages.
    pub what: String,
    pub fold: Fold,
    pub same_scope: Said,
    pub precedence: Option<Precedence>,
    #[serde(default)]
    pub nested: Option<Nested>,
    #[serde(default)]
    pub nested_source: Option<String>,
}

/// How names are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Fold {
    Exact,
    AsciiCasefold,
    /// ASCII case, `-`, `_` and spaces ignored (Claude Code's `subagent_type` since 2.1.140).
    CasefoldSeparators,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Nested {
    Closest,
    Qualified,
}

/// A severity the data decides, for the cross-file rules (which never make errors).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mildness {
    Warning,
    Information,
    Hint,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Said {
    pub level: Mildness,
    pub says: String,
    pub source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Precedence {
    /// Scope levels (`project`, `user`), the winner first.
    pub order: Vec<String>,
    /// With `{winner}` for the winning level.
    pub says: String,
    pub source: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NameFrom {
    Key,
    Stem,
    Folder,
    /// The path below the anchor without its extension, `/` as `:` (Claude Code commands).
    RelPath,
    /// The same with `/` kept (OpenCode: `review/security`).
    RelPathSlash,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rename {
    FileWhenEqual,
    Folder,
    File,
    None,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Identity {
    pub dialects: Vec<String>,
    #[serde(default)]
    pub paths: Vec<String>,
    #[serde(default)]
    pub except: Vec<String>,
    pub namespace: String,
    pub anchor: Vec<String>,
    pub from: Vec<NameFrom>,
    #[serde(default)]
    pub plugin_from: Vec<NameFrom>,
    #[serde(default)]
    pub not_named: Vec<String>,
    pub rename: Rename,
    pub source: String,
    #[serde(skip)]
    globs: OnceLock<(GlobSet, GlobSet)>,
}

impl Identity {
    /// Whether the row applies to a file at `rel_path`.
    pub fn applies(&self, rel_path: &str) -> bool {
        let (paths, except) = self
            .globs
            .get_or_init(|| (GlobSet::new(&self.paths), GlobSet::new(&self.except)));
        (self.paths.is_empty() || paths.is_match(rel_path)) && !except.is_match(rel_path)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Resolve {
    Exact,
    CasefoldSeparators,
    /// Claude Code's skill preload: exact, then `<own plugin>:x`, then any `…:x`.
    ClaudePreload,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Reference {
    pub dialects: Vec<String>,
    pub key: String,
    #[serde(default)]
    pub field: Option<String>,
    #[serde(default)]
    pub tool_arguments: Vec<String>,
    #[serde(default)]
    pub when_absent: Option<String>,
    #[serde(default)]
    pub skip: Vec<String>,
    pub to: String,
    /// The set of built-in names (`@claude-builtin-agents`); none: the key's own `values`.
    #[serde(default)]
    pub builtins: Option<String>,
    pub resolve: Resolve,
    pub level: Mildness,
    pub says: String,
    #[serde(default)]
    pub refuses: Option<Refuses>,
    pub source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Refuses {
    pub key: String,
    pub value: String,
    pub says: String,
    pub source: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Unit {
    Tokens,
    Chars,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Budget {
    pub id: String,
    pub title: String,
    pub namespaces: Vec<String>,
    #[serde(default)]
    pub loaded_together: Vec<String>,
    pub unit: Unit,
    pub entry: String,
    #[serde(default)]
    pub entry_cap: Option<usize>,
    #[serde(default)]
    pub limit: Option<usize>,
    #[serde(default)]
    pub limit_from_context: Option<FromContext>,
    pub config: String,
    #[serde(default)]
    pub excludes: Option<Excludes>,
    pub says: String,
    pub source: String,
    #[serde(skip)]
    together: OnceLock<GlobSet>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FromContext {
    pub context_tokens: usize,
    pub chars_per_token: usize,
    pub fraction: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Excludes {
    pub key: String,
    pub value: String,
}

impl Budget {
    /// Whether a file at `rel_path` outside any plugin is loaded with the others of its folder.
    pub fn loads_together(&self, rel_path: &str) -> bool {
        self.together
            .get_or_init(|| GlobSet::new(&self.loaded_together))
            .is_match(rel_path)
    }

    /// The default limit, in the budget's unit.
    pub fn default_limit(&self, context_tokens: Option<usize>) -> usize {
        match (&self.limit, &self.limit_from_context) {
            (Some(l), _) => *l,
            (None, Some(c)) => {
                let tokens = context_tokens.unwrap_or(c.context_tokens);
                ((tokens * c.chars_per_token) as f64 * c.fraction)
                    .floor()
                    .max(1.0) as usize
            }
            (None, None) => usize::MAX,
        }
    }
}

impl Names {
    /// Whether a link target is a template's placeholder rather than a path.
    pub fn placeholder(&self, target: &str) -> bool {
        !target.contains(['/', '.'])
            || self
                .link_placeholders
                .iter()
                .any(|p| target.starts_with(p.as_str()))
    }

    /// The links row of a dialect.
    pub fn links_of(&self, dialect: &str) -> Option<&Links> {
        self.links
            .iter()
            .find(|l| l.dialects.iter().any(|d| d == dialect))
    }

    pub fn namespace(&self, id: &str) -> Option<usize> {
        self.namespaces.iter().position(|n| n.id == id)
    }

    /// Cross-checks serde cannot make: every namespace named exists, every dialect too.
    pub fn validate(&self, dialect_ids: &[&str]) -> Result<(), String> {
        let ns = |id: &str, what: &str| {
            self.namespace(id)
                .map(|_| ())
                .ok_or_else(|| format!("names.yaml: {what} names an unknown namespace `{id}`"))
        };
        let dialect = |id: &str, what: &str| {
            dialect_ids
                .contains(&id)
                .then_some(())
                .ok_or_else(|| format!("names.yaml: {what} names an unknown dialect `{id}`"))
        };
        for i in &self.identities {
            ns(&i.namespace, "an identity")?;
            for d in &i.dialects {
                dialect(d, "an identity")?;
            }
            if i.from.is_empty() {
                return Err(format!(
                    "names.yaml: the {} identity has no `from`",
                    i.namespace
                ));
            }
        }
        for r in &self.references {
            ns(&r.to, "a reference")?;
            for d in &r.dialects {
                dialect(d, "a reference")?;
            }
        }
        for l in &self.links {
            for d in &l.dialects {
                dialect(d, "a links row")?;
            }
        }
        for b in &self.budgets {
            for n in &b.namespaces {
                ns(n, "a budget")?;
            }
            if b.limit.is_none() == b.limit_from_context.is_none() {
                return Err(format!(
                    "names.yaml: budget {} needs exactly one of `limit` and `limit-from-context`",
                    b.id
                ));
            }
        }
        Ok(())
    }
}
