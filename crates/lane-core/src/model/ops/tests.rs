use super::*;
use crate::model::form::{Ctx, initial_values, save};
use crate::model::test_util::{add, at, day};
use crate::model::{Data, WorkingHours};

fn priorities(n: usize) -> Data {
    let mut data = Data::default();
    for i in 0..n {
        add(&mut data, Kind::Priority, &[("title", &format!("p{i}"))]).unwrap();
    }
    data
}

#[test]
fn closing_a_priority_frees_its_focus_and_stamps_the_day_once() {
    let mut data = priorities(1);
    let today = day("2026-11-23");
    set_focus(&mut data, 1, true, today).unwrap();
    set_status(&mut data.priorities[0], PriorityStatus::Done, today);
    let p = &data.priorities[0];
    assert!(!p.focus);
    assert_eq!(p.closed, Some(today));
    // Done → dropped later keeps the day it closed.
    set_status(
        &mut data.priorities[0],
        PriorityStatus::Dropped,
        day("2026-11-25"),
    );
    assert_eq!(data.priorities[0].closed, Some(today));
    set_status(&mut data.priorities[0], PriorityStatus::Active, today);
    assert_eq!(data.priorities[0].closed, None);
}

#[test]
fn a_priority_closed_in_its_edit_form_counts_as_closed() {
    let mut data = priorities(1);
    let now = at("2026-11-24", "09:00");
    let values = initial_values(&data, Kind::Priority, Some(1), now.date()).with("status", "done");
    let hours = WorkingHours::default();
    let ctx = Ctx {
        now,
        hours: &hours,
        boundaries: &crate::model::triage::Boundaries::default(),
        uid: "x".into(),
    };
    save(&mut data, Kind::Priority, Some(1), &values, ctx).unwrap();
    assert_eq!(data.priorities[0].closed, Some(now.date()));
}

#[test]
fn set_done_is_idempotent_and_refuses_what_has_no_done_state() {
    let mut data = priorities(1);
    let today = day("2026-11-23");
    assert_eq!(
        set_done(&mut data, Kind::Priority, 1, true, today),
        Ok(true)
    );
    assert_eq!(
        set_done(&mut data, Kind::Priority, 1, true, today),
        Ok(false)
    );
    assert_eq!(data.priorities[0].closed, Some(today));
    assert_eq!(
        set_done(&mut data, Kind::Priority, 1, false, today),
        Ok(true)
    );
    assert_eq!(data.priorities[0].closed, None);
    assert!(set_done(&mut data, Kind::Priority, 9, true, today).is_err());
    add(&mut data, Kind::Review, &[("wins", "w")]).unwrap();
    let err = set_done(&mut data, Kind::Review, 1, true, today).unwrap_err();
    assert_eq!(err, "reviews have no done state");
}

#[test]
fn a_fourth_focus_is_refused_with_the_three_in_rank_order() {
    let mut data = priorities(4);
    let today = day("2026-11-23");
    data.priorities[2].impact = crate::model::Level::High;
    for id in 1..=3 {
        assert_eq!(set_focus(&mut data, id, true, today), Ok(true));
    }
    let refused = set_focus(&mut data, 4, true, today).unwrap_err();
    assert_eq!(refused, FocusRefused::Full(vec![3, 1, 2]));
    assert_eq!(
        refused.message(&data),
        "3 priorities are in focus already (3 “p2”, 1 “p0”, 2 “p1”); release one first"
    );
    swap_focus(&mut data, 1, 4, today).unwrap();
    assert_eq!(in_focus(&data, today), vec![3, 2, 4]);
}

#[test]
fn a_closed_priority_cannot_be_in_focus() {
    let mut data = priorities(1);
    let today = day("2026-11-23");
    set_done(&mut data, Kind::Priority, 1, true, today).unwrap();
    let refused = set_focus(&mut data, 1, true, today).unwrap_err();
    assert!(matches!(refused, FocusRefused::Closed(_)));
    assert!(refused.message(&data).contains("reopen it"));
}

#[test]
fn reported_is_set_and_cleared_with_one_wording() {
    let mut data = Data::default();
    let b = Boundaries::default();
    let today = day("2026-11-23");
    add(&mut data, Kind::Decision, &[("situation", "retry policy")]).unwrap();
    add(
        &mut data,
        Kind::Decision,
        &[("situation", "hire"), ("topics", "hiring")],
    )
    .unwrap();
    assert_eq!(
        set_reported(&mut data, 1, true, today, &b),
        Ok("decision 1 marked reported".into())
    );
    assert_eq!(data.decisions[0].reported, Some(today));
    assert_eq!(
        set_reported(&mut data, 1, true, today, &b),
        Ok("decision 1 was reported on 2026-11-23".into())
    );
    assert_eq!(
        set_reported(&mut data, 1, false, today, &b),
        Ok("decision 1 marked not reported yet".into())
    );
    let refused = set_reported(&mut data, 2, true, today, &b).unwrap_err();
    assert!(refused.contains("not a low-risk call made in your lane"));
    assert_eq!(data.decisions[1].reported, None);
}

#[test]
fn ids_at_the_top_of_the_range_are_stepped_over_by_the_next_id() {
    use crate::model::limits::MAX_ID;
    let mut data = priorities(3);
    assert_eq!(data.next_id(Kind::Priority), 4);
    data.priorities[2].id = MAX_ID;
    assert_eq!(
        data.next_id(Kind::Priority),
        3,
        "after the highest below it"
    );
    data.priorities[1].id = MAX_ID - 1;
    assert_eq!(data.next_id(Kind::Priority), 2, "a run at the top too");
    // The archive's highest id still counts when it is below the top.
    data.archived_ids.priorities = 40;
    assert_eq!(data.next_id(Kind::Priority), 41);
    let mut one = priorities(1);
    one.priorities[0].id = MAX_ID;
    assert_eq!(one.next_id(Kind::Priority), 1);
    // What the next id gives is always valid data.
    let id = add(&mut one, Kind::Priority, &[("title", "next")]).unwrap();
    assert_eq!(id, 1);
    assert!(one.problems().is_empty(), "{:?}", one.problems());
}
