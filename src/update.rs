//! All behaviour: `update(state, action, now) -> effects`. Pure: no clock, no IO.
//! The app runs the effects (saving, quitting) after each call.

use chrono::NaiveDateTime;
use tui_input::InputRequest;

use crate::action::Action;
use crate::model::form::{self, Ctx};
use crate::model::{Entry, Kind};
use crate::state::{Form, Mode, State};

/// What the app must do after an update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// The data changed: write it to disk now.
    Save,
    Quit,
}

pub fn update(s: &mut State, action: Action, now: NaiveDateTime) -> Vec<Effect> {
    if let Action::Resize(rows) = action {
        s.rows = rows.max(1);
        s.clamp_all();
        return Vec::new();
    }
    match s.mode {
        Mode::Help => {
            if matches!(action, Action::Close | Action::Help | Action::Quit) {
                s.mode = Mode::Normal;
            }
            Vec::new()
        }
        Mode::Form(_) => update_form(s, action, now),
        Mode::Normal => update_normal(s, action, now),
    }
}

fn update_normal(s: &mut State, action: Action, now: NaiveDateTime) -> Vec<Effect> {
    s.message = None;
    if action.writes()
        && let Some(reason) = &s.read_only
    {
        let text = format!("{reason} — nothing can be changed in this window");
        s.error(text);
        return Vec::new();
    }
    let list_index = |k: Kind| Kind::ALL.iter().position(|&x| x == k).unwrap_or(0);
    match action {
        Action::Quit => return vec![Effect::Quit],
        Action::Help => s.mode = Mode::Help,
        Action::TabPriorities => s.tab = Kind::Priority,
        Action::TabBlocks => s.tab = Kind::Block,
        Action::TabBlockers => s.tab = Kind::Blocker,
        Action::TabDecisions => s.tab = Kind::Decision,
        Action::TabReview => s.tab = Kind::Review,
        Action::SelectTab(i) => s.tab = Kind::ALL[i.min(4)],
        Action::NextTab => s.tab = Kind::ALL[(list_index(s.tab) + 1) % 5],
        Action::PrevTab => s.tab = Kind::ALL[(list_index(s.tab) + 4) % 5],
        Action::Down => s.select(s.pos().selected + 1),
        Action::Up => s.select(s.pos().selected.saturating_sub(1)),
        Action::Top => s.select(0),
        Action::Bottom => s.select(usize::MAX),
        Action::PageDown => s.select(s.pos().selected + s.rows.max(1)),
        Action::PageUp => s.select(s.pos().selected.saturating_sub(s.rows.max(1))),
        Action::SelectRow(i) => s.select(i),
        Action::Add => open_add(s, now),
        Action::Edit => match s.selected_id() {
            Some(id) => s.mode = Mode::Form(Form::open(&s.data, s.tab, Some(id), now)),
            None => s.info(format!("no {} to edit — a adds one", s.tab.noun())),
        },
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
        | Action::Input(_)
        | Action::Resize(_) => {}
    }
    Vec::new()
}

fn open_add(s: &mut State, now: NaiveDateTime) {
    // One review per day: `a` on the Review tab opens today's if it exists.
    if s.tab == Kind::Review
        && let Some(r) = s.data.reviews.iter().find(|r| r.date == now.date())
    {
        let id = r.id;
        s.info("today's review already exists — editing it");
        s.mode = Mode::Form(Form::open(&s.data, Kind::Review, Some(id), now));
        return;
    }
    s.mode = Mode::Form(Form::open(&s.data, s.tab, None, now));
}

/// Describes the selected item for messages: `priority 3 “Ship billing”`.
fn describe(s: &State, index: usize) -> String {
    let d = &s.data;
    let (id, title) = match s.tab {
        Kind::Priority => d
            .priorities
            .get(index)
            .map(|e| (e.id(), e.title().to_string())),
        Kind::Block => d.blocks.get(index).map(|e| (e.id(), e.title().to_string())),
        Kind::Blocker => d
            .blockers
            .get(index)
            .map(|e| (e.id(), e.title().to_string())),
        Kind::Decision => d
            .decisions
            .get(index)
            .map(|e| (e.id(), e.title().to_string())),
        Kind::Review => d.reviews.get(index).map(|e| (e.id(), e.date.to_string())),
    }
    .unwrap_or_default();
    format!("{} {id} “{title}”", s.tab.noun())
}

fn nothing_selected(s: &mut State) -> Vec<Effect> {
    s.info(format!("no {} here yet — a adds one", s.tab.noun()));
    Vec::new()
}

fn changed(s: &mut State) -> Vec<Effect> {
    s.dirty = true;
    vec![Effect::Save]
}

fn delete(s: &mut State) -> Vec<Effect> {
    let index = s.pos().selected;
    if index >= s.list_len() {
        return nothing_selected(s);
    }
    let what = describe(s, index);
    s.checkpoint();
    s.data.list_mut(s.tab).remove(index);
    s.select(index);
    s.info(format!("deleted {what} — u brings it back"));
    changed(s)
}

fn toggle_done(s: &mut State) -> Vec<Effect> {
    let index = s.pos().selected;
    if !s.tab.has_done() {
        s.info("reviews have no done state");
        return Vec::new();
    }
    if index >= s.list_len() {
        return nothing_selected(s);
    }
    s.checkpoint();
    let done = s.data.list_mut(s.tab).toggle_done(index).unwrap_or(false);
    let what = describe(s, index);
    s.info(format!(
        "{what} {}",
        if done { "done" } else { "open again" }
    ));
    changed(s)
}

fn reorder(s: &mut State, delta: isize) -> Vec<Effect> {
    let index = s.pos().selected;
    let len = s.list_len();
    if !s.tab.has_done() {
        s.info("reviews stay in date order");
        return Vec::new();
    }
    let Some(target) = index.checked_add_signed(delta).filter(|&t| t < len) else {
        return Vec::new();
    };
    s.checkpoint();
    s.data.list_mut(s.tab).swap(index, target);
    s.select(target);
    changed(s)
}

fn undo_redo(s: &mut State, undo: bool) -> Vec<Effect> {
    let ok = if undo { s.undo() } else { s.redo() };
    if !ok {
        s.info(if undo {
            "nothing to undo"
        } else {
            "nothing to redo"
        });
        return Vec::new();
    }
    s.clamp_all();
    s.info(if undo {
        "undone — ctrl-r redoes"
    } else {
        "redone"
    });
    changed(s)
}

fn update_form(s: &mut State, action: Action, now: NaiveDateTime) -> Vec<Effect> {
    let Mode::Form(f) = &mut s.mode else {
        return Vec::new();
    };
    let n = f.fields.len();
    match action {
        Action::Input(req) => {
            let field = &mut f.fields[f.focus];
            if field.pristine && matches!(req, InputRequest::InsertChar(_)) {
                field.input.reset();
            }
            field.pristine = false;
            if field.input.handle(req).is_some_and(|c| c.value) {
                field.error = None;
            }
        }
        Action::NextField => f.focus = (f.focus + 1) % n,
        Action::PrevField => f.focus = (f.focus + n - 1) % n,
        Action::Cancel => {
            s.mode = Mode::Normal;
            s.info("cancelled — nothing saved");
        }
        Action::Submit => return submit(s, now),
        _ => {}
    }
    Vec::new()
}

fn submit(s: &mut State, now: NaiveDateTime) -> Vec<Effect> {
    let Mode::Form(f) = &s.mode else {
        return Vec::new();
    };
    let (kind, editing, values) = (f.kind, f.editing, f.values());
    let before = s.data.clone();
    let uid = s.new_uid(now);
    let hours = s.hours.clone();
    let ctx = Ctx {
        now,
        hours: &hours,
        uid,
    };
    match form::save(&mut s.data, kind, editing, &values, ctx) {
        Ok(id) => {
            s.mode = Mode::Normal;
            s.undo_push(before);
            s.tab = kind;
            if let Some(index) = s.data.list(kind).position(id) {
                s.select(index);
                let what = describe(s, index);
                s.info(format!("saved {what}"));
            }
            changed(s)
        }
        Err(errors) => {
            s.data = before;
            if let Mode::Form(f) = &mut s.mode {
                for (i, reason) in &errors {
                    if let Some(field) = f.fields.get_mut(*i) {
                        field.error = Some(reason.clone());
                    }
                }
                f.focus = errors.first().map(|e| e.0).unwrap_or(f.focus);
            }
            s.error("not saved — fix the field marked below (Esc cancels)");
            Vec::new()
        }
    }
}

#[cfg(test)]
#[path = "update_tests.rs"]
mod tests;
