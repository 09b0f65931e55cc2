//! "Did you mean": the closest known word to a typo.

/// Optimal-string-alignment distance (Levenshtein plus adjacent transposition), case-sensitive.
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (n, m) = (a.len(), b.len());
    let mut d = vec![vec![0usize; m + 1]; n + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=n {
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[n][m]
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
    let mut best: Option<(&str, usize)> = None;
    for c in candidates {
        if c == word {
            continue;
        }
        let d = if fold(c) == folded {
            0
        } else {
            distance(&folded, &fold(c))
        };
        if best.is_none_or(|(_, bd)| d < bd) {
            best = Some((c, d));
        }
    }
    let (c, d) = best?;
    let limit = match folded.chars().count() {
        0..=2 => 0,
        3..=5 => 1,
        6..=9 => 2,
        _ => 3,
    };
    (d <= limit).then_some(c)
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
    }
}
