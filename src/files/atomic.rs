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
        if let Err(error) = fs::rename(&staged, &backup) {
            let _ = fs::remove_file(&staged);
            return Err(error);
        }
    }
    write_atomically(path, bytes)
}

/// How old a temporary file of a process that is gone must be before it is removed: a
/// process on another machine sharing the folder may still be writing a young one.
const STALE_TEMP_SECS: u64 = 60;

/// Removes the temporary files a save left in `folder` when its process was killed or
/// the save failed (`NAME.PID.tmp`, `NAME.bak.PID.tmp`), if that process is no longer
/// running and the file is over a minute old. Returns how many were removed. Files of
/// other names are never touched.
pub fn remove_stale_temp_files(folder: &Path) -> usize {
    let Ok(entries) = fs::read_dir(folder) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(temp_file_pid) else {
            continue;
        };
        let running = pid == std::process::id() || process_is_running(pid);
        let old_enough = entry
            .metadata()
            .ok()
            .filter(std::fs::Metadata::is_file)
            .and_then(|m| m.modified().ok())
            .and_then(|modified| modified.elapsed().ok())
            .is_some_and(|age| age.as_secs() >= STALE_TEMP_SECS);
        if !running && old_enough && fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// The process id in a temporary file's name `NAME.PID.tmp`, if it is one of ours.
fn temp_file_pid(name: &str) -> Option<u32> {
    let stem = name.strip_suffix(".tmp")?;
    let (base, pid) = stem.rsplit_once('.')?;
    (!base.is_empty() && !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
        .then(|| pid.parse().ok())
        .flatten()
}

fn process_is_running(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new("/proc").join(pid.to_string()).exists()
    } else {
        // Without a cheap way to ask, assume it runs; the file stays.
        true
    }
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
    fn a_failed_backup_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("me.ron");
        fs::write(&path, "old").unwrap();
        // A folder where the backup goes: the backup cannot be renamed into place.
        fs::create_dir(backup_path(&path)).unwrap();
        fs::write(backup_path(&path).join("x"), "in the way").unwrap();
        assert!(write_with_backup(&path, b"new").is_err());
        let names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
    }

    #[test]
    fn stale_temporary_files_of_gone_processes_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let past = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        let make = |name: &str, old: bool| {
            let path = dir.path().join(name);
            let file = File::create(&path).unwrap();
            if old {
                file.set_modified(past).unwrap();
            }
            path
        };
        // No process has an id this large on Linux (the limit is 2^22).
        let gone = make("state.ron.4294967294.tmp", true);
        let gone_backup = make("me.ron.bak.4294967293.tmp", true);
        let young = make("state.ron.4294967292.tmp", false);
        let ours = make(&format!("state.ron.{}.tmp", std::process::id()), true);
        let other = make("notes.tmp", true);
        let roadmap = make("roadmap.ron", true);
        assert_eq!(remove_stale_temp_files(dir.path()), 2);
        assert!(!gone.exists() && !gone_backup.exists());
        assert!(young.exists() && ours.exists() && other.exists() && roadmap.exists());
    }

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
