//! `invalid-value`: a value outside the set the dialect allows (enums, colors, models).

use super::cases::{
    COLOR_NOT_SHOWN, COLOR_SOME_READERS, COMMA_IN_ONE_PATTERN, DEPRECATED_VALUE, DISPUTED_VALUE,
    EMPTY_TEXT, IGNORED_VALUE, INHERIT_IN_OPENCODE, INVALID_TOLERATED, OPEN_SET, REDUNDANT_VALUE,
    UPLOAD_REFUSES,
};
use super::support::{entries, shape};
use super::support::model_ids::{self, Verdict};
use super::{Case, RuleCx};
use crate::analysis::suggest;
use crate::diagnostic::{Code, Fix, TextEdit};
use super::support::slug::{is_lowercase_slug, is_slug};
use crate::schema::{
    Colors, HexColors, Key, Level, NameFormat, Status, UnknownColors, ValueType,
};
use crate::syntax::yaml::Node;

pub fn check(cx: &mut RuleCx) {
    let kind = cx.dialect.models.kind;
    for (_, key, v) in entries::with_values(cx) {
        if let Some(effect) = &key.comma_is_literal {
            comma_in_one_pattern(cx, key, v, effect);
        }
        match key.ty {
            ValueType::Color | ValueType::Enum => enumerated(cx, key, v),
            // Only where the table says what an empty value does (`if-empty`): an empty
            // `globs: ""` is how Cursor's own editor writes a rule, not a mistake. A required
            // key's empty value is `missing-required-key` otherwise.
            ValueType::String if key.if_empty.is_some() && entries::is_empty_text(v) =>
            {
                empty_text(cx, key, v)
            }
            ValueType::String => uploads(cx, key, v),
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
            let msg = if claude {
                format!(
                    "OpenCode model ids are `provider/model` (e.g. `anthropic/{model}`); `{model}` has no provider."
                )
            } else {
                format!(
                    "OpenCode model ids are `provider/model-id` (e.g. `anthropic/claude-…`, `openai/gpt-…`); `{model}` has no provider."
                )
            };
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

/// `argument-hint: ""`: VS Code reports it ("should not be empty") and reads it as unset.
fn empty_text(cx: &mut RuleCx, key: &Key, v: &Node) {
    let effect = key.if_empty.as_deref().unwrap_or_default();
    let msg = format!(
        "`{}` is empty: {effect}. Give it a value, or remove the key.",
        key.key
    );
    cx.report_as(Code::InvalidValue, Some(&EMPTY_TEXT), v.range.clone(), msg);
}

/// What claude.ai and the Skills API refuse and Claude Code takes: XML tags in a skill's
/// description, a `compatibility` past 500 characters.
fn uploads(cx: &mut RuleCx, key: &Key, v: &Node) {
    let (Some(rules), Some(text)) = (&key.upload, v.as_str()) else {
        return;
    };
    let problem = if rules.no_xml_tags
        && let Some(tag) = xml_tag(text)
    {
        format!("holds the XML tag `{tag}`")
    } else if let Some(max) = rules.max_chars.filter(|&m| text.chars().count() > m) {
        format!(
            "is {} characters long, over the {max} allowed",
            text.chars().count()
        )
    } else {
        return;
    };
    let msg = format!(
        "`{}` {problem}: {} takes it, but {} refuse it.",
        key.key, rules.taken_by, rules.refused_by
    );
    cx.report_as(Code::InvalidValue, Some(&UPLOAD_REFUSES), v.range.clone(), msg);
}

/// The first `<tag …>`, `</tag>` or `<tag/>` in `text`: a letter right after `<` (or `</`),
/// then name characters, up to a `>` on the same line. `a < b`, `<-` and `<3` are no tags.
fn xml_tag(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(off) = text[i..].find('<') {
        let start = i + off;
        let mut j = start + 1;
        if bytes.get(j) == Some(&b'/') {
            j += 1;
        }
        i = start + 1;
        if !bytes.get(j).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let rest = &text[j..];
        let name_len = rest
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':'))
            .count();
        let after = &rest[name_len..];
        let close = after.find('>')?;
        let between = &after[..close];
        if between.contains(['<', '\n']) {
            continue;
        }
        if between.is_empty() || between == "/" || between.starts_with(char::is_whitespace) {
            return Some(&text[start..j + name_len + close + 1]);
        }
    }
    None
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
    if key.ty == ValueType::Color
        && let Some(c) = cx.dialect.colors.as_ref().filter(|c| !c.palettes.is_empty())
        && !is_hex_color(value)
    {
        palettes(cx, c, v, value);
        return;
    }
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
        } else if let Some(why) = &known.redundant {
            let msg = format!(
                "`{}: {value}` is the default: {why}. Remove the line.",
                key.key
            );
            cx.report_as(Code::InvalidValue, Some(&REDUNDANT_VALUE), v.range.clone(), msg);
        } else if let Some(who) = &known.disputed {
            let msg = format!("`{}: {value}`: {who}.", key.key);
            cx.report_as(Code::InvalidValue, Some(&DISPUTED_VALUE), v.range.clone(), msg);
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
    if let Some(format) = key.open_format {
        if names_one(format, value) {
            return;
        }
        let mut msg = format!(
            "`{}: {value}` can name nothing: the known values are {}, and any other must be a {}.",
            key.key,
            names(values),
            format_words(format)
        );
        if let Some(c) = &close {
            msg.push_str(&format!(" Did you mean `{c}`?"));
        }
        cx.report_as(Code::InvalidValue, Some(&OPEN_SET), v.range.clone(), msg);
        return;
    }
    if key.open && close.is_none() {
        return;
    }
    let case = if key.open {
        Some(&OPEN_SET)
    } else if key.if_other.is_some() {
        Some(&IGNORED_VALUE)
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
    if let Some(effect) = &key.if_other {
        msg.push_str(&format!(" {effect}."));
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

/// A named color against each reader's palette: none shows it (a warning), or only some do.
fn palettes(cx: &mut RuleCx, c: &Colors, v: &Node, value: &str) {
    let (shown, not): (Vec<_>, Vec<_>) = c
        .palettes
        .iter()
        .partition(|p| crate::schema::Schema::builtin().set(&p.set).iter().any(|x| x.value == value));
    if not.is_empty() {
        return;
    }
    let others = not
        .iter()
        .map(|p| {
            format!(
                "{} shows only {} and {}",
                p.reader,
                names(crate::schema::Schema::builtin().set(&p.set)),
                p.otherwise
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    if shown.is_empty() {
        let msg = format!("No reader of this file shows the color `{value}`: {others}.");
        cx.report_as(Code::InvalidValue, Some(&COLOR_NOT_SHOWN), v.range.clone(), msg);
    } else {
        let by = shown.iter().map(|p| p.reader.as_str()).collect::<Vec<_>>().join(" and ");
        let msg = format!("`{value}` is shown by {by}, but {others}.");
        cx.report_as(Code::InvalidValue, Some(&COLOR_SOME_READERS), v.range.clone(), msg);
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

/// Whether `value` has the form of a name of `format`: a subagent name is lowercase letters,
/// digits and hyphens, and a plugin's agent is `plugin:agent`.
fn names_one(format: NameFormat, value: &str) -> bool {
    match format {
        NameFormat::Free => !value.trim().is_empty(),
        NameFormat::ClaudeAgent | NameFormat::Skill => value.split(':').all(is_slug),
        NameFormat::LowercaseSlug => is_lowercase_slug(value),
    }
}

fn format_words(format: NameFormat) -> &'static str {
    match format {
        NameFormat::Free => "free-form name",
        NameFormat::ClaudeAgent => {
            "subagent's name (lowercase letters, digits and hyphens; `plugin:agent` for a plugin's)"
        }
        NameFormat::Skill => "skill's name (lowercase letters, digits and hyphens)",
        NameFormat::LowercaseSlug => "name of lowercase letters, digits, `-` and `_`",
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
        // A disputed value is not offered as an allowed one.
        .filter(|v| v.status == Status::Active && v.disputed.is_none())
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

