//! The user's zone from what `TZ` may hold, and its VTIMEZONE as the
//! icalendar parser reads it.

use super::*;

#[test]
fn names_paths_and_utc_are_told_apart() {
    assert_eq!(of_name("Europe/Berlin"), Some(Tz::Europe__Berlin));
    assert_eq!(of_name(":Europe/Berlin"), Some(Tz::Europe__Berlin));
    assert_eq!(
        of_name("/usr/share/zoneinfo/America/New_York"),
        Some(Tz::America__New_York)
    );
    for utc in [
        "UTC",
        "Etc/UTC",
        ":UTC",
        "/usr/share/zoneinfo/Etc/UTC",
        "GMT",
        "Zulu",
        "",
    ] {
        assert_eq!(of_name(utc), None, "{utc}");
    }
    // A POSIX rule has no name to give a calendar app: UTC times instead.
    assert_eq!(of_name("CET-1CEST,M3.5.0,M10.5.0/3"), None);
}

#[test]
fn berlin_is_two_yearly_rules_on_the_last_sundays() {
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let lines = vtimezone(Tz::Europe__Berlin, day(2027, 3, 22), day(2027, 3, 29));
    let text = lines.join("\n");
    assert!(text.contains("TZID:Europe/Berlin"), "{text}");
    assert!(
        text.contains(
            "BEGIN:DAYLIGHT\nDTSTART:20260329T020000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0200\n\
             RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\nTZNAME:CEST\nEND:DAYLIGHT"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "BEGIN:STANDARD\nDTSTART:20261025T030000\nTZOFFSETFROM:+0200\nTZOFFSETTO:+0100\n\
             RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\nTZNAME:CET\nEND:STANDARD"
        ),
        "{text}"
    );
}

#[test]
fn a_zone_without_summer_time_is_one_observance() {
    let day = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
    let text = vtimezone(Tz::Asia__Tokyo, day, day).join("\n");
    assert!(
        text.contains(
            "BEGIN:STANDARD\nDTSTART:19700101T000000\nTZOFFSETFROM:+0900\nTZOFFSETTO:+0900"
        ),
        "{text}"
    );
    assert_eq!(text.matches("BEGIN:").count(), 2, "{text}");
}
