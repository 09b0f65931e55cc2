//! `deprecated-key`: a key that still works but has a documented replacement.

use super::support::renames::Renames;
use super::support::entries;
use super::RuleCx;
use crate::diagnostic::{Code, Fix, TextEdit};

pub fn check(cx: &mut RuleCx) {
    let Some(yaml) = entries::mapping(cx) else {
        return;
    };
    let mut renames = Renames::new(yaml);
    for e in &yaml.entries {
        let Some(k) = cx.dialect.key(&e.key) else {
            continue;
        };
        let Some(instead) = &k.deprecated else {
            continue;
        };
        let msg = format!(
            "`{}` is deprecated in {}; use {} instead.",
            e.key,
            cx.dialect.tool,
            code_words(instead)
        );
        // Safe because it is a documented rename that the tool reads with the same meaning and
        // type (VS Code reads `agent ?? mode`, `user-invocable ?? user-invokable`; OpenCode
        // `steps` for `maxSteps`), while the old key still works; and it is applied only when
        // it leaves one such key in the file.
        let rename = cx
            .dialect
            .key(instead)
            .filter(|new| new.ty == k.ty && renames.target_free(&e.key, instead))
            .map(|_| {
                let title = format!("Rename to `{instead}`");
                let edit = vec![TextEdit::replace(e.key_range.clone(), instead.clone())];
                if renames.is_clean(cx.dialect, &e.key, instead) {
                    Fix::safe(title, edit)
                } else {
                    Fix::manual(title, edit)
                }
            });
        if let Some(d) = cx.report(Code::DeprecatedKey, e.key_range.clone(), msg) {
            d.fixes.extend(rename);
        }
    }
}

/// `permission` → `` `permission` ``; `a (and b)` → `` `a` (and `b`) ``: key names in backticks.
fn code_words(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let core = w.trim_matches(|c: char| "()".contains(c));
            if !core.is_empty()
                && core
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                && core != "and"
                && core != "or"
            {
                w.replace(core, &format!("`{core}`"))
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}
