//! The plan's steps as lines: carry over, focus, blocks, follow-ups.

use chrono::NaiveDateTime;
use ratatui::text::{Line, Span};

use super::{mark, row};
use crate::pass::Pass;
use crate::state::State;
use crate::ui::theme;
use lane_core::model::day::{deep_minutes, flags, hm, planned_minutes, working_minutes_on};
use lane_core::model::ladder::follow_up_due;
use lane_core::model::rank::rank;
use lane_core::model::response::follow_up_words;
use lane_core::model::ritual::acknowledged;
use lane_core::model::ritual::{DEEP_BREAK_MINUTES, free_slots_of};
use lane_core::model::time_of_day;
use lane_core::model::triage::is_to_review;
use lane_core::model::{BlockKind, BlockerStatus, Kind};
use lane_core::report::calibration::{self, plan_words};

pub(super) fn lines(state: &State, pass: &Pass, now: NaiveDateTime) -> Vec<Line<'static>> {
    match pass.step {
        0 => carry_over_lines(state, pass),
        1 => focus_lines(state, pass),
        2 => {
            let mut out = vec![offer_line(state, pass, now)];
            out.extend(calibration_line(state, pass, now));
            out.push(Line::raw(""));
            out.extend(day_block_lines(state, pass));
            out.push(Line::raw(""));
            out.push(free_line(state, pass, now));
            out
        }
        _ => follow_up_lines(state, pass, now),
    }
}

/// Plan step 1: yesterday's focus and blocks, each kept or dropped.
fn carry_over_lines(state: &State, pass: &Pass) -> Vec<Line<'static>> {
    let d = &state.data();
    let mut out = Vec::new();
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
                    time_of_day::text(b.start),
                    time_of_day::text(b.end),
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
    out
}

/// Plan step 2: the active priorities to pick today's focus from, with what
/// ranks them and what warns about them.
fn focus_lines(state: &State, pass: &Pass) -> Vec<Line<'static>> {
    let d = &state.data();
    let mut out = Vec::new();
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
            crate::ui::priorities::urgency_words(&r)
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
    out
}

/// Why the plan offers no block, in the words that fit the day.
fn nothing_to_offer(state: &State, pass: &Pass) -> String {
    if state.rules.hours.on(pass.date).is_none() {
        return format!(
            "  {} is a day off in your working hours: nothing to block. Enter goes on.",
            pass.date.format("%A")
        );
    }
    if pass.focus_to_block(state.data()).is_empty() {
        return "  No outcome in focus to block: esc goes back to pick one. Enter goes on.".into();
    }
    "  No free 30 minutes left in your working hours today. Enter goes on.".into()
}

/// Plan step 3, first: the block offered for the next focus outcome, and
/// what stands in its way.
fn offer_line(state: &State, pass: &Pass, now: NaiveDateTime) -> Line<'static> {
    let d = &state.data();
    let Some(o) = pass.proposal(state.data(), &state.rules, now) else {
        return Line::raw(nothing_to_offer(state, pass));
    };
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
            time_of_day::text(o.start),
            time_of_day::text(end),
            hm(o.minutes)
        )),
    ];
    // Placed after a break the cap asked for: say why it is not earlier.
    // Through `add_minutes`: a block's end may be 24:00, which chrono cannot add to.
    let rested = |end| lane_core::model::limits::add_minutes(end, DEEP_BREAK_MINUTES);
    if d.blocks_on(pass.date)
        .any(|b| b.kind == lane_core::model::BlockKind::Deep && rested(b.end) == Some(o.start))
    {
        spans.push(Span::styled(
            format!("  after a {DEEP_BREAK_MINUTES}m break"),
            theme::dim(),
        ));
    }
    // Deep work on a blocked outcome may be wasted: say what blocks it.
    if let Some(b) = d
        .blockers
        .iter()
        .find(|b| b.priority == Some(o.priority) && b.status != BlockerStatus::Resolved)
    {
        spans.push(Span::styled(
            format!("  blocked: {} (n offers another)", b.title),
            theme::warning(),
        ));
    }
    row(true, spans)
}

/// Plan step 3, under the offer: what the day's deep work will likely give,
/// from how much of their deep plans the user worked over the last four weeks,
/// and whether the offer is sized by it (`size_by_calibration`).
fn calibration_line(state: &State, pass: &Pass, now: NaiveDateTime) -> Option<Line<'static>> {
    let d = state.data();
    let usual = calibration::usual(d, pass.date, now);
    let deep = usual.kind(BlockKind::Deep)?;
    let words = plan_words(BlockKind::Deep, deep_minutes(d, pass.date), deep)?;
    let sized = match pass.calibrated_ratio(d, &state.rules, now) {
        Some(_) => " · offers sized by it",
        None => "",
    };
    Some(Line::styled(format!("  {words}{sized}"), theme::dim()))
}

/// Plan step 3, then: the blocks the day has so far, with their warnings.
fn day_block_lines(state: &State, pass: &Pass) -> Vec<Line<'static>> {
    let d = &state.data();
    let mut out = Vec::new();
    let mut blocks: Vec<_> = d.blocks_on(pass.date).collect();
    blocks.sort_by_key(|b| (b.start, b.id));
    if blocks.is_empty() {
        out.push(Line::styled("  No blocks yet today.", theme::dim()));
    }
    for b in blocks {
        let f = flags(b, d, &state.rules.hours);
        let mut spans = vec![Span::raw(format!(
            "  {}–{} {:<8} {}",
            time_of_day::text(b.start),
            time_of_day::text(b.end),
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
    out
}

/// Plan step 3, last: the free time left, and the day's hours against the
/// working day and the deep-work goal.
fn free_line(state: &State, pass: &Pass, now: NaiveDateTime) -> Line<'static> {
    let d = &state.data();
    let free: Vec<String> = free_slots_of(d, &state.rules.hours, pass.date, now, 15)
        .iter()
        .map(|(s, e)| format!("{}–{}", time_of_day::text(*s), time_of_day::text(*e)))
        .collect();
    Line::styled(
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
    )
}

/// Plan step 4: the checkpoints, follow-ups and reviews due today, each
/// acknowledged in turn.
fn follow_up_lines(state: &State, pass: &Pass, now: NaiveDateTime) -> Vec<Line<'static>> {
    let d = &state.data();
    let mut out = Vec::new();
    if pass.rows.is_empty() {
        out.push(Line::raw(
            "  No follow-ups or reviews due today. Enter finishes the plan.",
        ));
    }
    for (i, &(kind, id)) in pass.rows.iter().enumerate() {
        let done = acknowledged(state.data(), pass.date, (kind, id));
        out.push(row(
            i == pass.cursor,
            vec![
                mark(done, "[✓] ", "[ ] "),
                Span::raw(due_text(state, pass, kind, id)),
            ],
        ));
        // An escalation past its response time gets its own line, so the
        // question fits beside nothing else at 80 columns.
        if let Some(words) = follow_up_words(d, &state.rules, (kind, id), now) {
            out.push(Line::styled(
                format!("            {words}"),
                theme::warning(),
            ));
        }
        if let Some(words) = unblocked_words(state, kind, id) {
            out.push(Line::styled(
                format!("            {words}"),
                theme::warning(),
            ));
        }
    }
    out
}

/// A blocker whose links all closed or merged: what did it, and the key.
fn unblocked_words(state: &State, kind: Kind, id: u32) -> Option<String> {
    let b = state.data().blockers.iter().find(|b| b.id == id)?;
    let by = lane_core::model::links::unblocked(b, &state.links.known)?;
    (kind == Kind::Blocker).then(|| format!("{by} — unblocked? R resolves it"))
}

/// What is due on one item the plan's last step lists.
fn due_text(state: &State, pass: &Pass, kind: Kind, id: u32) -> String {
    let d = &state.data();
    match kind {
        Kind::Priority => d
            .priorities
            .iter()
            .find(|p| p.id == id)
            .map(|p| crate::ui::outcome::checkpoint_text(p, &state.rules, pass.date)),
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
    .unwrap_or_default()
}
