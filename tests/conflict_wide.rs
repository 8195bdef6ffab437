//! A conflict is settled from the item itself at any width (issue 30, item
//! 12): wide, the details are a pane beside the list and enter edits — except
//! on an item with a conflict, where enter gives the pane the keys that settle
//! it (space keeps lane's value, o takes the other side's, e edits); narrow,
//! enter opens the same details over the list.

use crate::common::now;
use crate::harness::Harness;

/// Two priorities; the second's title met another title on the other machine.
fn with_a_conflict(width: u16, height: u16) -> Harness {
    let mut h = Harness::new(width, height);
    h.keys("aShip billing v2<enter>aHire a data engineer<enter>");
    let base = h.state.data().clone();
    let (mut mine, mut theirs) = (base.clone(), base.clone());
    mine.priorities[1].title = "Hire a data engineer now".into();
    theirs.priorities[1].title = "Hire two engineers".into();
    let mut uid = || "C1".to_string();
    let merged = lane::model::merge::merge(&base, &mine, &theirs, now(), &mut uid).unwrap();
    h.change_data(|d| *d = merged.data);
    h.io.saves = 0;
    h
}

/// The list's cursor on the priority titled `title`, moved there with j/k.
fn cursor_to(h: &mut Harness, title: &str) {
    h.keys("g");
    for _ in 0..h.state.view().len() {
        let on = h
            .state
            .selected_index()
            .map(|i| h.state.data().priorities[i].title.clone());
        if on.as_deref() == Some(title) {
            return;
        }
        h.keys("j");
    }
    panic!("no priority {title}");
}

#[test]
fn wide_the_pane_says_how_and_enter_then_o_takes_the_other_side() {
    let mut h = with_a_conflict(200, 50);
    cursor_to(&mut h, "Hire a data engineer now");
    let screen = h.screen();
    assert!(
        screen.contains("enter settles it here: then space keeps lane's value"),
        "{screen}"
    );
    insta::assert_snapshot!("conflict_wide_list_200x50", screen);
    h.keys("<enter>");
    let screen = h.screen();
    assert!(
        screen.contains("space keeps lane's value, o takes the other's"),
        "{screen}"
    );
    assert!(
        !screen.contains("Edit priority"),
        "enter did not edit: {screen}"
    );
    insta::assert_snapshot!("conflict_wide_pane_200x50", screen);
    assert_eq!(h.io.saves, 0, "opening the pane writes nothing");
    h.keys("o");
    assert!(h.state.data().conflicts.is_empty());
    let titles: Vec<&str> = h
        .state
        .data()
        .priorities
        .iter()
        .map(|p| p.title.as_str())
        .collect();
    assert!(titles.contains(&"Hire two engineers"), "{titles:?}");
    assert_eq!(h.io.saves, 1, "saved at once");
    let screen = h.screen();
    assert!(
        screen.contains("title is now “Hire two engineers” (the other side's) — back to the list"),
        "{screen}"
    );
    insta::assert_snapshot!("conflict_wide_taken_200x50", screen);
    // The keys are the list's again: k moves the cursor up.
    h.keys("k");
    assert_eq!(h.state.selected_id(), Some(1));
}

#[test]
fn wide_space_in_the_pane_keeps_lanes_value() {
    let mut h = with_a_conflict(200, 50);
    cursor_to(&mut h, "Hire a data engineer now");
    h.keys("<enter><space>");
    assert!(h.state.data().conflicts.is_empty());
    let titles: Vec<&str> = h
        .state
        .data()
        .priorities
        .iter()
        .map(|p| p.title.as_str())
        .collect();
    assert!(titles.contains(&"Hire a data engineer now"), "{titles:?}");
    assert!(!titles.contains(&"Hire two engineers"), "{titles:?}");
    assert_eq!(h.io.saves, 1);
    // Nothing left to settle: enter edits again.
    h.keys("<enter>");
    assert!(h.screen().contains("Edit priority"));
}

#[test]
fn wide_e_in_the_pane_edits_the_item() {
    let mut h = with_a_conflict(200, 50);
    cursor_to(&mut h, "Hire a data engineer now");
    h.keys("<enter>e");
    let screen = h.screen();
    assert!(screen.contains("Edit priority"), "{screen}");
    assert_eq!(
        h.state.data().conflicts.len(),
        1,
        "edit settles nothing by itself"
    );
}

#[test]
fn narrow_enter_opens_the_details_with_the_same_keys() {
    let mut h = with_a_conflict(80, 24);
    cursor_to(&mut h, "Hire a data engineer now");
    h.keys("<enter>");
    let screen = h.screen();
    assert!(
        screen.contains("space keeps lane's value, o takes the other's"),
        "{screen}"
    );
    insta::assert_snapshot!("conflict_narrow_details_80x24", screen);
    h.keys("<space>");
    assert!(h.state.data().conflicts.is_empty());
    assert_eq!(h.io.saves, 1);
}

/// The help overlay lists the details' keys, settling a conflict among them,
/// and opens from the details themselves.
#[test]
fn help_lists_the_keys_that_settle_a_conflict() {
    let mut h = with_a_conflict(200, 50);
    cursor_to(&mut h, "Hire a data engineer now");
    h.keys("<enter>?");
    let screen = h.screen();
    assert!(screen.contains("Details (enter)"), "{screen}");
    assert!(
        screen.contains("a conflict: keep the value lane kept"),
        "{screen}"
    );
    assert!(
        screen.contains("a conflict: take the other side's value"),
        "{screen}"
    );
    insta::assert_snapshot!("conflict_help_200x50", screen);
}
