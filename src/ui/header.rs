//! The header line (date and counts) and the tab bar.

use chrono::NaiveDateTime;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::layout::{TAB_GAP, tab_label};
use super::theme;
use crate::model::ladder::{follow_up_due, is_stuck};
use crate::model::rank::{is_silent, ranked};
use crate::model::triage::{is_to_review, is_unreported};
use crate::model::{Entry, Kind, List};
use crate::state::State;

/// `4 decisions (2 unreported, 1 to review)`: the count, then what needs attention.
fn count(n: usize, noun: &str, notes: &[(usize, &str)]) -> String {
    let notes: Vec<String> = notes
        .iter()
        .filter(|(k, _)| *k > 0)
        .map(|(k, what)| format!("{k} {what}"))
        .collect();
    if notes.is_empty() {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun} ({})", notes.join(", "))
    }
}

pub fn draw(frame: &mut Frame, area: Rect, state: &State, now: NaiveDateTime) {
    let d = &state.data;
    let today = now.date();
    let b = &state.rules.boundaries;
    let blocks_today = d.blocks_on(today).count();
    let open_priorities = d.priorities.open_count();
    let open_decisions = d.decisions.iter().filter(|x| !x.is_done()).count();
    let silent = d
        .priorities
        .iter()
        .filter(|p| is_silent(p, &state.rules, today))
        .count();
    let unreported = d.decisions.iter().filter(|x| is_unreported(x, b)).count();
    let to_review = d
        .decisions
        .iter()
        .filter(|x| is_to_review(x, today))
        .count();
    let blockers = d.blockers.open_count();
    let stuck = d
        .blockers
        .iter()
        .filter(|x| is_stuck(x, &state.rules, now))
        .count();
    let follow_ups = d
        .blockers
        .iter()
        .filter(|x| follow_up_due(x, today))
        .count();
    let one = |n: usize, a: &'static str, many: &'static str| if n == 1 { a } else { many };
    let full = [
        count(
            open_priorities,
            one(open_priorities, "priority", "priorities"),
            &[(silent, "silent")],
        ),
        count(
            blocks_today,
            one(blocks_today, "block today", "blocks today"),
            &[],
        ),
        count(
            blockers,
            one(blockers, "blocker", "blockers"),
            &[(stuck, "stuck"), (follow_ups, "follow-up due")],
        ),
        count(
            open_decisions,
            one(open_decisions, "decision", "decisions"),
            &[(unreported, "unreported"), (to_review, "to review")],
        ),
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
        let short = [
            count(open_priorities, "pri", &[(silent, "silent")]),
            count(blocks_today, "blocks today", &[]),
            count(
                blockers,
                "blocked",
                &[(stuck, "stuck"), (follow_ups, "f/u")],
            ),
            count(
                open_decisions,
                "dec",
                &[(unreported, "unrep"), (to_review, "review")],
            ),
        ]
        .join(" · ");
        let date = if fits(&short_date, &short) {
            short_date
        } else {
            now.format("%d %b").to_string()
        };
        (date, short)
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

/// The outcomes in focus now, in rank order.
pub fn draw_focus(frame: &mut Frame, area: Rect, state: &State) {
    let focused: Vec<&str> = ranked(&state.data.priorities, state.today)
        .into_iter()
        .map(|i| &state.data.priorities[i])
        .filter(|p| p.focus && !p.status.is_closed())
        .map(|p| p.title.as_str())
        .collect();
    let mut spans = vec![Span::styled(" Focus ", theme::title())];
    if focused.is_empty() {
        spans.push(Span::styled(
            "none yet — f on a priority marks one of your 3 outcomes",
            theme::dim(),
        ));
    }
    for (i, title) in focused.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", theme::dim()));
        }
        spans.push(Span::styled("◆ ", theme::focus()));
        spans.push(Span::raw(title.to_string()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

pub fn draw_tabs(frame: &mut Frame, area: Rect, state: &State) {
    let gap = " ".repeat(TAB_GAP as usize);
    let mut spans = Vec::new();
    for kind in Kind::ALL {
        let style = if kind == state.tab {
            theme::tab_active()
        } else {
            theme::tab()
        };
        spans.push(Span::styled(tab_label(kind), style));
        spans.push(Span::raw(gap.clone()));
    }
    let view = &state.views[state.tab.index()];
    if !view.filter.trim().is_empty() {
        spans.push(Span::styled(
            format!(" / {}", view.filter.trim()),
            theme::key(),
        ));
    }
    if state.tab == Kind::Priority {
        let mut notes = Vec::new();
        if !state.rank_order {
            notes.push("own order");
        }
        if view.show_closed {
            notes.push("+closed");
        }
        if !notes.is_empty() {
            spans.push(Span::styled(
                format!(" [{}]", notes.join(", ")),
                theme::dim(),
            ));
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
