//! `missing-required-key`: a key the dialect requires is absent.

use super::cases::{NEEDED_BY_A_SETTING, SOME_READERS_NEED_IT};
use super::support::entries;
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
        // A key whose entry has a YAML error is there: `yaml-syntax` reports it.
        if yaml.entry(&key.key).is_some()
            || yaml.entries.iter().any(|e| !e.valid && e.key == key.key)
        {
            continue;
        }
        let why = match &key.if_missing {
            Some(why) => why.clone(),
            None => format!("{} needs it", cx.dialect.tool),
        };
        let msg = format!(
            "`{}` is required in {}: {why}. Add `{}:`.",
            key.key,
            a_or_an(&cx.dialect.title),
            key.key
        );
        let case = (key.missing_severity == Level::Warning).then_some(&SOME_READERS_NEED_IT);
        cx.report_as(Code::MissingRequiredKey, case, open.clone(), msg);
    }
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
