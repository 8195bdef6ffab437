//! Where things are on screen. Used to draw and, by the app, to map mouse clicks.

use ratatui::layout::{Constraint, Layout, Rect};
use unicode_width::UnicodeWidthStr;

use crate::action::Action;
use crate::state::SPLIT_WIDTH;
use crate::tabs::Tab;

pub struct Areas {
    pub header: Rect,
    pub focus: Rect,
    pub tabs: Rect,
    pub body: Rect,
    pub message: Rect,
    pub footer: Rect,
}

pub fn areas(area: Rect) -> Areas {
    let [header, focus, tabs, body, message, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    Areas {
        header,
        focus,
        tabs,
        body,
        message,
        footer,
    }
}

/// How many list rows fit (the body less its column header).
pub fn list_rows(area: Rect) -> usize {
    areas(area).body.height.saturating_sub(1) as usize
}

/// What the app tells `update` when the terminal has this size.
pub fn resize_action(area: Rect) -> Action {
    Action::Resize {
        rows: list_rows(area),
        wide: area.width >= SPLIT_WIDTH,
    }
}

/// The list and, when wide, charts beside it.
pub fn split(body: Rect, wide: bool) -> (Rect, Option<Rect>) {
    if !wide {
        return (body, None);
    }
    let [list, side] =
        Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)]).areas(body);
    (list, Some(side))
}

/// The list and, when wide, the detail beside it: about a third of the width
/// (its text wraps), so the list's titles keep the room to be read.
pub fn split_detail(body: Rect, wide: bool) -> (Rect, Option<Rect>) {
    if !wide {
        return (body, None);
    }
    let detail = (body.width * 36 / 100).clamp(32, 80);
    // A column between them, so the list's last column never touches the rule.
    let [list, detail] = Layout::horizontal([Constraint::Min(0), Constraint::Length(detail)])
        .spacing(1)
        .areas(body);
    (list, Some(detail))
}

/// The label of each tab in the tab bar.
pub fn tab_label(tab: Tab) -> String {
    format!(" {} {} ", tab.index() + 1, tab.title())
}

pub const TAB_GAP: u16 = 1;

/// The tab under column `x` of the tab bar.
pub fn tab_at(area: Rect, x: u16, y: u16) -> Option<usize> {
    let tabs = areas(area).tabs;
    if y != tabs.y {
        return None;
    }
    let mut left = tabs.x;
    for tab in Tab::all() {
        let w = tab_label(tab).width() as u16;
        if x >= left && x < left + w {
            return Some(tab.index());
        }
        left += w + TAB_GAP;
    }
    None
}

/// The list row (counted from the first visible one) under line `y`.
pub fn row_at(area: Rect, y: u16) -> Option<usize> {
    let body = areas(area).body;
    let first = body.y + 1;
    (y >= first && y < body.y + body.height).then(|| (y - first) as usize)
}
