//! Drives the whole app with real key sequences through the keymap and `update`,
//! drawn on ratatui's TestBackend. Shared by the snapshot test files.

use lane::app::key_action;
use lane::keymap::Keymap;
use lane::model::Data;
use lane::model::history::{Change, History, Step};
use lane::model::rules::Rules;
use lane::runner::{Io, dispatch};
use lane::state::State;
use lane::ui;
use lane::update::Msg;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

pub use crate::common::now;

/// The app on a test terminal; its effects run in memory (`MemoryIo`) or, for
/// the scenario tests, on a real data dir (`fortnight::DiskIo`).
pub struct Harness<I: Io = MemoryIo> {
    pub state: State,
    pub keymap: Keymap,
    pub term: Terminal<TestBackend>,
    pub io: I,
    /// Keys typed so far, counted as a user presses them.
    pub presses: usize,
    /// The time the app is told it is (the pinned `now()` unless a test moves it).
    pub clock: chrono::NaiveDateTime,
}

/// Effects as the app runs them, in memory: saves are counted (and always
/// succeed), copies kept, and no editor is set.
#[derive(Default)]
pub struct MemoryIo {
    pub saves: usize,
    pub saved: Option<Data>,
    /// What the app was asked to copy.
    pub copied: Vec<String>,
    /// The file names the copies were to be written under (reports/NAME.md).
    pub copied_names: Vec<String>,
    pub archive: Data,
    /// Reminders sent to the terminal.
    pub notified: Vec<String>,
    /// The data dir's undo history, as the saves and steps leave it.
    pub history: History,
}

impl Io for MemoryIo {
    fn notify(&mut self, text: &str) {
        self.notified.push(text.to_string());
    }
    fn save(&mut self, data: &Data, change: Option<(&Data, &str)>, _operation: &str) -> Msg {
        self.saves += 1;
        self.saved = Some(data.clone());
        if let Some(change) = change.and_then(|(before, what)| Change::of(what, before, data)) {
            self.history.record(change);
        }
        Msg::Saved(None)
    }
    fn step(&mut self, step: Step, data: &Data) -> Msg {
        let result = self
            .history
            .step(step, data, now(), &mut || "uid".to_string())
            .transpose()
            .map(|o| o.map(|(what, data)| (what, Box::new(data))));
        Msg::Stepped(step, result)
    }
    fn save_step(&mut self, _before: &Data, data: &Data) -> Msg {
        self.saves += 1;
        self.saved = Some(data.clone());
        Msg::Saved(None)
    }
    fn editor(&mut self, _initial: &str) -> Result<String, String> {
        Err("set $EDITOR (or $VISUAL) to write longer text; the text was kept as it was".into())
    }
    fn load_archive(&mut self) -> Result<Data, String> {
        Ok(self.archive.clone())
    }
    fn copy(&mut self, name: &str, text: &str) -> Result<String, String> {
        self.copied.push(text.to_string());
        self.copied_names.push(name.to_string());
        Ok(format!("copied {} lines", text.lines().count()))
    }
}

/// The rules the screens are drawn with. The pinned clock (08:10) is before
/// working hours, so the quiet "outside your hours" would be on every screen:
/// tests/boundaries.rs shows it on its own.
pub fn rules() -> Rules {
    let mut rules = Rules::default();
    rules.caps.outside_hours_notice = false;
    rules
}

impl Harness {
    pub fn new(width: u16, height: u16) -> Harness {
        Harness::with_rules(width, height, rules())
    }

    /// The app on the data `toml` holds (a `lane.toml` text), at this size.
    pub fn from_toml(toml: &str, width: u16, height: u16, rules: Rules) -> Harness {
        let data = lane::store::parse(std::path::Path::new("lane.toml"), toml.as_bytes()).unwrap();
        let mut h = Harness::with_rules(width, height, rules.clone());
        h.state = State::new(data, rules, 1, now());
        h.resize(width, height);
        h
    }

    pub fn with_rules(width: u16, height: u16, rules: Rules) -> Harness {
        Harness::on(
            State::new(Data::default(), rules, 1, now()),
            MemoryIo::default(),
            (width, height),
            now(),
        )
    }
}

impl<I: Io> Harness<I> {
    /// The app on `state`, its effects run by `io`, at this size and time.
    pub fn on(
        state: State,
        io: I,
        (width, height): (u16, u16),
        clock: chrono::NaiveDateTime,
    ) -> Self {
        let mut h = Harness {
            state,
            keymap: Keymap::defaults().unwrap(),
            term: Terminal::new(TestBackend::new(width, height)).unwrap(),
            io,
            presses: 0,
            clock,
        };
        h.resize(width, height);
        h
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        self.term.backend_mut().resize(width, height);
        let action = ui::layout::resize_action(Rect::new(0, 0, width, height));
        self.send(action.into());
    }

    /// Changes the data as an outside writer would (not a user's change in this window).
    pub fn change_data(&mut self, change: impl FnOnce(&mut Data)) {
        let mut data = self.state.data().clone();
        change(&mut data);
        self.state.replace_data(data);
    }

    /// Sends a message through the same runner the app uses.
    pub fn send(&mut self, msg: Msg) -> bool {
        let clock = self.clock;
        dispatch(&mut self.state, msg, &mut self.io, move || clock)
    }

    pub fn key(&mut self, code: KeyCode, mods: KeyModifiers) {
        self.presses += 1;
        if let Some(action) = key_action(&self.state, &self.keymap, KeyEvent::new(code, mods)) {
            self.send(action.into());
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

    /// The style of the first cell of `text` where it first shows on screen.
    pub fn style_of(&mut self, text: &str) -> ratatui::style::Style {
        self.screen();
        let buf = self.term.backend().buffer();
        let width = buf.area.width as usize;
        let cells: Vec<&str> = buf.content.iter().map(|c| c.symbol()).collect();
        let wanted: Vec<String> = text.chars().map(String::from).collect();
        let at = (0..cells.len())
            .find(|&i| {
                i % width + wanted.len() <= width
                    && wanted.iter().enumerate().all(|(k, c)| cells[i + k] == c)
            })
            .unwrap_or_else(|| panic!("`{text}` is not on screen"));
        buf.content[at].style()
    }

    pub fn screen(&mut self) -> String {
        let (state, keymap, clock) = (&self.state, &self.keymap, self.clock);
        self.term
            .draw(|f| ui::draw(f, state, keymap, clock))
            .unwrap();
        self.term.backend().to_string()
    }
}
