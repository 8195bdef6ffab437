//! A report in an overlay: what `y` copies, readable before it is sent.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::{centered, theme};
use crate::pass::ReportView;

pub fn draw(frame: &mut Frame, area: Rect, view: &ReportView) {
    // Leaves the message line and the key hints below it in view.
    let area = centered(area, 100, area.height);
    let area = Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(3),
        ..area
    };
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .title(format!(
            " {} report — y copies, esc closes ",
            view.kind.name()
        ))
        .title_style(theme::title());
    let text = Paragraph::new(view.text.as_str())
        .block(block)
        .wrap(Wrap { trim: false })
        .scroll((view.scroll.min(u16::MAX as usize) as u16, 0));
    frame.render_widget(text, area);
}
