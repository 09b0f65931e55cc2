//! persona-ls: the engine behind the language server and `persona-ls check`.
//!
//! Layers (DESIGN.md §1): `text`, `document` and `syntax` know bytes; `schema` and `dialect`
//! know the dialects; `project` knows where a file lives and which configuration applies;
//! `analysis` turns a document into diagnostics, completions and hovers over byte ranges;
//! `workspace` indexes what the files of a workspace use. Only `lsp` and `cli` know about
//! protocols and output formats.
#![deny(clippy::print_stdout)]

pub mod analysis;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod dialect;
pub mod document;
pub mod glob;
pub mod lsp;
pub mod project;
pub mod schema;
pub mod syntax;
pub mod text;
pub mod workspace;
