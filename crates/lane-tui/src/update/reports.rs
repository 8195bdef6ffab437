//! Reports from the app: a kind's report for a period (by default its own,
//! ending today), shown in the overlay where `y` copies it, or copied at once.

use chrono::NaiveDateTime;

use super::Effect;
use crate::pass::ReportView;
use crate::state::{Mode, State};
use lane_core::report::{Period, ReportKind, Source, markdown};

/// The report for a kind on the current day (or `period`), shown and copied.
pub(super) fn copy(
    s: &mut State,
    kind: ReportKind,
    period: Option<Period>,
    now: NaiveDateTime,
) -> Vec<Effect> {
    let (period, text) = report_text(s, kind, period, now);
    s.info(format!("copying the {} report…", kind.name()));
    vec![Effect::Copy {
        name: period.file_name(kind),
        text,
    }]
}

/// The report for `period` (by default the kind's own period ending today) and
/// the period it covers.
fn report_text(
    s: &State,
    kind: ReportKind,
    period: Option<Period>,
    now: NaiveDateTime,
) -> (Period, String) {
    let period = period
        .or_else(|| Period::of(kind, None, None, now.date(), &s.rules).ok())
        .unwrap_or(Period {
            since: now.date(),
            until: now.date(),
        });
    let src = Source {
        data: s.data(),
        rules: &s.rules,
        period,
        now,
    };
    (period, markdown(kind, &src))
}

/// Shows a report in the overlay, where `y` copies it.
pub(super) fn show(s: &mut State, kind: ReportKind, period: Option<Period>, now: NaiveDateTime) {
    let (period, text) = report_text(s, kind, period, now);
    s.mode = Mode::Report(ReportView {
        kind,
        period,
        text,
        scroll: 0,
    });
}
