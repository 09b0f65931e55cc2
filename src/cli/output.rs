//! Output formats of `check`: text (rustc-like), json, sarif 2.1.0 and GitHub annotations.
//! Columns in json and sarif are UTF-16 code units, as LSP counts them.

use super::{FileResult, Summary};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::text::{Encoding, LineIndex, Position};
use serde_json::json;
use std::io::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Text,
    Json,
    Sarif,
    Github,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        Some(match s {
            "text" => Format::Text,
            "json" => Format::Json,
            "sarif" => Format::Sarif,
            "github" => Format::Github,
            _ => return None,
        })
    }
}

/// A diagnostic with its positions resolved.
struct Located<'a> {
    d: &'a Diagnostic,
    start: Position,
    end: Position,
}

/// The diagnostics of one file with their positions.
fn locate(r: &FileResult) -> Vec<Located<'_>> {
    // Diagnostics sit mostly in the front matter: index the lines only as far as needed.
    let last = r.diagnostics.iter().map(|d| d.range.end).max().unwrap_or(0);
    let end = r.text[last.min(r.text.len())..]
        .find('\n')
        .map_or(r.text.len(), |i| last + i + 1);
    let text = &r.text[..end];
    let index = LineIndex::new(text);
    r.diagnostics
        .iter()
        .map(|d| Located {
            d,
            start: index.position(text, d.range.start, Encoding::Utf16),
            end: index.position(text, d.range.end, Encoding::Utf16),
        })
        .collect()
}

/// What one file adds to the output, rendered where it was checked, so that the file's text
/// can be dropped there.
#[derive(Default)]
pub struct Chunk {
    /// For json and sarif: the file's array items, indented and joined by `,\n`.
    bytes: Vec<u8>,
    summary: Summary,
}

impl Chunk {
    /// The chunk's rendered bytes, taken out (for holding them elsewhere), and its counts.
    pub fn into_parts(self) -> (Vec<u8>, Summary) {
        (self.bytes, self.summary)
    }

    pub fn from_parts(bytes: Vec<u8>, summary: Summary) -> Chunk {
        Chunk { bytes, summary }
    }
}

/// Renders files in one format. JSON and SARIF put every finding in one array: its items are
/// rendered per file, and the [`Sink`] writes what goes around and between them.
pub struct Renderer {
    format: Format,
    frame: Option<Frame>,
}

impl Renderer {
    pub fn new(format: Format) -> Renderer {
        let frame = match format {
            Format::Json => Some(Frame::around(|items| items)),
            Format::Sarif => Some(Frame::around(sarif_document)),
            Format::Text | Format::Github => None,
        };
        Renderer { format, frame }
    }

    pub fn file(&self, r: &FileResult) -> Chunk {
        if r.diagnostics.is_empty() {
            // Most files: nothing to index or print.
            return Chunk {
                bytes: Vec::new(),
                summary: Summary::default(),
            };
        }
        let located = locate(r);
        let mut summary = Summary::default();
        for l in &located {
            summary.add(l.d.severity);
        }
        let path = r.path.to_string_lossy().replace('\\', "/");
        let mut bytes = Vec::new();
        let indent = self.frame.as_ref().map_or("", |f| f.indent.as_str());
        // Writes to a `Vec` do not fail.
        let _ = match self.format {
            Format::Text => text(r, &mut bytes),
            Format::Json => items(
                located.iter().map(|l| json_item(&path, l)),
                indent,
                &mut bytes,
            ),
            Format::Sarif => items(
                located.iter().map(|l| sarif_item(&path, l)),
                indent,
                &mut bytes,
            ),
            Format::Github => github(&path, &located, &mut bytes),
        };
        Chunk { bytes, summary }
    }

    /// Where the chunks go, in order.
    pub fn sink<'a>(&'a self, out: &'a mut dyn Write) -> Sink<'a> {
        Sink {
            frame: self.frame.as_ref(),
            out,
            started: false,
            summary: Summary::default(),
        }
    }
}

/// The bytes around an array of items that sits somewhere in a pretty-printed document,
/// cut from the document itself printed around a marker item: the same bytes
/// `to_writer_pretty` gives for the whole document, without holding its items.
struct Frame {
    /// Up to the first item.
    open: String,
    /// Before every line of an item.
    indent: String,
    /// After the last item.
    close: String,
    /// The whole document with no items.
    empty: String,
}

impl Frame {
    fn around(doc: impl Fn(serde_json::Value) -> serde_json::Value) -> Frame {
        const MARKER: &str = "persona-ls: the items go here";
        let print = |v| serde_json::to_string_pretty(&doc(v)).unwrap_or_default() + "\n";
        let full = print(json!([MARKER]));
        let quoted = format!("\"{MARKER}\"");
        let at = full.find(&quoted).unwrap_or(full.len());
        let line = full[..at].rfind('\n').map_or(0, |i| i + 1);
        Frame {
            open: full[..line].to_string(),
            indent: full[line..at].to_string(),
            close: full[(at + quoted.len()).min(full.len())..].to_string(),
            empty: print(json!([])),
        }
    }
}

/// Writes chunks in order, with their frame, and counts what was written.
pub struct Sink<'a> {
    frame: Option<&'a Frame>,
    out: &'a mut dyn Write,
    /// An item was written (json, sarif).
    started: bool,
    summary: Summary,
}

impl Sink<'_> {
    pub fn push(&mut self, chunk: &Chunk) {
        self.summary.errors += chunk.summary.errors;
        self.summary.warnings += chunk.summary.warnings;
        if chunk.bytes.is_empty() {
            return;
        }
        // Output errors are not the run's (a closed pipe): the checks and fixes go on.
        if let Some(frame) = self.frame {
            let _ = if self.started {
                self.out.write_all(b",\n")
            } else {
                self.out.write_all(frame.open.as_bytes())
            };
            self.started = true;
        }
        let _ = self.out.write_all(&chunk.bytes);
    }

    /// Closes the document; what was written, counted.
    pub fn finish(self) -> Summary {
        if let Some(frame) = self.frame {
            let end = if self.started {
                &frame.close
            } else {
                &frame.empty
            };
            let _ = self.out.write_all(end.as_bytes());
        }
        self.summary
    }
}

/// Excerpts show at most this many characters of a line: a long line is cut around the span
/// (a 2 MB line printed once per diagnostic made the output quadratic).
const EXCERPT: usize = 120;
/// Characters kept before the span when a line is cut.
const LEAD: usize = 40;

fn text(r: &FileResult, out: &mut dyn Write) -> std::io::Result<()> {
    let index = LineIndex::new(&r.text);
    let path = r.path.display();
    // Character columns, counted on from the previous diagnostic on the same line (they
    // come sorted), not from the line start each time.
    let mut cursor: Option<(usize, usize, usize)> = None;
    for d in &r.diagnostics {
        let text = r.text.as_str();
        let at = crate::text::floor_char_boundary(text, d.range.start);
        let line_no = index.line_of(at);
        let line_start = index.line_start(line_no);
        let line_end = index.line_start(line_no + 1).max(line_start);
        let line = crate::text::trim_line_break(&text[line_start..line_end.min(text.len())]);
        let line_content_end = line_start + line.len();
        let at = at.min(line_content_end);
        let col = match cursor {
            Some((l, off, chars)) if l == line_no && off <= at => {
                chars + text[off..at].chars().count()
            }
            _ => text[line_start..at].chars().count(),
        };
        cursor = Some((line_no, at, col));
        writeln!(
            out,
            "{path}:{}:{}: {}[{}]: {}",
            line_no + 1,
            col + 1,
            d.severity.as_str(),
            d.code,
            d.message
        )?;
        let end_in_line =
            crate::text::floor_char_boundary(text, d.range.end).clamp(at, line_content_end);
        let (shown_start, shown_end) = excerpt_bounds(text, line_start, line_content_end, at);
        let cut_left = shown_start > line_start;
        let cut_right = shown_end < line_content_end;
        // The caret goes under the text as a terminal draws it: wide emoji and CJK take
        // two columns, variation selectors and joiners none.
        let pad = usize::from(cut_left) + display_width(&text[shown_start..at]);
        let width = display_width(&text[at..end_in_line.min(shown_end)]).max(1);
        let gutter = (line_no + 1).to_string().len();
        let shown: String = text[shown_start..shown_end]
            .chars()
            .map(|c| if c == '\t' { ' ' } else { c })
            .collect();
        writeln!(out, "{:gutter$} |", "")?;
        writeln!(
            out,
            "{} | {}{shown}{}",
            line_no + 1,
            if cut_left { "…" } else { "" },
            if cut_right { "…" } else { "" }
        )?;
        writeln!(
            out,
            "{:gutter$} | {}{}",
            "",
            " ".repeat(pad),
            "^".repeat(width)
        )?;
        if let Some(f) = d.fixes.first() {
            writeln!(
                out,
                "{:gutter$} = fix{}: {}",
                "",
                if f.safe { "" } else { " (manual)" },
                f.title
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// The part of the line `text[start..end]` an excerpt shows for a span at `at`: the whole line
/// when it is short, else [`EXCERPT`] characters beginning [`LEAD`] before the span.
fn excerpt_bounds(text: &str, start: usize, end: usize, at: usize) -> (usize, usize) {
    let line = &text[start..end];
    if line.len() <= EXCERPT || (line.len() <= 4 * EXCERPT && line.chars().count() <= EXCERPT) {
        return (start, end);
    }
    let from = text[start..at]
        .char_indices()
        .rev()
        .nth(LEAD - 1)
        .map_or(start, |(i, _)| start + i);
    let to = text[from..end]
        .char_indices()
        .nth(EXCERPT)
        .map_or(end, |(i, _)| from + i);
    (from, to)
}

/// Terminal columns of `s` (tabs are shown as one space).
fn display_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// Code points that take no column: combining marks, zero-width and variation selectors.
const ZERO_WIDTH: &[(u32, u32)] = &[
    (0x0300, 0x036F),
    (0x1AB0, 0x1AFF),
    (0x200B, 0x200F),
    (0x2060, 0x2064),
    (0x20D0, 0x20FF),
    (0xFE00, 0xFE0F),
    (0xFE20, 0xFE2F),
    (0xE0000, 0xE01EF),
];

/// Code points that take two columns: East Asian wide and full-width forms, emoji.
const WIDE: &[(u32, u32)] = &[
    (0x1100, 0x115F),
    (0x2E80, 0x303E),
    (0x3041, 0x33FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xA000, 0xA4CF),
    (0xAC00, 0xD7A3),
    (0xF900, 0xFAFF),
    (0xFE30, 0xFE4F),
    (0xFF00, 0xFF60),
    (0xFFE0, 0xFFE6),
    (0x1F300, 0x1F64F),
    (0x1F680, 0x1F6FF),
    (0x1F900, 0x1F9FF),
    (0x20000, 0x3FFFD),
];

fn char_width(c: char) -> usize {
    let within = |table: &[(u32, u32)]| {
        table
            .iter()
            .any(|&(lo, hi)| (lo..=hi).contains(&(c as u32)))
    };
    if within(ZERO_WIDTH) {
        0
    } else if within(WIDE) {
        2
    } else {
        1
    }
}

fn json_item(path: &str, l: &Located) -> serde_json::Value {
    json!({
        "path": path,
        "range": {
            "start": {"line": l.start.line, "character": l.start.character},
            "end": {"line": l.end.line, "character": l.end.character},
        },
        "severity": l.d.severity.as_str(),
        "code": l.d.code.as_str(),
        "message": l.d.message,
    })
}

/// Array items, each pretty-printed and indented as it sits in its array, joined by `,\n`.
fn items(
    values: impl Iterator<Item = serde_json::Value>,
    indent: &str,
    out: &mut Vec<u8>,
) -> std::io::Result<()> {
    let mut buf = Vec::new();
    for (i, item) in values.enumerate() {
        buf.clear();
        serde_json::to_writer_pretty(&mut buf, &item)?;
        if i > 0 {
            out.extend_from_slice(b",\n");
        }
        for (n, line) in buf.split(|&b| b == b'\n').enumerate() {
            if n > 0 {
                out.push(b'\n');
            }
            out.extend_from_slice(indent.as_bytes());
            out.extend_from_slice(line);
        }
    }
    Ok(())
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Information | Severity::Hint => "note",
    }
}

fn sarif_item(path: &str, l: &Located) -> serde_json::Value {
    let rule_index = Code::ALL.iter().position(|c| *c == l.d.code).unwrap_or(0);
    json!({
        "ruleId": l.d.code.as_str(),
        "ruleIndex": rule_index,
        "level": sarif_level(l.d.severity),
        "message": {"text": l.d.message},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": uri_of(path)},
                "region": {
                    "startLine": l.start.line + 1,
                    "startColumn": l.start.character + 1,
                    "endLine": l.end.line + 1,
                    "endColumn": l.end.character + 1,
                }
            }
        }]
    })
}

/// The SARIF log around its results.
fn sarif_document(results: serde_json::Value) -> serde_json::Value {
    let rules: Vec<serde_json::Value> = Code::ALL
        .iter()
        .map(|c| json!({"id": c.as_str(), "name": c.as_str(), "shortDescription": {"text": c.summary()}}))
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "persona-ls",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "utf16CodeUnits",
            "results": results,
        }]
    })
}

/// A relative path as a URI reference: percent-encode what a URI cannot hold.
fn uri_of(path: &str) -> String {
    let mut s = String::new();
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s
}

/// GitHub Actions workflow commands: `::error file=…,line=…,col=…::message`.
fn github(path: &str, located: &[Located], out: &mut dyn Write) -> std::io::Result<()> {
    for l in located {
        let cmd = match l.d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            _ => "notice",
        };
        writeln!(
            out,
            "::{cmd} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape_property(path),
            l.start.line + 1,
            l.start.character + 1,
            l.end.line + 1,
            l.end.character + 1,
            escape_property(&format!("persona-ls {}", l.d.code)),
            escape_data(&l.d.message)
        )?;
    }
    Ok(())
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}
