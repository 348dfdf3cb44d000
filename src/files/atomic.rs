//! Writing a file so that readers see the old version or the new one, never half of one,
//! and nothing is written anywhere but where it was asked to go.
//!
//! The one way anything is written: a temporary file beside the target, created
//! exclusively under a name nobody can guess (so a link planted in a shared folder is
//! never followed), flushed, then renamed over the target. A target that is a link is
//! written through to the regular file it names, as an editor does; a folder, a device,
//! a FIFO or a socket is refused with a reason.

use std::fs::{self, File, OpenOptions};
use std::hash::{BuildHasher, Hasher};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Writes `bytes` to a temporary file next to `path`, flushes it to disk, then renames it
/// over `path`. A crash at any moment leaves either the old file or the new one.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let path = destination(path)?;
    let directory = folder_of(&path);
    fs::create_dir_all(directory)?;
    let (mut file, temp_path) = create_temp_beside(&path)?;
    let result = (|| {
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&temp_path, &path)?;
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

/// The folder a path is in (`.` for a bare file name).
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// Where a write to `path` goes: `path` itself when it is a regular file or nothing yet,
/// the regular file a link names (written through, the link kept), and an error saying
/// why for anything else.
fn destination(path: &Path) -> io::Result<PathBuf> {
    if path.file_name().is_none() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "the path names no file",
        ));
    }
    let refuse = |what: &str| {
        Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{what}: Waymark writes only regular files"),
        ))
    };
    let metadata = match fs::symlink_metadata(path) {
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(path.to_owned()),
        Err(error) => return Err(error),
        Ok(metadata) => metadata,
    };
    if metadata.is_file() {
        return Ok(path.to_owned());
    }
    if metadata.is_dir() {
        return refuse("it is a folder");
    }
    if !metadata.is_symlink() {
        return refuse("it is a device, a FIFO or a socket, not a file");
    }
    match fs::canonicalize(path) {
        Ok(target) if fs::metadata(&target).is_ok_and(|m| m.is_file()) => Ok(target),
        Ok(_) => refuse("it is a link to a folder, a device or a FIFO"),
        Err(_) => refuse("it is a link to nothing"),
    }
}

/// A name no other process can know beforehand: `NAME.PID.RANDOM.tmp`.
fn temp_name(path: &Path) -> PathBuf {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    // The standard hasher's keys come from the system's random source, new each process.
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_nanos());
    hasher.write_u128(nanos);
    // The start of a long name only: with the suffix, a name near the system's limit of
    // 255 bytes would be too long to create.
    let full = path.file_name().unwrap_or_default();
    let mut name = match full.to_str() {
        Some(text) if text.len() > TEMP_BASE_BYTES => {
            let mut end = TEMP_BASE_BYTES;
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            std::ffi::OsString::from(text.get(..end).unwrap_or("waymark"))
        }
        Some(_) => full.to_os_string(),
        None if full.len() > TEMP_BASE_BYTES => std::ffi::OsString::from("waymark"),
        None => full.to_os_string(),
    };
    name.push(format!(
        ".{}.{:016x}.tmp",
        std::process::id(),
        hasher.finish()
    ));
    path.with_file_name(name)
}

/// The most bytes of a file's name its temporary file's name starts with.
const TEMP_BASE_BYTES: usize = 200;

/// Creates a temporary file beside `path`, exclusively: were something there already (a
/// link someone planted), the creation fails rather than follow it, and another name is
/// tried.
fn create_temp_beside(path: &Path) -> io::Result<(File, PathBuf)> {
    let mut last_error = None;
    for _ in 0..16 {
        let temp_path = temp_name(path);
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp_path)
        {
            Ok(file) => return Ok((file, temp_path)),
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {
                last_error = Some(error);
            }
            Err(error) => return Err(error),
        }
    }
    Err(last_error.unwrap_or_else(|| io::Error::other("no free temporary name")))
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
/// file itself is whole. Only a regular file is read for it: never a device or a FIFO.
pub fn write_with_backup(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let path = destination(path)?;
    let old = match fs::symlink_metadata(&path) {
        Ok(metadata) if metadata.is_file() => fs::read(&path).ok(),
        _ => None,
    };
    if let Some(old) = old.filter(|old| old != bytes) {
        let backup = backup_path(&path);
        let staged = temp_name(&backup);
        if fs::hard_link(&path, &staged).is_err() {
            let (mut file, copy) = create_temp_beside(&backup)?;
            let written = file.write_all(&old).and_then(|()| file.sync_all());
            if let Err(error) = written.and_then(|()| fs::rename(&copy, &staged)) {
                let _ = fs::remove_file(&copy);
                return Err(error);
            }
        }
        // A rename replaces whatever is at the backup's name, a planted link included,
        // without following it.
        if let Err(error) = fs::rename(&staged, &backup) {
            let _ = fs::remove_file(&staged);
            return Err(error);
        }
    }
    write_atomically(&path, bytes)
}

/// How old a temporary file of a process that is gone must be before it is removed: a
/// process on another machine sharing the folder may still be writing a young one.
const STALE_TEMP_SECS: u64 = 60;

/// Removes the temporary files a save left in `folder` when its process was killed or
/// the save failed (`NAME.PID.RANDOM.tmp`, and `NAME.PID.tmp` of older versions), if that
/// process is no longer running and the file is over a minute old. Returns how many were
/// removed. Files of other names, and links, are never touched.
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

/// The process id in a temporary file's name `NAME.PID.RANDOM.tmp` (or the older
/// `NAME.PID.tmp`), if it is one of ours.
fn temp_file_pid(name: &str) -> Option<u32> {
    let stem = name.strip_suffix(".tmp")?;
    let digits = |text: &str| !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    let (rest, last) = stem.rsplit_once('.')?;
    let (base, pid) = match rest.rsplit_once('.') {
        Some((base, pid))
            if last.len() == 16 && last.bytes().all(|b| b.is_ascii_hexdigit()) && digits(pid) =>
        {
            (base, pid)
        }
        _ => (rest, last),
    };
    (!base.is_empty() && digits(pid))
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
    fn a_name_near_the_system_s_limit_is_still_written() {
        let dir = tempfile::tempdir().unwrap();
        // 248 bytes: the backup's name (NAME.bak) still fits the limit of 255.
        let path = dir.path().join(format!("{}.ron", "é".repeat(122)));
        write_with_backup(&path, b"one").unwrap();
        write_with_backup(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        let temp = temp_name(&path);
        assert!(temp.file_name().unwrap().len() < 255, "{temp:?}");
        assert_eq!(
            temp_file_pid(temp.file_name().unwrap().to_str().unwrap()),
            Some(std::process::id())
        );
    }

    #[test]
    fn temporary_names_cannot_be_guessed_and_are_still_recognised() {
        let path = Path::new("/x/plan.ron");
        let (a, b) = (temp_name(path), temp_name(path));
        assert_ne!(a, b);
        let name = a.file_name().unwrap().to_str().unwrap();
        assert_eq!(temp_file_pid(name), Some(std::process::id()), "{name}");
        assert_eq!(temp_file_pid("plan.ron.1234.tmp"), Some(1234));
        assert_eq!(temp_file_pid("plan.ron.tmp"), None);
        assert_eq!(temp_file_pid("1234.tmp"), None);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_planted_at_every_predictable_temporary_name_is_never_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        fs::write(&victim, "precious").unwrap();
        let path = dir.path().join("out.md");
        for name in [
            format!("out.md.{}.tmp", std::process::id()),
            format!("out.md.bak.{}.tmp", std::process::id()),
            "out.md.bak".to_owned(),
        ] {
            std::os::unix::fs::symlink(&victim, dir.path().join(name)).unwrap();
        }
        write_with_backup(&path, b"one").unwrap();
        write_with_backup(&path, b"two").unwrap();
        assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
        assert_eq!(fs::read_to_string(&path).unwrap(), "two");
        // The backup replaced the planted link with a file of its own.
        let backup = backup_path(&path);
        assert!(fs::symlink_metadata(&backup).unwrap().is_file());
        assert_eq!(fs::read_to_string(&backup).unwrap(), "one");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_the_person_made_is_written_through_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("dotfiles");
        fs::create_dir(&real).unwrap();
        fs::write(real.join("fork.ron"), "old").unwrap();
        let link = dir.path().join("fork.ron");
        std::os::unix::fs::symlink(real.join("fork.ron"), &link).unwrap();
        write_with_backup(&link, b"new").unwrap();
        assert!(
            fs::symlink_metadata(&link).unwrap().is_symlink(),
            "still a link"
        );
        assert_eq!(fs::read_to_string(real.join("fork.ron")).unwrap(), "new");
        assert_eq!(
            fs::read_to_string(real.join("fork.ron.bak")).unwrap(),
            "old"
        );
        // A link to nothing is refused, not turned into a file.
        let dangling = dir.path().join("gone.ron");
        std::os::unix::fs::symlink(dir.path().join("nowhere"), &dangling).unwrap();
        let error = write_atomically(&dangling, b"x").unwrap_err();
        assert!(error.to_string().contains("link to nothing"), "{error}");
        assert!(fs::symlink_metadata(&dangling).unwrap().is_symlink());
    }

    #[cfg(unix)]
    #[test]
    fn devices_fifos_and_folders_are_refused_without_reading_them() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.md");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .is_ok_and(|status| status.success());
        // A device of our own (as /dev/null is, 1:3) where the system lets us make one:
        // never the system's, which a regression would replace.
        let device = dir.path().join("null.md");
        let made_device = std::process::Command::new("mknod")
            .arg(&device)
            .args(["c", "1", "3"])
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|status| status.success());
        let mut targets = vec![dir.path().to_path_buf()];
        if made {
            targets.push(fifo.clone());
        }
        if made_device {
            targets.push(device.clone());
        }
        for target in targets {
            for write in [write_atomically, write_with_backup] {
                let error = write(&target, b"x").unwrap_err();
                assert_eq!(error.kind(), io::ErrorKind::InvalidInput, "{target:?}");
                assert!(
                    error
                        .to_string()
                        .contains("Waymark writes only regular files")
                );
            }
        }
        for (made, node) in [(made, &fifo), (made_device, &device)] {
            if made {
                assert!(
                    !fs::symlink_metadata(node).unwrap().is_file(),
                    "{node:?} left alone"
                );
            }
        }
    }
}
