//! Marking a 4th focus (or a quarter's one strategic outcome too many) asks
//! which of those holding the place to release; editing or deleting a
//! recurring block asks whether the day or the whole series is meant.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Padding, Paragraph};

use super::{centered, theme};
use crate::state::{FocusChoice, Place, SeriesChoice, State};
use lane_core::model::text::visible;

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
    let n = choice.options.len();
    let (wants, full, mark, title, keep) = match &choice.place {
        Place::Focus => (
            "wants focus,".to_string(),
            "but three outcomes are in focus already. Release which?".to_string(),
            "◆",
            " Focus is full ".to_string(),
            "focus as it is",
        ),
        Place::Strategic(q) => (
            format!("wants to be strategic for {q},"),
            format!("but {q} has {n} strategic outcomes already. Release which?"),
            "★",
            format!(" {q} is full "),
            "the quarter as it is",
        ),
    };
    let mut lines = vec![
        Line::raw(format!("“{}” {wants}", title_of(choice.candidate))),
        Line::raw(full),
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
            Span::styled(format!(" {mark} {} ", title_of(*id)), style),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(
        format!("1-{} or enter releases · esc keeps {keep}", n.clamp(1, 9)),
        theme::dim(),
    )));
    let height = lines.len() as u16 + 2;
    // Long titles widen the box rather than being cut.
    let widest = lines.iter().map(Line::width).max().unwrap_or(0) as u16 + 4;
    let popup = centered(area, widest.max(64).min(area.width), height);
    frame.render_widget(Clear, popup);
    let block = Block::bordered()
        .padding(Padding::horizontal(1))
        .title(Span::styled(title, theme::title()));
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}

pub fn draw_series(frame: &mut Frame, area: Rect, state: &State, choice: &SeriesChoice) {
    let data = state.data();
    let block = data.blocks.iter().find(|b| b.id == choice.block);
    let series = lane_core::model::series::of_block(data, choice.block).ok();
    let verb = if choice.delete { "Delete" } else { "Edit" };
    let mut lines = vec![
        Line::raw(format!(
            "“{}” on {} repeats ({}).",
            block.map(|b| visible(&b.title)).unwrap_or_default(),
            block.map_or(String::new(), |b| b.date.format("%a %d %b").to_string()),
            series.map(|s| visible(&s.every)).unwrap_or_default(),
        )),
        Line::raw(format!("{verb} which?")),
        Line::raw(""),
    ];
    let options = [
        ("o", "this one only".to_string()),
        (
            "s",
            if choice.delete {
                "the whole series (its coming days; what was worked stays)".to_string()
            } else {
                "the whole series (its coming untouched days follow)".to_string()
            },
        ),
    ];
    for (i, (key, text)) in options.iter().enumerate() {
        let style = if i == choice.cursor {
            theme::selected()
        } else {
            Default::default()
        };
        lines.push(Line::from(vec![
            Span::styled(format!(" {key} "), theme::key()),
            Span::styled(format!(" {text} "), style),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(
        "o, s or enter chooses · esc leaves it",
        theme::dim(),
    )));
    let height = lines.len() as u16 + 2;
    let popup = centered(area, 72.min(area.width), height);
    frame.render_widget(Clear, popup);
    let border = Block::bordered()
        .padding(Padding::horizontal(1))
        .title(Span::styled(
            format!(" {verb} a repeating block "),
            theme::title(),
        ));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(ratatui::widgets::Wrap { trim: false })
            .block(border),
        popup,
    );
}
