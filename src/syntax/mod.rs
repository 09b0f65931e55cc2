//! Syntax: where the front matter is, and its YAML with exact spans.

pub mod continuation;
pub mod front_matter;
pub mod links;
pub mod markdown;
mod open_value;
pub mod quote_retry;
pub mod scalar;
pub mod yaml;
mod yaml_fast;
pub mod yaml_language;
mod yaml_strict;
