//! One-line notes written about an existing item: a priority's progress; who a
//! decision went up to, the answer and what came of it; a blocker's ladder.

use chrono::{NaiveDate, NaiveDateTime};

use super::day::to_minute;
use super::fields::{FieldSpec, FieldType, f};
use super::ladder::untried;
use super::parse::parse_date;
use super::{
    BlockerStatus, Data, DecisionStatus, Extra, Kind, Lane, Rating, Tried, Verdict, find_mut,
};

/// Short texts written about an existing item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Note {
    /// A progress note in a priority's update log.
    Update,
    /// Who a decision goes up to.
    EscalateTo,
    /// The answer to an escalated decision.
    Answer,
    /// What came of a decision.
    Outcome,
    /// The next untried rung of a blocker's ladder, with an optional note.
    Tried,
    /// Who a blocker goes up to.
    EscalateBlocker,
    /// When to follow up on a blocker.
    FollowUp,
    /// How a blocker was resolved.
    Resolve,
}

#[rustfmt::skip]
const NOTES: [FieldSpec; 8] = [
    f("note", "Update", FieldType::Title, "one line: what moved, what is next"),
    f("escalated_to", "Escalate to", FieldType::Title, "who decides this: a person or a team"),
    f("answer", "Answer", FieldType::Title, "what they decided"),
    f("outcome", "Outcome", FieldType::Title, "what happened, in hindsight"),
    f("note", "Note", FieldType::Text, "what you found (optional); enter marks the rung tried"),
    f("escalated_to", "Escalate to", FieldType::Title, "who can unblock it: a person or a team"),
    f("follow_up", "Follow up", FieldType::Date, "today, tomorrow, fri, +3d, 2026-12-01"),
    f("resolution", "Resolution", FieldType::Title, "what unblocked it: the next person searching will read this"),
];

// The answer and the outcome also ask how it went: the track record counts these.
#[rustfmt::skip]
const ANSWER: [FieldSpec; 2] = [
    NOTES[2],
    f("verdict", "Verdict", FieldType::Text, "yours (to decide) or right-to-ask; empty: not said"),
];
#[rustfmt::skip]
const OUTCOME: [FieldSpec; 2] = [
    NOTES[3],
    f("rating", "Rating", FieldType::Text, "good, mixed or bad: how it landed; empty: not rated"),
];

impl Note {
    /// The kind of item the note is written on.
    pub fn kind(self) -> Kind {
        match self {
            Note::Update => Kind::Priority,
            Note::EscalateTo | Note::Answer | Note::Outcome => Kind::Decision,
            Note::Tried | Note::EscalateBlocker | Note::FollowUp | Note::Resolve => Kind::Blocker,
        }
    }

    pub fn field(self) -> &'static [FieldSpec] {
        let i = self as usize;
        match self {
            Note::Answer => &ANSWER,
            Note::Outcome => &OUTCOME,
            _ => &NOTES[i..=i],
        }
    }

    /// What an empty note offers, for the first key typed to replace.
    pub fn default_text(self) -> &'static str {
        match self {
            Note::FollowUp => "tomorrow",
            _ => "",
        }
    }

    /// The text already written, so editing it keeps it.
    pub fn current(self, data: &Data, id: u32) -> String {
        let d = data.decisions.iter().find(|d| d.id == id);
        let b = data.blockers.iter().find(|b| b.id == id);
        match self {
            Note::Update | Note::Tried => String::new(),
            Note::EscalateTo => d.map(|d| d.escalated_to.clone()).unwrap_or_default(),
            Note::Answer => d.map(|d| d.answer.clone()).unwrap_or_default(),
            Note::Outcome => d.map(|d| d.outcome.clone()).unwrap_or_default(),
            Note::EscalateBlocker => b.map(|b| b.escalated_to.clone()).unwrap_or_default(),
            Note::FollowUp => b
                .and_then(|b| b.follow_up)
                .map(|d| d.to_string())
                .unwrap_or_default(),
            Note::Resolve => b.map(|b| b.resolution.clone()).unwrap_or_default(),
        }
    }
}

/// The verdict or rating already given, for the form's second field.
pub fn current_judgement(note: Note, data: &Data, id: u32) -> String {
    let d = data.decisions.iter().find(|d| d.id == id);
    match note {
        Note::Answer => d.and_then(|d| d.verdict).map(|v| v.name()),
        Note::Outcome => d.and_then(|d| d.rating).map(|r| r.name()),
        _ => None,
    }
    .unwrap_or_default()
    .to_string()
}

/// A note typed into a form (the app): the note, and for an answer or an outcome
/// the verdict or rating beside it (empty clears it). An error names its field.
pub fn apply_note_form(
    data: &mut Data,
    note: Note,
    id: u32,
    value: impl Fn(&str) -> String,
    now: NaiveDateTime,
) -> Result<String, Vec<(&'static str, String)>> {
    let specs = note.field();
    let judgement = match specs.get(1) {
        Some(spec) => {
            Some(Judgement::parse(note, &value(spec.key)).map_err(|e| vec![(spec.key, e)])?)
        }
        None => None,
    };
    let said = apply_note(data, note, id, &value(specs[0].key), now)
        .map_err(|e| vec![(specs[0].key, e)])?;
    match judgement {
        Some(j) => Ok(judge(data, id, j)
            .map(|_| with_judgement(said, j))
            .map_err(|e| vec![(specs[0].key, e)])?),
        None => Ok(said),
    }
}

/// How an answered escalation or a decided call went, in hindsight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Judgement {
    Rating(Option<Rating>),
    Verdict(Option<Verdict>),
}

impl Judgement {
    /// The rating or verdict typed beside `note`; empty means none.
    pub fn parse(note: Note, text: &str) -> Result<Judgement, String> {
        let text = text.trim();
        match note {
            Note::Answer => Ok(Judgement::Verdict(if text.is_empty() {
                None
            } else {
                Some(Verdict::parse(text).map_err(|e| format!("verdict {e}"))?)
            })),
            _ => Ok(Judgement::Rating(if text.is_empty() {
                None
            } else {
                Some(Rating::parse(text).map_err(|e| format!("rating {e}"))?)
            })),
        }
    }
}

fn with_judgement(said: String, j: Judgement) -> String {
    match j {
        Judgement::Rating(Some(r)) => format!("{said} — rated {}", r.name()),
        Judgement::Verdict(Some(Verdict::Yours)) => format!("{said} — yours to decide"),
        Judgement::Verdict(Some(Verdict::RightToAsk)) => format!("{said} — right to ask"),
        _ => said,
    }
}

/// Records a rating on a decided call or a verdict on an answered escalation.
pub fn judge(data: &mut Data, id: u32, j: Judgement) -> Result<(), String> {
    let d = find_mut(&mut data.decisions, Kind::Decision, id)?;
    match j {
        Judgement::Rating(r) => d.rating = r,
        Judgement::Verdict(v) => {
            if v.is_some() && d.status != DecisionStatus::Answered {
                return Err(format!(
                    "decision {id} has no answer yet to give a verdict on"
                ));
            }
            d.verdict = v;
        }
    }
    Ok(())
}

/// A note from the command line, with the rating or verdict given beside it
/// (none leaves the one recorded as it is).
pub fn apply_note_judged(
    data: &mut Data,
    note: Note,
    id: u32,
    text: &str,
    judgement: Option<Judgement>,
    now: NaiveDateTime,
) -> Result<String, String> {
    let said = apply_note(data, note, id, text, now)?;
    match judgement {
        Some(j) => judge(data, id, j).map(|_| with_judgement(said, j)),
        None => Ok(said),
    }
}

/// Writes a note on the item `id` and says what it did. Empty text is refused where
/// the note needs text; nothing changes on error.
pub fn apply_note(
    data: &mut Data,
    note: Note,
    id: u32,
    text: &str,
    now: NaiveDateTime,
) -> Result<String, String> {
    let text = text.trim();
    let today = now.date();
    let spec = note.field()[0];
    match spec.ty {
        FieldType::Text => super::text::plain(spec.label, text)?,
        _ => super::text::one_line(spec.label, text)?,
    }
    if text.is_empty() && spec.ty != FieldType::Text {
        return Err(format!("{} cannot be empty", spec.label.to_lowercase()));
    }
    match note.kind() {
        Kind::Priority => {
            add_update(data, id, text, today)?;
            Ok(format!("update added to priority {id}"))
        }
        Kind::Decision => decision_note(data, note, id, text, now),
        _ => blocker_note(data, note, id, text, now),
    }
}

fn decision_note(
    data: &mut Data,
    note: Note,
    id: u32,
    text: &str,
    now: NaiveDateTime,
) -> Result<String, String> {
    let d = find_mut(&mut data.decisions, Kind::Decision, id)?;
    match note {
        Note::EscalateTo => {
            d.lane_override = Some(Lane::Escalate);
            d.status = DecisionStatus::Escalated;
            d.escalated_to = text.to_string();
            d.escalated_at = Some(now);
            Ok(format!("decision {id} escalated to {text}"))
        }
        Note::Answer => {
            d.answer = text.to_string();
            d.answered_at = Some(to_minute(now));
            d.status = DecisionStatus::Answered;
            Ok(format!("answer recorded on decision {id}"))
        }
        _ => {
            d.outcome = text.to_string();
            Ok(format!("outcome recorded on decision {id}"))
        }
    }
}

fn blocker_note(
    data: &mut Data,
    note: Note,
    id: u32,
    text: &str,
    now: NaiveDateTime,
) -> Result<String, String> {
    let now = to_minute(now);
    let b = find_mut(&mut data.blockers, Kind::Blocker, id)?;
    if b.status == BlockerStatus::Resolved && note != Note::Resolve {
        return Err(format!("blocker {id} is resolved already"));
    }
    match note {
        Note::Tried => {
            let rung = *untried(b)
                .first()
                .ok_or_else(|| format!("every rung of blocker {id} is tried — escalate it (E)"))?;
            b.tried.push(Tried {
                rung,
                at: now,
                note: text.to_string(),
                extra: Extra::new(),
            });
            Ok(format!("tried {} on blocker {id}", rung.name()))
        }
        Note::EscalateBlocker => {
            b.skipped = untried(b);
            b.status = BlockerStatus::Escalated;
            b.escalated_to = text.to_string();
            b.escalated_at = Some(now);
            if b.skipped.is_empty() {
                Ok(format!("blocker {id} escalated to {text}"))
            } else {
                let skipped: Vec<&str> = b.skipped.iter().map(|r| r.name()).collect();
                Ok(format!(
                    "blocker {id} escalated to {text} without trying {}",
                    skipped.join(", ")
                ))
            }
        }
        Note::FollowUp => {
            let date = parse_date(text, now.date())?;
            b.follow_up = Some(date);
            Ok(format!("follow up on blocker {id} on {date}"))
        }
        _ => {
            b.status = BlockerStatus::Resolved;
            b.resolution = text.to_string();
            b.resolved_at = Some(now);
            Ok(format!("blocker {id} resolved"))
        }
    }
}

/// Adds a dated progress note to a priority's update log.
pub fn add_update(data: &mut Data, id: u32, note: &str, today: NaiveDate) -> Result<(), String> {
    let note = note.trim();
    if note.is_empty() {
        return Err("an update cannot be empty".into());
    }
    super::text::plain("The update", note)?;
    let p = find_mut(&mut data.priorities, Kind::Priority, id)?;
    p.updates.push(super::Update {
        date: today,
        note: note.to_string(),
        extra: Extra::new(),
    });
    Ok(())
}

/// Marks a named rung tried (command line: `lane tried blocker ID search`).
pub fn mark_rung(
    data: &mut Data,
    id: u32,
    rung: super::Rung,
    note: &str,
    now: NaiveDateTime,
) -> Result<String, String> {
    super::text::plain("The note", note)?;
    let b = find_mut(&mut data.blockers, Kind::Blocker, id)?;
    if b.status == BlockerStatus::Resolved {
        return Err(format!("blocker {id} is resolved already"));
    }
    if b.tried.iter().any(|t| t.rung == rung) {
        return Ok(format!("{} was tried on blocker {id} already", rung.name()));
    }
    b.tried.push(Tried {
        rung,
        at: to_minute(now),
        note: note.trim().to_string(),
        extra: Extra::new(),
    });
    Ok(format!("tried {} on blocker {id}", rung.name()))
}
