//! What a desktop installs alongside the binary: the menu entry, the AppStream
//! description, the icons and the file types (`assets/linux/`, `assets/icons/`, and
//! `[package.metadata.deb]` in Cargo.toml, which `.ci/check-package` builds and checks).
//!
//! The validators (`desktop-file-validate`, `appstreamcli`) and the file-type lookup
//! (`xdg-mime`, `update-mime-database`, `mimetype`) are Debian's tools; where one is
//! missing these tests say so and skip, except when `CI=true`: then they fail.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // tests fail loudly by design

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use waymark::files::{self, bundled};
use waymark::model::{Progress, Roadmap, Skill, Status, Timestamp};

const DESKTOP_ENTRY: &str = "assets/linux/waymark.desktop";
const METAINFO: &str = "assets/linux/io.github.waymark_planner.Waymark.metainfo.xml";
const MIME_TYPES: &str = "assets/linux/waymark-mime.xml";
const ROADMAP_TYPE: &str = "application/x-waymark-roadmap";
const PROGRESS_TYPE: &str = "application/x-waymark-progress";
const TEAM_TYPE: &str = "application/x-waymark-team-plan";

fn source(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

fn read(relative: &str) -> String {
    std::fs::read_to_string(source(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

/// Whether these commands are here (Debian `packages` bring them); panics under CI when
/// they are not.
fn tools(commands: &[&str], packages: &str) -> bool {
    let missing: Vec<&str> = commands
        .iter()
        .copied()
        .filter(|tool| {
            !Command::new("sh")
                .arg("-c")
                .arg(format!("command -v {tool}"))
                .output()
                .is_ok_and(|out| out.status.success())
        })
        .collect();
    if missing.is_empty() {
        return true;
    }
    let message = format!(
        "this test needs {} (apt-get install {packages})",
        missing.join(", ")
    );
    if std::env::var("CI").is_ok_and(|ci| ci == "true") {
        panic!("{message}");
    }
    eprintln!("\n*** SKIPPED: {message} ***\n");
    false
}

fn run(command: &mut Command) -> (bool, String) {
    let out = command
        .output()
        .unwrap_or_else(|e| panic!("{command:?}: {e}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

/// The value of `key` in the desktop entry's main group.
fn desktop_key(entry: &str, key: &str) -> String {
    entry
        .lines()
        .find_map(|line| line.strip_prefix(&format!("{key}=")))
        .unwrap_or_else(|| panic!("{DESKTOP_ENTRY} has no {key}="))
        .to_owned()
}

fn list(value: &str) -> BTreeSet<String> {
    value
        .split(';')
        .filter(|item| !item.is_empty())
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_desktop_entry_and_the_appstream_file_pass_their_validators() {
    if !tools(
        &["desktop-file-validate", "appstreamcli"],
        "desktop-file-utils appstream",
    ) {
        return;
    }
    let (ok, said) = run(Command::new("desktop-file-validate").arg(source(DESKTOP_ENTRY)));
    assert!(ok, "desktop-file-validate: {said}");
    // Hints too: a menu entry listed twice is a real fault for the person looking.
    assert!(said.trim().is_empty(), "desktop-file-validate: {said}");
    let (ok, said) = run(Command::new("appstreamcli")
        .args(["validate", "--no-net", "--explain"])
        .arg(source(METAINFO)));
    assert!(ok, "appstreamcli validate: {said}");
    assert!(
        !said.contains("W: ") && !said.contains("E: "),
        "appstreamcli validate: {said}"
    );
}

#[test]
fn the_entry_the_file_types_and_the_appstream_file_agree_with_each_other_and_the_app() {
    let entry = read(DESKTOP_ENTRY);
    // The desktop matches the running window to its entry by the window's app id.
    assert_eq!(
        Path::new(DESKTOP_ENTRY).file_stem().unwrap(),
        waymark::app::APP_ID
    );
    assert_eq!(desktop_key(&entry, "StartupWMClass"), waymark::app::APP_ID);
    assert_eq!(desktop_key(&entry, "Icon"), "waymark");
    // %U: the desktop may pass several files, as paths or file:// URIs; the app takes both.
    assert_eq!(desktop_key(&entry, "Exec"), "waymark %U");
    assert_eq!(desktop_key(&entry, "Terminal"), "false");

    let ours: BTreeSet<String> = [ROADMAP_TYPE, PROGRESS_TYPE, TEAM_TYPE]
        .map(str::to_owned)
        .into();
    assert_eq!(list(&desktop_key(&entry, "MimeType")), ours);

    let mime_text = read(MIME_TYPES);
    let mime = roxmltree::Document::parse(&mime_text).unwrap();
    let defined: BTreeSet<String> = mime
        .descendants()
        .filter(|node| node.has_tag_name("mime-type"))
        .map(|node| node.attribute("type").unwrap().to_owned())
        .collect();
    assert_eq!(defined, ours);
    // Each is known by the struct name Waymark writes first, the one the app reads too.
    for (kind, value) in [
        (ROADMAP_TYPE, "Roadmap("),
        (PROGRESS_TYPE, "Progress("),
        (TEAM_TYPE, "TeamPlan("),
    ] {
        let node = mime
            .descendants()
            .find(|node| node.attribute("type") == Some(kind))
            .unwrap();
        let matches: Vec<&str> = node
            .descendants()
            .filter(|node| node.has_tag_name("match"))
            .filter_map(|node| node.attribute("value"))
            .collect();
        assert_eq!(matches, [value], "{kind}");
    }

    let metainfo_text = read(METAINFO);
    let metainfo = roxmltree::Document::parse(&metainfo_text).unwrap();
    let text_of = |tag: &str| -> Vec<String> {
        metainfo
            .descendants()
            .filter(|node| node.has_tag_name(tag))
            .map(|node| node.text().unwrap_or_default().trim().to_owned())
            .collect()
    };
    let provided: BTreeSet<String> = text_of("mediatype").into_iter().collect();
    assert_eq!(provided, ours);
    assert_eq!(
        text_of("launchable"),
        [format!("{}.desktop", waymark::app::APP_ID)]
    );
    assert_eq!(text_of("binary"), ["waymark"]);
    assert_eq!(text_of("project_license"), [env!("CARGO_PKG_LICENSE")]);
    // The newest release is the version the binary reports, so a version bump needs its
    // release note.
    let newest = metainfo
        .descendants()
        .find(|node| node.has_tag_name("release"))
        .unwrap();
    assert_eq!(newest.attribute("version"), Some(env!("CARGO_PKG_VERSION")));
    // The addresses are the project's.
    for url in text_of("url") {
        assert!(url.starts_with(env!("CARGO_PKG_HOMEPAGE")), "{url}");
    }
    // Every screenshot is a picture in assets/, of the size it says.
    let screenshots: Vec<roxmltree::Node> = metainfo
        .descendants()
        .filter(|node| node.has_tag_name("image"))
        .collect();
    assert!(
        screenshots.len() >= 2,
        "a screenshot of the roadmap and of a team"
    );
    for image in screenshots {
        let url = image.text().unwrap().trim();
        let name = url.rsplit_once("/assets/").unwrap().1;
        let (width, height) = png_size(&source(&format!("assets/{name}")));
        assert_eq!(
            (
                Some(width.to_string().as_str()),
                Some(height.to_string().as_str())
            ),
            (image.attribute("width"), image.attribute("height")),
            "{name}"
        );
    }
}

fn png_size(path: &Path) -> (u32, u32) {
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
    ));
    let info = decoder.read_info().unwrap();
    (info.info().width, info.info().height)
}

/// The `[package.metadata.deb]` assets as (source, destination) pairs.
fn package_assets() -> Vec<(String, String)> {
    let manifest = read("Cargo.toml");
    let section = manifest
        .split_once("[package.metadata.deb]")
        .unwrap()
        .1
        .split_once("\nassets = [")
        .unwrap()
        .1
        .split_once("\n]")
        .unwrap()
        .0;
    section
        .lines()
        .filter_map(|line| line.trim().strip_prefix("[\""))
        .map(|line| {
            let parts: Vec<&str> = line.split('"').collect();
            (parts[0].to_owned(), parts[2].to_owned())
        })
        .collect()
}

#[test]
fn the_package_installs_the_entry_the_icons_in_each_size_the_types_and_the_description() {
    let assets = package_assets();
    let destinations: Vec<String> = assets
        .iter()
        .map(|(from, to)| {
            if to.ends_with('/') {
                format!(
                    "{to}{}",
                    Path::new(from).file_name().unwrap().to_str().unwrap()
                )
            } else {
                to.clone()
            }
        })
        .collect();
    for wanted in [
        "usr/bin/waymark",
        "usr/share/applications/waymark.desktop",
        "usr/share/metainfo/io.github.waymark_planner.Waymark.metainfo.xml",
        "usr/share/mime/packages/waymark.xml",
        "usr/share/waymark/roadmaps/backend-developer.ron",
    ] {
        assert!(destinations.iter().any(|d| d == wanted), "{wanted}");
    }
    for (from, _) in &assets {
        if !from.starts_with("target/") {
            assert!(source(from).is_file(), "{from} is not in the source tree");
        }
    }
    // Icons in the sizes menus, docks and file managers ask for, each really that size.
    for size in [16, 22, 24, 32, 48, 64, 128, 256] {
        let place = format!("usr/share/icons/hicolor/{size}x{size}/apps/waymark.png");
        let index = destinations
            .iter()
            .position(|d| *d == place)
            .unwrap_or_else(|| panic!("no {place}"));
        assert_eq!(png_size(&source(&assets[index].0)), (size, size), "{place}");
    }
}

/// A folder of files as Waymark writes them: a roadmap, a progress file, a team plan,
/// a roadmap with a byte-order mark, and RON of another program.
fn files_waymark_writes(dir: &Path) -> Vec<(PathBuf, &'static str)> {
    let mut roadmap = Roadmap::new_empty("acme", "Acme plan");
    roadmap.skills.push(Skill::new("git", "Git", "junior"));
    let roadmap_path = dir.join("acme.ron");
    files::save_roadmap(&roadmap_path, &roadmap).unwrap();

    let mut progress = Progress::new("acme");
    progress.set_status(
        "git",
        Status::Learned,
        Timestamp::from_unix_secs(1_790_000_000),
    );
    let progress_path = dir.join("ada.ron");
    files::save_progress(&progress_path, &progress).unwrap();

    // The example team, read and written again, as saving it in the app does.
    let bundled = bundled::BundledRoadmap::find("backend-developer")
        .unwrap()
        .load()
        .unwrap();
    std::fs::write(
        dir.join("backend-developer.ron"),
        files::to_ron(&bundled).unwrap(),
    )
    .unwrap();
    let team_path = dir.join("team.ron");
    std::fs::write(&team_path, bundled::EXAMPLE_TEAM).unwrap();
    let (mut team, _) = files::load_team(&team_path, &bundled).unwrap();
    files::save_team(&team_path, &mut team).unwrap();

    let marked = dir.join("marked.ron");
    let text = std::fs::read_to_string(&roadmap_path).unwrap();
    std::fs::write(&marked, format!("\u{feff}{text}")).unwrap();

    let other = dir.join("settings.ron");
    std::fs::write(&other, "Settings(\n    volume: 3,\n)\n").unwrap();

    let mut found = vec![
        (roadmap_path, ROADMAP_TYPE),
        (progress_path, PROGRESS_TYPE),
        (team_path, TEAM_TYPE),
        (marked, ROADMAP_TYPE),
        (other, "text/plain"),
    ];
    // Not the extension: a roadmap saved without one is still a roadmap.
    let bare = dir.join("acme-roadmap");
    std::fs::copy(&found[0].0, &bare).unwrap();
    found.push((bare, ROADMAP_TYPE));
    found
}

#[test]
fn a_file_manager_with_the_types_installed_knows_roadmaps_progress_and_team_plans_by_content() {
    if !tools(
        &["xdg-mime", "update-mime-database", "mimetype"],
        "xdg-utils shared-mime-info libfile-mimeinfo-perl",
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // The system's own types, copied, so that a Waymark already installed on this
    // machine cannot make the test pass; then Waymark's in the person's data folder,
    // where `xdg-mime install` would put them.
    let system = dir.path().join("system");
    let system_packages = system.join("mime/packages");
    std::fs::create_dir_all(&system_packages).unwrap();
    std::fs::copy(
        "/usr/share/mime/packages/freedesktop.org.xml",
        system_packages.join("freedesktop.org.xml"),
    )
    .unwrap();
    let home = dir.path().join("home");
    let home_packages = home.join("mime/packages");
    std::fs::create_dir_all(&home_packages).unwrap();
    std::fs::copy(source(MIME_TYPES), home_packages.join("waymark.xml")).unwrap();
    for data in [&system, &home] {
        let (ok, said) = run(Command::new("update-mime-database").arg(data.join("mime")));
        assert!(ok, "update-mime-database: {said}");
    }

    let files_dir = dir.path().join("files");
    std::fs::create_dir(&files_dir).unwrap();
    for (path, expected) in files_waymark_writes(&files_dir) {
        let (ok, said) = run(Command::new("xdg-mime")
            .args(["query", "filetype"])
            .arg(&path)
            .env("XDG_DATA_HOME", &home)
            .env("XDG_DATA_DIRS", &system)
            // No desktop named: xdg-mime asks shared-mime-info (through `mimetype`),
            // as file managers do.
            .env_remove("XDG_CURRENT_DESKTOP")
            .env_remove("DESKTOP_SESSION")
            .env_remove("KDE_FULL_SESSION")
            .env_remove("GNOME_DESKTOP_SESSION_ID"));
        assert!(ok, "xdg-mime query filetype {}: {said}", path.display());
        assert_eq!(said.trim(), expected, "{}", path.display());
        // And the app reads each of its own the same way.
        let text = std::fs::read_to_string(&path).unwrap();
        let kind = files::detect_kind(&text).map(|kind| kind.to_string());
        let app_kind = match expected {
            ROADMAP_TYPE => Some("roadmap"),
            PROGRESS_TYPE => Some("progress"),
            TEAM_TYPE => Some("team plan"),
            _ => None,
        };
        assert_eq!(kind.as_deref(), app_kind, "{}", path.display());
    }

    // Without Waymark's types installed the same roadmap is plain text: the lookup above
    // is theirs.
    let (_, said) = run(Command::new("xdg-mime")
        .args(["query", "filetype"])
        .arg(files_dir.join("acme.ron"))
        .env("XDG_DATA_HOME", dir.path().join("nobody"))
        .env("XDG_DATA_DIRS", &system)
        .env_remove("XDG_CURRENT_DESKTOP"));
    assert_eq!(said.trim(), "text/plain");
}
