//! `name-mismatch`: a name that differs from its file or folder where the dialect requires
//! them to match.

use super::support::entries;
use super::support::slug::is_slug;
use super::RuleCx;
use crate::diagnostic::{Code, Fix, TextEdit};
use crate::schema::NameMatch;
use unicode_normalization::UnicodeNormalization;

pub fn check(cx: &mut RuleCx) {
    for (v, name) in entries::names(cx) {
        let expected = match cx.dialect.name.must_match {
            NameMatch::None => return,
            NameMatch::File => cx.location.stem(cx.registry.file_names()),
            NameMatch::Folder => cx.location.folder(),
        };
        // Compared as the Agent Skills reference does: NFKC on both sides (`café` written
        // with a combining accent is the folder `café`).
        // A blank name is `invalid-name`'s.
        if expected.is_empty() || name.is_empty() || expected.nfkc().eq(name.nfkc()) {
            continue;
        }
        let what = if cx.dialect.name.must_match == NameMatch::Folder {
            "folder"
        } else {
            "file"
        };
        let msg = match &cx.dialect.name.folder_use {
            Some(u) => {
                let in_plugin = cx
                    .dialect
                    .plugin
                    .as_ref()
                    .is_some_and(|p| p.holds(cx.location.rel_path, cx.location.markers));
                let uses = if in_plugin {
                    u.in_plugins.replace("{name}", name)
                } else {
                    u.outside_plugins.replace("{folder}", expected)
                };
                format!(
                    "The name `{name}` differs from its {what} `{expected}`: {uses}, and {}. Rename one of them.",
                    u.required_by
                )
            }
            None => format!(
                "The name `{name}` differs from its {what} `{expected}`: {} uses the {what} name. Rename one of them.",
                cx.dialect.tool
            ),
        };
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
