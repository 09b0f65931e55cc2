//! `ineffective-key`: a key the tool ignores because of another key.

use super::support::entries;
use super::RuleCx;
use super::cases::REDUNDANT;
use super::support::flag;
use crate::analysis::tool_list;
use crate::diagnostic::{Code, Fix, TextEdit};

pub fn check(cx: &mut RuleCx) {
    allowed_and_denied(cx);
    unmet_requirements(cx);
    overridden(cx);
    ignored_in_plugins(cx);
    ignored_when(cx);
}

/// The dialect's `ignored-when`: a key the tool drops while another key says so. The
/// condition's key must be there: without `tools`, VS Code gives an agent every tool, the
/// `agent` tool among them.
fn ignored_when(cx: &mut RuleCx) {
    let Some(yaml) = cx.yaml() else { return };
    let style = cx.dialect.tools.list_style;
    for rule in &cx.dialect.ignored_when {
        let Some(e) = with_a_value(yaml, &rule.key) else {
            continue;
        };
        let Some(v) = yaml
            .entry(&rule.when.key)
            .filter(|c| c.valid)
            .and_then(|c| c.value.as_ref())
        else {
            continue;
        };
        let when = &rule.when.key;
        let cond = if let Some(tool) = &rule.when.lacks {
            let named = tool_list::tokens(cx.text, v, style).into_iter().any(|t| {
                t.name == *tool || t.name.strip_prefix(tool.as_str()).is_some_and(|r| r.starts_with('/'))
            });
            (!named).then(|| format!("while `{when}` does not list `{tool}`"))
        } else {
            v.as_str()
                .filter(|s| rule.when.one_of.iter().any(|o| o == s))
                .map(|s| format!("with `{when}: {s}`"))
        };
        let Some(cond) = cond else { continue };
        let key = &rule.key;
        let msg = format!("`{key}` is ignored {cond}: {}.", rule.effect);
        cx.report(Code::IneffectiveKey, e.key_range.clone(), msg);
    }
}

/// The dialect's `overridden`: `globs` on a Cursor rule with `alwaysApply: true`, which
/// applies it everywhere anyway. Redundant rather than wrong, so a hint. A key with no value
/// (`globs:`, as Cursor's own rule editor writes it) says nothing and is left alone.
fn overridden(cx: &mut RuleCx) {
    let Some(yaml) = cx.yaml() else { return };
    for e in yaml.entries.iter().filter(|e| e.valid) {
        let Some(o) = flag::overridden(cx, &e.key) else {
            continue;
        };
        let empty = e
            .value
            .as_ref()
            .is_none_or(|v| v.as_str().is_some_and(|s| s.trim().is_empty()));
        if empty {
            continue;
        }
        let (key, by) = (&o.key, format!("{}: {}", o.by.key, o.by.value));
        let msg = format!(
            "`{key}` is ignored when `{by}`: {}. Remove `{key}`, or set `{}: {}`.",
            o.effect, o.by.key, !o.by.value
        );
        cx.report_as(Code::IneffectiveKey, Some(&REDUNDANT), e.key_range.clone(), msg);
    }
}

/// A plugin's agents cannot set `permissionMode`, `hooks` or `mcpServers` (the table's
/// `plugin.ignores`): Claude Code drops them by design, and the agent runs without them.
fn ignored_in_plugins(cx: &mut RuleCx) {
    let Some(plugin) = &cx.dialect.plugin else {
        return;
    };
    let Some(yaml) = cx.yaml() else { return };
    if plugin.ignores.is_empty() || !plugin.holds(cx.location.rel_path, cx.location.markers) {
        return;
    }
    for e in yaml.entries.iter().filter(|e| plugin.ignores.contains(&e.key)) {
        let msg = format!(
            "{} ignores `{}` in a plugin's files: plugins cannot set it, so this runs without it. Remove it, or set it in a project or user copy.",
            cx.dialect.tool, e.key
        );
        cx.report(Code::IneffectiveKey, e.key_range.clone(), msg);
    }
}

/// The dialect's `requires`: `agent` picks the subagent that runs a forked skill or command;
/// without `context: fork` the skill runs inline and `agent` is ignored.
fn unmet_requirements(cx: &mut RuleCx) {
    let Some(yaml) = cx.yaml() else { return };
    for req in &cx.dialect.requires {
        let Some(e) = with_a_value(yaml, &req.key) else {
            continue;
        };
        let needed = yaml.entry(&req.needs.key).and_then(|e| e.value.as_ref());
        if needed.and_then(|v| v.as_str()) == Some(req.needs.value.as_str()) {
            continue;
        }
        let (key, need) = (&req.key, format!("{}: {}", req.needs.key, req.needs.value));
        // With the other key already there (`trigger: model_decision`), the advice is its value.
        let todo = match needed {
            Some(_) => format!("Set `{}` to `{}`", req.needs.key, req.needs.value),
            None => format!("Add `{need}`"),
        };
        let msg = format!(
            "`{key}` only applies with `{need}`: without it {} and ignores `{key}`. {todo}, or remove `{key}`.",
            req.without
        );
        cx.report(Code::IneffectiveKey, e.key_range.clone(), msg);
    }
}

/// The entry of `key` when it is valid and has a value: an empty key has no effect to lose
/// (Windsurf writes `globs:` into every new rule).
fn with_a_value<'y>(
    yaml: &'y crate::syntax::yaml::Yaml,
    key: &str,
) -> Option<&'y crate::syntax::yaml::Entry> {
    yaml.entry(key)
        .filter(|e| e.valid && e.value.as_ref().is_some_and(|v| !is_empty(v)))
}

/// `key:`, `key: ~`, `key: ""` or `key: []`: no value at all.
fn is_empty(v: &crate::syntax::yaml::Node) -> bool {
    use crate::syntax::yaml::NodeKind;
    entries::is_null(v)
        || v.as_str().is_some_and(|s| s.trim().is_empty())
        || matches!(&v.kind, NodeKind::Seq { items, .. } if items.is_empty())
}

/// A tool both in the allow-list and in the deny-list is removed: the allow-list entry is dead.
fn allowed_and_denied(cx: &mut RuleCx) {
    let Some(yaml) = cx.yaml() else { return };
    let (Some(allow_key), Some(deny_key)) = (&cx.dialect.roles.tools, &cx.dialect.roles.denied_tools)
    else {
        return;
    };
    let (Some(allow), Some(deny)) = (yaml.entry(allow_key), yaml.entry(deny_key)) else {
        return;
    };
    let (Some(av), Some(dv)) = (&allow.value, &deny.value) else {
        return;
    };
    if !(allow.valid && deny.valid) {
        return;
    }
    let style = cx.dialect.tools.list_style;
    let denied: Vec<String> = tool_list::tokens(cx.text, dv, style)
        .into_iter()
        .map(|t| t.name)
        .collect();
    for t in tool_list::tokens(cx.text, av, style) {
        if denied.contains(&t.name) {
            let msg = format!(
                "`{}` is in both `{allow_key}` and `{deny_key}`: {} removes it, so listing it in `{allow_key}` does nothing.",
                t.name, cx.dialect.tool
            );
            let removal = list_item_removal(cx.text, t.range.clone());
            if let Some(d) = cx.report(Code::IneffectiveKey, t.range, msg) {
                d.fixes.extend(removal.map(|r| {
                    Fix::manual(
                        format!("Remove it from `{allow_key}`"),
                        vec![TextEdit::delete(r)],
                    )
                }));
            }
        }
    }
}

/// The item and one neighbouring `, ` separator of a comma-separated list, when it has one.
fn list_item_removal(text: &str, item: std::ops::Range<usize>) -> Option<std::ops::Range<usize>> {
    let after = &text[item.end..];
    if let Some(rest) = after.strip_prefix(',') {
        let spaces = rest.len() - rest.trim_start_matches(' ').len();
        return Some(item.start..item.end + 1 + spaces);
    }
    let before = &text[..item.start];
    let trimmed = before.trim_end_matches(' ');
    trimmed.ends_with(',').then(|| trimmed.len() - 1..item.end)
}

