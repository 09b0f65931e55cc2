//! A value that goes on below its key on unindented lines (`syntax::continuation`): the
//! block scalar that holds the whole text.

use crate::analysis::quote;
use crate::diagnostic::TextEdit;
use crate::syntax::continuation::{Continued, is_block};
use crate::syntax::yaml::Entry;

/// The edit that makes `e` a literal block scalar holding its first line and every line
/// below it through `c`, each indented under the key, blank lines kept. `|-`: the value is
/// the text as written, lines and all, with no line break added at its end (a one-line plain
/// value has none either). A block scalar the value already is keeps its header and its
/// indentation. `None` where the header fixes the indentation (`|2`), which the lines would
/// have to match.
pub fn block_scalar(text: &str, e: &Entry, c: &Continued, eol: &str) -> Option<TextEdit> {
    let key_line = text[..e.key_range.start]
        .rfind(['\n', '\r'])
        .map_or(0, |i| i + 1);
    let key_col = e.key_range.start - key_line;
    let after = e.after_colon.min(c.lines.start);
    let own = &text[after..c.lines.start];
    let mut own_lines = crate::text::lines(own).map(|(_, l)| l);
    let first = own_lines.next().unwrap_or("");
    let (start, header, indent, own_strip) = if is_block(e) {
        let header = first.trim();
        if header.contains(|c: char| c.is_ascii_digit()) {
            return None;
        }
        let header_at = after + (first.len() - first.trim_start().len());
        // The block's lines keep their indentation relative to its first line.
        let indent = crate::text::lines(own)
            .skip(1)
            .map(|(_, l)| l)
            .find(|l| !l.trim().is_empty())
            .map_or(key_col + 2, leading_spaces)
            .max(key_col + 1);
        (header_at, header, indent, indent)
    } else {
        (after, "|-", key_col + 2, usize::MAX)
    };
    let mut lines: Vec<&str> = Vec::new();
    if !is_block(e) && !first.trim().is_empty() {
        lines.push(first.trim());
    }
    // The value's own lines (a plain value's indented continuation, a block's content)...
    lines.extend(own_lines.map(|l| strip(l, own_strip)));
    // ...then the unindented ones, which keep what indentation they have past the key's.
    lines.extend(crate::text::lines(&text[c.lines.clone()]).map(|(_, l)| strip(l, key_col)));
    let block = quote::literal_block(lines, indent, eol);
    let written = match header {
        "|-" => format!(" {block}"),
        header => format!("{header}{}", &block[2..]),
    };
    Some(TextEdit::replace(start..c.lines.end, written))
}

fn leading_spaces(l: &str) -> usize {
    l.len() - l.trim_start_matches(' ').len()
}

/// `l` without up to `n` of its leading spaces.
fn strip(l: &str, n: usize) -> &str {
    &l[leading_spaces(l).min(n)..]
}
