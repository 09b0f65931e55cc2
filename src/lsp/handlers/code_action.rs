//! `textDocument/codeAction`: the quick fixes of the diagnostics in the range, and "fix all"
//! (what `check --fix` does to the file, [`fix_all::fix_edits`]).

use crate::analysis::{Location, fix_all};
use crate::lsp::capabilities::FIX_ALL_KIND;
use crate::lsp::server::Shared;
use crate::lsp::{from_proto, to_proto};
use std::ops::Range;
use std::sync::Arc;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types as lsp;

/// Whether a diagnostic at `a` is in the requested range `b` (touching counts: a cursor at
/// the end of a problem gets its fixes).
fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start <= b.end && b.start <= a.end
}

/// Whether the client asked for actions of `kind` (no `only`: every kind; `only` names kinds
/// and their parents).
fn wanted(only: Option<&[lsp::CodeActionKind]>, kind: &str) -> bool {
    only.is_none_or(|o| {
        o.iter()
            .any(|k| kind == k.as_str() || kind.starts_with(&format!("{}.", k.as_str())))
    })
}

pub async fn code_action(
    shared: &Arc<Shared>,
    params: lsp::CodeActionParams,
) -> Result<Option<lsp::CodeActionResponse>> {
    let Some(snap) = shared.snapshot(&params.text_document.uri) else {
        return Ok(None);
    };
    let flags = shared.flags();
    let only = params.context.only.as_deref();
    let computed = super::analysed(shared, &snap).await?;
    // The cross-file findings' fixes too (a did-you-mean for `unknown-reference`); their
    // revision is usually indexed already by the diagnostics lane.
    let (cross, affected) = shared.index_open(&snap, &computed);
    shared.dependents(affected);
    let range = from_proto::range(&snap.doc, params.range, snap.encoding);
    let mut actions: Vec<lsp::CodeActionOrCommand> = Vec::new();
    if wanted(only, lsp::CodeActionKind::QUICKFIX.as_str()) {
        for d in computed
            .analysis
            .diagnostics
            .iter()
            .chain(cross.list.iter())
            .filter(|d| overlaps(&d.range, &range))
        {
            let diag = to_proto::diagnostic(&snap.doc, d, snap.encoding);
            for (i, fix) in d.fixes.iter().enumerate() {
                let preferred = i == 0 && fix.safe;
                actions.push(to_proto::quick_fix(&snap, &diag, fix, preferred, &flags));
            }
        }
    }
    let fixable = computed
        .analysis
        .diagnostics
        .iter()
        .any(|d| d.fixes.iter().any(|f| f.safe));
    if wanted(only, FIX_ALL_KIND) && fixable {
        let s = snap.clone();
        let c = computed.clone();
        let edits = shared
            .cpu(snap.weight(), move || {
                let loc = &s.location;
                let location = Location {
                    rel_path: &loc.rel_path,
                    forced: None,
                    markers: loc.markers,
                };
                fix_all::fix_edits(
                    s.doc.text(),
                    &c.analysis.diagnostics,
                    location,
                    &loc.registry,
                )
            })
            .await?;
        if !edits.is_empty() {
            actions.push(to_proto::fix_all(&snap, &edits, &flags));
        }
    }
    Ok((!actions.is_empty()).then_some(actions))
}
