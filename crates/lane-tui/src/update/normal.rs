//! The list's own keys (no form, pass or overlay open): each family of actions
//! — moving, arranging, items, outcomes, blocks, calls, rituals, overlays — in
//! a function of its own.

use chrono::NaiveDateTime;
use tui_input::Input;

use super::decisions::{decide, mark_reported, open_note, try_rung};
use super::items::{delete, reorder, toggle_done, undo_redo};
use super::priorities::{selected_priority, toggle_focus};
use super::{
    EditorTarget, Effect, blocks, calendars, form, milestones, nothing_selected, pass, priorities,
    quit, reports, series, steps,
};
use crate::action::Action;
use crate::pass::Ritual;
use crate::state::{Form, Mode, Purpose, State};
use crate::tabs::Tab;
use lane_core::model::Kind;
use lane_core::model::form::Note;
use lane_core::report::{Period, ReportKind};

pub(super) fn update(s: &mut State, action: Action, now: NaiveDateTime) -> Vec<Effect> {
    s.message = None;
    if let Some(tab) = Tab::selected_by(action) {
        s.tab = tab;
        return Vec::new();
    }
    if action == Action::Quit {
        return quit(s);
    }
    // Each family takes the actions about it; the rest (a form's, a pass's, a
    // step list's keys) mean nothing on the list.
    super::refit::act(s, action, now)
        .or_else(|| navigate(s, action))
        .or_else(|| arrange(s, action))
        .or_else(|| change_item(s, action, now))
        .or_else(|| steer_outcome(s, action, now))
        .or_else(|| work_blocks(s, action, now))
        .or_else(|| move_call(s, action, now))
        .or_else(|| start_ritual(s, action, now))
        .or_else(|| open_overlay(s, action, now))
        .unwrap_or_default()
}

/// Moving through the tabs and the rows.
fn navigate(s: &mut State, action: Action) -> Option<Vec<Effect>> {
    match action {
        Action::SelectTab(i) => s.tab = Tab::at(i),
        Action::NextTab => s.tab = s.tab.next(),
        Action::PrevTab => s.tab = s.tab.prev(),
        Action::Down => s.select(s.pos().selected + 1),
        Action::Up => s.select(s.pos().selected.saturating_sub(1)),
        Action::Top => s.select(0),
        Action::Bottom => s.select(usize::MAX),
        Action::PageDown => s.select(s.pos().selected + s.list_rows().max(1)),
        Action::PageUp => s.select(s.pos().selected.saturating_sub(s.list_rows().max(1))),
        Action::SelectRow(i) => s.select(i),
        _ => return None,
    }
    Some(Vec::new())
}

/// What the list shows and in which order: a filter, rank or own order, the
/// closed items, quarters, the roadmap.
fn arrange(s: &mut State, action: Action) -> Option<Vec<Effect>> {
    match action {
        Action::Filter => {
            s.filter_input = Input::new(s.views[s.tab.index()].filter.clone());
            s.mode = Mode::Filter;
        }
        Action::ToggleRank => {
            let keep = s.selected_index();
            s.rank_order = !s.rank_order;
            if let Some(i) = keep {
                s.select_item(i);
            }
            s.info(if s.rank_order {
                "ranked by impact × urgency (r: your own order)"
            } else {
                "your own order: J/K move items (r: rank order)"
            });
        }
        Action::ToggleClosed => {
            let keep = s.selected_index();
            let v = &mut s.views[s.tab.index()];
            v.show_closed = !v.show_closed;
            let shown = v.show_closed;
            if let Some(i) = keep {
                s.select_item(i);
            }
            s.info(if shown {
                "showing done and dropped too"
            } else {
                "hiding done and dropped"
            });
        }
        Action::GroupQuarters => priorities::toggle_quarters(s),
        Action::Roadmap => priorities::toggle_roadmap(s),
        _ => return None,
    }
    Some(Vec::new())
}

/// What any list's items take: add, edit, delete, done, reorder, undo, redo.
fn change_item(s: &mut State, action: Action, now: NaiveDateTime) -> Option<Vec<Effect>> {
    Some(match action {
        Action::Add => {
            form::open_add(s, now);
            Vec::new()
        }
        // A repeating block asks first whether the change is for its series.
        Action::Edit | Action::Delete if series::ask(s, action == Action::Delete) => Vec::new(),
        Action::Edit => {
            match s.selected_id().zip(s.tab.kind()) {
                Some((id, kind)) => {
                    s.mode = Mode::Form(Form::open(s.data(), kind, Purpose::Edit(id), now))
                }
                None => s.info(format!("no {} to edit — a adds one", s.tab.noun())),
            }
            Vec::new()
        }
        Action::Delete => delete(s),
        // Closing a blocker asks what unblocked it, as `lane resolve` does: the
        // answer is what the standup and the track record tell later.
        Action::ToggleDone if open_blocker_selected(s) => {
            open_note(s, Note::Resolve, now);
            Vec::new()
        }
        Action::ToggleDone => toggle_done(s),
        Action::MoveDown => reorder(s, 1),
        Action::MoveUp => reorder(s, -1),
        Action::Undo => undo_redo(s, true),
        Action::Redo => undo_redo(s, false),
        _ => return None,
    })
}

/// What a priority takes: focus, strategy, its steps, progress notes, milestones
/// and key-result readings.
fn steer_outcome(s: &mut State, action: Action, now: NaiveDateTime) -> Option<Vec<Effect>> {
    Some(match action {
        Action::ToggleFocus => toggle_focus(s),
        Action::ToggleStrategic => priorities::toggle_strategic(s),
        Action::Steps => steps::open(s),
        Action::AddUpdate => match selected_priority(s) {
            Some(id) => {
                s.mode = Mode::Form(Form::open(
                    s.data(),
                    Kind::Priority,
                    Purpose::Note(Note::Update, id),
                    now,
                ));
                Vec::new()
            }
            None => nothing_selected(s),
        },
        Action::EditorUpdate => match selected_priority(s) {
            Some(id) => vec![Effect::Editor {
                target: EditorTarget::Progress(id),
                initial: String::new(),
            }],
            None => nothing_selected(s),
        },
        Action::AddMilestone => milestones::open(s, true, now),
        Action::MilestoneDone => milestones::open(s, false, now),
        Action::KrReading => milestones::open_reading(s, now),
        _ => return None,
    })
}

/// The time blocks: the day looked at, the timer, copying a day's plan.
fn work_blocks(s: &mut State, action: Action, now: NaiveDateTime) -> Option<Vec<Effect>> {
    Some(match action {
        Action::PrevDay | Action::NextDay | Action::Today | Action::ToggleWeek => {
            blocks::navigate(s, action, now);
            Vec::new()
        }
        Action::StartStop => blocks::timer(s, now),
        // The timeline has no details pane: a block's conflict is settled on it.
        Action::TakeOther | Action::KeepMine if s.tab == Tab::Blocks => {
            super::settle_here(s, action == Action::TakeOther);
            Vec::new()
        }
        Action::CopyDay => {
            blocks::open_copy(s, now);
            Vec::new()
        }
        _ => return None,
    })
}

/// What calls and blockers take: decide, escalate, report, answer, write the
/// outcome, try a rung, follow up, resolve.
fn move_call(s: &mut State, action: Action, now: NaiveDateTime) -> Option<Vec<Effect>> {
    let note = match action {
        Action::Decide => return Some(decide(s)),
        Action::MarkReported => return Some(mark_reported(s)),
        Action::TryRung => return Some(try_rung(s, now)),
        Action::Escalate if s.tab == Tab::Blockers => Note::EscalateBlocker,
        Action::Escalate => Note::EscalateTo,
        Action::SetFollowUp => Note::FollowUp,
        Action::Resolve => Note::Resolve,
        Action::Answer => Note::Answer,
        Action::WriteOutcome => Note::Outcome,
        _ => return None,
    };
    open_note(s, note, now);
    Some(Vec::new())
}

/// The guided plan and review, and the report a tab copies.
fn start_ritual(s: &mut State, action: Action, now: NaiveDateTime) -> Option<Vec<Effect>> {
    Some(match action {
        Action::Plan => {
            // The plan places blocks around meetings: fetch them now (aside).
            let mut effects = calendars::fetch(s, now);
            effects.extend(super::links::fetch(s, now));
            effects.extend(pass::start(s, Ritual::Plan, now));
            effects
        }
        Action::Review => pass::start(s, Ritual::Review, now),
        Action::CopyReport => copy_for_tab(s, now),
        _ => return None,
    })
}

/// What opens over the list: the help, an item's detail, the track record.
fn open_overlay(s: &mut State, action: Action, now: NaiveDateTime) -> Option<Vec<Effect>> {
    match action {
        Action::Help => {
            s.help_scroll = 0;
            s.mode = Mode::Help;
        }
        Action::Messages => {
            s.help_scroll = 0;
            s.mode = Mode::Messages;
        }
        Action::Team => return Some(super::team::open(s)),
        // Wide, the detail is beside the list already: enter edits, unless a
        // conflict waits there: then the pane takes the keys that settle it.
        Action::Detail if s.wide && !s.roadmap_shown() && s.selected_conflict().is_none() => {
            return Some(update(s, Action::Edit, now));
        }
        Action::Detail => match s.selected_index() {
            Some(_) => {
                s.mode = Mode::Detail;
                s.detail_scroll = 0;
            }
            None => s.info(format!("no {} here yet — a adds one", s.tab.noun())),
        },
        Action::TrackRecord => {
            s.mode = Mode::Record;
            // A year of record reaches past what the live file keeps.
            if !s.archive_requested {
                s.archive_requested = true;
                return Some(vec![Effect::LoadArchive]);
            }
        }
        _ => return None,
    }
    Some(Vec::new())
}

/// The report a tab's `y` copies (see `Tab::spec`); on the journal, the selected day's.
fn copy_for_tab(s: &mut State, now: NaiveDateTime) -> Vec<Effect> {
    let kind = s.tab.spec().report;
    let period = (kind == ReportKind::Review).then(|| {
        let date = s
            .selected_index()
            .and_then(|i| s.data().reviews.get(i))
            .map_or(now.date(), |r| r.date);
        Period {
            since: date,
            until: date,
        }
    });
    reports::copy(s, kind, period, now)
}

fn open_blocker_selected(s: &State) -> bool {
    s.tab == Tab::Blockers
        && s.selected_id().is_some_and(|id| {
            s.data()
                .blockers
                .iter()
                .any(|b| b.id == id && b.status != lane_core::model::BlockerStatus::Resolved)
        })
}
