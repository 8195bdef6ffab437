use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use tui_input::InputRequest;

use super::*;
use crate::model::rank::Rules;
use crate::model::{Data, Kind};
use crate::state::{Mode, Purpose, State};

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_time(NaiveTime::from_hms_opt(8, 10, 0).unwrap())
}

fn state() -> State {
    State::new(Data::default(), Rules::default(), 7, now())
}

fn run(s: &mut State, actions: &[Action]) -> Vec<Effect> {
    actions.iter().flat_map(|a| update(s, *a, now())).collect()
}

fn typed(text: &str) -> Vec<Action> {
    text.chars()
        .map(|c| Action::Input(InputRequest::InsertChar(c)))
        .collect()
}

/// Adds an item on the current tab by typing a title and pressing Enter.
fn add(s: &mut State, title: &str) -> Vec<Effect> {
    let mut actions = vec![Action::Add];
    actions.extend(typed(title));
    actions.push(Action::Submit);
    run(s, &actions)
}

fn titles(s: &State) -> Vec<String> {
    s.data.priorities.iter().map(|p| p.title.clone()).collect()
}

fn with_three() -> State {
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
        (Action::TabBlocks, Kind::Block),
        (Action::TabBlockers, Kind::Blocker),
        (Action::TabDecisions, Kind::Decision),
        (Action::TabReview, Kind::Review),
        (Action::NextTab, Kind::Priority),
        (Action::PrevTab, Kind::Review),
        (Action::TabPriorities, Kind::Priority),
        (Action::SelectTab(2), Kind::Blocker),
        (Action::SelectTab(99), Kind::Review),
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
    assert!(s.dirty);
    assert!(matches!(s.mode, Mode::Normal));
    assert_eq!(titles(&s), ["Ship billing v2"]);
    assert!(!s.data.priorities[0].uid.is_empty());
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
    assert!(s.data.priorities.is_empty());
    assert!(s.message.as_ref().unwrap().error);
    // Fixing the field clears its error; saving then works.
    run(&mut s, &[Action::Input(InputRequest::DeleteLine)]);
    let Mode::Form(f) = &s.mode else { panic!() };
    assert!(f.fields[3].error.is_none());
    run(&mut s, &typed("fri"));
    assert_eq!(run(&mut s, &[Action::Submit]), vec![Effect::Save]);
    assert_eq!(
        s.data.priorities[0].due,
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
    assert_eq!(s.data.priorities[0].impact, crate::model::Level::High);
}

#[test]
fn fields_cycle_both_ways() {
    let mut s = state();
    run(&mut s, &[Action::Add, Action::PrevField]);
    let Mode::Form(f) = &s.mode else { panic!() };
    assert_eq!(f.focus, 7);
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
    assert!(s.data.priorities.is_empty());
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
    assert_eq!(run(&mut s, &[Action::Undo]), vec![Effect::Save]);
    assert_eq!(titles(&s), ["one", "two", "three"]);
    assert_eq!(run(&mut s, &[Action::Redo]), vec![Effect::Save]);
    assert_eq!(titles(&s), ["one", "three"]);
    // Nothing more to redo; undo twice more goes back to before the adds.
    assert!(run(&mut s, &[Action::Redo]).is_empty());
    run(&mut s, &[Action::Undo, Action::Undo]);
    assert_eq!(titles(&s), ["one", "two"]);
}

#[test]
fn undo_with_nothing_to_undo_says_so() {
    let mut s = state();
    assert!(run(&mut s, &[Action::Undo]).is_empty());
    assert_eq!(s.message.as_ref().unwrap().text, "nothing to undo");
}

#[test]
fn a_new_change_clears_redo() {
    let mut s = with_three();
    run(&mut s, &[Action::Delete, Action::Undo]);
    add(&mut s, "four");
    assert!(run(&mut s, &[Action::Redo]).is_empty());
}

#[test]
fn space_toggles_done_and_done_priorities_leave_the_list() {
    use crate::model::PriorityStatus::{Active, Done};
    let mut s = with_three();
    run(&mut s, &[Action::Top]);
    assert_eq!(run(&mut s, &[Action::ToggleDone]), vec![Effect::Save]);
    assert_eq!(s.data.priorities[0].status, Done);
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
    assert_eq!(s.data.priorities[0].status, Active);
    // Blocks have no closed filter: done ones stay in view.
    run(&mut s, &[Action::TabBlocks]);
    add(&mut s, "9-10 spec");
    run(&mut s, &[Action::ToggleDone]);
    assert_eq!(s.view(), vec![0]);
    assert!(s.data.blocks[0].done);
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
        assert_eq!(s.data.list(kind).len(), 1, "{kind:?}");
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
    let before = s.data.clone();
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
        assert!(run(&mut s, &[a]).is_empty(), "{a:?}");
        assert!(matches!(s.mode, Mode::Normal), "{a:?} opened something");
        assert!(s.message.as_ref().unwrap().text.contains("read-only"));
    }
    assert_eq!(s.data, before);
    // Moving around still works.
    run(&mut s, &[Action::Top, Action::TabBlocks]);
    assert_eq!(s.tab, Kind::Block);
}

fn focused(s: &State) -> Vec<u32> {
    s.data
        .priorities
        .iter()
        .filter(|p| p.focus)
        .map(|p| p.id)
        .collect()
}

#[test]
fn focus_toggles_and_a_fourth_asks_which_to_release() {
    let mut s = with_three();
    add(&mut s, "four");
    for row in 0..3 {
        run(&mut s, &[Action::SelectRow(row)]);
        assert_eq!(run(&mut s, &[Action::ToggleFocus]), vec![Effect::Save]);
    }
    assert_eq!(focused(&s), vec![1, 2, 3]);
    // The 4th is neither refused nor allowed silently: a choice opens.
    run(&mut s, &[Action::SelectRow(3)]);
    assert!(run(&mut s, &[Action::ToggleFocus]).is_empty());
    let Mode::ChooseFocus(choice) = &s.mode else {
        panic!("no choice")
    };
    assert_eq!(
        (choice.candidate, choice.options.clone()),
        (4, vec![1, 2, 3])
    );
    // Esc keeps things as they were.
    assert!(run(&mut s, &[Action::Cancel]).is_empty());
    assert_eq!(focused(&s), vec![1, 2, 3]);
    // Moving to the second choice and picking it releases "two".
    run(&mut s, &[Action::ToggleFocus, Action::Down]);
    assert_eq!(run(&mut s, &[Action::Submit]), vec![Effect::Save]);
    assert_eq!(focused(&s), vec![1, 3, 4]);
    // A digit picks directly; undo brings the previous focus back.
    run(&mut s, &[Action::SelectRow(1), Action::ToggleFocus]);
    assert_eq!(run(&mut s, &[Action::SelectRow(0)]), vec![Effect::Save]);
    assert_eq!(focused(&s), vec![2, 3, 4]);
    run(&mut s, &[Action::Undo]);
    assert_eq!(focused(&s), vec![1, 3, 4]);
    // Unfocusing needs no choice.
    run(&mut s, &[Action::Top, Action::ToggleFocus]);
    assert_eq!(focused(&s), vec![3, 4]);
}

#[test]
fn done_frees_the_focus_place_and_closed_ones_cannot_take_one() {
    let mut s = with_three();
    run(
        &mut s,
        &[Action::Top, Action::ToggleFocus, Action::ToggleDone],
    );
    assert!(focused(&s).is_empty());
    run(
        &mut s,
        &[Action::ToggleClosed, Action::Top, Action::ToggleFocus],
    );
    assert!(focused(&s).is_empty());
    assert!(s.message.as_ref().unwrap().text.contains("is done"));
}

#[test]
fn an_update_note_goes_into_the_log_with_todays_date() {
    let mut s = with_three();
    run(&mut s, &[Action::Top, Action::AddUpdate]);
    let Mode::Form(f) = &s.mode else { panic!() };
    assert_eq!(f.purpose, Purpose::Update(1));
    // An empty note is refused in place.
    assert!(run(&mut s, &[Action::Submit]).is_empty());
    assert!(matches!(s.mode, Mode::Form(_)));
    let mut keys = typed("spec reviewed");
    keys.push(Action::Submit);
    assert_eq!(run(&mut s, &keys), vec![Effect::Save]);
    let u = &s.data.priorities[0].updates;
    assert_eq!(
        (u[0].date, u[0].note.as_str()),
        (now().date(), "spec reviewed")
    );
}

#[test]
fn a_longer_note_goes_through_the_editor_effect() {
    let mut s = with_three();
    assert_eq!(
        run(&mut s, &[Action::Top, Action::EditorUpdate]),
        vec![Effect::OpenEditor { priority: 1 }]
    );
    let effects = editor_done(&mut s, 1, Ok("line one\nline two\n".into()), now());
    assert_eq!(effects, vec![Effect::Save]);
    assert_eq!(s.data.priorities[0].updates[0].note, "line one\nline two");
    assert!(editor_done(&mut s, 1, Ok("  \n".into()), now()).is_empty());
    assert!(editor_done(&mut s, 1, Err("set $EDITOR".into()), now()).is_empty());
    assert_eq!(s.message.as_ref().unwrap().text, "set $EDITOR");
    assert_eq!(s.data.priorities[0].updates.len(), 1);
    // Only priorities keep an update log.
    run(&mut s, &[Action::TabBlockers]);
    assert!(run(&mut s, &[Action::EditorUpdate]).is_empty());
}

#[test]
fn filter_narrows_live_and_esc_clears() {
    let mut s = with_three();
    run(&mut s, &[Action::Filter]);
    run(&mut s, &typed("T"));
    assert_eq!(s.view(), vec![1, 2], "two, three");
    run(&mut s, &[Action::Submit]);
    assert!(matches!(s.mode, Mode::Normal));
    assert_eq!(s.view(), vec![1, 2], "the filter stays after enter");
    // Operations act on the filtered rows.
    run(&mut s, &[Action::Top, Action::Delete]);
    assert_eq!(titles(&s), ["one", "three"]);
    run(&mut s, &[Action::Filter, Action::Cancel]);
    assert_eq!(s.view(), vec![0, 1]);
}

#[test]
fn rank_order_puts_impact_times_urgency_first() {
    let mut s = state();
    for (title, impact) in [("small", "low"), ("big", "high")] {
        let mut keys = vec![Action::Add];
        keys.extend(typed(title));
        keys.extend([Action::NextField; 4]);
        keys.extend(typed(impact));
        keys.push(Action::Submit);
        run(&mut s, &keys);
    }
    assert_eq!(s.view(), vec![1, 0]);
    assert_eq!(s.selected_index(), Some(1), "the new item is selected");
    run(&mut s, &[Action::ToggleRank]);
    assert_eq!(s.view(), vec![0, 1]);
    assert_eq!(s.selected_index(), Some(1), "the cursor follows the item");
}
