//! The Team view (W): the team repository read aside, the escalations waiting
//! on me first; `a` answers the selected one in $EDITOR (a verdict on the
//! first line, then the answer), and the answer goes out as `lane team
//! answer` sends it.

use super::{EditorTarget, Effect, TeamAnswer};
use crate::action::Action;
use crate::state::{Mode, State, TeamPanel};
use lane_core::model::Verdict;
use lane_core::team::{Team, Waiting};

/// Opens the view and asks for the team.
pub(super) fn open(s: &mut State) -> Vec<Effect> {
    s.mode = Mode::Team(TeamPanel {
        team: None,
        cursor: 0,
        scroll: 0,
        answering: None,
    });
    vec![Effect::ReadTeam]
}

fn panel(s: &mut State) -> Option<&mut TeamPanel> {
    match &mut s.mode {
        Mode::Team(p) => Some(p),
        _ => None,
    }
}

/// A key in the Team view.
pub(super) fn update(s: &mut State, action: Action) -> Vec<Effect> {
    let Some(p) = panel(s) else {
        return Vec::new();
    };
    let waiting = match &p.team {
        Some(Ok(t)) => t.waiting.len(),
        _ => 0,
    };
    match action {
        Action::Close | Action::Team | Action::Quit => s.mode = Mode::Normal,
        Action::Down if p.cursor + 1 < waiting => p.cursor += 1,
        Action::Down | Action::PageDown => p.scroll = (p.scroll + 1).min(500),
        Action::Up if p.scroll > 0 => p.scroll -= 1,
        Action::Up => p.cursor = p.cursor.saturating_sub(1),
        Action::Answer => return start_answer(s),
        _ => {}
    }
    Vec::new()
}

/// What the editor opens with: the verdict to keep or change, and the call.
fn template(w: &Waiting) -> String {
    let call = if w.call.is_empty() {
        String::new()
    } else {
        format!(" → {}", w.call)
    };
    format!(
        "right-to-ask\n\n# {} asks: {}{call} (ref {})\n# The first line is your verdict: yours (theirs to decide) or right-to-ask.\n# Then your answer. Lines starting with # are left out; no answer sends nothing.\n",
        w.from, w.situation, w.reference
    )
}

fn start_answer(s: &mut State) -> Vec<Effect> {
    let Some(p) = panel(s) else {
        return Vec::new();
    };
    let Some(w) = p.selected().cloned() else {
        s.info("nothing waits on you to answer".to_string());
        return Vec::new();
    };
    let initial = template(&w);
    p.answering = Some(w);
    vec![Effect::Editor {
        target: EditorTarget::TeamAnswer,
        initial,
    }]
}

/// The verdict and the answer written in the editor: the first line that is
/// not a comment is the verdict, the rest the answer, on one line.
fn parse(text: &str) -> Result<Option<(Verdict, String)>, String> {
    let mut lines = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.starts_with('#') && !l.is_empty());
    let Some(first) = lines.next() else {
        return Ok(None);
    };
    let verdict = Verdict::parse(first).map_err(|e| format!("verdict {e}"))?;
    let answer = lines.collect::<Vec<_>>().join(" ");
    if answer.is_empty() {
        return Ok(None);
    }
    lane_core::model::text::one_line("answer", &answer)?;
    Ok(Some((verdict, answer)))
}

/// The editor closed on an answer: sent, unless it was left empty or wrong.
pub(super) fn answer_written(s: &mut State, text: Result<String, String>) -> Vec<Effect> {
    let Some(w) = panel(s).and_then(|p| p.answering.take()) else {
        return Vec::new();
    };
    match text.and_then(|t| parse(&t)) {
        Ok(Some((verdict, text))) => vec![Effect::AnswerTeam(TeamAnswer {
            asker: w.from,
            uid: w.uid,
            verdict,
            text,
        })],
        Ok(None) => {
            s.info("no answer written — nothing sent".to_string());
            Vec::new()
        }
        Err(why) => {
            s.error(format!("{why} — nothing sent"));
            Vec::new()
        }
    }
}

/// The answer went out (then the team is read again), or why not.
pub(super) fn answered(s: &mut State, said: Result<String, String>) -> Vec<Effect> {
    match said {
        Ok(said) => {
            s.info(said);
            if panel(s).is_some() {
                return vec![Effect::ReadTeam];
            }
        }
        Err(why) => s.error(why),
    }
    Vec::new()
}

/// What the team repository held, into the open view.
pub(super) fn read(s: &mut State, team: Result<Team, String>) {
    if let Some(p) = panel(s) {
        let waiting = team.as_ref().map_or(0, |t| t.waiting.len());
        p.cursor = p.cursor.min(waiting.saturating_sub(1));
        p.team = Some(team);
    }
}
