//! tree-sitter-yaml with a bounded scanner state.
//!
//! tree-sitter-yaml 0.7.2's external scanner serialises its indentation stack with a guard
//! that checks `size < 1024` before writing a 4-byte entry. Past 253 levels (one line of 253
//! `- `, or mappings nested 253 deep) it writes two bytes beyond the runtime's 1024-byte buffer
//! and returns 1026, and the runtime's `ts_assert(length <= 1024)` aborts the process: no
//! `catch_unwind` can stop that (tree-sitter-grammars/tree-sitter-yaml#48; the fix, PR #47, is
//! not released). No released version is fixed, so the language handed to tree-sitter here is
//! a copy of the grammar's with one function pointer replaced: the scanner serialises into a
//! private buffer with room for its overrun, and only the entries that fit whole are passed on,
//! which is exactly what the upstream fix does (and what tree-sitter-md's own scanner does with
//! its open blocks). A state deeper than 253 levels is then restored shallower; the tree for
//! those levels may hold errors, but the process lives and every shallower span is exact.
//!
//! The copy mirrors `struct TSLanguage` of the grammar's `src/tree_sitter/parser.h` (ABI 15).
//! Before it is used, the field it replaces is checked to hold the grammar's own serialiser;
//! if the layout ever differed (a grammar upgrade), the original language is used and
//! [`is_bounded`] says so (a test fails on it).

use std::ffi::{c_char, c_uint, c_void};
use std::sync::OnceLock;

/// The runtime's buffer (`TREE_SITTER_SERIALIZATION_BUFFER_SIZE`).
const BUFFER: usize = 1024;
/// The scanner's fixed header: row, col, blk_imp_row, blk_imp_col, blk_imp_tab (int16 each).
const HEADER: usize = 10;
/// One stack entry: type and length (int16 each).
const ENTRY: usize = 4;
/// The most the grammar's serialiser writes: its guard lets one entry start at 1022.
const SCRATCH: usize = BUFFER + 2 * ENTRY;

type Serialize = unsafe extern "C" fn(*mut c_void, *mut c_char) -> c_uint;

unsafe extern "C" {
    fn tree_sitter_yaml_external_scanner_serialize(
        payload: *mut c_void,
        buffer: *mut c_char,
    ) -> c_uint;
}

#[repr(C)]
#[derive(Clone, Copy)]
struct ExternalScanner {
    states: *const c_void,
    symbol_map: *const c_void,
    create: *const c_void,
    destroy: *const c_void,
    scan: *const c_void,
    serialize: Option<Serialize>,
    deserialize: *const c_void,
}

#[repr(C)]
#[derive(Clone, Copy)]
struct Metadata {
    major: u8,
    minor: u8,
    patch: u8,
}

/// `struct TSLanguage` (ABI 15), field for field.
#[repr(C)]
#[derive(Clone, Copy)]
struct RawLanguage {
    abi_version: u32,
    symbol_count: u32,
    alias_count: u32,
    token_count: u32,
    external_token_count: u32,
    state_count: u32,
    large_state_count: u32,
    production_id_count: u32,
    field_count: u32,
    max_alias_sequence_length: u16,
    parse_table: *const c_void,
    small_parse_table: *const c_void,
    small_parse_table_map: *const c_void,
    parse_actions: *const c_void,
    symbol_names: *const c_void,
    field_names: *const c_void,
    field_map_slices: *const c_void,
    field_map_entries: *const c_void,
    symbol_metadata: *const c_void,
    public_symbol_map: *const c_void,
    alias_map: *const c_void,
    alias_sequences: *const c_void,
    lex_modes: *const c_void,
    lex_fn: *const c_void,
    keyword_lex_fn: *const c_void,
    keyword_capture_token: u16,
    external_scanner: ExternalScanner,
    primary_state_ids: *const c_void,
    name: *const c_void,
    reserved_words: *const c_void,
    max_reserved_word_set_size: u16,
    supertype_count: u32,
    supertype_symbols: *const c_void,
    supertype_map_slices: *const c_void,
    supertype_map_entries: *const c_void,
    metadata: Metadata,
}

/// The patched copy, leaked for the life of the process (tree-sitter never frees a native
/// language: `ts_language_delete` only releases wasm ones).
struct Patched(*const RawLanguage);
// SAFETY: the copy is written once, before it is shared, and only read afterwards.
unsafe impl Send for Patched {}
unsafe impl Sync for Patched {}

static PATCHED: OnceLock<Option<Patched>> = OnceLock::new();

/// Passes on the entries of the grammar's state that fit the runtime's buffer whole.
unsafe extern "C" fn bounded_serialize(payload: *mut c_void, buffer: *mut c_char) -> c_uint {
    let mut scratch = [0u8; SCRATCH];
    // SAFETY: the grammar writes at most BUFFER + ENTRY - 2 bytes (see SCRATCH) into the
    // scratch buffer, never into the runtime's.
    let written = unsafe {
        tree_sitter_yaml_external_scanner_serialize(payload, scratch.as_mut_ptr().cast())
    } as usize;
    let kept = bounded_length(written);
    // SAFETY: `buffer` is the runtime's BUFFER-byte buffer and `kept <= BUFFER`.
    unsafe { std::ptr::copy_nonoverlapping(scratch.as_ptr(), buffer.cast::<u8>(), kept) };
    kept as c_uint
}

/// The longest prefix of a serialised state of `written` bytes that holds whole entries and
/// fits the runtime's buffer.
fn bounded_length(written: usize) -> usize {
    let written = written.min(SCRATCH);
    if written <= BUFFER {
        return written;
    }
    HEADER + (BUFFER - HEADER) / ENTRY * ENTRY
}

extern "C" fn patched_language() -> *const () {
    match PATCHED.get_or_init(patch) {
        Some(Patched(p)) => p.cast(),
        None => original(),
    }
}

fn original() -> *const () {
    // SAFETY: the grammar's constructor returns a pointer to its static language.
    unsafe { tree_sitter_yaml::LANGUAGE.into_raw()() }
}

fn patch() -> Option<Patched> {
    let raw = original().cast::<RawLanguage>();
    if raw.is_null() {
        return None;
    }
    // SAFETY: `raw` points at the grammar's `TSLanguage`, which `RawLanguage` mirrors; the
    // ABI version is checked before any field beyond the first is trusted.
    let mut copy = unsafe {
        if !(14..=15).contains(&(*raw).abi_version) {
            return None;
        }
        *raw
    };
    let own: Serialize = tree_sitter_yaml_external_scanner_serialize;
    if copy.external_scanner.serialize.map(|f| f as usize) != Some(own as usize) {
        return None;
    }
    copy.external_scanner.serialize = Some(bounded_serialize);
    Some(Patched(Box::into_raw(Box::new(copy))))
}

/// The YAML language to parse with: the grammar with its scanner state bounded.
pub fn language() -> tree_sitter::Language {
    // SAFETY: `patched_language` returns a valid `TSLanguage` for the life of the process.
    tree_sitter::Language::new(unsafe {
        tree_sitter_language::LanguageFn::from_raw(patched_language)
    })
}

/// Whether the bound is in place (false only if the grammar's layout changed).
pub fn is_bounded() -> bool {
    PATCHED.get_or_init(patch).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bound_is_in_place() {
        assert!(is_bounded());
        assert_eq!(std::mem::size_of::<RawLanguage>() % 8, 0);
    }

    #[test]
    fn only_whole_entries_that_fit_are_kept() {
        assert_eq!(bounded_length(10), 10);
        assert_eq!(bounded_length(1022), 1022);
        assert_eq!(bounded_length(1026), 1022);
        assert_eq!(bounded_length(5000), 1022);
    }

    /// The input that aborted the process: a line of 253 `- ` (and deeper).
    #[test]
    fn deep_indentation_parses_without_aborting() {
        let mut parser = tree_sitter::Parser::new();
        parser.set_language(&language()).unwrap();
        for depth in [252, 253, 254, 300, 2000] {
            let text = format!("tools:\n{}x\n", "- ".repeat(depth));
            let tree = parser.parse(&text, None).unwrap();
            assert_eq!(tree.root_node().end_byte(), text.len(), "depth {depth}");
            let nested: String = (0..depth)
                .map(|i| format!("{}a:\n", " ".repeat(i)))
                .collect();
            assert!(parser.parse(&nested, None).is_some(), "depth {depth}");
        }
    }
}
