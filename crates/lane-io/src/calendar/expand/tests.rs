use chrono::{NaiveDate, NaiveTime};
use chrono_tz::Tz;

use super::*;
use crate::calendar::ics::parse;
use lane_core::model::time_of_day;

const GOOGLE: &str = include_str!("../../../../../tests/fixtures/calendars/google.ics");
const OUTLOOK: &str = include_str!("../../../../../tests/fixtures/calendars/outlook.ics");
const APPLE: &str = include_str!("../../../../../tests/fixtures/calendars/apple.ics");

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn run(text: &str, zone: Tz, from: &str, until: &str) -> Expanded {
    expand(&parse(text).unwrap(), &zone, (d(from), d(until)))
}

/// `date start-end title` per meeting, the way a person reads a week.
fn lines(e: &Expanded) -> Vec<String> {
    e.meetings
        .iter()
        .map(|m| {
            format!(
                "{} {}-{} {}",
                m.date,
                time_of_day::text(m.start),
                time_of_day::text(m.end),
                m.title
            )
        })
        .collect()
}

fn on(e: &Expanded, date: &str) -> Vec<String> {
    lines(e)
        .into_iter()
        .filter(|l| l.starts_with(date))
        .collect()
}

#[test]
fn a_google_week_with_an_exdate_a_moved_and_a_cancelled_instance() {
    let e = run(GOOGLE, Tz::Europe__Berlin, "2026-11-30", "2026-12-11");
    assert_eq!(
        lines(&e),
        [
            "2026-11-30 09:30-09:45 Team standup",
            "2026-12-02 14:00-14:15 Team standup (moved)",
            "2026-12-03 16:00-17:00 Quarterly review with finance",
            // Dec 4 is an EXDATE, Dec 7 cancelled; the cancelled vendor call is gone.
            "2026-12-09 09:30-09:45 Team standup",
            "2026-12-11 09:30-09:45 Team standup",
        ]
    );
    assert_eq!(
        e.banners,
        [
            Banner {
                date: d("2026-12-08"),
                title: "Team offsite".into()
            },
            Banner {
                date: d("2026-12-09"),
                title: "Team offsite".into()
            },
        ]
    );
    assert!(e.skipped.is_empty(), "{:?}", e.skipped);
    // The moved one keeps the name of the occurrence it replaces.
    let moved = &e.meetings[1];
    assert_eq!(moved.instance, "20261202T083000Z");
    assert_eq!(e.meetings[0].event, "standup-7f3a@google.com");
}

#[test]
fn a_series_ends_at_its_until() {
    let e = run(GOOGLE, Tz::Europe__Berlin, "2026-12-28", "2027-01-10");
    assert_eq!(
        lines(&e),
        [
            "2026-12-28 09:30-09:45 Team standup",
            "2026-12-30 09:30-09:45 Team standup"
        ]
    );
}

#[test]
fn the_same_week_seen_from_new_york() {
    let e = run(GOOGLE, Tz::America__New_York, "2026-11-30", "2026-12-03");
    assert_eq!(
        lines(&e),
        [
            "2026-11-30 03:30-03:45 Team standup",
            "2026-12-02 08:00-08:15 Team standup (moved)",
            "2026-12-03 10:00-11:00 Quarterly review with finance",
        ]
    );
}

#[test]
fn outlook_windows_zones_folded_lines_and_a_broken_event_among_good_ones() {
    let e = run(OUTLOOK, Tz::Europe__Berlin, "2026-11-30", "2027-01-31");
    assert_eq!(
        lines(&e),
        [
            "2026-12-01 16:00-16:30 Budget check-in",
            "2026-12-01 17:00-18:00 Architecture sync with the Seattle team about the billing migration plan",
            "2026-12-15 16:00-16:30 Budget check-in",
            "2027-01-01 16:00-16:30 Budget check-in",
            "2027-01-15 16:00-16:30 Budget check-in",
        ]
    );
    assert_eq!(e.skipped.len(), 1, "{:?}", e.skipped);
    assert!(e.skipped[0].contains("line 34"), "{:?}", e.skipped);
    assert!(e.skipped[0].contains("garbage"), "{:?}", e.skipped);
}

#[test]
fn a_new_york_series_across_both_dst_changes_of_each_zone() {
    // 09:30 in New York every other Tuesday: 09:30 there all year; in Berlin it
    // moves by an hour in the weeks when only one of the two has changed.
    let berlin = run(APPLE, Tz::Europe__Berlin, "2026-02-23", "2026-11-15");
    let at = |date: &str| on(&berlin, date);
    assert_eq!(at("2026-03-03"), ["2026-03-03 15:30-16:00 1:1 with Dana"]);
    assert_eq!(at("2026-03-17"), ["2026-03-17 14:30-15:00 1:1 with Dana"]);
    assert_eq!(at("2026-03-31"), ["2026-03-31 15:30-16:00 1:1 with Dana"]);
    assert_eq!(at("2026-10-27"), ["2026-10-27 14:30-15:00 1:1 with Dana"]);
    assert_eq!(at("2026-11-10"), ["2026-11-10 15:30-16:00 1:1 with Dana"]);
    let ny = run(APPLE, Tz::America__New_York, "2026-02-23", "2026-11-15");
    let ones: Vec<_> = lines(&ny)
        .into_iter()
        .filter(|l| l.contains("Dana"))
        .collect();
    assert_eq!(ones.len(), 19);
    assert!(ones.iter().all(|l| l.contains(" 09:30-10:00 ")), "{ones:?}");
}

#[test]
fn a_berlin_series_stays_at_its_hour_across_berlins_changes() {
    let e = run(GOOGLE, Tz::Europe__Berlin, "2026-11-30", "2026-12-31");
    assert!(
        lines(&e)
            .iter()
            .filter(|l| l.ends_with("Team standup"))
            .all(|l| l.contains(" 09:30-09:45 "))
    );
}

#[test]
fn floating_times_rdates_durations_and_midnight() {
    let berlin = run(APPLE, Tz::Europe__Berlin, "2026-11-30", "2026-12-13");
    assert_eq!(
        lines(&berlin)
            .into_iter()
            .filter(|l| !l.contains("Dana"))
            .collect::<Vec<_>>(),
        [
            "2026-12-02 16:00-16:45 Focus review (floating)",
            "2026-12-05 04:00-07:00 Late release window",
            "2026-12-09 16:00-16:45 Focus review (floating)",
        ]
    );
    let ny = run(APPLE, Tz::America__New_York, "2026-11-30", "2026-12-13");
    let late: Vec<_> = ny
        .meetings
        .iter()
        .filter(|m| m.title.starts_with("Late"))
        .collect();
    assert_eq!(late.len(), 2, "cut at midnight");
    assert_eq!((late[0].start, late[0].end), (t("22:00"), END_OF_DAY));
    assert_eq!(
        (late[1].date, late[1].start, late[1].end),
        (d("2026-12-05"), t("00:00"), t("01:00"))
    );
    assert_eq!(late[1].instance, "#1");
}

fn t(s: &str) -> NaiveTime {
    NaiveTime::parse_from_str(s, "%H:%M").unwrap()
}

#[test]
fn hostile_feeds_are_refused_or_contained() {
    let wrap = |body: &str| format!("BEGIN:VCALENDAR\nVERSION:2.0\n{body}END:VCALENDAR\n");
    // A rule every second since 1900 is not expanded; the calendar still reads.
    let every_second = wrap(
        "BEGIN:VEVENT\nUID:x\nDTSTART:19000101T000000Z\nDTEND:19000101T000001Z\nRRULE:FREQ=SECONDLY\nSUMMARY:spam\nEND:VEVENT\n\
         BEGIN:VEVENT\nUID:y\nDTSTART:20261201T100000Z\nDTEND:20261201T110000Z\nSUMMARY:\u{1b}[31mred\nEND:VEVENT\n",
    );
    let e = run(&every_second, Tz::UTC, "2026-11-30", "2026-12-10");
    assert_eq!(lines(&e), ["2026-12-01 10:00-11:00 \\u{1b}[31mred"]);
    assert_eq!(e.skipped.len(), 1, "{:?}", e.skipped);
    // Not a calendar at all.
    assert!(parse("hello").is_err());
    assert!(parse("").is_err());
    // An event that never ends, a rule that is not one, no UID, no length.
    let odd = wrap(
        "BEGIN:VEVENT\nUID:a\nDTSTART:20261201T100000Z\nRRULE:FREQ=SOMETIMES\nDTEND:20261201T110000Z\nEND:VEVENT\n\
         BEGIN:VEVENT\nDTSTART:20261201T100000Z\nEND:VEVENT\n\
         BEGIN:VEVENT\nUID:c\nDTSTART:20261201T100000Z\nEND:VEVENT\n\
         BEGIN:VEVENT\nUID:b\nDTSTART:20261201T100000Z\n",
    );
    let e = run(&odd, Tz::UTC, "2026-11-30", "2026-12-10");
    assert!(e.meetings.is_empty());
    // Many a minute by its BY lists: refused like a rule every minute.
    let flood = wrap(
        "BEGIN:VEVENT\nUID:f\nDTSTART:20261130T080000Z\nDTEND:20261130T081500Z\n\
         RRULE:FREQ=WEEKLY;BYHOUR=14,15,16;BYMINUTE=0,1,2,3;BYSECOND=0,1\nSUMMARY:flood\nEND:VEVENT\n",
    );
    let f = run(&flood, Tz::UTC, "2026-11-30", "2026-12-10");
    assert!(f.meetings.is_empty());
    assert!(
        f.skipped[0].contains("several times an hour"),
        "{:?}",
        f.skipped
    );
    assert_eq!(e.skipped.len(), 4, "{:?}", e.skipped);
}

#[test]
fn an_exchange_zone_known_only_by_its_own_definition() {
    // Exchange names zones by display name and defines them from 1601 on.
    let text = "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nPRODID:Microsoft CDO for Microsoft Exchange\r\nVERSION:2.0\r\n\
BEGIN:VTIMEZONE\r\nTZID:(GMT-06.00) Central Time (US & Canada)\r\nX-MICROSOFT-CDO-TZID:11\r\n\
BEGIN:STANDARD\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0600\r\nRRULE:FREQ=YEARLY;WKST=MO;INTERVAL=1;BYMONTH=11;BYDAY=1SU\r\nEND:STANDARD\r\n\
BEGIN:DAYLIGHT\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:-0600\r\nTZOFFSETTO:-0500\r\nRRULE:FREQ=YEARLY;WKST=MO;INTERVAL=1;BYMONTH=3;BYDAY=2SU\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n\
BEGIN:VEVENT\r\nDTSTART;TZID=\"(GMT-06.00) Central Time (US & Canada)\":20261030T100000\r\nDTEND;TZID=\"(GMT-06.00) Central Time (US & Canada)\":20261030T110000\r\n\
RRULE:FREQ=WEEKLY;COUNT=3;BYDAY=FR\r\nUID:exchange-1\r\nSUMMARY:Vendor sync\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let e = run(text, Tz::UTC, "2026-10-26", "2026-11-30");
    // 10:00 Central: 15:00 UTC in summer time, 16:00 after 1 November.
    assert_eq!(
        lines(&e),
        [
            "2026-10-30 15:00-16:00 Vendor sync",
            "2026-11-06 16:00-17:00 Vendor sync",
            "2026-11-13 16:00-17:00 Vendor sync",
        ]
    );
    assert!(e.skipped.is_empty(), "{:?}", e.skipped);
}

#[test]
fn daily_with_a_count_and_yearly_on_a_date() {
    let text = "BEGIN:VCALENDAR\nVERSION:2.0\n\
BEGIN:VEVENT\nUID:d\nDTSTART:20261130T080000Z\nDTEND:20261130T081500Z\nRRULE:FREQ=DAILY;COUNT=3\nSUMMARY:sprint sync\nEND:VEVENT\n\
BEGIN:VEVENT\nUID:y\nDTSTART;VALUE=DATE:20201203\nDTEND;VALUE=DATE:20201204\nRRULE:FREQ=YEARLY\nSUMMARY:Company birthday\nEND:VEVENT\n\
END:VCALENDAR\n";
    let e = run(text, Tz::UTC, "2026-11-30", "2026-12-10");
    assert_eq!(
        lines(&e),
        [
            "2026-11-30 08:00-08:15 sprint sync",
            "2026-12-01 08:00-08:15 sprint sync",
            "2026-12-02 08:00-08:15 sprint sync",
        ]
    );
    assert_eq!(
        e.banners,
        [Banner {
            date: d("2026-12-03"),
            title: "Company birthday".into()
        }]
    );
}

/// Nights around the end of summer time in Berlin (Sunday 25 October 2026,
/// 03:00 back to 02:00): a meeting every night 22:00–01:00, one from 23:00 to
/// 03:30 across the change, and one ending exactly at midnight.
const NIGHTS: &str = "BEGIN:VCALENDAR\nVERSION:2.0\n\
BEGIN:VEVENT\nUID:night\nDTSTART;TZID=Europe/Berlin:20261023T220000\n\
DTEND;TZID=Europe/Berlin:20261024T010000\nRRULE:FREQ=DAILY;COUNT=4\nSUMMARY:Night shift\nEND:VEVENT\n\
BEGIN:VEVENT\nUID:change\nDTSTART;TZID=Europe/Berlin:20261024T230000\n\
DTEND;TZID=Europe/Berlin:20261025T033000\nSUMMARY:Clock change\nEND:VEVENT\n\
BEGIN:VEVENT\nUID:late\nDTSTART;TZID=Europe/Berlin:20261027T230000\n\
DTEND;TZID=Europe/Berlin:20261028T000000\nSUMMARY:Till midnight\nEND:VEVENT\n\
END:VCALENDAR\n";

#[test]
fn an_event_past_midnight_is_two_parts_ending_and_starting_at_midnight() {
    let e = run(NIGHTS, Tz::Europe__Berlin, "2026-10-20", "2026-10-31");
    let mut got = lines(&e);
    got.sort();
    assert_eq!(
        got,
        [
            "2026-10-23 22:00-24:00 Night shift",
            "2026-10-24 00:00-01:00 Night shift",
            "2026-10-24 22:00-24:00 Night shift",
            "2026-10-24 23:00-24:00 Clock change",
            "2026-10-25 00:00-01:00 Night shift",
            "2026-10-25 00:00-03:30 Clock change",
            "2026-10-25 22:00-24:00 Night shift",
            "2026-10-26 00:00-01:00 Night shift",
            "2026-10-26 22:00-24:00 Night shift",
            "2026-10-27 00:00-01:00 Night shift",
            "2026-10-27 23:00-24:00 Till midnight",
        ]
    );
    // Both parts of an occurrence name it; the second adds `#1`, so each
    // part's block uid is its own and the same on every read.
    let change: Vec<&str> = e
        .meetings
        .iter()
        .filter(|m| m.event == "change")
        .map(|m| m.instance.as_str())
        .collect();
    assert_eq!(change, ["", "#1"]);
    let mut instances: Vec<(&str, &str)> = e
        .meetings
        .iter()
        .map(|m| (m.event.as_str(), m.instance.as_str()))
        .collect();
    instances.sort();
    instances.dedup();
    assert_eq!(instances.len(), e.meetings.len(), "every part keyed apart");
    let again = run(NIGHTS, Tz::Europe__Berlin, "2026-10-20", "2026-10-31");
    assert_eq!(again.meetings, e.meetings, "the same parts on every read");
}
