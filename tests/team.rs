#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use waymark::files;

#[test]
fn the_example_team_plan_round_trips_unchanged() {
    let text = waymark::bundled::EXAMPLE_TEAM;
    let file = files::parse_team(text).unwrap();
    let written = files::to_ron(&file).unwrap();
    if written != text {
        std::fs::write(
            std::env::temp_dir().join("example-team.canonical.ron"),
            &written,
        )
        .unwrap();
    }
    assert_eq!(files::parse_team(&written).unwrap(), file);
    assert!(
        written == text,
        "the example is not in Waymark's own layout"
    );
}
