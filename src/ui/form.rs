//! The add/edit form: one line per field, the reason under a field that did not parse.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Padding, Paragraph};

use super::{centered, theme};
use crate::model::Data;
use crate::state::{Form, Purpose};

const LABEL: usize = 12;

pub fn draw(frame: &mut Frame, area: Rect, form: &Form, data: &Data) {
    let height = (form.fields.len() * 2 + 2) as u16;
    let popup = centered(area, 76.min(area.width.saturating_sub(2)).max(30), height);
    frame.render_widget(Clear, popup);
    let title = match form.purpose {
        Purpose::Edit(id) => format!(" Edit {} {id} ", form.kind.noun()),
        Purpose::Add => format!(" Add {} ", form.kind.noun()),
        Purpose::Update(id) => {
            let name = data
                .priorities
                .iter()
                .find(|p| p.id == id)
                .map(|p| p.title.as_str());
            format!(" Update on “{}” ", name.unwrap_or_default())
        }
    };
    let block = Block::bordered()
        .padding(Padding::horizontal(1))
        .title(Span::styled(title, theme::title()));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);

    let width = inner.width.saturating_sub(LABEL as u16 + 1) as usize;
    let mut lines = Vec::new();
    let mut cursor = None;
    for (i, field) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        let label_style = if focused {
            theme::key()
        } else {
            theme::title()
        };
        let value = field.input.value();
        let scroll = field.input.visual_scroll(width.max(1));
        let shown: String = value.chars().skip(scroll).collect();
        let text = if value.is_empty() && focused {
            Span::styled(field.spec.hint, theme::dim())
        } else if field.pristine {
            // A default: shown dimmed because the first key typed replaces it.
            Span::styled(shown, theme::dim())
        } else {
            Span::raw(shown)
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{:<LABEL$} ", field.spec.label), label_style),
            text,
        ]));
        if focused {
            let x = inner.x
                + LABEL as u16
                + 1
                + (field.input.visual_cursor().saturating_sub(scroll)) as u16;
            cursor = Some(Position::new(
                x.min(inner.right().saturating_sub(1)),
                inner.y + lines.len() as u16 - 1,
            ));
        }
        lines.push(match &field.error {
            Some(e) => Line::from(Span::styled(format!("{:LABEL$} ↳ {e}", ""), theme::error())),
            None => Line::raw(""),
        });
    }
    frame.render_widget(Paragraph::new(lines), inner);
    if let Some(c) = cursor {
        frame.set_cursor_position(c);
    }
}
