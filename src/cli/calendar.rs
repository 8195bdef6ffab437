//! `lane calendar refresh [NAME]` and `lane calendar list`, and the refresh
//! `lane sync` does after its merge. Sources are fetched before the store's
//! lock is taken: the network never holds up another writer.

use std::path::Path;
use std::process::ExitCode;

use clap::Subcommand;
use color_eyre::eyre::Result;
use serde::Serialize;

use lane_core::model::text::visible;
use lane_io::calendar::cache::{Kept, Outcome};
use lane_io::calendar::config::Calendars;
use lane_io::calendar::fetch::shorten;
use lane_io::calendar::refresh;
use lane_io::calendar::sources::{Dirs, Reach, Refreshed};
use lane_io::clock::local_now;
use lane_io::config::Config;
use lane_io::say;

#[derive(Subcommand, Debug)]
pub enum CalendarCommand {
    /// Fetch or read every calendar (or NAME) now and bring its meetings in;
    /// exits 1 with the reason when a source fails (the others are still applied)
    Refresh {
        /// One calendar's name from config.toml
        name: Option<String>,
    },
    /// Each calendar: where it is read from, its last fetch, its state, its events
    List {
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Take a calendar's meetings away from today on (one removed from the config,
    /// or brought in twice under two names); past days and worked meetings stay
    Forget {
        /// The name its meetings were brought in under (`lane list blocks` shows it)
        name: String,
    },
}

/// How many reasons for skipped events a refresh prints per calendar.
pub(super) const SKIPPED_SHOWN: usize = 5;

pub fn run(data_dir: &Path, config_dir: &Path, command: CalendarCommand) -> Result<ExitCode> {
    let config = Config::load(config_dir)?;
    match command {
        CalendarCommand::Refresh { name } => {
            let cals = &config.calendars;
            if let Some(name) = &name
                && !cals.sources.iter().any(|s| s.name == *name)
            {
                let names: Vec<String> = cals.sources.iter().map(|s| visible(&s.name)).collect();
                return Ok(super::usage_error(if names.is_empty() {
                    format!(
                        "no calendar named `{}`: none is configured yet",
                        visible(name)
                    )
                } else {
                    format!(
                        "no calendar named `{}`: the calendars are {}",
                        visible(name),
                        names.join(", ")
                    )
                }));
            }
            if cals.sources.is_empty() {
                say::line(&none_configured(config_dir));
                return Ok(ExitCode::SUCCESS);
            }
            Ok(if bring_in(data_dir, config_dir, cals, name.as_deref())? {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        CalendarCommand::List { json } => list(data_dir, config_dir, &config.calendars, json),
        CalendarCommand::Forget { name } => super::write(data_dir, config_dir, |data, now| {
            let gone = lane_core::model::calendar::forget(data, &name, now.date());
            if gone == 0 {
                return Err(format!(
                    "no meetings from today on came from a calendar named `{}`",
                    visible(&name)
                ));
            }
            // Its meetings are computed from its copy: the copy goes too (a
            // sync takes it away on the other machines).
            lane_io::calendar::cache::Kept::of(data_dir, &name).forget_all();
            let still = if config.calendars.sources.iter().any(|s| s.name == name) {
                " (it is still in config.toml: the next refresh brings them back)"
            } else {
                ""
            };
            Ok(format!(
                "{gone} meetings of `{}` taken away{still}",
                visible(&name)
            ))
        }),
    }
}

/// After `lane sync`: every calendar refreshed; a failure is printed, never
/// the sync's failure.
pub fn with_sync(data_dir: &Path, config_dir: &Path, cals: &Calendars) {
    if cals.sources.is_empty() {
        return;
    }
    if let Err(e) = bring_in(data_dir, config_dir, cals, None) {
        say::err(&format!("lane: calendars: {e:#}"));
    }
}

fn none_configured(config_dir: &Path) -> String {
    format!(
        "no calendars yet: add one to {} as\n\n[[calendars]]\nname = \"work\"\n\
         source = \"https://…/basic.ics\"   # or the path of an .ics file\n\n\
         (`lane config --default` shows every setting)",
        config_dir.join(lane_io::config::CONFIG_FILE).display()
    )
}

/// Refreshes the calendars (or `only`), brings what they hold into the data
/// under the lock, and says per calendar what changed and what failed.
/// True when every source was read.
pub(super) fn bring_in(
    data_dir: &Path,
    config_dir: &Path,
    cals: &Calendars,
    only: Option<&str>,
) -> Result<bool> {
    let now = local_now();
    let dirs = Dirs {
        config: config_dir,
        data: data_dir,
    };
    // What the copies held before the fetch replaces them: what changed is
    // said against it (the data is read with the new copies' meetings in it).
    let before: Vec<_> = refresh(cals, &dirs, now.date(), only, Reach::Copies)
        .into_iter()
        .filter(|r| only.is_some() || cals.sources.iter().any(|s| s.name == r.name))
        .collect();
    let refreshed = refresh(cals, &dirs, now.date(), only, Reach::Sources);
    let rules = lane_io::config::Config::load(config_dir)?.rules;
    let mut summaries = Vec::new();
    let mut refit_hint = None;
    if refreshed.iter().any(|r| r.expanded.is_some()) {
        let outside = lane_io::store::Entry::Outside;
        let done = super::apply_as(outside, data_dir, config_dir, false, |data, _, now| {
            let mut was = data.clone();
            for r in &refreshed {
                lane_core::model::calendar::forget_computed(&mut was, &r.name);
            }
            lane_io::calendar::bring_in(&mut was, &before, now);
            summaries = lane_io::calendar::bring_in(&mut was, &refreshed, now);
            lane_io::calendar::bring_in(data, &refreshed, now);
            refit_hint = replan_hint(data, &rules, now);
            Ok(summaries
                .iter()
                .map(|(name, a)| a.summary(name))
                .collect::<Vec<_>>()
                .join("; "))
        })?;
        if let Err(why) = done {
            say::err(&format!("lane: {why}"));
            return Ok(false);
        }
    }
    for r in &refreshed {
        report(
            data_dir,
            r,
            summaries.iter().find(|(n, _)| *n == r.name).map(|(_, a)| a),
        );
    }
    if let Some(hint) = refit_hint {
        say::line(&hint);
    }
    Ok(refreshed.iter().all(|r| r.error.is_none()))
}

/// A meeting now over today's or tomorrow's plan: what `lane replan` would
/// propose, said, nothing moved (the user takes it, or not).
fn replan_hint(
    data: &lane_core::model::Data,
    rules: &lane_core::model::rules::Rules,
    now: chrono::NaiveDateTime,
) -> Option<String> {
    use lane_core::model::refit;
    let today = now.date();
    [Some(today), today.succ_opt()]
        .into_iter()
        .flatten()
        .find_map(|date| {
            let r = refit::refit(data, rules, date, now);
            let words = refit::banner_words(&r)?;
            let flag = if date == today {
                String::new()
            } else {
                format!(" --date {date}")
            };
            Some(format!(
                "{words} · nothing moved: `lane replan{flag} --apply` takes it"
            ))
        })
}

/// One calendar's lines: what changed (stdout), why it failed (stderr).
fn report(data_dir: &Path, r: &Refreshed, applied: Option<&lane_core::model::calendar::Applied>) {
    let name = visible(&r.name);
    if let (Some(a), Some(e)) = (applied, &r.expanded) {
        let mut line = a.summary(&name);
        if !e.skipped.is_empty() {
            let n = e.skipped.len();
            line.push_str(&format!(
                ", {n} event{} skipped",
                if n == 1 { "" } else { "s" }
            ));
        }
        say::line(&line);
        for why in e.skipped.iter().take(SKIPPED_SHOWN) {
            say::line(&format!("  skipped: {}", visible(why)));
        }
        if e.skipped.len() > SKIPPED_SHOWN {
            say::line(&format!("  … and {} more", e.skipped.len() - SKIPPED_SHOWN));
        }
        for note in &e.notes {
            say::line(&format!("  note: {}", visible(note)));
        }
    }
    if let Some(why) = &r.error {
        let state = Kept::of(data_dir, &r.name).state();
        let fallback = match (&r.expanded, state.last_success) {
            // Read fresh but its copy not kept (a full disk): no copy stood in.
            (Some(_), _) if state.outcome != Outcome::Failed => String::new(),
            (Some(_), Some(at)) => {
                format!(" (its copy from {} was used)", at.format("%Y-%m-%d %H:%M"))
            }
            (Some(_), None) => " (its last copy was used)".to_string(),
            (None, _) => " (no copy kept yet: nothing brought in)".to_string(),
        };
        say::err(&format!("lane: {name}: {}{fallback}", visible(why)));
    }
}

/// One calendar as `lane calendar list --json` shows it.
#[derive(Serialize)]
struct Listed {
    name: String,
    kind: &'static str,
    /// Where it is read from; a URL only as scheme and host.
    source: String,
    refresh_minutes: u32,
    state: Outcome,
    error: Option<String>,
    last_attempt: Option<String>,
    last_success: Option<String>,
    /// Events in the copy kept.
    events: usize,
    #[serde(skip)]
    said: String,
}

fn list(data_dir: &Path, config_dir: &Path, cals: &Calendars, json: bool) -> Result<ExitCode> {
    let at = |t: Option<chrono::NaiveDateTime>| t.map(|t| t.format("%Y-%m-%d %H:%M").to_string());
    let listed: Vec<Listed> = cals
        .sources
        .iter()
        .map(|s| {
            let mut state = Kept::of(data_dir, &s.name).state();
            // What is kept of a source the config no longer names is not its state.
            if !state.is_for(&s.source) {
                state = Default::default();
            }
            Listed {
                name: s.name.clone(),
                kind: s.kind.name(),
                source: shorten(&s.source),
                refresh_minutes: s.refresh_minutes,
                state: state.outcome,
                error: state.error.as_deref().map(visible),
                last_attempt: at(state.last_attempt),
                last_success: at(state.last_success),
                events: if state.last_success.is_some() {
                    state.events
                } else {
                    0
                },
                said: state.describe(),
            }
        })
        .collect();
    if json {
        say::line(&say::json(&listed)?);
        return Ok(ExitCode::SUCCESS);
    }
    if listed.is_empty() {
        say::line(&none_configured(config_dir));
        return Ok(ExitCode::SUCCESS);
    }
    for l in &listed {
        let mut line = format!(
            "{} ({}) {} — {}",
            visible(&l.name),
            l.kind,
            l.source,
            l.said
        );
        if let Some(t) = &l.last_attempt {
            line.push_str(&format!("; last fetch {t}"));
        }
        if l.state == Outcome::Failed
            && let Some(t) = &l.last_success
        {
            line.push_str(&format!("; copy from {t}"));
        }
        if l.last_success.is_some() {
            let n = l.events;
            line.push_str(&format!("; {n} event{}", if n == 1 { "" } else { "s" }));
        }
        say::line(&line);
    }
    Ok(ExitCode::SUCCESS)
}
