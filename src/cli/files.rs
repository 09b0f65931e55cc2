//! Reading persona files: shared with the language server (`project::read_text`).

pub use crate::project::read_text as read;
