//! The ranges lane's values live in, and date and time arithmetic that cannot
//! overflow. Every parser and every stored item is held to these, so a value
//! typed, imported or hand-edited can never make later arithmetic panic.

use chrono::{Duration, NaiveDate, NaiveTime};

use super::time_of_day::{DAY_MINUTES, END_OF_DAY, is_end_of_day};

/// Dates lane accepts: four-digit years, which every date format, calendar and
/// report lane writes can show, and far from chrono's limits (±262 143), so
/// any day or week arithmetic on them stays in range.
pub const FIRST_DATE: NaiveDate = ymd(1900, 1, 1);
pub const LAST_DATE: NaiveDate = ymd(9999, 12, 31);

/// For the constants above, which are valid dates (the fallback is never taken).
const fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(d) => d,
        None => NaiveDate::MIN,
    }
}

/// The highest id an item may carry: room for a lifetime of items, and far
/// enough from `u32::MAX` that the next id never overflows.
pub const MAX_ID: u32 = 999_999_999;

/// The most minutes a review may record for one day: overlapping blocks can
/// plan more than 24 hours, but not this much, and sums over years stay far
/// inside `i64`.
pub const MAX_DAY_MINUTES: i64 = 1_000_000;

/// The largest key-result number (baseline, target, reading): far inside f64's
/// exact integers, so progress maths and what is shown stay exact and finite.
pub const MAX_MEASURE: f64 = 1e15;

/// Why `date` is out of range, or `None` when it is fine.
pub fn date_problem(date: NaiveDate) -> Option<String> {
    (!(FIRST_DATE..=LAST_DATE).contains(&date))
        .then(|| format!("{date} is not between {FIRST_DATE} and {LAST_DATE}"))
}

/// `date` moved by `days` (negative: back), or `None` beyond chrono's range.
pub fn add_days(date: NaiveDate, days: i64) -> Option<NaiveDate> {
    date.checked_add_signed(Duration::try_days(days)?)
}

/// `add_days` for bounds and loops that need a date whatever happens: stops at
/// chrono's first or last day instead of overflowing.
pub fn shift_days(date: NaiveDate, days: i64) -> NaiveDate {
    add_days(date, days).unwrap_or(if days < 0 {
        NaiveDate::MIN
    } else {
        NaiveDate::MAX
    })
}

/// A time of day `minutes` later, or `None` when that is not on the same day
/// (past midnight, or before it for negative minutes). Midnight at the end of
/// the day is on it: 23:00 and 60 minutes is `24:00`, and from `24:00` back.
pub fn add_minutes(time: NaiveTime, minutes: i64) -> Option<NaiveTime> {
    use chrono::Timelike;
    let day = i64::from(DAY_MINUTES) * 60;
    let seconds = match is_end_of_day(time) {
        true => day,
        false => i64::from(time.num_seconds_from_midnight()),
    };
    let moved = seconds.checked_add(minutes.checked_mul(60)?)?;
    let nanos = match is_end_of_day(time) {
        true => 0,
        false => time.nanosecond(),
    };
    match moved {
        _ if moved == day && nanos == 0 => Some(END_OF_DAY),
        0.. if moved < day => {
            NaiveTime::from_num_seconds_from_midnight_opt(u32::try_from(moved).ok()?, nanos)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_arithmetic_never_overflows() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert_eq!(add_days(d, 7), NaiveDate::from_ymd_opt(2026, 11, 30));
        assert_eq!(add_days(d, i64::MAX), None);
        assert_eq!(add_days(d, i64::MIN), None);
        assert_eq!(add_days(NaiveDate::MAX, 1), None);
        assert_eq!(shift_days(d, i64::MAX), NaiveDate::MAX);
        assert_eq!(shift_days(d, i64::MIN), NaiveDate::MIN);
        assert_eq!(shift_days(NaiveDate::MIN, -1), NaiveDate::MIN);
    }

    #[test]
    fn minutes_stay_on_the_same_day() {
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
        assert_eq!(add_minutes(t(14, 0), 90), Some(t(15, 30)));
        assert_eq!(add_minutes(t(14, 0), -30), Some(t(13, 30)));
        assert_eq!(
            add_minutes(t(23, 0), 60),
            Some(END_OF_DAY),
            "midnight ends the day"
        );
        assert_eq!(
            add_minutes(t(23, 0), 61),
            None,
            "past midnight is the next day"
        );
        assert_eq!(add_minutes(END_OF_DAY, -90), Some(t(22, 30)));
        assert_eq!(add_minutes(END_OF_DAY, 0), Some(END_OF_DAY));
        assert_eq!(add_minutes(END_OF_DAY, 1), None);
        assert_eq!(add_minutes(t(0, 10), -30), None);
        assert_eq!(add_minutes(t(14, 0), i64::MAX), None);
        assert_eq!(add_minutes(t(14, 0), i64::MIN), None);
    }

    #[test]
    fn the_date_range_has_four_digit_years() {
        assert_eq!(date_problem(FIRST_DATE), None);
        assert_eq!(date_problem(LAST_DATE), None);
        let far = NaiveDate::from_ymd_opt(262_142, 12, 31).unwrap();
        assert_eq!(
            date_problem(far).unwrap(),
            "+262142-12-31 is not between 1900-01-01 and 9999-12-31"
        );
        assert!(date_problem(NaiveDate::from_ymd_opt(1899, 12, 31).unwrap()).is_some());
    }
}
