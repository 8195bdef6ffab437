//! A calendar's events as the occurrences on the user's days: recurrences
//! expanded (RRULE, RDATE, EXDATE, moved and cancelled instances), every time
//! turned into the user's zone, each timed occurrence cut at local midnight into
//! meetings, all-day ones as banners.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Timelike, Utc};

use super::ics::{Event, Parsed, When};
use super::zones::{Zone, Zones, wall_in};
use lane_core::model::calendar::Meeting;
use lane_core::model::time_of_day::END_OF_DAY;

/// An all-day event on one day: shown over the day, not as a block.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Banner {
    pub date: NaiveDate,
    pub title: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Expanded {
    pub meetings: Vec<Meeting>,
    pub banners: Vec<Banner>,
    /// Events left out, each with why.
    pub skipped: Vec<String>,
    /// What was read with a guess (an unknown zone), each said; the events
    /// themselves came in.
    pub notes: Vec<String>,
}

/// How many occurrences one rule may produce before the window's end: a rule
/// that repeats every day since 1900 is ~46 000; one every minute is refused.
const MAX_OCCURRENCES: u16 = u16::MAX;

enum Span {
    Timed(DateTime<Utc>, DateTime<Utc>),
    /// First day and the day after the last.
    AllDay(NaiveDate, NaiveDate),
}

/// The occurrences of `parsed` that touch the days `from..=until` in `local`.
pub fn expand(
    parsed: &Parsed,
    local: &impl TimeZone,
    (from, until): (NaiveDate, NaiveDate),
) -> Expanded {
    let zones = Zones::new(&parsed.zones, parsed.default_zone.as_deref());
    let mut out = Expanded {
        skipped: parsed.skipped.clone(),
        ..Expanded::default()
    };
    let mut overrides = overrides(parsed, &zones, local);
    // The window in UTC, a day wider on each side for zones far from the user's.
    let lo = from.and_time(NaiveTime::MIN) - Duration::days(2);
    let hi = until.and_time(NaiveTime::MIN) + Duration::days(3);
    let mut spans = occurrences(
        parsed,
        &zones,
        local,
        (lo, hi),
        &mut overrides,
        &mut out.skipped,
    );
    moved(overrides, &zones, local, &mut spans, &mut out.skipped);
    for (e, key, span) in spans {
        place(&mut out, e, key, span, local, (from, until));
    }
    out.skipped.extend(zones.skipped.take());
    let unknown = zones.unknown.borrow();
    for name in unknown.iter().take(NOTES_SHOWN) {
        out.notes.push(format!(
            "time zone {:?} is unknown: its times are read as your own zone's",
            lane_core::model::text::visible(name)
        ));
    }
    // A feed with a zone per event would say the same thing hundreds of times.
    if unknown.len() > NOTES_SHOWN {
        out.notes.push(format!(
            "… and {} more of the same (time zone unknown: read as your own zone's)",
            unknown.len() - NOTES_SHOWN
        ));
    }
    in_order_and_capped(&mut out);
    out
}

/// Instances moved or cancelled (`RECURRENCE-ID`), by their event and the key
/// of the occurrence they replace.
type Overrides<'a> = HashMap<(&'a str, String), &'a Event>;

fn overrides<'a>(parsed: &'a Parsed, zones: &Zones, local: &impl TimeZone) -> Overrides<'a> {
    let mut overrides: Overrides = HashMap::new();
    for e in parsed.events.iter() {
        if let Some(rid) = &e.recurrence_id {
            overrides.insert((e.uid.as_str(), key_of(zones, rid, local)), e);
        }
    }
    overrides
}

/// Each event's occurrences in the window (`lo..hi`, UTC), with the instances
/// that replace them; each one used is taken out of `overrides`. An event or
/// instance that cannot be placed is skipped with why.
fn occurrences<'a>(
    parsed: &'a Parsed,
    zones: &Zones,
    local: &impl TimeZone,
    (lo, hi): (NaiveDateTime, NaiveDateTime),
    overrides: &mut Overrides<'a>,
    skipped: &mut Vec<String>,
) -> Vec<(&'a Event, String, Span)> {
    let mut spans: Vec<(&Event, String, Span)> = Vec::new();
    for e in parsed.events.iter().filter(|e| e.recurrence_id.is_none()) {
        if e.cancelled {
            continue;
        }
        let repeats = e.rrule.is_some() || !e.rdates.is_empty();
        let starts = match starts(zones, e, local, (lo, hi)) {
            Ok(s) => s,
            Err(why) => {
                skipped.push(format!("line {}: event {}: {why}", e.line, e.uid));
                continue;
            }
        };
        for (key, start) in starts {
            let key = if repeats { key } else { String::new() };
            match overrides.remove(&(e.uid.as_str(), key.clone())) {
                Some(o) if o.cancelled => {}
                Some(o) => match span(zones, o, &o.start, local) {
                    Ok(s) => spans.push((o, key, s)),
                    Err(why) => skipped.push(format!("line {}: {why}", o.line)),
                },
                None => match span(zones, e, &start, local) {
                    Ok(s) => spans.push((e, key, s)),
                    Err(why) => skipped.push(format!("line {}: {why}", e.line)),
                },
            }
        }
    }
    spans
}

/// A moved instance whose original the rule no longer makes (or whose series
/// is not in the file) still happens where it was moved to: added in file order.
fn moved<'a>(
    overrides: Overrides<'a>,
    zones: &Zones,
    local: &impl TimeZone,
    spans: &mut Vec<(&'a Event, String, Span)>,
    skipped: &mut Vec<String>,
) {
    let mut rest: Vec<_> = overrides
        .into_iter()
        .filter(|(_, o)| !o.cancelled)
        .collect();
    rest.sort_by_key(|(_, o)| o.line);
    for ((_, key), o) in rest {
        match span(zones, o, &o.start, local) {
            Ok(s) => spans.push((o, key, s)),
            Err(why) => skipped.push(format!("line {}: {why}", o.line)),
        }
    }
}

/// Meetings in time order, and no more than `MAX_MEETINGS` of them or of
/// banners; the meetings left out are said.
fn in_order_and_capped(out: &mut Expanded) {
    out.meetings
        .sort_by(|a, b| (a.date, a.start, &a.title).cmp(&(b.date, b.start, &b.title)));
    if out.meetings.len() > MAX_MEETINGS {
        out.skipped.push(format!(
            "{} meetings in the window: the first {MAX_MEETINGS} are brought in, {} left out",
            out.meetings.len(),
            out.meetings.len() - MAX_MEETINGS
        ));
        out.meetings.truncate(MAX_MEETINGS);
    }
    out.banners.truncate(MAX_MEETINGS);
}

/// How many unknown time zones are named one by one; the rest are counted.
const NOTES_SHOWN: usize = 5;

/// More meetings than a person has in the window (a quarter-hour meeting every
/// quarter hour for 200 days is 19 200): a feed gone wrong.
const MAX_MEETINGS: usize = 20_000;

/// What names one occurrence: its original start as UTC (`20261203T090000Z`),
/// or its date for an all-day event.
fn key_of(zones: &Zones, when: &When, local: &impl TimeZone) -> String {
    match when {
        When::Date(d) => d.format("%Y%m%d").to_string(),
        other => zones
            .instant(other, local)
            .map(|t| t.format("%Y%m%dT%H%M%SZ").to_string())
            .unwrap_or_default(),
    }
}

/// Every start of an event (with its key) from its DTSTART, RRULE and RDATEs,
/// less its EXDATEs, up to `hi`.
fn starts(
    zones: &Zones,
    e: &Event,
    local: &impl TimeZone,
    (lo, hi): (NaiveDateTime, NaiveDateTime),
) -> Result<Vec<(String, When)>, String> {
    let (zone, wall) = match &e.start {
        When::Date(d) => (Zone::Utc, d.and_time(NaiveTime::MIN)),
        When::Utc(t) => (Zone::Utc, *t),
        When::Local(t, tzid) => (zones.zone(tzid.as_deref()), *t),
    };
    let remake = |w: NaiveDateTime| match &e.start {
        When::Date(_) => When::Date(w.date()),
        When::Utc(_) => When::Utc(w),
        When::Local(_, tzid) => When::Local(w, tzid.clone()),
    };
    let mut walls = vec![wall];
    if let Some(rule) = &e.rrule {
        // Recurrence counts in the event's own wall clock (09:00 stays 09:00
        // across a DST change): wall times stand in as UTC for the expansion.
        let written = rule;
        let rule = wall_until(rule, &zone, e.start.is_date(), local);
        too_often(&rule, wall, hi)?;
        let as_utc = |t: NaiveDateTime| rrule::Tz::UTC.from_utc_datetime(&t);
        let set = rule
            .parse::<rrule::RRule<rrule::Unvalidated>>()
            .and_then(|r| r.build(as_utc(wall)))
            .map_err(|err| {
                // The library's first sentence; the rule as the file wrote it
                // (the expansion's own rewrite of UNTIL is no concern of the user's).
                let err = err.to_string();
                let first = err.split(". ").next().unwrap_or(&err).trim_end_matches('.');
                format!("its repeat rule {written:?} is not valid ({first})")
            })?;
        let found = set
            .after(as_utc(lo - Duration::days(366)))
            .before(as_utc(hi))
            .all(MAX_OCCURRENCES);
        walls = found.dates.iter().map(|t| t.naive_utc()).collect();
        if found.limited {
            return Err("it repeats too often to expand".into());
        }
    }
    for r in &e.rdates {
        let w = match r {
            When::Date(d) => d.and_time(wall.time()),
            other => zones
                .instant(other, local)
                .map(|t| wall_in(&zone, t, local))
                .ok_or("an RDATE that names no time")?,
        };
        walls.push(w);
    }
    // Sorted once and deduplicated: each of a million RDATEs looked up in the
    // list so far was a quadratic walk.
    walls.sort();
    walls.dedup();
    let excluded: HashSet<String> = e.exdates.iter().map(|x| key_of(zones, x, local)).collect();
    let excluded_days: HashSet<NaiveDate> = e
        .exdates
        .iter()
        .filter_map(|x| match x {
            When::Date(d) => Some(*d),
            _ => None,
        })
        .collect();
    Ok(walls
        .into_iter()
        .filter(|w| *w >= lo - Duration::days(366) && w < &hi)
        .filter(|w| !excluded_days.contains(&w.date()))
        .map(|w| {
            let when = remake(w);
            (key_of(zones, &when, local), when)
        })
        .filter(|(key, _)| !excluded.contains(key))
        .collect())
}

/// Refuses a rule that would repeat more than `MAX_OCCURRENCES` times before the
/// window ends: the expansion walks every period from the first, so a rule every
/// second since 1900 would run for hours.
fn too_often(rule: &str, first: NaiveDateTime, hi: NaiveDateTime) -> Result<(), String> {
    let part = |key: &str| {
        rule.split(';').find_map(|p| {
            let (k, v) = p.split_once('=')?;
            k.trim()
                .eq_ignore_ascii_case(key)
                .then(|| v.trim().to_ascii_uppercase())
        })
    };
    let period_minutes: i64 = match part("FREQ").as_deref() {
        Some("YEARLY") => 365 * 1440,
        Some("MONTHLY") => 28 * 1440,
        Some("WEEKLY") => 7 * 1440,
        Some("DAILY") => 1440,
        Some("HOURLY") => 60,
        Some("MINUTELY" | "SECONDLY") => {
            return Err("it repeats more often than hourly".into());
        }
        _ => return Ok(()), // the parser names what is wrong
    };
    let interval = part("INTERVAL")
        .and_then(|i| i.parse::<i64>().ok())
        .unwrap_or(1)
        .max(1);
    // Each BY list multiplies the times a period holds (BYHOUR=9,10 twice a day);
    // BYMINUTE and BYSECOND lists make several a minute: a flood, not meetings.
    let many = |key: &str| part(key).map_or(1, |v| v.split(',').count() as i64);
    if many("BYMINUTE") > 1 || many("BYSECOND") > 1 {
        return Err("it repeats several times an hour (BYMINUTE or BYSECOND)".into());
    }
    let per_period = [
        "BYMONTH",
        "BYWEEKNO",
        "BYYEARDAY",
        "BYMONTHDAY",
        "BYDAY",
        "BYHOUR",
    ]
    .iter()
    .map(|k| many(k))
    .fold(1i64, |a, b| a.saturating_mul(b));
    let periods = (hi - first).num_minutes() / period_minutes.saturating_mul(interval);
    if periods.saturating_mul(per_period.min(366)) > i64::from(MAX_OCCURRENCES) * 4 {
        return Err("it repeats too often to expand".into());
    }
    Ok(())
}

/// A rule's `UNTIL` in the event's wall clock, as the expansion counts in it.
fn wall_until(rule: &str, zone: &Zone, all_day: bool, local: &impl TimeZone) -> String {
    rule.split(';')
        .map(|part| {
            let Some((k, v)) = part.split_once('=') else {
                return part.to_string();
            };
            if !k.trim().eq_ignore_ascii_case("UNTIL") {
                return part.to_string();
            }
            let v = v.trim();
            let wall = if v.len() == 8 {
                NaiveDate::parse_from_str(v, "%Y%m%d")
                    .ok()
                    .and_then(|d| d.and_hms_opt(23, 59, 59))
            } else if let Some(utc) = v.strip_suffix(['Z', 'z']) {
                NaiveDateTime::parse_from_str(utc, "%Y%m%dT%H%M%S")
                    .ok()
                    .map(|t| wall_in(zone, t.and_utc(), local))
            } else {
                NaiveDateTime::parse_from_str(v, "%Y%m%dT%H%M%S").ok()
            };
            match wall {
                // An all-day series ends with the day its UNTIL falls on.
                Some(w) if all_day => format!("UNTIL={}T235959Z", w.format("%Y%m%d")),
                Some(w) => format!("UNTIL={}Z", w.format("%Y%m%dT%H%M%S")),
                None => part.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(";")
}

/// Where one occurrence starting at `start` lies: its length comes from the
/// event's DTEND or DURATION.
fn span(zones: &Zones, e: &Event, start: &When, local: &impl TimeZone) -> Result<Span, String> {
    if let When::Date(d) = start {
        let days = match (&e.end, e.duration, &e.start) {
            (Some(When::Date(end)), _, When::Date(first)) => (*end - *first).num_days(),
            (_, Some(len), _) => len.num_days(),
            _ => 1,
        }
        .max(1);
        let last = d
            .checked_add_signed(Duration::days(days))
            .ok_or("an all-day event that ends past the year 9999")?;
        return Ok(Span::AllDay(*d, last));
    }
    let at = zones
        .instant(start, local)
        .ok_or_else(|| format!("event {}: a start that names no time", e.uid))?;
    let length = match (&e.end, e.duration) {
        (Some(end), _) => {
            let first = zones.instant(&e.start, local);
            let last = zones.instant(end, local);
            first.zip(last).map(|(a, b)| b - a).unwrap_or_default()
        }
        (None, Some(len)) => len,
        (None, None) => Duration::zero(),
    };
    if length <= Duration::zero() {
        return Err(format!("event {} has no length", e.uid));
    }
    Ok(Span::Timed(at, at + length.min(Duration::days(366))))
}

/// Adds one occurrence's meetings (a piece per local day: one past midnight
/// is 22:00–24:00 on its first day and 00:00–01:00 on the next, keyed `KEY#1`)
/// or banners.
fn place(
    out: &mut Expanded,
    e: &Event,
    key: String,
    span: Span,
    local: &impl TimeZone,
    (from, until): (NaiveDate, NaiveDate),
) {
    let title = title(&e.summary);
    match span {
        Span::AllDay(first, after) => {
            let mut day = first.max(from);
            while day < after && day <= until {
                out.banners.push(Banner {
                    date: day,
                    title: title.clone(),
                });
                let Some(next) = day.succ_opt() else { break };
                day = next;
            }
        }
        Span::Timed(a, b) => {
            let (a, b) = (
                minute(a.with_timezone(local).naive_local()),
                minute(b.with_timezone(local).naive_local()),
            );
            let mut day = a.date().max(from);
            let mut piece = (day - a.date()).num_days();
            while day <= until && day.and_time(NaiveTime::MIN) < b {
                let start = a.max(day.and_time(NaiveTime::MIN)).time();
                let end = match day.succ_opt() {
                    Some(next) if b < next.and_time(NaiveTime::MIN) => b.time(),
                    // On past midnight: this day's piece ends at 24:00, the
                    // next day's starts at 00:00.
                    _ => END_OF_DAY,
                };
                if start < end {
                    out.meetings.push(Meeting {
                        event: e.uid.clone(),
                        instance: match piece {
                            0 => key.clone(),
                            n => format!("{key}#{n}"),
                        },
                        title: title.clone(),
                        date: day,
                        start,
                        end,
                    });
                }
                let Some(next) = day.succ_opt() else { break };
                day = next;
                piece += 1;
            }
        }
    }
}

fn minute(t: NaiveDateTime) -> NaiveDateTime {
    t.with_second(0)
        .and_then(|t| t.with_nanosecond(0))
        .unwrap_or(t)
}

/// A summary as a block's title: one line, control characters shown, not empty.
fn title(summary: &str) -> String {
    let one: Vec<&str> = summary.split_whitespace().collect();
    let text = lane_core::model::text::visible(&one.join(" "));
    if text.is_empty() {
        "(no title)".to_string()
    } else {
        text.chars().take(200).collect()
    }
}

#[cfg(test)]
mod tests;
