//! The Review tab: past daily reviews.

use chrono::NaiveDate;
use ratatui::layout::Constraint;
use ratatui::widgets::{Cell, Row};

use super::list::Columns;
use crate::model::Data;

pub fn columns<'a>(data: &'a Data, _today: NaiveDate) -> Columns<'a> {
    Columns {
        header: vec!["Date", "Energy", "Wins", "Carry over", "Notes"],
        widths: vec![
            Constraint::Length(10),
            Constraint::Length(6),
            Constraint::Fill(2),
            Constraint::Fill(2),
            Constraint::Fill(1),
        ],
        empty: "No reviews yet — press a at the end of the day to write today's.",
        rows: Box::new(move |indices| {
            indices
                .iter()
                .map(|&i| &data.reviews[i])
                .map(|r| {
                    Row::new(vec![
                        Cell::from(r.date.to_string()),
                        Cell::from(r.energy.map(|e| format!("{e}/5")).unwrap_or_default()),
                        Cell::from(r.wins.clone()),
                        Cell::from(r.carry_over.clone()),
                        Cell::from(r.notes.clone()),
                    ])
                })
                .collect()
        }),
    }
}
