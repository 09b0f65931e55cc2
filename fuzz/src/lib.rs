//! persona-ls-fuzz: a mutation fuzzer for persona-ls that needs no nightly toolchain and no
//! external engine.

pub mod case_file;
pub mod edits;
pub mod mutate;
pub mod props;
pub mod rng;
pub mod seeds;
pub mod targets;
