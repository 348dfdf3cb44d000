//! `waymark merge` on files: reads the three versions git hands a merge driver, merges
//! them by id, and writes the result where git wants it, never with conflict markers.

use std::path::Path;

use super::{FileKind, Problem, detect_kind, parse_progress, parse_roadmap, parse_team, to_ron};
use crate::model::{
    Progress, Roadmap, TeamFile, merge_progress_files, merge_roadmaps, merge_team_files,
};

/// What a merge of Waymark files gave.
#[derive(Debug, PartialEq)]
pub struct Merged {
    pub kind: FileKind,
    /// The merged file's text.
    pub text: String,
    /// Items both sides changed differently, recorded in the file for the app to show.
    pub conflicts: usize,
    /// What the merge decided that a person should hear of (a skill renamed on both
    /// sides).
    pub notices: Vec<String>,
}

/// Why files could not be merged by Waymark.
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    /// Not Waymark files (or not all the same kind): git's own line merge should have them.
    #[error("not Waymark files of one kind")]
    NotWaymark,
    #[error("the {side} version is not a valid {kind}: {message}")]
    Invalid {
        side: &'static str,
        kind: FileKind,
        message: String,
    },
    #[error("the merged {kind} would not be valid: {message}")]
    Unmergeable { kind: FileKind, message: String },
    #[error("could not read a version: {0}")]
    Read(String),
    #[error("could not write the merged file: {0}")]
    Write(String),
}

fn first_error(problems: &[Problem]) -> String {
    problems
        .iter()
        .find(|problem| problem.is_error())
        .or(problems.first())
        .map_or_else(
            || "it cannot be read".to_owned(),
            |problem| problem.to_string(),
        )
}

/// The version of a side: an empty base (no common ancestor, as when both branches added
/// the file) reads as an empty file of the kind.
fn read<T>(
    text: &str,
    side: &'static str,
    kind: FileKind,
    parse: impl Fn(&str) -> Result<T, Vec<Problem>>,
    empty: impl Fn() -> T,
) -> Result<T, MergeError> {
    if side == "base" && text.trim().is_empty() {
        return Ok(empty());
    }
    parse(text).map_err(|problems| MergeError::Invalid {
        side,
        kind,
        message: first_error(&problems),
    })
}

/// Merges three versions of one Waymark file (`base` the common ancestor). When `ours`
/// is not a Waymark file it is [`MergeError::NotWaymark`] (git's line merge takes it);
/// when `ours` is one and another side is not the same kind (cut short, emptied, another
/// kind, another program's RON) the merge is refused: a line merge would write conflict
/// markers into a Waymark file, or an emptied side would empty it.
pub fn merge_texts(base: &str, ours: &str, theirs: &str) -> Result<Merged, MergeError> {
    merge_texts_at(base, ours, theirs, None)
}

/// [`merge_texts`] for the file at `ours_path`: a team plan's links are checked against
/// its folder too.
fn merge_texts_at(
    base: &str,
    ours: &str,
    theirs: &str,
    ours_path: Option<&Path>,
) -> Result<Merged, MergeError> {
    let kind = detect_kind(ours).ok_or(MergeError::NotWaymark)?;
    let not_of_kind = |side: &'static str| MergeError::Invalid {
        side,
        kind,
        message: format!(
            "it is not a Waymark {kind} (cut short, emptied, or another kind of file)"
        ),
    };
    if detect_kind(theirs) != Some(kind) {
        return Err(not_of_kind("theirs"));
    }
    if !base.trim().is_empty() && detect_kind(base) != Some(kind) {
        return Err(not_of_kind("base"));
    }
    let to_text =
        |value: Result<String, ron::Error>| value.map_err(|e| MergeError::Write(e.to_string()));
    let mut notices = Vec::new();
    let (text, conflicts) = match kind {
        FileKind::Roadmap => {
            let ours = read(ours, "ours", kind, parse_roadmap, blank_roadmap)?;
            let theirs = read(theirs, "theirs", kind, parse_roadmap, blank_roadmap)?;
            let base = read(base, "base", kind, parse_roadmap, || {
                let mut empty = blank_roadmap();
                empty.id.clone_from(&ours.id);
                empty
            })?;
            let merged = merge_roadmaps(&base, &ours, &theirs);
            for [old, our_new, their_new] in crate::model::rename_clashes(&base, &ours, &theirs) {
                notices.push(format!(
                    "`{old}` was renamed on both sides: it is `{our_new}` (ours); progress kept under `{their_new}` (theirs) moves to it"
                ));
            }
            (to_text(to_ron(&merged))?, merged.conflicts.len())
        }
        FileKind::Progress => {
            let ours = read(ours, "ours", kind, parse_progress, || Progress::new(""))?;
            let theirs = read(theirs, "theirs", kind, parse_progress, || Progress::new(""))?;
            let base = read(base, "base", kind, parse_progress, || {
                let mut empty = Progress::new(&ours.roadmap_id);
                empty.person.clone_from(&ours.person);
                empty
            })?;
            let merged = merge_progress_files(&base, &ours, &theirs);
            (to_text(to_ron(&merged))?, merged.conflicts.len())
        }
        FileKind::Team => {
            let ours = read(ours, "ours", kind, parse_team, empty_team)?;
            let theirs = read(theirs, "theirs", kind, parse_team, empty_team)?;
            let base = read(base, "base", kind, parse_team, || {
                let mut empty = empty_team();
                empty.name.clone_from(&ours.name);
                empty.roadmap = ours.roadmap.clone();
                empty
            })?;
            let merged = merge_team_files(&base, &ours, &theirs);
            (to_text(to_ron(&merged))?, merged.conflicts.len())
        }
    };
    // The merged text must read back as what it is and pass the checks opening it makes
    // (without its roadmap: unknown skills are only warnings), or nothing is written:
    // never hand git a file the app refuses. Two notes of 150,000 characters, each valid,
    // are 300,002 together.
    if let Some(problems) = merged_problems(kind, &text, ours_path) {
        return Err(MergeError::Unmergeable {
            kind,
            message: first_error(&problems),
        });
    }
    Ok(Merged {
        kind,
        text,
        conflicts,
        notices,
    })
}

/// The errors opening the merged text would give, as far as they can be known without the
/// roadmap it is for.
fn merged_problems(kind: FileKind, text: &str, ours_path: Option<&Path>) -> Option<Vec<Problem>> {
    let errors = |problems: Vec<Problem>| {
        let errors: Vec<Problem> = problems.into_iter().filter(Problem::is_error).collect();
        (!errors.is_empty()).then_some(errors)
    };
    let stand_in = |id: &str| Roadmap::new_empty(id, "");
    match kind {
        FileKind::Roadmap => parse_roadmap(text).err(),
        FileKind::Progress => match parse_progress(text) {
            Err(problems) => Some(problems),
            Ok(progress) => errors(super::validate_progress(
                &progress,
                &stand_in(&progress.roadmap_id),
                text,
            )),
        },
        FileKind::Team => match parse_team(text) {
            Err(problems) => Some(problems),
            Ok(file) => {
                // A team plan links only into its own folder: a link out of it from their
                // side is refused, where the folder is known.
                let mut problems = ours_path
                    .map(|path| super::team_path_problems(path, &file, text))
                    .unwrap_or_default();
                problems.extend(super::validate_team(
                    &file,
                    &stand_in(&file.roadmap.id),
                    text,
                ));
                errors(problems)
            }
        },
    }
}

fn blank_roadmap() -> Roadmap {
    let mut empty = Roadmap::new_empty("", "");
    empty.stages.clear();
    empty
}

fn empty_team() -> TeamFile {
    crate::model::Team::new("", crate::model::RoadmapRef::default()).to_file()
}

/// Merges the files git names as a merge driver (`%O %A %B`) and writes the result over
/// `ours` (atomically). Nothing is written when the merge cannot be made.
pub fn merge_files(base: &Path, ours: &Path, theirs: &Path) -> Result<Merged, MergeError> {
    let read =
        |path: &Path| super::read_text(path).map_err(|error| MergeError::Read(error.to_string()));
    let merged = merge_texts_at(&read(base)?, &read(ours)?, &read(theirs)?, Some(ours))?;
    super::write_atomically(ours, merged.text.as_bytes())
        .map_err(|error| MergeError::Write(format!("{error}: {}", ours.display())))?;
    Ok(merged)
}
