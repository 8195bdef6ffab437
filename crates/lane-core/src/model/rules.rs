//! What the user's config sets for the rules over their data: working hours,
//! time-boxes, goals, caps and the boundaries of their lane. Every rule takes
//! these as an argument, so the rules stay pure and the config stays in one place.

use super::WorkingHours;
use super::record::TrustRules;
use super::triage::Boundaries;

/// Rules that come from the config.
#[derive(Debug, Clone, PartialEq)]
pub struct Rules {
    pub hours: WorkingHours,
    /// Working days without an update after which an active priority is silent.
    pub silence_days: u32,
    pub boundaries: Boundaries,
    /// Working hours a blocker may sit before its next rung is due.
    pub blocker_timebox_hours: f64,
    /// Working hours an escalation may wait for an answer before it comes back
    /// to the user (0: never).
    pub respond_within_hours: f64,
    /// Minutes of deep work a day is meant to hold.
    pub deep_minutes_goal: i64,
    /// The longest run of deep work the plan offers before a break (0: no cap).
    pub max_deep_run_minutes: i64,
    /// The plan offers blocks sized by how much of such plans the user
    /// usually works (`report::calibration`).
    pub size_by_calibration: bool,
    /// Days after which closed items move to the yearly archive.
    pub archive_after_days: i64,
    /// At most this many open outcomes are strategic in one quarter.
    pub strategic_per_quarter: usize,
    /// An open milestone due within this many working days is a checkpoint.
    pub checkpoint_days: u32,
    /// Hours a day and a week may hold, and when overtime becomes a streak.
    pub caps: Caps,
    /// How much of a track record a boundary suggestion needs.
    pub trust: TrustRules,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            hours: WorkingHours::default(),
            silence_days: 3,
            boundaries: Boundaries::default(),
            blocker_timebox_hours: 4.0,
            respond_within_hours: 16.0,
            deep_minutes_goal: 180,
            max_deep_run_minutes: 120,
            size_by_calibration: true,
            archive_after_days: 30,
            strategic_per_quarter: 3,
            checkpoint_days: 2,
            caps: Caps::default(),
            trust: TrustRules::default(),
        }
    }
}

/// The caps on hours worked (the overtime boundaries); from config.toml.
#[derive(Debug, Clone, PartialEq)]
pub struct Caps {
    /// Minutes a day may hold; `None`: that day's working hours plus an hour.
    pub max_minutes_day: Option<i64>,
    pub max_minutes_week: i64,
    /// Over-cap days in a row that make a streak worth saying.
    pub streak_days: u32,
    /// A quiet "outside your hours" in the header while lane is used then.
    pub outside_hours_notice: bool,
}

impl Default for Caps {
    fn default() -> Self {
        Caps {
            max_minutes_day: None,
            max_minutes_week: 45 * 60,
            streak_days: 3,
            outside_hours_notice: true,
        }
    }
}
