//! The `?` overlay: every key in force, generated from the keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::fit::clip_line;
use super::{centered, theme};
use crate::action::Action;
use crate::context::Context;
use crate::keymap::{Binding, Keymap};
use crate::state::State;

/// Help entries: section titles and one line per action, keys for the same
/// action and description joined (`j, down  move down`).
pub fn entries(state: &State, keymap: &Keymap) -> Vec<(Option<String>, String)> {
    let mut out = Vec::new();
    if let Some(pass) = &state.pass {
        group(&mut out, keymap.active(&[pass.context()]));
        // The progress step takes typing, so `?` there is text: its keys are listed here.
        if pass.ritual == crate::pass::Ritual::Review && pass.context() != Context::Notes {
            group(&mut out, keymap.active(&[Context::Notes]));
        }
        group(&mut out, keymap.active(&[Context::Form]));
        return out;
    }
    if state.steps.is_some() {
        group(&mut out, keymap.active(&[Context::Steps]));
        group(&mut out, keymap.active(&[Context::Form]));
        return out;
    }
    // An offered re-fit's keys come first, as they do on the keyboard.
    if state.calendars.refit.is_some() {
        group(&mut out, keymap.active(&[Context::Refit]));
    }
    group(&mut out, keymap.active(&state.tab.contexts()));
    // On an item with a conflict, enter opens its details with the keys that
    // settle it: they are listed then (the rest of the time they would only
    // crowd the list's keys out of a small screen).
    if super::tabs::view(state.tab).detail.is_some() && state.selected_conflict().is_some() {
        group(&mut out, keymap.active(&[Context::Detail]));
    }
    // The outcome's list of steps (s) has keys of its own.
    if state.tab == crate::tabs::Tab::Priorities {
        group(&mut out, keymap.active(&[Context::Steps]));
    }
    // Forms are their own mode, so their keys are listed apart, not shadowed.
    group(&mut out, keymap.active(&[Context::Form]));
    // The tab's marks, read like keys: what a glyph on screen means.
    let marks = super::tabs::view(state.tab).marks;
    if !marks.is_empty() {
        out.push((None, "Marks".into()));
        out.extend(
            marks
                .iter()
                .map(|(m, what)| (Some(m.to_string()), what.to_string())),
        );
    }
    out
}

/// Key names as they read best in a narrow column.
pub fn pretty_key(key: &str) -> String {
    match key {
        "down" => "↓".into(),
        "up" => "↑".into(),
        "left" => "←".into(),
        "right" => "→".into(),
        "backtab" => "S-tab".into(),
        "pagedown" => "PgDn".into(),
        "pageup" => "PgUp".into(),
        other => other.to_string(),
    }
}

/// The five tab keys read better as one line.
fn is_tab_jump(action: Action) -> bool {
    matches!(
        action,
        Action::TabPriorities
            | Action::TabBlocks
            | Action::TabBlockers
            | Action::TabDecisions
            | Action::TabReview
    )
}

/// Adds a section title per context and one line per action.
fn group(out: &mut Vec<(Option<String>, String)>, active: Vec<(Context, &Binding)>) {
    let mut current = "";
    let mut merged: Vec<(String, &Binding)> = Vec::new();
    let mut tab_keys: Vec<String> = Vec::new();
    let flush = |merged: &mut Vec<(String, &Binding)>, out: &mut Vec<_>| {
        for (keys, b) in merged.drain(..) {
            let desc = if is_tab_jump(b.action) {
                "go to that tab".to_string()
            } else {
                b.desc.clone()
            };
            out.push((Some(keys), desc));
        }
    };
    for (ctx, b) in active {
        let title = ctx.heading();
        if title != current {
            flush(&mut merged, out);
            out.push((None, title.to_string()));
            current = title;
        }
        if is_tab_jump(b.action) {
            if tab_keys.is_empty() {
                merged.push((String::new(), b));
            }
            tab_keys.push(b.key.clone());
            continue;
        }
        match merged
            .iter_mut()
            .find(|(_, m)| m.action == b.action && m.desc == b.desc)
        {
            Some((keys, _)) => {
                keys.push_str(", ");
                keys.push_str(&pretty_key(&b.key));
            }
            None => merged.push((pretty_key(&b.key), b)),
        }
    }
    for (keys, b) in merged.iter_mut() {
        if keys.is_empty() && is_tab_jump(b.action) {
            *keys = tab_keys.join(" ");
        }
    }
    flush(&mut merged, out);
}

/// The entries with a blank before any heading that would end a column, so a
/// heading always starts its keys' column instead of sitting alone at the
/// bottom of the one before.
fn headings_with_their_keys(
    entries: &[(Option<String>, String)],
    rows: usize,
) -> Vec<(Option<String>, String)> {
    let mut out: Vec<(Option<String>, String)> = Vec::with_capacity(entries.len() + 4);
    for (i, e) in entries.iter().enumerate() {
        let last_row = rows > 1 && out.len() % rows == rows - 1;
        if e.0.is_none() && last_row && i + 1 < entries.len() {
            out.push((None, String::new()));
        }
        out.push(e.clone());
    }
    out
}

pub fn draw(frame: &mut Frame, area: Rect, state: &State, keymap: &Keymap) {
    let entries = entries(state, keymap);
    let key_w = entries
        .iter()
        .filter_map(|(k, _)| k.as_ref().map(|k| k.chars().count()))
        .max()
        .unwrap_or(4)
        .min(14);
    let desc_w = entries
        .iter()
        .map(|(_, d)| d.chars().count())
        .max()
        .unwrap_or(10);
    let natural = 2 + key_w + 1 + desc_w + 2;
    let inner_w = area.width.saturating_sub(2) as usize;
    let max_rows = area.height.saturating_sub(2).max(1) as usize;
    let cols = entries
        .len()
        .div_ceil(max_rows)
        .clamp(1, (inner_w / 30).max(1));
    let col_w = natural.min(inner_w / cols);
    // What does not fit on a small terminal scrolls (j/k), never left out.
    let max_scroll = entries.len().saturating_sub(max_rows * cols);
    let skip = state.help_scroll.min(max_scroll);
    let entries = &entries[skip..];
    let rows = entries.len().div_ceil(cols).min(max_rows);
    let entries = headings_with_their_keys(entries, rows);
    let rows = entries.len().div_ceil(cols).min(max_rows);
    let width = (cols * col_w + 2) as u16;
    let popup = centered(area, width, rows as u16 + 2);
    frame.render_widget(Clear, popup);
    let block = Block::bordered()
        .title(Span::styled(
            format!(
                " Keys — {} ",
                state
                    .pass
                    .as_ref()
                    .map_or(state.tab.title(), |p| p.ritual.title())
            ),
            theme::title(),
        ))
        .title_bottom(
            Line::from(if max_scroll > 0 {
                " j/k scroll · ? closes "
            } else {
                " ? or esc closes "
            })
            .style(theme::dim()),
        );
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    for (c, chunk) in entries.chunks(rows.max(1)).take(cols).enumerate() {
        let lines: Vec<Line> = chunk
            .iter()
            .map(|(key, desc)| match key {
                None => Line::from(Span::styled(desc.clone(), theme::title())),
                Some(k) => Line::from(vec![
                    Span::styled(format!("  {k:<key_w$} "), theme::key()),
                    Span::raw(desc.clone()),
                ]),
            })
            .map(|l| clip_line(l, col_w))
            .collect();
        let col = Rect {
            x: inner.x + (c * col_w) as u16,
            y: inner.y,
            width: (col_w as u16).min(inner.right().saturating_sub(inner.x + (c * col_w) as u16)),
            height: inner.height,
        };
        frame.render_widget(Paragraph::new(lines), col);
    }
}

/// `L`: the last messages in full, newest first, wrapped to the screen —
/// what the message line had to cut (a save error's path:line:col, a form
/// error's example) stays readable.
pub fn draw_messages(frame: &mut Frame, area: Rect, state: &State) {
    let width = area.width.saturating_sub(4).max(20);
    let height = area.height.saturating_sub(2).max(3);
    let popup = centered(area, width, height);
    frame.render_widget(Clear, popup);
    let block = Block::bordered()
        .title(Span::styled(" Messages — newest first ", theme::title()))
        .title_bottom(Line::from(" j/k scroll · L or esc closes ").style(theme::dim()));
    let lines: Vec<Line> = if state.said.is_empty() {
        vec![Line::styled("No messages yet.", theme::dim())]
    } else {
        state
            .said
            .iter()
            .rev()
            .map(|m| {
                let style = if m.error {
                    theme::error()
                } else {
                    ratatui::style::Style::default()
                };
                Line::styled(format!("· {}", m.text), style)
            })
            .collect()
    };
    let scroll = state.help_scroll.min(lines.len().saturating_sub(1)) as u16;
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(ratatui::widgets::Wrap { trim: false })
            .scroll((scroll, 0)),
        popup,
    );
}

#[cfg(test)]
mod tests {
    use super::headings_with_their_keys;

    #[test]
    fn a_heading_never_ends_a_column() {
        let key = |k: &str| (Some(k.to_string()), format!("{k} does it"));
        let heading = |h: &str| (None, h.to_string());
        let entries = vec![
            heading("This tab"),
            key("a"),
            key("b"),
            heading("Items"),
            key("c"),
            key("d"),
        ];
        // Four rows a column: "Items" would be the fourth row of the first.
        let laid = headings_with_their_keys(&entries, 4);
        assert_eq!(laid[3], (None, String::new()));
        assert_eq!(laid[4], heading("Items"));
        for column in laid.chunks(4) {
            assert!(
                column
                    .last()
                    .is_some_and(|(k, d)| k.is_some() || d.is_empty())
            );
        }
    }
}
