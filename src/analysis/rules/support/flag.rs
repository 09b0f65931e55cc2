//! A key's plain boolean value, as the dialect's tool reads it.

use crate::analysis::RuleCx;
use crate::schema::{BoolSpellings, Override};
use crate::syntax::scalar::Resolved;

/// The plain boolean value of a key (`true`/`false`, and yes/no/on/off where the dialect's tool
/// reads YAML 1.1 booleans): `None` when absent or not a boolean (other rules report that).
pub fn flag(cx: &RuleCx, key: &str) -> Option<bool> {
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

/// The table's `overridden` row that makes `key` ignored in this file (`globs` while
/// `alwaysApply: true`): its value then does nothing, so nothing about it is news.
pub fn overridden<'d>(cx: &RuleCx<'d>, key: &str) -> Option<&'d Override> {
    cx.dialect
        .overridden
        .iter()
        .find(|o| o.key == key && flag(cx, &o.by.key) == Some(o.by.value))
}
