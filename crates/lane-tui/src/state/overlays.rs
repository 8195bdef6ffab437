//! What the small overlays over a tab hold: the release-which choice of a full
//! limit, and an outcome's list of milestones and key results.

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
