//! The Markdown body: headings, sections and code blocks, for the outline, folding and
//! selection ranges. Diagnostics never need it.
//!
//! Only tree-sitter-md's *block* grammar runs. `MarkdownParser` would also parse an inline tree
//! for every paragraph and re-parse all of them on every call (seconds for a 5 MB file); the
//! outline only needs spans, and a heading's text is the span of its `inline` node.
//!
//! The front matter is left out of the parse with an included range: its `---` lines would
//! otherwise read as a thematic break and a setext underline (turning the last key into a
//! heading). The language server keeps the tree, `edit`s it as the document changes and
//! re-parses incrementally, and only when a feature asks for the outline.

use std::cell::RefCell;
use std::ops::Range;
use tree_sitter::{InputEdit, Node, Parser, Point, Tree};

/// A heading with the section it opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// The heading's text, trimmed (no `#` markers or closing sequence).
    pub text: String,
    /// The heading itself: the `#` line, or both lines of a setext heading (no line break).
    pub range: Range<usize>,
    /// Where the text is (the heading's start when it has none).
    pub text_range: Range<usize>,
    /// From the heading to the last non-blank byte before the next heading of the same or a
    /// higher level (or the end of the document).
    pub section: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeBlock {
    /// From the opening fence (or first indented line) to the end of the closing fence.
    pub range: Range<usize>,
    /// The info string's first word (` ```rust ` → `rust`).
    pub language: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outline {
    /// In document order.
    pub headings: Vec<Heading>,
    /// In document order.
    pub code_blocks: Vec<CodeBlock>,
}

/// An edit of the text, for [`BodyTree::edit`]. Points are (row, byte column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edit {
    pub start: usize,
    pub old_end: usize,
    pub new_end: usize,
    pub start_point: (usize, usize),
    pub old_end_point: (usize, usize),
    pub new_end_point: (usize, usize),
}

/// The block tree of a document's body.
#[derive(Clone)]
pub struct BodyTree {
    tree: Tree,
}

impl std::fmt::Debug for BodyTree {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BodyTree")
            .field("root", &self.tree.root_node().range())
            .finish()
    }
}

thread_local! {
    static PARSER: RefCell<Parser> = RefCell::new({
        let mut p = Parser::new();
        p.set_language(&tree_sitter_md::LANGUAGE.into()).expect("tree-sitter-md matches tree-sitter");
        p
    });
}

/// The (row, byte column) of `offset`, rows counted by `\n` as tree-sitter counts them.
fn point_of(text: &str, offset: usize) -> Point {
    let before = &text.as_bytes()[..offset.min(text.len())];
    let row = before.iter().filter(|&&b| b == b'\n').count();
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    Point {
        row,
        column: before.len() - line_start,
    }
}

impl BodyTree {
    /// Parses `text` from `body_start` on. `old` must have been [`edit`](Self::edit)ed with
    /// every change since it was parsed; it makes the parse incremental.
    pub fn parse(text: &str, body_start: usize, old: Option<&BodyTree>) -> Option<BodyTree> {
        let start = crate::text::floor_char_boundary(text, body_start);
        let range = tree_sitter::Range {
            start_byte: start,
            end_byte: text.len(),
            start_point: point_of(text, start),
            end_point: Point {
                row: usize::MAX,
                column: usize::MAX,
            },
        };
        PARSER.with(|p| {
            let mut p = p.borrow_mut();
            if p.set_included_ranges(&[range]).is_err() {
                p.set_included_ranges(&[]).ok()?;
            }
            let tree = p.parse(text, old.map(|o| &o.tree));
            // The parser is shared by the thread: leave it as it was found.
            let _ = p.set_included_ranges(&[]);
            tree.map(|tree| BodyTree { tree })
        })
    }

    /// Records an edit so that the next [`parse`](Self::parse) can reuse unchanged subtrees.
    pub fn edit(&mut self, e: &Edit) {
        let pt = |(row, column): (usize, usize)| Point { row, column };
        self.tree.edit(&InputEdit {
            start_byte: e.start,
            old_end_byte: e.old_end,
            new_end_byte: e.new_end,
            start_position: pt(e.start_point),
            old_end_position: pt(e.old_end_point),
            new_end_position: pt(e.new_end_point),
        });
    }

    /// Headings, sections and code blocks. `text` is the text the tree was parsed from.
    pub fn outline(&self, text: &str) -> Outline {
        let mut out = Outline::default();
        let mut stack = vec![self.tree.root_node()];
        // Children are pushed in reverse so that nodes come out in document order.
        while let Some(node) = stack.pop() {
            match node.kind() {
                "atx_heading" => out.headings.push(atx(node, text)),
                "setext_heading" => out.headings.push(setext(node, text)),
                "fenced_code_block" | "indented_code_block" => {
                    out.code_blocks.push(code_block(node, text))
                }
                "paragraph" | "inline" | "html_block" | "pipe_table" | "minus_metadata"
                | "plus_metadata" => {}
                _ => {
                    let mut cursor = node.walk();
                    let children: Vec<Node> = node.children(&mut cursor).collect();
                    stack.extend(children.into_iter().rev());
                }
            }
        }
        let len = text.len();
        for i in 0..out.headings.len() {
            let level = out.headings[i].level;
            let end = out.headings[i + 1..]
                .iter()
                .find(|h| h.level <= level)
                .map_or(len, |h| h.range.start);
            let start = out.headings[i].range.start;
            out.headings[i].section = start..trim_end(text, start..end);
        }
        out
    }
}

fn span(node: Node, text: &str) -> Range<usize> {
    let r = node.start_byte().min(text.len())..node.end_byte().min(text.len());
    r.start..trim_end(text, r)
}

/// The end of `r` without trailing whitespace and line breaks.
fn trim_end(text: &str, r: Range<usize>) -> usize {
    r.start + text.get(r.clone()).map_or(0, |s| s.trim_end().len())
}

fn inline_text(node: Option<Node>, text: &str, fallback: usize) -> (String, Range<usize>) {
    match node {
        Some(n) => {
            let r = span(n, text);
            let raw = &text[r.clone()];
            let lead = raw.len() - raw.trim_start().len();
            let r = r.start + lead..r.end;
            // A setext heading's paragraph can span lines: join them as the title.
            let joined = text[r.clone()]
                .split(['\n', '\r'])
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            (joined, r)
        }
        None => (String::new(), fallback..fallback),
    }
}

/// A heading of `level` whose title is the node's `heading_content`.
fn heading(node: Node, text: &str, range: Range<usize>, level: u8) -> Heading {
    let (title, text_range) = inline_text(
        node.child_by_field_name("heading_content"),
        text,
        range.start,
    );
    Heading {
        level,
        text: title,
        text_range,
        section: range.clone(),
        range,
    }
}

fn atx(node: Node, text: &str) -> Heading {
    let range = span(node, text);
    let level = node
        .child(0)
        .and_then(|m| {
            m.kind()
                .strip_prefix("atx_h")
                .and_then(|k| k.strip_suffix("_marker"))
                .and_then(|d| d.parse().ok())
        })
        .unwrap_or(1);
    heading(node, text, range, level)
}

fn setext(node: Node, text: &str) -> Heading {
    let range = span(node, text);
    let mut cursor = node.walk();
    let level = if node
        .children(&mut cursor)
        .any(|c| c.kind() == "setext_h2_underline")
    {
        2
    } else {
        1
    };
    heading(node, text, range, level)
}

fn code_block(node: Node, text: &str) -> CodeBlock {
    let mut cursor = node.walk();
    let language = node
        .children(&mut cursor)
        .find(|c| c.kind() == "info_string")
        .and_then(|i| text.get(i.start_byte()..i.end_byte()))
        .and_then(|s| s.split_whitespace().next())
        .map(str::to_string);
    CodeBlock {
        range: span(node, text),
        language,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline(text: &str) -> Outline {
        let body = crate::syntax::front_matter::split(text).body_start;
        BodyTree::parse(text, body, None).unwrap().outline(text)
    }

    #[test]
    fn headings_sections_and_code_blocks() {
        let text = "---\nname: x\ndescription: y\n---\n# Title\n\nIntro.\n\n## A\n\n```rust\nfn a() {}\n```\n\n## B\ntext\n\nSetext\n------\n\n# Next\n";
        let o = outline(text);
        let titles: Vec<(u8, &str)> = o
            .headings
            .iter()
            .map(|h| (h.level, h.text.as_str()))
            .collect();
        assert_eq!(
            titles,
            [(1, "Title"), (2, "A"), (2, "B"), (2, "Setext"), (1, "Next")]
        );
        let title = &o.headings[0];
        assert_eq!(&text[title.range.clone()], "# Title");
        assert_eq!(&text[title.text_range.clone()], "Title");
        assert!(
            text[title.section.clone()].ends_with("Setext\n------"),
            "{:?}",
            &text[title.section.clone()]
        );
        assert_eq!(
            &text[o.headings[1].section.clone()],
            "## A\n\n```rust\nfn a() {}\n```"
        );
        assert_eq!(&text[o.headings[3].range.clone()], "Setext\n------");
        assert_eq!(o.code_blocks.len(), 1);
        assert_eq!(
            &text[o.code_blocks[0].range.clone()],
            "```rust\nfn a() {}\n```"
        );
        assert_eq!(o.code_blocks[0].language.as_deref(), Some("rust"));
    }

    #[test]
    fn the_front_matter_is_not_a_setext_heading() {
        let text = "---\nname: x\n---\nbody\n";
        assert_eq!(outline(text), Outline::default());
    }

    #[test]
    fn incremental_reparse_after_an_edit() {
        let text = "---\nname: x\n---\n# One\n\ntext\n";
        let body = crate::syntax::front_matter::split(text).body_start;
        let mut tree = BodyTree::parse(text, body, None).unwrap();
        // Insert "# Two\n" at the end.
        let new_text = format!("{text}# Two\n");
        let at = text.len();
        let p = point_of(text, at);
        tree.edit(&Edit {
            start: at,
            old_end: at,
            new_end: new_text.len(),
            start_point: (p.row, p.column),
            old_end_point: (p.row, p.column),
            new_end_point: (p.row + 1, 0),
        });
        let tree = BodyTree::parse(&new_text, body, Some(&tree)).unwrap();
        let titles: Vec<String> = tree
            .outline(&new_text)
            .headings
            .into_iter()
            .map(|h| h.text)
            .collect();
        assert_eq!(titles, ["One", "Two"]);
    }
}
