//! `escaped-newline`: a literal `\n` inside an unquoted value.

use super::support::value_text;
use super::support::entries;
use super::RuleCx;
use super::cases::ESCAPES_SHOWN_BY_OTHERS;
use crate::schema::NewlineEscapes;
use crate::analysis::quote;
use crate::diagnostic::{Code, Fix, TextEdit};
use crate::syntax::scalar::Style;
use crate::syntax::yaml::{Entry, Node, NodeKind};

pub fn check(cx: &mut RuleCx) {
    let Some(yaml) = entries::mapping(cx) else {
        return;
    };
    // Broken entries too: the same description often has a `: ` in it as well.
    for e in &yaml.entries {
        escaped_newline(cx, e);
    }
}

/// A literal `\n` inside a plain scalar stays a backslash and an `n`.
fn escaped_newline(cx: &mut RuleCx, e: &Entry) {
    // A broken entry (often the same description, with a `: ` in it) has no reliable tree:
    // read its raw value text instead.
    let range = if e.valid {
        match e.value.as_ref() {
            Some(v) if v.as_scalar().is_some_and(|s| s.style == Style::Plain) => v.range.clone(),
            _ => return,
        }
    } else {
        match value_text::range(cx.text, e) {
            Some(r) if !cx.text[r.clone()].starts_with(['"', '\'', '|', '>', '[', '{']) => r,
            _ => return,
        }
    };
    let raw = &cx.text[range.clone()];
    if !raw.contains("\\n") {
        return;
    }
    let v = Node {
        range,
        kind: NodeKind::Other,
    };
    let v = &v;
    let eol = cx.line_ending();
    let parts: Vec<&str> = raw.split("\\n").collect();
    // A plain scalar folds its line breaks into spaces; keep that meaning inside each part.
    let folded: Vec<String> = parts
        .iter()
        .map(|p| crate::syntax::scalar::decode_plain(p))
        .collect();
    let block = quote::literal_block(folded.iter().map(String::as_str), 2, eol);
    let dq = format!(
        "\"{}\"",
        raw.replace('\\', "\\\\")
            .replace("\\\\n", "\\n")
            .replace('"', "\\\"")
    );
    let n = parts.len() - 1;
    let escapes = format!(
        "`{}` holds {n} literal `\\n` escape{}",
        e.key,
        if n == 1 { "" } else { "s" }
    );
    // Where the file's own tool turns them into line breaks (Claude Code, an agent's
    // description), only the other readers that show them are news, and only a hint.
    let (msg, case) = match cx.dialect.key(&e.key).and_then(|k| k.newline_escapes.as_ref()) {
        Some(NewlineEscapes {
            shown_by: None, ..
        }) => return,
        Some(NewlineEscapes {
            unescaped_by,
            shown_by: Some(shown_by),
            ..
        }) => (
            format!(
                "{escapes}: {unescaped_by} turns them into line breaks, but {shown_by} show a backslash and an `n`. A block scalar (`|`) gives every reader the line breaks."
            ),
            Some(&ESCAPES_SHOWN_BY_OTHERS),
        ),
        None => (
            format!(
                "{escapes}: in an unquoted value they stay a backslash and an `n`, not line breaks. Use a block scalar (`|`) for real line breaks."
            ),
            None,
        ),
    };
    if let Some(d) = cx.report_as(Code::EscapedNewline, case, v.range.clone(), msg) {
        // Offered, not applied: that `\\n` was meant as a line break is a guess (a description
        // may be about escapes), and readers differ (Claude Code itself turns `\\n` into line
        // breaks in an agent's description; VS Code and strict parsers keep them).
        d.fixes.push(Fix::manual(
            "Turn the `\\n` escapes into a block scalar",
            vec![TextEdit::replace(v.range.clone(), block)],
        ));
        d.fixes.push(Fix::manual(
            "Double-quote the value (escapes become line breaks)",
            vec![TextEdit::replace(v.range.clone(), dq)],
        ));
    }
}
