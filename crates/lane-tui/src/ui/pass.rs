//! The guided plan and review: a step bar in place of the tabs, one step per screen.
//! What each step lists is in `plan.rs` and `review.rs` beside this file.

use chrono::NaiveDateTime;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::fit::clip_line;
use super::theme;
use crate::pass::{Pass, Ritual};
use crate::state::State;
use lane_core::model::rank::{FOCUS_LIMIT, focus_count};
use lane_core::model::ritual::previous_working_day;

mod plan;
mod review;

/// `Plan the day  1 Carry over › 2 Focus › …`, the current step marked.
pub fn draw_steps(frame: &mut Frame, area: Rect, pass: &Pass) {
    let mut spans = vec![Span::styled(
        format!(" {} ", pass.ritual.title()),
        theme::title(),
    )];
    for (i, name) in pass.steps().iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" › ", theme::dim()));
        }
        let style = if i == pass.step {
            theme::tab_active()
        } else {
            theme::tab()
        };
        spans.push(Span::styled(format!("{} {name}", i + 1), style));
    }
    let line = clip_line(Line::from(spans), area.width as usize);
    frame.render_widget(Paragraph::new(line), area);
}

fn mark(on: bool, yes: &'static str, no: &'static str) -> Span<'static> {
    if on {
        Span::styled(yes, theme::focus())
    } else {
        Span::styled(no, theme::dim())
    }
}

/// One row: the cursor marker, then the spans.
fn row(selected: bool, spans: Vec<Span<'static>>) -> Line<'static> {
    let mut all = vec![Span::raw(if selected { "▶ " } else { "  " })];
    all.extend(spans);
    let line = Line::from(all);
    if selected {
        line.style(theme::selected())
    } else {
        line
    }
}

pub fn draw(frame: &mut Frame, area: Rect, state: &State, pass: &Pass, now: NaiveDateTime) {
    frame.render_widget(Clear, area);
    let mut lines = vec![
        Line::from(Span::styled(intro(state, pass), theme::dim())),
        Line::raw(""),
    ];
    let body = match pass.ritual {
        Ritual::Plan => plan::lines(state, pass, now),
        Ritual::Review => review::lines(state, pass, now),
    };
    // Keep the cursor row on screen in a short terminal.
    let room = area.height.saturating_sub(2) as usize;
    let skip = if pass.ritual == Ritual::Review && pass.step == 1 {
        // Two lines per focus outcome: its title and the note typed under it.
        (pass.cursor * 2).saturating_sub(room.saturating_sub(2))
    } else {
        pass.cursor.saturating_sub(room.saturating_sub(3).max(1))
    };
    lines.extend(body.into_iter().skip(skip));
    let lines: Vec<Line> = lines
        .into_iter()
        .map(|l| clip_line(l, area.width as usize))
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
    if pass.typing() {
        let y = area.y + 2 + (pass.cursor * 2 + 1).saturating_sub(skip) as u16;
        if let Some((_, input)) = pass.notes.get(pass.cursor)
            && y < area.bottom()
        {
            let x = area.x + 4 + input.visual_cursor() as u16;
            frame.set_cursor_position((x.min(area.right().saturating_sub(1)), y));
        }
    }
}

fn intro(state: &State, pass: &Pass) -> String {
    let day = pass.date.format("%a %d %b");
    match (pass.ritual, pass.step) {
        (Ritual::Plan, 0) if pass.rows.is_empty() => {
            " Nothing to carry over from the last working day · enter goes on".into()
        }
        (Ritual::Plan, 0) => format!(
            " Carried over from {}: space keeps or drops each · enter goes on",
            previous_working_day(&state.rules.hours, pass.date).format("%a %d %b")
        ),
        (Ritual::Plan, 1) => format!(
            " Up to {FOCUS_LIMIT} focus outcomes for {day} ({} picked) · space picks · enter goes on",
            focus_count(&state.data().priorities)
        ),
        (Ritual::Plan, 2) => {
            " Block the day: space places the offered block · n [ ] + - e change it".into()
        }
        (Ritual::Plan, _) => {
            " Due today: enter acknowledges each in turn, then finishes the plan".into()
        }
        (Ritual::Review, 0) => {
            " Planned vs actual: w worked · s skipped · m moved to tomorrow · space cycles".into()
        }
        (Ritual::Review, 1) => {
            " What moved on each focus outcome? One line each; empty means no change".into()
        }
        (Ritual::Review, 2) => {
            " Blockers: space still blocked · t tried · E escalate · F follow-up · R resolved"
                .into()
        }
        (Ritual::Review, 3) => {
            " Calls: E escalates · D decides · P reported · O outcome · space keeps for later"
                .into()
        }
        (Ritual::Review, _) if pass.settling() => {
            " Conflicts: space keeps lane's value · o takes the other · e edits the item".into()
        }
        (Ritual::Review, _) => {
            " Enter: energy, wins and tomorrow's top three, then the standup for tomorrow".into()
        }
    }
}
