//! The last days at a glance, for the Review tab's charts: planned against
//! worked minutes, deep work, and how many items were silent or stuck.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::day::{deep_minutes, deep_worked_minutes, planned_minutes, worked_minutes};
use super::ladder::is_stuck;
use super::limits::shift_days;
use super::rank::is_silent;
use super::rules::Rules;
use super::{BlockerStatus, Data};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayStat {
    pub date: NaiveDate,
    pub planned: i64,
    pub worked: i64,
    /// Deep work planned, and worked (what counts towards the goal).
    pub deep_planned: i64,
    pub deep_worked: i64,
    /// Silent priorities and stuck blockers at the end of that day.
    pub silent_or_stuck: u64,
}

/// One entry per working day among the `days` days up to `today`, oldest first.
/// Silence and stuckness are judged as of each day from what the items hold now
/// (a resolved blocker counts nowhere: the file does not say when it was resolved).
pub fn last_days(
    data: &Data,
    rules: &Rules,
    today: NaiveDate,
    days: i64,
    now: NaiveDateTime,
) -> Vec<DayStat> {
    (0..days)
        .rev()
        .map(|n| shift_days(today, -n))
        .filter(|d| rules.hours.on(*d).is_some())
        .map(|date| {
            let end_of_day = rules.hours.on(date).map_or(NaiveTime::MIN, |(_, end)| end);
            let at = if date == today {
                now
            } else {
                date.and_time(end_of_day)
            };
            let silent = data
                .priorities
                .iter()
                .filter(|p| p.created.is_some_and(|c| c <= date) && is_silent(p, rules, date))
                .count();
            let stuck = data
                .blockers
                .iter()
                .filter(|b| {
                    b.status != BlockerStatus::Resolved
                        && b.opened.is_some_and(|o| o <= at)
                        && is_stuck(b, rules, at)
                })
                .count();
            DayStat {
                date,
                planned: planned_minutes(data, date),
                worked: worked_minutes(data, date, now),
                deep_planned: deep_minutes(data, date),
                deep_worked: deep_worked_minutes(data, date, now),
                silent_or_stuck: (silent + stuck) as u64,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_util::block;
    use crate::model::{BlockKind, BlockResult};

    #[test]
    fn working_days_only_with_planned_worked_and_deep() {
        let mut worked = block(20, "2026-11-20", "09:00", "11:00", BlockKind::Deep);
        worked.result = Some(BlockResult::Worked);
        // Skipped after a timer ran: planned, but not worked.
        let mut skipped = block(21, "2026-11-20", "13:00", "14:30", BlockKind::Deep);
        skipped.actual_start = NaiveDate::from_ymd_opt(2026, 11, 20)
            .unwrap()
            .and_hms_opt(13, 0, 0)
            .map(crate::model::Stamp::from);
        skipped.actual_end = skipped
            .actual_start
            .map(|s| (s.wall + chrono::Duration::minutes(20)).into());
        skipped.result = Some(BlockResult::Skipped);
        let untouched = block(23, "2026-11-23", "09:00", "11:00", BlockKind::Deep);
        let day = |d: u32| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        let t = |h: u32| NaiveTime::from_hms_opt(h, 0, 0).unwrap();
        let data = Data {
            blocks: vec![worked, skipped, untouched],
            ..Data::default()
        };
        let rules = Rules::default();
        let now = day(23).and_time(t(12));
        let stats = last_days(&data, &rules, day(23), 4, now);
        // Fri 20, (weekend skipped), Mon 23.
        assert_eq!(
            stats.iter().map(|s| s.date).collect::<Vec<_>>(),
            [day(20), day(23)]
        );
        let s = stats[0];
        assert_eq!(
            (s.planned, s.worked, s.deep_planned, s.deep_worked),
            (210, 120, 210, 120)
        );
        let s = stats[1];
        assert_eq!(
            (s.planned, s.worked, s.deep_planned, s.deep_worked),
            (120, 0, 120, 0)
        );
    }
}
