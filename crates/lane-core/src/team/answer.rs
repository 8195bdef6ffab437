//! An answer to an escalation, written by the person it went to into their own
//! folder of the team repository, and landed on the asker's call as the same
//! change an answer typed in the app makes (`form::apply_note_judged`).

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::model::form::{self, Judgement, Note};
use crate::model::{Data, DecisionStatus, Verdict};

/// `people/FROM/answers/REF.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    pub version: u32,
    /// Who answers: their share name.
    pub from: String,
    /// Whose call it is: the asker's share name.
    pub to: String,
    #[serde(rename = "ref")]
    pub reference: String,
    /// The call's whole uid, so the asker finds it whatever its id is there.
    pub uid: String,
    pub verdict: Verdict,
    pub text: String,
    pub at: NaiveDateTime,
}

/// Whether a call escalated to `to` went to the person shared as `name`
/// (any case, with or without a leading `@`).
pub fn is_addressed_to(to: &str, name: &str) -> bool {
    let plain = |s: &str| s.trim().trim_start_matches('@').to_lowercase();
    !name.trim().is_empty() && plain(to) == plain(name)
}

/// Lands `answer` on the call it answers: the answer text, the verdict and
/// when it was given, as the app records them (who: the one it was sent to). `Ok(None)` when there is nothing to do — not one of
/// these calls, not sent to the one answering, or answered already (so the
/// same answer applied twice changes nothing); `Err` when the answer's text
/// is not one lane accepts (nothing changed).
pub fn apply_answer(
    data: &mut Data,
    answer: &Answer,
    now: NaiveDateTime,
) -> Result<Option<String>, String> {
    let found = data
        .decisions
        .iter()
        .find(|d| !d.uid.is_empty() && d.uid.eq_ignore_ascii_case(answer.uid.trim()));
    let Some(d) = found else {
        return Ok(None);
    };
    if d.status != DecisionStatus::Escalated || !is_addressed_to(&d.escalated_to, &answer.from) {
        return Ok(None);
    }
    let id = d.id;
    // Answered when the teammate answered; a time that cannot be (before the
    // call went up, or ahead of now) is the time it landed.
    let sent = d.escalated_at.unwrap_or(NaiveDateTime::MIN);
    let when = if (sent..=now).contains(&answer.at) {
        answer.at
    } else {
        now
    };
    let mut changed = data.clone();
    let judged = Some(Judgement::Verdict(Some(answer.verdict)));
    let said = form::apply_note_judged(&mut changed, Note::Answer, id, &answer.text, judged, when)?;
    *data = changed;
    Ok(Some(format!(
        "{said} (from {}, {})",
        answer.from,
        answer.at.format("%Y-%m-%d %H:%M")
    )))
}
