//! The Decisions and Blockers tabs' keys: decide, escalate, answer, report, outcome,
//! and the blocker ladder.

use chrono::{NaiveDate, NaiveDateTime};

use super::{Effect, nothing_selected};
use crate::state::{Form, Mode, Purpose, State};
use crate::tabs::Tab;
use lane_core::model::form::Note;
use lane_core::model::ladder::{Next, next_rung};
use lane_core::model::ops;

fn selected_decision(s: &State) -> Option<usize> {
    s.selected_index().filter(|_| s.tab == Tab::Decisions)
}

pub(super) fn open_note(s: &mut State, note: Note, now: NaiveDateTime) {
    match s
        .selected_id()
        .filter(|_| s.tab.kind() == Some(note.kind()))
    {
        Some(id) => {
            s.mode = Mode::Form(Form::open(
                s.data(),
                note.kind(),
                Purpose::Note(note, id),
                now,
            ))
        }
        None => s.info(format!("no {} here yet — a adds one", s.tab.noun())),
    }
}

pub(super) fn decide(s: &mut State) -> Vec<Effect> {
    let Some(id) = selected_decision(s).and_then(|_| s.selected_id()) else {
        return nothing_selected(s);
    };
    let boundaries = s.rules.boundaries.clone();
    match ops::decide(s.edit(), id, &boundaries) {
        Ok(said) => s.info(said),
        Err(why) => s.error(why),
    }
    Vec::new()
}

pub(super) fn mark_reported(s: &mut State) -> Vec<Effect> {
    let Some(index) = selected_decision(s) else {
        return nothing_selected(s);
    };
    let today = s.today;
    toggle_reported(s, index, today)
}

/// Marks the decision at `index` reported on `date`, or not reported after all.
pub(super) fn toggle_reported(s: &mut State, index: usize, date: NaiveDate) -> Vec<Effect> {
    let Some(d) = s.data().decisions.get(index) else {
        return Vec::new();
    };
    let (id, on) = (d.id, d.reported.is_none());
    let boundaries = s.rules.boundaries.clone();
    match ops::set_reported(s.edit(), id, on, date, &boundaries) {
        Ok(said) => s.info(said),
        Err(why) => s.info(why),
    }
    Vec::new()
}

/// `t`: a note prompt for the next untried rung, or straight to escalation advice.
pub(super) fn try_rung(s: &mut State, now: NaiveDateTime) -> Vec<Effect> {
    let Some(index) = s.selected_index().filter(|_| s.tab == Tab::Blockers) else {
        return nothing_selected(s);
    };
    let b = &s.data().blockers[index];
    match next_rung(b) {
        Next::Try(_) => open_note(s, Note::Tried, now),
        Next::Escalate => s.info("every rung is tried — E escalates it"),
        Next::FollowUp => s.info("it is escalated — F sets when to follow up"),
        Next::Nothing => s.info("it is resolved"),
    }
    Vec::new()
}
