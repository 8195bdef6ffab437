//! The Blockers tab: each blocker's age, waiting-on, ladder and next rung.

use chrono::NaiveDateTime;
use ratatui::layout::Constraint;
use ratatui::text::{Line, Span};

use super::detail::field;
use super::list::{Columns, ListRow, check, row_style};
use super::theme;
use crate::state::State;
use lane_core::model::ladder::{
    Next, age_hours, flags, has_tried, last_move, next_rung, working_minutes,
};
use lane_core::model::links::{Known, link_line, links_of, quiet, unblocked};
use lane_core::model::rules::Rules;
use lane_core::model::{Blocker, BlockerStatus, Data, Entry, Rung};

/// Working time as a short label: `45m`, `6h`, `27h` — always working hours, so a
/// weekend never inflates it.
pub fn hours_label(hours: f64) -> String {
    let minutes = (hours * 60.0).round() as i64;
    if minutes < 60 {
        format!("{minutes}m")
    } else {
        format!("{}h", minutes / 60)
    }
}

/// The ladder as four marks: docs · search · peer · escalate.
fn ladder(b: &Blocker) -> Line<'static> {
    let mut spans = Vec::new();
    for rung in Rung::ALL {
        let (mark, style) = if has_tried(b, *rung) {
            ("●", theme::info())
        } else {
            ("○", theme::dim())
        };
        spans.push(Span::styled(mark, style));
    }
    let escalated = b.escalated_at.is_some();
    spans.push(if escalated {
        Span::styled("▲", theme::warning())
    } else {
        Span::styled("△", theme::dim())
    });
    Line::from(spans)
}

fn next_label(next: Next) -> &'static str {
    match next {
        Next::FollowUp => "follow up",
        Next::Nothing => "",
        other => other.name(),
    }
}

/// The flags a row shows: the ladder's, then what its links say.
fn row_flags(b: &Blocker, rules: &Rules, known: &Known, now: NaiveDateTime) -> Vec<&'static str> {
    let mut out: Vec<&str> = flags(b, rules, now)
        .into_iter()
        .map(|f| if f == "follow_up_due" { "follow-up" } else { f })
        .collect();
    if unblocked(b, known).is_some() {
        out.insert(0, "unblocked?");
    } else if quiet(b, known, rules, now).is_some() {
        out.push("quiet");
    }
    out
}

pub fn columns<'a>(data: &'a Data, state: &'a State, now: NaiveDateTime) -> Columns<'a> {
    let (rules, known) = (&state.rules, &state.links.known);
    Columns {
        header: vec![
            "#",
            " ",
            "Title",
            "Waiting on",
            "Age",
            "Ladder",
            "Next",
            "Flags",
        ],
        widths: vec![
            Constraint::Length(3),
            Constraint::Length(1),
            Constraint::Fill(2),
            Constraint::Fill(1),
            Constraint::Length(6),
            Constraint::Length(6),
            Constraint::Length(9),
            Constraint::Length(11),
        ],
        title: 2,
        // The detail says what comes next and how old it is.
        optional: vec![6, 4],
        empty: "No blockers — press a when something is stuck.",
        rows: Box::new(move |indices| {
            indices
                .iter()
                .map(|&i| &data.blockers[i])
                .map(|b| {
                    let flag_text = row_flags(b, rules, known, now);
                    let age = if b.is_done() {
                        String::new()
                    } else {
                        hours_label(age_hours(b, &rules.hours, now))
                    };
                    ListRow::new(vec![
                        b.id.to_string().into(),
                        check(b.is_done()).into(),
                        b.title.clone().into(),
                        b.waiting_on.clone().into(),
                        age.into(),
                        ladder(b),
                        next_label(next_rung(b)).into(),
                        Span::styled(flag_text.join(" "), theme::warning()).into(),
                    ])
                    .style(row_style(b.is_done()))
                })
                .collect()
        }),
    }
}

/// Everything about one blocker: what it blocks, what its links say, the
/// ladder so far, and what to do now.
pub fn detail_lines(b: &Blocker, state: &State, now: NaiveDateTime) -> Vec<Line<'static>> {
    let (data, rules) = (state.data(), &state.rules);
    let flag_text = flags(b, rules, now)
        .join(" · ")
        .replace("follow_up_due", "follow-up due");
    let mut lines = vec![
        Line::from(Span::styled(b.title.clone(), theme::title())),
        Line::from(Span::styled(
            [b.status.name(), flag_text.as_str()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" · "),
            theme::warning(),
        )),
        Line::raw(""),
    ];
    let dash = |s: &str| {
        if s.is_empty() {
            "—".to_string()
        } else {
            s.to_string()
        }
    };
    lines.extend(field("Waiting on", dash(&b.waiting_on)));
    if let Some(pid) = b.priority {
        let title = data
            .priorities
            .iter()
            .find(|p| p.id == pid)
            .map(|p| p.title.clone());
        // A priority closed long ago has moved to the archive.
        let title = title.map_or("(archived)".to_string(), |t| format!("“{t}”"));
        lines.extend(field("Blocks", format!("priority {pid} {title}")));
    }
    if let Some(o) = b.opened {
        let age = hours_label(age_hours(b, &rules.hours, now));
        lines.extend(field(
            "Opened",
            format!("{} ({age} of working time)", o.format("%a %d %b %H:%M")),
        ));
    }
    lines.extend(link_lines(b, &state.links.known, now));
    lines.push(Line::raw(""));
    lines.extend(ladder_lines(b));
    lines.push(Line::raw(""));
    lines.extend(now_lines(b, rules, &state.links.known, now));
    lines
}

/// Each link: how it stands (`PR #42 merged 2h ago — unblocked?`), its
/// title and where it is.
fn link_lines(b: &Blocker, known: &Known, now: NaiveDateTime) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for l in links_of(b) {
        // The state, then (under it) the title and where it is.
        let title = known.get(&l.url).map_or("", |s| s.title.as_str());
        let shown = match title {
            "" => l.url.clone(),
            t => format!("“{t}”\n{}", l.url),
        };
        lines.extend(field(
            "Link",
            format!("{}\n{shown}", link_line(&l, known, now)),
        ));
    }
    lines
}

/// Each rung of the ladder: when it was tried and what was found, then the
/// escalation (and the rungs it skipped).
fn ladder_lines(b: &Blocker) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(Span::styled("Ladder", theme::title()))];
    for rung in Rung::ALL {
        let text = match b.tried.iter().find(|t| t.rung == *rung) {
            Some(t) => {
                let note = if t.note.is_empty() {
                    String::new()
                } else {
                    format!(" — {}", t.note)
                };
                format!("✓ {}{note}", t.at.format("%a %d %b %H:%M"))
            }
            None => "not tried".into(),
        };
        lines.extend(field(rung.name(), text));
    }
    let esc = match (&b.escalated_at, b.skipped.is_empty()) {
        (Some(at), true) => format!("✓ {} to {}", at.format("%a %d %b %H:%M"), b.escalated_to),
        (Some(at), false) => {
            let skipped: Vec<&str> = b.skipped.iter().map(|r| r.name()).collect();
            format!(
                "✓ {} to {} — without trying {}",
                at.format("%a %d %b %H:%M"),
                b.escalated_to,
                skipped.join(", ")
            )
        }
        (None, _) => "not yet".into(),
    };
    lines.extend(field("escalate", esc));
    lines
}

/// What to do now — the next rung, nudged by a quiet link — and how long
/// since the last move (while it blocks), the follow-up date, and what
/// resolved it.
fn now_lines(b: &Blocker, rules: &Rules, known: &Known, now: NaiveDateTime) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    if b.status != BlockerStatus::Resolved {
        let advice = quiet(b, known, rules, now).unwrap_or_else(|| next_rung(b).advice().into());
        lines.extend(field("Now", advice));
        if let Some(m) = last_move(b) {
            let since = working_minutes(&rules.hours, m, now) as f64 / 60.0;
            lines.extend(field(
                "Time-box",
                format!(
                    "{} since the last move, box is {}",
                    hours_label(since),
                    hours_label(rules.blocker_timebox_hours)
                ),
            ));
        }
    }
    if let Some(f) = b.follow_up {
        lines.extend(field("Follow up", f.format("%a %d %b").to_string()));
    }
    if !b.resolution.is_empty() {
        lines.extend(field("Resolved", b.resolution.clone()));
    }
    lines
}
