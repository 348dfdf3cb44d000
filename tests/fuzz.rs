//! Fuzzing every loader with mutated real files: the bundled roadmap, a generated progress
//! file and the example team plan are cut, spliced, duplicated and sprinkled with RON
//! tokens, then read the way the app reads them (detect the kind, parse, check against
//! the roadmap, open as a document with layout and summary). Nothing may panic, and the
//! quick reader of plain RON never reads a text other than RON itself would.
//!
//! `cargo test --test fuzz` runs a quick round (a thousand inputs per file). For a
//! longer run: `WAYMARK_FUZZ_SECONDS=600 cargo test --release --test fuzz -- --nocapture`.
//! A panicking input is written to the temp folder and named in the failure.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // tests fail loudly by design

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::{Duration, Instant};

use waymark::files;
use waymark::model::generate::Rng;
use waymark::model::{Roadmap, RoadmapDiff, Team, TeamFile, carry_over_renames};
use waymark::session::Document;

const TOKENS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "\"",
    "\\",
    "Some(",
    "None",
    "-1",
    "0",
    "99999999999999999999",
    "1e400",
    "NaN",
    "inf",
    "r#\"",
    "/*",
    "//",
    "\n",
    "\u{0}",
    "é",
    "🦀",
    "format_version: 2",
    "format_version: 0",
    "Roadmap(",
    "Progress(",
    "TeamPlan(",
    "Skill(",
    "requires: [\"git\"]",
    "replaces: [\"http\"]",
    "stage: \"senior\"",
    "position: Some((1e30, -1e30))",
    "estimate_hours: Some(4294967295)",
    "Learned",
    "Linked(\"../../etc/passwd\")",
    "Linked(\"/etc/passwd\")",
    "position: Some((NaN, inf))",
    "position: Some((-inf, 1.0))",
    "\u{feff}",
    "\u{1b}[2J",
    "\\u{1b}]52;c;eA==\\u{7}",
    "\r",
    "\u{202e}",
    "\u{200b}",
    "e\u{301}",
    "\"git\": SkillProgress(status: Learned), \"git\": SkillProgress(status: Skipped),",
    "url: \"https://user@example.org/\\\"><script>\"",
    "Held({})",
    "id: \"\"",
    "kind: Milestone",
    "optional: true",
    "true",
    "b\"x\"",
    "'c'",
    "#![enable(implicit_some)]",
    "\\u{41}",
    "\\u{110000}",
    "\\x41",
    "\\\n",
    "007",
    "1.5",
    "1.",
    ".5",
    "+1",
    "1_000",
    "Some (",
    "Skill (",
    "r#id",
    "\t",
    "\r",
    " ",
    "\u{85}",
    "\u{200E}",
    "(1.0, 2.0, 3.0)",
    "position: Some((1.5, -2))",
];

fn char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn mutate(text: &str, rng: &mut Rng) -> String {
    let mut text = text.to_owned();
    for _ in 0..=rng.below(4) {
        let len = text.len().max(1);
        let a = char_boundary(&text, rng.below(len));
        let b = char_boundary(&text, a + rng.below(200));
        match rng.below(7) {
            0 => text.truncate(a),
            1 => text.replace_range(a..b, ""),
            2 if rng.below(20) == 0 => {
                // Deep nesting, for every reader (issue 33: a fork nested deep overflowed
                // the quick reader's stack).
                let open = ["[", "Some(", "Upstream(id: \"x\", roadmap: Roadmap("][rng.below(3)];
                text.insert_str(a, &open.repeat(150 + rng.below(300)));
            }
            2 => text.insert_str(a, TOKENS[rng.below(TOKENS.len())]),
            3 => {
                let slice = text[a..b].to_owned();
                let at = char_boundary(&text, rng.below(len));
                text.insert_str(at, &slice);
            }
            4 => {
                let token = TOKENS[rng.below(TOKENS.len())];
                text.replace_range(a..b, token);
            }
            5 => {
                // Swap two neighbouring stretches.
                let c = char_boundary(&text, b + rng.below(200));
                let (first, second) = (text[a..b].to_owned(), text[b..c].to_owned());
                text.replace_range(a..c, &(second + &first));
            }
            _ => {
                let digit = char::from(b'0' + rng.below(10) as u8);
                if b > a {
                    let end = char_boundary(&text, a + 1).max(a);
                    let end = if end == a {
                        char_boundary(&text, (a + 4).min(text.len()))
                    } else {
                        end
                    };
                    text.replace_range(a..end, &digit.to_string());
                }
            }
        }
    }
    text
}

/// Whatever the quick reader reads, RON reads too, as the same value.
fn quick_agrees_with_ron<T>(text: &str)
where
    T: serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    if let Some(quick) = files::quick::from_str::<T>(text) {
        let ron: T = ron::from_str(text)
            .unwrap_or_else(|error| panic!("the quick reader read what RON refuses: {error}"));
        assert_eq!(quick, ron, "the quick reader read it differently");
    }
}

/// A team plan read in pieces, one thread each, is what RON reads, or nothing.
fn team_in_parts_agrees_with_ron(text: &str) {
    for parts in [2, 3, 7] {
        let read = files::quick_team_in_parts(text, parts);
        if let Some(quick) = read {
            let ron: TeamFile = ron::from_str(text).unwrap_or_else(|error| {
                panic!("the reader in parts read what RON refuses: {error}")
            });
            assert_eq!(
                quick, ron,
                "the reader in {parts} parts read it differently"
            );
        }
    }
}

/// Reads the text the way the app does, whatever it turns out to be; merges it as one side
/// the way `waymark merge` does, and takes it as a fork's new upstream.
fn read_like_the_app(text: &str, roadmap: &Roadmap, seed: &str, fork: &Roadmap) {
    // One input in eight (by its length) is merged, as each side: a merge of the bundled
    // roadmap reads and writes it three times over.
    if text.len().is_multiple_of(8) {
        let _ = files::merge::merge_texts(seed, seed, text);
        let _ = files::merge::merge_texts(text, seed, seed);
        let _ = files::merge::merge_texts(seed, text, seed);
    }
    quick_agrees_with_ron::<Roadmap>(text);
    quick_agrees_with_ron::<waymark::model::Progress>(text);
    quick_agrees_with_ron::<waymark::model::TeamFile>(text);
    team_in_parts_agrees_with_ron(text);
    let _ = files::detect_kind(text);
    if let Ok(parsed) = files::parse_roadmap(text) {
        let _ = waymark::model::update_fork(fork, &parsed);
        let _ = waymark::model::update_fork(&parsed, roadmap);
        let _ = RoadmapDiff::compute(roadmap, &parsed).to_text();
        let mut progress = waymark::model::Progress::new(&parsed.id);
        let _ = carry_over_renames(&parsed, &mut progress);
        let _ = Document::from_parts(parsed, progress);
    }
    if let Ok(progress) = files::parse_progress(text) {
        let _ = waymark::files::validate_progress(&progress, roadmap, text);
        let mut progress = progress;
        let _ = carry_over_renames(roadmap, &mut progress);
        let _ = Document::from_parts(roadmap.clone(), progress);
    }
    if let Ok(file) = files::parse_team(text) {
        let _ = files::validate_team(&file, roadmap, text);
        let team = Team::from_file(file, |_| Err("not read in the fuzz test".to_owned()));
        let _ = waymark::model::insights(roadmap, &team);
        let _ = waymark::team_export::matrix_csv(roadmap, &team);
    }
}

#[test]
fn mutated_files_never_make_a_loader_panic() {
    let roadmap = waymark::files::bundled::BACKEND_DEVELOPER.load().unwrap();
    let (small, progress) = waymark::model::generate::generate(60, 7);
    let seeds = [
        (
            "roadmap",
            waymark::files::bundled::BACKEND_DEVELOPER.text.to_owned(),
        ),
        ("small roadmap", files::to_ron(&small).unwrap()),
        ("progress", files::to_ron(&progress).unwrap()),
        (
            "team plan",
            waymark::files::bundled::EXAMPLE_TEAM.to_owned(),
        ),
    ];
    let budget = std::env::var("WAYMARK_FUZZ_SECONDS")
        .ok()
        .and_then(|secs| secs.parse().ok())
        .map(Duration::from_secs);
    let fork = waymark::model::fork(&roadmap, "acme", "Acme");
    let start = Instant::now();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut inputs = 0_u64;
    loop {
        for (name, seed) in &seeds {
            let input = mutate(seed, &mut rng);
            inputs += 1;
            let outcome = catch_unwind(AssertUnwindSafe(|| {
                read_like_the_app(&input, &roadmap, seed, &fork)
            }));
            if outcome.is_err() {
                let path = std::env::temp_dir().join(format!("waymark-fuzz-{inputs}.ron"));
                std::fs::write(&path, &input).unwrap();
                panic!(
                    "a mutated {name} made a loader panic; the input is in {}",
                    path.display()
                );
            }
        }
        let done = match budget {
            Some(budget) => start.elapsed() >= budget,
            None => inputs >= 4 * 1000,
        };
        if done {
            break;
        }
    }
    println!(
        "fuzz: {inputs} inputs in {:.1} s, no panic",
        start.elapsed().as_secs_f64()
    );
}
