use super::*;
use crate::model::calendar::CalendarMark;
use crate::model::test_util::{add, at, block, day, monday, t};

const MON: &str = "2026-11-23";

fn meeting(id: u32, date: &str, start: &str, end: &str) -> Block {
    let mut b = block(id, date, start, end, BlockKind::Meeting);
    b.title = "design review".into();
    b.calendar = Some(CalendarMark {
        source: "work".into(),
        event: format!("E{id}"),
        instance: String::new(),
    });
    b
}

fn titled(mut b: Block, title: &str, priority: Option<u32>) -> Block {
    b.title = title.into();
    b.priority = priority;
    b
}

/// Monday: email 09:00–10:00, billing spec 10:00–11:30, inbox 11:30–13:00,
/// lunch 13:00–13:30; the calendar now puts a meeting at 10:30–11:00.
fn monday_with_a_meeting() -> Data {
    let mut data = Data::default();
    let billing = add(&mut data, Kind::Priority, &[("title", "Billing")]).unwrap();
    data.blocks = vec![
        titled(
            block(1, MON, "09:00", "10:00", BlockKind::Admin),
            "email",
            None,
        ),
        titled(
            block(2, MON, "10:00", "11:30", BlockKind::Deep),
            "billing spec",
            Some(billing),
        ),
        meeting(3, MON, "10:30", "11:00"),
        titled(
            block(4, MON, "11:30", "13:00", BlockKind::Shallow),
            "inbox",
            None,
        ),
        titled(
            block(5, MON, "13:00", "13:30", BlockKind::Break),
            "lunch",
            None,
        ),
    ];
    data
}

#[test]
fn a_covered_block_goes_to_the_nearest_free_slot_of_its_length() {
    let data = monday_with_a_meeting();
    let r = refit(&data, &Rules::default(), day(MON), monday());
    assert_eq!(r.moves.len(), 1, "{r:?}");
    let m = &r.moves[0];
    assert_eq!((m.block, m.to.date), (2, day(MON)));
    assert_eq!((m.to.start, m.to.end), (t("13:30"), t("15:00")));
    assert_eq!(
        banner_words(&r).as_deref(),
        Some("A meeting now covers 10:30–11:00 · billing spec 10:00–11:30 → 13:30–15:00")
    );
    let json = serde_json::to_value(&r.moves).unwrap();
    assert_eq!(json[0]["from"]["start"], "10:00");
    assert_eq!(json[0]["to"]["start"], "13:30");
    assert_eq!(json[0]["reason"], "a meeting covers it");
}

#[test]
fn applied_the_block_keeps_its_length_and_clears_every_meeting() {
    let mut data = monday_with_a_meeting();
    let r = refit(&data, &Rules::default(), day(MON), monday());
    let said = apply(&mut data, &r, || "NEW".into()).unwrap();
    assert_eq!(said, "re-fit: moved 1 block");
    let b = data.blocks.iter().find(|b| b.id == 2).unwrap();
    assert_eq!((b.start, b.end), (t("13:30"), t("15:00")));
    assert!(!crate::model::day::overlaps(b, &data));
    // Kept in time order, and nothing left to re-fit.
    let order: Vec<_> = data.blocks.iter().map(|b| (b.date, b.start)).collect();
    assert!(order.is_sorted());
    assert!(refit(&data, &Rules::default(), day(MON), monday()).is_empty());
}

#[test]
fn meetings_begun_worked_and_past_blocks_never_move() {
    let mut data = monday_with_a_meeting();
    // Started early: worked on, so it stays where the user put it.
    data.blocks[1].actual_start = Some(crate::model::Stamp::from(at(MON, "08:00")));
    assert!(refit(&data, &Rules::default(), day(MON), monday()).is_empty());
    let data = monday_with_a_meeting();
    // At 10:15 the block has begun: the past is not re-planned.
    assert!(refit(&data, &Rules::default(), day(MON), at(MON, "10:15")).is_empty());
    // Two meetings on each other: neither moves.
    let data = Data {
        blocks: vec![
            meeting(1, MON, "10:00", "11:00"),
            meeting(2, MON, "10:30", "11:30"),
        ],
        ..Data::default()
    };
    assert!(refit(&data, &Rules::default(), day(MON), monday()).is_empty());
}

#[test]
fn what_no_longer_fits_goes_to_the_next_working_day_lowest_ranked_first() {
    let mut data = Data::default();
    let high = add(
        &mut data,
        Kind::Priority,
        &[("title", "High"), ("impact", "high"), ("urgency", "high")],
    )
    .unwrap();
    let low = add(
        &mut data,
        Kind::Priority,
        &[("title", "Low"), ("impact", "low"), ("urgency", "low")],
    )
    .unwrap();
    data.blocks = vec![
        titled(
            block(1, MON, "09:00", "10:30", BlockKind::Deep),
            "high work",
            Some(high),
        ),
        titled(
            block(2, MON, "11:00", "12:00", BlockKind::Shallow),
            "low work",
            Some(low),
        ),
        meeting(3, MON, "09:00", "17:30"),
    ];
    // A cap the day stays under: the blocks leave for want of room.
    let mut rules = Rules::default();
    rules.caps.max_minutes_day = Some(24 * 60);
    let r = refit(&data, &rules, day(MON), monday());
    let moved: Vec<(u32, NaiveDate)> = r.moves.iter().map(|m| (m.block, m.to.date)).collect();
    // The low outcome's block first, each near its own time on Tuesday.
    assert_eq!(moved, [(2, day("2026-11-24")), (1, day("2026-11-24"))]);
    assert_eq!(r.moves[0].to.start, t("11:00"));
    assert!(r.moves[0].reason.contains("no room"));
    // Applied: the originals say where they went; the copies keep their length.
    let mut data = data;
    apply(&mut data, &r, || "C".into()).unwrap();
    let tuesday: Vec<&Block> = data.blocks_on(day("2026-11-24")).collect();
    assert_eq!(tuesday.len(), 2);
    assert_eq!(minutes(tuesday[0]), 90);
    assert!(
        data.blocks
            .iter()
            .filter(|b| b.date == day(MON) && !is_meeting(b))
            .all(|b| b.moved_to.is_some())
    );
}

#[test]
fn a_deep_block_never_makes_a_run_longer_than_the_rules_allow() {
    let data = Data {
        blocks: vec![
            block(1, MON, "10:00", "11:30", BlockKind::Deep),
            block(2, MON, "12:00", "13:00", BlockKind::Deep),
            meeting(3, MON, "11:30", "14:00"),
            block(4, MON, "14:00", "17:30", BlockKind::Admin),
        ],
        ..Data::default()
    };
    // 09:00 is free, but with the 10:00 block it would be a run of 2h30.
    let r = refit(&data, &Rules::default(), day(MON), monday());
    assert_eq!(r.moves[0].to.date, day("2026-11-24"), "{r:?}");
    let rules = Rules {
        max_deep_run_minutes: 0,
        ..Rules::default()
    };
    let r = refit(&data, &rules, day(MON), monday());
    assert_eq!(
        (r.moves[0].to.date, r.moves[0].to.start),
        (day(MON), t("09:00"))
    );
}

#[test]
fn a_block_never_passes_another_of_its_outcome() {
    let mut data = Data::default();
    let p = add(&mut data, Kind::Priority, &[("title", "Billing")]).unwrap();
    data.blocks = vec![
        block(1, MON, "09:00", "10:00", BlockKind::Admin),
        titled(
            block(2, MON, "10:00", "11:00", BlockKind::Shallow),
            "part 1",
            Some(p),
        ),
        meeting(3, MON, "10:00", "11:00"),
        titled(
            block(4, MON, "11:15", "12:00", BlockKind::Shallow),
            "part 2",
            Some(p),
        ),
        block(5, MON, "12:00", "17:30", BlockKind::Admin),
    ];
    // The only free hour is after part 2: part 1 does not pass it.
    let r = refit(&data, &Rules::default(), day(MON), monday());
    assert_eq!(r.moves[0].to.date, day("2026-11-24"), "{r:?}");
    assert_eq!(
        r.moves[0].reason,
        "a meeting covers it; no room left that day"
    );
}

#[test]
fn a_day_past_its_cap_sends_the_lowest_ranked_covered_block_away() {
    let mut data = monday_with_a_meeting();
    let mut rules = Rules::default();
    // 4h30 of work planned with the meeting: a 4h cap sends billing spec away.
    rules.caps.max_minutes_day = Some(240);
    let r = refit(&data, &rules, day(MON), monday());
    assert_eq!(r.moves[0].to.date, day("2026-11-24"));
    assert!(r.moves[0].reason.contains("cap"));
    data.blocks.clear();
    assert!(refit(&data, &rules, day(MON), monday()).is_empty());
}
