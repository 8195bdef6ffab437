//! Drawing. Reads the state, never changes it.

mod blockers;
mod blocks;
mod choose;
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
use ratatui::widgets::Clear;

use crate::config::Keymap;
use crate::model::Kind;
use crate::state::{Mode, State};

pub fn draw(frame: &mut Frame, state: &State, keymap: &Keymap, now: NaiveDateTime) {
    let area = frame.area();
    let a = layout::areas(area);
    let today = now.date();
    header::draw(frame, a.header, state, now);
    header::draw_focus(frame, a.focus, state, now);
    header::draw_tabs(frame, a.tabs, state);
    let rules = &state.rules;
    let columns = match state.tab {
        Kind::Priority => Some(priorities::columns(&state.data, rules, today)),
        Kind::Blocker => Some(blockers::columns(&state.data, rules, now)),
        Kind::Decision => Some(decisions::columns(&state.data, rules, today)),
        Kind::Review => Some(review::columns(&state.data, today)),
        // The day is a timeline, not a table.
        Kind::Block => None,
    };
    let view = state.view();
    let selected = view.get(state.pos().selected).copied();
    // Tabs with a detail view: beside the list when wide, an overlay otherwise.
    let detail = match state.tab {
        Kind::Priority => Some(selected.map(|i| {
            priorities::detail_lines(
                &state.data.priorities[i],
                &state.data.blockers,
                rules,
                today,
            )
        })),
        Kind::Decision => {
            Some(selected.map(|i| decisions::detail_lines(&state.data.decisions[i], rules, today)))
        }
        Kind::Blocker => Some(
            selected
                .map(|i| blockers::detail_lines(&state.data.blockers[i], &state.data, rules, now)),
        ),
        _ => None,
    };
    let (list_area, detail_area) = layout::split(a.body, state.wide && detail.is_some());
    match columns {
        Some(columns) => list::draw(frame, list_area, state, &view, columns),
        None if state.week => blocks::draw_week(frame, list_area, state, now),
        None => blocks::draw_day(frame, list_area, state, &view, now),
    }
    if let (Some(area), Some(lines)) = (detail_area, detail.clone()) {
        priorities::draw_detail(frame, area, lines);
    }
    footer::draw_message(frame, a.message, state);
    footer::draw_hints(frame, a.footer, state, keymap);
    match &state.mode {
        Mode::Normal => {}
        Mode::Help => help::draw(frame, area, state, keymap),
        Mode::Form(f) => form::draw(frame, area, f, state),
        Mode::Detail => {
            frame.render_widget(Clear, a.body);
            priorities::draw_detail(frame, a.body, detail.flatten());
        }
        Mode::ChooseFocus(choice) => choose::draw(frame, area, state, choice),
        Mode::Filter => footer::draw_filter(frame, a.message, state),
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
