//! `conflicting-keys`: two keys that together make the file unusable.

use super::RuleCx;
use crate::diagnostic::Code;
use crate::schema::BoolSpellings;
use crate::syntax::scalar::Resolved;

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

/// The plain boolean value of a key (`true`/`false`, and yes/no/on/off where the dialect's tool
/// reads YAML 1.1 booleans): `None` when absent or not a boolean (other rules report that).
fn flag(cx: &RuleCx, key: &str) -> Option<bool> {
    let e = cx.yaml()?.entry(key).filter(|e| e.valid)?;
    let s = e.value.as_ref()?.as_scalar()?;
    if s.style.is_quoted() {
        return None;
    }
    let yaml11 = cx.dialect.booleans.spellings == BoolSpellings::Yaml11;
    match s.value.to_ascii_lowercase().as_str() {
        "true" => Some(true),
        "false" => Some(false),
        "yes" | "on" if yaml11 && s.resolved == Resolved::Bool11 => Some(true),
        "no" | "off" if yaml11 && s.resolved == Resolved::Bool11 => Some(false),
        _ => None,
    }
}
