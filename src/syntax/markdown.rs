//! The Markdown body: headings, sections and code blocks, for the outline, folding and
//! selection ranges. Diagnostics never need it.
//!
//! Only tree-sitter-md's *block* grammar runs. `MarkdownParser` would also parse an inline tree
//! for every paragraph; the outline only needs spans, and a heading's text is the span of its
//! `inline` node.
//!
//! The body is parsed in pieces of about 64 KB, and no tree is kept. A tree-sitter-md tree
//! takes some 100 bytes per byte of text: a 5 MB persona held 500 MB, and 100,000 headings
//! far more. Pieces are cut only where a line starts at column 0 after a blank line, outside
//! fenced code and the HTML blocks that may span blank lines: there every block has ended
//! (a blank line ends paragraphs, lists and quotes for a line that is not indented), so each
//! piece parses alone as it does in the whole. A piece that finds no such line within 1 MB
//! is cut at the next line anyway (a code block of megabytes is then read in parts). The
//! outline of each piece is kept by its text's hash, so that after an edit only the edited
//! piece is parsed again. The front matter is not parsed at all: its `---` lines would read as
//! a thematic break and a setext underline.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::sync::Arc;
use tree_sitter::{Node, Parser};

/// A heading with the section it opens. Its title is read from the text on demand
/// ([`Heading::title`]): 100,000 headings do not keep 100,000 strings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// The heading itself: the `#` line, or both lines of a setext heading (no line break).
    pub range: Range<usize>,
    /// Where the text is, trimmed (no `#` markers or closing sequence; the heading's start
    /// when it has none).
    pub text_range: Range<usize>,
    /// From the heading to the last non-blank byte before the next heading of the same or a
    /// higher level (or the end of the document).
    pub section: Range<usize>,
}

impl Heading {
    /// The heading's text (a setext heading's lines joined by spaces).
    pub fn title(&self, text: &str) -> String {
        text.get(self.text_range.clone())
            .unwrap_or("")
            .split(['\n', '\r'])
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }
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

/// The outlines of the pieces last parsed, by the hash of their text; offsets are relative to
/// the piece.
#[derive(Debug, Default)]
pub struct OutlineCache {
    pieces: HashMap<(u64, usize), Arc<Outline>>,
}

/// A piece is cut at the first safe line after this many bytes.
const PIECE: usize = 64 * 1024;
/// And at any line after this many.
const MAX_PIECE: usize = 1024 * 1024;

thread_local! {
    static PARSER: RefCell<Parser> = RefCell::new({
        let mut p = Parser::new();
        p.set_language(&tree_sitter_md::LANGUAGE.into()).expect("tree-sitter-md matches tree-sitter");
        p
    });
}

/// Headings, sections and code blocks of `text[body_start..]`. `cache` holds the outlines of
/// the pieces of the last call; it is replaced by this call's.
pub fn outline(text: &str, body_start: usize, cache: &mut OutlineCache) -> Outline {
    let start = crate::text::floor_char_boundary(text, body_start);
    let cuts = pieces(text, start);
    let keys: Vec<(u64, usize)> = cuts
        .iter()
        .map(|piece| {
            let src = &text[piece.clone()];
            let mut h = std::collections::hash_map::DefaultHasher::new();
            src.hash(&mut h);
            (h.finish(), src.len())
        })
        .collect();
    // The pieces not in the cache, parsed on every core: tree-sitter-md reads some 3 MB/s,
    // and 100,000 headings are 2 MB.
    let missing: Vec<usize> = (0..cuts.len())
        .filter(|&i| !cache.pieces.contains_key(&keys[i]))
        .collect();
    let parsed = parse_all(text, &cuts, &missing);
    let mut fresh = missing.into_iter().zip(parsed);
    let mut out = Outline::default();
    let mut next = OutlineCache::default();
    for (i, piece) in cuts.iter().enumerate() {
        let part = match cache.pieces.get(&keys[i]) {
            Some(p) => p.clone(),
            None => fresh.next().map(|(_, p)| Arc::new(p)).unwrap_or_default(),
        };
        let shift = |r: &Range<usize>| r.start + piece.start..r.end + piece.start;
        out.headings.extend(part.headings.iter().map(|h| Heading {
            level: h.level,
            range: shift(&h.range),
            text_range: shift(&h.text_range),
            section: shift(&h.section),
        }));
        out.code_blocks
            .extend(part.code_blocks.iter().map(|c| CodeBlock {
                range: shift(&c.range),
                language: c.language.clone(),
            }));
        next.pieces.insert(keys[i], part);
    }
    *cache = next;
    sections(text, &mut out);
    out
}

/// The outlines of the pieces `which` (indexes into `cuts`, ascending), in that order: on one
/// thread for a little text, else split among the cores.
fn parse_all(text: &str, cuts: &[Range<usize>], which: &[usize]) -> Vec<Outline> {
    let bytes: usize = which.iter().map(|&i| cuts[i].len()).sum();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(4)
        .min(which.len());
    if bytes < 4 * PIECE || threads < 2 {
        return which
            .iter()
            .map(|&i| parse_piece(&text[cuts[i].clone()]))
            .collect();
    }
    let per = which.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = which
            .chunks(per)
            .map(|chunk| {
                let h = scope.spawn(move || {
                    chunk
                        .iter()
                        .map(|&i| parse_piece(&text[cuts[i].clone()]))
                        .collect::<Vec<_>>()
                });
                (h, chunk.len())
            })
            .collect();
        // A piece whose parse panicked has no outline; the others keep their places.
        handles
            .into_iter()
            .flat_map(|(h, n)| h.join().unwrap_or_else(|_| vec![Outline::default(); n]))
            .collect()
    })
}

/// The outline of one piece, parsed on its own (sections are left for the whole).
fn parse_piece(src: &str) -> Outline {
    // tree-sitter-md reads `# x` with no line break after it as an error, not a heading: a
    // piece (the last line of a file, or a piece cut inside a line) gets one to parse.
    if !src.is_empty() && !src.ends_with(['\n', '\r']) {
        let mut out = parse_piece(&format!("{src}\n"));
        let clamp = |r: &mut Range<usize>| *r = r.start.min(src.len())..r.end.min(src.len());
        for h in &mut out.headings {
            clamp(&mut h.range);
            clamp(&mut h.text_range);
            clamp(&mut h.section);
        }
        for c in &mut out.code_blocks {
            clamp(&mut c.range);
        }
        return out;
    }
    let mut out = Outline::default();
    let Some(tree) = PARSER.with(|p| p.borrow_mut().parse(src, None)) else {
        return out;
    };
    let mut stack = vec![tree.root_node()];
    // Children are pushed in reverse so that nodes come out in document order.
    while let Some(node) = stack.pop() {
        match node.kind() {
            "atx_heading" => out.headings.push(atx(node, src)),
            "setext_heading" => out.headings.push(setext(node, src)),
            "fenced_code_block" | "indented_code_block" => {
                out.code_blocks.push(code_block(node, src))
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
    out
}

/// Each heading's section: up to the next heading of the same or a higher level. A stack of
/// open headings makes it one pass.
fn sections(text: &str, out: &mut Outline) {
    let mut open: Vec<usize> = Vec::new();
    for i in 0..=out.headings.len() {
        let (level, at) = match out.headings.get(i) {
            Some(h) => (h.level, h.range.start),
            None => (0, text.len()),
        };
        while let Some(&j) = open.last() {
            if out.headings[j].level < level {
                break;
            }
            open.pop();
            let start = out.headings[j].range.start;
            out.headings[j].section = start..trim_end(text, start..at);
        }
        open.push(i);
    }
}

/// Where tree-sitter-md may be given `text[start..]` piece by piece (see the module docs).
fn pieces(text: &str, start: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut piece_start = start;
    let mut fence: Option<(u8, usize)> = None;
    let mut html: Option<&'static str> = None;
    let mut prev_blank = true;
    for (off, line) in crate::text::lines(&text[start..]) {
        let at = start + off;
        let blank = line.trim().is_empty();
        let len = at - piece_start;
        let safe = fence.is_none()
            && html.is_none()
            && prev_blank
            && !blank
            && !line.starts_with([' ', '\t']);
        if at > piece_start && ((len >= PIECE && safe) || len >= MAX_PIECE) {
            out.push(piece_start..at);
            piece_start = at;
            if len >= MAX_PIECE && !safe {
                fence = None;
                html = None;
            }
        }
        // A line of megabytes is cut inside, before a letter that follows a space: a piece
        // starting there starts a paragraph, never a heading or a fence.
        while at + line.len() - piece_start > MAX_PIECE {
            let from = (piece_start + MAX_PIECE).max(at) - at;
            let Some(cut) = line.as_bytes()[from.min(line.len())..]
                .windows(2)
                .position(|w| w[0] == b' ' && w[1].is_ascii_alphabetic())
                .map(|i| at + from + i + 1)
            else {
                break;
            };
            out.push(piece_start..cut);
            piece_start = cut;
        }
        let indent = line.len() - line.trim_start_matches(' ').len();
        let rest = &line[indent..];
        if let Some((c, n)) = fence {
            let run = rest.bytes().take_while(|&b| b == c).count();
            if indent <= 3 && run >= n && rest[run..].trim().is_empty() {
                fence = None;
            }
        } else if let Some(end) = html {
            if line.to_ascii_lowercase().contains(end) {
                html = None;
            }
        } else if indent <= 3 {
            let run = |c: u8| rest.bytes().take_while(|&b| b == c).count();
            if run(b'`') >= 3 && !rest[run(b'`')..].contains('`') {
                fence = Some((b'`', run(b'`')));
            } else if run(b'~') >= 3 {
                fence = Some((b'~', run(b'~')));
            } else {
                html = html_opener(rest);
            }
        }
        prev_blank = blank;
    }
    if piece_start < text.len() || out.is_empty() {
        out.push(piece_start..text.len());
    }
    out
}

/// The HTML blocks that a blank line does not end (CommonMark types 1 to 5), by what ends
/// them, when `line` opens one and does not end it.
fn html_opener(line: &str) -> Option<&'static str> {
    let head = &line[..crate::text::floor_char_boundary(line, 16)];
    let lower = head.to_ascii_lowercase();
    let tag = |name: &str| {
        lower
            .strip_prefix(name)
            .is_some_and(|r| r.is_empty() || r.starts_with([' ', '\t', '>']))
    };
    let (end, opener) = if tag("<script") {
        ("</script>", 7)
    } else if tag("<pre") {
        ("</pre>", 4)
    } else if tag("<style") {
        ("</style>", 6)
    } else if tag("<textarea") {
        ("</textarea>", 9)
    } else if lower.starts_with("<!--") {
        ("-->", 4)
    } else if lower.starts_with("<?") {
        ("?>", 2)
    } else if lower.starts_with("<![cdata[") {
        ("]]>", 9)
    } else if lower.starts_with("<!")
        && lower.as_bytes().get(2).is_some_and(u8::is_ascii_alphabetic)
    {
        (">", 2)
    } else {
        return None;
    };
    // Opened and closed on the same line: nothing spans.
    (!line[opener..].to_ascii_lowercase().contains(end)).then_some(end)
}

fn span(node: Node, text: &str) -> Range<usize> {
    let r = node.start_byte().min(text.len())..node.end_byte().min(text.len());
    r.start..trim_end(text, r)
}

/// The end of `r` without trailing whitespace and line breaks.
fn trim_end(text: &str, r: Range<usize>) -> usize {
    r.start + text.get(r.clone()).map_or(0, |s| s.trim_end().len())
}

/// Where a heading's text is: its `inline` node without the blanks around, inside `range`.
fn inline_range(node: Option<Node>, text: &str, range: &Range<usize>) -> Range<usize> {
    let Some(n) = node else {
        return range.start..range.start;
    };
    let r = span(n, text);
    let raw = &text[r.clone()];
    let start = (r.start + (raw.len() - raw.trim_start().len())).min(r.end);
    // Kept inside the heading, whatever the grammar's span says (a heading of blanks).
    let start = start.clamp(range.start, range.end);
    start..r.end.clamp(start, range.end)
}

/// A heading of `level` whose title is the node's `heading_content`.
fn heading(node: Node, text: &str, range: Range<usize>, level: u8) -> Heading {
    Heading {
        level,
        text_range: inline_range(node.child_by_field_name("heading_content"), text, &range),
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
    let mut h = heading(node, text, range, level);
    h.text_range.end =
        h.text_range.start + without_closing_hashes(&text[h.text_range.clone()]).len();
    h
}

/// An ATX heading's text without its optional closing sequence (`## Title ##` is `Title`): a
/// run of `#` that ends the line and follows a space, or is all there is (CommonMark §4.2).
/// `# C#` keeps its `#`.
fn without_closing_hashes(s: &str) -> &str {
    let trimmed = s.trim_end();
    let before = trimmed.trim_end_matches('#');
    if before.len() == trimmed.len() {
        return trimmed;
    }
    if before.is_empty() {
        return before;
    }
    if before.ends_with([' ', '\t']) {
        before.trim_end()
    } else {
        trimmed
    }
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
    #[test]
    fn closing_hashes_are_not_text() {
        for (written, title) in [
            ("Deep ###", "Deep"),
            ("Deep #", "Deep"),
            ("C#", "C#"),
            ("a \\#", "a \\#"),
            ("###", ""),
            ("Tabs\t##  ", "Tabs"),
            ("no", "no"),
        ] {
            assert_eq!(super::without_closing_hashes(written), title, "{written:?}");
        }
    }

    use super::*;

    fn outline(text: &str) -> Outline {
        let body = crate::syntax::front_matter::split(text).body_start;
        super::outline(text, body, &mut OutlineCache::default())
    }

    #[test]
    fn headings_sections_and_code_blocks() {
        let text = "---\nname: x\ndescription: y\n---\n# Title\n\nIntro.\n\n## A\n\n```rust\nfn a() {}\n```\n\n## B\ntext\n\nSetext\n------\n\n# Next\n";
        let o = outline(text);
        let titles: Vec<(u8, String)> = o
            .headings
            .iter()
            .map(|h| (h.level, h.title(text)))
            .collect();
        let titles: Vec<(u8, &str)> = titles.iter().map(|(l, t)| (*l, t.as_str())).collect();
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
    fn a_heading_on_the_last_line_without_a_line_break() {
        for text in ["# e", "---\na: b\n---\n# e", "\n# e"] {
            let o = outline(text);
            assert_eq!(o.headings.len(), 1, "{text:?}");
            assert_eq!(o.headings[0].title(text), "e");
            assert!(o.headings[0].range.end <= text.len());
        }
    }

    #[test]
    fn the_front_matter_is_not_a_setext_heading() {
        let text = "---\nname: x\n---\nbody\n";
        assert_eq!(outline(text), Outline::default());
    }

    /// Cut into pieces, a long document has the outline it has whole; an edited piece is the
    /// only one parsed again.
    #[test]
    fn pieces_give_the_outline_of_the_whole() {
        let mut text = String::from("---\nname: x\n---\n# Top\n\n");
        let mut i = 0;
        while text.len() < 6 * PIECE {
            text.push_str(&format!(
                "## Part {i}\n\nSome text.\n\n```md\n# not a heading\n\nstill code\n```\n\n<!--\n\n# hidden\n\n-->\n\n"
            ));
            i += 1;
        }
        let body = crate::syntax::front_matter::split(&text).body_start;
        let cuts = pieces(&text, body);
        assert!(cuts.len() >= 3, "{}", cuts.len());
        assert_eq!(cuts.first().unwrap().start, body);
        assert_eq!(cuts.last().unwrap().end, text.len());
        let whole = {
            let mut o = parse_piece(&text[body..]);
            for h in &mut o.headings {
                h.range = h.range.start + body..h.range.end + body;
                h.text_range = h.text_range.start + body..h.text_range.end + body;
            }
            for c in &mut o.code_blocks {
                c.range = c.range.start + body..c.range.end + body;
            }
            sections(&text, &mut o);
            o
        };
        let mut cache = OutlineCache::default();
        let pieced = super::outline(&text, body, &mut cache);
        assert_eq!(pieced, whole);
        assert_eq!(pieced.headings.len(), i + 1);
        assert_eq!(pieced.code_blocks.len(), i);
        // Edit the last part: every other piece comes from the cache.
        let edited = format!("{text}## Last\n");
        let before: Vec<_> = cache.pieces.values().cloned().collect();
        let o = super::outline(&edited, body, &mut cache);
        assert_eq!(o.headings.last().unwrap().title(&edited), "Last");
        let reused = cache
            .pieces
            .values()
            .filter(|p| before.iter().any(|b| Arc::ptr_eq(b, p)))
            .count();
        assert_eq!(reused, cuts.len() - 1);
    }

    #[test]
    fn a_huge_paragraph_is_cut_at_the_cap() {
        let text = "word ".repeat(MAX_PIECE / 4);
        let cuts = pieces(&text, 0);
        assert_eq!(cuts.len(), 2);
        assert!(cuts[0].len() <= MAX_PIECE + 5);
        assert!(text[cuts[1].clone()].starts_with("word"));
        let text = format!("{}\n", "word\n".repeat(MAX_PIECE / 4));
        let cuts = pieces(&text, 0);
        assert!(cuts.len() >= 2 && cuts.iter().all(|c| c.len() <= MAX_PIECE + 5));
    }

    #[test]
    fn section_ends_at_the_next_heading_of_the_same_level() {
        let text = "# A\n## B\n### C\n## D\n# E\n";
        let o = outline(text);
        let sections: Vec<&str> = o
            .headings
            .iter()
            .map(|h| &text[h.section.clone()])
            .collect();
        assert_eq!(
            sections,
            [
                "# A\n## B\n### C\n## D",
                "## B\n### C",
                "### C",
                "## D",
                "# E"
            ]
        );
    }
}
