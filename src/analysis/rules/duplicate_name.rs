//! `duplicate-name`: two personas of one kind in one scope share a name. A workspace rule:
//! [`crate::analysis::cross`] runs it over the index.

use super::RuleCx;

/// Per file, nothing: the rule's stage is the workspace, which [`super::run`] does not run.
pub fn check(_cx: &mut RuleCx) {}
