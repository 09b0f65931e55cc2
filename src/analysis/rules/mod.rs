//! The rules, one small module each, run in stages (DESIGN.md §1): front-matter structure,
//! YAML syntax, schema checks, then the body. A YAML error suppresses the schema checks of the
//! entry it is in, never the others.

mod body;
mod cross_keys;
mod front_matter;
mod keys;
mod model;
mod name;
mod rendered;
mod tools;
mod values;
mod yaml_syntax;

use super::RuleCx;

pub fn run(cx: &mut RuleCx) {
    front_matter::check(cx);
    let Some(block) = cx.parsed.split.block.as_ref() else {
        if !rendered::check(cx) {
            front_matter::missing(cx);
        }
        body::check(cx);
        return;
    };
    yaml_syntax::check(cx);
    if block.close.is_some() {
        keys::check(cx);
        values::check(cx);
        cross_keys::check(cx);
        body::check(cx);
    }
}

/// The fenced block's opening `---`: where file-level key diagnostics go.
fn fence_range(cx: &RuleCx) -> std::ops::Range<usize> {
    cx.parsed
        .split
        .block
        .as_ref()
        .map_or(0..0, |b| b.open.clone())
}
