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
