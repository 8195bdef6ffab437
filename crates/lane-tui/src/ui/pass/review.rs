//! The review's steps as lines: blocks, progress, blockers, calls, close, and
//! the conflicts to settle before the close.

use chrono::NaiveDateTime;
use ratatui::text::{Line, Span};

use super::row;
use crate::pass::Pass;
use crate::state::State;
use crate::ui::theme;
use lane_core::model::BlockResult;
use lane_core::model::conflicts::describe;
use lane_core::model::day::{
    assumed_result, deep_minutes, deep_worked_minutes, hm, minutes, planned_minutes, worked_minutes,
};
use lane_core::model::ladder::blocker_state;
use lane_core::model::time_of_day;
use lane_core::model::triage::{is_pending, is_to_review, is_unreported};

pub(super) fn lines(state: &State, pass: &Pass, now: NaiveDateTime) -> Vec<Line<'static>> {
    if pass.settling() {
        return conflict_lines(state, pass);
    }
    match pass.step {
        0 => worked_lines(state, pass, now),
        1 => progress_lines(state, pass),
        2 => blocker_lines(state, pass),
        3 => call_lines(state, pass),
        _ => close_lines(state, pass, now),
    }
}

/// Review, before the close: the fields two writers changed differently.
fn conflict_lines(state: &State, pass: &Pass) -> Vec<Line<'static>> {
    let d = &state.data();
    let mut out = Vec::new();
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
    out
}

/// Review step 1: each planned block against what happened to it, then the
/// day's totals.
fn worked_lines(state: &State, pass: &Pass, now: NaiveDateTime) -> Vec<Line<'static>> {
    let d = &state.data();
    let mut out = Vec::new();
    if pass.rows.is_empty() {
        out.push(Line::raw("  No blocks were planned today. Enter goes on."));
    }
    for (i, &(_, id)) in pass.rows.iter().enumerate() {
        let Some(b) = d.blocks.iter().find(|b| b.id == id) else {
            continue;
        };
        let result = assumed_result(b, now);
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
                    time_of_day::text(b.start),
                    time_of_day::text(b.end),
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
            crate::ui::blocks::deep_text(
                deep_minutes(d, pass.date),
                deep_worked_minutes(d, pass.date, now),
                state.rules.deep_minutes_goal
            )
        ),
        theme::dim(),
    ));
    if let Some(words) = lane_core::report::calibration::review_words(d, pass.date, now) {
        out.push(Line::styled(format!("  {words}"), theme::dim()));
    }
    out
}

/// Review step 2: each focus outcome with the line typed under it.
fn progress_lines(state: &State, pass: &Pass) -> Vec<Line<'static>> {
    let d = &state.data();
    let mut out = Vec::new();
    if pass.notes.is_empty() {
        out.push(Line::raw("  No focus outcomes today. Enter goes on."));
    }
    for (i, (id, input)) in pass.notes.iter().enumerate() {
        let outcome = d.priorities.iter().find(|p| p.id == *id);
        let title = outcome.map(|p| p.title.clone()).unwrap_or_default();
        out.push(row(i == pass.cursor, vec![Span::raw(title)]));
        // The day's notes written outside the review (U, o, `lane update`):
        // what moved already, so never "no change" over them.
        let noted = outcome.map_or_else(Vec::new, |p| noted_elsewhere(d, p, pass.date));
        out.extend(
            noted
                .iter()
                .map(|n| Line::styled(format!("    noted today: {n}"), theme::dim())),
        );
        let text = input.value();
        out.push(
            match (text.is_empty() && i != pass.cursor, noted.is_empty()) {
                (true, true) => Line::styled("    no change", theme::dim()),
                (true, false) => Line::raw(""),
                (false, _) => Line::raw(format!("    {text}")),
            },
        );
    }
    out
}

/// An outcome's update-log notes of `date` other than the line this review
/// wrote for it (which its input shows).
fn noted_elsewhere(
    data: &lane_core::model::Data,
    p: &lane_core::model::Priority,
    date: chrono::NaiveDate,
) -> Vec<String> {
    let own = data
        .reviews
        .iter()
        .find(|r| r.date == date)
        .and_then(|r| r.progress.iter().find(|n| n.priority == p.id))
        .map(|n| n.note.as_str());
    p.updates
        .iter()
        .filter(|u| u.date == date && Some(u.note.as_str()) != own)
        .map(|u| lane_core::model::text::visible(&u.note))
        .collect()
}

/// Review step 3: each open blocker and where it stands on its ladder.
fn blocker_lines(state: &State, pass: &Pass) -> Vec<Line<'static>> {
    let d = &state.data();
    let mut out = Vec::new();
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
    out
}

/// Review step 4: the calls to escalate or report, and outcomes due.
fn call_lines(state: &State, pass: &Pass) -> Vec<Line<'static>> {
    let d = &state.data();
    let mut out = Vec::new();
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
    out
}

/// Review step 5: the day in one line, then what tomorrow's form asks for.
fn close_lines(state: &State, pass: &Pass, now: NaiveDateTime) -> Vec<Line<'static>> {
    let d = &state.data();
    let mut out = Vec::new();
    let moved = lane_core::report::outcomes_moved(d, pass.date);
    out.push(Line::raw(format!(
        "  Planned {}, worked {}, outcomes moved: {moved}. Enter closes the day.",
        hm(planned_minutes(d, pass.date)),
        hm(worked_minutes(d, pass.date, now)),
    )));
    out.extend(crate::ui::boundaries::close_line(state, pass.date, now));
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
    out
}
