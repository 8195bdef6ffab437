//! The detail pane every tab shares: an item's facts as labelled fields, and
//! the pane they are drawn in, where a value too long for it wraps under
//! itself rather than under its label.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Padding, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::fit::wrap_words;
use super::theme;

/// Columns before a field's value: its label, padded.
const LABEL_W: usize = 10;

/// `Label     value`; a value of several lines (written in $EDITOR) keeps its
/// lines, blank ones too, each under the first.
pub fn field(label: &str, value: String) -> Vec<Line<'static>> {
    let mut lines = value.split('\n');
    let first = lines.next().unwrap_or_default().to_string();
    let mut out = vec![Line::from(vec![
        Span::styled(format!("{label:<9} "), theme::dim()),
        Span::raw(first),
    ])];
    out.extend(lines.map(|l| Line::raw(format!("{:LABEL_W$}{l}", ""))));
    out
}

/// A labelled line (a field, an update under its date: a short label ending in
/// a space, then the text) wrapped to `width` with the text's lines under the
/// text; any other line as it is.
fn hang(line: Line<'static>, width: usize) -> Vec<Line<'static>> {
    let indent = line.spans.first().map_or(0, |s| s.content.width());
    let labelled = line.spans.len() == 2
        && (LABEL_W..=LABEL_W + 2).contains(&indent)
        && line.spans[0].content.ends_with(' ');
    if !labelled || line.width() <= width || width < indent + 12 {
        return vec![line];
    }
    let (label, text) = (line.spans[0].clone(), &line.spans[1]);
    wrap_words(&text.content, width - indent)
        .into_iter()
        .enumerate()
        .map(|(i, part)| {
            let head = if i == 0 {
                label.clone()
            } else {
                Span::raw(" ".repeat(indent))
            };
            Line::from(vec![head, Span::styled(part, text.style)])
        })
        .collect()
}

/// Draws detail lines in a pane with a rule on its left. A field's value too
/// long for the pane wraps under itself, not under its label.
pub fn draw_detail(
    frame: &mut Frame,
    area: Rect,
    lines: Option<Vec<Line<'static>>>,
    scroll: usize,
) {
    let block = Block::new()
        .borders(Borders::LEFT)
        .padding(Padding::horizontal(1));
    let inner = block.inner(area);
    let width = inner.width as usize;
    let mut lines = lines
        .unwrap_or_else(|| vec![Line::from(Span::styled("Nothing selected.", theme::dim()))])
        .into_iter()
        .flat_map(|l| hang(l, width))
        .collect::<Vec<_>>();
    // Scrolled (j/k in the overlay) no further than the last line at the bottom.
    let height = inner.height as usize;
    let skip = scroll.min(lines.len().saturating_sub(height));
    if skip > 0 {
        lines.drain(..skip);
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        area,
    );
}
