//! The five kinds of things lane keeps, exactly as they are stored in `lane.toml`.
//! Every struct keeps keys it does not know in `extra`, so a hand-added key or a
//! field from a newer lane survives a load/save round trip.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

pub type Extra = toml::Table;

/// Accepts any prefix of a name (`h` for high); the error lists every name.
fn parse_choice<T: Copy>(input: &str, all: &[T], name: fn(T) -> &'static str) -> Result<T, String> {
    let s = input.trim().to_lowercase();
    all.iter()
        .copied()
        .find(|c| !s.is_empty() && name(*c).starts_with(&s))
        .ok_or_else(|| {
            let names: Vec<&str> = all.iter().map(|c| name(*c)).collect();
            match names.split_last() {
                Some((last, rest)) if !rest.is_empty() => {
                    format!("`{input}`: use {} or {last}", rest.join(", "))
                }
                _ => format!("`{input}`: use {}", names.join("")),
            }
        })
}

/// A closed set of words stored in lowercase, typed as any prefix.
macro_rules! choice {
    ($(#[$doc:meta])* $name:ident { $($(#[$attr:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
        #[serde(rename_all = "lowercase")]
        pub enum $name {
            $($(#[$attr])* $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn name(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            pub fn parse(input: &str) -> Result<$name, String> {
                parse_choice(input, Self::ALL, Self::name)
            }
        }
    };
}

choice!(
    /// Impact and urgency.
    Level {
        High => "high",
        #[default]
        Medium => "medium",
        Low => "low",
    }
);

choice!(
    BlockKind {
        #[default]
        Deep => "deep",
        Shallow => "shallow",
        Meeting => "meeting",
        Break => "break",
        Admin => "admin",
    }
);

choice!(
    PriorityStatus {
        #[default]
        Active => "active",
        Paused => "paused",
        Done => "done",
        Dropped => "dropped",
    }
);

impl PriorityStatus {
    /// Done and dropped priorities leave the active list but stay in the file.
    pub fn is_closed(self) -> bool {
        matches!(self, PriorityStatus::Done | PriorityStatus::Dropped)
    }
}

/// One dated line in a priority's update log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Update {
    pub date: NaiveDate,
    pub note: String,
    #[serde(flatten)]
    pub extra: Extra,
}

choice!(
    BlockerStatus {
        #[default]
        Open => "open",
        Escalated => "escalated",
        Resolved => "resolved",
    }
);

choice!(
    /// The problem-solving ladder, tried before anyone is asked to step in.
    Rung {
        #[default]
        Docs => "docs",
        Search => "search",
        Peer => "peer",
    }
);

/// One rung of the ladder, tried.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tried {
    pub rung: Rung,
    #[serde(with = "local_instant")]
    pub at: NaiveDateTime,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(flatten)]
    pub extra: Extra,
}

fn is_false(b: &bool) -> bool {
    !*b
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Priority {
    pub id: u32,
    #[serde(default)]
    pub uid: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub outcome: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub measure: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    #[serde(default)]
    pub impact: Level,
    #[serde(default)]
    pub urgency: Level,
    #[serde(default)]
    pub status: PriorityStatus,
    /// One of the (at most three) outcomes in focus now.
    #[serde(default, skip_serializing_if = "is_false")]
    pub focus: bool,
    /// Percent done, when the owner tracks it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progress: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<NaiveDate>,
    /// When it was marked done (or dropped).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed: Option<NaiveDate>,
    /// Whom the outcome and its boundaries were agreed with, and when.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub agreed_with: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreed_on: Option<NaiveDate>,
    /// The boundaries agreed (budget, scope), in a line.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub boundaries: String,
    /// One of the quarter's few strategic outcomes.
    #[serde(default, skip_serializing_if = "is_false")]
    pub strategic: bool,
    /// `2026-Q4`; when absent, the quarter of the due date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quarter: Option<String>,
    /// The update log, oldest first as written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub updates: Vec<Update>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub milestones: Vec<super::outcomes::Milestone>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub key_results: Vec<super::outcomes::KeyResult>,
    /// Kept off the team repository: `lane share` leaves it, and what is
    /// linked to it, on this machine.
    #[serde(default, skip_serializing_if = "is_false")]
    pub private: bool,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Block {
    pub id: u32,
    #[serde(default)]
    pub uid: String,
    pub date: NaiveDate,
    #[serde(with = "hhmm")]
    pub start: NaiveTime,
    #[serde(with = "hhmm")]
    pub end: NaiveTime,
    pub title: String,
    #[serde(default)]
    pub kind: BlockKind,
    /// The priority this block works on, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<u32>,
    /// When work on it really started and stopped (`s` starts and stops it).
    #[serde(default, skip_serializing_if = "Option::is_none", with = "opt_stamp")]
    pub actual_start: Option<Stamp>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "opt_stamp")]
    pub actual_end: Option<Stamp>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub done: bool,
    /// Worked, skipped or moved, as marked in the evening review.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<BlockResult>,
    /// Where a moved block's copy went, so the day it left shows `→ Tue 24`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub moved_to: Option<NaiveDate>,
    /// A meeting brought in from a calendar: its title and time are the calendar's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<CalendarMark>,
    /// The uid of the series this block is an occurrence of (see `series`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub series: Option<String>,
    /// An occurrence edited on its own: changes to its series leave it as it is.
    #[serde(default, skip_serializing_if = "is_false")]
    pub detached: bool,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Block {
    /// A block as the user plans it: nothing worked, marked, linked or
    /// repeating yet. Every block lane makes starts here, so a new field gets
    /// its default in one place.
    pub fn planned(
        id: u32,
        uid: String,
        date: NaiveDate,
        (start, end): (NaiveTime, NaiveTime),
        title: String,
        kind: BlockKind,
    ) -> Block {
        Block {
            id,
            uid,
            date,
            start,
            end,
            title,
            kind,
            priority: None,
            actual_start: None,
            actual_end: None,
            done: false,
            result: None,
            moved_to: None,
            calendar: None,
            series: None,
            detached: false,
            extra: Extra::new(),
        }
    }

    /// The same plan at another day or time (a copied day, a block moved to
    /// tomorrow): its title, kind and outcome; nothing worked or marked.
    pub fn replanned(
        &self,
        id: u32,
        uid: String,
        date: NaiveDate,
        span: (NaiveTime, NaiveTime),
    ) -> Block {
        Block {
            priority: self.priority,
            ..Block::planned(id, uid, date, span, self.title.clone(), self.kind)
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Blocker {
    pub id: u32,
    #[serde(default)]
    pub uid: String,
    pub title: String,
    /// The priority this blocks, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<u32>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub waiting_on: String,
    /// What it waits on, as forge URLs (`model::links`): an issue, a pull or
    /// merge request. What was fetched of them stays on this machine.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<String>,
    /// When it started blocking (a date alone counts from the start of that day).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "opt_local_instant"
    )]
    pub opened: Option<NaiveDateTime>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tried: Vec<Tried>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_up: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub escalated_to: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "opt_local_instant"
    )]
    pub escalated_at: Option<NaiveDateTime>,
    /// Rungs not tried when it was escalated: escalating early is allowed, and recorded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<Rung>,
    #[serde(default)]
    pub status: BlockerStatus,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub resolution: String,
    /// When it was resolved (its age stops there).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "opt_local_instant"
    )]
    pub resolved_at: Option<NaiveDateTime>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    pub id: u32,
    #[serde(default)]
    pub uid: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    pub situation: String,
    /// Options considered, when more than the call itself was on the table.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub call: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub rationale: String,
    #[serde(default)]
    pub reversible: bool,
    #[serde(default = "low")]
    pub risk: Level,
    /// Estimated cost, in the user's currency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<f64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<String>,
    /// The user's own lane when it differs from the triage's recommendation.
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "override")]
    pub lane_override: Option<Lane>,
    #[serde(default)]
    pub status: DecisionStatus,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub escalated_to: String,
    /// When it went up, to the minute: the wait for an answer is counted in
    /// working hours from here (a bare date, as older files hold, is its midnight).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "opt_local_instant"
    )]
    pub escalated_at: Option<NaiveDateTime>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub answer: String,
    /// When the answer was given (typed here, or given by a teammate through
    /// the team repository: see `team`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "opt_local_instant"
    )]
    pub answered_at: Option<NaiveDateTime>,
    /// When a report-after call was reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reported: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_on: Option<NaiveDate>,
    /// What happened, written later.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub outcome: String,
    /// How the call landed, in hindsight: the track record counts these.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<Rating>,
    /// Whether an escalation came back "yours to decide" or "right to ask".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Verdict>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub done: bool,
    #[serde(flatten)]
    pub extra: Extra,
}

fn low() -> Level {
    Level::Low
}

choice!(
    /// How a decided call landed.
    Rating {
        #[default]
        Good => "good",
        Mixed => "mixed",
        Bad => "bad",
    }
);

choice!(
    /// What the person an escalation went to said about asking.
    Verdict {
        #[default]
        Yours => "yours",
        #[serde(rename = "right-to-ask")]
        RightToAsk => "right-to-ask",
    }
);

choice!(
    /// Decide inside your lane, or escalate what lies outside it.
    Lane {
        #[default]
        Decide => "decide",
        Escalate => "escalate",
    }
);

choice!(
    /// Where a call stands. `Pending`: the triage sends it up and the user has
    /// neither decided it themselves nor escalated it yet.
    DecisionStatus {
        #[default]
        Decided => "decided",
        Pending => "pending",
        Escalated => "escalated",
        Answered => "answered",
    }
);

choice!(
    /// What became of a planned block, as marked in the end-of-day review.
    BlockResult {
        #[default]
        Worked => "worked",
        Skipped => "skipped",
        Moved => "moved",
    }
);

/// A block as the evening review found it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewedBlock {
    pub block: u32,
    pub result: BlockResult,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A focus outcome's line in the evening review ("no change" when nothing moved).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgressNote {
    pub priority: u32,
    pub note: String,
    #[serde(flatten)]
    pub extra: Extra,
}

/// An open blocker as the evening review left it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BlockerCheck {
    pub blocker: u32,
    pub state: String,
    #[serde(flatten)]
    pub extra: Extra,
}

/// The morning plan of a day, kept as it goes so leaving midway loses nothing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// Steps done (0–4); the next `p` resumes at the one after.
    #[serde(default)]
    pub step: u8,
    #[serde(default, skip_serializing_if = "is_false")]
    pub done: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub focus: Vec<u32>,
    /// Yesterday's unworked blocks carried onto this day.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub carried: Vec<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub acknowledged_blockers: Vec<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub acknowledged_decisions: Vec<u32>,
    /// Outcomes whose checkpoints (milestones due soon) were looked at.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub acknowledged_checkpoints: Vec<u32>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// One day in the journal: the morning plan and the evening review.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Review {
    pub id: u32,
    #[serde(default)]
    pub uid: String,
    pub date: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub energy: Option<u8>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub wins: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub carry_over: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// Tomorrow's top three priorities, by id; the next morning's plan starts from them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tomorrow: Vec<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub planned_minutes: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub worked_minutes: Option<i64>,
    /// Deep work planned (`deep_minutes`) and worked, as the review found them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deep_minutes: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deep_worked_minutes: Option<i64>,
    /// The evening review is complete (the last step was saved).
    #[serde(default, skip_serializing_if = "is_false")]
    pub reviewed: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<ReviewedBlock>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub progress: Vec<ProgressNote>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blockers: Vec<BlockerCheck>,
    /// Report-after calls marked reported during the review.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reported: Vec<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<Plan>,
    #[serde(flatten)]
    pub extra: Extra,
}

mod stamp;
mod time_format;
pub use stamp::Stamp;
pub(crate) use time_format::{hhmm, local_instant};
use time_format::{opt_local_instant, opt_stamp};

/// Where a block came from: which calendar, which event, which occurrence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarMark {
    /// The `[[calendars]]` name, or the imported file's name.
    pub source: String,
    /// The event's UID in that calendar.
    pub event: String,
    /// Which occurrence of a repeating event (its start, as the calendar names
    /// it), and which day of an event that spans midnight; empty for a single one.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub instance: String,
}
