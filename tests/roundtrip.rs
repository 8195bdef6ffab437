//! Whatever the model's operations make — every form, note, rung, timer, copy,
//! move, focus, status change, delete, merge and settled conflict, at any time
//! lane accepts (seconds and their fractions included), from plain to extreme
//! typed text — has no problems, and saves (`to_toml`) and loads (`parse`) back
//! equal. The store refuses to write data that fails this; this test says the
//! model never asks it to. Cases: `cases(default, long)`; LANE_LONG_TESTS=1
//! runs the long form.

use std::path::Path;

use chrono::{NaiveDateTime, NaiveTime};
use lane::model::form::{self, Ctx, Note, fields, initial_values};
use lane::model::limits::{FIRST_DATE, LAST_DATE};
use lane::model::parse::parse_date;
use lane::model::triage::Boundaries;
use lane::model::{Data, Kind, Rung, WorkingHours, conflicts, day, merge, ops, ritual};
use lane::store::{parse, to_toml};
use proptest::prelude::*;

use crate::common::cases;

/// One thing a user (or a writer on another machine) does.
#[derive(Debug, Clone)]
enum Op {
    /// A form of `kind` with these fields (by index in the form) typed.
    Add(Kind, Vec<(usize, String)>),
    Edit(Kind, usize, Vec<(usize, String)>),
    Done(Kind, usize, bool),
    Focus(usize, bool),
    Note(usize, usize, String),
    Rung(usize, usize, String),
    Timer(usize),
    CopyDay(usize, String),
    Move(usize, String),
    Reported(usize, bool),
    Decide(usize),
    Delete(Kind, usize),
    Settle(usize, bool),
    /// The clock moves on by this many milliseconds.
    Later(u32),
}

const NOTES: [Note; 8] = [
    Note::Update,
    Note::EscalateTo,
    Note::Answer,
    Note::Outcome,
    Note::Tried,
    Note::EscalateBlocker,
    Note::FollowUp,
    Note::Resolve,
];

/// What people type, from the ordinary to the extreme.
fn typed() -> impl Strategy<Value = String> {
    let number = prop_oneof![
        any::<i64>().prop_map(|n| n.to_string()),
        proptest::sample::select(vec![
            i64::MIN.to_string(),
            i64::MAX.to_string(),
            u64::MAX.to_string(),
            "0".into(),
            "-1".into(),
            "1440".into(),
            "99999999999".into(),
        ]),
        (0u32..200).prop_map(|n| n.to_string()),
    ];
    let template = proptest::sample::select(vec![
        "+{}d",
        "-{}d",
        "+{}w",
        "{}",
        "14:00 +{}",
        "now +{}m",
        "{}:00",
        "9-{}",
        "{}:30 +45m x",
    ]);
    prop_oneof![
        3 => "[a-zA-Z0-9 ,.;:'\"#é€日-]{1,20}",
        3 => proptest::sample::select(vec![
            "today", "tomorrow", "yesterday", "fri", "+3d", "-2w", "2026-12-01", "1900-01-01",
            "9999-12-31", "10000-01-01", "1899-12-31", "9-10:30", "14:00 +90m", "now +45m",
            "23:30 +60m", "23:00-23:59", "0:00 +1439m", "14:00 +0", "14:00 +-30", "now +0",
            "high", "l", "deep", "meeting", "yes", "no", "40%", "12k", "1e300", "nan", "", "1",
            "2", "3", "done", "dropped", "paused", "active",
        ]).prop_map(String::from),
        2 => (template, number).prop_map(|(t, n)| t.replace("{}", &n)),
    ]
}

fn kind() -> impl Strategy<Value = Kind> {
    proptest::sample::select(Kind::ALL.to_vec())
}

fn typed_fields() -> impl Strategy<Value = Vec<(usize, String)>> {
    proptest::collection::vec((0usize..9, typed()), 0..4)
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (kind(), typed_fields()).prop_map(|(k, v)| Op::Add(k, v)),
        3 => (kind(), any::<usize>(), typed_fields()).prop_map(|(k, i, v)| Op::Edit(k, i, v)),
        2 => (kind(), any::<usize>(), any::<bool>()).prop_map(|(k, i, d)| Op::Done(k, i, d)),
        1 => (any::<usize>(), any::<bool>()).prop_map(|(i, on)| Op::Focus(i, on)),
        2 => (0usize..NOTES.len(), any::<usize>(), typed()).prop_map(|(n, i, t)| Op::Note(n, i, t)),
        1 => (any::<usize>(), 0usize..3, typed()).prop_map(|(i, r, t)| Op::Rung(i, r, t)),
        2 => any::<usize>().prop_map(Op::Timer),
        1 => (any::<usize>(), typed()).prop_map(|(i, t)| Op::CopyDay(i, t)),
        1 => (any::<usize>(), typed()).prop_map(|(i, t)| Op::Move(i, t)),
        1 => (any::<usize>(), any::<bool>()).prop_map(|(i, on)| Op::Reported(i, on)),
        1 => any::<usize>().prop_map(Op::Decide),
        1 => (kind(), any::<usize>()).prop_map(|(k, i)| Op::Delete(k, i)),
        1 => (any::<usize>(), any::<bool>()).prop_map(|(i, t)| Op::Settle(i, t)),
        2 => any::<u32>().prop_map(Op::Later),
    ]
}

/// A clock anywhere in lane's range (mostly near today), with seconds and
/// nanoseconds as a real clock has them.
fn clock() -> impl Strategy<Value = NaiveDateTime> {
    let days = (LAST_DATE - FIRST_DATE).num_days();
    let today = (crate::common::now().date() - FIRST_DATE).num_days();
    (
        prop_oneof![3 => (today - 400)..(today + 400), 1 => 0..=days],
        0u32..86_400,
        prop_oneof![Just(0u32), 0u32..1_000_000_000],
    )
        .prop_map(|(d, s, nanos)| {
            let time = NaiveTime::from_num_seconds_from_midnight_opt(s, nanos).unwrap();
            (FIRST_DATE + chrono::Duration::days(d)).and_time(time)
        })
}

/// The id of the item `i` (modulo the list's length) of `kind`.
fn pick(data: &Data, kind: Kind, i: usize) -> Option<u32> {
    let list = data.list(kind);
    (!list.is_empty())
        .then(|| list.id_at(i % list.len()))
        .flatten()
}

struct World {
    hours: WorkingHours,
    boundaries: Boundaries,
    uids: u64,
}

impl World {
    fn uid(&mut self) -> String {
        self.uids += 1;
        format!("01K{:023}", self.uids)
    }

    // Over 80 lines: one arm per model operation the property test can pick.
    /// Applies `op` at `now` as lane's writers do; a refusal is fine, a panic or
    /// data lane would refuse is not (checked by the caller).
    fn apply(&mut self, data: &mut Data, op: &Op, now: &mut NaiveDateTime) {
        let today = now.date();
        match op {
            Op::Add(kind, typed) | Op::Edit(kind, _, typed) => {
                let editing = match op {
                    Op::Edit(_, i, _) => match pick(data, *kind, *i) {
                        Some(id) => Some(id),
                        None => return,
                    },
                    _ => None,
                };
                let specs = fields(*kind);
                let mut values = initial_values(data, *kind, editing, today);
                if editing.is_none() {
                    values.set(specs[0].key, "item");
                }
                for (i, text) in typed {
                    values.set(specs[i % specs.len()].key, text.clone());
                }
                let uid = self.uid();
                let ctx = Ctx {
                    now: *now,
                    hours: &self.hours,
                    boundaries: &self.boundaries,
                    uid,
                };
                let _ = form::save(data, *kind, editing, &values, ctx);
            }
            Op::Done(kind, i, done) => {
                if let Some(id) = pick(data, *kind, *i) {
                    let _ = ops::set_done(data, *kind, id, *done, today);
                }
            }
            Op::Focus(i, on) => {
                if let Some(id) = pick(data, Kind::Priority, *i) {
                    let _ = ops::set_focus(data, id, *on, today);
                }
            }
            Op::Note(n, i, text) => {
                let note = NOTES[*n];
                if let Some(id) = pick(data, note.kind(), *i) {
                    let _ = form::apply_note(data, note, id, text, *now);
                }
            }
            Op::Rung(i, r, text) => {
                if let Some(id) = pick(data, Kind::Blocker, *i) {
                    let _ = form::mark_rung(data, id, Rung::ALL[*r], text, *now);
                }
            }
            Op::Timer(i) => {
                if let Some(id) = pick(data, Kind::Block, *i) {
                    let _ = day::start_stop(data, id, *now);
                }
            }
            Op::CopyDay(i, to) | Op::Move(i, to) => {
                let (Some(id), Ok(to)) = (pick(data, Kind::Block, *i), parse_date(to, today))
                else {
                    return;
                };
                let from = data.blocks.iter().find(|b| b.id == id).map(|b| b.date);
                match (op, from) {
                    (Op::CopyDay(..), Some(from)) if from != to => {
                        let mut uids: Vec<String> = (0..20).map(|_| self.uid()).collect();
                        day::copy_day(data, from, to, || uids.pop().unwrap_or_default());
                    }
                    (Op::Move(..), _) => {
                        let uid = self.uid();
                        ritual::move_block(data, &self.hours, id, to, uid, *now);
                    }
                    _ => {}
                }
            }
            Op::Reported(i, on) => {
                if let Some(id) = pick(data, Kind::Decision, *i) {
                    let _ = ops::set_reported(data, id, *on, today, &self.boundaries);
                }
            }
            Op::Decide(i) => {
                if let Some(id) = pick(data, Kind::Decision, *i) {
                    let _ = ops::decide(data, id, &self.boundaries);
                }
            }
            Op::Delete(kind, i) => {
                if let Some(id) = pick(data, *kind, *i) {
                    let _ = ops::delete(data, *kind, id);
                }
            }
            Op::Settle(i, take) => {
                if !data.conflicts.is_empty() {
                    let id = data.conflicts[i % data.conflicts.len()].id;
                    let _ = conflicts::settle(data, id, *take);
                }
            }
            Op::Later(ms) => {
                let later = now.checked_add_signed(chrono::Duration::milliseconds(i64::from(*ms)));
                if let Some(t) = later.filter(|t| t.date() <= LAST_DATE) {
                    *now = t;
                }
            }
        }
    }
}

/// No problems, and what is saved loads back equal.
fn sound(data: &Data, after: &str) -> Result<(), TestCaseError> {
    let problems = data.problems();
    prop_assert!(problems.is_empty(), "after {after}: {problems:?}");
    let text = to_toml(data).map_err(|e| TestCaseError::fail(format!("{e:#}")))?;
    let back = parse(Path::new("lane.toml"), text.as_bytes())
        .map_err(|e| TestCaseError::fail(format!("after {after}: {e:#}\n{text}")))?;
    prop_assert_eq!(&back, data, "after {}", after);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::with_cases(cases(2_000, 100_000)) })]

    #[test]
    fn whatever_the_model_makes_saves_and_loads_back_equal(
        start in clock(),
        shared in proptest::collection::vec(op(), 0..25),
        ours in proptest::collection::vec(op(), 0..10),
        theirs in proptest::collection::vec(op(), 0..10),
        settle in proptest::collection::vec(any::<bool>(), 0..6),
    ) {
        let mut world = World { hours: WorkingHours::default(), boundaries: Boundaries::default(), uids: 0 };
        let mut now = start;
        let mut base = Data::default();
        for op in &shared {
            world.apply(&mut base, op, &mut now);
            sound(&base, &format!("{op:?}"))?;
        }
        // Two writers go on from the same base; lane merges what both did.
        let (mut a, mut b) = (base.clone(), base.clone());
        let (mut now_a, mut now_b) = (now, now);
        for op in &ours {
            world.apply(&mut a, op, &mut now_a);
            sound(&a, &format!("{op:?}"))?;
        }
        for op in &theirs {
            world.apply(&mut b, op, &mut now_b);
            sound(&b, &format!("{op:?}"))?;
        }
        let mut n = 0;
        let mut uid = || { n += 1; format!("M{n}") };
        let merged = merge::merge(&base, &a, &b, now_a.max(now_b), &mut uid);
        prop_assert!(merged.is_ok(), "{:?}", merged.err());
        let mut data = merged.map(|m| m.data).unwrap_or_default();
        sound(&data, "the merge")?;
        for take in settle {
            if let Some(c) = data.conflicts.first() {
                let id = c.id;
                let _ = conflicts::settle(&mut data, id, take);
                sound(&data, "settling a conflict")?;
            }
        }
    }
}
