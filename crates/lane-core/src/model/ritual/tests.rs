use super::*;
use crate::model::test_util::{self, at, day, t};
use crate::model::{BlockResult, WorkingHours};

/// A deep block, which is what the plan deals in.
fn block(id: u32, date: &str, start: &str, end: &str) -> Block {
    test_util::block(id, date, start, end, BlockKind::Deep)
}

const MON: &str = "2026-11-23";
const FRI: &str = "2026-11-20";

#[test]
fn free_slots_skip_blocks_and_the_past_and_the_earliest_that_fits_wins() {
    let hours = WorkingHours::default();
    let data = Data {
        blocks: vec![
            block(1, MON, "10:00", "10:30"),
            block(2, MON, "13:00", "14:00"),
        ],
        ..Data::default()
    };
    let slots = free_slots(&data, &hours, day(MON), at(MON, "08:50"));
    assert_eq!(
        slots,
        vec![
            (t("09:00"), t("10:00")),
            (t("10:30"), t("13:00")),
            (t("14:00"), t("17:30"))
        ]
    );
    assert_eq!(
        best_slot(&slots),
        Some(1),
        "09:00–10:00 is too short for 90 minutes"
    );
    // At 17:10 only 17:15–17:30 is left: too short to propose.
    assert!(free_slots(&data, &hours, day(MON), at(MON, "17:10")).is_empty());
    // Nothing fits a whole block: the longest.
    let short = [(t("13:00"), t("13:45")), (t("14:30"), t("15:30"))];
    assert_eq!(best_slot(&short), Some(1));
}

#[test]
fn carry_over_is_open_focus_and_last_working_days_untouched_blocks() {
    let hours = WorkingHours::default();
    let mut worked = block(2, FRI, "11:00", "12:00");
    worked.actual_start = Some(at(FRI, "11:00").into());
    let mut marked = block(3, FRI, "13:00", "14:00");
    marked.result = Some(BlockResult::Skipped);
    let data = Data {
        blocks: vec![block(1, FRI, "09:00", "10:00"), worked, marked],
        ..Data::default()
    };
    // Monday's "yesterday" is Friday.
    assert_eq!(carry_over(&data, &hours, day(MON)), vec![(Kind::Block, 1)]);
    assert_eq!(previous_working_day(&hours, day(MON)), day(FRI));
    assert_eq!(next_working_day(&hours, day(FRI)), day(MON));
}

#[test]
fn a_moved_block_keeps_its_time_when_free_and_finds_a_slot_when_not() {
    let hours = WorkingHours::default();
    let mut data = Data {
        blocks: vec![
            block(1, FRI, "09:00", "10:30"),
            block(2, MON, "09:00", "09:30"),
        ],
        ..Data::default()
    };
    let id = move_block(&mut data, &hours, 1, day(MON), "u".into(), at(FRI, "18:00")).unwrap();
    let b = data.blocks.iter().find(|b| b.id == id).unwrap();
    assert_eq!((b.date, b.start, b.end), (day(MON), t("09:30"), t("11:00")));
    let tue = day("2026-11-24");
    let id = move_block(&mut data, &hours, 1, tue, "v".into(), at(FRI, "18:00")).unwrap();
    let b = data.blocks.iter().find(|b| b.id == id).unwrap();
    assert_eq!((b.date, b.start), (tue, t("09:00")));
    assert_eq!(b.moved_to, None, "the copy has not moved");
    // The original says where it went last, for the timeline's `→ Tue 24`.
    assert_eq!(data.blocks[0].moved_to, Some(tue));
}

#[test]
fn the_day_entry_is_made_once_in_date_order() {
    let mut data = Data::default();
    day_entry(&mut data, day(MON), || "a".into()).energy = Some(3);
    day_entry(&mut data, day(FRI), || "b".into());
    day_entry(&mut data, day(MON), || "c".into()).wins = "x".into();
    let dates: Vec<_> = data
        .reviews
        .iter()
        .map(|r| (r.date, r.uid.as_str()))
        .collect();
    assert_eq!(dates, vec![(day(FRI), "b"), (day(MON), "a")]);
    assert_eq!(data.reviews[1].wins, "x");
}

#[test]
fn a_run_of_deep_work_is_blocks_less_than_a_break_apart() {
    let mut meeting = test_util::block(3, MON, "11:00", "11:30", BlockKind::Meeting);
    meeting.title = "standup".into();
    let data = Data {
        blocks: vec![
            block(1, MON, "09:00", "10:00"),
            block(2, MON, "10:10", "11:00"),
            meeting,
            block(4, MON, "11:30", "12:00"),
            block(5, MON, "12:15", "13:00"),
        ],
        ..Data::default()
    };
    // 10 minutes is no break; a meeting ends a run of deep work; 15 minutes do too.
    assert_eq!(
        deep_runs(&data, day(MON)),
        [
            (t("09:00"), t("11:00")),
            (t("11:30"), t("12:00")),
            (t("12:15"), t("13:00"))
        ]
    );
}

#[test]
fn the_plan_leaves_a_break_after_a_run_of_deep_work_as_long_as_the_cap() {
    let hours = WorkingHours::default();
    let morning = at(MON, "08:10");
    let slots = |data: &Data, minutes, max_run| {
        deep_slots(data, &hours, day(MON), morning, minutes, max_run)
    };
    let mut data = Data {
        blocks: vec![block(1, MON, "09:00", "10:30")],
        ..Data::default()
    };
    // 1h30 done and 1h30 more would be 3h: the next starts after a break.
    assert_eq!(slots(&data, 90, 120)[0], (t("10:45"), t("17:30")));
    // Without a cap, or when the two fit under it, it follows on.
    assert_eq!(slots(&data, 90, 0)[0], (t("10:30"), t("17:30")));
    assert_eq!(slots(&data, 30, 120)[0], (t("10:30"), t("17:30")));
    // A run after the slot gets its break before it too.
    data.blocks.push(block(2, MON, "14:00", "15:30"));
    assert_eq!(
        slots(&data, 90, 120),
        [(t("10:45"), t("13:45")), (t("15:45"), t("17:30"))]
    );
    // A shallow block is not deep work: what follows it needs no break.
    let mut shallow = Data {
        blocks: vec![
            block(1, MON, "09:00", "10:30"),
            test_util::block(2, MON, "10:30", "11:00", BlockKind::Shallow),
        ],
        ..Data::default()
    };
    assert_eq!(slots(&shallow, 90, 120)[0], (t("11:00"), t("17:30")));
    // Near midnight the break stops at the day's edge.
    shallow.blocks = vec![block(1, MON, "22:00", "23:55")];
    let late = WorkingHours::new(std::array::from_fn(|_| Some((t("20:00"), t("23:59")))));
    assert!(
        deep_slots(&shallow, &late, day(MON), morning, 90, 120)
            .iter()
            .all(|(s, e)| s < e)
    );
}

#[test]
fn a_block_carried_over_to_today_is_never_placed_in_the_past() {
    let hours = WorkingHours::default();
    let mut data = Data::default();
    data.blocks.push(block(1, FRI, "09:45", "10:15"));
    // Planning Monday at 10:30: 09:45 is gone, the first free slot after now.
    let id = move_block(&mut data, &hours, 1, day(MON), "u".into(), at(MON, "10:30")).unwrap();
    let moved = data.blocks.iter().find(|b| b.id == id).unwrap();
    assert_eq!((moved.start, moved.end), (t("10:30"), t("11:00")));
    // Planned the evening before, the same time is kept.
    let mut data = Data::default();
    data.blocks.push(block(1, FRI, "09:45", "10:15"));
    let id = move_block(&mut data, &hours, 1, day(MON), "u".into(), at(FRI, "18:00")).unwrap();
    let moved = data.blocks.iter().find(|b| b.id == id).unwrap();
    assert_eq!(moved.start, t("09:45"));
}
