//! Values with a structure of their own (`hooks`, `handoffs`, `github`, a `model` list): one walk
//! over the value against the key's shape (`fields`, `items`, `keys`/`each`, … of
//! `schema::Key`), each finding under the code that owns it. `invalid-type`, `invalid-value`,
//! `unknown-key` and `missing-required-key` each run the walk and report their own findings.
//!
//! The walk visits every node of the value at most once, and no deeper than the shape (the
//! tables' nesting, not the file's). A node of the wrong type is reported and not entered: one
//! broken thing, one diagnostic. Aliases, tags and values nested too deeply to read stand for
//! values not known here and are left alone.

use super::super::RuleCx;
use super::super::cases::OPEN_SET;
use super::entries;
use crate::analysis::suggest;
use crate::diagnostic::{Code, Fix, TextEdit};
use crate::schema::{Key, NoteType, Setting, TypeNote, UnknownFields, Value, ValueType};
use crate::syntax::scalar::Resolved;
use crate::syntax::yaml::{Entry, Node, NodeKind, Yaml};
use std::collections::HashMap;
use std::ops::Range;

/// Reports the findings of `code` in every structured value of the file.
pub fn check(cx: &mut RuleCx, code: Code) {
    let yaml = cx.yaml();
    for (e, key) in entries::known(cx) {
        let Some(v) = &e.value else { continue };
        if !key.is_structured() || key.unchecked_with.as_ref().is_some_and(|s| set(yaml, s)) {
            continue;
        }
        // The value is of a type its shape does not take, and a note says what its readers do
        // with it instead: `invalid-type` reports the note, and there is nothing to walk.
        if !takes(key, v) && note(yaml, key, v).is_some() {
            continue;
        }
        let mut walk = Walk { cx, code, top: key };
        walk.node(key, v, &mut e.key.clone());
    }
}

/// The first of the key's type notes that applies to `v`.
pub fn note<'k>(yaml: Option<&Yaml>, key: &'k Key, v: &Node) -> Option<&'k TypeNote> {
    // `[]` is an empty list, not a list: the note of a list is about the items it gives.
    let ty = match &v.kind {
        NodeKind::Seq { items, .. } if items.is_empty() => NoteType::EmptyList,
        NodeKind::Seq { .. } => NoteType::List,
        NodeKind::Map { .. } => NoteType::Map,
        _ => return None,
    };
    key.type_notes
        .iter()
        .find(|n| n.ty == ty && n.when.as_ref().is_none_or(|s| set(yaml, s)))
}

/// Whether the front matter sets `s.key` to `s.value`.
fn set(yaml: Option<&Yaml>, s: &Setting<String>) -> bool {
    yaml.and_then(|y| y.entry(&s.key))
        .and_then(|e| e.value.as_ref())
        .and_then(Node::as_str)
        == Some(s.value.as_str())
}

/// Whether a value of `v`'s kind is one the shape takes at all (its inside aside).
fn takes(shape: &Key, v: &Node) -> bool {
    match &v.kind {
        NodeKind::Other | NodeKind::Deep => true,
        NodeKind::Map { .. } => matches!(shape.ty, ValueType::Map | ValueType::Any),
        NodeKind::Seq { .. } => match shape.ty {
            ValueType::List | ValueType::Any => true,
            ValueType::StringOrList | ValueType::Model | ValueType::Enum => shape.items.is_some(),
            _ => false,
        },
        NodeKind::Scalar(s) => match shape.ty {
            ValueType::Map | ValueType::List => false,
            ValueType::Bool => {
                s.resolved == Resolved::Bool || matches!(s.value.as_str(), "true" | "false")
            }
            ValueType::Integer | ValueType::Number => {
                matches!(s.resolved, Resolved::Int | Resolved::Float)
                    || s.value.trim().parse::<f64>().is_ok()
            }
            // Text: any scalar but null (VS Code's YAML reads every scalar as text).
            _ => s.resolved != Resolved::Null || s.style.is_quoted(),
        },
    }
}

/// What a shape wants, for "must be …".
fn wanted(shape: &Key) -> &'static str {
    match shape.ty {
        ValueType::Map => "a mapping",
        ValueType::List => "a list",
        ValueType::Bool => "`true` or `false`",
        ValueType::Integer | ValueType::Number => "a number",
        ValueType::Model if shape.items.is_some() => "a model name or a list of them",
        ValueType::StringOrList | ValueType::Enum if shape.items.is_some() => "text or a list",
        _ => "text",
    }
}

struct Walk<'c, 'a> {
    cx: &'c mut RuleCx<'a>,
    code: Code,
    /// The top-level key: its reader and what that reader does with a broken value.
    top: &'a Key,
}

impl Walk<'_, '_> {
    /// Reports `what` at the default severity of `code`, if that is the code of this walk,
    /// with what the reader does with the broken value.
    fn report(&mut self, code: Code, range: Range<usize>, what: String) {
        if code != self.code {
            return;
        }
        let msg = match &self.top.if_invalid {
            Some(effect) => format!("{what}; {effect}."),
            None => format!("{what}."),
        };
        self.cx.report(code, range, msg);
    }

    fn reader(&self) -> &str {
        self.top.reader.as_deref().unwrap_or(&self.cx.dialect.tool)
    }

    /// Checks `v` (at `path`) against `shape`. `path` is restored before returning.
    fn node(&mut self, shape: &Key, v: &Node, path: &mut String) {
        if matches!(v.kind, NodeKind::Other | NodeKind::Deep) {
            return;
        }
        if !takes(shape, v) {
            let got = v.type_name();
            self.report(
                Code::InvalidType,
                v.range.clone(),
                format!("`{path}` must be {}, not {got}", wanted(shape)),
            );
            return;
        }
        match &v.kind {
            NodeKind::Map { entries, .. } => self.map(
                shape.variant(|f| entries.iter().any(|e| e.key == f)),
                v,
                entries,
                path,
            ),
            NodeKind::Seq { items, .. } => self.list(shape, v, items, path),
            NodeKind::Scalar(_) => match &shape.items {
                // A key that takes one value or a list of them: the one value is an item.
                Some(item) if shape.ty != ValueType::List => self.scalar(item, v, path),
                _ => self.scalar(shape, v, path),
            },
            NodeKind::Other | NodeKind::Deep => {}
        }
    }

    fn scalar(&mut self, shape: &Key, v: &Node, path: &str) {
        let Some(s) = v.as_scalar() else { return };
        let text = s.value.as_str();
        let problem = if shape.non_empty && text.trim().is_empty() {
            Some(format!("`{path}` is empty"))
        } else if shape.alphanumeric && !text.chars().any(char::is_alphanumeric) {
            Some(format!("`{path}` (`{text}`) must hold a letter or a digit"))
        } else {
            None
        };
        if let Some(what) = problem {
            self.report(Code::InvalidValue, v.range.clone(), what);
            return;
        }
        let values = self.cx.registry.values(shape);
        if shape.ty == ValueType::Enum
            && !values.is_empty()
            && !values.iter().any(|x| x.value == text)
        {
            self.outside(shape, values, v.range.clone(), path, text);
        }
    }

    /// A value outside its set: `invalid-value`, a warning for an open set.
    fn outside(
        &mut self,
        shape: &Key,
        values: &[Value],
        range: Range<usize>,
        path: &str,
        text: &str,
    ) {
        if self.code != Code::InvalidValue {
            return;
        }
        let close = suggest::closest(text, values.iter().map(|x| x.value.as_str()));
        let hint = close
            .map(|c| format!(" (did you mean `{c}`?)"))
            .unwrap_or_default();
        let effect = self.top.if_invalid.as_deref().unwrap_or("it is ignored");
        let msg = format!(
            "`{path}` is `{text}`{hint}; {} takes {}, otherwise {effect}.",
            self.reader(),
            names_of(values)
        );
        self.cx.report_as(
            Code::InvalidValue,
            shape.open.then_some(&OPEN_SET),
            range,
            msg,
        );
    }

    fn list(&mut self, shape: &Key, v: &Node, items: &[Node], path: &mut String) {
        if let Some(min) = shape.min_items
            && items.len() < min
        {
            let what = if items.is_empty() {
                "an empty list".to_string()
            } else {
                format!("a list of {}", items.len())
            };
            self.report(
                Code::InvalidValue,
                v.range.clone(),
                format!("`{path}` is {what}"),
            );
            return;
        }
        let Some(item) = &shape.items else { return };
        let len = path.len();
        for (i, node) in items.iter().enumerate() {
            path.push_str(&format!("[{i}]"));
            self.node(item, node, path);
            path.truncate(len);
        }
        if let Some(field) = &shape.unique {
            self.unique(field, items, path);
        }
    }

    /// Items whose `field` repeats an earlier item's (ignoring case), in one pass.
    fn unique(&mut self, field: &str, items: &[Node], path: &str) {
        let mut first: HashMap<String, usize> = HashMap::new();
        for (i, node) in items.iter().enumerate() {
            let NodeKind::Map { entries, .. } = &node.kind else {
                continue;
            };
            let Some((e, text)) = entries
                .iter()
                .find(|e| e.key == field)
                .and_then(|e| Some((e, e.value.as_ref()?.as_str()?)))
            else {
                continue;
            };
            if text.trim().is_empty() {
                continue;
            }
            match first.entry(text.to_lowercase()) {
                std::collections::hash_map::Entry::Vacant(slot) => {
                    slot.insert(i);
                }
                std::collections::hash_map::Entry::Occupied(j) => {
                    let range = e
                        .value
                        .as_ref()
                        .map_or(e.key_range.clone(), |v| v.range.clone());
                    let what = format!(
                        "`{path}[{i}].{field}` `{text}` repeats the {field} of `{path}[{}]` ({} tells them apart ignoring case, so this one cannot be reached)",
                        j.get(),
                        self.reader()
                    );
                    self.report(Code::InvalidValue, range, what);
                }
            }
        }
    }

    fn map(&mut self, shape: &Key, v: &Node, entries: &[Entry], path: &mut String) {
        let len = path.len();
        let has = |f: &str| entries.iter().any(|e| e.key == f);
        // An unknown key that is likely a missing required field (`promt` for `prompt`): that
        // typo is the one broken thing, reported once, as the missing field at the typo.
        let mut typos: Vec<(&Entry, &Key)> = Vec::new();
        for e in entries {
            let field = shape.field(&e.key);
            let named = shape.keys.is_some() || shape.each.is_some();
            match (field, named) {
                (Some(f), _) => {
                    path.push('.');
                    path.push_str(&e.key);
                    self.entry(f, e, path);
                    path.truncate(len);
                }
                (None, true) => {
                    let names = self.cx.registry.key_names(shape);
                    if !names.is_empty() && !names.iter().any(|x| x.value == e.key) {
                        self.unknown_name(&e.key, e.key_range.clone(), names, path);
                        continue;
                    }
                    if let Some(each) = &shape.each {
                        path.push('.');
                        path.push_str(&e.key);
                        self.entry(each, e, path);
                        path.truncate(len);
                    }
                }
                (None, false) if !shape.fields.is_empty() => {
                    let close =
                        suggest::closest(&e.key, shape.fields.iter().map(|f| f.key.as_str()));
                    let wanted = close
                        .and_then(|c| shape.field(c))
                        .filter(|f| (f.required || shape.one_of.contains(&f.key)) && !has(&f.key));
                    match wanted {
                        Some(f) => typos.push((e, f)),
                        None if shape.unknown_fields == UnknownFields::Warning => {
                            self.unknown_field(shape, e, entries, close, path);
                        }
                        None => {}
                    }
                }
                (None, false) => {}
            }
        }
        for (e, f) in &typos {
            let what = format!(
                "`{path}` has no `{}`: `{}` is likely a misspelling of it",
                f.key, e.key
            );
            self.report_fixed(Code::MissingRequiredKey, e.key_range.clone(), what, &f.key);
        }
        let spelt = |f: &str| typos.iter().any(|(_, t)| t.key == f);
        let missing: Vec<&Key> = shape
            .fields
            .iter()
            .filter(|f| f.required && !has(&f.key) && !spelt(&f.key))
            .collect();
        if let Some(first) = missing.first() {
            let list = missing
                .iter()
                .map(|f| format!("`{}`", f.key))
                .collect::<Vec<_>>()
                .join(" and ");
            let why = first
                .if_missing
                .as_ref()
                .map(|w| format!(": {w}"))
                .unwrap_or_default();
            self.report(
                Code::MissingRequiredKey,
                v.range.clone(),
                format!("`{path}` has no {list}{why}"),
            );
        } else if !shape.one_of.is_empty() && !shape.one_of.iter().any(|f| has(f) || spelt(f)) {
            let list = shape
                .one_of
                .iter()
                .map(|f| format!("`{f}`"))
                .collect::<Vec<_>>()
                .join(", ");
            self.report(
                Code::MissingRequiredKey,
                v.range.clone(),
                format!("`{path}` needs one of {list}"),
            );
        }
    }

    /// [`Walk::report`] with a rename of the key at `range` to `to`, offered, not applied: the
    /// closest field may not be the one meant.
    fn report_fixed(&mut self, code: Code, range: Range<usize>, what: String, to: &str) {
        if code != self.code {
            return;
        }
        let effect = self
            .top
            .if_invalid
            .as_deref()
            .map(|e| format!("; {e}"))
            .unwrap_or_default();
        if let Some(d) = self
            .cx
            .report(code, range.clone(), format!("{what}{effect}."))
        {
            d.fixes.push(Fix::manual(
                format!("Rename to `{to}`"),
                vec![TextEdit::replace(range, to)],
            ));
        }
    }

    /// A field with its value; one with no value at all is text nobody wrote.
    fn entry(&mut self, shape: &Key, e: &Entry, path: &mut String) {
        match &e.value {
            Some(v) => self.node(shape, v, path),
            None if shape.non_empty => self.report(
                Code::InvalidValue,
                e.key_range.clone(),
                format!("`{path}` is empty"),
            ),
            None if matches!(shape.ty, ValueType::Map | ValueType::List) => {
                let what = format!("`{path}` must be {}, not empty", wanted(shape));
                self.report(Code::InvalidType, e.key_range.clone(), what);
            }
            None => {}
        }
    }

    fn unknown_name(&mut self, name: &str, range: Range<usize>, names: &[Value], path: &str) {
        if self.code != Code::UnknownKey {
            return;
        }
        if !self.cx.listed(Code::UnknownKey) {
            // Only counted: skip the search for a close name.
            self.cx.report(Code::UnknownKey, range, String::new());
            return;
        }
        let reader = self.reader().to_string();
        let hint = suggest::closest(name, names.iter().map(|x| x.value.as_str()))
            .map(|c| format!(" Did you mean `{c}`?"))
            .unwrap_or_default();
        let msg = format!(
            "`{path}.{name}` is not a name {reader} knows here, so it ignores what is under it.{hint} Known: {}.",
            names_of(names)
        );
        self.cx.report(Code::UnknownKey, range, msg);
    }

    /// A key the map's shape does not define; `close` is the field it is likely a typo of, and
    /// a rename to it is offered when the map (`siblings`) does not have that field already.
    fn unknown_field(
        &mut self,
        shape: &Key,
        e: &Entry,
        siblings: &[Entry],
        close: Option<&str>,
        path: &str,
    ) {
        if self.code != Code::UnknownKey {
            return;
        }
        let (reader, name) = (self.reader().to_string(), &e.key);
        let msg = match close {
            Some(c) => format!(
                "`{path}.{name}` is not a key {reader} reads here: did you mean `{c}`? It ignores `{name}`."
            ),
            None => {
                let known: Vec<String> = shape
                    .fields
                    .iter()
                    .map(|f| format!("`{}`", f.key))
                    .collect();
                format!(
                    "`{path}.{name}` is not a key {reader} reads here ({}); it ignores it.",
                    known.join(", ")
                )
            }
        };
        let free = close.is_some_and(|c| !siblings.iter().any(|x| x.key == c));
        if let Some(d) = self.cx.report(Code::UnknownKey, e.key_range.clone(), msg)
            && let Some(c) = close.filter(|_| free)
        {
            // Offered, not applied: the closest key may not be the one meant.
            d.fixes.push(Fix::manual(
                format!("Rename to `{c}`"),
                vec![TextEdit::replace(e.key_range.clone(), c)],
            ));
        }
    }
}

/// `` `a`, `b`, `c` `` (the first twelve, then "…").
fn names_of(values: &[Value]) -> String {
    let shown: Vec<String> = values
        .iter()
        .take(12)
        .map(|v| format!("`{}`", v.value))
        .collect();
    if values.len() > shown.len() {
        format!("{}, …", shown.join(", "))
    } else {
        shown.join(", ")
    }
}
