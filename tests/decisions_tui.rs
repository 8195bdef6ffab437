//! The Decisions tab on screen: each call's lane, reasons and what is owed, the
//! triage live in the form, and the keys that decide, escalate, answer, report
//! and write the outcome.

use crate::harness::{Harness, now};
use chrono::NaiveDate;
use lane::state::State;

/// Calls in every state: decided and reported, unreported, escalated, overridden,
/// answered, and one due for review.
const CALLS: &str = r#"version = 1

[[decisions]]
id = 1
date = "2026-11-09"
situation = "Retry policy for webhooks"
call = "3 retries with exponential backoff"
rationale = "cheap to change; matches the provider's guidance"
reversible = true
risk = "low"
topics = ["reliability"]
review_on = "2026-11-23"

[[decisions]]
id = 2
date = "2026-11-20"
situation = "Hire a contractor for the data migration"
options = ["contractor", "borrow from platform team", "wait for Q1"]
call = "contract 6 weeks"
rationale = "team is at capacity"
reversible = false
risk = "medium"
cost = 12000
topics = ["hiring", "budget"]
status = "escalated"
escalated_to = "Dana"
escalated_at = "2026-11-20"

[[decisions]]
id = 3
date = "2026-11-21"
situation = "Upgrade the staging database"
call = "upgrade this weekend"
reversible = true
risk = "low"
cost = 900
override = "decide"
rationale = "the cost is a one-off instance hour bill, agreed in planning"

[[decisions]]
id = 4
date = "2026-11-16"
situation = "Change the invoice number format"
call = "ask product"
reversible = false
risk = "high"
topics = ["customer commitment"]
status = "answered"
escalated_to = "Priya"
escalated_at = "2026-11-16"
answer = "keep the format until v3"

[[decisions]]
id = 5
date = "2026-11-23"
situation = "Rename the internal CLI flags"
call = "rename, keep aliases"
reversible = true
risk = "low"
reported = "2026-11-23"
review_on = "2026-12-07"
"#;

fn calls(width: u16, height: u16) -> Harness {
    let mut h = Harness::new(width, height);
    let data = lane::store::parse(std::path::Path::new("lane.toml"), CALLS.as_bytes()).unwrap();
    h.state = State::new(data, crate::harness::rules(), 1, now());
    h.resize(width, height);
    h.keys("4");
    h
}

#[test]
fn decisions_show_lane_reasons_and_what_is_owed() {
    for (w, hgt) in [(80, 24), (120, 35), (200, 50)] {
        let mut h = calls(w, hgt);
        insta::assert_snapshot!(format!("decisions_{w}x{hgt}"), h.screen());
    }
    let mut h = calls(200, 50);
    h.keys("j");
    let screen = h.screen();
    for reason in [
        "escalate — cost 12 000 > spend limit 500",
        "topic: hiring",
        "topic: budget",
    ] {
        assert!(screen.contains(reason), "{reason} missing in {screen}");
    }
    assert!(screen.contains("to Dana on 2026-11-20"));
    insta::assert_snapshot!("decision_escalated_detail_200x50", screen);
}

#[test]
fn the_decision_form_shows_the_triage_live() {
    let mut h = calls(80, 24);
    h.keys("aBuy a team licence for the profiler<tab><tab><tab><tab><tab>2k");
    let screen = h.screen();
    assert!(
        screen.contains("escalate — cost 2 000 > spend limit 500"),
        "{screen}"
    );
    insta::assert_snapshot!(screen);
    h.keys("<c-u>300<enter>");
    let d = h.state.data().decisions.last().unwrap();
    assert_eq!(d.cost, Some(300.0));
    assert_eq!(d.review_on, NaiveDate::from_ymd_opt(2026, 12, 7));
    assert!(h.screen().contains("decide    unreported"));
}

#[test]
fn decide_escalate_answer_report_and_outcome_keys() {
    let mut h = calls(120, 35);
    let find = |h: &Harness, id: u32| {
        h.state
            .data()
            .decisions
            .iter()
            .find(|d| d.id == id)
            .cloned()
            .unwrap()
    };
    // Row 0: the retry policy, due for review today. O writes its outcome.
    h.keys("gOretries stayed under 1%<enter>");
    assert_eq!(find(&h, 1).outcome, "retries stayed under 1%");
    // P reports the low-risk call, and again takes it back.
    h.keys("P");
    assert_eq!(find(&h, 1).reported, Some(now().date()));
    h.keys("P");
    assert_eq!(find(&h, 1).reported, None);
    // Row 1 is escalated to Dana; A records her answer.
    h.keys("jAgo ahead, 6 weeks<enter>");
    let d2 = find(&h, 2);
    assert_eq!(
        (d2.answer.as_str(), d2.status),
        ("go ahead, 6 weeks", lane::model::DecisionStatus::Answered)
    );
    // E on the retry policy sends it up: to whom?
    h.keys("gE");
    assert!(h.screen().contains("Escalate to"));
    h.keys("<enter>");
    assert!(
        h.screen().contains("escalate to cannot be empty"),
        "nothing typed is refused"
    );
    h.keys("team lead<enter>");
    let d1 = find(&h, 1);
    assert_eq!(
        (d1.escalated_to.as_str(), d1.lane_override),
        ("team lead", Some(lane::model::Lane::Escalate))
    );
    assert!(h.screen().contains("escalate*"), "the override shows");
    // D takes it back: the triage said decide, so no override remains.
    h.keys("D");
    assert_eq!(find(&h, 1).lane_override, None);
    assert_eq!(find(&h, 1).status, lane::model::DecisionStatus::Decided);
    // D on the escalated hire overrides the triage and says so.
    h.keys("jD");
    assert!(h.screen().contains("against the triage"));
    assert_eq!(find(&h, 2).lane_override, Some(lane::model::Lane::Decide));
}

/// Text written over several lines in $EDITOR keeps its lines in the detail
/// (blank ones too), each under the first, instead of running together.
#[test]
fn a_rationale_of_several_lines_keeps_its_lines_in_the_detail() {
    let mut h = Harness::new(120, 35);
    h.keys("4aRetry policy<tab>3 retries<enter>");
    h.change_data(|d| d.decisions[0].rationale = "first reason\n\nsecond reason".into());
    let screen = h.screen();
    let lines: Vec<&str> = screen.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("Why       first reason"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(!lines[at].contains("second reason"), "{screen}");
    assert!(
        lines[at + 2].contains("          second reason"),
        "{screen}"
    );
}
