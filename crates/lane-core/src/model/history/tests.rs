use super::*;
use crate::model::Kind;
use crate::model::ops::{delete, set_done};
use crate::model::test_util::{add, at, monday};

fn three() -> Data {
    let mut data = Data::default();
    for title in ["Ship billing", "Hire", "Roadmap"] {
        put(&mut data, title);
    }
    data
}

/// A priority with a uid of its own (the test builder gives every item "U").
fn put(data: &mut Data, title: &str) {
    add(data, Kind::Priority, &[("title", title)]).unwrap();
    let last = data.priorities.len() - 1;
    data.priorities[last].uid = format!("uid-{title}");
}

fn titles(data: &Data) -> Vec<&str> {
    data.priorities.iter().map(|p| p.title.as_str()).collect()
}

fn uid() -> impl FnMut() -> String {
    let mut n = 0;
    move || {
        n += 1;
        format!("u{n}")
    }
}

#[test]
fn nothing_changed_is_no_change() {
    let data = three();
    assert_eq!(Change::of("x", &data, &data), None);
}

#[test]
fn undo_takes_back_the_change_and_keeps_what_others_saved_since() {
    let before = three();
    let mut after = before.clone();
    set_done(&mut after, Kind::Priority, 1, true, monday().date()).unwrap();
    let change = Change::of("priority 1 done", &before, &after).unwrap();
    // Someone else renames priority 3 after the change.
    let mut now = after.clone();
    now.priorities[2].title = "Roadmap v2".into();
    let undone = change
        .apply(Step::Undo, &now, monday(), &mut uid())
        .unwrap();
    assert_eq!(undone.priorities[0].status, before.priorities[0].status);
    assert_eq!(titles(&undone), ["Ship billing", "Hire", "Roadmap v2"]);
    let redone = change
        .apply(Step::Redo, &undone, monday(), &mut uid())
        .unwrap();
    assert_eq!(redone, now);
}

#[test]
fn a_deleted_item_comes_back_where_it_was() {
    let before = three();
    let mut after = before.clone();
    delete(&mut after, Kind::Priority, 2).unwrap();
    let change = Change::of("deleted", &before, &after).unwrap();
    let undone = change
        .apply(Step::Undo, &after, monday(), &mut uid())
        .unwrap();
    assert_eq!(undone, before);
}

#[test]
fn a_reorder_is_taken_back() {
    let before = three();
    let mut after = before.clone();
    after.priorities.swap(0, 1);
    let change = Change::of("moved", &before, &after).unwrap();
    let undone = change
        .apply(Step::Undo, &after, monday(), &mut uid())
        .unwrap();
    assert_eq!(titles(&undone), titles(&before));
    let redone = change
        .apply(Step::Redo, &undone, monday(), &mut uid())
        .unwrap();
    assert_eq!(titles(&redone), titles(&after));
}

#[test]
fn the_history_steps_back_and_forth_and_a_new_change_ends_redo() {
    let mut history = History::default();
    let d0 = three();
    let mut d1 = d0.clone();
    set_done(&mut d1, Kind::Priority, 1, true, monday().date()).unwrap();
    history.record(Change::of("one", &d0, &d1).unwrap());
    let mut d2 = d1.clone();
    put(&mut d2, "Fourth");
    history.record(Change::of("two", &d1, &d2).unwrap());
    let (what, back) = history
        .step(Step::Undo, &d2, at("2026-11-23", "10:00"), &mut uid())
        .unwrap()
        .unwrap();
    assert_eq!((what.as_str(), &back), ("two", &d1));
    let (what, back) = history
        .step(Step::Undo, &back, monday(), &mut uid())
        .unwrap()
        .unwrap();
    assert_eq!((what.as_str(), &back), ("one", &d0));
    assert!(
        history
            .step(Step::Undo, &back, monday(), &mut uid())
            .is_none()
    );
    let (_, forth) = history
        .step(Step::Redo, &back, monday(), &mut uid())
        .unwrap()
        .unwrap();
    assert_eq!(forth, d1);
    history.record(Change::of("three", &forth, &d0).unwrap());
    assert!(history.redo.is_empty());
}

#[test]
fn the_history_keeps_its_depth() {
    let mut history = History::default();
    let d0 = three();
    let mut d1 = d0.clone();
    d1.priorities[0].title = "x".into();
    for _ in 0..DEPTH + 5 {
        history.record(Change::of("x", &d0, &d1).unwrap());
    }
    assert_eq!(history.undo.len(), DEPTH);
}

#[test]
fn a_step_nobody_touched_since_is_a_swap_and_anything_else_is_merged() {
    let before = three();
    let mut after = before.clone();
    set_done(&mut after, Kind::Priority, 2, true, monday().date()).unwrap();
    delete(&mut after, Kind::Priority, 3).unwrap();
    let change = Change::of("done and deleted", &before, &after).unwrap();
    // Right after the change: each touched item swapped where it stands.
    let swapped = swapped(&change, &after, &change.after, &change.before).unwrap();
    let mut back = swapped.clone();
    change.put_in_place(Step::Undo, &mut back);
    assert_eq!(back, before);
    // The done item changed since: the merge decides (and keeps both).
    let mut since = after.clone();
    since.priorities[1].title = "Hire two".into();
    assert!(swapped_none(&change, &since));
    // The deleted item made again since (its uid taken): merged.
    let mut again = after.clone();
    again.priorities.push(before.priorities[2].clone());
    assert!(swapped_none(&change, &again));
}

fn swapped_none(change: &Change, now: &Data) -> bool {
    swapped(change, now, &change.after, &change.before).is_none()
}
