//! Finding free time in a day.

use chrono::{NaiveDateTime, NaiveTime, Timelike};

use super::limits::add_minutes;
use super::{Data, WorkingHours};

/// The first start time on `now`'s day or a later `date` where `minutes` fit inside
/// working hours without touching another block. On today the search starts at the
/// next quarter hour, so a block is never placed in the past.
pub fn first_free_slot(
    data: &Data,
    hours: &WorkingHours,
    date: chrono::NaiveDate,
    minutes: i64,
    now: NaiveDateTime,
) -> Option<NaiveTime> {
    let (day_start, day_end) = hours.on(date)?;
    let mut start = day_start;
    if date == now.date() {
        let t = now.time();
        let rounded = (t.hour() * 60 + t.minute()).div_ceil(15) * 15;
        let earliest = NaiveTime::from_hms_opt(rounded / 60, rounded % 60, 0)?;
        start = start.max(earliest);
    }
    let busy: Vec<(NaiveTime, NaiveTime)> =
        data.blocks_on(date).map(|b| (b.start, b.end)).collect();
    loop {
        let end = add_minutes(start, minutes).filter(|end| *end <= day_end)?;
        match busy
            .iter()
            .filter(|(s, e)| *s < end && start < *e)
            .map(|&(_, e)| e)
            .max()
        {
            Some(blocked_until) => start = blocked_until,
            None => return Some(start),
        }
    }
}
