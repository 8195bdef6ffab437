//! What came of an effect the app ran, as a message: saved or not, the file
//! changed outside, the editor closed, the archive read, a report copied.

use chrono::NaiveDateTime;

use super::{EditorTarget, Effect, Msg, TakenIn, form, priorities};
use crate::state::{Form, Message, Mode, Purpose, State};
use crate::tabs::Tab;
use lane_core::model::Data;
use lane_core::model::history::Step;
use lane_core::model::merge::{Merged, changed_items};

/// Another writer's file taken in: what it did to the item under the cursor
/// is said (drawn before any key, the screen shows it, so the next key is aimed
/// anew), and remembered for a key that was already on its way.
fn take_in(s: &mut State, data: Data, taken_in: TakenIn) -> Message {
    let pointed = s.pointed();
    s.replace_data(data);
    let moved = pointed.as_ref().and_then(|p| p.moved_in(s.data()));
    let text = match (&moved, s.pointed()) {
        (Some(what), Some(now)) if pointed.as_ref().is_some_and(|p| p.same_item(&now)) => {
            format!("{what} — the cursor stays on it")
        }
        (Some(what), Some(now)) => format!("{what} — the cursor is on {} now", now.named()),
        (Some(what), None) => what.clone(),
        (None, _) => "lane.toml was changed outside lane — reloaded it".into(),
    };
    s.pointed_moved = moved.filter(|_| taken_in == TakenIn::BeforeKey);
    Message { text, error: false }
}

pub(super) fn apply(s: &mut State, msg: Msg, now: NaiveDateTime) -> Vec<Effect> {
    match msg {
        Msg::Action(_) => {}
        Msg::Tick => return tick(s, now),
        Msg::TeamRead(team) => super::team::read(s, team),
        Msg::TeamAnswered(said) => return super::team::answered(s, said),
        Msg::Opened => return opened(s, now),
        Msg::CalendarsRead(list, reach) => return super::calendars::read(s, list, reach, now),
        Msg::LinksRead(host, known) => return super::links::read(s, host, known, now),
        Msg::Reminded(fresh) => {
            return fresh
                .into_iter()
                .map(|r| {
                    s.info(r.text.clone());
                    Effect::Notify(r.text)
                })
                .collect();
        }
        Msg::Saved(None) => s.saved(),
        Msg::Saved(Some(merged)) => {
            s.saved();
            merged_in(s, *merged)
        }
        Msg::Stepped(step, result) => return stepped(s, step, result),
        Msg::SaveFailed(why) => s.error(format!(
            "could not save: {why} — the change is kept here and saved with the next one"
        )),
        Msg::Refused(why) => s.refused(&why),
        Msg::FileChanged(theirs, taken_in) => file_changed(s, theirs, taken_in),
        Msg::FileGone => {
            let notice = Message {
                text: "lane.toml is gone (moved or deleted) — lane keeps what it shows and writes it back with your next change".into(),
                error: true,
            };
            s.message = Some(notice.clone());
            s.outside_notice = Some(notice);
        }
        Msg::EditorClosed { target, text } => {
            // Editors on every system save their own line endings: CRLF or a
            // lone CR is a line break here, not a control character.
            let text = text.map(|t| lane_core::model::text::unix_lines(&t));
            match target {
                EditorTarget::Progress(id) => priorities::progress_written(s, id, text),
                EditorTarget::Field => form::field_edited(s, text),
                EditorTarget::TeamAnswer => return super::team::answer_written(s, text),
            }
        }
        Msg::ArchiveLoaded(Ok(archive)) => s.archive = Some(archive),
        Msg::ArchiveLoaded(Err(why)) => s.error(format!("cannot read the archive: {why}")),
        Msg::DraftFound(draft) => restore(s, draft, now),
        Msg::Copied(Ok(said)) => s.info(said),
        Msg::Copied(Err(why)) => s.error(why),
        Msg::HookFailed(said) => s.error(said),
    }
    Vec::new()
}

/// A second (or a wake-up) passed: reminders due, calendars and links to fetch.
fn tick(s: &mut State, now: NaiveDateTime) -> Vec<Effect> {
    let mut effects = remind(s, now);
    effects.extend(super::calendars::tick(s, now));
    effects.extend(super::links::tick(s, now));
    effects
}

/// The app opened: the cursor on the block on now; calendars and links read.
fn opened(s: &mut State, now: NaiveDateTime) -> Vec<Effect> {
    s.select_block_on_now(now);
    let mut effects = super::calendars::opened(s);
    effects.extend(super::links::opened(s));
    effects
}

/// Someone else changed the file while nothing here waited to be saved: their
/// data taken in (the item a key was meant for followed), or why it cannot be.
fn file_changed(s: &mut State, theirs: Result<Data, String>, taken_in: TakenIn) {
    let notice = match theirs {
        Ok(data) => take_in(s, data, taken_in),
        Err(e) => Message {
            text: format!(
                "lane.toml was changed outside lane and does not load ({e}); fix it — lane will not overwrite it"
            ),
            error: true,
        },
    };
    s.message = Some(notice.clone());
    s.outside_notice = Some(notice);
}

/// Someone else wrote while this window held a change: both are now on disk.
/// Undo history no longer matches the data, so it starts again from here.
/// An undo or redo came back from the history: the data as it left it, drawn
/// and then saved like any change (a refused or failed save takes it back).
fn stepped(
    s: &mut State,
    step: Step,
    result: Result<Option<(String, Box<Data>)>, String>,
) -> Vec<Effect> {
    match (step, result) {
        (_, Err(why)) => s.error(format!("could not take it back: {why}")),
        (Step::Undo, Ok(None)) => s.info("nothing to undo"),
        (Step::Redo, Ok(None)) => s.info("nothing to redo"),
        (step, Ok(Some((what, data)))) => {
            let words = match step {
                Step::Undo => format!("undone: {what} — ctrl-r redoes"),
                Step::Redo => format!("redone: {what}"),
            };
            s.take_step(*data, words.clone());
            s.info(words);
            return vec![Effect::SaveStep];
        }
    }
    Vec::new()
}

fn merged_in(s: &mut State, merged: Merged) {
    let came_in = changed_items(s.data(), &merged.data);
    let mut said = vec![format!(
        "{came_in} change{} from outside merged",
        if came_in == 1 { "" } else { "s" }
    )];
    if merged.conflicts > 0 {
        said.push(format!(
            "{} conflict{} kept both values (lane conflicts)",
            merged.conflicts,
            if merged.conflicts == 1 { "" } else { "s" }
        ));
    }
    said.extend(merged.renumbered);
    s.replace_data(merged.data);
    if merged.conflicts > 0 {
        s.error(said.join(" · "));
    } else {
        s.info(said.join(" · "));
    }
}

/// Opens the form that was being typed into, with what was typed.
fn restore(s: &mut State, draft: crate::draft::Draft, now: NaiveDateTime) {
    let purpose = match draft.editing {
        Some(id) if s.data().list(draft.kind).position(id).is_none() => {
            return s.error(format!(
                "what you were typing into {} {id} was kept, but it no longer exists",
                draft.kind.noun()
            ));
        }
        Some(id) => Purpose::Edit(id),
        None => Purpose::Add,
    };
    let mut form = Form::open(s.data(), draft.kind, purpose, now);
    for (key, value) in &draft.values {
        form.fill(key, value.clone());
    }
    s.tab = Tab::of(draft.kind);
    s.mode = Mode::Form(form);
    s.info("restored what you were typing when lane was stopped — enter saves it, esc drops it");
}

/// The reminders due now that this session has not handled: claimed from the
/// machine's sent list, so what `lane remind` sent from cron is not shown again
/// (and what is shown here, cron does not send).
fn remind(s: &mut State, now: NaiveDateTime) -> Vec<Effect> {
    let due: Vec<_> = lane_core::model::remind::due(s.data(), &s.rules, s.remind_before, now)
        .into_iter()
        .filter(|r| s.reminded.insert(r.key.clone()))
        .collect();
    if due.is_empty() {
        Vec::new()
    } else {
        vec![Effect::Remind(due)]
    }
}
