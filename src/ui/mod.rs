//! Drawing. Reads the state, never changes it.

mod blockers;
mod blocks;
mod decisions;
mod footer;
mod form;
mod header;
mod help;
pub mod layout;
mod list;
mod priorities;
mod review;
pub mod theme;

use chrono::NaiveDateTime;
use ratatui::Frame;
use ratatui::layout::Rect;

use crate::config::Keymap;
use crate::model::Kind;
use crate::state::{Mode, State};

pub fn draw(frame: &mut Frame, state: &State, keymap: &Keymap, now: NaiveDateTime) {
    let area = frame.area();
    let a = layout::areas(area);
    header::draw(frame, a.header, state, now);
    header::draw_tabs(frame, a.tabs, state.tab);
    let today = now.date();
    let columns = match state.tab {
        Kind::Priority => priorities::columns(&state.data, today),
        Kind::Block => blocks::columns(&state.data, today),
        Kind::Blocker => blockers::columns(&state.data, today),
        Kind::Decision => decisions::columns(&state.data, today),
        Kind::Review => review::columns(&state.data, today),
    };
    list::draw(frame, a.body, state, columns);
    footer::draw_message(frame, a.message, state);
    footer::draw_hints(frame, a.footer, state, keymap);
    match &state.mode {
        Mode::Normal => {}
        Mode::Help => help::draw(frame, area, state, keymap),
        Mode::Form(f) => form::draw(frame, area, f),
    }
}

/// A rectangle of at most `w`×`h` centred in `area`.
fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}
