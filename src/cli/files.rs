//! Reading persona files, and writing fixes back safely.

use std::path::Path;

/// Files larger than this are not read: no persona is that long, and a huge file is more
/// likely a data file with a `.md` name.
pub const MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

/// Reads a file as UTF-8 text, refusing what is not a persona-sized text file.
pub fn read(path: &Path) -> Result<String, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if meta.len() > MAX_FILE_SIZE {
        return Err(format!(
            "skipped: {} MB is over the 10 MB limit for a persona file",
            meta.len() / (1024 * 1024)
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    if bytes.contains(&0) {
        return Err("skipped: binary file (contains NUL bytes)".to_string());
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "skipped: not UTF-8 (invalid byte at offset {}); save it as UTF-8",
            e.utf8_error().valid_up_to()
        )
    })
}
