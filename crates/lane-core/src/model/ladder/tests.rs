use chrono::{NaiveDate, NaiveDateTime};

use super::*;
use crate::model::{Extra, Tried};

/// Monday 23 November 2026 at `hm`, or another day with `d`.
fn at(day: &str, hm: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(&format!("{day} {hm}"), "%Y-%m-%d %H:%M").unwrap()
}

fn blocker(opened: NaiveDateTime) -> Blocker {
    Blocker {
        id: 1,
        uid: String::new(),
        title: "staging DB access".into(),
        priority: None,
        waiting_on: "ops".into(),
        links: Vec::new(),
        opened: Some(opened),
        tried: Vec::new(),
        follow_up: None,
        escalated_to: String::new(),
        escalated_at: None,
        skipped: Vec::new(),
        status: BlockerStatus::Open,
        resolution: String::new(),
        resolved_at: None,
        extra: Extra::new(),
    }
}

fn tried(b: &mut Blocker, rung: Rung, when: NaiveDateTime) {
    b.tried.push(Tried {
        rung,
        at: when,
        note: String::new(),
        extra: Extra::new(),
    });
}

#[test]
fn the_next_rung_climbs_the_ladder() {
    let mut b = blocker(at("2026-11-23", "09:00"));
    assert_eq!(next_rung(&b), Next::Try(Rung::Docs));
    tried(&mut b, Rung::Docs, at("2026-11-23", "10:00"));
    assert_eq!(next_rung(&b), Next::Try(Rung::Search));
    // Rungs may be taken out of order: the first untried one is next.
    tried(&mut b, Rung::Peer, at("2026-11-23", "11:00"));
    assert_eq!(next_rung(&b), Next::Try(Rung::Search));
    tried(&mut b, Rung::Search, at("2026-11-23", "12:00"));
    assert_eq!(next_rung(&b), Next::Escalate);
    assert_eq!(next_rung(&b).name(), "escalate");
    b.status = BlockerStatus::Escalated;
    assert_eq!(next_rung(&b).name(), "follow_up");
    b.status = BlockerStatus::Resolved;
    assert_eq!(next_rung(&b).name(), "none");
}

#[test]
fn age_counts_working_hours_only() {
    let hours = WorkingHours::default(); // Mon–Fri 09:00–17:30
    // Same day.
    assert_eq!(
        working_minutes(&hours, at("2026-11-23", "09:00"), at("2026-11-23", "13:00")),
        240
    );
    // Before hours and overnight do not count.
    assert_eq!(
        working_minutes(&hours, at("2026-11-23", "07:00"), at("2026-11-23", "09:30")),
        30
    );
    assert_eq!(
        working_minutes(&hours, at("2026-11-23", "17:00"), at("2026-11-24", "09:30")),
        60
    );
    // Friday afternoon to Monday morning: the weekend does not count.
    assert_eq!(
        working_minutes(&hours, at("2026-11-20", "16:30"), at("2026-11-23", "10:00")),
        120
    );
    // A whole working week.
    assert_eq!(
        working_minutes(&hours, at("2026-11-23", "00:00"), at("2026-11-30", "00:00")),
        5 * 510
    );
    assert_eq!(
        working_minutes(&hours, at("2026-11-23", "12:00"), at("2026-11-23", "11:00")),
        0
    );
    let b = blocker(at("2026-11-20", "16:30"));
    assert_eq!(age_hours(&b, &hours, at("2026-11-23", "10:00")), 2.0);
    // Resolved, its age stops at the resolution, however much later it is read.
    let mut done = b.clone();
    done.status = BlockerStatus::Resolved;
    done.resolved_at = Some(at("2026-11-23", "10:00"));
    assert_eq!(age_hours(&done, &hours, at("2026-12-23", "10:00")), 2.0);
    // Resolved before the day was recorded: its last move stands in.
    done.resolved_at = None;
    assert_eq!(age_hours(&done, &hours, at("2026-12-23", "10:00")), 0.0);
}

#[test]
fn past_its_time_box_an_open_blocker_is_stuck() {
    let rules = Rules::default(); // 4 working hours
    let mut b = blocker(at("2026-11-23", "09:00"));
    assert!(!is_stuck(&b, &rules, at("2026-11-23", "12:59")));
    assert!(is_stuck(&b, &rules, at("2026-11-23", "13:00")));
    assert_eq!(flags(&b, &rules, at("2026-11-23", "13:00")), vec!["stuck"]);
    // Taking a rung restarts the clock.
    tried(&mut b, Rung::Docs, at("2026-11-23", "15:00"));
    assert!(!is_stuck(&b, &rules, at("2026-11-23", "17:30")));
    // Overnight is not time-box time.
    assert!(!is_stuck(&b, &rules, at("2026-11-24", "09:15")));
    assert!(is_stuck(&b, &rules, at("2026-11-24", "10:30")));
    // Escalated blockers wait for their follow-up instead.
    b.status = BlockerStatus::Escalated;
    assert!(!is_stuck(&b, &rules, at("2026-11-30", "10:00")));
}

#[test]
fn follow_ups_fall_due_on_their_day() {
    let mut b = blocker(at("2026-11-23", "09:00"));
    b.follow_up = NaiveDate::from_ymd_opt(2026, 11, 25);
    let day = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
    assert!(!follow_up_due(&b, day("2026-11-24")));
    assert!(follow_up_due(&b, day("2026-11-25")));
    assert!(follow_up_due(&b, day("2026-11-26")), "still due until done");
    b.status = BlockerStatus::Resolved;
    assert!(!follow_up_due(&b, day("2026-11-26")));
}
