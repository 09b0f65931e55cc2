//! `missing-required-key`: a key the dialect requires is absent.

use super::cases::{EASED_BY_ANOTHER_KEY, NEEDED_BY_A_SETTING, SOME_READERS_NEED_IT};
use super::support::{entries, shape};
use super::RuleCx;
use crate::analysis::a_or_an;
use crate::diagnostic::Code;
use crate::schema::Level;

pub fn check(cx: &mut RuleCx) {
    let Some(yaml) = entries::mapping(cx) else {
        return;
    };
    let open = cx
        .parsed
        .split
        .block
        .as_ref()
        .map_or(0..0, |b| b.open.clone());
    for key in cx.dialect.keys.iter().filter(|k| k.required) {
        let mut why = match &key.if_missing {
            Some(why) => why.clone(),
            None => format!("{} needs it", cx.dialect.tool),
        };
        // What a reader of this path takes instead (Claude Code: the folder name, the body's
        // first paragraph), before who still needs the key.
        if let Some(f) = key.fallback.as_ref().filter(|f| f.applies(cx.location.rel_path)) {
            let body_empty = cx.text[cx.parsed.split.body_start..].trim().is_empty();
            let says = match (&f.without_body, body_empty) {
                (Some(w), true) => w,
                _ => &f.says,
            };
            why = format!("{says}, but {why}");
        }
        let case = (key.missing_severity == Level::Warning).then_some(&SOME_READERS_NEED_IT);
        let entry = yaml.entry(&key.key);
        // `name: ""` is no name: Claude Code's loader tests `!name`, VS Code says it "must
        // not be empty"; `name:` alone is YAML's null, no name either (Gemini CLI's
        // `z.string()` refuses it). Reported as missing, unless the table says what an empty
        // value does (`if-empty`, for `invalid-value`) or what null does (`if-null`, for
        // `invalid-type`). An entry with a YAML error (a value that goes on below on
        // unindented lines) is `yaml-syntax`'s: one broken value, one diagnostic.
        let empty = entry.filter(|e| e.valid).and_then(|e| match &e.value {
            Some(v) if key.if_empty.is_none() && entries::is_empty_text(v) => {
                Some((v.range.clone(), "is empty, and an empty value"))
            }
            v if key.if_null.is_none() && v.as_ref().is_none_or(entries::is_null) => {
                Some((e.key_range.clone(), "has no value, which"))
            }
            _ => None,
        });
        if let Some((range, what)) = empty {
            let msg = format!(
                "`{}` {what} counts as missing in {}: {why}. Give it a value.",
                key.key,
                a_or_an(&cx.dialect.title),
            );
            cx.report_as(Code::MissingRequiredKey, case, range, msg);
            continue;
        }
        // A key whose entry has a YAML error is there: `yaml-syntax` reports it.
        if entry.is_some() || yaml.entries.iter().any(|e| !e.valid && e.key == key.key) {
            continue;
        }
        let eased = key
            .missing_eased_by
            .as_ref()
            .filter(|e| yaml.entry(&e.key).is_some());
        let mut msg = format!(
            "`{}` is required in {}: {why}.",
            key.key,
            a_or_an(&cx.dialect.title),
        );
        if let Some(e) = eased {
            msg.push_str(&format!(" With `{}`, {}.", e.key, e.says));
        }
        msg.push_str(&format!(" Add `{}:`.", key.key));
        let case = if eased.is_some() {
            Some(&EASED_BY_ANOTHER_KEY)
        } else {
            case
        };
        cx.report_as(Code::MissingRequiredKey, case, open.clone(), msg);
    }
    shape::check(cx, Code::MissingRequiredKey);
    for req in &cx.dialect.required_with {
        let Some(setting) = yaml
            .entry(&req.when.key)
            .filter(|e| e.value.as_ref().and_then(|v| v.as_str()) == Some(req.when.value.as_str()))
        else {
            continue;
        };
        let need = format!("{}: {}", req.when.key, req.when.value);
        for key in &req.keys {
            if yaml.entries.iter().any(|e| e.key == *key) {
                continue;
            }
            let msg = format!(
                "`{key}` is required with `{need}`: {}. Add `{key}:`.",
                req.without
            );
            let range = setting.key_range.clone();
            cx.report_as(Code::MissingRequiredKey, Some(&NEEDED_BY_A_SETTING), range, msg);
        }
    }
}
