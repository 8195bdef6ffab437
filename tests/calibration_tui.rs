//! The morning plan's calibration line, after real keys: what the day's deep
//! plan likely gives, and the offer sized by it; at 80×24 and 200×50.

use crate::harness::{Harness, now};
use lane::model::{Block, BlockKind, BlockResult, Stamp};

/// Two focus-worthy outcomes, and four weeks behind with five deep blocks of
/// 2h each, worked 2h, 2h, 1h30, 1h and 42m: 432 of 600 minutes, 72%.
fn a_monday_with_history(width: u16, height: u16) -> Harness {
    let mut h = Harness::new(width, height);
    h.keys("1");
    h.keys(
        "aShip billing v2<tab>Customers can pay by invoice<tab><tab>fri<tab>high<tab>high<enter>",
    );
    h.keys("aHire a data engineer<tab>Offer signed<tab><tab><tab>high<tab>medium<enter>");
    h.change_data(|d| {
        for (i, worked) in [120, 120, 90, 60, 42].into_iter().enumerate() {
            let date = lane::model::limits::shift_days(now().date(), -7 + i as i64);
            let t = |h: u32| chrono::NaiveTime::from_hms_opt(h, 0, 0).unwrap();
            let mut b = Block::planned(
                100 + i as u32,
                format!("H{i}"),
                date,
                (t(9), t(11)),
                "earlier deep work".into(),
                BlockKind::Deep,
            );
            let start = date.and_time(t(9));
            b.actual_start = Some(Stamp::from(start));
            b.actual_end = Some(Stamp::from(start + chrono::Duration::minutes(worked)));
            b.result = Some(BlockResult::Worked);
            d.blocks.push(b);
        }
    });
    h.keys("1");
    h
}

fn plan_two_blocks(h: &mut Harness) -> String {
    // p, nothing to carry over, two outcomes in focus, two blocks placed.
    h.keys("p<enter><space><down><space><enter><space><space>");
    h.screen()
}

#[test]
fn the_plan_says_what_the_deep_plan_likely_gives_at_80x24() {
    let mut h = a_monday_with_history(80, 24);
    let screen = plan_two_blocks(&mut h);
    assert!(
        screen.contains("2h deep planned; you work 72% of deep plans → about 1h25"),
        "{screen}"
    );
    assert!(screen.contains("offers sized by it"), "{screen}");
    // 1h30 at 72% is offered as 1h.
    let today: Vec<_> = h.state.data().blocks_on(now().date()).cloned().collect();
    assert_eq!(today.len(), 2);
    assert!(today.iter().all(|b| lane::model::day::minutes(b) == 60));
    insta::assert_snapshot!("plan_calibration_80x24", screen);
}

#[test]
fn the_plan_says_what_the_deep_plan_likely_gives_at_200x50() {
    let mut h = a_monday_with_history(200, 50);
    let screen = plan_two_blocks(&mut h);
    assert!(screen.contains("you work 72% of deep plans"), "{screen}");
    insta::assert_snapshot!("plan_calibration_200x50", screen);
}

#[test]
fn with_sizing_off_the_offer_keeps_its_length_and_the_line_says_so() {
    let mut rules = crate::harness::rules();
    rules.size_by_calibration = false;
    let mut h = Harness::with_rules(80, 24, rules);
    let data = a_monday_with_history(80, 24).state.data().clone();
    h.change_data(|d| *d = data);
    let screen = plan_two_blocks(&mut h);
    assert!(screen.contains("you work 72% of deep plans"), "{screen}");
    assert!(!screen.contains("offers sized by it"), "{screen}");
    let today: Vec<_> = h.state.data().blocks_on(now().date()).cloned().collect();
    assert!(today.iter().all(|b| lane::model::day::minutes(b) == 90));
}

#[test]
fn the_evening_review_puts_the_days_share_beside_the_usual_one() {
    let mut h = a_monday_with_history(80, 24);
    plan_two_blocks(&mut h);
    // The first block worked by its timer for 45 of its 60 minutes, the
    // second skipped: 45 of 120 minutes of deep work, 38%.
    h.change_data(|d| {
        let today = now().date();
        let first = d
            .blocks
            .iter_mut()
            .filter(|b| b.date == today)
            .min_by_key(|b| b.start)
            .unwrap();
        let start = today.and_time(first.start);
        first.actual_start = Some(Stamp::from(start));
        first.actual_end = Some(Stamp::from(start + chrono::Duration::minutes(45)));
    });
    h.clock = now().date().and_hms_opt(18, 0, 0).unwrap();
    // Leave the plan, open the evening review.
    h.keys("qv");
    let screen = h.screen();
    assert!(
        screen.contains("Worked of planned: deep 38% today, usually 72%"),
        "{screen}"
    );
}
