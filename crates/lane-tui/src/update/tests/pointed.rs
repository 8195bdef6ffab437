//! A key never lands on an item the user did not pick: when another writer's
//! change, taken in just before the key, moved the item under the cursor, the
//! key changes nothing and says what changed.

use chrono::{NaiveDate, NaiveDateTime};

use crate::action::Action;
use crate::state::{Mode, State};
use crate::update::{Msg, TakenIn, update};
use lane_core::model::rules::Rules;
use lane_core::model::{Data, Priority};

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 12, 7)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap()
}

fn three() -> Data {
    let mut data = Data::default();
    for (id, title) in [
        (1, "Ship billing v2"),
        (2, "Hire a data engineer"),
        (3, "Q1 roadmap draft"),
    ] {
        data.priorities.push(Priority {
            id,
            uid: format!("P{id}"),
            title: title.into(),
            ..Default::default()
        });
    }
    data
}

/// The app on the three, cursor on "Hire a data engineer".
fn on_the_second() -> State {
    let mut s = State::new(three(), Rules::default(), 7, now());
    let _ = update(&mut s, Action::Down, now());
    assert_eq!(s.selected_id(), Some(2));
    s
}

fn outside(s: &mut State, change: impl FnOnce(&mut Data)) {
    let mut data = s.data().clone();
    change(&mut data);
    let _ = update(s, Msg::FileChanged(Ok(data), TakenIn::BeforeKey), now());
}

fn closed(s: &State) -> Vec<u32> {
    s.data()
        .priorities
        .iter()
        .filter(|p| p.status.is_closed())
        .map(|p| p.id)
        .collect()
}

#[test]
fn space_after_the_item_was_deleted_elsewhere_closes_nothing() {
    let mut s = on_the_second();
    outside(&mut s, |d| d.priorities.retain(|p| p.id != 2));
    let effects = update(&mut s, Action::ToggleDone, now());
    assert!(effects.is_empty(), "{effects:?}");
    assert!(closed(&s).is_empty());
    let said = s.message.as_ref().unwrap();
    assert!(said.error);
    assert!(
        said.text
            .contains("priority 2 “Hire a data engineer” was deleted elsewhere"),
        "{}",
        said.text
    );
    // The user has now seen the list as it is: the next space acts.
    let _ = update(&mut s, Action::ToggleDone, now());
    assert_eq!(closed(&s), [3]);
}

#[test]
fn renamed_closed_or_renumbered_elsewhere_is_said_and_nothing_done() {
    for (change, words) in [
        (
            (|d: &mut Data| d.priorities[1].title = "Hire two".into()) as fn(&mut Data),
            "was renamed “Hire two” elsewhere",
        ),
        (
            |d: &mut Data| d.priorities[1].status = lane_core::model::PriorityStatus::Done,
            "was closed elsewhere",
        ),
        (|d: &mut Data| d.priorities[1].id = 9, "is now priority 9"),
    ] {
        let mut s = on_the_second();
        let before = s.data().clone();
        outside(&mut s, change);
        let taken_in = s.data().clone();
        assert_ne!(taken_in, before);
        let _ = update(&mut s, Action::ToggleDone, now());
        assert_eq!(s.data(), &taken_in, "{words}");
        assert!(s.message.as_ref().unwrap().text.contains(words));
    }
}

#[test]
fn a_form_or_the_details_do_not_open_on_another_item() {
    for key in [Action::Edit, Action::Detail] {
        let mut s = on_the_second();
        outside(&mut s, |d| d.priorities.retain(|p| p.id != 2));
        let _ = update(&mut s, key, now());
        assert!(matches!(s.mode, Mode::Normal), "{key:?}");
    }
}

/// A change the watch brought in as it happened was drawn before the key: the
/// key acts on what the user saw.
#[test]
fn a_change_taken_in_as_it_happened_lets_the_next_key_act() {
    let mut s = on_the_second();
    let mut data = s.data().clone();
    data.priorities.retain(|p| p.id != 2);
    let _ = update(
        &mut s,
        Msg::FileChanged(Ok(data), TakenIn::AsItHappened),
        now(),
    );
    let _ = update(&mut s, Action::ToggleDone, now());
    assert_eq!(closed(&s), [3]);
}

#[test]
fn a_change_elsewhere_to_other_items_lets_the_key_act() {
    let mut s = on_the_second();
    outside(&mut s, |d| d.priorities[0].title = "Ship billing v3".into());
    let _ = update(&mut s, Action::ToggleDone, now());
    assert_eq!(closed(&s), [2]);
}

#[test]
fn a_move_key_after_the_change_is_not_refused_and_clears_the_word() {
    let mut s = on_the_second();
    outside(&mut s, |d| d.priorities.retain(|p| p.id != 2));
    let _ = update(&mut s, Action::Up, now());
    assert_eq!(s.selected_id(), Some(1));
    let _ = update(&mut s, Action::ToggleDone, now());
    assert_eq!(closed(&s), [1]);
}

/// Taken in as it happened (the app idle), a change that deleted the item
/// under the cursor is named on the message line with where the cursor is
/// now — not a bare "reloaded", which left the next space to land on the item
/// that moved into the row unnoticed (found in the tmux trial).
#[test]
fn an_idle_reload_names_what_happened_to_the_item_under_the_cursor() {
    let mut s = on_the_second();
    let mut data = s.data().clone();
    data.priorities.retain(|p| p.id != 2);
    let _ = update(
        &mut s,
        Msg::FileChanged(Ok(data), TakenIn::AsItHappened),
        now(),
    );
    let said = &s.message.as_ref().unwrap().text;
    assert_eq!(
        said,
        "priority 2 “Hire a data engineer” was deleted elsewhere — the cursor is on priority 3 “Q1 roadmap draft” now"
    );
    // A change elsewhere in the file still says only that it was reloaded.
    let mut data = s.data().clone();
    data.priorities[0].title = "Ship billing v3".into();
    let _ = update(
        &mut s,
        Msg::FileChanged(Ok(data), TakenIn::AsItHappened),
        now(),
    );
    let said = &s.message.as_ref().unwrap().text;
    assert_eq!(said, "lane.toml was changed outside lane — reloaded it");
}

/// Renumbered under the cursor while the app is idle, the item keeps the
/// cursor, and the message says so.
#[test]
fn an_idle_renumbering_says_the_cursor_stays_on_the_item() {
    let mut s = on_the_second();
    let mut data = s.data().clone();
    data.priorities[1].id = 8;
    let _ = update(
        &mut s,
        Msg::FileChanged(Ok(data), TakenIn::AsItHappened),
        now(),
    );
    let said = &s.message.as_ref().unwrap().text;
    assert_eq!(
        said,
        "priority 2 “Hire a data engineer” is now priority 8 — the cursor stays on it"
    );
    assert_eq!(s.selected_id(), Some(8));
}
