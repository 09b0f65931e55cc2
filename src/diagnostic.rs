//! The engine's diagnostic: plain data over byte ranges. LSP and CLI convert it at the edge.

use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Information,
    Hint,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Information => "information",
            Severity::Hint => "hint",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        Some(match s {
            "error" => Severity::Error,
            "warning" | "warn" => Severity::Warning,
            "information" | "info" => Severity::Information,
            "hint" => Severity::Hint,
            _ => return None,
        })
    }
}

/// The codes are the first column of the rule registry, so that a rule is one line there.
pub use crate::analysis::rules::Code;

/// A replacement of a byte range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextEdit {
    pub range: Range<usize>,
    pub new_text: String,
}

impl TextEdit {
    pub fn replace(range: Range<usize>, new_text: impl Into<String>) -> Self {
        TextEdit {
            range,
            new_text: new_text.into(),
        }
    }
    pub fn insert(at: usize, new_text: impl Into<String>) -> Self {
        TextEdit {
            range: at..at,
            new_text: new_text.into(),
        }
    }
    pub fn delete(range: Range<usize>) -> Self {
        TextEdit {
            range,
            new_text: String::new(),
        }
    }
}

/// A fix: one or more non-overlapping edits that together repair one diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<TextEdit>,
    /// Safe fixes are applied by `check --fix` and "fix all"; others only on request.
    pub safe: bool,
}

impl Fix {
    pub fn safe(title: impl Into<String>, edits: Vec<TextEdit>) -> Self {
        Fix {
            title: title.into(),
            edits,
            safe: true,
        }
    }
    pub fn manual(title: impl Into<String>, edits: Vec<TextEdit>) -> Self {
        Fix {
            title: title.into(),
            edits,
            safe: false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub range: Range<usize>,
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    pub fixes: Vec<Fix>,
}

impl Diagnostic {
    pub fn new(
        code: Code,
        severity: Severity,
        range: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            range,
            code,
            severity,
            message: message.into(),
            fixes: Vec::new(),
        }
    }

    /// The order a file's findings are listed in (by range, then code): one file's own and
    /// cross-file findings, merged, keep it.
    pub fn order(&self) -> (usize, usize, Code) {
        (self.range.start, self.range.end, self.code)
    }
}

/// Applies edits to a text. Edits must not overlap; they may come in any order.
pub fn apply_edits(text: &str, edits: &[TextEdit]) -> String {
    let mut sorted: Vec<&TextEdit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for e in sorted {
        let start = e.range.start.clamp(pos, text.len());
        let end = e.range.end.clamp(start, text.len());
        out.push_str(&text[pos..start]);
        out.push_str(&e.new_text);
        pos = end;
    }
    out.push_str(&text[pos..]);
    out
}
