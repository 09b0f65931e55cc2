//! `empty-body`: front matter with no instructions below it.

use super::RuleCx;
use crate::diagnostic::Code;

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
