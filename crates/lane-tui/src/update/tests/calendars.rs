//! Tests of calendars in the open app: what is fetched when, what comes back.

use chrono::{Duration, NaiveTime};

use super::{now, run, state};
use crate::state::State;
use crate::update::*;
use lane_core::model::calendar::Meeting;
use lane_io::calendar::expand::{Banner, Expanded};
use lane_io::calendar::sources::{Reach, Refreshed};

fn with_calendars() -> State {
    let mut s = state();
    s.calendars.every = Some(30);
    s.calendars.count = 1;
    s
}

fn read(error: Option<&str>, meetings: usize) -> Refreshed {
    let today = now().date();
    Refreshed {
        name: "work".into(),
        kind: lane_core::model::BlockKind::Meeting,
        window: (today - Duration::days(7), today + Duration::days(60)),
        expanded: Some(Expanded {
            meetings: (0..meetings)
                .map(|i| Meeting {
                    event: format!("e{i}"),
                    instance: String::new(),
                    title: format!("sync {i}"),
                    date: today,
                    start: NaiveTime::from_hms_opt(10 + i as u32, 0, 0).unwrap(),
                    end: NaiveTime::from_hms_opt(10 + i as u32, 30, 0).unwrap(),
                })
                .collect(),
            banners: vec![Banner {
                date: today,
                title: "Offsite".into(),
            }],
            skipped: vec![],
            notes: vec![],
        }),
        error: error.map(str::to_string),
    }
}

#[test]
fn without_calendars_nothing_is_ever_fetched() {
    let mut s = state();
    // The copies a sync brought are read; nothing is fetched.
    assert_eq!(
        update(&mut s, Msg::Opened, now()),
        vec![Effect::ReadCalendars(Reach::Copies)]
    );
    assert!(update(&mut s, Msg::CalendarsRead(Vec::new(), Reach::Copies), now()).is_empty());
    assert!(update(&mut s, Msg::Tick, now() + Duration::hours(5)).is_empty());
    assert!(!run(&mut s, &[Action::Plan]).contains(&Effect::ReadCalendars(Reach::Sources)));
}

#[test]
fn opening_reads_the_copies_then_fetches_aside_and_again_when_due() {
    let mut s = with_calendars();
    assert_eq!(
        update(&mut s, Msg::Opened, now()),
        vec![Effect::ReadCalendars(Reach::Copies)]
    );
    // The copies' meetings are computed (nothing saved), then the sources are
    // asked for.
    let effects = update(
        &mut s,
        Msg::CalendarsRead(vec![read(None, 2)], Reach::Copies),
        now(),
    );
    assert_eq!(effects, vec![Effect::ReadCalendars(Reach::Sources)]);
    assert_eq!(s.data().blocks.len(), 2);
    assert_eq!(s.calendars.banners_on(now().date()).count(), 1);
    // While it runs, neither a tick nor the plan asks again.
    assert!(update(&mut s, Msg::Tick, now() + Duration::hours(2)).is_empty());
    assert!(!run(&mut s, &[Action::Plan]).contains(&Effect::ReadCalendars(Reach::Sources)));
    run(&mut s, &[Action::Cancel]);
    // It came back with one meeting fewer: removed, and said.
    let effects = update(
        &mut s,
        Msg::CalendarsRead(vec![read(None, 1)], Reach::Sources),
        now(),
    );
    assert!(effects.is_empty(), "computed, never saved");
    assert_eq!(s.data().blocks.len(), 1);
    let said = s.message.as_ref().unwrap();
    assert!(!said.error && said.text.contains("1 removed"), "{said:?}");
    // Due again after refresh_minutes.
    let later = now() + Duration::minutes(29);
    assert!(update(&mut s, Msg::Tick, later).is_empty());
    assert_eq!(
        update(&mut s, Msg::Tick, now() + Duration::minutes(31)),
        vec![Effect::ReadCalendars(Reach::Sources)]
    );
}

#[test]
fn opening_the_plan_fetches_the_meetings_it_places_blocks_around() {
    let mut s = with_calendars();
    let effects = run(&mut s, &[Action::Plan]);
    assert_eq!(
        effects.first(),
        Some(&Effect::ReadCalendars(Reach::Sources))
    );
}

#[test]
fn a_failed_fetch_is_said_and_the_last_copy_still_counts() {
    let mut s = with_calendars();
    let _ = update(&mut s, Msg::Opened, now());
    let effects = update(
        &mut s,
        Msg::CalendarsRead(
            vec![read(Some("HTTP 500 from https://cal.example/…"), 1)],
            Reach::Sources,
        ),
        now(),
    );
    assert!(effects.is_empty());
    let said = s.message.as_ref().unwrap();
    assert!(said.error, "{said:?}");
    assert_eq!(
        said.text,
        "calendar work: HTTP 500 from https://cal.example/… — showing its last copy"
    );
    assert_eq!(s.data().blocks.len(), 1);
    assert_eq!(s.calendars.pending, 0);
}

#[test]
fn a_copy_missing_at_the_start_is_not_an_error() {
    let mut s = with_calendars();
    let mut none = read(Some("no copy kept yet"), 0);
    none.expanded = None;
    let _ = update(&mut s, Msg::CalendarsRead(vec![none], Reach::Copies), now());
    assert!(s.message.is_none());
}

#[test]
fn one_calendar_failing_is_not_hidden_by_another_arriving() {
    let mut s = with_calendars();
    s.calendars.count = 2;
    let _ = run(&mut s, &[Action::Plan]);
    run(&mut s, &[Action::Cancel]);
    let mut failed = read(Some("https://cal.example/… refused the connection"), 0);
    failed.name = "team".into();
    failed.expanded = None;
    let _ = update(
        &mut s,
        Msg::CalendarsRead(vec![failed], Reach::Sources),
        now(),
    );
    assert_eq!(s.calendars.pending, 1);
    let _ = update(
        &mut s,
        Msg::CalendarsRead(vec![read(None, 1)], Reach::Sources),
        now(),
    );
    assert_eq!(s.calendars.pending, 0);
    let said = s.message.as_ref().unwrap();
    assert!(
        said.error && said.text.starts_with("calendar team:"),
        "{said:?}"
    );
    assert_eq!(s.data().blocks.len(), 1, "the other calendar came in");
}

#[test]
fn a_refresh_is_computed_never_saved_nor_what_undo_takes_back() {
    let mut s = with_calendars();
    super::tests::add(&mut s, "my own outcome");
    let effects = update(
        &mut s,
        Msg::CalendarsRead(vec![read(None, 2)], Reach::Sources),
        now(),
    );
    assert!(effects.is_empty());
    assert_eq!(s.data().blocks.len(), 2);
    // u takes back the user's own change; the meetings stay.
    run(&mut s, &[Action::Undo]);
    assert!(s.data().priorities.is_empty());
    assert_eq!(s.data().blocks.len(), 2);
    // A read-only window shows the meetings and says nothing about changes.
    let mut ro = with_calendars().with_read_only(Some("opened to read".into()));
    let effects = update(
        &mut ro,
        Msg::CalendarsRead(vec![read(None, 1)], Reach::Sources),
        now(),
    );
    assert!(effects.is_empty());
    assert_eq!(ro.data().blocks.len(), 1);
    assert!(
        !ro.message
            .as_ref()
            .is_some_and(|m| m.text.contains("nothing can be changed")),
        "{:?}",
        ro.message
    );
}

#[test]
fn the_copies_are_read_aside_and_the_loop_looks_for_them_until_they_come() {
    // A cached copy can be big or hostile: the first frame never waits on it.
    let mut s = with_calendars();
    let _ = update(&mut s, Msg::Opened, now());
    assert_eq!(s.calendars.pending, 1);
    assert!(crate::app_calendars::wait(&s.calendars, now()).is_some());
    let effects = update(
        &mut s,
        Msg::CalendarsRead(vec![read(None, 1)], Reach::Copies),
        now(),
    );
    assert_eq!(effects, vec![Effect::ReadCalendars(Reach::Sources)]);
    assert_eq!(s.calendars.pending, s.calendars.count.max(1));
}
