//! The list of an outcome's milestones and key results (s on Priorities): move
//! through it, add, edit, delete, mark a milestone done, record a reading. Every
//! change is one of the model's operations (`outcomes`, `steps`), the ones the
//! command line calls; here are only the list's keys and its small forms.

use chrono::NaiveDateTime;

use super::priorities::selected_priority;
use super::{Effect, items, nothing_selected};
use crate::action::Action;
use crate::state::{Form, Mode, Purpose, State, Steps};
use lane_core::model::form::{FieldError, Values};
use lane_core::model::outcomes::{add_key_result, parse_measure, set_milestone_done};
use lane_core::model::parse::parse_date;
use lane_core::model::steps::{self, Step, delete_key_result, delete_milestone};
use lane_core::model::{Data, Kind, Priority};

fn priority(data: &Data, id: u32) -> Option<&Priority> {
    data.priorities.iter().find(|p| p.id == id)
}

/// `s`: the list for the selected outcome.
pub(super) fn open(s: &mut State) -> Vec<Effect> {
    let Some(id) = selected_priority(s) else {
        return nothing_selected(s);
    };
    s.steps = Some(Steps {
        priority: id,
        cursor: 0,
    });
    Vec::new()
}

/// The open list's outcome, its rows, and the one selected.
fn rows(s: &State) -> Option<(u32, Vec<Step>, usize)> {
    let st = s.steps.as_ref()?;
    let (rows, cursor) = st.rows(s.data())?;
    Some((st.priority, rows, cursor))
}

fn form(s: &mut State, purpose: Purpose, now: NaiveDateTime) {
    s.mode = Mode::Form(Form::open(s.data(), Kind::Priority, purpose, now));
}

/// A key while the list is open. Forms it opens close back onto it.
pub(super) fn update(s: &mut State, action: Action, now: NaiveDateTime) -> Vec<Effect> {
    s.message = None;
    // The outcome went (deleted, or an outside change): nothing to list.
    let Some((id, rows, cursor)) = rows(s) else {
        s.steps = None;
        return Vec::new();
    };
    let selected = rows.get(cursor).copied();
    let move_to = |s: &mut State, at: usize| {
        if let Some(st) = s.steps.as_mut() {
            st.cursor = at;
        }
    };
    match (action, selected) {
        (Action::Close | Action::Quit | Action::Steps, _) => s.steps = None,
        (Action::Help, _) => {
            s.help_scroll = 0;
            s.mode = Mode::Help;
        }
        (Action::Down, _) => move_to(s, (cursor + 1).min(rows.len().saturating_sub(1))),
        (Action::Up, _) => move_to(s, cursor.saturating_sub(1)),
        (Action::Add, _) => form(s, Purpose::AddMilestone(id), now),
        (Action::AddKr, _) => form(s, Purpose::AddKr(id), now),
        (Action::KrReading, _) => return super::milestones::open_reading_for(s, id, now),
        (Action::Undo, _) => return items::undo_redo(s, true),
        (Action::Redo, _) => return items::undo_redo(s, false),
        (_, None) if matches!(action, Action::Edit | Action::Delete | Action::ToggleDone) => {
            s.info("nothing here yet — a adds a milestone, K a key result");
        }
        (Action::Edit, Some(Step::Milestone(m))) => form(s, Purpose::EditMilestone(id, m), now),
        (Action::Edit, Some(Step::KeyResult(k))) => form(s, Purpose::EditKr(id, k), now),
        (Action::Delete, Some(step)) => {
            let said = match step {
                Step::Milestone(m) => delete_milestone(s.edit(), id, m),
                Step::KeyResult(k) => delete_key_result(s.edit(), id, k),
            };
            match said {
                Ok(said) => s.info(format!("{said} — u brings it back")),
                Err(why) => s.error(why),
            }
        }
        (Action::ToggleDone, Some(Step::Milestone(m))) => {
            let open = priority(s.data(), id)
                .and_then(|p| p.milestones.iter().find(|x| x.id == m))
                .is_some_and(|x| x.done.is_none());
            let today = now.date();
            match set_milestone_done(s.edit(), id, &m.to_string(), open, today) {
                Ok(said) => s.info(said),
                Err(why) => s.error(why),
            }
            // Done or open, it keeps its place: the list sorts by due date.
        }
        (Action::ToggleDone, Some(Step::KeyResult(_))) => {
            s.info("a key result moves by its readings — R records one");
        }
        _ => {}
    }
    Vec::new()
}

fn measure(values: &Values, key: &'static str) -> Result<f64, Vec<FieldError>> {
    parse_measure(key, values.get(key)).map_err(|e| vec![(key, e)])
}

/// Enter in one of the list's forms; on `Err`, the reasons by field.
pub(super) fn submit(
    s: &mut State,
    purpose: Purpose,
    values: &Values,
    now: NaiveDateTime,
) -> Result<(Option<u32>, String), Vec<FieldError>> {
    let today = now.date();
    match purpose {
        Purpose::AddKr(id) => {
            let (baseline, target) = (measure(values, "baseline")?, measure(values, "target")?);
            let uid = s.new_uid(now);
            let (name, unit) = (values.get("name"), values.get("unit"));
            let k = add_key_result(s.edit(), id, name, unit, baseline, target, uid)
                .map_err(|e| vec![("name", e)])?;
            s.select_step(Step::KeyResult(k));
            Ok((None, format!("key result {k} added to priority {id}")))
        }
        Purpose::EditKr(id, k) => {
            let (baseline, target) = (measure(values, "baseline")?, measure(values, "target")?);
            let (name, unit) = (values.get("name"), values.get("unit"));
            steps::edit_key_result(s.edit(), id, k, name, unit, baseline, target)
                .map(|said| (None, said))
                .map_err(|e| {
                    vec![(
                        if e.starts_with("The unit") {
                            "unit"
                        } else {
                            "name"
                        },
                        e,
                    )]
                })
        }
        Purpose::EditMilestone(id, m) => {
            let due = match values.get("due").trim() {
                "" => None,
                text => Some(parse_date(text, today).map_err(|e| vec![("due", e)])?),
            };
            let said = steps::edit_milestone(
                s.edit(),
                id,
                m,
                values.get("title"),
                due,
                values.get("note"),
            )
            .map_err(|e| {
                vec![(
                    if e.starts_with("The note") {
                        "note"
                    } else {
                        "title"
                    },
                    e,
                )]
            })?;
            // A new due date may sort it elsewhere: the cursor follows it.
            s.select_step(Step::Milestone(m));
            Ok((None, said))
        }
        _ => Ok((None, String::new())),
    }
}
