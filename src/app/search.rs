//! The search box at the top of the left panel: a query, filters by status, stage and area,
//! and the ranked results. While a search is active the canvas highlights what matches and
//! dims the rest.

use egui::{Key, RichText, TextEdit};

use crate::app::icons;
use crate::model::{Area, SearchFilter, SearchHit, Status};
use crate::session::Action;
use crate::session::Document;

/// Results listed at most; the canvas still highlights every match.
const SHOWN_RESULTS: usize = 100;

#[derive(Default)]
pub struct SearchState {
    pub query: String,
    pub filter: SearchFilter,
    hits: Vec<SearchHit>,
    /// Whether each skill (by index) matches, for the canvas.
    matched: Vec<bool>,
    /// The result Enter opens, moved with the arrow keys.
    active: usize,
    /// What `hits` were computed for: query, filter and document revision.
    computed_for: Option<(String, SearchFilter, u64)>,
    /// Set by Ctrl+F: the search box takes the keyboard next frame.
    pub focus_requested: bool,
}

impl SearchState {
    pub fn is_active(&self) -> bool {
        !self.query.trim().is_empty() || !self.filter.is_empty()
    }

    /// Which skills match, by index, while a search is active.
    pub fn highlight(&self) -> Option<&[bool]> {
        self.is_active().then_some(self.matched.as_slice())
    }

    pub fn hits(&self) -> &[SearchHit] {
        &self.hits
    }

    pub fn clear(&mut self) {
        self.query.clear();
        self.filter = SearchFilter::default();
    }

    /// Runs the search again if the query, the filter or the document changed.
    pub fn refresh(&mut self, document: &mut Document) {
        let key = (self.query.clone(), self.filter.clone(), document.revision());
        if self.computed_for.as_ref() == Some(&key) {
            return;
        }
        let query_changed = self
            .computed_for
            .as_ref()
            .is_none_or(|(query, filter, _)| *query != key.0 || *filter != key.1);
        self.hits = if self.is_active() {
            document.search(&self.query, &self.filter)
        } else {
            Vec::new()
        };
        self.matched.clear();
        self.matched.resize(document.roadmap.skills.len(), false);
        for hit in &self.hits {
            if let Some(matched) = self.matched.get_mut(hit.skill_index) {
                *matched = true;
            }
        }
        if query_changed {
            self.active = 0;
        }
        self.active = self.active.min(self.hits.len().saturating_sub(1));
        self.computed_for = Some(key);
    }
}

/// The search box, filters and results. Returns whether results are showing (the rest of
/// the panel makes way for them).
pub fn search_ui(
    ui: &mut egui::Ui,
    document: &Document,
    search: &mut SearchState,
    actions: &mut Vec<Action>,
) -> bool {
    let shortcut = ui.ctx().format_shortcut(&egui::KeyboardShortcut::new(
        egui::Modifiers::COMMAND,
        Key::F,
    ));
    // Arrow keys and Enter move through the results while the box has the keyboard; taken
    // before the text field sees them.
    let box_id = ui.make_persistent_id("search-box");
    let box_focused = ui.memory(|memory| memory.has_focus(box_id));
    let mut open_active = false;
    if box_focused && !search.hits.is_empty() {
        ui.input_mut(|input| {
            if input.consume_key(egui::Modifiers::NONE, Key::ArrowDown) {
                search.active = (search.active + 1).min(search.hits.len() - 1);
            }
            if input.consume_key(egui::Modifiers::NONE, Key::ArrowUp) {
                search.active = search.active.saturating_sub(1);
            }
        });
    }
    let response = ui.add(
        TextEdit::singleline(&mut search.query)
            .id(box_id)
            .hint_text(format!("Search skills and notes ({shortcut})"))
            .desired_width(ui.available_width()),
    );
    // A hint is no name: screen readers read the box as "Search skills and notes".
    let query = search.query.clone();
    let enabled = ui.is_enabled();
    response.widget_info(|| {
        let mut info = egui::WidgetInfo::text_edit(enabled, &query, &query, "");
        info.label = Some("Search skills and notes".to_owned());
        info
    });
    if search.focus_requested {
        response.request_focus();
        search.focus_requested = false;
    }
    if response.lost_focus() {
        let (enter, escape) = ui.input(|input| {
            (
                input.key_pressed(Key::Enter),
                input.key_pressed(Key::Escape),
            )
        });
        if enter {
            open_active = true;
        } else if escape {
            search.clear();
        }
    }
    filters_ui(ui, document, &mut search.filter);
    if !search.is_active() {
        return false;
    }

    ui.horizontal(|ui| {
        let count = search.hits.len();
        ui.strong(match count {
            0 => "No skills found".to_owned(),
            1 => "1 skill".to_owned(),
            n => format!("{n} skills"),
        });
        if ui
            .small_button("Clear")
            .on_hover_text("Clear the search and filters (Escape in the search box)")
            .clicked()
        {
            search.clear();
        }
    });
    if search.hits.is_empty() && !search.query.trim().is_empty() {
        ui.label(RichText::new("Try fewer words, or clear a filter.").weak());
    }
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (position, hit) in search.hits.iter().take(SHOWN_RESULTS).enumerate() {
                let Some(skill) = document.roadmap.skills.get(hit.skill_index) else {
                    continue;
                };
                let active = position == search.active;
                let status = document.status_at(hit.skill_index);
                // A long title is cut to the panel (the full one on hover): a row wider
                // than the panel widened it for good, moving what was below the pointer.
                let row = ui.horizontal(|ui| {
                    icons::status_icon_ui(ui, status);
                    ui.add(egui::Button::selectable(active, skill.title.as_str()).truncate())
                        .on_hover_text(skill.title.as_str())
                });
                let clicked = row.inner.clicked();
                if active && open_active || clicked {
                    search.active = position;
                    actions.push(Action::Focus(skill.id.clone()));
                }
                if active {
                    row.response.scroll_to_me(None);
                }
                if let Some(field) = hit.field.filter(|f| *f != crate::model::MatchField::Title) {
                    let snippet = document.search_snippet(hit);
                    // Where it matched, a little smaller than the title but as readable:
                    // egui's "small" text is 9 points, and its weak grey faint on the
                    // dark panel.
                    let colour = ui.visuals().text_color().gamma_multiply(0.85);
                    ui.label(
                        RichText::new(format!("{}: {snippet}", field.label()))
                            .size(12.5)
                            .color(colour),
                    );
                }
            }
            if search.hits.len() > SHOWN_RESULTS {
                ui.label(
                    RichText::new(format!(
                        "and {} more, highlighted on the canvas",
                        search.hits.len() - SHOWN_RESULTS
                    ))
                    .weak(),
                );
            }
        });
    true
}

fn filters_ui(ui: &mut egui::Ui, document: &Document, filter: &mut SearchFilter) {
    ui.horizontal_wrapped(|ui| {
        let status_text = filter.status.map_or("Any status", |status| status.label());
        egui::ComboBox::from_id_salt("filter-status")
            .selected_text(status_text)
            .width(64.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut filter.status, None, "Any status");
                for status in Status::ALL {
                    ui.selectable_value(&mut filter.status, Some(status), status.label());
                }
            })
            .response
            .accessible_name("Filter by status")
            .on_hover_text("Filter by status");
        let stage_text = filter
            .stage
            .as_ref()
            .and_then(|id| document.roadmap.stage(id))
            .map_or("Any stage", |stage| stage.title.as_str());
        egui::ComboBox::from_id_salt("filter-stage")
            .selected_text(stage_text)
            .width(64.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut filter.stage, None, "Any stage");
                for stage in &document.roadmap.stages {
                    ui.selectable_value(&mut filter.stage, Some(stage.id.clone()), &stage.title);
                }
            })
            .response
            .accessible_name("Filter by stage")
            .on_hover_text("Filter by stage");
        let area_text = filter.area.as_ref().map_or("Any area".to_owned(), |area| {
            Area(area.clone()).label().to_owned()
        });
        egui::ComboBox::from_id_salt("filter-area")
            .selected_text(area_text)
            .width(64.0)
            .show_ui(ui, |ui| {
                // Listed only while the list is open: a big roadmap has many skills to look at.
                let mut areas: Vec<&str> = document
                    .roadmap
                    .skills
                    .iter()
                    .map(|skill| skill.area.0.as_str())
                    .collect();
                areas.sort_unstable();
                areas.dedup();
                ui.selectable_value(&mut filter.area, None, "Any area");
                for area in areas {
                    let label = Area(area.to_owned()).label().to_owned();
                    ui.selectable_value(&mut filter.area, Some(area.to_owned()), label);
                }
            })
            .response
            .accessible_name("Filter by area")
            .on_hover_text("Filter by area");
    });
}
