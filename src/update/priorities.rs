//! The Priorities tab's keys: focus (with the release choice) and progress notes.

use super::{Effect, nothing_selected};
use crate::action::Action;
use crate::model::form;
use crate::model::ops::{self, FocusRefused};
use crate::state::{FocusChoice, Mode, State};
use crate::tabs::Tab;

pub(super) fn selected_priority(s: &State) -> Option<u32> {
    (s.tab == Tab::Priorities)
        .then(|| s.selected_id())
        .flatten()
}

/// The roadmap or the list: the same outcomes, filter and cursor either way.
pub(super) fn toggle_roadmap(s: &mut State) {
    if s.tab != Tab::Priorities {
        return;
    }
    s.roadmap = !s.roadmap;
    s.info(if s.roadmap {
        "roadmap: ● milestone ✓ delivered ! overdue · ┃ due ◀ late · enter opens"
    } else {
        "the ranked list (w: roadmap)"
    });
}

pub(super) fn toggle_focus(s: &mut State) -> Vec<Effect> {
    let Some(id) = selected_priority(s) else {
        return nothing_selected(s);
    };
    let Some(p) = s.data().priorities.iter().find(|p| p.id == id) else {
        return nothing_selected(s);
    };
    let (on, title) = (!p.focus, p.title.clone());
    let today = s.today;
    match ops::set_focus(s.edit(), id, on, today) {
        Ok(_) if on => s.info(format!("“{title}” is in focus")),
        Ok(_) => s.info(format!("“{title}” is no longer in focus")),
        // Never silently refused, never silently allowed: ask which one to release.
        Err(FocusRefused::Full(options)) => {
            s.mode = Mode::ChooseFocus(FocusChoice {
                candidate: id,
                options,
                cursor: 0,
            })
        }
        Err(refused) => s.info(refused.message(s.data())),
    }
    Vec::new()
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
    let Some(&release) = choice.options.get(i) else {
        return Vec::new();
    };
    let today = s.today;
    let released = s
        .data()
        .priorities
        .iter()
        .find(|p| p.id == release)
        .map(|p| p.title.clone())
        .unwrap_or_default();
    match ops::swap_focus(s.edit(), release, choice.candidate, today) {
        Ok(()) => s.info(format!("released “{released}” from focus")),
        Err(refused) => s.error(refused.message(s.data())),
    }
    Vec::new()
}

/// Takes the text written in $EDITOR for a progress note; `Err` says why there is none.
pub(super) fn progress_written(s: &mut State, priority: u32, text: Result<String, String>) {
    let today = s.today;
    match text {
        Err(why) => s.error(why),
        Ok(text) if text.trim().is_empty() => s.info("empty note — nothing added"),
        Ok(text) => match form::add_update(s.edit(), priority, &text, today) {
            Ok(()) => s.info("update added"),
            Err(e) => s.error(e),
        },
    }
}
