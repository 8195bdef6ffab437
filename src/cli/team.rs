//! `lane share` and `lane team`: the user's week published to the team's git
//! repository, the teammates' weeks read back, and answers to escalations
//! travelling between them (see `lane_io::team` and `lane_core::team`).

use std::path::Path;
use std::process::ExitCode;

use color_eyre::eyre::{Result, WrapErr};

use super::{VerdictArg, apply, read_computed, usage_error};
use clap::Subcommand;
use lane_core::report::{Period, ReportKind, Source};
use lane_core::team::{self, Shared, Team};
use lane_io::clock::local_now;
use lane_io::config::Config;
use lane_io::say;

#[derive(Subcommand, Debug)]
pub enum ShareCommand {
    /// Join a team repository: lane share init REMOTE --as NAME
    Init {
        /// The team's git repository: a URL, or a path to a bare repository
        remote: String,
        /// Your share name: how teammates address you (letters, digits, - _ .)
        #[arg(long = "as", value_name = "NAME")]
        name: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum TeamCommand {
    /// Answer an escalation a teammate sent you: lane team answer PERSON REF --verdict yours "text"
    Answer {
        /// The teammate who asked (their share name)
        person: String,
        /// The escalation's ref, as `lane team` lists it
        #[arg(value_name = "REF")]
        reference: String,
        /// Was it theirs to decide, or right to ask?
        #[arg(long, value_enum)]
        verdict: VerdictArg,
        /// Your answer
        text: String,
    },
}

/// `lane share` (answers to me landed, my week written, committed, pulled,
/// pushed) or `lane share init REMOTE --as NAME` (then a first share).
pub(super) fn share(
    data_dir: &Path,
    config_dir: &Path,
    init: Option<ShareCommand>,
) -> Result<ExitCode> {
    if let Some(ShareCommand::Init { remote, name }) = init {
        if remote.trim().is_empty() || remote.starts_with('-') {
            return Ok(usage_error(format!(
                "`{remote}` is not a git remote: give a URL or a path"
            )));
        }
        if let Some(why) = team::name_problem(&name) {
            return Ok(usage_error(why));
        }
        let said = lane_io::team::init(data_dir, &absolute(&remote), &name)?;
        say::line(&lane_core::model::redact::redact(&said));
    }
    let name = lane_io::team::share_name(data_dir)?;
    lane_io::team::pull(data_dir)?;
    land_answers(data_dir, config_dir, &name)?;
    let files = week_files(data_dir, config_dir, &name)?;
    let now = local_now();
    let message = format!(
        "lane: {name} shares the week ({})",
        now.format("%Y-%m-%d %H:%M")
    );
    let said = lane_io::team::publish(data_dir, &name, &files, &message)?;
    say::line(&lane_core::model::redact::redact(&said));
    Ok(ExitCode::SUCCESS)
}

/// A local path as given, made absolute: git runs in the data dir, not here.
fn absolute(remote: &str) -> String {
    let path = Path::new(remote);
    if path.is_relative() && path.exists() {
        std::path::absolute(path).map_or(remote.to_string(), |p| p.display().to_string())
    } else {
        remote.to_string()
    }
}

/// The answers teammates wrote to me, landed on my calls as one ordinary
/// change (the same note an answer typed in the app makes); one that is
/// there already changes nothing.
pub(super) fn land_answers(data_dir: &Path, config_dir: &Path, me: &str) -> Result<()> {
    let (answers, problems) = lane_io::team::answers_to(data_dir, me);
    for p in problems {
        say::err(&format!("lane: team repository: {p}"));
    }
    if answers.is_empty() {
        return Ok(());
    }
    let mut refused = Vec::new();
    let landed = apply(data_dir, config_dir, false, |data, _, now| {
        let said: Vec<String> = answers
            .iter()
            .filter_map(|a| match team::apply_answer(data, a, now) {
                Ok(said) => said,
                Err(why) => {
                    refused.push(format!("{}'s answer {}: {why}", a.from, a.reference));
                    None
                }
            })
            .collect();
        // Nothing landed: nothing is saved, and no change is recorded.
        if said.is_empty() {
            Err(String::new())
        } else {
            Ok(said.join("; "))
        }
    })?;
    for why in refused {
        say::err(&format!("lane: not landed: {}", team::sanitise(&why, 300)));
    }
    if let Ok(said) = landed {
        say::line(&said);
    }
    Ok(())
}

/// `share.json` for lane, `README.md` and `week.md` for people: this week's,
/// from the shareable data only.
fn week_files(
    data_dir: &Path,
    config_dir: &Path,
    name: &str,
) -> Result<Vec<lane_io::team::Written>> {
    let config = Config::load(config_dir)?;
    let (_store, data) = read_computed(data_dir, config_dir, None)?;
    let now = local_now();
    let period = Period::of(ReportKind::Week, None, None, now.date(), &config.rules)
        .map_err(color_eyre::eyre::Report::msg)?;
    let shareable = team::shareable(&data);
    let src = Source {
        data: &shareable,
        rules: &config.rules,
        period,
        now,
    };
    let shared = team::build(&src, name);
    let json = say::json(&shared).wrap_err("cannot write the shared week as JSON")? + "\n";
    Ok(vec![
        ("share.json".into(), json.into_bytes()),
        ("README.md".into(), team::markdown(&shared).into_bytes()),
        (
            "week.md".into(),
            lane_core::report::markdown(ReportKind::Week, &src).into_bytes(),
        ),
    ])
}

/// `lane team [--json]`, or `lane team answer …`.
pub(super) fn team(
    data_dir: &Path,
    config_dir: &Path,
    json: bool,
    what: Option<TeamCommand>,
) -> Result<ExitCode> {
    let me = lane_io::team::share_name(data_dir)?;
    if let Err(e) = lane_io::team::pull(data_dir) {
        say::err(&format!("lane: {e:#}; showing what was pulled last"));
    }
    let (shared, answered, problems) = lane_io::team::read_team(data_dir, &me);
    for p in &problems {
        say::err(&format!("lane: team repository: {p}"));
    }
    match what {
        Some(TeamCommand::Answer {
            person,
            reference,
            verdict,
            text,
        }) => answer(
            data_dir,
            &me,
            &shared,
            (&person, &reference),
            verdict,
            &text,
        ),
        None => {
            let config = Config::load(config_dir)?;
            let view = team::view(&me, shared, &answered, &config.rules, local_now());
            if json {
                say::line(&say::json(&view).wrap_err("cannot write JSON")?);
            } else {
                say::out(&text_of(&view));
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Writes my answer to `person`'s escalation `reference` into my folder and
/// shares it.
fn answer(
    data_dir: &Path,
    me: &str,
    shared: &[Shared],
    (person, reference): (&str, &str),
    verdict: VerdictArg,
    text: &str,
) -> Result<ExitCode> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(usage_error("the answer cannot be empty".into()));
    }
    if let Err(why) = lane_core::model::text::one_line("answer", text) {
        return Ok(usage_error(why));
    }
    let found = shared
        .iter()
        .filter(|s| team::is_addressed_to(&s.name, person))
        .flat_map(|s| s.escalations.iter().map(move |e| (s, e)))
        .find(|(_, e)| team::names_call(reference, &e.uid) && team::is_addressed_to(&e.to, me));
    let Some((asker, call)) = found else {
        return Ok(usage_error(format!(
            "{person} has shared no escalation {reference} sent to you ({me}): see lane team"
        )));
    };
    let said = lane_io::team::send_answer(
        data_dir,
        (&asker.name, &call.uid),
        verdict.verdict(),
        text,
        local_now(),
    )?;
    say::line(&said);
    Ok(ExitCode::SUCCESS)
}

/// The team as text: what waits on me first, then each teammate.
fn text_of(t: &Team) -> String {
    let mut out = match t.waiting.len() {
        0 => "Nothing waits on you.\n".to_string(),
        n => format!("Waiting on you ({n}):\n"),
    };
    for w in &t.waiting {
        let late = if w.late { " (late)" } else { "" };
        out.push_str(&format!("  {} — {}{late}\n", w.words(), w.waited()));
    }
    for m in &t.teammates {
        out.push_str(&format!("\n{}\n", m.heading()));
        for (row, text) in m.rows() {
            out.push_str(&format!("  {}: {text}\n", row.label()));
        }
    }
    if t.teammates.is_empty() {
        out.push_str("\nNo teammate has shared yet.\n");
    }
    out
}
