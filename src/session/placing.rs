//! Putting skills on the canvas by hand: one added where the person pointed (or in the
//! middle of the view), or those pasted from the clipboard. Each goes into the stage whose
//! band is under the point, at the nearest free spot inside that band, never over another
//! skill and never under another stage's heading.

use emath::{Pos2, Rect, Vec2};

use super::layout::{self, NODE_HEIGHT, NODE_WIDTH, StageBand};
use super::{Action, Effect, Session, ViewRequest};
use crate::files::clipboard;
use crate::model::{RoadmapEdit, Skill};

/// Gaps kept between a placed skill and its neighbours.
const ROW_GAP: f32 = 12.0;
const COLUMN_GAP: f32 = 40.0;
/// How many steps each way the search for a free spot goes.
const SEARCH_STEPS: i32 = 24;

impl Session {
    /// Adds a skill in the stage under a scene point, selects it and starts editing its
    /// title.
    pub(super) fn add_skill_at(&mut self, x: f32, y: f32) {
        let Some(band) = self.band_near(x, y) else {
            self.show_notice("Add a stage first: Edit > Roadmap details and stages…".to_owned());
            return;
        };
        let title = super::apply::NEW_SKILL_TITLE;
        let skill = Skill {
            position: self.free_spot_in(&band, x - NODE_WIDTH / 2.0, y - NODE_HEIGHT / 2.0, &[]),
            ..Skill::new(
                self.document.roadmap.unique_skill_id(title),
                title,
                band.stage_id.clone(),
            )
        };
        let skill_id = skill.id.clone();
        self.apply_now(Action::Edit {
            edit: RoadmapEdit::AddSkill { skill },
            gesture: None,
        });
        if self.document.skill(&skill_id).is_some() {
            self.selection.select(Some(skill_id.clone()));
            self.effects
                .push(Effect::View(ViewRequest::Reveal(skill_id)));
            self.effects.push(Effect::EditTitle);
        }
    }

    /// Adds the skills copied on the clipboard, as one undo step, around a scene point in
    /// the stage under it: their arrangement kept, ids that are taken given new ones, and
    /// prerequisites kept where this roadmap has them (or they came along).
    pub(super) fn paste_skills(&mut self, text: &str, x: f32, y: f32) {
        let pasted = match clipboard::skills_from_text(text) {
            Ok(skills) => skills,
            Err(error) => {
                self.show_notice(format!("Nothing pasted: {error}"));
                return;
            }
        };
        let Some(band) = self.band_near(x, y) else {
            self.show_notice("Add a stage first: Edit > Roadmap details and stages…".to_owned());
            return;
        };
        let skills = self.place_pasted(pasted, &band, (x, y));
        let ids: Vec<String> = skills.iter().map(|skill| skill.id.clone()).collect();
        let label = match skills.as_slice() {
            [one] => format!("paste “{}”", one.title),
            many => format!("paste {} skills", many.len()),
        };
        let mut candidate = self.document.roadmap.clone();
        candidate.skills.extend(skills.iter().cloned());
        if let Some(problem) = crate::files::validate_roadmap(&candidate, "")
            .into_iter()
            .find(crate::files::Problem::is_error)
        {
            self.show_notice(format!("Nothing pasted: {}", problem.message));
            return;
        }
        self.record_change(label, None, |session| {
            session.document.add_skills(skills).map(|()| true)
        });
        let added: Vec<String> = ids
            .into_iter()
            .filter(|id| self.document.skill(id).is_some())
            .collect();
        if let Some(first) = added.first() {
            self.effects
                .push(Effect::View(ViewRequest::Reveal(first.clone())));
        }
        self.selection.select_many(added);
    }

    /// The pasted skills made fit for this roadmap: new ids where theirs are taken, the
    /// stage under the point, prerequisites that exist, each at a free spot.
    fn place_pasted(&self, pasted: Vec<Skill>, band: &StageBand, (x, y): (f32, f32)) -> Vec<Skill> {
        let roadmap = &self.document.roadmap;
        let mut renamed: foldhash::HashMap<String, String> = foldhash::HashMap::default();
        let mut taken: Vec<String> = Vec::new();
        for skill in &pasted {
            let mut id = skill.id.clone();
            let mut n = 2;
            while roadmap.skill(&id).is_some()
                || roadmap.group(&id).is_some()
                || taken.contains(&id)
            {
                id = format!("{}-{n}", skill.id);
                n += 1;
            }
            taken.push(id.clone());
            renamed.insert(skill.id.clone(), id);
        }
        // The first skill lands at the point; the others keep where they were from it.
        let origin = pasted
            .first()
            .and_then(|skill| skill.position)
            .unwrap_or((x, y));
        let mut placed: Vec<Skill> = Vec::with_capacity(pasted.len());
        let mut spots: Vec<[f32; 2]> = Vec::with_capacity(pasted.len());
        for skill in pasted {
            let (px, py) = skill.position.unwrap_or(origin);
            let want = (
                x - NODE_WIDTH / 2.0 + px - origin.0,
                y - NODE_HEIGHT / 2.0 + py - origin.1,
            );
            let position = self.free_spot_in(band, want.0, want.1, &spots);
            if let Some((sx, sy)) = position {
                spots.push([sx, sy]);
            }
            let requires = (skill.requires.iter())
                .filter_map(|required| match renamed.get(required) {
                    Some(new_id) => Some(new_id.clone()),
                    None => (roadmap.skill(required).is_some()
                        || roadmap.group(required).is_some())
                    .then(|| required.clone()),
                })
                .collect();
            placed.push(Skill {
                id: renamed.get(&skill.id).cloned().unwrap_or(skill.id.clone()),
                stage: band.stage_id.clone(),
                requires,
                position,
                // A rename record belongs to the roadmap the skill came from.
                replaces: Vec::new(),
                ..skill
            });
        }
        placed
    }

    /// The band of the stage under a point, else the nearest one.
    fn band_near(&self, x: f32, y: f32) -> Option<StageBand> {
        self.document.layout.stage_near([x, y]).cloned()
    }

    /// The free spot for a node's top-left corner nearest `(x, y)` inside a stage's band,
    /// below its heading, overlapping no skill (nor `also`, spots just taken); `None` when
    /// the band is full, and the automatic layout places the skill in its stage instead.
    pub(super) fn free_spot_in(
        &self,
        band: &StageBand,
        x: f32,
        y: f32,
        also: &[[f32; 2]],
    ) -> Option<(f32, f32)> {
        let (left, right) = (band.x_min, band.x_max - NODE_WIDTH);
        let bottom = band.y_max - NODE_HEIGHT;
        let top = (band.y_min + layout::STAGE_HEADER_HEIGHT).min(bottom);
        if right < left || bottom < top {
            return None;
        }
        let x = x.clamp(left, right);
        let y = y.clamp(top, bottom);
        // Spots a fraction of a node apart, as far as a few screens from the point: the
        // nearest free one wins; further than that, the layout places the skill.
        let (row, column) = (
            (NODE_HEIGHT + ROW_GAP) / 2.0,
            (NODE_WIDTH + COLUMN_GAP) / 4.0,
        );
        let mut candidates: Vec<(f32, f32, f32)> = (-SEARCH_STEPS..=SEARCH_STEPS)
            .flat_map(|r| (-SEARCH_STEPS..=SEARCH_STEPS).map(move |c| (r, c)))
            .map(|(r, c)| (x + c as f32 * column, y + r as f32 * row))
            .filter(|(cx, cy)| (left..=right).contains(cx) && (top..=bottom).contains(cy))
            .map(|(cx, cy)| ((cx - x).powi(2) + (cy - y).powi(2), cx, cy))
            .collect();
        candidates.sort_by(|a, b| a.0.total_cmp(&b.0));
        // Nearest first; the scene index answers what is in the way without looking at
        // every skill.
        let mut in_the_way = Vec::new();
        for (_, cx, cy) in candidates {
            let room = Rect::from_min_size(
                Pos2::new(cx - COLUMN_GAP / 2.0, cy - ROW_GAP),
                Vec2::new(NODE_WIDTH + COLUMN_GAP, NODE_HEIGHT + 2.0 * ROW_GAP),
            );
            self.document.scene.skills_in(room, &mut in_the_way);
            let taken = also.iter().any(|[ox, oy]| {
                (ox - cx).abs() < NODE_WIDTH + COLUMN_GAP / 2.0
                    && (oy - cy).abs() < NODE_HEIGHT + ROW_GAP
            });
            if in_the_way.is_empty() && !taken {
                return Some((cx, cy));
            }
        }
        None
    }
}
