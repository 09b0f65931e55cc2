//! `duplicate-name`: two personas of one kind in one scope share a name. A workspace rule: it
//! needs the workspace index, which does not hold names yet, so nothing reports it so far.

use super::{Explanation, RuleCx};

pub const EXPLANATION: Explanation = Explanation {
    text: "Two personas of one kind in one scope (two agents of a project, two skills of a user) share a name, compared the way their tool compares names. Only one of them loads, and which one depends on the tool's search order. Rename one of them.",
    path: ".claude/agents/reviewer.md",
    example: "---\nname: reviewer\ndescription: Reviews code.\n---\n\nYou review code.\n",
    fixed: "---\nname: code-reviewer\ndescription: Reviews code.\n---\n\nYou review code.\n",
};

/// Per file, nothing: the rule's stage is the workspace, which [`super::run`] does not run.
pub fn check(_cx: &mut RuleCx) {}
