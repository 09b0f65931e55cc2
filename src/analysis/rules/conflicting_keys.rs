//! `conflicting-keys`: two keys that together make the file unusable.

use super::support::flag::flag;
use super::RuleCx;
use crate::diagnostic::Code;

/// The dialect's `conflicts`: `user-invocable: false` hides a skill (or Copilot agent) from
/// the user, and `disable-model-invocation: true` keeps the model from invoking it; with both,
/// nothing can. Reported at the last of the settings.
pub fn check(cx: &mut RuleCx) {
    let Some(yaml) = cx.yaml() else { return };
    for c in &cx.dialect.conflicts {
        if !c.settings.iter().all(|s| flag(cx, &s.key) == Some(s.value)) {
            continue;
        }
        let Some(e) = c.settings.last().and_then(|s| yaml.entry(&s.key)) else {
            continue;
        };
        let said: Vec<String> = c
            .settings
            .iter()
            .map(|s| format!("`{}: {}` {}", s.key, s.value, s.means))
            .collect();
        let msg = format!(
            "{}: {}. Remove one of the {}.",
            c.effect,
            and_list(&said),
            if said.len() == 2 { "two" } else { "settings" }
        );
        cx.report(Code::ConflictingKeys, e.key_range.clone(), msg);
    }
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
