//! Milestones and key-result readings from the app: add a milestone to the
//! selected outcome, mark one delivered, record readings. The rules are
//! `model::outcomes`' (the command line uses the same); here are only the small
//! forms and what their Enter does.

use chrono::NaiveDateTime;

use super::priorities::selected_priority;
use super::{Effect, nothing_selected};
use crate::state::{Form, Mode, Purpose, State};
use lane_core::model::Kind;
use lane_core::model::form::{FieldError, Values};
use lane_core::model::outcomes::{add_milestone, record_progress, set_milestone_done};
use lane_core::model::parse::parse_date;

/// `R`: the readings form for the selected outcome, when it has key results.
pub(super) fn open_reading(s: &mut State, now: NaiveDateTime) -> Vec<Effect> {
    let Some(id) = selected_priority(s) else {
        return nothing_selected(s);
    };
    open_reading_for(s, id, now)
}

/// The readings form for outcome `id` (from the list, the detail or the steps list).
pub(super) fn open_reading_for(s: &mut State, id: u32, now: NaiveDateTime) -> Vec<Effect> {
    let has = s
        .data()
        .priorities
        .iter()
        .find(|p| p.id == id)
        .is_some_and(|p| !p.key_results.is_empty());
    if !has {
        s.info("no key results here yet — s lists milestones and key results, K there adds one");
        return Vec::new();
    }
    s.mode = Mode::Form(Form::open(
        s.data(),
        Kind::Priority,
        Purpose::KrReading(id),
        now,
    ));
    Vec::new()
}

/// `M` and `m`: the form for the selected outcome.
pub(super) fn open(s: &mut State, add: bool, now: NaiveDateTime) -> Vec<Effect> {
    let Some(id) = selected_priority(s) else {
        return nothing_selected(s);
    };
    let purpose = if add {
        Purpose::AddMilestone(id)
    } else {
        let open = s
            .data()
            .priorities
            .iter()
            .find(|p| p.id == id)
            .is_some_and(|p| p.milestones.iter().any(|m| m.done.is_none()));
        if !open {
            s.info("no open milestone here — M adds one");
            return Vec::new();
        }
        Purpose::MilestoneDone(id)
    };
    s.mode = Mode::Form(Form::open(s.data(), Kind::Priority, purpose, now));
    Vec::new()
}

/// Enter in one of the two forms; on `Err`, the reasons by field.
pub(super) fn submit(
    s: &mut State,
    purpose: Purpose,
    values: &Values,
    now: NaiveDateTime,
) -> Result<(Option<u32>, String), Vec<FieldError>> {
    let today = now.date();
    match purpose {
        Purpose::AddMilestone(id) => {
            let due = match values.get("due").trim() {
                "" => None,
                text => Some(parse_date(text, today).map_err(|e| vec![("due", e)])?),
            };
            let uid = s.new_uid(now);
            let n = add_milestone(s.edit(), id, values.get("title"), due, uid)
                .map_err(|e| vec![("title", e)])?;
            s.select_step(lane_core::model::steps::Step::Milestone(n));
            Ok((None, format!("milestone {n} added to priority {id}")))
        }
        Purpose::MilestoneDone(id) => {
            set_milestone_done(s.edit(), id, values.get("which"), true, today)
                .map(|said| (None, said))
                .map_err(|e| vec![("which", e)])
        }
        Purpose::KrReading(id) => {
            let readings: Vec<String> = values
                .get("readings")
                .split(',')
                .map(str::trim)
                // An offered name left without a value is no reading.
                .filter(|r| !r.is_empty() && !r.ends_with('='))
                .map(String::from)
                .collect();
            record_progress(s.edit(), id, values.get("note"), &readings, today)
                .map(|said| (None, said))
                .map_err(|e| vec![("readings", e)])
        }
        _ => Ok((None, String::new())),
    }
}
