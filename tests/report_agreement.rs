//! Reports agree with the data and with each other: what moved on an outcome,
//! a call sent up during the review, a blocker resolved yesterday, an
//! escalated blocker still waiting, an outcome without a due date.

use lane::report::{Period, ReportKind, Source, markdown};

use crate::harness::rules;

/// Tuesday 1 Dec, evening. Monday: three notes on billing, a review that said
/// "no change" for it, a call escalated and a blocker resolved; a blocker
/// escalated on Monday still waits.
const MONDAY: &str = r#"version = 1

[[priorities]]
id = 1
uid = "P1"
title = "Ship billing v2"
focus = true

[[priorities.updates]]
date = "2026-11-30"
note = "invoice PDF renders"

[[priorities.updates]]
date = "2026-11-30"
note = "tax lines done"

[[priorities.updates]]
date = "2026-11-30"
note = "error rate 0.08% in staging"

[[priorities]]
id = 2
uid = "P2"
title = "Tidy the wiki"
status = "done"
closed = "2026-11-30"

[[blockers]]
id = 1
uid = "B1"
title = "staging DB access"
priority = 1
opened = "2026-11-27T10:00"
status = "resolved"
resolution = "ops granted read access"
resolved_at = "2026-11-30T15:00"

[[blockers]]
id = 2
uid = "B2"
title = "prod credentials"
priority = 1
opened = "2026-11-27T10:00"
status = "escalated"
escalated_to = "ops-lead"
escalated_at = "2026-11-30T16:00"

[[decisions]]
id = 1
uid = "D1"
date = "2026-11-30"
situation = "Contractor for the data pipeline"
status = "escalated"
escalated_to = "Maria"
escalated_at = "2026-11-30T17:45"

[[reviews]]
id = 1
uid = "R1"
date = "2026-11-30"
reviewed = true

[[reviews.progress]]
priority = 1
note = "no change"
"#;

fn report(kind: ReportKind, since: &str, until: &str, now: &str) -> String {
    let data = lane::store::parse(std::path::Path::new("lane.toml"), MONDAY.as_bytes()).unwrap();
    let rules = rules();
    let day = |d: &str| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
    let now = chrono::NaiveDateTime::parse_from_str(now, "%Y-%m-%dT%H:%M").unwrap();
    let period = Period::of(kind, Some(day(since)), Some(day(until)), now.date(), &rules).unwrap();
    markdown(
        kind,
        &Source {
            data: &data,
            rules: &rules,
            period,
            now,
        },
    )
}

#[test]
fn the_review_says_what_moved_and_the_calls_and_blockers_of_the_day() {
    let text = report(
        ReportKind::Review,
        "2026-11-30",
        "2026-11-30",
        "2026-12-01T18:00",
    );
    for note in [
        "invoice PDF renders",
        "tax lines done",
        "error rate 0.08% in staging",
    ] {
        assert!(text.contains(note), "{text}");
    }
    assert!(!text.contains("no change"), "{text}");
    assert!(
        text.contains("**Contractor for the data pipeline**: escalated to Maria"),
        "{text}"
    );
    assert!(
        text.contains("**staging DB access**: resolved: ops granted read access"),
        "{text}"
    );
    assert!(
        text.contains("**prod credentials**: escalated to ops-lead"),
        "{text}"
    );
}

#[test]
fn the_next_standup_names_the_blocker_resolved_yesterday() {
    let text = report(
        ReportKind::Standup,
        "2026-11-30",
        "2026-12-01",
        "2026-12-01T09:00",
    );
    assert!(
        text.contains("Unblocked: **staging DB access** — ops granted read access"),
        "{text}"
    );
}

#[test]
fn the_weekly_update_names_an_escalated_blocker_as_a_risk() {
    let text = report(
        ReportKind::Week,
        "2026-11-30",
        "2026-12-04",
        "2026-12-04T17:00",
    );
    let risks = text.split("## Risks").nth(1).unwrap();
    assert!(risks.contains("prod credentials — "), "{text}");
    assert!(risks.contains("escalated to ops-lead"), "{text}");
    assert!(!risks.trim_start().starts_with("None"), "{text}");
}

#[test]
fn an_outcome_without_a_due_date_is_not_counted_on_time() {
    let text = report(
        ReportKind::Brag,
        "2026-11-01",
        "2026-12-01",
        "2026-12-01T18:00",
    );
    assert!(text.contains("1 outcome delivered"), "{text}");
    assert!(!text.contains("due date"), "{text}");
}
