//! Checkpoints: an open milestone due within `checkpoint_days` working days is
//! the moment to say where it stands before anyone asks. The morning plan lists
//! them; the weekly update says which milestones were hit or missed. The rules
//! for both live here, once.

use chrono::NaiveDate;

use super::outcomes::Milestone;
use super::rank::working_days_between;
use super::rules::Rules;
use super::{Data, Priority};

/// Open, and due from today up to `checkpoint_days` working days ahead.
pub fn is_checkpoint(m: &Milestone, rules: &Rules, today: NaiveDate) -> bool {
    m.done.is_none()
        && m.due.is_some_and(|due| {
            due >= today && working_days_between(&rules.hours, today, due) <= rules.checkpoint_days
        })
}

/// The checkpoints of an open outcome, due first.
pub fn of<'a>(p: &'a Priority, rules: &Rules, today: NaiveDate) -> Vec<&'a Milestone> {
    if p.status.is_closed() {
        return Vec::new();
    }
    let mut out: Vec<&Milestone> = p
        .milestones
        .iter()
        .filter(|m| is_checkpoint(m, rules, today))
        .collect();
    out.sort_by_key(|m| (m.due, m.id));
    out
}

/// The outcomes with a checkpoint, the nearest checkpoint first.
pub fn outcomes(data: &Data, rules: &Rules, today: NaiveDate) -> Vec<u32> {
    let mut found: Vec<(NaiveDate, u32)> = data
        .priorities
        .iter()
        .filter_map(|p| {
            let first = of(p, rules, today).first()?.due?;
            Some((first, p.id))
        })
        .collect();
    found.sort();
    found.into_iter().map(|(_, id)| id).collect()
}

/// How a milestone came out in a period that ends `until`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Delivered in the period, on this day (late when after `due`).
    Hit {
        done: NaiveDate,
        due: Option<NaiveDate>,
    },
    /// Due in the period, before its last day, and not delivered by then. A
    /// milestone due on the last day still has that day.
    Missed { due: NaiveDate },
}

/// Whether milestone `m` was hit or missed from `since` to `until`, if either.
pub fn outcome(m: &Milestone, since: NaiveDate, until: NaiveDate) -> Option<Outcome> {
    let inside = |d: NaiveDate| since <= d && d <= until;
    match (m.done, m.due) {
        (Some(done), due) if inside(done) => Some(Outcome::Hit { done, due }),
        (done, Some(due)) if inside(due) && due < until && done.is_none_or(|d| d > due) => {
            Some(Outcome::Missed { due })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_util::{add, day};
    use crate::model::{Extra, Kind, PriorityStatus};

    fn milestone(id: u32, due: &str, done: Option<&str>) -> Milestone {
        Milestone {
            id,
            uid: String::new(),
            title: format!("m{id}"),
            due: Some(day(due)),
            done: done.map(day),
            note: String::new(),
            extra: Extra::new(),
        }
    }

    #[test]
    fn a_checkpoint_is_an_open_milestone_due_within_the_working_days() {
        let rules = Rules::default();
        // Friday 27 November 2026: two working days reach Tuesday.
        let friday = day("2026-11-27");
        assert!(is_checkpoint(
            &milestone(1, "2026-11-27", None),
            &rules,
            friday
        ));
        assert!(is_checkpoint(
            &milestone(1, "2026-12-01", None),
            &rules,
            friday
        ));
        assert!(!is_checkpoint(
            &milestone(1, "2026-12-02", None),
            &rules,
            friday
        ));
        assert!(
            !is_checkpoint(&milestone(1, "2026-11-26", None), &rules, friday),
            "overdue is not a checkpoint"
        );
        assert!(!is_checkpoint(
            &milestone(1, "2026-11-30", Some("2026-11-26")),
            &rules,
            friday
        ));
        let none = Rules {
            checkpoint_days: 0,
            ..Rules::default()
        };
        assert!(is_checkpoint(
            &milestone(1, "2026-11-27", None),
            &none,
            friday
        ));
        assert!(!is_checkpoint(
            &milestone(1, "2026-11-30", None),
            &none,
            friday
        ));
    }

    #[test]
    fn outcomes_with_checkpoints_come_nearest_first_and_closed_ones_never() {
        let rules = Rules::default();
        let mut data = Data::default();
        for title in ["a", "b", "c"] {
            add(&mut data, Kind::Priority, &[("title", title)]).unwrap();
        }
        data.priorities[0].milestones = vec![milestone(1, "2026-11-25", None)];
        data.priorities[1].milestones = vec![milestone(1, "2026-11-24", None)];
        data.priorities[2].milestones = vec![milestone(1, "2026-11-24", None)];
        data.priorities[2].status = PriorityStatus::Done;
        let ids = |d: &Data| outcomes(d, &rules, day("2026-11-23"));
        assert_eq!(ids(&data), [data.priorities[1].id, data.priorities[0].id]);
    }

    #[test]
    fn hit_or_missed_in_a_week() {
        let (mon, sun) = (day("2026-11-23"), day("2026-11-29"));
        let on_time = milestone(1, "2026-11-25", Some("2026-11-24"));
        assert!(matches!(
            outcome(&on_time, mon, sun),
            Some(Outcome::Hit { .. })
        ));
        let late = milestone(1, "2026-11-20", Some("2026-11-24"));
        assert!(matches!(
            outcome(&late, mon, sun),
            Some(Outcome::Hit { .. })
        ));
        let missed = milestone(1, "2026-11-25", None);
        assert_eq!(
            outcome(&missed, mon, sun),
            Some(Outcome::Missed {
                due: day("2026-11-25")
            })
        );
        let done_after = milestone(1, "2026-11-25", Some("2026-12-01"));
        assert!(matches!(
            outcome(&done_after, mon, sun),
            Some(Outcome::Missed { .. })
        ));
        // Due on the report's last day: it still has the day.
        assert_eq!(outcome(&milestone(1, "2026-11-29", None), mon, sun), None);
        assert_eq!(
            outcome(&milestone(1, "2026-11-20", None), mon, sun),
            None,
            "last week's"
        );
    }
}
