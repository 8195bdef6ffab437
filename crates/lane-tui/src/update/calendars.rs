//! Calendars in the open app: their last copies read at once when it opens, the
//! sources fetched aside then, on opening the morning plan and every
//! `refresh_minutes`; what comes back is brought in by the one operation the
//! command line uses too.

use chrono::NaiveDateTime;

use super::Effect;
use crate::state::State;
use lane_io::calendar::sources::{Reach, Refreshed};

/// The app opened: the copies first (read aside, so the first frame never waits
/// on a big one; pending meanwhile, so the loop looks for them often).
/// Copies are read even with no calendar configured: a sync may have brought
/// another machine's, or `lane import ics` kept one.
pub(super) fn opened(s: &mut State) -> Vec<Effect> {
    s.calendars.pending = 1;
    vec![Effect::ReadCalendars(Reach::Copies)]
}

/// Asks for a fetch unless one is under way (or there are no calendars).
pub(super) fn fetch(s: &mut State, now: NaiveDateTime) -> Vec<Effect> {
    if s.calendars.every.is_none() || s.calendars.pending > 0 {
        return Vec::new();
    }
    s.calendars.pending = s.calendars.count.max(1);
    s.calendars.asked = Some(now);
    vec![Effect::ReadCalendars(Reach::Sources)]
}

/// A fetch when one is due.
pub(super) fn tick(s: &mut State, now: NaiveDateTime) -> Vec<Effect> {
    match s.calendars.next_at() {
        Some(at) if at <= now => fetch(s, now),
        _ => Vec::new(),
    }
}

pub(super) fn read(
    s: &mut State,
    list: Vec<Refreshed>,
    reach: Reach,
    now: NaiveDateTime,
) -> Vec<Effect> {
    for r in &list {
        if let Some(e) = &r.expanded {
            s.calendars
                .banners
                .insert(r.name.clone(), e.banners.clone());
            s.calendars.read.insert(r.name.clone(), r.clone());
        }
    }
    // Meetings are computed, not saved; what the user did with one (a link,
    // a timer, a mark) follows its event and is saved with the data.
    // Meetings arriving move the blocks under the cursors: each stays on its item.
    let uids = s.selected_uids();
    let applied = s.compute(
        |data| lane_io::calendar::bring_in(data, &list, now),
        |applied| applied.iter().any(|(_, a)| a.changed()),
    );
    s.follow(uids);
    if applied.iter().any(|(_, a)| a.changed()) {
        super::refit::offer(s, now);
    }
    if reach == Reach::Copies {
        // A calendar without a copy yet is normal here; the fetch says more.
        // Copies read again (another process fetched) ask for no fetch.
        s.calendars.pending = 0;
        if s.calendars.asked.is_some() {
            return Vec::new();
        }
        return fetch(s, now);
    }
    s.calendars.pending = s.calendars.pending.saturating_sub(list.len().max(1));
    let failed: Vec<String> = list
        .iter()
        .filter_map(|r| {
            let why = r.error.as_ref()?;
            let kept = if r.expanded.is_some() {
                "showing its last copy"
            } else {
                "nothing from it yet"
            };
            Some(format!("calendar {}: {why} — {kept}", r.name))
        })
        .collect();
    let changed: Vec<String> = applied
        .iter()
        .filter(|(_, a)| a.changed())
        .map(|(name, a)| a.summary(name))
        .collect();
    if let Some(first) = failed.first() {
        let more = match failed.len() {
            1 => String::new(),
            n => format!(" (and {} more failed)", n - 1),
        };
        s.error(lane_core::model::text::visible(&format!("{first}{more}")));
    } else if !changed.is_empty() && !s.message.as_ref().is_some_and(|m| m.error) {
        // Calendars answer one by one: a failure said a moment ago stays.
        s.info(lane_core::model::text::visible(&format!(
            "calendar {}",
            changed.join("; ")
        )));
    }
    Vec::new()
}
