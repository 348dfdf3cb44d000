//! Aiming for a role: pick a milestone, see what is left to learn for it in a learnable
//! order with the hours and a projected date; it is remembered for the next start.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // tests fail loudly by design

mod common;

use common::start_app;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use waymark::app::Action;
use waymark::model::{Status, TargetPlan};

/// Picks a role under "Aiming for", as a person does.
fn aim_for(harness: &mut egui_kittest::Harness<'_, waymark::app::WaymarkApp>, role: &str) {
    harness.get_by_label("Target role").click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, role).click();
    harness.run();
}

#[test]
fn choosing_a_target_role_lists_the_gap_in_order_and_a_projected_date() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    harness.state_mut().push_action(Action::SetStatus {
        skill_id: "git".into(),
        status: Status::Learned,
    });
    harness.run();

    aim_for(&mut harness, "Senior back end developer");

    let app = harness.state();
    let expected = TargetPlan::compute(
        &app.session.document.roadmap,
        &app.session.document.progress,
        "senior-developer",
    )
    .unwrap();
    assert_eq!(app.target_gap(), Some(expected.gap.as_slice()));
    assert!(
        !expected.gap.contains(&"git".to_owned()),
        "learned skills are not in the gap"
    );
    assert!(expected.gap.len() > 20);
    // Learnable order reads like the roadmap: it starts at the start of the first stage,
    // and every skill comes after what it needs.
    assert_eq!(expected.gap[0], "internet-basics");
    let roadmap = &app.session.document.roadmap;
    for (at, id) in expected.required.iter().enumerate() {
        for needed in &roadmap.skill(id).unwrap().requires {
            let members = roadmap
                .group(needed)
                .map_or(vec![needed.clone()], |group| group.skills.clone());
            for member in members {
                if let Some(before) = expected.required.iter().position(|r| *r == member) {
                    assert!(before < at, "{member} before {id}");
                }
            }
        }
    }
    harness.get_by_label_contains(&format!(
        "{} skills to go, {} h",
        expected.gap.len(),
        expected.gap_hours
    ));
    harness.get_by_label_contains("At 5 h a week: done by");
    // The canvas outlines the way there: every required skill and the milestone.
    let mut outlined: Vec<String> = harness
        .state()
        .highlighted_skills()
        .iter()
        .map(|id| id.to_string())
        .collect();
    let mut expected_outline = expected.required.clone();
    expected_outline.push("senior-developer".into());
    outlined.sort_unstable();
    expected_outline.sort_unstable();
    assert_eq!(outlined, expected_outline);

    // A target date far away is on track; one next week is not.
    let date = harness.get_by_label("Target date");
    date.click();
    harness.run();
    harness.event(egui::Event::Text("2099-01-01".into()));
    harness.run();
    harness.get_by_label("On track for the target date.");

    // Remembered: a new start shows the same target.
    drop(harness);
    let harness = start_app(data.path());
    assert_eq!(
        harness.state().target_gap().map(<[String]>::len),
        Some(expected.gap.len())
    );
    harness.get_by_label("On track for the target date.");
}

#[test]
fn the_rest_of_a_long_gap_opens_from_and_n_more() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    aim_for(&mut harness, "Senior back end developer");
    let gap = harness.state().target_gap().unwrap().to_vec();
    let link_of = |harness: &egui_kittest::Harness<'_, waymark::app::WaymarkApp>, id: &str| {
        let skill = harness.state().session.document.skill(id).unwrap().clone();
        match skill.estimate_hours {
            Some(hours) => format!("{} ({hours} h)", skill.title),
            None => skill.title,
        }
    };
    let last = link_of(&harness, gap.last().unwrap());
    assert!(
        harness.query_by_role_and_label(Role::Link, &last).is_none(),
        "not listed yet"
    );
    harness
        .get_by_role_and_label(Role::Link, &format!("and {} more", gap.len() - 15))
        .click();
    harness.run();
    // Every skill of the gap is listed now, the last one too, and the list closes again.
    harness.get_by_role_and_label(Role::Link, &last);
    harness.get_by_label("Show fewer").click_accesskit();
    harness.run();
    assert!(harness.query_by_label("Show fewer").is_none());
}

/// The plan's skills for a target, from the app as it stands.
fn plan_of(harness: &egui_kittest::Harness<'_, waymark::app::WaymarkApp>) -> Vec<String> {
    harness.state().target_gap().unwrap().to_vec()
}

#[test]
fn the_plan_takes_the_alternative_the_person_chose_or_the_cheapest_and_lets_them_pick() {
    // Issue 16, item 13: learning Python and skipping Java, the plan to Back end architect
    // listed Spring Boot (which needs Java); a fresh start took Java (80 h), not Python (60 h).
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    aim_for(&mut harness, "Back end architect");
    let fresh = plan_of(&harness);
    assert!(fresh.contains(&"lang-python".to_owned()), "{fresh:?}");
    assert!(fresh.contains(&"fw-django".to_owned()), "{fresh:?}");
    for other in ["lang-java", "fw-spring-boot", "lang-ruby", "fw-rails"] {
        assert!(!fresh.contains(&other.to_owned()), "{other} in {fresh:?}");
    }
    // The panel says which it assumed, and why.
    harness.get_by_label("Pick one server language:");
    assert!(harness.query_all_by_label("(the fewest hours)").count() >= 1);
    harness.get_by_label("(fits your other choices)");

    for (skill_id, status) in [
        ("lang-python", Status::Learned),
        ("lang-java", Status::Skipped),
    ] {
        harness.state_mut().push_action(Action::SetStatus {
            skill_id: skill_id.into(),
            status,
        });
        harness.run();
    }
    let plan = plan_of(&harness);
    assert!(plan.contains(&"fw-django".to_owned()), "{plan:?}");
    assert!(!plan.contains(&"fw-spring-boot".to_owned()), "{plan:?}");

    // Picking another: Ruby, in its details panel, brings Rails with it; undo takes it back.
    let mut harness = start_app(tempfile::tempdir().unwrap().path());
    aim_for(&mut harness, "Back end architect");
    common::select(&mut harness, "lang-ruby");
    harness.get_by_label("Your plan takes Python (the fewest hours).");
    harness.get_by_label("Pick this one instead").click();
    harness.run();
    harness.get_by_label("Your plan takes this one (your pick).");
    let plan = plan_of(&harness);
    assert!(plan.contains(&"lang-ruby".to_owned()), "{plan:?}");
    assert!(plan.contains(&"fw-rails".to_owned()), "{plan:?}");
    assert!(!plan.contains(&"lang-python".to_owned()), "{plan:?}");
    assert!(
        harness
            .state()
            .session
            .document
            .progress
            .is_picked("lang-ruby")
    );
    common::press(&mut harness, egui::Modifiers::COMMAND, egui::Key::Z);
    assert!(plan_of(&harness).contains(&"lang-python".to_owned()));
    assert!(
        !harness
            .state()
            .session
            .document
            .progress
            .is_picked("lang-ruby")
    );
}

#[test]
fn the_plan_and_ready_next_leave_the_left_panel_as_wide_as_it_was() {
    // Issue 16, item 6: long rows widened the panel for good.
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    let width = common::left_panel_width;
    let before = width(&harness);
    for role in [
        "Back end architect",
        "Lead back end developer",
        "No target role",
    ] {
        aim_for(&mut harness, role);
        harness.run();
        assert!(
            (width(&harness) - before).abs() < 1.0,
            "{role}: {} against {before}",
            width(&harness)
        );
    }
}

/// Issue 32, item 5: at 1280×800 a target role left progress, ready next and the legend a
/// strip of 100 px, and the wheel over the plan scrolled nothing. The panel is one scroll
/// now, and a long title in the plan wraps instead of losing its hours.
#[test]
fn with_a_target_the_whole_left_panel_scrolls_under_the_wheel_and_the_plan_keeps_its_hours() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = common::harness_with(waymark::app::WaymarkApp::new(
        Some(waymark::files::storage::DataDir::new(data.path())),
        None,
    ));
    harness.set_size(egui::vec2(1280.0, 800.0));
    harness.run();
    aim_for(&mut harness, "Lead back end developer");
    let entry = harness.get_by_label("Command line and Linux basics (12 h)");
    let line = harness
        .get_by_label("Git fundamentals (10 h)")
        .rect()
        .height();
    assert!(
        entry.rect().height() > 1.5 * line,
        "the long entry wraps onto a second line: {:?}",
        entry.rect()
    );
    let over_the_plan = entry.rect().center();
    let ready_before = harness.get_by_label_contains("Ready next").rect();
    harness.hover_at(over_the_plan);
    harness.run();
    harness.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, -300.0),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
        modifiers: egui::Modifiers::NONE,
    });
    harness.run_steps(20);
    let ready_after = harness.get_by_label_contains("Ready next").rect();
    assert!(
        ready_after.top() < ready_before.top() - 100.0,
        "the wheel over the plan scrolls the panel: {ready_before:?} -> {ready_after:?}"
    );
}

/// Issue 34: "About N weeks late" never ran (only a far-future date was tested). Worked out
/// by hand: a role needing 50 h + 50 h, at the default 5 h a week, is done in 20 weeks;
/// wanted in about 60 days, it is about 80 days, 12 weeks (rounded up) late, and 100 h in
/// about 8.6 weeks is about 11.7 h a week.
#[test]
fn a_target_date_too_soon_says_how_many_weeks_late_and_the_hours_that_would_make_it() {
    let data = tempfile::tempdir().unwrap();
    let path = data.path().join("two.ron");
    std::fs::write(
        &path,
        "Roadmap(\n    format_version: 4,\n    id: \"two\",\n    title: \"Two\",\n    stages: [Stage(id: \"junior\", title: \"Junior\")],\n    skills: [\n        Skill(id: \"a\", title: \"A\", stage: \"junior\", estimate_hours: Some(50)),\n        Skill(id: \"b\", title: \"B\", stage: \"junior\", estimate_hours: Some(50)),\n        Skill(id: \"m\", title: \"M\", stage: \"junior\", kind: Milestone, requires: [\"a\", \"b\"]),\n    ],\n)\n",
    )
    .unwrap();
    let mut harness = common::harness_with(waymark::app::WaymarkApp::new(
        Some(waymark::files::storage::DataDir::new(data.path())),
        Some(path),
    ));
    aim_for(&mut harness, "M");
    harness.get_by_label_contains("2 skills to go, 100 h");
    let in_60_days = waymark::model::Timestamp::from_unix_secs(
        waymark::model::Timestamp::now().unix_secs + 60 * 86_400,
    );
    harness.get_by_label("Target date").click();
    harness.run();
    harness.event(egui::Event::Text(in_60_days.date_string()));
    harness.run();
    let late = harness.get_by_label_contains("weeks late");
    let text = format!("{late:?}");
    assert!(text.contains("About 12 weeks late; "), "{text}");
    let hours: f64 = text
        .split("; ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|number| number.parse().ok())
        .unwrap_or_else(|| panic!("no hours in {text}"));
    assert!((11.5..=11.9).contains(&hours), "{text}");
    assert!(
        harness
            .query_by_label("On track for the target date.")
            .is_none()
    );
}
