//! Value checks by the key's type: `invalid-type`, `invalid-value`, `escaped-newline`, and
//! dispatch to the model, tools and name rules.

use super::super::{RuleCx, quote, suggest};
use crate::diagnostic::{Code, Fix, Severity, TextEdit};
use crate::schema::{Key, LenientYaml, Status, ValueType};
use crate::syntax::scalar::{Resolved, Style};
use crate::syntax::yaml::{Entry, Node, NodeKind};

pub fn check(cx: &mut RuleCx) {
    let Some(yaml) = cx.yaml() else { return };
    if yaml.not_a_mapping.is_some() {
        return;
    }
    for e in &yaml.entries {
        escaped_newline(cx, e);
        if !e.valid {
            continue;
        }
        let Some(key) = cx.dialect.key(&e.key) else {
            continue;
        };
        null_value(cx, key, e);
        let Some(value) = &e.value else { continue };
        match key.ty {
            ValueType::Model => super::model::check(cx, key, value),
            ValueType::Tools => super::tools::check(cx, e, value),
            ValueType::Color | ValueType::Enum => enumerated(cx, key, value),
            _ => typed(cx, key, value),
        }
        if e.key == "name" {
            super::name::check(cx, value);
        }
    }
}

/// `tools:` with nothing after it (or `~`, `null`): YAML reads null, which the readers of a
/// tool list disagree about (the schema's `if-null`). A warning, since the evidence is their
/// source code and the readers do not agree with each other.
fn null_value(cx: &mut RuleCx, key: &Key, e: &Entry) {
    let Some(if_null) = &key.if_null else { return };
    let (range, what) = match &e.value {
        None => (
            e.key_range.clone(),
            format!("`{}:` has no value, so YAML reads it as null", e.key),
        ),
        Some(v) => match v.as_scalar() {
            Some(s) if s.style == Style::Plain && s.resolved == Resolved::Null => (
                v.range.clone(),
                format!("`{}: {}` is null", e.key, &cx.text[v.range.clone()]),
            ),
            _ => return,
        },
    };
    let msg = format!("{what}: {}", if_null.says);
    cx.report(Code::InvalidType, Severity::Warning, range, msg);
}

fn typed(cx: &mut RuleCx, key: &Key, v: &Node) {
    match key.ty {
        ValueType::String => string(cx, key, v),
        ValueType::Bool => boolean(cx, key, v),
        ValueType::Integer | ValueType::Number => number(cx, key, v),
        ValueType::List => {
            if let NodeKind::Scalar(_) = v.kind {
                wrong_type(
                    cx,
                    key,
                    v,
                    "a YAML list (`- item` lines)",
                    Severity::Warning,
                );
            }
        }
        ValueType::Map if !matches!(v.kind, NodeKind::Map { .. }) => {
            wrong_type(
                cx,
                key,
                v,
                "a mapping (`key: value` lines indented under it)",
                Severity::Error,
            );
        }
        _ => {}
    }
}

/// Text keys: a list, a map or a bare number/boolean where text belongs.
fn string(cx: &mut RuleCx, key: &Key, v: &Node) {
    let msg = match &v.kind {
        NodeKind::Scalar(s)
            if s.style == Style::Plain
                && matches!(
                    s.resolved,
                    Resolved::Int | Resolved::Float | Resolved::Bool | Resolved::Bool11
                ) =>
        {
            format!(
                "`{}` is read as {} here, not text: `{}: {}` has crashed tools that expect a string. Quote it.",
                key.key,
                if s.resolved == Resolved::Bool11 {
                    "a boolean by YAML 1.1 loaders"
                } else {
                    v.type_name()
                },
                key.key,
                s.value
            )
        }
        NodeKind::Seq { .. } if key.key == "name" || key.key == "description" => {
            let hint = if cx.text[v.range.clone()].starts_with('[') {
                " (`[...]` is a YAML list; quote it if you meant the brackets)"
            } else {
                ""
            };
            format!("`{}` must be text, not {}{hint}.", key.key, v.type_name())
        }
        NodeKind::Seq { .. } => format!(
            "{} reads `{}` as text{}, not {}: it may not see every item. Write the items as one string, or quote the value if you meant the brackets.",
            cx.dialect.tool,
            key.key,
            if key.key == "globs" {
                " (a comma-separated list of globs)"
            } else {
                ""
            },
            v.type_name()
        ),
        NodeKind::Map { .. } => format!(
            "`{}` must be text, not a mapping. Quote the value if it contains `: `.",
            key.key
        ),
        _ => return,
    };
    let raw = cx.text[v.range.clone()].to_string();
    // Quoting a value that starts on the line below its key (`name:\n-`) would leave a quoted
    // scalar where the mapping expects a key: no fix there.
    let line_start = cx.text[..v.range.start]
        .rfind(['\n', '\r'])
        .map_or(0, |i| i + 1);
    let on_key_line = cx.text[line_start..v.range.start].contains(':');
    let fixable =
        on_key_line && !raw.contains(['\n', '\r']) && !matches!(v.kind, NodeKind::Map { .. });
    // A list where text belongs breaks `name` and `description` (Claude Code 2.1.51 crashed on
    // an array description); elsewhere tools read the list or ignore the key (Cursor `globs`).
    let severity = match (&v.kind, key.key.as_str()) {
        (NodeKind::Seq { .. }, k) if k != "name" && k != "description" => Severity::Warning,
        _ => Severity::Error,
    };
    // Safe because the quoted text is exactly what was written, and a reader that turned the
    // number or boolean back into text would have shown that same text (`123`, `1.5`, `true`;
    // a YAML 1.2 reader already reads `yes` as text). `1.0`, `007` or `True` would have shown
    // as `1`, `7`, `true`, and a list may have been meant as a list: those are only offered.
    // Never where the tool has its own line reader (Cursor), which keeps the quotes.
    let reads_as_written = match &v.kind {
        NodeKind::Scalar(s) => {
            reads_as_written(&raw, s.resolved) && cx.dialect.lenient_yaml != LenientYaml::All
        }
        _ => false,
    };
    if let Some(d) = cx.report(Code::InvalidType, severity, v.range.clone(), msg)
        && fixable
    {
        let edit = vec![TextEdit::replace(
            v.range.clone(),
            quote::single_quoted(&raw),
        )];
        d.fixes.push(if reads_as_written {
            Fix::safe("Quote the value", edit)
        } else {
            Fix::manual("Quote the value", edit)
        });
    }
}

/// Whether a plain number or boolean, turned back into text by its reader (JavaScript's
/// `String()`: Claude Code, VS Code, OpenCode and Cursor all read YAML in JavaScript), is the
/// text as written.
fn reads_as_written(raw: &str, resolved: Resolved) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let unsigned = raw.strip_prefix('-').unwrap_or(raw);
    match resolved {
        Resolved::Bool11 => true,
        Resolved::Bool => raw == "true" || raw == "false",
        Resolved::Int => {
            digits(unsigned)
                && unsigned.len() <= 15
                && (unsigned == "0" || !unsigned.starts_with('0'))
        }
        Resolved::Float => {
            let Some((int, frac)) = unsigned.split_once('.') else {
                return false;
            };
            digits(int)
                && digits(frac)
                && int.len() + frac.len() <= 15
                && raw
                    .parse::<f64>()
                    .is_ok_and(|f| f.abs() >= 1e-6 && f.to_string() == raw)
        }
        Resolved::Str | Resolved::Null => false,
    }
}

/// `invalid-type`: "`key` must be WANT, not a list" (or a mapping, a number…); "should" when
/// it is only a warning.
pub fn wrong_type(cx: &mut RuleCx, key: &Key, v: &Node, want: &str, severity: Severity) {
    // An alias or a tag stands for a value not known here.
    if matches!(v.kind, NodeKind::Other) {
        return;
    }
    let verb = if severity == Severity::Error {
        "must"
    } else {
        "should"
    };
    let msg = format!("`{}` {verb} be {want}, not {}.", key.key, v.type_name());
    cx.report(Code::InvalidType, severity, v.range.clone(), msg);
}

fn boolean(cx: &mut RuleCx, key: &Key, v: &Node) {
    let Some(s) = v.as_scalar() else {
        wrong_type(cx, key, v, "`true` or `false`", Severity::Error);
        return;
    };
    let lower = s.value.to_ascii_lowercase();
    let is_bool_word = matches!(lower.as_str(), "true" | "false");
    match (s.style.is_quoted(), s.resolved) {
        (false, Resolved::Bool) => {}
        // Claude Code accepts yes/no/on/off for skill and plugin booleans (since 2.1.218).
        (false, Resolved::Bool11) if cx.dialect.id.starts_with("claude-") => {}
        (true, _) if is_bool_word => {
            let msg = format!(
                "`{}` is the text \"{}\", not a boolean: {} Remove the quotes.",
                key.key,
                s.value,
                if cx.dialect.id == "cursor-rule" {
                    "Cursor treats a quoted \"true\" as false."
                } else {
                    "strict loaders treat it as a string."
                }
            );
            if let Some(d) = cx.report(Code::InvalidType, Severity::Warning, v.range.clone(), msg) {
                // Safe because the key is a boolean and the text spells that boolean: a reader
                // that accepted the string already reads it; one that did not (Cursor reads a
                // quoted "true" as false) is the problem this fixes.
                d.fixes.push(Fix::safe(
                    "Remove the quotes",
                    vec![TextEdit::replace(v.range.clone(), lower)],
                ));
            }
        }
        _ => {
            let fix = match lower.as_str() {
                "yes" | "on" | "1" => Some("true"),
                "no" | "off" | "0" => Some("false"),
                _ => None,
            };
            let msg = format!(
                "`{}` must be `true` or `false`, not `{}`.",
                key.key, s.value
            );
            if let Some(d) = cx.report(Code::InvalidType, Severity::Error, v.range.clone(), msg)
                && let Some(f) = fix
            {
                // Safe because the key is a boolean and `yes`/`no`/`on`/`off` are YAML 1.1's
                // spellings of `true`/`false` (`1`/`0` the usual ones): the value keeps its
                // meaning, written so that every reader reads it.
                d.fixes.push(Fix::safe(
                    format!("Use `{f}`"),
                    vec![TextEdit::replace(v.range.clone(), f)],
                ));
            }
        }
    }
}

fn number(cx: &mut RuleCx, key: &Key, v: &Node) {
    let ok = match v.as_scalar() {
        Some(s) if !s.style.is_quoted() => match key.ty {
            ValueType::Integer => {
                s.resolved == Resolved::Int && !s.value.starts_with('-') && s.value != "0"
            }
            _ => matches!(s.resolved, Resolved::Int | Resolved::Float),
        },
        _ => false,
    };
    if !ok {
        let want = if key.ty == ValueType::Integer {
            "a positive whole number"
        } else {
            "a number"
        };
        let shown = v
            .as_str()
            .map_or_else(|| v.type_name().to_string(), |s| format!("`{s}`"));
        cx.report(
            Code::InvalidType,
            Severity::Error,
            v.range.clone(),
            format!("`{}` must be {want}, not {shown}.", key.key),
        );
    }
}

/// Enums and colors: the value must be one of the allowed set (open sets only suggest).
fn enumerated(cx: &mut RuleCx, key: &Key, v: &Node) {
    let Some(s) = v.as_scalar() else {
        wrong_type(cx, key, v, "a single value", Severity::Error);
        return;
    };
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
            cx.report(
                Code::InvalidValue,
                Severity::Warning,
                v.range.clone(),
                format!("`{value}` is deprecated for `{}`.{instead}", key.key),
            );
        }
        return;
    }
    if key.ty == ValueType::Color && is_hex_color(value) {
        if key.open || cx.dialect.id == "opencode-agent" {
            return;
        }
        let msg = format!(
            "{} shows only named colors ({}); `{value}` is not one of them and is ignored or converted.",
            cx.dialect.tool,
            names(values)
        );
        cx.report(Code::InvalidValue, Severity::Warning, v.range.clone(), msg);
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
    let severity = if key.open || key.ty == ValueType::Color && cx.dialect.id != "opencode-agent" {
        Severity::Warning
    } else {
        Severity::Error
    };
    let mut msg = format!("`{value}` is not a valid `{}`", key.key);
    match &close {
        Some(c) => msg.push_str(&format!(": did you mean `{c}`?")),
        None => msg.push('.'),
    }
    msg.push_str(&format!(" Allowed: {}.", names(values)));
    if cx.dialect.id == "opencode-agent" && key.ty == ValueType::Color {
        msg.push_str(" OpenCode also accepts a `#RRGGBB` hex color; anything else stops its configuration from loading.");
    }
    if let Some(d) = cx.report(Code::InvalidValue, severity, v.range.clone(), msg)
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

pub fn is_hex_color(s: &str) -> bool {
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

/// A literal `\n` inside a plain scalar stays a backslash and an `n`.
fn escaped_newline(cx: &mut RuleCx, e: &Entry) {
    // A broken entry (often the same description, with a `: ` in it) has no reliable tree:
    // read its raw value text instead.
    let range = if e.valid {
        match e.value.as_ref() {
            Some(v) if v.as_scalar().is_some_and(|s| s.style == Style::Plain) => v.range.clone(),
            _ => return,
        }
    } else {
        match super::yaml_syntax::value_text_range(cx.text, e) {
            Some(r) if !cx.text[r.clone()].starts_with(['"', '\'', '|', '>', '[', '{']) => r,
            _ => return,
        }
    };
    let raw = &cx.text[range.clone()];
    if !raw.contains("\\n") {
        return;
    }
    let v = Node {
        range,
        kind: NodeKind::Other,
    };
    let v = &v;
    let eol = cx.line_ending();
    let parts: Vec<&str> = raw.split("\\n").collect();
    // A plain scalar folds its line breaks into spaces; keep that meaning inside each part.
    let folded: Vec<String> = parts
        .iter()
        .map(|p| crate::syntax::scalar::decode_plain(p))
        .collect();
    let block = quote::literal_block(folded.iter().map(String::as_str), 2, eol);
    let dq = format!(
        "\"{}\"",
        raw.replace('\\', "\\\\")
            .replace("\\\\n", "\\n")
            .replace('"', "\\\"")
    );
    let n = parts.len() - 1;
    let msg = format!(
        "`{}` holds {n} literal `\\n` escape{}: in an unquoted value they stay a backslash and an `n`, not line breaks. Use a block scalar (`|`) for real line breaks.",
        e.key,
        if n == 1 { "" } else { "s" }
    );
    if let Some(d) = cx.report(
        Code::EscapedNewline,
        Severity::Warning,
        v.range.clone(),
        msg,
    ) {
        // Offered, not applied: that `\\n` was meant as a line break is a guess (a description
        // may be about escapes), and readers differ (Claude Code itself turns `\\n` into line
        // breaks in an agent's description; VS Code and strict parsers keep them).
        d.fixes.push(Fix::manual(
            "Turn the `\\n` escapes into a block scalar",
            vec![TextEdit::replace(v.range.clone(), block)],
        ));
        d.fixes.push(Fix::manual(
            "Double-quote the value (escapes become line breaks)",
            vec![TextEdit::replace(v.range.clone(), dq)],
        ));
    }
}
