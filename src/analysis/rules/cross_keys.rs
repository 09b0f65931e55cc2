//! Checks that read two keys, or a key against a limit of its dialect.

use super::super::RuleCx;
use super::tools::tokens;
use crate::diagnostic::{Code, Fix, Severity, TextEdit};
use crate::syntax::scalar::Resolved;

/// The Agent Skills spec caps `description` at 1,024 characters; claude.ai and the Skills API
/// refuse longer ones, and Claude Code truncates the listing at 1,536 with `when_to_use`.
const SKILL_DESCRIPTION_MAX: usize = 1024;

pub fn check(cx: &mut RuleCx) {
    allowed_and_denied(cx);
    skill_description_length(cx);
    agent_without_fork(cx);
    invoked_by_nobody(cx);
}

/// The plain boolean value of a key (`true`/`false`, and yes/no/on/off where the dialect's tool
/// reads YAML 1.1 booleans): `None` when absent or not a boolean (other rules report that).
fn flag(cx: &RuleCx, key: &str) -> Option<bool> {
    let e = cx.yaml()?.entry(key).filter(|e| e.valid)?;
    let s = e.value.as_ref()?.as_scalar()?;
    if s.style.is_quoted() {
        return None;
    }
    match s.value.to_ascii_lowercase().as_str() {
        "true" => Some(true),
        "false" => Some(false),
        "yes" | "on" if s.resolved == Resolved::Bool11 => Some(true),
        "no" | "off" if s.resolved == Resolved::Bool11 => Some(false),
        _ => None,
    }
}

/// What the file defines, in a sentence: "skill", "command" or "agent".
fn noun(cx: &RuleCx) -> &'static str {
    match cx.dialect.id.as_str() {
        "claude-command" => "command",
        "claude-skill" => "skill",
        _ => "agent",
    }
}

/// `agent` picks the subagent that runs a forked skill or command (a Claude Code feature);
/// without `context: fork` the skill runs inline and `agent` is ignored (persona-spec §2, "agent: subagent type when
/// `context: fork`").
fn agent_without_fork(cx: &mut RuleCx) {
    if cx.dialect.key("context").is_none() || cx.dialect.key("agent").is_none() {
        return;
    }
    let Some(yaml) = cx.yaml() else { return };
    let Some(agent) = yaml.entry("agent").filter(|e| e.valid) else {
        return;
    };
    let context = yaml.entry("context").and_then(|e| e.value.as_ref());
    if context.and_then(|v| v.as_str()) == Some("fork") {
        return;
    }
    let range = agent.key_range.clone();
    let msg = format!(
        "`agent` only applies with `context: fork`: without it Claude Code runs the {} inline and ignores `agent`. Add `context: fork`, or remove `agent`.",
        noun(cx)
    );
    cx.report(Code::InvalidValue, Severity::Warning, range, msg);
}

/// `user-invocable: false` hides a skill (or Copilot agent) from the user, and
/// `disable-model-invocation: true` keeps the model from invoking it: with both, nothing can
/// (VS Code's skills table: "Both set → Disabled").
fn invoked_by_nobody(cx: &mut RuleCx) {
    if flag(cx, "user-invocable") != Some(false)
        || flag(cx, "disable-model-invocation") != Some(true)
    {
        return;
    }
    let Some(e) = cx.yaml().and_then(|y| y.entry("disable-model-invocation")) else {
        return;
    };
    let range = e.key_range.clone();
    let msg = format!(
        "Nothing can invoke this {}: `user-invocable: false` hides it from the user and `disable-model-invocation: true` keeps the model from using it. Remove one of the two.",
        noun(cx)
    );
    cx.report(Code::InvalidValue, Severity::Warning, range, msg);
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
