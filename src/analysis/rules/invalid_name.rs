//! `invalid-name`: a name that breaks the dialect's format rules.

use super::cases::{LOOSE_AGENT_NAME, RESERVED_WORD};
use super::support::entries;
use super::support::slug::{is_slug, slug};
use super::{Case, RuleCx};
use crate::diagnostic::{Code, Fix, TextEdit};
use crate::schema::NameFormat;
use crate::syntax::yaml::Node;

pub fn check(cx: &mut RuleCx) {
    for (v, name) in entries::names(cx) {
        match cx.dialect.name.format {
            NameFormat::Free => {}
            NameFormat::ClaudeAgent => claude_agent(cx, v, name),
            NameFormat::Skill => skill(cx, v, name),
            NameFormat::LowercaseSlug => lowercase_slug(cx, v, name),
        }
    }
}

/// Gemini CLI's `^[a-z0-9-_]+$`: any other name and the loader refuses the file.
fn lowercase_slug(cx: &mut RuleCx, v: &Node, name: &str) {
    let ok = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_';
    if !name.is_empty() && name.bytes().all(ok) {
        return;
    }
    let msg = format!(
        "The name `{name}` may only hold lowercase letters, digits, `-` and `_`: {} refuses this file. Use `{}`.",
        cx.dialect.tool,
        slug(name)
    );
    let slugged = slug(name);
    let fix = (!slugged.is_empty()).then(|| slug_fix(cx, v, name)).flatten();
    report(cx, v, None, msg, fix);
}

fn claude_agent(cx: &mut RuleCx, v: &Node, name: &str) {
    let (msg, case) = if name.contains(':') || name.starts_with('-') {
        let why = if name.contains(':') {
            "contains `:`, which is reserved for plugin agents (`plugin:agent`)"
        } else {
            "starts with `-`"
        };
        (
            format!(
                "The name `{name}` {why}: Claude Code does not load this agent. Use lowercase letters and hyphens."
            ),
            None,
        )
    } else if !is_slug(name) {
        (
            format!(
                "Claude Code agent names are lowercase letters and hyphens; `{name}` is matched loosely and may clash. Use `{}`.",
                slug(name)
            ),
            Some(&LOOSE_AGENT_NAME),
        )
    } else {
        return;
    };
    let fix = slug_fix(cx, v, name);
    report(cx, v, case, msg, fix);
}

fn skill(cx: &mut RuleCx, v: &Node, name: &str) {
    let long = name.chars().count() > 64;
    let reserved = name.split('-').any(|w| w == "anthropic" || w == "claude");
    let problem = if long {
        "is longer than 64 characters"
    } else if !is_slug(name) {
        "may only hold lowercase letters, digits and single hyphens, and cannot start or end with a hyphen"
    } else if reserved {
        "uses a reserved word (`anthropic`, `claude`)"
    } else {
        return;
    };
    // Reserved words only block uploads to claude.ai and the Skills API; Claude Code itself
    // loads the skill, so that one is a warning.
    let (msg, case) = if reserved && is_slug(name) && !long {
        (
            format!(
                "The skill name `{name}` {problem}: Claude Code loads it, but claude.ai and the Skills API refuse the upload."
            ),
            Some(&RESERVED_WORD),
        )
    } else {
        (
            format!(
                "The skill name `{name}` {problem}: the skill fails validation and silently fails to load in VS Code."
            ),
            None,
        )
    };
    let slugged = slug(name);
    let fix = (slugged != name && !slugged.is_empty())
        .then(|| slug_fix(cx, v, name))
        .flatten();
    report(cx, v, case, msg, fix);
}

fn report(cx: &mut RuleCx, v: &Node, case: Option<&'static Case>, msg: String, fix: Option<Fix>) {
    if let Some(d) = cx.report_as(Code::InvalidName, case, v.range.clone(), msg) {
        d.fixes.extend(fix);
    }
}

/// "Use `slug`", for a name written without quotes. Renaming changes how other agents and
/// users refer to this one: offered, never applied by `check --fix`.
fn slug_fix(cx: &RuleCx, v: &Node, name: &str) -> Option<Fix> {
    let plain = !cx.text[v.range.clone()].starts_with(['"', '\'']);
    let slugged = slug(name);
    plain.then(|| {
        Fix::manual(
            format!("Use `{slugged}`"),
            vec![TextEdit::replace(v.range.clone(), slugged)],
        )
    })
}
