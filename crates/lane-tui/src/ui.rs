//! Drawing. Reads the state, never changes it.

mod blockers;
mod blocks;
mod boundaries;
mod choose;
mod dates;
mod decisions;
mod detail;
mod fit;
mod footer;
mod form;
mod header;
mod help;
mod hours;
pub mod layout;
mod list;
mod outcome;
mod pass;
mod priorities;
mod quarters;
mod record;
mod report;
mod review;
mod roadmap;
mod steps;
pub mod tabs;
mod team;
pub mod theme;
mod timeline;

use chrono::NaiveDateTime;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

use lane_core::model::view::{ViewOpts, visible};
use ratatui::widgets::{Clear, Paragraph};

use ratatui::text::{Line, Span};

use crate::keymap::Keymap;
use crate::state::{Mode, State};
use lane_core::model::{Data, conflicts};

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
    let tab = tabs::view_of(state);
    let view = state.view();
    let selected = view.get(state.pos().selected).copied();
    let archived = archived_matches(state, today);
    // With no live match, the detail shows the first archived one: a past example
    // and how it was resolved is what a search is for.
    let (source, shown) = match (selected, state.archive.as_ref(), archived.first()) {
        (None, Some(archive), Some(&first)) => (archive, Some(first)),
        _ => (state.data(), selected),
    };
    let detail = tab.detail.map(|lines| {
        shown.and_then(|i| {
            let mut lines = lines(source, i, state, now)?;
            lines.extend(conflict_lines(source, state, i));
            Some(lines)
        })
    });
    let (list_area, detail_area) =
        layout::split_detail(a.body, state.wide && detail.is_some() && !tab.full_width);
    // Charts: beside the list when wide, under it when tall enough.
    let (list_area, charts_area) = match tab.side {
        Some(_) if state.wide => layout::split(list_area, true),
        Some(_) if list_area.height >= 2 * review::CHART_ROWS => {
            let [l, c] =
                Layout::vertical([Constraint::Min(0), Constraint::Length(review::CHART_ROWS)])
                    .areas(list_area);
            (l, Some(c))
        }
        _ => (list_area, None),
    };
    match (tab.columns, tab.body) {
        (Some(columns), _) => {
            let columns = columns(state.data(), state, now);
            draw_table(frame, list_area, state, &view, columns, &archived, today);
        }
        (None, Some(body)) => body(frame, list_area, state, &view, now),
        (None, None) => {}
    }
    // Wide, the details keep their place beside the list, holding the keys
    // (and scrolled) while open: see `draw_overlay`.
    let pane_open = matches!(state.mode, Mode::Detail);
    if let (Some(area), Some(lines), false) = (detail_area, detail.clone(), pane_open) {
        detail::draw_detail(frame, area, lines, 0);
    }
    if let (Some(area), Some(side)) = (charts_area, tab.side) {
        side(frame, area, state, now);
    }
    if let Some(pass) = &state.pass {
        pass::draw(frame, a.body, state, pass, now);
    }
    if let Some(open) = &state.steps {
        match detail_area {
            Some(pane) => steps::draw(frame, pane, state, open, today, true),
            None => steps::draw(frame, a.body, state, open, today, false),
        }
    }
    footer::draw_message(frame, a.message, state);
    footer::draw_hints(frame, a.footer, state, keymap);
    let detail_at = detail_area.unwrap_or(a.body);
    draw_overlay(frame, &a, state, keymap, (detail_at, detail.flatten()), now);
}

/// What the mode puts over the screen: help, a form, the details, a choice…
fn draw_overlay(
    frame: &mut Frame,
    a: &layout::Areas,
    state: &State,
    keymap: &Keymap,
    (detail_at, detail): (Rect, Option<Vec<Line<'static>>>),
    now: NaiveDateTime,
) {
    let area = frame.area();
    match &state.mode {
        Mode::Normal => {}
        Mode::Help => help::draw(frame, area, state, keymap),
        Mode::Form(f) => form::draw(frame, area, f, state),
        Mode::Detail => {
            frame.render_widget(Clear, detail_at);
            detail::draw_detail(frame, detail_at, detail, state.detail_scroll);
        }
        Mode::ChooseFocus(choice) => choose::draw(frame, area, state, choice),
        Mode::AskSeries(choice) => choose::draw_series(frame, area, state, choice),
        Mode::Filter => footer::draw_filter(frame, a.message, state),
        Mode::Report(view) => report::draw(frame, area, view),
        Mode::Record => record::draw(frame, a.body, state, now),
        Mode::Messages => help::draw_messages(frame, area, state),
        Mode::Team(panel) => team::draw(frame, area, panel),
    }
}

/// The tab's table, with what a search found in the archive below the live matches.
fn draw_table(
    frame: &mut Frame,
    area: Rect,
    state: &State,
    view: &[usize],
    columns: list::Columns,
    archived: &[usize],
    today: chrono::NaiveDate,
) {
    let Some(archive) = state.archive.as_ref().filter(|_| !archived.is_empty()) else {
        return list::draw(frame, area, state, view, columns);
    };
    if view.is_empty() {
        return draw_archived(frame, area, archive, state, archived, today);
    }
    // Live matches first, then what the archive holds (read-only).
    let live_rows = (view.len() as u16 + 1)
        .max(2)
        .min(area.height.saturating_sub(4));
    let [live, rest] =
        Layout::vertical([Constraint::Length(live_rows), Constraint::Min(0)]).areas(area);
    list::draw(frame, live, state, view, columns);
    draw_archived(frame, rest, archive, state, archived, today);
}

/// Archived matches of a search, below the live ones; read-only, so no cursor.
fn draw_archived(
    frame: &mut Frame,
    area: Rect,
    archive: &Data,
    state: &State,
    matches: &[usize],
    today: chrono::NaiveDate,
) {
    let now = today.and_hms_opt(12, 0, 0).unwrap_or_default();
    let Some(columns) = tabs::view(state.tab).columns else {
        return;
    };
    let columns = columns(archive, state, now);
    let title =
        Line::raw(format!(" In the archive ({}, read-only)", matches.len())).style(theme::dim());
    frame.render_widget(
        Paragraph::new(title),
        Rect {
            height: 1.min(area.height),
            ..area
        },
    );
    let body = Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(1),
        ..area
    };
    let shown = &matches[..matches.len().min(body.height.saturating_sub(1) as usize)];
    let rows = (columns.rows)(shown);
    frame.render_widget(list::table(&columns, rows, body.width), body);
}

/// Items in the archive that match the current tab's filter (none without a filter,
/// and none for a tab that is not a table of items).
fn archived_matches(state: &State, today: chrono::NaiveDate) -> Vec<usize> {
    let view = &state.views[state.tab.index()];
    let kind = state
        .tab
        .kind()
        .filter(|_| tabs::view_of(state).columns.is_some());
    match (&state.archive, kind) {
        (Some(archive), Some(kind)) if !view.filter.trim().is_empty() => {
            let opts = ViewOpts {
                filter: view.filter.clone(),
                show_closed: true,
                day: None,
                quarters: false,
            };
            visible(archive, kind, &opts, state.rank_order, today)
        }
        _ => Vec::new(),
    }
}

/// Under an item's detail: each field two writers changed differently.
fn conflict_lines(source: &Data, state: &State, index: usize) -> Vec<Line<'static>> {
    let Some(kind) = state.tab.kind() else {
        return Vec::new();
    };
    let Some(uid) = source.list(kind).uid_at(index) else {
        return Vec::new();
    };
    let mut lines: Vec<Line<'static>> = conflicts::about(state.data(), kind, uid)
        .map(|c| {
            Line::from(Span::styled(
                format!(
                    "⚠ conflict {}: {}",
                    c.id,
                    conflicts::describe(state.data(), c)
                ),
                theme::warning(),
            ))
        })
        .collect();
    if !lines.is_empty() {
        lines.insert(0, Line::raw(""));
        // Open details take the keys; beside the list (wide) the keys are the
        // list's until enter hands them to the pane.
        let how = if matches!(state.mode, crate::state::Mode::Detail) {
            "space keeps lane's value, o takes the other's, e edits, esc goes back (or lane conflicts keep|take ID)"
        } else {
            "enter settles it here: then space keeps lane's value, o takes the other's, e edits"
        };
        lines.push(Line::from(Span::styled(how, theme::dim())));
    }
    lines
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
