//! `missing-front-matter`, `unclosed-front-matter` and `byte-order-mark`.

use super::super::RuleCx;
use super::super::quote;
use crate::diagnostic::{Code, Fix, Severity, TextEdit};
use crate::schema::{FrontMatterPolicy, NameFormat};
use crate::text::lines;

pub fn check(cx: &mut RuleCx) {
    let split = &cx.parsed.split;
    if split.bom > 0 {
        let hides = split.block.is_some();
        let msg = if hides {
            "A UTF-8 byte-order mark precedes the `---`, which hides the front matter from VS Code and many YAML loaders. Remove it."
        } else {
            "The file starts with a UTF-8 byte-order mark, which some tools read as text. Remove it."
        };
        if let Some(d) = cx.report(Code::ByteOrderMark, Severity::Warning, 0..split.bom, msg) {
            // Offered, never applied by `check --fix`, which keeps a file's BOM.
            d.fixes.push(Fix::manual(
                "Remove the byte-order mark",
                vec![TextEdit::delete(0..split.bom)],
            ));
        }
    }
    let Some(block) = &split.block else { return };
    if block.close.is_some() {
        return;
    }
    let eol = cx.line_ending();
    let (msg, fix) = match &block.near_close {
        Some(r) => {
            let title = "Replace it with `---`";
            let edit = vec![TextEdit::replace(r.clone(), "---")];
            // Safe because a dash line right after the keys can only have been meant to close
            // them: the keys above it become the front matter and the text below stays the
            // body. A dash line further down (a Markdown rule in the body) would pull the
            // text above it into the front matter: offered only.
            let adjacent = only_keys_between(&cx.text[block.content.start..r.start]);
            (
                format!(
                    "The front matter is never closed: `{}` is not a closing fence, which must be exactly `---`. Until it is closed, {} reads none of these keys.",
                    ellipsis(&cx.text[r.clone()]),
                    cx.dialect.tool
                ),
                if adjacent {
                    Fix::safe(title, edit)
                } else {
                    Fix::manual(title, edit)
                },
            )
        }
        None => (
            format!(
                "The front matter opened here is never closed. Add a `---` line after the last key; until then {} reads none of these keys.",
                cx.dialect.tool
            ),
            // Offered, not applied: where the keys end is a guess (a body line such as
            // `Note: …` looks like a key), and a wrong guess moves body text into the front
            // matter or keys into the prompt.
            Fix::manual(
                "Close the front matter after the last key",
                vec![close_after(cx.text, block.content.end, eol)],
            ),
        ),
    };
    if let Some(d) = cx.report(
        Code::UnclosedFrontMatter,
        Severity::Error,
        block.open.clone(),
        msg,
    ) {
        d.fixes.push(fix);
    }
}

/// Whether `between` (the text from the opening `---` to a dash line) is one run of
/// key-looking lines, with blank lines only before or after it: the keys the dash line
/// closes, and nothing of the body.
fn only_keys_between(between: &str) -> bool {
    let lines: Vec<&str> = lines(between).map(|(_, l)| l).collect();
    let blank = |l: &&str| l.trim().is_empty();
    let start = lines.iter().position(|l| !blank(l));
    let end = lines.iter().rposition(|l| !blank(l));
    match (start, end) {
        (Some(a), Some(b)) => lines[a..=b]
            .iter()
            .all(|l| !blank(l) && crate::syntax::front_matter::looks_like_yaml(l)),
        _ => false,
    }
}

fn close_after(text: &str, at: usize, eol: &str) -> TextEdit {
    // `at` is the start of a line, or the end of a file without a final line break.
    if at == text.len() && !text.ends_with(['\n', '\r']) {
        TextEdit::insert(at, format!("{eol}---{eol}"))
    } else {
        TextEdit::insert(at, format!("---{eol}"))
    }
}

fn ellipsis(s: &str) -> String {
    if s.chars().count() > 12 {
        format!("{}…", s.chars().take(8).collect::<String>())
    } else {
        s.to_string()
    }
}

/// `missing-front-matter`: the file has no `---` block at all.
pub fn missing(cx: &mut RuleCx) {
    let start = cx.parsed.split.bom;
    let line_end = start + lines(&cx.text[start..]).next().map_or(0, |(_, l)| l.len());
    let range = start..line_end;
    let is_doc = crate::dialect::is_documentation_file(std::path::Path::new(cx.location.rel_path));
    let policy = cx.dialect.front_matter;
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
        cx.report(Code::MissingFrontMatter, Severity::Hint, range, why);
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
    if let Some(d) = cx.report(Code::MissingFrontMatter, Severity::Error, range, msg) {
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
    let name = match cx.dialect.name.format {
        NameFormat::Skill => slug(cx.location.folder()),
        NameFormat::ClaudeAgent => slug(cx.location.stem()),
        NameFormat::Free => heading
            .clone()
            .unwrap_or_else(|| cx.location.stem().to_string()),
    };
    let description = paragraph
        .or(heading)
        .unwrap_or_else(|| format!("TODO: when to use {name}"));
    let mut out = format!("---{eol}");
    if cx.dialect.key("name").is_some() {
        out.push_str(&format!("name: {}{eol}", quote::scalar(&name)));
    }
    out.push_str(&format!(
        "description: {}{eol}---{eol}{eol}",
        quote::scalar(&description)
    ));
    out
}

pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// The first ATX heading's text and the first paragraph (joined lines, Markdown markers kept
/// out), skipping code fences. A line scanner, not a Markdown parse: `check` needs no tree.
pub fn first_heading_and_paragraph(text: &str) -> (Option<String>, Option<String>) {
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
