//! The real corpus (../shared/corpus, when it is beside the checkout), rebuilt in its folder
//! layout (dialects are recognised by path), as `../shared/corpus/materialize` does it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The shared corpus folder, if it is there.
pub fn shared() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    dir.join("MANIFEST.tsv").is_file().then_some(dir)
}

/// Copies every corpus file to `dest/<owner>__<repo>/<original path>`, writable. Returns the
/// number of files, 0 when there is no corpus.
pub fn materialize(dest: &Path) -> usize {
    let Some(dir) = shared() else { return 0 };
    let manifest = std::fs::read_to_string(dir.join("MANIFEST.tsv")).unwrap();
    let mut n = 0;
    for line in manifest.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let [file, repo, _commit, original, ..] = cols[..] else {
            continue;
        };
        let target = dest.join(repo.replace('/', "__")).join(original);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        // Read and write rather than copy: the shared files are read-only, their copies not.
        std::fs::write(&target, std::fs::read(dir.join(file)).unwrap()).unwrap();
        n += 1;
    }
    n
}
