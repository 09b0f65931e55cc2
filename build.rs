//! Build-time conversions of the data the engine is made of.
//!
//! The schema tables (`src/schema/*.yaml`) become JSON:
//! libyaml takes about 3.2 ms to read the 58 KB of tables, and the language server pays that
//! before its first diagnostics (3.7 ms median from `didOpen`, against a 5 ms target);
//! serde_json reads the same data in a small fraction of that. The YAML stays the source that
//! people edit; `schema::tests` checks that the JSON reads exactly as the YAML does.
//!
//! The rule registry (`src/analysis/rules/registry.yaml`) becomes the `registry!` invocation
//! that `src/analysis/rules/mod.rs` includes: the rules are a table of facts (codes, stages,
//! severities, the cases and their reasons), and the rule code names its cases as constants, so
//! a misspelt case fails the build.

use std::path::Path;
use std::{env, fs};

fn main() {
    schema_tables();
    rule_registry();
}

fn schema_tables() {
    println!("cargo::rerun-if-changed=src/schema");
    let out = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("schema");
    fs::create_dir_all(&out).expect("create OUT_DIR/schema");
    let mut entries: Vec<_> = fs::read_dir("src/schema")
        .expect("src/schema")
        .map(|e| e.expect("src/schema entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    entries.sort();
    for path in entries {
        println!("cargo::rerun-if-changed={}", path.display());
        let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let value: serde_yaml_ng::Value =
            serde_yaml_ng::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let json =
            serde_json::to_string(&value).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let name = path.with_extension("json");
        let name = name.file_name().expect("file name");
        fs::write(out.join(name), json).expect("write the JSON table");
    }
}

const REGISTRY: &str = "src/analysis/rules/registry.yaml";
const STAGES: [&str; 5] = ["front-matter", "yaml", "schema", "body", "workspace"];
const SEVERITIES: [&str; 4] = ["error", "warning", "information", "hint"];

fn rule_registry() {
    println!("cargo::rerun-if-changed={REGISTRY}");
    let text = fs::read_to_string(REGISTRY).unwrap_or_else(|e| panic!("{REGISTRY}: {e}"));
    let rows: Vec<serde_yaml_ng::Mapping> =
        serde_yaml_ng::from_str(&text).unwrap_or_else(|e| panic!("{REGISTRY}: {e}"));
    // Absolute paths: a file reached through `include!` resolves `mod` and `include_str!`
    // relative to itself (OUT_DIR), not to `rules/`.
    let dir = Path::new(&env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"))
        .join("src/analysis/rules");
    let mut out = String::from("registry! {\n");
    for row in &rows {
        let code = field(
            row,
            "code",
            &["code", "stage", "severity", "summary", "cases"],
        );
        let at = |what: &str| format!("{REGISTRY}: rule `{code}`: {what}");
        let stage = one_of(field(row, "stage", &[]), &STAGES, &at("stage"));
        let severity = one_of(field(row, "severity", &[]), &SEVERITIES, &at("severity"));
        let mut cases = Vec::new();
        if let Some(list) = row.get("cases") {
            let list: Vec<serde_yaml_ng::Mapping> = serde_yaml_ng::from_value(list.clone())
                .unwrap_or_else(|e| panic!("{}: {e}", at("cases")));
            for case in &list {
                let name = field(case, "name", &["name", "severity", "when"]);
                let case_severity = one_of(
                    field(case, "severity", &[]),
                    &SEVERITIES,
                    &at("case severity"),
                );
                let when = field(case, "when", &[]);
                cases.push(format!("{name} => {case_severity}: {when:?}"));
            }
        }
        let module = code.replace('-', "_");
        out += &format!(
            "    {} = {code:?} in {module} at {:?} explained at {:?}, {stage}, {severity}, [{}], {:?};\n",
            pascal(code),
            dir.join(format!("{module}.rs")).display().to_string(),
            dir.join(format!("explain/{code}.md")).display().to_string(),
            cases.join(", "),
            field(row, "summary", &[]),
        );
    }
    out += "}\n";
    let path = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("registry.rs");
    fs::write(path, out).expect("write the rule registry");
}

/// The text of `key` in a registry mapping; with `allowed`, also checks that the mapping has
/// no other keys (a misspelt `severity` would otherwise leave the default unseen).
fn field<'a>(map: &'a serde_yaml_ng::Mapping, key: &str, allowed: &[&str]) -> &'a str {
    for k in map.keys() {
        let k = k.as_str().unwrap_or_default();
        if !allowed.is_empty() && !allowed.contains(&k) {
            panic!("{REGISTRY}: unknown key `{k}` beside `{key}`");
        }
    }
    match map.get(key).map(|v| v.as_str()) {
        Some(Some(text)) if !text.is_empty() => text,
        _ => panic!("{REGISTRY}: a row without text for `{key}`: {map:?}"),
    }
}

/// `value` as the Rust variant of one of `allowed` (`front-matter` → `FrontMatter`).
fn one_of(value: &str, allowed: &[&str], what: &str) -> String {
    if !allowed.contains(&value) {
        panic!("{what} `{value}` is none of {allowed:?}");
    }
    pascal(value)
}

fn pascal(kebab: &str) -> String {
    kebab
        .split('-')
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map_or(String::new(), |c| {
                c.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect()
}
