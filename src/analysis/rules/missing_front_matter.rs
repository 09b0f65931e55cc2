//! `missing-front-matter`: a file that should be a persona has no `---` block, or has one that
//! other text before it hides.

use super::cases::{NOT_AT_START, NOT_A_PERSONA, OWN_TOOL_READS_IT};
use super::support::rendered_page;
use super::support::slug::slug;
use super::RuleCx;
use crate::analysis::quote;
use crate::diagnostic::{Code, Fix, TextEdit};
use crate::schema::{DocumentationFiles, FrontMatterPolicy, FrontMatterReader, Level, NameFormat};
use crate::syntax::front_matter::{self, Hidden};
use crate::text::lines;

/// A file with no `---` block at its start, unless it is a pasted page.
pub fn check(cx: &mut RuleCx) {
    // A file pasted from a rendered page is `rendered-front-matter`: one cause, one finding.
    if cx.parsed.split.block.is_some() || rendered_page::find(cx).is_some() {
        return;
    }
    let start = cx.parsed.split.bom;
    let line_end = start + lines(&cx.text[start..]).next().map_or(0, |(_, l)| l.len());
    let range = start..line_end;
    let policy = cx.dialect.front_matter;
    // A README is documentation where the tool skips it by name (VS Code in `.github/agents`)
    // or passes over a file without front matter in silence; where the tool reads it anyway
    // (Claude Code's `.claude/rules`, OpenCode, Gemini CLI, which reports it) it is what the
    // tool makes of it.
    let file_name = cx.location.file_name();
    let skipped = cx.dialect.skips_files.iter().any(|n| n == file_name);
    let tool_reads_it = match cx.dialect.documentation_files {
        _ if skipped => false,
        DocumentationFiles::Read => true,
        DocumentationFiles::AsAnyFile => {
            policy == FrontMatterPolicy::Optional
                || cx.dialect.without_front_matter.is_some()
                || readers(cx).first().is_some_and(|r| r.level == Level::Warning)
        }
    };
    let is_doc = skipped
        || !tool_reads_it && cx.registry.file_names().is_documentation(file_name);
    if !is_doc && let Some(hidden) = hidden_block(cx) {
        report_hidden(cx, hidden);
        return;
    }
    if is_doc || policy == FrontMatterPolicy::NotAPersonaWithout {
        let why = if is_doc {
            format!(
                "`{}` is documentation, not a persona: it has no front matter, so persona-ls does not check it.",
                cx.location.file_name()
            )
        } else {
            format!(
                "No front matter, so this is not a persona: {} skips files that do not start with `---`, and persona-ls does not check it.",
                cx.dialect.tool
            )
        };
        cx.report_as(Code::MissingFrontMatter, Some(&NOT_A_PERSONA), range, why);
        return;
    }
    if let Some(effect) = &cx.dialect.without_front_matter {
        let msg = format!("No front matter: {}.", effect.says);
        let insert = insertion(cx);
        // The inserted block holds a name and a description: a fix only where those are what
        // the other readers need.
        if let Some(d) = cx.report_as(Code::MissingFrontMatter, Some(&OWN_TOOL_READS_IT), range, msg)
            && policy == FrontMatterPolicy::Required
        {
            offer_insertion(d, start, insert);
        }
        return;
    }
    let readers = readers(cx);
    if policy == FrontMatterPolicy::Required && !readers.is_empty() {
        let body_empty = cx.text[start..].trim().is_empty();
        let effects = effects(&readers, |r| match (&r.without_body, body_empty) {
            (Some(w), true) => w,
            _ => &r.without,
        });
        let msg = format!("No front matter: {effects}. Add a `---` block with {}.", required(cx));
        let case = (readers[0].level == Level::Warning).then_some(&OWN_TOOL_READS_IT);
        let insert = insertion(cx);
        if let Some(d) = cx.report_as(Code::MissingFrontMatter, case, range, msg) {
            offer_insertion(d, start, insert);
        }
        return;
    }
    if policy == FrontMatterPolicy::Optional {
        return;
    }
    let msg = format!(
        "No front matter: {} skips this file without a word. Add a `---` block with {}.",
        cx.dialect.tool,
        required(cx)
    );
    let insert = insertion(cx);
    if let Some(d) = cx.report(Code::MissingFrontMatter, range, msg) {
        offer_insertion(d, start, insert);
    }
}

/// Offered, not applied: it makes a file its tool skipped load as a persona, with a
/// description guessed from the first paragraph, which decides when it is invoked.
fn offer_insertion(d: &mut crate::diagnostic::Diagnostic, at: usize, insert: String) {
    d.fixes.push(Fix::manual(
        "Insert front matter from the file name and first paragraph",
        vec![TextEdit::insert(at, insert)],
    ));
}

/// "`name` and `description`", the required keys, or "its keys".
fn required(cx: &RuleCx) -> String {
    let required: Vec<String> = cx
        .dialect
        .keys
        .iter()
        .filter(|k| k.required)
        .map(|k| format!("`{}`", k.key))
        .collect();
    if required.is_empty() {
        "its keys".to_string()
    } else {
        required.join(" and ")
    }
}

/// The readers of the file's front matter at its path, its own tool first.
fn readers<'a>(cx: &RuleCx<'a>) -> Vec<&'a FrontMatterReader> {
    cx.dialect
        .front_matter_readers
        .iter()
        .filter(|r| r.reads(cx.location.rel_path))
        .collect()
}

/// "Claude Code skips the agent; VS Code lists it …": what each reader does.
fn effects<'r>(readers: &[&'r FrontMatterReader], says: impl Fn(&'r FrontMatterReader) -> &'r str) -> String {
    readers
        .iter()
        .map(|r| format!("{} {}", r.reader, says(r)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// A `---` block after other text, holding a key some dialect defines (a thematic break
/// between prose lines is not one), that a reader of this file does not see.
fn hidden_block(cx: &RuleCx) -> Option<Hidden> {
    let found = front_matter::hidden(cx.text, cx.parsed.split.bom)?;
    let known = cx.registry.all_keys();
    if !found
        .keys
        .iter()
        .any(|k| known.iter().any(|n| *n == cx.text[k.clone()]))
    {
        return None;
    }
    let lead = &cx.text[found.lead.clone()];
    let readers = readers(cx);
    let blind = readers.is_empty() || readers.iter().any(|r| !r.sees_past(lead));
    blind.then_some(found)
}

/// The block is there, but text before it keeps its readers from reading it: say who, what
/// each then does, and move the text below the block, where it stays part of the body.
fn report_hidden(cx: &mut RuleCx, hidden: Hidden) {
    let lead = &cx.text[hidden.lead.clone()];
    let readers: Vec<&FrontMatterReader> =
        readers(cx).into_iter().filter(|r| !r.sees_past(lead)).collect();
    let mut keys: Vec<String> = hidden
        .keys
        .iter()
        .take(4)
        .map(|k| format!("`{}`", &cx.text[k.clone()]))
        .collect();
    if hidden.keys.len() > keys.len() {
        keys.push("…".to_string());
    }
    let keys = keys.join(", ");
    let (msg, level) = match readers.first() {
        Some(own) => {
            let verb = if readers.len() > 1 { "do" } else { "does" };
            let effects = effects(&readers, |r| r.hidden.as_deref().unwrap_or(&r.without));
            let msg = format!(
                "The front matter is not at the start of the file, so {} {verb} not read its keys ({keys}): {effects}. {MOVE}",
                names(&readers)
            );
            (msg, own.hidden_level.unwrap_or(own.level))
        }
        // No table says how this tool finds front matter: every reader that one does looks
        // only at the start.
        None => {
            let msg = format!(
                "The front matter is not at the start of the file, where readers look for it: {} most likely reads none of its keys ({keys}), and takes the `---` block as part of its text. {MOVE}",
                cx.dialect.tool
            );
            (msg, Level::Warning)
        }
    };
    let case = (level == Level::Warning).then_some(&NOT_AT_START);
    // The text before the block, up to the end of its last line that is not blank; blank
    // lines alone: the `---` they push down.
    let shown = lead.trim_end().len();
    let range = if shown == 0 {
        hidden.block.start..hidden.block.start + 3
    } else {
        hidden.lead.start..hidden.lead.start + shown
    };
    let mut block = cx.text[hidden.block.clone()].to_string();
    if !block.ends_with('\n') && !block.ends_with('\r') {
        block.push_str(cx.line_ending());
    }
    let edit = TextEdit::replace(hidden.lead.start..hidden.block.end, format!("{block}{lead}"));
    if let Some(d) = cx.report_as(Code::MissingFrontMatter, case, range, msg) {
        d.fixes.push(Fix::safe(
            "Move the text above the front matter below it",
            vec![edit],
        ));
    }
}

const MOVE: &str = "Move the text above the `---` below the closing `---`.";

/// "Claude Code", "Claude Code and VS Code", "A, B and C".
fn names(readers: &[&FrontMatterReader]) -> String {
    let names: Vec<&str> = readers.iter().map(|r| r.reader.as_str()).collect();
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => names.concat(),
    }
}

/// The block to insert: `name` from the file (or folder, or first heading for free-form
/// names) and `description` from the first paragraph.
fn insertion(cx: &RuleCx) -> String {
    let eol = cx.line_ending();
    let body = &cx.text[cx.parsed.split.bom..];
    let (heading, paragraph) = first_heading_and_paragraph(body);
    let names = cx.registry.file_names();
    let name = match cx.dialect.name.format {
        NameFormat::Skill => slug(cx.location.folder()),
        NameFormat::ClaudeAgent | NameFormat::LowercaseSlug => slug(cx.location.stem(names)),
        NameFormat::Free => heading
            .clone()
            .unwrap_or_else(|| cx.location.stem(names).to_string()),
    };
    let description = paragraph
        .or(heading)
        .unwrap_or_else(|| format!("TODO: when to use {name}"));
    let mut out = format!("---{eol}");
    if let Some(k) = cx.dialect.role(|r| &r.name) {
        out.push_str(&format!("{}: {}{eol}", k.key, quote::scalar(&name)));
    }
    if let Some(k) = cx.dialect.role(|r| &r.description) {
        out.push_str(&format!("{}: {}{eol}", k.key, quote::scalar(&description)));
    }
    out.push_str(&format!("---{eol}{eol}"));
    out
}

/// The first ATX heading's text and the first paragraph (joined lines, Markdown markers kept
/// out), skipping code fences. A line scanner, not a Markdown parse: `check` needs no tree.
fn first_heading_and_paragraph(text: &str) -> (Option<String>, Option<String>) {
    let mut heading = None;
    let mut para: Vec<&str> = Vec::new();
    let mut in_fence = false;
    for (_, line) in lines(text) {
        let t = line.trim();
        if t.starts_with("```") || t.starts_with("~~~") {
            in_fence = !in_fence;
            if !para.is_empty() {
                break;
            }
            continue;
        }
        if in_fence {
            continue;
        }
        if let Some(h) = t.strip_prefix('#') {
            if !para.is_empty() {
                break;
            }
            if heading.is_none() {
                let h = h.trim_start_matches('#').trim();
                if !h.is_empty() {
                    heading = Some(h.to_string());
                }
            }
            continue;
        }
        if t.is_empty() {
            if !para.is_empty() {
                break;
            }
            continue;
        }
        if t.starts_with(['-', '*', '>', '|', '<']) && para.is_empty() {
            continue;
        }
        para.push(t);
    }
    let para = (!para.is_empty()).then(|| {
        let joined = para.join(" ").replace("**", "").replace('`', "");
        if joined.chars().count() > 300 {
            let cut: String = joined.chars().take(300).collect();
            match cut.rfind(". ") {
                Some(i) => cut[..=i].to_string(),
                None => format!("{}…", cut.trim_end()),
            }
        } else {
            joined
        }
    });
    (heading, para)
}
