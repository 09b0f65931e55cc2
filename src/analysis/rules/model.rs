//! `model`: `invalid-value`, `unknown-model` and `retired-model`, per the dialect's vocabulary.

use super::super::{RuleCx, suggest};
use crate::diagnostic::{Code, Fix, Severity, TextEdit};
use crate::schema::{Key, ModelKind, Schema, Status};
use crate::syntax::yaml::{Node, NodeKind};

pub fn check(cx: &mut RuleCx, key: &Key, v: &Node) {
    match (&v.kind, cx.dialect.models.kind) {
        // VS Code takes a list of models in fallback order.
        (NodeKind::Seq { items, .. }, ModelKind::Copilot) => {
            for item in items {
                check(cx, key, item);
            }
            return;
        }
        (NodeKind::Scalar(_), _) => {}
        _ => {
            super::values::wrong_type(cx, key, v, "a single model name", Severity::Error);
            return;
        }
    }
    let Some(model) = v.as_str() else { return };
    match cx.dialect.models.kind {
        ModelKind::Claude => claude(cx, v, model),
        ModelKind::Opencode => opencode(cx, v, model),
        // Display names (`Claude Sonnet 4.5 (copilot)`, `GPT-4.1`) and provider ids are all
        // valid; only a retired Claude id is worth a word.
        ModelKind::Copilot | ModelKind::Cursor | ModelKind::Any => retired_only(cx, v, model),
    }
}

fn claude_models() -> &'static [crate::schema::Value] {
    Schema::builtin().set("claude-models")
}

fn claude(cx: &mut RuleCx, v: &Node, model: &str) {
    let models = claude_models();
    if let Some(m) = models.iter().find(|m| m.value == model) {
        if m.status == Status::Retired {
            retired(cx, v, model, m.replacement.as_deref());
        }
        return;
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
        if m.status == Status::Retired {
            retired(cx, v, model, m.replacement.as_deref());
        }
        return;
    }
    // A suggestion must keep the version: `claude-sonet-4-6` → `claude-sonnet-4-6`, but
    // `claude-sonnet-9-9` (perhaps newer than persona-ls) suggests nothing.
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    let candidates = models
        .iter()
        .filter(|m| m.status != Status::Retired && digits(&m.value) == digits(model));
    let close = suggest::closest(model, candidates.map(|m| m.value.as_str())).map(str::to_string);
    let dotted = close.clone().or_else(|| {
        // `claude-sonnet-4.6` → `claude-sonnet-4-6`: ids use hyphens between version parts.
        let hyphenated = model.replace('.', "-");
        models
            .iter()
            .find(|m| m.value == hyphenated)
            .map(|m| m.value.clone())
    });
    if bare.starts_with("claude-") {
        let mut msg = format!("`{model}` is not a Claude model id persona-ls knows");
        match &dotted {
            Some(c) => msg.push_str(&format!(": did you mean `{c}`?")),
            None => msg.push_str(
                ". If it is newer than persona-ls, ignore this; otherwise the request fails.",
            ),
        }
        if let Some(d) = cx.report(Code::UnknownModel, Severity::Warning, v.range.clone(), msg)
            && let Some(c) = dotted
        {
            d.fixes.push(model_fix(model, c, v));
        }
        return;
    }
    let msg = match &close {
        Some(c) => format!(
            "`{model}` is not a model {} knows: did you mean `{c}`?",
            cx.dialect.tool
        ),
        None => format!(
            "`{model}` is not a Claude model: {} sends it to the Anthropic API, which rejects it. Use `sonnet`, `opus`, `haiku`, `fable`, `inherit` or a `claude-…` id.",
            cx.dialect.tool
        ),
    };
    if let Some(d) = cx.report(Code::InvalidValue, Severity::Error, v.range.clone(), msg)
        && let Some(c) = close
    {
        d.fixes.push(model_fix(model, c, v));
    }
}

/// "Did you mean `c`?" for a model id. Safe only when `c` is the id as written in other case
/// (`Claude-Sonnet-4-6`, `Sonnet`): the same model. Any other suggestion may be another model
/// (`claude-sonet-4-6` is near `claude-sonnet-4-6`, but so could a newer id be), and a dotted
/// id (`claude-sonnet-4.6`) may be what a gateway in front of the API expects: offered only.
fn model_fix(model: &str, c: String, v: &Node) -> Fix {
    let title = format!("Change to `{c}`");
    let certain = c.eq_ignore_ascii_case(model);
    let edit = vec![TextEdit::replace(v.range.clone(), c)];
    if certain {
        Fix::safe(title, edit)
    } else {
        Fix::manual(title, edit)
    }
}

fn retired(cx: &mut RuleCx, v: &Node, model: &str, replacement: Option<&str>) {
    let msg = match replacement {
        Some(r) => {
            format!("`{model}` is retired and no longer served: requests with it fail. Use `{r}`.")
        }
        None => format!("`{model}` is retired and no longer served: requests with it fail."),
    };
    if let Some(d) = cx.report(Code::RetiredModel, Severity::Warning, v.range.clone(), msg)
        && let Some(r) = replacement
    {
        d.fixes.push(Fix::manual(
            format!("Change to `{r}`"),
            vec![TextEdit::replace(v.range.clone(), r)],
        ));
    }
}

fn retired_only(cx: &mut RuleCx, v: &Node, model: &str) {
    let bare = model.rsplit_once('/').map_or(model, |(_, b)| b);
    if let Some(m) = claude_models()
        .iter()
        .find(|m| m.value == bare && m.status == Status::Retired)
    {
        retired(cx, v, model, m.replacement.as_deref());
    }
}

/// OpenCode: `provider/model`; `inherit` crashed OpenCode before sst/opencode#17888.
fn opencode(cx: &mut RuleCx, v: &Node, model: &str) {
    if model == "inherit" {
        cx.report(Code::InvalidValue, Severity::Warning, v.range.clone(), "OpenCode has no `inherit`: leave `model` out to use the default (older OpenCode versions crash on `inherit`).");
        return;
    }
    if !model.contains('/') {
        let claude = model.starts_with("claude-");
        let msg = format!(
            "OpenCode model ids are `provider/model` (e.g. `anthropic/{}`); `{model}` has no provider.",
            if claude { model } else { "claude-sonnet-4-5" }
        );
        if let Some(d) = cx.report(Code::InvalidValue, Severity::Error, v.range.clone(), msg)
            && claude
        {
            let id = format!("anthropic/{model}");
            // Offered, not applied: the provider is a guess (GitHub Copilot, Bedrock, Vertex
            // and OpenRouter serve Claude models too, each with its own credentials).
            d.fixes.push(Fix::manual(
                format!("Change to `{id}`"),
                vec![TextEdit::replace(v.range.clone(), id)],
            ));
        }
        return;
    }
    retired_only(cx, v, model);
}
