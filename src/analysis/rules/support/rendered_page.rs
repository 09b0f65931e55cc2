//! Whether a file without front matter is a copy of a rendered web page: both
//! `rendered-front-matter` and `missing-front-matter` (which then stays silent) ask.

use crate::analysis::RuleCx;
use crate::text::lines;

/// Words that only appear in the chrome of a rendered repository page.
const DEBRIS: &[&str] = &[
    "Skip to content",
    "File metadata and controls",
    "Navigation Menu",
    "Raw",
    "Blame",
    "Preview",
    "Code",
    "Copy raw file",
    "Download raw file",
];

/// How far into the file to look: the page header plus the table.
const SCAN_LINES: usize = 80;

pub struct Found {
    pub pairs: Vec<(String, String)>,
    /// The `key value` lines.
    pub table: std::ops::Range<usize>,
    /// What the fix replaces: the debris above the table and the table.
    pub replace: std::ops::Range<usize>,
    pub debris: bool,
}

/// The table of a rendered page's front matter, if the file looks like one.
pub fn find(cx: &RuleCx) -> Option<Found> {
    // A table that names the persona: a key that is some dialect's name or description.
    let identity = |k: &str| cx.registry.dialects.iter().any(|d| d.roles.is_identity(k));
    scan(
        cx.text,
        cx.parsed.split.bom,
        cx.registry.all_keys(),
        identity,
    )
}

fn scan(
    text: &str,
    start: usize,
    // Sorted.
    keys: &[String],
    identity: impl Fn(&str) -> bool,
) -> Option<Found> {
    let known = |k: &str| keys.binary_search_by(|x| x.as_str().cmp(k)).is_ok();
    let mut debris_seen = false;
    let mut run: Vec<(usize, usize, String, String)> = Vec::new();
    let mut best: Option<Vec<(usize, usize, String, String)>> = None;
    let body = &text[start..];
    let all: Vec<(usize, &str)> = lines(body)
        .take(SCAN_LINES)
        .map(|(o, l)| (start + o, l))
        .collect();
    let mut i = 0;
    while i < all.len() {
        let (off, line) = all[i];
        let t = line.trim();
        // Page chrome counts only above the table; short words must be the whole line.
        if run.is_empty()
            && best.is_none()
            && DEBRIS
                .iter()
                .any(|d| t == *d || d.len() > 8 && t.starts_with(d))
        {
            debris_seen = true;
        }
        // Horizontal form: a header row of keys over a row of values, separated by tabs.
        if run.is_empty() && t.contains('\t') {
            let heads: Vec<&str> = t.split('\t').map(str::trim).collect();
            if heads.len() >= 2
                && heads.iter().all(|h| known(h))
                && let Some(&(voff, vline)) = all.get(i + 1)
            {
                let vals: Vec<&str> = vline.split('\t').map(str::trim).collect();
                if vals.len() == heads.len() {
                    let pairs: Vec<_> = heads
                        .iter()
                        .zip(vals)
                        .map(|(k, v)| (off, voff + vline.len(), k.to_string(), v.to_string()))
                        .collect();
                    best = Some(pairs);
                    break;
                }
            }
        }
        // Vertical form: `name Backend Architect` / `name\tBackend Architect`.
        let pair = t
            .split_once([' ', '\t'])
            .map(|(k, v)| (k.trim_end_matches(':'), v.trim()))
            .filter(|(k, v)| known(k) && !v.is_empty());
        match pair {
            Some((k, v)) => run.push((off, off + line.len(), k.to_string(), v.to_string())),
            None => {
                if run.len() > best.as_ref().map_or(0, Vec::len) {
                    best = Some(std::mem::take(&mut run));
                }
                run.clear();
            }
        }
        i += 1;
    }
    if run.len() > best.as_ref().map_or(0, Vec::len) {
        best = Some(run);
    }
    let best = best?;
    let has_identity = best.iter().any(|(_, _, k, _)| identity(k));
    if best.len() < 2 || !has_identity {
        return None;
    }
    let table = best[0].0..best[best.len() - 1].1;
    // Without page debris, two `key value` lines at the top are still a lost front matter
    // only if the table starts the file.
    let first_content = all
        .iter()
        .find(|(_, l)| !l.trim().is_empty())
        .map(|(o, _)| *o);
    if !debris_seen && first_content != Some(table.start) {
        return None;
    }
    let replace = if debris_seen {
        start..table.end
    } else {
        table.clone()
    };
    Some(Found {
        pairs: best.into_iter().map(|(_, _, k, v)| (k, v)).collect(),
        table,
        replace,
        debris: debris_seen,
    })
}
