//! `conflicting-keys`: two keys that together make the file unusable.

use super::support::noun::noun;
use super::{Explanation, RuleCx};
use crate::diagnostic::Code;
use crate::syntax::scalar::Resolved;

pub const EXPLANATION: Explanation = Explanation {
    text: "Each key is valid alone, but together they leave the file with no use. `user-invocable: false` hides a skill from the user's `/` menu, and `disable-model-invocation: true` keeps the model from invoking it: with both, nothing can invoke it (VS Code lists such a skill as disabled). Remove one of the two.",
    path: ".claude/skills/review/SKILL.md",
    example: "---\nname: review\ndescription: Reviews the change.\nuser-invocable: false\ndisable-model-invocation: true\n---\n\nReview the change.\n",
    fixed: "---\nname: review\ndescription: Reviews the change.\ndisable-model-invocation: true\n---\n\nReview the change.\n",
};

pub fn check(cx: &mut RuleCx) {
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
    cx.report(Code::ConflictingKeys, range, msg);
}

