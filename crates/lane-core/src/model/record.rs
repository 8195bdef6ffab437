//! The track record: how the calls made in the user's lane landed, how their
//! escalations came back, and the wider boundaries that evidence could earn.
//! Autonomy is granted in proportion to reliability; this is the reliability.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::triage::{Boundaries, money};
use super::{Data, Decision, DecisionStatus, PriorityStatus, Rating, Verdict};

/// How much evidence a suggestion needs; from `[track_record]` in config.toml.
#[derive(Debug, Clone, PartialEq)]
pub struct TrustRules {
    /// Rated calls near the spend limit before a higher limit is suggested.
    pub min_calls: usize,
    /// "Near" the limit: within this top share of it, in %.
    pub top_share: u32,
    /// Of those, at least this share (%) rated good, and none bad.
    pub good_share: u32,
    /// Escalations on one topic answered "yours to decide" before that topic is
    /// suggested for the user's lane.
    pub min_yours: usize,
}

impl Default for TrustRules {
    fn default() -> Self {
        TrustRules {
            min_calls: 5,
            top_share: 20,
            good_share: 80,
            min_yours: 3,
        }
    }
}

/// One month of the record.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Month {
    /// `2026-11`.
    pub month: String,
    /// Calls decided in the user's lane.
    pub decided: usize,
    /// Calls sent up (escalated, answered or not).
    pub escalated: usize,
    /// Decided calls with a rating, and how they landed.
    pub rated: usize,
    pub good: usize,
    pub mixed: usize,
    pub bad: usize,
    /// Answered escalations with a verdict, and those that came back "yours".
    pub judged: usize,
    pub yours: usize,
    /// Outcomes completed this month; those of them that had a due date, and
    /// those done by it (one without a due date is neither on time nor late).
    pub delivered: usize,
    pub dated: usize,
    pub on_time: usize,
}

impl Month {
    /// The share of rated calls that landed well, in whole %; none when unrated.
    pub fn good_pct(&self) -> Option<u32> {
        pct(self.good, self.rated)
    }

    pub fn yours_pct(&self) -> Option<u32> {
        pct(self.yours, self.judged)
    }

    pub fn on_time_pct(&self) -> Option<u32> {
        pct(self.on_time, self.dated)
    }

    fn add(&mut self, other: &Month) {
        self.decided += other.decided;
        self.escalated += other.escalated;
        self.rated += other.rated;
        self.good += other.good;
        self.mixed += other.mixed;
        self.bad += other.bad;
        self.judged += other.judged;
        self.yours += other.yours;
        self.delivered += other.delivered;
        self.dated += other.dated;
        self.on_time += other.on_time;
    }
}

fn pct(part: usize, whole: usize) -> Option<u32> {
    (whole > 0).then(|| ((part * 100 + whole / 2) / whole) as u32)
}

/// A wider boundary the record supports, with the calls that support it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    /// Said plainly: `6 calls up to 500 all landed well: ask for a 1 000 limit`.
    pub text: String,
    /// The decisions it rests on.
    pub evidence: Vec<u32>,
}

/// The record over a period: month by month, the total, and the suggestions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Record {
    pub months: Vec<Month>,
    pub total: Month,
    pub suggestions: Vec<Suggestion>,
}

/// The day a call was made: its own date, else when it went up.
fn call_date(d: &Decision) -> Option<NaiveDate> {
    d.date.or(d.escalated_at.map(|at| at.date()))
}

fn in_lane(d: &Decision) -> bool {
    d.status == DecisionStatus::Decided
}

fn sent_up(d: &Decision) -> bool {
    matches!(
        d.status,
        DecisionStatus::Escalated | DecisionStatus::Answered
    )
}

fn month_key(date: NaiveDate) -> String {
    format!("{:04}-{:02}", date.year(), date.month())
}

/// The first day of the month `n - 1` months before `today`'s: where the
/// record's last `n` months begin (the Decisions tab's view of it).
pub fn months_back(today: NaiveDate, n: u32) -> NaiveDate {
    let month = i64::from(today.year()) * 12 + i64::from(today.month0()) - i64::from(n.max(1) - 1);
    i32::try_from(month.div_euclid(12))
        .ok()
        .and_then(|year| NaiveDate::from_ymd_opt(year, month.rem_euclid(12) as u32 + 1, 1))
        .unwrap_or(today)
}

/// The record of the calls and outcomes dated `since..=until`.
pub fn record(
    data: &Data,
    since: NaiveDate,
    until: NaiveDate,
    boundaries: &Boundaries,
    rules: &TrustRules,
) -> Record {
    let within = |date: Option<NaiveDate>| date.filter(|d| (since..=until).contains(d));
    let calls: Vec<&Decision> = data
        .decisions
        .iter()
        .filter(|d| within(call_date(d)).is_some())
        .collect();
    let mut months: BTreeMap<String, Month> = BTreeMap::new();
    for d in &calls {
        let Some(date) = call_date(d) else { continue };
        let m = months.entry(month_key(date)).or_default();
        if in_lane(d) {
            m.decided += 1;
            if let Some(r) = d.rating {
                m.rated += 1;
                match r {
                    Rating::Good => m.good += 1,
                    Rating::Mixed => m.mixed += 1,
                    Rating::Bad => m.bad += 1,
                }
            }
        } else if sent_up(d) {
            m.escalated += 1;
            if let Some(v) = d.verdict {
                m.judged += 1;
                m.yours += usize::from(v == Verdict::Yours);
            }
        }
    }
    for p in &data.priorities {
        let Some(closed) = within(p.closed).filter(|_| p.status == PriorityStatus::Done) else {
            continue;
        };
        let m = months.entry(month_key(closed)).or_default();
        m.delivered += 1;
        if let Some(due) = p.due {
            m.dated += 1;
            m.on_time += usize::from(closed <= due);
        }
    }
    let mut total = Month {
        month: "total".into(),
        ..Month::default()
    };
    let months: Vec<Month> = months
        .into_iter()
        .map(|(key, mut m)| {
            m.month = key;
            total.add(&m);
            m
        })
        .collect();
    Record {
        months,
        total,
        suggestions: suggestions(&calls, boundaries, rules),
    }
}

/// Wider boundaries the calls support; none on thin evidence.
pub fn suggestions(calls: &[&Decision], b: &Boundaries, rules: &TrustRules) -> Vec<Suggestion> {
    let mut out = Vec::new();
    out.extend(spend(calls, b, rules));
    out.extend(topics(calls, rules));
    out
}

/// Calls close to the spend limit that landed well argue for a higher one.
fn spend(calls: &[&Decision], b: &Boundaries, rules: &TrustRules) -> Option<Suggestion> {
    if b.spend_limit <= 0.0 || rules.min_calls == 0 {
        return None;
    }
    let floor = b.spend_limit * f64::from(100 - rules.top_share.min(100)) / 100.0;
    let near: Vec<&Decision> = calls
        .iter()
        .copied()
        .filter(|d| in_lane(d) && d.rating.is_some())
        .filter(|d| d.cost.is_some_and(|c| c >= floor && c <= b.spend_limit))
        .collect();
    let good = near
        .iter()
        .filter(|d| d.rating == Some(Rating::Good))
        .count();
    let bad = near.iter().any(|d| d.rating == Some(Rating::Bad));
    let enough = near.len() >= rules.min_calls;
    let landed = good * 100 >= near.len() * rules.good_share as usize;
    if !enough || bad || !landed {
        return None;
    }
    let how = if good == near.len() {
        "all landed well".to_string()
    } else {
        format!("{good} landed well, none badly")
    };
    Some(Suggestion {
        text: format!(
            "{} calls up to {} {how}: ask for a {} limit",
            near.len(),
            money(b.spend_limit),
            money(b.spend_limit * 2.0)
        ),
        evidence: near.iter().map(|d| d.id).collect(),
    })
}

/// A topic whose escalations keep coming back "yours to decide" belongs in the lane.
fn topics(calls: &[&Decision], rules: &TrustRules) -> Vec<Suggestion> {
    if rules.min_yours == 0 {
        return Vec::new();
    }
    // topic (as first written) → (yours, right to ask)
    let mut by_topic: BTreeMap<String, (String, Vec<u32>, usize)> = BTreeMap::new();
    for d in calls
        .iter()
        .filter(|d| d.status == DecisionStatus::Answered)
    {
        for topic in &d.topics {
            let entry = by_topic
                .entry(topic.trim().to_lowercase())
                .or_insert_with(|| (topic.trim().to_string(), Vec::new(), 0));
            match d.verdict {
                Some(Verdict::Yours) => entry.1.push(d.id),
                Some(Verdict::RightToAsk) => entry.2 += 1,
                None => {}
            }
        }
    }
    by_topic
        .into_values()
        .filter(|(_, yours, right)| yours.len() >= rules.min_yours && yours.len() > *right)
        .map(|(topic, yours, _)| Suggestion {
            text: format!(
                "{} escalations on {topic} came back “yours to decide”: ask for {topic} in your lane",
                yours.len()
            ),
            evidence: yours,
        })
        .collect()
}

#[cfg(test)]
mod tests;
