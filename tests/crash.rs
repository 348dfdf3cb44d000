//! Crash safety: a process saving a file in a loop is killed (SIGKILL, as `kill -9`) at
//! arbitrary moments, many times; the file on disk is always the old content or the
//! new, whole, never a mix or a stub, and its backup likewise.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // tests fail loudly by design

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const CHILD_ENV: &str = "WAYMARK_CRASH_TEST_FILE";
/// Big enough that a write takes a while, so kills land in the middle of writes.
const SIZE: usize = 2 * 1024 * 1024;

fn content(letter: u8, generation: u64) -> Vec<u8> {
    let mut bytes = format!("generation {generation}\n").into_bytes();
    bytes.resize(SIZE, letter);
    bytes
}

/// Whole content is one of the versions the child writes: a header naming its
/// generation, then one letter, to the exact size.
fn is_whole(bytes: &[u8]) -> bool {
    let Some(newline) = bytes.iter().position(|b| *b == b'\n') else {
        return false;
    };
    let Some(&letter) = bytes.get(newline + 1) else {
        return false;
    };
    bytes.len() == SIZE
        && bytes.starts_with(b"generation ")
        && bytes[newline + 1..].iter().all(|b| *b == letter)
}

/// Not a test of its own: the child process of the test below. It saves forever, the
/// way Waymark saves, until it is killed.
#[test]
fn child_saves_in_a_loop() {
    let Some(path) = std::env::var_os(CHILD_ENV).map(PathBuf::from) else {
        return; // run normally: nothing to do
    };
    let mut generation = 0_u64;
    loop {
        generation += 1;
        let letter = if generation.is_multiple_of(2) {
            b'A'
        } else {
            b'B'
        };
        waymark::files::write_with_backup(&path, &content(letter, generation)).unwrap();
    }
}

fn start_child(path: &Path) -> std::process::Child {
    Command::new(std::env::current_exe().unwrap())
        .args([
            "child_saves_in_a_loop",
            "--exact",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_ENV, path)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

#[test]
fn a_save_killed_at_any_moment_leaves_the_old_file_or_the_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("progress.ron");
    std::fs::write(&path, content(b'O', 0)).unwrap();
    let mut rng = 0x2545_f491_4f6c_dd1d_u64;
    let mut kills = 0;
    for _ in 0..30 {
        let mut child = start_child(&path);
        // Kill after a random number of completed saves (0 to 3), watching the file
        // change rather than sleeping: the kill lands wherever the next save is.
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        let saves_to_wait = rng % 4;
        let mut seen = std::fs::read(&path).unwrap_or_default();
        let mut changes = 0;
        while changes < saves_to_wait {
            if child.try_wait().unwrap().is_some() {
                panic!("the saving child exited by itself");
            }
            let now = std::fs::read(&path).unwrap_or_default();
            if now != seen {
                changes += 1;
                seen = now;
            }
            std::thread::yield_now();
        }
        child.kill().unwrap(); // SIGKILL: no destructors, no flushing
        child.wait().unwrap();
        kills += 1;

        let on_disk = std::fs::read(&path).expect("the file is never missing");
        assert!(
            is_whole(&on_disk),
            "after kill {kills}: the file is torn ({} bytes)",
            on_disk.len()
        );
        let backup = waymark::files::backup_path(&path);
        if let Ok(backup) = std::fs::read(&backup) {
            assert!(is_whole(&backup), "after kill {kills}: the backup is torn");
        }
    }
    assert_eq!(kills, 30);
}

#[test]
fn temporary_files_left_by_a_killed_save_are_removed_at_the_next_start() {
    let data = tempfile::tempdir().unwrap();
    let progress_folder = data.path().join("progress");
    std::fs::create_dir_all(&progress_folder).unwrap();
    let past = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    let leftovers = [
        data.path().join("state.ron.4294967290.tmp"),
        progress_folder.join("backend-developer.ron.4294967291.tmp"),
        progress_folder.join("backend-developer.ron.bak.4294967291.tmp"),
    ];
    for path in &leftovers {
        let file = std::fs::File::create(path).unwrap();
        file.set_len(1 << 20).unwrap();
        file.set_modified(past).unwrap();
    }
    let _session = waymark::session::Session::new(
        Some(waymark::files::storage::DataDir::new(data.path())),
        None,
    );
    for path in &leftovers {
        assert!(!path.exists(), "{} is still there", path.display());
    }
}
