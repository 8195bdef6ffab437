//! The Priorities tab: the ranked list and the detail of one outcome.

use chrono::NaiveDate;
use ratatui::layout::Constraint;
use ratatui::text::{Line, Span};

use super::dates::{due_label, relative};
use super::detail::field;
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

/// Everything about one priority: what, by when, how measured, why it ranks where
/// it does, and its update log newest first.
pub fn detail_lines(
    p: &Priority,
    blockers: &[Blocker],
    rules: &Rules,
    today: NaiveDate,
) -> Vec<Line<'static>> {
    let mut state = vec![p.status.name().to_string()];
    state.extend(flags(p, rules, today).into_iter().map(str::to_string));
    let mut lines = vec![
        Line::from(Span::styled(p.title.clone(), theme::title())),
        Line::from(Span::styled(state.join(" · "), theme::warning())),
        Line::raw(""),
    ];
    lines.extend(field("Outcome", or_dash(&p.outcome)));
    lines.extend(field("Measure", or_dash(&p.measure)));
    let due = match p.due {
        None => "—".to_string(),
        Some(d) => format!("{} ({})", d.format("%a %d %b %Y"), relative(d, today)),
    };
    lines.extend(field("Due", due));
    lines.extend(field("Rank", rank_text(p, today)));
    if let Some(progress) = super::outcome::progress_text(p) {
        lines.extend(field("Progress", progress));
    }
    lines.extend(super::outcome::agreement_lines(p));
    lines.extend(field("Last word", last_word(p, rules, today)));
    lines.extend(blocked_by_lines(p, blockers));
    lines.extend(super::outcome::steering_lines(p, today));
    lines.push(Line::raw(""));
    lines.extend(update_lines(p));
    lines
}

fn or_dash(s: &str) -> String {
    if s.is_empty() {
        "—".to_string()
    } else {
        s.to_string()
    }
}

/// The score and why; the reason names the stated urgency, and one a date
/// raised says what it counts.
fn rank_text(p: &Priority, today: NaiveDate) -> String {
    let r = rank(p, today);
    let raised = match (r.raised, r.urgency) {
        (false, _) => String::new(),
        (true, Some(l)) => format!(" · urgency {}, raised to {}", p.urgency.name(), l.name()),
        (true, None) => format!(" · urgency {}, raised above high", p.urgency.name()),
    };
    format!("{} — {}{raised}", r.score, r.reason)
}

/// When an update was last written, and whether the silence is too long.
fn last_word(p: &Priority, rules: &Rules, today: NaiveDate) -> String {
    let Some(d) = last_heard(p) else {
        return "never".into();
    };
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

/// The open blockers on this outcome, and whom they wait on.
fn blocked_by_lines(p: &Priority, blockers: &[Blocker]) -> Vec<Line<'static>> {
    blockers
        .iter()
        .filter(|b| b.priority == Some(p.id) && b.status != BlockerStatus::Resolved)
        .map(|b| {
            let on = if b.waiting_on.is_empty() {
                String::new()
            } else {
                format!(" (waiting on {})", b.waiting_on)
            };
            Line::from(vec![
                Span::styled(format!("{:<9} ", "Blocked by"), theme::warning()),
                Span::raw(format!("blocker {} “{}”{on}", b.id, b.title)),
            ])
        })
        .collect()
}

/// The update log, newest first; a note of many lines is dated on its first.
fn update_lines(p: &Priority) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(Span::styled(
        "Updates, newest first",
        theme::title(),
    ))];
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
