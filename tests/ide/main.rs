//! The editor features as fixtures and snapshots of their whole answers: a fixture names its
//! file and marks the cursor (`fixture.rs`), each feature renders what the engine answers
//! (every item, range and line of Markdown) and compares it with an `expect!` snapshot.
//! `UPDATE_EXPECT=1 cargo test --test ide` rewrites the snapshots after an intended change.

mod completion;
mod fixture;
mod hover;
mod navigate;
mod structure;
