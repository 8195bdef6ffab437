//! One table drawer for every tab: each tab only says what its columns are.
//! Only the visible rows are built, so a year of data draws as fast as a day.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState};

use super::theme;
use crate::state::State;

/// Builds the rows for these item indices (into the tab's list).
pub type RowsFn<'a> = Box<dyn Fn(&[usize]) -> Vec<Row<'static>> + 'a>;

pub struct Columns<'a> {
    pub header: Vec<&'static str>,
    pub widths: Vec<Constraint>,
    pub rows: RowsFn<'a>,
    /// Shown when the list is empty.
    pub empty: &'static str,
}

pub fn draw(frame: &mut Frame, area: Rect, state: &State, view: &[usize], columns: Columns) {
    if view.is_empty() {
        let text = if state.views[state.tab.index()].filter.trim().is_empty() {
            columns.empty
        } else {
            "Nothing matches the filter — / changes it, esc in it clears it."
        };
        let hint =
            Paragraph::new(vec![Line::raw(""), Line::raw(text).style(theme::dim())]).centered();
        frame.render_widget(hint, area);
        return;
    }
    let rows_visible = area.height.saturating_sub(1) as usize;
    let pos = state.pos();
    let start = pos.offset.min(view.len());
    let end = (start + rows_visible).min(view.len());
    let rows = (columns.rows)(&view[start..end]);
    let header =
        Row::new(columns.header.iter().map(|h| Cell::from(*h))).style(theme::table_header());
    let table = Table::new(rows, columns.widths)
        .header(header)
        .column_spacing(1)
        .row_highlight_style(theme::selected());
    let mut ts = TableState::default().with_selected(Some(pos.selected.saturating_sub(start)));
    frame.render_stateful_widget(table, area, &mut ts);
}

/// The row style of an item: dimmed and struck through once done.
pub fn row_style(done: bool) -> Style {
    if done { theme::done() } else { Style::new() }
}

pub fn check(done: bool) -> &'static str {
    if done { "✓" } else { " " }
}

/// Archived matches of a search, below the live ones; read-only, so no cursor.
pub fn draw_archived(
    frame: &mut Frame,
    area: Rect,
    archive: &crate::model::Data,
    state: &State,
    matches: &[usize],
    today: chrono::NaiveDate,
) {
    let now = today.and_hms_opt(12, 0, 0).unwrap_or_default();
    let Some(columns) = super::tabs::view(state.tab).columns else {
        return;
    };
    let columns = columns(archive, &state.rules, now);
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
    let header =
        Row::new(columns.header.iter().map(|h| Cell::from(*h))).style(theme::table_header());
    let table = Table::new((columns.rows)(shown), columns.widths)
        .header(header)
        .column_spacing(1);
    frame.render_widget(table, body);
}
