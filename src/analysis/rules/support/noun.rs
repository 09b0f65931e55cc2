//! What a file defines, as a word for messages.

use crate::analysis::RuleCx;

/// What the file defines, in a sentence: "skill", "command" or "agent".
pub fn noun(cx: &RuleCx) -> &'static str {
    match cx.dialect.id.as_str() {
        "claude-command" => "command",
        "claude-skill" => "skill",
        _ => "agent",
    }
}
