//! Blockers' links on the command line: `lane refresh [links|calendars]`
//! (forges asked before the lock is taken: the network never holds up
//! another writer), and what `lane list blockers` shows of each link.

use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use chrono::NaiveDateTime;
use clap::ValueEnum;
use color_eyre::eyre::Result;
use serde_json::{Map, Value};

use lane_core::model::links::{Known, link_line, links_of, quiet, unblocked};
use lane_core::model::rules::Rules;
use lane_core::model::text::visible;
use lane_core::model::{Blocker, Data};
use lane_io::clock::local_now;
use lane_io::config::Config;
use lane_io::links::cache;
use lane_io::say;
use lane_io::store::{Access, Store};

/// What `lane refresh` fetches (default: everything).
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefreshWhat {
    /// Only the issues and pull requests blockers link to
    Links,
    /// Only the calendars (as `lane calendar refresh`)
    Calendars,
}

/// `lane refresh [links|calendars]`: exits 1 when a source failed (what it
/// last said is kept, and what the others said is applied).
pub(super) fn run(
    data_dir: &Path,
    config_dir: &Path,
    what: Option<RefreshWhat>,
) -> Result<ExitCode> {
    let config = Config::load(config_dir)?;
    let mut ok = true;
    if what != Some(RefreshWhat::Links) && !config.calendars.sources.is_empty() {
        ok &= super::calendar::bring_in(data_dir, config_dir, &config.calendars, None)?;
    }
    if what != Some(RefreshWhat::Calendars) {
        ok &= refresh_links(data_dir, config_dir, &config)?;
    }
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Asks every forge, says what each answered and what it unblocked; resolves
/// those blockers only with `auto_resolve = true`. True when no forge failed.
fn refresh_links(data_dir: &Path, config_dir: &Path, config: &Config) -> Result<bool> {
    let (_, data) = Store::open(data_dir, Access::Read)?;
    let now = local_now();
    if lane_io::links::by_host(&data).is_empty() {
        say::line(
            "no open blocker links an issue or pull request: \
             lane modify blocker ID link=URL adds one",
        );
        lane_io::links::forget_unlinked(&data, data_dir);
        return Ok(true);
    }
    let timeout = Duration::from_secs(config.calendars.timeout_seconds);
    let refreshed = lane_io::links::refresh(&config.forges, &data, data_dir, timeout, now);
    for host in &refreshed {
        if host.fetched > 0 {
            let n = host.fetched;
            say::line(&format!(
                "{}: {}",
                visible(&host.host),
                lane_core::model::text::count(n, "link read", "links read")
            ));
        }
        for why in &host.failures {
            say::err(&format!("lane: {}", visible(why)));
        }
    }
    let known = cache::known(data_dir);
    news(&data, &known, &config.rules, now);
    if config.forges.auto_resolve {
        resolve_unblocked(data_dir, config_dir, &known)?;
    }
    Ok(refreshed.iter().all(|h| !h.failed()))
}

/// What the links say of each open blocker: unblocked (and the command that
/// resolves it), or quiet long enough to climb the ladder.
fn news(data: &Data, known: &Known, rules: &Rules, now: NaiveDateTime) {
    for b in &data.blockers {
        let title = visible(&b.title);
        if let Some(by) = unblocked(b, known) {
            say::line(&format!(
                "blocker {} “{title}”: {by} — unblocked? lane resolve blocker {} \"{by}\"",
                b.id, b.id
            ));
        } else if let Some(nudge) = quiet(b, known, rules, now) {
            say::line(&format!("blocker {} “{title}”: {nudge}", b.id));
        }
    }
}

/// `auto_resolve = true`: every blocker whose links all closed or merged is
/// resolved with what unblocked it, in one change (one undo step).
fn resolve_unblocked(data_dir: &Path, config_dir: &Path, known: &Known) -> Result<()> {
    let Ok(data) = Store::open(data_dir, Access::Read).map(|(_, d)| d) else {
        return Ok(());
    };
    if !data.blockers.iter().any(|b| unblocked(b, known).is_some()) {
        return Ok(());
    }
    let done = super::apply(data_dir, config_dir, false, |data, _, now| {
        let found: Vec<(u32, String)> = data
            .blockers
            .iter()
            .filter_map(|b| Some((b.id, unblocked(b, known)?)))
            .collect();
        let mut said = Vec::new();
        for (id, by) in found {
            lane_core::model::form::apply_note(
                data,
                lane_core::model::note::Note::Resolve,
                id,
                &by,
                now,
            )?;
            said.push(format!("blocker {id} resolved: {by}"));
        }
        Ok(said.join("\n"))
    })?;
    match done {
        Ok(said) => say::line(&said),
        Err(why) => say::err(&format!("lane: {why}")),
    }
    Ok(())
}

/// A blocker's links as its row in `lane list blockers` ends: `PR #42 merged
/// 2h ago — unblocked?`, or the nudge of a quiet one.
pub(super) fn row_suffix(b: &Blocker, known: &Known, rules: &Rules, now: NaiveDateTime) -> String {
    let links: Vec<String> = links_of(b)
        .iter()
        .map(|l| link_line(l, known, now))
        .collect();
    let mut out = String::new();
    if !links.is_empty() {
        out.push_str(&format!("  [{}]", links.join("; ")));
    }
    if let Some(nudge) = quiet(b, known, rules, now) {
        out.push_str(&format!("  {nudge}"));
    }
    out
}

/// `lane list blockers --json`: `links` as objects (`url`, `label`, `state`,
/// `title`, `updated`, `fetched`: null until fetched), `unblocked_by` and the
/// `unblocked` and `quiet` flags.
pub(super) fn json_links(
    b: &Blocker,
    known: &Known,
    rules: &Rules,
    now: NaiveDateTime,
    obj: &mut Map<String, Value>,
) {
    let links: Vec<Value> = b
        .links
        .iter()
        .map(|url| {
            let parsed = lane_core::model::links::parse(url).ok();
            let seen = known.get(url);
            let time = |t: Option<NaiveDateTime>| {
                t.map_or(Value::Null, |t| {
                    t.format("%Y-%m-%dT%H:%M:%S").to_string().into()
                })
            };
            serde_json::json!({
                "url": url,
                "label": parsed.map(|l| l.label()),
                "state": seen.map(|s| s.state.name()),
                "title": seen.map(|s| s.title.clone()),
                "updated": time(seen.and_then(|s| s.updated)),
                "fetched": time(seen.map(|s| s.fetched)),
            })
        })
        .collect();
    obj.insert("links".into(), links.into());
    let by = unblocked(b, known);
    let nudge = quiet(b, known, rules, now);
    if let Some(Value::Array(flags)) = obj.get_mut("flags") {
        if by.is_some() {
            flags.push("unblocked".into());
        }
        if nudge.is_some() {
            flags.push("quiet".into());
        }
    }
    obj.insert("unblocked_by".into(), by.into());
    obj.insert("nudge".into(), nudge.into());
}
