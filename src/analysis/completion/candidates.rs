//! The values a key can take, ranked: the schema's (by status), the configuration's, and those
//! used elsewhere in the workspace.

use super::{DocRef, Item, ItemKind, Request};
use crate::schema::{Status, Value, ValueType};
use std::collections::HashSet;
use std::ops::Range;

/// A value offered for a key, before it is placed.
pub(super) struct Candidate {
    pub(super) label: String,
    kind: ItemKind,
    detail: Option<String>,
    documentation: Option<String>,
    sort: String,
    deprecated: bool,
    doc_ref: Option<DocRef>,
}

impl Candidate {
    pub(super) fn into_item(self, replace: Range<usize>, insert: String) -> Item {
        Item {
            label: self.label,
            kind: self.kind,
            detail: self.detail,
            documentation: self.documentation,
            replace,
            insert,
            snippet: false,
            sort: self.sort,
            deprecated: self.deprecated,
            doc_ref: self.doc_ref,
        }
    }
}

pub(super) fn status_rank(s: Status) -> u8 {
    match s {
        Status::Active => 0,
        Status::Legacy => 1,
        Status::Deprecated => 2,
        Status::Retired => 3,
    }
}

/// The values a key takes: its schema (and configuration) values, the tool vocabulary for tool
/// lists, `true`/`false` for booleans, and for keys without a fixed set the values used in the
/// other files of the workspace.
pub(super) fn candidates(req: &Request, key: &str, exclude: &HashSet<&str>) -> Vec<Candidate> {
    let schema_key = req.dialect.key(key);
    let used = (req.workspace)(key);
    let used_count = |v: &str| used.iter().find(|(u, _)| u == v).map_or(0, |(_, n)| *n);
    let mut out: Vec<Candidate> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    let push_values =
        |values: &[Value], kind: ItemKind, out: &mut Vec<Candidate>, seen: &mut HashSet<String>| {
            for (i, v) in values.iter().enumerate() {
                if exclude.contains(v.value.as_str()) || !seen.insert(v.value.clone()) {
                    continue;
                }
                let detail = match (v.status, &v.replacement) {
                    (Status::Active, _) => None,
                    (s, Some(r)) => Some(format!("{} — use {r}", status_word(s))),
                    (s, None) => Some(status_word(s).to_string()),
                };
                // Within a status, values used elsewhere in the workspace come first.
                let n = used_count(&v.value).min(9999);
                out.push(Candidate {
                    label: v.value.clone(),
                    kind,
                    detail,
                    documentation: if req.lazy_docs {
                        None
                    } else {
                        crate::analysis::hover::value_markdown(v)
                    },
                    sort: format!("{}{:04}{i:04}", status_rank(v.status), 9999 - n),
                    deprecated: matches!(v.status, Status::Deprecated | Status::Retired),
                    doc_ref: (!v.doc.is_empty() || v.status != Status::Active).then(|| DocRef {
                        key: key.to_string(),
                        value: Some(v.value.clone()),
                    }),
                });
            }
        };
    let Some(k) = schema_key else {
        return used_values(&used, exclude);
    };
    match k.ty {
        ValueType::Tools => push_values(
            req.registry.tool_names(req.dialect, k),
            ItemKind::Tool,
            &mut out,
            &mut seen,
        ),
        ValueType::Bool => {
            for (i, b) in ["true", "false"].into_iter().enumerate() {
                if seen.insert(b.to_string()) {
                    out.push(Candidate {
                        label: b.into(),
                        kind: ItemKind::Value,
                        detail: Some("boolean".into()),
                        documentation: None,
                        sort: format!("0{i:04}"),
                        deprecated: false,
                        doc_ref: None,
                    });
                }
            }
        }
        _ => {}
    }
    let kind = if k.ty == ValueType::Model {
        ItemKind::Model
    } else {
        ItemKind::Value
    };
    push_values(req.registry.values(k), kind, &mut out, &mut seen);
    // Keys without a fixed set (`tier`, a Copilot `model`): the configured values are
    // suggestions, and what the rest of the workspace uses comes after them.
    let fixed = match k.ty {
        ValueType::Enum
        | ValueType::Bool
        | ValueType::Color
        | ValueType::Tools
        | ValueType::Map => true,
        ValueType::Model => !out.is_empty(),
        _ => false,
    };
    if !fixed && !req.dialect.roles.is_identity(key) {
        let mut more = used_values(&used, exclude);
        more.retain(|c| seen.insert(c.label.clone()));
        out.extend(more);
    }
    out
}

pub(super) fn used_values(used: &[(String, usize)], exclude: &HashSet<&str>) -> Vec<Candidate> {
    used.iter()
        .filter(|(v, _)| !exclude.contains(v.as_str()))
        .enumerate()
        .map(|(i, (v, n))| Candidate {
            label: v.clone(),
            kind: ItemKind::Used,
            detail: Some(format!(
                "used in {n} other file{}",
                if *n == 1 { "" } else { "s" }
            )),
            documentation: None,
            sort: format!("5{i:04}"),
            deprecated: false,
            doc_ref: None,
        })
        .collect()
}

pub(super) fn status_word(s: Status) -> &'static str {
    match s {
        Status::Active => "active",
        Status::Legacy => "legacy",
        Status::Deprecated => "deprecated",
        Status::Retired => "retired",
    }
}
