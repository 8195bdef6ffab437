//! Checkpoints: a milestone due within `checkpoint_days` working days shows in
//! the morning plan's follow-ups, and the weekly update says hit, missed, or
//! coming up.

use crate::common::lane;
use crate::harness::{Harness, now};
use lane::model::outcomes::add_milestone;

/// The pinned clock is Monday 23 November 2026.
const STEERED: &str = r#"version = 1

[[priorities]]
id = 1
uid = "01KAQ3Z8X9M2V7C4T6N1B5R0PE"
title = "Ship billing v2"
due = "2026-12-18"
impact = "high"
urgency = "medium"
status = "active"
created = "2026-11-02"

[[priorities.milestones]]
id = 1
uid = "M1"
title = "Spec signed"
due = "2026-11-18"
done = "2026-11-17"

[[priorities.milestones]]
id = 2
uid = "M2"
title = "Invoice PDF"
due = "2026-11-20"

[[priorities.milestones]]
id = 3
uid = "M3"
title = "Dunning emails"
due = "2026-11-25"

[[priorities.milestones]]
id = 4
uid = "M4"
title = "Beta to 3 customers"
due = "2026-12-04"
"#;

fn steered(width: u16, height: u16) -> Harness {
    Harness::from_toml(STEERED, width, height, crate::harness::rules())
}

#[test]
fn the_plan_lists_checkpoints_among_its_follow_ups() {
    let mut h = steered(120, 35);
    // Carry over, focus, blocks: on to the follow-ups.
    h.keys("p<enter><enter><enter>");
    let screen = h.screen();
    assert!(
        screen.contains("checkpoint Ship billing v2 — Dunning emails due Wed 25 Nov"),
        "{screen}"
    );
    assert!(!screen.contains("Beta to 3 customers"), "{screen}");
    h.keys("<space>");
    let plan = h.state.data().reviews[0].plan.clone().unwrap();
    assert_eq!(plan.acknowledged_checkpoints, [1]);
    h.keys("<enter>");
    assert!(h.state.pass.is_none(), "all acknowledged: the plan is done");
}

#[test]
fn checkpoint_days_sets_the_window() {
    for (days, shown) in [(0, false), (2, true)] {
        let mut h = steered(120, 35);
        h.state.rules.checkpoint_days = days;
        h.keys("p<enter><enter><enter>");
        assert_eq!(h.screen().contains("checkpoint Ship"), shown, "{days}");
    }
    // 0: only what is due today.
    let mut h = steered(120, 35);
    h.state.rules.checkpoint_days = 0;
    h.change_data(|d| {
        add_milestone(d, 1, "Pricing page", Some(now().date()), "M9".into()).unwrap();
    });
    h.keys("p<enter><enter><enter>");
    let screen = h.screen();
    assert!(
        screen.contains("checkpoint Ship billing v2 — Pricing page due today"),
        "{screen}"
    );
}

#[test]
fn the_weekly_update_says_hit_missed_and_the_checkpoint_ahead() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("lane.toml"), STEERED).unwrap();
    let out = lane(&dir)
        .args(["report", "week", "--since", "2026-11-16"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let week = String::from_utf8(out).unwrap();
    for line in [
        "- Milestone hit: Spec signed (Tue 2026-11-17)\n",
        "- Milestone missed: Invoice PDF (due Fri 2026-11-20)\n",
        "- Checkpoint: Dunning emails (due Wed 2026-11-25)\n",
    ] {
        assert!(week.contains(line), "{line}\n{week}");
    }
    assert!(!week.contains("Beta to 3"), "{week}");
}
