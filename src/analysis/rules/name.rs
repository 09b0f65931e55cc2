//! `invalid-name` and `name-mismatch`.

use super::super::RuleCx;
use super::front_matter::slug;
use crate::diagnostic::{Code, Fix, Severity, TextEdit};
use crate::schema::{NameFormat, NameMatch};
use crate::syntax::yaml::Node;

pub fn check(cx: &mut RuleCx, v: &Node) {
    let Some(name) = v.as_str() else { return };
    if v.as_scalar()
        .is_some_and(|s| !s.style.is_quoted() && s.resolved != crate::syntax::scalar::Resolved::Str)
    {
        return; // reported as invalid-type
    }
    let range = v.range.clone();
    let raw_is_plain = !cx.text[range.clone()].starts_with(['"', '\'']);
    let slugged = slug(name);
    // Renaming changes how other agents and users refer to this one: offered, never applied by
    // `check --fix`.
    let fix = |title: &str| {
        raw_is_plain.then(|| {
            Fix::manual(
                format!("{title} `{slugged}`"),
                vec![TextEdit::replace(range.clone(), slugged.clone())],
            )
        })
    };
    match cx.dialect.name.format {
        NameFormat::Free => {}
        NameFormat::ClaudeAgent => {
            if name.contains(':') || name.starts_with('-') {
                let why = if name.contains(':') {
                    "contains `:`, which is reserved for plugin agents (`plugin:agent`)"
                } else {
                    "starts with `-`"
                };
                let msg = format!(
                    "The name `{name}` {why}: Claude Code does not load this agent. Use lowercase letters and hyphens."
                );
                let f = fix("Use");
                if let Some(d) = cx.report(Code::InvalidName, Severity::Error, range.clone(), msg) {
                    d.fixes.extend(f);
                }
            } else if !is_slug(name) {
                let msg = format!(
                    "Claude Code agent names are lowercase letters and hyphens; `{name}` is matched loosely and may clash. Use `{slugged}`."
                );
                let f = fix("Use");
                if let Some(d) = cx.report(Code::InvalidName, Severity::Warning, range.clone(), msg)
                {
                    d.fixes.extend(f);
                }
            }
        }
        NameFormat::Skill => {
            let problem = if name.chars().count() > 64 {
                Some("is longer than 64 characters".to_string())
            } else if !is_slug(name) {
                Some("may only hold lowercase letters, digits and single hyphens, and cannot start or end with a hyphen".to_string())
            } else if name.split('-').any(|w| w == "anthropic" || w == "claude") {
                Some("uses a reserved word (`anthropic`, `claude`)".to_string())
            } else {
                None
            };
            let reserved = name.split('-').any(|w| w == "anthropic" || w == "claude");
            if let Some(p) = problem {
                // Reserved words only block uploads to claude.ai and the Skills API; Claude Code
                // itself loads the skill, so that one is a warning.
                let (msg, severity) = if reserved && is_slug(name) && name.chars().count() <= 64 {
                    (
                        format!(
                            "The skill name `{name}` {p}: Claude Code loads it, but claude.ai and the Skills API refuse the upload."
                        ),
                        Severity::Warning,
                    )
                } else {
                    (
                        format!(
                            "The skill name `{name}` {p}: the skill fails validation and silently fails to load in VS Code."
                        ),
                        Severity::Error,
                    )
                };
                let f = (slugged != name && !slugged.is_empty())
                    .then(|| fix("Use"))
                    .flatten();
                if let Some(d) = cx.report(Code::InvalidName, severity, range.clone(), msg) {
                    d.fixes.extend(f);
                }
            }
        }
    }
    let expected = match cx.dialect.name.must_match {
        NameMatch::None => return,
        NameMatch::File => cx.location.stem(),
        NameMatch::Folder => cx.location.folder(),
    };
    if expected.is_empty() || expected == name {
        return;
    }
    let what = if cx.dialect.name.must_match == NameMatch::Folder {
        "folder"
    } else {
        "file"
    };
    let msg = format!(
        "The name `{name}` differs from its {what} `{expected}`: {} uses the {what} name, and the Agent Skills spec requires them to match. Rename one of them.",
        cx.dialect.tool
    );
    let expected = expected.to_string();
    if let Some(d) = cx.report(Code::NameMismatch, Severity::Warning, range.clone(), msg)
        && raw_is_plain
        && is_slug(&expected)
    {
        d.fixes.push(Fix::manual(
            format!("Change the name to `{expected}`"),
            vec![TextEdit::replace(range, expected)],
        ));
    }
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
}
