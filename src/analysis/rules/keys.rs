//! `missing-required-key`, `unknown-key` and `deprecated-key`.

use super::super::{RuleCx, a_or_an, suggest};
use crate::diagnostic::{Code, Fix, Severity, TextEdit};
use crate::syntax::yaml::Yaml;
use std::collections::HashMap;

pub fn check(cx: &mut RuleCx) {
    let Some(yaml) = cx.yaml() else { return };
    if yaml.not_a_mapping.is_some() {
        return;
    }
    // How often each key is set, counted once: asked per entry, a scan of the entries made
    // 20,000 duplicate keys quadratic.
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for e in &yaml.entries {
        *counts.entry(e.key.as_str()).or_default() += 1;
    }
    // Whether a rename is clean, once per (from, to): it scans every entry.
    let mut clean: HashMap<(String, String), bool> = HashMap::new();
    let open = super::fence_range(cx);
    for key in cx.dialect.keys.iter().filter(|k| k.required) {
        if yaml.entry(&key.key).is_none()
            && !yaml.entries.iter().any(|e| !e.valid && e.key == key.key)
        {
            let why = match &key.if_missing {
                Some(why) => why.clone(),
                None => format!("{} needs it", cx.dialect.tool),
            };
            let severity = key.missing_severity.severity();
            let msg = format!(
                "`{}` is required in {}: {why}. Add `{}:`.",
                key.key,
                a_or_an(&cx.dialect.title),
                key.key
            );
            cx.report(Code::MissingRequiredKey, severity, open.clone(), msg);
        }
    }
    for e in &yaml.entries {
        if let Some(k) = cx.dialect.key(&e.key) {
            if let Some(instead) = &k.deprecated {
                let msg = format!(
                    "`{}` is deprecated in {}; use {} instead.",
                    e.key,
                    cx.dialect.tool,
                    code_words(instead)
                );
                // Safe because it is a documented rename that the tool reads with the same
                // meaning and type (VS Code reads `agent ?? mode`, `user-invocable ??
                // user-invokable`; OpenCode `steps` for `maxSteps`), while the old key still
                // works; and it is applied only when it leaves one such key in the file.
                let rename = cx
                    .dialect
                    .key(instead)
                    .filter(|new| new.ty == k.ty && target_free(&counts, &e.key, instead))
                    .map(|_| {
                        let title = format!("Rename to `{instead}`");
                        let edit = vec![TextEdit::replace(e.key_range.clone(), instead.clone())];
                        let is_clean = *clean
                            .entry((e.key.clone(), instead.clone()))
                            .or_insert_with(|| rename_is_clean(cx, yaml, &counts, &e.key, instead));
                        if is_clean {
                            Fix::safe(title, edit)
                        } else {
                            Fix::manual(title, edit)
                        }
                    });
                if let Some(d) = cx.report(
                    Code::DeprecatedKey,
                    Severity::Warning,
                    e.key_range.clone(),
                    msg,
                ) {
                    d.fixes.extend(rename);
                }
            }
            continue;
        }
        unknown(cx, yaml, &counts, &mut clean, &e.key, e.key_range.clone());
    }
}

/// Whether `from` can be renamed to `to` without setting a key twice: `from` is set once and
/// `to` is not set yet.
fn target_free(counts: &HashMap<&str, usize>, from: &str, to: &str) -> bool {
    counts.get(from) == Some(&1) && !counts.contains_key(to)
}

/// Whether `--fix` may apply the rename: the target is free, and no other entry would be
/// renamed to `to` in the same round (a deprecated key with that replacement, or another
/// spelling of it). Two renames to one key would each be fine alone and make a duplicate key
/// together.
fn rename_is_clean(
    cx: &RuleCx,
    yaml: &Yaml,
    counts: &HashMap<&str, usize>,
    from: &str,
    to: &str,
) -> bool {
    let new_ty = cx.dialect.key(to).map(|k| k.ty);
    let renamed_to =
        |k: &crate::schema::Key| k.deprecated.as_deref() == Some(to) && new_ty == Some(k.ty);
    target_free(counts, from, to)
        && yaml.entries.iter().all(|e| {
            e.key == from
                || !(suggest::same_word(&e.key, to, [to])
                    || cx.dialect.key(&e.key).is_some_and(renamed_to))
        })
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

fn unknown<'y>(
    cx: &mut RuleCx,
    yaml: &'y Yaml,
    counts: &HashMap<&'y str, usize>,
    clean: &mut HashMap<(String, String), bool>,
    key: &str,
    range: std::ops::Range<usize>,
) {
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
        let severity = wrong.severity.severity();
        let free = target_free(counts, key, &to);
        if let Some(d) = cx.report(Code::UnknownKey, severity, range.clone(), msg)
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
    if !cx.listed(Code::UnknownKey) {
        // Only counted: skip the searches below.
        cx.report(
            Code::UnknownKey,
            Severity::Information,
            range,
            String::new(),
        );
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
        let msg = format!(
            "Unknown key `{key}` in {}: did you mean `{close}`? {} ignores `{key}`.",
            a_or_an(&cx.dialect.title),
            cx.dialect.tool
        );
        let certain =
            suggest::same_word(key, close, cx.dialect.keys.iter().map(|k| k.key.as_str()));
        let free = target_free(counts, key, close);
        let clean = *clean
            .entry((key.to_string(), close.to_string()))
            .or_insert_with(|| rename_is_clean(cx, yaml, counts, key, close));
        let close = close.to_string();
        if let Some(d) = cx.report(Code::UnknownKey, Severity::Warning, range.clone(), msg)
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
    // OpenCode does not ignore unknown keys: it forwards them to the provider as options.
    let effect = if cx.dialect.id == "opencode-agent" {
        "OpenCode passes unknown keys to the model provider as request options".to_string()
    } else {
        format!("{} ignores it", cx.dialect.tool)
    };
    let msg = format!(
        "`{key}` is not {} key{also}; {effect}.",
        a_or_an(&cx.dialect.title)
    );
    cx.report(Code::UnknownKey, Severity::Information, range, msg);
}
