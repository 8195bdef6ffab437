//! Tests of the priority and decision keys.

use super::{add, now, run, state, titles, typed, with_three};
use crate::state::{Mode, Purpose, State};
use crate::update::*;

fn focused(s: &State) -> Vec<u32> {
    s.data()
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
    assert_eq!(
        f.purpose,
        Purpose::Note(lane_core::model::form::Note::Update, 1)
    );
    // An empty note is refused in place.
    assert!(run(&mut s, &[Action::Submit]).is_empty());
    assert!(matches!(s.mode, Mode::Form(_)));
    let mut keys = typed("spec reviewed");
    keys.push(Action::Submit);
    assert_eq!(run(&mut s, &keys), vec![Effect::Save]);
    let u = &s.data().priorities[0].updates;
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
        vec![Effect::Editor {
            target: EditorTarget::Progress(1),
            initial: String::new()
        }]
    );
    let written = |text: Result<&str, &str>| Msg::EditorClosed {
        target: EditorTarget::Progress(1),
        text: text.map(String::from).map_err(String::from),
    };
    let effects = update(&mut s, written(Ok("line one\nline two\n")), now());
    assert_eq!(effects, vec![Effect::Save]);
    assert_eq!(s.data().priorities[0].updates[0].note, "line one\nline two");
    assert!(update(&mut s, written(Ok("  \n")), now()).is_empty());
    assert!(update(&mut s, written(Err("set $EDITOR")), now()).is_empty());
    assert_eq!(s.message.as_ref().unwrap().text, "set $EDITOR");
    assert_eq!(s.data().priorities[0].updates.len(), 1);
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

fn decision_state(cost: &str) -> State {
    let mut s = state();
    run(&mut s, &[Action::TabDecisions, Action::Add]);
    let mut keys = typed("Buy profiler licences");
    keys.extend([Action::NextField; 5]);
    keys.extend(typed(cost));
    keys.push(Action::Submit);
    run(&mut s, &keys);
    s
}

#[test]
fn decide_overrides_only_when_triage_said_escalate() {
    use lane_core::model::Lane;
    let mut s = decision_state("2k");
    assert_eq!(run(&mut s, &[Action::Decide]), vec![Effect::Save]);
    assert_eq!(s.data().decisions[0].lane_override, Some(Lane::Decide));
    assert!(
        s.message
            .as_ref()
            .unwrap()
            .text
            .contains("cost 2 000 > spend limit 500")
    );
    let mut s = decision_state("200");
    run(&mut s, &[Action::Decide]);
    assert_eq!(s.data().decisions[0].lane_override, None);
}

#[test]
fn escalate_answer_and_outcome_are_one_line_notes() {
    use lane_core::model::form::Note;
    use lane_core::model::{DecisionStatus, Lane};
    let mut s = decision_state("");
    for (action, note, text) in [
        (Action::Escalate, Note::EscalateTo, "Dana"),
        (Action::Answer, Note::Answer, "approved"),
        (Action::WriteOutcome, Note::Outcome, "saved a week"),
    ] {
        run(&mut s, &[action]);
        let Mode::Form(f) = &s.mode else {
            panic!("{action:?} opened no form")
        };
        assert_eq!(f.purpose, Purpose::Note(note, 1));
        let mut keys = typed(text);
        keys.push(Action::Submit);
        assert_eq!(run(&mut s, &keys), vec![Effect::Save], "{action:?}");
    }
    let d = &s.data().decisions[0];
    assert_eq!(
        (d.escalated_to.as_str(), d.escalated_at),
        ("Dana", Some(now()))
    );
    assert_eq!(
        d.lane_override,
        Some(Lane::Escalate),
        "escalating a decide call overrides"
    );
    assert_eq!(
        (d.answer.as_str(), d.status),
        ("approved", DecisionStatus::Answered)
    );
    assert_eq!(d.outcome, "saved a week");
    // Editing a note starts from what is there.
    run(&mut s, &[Action::WriteOutcome]);
    let Mode::Form(f) = &s.mode else { panic!() };
    assert_eq!(f.fields[0].input.value(), "saved a week");
}

#[test]
fn only_report_after_calls_can_be_marked_reported() {
    let mut s = decision_state("");
    assert_eq!(run(&mut s, &[Action::MarkReported]), vec![Effect::Save]);
    assert_eq!(s.data().decisions[0].reported, Some(now().date()));
    let mut s = decision_state("5000");
    assert!(run(&mut s, &[Action::MarkReported]).is_empty());
    assert!(
        s.message
            .as_ref()
            .unwrap()
            .text
            .contains("not a low-risk call made in your lane")
    );
}

#[test]
fn detail_is_an_overlay_when_narrow_and_edit_when_wide() {
    let mut s = decision_state("");
    run(&mut s, &[Action::Detail]);
    assert!(matches!(s.mode, Mode::Detail));
    run(
        &mut s,
        &[
            Action::Close,
            Action::Resize {
                rows: 20,
                wide: true,
            },
            Action::Detail,
        ],
    );
    assert!(matches!(s.mode, Mode::Form(_)));
}

fn blocker_state() -> State {
    let mut s = state();
    run(&mut s, &[Action::TabBlockers]);
    add(&mut s, "staging DB access");
    s
}

fn submit_note(s: &mut State, text: &str) -> Vec<Effect> {
    let mut keys = typed(text);
    keys.push(Action::Submit);
    run(s, &keys)
}

#[test]
fn t_climbs_the_ladder_one_rung_at_a_time() {
    use lane_core::model::Rung;
    let mut s = blocker_state();
    for (rung, note) in [
        (Rung::Docs, "nothing in the wiki"),
        (Rung::Search, ""),
        (Rung::Peer, "Ana: ask ops"),
    ] {
        run(&mut s, &[Action::TryRung]);
        let Mode::Form(f) = &s.mode else {
            panic!("no note prompt")
        };
        assert_eq!(
            f.purpose,
            Purpose::Note(lane_core::model::form::Note::Tried, 1)
        );
        assert_eq!(submit_note(&mut s, note), vec![Effect::Save], "{rung:?}");
        let t = s.data().blockers[0].tried.last().unwrap();
        assert_eq!((t.rung, t.note.as_str(), t.at), (rung, note, now()));
    }
    // All three tried: t now points at escalation instead of prompting.
    assert!(run(&mut s, &[Action::TryRung]).is_empty());
    assert!(matches!(s.mode, Mode::Normal));
    assert!(s.message.as_ref().unwrap().text.contains("E escalates it"));
}

#[test]
fn escalating_early_is_allowed_and_recorded() {
    use lane_core::model::{BlockerStatus, Rung};
    let mut s = blocker_state();
    run(&mut s, &[Action::Escalate]);
    assert!(
        run(&mut s, &[Action::Submit]).is_empty(),
        "to whom is required"
    );
    assert_eq!(submit_note(&mut s, "ops lead"), vec![Effect::Save]);
    let b = &s.data().blockers[0];
    assert_eq!(
        (b.status, b.escalated_to.as_str()),
        (BlockerStatus::Escalated, "ops lead")
    );
    assert_eq!(b.skipped, vec![Rung::Docs, Rung::Search, Rung::Peer]);
    assert!(
        s.message
            .as_ref()
            .unwrap()
            .text
            .contains("without trying docs, search, peer")
    );
}

#[test]
fn follow_up_and_resolve() {
    use lane_core::model::BlockerStatus;
    let mut s = blocker_state();
    run(&mut s, &[Action::SetFollowUp]);
    let Mode::Form(f) = &s.mode else { panic!() };
    assert_eq!(f.fields[0].input.value(), "tomorrow", "a sensible default");
    run(
        &mut s,
        &[Action::Input(tui_input::InputRequest::DeleteLine)],
    );
    assert!(
        submit_note(&mut s, "someday").is_empty(),
        "a bad date keeps the form open"
    );
    run(
        &mut s,
        &[Action::Input(tui_input::InputRequest::DeleteLine)],
    );
    assert_eq!(submit_note(&mut s, "fri"), vec![Effect::Save]);
    assert_eq!(
        s.data().blockers[0].follow_up,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 27)
    );
    run(&mut s, &[Action::Resolve]);
    assert_eq!(
        submit_note(&mut s, "ops granted read access"),
        vec![Effect::Save]
    );
    let b = &s.data().blockers[0];
    assert_eq!(
        (b.status, b.resolution.as_str()),
        (BlockerStatus::Resolved, "ops granted read access")
    );
    assert!(s.view().is_empty(), "resolved blockers leave the list");
    // …and are found again by searching: they are the past examples.
    run(&mut s, &[Action::Filter]);
    run(&mut s, &typed("read access"));
    assert_eq!(s.view(), vec![0]);
}

#[test]
fn days_move_by_one_and_weeks_by_seven() {
    use chrono::NaiveDate;
    let mut s = state();
    run(&mut s, &[Action::TabBlocks, Action::NextDay]);
    assert_eq!(s.day(), NaiveDate::from_ymd_opt(2026, 11, 24).unwrap());
    run(&mut s, &[Action::ToggleWeek, Action::NextDay]);
    assert!(s.week);
    assert_eq!(s.day(), NaiveDate::from_ymd_opt(2026, 12, 1).unwrap());
    run(&mut s, &[Action::PrevDay, Action::Today]);
    assert_eq!(s.day(), now().date());
    // A block added while looking at another day goes on that day.
    run(&mut s, &[Action::ToggleWeek, Action::NextDay]);
    add(&mut s, "9-10 planning");
    assert_eq!(
        s.data().blocks[0].date,
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
    );
    assert_eq!(s.view(), vec![0]);
    run(&mut s, &[Action::PrevDay]);
    assert!(s.view().is_empty(), "today has nothing");
}

#[test]
fn the_timer_and_copying_a_day_are_undoable_changes() {
    let mut s = state();
    run(&mut s, &[Action::TabBlocks]);
    add(&mut s, "9-10 spec");
    assert_eq!(run(&mut s, &[Action::StartStop]), vec![Effect::Save]);
    assert_eq!(s.data().blocks[0].actual_start.map(|s| s.wall), Some(now()));
    run(&mut s, &[Action::Undo]);
    assert_eq!(s.data().blocks[0].actual_start, None);
    run(&mut s, &[Action::CopyDay]);
    let Mode::Form(f) = &s.mode else {
        panic!("no date prompt")
    };
    assert_eq!(f.fields[0].input.value(), "2026-11-24");
    run(
        &mut s,
        &[Action::Input(tui_input::InputRequest::DeleteLine)],
    );
    let mut keys = typed("today");
    keys.push(Action::Submit);
    assert!(
        run(&mut s, &keys).is_empty(),
        "copying a day onto itself is refused"
    );
    run(
        &mut s,
        &[Action::Input(tui_input::InputRequest::DeleteLine)],
    );
    let mut keys = typed("fri");
    keys.push(Action::Submit);
    assert_eq!(run(&mut s, &keys), vec![Effect::Save]);
    assert_eq!(s.data().blocks.len(), 2);
    assert_eq!(
        s.day(),
        chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
    );
}

#[test]
fn a_long_field_can_be_written_in_the_editor() {
    let mut s = decision_state("");
    run(
        &mut s,
        &[Action::Edit, Action::NextField, Action::NextField],
    );
    let effects = run(&mut s, &[Action::EditorField]);
    assert_eq!(
        effects,
        vec![Effect::Editor {
            target: EditorTarget::Field,
            initial: String::new()
        }],
        "the rationale, empty so far"
    );
    let written = |text: Result<&str, &str>| Msg::EditorClosed {
        target: EditorTarget::Field,
        text: text.map(String::from).map_err(String::from),
    };
    let _ = update(&mut s, written(Ok("first reason\nsecond reason\n")), now());
    let Mode::Form(f) = &s.mode else { panic!() };
    assert_eq!(f.fields[2].input.value(), "first reason\nsecond reason");
    // No editor: the text stays and the message says why.
    let _ = update(&mut s, written(Err("set $EDITOR")), now());
    let Mode::Form(f) = &s.mode else { panic!() };
    assert_eq!(f.fields[2].input.value(), "first reason\nsecond reason");
    assert_eq!(s.message.as_ref().unwrap().text, "set $EDITOR");
    run(&mut s, &[Action::Submit]);
    assert_eq!(
        s.data().decisions[0].rationale,
        "first reason\nsecond reason"
    );
    let text = lane_io::store::to_toml(s.data()).unwrap();
    let back = lane_io::store::parse(std::path::Path::new("x"), text.as_bytes()).unwrap();
    assert_eq!(back.decisions[0].rationale, "first reason\nsecond reason");
}

fn strategic(s: &State) -> Vec<u32> {
    s.data()
        .priorities
        .iter()
        .filter(|p| p.strategic)
        .map(|p| p.id)
        .collect()
}

#[test]
fn a_full_quarter_asks_which_strategic_outcome_to_release() {
    let mut s = with_three();
    add(&mut s, "four");
    s.rules.strategic_per_quarter = 2;
    for row in 0..2 {
        run(&mut s, &[Action::SelectRow(row)]);
        assert_eq!(run(&mut s, &[Action::ToggleStrategic]), vec![Effect::Save]);
    }
    run(&mut s, &[Action::SelectRow(2)]);
    assert!(run(&mut s, &[Action::ToggleStrategic]).is_empty());
    let Mode::ChooseFocus(choice) = &s.mode else {
        panic!("no choice: {:?}", s.message)
    };
    assert_eq!(choice.options, vec![1, 2]);
    assert_eq!(
        choice.place,
        crate::state::Place::Strategic("2026-Q4".into())
    );
    // Esc: nothing changes, nothing is saved.
    assert!(run(&mut s, &[Action::Cancel]).is_empty());
    assert_eq!(strategic(&s), vec![1, 2]);
    // The second choice: released, and the new one takes its place, in one undo.
    run(&mut s, &[Action::ToggleStrategic, Action::Down]);
    assert_eq!(run(&mut s, &[Action::Submit]), vec![Effect::Save]);
    assert_eq!(strategic(&s), vec![1, 3]);
    run(&mut s, &[Action::Undo]);
    assert_eq!(strategic(&s), vec![1, 2]);
}

#[test]
fn the_steps_list_changes_milestones_through_the_model_and_closes() {
    let mut s = with_three();
    run(&mut s, &[Action::Top, Action::Steps]);
    assert!(s.steps.is_some());
    let mut keys = vec![Action::Add];
    keys.extend(typed("spec"));
    keys.push(Action::Submit);
    assert_eq!(run(&mut s, &keys), vec![Effect::Save]);
    let id = s.steps.as_ref().map(|st| st.priority).unwrap();
    let p = |s: &State| {
        s.data()
            .priorities
            .iter()
            .find(|p| p.id == id)
            .cloned()
            .unwrap()
    };
    assert_eq!(p(&s).milestones.len(), 1);
    assert!(
        matches!(s.mode, Mode::Normal) && s.steps.is_some(),
        "back in the list"
    );
    run(&mut s, &[Action::ToggleDone]);
    assert_eq!(p(&s).milestones[0].done, Some(now().date()));
    run(&mut s, &[Action::Delete]);
    assert!(p(&s).milestones.is_empty());
    run(&mut s, &[Action::Undo]);
    assert_eq!(p(&s).milestones.len(), 1);
    // Keys of the tab do nothing here; esc closes the list.
    let before = s.data().clone();
    run(
        &mut s,
        &[Action::ToggleFocus, Action::MoveDown, Action::Close],
    );
    assert_eq!(*s.data(), before);
    assert!(s.steps.is_none());
}
