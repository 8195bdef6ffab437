//! The demo's steering: the outcomes in focus and a few other open ones get
//! milestones (those due before now delivered, one of them late), key results
//! with weekly readings, whom they were agreed with; the focus ones are
//! strategic for their quarter. Nothing is dated after now.

use chrono::NaiveDate;

use super::{Rng, plus};
use crate::model::limits::shift_days;
use crate::model::outcomes::{KeyResult, Milestone, Reading, set_strategic};
use crate::model::rules::Rules;
use crate::model::{Data, Extra, Priority, PriorityStatus};

const MILESTONES: [&str; 5] = [
    "Spec signed",
    "Prototype on staging",
    "Beta with three customers",
    "Docs and runbook",
    "Generally available",
];

/// name, unit, baseline, target (a lower target where lower is better).
const KEY_RESULTS: [(&str, &str, f64, f64); 4] = [
    ("p95 latency", "ms", 420.0, 200.0),
    ("weekly active teams", "", 40.0, 120.0),
    ("error rate", "%", 2.4, 0.5),
    ("support tickets a week", "", 36.0, 12.0),
];

const AGREED: [&str; 3] = ["Dana (VP)", "Sam (PM)", "the platform team"];

pub(super) fn steer(r: &mut Rng, d: &mut Data) {
    let today = r.now.date();
    let mut chosen: Vec<usize> = (0..d.priorities.len())
        .filter(|&i| d.priorities[i].focus)
        .collect();
    // A few more open ones, the longest running first: they have steps behind them.
    let others: Vec<usize> = (0..d.priorities.len())
        .filter(|&i| {
            let p = &d.priorities[i];
            p.status == PriorityStatus::Active && !p.focus
        })
        .take(3)
        .collect();
    chosen.extend(others);
    let mut late = false;
    for (n, &i) in chosen.iter().enumerate() {
        let p = &mut d.priorities[i];
        let Some(created) = p.created else { continue };
        p.agreed_with = r.pick(&AGREED).to_string();
        p.agreed_on = Some(created);
        // One outcome old enough to have missed a step keeps one open past its due date.
        let may_be_late = !late && (today - created).num_days() >= 6;
        late |= milestones(r, p, created, today, may_be_late);
        if p.focus || n % 2 == 0 {
            key_results(r, p, created, today);
        }
    }
    let limit = Rules::default().strategic_per_quarter;
    let focus: Vec<u32> = chosen
        .iter()
        .map(|&i| &d.priorities[i])
        .filter(|p| p.focus)
        .map(|p| p.id)
        .collect();
    for id in focus {
        // A full quarter keeps the ones already there, as the app would.
        let _ = set_strategic(d, id, true, limit, today);
    }
}

/// Two to four milestones spread from `created` to the due date. Those due
/// before today are delivered (a day early to two late), except one when
/// `may_be_late`; returns whether it left one late.
fn milestones(
    r: &mut Rng,
    p: &mut Priority,
    created: NaiveDate,
    today: NaiveDate,
    may_be_late: bool,
) -> bool {
    let due = p.due.unwrap_or(plus(created, 30));
    let span = (due - created).num_days().max(4) as u64;
    let n = 2 + r.below(3);
    let mut left_late = false;
    for k in 0..n {
        let mut on = plus(created, span * (k + 1) / (n + 1));
        let late_one = may_be_late && !left_late && k == 0;
        if late_one && on >= today {
            // Its first step was due a couple of days ago.
            on = plus(created, (today - created).num_days().max(2) as u64 - 2);
        }
        let done = (on < today && !late_one)
            .then(|| shift_days(plus(on, r.below(4)), -1).clamp(created, today));
        left_late |= late_one && on < today;
        p.milestones.push(Milestone {
            id: k as u32 + 1,
            uid: r.uid(created),
            title: MILESTONES[(k as usize).min(MILESTONES.len() - 1)].to_string(),
            due: Some(on),
            done,
            note: String::new(),
            extra: Extra::new(),
        });
    }
    left_late
}

/// One or two key results, read weekly from the outcome's start: each reading
/// a little further from the baseline towards the target.
fn key_results(r: &mut Rng, p: &mut Priority, created: NaiveDate, today: NaiveDate) {
    let first = r.below(KEY_RESULTS.len() as u64) as usize;
    let count = 1 + r.below(2) as usize;
    let days = (today - created).num_days().max(1) as f64;
    for k in 0..count {
        let (name, unit, baseline, target) = KEY_RESULTS[(first + k) % KEY_RESULTS.len()];
        // How far it gets by today: a third of the way to nearly all of it.
        let reach = 0.3 + r.below(60) as f64 / 100.0;
        let mut readings = Vec::new();
        let mut on = plus(created, 2);
        while on <= today {
            let share = reach * (on - created).num_days() as f64 / days;
            let value = baseline + (target - baseline) * share;
            readings.push(Reading {
                date: on,
                // Whole numbers where the span is wide (ms, teams), tenths for rates.
                value: if (target - baseline).abs() >= 10.0 {
                    value.round()
                } else {
                    (value * 10.0).round() / 10.0
                },
                extra: Extra::new(),
            });
            on = plus(on, 7);
        }
        p.key_results.push(KeyResult {
            id: k as u32 + 1,
            uid: r.uid(created),
            name: name.to_string(),
            unit: unit.to_string(),
            baseline,
            target,
            readings,
            extra: Extra::new(),
        });
    }
}
