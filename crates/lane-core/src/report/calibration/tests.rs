use super::*;
use crate::model::test_util::{add, at, block, day, monday};
use crate::model::{Kind, Stamp};

fn marked(mut b: Block, result: BlockResult) -> Block {
    b.result = Some(result);
    b
}

/// The week of 16 November 2026, figured by hand below.
fn fixture() -> Data {
    let mut data = Data::default();
    let billing = add(&mut data, Kind::Priority, &[("title", "Billing")]).unwrap();
    let hiring = add(&mut data, Kind::Priority, &[("title", "Hiring")]).unwrap();
    for p in &mut data.priorities {
        p.focus = true;
    }
    let on = |mut b: Block, p: u32| {
        b.priority = Some(p);
        b
    };
    let mut timed = on(
        block(3, "2026-11-17", "09:00", "10:30", BlockKind::Deep),
        billing,
    );
    timed.actual_start = Some(Stamp::from(at("2026-11-17", "09:00")));
    timed.actual_end = Some(Stamp::from(at("2026-11-17", "09:50")));
    let mut admin = block(4, "2026-11-17", "11:00", "11:30", BlockKind::Admin);
    admin.done = true;
    let mut moved = block(7, "2026-11-18", "09:00", "10:00", BlockKind::Deep);
    moved.moved_to = Some(day("2026-11-19"));
    let moved = marked(moved, BlockResult::Moved);
    let mut calendar = block(11, "2026-11-19", "14:00", "15:00", BlockKind::Meeting);
    calendar.calendar = Some(crate::model::calendar::CalendarMark {
        source: "work".into(),
        event: "e1".into(),
        instance: String::new(),
    });
    calendar.kind = BlockKind::Deep;
    data.blocks = vec![
        block(12, "2026-11-13", "09:00", "12:00", BlockKind::Deep),
        on(
            marked(
                block(1, "2026-11-16", "09:00", "11:00", BlockKind::Deep),
                BlockResult::Worked,
            ),
            billing,
        ),
        on(
            marked(
                block(2, "2026-11-16", "13:00", "14:30", BlockKind::Deep),
                BlockResult::Skipped,
            ),
            billing,
        ),
        timed,
        admin,
        block(5, "2026-11-17", "12:00", "13:00", BlockKind::Break),
        marked(
            block(6, "2026-11-17", "14:00", "15:00", BlockKind::Meeting),
            BlockResult::Worked,
        ),
        moved,
        on(
            marked(
                block(8, "2026-11-19", "09:00", "10:00", BlockKind::Deep),
                BlockResult::Worked,
            ),
            hiring,
        ),
        calendar,
        marked(
            block(9, "2026-11-20", "10:00", "11:00", BlockKind::Shallow),
            BlockResult::Skipped,
        ),
        block(10, "2026-11-23", "09:00", "10:00", BlockKind::Deep),
    ];
    data
}

fn period() -> Period {
    Period {
        since: day("2026-11-16"),
        until: day("2026-11-23"),
    }
}

fn figure(blocks: usize, planned: i64, worked: i64, ratio: f64) -> Figure {
    Figure {
        blocks,
        planned_minutes: planned,
        worked_minutes: worked,
        ratio: Some(ratio),
    }
}

#[test]
fn the_figures_add_up_to_a_hand_computed_week() {
    let c = calibration(&fixture(), &period(), monday());
    // Deep: 1 (120 of 120) + 2 (90, skipped) + 3 (90, timer 50m) + 8 (the moved
    // block's copy, 60 of 60). Not 7 (moved away), 10 (not over yet), 12
    // (before the period); meetings, breaks and the calendar's meeting never.
    let kinds: Vec<(BlockKind, Figure)> =
        c.kinds.iter().map(|k| (k.kind, k.figure.clone())).collect();
    assert_eq!(
        kinds,
        [
            (BlockKind::Deep, figure(4, 360, 230, 0.64)),
            (BlockKind::Shallow, figure(1, 60, 0, 0.0)),
            (BlockKind::Admin, figure(1, 30, 30, 1.0)),
        ]
    );
    // Billing has three blocks (1, 2, 3): 300 planned, 170 worked. Hiring
    // has one, too few to say anything.
    assert_eq!(c.outcomes.len(), 1);
    assert_eq!(c.outcomes[0].title, "Billing");
    assert_eq!(c.outcomes[0].figure, figure(3, 300, 170, 0.57));
}

#[test]
fn json_and_markdown_say_the_same_figures() {
    let c = calibration(&fixture(), &period(), monday());
    let json = serde_json::to_value(&c).unwrap();
    assert_eq!(json["kinds"][0]["kind"], "deep");
    assert_eq!(json["kinds"][0]["planned_minutes"], 360);
    assert_eq!(json["kinds"][0]["worked_minutes"], 230);
    assert_eq!(json["kinds"][0]["ratio"], 0.64);
    let text = markdown_with(&c, &period());
    assert!(text.contains("| deep | 4 | 6h | 3h50 | 64% |"), "{text}");
    assert!(text.contains("| Billing | 3 | 5h | 2h50 | 57% |"), "{text}");
}

#[test]
fn an_empty_period_says_so() {
    let c = calibration(&Data::default(), &period(), monday());
    assert!(c.kinds.is_empty() && c.outcomes.is_empty());
    assert!(markdown_with(&c, &period()).contains("No planned blocks ended"));
}

#[test]
fn the_plan_says_what_a_day_of_deep_work_likely_gives() {
    let usual = figure(5, 600, 432, 0.72);
    assert_eq!(
        plan_words(BlockKind::Deep, 360, &usual).as_deref(),
        Some("6h deep planned; you work 72% of deep plans → about 4h20")
    );
    // Working all of it, or too few blocks to go on: nothing to say.
    assert_eq!(
        plan_words(BlockKind::Deep, 360, &figure(5, 60, 60, 1.0)),
        None
    );
    assert_eq!(
        plan_words(BlockKind::Deep, 360, &figure(2, 60, 30, 0.5)),
        None
    );
}

#[test]
fn offered_blocks_shrink_to_what_is_worked_never_grow() {
    assert_eq!(sized_minutes(90, 0.72), 60);
    assert_eq!(sized_minutes(90, 0.2), 30);
    assert_eq!(sized_minutes(90, 1.3), 90);
    assert_eq!(sized_minutes(20, 0.5), 20);
}

#[test]
fn the_review_puts_the_days_share_beside_the_usual_one() {
    let data = fixture();
    let evening = at("2026-11-17", "18:00");
    // Tuesday: block 3 worked 50 of 90 minutes of deep (56%); the four weeks
    // before hold blocks 12 (0 of 180), 1 (120 of 120) and 2 (0 of 90): 31%.
    // Admin 30 of 30, never planned before.
    assert_eq!(
        review_words(&data, day("2026-11-17"), evening).as_deref(),
        Some("Worked of planned: deep 56% today, usually 31% · admin 100% today")
    );
    assert_eq!(review_words(&data, day("2026-11-22"), evening), None);
}

#[test]
fn usual_is_the_four_weeks_before_today() {
    let c = usual(&fixture(), day("2026-11-23"), monday());
    assert_eq!(c.kind(BlockKind::Deep), Some(&figure(5, 540, 230, 0.43)));
}
