//! `byte-order-mark`: a UTF-8 BOM before the front matter.

use super::RuleCx;
use crate::diagnostic::{Code, Fix, TextEdit};

pub fn check(cx: &mut RuleCx) {
    let split = &cx.parsed.split;
    if split.bom == 0 {
        return;
    }
    let msg = if split.block.is_some() {
        "A UTF-8 byte-order mark precedes the `---`, which hides the front matter from VS Code and many YAML loaders. Remove it."
    } else {
        "The file starts with a UTF-8 byte-order mark, which some tools read as text. Remove it."
    };
    if let Some(d) = cx.report(Code::ByteOrderMark, 0..split.bom, msg) {
        // Offered, never applied by `check --fix`, which keeps a file's BOM.
        d.fixes.push(Fix::manual(
            "Remove the byte-order mark",
            vec![TextEdit::delete(0..split.bom)],
        ));
    }
}
