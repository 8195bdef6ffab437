use super::*;
use crate::model::test_util::{at, block, day};
use crate::model::{BlockKind, BlockResult, Data, Review};

/// A block on `date` from `start` to `end`, marked worked.
fn worked(id: u32, date: &str, start: &str, end: &str) -> crate::model::Block {
    let mut b = block(id, date, start, end, BlockKind::Deep);
    b.result = Some(BlockResult::Worked);
    b
}

/// Worked 08:00 to `end` on each date: 9h30 by 17:30, over the default cap of 9h30 past it.
fn long_days(days: &[(&str, &str)]) -> Data {
    Data {
        blocks: days
            .iter()
            .enumerate()
            .map(|(i, (date, end))| worked(i as u32 + 1, date, "08:00", end))
            .collect(),
        ..Data::default()
    }
}

fn over(data: &Data, now: NaiveDateTime) -> Overtime {
    overtime(data, &Caps::default(), &WorkingHours::default(), now)
}

#[test]
fn the_default_cap_is_the_days_hours_plus_one_and_a_day_off_holds_an_hour() {
    let hours = WorkingHours::default();
    let caps = Caps::default();
    assert_eq!(day_cap(&caps, &hours, day("2026-11-23")), 9 * 60 + 30);
    assert_eq!(day_cap(&caps, &hours, day("2026-11-22")), 60);
    let fixed = Caps {
        max_minutes_day: Some(8 * 60),
        ..Caps::default()
    };
    assert_eq!(day_cap(&fixed, &hours, day("2026-11-22")), 8 * 60);
}

#[test]
fn one_long_day_is_said_once_and_is_not_a_streak() {
    let data = long_days(&[("2026-11-23", "18:00")]);
    let o = over(&data, at("2026-11-23", "18:30"));
    assert_eq!(o.streak, 1);
    assert!(!o.streak_flagged);
    assert_eq!(o.warnings(), vec!["over 9h30 today (10h)"]);
    // At the cap exactly is not over it.
    let data = long_days(&[("2026-11-23", "17:30")]);
    assert!(over(&data, at("2026-11-23", "18:30")).warnings().is_empty());
}

#[test]
fn a_streak_runs_across_a_weekend_without_work_and_today_counts_once_over() {
    // Thu, Fri, then Mon: the weekend in between neither counts nor breaks it.
    let data = long_days(&[
        ("2026-11-19", "18:00"),
        ("2026-11-20", "18:00"),
        ("2026-11-23", "18:00"),
    ]);
    let o = over(&data, at("2026-11-23", "18:10"));
    assert_eq!(o.streak, 3);
    assert!(o.streak_flagged);
    assert_eq!(o.warnings(), vec!["3rd day over 9h30 in a row"]);
    // Monday morning, nothing worked yet: Monday does not break the streak.
    let mut morning = data.clone();
    morning.blocks.pop();
    let o = over(&morning, at("2026-11-23", "08:00"));
    assert_eq!(o.streak, 2);
    assert!(o.warnings().is_empty());
}

#[test]
fn a_normal_working_day_breaks_the_streak() {
    let data = long_days(&[
        ("2026-11-18", "18:00"),
        ("2026-11-19", "12:00"),
        ("2026-11-20", "18:00"),
        ("2026-11-23", "18:00"),
    ]);
    assert_eq!(over(&data, at("2026-11-23", "19:00")).streak, 2);
}

#[test]
fn work_on_a_day_off_is_said_and_over_its_hour_it_extends_a_streak() {
    // Fri over, Sat 3h (a day off), Mon over.
    let mut data = long_days(&[("2026-11-20", "18:00"), ("2026-11-23", "18:00")]);
    data.blocks.push(worked(9, "2026-11-21", "10:00", "13:00"));
    let o = over(&data, at("2026-11-23", "18:10"));
    assert_eq!(o.streak, 3);
    // Saturday belongs to the week before: this week has no day off worked.
    assert_eq!(o.days_off_worked, 0);
    let sat = over(&data, at("2026-11-21", "13:00"));
    assert!(sat.today.off_day_work());
    assert_eq!(sat.days_off_worked, 1);
    assert!(
        sat.warnings()
            .contains(&"working on a day off (3h)".to_string()),
        "{:?}",
        sat.warnings()
    );
    // An hour on a day off is work on a day off, but not over its cap.
    let mut data = Data::default();
    data.blocks.push(worked(1, "2026-11-22", "10:00", "11:00"));
    let sun = over(&data, at("2026-11-22", "12:00"));
    assert_eq!(sun.streak, 0);
    assert_eq!(sun.warnings(), vec!["working on a day off (1h)"]);
}

#[test]
fn a_late_night_counts_on_its_own_day_and_midnight_starts_a_fresh_one() {
    let data = long_days(&[("2026-11-23", "23:59")]);
    let late = over(&data, at("2026-11-23", "23:59"));
    assert!(late.today.over());
    let after = over(&data, at("2026-11-24", "00:30"));
    assert_eq!(after.today.worked, 0);
    assert_eq!(after.streak, 1, "Monday still counts towards the streak");
    assert!(after.warnings().is_empty());
}

#[test]
fn the_week_cap_counts_monday_to_today() {
    let data = long_days(&[
        ("2026-11-16", "19:00"), // last week: not counted
        ("2026-11-23", "18:00"),
        ("2026-11-24", "18:00"),
        ("2026-11-25", "18:00"),
        ("2026-11-26", "18:00"),
        ("2026-11-27", "18:00"),
    ]);
    let o = over(&data, at("2026-11-27", "18:00"));
    assert_eq!(o.week, 50 * 60);
    assert!(
        o.warnings()
            .contains(&"50h this week, over 45h".to_string())
    );
    assert_eq!(o.streak, 5);
}

#[test]
fn a_review_figure_counts_when_it_says_more_than_the_blocks() {
    let mut data = Data::default();
    data.reviews.push(Review {
        date: day("2026-11-20"),
        worked_minutes: Some(11 * 60),
        ..Review::default()
    });
    let l = load(
        &data,
        &Caps::default(),
        &WorkingHours::default(),
        day("2026-11-20"),
        at("2026-11-23", "08:00"),
    );
    assert!(l.over());
    let chart = loads(
        &data,
        &Caps::default(),
        &WorkingHours::default(),
        day("2026-11-23"),
        14,
        at("2026-11-23", "08:00"),
    );
    assert_eq!(chart.len(), 14);
    assert_eq!(chart[13].date, day("2026-11-23"));
    assert_eq!(chart[10].worked, 11 * 60);
}

#[test]
fn outside_hours_is_before_the_start_after_the_end_or_a_day_off() {
    let h = WorkingHours::default();
    assert!(outside_hours(&h, at("2026-11-23", "08:10")));
    assert!(!outside_hours(&h, at("2026-11-23", "09:00")));
    assert!(outside_hours(&h, at("2026-11-23", "17:30")));
    assert!(outside_hours(&h, at("2026-11-22", "12:00")));
}

#[test]
fn ordinals() {
    let got: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111]
        .into_iter()
        .map(ordinal)
        .collect();
    assert_eq!(
        got,
        [
            "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st", "111th"
        ]
    );
}

#[test]
fn planning_past_the_cap_is_found_before_the_block_is_placed_and_breaks_do_not_count() {
    let hours = WorkingHours::default();
    let caps = Caps::default(); // 9h30 on a weekday
    let date = day("2026-11-23");
    let data = Data {
        blocks: vec![
            block(1, "2026-11-23", "08:00", "16:00", BlockKind::Deep),
            block(2, "2026-11-23", "12:00", "13:00", BlockKind::Break),
        ],
        ..Data::default()
    };
    assert_eq!(planned_work(&data, date), 8 * 60);
    assert_eq!(plan_past_cap(&data, &caps, &hours, date, 90), None);
    assert_eq!(
        plan_past_cap(&data, &caps, &hours, date, 120),
        Some((10 * 60, 9 * 60 + 30))
    );
}

#[test]
fn the_block_to_move_first_serves_the_lowest_ranked_outcome() {
    let mut data = Data::default();
    let top = crate::model::test_util::add(
        &mut data,
        crate::model::Kind::Priority,
        &[
            ("title", "Ship billing"),
            ("impact", "high"),
            ("urgency", "high"),
        ],
    )
    .unwrap();
    let low = crate::model::test_util::add(
        &mut data,
        crate::model::Kind::Priority,
        &[("title", "Tidy CI"), ("impact", "low"), ("urgency", "low")],
    )
    .unwrap();
    let mut a = block(1, "2026-11-23", "09:00", "10:30", BlockKind::Deep);
    a.priority = Some(top);
    let mut b = block(2, "2026-11-23", "10:30", "12:00", BlockKind::Deep);
    b.priority = Some(low);
    let mut started = block(3, "2026-11-23", "13:00", "14:00", BlockKind::Shallow);
    started.actual_start = Some(at("2026-11-23", "13:00").into());
    data.blocks = vec![a, b, started];
    let today = day("2026-11-23");
    assert_eq!(
        lowest_ranked_block(&data, today, today).map(|b| b.id),
        Some(2)
    );
    // A block serving no outcome goes before any that serves one.
    data.blocks
        .push(block(4, "2026-11-23", "08:00", "08:30", BlockKind::Shallow));
    assert_eq!(
        lowest_ranked_block(&data, today, today).map(|b| b.id),
        Some(4)
    );
}
