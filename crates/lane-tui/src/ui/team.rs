//! The Team view (W): first the escalations waiting on me, oldest first, with
//! how long each waited against my response-time boundary; then each
//! teammate's focus, calls, escalations and risks. The texts were made safe
//! when they were read (`lane_core::team::view`).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::{centered, theme};
use crate::state::TeamPanel;
use lane_core::team::{Row, Team, Teammate, Waiting};

pub fn draw(frame: &mut Frame, area: Rect, panel: &TeamPanel) {
    let popup = centered(
        area,
        area.width.saturating_sub(4).max(20),
        area.height.saturating_sub(2).max(3),
    );
    frame.render_widget(Clear, popup);
    let title = match &panel.team {
        Some(Ok(t)) => format!(" Team — you share as {} ", t.me),
        _ => " Team ".to_string(),
    };
    let block = Block::bordered()
        .title(Span::styled(title, theme::title()))
        .title_bottom(Line::from(" j/k move · a answers · W or esc closes ").style(theme::dim()));
    let lines = match &panel.team {
        None => vec![Line::styled("Reading the team repository…", theme::dim())],
        Some(Err(why)) => vec![
            Line::styled(why.clone(), theme::error()),
            Line::raw(""),
            Line::styled(
                "lane share init REMOTE --as NAME joins a team (see docs/team.md).",
                theme::dim(),
            ),
        ],
        Some(Ok(team)) => team_lines(team, panel.cursor),
    };
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((panel.scroll, 0)),
        popup,
    );
}

fn team_lines(team: &Team, cursor: usize) -> Vec<Line<'static>> {
    let mut lines = vec![Line::styled(
        format!("Waiting on you ({})", team.waiting.len()),
        theme::table_header(),
    )];
    if team.waiting.is_empty() {
        lines.push(Line::styled("  Nothing waits on you.", theme::dim()));
    }
    for (i, w) in team.waiting.iter().enumerate() {
        lines.push(waiting_line(w, i == cursor));
    }
    if team.teammates.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("No teammate has shared yet.", theme::dim()));
    }
    for m in &team.teammates {
        lines.push(Line::raw(""));
        lines.extend(teammate_lines(m));
    }
    lines
}

fn waiting_line(w: &Waiting, selected: bool) -> Line<'static> {
    let base = if selected {
        theme::selected()
    } else {
        Style::default()
    };
    let mark = if selected { "▸" } else { " " };
    Line::from(vec![
        Span::styled(format!("{mark} {}", w.words()), base),
        Span::styled(
            format!(" · {}", w.waited()),
            if w.late { theme::error() } else { theme::dim() },
        ),
    ])
}

fn teammate_lines(m: &Teammate) -> Vec<Line<'static>> {
    let mut lines = vec![Line::styled(m.heading(), theme::title())];
    lines.extend(m.rows().into_iter().map(|(row, text)| {
        let style = match row {
            Row::Focus => theme::focus(),
            Row::Risk => theme::warning(),
            Row::Decided | Row::Escalated => Style::default(),
        };
        Line::from(vec![
            Span::styled(format!("  {:<10}", row.label()), theme::dim()),
            Span::styled(text, style),
        ])
    }));
    lines
}
