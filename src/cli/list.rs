//! `lane list`: items in display order, as text or JSON with derived fields.

use std::process::ExitCode;

use chrono::{NaiveDate, NaiveDateTime};
use color_eyre::eyre::{Result, eyre};
use serde_json::{Map, Value};

use super::When;
use lane_core::model::day::{self, block_worked_minutes, week_start};
use lane_core::model::ladder::{age_hours, flags as blocker_flags, next_rung};
use lane_core::model::limits::shift_days;
use lane_core::model::outcomes;
use lane_core::model::parse::parse_date;
use lane_core::model::rank::{flags, rank};
use lane_core::model::response::decision_awaiting;
use lane_core::model::rules::Rules;
use lane_core::model::time_of_day;
use lane_core::model::triage::{flags as decision_flags, triage};
use lane_core::model::view::{ViewOpts, visible};
use lane_core::model::{Block, BlockResult, Blocker, Data, Decision, Entry, Kind, Priority};
use lane_io::clock::local_now;
use lane_io::config::Config;
use lane_io::store::{Access, Store};

/// `lane list KIND`: the items as the app orders them (a day's or a week's
/// blocks), as text or as JSON.
pub(super) fn list(
    data_dir: &std::path::Path,
    config_dir: &std::path::Path,
    kind: Kind,
    json: bool,
    all: bool,
    when: &When,
) -> Result<ExitCode> {
    let config = Config::load(config_dir)?;
    let rules = &config.rules;
    let (store, mut live) = Store::open(data_dir, Access::Read)?;
    let now = local_now();
    let today = now.date();
    let day = match &when.date {
        Some(text) => match parse_date(text, today) {
            Ok(d) => d,
            Err(e) => return Ok(super::usage_error(format!("date: {e}"))),
        },
        None => today,
    };
    // Repeating blocks and meetings as they are computed (a listing never writes).
    super::series::compute(&mut live, &config, (data_dir, config_dir), now, Some(day));
    // The archive is read only when asked for everything; for a day's or a
    // week's blocks, only the years whose index has blocks then.
    let data = match (all, kind) {
        (false, _) => live,
        (true, Kind::Block) => {
            let (first, after) = listed_days(when.week, day);
            let years = store.load_archive_for_days(first, after)?;
            lane_core::model::archive::combine(&live, years)
        }
        (true, _) => lane_core::model::archive::combine(&live, store.load_archive()?),
    };
    let order = order(&data, kind, when.week, day, all, today);
    // What was last fetched of blockers' links, from this machine's cache.
    let known = match kind {
        Kind::Blocker => lane_io::links::cache::known(data_dir),
        _ => Default::default(),
    };
    if json {
        let out = order
            .iter()
            .map(|&i| {
                let mut v = json_of(&data, kind, i, rules, now)?;
                if let (Kind::Blocker, Some(obj)) = (kind, v.as_object_mut()) {
                    super::links::json_links(&data.blockers[i], &known, rules, now, obj);
                }
                Ok(v)
            })
            .collect::<Result<Vec<_>, serde_json::Error>>()
            .map_err(json_err)?;
        lane_io::say::line(&lane_io::say::json(&out).map_err(json_err)?);
        return Ok(ExitCode::SUCCESS);
    }
    if kind == Kind::Block {
        all_day_lines(&data, when.week, day);
    }
    if order.is_empty() {
        lane_io::say::line(&nothing_listed(&data, kind, when.week, day));
    }
    for &i in &order {
        let mut line = line_of(&data, kind, i, rules, now);
        if kind == Kind::Blocker {
            line += &super::links::row_suffix(&data.blockers[i], &known, rules, now);
        }
        lane_io::say::row(&line);
    }
    Ok(ExitCode::SUCCESS)
}

/// The all-day events of the day (or week) listed, from a calendar file
/// imported: over the blocks, as the app shows them.
fn all_day_lines(data: &Data, week: bool, day: NaiveDate) {
    use lane_core::model::{calendar::banners, text};
    let days = if week {
        let monday = week_start(day);
        (0..7).map(|n| shift_days(monday, n)).collect()
    } else {
        vec![day]
    };
    for d in days {
        for b in banners::on(data, d) {
            let date = if week { format!("{d} ") } else { String::new() };
            let (title, calendar) = (text::visible(&b.title), text::visible(&b.calendar));
            lane_io::say::line(&format!("{date}all day  {title} ({calendar})"));
        }
    }
}

/// What an empty listing says: "yet" only when there are none at all — a day
/// or week without blocks says which, and when the next one is.
fn nothing_listed(data: &Data, kind: Kind, week: bool, day: NaiveDate) -> String {
    let noun = kind.table();
    if kind != Kind::Block || data.blocks.is_empty() {
        return format!("no {noun} yet");
    }
    let (first, after) = listed_days(week, day);
    let span = if week {
        format!("in the week of {first}")
    } else {
        format!("on {day}")
    };
    let later = data
        .blocks
        .iter()
        .map(|b| b.date)
        .filter(|d| *d >= after)
        .min();
    match later {
        Some(next) => {
            format!("no {noun} {span}; the next is on {next} (lane list blocks --date {next})")
        }
        None => format!("no {noun} {span}"),
    }
}

/// The days a listing of blocks covers: `first..after`.
fn listed_days(week: bool, day: NaiveDate) -> (NaiveDate, NaiveDate) {
    if week {
        let monday = week_start(day);
        (monday, shift_days(monday, 7))
    } else {
        (day, shift_days(day, 1))
    }
}

fn json_err(e: serde_json::Error) -> color_eyre::Report {
    eyre!(e)
}

/// The items listed, in the app's order; a week's blocks by day and time.
fn order(
    data: &Data,
    kind: Kind,
    week: bool,
    day: NaiveDate,
    all: bool,
    today: NaiveDate,
) -> Vec<usize> {
    if kind == Kind::Block && week {
        let monday = week_start(day);
        let mut week: Vec<usize> = (0..data.blocks.len())
            .filter(|&i| (monday..shift_days(monday, 7)).contains(&data.blocks[i].date))
            .collect();
        week.sort_by_key(|&i| (data.blocks[i].date, data.blocks[i].start));
        return week;
    }
    let opts = ViewOpts {
        filter: String::new(),
        show_closed: all,
        day: Some(day),
        quarters: false,
    };
    visible(data, kind, &opts, true, today)
}

/// What lane derives about one kind of item, added to the item's JSON object.
type Derived = fn(&Data, usize, &Rules, NaiveDateTime, &mut Map<String, Value>);

/// Item `i` of `kind` as JSON: its fields, and what lane derives from them.
fn json_of(
    data: &Data,
    kind: Kind,
    i: usize,
    rules: &Rules,
    now: NaiveDateTime,
) -> Result<Value, serde_json::Error> {
    let (mut v, derived): (Value, Derived) = match kind {
        Kind::Priority => (serde_json::to_value(&data.priorities[i])?, priority_json),
        Kind::Block => (serde_json::to_value(&data.blocks[i])?, block_json),
        Kind::Blocker => (serde_json::to_value(&data.blockers[i])?, blocker_json),
        Kind::Decision => (serde_json::to_value(&data.decisions[i])?, decision_json),
        Kind::Review => return serde_json::to_value(&data.reviews[i]),
    };
    if let Some(obj) = v.as_object_mut() {
        derived(data, i, rules, now, obj);
    }
    Ok(v)
}

fn priority_json(
    data: &Data,
    i: usize,
    rules: &Rules,
    now: NaiveDateTime,
    obj: &mut Map<String, Value>,
) {
    let (p, today) = (&data.priorities[i], now.date());
    obj.insert("score".into(), rank(p, today).score.into());
    obj.insert("flags".into(), flags(p, rules, today).into());
    steering_json(p, obj);
}

fn block_json(
    data: &Data,
    i: usize,
    rules: &Rules,
    now: NaiveDateTime,
    obj: &mut Map<String, Value>,
) {
    let b = &data.blocks[i];
    obj.insert("minutes".into(), day::minutes(b).into());
    obj.insert("actual_minutes".into(), day::actual_minutes(b, now).into());
    obj.insert("flags".into(), day::flags(b, data, &rules.hours).into());
    if let Some(every) = super::series::every_of(data, b.series.as_deref()) {
        obj.insert("every".into(), every.into());
    }
    // Computed from a series or a calendar's copy, not kept in lane.toml.
    obj.insert(
        "computed".into(),
        lane_core::model::derived::is_computed(b).into(),
    );
}

fn blocker_json(
    data: &Data,
    i: usize,
    rules: &Rules,
    now: NaiveDateTime,
    obj: &mut Map<String, Value>,
) {
    let b = &data.blockers[i];
    let age = (age_hours(b, &rules.hours, now) * 10.0).round() / 10.0;
    obj.insert("age_hours".into(), age.into());
    obj.insert("next_rung".into(), next_rung(b).name().into());
    obj.insert("flags".into(), blocker_flags(b, rules, now).into());
}

fn decision_json(
    data: &Data,
    i: usize,
    rules: &Rules,
    now: NaiveDateTime,
    obj: &mut Map<String, Value>,
) {
    let d = &data.decisions[i];
    let t = triage(d, &rules.boundaries);
    obj.insert("triage".into(), t.lane.name().into());
    obj.insert("reasons".into(), t.reasons.into());
    obj.insert("flags".into(), call_flags(d, rules, now).into());
    // The track record's fields, null until given.
    for key in ["rating", "verdict"] {
        obj.entry(key).or_insert(Value::Null);
    }
}

/// Item `i` of `kind` as one line of text.
fn line_of(data: &Data, kind: Kind, i: usize, rules: &Rules, now: NaiveDateTime) -> String {
    match kind {
        Kind::Priority => priority_line(&data.priorities[i], rules, now.date()),
        Kind::Block => block_line(data, &data.blocks[i], rules, now),
        Kind::Blocker => blocker_line(&data.blockers[i], rules, now),
        Kind::Decision => decision_line(&data.decisions[i], rules, now),
        Kind::Review => {
            let r = &data.reviews[i];
            let energy = r.energy.map(|e| e.to_string()).unwrap_or("-".into());
            format!("{} energy {energy}  {}", r.date, r.wins)
        }
    }
}

fn mark(done: bool) -> &'static str {
    if done { "✓" } else { " " }
}

fn priority_line(p: &Priority, rules: &Rules, today: NaiveDate) -> String {
    let r = rank(p, today);
    let due = p.due.map(|d| format!("  due {d}")).unwrap_or_default();
    let flags = shown_flags(&flags(p, rules, today));
    let m = if p.focus { "◆" } else { mark(p.is_done()) };
    format!(
        "{:>3} {m} {}  ({}: {}){due}{}{flags}",
        p.id,
        p.title,
        r.score,
        r.reason,
        steering_words(p)
    )
}

fn block_line(data: &Data, b: &Block, rules: &Rules, now: NaiveDateTime) -> String {
    let flags = shown_flags(&day::flags(b, data, &rules.hours));
    // As the review counts it: a skipped block's timer is not work done.
    let actual = match b.result {
        Some(BlockResult::Skipped) => " (skipped)".to_string(),
        Some(BlockResult::Moved) => match b.moved_to {
            Some(to) => format!(" (moved to {to})"),
            None => " (moved)".to_string(),
        },
        _ => block_worked_minutes(b, now)
            .map(|m| format!(" (worked {m}m)"))
            .unwrap_or_default(),
    };
    let from = b
        .calendar
        .as_ref()
        .map(|c| format!("  ◷ {}", c.source))
        .unwrap_or_default();
    let every = super::series::every_of(data, b.series.as_deref())
        .map(|e| format!(" ↻ {e}"))
        .unwrap_or_default();
    format!(
        "{:>3} {} {} {}-{} {:<7} {}  {}m{actual}{every}{flags}{from}",
        b.id,
        mark(b.done),
        b.date,
        time_of_day::text(b.start),
        time_of_day::text(b.end),
        b.kind.name(),
        b.title,
        day::minutes(b)
    )
}

fn blocker_line(b: &Blocker, rules: &Rules, now: NaiveDateTime) -> String {
    let on = if b.waiting_on.is_empty() {
        String::new()
    } else {
        format!("  (waiting on {})", b.waiting_on)
    };
    let flags = shown_flags(&blocker_flags(b, rules, now));
    let next = next_rung(b).name().replace('_', " ");
    format!(
        "{:>3} {} {}{on}  next: {next}{flags}",
        b.id,
        mark(b.is_done()),
        b.title
    )
}

fn decision_line(d: &Decision, rules: &Rules, now: NaiveDateTime) -> String {
    let t = triage(d, &rules.boundaries);
    let why = if t.reasons.is_empty() {
        String::new()
    } else {
        format!(" ({})", t.reasons.join("; "))
    };
    let flags = shown_flags(&call_flags(d, rules, now));
    let call = if d.call.is_empty() {
        String::new()
    } else {
        format!(" → {}", d.call)
    };
    format!(
        "{:>3} {} {}{call}  {}{why}{flags}",
        d.id,
        mark(d.done),
        d.situation,
        t.lane.name()
    )
}

/// Flags as text output shows them: words, not the JSON names (`follow-up due`).
/// A call's flags, and `awaiting_answer` once its escalation waits past
/// `respond_within_hours`.
fn call_flags(d: &Decision, rules: &Rules, now: NaiveDateTime) -> Vec<&'static str> {
    let mut out = decision_flags(d, &rules.boundaries, now.date());
    if decision_awaiting(d, rules, now) {
        out.push("awaiting_answer");
    }
    out
}

fn shown_flags(flags: &[&str]) -> String {
    if flags.is_empty() {
        return String::new();
    }
    let words: Vec<String> = flags
        .iter()
        .map(|f| f.replace("follow_up", "follow-up").replace('_', " "))
        .collect();
    format!("  [{}]", words.join(", "))
}

/// What `--json` adds about steering: the quarter in force, milestones done
/// of all, and each key result's latest reading and progress.
fn steering_json(p: &Priority, obj: &mut Map<String, Value>) {
    obj.insert("quarter".into(), outcomes::quarter(p).into());
    let (done, total) = outcomes::milestones_done(p);
    obj.insert(
        "milestones_done".into(),
        serde_json::json!({ "done": done, "total": total }),
    );
    if let Some(list) = obj.get_mut("key_results").and_then(|v| v.as_array_mut()) {
        for (kr, v) in p.key_results.iter().zip(list.iter_mut()) {
            if let Some(o) = v.as_object_mut() {
                o.insert("current".into(), kr.current().into());
                o.insert("progress".into(), kr.progress().into());
            }
        }
    }
}

/// `  milestones 1/3  p95 latency 50%` after a priority in the text list.
fn steering_words(p: &Priority) -> String {
    let mut out = String::new();
    let (done, total) = outcomes::milestones_done(p);
    if total > 0 {
        out.push_str(&format!("  milestones {done}/{total}"));
    }
    for kr in &p.key_results {
        out.push_str(&format!("  {} {}%", kr.name, kr.progress()));
    }
    if p.strategic {
        out.push_str(&format!(
            "  strategic {}",
            outcomes::quarter(p).unwrap_or_default()
        ));
    }
    out
}
