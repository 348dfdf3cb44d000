//! Team plan files: new, open (with its roadmap), the example, save and save as (links
//! follow the plan), adding a member from a shared progress file, reading it again when
//! it changed on disk.

use std::path::Path;

use super::{Action, ErrorReport, Session, TeamAction, TeamSession, report};
use crate::files;
use crate::files::storage::RoadmapSource;
use crate::model::{Member, RoadmapRef, Team, TeamEdit};

impl Session {
    /// When the window comes back to the front: a team plan changed on disk by someone
    /// else is read again (with its linked progress files), unless changes made here are
    /// still to be written, which then win and are saved over it.
    pub(super) fn check_team_on_disk(&mut self) {
        let Some(session) = &mut self.team else {
            return;
        };
        let stamp = session.stamp_on_disk();
        if stamp.is_none() || stamp == session.file_stamp {
            return;
        }
        session.file_stamp = stamp;
        let (Some(path), modified) = (session.path.clone(), session.modified) else {
            return;
        };
        if modified {
            self.show_notice(format!(
                "The team plan changed on disk; your changes here are saved over it ({})",
                path.display()
            ));
            return;
        }
        let lens = session.lens;
        let tab = session.tab;
        self.open_team(&path);
        if let Some(session) = &mut self.team {
            session.lens = lens;
            session.tab = tab;
            session.restore_selection_after_reload();
        }
        self.show_notice(format!(
            "The team plan changed on disk and was read again ({})",
            path.display()
        ));
    }

    /// Writes the team plan (and linked progress changed here) if it has a file and
    /// changes. Called with the progress autosave.
    pub(super) fn save_team(&mut self) {
        let Some(session) = &mut self.team else {
            return;
        };
        let Some(path) = session.path.clone().filter(|_| session.modified) else {
            return;
        };
        match files::save_team(&path, &mut session.team) {
            Ok(()) => {
                session.modified = false;
                session.file_stamp = session.stamp_on_disk();
            }
            Err(error) => {
                log::error!("team plan autosave failed: {error}");
                self.autosave.write_error = Some(format!("The team plan: {error}"));
                self.errors.push(ErrorReport {
                    title: super::TEAM_NOT_SAVED.to_owned(),
                    details: format!(
                        "{error}\nWaymark keeps it open and will try again after your next change."
                    ),
                });
            }
        }
    }

    pub(super) fn new_team(&mut self, path: &Path) {
        let roadmap_path = match &self.document.source {
            RoadmapSource::File(roadmap_path) => {
                let folder = path.parent().unwrap_or(Path::new(""));
                let relative = files::relative_path(folder, roadmap_path);
                if let Err(reason) = files::confined_path(folder, &relative) {
                    self.errors.push(ErrorReport {
                        title: "The team plan was not started there".to_owned(),
                        details: format!(
                            "A team plan reads only files in its own folder or below it, and the roadmap's file is not: {reason}. Save the team plan in the roadmap's folder ({}) or a folder above it.",
                            roadmap_path.parent().unwrap_or(Path::new("")).display()
                        ),
                    });
                    return;
                }
                relative
            }
            RoadmapSource::Bundled(_) => String::new(),
            RoadmapSource::New => {
                self.show_notice(
                    "Save the roadmap first: a team plan refers to its file".to_owned(),
                );
                return;
            }
        };
        self.save_team();
        let team = Team::new(
            "New team",
            RoadmapRef {
                id: self.document.roadmap.id.clone(),
                path: roadmap_path,
            },
        );
        let mut session = TeamSession::new(team, Some(path.to_owned()));
        session.modified = true;
        self.team = Some(session);
        self.save_team();
        self.save_state();
    }

    pub(super) fn open_team(&mut self, path: &Path) {
        let text = match files::read_text(path) {
            Ok(text) => text,
            Err(error) => {
                self.errors.push(report(
                    "The team plan could not be opened; nothing was changed",
                    &error,
                ));
                return;
            }
        };
        let file = match files::parse_team(&text) {
            Ok(file) => file,
            Err(problems) => return self.refuse_team(path, problems),
        };
        // Paths out of the plan's folder are refused before anything they name is opened.
        let path_problems = files::team_path_problems(path, &file, &text);
        if !path_problems.is_empty() {
            return self.refuse_team(path, path_problems);
        }
        if file.roadmap.id != self.document.roadmap.id {
            // Open the plan's roadmap first.
            let source = match RoadmapSource::of_team_plan(path, &file) {
                Some(source) => source,
                None => {
                    self.errors.push(ErrorReport {
                            title: "The team plan's roadmap could not be found".to_owned(),
                            details: format!(
                                "It uses roadmap `{}`, and neither a file it names nor a bundled roadmap has that id. Open that roadmap first, then the team plan. ({})",
                                file.roadmap.id,
                                path.display()
                            ),
                        });
                    return;
                }
            };
            if self.document.is_roadmap_modified() {
                self.pending_after_unsaved =
                    Some(Box::new(Action::Team(TeamAction::Open(path.to_owned()))));
                return;
            }
            self.open_roadmap(source);
            if self.document.roadmap.id != file.roadmap.id {
                return; // the roadmap failed to open and said why
            }
        }
        let problems = files::validate_team(&file, &self.document.roadmap, &text);
        if problems.iter().any(files::Problem::is_error) {
            return self.refuse_team(path, problems);
        }
        self.save_team();
        let team = files::team_from_file(path, file, &self.document.roadmap);
        let unavailable: Vec<String> = team
            .members
            .iter()
            .filter_map(|m| {
                m.progress
                    .as_ref()
                    .err()
                    .map(|why| format!("{}: {why}", m.name))
            })
            .collect();
        let mut session = TeamSession::new(team, Some(path.to_owned()));
        session.file_stamp = session.stamp_on_disk();
        self.team = Some(session);
        self.state.remember_recent(path);
        self.save_state(); // reopened at the next start
        if !unavailable.is_empty() {
            self.show_notice(format!(
                "Opened the team plan; progress unavailable for {}",
                unavailable.join("; ")
            ));
        } else if !problems.is_empty() {
            self.show_notice(format!(
                "Opened the team plan with {} warnings: {}",
                problems.len(),
                problems
                    .first()
                    .map(|p| p.display_with_path(path))
                    .unwrap_or_default()
            ));
        }
    }

    /// Reports a team plan that cannot be opened, with every problem located.
    fn refuse_team(&mut self, path: &Path, problems: Vec<files::Problem>) {
        let error = files::LoadError::Invalid {
            path: path.to_owned(),
            problems,
        };
        self.errors.push(report(
            "The team plan could not be opened; nothing was changed",
            &error,
        ));
    }

    /// Opens the person's own copy of the example team plan, made in the data folder the
    /// first time, so it autosaves like any plan and the shipped one stays as it is.
    pub(super) fn open_example_team(&mut self) {
        let Some(dir) = &self.data_dir else {
            self.show_notice("There is no data folder to keep a copy of the example in".to_owned());
            return;
        };
        let path = dir.teams_folder().join("example-team.ron");
        if !path.exists()
            && let Err(error) =
                files::write_atomically(&path, crate::files::bundled::EXAMPLE_TEAM.as_bytes())
        {
            self.errors.push(ErrorReport {
                title: "The example team plan could not be copied".to_owned(),
                details: format!("{error} ({})", path.display()),
            });
            return;
        }
        self.open_team(&path);
    }

    pub(super) fn save_team_as(&mut self, path: &Path) {
        let Some(session) = &mut self.team else {
            return;
        };
        // Links are relative to the plan's folder: rewrite them for the new one.
        let old_folder = session
            .path
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let new_folder = path.parent().unwrap_or(Path::new("")).to_path_buf();
        let moved = |relative: &str| files::relative_path(&new_folder, &old_folder.join(relative));
        // The plan reads only files in its own folder: refuse a folder its files are not in.
        let named = session
            .team
            .members
            .iter()
            .filter_map(|member| member.linked_path.as_deref())
            .chain(
                (!session.team.roadmap.path.is_empty())
                    .then_some(session.team.roadmap.path.as_str()),
            );
        let outside: Vec<String> = named
            .filter(|relative| files::confined_path(&new_folder, &moved(relative)).is_err())
            .map(|relative| old_folder.join(relative).display().to_string())
            .collect();
        if !outside.is_empty() {
            self.errors.push(ErrorReport {
                title: "The team plan was not saved there".to_owned(),
                details: format!(
                    "A team plan reads only files in its own folder or below it, and these are not in {}:\n{}\nSave it in a folder that holds them.",
                    new_folder.display(),
                    outside.join("\n")
                ),
            });
            return;
        }
        for member in &mut session.team.members {
            if let Some(linked) = &mut member.linked_path {
                *linked = moved(linked);
            }
        }
        if !session.team.roadmap.path.is_empty() {
            session.team.roadmap.path = moved(&session.team.roadmap.path);
        }
        session.path = Some(path.to_owned());
        session.modified = true;
        self.save_team();
        self.show_notice(format!("Team plan saved as {}", path.display()));
    }

    pub(super) fn add_member_from_file(&mut self, path: &Path) {
        let Some(session) = &self.team else {
            return;
        };
        match files::load_progress(path, Some(&self.document.roadmap)) {
            Ok((progress, warnings)) => {
                let name = if progress.person.trim().is_empty() {
                    path.file_stem()
                        .map(|stem| stem.to_string_lossy().into_owned())
                        .unwrap_or_else(|| "New member".to_owned())
                } else {
                    progress.person.clone()
                };
                // Held to a member name's length, which the plan is checked against.
                let name: String = name
                    .chars()
                    .take(files::validate::MAX_TITLE_CHARS)
                    .collect();
                let folder = session
                    .path
                    .as_deref()
                    .and_then(Path::parent)
                    .map(Path::to_path_buf);
                // Linked only when the file is in the plan's folder (a plan reads nothing
                // else); otherwise the plan holds a copy.
                let linked = folder
                    .map(|folder| (files::relative_path(&folder, path), folder))
                    .filter(|(relative, folder)| files::confined_path(folder, relative).is_ok())
                    .map(|(relative, _)| relative);
                let mut text = match &linked {
                    Some(_) => format!("Added {name}, linked to {}", path.display()),
                    None => format!(
                        "Added {name} with a copy of their progress: {} is not in the team plan's folder, which is all a plan links to",
                        path.display()
                    ),
                };
                let mut member = Member::new(&name, &self.document.roadmap.id);
                member.linked_path = linked;
                member.progress = Ok(progress);
                self.change_team(TeamEdit::AddMember(Box::new(member)), None);
                if !warnings.is_empty() {
                    text.push_str(&format!(
                        "; {} unknown skill ids kept (not on this roadmap)",
                        warnings.len()
                    ));
                }
                self.show_notice(text);
            }
            Err(error) => self.errors.push(report(
                "That progress file could not be added; nothing was changed",
                &error,
            )),
        }
    }
}
