//! The add/edit form: one line per field, the reason under a field that did not parse.
//! A decision's form also shows, live, what the triage makes of it.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Padding, Paragraph, Wrap};

use super::{centered, theme};
use crate::state::{Form, Purpose, State};
use lane_core::model::form::Note;
use lane_core::model::ladder::untried;
use lane_core::model::parse::{parse_money, parse_yes_no};
use lane_core::model::triage::{Boundaries, reasons, recommend};
use lane_core::model::{Data, Kind, Lane, Level};

const LABEL: usize = 12;

fn title(form: &Form, data: &Data) -> String {
    match form.purpose {
        Purpose::Edit(id) => format!(" Edit {} {id} ", form.kind.noun()),
        Purpose::EditSeries(id) => format!(" Edit the series of block {id} (Date: its first day) "),
        Purpose::Add => format!(" Add {} ", form.kind.noun()),
        Purpose::CopyDay(from) => format!(" Copy the plan of {} ", from.format("%a %d %b")),
        Purpose::CloseDay(date) => format!(" Close {} ", date.format("%a %d %b")),
        Purpose::AddMilestone(id) => format!(" Add a milestone to priority {id} "),
        Purpose::MilestoneDone(id) => format!(" Milestone of priority {id} done "),
        Purpose::KrReading(id) => format!(" Key-result readings for priority {id} "),
        Purpose::AddKr(id) => format!(" Add a key result to priority {id} "),
        Purpose::EditMilestone(id, m) => format!(" Milestone {m} of priority {id} "),
        Purpose::EditKr(id, k) => format!(" Key result {k} of priority {id} "),
        Purpose::Note(note, id) => {
            let priority = data.priorities.iter().find(|p| p.id == id);
            let blocker = data.blockers.iter().find(|b| b.id == id);
            let decision = data.decisions.iter().find(|d| d.id == id);
            let name = match note.kind() {
                Kind::Priority => priority.map(|p| p.title.clone()),
                Kind::Blocker => blocker.map(|b| b.title.clone()),
                _ => decision.map(|d| d.situation.clone()),
            };
            let label = match (note, blocker) {
                (Note::Tried, Some(b)) => {
                    format!(
                        "Tried {}",
                        untried(b).first().map(|r| r.name()).unwrap_or_default()
                    )
                }
                _ => note.field()[0].label.to_string(),
            };
            format!(" {label} — “{}” ", name.unwrap_or_default())
        }
    }
}

/// Escalating a blocker before every rung is tried is allowed, and said out loud.
fn untried_warning(form: &Form, data: &Data) -> Option<Line<'static>> {
    let Purpose::Note(Note::EscalateBlocker, id) = form.purpose else {
        return None;
    };
    let b = data.blockers.iter().find(|b| b.id == id)?;
    let left: Vec<&str> = untried(b).iter().map(|r| r.name()).collect();
    (!left.is_empty()).then(|| {
        Line::from(Span::styled(
            format!(
                "Not tried yet: {}. Enter escalates anyway, and the record says so.",
                left.join(", ")
            ),
            theme::warning(),
        ))
    })
}

/// What the triage says about the decision as typed so far.
fn live_triage(form: &Form, b: &Boundaries) -> Option<Line<'static>> {
    if form.kind != Kind::Decision || matches!(form.purpose, Purpose::Note(..)) {
        return None;
    }
    let value = |key: &str| {
        form.fields
            .iter()
            .find(|f| f.spec.key == key)
            .map(|f| f.input.value().to_string())
            .unwrap_or_default()
    };
    // Half-typed values count as nothing yet rather than as errors.
    let cost = parse_money(&value("cost")).ok().flatten();
    let reversible = parse_yes_no(&value("reversible")).unwrap_or(true);
    let risk = Level::parse(&value("risk")).unwrap_or(Level::Low);
    let topics: Vec<String> = value("topics")
        .split(',')
        .map(|t| t.trim().to_string())
        .collect();
    let why = reasons(cost, &topics, reversible, risk, b);
    Some(match recommend(&why) {
        Lane::Decide => Line::from(vec![
            Span::styled(format!("{:<LABEL$} ", "Triage"), theme::title()),
            Span::styled("decide", theme::info()),
            Span::styled(" — inside your boundaries", theme::dim()),
        ]),
        Lane::Escalate => Line::from(vec![
            Span::styled(format!("{:<LABEL$} ", "Triage"), theme::title()),
            Span::styled("escalate", theme::warning()),
            Span::raw(format!(" — {}", why.join("; "))),
        ]),
    })
}

pub fn draw(frame: &mut Frame, area: Rect, form: &Form, state: &State) {
    let triage =
        live_triage(form, &state.rules.boundaries).or_else(|| untried_warning(form, state.data()));
    let width = 76.min(area.width.saturating_sub(2)).max(30);
    // The triage may need more than one line to list every reason.
    let triage_rows = triage.as_ref().map_or(0, |t| {
        t.width().div_ceil(width.saturating_sub(4) as usize).max(1)
    });
    // A line under each field for its error; where the screen is short, only
    // under a field that has one, so the header, the message line and the keys
    // stay in view (the priority form at 80×24).
    let errors = form.fields.iter().filter(|f| f.error.is_some()).count();
    let roomy = form.fields.len() * 2 + 2 + triage_rows + 3 <= area.height as usize;
    let field_rows = if roomy {
        form.fields.len() * 2
    } else {
        form.fields.len() + errors
    };
    let height = (field_rows + 2 + triage_rows) as u16;
    let popup = centered(area, width, height);
    frame.render_widget(Clear, popup);
    let block = Block::bordered()
        .padding(Padding::horizontal(1))
        .title(Span::styled(title(form, state.data()), theme::title()));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);

    let (lines, cursor) = field_lines(form, inner, roomy);
    let fields_height = lines.len() as u16;
    frame.render_widget(Paragraph::new(lines), inner);
    if let Some(t) = triage {
        let rest = Rect {
            y: inner.y + fields_height,
            height: inner.height.saturating_sub(fields_height),
            ..inner
        };
        frame.render_widget(Paragraph::new(t).wrap(Wrap { trim: false }), rest);
    }
    if let Some(c) = cursor {
        frame.set_cursor_position(c);
    }
}

/// Each field's line (its label and what is typed, scrolled to the cursor)
/// and the line under it for its error — blank only when `roomy` — and where
/// the terminal cursor goes.
fn field_lines(form: &Form, inner: Rect, roomy: bool) -> (Vec<Line<'static>>, Option<Position>) {
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
        // Text written in $EDITOR may hold line breaks; a field shows them as ↵.
        let shown: String = value
            .chars()
            .skip(scroll)
            .map(|c| if c == '\n' { '↵' } else { c })
            .collect();
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
            let y = inner.y + lines.len() as u16 - 1;
            cursor = Some(Position::new(x.min(inner.right().saturating_sub(1)), y));
        }
        match &field.error {
            Some(e) => lines.push(Line::from(Span::styled(
                format!("{:LABEL$} ↳ {e}", ""),
                theme::error(),
            ))),
            None if roomy => lines.push(Line::raw("")),
            None => {}
        }
    }
    (lines, cursor)
}
