//! A conflict is settled from the item itself on a wide screen too: there the
//! details are a pane beside the list and enter edits, except on an item with a
//! conflict, where enter gives the pane the keys that settle it.

use chrono::{NaiveDate, NaiveDateTime};

use crate::action::Action;
use crate::state::{Mode, State};
use crate::update::{Effect, update};
use lane_core::model::merge::Conflict;
use lane_core::model::rules::Rules;
use lane_core::model::{Data, Priority};

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 12, 7)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap()
}

fn conflict(id: u32, field: &str, kept: &str, other: &str) -> Conflict {
    Conflict {
        id,
        uid: format!("C{id}"),
        kind: "priorities".into(),
        item: "P2".into(),
        field: field.into(),
        kept: Some(kept.into()),
        other: Some(other.into()),
        when: now(),
        kept_on: "desktop".into(),
        other_on: "laptop".into(),
        extra: Default::default(),
    }
}

/// Two priorities; the second's title and due date met a different value on
/// the other machine. The screen is wide (the details beside the list).
fn wide_with_conflicts() -> State {
    let mut data = Data::default();
    for (id, title) in [(1, "Ship billing v2"), (2, "Hire a data engineer")] {
        data.priorities.push(Priority {
            id,
            uid: format!("P{id}"),
            title: title.into(),
            ..Default::default()
        });
    }
    data.conflicts.push(conflict(
        1,
        "title",
        "Hire a data engineer",
        "Hire two engineers",
    ));
    data.conflicts
        .push(conflict(2, "measure", "", "offer signed"));
    let mut s = State::new(data, Rules::default(), 7, now());
    let _ = update(
        &mut s,
        Action::Resize {
            rows: 40,
            wide: true,
        },
        now(),
    );
    s
}

#[test]
fn enter_on_an_item_with_a_conflict_opens_the_pane_and_space_keeps_then_o_takes() {
    let mut s = wide_with_conflicts();
    let _ = update(&mut s, Action::Down, now());
    let effects = update(&mut s, Action::Detail, now());
    assert!(matches!(s.mode, Mode::Detail), "{:?}", s.mode);
    assert!(effects.is_empty(), "opening saves nothing: {effects:?}");
    // Space keeps lane's value: the first conflict goes, the pane keeps the keys.
    let effects = update(&mut s, Action::Toggle, now());
    assert!(effects.contains(&Effect::Save), "{effects:?}");
    assert_eq!(s.data().conflicts.len(), 1);
    assert_eq!(s.data().priorities[1].title, "Hire a data engineer");
    assert!(matches!(s.mode, Mode::Detail));
    // o takes the other side's: the last one, and the keys go back to the list.
    let effects = update(&mut s, Action::TakeOther, now());
    assert!(effects.contains(&Effect::Save), "{effects:?}");
    assert!(s.data().conflicts.is_empty());
    assert_eq!(s.data().priorities[1].measure, "offer signed");
    assert!(matches!(s.mode, Mode::Normal), "{:?}", s.mode);
    let said = &s.message.as_ref().unwrap().text;
    assert!(said.ends_with("back to the list"), "{said}");
    // j moves the list again, not the pane.
    let _ = update(&mut s, Action::Up, now());
    assert_eq!(s.selected_id(), Some(1));
}

#[test]
fn enter_on_an_item_without_a_conflict_still_edits_when_wide() {
    let mut s = wide_with_conflicts();
    let _ = update(&mut s, Action::Detail, now());
    assert!(matches!(s.mode, Mode::Form(_)), "{:?}", s.mode);
}

#[test]
fn in_the_pane_e_edits_and_esc_gives_the_keys_back_with_nothing_settled() {
    let mut s = wide_with_conflicts();
    let _ = update(&mut s, Action::Down, now());
    let _ = update(&mut s, Action::Detail, now());
    let _ = update(&mut s, Action::Close, now());
    assert!(matches!(s.mode, Mode::Normal));
    assert_eq!(s.data().conflicts.len(), 2);
    let _ = update(&mut s, Action::Detail, now());
    let _ = update(&mut s, Action::Edit, now());
    assert!(matches!(s.mode, Mode::Form(_)), "{:?}", s.mode);
    assert_eq!(s.data().conflicts.len(), 2);
}

#[test]
fn help_opens_from_the_details() {
    let mut s = wide_with_conflicts();
    let _ = update(&mut s, Action::Down, now());
    let _ = update(&mut s, Action::Detail, now());
    let _ = update(&mut s, Action::Help, now());
    assert!(matches!(s.mode, Mode::Help), "{:?}", s.mode);
}
