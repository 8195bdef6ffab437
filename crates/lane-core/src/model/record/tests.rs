use super::*;
use crate::model::test_util::{add, day};
use crate::model::{Extra, Kind};

fn call(id: u32, date: &str, cost: Option<f64>, rating: Option<Rating>) -> Decision {
    Decision {
        id,
        uid: String::new(),
        date: Some(day(date)),
        situation: format!("call {id}"),
        options: Vec::new(),
        call: String::new(),
        rationale: String::new(),
        reversible: true,
        risk: crate::model::Level::Low,
        cost,
        topics: Vec::new(),
        lane_override: None,
        status: DecisionStatus::Decided,
        escalated_to: String::new(),
        escalated_at: None,
        answer: String::new(),
        reported: None,
        review_on: None,
        outcome: String::new(),
        rating,
        verdict: None,
        answered_at: None,
        done: false,
        extra: Extra::new(),
    }
}

fn answered(id: u32, date: &str, topic: &str, verdict: Option<Verdict>) -> Decision {
    Decision {
        status: DecisionStatus::Answered,
        topics: vec![topic.into()],
        escalated_to: "Dana".into(),
        answer: "go ahead".into(),
        verdict,
        ..call(id, date, None, None)
    }
}

fn rec(decisions: Vec<Decision>) -> Record {
    let data = Data {
        decisions,
        ..Data::default()
    };
    record(
        &data,
        day("2026-01-01"),
        day("2026-12-31"),
        &Boundaries::default(),
        &TrustRules::default(),
    )
}

const GOOD: Option<Rating> = Some(Rating::Good);

#[test]
fn months_count_calls_in_lane_escalations_ratings_and_verdicts() {
    let r = rec(vec![
        call(1, "2026-10-05", None, GOOD),
        call(2, "2026-10-09", None, Some(Rating::Bad)),
        call(3, "2026-11-02", None, None),
        answered(4, "2026-11-03", "vendors", Some(Verdict::Yours)),
        answered(5, "2026-11-04", "vendors", Some(Verdict::RightToAsk)),
        Decision {
            status: DecisionStatus::Pending,
            ..call(6, "2026-11-05", None, None)
        },
        call(7, "2025-11-05", None, GOOD), // before the period
    ]);
    let months: Vec<&str> = r.months.iter().map(|m| m.month.as_str()).collect();
    assert_eq!(months, ["2026-10", "2026-11"]);
    let oct = &r.months[0];
    assert_eq!((oct.decided, oct.rated, oct.good, oct.bad), (2, 2, 1, 1));
    assert_eq!(oct.good_pct(), Some(50));
    let nov = &r.months[1];
    assert_eq!(
        (nov.decided, nov.escalated, nov.judged, nov.yours),
        (1, 2, 2, 1)
    );
    assert_eq!(nov.good_pct(), None, "nothing rated is no share at all");
    assert_eq!(r.total.decided, 3);
    assert_eq!(r.total.escalated, 2);
    assert!(r.suggestions.is_empty());
}

#[test]
fn outcomes_delivered_count_by_their_close_and_their_due_date() {
    let mut data = Data::default();
    for (due, closed) in [
        (Some("2026-11-20"), "2026-11-19"),
        (Some("2026-11-10"), "2026-11-12"),
        (None, "2026-11-12"),
    ] {
        let id = add(&mut data, Kind::Priority, &[("title", "p")]).unwrap();
        let p = data.priorities.iter_mut().find(|p| p.id == id).unwrap();
        p.status = PriorityStatus::Done;
        p.due = due.map(day);
        p.closed = Some(day(closed));
    }
    let r = record(
        &data,
        day("2026-11-01"),
        day("2026-11-30"),
        &Boundaries::default(),
        &TrustRules::default(),
    );
    // The one without a due date is delivered, neither on time nor late.
    assert_eq!(
        (r.total.delivered, r.total.dated, r.total.on_time),
        (3, 2, 1)
    );
    assert_eq!(r.total.on_time_pct(), Some(50));
}

/// Calls at 400–500 (the top 20 % of a 500 limit), rated as given.
fn near_limit(ratings: &[Rating]) -> Vec<Decision> {
    ratings
        .iter()
        .enumerate()
        .map(|(i, r)| {
            call(
                i as u32 + 1,
                "2026-11-02",
                Some(400.0 + 20.0 * i as f64),
                Some(*r),
            )
        })
        .collect()
}

#[test]
fn calls_near_the_limit_that_landed_well_suggest_a_higher_one() {
    use Rating::*;
    let r = rec(near_limit(&[Good; 6]));
    assert_eq!(r.suggestions.len(), 1);
    assert_eq!(
        r.suggestions[0].text,
        "6 calls up to 500 all landed well: ask for a 1 000 limit"
    );
    assert_eq!(r.suggestions[0].evidence, [1, 2, 3, 4, 5, 6]);
    let r = rec(near_limit(&[Good, Good, Good, Good, Mixed]));
    assert_eq!(
        r.suggestions[0].text,
        "5 calls up to 500 4 landed well, none badly: ask for a 1 000 limit"
    );
}

#[test]
fn no_spend_suggestion_on_thin_or_mixed_evidence() {
    use Rating::*;
    // Four calls are too few.
    assert!(rec(near_limit(&[Good; 4])).suggestions.is_empty());
    // One bad call is enough to say nothing.
    assert!(
        rec(near_limit(&[Good, Good, Good, Good, Good, Bad]))
            .suggestions
            .is_empty()
    );
    // Under 80 % good.
    assert!(
        rec(near_limit(&[Good, Good, Good, Mixed, Mixed]))
            .suggestions
            .is_empty()
    );
    // Small calls far below the limit say nothing about the limit.
    let small: Vec<Decision> = (1..=8)
        .map(|i| call(i, "2026-11-02", Some(50.0), GOOD))
        .collect();
    assert!(rec(small).suggestions.is_empty());
    // Unrated calls are no evidence.
    let unrated: Vec<Decision> = (1..=8)
        .map(|i| call(i, "2026-11-02", Some(450.0), None))
        .collect();
    assert!(rec(unrated).suggestions.is_empty());
}

#[test]
fn a_topic_that_keeps_coming_back_yours_belongs_in_the_lane() {
    let yours = Some(Verdict::Yours);
    let r = rec(vec![
        answered(1, "2026-11-02", "Vendors", yours),
        answered(2, "2026-11-03", "vendors", yours),
        answered(3, "2026-11-04", "vendors", yours),
        answered(4, "2026-11-05", "hiring", yours),
        answered(5, "2026-11-06", "hiring", yours),
    ]);
    assert_eq!(r.suggestions.len(), 1);
    assert_eq!(
        r.suggestions[0].text,
        "3 escalations on Vendors came back “yours to decide”: ask for Vendors in your lane"
    );
    assert_eq!(r.suggestions[0].evidence, [1, 2, 3]);
}

#[test]
fn thresholds_come_from_the_rules() {
    let strict = TrustRules {
        min_calls: 7,
        ..TrustRules::default()
    };
    let data = Data {
        decisions: near_limit(&[Rating::Good; 6]),
        ..Data::default()
    };
    let r = record(
        &data,
        day("2026-01-01"),
        day("2026-12-31"),
        &Boundaries::default(),
        &strict,
    );
    assert!(r.suggestions.is_empty());
}

#[test]
fn the_last_months_begin_on_the_first_of_a_month_across_a_new_year() {
    assert_eq!(months_back(day("2026-11-23"), 12), day("2025-12-01"));
    assert_eq!(months_back(day("2026-03-31"), 3), day("2026-01-01"));
    assert_eq!(months_back(day("2026-03-31"), 1), day("2026-03-01"));
    assert_eq!(months_back(day("2026-01-15"), 2), day("2025-12-01"));
    // Before the first date there is: today, never a panic.
    assert_eq!(months_back(NaiveDate::MIN, 12), NaiveDate::MIN);
}
