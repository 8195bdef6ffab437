//! The message line and the key hint line, built from the keymap in force.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme;
use crate::action::Action;
use crate::config::Keymap;
use crate::state::{Mode, State};

pub fn draw_message(frame: &mut Frame, area: Rect, state: &State) {
    if let Some(m) = &state.message {
        let style = if m.error {
            theme::error()
        } else {
            theme::info()
        };
        frame.render_widget(
            Paragraph::new(Span::styled(format!(" {}", m.text), style)),
            area,
        );
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
        Mode::Help => &[(Action::Close, "close help")],
        Mode::Normal => &[
            (Action::Add, "add"),
            (Action::Edit, "edit"),
            (Action::Delete, "delete"),
            (Action::ToggleDone, "done"),
            (Action::Undo, "undo"),
            (Action::Help, "help"),
            (Action::Quit, "quit"),
        ],
    }
}

pub fn hint_spans(state: &State, keymap: &Keymap) -> Vec<Span<'static>> {
    let contexts = state.contexts();
    let mut spans = vec![Span::raw(" ")];
    for (action, label) in hinted(state) {
        if let Some(key) = keymap.key_for(&contexts, *action) {
            spans.push(Span::styled(key.to_string(), theme::key()));
            spans.push(Span::raw(format!(" {label}  ")));
        }
    }
    spans
}

pub fn draw_hints(frame: &mut Frame, area: Rect, state: &State, keymap: &Keymap) {
    let line = Line::from(hint_spans(state, keymap)).style(theme::dim());
    frame.render_widget(Paragraph::new(line), area);
}
