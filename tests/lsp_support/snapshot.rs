//! Whole LSP messages as stable text for `expect!` snapshots: normalised (temporary folders
//! replaced by `$ROOT`, the opaque pull-diagnostics result ids numbered in order of
//! appearance, the crate version replaced by `$VERSION`), then printed as JSON that reads well
//! in a diff: keys in alphabetical order (serde_json's), short values on one line, and every
//! element of a list of objects (diagnostics, completion items, edits) on a line of its own.

use expect_test::Expect;
use serde_json::Value;
use std::cell::RefCell;
use std::path::Path;

/// A value whose one-line form is longer than this is spread over several lines.
const WIDTH: usize = 80;

pub struct Snap {
    /// `(text, placeholder)`, longest text first.
    paths: Vec<(String, String)>,
    result_ids: RefCell<Vec<String>>,
}

impl Snap {
    /// Normalises the temporary folder `root` as `$ROOT`.
    pub fn new(root: &Path) -> Snap {
        Snap::with(&[(root, "$ROOT")])
    }

    /// Normalises each folder as its placeholder (its canonical path too).
    pub fn with(folders: &[(&Path, &str)]) -> Snap {
        let mut paths = Vec::new();
        for (dir, name) in folders {
            let canonical = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
            for p in [canonical.as_path(), dir] {
                paths.push((p.to_string_lossy().into_owned(), name.to_string()));
            }
        }
        paths.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        Snap {
            paths,
            result_ids: RefCell::new(Vec::new()),
        }
    }

    /// A snapshot without folders to normalise.
    pub fn none() -> Snap {
        Snap::with(&[])
    }

    pub fn check(&self, value: &Value, expect: Expect) {
        expect.assert_eq(&self.json(value));
    }

    pub fn check_text(&self, text: &str, expect: Expect) {
        expect.assert_eq(&self.text(text));
    }

    /// `value` normalised and printed.
    pub fn json(&self, value: &Value) -> String {
        let v = self.normalise(value, None);
        let mut out = String::new();
        write(&v, 0, &mut out);
        out.push('\n');
        out
    }

    /// `text` with the folders replaced.
    pub fn text(&self, text: &str) -> String {
        let mut s = text.to_string();
        for (path, name) in &self.paths {
            s = s.replace(path.as_str(), name);
        }
        s
    }

    fn normalise(&self, v: &Value, key: Option<&str>) -> Value {
        match v {
            Value::String(s) => match key {
                Some("resultId") => {
                    let mut ids = self.result_ids.borrow_mut();
                    let n = match ids.iter().position(|i| i == s) {
                        Some(n) => n,
                        None => {
                            ids.push(s.clone());
                            ids.len() - 1
                        }
                    };
                    Value::String(format!("$RESULT_ID{}", n + 1))
                }
                Some("version") if s == env!("CARGO_PKG_VERSION") => "$VERSION".into(),
                _ => Value::String(self.text(s)),
            },
            Value::Array(a) => Value::Array(a.iter().map(|x| self.normalise(x, None)).collect()),
            Value::Object(o) => Value::Object(
                o.iter()
                    .map(|(k, x)| (self.text(k), self.normalise(x, Some(k))))
                    .collect(),
            ),
            other => other.clone(),
        }
    }
}

/// A server-to-client request without its id (a counter that depends on what ran before).
pub fn without_id(request: &Value) -> Value {
    let mut r = request.clone();
    if let Some(o) = r.as_object_mut() {
        o.remove("id");
    }
    r
}

fn is_list_of_objects(v: &Value) -> bool {
    matches!(v, Value::Array(a) if !a.is_empty() && a.iter().all(Value::is_object))
}

/// Whether `v` holds a list of objects anywhere: those are always spread, one per line.
fn holds_list_of_objects(v: &Value) -> bool {
    match v {
        Value::Array(a) => is_list_of_objects(v) || a.iter().any(holds_list_of_objects),
        Value::Object(o) => o.values().any(holds_list_of_objects),
        _ => false,
    }
}

/// One line: `{"a": 1, "b": [1, 2]}`.
fn inline(v: &Value, out: &mut String) {
    match v {
        Value::Array(a) => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                inline(x, out);
            }
            out.push(']');
        }
        Value::Object(o) => {
            out.push('{');
            for (i, (k, x)) in o.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&Value::String(k.clone()).to_string());
                out.push_str(": ");
                inline(x, out);
            }
            out.push('}');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

fn write(v: &Value, indent: usize, out: &mut String) {
    let mut one_line = String::new();
    inline(v, &mut one_line);
    let fits = one_line.len() <= WIDTH && !holds_list_of_objects(v);
    let pad = " ".repeat(indent + 2);
    match v {
        Value::Array(a) if is_list_of_objects(v) => {
            // One element per line, each on one line unless it holds a list of objects itself.
            out.push_str("[\n");
            for (i, x) in a.iter().enumerate() {
                out.push_str(&pad);
                if holds_list_of_objects(x) {
                    write(x, indent + 2, out);
                } else {
                    inline(x, out);
                }
                out.push_str(if i + 1 < a.len() { ",\n" } else { "\n" });
            }
            out.push_str(&" ".repeat(indent));
            out.push(']');
        }
        Value::Array(a) if !fits => {
            out.push_str("[\n");
            for (i, x) in a.iter().enumerate() {
                out.push_str(&pad);
                write(x, indent + 2, out);
                out.push_str(if i + 1 < a.len() { ",\n" } else { "\n" });
            }
            out.push_str(&" ".repeat(indent));
            out.push(']');
        }
        Value::Object(o) if !fits && !o.is_empty() => {
            out.push_str("{\n");
            for (i, (k, x)) in o.iter().enumerate() {
                out.push_str(&pad);
                out.push_str(&Value::String(k.clone()).to_string());
                out.push_str(": ");
                write(x, indent + 2, out);
                out.push_str(if i + 1 < o.len() { ",\n" } else { "\n" });
            }
            out.push_str(&" ".repeat(indent));
            out.push('}');
        }
        _ => out.push_str(&one_line),
    }
}
