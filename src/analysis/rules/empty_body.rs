//! `empty-body`: front matter with no instructions below it, or a file with nothing in it.

use super::RuleCx;
use crate::analysis::a_or_an;
use crate::diagnostic::Code;
use crate::schema::FrontMatterPolicy;

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
    } else if split.block.is_none() && cx.text[split.bom..].trim().is_empty() {
        empty_file(cx);
    }
}

/// A file of nothing but blanks, where front matter is optional (a Cursor rule, a command, a
/// prompt file): its tool reads it and gets no text. The body is what is missing, so it is
/// this rule's. Where front matter is required, `missing-front-matter` says it already; where
/// a file without front matter is no persona, there is nothing to say.
fn empty_file(cx: &mut RuleCx) {
    if cx.dialect.front_matter != FrontMatterPolicy::Optional {
        return;
    }
    let start = cx.parsed.split.bom;
    let msg = format!(
        "The file is empty: {} reads it as {} with no text, so it adds nothing. Write its instructions, or delete the file.",
        cx.dialect.tool,
        a_or_an(&cx.dialect.title)
    );
    cx.report(Code::EmptyBody, start..cx.text.len(), msg);
}
