//! The message line and the key hint line, built from the keymap in force.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::fit::clip;
use super::help::pretty_key;
use super::theme;
use crate::action::Action;
use crate::keymap::Keymap;
use crate::state::{Mode, State};

pub fn draw_message(frame: &mut Frame, area: Rect, state: &State) {
    // An offered re-fit holds the line until taken or left: a message said
    // meanwhile is in `L`.
    let offered = state
        .calendars
        .refit
        .as_ref()
        .filter(|_| state.pass.is_none());
    if let Some(words) = offered.and_then(|(_, r)| crate::update::refit::banner(r)) {
        let text = clip(&format!(" {words}"), area.width as usize);
        frame.render_widget(Paragraph::new(Span::styled(text, theme::warning())), area);
        return;
    }
    if let Some(m) = &state.message {
        let style = if m.error {
            theme::error()
        } else {
            theme::info()
        };
        let text = clip(&format!(" {}", m.text), area.width as usize);
        frame.render_widget(Paragraph::new(Span::styled(text, style)), area);
    }
}

/// The actions worth a hint in each mode, with their short labels.
fn hinted(state: &State) -> &'static [(Action, &'static str)] {
    match state.mode {
        Mode::Form(_) => &[
            (Action::Submit, "save"),
            (Action::NextField, "next field"),
            (Action::PrevField, "previous"),
            (Action::Cancel, "cancel"),
        ],
        // The help box itself says "j/k scroll" when it has more than it shows.
        Mode::Help => &[(Action::Close, "close help")],
        Mode::Detail if state.selected_conflict().is_some() => &[
            (Action::Toggle, "keep lane's"),
            (Action::TakeOther, "take other"),
            (Action::Edit, "edit"),
            (Action::Close, "close"),
        ],
        Mode::Detail => &[(Action::Close, "close"), (Action::Edit, "edit")],
        Mode::ChooseFocus(_) => &[
            (Action::Submit, "release"),
            (Action::Down, "next"),
            (Action::Cancel, "keep as it is"),
        ],
        Mode::AskSeries(_) => &[
            (Action::Submit, "choose"),
            (Action::Down, "other choice"),
            (Action::Cancel, "leave it"),
        ],
        Mode::Filter => &[(Action::Submit, "keep filter"), (Action::Cancel, "clear")],
        Mode::Record | Mode::Messages => &[(Action::Close, "close")],
        Mode::Team(_) => &[(Action::Answer, "answer"), (Action::Close, "close")],
        Mode::Report(_) => &[
            (Action::CopyReport, "copy"),
            (Action::Down, "scroll"),
            (Action::Close, "close"),
        ],
        Mode::Normal if state.steps.is_some() => &[
            (Action::Add, "milestone"),
            (Action::AddKr, "key result"),
            (Action::Edit, "edit"),
            (Action::Delete, "delete"),
            (Action::ToggleDone, "done"),
            (Action::KrReading, "reading"),
            (Action::Undo, "undo"),
            (Action::Close, "close"),
        ],
        Mode::Normal if state.pass.is_some() => pass_hints(state),
        Mode::Normal => &[
            (Action::Add, "add"),
            (Action::Edit, "edit"),
            (Action::Delete, "delete"),
            (Action::ToggleDone, "done"),
            (Action::Undo, "undo"),
            (Action::ToggleFocus, "focus"),
            (Action::AddUpdate, "update"),
            (Action::StartStop, "start/stop"),
            (Action::NextDay, "next day"),
            (Action::ToggleWeek, "week"),
            (Action::Decide, "decide"),
            (Action::TryRung, "tried"),
            (Action::Escalate, "escalate"),
            (Action::Resolve, "resolve"),
            (Action::TrackRecord, "track record"),
            (Action::Filter, "filter"),
            (Action::Plan, "plan"),
            (Action::Review, "review"),
            (Action::CopyReport, "copy report"),
            (Action::Help, "help"),
            (Action::Quit, "quit"),
        ],
    }
}

/// A guided pass shows the keys of its step.
fn pass_hints(state: &State) -> &'static [(Action, &'static str)] {
    use crate::pass::Ritual;
    let Some(pass) = &state.pass else { return &[] };
    match (pass.ritual, pass.step) {
        (Ritual::Plan, 0) => &[
            (Action::Toggle, "keep/drop"),
            (Action::Next, "next"),
            (Action::Back, "leave"),
            (Action::Help, "keys"),
        ],
        (Ritual::Plan, 1) => &[
            (Action::Toggle, "pick"),
            (Action::Next, "next"),
            (Action::Back, "back"),
            (Action::Leave, "leave"),
            (Action::Help, "keys"),
        ],
        (Ritual::Plan, 2) => &[
            (Action::Toggle, "place"),
            (Action::NextFocus, "other focus"),
            (Action::NextSlot, "other slot"),
            (Action::Longer, "longer"),
            (Action::Shorter, "shorter"),
            (Action::Edit, "edit"),
            (Action::Undo, "undo"),
            (Action::Next, "next"),
            (Action::Back, "back"),
            (Action::Help, "keys"),
        ],
        (Ritual::Plan, _) => &[
            (Action::Next, "acknowledge / finish"),
            (Action::Toggle, "toggle"),
            (Action::Back, "back"),
            (Action::Help, "keys"),
        ],
        (Ritual::Review, 0) => &[
            (Action::MarkWorked, "worked"),
            (Action::MarkSkipped, "skipped"),
            (Action::MarkMoved, "moved"),
            (Action::Next, "next"),
            (Action::Back, "leave"),
            (Action::Help, "keys"),
        ],
        (Ritual::Review, 1) => &[
            (Action::Next, "next"),
            (Action::Down, "next outcome"),
            (Action::Back, "back"),
        ],
        (Ritual::Review, 2) => &[
            (Action::Toggle, "still blocked"),
            (Action::TryRung, "tried"),
            (Action::Escalate, "escalate"),
            (Action::SetFollowUp, "follow-up"),
            (Action::Resolve, "resolved"),
            (Action::Next, "next"),
            (Action::Back, "back"),
            (Action::Help, "keys"),
        ],
        (Ritual::Review, 3) => &[
            (Action::Escalate, "escalate"),
            (Action::Decide, "decide"),
            (Action::MarkReported, "reported"),
            (Action::WriteOutcome, "outcome"),
            (Action::Next, "next"),
            (Action::Back, "back"),
            (Action::Help, "keys"),
        ],
        (Ritual::Review, _) => &[
            (Action::Next, "close the day"),
            (Action::Back, "back"),
            (Action::Leave, "leave"),
            (Action::Help, "keys"),
        ],
    }
}

/// The hints that fit in `width`; help and quit (the last two) always stay.
pub fn hint_spans(state: &State, keymap: &Keymap, width: usize) -> Vec<Span<'static>> {
    let contexts = state.contexts();
    let hints: Vec<(String, &str)> = hinted(state)
        .iter()
        .filter_map(|(action, label)| {
            keymap
                .key_for(&contexts, *action)
                .map(|k| (pretty_key(k), *label))
        })
        .collect();
    let cost = |(k, l): &(String, &str)| k.chars().count() + l.chars().count() + 3;
    let kept_last = if matches!(state.mode, Mode::Normal) {
        2.min(hints.len())
    } else {
        0
    };
    let (optional, last) = hints.split_at(hints.len() - kept_last);
    let mut room = width.saturating_sub(1 + last.iter().map(cost).sum::<usize>());
    let mut spans = vec![Span::raw(" ")];
    for hint in optional.iter().filter(|h| {
        let fits = cost(h) <= room;
        if fits {
            room -= cost(h);
        }
        fits
    }) {
        spans.push(Span::styled(hint.0.clone(), theme::key()));
        spans.push(Span::raw(format!(" {}  ", hint.1)));
    }
    for (key, label) in last {
        spans.push(Span::styled(key.clone(), theme::key()));
        spans.push(Span::raw(format!(" {label}  ")));
    }
    spans
}

pub fn draw_hints(frame: &mut Frame, area: Rect, state: &State, keymap: &Keymap) {
    let line = Line::from(hint_spans(state, keymap, area.width as usize)).style(theme::dim());
    frame.render_widget(Paragraph::new(line), area);
}

/// The filter being typed, in place of the message line.
pub fn draw_filter(frame: &mut Frame, area: Rect, state: &State) {
    let input = &state.filter_input;
    let width = area.width.saturating_sub(3) as usize;
    let scroll = input.visual_scroll(width.max(1));
    let shown: String = input.value().chars().skip(scroll).collect();
    let line = Line::from(vec![Span::styled(" / ", theme::key()), Span::raw(shown)]);
    frame.render_widget(Paragraph::new(line), area);
    let x = area.x + 3 + (input.visual_cursor().saturating_sub(scroll)) as u16;
    frame.set_cursor_position((x.min(area.right().saturating_sub(1)), area.y));
}
