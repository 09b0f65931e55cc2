//! `rendered-front-matter`: a persona copied from a rendered web page (GitHub shows front
//! matter as a table), so the `---` block became lines like `name Backend Architect` under
//! page debris ("Skip to content", "File metadata and controls").

use super::support::rendered_page;
use super::RuleCx;
use crate::analysis::quote;
use crate::diagnostic::{Code, Fix, TextEdit};

pub fn check(cx: &mut RuleCx) {
    if cx.parsed.split.block.is_some() {
        return;
    }
    let Some(found) = rendered_page::find(cx) else {
        return;
    };
    let eol = cx.line_ending();
    let mut yaml = format!("---{eol}");
    for (k, v) in &found.pairs {
        yaml.push_str(&format!("{k}: {}{eol}", quote::scalar(v)));
    }
    yaml.push_str(&format!("---{eol}"));
    // Replace through the table's last line break, and keep one blank line before the body.
    let end = crate::syntax::front_matter::next_line_start(cx.text, found.replace.end);
    if !cx.text[end..].starts_with(['\n', '\r']) && end < cx.text.len() {
        yaml.push_str(eol);
    }
    let replace = found.replace.start..end;
    let keys: Vec<String> = found.pairs.iter().map(|(k, _)| format!("`{k}`")).collect();
    let msg = format!(
        "The front matter was lost: this looks like a copy of a rendered web page, where {} became plain `key value` lines{}. {} reads no keys from it. Rebuild the `---` block.",
        keys.join(", "),
        if found.debris {
            " under the page's navigation text"
        } else {
            ""
        },
        cx.dialect.tool
    );
    if let Some(d) = cx.report(Code::RenderedFrontMatter, found.table.clone(), msg) {
        // Offered, not applied: the keys and values are read back from a rendered table
        // (a long value may have been cut or wrapped there), the page text above it is
        // deleted, and a file its tool skipped starts to load as a persona.
        d.fixes.push(Fix::manual(
            "Rebuild the front matter and remove the page debris",
            vec![TextEdit::replace(replace, yaml)],
        ));
    }
}

