//! The standup: what moved yesterday, what today holds, what is blocked.

use chrono::NaiveDate;
use serde::Serialize;

use super::Source;
use super::lines::{BlockLine, BlockerLine, PriorityLine, day, open_blockers, priority, section};
use crate::model::BlockerStatus;
use crate::model::picks::focus_of_day;

#[derive(Debug, Serialize)]
pub struct Moved {
    pub priority: u32,
    pub title: String,
    pub notes: Vec<String>,
}

/// A blocker resolved since "yesterday", and what unblocked it.
#[derive(Debug, Serialize)]
pub struct Unblocked {
    pub blocker: u32,
    pub title: String,
    pub resolution: String,
}

#[derive(Debug, Serialize)]
pub struct Standup {
    pub date: NaiveDate,
    pub yesterday: NaiveDate,
    pub moved: Vec<Moved>,
    pub unblocked: Vec<Unblocked>,
    pub worked: Vec<BlockLine>,
    pub focus: Vec<PriorityLine>,
    pub today: Vec<BlockLine>,
    pub blockers: Vec<BlockerLine>,
}

/// `since` is "yesterday" (the last working day by default), `until` is today.
pub fn build(src: &Source) -> Standup {
    let (data, now) = (src.data, src.now);
    let (yesterday, date) = (src.period.since, src.period.until);
    let moved = data
        .priorities
        .iter()
        .filter_map(|p| {
            let notes: Vec<String> = p
                .updates
                .iter()
                .filter(|u| yesterday <= u.date && u.date < date)
                .map(|u| u.note.clone())
                .collect();
            (!notes.is_empty()).then(|| Moved {
                priority: p.id,
                title: p.title.clone(),
                notes,
            })
        })
        .collect();
    let lines = |d: NaiveDate| {
        let mut blocks: Vec<_> = data.blocks_on(d).collect();
        blocks.sort_by_key(|b| (b.start, b.id));
        blocks
            .into_iter()
            .map(|b| BlockLine::of(b, data, now))
            .collect::<Vec<_>>()
    };
    let mut worked = Vec::new();
    for d in yesterday.iter_days().take_while(|d| *d < date) {
        worked.extend(lines(d).into_iter().filter(|b| b.worked_minutes.is_some()));
    }
    let focus = focus_of_day(data, &src.rules.hours, date)
        .into_iter()
        .filter_map(|id| priority(data, id))
        .collect();
    let unblocked = data
        .blockers
        .iter()
        .filter(|b| {
            b.status == BlockerStatus::Resolved
                && b.resolved_at
                    .is_some_and(|t| yesterday <= t.date() && t.date() < date)
        })
        .map(|b| Unblocked {
            blocker: b.id,
            title: b.title.clone(),
            resolution: b.resolution.clone(),
        })
        .collect();
    Standup {
        date,
        yesterday,
        moved,
        unblocked,
        worked,
        focus,
        today: lines(date),
        blockers: open_blockers(data, src.rules, now),
    }
}

pub fn markdown(s: &Standup) -> String {
    let mut out = format!("# Standup — {}\n", day(s.date));
    let mut yesterday: Vec<String> = s
        .moved
        .iter()
        .map(|m| format!("**{}**: {}", m.title, m.notes.join("; ")))
        .collect();
    yesterday.extend(s.unblocked.iter().map(|u| match u.resolution.is_empty() {
        true => format!("Unblocked: **{}**", u.title),
        false => format!("Unblocked: **{}** — {}", u.title, u.resolution),
    }));
    yesterday.extend(s.worked.iter().map(BlockLine::markdown));
    let since = if s.date - s.yesterday == chrono::Duration::days(1) {
        "Yesterday".to_string()
    } else {
        format!("Since {}", day(s.yesterday))
    };
    section(&mut out, &since, &yesterday, "Nothing recorded.");
    let mut today: Vec<String> = s
        .focus
        .iter()
        .map(|p| format!("Focus: {}", p.markdown()))
        .collect();
    today.extend(s.today.iter().map(BlockLine::markdown));
    section(&mut out, "Today", &today, "Nothing planned yet.");
    let blockers: Vec<String> = s.blockers.iter().map(BlockerLine::markdown).collect();
    section(&mut out, "Blockers", &blockers, "None.");
    out
}
