//! Builders the model's unit tests share: dates, times and blocks from text.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::{Block, BlockKind, Extra};

pub fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub fn t(hm: &str) -> NaiveTime {
    NaiveTime::parse_from_str(hm, "%H:%M").unwrap()
}

pub fn at(d: &str, hm: &str) -> NaiveDateTime {
    day(d).and_time(t(hm))
}

/// Block `id` on `date` from `start` to `end`, titled `b{id}`, nothing else set.
pub fn block(id: u32, date: &str, start: &str, end: &str, kind: BlockKind) -> Block {
    Block {
        id,
        uid: String::new(),
        date: day(date),
        start: t(start),
        end: t(end),
        title: format!("b{id}"),
        kind,
        priority: None,
        actual_start: None,
        actual_end: None,
        done: false,
        result: None,
        extra: Extra::new(),
    }
}
