//! `broken-link`: a link in the body points at no file. A workspace rule: it needs the
//! filesystem and the index (a created file fixes its linkers), and
//! [`crate::analysis::cross`] runs it.

use super::RuleCx;

/// Per file, nothing: the rule's stage is the workspace, which [`super::run`] does not run.
pub fn check(_cx: &mut RuleCx) {}
