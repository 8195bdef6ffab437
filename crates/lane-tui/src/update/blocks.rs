//! The Time blocks tab's keys: moving through days, the week grid, the timer, and
//! copying a day's plan.

use chrono::{NaiveDate, NaiveDateTime};

use super::{Effect, nothing_selected};
use crate::action::Action;
use crate::state::{Form, Mode, Purpose, State};
use crate::tabs::Tab;
use lane_core::model::Kind;
use lane_core::model::day::{copy_day, start_stop};
use lane_core::model::limits::add_days;
use lane_core::model::parse::parse_date;

/// `[`, `]`, `t`, `w`: which day (or week) the tab shows; back on today, the
/// cursor is on the block that is on now.
pub(super) fn navigate(s: &mut State, action: Action, now: NaiveDateTime) {
    let step = if s.week { 7 } else { 1 };
    let day = s.day();
    let to = match action {
        // At the end of the calendar the day stays where it is.
        Action::PrevDay => add_days(day, -step).unwrap_or(day),
        Action::NextDay => add_days(day, step).unwrap_or(day),
        Action::Today => s.today,
        _ => {
            s.week = !s.week;
            day
        }
    };
    s.views[Tab::Blocks.index()].day = Some(to);
    if to == now.date() {
        s.select_block_on_now(now);
    } else {
        s.select(0);
    }
}

pub(super) fn timer(s: &mut State, now: NaiveDateTime) -> Vec<Effect> {
    let Some(id) = s.selected_id().filter(|_| s.tab == Tab::Blocks) else {
        return nothing_selected(s);
    };
    match start_stop(s.edit(), id, now) {
        Ok(said) => {
            s.info(said);
            Vec::new()
        }
        Err(e) => {
            s.error(e);
            Vec::new()
        }
    }
}

pub(super) fn open_copy(s: &mut State, now: NaiveDateTime) {
    if s.view().is_empty() {
        s.info("nothing planned on this day to copy");
        return;
    }
    s.mode = Mode::Form(Form::open(
        s.data(),
        Kind::Block,
        Purpose::CopyDay(s.day()),
        now,
    ));
}

/// Copies the plan of `from` to the typed date and shows that day; returns what to
/// say, or why not.
pub(super) fn copy_to(
    s: &mut State,
    from: NaiveDate,
    text: &str,
    now: NaiveDateTime,
) -> Result<String, String> {
    let to = parse_date(text, now.date())?;
    if to == from {
        return Err("that is the day being copied; pick another".into());
    }
    let count = s.data().blocks_on(from).count();
    let uids: Vec<String> = (0..count).map(|_| s.new_uid(now)).collect();
    let mut uids = uids.into_iter();
    let n = copy_day(s.edit(), from, to, || uids.next().unwrap_or_default());
    s.views[Tab::Blocks.index()].day = Some(to);
    s.select(0);
    Ok(format!(
        "copied {n} block{} to {}",
        if n == 1 { "" } else { "s" },
        to.format("%a %d %b")
    ))
}
