//! `yaml-syntax`: the front matter is not valid YAML, at the exact position and in plain words.

use super::cases::TOLERATED;
use super::support::second_reading::{Reading, Verdict};
use super::support::body_in_block::{self, BodyInBlock};
use super::support::{continued, entries, value_text};
use super::RuleCx;
use crate::analysis::quote;
use crate::diagnostic::{Code, Fix, TextEdit};
use crate::schema::{LenientYaml, ValueType};
use crate::syntax::continuation::Continued;
use crate::syntax::yaml::{Entry, NodeKind, SyntaxError};
use std::ops::Range;

pub fn check(cx: &mut RuleCx) {
    let Some(yaml) = entries::mapping(cx) else {
        return;
    };
    // The body swallowed by a block that a later `---` closes: one finding at the cause, not
    // one per body line.
    if let Some(block) = cx.parsed.split.closed_block()
        && let Some(close) = &block.close
        && let Some(b) = body_in_block::find(cx.text, yaml, block.content.clone(), close.start)
    {
        body_in_block(cx, &b);
        return;
    }
    for c in &yaml.continued {
        continued_value(cx, &yaml.entries[c.entry], c);
    }
    // Claude Code parses again after quoting values with special characters: replayed once
    // per file, and only where something failed.
    let retries = cx.dialect.lenient_yaml == LenientYaml::QuotedRetry && !yaml.errors.is_empty();
    let reading = cx
        .parsed
        .split
        .block
        .as_ref()
        .filter(|_| retries)
        .map(|b| {
            let lines = crate::text::LineIndex::new(cx.text);
            let is_key = |k: &str| cx.dialect.key(k).is_some();
            (Reading::new(cx.text, yaml, b.content.clone(), is_key), lines)
        });
    for err in &yaml.errors {
        syntax_error(cx, err, reading.as_ref());
    }
    for stray in &yaml.stray {
        let line = &cx.text[stray.clone()];
        let first = line.lines().next().unwrap_or("").trim();
        cx.report(
            Code::YamlSyntax,
            stray.start..stray.start + line.lines().next().unwrap_or("").len(),
            format!("`{}` is not a `key: value` pair. Every front-matter line must be `key: value` (or belong to the value above it).", first),
        );
    }
}

/// Whether the dialect's own tool reads past this strict-YAML error (the schema's
/// `lenient_yaml`): it accepts the file, so it is a warning there.
fn tolerated(cx: &RuleCx, err: &SyntaxError) -> bool {
    let problem = err.problem.as_str();
    match cx.dialect.lenient_yaml {
        LenientYaml::All => true,
        LenientYaml::ColonInValue => problem.starts_with("mapping values are not allowed"),
        // Decided by replaying Claude Code's second reading (see `syntax_error`).
        LenientYaml::QuotedRetry => false,
        LenientYaml::VsCode => {
            is_alias(problem)
                || problem.starts_with("mapping values are not allowed")
                || problem.contains("flow sequence")
                || problem.contains("flow mapping")
        }
        LenientYaml::Unverified => true,
        LenientYaml::None => false,
    }
}

/// libyaml's words for a `*` or `&` where a value starts: an alias or an anchor.
fn is_alias(problem: &str) -> bool {
    problem.contains("while scanning an alias") || problem.contains("while scanning an anchor")
}

fn syntax_error(
    cx: &mut RuleCx,
    err: &SyntaxError,
    reading: Option<&(Reading, crate::text::LineIndex)>,
) {
    if !cx.listed(Code::YamlSyntax) {
        // Only counted: skip the explanation and the fixes.
        cx.report(Code::YamlSyntax, err.range.clone(), String::new());
        return;
    }
    let entry = err.entry.and_then(|i| cx.yaml().map(|y| &y.entries[i]));
    let value = entry.and_then(|e| value_text::range(cx.text, e));
    let at = &cx.text[err.range.start..];
    // libyaml reports an alias or anchor after its indicator: the value's first character is
    // the one that starts it (`*` of `*.ts`).
    let alias = err.problem.contains("while scanning an alias")
        || err.problem.contains("while scanning an anchor")
        || (err.problem.starts_with("unknown anchor")
            && value.as_ref().is_some_and(|v| cx.text[v.clone()].starts_with('*')));
    let at = match &value {
        Some(v) if alias => &cx.text[v.start..],
        _ => at,
    };
    let (relative, what) = explain(&err.problem, at);
    // Brackets and words are text for a text key (quote them); for a list key the fix is the list.
    let text_key = entry.is_some_and(|e| {
        cx.dialect
            .key(&e.key)
            .is_none_or(|k| k.ty == ValueType::String)
    });
    let flow = flow_then_text(cx.text, err, value.as_ref(), text_key);
    let flow_then_text = flow.is_some();
    let what = flow.unwrap_or(what);
    let range = match &value {
        // libyaml stops after the `*` or `&`; point at the whole value.
        Some(v) if alias => v.clone(),
        // It reports an unclosed quote at the end of the input; the opening quote is the news.
        Some(v) if err.problem.contains("quoted scalar") => {
            let first = cx.text[v.start..].chars().next().map_or(0, char::len_utf8);
            v.start..v.start + first
        }
        _ if relative.is_empty() => err.range.clone(),
        _ => err.range.start + relative.start..err.range.start + relative.end,
    };
    // A tool with its own reader (Cursor) reads the line as written, and for some keys keeps
    // quotes as part of the value (the table's `quotes-kept`): quoting, the fix strict parsers
    // want, would then break the file for its own tool, so no fix and no advice to quote.
    let own_reader = cx.dialect.lenient_yaml == LenientYaml::All;
    let quotes_kept = entry
        .filter(|_| own_reader)
        .and_then(|e| cx.dialect.key(&e.key))
        .and_then(|k| k.quotes_kept.as_deref());
    let what = match quotes_kept {
        Some(_) => what
            .split(" Quote the value")
            .next()
            .unwrap_or(&what)
            .to_string(),
        None => what,
    };
    let strict = strict_readers(cx);
    let (lenient, who) = if let Some((r, lines)) = reading {
        second_reading(cx, r, lines, err, &strict)
    } else {
        let lenient = tolerated(cx, err);
        let who = if own_reader {
            let mut who = format!("{} reads it as written; {strict}", cx.dialect.tool);
            if let Some(kept) = quotes_kept {
                who.push_str(&format!(" Quoting it would not help: {kept}."));
            }
            who
        } else if lenient && cx.dialect.lenient_yaml == LenientYaml::VsCode && is_alias(&err.problem) {
            "VS Code and current Copilot CLI read it as text, but strict YAML parsers (GitHub's file view, Copilot CLI before 1.0.48, converters) reject the whole file.".to_string()
        } else if lenient && cx.dialect.lenient_yaml == LenientYaml::VsCode {
            format!("VS Code's own parser reads it as written and marks it; {strict}")
        } else if lenient && cx.dialect.lenient_yaml == LenientYaml::Unverified {
            unknown_reading(cx)
        } else if lenient {
            format!("{} tolerates it, but {strict}", cx.dialect.tool)
        } else {
            unparsable(cx)
        };
        (lenient, who)
    };
    // Quoting repairs a value that YAML misreads; it cannot repair indentation or a tab.
    let quotable = err.problem.starts_with("mapping values are not allowed")
        || err.problem.contains("while scanning an alias")
        || err.problem.contains("while scanning an anchor")
        || err.problem.contains("while scanning a block scalar")
        || alias
        || (err
            .problem
            .starts_with("found character that cannot start any token")
            && !at.starts_with('\t'))
        || (flow_then_text && text_key);
    let fixes = if quotable && quotes_kept.is_none() {
        entry
            .filter(|e| simple_pair(cx.text, e))
            .zip(value)
            .map(|(e, v)| value_fixes(cx, e, v, own_reader))
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    let case = lenient.then_some(&TOLERATED);
    if let Some(d) = cx.report_as(Code::YamlSyntax, case, range, format!("{what} {who}")) {
        d.fixes.extend(fixes);
    }
}

/// `argument-hint: [a] or [b]`: a flow collection that its line goes on after. libyaml's words
/// ("did not find expected key") are about the next key; these name the cause.
fn flow_then_text(
    text: &str,
    err: &SyntaxError,
    value: Option<&Range<usize>>,
    text_key: bool,
) -> Option<String> {
    let v = value?;
    let raw = &text[v.clone()];
    let on_its_line = err.range.start > v.start && !text[v.start..err.range.start].contains(['\n', '\r']);
    if !(err.problem.contains("did not find expected key") && raw.starts_with(['[', '{']) && on_its_line) {
        return None;
    }
    let what = if raw.starts_with('[') {
        "`[...]` at the start of a value is a YAML flow list"
    } else {
        "`{...}` at the start of a value is a YAML flow mapping"
    };
    let fix = if text_key {
        "Quote the value."
    } else {
        "Write one list, its items separated by commas."
    };
    Some(format!("{what}, and the text after it is not valid YAML. {fix}"))
}

/// A value that goes on below its key on lines not indented under it: one diagnostic from
/// the key through the last such line (every line it covers offers the fix), none for the
/// lines inside.
fn continued_value(cx: &mut RuleCx, e: &Entry, c: &Continued) {
    let lines = crate::text::LineIndex::new(cx.text);
    let (first, last) = (
        lines.line_of(c.lines.start) + 1,
        lines.line_of(c.lines.end) + 1,
    );
    let (at, them, those) = if first == last {
        (format!("line {first}, which is"), "it", "that line")
    } else {
        (format!("lines {first}–{last}, which are"), "them", "those lines")
    };
    let (own_reader, tolerated, mut who) =
        broken_block_readers(cx, "reads the file with its own reader");
    // The evidence of the readers' failure is for this shape (anthropics/claude-code#91871).
    if let Some(seen) = cx
        .dialect
        .unparsable
        .as_ref()
        .and_then(|u| u.continued_evidence.as_ref())
        .filter(|_| !own_reader)
    {
        who.push_str(&format!(" Seen in {seen}."));
    }
    let key = &e.key;
    let msg = format!(
        "The value of `{key}` goes on at {at} not indented under it: YAML does not read {them} as part of the value, so the front matter does not parse. {who} Make `{key}` a block scalar (`{key}: |-`) and indent {those}."
    );
    // A tool with its own line reader would read `|-` as the value.
    let fix = (!own_reader)
        .then(|| continued::block_scalar(cx.text, e, c, cx.line_ending()))
        .flatten();
    let case = tolerated.then_some(&TOLERATED);
    // A value that already is a block scalar keeps its own indentation, which the lines
    // below may not share: offered, not applied.
    let text_key = !crate::syntax::continuation::is_block(e)
        && cx
            .dialect
            .key(key)
            .is_some_and(|k| k.ty == ValueType::String);
    if let Some(d) = cx.report_as(Code::YamlSyntax, case, e.key_range.start..c.lines.end, msg)
        && let Some(edit) = fix
    {
        let title = format!("Make `{key}` a block scalar holding the lines below it");
        // Applied by `--fix` only for a text key of the dialect: the block scalar keeps what
        // its tool reads. For a key the dialect does not define, or one of another type
        // (`alwaysApply: … : …` in a command), the text is not known to be meant as a value.
        d.fixes.push(if text_key {
            Fix::safe(title, vec![edit])
        } else {
            Fix::manual(title, vec![edit])
        });
    }
}

/// `---`, keys, a blank line, then the body up to a `---` rule: the keys were never closed.
fn body_in_block(cx: &mut RuleCx, b: &BodyInBlock) {
    let lines = crate::text::LineIndex::new(cx.text);
    let (first, close) = (
        lines.line_of(b.first_body_line.start) + 1,
        lines.line_of(b.close) + 1,
    );
    // A tool with its own reader (Cursor) reads the keys it finds; the others fail on the body.
    let (_, tolerated, who) = broken_block_readers(
        cx,
        "reads the keys it finds, but takes the text above that `---` out of the rule's body",
    );
    let msg = format!(
        "The front matter is not closed after its keys: the `---` on line {close} closes it, so the body from line {first} on is read as YAML, and does not parse. {who} Add a `---` line after the last key."
    );
    let case = tolerated.then_some(&TOLERATED);
    let eol = cx.line_ending();
    if let Some(d) = cx.report_as(Code::YamlSyntax, case, b.first_body_line.clone(), msg) {
        // Offered, not applied: the `---` further down may be meant as a rule in the body, or
        // as the closing fence after keys that really go on below.
        d.fixes.push(Fix::manual(
            "Close the front matter after the last key",
            vec![TextEdit::insert(b.keys_end, format!("---{eol}"))],
        ));
    }
}

/// Plain words for libyaml's problems. Returns a range relative to the error position (empty
/// to keep libyaml's) and the explanation.
fn explain(problem: &str, at: &str) -> (Range<usize>, String) {
    let c = at.chars().next().unwrap_or(' ');
    let one = 0..c.len_utf8();
    if problem.starts_with("mapping values are not allowed") {
        return (one, "`: ` inside an unquoted value starts a new key here, so this is not valid YAML. Quote the value, or use a block scalar (`>-`).".into());
    }
    if problem.starts_with("unknown anchor") && c == '*' {
        return (
            0..0,
            "`*` at the start of a value is a YAML alias in strict YAML, and no anchor has its name. Quote the value.".into(),
        );
    }
    if problem.contains("while scanning a block scalar") {
        return (
            0..0,
            "A value that starts with `|` or `>` is a YAML block scalar, whose text goes on the lines below it: text after it on the same line is not valid YAML. Quote the value.".into(),
        );
    }
    if problem.contains("while scanning an alias") || problem.contains("while scanning an anchor") {
        // libyaml stops after the indicator (at the `.` of `*.md`): name the indicator itself.
        let (indicator, what) = if problem.contains("alias") {
            ('*', "alias")
        } else {
            ('&', "anchor")
        };
        return (
            0..0,
            format!(
                "`{indicator}` at the start of a value begins a YAML {what} in strict YAML, which then does not read the value as text. Quote the value."
            ),
        );
    }
    if problem.starts_with("found character that cannot start any token") {
        if c == '\t' {
            return (
                one,
                "A tab character cannot indent YAML. Use spaces.".into(),
            );
        }
        return (
            one,
            format!(
                "{} cannot start an unquoted YAML value. Quote the value.",
                code_span(&c.to_string())
            ),
        );
    }
    if problem.contains("found unexpected end of stream") && problem.contains("quoted scalar") {
        return (
            0..0,
            "This quoted value is never closed. Add the closing quote.".into(),
        );
    }
    if problem.contains("could not find expected ':'") {
        return (0..0, "A line here has no `:`. Every front-matter line must be `key: value`, or be indented under the key it continues.".into());
    }
    if problem.contains("did not find expected key") {
        return (0..0, "This line is not indented like the keys around it, or a quoted value is followed by more text. Align it, or quote the whole value.".into());
    }
    if problem.contains("flow sequence") || problem.contains("flow mapping") {
        return (0..0, "This `[...]` or `{...}` is not closed, or its items are not separated by commas. Close it, or quote the value if it is text.".into());
    }
    if problem.contains("block sequence entries are not allowed") {
        return (one, "A `- ` list item cannot follow a key on the same line. Put the list on the next lines, or quote the value.".into());
    }
    if problem.contains("found a tab character") {
        return (
            one,
            "A tab character cannot indent YAML. Use spaces.".into(),
        );
    }
    (0..0, format!("Invalid YAML: {problem}."))
}

/// `key: value` with a plain key on one line, right before its `:`: the only shape where
/// quoting what follows the `:` is sure to make the value text (not an explicit `? key`, a
/// quoted key, or a key that spans lines).
fn simple_pair(text: &str, e: &Entry) -> bool {
    text.get(e.key_range.clone()) == Some(e.key.as_str())
        && !e.key.contains(['\n', '\r'])
        && !e.key.starts_with(['?', '"', '\''])
        && text.get(e.key_range.end..e.after_colon) == Some(":")
}

/// Quote the value, or make it a folded block scalar.
/// `own_reader`: the tool reads the line as written and keeps the quotes, so quoting changes
/// what it reads (a `description` shown with its quotes): offered, not applied.
fn value_fixes(cx: &RuleCx, e: &Entry, v: Range<usize>, own_reader: bool) -> Vec<Fix> {
    let raw = &cx.text[v.clone()];
    // A quoted value or a block scalar is not made text by quoting; a `| x` on one line is.
    if raw.starts_with(['"', '\''])
        || (raw.starts_with(['|', '>']) && raw.contains(['\n', '\r']))
    {
        return Vec::new();
    }
    let eol = cx.line_ending();
    let single_line = !raw.contains(['\n', '\r']);
    let folded_text: String = crate::text::lines(raw)
        .map(|(_, l)| l.trim())
        .collect::<Vec<_>>()
        .join(" ");
    let mut fixes = Vec::new();
    let title = format!("Quote the value of `{}`", e.key);
    // Safe because single quotes keep the line exactly as written, which is what a reader
    // that gets past the error reads (Claude Code retries a value with `: ` as that text):
    // only strict readers, which dropped the file, see a change, and that is the fix. Not
    // when ` #` may start a comment (quoted, it becomes part of the value), when the value
    // spans lines (readers fold them differently), or when the key holds a list, a map, a
    // number or a boolean (the author may have meant that structure, not this text).
    let texty = cx.dialect.key(&e.key).is_none_or(|k| {
        matches!(
            k.ty,
            ValueType::String
                | ValueType::Enum
                | ValueType::Color
                | ValueType::Model
                | ValueType::Tools
                | ValueType::StringOrList
        )
    });
    let as_written =
        single_line && !raw.contains(" #") && !raw.contains("\t#") && texty && !own_reader;
    if single_line {
        let edit = vec![TextEdit::replace(v.clone(), quote::single_quoted(raw))];
        fixes.push(if as_written {
            Fix::safe(title, edit)
        } else {
            Fix::manual(title, edit)
        });
    } else {
        fixes.push(Fix::manual(
            title,
            vec![TextEdit::replace(
                v.clone(),
                quote::single_quoted(&folded_text),
            )],
        ));
    }
    fixes.push(Fix::manual(
        format!("Make `{}` a folded block scalar (`>-`)", e.key),
        vec![TextEdit::replace(v, quote::folded_block(raw, 2, eol))],
    ));
    fixes
}


/// What the dialect's strict readers do with the file (the table's `strict_readers`), or what
/// strict parsers in general do.
fn strict_readers(cx: &RuleCx) -> String {
    match &cx.dialect.strict_readers {
        Some(r) => r.says.clone(),
        None => "strict YAML parsers (GitHub's file view, converters) reject the whole file.".into(),
    }
}

/// What the readers do with a block that does not parse: whether the tool has its own reader,
/// whether its own tool is not shown to fail on it (a warning), and what to say. Its own
/// reader (Cursor) `own_says`, and the strict readers fail; a tool whose reading is not known
/// is said to be so; otherwise the table's `unparsable`.
fn broken_block_readers(cx: &RuleCx, own_says: &str) -> (bool, bool, String) {
    let strict = strict_readers(cx);
    match cx.dialect.lenient_yaml {
        LenientYaml::All => (true, true, format!("{} {own_says}; {strict}", cx.dialect.tool)),
        LenientYaml::Unverified => (false, true, unknown_reading(cx)),
        _ => (false, false, unparsable(cx)),
    }
}

/// For a tool whose reading of invalid YAML no source shows: that it is not known, and what
/// the strict readers do.
fn unknown_reading(cx: &RuleCx) -> String {
    format!(
        "What {} does with front matter that is not valid YAML is not known; {}",
        cx.dialect.tool,
        strict_readers(cx)
    )
}

/// What the readers do with front matter that does not parse (the table's `unparsable`).
fn unparsable(cx: &RuleCx) -> String {
    match &cx.dialect.unparsable {
        Some(u) => u.says.clone(),
        None => format!("{} cannot read the front matter.", cx.dialect.tool),
    }
}

/// Whether the error is tolerated, and what the readers do, after Claude Code's second reading
/// (see `syntax::quote_retry`): a warning where it reads the file, an error where it does not
/// or where it misreads a value it rewrote.
fn second_reading(
    cx: &RuleCx,
    r: &Reading,
    lines: &crate::text::LineIndex,
    err: &SyntaxError,
    strict: &str,
) -> (bool, String) {
    let tool = cx
        .dialect
        .lenient_reader
        .as_deref()
        .unwrap_or(&cx.dialect.tool);
    let line_no = |at: usize| lines.line_of(at) + 1;
    let fails = unparsable(cx);
    match r.verdict(err) {
        Verdict::Reads(quoted) => {
            let mut who = format!(
                "{tool} reads past it: when the front matter does not parse, it quotes such values and parses again, reading `{}` as the text {}.",
                quoted.key,
                code_span(&clip(r.reads(quoted)))
            );
            // A list or a map the author meant (`tools: [Read, Grep` without its `]`), now text:
            // fine for a text key, a misreading for any other.
            let text_key = |key: &str| cx.dialect.key(key).is_none_or(|k| k.ty == ValueType::String);
            let mut misread = false;
            if !text_key(&quoted.key) && r.reads(quoted).starts_with(['[', '{']) {
                misread = true;
                who.pop();
                who.push_str(&format!(
                    ", not as a list: {tool} misreads `{}`.",
                    quoted.key
                ));
            }
            for (q, e) in r.changed().take(3) {
                // A scalar that was something else (`&m sonnet` was `sonnet`), or a structure.
                let was = match e.value.as_ref().map(|v| &v.kind) {
                    Some(NodeKind::Scalar(s)) => format!("instead of {}", code_span(&clip(&s.value))),
                    Some(_) => format!("not as {}", e.value.as_ref().map_or("", |v| v.type_name())),
                    None => "instead of null".into(),
                };
                who.push_str(&format!(
                    " That quotes line {} too, so it reads `{}` as the text {}, {was}",
                    line_no(q.line.start),
                    e.key,
                    code_span(&clip(r.reads(q)))
                ));
                // Changed text is still text for a text key; any other key is misread.
                if !text_key(&e.key) {
                    misread = true;
                    who.push_str(&format!(
                        ": {tool} misreads `{}` until this value is quoted.",
                        e.key
                    ));
                } else {
                    who.push('.');
                }
            }
            who.push(' ');
            who.push_str(&capitalized(strict));
            (!misread, who)
        }
        Verdict::FailsElsewhere(at) => (
            true,
            format!(
                "{tool}'s second try, which quotes such values, repairs this line, but the front matter still fails at line {} (reported there). {}",
                line_no(at),
                capitalized(strict)
            ),
        ),
        Verdict::Breaks(q) => (
            false,
            format!(
                "{tool}'s second try quotes such values, but it quotes line {} ({}) too, whose entry then does not parse. {fails}",
                line_no(q.line.start),
                code_span(&format!("{}: {}", q.key, clip(r.reads(q))))
            ),
        ),
        Verdict::Crlf => (
            false,
            format!(
                "{tool}'s second try would quote this value, but not in a file with CRLF line endings, whose lines its pattern does not match. {fails}"
            ),
        ),
        Verdict::NotRepaired => (
            false,
            format!("{tool}'s second try quotes this value, but the entry still does not parse. {fails}"),
        ),
        Verdict::Untouched => (
            false,
            format!(
                "{tool}'s second try, which quotes special characters in unindented `key: value` lines, leaves this line as it is. {fails}"
            ),
        ),
    }
}

/// A value for a message: on one line, at most 60 characters.
fn clip(s: &str) -> String {
    let s = s.trim_end();
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(57).collect::<String>())
    } else {
        s.to_string()
    }
}

/// `s` as Markdown code, fenced with more backticks than it holds in a row.
fn code_span(s: &str) -> String {
    let mut run = 0;
    let mut longest = 0;
    for c in s.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    if longest == 0 {
        return format!("`{s}`");
    }
    let fence = "`".repeat(longest + 1);
    format!("{fence} {s} {fence}")
}

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}
