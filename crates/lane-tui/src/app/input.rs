//! Terminal input as the app's actions: a key through the keymap (or into the
//! text field being typed in), a click or a scroll on what is drawn where.

use std::time::Instant;

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Rect;
use tui_input::InputRequest;

use crate::action::Action;
use crate::keymap::Keymap;
use crate::state::{Mode, State};
use crate::ui;

pub fn key_action(state: &State, keymap: &Keymap, key: KeyEvent) -> Option<Action> {
    if let Some(action) = keymap.lookup(&state.contexts(), key) {
        return Some(action);
    }
    if state.typing() {
        return input_request(key).map(Action::Input);
    }
    match state.mode {
        // Digits pick a choice directly.
        Mode::ChooseFocus(_) => match key.code {
            KeyCode::Char(c @ '1'..='9') => Some(Action::SelectRow(c as usize - '1' as usize)),
            _ => None,
        },
        // o: this one, s: the whole series (or 1 and 2).
        Mode::AskSeries(_) => match key.code {
            KeyCode::Char('o' | '1') => Some(Action::SelectRow(0)),
            KeyCode::Char('s' | '2') => Some(Action::SelectRow(1)),
            _ => None,
        },
        _ => None,
    }
}

/// Text editing keys inside a field, readline-style.
fn input_request(key: KeyEvent) -> Option<InputRequest> {
    use InputRequest::*;
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    Some(match key.code {
        KeyCode::Char(c) if !ctrl && !alt => InsertChar(c),
        KeyCode::Char('a') if ctrl => GoToStart,
        KeyCode::Char('e') if ctrl => GoToEnd,
        KeyCode::Char('b') if ctrl => GoToPrevChar,
        KeyCode::Char('f') if ctrl => GoToNextChar,
        KeyCode::Char('w') if ctrl => DeletePrevWord,
        KeyCode::Char('u') if ctrl => DeleteLine,
        KeyCode::Char('k') if ctrl => DeleteTillEnd,
        KeyCode::Char('b') if alt => GoToPrevWord,
        KeyCode::Char('f') if alt => GoToNextWord,
        KeyCode::Backspace if ctrl || alt => DeletePrevWord,
        KeyCode::Backspace => DeletePrevChar,
        KeyCode::Delete => DeleteNextChar,
        KeyCode::Left if ctrl || alt => GoToPrevWord,
        KeyCode::Right if ctrl || alt => GoToNextWord,
        KeyCode::Left => GoToPrevChar,
        KeyCode::Right => GoToNextChar,
        KeyCode::Home => GoToStart,
        KeyCode::End => GoToEnd,
        _ => return None,
    })
}

/// Two clicks on one row within this long are a double click.
const DOUBLE_CLICK: std::time::Duration = std::time::Duration::from_millis(400);

pub fn mouse_action(state: &State, area: Rect, m: MouseEvent) -> Option<Action> {
    if !matches!(state.mode, Mode::Normal) {
        return None;
    }
    match m.kind {
        MouseEventKind::Down(MouseButton::Left) => {
            if let Some(tab) = ui::layout::tab_at(area, m.column, m.row) {
                return Some(Action::SelectTab(tab));
            }
            // Only a table's rows are items (the timeline's are times); over
            // the steps list, or in sections by quarter (headings move the
            // rows), a click is on no row of the list.
            ui::tabs::view(state.tab).columns?;
            if state.steps.is_some() || state.quarters_shown() {
                return None;
            }
            ui::layout::row_at(area, m.row).map(|r| Action::SelectRow(state.pos().offset + r))
        }
        MouseEventKind::ScrollDown => Some(Action::Down),
        MouseEventKind::ScrollUp => Some(Action::Up),
        _ => None,
    }
}

/// What turning terminal events into actions remembers: the screen's size,
/// for where a click lands, and the last click, for a double one.
pub(super) struct Pointer {
    pub(super) area: Rect,
    last_click: Option<(Instant, usize)>,
}

impl Pointer {
    pub(super) fn new(area: Rect) -> Pointer {
        Pointer {
            area,
            last_click: None,
        }
    }

    /// The action an event asks for, if any.
    pub(super) fn action(&mut self, ev: Event, state: &State, keymap: &Keymap) -> Option<Action> {
        match ev {
            Event::Key(k) if k.kind != KeyEventKind::Release => key_action(state, keymap, k),
            Event::Mouse(m) => match mouse_action(state, self.area, m) {
                // A second click on the same row soon after the first opens it.
                Some(Action::SelectRow(row)) => {
                    let double = self
                        .last_click
                        .is_some_and(|(at, r)| r == row && at.elapsed() < DOUBLE_CLICK);
                    self.last_click = Some((Instant::now(), row));
                    Some(if double {
                        Action::Edit
                    } else {
                        Action::SelectRow(row)
                    })
                }
                other => other,
            },
            Event::Resize(w, h) => {
                self.area = Rect::new(0, 0, w, h);
                Some(ui::layout::resize_action(self.area))
            }
            _ => None,
        }
    }
}
