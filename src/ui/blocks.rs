//! The Time blocks tab: the day as a timeline over working hours, and the week grid.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme;
use crate::model::day::{
    actual_minutes, deep_minutes, flags, hm, minutes, overbooked, planned_minutes, totals_by_kind,
    week_start, working_minutes_on,
};
use crate::model::{Block, BlockKind, Data};
use crate::state::State;

const GUTTER: u16 = 7;

fn minute_of(t: NaiveTime) -> i64 {
    i64::from(t.hour() * 60 + t.minute())
}

/// The day's title line: which day, and what is wrong with it.
fn title_line(state: &State, day: NaiveDate) -> Line<'static> {
    let d = &state.data();
    let hours = &state.rules.hours;
    let mut spans = vec![Span::styled(
        day.format("%A %d %B %Y").to_string(),
        theme::title(),
    )];
    if day == state.today {
        spans.push(Span::styled("  today", theme::info()));
    }
    if hours.on(day).is_none() {
        spans.push(Span::styled("  day off", theme::dim()));
    }
    if overbooked(d, hours, day) && planned_minutes(d, day) > 0 {
        spans.push(Span::styled(
            format!(
                "  overbooked: {} planned in {} of working hours",
                hm(planned_minutes(d, day)),
                hm(working_minutes_on(hours, day))
            ),
            theme::warning(),
        ));
    }
    Line::from(spans)
}

/// Planned and actual per kind, and deep work against the goal.
fn footer_line(state: &State, day: NaiveDate, now: NaiveDateTime) -> Line<'static> {
    let d = &state.data();
    let mut spans = Vec::new();
    let deep = deep_minutes(d, day);
    let goal = state.rules.deep_minutes_goal;
    let style = if deep >= goal {
        theme::info()
    } else {
        theme::warning()
    };
    let totals = totals_by_kind(d, day, now);
    let worked = |kind| {
        totals
            .iter()
            .find(|t| t.0 == kind && t.2 > 0)
            .map(|t| format!(" ({} worked)", hm(t.2)))
            .unwrap_or_default()
    };
    spans.push(Span::styled(
        format!(
            "deep {}/{} goal{}",
            hm(deep),
            hm(goal),
            worked(BlockKind::Deep)
        ),
        style,
    ));
    for (kind, planned, _) in totals.iter().filter(|t| t.0 != BlockKind::Deep) {
        spans.push(Span::styled(" · ", theme::dim()));
        spans.push(Span::styled(
            format!("{} {}{}", kind.name(), hm(*planned), worked(*kind)),
            theme::block_kind(*kind),
        ));
    }
    Line::from(spans)
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

/// The text of a block's first row.
fn label(b: &Block, data: &Data, state: &State, now: NaiveDateTime) -> String {
    let actual = actual_minutes(b, now)
        .map(|a| format!(" · worked {}", hm(a)))
        .unwrap_or_default();
    let running = if actual.is_empty() || b.actual_end.is_some() {
        ""
    } else {
        " ▶"
    };
    let warn: Vec<&str> = flags(b, data, &state.rules.hours)
        .into_iter()
        .filter(|f| *f != "running" && *f != "overbooked")
        .map(|f| {
            if f == "outside_hours" {
                "outside hours"
            } else {
                f
            }
        })
        .collect();
    let warn = if warn.is_empty() {
        String::new()
    } else {
        format!(" · {}", warn.join(", "))
    };
    format!(
        "{}{} {}-{} {} · {}{actual}{warn}",
        if b.done { "✓ " } else { "" },
        b.title,
        b.start.format("%H:%M"),
        b.end.format("%H:%M"),
        b.kind.name(),
        hm(minutes(b)),
    ) + running
}

pub fn draw_day(frame: &mut Frame, area: Rect, state: &State, view: &[usize], now: NaiveDateTime) {
    let day = state.day();
    let [title, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(title_line(state, day)), title);
    frame.render_widget(Paragraph::new(footer_line(state, day, now)), footer);
    let blocks: Vec<&Block> = view.iter().map(|&i| &state.data().blocks[i]).collect();
    let selected = view.get(state.pos().selected).copied();
    let hours = state.rules.hours.on(day);

    // The axis spans working hours, widened to every block (and now, on today).
    let (mut from, mut to) = hours.map_or((9 * 60, 17 * 60), |(s, e)| (minute_of(s), minute_of(e)));
    for b in &blocks {
        from = from.min(minute_of(b.start));
        to = to.max(minute_of(b.end).max(minute_of(b.start) + 1));
    }
    let on_today = day == now.date();
    if on_today {
        from = from.min(minute_of(now.time()));
        to = to.max(minute_of(now.time()) + 1);
    }
    from = from / 60 * 60;
    to = (to + 59) / 60 * 60;
    let rows_avail = i64::from(body.height.max(1));
    let step = if (to - from) / 15 <= rows_avail {
        15
    } else {
        30
    };
    let total_rows = ((to - from) / step).max(1);

    // Scroll so the selected block (or now) sits a third of the way down.
    let focus_minute = selected
        .map(|i| minute_of(state.data().blocks[i].start))
        .or(on_today.then(|| minute_of(now.time())))
        .unwrap_or(from);
    let focus_row = (focus_minute - from) / step;
    let top = (focus_row - rows_avail / 3).clamp(0, (total_rows - rows_avail).max(0));

    let (lane_of, lane_count) = lanes(&blocks);
    let content_w = body.width.saturating_sub(GUTTER) as usize;
    let lane_w = (content_w / lane_count).max(1);
    let work = hours.map(|(s, e)| (minute_of(s), minute_of(e)));
    let now_min = on_today.then(|| minute_of(now.time()));

    let mut lines = Vec::new();
    for row in top..(top + rows_avail).min(total_rows) {
        let start = from + row * step;
        let end = start + step;
        let inside = work.is_some_and(|(s, e)| start >= s && start < e);
        let is_now = now_min.is_some_and(|n| n >= start && n < end);
        let gutter = if is_now {
            Span::styled(format!("{:>5}▸ ", now.format("%H:%M")), theme::error())
        } else if start % 60 == 0 || step == 15 && start % 30 == 0 {
            let t = format!("{:02}:{:02}  ", start / 60, start % 60);
            Span::styled(t, if inside { Style::new() } else { theme::dim() })
        } else {
            Span::raw("       ")
        };
        // A free stretch is labelled once, on its first row.
        let prev_inside = work.is_some_and(|(s, e)| start - step >= s && start - step < e);
        let prev_free = row > top && prev_inside && !busy(&blocks, start - step);
        let mut spans = vec![gutter];
        let in_lane = |lane: usize| {
            blocks.iter().enumerate().find(|(k, b)| {
                lane_of[*k] == lane && minute_of(b.start) < end && minute_of(b.end) > start
            })
        };
        let lane_width = |lane: usize| {
            if lane + 1 == lane_count {
                content_w - lane_w * (lane_count - 1)
            } else {
                lane_w
            }
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
                    let mut style = theme::block_kind(b.kind);
                    if selected == Some(view[k]) {
                        style = style.patch(theme::selected());
                    }
                    let text = if first {
                        format!("▌{}", label(b, state.data(), state, now))
                    } else {
                        "▌".into()
                    };
                    if is_now && !first {
                        let dash = "─".repeat(width.saturating_sub(1));
                        Span::styled(fit(&format!("▌{dash}"), width), style.patch(theme::error()))
                    } else {
                        Span::styled(fit(&text, width), style)
                    }
                }
                None if is_now => Span::styled(fit(&"─".repeat(width), width), theme::error()),
                None if lane == 0 && inside && !busy(&blocks, start) && !prev_free => {
                    let free = free_run(&blocks, start, work.map_or(to, |w| w.1));
                    Span::styled(fit(&format!("· free {}", hm(free)), width), theme::dim())
                }
                None => Span::raw(" ".repeat(width)),
            };
            spans.push(cell);
            lane = next;
        }
        lines.push(Line::from(spans));
    }
    if blocks.is_empty() {
        lines.push(Line::from(Span::styled(
            "       Nothing planned — a adds a block: `9-10:30 billing spec`, `14:00 +90m review`",
            theme::dim(),
        )));
    }
    frame.render_widget(Paragraph::new(lines), body);
}

/// Pads or cuts text to exactly `width` columns.
pub(super) fn fit(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let mut out = String::new();
    let mut w = 0;
    for c in text.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push_str(&" ".repeat(width - w));
    out
}

fn busy(blocks: &[&Block], minute: i64) -> bool {
    blocks
        .iter()
        .any(|b| minute_of(b.start) <= minute && minute < minute_of(b.end))
}

/// Free minutes from `start` until the next block or `until`.
fn free_run(blocks: &[&Block], start: i64, until: i64) -> i64 {
    let next = blocks
        .iter()
        .map(|b| minute_of(b.start))
        .filter(|s| *s > start)
        .min()
        .unwrap_or(until);
    (next.min(until) - start).max(0)
}

pub fn draw_week(frame: &mut Frame, area: Rect, state: &State, now: NaiveDateTime) {
    let monday = week_start(state.day());
    let [title, grid] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(
                format!("Week of {}", monday.format("%d %B %Y")),
                theme::title(),
            ),
            Span::styled("   [ ] week · w day view", theme::dim()),
        ])),
        title,
    );
    let cols = Layout::horizontal([Constraint::Ratio(1, 7); 7]).split(grid);
    for (i, col) in cols.iter().enumerate() {
        let day = crate::model::limits::shift_days(monday, i as i64);
        let head_style = if day == now.date() {
            theme::tab_active()
        } else if day == state.day() {
            theme::key()
        } else {
            theme::title()
        };
        let width = col.width.saturating_sub(1) as usize;
        let mut lines = vec![Line::from(Span::styled(
            fit(&day.format("%a %d").to_string(), width),
            head_style,
        ))];
        let deep = deep_minutes(state.data(), day);
        let goal_style = if deep >= state.rules.deep_minutes_goal {
            theme::info()
        } else {
            theme::dim()
        };
        lines.push(Line::from(Span::styled(
            fit(&format!("deep {}", hm(deep)), width),
            goal_style,
        )));
        let mut blocks: Vec<&Block> = state.data().blocks_on(day).collect();
        blocks.sort_by_key(|b| b.start);
        for b in blocks {
            let text = format!("{} {}", b.start.format("%H:%M"), b.title);
            lines.push(Line::from(Span::styled(
                fit(&text, width),
                theme::block_kind(b.kind),
            )));
        }
        frame.render_widget(Paragraph::new(lines), *col);
    }
}
