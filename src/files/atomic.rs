//! Writing a file so that readers see the old version or the new one, never half of one.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::Path;

/// Writes `bytes` to a temporary file next to `path`, flushes it to disk, then renames it
/// over `path`. A crash at any moment leaves either the old file or the new one.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    fs::create_dir_all(directory)?;
    let file_name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the path names no file"))?;
    let mut temp_name = file_name.to_os_string();
    temp_name.push(format!(".{}.tmp", std::process::id()));
    let temp_path = directory.join(temp_name);

    let result = (|| {
        let mut file = File::create(&temp_path)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temp_path, path)?;
        // Make the rename itself durable where the platform allows syncing a directory.
        if let Ok(dir) = File::open(directory) {
            let _ = dir.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp_path);
    }
    result
}

/// The backup of `path`: the version before the last save, beside it as `NAME.bak`.
pub fn backup_path(path: &Path) -> std::path::PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// Like [`write_atomically`], keeping the file's previous version as its backup
/// ([`backup_path`]) when the content changes. The backup is made by linking (or
/// copying) the old file aside before the new one replaces it, so at every moment the
/// file itself is whole.
pub fn write_with_backup(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if let Ok(old) = fs::read(path)
        && old != bytes
    {
        let backup = backup_path(path);
        let mut staged_name = backup.file_name().unwrap_or_default().to_os_string();
        staged_name.push(format!(".{}.tmp", std::process::id()));
        let staged = backup.with_file_name(staged_name);
        let _ = fs::remove_file(&staged);
        if fs::hard_link(path, &staged).is_err() {
            write_atomically(&staged, &old)?;
        }
        fs::rename(&staged, &backup)?;
    }
    write_atomically(path, bytes)
}

/// Whether two paths name the same file (through links and `..` too), so that writing
/// one never replaces the other by surprise. False when either does not exist.
pub fn same_file(a: &Path, b: &Path) -> bool {
    let (Ok(first), Ok(second)) = (std::fs::metadata(a), std::fs::metadata(b)) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        first.dev() == second.dev() && first.ino() == second.ino()
    }
    #[cfg(not(unix))]
    {
        let _ = (first, second);
        matches!((a.canonicalize(), b.canonicalize()), (Ok(a), Ok(b)) if a == b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_previous_version_is_kept_as_a_backup() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("roadmap.ron");
        write_with_backup(&path, b"one").unwrap();
        assert!(!backup_path(&path).exists(), "nothing to back up yet");
        write_with_backup(&path, b"two").unwrap();
        write_with_backup(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(
            fs::read(backup_path(&path)).unwrap(),
            b"one",
            "unchanged saves keep it"
        );
        write_with_backup(&path, b"three").unwrap();
        assert_eq!(fs::read(backup_path(&path)).unwrap(), b"two");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 2, "no temporary files left: {names:?}");
    }

    #[test]
    fn replaces_the_file_and_leaves_no_temporary_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested").join("progress.ron");
        write_atomically(&path, b"one").unwrap();
        write_atomically(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(fs::read_dir(path.parent().unwrap()).unwrap().count(), 1);
    }

    #[test]
    fn a_failed_write_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("file.ron");
        fs::write(&path, "old").unwrap();
        // A directory where the temporary file would go makes the write fail.
        fs::create_dir(
            dir.path()
                .join(format!("file.ron.{}.tmp", std::process::id())),
        )
        .unwrap();
        assert!(write_atomically(&path, b"new").is_err());
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
    }
}
