//! Team plan files: a RON file naming the roadmap and the members, whose progress is held
//! in it or linked to each person's own progress file beside it.

use foldhash::HashSet;
use std::path::{Component, Path, PathBuf};

use super::{
    LoadError, Location, Locator, Problem, SaveError, check_format_version, load_progress,
    parse_ron, read_text, to_ron,
};
use crate::model::{Roadmap, SkillKind, TEAM_FORMAT_VERSION, Team, TeamFile};

/// Parses a team plan file. Checking it against its roadmap is [`validate_team`]'s job.
pub fn parse_team(text: &str) -> Result<TeamFile, Vec<Problem>> {
    check_format_version(text, TEAM_FORMAT_VERSION)?;
    parse_ron(text)
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
        for skill_id in unknown_focus.chain(unknown_progress) {
            problems.push(Problem::warning(
                at(locator.find_string(skill_id, member_at)),
                format!("unknown skill `{skill_id}` is kept but not shown on the roadmap"),
            ));
        }
    }
    problems
}

/// Where a team plan's roadmap file is: its path taken relative to the plan's folder.
pub fn team_roadmap_path(team_path: &Path, file: &TeamFile) -> Option<PathBuf> {
    (!file.roadmap.path.is_empty()).then(|| folder_of(team_path).join(&file.roadmap.path))
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
        let linked_path = folder.join(linked);
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
        super::save_progress(&folder.join(linked), progress)?;
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
    fn a_team_plan_from_a_newer_waymark_is_refused_plainly() {
        let problems = parse_team("TeamPlan(\n    format_version: 9,\n)").unwrap_err();
        assert!(problems[0].message.contains("made with format 9"));
        assert_eq!(problems[0].line, 2);
    }
}
