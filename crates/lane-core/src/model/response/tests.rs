use super::*;
use crate::model::test_util::{at, day};
use crate::model::{Extra, Level};

fn escalated_call(id: u32, on: &str, to: &str) -> Decision {
    Decision {
        id,
        uid: String::new(),
        date: Some(day(on)),
        situation: format!("call {id}"),
        options: Vec::new(),
        call: String::new(),
        rationale: String::new(),
        reversible: true,
        risk: Level::Low,
        cost: None,
        topics: Vec::new(),
        lane_override: None,
        status: DecisionStatus::Escalated,
        escalated_to: to.into(),
        escalated_at: Some(at(on, "00:00")),
        answer: String::new(),
        reported: None,
        review_on: None,
        outcome: String::new(),
        rating: None,
        verdict: None,
        answered_at: None,
        done: false,
        extra: Extra::new(),
    }
}

fn escalated_blocker(id: u32, at_: NaiveDateTime, to: &str) -> Blocker {
    Blocker {
        id,
        uid: String::new(),
        title: format!("blocker {id}"),
        priority: None,
        waiting_on: to.into(),
        links: Vec::new(),
        opened: Some(at_),
        tried: Vec::new(),
        follow_up: None,
        escalated_to: to.into(),
        escalated_at: Some(at_),
        skipped: Vec::new(),
        status: BlockerStatus::Escalated,
        resolution: String::new(),
        resolved_at: None,
        extra: Extra::new(),
    }
}

fn rules(limit: f64) -> Rules {
    Rules {
        respond_within_hours: limit,
        ..Rules::default()
    }
}

#[test]
fn a_call_waits_in_working_hours_from_the_start_of_its_day() {
    // Escalated on Friday 20 Nov; Mon–Fri 09:00–17:30 is 8.5h a day.
    let d = escalated_call(1, "2026-11-20", "Dana");
    let hours = WorkingHours::default();
    // The weekend adds nothing: Friday's 8.5h, then Monday 09:00–12:00.
    assert_eq!(
        decision_waited(&d, &hours, at("2026-11-23", "12:00")),
        Some(11.5)
    );
    assert!(!decision_awaiting(
        &d,
        &rules(16.0),
        at("2026-11-23", "12:00")
    ));
    assert!(decision_awaiting(
        &d,
        &rules(16.0),
        at("2026-11-23", "17:00")
    ));
}

/// Escalated at 14:45 on Monday: the wait counts from then, not from the day's
/// start (a date alone made "no answer" fire 14h45 of working time early).
#[test]
fn a_call_escalated_in_the_afternoon_waits_from_that_minute() {
    let mut d = escalated_call(1, "2026-12-07", "Dana");
    d.escalated_at = Some(at("2026-12-07", "14:45"));
    let hours = WorkingHours::default();
    // 14:45–17:30 Monday is 2.75h, Tuesday's 8.5h, Wednesday 09:00–13:45 4.75h.
    let wednesday = at("2026-12-09", "13:45");
    assert_eq!(decision_waited(&d, &hours, wednesday), Some(16.0));
    assert!(!decision_awaiting(
        &d,
        &rules(16.0),
        at("2026-12-09", "13:30")
    ));
    assert!(decision_awaiting(&d, &rules(16.0), wednesday));
}

#[test]
fn answered_done_or_decided_calls_wait_for_nothing() {
    let now = at("2026-11-30", "12:00");
    let r = rules(1.0);
    let mut d = escalated_call(1, "2026-11-20", "Dana");
    assert!(decision_awaiting(&d, &r, now));
    d.status = DecisionStatus::Answered;
    assert!(!decision_awaiting(&d, &r, now));
    d.status = DecisionStatus::Decided;
    assert!(!decision_awaiting(&d, &r, now));
    d.status = DecisionStatus::Escalated;
    d.done = true;
    assert!(!decision_awaiting(&d, &r, now));
}

#[test]
fn a_blocker_waits_from_its_escalation_until_it_is_resolved() {
    let hours = WorkingHours::default();
    let mut b = escalated_blocker(1, at("2026-11-23", "16:30"), "ops");
    // 16:30–17:30 Monday, then 09:00–10:00 Tuesday; the night does not count.
    assert_eq!(
        blocker_waited(&b, &hours, at("2026-11-24", "10:00")),
        Some(2.0)
    );
    assert!(blocker_awaiting(&b, &rules(2.0), at("2026-11-24", "10:00")));
    assert!(!blocker_awaiting(
        &b,
        &rules(2.5),
        at("2026-11-24", "10:00")
    ));
    b.status = BlockerStatus::Resolved;
    assert!(!blocker_awaiting(
        &b,
        &rules(2.0),
        at("2026-11-24", "10:00")
    ));
}

#[test]
fn zero_turns_the_boundary_off() {
    let d = escalated_call(1, "2026-01-05", "Dana");
    assert!(!decision_awaiting(
        &d,
        &rules(0.0),
        at("2026-11-30", "12:00")
    ));
}

#[test]
fn the_plan_line_says_who_how_long_and_what_to_do() {
    let data = Data {
        decisions: vec![escalated_call(4, "2026-11-23", "Dana")],
        blockers: vec![escalated_blocker(2, at("2026-11-24", "09:00"), "")],
        ..Data::default()
    };
    let now = at("2026-11-25", "16:00");
    let r = rules(8.0);
    assert_eq!(
        awaiting(&data, &r, now),
        vec![(Kind::Blocker, 2), (Kind::Decision, 4)]
    );
    assert_eq!(
        follow_up_words(&data, &r, (Kind::Decision, 4), now).as_deref(),
        Some("escalation to Dana waiting 2 days — follow up, or decide?")
    );
    assert_eq!(
        follow_up_words(&data, &r, (Kind::Blocker, 2), now).as_deref(),
        Some("escalation waiting 1 day — follow up?")
    );
    // Not yet past its time: no line.
    assert_eq!(
        follow_up_words(&data, &rules(40.0), (Kind::Decision, 4), now),
        None
    );
}
