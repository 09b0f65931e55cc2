//! `empty-body`: front matter with no instructions below it.

use super::{Explanation, RuleCx};
use crate::diagnostic::Code;

pub const EXPLANATION: Explanation = Explanation {
    text: "The body below the front matter is the persona's prompt: what the agent should do, or what the command, skill or rule says. This file has front matter and nothing after it, so the tool gets a name and a description but no instructions. Write them below the closing `---`.",
    path: ".claude/agents/reviewer.md",
    example: "---\nname: reviewer\ndescription: Reviews code.\n---\n",
    fixed: "---\nname: reviewer\ndescription: Reviews code.\n---\n\nYou review code.\n",
};

pub fn check(cx: &mut RuleCx) {
    let split = &cx.parsed.split;
    if let Some(close) = split.closed_block().and_then(|b| b.close.clone())
        && cx.text[split.body_start..].trim().is_empty()
    {
        let msg = format!(
            "The front matter is followed by no instructions: the body is the {}'s prompt. Write what it should do below the `---`.",
            cx.dialect.title
        );
        cx.report(Code::EmptyBody, close, msg);
    }
}
