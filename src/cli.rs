//! The command line: everything the app shows, reachable without it.

use std::process::ExitCode;
use std::time::Duration;

use clap::{CommandFactory, Parser};
use color_eyre::eyre::{Result, WrapErr};

mod add;
mod args;
mod calendar;
mod complete;
mod conflicts;
mod edit;
mod export;
mod forms;
mod import;
mod item;
mod list;
mod outcomes;
mod remind;
mod report;
mod series;
mod status;

use add::add_item;
pub use args::*;
use export::export_ics;
use list::list;
use report::report;

use lane_core::model::form::{self, Note};
use lane_core::model::history::Step;
use lane_core::model::{Data, day, ops};
use lane_io::clock::local_now;
use lane_io::config::{Config, default_dirs};
use lane_io::store::{Access, Entry, Store};
use lane_tui::keymap::Keymap;
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
    // These need no data directory.
    match &cli.command {
        Some(Command::Completions { shell }) => {
            lane_io::say::out(&complete::script(*shell));
            return Ok(ExitCode::SUCCESS);
        }
        Some(Command::Man) => {
            clap_mangen::Man::new(Cli::command())
                .render(&mut std::io::stdout())
                .wrap_err("cannot write the man page")?;
            return Ok(ExitCode::SUCCESS);
        }
        _ => {}
    }
    let (data_dir, config_dir) = match (cli.dir, cli.config_dir) {
        (Some(d), Some(c)) => (d, c),
        (d, c) => {
            let (dd, cd) = default_dirs()?;
            (d.unwrap_or(dd), c.unwrap_or(cd))
        }
    };
    match cli.command {
        None => lane_tui::app::run(&data_dir, &config_dir, cli.first_frame_exit, None)
            .map(|()| ExitCode::SUCCESS),
        Some(c @ (Command::Plan | Command::Review)) => {
            let ritual = match c {
                Command::Plan => Ritual::Plan,
                _ => Ritual::Review,
            };
            lane_tui::app::run(&data_dir, &config_dir, cli.first_frame_exit, Some(ritual))
                .map(|()| ExitCode::SUCCESS)
        }
        Some(Command::Report(args)) => report(&data_dir, &config_dir, args),
        Some(Command::Check) => check(&data_dir, &config_dir),
        Some(Command::Conflicts { settle, json }) => {
            conflicts::conflicts(&data_dir, &config_dir, settle, json)
        }
        Some(Command::Config { default: true, .. }) => {
            lane_io::say::out(lane_io::config::DEFAULT_CONFIG);
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Config { .. }) => {
            lane_io::say::line(&format!(
                "config: {}",
                config_dir.join(lane_io::config::CONFIG_FILE).display()
            ));
            lane_io::say::line(&format!(
                "keymap: {}",
                config_dir.join(lane_tui::keymap::KEYMAP_FILE).display()
            ));
            lane_io::say::line(&format!(
                "data:   {}",
                data_dir.join(lane_io::store::DATA_FILE).display()
            ));
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Completions { .. } | Command::Man) => Ok(ExitCode::SUCCESS),
        Some(Command::Demo { days, seed }) => demo(&data_dir, &config_dir, days, seed),
        Some(Command::Add(add)) => add_item(&data_dir, &config_dir, add),
        Some(Command::List {
            kind,
            json,
            all,
            when,
        }) => list(&data_dir, &config_dir, kind.kind(), json, all, &when),
        Some(Command::Update {
            kind: NoteKind::Priority,
            id,
            note,
            kr,
        }) => outcomes::update(&data_dir, &config_dir, id, note, kr),
        Some(Command::Agree { id, agreement, .. }) => {
            outcomes::agree_cmd(&data_dir, &config_dir, id, agreement)
        }
        Some(Command::Strategic { id, off, .. }) => {
            outcomes::strategic_cmd(&data_dir, &config_dir, id, off)
        }
        Some(Command::Reported { id, .. }) => {
            let config = Config::load(&config_dir)?;
            write(&data_dir, &config_dir, |data, now| {
                ops::set_reported(data, id, true, now.date(), &config.rules.boundaries)
            })
        }
        Some(Command::Decide { id, .. }) => {
            let config = Config::load(&config_dir)?;
            write(&data_dir, &config_dir, |data, _| {
                ops::decide(data, id, &config.rules.boundaries)
                    .map(|said| format!("decision {id} decided — {said}"))
            })
        }
        Some(Command::Outcome {
            id, text, rating, ..
        }) => write(&data_dir, &config_dir, |data, now| {
            let judged = rating.map(|r| form::Judgement::Rating(Some(r.rating())));
            form::apply_note_judged(data, Note::Outcome, id, &text, judged, now)
        }),
        Some(Command::Answer {
            id, text, verdict, ..
        }) => write(&data_dir, &config_dir, |data, now| {
            let judged = verdict.map(|v| form::Judgement::Verdict(Some(v.verdict())));
            form::apply_note_judged(data, Note::Answer, id, &text, judged, now)
        }),
        Some(Command::Escalate { kind, id, to }) => write(&data_dir, &config_dir, |data, now| {
            let note = match kind {
                EscalateKind::Decision => Note::EscalateTo,
                EscalateKind::Blocker => Note::EscalateBlocker,
            };
            form::apply_note(data, note, id, &to, now)
        }),
        Some(Command::Tried { id, rung, note, .. }) => {
            write(&data_dir, &config_dir, |data, now| {
                form::mark_rung(data, id, rung.rung(), &note.unwrap_or_default(), now)
            })
        }
        Some(Command::Resolve { id, resolution, .. }) => {
            write(&data_dir, &config_dir, |data, now| {
                form::apply_note(data, Note::Resolve, id, &resolution, now)
            })
        }
        Some(Command::Start { id, .. }) => write(&data_dir, &config_dir, |data, now| {
            day::start_stop_on(data, id, now)
        }),
        Some(Command::Stop) => write(&data_dir, &config_dir, |data, now| {
            day::stop_running(data, now).ok_or_else(|| "no block is running".to_string())
        }),
        Some(Command::Export(ExportCommand::Json { out })) => export::export_json(&data_dir, out),
        Some(Command::Import(what)) => {
            let (file, taskwarrior) = match what {
                ImportCommand::Taskwarrior { file } => (file, true),
                ImportCommand::Json { file } => (file, false),
                ImportCommand::Ics { file, name, kind } => {
                    return import::import_ics(&data_dir, &config_dir, &file, name, kind);
                }
            };
            let text = match import::read_input(&file, lane_io::store::read_text) {
                Ok(text) => text,
                Err(code) => return Ok(code),
            };
            // What moved to the archive counts as already here.
            write_seeing_archive(&data_dir, &config_dir, true, |data, archived, _| {
                let done = if taskwarrior {
                    let mut uid = || lane_io::clock::new_uid();
                    lane_core::transfer::import_taskwarrior(data, &text, archived, &mut uid)
                } else {
                    lane_core::transfer::import_json(data, &text, archived)
                }
                .map_err(|e| format!("{}: {e}", file.display()))?;
                Ok(done.summary())
            })
        }
        Some(Command::Calendar(c)) => calendar::run(&data_dir, &config_dir, c),
        Some(Command::Export(ExportCommand::Ics { from, to, out })) => {
            export_ics(&data_dir, from, to, out)
        }
        Some(Command::Sync { init }) => {
            let now = local_now();
            let said = match init {
                Some(SyncCommand::Init { remote })
                    if remote.trim().is_empty() || remote.starts_with('-') =>
                {
                    return Ok(usage_error(format!(
                        "`{remote}` is not a git remote: give a URL or a path"
                    )));
                }
                Some(SyncCommand::Init { remote }) => lane_io::sync::init(&data_dir, &remote, now),
                None => lane_io::sync::sync(&data_dir, now),
            }?;
            lane_io::say::line(&said);
            let config = Config::load(&config_dir)?;
            calendar::after_sync(&data_dir, &config_dir, &config.calendars);
            if let Some(cmd) = &config.hooks.on_sync
                && let Err(why) = lane_io::hooks::run(cmd, &said, config.hooks.timeout)
            {
                lane_io::say::err(&format!("lane: on_sync hook: {why}"));
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Modify {
            kind,
            id,
            changes,
            series,
        }) => match kind.item() {
            Some(item) => item::modify(&data_dir, &config_dir, item, id, changes, series),
            None if series => Ok(usage_error(
                "--series is for a repeating block, not a milestone or key result".into(),
            )),
            None => outcomes::modify_step(&data_dir, &config_dir, kind, id, changes),
        },
        Some(Command::Delete {
            kind,
            id,
            number,
            series,
        }) => match (kind.item(), number) {
            (Some(item), None) => item::delete(&data_dir, &config_dir, item, id, series),
            (Some(_), Some(extra)) => Ok(usage_error(format!(
                "unexpected `{}`: only a milestone or key result takes a number after the priority",
                lane_core::model::text::visible(&extra)
            ))),
            (None, _) if series => Ok(usage_error(
                "--series is for a repeating block, not a milestone or key result".into(),
            )),
            (None, number) => outcomes::delete_step(&data_dir, &config_dir, kind, id, number),
        },
        Some(Command::Show { kind, id, json }) => item::show(&data_dir, kind, id, json),
        Some(Command::Undo) => item::step(&data_dir, &config_dir, Step::Undo),
        Some(Command::Redo) => item::step(&data_dir, &config_dir, Step::Redo),
        Some(Command::Edit { kind, id }) => edit::edit(&data_dir, &config_dir, kind, id),
        Some(Command::Remind { json }) => remind::run(&data_dir, &config_dir, json),
        Some(Command::Complete { kind, .. }) => complete::ids(&data_dir, &kind),
        Some(Command::Status { format }) => status::run(&data_dir, &config_dir, format),
        Some(Command::MergeDriver { base, ours, theirs }) => {
            match lane_io::store::gitmerge::merge_driver(&base, &ours, &theirs, local_now()) {
                Ok(_) => Ok(ExitCode::SUCCESS),
                // git records a conflict; ours stays whole, with no markers.
                Err(e) => {
                    lane_io::say::err(&format!("lane merge-driver: {e:#}"));
                    Ok(ExitCode::FAILURE)
                }
            }
        }
        Some(Command::Done {
            kind: DoneKind::Milestone,
            id,
            milestone,
        }) => outcomes::done_milestone(&data_dir, &config_dir, id, milestone),
        Some(Command::Done {
            milestone: Some(extra),
            ..
        }) => Ok(usage_error(format!(
            "unexpected `{}`: only `lane done milestone PRIORITY MILESTONE` takes two",
            lane_core::model::text::visible(&extra)
        ))),
        Some(Command::Done { kind, id, .. }) => write(&data_dir, &config_dir, |data, now| {
            let kind = kind.kind();
            Ok(if ops::set_done(data, kind, id, true, now.date())? {
                format!("{} {id} done", kind.noun())
            } else {
                format!("{} {id} was already done", kind.noun())
            })
        }),
    }
}

fn check(data_dir: &std::path::Path, config_dir: &std::path::Path) -> Result<ExitCode> {
    Config::load(config_dir)?;
    Keymap::load(config_dir)?;
    let merging = lane_io::sync::merge_in_progress(data_dir);
    let (store, data) = match Store::open(data_dir, Access::Read) {
        Ok(opened) => opened,
        // Conflict markers from a merge without lane's driver: say how to finish.
        Err(e) => {
            return Err(match merging {
                Some(hint) => e.wrap_err(hint),
                None => e,
            });
        }
    };
    if let Some(hint) = merging {
        lane_io::say::err(&format!("lane: {hint}"));
        return Ok(ExitCode::FAILURE);
    }
    // The archive too: a year that does not load, or an id two items share, would
    // stop `list --all`, reports and exports that read it.
    let years = store.load_archive_named()?;
    let clashes = lane_core::model::archive::clashes(&data, &years);
    if !clashes.is_empty() {
        for clash in &clashes {
            lane_io::say::err(&format!("lane: {clash}"));
        }
        lane_io::say::err(&format!(
            "lane: {} id{} shared by two items: give one of each a new id by hand",
            clashes.len(),
            if clashes.len() == 1 { " is" } else { "s are" }
        ));
        return Ok(ExitCode::FAILURE);
    }
    if let Some(why) = lane_io::store::exposure(store.dir()) {
        lane_io::say::err(&format!("lane: warning: {why}"));
    }
    if !store.path().exists() {
        lane_io::say::line(&format!(
            "{}: no data yet (the first change creates it)",
            store.path().display()
        ));
        return Ok(ExitCode::SUCCESS);
    }
    lane_io::say::line(&format!(
        "{}: ok — {} priorities, {} blocks, {} blockers, {} decisions, {} reviews",
        store.path().display(),
        data.priorities.len(),
        data.blocks.len(),
        data.blockers.len(),
        data.decisions.len(),
        data.reviews.len()
    ));
    if !data.conflicts.is_empty() {
        lane_io::say::line(&format!(
            "{} conflict{} to settle (lane conflicts keep|take ID):",
            data.conflicts.len(),
            if data.conflicts.len() == 1 { "" } else { "s" }
        ));
        for line in conflicts::lines(&data) {
            lane_io::say::line(&line);
        }
    }
    Ok(ExitCode::SUCCESS)
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

/// Opens the store for writing, archives, applies `change` and saves; says what
/// was done, or why nothing was (the caller prints it).
pub(crate) fn apply(
    data_dir: &std::path::Path,
    config_dir: &std::path::Path,
    read_archive: bool,
    change: impl FnOnce(&mut Data, &Data, chrono::NaiveDateTime) -> Result<String, String>,
) -> Result<Result<String, String>> {
    let (mut store, mut data) = Store::open(data_dir, Access::Write(LOCK_WAIT))?;
    let now = local_now();
    let config = Config::load(config_dir)?;
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
    // Recurring blocks are made for the coming days before the change (so it
    // sees them) and after it (so what it did to a series reaches its days).
    series::materialise(&mut data, now.date(), None);
    let before = data.clone();
    match change(&mut data, &archived, now) {
        Ok(done) => {
            series::materialise(&mut data, now.date(), None);
            // The one unit of work: saved, and an undo step in the history the
            // app reads too.
            store
                .commit(&before, &data, &Entry::Change(done.clone()), now)
                .wrap_err("nothing was changed")?;
            drop(store);
            // After the save and the lock: a hook never holds up a change.
            if config.hooks.any_on_save() {
                let operation = OPERATION.get().copied().unwrap_or("lane");
                for said in lane_io::hooks::after_save(
                    &config.hooks,
                    operation,
                    &before,
                    &data,
                    &config.rules,
                    now,
                ) {
                    lane_io::say::err(&format!("lane: {said}"));
                }
            }
            Ok(Ok(done))
        }
        Err(why) => Ok(Err(why)),
    }
}

/// Something in `dir` besides a lock and the config dir, if anything.
fn first_entry(dir: &std::path::Path, config_dir: &std::path::Path) -> Result<Option<String>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).wrap_err_with(|| format!("cannot read {}", dir.display())),
    };
    Ok(entries
        .flatten()
        .find(|e| e.file_name() != lane_io::store::LOCK_FILE && e.path() != config_dir)
        .map(|e| e.file_name().to_string_lossy().into_owned()))
}

fn demo(
    data_dir: &std::path::Path,
    config_dir: &std::path::Path,
    days: u32,
    seed: u64,
) -> Result<ExitCode> {
    if !(1..=lane_core::demo::MAX_DAYS).contains(&days) {
        return Ok(usage_error(format!(
            "--days {days}: demo data covers 1 to {} days",
            lane_core::demo::MAX_DAYS
        )));
    }
    let config = Config::load(config_dir)?;
    // Made-up items must never mix with real ones: not in lane.toml, not in an
    // archive/ or backups/ left beside it. Only an empty directory will do.
    if let Some(found) = first_entry(data_dir, config_dir)? {
        return Ok(usage_error(format!(
            "{} is not empty (it holds {found}); demo data only goes into an empty directory (pass --dir)",
            data_dir.display()
        )));
    }
    let (mut store, _) = Store::open(data_dir, Access::Write(LOCK_WAIT))?;
    let now = local_now();
    let mut data = lane_core::demo::generate_at(days, seed, now);
    let entries = lane_core::demo::entries(&data);
    store
        .save(&data, now)
        .wrap_err("the demo data was not written")?;
    // As after a year of use: what closed long ago is in the archive.
    let cutoff = lane_core::model::archive::cutoff(now.date(), config.rules.archive_after_days);
    let archived = store.archive(&mut data, cutoff)?;
    lane_io::say::line(&format!(
        "wrote {days} days of demo data ({entries} entries, {archived} items archived) to {}",
        store.path().display()
    ));
    Ok(ExitCode::SUCCESS)
}
