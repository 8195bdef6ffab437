//! Dates as the views say them: a due date in a list or a detail (`today`,
//! `tomorrow`, `Fri 04 Dec`), and how far a date is from today (`in 3 days`).

use chrono::NaiveDate;

/// A due date in a column or beside a title: empty when there is none.
pub fn due_label(due: Option<NaiveDate>, today: NaiveDate) -> String {
    match due {
        None => String::new(),
        Some(d) if d == today => "today".into(),
        Some(d) if (d - today).num_days() == 1 => "tomorrow".into(),
        Some(d) if (d - today).num_days().abs() < 180 => d.format("%a %d %b").to_string(),
        Some(d) => d.to_string(),
    }
}

/// How far `d` is from `today`: `today`, `yesterday`, `in 3 days`, `2 days ago`.
pub fn relative(d: NaiveDate, today: NaiveDate) -> String {
    match (d - today).num_days() {
        0 => "today".into(),
        1 => "tomorrow".into(),
        -1 => "yesterday".into(),
        n if n > 0 => format!("in {n} days"),
        n => format!("{} days ago", -n),
    }
}
