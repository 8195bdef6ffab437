//! Forms: opening an add form, typing, and saving what was typed through the
//! model's one `save` (or the note, copy and close-of-day operations).

use chrono::NaiveDateTime;
use tui_input::InputRequest;

use super::{EditorTarget, Effect, blocks, describe, evening};
use crate::action::Action;
use crate::state::{Form, Mode, Purpose, State};
use crate::tabs::Tab;
use lane_core::model::Data;
use lane_core::model::Kind;
use lane_core::model::form::{self, Ctx, FieldError, Note};
use lane_core::model::merge::merge;

pub(super) fn open_add(s: &mut State, now: NaiveDateTime) {
    // One review per day: `a` on the Review tab opens today's if it exists.
    let Some(kind) = s.tab.kind() else {
        return;
    };
    if kind == Kind::Review
        && let Some(r) = s.data().reviews.iter().find(|r| r.date == now.date())
    {
        let id = r.id;
        s.info("today's review already exists — editing it");
        s.mode = Mode::Form(Form::open(s.data(), Kind::Review, Purpose::Edit(id), now));
        return;
    }
    let mut form = Form::open(s.data(), kind, Purpose::Add, now);
    if kind == Kind::Block {
        // A new block goes on the day being looked at.
        form.prefill("date", s.day().to_string());
    }
    s.mode = Mode::Form(form);
}

pub(super) fn update_form(s: &mut State, action: Action, now: NaiveDateTime) -> Vec<Effect> {
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
            let initial = f.fields[f.focus].input.value().to_string();
            return vec![Effect::Editor {
                target: EditorTarget::Field,
                initial,
            }];
        }
        Action::NextField => f.focus = (f.focus + 1) % n,
        Action::PrevField => f.focus = (f.focus + n - 1) % n,
        Action::Cancel => {
            s.mode = Mode::Normal;
            s.info("cancelled — nothing saved");
        }
        Action::Submit => submit(s, now),
        _ => {}
    }
    Vec::new()
}

fn submit(s: &mut State, now: NaiveDateTime) {
    let Mode::Form(f) = &s.mode else {
        return;
    };
    let (kind, purpose, values) = (f.kind, f.purpose, f.values());
    let mut conflicts = 0;
    let saved = match purpose {
        Purpose::CopyDay(from) => blocks::copy_to(s, from, values.get("date"), now)
            .map(|said| (None, said))
            .map_err(|e| vec![("date", e)]),
        Purpose::CloseDay(date) => evening::close(s, date, &values, now).map(|said| (None, said)),
        Purpose::AddMilestone(_) | Purpose::MilestoneDone(_) | Purpose::KrReading(_) => {
            super::milestones::submit(s, purpose, &values, now)
        }
        Purpose::AddKr(_) | Purpose::EditMilestone(..) | Purpose::EditKr(..) => {
            super::steps::submit(s, purpose, &values, now)
        }
        Purpose::Note(note, id) => onto_base(s, now, &mut conflicts, |data| {
            form::apply_note_form(data, note, id, |key| values.get(key).to_string(), now)
                .map(|said| (Some(id), said))
        }),
        Purpose::Add | Purpose::Edit(_) | Purpose::EditSeries(_) => {
            let uid = s.new_uid(now);
            let rules = s.rules.clone();
            onto_base(s, now, &mut conflicts, |data| {
                let ctx = Ctx {
                    now,
                    hours: &rules.hours,
                    boundaries: &rules.boundaries,
                    uid,
                };
                match purpose {
                    Purpose::EditSeries(id) => form::save_series(data, id, &values, ctx)
                        .map(|id| (Some(id), "saved the series".to_string())),
                    Purpose::Edit(id) => form::save(data, kind, Some(id), &values, ctx)
                        .map(|id| (Some(id), String::new())),
                    _ => form::save(data, kind, None, &values, ctx)
                        .map(|id| (Some(id), String::new())),
                }
            })
        }
    };
    let (id, said) = match saved {
        Ok(done) => done,
        Err(errors) => return show_field_errors(s, &errors),
    };
    // The close of the day leaves the standup overlay open; every other form closes.
    if matches!(s.mode, Mode::Form(_)) {
        s.mode = Mode::Normal;
    }
    let Some(id) = id else {
        return s.info(said);
    };
    s.tab = Tab::of(kind);
    if let Some(index) = s.data().list(kind).position(id) {
        s.select_item(index);
        let what = describe(s, index);
        s.info(match purpose {
            Purpose::Note(Note::Update, _) => format!("update added to {what}"),
            Purpose::Note(Note::EscalateTo, _) => format!("escalated {what}"),
            Purpose::Note(..) => said,
            Purpose::EditSeries(_) => {
                format!("saved the series of {what} — its coming untouched days follow")
            }
            _ => format!("saved {what}"),
        });
    }
    if conflicts > 0 {
        s.error(format!(
            "saved — {conflicts} field{} changed elsewhere too: both values kept (see the detail)",
            if conflicts == 1 { " was" } else { "s were" }
        ));
    }
}

/// Applies a form's change to the data it was opened on. When the data moved on
/// meanwhile (someone else wrote, and it was taken in), the change is merged onto
/// it like any other writer's: the fields the user did not change keep what came
/// in, and a field both changed is a conflict, not an overwrite.
fn onto_base<T>(
    s: &mut State,
    now: NaiveDateTime,
    conflicts: &mut usize,
    apply: impl FnOnce(&mut Data) -> Result<T, Vec<FieldError>>,
) -> Result<T, Vec<FieldError>> {
    let Mode::Form(f) = &s.mode else {
        return apply(s.edit());
    };
    if *f.base == *s.data() {
        return apply(s.edit());
    }
    let base = f.base.clone();
    let mut ours = (*base).clone();
    let done = apply(&mut ours)?;
    let seed = s.new_uid(now);
    let mut n = 0;
    let mut uid = || {
        n += 1;
        format!("{seed}{n}")
    };
    let merged = merge(&base, &ours, s.data(), now, &mut uid).map_err(|e| vec![("", e)])?;
    *conflicts = merged.conflicts;
    *s.edit() = merged.data;
    Ok(done)
}

/// Takes the text written in $EDITOR for the focused form field; on `Err` (no
/// editor, or it failed) the field keeps what it had and the message says why.
pub(super) fn field_edited(s: &mut State, text: Result<String, String>) {
    let Mode::Form(f) = &mut s.mode else { return };
    match text {
        Ok(text) => {
            let field = &mut f.fields[f.focus];
            field.set(text.trim_end_matches('\n').to_string(), false);
            field.error = None;
        }
        Err(why) => s.error(why),
    }
}

/// Keeps the form open with each reason under its field, the first bad field
/// focused. The message line carries the first reason too, and the message
/// log (`L`, once the form is closed) keeps it whole where a narrow screen's
/// edge cuts the field's line (its example).
fn show_field_errors(s: &mut State, errors: &[FieldError]) {
    let mut first = None;
    if let Mode::Form(f) = &mut s.mode {
        for (key, reason) in errors {
            if let Some(field) = f.field_mut(key) {
                field.error = Some(reason.clone());
            }
        }
        if let Some((key, reason)) = errors.first() {
            f.focus = f.index_of(key);
            let label = f.field_mut(key).map(|x| x.spec.label).unwrap_or(key);
            first = Some(format!("{label}: {reason}"));
        }
    }
    s.error(match first {
        Some(why) => format!("not saved — {why}"),
        None => "not saved — fix the marked field (Esc cancels)".to_string(),
    });
}
