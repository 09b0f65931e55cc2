//! `description-too-long`: a description over the dialect's limit.

use super::RuleCx;
use crate::diagnostic::Code;

/// The dialect's `description-limit`: the Agent Skills spec caps a skill's description at
/// 1,024 characters.
pub fn check(cx: &mut RuleCx) {
    let Some(limit) = &cx.dialect.description_limit else {
        return;
    };
    let Some(key) = &cx.dialect.roles.description else {
        return;
    };
    let Some(e) = cx.yaml().and_then(|y| y.entry(key)) else {
        return;
    };
    let Some(v) = e.value.as_ref().filter(|_| e.valid) else {
        return;
    };
    let Some(s) = v.as_str() else { return };
    let n = s.chars().count();
    if n > limit.max {
        let msg = format!(
            "The description is {n} characters; {} allows {}. {}. Move detail into the body.",
            limit.set_by, limit.max, limit.beyond
        );
        cx.report(Code::DescriptionTooLong, e.key_range.clone(), msg);
    }
}
