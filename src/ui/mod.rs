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
mod pass;
mod priorities;
mod report;
mod review;
pub mod theme;

use chrono::NaiveDateTime;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

use crate::model::view::{ViewOpts, visible};
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
    match &state.pass {
        Some(pass) => pass::draw_steps(frame, a.tabs, pass),
        None => header::draw_tabs(frame, a.tabs, state),
    }
    let rules = &state.rules;
    let columns = match state.tab {
        Kind::Priority => Some(priorities::columns(state.data(), rules, today)),
        Kind::Blocker => Some(blockers::columns(state.data(), rules, now)),
        Kind::Decision => Some(decisions::columns(state.data(), rules, today)),
        Kind::Review => Some(review::columns(state.data(), today)),
        // The day is a timeline, not a table.
        Kind::Block => None,
    };
    let view = state.view();
    let selected = view.get(state.pos().selected).copied();
    let archived = archived_matches(state, today);
    // With no live match, the detail shows the first archived one: a past example
    // and how it was resolved is what a search is for.
    let (source, shown) = match (selected, state.archive.as_ref(), archived.first()) {
        (None, Some(archive), Some(&first)) => (archive, Some(first)),
        _ => (state.data(), selected),
    };
    // Tabs with a detail view: beside the list when wide, an overlay otherwise.
    let detail = match state.tab {
        Kind::Priority => Some(shown.map(|i| {
            priorities::detail_lines(&source.priorities[i], &state.data().blockers, rules, today)
        })),
        Kind::Decision => {
            Some(shown.map(|i| decisions::detail_lines(&source.decisions[i], rules, today)))
        }
        Kind::Blocker => Some(
            shown.map(|i| blockers::detail_lines(&source.blockers[i], state.data(), rules, now)),
        ),
        _ => None,
    };
    let (list_area, detail_area) = layout::split(a.body, state.wide && detail.is_some());
    // The Review tab's charts: beside the journal when wide, under it when tall enough.
    let (list_area, charts_area) = match state.tab {
        Kind::Review if state.wide => {
            let (l, r) = layout::split(list_area, true);
            (l, r)
        }
        Kind::Review if list_area.height >= 2 * review::CHART_ROWS => {
            let [l, c] =
                Layout::vertical([Constraint::Min(0), Constraint::Length(review::CHART_ROWS)])
                    .areas(list_area);
            (l, Some(c))
        }
        _ => (list_area, None),
    };
    match columns {
        Some(_) if !archived.is_empty() && view.is_empty() => {
            if let Some(archive) = &state.archive {
                list::draw_archived(frame, list_area, archive, state, &archived, today);
            }
        }
        Some(columns) if !archived.is_empty() => {
            // Live matches first, then what the archive holds (read-only).
            let live_rows = (view.len() as u16 + 1)
                .max(2)
                .min(list_area.height.saturating_sub(4));
            let [live, rest] =
                Layout::vertical([Constraint::Length(live_rows), Constraint::Min(0)])
                    .areas(list_area);
            list::draw(frame, live, state, &view, columns);
            if let Some(archive) = &state.archive {
                list::draw_archived(frame, rest, archive, state, &archived, today);
            }
        }
        Some(columns) => list::draw(frame, list_area, state, &view, columns),
        None if state.week => blocks::draw_week(frame, list_area, state, now),
        None => blocks::draw_day(frame, list_area, state, &view, now),
    }
    if let (Some(area), Some(lines)) = (detail_area, detail.clone()) {
        priorities::draw_detail(frame, area, lines);
    }
    if let Some(area) = charts_area {
        review::draw_charts(frame, area, state, now);
    }
    if let Some(pass) = &state.pass {
        pass::draw(frame, a.body, state, pass, now);
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
        Mode::Report(view) => report::draw(frame, area, view),
    }
}

/// Items in the archive that match the current tab's filter (none without a filter).
fn archived_matches(state: &State, today: chrono::NaiveDate) -> Vec<usize> {
    let view = &state.views[state.tab.index()];
    match &state.archive {
        Some(archive) if !view.filter.trim().is_empty() && state.tab != Kind::Block => {
            let opts = ViewOpts {
                filter: view.filter.clone(),
                show_closed: true,
                day: None,
            };
            visible(archive, state.tab, &opts, state.rank_order, today)
        }
        _ => Vec::new(),
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
