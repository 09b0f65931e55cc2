//! `tools-format`: tools written in a form the tool misreads.

use super::support::entries;
use super::RuleCx;
use crate::analysis::quote;
use crate::diagnostic::{Code, Fix, TextEdit};
use crate::schema::ValueType;
use crate::syntax::yaml::{Entry, Node, NodeKind};

pub fn check(cx: &mut RuleCx) {
    if !cx.dialect.tools.flow_list_misread {
        return;
    }
    for (e, k, v) in entries::with_values(cx) {
        if let (ValueType::Tools, NodeKind::Seq { flow: true, items }) = (k.ty, &v.kind) {
            flow_list(cx, e, v, items);
        }
    }
}

/// `tools: [Read, Write]` in a Claude Code agent: the string is split on commas, so `[Read` and
/// `Write]` do not resolve (anthropics/claude-code#14580).
///
/// An empty list is not misread: `tools: []` gives the agent no tools in Claude Code and in
/// VS Code alike (anthropics/claude-code#82562), so it is left alone. Rewriting it to
/// `tools:` would make it null, which some readers take for an omitted key: every tool.
fn flow_list(cx: &mut RuleCx, e: &Entry, v: &Node, items: &[Node]) {
    let names: Vec<&str> = items.iter().filter_map(|i| i.as_str()).collect();
    if names.is_empty() || names.len() != items.len() {
        return;
    }
    let comma = names.join(", ");
    let msg = format!(
        "`{}` is a YAML flow list, which {} misreads: the first and last tools are dropped, or the agent gets no tools at all. Write a comma-separated string: `{}: {comma}`.",
        e.key, cx.dialect.tool, e.key
    );
    if let Some(d) = cx.report(Code::ToolsFormat, v.range.clone(), msg) {
        let title = "Turn the list into a comma-separated string";
        let edit = vec![TextEdit::replace(v.range.clone(), quote::scalar(&comma))];
        // Safe because the string names the same tools in the same order, and every reader
        // splits it back into exactly these items (Claude Code's documented form; VS Code
        // splits a `.claude/agents` string on commas): no item holds a comma, and the string
        // needs no quotes. Otherwise a reader may split it differently: offered, not applied.
        let same_items = !names.iter().any(|n| n.contains(',')) && !quote::needs_quotes(&comma);
        d.fixes.push(if same_items {
            Fix::safe(title, edit)
        } else {
            Fix::manual(title, edit)
        });
    }
}

