//! Which items a list shows, and in what order: rank or manual order, closed items
//! hidden unless asked for, and a text filter.

use chrono::NaiveDate;

use super::outcomes::quarter;
use super::rank::ranked;
use super::{Data, Kind};

/// How one tab's list is narrowed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ViewOpts {
    /// Case-insensitive text; empty shows everything.
    pub filter: String,
    /// Show done and dropped items too.
    pub show_closed: bool,
    /// Time blocks: only this day's, in time order.
    pub day: Option<NaiveDate>,
    /// Priorities: in sections by quarter (in quarter order, "no quarter" last),
    /// each section in the list's own order.
    pub quarters: bool,
}

/// Does `needle` (already lowercase) occur in any of these texts?
fn matches<'a>(needle: &str, texts: impl IntoIterator<Item = &'a str>) -> bool {
    texts.into_iter().any(|t| t.to_lowercase().contains(needle))
}

/// Whether the item at `index` matches the filter text.
pub fn item_matches(data: &Data, kind: Kind, index: usize, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    match kind {
        Kind::Priority => data.priorities.get(index).is_some_and(|p| {
            matches(
                needle,
                [p.title.as_str(), p.outcome.as_str(), p.measure.as_str()]
                    .into_iter()
                    .chain(p.updates.iter().map(|u| u.note.as_str())),
            )
        }),
        Kind::Block => data
            .blocks
            .get(index)
            .is_some_and(|b| matches(needle, [b.title.as_str(), b.kind.name()])),
        Kind::Blocker => data.blockers.get(index).is_some_and(|b| {
            matches(
                needle,
                [
                    b.title.as_str(),
                    b.waiting_on.as_str(),
                    b.resolution.as_str(),
                ]
                .into_iter()
                .chain(b.tried.iter().map(|t| t.note.as_str())),
            )
        }),
        Kind::Decision => data.decisions.get(index).is_some_and(|d| {
            matches(
                needle,
                [d.situation.as_str(), d.call.as_str(), d.rationale.as_str()],
            )
        }),
        Kind::Review => data.reviews.get(index).is_some_and(|r| {
            matches(
                needle,
                [r.wins.as_str(), r.carry_over.as_str(), r.notes.as_str()],
            )
        }),
    }
}

/// The indices into `kind`'s list that the tab shows, in display order.
pub fn visible(
    data: &Data,
    kind: Kind,
    opts: &ViewOpts,
    rank_order: bool,
    today: NaiveDate,
) -> Vec<usize> {
    let needle = opts.filter.trim().to_lowercase();
    let order: Vec<usize> = match (kind, opts.day) {
        (Kind::Priority, _) if rank_order => ranked(&data.priorities, today),
        (Kind::Block, Some(day)) => {
            let mut on_day: Vec<usize> = (0..data.blocks.len())
                .filter(|&i| data.blocks[i].date == day)
                .collect();
            on_day.sort_by_key(|&i| data.blocks[i].start);
            on_day
        }
        _ => (0..data.list(kind).len()).collect(),
    };
    // Closed items leave the list; a filter searches them too, so past outcomes and
    // resolved blockers ("past examples") can be found.
    let hide_closed = matches!(kind, Kind::Priority | Kind::Blocker | Kind::Decision)
        && !opts.show_closed
        && needle.is_empty();
    let mut shown: Vec<usize> = order
        .into_iter()
        .filter(|&i| !(hide_closed && data.list(kind).done_at(i) == Some(true)))
        .filter(|&i| item_matches(data, kind, i, &needle))
        .collect();
    if kind == Kind::Priority && opts.quarters {
        // A stable sort keeps the rank (or own) order inside each quarter.
        shown.sort_by_cached_key(|&i| {
            let q = quarter(&data.priorities[i]);
            (q.is_none(), q)
        });
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::form::{Ctx, initial_values, save};
    use crate::model::{PriorityStatus, WorkingHours};

    fn data() -> Data {
        let mut data = Data::default();
        let now = NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(8, 0, 0)
            .unwrap();
        let hours = WorkingHours::default();
        for (title, impact) in [
            ("low one", "low"),
            ("billing", "high"),
            ("hiring", "medium"),
        ] {
            let v = initial_values(&data, Kind::Priority, None, now.date())
                .with("title", title)
                .with("impact", impact);
            save(
                &mut data,
                Kind::Priority,
                None,
                &v,
                Ctx {
                    now,
                    hours: &hours,
                    boundaries: &crate::model::triage::Boundaries::default(),
                    uid: "u".into(),
                },
            )
            .unwrap();
        }
        data
    }

    #[test]
    fn rank_order_manual_order_closed_and_filter() {
        let mut d = data();
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let all = ViewOpts::default();
        assert_eq!(
            visible(&d, Kind::Priority, &all, true, today),
            vec![1, 2, 0]
        );
        assert_eq!(
            visible(&d, Kind::Priority, &all, false, today),
            vec![0, 1, 2]
        );
        d.priorities[1].status = PriorityStatus::Dropped;
        assert_eq!(visible(&d, Kind::Priority, &all, true, today), vec![2, 0]);
        let closed = ViewOpts {
            show_closed: true,
            ..ViewOpts::default()
        };
        assert_eq!(
            visible(&d, Kind::Priority, &closed, true, today),
            vec![1, 2, 0]
        );
        let filtered = ViewOpts {
            filter: "BILL".into(),
            ..ViewOpts::default()
        };
        assert_eq!(
            visible(&d, Kind::Priority, &filtered, true, today),
            vec![1],
            "finds closed"
        );
        let none = ViewOpts {
            filter: "zzz".into(),
            ..ViewOpts::default()
        };
        assert!(visible(&d, Kind::Priority, &none, true, today).is_empty());
    }

    #[test]
    fn sections_by_quarter_keep_the_rank_inside_and_no_quarter_last() {
        let mut d = data();
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let ranked = visible(&d, Kind::Priority, &ViewOpts::default(), true, today);
        assert_eq!(ranked, vec![1, 2, 0]);
        d.priorities[0].quarter = Some("2026-Q4".into());
        d.priorities[2].quarter = Some("2026-Q4".into());
        d.priorities[1].due = NaiveDate::from_ymd_opt(2027, 2, 1);
        let opts = ViewOpts {
            quarters: true,
            ..ViewOpts::default()
        };
        let grouped = visible(&d, Kind::Priority, &opts, true, today);
        let quarters: Vec<Option<String>> =
            grouped.iter().map(|&i| quarter(&d.priorities[i])).collect();
        assert_eq!(
            quarters,
            vec![
                Some("2026-Q4".into()),
                Some("2026-Q4".into()),
                Some("2027-Q1".into())
            ]
        );
        d.priorities[1].due = None;
        let grouped = visible(&d, Kind::Priority, &opts, true, today);
        assert_eq!(*grouped.last().unwrap(), 1, "no quarter comes last");
    }
}
