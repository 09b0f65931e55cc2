//! Writing YAML values: when a value needs quotes, and how to quote it or turn it into a
//! block scalar. Used by fixes that rewrite values.

/// Whether a string must be quoted to stay a plain string in YAML.
pub fn needs_quotes(s: &str) -> bool {
    if s.is_empty() || s != s.trim() {
        return true;
    }
    if s.starts_with([
        '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', '#', '[', ']', '{', '}', ',', '?', ':',
        '-',
    ]) && !(s.starts_with('-') && !s.starts_with("- ") && s.len() > 1)
    {
        return true;
    }
    if s.contains(": ") || s.contains(" #") || s.ends_with(':') || s.contains(['\n', '\r', '\t']) {
        return true;
    }
    crate::syntax::scalar::resolve_plain(s) != crate::syntax::scalar::Resolved::Str
}

/// `s` as a single-quoted YAML scalar: no escapes are processed, so the text stays exactly
/// what it was (including literal `\n`).
pub fn single_quoted(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// `s` as a plain scalar when that is safe, else single-quoted.
pub fn scalar(s: &str) -> String {
    if needs_quotes(s) {
        single_quoted(s)
    } else {
        s.to_string()
    }
}

/// A literal block scalar (`|-`) holding `lines`, indented by `indent` spaces.
pub fn literal_block<'a>(
    lines: impl IntoIterator<Item = &'a str>,
    indent: usize,
    eol: &str,
) -> String {
    let pad = " ".repeat(indent);
    let mut out = String::from("|-");
    for l in lines {
        out.push_str(eol);
        if !l.trim().is_empty() {
            out.push_str(&pad);
            out.push_str(l.trim_end());
        }
    }
    out
}

/// A folded block scalar (`>-`) whose text is `raw` (continuation lines re-indented).
pub fn folded_block(raw: &str, indent: usize, eol: &str) -> String {
    let pad = " ".repeat(indent);
    let mut out = String::from(">-");
    for (_, l) in crate::text::lines(raw) {
        out.push_str(eol);
        if !l.trim().is_empty() {
            out.push_str(&pad);
            out.push_str(l.trim());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_when_needed() {
        assert_eq!(scalar("Backend Architect"), "Backend Architect");
        assert_eq!(scalar("🏗️"), "🏗️");
        assert_eq!(scalar("worker/senior"), "worker/senior");
        assert_eq!(scalar("Use when: x"), "'Use when: x'");
        assert_eq!(scalar("**/*.tsx"), "'**/*.tsx'");
        assert_eq!(scalar("it's: 'x'"), "'it''s: ''x'''");
        assert_eq!(scalar("true"), "'true'");
        assert_eq!(scalar("3000"), "'3000'");
        assert_eq!(scalar("#hex"), "'#hex'");
    }

    #[test]
    fn block_scalars() {
        assert_eq!(literal_block(["a", "", "b"], 2, "\n"), "|-\n  a\n\n  b");
        assert_eq!(folded_block("a: b\n  c", 2, "\r\n"), ">-\r\n  a: b\r\n  c");
    }
}
