//! What a `model` value is, per the dialect's model vocabulary: `invalid-value`,
//! `unknown-model` and `retired-model` each report one of the verdicts, and `invalid-type` the
//! values that are not one model.

use crate::analysis::suggest;
use crate::diagnostic::{Fix, TextEdit};
use crate::schema::{ModelKind, Status, Value, ValueType};
use crate::syntax::yaml::{Node, NodeKind};

pub enum Verdict {
    Known,
    Retired {
        replacement: Option<String>,
    },
    /// A `claude-…` id persona-ls does not know, and the known id it is likely meant to be.
    UnknownClaude {
        suggestion: Option<String>,
    },
    /// Not a Claude model, where the dialect's tool sends it to the Anthropic API.
    NotClaude {
        suggestion: Option<String>,
    },
    /// `inherit`, which OpenCode does not have.
    Inherit,
    /// An OpenCode id without its `provider/`.
    NoProvider,
}

/// The model values of a `model` entry (VS Code takes a list of models in fallback order)
/// and the nodes that are not one model name.
pub fn nodes(v: &Node, kind: ModelKind) -> (Vec<&Node>, Vec<&Node>) {
    let mut models = Vec::new();
    let mut misshapen = Vec::new();
    walk(v, kind, &mut models, &mut misshapen);
    (models, misshapen)
}

fn walk<'n>(v: &'n Node, kind: ModelKind, models: &mut Vec<&'n Node>, odd: &mut Vec<&'n Node>) {
    match (&v.kind, kind) {
        (NodeKind::Seq { items, .. }, ModelKind::Copilot) => {
            for item in items {
                walk(item, kind, models, odd);
            }
        }
        (NodeKind::Scalar(_), _) => models.push(v),
        _ => odd.push(v),
    }
}

/// What `model` is, among the ids the dialect knows (`Registry::model_ids`: the key's values
/// with the configured ones, or the dialect's `models.ids`).
pub fn judge(kind: ModelKind, ids: &[Value], model: &str) -> Verdict {
    match kind {
        ModelKind::Claude => claude(ids, model),
        ModelKind::Opencode => opencode(ids, model),
        // Display names (`Claude Sonnet 4.5 (copilot)`, `GPT-4.1`) and provider ids are all
        // valid; only a retired Claude id is worth a word.
        ModelKind::Copilot | ModelKind::Cursor | ModelKind::Any => retired_only(ids, model),
    }
}

fn status(m: &Value) -> Verdict {
    if m.status == Status::Retired {
        Verdict::Retired {
            replacement: m.replacement.clone(),
        }
    } else {
        Verdict::Known
    }
}

fn claude(models: &[Value], model: &str) -> Verdict {
    if let Some(m) = models.iter().find(|m| m.value == model) {
        return status(m);
    }
    // Cloud ids: `anthropic.claude-…` (Bedrock), `us.anthropic.claude-…`, `claude-…@date` (Vertex).
    let bare = model.rsplit_once("anthropic.").map_or(model, |(_, b)| b);
    let bare = bare.split('@').next().unwrap_or(bare);
    let bare = bare.strip_suffix("[1m]").unwrap_or(bare);
    if bare != model
        && let Some(m) = models
            .iter()
            .find(|m| m.value == bare || bare.starts_with(&format!("{}-", m.value)))
    {
        return status(m);
    }
    // A suggestion must keep the version: `claude-sonet-4-6` → `claude-sonnet-4-6`, but
    // `claude-sonnet-9-9` (perhaps newer than persona-ls) suggests nothing.
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    let candidates = models
        .iter()
        .filter(|m| m.status != Status::Retired && digits(&m.value) == digits(model));
    let close = suggest::closest(model, candidates.map(|m| m.value.as_str())).map(str::to_string);
    if bare.starts_with("claude-") {
        let dotted = close.or_else(|| {
            // `claude-sonnet-4.6` → `claude-sonnet-4-6`: ids use hyphens between version parts.
            let hyphenated = model.replace('.', "-");
            models
                .iter()
                .find(|m| m.value == hyphenated)
                .map(|m| m.value.clone())
        });
        return Verdict::UnknownClaude { suggestion: dotted };
    }
    Verdict::NotClaude { suggestion: close }
}

fn retired_only(ids: &[Value], model: &str) -> Verdict {
    let (provider, bare) = model
        .rsplit_once('/')
        .map_or(("", model), |(p, b)| (&model[..p.len() + 1], b));
    match ids
        .iter()
        .find(|m| m.value == bare && m.status == Status::Retired)
    {
        // The replacement keeps the provider as written (`anthropic/`, `openrouter/anthropic/`):
        // a bare id is no OpenCode model.
        Some(m) => Verdict::Retired {
            replacement: m.replacement.as_ref().map(|r| format!("{provider}{r}")),
        },
        None => Verdict::Known,
    }
}

/// OpenCode: `provider/model`; `inherit` crashed OpenCode before sst/opencode#17888.
fn opencode(ids: &[Value], model: &str) -> Verdict {
    if model == "inherit" {
        Verdict::Inherit
    } else if !model.contains('/') {
        Verdict::NoProvider
    } else {
        retired_only(ids, model)
    }
}

/// "Did you mean `c`?" for a model id. Safe only when `c` is the id as written in other case
/// (`Claude-Sonnet-4-6`, `Sonnet`): the same model. Any other suggestion may be another model
/// (`claude-sonet-4-6` is near `claude-sonnet-4-6`, but so could a newer id be), and a dotted
/// id (`claude-sonnet-4.6`) may be what a gateway in front of the API expects: offered only.
pub fn fix(model: &str, c: String, v: &Node) -> Fix {
    let title = format!("Change to `{c}`");
    let certain = c.eq_ignore_ascii_case(model);
    let edit = vec![TextEdit::replace(v.range.clone(), c)];
    if certain {
        Fix::safe(title, edit)
    } else {
        Fix::manual(title, edit)
    }
}

/// The scalar model values of the dialect's `model` entries, with their text.
pub fn values<'a>(
    cx: &crate::analysis::RuleCx<'a>,
) -> impl Iterator<Item = (&'a Node, &'a str, Verdict)> + use<'a> {
    let kind = cx.dialect.models.kind;
    let (registry, dialect) = (cx.registry, cx.dialect);
    super::entries::with_values(cx)
        .filter(|(_, k, _)| k.ty == ValueType::Model)
        .flat_map(move |(_, k, v)| {
            let ids = registry.model_ids(dialect, k);
            nodes(v, kind)
                .0
                .into_iter()
                .filter_map(move |n| n.as_str().map(|m| (n, m, judge(kind, ids, m))))
        })
}
