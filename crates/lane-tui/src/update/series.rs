//! Editing or deleting a recurring block asks first: this one, or the whole
//! series? The answer goes to the model's one operation for each
//! (`form::save` / `ops::delete` for one day, `form::save_series` /
//! `series::delete` for the series), as the command line's `--series` does.

use chrono::NaiveDateTime;

use super::Effect;
use crate::action::Action;
use crate::state::{Form, Mode, Purpose, SeriesChoice, State};
use lane_core::model::Kind;

/// On an occurrence, `e` and `d` ask which is meant; whether they asked.
pub(super) fn ask(s: &mut State, delete: bool) -> bool {
    if s.tab.kind() != Some(Kind::Block) {
        return false;
    }
    let Some(id) = s.selected_id() else {
        return false;
    };
    if lane_core::model::series::of_block(s.data(), id).is_err() {
        return false;
    }
    s.mode = Mode::AskSeries(SeriesChoice {
        block: id,
        delete,
        cursor: 0,
    });
    true
}

pub(super) fn update_choice(s: &mut State, action: Action, now: NaiveDateTime) -> Vec<Effect> {
    let Mode::AskSeries(mut choice) = s.mode else {
        return Vec::new();
    };
    let pick = match action {
        Action::Down | Action::Up => {
            choice.cursor = 1 - choice.cursor.min(1);
            s.mode = Mode::AskSeries(choice);
            None
        }
        Action::Submit => Some(choice.cursor),
        Action::SelectRow(i) if i < 2 => Some(i),
        Action::Cancel | Action::Quit => {
            s.mode = Mode::Normal;
            s.info("nothing changed");
            None
        }
        _ => None,
    };
    let Some(whole) = pick.map(|i| i == 1) else {
        return Vec::new();
    };
    s.mode = Mode::Normal;
    let id = choice.block;
    match (choice.delete, whole) {
        (false, false) => {
            s.mode = Mode::Form(Form::open(s.data(), Kind::Block, Purpose::Edit(id), now));
        }
        (false, true) => {
            s.mode = Mode::Form(Form::open(
                s.data(),
                Kind::Block,
                Purpose::EditSeries(id),
                now,
            ));
        }
        (true, false) => return super::items::delete(s),
        (true, true) => {
            let today = s.today;
            match lane_core::model::series::delete(s.edit(), id, today) {
                Ok(gone) => {
                    s.select(s.pos().selected);
                    s.info(format!(
                        "deleted the series with {gone} coming block{} — u brings it back",
                        if gone == 1 { "" } else { "s" }
                    ));
                }
                Err(why) => s.error(why),
            }
        }
    }
    Vec::new()
}
