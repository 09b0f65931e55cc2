//! `misplaced-file`: a file whose path makes its tool's reading of it uncertain.

use super::RuleCx;
use crate::diagnostic::Code;
use crate::glob::Glob;
use crate::text::lines;

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
    let start = cx.parsed.split.bom;
    let end = start + lines(&cx.text[start..]).next().map_or(0, |(_, l)| l.len());
    cx.report(Code::MisplacedFile, start..end, note.says.clone());
}
