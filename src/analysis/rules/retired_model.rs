//! `retired-model`: a model id that is no longer served.

use super::support::model_ids::{self, Verdict};
use super::{Explanation, RuleCx};
use crate::diagnostic::{Code, Fix, TextEdit};

pub const EXPLANATION: Explanation = Explanation {
    text: "The provider no longer serves this model, so every request with it fails. The message names the model that replaced it; the fix, offered only (another model answers differently), changes to it. Retired Claude ids are reported in every dialect, behind a provider prefix too (`anthropic/claude-3-opus-20240229`).",
    path: ".claude/agents/reviewer.md",
    example: "---\nname: reviewer\ndescription: Reviews code.\nmodel: claude-3-opus-20240229\n---\n\nYou review code.\n",
    fixed: "---\nname: reviewer\ndescription: Reviews code.\nmodel: opus\n---\n\nYou review code.\n",
};

pub fn check(cx: &mut RuleCx) {
    for (v, model, verdict) in model_ids::values(cx) {
        let Verdict::Retired { replacement } = verdict else {
            continue;
        };
        let msg = match &replacement {
            Some(r) => format!(
                "`{model}` is retired and no longer served: requests with it fail. Use `{r}`."
            ),
            None => format!("`{model}` is retired and no longer served: requests with it fail."),
        };
        if let Some(d) = cx.report(Code::RetiredModel, v.range.clone(), msg)
            && let Some(r) = replacement
        {
            d.fixes.push(Fix::manual(
                format!("Change to `{r}`"),
                vec![TextEdit::replace(v.range.clone(), r)],
            ));
        }
    }
}
