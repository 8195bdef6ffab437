//! Forgiving parsers for what people type: dates, times, durations.
//! Every function takes "today"/"now" as an argument so results are deterministic.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Weekday};

use super::limits::{FIRST_DATE, LAST_DATE, add_days, add_minutes, date_problem};
use super::time_of_day::END_OF_DAY;

/// `--from` and `--to` as days, each as `parse_date` reads it (either may be
/// left open); the error names which one is wrong.
pub fn parse_range(
    from: Option<&str>,
    to: Option<&str>,
    today: NaiveDate,
) -> Result<(Option<NaiveDate>, Option<NaiveDate>), String> {
    let bound = |text: Option<&str>, what: &str| {
        text.map(|t| parse_date(t, today).map_err(|e| format!("{what}: {e}")))
            .transpose()
    };
    Ok((bound(from, "from")?, bound(to, "to")?))
}

/// Parses `today`, `tomorrow`, `yesterday`, weekday names (`fri`, `friday`: the next
/// such day, today included), offsets (`+3d`, `+2w`, `-1d`) and ISO dates (`2026-12-01`).
pub fn parse_date(input: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let date = parse_any_date(input, today)?;
    // One range for typed, imported and stored dates: see `limits`.
    match date_problem(date) {
        None => Ok(date),
        Some(_) => Err(format!(
            "`{}` is out of range: dates go from {FIRST_DATE} to {LAST_DATE}",
            input.trim()
        )),
    }
}

fn parse_any_date(input: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let s = input.trim().to_lowercase();
    let out_of_range = || {
        format!(
            "`{}` is out of range: dates go from {FIRST_DATE} to {LAST_DATE}",
            input.trim()
        )
    };
    let days = |n: i64| add_days(today, n).ok_or_else(out_of_range);
    match s.as_str() {
        "" => return Err("a date is needed (today, tomorrow, fri, +3d, 2026-12-01)".into()),
        "today" | "tod" => return Ok(today),
        "tomorrow" | "tom" => return days(1),
        "yesterday" => return days(-1),
        _ => {}
    }
    if let Some(wd) = parse_weekday(&s) {
        let ahead = (7 + i64::from(wd.num_days_from_monday())
            - i64::from(today.weekday().num_days_from_monday()))
            % 7;
        return days(ahead);
    }
    if let Some(rest) = s.strip_prefix('+').or_else(|| s.strip_prefix('-')) {
        let sign = if s.starts_with('-') { -1 } else { 1 };
        let (num, unit) = rest.split_at(
            rest.find(|c: char| !c.is_ascii_digit())
                .unwrap_or(rest.len()),
        );
        if num.is_empty() {
            return Err(format!(
                "`{input}`: expected a number after the sign, like +3d"
            ));
        }
        // All digits: a number too big for i64 is out of range, not a typo.
        let n: i64 = num.parse().map_err(|_| out_of_range())?;
        let per = match unit {
            "" | "d" | "day" | "days" => 1,
            "w" | "week" | "weeks" => 7,
            _ => return Err(format!("`{input}`: unknown unit `{unit}` (use d or w)")),
        };
        let offset = n.checked_mul(per * sign).ok_or_else(out_of_range)?;
        return days(offset);
    }
    NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|_| {
        format!("`{input}` is not a date (try today, tomorrow, fri, +3d or 2026-12-01)")
    })
}

pub(super) fn parse_weekday(s: &str) -> Option<Weekday> {
    const NAMES: [(&str, Weekday); 7] = [
        ("monday", Weekday::Mon),
        ("tuesday", Weekday::Tue),
        ("wednesday", Weekday::Wed),
        ("thursday", Weekday::Thu),
        ("friday", Weekday::Fri),
        ("saturday", Weekday::Sat),
        ("sunday", Weekday::Sun),
    ];
    if s.len() < 2 {
        return None;
    }
    NAMES
        .iter()
        .find(|(name, _)| name.starts_with(s) && s.len() >= 3.min(name.len()))
        .map(|&(_, wd)| wd)
}

/// Parses a clock time: `9`, `9:30`, `09:30`, `14`, `930`, `2pm`, `2:30pm`.
/// Midnight at the end of a day (`24:00`) is only an end: see `parse_end_time`.
pub fn parse_time(input: &str) -> Result<NaiveTime, String> {
    match clock(input)? {
        (24, 0) => Err(format!(
            "`{input}` is midnight at the end of a day: only a block's end can be 24:00 (a start is 00:00 the next day)"
        )),
        (h, m) => NaiveTime::from_hms_opt(h, m, 0).ok_or_else(|| not_a_time(input)),
    }
}

/// Parses the end of a span: a clock time as `parse_time` reads it, or
/// midnight at the end of the day, `24:00` (also `24`, `2400`).
pub fn parse_end_time(input: &str) -> Result<NaiveTime, String> {
    match clock(input)? {
        (24, 0) => Ok(END_OF_DAY),
        (h, m) => NaiveTime::from_hms_opt(h, m, 0).ok_or_else(|| not_a_time(input)),
    }
}

fn not_a_time(input: &str) -> String {
    format!("`{input}` is not a time (try 9, 9:30 or 14:00)")
}

/// The hour and minute typed, checked for their form only (the caller decides
/// whether hour 24 may be).
fn clock(input: &str) -> Result<(u32, u32), String> {
    let s = input.trim().to_lowercase();
    let bad = || not_a_time(input);
    let (body, pm) = if let Some(b) = s.strip_suffix("pm") {
        (b.trim(), Some(true))
    } else if let Some(b) = s.strip_suffix("am") {
        (b.trim(), Some(false))
    } else {
        (s.as_str(), None)
    };
    // Only digits and one colon: this also keeps the byte slicing below on
    // character boundaries whatever was typed.
    if body.is_empty() || !body.chars().all(|c| c.is_ascii_digit() || c == ':') {
        return Err(bad());
    }
    let (h, m) = match body.split_once(':') {
        Some((h, m)) if m.len() == 2 => (h, m),
        Some(_) => return Err(bad()),
        None if body.len() >= 3 => body.split_at(body.len() - 2),
        None => (body, "0"),
    };
    let mut h: u32 = h.parse().map_err(|_| bad())?;
    let m: u32 = m.parse().map_err(|_| bad())?;
    match pm {
        Some(true) if h < 12 => h += 12,
        Some(false) if h == 12 => h = 0,
        _ => {}
    }
    if pm.is_some() && !(1..=23).contains(&h) && h != 0 {
        return Err(bad());
    }
    Ok((h, m))
}

/// Parses a duration in minutes: `90m`, `+90m`, `1h`, `1h30m`, `1.5h`, `45`.
pub fn parse_duration(input: &str) -> Result<i64, String> {
    let s = input.trim().trim_start_matches('+').to_lowercase();
    let bad = || format!("`{input}` is not a duration (try 45m, 1h or 1h30m)");
    if s.is_empty() {
        return Err(bad());
    }
    // Every form, a bare number included, goes through the same bounds below.
    let total = if s.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
        s.parse::<f64>().map_err(|_| bad())?
    } else {
        let mut total = 0.0_f64;
        let mut num = String::new();
        for c in s.chars() {
            if c.is_ascii_digit() || c == '.' {
                num.push(c);
                continue;
            }
            let n: f64 = num.parse().map_err(|_| bad())?;
            num.clear();
            total += match c {
                'h' => n * 60.0,
                'm' => n,
                _ => return Err(bad()),
            };
        }
        if !num.is_empty() {
            // A bare trailing number after hours means minutes: `1h30`.
            total += num.parse::<f64>().map_err(|_| bad())?;
        }
        total
    };
    let minutes = total.round();
    // NaN is in no range, so it is refused too.
    if !(1.0..=MAX_DURATION as f64).contains(&minutes) {
        return Err(format!("`{input}`: a duration must be between 1m and 24h"));
    }
    Ok(minutes as i64)
}

/// The longest duration that can be typed, in minutes: a day.
pub const MAX_DURATION: i64 = 24 * 60;

/// A start and, when given, an end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: NaiveTime,
    pub end: Option<NaiveTime>,
}

/// Parses `9`, `9-10:30`, `14:00-15:30`, `14:00 +90m`, `now`, `now +45m`.
pub fn parse_span(input: &str, now: NaiveDateTime) -> Result<Span, String> {
    let s = input.trim();
    let (start_text, rest) = match s.find(['-', ' ', '+']) {
        Some(i) => (&s[..i], s[i..].trim()),
        None => (s, ""),
    };
    let start = parse_start(start_text, now)?;
    let end = if rest.is_empty() {
        None
    } else if let Some(end_text) = rest.strip_prefix('-') {
        let end = parse_end_time(end_text)?;
        if end <= start {
            return Err(format!("`{input}`: the end must be after the start"));
        }
        Some(end)
    } else {
        let minutes = parse_duration(rest)?;
        Some(add_minutes(start, minutes).ok_or_else(|| format!("`{input}` runs past midnight"))?)
    };
    Ok(Span { start, end })
}

fn parse_start(text: &str, now: NaiveDateTime) -> Result<NaiveTime, String> {
    if text.eq_ignore_ascii_case("now") {
        let t = now.time();
        return NaiveTime::from_hms_opt(t.hour(), t.minute(), 0)
            .ok_or_else(|| "the current time is out of range".to_string());
    }
    parse_time(text)
}

/// Splits a leading time span off a title: `9-10:30 billing spec` gives the span of
/// `9-10:30` and the title `billing spec`. `None` when the title does not start with
/// a time; an error when it clearly tries to (`25:00 review`) but the time is wrong.
pub fn split_leading_span(
    input: &str,
    now: NaiveDateTime,
) -> Option<Result<(Span, String), String>> {
    let mut words = input.split_whitespace();
    let first = words.next()?;
    let rest: Vec<&str> = words.collect();
    let lower = first.to_lowercase();
    let has_duration = rest.first().is_some_and(|w| w.starts_with('+'));
    // A bare number starts many titles ("3 retries", "2026 planning"): it is a time
    // only with a colon, a range, am/pm, or a duration after it.
    let looks_like_time = lower == "now"
        || (lower.starts_with(|c: char| c.is_ascii_digit())
            && (lower.contains([':', '-', '+'])
                || lower.ends_with("am")
                || lower.ends_with("pm")
                || has_duration));
    if !looks_like_time {
        return None;
    }
    // Only a colon or a duration makes it certainly a time; `2-factor auth` is a title.
    let certain = lower.contains(':') || has_duration || lower == "now";
    // `14:00 +90m title`: the duration is a second word.
    let (text, title) = match rest.first().filter(|w| w.starts_with('+')) {
        Some(second) => (format!("{first} {second}"), rest[1..].join(" ")),
        None => (first.to_string(), rest.join(" ")),
    };
    match parse_span(&text, now) {
        Ok(span) => Some(Ok((span, title))),
        Err(e) if certain => Some(Err(e)),
        Err(_) => None,
    }
}

/// Parses an energy rating 1–5.
pub fn parse_energy(input: &str) -> Result<Option<u8>, String> {
    let s = input.trim();
    if s.is_empty() {
        return Ok(None);
    }
    match s.parse::<u8>() {
        Ok(n @ 1..=5) => Ok(Some(n)),
        _ => Err(format!("`{input}`: energy is a number from 1 to 5")),
    }
}

/// Parses a percentage 0–100 (`40`, `40%`); empty means not tracked.
pub fn parse_percent(input: &str) -> Result<Option<u8>, String> {
    let s = input.trim().trim_end_matches('%').trim();
    if s.is_empty() {
        return Ok(None);
    }
    match s.parse::<u8>() {
        Ok(n @ 0..=100) => Ok(Some(n)),
        _ => Err(format!("`{input}`: progress is a number from 0 to 100")),
    }
}

/// Parses an amount of money: `1200`, `1 200`, `1,200.50`, `12k`; empty means none.
pub fn parse_money(input: &str) -> Result<Option<f64>, String> {
    let s: String = input
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | ',' | '_' | '\''))
        .collect();
    if s.is_empty() {
        return Ok(None);
    }
    let (num, factor) = match s.strip_suffix(['k', 'K']) {
        Some(n) => (n, 1000.0),
        None => (s.as_str(), 1.0),
    };
    let bad = || format!("`{input}`: a cost is a number like 1200 or 12k");
    let value = num
        .trim_start_matches(['$', '€', '£'])
        .parse::<f64>()
        .map_err(|_| bad())?
        * factor;
    if !value.is_finite() {
        return Err(bad());
    }
    if value < 0.0 {
        return Err(format!("`{input}`: a cost cannot be negative"));
    }
    Ok(Some(value))
}

/// Parses yes/no answers.
pub fn parse_yes_no(input: &str) -> Result<bool, String> {
    match input.trim().to_lowercase().as_str() {
        "y" | "yes" | "true" | "1" => Ok(true),
        "n" | "no" | "false" | "0" | "" => Ok(false),
        _ => Err(format!("`{input}`: answer yes or no")),
    }
}

#[cfg(test)]
mod tests;
