//! `invalid-name`: a name that breaks the dialect's format rules.

use super::cases::{LOOSE_AGENT_NAME, RESERVED_WORD, SKILL_NAME_PORTABILITY, SKILL_NAME_SPEC_ONLY};
use super::support::entries;
use super::support::slug::{is_lowercase_slug, is_slug, slug};
use super::{Case, RuleCx};
use crate::diagnostic::{Code, Fix, TextEdit};
use crate::schema::{NameFormat, NameLetters, NameReader, Portability};
use crate::syntax::yaml::Node;
use unicode_normalization::UnicodeNormalization;

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
    if is_lowercase_slug(name) {
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
    let (msg, case) = if name.is_empty() {
        (
            "The name is only spaces: Claude Code loads the agent under a blank name that nothing can call. Write a name of lowercase letters and hyphens.".to_string(),
            Some(&LOOSE_AGENT_NAME),
        )
    } else if name.contains(':') || name.starts_with('-') {
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
    let fix = (!slug(name).is_empty())
        .then(|| slug_fix(cx, v, name))
        .flatten();
    report(cx, v, case, msg, fix);
}

fn skill(cx: &mut RuleCx, v: &Node, name: &str) {
    let rules = &cx.dialect.name;
    // skills-ref `_validate_name` checks the NFKC form: `ﬁle` is `file`.
    let normal: String = name.nfkc().collect();
    let long = rules.max_length.is_some_and(|max| normal.chars().count() > max);
    let refusing: Vec<&NameReader> = rules
        .readers
        .iter()
        .filter(|r| long || !fits(&normal, r.letters))
        .collect();
    if refusing.is_empty() {
        reserved(cx, v, name);
        return;
    }
    let problem = if long {
        format!(
            "is longer than {} characters",
            rules.max_length.unwrap_or_default()
        )
    } else {
        problem(&normal)
    };
    let refused = refusing
        .iter()
        .map(|r| format!("{} {}", r.reader, r.refuses))
        .collect::<Vec<_>>()
        .join(", and ");
    let shown = if name.is_empty() {
        String::new()
    } else {
        format!(" `{name}`")
    };
    let msg = match &rules.loaded_by {
        Some(loaded) => format!("The skill name{shown} {problem}: {loaded}, but {refused}."),
        None => format!("The skill name{shown} {problem}: {refused}."),
    };
    let case = rules.loaded_by.is_some().then(|| {
        if refusing.iter().any(|r| r.level == Portability::Warning) {
            &SKILL_NAME_PORTABILITY
        } else {
            &SKILL_NAME_SPEC_ONLY
        }
    });
    let slugged = slug(name);
    let fix = (slugged != name && !slugged.is_empty())
        .then(|| slug_fix(cx, v, name))
        .flatten();
    report(cx, v, case, msg, fix);
}

/// A name of the format's characters that holds a reserved word: only uploads refuse it.
fn reserved(cx: &mut RuleCx, v: &Node, name: &str) {
    let Some(words) = &cx.dialect.name.reserved_words else {
        return;
    };
    let Some(word) = name
        .split('-')
        .find(|w| words.words.iter().any(|r| r == w))
    else {
        return;
    };
    let msg = format!(
        "The skill name `{name}` uses the reserved word `{word}`: Claude Code loads it, but {} refuse the upload.",
        words.refused_by
    );
    report(cx, v, Some(&RESERVED_WORD), msg, None);
}

/// Whether `name` (NFKC) is letters, digits and single inner hyphens, with no upper case.
fn fits(name: &str, letters: NameLetters) -> bool {
    let char_ok = |c: char| match letters {
        NameLetters::AsciiLowercase => c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-',
        NameLetters::UnicodeLowercase => (c.is_alphanumeric() && !c.is_uppercase()) || c == '-',
    };
    !name.is_empty()
        && name.chars().all(char_ok)
        && !name.starts_with('-')
        && !name.ends_with('-')
        && !name.contains("--")
}

/// What is wrong with a name that does not fit, most visible first.
fn problem(name: &str) -> String {
    if name.is_empty() {
        "is only spaces".into()
    } else if name.chars().any(char::is_uppercase) {
        "has upper-case letters".into()
    } else if name.chars().any(char::is_whitespace) {
        "has spaces".into()
    } else if name.chars().any(|c| !c.is_alphanumeric() && c != '-') {
        "has characters other than letters, digits and hyphens".into()
    } else if name.chars().any(|c| c.is_alphanumeric() && !c.is_ascii()) {
        "has letters outside `a-z`".into()
    } else {
        "starts or ends with a hyphen, or has two in a row".into()
    }
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

/// Why `name` is not a name to give a persona of `dialect` (a rename's check): what this rule
/// would report, said in one sentence; `None` when it fits the dialect's format.
pub fn refusal(dialect: &crate::schema::Dialect, name: &str) -> Option<String> {
    let tool = &dialect.tool;
    match dialect.name.format {
        NameFormat::Free => None,
        NameFormat::ClaudeAgent => (!is_slug(name)).then(|| {
            format!("{tool} agent names are lowercase letters, digits and hyphens: use `{}`", slug(name))
        }),
        NameFormat::Skill => {
            let normal: String = name.nfkc().collect();
            let long = dialect
                .name
                .max_length
                .is_some_and(|max| normal.chars().count() > max);
            (long || !fits(&normal, NameLetters::AsciiLowercase))
                .then(|| format!("the skill name `{name}` {}", if long { "is too long".to_string() } else { problem(&normal) }))
        }
        NameFormat::LowercaseSlug => (!is_lowercase_slug(name)).then(|| {
            format!("{tool} names may only hold lowercase letters, digits, `-` and `_`: use `{}`", slug(name))
        }),
    }
}
