//! The guided end-of-day review: blocks, progress, blockers, decisions, close.

use chrono::{NaiveDate, NaiveDateTime};
use tui_input::{Input, InputRequest};

use super::Effect;
use super::reports::show;
use crate::action::Action;
use crate::pass::Pass;
use crate::state::{Form, Mode, Purpose, State};
use lane_core::model::conflicts;
use lane_core::model::day::assumed_result;
use lane_core::model::form::{FieldError, Note, Values};
use lane_core::model::ladder::{Next, blocker_state, next_rung};
use lane_core::model::parse::parse_energy;
use lane_core::model::rank::{FOCUS_LIMIT, focus_ranked, top_three};
use lane_core::model::ritual::{day_entry, move_block, next_working_day};
use lane_core::model::triage::{is_pending, is_to_review, is_unreported};
use lane_core::model::{
    BlockResult, BlockerCheck, BlockerStatus, Extra, Kind, Priority, ProgressNote, ReviewedBlock,
};
use lane_core::report::{Period, ReportKind};

/// The rows of a review step, as it opens.
pub(super) fn rows(s: &State, step: usize, date: NaiveDate) -> Vec<(Kind, u32)> {
    let d = &s.data();
    match step {
        0 => {
            let mut blocks: Vec<_> = d.blocks_on(date).collect();
            blocks.sort_by_key(|b| (b.start, b.id));
            blocks.iter().map(|b| (Kind::Block, b.id)).collect()
        }
        1 => focus_ids(s, date)
            .into_iter()
            .map(|id| (Kind::Priority, id))
            .collect(),
        2 => d
            .blockers
            .iter()
            .filter(|b| b.status != BlockerStatus::Resolved)
            .map(|b| (Kind::Blocker, b.id))
            .collect(),
        3 => d
            .decisions
            .iter()
            .filter(|x| {
                is_pending(x, &s.rules.boundaries)
                    || is_unreported(x, &s.rules.boundaries)
                    || is_to_review(x, date)
                    || x.reported == Some(date)
            })
            .map(|x| (Kind::Decision, x.id))
            .collect(),
        _ => Vec::new(),
    }
}

fn focus_ids(s: &State, date: NaiveDate) -> Vec<u32> {
    focus_ranked(&s.data().priorities, date)
}

/// Opening the progress step fills each line with what was written before.
pub(super) fn enter(s: &mut State, step: usize, _now: NaiveDateTime) {
    let Some(pass) = s.pass.clone() else { return };
    if step != 1 {
        s.change_pass(|p| p.notes.clear());
        return;
    }
    let entry = s.data().reviews.iter().find(|r| r.date == pass.date);
    let notes = focus_ids(s, pass.date)
        .into_iter()
        .map(|id| {
            let before = entry
                .and_then(|r| r.progress.iter().find(|n| n.priority == id))
                .map(|n| n.note.clone())
                .filter(|n| n != NO_CHANGE)
                .unwrap_or_default();
            (id, Input::new(before))
        })
        .collect();
    s.change_pass(|p| p.notes = notes);
}

const NO_CHANGE: &str = "no change";

pub(super) fn type_note(s: &mut State, req: InputRequest) {
    s.change_pass(|p| {
        let cursor = p.cursor;
        if let Some((_, input)) = p.notes.get_mut(cursor) {
            input.handle(req);
        }
    });
}

/// Leaving a step writes it into the day's entry (and the items it touched).
/// The blocks' results the screen only assumed are written when the user goes
/// on past them (`forward`): opening the review and leaving it writes nothing
/// but what was marked.
pub(super) fn leave_step(s: &mut State, forward: bool, now: NaiveDateTime) {
    let Some(pass) = s.pass.clone() else { return };
    match pass.step {
        0 if !forward => {}
        0 => leave_blocks(s, &pass, now),
        1 => leave_progress(s, &pass, now),
        2 => {
            let checks = pass
                .rows
                .iter()
                .filter_map(|&(_, id)| {
                    let b = s.data().blockers.iter().find(|b| b.id == id)?;
                    Some(BlockerCheck {
                        blocker: id,
                        state: blocker_state(b),
                        extra: Extra::new(),
                    })
                })
                .collect();
            entry(s, pass.date, now).blockers = checks;
        }
        3 => {
            let reported = s
                .data()
                .decisions
                .iter()
                .filter(|d| d.reported == Some(pass.date))
                .map(|d| d.id)
                .collect();
            entry(s, pass.date, now).reported = reported;
        }
        _ => {}
    }
}

/// The blocks step: each block's result, marked or assumed, and a block moved
/// to the next working day moved there (once, however often the step is left).
fn leave_blocks(s: &mut State, pass: &Pass, now: NaiveDateTime) {
    let date = pass.date;
    let next_day = next_working_day(&s.rules.hours, date);
    let already_moved: Vec<u32> = s
        .data()
        .reviews
        .iter()
        .find(|r| r.date == date)
        .map(|r| {
            r.blocks
                .iter()
                .filter(|b| b.result == BlockResult::Moved)
                .map(|b| b.block)
                .collect()
        })
        .unwrap_or_default();
    let mut reviewed = Vec::new();
    for &(_, id) in &pass.rows {
        let Some(b) = s.edit().blocks.iter_mut().find(|b| b.id == id) else {
            continue;
        };
        let result = assumed_result(b, now);
        b.result = Some(result);
        if result == BlockResult::Moved && !already_moved.contains(&id) {
            let uid = s.new_uid(now);
            let hours = s.rules.hours.clone();
            move_block(s.edit(), &hours, id, next_day, uid, now);
        }
        reviewed.push(ReviewedBlock {
            block: id,
            result,
            extra: Extra::new(),
        });
    }
    entry(s, date, now).blocks = reviewed;
}

/// The progress step: each focus outcome's line, in the entry and as the
/// day's update on the outcome itself.
fn leave_progress(s: &mut State, pass: &Pass, now: NaiveDateTime) {
    let date = pass.date;
    let old: Vec<ProgressNote> = entry(s, date, now).progress.clone();
    let mut progress = Vec::new();
    for (id, input) in &pass.notes {
        let text = input.value().trim().to_string();
        let before = old
            .iter()
            .find(|n| n.priority == *id)
            .map(|n| n.note.clone());
        if let Some(p) = s.edit().priorities.iter_mut().find(|p| p.id == *id) {
            note_update(p, date, before.as_ref(), &text);
        }
        progress.push(ProgressNote {
            priority: *id,
            note: if text.is_empty() {
                NO_CHANGE.into()
            } else {
                text
            },
            extra: Extra::new(),
        });
    }
    entry(s, date, now).progress = progress;
}

/// Written again, the day's update changes, it is not added twice; emptied, it goes.
fn note_update(p: &mut Priority, date: NaiveDate, before: Option<&String>, text: &str) {
    let existing = before.and_then(|b| {
        p.updates
            .iter()
            .position(|u| u.date == date && &u.note == b)
    });
    match (existing, text.is_empty()) {
        (Some(i), true) => {
            p.updates.remove(i);
        }
        (Some(i), false) => p.updates[i].note = text.to_string(),
        (None, false) => p.updates.push(lane_core::model::Update {
            date,
            note: text.to_string(),
            extra: Extra::new(),
        }),
        (None, true) => {}
    }
}

/// The day's journal entry, made if missing.
fn entry(s: &mut State, date: NaiveDate, now: NaiveDateTime) -> &mut lane_core::model::Review {
    let uid = s.new_uid(now);
    day_entry(s.edit(), date, || uid)
}

pub(super) fn keys(s: &mut State, action: Action, now: NaiveDateTime) -> Vec<Effect> {
    let Some(pass) = s.pass.clone() else {
        return Vec::new();
    };
    if pass.settling() {
        return settle_keys(s, &pass, action, now);
    }
    let Some(&(kind, id)) = pass.rows.get(pass.cursor) else {
        if matches!(
            action,
            Action::Toggle
                | Action::MarkWorked
                | Action::MarkSkipped
                | Action::MarkMoved
                | Action::TryRung
                | Action::Escalate
                | Action::SetFollowUp
                | Action::Resolve
                | Action::MarkReported
                | Action::WriteOutcome
                | Action::Decide
        ) {
            s.info("nothing here — enter goes on");
        }
        return Vec::new();
    };
    match kind {
        Kind::Block => block_keys(s, id, action, now),
        Kind::Blocker => blocker_keys(s, id, action, now),
        Kind::Decision => call_keys(s, id, action, pass.date, now),
        _ => Vec::new(),
    }
}

/// The blocks step: space cycles the result, `w`, `s`, `m` set it.
fn block_keys(s: &mut State, id: u32, action: Action, now: NaiveDateTime) -> Vec<Effect> {
    match action {
        Action::Toggle => {
            let next =
                s.data()
                    .blocks
                    .iter()
                    .find(|b| b.id == id)
                    .map(|b| match assumed_result(b, now) {
                        BlockResult::Worked => BlockResult::Skipped,
                        BlockResult::Skipped => BlockResult::Moved,
                        BlockResult::Moved => BlockResult::Worked,
                    });
            next.map_or_else(Vec::new, |r| mark_block(s, id, r))
        }
        Action::MarkWorked => mark_block(s, id, BlockResult::Worked),
        Action::MarkSkipped => mark_block(s, id, BlockResult::Skipped),
        Action::MarkMoved => mark_block(s, id, BlockResult::Moved),
        _ => Vec::new(),
    }
}

/// The blockers step: space notes it still blocks, `t` tries the next rung,
/// the rest open their note's form.
fn blocker_keys(s: &mut State, id: u32, action: Action, now: NaiveDateTime) -> Vec<Effect> {
    match action {
        Action::Toggle => {
            s.info("still blocked — noted");
            s.change_pass(|p| p.cursor = (p.cursor + 1).min(p.rows.len().saturating_sub(1)));
        }
        Action::TryRung => {
            let rung =
                s.data()
                    .blockers
                    .iter()
                    .find(|b| b.id == id)
                    .and_then(|b| match next_rung(b) {
                        Next::Try(r) => Some(r),
                        _ => None,
                    });
            let Some(rung) = rung else {
                s.info("every rung is tried — E escalates, F sets a follow-up");
                return Vec::new();
            };
            match lane_core::model::note::mark_rung(s.edit(), id, rung, "", now) {
                Ok(text) => s.info(text),
                Err(e) => s.error(e),
            }
        }
        Action::Escalate => open_note(s, Note::EscalateBlocker, id, now),
        Action::SetFollowUp => open_note(s, Note::FollowUp, id, now),
        Action::Resolve => open_note(s, Note::Resolve, id, now),
        _ => {}
    }
    Vec::new()
}

/// The calls step: `P` reports, `D` decides, space keeps it for later, the
/// rest open their note's form.
fn call_keys(
    s: &mut State,
    id: u32,
    action: Action,
    date: NaiveDate,
    now: NaiveDateTime,
) -> Vec<Effect> {
    match action {
        Action::MarkReported => {
            return match s.data().decisions.iter().position(|d| d.id == id) {
                Some(i) => super::decisions::toggle_reported(s, i, date),
                None => Vec::new(),
            };
        }
        Action::WriteOutcome => open_note(s, Note::Outcome, id, now),
        Action::Escalate => open_note(s, Note::EscalateTo, id, now),
        Action::Decide => {
            let boundaries = s.rules.boundaries.clone();
            match lane_core::model::ops::decide(s.edit(), id, &boundaries) {
                Ok(said) => s.info(said),
                Err(why) => s.error(why),
            }
        }
        Action::Toggle => {
            s.info("kept for later");
            s.change_pass(|p| p.cursor = (p.cursor + 1).min(p.rows.len().saturating_sub(1)));
        }
        _ => {}
    }
    Vec::new()
}

/// The form for `note` on item `id`, over the pass.
fn open_note(s: &mut State, note: Note, id: u32, now: NaiveDateTime) {
    s.mode = Mode::Form(Form::open(
        s.data(),
        note.kind(),
        Purpose::Note(note, id),
        now,
    ));
}

/// The conflicts step: space keeps lane's value, `o` takes the other, `e` edits
/// the item (the conflict stays until kept or taken).
fn settle_keys(s: &mut State, pass: &Pass, action: Action, now: NaiveDateTime) -> Vec<Effect> {
    let Some(&(_, id)) = pass.rows.get(pass.cursor) else {
        if matches!(action, Action::Toggle | Action::TakeOther | Action::Edit) {
            s.info("nothing left to settle — enter goes on");
        }
        return Vec::new();
    };
    let take = match action {
        Action::Toggle => false,
        Action::TakeOther => true,
        Action::Edit => {
            let item = s
                .data()
                .conflicts
                .iter()
                .find(|c| c.id == id)
                .and_then(|c| {
                    let kind = conflicts::kind_of(c)?;
                    let list = s.data().list(kind);
                    let at = (0..list.len()).find(|&i| list.uid_at(i) == Some(c.item.as_str()))?;
                    Some((kind, list.id_at(at)?))
                });
            match item {
                Some((kind, item)) => {
                    s.mode = Mode::Form(Form::open(s.data(), kind, Purpose::Edit(item), now))
                }
                None => s.info("that item is gone — space keeps things as they are"),
            }
            return Vec::new();
        }
        _ => return Vec::new(),
    };
    match conflicts::settle(s.edit(), id, take) {
        Ok(said) => {
            s.info(said);
            s.change_pass(|p| {
                p.rows.retain(|&(_, c)| c != id);
                p.cursor = p.cursor.min(p.rows.len().saturating_sub(1));
            });
        }
        Err(why) => s.error(why),
    }
    Vec::new()
}

/// `w`, `s`, `m`: marks the block and moves on to the next, so a day's blocks
/// take one key each.
fn mark_block(s: &mut State, id: u32, result: BlockResult) -> Vec<Effect> {
    if let Some(b) = s.edit().blocks.iter_mut().find(|b| b.id == id) {
        b.result = Some(result);
        let text = format!("“{}” {}", b.title, result.name());
        s.info(text);
    }
    s.change_pass(|p| p.cursor = (p.cursor + 1).min(p.rows.len().saturating_sub(1)));
    Vec::new()
}

/// The close: energy, wins, tomorrow's top three (from the ranking), notes.
pub(super) fn open_close(s: &mut State, now: NaiveDateTime) {
    let Some(pass) = s.pass.clone() else { return };
    let entry = s
        .data()
        .reviews
        .iter()
        .find(|r| r.date == pass.date)
        .cloned()
        .unwrap_or_default();
    // Tomorrow's three: the user's own choice when made, else offered from the ranking.
    let (tomorrow, offered) = if entry.tomorrow.is_empty() {
        (top_three(&s.data().priorities, pass.date), true)
    } else {
        (entry.tomorrow.clone(), false)
    };
    let ids = tomorrow
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(" ");
    let mut form = Form::open(s.data(), Kind::Review, Purpose::CloseDay(pass.date), now);
    form.fill(
        "energy",
        entry.energy.map(|e| e.to_string()).unwrap_or_default(),
    );
    form.fill("wins", entry.wins.clone());
    if offered {
        form.prefill("tomorrow", ids);
    } else {
        form.fill("tomorrow", ids);
    }
    form.fill("notes", entry.notes.clone());
    s.mode = Mode::Form(form);
}

/// Saves the close form into the day's entry; the standup for tomorrow follows.
pub(super) fn close(
    s: &mut State,
    date: NaiveDate,
    values: &Values,
    now: NaiveDateTime,
) -> Result<String, Vec<FieldError>> {
    let mut errors = Vec::new();
    let energy = parse_energy(values.get("energy"))
        .map_err(|e| errors.push(("energy", e)))
        .ok()
        .flatten();
    let mut tomorrow = Vec::new();
    for word in values
        .get("tomorrow")
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|w| !w.is_empty())
    {
        match word.trim_start_matches('#').parse::<u32>() {
            Ok(id)
                if s.data()
                    .priorities
                    .iter()
                    .any(|p| p.id == id && !p.status.is_closed()) =>
            {
                if !tomorrow.contains(&id) {
                    tomorrow.push(id);
                }
            }
            Ok(id) => errors.push(("tomorrow", format!("there is no open priority {id}"))),
            Err(_) => errors.push((
                "tomorrow",
                format!("`{word}`: give priority ids, like 3 1 5"),
            )),
        }
    }
    if tomorrow.len() > FOCUS_LIMIT {
        errors.push((
            "tomorrow",
            format!("{} given: pick at most {FOCUS_LIMIT}", tomorrow.len()),
        ));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    // The day's planned and worked minutes are computed from its blocks
    // wherever they are read, never stored in the review (derived data).
    let e = entry(s, date, now);
    e.energy = energy;
    e.wins = values.get("wins").trim().to_string();
    e.tomorrow = tomorrow;
    e.notes = values.get("notes").trim().to_string();
    e.reviewed = true;
    s.pass = None;
    let next = next_working_day(&s.rules.hours, date);
    show(
        s,
        ReportKind::Standup,
        Some(Period {
            since: date,
            until: next,
        }),
        now,
    );
    Ok("day reviewed and saved — here is tomorrow's standup: y copies it".into())
}
