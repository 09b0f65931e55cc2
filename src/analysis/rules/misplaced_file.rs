//! `misplaced-file`: a file whose path makes its tool's reading of it uncertain.

use super::RuleCx;
use super::cases::SKIPPED_BY_TOOL;
use crate::diagnostic::Code;
use crate::glob::Glob;
use crate::text::lines;

/// The dialect's `skipped_paths`: a file its tool skips on purpose (Gemini CLI skips
/// `_draft.md`). Reports it once and returns whether it did, so that no other rule runs on a
/// file nothing reads.
pub fn skipped_by_tool(cx: &mut RuleCx) -> bool {
    let rel_path = cx.location.rel_path;
    let Some(note) = cx
        .dialect
        .skipped_paths
        .iter()
        .find(|n| Glob::new(&n.glob).is_ok_and(|g| g.is_match(rel_path)))
    else {
        return false;
    };
    let says = note.says.clone();
    let range = first_line(cx);
    cx.report_as(Code::MisplacedFile, Some(&SKIPPED_BY_TOOL), range, says);
    true
}

fn first_line(cx: &RuleCx) -> std::ops::Range<usize> {
    let start = cx.parsed.split.bom;
    start..start + lines(&cx.text[start..]).next().map_or(0, |(_, l)| l.len())
}

/// The dialect's `uncertain_paths`: `.cursor/rules/x.md`, where sources disagree whether Cursor
/// reads a `.md` rule as a manual one or not at all; an OpenCode agent in a plain `agents/`
/// folder, which OpenCode reads only inside a config directory. Said once, on the first line.
pub fn check(cx: &mut RuleCx) {
    let rel_path = cx.location.rel_path;
    let own = || {
        cx.registry
            .by_id(&cx.dialect.id)
            .is_some_and(|i| cx.registry.owns_path(i, rel_path))
    };
    let Some(note) = cx.dialect.uncertain_paths.iter().find(|n| {
        Glob::new(&n.glob).is_ok_and(|g| g.is_match(rel_path)) && !(n.outside_own_paths && own())
    }) else {
        return;
    };
    let says = note.says.clone();
    let range = first_line(cx);
    cx.report(Code::MisplacedFile, range, says);
}
