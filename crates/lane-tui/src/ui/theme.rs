//! Colours and styles in one place. A palette is chosen once at start-up (config
//! `theme`, `[colors]`, or `NO_COLOR`); without colour every style still reads,
//! through bold, reverse, dim and strike-through.

use std::cell::Cell;

use ratatui::style::{Color, Modifier, Style};

use lane_core::model::BlockKind;

pub use lane_io::palette::{DARK, HIGH_CONTRAST, LIGHT, MONO, Palette, named, set_color};

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
