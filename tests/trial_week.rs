//! What repeating the first-week trial by hand (two panes, a calendar, a second
//! machine) found, each pinned by a test that failed before its fix.

use crate::harness::Harness;

/// A day planned to the end on a 120×35 screen: one outcome in focus, one
/// block placed.
fn planned_day() -> Harness {
    let mut h = Harness::new(120, 35);
    h.keys("aShip billing v2<tab>Customers can pay by invoice<enter>f");
    h.keys("p<enter><enter><space><enter><enter>");
    assert!(h.state.pass.is_none(), "the plan finished");
    let plan = h.state.data().reviews[0].plan.clone().unwrap();
    assert!(plan.done, "{plan:?}");
    h
}

/// Looking writes nothing: opening a finished plan again and leaving it (esc on
/// its first step, or q) stores nothing — before, it rewrote the plan's step
/// to 0 ("left the plan"), a change in the history that `u` would then undo.
#[test]
fn opening_a_finished_plan_and_leaving_it_changes_nothing() {
    for leave in ["<esc>", "q"] {
        let mut h = planned_day();
        let before = h.state.data().clone();
        let saves = h.io.saves;
        h.keys("p");
        assert!(h.state.pass.is_some(), "the plan opened");
        h.keys(leave);
        assert!(h.state.pass.is_none(), "{leave} left the plan");
        assert_eq!(*h.state.data(), before, "{leave}");
        assert_eq!(h.io.saves, saves, "{leave}");
    }
}

/// The review's progress step shows a note written during the day (U) under
/// its outcome, not "no change" — the screen agrees with the update log and
/// the review report.
#[test]
fn the_reviews_progress_step_shows_the_days_notes_not_no_change() {
    let mut h = Harness::new(120, 35);
    h.keys("aShip billing v2<enter>f");
    h.keys("aHire a data engineer<enter>f");
    h.keys("gUSourcer shortlisted 4 candidates<enter>");
    let noted = h
        .state
        .data()
        .priorities
        .iter()
        .find(|p| !p.updates.is_empty())
        .unwrap();
    let (noted_id, title) = (noted.id, noted.title.clone());
    h.keys("v<enter>");
    // The cursor's line is an input: put it on the other outcome.
    let pass = h.state.pass.as_ref().unwrap();
    if pass.notes[pass.cursor].0 == noted_id {
        h.keys("<tab>");
    }
    let screen = h.screen();
    let lines: Vec<&str> = screen.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains(&title) && !l.contains("Focus"))
        .unwrap();
    assert!(
        lines[at + 1].contains("noted today: Sourcer shortlisted 4 candidates"),
        "{screen}"
    );
    assert!(!lines[at + 2].contains("no change"), "{screen}");
}

/// The review's close counts the outcomes that moved as the review report
/// lists them: a note written during the day counts (it said 1 for 2 before).
#[test]
fn the_reviews_close_counts_every_outcome_that_moved() {
    let mut h = Harness::new(120, 35);
    h.keys("aShip billing v2<enter>f");
    h.keys("aHire a data engineer<enter>f");
    h.keys("gUSourcer shortlisted 4 candidates<enter>");
    let noted = h
        .state
        .data()
        .priorities
        .iter()
        .find(|p| !p.updates.is_empty())
        .unwrap()
        .id;
    h.keys("v<enter>");
    // A line for the other outcome, typed in the review.
    let pass = h.state.pass.as_ref().unwrap();
    if pass.notes[pass.cursor].0 == noted {
        h.keys("<tab>");
    }
    h.keys("invoices PDF design done<enter>");
    while !h.screen().contains("Enter closes the day") {
        h.keys("<enter>");
    }
    let screen = h.screen();
    assert!(screen.contains("outcomes moved: 2."), "{screen}");
}
