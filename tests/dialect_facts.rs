//! Every dialect fact is in the tables (`src/schema/*.yaml`): no code in `src/analysis`
//! compares with a dialect id or names a key. A rule that needs a key reads it by role
//! (`roles.name`), a behaviour that differs by dialect is a field of the dialect's table.

use persona_ls::schema::Schema;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// String literals that equal a key name and are not one, with how often each may appear.
const NOT_KEYS: &[(&str, &str, usize, &str)] = &[
    (
        "src/analysis/hover.rs",
        "model",
        1,
        "`type_label`: the name of a value type in hover and completion, not the key",
    ),
    (
        "src/analysis/hover.rs",
        "color",
        1,
        "`type_label`: the name of a value type in hover and completion, not the key",
    ),
];

#[test]
fn no_dialect_id_or_key_name_is_written_into_the_analysis() {
    let schema = Schema::builtin();
    let mut facts: BTreeSet<&str> = BTreeSet::new();
    for d in &schema.dialects {
        facts.insert(&d.id);
        facts.extend(d.keys.iter().map(|k| k.key.as_str()));
        facts.extend(d.wrong_keys.iter().map(|w| w.key.as_str()));
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    for file in rust_files(&root.join("src/analysis")) {
        let text = std::fs::read_to_string(&file).expect("source file");
        let rel = file
            .strip_prefix(root)
            .expect("below the root")
            .to_string_lossy()
            .replace('\\', "/");
        let mut seen: Vec<(String, usize)> = Vec::new();
        for (line, s) in literals_outside_tests(&text) {
            if !facts.contains(s.as_str()) {
                continue;
            }
            let allowed = NOT_KEYS
                .iter()
                .find(|(f, l, _, _)| *f == rel && *l == s)
                .map_or(0, |(_, _, n, _)| *n);
            let n = match seen.iter_mut().find(|(x, _)| *x == s) {
                Some((_, n)) => {
                    *n += 1;
                    *n
                }
                None => {
                    seen.push((s.clone(), 1));
                    1
                }
            };
            if n > allowed {
                found.push(format!("{rel}:{line}: \"{s}\""));
            }
        }
    }
    assert!(
        found.is_empty(),
        "dialect ids or key names in the analysis (put the fact in the dialect's table):\n{}",
        found.join("\n")
    );
}

/// The scanner itself: literals, not comments, char literals or test code.
#[test]
fn the_scanner_reads_literals_outside_tests_only() {
    let src = r####"
// "in a comment"
/* "block /* nested */ comment" */
fn a<'a>(x: &'a str) -> char { let _ = "one"; let _ = r#"two "quoted""#; '"' }
#[cfg(test)]
mod tests { fn t() { let _ = "three"; let _ = '{'; } }
fn b() { let _ = b"four"; let _ = ('\'', '\u{22}', "fi\"ve"); }
#[cfg(test)]
fn helper() { "six"; }
"####;
    let found: Vec<String> = literals_outside_tests(src)
        .into_iter()
        .map(|(_, s)| s)
        .collect();
    assert_eq!(found, ["one", "two \"quoted\"", "four", "fi\\\"ve"]);
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("source folder") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[derive(Debug, PartialEq)]
enum Token {
    /// A string literal's text as written between its quotes, with its line.
    Str(usize, String),
    Punct(char),
    /// `#[cfg(test)]`.
    CfgTest,
    Other,
}

/// The string literals of Rust source, with their 1-based lines, leaving out the items
/// marked `#[cfg(test)]`.
fn literals_outside_tests(src: &str) -> Vec<(usize, String)> {
    let tokens = tokenize(src);
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match &tokens[i] {
            Token::CfgTest => i = skip_item(&tokens, i + 1),
            Token::Str(line, s) => {
                out.push((*line, s.clone()));
                i += 1;
            }
            _ => i += 1,
        }
    }
    out
}

/// The index after the item starting at `i`: through its braces, or its `;`.
fn skip_item(tokens: &[Token], mut i: usize) -> usize {
    let mut depth = 0usize;
    while i < tokens.len() {
        match tokens[i] {
            Token::Punct('{') => depth += 1,
            Token::Punct('}') => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i + 1;
                }
            }
            Token::Punct(';') if depth == 0 => return i + 1,
            _ => {}
        }
        i += 1;
    }
    i
}

fn tokenize(src: &str) -> Vec<Token> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let line_at = |i: usize| src[..i].matches('\n').count() + 1;
    while i < b.len() {
        let rest = &src[i..];
        if rest.starts_with("//") {
            i += rest.find('\n').unwrap_or(rest.len());
        } else if rest.starts_with("/*") {
            let mut depth = 0;
            while i < b.len() {
                if src[i..].starts_with("/*") {
                    depth += 1;
                    i += 2;
                } else if src[i..].starts_with("*/") {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if rest.starts_with("#[cfg(test)]") {
            out.push(Token::CfgTest);
            i += "#[cfg(test)]".len();
        } else if let Some(hashes) = raw_string_start(rest) {
            let open = 1 + hashes + 1 + usize::from(rest.starts_with('b'));
            let close = format!("\"{}", "#".repeat(hashes));
            let body = &rest[open..];
            let end = body.find(&close).unwrap_or(body.len());
            out.push(Token::Str(line_at(i), body[..end].to_string()));
            i += open + end + close.len();
        } else if rest.starts_with('"') || rest.starts_with("b\"") {
            let open = if rest.starts_with('b') { 2 } else { 1 };
            let mut j = i + open;
            while j < b.len() && b[j] != b'"' {
                j += if b[j] == b'\\' { 2 } else { 1 };
            }
            out.push(Token::Str(
                line_at(i),
                src[i + open..j.min(b.len())].to_string(),
            ));
            i = j + 1;
        } else if let Some(after) = rest.strip_prefix('\'') {
            // A char literal (`'"'`, `'\''`) or a lifetime (`'a`).
            let len = if let Some(escaped) = after.strip_prefix('\\') {
                // The escaped character, then the closing quote: `'\''` is four bytes.
                escaped
                    .get(1..)
                    .and_then(|e| e.find('\''))
                    .map_or(1, |k| k + 4)
            } else {
                let c = after.chars().next().map_or(0, char::len_utf8);
                if after[c..].starts_with('\'') {
                    c + 2
                } else {
                    1
                }
            };
            out.push(Token::Other);
            i += len;
        } else {
            let c = rest.chars().next().unwrap_or(' ');
            out.push(if c.is_ascii_punctuation() {
                Token::Punct(c)
            } else {
                Token::Other
            });
            i += c.len_utf8();
        }
    }
    out
}

/// `r"`, `r#"`, `br##"`: how many `#` a raw string opens with.
fn raw_string_start(s: &str) -> Option<usize> {
    let s = s.strip_prefix('b').unwrap_or(s);
    let s = s.strip_prefix('r')?;
    let hashes = s.len() - s.trim_start_matches('#').len();
    s[hashes..].starts_with('"').then_some(hashes)
}
