//! `unknown-key`: a key the dialect does not define.

use super::cases::{
    IGNORED_BY_A_READER, KEY_REJECTED, METADATA, NOT_FOR_THIS_TARGET, READ_AS_ANOTHER_KEY,
};
use super::Case;
use super::support::renames::Renames;
use super::support::{entries, shape};
use super::RuleCx;
use crate::analysis::{a_or_an, suggest};
use crate::diagnostic::{Code, Fix, TextEdit};
use crate::schema::{Level, Mild, UnknownKeys};
use std::ops::Range;

pub fn check(cx: &mut RuleCx) {
    let Some(yaml) = entries::mapping(cx) else {
        return;
    };
    let mut renames = Renames::new(yaml);
    for e in &yaml.entries {
        if cx.dialect.key(&e.key).is_none() {
            unknown(cx, &mut renames, &e.key, e.key_range.clone());
        }
    }
    shape::check(cx, Code::UnknownKey);
    not_for_target(cx, yaml);
}

/// Keys of the dialect that the target the file picks does not read: with `target:
/// github-copilot`, GitHub ignores `handoffs`; without a target, VS Code ignores
/// `mcp-servers`. Known keys, but not this file's: a note, never a warning.
fn not_for_target(cx: &mut RuleCx, yaml: &crate::syntax::yaml::Yaml) {
    for rule in &cx.dialect.target_ignores {
        let target = match yaml.entry(&rule.key) {
            None => "",
            Some(e) => match e.value.as_ref().and_then(|v| v.as_str()) {
                Some(t) => t,
                // A target that is not one text: `invalid-type` says so.
                None => continue,
            },
        };
        if !rule.values.iter().any(|v| v == target) {
            continue;
        }
        for e in yaml.entries.iter().filter(|e| rule.keys.contains(&e.key)) {
            let msg = format!("`{}`: {}.", e.key, rule.says);
            let case = match rule.severity {
                Mild::Hint => &NOT_FOR_THIS_TARGET,
                Mild::Information => &IGNORED_BY_A_READER,
            };
            cx.report_as(Code::UnknownKey, Some(case), e.key_range.clone(), msg);
        }
    }
}

fn unknown(cx: &mut RuleCx, renames: &mut Renames, key: &str, range: Range<usize>) {
    // A sibling dialect's key that means something specific here. Claude Code ignores
    // `allowed-tools` in an agent, which then inherits every tool (anthropics/claude-code#27099):
    // the schema makes that one an error, with a rename fix.
    if let Some(wrong) = cx.dialect.wrong_keys.iter().find(|w| w.key == key) {
        let to = wrong.use_key.clone();
        let msg = format!(
            "{} does not read `{key}`; its key is `{to}`.{}",
            cx.dialect.tool,
            wrong
                .consequence
                .as_ref()
                .map(|c| format!(" {c}"))
                .unwrap_or_default()
        );
        let case = (wrong.severity == Level::Error).then_some(&READ_AS_ANOTHER_KEY);
        let free = renames.target_free(key, &to);
        if let Some(d) = cx.report_as(Code::UnknownKey, case, range.clone(), msg)
            && free
        {
            // Offered, not applied: the tool starts reading a value written for another
            // key. A skill's `allowed-tools` pre-approves tools and restricts none; as an
            // agent's `tools` it becomes the only tools the agent has, in another syntax
            // (space-separated there, comma-separated here).
            d.fixes.push(Fix::manual(
                format!("Rename to `{to}`"),
                vec![TextEdit::replace(range, to)],
            ));
        }
        return;
    }
    // A tool whose strict loader refuses unknown keys (Gemini CLI) refuses the file over a
    // typo and over metadata alike.
    let rejected = cx.dialect.unknown_keys == UnknownKeys::Rejected;
    let refused = format!("{} refuses a file with a key it does not define", cx.dialect.tool);
    if !cx.listed(Code::UnknownKey) {
        // Only counted: skip the searches below.
        let case = if rejected { &KEY_REJECTED } else { &METADATA };
        cx.report_as(Code::UnknownKey, Some(case), range, String::new());
        return;
    }
    let elsewhere: Vec<&str> = cx
        .registry
        .dialects
        .iter()
        .filter(|d| d.id != cx.dialect.id && d.key(key).is_some())
        .map(|d| d.title.as_str())
        .collect();
    let known = cx.dialect.keys.iter().map(|k| k.key.as_str());
    // Another dialect's key is not a typo (`mode` in a Copilot agent is not `model`).
    let close = if elsewhere.is_empty() {
        suggest::closest(key, known)
    } else {
        None
    };
    if let Some(close) = close {
        let effect = if rejected {
            refused.clone()
        } else {
            format!("{} ignores `{key}`", cx.dialect.tool)
        };
        let mut msg = format!(
            "Unknown key `{key}` in {}: did you mean `{close}`? {effect}.",
            a_or_an(&cx.dialect.title),
        );
        if let Some(note) = &cx.dialect.unknown_keys_note {
            msg.push_str(&format!(" {note}."));
        }
        let case: Option<&'static Case> = rejected.then_some(&KEY_REJECTED);
        let certain =
            suggest::same_word(key, close, cx.dialect.keys.iter().map(|k| k.key.as_str()));
        let free = renames.target_free(key, close);
        let clean = renames.is_clean(cx.dialect, key, close);
        let close = close.to_string();
        if let Some(d) = cx.report_as(Code::UnknownKey, case, range.clone(), msg)
            && free
        {
            let title = format!("Rename to `{close}`");
            let edit = vec![TextEdit::replace(range, close)];
            // Safe only for the same key in other case or separators (`Tools`,
            // `permission_mode`), when no other rename in the round targets it; any other
            // "did you mean" may be a different key.
            d.fixes.push(if certain && clean {
                Fix::safe(title, edit)
            } else {
                Fix::manual(title, edit)
            });
        }
        return;
    }
    // Not a typo: metadata some collections add (`category`, `author`). The tool ignores it,
    // which is worth knowing but not worth a warning on every file of a collection.
    let also = match elsewhere.as_slice() {
        [] => String::new(),
        [one] => format!(" (it is a key of {})", a_or_an(one)),
        [one, two, ..] => format!(" (it is a key of {} and {})", a_or_an(one), a_or_an(two)),
    };
    let effect = match cx.dialect.unknown_keys {
        UnknownKeys::Ignored => format!("{} ignores it", cx.dialect.tool),
        UnknownKeys::ForwardedToProvider => format!(
            "{} passes unknown keys to the model provider as request options",
            cx.dialect.tool
        ),
        UnknownKeys::Rejected => format!("{refused}. Remove it"),
    };
    let mut msg = format!(
        "`{key}` is not {} key{also}; {effect}.",
        a_or_an(&cx.dialect.title)
    );
    if let Some(note) = &cx.dialect.unknown_keys_note {
        msg.push_str(&format!(" {note}."));
    }
    let case = if rejected { &KEY_REJECTED } else { &METADATA };
    cx.report_as(Code::UnknownKey, Some(case), range, msg);
}
