//! The Review tab: the day journal (plans and reviews) and the last two weeks in
//! charts (hours against the cap: `hours.rs`).

use chrono::{NaiveDate, NaiveDateTime};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Paragraph, Sparkline};

use super::fit::clip;
use super::list::{Columns, ListRow};
use super::theme;
use crate::state::State;
use lane_core::model::Data;
use lane_core::model::day::hm;
use lane_core::model::trend::{DayStat, last_days};

pub fn columns<'a>(data: &'a Data, _today: NaiveDate) -> Columns<'a> {
    Columns {
        header: vec![
            "Date", "Plan", "Review", "Energy", "Worked", "Wins", "Notes",
        ],
        widths: vec![
            Constraint::Length(10),
            Constraint::Length(4),
            Constraint::Length(6),
            Constraint::Length(6),
            Constraint::Length(6),
            Constraint::Fill(2),
            Constraint::Fill(1),
        ],
        title: 5,
        optional: vec![6],
        empty: "No days yet — p plans the morning, v reviews the evening.",
        rows: Box::new(move |indices| {
            indices
                .iter()
                .map(|&i| &data.reviews[i])
                .map(|r| {
                    let plan = match &r.plan {
                        Some(p) if p.done => "✓",
                        Some(_) => "…",
                        None => "",
                    };
                    ListRow::new(vec![
                        r.date.to_string().into(),
                        plan.into(),
                        (if r.reviewed { "✓" } else { "" }).into(),
                        r.energy
                            .map(|e| format!("{e}/5"))
                            .unwrap_or_default()
                            .into(),
                        r.worked_minutes.map(hm).unwrap_or_default().into(),
                        r.wins.clone().into(),
                        r.notes.clone().into(),
                    ])
                })
                .collect()
        }),
    }
}

/// Days the Review tab's charts cover.
pub const CHART_DAYS: i64 = 14;
/// Rows the charts take under the journal (the list counts them out too).
pub const CHART_ROWS: u16 = crate::state::CHART_ROWS as u16;

/// Planned against worked minutes per working day (bars), deep work against the
/// goal, and silent-or-stuck items over the same days (a sparkline).
pub fn draw_charts(frame: &mut Frame, area: Rect, state: &State, now: NaiveDateTime) {
    let stats = last_days(state.data(), &state.rules, now.date(), CHART_DAYS, now);
    // Beside the journal the pane is tall; bars taller than this say nothing more.
    let area = Rect {
        height: area.height.min(2 * CHART_ROWS),
        ..area
    };
    let [title, bars, hours, deep, trend] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(super::hours::line(state, now, CHART_DAYS)),
        hours,
    );
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(format!(" Last {CHART_DAYS} days  "), theme::title()),
            Span::styled("▇ planned ", theme::dim()),
            Span::styled("▇ worked", theme::focus()),
            Span::styled("  (hours)", theme::dim()),
        ])),
        title,
    );
    frame.render_widget(
        hour_bars(&stats),
        bars.inner(ratatui::layout::Margin::new(1, 0)),
    );
    let text = deep_goal_text(&stats, state.rules.deep_minutes_goal);
    frame.render_widget(Paragraph::new(clip(&text, deep.width as usize)), deep);
    draw_trend(frame, trend, &stats);
}

/// Each day's planned and worked hours, side by side.
fn hour_bars(stats: &[DayStat]) -> BarChart<'static> {
    let groups: Vec<BarGroup> = stats
        .iter()
        .map(|s| {
            let hours = |m: i64| (m.max(0) as u64).div_ceil(60);
            BarGroup::default()
                .label(Line::from(s.date.format("%d").to_string()))
                .bars(&[
                    Bar::default()
                        .value(hours(s.planned))
                        .style(theme::dim())
                        .text_value(String::new()),
                    Bar::default()
                        .value(hours(s.worked))
                        .style(theme::focus())
                        .text_value(String::new()),
                ])
        })
        .collect();
    let mut chart = BarChart::default().bar_width(1).bar_gap(0).group_gap(1);
    for g in groups {
        chart = chart.data(g);
    }
    chart
}

/// The days the deep-work goal was met, then today's deep work.
fn deep_goal_text(stats: &[DayStat], goal: i64) -> String {
    // The goal is met by deep work done, not by deep work planned.
    let met = stats
        .iter()
        .filter(|s| goal > 0 && s.deep_worked >= goal)
        .count();
    let (planned, worked) = stats
        .last()
        .map_or((0, 0), |s| (s.deep_planned, s.deep_worked));
    // The trend first: a narrow pane cuts today's figures, which the header has too.
    format!(
        " Deep goal {} met {met}/{} days · today {} planned, {} worked",
        hm(goal),
        stats.len(),
        hm(planned),
        hm(worked)
    )
}

/// Silent or stuck items, now and as a sparkline over the days.
fn draw_trend(frame: &mut Frame, area: Rect, stats: &[DayStat]) {
    let counts: Vec<u64> = stats.iter().map(|s| s.silent_or_stuck).collect();
    let label = format!(
        " Silent or stuck: now {} ",
        counts.last().copied().unwrap_or(0)
    );
    let width = label.chars().count() as u16;
    let [l, spark] =
        Layout::horizontal([Constraint::Length(width), Constraint::Min(0)]).areas(area);
    frame.render_widget(Paragraph::new(label), l);
    frame.render_widget(
        Sparkline::default().data(&counts).style(theme::warning()),
        spark,
    );
}
