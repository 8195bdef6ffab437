//! The Review tab's hours against the cap: one cell a day for the last 14
//! days (days off included: work on them is what gets said), from
//! `overtime::loads`, so the chart and the header's ⚠ agree.

use chrono::NaiveDateTime;
use ratatui::text::{Line, Span};

use super::theme;
use crate::state::State;
use lane_core::model::day::hm;
use lane_core::model::overtime::{DayLoad, loads};

/// Heights up to the cap; the cap itself is the tallest but one, so a day
/// over it (a full block) stands out.
const LEVELS: [&str; 7] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇"];

/// `▁` to `▇` as a share of the cap, `█` over it, `·` for no work.
fn glyph(day: &DayLoad) -> &'static str {
    if day.worked <= 0 {
        return "·";
    }
    if day.over() {
        return "█";
    }
    let cap = day.cap.max(1).unsigned_abs();
    let level = day
        .worked
        .unsigned_abs()
        .saturating_mul(LEVELS.len() as u64)
        .div_ceil(cap)
        .clamp(1, 7) as usize;
    LEVELS[level - 1]
}

/// ` Hours vs cap ▃▅▇█·· … 2 of 14 days over · today 6h of 9h30`.
pub fn line(state: &State, now: NaiveDateTime, days: i64) -> Line<'static> {
    let rules = &state.rules;
    let days = loads(
        state.data(),
        &rules.caps,
        &rules.hours,
        now.date(),
        days,
        now,
    );
    let mut spans = vec![Span::styled(" Hours vs cap ", theme::title())];
    for d in &days {
        let style = if d.over() || d.off_day_work() {
            theme::warning()
        } else if d.worked <= 0 {
            theme::dim()
        } else {
            theme::focus()
        };
        spans.push(Span::styled(glyph(d), style));
    }
    let over = days.iter().filter(|d| d.over()).count();
    let off = days.iter().filter(|d| d.off_day_work()).count();
    let mut said = format!("  {over} of {} days over", days.len());
    if off > 0 {
        said.push_str(&format!(", {off} off worked"));
    }
    if let Some(today) = days.last() {
        said.push_str(&format!(
            " · today {} of {}",
            hm(today.worked),
            hm(today.cap)
        ));
    }
    spans.push(Span::styled(said, theme::dim()));
    Line::from(spans)
}
