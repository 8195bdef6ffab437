use chrono::NaiveDate;

use super::*;
use crate::model::{Extra, PriorityStatus, Update};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

// Monday.
const TODAY: &str = "2026-11-23";

fn p(impact: Level, urgency: Level, due: Option<&str>) -> Priority {
    Priority {
        id: 1,
        uid: String::new(),
        title: "x".into(),
        outcome: String::new(),
        measure: String::new(),
        due: due.map(d),
        impact,
        urgency,
        status: PriorityStatus::Active,
        focus: false,
        progress: None,
        created: Some(d("2026-11-20")),
        updates: Vec::new(),
        closed: None,
        extra: Extra::new(),
        ..Priority::default()
    }
}

#[test]
fn score_is_impact_times_urgency() {
    let today = d(TODAY);
    assert_eq!(rank(&p(Level::High, Level::High, None), today).score, 9);
    assert_eq!(rank(&p(Level::High, Level::Low, None), today).score, 3);
    assert_eq!(rank(&p(Level::Medium, Level::Medium, None), today).score, 4);
    assert_eq!(rank(&p(Level::Low, Level::Low, None), today).score, 1);
    let r = rank(&p(Level::High, Level::Low, None), today);
    assert_eq!(r.reason, "high impact · low urgency");
}

#[test]
fn urgency_rises_as_the_due_date_nears() {
    let today = d(TODAY);
    let low = |due| rank(&p(Level::Medium, Level::Low, Some(due)), today);
    assert_eq!(low("2026-12-20").score, 2, "far away: as stated");
    assert_eq!(low("2026-11-30").score, 4, "within a week: at least medium");
    assert_eq!(low("2026-11-25").score, 6, "within 2 days: high");
    assert_eq!(low("2026-11-25").reason, "medium impact · due in 2 days");
    assert_eq!(low("2026-11-23").reason, "medium impact · due today");
    assert_eq!(low("2026-11-24").reason, "medium impact · due in 1 day");
    // Stated high urgency is never lowered by a far due date.
    assert_eq!(
        rank(&p(Level::Low, Level::High, Some("2027-06-01")), today).score,
        3
    );
}

#[test]
fn overdue_ranks_above_everything_of_equal_impact() {
    let today = d(TODAY);
    let overdue = rank(&p(Level::Medium, Level::Low, Some("2026-11-20")), today);
    let urgent = rank(&p(Level::Medium, Level::High, Some("2026-11-24")), today);
    assert!(overdue.overdue);
    assert!(overdue.score > urgent.score);
    assert_eq!(overdue.reason, "medium impact · overdue by 3 days");
    // …but not above a higher impact at its most urgent.
    let high = rank(&p(Level::High, Level::High, None), today);
    assert!(high.score > overdue.score);
    // A closed priority is not overdue.
    let mut done = p(Level::Medium, Level::Low, Some("2026-11-20"));
    done.status = PriorityStatus::Done;
    assert!(!rank(&done, today).overdue);
}

#[test]
fn ranked_sorts_by_score_with_manual_order_breaking_ties() {
    let today = d(TODAY);
    let list = vec![
        p(Level::Low, Level::Low, None),     // 1
        p(Level::High, Level::Medium, None), // 6
        p(Level::Medium, Level::High, None), // 6
        p(Level::High, Level::High, None),   // 9
    ];
    assert_eq!(ranked(&list, today), vec![3, 1, 2, 0]);
}

#[test]
fn weekends_do_not_count_towards_silence() {
    let hours = WorkingHours::default();
    // Friday → Monday: one working day.
    assert_eq!(
        working_days_between(&hours, d("2026-11-20"), d("2026-11-23")),
        1
    );
    assert_eq!(
        working_days_between(&hours, d("2026-11-20"), d("2026-11-25")),
        3
    );
    assert_eq!(
        working_days_between(&hours, d("2026-11-23"), d("2026-11-23")),
        0
    );
    let rules = Rules::default();
    let mut x = p(Level::High, Level::High, None);
    x.created = Some(d("2026-11-20")); // a Friday
    assert!(
        !is_silent(&x, &rules, d("2026-11-24")),
        "Mon, Tue: 2 working days"
    );
    assert!(is_silent(&x, &rules, d("2026-11-25")), "Mon, Tue, Wed: 3");
    // An update resets the clock.
    x.updates.push(Update {
        date: d("2026-11-24"),
        note: "moved".into(),
        extra: Extra::new(),
    });
    assert!(!is_silent(&x, &rules, d("2026-11-25")));
    assert_eq!(last_heard(&x), Some(d("2026-11-24")));
}

#[test]
fn only_active_priorities_go_silent() {
    let rules = Rules::default();
    let mut x = p(Level::High, Level::High, None);
    x.created = Some(d("2026-11-01"));
    assert!(is_silent(&x, &rules, d(TODAY)));
    for status in [
        PriorityStatus::Paused,
        PriorityStatus::Done,
        PriorityStatus::Dropped,
    ] {
        x.status = status;
        assert!(!is_silent(&x, &rules, d(TODAY)), "{status:?}");
    }
}

#[test]
fn flags_list_focus_overdue_and_silent() {
    let rules = Rules::default();
    let mut x = p(Level::High, Level::High, Some("2026-11-01"));
    x.focus = true;
    x.created = Some(d("2026-10-01"));
    assert_eq!(
        flags(&x, &rules, d(TODAY)),
        vec!["focus", "overdue", "silent", "unagreed"]
    );
    x.agreed_with = "Dana".into();
    assert_eq!(
        flags(&x, &rules, d(TODAY)),
        vec!["focus", "overdue", "silent"]
    );
}

#[test]
fn focus_counts_only_open_priorities() {
    let mut list = vec![p(Level::High, Level::High, None); 4];
    for x in list.iter_mut() {
        x.focus = true;
    }
    list[3].status = PriorityStatus::Done;
    assert_eq!(focus_count(&list), 3);
}

#[test]
fn the_rank_says_which_urgency_it_counted_and_whether_the_due_date_raised_it() {
    let today = d(TODAY);
    let r = |urgency, due| rank(&p(Level::High, urgency, due), today);
    let counted = |r: Rank| (r.urgency, r.raised);
    assert_eq!(counted(r(Level::Low, None)), (Some(Level::Low), false));
    assert_eq!(
        counted(r(Level::Low, Some("2026-12-20"))),
        (Some(Level::Low), false)
    );
    assert_eq!(
        counted(r(Level::Low, Some("2026-11-30"))),
        (Some(Level::Medium), true)
    );
    assert_eq!(
        counted(r(Level::Medium, Some("2026-11-25"))),
        (Some(Level::High), true)
    );
    // Already as urgent as the date makes it: nothing raised.
    assert_eq!(
        counted(r(Level::High, Some("2026-11-25"))),
        (Some(Level::High), false)
    );
    // Overdue counts above high, always raised.
    assert_eq!(counted(r(Level::High, Some("2026-11-20"))), (None, true));
    // The score is the impact times exactly this urgency.
    let weight = |u: Option<Level>| u.map_or(4, super::weight);
    for (u, due) in [
        (Level::Low, Some("2026-11-30")),
        (Level::Low, Some("2026-11-19")),
        (Level::Medium, None),
    ] {
        let x = r(u, due);
        assert_eq!(x.score, 3 * weight(x.urgency));
    }
}
