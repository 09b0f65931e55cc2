//! persona-ls-fuzz: a mutation fuzzer for persona-ls that needs no nightly toolchain and no
//! external engine. See `fuzz/README.md`.
//!
//! - [`mutate`]: structure-aware mutations (YAML and Markdown tokens, deep repetitions, line
//!   endings, indentation, splices), over bytes repaired to UTF-8.
//! - [`targets`] and [`edits`]: what runs on one input, and the properties checked
//!   ([`props`]); each execution reports cheap "features" (dialect, diagnostic codes, YAML
//!   path, bucketed counts) that decide which inputs the corpus keeps.
//! - [`engine`]: the worker loop; [`supervisor`]: the parent that survives its aborts, stack
//!   overflows and hangs; [`replay`]: one input, and the minimiser.

pub mod case_file;
pub mod edits;
pub mod engine;
pub mod mutate;
pub mod props;
pub mod replay;
pub mod rng;
pub mod seeds;
pub mod supervisor;
pub mod targets;
