//! `retired-model`: a model id that is no longer served.

use super::support::model_ids::{self, Verdict};
use super::RuleCx;
use crate::diagnostic::{Code, Fix, TextEdit};

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
