//! Working days: the one before and after a date, by the working hours.

use chrono::NaiveDate;

use super::WorkingHours;
use super::limits::shift_days;

/// The last working day before `date` (the day before, if none in a week).
pub fn previous_working_day(hours: &WorkingHours, date: NaiveDate) -> NaiveDate {
    nearest_working_day(hours, date, -1)
}

/// The next working day after `date` (the day after, if none in a week).
pub fn next_working_day(hours: &WorkingHours, date: NaiveDate) -> NaiveDate {
    nearest_working_day(hours, date, 1)
}

/// The first working day one to seven days away in the direction of `step` (±1).
fn nearest_working_day(hours: &WorkingHours, date: NaiveDate, step: i64) -> NaiveDate {
    (1..=7)
        .map(|n| shift_days(date, n * step))
        .find(|d| hours.on(*d).is_some())
        .unwrap_or(shift_days(date, step))
}
