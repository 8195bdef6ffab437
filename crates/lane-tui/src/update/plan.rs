//! The guided morning plan: carry over, focus, block the day, follow-ups.

use chrono::NaiveDateTime;

use super::Effect;
use crate::pass::{Offer, Pass};
use crate::state::{Form, Mode, Purpose, State};
use crate::tabs::Tab;
use lane_core::model::day::{hm, insert_block, minutes};
use lane_core::model::overtime::{lowest_ranked_block, plan_past_cap};
use lane_core::model::picks::{last_nights_picks, take_picks};
use lane_core::model::rank::focus_count;
use lane_core::model::ritual::{
    acknowledged, carry_over, day_entry, focus_candidates, move_block, to_acknowledge,
};
use lane_core::model::time_of_day;
use lane_core::model::{Block, BlockKind, BlockResult, Kind, Plan};
use lane_core::model::{checkpoints, ops, text};

/// The rows of a plan step, as it opens.
pub(super) fn rows(
    s: &State,
    step: usize,
    date: chrono::NaiveDate,
    now: NaiveDateTime,
) -> Vec<(Kind, u32)> {
    match step {
        0 => carry_over(s.data(), &s.rules.hours, date),
        1 => focus_candidates(s.data(), date)
            .into_iter()
            .map(|id| (Kind::Priority, id))
            .collect(),
        2 => Vec::new(),
        // Follow-ups (with blockers their links unblocked), then the
        // outcomes with a milestone due soon.
        _ => {
            let mut rows = to_acknowledge(s.data(), &s.rules, date, now);
            for id in lane_core::model::links::unblocked_ids(s.data(), &s.links.known) {
                if !rows.contains(&(Kind::Blocker, id)) {
                    rows.push((Kind::Blocker, id));
                }
            }
            rows.extend(
                checkpoints::outcomes(s.data(), &s.rules, date)
                    .into_iter()
                    .map(|id| (Kind::Priority, id)),
            );
            rows
        }
    }
}

/// Leaving a step records the plan so far; going forward from the carry-over
/// applies its keep/drop choices. The record says which step to resume at.
pub(super) fn leave_step(s: &mut State, forward: bool, now: NaiveDateTime) {
    let Some(pass) = s.pass.clone() else { return };
    let plan = s
        .data()
        .reviews
        .iter()
        .find(|r| r.date == pass.date)
        .and_then(|r| r.plan.as_ref());
    // Opening the plan and leaving it is looking: nothing is recorded — nor
    // when the day's plan is finished (its record keeps where it ended; only
    // going on through it again changes anything).
    if !forward && plan.is_none_or(|p| p.done) {
        return;
    }
    if pass.step == 0 && forward {
        apply_carry_over(s, &pass, now);
    }
    let focus = s
        .data()
        .priorities
        .iter()
        .filter(|p| p.focus && !p.status.is_closed())
        .map(|p| p.id)
        .collect();
    let uid = s.new_uid(now);
    let plan = day_entry(s.edit(), pass.date, || uid)
        .plan
        .get_or_insert_with(Plan::default);
    plan.focus = focus;
    plan.step = pass.step as u8 + u8::from(forward);
}

fn apply_carry_over(s: &mut State, pass: &Pass, now: NaiveDateTime) {
    let picks = last_nights_picks(s.data(), &s.rules.hours, pass.date);
    let today = s.today;
    let taken = take_picks(s.edit(), &picks, today);
    if taken > 0 {
        s.info(format!(
            "focus: last night's {} — space changes them",
            text::count(taken, "pick", "picks")
        ));
    }
    let mut carried = Vec::new();
    for &(kind, id) in &pass.rows {
        let dropped = pass.dropped.contains(&(kind, id));
        match kind {
            Kind::Priority if dropped => {
                let today = s.today;
                let _ = ops::set_focus(s.edit(), id, false, today);
            }
            Kind::Block => {
                let result = if dropped {
                    BlockResult::Skipped
                } else {
                    let uid = s.new_uid(now);
                    let hours = s.rules.hours.clone();
                    move_block(s.edit(), &hours, id, pass.date, uid, now);
                    carried.push(id);
                    BlockResult::Moved
                };
                if let Some(b) = s.edit().blocks.iter_mut().find(|b| b.id == id) {
                    b.result = Some(result);
                }
            }
            _ => {}
        }
    }
    let uid = s.new_uid(now);
    let plan = day_entry(s.edit(), pass.date, || uid)
        .plan
        .get_or_insert_with(Plan::default);
    plan.carried.extend(carried);
}

/// Entering the focus step with nothing in focus takes last night's "tomorrow".
pub(super) fn prefill_focus(s: &mut State, pass: &Pass) -> Option<String> {
    if pass.step != 1 || focus_count(&s.data().priorities) > 0 {
        return None;
    }
    let last = s
        .data()
        .reviews
        .iter()
        .filter(|r| r.date < pass.date && !r.tomorrow.is_empty())
        .max_by_key(|r| r.date)?;
    let ids = last.tomorrow.clone();
    let today = s.today;
    // Nothing is in focus, so taking the picks only adds: the focus rule leaves
    // closed ones and any beyond the limit out.
    let n = take_picks(s.edit(), &ids, today);
    (n > 0).then(|| format!("{n} picked from last night's top three — space changes them"))
}

/// Space: the step's main choice on the selected row.
pub(super) fn toggle(s: &mut State, now: NaiveDateTime) -> Vec<Effect> {
    let Some(pass) = s.pass.clone() else {
        return Vec::new();
    };
    let row = pass.rows.get(pass.cursor).copied();
    match (pass.step, row) {
        (0, Some(item)) => {
            if let Some(p) = s.pass.as_mut() {
                match p.dropped.iter().position(|x| *x == item) {
                    Some(i) => {
                        p.dropped.remove(i);
                    }
                    None => p.dropped.push(item),
                }
                p.cursor = (p.cursor + 1).min(p.rows.len().saturating_sub(1));
            }
            Vec::new()
        }
        (1, Some((_, id))) => toggle_focus(s, id),
        (2, _) => place(s, &pass, now),
        (3, Some(item)) => {
            let uid = s.new_uid(now);
            let plan = day_entry(s.edit(), pass.date, || uid)
                .plan
                .get_or_insert_with(Plan::default);
            let list = match item.0 {
                Kind::Blocker => &mut plan.acknowledged_blockers,
                Kind::Priority => &mut plan.acknowledged_checkpoints,
                _ => &mut plan.acknowledged_decisions,
            };
            match list.iter().position(|x| *x == item.1) {
                Some(i) => {
                    list.remove(i);
                }
                None => list.push(item.1),
            }
            s.change_pass(|p| p.cursor = (p.cursor + 1).min(p.rows.len().saturating_sub(1)));
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// `R` on the follow-ups step: the blocker under the cursor, unblocked by its
/// links, is resolved with what unblocked it and acknowledged.
pub(super) fn resolve_unblocked(s: &mut State, now: NaiveDateTime) {
    let Some(pass) = s.pass.clone() else { return };
    let row = pass.rows.get(pass.cursor).copied();
    let resolved = match row {
        Some((Kind::Blocker, id)) if pass.step == 3 => super::links::resolve_one(s, id, now),
        _ => false,
    };
    if !resolved {
        s.error("R resolves a blocker whose linked issues and pull requests all closed or merged");
    } else if row.is_some_and(|r| !acknowledged(s.data(), pass.date, r)) {
        let said = s.message.take();
        toggle(s, now);
        s.message = said;
    }
}

/// Enter on the last step: acknowledge the selected row and go to the next one
/// still open; with nothing left open, the plan is done.
pub(super) fn next_on_last(s: &mut State, now: NaiveDateTime) -> Vec<Effect> {
    let Some(pass) = s.pass.clone() else {
        return Vec::new();
    };
    let open: Vec<usize> = (0..pass.rows.len())
        .filter(|&i| !acknowledged(s.data(), pass.date, pass.rows[i]))
        .collect();
    if open.is_empty() {
        return finish(s, &pass, now);
    }
    let at = if open.contains(&pass.cursor) {
        pass.cursor
    } else {
        open[0]
    };
    s.change_pass(|p| p.cursor = at);
    let effects = toggle(s, now);
    let next = open
        .iter()
        .copied()
        .find(|&i| i > at)
        .or(open.first().copied().filter(|&i| i != at));
    if let Some(i) = next {
        s.change_pass(|p| p.cursor = i);
    }
    effects
}

fn finish(s: &mut State, pass: &Pass, now: NaiveDateTime) -> Vec<Effect> {
    let uid = s.new_uid(now);
    let plan = day_entry(s.edit(), pass.date, || uid)
        .plan
        .get_or_insert_with(Plan::default);
    plan.done = true;
    plan.step = 4;
    let blocks: Vec<&Block> = s.data().blocks_on(pass.date).collect();
    let planned: i64 = blocks.iter().map(|b| minutes(b)).sum();
    let deep: i64 = blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Deep)
        .map(|b| minutes(b))
        .sum();
    let text = format!(
        "day planned: {} focus, {} block{}, {} planned ({} deep) — y copies the standup",
        focus_count(&s.data().priorities),
        blocks.len(),
        if blocks.len() == 1 { "" } else { "s" },
        lane_core::model::day::hm(planned),
        lane_core::model::day::hm(deep),
    );
    s.pass = None;
    s.tab = Tab::Blocks;
    s.views[Tab::Blocks.index()].day = Some(pass.date);
    s.info(text);
    Vec::new()
}

fn toggle_focus(s: &mut State, id: u32) -> Vec<Effect> {
    let Some(p) = s.data().priorities.iter().find(|p| p.id == id) else {
        return Vec::new();
    };
    let (on, title) = (!p.focus, p.title.clone());
    let today = s.today;
    if let Err(refused) = ops::set_focus(s.edit(), id, on, today) {
        // The step lists the ones in focus: the short refusal says what to do.
        let mut text = refused.brief(s.data());
        if matches!(refused, ops::FocusRefused::Full(_)) {
            text.push_str(" — space on one of them releases it first");
        }
        s.error(text);
        return Vec::new();
    }
    s.info(format!(
        "{} “{title}”",
        if on { "in focus:" } else { "released:" }
    ));
    s.change_pass(|p| p.cursor = (p.cursor + 1).min(p.rows.len().saturating_sub(1)));
    Vec::new()
}

fn place(s: &mut State, pass: &Pass, now: NaiveDateTime) -> Vec<Effect> {
    let Some(offer) = pass.proposal(s.data(), &s.rules, now) else {
        s.error("nothing to place: no focus outcome, or no free 30 minutes left in working hours");
        return Vec::new();
    };
    let Some(title) = s
        .data()
        .priorities
        .iter()
        .find(|p| p.id == offer.priority)
        .map(|p| p.title.clone())
    else {
        return Vec::new();
    };
    // Past the day's cap, the first space only says so; the second places it.
    let caps = &s.rules.caps;
    let past = plan_past_cap(s.data(), caps, &s.rules.hours, pass.date, offer.minutes);
    if let Some((planned, cap)) = past.filter(|&(planned, _)| planned > pass.offer.past_cap_ok) {
        let lowest = lowest_ranked_block(s.data(), pass.date, s.today)
            .map(|b| {
                format!(
                    "; or x moves {}–{} {} to the next working day",
                    time_of_day::text(b.start),
                    time_of_day::text(b.end),
                    b.title
                )
            })
            .unwrap_or_default();
        s.error(format!(
            "that plans {} against your {} cap — space again places it anyway{lowest}",
            hm(planned),
            hm(cap)
        ));
        s.change_pass(|p| p.offer.past_cap_ok = planned);
        return Vec::new();
    }
    let id = s.data().next_id(Kind::Block);
    let uid = s.new_uid(now);
    let block = Block {
        priority: Some(offer.priority),
        ..Block::planned(
            id,
            uid,
            pass.date,
            (offer.start, offer.end()),
            title.clone(),
            BlockKind::Deep,
        )
    };
    s.info(format!(
        "placed {}–{} {title} (deep)",
        time_of_day::text(block.start),
        time_of_day::text(block.end)
    ));
    insert_block(s.edit(), block);
    s.change_pass(|p| p.offer = Offer::default());
    Vec::new()
}

/// `n`, `[`, `]`, `+`, `-`: adjust the offered block.
pub(super) fn adjust(s: &mut State, action: crate::action::Action, now: NaiveDateTime) {
    use crate::action::Action;
    let Some(pass) = s.pass.clone() else { return };
    if pass.step != 2 {
        return;
    }
    let Some(current) = pass.proposal(s.data(), &s.rules, now) else {
        s.info("no free 30 minutes left in working hours");
        return;
    };
    let focus = pass.focus_to_block(s.data());
    let slots = pass.slots(s.data(), &s.rules, now).len();
    let usual = pass.usual_minutes(s.data(), &s.rules, now);
    if matches!(action, Action::NextSlot | Action::PrevSlot) && slots < 2 {
        s.info("no other free slot today — + and - change the length, e the time");
        return;
    }
    s.change_pass(|p| match action {
        Action::NextFocus => {
            let i = focus
                .iter()
                .position(|&f| f == current.priority)
                .unwrap_or(0);
            p.offer.priority = focus.get((i + 1) % focus.len().max(1)).copied();
        }
        Action::NextSlot => p.offer.slot = Some((current.slot + 1) % slots.max(1)),
        Action::PrevSlot => p.offer.slot = Some((current.slot + slots.max(1) - 1) % slots.max(1)),
        Action::Longer => p.offer.extra_minutes = current.minutes + 15 - usual,
        Action::Shorter => p.offer.extra_minutes = current.minutes - 15 - usual,
        _ => {}
    });
}

/// `x`: the block serving the lowest-ranked outcome moves to the next working
/// day, making room under the cap (the same move as the review's `m`).
pub(super) fn move_lowest(s: &mut State, now: NaiveDateTime) {
    let Some(pass) = s.pass.clone().filter(|p| p.step == 2) else {
        return;
    };
    let Some(lowest) = lowest_ranked_block(s.data(), pass.date, s.today).cloned() else {
        s.info("no block to move on this day");
        return;
    };
    let to = lane_core::model::ritual::next_working_day(&s.rules.hours, pass.date);
    let uid = s.new_uid(now);
    let hours = s.rules.hours.clone();
    match move_block(s.edit(), &hours, lowest.id, to, uid, now) {
        Some(_) => {
            s.info(format!(
                "moved {}–{} {} to {}",
                time_of_day::text(lowest.start),
                time_of_day::text(lowest.end),
                lowest.title,
                to.format("%a %d %b")
            ));
            s.change_pass(|p| p.offer.past_cap_ok = 0);
        }
        None => s.error(format!("{} could not be moved", lowest.title)),
    }
}

/// `e`: the offered block in the full add form, to change anything about it.
pub(super) fn edit_offer(s: &mut State, now: NaiveDateTime) {
    let Some(pass) = s.pass.clone() else { return };
    let Some(offer) = pass
        .proposal(s.data(), &s.rules, now)
        .filter(|_| pass.step == 2)
    else {
        return;
    };
    let mut form = Form::open(s.data(), Kind::Block, Purpose::Add, now);
    let title = s
        .data()
        .priorities
        .iter()
        .find(|p| p.id == offer.priority)
        .map(|p| p.title.clone())
        .unwrap_or_default();
    let end = offer.end();
    let values = [
        ("title", title),
        (
            "time",
            format!(
                "{}-{}",
                time_of_day::text(offer.start),
                time_of_day::text(end)
            ),
        ),
        ("date", pass.date.to_string()),
        ("kind", BlockKind::Deep.name().to_string()),
        ("priority", offer.priority.to_string()),
    ];
    // All offered: the first key typed in a field replaces its value.
    for (key, value) in values {
        form.prefill(key, value);
    }
    s.mode = Mode::Form(form);
}
