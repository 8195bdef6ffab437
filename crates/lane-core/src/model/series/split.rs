//! A series changed or ended keeps its past. Its days before today are computed
//! from the series, so changing the series in place would change what those
//! days were; instead the series as it was ends yesterday and the changed one
//! goes on from today, under a uid of its own (`UID~DATE`, the same on every
//! machine that makes the same change on the same day).

use chrono::NaiveDate;

use super::{Data, Series, next_day, occurrence_day, occurrence_uid};
use crate::model::limits::shift_days;

/// Whether the series falls on a day before `today`: it has a past to keep.
fn has_past(s: &Series, today: NaiveDate) -> bool {
    let Some(rule) = s.rule() else { return false };
    s.first < today && next_day(s, &rule, s.first).is_some_and(|d| d < today)
}

/// Replaces the series at `at` by `edited` from `today` on. Returns the uid the
/// series goes on under.
pub(super) fn from_today(
    data: &mut Data,
    at: usize,
    mut edited: Series,
    today: NaiveDate,
) -> String {
    let old = data.series[at].clone();
    if !has_past(&old, today) {
        data.series[at] = edited;
        return old.uid;
    }
    let new_uid = format!("{}~{today}", old.uid);
    edited.uid.clone_from(&new_uid);
    edited.except.retain(|d| *d >= today);
    if edited.first < today
        && let Some(rule) = edited.rule()
    {
        // The next day it falls on keeps the phase of `2 weeks` or `3 days`.
        edited.first = next_day(&edited, &rule, today).unwrap_or(today);
    }
    // The days ahead the user already touched go on with the new series.
    for b in &mut data.blocks {
        let from_today =
            b.series.as_deref() == Some(&old.uid) && occurrence_day(&b.uid) >= Some(today);
        if from_today {
            if let Some(day) = occurrence_day(&b.uid) {
                b.uid = occurrence_uid(&new_uid, day);
            }
            b.series = Some(new_uid.clone());
        }
    }
    end_at(&mut data.series[at], today);
    data.series.insert(at + 1, edited);
    new_uid
}

/// Ends the series `uid` before `today`, or removes it when it has no past.
pub(super) fn end_before(data: &mut Data, uid: &str, today: NaiveDate) {
    let Some(at) = data.series.iter().position(|s| s.uid == uid) else {
        return;
    };
    if has_past(&data.series[at], today) {
        end_at(&mut data.series[at], today);
    } else {
        data.series.remove(at);
    }
}

fn end_at(s: &mut Series, today: NaiveDate) {
    let yesterday = shift_days(today, -1);
    s.until = Some(s.until.map_or(yesterday, |u| u.min(yesterday)));
    s.except.retain(|d| *d < today);
}
