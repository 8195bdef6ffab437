//! The Blockers tab.

use chrono::NaiveDate;
use ratatui::layout::Constraint;
use ratatui::widgets::{Cell, Row};

use super::list::{Columns, check, row_style};
use crate::model::{Data, Entry};

pub fn columns<'a>(data: &'a Data, today: NaiveDate) -> Columns<'a> {
    Columns {
        header: vec!["#", " ", "Title", "Waiting on", "Age"],
        widths: vec![
            Constraint::Length(3),
            Constraint::Length(1),
            Constraint::Fill(3),
            Constraint::Fill(1),
            Constraint::Length(5),
        ],
        empty: "No blockers — press a when something is stuck.",
        rows: Box::new(move |indices| {
            indices
                .iter()
                .map(|&i| &data.blockers[i])
                .map(|b| {
                    let age = b
                        .opened
                        .map(|d| format!("{}d", (today - d).num_days().max(0)))
                        .unwrap_or_default();
                    Row::new(vec![
                        Cell::from(b.id.to_string()),
                        Cell::from(check(b.is_done())),
                        Cell::from(b.title.clone()),
                        Cell::from(b.waiting_on.clone()),
                        Cell::from(age),
                    ])
                    .style(row_style(b.is_done()))
                })
                .collect()
        }),
    }
}
