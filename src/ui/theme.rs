//! Colours and styles in one place.

use ratatui::style::{Color, Modifier, Style};

use crate::model::BlockKind;

pub fn header() -> Style {
    Style::new()
        .fg(Color::White)
        .bg(Color::Blue)
        .add_modifier(Modifier::BOLD)
}
pub fn read_only() -> Style {
    Style::new()
        .fg(Color::Black)
        .bg(Color::Yellow)
        .add_modifier(Modifier::BOLD)
}
pub fn tab() -> Style {
    Style::new().fg(Color::Gray)
}
pub fn tab_active() -> Style {
    Style::new()
        .fg(Color::Black)
        .bg(Color::Cyan)
        .add_modifier(Modifier::BOLD)
}
pub fn table_header() -> Style {
    Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
}
pub fn selected() -> Style {
    Style::new().add_modifier(Modifier::REVERSED)
}
pub fn done() -> Style {
    Style::new()
        .fg(Color::DarkGray)
        .add_modifier(Modifier::CROSSED_OUT)
}
pub fn dim() -> Style {
    Style::new().fg(Color::DarkGray)
}
pub fn key() -> Style {
    Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
}
pub fn error() -> Style {
    Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
}
pub fn info() -> Style {
    Style::new().fg(Color::Green)
}
pub fn title() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}
pub fn high() -> Style {
    Style::new().fg(Color::Red)
}
pub fn block_kind(kind: BlockKind) -> Style {
    Style::new().fg(match kind {
        BlockKind::Deep => Color::Magenta,
        BlockKind::Shallow => Color::Cyan,
        BlockKind::Meeting => Color::Yellow,
        BlockKind::Break => Color::Green,
        BlockKind::Admin => Color::Blue,
    })
}
pub fn focus() -> Style {
    Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD)
}
pub fn warning() -> Style {
    Style::new().fg(Color::Yellow)
}
