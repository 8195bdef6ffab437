//! Changes a user can make that carry a rule, each written once: closing a
//! priority, the focus limit, marking a call reported, deciding a call, deleting.
//! (Notes on items are in `note`, blocks and their timer in `day`, forms in `form`.) The app, the command line
//! and the rituals all call these, so a rule cannot drift between them.

use chrono::NaiveDate;

use super::rank::{FOCUS_LIMIT, focus_count, ranked};
use super::triage::{Boundaries, report_after, triage};
use super::{Data, DecisionStatus, Kind, Lane, Priority, PriorityStatus, find_mut};

/// Sets a priority's status. Closing it (done or dropped) frees its focus place
/// and stamps `closed` (reports count it as completed from that day); reopening
/// clears the stamp.
pub fn set_status(p: &mut Priority, status: PriorityStatus, today: NaiveDate) {
    if status.is_closed() {
        p.focus = false;
        if !p.status.is_closed() || p.closed.is_none() {
            p.closed = Some(today);
        }
    } else {
        p.closed = None;
    }
    p.status = status;
}

/// Marks item `id` done (a priority done, a blocker resolved) or open again.
/// Returns whether anything changed.
pub fn set_done(
    data: &mut Data,
    kind: Kind,
    id: u32,
    done: bool,
    today: NaiveDate,
) -> Result<bool, String> {
    let index = data
        .list(kind)
        .position(id)
        .ok_or_else(|| format!("there is no {} {id}", kind.noun()))?;
    if !kind.has_done() {
        return Err(format!("{}s have no done state", kind.noun()));
    }
    if data.list(kind).done_at(index) == Some(done) {
        return Ok(false);
    }
    match kind {
        Kind::Priority => {
            let status = if done {
                PriorityStatus::Done
            } else {
                PriorityStatus::Active
            };
            set_status(&mut data.priorities[index], status, today);
        }
        _ => {
            data.list_mut(kind).toggle_done(index);
        }
    }
    Ok(true)
}

/// Why a priority cannot go into focus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FocusRefused {
    /// No such priority.
    Missing(String),
    /// Done or dropped: reopen it first.
    Closed(String),
    /// The limit is reached; these are in focus, in rank order (release one first).
    Full(Vec<u32>),
}

impl FocusRefused {
    /// What a user reads where the outcomes in focus are on screen.
    pub fn brief(&self, data: &Data) -> String {
        match self {
            FocusRefused::Full(_) => format!("{FOCUS_LIMIT} already in focus"),
            other => other.message(data),
        }
    }

    /// What a user reads, wherever the refusal comes from.
    pub fn message(&self, data: &Data) -> String {
        match self {
            FocusRefused::Missing(why) | FocusRefused::Closed(why) => why.clone(),
            FocusRefused::Full(ids) => {
                let names: Vec<String> = ids
                    .iter()
                    .filter_map(|id| data.priorities.iter().find(|p| p.id == *id))
                    .map(|p| format!("{} “{}”", p.id, p.title))
                    .collect();
                format!(
                    "{FOCUS_LIMIT} priorities are in focus already ({}); release one first",
                    names.join(", ")
                )
            }
        }
    }
}

/// Puts priority `id` in focus (`on`) or takes it out. At most `FOCUS_LIMIT`
/// open priorities are in focus; a closed one cannot be. Returns whether anything changed.
pub fn set_focus(
    data: &mut Data,
    id: u32,
    on: bool,
    today: NaiveDate,
) -> Result<bool, FocusRefused> {
    let p = find_mut(&mut data.priorities, Kind::Priority, id).map_err(FocusRefused::Missing)?;
    if p.focus == on {
        return Ok(false);
    }
    if on && p.status.is_closed() {
        return Err(FocusRefused::Closed(format!(
            "“{}” is {} — reopen it to focus on it",
            p.title,
            p.status.name()
        )));
    }
    if on && focus_count(&data.priorities) >= FOCUS_LIMIT {
        return Err(FocusRefused::Full(in_focus(data, today)));
    }
    if let Some(p) = data.priorities.iter_mut().find(|p| p.id == id) {
        p.focus = on;
    }
    Ok(true)
}

/// The open priorities in focus, in rank order.
pub fn in_focus(data: &Data, today: NaiveDate) -> Vec<u32> {
    ranked(&data.priorities, today)
        .into_iter()
        .map(|i| &data.priorities[i])
        .filter(|p| p.focus && !p.status.is_closed())
        .map(|p| p.id)
        .collect()
}

/// Releases `release` from focus and puts `candidate` in its place: both or
/// neither (a refused candidate leaves the released one in focus).
pub fn swap_focus(
    data: &mut Data,
    release: u32,
    candidate: u32,
    today: NaiveDate,
) -> Result<(), FocusRefused> {
    let mut changed = data.clone();
    set_focus(&mut changed, release, false, today)?;
    set_focus(&mut changed, candidate, true, today)?;
    *data = changed;
    Ok(())
}

/// Marks decision `id` reported on `today` (`on`), or not reported after all.
/// Only a low-risk call made in the user's lane is reported after. Returns what
/// to say.
pub fn set_reported(
    data: &mut Data,
    id: u32,
    on: bool,
    today: NaiveDate,
    boundaries: &Boundaries,
) -> Result<String, String> {
    let d = find_mut(&mut data.decisions, Kind::Decision, id)?;
    match (on, d.reported) {
        (true, Some(day)) => return Ok(format!("decision {id} was reported on {day}")),
        (false, None) => return Ok(format!("decision {id} is not reported yet")),
        _ => {}
    }
    if on && !report_after(d, boundaries) {
        return Err(format!(
            "decision {id} is not a low-risk call made in your lane; there is nothing to report after"
        ));
    }
    d.reported = on.then_some(today);
    Ok(if on {
        format!("decision {id} marked reported")
    } else {
        format!("decision {id} marked not reported yet")
    })
}

/// Takes call `id` in the user's own lane: a pending or escalated call comes back
/// decided, and deciding against the triage is recorded as an override. Returns
/// what to say.
pub fn decide(data: &mut Data, id: u32, boundaries: &Boundaries) -> Result<String, String> {
    let d = find_mut(&mut data.decisions, Kind::Decision, id)?;
    d.lane_override = None;
    let t = triage(d, boundaries);
    if t.recommended == Lane::Escalate {
        d.lane_override = Some(Lane::Decide);
    }
    if matches!(
        d.status,
        DecisionStatus::Escalated | DecisionStatus::Pending
    ) {
        d.status = DecisionStatus::Decided;
    }
    Ok(if t.recommended == Lane::Escalate {
        format!(
            "your call, against the triage ({}) — the override is on record",
            t.reasons.join("; ")
        )
    } else {
        "your call: inside your boundaries".to_string()
    })
}

/// In the data itself: the uids of the priorities deleted here (a table, so
/// two machines' deletions merge key by key). An importer reading back what
/// lane exported (taskwarrior's tasks carry a uuid made from the uid) leaves
/// such a priority deleted instead of bringing it back.
pub const DELETED_PRIORITIES_KEY: &str = "deleted_priorities";

/// Deletes item `id` of `kind` (undo brings it back in the app).
pub fn delete(data: &mut Data, kind: Kind, id: u32) -> Result<(), String> {
    let index = data
        .list(kind)
        .position(id)
        .ok_or_else(|| format!("there is no {} {id}", kind.noun()))?;
    // A recurring block's day is taken out of its series, or it would come back.
    if kind == Kind::Block
        && let Some(b) = data.blocks.get(index).cloned()
    {
        refuse_computed_meeting(&b)?;
        super::series::except(data, &b);
    }
    if kind == Kind::Priority
        && let Some(uid) = data.priorities.get(index).map(|p| p.uid.clone())
    {
        note_deleted_priority(data, uid);
    }
    data.list_mut(kind).remove(index);
    Ok(())
}

/// A calendar's meeting as the calendar makes it is the calendar's: deleting
/// it here would change nothing (it is computed from the calendar's copy).
/// One the user touched can go: what they did with it goes, and the meeting
/// shows again as the calendar has it.
fn refuse_computed_meeting(b: &super::Block) -> Result<(), String> {
    match &b.calendar {
        Some(mark) if super::derived::is_computed(b) => {
            let source = super::text::visible(&mark.source);
            Err(format!(
                "block {} “{}” is a meeting of the calendar “{source}”: delete or decline it \
                 there (`lane calendar forget \"{source}\"` takes the whole calendar away)",
                b.id,
                super::text::visible(&b.title)
            ))
        }
        _ => Ok(()),
    }
}

/// Notes under `DELETED_PRIORITIES_KEY` that priority `uid` was deleted here.
fn note_deleted_priority(data: &mut Data, uid: String) {
    if uid.is_empty() {
        return;
    }
    let table = data
        .extra
        .entry(DELETED_PRIORITIES_KEY)
        .or_insert_with(|| toml::Table::new().into());
    if !table.is_table() {
        *table = toml::Table::new().into();
    }
    if let toml::Value::Table(deleted) = table {
        deleted.insert(uid, true.into());
    }
}

#[cfg(test)]
mod tests;
