//! Worked time out to timewarrior: each block with a real start and stop
//! (`actual_start`, `actual_end`) is an interval, tagged with the block's
//! title, its kind and the title of the priority it works on. Written as
//! `timew export` prints intervals (JSON), and as the lines timewarrior keeps
//! in its database (`data/YYYY-MM.data`: `inc START - END # "tag" …`), which
//! timewarrior 1.4 — without a `timew import` — reads back as its own.

use chrono::{Datelike, NaiveDate, NaiveDateTime, TimeZone};
use serde_json::json;

use crate::model::items::Stamp;
use crate::model::text::visible;
use crate::model::{Block, Data};

/// One worked interval, in UTC, with its tags (sorted, as timewarrior keeps
/// them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interval {
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub tags: Vec<String>,
}

const TIME: &str = "%Y%m%dT%H%M%SZ";

impl Interval {
    /// The line timewarrior keeps it as: every tag quoted (timewarrior reads a
    /// quoted tag as the tag), `"` and `\` escaped.
    pub fn data_line(&self) -> String {
        let tags: Vec<String> = self
            .tags
            .iter()
            .map(|t| format!("\"{}\"", t.replace('\\', "\\\\").replace('"', "\\\"")))
            .collect();
        let mut line = format!(
            "inc {} - {}",
            self.start.format(TIME),
            self.end.format(TIME)
        );
        if !tags.is_empty() {
            line.push_str(" # ");
            line.push_str(&tags.join(" "));
        }
        line
    }

    /// The file of timewarrior's database it belongs in: its start's month.
    pub fn data_file(&self) -> String {
        format!("{:04}-{:02}.data", self.start.year(), self.start.month())
    }
}

/// The worked intervals of the blocks dated `from` to `to` (each end open
/// when `None`), oldest first. A block still running (no stop yet) is left
/// out: the next export has it. Stamps without an offset are placed by
/// `local`'s rules.
pub fn intervals(
    data: &Data,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    local: &impl TimeZone,
) -> Vec<Interval> {
    let mut out: Vec<Interval> = data
        .blocks
        .iter()
        .filter(|b| from.is_none_or(|f| b.date >= f) && to.is_none_or(|t| b.date <= t))
        .filter_map(|b| {
            let start = utc(b.actual_start?, local);
            let end = utc(b.actual_end?, local);
            (end > start).then(|| Interval {
                start,
                end,
                tags: tags(data, b),
            })
        })
        .collect();
    out.sort_by_key(|i| (i.start, i.end));
    out
}

/// The block's title, its kind, and its priority's title: each once, sorted,
/// control characters shown as `\u{…}`.
fn tags(data: &Data, b: &Block) -> Vec<String> {
    let priority = b
        .priority
        .and_then(|id| data.priorities.iter().find(|p| p.id == id))
        .map(|p| p.title.as_str());
    let mut tags: Vec<String> = [Some(b.title.as_str()), Some(b.kind.name()), priority]
        .into_iter()
        .flatten()
        .map(|t| visible(t.trim()))
        .filter(|t| !t.is_empty())
        .collect();
    tags.sort();
    tags.dedup();
    tags
}

/// A stamp in UTC: by its own offset, else the zone's rules for its wall time.
fn utc(stamp: Stamp, local: &impl TimeZone) -> NaiveDateTime {
    match stamp.offset {
        Some(offset) => stamp.wall - chrono::Duration::seconds(i64::from(offset)),
        None => local
            .from_local_datetime(&stamp.wall)
            .earliest()
            .map_or(stamp.wall, |t| t.naive_utc()),
    }
}

/// The intervals as `timew export` prints them: a JSON array, one interval a
/// line, numbered as timewarrior numbers them (`@1` the newest).
pub fn timew_json(intervals: &[Interval]) -> String {
    let lines: Vec<String> = intervals
        .iter()
        .enumerate()
        .map(|(n, i)| {
            json!({
                "id": intervals.len() - n,
                "start": i.start.format(TIME).to_string(),
                "end": i.end.format(TIME).to_string(),
                "tags": i.tags,
            })
            .to_string()
        })
        .collect();
    if lines.is_empty() {
        return "[\n]\n".to_string();
    }
    format!("[\n{}\n]\n", lines.join(",\n"))
}

#[cfg(test)]
mod tests;
