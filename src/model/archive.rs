//! What moves out of the live file: items closed (or in the past) for longer than
//! `archive_after_days`. The live file stays small however long lane is used;
//! `archive/YYYY.toml` keeps everything, grouped by the year it closed.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::ladder::last_move;
use super::{BlockerStatus, Data, Entry, Kind};

/// The highest id archived per kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ArchivedIds {
    pub priorities: u32,
    pub blocks: u32,
    pub blockers: u32,
    pub decisions: u32,
    pub reviews: u32,
}

impl ArchivedIds {
    pub fn is_empty(&self) -> bool {
        *self == ArchivedIds::default()
    }

    pub fn get(&self, kind: Kind) -> u32 {
        match kind {
            Kind::Priority => self.priorities,
            Kind::Block => self.blocks,
            Kind::Blocker => self.blockers,
            Kind::Decision => self.decisions,
            Kind::Review => self.reviews,
        }
    }
}

/// The day before which closed items move out: `after_days` (the config's
/// `archive_after_days`) before `today`.
pub fn cutoff(today: NaiveDate, after_days: i64) -> NaiveDate {
    super::limits::shift_days(today, -after_days)
}

/// Splits `data` into what stays live and what is archived, each archived item
/// filed under the year of its last date. Items closed on or after `cutoff` stay.
pub fn split(data: &mut Data, cutoff: NaiveDate) -> BTreeMap<i32, Data> {
    let mut years: BTreeMap<i32, Data> = BTreeMap::new();
    let floors = &mut data.archived_ids;
    macro_rules! move_out {
        ($list:ident, $floor:ident, |$x:ident| $last:expr) => {
            let (old, keep): (Vec<_>, Vec<_>) =
                std::mem::take(&mut data.$list).into_iter().partition(|$x| {
                    let last: Option<NaiveDate> = $last;
                    last.is_some_and(|d| d < cutoff)
                });
            data.$list = keep;
            for item in old {
                let last: Option<NaiveDate> = {
                    let $x = &item;
                    $last
                };
                floors.$floor = floors.$floor.max(item.id);
                let year = last.map_or(0, |d| d.year());
                years.entry(year).or_default().$list.push(item);
            }
        };
    }
    move_out!(priorities, priorities, |p| {
        let last = p.updates.iter().map(|u| u.date).chain(p.created).max();
        if p.is_done() && !p.focus { last } else { None }
    });
    move_out!(
        blocks,
        blocks,
        |b| if b.actual_end.is_some() || b.actual_start.is_none() {
            Some(b.date)
        } else {
            None
        }
    );
    move_out!(
        blockers,
        blockers,
        |b| if b.status == BlockerStatus::Resolved {
            last_move(b).map(|m| m.date())
        } else {
            None
        }
    );
    move_out!(decisions, decisions, |d| if d.done {
        d.date.max(d.review_on)
    } else {
        None
    });
    move_out!(reviews, reviews, |r| Some(r.date));
    years
}

/// Adds `new` to an archive year, skipping items it already holds (a crash between
/// writing the archive and the live file leaves them in both; the next run heals it).
pub fn merge(into: &mut Data, new: Data) {
    macro_rules! add {
        ($list:ident) => {
            for item in new.$list {
                if !into
                    .$list
                    .iter()
                    .any(|x| x.uid == item.uid && x.id == item.id)
                {
                    into.$list.push(item);
                }
            }
        };
    }
    add!(priorities);
    add!(blocks);
    add!(blockers);
    add!(decisions);
    add!(reviews);
}

/// Everything, live and archived, for reports and searches that reach back.
pub fn combine(live: &Data, archived: impl IntoIterator<Item = Data>) -> Data {
    let mut all = Data::default();
    for year in archived {
        merge(&mut all, year);
    }
    merge(&mut all, live.clone());
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::generate;

    #[test]
    fn a_year_leaves_a_small_live_file_and_loses_nothing() {
        let end = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let year = generate(365, 3, end);
        let mut live = year.clone();
        let cutoff = end - chrono::Duration::days(30);
        let archived = split(&mut live, cutoff);
        let moved: usize = archived.values().map(crate::demo::entries).sum();
        assert!(
            crate::demo::entries(&live) * 4 < crate::demo::entries(&year),
            "live stays small"
        );
        assert_eq!(
            moved + crate::demo::entries(&live),
            crate::demo::entries(&year)
        );
        assert!(archived.keys().all(|y| (2025..=2026).contains(y)));
        // Nothing recent or still open moved.
        assert!(
            live.blocks
                .iter()
                .all(|b| b.date >= cutoff || b.actual_end.is_none() && b.actual_start.is_some())
        );
        assert!(
            archived
                .values()
                .all(|d| d.priorities.iter().all(|p| p.is_done()))
        );
        // New ids continue after the archived ones.
        let max_block = year.blocks.iter().map(|b| b.id).max().unwrap();
        assert!(
            live.next_id(Kind::Block) > max_block || live.blocks.iter().any(|b| b.id == max_block)
        );
        // Merging twice adds nothing twice; combining gives everything back.
        let mut again = archived.values().next().unwrap().clone();
        let copy = again.clone();
        merge(&mut again, copy);
        assert_eq!(again, archived.values().next().unwrap().clone());
        let all = combine(&live, archived.into_values());
        assert_eq!(crate::demo::entries(&all), crate::demo::entries(&year));
    }
}
