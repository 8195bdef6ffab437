//! The Priorities tab: the ranked list and the detail of one outcome.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Padding, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::fit::wrap_words;
use super::list::{Columns, ListRow, row_style};
use super::theme;
use lane_core::model::rank::{Rank, flags, is_silent, last_heard, rank, working_days_between};
use lane_core::model::rules::Rules;
use lane_core::model::{Blocker, BlockerStatus, Data, Level, Priority, PriorityStatus};

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

/// The urgency the ranking counts, as a letter: `L`, `M`, `H`, `!` when
/// overdue; `↑` when the due date raised it above the one set.
pub fn urgency_mark(r: &Rank) -> String {
    let letter = r.urgency.map_or("!", level_letter);
    format!("{letter}{}", if r.raised { "↑" } else { "" })
}

/// The same in words, for the plan: `high ↑`, `overdue`.
pub fn urgency_words(r: &Rank) -> String {
    match r.urgency {
        None => "overdue".into(),
        Some(l) if r.raised => format!("{} ↑", l.name()),
        Some(l) => l.name().into(),
    }
}

pub fn columns<'a>(data: &'a Data, rules: &'a Rules, today: NaiveDate) -> Columns<'a> {
    Columns {
        header: vec!["#", " ", "Title", "I/U", "Rank", "Due", "Flags"],
        widths: vec![
            Constraint::Length(3),
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(4),
            Constraint::Length(4),
            Constraint::Length(10),
            Constraint::Length(14),
        ],
        title: 2,
        // The order says the rank; the detail says the score and why.
        optional: vec![4],
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
                    let urgency_style = if r.raised {
                        theme::warning()
                    } else {
                        Default::default()
                    };
                    ListRow::new(vec![
                        p.id.to_string().into(),
                        mark(p).into(),
                        p.title.clone().into(),
                        Line::from(vec![
                            Span::raw(format!("{}/", level_letter(p.impact))),
                            Span::styled(urgency_mark(&r), urgency_style),
                        ]),
                        format!("{:>3}", r.score).into(),
                        Span::styled(due_label(p.due, today), due_style).into(),
                        Line::from(shown),
                    ])
                    .style(row_style(p.status.is_closed()))
                })
                .collect()
        }),
    }
}

/// Columns before a field's value: its label, padded.
const LABEL_W: usize = 10;

/// `Label     value`; a value of several lines (written in $EDITOR) keeps its
/// lines, blank ones too, each under the first.
pub fn field(label: &str, value: String) -> Vec<Line<'static>> {
    let mut lines = value.split('\n');
    let first = lines.next().unwrap_or_default().to_string();
    let mut out = vec![Line::from(vec![
        Span::styled(format!("{label:<9} "), theme::dim()),
        Span::raw(first),
    ])];
    out.extend(lines.map(|l| Line::raw(format!("{:LABEL_W$}{l}", ""))));
    out
}

/// A labelled line (a field, an update under its date: a short label ending in
/// a space, then the text) wrapped to `width` with the text's lines under the
/// text; any other line as it is.
fn hang(line: Line<'static>, width: usize) -> Vec<Line<'static>> {
    let indent = line.spans.first().map_or(0, |s| s.content.width());
    let labelled = line.spans.len() == 2
        && (LABEL_W..=LABEL_W + 2).contains(&indent)
        && line.spans[0].content.ends_with(' ');
    if !labelled || line.width() <= width || width < indent + 12 {
        return vec![line];
    }
    let (label, text) = (line.spans[0].clone(), &line.spans[1]);
    wrap_words(&text.content, width - indent)
        .into_iter()
        .enumerate()
        .map(|(i, part)| {
            let head = if i == 0 {
                label.clone()
            } else {
                Span::raw(" ".repeat(indent))
            };
            Line::from(vec![head, Span::styled(part, text.style)])
        })
        .collect()
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
    // The reason names the stated urgency; one a date raised says what it counts.
    let raised = match (r.raised, r.urgency) {
        (false, _) => String::new(),
        (true, Some(l)) => format!(" · urgency {}, raised to {}", p.urgency.name(), l.name()),
        (true, None) => format!(" · urgency {}, raised above high", p.urgency.name()),
    };
    lines.extend(field("Rank", format!("{} — {}{raised}", r.score, r.reason)));
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
            // Silence counts working days; "today" is only ever today (a Friday
            // note read on Sunday is no working day old, but not today's).
            let ago = match days {
                _ if d == today => "today".to_string(),
                0 => "no working day ago".to_string(),
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

/// Draws detail lines in a pane with a rule on its left. A field's value too
/// long for the pane wraps under itself, not under its label.
pub fn draw_detail(
    frame: &mut Frame,
    area: Rect,
    lines: Option<Vec<Line<'static>>>,
    scroll: usize,
) {
    let block = Block::new()
        .borders(Borders::LEFT)
        .padding(Padding::horizontal(1));
    let inner = block.inner(area);
    let width = inner.width as usize;
    let mut lines = lines
        .unwrap_or_else(|| vec![Line::from(Span::styled("Nothing selected.", theme::dim()))])
        .into_iter()
        .flat_map(|l| hang(l, width))
        .collect::<Vec<_>>();
    // Scrolled (j/k in the overlay) no further than the last line at the bottom.
    let height = inner.height as usize;
    let skip = scroll.min(lines.len().saturating_sub(height));
    if skip > 0 {
        lines.drain(..skip);
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        area,
    );
}
