//! Every user command in one enum: the single source of menu text, tooltips and keyboard
//! shortcuts.

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::export::ExportFormat;
use crate::model::Status;
use crate::session::navigation::{Direction, Hop};

/// Defines [`UiCommand`] and the one list of every command, in the order the shortcuts
/// window and the palette show them. A command with a value is listed once per value.
macro_rules! ui_commands {
    ($( $(#[$meta:meta])* $name:ident $( ( $payload:ty ) in $values:expr )? ),* $(,)?) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum UiCommand {
            $( $(#[$meta])* $name $( ($payload) )? ),*
        }

        impl UiCommand {
            /// Every command, each once: the list menus, the palette and the shortcuts
            /// window are made from.
            #[allow(clippy::vec_init_then_push)] // one push per command of the list
            pub fn all() -> &'static [UiCommand] {
                static ALL: std::sync::LazyLock<Vec<UiCommand>> = std::sync::LazyLock::new(|| {
                    let mut all = Vec::new();
                    $( ui_commands!(@push all, $name $( , $values )?); )*
                    all
                });
                &ALL
            }
        }
    };
    (@push $all:ident, $name:ident) => {
        $all.push(UiCommand::$name);
    };
    (@push $all:ident, $name:ident, $values:expr) => {
        for value in $values {
            $all.push(UiCommand::$name(value));
        }
    };
}

ui_commands! {
    CommandPalette,
    Find,
    Undo,
    Redo,
    AddSkill,
    DeleteSelected,
    NewRoadmap,
    SaveRoadmap,
    SaveRoadmapAs,
    UpdateFork,
    TidyLayout,
    RoadmapDetails,
    SetStatus(Status) in [Status::Learned, Status::Learning, Status::Skipped, Status::NotStarted],
    /// Learned ↔ not started, in one key.
    ToggleLearned,
    /// Hold the selected skill at a level of the roadmap's scale, 1 the lowest; 0 clears it.
    SetLevel(u8) in [1, 2, 3, 4, 0],
    /// Select the nearest skill in a direction on the canvas.
    SelectNearby(Direction) in [Direction::Left, Direction::Right, Direction::Up, Direction::Down],
    /// Select the next or previous skill in reading order.
    SelectNext,
    SelectPrevious,
    /// Follow an arrow back to a prerequisite, or on to a skill it unlocks.
    GoAlongArrow(Hop) in [Hop::Prerequisite, Hop::Unlocked],
    /// The next or previous of the skills the last arrow could have led to.
    NextAlongArrow,
    PreviousAlongArrow,
    /// The cursor into the selected skill's notes, and back to the canvas.
    WriteNotes,
    FocusCanvas,
    EditSkill,
    ShowRequirements,
    CopySkills,
    PasteSkills,
    ShowTimeline,
    FitView,
    ZoomToSelection,
    Deselect,
    ToggleWheelZoom,
    OpenRoadmap,
    OpenBundledRoadmap,
    OpenProgress,
    SaveProgressAs,
    ExportProgress,
    ExportKeptProgress,
    ShowTeam,
    /// Colour the graph by how many team members learned each skill, or back.
    ToggleTeamCoverage,
    NewTeam,
    OpenTeam,
    OpenExampleTeam,
    SaveTeamAs,
    CloseTeam,
    Export(ExportFormat) in ExportFormat::ALL,
    ToggleTheme,
    FollowSystemTheme,
    LargerText,
    SmallerText,
    ResetTextSize,
    ShowShortcuts,
    About,
    Quit,
}

impl UiCommand {
    pub fn text(self) -> &'static str {
        match self {
            UiCommand::OpenRoadmap => "Open roadmap…",
            UiCommand::OpenBundledRoadmap => "Open the bundled back end roadmap",
            UiCommand::OpenProgress => "Open progress…",
            UiCommand::SaveProgressAs => "Save progress as…",
            UiCommand::Quit => "Quit",
            UiCommand::FitView => "Fit",
            UiCommand::ZoomToSelection => "Show selected skill",
            UiCommand::Deselect => "Clear selection",
            UiCommand::SetStatus(Status::Learned) => "Mark learned",
            UiCommand::SetStatus(Status::Learning) => "Mark learning",
            UiCommand::SetStatus(Status::Skipped) => "Mark skipped",
            UiCommand::SetStatus(Status::NotStarted) => "Mark not started",
            UiCommand::ToggleLearned => "Toggle learned",
            UiCommand::GoAlongArrow(Hop::Prerequisite) => "Go to a prerequisite",
            UiCommand::GoAlongArrow(Hop::Unlocked) => "Go to what it unlocks",
            UiCommand::NextAlongArrow => "Next prerequisite or unlocked skill",
            UiCommand::PreviousAlongArrow => "Previous prerequisite or unlocked skill",
            UiCommand::WriteNotes => "Write notes",
            UiCommand::FocusCanvas => "Back to the canvas",
            UiCommand::EditSkill => "Edit skill…",
            UiCommand::ShowRequirements => "Show what it needs",
            UiCommand::CopySkills => "Copy skills",
            UiCommand::PasteSkills => "Paste skills",
            UiCommand::ToggleWheelZoom => "Mouse wheel zooms",
            UiCommand::SetLevel(1) => "Set level 1",
            UiCommand::SetLevel(2) => "Set level 2",
            UiCommand::SetLevel(3) => "Set level 3",
            UiCommand::SetLevel(4) => "Set level 4",
            UiCommand::SetLevel(_) => "Clear level",
            UiCommand::ToggleTheme => "Switch light/dark theme",
            UiCommand::FollowSystemTheme => "Follow the system theme",
            UiCommand::LargerText => "Larger text",
            UiCommand::SmallerText => "Smaller text",
            UiCommand::ResetTextSize => "Normal text size",
            UiCommand::ShowTimeline => "Timeline…",
            UiCommand::ShowShortcuts => "Keyboard shortcuts",
            UiCommand::About => "About Waymark…",
            UiCommand::Undo => "Undo",
            UiCommand::Redo => "Redo",
            UiCommand::AddSkill => "Add skill",
            UiCommand::DeleteSelected => "Delete selected skills",
            UiCommand::NewRoadmap => "New roadmap",
            UiCommand::SaveRoadmap => "Save roadmap",
            UiCommand::SaveRoadmapAs => "Save roadmap as…",
            UiCommand::UpdateFork => "Update from the original…",
            UiCommand::TidyLayout => "Tidy layout",
            UiCommand::RoadmapDetails => "Roadmap details and stages…",
            UiCommand::Find => "Find…",
            UiCommand::CommandPalette => "Command palette…",
            UiCommand::SelectNearby(Direction::Left) => "Select the skill to the left",
            UiCommand::SelectNearby(Direction::Right) => "Select the skill to the right",
            UiCommand::SelectNearby(Direction::Up) => "Select the skill above",
            UiCommand::SelectNearby(Direction::Down) => "Select the skill below",
            UiCommand::SelectNext => "Select the next skill",
            UiCommand::SelectPrevious => "Select the previous skill",
            UiCommand::Export(ExportFormat::Svg) => "Export as SVG image…",
            UiCommand::Export(ExportFormat::Png) => "Export as PNG image…",
            UiCommand::Export(ExportFormat::Markdown) => "Export as Markdown checklist…",
            UiCommand::Export(ExportFormat::JsonCanvas) => "Export as JSON Canvas (Obsidian)…",
            UiCommand::NewTeam => "New team plan…",
            UiCommand::OpenTeam => "Open team plan…",
            UiCommand::OpenExampleTeam => "Open the example team plan",
            UiCommand::SaveTeamAs => "Save team plan as…",
            UiCommand::CloseTeam => "Close team plan",
            UiCommand::ShowTeam => "Team plan",
            UiCommand::ToggleTeamCoverage => "Team coverage on the graph",
            UiCommand::ExportProgress => "Export progress…",
            UiCommand::ExportKeptProgress => "Export kept progress…",
        }
    }

    pub fn tooltip(self) -> &'static str {
        match self {
            UiCommand::OpenRoadmap => "Open a roadmap file (.ron)",
            UiCommand::OpenBundledRoadmap => "Go back to the roadmap that ships with Waymark",
            UiCommand::OpenProgress => {
                "Use a progress file (yours, or one someone shared) for this roadmap; it autosaves there from now on"
            }
            UiCommand::SaveProgressAs => {
                "Write your progress to a file of your choice; it autosaves there from now on"
            }
            UiCommand::Quit => "Close Waymark (progress is already saved)",
            UiCommand::FitView => "Show the whole roadmap",
            UiCommand::ZoomToSelection => "Centre the selected skill at a readable zoom",
            UiCommand::Deselect => "Clear the selection",
            UiCommand::SetStatus(Status::Learned) => "You know this skill",
            UiCommand::SetStatus(Status::Learning) => "You are learning this skill now",
            UiCommand::SetStatus(Status::Skipped) => {
                "You decided not to learn it: it no longer counts against progress"
            }
            UiCommand::SetStatus(Status::NotStarted) => "Back to not started",
            UiCommand::ToggleLearned => {
                "Mark the selected skill learned, or back to not started if it is learned"
            }
            UiCommand::GoAlongArrow(Hop::Prerequisite) => {
                "Follow an arrow back from the selected skill to something it needs; press again to go further back"
            }
            UiCommand::GoAlongArrow(Hop::Unlocked) => {
                "Follow an arrow on from the selected skill to a skill it opens the way to; press again to go further"
            }
            UiCommand::NextAlongArrow | UiCommand::PreviousAlongArrow => {
                "After following an arrow: the other skills it could have led to, in turn"
            }
            UiCommand::WriteNotes => {
                "Put the cursor in the selected skill's notes (Esc or F6 comes back)"
            }
            UiCommand::FocusCanvas => {
                "Give the keyboard back to the canvas, from a text field or a panel"
            }
            UiCommand::EditSkill => {
                "Open the selected skill's edit form: title, summary, stage, links…"
            }
            UiCommand::ShowRequirements => {
                "Select the skill with everything it needs, its prerequisites and theirs, and show them all"
            }
            UiCommand::CopySkills => {
                "Copy the selected skills, to paste into this or another roadmap (or a text editor)"
            }
            UiCommand::PasteSkills => {
                "Add the skills copied, under the pointer or in the middle of the view"
            }
            UiCommand::ToggleWheelZoom => {
                "On: the mouse wheel zooms. Off (the default): it pans, and Ctrl with the wheel zooms"
            }
            UiCommand::SetLevel(0) => {
                "Forget the level given: a learned skill holds the roadmap's learned level"
            }
            UiCommand::SetLevel(_) => {
                "Hold the selected skill at this level of the roadmap's scale (1 is the lowest)"
            }
            UiCommand::ToggleTheme => "Switch between the light and the dark theme",
            UiCommand::FollowSystemTheme => {
                "Light or dark as the desktop is set, changing when it changes"
            }
            UiCommand::LargerText => "Make everything in the window larger",
            UiCommand::SmallerText => "Make everything in the window smaller",
            UiCommand::ResetTextSize => "Back to the normal size",
            UiCommand::ShowTimeline => {
                "Every status change by week or month, for a date range, with your notes"
            }
            UiCommand::ShowShortcuts => "List every keyboard shortcut",
            UiCommand::About => "The version, where your progress is kept, the licence",
            UiCommand::Undo => "Take back the last change",
            UiCommand::Redo => "Do again what was undone",
            UiCommand::AddSkill => {
                "Add a skill in the middle of the view (or double-click empty space)"
            }
            UiCommand::DeleteSelected => "Delete the selected skills; progress on them is kept",
            UiCommand::NewRoadmap => "Start an empty roadmap with the default stages",
            UiCommand::SaveRoadmap => {
                "Save the roadmap to its file (a bundled roadmap asks where to save a copy)"
            }
            UiCommand::SaveRoadmapAs => {
                "Save a copy to adapt: a new file with a new roadmap id that remembers the roadmap it came from and shares your progress with it"
            }
            UiCommand::UpdateFork => {
                "Take the next version of the roadmap this copy was made from, keeping your own changes (a bundled original comes with Waymark; any other is picked as a file)"
            }
            UiCommand::TidyLayout => {
                "Lay out the selected skills (or all skills) automatically again, forgetting where they were dragged"
            }
            UiCommand::RoadmapDetails => "Title, description, author, licence and stages",
            UiCommand::Find => {
                "Search titles, summaries, links and notes; filter by status, stage and area"
            }
            UiCommand::CommandPalette => "Run any command by typing its name (also Ctrl+K)",
            UiCommand::SelectNearby(_) => {
                "Move the selection to the nearest skill that way on the canvas"
            }
            UiCommand::SelectNext | UiCommand::SelectPrevious => {
                "Move through the skills stage by stage, column by column"
            }
            UiCommand::Export(ExportFormat::Svg) => {
                "The whole roadmap with your statuses, as a vector image for a browser or Inkscape"
            }
            UiCommand::Export(ExportFormat::Png) => {
                "The whole roadmap as the canvas draws it, at twice the size of the canvas at 1:1"
            }
            UiCommand::Export(ExportFormat::Markdown) => {
                "A checklist per stage with statuses, notes and links, for a 1:1 or a README"
            }
            UiCommand::Export(ExportFormat::JsonCanvas) => {
                "Skills as cards at their places, prerequisites as arrows, status as colour: opens in Obsidian"
            }
            UiCommand::NewTeam => {
                "Start a team plan on this roadmap: people, their targets and progress, in one file"
            }
            UiCommand::OpenTeam => "Open a team plan file (.ron) and its roadmap",
            UiCommand::OpenExampleTeam => {
                "A fictional team of four at different levels, on the bundled roadmap (opens your own copy)"
            }
            UiCommand::SaveTeamAs => {
                "Write the team plan to a new file; links to people's progress files follow it"
            }
            UiCommand::CloseTeam => "Close the team plan (it is already saved)",
            UiCommand::ShowTeam => "Members, the team matrix and insights",
            UiCommand::ToggleTeamCoverage => {
                "Colour each skill by how many team members learned it, or go back to your own progress"
            }
            UiCommand::ExportProgress => {
                "Write your statuses (and, if you want, your notes) to a file to share; private notes never leave"
            }
            UiCommand::ExportKeptProgress => {
                "Write the progress on skills this roadmap no longer has to a file of its own"
            }
        }
    }

    /// The shortcut shown in menus and tooltips.
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        self.shortcuts().first().copied()
    }

    /// Every shortcut that runs the command, the one shown in menus first.
    pub fn shortcuts(self) -> Vec<KeyboardShortcut> {
        let also = match self {
            // As on Windows, and as in many editors.
            UiCommand::Redo => Some(KeyboardShortcut::new(Modifiers::COMMAND, Key::Y)),
            UiCommand::CommandPalette => Some(KeyboardShortcut::new(Modifiers::COMMAND, Key::K)),
            // Ctrl and = too, as browsers take it: + is Shift and = on many keyboards.
            UiCommand::LargerText => Some(egui::gui_zoom::kb_shortcuts::ZOOM_IN_SECONDARY),
            _ => None,
        };
        self.main_shortcut().into_iter().chain(also).collect()
    }

    fn main_shortcut(self) -> Option<KeyboardShortcut> {
        let plain = |key| Some(KeyboardShortcut::new(Modifiers::NONE, key));
        let command = |key| Some(KeyboardShortcut::new(Modifiers::COMMAND, key));
        let alt = |key| Some(KeyboardShortcut::new(Modifiers::ALT, key));
        let command_shift = |key| {
            Some(KeyboardShortcut::new(
                Modifiers::COMMAND | Modifiers::SHIFT,
                key,
            ))
        };
        match self {
            UiCommand::OpenRoadmap => command(Key::O),
            UiCommand::OpenBundledRoadmap => None,
            UiCommand::UpdateFork => None,
            UiCommand::OpenProgress => command_shift(Key::O),
            UiCommand::SaveProgressAs => None,
            UiCommand::Quit => command(Key::Q),
            UiCommand::FitView => plain(Key::F),
            UiCommand::ZoomToSelection => plain(Key::C),
            UiCommand::Deselect => plain(Key::Escape),
            UiCommand::SetStatus(Status::Learned) => plain(Key::L),
            UiCommand::SetStatus(Status::Learning) => plain(Key::I),
            UiCommand::SetStatus(Status::Skipped) => plain(Key::S),
            UiCommand::SetStatus(Status::NotStarted) => plain(Key::N),
            UiCommand::ToggleLearned => plain(Key::Space),
            UiCommand::GoAlongArrow(Hop::Prerequisite) => alt(Key::ArrowLeft),
            UiCommand::GoAlongArrow(Hop::Unlocked) => alt(Key::ArrowRight),
            UiCommand::NextAlongArrow => alt(Key::ArrowDown),
            UiCommand::PreviousAlongArrow => alt(Key::ArrowUp),
            UiCommand::WriteNotes => plain(Key::Enter),
            UiCommand::FocusCanvas => plain(Key::F6),
            UiCommand::EditSkill => plain(Key::F2),
            UiCommand::ShowRequirements | UiCommand::ToggleWheelZoom => None,
            UiCommand::CopySkills => command(Key::C),
            UiCommand::PasteSkills => command(Key::V),
            UiCommand::SetLevel(1) => plain(Key::Num1),
            UiCommand::SetLevel(2) => plain(Key::Num2),
            UiCommand::SetLevel(3) => plain(Key::Num3),
            UiCommand::SetLevel(4) => plain(Key::Num4),
            UiCommand::SetLevel(_) => plain(Key::Num0),
            UiCommand::ToggleTheme => command_shift(Key::T),
            UiCommand::ShowShortcuts => plain(Key::F1),
            UiCommand::About => None,
            UiCommand::Undo => command(Key::Z),
            UiCommand::Redo => command_shift(Key::Z),
            UiCommand::AddSkill => plain(Key::A),
            UiCommand::DeleteSelected => plain(Key::Delete),
            UiCommand::NewRoadmap => command(Key::N),
            UiCommand::SaveRoadmap => command(Key::S),
            UiCommand::SaveRoadmapAs => command_shift(Key::S),
            UiCommand::Find => command(Key::F),
            UiCommand::CommandPalette => command_shift(Key::P),
            UiCommand::SelectNearby(Direction::Left) => plain(Key::ArrowLeft),
            UiCommand::SelectNearby(Direction::Right) => plain(Key::ArrowRight),
            UiCommand::SelectNearby(Direction::Up) => plain(Key::ArrowUp),
            UiCommand::SelectNearby(Direction::Down) => plain(Key::ArrowDown),
            UiCommand::SelectNext => plain(Key::Tab),
            UiCommand::SelectPrevious => Some(KeyboardShortcut::new(Modifiers::SHIFT, Key::Tab)),
            UiCommand::TidyLayout
            | UiCommand::RoadmapDetails
            | UiCommand::Export(_)
            | UiCommand::FollowSystemTheme => None,
            UiCommand::ShowTimeline => command_shift(Key::H),
            UiCommand::ShowTeam => command(Key::T),
            UiCommand::ToggleTeamCoverage => command(Key::G),
            UiCommand::NewTeam
            | UiCommand::OpenTeam
            | UiCommand::OpenExampleTeam
            | UiCommand::SaveTeamAs
            | UiCommand::CloseTeam
            | UiCommand::ExportProgress
            | UiCommand::ExportKeptProgress => None,
            // The keys egui would zoom with itself; taken here first, so the menus, F1 and
            // the palette show them, and egui never zooms a second time for the same press.
            UiCommand::LargerText => Some(egui::gui_zoom::kb_shortcuts::ZOOM_IN),
            UiCommand::SmallerText => Some(egui::gui_zoom::kb_shortcuts::ZOOM_OUT),
            UiCommand::ResetTextSize => Some(egui::gui_zoom::kb_shortcuts::ZOOM_RESET),
        }
    }

    /// Plain-key shortcuts are ignored while typing in a text field.
    pub fn is_plain_key(self) -> bool {
        self.shortcut()
            .is_some_and(|shortcut| shortcut.modifiers.is_none())
    }

    /// Keys that act on the canvas's selection, which a focused widget (a button in a
    /// panel) takes for itself: arrows and Tab move focus, Space and Enter press it.
    fn is_canvas_key(self) -> bool {
        matches!(
            self,
            UiCommand::SelectNearby(_)
                | UiCommand::SelectNext
                | UiCommand::SelectPrevious
                | UiCommand::ToggleLearned
                | UiCommand::WriteNotes
                | UiCommand::GoAlongArrow(_)
                | UiCommand::NextAlongArrow
                | UiCommand::PreviousAlongArrow
        )
    }

    /// Keys moving the selection, after which egui must not move its focus for the same
    /// press.
    fn is_skill_navigation(self) -> bool {
        self.is_canvas_key() && !matches!(self, UiCommand::ToggleLearned | UiCommand::WriteNotes)
    }

    /// The text with the shortcut, for tooltips: "Mark learned (L)".
    pub fn text_with_shortcut(self, ctx: &egui::Context) -> String {
        match self.shortcut() {
            Some(shortcut) => format!("{} ({})", self.text(), ctx.format_shortcut(&shortcut)),
            None => self.text().to_owned(),
        }
    }

    /// A menu entry: runs the command when clicked, shows the shortcut and tooltip.
    pub fn menu_button(self, ui: &mut egui::Ui, commands: &mut Vec<UiCommand>) {
        self.menu_button_with_text(ui, self.text(), commands);
    }

    /// A menu entry with its own text, for entries that name what they act on ("Undo move 3 skills").
    pub fn menu_button_with_text(
        self,
        ui: &mut egui::Ui,
        text: &str,
        commands: &mut Vec<UiCommand>,
    ) {
        let mut button = egui::Button::new(text);
        if let Some(shortcut) = self.shortcut() {
            button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
        }
        if ui.add(button).on_hover_text(self.tooltip()).clicked() {
            commands.push(self);
        }
    }
}

/// The commands whose shortcuts were pressed this frame. `was_typing` says whether a text
/// field had focus at the end of the last frame: egui drops focus on Escape before the app
/// sees the key, and that Escape only leaves the field.
pub fn pressed_commands(ctx: &egui::Context, was_typing: bool) -> Vec<UiCommand> {
    let typing = was_typing || ctx.text_edit_focused();
    // Behind a modal dialog, plain keys belong to the dialog: Escape closes it, and L or
    // Delete must not act on the canvas under it. An open menu or popup takes them too
    // (Escape closes it, arrows move in it).
    let modal_open = ctx.memory(|memory| memory.top_modal_layer().is_some());
    let popup_open = egui::Popup::is_any_open(ctx);
    let widget_focused = ctx.memory(|memory| memory.focused().is_some());
    let mut pressed = Vec::new();
    ctx.input_mut(|input| {
        for &(shortcut, command) in shortcuts_by_modifiers() {
            // Function keys type nothing: F1 and F6 work from a text field too.
            let types = shortcut.modifiers.is_none() && !is_function_key(shortcut.logical_key);
            if (typing || modal_open || popup_open) && types {
                continue;
            }
            if popup_open && command.is_canvas_key() {
                continue;
            }
            // Arrows, Tab, Space and Enter act on a widget while one has the keyboard (a
            // button in a panel); otherwise they act on the canvas.
            if widget_focused && command.is_canvas_key() {
                continue;
            }
            if input.consume_shortcut(&shortcut) {
                pressed.push(command);
            }
        }
    });
    if pressed.iter().any(|command| command.is_skill_navigation()) {
        // egui took the same key to focus the first widget; the key was for the canvas.
        ctx.memory_mut(|memory| memory.move_focus(egui::FocusDirection::None));
    }
    pressed
}

/// Every shortcut with its command, those with more modifiers first, so Ctrl+Shift+S is
/// never taken for Ctrl+S.
fn shortcuts_by_modifiers() -> &'static [(KeyboardShortcut, UiCommand)] {
    static SHORTCUTS: std::sync::LazyLock<Vec<(KeyboardShortcut, UiCommand)>> =
        std::sync::LazyLock::new(|| {
            let mut shortcuts: Vec<(KeyboardShortcut, UiCommand)> = UiCommand::all()
                .iter()
                .flat_map(|&command| command.shortcuts().into_iter().map(move |s| (s, command)))
                .collect();
            shortcuts
                .sort_by_key(|(shortcut, _)| std::cmp::Reverse(modifier_count(shortcut.modifiers)));
            shortcuts
        });
    &SHORTCUTS
}

fn is_function_key(key: Key) -> bool {
    matches!(
        key,
        Key::F1
            | Key::F2
            | Key::F3
            | Key::F4
            | Key::F5
            | Key::F6
            | Key::F7
            | Key::F8
            | Key::F9
            | Key::F10
            | Key::F11
            | Key::F12
    )
}

fn modifier_count(modifiers: Modifiers) -> u32 {
    u32::from(modifiers.alt)
        + u32::from(modifiers.command || modifiers.ctrl)
        + u32::from(modifiers.shift)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_is_listed_once() {
        let all = UiCommand::all();
        for (index, command) in all.iter().enumerate() {
            assert!(
                !all[..index].contains(command),
                "{command:?} is listed twice"
            );
        }
        for status in Status::ALL {
            assert!(all.contains(&UiCommand::SetStatus(status)), "{status:?}");
        }
        for format in ExportFormat::ALL {
            assert!(all.contains(&UiCommand::Export(format)), "{format:?}");
        }
        for direction in [
            Direction::Left,
            Direction::Right,
            Direction::Up,
            Direction::Down,
        ] {
            assert!(all.contains(&UiCommand::SelectNearby(direction)));
        }
        let names: std::collections::BTreeSet<&str> = all.iter().map(|c| c.text()).collect();
        assert_eq!(names.len(), all.len(), "two commands share a name");
    }

    /// The first two commands that share a shortcut, if any.
    fn first_clash(shortcuts: &[(KeyboardShortcut, UiCommand)]) -> Option<(UiCommand, UiCommand)> {
        shortcuts
            .iter()
            .enumerate()
            .find_map(|(index, (shortcut, command))| {
                shortcuts[..index]
                    .iter()
                    .find(|(other, _)| other == shortcut)
                    .map(|(_, other)| (*other, *command))
            })
    }

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let shortcuts = shortcuts_by_modifiers();
        assert_eq!(first_clash(shortcuts), None);
        // Ctrl+Y and Ctrl+K come from the table too.
        let redo = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);
        assert!(shortcuts.contains(&(redo, UiCommand::Redo)));
        let palette = KeyboardShortcut::new(Modifiers::COMMAND, Key::K);
        assert!(shortcuts.contains(&(palette, UiCommand::CommandPalette)));
    }

    #[test]
    fn a_shared_shortcut_is_found() {
        let undo = UiCommand::Undo.shortcut().unwrap();
        let mut shortcuts = shortcuts_by_modifiers().to_vec();
        shortcuts.push((undo, UiCommand::TidyLayout));
        assert_eq!(
            first_clash(&shortcuts),
            Some((UiCommand::Undo, UiCommand::TidyLayout))
        );
    }
}
