//! Reading and writing Waymark's RON files: located errors on the way in, atomic writes
//! on the way out. Nothing here panics on any input.

mod atomic;
pub mod bundled;
pub mod clipboard;
mod ids;
mod in_parts;
mod limits;
pub mod merge;
mod problem;
pub mod quick;
pub mod storage;
mod team;
mod team_limits;
pub mod validate;
mod validate_conflicts;
mod validate_levels;

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::DeserializeOwned;

pub use atomic::{
    backup_path, remove_stale_temp_files, same_file, write_atomically, write_with_backup,
};
pub use problem::{Location, Locator, Problem, Severity};
pub use team::{
    confined_path, load_team, parse_team, quick_team_in_parts, relative_path, save_team,
    team_from_file, team_path_problems, team_roadmap_path, validate_team,
};

use crate::model::{PROGRESS_FORMAT_VERSION, Progress, ROADMAP_FORMAT_VERSION, Roadmap};
pub use limits::MAX_LINK_CHARS;
pub use validate::{validate_progress, validate_roadmap};
pub use validate_levels::MAX_LEVELS;

/// Files larger than this are refused before parsing: no roadmap comes near it, and a
/// mistaken pick (a video, a disk image) should not freeze the app.
pub const MAX_FILE_BYTES: u64 = 64 * MEGABYTE;

const MEGABYTE: u64 = 1024 * 1024;

/// Why a file could not be loaded. Nothing of a file that fails is loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error(
        "could not read the file: {source} ({})",
        crate::model::text::visible_path(path)
    )]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}", display_problems(path, problems))]
    Invalid {
        path: PathBuf,
        problems: Vec<Problem>,
    },
}

impl LoadError {
    pub fn path(&self) -> &Path {
        match self {
            LoadError::Io { path, .. } | LoadError::Invalid { path, .. } => path,
        }
    }
}

fn display_problems(path: &Path, problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|problem| problem.display_with_path(path))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Why a file could not be saved. The previous file, if any, is untouched.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error(
        "could not write the file: {source} ({})",
        crate::model::text::visible_path(path)
    )]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("could not turn the data into RON: {0}")]
    Serialize(#[from] ron::Error),
}

/// What a file holds, read from its leading struct name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Roadmap,
    Progress,
    Team,
}

impl fmt::Display for FileKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FileKind::Roadmap => "roadmap",
            FileKind::Progress => "progress",
            FileKind::Team => "team plan",
        })
    }
}

/// Guesses what a file holds from its first identifier (`Roadmap(`, `Progress(` or
/// `TeamPlan(`), or
/// from its fields when the struct name is left out.
pub fn detect_kind(text: &str) -> Option<FileKind> {
    let mut rest = text.trim_start_matches('\u{feff}');
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("//") {
            rest = after.split_once('\n').map_or("", |(_, tail)| tail);
        } else if let Some(after) = rest.strip_prefix("/*") {
            rest = after.split_once("*/").map_or("", |(_, tail)| tail);
        } else if let Some(after) = rest.strip_prefix("#![") {
            rest = after.split_once(']').map_or("", |(_, tail)| tail);
        } else {
            break;
        }
    }
    let has_field = |name| Locator::new(rest).find_field(name, 0).is_some();
    if rest.starts_with("TeamPlan") {
        Some(FileKind::Team)
    } else if rest.starts_with("Roadmap") {
        Some(FileKind::Roadmap)
    } else if rest.starts_with("Progress") || has_field("roadmap_id") {
        Some(FileKind::Progress)
    } else if has_field("stages") {
        Some(FileKind::Roadmap)
    } else if has_field("members") {
        Some(FileKind::Team)
    } else {
        None
    }
}

/// Reads a file's text, refusing huge or non-UTF-8 files with a clear message.
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    let io_error = |source| LoadError::Io {
        path: path.to_owned(),
        source,
    };
    let metadata = std::fs::metadata(path).map_err(io_error)?;
    if !metadata.is_file() {
        // A FIFO would wait for a writer forever; /dev/zero would never end.
        return Err(LoadError::Invalid {
            path: path.to_owned(),
            problems: vec![Problem::error(
                Location::START,
                "not a regular file (a folder, a pipe or a device); Waymark reads only files",
            )],
        });
    }
    let size = metadata.len();
    if size > MAX_FILE_BYTES {
        return Err(LoadError::Invalid {
            path: path.to_owned(),
            problems: vec![Problem::error(
                Location::START,
                format!(
                    "the file is {:.1} MB; Waymark reads files up to {} MB",
                    size as f64 / MEGABYTE as f64,
                    MAX_FILE_BYTES / MEGABYTE
                ),
            )],
        });
    }
    let mut bytes = std::fs::File::open(path)
        .and_then(|file| in_parts::read_bytes(file, size))
        .map_err(io_error)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::Invalid {
            path: path.to_owned(),
            problems: vec![Problem::error(
                Location::START,
                format!(
                    "the file grew past {} MB while it was read",
                    MAX_FILE_BYTES / MEGABYTE
                ),
            )],
        });
    }
    // A byte-order mark (some Windows editors write one) is not part of the text.
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|error| {
        let offset = error.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(error.as_bytes());
        LoadError::Invalid {
            path: path.to_owned(),
            problems: vec![Problem::error(
                Locator::new(&text).location(offset),
                "the file is not UTF-8 text",
            )],
        }
    })
}

/// Parses and validates a roadmap. Any error means no roadmap.
pub fn parse_roadmap(text: &str) -> Result<Roadmap, Vec<Problem>> {
    expect_kind(text, FileKind::Roadmap)?;
    check_format_version(text, ROADMAP_FORMAT_VERSION)?;
    let mut roadmap: Roadmap = parse_ron(text)?;
    roadmap.format_version =
        migrated_version(text, roadmap.format_version, ROADMAP_FORMAT_VERSION)?;
    let mut problems = validate_roadmap(&roadmap, text);
    problems.extend(validate_conflicts::roadmap_conflict_problems(
        &roadmap, text,
    ));
    if problems.iter().any(Problem::is_error) {
        return Err(problems);
    }
    Ok(roadmap)
}

/// Refuses a text that is not the kind of Waymark file expected, without a word of what
/// it holds: a file named by mistake (or by a hostile team plan) may be anyone's. An
/// empty text is left to the parser, which says so.
pub(crate) fn expect_kind(text: &str, kind: FileKind) -> Result<(), Vec<Problem>> {
    let found = detect_kind(text);
    if found == Some(kind) || text.trim_start_matches('\u{feff}').trim().is_empty() {
        return Ok(());
    }
    let name = |kind: FileKind| match kind {
        FileKind::Roadmap => "a roadmap (`Roadmap(`)",
        FileKind::Progress => "a progress file (`Progress(`)",
        FileKind::Team => "a team plan (`TeamPlan(`)",
    };
    let message = match found {
        Some(other) => format!("this is {}, not {}", name(other), name(kind)),
        None => format!("not a Waymark file: expected {}", name(kind)),
    };
    Err(vec![Problem::error(Location::START, message)])
}

/// Parses a progress file. Checking it against a roadmap is [`validate_progress`]'s job.
pub fn parse_progress(text: &str) -> Result<Progress, Vec<Problem>> {
    expect_kind(text, FileKind::Progress)?;
    check_format_version(text, PROGRESS_FORMAT_VERSION)?;
    let mut progress: Progress = parse_ron(text)?;
    progress.format_version =
        migrated_version(text, progress.format_version, PROGRESS_FORMAT_VERSION)?;
    let problems = validate_conflicts::progress_conflict_problems(&progress, text);
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(progress)
}

/// The format a file is read as: an older one is migrated to `current` (every change so
/// far only added optional fields, so the data needs no rewriting); format 0 never
/// existed. Newer formats were refused before parsing.
fn migrated_version(text: &str, version: u32, current: u32) -> Result<u32, Vec<Problem>> {
    if version == 0 {
        let at = Locator::new(text)
            .find_field("format_version", 0)
            .map_or(Location::START, |offset| {
                Locator::new(text).location(offset)
            });
        return Err(vec![Problem::error(
            at,
            format!(
                "format 0 does not exist; Waymark files start at format 1 (this version writes {current})"
            ),
        )]);
    }
    Ok(current.max(version))
}

pub fn load_roadmap(path: &Path) -> Result<Roadmap, LoadError> {
    let text = read_text(path)?;
    parse_roadmap(&text).map_err(|problems| LoadError::Invalid {
        path: path.to_owned(),
        problems,
    })
}

/// Loads a progress file; with a roadmap, also checks it against that roadmap and returns
/// the warnings (unknown ids, kept).
pub fn load_progress(
    path: &Path,
    roadmap: Option<&Roadmap>,
) -> Result<(Progress, Vec<Problem>), LoadError> {
    let text = read_text(path)?;
    let invalid = |problems| LoadError::Invalid {
        path: path.to_owned(),
        problems,
    };
    let progress = parse_progress(&text).map_err(invalid)?;
    let problems = roadmap
        .map(|roadmap| validate_progress(&progress, roadmap, &text))
        .unwrap_or_default();
    if problems.iter().any(Problem::is_error) {
        return Err(invalid(problems));
    }
    Ok((progress, problems))
}

/// Reads any RON file Waymark keeps for itself (app state, drafts), with located errors.
pub fn read_ron_file<T: DeserializeOwned>(path: &Path) -> Result<T, LoadError> {
    let text = read_text(path)?;
    parse_ron(&text).map_err(|problems| LoadError::Invalid {
        path: path.to_owned(),
        problems,
    })
}

/// Pretty, stable RON: one field per line, so a one-field change is a one-line diff.
pub fn to_ron<T: serde::Serialize>(value: &T) -> Result<String, ron::Error> {
    let config = ron::ser::PrettyConfig::new()
        .indentor("    ")
        .struct_names(true)
        .new_line("\n");
    let mut text = ron::ser::to_string_pretty(value, config)?;
    text.push('\n');
    Ok(text)
}

pub fn save_roadmap(path: &Path, roadmap: &Roadmap) -> Result<(), SaveError> {
    save(path, roadmap)
}

pub fn save_progress(path: &Path, progress: &Progress) -> Result<(), SaveError> {
    save(path, progress)
}

fn save<T: serde::Serialize>(path: &Path, value: &T) -> Result<(), SaveError> {
    let text = to_ron(value)?;
    write_with_backup(path, text.as_bytes()).map_err(|source| SaveError::Io {
        path: path.to_owned(),
        source,
    })
}

/// Reads a file's text as RON: the quick way when it is plain RON as Waymark writes it,
/// else with RON's own parser, whose errors say where the file went wrong.
fn parse_ron<T: DeserializeOwned>(text: &str) -> Result<T, Vec<Problem>> {
    match quick::from_str(text) {
        Some(value) => Ok(value),
        None => parse_with_ron(text),
    }
}

/// Reads a file's text with RON's own parser: what is not plain RON, and every mistake,
/// with the place RON gives.
fn parse_with_ron<T: DeserializeOwned>(text: &str) -> Result<T, Vec<Problem>> {
    ron::from_str(text).map_err(|error| {
        let location = Location {
            line: error.span.start.line.max(1),
            column: error.span.start.col.max(1),
        };
        if let Some((end, open)) = cut_off(text)
            && location.line >= end.line
        {
            let brackets = if open == 1 {
                "a bracket is".to_owned()
            } else {
                format!("{open} brackets are")
            };
            let message = format!(
                "the file ends early: it looks cut off here, where {brackets} still open (RON: {})",
                ron_message(&error.code)
            );
            return vec![Problem::error(end, message)];
        }
        vec![Problem::error(location, ron_message(&error.code))]
    })
}

/// Where a file that stops before its brackets are closed ends (its last character that
/// is not white space), and how many brackets are open there; `None` when every bracket
/// is closed. Brackets inside strings do not count; an unclosed string counts as one.
fn cut_off(text: &str) -> Option<(Location, usize)> {
    let (mut open, mut in_string, mut escaped) = (0usize, false, false);
    for c in text.chars() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '(' | '[' | '{' => open += 1,
            ')' | ']' | '}' => open = open.saturating_sub(1),
            _ => {}
        }
    }
    let open = open + usize::from(in_string);
    if open == 0 {
        return None;
    }
    let content = text.trim_end();
    let line = content.lines().count().max(1);
    let column = content
        .rsplit('\n')
        .next()
        .map_or(1, |last| last.chars().count().max(1));
    Some((Location { line, column }, open))
}

/// RON's message, with the closest known name suggested for a misspelt field or variant.
fn ron_message(error: &ron::Error) -> String {
    if matches!(error, ron::Error::ExceededRecursionLimit) {
        // RON's own text suggests raising its limit, which is for programmers.
        return "nested too deep: no Waymark file has brackets more than 128 deep".to_owned();
    }
    let message = error.to_string();
    let (ron::Error::NoSuchStructField {
        expected, found, ..
    }
    | ron::Error::NoSuchEnumVariant {
        expected, found, ..
    }) = error
    else {
        return message;
    };
    match closest(found, expected) {
        Some(known) => format!("{message}; did you mean `{known}`?"),
        None => message,
    }
}

/// The known name nearest to `found`, if it is near enough to be a slip of the keyboard
/// (two edits, or a third of its length for long names; one for names of three letters).
fn closest<'a>(found: &str, known: &[&'a str]) -> Option<&'a str> {
    let length = found.chars().count();
    let limit = if length <= 3 { 1 } else { (length / 3).max(2) };
    known
        .iter()
        .map(|name| (edit_distance(found, name), *name))
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, name)| name)
}

/// Levenshtein distance between two short names.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, a_char) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, b_char) in b.iter().enumerate() {
            let substitution =
                previous.get(j).copied().unwrap_or(0) + usize::from(a_char != *b_char);
            let deletion = previous.get(j + 1).copied().unwrap_or(0) + 1;
            let insertion = current.get(j).copied().unwrap_or(0) + 1;
            current.push(substitution.min(deletion).min(insertion));
        }
        previous = current;
    }
    previous.last().copied().unwrap_or(0)
}

/// Reads only `format_version`, so a file from a newer Waymark gets a plain message
/// instead of a confusing complaint about fields this version does not know.
fn check_format_version(text: &str, supported: u32) -> Result<(), Vec<Problem>> {
    #[derive(Deserialize)]
    struct VersionOnly {
        format_version: u32,
    }
    let Some(version_at) = Locator::new(text).find_field("format_version", 0) else {
        return Ok(()); // the full parse reports the missing field with its location
    };
    // Struct names are checked by RON, so read the value through an unnamed struct.
    let value_text = text.get(version_at..).unwrap_or_default();
    let value_end = value_text
        .find([',', ')', '\n'])
        .unwrap_or(value_text.len());
    let probe = format!("({})", value_text.get(..value_end).unwrap_or_default());
    let version = ron::from_str::<VersionOnly>(&probe)
        .ok()
        .map(|probe| probe.format_version);
    match version {
        Some(version) if version > supported => Err(vec![Problem::error(
            Locator::new(text).location(version_at),
            format!(
                "this file was made with format {version}; this version of Waymark reads up to format {supported}. Update Waymark to open it"
            ),
        )]),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_the_kind_past_comments() {
        assert_eq!(
            detect_kind("// hi\n/* x */ Roadmap(format_version: 1)"),
            Some(FileKind::Roadmap)
        );
        assert_eq!(detect_kind("Progress(\n)"), Some(FileKind::Progress));
        assert_eq!(detect_kind("(roadmap_id: \"x\")"), Some(FileKind::Progress));
        assert_eq!(detect_kind("42"), None);
    }

    #[test]
    fn a_misspelt_field_or_status_gets_the_closest_known_name() {
        let problems = parse_progress("Progress(format_version: 1, roadmap_id: \"r\", skils: {})")
            .unwrap_err();
        assert!(
            problems[0].message.ends_with("; did you mean `skills`?"),
            "{}",
            problems[0].message
        );
        let problems = parse_progress(
            "Progress(format_version: 1, roadmap_id: \"r\", skills: {\"a\": (status: Lerned)})",
        )
        .unwrap_err();
        assert!(problems[0].message.ends_with("did you mean `Learned`?"));
        assert_eq!(closest("zzzzzz", &["title", "id"]), None);
        assert_eq!(closest("titel", &["id", "title"]), Some("title"));
        assert_eq!(edit_distance("titel", "title"), 2);
    }

    #[test]
    fn an_older_format_is_migrated_in_memory() {
        let text = "Roadmap(\n    format_version: 1,\n    id: \"x\",\n    title: \"X\",\n    stages: [Stage(id: \"s\", title: \"S\")],\n    skills: [Skill(id: \"a\", title: \"A\", stage: \"s\")],\n)\n";
        let roadmap = parse_roadmap(text).unwrap();
        assert_eq!(roadmap.format_version, ROADMAP_FORMAT_VERSION);
        let current = format!("format_version: {ROADMAP_FORMAT_VERSION},");
        assert!(to_ron(&roadmap).unwrap().contains(&current));
        let progress = parse_progress("Progress(format_version: 1, roadmap_id: \"x\")").unwrap();
        assert_eq!(progress.format_version, PROGRESS_FORMAT_VERSION);
        let problems =
            parse_progress("Progress(format_version: 0, roadmap_id: \"x\")").unwrap_err();
        assert!(problems[0].message.contains("format 0 does not exist"));
    }

    #[test]
    fn a_format_2_progress_file_reads_unchanged_and_a_pick_round_trips_in_format_3() {
        let version_2 = "Progress(\n    format_version: 2,\n    roadmap_id: \"x\",\n    skills: {\n        \"a\": SkillProgress(status: Learned, notes_private: true),\n    },\n)\n";
        let mut progress = parse_progress(version_2).unwrap();
        assert_eq!(progress.status("a"), crate::model::Status::Learned);
        assert!(!progress.is_picked("a"));
        progress.set_picked("b", true);
        let text = to_ron(&progress).unwrap();
        let current = format!("format_version: {PROGRESS_FORMAT_VERSION},");
        assert!(text.contains(&current), "{text}");
        assert!(text.contains("picked: true"), "{text}");
        let again = parse_progress(&text).unwrap();
        assert_eq!(again, progress);
        assert!(again.is_picked("b"));
        // Unpicking leaves no empty entry behind.
        progress.set_picked("b", false);
        assert!(!progress.skills.contains_key("b"));
    }

    #[test]
    fn a_cut_off_file_says_it_ends_early_and_where() {
        // Issue 16, item 11: it said "Expected opening `(` for struct `Skill`".
        let text = crate::files::bundled::BACKEND_DEVELOPER.text;
        for cut in [text.len() / 2, text.len() / 3, text.len() - 3] {
            let mut at = cut;
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let cut_text = &text[..at];
            let problems = parse_roadmap(cut_text).unwrap_err();
            let last_line = cut_text.trim_end().lines().count();
            assert!(
                problems[0].message.starts_with("the file ends early"),
                "{}",
                problems[0].message
            );
            assert_eq!(problems[0].line, last_line, "{}", problems[0].message);
        }
    }

    #[test]
    fn a_newer_format_is_refused_plainly() {
        let problems =
            parse_roadmap("Roadmap(\n    format_version: 7,\n    id: \"x\", future_field: 1)")
                .unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!((problems[0].line, problems[0].column), (2, 5));
        assert!(
            problems[0].message.contains("made with format 7"),
            "{}",
            problems[0].message
        );
        let supported = format!("reads up to format {ROADMAP_FORMAT_VERSION}");
        assert!(problems[0].message.contains(&supported));
    }
}
