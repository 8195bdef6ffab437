//! All behaviour: `update(state, msg, now) -> effects`. Pure: no clock, no IO.
//! Every input arrives as a `Msg`: a key's action, or the result of an effect the
//! app ran (saved, editor closed, file changed outside…). Whether the data changed
//! is learned here, once, after each message: that alone records undo, marks the
//! data unsaved, asks for a save, and refuses the change in a read-only session.

use chrono::NaiveDateTime;

mod blocks;
mod calendars;
mod decisions;
mod evening;
mod form;
mod items;
mod links;
mod milestones;
mod normal;
mod pass;
mod plan;
mod priorities;
pub mod refit;
mod reports;
mod results;
mod series;
mod steps;
mod team;

use priorities::update_choice;

use crate::action::Action;
use crate::pass::Pass;
use crate::state::{Change, ListPos, Mode, State};
use crate::tabs::Tab;
use lane_core::model::history::Step;
use lane_core::model::merge::Merged;
use lane_core::model::{Data, Entry, Kind};
use strum::EnumCount;

/// When an outside change is taken in: right before a key, which then acts on
/// a screen drawn from the data before the change (so it must not land on an
/// item the change moved), or as the change happened, drawn before any key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TakenIn {
    BeforeKey,
    AsItHappened,
}

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
    /// The `before_change` hook refused the change (why, in its words): nothing
    /// was written, and the data goes back to what it was before the change.
    Refused(String),
    /// An undo or redo (`Effect::Step`) was taken: what it took and the data
    /// after it, shown and then saved (`Effect::SaveStep`); `None` when there
    /// was nothing to take.
    Stepped(Step, Result<Option<(String, Box<Data>)>, String>),
    /// Someone else changed the file while nothing here was waiting to be saved;
    /// taken in before a key, or as it happened (and drawn before any key).
    FileChanged(Result<Data, String>, TakenIn),
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
    /// What blockers' links say now: one forge's refresh (none for the cache
    /// read as the app opens) and everything known after it.
    LinksRead(
        Option<lane_io::links::HostRefreshed>,
        lane_core::model::links::Known,
    ),
    /// The team as the team repository holds it (`Effect::ReadTeam`).
    TeamRead(Result<lane_core::team::Team, String>),
    /// My answer to a teammate's escalation went out, or why not.
    TeamAnswered(Result<String, String>),
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
    /// My answer to the escalation the Team view is answering.
    TeamAnswer,
}

/// What the app must do after an update; each result comes back as a `Msg`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use]
pub enum Effect {
    /// The data changed: write it to disk now (the user's change, `State::unsaved`,
    /// goes into the undo history).
    Save,
    /// Take back the newest change in the data dir's history (or make the
    /// newest undone one again), keeping what anyone saved since: `Stepped`,
    /// not saved yet.
    Step(Step),
    /// Save the step `Stepped` brought, once its frame is drawn: `Saved`, or
    /// `Refused` when it was refused or could not be written (the data goes
    /// back to what it was before it).
    SaveStep,
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
    /// Read blockers' links: the cache kept on this machine (`false`), or
    /// every forge, each aside (`true`); each answers as `LinksRead`.
    ReadLinks(bool),
    /// Read the team repository for the Team view: `TeamRead`.
    ReadTeam,
    /// Send my answer to a teammate's escalation: `TeamAnswered`.
    AnswerTeam(TeamAnswer),
}

/// An answer to send: to whom, which call, the verdict and the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamAnswer {
    pub asker: String,
    pub uid: String,
    pub verdict: lane_core::model::Verdict,
    pub text: String,
}

pub fn update(s: &mut State, msg: impl Into<Msg>, now: NaiveDateTime) -> Vec<Effect> {
    s.today = now.date();
    // The days of repeating blocks, from last week to the days ahead and the
    // week looked at: made before the message is handled, so it sees them.
    // Computed, never saved (the file keeps the series).
    let (today, looked_at) = (s.today, s.day());
    s.compute(
        |data| lane_core::model::series::materialise(data, today, looked_at),
        |made| *made,
    );
    // A read-only session takes back a refused change: the data and the cursors,
    // and a form that was being saved stays open with what was typed. Moving
    // through a ritual (a step on, back, or out) still happens, unsaved.
    let msg = msg.into();
    // An outside change just taken in moved the item under the cursor: the key
    // that follows must not land on another one (see `state::pointed`).
    let pointed_moved = match msg {
        Msg::Action(_) => s
            .pointed_moved
            .take()
            .filter(|_| matches!(s.mode, Mode::Normal | Mode::Detail)),
        _ => None,
    };
    let view = (s.read_only.is_some() || pointed_moved.is_some())
        .then(|| (s.mode.clone(), s.pass.clone(), s.tab, s.pos));
    let mode_before = pointed_moved.as_ref().map(|_| s.mode.clone());
    let mut effects = match msg {
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
    settle_change(s, &mut effects, view, pointed_moved.as_deref());
    log_message(s);
    // A key that opened a form or the details would show another item than
    // the one pointed at: taken back too.
    if let (Some(what), Some(mode)) = (&pointed_moved, mode_before)
        && opened_on_item(&mode, &s.mode)
    {
        s.mode = mode;
        effects.clear();
        s.error(format!("{what} — nothing done; the list shows it now"));
    }
    effects
}

/// How many messages `L` keeps.
const MESSAGES_KEPT: usize = 50;

/// The message line's text, kept for `L` when it is new.
fn log_message(s: &mut State) {
    if let Some(m) = &s.message
        && s.said.back() != Some(m)
    {
        if s.said.len() == MESSAGES_KEPT {
            s.said.pop_front();
        }
        s.said.push_back(m.clone());
    }
}

/// What the screen showed before a message: restored when its change is taken back.
type View = (Mode, Option<Pass>, Tab, [ListPos; Tab::COUNT]);

/// After a message: its change noted for the save and the undo history, or
/// taken back — in a read-only window, or when an outside change moved the
/// item the key was meant for (`pointed_moved`) — with the view it left.
fn settle_change(
    s: &mut State,
    effects: &mut Vec<Effect>,
    view: Option<View>,
    pointed_moved: Option<&str>,
) {
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
        change if s.read_only.is_some() || pointed_moved.is_some() => {
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
            match pointed_moved {
                Some(what) => {
                    effects.clear();
                    s.error(format!("{what} — nothing done; the list shows it now"));
                }
                None => refuse_read_only(s),
            }
        }
        Change::Edited(before) => {
            s.note_unsaved(*before);
            s.dirty = true;
            if !effects.contains(&Effect::Save) {
                effects.insert(0, Effect::Save);
            }
        }
    }
}

/// True when a key went from the list (or the details) into something acting
/// on one item: a form, the details, the "this one or the series?" choice.
fn opened_on_item(before: &Mode, after: &Mode) -> bool {
    let on_item = |m: &Mode| matches!(m, Mode::Form(_) | Mode::Detail | Mode::AskSeries(_));
    on_item(after) && std::mem::discriminant(before) != std::mem::discriminant(after)
}

/// Says why nothing changed in a read-only window.
fn refuse_read_only(s: &mut State) {
    let reason = s.read_only.clone().unwrap_or_default();
    s.error(format!("{reason} — nothing can be changed in this window"));
}

fn update_action(s: &mut State, action: Action, now: NaiveDateTime) -> Vec<Effect> {
    if let Action::Resize { rows, wide } = action {
        s.rows = rows.max(1);
        s.wide = wide;
        s.clamp_all();
        return Vec::new();
    }
    match s.mode {
        Mode::Help => scroll_overlay(s, action, Action::Help),
        Mode::Detail => match action {
            Action::Close | Action::Detail | Action::Quit => {
                s.mode = Mode::Normal;
                Vec::new()
            }
            Action::Help => {
                s.help_scroll = 0;
                s.mode = Mode::Help;
                Vec::new()
            }
            Action::Edit
            | Action::AddMilestone
            | Action::MilestoneDone
            | Action::KrReading
            | Action::Steps
            | Action::ToggleStrategic => {
                s.mode = Mode::Normal;
                normal::update(s, action, now)
            }
            Action::Toggle | Action::TakeOther => {
                settle_here(s, action == Action::TakeOther);
                Vec::new()
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
        Mode::Messages => scroll_overlay(s, action, Action::Messages),
        Mode::Team(_) => team::update(s, action),
        Mode::Record => {
            if matches!(action, Action::Close | Action::TrackRecord | Action::Quit) {
                s.mode = Mode::Normal;
            }
            Vec::new()
        }
        Mode::Normal if s.steps.is_some() => steps::update(s, action, now),
        Mode::Normal if s.pass.is_some() => pass::update_pass(s, action, now),
        Mode::Normal => normal::update(s, action, now),
    }
}

/// Settles the first conflict about the item whose details are open: keep
/// lane's value, or take the other side's. Beside the list (wide), the pane
/// gives the keys back to the list once the item has no conflict left.
fn settle_here(s: &mut State, take_other: bool) {
    let Some(id) = s.selected_conflict() else {
        s.info("no conflict here to settle");
        return;
    };
    match lane_core::model::conflicts::settle(s.edit(), id, take_other) {
        Ok(said) if s.wide && s.selected_conflict().is_none() => {
            s.mode = Mode::Normal;
            s.info(format!("{said} — back to the list"));
        }
        Ok(said) => s.info(said),
        Err(why) => s.error(why),
    }
}

/// The help and the messages: scrolled by j/k, closed by esc, q or the key
/// that opened them.
fn scroll_overlay(s: &mut State, action: Action, opener: Action) -> Vec<Effect> {
    match action {
        Action::Close | Action::Quit => s.mode = Mode::Normal,
        a if a == opener => s.mode = Mode::Normal,
        Action::Down | Action::PageDown => s.help_scroll += 1,
        Action::Up | Action::PageUp => s.help_scroll = s.help_scroll.saturating_sub(1),
        _ => {}
    }
    Vec::new()
}

/// Quitting saves what a failed save left unsaved (the app refuses to end with it unsaved).
fn quit(s: &State) -> Vec<Effect> {
    if s.dirty && s.read_only.is_none() {
        vec![Effect::Save, Effect::Quit]
    } else {
        vec![Effect::Quit]
    }
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
