//! The Time blocks tab.

use chrono::NaiveDate;
use ratatui::layout::Constraint;
use ratatui::text::Span;
use ratatui::widgets::{Cell, Row};

use super::list::{Columns, check, row_style};
use super::theme;
use crate::model::Data;

pub fn columns<'a>(data: &'a Data, today: NaiveDate) -> Columns<'a> {
    Columns {
        header: vec!["Day", "Time", " ", "Kind", "Title"],
        widths: vec![
            Constraint::Length(10),
            Constraint::Length(11),
            Constraint::Length(1),
            Constraint::Length(7),
            Constraint::Fill(1),
        ],
        empty: "No time blocks yet — press a and type `9-10:30 billing spec`.",
        rows: Box::new(move |indices| {
            indices
                .iter()
                .map(|&i| &data.blocks[i])
                .map(|b| {
                    let day = if b.date == today {
                        "today".to_string()
                    } else {
                        b.date.format("%a %d %b").to_string()
                    };
                    Row::new(vec![
                        Cell::from(day),
                        Cell::from(format!(
                            "{}-{}",
                            b.start.format("%H:%M"),
                            b.end.format("%H:%M")
                        )),
                        Cell::from(check(b.done)),
                        Cell::from(Span::styled(b.kind.name(), theme::block_kind(b.kind))),
                        Cell::from(b.title.clone()),
                    ])
                    .style(row_style(b.done))
                })
                .collect()
        }),
    }
}
