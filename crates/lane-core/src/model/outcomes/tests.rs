use super::*;
use crate::model::rank::{flags, rank};
use crate::model::rules::Rules;
use crate::model::test_util::{add, at, day, monday};
use crate::model::{Level, PriorityStatus};

fn kr(baseline: f64, target: f64, readings: &[f64]) -> KeyResult {
    KeyResult {
        id: 1,
        uid: String::new(),
        name: "k".into(),
        unit: String::new(),
        baseline,
        target,
        readings: readings
            .iter()
            .enumerate()
            .map(|(i, v)| Reading {
                date: day("2026-11-01") + chrono::Days::new(i as u64),
                value: *v,
                extra: Extra::new(),
            })
            .collect(),
        extra: Extra::new(),
    }
}

fn one(title: &str, due: &str) -> Data {
    let mut data = Data::default();
    add(&mut data, Kind::Priority, &[("title", title), ("due", due)]).unwrap();
    data
}

#[test]
fn progress_runs_from_baseline_to_target_clamped() {
    assert_eq!(kr(0.0, 200.0, &[50.0]).progress(), 25);
    assert_eq!(
        kr(0.0, 200.0, &[50.0, 150.0]).progress(),
        75,
        "the latest counts"
    );
    assert_eq!(kr(0.0, 200.0, &[250.0]).progress(), 100, "past the target");
    assert_eq!(kr(10.0, 200.0, &[5.0]).progress(), 0, "below the baseline");
    // Lower is better: 400 ms down to 200 ms.
    assert_eq!(kr(400.0, 200.0, &[300.0]).progress(), 50);
    assert_eq!(kr(400.0, 200.0, &[150.0]).progress(), 100);
    assert_eq!(kr(400.0, 200.0, &[450.0]).progress(), 0);
    // No reading yet: nothing moved.
    assert_eq!(kr(0.0, 10.0, &[]).progress(), 0);
    assert_eq!(kr(0.0, 10.0, &[]).current(), None);
    // A target equal to the baseline is met while the reading holds it.
    assert_eq!(kr(5.0, 5.0, &[5.0]).progress(), 100);
    assert_eq!(kr(5.0, 5.0, &[6.0]).progress(), 0);
    assert_eq!(kr(5.0, 5.0, &[]).progress(), 0);
    // The extremes stay finite.
    assert_eq!(kr(-1e15, 1e15, &[1e15]).progress(), 100);
    assert_eq!(kr(-1e15, 1e15, &[0.0]).progress(), 50);
}

#[test]
fn the_latest_reading_is_the_newest_date_then_the_last_written() {
    let mut k = kr(0.0, 10.0, &[1.0, 2.0]);
    k.readings.swap(0, 1);
    assert_eq!(k.current(), Some(2.0), "date order, not file order");
    k.readings.push(Reading {
        date: day("2026-11-02"),
        value: 3.0,
        extra: Extra::new(),
    });
    assert_eq!(k.current(), Some(3.0));
    assert_eq!(k.value_on(day("2026-11-01")), Some(1.0));
    assert_eq!(k.value_on(day("2026-10-01")), None);
}

#[test]
fn numbers_are_finite_and_in_range() {
    assert_eq!(parse_measure("x", " 1_000.5 "), Ok(1000.5));
    assert_eq!(parse_measure("x", "-3"), Ok(-3.0));
    for bad in ["NaN", "inf", "-inf", "1e16", "abc", ""] {
        assert!(parse_measure("x", bad).is_err(), "{bad}");
    }
    assert_eq!(number(3.0), "3");
    assert_eq!(number(0.25), "0.25");
}

#[test]
fn quarters_come_from_the_due_date() {
    assert_eq!(quarter_of(day("2026-11-23")), "2026-Q4");
    assert_eq!(quarter_of(day("2026-01-01")), "2026-Q1");
    assert_eq!(quarter_of(day("2026-06-30")), "2026-Q2");
    assert_eq!(quarter_problem("2026-Q4"), None);
    for bad in ["2026-Q5", "26-Q1", "2026Q1", "q4", "1899-Q1", ""] {
        assert!(quarter_problem(bad).is_some(), "{bad}");
    }
}

#[test]
fn an_overdue_milestone_raises_urgency_like_a_due_date() {
    let today = monday().date();
    let mut data = one("ship", "+30d");
    let before = rank(&data.priorities[0], today);
    assert_eq!(before.score, 4, "medium × medium, far from due");
    add_milestone(&mut data, 1, "spec", Some(day("2026-11-25")), "M".into()).unwrap();
    let r = rank(&data.priorities[0], today);
    assert_eq!(r.score, 6, "a milestone due in 2 days makes it high");
    assert!(
        r.reason.contains("milestone “spec” due in 2 days"),
        "{}",
        r.reason
    );
    data.priorities[0].milestones[0].due = Some(day("2026-11-20"));
    let p = &data.priorities[0];
    let r = rank(p, today);
    assert_eq!(
        r.score, 8,
        "overdue counts above everything of the same impact"
    );
    assert!(!r.overdue, "the outcome itself is not overdue");
    let f = flags(p, &Rules::default(), today);
    assert!(f.contains(&"milestone_overdue"), "{f:?}");
    // Delivered, it no longer presses.
    set_milestone_done(&mut data, 1, "spec", true, today).unwrap();
    assert_eq!(rank(&data.priorities[0], today).score, 4);
    assert!(!milestone_overdue(&data.priorities[0], today));
    assert_eq!(milestones_done(&data.priorities[0]), (1, 1));
}

#[test]
fn a_nearer_due_date_keeps_its_own_reason() {
    let today = monday().date();
    let mut data = one("ship", "today");
    add_milestone(&mut data, 1, "spec", Some(day("2026-11-25")), "M".into()).unwrap();
    let r = rank(&data.priorities[0], today);
    assert_eq!(r.score, 6);
    assert!(r.reason.ends_with("due today"), "{}", r.reason);
}

#[test]
fn milestones_are_found_by_number_or_title() {
    let today = monday().date();
    let mut data = one("ship", "");
    assert_eq!(add_milestone(&mut data, 1, "Spec", None, "A".into()), Ok(1));
    assert_eq!(add_milestone(&mut data, 1, "Beta", None, "B".into()), Ok(2));
    assert!(add_milestone(&mut data, 1, " ", None, "C".into()).is_err());
    assert!(add_milestone(&mut data, 1, "a\u{1b}b", None, "C".into()).is_err());
    assert!(add_milestone(&mut data, 9, "x", None, "C".into()).is_err());
    assert_eq!(
        set_milestone_done(&mut data, 1, "2", true, today),
        Ok("milestone “Beta” done".into())
    );
    assert_eq!(
        set_milestone_done(&mut data, 1, "spec", true, today),
        Ok("milestone “Spec” done".into())
    );
    assert!(set_milestone_done(&mut data, 1, "3", true, today).is_err());
    assert!(set_milestone_done(&mut data, 1, "nope", true, today).is_err());
    assert_eq!(
        set_milestone_done(&mut data, 1, "1", true, today),
        Ok("milestone “Spec” was done on 2026-11-23".into())
    );
}

#[test]
fn at_most_n_strategic_outcomes_a_quarter() {
    let today = monday().date();
    let mut data = Data::default();
    for (title, due) in [
        ("a", "2026-12-01"),
        ("b", ""),
        ("c", "2026-12-20"),
        ("d", "2026-12-31"),
        ("e", "2027-01-05"),
    ] {
        add(&mut data, Kind::Priority, &[("title", title), ("due", due)]).unwrap();
    }
    for id in 1..=3 {
        assert_eq!(set_strategic(&mut data, id, true, 3, today), Ok(true));
    }
    assert_eq!(
        data.priorities[1].quarter.as_deref(),
        Some("2026-Q4"),
        "no due: today's quarter"
    );
    assert_eq!(data.priorities[0].quarter, None, "its due date says it");
    let before = data.clone();
    let refused = set_strategic(&mut data, 4, true, 3, today).unwrap_err();
    assert_eq!(
        refused,
        StrategicRefused::Full {
            quarter: "2026-Q4".into(),
            ids: vec![1, 2, 3]
        }
    );
    assert!(
        refused
            .message(&data, 3)
            .contains("2026-Q4 has 3 strategic outcomes already (1 “a”, 2 “b”, 3 “c”)")
    );
    assert_eq!(data, before, "nothing changed");
    // Another quarter has room; a closed one frees its place.
    assert_eq!(set_strategic(&mut data, 5, true, 3, today), Ok(true));
    data.priorities[0].status = PriorityStatus::Done;
    assert_eq!(set_strategic(&mut data, 4, true, 3, today), Ok(true));
    assert_eq!(strategic_in(&data, "2026-Q4"), vec![2, 3, 4]);
}

#[test]
fn a_focus_or_strategic_outcome_agreed_with_nobody_is_flagged() {
    let today = monday().date();
    let mut data = one("ship", "");
    let rules = Rules::default();
    assert!(!flags(&data.priorities[0], &rules, today).contains(&"unagreed"));
    data.priorities[0].focus = true;
    assert!(flags(&data.priorities[0], &rules, today).contains(&"unagreed"));
    set_agreement(&mut data, 1, "Dana (VP)", None, "budget 5k", today).unwrap();
    let p = &data.priorities[0];
    assert_eq!(
        (p.agreed_on, p.boundaries.as_str()),
        (Some(today), "budget 5k")
    );
    assert!(!flags(p, &rules, today).contains(&"unagreed"));
    data.priorities[0].impact = Level::High;
    assert!(set_agreement(&mut data, 1, "x\u{7}", None, "", today).is_err());
}

#[test]
fn a_reading_is_an_update_and_an_unknown_name_changes_nothing() {
    let today = monday().date();
    let mut data = one("ship", "");
    add_key_result(&mut data, 1, "p95 latency", "ms", 400.0, 200.0, "K".into()).unwrap();
    assert!(add_key_result(&mut data, 1, "P95 Latency", "", 0.0, 1.0, "L".into()).is_err());
    assert!(add_key_result(&mut data, 1, "a=b", "", 0.0, 1.0, "L".into()).is_err());
    assert!(add_key_result(&mut data, 1, "x", "", f64::NAN, 1.0, "L".into()).is_err());
    let before = data.clone();
    let err = record_progress(&mut data, 1, "", &["errors=3".into()], today).unwrap_err();
    assert!(
        err.contains("no key result `errors`; it has p95 latency"),
        "{err}"
    );
    assert!(record_progress(&mut data, 1, "", &["p95 latency".into()], today).is_err());
    assert!(record_progress(&mut data, 1, "", &["p95 latency=NaN".into()], today).is_err());
    assert!(record_progress(&mut data, 1, "", &[], today).is_err());
    assert_eq!(data, before);
    record_progress(
        &mut data,
        1,
        "cache on",
        &["P95 latency = 300".into()],
        today,
    )
    .unwrap();
    let p = &data.priorities[0];
    assert_eq!(p.key_results[0].current(), Some(300.0));
    assert_eq!(
        p.updates.last().unwrap().note,
        "cache on; p95 latency 300 ms (50%)"
    );
    assert_eq!(crate::model::rank::last_heard(p), Some(today));
}

#[test]
fn the_store_refuses_bad_nested_values() {
    let mut data = one("ship", "");
    add_milestone(&mut data, 1, "a", None, "A".into()).unwrap();
    add_key_result(&mut data, 1, "k", "", 0.0, 1.0, "K".into()).unwrap();
    assert!(data.problems().is_empty());
    let p = &mut data.priorities[0];
    p.milestones.push(p.milestones[0].clone());
    p.milestones[0].due = Some(day("1800-01-01"));
    p.key_results[0].target = f64::INFINITY;
    p.key_results[0].readings.push(Reading {
        date: day("2026-11-23"),
        value: 1e20,
        extra: Extra::new(),
    });
    p.quarter = Some("Q4".into());
    let found: Vec<String> = data.problems().iter().map(|p| p.reason.clone()).collect();
    assert_eq!(found.len(), 5, "{found:?}");
    assert!(found.iter().any(|r| r == "milestone id 1 is used twice"));
    assert!(
        found
            .iter()
            .any(|r| r.starts_with("`key_results[0].readings[0].value` is 1e20")),
        "{found:?}"
    );
}

#[test]
fn milestones_added_on_both_sides_are_all_kept_and_renumbered() {
    let base = one("ship", "");
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    add_milestone(&mut ours, 1, "ours", None, "O".into()).unwrap();
    add_milestone(&mut theirs, 1, "theirs", None, "T".into()).unwrap();
    theirs.priorities[0].key_results.clear();
    let mut uid = || "C".to_string();
    let merged =
        crate::model::merge::merge(&base, &ours, &theirs, at("2026-11-23", "09:00"), &mut uid)
            .unwrap();
    let ms = &merged.data.priorities[0].milestones;
    let mut got: Vec<(u32, &str)> = ms.iter().map(|m| (m.id, m.title.as_str())).collect();
    got.sort();
    assert_eq!(got.len(), 2);
    assert_eq!(got.iter().map(|g| g.0).collect::<Vec<_>>(), vec![1, 2]);
    assert_eq!(merged.conflicts, 0);
    assert_eq!(merged.renumbered.len(), 1, "{:?}", merged.renumbered);
    // Done on one side, retitled on the other: both kept, by uid.
    let base = merged.data;
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.priorities[0].milestones[0].done = Some(day("2026-11-23"));
    theirs.priorities[0].milestones[0].title = "renamed".into();
    let merged =
        crate::model::merge::merge(&base, &ours, &theirs, at("2026-11-23", "09:00"), &mut uid)
            .unwrap();
    let m = &merged.data.priorities[0].milestones[0];
    assert_eq!((m.title.as_str(), m.done.is_some()), ("renamed", true));
}

#[test]
fn a_strategic_place_is_swapped_whole_or_not_at_all() {
    let today = monday().date();
    let mut data = Data::default();
    for title in ["a", "b", "c", "d"] {
        add(
            &mut data,
            Kind::Priority,
            &[("title", title), ("due", "2026-12-01")],
        )
        .unwrap();
    }
    for id in 1..=3 {
        set_strategic(&mut data, id, true, 3, today).unwrap();
    }
    swap_strategic(&mut data, 2, 4, 3, today).unwrap();
    assert_eq!(strategic_in(&data, "2026-Q4"), vec![1, 3, 4]);
    // A candidate that cannot be strategic (closed) releases nobody.
    data.priorities[1].status = PriorityStatus::Dropped;
    let before = data.clone();
    let refused = swap_strategic(&mut data, 1, 2, 3, today).unwrap_err();
    assert!(matches!(refused, StrategicRefused::Other(_)));
    assert_eq!(data, before, "the released one stays strategic");
}
