//! `invalid-type`: a value of the wrong YAML type for its key.

use super::cases::{
    LIST_COERCED, LIST_READ_AS_TEXT, NOT_A_TOOL_NAME, NULL_VALUE, OTHER_READERS_WANT_ANOTHER_TYPE,
    QUOTED_BOOLEAN, READERS_DIFFER, TEXT_FOR_A_LIST, TYPE_FALLS_BACK,
};
use super::support::flag::overridden;
use super::support::{entries, model_ids, shape};
use super::{Case, RuleCx};
use crate::analysis::quote;
use crate::diagnostic::{Code, Fix, TextEdit};
use crate::schema::{
    BoolSpellings, Key, LenientYaml, Level, ListStyle, ListUse, NoteLevel, QuotedBool, ValueType,
};
use crate::syntax::scalar::{Resolved, Style};
use crate::syntax::yaml::{Entry, Node, NodeKind};

pub fn check(cx: &mut RuleCx) {
    let models = cx.dialect.models.kind;
    for (e, key) in entries::known(cx) {
        // A key another setting makes the tool ignore (`globs` with `alwaysApply: true`) is
        // `ineffective-key`'s: its type changes nothing.
        if overridden(cx, &e.key).is_some() {
            continue;
        }
        null_value(cx, key, e);
        let Some(v) = &e.value else { continue };
        if let Some(note) = shape::note(cx.yaml(), key, v) {
            let case = match note.level {
                NoteLevel::Error => None,
                NoteLevel::Warning => Some(&READERS_DIFFER),
                NoteLevel::Information => Some(&OTHER_READERS_WANT_ANOTHER_TYPE),
            };
            cx.report_as(Code::InvalidType, case, v.range.clone(), note.says.trim());
            continue;
        }
        match key.ty {
            // The shape's walk judges the value, and what is inside it.
            _ if key.is_structured() => {}
            ValueType::Model => {
                for odd in model_ids::nodes(v, models).1 {
                    wrong_type(cx, key, odd, "a single model name", None);
                }
            }
            // A tool that takes only a YAML list refuses text (Gemini CLI: "Expected array").
            ValueType::Tools
                if cx.dialect.tools.list_style == ListStyle::YamlListOnly
                    && matches!(v.kind, NodeKind::Scalar(_))
                    && !entries::is_null(v) =>
            {
                wrong_type(cx, key, v, "a YAML list (`- item` lines)", None);
            }
            ValueType::Tools if !entries::is_null(v) => not_names(cx, e, v),
            ValueType::Tools => {}
            ValueType::Color | ValueType::Enum if v.as_scalar().is_none() => {
                wrong_type(cx, key, v, "a single value", None);
            }
            ValueType::Color | ValueType::Enum => {}
            _ => typed(cx, key, v),
        }
    }
    shape::check(cx, Code::InvalidType);
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
    cx.report_as(Code::InvalidType, Some(&NULL_VALUE), range, msg);
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
                    Some(&TEXT_FOR_A_LIST),
                );
            }
        }
        ValueType::Map if !matches!(v.kind, NodeKind::Map { .. }) => {
            wrong_type(
                cx,
                key,
                v,
                "a mapping (`key: value` lines indented under it)",
                None,
            );
        }
        _ => {}
    }
}

/// Text keys: a list, a map or a bare number/boolean where text belongs.
fn string(cx: &mut RuleCx, key: &Key, v: &Node) {
    let mut list_case = None;
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
        // Where the table says what the tool does with a wrong value (Gemini CLI refuses the
        // file), that is the news, whatever the key.
        NodeKind::Seq { .. } | NodeKind::Map { .. } if key.if_invalid.is_some() => format!(
            "`{}` must be text, not {}.{}",
            key.key,
            v.type_name(),
            if_invalid(key)
        ),
        NodeKind::Seq { .. } if cx.dialect.roles.is_identity(&key.key) => {
            let hint = if cx.text[v.range.clone()].starts_with('[') {
                " (`[...]` is a YAML list; quote it if you meant the brackets)"
            } else {
                ""
            };
            format!("`{}` must be text, not {}{hint}.", key.key, v.type_name())
        }
        NodeKind::Seq { .. } => match list_as_text(cx, key) {
            Some((msg, case)) => {
                list_case = Some(case);
                msg
            }
            None => return,
        },
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
    // an array description), and a key whose table says what the tool does with a wrong value;
    // elsewhere the key's readers decide (`list_as_text`).
    let case = list_case;
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
    let joined = key.text_form.as_ref().and_then(|_| joined_items(v));
    // A tool with its own line reader (Cursor) keeps quotes, so the joined text goes unquoted.
    let joined = joined.map(|j| match cx.dialect.lenient_yaml {
        LenientYaml::All => j,
        _ => quote::single_quoted(&j),
    });
    if let Some(d) = cx.report_as(Code::InvalidType, case, v.range.clone(), msg)
        && fixable
    {
        // A key read as a list in text (globs) wants its items joined, not its brackets kept.
        // Offered: the separator the tool splits on is the table's prose, not a setting.
        if let Some(joined) = joined {
            d.fixes.push(Fix::manual(
                "Join the items into one string",
                vec![TextEdit::replace(v.range.clone(), joined)],
            ));
            return;
        }
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

/// A YAML list in a text key other than the name and description: what each reader does with
/// it (the key's `if-list`), and the severity that follows. A reader that loses the items
/// makes it a warning; one that only loses the brackets, information; when every reader takes
/// a list, nothing. Without `if-list` the message states no consequence it does not know.
fn list_as_text(cx: &RuleCx, key: &Key) -> Option<(String, &'static Case)> {
    // A key read as a list in text (globs) wants the items joined; any other, most likely,
    // its brackets back.
    let write = match &key.text_form {
        Some(form) => format!("Write the items as one string ({form})."),
        None => "Write the items as one string, or quote the value if you meant the brackets."
            .to_string(),
    };
    if key.if_list.is_empty() {
        let msg = format!(
            "`{}` is a YAML list, but {} takes text here. {write}",
            key.key, cx.dialect.tool
        );
        return Some((msg, &LIST_READ_AS_TEXT));
    }
    if key.if_list.iter().all(|r| r.does == ListUse::Accepted) {
        return None;
    }
    let readers = key
        .if_list
        .iter()
        .map(|r| {
            let verb = match r.does {
                ListUse::Dropped => "ignores a list here",
                ListUse::Misread => "reads the line as written, brackets included",
                ListUse::Coerced => "turns the list into text without its brackets",
                ListUse::Accepted => "accepts a list",
            };
            match &r.effect {
                Some(effect) => format!("{} {verb}: {effect}", r.reader),
                None => format!("{} {verb}", r.reader),
            }
        })
        .collect::<Vec<_>>()
        .join("; ");
    let case = if key.if_list.iter().any(|r| r.does.loses_items()) {
        &LIST_READ_AS_TEXT
    } else {
        &LIST_COERCED
    };
    Some((format!("`{}` is a YAML list. {readers}. {write}", key.key), case))
}

/// The items of a list of text, joined with `, ` (`[a, b]` is `a, b`); none when an item is
/// not text.
fn joined_items(v: &Node) -> Option<String> {
    let NodeKind::Seq { items, .. } = &v.kind else {
        return None;
    };
    let texts: Option<Vec<&str>> = items.iter().map(Node::as_str).collect();
    texts.filter(|t| !t.is_empty()).map(|t| t.join(", "))
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

/// "`key` must be WANT, not a list" (or a mapping, a number…); "should" in a case of the
/// rule's line, each of which is milder than its default.
fn wrong_type(cx: &mut RuleCx, key: &Key, v: &Node, want: &str, case: Option<&'static Case>) {
    // An alias or a tag stands for a value not known here.
    if matches!(v.kind, NodeKind::Other) {
        return;
    }
    // A tool that reads the file with its default in place of the value (Kiro's `inclusion`).
    let case = case.or((key.invalid_severity == Level::Warning).then_some(&TYPE_FALLS_BACK));
    let verb = if case.is_some() { "should" } else { "must" };
    let msg = format!(
        "`{}` {verb} be {want}, not {}.{}",
        key.key,
        v.type_name(),
        if_invalid(key)
    );
    cx.report_as(Code::InvalidType, case, v.range.clone(), msg);
}

/// What the tool does with the wrong value, where the table says (" Gemini CLI refuses the
/// file."), or nothing.
fn if_invalid(key: &Key) -> String {
    key.if_invalid
        .as_ref()
        .map(|effect| format!(" {effect}."))
        .unwrap_or_default()
}

fn boolean(cx: &mut RuleCx, key: &Key, v: &Node) {
    let Some(s) = v.as_scalar() else {
        wrong_type(cx, key, v, "`true` or `false`", None);
        return;
    };
    let lower = s.value.to_ascii_lowercase();
    let is_bool_word = matches!(lower.as_str(), "true" | "false");
    match (s.style.is_quoted(), s.resolved) {
        (false, Resolved::Bool) => {}
        (false, Resolved::Bool11) if cx.dialect.booleans.spellings == BoolSpellings::Yaml11 => {}
        (true, _) if is_bool_word => {
            let msg = format!(
                "`{}` is the text \"{}\", not a boolean: {} Remove the quotes.",
                key.key,
                s.value,
                match cx.dialect.booleans.quoted {
                    QuotedBool::False => format!("{} treats a quoted \"true\" as false.", cx.dialect.tool),
                    QuotedBool::Text => "strict loaders treat it as a string.".to_string(),
                }
            );
            if let Some(d) = cx.report_as(Code::InvalidType, Some(&QUOTED_BOOLEAN), v.range.clone(), msg) {
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
            // As for any type: milder where the table does not show the tool failing on it.
            let case = (key.invalid_severity == Level::Warning).then_some(&TYPE_FALLS_BACK);
            let verb = if case.is_some() { "should" } else { "must" };
            let msg = format!(
                "`{}` {verb} be `true` or `false`, not `{}`.{}",
                key.key,
                s.value,
                if_invalid(key)
            );
            if let Some(d) = cx.report_as(Code::InvalidType, case, v.range.clone(), msg)
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
            v.range.clone(),
            format!("`{}` must be {want}, not {shown}.{}", key.key, if_invalid(key)),
        );
    }
}

/// List items that are not text (a nested list, a mapping), and values too deeply nested to
/// be a tool list: the tool reads no tool name from them. Aliases and tags are left alone:
/// what they stand for is not known here.
fn not_names(cx: &mut RuleCx, e: &Entry, v: &Node) {
    let odd: Vec<(String, &Node)> = match &v.kind {
        NodeKind::Seq { items, .. } => items
            .iter()
            .enumerate()
            .filter(|(_, i)| !matches!(i.kind, NodeKind::Scalar(_) | NodeKind::Other))
            .map(|(n, i)| (format!("Item {} of `{}`", n + 1, e.key), i))
            .collect(),
        NodeKind::Deep => vec![(format!("`{}`", e.key), v)],
        _ => Vec::new(),
    };
    for (what, node) in odd {
        let msg = format!(
            "{what} is {}, not a tool name: {} reads tool names as text, so it grants no tool. Write each tool as a plain name.",
            node.type_name(),
            cx.dialect.tool
        );
        cx.report_as(Code::InvalidType, Some(&NOT_A_TOOL_NAME), node.range.clone(), msg);
    }
}

