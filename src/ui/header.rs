//! The header line (date and counts) and the tab bar.

use chrono::NaiveDateTime;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::layout::{TAB_GAP, tab_label};
use super::theme;
use crate::model::{Entry, Kind, List};
use crate::state::State;

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub fn draw(frame: &mut Frame, area: Rect, state: &State, now: NaiveDateTime) {
    let d = &state.data;
    let today = now.date();
    let blocks_today = d.blocks_on(today).count();
    let open_decisions = d.decisions.iter().filter(|x| !x.is_done()).count();
    let full = [
        plural(d.priorities.open_count(), "priority", "priorities"),
        plural(blocks_today, "block today", "blocks today"),
        plural(d.blockers.open_count(), "blocker", "blockers"),
        plural(open_decisions, "decision", "decisions"),
    ]
    .join(" · ");
    let badge = if state.read_only.is_some() { 13 } else { 0 };
    let fits = |date: &str, counts: &str| {
        7 + badge + date.chars().count() + 5 + counts.chars().count() <= area.width as usize
    };
    let long_date = now.format("%a %d %b %Y").to_string();
    let short_date = now.format("%a %d %b").to_string();
    // Narrow terminals drop the year first, then shorten words; every number stays.
    let (date, counts) = if fits(&long_date, &full) {
        (long_date, full)
    } else if fits(&short_date, &full) {
        (short_date, full)
    } else {
        let short = format!(
            "{} pri · {} blocks today · {} blocked · {} dec",
            d.priorities.open_count(),
            blocks_today,
            d.blockers.open_count(),
            open_decisions
        );
        (short_date, short)
    };
    let mut spans = vec![Span::raw(" lane  ")];
    if state.read_only.is_some() {
        // The reason is in the message line whenever a change is refused.
        spans.push(Span::styled(" READ-ONLY ", theme::read_only()));
        spans.push(Span::raw("  "));
    }
    spans.extend([Span::raw(date), Span::raw("  │  "), Span::raw(counts)]);
    frame.render_widget(
        Paragraph::new(Line::from(spans)).style(theme::header()),
        area,
    );
}

pub fn draw_tabs(frame: &mut Frame, area: Rect, active: Kind) {
    let gap = " ".repeat(TAB_GAP as usize);
    let mut spans = Vec::new();
    for kind in Kind::ALL {
        let style = if kind == active {
            theme::tab_active()
        } else {
            theme::tab()
        };
        spans.push(Span::styled(tab_label(kind), style));
        spans.push(Span::raw(gap.clone()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
