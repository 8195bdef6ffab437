//! All behaviour: `update(state, action, now) -> effects`. Pure: no clock, no IO.
//! The app runs the effects (saving, quitting) after each call.

use chrono::NaiveDateTime;
use tui_input::{Input, InputRequest};

mod blocks;
mod decisions;
mod evening;
mod pass;
mod plan;
mod priorities;

use decisions::{decide, mark_reported, open_note, try_rung};
pub use evening::blocker_state;
pub use plan::{acknowledged, proposal};
pub use priorities::editor_done;
use priorities::{selected_priority, toggle_focus, update_choice};

use crate::action::Action;
use crate::model::form::{self, Ctx, Note};
use crate::model::rank::rank;
use crate::model::{Entry, Kind};
use crate::pass::Ritual;
use crate::report::{Period, ReportKind};
use crate::state::{Form, Mode, Purpose, State};

/// What the app must do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// The data changed: write it to disk now.
    Save,
    Quit,
    /// Suspend the screen and let the user write a progress note on this priority
    /// in $EDITOR; the app hands the text back through `editor_done`.
    OpenEditor {
        priority: u32,
    },
    /// Read the yearly archive into `State::archive` (for searches that reach back).
    LoadArchive,
    /// Let the user write the focused form field in $EDITOR, starting from this text;
    /// the app hands the result back through `field_edited`.
    EditField(String),
    /// Put this report on the clipboard (OSC 52) and in a file named after `name`;
    /// the app says where it went.
    Copy {
        name: String,
        text: String,
    },
}

pub fn update(s: &mut State, action: Action, now: NaiveDateTime) -> Vec<Effect> {
    s.today = now.date();
    if let Action::Resize { rows, wide } = action {
        s.rows = rows.max(1);
        s.wide = wide;
        s.clamp_all();
        return Vec::new();
    }
    match s.mode {
        Mode::Help => {
            match action {
                Action::Close | Action::Help | Action::Quit => s.mode = Mode::Normal,
                Action::Down | Action::PageDown => s.help_scroll += 1,
                Action::Up | Action::PageUp => s.help_scroll = s.help_scroll.saturating_sub(1),
                _ => {}
            }
            Vec::new()
        }
        Mode::Detail => match action {
            Action::Close | Action::Detail | Action::Quit => {
                s.mode = Mode::Normal;
                Vec::new()
            }
            Action::Edit => {
                s.mode = Mode::Normal;
                update_normal(s, Action::Edit, now)
            }
            _ => Vec::new(),
        },
        Mode::Form(_) => update_form(s, action, now),
        Mode::ChooseFocus(_) => update_choice(s, action),
        Mode::Filter => update_filter(s, action),
        Mode::Report(_) => update_report(s, action, now),
        Mode::Normal if s.pass.is_some() => {
            if refused_read_only(s, action) {
                return Vec::new();
            }
            pass::update_pass(s, action, now)
        }
        Mode::Normal => update_normal(s, action, now),
    }
}

/// A change asked of a read-only session is refused, saying why.
fn refused_read_only(s: &mut State, action: Action) -> bool {
    let Some(reason) = s.read_only.as_ref().filter(|_| action.writes()) else {
        return false;
    };
    let text = format!("{reason} — nothing can be changed in this window");
    s.error(text);
    true
}

fn update_normal(s: &mut State, action: Action, now: NaiveDateTime) -> Vec<Effect> {
    s.message = None;
    if refused_read_only(s, action) {
        return Vec::new();
    }
    let tab_index = s.tab.index();
    match action {
        Action::Quit => return vec![Effect::Quit],
        Action::Help => {
            s.help_scroll = 0;
            s.mode = Mode::Help;
        }
        Action::TabPriorities => s.tab = Kind::Priority,
        Action::TabBlocks => s.tab = Kind::Block,
        Action::TabBlockers => s.tab = Kind::Blocker,
        Action::TabDecisions => s.tab = Kind::Decision,
        Action::TabReview => s.tab = Kind::Review,
        Action::SelectTab(i) => s.tab = Kind::ALL[i.min(4)],
        Action::NextTab => s.tab = Kind::ALL[(tab_index + 1) % 5],
        Action::PrevTab => s.tab = Kind::ALL[(tab_index + 4) % 5],
        Action::Down => s.select(s.pos().selected + 1),
        Action::Up => s.select(s.pos().selected.saturating_sub(1)),
        Action::Top => s.select(0),
        Action::Bottom => s.select(usize::MAX),
        Action::PageDown => s.select(s.pos().selected + s.list_rows().max(1)),
        Action::PageUp => s.select(s.pos().selected.saturating_sub(s.list_rows().max(1))),
        Action::SelectRow(i) => s.select(i),
        Action::Add => open_add(s, now),
        Action::Edit => match s.selected_id() {
            Some(id) => s.mode = Mode::Form(Form::open(&s.data, s.tab, Purpose::Edit(id), now)),
            None => s.info(format!("no {} to edit — a adds one", s.tab.noun())),
        },
        Action::Detail if s.wide => return update_normal(s, Action::Edit, now),
        Action::Detail => match s.selected_index() {
            Some(_) => s.mode = Mode::Detail,
            None => s.info(format!("no {} here yet — a adds one", s.tab.noun())),
        },
        Action::Filter => {
            s.filter_input = Input::new(s.views[tab_index].filter.clone());
            s.mode = Mode::Filter;
        }
        Action::ToggleRank => {
            let keep = s.selected_index();
            s.rank_order = !s.rank_order;
            if let Some(i) = keep {
                s.select_item(i);
            }
            s.info(if s.rank_order {
                "ranked by impact × urgency (r: your own order)"
            } else {
                "your own order: J/K move items (r: rank order)"
            });
        }
        Action::ToggleClosed => {
            let keep = s.selected_index();
            let v = &mut s.views[tab_index];
            v.show_closed = !v.show_closed;
            let shown = v.show_closed;
            if let Some(i) = keep {
                s.select_item(i);
            }
            s.info(if shown {
                "showing done and dropped too"
            } else {
                "hiding done and dropped"
            });
        }
        Action::ToggleFocus => return toggle_focus(s),
        Action::AddUpdate => match selected_priority(s) {
            Some(id) => {
                s.mode = Mode::Form(Form::open(
                    &s.data,
                    Kind::Priority,
                    Purpose::Note(Note::Update, id),
                    now,
                ))
            }
            None => return nothing_selected(s),
        },
        Action::EditorUpdate => match selected_priority(s) {
            Some(id) => return vec![Effect::OpenEditor { priority: id }],
            None => return nothing_selected(s),
        },
        Action::PrevDay | Action::NextDay | Action::Today | Action::ToggleWeek => {
            blocks::navigate(s, action)
        }
        Action::StartStop => return blocks::timer(s, now),
        Action::CopyDay => blocks::open_copy(s, now),
        Action::Decide => return decide(s),
        Action::MarkReported => return mark_reported(s),
        Action::Escalate if s.tab == Kind::Blocker => open_note(s, Note::EscalateBlocker, now),
        Action::Escalate => open_note(s, Note::EscalateTo, now),
        Action::TryRung => return try_rung(s, now),
        Action::SetFollowUp => open_note(s, Note::FollowUp, now),
        Action::Resolve => open_note(s, Note::Resolve, now),
        Action::Answer => open_note(s, Note::Answer, now),
        Action::WriteOutcome => open_note(s, Note::Outcome, now),
        Action::Plan => return pass::start(s, Ritual::Plan, now),
        Action::Review => return pass::start(s, Ritual::Review, now),
        Action::CopyReport => return copy_for_tab(s, now),
        Action::Delete => return delete(s),
        Action::ToggleDone => return toggle_done(s),
        Action::MoveDown => return reorder(s, 1),
        Action::MoveUp => return reorder(s, -1),
        Action::Undo => return undo_redo(s, true),
        Action::Redo => return undo_redo(s, false),
        Action::Close
        | Action::Submit
        | Action::Cancel
        | Action::NextField
        | Action::PrevField
        | Action::EditorField
        | Action::Next
        | Action::Back
        | Action::Leave
        | Action::Toggle
        | Action::NextFocus
        | Action::NextSlot
        | Action::PrevSlot
        | Action::Longer
        | Action::Shorter
        | Action::MarkWorked
        | Action::MarkSkipped
        | Action::MarkMoved
        | Action::Input(_)
        | Action::Resize { .. } => {}
    }
    Vec::new()
}

/// The report a tab's `y` copies: the weekly update from priorities and decisions,
/// the standup from blocks and blockers, the selected day's review from the journal.
fn copy_for_tab(s: &mut State, now: NaiveDateTime) -> Vec<Effect> {
    let (kind, period) = match s.tab {
        Kind::Priority | Kind::Decision => (ReportKind::Week, None),
        Kind::Block | Kind::Blocker => (ReportKind::Standup, None),
        Kind::Review => {
            let date = s
                .selected_index()
                .and_then(|i| s.data.reviews.get(i))
                .map_or(now.date(), |r| r.date);
            (
                ReportKind::Review,
                Some(Period {
                    since: date,
                    until: date,
                }),
            )
        }
    };
    pass::copy(s, kind, period, now)
}

fn update_report(s: &mut State, action: Action, now: NaiveDateTime) -> Vec<Effect> {
    let Mode::Report(view) = &mut s.mode else {
        return Vec::new();
    };
    match action {
        Action::Down | Action::PageDown => view.scroll += 1,
        Action::Up | Action::PageUp => view.scroll = view.scroll.saturating_sub(1),
        Action::CopyReport => {
            let (name, text) = (
                format!("{}-{}", view.kind.name(), now.date()),
                view.text.clone(),
            );
            return vec![Effect::Copy { name, text }];
        }
        Action::Close | Action::Cancel | Action::Quit | Action::Submit => s.mode = Mode::Normal,
        _ => {}
    }
    Vec::new()
}

fn update_filter(s: &mut State, action: Action) -> Vec<Effect> {
    let tab = s.tab.index();
    match action {
        Action::Input(req) => {
            s.filter_input.handle(req);
            s.views[tab].filter = s.filter_input.value().to_string();
            s.select(0);
            // A search reaches back into the archive too: read it the first time.
            if !s.archive_requested && !s.views[tab].filter.trim().is_empty() {
                s.archive_requested = true;
                return vec![Effect::LoadArchive];
            }
        }
        Action::Submit => {
            s.mode = Mode::Normal;
            if !s.views[tab].filter.trim().is_empty() {
                let n = s.view().len();
                s.info(format!(
                    "{n} shown — / changes the filter, esc in it clears it"
                ));
            }
        }
        Action::Cancel | Action::Quit => {
            s.mode = Mode::Normal;
            s.views[tab].filter.clear();
            s.select(0);
        }
        _ => {}
    }
    Vec::new()
}

fn open_add(s: &mut State, now: NaiveDateTime) {
    // One review per day: `a` on the Review tab opens today's if it exists.
    if s.tab == Kind::Review
        && let Some(r) = s.data.reviews.iter().find(|r| r.date == now.date())
    {
        let id = r.id;
        s.info("today's review already exists — editing it");
        s.mode = Mode::Form(Form::open(&s.data, Kind::Review, Purpose::Edit(id), now));
        return;
    }
    let mut form = Form::open(&s.data, s.tab, Purpose::Add, now);
    if s.tab == Kind::Block {
        // A new block goes on the day being looked at.
        form.fields[2].input = Input::new(s.day().to_string());
    }
    s.mode = Mode::Form(form);
}

/// Describes the selected item for messages: `priority 3 “Ship billing”`.
pub(super) fn describe(s: &State, index: usize) -> String {
    let d = &s.data;
    let (id, title) = match s.tab {
        Kind::Priority => d
            .priorities
            .get(index)
            .map(|e| (e.id(), e.title().to_string())),
        Kind::Block => d.blocks.get(index).map(|e| (e.id(), e.title().to_string())),
        Kind::Blocker => d
            .blockers
            .get(index)
            .map(|e| (e.id(), e.title().to_string())),
        Kind::Decision => d
            .decisions
            .get(index)
            .map(|e| (e.id(), e.title().to_string())),
        Kind::Review => d.reviews.get(index).map(|e| (e.id(), e.date.to_string())),
    }
    .unwrap_or_default();
    format!("{} {id} “{title}”", s.tab.noun())
}

pub(super) fn nothing_selected(s: &mut State) -> Vec<Effect> {
    s.info(format!("no {} here yet — a adds one", s.tab.noun()));
    Vec::new()
}

pub(super) fn changed(s: &mut State) -> Vec<Effect> {
    s.dirty = true;
    vec![Effect::Save]
}

fn delete(s: &mut State) -> Vec<Effect> {
    let Some(index) = s.selected_index() else {
        return nothing_selected(s);
    };
    let what = describe(s, index);
    s.checkpoint();
    s.data.list_mut(s.tab).remove(index);
    s.select(s.pos().selected);
    s.info(format!("deleted {what} — u brings it back"));
    changed(s)
}

fn toggle_done(s: &mut State) -> Vec<Effect> {
    if !s.tab.has_done() {
        s.info("reviews have no done state");
        return Vec::new();
    }
    let Some(index) = s.selected_index() else {
        return nothing_selected(s);
    };
    s.checkpoint();
    let done = s.data.list_mut(s.tab).toggle_done(index).unwrap_or(false);
    if s.tab == Kind::Priority {
        let p = &mut s.data.priorities[index];
        p.closed = done.then_some(s.today);
        if done {
            // A finished outcome frees its focus place.
            p.focus = false;
        }
    }
    let what = describe(s, index);
    s.info(format!(
        "{what} {}",
        if done { "done" } else { "open again" }
    ));
    s.select(s.pos().selected);
    changed(s)
}

fn reorder(s: &mut State, delta: isize) -> Vec<Effect> {
    if !s.tab.has_done() {
        s.info("reviews stay in date order");
        return Vec::new();
    }
    let view = s.view();
    let row = s.pos().selected;
    let (Some(&a), Some(&b)) = (
        view.get(row),
        row.checked_add_signed(delta).and_then(|r| view.get(r)),
    ) else {
        return Vec::new();
    };
    if s.tab == Kind::Priority && s.rank_order {
        let score = |i: usize| rank(&s.data.priorities[i], s.today).score;
        if score(a) != score(b) {
            s.info(
                "ranked by impact × urgency: J/K only reorder equal ranks — r for your own order",
            );
            return Vec::new();
        }
    }
    s.checkpoint();
    s.data.list_mut(s.tab).swap(a, b);
    s.select_item(b);
    changed(s)
}

fn undo_redo(s: &mut State, undo: bool) -> Vec<Effect> {
    let ok = if undo { s.undo() } else { s.redo() };
    if !ok {
        s.info(if undo {
            "nothing to undo"
        } else {
            "nothing to redo"
        });
        return Vec::new();
    }
    s.clamp_all();
    s.info(if undo {
        "undone — ctrl-r redoes"
    } else {
        "redone"
    });
    changed(s)
}

fn update_form(s: &mut State, action: Action, now: NaiveDateTime) -> Vec<Effect> {
    let Mode::Form(f) = &mut s.mode else {
        return Vec::new();
    };
    let n = f.fields.len();
    match action {
        Action::Input(req) => {
            let field = &mut f.fields[f.focus];
            if field.pristine && matches!(req, InputRequest::InsertChar(_)) {
                field.input.reset();
            }
            field.pristine = false;
            if field.input.handle(req).is_some_and(|c| c.value) {
                field.error = None;
            }
        }
        Action::EditorField => {
            let text = f.fields[f.focus].input.value().to_string();
            return vec![Effect::EditField(text)];
        }
        Action::NextField => f.focus = (f.focus + 1) % n,
        Action::PrevField => f.focus = (f.focus + n - 1) % n,
        Action::Cancel => {
            s.mode = Mode::Normal;
            s.info("cancelled — nothing saved");
        }
        Action::Submit => return submit(s, now),
        _ => {}
    }
    Vec::new()
}

fn submit(s: &mut State, now: NaiveDateTime) -> Vec<Effect> {
    let Mode::Form(f) = &s.mode else {
        return Vec::new();
    };
    let (kind, purpose, values) = (f.kind, f.purpose, f.values());
    let before = s.data.clone();
    if let Purpose::CopyDay(from) = purpose {
        return match blocks::copy_to(s, from, &values[0], now) {
            Ok(said) => {
                s.mode = Mode::Normal;
                s.undo_push(before);
                s.info(said);
                changed(s)
            }
            Err(e) => {
                s.data = before;
                show_field_errors(s, &[(0, e)]);
                Vec::new()
            }
        };
    }
    if let Purpose::CloseDay(date) = purpose {
        return match evening::close(s, date, &values, now) {
            Ok(said) => {
                s.undo_push(before);
                s.info(said);
                changed(s)
            }
            Err(errors) => {
                s.data = before;
                show_field_errors(s, &errors);
                Vec::new()
            }
        };
    }
    let mut note_message = String::new();
    let saved = match purpose {
        Purpose::Note(note, id) => form::apply_note(&mut s.data, note, id, &values[0], now)
            .map(|m| {
                note_message = m;
                id
            })
            .map_err(|e| vec![(0, e)]),
        Purpose::Add | Purpose::Edit(_) | Purpose::CopyDay(_) | Purpose::CloseDay(_) => {
            let editing = match purpose {
                Purpose::Edit(id) => Some(id),
                _ => None,
            };
            let uid = s.new_uid(now);
            let hours = s.rules.hours.clone();
            let ctx = Ctx {
                now,
                hours: &hours,
                uid,
            };
            form::save(&mut s.data, kind, editing, &values, ctx)
        }
    };
    match saved {
        Ok(id) => {
            s.mode = Mode::Normal;
            s.undo_push(before);
            s.tab = kind;
            if let Some(index) = s.data.list(kind).position(id) {
                s.select_item(index);
                let what = describe(s, index);
                s.info(match purpose {
                    Purpose::Note(Note::Update, _) => format!("update added to {what}"),
                    Purpose::Note(Note::EscalateTo, _) => format!("escalated {what}"),
                    Purpose::Note(..) => note_message.clone(),
                    _ => format!("saved {what}"),
                });
            }
            changed(s)
        }
        Err(errors) => {
            s.data = before;
            show_field_errors(s, &errors);
            Vec::new()
        }
    }
}

/// Takes the text written in $EDITOR for the focused form field; on `Err` (no
/// editor, or it failed) the field keeps what it had and the message says why.
pub fn field_edited(s: &mut State, text: Result<String, String>) {
    let Mode::Form(f) = &mut s.mode else { return };
    match text {
        Ok(text) => {
            let field = &mut f.fields[f.focus];
            field.input = Input::new(text.trim_end_matches('\n').to_string());
            field.pristine = false;
            field.error = None;
        }
        Err(why) => s.error(why),
    }
}

/// Keeps the form open with each reason under its field, the first bad field focused.
fn show_field_errors(s: &mut State, errors: &[form::FieldError]) {
    if let Mode::Form(f) = &mut s.mode {
        for (i, reason) in errors {
            if let Some(field) = f.fields.get_mut(*i) {
                field.error = Some(reason.clone());
            }
        }
        f.focus = errors.first().map(|e| e.0).unwrap_or(f.focus);
    }
    s.error("not saved — fix the field marked below (Esc cancels)");
}

#[cfg(test)]
#[path = "update_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "update_tests_outcomes.rs"]
mod tests_outcomes;
