//! Colours and styles in one place. A palette is chosen once at start-up (config
//! `theme`, `[colors]`, or `NO_COLOR`); without colour every style still reads,
//! through bold, reverse, dim and strike-through.

use std::cell::Cell;
use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};

use crate::model::BlockKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    /// False for NO_COLOR and the `mono` theme: modifiers only.
    pub color: bool,
    pub header_fg: Color,
    pub header_bg: Color,
    pub accent: Color,
    pub dim: Color,
    pub error: Color,
    pub info: Color,
    pub warning: Color,
    pub focus: Color,
    /// deep, shallow, meeting, break, admin
    pub kinds: [Color; 5],
}

/// The 16 basic colours only, so every theme works on a 16-colour terminal.
pub const DARK: Palette = Palette {
    color: true,
    header_fg: Color::White,
    header_bg: Color::Blue,
    accent: Color::Cyan,
    dim: Color::DarkGray,
    error: Color::Red,
    info: Color::Green,
    warning: Color::Yellow,
    focus: Color::Magenta,
    kinds: [
        Color::Magenta,
        Color::Cyan,
        Color::Yellow,
        Color::Green,
        Color::Blue,
    ],
};

pub const LIGHT: Palette = Palette {
    color: true,
    header_fg: Color::White,
    header_bg: Color::Blue,
    accent: Color::Blue,
    dim: Color::Gray,
    error: Color::Red,
    info: Color::Green,
    warning: Color::Magenta,
    focus: Color::Magenta,
    kinds: [
        Color::Magenta,
        Color::Blue,
        Color::Red,
        Color::Green,
        Color::Black,
    ],
};

pub const HIGH_CONTRAST: Palette = Palette {
    color: true,
    header_fg: Color::Black,
    header_bg: Color::White,
    accent: Color::LightCyan,
    dim: Color::Gray,
    error: Color::LightRed,
    info: Color::LightGreen,
    warning: Color::LightYellow,
    focus: Color::LightMagenta,
    kinds: [
        Color::LightMagenta,
        Color::LightCyan,
        Color::LightYellow,
        Color::LightGreen,
        Color::White,
    ],
};

pub const MONO: Palette = Palette {
    color: false,
    ..DARK
};

/// A named theme.
pub fn named(name: &str) -> Option<Palette> {
    match name {
        "dark" => Some(DARK),
        "light" => Some(LIGHT),
        "high-contrast" => Some(HIGH_CONTRAST),
        "mono" => Some(MONO),
        _ => None,
    }
}

/// Sets one colour of a palette from config (`accent = "#5fafff"`, `warning = "yellow"`).
pub fn set_color(p: &mut Palette, key: &str, value: &str) -> Result<(), String> {
    let c = Color::from_str(value)
        .map_err(|_| format!("`{value}` is not a colour (red, #5fafff, 12)"))?;
    let slot = match key {
        "header_fg" => &mut p.header_fg,
        "header_bg" => &mut p.header_bg,
        "accent" => &mut p.accent,
        "dim" => &mut p.dim,
        "error" => &mut p.error,
        "info" => &mut p.info,
        "warning" => &mut p.warning,
        "focus" => &mut p.focus,
        "deep" => &mut p.kinds[0],
        "shallow" => &mut p.kinds[1],
        "meeting" => &mut p.kinds[2],
        "break" => &mut p.kinds[3],
        "admin" => &mut p.kinds[4],
        _ => return Err(format!("`{key}` is not a colour name lane uses")),
    };
    *slot = c;
    Ok(())
}

thread_local! {
    // Drawing happens on one thread; tests each set their own.
    static PALETTE: Cell<Palette> = const { Cell::new(DARK) };
}

pub fn set(p: Palette) {
    PALETTE.with(|c| c.set(p));
}

fn p() -> Palette {
    PALETTE.with(Cell::get)
}

/// A foreground colour, or the given modifier where colour is off.
fn fg(color: Color, or: Modifier) -> Style {
    let p = p();
    if p.color {
        Style::new().fg(color)
    } else {
        Style::new().add_modifier(or)
    }
}

pub fn header() -> Style {
    let p = p();
    let s = Style::new().add_modifier(Modifier::BOLD);
    if p.color {
        s.fg(p.header_fg).bg(p.header_bg)
    } else {
        s.add_modifier(Modifier::REVERSED)
    }
}
pub fn read_only() -> Style {
    let s = Style::new().add_modifier(Modifier::BOLD);
    if p().color {
        s.fg(Color::Black).bg(Color::Yellow)
    } else {
        s.add_modifier(Modifier::REVERSED)
    }
}
pub fn tab() -> Style {
    fg(p().dim, Modifier::empty())
}
pub fn tab_active() -> Style {
    let s = Style::new().add_modifier(Modifier::BOLD);
    if p().color {
        s.fg(Color::Black).bg(p().accent)
    } else {
        s.add_modifier(Modifier::REVERSED)
    }
}
pub fn table_header() -> Style {
    Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
}
pub fn selected() -> Style {
    Style::new().add_modifier(Modifier::REVERSED)
}
pub fn done() -> Style {
    fg(p().dim, Modifier::DIM).add_modifier(Modifier::CROSSED_OUT)
}
pub fn dim() -> Style {
    fg(p().dim, Modifier::DIM)
}
pub fn key() -> Style {
    fg(p().accent, Modifier::empty()).add_modifier(Modifier::BOLD)
}
pub fn error() -> Style {
    fg(p().error, Modifier::empty()).add_modifier(Modifier::BOLD)
}
pub fn info() -> Style {
    fg(p().info, Modifier::empty())
}
pub fn title() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}
pub fn focus() -> Style {
    fg(p().focus, Modifier::empty()).add_modifier(Modifier::BOLD)
}
pub fn warning() -> Style {
    fg(p().warning, Modifier::BOLD)
}
pub fn block_kind(kind: BlockKind) -> Style {
    let i = BlockKind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
    fg(p().kinds[i], Modifier::empty())
}
