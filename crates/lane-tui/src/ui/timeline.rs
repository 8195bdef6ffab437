//! The day as a timeline over working hours: blocks at their place, in lanes
//! where they overlap, free stretches labelled, and a now-line on today.

use chrono::{NaiveDateTime, NaiveTime};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::blocks::{footer_line, label, title_line};
use super::fit::fit;
use super::theme;
use crate::state::State;
use lane_core::model::Block;
use lane_core::model::day::hm;
use lane_core::model::slots::free_stretches;

/// Columns of the time gutter left of the blocks.
const GUTTER: u16 = 7;

/// `t`'s minute of the day; a block ending at 24:00 runs to the last row's end.
fn minute_of(t: NaiveTime) -> i64 {
    i64::from(lane_core::model::time_of_day::minute_of_day(t))
}

/// A block's minutes of the day; one of no length still takes a minute, so it shows.
fn span_of(b: &Block) -> (i64, i64) {
    let start = minute_of(b.start);
    (start, minute_of(b.end).max(start + 1))
}

/// Where the rows start: every `step` minutes from `from` to `to`, and at each
/// edge of a block or a free stretch, so every block and every free stretch
/// begins on a row of its own. Its label is then never lost to a neighbour
/// sharing the row, and a gap shorter than a row still shows.
fn row_starts(blocks: &[&Block], free: &[(i64, i64)], from: i64, to: i64, step: i64) -> Vec<i64> {
    let grid = (from..to).step_by(step.max(1) as usize);
    let edges = blocks
        .iter()
        .map(|b| span_of(b))
        .chain(free.iter().copied())
        .flat_map(|(s, e)| [s, e]);
    let mut starts: Vec<i64> = grid
        .chain(edges)
        .filter(|m| (from..to).contains(m))
        .collect();
    starts.sort_unstable();
    starts.dedup();
    starts
}

/// Lanes for overlapping blocks: each block gets the first lane free at its start.
fn lanes(blocks: &[&Block]) -> (Vec<usize>, usize) {
    let mut ends: Vec<NaiveTime> = Vec::new();
    let mut lane_of = Vec::new();
    for b in blocks {
        match ends.iter().position(|e| *e <= b.start) {
            Some(l) => {
                ends[l] = b.end;
                lane_of.push(l);
            }
            None => {
                ends.push(b.end);
                lane_of.push(ends.len() - 1);
            }
        }
    }
    let n = ends.len().max(1);
    (lane_of, n)
}

/// One day laid out: the rows' start minutes, the lanes overlapping blocks
/// take, the free stretches, and where the view is scrolled to.
struct Day<'a> {
    state: &'a State,
    view: &'a [usize],
    now: NaiveDateTime,
    blocks: Vec<&'a Block>,
    /// The selected block, as an index into the data's blocks.
    selected: Option<usize>,
    free: Vec<(i64, i64)>,
    /// Working hours, in minutes of the day.
    work: Option<(i64, i64)>,
    now_min: Option<i64>,
    /// Where each row starts, every `step` minutes and at every edge.
    rows: Vec<i64>,
    step: i64,
    /// Where the axis ends.
    to: i64,
    /// The first row shown, and how many fit.
    top: usize,
    rows_avail: usize,
    lane_of: Vec<usize>,
    lane_count: usize,
    content_w: usize,
    lane_w: usize,
}

impl<'a> Day<'a> {
    fn new(state: &'a State, view: &'a [usize], body: Rect, now: NaiveDateTime) -> Day<'a> {
        let day = state.day();
        let blocks: Vec<&Block> = view.iter().map(|&i| &state.data().blocks[i]).collect();
        let selected = view.get(state.pos().selected).copied();
        let hours = state.rules.hours.on(day);
        let now_min = (day == now.date()).then(|| minute_of(now.time()));
        let (from, to) = axis(&blocks, hours, now_min);
        // Free time comes from the day's data: every block, filtered out or not.
        let free: Vec<(i64, i64)> = free_stretches(state.data(), &state.rules.hours, day)
            .into_iter()
            .map(|(s, e)| (minute_of(s), minute_of(e)))
            .collect();
        let rows_avail = body.height.max(1) as usize;
        let fine = row_starts(&blocks, &free, from, to, 15);
        let (step, rows) = if fine.len() <= rows_avail {
            (15, fine)
        } else {
            (30, row_starts(&blocks, &free, from, to, 30))
        };
        let row_of = |minute: i64| rows.partition_point(|&m| m <= minute).saturating_sub(1);
        // Scroll so the selected block (or now) sits a third of the way down.
        let focus_minute = selected
            .map(|i| minute_of(state.data().blocks[i].start))
            .or(now_min)
            .unwrap_or(from);
        let top = row_of(focus_minute)
            .saturating_sub(rows_avail / 3)
            .min(rows.len().saturating_sub(rows_avail));
        let (lane_of, lane_count) = lanes(&blocks);
        let content_w = body.width.saturating_sub(GUTTER) as usize;
        Day {
            state,
            view,
            now,
            blocks,
            selected,
            free,
            work: hours.map(|(s, e)| (minute_of(s), minute_of(e))),
            now_min,
            rows,
            step,
            to,
            top,
            rows_avail,
            lane_of,
            lane_count,
            content_w,
            lane_w: (content_w / lane_count).max(1),
        }
    }

    /// The rows in view.
    fn lines(&self) -> Vec<Line<'static>> {
        (self.top..(self.top + self.rows_avail).min(self.rows.len()))
            .map(|row| self.row_line(row))
            .collect()
    }

    fn lane_width(&self, lane: usize) -> usize {
        if lane + 1 == self.lane_count {
            self.content_w
                .saturating_sub(self.lane_w * (self.lane_count - 1))
        } else {
            self.lane_w
        }
    }

    /// The block in `lane` during `start..end`, with its place in `blocks`.
    fn in_lane(&self, lane: usize, start: i64, end: i64) -> Option<(usize, &'a Block)> {
        self.blocks.iter().copied().enumerate().find(|(k, b)| {
            let (s, e) = span_of(b);
            self.lane_of[*k] == lane && s < end && e > start
        })
    }

    /// One row: the time gutter, then each lane's cell.
    fn row_line(&self, row: usize) -> Line<'static> {
        let start = self.rows[row];
        let end = self.rows.get(row + 1).copied().unwrap_or(self.to);
        let is_now = self.now_min.is_some_and(|n| n >= start && n < end);
        let mut spans = vec![self.gutter(start, is_now)];
        let mut lane = 0;
        while lane < self.lane_count {
            let here = self.in_lane(lane, start, end);
            let mut width = self.lane_width(lane);
            // A block's text may run on over lanes that are free in this row.
            let mut next = lane + 1;
            if here.is_some() {
                while next < self.lane_count && self.in_lane(next, start, end).is_none() {
                    width += self.lane_width(next);
                    next += 1;
                }
            }
            spans.push(match here {
                Some((k, b)) => self.block_cell(row, start, is_now, k, b, width),
                None => self.free_cell(row, start, is_now, lane, width),
            });
            lane = next;
        }
        Line::from(spans)
    }

    /// The time left of a row: now, or the time where the row is marked.
    fn gutter(&self, start: i64, is_now: bool) -> Span<'static> {
        let inside = self.work.is_some_and(|(s, e)| start >= s && start < e);
        // Hours (and half hours when there is room) are marked, and wherever a
        // block or a free stretch begins.
        let begins = self.blocks.iter().any(|b| span_of(b).0 == start)
            || self.free.iter().any(|f| f.0 == start);
        let on_mark = start % 60 == 0 || self.step == 15 && start % 30 == 0 || begins;
        if is_now {
            Span::styled(format!("{:>5}▸ ", self.now.format("%H:%M")), theme::error())
        } else if on_mark {
            let t = format!("{:02}:{:02}  ", start / 60, start % 60);
            Span::styled(t, if inside { Style::new() } else { theme::dim() })
        } else {
            Span::raw(" ".repeat(GUTTER as usize))
        }
    }

    /// A block's cell: its label on its first row, a bar below it, crossed by now.
    fn block_cell(
        &self,
        row: usize,
        start: i64,
        is_now: bool,
        k: usize,
        b: &Block,
        width: usize,
    ) -> Span<'static> {
        let first = minute_of(b.start) >= start || row == self.top;
        let mut style = super::blocks::style_of(b);
        if self.selected == Some(self.view[k]) {
            style = style.patch(theme::selected());
        }
        if is_now && !first {
            let dash = "─".repeat(width.saturating_sub(1));
            Span::styled(fit(&format!("▌{dash}"), width), style.patch(theme::error()))
        } else if first {
            // The offered re-fit's move, beside the block it would move.
            let moving = match self.state.calendars.refit_to(b.date, b.id) {
                Some(to) => format!(" → {}", to.times()),
                None => String::new(),
            };
            let text = format!("▌{}{moving}", label(b, self.state, self.now));
            Span::styled(fit(&text, width), style)
        } else {
            Span::styled(fit("▌", width), style)
        }
    }

    /// A cell no block takes: a free stretch is labelled on its first row (or
    /// the top one when scrolled into it), with its whole length.
    fn free_cell(
        &self,
        row: usize,
        start: i64,
        is_now: bool,
        lane: usize,
        width: usize,
    ) -> Span<'static> {
        let stretch = self
            .free
            .iter()
            .find(|(s, e)| *s <= start && start < *e && (*s == start || row == self.top))
            .filter(|_| lane == 0);
        match (stretch, is_now) {
            (Some((s, e)), true) => {
                let label = format!("─ free {} ", hm(e - s));
                let rule = "─".repeat(width.saturating_sub(label.chars().count()));
                Span::styled(fit(&format!("{label}{rule}"), width), theme::error())
            }
            (Some((s, e)), false) => {
                // Scrolled into, it says where it began: the length is the stretch's.
                let from = if *s < start {
                    format!(" from {:02}:{:02}", s / 60, s % 60)
                } else {
                    String::new()
                };
                let text = format!("· free {}{from}", hm(e - s));
                Span::styled(fit(&text, width), theme::dim())
            }
            (None, true) => Span::styled("─".repeat(width), theme::error()),
            (None, false) => Span::raw(" ".repeat(width)),
        }
    }
}

/// The axis spans working hours, widened to every block (and now, on today),
/// in whole hours.
fn axis(blocks: &[&Block], hours: Option<(NaiveTime, NaiveTime)>, now: Option<i64>) -> (i64, i64) {
    let (mut from, mut to) = hours.map_or((9 * 60, 17 * 60), |(s, e)| (minute_of(s), minute_of(e)));
    for b in blocks {
        let (s, e) = span_of(b);
        from = from.min(s);
        to = to.max(e);
    }
    if let Some(n) = now {
        from = from.min(n);
        to = to.max(n + 1);
    }
    (from / 60 * 60, (to + 59) / 60 * 60)
}

pub fn draw_day(frame: &mut Frame, area: Rect, state: &State, view: &[usize], now: NaiveDateTime) {
    let day = state.day();
    let [title, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let width = area.width as usize;
    frame.render_widget(Paragraph::new(title_line(state, day, width)), title);
    frame.render_widget(Paragraph::new(footer_line(state, day, now, width)), footer);
    let laid_out = Day::new(state, view, body, now);
    let mut lines = laid_out.lines();
    if laid_out.blocks.is_empty() {
        lines.push(Line::from(Span::styled(
            fit(
                "       Nothing planned — a adds a block: `9-10:30 billing spec`, `14:00 +90m review`",
                width,
            ),
            theme::dim(),
        )));
    }
    frame.render_widget(Paragraph::new(lines), body);
}

#[cfg(test)]
mod tests {
    use super::*;
    use lane_core::model::BlockKind;
    use lane_core::model::test_util::block;

    const MON: &str = "2026-11-23";

    #[test]
    fn every_block_and_every_gap_starts_a_row_at_any_step() {
        let a = block(1, MON, "13:15", "14:45", BlockKind::Deep);
        let b = block(2, MON, "14:45", "16:15", BlockKind::Deep);
        let free = [(9 * 60, 13 * 60 + 15), (16 * 60 + 15, 17 * 60 + 30)];
        let rows = row_starts(&[&a, &b], &free, 8 * 60, 18 * 60, 30);
        for edge in [795, 885, 975, 9 * 60, 1050] {
            assert!(rows.contains(&edge), "{edge} starts a row: {rows:?}");
        }
        // The half-hour grid is still there, once each.
        assert!(rows.contains(&(14 * 60 + 30)));
        let mut sorted = rows.clone();
        sorted.dedup();
        assert_eq!(sorted, rows);
        assert!(rows.iter().all(|m| (8 * 60..18 * 60).contains(m)));
    }

    #[test]
    fn a_block_of_no_length_still_takes_a_row() {
        let empty = block(1, MON, "10:00", "10:00", BlockKind::Admin);
        assert_eq!(span_of(&empty), (600, 601));
    }
}
