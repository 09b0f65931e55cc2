//! Checks that read two keys, or a key against a limit of its dialect.

use super::super::RuleCx;
use super::tools::tokens;
use crate::diagnostic::{Code, Fix, Severity, TextEdit};

/// The Agent Skills spec caps `description` at 1,024 characters; claude.ai and the Skills API
/// refuse longer ones, and Claude Code truncates the listing at 1,536 with `when_to_use`.
const SKILL_DESCRIPTION_MAX: usize = 1024;

pub fn check(cx: &mut RuleCx) {
    allowed_and_denied(cx);
    skill_description_length(cx);
}

/// A tool both in `tools` and in `disallowedTools` is removed: the allowlist entry is dead.
fn allowed_and_denied(cx: &mut RuleCx) {
    let Some(yaml) = cx.yaml() else { return };
    let (Some(allow), Some(deny)) = (yaml.entry("tools"), yaml.entry("disallowedTools")) else {
        return;
    };
    let (Some(av), Some(dv)) = (&allow.value, &deny.value) else {
        return;
    };
    if !(allow.valid && deny.valid) {
        return;
    }
    let denied: Vec<String> = tokens(cx.text, dv, false)
        .into_iter()
        .map(|t| t.name)
        .collect();
    for t in tokens(cx.text, av, false) {
        if denied.contains(&t.name) {
            let msg = format!(
                "`{}` is in both `tools` and `disallowedTools`: {} removes it, so listing it in `tools` does nothing.",
                t.name, cx.dialect.tool
            );
            let removal = list_item_removal(cx.text, t.range.clone());
            if let Some(d) = cx.report(Code::InvalidValue, Severity::Warning, t.range, msg) {
                d.fixes.extend(
                    removal
                        .map(|r| Fix::manual("Remove it from `tools`", vec![TextEdit::delete(r)])),
                );
            }
        }
    }
}

/// The item and one neighbouring `, ` separator of a comma-separated list, when it has one.
fn list_item_removal(text: &str, item: std::ops::Range<usize>) -> Option<std::ops::Range<usize>> {
    let after = &text[item.end..];
    if let Some(rest) = after.strip_prefix(',') {
        let spaces = rest.len() - rest.trim_start_matches(' ').len();
        return Some(item.start..item.end + 1 + spaces);
    }
    let before = &text[..item.start];
    let trimmed = before.trim_end_matches(' ');
    trimmed.ends_with(',').then(|| trimmed.len() - 1..item.end)
}

fn skill_description_length(cx: &mut RuleCx) {
    if cx.dialect.id != "claude-skill" {
        return;
    }
    let Some(e) = cx.yaml().and_then(|y| y.entry("description")) else {
        return;
    };
    let Some(v) = e.value.as_ref().filter(|_| e.valid) else {
        return;
    };
    let Some(s) = v.as_str() else { return };
    let n = s.chars().count();
    if n > SKILL_DESCRIPTION_MAX {
        let msg = format!(
            "The description is {n} characters; the Agent Skills spec allows {SKILL_DESCRIPTION_MAX}. claude.ai and the Skills API refuse the skill, and Claude Code cuts the listing short. Move detail into the body."
        );
        cx.report(
            Code::InvalidValue,
            Severity::Warning,
            e.key_range.clone(),
            msg,
        );
    }
}
