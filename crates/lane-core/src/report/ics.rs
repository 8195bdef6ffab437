//! iCalendar for time blocks.

use chrono::{NaiveDate, NaiveDateTime, TimeZone};

use crate::model::series::{Rule, Series};
use crate::model::text::visible;
use crate::model::time_of_day::instant;
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

/// How the times of the file are written: wall-clock times in the user's zone,
/// named (`TZID=Europe/Berlin`) and defined by the VTIMEZONE given, or — the
/// zone unknown, or UTC itself — as UTC (`…Z`). `local` is the zone lane's
/// times are in either way (UNTIL and `…Z` times are computed in it).
pub struct Zone<'a, Z: TimeZone> {
    pub local: &'a Z,
    /// The zone's name and its VTIMEZONE's lines; `None`: times in UTC.
    pub named: Option<(&'a str, &'a [String])>,
}

/// How one event's times are written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Times {
    /// Wall clock with `TZID=`.
    Named,
    /// UTC, `…Z`.
    Utc,
    /// Wall clock with no zone: a series in an unnamed zone whose offset
    /// changes (UTC times would repeat an hour off after the change).
    Floating,
}

impl<Z: TimeZone> Zone<'_, Z> {
    /// How a single event's times go out.
    fn single(&self) -> Times {
        if self.named.is_some() {
            Times::Named
        } else {
            Times::Utc
        }
    }

    /// How a series starting at `first` goes out: as a single event's, unless
    /// its times would be UTC and the local offset changes within a year.
    fn repeating(&self, first: NaiveDateTime) -> Times {
        let offset = |t: NaiveDateTime| self.utc(t) - t;
        let steady =
            (1..=12).all(|m| offset(first + chrono::Duration::days(m * 30)) == offset(first));
        match self.single() {
            Times::Utc if !steady => Times::Floating,
            times => times,
        }
    }

    /// `NAME:value` for a time (or times, comma-separated) of the file.
    fn times(&self, how: Times, name: &str, times: &[NaiveDateTime]) -> String {
        let text: Vec<String> = match how {
            Times::Utc => times
                .iter()
                .map(|t| format!("{}Z", self.utc(*t).format(TIME)))
                .collect(),
            Times::Named | Times::Floating => {
                times.iter().map(|t| t.format(TIME).to_string()).collect()
            }
        };
        match (how, self.named) {
            (Times::Named, Some((tzid, _))) => format!("{name};TZID={tzid}:{}", text.join(",")),
            _ => format!("{name}:{}", text.join(",")),
        }
    }

    /// A local time in UTC; one the clocks skip (a DST gap) as the hour after.
    fn utc(&self, t: NaiveDateTime) -> NaiveDateTime {
        let local = |t: NaiveDateTime| self.local.from_local_datetime(&t).earliest();
        local(t)
            .or_else(|| local(t + chrono::Duration::hours(1)))
            .map_or(t, |at| at.naive_utc())
    }
}

/// The blocks as an iCalendar file, times as `zone` says: a block at 09:00
/// stays at 09:00 on the user's wall clock, summer or winter. `stamp_utc` is
/// when the file is made, in UTC (DTSTAMP is always UTC). The days of a
/// repeating block go out as one event with its RRULE (a calendar app then
/// has every day, not only those lane has made yet); a day edited, worked or
/// moved on its own goes out as itself, and is excepted from the rule.
pub fn ics<Z: TimeZone>(
    data: &Data,
    blocks: &[&Block],
    stamp_utc: NaiveDateTime,
    zone: &Zone<Z>,
) -> String {
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//lane//time blocks//EN",
        "CALSCALE:GREGORIAN",
    ] {
        out.push_str(&fold(line));
    }
    for line in zone.named.map_or(&[][..], |(_, lines)| lines) {
        out.push_str(&fold(line));
    }
    let stamp = format!("DTSTAMP:{}Z", stamp_utc.format("%Y%m%dT%H%M%S"));
    let mut series_done: Vec<&str> = Vec::new();
    for b in blocks {
        let lines = match repeating(data, b) {
            Some(s) if series_done.contains(&s.uid.as_str()) => continue,
            Some(s) => {
                series_done.push(&s.uid);
                series_event(data, s, &stamp, zone)
            }
            None => block_event(data, b, &stamp, zone),
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
fn block_event<Z: TimeZone>(data: &Data, b: &Block, stamp: &str, zone: &Zone<Z>) -> Vec<String> {
    let uid = if b.uid.is_empty() {
        format!("block-{}", b.id)
    } else {
        b.uid.clone()
    };
    let mut lines = vec![
        "BEGIN:VEVENT".to_string(),
        format!("UID:{uid}@lane"),
        stamp.to_string(),
        zone.times(zone.single(), "DTSTART", &[b.date.and_time(b.start)]),
        zone.times(zone.single(), "DTEND", &[instant(b.date, b.end)]),
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
fn series_event<Z: TimeZone>(data: &Data, s: &Series, stamp: &str, zone: &Zone<Z>) -> Vec<String> {
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
    let how = zone.repeating(first.and_time(s.start));
    // UNTIL is UTC whenever DTSTART has a zone or is UTC, floating when it is
    // (RFC 5545 §3.3.10): the start of the last day it may fall on.
    let until = s.until.map(|u| match how {
        Times::Floating => format!("{}", u.and_time(s.start).format(TIME)),
        _ => format!("{}Z", zone.utc(u.and_time(s.start)).format(TIME)),
    });
    let mut lines = vec![
        "BEGIN:VEVENT".to_string(),
        format!("UID:{}@lane", s.uid),
        stamp.to_string(),
        zone.times(how, "DTSTART", &[first.and_time(s.start)]),
        zone.times(how, "DTEND", &[instant(first, s.end)]),
        format!("RRULE:{}", rrule(&rule, until)),
    ];
    if !except.is_empty() {
        let days: Vec<NaiveDateTime> = except.iter().map(|d| d.and_time(s.start)).collect();
        lines.push(zone.times(how, "EXDATE", &days));
    }
    lines.push(format!("SUMMARY:{}", escape(&s.title)));
    lines.push(format!("CATEGORIES:{}", s.kind.name().to_uppercase()));
    lines.extend(description(data, s.priority));
    lines.push("END:VEVENT".into());
    lines
}

/// lane's rule as RFC 5545 writes it (`month on 29` or `30` has none: see
/// `writable`).
fn rrule(rule: &Rule, until: Option<String>) -> String {
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
        text.push_str(&format!(";UNTIL={u}"));
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
