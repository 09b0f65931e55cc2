//! `missing-required-key`: a key the dialect requires is absent.

use super::cases::SOME_READERS_NEED_IT;
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
    shape::check(cx, Code::MissingRequiredKey);
}
