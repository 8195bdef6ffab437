//! The Priorities tab: the ranked list and the detail of one outcome.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Padding, Paragraph, Row, Wrap};

use super::list::{Columns, row_style};
use super::theme;
use crate::model::rank::{Rules, flags, is_silent, last_heard, rank, working_days_between};
use crate::model::{Blocker, BlockerStatus, Data, Level, Priority, PriorityStatus};

fn level_letter(l: Level) -> &'static str {
    match l {
        Level::High => "H",
        Level::Medium => "M",
        Level::Low => "L",
    }
}

/// The mark before a title: focus, or a closed or paused state.
pub(super) fn mark(p: &Priority) -> Span<'static> {
    match p.status {
        PriorityStatus::Done => Span::raw("✓"),
        PriorityStatus::Dropped => Span::raw("✗"),
        PriorityStatus::Paused => Span::styled("‖", theme::dim()),
        PriorityStatus::Active if p.focus => Span::styled("◆", theme::focus()),
        PriorityStatus::Active => Span::raw(" "),
    }
}

pub fn due_label(due: Option<NaiveDate>, today: NaiveDate) -> String {
    match due {
        None => String::new(),
        Some(d) if d == today => "today".into(),
        Some(d) if (d - today).num_days() == 1 => "tomorrow".into(),
        Some(d) if (d - today).num_days().abs() < 180 => d.format("%a %d %b").to_string(),
        Some(d) => d.to_string(),
    }
}

pub fn columns<'a>(data: &'a Data, rules: &'a Rules, today: NaiveDate) -> Columns<'a> {
    Columns {
        header: vec!["#", " ", "Title", "I/U", "Rank", "Due", "Flags"],
        widths: vec![
            Constraint::Length(3),
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(3),
            Constraint::Length(4),
            Constraint::Length(10),
            Constraint::Length(14),
        ],
        empty: "No priorities yet — press a to add the outcome you own.",
        rows: Box::new(move |indices| {
            indices
                .iter()
                .map(|&i| &data.priorities[i])
                .map(|p| {
                    let r = rank(p, today);
                    let shown: Vec<Span> = flags(p, rules, today)
                        .into_iter()
                        .filter(|f| *f != "focus")
                        .map(|f| Span::styled(format!("{f} "), theme::warning()))
                        .collect();
                    let due_style = if r.overdue {
                        theme::warning()
                    } else {
                        Default::default()
                    };
                    Row::new(vec![
                        Cell::from(p.id.to_string()),
                        Cell::from(mark(p)),
                        Cell::from(p.title.clone()),
                        Cell::from(format!(
                            "{}/{}",
                            level_letter(p.impact),
                            level_letter(p.urgency)
                        )),
                        Cell::from(format!("{:>3}", r.score)),
                        Cell::from(Span::styled(due_label(p.due, today), due_style)),
                        Cell::from(Line::from(shown)),
                    ])
                    .style(row_style(p.status.is_closed()))
                })
                .collect()
        }),
    }
}

/// `Label     value`; a value of several lines (written in $EDITOR) keeps its
/// lines, blank ones too, each under the first.
pub fn field(label: &str, value: String) -> Vec<Line<'static>> {
    let mut lines = value.split('\n');
    let first = lines.next().unwrap_or_default().to_string();
    let mut out = vec![Line::from(vec![
        Span::styled(format!("{label:<9} "), theme::dim()),
        Span::raw(first),
    ])];
    out.extend(lines.map(|l| Line::raw(format!("{:10}{l}", ""))));
    out
}

/// Everything about one priority: what, by when, how measured, why it ranks where
/// it does, and its update log newest first.
pub fn detail_lines(
    p: &Priority,
    blockers: &[Blocker],
    rules: &Rules,
    today: NaiveDate,
) -> Vec<Line<'static>> {
    let r = rank(p, today);
    let mut state = vec![p.status.name().to_string()];
    state.extend(flags(p, rules, today).into_iter().map(str::to_string));
    let mut lines = vec![
        Line::from(Span::styled(p.title.clone(), theme::title())),
        Line::from(Span::styled(state.join(" · "), theme::warning())),
        Line::raw(""),
    ];
    let or_dash = |s: &str| {
        if s.is_empty() {
            "—".to_string()
        } else {
            s.to_string()
        }
    };
    lines.extend(field("Outcome", or_dash(&p.outcome)));
    lines.extend(field("Measure", or_dash(&p.measure)));
    let due = match p.due {
        None => "—".to_string(),
        Some(d) => format!("{} ({})", d.format("%a %d %b %Y"), relative(d, today)),
    };
    lines.extend(field("Due", due));
    lines.extend(field("Rank", format!("{} — {}", r.score, r.reason)));
    if let Some(progress) = super::outcome::progress_text(p) {
        lines.extend(field("Progress", progress));
    }
    lines.extend(super::outcome::agreement_lines(p));
    let heard = match last_heard(p) {
        Some(d) => {
            let days = working_days_between(&rules.hours, d, today);
            let silent = if is_silent(p, rules, today) {
                " — time to send an update"
            } else {
                ""
            };
            let ago = match days {
                0 => "today".to_string(),
                1 => "1 working day ago".to_string(),
                n => format!("{n} working days ago"),
            };
            format!("{d} ({ago}){silent}")
        }
        None => "never".into(),
    };
    lines.extend(field("Last word", heard));
    for b in blockers
        .iter()
        .filter(|b| b.priority == Some(p.id) && b.status != BlockerStatus::Resolved)
    {
        let on = if b.waiting_on.is_empty() {
            String::new()
        } else {
            format!(" (waiting on {})", b.waiting_on)
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{:<9} ", "Blocked by"), theme::warning()),
            Span::raw(format!("blocker {} “{}”{on}", b.id, b.title)),
        ]));
    }
    lines.extend(super::outcome::steering_lines(p, today));
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(
        "Updates, newest first",
        theme::title(),
    )));
    if p.updates.is_empty() {
        lines.push(Line::from(Span::styled(
            "none yet — U adds one",
            theme::dim(),
        )));
    }
    for u in p.updates.iter().rev() {
        let mut first = true;
        for text in u.note.lines() {
            let date = if first {
                u.date.to_string()
            } else {
                String::new()
            };
            first = false;
            lines.push(Line::from(vec![
                Span::styled(format!("{date:<10} "), theme::dim()),
                Span::raw(text.to_string()),
            ]));
        }
    }
    lines
}

fn relative(d: NaiveDate, today: NaiveDate) -> String {
    match (d - today).num_days() {
        0 => "today".into(),
        1 => "tomorrow".into(),
        -1 => "yesterday".into(),
        n if n > 0 => format!("in {n} days"),
        n => format!("{} days ago", -n),
    }
}

/// Draws detail lines in a pane with a rule on its left.
pub fn draw_detail(frame: &mut Frame, area: Rect, lines: Option<Vec<Line<'static>>>) {
    let block = Block::new()
        .borders(Borders::LEFT)
        .padding(Padding::horizontal(1));
    let lines =
        lines.unwrap_or_else(|| vec![Line::from(Span::styled("Nothing selected.", theme::dim()))]);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        area,
    );
}
