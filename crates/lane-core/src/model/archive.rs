//! What moves out of the live file: items closed (or in the past) for longer than
//! `archive_after_days`. The live file stays small however long lane is used;
//! `archive/YYYY.toml` keeps everything, grouped by the year it closed.

use std::collections::{BTreeMap, HashMap};

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
    move_out!(priorities, priorities, |p| priority_closed(p));
    move_out!(blocks, blocks, |b| block_over(b));
    move_out!(blockers, blockers, |b| blocker_resolved(b));
    move_out!(decisions, decisions, |d| decision_done(d));
    move_out!(reviews, reviews, |r| Some(r.date));
    years
}

/// Whether anything in `data` is due for the archive at `cutoff`: asked on
/// every write, so nothing is copied when, as on most days, nothing is.
pub fn any_due(data: &Data, cutoff: NaiveDate) -> bool {
    let due = |last: Option<NaiveDate>| last.is_some_and(|d| d < cutoff);
    data.priorities.iter().any(|p| due(priority_closed(p)))
        || data.blocks.iter().any(|b| due(block_over(b)))
        || data.blockers.iter().any(|b| due(blocker_resolved(b)))
        || data.decisions.iter().any(|d| due(decision_done(d)))
        || data.reviews.iter().any(|r| due(Some(r.date)))
}

/// A done priority's latest date (closing is its latest: a priority closed
/// today stays its full time); a live or focused one never goes.
fn priority_closed(p: &super::Priority) -> Option<NaiveDate> {
    let last = p
        .updates
        .iter()
        .map(|u| u.date)
        .chain(p.created)
        .chain(p.closed)
        .max();
    if p.is_done() && !p.focus { last } else { None }
}

/// A block's day, once it is over (stopped, or never started); a running one stays.
fn block_over(b: &super::Block) -> Option<NaiveDate> {
    (b.actual_end.is_some() || b.actual_start.is_none()).then_some(b.date)
}

fn blocker_resolved(b: &super::Blocker) -> Option<NaiveDate> {
    if b.status == BlockerStatus::Resolved {
        last_move(b).map(|m| m.date())
    } else {
        None
    }
}

fn decision_done(d: &super::Decision) -> Option<NaiveDate> {
    if d.done {
        d.date.max(d.review_on)
    } else {
        None
    }
}

/// Adds `new` to an archive year, skipping items it already holds (a crash between
/// writing the archive and the live file leaves them in both; the next run heals it).
pub fn merge(into: &mut Data, new: Data) {
    // A map, not a scan per item: `export json` and `list --all` combine years of
    // items, and a scan made that quadratic. An item held already is replaced by
    // the newer copy: an item archived on one machine while edited on another
    // comes back live, and archiving it again must keep the edit.
    macro_rules! add {
        ($list:ident) => {
            let mut held: HashMap<(String, u32), usize> = into
                .$list
                .iter()
                .enumerate()
                .map(|(i, x)| ((x.uid.clone(), x.id), i))
                .collect();
            for item in new.$list {
                match held.get(&(item.uid.clone(), item.id)) {
                    Some(&i) => into.$list[i] = item,
                    None => {
                        held.insert((item.uid.clone(), item.id), into.$list.len());
                        into.$list.push(item);
                    }
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

/// Ids that two different items share across the live file and the archive years
/// (each checked alone already): `lane check` names them, since opening the
/// archive together with the live file would fail on them.
pub fn clashes(live: &Data, years: &[(String, Data)]) -> Vec<String> {
    let mut out = Vec::new();
    macro_rules! check {
        ($list:ident, $noun:expr) => {
            let mut seen: std::collections::HashMap<u32, (&str, &str)> = live
                .$list
                .iter()
                .map(|x| (x.id, (x.uid.as_str(), "lane.toml")))
                .collect();
            for (name, year) in years {
                for x in &year.$list {
                    match seen.get(&x.id) {
                        Some((uid, at)) if *uid != x.uid => out.push(format!(
                            "{} {} is in {at} and, as another item, in {name}",
                            $noun, x.id
                        )),
                        Some(_) => {}
                        None => {
                            seen.insert(x.id, (x.uid.as_str(), name.as_str()));
                        }
                    }
                }
            }
        };
    }
    check!(priorities, "priority");
    check!(blocks, "block");
    check!(blockers, "blocker");
    check!(decisions, "decision");
    check!(reviews, "review");
    out
}

/// Everything, live and archived, for reports and searches that reach back.
pub fn combine(live: &Data, archived: impl IntoIterator<Item = Data>) -> Data {
    // One map of what is held for all the years (not one per year, which grew
    // with the years read so far): decades of archive combine in linear time.
    // A later copy (the live one last) replaces an earlier one: what was edited
    // after it was archived elsewhere shows as edited.
    let mut all = Data::default();
    let mut held: [HashMap<(String, u32), usize>; 5] = Default::default();
    let years = archived.into_iter().chain(std::iter::once(live.clone()));
    for year in years {
        macro_rules! add {
            ($list:ident, $i:expr) => {
                for item in year.$list {
                    let key = (item.uid.clone(), item.id);
                    match held[$i].get(&key) {
                        Some(&at) => all.$list[at] = item,
                        None => {
                            held[$i].insert(key, all.$list.len());
                            all.$list.push(item);
                        }
                    }
                }
            };
        }
        add!(priorities, 0);
        add!(blocks, 1);
        add!(blockers, 2);
        add!(decisions, 3);
        add!(reviews, 4);
    }
    // Series stay live (their past days are ordinary blocks, archived as such).
    all.series = live.series.clone();
    all
}

/// One archived item as the archive's index knows it: enough to tell which year
/// file holds an item, or a day's blocks, without parsing the year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Indexed {
    /// The item's table: "priorities", "blocks", …
    pub kind: String,
    pub id: u32,
    pub uid: String,
    /// The dates that place it in a day or a period, earliest first: a block's
    /// or a review's date, a priority's created and closed, a blocker's opening
    /// and last move, a decision's date and review date.
    #[serde(default)]
    pub dates: Vec<NaiveDate>,
    #[serde(default)]
    pub title: String,
}

/// The index entries of one archive year, in the year's own order.
pub fn index_of(year: &Data) -> Vec<Indexed> {
    let mut out = Vec::new();
    let mut push = |kind: Kind, i: usize, mut dates: Vec<NaiveDate>| {
        let list = year.list(kind);
        dates.sort();
        dates.dedup();
        out.push(Indexed {
            kind: kind.table().to_string(),
            id: list.id_at(i).unwrap_or_default(),
            uid: list.uid_at(i).unwrap_or_default().to_string(),
            dates,
            title: list.title_at(i).unwrap_or_default().to_string(),
        });
    };
    for (i, p) in year.priorities.iter().enumerate() {
        push(
            Kind::Priority,
            i,
            p.created.into_iter().chain(p.closed).collect(),
        );
    }
    for (i, b) in year.blocks.iter().enumerate() {
        push(Kind::Block, i, vec![b.date]);
    }
    for (i, b) in year.blockers.iter().enumerate() {
        let opened = b.opened.map(|o| o.date());
        push(
            Kind::Blocker,
            i,
            opened
                .into_iter()
                .chain(last_move(b).map(|m| m.date()))
                .collect(),
        );
    }
    for (i, d) in year.decisions.iter().enumerate() {
        push(
            Kind::Decision,
            i,
            d.date.into_iter().chain(d.review_on).collect(),
        );
    }
    for (i, r) in year.reviews.iter().enumerate() {
        push(Kind::Review, i, vec![r.date]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::generate;

    #[test]
    fn anything_due_is_what_a_split_would_move() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let data = generate(90, 5, today);
        let mut answers = Vec::new();
        for back in [0, 1, 10, 30, 60, 89, 120] {
            let cutoff = crate::model::limits::shift_days(today, -back);
            let moved = !split(&mut data.clone(), cutoff).is_empty();
            assert_eq!(any_due(&data, cutoff), moved, "{cutoff}");
            answers.push(moved);
        }
        assert!(answers.contains(&true) && answers.contains(&false));
    }

    #[test]
    fn an_item_edited_after_it_was_archived_elsewhere_keeps_the_edit() {
        let year = generate(60, 4, NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
        let mut archived = Data::default();
        archived.priorities.push(year.priorities[0].clone());
        // The other machine edited it while this one archived it; the merge kept it live.
        let mut live = Data::default();
        let mut edited = year.priorities[0].clone();
        edited.title = "edited on the desktop".into();
        live.priorities.push(edited.clone());
        let all = combine(&live, [archived.clone()]);
        assert_eq!(
            all.priorities,
            vec![edited.clone()],
            "shown once, as edited"
        );
        // Archived again: the archive holds the edit, once.
        let mut kept = archived;
        merge(&mut kept, live);
        assert_eq!(kept.priorities, vec![edited]);
    }

    #[test]
    fn the_index_of_a_year_names_every_item_with_its_dates() {
        let year = generate(90, 4, NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
        let index = index_of(&year);
        let items: usize = Kind::ALL.iter().map(|&k| year.list(k).len()).sum();
        assert_eq!(index.len(), items);
        for b in &year.blocks {
            let found = index.iter().find(|i| i.kind == "blocks" && i.id == b.id);
            let found = found.unwrap();
            assert_eq!((&found.uid, &found.title), (&b.uid, &b.title));
            assert_eq!(found.dates, vec![b.date]);
        }
        let p = &year.priorities[0];
        let found = index
            .iter()
            .find(|i| i.kind == "priorities" && i.id == p.id);
        let dates: Vec<NaiveDate> = p.created.into_iter().chain(p.closed).collect();
        assert_eq!(found.unwrap().dates, dates);
    }

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
