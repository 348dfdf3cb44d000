//! The command line: `waymark [ROADMAP]`, `waymark validate FILE…`, `waymark --help`.

mod args;
mod git;
mod open;

pub use args::{MAX_GENERATED_SKILLS, parse_args};
pub use git::{git_setup, merge, update};
pub use open::file_argument;

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::export::ExportFormat;
use crate::files::bundled;
use crate::files::storage::RoadmapSource;
use crate::files::validate_progress;
use crate::files::{self, FileKind, Problem};
use crate::model::Roadmap;
use crate::model::text::{visible, visible_path as shown};

pub const HELP: &str = "\
Waymark — a career-path planner for back end developers.

Usage:
  waymark [FILE...]            Open the app, with these roadmaps, progress files
                               and team plans if given (paths or file:// URIs),
                               otherwise the roadmap open last time, or the
                               bundled back end roadmap on a first start.
  waymark validate FILE...     Check roadmap and progress files without opening a
                               window. Prints `FILE: ok — …` for a good file and
                               `FILE:LINE:COLUMN: message` for each problem.
                               Progress files are checked against a roadmap given
                               alongside them, or the bundled one with their id.
                               Exits with 0 when every file is valid, 1 otherwise.
  waymark diff OLD.ron NEW.ron  List what changed between two versions of a
                               roadmap: stages, skills added, removed, renamed
                               (through `replaces`) and changed, prerequisites.
                               Exits with 0 when they are the same, 1 when they
                               differ, 2 when a file cannot be read.
  waymark generate --skills N -o FILE [--progress FILE]
                               Write a synthetic roadmap of N skills (at most
                               100,000) and progress on it, to try Waymark at scale.
  waymark export --format svg|png|md|canvas ROADMAP [--progress FILE]
                 [--scale S] -o OUT
                               Write the roadmap (with the progress, if given) as
                               an SVG image, a PNG image (S pixels per canvas unit,
                               1 by default), a Markdown checklist, or a JSON
                               Canvas (.canvas, as Obsidian reads).
  waymark layout-stats ROADMAP  Measure how the roadmap is laid out: its size and
                               shape, the zoom at which it fits a 1280×800 window,
                               how many pairs of arrows cross, and every arrow that
                               passes through a skill it does not connect.
  waymark merge BASE OURS THEIRS
                               Merge two versions of a roadmap, progress file or
                               team plan by id (a git merge driver: `%O %A %B`).
                               The result goes to OURS. Exits with 0 when clean,
                               1 with conflicts (kept in the file for the app to
                               show), 2 when it cannot merge.
  waymark git-setup [DIR]      Make the git repository holding DIR (default: here)
                               merge .ron files with `waymark merge`.
  waymark update FORK.ron UPSTREAM.ron
                               Take a new version of the roadmap a fork was based
                               on into the fork, keeping the fork's own changes.
                               Exits with 0 when clean, 1 with conflicts, 2 on error.
  waymark --help               Show this help.
  waymark --version            Show the version.

Progress autosaves to the data folder (~/.local/share/waymark on Linux);
set WAYMARK_DATA_DIR to use another folder.
";

#[derive(Debug, PartialEq)]
pub enum Command {
    /// Open the app with these files: paths or `file://` URIs as a desktop passes them.
    Run {
        files: Vec<PathBuf>,
    },
    Validate {
        files: Vec<PathBuf>,
    },
    Diff {
        old: PathBuf,
        new: PathBuf,
    },
    Generate {
        skill_count: usize,
        roadmap: PathBuf,
        progress: Option<PathBuf>,
    },
    Export {
        format: ExportFormat,
        roadmap: PathBuf,
        progress: Option<PathBuf>,
        output: PathBuf,
        scale: f32,
    },
    LayoutStats {
        roadmap: PathBuf,
    },
    Merge {
        base: PathBuf,
        ours: PathBuf,
        theirs: PathBuf,
    },
    GitSetup {
        dir: PathBuf,
    },
    Update {
        fork: PathBuf,
        upstream: PathBuf,
    },
    Help,
    Version,
}

/// Writes a roadmap (and progress) in another format, and says what it wrote.
pub fn export_file(
    format: ExportFormat,
    roadmap_path: &std::path::Path,
    progress_path: Option<&std::path::Path>,
    output: &std::path::Path,
    scale: f32,
    out: &mut impl Write,
) -> Result<(), String> {
    // Writing the export over a file it is made from would lose that file.
    for (input, what) in [
        (Some(roadmap_path), "roadmap"),
        (progress_path, "progress file"),
    ] {
        if let Some(input) = input.filter(|input| files::same_file(input, output)) {
            return Err(format!(
                "the output {} is the {what} being exported; name another file with -o",
                shown(input)
            ));
        }
    }
    let roadmap = files::load_roadmap(roadmap_path).map_err(|error| error.to_string())?;
    let progress = match progress_path {
        Some(path) => {
            files::load_progress(path, Some(&roadmap))
                .map_err(|error| error.to_string())?
                .0
        }
        None => crate::model::Progress::new(&roadmap.id),
    };
    let bytes = format.render(&roadmap, &progress, scale)?;
    files::write_atomically(output, &bytes)
        .map_err(|error| format!("could not write {}: {error}", shown(output)))?;
    writeln!(
        out,
        "{}: {} of {} skills",
        shown(output),
        format.description(),
        roadmap.skills.len()
    )
    .map_err(|e| e.to_string())
}

/// Prints how a roadmap is laid out (see `LayoutStats`).
pub fn layout_stats(roadmap_path: &Path, out: &mut impl Write) -> Result<(), String> {
    use crate::session::layout::Layout;
    use crate::session::layout_stats::{DEFAULT_CANVAS, LayoutStats};
    use crate::session::scene_index::SceneIndex;
    let roadmap = files::load_roadmap(roadmap_path).map_err(|error| error.to_string())?;
    let layout = Layout::compute(&roadmap);
    let scene = SceneIndex::build(&roadmap, &layout);
    let stats = LayoutStats::measure(&roadmap, &layout, &scene);
    let canvas = DEFAULT_CANVAS.x / DEFAULT_CANVAS.y;
    let mut text = format!(
        "{}: {} skills, {} prerequisite links drawn as {} arrows
size: {:.0} × {:.0} (aspect {:.2} : 1; a 1280×800 window's canvas is {:.2} : 1)
fit at 1280×800: zoom {:.2}, a skill's title at {:.1} px
crossings: {} pairs of arrows cross ({:.2} per arrow)
arrows through a skill they do not connect: {} of {}
",
        shown(roadmap_path),
        stats.skills,
        stats.links,
        stats.arrows,
        stats.width,
        stats.height,
        stats.aspect(),
        canvas,
        stats.fit_zoom,
        stats.fit_zoom * crate::paint::TITLE_SIZE,
        stats.crossings,
        stats.crossings_per_arrow(),
        stats.arrows_through,
        stats.arrows,
    );
    for (from, to, through) in &stats.through {
        text.push_str(&format!(
            "  {} -> {} passes through {}\n",
            visible(from),
            visible(to),
            visible(through)
        ));
    }
    out.write_all(text.as_bytes()).map_err(|e| e.to_string())
}

/// Writes a generated roadmap (and its progress) and says what it wrote.
pub fn generate_files(
    skill_count: usize,
    roadmap_path: &std::path::Path,
    progress_path: Option<&std::path::Path>,
    out: &mut impl Write,
) -> Result<(), String> {
    let (roadmap, progress) = crate::model::generate::generate(skill_count, 42);
    files::save_roadmap(roadmap_path, &roadmap).map_err(|error| error.to_string())?;
    writeln!(
        out,
        "{}: {} skills, {} prerequisites",
        shown(roadmap_path),
        roadmap.skills.len(),
        roadmap.edge_count()
    )
    .map_err(|e| e.to_string())?;
    if let Some(path) = progress_path {
        files::save_progress(path, &progress).map_err(|error| error.to_string())?;
        writeln!(
            out,
            "{}: progress on {} skills",
            shown(path),
            progress.skills.len()
        )
        .map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Checks a team plan against its roadmap (one given, else the file it names, else a
/// bundled one) and reads each linked progress file. Returns whether it is valid.
fn validate_team_file(
    path: &Path,
    text: &str,
    roadmaps: &[&Roadmap],
    out: &mut impl Write,
) -> std::io::Result<bool> {
    let file = match files::parse_team(text) {
        Ok(file) => file,
        Err(problems) => {
            for problem in problems {
                writeln!(out, "{}", problem.display_with_path(path))?;
            }
            return Ok(false);
        }
    };
    // Paths out of the plan's folder are refused before anything they name is opened.
    let path_problems = files::team_path_problems(path, &file, text);
    if !path_problems.is_empty() {
        for problem in path_problems {
            writeln!(out, "{}", problem.display_with_path(path))?;
        }
        return Ok(false);
    }
    let given = roadmaps.iter().copied().find(|r| r.id == file.roadmap.id);
    // The roadmap given alongside, else where the app would find it.
    let loaded = match (given, RoadmapSource::of_team_plan(path, &file)) {
        (Some(_), _) | (None, None) => None,
        (None, Some(source)) => match source.load() {
            Ok(roadmap) => Some(roadmap),
            Err(error) => {
                writeln!(
                    out,
                    "{}: its roadmap could not be read: {error}",
                    shown(path)
                )?;
                return Ok(false);
            }
        },
    };
    let Some(roadmap) = given.or(loaded.as_ref()) else {
        writeln!(
            out,
            "{}:1:1: roadmap `{}` was not given, and neither a file the plan names nor a bundled roadmap has that id",
            shown(path),
            visible(&file.roadmap.id)
        )?;
        return Ok(false);
    };
    let problems = files::validate_team(&file, roadmap, text);
    for problem in &problems {
        writeln!(out, "{}", problem.display_with_path(path))?;
    }
    if problems.iter().any(Problem::is_error) {
        return Ok(false);
    }
    let team = files::team_from_file(path, file, roadmap);
    let mut valid = true;
    for member in &team.members {
        if let Err(reason) = &member.progress {
            writeln!(
                out,
                "{}: {}: progress unavailable: {}",
                shown(path),
                visible(&member.name),
                visible(reason)
            )?;
            valid = false;
        }
    }
    if valid {
        writeln!(
            out,
            "{}: ok — team “{}”, {} members on `{}`",
            shown(path),
            visible(&team.name),
            team.members.len(),
            visible(&roadmap.id)
        )?;
    }
    Ok(valid)
}

/// Writes what changed from `old` to `new` on `out`. Returns whether they differ; an
/// unreadable or invalid roadmap is an error message.
pub fn diff_files(old: &Path, new: &Path, out: &mut impl Write) -> Result<bool, String> {
    let old_roadmap = files::load_roadmap(old).map_err(|error| error.to_string())?;
    let new_roadmap = files::load_roadmap(new).map_err(|error| error.to_string())?;
    let diff = crate::model::RoadmapDiff::compute(&old_roadmap, &new_roadmap);
    let header = format!("--- {}\n+++ {}\n", shown(old), shown(new));
    write!(out, "{header}{}", diff.to_text()).map_err(|error| error.to_string())?;
    Ok(!diff.is_empty())
}

/// Checks each file and reports on `out`. Returns whether every file is valid.
pub fn validate_files(paths: &[PathBuf], out: &mut impl Write) -> std::io::Result<bool> {
    let mut all_valid = true;
    // Read and parse every file once; roadmaps first, so progress files can be checked
    // against them.
    let texts: Vec<Result<String, files::LoadError>> =
        paths.iter().map(|path| files::read_text(path)).collect();
    let parsed_roadmaps: Vec<Option<Result<Roadmap, Vec<Problem>>>> = texts
        .iter()
        .map(|text| match text {
            Ok(text) if files::detect_kind(text) == Some(FileKind::Roadmap) => {
                Some(files::parse_roadmap(text))
            }
            _ => None,
        })
        .collect();
    let roadmaps: Vec<&Roadmap> = parsed_roadmaps
        .iter()
        .flatten()
        .filter_map(|parsed| parsed.as_ref().ok())
        .collect();

    for ((path, text), parsed_roadmap) in paths.iter().zip(texts).zip(&parsed_roadmaps) {
        let text = match text {
            Ok(text) => text,
            Err(error) => {
                writeln!(out, "{error}")?;
                all_valid = false;
                continue;
            }
        };
        let report = |out: &mut dyn Write, problems: &[Problem]| -> std::io::Result<()> {
            for problem in problems {
                writeln!(out, "{}", problem.display_with_path(path))?;
            }
            Ok(())
        };
        match files::detect_kind(&text) {
            Some(FileKind::Roadmap) => match parsed_roadmap {
                Some(Ok(roadmap)) => {
                    writeln!(
                        out,
                        "{}: ok — {} skills, {} stages, {} prerequisites",
                        shown(path),
                        roadmap.skills.len(),
                        roadmap.stages.len(),
                        roadmap.edge_count()
                    )?;
                    // What deserves a look though the file opens (a prerequisite from a
                    // later stage, an expectation on a skill the milestone does not need).
                    let warnings: Vec<Problem> = files::validate_roadmap(roadmap, &text)
                        .into_iter()
                        .filter(|problem| !problem.is_error())
                        .collect();
                    report(out, &warnings)?;
                }
                Some(Err(problems)) => {
                    report(out, problems)?;
                    all_valid = false;
                }
                None => {}
            },
            Some(FileKind::Progress) => match files::parse_progress(&text) {
                Ok(progress) => {
                    let given = roadmaps
                        .iter()
                        .copied()
                        .find(|r| r.id == progress.roadmap_id);
                    // The bundled roadmaps are parsed only when no given roadmap matches.
                    let bundled_roadmap = given
                        .is_none()
                        .then(|| bundled::BundledRoadmap::with_id(&progress.roadmap_id))
                        .flatten()
                        .map(|(_, roadmap)| roadmap);
                    let roadmap = given.or(bundled_roadmap.as_ref());
                    // Without its roadmap, what needs none is still checked (names,
                    // notes, links); unknown skills are then no news.
                    let problems = match roadmap {
                        Some(roadmap) => validate_progress(&progress, roadmap, &text),
                        None => {
                            let stand_in = Roadmap::new_empty(&progress.roadmap_id, "");
                            validate_progress(&progress, &stand_in, &text)
                                .into_iter()
                                .filter(Problem::is_error)
                                .collect()
                        }
                    };
                    if problems.iter().any(Problem::is_error) {
                        all_valid = false;
                    } else {
                        let checked = match roadmap {
                            Some(_) => "checked against its roadmap",
                            None => "its roadmap was not given, so skill ids were not checked",
                        };
                        writeln!(
                            out,
                            "{}: ok — progress on `{}` for {} skills ({checked})",
                            shown(path),
                            visible(&progress.roadmap_id),
                            progress.skills.len()
                        )?;
                    }
                    report(out, &problems)?;
                }
                Err(problems) => {
                    report(out, &problems)?;
                    all_valid = false;
                }
            },
            Some(FileKind::Team) => {
                all_valid &= validate_team_file(path, &text, &roadmaps, out)?;
            }
            None => {
                writeln!(
                    out,
                    "{}:1:1: not a Waymark roadmap, progress or team plan file (expected `Roadmap(`, `Progress(` or `TeamPlan(`)",
                    shown(path)
                )?;
                all_valid = false;
            }
        }
    }
    Ok(all_valid)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn parses_commands() {
        assert_eq!(
            parse_args(args(&[])),
            Ok(Command::Run { files: Vec::new() })
        );
        assert_eq!(parse_args(args(&["--help"])), Ok(Command::Help));
        assert_eq!(
            parse_args(args(&["x.ron"])),
            Ok(Command::Run {
                files: vec!["x.ron".into()]
            })
        );
        assert_eq!(
            parse_args(args(&["validate", "a", "b"])),
            Ok(Command::Validate {
                files: vec!["a".into(), "b".into()]
            })
        );
        assert!(parse_args(args(&["validate"])).is_err());
        assert!(parse_args(args(&["--frobnicate"])).is_err());
    }
}
