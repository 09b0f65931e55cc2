//! Output formats of `check`: text (rustc-like), json, sarif 2.1.0 and GitHub annotations.
//! Columns in json and sarif are UTF-16 code units, as LSP counts them.

use super::{FileResult, Summary};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::text::{Encoding, LineIndex, Position};
use serde_json::json;
use std::io::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
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
    path: String,
    d: &'a Diagnostic,
    start: Position,
    end: Position,
}

fn locate(results: &[FileResult]) -> Vec<Located<'_>> {
    let mut out = Vec::new();
    for r in results {
        // Diagnostics sit mostly in the front matter: index the lines only as far as needed.
        let last = r.diagnostics.iter().map(|d| d.range.end).max().unwrap_or(0);
        let end = r.text[last.min(r.text.len())..]
            .find('\n')
            .map_or(r.text.len(), |i| last + i + 1);
        let text = &r.text[..end];
        let index = LineIndex::new(text);
        let path = r.path.to_string_lossy().replace('\\', "/");
        for d in &r.diagnostics {
            out.push(Located {
                path: path.clone(),
                d,
                start: index.position(text, d.range.start, Encoding::Utf16),
                end: index.position(text, d.range.end, Encoding::Utf16),
            });
        }
    }
    out
}

pub fn write(format: Format, results: &[FileResult], out: &mut dyn Write) -> Summary {
    let located = locate(results);
    let mut summary = Summary::default();
    for l in &located {
        summary.add(l.d.severity);
    }
    let _ = match format {
        Format::Text => text(results, out),
        Format::Json => json_out(&located, out),
        Format::Sarif => sarif(&located, out),
        Format::Github => github(&located, out),
    };
    summary
}

fn text(results: &[FileResult], out: &mut dyn Write) -> std::io::Result<()> {
    for r in results {
        let index = LineIndex::new(&r.text);
        let path = r.path.display();
        for d in &r.diagnostics {
            // Human output counts columns in characters, as editors display them.
            let start = index.position(&r.text, d.range.start, Encoding::Utf16);
            let line_no = start.line as usize;
            let line_start = index.line_start(line_no);
            let line_end = index.line_start(line_no + 1).max(line_start);
            let line =
                crate::text::trim_line_break(&r.text[line_start..line_end.min(r.text.len())]);
            let col = r.text[line_start..d.range.start.clamp(line_start, line_start + line.len())]
                .chars()
                .count();
            writeln!(
                out,
                "{path}:{}:{}: {}[{}]: {}",
                line_no + 1,
                col + 1,
                d.severity.as_str(),
                d.code,
                d.message
            )?;
            let end_in_line = d.range.end.clamp(d.range.start, line_start + line.len());
            let start_in_line = d.range.start.clamp(line_start, end_in_line);
            // The caret goes under the text as a terminal draws it: wide emoji and CJK take
            // two columns, variation selectors and joiners none.
            let pad = display_width(&r.text[line_start..start_in_line]);
            let width = display_width(&r.text[start_in_line..end_in_line]).max(1);
            let gutter = (line_no + 1).to_string().len();
            let shown: String = line
                .chars()
                .map(|c| if c == '\t' { ' ' } else { c })
                .collect();
            writeln!(out, "{:gutter$} |", "")?;
            writeln!(out, "{} | {shown}", line_no + 1)?;
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
    }
    Ok(())
}

/// Terminal columns of `s` (tabs are shown as one space).
fn display_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

fn char_width(c: char) -> usize {
    match c as u32 {
        0x0300..=0x036F
        | 0x1AB0..=0x1AFF
        | 0x200B..=0x200F
        | 0x2060..=0x2064
        | 0x20D0..=0x20FF
        | 0xFE00..=0xFE0F
        | 0xFE20..=0xFE2F
        | 0xE0000..=0xE01EF => 0,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x1F300..=0x1F64F
        | 0x1F680..=0x1F6FF
        | 0x1F900..=0x1F9FF
        | 0x20000..=0x3FFFD => 2,
        _ => 1,
    }
}

fn json_out(located: &[Located], out: &mut dyn Write) -> std::io::Result<()> {
    let items: Vec<serde_json::Value> = located
        .iter()
        .map(|l| {
            json!({
                "path": l.path,
                "range": {
                    "start": {"line": l.start.line, "character": l.start.character},
                    "end": {"line": l.end.line, "character": l.end.character},
                },
                "severity": l.d.severity.as_str(),
                "code": l.d.code.as_str(),
                "message": l.d.message,
            })
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &items)?;
    writeln!(out)
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Information | Severity::Hint => "note",
    }
}

fn sarif(located: &[Located], out: &mut dyn Write) -> std::io::Result<()> {
    let rules: Vec<serde_json::Value> = Code::ALL
        .iter()
        .map(|c| json!({"id": c.as_str(), "name": c.as_str(), "shortDescription": {"text": c.explanation()}}))
        .collect();
    let results: Vec<serde_json::Value> = located
        .iter()
        .map(|l| {
            let rule_index = Code::ALL.iter().position(|c| *c == l.d.code).unwrap_or(0);
            json!({
                "ruleId": l.d.code.as_str(),
                "ruleIndex": rule_index,
                "level": sarif_level(l.d.severity),
                "message": {"text": l.d.message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri_of(&l.path)},
                        "region": {
                            "startLine": l.start.line + 1,
                            "startColumn": l.start.character + 1,
                            "endLine": l.end.line + 1,
                            "endColumn": l.end.character + 1,
                        }
                    }
                }]
            })
        })
        .collect();
    let doc = json!({
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
    });
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
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
fn github(located: &[Located], out: &mut dyn Write) -> std::io::Result<()> {
    for l in located {
        let cmd = match l.d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            _ => "notice",
        };
        writeln!(
            out,
            "::{cmd} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape_property(&l.path),
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
