//! iCalendar for time blocks.

use chrono::{NaiveDate, NaiveDateTime};

use crate::model::series::{Rule, Series};
use crate::model::text::visible;
use crate::model::{Block, Data};

/// Escapes text for an iCalendar value (RFC 5545 §3.3.11); control characters,
/// which the format forbids and a terminal obeys, are shown as `\u{…}`.
fn escape(text: &str) -> String {
    let lines: Vec<String> = text.split('\n').map(visible).collect();
    lines
        .join("\n")
        .replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
}

/// Folds a content line at 75 octets, never inside a character (RFC 5545 §3.1).
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
    out
}

/// The blocks as an iCalendar file. Times are floating local times: a block at
/// 09:00 stays at 09:00 in whatever zone the calendar app is in, as planned.
/// `stamp_utc` is when the file is made, in UTC (DTSTAMP is always UTC). The
/// days of a repeating block go out as one event with its RRULE (a calendar
/// app then has every day, not only those lane has made yet); a day edited,
/// worked or moved on its own goes out as itself, and is excepted from the rule.
pub fn ics(data: &Data, blocks: &[&Block], stamp_utc: NaiveDateTime) -> String {
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//lane//time blocks//EN",
        "CALSCALE:GREGORIAN",
    ] {
        out.push_str(&fold(line));
    }
    let stamp = format!("DTSTAMP:{}Z", stamp_utc.format("%Y%m%dT%H%M%S"));
    let mut series_done: Vec<&str> = Vec::new();
    for b in blocks {
        let lines = match repeating(data, b) {
            Some(s) if series_done.contains(&s.uid.as_str()) => continue,
            Some(s) => {
                series_done.push(&s.uid);
                series_event(data, s, &stamp)
            }
            None => block_event(data, b, &stamp),
        };
        for line in lines {
            out.push_str(&fold(&line));
        }
    }
    out.push_str(&fold("END:VCALENDAR"));
    out
}

/// The series a block is an untouched day of, when its rule can be written.
fn repeating<'a>(data: &'a Data, b: &Block) -> Option<&'a Series> {
    let s = data
        .series
        .iter()
        .find(|s| Some(&s.uid) == b.series.as_ref())?;
    let untouched = crate::model::derived::is_computed(b) && (b.start, b.end) == (s.start, s.end);
    (untouched && s.rule().is_some_and(|r| writable(&r))).then_some(s)
}

/// Whether an RRULE says the same days: "month on 29" (or 30) falls on the
/// last day of a shorter month, which only BYSETPOS can say, and calendar apps
/// (calcurse among them) ignore it — such a series goes out day by day.
fn writable(rule: &Rule) -> bool {
    !matches!(rule, Rule::Months(_, 29 | 30))
}

/// One block as its own event.
fn block_event(data: &Data, b: &Block, stamp: &str) -> Vec<String> {
    let uid = if b.uid.is_empty() {
        format!("block-{}", b.id)
    } else {
        b.uid.clone()
    };
    let mut lines = vec![
        "BEGIN:VEVENT".to_string(),
        format!("UID:{uid}@lane"),
        stamp.to_string(),
        format!("DTSTART:{}", b.date.and_time(b.start).format(TIME)),
        format!("DTEND:{}", b.date.and_time(b.end).format(TIME)),
        format!("SUMMARY:{}", escape(&b.title)),
        format!("CATEGORIES:{}", b.kind.name().to_uppercase()),
    ];
    lines.extend(description(data, b.priority));
    lines.push("END:VEVENT".into());
    lines
}

const TIME: &str = "%Y%m%dT%H%M%S";

fn description(data: &Data, priority: Option<u32>) -> Option<String> {
    let p = priority.and_then(|id| data.priorities.iter().find(|p| p.id == id))?;
    Some(format!(
        "DESCRIPTION:{}",
        escape(&format!("Priority: {}", p.title))
    ))
}

/// A series as one event: its first day, its rule, and the days taken out of
/// it (deleted, or a block of their own).
fn series_event(data: &Data, s: &Series, stamp: &str) -> Vec<String> {
    let Some(rule) = s.rule() else {
        return Vec::new();
    };
    // The first day it falls on: DTSTART must be an occurrence.
    let first = (0..800)
        .map(|n| crate::model::limits::shift_days(s.first, n))
        .find(|d| rule.falls_on(s.first, *d))
        .unwrap_or(s.first);
    let mut except: Vec<NaiveDate> = s.except.clone();
    except.extend(
        data.blocks
            .iter()
            .filter(|b| b.series.as_ref() == Some(&s.uid) && repeating(data, b).is_none())
            .map(|b| b.date),
    );
    except.sort();
    except.dedup();
    let mut lines = vec![
        "BEGIN:VEVENT".to_string(),
        format!("UID:{}@lane", s.uid),
        stamp.to_string(),
        format!("DTSTART:{}", first.and_time(s.start).format(TIME)),
        format!("DTEND:{}", first.and_time(s.end).format(TIME)),
        format!("RRULE:{}", rrule(&rule, s.until)),
    ];
    if !except.is_empty() {
        let days: Vec<String> = except
            .iter()
            .map(|d| d.and_time(s.start).format(TIME).to_string())
            .collect();
        lines.push(format!("EXDATE:{}", days.join(",")));
    }
    lines.push(format!("SUMMARY:{}", escape(&s.title)));
    lines.push(format!("CATEGORIES:{}", s.kind.name().to_uppercase()));
    lines.extend(description(data, s.priority));
    lines.push("END:VEVENT".into());
    lines
}

/// lane's rule as RFC 5545 writes it (`month on 29` or `30` has none: see
/// `writable`).
fn rrule(rule: &Rule, until: Option<NaiveDate>) -> String {
    const DAYS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
    let mut text = match *rule {
        Rule::Days(n) => format!("FREQ=DAILY;INTERVAL={n}"),
        Rule::Weeks(n, on) => {
            let days: Vec<&str> = (0..7).filter(|i| on[*i]).map(|i| DAYS[i]).collect();
            format!("FREQ=WEEKLY;INTERVAL={n};BYDAY={};WKST=MO", days.join(","))
        }
        // lane's "month on 31" is the month's last day.
        Rule::Months(n, 31) => format!("FREQ=MONTHLY;INTERVAL={n};BYMONTHDAY=-1"),
        Rule::Months(n, d) => format!("FREQ=MONTHLY;INTERVAL={n};BYMONTHDAY={d}"),
    };
    if let Some(u) = until {
        text.push_str(&format!(";UNTIL={}T235959", u.format("%Y%m%d")));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_long_lines_folded() {
        assert_eq!(escape("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
        let long = format!("SUMMARY:{}", "é".repeat(60));
        let folded = fold(&long);
        assert!(folded.split("\r\n").all(|l| l.len() <= 75), "{folded}");
        assert_eq!(folded.replace("\r\n ", "").trim_end(), long);
    }
}
