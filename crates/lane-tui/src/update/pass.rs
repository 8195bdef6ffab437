//! Guided passes: starting one, moving between steps, and the keys every step shares.

use chrono::NaiveDateTime;

use super::items::undo_redo;
use super::reports::copy;
use super::{Effect, evening, plan};
use crate::action::Action;
use crate::pass::{CONFLICTS_STEP, Pass, Ritual};
use crate::state::{Mode, State};
use lane_core::model::Kind;
use lane_core::report::ReportKind;

/// `p` / `v` from any tab: opens the pass, resuming an unfinished plan where it stopped.
pub(super) fn start(s: &mut State, ritual: Ritual, now: NaiveDateTime) -> Vec<Effect> {
    let date = now.date();
    let step = match ritual {
        Ritual::Plan => s
            .data()
            .reviews
            .iter()
            .find(|r| r.date == date)
            .and_then(|r| r.plan.as_ref())
            .filter(|p| !p.done)
            .map_or(0, |p| usize::from(p.step).min(3)),
        Ritual::Review => 0,
    };
    let mut pass = Pass::new(ritual, date, step);
    pass.conflicts = !s.data().conflicts.is_empty();
    s.pass = Some(pass);
    s.message = None;
    enter_step(s, step, now);
    if step > 0 {
        // What opening the step did (last night's picks) is said too.
        let also = s
            .message
            .take()
            .map(|m| format!(" — {}", m.text))
            .unwrap_or_default();
        s.info(format!(
            "resuming this morning's plan at step {} — esc goes back{also}",
            step + 1
        ));
    }
    Vec::new()
}

/// Opens `step` of the pass: fixes its rows and puts the cursor on the first
/// (the focus step may pick last night's three).
pub(super) fn enter_step(s: &mut State, step: usize, now: NaiveDateTime) {
    let Some(pass) = s.pass.clone() else {
        return;
    };
    let rows = match pass.ritual {
        Ritual::Plan => plan::rows(s, step, pass.date, now),
        // The conflicts step's rows are the conflicts.
        Ritual::Review if pass.conflicts && step == CONFLICTS_STEP => s
            .data()
            .conflicts
            .iter()
            .map(|c| (Kind::Review, c.id))
            .collect(),
        // With a conflicts step, the close comes one later.
        Ritual::Review if pass.conflicts && step > CONFLICTS_STEP => {
            evening::rows(s, step - 1, pass.date)
        }
        Ritual::Review => evening::rows(s, step, pass.date),
    };
    s.change_pass(|p| {
        p.step = step;
        p.cursor = 0;
        p.rows = rows;
    });
    let Some(p) = s.pass.clone() else {
        return;
    };
    match p.ritual {
        Ritual::Plan => {
            if let Some(text) = plan::prefill_focus(s, &p) {
                s.info(text);
            }
        }
        Ritual::Review => evening::enter(s, step, now),
    }
}

pub(super) fn update_pass(s: &mut State, action: Action, now: NaiveDateTime) -> Vec<Effect> {
    let Some(pass) = s.pass.clone() else {
        return Vec::new();
    };
    s.message = None;
    let last = pass.steps().len() - 1;
    match action {
        Action::Quit => return super::quit(s),
        Action::Help => {
            s.help_scroll = 0;
            s.mode = Mode::Help;
        }
        Action::Leave => {
            leave(s, false, now);
            s.pass = None;
            s.info(match pass.ritual {
                Ritual::Plan => "left the plan — p picks it up where you stopped",
                Ritual::Review => "left the review — what you marked is kept; v starts it again",
            });
        }
        Action::Down => {
            let n = pass.rows.len().max(pass.notes.len());
            s.change_pass(|p| p.cursor = (p.cursor + 1).min(n.saturating_sub(1)));
        }
        Action::Up => s.change_pass(|p| p.cursor = p.cursor.saturating_sub(1)),
        Action::Back if pass.step == 0 => return update_pass(s, Action::Leave, now),
        Action::Back => {
            leave(s, false, now);
            enter_step(s, pass.step - 1, now);
        }
        Action::Next if pass.ritual == Ritual::Plan && pass.step == last => {
            return plan::next_on_last(s, now);
        }
        Action::Next
            if pass.ritual == Ritual::Review
                && pass.step == 1
                && pass.cursor + 1 < pass.notes.len() =>
        {
            s.change_pass(|p| p.cursor += 1);
        }
        Action::Next if pass.ritual == Ritual::Review && pass.step == last => {
            evening::open_close(s, now);
        }
        Action::Next => {
            leave(s, true, now);
            enter_step(s, pass.step + 1, now);
        }
        Action::Undo | Action::Redo => return undo_redo(s, action == Action::Undo),
        Action::CopyReport => {
            let kind = match pass.ritual {
                Ritual::Plan => ReportKind::Standup,
                Ritual::Review => ReportKind::Review,
            };
            return copy(s, kind, None, now);
        }
        Action::Input(req) => evening::type_note(s, req),
        _ => {
            return match pass.ritual {
                Ritual::Plan => plan_keys(s, action, now),
                Ritual::Review => evening::keys(s, action, now),
            };
        }
    }
    Vec::new()
}

fn plan_keys(s: &mut State, action: Action, now: NaiveDateTime) -> Vec<Effect> {
    match action {
        Action::Toggle => return plan::toggle(s, now),
        Action::NextFocus
        | Action::NextSlot
        | Action::PrevSlot
        | Action::Longer
        | Action::Shorter => plan::adjust(s, action, now),
        Action::Edit => plan::edit_offer(s, now),
        Action::MoveLowest => plan::move_lowest(s, now),
        Action::Resolve => plan::resolve_unblocked(s, now),
        _ => {}
    }
    Vec::new()
}

/// Leaving a step (forward, back, or out) writes what it holds; only going
/// forward counts the step as done.
fn leave(s: &mut State, forward: bool, now: NaiveDateTime) {
    let Some(pass) = s.pass.clone() else {
        return;
    };
    match pass.ritual {
        Ritual::Plan => plan::leave_step(s, forward, now),
        Ritual::Review => evening::leave_step(s, forward, now),
    }
}
