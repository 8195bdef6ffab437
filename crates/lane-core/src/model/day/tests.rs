use super::*;
use crate::model::test_util::{at, block, day};
use crate::model::{Kind, WorkingHours};

fn data(blocks: Vec<Block>) -> Data {
    Data {
        blocks,
        ..Data::default()
    }
}

const MON: &str = "2026-11-23";

#[test]
fn overlap_outside_hours_and_overbooked() {
    let hours = WorkingHours::default();
    let d = data(vec![
        block(1, MON, "09:00", "10:30", BlockKind::Deep),
        block(2, MON, "10:00", "11:00", BlockKind::Meeting),
        block(3, MON, "11:00", "12:00", BlockKind::Deep),
        block(4, MON, "17:00", "18:00", BlockKind::Admin),
        block(5, "2026-11-28", "10:00", "11:00", BlockKind::Deep),
    ]);
    assert_eq!(flags(&d.blocks[0], &d, &hours), vec!["overlap"]);
    assert_eq!(flags(&d.blocks[1], &d, &hours), vec!["overlap"]);
    assert!(
        flags(&d.blocks[2], &d, &hours).is_empty(),
        "touching is not overlapping"
    );
    assert_eq!(flags(&d.blocks[3], &d, &hours), vec!["outside_hours"]);
    assert_eq!(
        flags(&d.blocks[4], &d, &hours),
        vec!["outside_hours", "overbooked"],
        "Saturday"
    );
    assert_eq!(deep_minutes(&d, day(MON)), 150);
    assert_eq!(planned_minutes(&d, day(MON)), 270);
    let mut full = d.clone();
    full.blocks
        .push(block(6, MON, "12:00", "17:00", BlockKind::Shallow));
    assert!(
        overbooked(&full, &hours, day(MON)),
        "9h planned in an 8h30 day"
    );
    assert!(!overbooked(&d, &hours, day(MON)));
}

#[test]
fn the_timer_starts_stops_and_hands_over() {
    let mut d = data(vec![
        block(1, MON, "09:00", "10:30", BlockKind::Deep),
        block(2, MON, "11:00", "12:00", BlockKind::Deep),
    ]);
    assert!(
        start_stop(&mut d, 1, at(MON, "09:05"))
            .unwrap()
            .starts_with("started “b1”")
    );
    assert!(is_running(&d.blocks[0]));
    assert_eq!(actual_minutes(&d.blocks[0], at(MON, "09:35")), Some(30));
    // Starting another stops the first.
    let said = start_stop(&mut d, 2, at(MON, "10:40")).unwrap();
    assert_eq!(said, "started “b2” (stopped “b1”)");
    assert_eq!(actual_minutes(&d.blocks[0], at(MON, "12:00")), Some(95));
    assert_eq!(running(&d).map(|b| b.id), Some(2));
    assert_eq!(
        start_stop(&mut d, 2, at(MON, "11:50")).unwrap(),
        "stopped “b2” after 70m"
    );
    assert!(running(&d).is_none());
    assert!(start_stop(&mut d, 9, at(MON, "12:00")).is_err());
    assert_eq!(
        flags(&d.blocks[0], &d, &WorkingHours::default()),
        Vec::<&str>::new()
    );
}

#[test]
fn a_timer_may_run_past_midnight() {
    let mut d = data(vec![block(1, MON, "22:00", "23:30", BlockKind::Deep)]);
    start_stop(&mut d, 1, at(MON, "23:10")).unwrap();
    assert_eq!(
        actual_minutes(&d.blocks[0], at("2026-11-24", "00:40")),
        Some(90)
    );
    stop_running(&mut d, at("2026-11-24", "01:00"));
    assert_eq!(
        actual_minutes(&d.blocks[0], at("2026-11-24", "09:00")),
        Some(110)
    );
}

#[test]
fn copying_a_day_duplicates_the_plan_not_the_work() {
    let mut d = data(vec![
        block(1, MON, "09:00", "10:30", BlockKind::Deep),
        block(2, MON, "11:00", "12:00", BlockKind::Meeting),
    ]);
    d.blocks[0].actual_start = Some(at(MON, "09:00").into());
    d.blocks[0].done = true;
    let mut n = 0;
    let copied = copy_day(&mut d, day(MON), day("2026-11-24"), || {
        n += 1;
        format!("U{n}")
    });
    assert_eq!(copied, 2);
    let tue: Vec<&Block> = d.blocks_on(day("2026-11-24")).collect();
    assert_eq!(
        tue.iter()
            .map(|b| (b.id, b.uid.as_str()))
            .collect::<Vec<_>>(),
        [(3, "U1"), (4, "U2")]
    );
    assert!(tue[0].actual_start.is_none() && !tue[0].done);
    assert_eq!(d.next_id(Kind::Block), 5);
}

#[test]
fn weeks_start_on_monday() {
    assert_eq!(week_start(day("2026-11-26")), day(MON));
    assert_eq!(week_start(day(MON)), day(MON));
    assert_eq!(week_start(day("2026-11-29")), day(MON));
}

#[test]
fn worked_minutes_count_clock_minutes_wherever_the_start_comes_from() {
    use chrono::Duration;
    let mut data = Data::default();
    data.blocks
        .push(block(1, "2026-11-23", "09:00", "10:00", BlockKind::Deep));
    // Started at 08:10:40 in the app; the file keeps 08:10.
    let started = at("2026-11-23", "08:10") + Duration::seconds(40);
    start_stop(&mut data, 1, started).unwrap();
    assert_eq!(
        data.blocks[0].actual_start.map(|s| s.wall),
        Some(at("2026-11-23", "08:10"))
    );
    let mut from_file = data.blocks[0].clone();
    from_file.actual_start = Some(at("2026-11-23", "08:10").into());
    let now = at("2026-11-23", "08:13") + Duration::seconds(10);
    assert_eq!(actual_minutes(&data.blocks[0], now), Some(3));
    assert_eq!(actual_minutes(&from_file, now), Some(3));
    // A block someone else started with seconds in it counts the same way.
    from_file.actual_start = Some(started.into());
    assert_eq!(actual_minutes(&from_file, now), Some(3));
    start_stop(&mut data, 1, now + Duration::minutes(89)).unwrap();
    assert_eq!(
        actual_minutes(&data.blocks[0], now + Duration::hours(5)),
        Some(92)
    );
}

#[test]
fn a_timer_across_a_clock_change_counts_the_minutes_that_passed() {
    use super::elapsed_minutes;
    // Berlin: +1 h in winter, +2 h in summer.
    let berlin = |t: NaiveDateTime| -> Vec<i32> {
        let spring = at("2026-03-29", "02:00")..at("2026-03-29", "03:00");
        let autumn = at("2026-10-25", "02:00")..at("2026-10-25", "03:00");
        if spring.contains(&t) {
            vec![]
        } else if autumn.contains(&t) {
            vec![7200, 3600]
        } else if (at("2026-03-29", "03:00")..at("2026-10-25", "02:00")).contains(&t) {
            vec![7200]
        } else {
            vec![3600]
        }
    };
    // Spring forward: 01:50 → 03:10 on the wall is 20 minutes.
    assert_eq!(
        elapsed_minutes(at("2026-03-29", "01:50"), at("2026-03-29", "03:10"), berlin),
        20
    );
    // Fall back: 02:40 (summer) → 02:20 (winter) is 40 minutes, not 0.
    assert_eq!(
        elapsed_minutes(at("2026-10-25", "02:40"), at("2026-10-25", "02:20"), berlin),
        40
    );
    // Inside the repeated hour, forwards: the short reading, not an hour more.
    assert_eq!(
        elapsed_minutes(at("2026-10-25", "02:10"), at("2026-10-25", "02:30"), berlin),
        20
    );
    // An ordinary day, and a zone without changes, read the wall clock.
    assert_eq!(
        elapsed_minutes(at("2026-11-23", "09:00"), at("2026-11-23", "10:30"), berlin),
        90
    );
    assert_eq!(
        elapsed_minutes(
            at("2026-11-23", "09:00"),
            at("2026-11-23", "08:00"),
            |_| vec![0]
        ),
        0
    );
}

#[test]
fn free_stretches_are_working_hours_less_every_block() {
    let hours = WorkingHours::default();
    let mut data = Data::default();
    for (id, start, end) in [
        (1, "08:00", "09:30"),
        (2, "13:15", "14:45"),
        (3, "14:45", "16:15"),
        (4, "16:30", "18:00"),
    ] {
        data.blocks
            .push(block(id, "2026-11-23", start, end, BlockKind::Deep));
    }
    let t = |s: &str| chrono::NaiveTime::parse_from_str(s, "%H:%M").unwrap();
    let free = crate::model::slots::free_stretches(&data, &hours, day(MON));
    assert_eq!(
        free,
        [(t("09:30"), t("13:15")), (t("16:15"), t("16:30"))],
        "before hours, back to back and past the end are not free"
    );
    let sunday = day(MON) - chrono::Duration::days(1);
    assert!(crate::model::slots::free_stretches(&data, &hours, sunday).is_empty());
}

#[test]
fn deep_work_worked_is_what_the_review_counts_and_never_a_skipped_timer() {
    let mut timed = block(1, MON, "09:00", "10:30", BlockKind::Deep);
    timed.actual_start = Some(at(MON, "09:00").into());
    timed.actual_end = Some(at(MON, "10:32").into());
    let mut marked = block(2, MON, "11:00", "12:00", BlockKind::Deep);
    marked.result = Some(BlockResult::Worked);
    let mut skipped = block(3, MON, "13:00", "14:30", BlockKind::Deep);
    skipped.actual_start = Some(at(MON, "13:00").into());
    skipped.actual_end = Some(at(MON, "13:20").into());
    skipped.result = Some(BlockResult::Skipped);
    let mut moved = block(4, MON, "15:00", "16:00", BlockKind::Deep);
    moved.result = Some(BlockResult::Moved);
    let untouched = block(5, MON, "16:00", "17:00", BlockKind::Deep);
    let mut shallow = block(6, MON, "08:00", "09:00", BlockKind::Shallow);
    shallow.result = Some(BlockResult::Worked);
    let data = Data {
        blocks: vec![timed, marked, skipped, moved, untouched, shallow],
        ..Data::default()
    };
    let now = at(MON, "18:00");
    assert_eq!(deep_minutes(&data, day(MON)), 360);
    assert_eq!(deep_worked_minutes(&data, day(MON), now), 92 + 60);
    assert_eq!(worked_minutes(&data, day(MON), now), 92 + 60 + 60);
}

#[test]
fn the_evening_assumes_worked_when_started_and_skipped_when_not() {
    let evening = at(MON, "18:00");
    let mut b = block(1, MON, "09:00", "10:00", BlockKind::Deep);
    assert_eq!(assumed_result(&b, evening), BlockResult::Skipped);
    b.actual_start = Some(at(MON, "09:05").into());
    assert_eq!(assumed_result(&b, evening), BlockResult::Worked);
    b.result = Some(BlockResult::Moved);
    assert_eq!(assumed_result(&b, evening), BlockResult::Moved);
}

#[test]
fn a_meeting_is_assumed_attended_once_it_has_ended() {
    let mut standup = block(1, MON, "09:30", "09:45", BlockKind::Meeting);
    assert_eq!(
        assumed_result(&standup, at(MON, "09:40")),
        BlockResult::Skipped
    );
    assert_eq!(
        assumed_result(&standup, at(MON, "09:45")),
        BlockResult::Worked
    );
    assert_eq!(block_worked_minutes(&standup, at(MON, "18:00")), Some(15));
    standup.result = Some(BlockResult::Skipped);
    assert_eq!(
        assumed_result(&standup, at(MON, "18:00")),
        BlockResult::Skipped
    );
    // A calendar's meeting the user filed under another kind is still a meeting.
    let mut review = block(2, MON, "14:00", "15:00", BlockKind::Shallow);
    assert_eq!(
        assumed_result(&review, at(MON, "18:00")),
        BlockResult::Skipped
    );
    review.calendar = Some(crate::model::calendar::CalendarMark {
        source: "work".into(),
        event: "e1".into(),
        instance: "20261207T140000".into(),
    });
    assert_eq!(
        assumed_result(&review, at(MON, "18:00")),
        BlockResult::Worked
    );
}

#[test]
fn a_block_two_machines_wrote_differently_is_flagged_until_settled() {
    let mut data = Data::default();
    let mut b = block(1, MON, "09:00", "10:00", BlockKind::Deep);
    b.uid = "B1".into();
    data.blocks.push(b);
    let hours = WorkingHours::default();
    assert!(!flags(&data.blocks[0], &data, &hours).contains(&"conflict"));
    data.conflicts.push(crate::model::merge::Conflict {
        id: 1,
        uid: "C1".into(),
        kind: "blocks".into(),
        item: "B1".into(),
        field: "start".into(),
        kept: Some(toml::Value::String("09:00".into())),
        other: Some(toml::Value::String("09:30".into())),
        when: at(MON, "18:00"),
        kept_on: String::new(),
        other_on: String::new(),
        extra: Default::default(),
    });
    assert!(flags(&data.blocks[0], &data, &hours).contains(&"conflict"));
}
