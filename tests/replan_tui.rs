//! The re-fit in the app: a calendar read that puts a meeting over a planned
//! block offers a banner and shows the move on the timeline; enter takes it as
//! one change `u` takes back, esc leaves it and it is not offered again.

use lane::calendar::{expand::expand, ics::parse, sources::Reach, sources::Refreshed};
use lane::model::{Block, BlockKind, Data};
use lane::update::Msg;

use crate::common::now;
use crate::harness::Harness;

const MEETING: &str = "BEGIN:VCALENDAR\r
VERSION:2.0\r
BEGIN:VEVENT\r
UID:review@example.com\r
DTSTART:20261123T103000Z\r
DTEND:20261123T110000Z\r
SUMMARY:Design review\r
END:VEVENT\r
END:VCALENDAR\r
";

fn planned(id: u32, start: &str, end: &str, title: &str, kind: BlockKind) -> Block {
    let t = |s: &str| chrono::NaiveTime::parse_from_str(s, "%H:%M").unwrap();
    Block::planned(
        id,
        format!("K{id}"),
        now().date(),
        (t(start), t(end)),
        title.into(),
        kind,
    )
}

/// Monday's plan, then the calendar read with a meeting at 10:30–11:00.
fn meeting_lands(width: u16, height: u16) -> Harness {
    let mut h = Harness::new(width, height);
    h.change_data(|d: &mut Data| {
        d.blocks = vec![
            planned(1, "09:00", "10:00", "email", BlockKind::Admin),
            planned(2, "10:00", "11:30", "billing spec", BlockKind::Deep),
            planned(3, "11:30", "13:00", "inbox", BlockKind::Shallow),
            planned(4, "13:00", "13:30", "lunch", BlockKind::Break),
        ];
    });
    read_calendar(&mut h);
    h
}

/// The calendar read as a fetch brings it.
fn read_calendar(h: &mut Harness) {
    let today = now().date();
    let window = (
        today - chrono::Duration::days(7),
        today + chrono::Duration::days(60),
    );
    let expanded = expand(&parse(MEETING).unwrap(), &chrono_tz::UTC, window);
    h.send(Msg::CalendarsRead(
        vec![Refreshed {
            name: "work".into(),
            kind: BlockKind::Meeting,
            window,
            expanded: Some(expanded),
            error: None,
        }],
        Reach::Sources,
    ));
}

fn spec(h: &Harness) -> (String, String) {
    let b = h.state.data().blocks.iter().find(|b| b.id == 2).unwrap();
    (
        b.start.format("%H:%M").to_string(),
        b.end.format("%H:%M").to_string(),
    )
}

#[test]
fn the_banner_and_the_timeline_show_the_move_and_enter_takes_it() {
    let mut h = meeting_lands(120, 35);
    h.keys("2");
    let screen = h.screen();
    assert!(
        screen.contains(
            "A meeting now covers 10:30–11:00 · billing spec 10:00–11:30 → 13:30–15:00 · enter takes it"
        ),
        "{screen}"
    );
    assert!(screen.contains("→ 13:30–15:00"), "{screen}");
    insta::assert_snapshot!("refit_offered_120x35", screen);
    assert_eq!(spec(&h), ("10:00".into(), "11:30".into()));
    h.keys("<enter>");
    assert_eq!(spec(&h), ("13:30".into(), "15:00".into()));
    assert!(h.state.calendars.refit.is_none());
    assert!(h.screen().contains("re-fit: moved 1 block"));
    // One change: one u takes it all back.
    h.keys("u");
    assert_eq!(spec(&h), ("10:00".into(), "11:30".into()));
}

#[test]
fn esc_leaves_the_plan_and_the_same_refit_is_not_offered_again() {
    let mut h = meeting_lands(80, 24);
    assert!(h.state.calendars.refit.is_some());
    h.keys("<esc>");
    assert!(h.state.calendars.refit.is_none());
    assert_eq!(spec(&h), ("10:00".into(), "11:30".into()));
    assert!(!h.screen().contains("enter takes it"));
    // The same calendar read again: nothing new, nothing offered.
    read_calendar(&mut h);
    assert!(h.state.calendars.refit.is_none());
    assert_eq!(h.state.calendars.dismissed.len(), 1);
}

#[test]
fn the_refit_keys_are_in_the_help() {
    let mut h = meeting_lands(120, 60);
    h.keys("?");
    let help = h.screen();
    assert!(help.contains("A re-fit offered"), "{help}");
    assert!(help.contains("take the re-fit"), "{help}");
}
