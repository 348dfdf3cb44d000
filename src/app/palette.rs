//! The command palette (Ctrl+Shift+P or Ctrl+K): every command by name, with its
//! shortcut, from the same list that makes the menus and tooltips.

use egui::{Key, RichText, TextEdit};

use super::command::UiCommand;

#[derive(Default)]
pub struct Palette {
    open: bool,
    query: String,
    /// The row Enter runs, moved with the arrow keys.
    active: usize,
    focus_pending: bool,
}

impl Palette {
    pub fn open(&mut self) {
        self.open = true;
        self.query.clear();
        self.active = 0;
        self.focus_pending = true;
    }

    pub fn is_open(&self) -> bool {
        self.open
    }
}

/// Commands whose name (or, below those, description) holds every word typed; names that
/// start with the first word come first.
pub fn matching_commands(query: &str) -> Vec<UiCommand> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    let mut ranked: Vec<(u8, usize, UiCommand)> = UiCommand::all()
        .iter()
        .copied()
        .filter(|command| *command != UiCommand::CommandPalette)
        .enumerate()
        .filter_map(|(order, command)| {
            let name = command.text().to_lowercase();
            let description = command.tooltip().to_lowercase();
            let rank = if words.iter().all(|word| name.contains(word.as_str())) {
                if words.first().is_none_or(|first| {
                    name.split_whitespace()
                        .any(|w| w.starts_with(first.as_str()))
                }) {
                    0
                } else {
                    1
                }
            } else if words
                .iter()
                .all(|word| name.contains(word.as_str()) || description.contains(word.as_str()))
            {
                2
            } else {
                return None;
            };
            Some((rank, order, command))
        })
        .collect();
    ranked.sort_by_key(|(rank, order, _)| (*rank, *order));
    ranked.into_iter().map(|(_, _, command)| command).collect()
}

/// Shows the palette when open; a command chosen is pushed onto `commands`.
pub fn palette_ui(ctx: &egui::Context, palette: &mut Palette, commands: &mut Vec<UiCommand>) {
    if !palette.open {
        return;
    }
    let matches = matching_commands(&palette.query);
    palette.active = palette.active.min(matches.len().saturating_sub(1));
    let (down, up, enter) = ctx.input_mut(|input| {
        (
            input.consume_key(egui::Modifiers::NONE, Key::ArrowDown),
            input.consume_key(egui::Modifiers::NONE, Key::ArrowUp),
            input.consume_key(egui::Modifiers::NONE, Key::Enter),
        )
    });
    if down {
        palette.active = (palette.active + 1).min(matches.len().saturating_sub(1));
    }
    if up {
        palette.active = palette.active.saturating_sub(1);
    }
    let mut chosen = enter
        .then(|| matches.get(palette.active).copied())
        .flatten();
    let modal = egui::Modal::new(egui::Id::unique("command-palette")).show(ctx, |ui| {
        ui.set_width(480.0);
        let response = ui.add(
            TextEdit::singleline(&mut palette.query)
                .hint_text("Type a command")
                .desired_width(f32::INFINITY),
        );
        if palette.focus_pending {
            response.request_focus();
            palette.focus_pending = false;
        }
        if response.changed() {
            palette.active = 0;
        }
        ui.add_space(4.0);
        egui::ScrollArea::vertical()
            .max_height(360.0)
            .show(ui, |ui| {
                if matches.is_empty() {
                    ui.label(RichText::new("No command has that name.").weak());
                }
                for (row, command) in matches.iter().enumerate() {
                    let shortcut = command
                        .shortcut()
                        .map(|s| ctx.format_shortcut(&s))
                        .unwrap_or_default();
                    let selected = row == palette.active;
                    let response = ui
                        .horizontal(|ui| {
                            let name = ui.selectable_label(selected, command.text());
                            ui.with_layout(
                                egui::Layout::right_to_left(egui::Align::Center),
                                |ui| {
                                    // Clear of the scroll bar.
                                    ui.add_space(14.0);
                                    ui.label(RichText::new(shortcut).monospace().weak());
                                },
                            );
                            name
                        })
                        .inner
                        .on_hover_text(command.tooltip());
                    if selected && (down || up) {
                        response.scroll_to_me(None);
                    }
                    if response.clicked() {
                        chosen = Some(*command);
                    }
                }
            });
    });
    if let Some(command) = chosen {
        palette.open = false;
        commands.push(command);
    } else if modal.should_close() {
        palette.open = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_is_listed_and_words_narrow_it() {
        assert_eq!(matching_commands("").len(), UiCommand::all().len() - 1);
        assert_eq!(
            matching_commands("learned").first(),
            Some(&UiCommand::SetStatus(crate::model::Status::Learned))
        );
        assert_eq!(
            matching_commands("save as").first(),
            Some(&UiCommand::SaveRoadmapAs)
        );
        // Found by what it does when the name does not say it.
        assert!(
            matching_commands("obsidian")
                .contains(&UiCommand::Export(crate::export::ExportFormat::JsonCanvas))
        );
        assert!(matching_commands("zzzz").is_empty());
    }
}
