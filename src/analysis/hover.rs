//! Hover: what a key does, what a value means, and why a diagnostic is there. The text is
//! Markdown built from the same schema rows that drive diagnostics and completion.

use super::Parsed;
use super::completion::WorkspaceValues;
use super::tool_list::{self, base_name, strip_quotes};
use crate::diagnostic::Diagnostic;
use crate::dialect::{Detected, How, Registry};
use crate::schema::{Dialect, Key, ListStyle, Status, UnknownKeys, Value, ValueType};
use crate::syntax::yaml::{Entry, Node, NodeKind};
use std::fmt::Write;
use std::ops::Range;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hover {
    /// What the hover is about (the key, the value, the tool name, the diagnostic).
    pub range: Range<usize>,
    pub markdown: String,
}

pub struct Request<'a> {
    pub text: &'a str,
    pub parsed: &'a Parsed,
    pub registry: &'a Registry,
    pub detected: Option<Detected>,
    pub offset: usize,
    /// The document's diagnostics: hovering over one explains its rule.
    pub diagnostics: &'a [Diagnostic],
    pub workspace: WorkspaceValues<'a>,
}

pub fn type_label(ty: ValueType) -> &'static str {
    match ty {
        ValueType::String => "text",
        ValueType::Bool => "boolean",
        ValueType::Integer => "integer",
        ValueType::Number => "number",
        ValueType::Enum => "one of a set of values",
        ValueType::List => "list",
        ValueType::StringOrList => "text or list",
        ValueType::Map => "mapping",
        ValueType::Model => "model",
        ValueType::Color => "color",
        ValueType::Tools => "tool list",
        ValueType::Any => "any",
    }
}

fn status_line(v: &Value) -> Option<String> {
    let word = match v.status {
        Status::Active => return None,
        Status::Legacy => "Legacy",
        Status::Deprecated => "Deprecated",
        Status::Retired => "Retired",
    };
    Some(match &v.replacement {
        Some(r) => format!("*{word}*: use `{r}`."),
        None => format!("*{word}*."),
    })
}

/// The docs of one allowed value (model, tool, enum value), with its status.
pub fn value_markdown(v: &Value) -> Option<String> {
    let mut s = String::new();
    if !v.doc.is_empty() {
        s.push_str(&v.doc);
    }
    if let Some(line) = status_line(v) {
        if !s.is_empty() {
            s.push_str("\n\n");
        }
        s.push_str(&line);
    }
    (!s.is_empty()).then_some(s)
}

/// Everything about a key: doc, type, allowed values, default, status, dialect and source.
pub fn key_markdown(registry: &Registry, dialect: &Dialect, k: &Key) -> String {
    let mut s = format!("**`{}`** · {}", k.key, type_label(k.ty));
    if k.required {
        s.push_str(" · required");
    }
    s.push_str("\n\n");
    s.push_str(k.doc.trim());
    if let Some(instead) = &k.deprecated {
        let _ = write!(s, "\n\n*Deprecated*: {instead}");
    }
    if let Some(line) = values_line(registry, dialect, k) {
        s.push_str("\n\n");
        s.push_str(&line);
    }
    if let Some(d) = &k.default {
        let _ = write!(s, "\n\nDefault: `{d}`.");
    }
    let source = k.source.as_deref().unwrap_or(&dialect.source);
    let _ = write!(
        s,
        "\n\nDialect: {} ({}). [Source]({source})",
        dialect.title, dialect.tool
    );
    s
}

/// "Allowed values: `a`, `b`." (or "Known values", for a set the checks do not enforce).
fn values_line(registry: &Registry, dialect: &Dialect, k: &Key) -> Option<String> {
    let values = match k.ty {
        ValueType::Tools => registry.tool_names(dialect, k),
        _ => registry.values(k),
    };
    let active: Vec<&Value> = values
        .iter()
        .filter(|v| v.status != Status::Retired)
        .collect();
    if !active.is_empty() {
        const SHOWN: usize = 12;
        let list: Vec<String> = active
            .iter()
            .take(SHOWN)
            .map(|v| format!("`{}`", v.value))
            .collect();
        let more = if active.len() > SHOWN {
            format!(" and {} more", active.len() - SHOWN)
        } else {
            String::new()
        };
        // Only enumerated types are checked against their values; for the others (a `tier` with
        // configured values) the list is a suggestion.
        let enforced =
            !k.open && matches!(k.ty, ValueType::Enum | ValueType::Color | ValueType::Model);
        let what = if enforced {
            "Allowed values"
        } else {
            "Known values"
        };
        Some(format!("{what}: {}{more}.", list.join(", ")))
    } else if k.ty == ValueType::Bool {
        Some("Allowed values: `true`, `false`.".to_string())
    } else {
        None
    }
}

pub fn hover(req: &Request) -> Option<Hover> {
    let offset = crate::text::floor_char_boundary(req.text, req.offset);
    let mut parts: Vec<String> = Vec::new();
    let mut range: Option<Range<usize>> = None;
    if let Some(detected) = req.detected
        && let Some((r, md)) = front_matter_hover(req, detected, offset)
    {
        parts.push(md);
        range = Some(r);
    }
    let mut seen = Vec::new();
    for d in req.diagnostics.iter().filter(|d| covers(&d.range, offset)) {
        if seen.contains(&d.code) {
            continue;
        }
        seen.push(d.code);
        parts.push(format!("**persona-ls `{}`**: {}", d.code, d.code.summary()));
        range.get_or_insert(d.range.clone());
    }
    let range = range?;
    Some(Hover {
        range,
        markdown: parts.join("\n\n---\n\n"),
    })
}

/// Whether a hover at `offset` (the character starting there) is over `r`.
fn covers(r: &Range<usize>, offset: usize) -> bool {
    r.start <= offset && offset < r.end || r.is_empty() && r.start == offset
}

fn front_matter_hover(
    req: &Request,
    detected: Detected,
    offset: usize,
) -> Option<(Range<usize>, String)> {
    let yaml = req.parsed.yaml.as_ref()?;
    let dialect = req.registry.dialect(&detected);
    let entry = yaml.entries.iter().find(|e| {
        covers(
            &(e.key_range.start..e.range.end.max(e.key_range.end)),
            offset,
        )
    })?;
    if covers(&entry.key_range, offset) {
        return Some((
            entry.key_range.clone(),
            key_hover(req, dialect, detected, entry),
        ));
    }
    let value = entry.value.as_ref()?;
    let k = dialect.key(&entry.key)?;
    if k.is_structured()
        && let Some(found) = nested_hover(req, dialect, k, value, offset, &mut entry.key.clone())
    {
        return Some(found);
    }
    value_hover(req, dialect, k, value, offset)
}

/// Inside a value with a shape (`hooks`, `handoffs`, `github`): the doc of the nested key, or
/// of the known value, under the cursor. Descends only into the node holding the cursor.
fn nested_hover(
    req: &Request,
    dialect: &Dialect,
    shape: &Key,
    v: &Node,
    offset: usize,
    path: &mut String,
) -> Option<(Range<usize>, String)> {
    match &v.kind {
        NodeKind::Map { entries, .. } => {
            let shape = shape.variant(|f| entries.iter().any(|e| e.key == f));
            let e = entries.iter().find(|e| {
                covers(
                    &(e.key_range.start..e.range.end.max(e.key_range.end)),
                    offset,
                )
            })?;
            path.push('.');
            path.push_str(&e.key);
            let field = shape.field(&e.key);
            if covers(&e.key_range, offset) {
                let md = match field {
                    Some(f) => field_markdown(req.registry, dialect, f, path),
                    None => {
                        let known = req
                            .registry
                            .key_names(shape)
                            .iter()
                            .find(|x| x.value == e.key)?;
                        format!("**`{path}`**\n\n{}", value_markdown(known)?)
                    }
                };
                return Some((e.key_range.clone(), md));
            }
            let child = field.or(shape.each.as_deref())?;
            nested_hover(req, dialect, child, e.value.as_ref()?, offset, path)
        }
        NodeKind::Seq { items, .. } => {
            let i = items.iter().position(|i| covers(&i.range, offset))?;
            let _ = write!(path, "[{i}]");
            nested_hover(
                req,
                dialect,
                shape.items.as_deref()?,
                &items[i],
                offset,
                path,
            )
        }
        NodeKind::Scalar(s) if covers(&v.range, offset) => {
            let known = req
                .registry
                .values(shape)
                .iter()
                .find(|x| x.value == s.value)?;
            let md = format!(
                "**`{}`** · value of `{path}`\n\n{}",
                known.value,
                value_markdown(known)?
            );
            Some((v.range.clone(), md))
        }
        _ => None,
    }
}

/// A nested key: its path, type, doc and values.
fn field_markdown(registry: &Registry, dialect: &Dialect, f: &Key, path: &str) -> String {
    let mut s = format!("**`{path}`** · {}", type_label(f.ty));
    if f.required {
        s.push_str(" · required");
    }
    let _ = write!(s, "\n\n{}", f.doc.trim());
    if let Some(line) = values_line(registry, dialect, f) {
        let _ = write!(s, "\n\n{line}");
    }
    s
}

fn key_hover(req: &Request, dialect: &Dialect, detected: Detected, e: &Entry) -> String {
    let how = match detected.how {
        How::Path => "recognised by its path",
        How::Content => "recognised by its keys",
        How::Project => "recognised by the project's marker files",
        How::Forced => "chosen by configuration",
    };
    match dialect.key(&e.key) {
        Some(k) => format!(
            "{}\n\nThis file: {} ({how}).",
            key_markdown(req.registry, dialect, k),
            dialect.title
        ),
        None => {
            let effect = match dialect.unknown_keys {
                UnknownKeys::Rejected => "refuses the file over it",
                UnknownKeys::Ignored | UnknownKeys::ForwardedToProvider => "ignores it",
            };
            let mut s = format!(
                "**`{}`** is not a key of {} ({how}); {} {effect}.",
                e.key, dialect.title, dialect.tool
            );
            if let Some((other, k)) = req
                .registry
                .dialects
                .iter()
                .find_map(|d| d.key(&e.key).map(|k| (d, k)))
            {
                let _ = write!(s, "\n\nIt is a key of {}:\n\n{}", other.title, k.doc.trim());
            }
            s
        }
    }
}

fn value_hover(
    req: &Request,
    dialect: &Dialect,
    k: &Key,
    v: &Node,
    offset: usize,
) -> Option<(Range<usize>, String)> {
    if k.ty == ValueType::Tools {
        let (range, name) = tool_at(req.text, v, dialect.tools.list_style, offset)?;
        let name = base_name(strip_quotes(&name)).to_string();
        let vocab = req.registry.tool_names(dialect, k);
        let mcp = dialect
            .tools
            .mcp_prefix
            .as_deref()
            .and_then(|p| name.strip_prefix(p));
        let md = match (vocab.iter().find(|t| t.value == name), mcp) {
            (Some(t), _) => format!(
                "**`{}`** · tool of {}\n\n{}",
                t.value,
                dialect.tool,
                value_markdown(t).unwrap_or_default()
            ),
            (None, Some(rest)) => {
                let server = rest.split("__").next().unwrap_or("");
                format!("**`{name}`** · MCP tool from the server `{server}`.")
            }
            (None, None) => return None,
        };
        return Some((range, md));
    }
    // A list of values (Copilot model fallbacks, skills): the item under the cursor.
    let node = match &v.kind {
        NodeKind::Seq { items, .. } => items.iter().find(|i| covers(&i.range, offset))?,
        _ => v,
    };
    let value = node.as_str()?;
    if !covers(&node.range, offset) {
        return None;
    }
    let values = req.registry.values(k);
    if let Some(known) = values.iter().find(|x| x.value == value) {
        let what = match k.ty {
            ValueType::Model | ValueType::Color => type_label(k.ty),
            _ => "value",
        };
        let mut md = format!("**`{}`** · {what}", known.value);
        if let Some(doc) = value_markdown(known) {
            let _ = write!(md, "\n\n{doc}");
        }
        return Some((node.range.clone(), md));
    }
    if values.is_empty()
        && !matches!(k.ty, ValueType::Bool | ValueType::Map)
        && !dialect.roles.is_identity(&k.key)
    {
        let used = (req.workspace)(&k.key);
        let n = used.iter().find(|(u, _)| u == value).map_or(0, |(_, n)| *n);
        if n > 0 {
            let md = format!(
                "**`{value}`** · `{}` value used in {n} other file{} of the workspace.",
                k.key,
                if n == 1 { "" } else { "s" }
            );
            return Some((node.range.clone(), md));
        }
    }
    None
}

/// The tool name under the cursor in a tools value, with its range: an item of the list as
/// the dialect's tool reads it.
fn tool_at(
    text: &str,
    v: &Node,
    style: ListStyle,
    offset: usize,
) -> Option<(Range<usize>, String)> {
    tool_list::tokens(text, v, style)
        .into_iter()
        .find(|t| covers(&t.range, offset))
        .map(|t| (t.range, t.name))
}
