//! `unknown-tool`: a tool name the dialect's tool does not know.

use super::cases::{ALIAS_STILL_WORKS, NO_TOOL_RESOLVES, TOOL_REFUSED};
use super::support::entries;
use super::RuleCx;
use crate::analysis::suggest;
use crate::analysis::tool_list::{Token, base_name, tokens};
use crate::diagnostic::{Code, Fix, TextEdit};
use crate::schema::{Key, Status, Value, ValueType};
use crate::syntax::yaml::{Entry, Node};
use std::collections::HashMap;

/// "Did you mean" answers already found, by key and tool name: a file that repeats its tool
/// lists (a thousand `tools:` lines of the same names) searches once per name, not per use.
type Suggestions = HashMap<(String, String), (Option<String>, bool)>;

pub fn check(cx: &mut RuleCx) {
    let mut suggestions = Suggestions::new();
    for (e, k, v) in entries::with_values(cx) {
        // `tools: ~` names no tool: it is null (`invalid-type`).
        if k.ty == ValueType::Tools && !entries::is_null(v) {
            list(cx, e, k, v, &mut suggestions);
        }
    }
}

fn list(cx: &mut RuleCx, e: &Entry, k: &Key, v: &Node, suggestions: &mut Suggestions) {
    let rules = &cx.dialect.tools;
    let tokens = tokens(cx.text, v, rules.list_style);
    if rules.vocabulary.is_none() || !rules.strict {
        return;
    }
    let known = cx.registry.tool_names(cx.dialect, k);
    let mcp = rules.mcp_prefix.as_deref();
    let verdicts: Vec<(Token, Verdict)> = tokens
        .into_iter()
        .map(|t| {
            let v = judge(&t.name, known, mcp);
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
    // Only the allow-list: a skill's `allowed-tools` pre-approves tools and restricts none.
    let all_unresolved = unresolved > 0
        && unresolved == verdicts.len()
        && rules.refuses_zero_tools
        && cx.dialect.roles.tools.as_deref() == Some(e.key.as_str());
    for (t, mut verdict) in verdicts {
        // The "did you mean" search, only for findings that will be listed.
        if let Verdict::Unknown(close, certain) = &mut verdict
            && cx.listed(Code::UnknownTool)
        {
            let base = base_name(&t.name);
            (*close, *certain) = suggestions
                .entry((e.key.clone(), base.to_string()))
                .or_insert_with(|| {
                    let close = suggest::closest(base, active()).map(str::to_string);
                    let certain = close
                        .as_deref()
                        .is_some_and(|c| suggest::same_word(base, c, active()));
                    (close, certain)
                })
                .clone();
        }
        report(cx, &t, verdict, all_unresolved);
    }
}

enum Verdict {
    Ok,
    /// The tool to use instead, the status, and who still takes the old name.
    Legacy(Option<String>, Status, Option<String>),
    WrongCase(String),
    /// The closest known name, if any, and whether it is the same name spelled with other
    /// separators (`web_fetch` for `WebFetch`).
    Unknown(Option<String>, bool),
}

/// What a tool name is; an unknown one gets its suggestion later (see `check`).
fn judge(name: &str, known: &[Value], mcp_prefix: Option<&str>) -> Verdict {
    let base = base_name(name);
    if mcp_prefix.is_some_and(|p| base.starts_with(p)) || base == "*" {
        return Verdict::Ok;
    }
    if let Some(v) = known.iter().find(|v| v.value == base) {
        return match v.status {
            Status::Active => Verdict::Ok,
            s => Verdict::Legacy(usable(known, v), s, v.still_works.clone()),
        };
    }
    if let Some(v) = known.iter().find(|v| v.value.eq_ignore_ascii_case(base)) {
        return Verdict::WrongCase(v.value.clone());
    }
    Verdict::Unknown(None, false)
}

/// The tool to suggest instead of `v`: its replacement, followed while that is itself legacy
/// or deprecated (`BashOutput` → `TaskOutput` → `Read`), and only if the chain ends at an
/// active tool of the dialect's vocabulary. A suggestion must name a tool that works here.
fn usable(known: &[Value], v: &Value) -> Option<String> {
    let mut at = v;
    // The chain is data; a loop in it must not hang the check.
    for _ in 0..known.len().min(8) {
        let next = at.replacement.as_deref()?;
        at = known.iter().find(|k| k.value == next)?;
        if at.status == Status::Active {
            return Some(at.value.clone());
        }
    }
    None
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
    // A tool that validates every name (Gemini CLI) refuses the file over any one of them.
    let refuses = cx.dialect.tools.refuses_unknown;
    let refused = if refuses {
        format!(" {} refuses the whole file over it.", cx.dialect.tool)
    } else {
        String::new()
    };
    let case = if refuses {
        Some(&TOOL_REFUSED)
    } else {
        all_unresolved.then_some(&NO_TOOL_RESOLVES)
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
        Verdict::Legacy(instead, status, still_works) => {
            let what = if status == Status::Deprecated {
                "deprecated"
            } else {
                "a legacy name"
            };
            let name = &t.name[..base_len];
            let msg = match (&instead, &still_works) {
                (Some(r), Some(who)) => format!("`{name}` is {what} for `{r}`: {who}."),
                (Some(r), None) => format!("`{name}` is {what}; use `{r}`."),
                (None, _) => format!("`{name}` is {what} and may not resolve."),
            };
            let case = still_works.is_some().then_some(&ALIAS_STILL_WORKS);
            if let Some(d) = cx.report_as(Code::UnknownTool, case, base_range.clone(), msg)
                && let Some(r) = instead
                && exact
            {
                d.fixes
                    .push(Fix::manual(format!("Change to `{r}`"), edit(r)));
            }
        }
        Verdict::WrongCase(right) => {
            let msg = format!(
                "Tool names are case-sensitive: `{}` does not resolve; the tool is `{right}`.{zero}{refused}",
                &t.name[..base_len]
            );
            if let Some(d) = cx.report_as(Code::UnknownTool, case, base_range.clone(), msg)
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
                Some(c) => msg.push_str(&format!(": did you mean `{c}`?{refused}")),
                None if refuses => msg.push_str(&format!(":{refused}")),
                None => {
                    msg.push_str(": it is dropped.");
                    if let Some(p) = &cx.dialect.tools.mcp_prefix {
                        msg.push_str(&format!(" MCP tools are written `{p}server__tool`."));
                    }
                }
            }
            msg.push_str(&zero);
            if let Some(d) = cx.report_as(Code::UnknownTool, case, base_range.clone(), msg)
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

