//! `lane list`: items in display order, as text or JSON with derived fields.

use std::process::ExitCode;

use chrono::NaiveDateTime;
use color_eyre::eyre::{Result, eyre};

use super::When;
use lane_core::model::day::{self, block_worked_minutes, week_start};
use lane_core::model::ladder::{age_hours, flags as blocker_flags, next_rung};
use lane_core::model::limits::shift_days;
use lane_core::model::outcomes;
use lane_core::model::parse::parse_date;
use lane_core::model::rank::{flags, rank};
use lane_core::model::response::decision_awaiting;
use lane_core::model::rules::Rules;
use lane_core::model::triage::{flags as decision_flags, triage};
use lane_core::model::view::{ViewOpts, visible};
use lane_core::model::{BlockResult, Decision, Entry, Kind, Priority};
use lane_io::clock::local_now;
use lane_io::store::{Access, Store};

pub(super) fn list(
    data_dir: &std::path::Path,
    rules: &Rules,
    kind: Kind,
    json: bool,
    all: bool,
    when: &When,
) -> Result<ExitCode> {
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
    // Recurring blocks as they will be (shown, not written: a listing never writes).
    super::series::materialise(&mut live, today, Some(day));
    // The archive is read only when asked for everything.
    let data = if all {
        lane_core::model::archive::combine(&live, store.load_archive()?)
    } else {
        live
    };
    let opts = ViewOpts {
        filter: String::new(),
        show_closed: all,
        day: Some(day),
        quarters: false,
    };
    let order = if kind == Kind::Block && when.week {
        let monday = week_start(day);
        let mut week: Vec<usize> = (0..data.blocks.len())
            .filter(|&i| (monday..shift_days(monday, 7)).contains(&data.blocks[i].date))
            .collect();
        week.sort_by_key(|&i| (data.blocks[i].date, data.blocks[i].start));
        week
    } else {
        visible(&data, kind, &opts, true, today)
    };
    let json_err = |e: serde_json::Error| eyre!(e);
    if json {
        let mut out = Vec::new();
        for &i in &order {
            let value = match kind {
                Kind::Priority => {
                    let p = &data.priorities[i];
                    let mut v = serde_json::to_value(p).map_err(json_err)?;
                    if let Some(obj) = v.as_object_mut() {
                        obj.insert("score".into(), rank(p, today).score.into());
                        obj.insert("flags".into(), flags(p, rules, today).into());
                        steering_json(p, obj);
                    }
                    Ok(v)
                }
                Kind::Block => {
                    let b = &data.blocks[i];
                    let mut v = serde_json::to_value(b).map_err(json_err)?;
                    if let Some(obj) = v.as_object_mut() {
                        obj.insert("minutes".into(), day::minutes(b).into());
                        obj.insert("actual_minutes".into(), day::actual_minutes(b, now).into());
                        obj.insert("flags".into(), day::flags(b, &data, &rules.hours).into());
                        if let Some(every) = super::series::every_of(&data, b.series.as_deref()) {
                            obj.insert("every".into(), every.into());
                        }
                    }
                    Ok(v)
                }
                Kind::Blocker => {
                    let b = &data.blockers[i];
                    let mut v = serde_json::to_value(b).map_err(json_err)?;
                    if let Some(obj) = v.as_object_mut() {
                        let age = (age_hours(b, &rules.hours, now) * 10.0).round() / 10.0;
                        obj.insert("age_hours".into(), age.into());
                        obj.insert("next_rung".into(), next_rung(b).name().into());
                        obj.insert("flags".into(), blocker_flags(b, rules, now).into());
                    }
                    Ok(v)
                }
                Kind::Decision => {
                    let d = &data.decisions[i];
                    let b = &rules.boundaries;
                    let mut v = serde_json::to_value(d).map_err(json_err)?;
                    if let Some(obj) = v.as_object_mut() {
                        let t = triage(d, b);
                        obj.insert("triage".into(), t.lane.name().into());
                        obj.insert("reasons".into(), t.reasons.into());
                        obj.insert("flags".into(), call_flags(d, rules, now).into());
                        // The track record's fields, null until given.
                        for key in ["rating", "verdict"] {
                            obj.entry(key).or_insert(serde_json::Value::Null);
                        }
                    }
                    Ok(v)
                }
                Kind::Review => serde_json::to_value(&data.reviews[i]),
            }
            .map_err(json_err)?;
            out.push(value);
        }
        lane_io::say::line(&lane_io::say::json(&out).map_err(json_err)?);
        return Ok(ExitCode::SUCCESS);
    }
    let mark = |done: bool| if done { "✓" } else { " " };
    let lines: Vec<String> = order
        .iter()
        .map(|&i| match kind {
            Kind::Priority => {
                let p = &data.priorities[i];
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
            Kind::Block => {
                let b = &data.blocks[i];
                let flags = shown_flags(&day::flags(b, &data, &rules.hours));
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
                let every = super::series::every_of(&data, b.series.as_deref())
                    .map(|e| format!(" ↻ {e}"))
                    .unwrap_or_default();
                format!(
                    "{:>3} {} {} {}-{} {:<7} {}  {}m{actual}{every}{flags}{from}",
                    b.id,
                    mark(b.done),
                    b.date,
                    b.start.format("%H:%M"),
                    b.end.format("%H:%M"),
                    b.kind.name(),
                    b.title,
                    day::minutes(b)
                )
            }
            Kind::Blocker => {
                let b = &data.blockers[i];
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
            Kind::Decision => {
                let d = &data.decisions[i];
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
            Kind::Review => {
                let r = &data.reviews[i];
                let energy = r.energy.map(|e| e.to_string()).unwrap_or("-".into());
                format!("{} energy {energy}  {}", r.date, r.wins)
            }
        })
        .collect();
    if lines.is_empty() {
        lane_io::say::line(&format!("no {} yet", kind.table()));
    }
    for l in lines {
        lane_io::say::line(&l);
    }
    Ok(ExitCode::SUCCESS)
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
fn steering_json(p: &Priority, obj: &mut serde_json::Map<String, serde_json::Value>) {
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
