//! The header line (date and counts) and the tab bar.

use chrono::NaiveDateTime;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::blocks::deep_text;
use super::fit::{clip, clip_line};
use super::layout::{TAB_GAP, tab_label};
use super::theme;
use crate::state::State;
use crate::tabs::Tab;
use lane_core::model::day::{deep_minutes, deep_worked_minutes, hm, minutes, running};
use lane_core::model::ladder::{follow_up_due, is_stuck};
use lane_core::model::rank::{is_silent, ranked};
use lane_core::model::response::awaiting;
use lane_core::model::ritual::acknowledged;
use lane_core::model::triage::{is_pending, is_to_review, is_unreported};
use lane_core::model::{Block, Entry, Kind, List};
use unicode_width::UnicodeWidthStr;

/// `4 decisions (2 unreported, 1 to review)`: the count, then what needs attention.
fn count(n: usize, noun: &str, notes: &[(usize, &str)]) -> String {
    let notes: Vec<String> = notes
        .iter()
        .filter(|(k, _)| *k > 0)
        .map(|(k, what)| format!("{k} {what}"))
        .collect();
    if notes.is_empty() {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun} ({})", notes.join(", "))
    }
}

/// What needs attention today, counted once for every form the header takes.
struct Counts {
    blocks_today: usize,
    open_priorities: usize,
    silent: usize,
    blockers: usize,
    stuck: usize,
    follow_ups: usize,
    /// Open blockers whose linked issues and pull requests all closed or merged.
    unblocked: usize,
    blockers_unanswered: usize,
    open_decisions: usize,
    pending: usize,
    unreported: usize,
    to_review: usize,
    calls_unanswered: usize,
}

impl Counts {
    fn of(state: &State, now: NaiveDateTime) -> Counts {
        let d = &state.data();
        let today = now.date();
        let b = &state.rules.boundaries;
        // An escalation past its response time, unless this morning's plan took it in.
        let unanswered = |kind| {
            awaiting(d, &state.rules, now)
                .into_iter()
                .filter(|&(k, id)| k == kind && !acknowledged(d, today, (k, id)))
                .count()
        };
        Counts {
            blocks_today: d.blocks_on(today).count(),
            open_priorities: d.priorities.open_count(),
            silent: d
                .priorities
                .iter()
                .filter(|p| is_silent(p, &state.rules, today))
                .count(),
            blockers: d.blockers.open_count(),
            stuck: d
                .blockers
                .iter()
                .filter(|x| is_stuck(x, &state.rules, now))
                .count(),
            // A follow-up acknowledged in this morning's plan no longer needs attention.
            follow_ups: d
                .blockers
                .iter()
                .filter(|x| {
                    follow_up_due(x, today) && !acknowledged(d, today, (Kind::Blocker, x.id))
                })
                .count(),
            unblocked: lane_core::model::links::unblocked_ids(d, &state.links.known).len(),
            blockers_unanswered: unanswered(Kind::Blocker),
            open_decisions: d.decisions.iter().filter(|x| !x.is_done()).count(),
            pending: d.decisions.iter().filter(|x| is_pending(x, b)).count(),
            unreported: d.decisions.iter().filter(|x| is_unreported(x, b)).count(),
            to_review: d
                .decisions
                .iter()
                .filter(|x| is_to_review(x, today))
                .count(),
            calls_unanswered: unanswered(Kind::Decision),
        }
    }

    /// The counts in words (`long`) or short ones, with today's deep work if given.
    fn text(&self, long: bool, deep_note: Option<&str>) -> String {
        let one = |n: usize, a: &'static str, many: &'static str| if n == 1 { a } else { many };
        let blocks = count(
            self.blocks_today,
            one(self.blocks_today, "block today", "blocks today"),
            &[],
        );
        let blocks = match deep_note {
            Some(note) => format!("{blocks} ({note})"),
            None => blocks,
        };
        let parts = if long {
            [
                count(
                    self.open_priorities,
                    one(self.open_priorities, "priority", "priorities"),
                    &[(self.silent, "silent")],
                ),
                blocks,
                count(
                    self.blockers,
                    one(self.blockers, "blocker", "blockers"),
                    &[
                        (self.stuck, "stuck"),
                        (self.unblocked, "unblocked?"),
                        (self.follow_ups, "follow-up due"),
                        (self.blockers_unanswered, "unanswered"),
                    ],
                ),
                count(
                    self.open_decisions,
                    one(self.open_decisions, "decision", "decisions"),
                    &[
                        (self.pending, "to escalate"),
                        (self.unreported, "unreported"),
                        (self.to_review, "to review"),
                        (self.calls_unanswered, "unanswered"),
                    ],
                ),
            ]
        } else {
            [
                // Short, but words: one word for one meaning (issue: "pri",
                // "unrep" and "no ans" read as codes at 80 columns).
                count(
                    self.open_priorities,
                    one(self.open_priorities, "outcome", "outcomes"),
                    &[(self.silent, "silent")],
                ),
                blocks,
                count(
                    self.blockers,
                    "blocked",
                    &[
                        (self.stuck, "stuck"),
                        (self.unblocked, "unblocked?"),
                        (self.follow_ups, "follow up"),
                        (self.blockers_unanswered, "unanswered"),
                    ],
                ),
                count(
                    self.open_decisions,
                    one(self.open_decisions, "call", "calls"),
                    &[
                        (self.pending, "to send up"),
                        (self.unreported, "to report"),
                        (self.to_review, "to review"),
                        (self.calls_unanswered, "unanswered"),
                    ],
                ),
            ]
        };
        if long {
            parts.join(" · ")
        } else {
            without_zeros(&parts)
        }
    }
}

/// Narrow: a count of nothing says nothing, and the room goes to what needs
/// attention (the counts' words are never cut to codes).
fn without_zeros(parts: &[String]) -> String {
    let some: Vec<&str> = parts
        .iter()
        .filter(|p| !p.starts_with("0 "))
        .map(String::as_str)
        .collect();
    match some.is_empty() {
        true => parts.first().cloned().unwrap_or_default(),
        false => some.join(" · "),
    }
}

/// Fields two writers changed differently stay in sight until settled.
fn conflict_badge(conflicts: usize, width: u16) -> Option<String> {
    (conflicts > 0).then(|| {
        if width < 100 {
            // Narrow: a short word, never a bare ⚠ (which means overtime elsewhere).
            format!(
                " {conflicts} conflict{} ",
                if conflicts == 1 { "" } else { "s" }
            )
        } else {
            format!(
                " {conflicts} CONFLICT{} ",
                if conflicts == 1 { "" } else { "S" }
            )
        }
    })
}

/// The app's name, the date and the counts in the longest forms that fit beside
/// `badge` columns of badges and marks.
fn fitted(
    state: &State,
    now: NaiveDateTime,
    width: u16,
    badge: usize,
) -> (&'static str, String, String) {
    let today = now.date();
    let counts = Counts::of(state, now);
    let (deep, deep_worked) = (
        deep_minutes(state.data(), today),
        deep_worked_minutes(state.data(), today, now),
    );
    // Deep work planned and worked are two figures, in every form that has room.
    let deep_long = deep_text(deep, deep_worked, state.rules.deep_minutes_goal);
    let deep_mid = format!("deep {} planned, {} worked", hm(deep), hm(deep_worked));
    let deep_short = format!("deep {}, {} worked", hm(deep), hm(deep_worked));
    let fits = |date: &str, counts: &str| {
        7 + badge + date.chars().count() + 5 + counts.chars().count() <= width as usize
    };
    let long_date = now.format("%a %d %b %Y").to_string();
    let short_date = now.format("%a %d %b").to_string();
    let tiny_date = now.format("%d %b").to_string();
    // Narrow terminals drop the year first, then shorten the deep note and the
    // words, then the deep note; every count stays.
    let candidates = [
        (&long_date, counts.text(true, Some(&deep_long))),
        (&short_date, counts.text(true, Some(&deep_long))),
        (&short_date, counts.text(true, Some(&deep_mid))),
        (&short_date, counts.text(true, Some(&deep_short))),
        (&short_date, counts.text(false, Some(&deep_short))),
        (&short_date, counts.text(false, None)),
        (&tiny_date, counts.text(false, None)),
    ];
    match candidates.iter().find(|(date, c)| fits(date, c)) {
        Some((date, c)) => (" lane  ", date.to_string(), c.clone()),
        None => {
            // Narrowest: the app's name goes, and blocks lose "today".
            let short = counts
                .text(false, None)
                .replacen(" blocks today", " blocks", 1)
                .replacen(" block today", " block", 1);
            (" ", tiny_date.clone(), short)
        }
    }
}

pub fn draw(frame: &mut Frame, area: Rect, state: &State, now: NaiveDateTime) {
    let conflict_badge = conflict_badge(state.data().conflicts.len(), area.width);
    let marks = super::boundaries::header_marks(state, now, area.width < 100);
    let badge = if state.read_only.is_some() { 13 } else { 0 }
        + conflict_badge.as_ref().map_or(0, |b| b.chars().count() + 2)
        + super::boundaries::width(&marks);
    let (name, date, counts) = fitted(state, now, area.width, badge);
    let mut spans = vec![Span::raw(name)];
    if state.read_only.is_some() {
        // The reason is in the message line whenever a change is refused.
        spans.push(Span::styled(" READ-ONLY ", theme::read_only()));
        spans.push(Span::raw("  "));
    }
    if let Some(badge) = conflict_badge {
        spans.push(Span::styled(badge, theme::read_only()));
        spans.push(Span::raw("  "));
    }
    spans.extend([Span::raw(date), Span::raw("  │  "), Span::raw(counts)]);
    spans.extend(marks);
    let used: usize = spans.iter().map(|s| s.content.chars().count()).sum();
    let room = (area.width as usize).saturating_sub(used);
    spans.extend(super::boundaries::outside_notice(state, now, room));
    frame.render_widget(
        Paragraph::new(clip_line(Line::from(spans), area.width as usize)).style(theme::header()),
        area,
    );
}

/// The outcomes in focus now, in rank order.
pub fn draw_focus(frame: &mut Frame, area: Rect, state: &State, now: NaiveDateTime) {
    let focused: Vec<&str> = ranked(&state.data().priorities, state.today)
        .into_iter()
        .map(|i| &state.data().priorities[i])
        .filter(|p| p.focus && !p.status.is_closed())
        .map(|p| p.title.as_str())
        .collect();
    let running = running(state.data()).map(|b| running_line(b, now));
    let running_w = running
        .as_ref()
        .map_or(0, |l| l.width().min(area.width as usize));
    let room = (area.width as usize).saturating_sub(running_w);
    let mut spans = vec![Span::styled(" Focus ", theme::title())];
    if focused.is_empty() {
        spans.push(Span::styled(
            "none yet — f on a priority marks one of your 3 outcomes",
            theme::dim(),
        ));
    }
    // Each title gets its share of the room, so a long one never hides the next.
    let marks = 7 + focused.len() * 2 + focused.len().saturating_sub(1) * 3;
    let shares = shares(
        &focused.iter().map(|t| t.width()).collect::<Vec<_>>(),
        room.saturating_sub(marks),
    );
    for (i, (title, share)) in focused.iter().zip(shares).enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", theme::dim()));
        }
        spans.push(Span::styled("◆ ", theme::focus()));
        spans.push(Span::raw(clip(title, share)));
    }
    frame.render_widget(Paragraph::new(clip_line(Line::from(spans), room)), area);
    if let Some(line) = running {
        let width = running_w as u16;
        let right = Rect {
            x: area.right() - width,
            width,
            ..area
        };
        frame.render_widget(Clear, right);
        frame.render_widget(Paragraph::new(line), right);
    }
}

/// Splits `room` columns among texts `widths` wide: the short ones take what
/// they need, the rest share what is left equally.
fn shares(widths: &[usize], room: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..widths.len()).collect();
    order.sort_by_key(|&i| widths[i]);
    let mut out = vec![0; widths.len()];
    let mut left = room;
    for (n, &i) in order.iter().enumerate() {
        let fair = left / (widths.len() - n);
        out[i] = widths[i].min(fair);
        left -= out[i];
    }
    out
}

/// `▶ billing spec 23m left ▕██████░░▏`: the running block, counting down to its end.
fn running_line(b: &Block, now: NaiveDateTime) -> Line<'static> {
    let end = lane_core::model::time_of_day::instant(b.date, b.end);
    let left = (end - now).num_minutes();
    let total = minutes(b).max(1);
    let done = ((total - left.max(0)) * 10 / total).clamp(0, 10) as usize;
    let gauge = format!("▕{}{}▏", "█".repeat(done), "░".repeat(10 - done));
    let when = if left >= 0 {
        format!("{left}m left")
    } else {
        format!("{}m over", -left)
    };
    let style = if left >= 0 {
        theme::info()
    } else {
        theme::warning()
    };
    Line::from(vec![
        Span::styled(format!(" ▶ {} ", b.title), theme::title()),
        Span::styled(format!("{when} {gauge} "), style),
    ])
}

pub fn draw_tabs(frame: &mut Frame, area: Rect, state: &State) {
    let gap = " ".repeat(TAB_GAP as usize);
    let mut spans = Vec::new();
    for tab in Tab::all() {
        let style = if tab == state.tab {
            theme::tab_active()
        } else {
            theme::tab()
        };
        spans.push(Span::styled(tab_label(tab), style));
        spans.push(Span::raw(gap.clone()));
    }
    let view = &state.views[state.tab.index()];
    if !view.filter.trim().is_empty() {
        spans.push(Span::styled(
            format!(" / {}", view.filter.trim()),
            theme::key(),
        ));
    }
    if state.tab == Tab::Priorities {
        let mut notes = Vec::new();
        if !state.rank_order {
            notes.push("own order");
        }
        if view.show_closed {
            notes.push("+closed");
        }
        if !notes.is_empty() {
            spans.push(Span::styled(
                format!(" [{}]", notes.join(", ")),
                theme::dim(),
            ));
        }
    }
    frame.render_widget(
        Paragraph::new(clip_line(Line::from(spans), area.width as usize)),
        area,
    );
}

#[cfg(test)]
mod tests {
    use super::shares;

    #[test]
    fn short_titles_keep_their_length_and_long_ones_share_the_rest() {
        assert_eq!(shares(&[15, 23, 20], 60), vec![15, 23, 20]);
        assert_eq!(shares(&[15, 40, 30], 60), vec![15, 23, 22]);
        assert_eq!(shares(&[40, 40], 10), vec![5, 5]);
        assert_eq!(shares(&[], 10), Vec::<usize>::new());
    }
}
