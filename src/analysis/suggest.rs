//! "Did you mean": the closest known word to a typo.

/// Optimal-string-alignment distance (Levenshtein plus adjacent transposition), case-sensitive.
/// Three rolling rows: O(|a|·|b|) time, O(|b|) memory.
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let m = b.len();
    let mut before: Vec<usize> = vec![0; m + 1];
    let mut prev: Vec<usize> = (0..=m).collect();
    let mut cur: Vec<usize> = vec![0; m + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cur[j] = cur[j].min(before[j - 2] + 1);
            }
        }
        std::mem::swap(&mut before, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[m]
}

/// Normalises spelling variants: case and `-`/`_` separators (`allowed_tools`, `AllowedTools`).
fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '-' | '_' | ' '))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The closest candidate, if it is close enough to be a plausible typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let folded = fold(word);
    let len = folded.chars().count();
    let limit = match len {
        0..=2 => 0,
        3..=5 => 1,
        6..=9 => 2,
        _ => 3,
    };
    let mut best: Option<(&str, usize)> = None;
    for c in candidates {
        if c == word {
            continue;
        }
        let fc = fold(c);
        // The distance is at least the difference in length: a candidate that far off is
        // never computed (a 1 MB key against the key table took seconds).
        if fc.chars().count().abs_diff(len) > limit {
            continue;
        }
        let d = if fc == folded {
            0
        } else {
            distance(&folded, &fc)
        };
        if best.is_none_or(|(_, bd)| d < bd) {
            best = Some((c, d));
        }
    }
    let (c, d) = best?;
    (d <= limit).then_some(c)
}

/// Whether `suggestion` is certainly what `word` meant, not merely close to it: the same word
/// but for case and `-`/`_`/space separators (`Purple` → `purple`, `accept_edits` →
/// `acceptEdits`), and no other candidate spelled that way. Only such a suggestion is a safe
/// fix; any other "did you mean" is a guess, offered but never applied by `check --fix`.
pub fn same_word<'a>(
    word: &str,
    suggestion: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> bool {
    let folded = fold(word);
    fold(suggestion) == folded && candidates.into_iter().filter(|c| fold(c) == folded).count() == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_typos_and_spelling_variants() {
        let keys = ["name", "description", "tools", "model", "permissionMode"];
        assert_eq!(closest("descripton", keys), Some("description"));
        assert_eq!(closest("permission_mode", keys), Some("permissionMode"));
        assert_eq!(closest("modle", keys), Some("model"));
        assert_eq!(closest("category", keys), None);
        assert_eq!(closest("purpel", ["purple", "pink", "red"]), Some("purple"));
        assert_eq!(distance("ab", "ba"), 1);
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("abcd", "badc"), 2);
        assert_eq!(closest(&"k".repeat(1 << 20), keys), None);
    }

    #[test]
    fn only_spelling_variants_are_the_same_word() {
        let keys = ["tools", "disallowedTools", "model"];
        assert!(same_word("Tools", "tools", keys));
        assert!(same_word("disallowed_tools", "disallowedTools", keys));
        assert!(!same_word("tool", "tools", keys));
        assert!(!same_word("modle", "model", keys));
        // Two candidates spelled alike: which one is meant is not certain.
        assert!(!same_word("Red", "red", ["red", "RED"]));
    }
}
