use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::*;
use crate::model::BlockResult;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}
fn t(s: &str) -> NaiveTime {
    NaiveTime::parse_from_str(s, "%H:%M").unwrap()
}
fn now() -> NaiveDateTime {
    d("2026-12-02").and_time(t("08:00"))
}
fn meeting(event: &str, instance: &str, date: &str, start: &str, end: &str) -> Meeting {
    Meeting {
        event: event.into(),
        instance: instance.into(),
        title: format!("{event} sync"),
        date: d(date),
        start: t(start),
        end: t(end),
    }
}
const WINDOW: (&str, &str) = ("2026-11-25", "2027-01-31");
fn window() -> (NaiveDate, NaiveDate) {
    (d(WINDOW.0), d(WINDOW.1))
}
fn bring(data: &mut Data, meetings: &[Meeting]) -> Applied {
    apply(data, "work", BlockKind::Meeting, meetings, window(), now())
}

#[test]
fn a_second_import_of_the_same_calendar_changes_nothing() {
    let mut data = Data::default();
    let ms = [
        meeting("a", "", "2026-12-02", "09:00", "09:30"),
        meeting("b", "20261203T100000Z", "2026-12-03", "11:00", "12:00"),
    ];
    let first = bring(&mut data, &ms);
    assert_eq!((first.added, first.updated, first.removed), (2, 0, 0));
    let copy = data.clone();
    let again = bring(&mut data, &ms);
    assert!(!again.changed());
    assert_eq!(data, copy);
    assert!(data.blocks.iter().all(|b| b.kind == BlockKind::Meeting));
    assert_eq!(data.blocks[0].calendar.as_ref().unwrap().source, "work");
}

#[test]
fn a_moved_meeting_is_updated_and_what_the_user_added_stays() {
    let mut data = Data::default();
    bring(
        &mut data,
        &[meeting("a", "", "2026-12-02", "09:00", "09:30")],
    );
    data.blocks[0].priority = Some(4);
    data.blocks[0].kind = BlockKind::Deep;
    let moved = bring(
        &mut data,
        &[meeting("a", "", "2026-12-03", "14:00", "15:00")],
    );
    assert_eq!((moved.added, moved.updated), (0, 1));
    let b = &data.blocks[0];
    assert_eq!(
        (b.date, b.start, b.end),
        (d("2026-12-03"), t("14:00"), t("15:00"))
    );
    assert_eq!((b.priority, b.kind), (Some(4), BlockKind::Deep));
}

#[test]
fn a_cancelled_meeting_goes_unless_it_was_worked_on() {
    let mut data = Data::default();
    let ms = [
        meeting("a", "", "2026-12-02", "09:00", "09:30"),
        meeting("b", "", "2026-12-02", "10:00", "10:30"),
    ];
    bring(&mut data, &ms);
    data.blocks[1].result = Some(BlockResult::Worked);
    let gone = bring(&mut data, &[]);
    assert_eq!((gone.removed, gone.kept), (1, 1));
    assert_eq!(data.blocks.len(), 1);
    assert_eq!(data.blocks[0].title, "b sync");
}

#[test]
fn past_days_stay_as_they_were() {
    let mut data = Data::default();
    let yesterday = meeting("old", "", "2026-12-01", "09:00", "10:00");
    apply(
        &mut data,
        "work",
        BlockKind::Meeting,
        std::slice::from_ref(&yesterday),
        window(),
        d("2026-12-01").and_time(t("07:00")),
    );
    // The calendar no longer has it, or has it at another time: yesterday is history.
    let none = bring(&mut data, &[]);
    assert!(!none.changed());
    let mut moved = yesterday.clone();
    moved.start = t("11:00");
    moved.end = t("12:00");
    assert!(!bring(&mut data, &[moved]).changed());
    assert_eq!(data.blocks[0].start, t("09:00"));
}

#[test]
fn another_source_and_own_blocks_are_left_alone() {
    let mut data = Data::default();
    bring(
        &mut data,
        &[meeting("a", "", "2026-12-02", "09:00", "09:30")],
    );
    apply(
        &mut data,
        "home",
        BlockKind::Admin,
        &[meeting("a", "", "2026-12-02", "18:00", "19:00")],
        window(),
        now(),
    );
    assert_eq!(
        data.blocks.len(),
        2,
        "the same UID in two calendars is two meetings"
    );
    let gone = bring(&mut data, &[]);
    assert_eq!(gone.removed, 1);
    assert_eq!(data.blocks[0].calendar.as_ref().unwrap().source, "home");
}

#[test]
fn uids_are_derived_so_two_machines_agree() {
    let one = block_uid("work", "abc@google.com", "20261203T100000Z");
    assert_eq!(one, block_uid("work", "abc@google.com", "20261203T100000Z"));
    assert_ne!(one, block_uid("work", "abc@google.com", "20261210T100000Z"));
    assert_ne!(block_uid("ab", "c", ""), block_uid("a", "bc", ""));
    assert!(one.starts_with("cal-") && one.len() == 20);
}

#[test]
fn the_calendar_owns_title_and_time_the_user_owns_the_rest() {
    let mut data = Data::default();
    bring(
        &mut data,
        &[meeting("a", "", "2026-12-02", "09:00", "09:30")],
    );
    let before = data.blocks[0].clone();
    let mut after = before.clone();
    after.priority = Some(2);
    after.kind = BlockKind::Admin;
    assert!(refuse_owned_change(&before, &after).is_ok());
    after.title = "renamed".into();
    let (field, why) = refuse_owned_change(&before, &after).unwrap_err();
    assert_eq!(field, "title");
    assert!(why.contains("“work”"), "{why}");
    let mut later = before.clone();
    later.start = t("10:00");
    assert_eq!(refuse_owned_change(&before, &later).unwrap_err().0, "time");
}

#[test]
fn a_first_import_fills_in_the_days_back_but_never_rewrites_them() {
    let mut data = Data::default();
    let last_week = meeting("old", "", "2026-11-27", "09:00", "10:00");
    let added = bring(&mut data, std::slice::from_ref(&last_week));
    assert_eq!(added.added, 1);
    let mut moved = last_week.clone();
    moved.start = t("11:00");
    moved.end = t("12:00");
    assert!(!bring(&mut data, &[moved]).changed());
    assert_eq!(data.blocks.len(), 1);
    assert_eq!(data.blocks[0].start, t("09:00"));
    // Before the window: not brought in at all.
    let ancient = meeting("older", "", "2026-11-01", "09:00", "10:00");
    assert_eq!(bring(&mut data, &[ancient]).added, 0);
}

#[test]
fn two_machines_that_bring_in_one_calendar_merge_without_twins_or_conflicts() {
    let mut base = Data::default();
    base.blocks.push(Block {
        id: 1,
        uid: "own".into(),
        date: d("2026-12-02"),
        start: t("13:00"),
        end: t("14:00"),
        title: "write".into(),
        kind: BlockKind::Deep,
        priority: None,
        actual_start: None,
        actual_end: None,
        done: false,
        result: None,
        moved_to: None,
        series: None,
        detached: false,
        calendar: None,
        extra: Extra::new(),
    });
    let ms = [
        meeting("a", "", "2026-12-02", "09:00", "09:30"),
        meeting("b", "", "2026-12-03", "10:00", "11:00"),
    ];
    // This machine added a block of its own first, so its ids differ.
    let mut ours = base.clone();
    let mut extra = ours.blocks[0].clone();
    extra.id = 2;
    extra.uid = "mine".into();
    ours.blocks.push(extra);
    bring(&mut ours, &ms);
    let mut theirs = base.clone();
    bring(&mut theirs, &ms);
    assert_ne!(
        ours.blocks.iter().find(|b| b.title == "a sync").unwrap().id,
        theirs
            .blocks
            .iter()
            .find(|b| b.title == "a sync")
            .unwrap()
            .id
    );
    let mut n = 0;
    let merged = crate::model::merge::merge(&base, &ours, &theirs, now(), &mut || {
        n += 1;
        format!("c{n}")
    })
    .unwrap();
    // The merge keeps what was kept; the meetings are brought in again after it.
    let mut merged = merged;
    assert_eq!(merged.data.blocks.len(), 2);
    bring(&mut merged.data, &ms);
    let titles: Vec<&str> = merged
        .data
        .blocks
        .iter()
        .map(|b| b.title.as_str())
        .collect();
    assert_eq!(titles, ["a sync", "write", "write", "b sync"]);
    assert_eq!(merged.conflicts, 0, "{:?}", merged.data.conflicts);
    let mut ids: Vec<u32> = merged.data.blocks.iter().map(|b| b.id).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 4, "every block keeps its own id");
}

#[test]
fn the_same_calendar_under_a_second_name_is_said_and_can_be_forgotten() {
    let mut data = Data::default();
    let ms = [
        meeting("a", "20261130T080000Z", "2026-11-30", "09:00", "09:30"),
        meeting("a", "20261202T080000Z", "2026-12-02", "09:00", "09:30"),
        meeting("b", "", "2026-12-03", "10:00", "11:00"),
    ];
    bring(&mut data, &ms);
    let twice = apply(
        &mut data,
        "other",
        BlockKind::Meeting,
        &ms[1..],
        window(),
        now(),
    );
    assert_eq!((twice.added, twice.twins), (2, 2));
    assert!(
        twice.summary("other").contains("also here from “work”"),
        "{}",
        twice.summary("other")
    );
    // Forgetting a calendar takes its meetings from today on; the past stays.
    assert_eq!(forget(&mut data, "work", now().date()), 2);
    assert_eq!(data.blocks.len(), 3);
    assert_eq!(forget(&mut data, "other", now().date()), 2);
    assert_eq!(data.blocks.len(), 1, "Monday's meeting is history");
}
