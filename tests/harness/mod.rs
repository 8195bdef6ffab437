//! Drives the whole app with real key sequences through the keymap and `update`,
//! drawn on ratatui's TestBackend. Shared by the snapshot test files.
#![allow(dead_code)]

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use lane::app::key_action;
use lane::config::Keymap;
use lane::model::Data;
use lane::model::rank::Rules;
use lane::state::State;
use lane::ui;
use lane::update::{Effect, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

pub fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_time(NaiveTime::from_hms_opt(8, 10, 0).unwrap())
}

pub struct Harness {
    pub state: State,
    pub keymap: Keymap,
    pub term: Terminal<TestBackend>,
    pub saves: usize,
    /// Keys typed so far, counted as a user presses them.
    pub presses: usize,
    /// What the app was asked to copy.
    pub copied: Vec<String>,
}

impl Harness {
    pub fn new(width: u16, height: u16) -> Harness {
        let mut h = Harness {
            state: State::new(Data::default(), Rules::default(), 1, now()),
            keymap: Keymap::defaults().unwrap(),
            term: Terminal::new(TestBackend::new(width, height)).unwrap(),
            saves: 0,
            presses: 0,
            copied: Vec::new(),
        };
        h.resize(width, height);
        h
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        self.term.backend_mut().resize(width, height);
        let action = ui::layout::resize_action(Rect::new(0, 0, width, height));
        update(&mut self.state, action, now());
    }

    pub fn key(&mut self, code: KeyCode, mods: KeyModifiers) {
        self.presses += 1;
        if let Some(action) = key_action(&self.state, &self.keymap, KeyEvent::new(code, mods)) {
            for effect in update(&mut self.state, action, now()) {
                match effect {
                    Effect::Save => {
                        self.saves += 1;
                        self.state.dirty = false;
                    }
                    Effect::Copy { text, .. } => self.copied.push(text),
                    _ => {}
                }
            }
        }
    }

    /// Types keys: plain characters, or names in angle brackets: `<enter>`, `<esc>`,
    /// `<tab>`, `<backtab>`, `<space>`, `<down>`, `<c-r>`.
    pub fn keys(&mut self, keys: &str) -> &mut Self {
        let mut rest = keys;
        while let Some(c) = rest.chars().next() {
            if c == '<'
                && let Some(end) = rest.find('>')
                && end > 1
                && rest[1..end]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-')
            {
                let name = &rest[1..end];
                let (code, mods) = match name {
                    "enter" => (KeyCode::Enter, KeyModifiers::NONE),
                    "esc" => (KeyCode::Esc, KeyModifiers::NONE),
                    "tab" => (KeyCode::Tab, KeyModifiers::NONE),
                    "backtab" => (KeyCode::BackTab, KeyModifiers::SHIFT),
                    "space" => (KeyCode::Char(' '), KeyModifiers::NONE),
                    "down" => (KeyCode::Down, KeyModifiers::NONE),
                    "up" => (KeyCode::Up, KeyModifiers::NONE),
                    "bs" => (KeyCode::Backspace, KeyModifiers::NONE),
                    "c-r" => (KeyCode::Char('r'), KeyModifiers::CONTROL),
                    "c-u" => (KeyCode::Char('u'), KeyModifiers::CONTROL),
                    other => panic!("unknown key <{other}>"),
                };
                self.key(code, mods);
                rest = &rest[end + 1..];
                continue;
            }
            let mods = if c.is_ascii_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            self.key(KeyCode::Char(c), mods);
            rest = &rest[c.len_utf8()..];
        }
        self
    }

    pub fn screen(&mut self) -> String {
        let (state, keymap) = (&self.state, &self.keymap);
        self.term
            .draw(|f| ui::draw(f, state, keymap, now()))
            .unwrap();
        self.term.backend().to_string()
    }
}
