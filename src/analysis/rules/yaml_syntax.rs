//! `yaml-syntax`: the front matter is not valid YAML, at the exact position and in plain words.

use super::cases::TOLERATED;
use super::support::{continued, entries, value_text};
use super::RuleCx;
use crate::analysis::quote;
use crate::diagnostic::{Code, Fix, TextEdit};
use crate::schema::{LenientYaml, ValueType};
use crate::syntax::continuation::Continued;
use crate::syntax::yaml::{Entry, SyntaxError};
use std::ops::Range;

pub fn check(cx: &mut RuleCx) {
    let Some(yaml) = entries::mapping(cx) else {
        return;
    };
    for c in &yaml.continued {
        continued_value(cx, &yaml.entries[c.entry], c);
    }
    for err in &yaml.errors {
        syntax_error(cx, err);
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
        // Claude Code's parseFrontmatter quotes a one-line top-level value holding a special
        // character and parses again: errors that quoting repairs, on such a line.
        LenientYaml::QuotedRetry => {
            let quotable = problem.starts_with("mapping values are not allowed")
                || problem.contains("while scanning an alias")
                || problem.contains("while scanning an anchor")
                || problem.starts_with("found character that cannot start any token");
            let one_line = err
                .entry
                .and_then(|i| cx.yaml().map(|y| &y.entries[i]))
                .and_then(|e| value_text::range(cx.text, e).filter(|_| simple_pair(cx.text, e)))
                .is_some_and(|v| !cx.text[v].contains(['\n', '\r']));
            quotable && one_line
        }
        LenientYaml::AliasAsText => {
            problem.contains("while scanning an alias") || problem.contains("while scanning an anchor")
        }
        LenientYaml::None => false,
    }
}

fn syntax_error(cx: &mut RuleCx, err: &SyntaxError) {
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
        || err.problem.contains("while scanning an anchor");
    let at = match &value {
        Some(v) if alias => &cx.text[v.start..],
        _ => at,
    };
    let (relative, what) = explain(&err.problem, at);
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
    let lenient = tolerated(cx, err);
    // A tool with its own reader (Cursor) reads the line as written and keeps quotes as part
    // of the value: `globs: '**/*.ts'` matches no file (tested against Cursor 3.17.8,
    // cosai-oasis/project-codeguard#121). Quoting, the fix strict parsers want, would break
    // the file for its own tool: no fix, and no advice to quote.
    let own_reader = cx.dialect.lenient_yaml == LenientYaml::All;
    let what = if own_reader {
        what.split(" Quote the value")
            .next()
            .unwrap_or(&what)
            .to_string()
    } else {
        what
    };
    let who = if own_reader {
        format!(
            "{0} reads it as written, but strict YAML parsers (GitHub, VS Code, skill uploads, converters) reject the whole file. Quoting it would not help: {0} keeps the quotes as part of the value.",
            cx.dialect.tool
        )
    } else if lenient && cx.dialect.lenient_yaml == LenientYaml::AliasAsText {
        "VS Code and current Copilot CLI read it as text, but strict YAML parsers (GitHub's file view, Copilot CLI before 1.0.48, converters) reject the whole file.".to_string()
    } else if lenient {
        format!(
            "{} tolerates it, but strict YAML parsers (GitHub, VS Code, skill uploads, converters) reject the whole file.",
            cx.dialect.tool
        )
    } else if let Some(u) = &cx.dialect.unparsable {
        u.says.clone()
    } else {
        format!("{} cannot read the front matter.", cx.dialect.tool)
    };
    // Quoting repairs a value that YAML misreads; it cannot repair indentation or a tab.
    let quotable = err.problem.starts_with("mapping values are not allowed")
        || err.problem.contains("while scanning an alias")
        || err.problem.contains("while scanning an anchor")
        || (err
            .problem
            .starts_with("found character that cannot start any token")
            && !at.starts_with('\t'));
    let fixes = if quotable && !own_reader {
        entry
            .filter(|e| simple_pair(cx.text, e))
            .zip(value)
            .map(|(e, v)| value_fixes(cx, e, v))
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    let case = lenient.then_some(&TOLERATED);
    if let Some(d) = cx.report_as(Code::YamlSyntax, case, range, format!("{what} {who}")) {
        d.fixes.extend(fixes);
    }
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
    let own_reader = cx.dialect.lenient_yaml == LenientYaml::All;
    let who = if own_reader {
        format!(
            "{} reads the file with its own reader, but strict YAML parsers (GitHub, VS Code, converters) reject it.",
            cx.dialect.tool
        )
    } else {
        match &cx.dialect.unparsable {
            Some(u) => u.says.clone(),
            None => format!("{} cannot read the front matter.", cx.dialect.tool),
        }
    };
    let key = &e.key;
    let msg = format!(
        "The value of `{key}` goes on at {at} not indented under it: YAML does not read {them} as part of the value, so the front matter does not parse. {who} Make `{key}` a block scalar (`{key}: |-`) and indent {those}."
    );
    // A tool with its own line reader would read `|-` as the value.
    let fix = (!own_reader)
        .then(|| continued::block_scalar(cx.text, e, c, cx.line_ending()))
        .flatten();
    let case = own_reader.then_some(&TOLERATED);
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

/// Plain words for libyaml's problems. Returns a range relative to the error position (empty
/// to keep libyaml's) and the explanation.
fn explain(problem: &str, at: &str) -> (Range<usize>, String) {
    let c = at.chars().next().unwrap_or(' ');
    let one = 0..c.len_utf8();
    if problem.starts_with("mapping values are not allowed") {
        return (one, "`: ` inside an unquoted value starts a new key here, so this is not valid YAML. Quote the value, or use a block scalar (`>-`).".into());
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
            format!("`{c}` cannot start an unquoted YAML value. Quote the value."),
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
fn value_fixes(cx: &RuleCx, e: &Entry, v: Range<usize>) -> Vec<Fix> {
    let raw = &cx.text[v.clone()];
    if raw.starts_with(['"', '\'', '|', '>']) {
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
    let as_written = single_line && !raw.contains(" #") && !raw.contains("\t#") && texty;
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

