//! Blockers' links in the open app: this machine's cache read aside when it
//! opens, then every forge asked aside (each on its own thread), again on
//! opening the morning plan and on the calendars' rhythm. A forge that fails
//! is said and keeps what it last said; nothing here waits, and nothing is
//! resolved unless `auto_resolve = true`.

use chrono::NaiveDateTime;

use super::Effect;
use crate::state::State;
use lane_core::model::links::{Known, unblocked, unblocked_ids};
use lane_core::model::text::visible;
use lane_io::links::HostRefreshed;

/// The app opened: the cache first (read aside, so the first frame never waits).
pub(super) fn opened(s: &mut State) -> Vec<Effect> {
    if s.links.every.is_none() {
        return Vec::new();
    }
    s.links.pending = 1;
    vec![Effect::ReadLinks(false)]
}

/// Asks every forge with links on open blockers, unless a fetch is under way.
pub(super) fn fetch(s: &mut State, now: NaiveDateTime) -> Vec<Effect> {
    if s.links.every.is_none() || s.links.pending > 0 {
        return Vec::new();
    }
    // Asked now even with nothing to ask: the next look is a rhythm away, not
    // due at once again (the event loop would wake without sleeping).
    s.links.asked = Some(now);
    let forges = lane_io::links::by_host(s.data()).len();
    if forges == 0 {
        return Vec::new();
    }
    s.links.pending = forges;
    vec![Effect::ReadLinks(true)]
}

/// A fetch when one is due.
pub(super) fn tick(s: &mut State, now: NaiveDateTime) -> Vec<Effect> {
    match s.links.next_at() {
        Some(at) if at <= now => fetch(s, now),
        _ => Vec::new(),
    }
}

/// One forge answered (or the cache was read): what is known now, what
/// failed, and which blockers it unblocked.
pub(super) fn read(
    s: &mut State,
    host: Option<HostRefreshed>,
    known: Known,
    now: NaiveDateTime,
) -> Vec<Effect> {
    let before = unblocked_ids(s.data(), &s.links.known);
    s.links.known = known;
    let Some(host) = host else {
        // The cache is in: now the forges.
        s.links.pending = 0;
        add_to_follow_ups(s);
        return fetch(s, now);
    };
    s.links.pending = s.links.pending.saturating_sub(1);
    add_to_follow_ups(s);
    if s.links.auto_resolve {
        resolve_unblocked(s, now);
    } else {
        let fresh: Vec<String> = s
            .data()
            .blockers
            .iter()
            .filter(|b| !before.contains(&b.id))
            .filter_map(|b| {
                let by = unblocked(b, &s.links.known)?;
                Some(format!("blocker {} “{}”: {by} — unblocked?", b.id, b.title))
            })
            .collect();
        if let Some(first) = fresh.first() {
            s.info(visible(&format!(
                "{first} (the morning plan's follow-ups resolve it with R)"
            )));
        }
    }
    if let Some(first) = host.failures.first() {
        let more = match host.failures.len() {
            1 => String::new(),
            n => format!(" (and {} more)", n - 1),
        };
        s.error(visible(&format!("links: {first}{more}")));
    }
    Vec::new()
}

/// The morning plan open on its follow-ups: blockers just unblocked join them.
fn add_to_follow_ups(s: &mut State) {
    let on_follow_ups = s
        .pass
        .as_ref()
        .is_some_and(|p| p.ritual == crate::pass::Ritual::Plan && p.step == 3);
    if !on_follow_ups {
        return;
    }
    let ids = unblocked_ids(s.data(), &s.links.known);
    s.change_pass(|p| {
        for id in ids {
            let row = (lane_core::model::Kind::Blocker, id);
            if !p.rows.contains(&row) {
                p.rows.push(row);
            }
        }
    });
}

/// `auto_resolve = true`: each blocker whose links all closed or merged is
/// resolved with what unblocked it, saved like a calendar's read (aside).
fn resolve_unblocked(s: &mut State, now: NaiveDateTime) {
    let known = s.links.known.clone();
    let resolved = s.change_aside(
        |data| {
            let found: Vec<(u32, String)> = data
                .blockers
                .iter()
                .filter_map(|b| Some((b.id, unblocked(b, &known)?)))
                .collect();
            for (id, by) in &found {
                let note = lane_core::model::note::Note::Resolve;
                let _ = lane_core::model::form::apply_note(data, note, *id, by, now);
            }
            found
        },
        |found| !found.is_empty(),
    );
    if let Some((id, by)) = resolved.first() {
        s.info(visible(&format!("blocker {id} resolved: {by}")));
    }
}

/// `R` on an unblocked blocker in the plan's follow-ups: resolved with what
/// unblocked it (`PR #42 merged`); the change is the user's (one undo step).
pub(super) fn resolve_one(s: &mut State, id: u32, now: NaiveDateTime) -> bool {
    let Some(by) = s
        .data()
        .blockers
        .iter()
        .find(|b| b.id == id)
        .and_then(|b| unblocked(b, &s.links.known))
    else {
        return false;
    };
    let note = lane_core::model::note::Note::Resolve;
    match lane_core::model::form::apply_note(s.edit(), note, id, &by, now) {
        Ok(_) => s.info(visible(&format!("blocker {id} resolved: {by}"))),
        Err(why) => s.error(why),
    }
    true
}
