//! Last night's picks are the plan's picks: the review's "tomorrow" is the focus
//! the next morning's plan carries over and takes, and the focus its standups name.

use crate::harness::{Harness, rules};

/// Friday's review picked 3, 5 and 1 for Monday while 1 and 2 were in focus;
/// 5 is due Monday.
const FRIDAY_PICKED: &str = r#"version = 1

[[priorities]]
id = 1
uid = "P1"
title = "Ship billing v2"
focus = true

[[priorities]]
id = 2
uid = "P2"
title = "Hire a data engineer"
focus = true

[[priorities]]
id = 3
uid = "P3"
title = "Quarterly roadmap draft"

[[priorities]]
id = 4
uid = "P4"
title = "Clean up CI flakes"

[[priorities]]
id = 5
uid = "P5"
title = "Renew TLS certificates"
due = "2026-11-23"

[[reviews]]
id = 1
uid = "R1"
date = "2026-11-20"
reviewed = true
tomorrow = [3, 5, 1]
"#;

fn focus(h: &Harness) -> Vec<u32> {
    let mut ids: Vec<u32> = h
        .state
        .data()
        .priorities
        .iter()
        .filter(|p| p.focus)
        .map(|p| p.id)
        .collect();
    ids.sort();
    ids
}

#[test]
fn the_morning_plan_carries_over_and_takes_last_nights_picks() {
    let mut h = Harness::from_toml(FRIDAY_PICKED, 120, 35, rules());
    h.keys("p");
    let screen = h.screen();
    // The carry-over offers the picks, not Friday's focus.
    assert!(screen.contains("Renew TLS certificates"), "{screen}");
    assert!(screen.contains("Quarterly roadmap draft"), "{screen}");
    assert!(!screen.contains("focus  Hire a data engineer"), "{screen}");
    h.keys("<enter>");
    assert_eq!(focus(&h), [1, 3, 5]);
    assert!(
        h.screen().contains("last night's 3 picks"),
        "{}",
        h.screen()
    );
    // The standup of the morning names the picks.
    h.keys("y");
    let standup = h.io.copied.last().unwrap();
    for title in [
        "Quarterly roadmap draft",
        "Renew TLS certificates",
        "Ship billing v2",
    ] {
        assert!(
            standup.contains(&format!("Focus: **{title}**")),
            "{standup}"
        );
    }
    assert!(!standup.contains("Hire a data engineer"), "{standup}");
}

#[test]
fn a_pick_dropped_in_the_carry_over_leaves_the_focus() {
    let mut h = Harness::from_toml(FRIDAY_PICKED, 120, 35, rules());
    // The first row is the first pick: space drops it.
    h.keys("p<space><enter>");
    assert_eq!(focus(&h), [1, 5]);
}

#[test]
fn the_standup_before_the_plan_names_last_nights_picks() {
    let h = Harness::from_toml(FRIDAY_PICKED, 120, 35, rules());
    use lane::report::{Period, ReportKind, Source};
    let rules = rules();
    let today = h.clock.date();
    let src = Source {
        data: h.state.data(),
        rules: &rules,
        period: Period::of(ReportKind::Standup, None, None, today, &rules).unwrap(),
        now: h.clock,
    };
    let text = lane::report::markdown(ReportKind::Standup, &src);
    assert!(
        text.contains("Focus: **Quarterly roadmap draft**"),
        "{text}"
    );
    assert!(!text.contains("Hire a data engineer"), "{text}");
}

#[test]
fn opening_the_plan_and_leaving_writes_nothing() {
    let mut h = Harness::from_toml(FRIDAY_PICKED, 120, 35, rules());
    let before = h.state.data().clone();
    h.keys("p<esc>");
    assert_eq!(h.state.data(), &before);
    assert_eq!(h.io.saves, 0);
}
