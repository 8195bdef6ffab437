//! The colours a theme is made of, and the named themes. Config chooses one;
//! the screen's styles (ui::theme) are built from it.

use std::str::FromStr;

use ratatui_core::style::Color;

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
