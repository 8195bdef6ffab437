//! The roadmap on the Priorities tab: weeks across, one row per outcome shown in
//! the list, each milestone and due date on its day, and a line at today. What
//! falls where is `model::roadmap`'s; this only lays it out.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::dates::due_label;
use super::fit::fit;
use super::priorities::mark;
use super::theme;
use crate::state::State;
use lane_core::model::Priority;
use lane_core::model::roadmap::{self, Cell, MAX_WEEKS, Mark};

/// A week needs room for its date (`23 Nov`) and a space.
const MIN_WEEK: usize = 7;
/// Wider weeks say no more; the rest of the width goes to the titles.
const MAX_WEEK: usize = 10;
/// `Fri 18 Dec`, the due column.
const DUE: usize = 10;
/// The title column never gets narrower than this.
const MIN_LABEL: usize = 22;

/// Column widths for a body `width` wide: the title, each week, how many weeks.
struct Widths {
    label: usize,
    week: usize,
    weeks: usize,
}

fn widths(width: usize) -> Widths {
    let room = width.saturating_sub(MIN_LABEL + DUE + 1);
    let weeks = (room / MIN_WEEK).clamp(1, MAX_WEEKS);
    let week = (room / weeks).clamp(MIN_WEEK, MAX_WEEK);
    let label = width.saturating_sub(DUE + 1 + weeks * week).max(MIN_LABEL);
    Widths { label, week, weeks }
}

/// The column inside a week where a day falls: Monday at 0, Sunday still
/// before the space that parts the weeks.
fn day_offset(day: NaiveDate, week: usize) -> usize {
    column(day.weekday().num_days_from_monday(), week)
}

fn column(weekday: u32, week: usize) -> usize {
    weekday as usize * week.saturating_sub(1) / 7
}

pub fn draw(frame: &mut Frame, area: Rect, state: &State, view: &[usize], now: NaiveDateTime) {
    let today = now.date();
    let w = widths(area.width as usize);
    let weeks = roadmap::weeks(today, w.weeks);
    let mut header = vec![Span::raw(fit("  # Outcome", w.label))];
    for monday in &weeks {
        header.push(Span::raw(fit(&monday.format("%d %b").to_string(), w.week)));
    }
    header.push(Span::raw(format!(" {:<DUE$}", "Due")));
    let mut lines = vec![Line::from(header).style(theme::table_header())];
    if view.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            "No outcomes to show — a adds one; c shows closed ones too.",
            theme::dim(),
        ));
    }
    let pos = state.pos();
    let rows = (area.height as usize).saturating_sub(1);
    let start = pos.offset.min(view.len());
    let data = state.data();
    for (row, &i) in view.iter().enumerate().skip(start).take(rows) {
        let Some(p) = data.priorities.get(i) else {
            continue;
        };
        lines.push(outcome_line(p, &weeks, &w, today, row == pos.selected));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// `  1 ◆ Ship billing v2   ··│···✓ ·····●· ···┃    Fri 18 Dec`
fn outcome_line(
    p: &Priority,
    weeks: &[NaiveDate],
    w: &Widths,
    today: NaiveDate,
    selected: bool,
) -> Line<'static> {
    let label_style = if selected {
        theme::selected()
    } else if p.status.is_closed() {
        theme::done()
    } else {
        Style::new()
    };
    let mark = mark(p);
    let mut spans = vec![
        Span::styled(format!("{:>3} ", p.id), label_style),
        Span::styled(mark.content.to_string(), mark.style.patch(label_style)),
        Span::styled(
            fit(&format!(" {}", p.title), w.label.saturating_sub(6)),
            label_style,
        ),
        Span::raw(" "),
    ];
    let cells = roadmap::row(p, weeks, today);
    let overdue = roadmap::overdue(p, today);
    for (k, cell) in cells.iter().enumerate() {
        let mut chars = week_chars(cell, p, w.week, overdue);
        if k == 0 {
            // The today line, wherever nothing is marked.
            let at = day_offset(today, w.week);
            if let Some(c) = chars.get_mut(at).filter(|c| c.0 == '·' || c.0 == ' ') {
                *c = ('│', theme::focus());
            }
        }
        spans.extend(
            chars
                .into_iter()
                .map(|(c, s)| Span::styled(c.to_string(), s)),
        );
    }
    let due_style = if overdue {
        theme::error()
    } else {
        Style::new()
    };
    spans.push(Span::styled(
        format!(" {}", due_label(p.due, today)),
        due_style,
    ));
    Line::from(spans)
}

/// One week of an outcome: a dotted run while it is under way, each milestone on
/// its day (✓ delivered, ● ahead, ! overdue), ┃ on the day it is due, and ◀ (late) in
/// the first week when that day has passed before it.
fn week_chars(cell: &Cell, p: &Priority, week: usize, overdue: bool) -> Vec<(char, Style)> {
    let due_at = p.due.map(|d| day_offset(d, week));
    let mut chars: Vec<(char, Style)> = (0..week.saturating_sub(1))
        .map(|i| {
            let under_way = cell.running && !(cell.due && due_at.is_some_and(|d| i > d));
            (if under_way { '·' } else { ' ' }, theme::dim())
        })
        .collect();
    if cell.due
        && let Some(at) = due_at.filter(|&d| d < chars.len())
    {
        let style = if overdue {
            theme::error()
        } else {
            theme::title()
        };
        chars[at] = ('┃', style);
    }
    if cell.late
        && let Some(first) = chars.first_mut()
    {
        *first = ('◀', theme::error());
    }
    let taken = |c: char| matches!(c, '✓' | '●' | '!' | '+' | '┃' | '◀');
    for &(m, day) in &cell.marks {
        let (c, style) = match m {
            Mark::Done => ('✓', theme::info()),
            Mark::Open => ('●', theme::title()),
            Mark::Overdue => ('!', theme::error()),
        };
        // On its day, or the next free column: every milestone stays visible,
        // and a week with more than fit ends in +.
        let from = column(day, week);
        match (from..chars.len()).find(|&i| !taken(chars[i].0)) {
            Some(i) => chars[i] = (c, style),
            None => {
                if let Some(last) = chars.last_mut() {
                    *last = ('+', style);
                }
            }
        }
    }
    chars.push((' ', Style::new()));
    chars
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weeks_fit_the_width() {
        let at = |w: usize| {
            let x = widths(w);
            (x.weeks, x.week, x.label + x.weeks * x.week + DUE + 1)
        };
        assert_eq!(at(200).0, MAX_WEEKS, "a quarter at 200 columns");
        assert!(at(80).0 >= 6 && at(80).0 < MAX_WEEKS, "{:?}", at(80));
        for w in [40, 80, 120, 200, 300] {
            assert!(at(w).2 <= w.max(MIN_LABEL + MIN_WEEK + DUE + 1), "{w}");
        }
    }
}
