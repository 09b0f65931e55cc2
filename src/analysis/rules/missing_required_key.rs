//! `missing-required-key`: a key the dialect requires is absent.

use super::cases::{NEEDED_BY_A_SETTING, SOME_READERS_NEED_IT};
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
        let why = match &key.if_missing {
            Some(why) => why.clone(),
            None => format!("{} needs it", cx.dialect.tool),
        };
        let case = (key.missing_severity == Level::Warning).then_some(&SOME_READERS_NEED_IT);
        // `name:` or `name: ""` is no name: its readers skip or refuse the file as if the key
        // were absent (Gemini CLI: `z.string().min(1)`; VS Code: "must not be empty"). An
        // entry with a YAML error (a value that goes on below on unindented lines) is
        // `yaml-syntax`'s: one broken value, one diagnostic.
        if let Some(e) = yaml.entry(&key.key) {
            if e.valid && e.value.as_ref().is_none_or(|v| {
                entries::is_null(v) || v.as_str().is_some_and(|s| s.trim().is_empty())
            }) {
                let msg = format!(
                    "`{}` is empty in {}: {why}. Fill it in.",
                    key.key,
                    a_or_an(&cx.dialect.title)
                );
                cx.report_as(Code::MissingRequiredKey, case, e.key_range.clone(), msg);
            }
            continue;
        }
        // A key whose entry has a YAML error is there: `yaml-syntax` reports it.
        if yaml.entries.iter().any(|e| !e.valid && e.key == key.key) {
            continue;
        }
        let msg = format!(
            "`{}` is required in {}: {why}. Add `{}:`.",
            key.key,
            a_or_an(&cx.dialect.title),
            key.key
        );
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
