//! Calendars built to exhaust: nesting deeper than any calendar, zone rules that
//! never match, RDATE lists of a million values. Each must be read with work in
//! proportion to the file, and say what it left out.

use chrono::{NaiveDate, Utc};
use chrono_tz::Tz;

use super::expand::{Expanded, expand};
use super::ics::parse;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn run(text: &str) -> Expanded {
    let parsed = parse(text).unwrap();
    expand(
        &parsed,
        &Tz::Europe__Berlin,
        (d("2026-11-30"), d("2026-12-06")),
    )
}

const STANDUP: &str = "BEGIN:VEVENT\nUID:standup\nSUMMARY:Standup\n\
    DTSTART;TZID=Europe/Berlin:20261201T090000\nDTEND;TZID=Europe/Berlin:20261201T091500\n\
    END:VEVENT\n";

fn calendar(parts: &str) -> String {
    format!("BEGIN:VCALENDAR\nVERSION:2.0\n{STANDUP}{parts}END:VCALENDAR\n")
}

#[test]
fn twenty_thousand_nested_parts_are_skipped_not_recursed_into() {
    // Run on a thread with the test's small stack: recursion on depth would end
    // the whole process here.
    let nested = |depth: usize, closed: bool| {
        let mut s = String::from("BEGIN:VEVENT\nUID:deep\nDTSTART:20261201T100000Z\n");
        s += &"BEGIN:VALARM\n".repeat(depth);
        if closed {
            s += &"END:VALARM\n".repeat(depth);
            s += "END:VEVENT\n";
        }
        s
    };
    for (depth, closed) in [(20_000, true), (20_000, false), (9, true)] {
        let text = calendar(&nested(depth, closed));
        let e = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || run(&text))
            .unwrap()
            .join()
            .unwrap();
        assert_eq!(e.meetings.len(), 1, "{depth}: the standup is still read");
        assert!(
            e.skipped
                .iter()
                .any(|s| s.contains("nested more than 8 deep") || s.contains("never ends")),
            "{depth}: {:?}",
            e.skipped
        );
    }
    // A real alarm inside an event still reads.
    let alarm =
        calendar(&nested(1, true).replace("END:VEVENT", "DTEND:20261201T110000Z\nEND:VEVENT"));
    assert_eq!(run(&alarm).meetings.len(), 2);
}

/// A zone whose rules never match (there is no 30 February), used by a daily
/// meeting: every time in it asked the rule library for the last onset, a walk
/// to the year 10 000 each time.
fn never_matching_zone(name: &str) -> String {
    format!(
        "BEGIN:VTIMEZONE\nTZID:{name}\n\
         BEGIN:STANDARD\nDTSTART:19700101T030000\nTZOFFSETFROM:+0200\nTZOFFSETTO:+0100\n\
         RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30\nEND:STANDARD\n\
         BEGIN:DAYLIGHT\nDTSTART:19700101T020000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0200\n\
         RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=31\nEND:DAYLIGHT\nEND:VTIMEZONE\n\
         BEGIN:VEVENT\nUID:{name}\nSUMMARY:{name}\nRRULE:FREQ=DAILY\n\
         DTSTART;TZID={name}:20250101T120000\nDTEND;TZID={name}:20250101T121500\nEND:VEVENT\n"
    )
}

#[test]
fn zone_rules_that_never_match_are_walked_once_per_zone_and_a_file_is_bounded() {
    let one = run(&calendar(&never_matching_zone("Nowhere")));
    // Seven days of the daily meeting, at the zone's first offset (+0200 before
    // any onset was ever reached: the observances' DTSTART is their onset).
    assert_eq!(one.meetings.len(), 8, "{:?}", one.meetings);
    assert!(one.skipped.is_empty(), "{:?}", one.skipped);
    // Forty such zones are eighty rules: past the file's budget, the rest
    // count from their first onset only, and the file says so once.
    let many: String = (0..40)
        .map(|i| never_matching_zone(&format!("Z{i}")))
        .collect();
    let e = run(&calendar(&many));
    assert_eq!(e.meetings.len(), 40 * 7 + 1);
    let said: Vec<_> = e
        .skipped
        .iter()
        .filter(|s| s.contains("time zone rules"))
        .collect();
    assert_eq!(said.len(), 1, "{:?}", e.skipped);
}

#[test]
fn a_zone_rule_that_is_not_yearly_counts_from_its_first_onset() {
    // An offset that changes every day is no zone: only its DTSTART is an onset.
    let text = calendar(
        "BEGIN:VTIMEZONE\nTZID:Daily\nBEGIN:STANDARD\nDTSTART:20260101T000000\n\
         TZOFFSETFROM:+0000\nTZOFFSETTO:+0300\nRRULE:FREQ=SECONDLY\nEND:STANDARD\nEND:VTIMEZONE\n\
         BEGIN:VEVENT\nUID:x\nSUMMARY:X\nDTSTART;TZID=Daily:20261201T120000\n\
         DTEND;TZID=Daily:20261201T130000\nEND:VEVENT\n",
    );
    let e = run(&text);
    let x = e.meetings.iter().find(|m| m.event == "x").unwrap();
    // 12:00 at +0300 is 09:00 UTC, 10:00 in Berlin.
    assert_eq!(x.start.format("%H:%M").to_string(), "10:00");
}

#[test]
fn a_million_rdates_are_read_in_one_sorted_pass() {
    // 300 000 distinct RDATEs (each once more as a duplicate) and as many
    // EXDATEs: looked up one by one in the list so far this was quadratic.
    let values: Vec<String> = (0..300_000)
        .map(|i| {
            let t = d("2000-01-01").and_hms_opt(9, 0, 0).unwrap() + chrono::Duration::hours(i);
            t.format("%Y%m%dT%H%M%SZ").to_string()
        })
        .collect();
    let list = values.join(",");
    let text = calendar(&format!(
        "BEGIN:VEVENT\nUID:many\nSUMMARY:Many\nDTSTART:19991231T090000Z\nDURATION:PT15M\n\
         RDATE:{list}\nRDATE:{list}\nEXDATE:{list}\nEND:VEVENT\n"
    ));
    let e = run(&text);
    // Every RDATE is excluded again: only the first start (1999) is left, outside
    // the window.
    assert_eq!(e.meetings.len(), 1, "only the standup");
    let parsed = parse(&text).unwrap();
    let all = expand(&parsed, &Utc, (d("2000-01-01"), d("2000-01-02")));
    assert!(all.meetings.is_empty(), "{:?}", all.meetings.first());
}
