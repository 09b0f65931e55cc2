//! Finding the front matter: the `---` fences at the top of the file.
//!
//! Claude Code, VS Code and gray-matter only read a block that starts on the very first line.
//! A UTF-8 BOM before the fence hides it from most of them, so the BOM is recorded (and
//! reported) rather than silently skipped.

use crate::text::lines;
use std::ops::Range;

const BOM: &str = "\u{feff}";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// Length of a leading UTF-8 BOM (0 or 3).
    pub bom: usize,
    pub block: Option<Block>,
    /// Where the Markdown body starts.
    pub body_start: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// The opening `---` (without its line break).
    pub open: Range<usize>,
    /// Everything between the fences (starts after the opening line break, ends at the start
    /// of the closing line). For an unclosed block: the YAML-looking lines after the opener.
    pub content: Range<usize>,
    /// The closing `---` line (without its line break), if any.
    pub close: Option<Range<usize>>,
    /// For an unclosed block: a line that was probably meant to close it (`-----`).
    pub near_close: Option<Range<usize>>,
}

impl Split {
    pub fn closed_block(&self) -> Option<&Block> {
        self.block.as_ref().filter(|b| b.close.is_some())
    }
}

fn is_fence(line: &str) -> bool {
    line.trim_end_matches([' ', '\t']) == "---"
}

fn is_near_fence(line: &str) -> bool {
    let t = line.trim_end();
    t.len() > 3 && t.bytes().all(|b| b == b'-')
}

/// A line that can belong to a YAML block mapping: `key: value`, an indented continuation, a
/// list item or a comment. Used to guess where an unclosed block was meant to end.
pub fn looks_like_yaml(line: &str) -> bool {
    if line.trim().is_empty() {
        return false;
    }
    if line.starts_with([' ', '\t', '#', '-']) {
        return true;
    }
    match line.find(':') {
        Some(i) => {
            let key = &line[..i];
            !key.is_empty() && !key.starts_with(['>', '<', '*', '|', '`']) && !key.contains("  ")
        }
        None => false,
    }
}

pub fn split(text: &str) -> Split {
    let bom = if text.starts_with(BOM) { BOM.len() } else { 0 };
    let rest = &text[bom..];
    let mut it = lines(rest).map(|(s, l)| (s + bom, l));
    let Some((_, first)) = it.next() else {
        return Split {
            bom,
            block: None,
            body_start: bom,
        };
    };
    if !is_fence(first) {
        return Split {
            bom,
            block: None,
            body_start: bom,
        };
    }
    let open = bom..bom + 3;
    let content_start = next_line_start(text, bom + first.len());
    let mut last_yaml_end = content_start;
    let mut yaml_run = true;
    let mut near_close = None;
    for (start, line) in it {
        if is_fence(line) {
            let close = start..start + line.trim_end_matches([' ', '\t']).len();
            let body_start = next_line_start(text, start + line.len());
            let block = Block {
                open,
                content: content_start..start,
                close: Some(close),
                near_close: None,
            };
            return Split {
                bom,
                block: Some(block),
                body_start,
            };
        }
        if near_close.is_none() && is_near_fence(line) {
            near_close = Some(start..start + line.trim_end().len());
        }
        if yaml_run && near_close.is_none() {
            // A blank line ends the run: after it, `# Title` is a heading, not a comment.
            if looks_like_yaml(line) {
                last_yaml_end = next_line_start(text, start + line.len());
            } else {
                yaml_run = false;
            }
        }
    }
    let content = content_start..last_yaml_end.max(content_start);
    let body_start = match &near_close {
        Some(r) => next_line_start(text, r.end),
        None => content.end,
    };
    let block = Block {
        open,
        content,
        close: None,
        near_close,
    };
    Split {
        bom,
        block: Some(block),
        body_start,
    }
}

/// A `---` block that is not at the start: other text (an HTML comment, a title, blank lines)
/// comes first, so readers that take front matter only on the first line do not see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hidden {
    /// The text before the opening `---` (after a BOM), with its line breaks.
    pub lead: Range<usize>,
    /// From the opening `---` to the end of the closing `---` line, its line break included.
    pub block: Range<usize>,
    /// The keys at the top level of the block (`key:` at the start of a line), in order.
    pub keys: Vec<Range<usize>>,
}

/// The first `---` block after other text, where the file has none at its start: a `---`
/// line, lines that can belong to a YAML mapping with at least one top-level key, and a
/// closing `---`. A `---` inside a code fence is an example, not a block; after one, nothing
/// is looked for. Linear in the text.
pub fn hidden(text: &str, bom: usize) -> Option<Hidden> {
    let mut it = lines(&text[bom..]).map(|(s, l)| (s + bom, l));
    let open = loop {
        let (start, line) = it.next()?;
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            return None;
        }
        if is_fence(line) {
            break start;
        }
    };
    let mut keys = Vec::new();
    for (start, line) in it {
        if is_fence(line) {
            let end = next_line_start(text, start + line.len());
            return (!keys.is_empty()).then_some(Hidden {
                lead: bom..open,
                block: open..end,
                keys,
            });
        }
        if line.trim().is_empty() {
            continue;
        }
        if !looks_like_yaml(line) {
            return None;
        }
        if !line.starts_with([' ', '\t', '#', '-'])
            && let Some(i) = line.find(':')
        {
            keys.push(start..start + i);
        }
    }
    None
}

/// The offset just after the line break that follows `line_end` (or the end of the text).
pub fn next_line_start(text: &str, line_end: usize) -> usize {
    let b = text.as_bytes();
    match b.get(line_end) {
        Some(b'\r') if b.get(line_end + 1) == Some(&b'\n') => line_end + 2,
        Some(b'\r') | Some(b'\n') => line_end + 1,
        _ => line_end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str) -> (usize, Option<(&str, Option<&str>)>, &str) {
        let s = split(text);
        let block = s
            .block
            .as_ref()
            .map(|b| (&text[b.content.clone()], b.close.clone().map(|r| &text[r])));
        (s.bom, block, &text[s.body_start..])
    }

    #[test]
    fn lf_crlf_and_lone_cr_bom_empty_block_and_trailing_spaces() {
        for (text, want) in [
            (
                "---\na: 1\n---\nbody",
                (0, Some(("a: 1\n", Some("---"))), "body"),
            ),
            (
                "---\r\na: 1\r\n---\r\nbody",
                (0, Some(("a: 1\r\n", Some("---"))), "body"),
            ),
            (
                "---\ra: 1\r---\rbody",
                (0, Some(("a: 1\r", Some("---"))), "body"),
            ),
            ("\u{feff}---\n---\n", (3, Some(("", Some("---"))), "")),
            (
                "--- \na: 1\n---  \nx",
                (0, Some(("a: 1\n", Some("---"))), "x"),
            ),
        ] {
            assert_eq!(parts(text), want, "{text:?}");
        }
    }

    #[test]
    fn a_block_after_other_text_is_found_with_its_keys() {
        fn found(text: &str) -> Option<(&str, &str, Vec<&str>)> {
            hidden(text, split(text).bom).map(|h| {
                let keys: Vec<&str> = h.keys.iter().map(|k| &text[k.clone()]).collect();
                (&text[h.lead], &text[h.block], keys)
            })
        }
        assert_eq!(
            found("<!-- generated -->\n---\nname: x\ndescription: y\n---\nBody\n"),
            Some((
                "<!-- generated -->\n",
                "---\nname: x\ndescription: y\n---\n",
                vec!["name", "description"]
            ))
        );
        assert_eq!(
            found("\u{feff}Title\r\n\r\n---\r\nname: x\r\n---"),
            Some(("Title\r\n\r\n", "---\r\nname: x\r\n---", vec!["name"]))
        );
        assert_eq!(
            found("\n\n---\ntools:\n  - a\n---\n").map(|f| f.0),
            Some("\n\n")
        );
        // A thematic break between paragraphs, a block never closed, an example in a fence,
        // a block with no key: none is front matter.
        for text in [
            "Intro.\n\n---\n\nMore prose here.\n\n---\n",
            "<!-- x -->\n---\nname: x\n",
            "```yaml\n---\nname: x\n---\n```\n",
            "Intro\n---\n- a\n---\n",
        ] {
            assert_eq!(found(text), None, "{text:?}");
        }
    }

    #[test]
    fn no_front_matter() {
        assert_eq!(parts("# Title\n---\n"), (0, None, "# Title\n---\n"));
        assert_eq!(parts(""), (0, None, ""));
        assert_eq!(parts("----\na: 1\n----\n").1, None);
    }

    #[test]
    fn unclosed_block_stops_at_the_yaml_run_and_finds_a_near_fence() {
        let text = "---\nname: x\ndescription: y\n-----------\n\n# Body\n";
        let s = split(text);
        let b = s.block.unwrap();
        assert_eq!(&text[b.content.clone()], "name: x\ndescription: y\n");
        assert_eq!(&text[b.near_close.unwrap()], "-----------");
        assert_eq!(&text[s.body_start..], "\n# Body\n");
        let text = "---\nname: x\n\n# Body\n";
        let b = split(text).block.unwrap();
        assert_eq!(&text[b.content], "name: x\n");
        assert_eq!(b.close, None);
    }
}
