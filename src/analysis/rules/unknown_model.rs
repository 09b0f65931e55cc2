//! `unknown-model`: a `claude-…` model id that persona-ls does not know.

use super::support::model_ids::{self, Verdict};
use super::{Explanation, RuleCx};
use crate::diagnostic::Code;

pub const EXPLANATION: Explanation = Explanation {
    text: "The value looks like a Claude model id, but it is not one persona-ls knows. If it is a typo, the request fails: the message names the known id it is closest to (keeping the version). If the model is newer than persona-ls, ignore the warning or add the id to the configuration. Cloud ids (`anthropic.claude-…` on Bedrock, `claude-…@date` on Vertex) are understood.",
    path: ".claude/agents/reviewer.md",
    example: "---\nname: reviewer\ndescription: Reviews code.\nmodel: claude-sonet-4-5\n---\n\nYou review code.\n",
    fixed: "---\nname: reviewer\ndescription: Reviews code.\nmodel: claude-sonnet-4-5\n---\n\nYou review code.\n",
};

pub fn check(cx: &mut RuleCx) {
    for (v, model, verdict) in model_ids::values(cx) {
        let Verdict::UnknownClaude { suggestion } = verdict else {
            continue;
        };
        let mut msg = format!("`{model}` is not a Claude model id persona-ls knows");
        match &suggestion {
            Some(c) => msg.push_str(&format!(": did you mean `{c}`?")),
            None => msg.push_str(
                ". If it is newer than persona-ls, ignore this; otherwise the request fails.",
            ),
        }
        if let Some(d) = cx.report(Code::UnknownModel, v.range.clone(), msg)
            && let Some(c) = suggestion
        {
            d.fixes.push(model_ids::fix(model, c, v));
        }
    }
}
