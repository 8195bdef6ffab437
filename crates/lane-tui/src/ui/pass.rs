//! The guided plan and review: a step bar in place of the tabs, one step per screen.

use chrono::NaiveDateTime;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::fit::clip_line;
use super::theme;
use crate::pass::{Pass, Ritual};
use crate::state::State;
use lane_core::model::conflicts::describe;
use lane_core::model::day::{
    assumed_result, deep_minutes, deep_worked_minutes, flags, hm, minutes, planned_minutes,
    worked_minutes, working_minutes_on,
};
use lane_core::model::ladder::blocker_state;
use lane_core::model::ladder::follow_up_due;
use lane_core::model::rank::{FOCUS_LIMIT, focus_count, rank};
use lane_core::model::response::follow_up_words;
use lane_core::model::ritual::acknowledged;
use lane_core::model::ritual::{DEEP_BREAK_MINUTES, free_slots, previous_working_day};
use lane_core::model::triage::{is_pending, is_to_review, is_unreported};
use lane_core::model::{BlockResult, BlockerStatus, Kind};

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
        Ritual::Plan => plan_lines(state, pass, now),
        Ritual::Review => review_lines(state, pass, now),
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

fn plan_lines(state: &State, pass: &Pass, now: NaiveDateTime) -> Vec<Line<'static>> {
    let d = &state.data();
    let mut out = Vec::new();
    match pass.step {
        0 => {
            if pass.rows.is_empty() {
                out.push(Line::raw("  Nothing left over. Enter goes on."));
            }
            for (i, &(kind, id)) in pass.rows.iter().enumerate() {
                let keep = !pass.dropped.contains(&(kind, id));
                let what = match kind {
                    Kind::Priority => d
                        .priorities
                        .iter()
                        .find(|p| p.id == id)
                        .map(|p| format!("focus  {}", p.title)),
                    _ => d.blocks.iter().find(|b| b.id == id).map(|b| {
                        format!(
                            "block  {}–{} {} ({})",
                            b.start.format("%H:%M"),
                            b.end.format("%H:%M"),
                            b.title,
                            b.kind.name()
                        )
                    }),
                }
                .unwrap_or_default();
                out.push(row(
                    i == pass.cursor,
                    vec![mark(keep, "[keep] ", "[drop] "), Span::raw(what)],
                ));
            }
        }
        1 => {
            if pass.rows.is_empty() {
                out.push(Line::raw(
                    "  No active priorities yet — leave (q) and add one (a).",
                ));
            }
            for (i, &(_, id)) in pass.rows.iter().enumerate() {
                let Some(p) = d.priorities.iter().find(|p| p.id == id) else {
                    continue;
                };
                let mut spans = vec![
                    mark(p.focus, "[★] ", "[ ] "),
                    Span::raw(format!("{:>3}  {}", p.id, p.title)),
                ];
                let r = rank(p, pass.date);
                // Urgency as the ranking counts it, raised by a due date (↑).
                let mut notes = vec![format!(
                    "{}×{}",
                    p.impact.name(),
                    super::priorities::urgency_words(&r)
                )];
                if let Some(due) = p.due {
                    notes.push(format!("due {}", due.format("%a %d %b")));
                }
                spans.push(Span::styled(
                    format!("  {}", notes.join(" · ")),
                    theme::dim(),
                ));
                let mut warn = lane_core::model::rank::flags(p, &state.rules, pass.date);
                warn.retain(|f| *f != "focus");
                if r.overdue && !warn.contains(&"overdue") {
                    warn.push("overdue");
                }
                if !warn.is_empty() {
                    spans.push(Span::styled(
                        format!("  {}", warn.join(" ")),
                        theme::warning(),
                    ));
                }
                out.push(row(i == pass.cursor, spans));
            }
        }
        2 => {
            match pass.proposal(state.data(), &state.rules, now) {
                Some(o) => {
                    let title = d
                        .priorities
                        .iter()
                        .find(|p| p.id == o.priority)
                        .map(|p| p.title.clone())
                        .unwrap_or_default();
                    let end = o.end();
                    let mut spans = vec![
                        Span::styled("Offered  ", theme::title()),
                        Span::raw(format!(
                            "{}–{} ({}) deep · {title}",
                            o.start.format("%H:%M"),
                            end.format("%H:%M"),
                            hm(o.minutes)
                        )),
                    ];
                    // Placed after a break the cap asked for: say why it is not earlier.
                    let rested = chrono::Duration::minutes(DEEP_BREAK_MINUTES);
                    if d.blocks_on(pass.date).any(|b| {
                        b.kind == lane_core::model::BlockKind::Deep && b.end + rested == o.start
                    }) {
                        spans.push(Span::styled(
                            format!("  after a {DEEP_BREAK_MINUTES}m break"),
                            theme::dim(),
                        ));
                    }
                    // Deep work on a blocked outcome may be wasted: say what blocks it.
                    if let Some(b) = d.blockers.iter().find(|b| {
                        b.priority == Some(o.priority) && b.status != BlockerStatus::Resolved
                    }) {
                        spans.push(Span::styled(
                            format!("  blocked: {} (n offers another)", b.title),
                            theme::warning(),
                        ));
                    }
                    out.push(row(true, spans));
                }
                None => out.push(Line::raw(
                    "  Nothing to offer: no focus outcome, or no free 30 minutes left. Enter goes on.",
                )),
            }
            out.push(Line::raw(""));
            let mut blocks: Vec<_> = d.blocks_on(pass.date).collect();
            blocks.sort_by_key(|b| (b.start, b.id));
            if blocks.is_empty() {
                out.push(Line::styled("  No blocks yet today.", theme::dim()));
            }
            for b in blocks {
                let f = flags(b, d, &state.rules.hours);
                let mut spans = vec![Span::raw(format!(
                    "  {}–{} {:<8} {}",
                    b.start.format("%H:%M"),
                    b.end.format("%H:%M"),
                    b.kind.name(),
                    b.title
                ))];
                if !f.is_empty() {
                    spans.push(Span::styled(
                        format!("  {}", f.join(" ").replace('_', " ")),
                        theme::warning(),
                    ));
                }
                out.push(Line::from(spans));
            }
            let free: Vec<String> = free_slots(d, &state.rules.hours, pass.date, now)
                .iter()
                .map(|(s, e)| format!("{}–{}", s.format("%H:%M"), e.format("%H:%M")))
                .collect();
            out.push(Line::raw(""));
            out.push(Line::styled(
                format!(
                    "  Free: {} · planned {} of {} · deep {} of {}",
                    if free.is_empty() {
                        "none".into()
                    } else {
                        free.join(", ")
                    },
                    hm(planned_minutes(d, pass.date)),
                    hm(working_minutes_on(&state.rules.hours, pass.date)),
                    hm(deep_minutes(d, pass.date)),
                    hm(state.rules.deep_minutes_goal)
                ),
                theme::dim(),
            ));
        }
        _ => {
            if pass.rows.is_empty() {
                out.push(Line::raw(
                    "  No follow-ups or reviews due today. Enter finishes the plan.",
                ));
            }
            for (i, &(kind, id)) in pass.rows.iter().enumerate() {
                let done = acknowledged(state.data(), pass.date, (kind, id));
                let what = match kind {
                    Kind::Priority => d
                        .priorities
                        .iter()
                        .find(|p| p.id == id)
                        .map(|p| super::outcome::checkpoint_text(p, &state.rules, pass.date)),
                    Kind::Blocker => d.blockers.iter().find(|b| b.id == id).map(|b| {
                        let due = if follow_up_due(b, pass.date) {
                            "follow up, "
                        } else {
                            ""
                        };
                        format!("blocker   {} — {due}waiting on {}", b.title, b.waiting_on)
                    }),
                    _ => d.decisions.iter().find(|x| x.id == id).map(|x| {
                        let due = if is_to_review(x, pass.date) {
                            " — review the outcome"
                        } else {
                            ""
                        };
                        format!("decision  {}{due}", x.situation)
                    }),
                }
                .unwrap_or_default();
                out.push(row(
                    i == pass.cursor,
                    vec![mark(done, "[✓] ", "[ ] "), Span::raw(what)],
                ));
                // An escalation past its response time gets its own line, so the
                // question fits beside nothing else at 80 columns.
                if let Some(words) = follow_up_words(d, &state.rules, (kind, id), now) {
                    out.push(Line::styled(
                        format!("            {words}"),
                        theme::warning(),
                    ));
                }
            }
        }
    }
    out
}

fn review_lines(state: &State, pass: &Pass, now: NaiveDateTime) -> Vec<Line<'static>> {
    let d = &state.data();
    let mut out = Vec::new();
    if pass.settling() {
        if pass.rows.is_empty() {
            out.push(Line::raw("  Nothing left to settle. Enter goes on."));
        }
        for (i, &(_, id)) in pass.rows.iter().enumerate() {
            if let Some(c) = d.conflicts.iter().find(|c| c.id == id) {
                out.push(row(
                    i == pass.cursor,
                    vec![Span::raw(format!("{id:>3}  {}", describe(d, c)))],
                ));
            }
        }
        return out;
    }
    match pass.step {
        0 => {
            if pass.rows.is_empty() {
                out.push(Line::raw("  No blocks were planned today. Enter goes on."));
            }
            for (i, &(_, id)) in pass.rows.iter().enumerate() {
                let Some(b) = d.blocks.iter().find(|b| b.id == id) else {
                    continue;
                };
                let result = assumed_result(b);
                let label = format!("[{:<7}] ", result.name());
                let style = match (b.result.is_some(), result) {
                    (false, _) => theme::dim(),
                    (true, BlockResult::Worked) => theme::focus(),
                    (true, _) => theme::warning(),
                };
                let actual = lane_core::model::day::actual_minutes(b, now)
                    .map(|m| format!(" · worked {}", hm(m)))
                    .unwrap_or_default();
                out.push(row(
                    i == pass.cursor,
                    vec![
                        Span::styled(label, style),
                        Span::raw(format!(
                            "{}–{} {} ({}, {}{actual})",
                            b.start.format("%H:%M"),
                            b.end.format("%H:%M"),
                            b.title,
                            b.kind.name(),
                            hm(minutes(b))
                        )),
                    ],
                ));
            }
            out.push(Line::raw(""));
            out.push(Line::styled(
                format!(
                    "  Planned {} · worked {} · {}  (dim: assumed until marked)",
                    hm(planned_minutes(d, pass.date)),
                    hm(worked_minutes(d, pass.date, now)),
                    super::blocks::deep_text(
                        deep_minutes(d, pass.date),
                        deep_worked_minutes(d, pass.date, now),
                        state.rules.deep_minutes_goal
                    )
                ),
                theme::dim(),
            ));
        }
        1 => {
            if pass.notes.is_empty() {
                out.push(Line::raw("  No focus outcomes today. Enter goes on."));
            }
            for (i, (id, input)) in pass.notes.iter().enumerate() {
                let title = d
                    .priorities
                    .iter()
                    .find(|p| p.id == *id)
                    .map(|p| p.title.clone())
                    .unwrap_or_default();
                out.push(row(i == pass.cursor, vec![Span::raw(title)]));
                let text = input.value();
                out.push(if text.is_empty() && i != pass.cursor {
                    Line::styled("    no change", theme::dim())
                } else {
                    Line::raw(format!("    {text}"))
                });
            }
        }
        2 => {
            if pass.rows.is_empty() {
                out.push(Line::raw("  No open blockers. Enter goes on."));
            }
            for (i, &(_, id)) in pass.rows.iter().enumerate() {
                let Some(b) = d.blockers.iter().find(|b| b.id == id) else {
                    continue;
                };
                out.push(row(
                    i == pass.cursor,
                    vec![
                        Span::raw(format!("{} ", b.title)),
                        Span::styled(format!("— {}", blocker_state(b)), theme::dim()),
                    ],
                ));
            }
        }
        3 => {
            if pass.rows.is_empty() {
                out.push(Line::raw(
                    "  No calls to escalate or report and no outcomes due. Enter goes on.",
                ));
            }
            for (i, &(_, id)) in pass.rows.iter().enumerate() {
                let Some(x) = d.decisions.iter().find(|x| x.id == id) else {
                    continue;
                };
                let mut tags = Vec::new();
                if is_pending(x, &state.rules.boundaries) {
                    tags.push("to escalate: E, or D decides it yourself");
                }
                if x.reported == Some(pass.date) {
                    tags.push("reported ✓");
                } else if is_unreported(x, &state.rules.boundaries) {
                    tags.push("to report");
                }
                if is_to_review(x, pass.date) {
                    tags.push("outcome due");
                }
                out.push(row(
                    i == pass.cursor,
                    vec![
                        Span::raw(format!("{} ", x.situation)),
                        Span::styled(format!("— {}", tags.join(", ")), theme::warning()),
                    ],
                ));
            }
        }
        _ => {
            let r = d.reviews.iter().find(|r| r.date == pass.date);
            let moved = r.map_or(0, |r| {
                r.progress.iter().filter(|p| p.note != "no change").count()
            });
            out.push(Line::raw(format!(
                "  Planned {}, worked {}, outcomes moved: {moved}. Enter closes the day.",
                hm(planned_minutes(d, pass.date)),
                hm(worked_minutes(d, pass.date, now)),
            )));
            out.extend(super::boundaries::close_line(state, pass.date, now));
            // The ids the close form's "tomorrow" asks for, with their titles.
            let top: Vec<String> = lane_core::model::ritual::focus_candidates(d, pass.date)
                .into_iter()
                .take(5)
                .filter_map(|id| d.priorities.iter().find(|p| p.id == id))
                .map(|p| format!("{} {}", p.id, p.title))
                .collect();
            if !top.is_empty() {
                out.push(Line::styled(
                    format!("  Ranked first: {}", top.join(" · ")),
                    theme::dim(),
                ));
            }
        }
    }
    out
}
