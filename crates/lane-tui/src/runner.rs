//! Runs what `update` asks for and feeds each result back to it as a message, until
//! nothing is left to do. The app and the test harness share this loop; only the
//! `Io` differs (a real store and terminal, or memory).

use std::collections::VecDeque;

use chrono::NaiveDateTime;

use crate::state::State;
use crate::update::{Effect, Msg, update};
use lane_core::model::Data;
use lane_core::model::history::Step;

/// The outside world, as effects see it. Each method does the IO and says how it
/// went; none of them touches the state.
pub trait Io {
    /// Writes the data through the one unit of work: `Saved` or `SaveFailed`.
    /// `change` is the user's change it holds (the data before it, in words),
    /// for the undo history; `None` for a change made aside. `operation` names
    /// what the user did (for hooks).
    fn save(&mut self, data: &Data, change: Option<(&Data, &str)>, operation: &str) -> Msg;
    /// Takes one step through the undo history from `data`: `Stepped`, with
    /// the data after it, not saved yet (`save_step` saves it once drawn;
    /// until then no other writer may come between).
    fn step(&mut self, step: Step, data: &Data) -> Msg;
    /// Saves the step `step` took, from `before` to `data` (what the screen
    /// shows): `Saved`, or `Refused` when the `before_change` hook refused it
    /// or it could not be written.
    fn save_step(&mut self, before: &Data, data: &Data) -> Msg;
    /// Lets the user write in $EDITOR, starting from `initial`.
    fn editor(&mut self, initial: &str) -> Result<String, String>;
    /// Reads the yearly archive.
    fn load_archive(&mut self) -> Result<Data, String>;
    /// Reads the yearly archive for a search or the track record:
    /// `ArchiveLoaded` now, or `None` when it comes later as a message of its
    /// own (read aside, so the key that asked draws at once).
    fn load_archive_aside(&mut self) -> Option<Msg> {
        Some(Msg::ArchiveLoaded(self.load_archive()))
    }
    /// Copies a report out; says where it went.
    fn copy(&mut self, name: &str, text: &str) -> Result<String, String>;
    /// Shows a reminder outside the window (a terminal notification).
    fn notify(&mut self, text: &str);
    /// Reads the calendars: `CalendarsRead` now, or `None` when the result
    /// comes later as a message of its own (a fetch runs aside).
    fn read_calendars(&mut self, reach: lane_io::calendar::sources::Reach) -> Option<Msg> {
        let _ = reach;
        None
    }
    /// Reads blockers' links (the cache, or every forge when `fetch`) aside:
    /// each answer comes later as `LinksRead`.
    fn read_links(&mut self, fetch: bool, data: &Data) -> Option<Msg> {
        let _ = (fetch, data);
        None
    }
    /// Reads the team repository for the Team view: `TeamRead`.
    fn read_team(&mut self) -> Msg {
        Msg::TeamRead(Err("no team repository here".into()))
    }
    /// Sends an answer to a teammate's escalation: `TeamAnswered`.
    fn answer_team(&mut self, answer: &crate::update::TeamAnswer) -> Msg {
        let _ = answer;
        Msg::TeamAnswered(Err("no team repository here".into()))
    }
    /// The reminders of `due` this machine has not sent yet (by the app or by
    /// `lane remind`), now recorded as sent. Without a record, all of them.
    fn claim_reminders(&mut self, due: Vec<lane_core::model::remind::Reminder>) -> Msg {
        Msg::Reminded(due)
    }
    /// Shows `state` before a save writes it: the key's frame does not wait
    /// for the disk. The save follows at once, before the next key is read,
    /// so a crash between them loses that one keystroke at most.
    fn show(&mut self, state: &State) {
        let _ = state;
    }
}

/// Feeds `msg` to `update` and runs every effect that follows. Returns true when
/// the user asked to quit.
pub fn dispatch(
    state: &mut State,
    msg: Msg,
    io: &mut impl Io,
    now: impl Fn() -> NaiveDateTime,
) -> bool {
    // What the user did, as hooks name it: the action that started this.
    let operation: &'static str = match &msg {
        Msg::Action(a) => operation_of(*a),
        Msg::EditorClosed { .. } => "editor",
        Msg::DraftFound(_) => "draft",
        _ => "lane",
    };
    let mut queue = VecDeque::from([msg]);
    let mut quit = false;
    while let Some(msg) = queue.pop_front() {
        for effect in update(state, msg, now()) {
            let result = match effect {
                Effect::Save => {
                    io.show(state);
                    io.save(state.data(), state.unsaved(), operation)
                }
                Effect::Step(step) => io.step(step, state.data()),
                Effect::SaveStep => {
                    io.show(state);
                    let before = state.unsaved().map_or(state.data(), |(before, _)| before);
                    io.save_step(before, state.data())
                }
                Effect::Quit => {
                    quit = true;
                    continue;
                }
                Effect::Editor { target, initial } => Msg::EditorClosed {
                    target,
                    text: io.editor(&initial),
                },
                Effect::LoadArchive => match io.load_archive_aside() {
                    Some(msg) => msg,
                    None => continue,
                },
                Effect::Copy { name, text } => Msg::Copied(io.copy(&name, &text)),
                Effect::Remind(due) => io.claim_reminders(due),
                Effect::Notify(text) => {
                    io.notify(&text);
                    continue;
                }
                Effect::ReadCalendars(reach) => match io.read_calendars(reach) {
                    Some(msg) => msg,
                    None => continue,
                },
                Effect::ReadLinks(fetch) => match io.read_links(fetch, state.data()) {
                    Some(msg) => msg,
                    None => continue,
                },
                Effect::ReadTeam => io.read_team(),
                Effect::AnswerTeam(answer) => io.answer_team(&answer),
            };
            queue.push_back(result);
        }
    }
    quit
}

/// What hooks call the change an action makes: the command line's name where a
/// command does the same thing (`lane done` and space both send "done"), else
/// the action's own name from the keymap.
fn operation_of(action: crate::action::Action) -> &'static str {
    use crate::action::Action;
    match action {
        Action::ToggleDone => "done",
        Action::Delete => "delete",
        // undo and redo are their own names, and their hooks are named by the
        // step they take (`Io::step`).
        other => crate::action::ActionKind::from(other).into(),
    }
}
