//! Tool lists: `tools-format` (a form the tool misreads) and `unknown-tool`.

use super::super::{RuleCx, quote, suggest};
use crate::diagnostic::{Code, Fix, Severity, TextEdit};
use crate::schema::{Schema, Status, Value};
use crate::syntax::scalar::{Resolved, Style};
use crate::syntax::yaml::{Entry, Node, NodeKind};
use std::ops::Range;

/// One tool name in a list, with its span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub range: Range<usize>,
    pub name: String,
}

pub fn check(cx: &mut RuleCx, e: &Entry, v: &Node) {
    // `tools: ~` names no tool: it is null (see `values::null_value`).
    if v.as_scalar()
        .is_some_and(|s| s.style == Style::Plain && s.resolved == Resolved::Null)
    {
        return;
    }
    not_names(cx, e, v);
    if let NodeKind::Seq { flow: true, items } = &v.kind
        && cx.dialect.tools.flow_list_misread
    {
        flow_list(cx, e, v, items);
    }
    let tokens = tokens(cx.text, v, cx.dialect.tools.space_separated);
    let Some(vocab) = cx.dialect.tools.vocabulary.as_deref() else {
        return;
    };
    if !cx.dialect.tools.strict {
        return;
    }
    let known = Schema::builtin().set(vocab);
    let verdicts: Vec<(Token, Verdict)> = tokens
        .into_iter()
        .map(|t| {
            let v = judge(&t.name, known);
            (t, v)
        })
        .collect();
    let active = || {
        known
            .iter()
            .filter(|v| v.status == Status::Active)
            .map(|v| v.value.as_str())
    };
    let unresolved = verdicts
        .iter()
        .filter(|(_, v)| matches!(v, Verdict::Unknown(..) | Verdict::WrongCase(_)))
        .count();
    let all_unresolved = unresolved > 0 && unresolved == verdicts.len() && e.key == "tools";
    for (t, mut verdict) in verdicts {
        // The "did you mean" search, only for findings that will be listed.
        if let Verdict::Unknown(close, certain) = &mut verdict
            && cx.listed(Code::UnknownTool)
        {
            *close = suggest::closest(base_name(&t.name), active()).map(str::to_string);
            *certain = close
                .as_deref()
                .is_some_and(|c| suggest::same_word(base_name(&t.name), c, active()));
        }
        report(cx, &t, verdict, all_unresolved);
    }
}

enum Verdict {
    Ok,
    Legacy(Option<String>, Status),
    WrongCase(String),
    /// The closest known name, if any, and whether it is the same name spelled with other
    /// separators (`web_fetch` for `WebFetch`).
    Unknown(Option<String>, bool),
}

/// `Bash(git add:*)`, `Agent(reviewer, tester)`: a permission rule on a tool.
fn base_name(name: &str) -> &str {
    name.split('(').next().unwrap_or(name).trim()
}

/// What a tool name is; an unknown one gets its suggestion later (see `check`).
fn judge(name: &str, known: &[Value]) -> Verdict {
    let base = base_name(name);
    if base.starts_with("mcp__") || base == "*" {
        return Verdict::Ok;
    }
    if let Some(v) = known.iter().find(|v| v.value == base) {
        return match v.status {
            Status::Active => Verdict::Ok,
            s => Verdict::Legacy(v.replacement.clone(), s),
        };
    }
    if let Some(v) = known.iter().find(|v| v.value.eq_ignore_ascii_case(base)) {
        return Verdict::WrongCase(v.value.clone());
    }
    Verdict::Unknown(None, false)
}

fn report(cx: &mut RuleCx, t: &Token, verdict: Verdict, all_unresolved: bool) {
    let zero = if all_unresolved {
        format!(
            " No tool in this list resolves, so {} refuses to start the agent (\"would be spawned with zero tools\").",
            cx.dialect.tool
        )
    } else {
        String::new()
    };
    let severity = if all_unresolved {
        Severity::Error
    } else {
        Severity::Warning
    };
    let base_len = t.name.split('(').next().unwrap_or(&t.name).trim_end().len();
    // The name as written in the text (not behind escapes): only then can an edit replace it.
    let exact = cx.text.get(t.range.clone()) == Some(t.name.as_str());
    let base_range = if exact {
        t.range.start..t.range.start + base_len
    } else {
        t.range.clone()
    };
    let edit = |to: String| {
        if exact {
            vec![TextEdit::replace(base_range.clone(), to)]
        } else {
            Vec::new()
        }
    };
    match verdict {
        Verdict::Ok => {}
        Verdict::Legacy(instead, status) => {
            let what = if status == Status::Deprecated {
                "deprecated"
            } else {
                "a legacy name"
            };
            let msg = match &instead {
                Some(r) => format!("`{}` is {what}; use `{r}`.", &t.name[..base_len]),
                None => format!("`{}` is {what} and may not resolve.", &t.name[..base_len]),
            };
            if let Some(d) = cx.report(
                Code::UnknownTool,
                Severity::Warning,
                base_range.clone(),
                msg,
            ) && let Some(r) = instead
                && exact
            {
                d.fixes
                    .push(Fix::manual(format!("Change to `{r}`"), edit(r)));
            }
        }
        Verdict::WrongCase(right) => {
            let msg = format!(
                "Tool names are case-sensitive: `{}` does not resolve; the tool is `{right}`.{zero}",
                &t.name[..base_len]
            );
            if let Some(d) = cx.report(Code::UnknownTool, severity, base_range.clone(), msg)
                && exact
            {
                // Safe because only the case changes, to the one known name that matches
                // (tool names are case-sensitive, so the name as written resolves to nothing).
                d.fixes.push(Fix::safe(
                    format!("Change to `{right}`"),
                    edit(right.clone()),
                ));
            }
        }
        Verdict::Unknown(close, certain) => {
            let mut msg = format!(
                "Unknown tool `{}` for {}",
                &t.name[..base_len],
                cx.dialect.tool
            );
            match &close {
                Some(c) => msg.push_str(&format!(": did you mean `{c}`?")),
                None => msg.push_str(": it is dropped. MCP tools are written `mcp__server__tool`."),
            }
            msg.push_str(&zero);
            if let Some(d) = cx.report(Code::UnknownTool, severity, base_range.clone(), msg)
                && let Some(c) = close
                && exact
            {
                // A "did you mean" is a guess: the closest name may grant another tool
                // (`grep_search` is near `WebSearch`). Safe only for the same name with other
                // separators or case (`web_fetch` for `WebFetch`), the one known name so spelled.
                let title = format!("Change to `{c}`");
                let edit = edit(c);
                d.fixes.push(if certain {
                    Fix::safe(title, edit)
                } else {
                    Fix::manual(title, edit)
                });
            }
        }
    }
}

/// List items that are not text (a nested list, a mapping), and values too deeply nested to
/// be a tool list: the tool reads no tool name from them. Aliases and tags are left alone:
/// what they stand for is not known here.
fn not_names(cx: &mut RuleCx, e: &Entry, v: &Node) {
    let odd: Vec<(String, &Node)> = match &v.kind {
        NodeKind::Seq { items, .. } => items
            .iter()
            .enumerate()
            .filter(|(_, i)| !matches!(i.kind, NodeKind::Scalar(_) | NodeKind::Other))
            .map(|(n, i)| (format!("Item {} of `{}`", n + 1, e.key), i))
            .collect(),
        NodeKind::Deep => vec![(format!("`{}`", e.key), v)],
        _ => Vec::new(),
    };
    for (what, node) in odd {
        let msg = format!(
            "{what} is {}, not a tool name: {} reads tool names as text, so it grants no tool. Write each tool as a plain name.",
            node.type_name(),
            cx.dialect.tool
        );
        cx.report(
            Code::InvalidType,
            Severity::Warning,
            node.range.clone(),
            msg,
        );
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
    if let Some(d) = cx.report(Code::ToolsFormat, Severity::Warning, v.range.clone(), msg) {
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

/// The tool names of a value, with their spans: list items, or the parts of a comma (or, for
/// skills, space) separated string. Commas inside parentheses (`Agent(a, b)`) do not split.
pub fn tokens(text: &str, v: &Node, split_spaces: bool) -> Vec<Token> {
    match &v.kind {
        NodeKind::Seq { items, .. } => items
            .iter()
            .filter_map(|i| {
                let name = i.as_str()?.trim();
                Some(Token {
                    range: name_span(text, &i.range, name),
                    name: name.to_string(),
                })
            })
            .filter(|t| !t.name.is_empty())
            .collect(),
        NodeKind::Scalar(s) => {
            let raw = &text[v.range.clone()];
            // Offsets map 1:1 for plain and (escape-free) quoted single-line values.
            let (inner, base) = if s.style.is_quoted() && raw.len() >= 2 {
                (&raw[1..raw.len() - 1], v.range.start + 1)
            } else if s.style.is_block() {
                return Vec::new();
            } else {
                (raw, v.range.start)
            };
            split_names(inner, split_spaces)
                .into_iter()
                .map(|r| Token {
                    name: inner[r.clone()].to_string(),
                    range: base + r.start..base + r.end,
                })
                .collect()
        }
        _ => Vec::new(),
    }
}

/// Where `name` (an item's decoded text, trimmed) is written inside `range`: inside the quotes
/// of a quoted item. When the item's text does not hold the name as written (escapes, folded
/// lines), the whole item: a fix then replaces the item, never part of it.
fn name_span(text: &str, range: &Range<usize>, name: &str) -> Range<usize> {
    let raw = &text[range.clone()];
    match raw.find(name) {
        Some(i) if raw.matches(name).count() == 1 => range.start + i..range.start + i + name.len(),
        _ => range.clone(),
    }
}

pub fn split_names(s: &str, split_spaces: bool) -> Vec<Range<usize>> {
    let has_comma = {
        let mut depth = 0i32;
        s.chars().any(|c| {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                ',' if depth == 0 => return true,
                _ => {}
            }
            false
        })
    };
    let split_ws = split_spaces && !has_comma;
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    let push = |a: usize, b: usize, out: &mut Vec<Range<usize>>| {
        let part = &s[a..b];
        let lead = part.len() - part.trim_start().len();
        let t = part.trim();
        if !t.is_empty() {
            out.push(a + lead..a + lead + t.len());
        }
    };
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                push(start, i, &mut out);
                start = i + 1;
            }
            c if split_ws && depth == 0 && c.is_whitespace() => {
                push(start, i, &mut out);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    push(start, s.len(), &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_commas_outside_parentheses() {
        let s = "Read, Agent(a, b),Bash(git add:*)";
        let parts: Vec<&str> = split_names(s, false).into_iter().map(|r| &s[r]).collect();
        assert_eq!(parts, ["Read", "Agent(a, b)", "Bash(git add:*)"]);
        let s = "Read Bash(gh pr view:*)";
        let parts: Vec<&str> = split_names(s, true).into_iter().map(|r| &s[r]).collect();
        assert_eq!(parts, ["Read", "Bash(gh pr view:*)"]);
    }
}
