//! The Priorities list in sections by quarter (Q): a heading per quarter with
//! its count of strategic outcomes against the limit, then its outcomes in the
//! list's order, strategic ones marked ★; outcomes with no quarter come last.

use chrono::NaiveDateTime;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::TableState;

use super::list::{self, ListRow};
use super::{priorities, theme};
use crate::state::State;
use lane_core::model::outcomes::{quarter, strategic_in};

/// `2026-Q4 · strategic 2/3`, or `no quarter`.
pub fn heading(state: &State, q: Option<&str>) -> String {
    match q {
        Some(q) => format!(
            "{q} · strategic {}/{}",
            strategic_in(state.data(), q).len(),
            state.rules.strategic_per_quarter
        ),
        None => "no quarter".into(),
    }
}

pub fn draw(frame: &mut Frame, area: Rect, state: &State, view: &[usize], now: NaiveDateTime) {
    let data = state.data();
    let columns = priorities::columns(data, &state.rules, now.date());
    if view.is_empty() {
        return list::draw(frame, area, state, view, columns);
    }
    // Every row is built: a list of outcomes is short, and the headings move
    // the rows, so the window is found on all of them.
    let mut rows: Vec<ListRow> = Vec::new();
    let mut selected_row = 0;
    let mut current: Option<Option<String>> = None;
    let items = (columns.rows)(view);
    for (n, (&i, mut item)) in view.iter().zip(items).enumerate() {
        let p = &data.priorities[i];
        let q = quarter(p);
        if current.as_ref() != Some(&q) {
            let mut cells = vec![Line::raw(""); columns.header.len()];
            cells[columns.title] =
                Line::from(Span::styled(heading(state, q.as_deref()), theme::title()));
            rows.push(ListRow::new(cells));
            current = Some(q);
        }
        if p.strategic
            && let Some(title) = item.cells.get_mut(columns.title)
        {
            title.spans.insert(0, Span::styled("★ ", theme::focus()));
        }
        if n == state.pos().selected {
            selected_row = rows.len();
        }
        rows.push(item);
    }
    // The heading of the first section shown stays in view above its rows.
    let height = area.height.saturating_sub(1) as usize;
    let offset_item = state.pos().offset.min(view.len().saturating_sub(1));
    let mut start = rows_before(state, view, offset_item);
    if selected_row >= start + height {
        start = selected_row + 1 - height;
    }
    start = start.min(selected_row);
    let end = (start + height).min(rows.len());
    let shown: Vec<ListRow> = rows.drain(start..end).collect();
    let table = list::table(&columns, shown, area.width).row_highlight_style(theme::selected());
    let mut ts = TableState::default().with_selected(Some(selected_row - start));
    frame.render_stateful_widget(table, area, &mut ts);
}

/// The row (headings counted) of the heading above the item at `n` when it
/// opens a section, else of the item.
fn rows_before(state: &State, view: &[usize], n: usize) -> usize {
    let data = state.data();
    let mut headings = 0;
    let mut last: Option<Option<String>> = None;
    for &i in &view[..=n] {
        let q = quarter(&data.priorities[i]);
        if last.as_ref() != Some(&q) {
            headings += 1;
            last = Some(q);
        }
    }
    let opens =
        n == 0 || quarter(&data.priorities[view[n - 1]]) != quarter(&data.priorities[view[n]]);
    n + headings - usize::from(opens)
}
