//! `context-budget`: a scope's always-loaded metadata is over its tool's budget. A workspace
//! rule: [`crate::analysis::cross`] runs it over the index.

use super::RuleCx;

/// Per file, nothing: the rule's stage is the workspace, which [`super::run`] does not run.
pub fn check(_cx: &mut RuleCx) {}
