//! The user's own time zone, by its IANA name, and the VTIMEZONE that defines
//! it in a file lane writes (`lane export ics`): times then go out as the
//! user's wall clock with `TZID=…`, not as floating times a calendar app puts
//! in whatever zone it is in. The name comes from `TZ` (`Europe/Berlin`,
//! `:Europe/Berlin`, a zoneinfo path), else `/etc/timezone`, else the
//! `/etc/localtime` link; unknown, or UTC itself, there is none (times go out
//! as UTC).

use std::str::FromStr;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Offset, TimeZone};
use chrono_tz::{OffsetComponents, OffsetName, Tz};

/// The user's zone, when it has a name other than UTC's.
pub fn named() -> Option<Tz> {
    let name = match std::env::var("TZ") {
        // glibc reads an empty TZ as UTC.
        Ok(tz) => tz,
        Err(_) => std::fs::read_to_string("/etc/timezone")
            .ok()
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .or_else(|| {
                let link = std::fs::read_link("/etc/localtime").ok()?;
                Some(link.to_string_lossy().into_owned())
            })?,
    };
    of_name(&name)
}

/// A zone from what `TZ` may hold; `None` for UTC, a POSIX rule or nonsense.
fn of_name(text: &str) -> Option<Tz> {
    let name = text.strip_prefix(':').unwrap_or(text).trim();
    let name = name.rsplit_once("zoneinfo/").map_or(name, |(_, n)| n);
    let tz = Tz::from_str(name).ok()?;
    // A zone at UTC's offset all year (UTC, Etc/UTC, Zulu, GMT, Iceland…) is
    // the same wall clock written as UTC.
    let utc_always = [1, 7].iter().all(|m| {
        let at = NaiveDate::from_ymd_opt(2026, *m, 1).and_then(|d| d.and_hms_opt(12, 0, 0));
        at.is_some_and(|at| offset_at(tz, at) == 0)
    });
    (!utc_always).then_some(tz)
}

/// One change of offset: when (UTC), the offsets before and after, the name after.
struct Onset {
    at: NaiveDateTime,
    from: i32,
    to: i32,
    name: String,
    dst: bool,
}

/// The VTIMEZONE of `tz` for times from `first` to `last` (and on: each
/// change of offset found in those years goes out as a yearly rule when it
/// falls on the same weekday of the month every year, as DST rules do).
pub fn vtimezone(tz: Tz, first: NaiveDate, last: NaiveDate) -> Vec<String> {
    let (from_year, to_year) = (first.year() - 1, last.year().max(first.year()) + 1);
    let onsets: Vec<Onset> = (from_year..=to_year)
        .flat_map(|y| onsets_in(tz, y))
        .collect();
    let mut lines = vec!["BEGIN:VTIMEZONE".to_string(), format!("TZID:{}", tz.name())];
    if onsets.is_empty() {
        // No change of offset: one observance, from long before.
        let at = NaiveDate::from_ymd_opt(1970, 1, 1).and_then(|d| d.and_hms_opt(0, 0, 0));
        let offset = at.map_or(0, |at| offset_at(tz, at));
        let name = at.map_or_else(String::new, |at| abbreviation(tz, at));
        lines.extend(observance(
            false,
            "19700101T000000",
            offset,
            offset,
            &name,
            None,
        ));
    } else {
        for rule in rules(&onsets) {
            lines.extend(rule);
        }
    }
    lines.push("END:VTIMEZONE".to_string());
    lines
}

/// The observances: per kind of change (into DST, out of it), one yearly rule
/// when every year's change matches it, else each change on its own.
fn rules(onsets: &[Onset]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for dst in [true, false] {
        let same: Vec<&Onset> = onsets.iter().filter(|o| o.dst == dst).collect();
        let Some(first) = same.first() else { continue };
        let wall = |o: &Onset| o.at + Duration::seconds(i64::from(o.from));
        let rule = yearly_rule(wall(first).date());
        let steady = same.iter().all(|o| {
            (o.from, o.to, wall(o).time()) == (first.from, first.to, wall(first).time())
                && yearly_rule(wall(o).date()) == rule
        });
        if steady && let Some(rule) = rule {
            let start = wall(first).format("%Y%m%dT%H%M%S").to_string();
            out.push(observance(
                dst,
                &start,
                first.from,
                first.to,
                &first.name,
                Some(&rule),
            ));
        } else {
            for o in same {
                let start = wall(o).format("%Y%m%dT%H%M%S").to_string();
                out.push(observance(dst, &start, o.from, o.to, &o.name, None));
            }
        }
    }
    out
}

/// `FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU` for a day that is the last Sunday of
/// March (or `2SU`, the second…); `None` for a day past the 28th that is not
/// its month's last of that weekday.
fn yearly_rule(day: NaiveDate) -> Option<String> {
    const DAYS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
    let weekday = DAYS[day.weekday().num_days_from_monday() as usize];
    let last = (day + Duration::days(7)).month() != day.month();
    let nth = (day.day() - 1) / 7 + 1;
    let which = match (last, nth) {
        (true, _) => "-1".to_string(),
        (false, n) if n <= 4 => n.to_string(),
        _ => return None,
    };
    Some(format!(
        "FREQ=YEARLY;BYMONTH={};BYDAY={which}{weekday}",
        day.month()
    ))
}

fn observance(
    dst: bool,
    start: &str,
    from: i32,
    to: i32,
    name: &str,
    rule: Option<&str>,
) -> Vec<String> {
    let kind = if dst { "DAYLIGHT" } else { "STANDARD" };
    let mut lines = vec![
        format!("BEGIN:{kind}"),
        format!("DTSTART:{start}"),
        format!("TZOFFSETFROM:{}", offset_text(from)),
        format!("TZOFFSETTO:{}", offset_text(to)),
    ];
    if let Some(rule) = rule {
        lines.push(format!("RRULE:{rule}"));
    }
    if !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '-')
    {
        lines.push(format!("TZNAME:{name}"));
    }
    lines.push(format!("END:{kind}"));
    lines
}

/// `+0100`, `-0430`.
fn offset_text(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.abs() / 60;
    format!("{sign}{:02}{:02}", minutes / 60, minutes % 60)
}

fn offset_at(tz: Tz, utc: NaiveDateTime) -> i32 {
    tz.offset_from_utc_datetime(&utc).fix().local_minus_utc()
}

fn abbreviation(tz: Tz, utc: NaiveDateTime) -> String {
    tz.offset_from_utc_datetime(&utc)
        .abbreviation()
        .unwrap_or("")
        .to_string()
}

/// Whether the zone keeps summer time at `utc`.
fn is_dst(tz: Tz, utc: NaiveDateTime) -> bool {
    let offset = tz.offset_from_utc_datetime(&utc);
    offset.dst_offset().num_seconds() != 0
}

/// The changes of offset in `year`, found day by day and then to the minute.
fn onsets_in(tz: Tz, year: i32) -> Vec<Onset> {
    let Some(mut day) = NaiveDate::from_ymd_opt(year, 1, 1).and_then(|d| d.and_hms_opt(0, 0, 0))
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    while day.year() == year {
        let next = day + Duration::days(1);
        if offset_at(tz, day) != offset_at(tz, next) {
            // The first second of the new offset.
            let (mut lo, mut hi) = (day, next);
            while hi - lo > Duration::seconds(1) {
                let mid = lo + (hi - lo) / 2;
                if offset_at(tz, mid) == offset_at(tz, lo) {
                    lo = mid
                } else {
                    hi = mid
                }
            }
            out.push(Onset {
                at: hi,
                from: offset_at(tz, lo),
                to: offset_at(tz, hi),
                name: abbreviation(tz, hi),
                dst: is_dst(tz, hi),
            });
        }
        day = next;
    }
    out
}

#[cfg(test)]
mod tests;
