//! Boundaries in sight without nagging: a small mark in the header with the
//! count of boundaries crossed, a quiet "outside your hours", and the plain
//! sentence in the evening review's close step.

use chrono::{NaiveDate, NaiveDateTime};
use ratatui::text::{Line, Span};

use super::theme;
use crate::state::State;
use lane_core::model::overtime::{outside_hours, overtime};

/// The header's mark when boundaries are crossed: `⚠2 over`, with its count.
pub fn header_marks(state: &State, now: NaiveDateTime, narrow: bool) -> Vec<Span<'static>> {
    let rules = &state.rules;
    let crossed = overtime(state.data(), &rules.caps, &rules.hours, now).count();
    let mut out = Vec::new();
    if crossed > 0 {
        out.push(Span::raw("  "));
        out.push(Span::styled(
            if narrow {
                format!("⚠{crossed}")
            } else {
                format!("⚠{crossed} over")
            },
            theme::warning(),
        ));
    }
    out
}

/// A quiet "outside your hours" while lane is used then — only where the room
/// is left over (`room` columns), so it never shortens what the header counts.
pub fn outside_notice(state: &State, now: NaiveDateTime, room: usize) -> Option<Span<'static>> {
    let rules = &state.rules;
    if !rules.caps.outside_hours_notice || !outside_hours(&rules.hours, now) {
        return None;
    }
    ["  outside your hours", "  off hours"]
        .into_iter()
        .find(|text| text.chars().count() <= room)
        .map(|text| Span::styled(text, theme::dim()))
}

/// The width the marks take.
pub fn width(marks: &[Span]) -> usize {
    marks.iter().map(|s| s.content.chars().count()).sum()
}

/// The boundaries crossed by the end of `date`, said plainly for the close step.
pub fn close_line(state: &State, date: NaiveDate, now: NaiveDateTime) -> Option<Line<'static>> {
    let rules = &state.rules;
    let end = date.and_hms_opt(23, 59, 0).map_or(now, |e| e.min(now));
    let said = overtime(state.data(), &rules.caps, &rules.hours, end).warnings();
    (!said.is_empty()).then(|| {
        Line::styled(
            format!("  Boundaries: {}.", said.join("; ")),
            theme::warning(),
        )
    })
}
