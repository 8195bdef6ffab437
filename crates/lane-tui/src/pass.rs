//! A guided pass: the morning plan or the evening review, one step per screen.
//! Everything it changes is written to the data as it goes, so leaving midway
//! keeps what was done; this holds only where the user is.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use tui_input::Input;

use crate::context::Context;
use lane_core::model::ritual::{
    PROPOSED_MINUTES, best_slot, deep_slots, focus_candidates, next_focus,
};
use lane_core::model::rules::Rules;
use lane_core::model::{BlockKind, Data, Kind};
use lane_core::report::calibration::{self, sized_minutes};
use lane_core::report::{Period, ReportKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ritual {
    Plan,
    Review,
}

impl Ritual {
    pub fn title(self) -> &'static str {
        match self {
            Ritual::Plan => "Plan the day",
            Ritual::Review => "Review the day",
        }
    }

    pub fn steps(self) -> &'static [&'static str] {
        match self {
            Ritual::Plan => &["Carry over", "Focus", "Block the day", "Follow-ups"],
            Ritual::Review => &[
                "Blocks",
                "Progress",
                "Blockers",
                "Decisions",
                "Close the day",
            ],
        }
    }
}

/// A deep block the plan offers to place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Proposal {
    pub priority: u32,
    /// Which free slot (in `free_slots` order) it sits in.
    pub slot: usize,
    pub start: NaiveTime,
    pub minutes: i64,
}

impl Proposal {
    /// Where the offered block ends. It fits a free slot, so it never crosses
    /// midnight; the start stands in if it somehow would.
    pub fn end(&self) -> NaiveTime {
        lane_core::model::limits::add_minutes(self.start, self.minutes).unwrap_or(self.start)
    }
}

/// What the user changed about the offer; the offer itself is worked out from
/// the data each time, so it always fits the day as it now is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Offer {
    /// A focus outcome chosen with `n` (else the one with the fewest blocks).
    pub priority: Option<u32>,
    /// A free slot chosen with `[`/`]` (else the best one).
    pub slot: Option<usize>,
    /// Minutes added or taken with `+`/`-`.
    pub extra_minutes: i64,
    /// The day's planned total the user agreed to take past its cap (space
    /// again after the warning); a longer day asks again.
    pub past_cap_ok: i64,
}

#[derive(Debug, Clone)]
pub struct Pass {
    pub ritual: Ritual,
    /// The day planned or reviewed.
    pub date: NaiveDate,
    pub step: usize,
    pub cursor: usize,
    /// The step's rows, fixed when the step opens so they stay put while acted on.
    pub rows: Vec<(Kind, u32)>,
    /// Plan, carry over: what the user chose to drop (the rest is kept).
    pub dropped: Vec<(Kind, u32)>,
    /// Plan, blocks: how the user adjusted the block offered next.
    pub offer: Offer,
    /// Review, progress: one line per focus outcome, typed in place.
    pub notes: Vec<(u32, Input)>,
    /// Review: conflicts were waiting when it began, so it has a step to settle them.
    pub conflicts: bool,
}

/// In a review with conflicts, the step that settles them (the close follows it).
/// Its rows are `(Kind::Review, conflict id)`.
pub const CONFLICTS_STEP: usize = 4;

impl Pass {
    pub fn new(ritual: Ritual, date: NaiveDate, step: usize) -> Pass {
        Pass {
            ritual,
            date,
            step,
            cursor: 0,
            rows: Vec::new(),
            dropped: Vec::new(),
            offer: Offer::default(),
            notes: Vec::new(),
            conflicts: false,
        }
    }

    /// The steps of this pass: a review settles conflicts before its close when
    /// there were any.
    pub fn steps(&self) -> Vec<&'static str> {
        let mut steps = self.ritual.steps().to_vec();
        if self.ritual == Ritual::Review && self.conflicts {
            steps.insert(CONFLICTS_STEP, "Conflicts");
        }
        steps
    }

    /// The step that settles conflicts is open.
    pub fn settling(&self) -> bool {
        self.ritual == Ritual::Review && self.conflicts && self.step == CONFLICTS_STEP
    }

    /// The review's progress step takes typed text.
    pub fn typing(&self) -> bool {
        self.ritual == Ritual::Review && self.step == 1 && !self.notes.is_empty()
    }

    /// The keymap context of this pass.
    pub fn context(&self) -> Context {
        match self.ritual {
            Ritual::Plan => Context::Plan,
            Ritual::Review if self.typing() => Context::Notes,
            Ritual::Review => Context::Evening,
        }
    }
}

/// A report shown in an overlay, ready to copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportView {
    pub kind: ReportKind,
    /// What it covers: `y` names its file by it.
    pub period: Period,
    pub text: String,
    pub scroll: usize,
}

impl Pass {
    /// The focus outcomes blocks are offered for: active ones, in rank order.
    pub fn focus_to_block(&self, data: &Data) -> Vec<u32> {
        focus_candidates(data, self.date)
            .into_iter()
            .filter(|id| data.priorities.iter().any(|p| p.id == *id && p.focus))
            .collect()
    }

    /// The length of block the plan offers unasked: no longer than a run of
    /// deep work may be, and (when the rules say so) sized by how much of their
    /// deep plans the user usually works.
    pub fn usual_minutes(&self, data: &Data, rules: &Rules, now: NaiveDateTime) -> i64 {
        let max_run = rules.max_deep_run_minutes;
        let usual = if max_run > 0 {
            PROPOSED_MINUTES.min(max_run)
        } else {
            PROPOSED_MINUTES
        };
        match self.calibrated_ratio(data, rules, now) {
            Some(ratio) => sized_minutes(usual, ratio),
            None => usual,
        }
    }

    /// How much of their deep plans the user usually works, when the offer is
    /// sized by it: on in the rules, and enough blocks to go on.
    pub fn calibrated_ratio(&self, data: &Data, rules: &Rules, now: NaiveDateTime) -> Option<f64> {
        if !rules.size_by_calibration {
            return None;
        }
        let usual = calibration::usual(data, self.date, now);
        let deep = usual.kind(BlockKind::Deep)?;
        (deep.blocks >= calibration::MIN_OUTCOME_BLOCKS)
            .then_some(deep.ratio)
            .flatten()
            .filter(|r| *r < 1.0)
    }

    /// The length of the block offered: the usual one with what `+`/`-` added or took.
    pub fn wanted_minutes(&self, data: &Data, rules: &Rules, now: NaiveDateTime) -> i64 {
        (self.usual_minutes(data, rules, now) + self.offer.extra_minutes).max(15)
    }

    /// The free slots the offer may take (what `[`/`]` go through).
    pub fn slots(
        &self,
        data: &Data,
        rules: &Rules,
        now: NaiveDateTime,
    ) -> Vec<(NaiveTime, NaiveTime)> {
        let max_run = rules.max_deep_run_minutes;
        let wanted = self.wanted_minutes(data, rules, now);
        deep_slots(data, &rules.hours, self.date, now, wanted, max_run)
    }

    /// The block the plan offers now, worked out from the day as it is: in a
    /// free slot, after a break where it would make a run of deep work longer
    /// than `max_deep_run_minutes`.
    pub fn proposal(&self, data: &Data, rules: &Rules, now: NaiveDateTime) -> Option<Proposal> {
        let focus = self.focus_to_block(data);
        let priority = self
            .offer
            .priority
            .filter(|p| focus.contains(p))
            .or_else(|| next_focus(data, &focus, self.date))?;
        let wanted = self.wanted_minutes(data, rules, now);
        let slots = self.slots(data, rules, now);
        let slot = self
            .offer
            .slot
            .filter(|&i| i < slots.len())
            .or_else(|| best_slot(&slots))?;
        let (start, end) = slots[slot];
        let room = (end - start).num_minutes();
        let minutes = wanted.clamp(15, room);
        Some(Proposal {
            priority,
            slot,
            start,
            minutes,
        })
    }
}
