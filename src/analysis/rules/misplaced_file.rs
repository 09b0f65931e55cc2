//! `misplaced-file`: a file whose path makes its tool's reading of it uncertain.

use super::RuleCx;
use crate::diagnostic::Code;
use crate::glob::Glob;
use crate::text::lines;

/// The dialect's `uncertain_paths`: `.cursor/rules/x.md`, where sources disagree whether Cursor
/// reads a `.md` rule as a manual one or not at all. Said once, on the first line.
pub fn check(cx: &mut RuleCx) {
    let Some(note) = cx.dialect.uncertain_paths.iter().find(|n| {
        Glob::new(&n.glob).is_ok_and(|g| g.is_match(cx.location.rel_path))
    }) else {
        return;
    };
    let start = cx.parsed.split.bom;
    let end = start + lines(&cx.text[start..]).next().map_or(0, |(_, l)| l.len());
    cx.report(Code::MisplacedFile, start..end, note.says.clone());
}
