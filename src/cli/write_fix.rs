//! Writing a fix back: only to the file it was computed from, only in place, never through a
//! link, and never leaving a half-written file.
//!
//! - The file is refused when it is a symbolic link (the walk never follows one; a link named
//!   on the command line is not written through), not a regular file, read-only, or has other
//!   hard links (the same file under names that may lie outside the checked folder).
//! - It is opened without following a link (`O_NOFOLLOW`), checked to be the file that was
//!   analysed (same device and inode) and to hold exactly the text that was analysed, so a
//!   file swapped or edited meanwhile is left alone.
//! - The fixed text is first written to a temporary file created exclusively, with an
//!   unpredictable name, beside it (`tempfile`): a link planted under any name is never
//!   written through, and the fixed text survives a crash half way.
//! - Then the file is overwritten in place, so its inode, owner, mode, links and extended
//!   attributes stay as they were (a rename would replace all of them). If that write fails,
//!   the original text is written back; if even that fails, the temporary file is renamed
//!   over it, so the file is whole either way. The temporary file is removed, except in that
//!   last case when the rename fails too, and then the message names it.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

/// Writes `new` over `path`, which must still hold `old`. The error says why nothing (or what)
/// was written.
pub fn write_fix(path: &Path, old: &str, new: &str) -> Result<(), String> {
    let meta = std::fs::symlink_metadata(path).map_err(|e| format!("cannot read it: {e}"))?;
    if meta.file_type().is_symlink() {
        return Err("is a symbolic link: not fixed (fix the file it points to)".into());
    }
    if !meta.is_file() {
        return Err("is not a regular file: not fixed".into());
    }
    if meta.permissions().readonly() {
        return Err("is read-only: not fixed".into());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if meta.nlink() > 1 {
            return Err(format!(
                "has {} hard links (the same file under other names, perhaps outside this folder): not fixed",
                meta.nlink()
            ));
        }
    }
    let mut file = open_no_follow(path).map_err(|e| format!("cannot open it to fix: {e}"))?;
    let opened = file
        .metadata()
        .map_err(|e| format!("cannot read it: {e}"))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if (opened.dev(), opened.ino()) != (meta.dev(), meta.ino()) {
            return Err("was replaced while it was checked: not fixed; check again".into());
        }
    }
    #[cfg(not(unix))]
    let _ = opened;
    let mut current = Vec::with_capacity(old.len());
    file.read_to_end(&mut current)
        .map_err(|e| format!("cannot read it: {e}"))?;
    if current != old.as_bytes() {
        return Err("changed while it was checked: not fixed; check again".into());
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut journal = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".persona-ls.tmp")
        .tempfile_in(dir)
        .map_err(|e| format!("cannot create a temporary file beside it: {e}: not fixed"))?;
    journal
        .write_all(new.as_bytes())
        .and_then(|()| journal.as_file().sync_data())
        .map_err(|e| format!("cannot write a temporary file beside it: {e}: not fixed"))?;
    let Err(e) = overwrite(&mut file, new.as_bytes()) else {
        // The temporary file is removed when dropped.
        return Ok(());
    };
    if let Err(e2) = overwrite(&mut file, old.as_bytes()) {
        drop(file);
        return match journal.persist(path) {
            Ok(_) => Err(format!(
                "cannot write the fix in place ({e}) nor put the original back ({e2}): the fixed text replaced it as a new file"
            )),
            Err(p) => {
                let kept = p.file.into_temp_path().keep().ok();
                Err(format!(
                    "cannot write the fix in place ({e}) nor put the original back ({e2}); the fixed text is in {}",
                    kept.map_or("a temporary file".to_string(), |k| k.display().to_string())
                ))
            }
        };
    }
    Err(format!("cannot write the fix ({e}): the file is unchanged"))
}

/// The operations an in-place overwrite needs (a file; a failing one in the tests).
trait Target: Write + Seek {
    fn truncate(&mut self, len: u64) -> std::io::Result<()>;
    fn sync(&mut self) -> std::io::Result<()>;
}

impl Target for File {
    fn truncate(&mut self, len: u64) -> std::io::Result<()> {
        self.set_len(len)
    }
    fn sync(&mut self) -> std::io::Result<()> {
        self.sync_all()
    }
}

fn overwrite(f: &mut impl Target, bytes: &[u8]) -> std::io::Result<()> {
    f.seek(SeekFrom::Start(0))?;
    f.write_all(bytes)?;
    f.truncate(bytes.len() as u64)?;
    f.sync()
}

#[cfg(unix)]
fn open_no_follow(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)
}

#[cfg(not(unix))]
fn open_no_follow(path: &Path) -> std::io::Result<File> {
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    /// A file that fails every write once `fail_after` bytes were written in all.
    struct Failing {
        data: Cursor<Vec<u8>>,
        budget: usize,
    }

    impl Write for Failing {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.budget == 0 {
                return Err(std::io::Error::other("disk full"));
            }
            let n = buf.len().min(self.budget);
            self.budget -= n;
            self.data.write(&buf[..n])
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl Seek for Failing {
        fn seek(&mut self, pos: SeekFrom) -> std::io::Result<u64> {
            self.data.seek(pos)
        }
    }

    impl Target for Failing {
        fn truncate(&mut self, len: u64) -> std::io::Result<()> {
            self.data.get_mut().truncate(len as usize);
            Ok(())
        }
        fn sync(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_write_that_fails_half_way_reports_the_error() {
        let mut f = Failing {
            data: Cursor::new(b"old text".to_vec()),
            budget: 3,
        };
        assert!(overwrite(&mut f, b"a longer new text").is_err());
        // Half written: the caller puts the original back (with a fresh budget here).
        f.budget = usize::MAX;
        overwrite(&mut f, b"old text").unwrap();
        assert_eq!(f.data.get_ref(), b"old text");
    }

    #[test]
    fn a_shorter_text_truncates() {
        let mut f = Failing {
            data: Cursor::new(b"a longer old text".to_vec()),
            budget: usize::MAX,
        };
        overwrite(&mut f, b"short").unwrap();
        assert_eq!(f.data.get_ref(), b"short");
    }

    #[cfg(unix)]
    #[test]
    fn refuses_links_read_only_files_and_changed_text_and_keeps_the_inode() {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        std::fs::write(&p, "old").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
        let before = std::fs::metadata(&p).unwrap();
        write_fix(&p, "old", "new text").unwrap();
        let after = std::fs::metadata(&p).unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new text");
        assert_eq!((after.ino(), after.mode()), (before.ino(), before.mode()));
        // Nothing else is left in the folder.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        assert_eq!(
            write_fix(&p, "old", "x").unwrap_err(),
            "changed while it was checked: not fixed; check again"
        );
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink(&p, &link).unwrap();
        assert!(
            write_fix(&link, "new text", "x")
                .unwrap_err()
                .starts_with("is a symbolic link")
        );
        let hard = dir.path().join("hard.md");
        std::fs::hard_link(&p, &hard).unwrap();
        assert!(
            write_fix(&p, "new text", "x")
                .unwrap_err()
                .starts_with("has 2 hard links")
        );
        std::fs::remove_file(&hard).unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o444)).unwrap();
        assert_eq!(
            write_fix(&p, "new text", "x").unwrap_err(),
            "is read-only: not fixed"
        );
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new text");
    }
}
