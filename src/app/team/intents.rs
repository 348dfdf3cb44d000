//! What the team window's parts ask for: file dialogs the app runs, and team edits as
//! actions.

use crate::model::TeamEdit;
use crate::session::{Action, TeamAction};

/// A file dialog the window asks the app to show (dialogs block, so the app runs them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TeamDialog {
    AddMemberFromFile,
    ExportMemberPlan(usize),
    ExportPromotionPacket(usize),
    ExportMatrixCsv,
}

/// A team edit as an action; edits with the same gesture key merge into one undo step.
pub fn team_edit(edit: TeamEdit, gesture: Option<&str>) -> Action {
    Action::Team(TeamAction::Edit {
        edit,
        gesture: gesture.map(str::to_owned),
    })
}
