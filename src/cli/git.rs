//! Waymark files in git: `waymark merge` (a merge driver), `waymark git-setup` (which sets
//! that driver up in a repository) and `waymark update` (a fork takes a new upstream).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::files::merge::{MergeError, merge_files};
use crate::files::{self, write_with_backup};
use crate::model::text::visible_path as shown;
use crate::model::{RoadmapDiff, update_fork};

/// What a merge driver exits with: 0 merged cleanly, 1 with conflicts (recorded in the
/// file, which stays loadable), 2 when it could not merge (nothing written).
pub fn merge(base: &Path, ours: &Path, theirs: &Path, out: &mut impl Write) -> u8 {
    let merged = merge_files(base, ours, theirs);
    if let Ok(merged) = &merged {
        for notice in &merged.notices {
            let notice = crate::model::text::visible(notice);
            let _ = writeln!(out, "waymark: {notice}");
        }
    }
    match merged {
        Ok(merged) if merged.conflicts == 0 => {
            let _ = writeln!(
                out,
                "waymark: merged the {} {} cleanly",
                merged.kind,
                shown(ours)
            );
            0
        }
        Ok(merged) => {
            let _ = writeln!(
                out,
                "waymark: merged the {} {} with {} conflict(s); open it in Waymark to pick a side for each",
                merged.kind,
                shown(ours),
                merged.conflicts
            );
            1
        }
        // Not Waymark's: git's own line merge, as if no driver were set.
        Err(MergeError::NotWaymark) => line_merge(base, ours, theirs, out),
        Err(error) => {
            // What went wrong may quote a file: escaped, as `validate` prints it.
            let error = crate::model::text::visible(&error.to_string()).into_owned();
            let _ = writeln!(
                out,
                "waymark: could not merge {}, left as it was: {error}",
                shown(ours)
            );
            2
        }
    }
}

fn line_merge(base: &Path, ours: &Path, theirs: &Path, out: &mut impl Write) -> u8 {
    let status = Command::new("git")
        .arg("merge-file")
        .args([ours, base, theirs])
        .status();
    match status {
        Ok(status) if status.success() => 0,
        Ok(_) => 1,
        Err(error) => {
            let _ = writeln!(out, "waymark: could not run git merge-file: {error}");
            2
        }
    }
}

/// The line `.gitattributes` needs, and the merge driver's settings.
const ATTRIBUTES: &str = "*.ron merge=waymark";
const DRIVER_NAME: &str = "Waymark roadmaps, progress files and team plans";

/// How git should call this program: `waymark` when that is the one on the PATH, else its
/// full path.
fn program() -> String {
    let this = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.canonicalize().ok());
    let on_path = std::env::var_os("PATH").and_then(|path| {
        std::env::split_paths(&path)
            .map(|folder| folder.join("waymark"))
            .find(|candidate| candidate.is_file())
            .and_then(|found| found.canonicalize().ok())
    });
    match this {
        Some(this) if on_path.as_ref() != Some(&this) => {
            format!("'{}'", this.display().to_string().replace('\'', r"'\''"))
        }
        _ => "waymark".to_owned(),
    }
}

fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|error| format!("could not run git: {error}"))?;
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).trim().to_owned());
    }
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// Sets up the repository holding `dir` so that git merges Waymark files with
/// `waymark merge`: the `.gitattributes` line at its top and the driver in its config.
/// Says on `out` what it did; running it again changes nothing.
pub fn git_setup(dir: &Path, out: &mut impl Write) -> Result<(), String> {
    let top = PathBuf::from(
        git(dir, &["rev-parse", "--show-toplevel"])
            .map_err(|error| format!("{} is not in a git repository ({error})", shown(dir)))?,
    );
    let write = |out: &mut dyn Write, line: String| {
        writeln!(out, "{line}").map_err(|error| error.to_string())
    };
    let attributes = top.join(".gitattributes");
    // Only a regular file (or a link to one) is read: a FIFO there would wait forever.
    if std::fs::metadata(&attributes).is_ok_and(|metadata| !metadata.is_file()) {
        return Err(format!(
            "{} is not a regular file (a folder, a FIFO or a device); Waymark reads only files",
            shown(&attributes)
        ));
    }
    let existing = match std::fs::read_to_string(&attributes) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(error) => return Err(format!("could not read {}: {error}", shown(&attributes))),
    };
    if existing.lines().any(|line| line.trim() == ATTRIBUTES) {
        write(
            out,
            format!("{} already has `{ATTRIBUTES}`", shown(&attributes)),
        )?;
    } else {
        let mut text = existing;
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str("# Waymark merges its own files by id: see `waymark git-setup`.\n");
        text.push_str(ATTRIBUTES);
        text.push('\n');
        files::write_atomically(&attributes, text.as_bytes())
            .map_err(|error| format!("could not write {}: {error}", shown(&attributes)))?;
        write(
            out,
            format!("added `{ATTRIBUTES}` to {}", shown(&attributes)),
        )?;
    }
    let driver = format!("{} merge %O %A %B", program());
    git(&top, &["config", "merge.waymark.name", DRIVER_NAME])?;
    git(&top, &["config", "merge.waymark.driver", &driver])?;
    write(
        out,
        format!("set merge.waymark.driver to `{driver}` in this repository's git config"),
    )?;
    write(
        out,
        "git now merges .ron files by id; Waymark files with real conflicts still open, and show each conflict".to_owned(),
    )
}

/// Takes a new version of the upstream roadmap into the fork at `fork_path`, keeping the
/// fork's own changes; writes the fork (keeping a backup) and says on `out` what changed.
/// Returns whether conflicts were left for the app to show.
pub fn update(
    fork_path: &Path,
    upstream_path: &Path,
    out: &mut impl Write,
) -> Result<bool, String> {
    let fork = files::load_roadmap(fork_path).map_err(|error| error.to_string())?;
    let upstream = files::load_roadmap(upstream_path).map_err(|error| error.to_string())?;
    if crate::model::is_up_to_date(&fork, &upstream) {
        writeln!(
            out,
            "{} is already up to date with {}",
            shown(fork_path),
            shown(upstream_path)
        )
        .map_err(|error| error.to_string())?;
        return Ok(false);
    }
    let updated = update_fork(&fork, &upstream).map_err(|error| error.to_string())?;
    let text = files::to_ron(&updated).map_err(|error| error.to_string())?;
    files::parse_roadmap(&text).map_err(|problems| {
        let first = problems
            .first()
            .map(ToString::to_string)
            .unwrap_or_default();
        format!("the updated fork would not be valid, so it was left as it was: {first}")
    })?;
    write_with_backup(fork_path, text.as_bytes())
        .map_err(|error| format!("could not write {}: {error}", shown(fork_path)))?;
    let diff = RoadmapDiff::compute(&fork, &updated);
    let report = format!(
        "updated {} from {}\n{}",
        shown(fork_path),
        shown(upstream_path),
        if diff.is_empty() {
            "nothing changed\n".to_owned()
        } else {
            diff.to_text()
        }
    );
    write!(out, "{report}").map_err(|error| error.to_string())?;
    let conflicts = updated.conflicts.len();
    if conflicts > 0 {
        writeln!(
            out,
            "{conflicts} conflict(s) between the fork's changes and the upstream's: open the fork in Waymark to pick a side for each"
        )
        .map_err(|error| error.to_string())?;
    }
    Ok(conflicts > 0)
}
