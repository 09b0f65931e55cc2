//! `name-mismatch`: a name that differs from its file or folder where the dialect requires
//! them to match.

use super::support::entries;
use super::support::slug::is_slug;
use super::RuleCx;
use crate::diagnostic::{Code, Fix, TextEdit};
use crate::schema::NameMatch;

pub fn check(cx: &mut RuleCx) {
    for (v, name) in entries::names(cx) {
        let expected = match cx.dialect.name.must_match {
            NameMatch::None => return,
            NameMatch::File => cx.location.stem(cx.registry.file_names()),
            NameMatch::Folder => cx.location.folder(),
        };
        if expected.is_empty() || expected == name {
            continue;
        }
        let what = if cx.dialect.name.must_match == NameMatch::Folder {
            "folder"
        } else {
            "file"
        };
        let msg = format!(
            "The name `{name}` differs from its {what} `{expected}`: {} uses the {what} name, and the Agent Skills spec requires them to match. Rename one of them.",
            cx.dialect.tool
        );
        let range = v.range.clone();
        let plain = !cx.text[range.clone()].starts_with(['"', '\'']);
        let expected = expected.to_string();
        if let Some(d) = cx.report(Code::NameMismatch, range.clone(), msg)
            && plain
            && is_slug(&expected)
        {
            d.fixes.push(Fix::manual(
                format!("Change the name to `{expected}`"),
                vec![TextEdit::replace(range, expected)],
            ));
        }
    }
}
