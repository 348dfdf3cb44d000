//! The roadmaps that ship in roadmaps/: they load, validate, round-trip, and the bundled
//! back end roadmap covers everything the mission asks of it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // tests fail loudly by design

use std::collections::HashSet;
use std::path::PathBuf;

use waymark::files;
use waymark::model::check_url;
use waymark::model::{Roadmap, SkillKind};

fn roadmap_files() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("roadmaps");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "ron"))
        // Team plans live beside the roadmaps they use; tests/team.rs checks them.
        .filter(|path| {
            let text = std::fs::read_to_string(path).unwrap();
            files::detect_kind(&text) == Some(files::FileKind::Roadmap)
        })
        .collect();
    paths.sort();
    assert!(!paths.is_empty());
    paths
}

fn bundled() -> Roadmap {
    waymark::files::bundled::BACKEND_DEVELOPER.load().unwrap()
}

#[test]
fn every_roadmap_file_loads_validates_and_round_trips() {
    for path in roadmap_files() {
        let roadmap = files::load_roadmap(&path).unwrap_or_else(|error| panic!("{error}"));
        let dir = tempfile::tempdir().unwrap();
        let copy = dir.path().join("copy.ron");
        files::save_roadmap(&copy, &roadmap).unwrap();
        let reloaded = files::load_roadmap(&copy).unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(
            reloaded,
            roadmap,
            "{} changes on load → save → load",
            path.display()
        );
        // Saving is stable: the same roadmap gives the same text.
        files::save_roadmap(&copy, &reloaded).unwrap();
        assert_eq!(
            std::fs::read_to_string(&copy).unwrap(),
            files::to_ron(&roadmap).unwrap()
        );
    }
}

#[test]
fn the_bundled_roadmap_has_at_least_80_documented_skills() {
    let roadmap = bundled();
    let skills: Vec<_> = roadmap
        .skills
        .iter()
        .filter(|s| s.kind == SkillKind::Skill)
        .collect();
    assert!(skills.len() >= 80, "{} skills", skills.len());
    for skill in skills {
        let sentences = skill.summary.matches(". ").count() + 1;
        assert!(
            !skill.summary.is_empty() && sentences <= 3,
            "`{}` needs a 1–3 sentence summary",
            skill.id
        );
        assert!(!skill.resources.is_empty(), "`{}` needs a link", skill.id);
        for resource in &skill.resources {
            assert!(
                check_url(&resource.url).is_ok(),
                "`{}`: {}",
                skill.id,
                resource.url
            );
            assert!(
                resource.url.starts_with("https://"),
                "`{}`: {} is not https",
                skill.id,
                resource.url
            );
            assert!(
                !resource.url.contains("roadmap.sh"),
                "our own words and sources only"
            );
        }
    }
}

#[test]
fn the_bundled_roadmap_runs_from_junior_to_lead_and_architect_with_a_milestone_per_stage() {
    let roadmap = bundled();
    let stage_titles: Vec<&str> = roadmap.stages.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        stage_titles,
        [
            "Junior",
            "Mid-level",
            "Senior",
            "Lead back end developer",
            "Back end architect"
        ]
    );
    let milestones: Vec<(&str, &str)> = roadmap
        .skills
        .iter()
        .filter(|s| s.kind == SkillKind::Milestone)
        .map(|s| (s.stage.as_str(), s.title.as_str()))
        .collect();
    assert_eq!(
        milestones,
        [
            ("junior", "Junior back end developer"),
            ("mid", "Mid-level back end developer"),
            ("senior", "Senior back end developer"),
            ("lead", "Lead back end developer"),
            ("architect", "Back end architect"),
        ]
    );
}

/// Each item of the mission brief, with the skill ids (or pick-one group ids) that cover it.
const BRIEF: &[(&str, &[&str])] = &[
    (
        "the server side and data flow between front end and back end",
        &["client-server"],
    ),
    (
        "programming languages Java, Python, Ruby, PHP and JavaScript on Node.js",
        &[
            "lang-java",
            "lang-python",
            "lang-ruby",
            "lang-php",
            "lang-javascript-node",
        ],
    ),
    ("languages as a pick-one group", &["server-language"]),
    ("the other languages optional later", &["second-language"]),
    ("SQL", &["sql"]),
    ("MySQL", &["mysql"]),
    ("PostgreSQL", &["postgresql"]),
    ("MongoDB", &["mongodb"]),
    ("data modelling", &["data-modelling"]),
    (
        "frameworks Node.js, Django, Spring Boot, Laravel, Ruby on Rails",
        &[
            "fw-node",
            "fw-django",
            "fw-spring-boot",
            "fw-laravel",
            "fw-rails",
        ],
    ),
    ("frameworks as a pick-one group", &["web-framework"]),
    ("web servers", &["web-servers"]),
    ("cloud platforms", &["cloud-platforms"]),
    ("server management", &["server-management"]),
    ("deployment without downtime", &["zero-downtime-deploys"]),
    (
        "Git and collaborative version control",
        &["git", "git-collaboration"],
    ),
    (
        "designing and building APIs",
        &["api-design", "rest-basics"],
    ),
    (
        "security measures",
        &[
            "security-basics",
            "authentication-basics",
            "input-validation",
            "tls",
        ],
    ),
    (
        "performance optimisation",
        &["performance-engineering", "profiling", "caching"],
    ),
    ("debugging complex issues", &["debugging-complex"]),
    (
        "clean, efficient code",
        &["clean-code-basics", "refactoring"],
    ),
    (
        "testing",
        &["unit-testing", "integration-testing", "testing-strategy"],
    ),
    (
        "collaboration with front-end developers",
        &["frontend-collaboration"],
    ),
    (
        "collaboration with designers and project managers",
        &["product-collaboration"],
    ),
    (
        "explaining technical matters to non-technical people",
        &["explaining-to-non-technical"],
    ),
    (
        "continuous learning: courses, workshops, mentorship",
        &["continuous-learning"],
    ),
    ("cloud computing and AI trends", &["cloud-ai-trends"]),
    ("remote work practices", &["remote-work"]),
    ("system design", &["system-design"]),
    ("scaling", &["scaling"]),
    ("observability", &["observability"]),
    ("incident response", &["incident-response"]),
    ("mentoring", &["mentoring"]),
    ("technical direction", &["technical-direction"]),
    ("estimation", &["estimation"]),
    (
        "architecture decisions and records",
        &["architecture-decisions"],
    ),
    ("integration architecture", &["integration-architecture"]),
    ("data architecture", &["data-architecture"]),
    ("security architecture", &["security-architecture"]),
    ("stakeholder communication", &["stakeholder-communication"]),
];

#[test]
fn the_bundled_roadmap_covers_every_item_of_the_brief() {
    let roadmap = bundled();
    let ids: HashSet<&str> = roadmap
        .skills
        .iter()
        .map(|s| s.id.as_str())
        .chain(roadmap.pick_one_groups.iter().map(|g| g.id.as_str()))
        .collect();
    let missing: Vec<String> = BRIEF
        .iter()
        .flat_map(|(item, needed)| {
            needed
                .iter()
                .filter(|id| !ids.contains(*id))
                .map(move |id| format!("{item}: `{id}`"))
        })
        .collect();
    assert!(missing.is_empty(), "not covered:\n{}", missing.join("\n"));
}

#[test]
fn languages_and_frameworks_are_matched_pick_one_groups_at_junior_level() {
    let roadmap = bundled();
    let languages = roadmap.group("server-language").unwrap();
    let frameworks = roadmap.group("web-framework").unwrap();
    assert_eq!(languages.skills.len(), 5);
    for framework_id in &frameworks.skills {
        let framework = roadmap.skill(framework_id).unwrap();
        assert_eq!(framework.stage, "junior");
        assert!(
            framework
                .requires
                .iter()
                .any(|required| languages.skills.contains(required)),
            "`{framework_id}` requires its own language"
        );
    }
    assert!(roadmap.skill("second-language").unwrap().optional);
}
