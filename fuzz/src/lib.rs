//! persona-ls-fuzz: a mutation fuzzer for persona-ls that needs no nightly toolchain and no
//! external engine.

pub mod mutate;
pub mod rng;
pub mod seeds;
