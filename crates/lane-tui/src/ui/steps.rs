//! The list of one outcome's milestones and key results (s), over the tab:
//! each milestone with its due date or when it was done, each key result with
//! its way from baseline to target. Reads the state; the keys are in update/steps.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Padding, Paragraph};

use super::fit::clip_line;
use super::{centered, outcome, theme};
use crate::state::{State, Steps};
use lane_core::model::Priority;
use lane_core::model::outcomes::{milestones_done, number};
use lane_core::model::steps::{Step, steps};

/// One row of a step: its mark, its text, what is said after it (dimmed).
fn row(p: &Priority, step: Step, today: NaiveDate) -> (String, String, String, Style) {
    match step {
        Step::Milestone(id) => {
            let Some(m) = p.milestones.iter().find(|m| m.id == id) else {
                return Default::default();
            };
            let note = if m.note.is_empty() {
                String::new()
            } else {
                format!(" — {}", m.note)
            };
            let (mark, when, style) =
                outcome::milestone_mark(m, today).unwrap_or_else(|| match m.due {
                    Some(due) => ("●", due.format("%a %d %b").to_string(), Style::new()),
                    None => ("○", "no date".to_string(), Style::new()),
                });
            (
                mark.into(),
                m.title.clone(),
                format!("  {when}{note}"),
                style,
            )
        }
        Step::KeyResult(id) => {
            let Some(k) = p.key_results.iter().find(|k| k.id == id) else {
                return Default::default();
            };
            let now = k
                .current()
                .map_or_else(|| "no reading".to_string(), |v| k.show(v));
            let said = format!(
                "  {} → {now} → {}  {}%  {}",
                number(k.baseline),
                k.show(k.target),
                k.progress(),
                outcome::sparkline(k)
            );
            ("◎".into(), k.name.clone(), said, Style::new())
        }
    }
}

/// Draws the list over `area`: in place of the detail pane when it shows beside
/// the list (`docked`), else centred over the tab.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    state: &State,
    open: &Steps,
    today: NaiveDate,
    docked: bool,
) {
    let Some(p) = state
        .data()
        .priorities
        .iter()
        .find(|p| p.id == open.priority)
    else {
        return;
    };
    let width = if docked {
        area.width
    } else {
        area.width.min(96)
    };
    let (lines, at_cursor) = lines(p, open.cursor, today, width.saturating_sub(4) as usize);
    // What does not fit scrolls with the cursor.
    let room = area.height.saturating_sub(2) as usize;
    let skip = (at_cursor + 1).saturating_sub(room);
    let shown = lines.len().min(room);
    let popup = if docked {
        frame.render_widget(Clear, area);
        Rect {
            height: (shown as u16 + 2).min(area.height),
            ..area
        }
    } else {
        centered(area, width, shown as u16 + 2)
    };
    frame.render_widget(Clear, popup);
    let block = Block::bordered()
        .padding(Padding::horizontal(1))
        .title(clip_line(
            Line::from(Span::styled(format!(" {} ", p.title), theme::title())),
            width.saturating_sub(2) as usize,
        ))
        .title_bottom(Line::from(" a milestone · K key result · esc closes ").style(theme::dim()));
    frame.render_widget(
        Paragraph::new(lines).scroll((skip as u16, 0)).block(block),
        popup,
    );
}

/// The milestones, then the key results, each under its heading, `inner_w`
/// wide; and the line the cursor is on.
fn lines(
    p: &Priority,
    cursor: usize,
    today: NaiveDate,
    inner_w: usize,
) -> (Vec<Line<'static>>, usize) {
    let rows = steps(p);
    let cursor = cursor.min(rows.len().saturating_sub(1));
    let mut lines: Vec<Line> = Vec::new();
    let mut at_cursor = 0;
    let (done, total) = milestones_done(p);
    if rows.is_empty() {
        lines.push(Line::from(Span::styled(
            "No milestones or key results yet: a adds a milestone, K a key result.",
            theme::dim(),
        )));
    }
    for (i, step) in rows.iter().enumerate() {
        let first_kr = matches!(step, Step::KeyResult(_))
            && (i == 0 || matches!(rows[i - 1], Step::Milestone(_)));
        if i == 0 && matches!(step, Step::Milestone(_)) {
            lines.push(Line::from(vec![
                Span::styled("Milestones", theme::title()),
                Span::styled(format!("  {done}/{total} done"), theme::dim()),
            ]));
        }
        if first_kr {
            if i > 0 {
                lines.push(Line::raw(""));
            }
            lines.push(Line::from(Span::styled(
                "Key results  baseline → now → target",
                theme::title(),
            )));
        }
        let (mark, text, said, style) = row(p, *step, today);
        let selected = i == cursor;
        if selected {
            at_cursor = lines.len();
        }
        // The cursor is drawn as a mark too, for screens without colour.
        let pointer = if selected { "▸" } else { " " };
        let line = Line::from(vec![
            Span::styled(format!("{pointer}{mark} "), style),
            Span::styled(text, style),
            Span::styled(said, theme::dim()),
        ]);
        let line = clip_line(line, inner_w);
        lines.push(if selected {
            line.style(theme::selected())
        } else {
            line
        });
    }
    (lines, at_cursor)
}
