//! The Priorities tab's keys: focus (with the release choice) and progress notes.

use chrono::NaiveDateTime;

use super::{Effect, changed, nothing_selected};
use crate::action::Action;
use crate::model::Kind;
use crate::model::form;
use crate::model::rank::{FOCUS_LIMIT, focus_count, ranked};
use crate::state::{FocusChoice, Mode, State};

pub(super) fn selected_priority(s: &State) -> Option<u32> {
    (s.tab == Kind::Priority).then(|| s.selected_id()).flatten()
}

pub(super) fn toggle_focus(s: &mut State) -> Vec<Effect> {
    let Some(index) = s.selected_index().filter(|_| s.tab == Kind::Priority) else {
        return nothing_selected(s);
    };
    let p = &s.data.priorities[index];
    let (id, title) = (p.id, p.title.clone());
    if p.focus {
        s.checkpoint();
        s.data.priorities[index].focus = false;
        s.info(format!("“{title}” is no longer in focus"));
        return changed(s);
    }
    if p.status.is_closed() {
        s.info(format!(
            "“{title}” is {} — reopen it to focus on it",
            p.status.name()
        ));
        return Vec::new();
    }
    if focus_count(&s.data.priorities) >= FOCUS_LIMIT {
        // Never silently refused, never silently allowed: ask which one to release.
        let options = ranked(&s.data.priorities, s.today)
            .into_iter()
            .map(|i| &s.data.priorities[i])
            .filter(|p| p.focus && !p.status.is_closed())
            .map(|p| p.id)
            .collect();
        s.mode = Mode::ChooseFocus(FocusChoice {
            candidate: id,
            options,
            cursor: 0,
        });
        return Vec::new();
    }
    s.checkpoint();
    s.data.priorities[index].focus = true;
    s.info(format!("“{title}” is in focus"));
    changed(s)
}

pub(super) fn update_choice(s: &mut State, action: Action) -> Vec<Effect> {
    let Mode::ChooseFocus(choice) = &mut s.mode else {
        return Vec::new();
    };
    let n = choice.options.len().max(1);
    let pick = match action {
        Action::Down => {
            choice.cursor = (choice.cursor + 1) % n;
            None
        }
        Action::Up => {
            choice.cursor = (choice.cursor + n - 1) % n;
            None
        }
        Action::Submit => Some(choice.cursor),
        Action::SelectRow(i) if i < choice.options.len() => Some(i),
        Action::Cancel | Action::Quit => {
            s.mode = Mode::Normal;
            s.info("focus unchanged");
            None
        }
        _ => None,
    };
    let Some(i) = pick else { return Vec::new() };
    let Mode::ChooseFocus(choice) = std::mem::replace(&mut s.mode, Mode::Normal) else {
        return Vec::new();
    };
    let release = choice.options[i];
    s.checkpoint();
    let mut released = String::new();
    for p in s.data.priorities.iter_mut() {
        if p.id == release {
            p.focus = false;
            released = p.title.clone();
        } else if p.id == choice.candidate {
            p.focus = true;
        }
    }
    s.info(format!("released “{released}” from focus"));
    changed(s)
}

/// Takes the text written in $EDITOR for a progress note; `Err` says why there is none.
pub fn editor_done(
    s: &mut State,
    priority: u32,
    text: Result<String, String>,
    now: NaiveDateTime,
) -> Vec<Effect> {
    s.today = now.date();
    match text {
        Err(why) => {
            s.error(why);
            Vec::new()
        }
        Ok(text) if text.trim().is_empty() => {
            s.info("empty note — nothing added");
            Vec::new()
        }
        Ok(text) => {
            let before = s.data.clone();
            match form::add_update(&mut s.data, priority, &text, s.today) {
                Ok(()) => {
                    s.undo_push(before);
                    s.info("update added");
                    changed(s)
                }
                Err(e) => {
                    s.error(e);
                    Vec::new()
                }
            }
        }
    }
}
