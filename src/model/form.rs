//! The fields of each kind's add/edit form and how typed text becomes an item.
//! The app and the command line both go through `save`, so they follow one set of rules.

use chrono::{Duration, NaiveDate, NaiveDateTime};

pub use super::note::{Note, add_update, apply_note, mark_rung};
use super::parse::{
    parse_date, parse_energy, parse_money, parse_percent, parse_span, parse_yes_no,
    split_leading_span,
};
use super::slots::first_free_slot;
use super::triage::default_review_on;
use super::{
    Block, BlockKind, Blocker, BlockerStatus, Data, Decision, DecisionStatus, Extra, Kind, Level,
    Priority, PriorityStatus, WorkingHours,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// Free text that must not be empty.
    Title,
    Text,
    Date,
    OptionalDate,
    /// A time span; may be empty for blocks, which then go into the first free slot.
    Span,
    Level,
    BlockKind,
    YesNo,
    Energy,
    /// 0–100, may be empty.
    Percent,
    PriorityStatus,
    /// An amount of money, may be empty, never negative.
    Money,
    /// Items separated by this character.
    List(char),
    /// The id of an existing priority, may be empty.
    PriorityRef,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    pub key: &'static str,
    pub label: &'static str,
    pub ty: FieldType,
    /// Shown dimmed in an empty field: what may be typed.
    pub hint: &'static str,
}

pub(super) const fn f(
    key: &'static str,
    label: &'static str,
    ty: FieldType,
    hint: &'static str,
) -> FieldSpec {
    FieldSpec {
        key,
        label,
        ty,
        hint,
    }
}

#[rustfmt::skip]
const PRIORITY: [FieldSpec; 8] = [
    f("title", "Title", FieldType::Title, "the outcome you own, in a few words"),
    f("outcome", "Outcome", FieldType::Text, "what done looks like"),
    f("measure", "Measure", FieldType::Text, "how success is measured"),
    f("due", "Due", FieldType::OptionalDate, "today, fri, +3d, 2026-12-01 or empty"),
    f("impact", "Impact", FieldType::Level, "high, medium or low"),
    f("urgency", "Urgency", FieldType::Level, "high, medium or low"),
    f("progress", "Progress %", FieldType::Percent, "0-100, or empty"),
    f("status", "Status", FieldType::PriorityStatus, "active, paused, done or dropped"),
];
#[rustfmt::skip]
const BLOCK: [FieldSpec; 5] = [
    f("title", "Title", FieldType::Title, "9-10:30 billing spec, or just a title"),
    f("time", "Time", FieldType::Span, "9-10:30, 14:00 +90m, now +45m; empty: first free hour"),
    f("date", "Date", FieldType::Date, "today, tomorrow, fri, +3d, 2026-12-01"),
    f("kind", "Kind", FieldType::BlockKind, "deep, shallow, meeting, break or admin"),
    f("priority", "Priority", FieldType::PriorityRef, "the id of the priority it works on, or empty"),
];
#[rustfmt::skip]
const BLOCKER: [FieldSpec; 3] = [
    f("title", "Title", FieldType::Title, "what is stuck"),
    f("waiting_on", "Waiting on", FieldType::Text, "a person, team or thing"),
    f("priority", "Priority", FieldType::PriorityRef, "the id of the priority it blocks, or empty"),
];
#[rustfmt::skip]
const DECISION: [FieldSpec; 9] = [
    f("situation", "Situation", FieldType::Title, "what needs deciding"),
    f("call", "Call", FieldType::Text, "what you decided (or propose)"),
    f("rationale", "Rationale", FieldType::Text, "why: the reasoning someone can check later"),
    f("reversible", "Reversible", FieldType::YesNo, "yes or no"),
    f("risk", "Risk", FieldType::Level, "low, medium or high"),
    f("cost", "Cost", FieldType::Money, "estimated cost, e.g. 1200, or empty"),
    f("topics", "Topics", FieldType::List(','), "comma-separated: hiring, budget, tooling"),
    f("options", "Options", FieldType::List(';'), "options considered, separated by ;"),
    f("review_on", "Review on", FieldType::OptionalDate, "empty: in 14 days if reversible"),
];
#[rustfmt::skip]
const REVIEW: [FieldSpec; 5] = [
    f("wins", "Wins", FieldType::Text, "what moved today"),
    f("carry_over", "Carry over", FieldType::Text, "what goes to tomorrow"),
    f("energy", "Energy", FieldType::Energy, "1 (drained) to 5 (great)"),
    f("notes", "Notes", FieldType::Text, "anything else"),
    f("date", "Date", FieldType::Date, "today, yesterday, 2026-11-20"),
];
pub fn fields(kind: Kind) -> &'static [FieldSpec] {
    match kind {
        Kind::Priority => &PRIORITY,
        Kind::Block => &BLOCK,
        Kind::Blocker => &BLOCKER,
        Kind::Decision => &DECISION,
        Kind::Review => &REVIEW,
    }
}

/// What the form shows when it opens: the item's values when editing, defaults when adding.
pub fn initial_values(
    data: &Data,
    kind: Kind,
    editing: Option<u32>,
    today: NaiveDate,
) -> Vec<String> {
    let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let found = editing.and_then(|id| data.list(kind).position(id));
    let v: Vec<String> = match (kind, found) {
        (Kind::Priority, Some(i)) => {
            let p = &data.priorities[i];
            vec![
                p.title.clone(),
                p.outcome.clone(),
                p.measure.clone(),
                date(p.due),
                p.impact.name().into(),
                p.urgency.name().into(),
                p.progress.map(|n| n.to_string()).unwrap_or_default(),
                p.status.name().into(),
            ]
        }
        (Kind::Priority, None) => vec![
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            Level::Medium.name().into(),
            Level::Medium.name().into(),
            String::new(),
            PriorityStatus::Active.name().into(),
        ],
        (Kind::Block, Some(i)) => {
            let b = &data.blocks[i];
            vec![
                b.title.clone(),
                format!("{}-{}", b.start.format("%H:%M"), b.end.format("%H:%M")),
                b.date.to_string(),
                b.kind.name().into(),
                b.priority.map(|p| p.to_string()).unwrap_or_default(),
            ]
        }
        (Kind::Block, None) => vec![
            String::new(),
            String::new(),
            today.to_string(),
            BlockKind::Deep.name().into(),
            String::new(),
        ],
        (Kind::Blocker, Some(i)) => {
            let b = &data.blockers[i];
            let p = b.priority.map(|p| p.to_string()).unwrap_or_default();
            vec![b.title.clone(), b.waiting_on.clone(), p]
        }
        (Kind::Decision, Some(i)) => {
            let d = &data.decisions[i];
            let rev = if d.reversible { "yes" } else { "no" };
            vec![
                d.situation.clone(),
                d.call.clone(),
                d.rationale.clone(),
                rev.into(),
                d.risk.name().into(),
                d.cost
                    .map(super::triage::money)
                    .unwrap_or_default()
                    .replace(' ', ""),
                d.topics.join(", "),
                d.options.join("; "),
                date(d.review_on),
            ]
        }
        (Kind::Decision, None) => vec![
            String::new(),
            String::new(),
            String::new(),
            "yes".into(),
            Level::Low.name().into(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ],
        (Kind::Review, Some(i)) => {
            let r = &data.reviews[i];
            vec![
                r.wins.clone(),
                r.carry_over.clone(),
                r.energy.map(|e| e.to_string()).unwrap_or_default(),
                r.notes.clone(),
                r.date.to_string(),
            ]
        }
        (Kind::Review, None) => vec![
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            today.to_string(),
        ],
        (Kind::Blocker, None) => vec![String::new(); BLOCKER.len()],
    };
    v
}

/// A field that did not parse: its index in `fields(kind)` and the reason.
pub type FieldError = (usize, String);

/// What `save` needs from outside: the time, working hours and a fresh uid.
pub struct Ctx<'a> {
    pub now: NaiveDateTime,
    pub hours: &'a WorkingHours,
    pub uid: String,
}

/// Parses the typed values and adds a new item (`editing == None`) or updates the
/// item with that id. On any error nothing changes and every bad field is reported.
pub fn save(
    data: &mut Data,
    kind: Kind,
    editing: Option<u32>,
    values: &[String],
    ctx: Ctx,
) -> Result<u32, Vec<FieldError>> {
    let specs = fields(kind);
    let value = |i: usize| values.get(i).map(|s| s.trim()).unwrap_or_default();
    let today = ctx.now.date();
    let mut errors = Vec::new();

    // Plain fields first; blocks need their date before their time.
    let mut texts = Vec::new();
    let mut dates = Vec::new();
    let mut levels = Vec::new();
    let mut flags = Vec::new();
    let mut energy = None;
    let mut percent = None;
    let mut money = None;
    let mut lists: Vec<Vec<String>> = Vec::new();
    let mut priority_ref = None;
    let mut status = PriorityStatus::Active;
    let mut block_kind = BlockKind::Deep;
    for (i, spec) in specs.iter().enumerate() {
        let v = value(i);
        match spec.ty {
            FieldType::Title if v.is_empty() => {
                errors.push((i, format!("{} cannot be empty", spec.label)))
            }
            FieldType::Title | FieldType::Text | FieldType::Span => texts.push(v.to_string()),
            FieldType::Date => match parse_date(v, today) {
                Ok(d) => dates.push(Some(d)),
                Err(e) => errors.push((i, e)),
            },
            FieldType::OptionalDate if v.is_empty() => dates.push(None),
            FieldType::OptionalDate => match parse_date(v, today) {
                Ok(d) => dates.push(Some(d)),
                Err(e) => errors.push((i, e)),
            },
            FieldType::Level => match Level::parse(v) {
                Ok(l) => levels.push(l),
                Err(e) => errors.push((i, e)),
            },
            FieldType::BlockKind => match BlockKind::parse(v) {
                Ok(k) => block_kind = k,
                Err(e) => errors.push((i, e)),
            },
            FieldType::YesNo => match parse_yes_no(v) {
                Ok(b) => flags.push(b),
                Err(e) => errors.push((i, e)),
            },
            FieldType::Energy => match parse_energy(v) {
                Ok(e) => energy = e,
                Err(e) => errors.push((i, e)),
            },
            FieldType::Percent => match parse_percent(v) {
                Ok(p) => percent = p,
                Err(e) => errors.push((i, e)),
            },
            FieldType::Money => match parse_money(v) {
                Ok(m) => money = m,
                Err(e) => errors.push((i, e)),
            },
            FieldType::List(sep) => lists.push(
                v.split(sep)
                    .map(str::trim)
                    .filter(|x| !x.is_empty())
                    .map(String::from)
                    .collect(),
            ),
            FieldType::PriorityRef if v.is_empty() => {}
            FieldType::PriorityRef => match v.trim_start_matches('#').parse::<u32>() {
                Ok(id) if data.priorities.iter().any(|p| p.id == id) => priority_ref = Some(id),
                _ => errors.push((i, format!("`{v}`: there is no priority with that id"))),
            },
            FieldType::PriorityStatus => match PriorityStatus::parse(v) {
                Ok(st) => status = st,
                Err(e) => errors.push((i, e)),
            },
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let text = |i: usize| texts.get(i).cloned().unwrap_or_default();
    let date = |i: usize| dates.get(i).copied().flatten();
    let id = editing.unwrap_or_else(|| data.next_id(kind));
    let found = editing.and_then(|id| data.list(kind).position(id));
    if editing.is_some() && found.is_none() {
        return Err(vec![(0, format!("{} {id} no longer exists", kind.noun()))]);
    }

    match kind {
        Kind::Priority => {
            let (impact, urgency) = (levels[0], levels[1]);
            match found {
                Some(i) => {
                    let p = &mut data.priorities[i];
                    p.title = text(0);
                    p.outcome = text(1);
                    p.measure = text(2);
                    p.due = date(0);
                    p.impact = impact;
                    p.urgency = urgency;
                    p.progress = percent;
                    if p.status != status && status.is_closed() {
                        // A closed outcome no longer holds one of the focus places.
                        p.focus = false;
                    }
                    p.status = status;
                }
                None => data.priorities.push(Priority {
                    id,
                    uid: ctx.uid,
                    title: text(0),
                    outcome: text(1),
                    measure: text(2),
                    due: date(0),
                    impact,
                    urgency,
                    status,
                    focus: false,
                    progress: percent,
                    created: Some(today),
                    updates: Vec::new(),
                    closed: None,
                    extra: Extra::new(),
                }),
            }
        }
        Kind::Block => {
            let day = date(0).unwrap_or(today);
            let (mut title, time) = (text(0), text(1));
            let span = if !time.is_empty() {
                parse_span(&time, ctx.now).map_err(|e| vec![(1, e)])?
            } else if let Some(split) = split_leading_span(&title, ctx.now) {
                let (span, rest) = split.map_err(|e| vec![(0, e)])?;
                if rest.is_empty() {
                    return Err(vec![(0, "add a title after the time".into())]);
                }
                title = rest;
                span
            } else {
                let own = found.map(|i| &data.blocks[i]);
                match own {
                    // Editing without a time keeps the block where it was.
                    Some(b) => super::parse::Span {
                        start: b.start,
                        end: Some(b.end),
                    },
                    None => {
                        let start = first_free_slot(data, ctx.hours, day, 60, ctx.now)
                            .ok_or_else(|| {
                                vec![(1, format!("no free hour left in working hours on {day}; type a time like 18:00-19:00"))]
                            })?;
                        super::parse::Span { start, end: None }
                    }
                }
            };
            let start = span.start;
            let end = match span.end {
                Some(end) => end,
                None => {
                    let (end, wrapped) = start.overflowing_add_signed(Duration::minutes(60));
                    if wrapped != 0 {
                        return Err(vec![(
                            1,
                            "an hour from then runs past midnight; give an end time".into(),
                        )]);
                    }
                    end
                }
            };
            match found {
                Some(i) => {
                    let b = &mut data.blocks[i];
                    b.title = title;
                    b.date = day;
                    b.start = start;
                    b.end = end;
                    b.kind = block_kind;
                    b.priority = priority_ref;
                }
                None => {
                    let at = data
                        .blocks
                        .iter()
                        .position(|b| (b.date, b.start) > (day, start))
                        .unwrap_or(data.blocks.len());
                    data.blocks.insert(
                        at,
                        Block {
                            id,
                            uid: ctx.uid,
                            date: day,
                            start,
                            end,
                            title,
                            kind: block_kind,
                            priority: priority_ref,
                            actual_start: None,
                            actual_end: None,
                            done: false,
                            result: None,
                            extra: Extra::new(),
                        },
                    );
                }
            }
        }
        Kind::Blocker => match found {
            Some(i) => {
                let b = &mut data.blockers[i];
                b.title = text(0);
                b.waiting_on = text(1);
                b.priority = priority_ref;
            }
            None => data.blockers.push(Blocker {
                id,
                uid: ctx.uid,
                title: text(0),
                priority: priority_ref,
                waiting_on: text(1),
                opened: Some(ctx.now),
                tried: Vec::new(),
                follow_up: None,
                escalated_to: String::new(),
                escalated_at: None,
                skipped: Vec::new(),
                status: BlockerStatus::Open,
                resolution: String::new(),
                extra: Extra::new(),
            }),
        },
        Kind::Decision => {
            let reversible = flags[0];
            let risk = levels[0];
            let topics = lists.first().cloned().unwrap_or_default();
            let options = lists.get(1).cloned().unwrap_or_default();
            let review_on = date(0);
            match found {
                Some(i) => {
                    let d = &mut data.decisions[i];
                    d.situation = text(0);
                    d.call = text(1);
                    d.rationale = text(2);
                    d.reversible = reversible;
                    d.risk = risk;
                    d.cost = money;
                    d.topics = topics;
                    d.options = options;
                    d.review_on = review_on;
                }
                None => data.decisions.push(Decision {
                    id,
                    uid: ctx.uid,
                    date: Some(today),
                    situation: text(0),
                    options,
                    call: text(1),
                    rationale: text(2),
                    reversible,
                    risk,
                    cost: money,
                    topics,
                    lane_override: None,
                    status: DecisionStatus::Decided,
                    escalated_to: String::new(),
                    escalated_at: None,
                    answer: String::new(),
                    reported: None,
                    review_on: review_on.or(default_review_on(today, reversible)),
                    outcome: String::new(),
                    done: false,
                    extra: Extra::new(),
                }),
            }
        }
        Kind::Review => {
            let day = date(0).unwrap_or(today);
            if let Some(other) = data
                .reviews
                .iter()
                .find(|r| r.date == day && Some(r.id) != editing)
            {
                return Err(vec![(
                    4,
                    format!("review {} already covers {day}; edit that one", other.id),
                )]);
            }
            match found {
                Some(i) => {
                    let r = &mut data.reviews[i];
                    r.wins = text(0);
                    r.carry_over = text(1);
                    r.energy = energy;
                    r.notes = text(2);
                    r.date = day;
                }
                None => {
                    // The journal stays in date order, whenever a day is written.
                    let r = super::ritual::day_entry(data, day, || ctx.uid);
                    r.energy = energy;
                    r.wins = text(0);
                    r.carry_over = text(1);
                    r.notes = text(2);
                }
            }
        }
    }
    Ok(id)
}

#[cfg(test)]
#[path = "form_tests.rs"]
mod tests;
