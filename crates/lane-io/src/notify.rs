//! How the open app signals a reminder besides its message line (config key
//! `notify`): an escape sequence a terminal turns into a desktop notification,
//! the bell, or nothing.

/// How the app signals a reminder besides its message line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Notify {
    /// OSC 9 (a desktop notification in iTerm2, kitty, WezTerm, foot, Windows
    /// Terminal; others ignore it), then the bell.
    #[default]
    Osc9,
    /// OSC 777 (rxvt-unicode, Ghostty, foot, Konsole…), then the bell.
    Osc777,
    /// The bell alone.
    Bell,
    /// Nothing but the message line.
    Off,
}

impl Notify {
    const NAMES: [(&'static str, Notify); 4] = [
        ("osc9", Notify::Osc9),
        ("osc777", Notify::Osc777),
        ("bell", Notify::Bell),
        ("off", Notify::Off),
    ];

    pub fn parse(name: &str) -> Option<Notify> {
        Notify::NAMES
            .iter()
            .find(|(n, _)| *n == name.trim())
            .map(|(_, v)| *v)
    }

    /// The bytes that tell the terminal: `text` must already be escaped.
    pub fn sequence(self, text: &str) -> String {
        match self {
            Notify::Osc9 => format!("\x1b]9;{text}\x07\x07"),
            Notify::Osc777 => format!("\x1b]777;notify;lane;{text}\x07\x07"),
            Notify::Bell => "\x07".into(),
            Notify::Off => String::new(),
        }
    }
}
