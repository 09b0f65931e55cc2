//! `not-a-mapping`: the front matter is YAML, but not `key: value` pairs.

use super::RuleCx;
use crate::diagnostic::Code;

pub fn check(cx: &mut RuleCx) {
    let Some(r) = cx.yaml().and_then(|y| y.not_a_mapping.clone()) else {
        return;
    };
    let msg = format!(
        "The front matter is a list, not `key: value` pairs, so {} cannot read any key from it.",
        cx.dialect.tool
    );
    cx.report(Code::NotAMapping, r, msg);
}
