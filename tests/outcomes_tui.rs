//! The outcome's detail with milestones, key results and agreement, drawn.

use crate::harness::Harness;

const STEERED: &str = r#"version = 1

[[priorities]]
id = 1
uid = "01KAQ3Z8X9M2V7C4T6N1B5R0PE"
title = "Ship billing v2"
outcome = "Customers can pay by invoice"
measure = "errors < 0.1% over a week"
due = "2026-12-18"
impact = "high"
urgency = "medium"
status = "active"
focus = true
progress = 40
created = "2026-11-02"
agreed_with = "Dana (VP)"
agreed_on = "2026-11-04"
boundaries = "budget 5k; invoices only, no cards"
strategic = true

[[priorities.milestones]]
id = 1
uid = "M1"
title = "Spec signed"
due = "2026-11-13"
done = "2026-11-12"

[[priorities.milestones]]
id = 2
uid = "M2"
title = "Invoice PDF"
due = "2026-11-20"

[[priorities.milestones]]
id = 3
uid = "M3"
title = "Beta to 3 customers"
due = "2026-12-04"

[[priorities.key_results]]
id = 1
uid = "K1"
name = "p95 latency"
unit = "ms"
baseline = 400.0
target = 200.0

[[priorities.key_results.readings]]
date = "2026-11-09"
value = 380.0

[[priorities.key_results.readings]]
date = "2026-11-16"
value = 330.0

[[priorities.key_results.readings]]
date = "2026-11-20"
value = 300.0

[[priorities.key_results]]
id = 2
uid = "K2"
name = "invoices paid"
baseline = 0.0
target = 50.0

[[priorities.updates]]
date = "2026-11-20"
note = "p95 latency 300 ms (50%)"

[[priorities]]
id = 2
uid = "01KAQ3Z8X9M2V7C4T6N1B5R0P2"
title = "Hire a data engineer"
impact = "high"
urgency = "low"
status = "active"
focus = true
created = "2026-11-20"
"#;

fn steered(width: u16, height: u16) -> Harness {
    Harness::from_toml(STEERED, width, height, crate::harness::rules())
}

#[test]
fn the_detail_shows_milestones_key_results_and_agreement() {
    for (w, hgt) in [(80, 24), (120, 35), (200, 50)] {
        let mut h = steered(w, hgt);
        if w < 100 {
            h.keys("<enter>");
        }
        let screen = h.screen();
        assert!(screen.contains("milestone_overdue"), "{screen}");
        assert!(screen.contains("Milestones  1/3 done"), "{screen}");
        insta::assert_snapshot!(format!("detail_{w}x{hgt}"), screen);
    }
}

#[test]
fn an_unagreed_focus_outcome_says_so() {
    let mut h = steered(120, 35);
    h.keys("j");
    let screen = h.screen();
    assert!(
        // The detail is a third of 120 columns: the sentence wraps after "up".
        screen.contains("with nobody yet — agree it up"),
        "{screen}"
    );
    assert!(screen.contains("unagreed"), "{screen}");
}

/// The agreement is recorded in the app: the outcome's form has "Agreed with"
/// (dated today) and "Boundaries"; the flag goes; emptying it brings it back.
#[test]
fn an_agreement_is_recorded_from_the_form_and_clears_unagreed() {
    let mut h = steered(120, 35);
    h.keys("je");
    h.keys("<tab><tab><tab><tab><tab><tab><tab><tab>Dana (VP)<tab>invoices only<enter>");
    let p = &h.state.data().priorities[1];
    assert_eq!(p.agreed_with, "Dana (VP)");
    assert_eq!(p.agreed_on, Some(crate::harness::now().date()));
    assert_eq!(p.boundaries, "invoices only");
    assert!(!lane::model::outcomes::is_unagreed(p));
    h.keys("e<tab><tab><tab><tab><tab><tab><tab><tab><c-u><enter>");
    let p = &h.state.data().priorities[1];
    assert!(p.agreed_with.is_empty() && p.agreed_on.is_none());
    assert!(lane::model::outcomes::is_unagreed(p));
}
