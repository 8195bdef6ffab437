//! Milestones added and marked done from the app, with the keys help lists.

use crate::harness::{Harness, now};
use lane::state::Mode;

const ONE: &str = r#"version = 1

[[priorities]]
id = 1
uid = "01KAQ3Z8X9M2V7C4T6N1B5R0PE"
title = "Ship billing v2"
due = "2026-12-18"
impact = "high"
urgency = "medium"
status = "active"
"#;

fn one(width: u16, height: u16) -> Harness {
    Harness::from_toml(ONE, width, height, crate::harness::rules())
}

fn message(h: &Harness) -> String {
    h.state
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

#[test]
fn m_adds_a_milestone_and_marks_the_next_one_done() {
    let mut h = one(120, 35);
    h.keys("MSpec signed<tab>+3d<enter>");
    let ms = h.state.data().priorities[0].milestones.clone();
    assert_eq!(ms.len(), 1, "{:?}", h.state.mode);
    assert_eq!(ms[0].title, "Spec signed");
    assert_eq!(ms[0].due, Some(now().date() + chrono::Days::new(3)));
    assert!(!ms[0].uid.is_empty());
    assert_eq!(message(&h), "milestone 1 added to priority 1");
    h.keys("MInvoice PDF<enter>");
    assert_eq!(h.state.data().priorities[0].milestones[1].due, None);
    // m offers the open one due first.
    h.keys("m");
    let screen = h.screen();
    assert!(screen.contains("Milestone of priority 1 done"), "{screen}");
    h.keys("<enter>");
    let ms = &h.state.data().priorities[0].milestones;
    assert_eq!(ms[0].done, Some(now().date()));
    assert_eq!(ms[1].done, None);
    assert_eq!(message(&h), "milestone “Spec signed” done");
    // Undo takes it back like any change.
    h.keys("u");
    assert_eq!(h.state.data().priorities[0].milestones[0].done, None);
}

#[test]
fn a_bad_milestone_keeps_the_form_open_with_the_reason() {
    let mut h = one(120, 35);
    h.keys("MSpec<tab>someday<enter>");
    let Mode::Form(f) = &h.state.mode else {
        panic!("the form closed: {:?}", h.state.mode);
    };
    assert!(f.fields[1].error.is_some());
    assert!(h.state.data().priorities[0].milestones.is_empty());
    h.keys("<esc>M<enter>");
    assert!(
        matches!(h.state.mode, Mode::Form(_)),
        "an empty title is refused"
    );
    h.keys("<esc>m");
    assert_eq!(message(&h), "no open milestone here — M adds one");
}

#[test]
fn milestones_can_be_added_from_the_details_over_the_roadmap() {
    let mut h = one(200, 50);
    h.keys("w<enter>");
    assert!(matches!(h.state.mode, Mode::Detail));
    h.keys("MBeta<tab>fri<enter>");
    assert_eq!(h.state.data().priorities[0].milestones.len(), 1);
    assert!(h.screen().contains('●'), "on the roadmap at once");
}

#[test]
fn help_lists_the_milestone_keys() {
    let mut h = one(200, 50);
    h.keys("?");
    let screen = h.screen();
    assert!(screen.contains("add a milestone"), "{screen}");
    assert!(screen.contains("mark a milestone done"), "{screen}");
}

#[test]
fn r_records_key_result_readings_and_refuses_an_unknown_name() {
    let with_kr = format!(
        "{ONE}\n[[priorities.key_results]]\nid = 1\nuid = \"K1\"\nname = \"p95\"\nunit = \"ms\"\nbaseline = 400.0\ntarget = 200.0\n"
    );
    let mut h = Harness::from_toml(&with_kr, 120, 35, crate::harness::rules());
    // The form offers `p95=`; the value typed after it is the reading.
    h.keys("R310<tab>cache warmed<enter>");
    let p = &h.state.data().priorities[0];
    assert_eq!(p.key_results[0].readings.len(), 1, "{:?}", h.state.mode);
    assert_eq!(p.key_results[0].readings[0].value, 310.0);
    assert!(
        p.updates.iter().any(|u| u.note.contains("cache warmed")),
        "{:?}",
        p.updates
    );
    // A name the outcome has no key result for keeps the form open, with why.
    h.keys("R<bs><bs><bs><bs>nope=1<enter>");
    assert!(matches!(h.state.mode, Mode::Form(_)), "{}", message(&h));
    assert_eq!(
        h.state.data().priorities[0].key_results[0].readings.len(),
        1
    );
    h.keys("<esc>");
    // Without key results, R says how to add one.
    let mut plain = one(120, 35);
    plain.keys("R");
    assert!(
        message(&plain).contains("no key results here yet"),
        "{}",
        message(&plain)
    );
}
