//! The command line: everything the app shows, reachable without it.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use color_eyre::eyre::{Result, bail, eyre};

mod add;
mod args;
mod calendar;
mod calls;
mod changes;
mod complete;
mod conflicts;
mod edit;
mod export;
mod forms;
mod import;
mod install;
mod item;
mod links;
mod list;
mod man;
mod outcomes;
mod remind;
mod replan;
mod report;
mod series;
mod setup;
mod status;
mod sync;
mod team;
mod timew;

pub use args::*;
use list::list;
use report::report;

use lane_core::model::Data;
use lane_io::clock::local_now;
use lane_io::config::{Config, default_dirs};
use lane_io::store::{Access, Entry, Store};
use lane_tui::pass::Ritual;

/// How long a command-line write waits for another lane to release the lock.
const LOCK_WAIT: Duration = Duration::from_secs(2);

/// Runs the command line; returns the process exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return argument_error(&e),
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            lane_io::say::err(&format!("lane: {e:#}"));
            ExitCode::FAILURE
        }
    }
}

/// clap's own message, unless it echoes an argument holding a control character:
/// then the same words, escaped.
fn argument_error(e: &clap::Error) -> ExitCode {
    let plain = e.render().to_string();
    // clap strips escapes from its plain rendering but prints arguments raw in
    // colour on a terminal: the arguments themselves decide.
    let hostile = std::env::args_os().any(|a| {
        a.to_string_lossy()
            .chars()
            .any(lane_core::model::text::is_unsafe_printed)
    });
    if !hostile {
        e.exit()
    }
    if e.use_stderr() {
        lane_io::say::err(plain.trim_end());
    } else {
        lane_io::say::out(&plain);
    }
    ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
}

/// The command this process runs (`add`, `done`, …): the `operation` hooks see.
static OPERATION: std::sync::OnceLock<&'static str> = std::sync::OnceLock::new();

fn run(cli: Cli) -> Result<ExitCode> {
    if let Some(c) = &cli.command {
        let _ = OPERATION.set(c.into());
    }
    if let Some(code) = print_without_dirs(cli.command.as_ref())? {
        return Ok(code);
    }
    let (data_dir, config_dir) = dirs(cli.dir, cli.config_dir)?;
    let (data, config) = (data_dir.as_path(), config_dir.as_path());
    let app = |ritual| {
        lane_tui::app::run(data, config, cli.first_frame_exit, ritual).map(|()| ExitCode::SUCCESS)
    };
    // Each family of commands runs its own; a command with subcommands of its
    // own (export, import, calendar) routes them itself.
    match cli.command {
        None => app(None),
        Some(Command::Plan) => app(Some(Ritual::Plan)),
        Some(Command::Review) => app(Some(Ritual::Review)),
        Some(Command::Check) => setup::check(data, config),
        Some(Command::Config { default, .. }) => Ok(setup::config(data, config, default)),
        Some(Command::Demo { days, seed }) => setup::demo(data, config, days, seed),
        // Done above, before any directory was looked for.
        Some(Command::Completions { .. } | Command::Man { .. } | Command::Install { .. }) => {
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Sync { init }) => sync::sync(data, config, init),
        Some(Command::Share { init }) => team::share(data, config, init),
        Some(Command::Team { json, what }) => team::team(data, config, json, what),
        Some(Command::MergeDriver { base, ours, theirs }) => {
            Ok(sync::merge_driver(&base, &ours, &theirs))
        }
        Some(Command::List {
            kind,
            json,
            all,
            when,
        }) => list(data, config, kind.kind(), json, all, &when),
        Some(Command::Show { kind, id, json }) => item::show(data, config, kind, id, json),
        Some(Command::Report(args)) => report(data, config, args),
        Some(Command::Replan { date, json, apply }) => replan::run(data, config, date, json, apply),
        Some(Command::Status { format, max_width }) => {
            status::run(data, config, format, max_width.map(usize::from))
        }
        Some(Command::Remind { json }) => remind::run(data, config, json),
        Some(Command::Conflicts { settle, json }) => {
            conflicts::conflicts(data, config, settle, json)
        }
        Some(Command::Complete { kind, of, .. }) => complete::ids(data, config, &kind, of),
        Some(Command::Export(what)) => export::run(data, config, what),
        Some(Command::Import(what)) => import::run(data, config, what),
        Some(Command::Calendar(what)) => calendar::run(data, config, what),
        Some(Command::Refresh { what }) => links::run(data, config, what),
        Some(Command::Update { id, note, kr, .. }) => outcomes::update(data, config, id, note, kr),
        Some(Command::Agree { id, agreement, .. }) => {
            outcomes::agree_cmd(data, config, id, agreement)
        }
        Some(Command::Strategic { id, off, .. }) => outcomes::strategic_cmd(data, config, id, off),
        Some(Command::Focus { id, off, .. }) => outcomes::focus_cmd(data, config, id, off),
        Some(
            c @ (Command::Reported { .. }
            | Command::Decide { .. }
            | Command::Outcome { .. }
            | Command::Answer { .. }
            | Command::Escalate { .. }
            | Command::Tried { .. }
            | Command::Resolve { .. }),
        ) => calls::run(data, config, c),
        Some(
            c @ (Command::Add(_)
            | Command::Modify { .. }
            | Command::Delete { .. }
            | Command::Edit { .. }
            | Command::Done { .. }
            | Command::Start { .. }
            | Command::Stop
            | Command::Undo
            | Command::Redo),
        ) => changes::run(data, config, c),
    }
}

/// Completions, the man pages and installing them need no data directory: printed before one is
/// looked for. The exit code when `command` was one of them.
fn print_without_dirs(command: Option<&Command>) -> Result<Option<ExitCode>> {
    Ok(match command {
        Some(Command::Completions { shell }) => {
            lane_io::say::out(&complete::script(*shell));
            Some(ExitCode::SUCCESS)
        }
        Some(Command::Man { command, all }) => Some(man::run(command.as_deref(), all.as_deref())?),
        Some(Command::Install { shell, dry_run }) => Some(install::run(*shell, *dry_run)?),
        _ => None,
    })
}

/// The data and config directories: as given, else the platform's.
fn dirs(dir: Option<PathBuf>, config_dir: Option<PathBuf>) -> Result<(PathBuf, PathBuf)> {
    Ok(match (dir, config_dir) {
        (Some(d), Some(c)) => (d, c),
        (d, c) => {
            let (dd, cd) = default_dirs()?;
            (d.unwrap_or(dd), c.unwrap_or(cd))
        }
    })
}

/// What a family's `run` answers for a command `run` does not route to it.
fn not_routed_here(command: &Command) -> Result<ExitCode> {
    let name: &'static str = command.into();
    Err(eyre!(
        "`lane {name}` is not run here (a bug in lane's command line)"
    ))
}

/// Usage errors (bad values) exit with 2 and one line on stderr.
pub(crate) fn usage_error(text: String) -> ExitCode {
    lane_io::say::err(&format!("lane: {text}"));
    ExitCode::from(2)
}

/// Loads the data under the write lock, applies `change`, and saves. A change that
/// returns `Err` is a usage error: exit 2, one line on stderr, nothing written.
fn write(
    data_dir: &std::path::Path,
    config_dir: &std::path::Path,
    change: impl FnOnce(&mut Data, chrono::NaiveDateTime) -> Result<String, String>,
) -> Result<ExitCode> {
    write_seeing_archive(data_dir, config_dir, false, |data, _, now| {
        change(data, now)
    })
}

/// `write`, with the archive (read after this run's archiving) for changes that
/// must not duplicate what moved there.
fn write_seeing_archive(
    data_dir: &std::path::Path,
    config_dir: &std::path::Path,
    read_archive: bool,
    change: impl FnOnce(&mut Data, &Data, chrono::NaiveDateTime) -> Result<String, String>,
) -> Result<ExitCode> {
    Ok(match apply(data_dir, config_dir, read_archive, change)? {
        Ok(done) => {
            lane_io::say::line(&done);
            ExitCode::SUCCESS
        }
        Err(why) => usage_error(why),
    })
}

/// Runs the hooks after a saved change, from a command, saying what a failing
/// one said (the change stays saved).
pub(crate) fn run_hooks(
    config: &Config,
    data_dir: &std::path::Path,
    operation: &str,
    before: &Data,
    after: &Data,
    now: chrono::NaiveDateTime,
) {
    if !config.hooks.any_on_save() {
        return;
    }
    let hooks = config.hooks.clone().for_dir(data_dir);
    for said in lane_io::hooks::after_save(&hooks, operation, before, after, &config.rules, now) {
        lane_io::say::err(&format!("lane: {said}"));
    }
}

/// Opens the data to read it, with what lane computes into it (the days of
/// series, the meetings of the calendars' copies; the week of `looked_at` too).
pub(crate) fn read_computed(
    data_dir: &std::path::Path,
    config_dir: &std::path::Path,
    looked_at: Option<chrono::NaiveDate>,
) -> Result<(Store, Data)> {
    let config = Config::load(config_dir)?;
    let (store, mut data) = Store::open(data_dir, Access::Read)?;
    series::compute(
        &mut data,
        &config,
        (data_dir, config_dir),
        local_now(),
        looked_at,
    );
    Ok((store, data))
}

/// Opens the store for writing, archives, applies `change` and saves; says what
/// was done, or why nothing was (the caller prints it).
pub(crate) fn apply(
    data_dir: &std::path::Path,
    config_dir: &std::path::Path,
    read_archive: bool,
    change: impl FnOnce(&mut Data, &Data, chrono::NaiveDateTime) -> Result<String, String>,
) -> Result<Result<String, String>> {
    apply_as(Entry::Change, data_dir, config_dir, read_archive, change)
}

/// `apply`, with the change recorded as `entry_of` its words make it: the
/// user's (`Entry::Change`, asked of the `before_change` hook) or one brought
/// in from outside (`Entry::Outside`, a calendar refresh).
pub(crate) fn apply_as(
    entry_of: fn(String) -> Entry,
    data_dir: &std::path::Path,
    config_dir: &std::path::Path,
    read_archive: bool,
    change: impl FnOnce(&mut Data, &Data, chrono::NaiveDateTime) -> Result<String, String>,
) -> Result<Result<String, String>> {
    let config = Config::load(config_dir)?;
    // The calendars' copies are read before the lock: a big one takes a while.
    let copies = lane_io::calendar::copies(
        &config.calendars,
        &lane_io::calendar::sources::Dirs {
            config: config_dir,
            data: data_dir,
        },
        local_now().date(),
        local_now().date(),
    );
    let (mut store, mut data) = Store::open(data_dir, Access::Write(LOCK_WAIT))?;
    let now = local_now();
    store.guard_with(&config.hooks.clone().for_dir(data_dir));
    // A failed archive (a full disk) never stops the change asked for.
    if let Some(why) = store.archive_or_postpone(
        &mut data,
        lane_core::model::archive::cutoff(now.date(), config.rules.archive_after_days),
    ) {
        lane_io::say::err(&format!("lane: {why}"));
    }
    let archived = if read_archive {
        lane_core::model::archive::combine(&Data::default(), store.load_archive()?)
    } else {
        Data::default()
    };
    // The days of series and the meetings are computed before the change (so
    // it sees them) and after it (so what it did to a series reaches its
    // days); the save keeps only what the user did.
    lane_io::calendar::compute_with(&mut data, &copies, now, now.date());
    let before = data.clone();
    match change(&mut data, &archived, now) {
        Ok(done) => {
            lane_core::model::series::materialise(&mut data, now.date(), now.date());
            // The one unit of work: saved, and an undo step in the history the
            // app reads too.
            let operation = OPERATION.get().copied().unwrap_or("lane");
            let entry = entry_of(done.clone());
            if let Err(e) = store.commit(&before, &data, &entry, operation, now) {
                if let Some(refused) = lane_io::hooks::Refused::of(&e) {
                    bail!("{refused} — nothing was changed");
                }
                return Err(e.wrap_err("nothing was changed"));
            }
            drop(store);
            // After the save and the lock: a hook never holds up a change.
            run_hooks(&config, data_dir, operation, &before, &data, now);
            Ok(Ok(done))
        }
        Err(why) => Ok(Err(why)),
    }
}
