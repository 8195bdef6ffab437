//! Meetings from a calendar in the app: marked ◷ in the timeline and the week,
//! an all-day event over its day, the plan placing blocks around them.

use lane::calendar::{expand::expand, ics::parse, sources::Reach, sources::Refreshed};
use lane::update::Msg;

use crate::common::now;
use crate::harness::Harness;

/// Monday 23 November 2026, as a calendar app would export it.
const WEEK: &str = "BEGIN:VCALENDAR\r
VERSION:2.0\r
BEGIN:VEVENT\r
UID:standup@example.com\r
DTSTART;TZID=Europe/Berlin:20261102T093000\r
DTEND;TZID=Europe/Berlin:20261102T094500\r
RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR\r
SUMMARY:Team standup\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:review@example.com\r
DTSTART:20261123T130000Z\r
DTEND:20261123T140000Z\r
SUMMARY:Quarterly review with finance\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:offsite@example.com\r
DTSTART;VALUE=DATE:20261123\r
DTEND;VALUE=DATE:20261124\r
SUMMARY:Team offsite\r
END:VEVENT\r
END:VCALENDAR\r
";

fn with_calendar(width: u16, height: u16) -> Harness {
    let mut h = Harness::new(width, height);
    let today = now().date();
    let window = (
        today - chrono::Duration::days(7),
        today + chrono::Duration::days(60),
    );
    let expanded = expand(&parse(WEEK).unwrap(), &chrono_tz::Europe::Berlin, window);
    h.send(Msg::CalendarsRead(
        vec![Refreshed {
            name: "work".into(),
            kind: lane::model::BlockKind::Meeting,
            window,
            expanded: Some(expanded),
            error: None,
        }],
        Reach::Sources,
    ));
    h
}

#[test]
fn meetings_and_the_all_day_event_in_the_day_and_the_week() {
    for (w, h) in [(80, 24), (200, 50)] {
        let mut app = with_calendar(w, h);
        app.keys("2");
        insta::assert_snapshot!(format!("day_{w}x{h}"), app.screen());
        app.keys("w");
        insta::assert_snapshot!(format!("week_{w}x{h}"), app.screen());
    }
}

#[test]
fn the_plan_carries_no_meeting_over_and_offers_time_around_them() {
    let mut app = with_calendar(120, 35);
    app.keys("p");
    let screen = app.screen();
    assert!(
        !screen.contains("Team standup"),
        "Friday's standup is not carried: {screen}"
    );
    // Past the carry-over and focus steps, to blocking the day.
    app.keys("<enter><enter>");
    insta::assert_snapshot!("plan_120x35", app.screen());
}
