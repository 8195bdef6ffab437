//! The track record over the Decisions tab (T): month by month, the calls
//! decided in lane against those sent up, how they landed, how escalations
//! came back, and outcomes delivered by their due date — numbers and small
//! bars. The figures are `model::record`'s (the same as `lane report trust`);
//! this file only lays them out.

use chrono::NaiveDateTime;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::theme;
use crate::state::State;
use lane_core::model::archive::combine;
use lane_core::model::record::{Month, Record, months_back, record};

/// Months the view covers, this one included.
pub const MONTHS: u32 = 12;

/// Columns of a row besides its bars: the month (10), in lane · up (8 and a
/// gap of 2) and three rates (11 and a gap of 2 each).
const FIXED: u16 = 10 + 10 + 3 * 13;

pub fn draw(frame: &mut Frame, area: Rect, state: &State, now: NaiveDateTime) {
    frame.render_widget(Clear, area);
    let rules = &state.rules;
    let today = now.date();
    // The archive once it is read (a search or this view asked for it): a
    // year of record reaches past what the live file keeps.
    let all = state
        .archive
        .as_ref()
        .map(|archive| combine(state.data(), [archive.clone()]));
    let rec = record(
        all.as_ref().unwrap_or(state.data()),
        months_back(today, MONTHS),
        today,
        &rules.boundaries,
        &rules.trust,
    );
    let block = Block::bordered()
        .title(format!(
            " Track record — last {MONTHS} months · esc closes "
        ))
        .title_style(theme::title());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines = lines(&rec, inner.width, inner.height);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

/// Rows a wrapped line of `chars` characters takes at `width`.
fn rows_for(chars: usize, width: u16) -> usize {
    chars.div_ceil(usize::from(width.max(1))).max(1)
}

/// The view's lines for an area of `width` × `height`: as many months as fit,
/// the newest last, then the total and the suggestions.
fn lines(rec: &Record, width: u16, height: u16) -> Vec<Line<'static>> {
    if rec.months.is_empty() {
        return vec![
            Line::raw(""),
            Line::raw(" No calls or outcomes in these months yet."),
            Line::styled(
                " D decides a call, E escalates one; O rates how it landed, A records the answer.",
                theme::dim(),
            ),
        ];
    }
    let w = (width.saturating_sub(FIXED) / 4).clamp(3, 16) as usize;
    let said: Vec<String> = if rec.suggestions.is_empty() {
        vec![" No wider boundary suggested yet: the evidence is too thin.".into()]
    } else {
        rec.suggestions
            .iter()
            .map(|s| format!(" → {}", s.text))
            .collect()
    };
    let legend = " In lane: decided yourself · up: escalated · landed well: rated good · \
                  came back yours: answered “yours to decide” · on time: outcomes done by their due date";
    let said_rows: usize = said
        .iter()
        .map(|s| rows_for(s.chars().count(), width))
        .sum();
    // Header, total, a blank line and the suggestions' title are always there.
    let room = usize::from(height).saturating_sub(4 + said_rows);
    let shown = rec.months.len().min(room.max(1));
    let mut out = vec![header(w)];
    for m in &rec.months[rec.months.len() - shown..] {
        out.push(row(m, &m.month, w, Style::default()));
    }
    out.push(row(&rec.total, "Total", w, theme::title()));
    out.push(Line::raw(""));
    out.push(Line::styled(" Suggestions", theme::title()));
    for s in said {
        out.push(Line::raw(s));
    }
    let legend_rows = rows_for(legend.chars().count(), width);
    if usize::from(height) >= out.len() + 1 + legend_rows {
        out.push(Line::raw(""));
        out.push(Line::styled(legend, theme::dim()));
    }
    out
}

fn header(w: usize) -> Line<'static> {
    let lane = 8 + w;
    let rate = 11 + w;
    Line::styled(
        format!(
            " {:<9}{:<lane$}  {:<rate$}  {:<rate$}  {:<rate$}",
            "Month", "In lane · up", "Landed well", "Came back yours", "On time"
        ),
        theme::table_header(),
    )
}

/// `2026-11   12   3 ███░  83% ████ 5/6 …`.
fn row(m: &Month, label: &str, w: usize, style: Style) -> Line<'static> {
    let calls = m.decided + m.escalated;
    // In lane (█) against sent up (░), to the bar's width.
    let mine = (m.decided * w + calls / 2).checked_div(calls).unwrap_or(0);
    let mut spans = vec![
        Span::styled(format!(" {label:<9}"), style),
        Span::styled(format!("{:>3} {:>3} ", m.decided, m.escalated), style),
        Span::styled("█".repeat(mine), theme::info()),
        Span::styled(
            if calls == 0 { " " } else { "░" }.repeat(w - mine),
            theme::warning(),
        ),
        Span::raw("  "),
    ];
    for (pct, part, whole) in [
        (m.good_pct(), m.good, m.rated),
        (m.yours_pct(), m.yours, m.judged),
        (m.on_time_pct(), m.on_time, m.dated),
    ] {
        spans.extend(rate(pct, part, whole, w, style));
        spans.push(Span::raw("  "));
    }
    Line::from(spans)
}

/// ` 83% █████░ 5/6 `, or a dash and an empty bar with nothing to count.
fn rate(pct: Option<u32>, part: usize, whole: usize, w: usize, style: Style) -> Vec<Span<'static>> {
    let Some(pct) = pct else {
        return vec![Span::styled(
            format!("{:>4}{}", "–", " ".repeat(w + 7)),
            theme::dim(),
        )];
    };
    let filled = ((pct as usize).min(100) * w + 50) / 100;
    vec![
        Span::styled(format!("{pct:>3}% "), style),
        Span::styled("█".repeat(filled), theme::focus()),
        Span::styled("░".repeat(w - filled), theme::dim()),
        Span::styled(format!(" {:>2}/{:<2}", part, whole), style),
    ]
}
