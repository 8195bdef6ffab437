//! The Decisions tab.

use chrono::NaiveDate;
use ratatui::layout::Constraint;
use ratatui::widgets::{Cell, Row};

use super::list::{Columns, check, row_style};
use crate::model::Data;

pub fn columns<'a>(data: &'a Data, _today: NaiveDate) -> Columns<'a> {
    Columns {
        header: vec!["#", " ", "Date", "Situation", "Call", "Rev."],
        widths: vec![
            Constraint::Length(3),
            Constraint::Length(1),
            Constraint::Length(10),
            Constraint::Fill(2),
            Constraint::Fill(2),
            Constraint::Length(4),
        ],
        empty: "No decisions logged — press a to record a call and why.",
        rows: Box::new(move |indices| {
            indices
                .iter()
                .map(|&i| &data.decisions[i])
                .map(|d| {
                    Row::new(vec![
                        Cell::from(d.id.to_string()),
                        Cell::from(check(d.done)),
                        Cell::from(d.date.map(|x| x.to_string()).unwrap_or_default()),
                        Cell::from(d.situation.clone()),
                        Cell::from(d.call.clone()),
                        Cell::from(if d.reversible { "yes" } else { "no" }),
                    ])
                    .style(row_style(d.done))
                })
                .collect()
        }),
    }
}
