//! How typed form text becomes an item. The app, the command line, the rituals
//! and the importers all go through `save`, so they follow one set of rules.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

pub use super::fields::{FieldSpec, FieldType, Values, fields, initial_values};
use super::limits::add_minutes;
pub use super::note::{
    Judgement, Note, add_update, apply_note, apply_note_form, apply_note_judged, judge, mark_rung,
};
use super::parse::{Span, parse_span, split_leading_span};
use super::problems::{Problem, item_problems};
use super::slots::first_free_slot;
use super::triage::{Boundaries, default_review_on, settle_status};
use super::{
    Block, Blocker, BlockerStatus, Data, Decision, DecisionStatus, Extra, Kind, Priority,
    PriorityStatus, WorkingHours,
};

mod parsed;
use parsed::{Form, parse_field};

/// A field that did not parse: its key and the reason.
pub type FieldError = (&'static str, String);

/// What `save` needs from outside: the time, working hours, the boundaries
/// (a call's triage sets where it stands) and a fresh uid.
pub struct Ctx<'a> {
    pub now: NaiveDateTime,
    pub hours: &'a WorkingHours,
    pub boundaries: &'a Boundaries,
    pub uid: String,
}

/// Parses the typed values and adds a new item (`editing == None`) or updates the
/// item with that id. On any error nothing changes and every bad field is reported.
pub fn save(
    data: &mut Data,
    kind: Kind,
    editing: Option<u32>,
    values: &Values,
    ctx: Ctx,
) -> Result<u32, Vec<FieldError>> {
    let before = data.clone();
    let saved = apply(data, kind, editing, values, ctx).and_then(|id| {
        // What the store would refuse to write is refused here, under its field,
        // by the same rules (`problems`), rather than when saving fails later.
        let index = data.list(kind).position(id);
        let problems = index.map_or_else(Vec::new, |i| item_problems(data, kind, i));
        if problems.is_empty() {
            Ok(id)
        } else {
            Err(problems
                .into_iter()
                .map(|p| (form_field(kind, &p), p.reason))
                .collect())
        }
    });
    if saved.is_err() {
        *data = before;
    }
    saved
}

/// Saves the block form onto the series block `id` is an occurrence of: the
/// series takes what the occurrence would have become (the form's date is the
/// series' first day), and its untouched occurrences from today on follow.
pub fn save_series(
    data: &mut Data,
    id: u32,
    values: &Values,
    ctx: Ctx,
) -> Result<u32, Vec<FieldError>> {
    let today = ctx.now.date();
    super::series::of_block(data, id).map_err(|e| vec![("title", e)])?;
    // The block form's rules, on a copy: one set of rules for a block and a series.
    let mut scratch = data.clone();
    let once = values.clone().with("every", "");
    save(&mut scratch, Kind::Block, Some(id), &once, ctx)?;
    let b = scratch
        .blocks
        .into_iter()
        .find(|b| b.id == id)
        .ok_or_else(|| vec![("title", format!("block {id} no longer exists"))])?;
    let (_, every, until) = super::series::parse_every(values.get("every"), b.date, today)
        .map_err(|e| vec![("every", e)])?;
    let before = data.clone();
    super::series::modify(data, id, today, |s| {
        s.title = b.title;
        s.start = b.start;
        s.end = b.end;
        s.kind = b.kind;
        s.priority = b.priority;
        s.first = b.date;
        s.every = every;
        s.until = until;
    })
    .map_err(|e| vec![("title", e)])?;
    // Only this series' own problems: a hand-broken other one is not this form's.
    let uid = super::series::of_block(data, id)
        .map(|s| s.uid.clone())
        .ok();
    let problems: Vec<_> = super::problems::series_problems(data)
        .into_iter()
        .filter(|p| uid.as_ref().is_some_and(|u| p.item.contains(u.as_str())))
        .collect();
    if !problems.is_empty() {
        *data = before;
        return Err(problems
            .into_iter()
            .map(|p| (form_field(Kind::Block, &p), p.reason))
            .collect());
    }
    Ok(id)
}

/// The form field a stored field's problem shows under: a block's start and end
/// are typed as its time; a field the form does not have goes under the first.
fn form_field(kind: Kind, problem: &Problem) -> &'static str {
    let specs = fields(kind);
    match problem.field() {
        Some("start" | "end") if kind == Kind::Block => "time",
        Some(f) => specs
            .iter()
            .find(|s| s.key == f)
            .map_or(specs[0].key, |s| s.key),
        None => specs[0].key,
    }
}

/// Parses every field of the kind's form; each bad field is reported, in the
/// form's order, before anything is applied.
fn parse_form(
    kind: Kind,
    values: &Values,
    data: &Data,
    today: NaiveDate,
) -> Result<Form, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut parsed = HashMap::new();
    for spec in fields(kind) {
        match parse_field(spec, values.get(spec.key).trim(), data, today) {
            Ok(p) => {
                parsed.insert(spec.key, p);
            }
            Err(e) => errors.push((spec.key, e)),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Form(parsed))
}

fn apply(
    data: &mut Data,
    kind: Kind,
    editing: Option<u32>,
    values: &Values,
    ctx: Ctx,
) -> Result<u32, Vec<FieldError>> {
    let form = parse_form(kind, values, data, ctx.now.date())?;
    let id = editing.unwrap_or_else(|| data.next_id(kind));
    let found = editing.and_then(|id| data.list(kind).position(id));
    if editing.is_some() && found.is_none() {
        return Err(vec![(
            fields(kind)[0].key,
            format!("{} {id} no longer exists", kind.noun()),
        )]);
    }
    match kind {
        Kind::Priority => apply_priority(data, &form, found, id, ctx),
        // A repeating block adds a series: the id is then its first block's.
        Kind::Block => return apply_block(data, &form, found, id, ctx),
        Kind::Blocker => apply_blocker(data, &form, found, id, ctx),
        Kind::Decision => apply_decision(data, &form, found, id, ctx),
        Kind::Review => apply_review(data, &form, found, editing, ctx)?,
    }
    Ok(id)
}

/// The priority form onto the priority at `found`, or a new one. The status
/// goes through `set_status` either way, so a priority closed from the form
/// is stamped and loses its focus place like one closed any other way.
fn apply_priority(data: &mut Data, form: &Form, found: Option<usize>, id: u32, ctx: Ctx) {
    let today = ctx.now.date();
    let (impact, urgency) = (form.level("impact"), form.level("urgency"));
    match found {
        Some(i) => {
            let (old, new) = (data.priorities[i].title.clone(), form.text("title"));
            if old != new {
                retitle_planned_blocks(data, data.priorities[i].id, &old, &new, today);
            }
            let p = &mut data.priorities[i];
            p.title = new;
            p.outcome = form.text("outcome");
            p.measure = form.text("measure");
            p.due = form.date("due");
            p.impact = impact;
            p.urgency = urgency;
            p.progress = form.small("progress");
            p.private = form.flag("private");
            super::ops::set_status(p, form.status(), today);
            agree(p, form, today);
        }
        None => {
            let mut p = Priority {
                id,
                uid: ctx.uid,
                title: form.text("title"),
                outcome: form.text("outcome"),
                measure: form.text("measure"),
                due: form.date("due"),
                impact,
                urgency,
                status: PriorityStatus::Active,
                focus: false,
                progress: form.small("progress"),
                created: Some(today),
                updates: Vec::new(),
                closed: None,
                private: form.flag("private"),
                extra: Extra::new(),
                ..Priority::default()
            };
            super::ops::set_status(&mut p, form.status(), today);
            agree(&mut p, form, today);
            data.priorities.push(p);
        }
    }
}

/// The plan names the blocks it makes after their outcome: a renamed outcome
/// renames them from today on, unless the block was retitled by hand or
/// already worked on (a past day keeps what it was called then).
fn retitle_planned_blocks(
    data: &mut Data,
    id: u32,
    old: &str,
    new: &str,
    today: chrono::NaiveDate,
) {
    for b in data.blocks.iter_mut().filter(|b| {
        b.priority == Some(id) && b.title == old && b.date >= today && b.actual_start.is_none()
    }) {
        b.title = new.to_string();
    }
}

/// The agreement as the form has it: a new or changed name is dated today,
/// an emptied one takes its date with it.
fn agree(p: &mut Priority, form: &Form, today: chrono::NaiveDate) {
    let with = form.text("agreed_with");
    if with != p.agreed_with {
        p.agreed_on = (!with.is_empty()).then_some(today);
        p.agreed_with = with;
    }
    p.boundaries = form.text("boundaries");
}

/// The block form: the block as typed, then onto the block at `found`, as a
/// new block, or — with `every` — as a new series. Returns the id it got.
fn apply_block(
    data: &mut Data,
    form: &Form,
    found: Option<usize>,
    id: u32,
    ctx: Ctx,
) -> Result<u32, Vec<FieldError>> {
    let today = ctx.now.date();
    let day = form.date("date").unwrap_or(today);
    let (title, span) = block_span(data, form, found, day, &ctx)?;
    let start = span.start;
    let end = span_end(span)?;
    let typed = Block {
        priority: form.priority_ref(),
        ..Block::planned(id, ctx.uid, day, (start, end), title, form.block_kind())
    };
    let every = form.text("every");
    match found {
        Some(i) if !every.is_empty() => {
            let why = if data.blocks[i].series.is_some() {
                "this is one day of a series: edit the whole series to change how it repeats"
            } else {
                "an existing block cannot start repeating: add a new block with every"
            };
            Err(vec![("every", why.into())])
        }
        None if !every.is_empty() => add_series(data, typed, &every, today),
        Some(i) => edit_block(&mut data.blocks[i], typed).map(|()| id),
        None => {
            super::day::insert_block(data, typed);
            Ok(id)
        }
    }
}

/// Where the typed block sits, and its title: the time field, else a time
/// typed ahead of the title (taken off it), else where the edited block
/// already was, else the day's first free hour in working hours.
fn block_span(
    data: &Data,
    form: &Form,
    found: Option<usize>,
    day: NaiveDate,
    ctx: &Ctx,
) -> Result<(String, Span), Vec<FieldError>> {
    let (mut title, time) = (form.text("title"), form.text("time"));
    let span = if !time.is_empty() {
        parse_span(&time, ctx.now).map_err(|e| vec![("time", e)])?
    } else if let Some(split) = split_leading_span(&title, ctx.now) {
        let (span, rest) = split.map_err(|e| vec![("title", e)])?;
        if rest.is_empty() {
            return Err(vec![("title", "add a title after the time".into())]);
        }
        title = rest;
        span
    } else {
        let own = found.map(|i| &data.blocks[i]);
        match own {
            // Editing without a time keeps the block where it was.
            Some(b) => Span {
                start: b.start,
                end: Some(b.end),
            },
            None => {
                let start = first_free_slot(data, ctx.hours, day, 60, ctx.now).ok_or_else(|| {
                    vec![("time", format!("no free hour left in working hours on {day}; type a time like 18:00-19:00"))]
                })?;
                Span { start, end: None }
            }
        }
    };
    Ok((title, span))
}

/// A span's end; a span typed with only its start lasts an hour.
fn span_end(span: Span) -> Result<NaiveTime, Vec<FieldError>> {
    match span.end {
        Some(end) => Ok(end),
        None => add_minutes(span.start, 60).ok_or_else(|| {
            vec![(
                "time",
                "an hour from then runs past midnight; give an end time".to_string(),
            )]
        }),
    }
}

/// A new series repeating the typed block `every` from its day on; returns
/// the id of its first block.
fn add_series(
    data: &mut Data,
    typed: Block,
    every: &str,
    today: NaiveDate,
) -> Result<u32, Vec<FieldError>> {
    let (_, every, until) =
        super::series::parse_every(every, typed.date, today).map_err(|e| vec![("every", e)])?;
    let series = super::series::Series {
        uid: typed.uid,
        every,
        first: typed.date,
        until,
        start: typed.start,
        end: typed.end,
        title: typed.title,
        kind: typed.kind,
        priority: typed.priority,
        except: Vec::new(),
        extra: Extra::new(),
    };
    super::series::add(data, series, today).map_err(|e| vec![("every", e)])
}

/// The typed block's fields onto an existing block. A calendar's block refuses
/// what its calendar owns; a series' day that changes leaves the series, so
/// the series no longer rewrites it.
fn edit_block(b: &mut Block, typed: Block) -> Result<(), Vec<FieldError>> {
    let before = b.clone();
    b.title = typed.title;
    b.date = typed.date;
    b.start = typed.start;
    b.end = typed.end;
    b.kind = typed.kind;
    b.priority = typed.priority;
    super::calendar::refuse_owned_change(&before, b).map_err(|e| {
        let field = if e.0 == "time" && before.date != b.date {
            "date"
        } else {
            e.0
        };
        vec![(field, e.1)]
    })?;
    if (
        &before.title,
        before.date,
        before.start,
        before.end,
        before.kind,
        before.priority,
    ) != (&b.title, b.date, b.start, b.end, b.kind, b.priority)
    {
        super::series::detach(b);
    }
    Ok(())
}

/// The blocker form onto the blocker at `found`, or a new open one, opened now.
fn apply_blocker(data: &mut Data, form: &Form, found: Option<usize>, id: u32, ctx: Ctx) {
    match found {
        Some(i) => {
            let b = &mut data.blockers[i];
            b.title = form.text("title");
            b.waiting_on = form.text("waiting_on");
            b.priority = form.priority_ref();
            b.links = form.list("links");
        }
        None => data.blockers.push(Blocker {
            id,
            uid: ctx.uid,
            title: form.text("title"),
            priority: form.priority_ref(),
            waiting_on: form.text("waiting_on"),
            links: form.list("links"),
            opened: Some(super::day::to_minute(ctx.now)),
            tried: Vec::new(),
            follow_up: None,
            escalated_to: String::new(),
            escalated_at: None,
            skipped: Vec::new(),
            status: BlockerStatus::Open,
            resolution: String::new(),
            resolved_at: None,
            extra: Extra::new(),
        }),
    }
}

/// The decision form onto the call at `found`, or a new call made today. Either
/// way the triage then settles where it stands, as its facts may have moved it.
fn apply_decision(data: &mut Data, form: &Form, found: Option<usize>, id: u32, ctx: Ctx) {
    let today = ctx.now.date();
    let reversible = form.flag("reversible");
    let review_on = form.date("review_on");
    match found {
        Some(i) => {
            let d = &mut data.decisions[i];
            d.situation = form.text("situation");
            d.call = form.text("call");
            d.rationale = form.text("rationale");
            d.reversible = reversible;
            d.risk = form.level("risk");
            d.cost = form.money("cost");
            d.topics = form.list("topics");
            d.options = form.list("options");
            d.review_on = review_on;
            settle_status(d, ctx.boundaries);
        }
        None => {
            let mut d = Decision {
                id,
                uid: ctx.uid,
                date: Some(today),
                situation: form.text("situation"),
                options: form.list("options"),
                call: form.text("call"),
                rationale: form.text("rationale"),
                reversible,
                risk: form.level("risk"),
                cost: form.money("cost"),
                topics: form.list("topics"),
                lane_override: None,
                status: DecisionStatus::Decided,
                escalated_to: String::new(),
                escalated_at: None,
                answer: String::new(),
                reported: None,
                review_on: review_on.or(default_review_on(today, reversible)),
                outcome: String::new(),
                rating: None,
                verdict: None,
                answered_at: None,
                done: false,
                extra: Extra::new(),
            };
            settle_status(&mut d, ctx.boundaries);
            data.decisions.push(d);
        }
    }
}

/// The review form onto the journal entry at `found`, or the day's entry. One
/// entry per day: a day another entry covers is refused.
fn apply_review(
    data: &mut Data,
    form: &Form,
    found: Option<usize>,
    editing: Option<u32>,
    ctx: Ctx,
) -> Result<(), Vec<FieldError>> {
    let today = ctx.now.date();
    let day = form.date("date").unwrap_or(today);
    if let Some(other) = data
        .reviews
        .iter()
        .find(|r| r.date == day && Some(r.id) != editing)
    {
        return Err(vec![(
            "date",
            format!("review {} already covers {day}; edit that one", other.id),
        )]);
    }
    let r = match found {
        Some(i) => {
            let r = &mut data.reviews[i];
            r.date = day;
            r
        }
        // The journal stays in date order, whenever a day is written.
        None => super::ritual::day_entry(data, day, || ctx.uid),
    };
    r.wins = form.text("wins");
    r.carry_over = form.text("carry_over");
    r.energy = form.small("energy");
    r.notes = form.text("notes");
    Ok(())
}

#[cfg(test)]
mod tests;
