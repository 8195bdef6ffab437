//! Every user intent as one enum. The snake_case names are the names used in
//! `keymap.toml`; variants that only come from the mouse or the terminal are not
//! bindable.

use serde::{Deserialize, Serialize};
use strum::{EnumDiscriminants, EnumIter, IntoStaticStr};
use tui_input::InputRequest;

/// `ActionKind` names each action without its data, so every action can be listed
/// (`ActionKind::iter()`): the fuzzer tries them all, including ones added later.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, EnumDiscriminants)]
#[strum_discriminants(name(ActionKind), derive(EnumIter, IntoStaticStr))]
#[strum_discriminants(strum(serialize_all = "snake_case"))]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Quit,
    Help,
    Close,
    TabPriorities,
    TabBlocks,
    TabBlockers,
    TabDecisions,
    TabReview,
    NextTab,
    PrevTab,
    Down,
    Up,
    Top,
    Bottom,
    PageDown,
    PageUp,
    Add,
    Edit,
    Delete,
    ToggleDone,
    MoveDown,
    MoveUp,
    Undo,
    Redo,
    Submit,
    Cancel,
    NextField,
    PrevField,
    /// Write the focused form field in $EDITOR (long rationales, notes, outcomes).
    EditorField,
    /// Show the selected item's details (an overlay on narrow terminals).
    Detail,
    /// Narrow the list to items containing some text.
    Filter,
    ToggleFocus,
    /// A one-line progress note on the selected priority.
    AddUpdate,
    /// A longer progress note, written in $EDITOR.
    EditorUpdate,
    /// Rank order or the user's own order.
    ToggleRank,
    /// Show done and dropped items too.
    ToggleClosed,
    /// Take the call yourself, overriding the triage if it said escalate.
    Decide,
    /// Send it up: asks to whom.
    Escalate,
    /// Record the answer to an escalated decision.
    Answer,
    /// Mark a report-after call as reported (again to undo).
    MarkReported,
    /// Write what came of a decision.
    WriteOutcome,
    /// Decisions: the track record, month by month (again to close).
    TrackRecord,
    /// Take the re-fit offered after a meeting landed on the plan.
    TakeRefit,
    /// Leave the plan as it is; the same re-fit is not offered again.
    DismissRefit,
    /// The last messages in full, newest first (again to close).
    Messages,
    /// The team: escalations waiting on me first, then each teammate's week
    /// (from the team repository `lane share` keeps; again to close).
    Team,
    /// Mark the next untried rung of a blocker's ladder tried, with a note.
    TryRung,
    /// Set when to follow up on a blocker.
    SetFollowUp,
    /// Resolve a blocker, saying what unblocked it.
    Resolve,
    /// Time blocks: the day before, the day after, today.
    PrevDay,
    NextDay,
    Today,
    /// Time blocks: the week grid or the day timeline.
    ToggleWeek,
    /// Priorities: the roadmap (weeks × outcomes) or the list.
    Roadmap,
    /// Priorities: add a milestone to the selected outcome.
    AddMilestone,
    /// Priorities: mark one of its milestones delivered (asks which).
    MilestoneDone,
    /// Priorities: record key-result readings (`p95=310`) and a note.
    KrReading,
    /// Priorities: make the outcome strategic for its quarter, or not; a full
    /// quarter asks which strategic outcome to release.
    ToggleStrategic,
    /// Priorities: the outcome's milestones and key results as a small list
    /// with its own add, edit, delete and done.
    Steps,
    /// In the steps list: add a key result.
    AddKr,
    /// Priorities: sections by quarter (strategic count per quarter) or one list.
    GroupQuarters,
    /// Start the selected block's timer, or stop it.
    StartStop,
    /// Copy the day's plan onto another day (asks which).
    CopyDay,
    /// The guided morning plan, from any tab.
    Plan,
    /// The guided end-of-day review, from any tab.
    Review,
    /// Copy the report for what is on screen (OSC 52, and a file).
    CopyReport,
    /// In a guided pass: the next step.
    Next,
    /// In a guided pass: the step before (leaves from the first).
    Back,
    /// Leave a guided pass; what was done is kept.
    Leave,
    /// In a guided pass: the step's main choice on the selected row
    /// (keep/drop, pick as focus, place the block, acknowledge, cycle a result).
    Toggle,
    /// Plan: offer the block for the next focus outcome.
    NextFocus,
    /// Plan: move the offered block to the next / previous free slot.
    NextSlot,
    PrevSlot,
    /// Plan: make the offered block 15 minutes longer / shorter.
    Longer,
    Shorter,
    /// Plan: move the day's block serving the lowest-ranked outcome to the next
    /// working day (what the day past its cap offers).
    MoveLowest,
    /// Review, conflicts: take the other side's value instead of lane's
    /// (space keeps lane's; e edits the item).
    TakeOther,
    /// Time blocks: a block's conflict settled by keeping the value lane kept
    /// (the timeline has no details to settle it in; o takes the other's).
    KeepMine,
    /// Review: mark the selected block worked / skipped / moved to the next working day.
    MarkWorked,
    MarkSkipped,
    MarkMoved,
    /// Text editing inside a form field.
    #[serde(skip)]
    Input(InputRequest),
    /// A click on a tab title.
    #[serde(skip)]
    SelectTab(usize),
    /// A click on a list row (index into the list).
    #[serde(skip)]
    SelectRow(usize),
    /// The list area now shows `rows` rows; `wide` when the detail pane fits beside it.
    #[serde(skip)]
    Resize {
        rows: usize,
        wide: bool,
    },
}

impl ActionKind {
    /// The action itself, for actions that carry no data (all bindable ones).
    pub fn plain(self) -> Option<Action> {
        let name: &'static str = self.into();
        toml::Value::String(name.to_string()).try_into().ok()
    }
}

impl Action {
    /// The name used in `keymap.toml`.
    pub fn name(self) -> String {
        toml::Value::try_from(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }
}
