//! `lane export ics` in the user's zone: wall-clock times with `TZID=` and the
//! VTIMEZONE that defines it, or UTC (`…Z`) when the zone has no name — read
//! back by the icalendar parser and by the real `calcurse -i`, across the
//! week Berlin moves its clocks (Sunday 28 March 2027).

use chrono::{NaiveDateTime, TimeZone};
use icalendar::{CalendarDateTime, Component, DatePerhapsTime};

use crate::common::lane;

const BERLIN_POSIX: &str = "CET-1CEST,M3.5.0,M10.5.0/3";

/// A daily 9-10 from Monday 22 March 2027 and a 14:00 review on the Friday
/// before the change and the Monday after; exported with `TZ=tz`.
fn dst_week(tz: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let at = |cmd: &mut assert_cmd::Command| {
        cmd.env("TZ", "Europe/Berlin")
            .env("LANE_NOW", "2027-03-22T08:00");
    };
    for args in [
        &["add", "block", "9-10 deep work", "--every", "daily"][..],
        &["add", "block", "14-15 review", "--date", "2027-03-26"],
        &["add", "block", "14-15 review", "--date", "2027-03-29"],
    ] {
        let mut cmd = lane(&dir);
        at(&mut cmd);
        cmd.args(args).assert().success();
    }
    let mut cmd = lane(&dir);
    at(&mut cmd);
    let out = cmd
        .env("TZ", tz)
        .args([
            "export",
            "ics",
            "--from",
            "2027-03-22",
            "--to",
            "2027-04-02",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

/// Each event's start as the icalendar crate reads it, on Berlin's wall clock
/// (a floating time stays as written): (summary, wall-clock start).
fn starts_in_berlin(text: &str) -> Vec<(String, NaiveDateTime)> {
    let calendar: icalendar::Calendar = text.parse().unwrap();
    let berlin = chrono_tz::Europe::Berlin;
    calendar
        .components
        .iter()
        .filter_map(|c| c.as_event())
        .map(|e| {
            let wall = match e.get_start() {
                Some(DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone {
                    date_time,
                    tzid,
                })) => {
                    let tz: chrono_tz::Tz = tzid.parse().unwrap();
                    let utc = tz.from_local_datetime(&date_time).unwrap().naive_utc();
                    berlin.from_utc_datetime(&utc).naive_local()
                }
                Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(utc))) => {
                    berlin.from_utc_datetime(&utc.naive_utc()).naive_local()
                }
                Some(DatePerhapsTime::DateTime(CalendarDateTime::Floating(wall))) => wall,
                other => panic!("a start that is no time: {other:?}"),
            };
            (e.get_summary().unwrap().to_string(), wall)
        })
        .collect()
}

fn wall(date: &str, hm: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(&format!("{date} {hm}"), "%Y-%m-%d %H:%M").unwrap()
}

/// What calcurse shows from 26 to 30 March after `calcurse -i` of `text`, its
/// clock on Berlin's time; `None` when calcurse is not installed.
fn calcurse_week(text: &str) -> Option<String> {
    let found = std::process::Command::new("calcurse")
        .arg("--version")
        .output();
    if !found.is_ok_and(|o| o.status.success()) {
        println!("skipped the calcurse check: calcurse is not installed here");
        return None;
    }
    let home = tempfile::tempdir().unwrap();
    std::fs::write(home.path().join("apts"), "").unwrap();
    std::fs::write(home.path().join("todo"), "").unwrap();
    let file = home.path().join("lane.ics");
    std::fs::write(&file, text).unwrap();
    let calcurse = |args: &[&str]| {
        let out = std::process::Command::new("calcurse")
            .env("TZ", "Europe/Berlin")
            .arg("-D")
            .arg(home.path())
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let imported = calcurse(&["-i", file.to_str().unwrap()]);
    assert!(
        imported.contains("3 apps") && imported.contains("0 skipped"),
        "{imported}"
    );
    Some(calcurse(&["-Q", "--from", "03/26/2027", "--days", "5"]))
}

const CALCURSE_WEEK: &str = "03/26/27:\n - 09:00 -> 10:00\n\tdeep work\n - 14:00 -> 15:00\n\treview\n\n\
03/27/27:\n - 09:00 -> 10:00\n\tdeep work\n\n\
03/28/27:\n - 09:00 -> 10:00\n\tdeep work\n\n\
03/29/27:\n - 09:00 -> 10:00\n\tdeep work\n - 14:00 -> 15:00\n\treview\n\n\
03/30/27:\n - 09:00 -> 10:00\n\tdeep work\n";

#[test]
fn a_named_zone_goes_out_as_tzid_with_its_vtimezone_and_keeps_the_wall_clock_over_dst() {
    let text = dst_week("Europe/Berlin");
    assert!(
        text.contains("DTSTART;TZID=Europe/Berlin:20270326T140000\r\n"),
        "{text}"
    );
    assert!(
        text.contains("DTSTART;TZID=Europe/Berlin:20270329T140000\r\n"),
        "{text}"
    );
    assert!(
        text.contains("DTSTART;TZID=Europe/Berlin:20270322T090000\r\n"),
        "{text}"
    );
    // The VTIMEZONE, as the parser reads it: the zone with both observances.
    let unfolded = icalendar::parser::unfold(&text);
    let parsed = icalendar::parser::read_calendar(&unfolded).unwrap();
    let zone = parsed
        .components
        .iter()
        .find(|c| c.name.as_str() == "VTIMEZONE")
        .expect("a VTIMEZONE");
    assert_eq!(
        zone.find_prop("TZID").unwrap().val.as_str(),
        "Europe/Berlin"
    );
    let kinds: Vec<&str> = zone.components.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(kinds, ["DAYLIGHT", "STANDARD"]);
    let summer = &zone.components[0];
    assert_eq!(
        summer.find_prop("TZOFFSETTO").unwrap().val.as_str(),
        "+0200"
    );
    assert_eq!(
        summer.find_prop("RRULE").unwrap().val.as_str(),
        "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"
    );
    let starts = starts_in_berlin(&text);
    assert!(
        starts.contains(&("review".into(), wall("2027-03-26", "14:00"))),
        "{starts:?}"
    );
    assert!(
        starts.contains(&("review".into(), wall("2027-03-29", "14:00"))),
        "{starts:?}"
    );
    if let Some(week) = calcurse_week(&text) {
        assert_eq!(week, CALCURSE_WEEK);
    }
}

#[test]
fn an_unnamed_zone_goes_out_as_utc_and_a_series_on_the_wall_clock() {
    // A POSIX rule: lane knows the offsets but has no name to give an app.
    let text = dst_week(BERLIN_POSIX);
    assert!(
        !text.contains("VTIMEZONE") && !text.contains("TZID"),
        "{text}"
    );
    // 14:00 is 13:00 UTC before the change and 12:00 after.
    assert!(text.contains("DTSTART:20270326T130000Z\r\n"), "{text}");
    assert!(text.contains("DTSTART:20270329T120000Z\r\n"), "{text}");
    // UTC cannot say "09:00 every day" across a change: the series is floating.
    assert!(text.contains("DTSTART:20270322T090000\r\n"), "{text}");
    let starts = starts_in_berlin(&text);
    assert!(
        starts.contains(&("review".into(), wall("2027-03-26", "14:00"))),
        "{starts:?}"
    );
    assert!(
        starts.contains(&("review".into(), wall("2027-03-29", "14:00"))),
        "{starts:?}"
    );
    if let Some(week) = calcurse_week(&text) {
        assert_eq!(week, CALCURSE_WEEK);
    }
}

#[test]
fn utc_itself_is_written_as_utc() {
    let text = dst_week("UTC");
    assert!(
        !text.contains("VTIMEZONE") && !text.contains("TZID"),
        "{text}"
    );
    assert!(text.contains("DTSTART:20270329T140000Z\r\n"), "{text}");
    // UTC never changes its offset: the series is UTC too.
    assert!(text.contains("DTSTART:20270322T090000Z\r\n"), "{text}");
}
