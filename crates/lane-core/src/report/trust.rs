//! `lane report trust`: the track record month by month and the wider
//! boundaries it supports, with their evidence — Markdown you can send to the
//! person who sets your boundaries.

use serde::Serialize;

use super::Source;
use super::lines::{day, section};
use crate::model::record::{Month, record};
use crate::model::triage::money;

/// A call a suggestion rests on.
#[derive(Debug, Serialize)]
pub struct Evidence {
    pub id: u32,
    pub situation: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost: Option<f64>,
    /// `good`, `mixed`, `bad`, `yours`, `right-to-ask`.
    pub judged: &'static str,
}

#[derive(Debug, Serialize)]
pub struct Suggested {
    pub text: String,
    pub evidence: Vec<Evidence>,
}

#[derive(Debug, Serialize)]
pub struct Trust {
    pub months: Vec<Month>,
    pub total: Month,
    pub suggestions: Vec<Suggested>,
}

pub fn build(src: &Source) -> Trust {
    let r = record(
        src.data,
        src.period.since,
        src.period.until,
        &src.rules.boundaries,
        &src.rules.trust,
    );
    let evidence = |id: u32| {
        let d = src.data.decisions.iter().find(|d| d.id == id)?;
        let judged = match (d.rating, d.verdict) {
            (_, Some(v)) => v.name(),
            (Some(r), None) => r.name(),
            (None, None) => "",
        };
        Some(Evidence {
            id,
            situation: d.situation.clone(),
            cost: d.cost,
            judged,
        })
    };
    Trust {
        suggestions: r
            .suggestions
            .into_iter()
            .map(|s| Suggested {
                evidence: s.evidence.iter().filter_map(|id| evidence(*id)).collect(),
                text: s.text,
            })
            .collect(),
        months: r.months,
        total: r.total,
    }
}

/// `part/whole ▕██████░░░░▏ 60%`, or a dash when there is nothing to share.
fn share(part: usize, whole: usize, pct: Option<u32>) -> String {
    match pct {
        None => "–".into(),
        Some(p) => {
            let filled = (p as usize + 5) / 10;
            format!(
                "{part}/{whole} {}{} {p}%",
                "█".repeat(filled),
                "░".repeat(10 - filled.min(10))
            )
        }
    }
}

/// The record's figures in one line, for the brag document and the trust report.
pub fn headline(m: &Month) -> String {
    let landed = match m.good_pct() {
        Some(p) => format!(", {p}% of {} rated landed well", m.rated),
        None => String::new(),
    };
    let yours = match m.yours_pct() {
        Some(_) => format!(
            ", {} of {} answered came back “yours to decide”",
            m.yours, m.judged
        ),
        None => String::new(),
    };
    let on_time = match m.on_time_pct() {
        Some(p) => format!(" ({p}% of those with a due date by it)"),
        None => String::new(),
    };
    use crate::model::text::count;
    format!(
        "{} decided in my lane{landed} · {} escalated{yours} · {} delivered{on_time}",
        count(m.decided, "call", "calls"),
        m.escalated,
        count(m.delivered, "outcome", "outcomes")
    )
}

pub fn markdown_with(t: &Trust, src: &Source) -> String {
    let mut out = format!(
        "# Track record — {} to {}\n\n{}\n",
        day(src.period.since),
        day(src.period.until),
        headline(&t.total)
    );
    out.push_str("\n## Month by month\n\n");
    if t.months.is_empty() {
        out.push_str("No calls or outcomes in this period.\n");
    } else {
        out.push_str(
            "| month | decided in lane | escalated | landed well | came back yours | delivered on time |\n\
             |---|---:|---:|---|---|---|\n",
        );
        for m in &t.months {
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} |\n",
                m.month,
                m.decided,
                m.escalated,
                share(m.good, m.rated, m.good_pct()),
                share(m.yours, m.judged, m.yours_pct()),
                share(m.on_time, m.dated, m.on_time_pct()),
            ));
        }
    }
    let suggestions: Vec<String> = t
        .suggestions
        .iter()
        .map(|s| {
            let mut line = s.text.clone();
            for e in &s.evidence {
                let cost = e
                    .cost
                    .map(|c| format!(", {}", money(c)))
                    .unwrap_or_default();
                line.push_str(&format!(
                    "\n- #{} {}{cost}: {}",
                    e.id, e.situation, e.judged
                ));
            }
            line
        })
        .collect();
    let trust = &src.rules.trust;
    let thin = format!(
        "Not enough evidence yet. A higher spend limit needs {} rated calls within the top {} % \
         of it, {} % landed well and none badly; a topic needs {} escalations answered \
         “yours to decide”.",
        trust.min_calls, trust.top_share, trust.good_share, trust.min_yours
    );
    section(
        &mut out,
        "Boundaries the record supports",
        &suggestions,
        &thin,
    );
    out
}
