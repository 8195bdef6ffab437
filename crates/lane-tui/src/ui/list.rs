//! One table drawer for every tab: each tab only says what its columns are.
//! Only the visible rows are built, so a year of data draws as fast as a day.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState};

use super::fit::clip_line;
use super::theme;
use crate::state::State;

/// Builds the rows for these item indices (into the tab's list).
pub type RowsFn<'a> = Box<dyn Fn(&[usize]) -> Vec<ListRow> + 'a>;

/// One row: a line per column, and the row's style.
pub struct ListRow {
    pub cells: Vec<Line<'static>>,
    pub style: Style,
}

impl ListRow {
    pub fn new(cells: Vec<Line<'static>>) -> ListRow {
        ListRow {
            cells,
            style: Style::new(),
        }
    }

    pub fn style(self, style: Style) -> ListRow {
        ListRow { style, ..self }
    }
}

pub struct Columns<'a> {
    pub header: Vec<&'static str>,
    pub widths: Vec<Constraint>,
    /// The column read first (the title): the others make room for it.
    pub title: usize,
    /// Columns left out, in this order, while the title is narrower than
    /// [`TITLE_MIN`]; what they say is in the detail.
    pub optional: Vec<usize>,
    pub rows: RowsFn<'a>,
    /// Shown when the list is empty.
    pub empty: &'static str,
}

/// A title narrower than this is cut too short to recognise.
pub const TITLE_MIN: u16 = 24;

/// Which columns to show in `width`, and how wide each is: optional ones go
/// while the title is short of [`TITLE_MIN`].
pub fn fit_columns(columns: &Columns, width: u16) -> Vec<(usize, u16)> {
    let mut shown: Vec<usize> = (0..columns.widths.len()).collect();
    let mut optional = columns.optional.iter();
    loop {
        let constraints: Vec<Constraint> = shown.iter().map(|&i| columns.widths[i]).collect();
        let rects = Layout::horizontal(constraints)
            .spacing(1)
            .split(Rect::new(0, 0, width, 1));
        let fitted: Vec<(usize, u16)> = shown
            .iter()
            .copied()
            .zip(rects.iter().map(|r| r.width))
            .collect();
        let title_w = fitted
            .iter()
            .find(|(i, _)| *i == columns.title)
            .map_or(u16::MAX, |c| c.1);
        match optional.next() {
            Some(drop) if title_w < TITLE_MIN => shown.retain(|i| i != drop),
            _ => return fitted,
        }
    }
}

/// The table of `rows` in `columns` fitted to `width`: every cell cut to its
/// column, with `…` where anything was cut.
pub(super) fn table(columns: &Columns, rows: Vec<ListRow>, width: u16) -> Table<'static> {
    let fitted = fit_columns(columns, width);
    let header = Row::new(
        fitted
            .iter()
            .map(|&(i, w)| Cell::from(clip_line(Line::raw(columns.header[i]), w as usize))),
    )
    .style(theme::table_header());
    let rows = rows.into_iter().map(|row| {
        let cells = fitted.iter().map(|&(i, w)| {
            let line = row.cells.get(i).cloned().unwrap_or_default();
            Cell::from(clip_line(escaped(line), w as usize))
        });
        Row::new(cells.collect::<Vec<_>>()).style(row.style)
    });
    let widths = fitted.iter().map(|&(_, w)| Constraint::Length(w));
    Table::new(rows.collect::<Vec<_>>(), widths)
        .header(header)
        .column_spacing(1)
}

/// A cell's text with every control or bidi-override character shown as
/// `\u{…}`, as the command line prints it: every list's rows pass here, so text
/// from the data (an import, a hand edit) never reaches the terminal raw.
fn escaped(line: Line<'static>) -> Line<'static> {
    if !line
        .spans
        .iter()
        .any(|s| s.content.chars().any(lane_core::model::text::is_unsafe))
    {
        return line;
    }
    let spans = line
        .spans
        .into_iter()
        .map(|s| Span::styled(lane_core::model::text::visible(&s.content), s.style))
        .collect::<Vec<_>>();
    Line { spans, ..line }
}

pub fn draw(frame: &mut Frame, area: Rect, state: &State, view: &[usize], columns: Columns) {
    if view.is_empty() {
        let text = if !state.views[state.tab.index()].filter.trim().is_empty() {
            "Nothing matches the filter — / changes it, esc in it clears it.".to_string()
        } else if let Some(closed) = closed_hidden(state) {
            closed
        } else {
            columns.empty.to_string()
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
    let table = table(&columns, rows, area.width).row_highlight_style(theme::selected());
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

/// When every item of the tab is closed and hidden, says so with how many and
/// how to see them — "No decisions logged" would be untrue.
fn closed_hidden(state: &State) -> Option<String> {
    let kind = state.tab.kind()?;
    let list = state.data().list(kind);
    let closed = list.len() - list.open_count();
    let key = &state.closed_key;
    (closed > 0).then(|| {
        format!(
            "No open {} — {closed} closed and hidden: {key} shows them.",
            kind.table()
        )
    })
}
