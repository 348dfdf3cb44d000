//! The team matrix: skills by stage and area against members, each cell a status; a
//! clicked cell shows the member's note and changes their status.

use egui::{Color32, RichText, Sense, Vec2, WidgetInfo};

use super::TeamSession;
use super::intents::{TeamDialog, team_edit};
use crate::model::{MatrixSort, Member, SkillKind, Status, TeamEdit};
use crate::paint::palette as theme;
use crate::session::Action;
use crate::session::Document;
use crate::session::MatrixLine;

pub(super) fn matrix_ui(
    ui: &mut egui::Ui,
    session: &mut TeamSession,
    document: &Document,
    actions: &mut Vec<Action>,
    dialog: &mut Option<TeamDialog>,
) {
    session.refresh_matrix(document);
    filters_ui(ui, session, document, dialog);
    // The clicked cell's details sit in a box of one height, open or not, scrolling when a
    // note is long: the rows below never move between two clicks.
    egui::ScrollArea::vertical()
        .id_salt("matrix cell details")
        .max_height(CELL_DETAILS_HEIGHT)
        .auto_shrink([false, false])
        .show(ui, |ui| cell_details_ui(ui, session, document, actions));
    ui.separator();
    if session.team.members.is_empty() {
        ui.label("No members yet: add them on the Members tab.");
        return;
    }
    if let Some(cell) = grid_ui(ui, session, document, actions) {
        session.cell = Some(cell);
    }
}

/// The height of the box above the matrix that shows the clicked cell: its title and
/// status buttons, two lines of note and the focus line.
const CELL_DETAILS_HEIGHT: f32 = 96.0;

/// The matrix itself; returns the cell clicked, if any.
fn grid_ui(
    ui: &mut egui::Ui,
    session: &mut TeamSession,
    document: &Document,
    actions: &mut Vec<Action>,
) -> Option<(usize, String)> {
    let mut clicked = None;
    let roadmap = &document.roadmap;
    session.refresh_matrix(document);
    let counts = session.counts(document);
    let session = &*session;
    let (coverage, rows) = (&session.matrix.coverage, &session.matrix.rows);
    let title_of = |index: usize| {
        let skill = roadmap.skills.get(index);
        (
            skill.map_or("", |s| {
                roadmap
                    .stage(&s.stage)
                    .map_or(s.stage.as_str(), |st| st.title.as_str())
            }),
            skill.map_or("", |s| s.area.label()),
        )
    };
    let members = session.team.members.len();
    let dark_mode = ui.visuals().dark_mode;
    let grouped = session.filter.sort == MatrixSort::Stage;
    let lines = &session.matrix.lines;
    // Every column with the space after it: the columns out of view are not drawn, so
    // this is what lets the last ones scroll into view.
    let gap = ui.spacing().item_spacing.x;
    let width = SKILL_WIDTH + KNOWN_WIDTH + 2.0 * gap + members as f32 * (CELL_WIDTH + gap);
    // Only the rows in view are laid out, so a roadmap of thousands of skills scrolls
    // smoothly; the member names stay on top while the rows scroll under them.
    egui::ScrollArea::horizontal()
        .id_salt("team-matrix-columns")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.set_min_width(width);
            ui.horizontal(|ui| {
                fixed(ui, SKILL_WIDTH, |ui| {
                    ui.strong(format!("{} skills", rows.len()));
                });
                fixed(ui, KNOWN_WIDTH, |ui| {
                    ui.strong("Known by");
                });
                let shown = columns_in_view(ui, members);
                skip_columns(ui, shown.start, 2.0 * ROW_HEIGHT);
                for (member, counts) in (session.team.members.iter().zip(&counts))
                    .skip(shown.start)
                    .take(shown.len())
                {
                    let learned = counts.map_or_else(|| "?".to_owned(), |c| c.learned.to_string());
                    ui.allocate_ui_with_layout(
                        Vec2::new(CELL_WIDTH, 2.0 * ROW_HEIGHT),
                        egui::Layout::top_down(egui::Align::Min),
                        |ui| {
                            ui.set_width(CELL_WIDTH);
                            ui.add(
                                egui::Label::new(RichText::new(&member.name).strong()).truncate(),
                            )
                            .on_hover_text(&member.name);
                            ui.label(RichText::new(format!("{learned} learned")).weak());
                        },
                    );
                }
            });
            ui.separator();
            egui::ScrollArea::vertical()
                .id_salt("team-matrix-rows")
                .auto_shrink([false, false])
                .show_rows(ui, ROW_HEIGHT, lines.len(), |ui, range| {
                    for line in lines.get(range).unwrap_or_default() {
                        ui.horizontal(|ui| {
                            ui.set_height(ROW_HEIGHT - ui.spacing().item_spacing.y);
                            match *line {
                                MatrixLine::Stage(index) => {
                                    let (stage, _) = title_of(index);
                                    ui.label(RichText::new(stage).heading().size(15.0));
                                }
                                MatrixLine::Area(index) => {
                                    ui.strong(title_of(index).1);
                                }
                                MatrixLine::Skill(index) => {
                                    let Some(skill) = roadmap.skills.get(index) else {
                                        return;
                                    };
                                    let known = coverage.get(index).copied().unwrap_or(0);
                                    let label = if grouped {
                                        skill.title.clone()
                                    } else {
                                        format!("{} · {}", skill.title, skill.area.label())
                                    };
                                    fixed(ui, SKILL_WIDTH, |ui| {
                                        let link = egui::Label::new(
                                            RichText::new(label)
                                                .color(ui.visuals().hyperlink_color),
                                        )
                                        .truncate()
                                        .sense(Sense::click());
                                        let response = ui.add(link).on_hover_text(&skill.summary);
                                        if response.clicked() {
                                            actions.push(Action::Focus(skill.id.clone()));
                                        }
                                    });
                                    fixed(ui, KNOWN_WIDTH, |ui| {
                                        let text = RichText::new(format!("{known}/{members}"));
                                        ui.label(if known == 0 {
                                            text.color(theme::COVERAGE_GAP)
                                        } else {
                                            text
                                        });
                                    });
                                    // Only the columns in view: a team of hundreds is
                                    // as quick to draw as one of a few.
                                    let shown = columns_in_view(ui, members);
                                    skip_columns(ui, shown.start, ROW_HEIGHT);
                                    for (member_index, member) in
                                        (session.team.members.iter().enumerate())
                                            .skip(shown.start)
                                            .take(shown.len())
                                    {
                                        let selected =
                                            session.cell.as_ref().is_some_and(|(m, id)| {
                                                *m == member_index && *id == skill.id
                                            });
                                        let level = member
                                            .given_level(roadmap, &skill.id)
                                            .map(|rank| (rank, roadmap));
                                        let response = cell_ui(
                                            ui,
                                            member,
                                            (&skill.id, &skill.title),
                                            level,
                                            selected,
                                            dark_mode,
                                        );
                                        crate::app::automation::mark(
                                            ui.ctx(),
                                            "cell",
                                            format_args!("{member_index}:{}", skill.id),
                                            response.rect,
                                        );
                                        if response.clicked() {
                                            clicked = Some((member_index, skill.id.clone()));
                                        }
                                    }
                                }
                            }
                        });
                    }
                });
        });
    clicked
}

const SKILL_WIDTH: f32 = 240.0;
const KNOWN_WIDTH: f32 = 70.0;
const CELL_WIDTH: f32 = 90.0;
const ROW_HEIGHT: f32 = 26.0;

/// The member columns at least partly in view, from where the next one would start.
fn columns_in_view(ui: &egui::Ui, members: usize) -> std::ops::Range<usize> {
    let stride = CELL_WIDTH + ui.spacing().item_spacing.x;
    let start_x = ui.cursor().left();
    let clip = ui.clip_rect();
    let first = ((clip.left() - start_x) / stride).floor().max(0.0) as usize;
    let last = ((clip.right() - start_x) / stride).ceil().max(0.0) as usize;
    first.min(members)..last.min(members)
}

/// Room for `columns` member columns not drawn, so those after them stand where they
/// would (the scroll area's width is set for all of them).
fn skip_columns(ui: &mut egui::Ui, columns: usize, height: f32) {
    if columns > 0 {
        let stride = CELL_WIDTH + ui.spacing().item_spacing.x;
        let width = columns as f32 * stride - ui.spacing().item_spacing.x;
        ui.allocate_space(Vec2::new(width, height - ui.spacing().item_spacing.y));
    }
}

/// A column of the matrix: `width` wide, content from the left, vertically centred.
fn fixed(ui: &mut egui::Ui, width: f32, add_contents: impl FnOnce(&mut egui::Ui)) {
    ui.allocate_ui_with_layout(
        Vec2::new(width, ROW_HEIGHT - ui.spacing().item_spacing.y),
        egui::Layout::left_to_right(egui::Align::Center),
        |ui| {
            ui.set_width(width);
            add_contents(ui);
        },
    );
}

fn filters_ui(
    ui: &mut egui::Ui,
    session: &mut TeamSession,
    document: &Document,
    dialog: &mut Option<TeamDialog>,
) {
    let roadmap = &document.roadmap;
    ui.horizontal_wrapped(|ui| {
        let filter = &mut session.filter;
        ui.label("Stage");
        let stage_text = filter
            .stage
            .as_deref()
            .and_then(|id| roadmap.stage(id))
            .map_or("All", |s| s.title.as_str())
            .to_owned();
        egui::ComboBox::from_id_salt("matrix-stage")
            .selected_text(stage_text)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut filter.stage, None, "All");
                for stage in &roadmap.stages {
                    ui.selectable_value(&mut filter.stage, Some(stage.id.clone()), &stage.title);
                }
            })
            .response
            .accessible_name("Matrix stage");
        ui.label("Area");
        let areas = &session.matrix.areas;
        let area_text = filter.area.as_deref().map_or("All".to_owned(), |id| {
            crate::model::Area(id.to_owned()).label().to_owned()
        });
        egui::ComboBox::from_id_salt("matrix-area")
            .selected_text(area_text)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut filter.area, None, "All");
                for area in areas {
                    ui.selectable_value(&mut filter.area, Some(area.0.clone()), area.label());
                }
            })
            .response
            .accessible_name("Matrix area");
        ui.label("Status");
        egui::ComboBox::from_id_salt("matrix-status")
            .selected_text(filter.status.map_or("Any", |s| s.label()))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut filter.status, None, "Any");
                for status in Status::ALL {
                    ui.selectable_value(&mut filter.status, Some(status), status.label())
                        .on_hover_text("Skills where someone has this status");
                }
            })
            .response
            .accessible_name("Matrix status");
        ui.label("Sort by");
        egui::ComboBox::from_id_salt("matrix-sort")
            .selected_text(filter.sort.label())
            .show_ui(ui, |ui| {
                for sort in MatrixSort::ALL {
                    ui.selectable_value(&mut filter.sort, sort, sort.label());
                }
            })
            .response
            .accessible_name("Matrix sort");
        if ui.button("Export CSV…").clicked() {
            *dialog = Some(TeamDialog::ExportMatrixCsv);
        }
    });
}

/// One matrix cell: the member's status as icon and colour, a ring when it is one of
/// their focus skills; named for screen readers.
/// One member's cell for one skill: the status, shaded along its foot by the level the
/// team goes by (the manager's rating, else the person's own), as far as the scale goes.
fn cell_ui(
    ui: &mut egui::Ui,
    member: &Member,
    (skill_id, skill_title): (&str, &str),
    level: Option<(usize, &crate::model::Roadmap)>,
    selected: bool,
    dark_mode: bool,
) -> egui::Response {
    // The whole column's width and the row's height take the click; the cell is drawn at
    // its left, as in a column laid out for it, without a layout of its own.
    let size = Vec2::new(CELL_WIDTH, ROW_HEIGHT - ui.spacing().item_spacing.y);
    let (column, response) = ui.allocate_exact_size(size, Sense::click());
    let rect = egui::Align2::LEFT_CENTER.align_size_within_rect(Vec2::new(44.0, 22.0), column);
    let status = member.status(skill_id);
    let focus = member.focus(skill_id).is_some();
    // Written out only when a screen reader or the tooltip asks for it.
    let name = || {
        let level_text = level.map_or(String::new(), |(rank, roadmap)| {
            format!(", {}", roadmap.level_title(rank))
        });
        match status {
            Some(status) => format!(
                "{}, {skill_title}: {}{level_text}{}",
                member.name,
                status.label(),
                if focus { ", focus" } else { "" }
            ),
            None => format!("{}, {skill_title}: progress unavailable", member.name),
        }
    };
    response.widget_info(|| WidgetInfo::labeled(egui::Role::Button, true, name()));
    if ui.is_rect_visible(rect) {
        let painter = ui.painter();
        let fill = match status {
            Some(status) => theme::node_fill(status, dark_mode),
            None => Color32::TRANSPARENT,
        };
        painter.rect_filled(rect.shrink(1.0), 4.0, fill);
        if let Some((rank, roadmap)) = level {
            let levels = roadmap.levels.len().max(1) as f32;
            let inner = rect.shrink(3.0);
            let width = inner.width() * (rank as f32 / levels).min(1.0);
            // Below the status icon, inside the cell's fill.
            let bar = egui::Rect::from_min_size(
                egui::pos2(inner.left(), rect.bottom() - 3.5),
                Vec2::new(width, 2.0),
            );
            painter.rect_filled(bar, 1.0, theme::level_color(dark_mode));
        }
        if selected || response.hovered() {
            painter.rect_stroke(
                rect.shrink(1.0),
                4.0,
                egui::Stroke::new(2.0, theme::ACCENT),
                egui::StrokeKind::Inside,
            );
        }
        match status {
            Some(status) => {
                theme::paint_status_icon(painter, rect.center(), 7.0, status, dark_mode);
                if focus {
                    painter.circle_stroke(
                        rect.center(),
                        10.0,
                        egui::Stroke::new(1.5, theme::ACCENT),
                    );
                }
            }
            None => {
                painter.text(
                    rect.center(),
                    egui::Align2::CENTER_CENTER,
                    "?",
                    egui::FontId::proportional(13.0),
                    ui.visuals().weak_text_color(),
                );
            }
        }
    }
    response.on_hover_ui(|ui| {
        ui.label(name());
    })
}

/// The clicked cell: the member's status on the skill (changeable), their note, and the
/// focus the manager set.
fn cell_details_ui(
    ui: &mut egui::Ui,
    session: &mut TeamSession,
    document: &Document,
    actions: &mut Vec<Action>,
) {
    let Some((member_index, skill_id)) = session.cell.clone() else {
        ui.label(RichText::new("Click a cell to see the note and change the status.").weak());
        return;
    };
    if !member_skill_ui(ui, session, member_index, &skill_id, document, actions) {
        session.cell = None;
    }
}

/// One member's status on a skill with buttons to change it, their note and the focus set
/// for it. Returns false when the member or the skill is gone.
pub fn member_skill_ui(
    ui: &mut egui::Ui,
    session: &TeamSession,
    member_index: usize,
    skill_id: &str,
    document: &Document,
    actions: &mut Vec<Action>,
) -> bool {
    let (Some(member), Some(skill)) = (
        session.team.members.get(member_index),
        document.skill(skill_id),
    ) else {
        return false;
    };
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            ui.strong(format!("{} · {}", member.name, skill.title));
            let Some(current) = member.status(skill_id) else {
                ui.label("progress unavailable");
                return;
            };
            if skill.kind == SkillKind::Milestone {
                return;
            }
            for status in Status::ALL {
                if ui
                    .selectable_label(current == status, status.label())
                    .clicked()
                    && current != status
                {
                    actions.push(team_edit(
                        TeamEdit::SetStatus {
                            member: member_index,
                            skill_id: skill_id.to_owned(),
                            status,
                        },
                        None,
                    ));
                }
            }
        });
        let notes = member.progress().map_or("", |p| p.shared_notes(skill_id));
        if notes.is_empty() {
            ui.label(RichText::new("No notes on this skill.").weak());
        } else {
            ui.label(notes);
        }
        if let Some(focus) = member.focus(skill_id) {
            let due = focus
                .due
                .map(|d| format!(", due {}", d.date_string()))
                .unwrap_or_default();
            ui.label(format!("Focus skill{due}. {}", focus.note));
        }
    });
    true
}
