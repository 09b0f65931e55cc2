//! `invalid-value`: a value outside the set the dialect allows (enums, colors, models).

use super::cases::{
    COLOR_NOT_SHOWN, COMMA_IN_ONE_PATTERN, DEPRECATED_VALUE, INHERIT_IN_OPENCODE,
    INVALID_TOLERATED, OPEN_SET,
};
use super::support::{entries, shape};
use super::support::model_ids::{self, Verdict};
use super::{Case, RuleCx};
use crate::analysis::suggest;
use crate::diagnostic::{Code, Fix, TextEdit};
use crate::schema::{Colors, HexColors, Key, Level, Status, UnknownColors, ValueType};
use crate::syntax::yaml::Node;

pub fn check(cx: &mut RuleCx) {
    let kind = cx.dialect.models.kind;
    for (_, key, v) in entries::with_values(cx) {
        if let Some(effect) = &key.comma_is_literal {
            comma_in_one_pattern(cx, key, v, effect);
        }
        match key.ty {
            ValueType::Color | ValueType::Enum => enumerated(cx, key, v),
            ValueType::Model => {
                let ids = cx.registry.model_ids(cx.dialect, key);
                for n in model_ids::nodes(v, kind).0 {
                    if let Some(model) = n.as_str() {
                        model_value(cx, key, n, model, model_ids::judge(kind, ids, model));
                    }
                }
            }
            _ => {}
        }
    }
    shape::check(cx, Code::InvalidValue);
}

/// `fileMatchPattern: "a/**,b/**"` in Kiro: one glob with a comma in it, which matches no
/// file (kirodotdev/Kiro#11095). Commas inside braces (`*.{ts,tsx}`) belong to the glob.
fn comma_in_one_pattern(cx: &mut RuleCx, key: &Key, v: &Node, effect: &str) {
    let Some(s) = v.as_scalar().filter(|s| s.resolved == crate::syntax::scalar::Resolved::Str)
    else {
        return;
    };
    let parts = split_outside_braces(&s.value);
    if parts.len() < 2 {
        return;
    }
    let msg = format!(
        "`{}` is one pattern with commas in it: {effect}. Write the patterns as a YAML list.",
        key.key
    );
    let list = parts
        .iter()
        .map(|p| format!("\"{}\"", p.replace('\\', "\\\\").replace('"', "\\\"")))
        .collect::<Vec<_>>()
        .join(", ");
    let single_line = !cx.text[v.range.clone()].contains(['\n', '\r']);
    if let Some(d) = cx.report_as(
        Code::InvalidValue,
        Some(&COMMA_IN_ONE_PATTERN),
        v.range.clone(),
        msg,
    ) && single_line
    {
        // Offered, not applied: the patterns then start to match, which changes when the
        // file is included.
        d.fixes.push(Fix::manual(
            "Write the patterns as a YAML list",
            vec![TextEdit::replace(v.range.clone(), format!("[{list}]"))],
        ));
    }
}

/// The comma-separated parts of `s`, trimmed, not splitting inside `{…}`; empty parts dropped.
fn split_outside_braces(s: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0usize, 0);
    for (i, c) in s.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                parts.push(s[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(s[start..].trim());
    parts.retain(|p| !p.is_empty());
    parts
}

/// The case of a value outside the key's set, by the schema row's `invalid-severity`.
fn tolerated(key: &Key) -> Option<&'static Case> {
    (key.invalid_severity == Level::Warning).then_some(&INVALID_TOLERATED)
}

fn model_value(cx: &mut RuleCx, key: &Key, v: &Node, model: &str, verdict: Verdict) {
    match verdict {
        Verdict::NotClaude { suggestion } => {
            let msg = match &suggestion {
                Some(c) => format!(
                    "`{model}` is not a model {} knows: did you mean `{c}`?",
                    cx.dialect.tool
                ),
                None => format!(
                    "`{model}` is not a Claude model: {} sends it to the Anthropic API, which rejects it. Use `sonnet`, `opus`, `haiku`, `fable`, `inherit` or a `claude-…` id.",
                    cx.dialect.tool
                ),
            };
            if let Some(d) = cx.report_as(Code::InvalidValue, tolerated(key), v.range.clone(), msg)
                && let Some(c) = suggestion
            {
                d.fixes.push(model_ids::fix(model, c, v));
            }
        }
        Verdict::Inherit => {
            cx.report_as(Code::InvalidValue, Some(&INHERIT_IN_OPENCODE), v.range.clone(), "OpenCode has no `inherit`: leave `model` out to use the default (older OpenCode versions crash on `inherit`).");
        }
        Verdict::NoProvider => {
            let claude = model.starts_with("claude-");
            let msg = format!(
                "OpenCode model ids are `provider/model` (e.g. `anthropic/{}`); `{model}` has no provider.",
                if claude { model } else { "claude-sonnet-4-5" }
            );
            if let Some(d) = cx.report(Code::InvalidValue, v.range.clone(), msg)
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
        }
        Verdict::Known | Verdict::Retired { .. } | Verdict::UnknownClaude { .. } => {}
    }
}

/// Enums and colors: the value must be one of the allowed set (open sets only suggest).
fn enumerated(cx: &mut RuleCx, key: &Key, v: &Node) {
    // Not one value: `invalid-type`.
    let Some(s) = v.as_scalar() else { return };
    let values = cx.registry.values(key);
    if values.is_empty() {
        return;
    }
    let value = s.value.as_str();
    if let Some(known) = values.iter().find(|x| x.value == value) {
        if matches!(known.status, Status::Deprecated | Status::Retired) {
            let instead = known
                .replacement
                .as_deref()
                .map(|r| format!(" Use `{r}`."))
                .unwrap_or_default();
            cx.report_as(
                Code::InvalidValue,
                Some(&DEPRECATED_VALUE),
                v.range.clone(),
                format!("`{value}` is deprecated for `{}`.{instead}", key.key),
            );
        }
        return;
    }
    // The schema requires `colors` of a dialect with a color key (`Dialect::validate_facts`).
    let colors = cx.dialect.colors.as_ref().filter(|_| key.ty == ValueType::Color);
    if colors.is_some() && is_hex_color(value) {
        if key.open || colors.is_some_and(|c| c.hex == HexColors::Accepted) {
            return;
        }
        let msg = format!(
            "{} shows only named colors ({}); `{value}` is not one of them and is ignored or converted.",
            cx.dialect.tool,
            names(values)
        );
        cx.report_as(Code::InvalidValue, Some(&COLOR_NOT_SHOWN), v.range.clone(), msg);
        return;
    }
    let close = cx
        .listed(Code::InvalidValue)
        .then(|| suggest::closest(value, values.iter().map(|x| x.value.as_str())))
        .flatten()
        .map(str::to_string);
    if key.open && close.is_none() {
        return;
    }
    let case = if key.open {
        Some(&OPEN_SET)
    } else if colors.is_some_and(|c| c.unknown == UnknownColors::Ignored) {
        Some(&COLOR_NOT_SHOWN)
    } else {
        tolerated(key)
    };
    let mut msg = format!("`{value}` is not a valid `{}`", key.key);
    match &close {
        Some(c) => msg.push_str(&format!(": did you mean `{c}`?")),
        None => msg.push('.'),
    }
    msg.push_str(&format!(" Allowed: {}.", names(values)));
    if let Some(c) = colors {
        msg.push_str(&other_colors(&cx.dialect.tool, c));
    }
    if let Some(effect) = &key.if_invalid {
        msg.push_str(&format!(" {effect}."));
    }
    if let Some(d) = cx.report_as(Code::InvalidValue, case, v.range.clone(), msg)
        && let Some(c) = close
    {
        let title = format!("Change to `{c}`");
        let certain = suggest::same_word(value, &c, values.iter().map(|x| x.value.as_str()));
        let edit = vec![TextEdit::replace(v.range.clone(), c)];
        // Safe only when the value is the allowed one spelled with other case or separators
        // (`Purple`, `accept_edits`); any other "did you mean" is a guess at another value.
        d.fixes.push(if certain {
            Fix::safe(title, edit)
        } else {
            Fix::manual(title, edit)
        });
    }
}

/// What else the tool takes for a color, and what happens to the rest: " OpenCode also
/// accepts a `#RRGGBB` hex color; anything else stops its configuration from loading."
fn other_colors(tool: &str, c: &Colors) -> String {
    let mut parts = Vec::new();
    if c.hex == HexColors::Accepted {
        parts.push(format!("{tool} also accepts a `#RRGGBB` hex color"));
    }
    if c.unknown == UnknownColors::Rejected {
        parts.push(if parts.is_empty() {
            format!("Any other color stops {tool}'s configuration from loading")
        } else {
            "anything else stops its configuration from loading".to_string()
        });
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(" {}.", parts.join("; "))
    }
}

fn is_hex_color(s: &str) -> bool {
    let Some(h) = s.strip_prefix('#') else {
        return false;
    };
    matches!(h.len(), 3 | 6 | 8) && h.bytes().all(|b| b.is_ascii_hexdigit())
}

fn names(values: &[crate::schema::Value]) -> String {
    let shown: Vec<String> = values
        .iter()
        .filter(|v| v.status == Status::Active)
        .take(12)
        .map(|v| format!("`{}`", v.value))
        .collect();
    let more = values.len().saturating_sub(shown.len());
    if more > 0 {
        format!("{}, …", shown.join(", "))
    } else {
        shown.join(", ")
    }
}

