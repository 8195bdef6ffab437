//! Marking a 4th focus asks which of the three to release.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Padding, Paragraph};

use super::{centered, theme};
use crate::state::{FocusChoice, State};

pub fn draw(frame: &mut Frame, area: Rect, state: &State, choice: &FocusChoice) {
    let title_of = |id: u32| {
        state
            .data()
            .priorities
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.title.clone())
            .unwrap_or_default()
    };
    let mut lines = vec![
        Line::raw(format!("“{}” wants focus,", title_of(choice.candidate))),
        Line::raw("but three outcomes are in focus already. Release which?"),
        Line::raw(""),
    ];
    for (i, id) in choice.options.iter().enumerate() {
        let style = if i == choice.cursor {
            theme::selected()
        } else {
            Default::default()
        };
        lines.push(Line::from(vec![
            Span::styled(format!(" {} ", i + 1), theme::key()),
            Span::styled(format!(" ◆ {} ", title_of(*id)), style),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(
        "1-3 or enter releases · esc keeps focus as it is",
        theme::dim(),
    )));
    let height = lines.len() as u16 + 2;
    let popup = centered(area, 64.min(area.width), height);
    frame.render_widget(Clear, popup);
    let block = Block::bordered()
        .padding(Padding::horizontal(1))
        .title(Span::styled(" Focus is full ", theme::title()));
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}
