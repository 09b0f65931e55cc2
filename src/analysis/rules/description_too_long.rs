//! `description-too-long`: a description over the dialect's limit.

use super::{Explanation, RuleCx};
use crate::diagnostic::Code;

pub const EXPLANATION: Explanation = Explanation {
    text: "The description is what the tool shows in its listing and what the model reads to decide when to use the persona, and some tools cap its length. The Agent Skills spec allows 1,024 characters: claude.ai and the Skills API refuse a longer skill, and Claude Code cuts the listing short. Keep the description to when to use it, and move detail into the body.",
    path: ".claude/skills/review/SKILL.md",
    example: DESCRIPTION_EXAMPLE,
    fixed: "---\nname: review\ndescription: Reviews the change.\n---\n\nReview the change.\n",
};

macro_rules! twenty {
    ($s:literal) => {
        concat!($s, $s, $s, $s, $s, $s, $s, $s, $s, $s, $s, $s, $s, $s, $s, $s, $s, $s, $s, $s)
    };
}

/// A skill whose description repeats one sentence, 1,499 characters in all.
const DESCRIPTION_EXAMPLE: &str = concat!(
    "---\nname: review\ndescription: >-\n",
    twenty!("  Reviews the change for bugs, missing tests, unclear names and risky edits.\n"),
    "---\n\nReview the change.\n"
);


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
