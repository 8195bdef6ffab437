//! An outcome's milestones and key results as a list of their own (s), a
//! quarter's 4th strategic outcome asking which to release (S), and the
//! Priorities tab in sections by quarter (Q): real keys, drawn.

use crate::harness::{Harness, now};
use lane::state::Mode;

const QUARTER: &str = r#"version = 1

[[priorities]]
id = 1
uid = "01KAQ3Z8X9M2V7C4T6N1B5R0P1"
title = "Ship billing v2"
due = "2026-12-18"
impact = "high"
urgency = "medium"
status = "active"
strategic = true
agreed_with = "Dana"

[[priorities.milestones]]
id = 1
uid = "M1"
title = "Spec signed"
due = "2026-11-13"
done = "2026-11-12"

[[priorities.milestones]]
id = 2
uid = "M2"
title = "Invoice PDF"
due = "2026-11-20"

[[priorities.key_results]]
id = 1
uid = "K1"
name = "p95 latency"
unit = "ms"
baseline = 400.0
target = 200.0

[[priorities.key_results.readings]]
date = "2026-11-16"
value = 330.0

[[priorities]]
id = 2
uid = "01KAQ3Z8X9M2V7C4T6N1B5R0P2"
title = "Cut cloud spend"
due = "2026-12-11"
impact = "medium"
urgency = "medium"
status = "active"
strategic = true

[[priorities]]
id = 3
uid = "01KAQ3Z8X9M2V7C4T6N1B5R0P3"
title = "Onboarding revamp"
due = "2026-12-30"
impact = "medium"
urgency = "low"
status = "active"
strategic = true

[[priorities]]
id = 4
uid = "01KAQ3Z8X9M2V7C4T6N1B5R0P4"
title = "Hire a data engineer"
due = "2026-12-04"
impact = "high"
urgency = "low"
status = "active"

[[priorities]]
id = 5
uid = "01KAQ3Z8X9M2V7C4T6N1B5R0P5"
title = "Migrate to Postgres 17"
due = "2027-02-12"
impact = "low"
urgency = "low"
status = "active"

[[priorities]]
id = 6
uid = "01KAQ3Z8X9M2V7C4T6N1B5R0P6"
title = "Write the on-call guide"
impact = "low"
urgency = "low"
status = "active"
"#;

fn harness(width: u16, height: u16) -> Harness {
    Harness::from_toml(QUARTER, width, height, crate::harness::rules())
}

fn message(h: &Harness) -> String {
    h.state
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

fn strategic(h: &Harness) -> Vec<u32> {
    let mut ids: Vec<u32> = h
        .state
        .data()
        .priorities
        .iter()
        .filter(|p| p.strategic)
        .map(|p| p.id)
        .collect();
    ids.sort_unstable();
    ids
}

/// The row of the list showing this title.
fn select(h: &mut Harness, title: &str) {
    h.keys("g");
    for _ in 0..10 {
        let at = h.state.selected_index().unwrap();
        if h.state.data().priorities[at].title == title {
            return;
        }
        h.keys("j");
    }
    panic!("{title} is not in the list");
}

#[test]
fn a_fourth_strategic_outcome_asks_which_to_release() {
    for (w, hgt) in [(80, 24), (200, 50)] {
        let mut h = harness(w, hgt);
        select(&mut h, "Hire a data engineer");
        h.keys("S");
        assert!(
            matches!(h.state.mode, Mode::ChooseFocus(_)),
            "{}",
            message(&h)
        );
        let screen = h.screen();
        assert!(
            screen.contains("2026-Q4 has 3 strategic outcomes already"),
            "{screen}"
        );
        insta::assert_snapshot!(format!("strategic_choice_{w}x{hgt}"), screen);
        // Esc leaves everything as it was.
        let before = h.state.data().clone();
        h.keys("<esc>");
        assert_eq!(*h.state.data(), before);
        assert_eq!(message(&h), "strategic outcomes unchanged");
        assert_eq!(strategic(&h), vec![1, 2, 3]);
    }
    // Picking one (the second, by digit) releases it and makes the new one strategic.
    let mut h = harness(80, 24);
    select(&mut h, "Hire a data engineer");
    h.keys("S2");
    assert_eq!(strategic(&h), vec![1, 3, 4]);
    assert_eq!(
        message(&h),
        "released “Cut cloud spend” from 2026-Q4's strategic outcomes"
    );
    assert_eq!(h.io.saves, 1);
    // One undo takes back both halves.
    h.keys("u");
    assert_eq!(strategic(&h), vec![1, 2, 3]);
    // Another quarter has room; S again takes it off.
    select(&mut h, "Migrate to Postgres 17");
    h.keys("S");
    assert_eq!(
        message(&h),
        "“Migrate to Postgres 17” is strategic for 2027-Q1"
    );
    h.keys("S");
    assert_eq!(
        message(&h),
        "“Migrate to Postgres 17” is no longer strategic"
    );
}

#[test]
fn the_list_groups_by_quarter_with_the_strategic_count() {
    for (w, hgt) in [(80, 24), (200, 50)] {
        let mut h = harness(w, hgt);
        h.keys("Q");
        let screen = h.screen();
        assert!(screen.contains("2026-Q4 · strategic 3/3"), "{screen}");
        assert!(screen.contains("2027-Q1 · strategic 0/3"), "{screen}");
        assert!(screen.contains("no quarter"), "{screen}");
        assert!(screen.contains("★ Ship billing v2"), "{screen}");
        insta::assert_snapshot!(format!("quarters_{w}x{hgt}"), screen);
        // The cursor walks the outcomes, never a heading, and the last is in view.
        h.keys("G");
        let at = h.state.selected_index().unwrap();
        assert_eq!(
            h.state.data().priorities[at].title,
            "Write the on-call guide"
        );
        assert!(h.screen().contains("Write the on-call guide"));
        h.keys("Q");
        assert!(!h.screen().contains("no quarter"), "Q again: one list");
    }
}

#[test]
fn the_steps_list_adds_edits_deletes_and_marks_done() {
    let mut h = harness(80, 24);
    select(&mut h, "Ship billing v2");
    h.keys("s");
    let screen = h.screen();
    assert!(screen.contains("Milestones  1/2 done"), "{screen}");
    assert!(screen.contains("400 → 330 ms → 200 ms  35%"), "{screen}");
    insta::assert_snapshot!("steps_80x24", screen);
    // a: a milestone; the cursor lands on it (dated, so after the two).
    h.keys("aBeta to 3 customers<tab>2026-12-04<enter>");
    let p = h.state.data().priorities[0].clone();
    assert_eq!(p.milestones.len(), 3, "{}", message(&h));
    assert!(h.state.steps.is_some(), "back in the list after the form");
    assert_eq!(h.state.steps.as_ref().unwrap().cursor, 2);
    // e: edit it — a note, another date.
    h.keys("e<tab><c-u>2026-12-02<tab>three friendly customers<enter>");
    let m = &h.state.data().priorities[0].milestones[2];
    assert_eq!(m.due, chrono::NaiveDate::from_ymd_opt(2026, 12, 2));
    assert_eq!(m.note, "three friendly customers");
    // space: done, and open again.
    h.keys("<space>");
    assert_eq!(
        h.state.data().priorities[0].milestones[2].done,
        Some(now().date())
    );
    h.keys("x");
    assert_eq!(h.state.data().priorities[0].milestones[2].done, None);
    // K: a key result, under lane add kr's rules (a bad number keeps the form open).
    h.keys("Kinvoices paid<tab><tab>zero<tab>50<enter>");
    assert!(matches!(h.state.mode, Mode::Form(_)), "baseline refused");
    h.keys("<c-u>0<enter>");
    let krs = &h.state.data().priorities[0].key_results;
    assert_eq!(krs.len(), 2, "{}", message(&h));
    assert_eq!((krs[1].baseline, krs[1].target), (0.0, 50.0));
    // e on a key result: its name and target; the readings stay.
    h.keys("k");
    h.keys("e<c-u>p95<tab><tab><tab><c-u>250<enter>");
    let k = &h.state.data().priorities[0].key_results[0];
    assert_eq!(
        (k.name.as_str(), k.target, k.readings.len()),
        ("p95", 250.0, 1)
    );
    // d deletes at once; u brings it back.
    h.keys("d");
    assert_eq!(h.state.data().priorities[0].key_results.len(), 1);
    assert!(
        message(&h).contains("deleted — u brings it back"),
        "{}",
        message(&h)
    );
    h.keys("u");
    assert_eq!(h.state.data().priorities[0].key_results.len(), 2);
    // Esc closes the list; the detail shows what changed.
    h.keys("<esc>");
    assert!(h.state.steps.is_none());
    h.keys("<enter>");
    let screen = h.screen();
    assert!(screen.contains("Beta to 3 customers"), "{screen}");
}

#[test]
fn the_steps_list_at_200x50_and_from_the_details() {
    let mut h = harness(200, 50);
    select(&mut h, "Ship billing v2");
    h.keys("s");
    insta::assert_snapshot!("steps_200x50", h.screen());
    h.keys("<esc>");
    // From the details overlay at 80 columns too.
    let mut h = harness(80, 24);
    select(&mut h, "Hire a data engineer");
    h.keys("<enter>s");
    assert!(h.state.steps.is_some());
    let screen = h.screen();
    assert!(
        screen.contains("No milestones or key results yet"),
        "{screen}"
    );
    // Nothing to edit or delete in an empty list: said, nothing changed.
    h.keys("d");
    assert!(
        message(&h).contains("a adds a milestone"),
        "{}",
        message(&h)
    );
    assert_eq!(h.io.saves, 0);
}

#[test]
fn help_lists_the_new_keys() {
    let mut h = harness(200, 50);
    h.keys("?");
    let screen = h.screen();
    for text in [
        "milestones & key results",
        "strategic this quarter",
        "sections by quarter",
        "add a key result",
    ] {
        assert!(screen.contains(text), "{text}: {screen}");
    }
    // Inside the list, ? shows the list's keys.
    h.keys("<esc>s?");
    let screen = h.screen();
    assert!(screen.contains("milestone done / open again"), "{screen}");
    h.keys("<esc>");
    assert!(h.state.steps.is_some(), "help closes back onto the list");
}
