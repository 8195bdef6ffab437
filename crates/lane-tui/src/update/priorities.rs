//! The Priorities tab's keys: focus and the quarter's strategy (each with the
//! release choice), sections by quarter, and progress notes.

use super::{Effect, nothing_selected};
use crate::action::Action;
use crate::state::{FocusChoice, Mode, Place, State};
use crate::tabs::Tab;
use lane_core::model::form;
use lane_core::model::ops::{self, FocusRefused};
use lane_core::model::outcomes::{self, StrategicRefused};

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
                place: Place::Focus,
            })
        }
        Err(refused) => s.info(refused.message(s.data())),
    }
    Vec::new()
}

/// `S`: strategic for its quarter, or not. A full quarter is the focus limit's
/// case over a longer horizon, so it asks the same question: release which?
pub(super) fn toggle_strategic(s: &mut State) -> Vec<Effect> {
    let Some(id) = selected_priority(s) else {
        return nothing_selected(s);
    };
    let Some(p) = s.data().priorities.iter().find(|p| p.id == id) else {
        return nothing_selected(s);
    };
    let (on, title) = (!p.strategic, p.title.clone());
    let (limit, today) = (s.rules.strategic_per_quarter, s.today);
    match outcomes::set_strategic(s.edit(), id, on, limit, today) {
        Ok(_) if on => {
            let q = s
                .data()
                .priorities
                .iter()
                .find(|p| p.id == id)
                .and_then(outcomes::quarter)
                .unwrap_or_default();
            s.info(format!("“{title}” is strategic for {q}"));
        }
        Ok(_) => s.info(format!("“{title}” is no longer strategic")),
        Err(StrategicRefused::Full { quarter, ids }) => {
            s.mode = Mode::ChooseFocus(FocusChoice {
                candidate: id,
                options: ids,
                cursor: 0,
                place: Place::Strategic(quarter),
            })
        }
        Err(refused) => s.info(refused.message(s.data(), limit)),
    }
    Vec::new()
}

/// `Q`: the list in sections by quarter, or one list.
pub(super) fn toggle_quarters(s: &mut State) {
    if s.tab != Tab::Priorities {
        return;
    }
    let keep = s.selected_index();
    let v = &mut s.views[Tab::Priorities.index()];
    v.quarters = !v.quarters;
    let on = v.quarters;
    if let Some(i) = keep {
        s.select_item(i);
    }
    s.info(if on {
        "by quarter: ★ strategic · Q for one list"
    } else {
        "one list (Q: by quarter)"
    });
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
            let what = match choice.place {
                Place::Focus => "focus unchanged",
                Place::Strategic(_) => "strategic outcomes unchanged",
            };
            s.mode = Mode::Normal;
            s.info(what);
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
    let limit = s.rules.strategic_per_quarter;
    let swapped = match &choice.place {
        Place::Focus => ops::swap_focus(s.edit(), release, choice.candidate, today)
            .map(|()| "from focus".to_string())
            .map_err(|refused| refused.message(s.data())),
        Place::Strategic(q) => {
            outcomes::swap_strategic(s.edit(), release, choice.candidate, limit, today)
                .map(|()| format!("from {q}'s strategic outcomes"))
                .map_err(|refused| refused.message(s.data(), limit))
        }
    };
    match swapped {
        Ok(place) => s.info(format!("released “{released}” {place}")),
        Err(why) => s.error(why),
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
