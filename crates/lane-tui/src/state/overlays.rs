//! What the small overlays over a tab hold: the release-which choice of a full
//! limit, and an outcome's list of milestones and key results.

use lane_core::model::Data;
use lane_core::model::steps::{Step, steps};

/// A place only a few outcomes hold at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// Today's focus (3).
    Focus,
    /// Strategic in this quarter (`strategic_per_quarter`).
    Strategic(String),
}

/// Marking one more than a limit allows (a 4th focus, a quarter's 4th strategic
/// outcome): which of those holding the place to release.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FocusChoice {
    /// The priority that asked for the place.
    pub candidate: u32,
    /// The ids holding it now (focus in rank order, strategic in file order).
    pub options: Vec<u32>,
    pub cursor: usize,
    pub place: Place,
}

/// The list of one outcome's milestones and key results (s), over the tab.
/// Forms opened from it come back to it, as they do to a guided pass.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Steps {
    pub priority: u32,
    /// The row selected, among `model::steps::steps` of the priority.
    pub cursor: usize,
}

impl Steps {
    /// The list's rows (the outcome's milestones and key results, in
    /// `model::steps`' order) and the cursor kept among them; `None` when the
    /// outcome is gone.
    pub fn rows(&self, data: &Data) -> Option<(Vec<Step>, usize)> {
        let p = data.priorities.iter().find(|p| p.id == self.priority)?;
        let rows = steps(p);
        let cursor = self.cursor.min(rows.len().saturating_sub(1));
        Some((rows, cursor))
    }
}

/// The Team view (W): what the team repository held when it was read, and
/// the escalation waiting on me that is selected.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamPanel {
    /// `None` while it is read; `Err` when there is no team to show.
    pub team: Option<Result<lane_core::team::Team, String>>,
    /// The selected row among `team.waiting`.
    pub cursor: usize,
    /// Lines scrolled past, below the escalations.
    pub scroll: u16,
    /// The escalation whose answer is being written in $EDITOR.
    pub answering: Option<lane_core::team::Waiting>,
}

impl TeamPanel {
    /// The escalation waiting on me that is selected, if any.
    pub fn selected(&self) -> Option<&lane_core::team::Waiting> {
        match &self.team {
            Some(Ok(t)) => t
                .waiting
                .get(self.cursor.min(t.waiting.len().saturating_sub(1))),
            _ => None,
        }
    }
}

impl super::State {
    /// Puts the open list's cursor on `step` (just added or changed), wherever
    /// its due date sorted it.
    pub fn select_step(&mut self, step: Step) {
        if let Some(open) = self.steps.as_mut()
            && let Some((rows, _)) = open.rows(&self.data)
            && let Some(at) = rows.iter().position(|r| *r == step)
        {
            open.cursor = at;
        }
    }
}
