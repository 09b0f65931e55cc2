//! `not-a-mapping`: the front matter is YAML, but not `key: value` pairs.

use super::{Explanation, RuleCx};
use crate::diagnostic::Code;

pub const EXPLANATION: Explanation = Explanation {
    text: "The front matter parses as YAML, but as a list or a single value rather than `key: value` pairs, so the tool cannot read any key from it. This happens when every line starts with `- `. Write each setting as `key: value`.",
    path: ".claude/agents/reviewer.md",
    example: "---\n- name: reviewer\n- description: Reviews code.\n---\n\nYou review code.\n",
    fixed: "---\nname: reviewer\ndescription: Reviews code.\n---\n\nYou review code.\n",
};

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
