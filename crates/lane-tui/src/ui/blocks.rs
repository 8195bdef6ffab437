//! The Time blocks tab: what a block says about itself (in the timeline and the
//! week grid), the day's title and totals, and the week grid.

use chrono::{NaiveDate, NaiveDateTime};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::fit::{clip_line, fit};
use super::theme;
use crate::state::State;
use lane_core::model::day::{
    block_worked_minutes, deep_minutes, deep_worked_minutes, flags, hm, minutes, overbooked,
    planned_minutes, totals_by_kind, week_start, working_minutes_on,
};
use lane_core::model::time_of_day;
use lane_core::model::{Block, BlockKind, BlockResult};

/// The day's title line: which day, and what is wrong with it.
pub(super) fn title_line(state: &State, day: NaiveDate, width: usize) -> Line<'static> {
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
    // All-day events from a calendar: over the day, not blocks in it.
    for banner in state.calendars.banners_on(day) {
        spans.push(Span::styled(
            format!("  {CALENDAR_MARK}{}", banner.title),
            theme::block_kind(BlockKind::Meeting),
        ));
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
    clip_line(Line::from(spans), width)
}

/// `deep 4h30 planned, 1h32 worked, goal 3h`: deep work as planned and as
/// worked, never one figure for both.
pub fn deep_text(planned: i64, worked: i64, goal: i64) -> String {
    format!(
        "deep {} planned, {} worked, goal {}",
        hm(planned),
        hm(worked),
        hm(goal)
    )
}

/// Planned and worked per kind, and deep work against the goal.
pub(super) fn footer_line(
    state: &State,
    day: NaiveDate,
    now: NaiveDateTime,
    width: usize,
) -> Line<'static> {
    let d = &state.data();
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
    // Every kind: planned, then (worked) as the review counts it; deep work also
    // against its goal.
    let mut spans = vec![Span::styled(
        format!(
            "deep {}/{} goal{}",
            hm(deep),
            hm(goal),
            worked(BlockKind::Deep)
        ),
        style,
    )];
    for &(kind, planned, _) in totals.iter().filter(|t| t.0 != BlockKind::Deep) {
        spans.push(Span::styled(" · ", theme::dim()));
        spans.push(Span::styled(
            format!("{} {}{}", kind.name(), hm(planned), worked(kind)),
            theme::block_kind(kind),
        ));
    }
    clip_line(Line::from(spans), width)
}

/// What the review made of a block: `✓` worked (or done), `✗` skipped, `→`
/// moved; nothing before it is marked.
fn result_glyph(b: &Block) -> &'static str {
    match b.result {
        Some(BlockResult::Worked) => "✓",
        None if b.done => "✓",
        Some(BlockResult::Skipped) => "✗",
        Some(BlockResult::Moved) => "→",
        None => "",
    }
}

/// The mark before a block's title in the timeline: the glyph, and where a
/// moved block went (`→ Tue 24`).
fn result_mark(b: &Block) -> String {
    match (result_glyph(b), b.moved_to) {
        ("", _) => String::new(),
        ("→", Some(to)) => format!("→ {} ", to.format("%a %d")),
        (glyph, _) => format!("{glyph} "),
    }
}

/// Before a meeting that came from a calendar (and an all-day event).
pub const CALENDAR_MARK: &str = "◷ ";

fn calendar_mark(b: &Block) -> &'static str {
    if b.calendar.is_some() {
        CALENDAR_MARK
    } else {
        ""
    }
}

/// A block's colour by kind; one skipped or moved away is dimmed: it did not happen here.
pub(super) fn style_of(b: &Block) -> Style {
    let style = theme::block_kind(b.kind);
    match b.result {
        Some(BlockResult::Skipped | BlockResult::Moved) => style.patch(theme::dim()),
        _ => style,
    }
}

/// The text of a block's first row in the timeline.
pub(super) fn label(b: &Block, state: &State, now: NaiveDateTime) -> String {
    let outcome = match b.result {
        Some(BlockResult::Skipped) => " · skipped".to_string(),
        Some(BlockResult::Moved) => " · moved".to_string(),
        _ => block_worked_minutes(b, now)
            .map(|m| format!(" · worked {}", hm(m)))
            .unwrap_or_default(),
    };
    let running = if lane_core::model::day::is_running(b) {
        " ▶"
    } else {
        ""
    };
    let warn: Vec<&str> = flags(b, state.data(), &state.rules.hours)
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
    // A repeating block says so: `e` and `d` on it ask about its series.
    let repeats = if b.series.is_some() { " ↻" } else { "" };
    format!(
        "{}{}{} {}-{} {}{repeats} · {}{outcome}{warn}{running}",
        result_mark(b),
        calendar_mark(b),
        b.title,
        time_of_day::text(b.start),
        time_of_day::text(b.end),
        b.kind.name(),
        hm(minutes(b)),
    )
}

pub fn draw_week(frame: &mut Frame, area: Rect, state: &State, now: NaiveDateTime) {
    let monday = week_start(state.day());
    let [title, grid] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    let title_spans = vec![
        Span::styled(
            format!("Week of {}", monday.format("%d %B %Y")),
            theme::title(),
        ),
        Span::styled(
            "   deep planned, ✓ worked · [ ] week · w day view",
            theme::dim(),
        ),
    ];
    frame.render_widget(
        Paragraph::new(clip_line(Line::from(title_spans), area.width as usize)),
        title,
    );
    let goal = state.rules.deep_minutes_goal;
    let against_goal = |m: i64| {
        if m >= goal {
            theme::info()
        } else {
            theme::dim()
        }
    };
    let cols = Layout::horizontal([Constraint::Ratio(1, 7); 7]).split(grid);
    for (i, col) in cols.iter().enumerate() {
        let day = lane_core::model::limits::shift_days(monday, i as i64);
        let head_style = if day == now.date() {
            theme::tab_active()
        } else if day == state.day() {
            theme::key()
        } else {
            theme::title()
        };
        let width = col.width.saturating_sub(1) as usize;
        let line = |text: String, style: Style| Line::from(Span::styled(fit(&text, width), style));
        let deep = deep_minutes(state.data(), day);
        let mut lines = vec![
            line(day.format("%a %d").to_string(), head_style),
            line(format!("deep {}", hm(deep)), against_goal(deep)),
        ];
        // Worked only means something for days that have begun, with blocks.
        if day <= now.date() && state.data().blocks_on(day).next().is_some() {
            let worked = deep_worked_minutes(state.data(), day, now);
            lines.push(line(format!("✓ {}", hm(worked)), against_goal(worked)));
        } else {
            lines.push(Line::raw(""));
        }
        for banner in state.calendars.banners_on(day) {
            lines.push(line(
                format!("{CALENDAR_MARK}{}", banner.title),
                theme::block_kind(BlockKind::Meeting),
            ));
        }
        let mut blocks: Vec<&Block> = state.data().blocks_on(day).collect();
        blocks.sort_by_key(|b| b.start);
        for b in blocks {
            let mark = result_glyph(b);
            let mark = if mark.is_empty() {
                String::new()
            } else {
                format!("{mark} ")
            };
            // A narrow day keeps its room for the title: the order says the time.
            let time = if width >= 16 {
                format!("{} ", time_of_day::text(b.start))
            } else {
                String::new()
            };
            let text = format!("{time}{mark}{}{}", calendar_mark(b), b.title);
            lines.push(line(text, style_of(b)));
        }
        frame.render_widget(Paragraph::new(lines), *col);
    }
}
