//! How each tab draws: the other half of `crate::tabs`, one entry per tab. The
//! frame around it (header, tab bar, detail pane, footer, overlays) is shared.

use chrono::NaiveDateTime;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::list::Columns;
use super::{blockers, blocks, decisions, priorities, quarters, review, roadmap, timeline};
use crate::state::State;
use crate::tabs::Tab;
use lane_core::model::Data;

/// A table's columns over `data` (the live list, or the archive in a search);
/// `state` has the rest (the rules, what blockers' links said).
type ColumnsFn = for<'a> fn(&'a Data, &'a State, NaiveDateTime) -> Columns<'a>;
/// The detail of item `index` of `source`; `state` has the rest (live data, rules).
type DetailFn = fn(&Data, usize, &State, NaiveDateTime) -> Option<Vec<Line<'static>>>;
/// A body the tab draws itself; `view` is its items in display order.
type BodyFn = fn(&mut Frame, Rect, &State, &[usize], NaiveDateTime);
/// Something drawn beside the list when wide, or under it when tall enough.
type SideFn = fn(&mut Frame, Rect, &State, NaiveDateTime);

pub struct TabView {
    /// A table of items (the common case) …
    pub columns: Option<ColumnsFn>,
    /// … or a body of its own (the day's timeline).
    pub body: Option<BodyFn>,
    /// The selected item's details: beside the list when wide, an overlay otherwise.
    pub detail: Option<DetailFn>,
    /// Charts with the list.
    pub side: Option<SideFn>,
    /// What its marks mean, for the help: `(mark, meaning)`.
    pub marks: &'static [(&'static str, &'static str)],
    /// The body needs the whole width: details open over it, never beside it.
    pub full_width: bool,
}

/// How the current tab draws, given the views it is switched to.
pub fn view_of(state: &State) -> TabView {
    let view = view(state.tab);
    if state.roadmap_shown() {
        return TabView {
            columns: None,
            body: Some(roadmap::draw),
            full_width: true,
            ..view
        };
    }
    if state.quarters_shown() {
        return TabView {
            columns: None,
            body: Some(quarters::draw),
            ..view
        };
    }
    view
}

pub fn view(tab: Tab) -> TabView {
    match tab {
        Tab::Priorities => priorities_view(),
        Tab::Blocks => blocks_view(),
        Tab::Blockers => blockers_view(),
        Tab::Decisions => decisions_view(),
        Tab::Review => review_view(),
    }
}

/// A tab with nothing of its own yet: each tab's view fills in what it has.
const NONE: TabView = TabView {
    columns: None,
    body: None,
    detail: None,
    side: None,
    marks: &[],
    full_width: false,
};

fn priorities_view() -> TabView {
    TabView {
        columns: Some(|d, s, now| priorities::columns(d, &s.rules, now.date())),
        detail: Some(|source, i, s, now| {
            let p = source.priorities.get(i)?;
            Some(priorities::detail_lines(
                p,
                &s.data().blockers,
                &s.rules,
                now.date(),
            ))
        }),
        marks: &[
            ("◆ ‖ ✓ ✗", "focus/paused/done/dropped"),
            ("H/M↑", "impact/urgency, ↑ due soon"),
            ("!", "overdue: above high"),
            ("★", "strategic this quarter (Q)"),
        ],
        ..NONE
    }
}

/// The day's timeline, or the week's grid.
fn blocks_view() -> TabView {
    TabView {
        body: Some(|frame, area, s, view, now| {
            if s.week {
                blocks::draw_week(frame, area, s, now)
            } else {
                timeline::draw_day(frame, area, s, view, now)
            }
        }),
        marks: &[
            ("✓ ✗ →", "worked, skipped, moved"),
            ("▶", "timer running"),
            (
                "◷",
                "from a calendar: its title and time are the calendar's",
            ),
            ("· free 2h", "a whole free stretch"),
        ],
        ..NONE
    }
}

fn blockers_view() -> TabView {
    TabView {
        columns: Some(blockers::columns),
        detail: Some(|source, i, s, now| {
            let b = source.blockers.get(i)?;
            Some(blockers::detail_lines(b, s, now))
        }),
        marks: &[
            ("●○○", "docs search peer tried"),
            ("△ ▲", "escalated: not yet, yes"),
            ("Age", "in working hours"),
        ],
        ..NONE
    }
}

fn decisions_view() -> TabView {
    TabView {
        columns: Some(|d, s, now| decisions::columns(d, &s.rules, now.date())),
        detail: Some(|source, i, s, now| {
            let d = source.decisions.get(i)?;
            Some(decisions::detail_lines(d, &s.rules, now.date()))
        }),
        marks: &[
            ("escalate", "outside your lane"),
            ("*", "against the triage"),
        ],
        ..NONE
    }
}

/// The journal, with the last weeks' charts.
fn review_view() -> TabView {
    TabView {
        columns: Some(|d, _, now| review::columns(d, now.date())),
        side: Some(review::draw_charts),
        marks: &[("✓ …", "done, begun")],
        ..NONE
    }
}
