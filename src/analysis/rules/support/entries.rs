//! The entries that schema rules read: `key: value` pairs that parsed, with the dialect's row
//! for their key. An entry with a YAML error is left to `yaml-syntax` (DESIGN.md §1).

use crate::analysis::RuleCx;
use crate::schema::Key;
use crate::syntax::scalar::{Resolved, Style};
use crate::syntax::yaml::{Entry, Node, Yaml};

/// The front matter's YAML, when it is `key: value` pairs (else `not-a-mapping` says so, and
/// no key can be read).
pub fn mapping<'a>(cx: &RuleCx<'a>) -> Option<&'a Yaml> {
    cx.yaml().filter(|y| y.not_a_mapping.is_none())
}

/// The parsed entries whose key the dialect defines, in file order.
pub fn known<'a>(cx: &RuleCx<'a>) -> impl Iterator<Item = (&'a Entry, &'a Key)> + use<'a> {
    let known = cx.known_entries();
    (0..known.len()).map(move |i| known[i])
}

/// [`known`] entries that have a value.
pub fn with_values<'a>(
    cx: &RuleCx<'a>,
) -> impl Iterator<Item = (&'a Entry, &'a Key, &'a Node)> + use<'a> {
    known(cx).filter_map(|(e, k)| e.value.as_ref().map(|v| (e, k, v)))
}

/// The values of the entries of the name's key that are text (a bare number or boolean is
/// `invalid-type`), with their nodes, trimmed: readers strip the spaces around a name
/// (skills-ref `_validate_name`, VS Code), so a name of only spaces is `""` here. An empty
/// name is a missing one (`missing-required-key`, or `invalid-value` where the key is
/// optional), not listed.
pub fn names<'a>(cx: &RuleCx<'a>) -> impl Iterator<Item = (&'a Node, &'a str)> + use<'a> {
    let role = cx.dialect.roles.name.as_deref();
    with_values(cx)
        .filter(move |(e, _, _)| Some(e.key.as_str()) == role)
        .filter_map(|(_, _, v)| {
            let plain_non_text = v
                .as_scalar()
                .is_some_and(|s| !s.style.is_quoted() && s.resolved != Resolved::Str);
            v.as_str()
                .filter(|name| !plain_non_text && !name.is_empty())
                .map(|name| (v, name.trim()))
        })
}

/// Empty text (`name: ""`): readers take it for no value (Claude Code's `if (!name)`, VS
/// Code's "must not be empty"). Only spaces is text, which Claude Code takes: the name
/// rules report it.
pub fn is_empty_text(v: &Node) -> bool {
    v.as_scalar()
        .is_some_and(|s| (s.style.is_quoted() || s.resolved == Resolved::Str) && s.value.is_empty())
}

/// `key: ~`, `key: null` or nothing after the colon's value: YAML's null.
pub fn is_null(v: &Node) -> bool {
    v.as_scalar()
        .is_some_and(|s| s.style == Style::Plain && s.resolved == Resolved::Null)
}
