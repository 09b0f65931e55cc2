//! persona-ls: the engine behind the language server and `persona-ls check`.
//!
//! Layers (DESIGN.md §1): `text` and `syntax` know bytes; `schema` and `dialect` know the
//! dialects; `analysis` turns a document into diagnostics, completions and hovers over byte
//! ranges. Only `lsp` and `cli` know about protocols and output formats.
#![deny(clippy::print_stdout)]

pub mod analysis;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod dialect;
pub mod glob;
pub mod lsp;
pub mod project;
pub mod schema;
pub mod syntax;
pub mod text;
