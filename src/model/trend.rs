//! The last days at a glance, for the Review tab's charts: planned against
//! worked minutes, deep work, and how many items were silent or stuck.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::day::{deep_minutes, planned_minutes};
use super::ladder::is_stuck;
use super::limits::shift_days;
use super::rank::{Rules, is_silent};
use super::ritual::worked_minutes;
use super::{BlockerStatus, Data};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayStat {
    pub date: NaiveDate,
    pub planned: i64,
    pub worked: i64,
    pub deep: i64,
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
                deep: deep_minutes(data, date),
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
        let untouched = block(23, "2026-11-23", "09:00", "11:00", BlockKind::Deep);
        let day = |d: u32| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        let t = |h: u32| NaiveTime::from_hms_opt(h, 0, 0).unwrap();
        let data = Data {
            blocks: vec![worked, untouched],
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
        assert_eq!(
            (stats[0].planned, stats[0].worked, stats[0].deep),
            (120, 120, 120)
        );
        assert_eq!((stats[1].planned, stats[1].worked), (120, 0));
    }
}
