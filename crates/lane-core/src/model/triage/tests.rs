use chrono::NaiveDate;

use super::*;
use crate::model::Extra;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn call(cost: Option<f64>, topics: &[&str], reversible: bool, risk: Level) -> Decision {
    Decision {
        id: 1,
        uid: String::new(),
        date: Some(d("2026-11-23")),
        situation: "x".into(),
        options: Vec::new(),
        call: String::new(),
        rationale: String::new(),
        reversible,
        risk,
        cost,
        topics: topics.iter().map(|t| t.to_string()).collect(),
        lane_override: None,
        status: DecisionStatus::Decided,
        escalated_to: String::new(),
        escalated_at: None,
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

#[test]
fn nothing_crossed_means_decide() {
    let t = triage(
        &call(Some(120.0), &["tooling"], true, Level::Low),
        &Boundaries::default(),
    );
    assert_eq!(
        (t.recommended, t.lane, t.overridden),
        (Lane::Decide, Lane::Decide, false)
    );
    assert!(t.reasons.is_empty());
}

#[test]
fn each_boundary_on_its_own() {
    let b = Boundaries::default();
    let cost = triage(&call(Some(12_000.0), &[], true, Level::Low), &b);
    assert_eq!(cost.reasons, ["cost 12 000 > spend limit 500"]);
    assert_eq!(cost.lane, Lane::Escalate);
    let at_limit = triage(&call(Some(500.0), &[], true, Level::Low), &b);
    assert!(
        at_limit.reasons.is_empty(),
        "the limit itself is inside the lane"
    );
    let topic = triage(&call(None, &["Hiring"], true, Level::Low), &b);
    assert_eq!(topic.reasons, ["topic: hiring"]);
    let multi = triage(&call(None, &["customer commitment"], true, Level::Low), &b);
    assert_eq!(multi.reasons, ["topic: customer commitment"]);
    let irreversible = triage(&call(None, &[], false, Level::High), &b);
    assert_eq!(irreversible.reasons, ["irreversible, high risk"]);
    let low = triage(&call(None, &[], false, Level::Low), &b);
    assert!(
        low.reasons.is_empty(),
        "irreversible but low risk stays in the lane"
    );
    let reversible = triage(&call(None, &[], true, Level::High), &b);
    assert!(
        reversible.reasons.is_empty(),
        "reversible high risk stays in the lane"
    );
}

#[test]
fn combined_boundaries_list_every_reason() {
    let t = triage(
        &call(
            Some(1_500.5),
            &["budget", "legal", "infra"],
            false,
            Level::Medium,
        ),
        &Boundaries::default(),
    );
    assert_eq!(
        t.reasons,
        [
            "cost 1 500.50 > spend limit 500",
            "topic: budget",
            "topic: legal",
            "irreversible, medium risk"
        ]
    );
}

#[test]
fn configured_boundaries_change_the_answer() {
    let b = Boundaries {
        spend_limit: 20_000.0,
        escalate_topics: vec!["pricing".into()],
        irreversible_risk: None,
    };
    let t = triage(
        &call(Some(12_000.0), &["hiring", "Pricing"], false, Level::High),
        &b,
    );
    assert_eq!(t.reasons, ["topic: pricing"]);
}

#[test]
fn an_override_is_kept_and_shown() {
    let b = Boundaries::default();
    let mut c = call(Some(900.0), &[], true, Level::Low);
    c.lane_override = Some(Lane::Decide);
    let t = triage(&c, &b);
    assert_eq!(
        (t.recommended, t.lane, t.overridden),
        (Lane::Escalate, Lane::Decide, true)
    );
    assert_eq!(
        flags(&c, &b, d("2026-11-23")),
        vec!["unreported", "overridden"]
    );
    // Overriding to what triage recommends anyway is no override.
    c.lane_override = Some(Lane::Escalate);
    assert!(!triage(&c, &b).overridden);
}

#[test]
fn low_risk_calls_in_the_lane_are_reported_after() {
    let b = Boundaries::default();
    let mut c = call(None, &[], true, Level::Low);
    assert!(report_after(&c, &b) && is_unreported(&c, &b));
    c.reported = Some(d("2026-11-24"));
    assert!(!is_unreported(&c, &b));
    let medium = call(None, &[], true, Level::Medium);
    assert!(
        !report_after(&medium, &b),
        "only low-risk calls are reported after"
    );
    let escalated = call(Some(9_999.0), &[], true, Level::Low);
    assert!(
        !report_after(&escalated, &b),
        "escalated calls are not made alone"
    );
}

#[test]
fn review_dates() {
    assert_eq!(
        default_review_on(d("2026-11-23"), true),
        Some(d("2026-12-07"))
    );
    assert_eq!(default_review_on(d("2026-11-23"), false), None);
    let mut c = call(None, &[], true, Level::Low);
    c.review_on = Some(d("2026-12-07"));
    assert!(!is_to_review(&c, d("2026-12-06")));
    assert!(is_to_review(&c, d("2026-12-07")));
    c.outcome = "worked; backoff kept retries low".into();
    assert!(!is_to_review(&c, d("2026-12-08")));
}

#[test]
fn money_reads_like_people_write_it() {
    assert_eq!(money(500.0), "500");
    assert_eq!(money(12_000.0), "12 000");
    assert_eq!(money(1_234_567.0), "1 234 567");
    assert_eq!(money(499.5), "499.50");
}

#[test]
fn a_call_the_triage_sends_up_is_pending_until_decided_or_escalated() {
    use crate::model::form::{Ctx, Note, apply_note, initial_values, save};
    use crate::model::test_util::{add, monday};
    use crate::model::{Data, Kind, WorkingHours};
    let b = Boundaries::default();
    let mut data = Data::default();
    let big = add(
        &mut data,
        Kind::Decision,
        &[("situation", "Hire"), ("cost", "12k")],
    )
    .unwrap();
    let small = add(&mut data, Kind::Decision, &[("situation", "Retry")]).unwrap();
    let status = |data: &Data, id: u32| data.decisions[id as usize - 1].status;
    assert_eq!(status(&data, big), DecisionStatus::Pending);
    assert_eq!(status(&data, small), DecisionStatus::Decided);
    assert!(is_pending(&data.decisions[0], &b));
    assert_eq!(
        flags(&data.decisions[0], &b, d("2026-11-23")),
        ["to_escalate"]
    );

    // Edited inside the boundaries, it is the user's to decide; edited out of them
    // again, it waits once more.
    let edit = |data: &mut Data, cost: &str| {
        let values =
            initial_values(data, Kind::Decision, Some(big), d("2026-11-23")).with("cost", cost);
        let hours = WorkingHours::default();
        let ctx = Ctx {
            now: monday(),
            hours: &hours,
            boundaries: &b,
            uid: "x".into(),
        };
        save(data, Kind::Decision, Some(big), &values, ctx).unwrap();
    };
    edit(&mut data, "100");
    assert_eq!(status(&data, big), DecisionStatus::Decided);
    edit(&mut data, "12k");
    assert_eq!(status(&data, big), DecisionStatus::Pending);

    // Deciding it: decided, the override on record; escalating the other way.
    let mut decided = data.clone();
    crate::model::ops::decide(&mut decided, big, &b).unwrap();
    assert_eq!(status(&decided, big), DecisionStatus::Decided);
    assert_eq!(decided.decisions[0].lane_override, Some(Lane::Decide));
    assert!(!is_pending(&decided.decisions[0], &b));
    apply_note(&mut data, Note::EscalateTo, big, "Dana", monday()).unwrap();
    assert_eq!(status(&data, big), DecisionStatus::Escalated);
    assert!(!is_pending(&data.decisions[0], &b));
}

#[test]
fn a_call_older_versions_saved_decided_against_the_triage_counts_as_pending() {
    let b = Boundaries::default();
    let mut c = call(Some(12_000.0), &[], true, Level::Low);
    assert_eq!(c.status, DecisionStatus::Decided);
    assert!(is_pending(&c, &b));
    c.lane_override = Some(Lane::Decide);
    assert!(!is_pending(&c, &b), "decided against the triage on purpose");
    c.lane_override = None;
    c.done = true;
    assert!(!is_pending(&c, &b), "closed");
}
