//! The Priorities tab on screen: the ranked list with focus, silence and
//! overdue, the detail, a fourth focus, update notes, rank or own order, and
//! closing one in its edit form.

use crate::harness::{Harness, now};
use lane::model::rules::Rules;
use lane::state::State;

/// Eight priorities as they would look after a few weeks: three in focus, one
/// silent, one overdue, one paused, one done, one dropped.
const EIGHT: &str = r#"version = 1

[[priorities]]
id = 1
title = "Ship billing v2"
outcome = "Customers can pay by invoice"
measure = "errors < 0.1% over a week"
due = "2026-11-25"
impact = "high"
urgency = "medium"
focus = true
progress = 60
created = "2026-11-02"

[[priorities.updates]]
date = "2026-11-16"
note = "invoice PDF done"

[[priorities.updates]]
date = "2026-11-20"
note = "spec reviewed with finance"

[[priorities]]
id = 2
title = "Hire a data engineer"
outcome = "Offer signed"
due = "2026-12-15"
impact = "high"
urgency = "low"
focus = true
created = "2026-11-03"

[[priorities]]
id = 3
title = "Migrate CI to the new runners"
outcome = "All pipelines on the new runners"
due = "2026-11-18"
impact = "medium"
urgency = "medium"
created = "2026-11-01"

[[priorities.updates]]
date = "2026-11-20"
note = "two pipelines left"

[[priorities]]
id = 4
title = "Quarterly roadmap draft"
due = "2026-12-07"
impact = "medium"
urgency = "medium"
focus = true
created = "2026-11-19"

[[priorities]]
id = 5
title = "Clean up flaky tests"
impact = "low"
urgency = "medium"
created = "2026-11-23"

[[priorities]]
id = 6
title = "Write the on-call runbook"
impact = "medium"
urgency = "low"
status = "paused"
created = "2026-10-01"

[[priorities]]
id = 7
title = "Launch status page"
impact = "high"
urgency = "high"
status = "done"
created = "2026-10-01"

[[priorities]]
id = 8
title = "Evaluate vendor X"
impact = "low"
urgency = "low"
status = "dropped"
created = "2026-10-10"
"#;

fn eight(width: u16, height: u16) -> Harness {
    let mut h = Harness::new(width, height);
    let data = lane::store::parse(std::path::Path::new("lane.toml"), EIGHT.as_bytes()).unwrap();
    h.state = State::new(data, crate::harness::rules(), 1, now());
    h.resize(width, height);
    h
}

#[test]
fn priorities_ranked_with_focus_silent_and_overdue() {
    for (w, hgt) in [(80, 24), (120, 35), (200, 50)] {
        let mut h = eight(w, hgt);
        insta::assert_snapshot!(format!("priorities_{w}x{hgt}"), h.screen());
    }
    let mut h = eight(120, 35);
    h.keys("c");
    insta::assert_snapshot!("priorities_with_closed_120x35", h.screen());
}

#[test]
fn the_detail_opens_with_enter_on_a_narrow_terminal() {
    let mut h = eight(80, 24);
    h.keys("<enter>");
    let screen = h.screen();
    assert!(
        screen.contains("Rank      9 — high impact · due in 2 days"),
        "{screen}"
    );
    assert!(screen.contains("spec reviewed with finance"));
    insta::assert_snapshot!(screen);
    h.keys("<esc>");
    assert!(!h.screen().contains("Updates, newest first"));
}

#[test]
fn a_fourth_focus_asks_which_to_release() {
    let mut h = eight(80, 24);
    // Row 4 in rank order is "Clean up flaky tests" (not in focus).
    h.keys("gjjjj");
    assert_eq!(h.state.selected_id(), Some(5));
    h.keys("f");
    insta::assert_snapshot!(h.screen());
    h.keys("<esc>");
    assert_eq!(h.io.saves, 0, "esc keeps focus as it was");
    h.keys("f2");
    let focus: Vec<u32> = h
        .state
        .data()
        .priorities
        .iter()
        .filter(|p| p.focus)
        .map(|p| p.id)
        .collect();
    assert_eq!(focus, vec![1, 2, 5], "released the second in rank order");
    assert!(
        h.screen()
            .contains("released “Quarterly roadmap draft” from focus")
    );
}

#[test]
fn an_update_note_resets_silence() {
    let mut h = eight(120, 35);
    h.keys("/CI<enter>");
    assert_eq!(h.state.view().len(), 1);
    h.keys("Utwo pipelines migrated, one left<enter>");
    let screen = h.screen();
    assert!(screen.contains("update added to priority 3"), "{screen}");
    // The note wraps in the detail under itself, not under the date.
    assert!(
        screen.contains("2026-11-23 two pipelines migrated, one"),
        "{screen}"
    );
    assert!(!h.state.data().priorities[2].updates.is_empty());
    insta::assert_snapshot!(screen);
    // Hire has been silent for weeks; a word about it clears the flag.
    assert!(screen.contains("6 priorities (1 silent)"));
    h.keys("/<c-u>Hire<enter>Uagency briefed, first interviews Thursday<enter>/<esc>");
    let screen = h.screen();
    assert!(screen.contains("6 priorities ·"), "{screen}");
    assert!(!screen.contains("silent"), "{screen}");
}

#[test]
fn rank_toggle_and_own_order() {
    let mut h = eight(80, 24);
    let titles = |h: &Harness| -> Vec<u32> {
        h.state
            .view()
            .iter()
            .map(|&i| h.state.data().priorities[i].id)
            .collect()
    };
    assert_eq!(titles(&h), vec![1, 3, 4, 2, 5, 6]);
    h.keys("gJ");
    assert!(h.screen().contains("J/K only reorder equal ranks"));
    h.keys("r");
    assert_eq!(titles(&h), vec![1, 2, 3, 4, 5, 6]);
    h.keys("gJ");
    assert_eq!(titles(&h), vec![2, 1, 3, 4, 5, 6]);
}

/// Closing a priority by editing its status is closing it: the day is stamped and
/// the weekly update reports it done (the edit form once skipped the stamp).
#[test]
fn a_priority_closed_in_its_edit_form_counts_as_completed_in_the_weekly_update() {
    use lane::report::{Period, ReportKind, Source, markdown};
    let mut h = Harness::new(120, 35);
    h.keys("aShip billing v2<enter>");
    h.keys("e<tab><tab><tab><tab><tab><tab><tab>done<enter>");
    let p = &h.state.data().priorities[0];
    assert_eq!(p.closed, Some(now().date()));
    let src = Source {
        data: h.state.data(),
        rules: &Rules::default(),
        period: Period {
            since: now().date(),
            until: now().date(),
        },
        now: now(),
    };
    let week = markdown(ReportKind::Week, &src);
    assert!(
        week.contains("Ship billing v2") && week.contains("**done**"),
        "{week}"
    );
}
