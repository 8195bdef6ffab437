//! One journal entry per date across machines. Two machines that each planned
//! or reviewed a day made an entry for it under two uids; merged as two items
//! they would leave two reviews for one date (and reports counting the day
//! twice). Before the merge they become one item under their side's uid (what
//! is published: the remote, in a sync, so a machine that pushed its entry
//! first keeps it and both meet on it), whose common ancestor is an empty entry: whatever each side wrote is kept and only a
//! field both wrote differently is a conflict. The plans fold into one: the furthest step, done
//! when either is, every carried block and acknowledgement of either.

use crate::model::{Block, Data, Plan, Review};

/// Each date one journal entry and each planned block one uid on both sides:
/// ours is changed in place; `base` and `theirs` come back rewritten when a
/// date had two entries (`None` otherwise).
pub(super) fn one_record_per_day(
    base: &Data,
    ours: &mut Data,
    theirs: &Data,
) -> Option<(Data, Data)> {
    let entries = one_entry_per_day(base, ours, theirs);
    let (base2, theirs2) = match &entries {
        Some((b, t)) => (b, t),
        None => (base, theirs),
    };
    one_block_per_plan(base2, ours, theirs2);
    entries
}

/// The same block planned on both machines — both ran the morning plan and
/// took the same offer — is one block, under their side's uid. Only
/// blocks neither side had before, made by hand or by the plan (a series' or
/// a calendar's days have derived uids already), alike in day, time, title,
/// kind and outcome.
fn one_block_per_plan(base: &Data, ours: &mut Data, theirs: &Data) {
    let new = |b: &Block| {
        b.series.is_none() && b.calendar.is_none() && !base.blocks.iter().any(|x| x.uid == b.uid)
    };
    let same = |a: &Block, b: &Block| {
        (a.date, a.start, a.end, &a.title, a.kind, a.priority)
            == (b.date, b.start, b.end, &b.title, b.kind, b.priority)
    };
    let mut twins: Vec<(usize, usize)> = Vec::new();
    for (t, tb) in theirs.blocks.iter().enumerate().filter(|(_, b)| new(b)) {
        if ours.blocks.iter().any(|x| x.uid == tb.uid) {
            continue;
        }
        let twin = ours.blocks.iter().position(|ob| {
            new(ob) && same(ob, tb) && !theirs.blocks.iter().any(|x| x.uid == ob.uid)
        });
        if let Some(o) = twin.filter(|o| !twins.iter().any(|(_, x)| x == o)) {
            twins.push((t, o));
        }
    }
    // Theirs is what is published (the remote, in a sync): ours takes its
    // uid, which others may hold already (the ids' own alignment then gives
    // it one id).
    for (t, o) in twins {
        ours.blocks[o].uid = theirs.blocks[t].uid.clone();
    }
}

/// `base` and `theirs` rewritten so each date has one entry uid on both sides,
/// or `None` when no date has two. Every other choice is the same whichever
/// side merges (the furthest plan, the larger totals), so the two machines
/// meet on one entry instead of trading theirs back and forth.
fn one_entry_per_day(base: &Data, ours: &mut Data, theirs: &Data) -> Option<(Data, Data)> {
    // Only entries the other side does not hold under their own uid: a side
    // with two entries for one date (a hand edit) keeps its second as it is.
    let mut twins: Vec<(usize, usize)> = Vec::new();
    for (o, r) in ours.reviews.iter().enumerate() {
        if theirs.reviews.iter().any(|x| x.uid == r.uid) {
            continue;
        }
        let t = theirs
            .reviews
            .iter()
            .position(|x| x.date == r.date && !ours.reviews.iter().any(|y| y.uid == x.uid));
        if let Some(t) = t.filter(|t| !twins.iter().any(|(_, u)| u == t)) {
            twins.push((o, t));
        }
    }
    if twins.is_empty() {
        return None;
    }
    let (mut base, mut theirs) = (base.clone(), theirs.clone());
    for (o, t) in twins {
        let (a, b) = (&mut ours.reviews[o], &mut theirs.reviews[t]);
        // Theirs is what is published (the remote, in a sync): its uid is the
        // one others may hold already. Ids stay each side's: the ids' own
        // alignment gives one item one id.
        let uid = b.uid.clone();
        let id = a.id;
        (a.uid, b.uid) = (uid.clone(), uid.clone());
        if let (Some(x), Some(y)) = (&a.plan, &b.plan) {
            let plan = fold(x, y);
            (a.plan, b.plan) = (Some(plan.clone()), Some(plan));
        }
        // The day's totals are the review's snapshot of the data (reports
        // compute them from the blocks): the larger of each, alike on both.
        let both = totals(a).map(Some);
        let snapshot: Totals = std::array::from_fn(|i| both[i].flatten().max(totals(b)[i]));
        set_totals(a, snapshot);
        set_totals(b, snapshot);
        let date = a.date;
        base.reviews.retain(|r| r.date != date);
        base.reviews.push(Review {
            id,
            uid,
            date,
            ..Review::default()
        });
    }
    Some((base, theirs))
}

type Totals = [Option<i64>; 4];

fn totals(r: &Review) -> Totals {
    [
        r.planned_minutes,
        r.worked_minutes,
        r.deep_minutes,
        r.deep_worked_minutes,
    ]
}

fn set_totals(r: &mut Review, t: Totals) {
    [
        r.planned_minutes,
        r.worked_minutes,
        r.deep_minutes,
        r.deep_worked_minutes,
    ] = t;
}

/// Two plans of one day as one: the furthest step and its focus, done when
/// either is, every carried block and acknowledgement of either.
fn fold(a: &Plan, b: &Plan) -> Plan {
    let (ahead, behind) = if (b.step, &b.focus) > (a.step, &a.focus) {
        (b, a)
    } else {
        (a, b)
    };
    let union = |x: &[u32], y: &[u32]| {
        let mut all = x.to_vec();
        all.extend(y.iter().filter(|id| !x.contains(id)));
        all
    };
    Plan {
        step: ahead.step,
        done: a.done || b.done,
        focus: ahead.focus.clone(),
        carried: union(&ahead.carried, &behind.carried),
        acknowledged_blockers: union(&ahead.acknowledged_blockers, &behind.acknowledged_blockers),
        acknowledged_decisions: union(
            &ahead.acknowledged_decisions,
            &behind.acknowledged_decisions,
        ),
        acknowledged_checkpoints: union(
            &ahead.acknowledged_checkpoints,
            &behind.acknowledged_checkpoints,
        ),
        extra: ahead.extra.clone(),
    }
}
