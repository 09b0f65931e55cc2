//! `unknown-model`: a `claude-…` model id that persona-ls does not know.

use super::support::model_ids::{self, Verdict};
use super::RuleCx;
use crate::diagnostic::Code;

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
