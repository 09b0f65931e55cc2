//! `missing-front-matter`: a file that should be a persona has no `---` block.

use super::cases::{NOT_A_PERSONA, OWN_TOOL_READS_IT};
use super::support::rendered_page;
use super::support::slug::slug;
use super::RuleCx;
use crate::analysis::quote;
use crate::diagnostic::{Code, Fix, TextEdit};
use crate::schema::{FrontMatterPolicy, NameFormat};
use crate::text::lines;

/// A file with no `---` block at all, unless it is a pasted page.
pub fn check(cx: &mut RuleCx) {
    // A file pasted from a rendered page is `rendered-front-matter`: one cause, one finding.
    if cx.parsed.split.block.is_some() || rendered_page::find(cx).is_some() {
        return;
    }
    let start = cx.parsed.split.bom;
    let line_end = start + lines(&cx.text[start..]).next().map_or(0, |(_, l)| l.len());
    let range = start..line_end;
    let policy = cx.dialect.front_matter;
    // A README is documentation only where the tool skips a file without front matter: Claude
    // Code reads `.claude/rules/README.md` as a rule, VS Code lists `.github/agents/README.md`
    // as an agent and OpenCode loads it as one, so there the file is what the tool makes of it.
    let tool_reads_it = policy == FrontMatterPolicy::Optional || cx.dialect.without_front_matter.is_some();
    let is_doc = !tool_reads_it
        && cx
            .registry
            .file_names()
            .is_documentation(cx.location.file_name());
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
            d.fixes.push(Fix::manual(
                "Insert front matter from the file name and first paragraph",
                vec![TextEdit::insert(start, insert)],
            ));
        }
        return;
    }
    if policy == FrontMatterPolicy::Optional {
        return;
    }
    let required: Vec<&str> = cx
        .dialect
        .keys
        .iter()
        .filter(|k| k.required)
        .map(|k| k.key.as_str())
        .collect();
    let msg = format!(
        "No front matter: {} skips this file without a word. Add a `---` block with {}.",
        cx.dialect.tool,
        if required.is_empty() {
            "its keys".to_string()
        } else {
            required
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(" and ")
        }
    );
    let insert = insertion(cx);
    if let Some(d) = cx.report(Code::MissingFrontMatter, range, msg) {
        // Offered, not applied: it makes a file its tool skipped load as a persona, with a
        // description guessed from the first paragraph, which decides when it is invoked.
        d.fixes.push(Fix::manual(
            "Insert front matter from the file name and first paragraph",
            vec![TextEdit::insert(start, insert)],
        ));
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
