//! The pieces reports share: how a priority, a block, a blocker and a decision
//! appear in a report, as data and as a Markdown line.

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use crate::model::day::{block_worked_minutes, hm, minutes};
use crate::model::ladder::{age_hours, is_stuck};
use crate::model::rules::Rules;
use crate::model::time_of_day;
use crate::model::triage::{is_unreported, triage};
use crate::model::{Block, BlockResult, Blocker, BlockerStatus, Data, Decision, Priority};

/// `Mon 2026-11-23`: dates in reports say their weekday.
pub fn day(d: NaiveDate) -> String {
    d.format("%a %Y-%m-%d").to_string()
}

#[derive(Debug, Clone, Serialize)]
pub struct PriorityLine {
    pub id: u32,
    pub title: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub outcome: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub measure: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub progress: Option<u8>,
    pub status: &'static str,
}

impl PriorityLine {
    pub fn of(p: &Priority) -> PriorityLine {
        PriorityLine {
            id: p.id,
            title: p.title.clone(),
            outcome: p.outcome.clone(),
            measure: p.measure.clone(),
            due: p.due,
            progress: p.progress,
            status: p.status.name(),
        }
    }

    /// `**Ship billing v2** — measure: errors < 0.1% · due Fri 2026-11-27 · 60%`
    pub fn markdown(&self) -> String {
        let mut facts = Vec::new();
        if !self.measure.is_empty() {
            facts.push(format!("measure: {}", self.measure));
        }
        if let Some(d) = self.due {
            facts.push(format!("due {}", day(d)));
        }
        if let Some(p) = self.progress {
            facts.push(format!("{p}% done"));
        }
        if facts.is_empty() {
            format!("**{}**", self.title)
        } else {
            format!("**{}** — {}", self.title, facts.join(" · "))
        }
    }
}

/// The priority with this id, as a line (a removed one is skipped).
pub fn priority(data: &Data, id: u32) -> Option<PriorityLine> {
    data.priorities
        .iter()
        .find(|p| p.id == id)
        .map(PriorityLine::of)
}

#[derive(Debug, Clone, Serialize)]
pub struct BlockLine {
    pub id: u32,
    pub date: NaiveDate,
    pub start: String,
    pub end: String,
    pub title: String,
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority: Option<String>,
    pub planned_minutes: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub worked_minutes: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result: Option<&'static str>,
}

impl BlockLine {
    pub fn of(b: &Block, data: &Data, now: NaiveDateTime) -> BlockLine {
        BlockLine {
            id: b.id,
            date: b.date,
            start: time_of_day::text(b.start),
            end: time_of_day::text(b.end),
            title: b.title.clone(),
            kind: b.kind.name(),
            priority: b
                .priority
                .and_then(|id| data.priorities.iter().find(|p| p.id == id))
                .map(|p| p.title.clone()),
            planned_minutes: minutes(b),
            worked_minutes: block_worked_minutes(b, now),
            result: b.result.map(BlockResult::name),
        }
    }

    /// `09:00–10:30 billing spec (deep, Ship billing v2) — worked 1h25`
    pub fn markdown(&self) -> String {
        let mut about = vec![self.kind.to_string()];
        // A block named after its priority need not say it twice.
        about.extend(self.priority.clone().filter(|p| *p != self.title));
        let mut line = format!(
            "{}–{} {} ({})",
            self.start,
            self.end,
            self.title,
            about.join(", ")
        );
        match (self.result, self.worked_minutes) {
            (Some(r @ ("skipped" | "moved")), _) => line.push_str(&format!(" — {r}")),
            (_, Some(m)) => line.push_str(&format!(" — worked {}", hm(m))),
            _ => {}
        }
        line
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct BlockerLine {
    pub id: u32,
    pub title: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub waiting_on: String,
    /// The furthest the ladder got: none, docs, search, peer, or escalated.
    pub rung_reached: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub escalated_to: String,
    pub age_hours: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub follow_up: Option<NaiveDate>,
    pub stuck: bool,
    pub status: &'static str,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub resolution: String,
}

impl BlockerLine {
    pub fn of(b: &Blocker, rules: &Rules, now: NaiveDateTime) -> BlockerLine {
        let rung_reached = if b.status == BlockerStatus::Escalated || !b.escalated_to.is_empty() {
            "escalated".to_string()
        } else {
            b.tried
                .iter()
                .map(|t| t.rung)
                .max_by_key(|r| *r as u8)
                .map_or("none".to_string(), |r| r.name().to_string())
        };
        BlockerLine {
            id: b.id,
            title: b.title.clone(),
            waiting_on: b.waiting_on.clone(),
            rung_reached,
            escalated_to: b.escalated_to.clone(),
            age_hours: (age_hours(b, &rules.hours, now) * 10.0).round() / 10.0,
            follow_up: b.follow_up,
            stuck: is_stuck(b, rules, now),
            status: b.status.name(),
            resolution: b.resolution.clone(),
        }
    }

    /// `staging DB access — waiting on ops · ladder: search · 6 working h · follow up Tue …`
    pub fn markdown(&self) -> String {
        let mut facts = Vec::new();
        if !self.waiting_on.is_empty() {
            facts.push(format!("waiting on {}", self.waiting_on));
        }
        facts.push(match self.rung_reached.as_str() {
            "escalated" if !self.escalated_to.is_empty() => {
                format!("escalated to {}", self.escalated_to)
            }
            "escalated" => "escalated".to_string(),
            "none" => "no rung tried yet".to_string(),
            rung => format!("ladder reached {rung}"),
        });
        facts.push(format!("{} working h", self.age_hours.round()));
        if let Some(f) = self.follow_up {
            facts.push(format!("follow up {}", day(f)));
        }
        if self.stuck {
            facts.push("**stuck**".into());
        }
        format!("{} — {}", self.title, facts.join(" · "))
    }
}

/// Open and escalated blockers, oldest first.
pub fn open_blockers(data: &Data, rules: &Rules, now: NaiveDateTime) -> Vec<BlockerLine> {
    let mut out: Vec<(Option<NaiveDateTime>, BlockerLine)> = data
        .blockers
        .iter()
        .filter(|b| b.status != BlockerStatus::Resolved)
        .map(|b| (b.opened, BlockerLine::of(b, rules, now)))
        .collect();
    out.sort_by_key(|(opened, line)| (*opened, line.id));
    out.into_iter().map(|(_, l)| l).collect()
}

#[derive(Debug, Clone, Serialize)]
pub struct DecisionLine {
    pub id: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    pub situation: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub call: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub rationale: String,
    pub reversible: bool,
    pub lane: &'static str,
    pub status: &'static str,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub escalated_to: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub answer: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub outcome: String,
    pub unreported: bool,
}

impl DecisionLine {
    pub fn of(d: &Decision, rules: &Rules) -> DecisionLine {
        DecisionLine {
            id: d.id,
            date: d.date,
            situation: d.situation.clone(),
            call: d.call.clone(),
            rationale: d.rationale.clone(),
            reversible: d.reversible,
            lane: triage(d, &rules.boundaries).lane.name(),
            status: d.status.name(),
            escalated_to: d.escalated_to.clone(),
            answer: d.answer.clone(),
            outcome: d.outcome.clone(),
            unreported: is_unreported(d, &rules.boundaries),
        }
    }

    /// `**Retry policy** → 3 retries, backoff. Why: … (reversible)`
    pub fn markdown(&self) -> String {
        let mut line = format!("**{}**", self.situation);
        if !self.call.is_empty() {
            line.push_str(&format!(" → {}", self.call));
        }
        if !self.rationale.is_empty() {
            line.push_str(&format!(". Why: {}", self.rationale));
        }
        line.push_str(if self.reversible {
            " (reversible)"
        } else {
            " (irreversible)"
        });
        line
    }
}

/// A Markdown section: a heading and its bullets, or a line saying there are none.
pub fn section(out: &mut String, heading: &str, bullets: &[String], none: &str) {
    out.push_str(&format!("\n## {heading}\n\n"));
    if bullets.is_empty() {
        out.push_str(&format!("{none}\n"));
    }
    for b in bullets {
        out.push_str(&bullet(b));
    }
}

/// One Markdown bullet; text written over several lines stays inside it
/// (continuation lines indented), so a note from $EDITOR never breaks the list.
pub fn bullet(text: &str) -> String {
    format!("- {}\n", text.trim_end().replace('\n', "\n  "))
}

#[cfg(test)]
mod bullet_tests {
    #[test]
    fn a_note_of_several_lines_stays_one_bullet() {
        assert_eq!(super::bullet("one"), "- one\n");
        assert_eq!(
            super::bullet("first line\n\nsecond paragraph\n"),
            "- first line\n  \n  second paragraph\n"
        );
    }
}
