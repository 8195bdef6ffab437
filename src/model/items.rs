//! The five kinds of things lane keeps, exactly as they are stored in `lane.toml`.
//! Every struct keeps keys it does not know in `extra`, so a hand-added key or a
//! field from a newer lane survives a load/save round trip.

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

pub type Extra = toml::Table;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    High,
    #[default]
    Medium,
    Low,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::High, Level::Medium, Level::Low];

    pub fn name(self) -> &'static str {
        match self {
            Level::High => "high",
            Level::Medium => "medium",
            Level::Low => "low",
        }
    }

    pub fn parse(input: &str) -> Result<Level, String> {
        let s = input.trim().to_lowercase();
        Level::ALL
            .into_iter()
            .find(|l| !s.is_empty() && l.name().starts_with(&s))
            .ok_or_else(|| format!("`{input}`: use high, medium or low"))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    #[default]
    Deep,
    Shallow,
    Meeting,
    Break,
    Admin,
}

impl BlockKind {
    pub const ALL: [BlockKind; 5] = [
        BlockKind::Deep,
        BlockKind::Shallow,
        BlockKind::Meeting,
        BlockKind::Break,
        BlockKind::Admin,
    ];

    pub fn name(self) -> &'static str {
        match self {
            BlockKind::Deep => "deep",
            BlockKind::Shallow => "shallow",
            BlockKind::Meeting => "meeting",
            BlockKind::Break => "break",
            BlockKind::Admin => "admin",
        }
    }

    pub fn parse(input: &str) -> Result<BlockKind, String> {
        let s = input.trim().to_lowercase();
        BlockKind::ALL
            .into_iter()
            .find(|k| !s.is_empty() && k.name().starts_with(&s))
            .ok_or_else(|| format!("`{input}`: use deep, shallow, meeting, break or admin"))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PriorityStatus {
    #[default]
    Active,
    Paused,
    Done,
    Dropped,
}

impl PriorityStatus {
    pub const ALL: [PriorityStatus; 4] = [
        PriorityStatus::Active,
        PriorityStatus::Paused,
        PriorityStatus::Done,
        PriorityStatus::Dropped,
    ];

    pub fn name(self) -> &'static str {
        match self {
            PriorityStatus::Active => "active",
            PriorityStatus::Paused => "paused",
            PriorityStatus::Done => "done",
            PriorityStatus::Dropped => "dropped",
        }
    }

    pub fn parse(input: &str) -> Result<PriorityStatus, String> {
        let s = input.trim().to_lowercase();
        PriorityStatus::ALL
            .into_iter()
            .find(|k| !s.is_empty() && k.name().starts_with(&s))
            .ok_or_else(|| format!("`{input}`: use active, paused, done or dropped"))
    }

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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockerStatus {
    #[default]
    Open,
    Resolved,
}

fn is_false(b: &bool) -> bool {
    !*b
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    /// The update log, oldest first as written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub updates: Vec<Update>,
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
    #[serde(default, skip_serializing_if = "is_false")]
    pub done: bool,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Blocker {
    pub id: u32,
    #[serde(default)]
    pub uid: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub waiting_on: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opened: Option<NaiveDate>,
    #[serde(default)]
    pub status: BlockerStatus,
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
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub call: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub rationale: String,
    #[serde(default)]
    pub reversible: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub done: bool,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    #[serde(flatten)]
    pub extra: Extra,
}

/// Local clock times are stored as `HH:MM`, which is what people type and read.
mod hhmm {
    use chrono::NaiveTime;
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    pub fn serialize<S: Serializer>(t: &NaiveTime, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&t.format("%H:%M").to_string())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveTime, D::Error> {
        let text = String::deserialize(d)?;
        NaiveTime::parse_from_str(&text, "%H:%M")
            .or_else(|_| NaiveTime::parse_from_str(&text, "%H:%M:%S"))
            .map_err(|_| D::Error::custom(format!("`{text}` is not a time of day (HH:MM)")))
    }
}
