//! An entry's value as written, read from the text: for entries whose YAML did not parse, the
//! tree has no reliable value.

use crate::syntax::yaml::Entry;
use std::ops::Range;

/// The raw text of an entry's value: from after `: ` to the end of its last non-comment line.
pub fn range(text: &str, e: &Entry) -> Option<Range<usize>> {
    let seg = &text[e.after_colon..e.range.end];
    let lead = seg.len() - seg.trim_start_matches([' ', '\t']).len();
    let start = e.after_colon + lead;
    let mut end = start;
    for (off, line) in crate::text::lines(&text[start..e.range.end]) {
        if off > 0 && line.trim_start().starts_with('#') {
            break;
        }
        if !line.trim().is_empty() {
            end = start + off + line.trim_end().len();
        }
    }
    (end > start).then_some(start..end)
}
