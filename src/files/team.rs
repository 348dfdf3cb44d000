//! Team plan files: a RON file naming the roadmap and the members, whose progress is held
//! in it or linked to each person's own progress file beside it.

use foldhash::HashSet;
use std::path::{Component, Path, PathBuf};

use super::{
    LoadError, Location, Locator, Problem, SaveError, check_format_version, load_progress,
    parse_with_ron, read_text, to_ron,
};
use crate::model::{Roadmap, SkillKind, TEAM_FORMAT_VERSION, Team, TeamFile};

/// Parses a team plan file. Checking it against its roadmap is [`validate_team`]'s job.
pub fn parse_team(text: &str) -> Result<TeamFile, Vec<Problem>> {
    super::expect_kind(text, super::FileKind::Team)?;
    check_format_version(text, TEAM_FORMAT_VERSION)?;
    let quick = quick_team_in_parts(text, super::in_parts::threads_for(text.len()));
    quick.map_or_else(|| parse_with_ron(text), Ok)
}

/// Reads a team plan the quick way (see [`super::quick`]), its members in up to `parts`
/// pieces at once; `None` when it is not plain RON as Waymark writes it.
pub fn quick_team_in_parts(text: &str, parts: usize) -> Option<TeamFile> {
    // Members as Waymark writes them, one `Member(` a line at this depth.
    super::quick::from_str_in_parts(
        text,
        "members",
        "\n        Member(",
        parts,
        |file: &mut TeamFile, earlier| {
            file.members.splice(0..0, earlier);
        },
    )
}

/// What is wrong with a team plan given its roadmap: a different roadmap is an error;
/// roles, focus skills and progress for skills the roadmap does not have are warnings
/// (they are kept).
pub fn validate_team(file: &TeamFile, roadmap: &Roadmap, text: &str) -> Vec<Problem> {
    let locator = Locator::new(text);
    let at = |offset: Option<usize>| offset.map_or(Location::START, |o| locator.location(o));
    let mut problems = Vec::new();
    if file.roadmap.id != roadmap.id {
        problems.push(Problem::error(
            at(locator.find_string(&file.roadmap.id, 0)),
            format!(
                "this team plan uses roadmap `{}`, not `{}`",
                file.roadmap.id, roadmap.id
            ),
        ));
    }
    // Skill ids by kind, looked up once each: a plan may hold 10,000 ids per member.
    let kinds: foldhash::HashMap<&str, SkillKind> = roadmap
        .skills
        .iter()
        .map(|skill| (skill.id.as_str(), skill.kind))
        .collect();
    let is_milestone = |id: &str| kinds.get(id) == Some(&SkillKind::Milestone);
    let is_known = |id: &str| kinds.contains_key(id);
    problems.extend(super::team_limits::team_limit_problems(file, &locator));
    let mut names = HashSet::default();
    let mut member_at = 0;
    for member in &file.members {
        member_at = locator
            .find_string(&member.name, member_at)
            .unwrap_or(member_at);
        if !names.insert(member.name.as_str()) {
            problems.push(Problem::warning(
                at(Some(member_at)),
                format!("two members are called “{}”", member.name),
            ));
        }
        let role = &member.current_role;
        if !role.is_empty() && !is_milestone(role) && roadmap.stage(role).is_none() {
            problems.push(Problem::warning(
                at(locator.find_string(role, member_at)),
                format!("`{role}` is not a milestone or stage of the roadmap"),
            ));
        }
        if let Some(target) = member.target_role.as_deref().filter(|t| !is_milestone(t)) {
            problems.push(Problem::warning(
                at(locator.find_string(target, member_at)),
                format!("the target role `{target}` is not a milestone of the roadmap"),
            ));
        }
        let unknown_focus = member
            .focus
            .iter()
            .map(|focus| focus.skill_id.as_str())
            .filter(|id| !is_known(id));
        let unknown_progress = match &member.progress {
            crate::model::ProgressSource::Held(skills) => skills
                .keys()
                .map(String::as_str)
                .filter(|id| !is_known(id))
                .collect(),
            crate::model::ProgressSource::Linked(_) => Vec::new(),
        };
        // Focus first, then progress, each in the order written (progress by id): each
        // is looked for after the one before, so a plan of thousands of kept entries is
        // read through once, not once per entry.
        let mut cursor = member_at;
        for skill_id in unknown_focus.chain(unknown_progress) {
            let offset = locator
                .find_string(skill_id, cursor)
                .or_else(|| locator.find_string(skill_id, member_at));
            cursor = offset.map_or(cursor, |offset| offset + 1);
            problems.push(Problem::warning(
                at(offset),
                format!("unknown skill `{skill_id}` is kept but not shown on the roadmap"),
            ));
        }
        // Looked for only when there are ratings: the plan may be megabytes long.
        let ratings_at = (!member.ratings.is_empty())
            .then(|| locator.find_field("ratings", member_at))
            .flatten();
        for rating in &member.ratings {
            let rating_at = ratings_at.and_then(|f| locator.find_string(&rating.skill_id, f));
            if let Some(message) = super::validate_levels::rating_too_long(rating) {
                problems.push(Problem::error(at(rating_at), message));
            }
            if !is_known(&rating.skill_id) {
                problems.push(Problem::warning(
                    at(rating_at),
                    format!(
                        "a rating of unknown skill `{}` is kept but not shown",
                        rating.skill_id
                    ),
                ));
            }
            if let Some(message) = super::validate_levels::unknown_level(roadmap, &rating.level) {
                problems.push(Problem::warning(
                    at(rating_at.and_then(|r| locator.find_string(&rating.level, r))),
                    format!(
                        "{}’s rating of `{}` is kept but not counted: {message}",
                        member.name, rating.skill_id
                    ),
                ));
            }
        }
    }
    if !file.coverage.level.is_empty()
        && let Some(message) = super::validate_levels::unknown_level(roadmap, &file.coverage.level)
    {
        let field = locator.find_field("coverage", 0);
        problems.push(Problem::warning(
            at(field.and_then(|f| locator.find_string(&file.coverage.level, f))),
            format!("the coverage rule counts the learned level instead: {message}"),
        ));
    }
    problems
}

/// Where a team plan's roadmap file is: its path taken relative to the plan's folder, if
/// it stays inside that folder (see [`confined_path`]).
pub fn team_roadmap_path(team_path: &Path, file: &TeamFile) -> Option<PathBuf> {
    (!file.roadmap.path.is_empty())
        .then(|| confined_path(&folder_of(team_path), &file.roadmap.path).ok())
        .flatten()
}

/// The file a team plan in `folder` names by `relative`, if that path is relative and stays
/// inside the folder: no root, no `..` leading above it, no symbolic link leading out of
/// it. A team plan only ever reads and writes files in its own folder, so that opening
/// one cannot touch anything else of the person's.
pub fn confined_path(folder: &Path, relative: &str) -> Result<PathBuf, String> {
    let path = Path::new(relative);
    if relative.trim().is_empty() {
        return Err("the path is empty".to_owned());
    }
    if path.has_root() || path.components().any(|c| matches!(c, Component::Prefix(_))) {
        return Err(format!(
            "`{relative}` is an absolute path; a team plan names files by paths relative to its own folder"
        ));
    }
    let mut depth = 0_usize;
    for component in path.components() {
        match component {
            Component::Normal(_) => depth += 1,
            Component::ParentDir => {
                depth = depth.checked_sub(1).ok_or_else(|| {
                    format!("`{relative}` leads out of the team plan's folder; a team plan links only files in its own folder or below it")
                })?;
            }
            _ => {}
        }
    }
    let joined = folder.join(path);
    // A symbolic link inside the folder may still lead out of it: compare where the path
    // really is, or where its nearest existing folder is.
    let existing = joined.ancestors().find(|ancestor| ancestor.exists());
    if let (Some(existing), Ok(folder)) = (existing, folder.canonicalize())
        && let Ok(real) = existing.canonicalize()
        && !real.starts_with(&folder)
    {
        return Err(format!(
            "`{relative}` leads out of the team plan's folder through a symbolic link"
        ));
    }
    Ok(joined)
}

/// Problems with the paths a team plan names (its roadmap file, linked progress files),
/// located in its text: any that is absolute or leads out of the plan's folder is an
/// error, and the plan opens nothing until it is fixed.
pub fn team_path_problems(team_path: &Path, file: &TeamFile, text: &str) -> Vec<Problem> {
    let folder = folder_of(team_path);
    let locator = Locator::new(text);
    let at = |offset: Option<usize>| offset.map_or(Location::START, |o| locator.location(o));
    let mut problems = Vec::new();
    let roadmap_path = (!file.roadmap.path.is_empty()).then_some(&file.roadmap.path);
    let linked = file
        .members
        .iter()
        .filter_map(|member| match &member.progress {
            crate::model::ProgressSource::Linked(path) => Some(path),
            crate::model::ProgressSource::Held(_) => None,
        });
    let mut searched_from = 0;
    for path in roadmap_path.into_iter().chain(linked) {
        if let Err(reason) = confined_path(&folder, path) {
            let offset = locator.find_string(path, searched_from);
            searched_from = offset.map_or(searched_from, |o| o + 1);
            problems.push(Problem::error(at(offset), reason));
        }
    }
    problems
}

/// Loads a team plan for `roadmap`, with each linked progress file read (relative to the
/// plan). A linked file that is missing or broken leaves that member's progress
/// unavailable with the reason; the plan still opens. Returns the warnings too.
pub fn load_team(path: &Path, roadmap: &Roadmap) -> Result<(Team, Vec<Problem>), LoadError> {
    let text = read_text(path)?;
    let invalid = |problems| LoadError::Invalid {
        path: path.to_owned(),
        problems,
    };
    let file = parse_team(&text).map_err(invalid)?;
    let path_problems = team_path_problems(path, &file, &text);
    if !path_problems.is_empty() {
        return Err(invalid(path_problems));
    }
    let problems = validate_team(&file, roadmap, &text);
    if problems.iter().any(Problem::is_error) {
        return Err(invalid(problems));
    }
    Ok((team_from_file(path, file, roadmap), problems))
}

/// The open form of a parsed team plan stored at `path`.
pub fn team_from_file(path: &Path, file: TeamFile, roadmap: &Roadmap) -> Team {
    let folder = folder_of(path);
    Team::from_file(file, |linked| {
        let linked_path = confined_path(&folder, linked)?;
        if !linked_path.exists() {
            return Err(format!("{} is missing", linked_path.display()));
        }
        load_progress(&linked_path, Some(roadmap))
            .map(|(progress, _warnings)| progress)
            .map_err(|error| error.to_string())
    })
}

/// Saves a team plan: first each linked progress file changed here, then the plan. Every
/// file is written atomically.
pub fn save_team(path: &Path, team: &mut Team) -> Result<(), SaveError> {
    let folder = folder_of(path);
    for member in team.members.iter_mut().filter(|m| m.linked_changed) {
        let (Some(linked), Ok(progress)) = (&member.linked_path, &member.progress) else {
            continue;
        };
        let linked_path = confined_path(&folder, linked).map_err(|reason| SaveError::Io {
            path: folder.join(linked),
            source: std::io::Error::new(std::io::ErrorKind::PermissionDenied, reason),
        })?;
        super::save_progress(&linked_path, progress)?;
        member.linked_changed = false;
    }
    let text = to_ron(&team.to_file())?;
    super::write_with_backup(path, text.as_bytes()).map_err(|source| SaveError::Io {
        path: path.to_owned(),
        source,
    })
}

/// `target` written relative to `folder` with `/` between parts, so a plan and its linked
/// files can move together and open on any system; an absolute path when there is no
/// relative one (another drive).
pub fn relative_path(folder: &Path, target: &Path) -> String {
    let folder: Vec<Component> = folder.components().collect();
    let target_parts: Vec<Component> = target.components().collect();
    let common = folder
        .iter()
        .zip(&target_parts)
        .take_while(|(a, b)| a == b)
        .count();
    if common == 0 {
        return target.to_string_lossy().into_owned();
    }
    let ups = folder.len().saturating_sub(common);
    let mut parts: Vec<String> = vec!["..".to_owned(); ups];
    parts.extend(
        target_parts
            .iter()
            .skip(common)
            .map(|part| part.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

fn folder_of(path: &Path) -> PathBuf {
    path.parent().map(Path::to_path_buf).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_go_up_and_down() {
        assert_eq!(
            relative_path(Path::new("/a/team"), Path::new("/a/team/people/bo.ron")),
            "people/bo.ron"
        );
        assert_eq!(
            relative_path(Path::new("/a/team"), Path::new("/a/progress/bo.ron")),
            "../progress/bo.ron"
        );
    }

    #[test]
    fn paths_out_of_the_plan_folder_are_refused() {
        let folder = tempfile::tempdir().unwrap();
        let inside = folder.path();
        assert!(confined_path(inside, "people/bo.ron").is_ok());
        assert!(confined_path(inside, "people/../bo.ron").is_ok());
        assert!(confined_path(inside, "./bo.ron").is_ok());
        for outside in ["../bo.ron", "people/../../bo.ron", "/etc/passwd", "", ".."] {
            assert!(confined_path(inside, outside).is_err(), "{outside}");
        }
        let elsewhere = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), inside.join("link")).unwrap();
        let refused = confined_path(inside, "link/p.ron").unwrap_err();
        assert!(refused.contains("symbolic link"), "{refused}");
    }

    #[test]
    fn a_team_plan_from_a_newer_waymark_is_refused_plainly() {
        let problems = parse_team("TeamPlan(\n    format_version: 9,\n)").unwrap_err();
        assert!(problems[0].message.contains("made with format 9"));
        assert_eq!(problems[0].line, 2);
    }
}
