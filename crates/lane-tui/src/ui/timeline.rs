//! The day as a timeline over working hours: blocks at their place, in lanes
//! where they overlap, free stretches labelled, and a now-line on today.

use chrono::{NaiveDateTime, NaiveTime, Timelike};
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

fn minute_of(t: NaiveTime) -> i64 {
    i64::from(t.hour() * 60 + t.minute())
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
    let blocks: Vec<&Block> = view.iter().map(|&i| &state.data().blocks[i]).collect();
    let selected = view.get(state.pos().selected).copied();
    let hours = state.rules.hours.on(day);

    // The axis spans working hours, widened to every block (and now, on today).
    let (mut from, mut to) = hours.map_or((9 * 60, 17 * 60), |(s, e)| (minute_of(s), minute_of(e)));
    for b in &blocks {
        let (s, e) = span_of(b);
        from = from.min(s);
        to = to.max(e);
    }
    let on_today = day == now.date();
    let now_min = on_today.then(|| minute_of(now.time()));
    if let Some(n) = now_min {
        from = from.min(n);
        to = to.max(n + 1);
    }
    from = from / 60 * 60;
    to = (to + 59) / 60 * 60;
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
    let lane_w = (content_w / lane_count).max(1);
    let lane_width = |lane: usize| {
        if lane + 1 == lane_count {
            content_w.saturating_sub(lane_w * (lane_count - 1))
        } else {
            lane_w
        }
    };
    let work = hours.map(|(s, e)| (minute_of(s), minute_of(e)));

    let mut lines = Vec::new();
    for row in top..(top + rows_avail).min(rows.len()) {
        let start = rows[row];
        let end = rows.get(row + 1).copied().unwrap_or(to);
        let inside = work.is_some_and(|(s, e)| start >= s && start < e);
        let is_now = now_min.is_some_and(|n| n >= start && n < end);
        // Hours (and half hours when there is room) are marked, and wherever a
        // block or a free stretch begins.
        let begins =
            blocks.iter().any(|b| span_of(b).0 == start) || free.iter().any(|f| f.0 == start);
        let on_mark = start % 60 == 0 || step == 15 && start % 30 == 0 || begins;
        let gutter = if is_now {
            Span::styled(format!("{:>5}▸ ", now.format("%H:%M")), theme::error())
        } else if on_mark {
            let t = format!("{:02}:{:02}  ", start / 60, start % 60);
            Span::styled(t, if inside { Style::new() } else { theme::dim() })
        } else {
            Span::raw(" ".repeat(GUTTER as usize))
        };
        let mut spans = vec![gutter];
        let in_lane = |lane: usize| {
            blocks.iter().enumerate().find(|(k, b)| {
                let (s, e) = span_of(b);
                lane_of[*k] == lane && s < end && e > start
            })
        };
        let mut lane = 0;
        while lane < lane_count {
            let here = in_lane(lane);
            let mut width = lane_width(lane);
            // A block's text may run on over lanes that are free in this row.
            let mut next = lane + 1;
            if here.is_some() {
                while next < lane_count && in_lane(next).is_none() {
                    width += lane_width(next);
                    next += 1;
                }
            }
            let cell = match here {
                Some((k, b)) => {
                    let first = minute_of(b.start) >= start || row == top;
                    let mut style = super::blocks::style_of(b);
                    if selected == Some(view[k]) {
                        style = style.patch(theme::selected());
                    }
                    if is_now && !first {
                        let dash = "─".repeat(width.saturating_sub(1));
                        Span::styled(fit(&format!("▌{dash}"), width), style.patch(theme::error()))
                    } else if first {
                        let text = format!("▌{}", label(b, state, now));
                        Span::styled(fit(&text, width), style)
                    } else {
                        Span::styled(fit("▌", width), style)
                    }
                }
                None => {
                    // A free stretch is labelled on its first row (or the top one
                    // when scrolled into it), with its whole length.
                    let stretch = free
                        .iter()
                        .find(|(s, e)| *s <= start && start < *e && (*s == start || row == top))
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
            };
            spans.push(cell);
            lane = next;
        }
        lines.push(Line::from(spans));
    }
    if blocks.is_empty() {
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
