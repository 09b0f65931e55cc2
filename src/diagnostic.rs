//! The engine's diagnostic: plain data over byte ranges. LSP and CLI convert it at the edge.

use std::fmt;
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

macro_rules! codes {
    ($($variant:ident = $name:literal: $doc:literal,)*) => {
        /// The stable diagnostic codes of DESIGN.md §3. Scripts match on these strings.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code { $($variant,)* }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            /// One line on what the rule catches, for hover and SARIF rule metadata.
            pub fn explanation(self) -> &'static str {
                match self { $(Code::$variant => $doc,)* }
            }

            pub fn parse(s: &str) -> Option<Code> {
                match s { $($name => Some(Code::$variant),)* _ => None }
            }
        }
    };
}

codes! {
    MissingFrontMatter = "missing-front-matter": "The file should be a persona but has no `---` front matter, so its tool skips it or loads it without a name and description.",
    UnclosedFrontMatter = "unclosed-front-matter": "An opening `---` without a closing `---` line: the whole file is read as front matter, or the front matter is ignored.",
    YamlSyntax = "yaml-syntax": "The front matter is not valid YAML. Strict parsers (VS Code, GitHub, OpenCode, skill uploads, many Claude Code versions) drop the whole file.",
    NotAMapping = "not-a-mapping": "The front matter is YAML but not `key: value` pairs, so no key can be read from it.",
    DuplicateKey = "duplicate-key": "A key appears twice; parsers disagree on which value wins, and strict ones reject the file.",
    MissingRequiredKey = "missing-required-key": "A key the dialect requires is absent; the tool skips the file or cannot list it.",
    UnknownKey = "unknown-key": "The dialect does not define this key, so the tool ignores it. Often a typo or another dialect's key.",
    InvalidValue = "invalid-value": "The value is not one the dialect allows.",
    InvalidType = "invalid-type": "The value has the wrong YAML type (a list where text is wanted, a quoted boolean, a bare number as a name).",
    InvalidName = "invalid-name": "The name breaks the dialect's format rules, so the tool rejects or renames it.",
    NameMismatch = "name-mismatch": "The name differs from the file or folder name where the dialect requires them to match.",
    UnknownTool = "unknown-tool": "A tool name the dialect does not know; an unresolvable tool is dropped, and an agent whose tools all fail to resolve refuses to start.",
    ToolsFormat = "tools-format": "The tools are written in a form the tool misreads (a flow list `[A, B]` in a Claude Code agent loses its first and last entries).",
    UnknownModel = "unknown-model": "A model id that is not known; the request fails if the provider does not serve it.",
    RetiredModel = "retired-model": "A model id that is no longer served; requests with it fail.",
    EscapedNewline = "escaped-newline": "A literal `\\n` inside an unquoted value stays a backslash and an `n`: plain YAML scalars do not process escapes.",
    DuplicateName = "duplicate-name": "Two personas in one scope share a name; only one of them loads.",
    HiddenUnicode = "hidden-unicode": "Invisible or bidirectional control characters hide text from a reviewer; they are a prompt-injection vector.",
    EmptyBody = "empty-body": "The file has front matter but no instructions below it.",
    RenderedFrontMatter = "rendered-front-matter": "The front matter was lost when the file was copied from a rendered web page: the keys became a table of `key value` lines.",
    ByteOrderMark = "byte-order-mark": "A UTF-8 byte-order mark before the `---` hides the front matter from most tools (VS Code, many YAML loaders).",
    DeprecatedKey = "deprecated-key": "The key still works but is deprecated; its replacement is named in the message.",
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

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
