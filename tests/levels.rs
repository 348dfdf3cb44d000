//! Proficiency levels: a learner sets a level by key or in the details panel, a role
//! expects levels and the plan counts a skill held below them, files of the formats before
//! levels read unchanged and are written in the new format only when saved, and
//! validation and diff speak of levels with their locations.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // tests fail loudly by design

mod common;

use common::{press, select, start_app, waymark};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use waymark::files::{self, bundled};
use waymark::model::{
    PROGRESS_FORMAT_VERSION, Progress, ROADMAP_FORMAT_VERSION, RoadmapDiff, Status,
    TEAM_FORMAT_VERSION, TargetPlan, Timestamp,
};

/// Opens the example team plan from the File menu, as a manager would.
fn open_example_team(harness: &mut egui_kittest::Harness<'_, waymark::app::WaymarkApp>) {
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Open the example team plan").click();
    harness.run();
}

fn bundled_roadmap() -> waymark::model::Roadmap {
    files::parse_roadmap(bundled::BACKEND_DEVELOPER.text).unwrap()
}

#[test]
fn number_keys_set_the_level_of_the_selected_skill_and_the_node_says_it() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    select(&mut harness, "sql");
    press(&mut harness, Modifiers::NONE, Key::Num2);
    let progress = &harness.state().session.document.progress;
    assert_eq!(progress.level("sql"), Some("working"));
    assert_eq!(progress.status("sql"), Status::Learning, "a level is begun");
    harness.get_by_label("SQL, Junior, Learning, Working");

    press(&mut harness, Modifiers::NONE, Key::Num4);
    assert_eq!(
        harness.state().session.document.progress.level("sql"),
        Some("expert")
    );
    // 0 forgets it; Undo brings it back.
    press(&mut harness, Modifiers::NONE, Key::Num0);
    assert_eq!(harness.state().session.document.progress.level("sql"), None);
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        harness.state().session.document.progress.level("sql"),
        Some("expert")
    );
}

#[test]
fn the_details_panel_sets_a_level_and_shows_what_it_means_for_the_skill() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    select(&mut harness, "sql");
    press(&mut harness, Modifiers::NONE, Key::L);
    // Learned with no level holds the learned level, said so beside the picker.
    harness.get_by_label("learned counts as Proficient");
    harness.get_by_label_contains("You write window functions and subqueries");
    harness.get_by_label("Expert").click();
    harness.run();
    let progress = &harness.state().session.document.progress;
    assert_eq!(progress.level("sql"), Some("expert"));
    assert_eq!(
        progress.status("sql"),
        Status::Learned,
        "the status is kept"
    );
    harness.get_by_label_contains("You design schemas and indexes for others");
}

#[test]
fn evidence_is_added_from_the_details_panel_for_the_level_held_and_never_from_private_notes() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    select(&mut harness, "sql");
    press(&mut harness, Modifiers::NONE, Key::Num3);
    for (field, text) in [
        ("Evidence text", "Rewrote the monthly report query"),
        ("Link (optional)", "https://git.example.com/reports/pull/12"),
    ] {
        harness
            .get_by_role_and_label(Role::TextInput, field)
            .focus();
        harness.run();
        harness
            .get_by_role_and_label(Role::TextInput, field)
            .type_text(text);
        harness.run();
    }
    harness.get_by_label("Add evidence").click();
    harness.run();
    let entry = &harness.state().session.document.progress.skills["sql"];
    assert_eq!(entry.evidence.len(), 1);
    assert_eq!(entry.evidence[0].level, "proficient");
    assert_eq!(entry.evidence[0].text, "Rewrote the monthly report query");
    assert_eq!(
        entry.evidence[0].link,
        "https://git.example.com/reports/pull/12"
    );
    harness.get_by_label("Evidence (1)");
    harness.get_by_label("Rewrote the monthly report query");

    // Notes made private cannot be taken as evidence with a click.
    harness.get_by_role(Role::MultilineTextInput).focus();
    harness.run();
    harness
        .get_by_role(Role::MultilineTextInput)
        .type_text("salary talk");
    harness.run();
    harness.get_by_label("Private").click();
    harness.run();
    harness.get_by_label("Use my notes").click();
    harness.run();
    let field = harness.get_by_role_and_label(Role::TextInput, "Evidence text");
    assert_eq!(field.value().as_deref(), Some(""), "private notes stay out");
}

#[test]
fn the_plan_to_a_role_counts_a_skill_held_below_the_level_the_role_expects() {
    let roadmap = bundled_roadmap();
    let at = Timestamp::from_unix_secs(0);
    let mut progress = Progress::new(&roadmap.id);
    for skill in &roadmap.skills {
        progress.set_status(&skill.id, Status::Learned, at);
    }
    // Everything learned: the senior plan is done, as before levels.
    let senior = TargetPlan::compute(&roadmap, &progress, "senior-developer").unwrap();
    assert!(
        !senior.gap.contains(&"mentoring".to_owned()),
        "{:?}",
        senior.gap
    );
    // Lead expects Expert mentoring; learned is Proficient.
    let lead = TargetPlan::compute(&roadmap, &progress, "lead-developer").unwrap();
    assert!(lead.gap.contains(&"mentoring".to_owned()), "{:?}", lead.gap);
    assert!(lead.below_level.contains("mentoring"));
    assert_eq!(lead.expected.get("mentoring"), Some(&4));
    // Senior's own expectations carry into Lead: code review at Expert.
    assert!(lead.gap.contains(&"code-review".to_owned()));
    let mentoring_hours = roadmap.skill("mentoring").unwrap().estimate_hours;
    assert!(lead.gap_hours >= mentoring_hours.unwrap_or(0));

    progress.set_level("mentoring", Some("expert"), at);
    progress.set_level("code-review", Some("expert"), at);
    let lead = TargetPlan::compute(&roadmap, &progress, "lead-developer").unwrap();
    assert!(lead.gap.is_empty(), "{:?}", lead.gap);

    // A level below what is expected, given by hand, is in the gap even if learned; one
    // at "working" meets Lead's "working" for hiring while still learning.
    progress.set_level("team-leadership", Some("working"), at);
    progress.set_status("hiring", Status::Learning, at);
    progress.set_level("hiring", Some("working"), at);
    let lead = TargetPlan::compute(&roadmap, &progress, "lead-developer").unwrap();
    assert_eq!(lead.gap, ["team-leadership"]);
}

#[test]
fn the_plan_panel_lists_a_skill_held_below_the_expected_level_with_both_levels() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    let ids: Vec<String> = (harness.state().session.document.roadmap.skills.iter())
        .map(|skill| skill.id.clone())
        .collect();
    for skill_id in ids {
        harness
            .state_mut()
            .push_action(waymark::app::Action::SetStatus {
                skill_id,
                status: Status::Learned,
            });
    }
    harness.run();
    let settings = waymark::files::storage::TargetSettings {
        milestone: Some("lead-developer".to_owned()),
        ..Default::default()
    };
    harness
        .state_mut()
        .push_action(waymark::app::Action::SetTargetSettings(settings));
    harness.run();
    harness.get_by_label_contains("2 skills to go");
    harness.get_by_label_contains("2 of them held below the level expected");
    harness.get_by_label_contains("Mentoring · Proficient, needs Expert");
    harness.get_by_label_contains("Code review (4 h) · Proficient, needs Expert");
    assert_eq!(
        harness
            .query_all_by_label_contains("· Proficient, needs Expert")
            .count(),
        2
    );
    // Beside ready next, what to deepen for the target.
    harness.get_by_label("Deepen next (2)");
    harness.get_by_label("Mentoring, to Expert");
    harness.get_by_label("Code review, to Expert");
}

#[test]
fn files_of_the_formats_before_levels_read_unchanged_and_are_written_new_only_when_saved() {
    let dir = tempfile::tempdir().unwrap();
    let roadmap_v2 = "Roadmap(\n    format_version: 2,\n    id: \"r\",\n    title: \"R\",\n    stages: [Stage(id: \"s\", title: \"S\")],\n    skills: [Skill(id: \"a\", title: \"A\", stage: \"s\", replaces: [\"old-a\"])],\n)\n";
    let path = dir.path().join("r.ron");
    std::fs::write(&path, roadmap_v2).unwrap();
    let mut roadmap = files::load_roadmap(&path).unwrap();
    assert!(roadmap.levels.is_empty());
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        roadmap_v2,
        "untouched"
    );
    roadmap.levels = bundled_roadmap().levels;
    files::save_roadmap(&path, &roadmap).unwrap();
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(saved.contains(&format!("format_version: {ROADMAP_FORMAT_VERSION},")));
    assert_eq!(files::load_roadmap(&path).unwrap(), roadmap);

    let progress_v3 = "Progress(\n    format_version: 3,\n    roadmap_id: \"r\",\n    skills: {\n        \"a\": SkillProgress(status: Learned, picked: true),\n    },\n)\n";
    let mut progress = files::parse_progress(progress_v3).unwrap();
    assert_eq!(progress.status("a"), Status::Learned);
    assert_eq!(progress.level("a"), None);
    let at = Timestamp::parse("2026-11-02").unwrap();
    progress.set_level("a", Some("expert"), at);
    progress.add_evidence(
        "a",
        waymark::model::Evidence {
            at,
            level: "expert".into(),
            text: "Taught the team".into(),
            link: String::new(),
        },
    );
    let text = files::to_ron(&progress).unwrap();
    assert!(
        text.contains(&format!("format_version: {PROGRESS_FORMAT_VERSION},")),
        "{text}"
    );
    assert_eq!(files::parse_progress(&text).unwrap(), progress);

    let team_v1 = "TeamPlan(\n    format_version: 1,\n    name: \"T\",\n    roadmap: RoadmapRef(id: \"r\"),\n    members: [Member(name: \"Ada\", progress: Held({}))],\n)\n";
    let file = files::parse_team(team_v1).unwrap();
    assert!(file.members[0].ratings.is_empty());
    assert_eq!(file.review_interval_days, 182);
    let mut team = waymark::model::Team::from_file(file, |_| unreachable!());
    team.members[0].ratings.push(waymark::model::Rating {
        skill_id: "a".into(),
        by: waymark::model::Rater::Manager,
        name: "Dana".into(),
        level: "working".into(),
        at,
        notes: "Pairs well".into(),
        links: vec!["https://example.com/review".into()],
    });
    team.coverage.people = 3;
    let text = files::to_ron(&team.to_file()).unwrap();
    assert!(
        text.contains(&format!("format_version: {TEAM_FORMAT_VERSION},")),
        "{text}"
    );
    let again =
        waymark::model::Team::from_file(files::parse_team(&text).unwrap(), |_| unreachable!());
    assert_eq!(again, team);
}

#[test]
fn validate_names_unknown_levels_with_their_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Roadmap(\n    format_version: 3,\n    id: \"r\",\n    title: \"R\",\n    levels: [Level(id: \"basic\", title: \"Basic\"), Level(id: \"deep\", title: \"Deep\")],\n    stages: [Stage(id: \"s\", title: \"S\")],\n    skills: [\n        Skill(id: \"a\", title: \"A\", stage: \"s\", rubric: {\"guru\": \"Wrote the book\"}),\n        Skill(id: \"m\", title: \"M\", stage: \"s\", kind: Milestone, requires: [\"a\"],\n            expects: {\"a\": \"master\"}),\n    ],\n)\n";
    std::fs::write(dir.path().join("r.ron"), text).unwrap();
    let output = waymark(&["validate", "r.ron"], dir.path());
    let stderr = String::from_utf8_lossy(&output.stderr).to_string()
        + &String::from_utf8_lossy(&output.stdout);
    assert!(!output.status.success(), "{stderr}");
    assert!(
        stderr.contains("r.ron:8:57: the rubric of skill `a`: `guru` is not on the roadmap's scale (levels: basic, deep)"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "r.ron:10:28: milestone `m` expects `a`: `master` is not on the roadmap's scale"
        ),
        "{stderr}"
    );
}

#[test]
fn diff_reports_a_changed_scale_and_changed_expectations() {
    let old = bundled_roadmap();
    let mut new = old.clone();
    new.levels.pop();
    let lead = new
        .skills
        .iter_mut()
        .find(|skill| skill.id == "lead-developer")
        .unwrap();
    lead.expects.insert("mentoring".into(), "proficient".into());
    lead.expects.remove("hiring");
    let text = RoadmapDiff::compute(&old, &new).to_text();
    assert!(text.contains("Levels:"), "{text}");
    assert!(
        text.contains("~ scale: aware “Aware”, working “Working”, proficient “Proficient”, expert “Expert” -> aware “Aware”, working “Working”, proficient “Proficient”"),
        "{text}"
    );
    assert!(
        text.contains("~ `lead-developer` expects `mentoring` at `expert` -> `proficient`"),
        "{text}"
    );
    assert!(
        text.contains("~ `lead-developer` expects `hiring` at `working` -> learned"),
        "{text}"
    );
}

/// A team on the bundled roadmap, everyone at junior developer: Ada learned every junior
/// skill, Bo all but SQL (and his manager rates his HTTP only Working), Cy none yet.
fn junior_team() -> (waymark::model::Roadmap, waymark::model::Team) {
    use waymark::model::{Member, Rater, Rating, RoadmapRef, Team};
    let roadmap = bundled_roadmap();
    let at = Timestamp::parse("2026-10-01").unwrap();
    let mut team = Team::new(
        "Juniors",
        RoadmapRef {
            id: roadmap.id.clone(),
            path: String::new(),
        },
    );
    let plan =
        TargetPlan::compute(&roadmap, &Progress::new(&roadmap.id), "junior-developer").unwrap();
    for (name, skip) in [("Ada", None), ("Bo", Some("sql")), ("Cy", Some("*"))] {
        let mut member = Member::new(name, &roadmap.id);
        member.plan.current_role = "junior-developer".into();
        member.plan.weekly_hours = if name == "Cy" { 10.0 } else { 2.0 };
        let progress = member.progress.as_mut().unwrap();
        for skill_id in &plan.required {
            if skip != Some("*") && skip != Some(skill_id.as_str()) {
                progress.set_status(skill_id, Status::Learned, at);
            }
        }
        team.members.push(member);
    }
    team.members[1].ratings.push(Rating {
        skill_id: "http".into(),
        by: Rater::Manager,
        name: "Dana".into(),
        level: "working".into(),
        at,
        notes: String::new(),
        links: Vec::new(),
    });
    (roadmap, team)
}

#[test]
fn a_skill_is_covered_by_enough_people_at_the_level_and_a_leaver_shows_how_to_close_the_gap() {
    let (roadmap, team) = junior_team();
    let today = Timestamp::parse("2026-12-01").unwrap();
    let report = waymark::model::coverage_report(&roadmap, &team, None, today);
    let under: Vec<&str> = report
        .under_covered
        .iter()
        .map(|(id, _)| id.as_str())
        .collect();
    assert!(under.contains(&"sql"), "only Ada knows SQL: {under:?}");
    assert!(
        under.contains(&"http"),
        "Bo's HTTP is rated below Proficient: {under:?}"
    );
    assert!(!under.contains(&"git"), "{under:?}");
    assert!(
        !under.contains(&"mentoring"),
        "not a junior's skill: {under:?}"
    );

    // If Ada leaves, what she and Bo both hold drops to one; SQL was under-covered already.
    let report = waymark::model::coverage_report(&roadmap, &team, Some(0), today);
    let drops: Vec<&str> = report.if_leaves.iter().map(|(id, _)| id.as_str()).collect();
    assert!(drops.contains(&"git"), "{drops:?}");
    assert!(
        !drops.contains(&"sql") && !drops.contains(&"http"),
        "{drops:?}"
    );
    assert_eq!(report.closings.len(), report.if_leaves.len());
    // Cy, learning 10 h a week, closes it: Bo already holds it.
    let closing = report
        .closings
        .iter()
        .find(|c| c.skill_id == "git")
        .unwrap();
    assert_eq!(closing.member, 2);
    assert_eq!(closing.skills.last().map(String::as_str), Some("git"));
    let estimate = roadmap.skill("git").unwrap().estimate_hours.unwrap();
    assert!(closing.hours >= estimate);
    assert!(closing.by.unwrap() > today);
}

fn example_team() -> (waymark::model::Roadmap, waymark::model::Team) {
    let roadmap = bundled_roadmap();
    let file = files::parse_team(bundled::EXAMPLE_TEAM).unwrap();
    (
        roadmap,
        waymark::model::Team::from_file(file, |_| unreachable!()),
    )
}

#[test]
fn the_promotion_packet_lists_what_the_role_expects_both_levels_the_evidence_and_no_notes() {
    let (roadmap, mut team) = example_team();
    let today = Timestamp::parse("2026-12-03").unwrap();
    let priya = team.members[0].progress.as_mut().unwrap();
    priya.set_notes("hiring", "Salary talk with Dana in January", today);
    priya.set_notes_private("hiring", true);
    let packet =
        waymark::team_export::promotion_packet_markdown(&roadmap, &team, 0, None, today).unwrap();
    assert!(
        packet.starts_with("# Promotion packet: Priya Raman for Lead back end developer\n"),
        "{packet}"
    );
    for line in [
        "| Skill | Needed | Self | Manager | Met |",
        // Self says Expert, the manager Proficient: Lead needs Expert, so not met.
        "| Mentoring | Expert | Expert, 2026-09-15 | Proficient, 2026-09-20 | no |",
        "| Code review | Expert | Expert, 2026-09-15 | Expert, 2026-09-20 | yes |",
        // Rated in February: more than six months ago, due.
        "| System design | Proficient | Proficient | Proficient, 2026-02-10 (due) | yes |",
        "### Mentoring",
        "- 2026-08-28 · Expert: Lena led her first incident review on her own after six months of pairing. <https://git.example.com/platform/incidents/2026-08-27-review.md>",
        "- 2026-09-20, rated Proficient by Dana Whitfield (manager): Strong with Lena; next, mentor someone outside the team.",
        "## Still missing",
        "- Mentoring — held below Expert",
    ] {
        assert!(packet.contains(line), "missing {line:?} in\n{packet}");
    }
    assert!(!packet.contains("Salary talk"), "a private note");
    assert!(
        !packet.contains("Mentors Lena every other week"),
        "notes stay out"
    );
}

#[test]
fn a_managers_rating_shows_beside_the_self_rating_and_two_levels_apart_is_highlighted() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    open_example_team(&mut harness);
    // Priya, the first member, is shown; her ratings are listed.
    harness.get_by_label("Levels: self and manager");
    harness.get_by_label("differ by 2 levels");
    // Her own Expert on mentoring, code review and stakeholder communication.
    assert_eq!(harness.query_all_by_label("Expert · 2026-09-15").count(), 3);
    harness.get_by_label("Working · 2026-09-20");
    // A rating from February is due for review.
    harness.get_by_label("Proficient · 2026-02-10 · due");

    // The manager rates stakeholder communication again, at Proficient.
    select(&mut harness, "stakeholder-communication");
    // The form is at the foot of the member's page: scroll it into view, as a person would.
    harness.get_by_label("Add rating").scroll_to_me();
    harness.run();
    harness.get_by_label("Rate Stakeholder communication");
    harness.get_by_label("Rated by manager").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Rated by")
        .focus();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Rated by")
        .type_text("Dana Whitfield");
    harness.run();
    harness.get_by_label("Rating level Proficient").click();
    harness.run();
    harness.get_by_label("Add rating").click();
    harness.run();
    let team = &harness.state().team().unwrap().team;
    let roadmap = &harness.state().session.document.roadmap;
    let latest = team.members[0]
        .latest_rating("stakeholder-communication", waymark::model::Rater::Manager)
        .unwrap();
    assert_eq!(
        (latest.level.as_str(), latest.name.as_str()),
        ("proficient", "Dana Whitfield")
    );
    assert!(!team.members[0].ratings_disagree(roadmap, "stakeholder-communication"));
    assert!(harness.query_by_label("differ by 2 levels").is_none());
}

#[test]
fn the_insights_say_what_becomes_under_covered_if_a_named_member_leaves() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    open_example_team(&mut harness);
    harness.get_by_label("Insights").click();
    harness.run();
    let (roadmap, team) = {
        let state = harness.state();
        (
            state.session.document.roadmap.clone(),
            state.team().unwrap().team.clone(),
        )
    };
    let now = waymark::model::coverage_report(&roadmap, &team, None, Timestamp::now());
    harness.get_by_label(&format!(
        "Held by fewer than 2 at Proficient ({})",
        now.under_covered.len()
    ));
    harness.get_by_label("Pick a person to see what the team would lose.");
    harness.get_by_label("Leaving member").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Priya Raman")
        .click();
    harness.run();
    let report = waymark::model::coverage_report(&roadmap, &team, Some(0), Timestamp::now());
    assert!(!report.if_leaves.is_empty());
    harness.get_by_label(&format!(
        "{} skills would be held by fewer than 2 at Proficient:",
        report.if_leaves.len()
    ));
    let first = &report.closings[0];
    let name = &team.members[first.member].name;
    let skills = match first.skills.len() {
        1 => "1 skill".to_owned(),
        count => format!("{count} skills"),
    };
    harness.get_by_label_contains(&format!("{name}: {skills}, {} h", first.hours));
}

#[test]
fn the_matrix_names_and_shades_the_level_a_manager_gave() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    open_example_team(&mut harness);
    harness.get_by_label("Matrix").click();
    harness.run();
    // A plain "Learned" names no level.
    harness.get_by_label("Sam Okafor, HTTP: Learned");
    // Marco's SQL, rated Expert by his manager, among the databases.
    harness.get_by_label("Matrix area").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Databases")
        .click();
    harness.run();
    harness.get_by_label("Marco Bianchi, SQL: Learned, Expert");
}

#[test]
fn marking_a_skill_or_setting_its_level_moves_nothing_below_the_level_row() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    select(&mut harness, "sql");
    let notes_at = |harness: &egui_kittest::Harness<'_, waymark::app::WaymarkApp>| {
        harness.get_by_role(Role::MultilineTextInput).rect()
    };
    let before = notes_at(&harness);
    for key in [Key::L, Key::Num4, Key::Num1, Key::Num0, Key::N] {
        press(&mut harness, Modifiers::NONE, key);
        let after = notes_at(&harness);
        assert!(
            (after.top() - before.top()).abs() < 0.5,
            "after {key:?}: {before:?} -> {after:?}"
        );
    }
}

#[test]
fn a_matrix_of_many_people_draws_the_columns_in_view_and_scrolls_to_the_rest() {
    use waymark::app::{Action, TeamAction};
    use waymark::model::{Member, TeamEdit};
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    open_example_team(&mut harness);
    for index in 0..40 {
        let member = Member::new(&format!("Person {index}"), "backend-developer");
        harness
            .state_mut()
            .push_action(Action::Team(TeamAction::Edit {
                edit: TeamEdit::AddMember(Box::new(member)),
                gesture: None,
            }));
    }
    harness.run();
    harness.get_by_label("Matrix").click();
    harness.run();
    harness.get_by_label("Priya Raman, HTTP: Learned");
    assert!(
        harness
            .query_by_label("Person 39, HTTP: Not started")
            .is_none(),
        "far out of view: not drawn"
    );
    for _ in 0..60 {
        harness.get_by_label("Known by").scroll_left();
        harness.run();
        if harness
            .query_by_label("Person 39, HTTP: Not started")
            .is_some()
        {
            break;
        }
    }
    // Scrolled to the end, the last columns stand evenly spaced, as all the others do.
    let left = |name: &str| {
        harness
            .get_by_label(&format!("{name}, HTTP: Not started"))
            .rect()
            .left()
    };
    let (a, b, c) = (left("Person 37"), left("Person 38"), left("Person 39"));
    assert!(((c - b) - (b - a)).abs() < 0.5, "{a} {b} {c}");
}

#[test]
fn a_hostile_scale_rubric_or_evidence_is_refused_with_its_place_and_a_bad_link_is_never_a_link() {
    // A rubric naming one level twice, and a scale of a thousand levels.
    let twice = "Roadmap(\n    format_version: 3,\n    id: \"r\",\n    title: \"R\",\n    levels: [Level(id: \"a\", title: \"A\")],\n    stages: [Stage(id: \"s\", title: \"S\")],\n    skills: [Skill(id: \"x\", title: \"X\", stage: \"s\", rubric: {\"a\": \"one\", \"a\": \"two\"})],\n)\n";
    let problems = files::parse_roadmap(twice).unwrap_err();
    assert!(
        problems[0].message.contains("level `a` appears twice"),
        "{problems:?}"
    );
    let levels: Vec<String> = (0..1000)
        .map(|n| format!("Level(id: \"l{n}\", title: \"L{n}\")"))
        .collect();
    let many = twice
        .replace(
            "[Level(id: \"a\", title: \"A\")]",
            &format!("[{}]", levels.join(", ")),
        )
        .replace(", rubric: {\"a\": \"one\", \"a\": \"two\"}", "");
    let problems = files::parse_roadmap(&many).unwrap_err();
    assert!(
        problems
            .iter()
            .any(|p| p.message == "the scale has 1000 levels; it may have up to 10"),
        "{problems:?}"
    );

    // Evidence of a million characters would be refused when the file opens again.
    let roadmap = bundled_roadmap();
    let mut progress = Progress::new(&roadmap.id);
    let at = Timestamp::from_unix_secs(0);
    progress.add_evidence(
        "sql",
        waymark::model::Evidence {
            at,
            level: String::new(),
            text: "x".repeat(1_000_000),
            link: String::new(),
        },
    );
    let text = files::to_ron(&progress).unwrap();
    let problems = files::validate_progress(&progress, &roadmap, &text);
    assert!(
        problems.iter().any(|p| p.is_error()
            && p.message
                .starts_with("evidence on `sql` is 1000000 characters long")),
        "{problems:?}"
    );

    // A rating's link that Waymark would not open is written as text in the packet.
    let (roadmap, mut team) = example_team();
    team.members[0].ratings[0].links = vec!["javascript:alert(1)".into()];
    let packet = waymark::team_export::promotion_packet_markdown(
        &roadmap,
        &team,
        0,
        None,
        Timestamp::parse("2026-12-03").unwrap(),
    )
    .unwrap();
    assert!(!packet.contains("<javascript:"), "{packet}");
    assert!(
        packet.contains("(link not kept: javascript:alert(1))"),
        "{packet}"
    );
}
