//! Waymark as a person meets it: the real binary in a real window under Xvfb, driven with
//! xdotool. Needs Xvfb, xdotool and ImageMagick's `import` (`.ci/run` installs them). Where
//! they are missing the test says so loudly and skips, except when `CI=true`: then it fails.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // tests fail loudly by design

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const REPORT_ENV: &str = "WAYMARK_AUTOMATION_REPORT";

/// Whether the tools are here; panics under CI when they are not.
fn tools_available() -> bool {
    let missing: Vec<&str> = ["Xvfb", "xdotool", "import"]
        .into_iter()
        .filter(|tool| {
            Command::new("sh")
                .arg("-c")
                .arg(format!("command -v {tool}"))
                .output()
                .map_or(true, |out| !out.status.success())
        })
        .collect();
    if missing.is_empty() {
        return true;
    }
    let message = format!(
        "the real-window test needs {} (apt-get install xvfb xdotool imagemagick)",
        missing.join(", ")
    );
    if std::env::var("CI").is_ok_and(|ci| ci == "true") {
        panic!("{message}");
    }
    eprintln!("\n*** SKIPPED: {message} ***\n");
    false
}

/// Polls `condition` until it holds or `seconds` pass: the app and the X server are other
/// processes, so there is nothing to join on.
fn wait_until<T>(seconds: u64, what: &str, mut condition: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    loop {
        if let Some(value) = condition() {
            return value;
        }
        assert!(
            Instant::now() < deadline,
            "timed out after {seconds} s waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

struct VirtualDisplay {
    server: Child,
    name: String,
}

impl VirtualDisplay {
    fn start() -> Self {
        // Xvfb picks a free display number itself and tells it on stdout: no collisions
        // with other tests or servers left by other runs.
        let mut server = Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1280x800x24",
                "-nolisten",
                "tcp",
                // Without this the server resets whenever its last client leaves (an
                // xdotool call, the app quitting), and a client connecting meanwhile is
                // refused: "Failed to open connection to X server".
                "-noreset",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb starts");
        let mut line = String::new();
        let stdout = server.stdout.take().expect("Xvfb's stdout");
        std::io::BufRead::read_line(&mut std::io::BufReader::new(stdout), &mut line)
            .expect("Xvfb names its display");
        let name = format!(":{}", line.trim());
        let display = Self { server, name };
        wait_until(20, "the X server", || {
            display.xdotool(&["getmouselocation"]).then_some(())
        });
        display
    }

    fn xdotool(&self, args: &[&str]) -> bool {
        Command::new("xdotool")
            .args(args)
            .env("DISPLAY", &self.name)
            .output()
            .is_ok_and(|out| out.status.success())
    }

    /// The screen as RGB pixels, with its width.
    fn screenshot(&self) -> (Vec<u8>, usize) {
        let out = Command::new("import")
            .args([
                "-display", &self.name, "-window", "root", "-depth", "8", "ppm:-",
            ])
            .output()
            .expect("import runs");
        assert!(
            out.status.success(),
            "import failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        parse_ppm(&out.stdout)
    }
}

impl Drop for VirtualDisplay {
    fn drop(&mut self) {
        let _ = self.server.kill();
        let _ = self.server.wait();
    }
}

/// Reads a binary PPM (P6): the header, then RGB bytes.
fn parse_ppm(bytes: &[u8]) -> (Vec<u8>, usize) {
    let mut fields = Vec::new();
    let mut position = 0;
    while fields.len() < 4 {
        while bytes[position].is_ascii_whitespace() {
            position += 1;
        }
        let start = position;
        while !bytes[position].is_ascii_whitespace() {
            position += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..position]).into_owned());
    }
    assert_eq!(
        (fields[0].as_str(), fields[3].as_str()),
        ("P6", "255"),
        "an 8-bit binary PPM"
    );
    let width: usize = fields[1].parse().unwrap();
    (bytes[position + 1..].to_vec(), width)
}

struct RunningApp {
    child: Child,
    report: PathBuf,
    /// The app's standard error, shown when it exits unexpectedly.
    log: PathBuf,
}

impl RunningApp {
    fn start(display: &VirtualDisplay, home: &Path, args: &[&str]) -> Self {
        Self::start_named(display, home, "", args)
    }

    /// A second instance on the same data folder gets a `name` of its own for its report
    /// and its log.
    fn start_named(display: &VirtualDisplay, home: &Path, name: &str, args: &[&str]) -> Self {
        let report = home.join(format!("report{name}.txt"));
        let log = home.join(format!("waymark{name}.log"));
        let _ = std::fs::remove_file(&report);
        let child = Command::new(env!("CARGO_BIN_EXE_waymark"))
            .args(args)
            .env("DISPLAY", &display.name)
            .env("HOME", home)
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("WAYMARK_DATA_DIR", home.join("waymark"))
            .env(REPORT_ENV, &report)
            .env_remove("WAYLAND_DISPLAY")
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).expect("a log file"))
            .spawn()
            .expect("the waymark binary starts");
        Self { child, report, log }
    }

    fn report(&self) -> String {
        std::fs::read_to_string(&self.report).unwrap_or_default()
    }

    /// Waits for a report line starting with these tab-separated fields and returns it split.
    fn wait_for_line(&mut self, prefix: &[&str], seconds: u64) -> Vec<String> {
        let prefix = prefix.join("\t");
        wait_until(seconds, &format!("`{prefix}` in the report"), || {
            if let Ok(Some(status)) = self.child.try_wait() {
                let log = std::fs::read_to_string(&self.log).unwrap_or_default();
                panic!(
                    "waymark exited with {status} while waiting for `{prefix}`; it said:\n{log}"
                );
            }
            self.report()
                .lines()
                .find(|line| line.starts_with(&prefix))
                .map(|line| line.split('\t').map(str::to_owned).collect())
        })
    }

    /// Whether a report line starting with `prefix` shows up within `seconds`: for a step
    /// that may be tried again, unlike [`Self::wait_for_line`].
    fn shows_within(&self, prefix: &str, seconds: u64) -> bool {
        let deadline = Instant::now() + Duration::from_secs(seconds);
        while Instant::now() < deadline {
            if self.report().lines().any(|line| line.starts_with(prefix)) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        false
    }

    /// The screen point of a report line's centre (`kind name x y …`).
    fn point(&mut self, kind: &str, name: &str) -> (String, String) {
        let fields = self.wait_for_line(&[kind, name], 30);
        (fields[2].clone(), fields[3].clone())
    }

    fn wait_for_exit(&mut self, seconds: u64) -> std::process::ExitStatus {
        wait_until(seconds, "waymark to quit", || {
            self.child.try_wait().ok().flatten()
        })
    }
}

impl Drop for RunningApp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn focus_window(display: &VirtualDisplay, app: &mut RunningApp) {
    // With no window manager nothing has focus until given it.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Ok(Some(status)) = app.child.try_wait() {
            let log = std::fs::read_to_string(&app.log).unwrap_or_default();
            panic!("waymark exited with {status} before its window showed; it said:\n{log}");
        }
        let out = Command::new("xdotool")
            .args(["search", "--onlyvisible", "--name", "Waymark"])
            .env("DISPLAY", &display.name)
            .output()
            .ok();
        let window = out.as_ref().and_then(|out| {
            String::from_utf8_lossy(&out.stdout)
                .lines()
                .next()
                .map(str::to_owned)
        });
        if let Some(window) = &window
            && display.xdotool(&["windowfocus", "--sync", window])
        {
            return;
        }
        if Instant::now() > deadline {
            let windows = Command::new("xdotool")
                .args(["search", "--name", "."])
                .env("DISPLAY", &display.name)
                .output()
                .map(|out| String::from_utf8_lossy(&out.stdout).into_owned())
                .unwrap_or_default();
            let log = std::fs::read_to_string(&app.log).unwrap_or_default();
            panic!(
                "no focusable Waymark window after 30 s (found {window:?}; all windows: {windows:?}); the app said:\n{log}\nreport:\n{}",
                app.report()
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The app in a window of its own on a fresh display and home, with the keyboard; `None`
/// (after saying why) where the tools are missing.
fn open_window() -> Option<(tempfile::TempDir, VirtualDisplay, RunningApp)> {
    open_window_in(tempfile::tempdir().unwrap(), &[])
}

/// The same on a home made ready beforehand, with command-line arguments.
fn open_window_in(
    home: tempfile::TempDir,
    args: &[&str],
) -> Option<(tempfile::TempDir, VirtualDisplay, RunningApp)> {
    if !tools_available() {
        return None;
    }
    let display = VirtualDisplay::start();
    let mut app = RunningApp::start(&display, home.path(), args);
    focus_window(&display, &mut app);
    Some((home, display, app))
}

#[test]
fn a_learner_marks_a_skill_writes_a_note_quits_and_finds_both_again() {
    if !tools_available() {
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let display = VirtualDisplay::start();

    let mut app = RunningApp::start(&display, home.path(), &[]);
    focus_window(&display, &mut app);
    let (x, y) = app.point("skill", "internet-basics");
    assert!(display.xdotool(&["mousemove", &x, &y, "click", "1"]));
    app.wait_for_line(&["selected", "internet-basics"], 30);
    assert!(display.xdotool(&["key", "l"]));
    app.wait_for_line(&["skill", "internet-basics"], 30);
    wait_until(30, "the skill marked learned", || {
        app.report()
            .lines()
            .any(|l| l.starts_with("skill\tinternet-basics\t") && l.ends_with("Learned"))
            .then_some(())
    });

    let (x, y) = app.point("notes", "notes");
    assert!(display.xdotool(&["mousemove", &x, &y, "click", "1"]));
    let note = "Read how DNS and TCP work";
    assert!(display.xdotool(&["type", "--delay", "60", note]));
    // Wait until the whole note is in the model before leaving the field.
    let typed = note.chars().count().to_string();
    wait_until(30, "the note to arrive", || {
        app.report()
            .lines()
            .any(|line| line.starts_with("notes\t") && line.ends_with(&format!("\t{typed}")))
            .then_some(())
    });
    assert!(display.xdotool(&["key", "Escape"]));
    assert!(display.xdotool(&["key", "ctrl+q"]));
    let status = app.wait_for_exit(30);
    assert!(status.success(), "waymark quit with {status}");

    let progress =
        std::fs::read_to_string(home.path().join("waymark/progress/backend-developer.ron"))
            .expect("progress was saved");
    assert!(
        progress.contains("\"internet-basics\": SkillProgress(\n            status: Learned,"),
        "{progress}"
    );
    assert!(
        progress.contains("notes: \"Read how DNS and TCP work\""),
        "{progress}"
    );

    // Start again: the selection and the status are back, and the window shows them.
    let mut app = RunningApp::start(&display, home.path(), &[]);
    focus_window(&display, &mut app);
    app.wait_for_line(&["selected", "internet-basics"], 30);
    let fields = app.wait_for_line(&["skill", "internet-basics"], 30);
    assert_eq!(fields[4], "Learned");
    let (cx, cy): (usize, usize) = (fields[2].parse().unwrap(), fields[3].parse().unwrap());
    let (pixels, width) = wait_until(30, "a drawn window", || {
        let (pixels, width) = display.screenshot();
        let first = &pixels[..3];
        pixels
            .chunks(3)
            .any(|p| p != first)
            .then_some((pixels, width))
    });
    // The learned icon's green (0, 158, 115) inside the skill's node.
    let green = (cy.saturating_sub(20)..cy + 20)
        .flat_map(|y| (cx.saturating_sub(110)..cx + 110).map(move |x| (x, y)))
        .filter(|(x, y)| {
            let i = (y * width + x) * 3;
            let p = &pixels[i..i + 3];
            (p[0] as i32).abs() < 40
                && (p[1] as i32 - 158).abs() < 40
                && (p[2] as i32 - 115).abs() < 40
        })
        .count();
    if green <= 40 {
        let path = std::env::temp_dir().join("waymark-e2e-restart.ppm");
        let header = format!("P6\n{width} {}\n255\n", pixels.len() / 3 / width);
        let _ = std::fs::write(&path, [header.as_bytes(), &pixels].concat());
        panic!(
            "the git node at ({cx}, {cy}) does not show the learned colour ({green} green pixels); screenshot in {}",
            path.display()
        );
    }
    assert!(display.xdotool(&["key", "ctrl+q"]));
    assert!(app.wait_for_exit(30).success());
}

#[test]
fn a_bad_roadmap_on_the_command_line_shows_the_located_error_instead_of_crashing() {
    if !tools_available() {
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let bad = home.path().join("bad.ron");
    std::fs::write(&bad, "Roadmap(\n    format_version: 1,\n    id: \"x\",\n    title: \"X\",\n    stages: [],\n    skills: [Skill(id: \"a\", title: \"A\", stage: \"nowhere\")],\n)\n").unwrap();
    let display = VirtualDisplay::start();
    let mut app = RunningApp::start(&display, home.path(), &[bad.to_str().unwrap()]);
    let error = app.wait_for_line(&["error"], 30).join(" ");
    assert!(error.contains(&format!("{}:6:", bad.display())), "{error}");
    assert!(error.contains("unknown stage `nowhere`"), "{error}");
    // It still runs, with the bundled roadmap open behind the message.
    app.wait_for_line(&["skill", "git"], 30);
    assert!(
        app.child.try_wait().unwrap().is_none(),
        "waymark is still running"
    );
}

#[test]
fn unsaved_edits_come_back_after_the_app_is_killed() {
    let Some((home, display, mut app)) = open_window() else {
        return;
    };
    app.wait_for_line(&["skill", "git"], 30);
    // Add a skill (its title is ready to type) and name it.
    assert!(display.xdotool(&["key", "a"]));
    app.wait_for_line(&["selected", "new-skill"], 30);
    // Type only once the title field has the keyboard, or the letters would be
    // shortcuts.
    app.wait_for_line(&["typing"], 30);
    assert!(display.xdotool(&["type", "--delay", "40", "Chaos engineering"]));
    let draft = home.path().join("waymark/draft.ron");
    wait_until(30, "the typed title in the draft", || {
        std::fs::read_to_string(&draft)
            .ok()
            .filter(|text| text.contains("title: \"Chaos engineering\""))
    });
    // kill -9 in the middle of editing: no quit, no save dialog.
    app.child.kill().unwrap();
    app.child.wait().unwrap();

    let mut app = RunningApp::start(&display, home.path(), &[]);
    focus_window(&display, &mut app);
    app.wait_for_line(&["button", "restore"], 30);
    app.wait_for_line(&["roadmap", "saved"], 30);
    assert!(display.xdotool(&["key", "Return"]));
    // The edits are back, still unsaved, and the offer is gone.
    app.wait_for_line(&["roadmap", "modified"], 30);
    assert!(
        app.report()
            .lines()
            .all(|line| !line.starts_with("button\trestore"))
    );
    drop(app);
    assert!(draft.exists(), "still unsaved, still drafted");
}

/// The ids of the visible Waymark windows.
fn waymark_windows(display: &VirtualDisplay) -> Vec<String> {
    Command::new("xdotool")
        .args(["search", "--onlyvisible", "--name", "Waymark"])
        .env("DISPLAY", &display.name)
        .output()
        .map(|out| {
            String::from_utf8_lossy(&out.stdout)
                .lines()
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// Gives one window the keyboard, then marks the `nth` skill in reading order learned.
fn mark_nth_skill_learned(
    display: &VirtualDisplay,
    app: &mut RunningApp,
    window: &str,
    nth: usize,
) -> String {
    assert!(display.xdotool(&["windowraise", window]));
    assert!(display.xdotool(&["windowfocus", "--sync", window]));
    let mut selected = String::new();
    for _ in 0..nth {
        assert!(display.xdotool(&["key", "Tab"]));
        let before = selected.clone();
        selected = wait_until(30, "the next skill selected", || {
            app.report()
                .lines()
                .find_map(|line| line.strip_prefix("selected\t"))
                .filter(|now| *now != before)
                .map(str::to_owned)
        });
    }
    assert!(display.xdotool(&["key", "l"]));
    wait_until(30, "the skill marked learned", || {
        app.report()
            .lines()
            .any(|l| l.starts_with(&format!("skill\t{selected}\t")) && l.ends_with("Learned"))
            .then_some(())
    });
    selected
}

#[test]
fn two_windows_on_one_data_folder_each_mark_a_skill_and_both_marks_are_kept() {
    if !tools_available() {
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let display = VirtualDisplay::start();
    let mut first = RunningApp::start_named(&display, home.path(), "-1", &[]);
    focus_window(&display, &mut first);
    first.wait_for_line(&["skill", "git"], 30);
    let first_window = wait_until(30, "the first window", || waymark_windows(&display).pop());
    let mut second = RunningApp::start_named(&display, home.path(), "-2", &[]);
    second.wait_for_line(&["skill", "git"], 30);
    let second_window = wait_until(30, "the second window", || {
        waymark_windows(&display)
            .into_iter()
            .find(|window| *window != first_window)
    });

    let one = mark_nth_skill_learned(&display, &mut first, &first_window, 1);
    let progress_path = home.path().join("waymark/progress/backend-developer.ron");
    wait_until(30, "the first window's autosave", || {
        std::fs::read_to_string(&progress_path)
            .ok()
            .filter(|text| text.contains(&format!("\"{one}\"")))
    });
    let two = mark_nth_skill_learned(&display, &mut second, &second_window, 2);
    assert_ne!(one, two);
    for (app, window) in [(&mut first, &first_window), (&mut second, &second_window)] {
        assert!(display.xdotool(&["windowraise", window]));
        assert!(display.xdotool(&["windowfocus", "--sync", window]));
        assert!(display.xdotool(&["key", "ctrl+q"]));
        assert!(app.wait_for_exit(30).success());
    }
    let progress = std::fs::read_to_string(&progress_path).unwrap();
    for skill in [&one, &two] {
        assert!(
            progress.contains(&format!(
                "\"{skill}\": SkillProgress(\n            status: Learned,"
            )),
            "{skill} is not learned in the file:\n{progress}"
        );
    }
}

#[test]
fn quitting_after_progress_could_not_be_written_asks_instead_of_losing_it() {
    let home = tempfile::tempdir().unwrap();
    // The progress folder cannot be made: `progress` is a file. (CI runs as root, for whom
    // a read-only folder is still writable.)
    std::fs::create_dir_all(home.path().join("waymark")).unwrap();
    std::fs::write(home.path().join("waymark/progress"), "in the way").unwrap();
    let Some((_home, display, mut app)) = open_window_in(home, &[]) else {
        return;
    };
    let (x, y) = app.point("skill", "git");
    assert!(display.xdotool(&["mousemove", &x, &y, "click", "1"]));
    app.wait_for_line(&["selected", "git"], 30);
    assert!(display.xdotool(&["key", "l"]));
    app.wait_for_line(&["error", "Your progress could not be saved"], 30);
    assert!(display.xdotool(&["key", "ctrl+q"]));
    app.wait_for_line(&["asking", "unwritten"], 30);
    assert!(
        app.child.try_wait().unwrap().is_none(),
        "the window stays open while it asks"
    );
}

#[test]
fn a_team_plan_linking_outside_its_folder_shows_the_located_refusal() {
    let home = tempfile::tempdir().unwrap();
    let plan_folder = home.path().join("plan");
    std::fs::create_dir_all(&plan_folder).unwrap();
    std::fs::write(
        home.path().join("outside.ron"),
        "Progress(format_version: 2, roadmap_id: \"backend-developer\")",
    )
    .unwrap();
    let plan = plan_folder.join("team.ron");
    std::fs::write(
        &plan,
        "TeamPlan(\n    format_version: 1,\n    name: \"Plan\",\n    roadmap: RoadmapRef(id: \"backend-developer\"),\n    members: [\n        Member(name: \"Bo\", progress: Linked(\"../outside.ron\")),\n    ],\n)\n",
    )
    .unwrap();
    let Some((home, _display, mut app)) = open_window_in(home, &[plan.to_str().unwrap()]) else {
        return;
    };
    let error = app.wait_for_line(&["error", "The team plan could not be opened"], 30);
    assert!(error[2].contains("team.ron:6:"), "{error:?}");
    assert!(
        error[2].contains("leads out of the team plan's folder"),
        "{error:?}"
    );
    assert!(!home.path().join("outside.ron.bak").exists());
}

/// The median grey of the canvas away from every skill the report places (arrows and
/// stage bands are too thin or too faint to move it).
fn canvas_background(display: &VirtualDisplay, app: &RunningApp) -> u8 {
    let skills: Vec<(i64, i64)> = app
        .report()
        .lines()
        .filter(|line| line.starts_with("skill\t"))
        .filter_map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            Some((fields.get(2)?.parse().ok()?, fields.get(3)?.parse().ok()?))
        })
        .collect();
    let (pixels, width) = display.screenshot();
    let height = pixels.len() / 3 / width;
    let mut greys: Vec<u8> = Vec::new();
    // The canvas is right of the left panel and below the menu bar.
    for y in (90..height.saturating_sub(10)).step_by(7) {
        for x in (300..width.saturating_sub(10)).step_by(7) {
            let near_a_skill = skills
                .iter()
                .any(|(cx, cy)| (x as i64 - cx).abs() < 130 && (y as i64 - cy).abs() < 40);
            if !near_a_skill {
                let i = (y * width + x) * 3;
                greys.push(pixels[i]);
            }
        }
    }
    greys.sort_unstable();
    greys[greys.len() / 2]
}

/// How far apart the darkest and the lightest grey are where the first stage's title is
/// drawn (the canvas's top left corner): its contrast with the background.
fn stage_title_contrast(display: &VirtualDisplay, app: &mut RunningApp) -> u8 {
    let canvas = rect_of(app, "panel", "canvas");
    let (pixels, width) = display.screenshot();
    let (left, top) = (canvas[0] as usize, canvas[1] as usize);
    let mut greys = Vec::new();
    for y in top + 10..top + 45 {
        for x in left + 15..left + 120 {
            greys.push(pixels[(y * width + x) * 3]);
        }
    }
    greys.iter().max().unwrap() - greys.iter().min().unwrap()
}

#[test]
fn the_canvas_background_follows_the_theme_in_the_real_window() {
    let Some((home, display, mut app)) = open_window() else {
        return;
    };
    app.wait_for_line(&["skill", "git"], 30);
    // egui's panels are grey 27 in the dark theme and 248 in the light one; the Junior
    // column's band adds a few levels.
    wait_until(30, "a dark canvas", || {
        let grey = canvas_background(&display, &app);
        (20..=45).contains(&grey).then_some(())
    });
    // The stage's title reads against it (it was black on black in the light theme).
    let contrast = stage_title_contrast(&display, &mut app);
    assert!(
        contrast >= 120,
        "the stage title's contrast in the dark theme: {contrast}"
    );
    assert!(display.xdotool(&["key", "ctrl+shift+t"]));
    wait_until(30, "a light canvas after switching the theme", || {
        let grey = canvas_background(&display, &app);
        (235..=255).contains(&grey).then_some(())
    });
    let contrast = stage_title_contrast(&display, &mut app);
    assert!(
        contrast >= 120,
        "the stage title's contrast in the light theme: {contrast}"
    );
    // It stays light after a restart.
    assert!(display.xdotool(&["key", "ctrl+q"]));
    assert!(app.wait_for_exit(30).success());
    let mut app = RunningApp::start(&display, home.path(), &[]);
    focus_window(&display, &mut app);
    app.wait_for_line(&["skill", "git"], 30);
    wait_until(30, "a light canvas after a restart", || {
        let grey = canvas_background(&display, &app);
        (235..=255).contains(&grey).then_some(())
    });
}

/// A report line `KIND NAME LEFT TOP RIGHT BOTTOM` as numbers.
fn rect_of(app: &mut RunningApp, kind: &str, name: &str) -> [f32; 4] {
    let fields = app.wait_for_line(&[kind, name], 30);
    [2, 3, 4, 5].map(|i| fields[i].parse().unwrap())
}

#[test]
fn edit_skill_keeps_the_details_panel_beside_the_canvas() {
    let Some((_home, display, mut app)) = open_window() else {
        return;
    };
    // HTTP has two links and a prerequisite: the form's widest rows.
    let (x, y) = app.point("skill", "http");
    assert!(display.xdotool(&["mousemove", &x, &y, "click", "1"]));
    app.wait_for_line(&["selected", "http"], 30);
    let (x, y) = app.point("button", "edit-skill");
    assert!(display.xdotool(&["mousemove", &x, &y, "click", "1"]));
    let window_width = 1280.0;
    // Give a runaway layout frames to grow (a person's pointer moving makes them), then
    // look after each.
    let mut last = [0.0; 4];
    for step in 0..10 {
        let (x, y) = (400 + step * 7, 400 + step * 5);
        assert!(display.xdotool(&["mousemove", &x.to_string(), &y.to_string()]));
        let panel = rect_of(&mut app, "panel", "details");
        let canvas = rect_of(&mut app, "panel", "canvas");
        let width = panel[2] - panel[0];
        assert!(
            width <= window_width * 0.45 + 1.0,
            "the details panel is {width} wide of {window_width}"
        );
        assert!(
            panel[2] <= window_width + 1.0,
            "the panel ends inside the window"
        );
        assert!(
            canvas[2] <= panel[0] + 1.0,
            "the canvas {canvas:?} stays left of the panel {panel:?}"
        );
        last = panel;
        std::thread::sleep(Duration::from_millis(100));
    }
    // Nodes are still on the canvas; those the panel covers are named as covered.
    let report = app.report();
    let covered: Vec<&str> = (report.lines())
        .filter_map(|line| line.strip_prefix("covered\t"))
        .collect();
    let skills: Vec<f32> = report
        .lines()
        .filter(|line| line.starts_with("skill\t"))
        .filter(|line| !covered.contains(&line.split('\t').nth(1).unwrap()))
        .map(|line| line.split('\t').nth(2).unwrap().parse().unwrap())
        .collect();
    assert!(skills.len() > 5, "the canvas shows nodes");
    assert!(
        skills.iter().all(|x| *x < last[0]),
        "no node under the panel"
    );
}

/// The centre of a report line `KIND NAME LEFT TOP RIGHT BOTTOM`, as xdotool arguments.
fn centre_of(rect: [f32; 4]) -> (String, String) {
    (
        format!("{:.0}", (rect[0] + rect[2]) / 2.0),
        format!("{:.0}", (rect[1] + rect[3]) / 2.0),
    )
}

fn open_the_example_team(display: &VirtualDisplay, app: &mut RunningApp) {
    app.wait_for_line(&["skill", "git"], 30);
    // Through the command palette, as a person would; on a busy machine a key can arrive
    // before the palette is up, so start again (Escape closes a half-typed palette).
    for _ in 0..4 {
        assert!(display.xdotool(&["key", "Escape"]));
        assert!(display.xdotool(&["key", "ctrl+k"]));
        std::thread::sleep(Duration::from_millis(600));
        assert!(display.xdotool(&["type", "--delay", "40", "example team"]));
        std::thread::sleep(Duration::from_millis(600));
        assert!(display.xdotool(&["key", "Return"]));
        if app.shows_within("tab\tMatrix", 10) {
            return;
        }
    }
    panic!(
        "the example team never opened; the report:\n{}",
        app.report()
    );
}

#[test]
fn two_clicks_on_two_matrix_cells_open_those_two_cells_in_the_real_window() {
    // Issue 16, item 4: the first click pushed the rows down, so the second landed on the
    // wrong person.
    let Some((_home, display, mut app)) = open_window() else {
        return;
    };
    open_the_example_team(&display, &mut app);
    // The window may still be settling into place when its tab is first reported: click
    // again where the tab is now until the matrix shows.
    click_until(
        &display,
        &mut app,
        || None,
        &["tab", "Matrix"],
        &["cell", "3:json"],
    );
    // Both cells as the person sees them before the first click.
    let first = rect_of(&mut app, "cell", "3:json");
    let second = rect_of(&mut app, "cell", "2:clean-code-basics");
    click_until(
        &display,
        &mut app,
        || Some(first),
        &[],
        &["open", "cell", "3:json"],
    );
    // The second click goes where the second cell was seen: had the rows moved, it would
    // open another cell.
    click_until(
        &display,
        &mut app,
        || Some(second),
        &[],
        &["open", "cell", "2:clean-code-basics"],
    );
}

/// Clicks at `at()` (or at the report line `target`'s centre) until a report line starts
/// with `expected`, a few times: a click can land while the X server or the window is
/// still settling.
fn click_until(
    display: &VirtualDisplay,
    app: &mut RunningApp,
    at: impl Fn() -> Option<[f32; 4]>,
    target: &[&str],
    expected: &[&str],
) {
    let prefix = expected.join("\t");
    for _ in 0..5 {
        let rect = at().unwrap_or_else(|| {
            rect_of(
                app,
                target.first().copied().unwrap_or(""),
                target.get(1).copied().unwrap_or(""),
            )
        });
        let (x, y) = centre_of(rect);
        assert!(display.xdotool(&["mousemove", &x, &y, "click", "1"]));
        if app.shows_within(&prefix, 4) {
            return;
        }
    }
    panic!(
        "clicking never gave `{prefix}`; the report:\n{}",
        app.report()
    );
}

#[test]
fn the_timeline_and_the_shortcuts_open_below_the_menu_bar_in_the_real_window() {
    let Some((_home, display, mut app)) = open_window() else {
        return;
    };
    app.wait_for_line(&["skill", "git"], 30);
    let menu = rect_of(&mut app, "panel", "menu");
    for (keys, window) in [("F1", "shortcuts"), ("ctrl+shift+h", "timeline")] {
        assert!(display.xdotool(&["key", keys]));
        let rect = rect_of(&mut app, "window", window);
        assert!(
            rect[1] >= menu[3] - 0.5,
            "the {window} window {rect:?} covers the menu bar {menu:?}"
        );
        assert!(
            rect[2] <= 1280.5 && rect[3] <= 800.5,
            "{window} {rect:?} inside the window"
        );
        assert!(display.xdotool(&["key", "Escape"]));
        std::thread::sleep(Duration::from_millis(300));
    }
}

/// The menu entry's command line, as a desktop runs it for a file a person opened: the
/// binary, with `%U` replaced by the files' URIs.
fn desktop_entry_command(uris: &[&str]) -> Vec<String> {
    let entry = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/linux/waymark.desktop"),
    )
    .unwrap();
    let exec = entry
        .lines()
        .find_map(|line| line.strip_prefix("Exec="))
        .expect("an Exec line");
    let mut words = exec.split_whitespace();
    assert_eq!(words.next(), Some("waymark"));
    words
        .flat_map(|word| {
            if word == "%U" {
                uris.iter().map(|uri| (*uri).to_owned()).collect()
            } else {
                vec![word.to_owned()]
            }
        })
        .collect()
}

#[test]
fn a_roadmap_opened_from_the_file_manager_as_a_file_uri_opens_in_the_window() {
    if !tools_available() {
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let folder = home.path().join("My roadmaps");
    std::fs::create_dir(&folder).unwrap();
    let path = folder.join("Café plan.ron");
    let mut roadmap = waymark::model::Roadmap::new_empty("acme", "Acme plan");
    roadmap.skills.push(waymark::model::Skill::new(
        "acme-onboarding",
        "Onboarding",
        "junior",
    ));
    waymark::files::save_roadmap(&path, &roadmap).unwrap();
    // As a file manager hands it over: percent-encoded, spaces and UTF-8 alike.
    let uri = format!(
        "file://{}",
        path.display()
            .to_string()
            .replace(' ', "%20")
            .replace('é', "%C3%A9")
    );
    let args = desktop_entry_command(&[&uri]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();

    let display = VirtualDisplay::start();
    let mut app = RunningApp::start(&display, home.path(), &args);
    focus_window(&display, &mut app);
    app.wait_for_line(&["skill", "acme-onboarding"], 30);
    let report = app.report();
    assert!(
        !report.lines().any(|line| line.starts_with("error\t")),
        "{report}"
    );
    assert!(
        !report
            .lines()
            .any(|line| line.starts_with("skill\tinternet-basics\t")),
        "the bundled roadmap is not what opened: {report}"
    );
}

/// Every skill line of the report: id and screen centre.
fn skill_centres(app: &RunningApp) -> std::collections::BTreeMap<String, (f32, f32)> {
    app.report()
        .lines()
        .filter_map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            (fields.first() == Some(&"skill")).then_some(())?;
            let x = fields.get(2)?.parse().ok()?;
            let y = fields.get(3)?.parse().ok()?;
            Some((fields.get(1)?.to_string(), (x, y)))
        })
        .collect()
}

/// A point of empty canvas (no skill near it) close to the canvas's middle, inside `within`
/// when given (a stage's band).
fn empty_canvas(app: &mut RunningApp, within: Option<[f32; 4]>) -> (i32, i32) {
    let canvas = rect_of(app, "panel", "canvas");
    let area = within.unwrap_or(canvas);
    let (left, top) = (
        area[0].max(canvas[0]) + 60.0,
        area[1].max(canvas[1]) + 110.0,
    );
    let (right, bottom) = (area[2].min(canvas[2]) - 60.0, area[3].min(canvas[3]) - 40.0);
    let skills = skill_centres(app);
    let centre = ((left + right) / 2.0, (top + bottom) / 2.0);
    let mut points: Vec<(f32, f32)> = (0..120)
        .flat_map(|row| (0..160).map(move |column| (column as f32 * 8.0, row as f32 * 8.0)))
        .map(|(dx, dy)| (left + dx, top + dy))
        .filter(|(x, y)| *x <= right && *y <= bottom)
        .collect();
    points.sort_by(|a, b| {
        let distance = |p: &(f32, f32)| (p.0 - centre.0).hypot(p.1 - centre.1);
        distance(a).total_cmp(&distance(b))
    });
    let point = points
        .into_iter()
        .find(|(x, y)| {
            skills
                .values()
                .all(|(sx, sy)| (x - sx).abs() > 150.0 || (y - sy).abs() > 50.0)
        })
        .unwrap_or_else(|| panic!("no empty canvas in {area:?}; the report:\n{}", app.report()));
    (point.0 as i32, point.1 as i32)
}

/// Presses `button` at `from`, moves to `to` in steps and releases.
fn xdrag(display: &VirtualDisplay, button: &str, from: (i32, i32), to: (i32, i32)) {
    let (fx, fy) = (from.0.to_string(), from.1.to_string());
    let (mx, my) = (
        ((from.0 + to.0) / 2).to_string(),
        ((from.1 + to.1) / 2).to_string(),
    );
    let (tx, ty) = (to.0.to_string(), to.1.to_string());
    assert!(display.xdotool(&[
        "mousemove",
        &fx,
        &fy,
        "mousedown",
        button,
        "sleep",
        "0.2",
        "mousemove",
        &mx,
        &my,
        "sleep",
        "0.2",
        "mousemove",
        &tx,
        &ty,
        "sleep",
        "0.2",
        "mouseup",
        button,
    ]));
}

/// Clicks a skill until it is selected: a click can land while the window is still
/// settling on a busy machine. (The check of a single first click is made apart.)
fn select_by_click(display: &VirtualDisplay, app: &mut RunningApp, skill_id: &str) {
    for _ in 0..5 {
        let (x, y) = app.point("skill", skill_id);
        assert!(display.xdotool(&["mousemove", &x, &y, "sleep", "0.2", "click", "1"]));
        if app.shows_within(&format!("selected\t{skill_id}"), 4) {
            return;
        }
    }
    panic!(
        "clicking {skill_id} never selected it; the report:\n{}",
        app.report()
    );
}

/// Waits until every skill seen both before and now moved by `(dx, dy)`.
fn wait_for_pan(
    app: &RunningApp,
    before: &std::collections::BTreeMap<String, (f32, f32)>,
    (dx, dy): (f32, f32),
    what: &str,
) {
    let mut last = String::new();
    let moved = (0..100).any(|_| {
        let now = skill_centres(app);
        let pairs: Vec<(&String, (f32, f32))> = before
            .iter()
            .filter_map(|(id, (x, y))| now.get(id).map(|(nx, ny)| (id, (nx - x, ny - y))))
            .collect();
        last = format!("{pairs:?}");
        let all = pairs.len() >= 5
            && pairs
                .iter()
                .all(|(_, (mx, my))| (mx - dx).abs() < 4.0 && (my - dy).abs() < 4.0);
        if !all {
            std::thread::sleep(Duration::from_millis(100));
        }
        all
    });
    assert!(
        moved,
        "{what}: not every skill moved by ({dx}, {dy}): {last}"
    );
}

/// The basics of a graph canvas in the real window, in one session (issue 32): a left and a
/// middle drag on the background pan every skill by the drag, Ctrl and the wheel zoom around
/// the pointer, a double-click on the background adds a skill in the stage under it, a click
/// there clears the selection, the first click on a skill at Fit selects it, a right-click
/// opens a menu and changes no status, and the keys to a prerequisite, to what a skill
/// unlocks and into its notes land where they should.
#[test]
fn the_basics_of_the_canvas_work_in_the_real_window() {
    let Some((_home, display, mut app)) = open_window() else {
        return;
    };
    app.wait_for_line(&["skill", "git"], 30);
    std::thread::sleep(Duration::from_millis(500));

    for (button, by) in [("1", (-160, -90)), ("2", (120, 70))] {
        let from = empty_canvas(&mut app, None);
        let before = skill_centres(&app);
        xdrag(&display, button, from, (from.0 + by.0, from.1 + by.1));
        let by = (by.0 as f32, by.1 as f32);
        wait_for_pan(&app, &before, by, &format!("drag with button {button}"));
    }
    assert!(
        !app.report().contains("selected\t"),
        "a pan selects nothing"
    );

    // Ctrl and the wheel zoom in around the pointer: the skill under it stays there.
    let centres = skill_centres(&app);
    let (x, y) = centres["http"];
    let (ox, oy) = centres["internet-basics"];
    let apart = (x - ox).hypot(y - oy);
    let (sx, sy) = (format!("{x:.0}"), format!("{y:.0}"));
    assert!(display.xdotool(&[
        "mousemove",
        &sx,
        &sy,
        "sleep",
        "0.3",
        "keydown",
        "ctrl",
        "click",
        "4",
        "click",
        "4",
        "keyup",
        "ctrl"
    ]));
    let zoomed = (0..100).any(|_| {
        std::thread::sleep(Duration::from_millis(100));
        let now = skill_centres(&app);
        let (Some((nx, ny)), Some((px, py))) = (now.get("http"), now.get("internet-basics")) else {
            return false;
        };
        (nx - px).hypot(ny - py) > apart * 1.08 && (nx - x).abs() < 6.0 && (ny - y).abs() < 6.0
    });
    assert!(
        zoomed,
        "Ctrl+wheel did not zoom around the pointer; the report:\n{}",
        app.report()
    );
    std::thread::sleep(Duration::from_millis(800));

    // A double-click on empty canvas in the Junior band adds a skill there.
    let junior = rect_of(&mut app, "band", "junior");
    let (dx, dy) = empty_canvas(&mut app, Some(junior));
    let (dxs, dys) = (dx.to_string(), dy.to_string());
    assert!(display.xdotool(&[
        "mousemove",
        &dxs,
        &dys,
        "sleep",
        "0.3",
        "click",
        "--repeat",
        "2",
        "--delay",
        "80",
        "1"
    ]));
    app.wait_for_line(&["selected", "new-skill"], 30);
    let (nx, ny) = app.point("skill", "new-skill");
    let (nx, ny): (f32, f32) = (nx.parse().unwrap(), ny.parse().unwrap());
    let junior = rect_of(&mut app, "band", "junior");
    assert!(
        (junior[0]..=junior[2]).contains(&nx) && (junior[1]..=junior[3]).contains(&ny),
        "the new skill at ({nx}, {ny}) is in the Junior band {junior:?}"
    );
    // Leave its title field and take it back.
    app.wait_for_line(&["typing"], 30);
    assert!(display.xdotool(&["key", "Escape"]));
    wait_until(30, "the title field let go", || {
        (!app.report().lines().any(|l| l == "typing")).then_some(())
    });
    assert!(display.xdotool(&["key", "ctrl+z"]));
    wait_until(30, "the added skill undone", || {
        (!app.report().contains("skill\tnew-skill\t")).then_some(())
    });

    // A click on empty canvas clears the selection.
    select_by_click(&display, &mut app, "http");
    let (bx, by) = empty_canvas(&mut app, None);
    assert!(display.xdotool(&[
        "mousemove",
        &bx.to_string(),
        &by.to_string(),
        "sleep",
        "0.3",
        "click",
        "1"
    ]));
    wait_until(30, "the selection cleared", || {
        (!app.report().contains("selected\t")).then_some(())
    });

    // The keys along the arrows, and into the notes.
    select_by_click(&display, &mut app, "http");
    assert!(display.xdotool(&["key", "alt+Left"]));
    app.wait_for_line(&["selected", "internet-basics"], 30);
    app.wait_for_line(
        &[
            "announced",
            "How the internet works, Junior, Not started; prerequisite 1 of 1",
        ],
        30,
    );
    assert!(display.xdotool(&["key", "alt+Right"]));
    app.wait_for_line(&["selected", "http"], 30);
    assert!(display.xdotool(&["key", "Return"]));
    app.wait_for_line(&["typing"], 30);
    assert!(display.xdotool(&["type", "--delay", "60", "TLS next"]));
    app.wait_for_line(&["notes", "notes"], 30);
    wait_until(30, "the note typed", || {
        app.report()
            .lines()
            .any(|line| line.starts_with("notes\t") && line.ends_with("\t8"))
            .then_some(())
    });
    assert!(display.xdotool(&["key", "F6"]));
    wait_until(30, "the canvas has the keys again", || {
        (!app.report().lines().any(|l| l == "typing")).then_some(())
    });

    // At Fit, the first click on a skill selects it, without resting the pointer first.
    assert!(display.xdotool(&["key", "Escape", "f"]));
    wait_until(30, "the view fitted", || {
        let now = skill_centres(&app);
        let (Some(a), Some(b)) = (now.get("http"), now.get("internet-basics")) else {
            return None;
        };
        ((a.0 - b.0).hypot(a.1 - b.1) < apart * 0.6).then_some(())
    });
    std::thread::sleep(Duration::from_millis(800));
    let (x, y) = app.point("skill", "git");
    assert!(display.xdotool(&["mousemove", &x, &y, "click", "1"]));
    app.wait_for_line(&["selected", "git"], 30);

    // A right-click opens a menu and changes no status.
    let status = app.wait_for_line(&["skill", "sql"], 10)[4].clone();
    let (x, y) = app.point("skill", "sql");
    assert!(display.xdotool(&["mousemove", &x, &y, "click", "3"]));
    app.wait_for_line(&["menu", "skill:sql"], 30);
    app.wait_for_line(&["popup", "open"], 30);
    assert_eq!(app.wait_for_line(&["skill", "sql"], 10)[4], status);
    assert!(display.xdotool(&["key", "Escape"]));
    wait_until(30, "the menu closed", || {
        (!app.report().contains("popup\topen")).then_some(())
    });
    assert_eq!(
        app.wait_for_line(&["skill", "sql"], 10)[4],
        status,
        "no status changed"
    );
}
