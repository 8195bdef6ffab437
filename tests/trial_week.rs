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
