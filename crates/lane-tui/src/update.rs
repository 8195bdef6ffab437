//! All behaviour: `update(state, msg, now) -> effects`. Pure: no clock, no IO.
//! Every input arrives as a `Msg`: a key's action, or the result of an effect the
//! app ran (saved, editor closed, file changed outside…). Whether the data changed
//! is learned here, once, after each message: that alone records undo, marks the
//! data unsaved, asks for a save, and refuses the change in a read-only session.

use chrono::NaiveDateTime;
use tui_input::Input;

mod blocks;
mod calendars;
mod decisions;
mod evening;
mod form;
mod items;
mod milestones;
mod pass;
mod plan;
mod priorities;
mod reports;
mod results;
mod series;
mod steps;

use decisions::{decide, mark_reported, open_note, try_rung};
use items::{delete, reorder, toggle_done, undo_redo};
use priorities::{selected_priority, toggle_focus, update_choice};

use crate::action::Action;
use crate::pass::Ritual;
use crate::state::{Change, Form, Mode, Purpose, State};
use crate::tabs::Tab;
use lane_core::model::form::Note;
use lane_core::model::history::Step;
use lane_core::model::merge::Merged;
use lane_core::model::{Data, Entry, Kind};
use lane_core::report::{Period, ReportKind};

/// Everything that reaches `update`: what the user did, or what came of an effect.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    /// A key, click or resize, as a bound action.
    Action(Action),
    /// The data asked for by `Effect::Save` is on disk — merged with what someone
    /// else wrote meanwhile, when they did.
    Saved(Option<Box<Merged>>),
    /// Saving failed; the change stays in memory and is saved with the next one.
    SaveFailed(String),
    /// An undo or redo (`Effect::Step`) was taken and saved: what it took and
    /// the data after it; `None` when there was nothing to take.
    Stepped(Step, Result<Option<(String, Box<Data>)>, String>),
    /// Someone else changed the file while nothing here was waiting to be saved.
    FileChanged(Result<Data, String>),
    /// The file was moved away or deleted; what is shown is kept and written back.
    FileGone,
    /// The text written in $EDITOR, or why there is none.
    EditorClosed {
        target: EditorTarget,
        text: Result<String, String>,
    },
    /// The yearly archive, read for a search that reaches back.
    ArchiveLoaded(Result<Data, String>),
    /// A report was copied: where it went, or why not.
    Copied(Result<String, String>),
    /// A second passed while a block runs (the countdown redraws).
    Tick,
    /// The reminders due that this machine had not sent yet (see `Effect::Remind`).
    Reminded(Vec<lane_core::model::remind::Reminder>),
    /// What was being typed into a form when lane was last stopped by a signal.
    DraftFound(crate::draft::Draft),
    /// A hook failed or hung (the change it followed is saved): what it said.
    HookFailed(String),
    /// The app opened: calendars are read (their last copies first).
    Opened,
    /// What the calendars hold now, read from their copies or their sources.
    CalendarsRead(
        Vec<lane_io::calendar::sources::Refreshed>,
        lane_io::calendar::sources::Reach,
    ),
}

impl From<Action> for Msg {
    fn from(action: Action) -> Msg {
        Msg::Action(action)
    }
}

/// What $EDITOR is opened for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditorTarget {
    /// A progress note on this priority.
    Progress(u32),
    /// The focused field of the open form.
    Field,
}

/// What the app must do after an update; each result comes back as a `Msg`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use]
pub enum Effect {
    /// The data changed: write it to disk now (the user's change, `State::unsaved`,
    /// goes into the undo history).
    Save,
    /// Take back the newest change in the data dir's history (or make the
    /// newest undone one again), keeping what anyone saved since, and save.
    Step(Step),
    Quit,
    /// Suspend the screen and let the user write in $EDITOR, starting from `initial`.
    Editor {
        target: EditorTarget,
        initial: String,
    },
    /// Read the yearly archive (for searches that reach back).
    LoadArchive,
    /// Put this report on the clipboard (OSC 52) and in a file named after `name`.
    Copy {
        name: String,
        text: String,
    },
    /// Claim these due reminders from the machine's sent list (shared with `lane
    /// remind`): only those not sent before come back, as `Msg::Reminded`.
    Remind(Vec<lane_core::model::remind::Reminder>),
    /// Tell the terminal a reminder came (a desktop notification where it can).
    Notify(String),
    /// Read the calendars: their last copies (at once) or their sources (aside,
    /// the result comes later as `CalendarsRead`).
    ReadCalendars(lane_io::calendar::sources::Reach),
}

pub fn update(s: &mut State, msg: impl Into<Msg>, now: NaiveDateTime) -> Vec<Effect> {
    s.today = now.date();
    // Recurring blocks for the days ahead and the week looked at: made before the
    // message is handled, so it sees them, and saved like any change (no undo step).
    let (today, to) = (
        s.today,
        lane_core::model::series::horizon_for(s.today, s.day()),
    );
    s.change_aside(
        |data| lane_core::model::series::materialise(data, today, to),
        |made| *made,
    );
    // A read-only session takes back a refused change: the data and the cursors,
    // and a form that was being saved stays open with what was typed. Moving
    // through a ritual (a step on, back, or out) still happens, unsaved.
    let view = s
        .read_only
        .is_some()
        .then(|| (s.mode.clone(), s.pass.clone(), s.tab, s.pos));
    let mut effects = match msg.into() {
        Msg::Action(action) => {
            let effects = update_action(s, action, now);
            // Word of an outside change shows unless the action had more to say.
            if let Some(notice) = s.outside_notice.take()
                && s.message.is_none()
            {
                s.message = Some(notice);
            }
            effects
        }
        other => results::apply(s, other, now),
    };
    // Made aside (a series' days, a calendar read): saved, but no undo step.
    let made = std::mem::take(&mut s.aside);
    match s.take_change() {
        Change::None if made && s.read_only.is_none() => {
            s.dirty = true;
            if !effects.contains(&Effect::Save) {
                effects.insert(0, Effect::Save);
            }
        }
        Change::None => {}
        change if s.read_only.is_some() => {
            s.revert(change);
            if let Some((mode, pass, tab, pos)) = view {
                let stepped = match (&pass, &s.pass) {
                    (Some(was), Some(now)) => was.step != now.step,
                    (was, now) => was.is_some() != now.is_some(),
                };
                if matches!(mode, Mode::Form(_)) {
                    (s.mode, s.pass, s.tab) = (mode, pass, tab);
                } else if !stepped {
                    s.pass = pass;
                }
                s.pos = pos;
            }
            let reason = s.read_only.clone().unwrap_or_default();
            s.error(format!("{reason} — nothing can be changed in this window"));
        }
        Change::Edited(before) => {
            s.note_unsaved(*before);
            s.dirty = true;
            if !effects.contains(&Effect::Save) {
                effects.insert(0, Effect::Save);
            }
        }
    }
    effects
}

fn update_action(s: &mut State, action: Action, now: NaiveDateTime) -> Vec<Effect> {
    if let Action::Resize { rows, wide } = action {
        s.rows = rows.max(1);
        s.wide = wide;
        s.clamp_all();
        return Vec::new();
    }
    match s.mode {
        Mode::Help => {
            match action {
                Action::Close | Action::Help | Action::Quit => s.mode = Mode::Normal,
                Action::Down | Action::PageDown => s.help_scroll += 1,
                Action::Up | Action::PageUp => s.help_scroll = s.help_scroll.saturating_sub(1),
                _ => {}
            }
            Vec::new()
        }
        Mode::Detail => match action {
            Action::Close | Action::Detail | Action::Quit => {
                s.mode = Mode::Normal;
                Vec::new()
            }
            Action::Edit
            | Action::AddMilestone
            | Action::MilestoneDone
            | Action::KrReading
            | Action::Steps
            | Action::ToggleStrategic => {
                s.mode = Mode::Normal;
                update_normal(s, action, now)
            }
            // The drawing stops at the last line; the count stays in reach.
            Action::Down | Action::PageDown => {
                s.detail_scroll = (s.detail_scroll + 1).min(500);
                Vec::new()
            }
            Action::Up | Action::PageUp => {
                s.detail_scroll = s.detail_scroll.saturating_sub(1);
                Vec::new()
            }
            _ => Vec::new(),
        },
        Mode::Form(_) => form::update_form(s, action, now),
        Mode::ChooseFocus(_) => update_choice(s, action),
        Mode::AskSeries(_) => series::update_choice(s, action, now),
        Mode::Filter => update_filter(s, action),
        Mode::Report(_) => update_report(s, action),
        Mode::Record => {
            if matches!(action, Action::Close | Action::TrackRecord | Action::Quit) {
                s.mode = Mode::Normal;
            }
            Vec::new()
        }
        Mode::Normal if s.steps.is_some() => steps::update(s, action, now),
        Mode::Normal if s.pass.is_some() => pass::update_pass(s, action, now),
        Mode::Normal => update_normal(s, action, now),
    }
}

/// Quitting saves what a failed save left unsaved (the app refuses to end with it unsaved).
fn quit(s: &State) -> Vec<Effect> {
    if s.dirty && s.read_only.is_none() {
        vec![Effect::Save, Effect::Quit]
    } else {
        vec![Effect::Quit]
    }
}

fn update_normal(s: &mut State, action: Action, now: NaiveDateTime) -> Vec<Effect> {
    s.message = None;
    if let Some(tab) = Tab::selected_by(action) {
        s.tab = tab;
        return Vec::new();
    }
    match action {
        Action::Quit => return quit(s),
        Action::Help => {
            s.help_scroll = 0;
            s.mode = Mode::Help;
        }
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
        Action::Add => form::open_add(s, now),
        Action::Edit | Action::Delete if series::ask(s, action == Action::Delete) => {}
        Action::Edit => match s.selected_id().zip(s.tab.kind()) {
            Some((id, kind)) => {
                s.mode = Mode::Form(Form::open(s.data(), kind, Purpose::Edit(id), now))
            }
            None => s.info(format!("no {} to edit — a adds one", s.tab.noun())),
        },
        Action::Detail if s.wide && !s.roadmap_shown() => {
            return update_normal(s, Action::Edit, now);
        }
        Action::Detail => match s.selected_index() {
            Some(_) => {
                s.mode = Mode::Detail;
                s.detail_scroll = 0;
            }
            None => s.info(format!("no {} here yet — a adds one", s.tab.noun())),
        },
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
        Action::ToggleFocus => return toggle_focus(s),
        Action::ToggleStrategic => return priorities::toggle_strategic(s),
        Action::GroupQuarters => priorities::toggle_quarters(s),
        Action::Steps => return steps::open(s),
        Action::AddUpdate => match selected_priority(s) {
            Some(id) => {
                s.mode = Mode::Form(Form::open(
                    s.data(),
                    Kind::Priority,
                    Purpose::Note(Note::Update, id),
                    now,
                ))
            }
            None => return nothing_selected(s),
        },
        Action::EditorUpdate => match selected_priority(s) {
            Some(id) => {
                return vec![Effect::Editor {
                    target: EditorTarget::Progress(id),
                    initial: String::new(),
                }];
            }
            None => return nothing_selected(s),
        },
        Action::PrevDay | Action::NextDay | Action::Today | Action::ToggleWeek => {
            blocks::navigate(s, action, now)
        }
        Action::Roadmap => priorities::toggle_roadmap(s),
        Action::AddMilestone => return milestones::open(s, true, now),
        Action::MilestoneDone => return milestones::open(s, false, now),
        Action::KrReading => return milestones::open_reading(s, now),
        Action::StartStop => return blocks::timer(s, now),
        Action::CopyDay => blocks::open_copy(s, now),
        Action::Decide => return decide(s),
        Action::MarkReported => return mark_reported(s),
        Action::Escalate if s.tab == Tab::Blockers => open_note(s, Note::EscalateBlocker, now),
        Action::Escalate => open_note(s, Note::EscalateTo, now),
        Action::TryRung => return try_rung(s, now),
        Action::SetFollowUp => open_note(s, Note::FollowUp, now),
        Action::Resolve => open_note(s, Note::Resolve, now),
        Action::Answer => open_note(s, Note::Answer, now),
        Action::WriteOutcome => open_note(s, Note::Outcome, now),
        Action::TrackRecord => {
            s.mode = Mode::Record;
            // A year of record reaches past what the live file keeps.
            if !s.archive_requested {
                s.archive_requested = true;
                return vec![Effect::LoadArchive];
            }
        }
        Action::Plan => {
            // The plan places blocks around meetings: fetch them now (aside).
            let mut effects = calendars::fetch(s, now);
            effects.extend(pass::start(s, Ritual::Plan, now));
            return effects;
        }
        Action::Review => return pass::start(s, Ritual::Review, now),
        Action::CopyReport => return copy_for_tab(s, now),
        Action::Delete => return delete(s),
        Action::ToggleDone => return toggle_done(s),
        Action::MoveDown => return reorder(s, 1),
        Action::MoveUp => return reorder(s, -1),
        Action::Undo => return undo_redo(s, true),
        Action::Redo => return undo_redo(s, false),
        Action::Close
        | Action::Submit
        | Action::Cancel
        | Action::NextField
        | Action::PrevField
        | Action::EditorField
        | Action::Next
        | Action::Back
        | Action::Leave
        | Action::Toggle
        | Action::NextFocus
        | Action::NextSlot
        | Action::PrevSlot
        | Action::Longer
        | Action::Shorter
        | Action::MoveLowest
        | Action::MarkWorked
        | Action::MarkSkipped
        | Action::MarkMoved
        | Action::TakeOther
        | Action::AddKr
        | Action::Input(_)
        | Action::Resize { .. }
        // Taken above, with every other tab's key.
        | Action::TabPriorities
        | Action::TabBlocks
        | Action::TabBlockers
        | Action::TabDecisions
        | Action::TabReview => {}
    }
    Vec::new()
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

fn update_report(s: &mut State, action: Action) -> Vec<Effect> {
    let Mode::Report(view) = &mut s.mode else {
        return Vec::new();
    };
    match action {
        Action::Down | Action::PageDown => view.scroll += 1,
        Action::Up | Action::PageUp => view.scroll = view.scroll.saturating_sub(1),
        Action::CopyReport => {
            let (name, text) = (view.period.file_name(view.kind), view.text.clone());
            return vec![Effect::Copy { name, text }];
        }
        Action::Close | Action::Cancel | Action::Quit | Action::Submit => s.mode = Mode::Normal,
        _ => {}
    }
    Vec::new()
}

fn update_filter(s: &mut State, action: Action) -> Vec<Effect> {
    let tab = s.tab.index();
    match action {
        Action::Input(req) => {
            s.filter_input.handle(req);
            s.views[tab].filter = s.filter_input.value().to_string();
            s.select(0);
            // A search reaches back into the archive too: read it the first time.
            if !s.archive_requested && !s.views[tab].filter.trim().is_empty() {
                s.archive_requested = true;
                return vec![Effect::LoadArchive];
            }
        }
        Action::Submit => {
            s.mode = Mode::Normal;
            if !s.views[tab].filter.trim().is_empty() {
                let n = s.view().len();
                s.info(format!(
                    "{n} shown — / changes the filter, esc in it clears it"
                ));
            }
        }
        Action::Cancel | Action::Quit => {
            s.mode = Mode::Normal;
            s.views[tab].filter.clear();
            s.select(0);
        }
        _ => {}
    }
    Vec::new()
}

/// Describes the selected item for messages: `priority 3 “Ship billing”`.
pub(super) fn describe(s: &State, index: usize) -> String {
    let d = s.data();
    let (id, title) = match s.tab.kind() {
        Some(Kind::Priority) => d
            .priorities
            .get(index)
            .map(|e| (e.id(), e.title().to_string())),
        Some(Kind::Block) => d.blocks.get(index).map(|e| (e.id(), e.title().to_string())),
        Some(Kind::Blocker) => d
            .blockers
            .get(index)
            .map(|e| (e.id(), e.title().to_string())),
        Some(Kind::Decision) => d
            .decisions
            .get(index)
            .map(|e| (e.id(), e.title().to_string())),
        Some(Kind::Review) => d.reviews.get(index).map(|e| (e.id(), e.date.to_string())),
        None => None,
    }
    .unwrap_or_default();
    format!("{} {id} “{title}”", s.tab.noun())
}

pub(super) fn nothing_selected(s: &mut State) -> Vec<Effect> {
    s.info(format!("no {} here yet — a adds one", s.tab.noun()));
    Vec::new()
}

#[cfg(test)]
mod tests;
