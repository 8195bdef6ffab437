//! The Priorities tab.

use chrono::NaiveDate;
use ratatui::layout::Constraint;
use ratatui::text::Span;
use ratatui::widgets::{Cell, Row};

use super::list::{Columns, check, row_style};
use super::theme;
use crate::model::{Data, Entry, Level};

pub fn columns<'a>(data: &'a Data, _today: NaiveDate) -> Columns<'a> {
    Columns {
        header: vec!["#", " ", "Title", "Impact", "Urgency", "Due", "Outcome"],
        widths: vec![
            Constraint::Length(3),
            Constraint::Length(1),
            Constraint::Fill(3),
            Constraint::Length(6),
            Constraint::Length(7),
            Constraint::Length(10),
            Constraint::Fill(2),
        ],
        len: data.priorities.len(),
        empty: "No priorities yet — press a to add the outcome you own.",
        rows: Box::new(move |range| {
            data.priorities[range]
                .iter()
                .map(|p| {
                    let level = |l: Level| {
                        let s = if l == Level::High {
                            theme::high()
                        } else {
                            Default::default()
                        };
                        Cell::from(Span::styled(l.name(), s))
                    };
                    Row::new(vec![
                        Cell::from(p.id.to_string()),
                        Cell::from(check(p.is_done())),
                        Cell::from(p.title.clone()),
                        level(p.impact),
                        level(p.urgency),
                        Cell::from(p.due.map(|d| d.to_string()).unwrap_or_default()),
                        Cell::from(p.outcome.clone()),
                    ])
                    .style(row_style(p.is_done()))
                })
                .collect()
        }),
    }
}
