//! One-line notes written about an existing item: a priority's progress, who a
//! decision went up to, the answer, and what came of it.

use chrono::NaiveDate;

use super::form::{FieldSpec, FieldType, f};
use super::{Data, DecisionStatus, Extra, Kind, Lane};

/// One-line texts written about an existing item.
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
}

#[rustfmt::skip]
const NOTES: [FieldSpec; 4] = [
    f("note", "Update", FieldType::Title, "one line: what moved, what is next"),
    f("escalated_to", "Escalate to", FieldType::Title, "who decides this: a person or a team"),
    f("answer", "Answer", FieldType::Title, "what they decided"),
    f("outcome", "Outcome", FieldType::Title, "what happened, in hindsight"),
];

impl Note {
    /// The kind of item the note is written on.
    pub fn kind(self) -> Kind {
        match self {
            Note::Update => Kind::Priority,
            Note::EscalateTo | Note::Answer | Note::Outcome => Kind::Decision,
        }
    }

    pub fn field(self) -> &'static [FieldSpec] {
        let i = match self {
            Note::Update => 0,
            Note::EscalateTo => 1,
            Note::Answer => 2,
            Note::Outcome => 3,
        };
        &NOTES[i..=i]
    }

    /// The text already written, so editing it keeps it.
    pub fn current(self, data: &Data, id: u32) -> String {
        let d = data.decisions.iter().find(|d| d.id == id);
        match self {
            Note::Update => String::new(),
            Note::EscalateTo => d.map(|d| d.escalated_to.clone()).unwrap_or_default(),
            Note::Answer => d.map(|d| d.answer.clone()).unwrap_or_default(),
            Note::Outcome => d.map(|d| d.outcome.clone()).unwrap_or_default(),
        }
    }
}

/// Writes a note on the item `id`. Empty text is refused; nothing changes on error.
pub fn apply_note(
    data: &mut Data,
    note: Note,
    id: u32,
    text: &str,
    today: NaiveDate,
) -> Result<String, String> {
    let text = text.trim();
    if text.is_empty() {
        let what = note.field()[0].label.to_lowercase();
        return Err(format!("{what} cannot be empty"));
    }
    if note == Note::Update {
        add_update(data, id, text, today)?;
        return Ok(format!("update added to priority {id}"));
    }
    let d = data
        .decisions
        .iter_mut()
        .find(|d| d.id == id)
        .ok_or_else(|| format!("there is no decision {id}"))?;
    Ok(match note {
        Note::EscalateTo => {
            d.lane_override = Some(Lane::Escalate);
            d.status = DecisionStatus::Escalated;
            d.escalated_to = text.to_string();
            d.escalated_at = Some(today);
            format!("decision {id} escalated to {text}")
        }
        Note::Answer => {
            d.answer = text.to_string();
            d.status = DecisionStatus::Answered;
            format!("answer recorded on decision {id}")
        }
        Note::Outcome => {
            d.outcome = text.to_string();
            format!("outcome recorded on decision {id}")
        }
        Note::Update => unreachable_note(),
    })
}

/// `Note::Update` returns early above; this keeps the match total without a panic.
fn unreachable_note() -> String {
    String::new()
}

/// Adds a dated progress note to a priority's update log.
pub fn add_update(data: &mut Data, id: u32, note: &str, today: NaiveDate) -> Result<(), String> {
    let note = note.trim();
    if note.is_empty() {
        return Err("an update cannot be empty".into());
    }
    let p = data
        .priorities
        .iter_mut()
        .find(|p| p.id == id)
        .ok_or_else(|| format!("there is no priority {id}"))?;
    p.updates.push(super::Update {
        date: today,
        note: note.to_string(),
        extra: Extra::new(),
    });
    Ok(())
}
