//! Helpers shared by the engine tests: analyse a fixture and render what was found with exact
//! positions, so that expectations read like the feature.
#![allow(dead_code)]

use persona_ls::analysis::{Location, analyze, fix_all};
use persona_ls::config::Config;
use persona_ls::diagnostic::apply_edits;
use persona_ls::dialect::Registry;
use persona_ls::text::{Encoding, LineIndex};

pub fn registry(config: &str) -> Registry {
    Registry::new(Config::from_toml(config, None).expect("test config"))
}

/// `line:col-line:col severity[code] message` per diagnostic (1-based lines, UTF-16 columns),
/// each followed by its fixes and what the first fix leaves behind after a re-check.
pub fn render(rel_path: &str, text: &str, registry: &Registry) -> String {
    let location = Location::at(rel_path);
    let a = analyze(text, location, registry);
    let index = LineIndex::new(text);
    let mut out = String::new();
    match a.dialect {
        Some(d) => out.push_str(&format!("dialect: {}\n", registry.dialects[d.index].id)),
        None => out.push_str("dialect: none\n"),
    }
    for d in &a.diagnostics {
        let s = index.position(text, d.range.start, Encoding::Utf16);
        let e = index.position(text, d.range.end, Encoding::Utf16);
        out.push_str(&format!(
            "{}:{}-{}:{} {}[{}] {}\n  text: {:?}\n",
            s.line + 1,
            s.character + 1,
            e.line + 1,
            e.character + 1,
            d.severity.as_str(),
            d.code,
            d.message,
            &text[d.range.clone()]
        ));
        for f in &d.fixes {
            let fixed = apply_edits(text, &f.edits);
            let after = analyze(&fixed, location, registry);
            let still: Vec<_> = after
                .diagnostics
                .iter()
                .filter(|x| x.code == d.code && x.message == d.message)
                .map(|x| x.code.as_str())
                .collect();
            out.push_str(&format!(
                "  fix{}: {} -> {}\n",
                if f.safe { "" } else { " (manual)" },
                f.title,
                if still.is_empty() {
                    "fixed".to_string()
                } else {
                    format!("still {}", still.join(", "))
                }
            ));
        }
    }
    out
}

pub fn check(rel_path: &str, text: &str) -> String {
    render(rel_path, text, &Registry::builtin())
}

/// The text after `check --fix`, and what a re-check still reports.
pub fn fixed(rel_path: &str, text: &str) -> (String, Vec<String>) {
    let registry = Registry::builtin();
    let location = Location::at(rel_path);
    let new = fix_all::fix_text(text, location, &registry).unwrap_or_else(|| text.to_string());
    let left = analyze(&new, location, &registry)
        .diagnostics
        .iter()
        .map(|d| format!("{}[{}]", d.severity.as_str(), d.code))
        .collect();
    (new, left)
}

/// The text after applying the first fix of the first `code` diagnostic (safe or not), as the
/// editor does when the user picks it.
pub fn offered(rel_path: &str, text: &str, code: &str) -> String {
    let location = Location::at(rel_path);
    let a = analyze(text, location, &Registry::builtin());
    let d = a
        .diagnostics
        .iter()
        .find(|d| d.code.as_str() == code && !d.fixes.is_empty())
        .unwrap_or_else(|| panic!("no {code} diagnostic with a fix"));
    apply_edits(text, &d.fixes[0].edits)
}

/// `(code, fix title, safe)` for the first fix of every diagnostic that has one.
pub fn first_fixes(rel_path: &str, text: &str) -> Vec<(String, String, bool)> {
    let location = Location::at(rel_path);
    analyze(text, location, &Registry::builtin())
        .diagnostics
        .iter()
        .filter_map(|d| {
            let f = d.fixes.first()?;
            Some((d.code.as_str().to_string(), f.title.clone(), f.safe))
        })
        .collect()
}
