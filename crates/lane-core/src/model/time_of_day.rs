//! Times of day as blocks use them, up to the end of the day: a block may end
//! at midnight, written and typed `24:00` — the end of its own day, never the
//! start of one (a meeting from 22:00 to 01:00 is two blocks, 22:00–24:00 and
//! 00:00–01:00 the next day).
//!
//! `NaiveTime` has no 24:00, so lane keeps it as the one time chrono has after
//! 23:59:59: its leap second, 23:59:60. That sorts after every other time of
//! the day and measures to the whole last minute (`END_OF_DAY - 23:00` is an
//! hour), so `start < end`, overlaps and lengths read as they are written. What
//! it must not do is move or print on its own: chrono adds to a leap second
//! oddly and prints it as `23:59`, so shifting goes through
//! `limits::add_minutes` and printing through `hhmm`.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Timelike};

/// Midnight at the end of a day, `24:00`.
pub const END_OF_DAY: NaiveTime = match NaiveTime::from_hms_nano_opt(23, 59, 59, 1_000_000_000) {
    Some(t) => t,
    None => NaiveTime::MIN,
};

/// The minutes in a day: `24:00` as a minute of the day.
pub const DAY_MINUTES: u32 = 24 * 60;

pub fn is_end_of_day(t: NaiveTime) -> bool {
    t == END_OF_DAY
}

/// `t` as people read and type it: `09:30`, and `24:00` for the end of the day.
pub fn text(t: NaiveTime) -> String {
    if is_end_of_day(t) {
        "24:00".to_string()
    } else {
        t.format("%H:%M").to_string()
    }
}

/// The minute of the day `t` falls in, 0 to 1440 (`24:00`).
pub fn minute_of_day(t: NaiveTime) -> u32 {
    if is_end_of_day(t) {
        DAY_MINUTES
    } else {
        t.hour() * 60 + t.minute()
    }
}

/// The instant `t` on `date` names: `24:00` is the next day's first instant,
/// which is what a clock, a zone or another program understands.
pub fn instant(date: NaiveDate, t: NaiveTime) -> NaiveDateTime {
    match (is_end_of_day(t), date.succ_opt()) {
        (true, Some(next)) => next.and_time(NaiveTime::MIN),
        _ => date.and_time(t),
    }
}

#[cfg(test)]
mod tests;
