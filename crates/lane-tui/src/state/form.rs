//! An open form: what it is for, its fields, and the text typed in them until
//! it is saved or cancelled. An item's add and edit fields are
//! `model::fields`', a note's are `model::note`'s; the app's own small forms
//! (copy a day, close the day, an outcome's milestones and key results) have
//! their fields here, each with what it shows when it opens.

use chrono::{NaiveDate, NaiveDateTime};
use tui_input::Input;

use lane_core::model::fields::shown;
use lane_core::model::form::{FieldSpec, FieldType, Note, Values, fields, initial_values};
use lane_core::model::outcomes::{next_milestone, number};
use lane_core::model::{Data, Kind};

#[derive(Debug, Clone)]
pub struct FormField {
    pub spec: FieldSpec,
    pub input: Input,
    pub error: Option<String>,
    /// Holds a default nobody typed: the first character typed replaces it.
    pub pristine: bool,
}

impl FormField {
    /// Puts `value` in the field: a default nobody typed (`prefilled`) shows dimmed
    /// and the first character typed replaces it; text the user wrote before is
    /// edited in place. Every value a form shows goes in here.
    pub fn set(&mut self, value: String, prefilled: bool) {
        self.pristine = prefilled && !value.is_empty();
        self.input = Input::new(value);
    }
}

/// What a form is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Add,
    Edit(u32),
    /// A one-line note (progress, escalation, answer, outcome) on item `id`.
    Note(Note, u32),
    /// Copy this day's blocks onto the date typed.
    CopyDay(NaiveDate),
    /// The last step of the evening review: energy, wins, tomorrow's three, notes.
    CloseDay(NaiveDate),
    /// A new milestone for priority `id`.
    AddMilestone(u32),
    /// Mark one of priority `id`'s milestones delivered.
    MilestoneDone(u32),
    /// Key-result readings (and a note) on priority `id`.
    KrReading(u32),
    /// A new key result for priority `id`.
    AddKr(u32),
    /// Milestone `.1` of priority `.0`: title, due, note.
    EditMilestone(u32, u32),
    /// Key result `.1` of priority `.0`: name, unit, baseline, target.
    EditKr(u32, u32),
    /// The whole series block `id` is an occurrence of.
    EditSeries(u32),
}

/// An open form. Its text lives here until it is saved or cancelled.
#[derive(Debug, Clone)]
pub struct Form {
    pub kind: Kind,
    pub purpose: Purpose,
    pub fields: Vec<FormField>,
    pub focus: usize,
    /// The data when the form opened: if it moved on meanwhile (another writer),
    /// saving merges the form's change onto it instead of writing every field.
    pub base: Box<Data>,
}

impl Form {
    pub fn open(data: &Data, kind: Kind, purpose: Purpose, now: NaiveDateTime) -> Form {
        let (specs, values): (&[FieldSpec], Values) = match purpose {
            Purpose::CopyDay(from) => (
                &COPY_TO,
                Values::empty(&COPY_TO).with(
                    "date",
                    lane_core::model::limits::shift_days(from, 1).to_string(),
                ),
            ),
            Purpose::Note(note, id) => {
                let current = note.current(data, id);
                let mut values = Values::empty(note.field());
                // Text written before is kept; an empty note offers its default.
                if !current.is_empty() {
                    values = values.with(note.field()[0].key, current);
                }
                if let Some(spec) = note.field().get(1) {
                    values = values.with(
                        spec.key,
                        lane_core::model::note::current_judgement(note, data, id),
                    );
                }
                (note.field(), values)
            }
            Purpose::CloseDay(_) => (&CLOSE_DAY, Values::empty(&CLOSE_DAY)),
            Purpose::AddMilestone(_) => (&ADD_MILESTONE, Values::empty(&ADD_MILESTONE)),
            Purpose::MilestoneDone(id) => (&MILESTONE_DONE, milestone_done_values(data, id)),
            Purpose::KrReading(id) => (&READINGS, readings_values(data, id)),
            Purpose::AddKr(_) => (&KEY_RESULT, Values::empty(&KEY_RESULT)),
            Purpose::EditMilestone(id, mid) => (&MILESTONE, milestone_values(data, id, mid)),
            Purpose::EditKr(id, kid) => (&KEY_RESULT, key_result_values(data, id, kid)),
            Purpose::Add => (fields(kind), initial_values(data, kind, None, now.date())),
            Purpose::Edit(id) => (
                fields(kind),
                initial_values(data, kind, Some(id), now.date()),
            ),
            Purpose::EditSeries(id) => (
                fields(kind),
                lane_core::model::series::values(data, id, now.date())
                    .unwrap_or_else(|| initial_values(data, kind, Some(id), now.date())),
            ),
        };
        // What a new item or a copy starts with is a default; so is a choice
        // (a level, a kind), even on an item being edited.
        let defaults = matches!(purpose, Purpose::Add | Purpose::CopyDay(_));
        let fields = specs
            .iter()
            .map(|spec| {
                let choice = matches!(
                    spec.ty,
                    FieldType::Level
                        | FieldType::BlockKind
                        | FieldType::YesNo
                        | FieldType::PriorityStatus
                );
                let mut field = FormField {
                    spec: *spec,
                    input: Input::default(),
                    error: None,
                    pristine: false,
                };
                field.set(values.get(spec.key).to_string(), defaults || choice);
                field
            })
            .collect();
        let mut form = Form {
            kind,
            purpose,
            fields,
            focus: 0,
            base: Box::new(data.clone()),
        };
        if let Purpose::Note(note, _) = purpose
            && form.fields[0].input.value().is_empty()
        {
            form.prefill(note.field()[0].key, note.default_text());
        }
        form
    }

    /// Offers `value` in field `key` as a default: dimmed, replaced by the first
    /// character typed.
    pub fn prefill(&mut self, key: &str, value: impl Into<String>) {
        if let Some(field) = self.field_mut(key) {
            field.set(value.into(), true);
        }
    }

    /// Puts text the user wrote before into field `key`: typing edits it.
    pub fn fill(&mut self, key: &str, value: impl Into<String>) {
        if let Some(field) = self.field_mut(key) {
            field.set(value.into(), false);
        }
    }

    pub fn values(&self) -> Values {
        self.fields
            .iter()
            .map(|f| (f.spec.key, f.input.value().to_string()))
            .collect()
    }

    /// The field with this key, if the form has it.
    pub fn field_mut(&mut self, key: &str) -> Option<&mut FormField> {
        self.fields.iter_mut().find(|f| f.spec.key == key)
    }

    /// The position of the field with this key (0 when there is none).
    pub fn index_of(&self, key: &str) -> usize {
        self.fields
            .iter()
            .position(|f| f.spec.key == key)
            .unwrap_or(0)
    }
}

/// The one field of "copy this day's plan to…".
const COPY_TO: [FieldSpec; 1] = [FieldSpec {
    key: "date",
    label: "Copy to",
    ty: FieldType::Date,
    hint: "tomorrow, fri, +7d, 2026-12-01",
}];

/// The close of the evening review.
#[rustfmt::skip]
const CLOSE_DAY: [FieldSpec; 4] = [
    FieldSpec { key: "energy", label: "Energy", ty: FieldType::Energy, hint: "1 (drained) to 5 (great)" },
    FieldSpec { key: "wins", label: "Wins", ty: FieldType::Text, hint: "what went well today" },
    FieldSpec { key: "tomorrow", label: "Tomorrow", ty: FieldType::Text, hint: "top three priority ids, ranked first: 3 1 5" },
    FieldSpec { key: "notes", label: "Notes", ty: FieldType::Text, hint: "anything else" },
];

/// The fields of a milestone being changed.
#[rustfmt::skip]
const MILESTONE: [FieldSpec; 3] = [
    FieldSpec { key: "title", label: "Milestone", ty: FieldType::Title, hint: "a dated step towards the outcome" },
    FieldSpec { key: "due", label: "Due", ty: FieldType::OptionalDate, hint: "fri, +2w, 2026-12-04 (empty: no date)" },
    FieldSpec { key: "note", label: "Note", ty: FieldType::Text, hint: "optional: what done means, who signs it off" },
];

/// The fields of a key result, new or changed (`lane add kr`'s).
#[rustfmt::skip]
const KEY_RESULT: [FieldSpec; 4] = [
    FieldSpec { key: "name", label: "Key result", ty: FieldType::Title, hint: "p95 latency (what R and --kr NAME=VALUE call it)" },
    FieldSpec { key: "unit", label: "Unit", ty: FieldType::Text, hint: "ms, %, users… (may be empty)" },
    FieldSpec { key: "baseline", label: "Baseline", ty: FieldType::Text, hint: "where it starts: 400" },
    FieldSpec { key: "target", label: "Target", ty: FieldType::Text, hint: "where it should get to (lower is fine): 200" },
];

/// The fields of "add a milestone": the first two of changing one.
const ADD_MILESTONE: [FieldSpec; 2] = [MILESTONE[0], MILESTONE[1]];

/// The field of "mark a milestone done".
#[rustfmt::skip]
const MILESTONE_DONE: [FieldSpec; 1] = [
    FieldSpec { key: "which", label: "Milestone", ty: FieldType::Text, hint: "its number or its title (the next one due is offered)" },
];

/// The fields of "record key-result readings".
#[rustfmt::skip]
const READINGS: [FieldSpec; 2] = [
    FieldSpec { key: "readings", label: "Readings", ty: FieldType::Text, hint: "NAME=VALUE, another=VALUE (the outcome's key results)" },
    FieldSpec { key: "note", label: "Note", ty: FieldType::Text, hint: "what moved (optional); goes into the update log" },
];

/// What the milestone form shows: the milestone as it is.
fn milestone_values(data: &Data, id: u32, mid: u32) -> Values {
    let m = data
        .priorities
        .iter()
        .find(|p| p.id == id)
        .and_then(|p| p.milestones.iter().find(|m| m.id == mid));
    let mut values = Values::empty(&MILESTONE);
    if let Some(m) = m {
        values = values
            .with("title", m.title.clone())
            .with("due", m.due.map(|d| d.to_string()).unwrap_or_default())
            .with("note", m.note.clone());
    }
    shown(values, &MILESTONE)
}

/// What the key-result form shows: the key result as it is.
fn key_result_values(data: &Data, id: u32, kid: u32) -> Values {
    let k = data
        .priorities
        .iter()
        .find(|p| p.id == id)
        .and_then(|p| p.key_results.iter().find(|k| k.id == kid));
    let mut values = Values::empty(&KEY_RESULT);
    if let Some(k) = k {
        values = values
            .with("name", k.name.clone())
            .with("unit", k.unit.clone())
            .with("baseline", number(k.baseline))
            .with("target", number(k.target));
    }
    shown(values, &KEY_RESULT)
}

/// What the readings form offers: each key result's name, ready for its value.
fn readings_values(data: &Data, id: u32) -> Values {
    let names: Vec<String> = data
        .priorities
        .iter()
        .find(|p| p.id == id)
        .map(|p| {
            p.key_results
                .iter()
                .map(|k| format!("{}=", k.name))
                .collect()
        })
        .unwrap_or_default();
    Values::empty(&READINGS).with("readings", names.join(", "))
}

/// What the "done" form offers: the open milestone due first.
fn milestone_done_values(data: &Data, id: u32) -> Values {
    let next = data
        .priorities
        .iter()
        .find(|p| p.id == id)
        .and_then(|p| next_milestone(p).or_else(|| p.milestones.iter().find(|m| m.done.is_none())))
        .map(|m| m.id.to_string())
        .unwrap_or_default();
    Values::empty(&MILESTONE_DONE).with("which", next)
}
