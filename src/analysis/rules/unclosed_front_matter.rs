//! `unclosed-front-matter`: an opening `---` without a closing one.

use super::cases::{DASH_LINE_CLOSES, READ_AS_FRONT_MATTER};
use super::RuleCx;
use crate::diagnostic::{Code, Fix, TextEdit};
use crate::schema::ClosingFence;
use crate::text::lines;

pub fn check(cx: &mut RuleCx) {
    let split = &cx.parsed.split;
    let Some(block) = &split.block else { return };
    if block.close.is_some() {
        return;
    }
    let eol = cx.line_ending();
    let (msg, fix) = match &block.near_close {
        Some(r) => {
            let title = "Replace it with `---`";
            let edit = vec![TextEdit::replace(r.clone(), "---")];
            // Safe because a dash line right after the keys can only have been meant to close
            // them: the keys above it become the front matter and the text below stays the
            // body. A dash line further down (a Markdown rule in the body) would pull the
            // text above it into the front matter: offered only.
            let adjacent = only_keys_between(&cx.text[block.content.start..r.start]);
            // Claude Code ends the block at the first `---` anywhere: a dash line right after
            // the keys closes it there, unless a `---` inside a value came first.
            let dashes_close = cx.dialect.closing_fence == ClosingFence::FirstDashes
                && adjacent
                && cx.text[block.content.start..r.end].find("---") == Some(r.start - block.content.start);
            if dashes_close {
                let msg = format!(
                    "`{}` closes the front matter for {}, which ends it at the first `---`, but readers that need a line of exactly `---` (strict YAML tools, editors that read this folder too) find no closing fence and read none of these keys. Replace it with `---`.",
                    ellipsis(&cx.text[r.clone()]),
                    cx.dialect.tool
                );
                if let Some(d) = cx.report_as(
                    Code::UnclosedFrontMatter,
                    Some(&DASH_LINE_CLOSES),
                    r.clone(),
                    msg,
                ) {
                    d.fixes.push(Fix::safe(title, edit));
                }
                return;
            }
            (
                match &cx.dialect.unclosed_front_matter {
                    Some(effect) => format!(
                        "The front matter is never closed: `{}` is not a closing fence, which must be exactly `---`. Until it is closed, {}.",
                        ellipsis(&cx.text[r.clone()]),
                        effect.says
                    ),
                    None => format!(
                        "The front matter is never closed: `{}` is not a closing fence, which must be exactly `---`. Until it is closed, {} reads none of these keys.",
                        ellipsis(&cx.text[r.clone()]),
                        cx.dialect.tool
                    ),
                },
                if adjacent {
                    Fix::safe(title, edit)
                } else {
                    Fix::manual(title, edit)
                },
            )
        }
        None => (
            match &cx.dialect.unclosed_front_matter {
                Some(effect) => format!(
                    "The front matter opened here is never closed: {}. Add a `---` line after the last key.",
                    effect.says
                ),
                None => format!(
                    "The front matter opened here is never closed. Add a `---` line after the last key; until then {} reads none of these keys.",
                    cx.dialect.tool
                ),
            },
            // Offered, not applied: where the keys end is a guess (a body line such as
            // `Note: …` looks like a key), and a wrong guess moves body text into the front
            // matter or keys into the prompt.
            Fix::manual(
                "Close the front matter after the last key",
                vec![close_after(cx.text, block.content.end, eol)],
            ),
        ),
    };
    // Where the tool takes the whole file for the header (VS Code), the keys still work: only
    // the instructions are lost. A `near_close` line (`----`) is still no fence there.
    let case = cx
        .dialect
        .unclosed_front_matter
        .as_ref()
        .map(|_| &READ_AS_FRONT_MATTER);
    if let Some(d) = cx.report_as(Code::UnclosedFrontMatter, case, block.open.clone(), msg) {
        d.fixes.push(fix);
    }
}

/// Whether `between` (the text from the opening `---` to a dash line) is one run of
/// key-looking lines, with blank lines only before or after it: the keys the dash line
/// closes, and nothing of the body.
fn only_keys_between(between: &str) -> bool {
    let lines: Vec<&str> = lines(between).map(|(_, l)| l).collect();
    let blank = |l: &&str| l.trim().is_empty();
    let start = lines.iter().position(|l| !blank(l));
    let end = lines.iter().rposition(|l| !blank(l));
    match (start, end) {
        (Some(a), Some(b)) => lines[a..=b]
            .iter()
            .all(|l| !blank(l) && crate::syntax::front_matter::looks_like_yaml(l)),
        _ => false,
    }
}

fn close_after(text: &str, at: usize, eol: &str) -> TextEdit {
    // `at` is the start of a line, or the end of a file without a final line break.
    if at == text.len() && !text.ends_with(['\n', '\r']) {
        TextEdit::insert(at, format!("{eol}---{eol}"))
    } else {
        TextEdit::insert(at, format!("---{eol}"))
    }
}

fn ellipsis(s: &str) -> String {
    if s.chars().count() > 12 {
        format!("{}…", s.chars().take(8).collect::<String>())
    } else {
        s.to_string()
    }
}

