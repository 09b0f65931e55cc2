//! `hidden-unicode`: invisible and bidirectional control characters. A linear scan with no
//! parse, so the language server can run it over a large body without a Markdown tree.

use super::RuleCx;
use crate::diagnostic::{Code, Fix, TextEdit};
use std::ops::Range;

pub fn check(cx: &mut RuleCx) {
    let split = &cx.parsed.split;
    for run in hidden_runs(cx.text, split.bom) {
        let chars: Vec<String> = cx.text[run.range.clone()]
            .chars()
            .map(|c| format!("U+{:04X} {}", c as u32, name_of(c)))
            .collect();
        let msg = format!(
            "Hidden character{}: {}. Invisible and bidirectional control characters can hide instructions from a reviewer (a prompt-injection vector). Remove {}.",
            if chars.len() == 1 { "" } else { "s" },
            chars.join(", "),
            if chars.len() == 1 { "it" } else { "them" }
        );
        let orthographic = is_orthographic(cx.text, &run.range);
        let in_front_matter = split
            .block
            .as_ref()
            .is_some_and(|b| b.content.contains(&run.range.start));
        let changes_yaml = in_front_matter
            && (beside_yaml_syntax(cx.text, &run.range) || in_a_key(cx.text, &run.range));
        if let Some(d) = cx.report(Code::HiddenUnicode, run.range.clone(), msg) {
            let title = "Remove the hidden characters";
            let edit = vec![TextEdit::delete(run.range)];
            // Safe because the characters show nothing: the text a reviewer sees stays the
            // same, and what only the model saw is gone. Not for joiners and direction marks
            // beside non-ASCII text, where they may be spelling (Persian and Indic scripts
            // need them; Hebrew and Arabic text uses the marks): offered there. Nor in the
            // front matter beside YAML's own characters, where the removal changes how YAML
            // reads the line (`name:` + U+200D is text; `name:` without it opens a mapping),
            // nor inside a key, where the removal changes which key the tool reads (it may
            // then repeat another key).
            d.fixes.push(if orthographic || changes_yaml {
                Fix::manual(title, edit)
            } else {
                Fix::safe(title, edit)
            });
        }
    }
}

/// Whether the run touches one of YAML's indicator characters: removed, it would put the
/// indicator next to what is on the run's other side (`:` before a line break, a blank
/// before `#`), where YAML may read it otherwise.
fn beside_yaml_syntax(text: &str, range: &Range<usize>) -> bool {
    let syntax = |c: Option<char>| c.is_some_and(|c| ":#-?,[]{}&*!|>'\"%@`".contains(c));
    syntax(text[..range.start].chars().next_back()) || syntax(text[range.end..].chars().next())
}

/// Whether the run sits in a key: before the first `:` of its line, with one after it.
fn in_a_key(text: &str, range: &Range<usize>) -> bool {
    let line_start = text[..range.start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let line_end = text[range.end..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| range.end + i);
    !text[line_start..range.start].contains(':') && text[range.end..line_end].contains(':')
}

struct HiddenRun {
    range: Range<usize>,
}

fn is_hidden(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{E0000}'..='\u{E007F}')
}

fn name_of(c: char) -> &'static str {
    match c {
        '\u{00AD}' => "soft hyphen",
        '\u{200B}' => "zero-width space",
        '\u{200C}' => "zero-width non-joiner",
        '\u{200D}' => "zero-width joiner",
        '\u{200E}' | '\u{200F}' => "directional mark",
        '\u{202A}'..='\u{202E}' => "bidirectional override",
        '\u{2066}'..='\u{2069}' => "bidirectional isolate",
        '\u{2060}' => "word joiner",
        '\u{FEFF}' => "zero-width no-break space",
        '\u{E0000}'..='\u{E007F}' => "tag character",
        _ => "invisible character",
    }
}

/// A run of joiners and direction marks only (ZWNJ, ZWJ, LRM, RLM) next to non-ASCII text:
/// perhaps part of how a word is written, not a hidden message.
fn is_orthographic(text: &str, range: &Range<usize>) -> bool {
    let only_marks = text[range.clone()]
        .chars()
        .all(|c| matches!(c, '\u{200C}'..='\u{200F}'));
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    only_marks && [before, after].iter().flatten().any(|c| !c.is_ascii())
}

/// The emoji flags of England, Scotland and Wales: 🏴 followed by tag characters that spell
/// `gbeng`, `gbsct` or `gbwls` and a cancel tag. Their tags are part of the emoji; any other
/// tag sequence can spell hidden text.
fn flag_tags_len(text: &str, at: usize) -> Option<usize> {
    if !text[..at].ends_with('\u{1F3F4}') {
        return None;
    }
    ["gbeng", "gbsct", "gbwls"].iter().find_map(|region| {
        let tags: String = region
            .chars()
            .map(|c| char::from_u32(0xE0000 + c as u32).unwrap_or(' '))
            .chain(std::iter::once('\u{E007F}'))
            .collect();
        text[at..].starts_with(&tags).then_some(tags.len())
    })
}

/// Joiners between two pictographs build emoji (👨‍💻); those are not hidden text.
fn is_emoji_joiner(text: &str, at: usize, c: char) -> bool {
    if c != '\u{200D}' {
        return false;
    }
    let before = text[..at].chars().next_back();
    let after = text[at + c.len_utf8()..].chars().next();
    let pictographic = |c: Option<char>| c.is_some_and(|c| c as u32 >= 0x2190 && !is_hidden(c));
    pictographic(before) && pictographic(after)
}

/// The offset of the next byte that can start a hidden character. Personas are mostly ASCII:
/// whole 64-byte blocks of it are skipped with the vectorised `is_ascii`.
fn next_lead_byte(bytes: &[u8]) -> Option<usize> {
    const BLOCK: usize = 64;
    let mut start = 0;
    while start < bytes.len() {
        let end = (start + BLOCK).min(bytes.len());
        let block = &bytes[start..end];
        if !block.is_ascii()
            && let Some(i) = block
                .iter()
                .position(|&b| matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xEF | 0xF3))
        {
            return Some(start + i);
        }
        start = end;
    }
    None
}

/// Runs of adjacent hidden characters, after the leading BOM (reported by its own rule).
fn hidden_runs(text: &str, skip: usize) -> Vec<HiddenRun> {
    let bytes = text.as_bytes();
    let mut out: Vec<HiddenRun> = Vec::new();
    let mut i = skip;
    // Every hidden character starts with one of these lead bytes.
    while let Some(off) = next_lead_byte(&bytes[i..]) {
        let at = i + off;
        if let Some(len) = flag_tags_len(text, at) {
            i = at + len;
            continue;
        }
        let c = text[at..].chars().next().unwrap_or(' ');
        let len = c.len_utf8();
        if is_hidden(c) && !is_emoji_joiner(text, at, c) {
            match out.last_mut() {
                Some(run) if run.range.end == at => run.range.end = at + len,
                _ => out.push(HiddenRun {
                    range: at..at + len,
                }),
            }
        }
        i = at + len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_hidden_runs_but_not_emoji_joiners() {
        let t = "a\u{200B}\u{202E}b 👨\u{200D}💻 c\u{E0041}";
        let runs: Vec<_> = hidden_runs(t, 0).into_iter().map(|r| r.range).collect();
        assert_eq!(runs, vec![1..7, t.len() - 4..t.len()]);
    }

    #[test]
    fn subdivision_flags_are_emoji_other_tag_runs_are_not() {
        let scotland = "\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}";
        assert!(hidden_runs(&format!("Go {scotland} team"), 0).is_empty());
        // Tags spelling "hi" after the flag are text, not a flag.
        let hidden = "\u{1F3F4}\u{E0068}\u{E0069}\u{E007F}";
        assert_eq!(hidden_runs(hidden, 0).len(), 1);
    }
}
