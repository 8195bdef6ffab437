//! The roadmap: weeks across, outcomes down. Which week each milestone and due
//! date falls in, and what a week's cell says about them, decided once here so
//! the screen only draws it.

use chrono::{Datelike, NaiveDate};

use super::Priority;
use super::day::week_start;
use super::limits::shift_days;

/// The most weeks a roadmap shows: this week and the next 12 (a quarter ahead).
pub const MAX_WEEKS: usize = 13;

/// The Monday of this week and of each following week, `n` in all (at most `MAX_WEEKS`).
pub fn weeks(today: NaiveDate, n: usize) -> Vec<NaiveDate> {
    let first = week_start(today);
    (0..n.min(MAX_WEEKS) as i64)
        .map(|i| shift_days(first, i * 7))
        .collect()
}

/// One milestone on the roadmap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Delivered.
    Done,
    /// Due, still ahead.
    Open,
    /// Past its due date and not delivered.
    Overdue,
}

/// What one outcome shows in one week.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cell {
    /// Its milestones in this week, in due order, each with its day (0 Monday to
    /// 6 Sunday; 0 for one carried over from an earlier week).
    pub marks: Vec<(Mark, u32)>,
    /// The outcome is due this week.
    pub due: bool,
    /// The outcome is still running this week (before or in its due week).
    pub running: bool,
    /// The first week only: the open outcome's due date passed before it, so
    /// the due mark would be off the roadmap.
    pub late: bool,
}

/// The cells of outcome `p` for `weeks` (Mondays, as from `weeks`). An open
/// milestone overdue from before the first week shows in the first week: it is
/// still owed now, and a roadmap that hid it would look on track.
pub fn row(p: &Priority, weeks: &[NaiveDate], today: NaiveDate) -> Vec<Cell> {
    let mut cells = vec![Cell::default(); weeks.len()];
    let Some(&first) = weeks.first() else {
        return cells;
    };
    let week_of = |d: NaiveDate| {
        let start = week_start(d);
        weeks.iter().position(|w| *w == start)
    };
    let mut milestones: Vec<_> = p.milestones.iter().filter(|m| m.due.is_some()).collect();
    milestones.sort_by_key(|m| (m.due, m.id));
    for m in milestones {
        let Some(due) = m.due else { continue };
        let mark = match m.done {
            Some(_) => Mark::Done,
            None if due < today => Mark::Overdue,
            None => Mark::Open,
        };
        let day = due.weekday().num_days_from_monday();
        let at = match week_of(due) {
            Some(i) => Some((i, day)),
            None if mark == Mark::Overdue && due < first => Some((0, 0)),
            None => None,
        };
        if let Some((i, day)) = at {
            cells[i].marks.push((mark, day));
        }
    }
    let due_week = p.due.map(week_start);
    cells[0].late = overdue(p, today) && p.due.is_some_and(|d| d < first);
    for (cell, week) in cells.iter_mut().zip(weeks) {
        cell.due = due_week == Some(*week);
        cell.running = !p.status.is_closed() && due_week.is_some_and(|d| *week <= d);
    }
    cells
}

/// True when the outcome is open and its due date has passed.
pub fn overdue(p: &Priority, today: NaiveDate) -> bool {
    !p.status.is_closed() && p.due.is_some_and(|d| d < today)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::outcomes::Milestone;
    use crate::model::test_util::add;
    use crate::model::{Data, Extra, Kind, PriorityStatus};

    /// An active outcome due on `due`.
    fn outcome(due: &str) -> Priority {
        let mut data = Data::default();
        add(&mut data, Kind::Priority, &[("title", "t"), ("due", due)]).unwrap();
        data.priorities.remove(0)
    }

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    fn milestone(id: u32, due: NaiveDate, done: Option<NaiveDate>) -> Milestone {
        Milestone {
            id,
            uid: String::new(),
            title: format!("m{id}"),
            due: Some(due),
            done,
            note: String::new(),
            extra: Extra::new(),
        }
    }

    #[test]
    fn weeks_start_on_monday_and_stop_at_a_quarter() {
        let w = weeks(day(11, 25), 99);
        assert_eq!(w.len(), MAX_WEEKS);
        assert_eq!(w[0], day(11, 23));
        assert_eq!(w[1], day(11, 30));
        assert!(weeks(day(11, 25), 0).is_empty());
    }

    #[test]
    fn milestones_land_on_their_weeks_and_old_debts_on_this_one() {
        let today = day(11, 25);
        let mut p = outcome("2026-12-09");
        p.milestones = vec![
            milestone(1, day(11, 10), None),
            milestone(2, day(11, 24), Some(day(11, 24))),
            milestone(3, day(12, 2), None),
            milestone(4, day(11, 3), Some(day(11, 3))),
        ];
        let cells = row(&p, &weeks(today, 4), today);
        assert_eq!(cells[0].marks, vec![(Mark::Overdue, 0), (Mark::Done, 1)]);
        assert_eq!(cells[1].marks, vec![(Mark::Open, 2)]);
        assert!(cells[2].due && cells[2].running);
        assert!(!cells[3].running && !cells[3].due);
    }

    #[test]
    fn a_closed_outcome_is_not_running_nor_overdue() {
        let today = day(11, 25);
        let mut p = outcome("2026-11-02");
        p.status = PriorityStatus::Done;
        assert!(!overdue(&p, today));
        assert!(
            row(&p, &weeks(today, 2), today)
                .iter()
                .all(|c| !c.running && !c.late)
        );
        let open = outcome("2026-11-02");
        assert!(overdue(&open, today));
        assert!(row(&open, &weeks(today, 2), today)[0].late);
    }
}
