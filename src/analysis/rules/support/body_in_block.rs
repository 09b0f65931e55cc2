//! Front matter whose closing `---` is missing, so that a later `---` (a Markdown rule in the
//! body) closes it instead: the body's first lines are then read as YAML, and fail one by one.
//! That is one mistake, at the end of the keys, not one per body line.

use crate::syntax::front_matter::looks_like_yaml;
use crate::syntax::yaml::Yaml;
use crate::text::lines;
use std::ops::Range;

/// Where the keys end and the body begins inside a closed block.
pub struct BodyInBlock {
    /// The start of the blank line after the last key: where the closing `---` belongs.
    pub keys_end: usize,
    /// The first line of the body that the block swallowed.
    pub first_body_line: Range<usize>,
    /// The start of the `---` line that closes the block.
    pub close: usize,
}

/// The block `content` of a file, when its first failing line comes after a blank line that
/// follows the keys, and the line after that blank reads like Markdown (a `#` heading or a line
/// that is not `key: value`). Valid YAML comments after a blank line are no body: only a block
/// that fails to parse is judged.
pub fn find(text: &str, yaml: &Yaml, content: Range<usize>, close: usize) -> Option<BodyInBlock> {
    let first_problem = yaml
        .stray
        .iter()
        .map(|s| s.start)
        .chain(yaml.errors.iter().map(|e| e.range.start))
        .min()?;
    let mut seen_key = false;
    let mut blank_at: Option<usize> = None;
    for (start, line) in lines(&text[content.clone()]).map(|(s, l)| (s + content.start, l)) {
        if start > first_problem {
            return None;
        }
        if line.trim().is_empty() {
            if seen_key && blank_at.is_none() {
                blank_at = Some(start);
            }
            continue;
        }
        match blank_at {
            None => {
                // Still in the keys: an unindented `key:` line or what belongs to one.
                if !looks_like_yaml(line) {
                    return None;
                }
                seen_key |= !line.starts_with([' ', '\t', '#', '-']);
            }
            Some(keys_end) => {
                let heading =
                    line.starts_with('#') && line.trim_start_matches('#').starts_with([' ', '\t']);
                if !heading && looks_like_yaml(line) {
                    // More keys after a blank line: not the body.
                    blank_at = None;
                    seen_key = true;
                    continue;
                }
                return (first_problem < close).then(|| BodyInBlock {
                    keys_end,
                    first_body_line: start..start + line.len(),
                    close,
                });
            }
        }
    }
    None
}
