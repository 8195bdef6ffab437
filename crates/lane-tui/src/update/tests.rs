use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use tui_input::InputRequest;

use std::cell::RefCell;

use super::*;
use crate::state::{Mode, Purpose, State};
use crate::tabs::Tab;
use lane_core::model::history::{Change, History};
use lane_core::model::rules::Rules;
use lane_core::model::{Data, Kind};

pub(super) fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_time(NaiveTime::from_hms_opt(8, 10, 0).unwrap())
}

pub(super) fn state() -> State {
    State::new(Data::default(), Rules::default(), 7, now())
}

thread_local! {
    /// The data dir's undo history as a test's saves and steps leave it (each
    /// test runs on a thread of its own).
    static HISTORY: RefCell<History> = RefCell::new(History::default());
}

/// Feeds the actions to `update` and returns the effects asked for. A save and
/// an undo or redo are run as the app runs them, against the history above.
pub(super) fn run(s: &mut State, actions: &[Action]) -> Vec<Effect> {
    let mut all = Vec::new();
    for action in actions {
        let effects = update(s, *action, now());
        for effect in &effects {
            match effect {
                Effect::Save => {
                    if let Some(change) = s
                        .unsaved()
                        .and_then(|(before, what)| Change::of(what, before, s.data()))
                    {
                        HISTORY.with(|h| h.borrow_mut().record(change));
                    }
                    let _ = update(s, Msg::Saved(None), now());
                }
                Effect::Step(step) => {
                    let result = HISTORY.with(|h| {
                        h.borrow_mut()
                            .step(*step, s.data(), now(), &mut || "u".to_string())
                    });
                    let result = result.transpose().map(|o| o.map(|(w, d)| (w, Box::new(d))));
                    // Drawn, then saved: the save succeeds here.
                    if update(s, Msg::Stepped(*step, result), now()).contains(&Effect::SaveStep) {
                        let _ = update(s, Msg::Saved(None), now());
                    }
                }
                _ => {}
            }
        }
        all.extend(effects);
    }
    all
}

pub(super) fn typed(text: &str) -> Vec<Action> {
    text.chars()
        .map(|c| Action::Input(InputRequest::InsertChar(c)))
        .collect()
}

/// Adds an item on the current tab by typing a title and pressing Enter.
pub(super) fn add(s: &mut State, title: &str) -> Vec<Effect> {
    let mut actions = vec![Action::Add];
    actions.extend(typed(title));
    actions.push(Action::Submit);
    run(s, &actions)
}

pub(super) fn titles(s: &State) -> Vec<String> {
    s.data()
        .priorities
        .iter()
        .map(|p| p.title.clone())
        .collect()
}

pub(super) fn with_three() -> State {
    let mut s = state();
    for t in ["one", "two", "three"] {
        add(&mut s, t);
    }
    s
}

#[test]
fn quit_asks_the_app_to_quit() {
    assert_eq!(run(&mut state(), &[Action::Quit]), vec![Effect::Quit]);
}

#[test]
fn help_opens_and_closes() {
    let mut s = state();
    run(&mut s, &[Action::Help]);
    assert!(matches!(s.mode, Mode::Help));
    // Other keys do nothing while help is open.
    assert!(run(&mut s, &[Action::Quit, Action::Down]).is_empty());
    assert!(matches!(s.mode, Mode::Normal));
    run(&mut s, &[Action::Help, Action::Close]);
    assert!(matches!(s.mode, Mode::Normal));
}

#[test]
fn tabs_switch_by_number_cycle_and_click() {
    let mut s = state();
    let cases = [
        (Action::TabBlocks, Tab::Blocks),
        (Action::TabBlockers, Tab::Blockers),
        (Action::TabDecisions, Tab::Decisions),
        (Action::TabReview, Tab::Review),
        (Action::NextTab, Tab::Priorities),
        (Action::PrevTab, Tab::Review),
        (Action::TabPriorities, Tab::Priorities),
        (Action::SelectTab(2), Tab::Blockers),
        (Action::SelectTab(99), Tab::Review),
    ];
    for (action, tab) in cases {
        run(&mut s, &[action]);
        assert_eq!(s.tab, tab, "after {action:?}");
    }
}

#[test]
fn typing_a_title_and_enter_adds_and_saves() {
    let mut s = state();
    let effects = add(&mut s, "Ship billing v2");
    assert_eq!(effects, vec![Effect::Save]);
    // `run` saves as the app does: nothing is left waiting.
    assert!(!s.dirty);
    assert!(s.unsaved().is_none());
    assert!(matches!(s.mode, Mode::Normal));
    assert_eq!(titles(&s), ["Ship billing v2"]);
    assert!(!s.data().priorities[0].uid.is_empty());
    assert_eq!(
        s.message.as_ref().unwrap().text,
        "saved priority 1 “Ship billing v2”"
    );
}

#[test]
fn a_bad_field_keeps_the_form_and_the_text() {
    let mut s = state();
    let mut actions = vec![Action::Add];
    actions.extend(typed("Ship"));
    actions.extend([Action::NextField, Action::NextField, Action::NextField]);
    actions.extend(typed("someday"));
    actions.push(Action::Submit);
    assert!(run(&mut s, &actions).is_empty());
    let Mode::Form(f) = &s.mode else {
        panic!("form closed")
    };
    assert_eq!(f.focus, 3);
    assert!(f.fields[3].error.as_ref().unwrap().contains("someday"));
    assert_eq!(f.fields[0].input.value(), "Ship");
    assert_eq!(f.fields[3].input.value(), "someday");
    assert!(s.data().priorities.is_empty());
    assert!(s.message.as_ref().unwrap().error);
    // Fixing the field clears its error; saving then works.
    run(&mut s, &[Action::Input(InputRequest::DeleteLine)]);
    let Mode::Form(f) = &s.mode else { panic!() };
    assert!(f.fields[3].error.is_none());
    run(&mut s, &typed("fri"));
    assert_eq!(run(&mut s, &[Action::Submit]), vec![Effect::Save]);
    assert_eq!(
        s.data().priorities[0].due,
        NaiveDate::from_ymd_opt(2026, 11, 27)
    );
}

#[test]
fn the_first_key_in_a_default_replaces_it() {
    let mut s = state();
    let mut actions = vec![Action::Add];
    actions.extend(typed("x"));
    actions.extend([Action::NextField; 4]);
    actions.extend(typed("high"));
    actions.push(Action::Submit);
    run(&mut s, &actions);
    assert_eq!(s.data().priorities[0].impact, lane_core::model::Level::High);
}

#[test]
fn fields_cycle_both_ways() {
    let mut s = state();
    run(&mut s, &[Action::Add, Action::PrevField]);
    let Mode::Form(f) = &s.mode else { panic!() };
    assert_eq!(f.focus, f.fields.len() - 1);
    run(&mut s, &[Action::NextField, Action::NextField]);
    let Mode::Form(f) = &s.mode else { panic!() };
    assert_eq!(f.focus, 1);
}

#[test]
fn cancel_closes_without_saving() {
    let mut s = state();
    let mut actions = vec![Action::Add];
    actions.extend(typed("never"));
    actions.push(Action::Cancel);
    assert!(run(&mut s, &actions).is_empty());
    assert!(matches!(s.mode, Mode::Normal));
    assert!(s.data().priorities.is_empty());
    assert!(!s.dirty);
}

#[test]
fn edit_changes_the_selected_item() {
    let mut s = with_three();
    run(&mut s, &[Action::Top, Action::Down, Action::Edit]);
    let Mode::Form(f) = &s.mode else { panic!() };
    assert_eq!(
        (f.purpose, f.fields[0].input.value()),
        (Purpose::Edit(2), "two")
    );
    let mut actions = typed(" (2)");
    actions.push(Action::Submit);
    assert_eq!(run(&mut s, &actions), vec![Effect::Save]);
    assert_eq!(titles(&s), ["one", "two (2)", "three"]);
}

#[test]
fn edit_or_delete_on_an_empty_list_explains() {
    let mut s = state();
    assert!(run(&mut s, &[Action::Edit]).is_empty());
    assert!(
        s.message
            .as_ref()
            .unwrap()
            .text
            .contains("no priority to edit")
    );
    assert!(
        run(
            &mut s,
            &[Action::Delete, Action::ToggleDone, Action::MoveDown]
        )
        .is_empty()
    );
    assert!(matches!(s.mode, Mode::Normal));
}

#[test]
fn movement_stays_in_the_list() {
    let mut s = with_three();
    run(&mut s, &[Action::Top]);
    assert_eq!(s.pos().selected, 0);
    run(&mut s, &[Action::Up]);
    assert_eq!(s.pos().selected, 0);
    run(
        &mut s,
        &[Action::Down, Action::Down, Action::Down, Action::Down],
    );
    assert_eq!(s.pos().selected, 2);
    run(&mut s, &[Action::Top, Action::Bottom]);
    assert_eq!(s.pos().selected, 2);
    run(&mut s, &[Action::SelectRow(1)]);
    assert_eq!(s.pos().selected, 1);
    run(&mut s, &[Action::SelectRow(50)]);
    assert_eq!(s.pos().selected, 2);
}

#[test]
fn pages_scroll_the_view_with_the_cursor() {
    let mut s = state();
    for i in 0..30 {
        add(&mut s, &format!("p{i}"));
    }
    run(
        &mut s,
        &[
            Action::Resize {
                rows: 10,
                wide: false,
            },
            Action::Top,
        ],
    );
    assert_eq!(
        s.pos(),
        crate::state::ListPos {
            selected: 0,
            offset: 0
        }
    );
    run(&mut s, &[Action::PageDown]);
    assert_eq!(
        s.pos(),
        crate::state::ListPos {
            selected: 10,
            offset: 1
        }
    );
    run(&mut s, &[Action::Bottom]);
    assert_eq!(
        s.pos(),
        crate::state::ListPos {
            selected: 29,
            offset: 20
        }
    );
    run(&mut s, &[Action::PageUp]);
    assert_eq!(
        s.pos(),
        crate::state::ListPos {
            selected: 19,
            offset: 19
        }
    );
    // A taller window shows more; the offset shrinks so no rows are wasted.
    run(
        &mut s,
        &[Action::Resize {
            rows: 25,
            wide: false,
        }],
    );
    assert_eq!(
        s.pos(),
        crate::state::ListPos {
            selected: 19,
            offset: 5
        }
    );
}

#[test]
fn delete_then_undo_then_redo() {
    let mut s = with_three();
    run(&mut s, &[Action::Top, Action::Down]);
    assert_eq!(run(&mut s, &[Action::Delete]), vec![Effect::Save]);
    assert_eq!(titles(&s), ["one", "three"]);
    assert!(
        s.message
            .as_ref()
            .unwrap()
            .text
            .contains("deleted priority 2 “two”")
    );
    assert_eq!(run(&mut s, &[Action::Undo]), vec![Effect::Step(Step::Undo)]);
    assert_eq!(titles(&s), ["one", "two", "three"]);
    assert_eq!(run(&mut s, &[Action::Redo]), vec![Effect::Step(Step::Redo)]);
    assert_eq!(titles(&s), ["one", "three"]);
    // Nothing more to redo; undo twice more goes back to before the adds.
    run(&mut s, &[Action::Redo]);
    assert_eq!(s.message.as_ref().unwrap().text, "nothing to redo");
    run(&mut s, &[Action::Undo, Action::Undo]);
    assert_eq!(titles(&s), ["one", "two"]);
}

#[test]
fn undo_with_nothing_to_undo_says_so() {
    let mut s = state();
    run(&mut s, &[Action::Undo]);
    assert_eq!(s.message.as_ref().unwrap().text, "nothing to undo");
}

#[test]
fn a_new_change_clears_redo() {
    let mut s = with_three();
    run(&mut s, &[Action::Delete, Action::Undo]);
    add(&mut s, "four");
    run(&mut s, &[Action::Redo]);
    assert_eq!(s.message.as_ref().unwrap().text, "nothing to redo");
}

#[test]
fn space_toggles_done_and_done_priorities_leave_the_list() {
    use lane_core::model::PriorityStatus::{Active, Done};
    let mut s = with_three();
    run(&mut s, &[Action::Top]);
    assert_eq!(run(&mut s, &[Action::ToggleDone]), vec![Effect::Save]);
    assert_eq!(s.data().priorities[0].status, Done);
    assert_eq!(s.view(), vec![1, 2], "done leaves the active list");
    assert_eq!(
        s.selected_index(),
        Some(1),
        "the cursor stays on the same row"
    );
    // Showing closed ones brings it back, and space reopens it.
    run(&mut s, &[Action::ToggleClosed, Action::Top]);
    assert_eq!(s.view(), vec![0, 1, 2]);
    run(&mut s, &[Action::ToggleDone]);
    assert_eq!(s.data().priorities[0].status, Active);
    // Blocks have no closed filter: done ones stay in view.
    run(&mut s, &[Action::TabBlocks]);
    add(&mut s, "9-10 spec");
    run(&mut s, &[Action::ToggleDone]);
    assert_eq!(s.view(), vec![0]);
    assert!(s.data().blocks[0].done);
}

#[test]
fn reorder_moves_the_item_and_the_cursor() {
    let mut s = with_three();
    run(&mut s, &[Action::Top]);
    assert_eq!(run(&mut s, &[Action::MoveDown]), vec![Effect::Save]);
    assert_eq!(titles(&s), ["two", "one", "three"]);
    assert_eq!(s.pos().selected, 1);
    run(&mut s, &[Action::MoveUp, Action::MoveUp]);
    assert_eq!(titles(&s), ["one", "two", "three"]);
    run(&mut s, &[Action::Bottom]);
    assert!(run(&mut s, &[Action::MoveDown]).is_empty(), "already last");
}

#[test]
fn every_tab_adds_from_a_title() {
    let mut s = state();
    for (tab, kind) in [
        (Action::TabBlocks, Kind::Block),
        (Action::TabBlockers, Kind::Blocker),
        (Action::TabDecisions, Kind::Decision),
        (Action::TabReview, Kind::Review),
    ] {
        run(&mut s, &[tab]);
        assert_eq!(add(&mut s, "first"), vec![Effect::Save], "{kind:?}");
        assert_eq!(s.data().list(kind).len(), 1, "{kind:?}");
    }
}

#[test]
fn review_tab_opens_todays_review_instead_of_a_second_one() {
    let mut s = state();
    run(&mut s, &[Action::TabReview]);
    add(&mut s, "shipped");
    run(&mut s, &[Action::Add]);
    let Mode::Form(f) = &s.mode else { panic!() };
    assert_eq!(f.purpose, Purpose::Edit(1));
    assert!(
        run(
            &mut s,
            &[Action::Cancel, Action::ToggleDone, Action::MoveUp]
        )
        .is_empty()
    );
    assert_eq!(
        s.message.as_ref().unwrap().text,
        "reviews stay in date order"
    );
}

#[test]
fn a_read_only_session_refuses_every_change() {
    let mut s = with_three();
    s.read_only = Some("read-only: another lane (pid 1) has this data open".into());
    let before = s.data().clone();
    // Own order at the second row, so J and K each have a neighbour to swap with.
    run(&mut s, &[Action::ToggleRank, Action::Top, Action::Down]);
    for a in [
        Action::Add,
        Action::Edit,
        Action::Delete,
        Action::ToggleDone,
        Action::MoveDown,
        Action::MoveUp,
        Action::Undo,
        Action::Redo,
    ] {
        // A form opens (to look at); saving it is refused and keeps what was typed.
        let mut keys = vec![a];
        if matches!(s.mode, Mode::Form(_)) || matches!(a, Action::Add | Action::Edit) {
            keys.extend(typed("x"));
            keys.push(Action::Submit);
        }
        assert!(run(&mut s, &keys).is_empty(), "{a:?}");
        let said = &s.message.as_ref().unwrap().text;
        assert!(said.contains("read-only"), "{a:?}: {said}");
        assert_eq!(*s.data(), before, "{a:?}");
        assert_eq!(s.pos().selected, 1, "{a:?} moved the cursor");
        if let Mode::Form(f) = &s.mode {
            assert!(f.values().iter().any(|(_, v)| v.contains('x')), "{a:?}");
            run(&mut s, &[Action::Cancel]);
        }
        assert!(matches!(s.mode, Mode::Normal), "{a:?} left something open");
    }
    assert_eq!(*s.data(), before);
    // Moving around still works.
    run(&mut s, &[Action::Top, Action::TabBlocks]);
    assert_eq!(s.tab, crate::tabs::Tab::Blocks);
}

#[test]
fn a_reminder_comes_once_as_a_message_and_a_notification() {
    let mut s = state();
    run(&mut s, &[Action::TabBlocks]);
    let _ = add(&mut s, "9-9:15 standup");
    let at = |hm: &str| {
        now()
            .date()
            .and_time(NaiveTime::parse_from_str(hm, "%H:%M").unwrap())
    };
    assert!(update(&mut s, Msg::Tick, at("08:57")).is_empty());
    let said = "standup starts at 09:00 (in 2m)".to_string();
    // Claimed from the machine's sent list first (shared with `lane remind`)…
    let effects = update(&mut s, Msg::Tick, at("08:58"));
    let [Effect::Remind(due)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(due[0].text, said);
    // …and shown only if it was not sent before.
    assert_eq!(
        update(&mut s, Msg::Reminded(due.clone()), at("08:58")),
        vec![Effect::Notify(said.clone())]
    );
    assert_eq!(s.message.as_ref().map(|m| m.text.clone()), Some(said));
    assert!(update(&mut s, Msg::Tick, at("08:59")).is_empty(), "once");
}

#[test]
fn a_reminder_lane_remind_already_sent_is_not_shown() {
    let mut s = state();
    run(&mut s, &[Action::TabBlocks]);
    let _ = add(&mut s, "9-9:15 standup");
    let at = now().date().and_hms_opt(8, 58, 0).unwrap();
    let effects = update(&mut s, Msg::Tick, at);
    assert!(matches!(effects.as_slice(), [Effect::Remind(_)]));
    let message = s.message.clone();
    assert!(update(&mut s, Msg::Reminded(Vec::new()), at).is_empty());
    assert_eq!(s.message, message, "nothing said");
    assert!(update(&mut s, Msg::Tick, at).is_empty(), "not asked again");
}

mod blocks_now;
mod calendars;
mod outcomes;
mod pointed;
mod settle_block;
mod settle_wide;
