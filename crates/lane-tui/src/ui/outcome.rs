//! The steering part of an outcome's detail: whom it was agreed with, its
//! quarter, its milestones and its key results with their readings.

use chrono::NaiveDate;
use ratatui::text::{Line, Span};

use super::detail::field;
use super::theme;
use lane_core::model::Priority;
use lane_core::model::checkpoints;
use lane_core::model::outcomes::{KeyResult, is_unagreed, milestones_done, number, quarter};
use lane_core::model::rules::Rules;

/// `60% · milestones 1/3`, or `None` when neither is tracked.
/// A milestone as marked everywhere: `✓` done (when), `!` overdue in the error
/// colour; `None` for one still ahead (each view marks those its own way).
pub fn milestone_mark(
    m: &lane_core::model::outcomes::Milestone,
    today: NaiveDate,
) -> Option<(&'static str, String, ratatui::style::Style)> {
    match (m.done, m.due) {
        (Some(d), _) => Some(("✓", format!("done {}", d.format("%d %b")), theme::done())),
        (None, Some(due)) if due < today => Some((
            "!",
            format!("{} overdue", due.format("%a %d %b")),
            theme::error(),
        )),
        _ => None,
    }
}

pub fn progress_text(p: &Priority) -> Option<String> {
    let (done, total) = milestones_done(p);
    let mut parts = Vec::new();
    if let Some(pct) = p.progress {
        parts.push(format!("{pct}%"));
    }
    if total > 0 {
        parts.push(format!("milestones {done}/{total}"));
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// A row of the plan's follow-ups: `checkpoint Ship billing — Invoice PDF due
/// Tue 24 Nov`, every checkpoint of the outcome in due order.
pub fn checkpoint_text(p: &Priority, rules: &Rules, today: NaiveDate) -> String {
    let due: Vec<String> = checkpoints::of(p, rules, today)
        .into_iter()
        .map(|m| {
            let when = m
                .due
                .map(|d| super::dates::due_label(Some(d), today))
                .unwrap_or_default();
            format!("{} due {when}", m.title)
        })
        .collect();
    format!("checkpoint {} — {}", p.title, due.join(", "))
}

/// Agreement and strategy, shown under the rank.
pub fn agreement_lines(p: &Priority) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    if !p.agreed_with.is_empty() {
        let on = p.agreed_on.map(|d| format!(" on {d}")).unwrap_or_default();
        lines.extend(field("Agreed", format!("with {}{on}", p.agreed_with)));
    } else if is_unagreed(p) {
        lines.push(Line::from(vec![
            Span::styled(format!("{:<9} ", "Agreed"), theme::dim()),
            Span::styled("with nobody yet — agree it up front", theme::warning()),
        ]));
    }
    if !p.boundaries.is_empty() {
        lines.extend(field("Bounds", p.boundaries.clone()));
    }
    if p.strategic {
        let q = quarter(p).unwrap_or_default();
        lines.extend(field("Strategic", q));
    }
    lines
}

/// Milestones in due order, then key results with a bar and their readings.
pub fn steering_lines(p: &Priority, today: NaiveDate) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    if !p.milestones.is_empty() {
        let (done, total) = milestones_done(p);
        lines.push(Line::raw(""));
        lines.push(Line::from(vec![
            Span::styled("Milestones", theme::title()),
            Span::styled(format!("  {done}/{total} done"), theme::dim()),
        ]));
        let mut ms: Vec<_> = p.milestones.iter().collect();
        ms.sort_by_key(|m| (m.due.is_none(), m.due, m.id));
        for m in ms {
            let (mark, when, style) = milestone_mark(m, today).unwrap_or_else(|| match m.due {
                Some(due) => (" ", due.format("%a %d %b").to_string(), Default::default()),
                None => (" ", String::new(), Default::default()),
            });
            lines.push(Line::from(vec![
                Span::styled(format!("{:>2} {mark} ", m.id), style),
                Span::styled(m.title.clone(), style),
                Span::styled(format!("  {when}"), theme::dim()),
            ]));
        }
    }
    if !p.key_results.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::from(Span::styled("Key results", theme::title())));
        for kr in &p.key_results {
            lines.extend(key_result_lines(kr));
        }
    }
    lines
}

/// `p95 latency ████░░░░ 50%` and `400 → 300 ms, target 200  ▇▅▃`.
fn key_result_lines(kr: &KeyResult) -> Vec<Line<'static>> {
    let pct = kr.progress();
    let filled = usize::from(pct) * 10 / 100;
    let bar = format!("{}{}", "█".repeat(filled), "░".repeat(10 - filled));
    let now = match kr.current() {
        Some(v) => format!("{} → {}", number(kr.baseline), kr.show(v)),
        None => format!("{} (no reading yet)", kr.show(kr.baseline)),
    };
    vec![
        Line::from(vec![
            Span::raw(format!("{:>2} {} ", kr.id, kr.name)),
            Span::styled(bar, theme::info()),
            Span::raw(format!(" {pct}%")),
        ]),
        Line::from(vec![
            Span::styled(
                format!("     {now}, target {}  ", number(kr.target)),
                theme::dim(),
            ),
            Span::styled(sparkline(kr), theme::info()),
        ]),
    ]
}

/// The last readings as block heights, scaled from the lowest to the highest of
/// them, the baseline and the target.
pub fn sparkline(kr: &KeyResult) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let mut readings: Vec<_> = kr.readings.iter().collect();
    readings.sort_by_key(|r| r.date);
    let last: Vec<f64> = readings
        .iter()
        .rev()
        .take(12)
        .rev()
        .map(|r| r.value)
        .collect();
    let all = last.iter().copied().chain([kr.baseline, kr.target]);
    let (lo, hi) = all.fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
    last.iter()
        .map(|v| {
            let share = if hi > lo { (v - lo) / (hi - lo) } else { 1.0 };
            BARS[((share * 7.0).round() as usize).min(7)]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use lane_core::model::Extra;
    use lane_core::model::outcomes::Reading;

    #[test]
    fn the_sparkline_spans_baseline_to_target() {
        let reading = |day: u32, value: f64| Reading {
            date: NaiveDate::from_ymd_opt(2026, 11, day).unwrap_or_default(),
            value,
            extra: Extra::new(),
        };
        let kr = KeyResult {
            id: 1,
            uid: String::new(),
            name: "k".into(),
            unit: String::new(),
            baseline: 400.0,
            target: 200.0,
            readings: vec![reading(3, 200.0), reading(1, 400.0), reading(2, 300.0)],
            extra: Extra::new(),
        };
        assert_eq!(sparkline(&kr), "█▅▁");
    }
}
