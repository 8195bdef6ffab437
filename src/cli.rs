//! The command line: everything the app shows, reachable without it.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use color_eyre::eyre::{Result, WrapErr};

mod add;
mod conflicts;
mod export;
mod list;
mod report;

use add::{AddCommand, RungArg, add_item};
use export::export_ics;
use list::list;
use report::{ReportArgs, report};

use crate::app::local_now;
use crate::config::{Config, Keymap, default_dirs};
use crate::model::form::{self, Note};
use crate::model::{Data, Kind, day, ops};
use crate::pass::Ritual;
use crate::store::{Access, Store};

#[derive(Parser, Debug)]
#[command(
    name = "lane",
    version,
    about = "Keep the edges of your lane visible: outcomes, time blocks, blockers, decisions.",
    long_about = "lane opens a full-screen app when run without a command. \
                  Every change is saved at once to lane.toml in the data directory."
)]
pub struct Cli {
    /// Data directory (default: the platform data dir, e.g. ~/.local/share/lane)
    #[arg(long, env = "LANE_DIR", global = true, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Config directory holding config.toml and keymap.toml (default: e.g. ~/.config/lane)
    #[arg(long, env = "LANE_CONFIG_DIR", global = true, value_name = "DIR")]
    pub config_dir: Option<PathBuf>,
    /// Draw the first frame and exit (for measuring start-up)
    #[arg(long, hide = true)]
    pub first_frame_exit: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Write a realistic, deterministic data set of N days into an empty --dir
    Demo {
        /// Days of use to generate (365 ≈ 7 800 entries)
        #[arg(long, default_value_t = 365)]
        days: u32,
        /// Same seed, same data
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Validate lane.toml, config.toml and keymap.toml; exit non-zero with path:line:col on error
    Check,
    /// Add an item (same rules as the app's add form)
    #[command(subcommand)]
    Add(AddCommand),
    /// List items as text, or as JSON with --json
    List {
        /// What to list
        #[arg(value_enum, default_value = "priorities")]
        kind: KindArg,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
        /// Include done, dropped and resolved items
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        when: When,
    },
    /// Add a dated progress note to a priority's update log
    Update {
        #[arg(value_enum)]
        kind: NoteKind,
        id: u32,
        note: String,
    },
    /// Mark a report-after decision as reported
    Reported {
        #[arg(value_enum)]
        kind: DecisionKind,
        id: u32,
    },
    /// Write what came of a decision
    Outcome {
        #[arg(value_enum)]
        kind: DecisionKind,
        id: u32,
        text: String,
    },
    /// Decide a call yourself: settles a pending one (against the triage, on record)
    Decide {
        #[arg(value_enum)]
        kind: DecisionKind,
        id: u32,
    },
    /// Record the answer to an escalated decision
    Answer {
        #[arg(value_enum)]
        kind: DecisionKind,
        id: u32,
        text: String,
    },
    /// Escalate a decision to someone
    Escalate {
        #[arg(value_enum)]
        kind: EscalateKind,
        id: u32,
        /// Who decides it, or can unblock it
        #[arg(long)]
        to: String,
    },
    /// Mark a rung of a blocker's ladder tried
    Tried {
        #[arg(value_enum)]
        kind: BlockerKind,
        id: u32,
        #[arg(value_enum)]
        rung: RungArg,
        /// What you found
        note: Option<String>,
    },
    /// Resolve a blocker, saying what unblocked it
    Resolve {
        #[arg(value_enum)]
        kind: BlockerKind,
        id: u32,
        resolution: String,
    },
    /// Start a block's timer (stopping any other that runs)
    Start {
        #[arg(value_enum)]
        kind: BlockKindArg,
        id: u32,
    },
    /// Stop the running block's timer
    Stop,
    /// Write a report as Markdown: standup, week, review or brag
    Report(ReportArgs),
    /// Open the app on the guided morning plan
    Plan,
    /// Open the app on the guided end-of-day review
    Review,
    /// Write data for other tools
    #[command(subcommand)]
    Export(ExportCommand),
    /// Read data from other tools
    #[command(subcommand)]
    Import(ImportCommand),
    /// Print shell completions: lane completions bash > ~/.local/share/bash-completion/completions/lane
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff): lane man > ~/.local/share/man/man1/lane.1
    Man,
    /// Print the default config.toml (--default) or where lane reads it (--path)
    Config {
        /// Print the commented defaults
        #[arg(long, conflicts_with = "path")]
        default: bool,
        /// Print the config and keymap paths
        #[arg(long)]
        path: bool,
    },
    /// List what two writers changed differently, or settle one (keep/take ID)
    Conflicts {
        #[command(subcommand)]
        settle: Option<conflicts::Settle>,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Mark an item done (a blocker resolved)
    Done {
        #[arg(value_enum)]
        kind: DoneKind,
        id: u32,
    },
}

/// Which day of blocks to list.
#[derive(Args, Debug, Clone, Default)]
pub struct When {
    /// Blocks of this day (default today): today, fri, +1d, 2026-12-01
    #[arg(long, allow_hyphen_values = true)]
    pub date: Option<String>,
    /// Blocks of the whole week (Monday to Sunday) holding --date
    #[arg(long)]
    pub week: bool,
}

/// Items that keep an update log.
#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum NoteKind {
    Priority,
}

/// Commands that apply to decisions only.
#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum DecisionKind {
    Decision,
}

/// Commands that apply to time blocks only.
#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum BlockKindArg {
    Block,
}

#[derive(Subcommand, Debug)]
pub enum ImportCommand {
    /// Pending tasks from `task export` become priorities (again: nothing twice)
    Taskwarrior { file: PathBuf },
    /// Read back what `lane export json` wrote (items already here are skipped)
    Json { file: PathBuf },
}

#[derive(Subcommand, Debug)]
pub enum ExportCommand {
    /// Everything, live and archived, as one JSON document
    Json {
        /// Write to this file instead of standard output
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Time blocks as an iCalendar file that calendar apps import
    Ics {
        /// First day (default: all)
        #[arg(long, allow_hyphen_values = true)]
        from: Option<String>,
        /// Last day (default: all)
        #[arg(long, allow_hyphen_values = true)]
        to: Option<String>,
        /// Write to this file instead of standard output
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

/// Items that can be escalated.
#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum EscalateKind {
    Decision,
    Blocker,
}

/// Commands that apply to blockers only.
#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum BlockerKind {
    Blocker,
}

/// Items that can be done.
#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum DoneKind {
    Priority,
    Block,
    Blocker,
    Decision,
}

impl DoneKind {
    fn kind(self) -> Kind {
        match self {
            DoneKind::Priority => Kind::Priority,
            DoneKind::Block => Kind::Block,
            DoneKind::Blocker => Kind::Blocker,
            DoneKind::Decision => Kind::Decision,
        }
    }
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum KindArg {
    Priorities,
    Blocks,
    Blockers,
    Decisions,
    Reviews,
}

impl KindArg {
    fn kind(self) -> Kind {
        match self {
            KindArg::Priorities => Kind::Priority,
            KindArg::Blocks => Kind::Block,
            KindArg::Blockers => Kind::Blocker,
            KindArg::Decisions => Kind::Decision,
            KindArg::Reviews => Kind::Review,
        }
    }
}

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
            crate::say::err(&format!("lane: {e:#}"));
            ExitCode::FAILURE
        }
    }
}

/// clap's own message, unless it echoes an argument holding a control character:
/// then the same words, escaped.
fn argument_error(e: &clap::Error) -> ExitCode {
    let plain = e.render().to_string();
    if !plain.chars().any(crate::model::text::is_unsafe_printed) {
        e.exit()
    }
    if e.use_stderr() {
        crate::say::err(plain.trim_end());
    } else {
        crate::say::out(&plain);
    }
    ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
}

fn run(cli: Cli) -> Result<ExitCode> {
    // These need no data directory.
    match &cli.command {
        Some(Command::Completions { shell }) => {
            clap_complete::generate(*shell, &mut Cli::command(), "lane", &mut std::io::stdout());
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
        None => crate::app::run(&data_dir, &config_dir, cli.first_frame_exit, None)
            .map(|()| ExitCode::SUCCESS),
        Some(c @ (Command::Plan | Command::Review)) => {
            let ritual = match c {
                Command::Plan => Ritual::Plan,
                _ => Ritual::Review,
            };
            crate::app::run(&data_dir, &config_dir, cli.first_frame_exit, Some(ritual))
                .map(|()| ExitCode::SUCCESS)
        }
        Some(Command::Report(args)) => report(&data_dir, &config_dir, args),
        Some(Command::Check) => check(&data_dir, &config_dir),
        Some(Command::Conflicts { settle, json }) => {
            conflicts::conflicts(&data_dir, &config_dir, settle, json)
        }
        Some(Command::Config { default: true, .. }) => {
            crate::say::out(crate::config::DEFAULT_CONFIG);
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Config { .. }) => {
            crate::say::line(&format!(
                "config: {}",
                config_dir.join(crate::config::CONFIG_FILE).display()
            ));
            crate::say::line(&format!(
                "keymap: {}",
                config_dir.join(crate::config::KEYMAP_FILE).display()
            ));
            crate::say::line(&format!(
                "data:   {}",
                data_dir.join(crate::store::DATA_FILE).display()
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
        }) => {
            let config = Config::load(&config_dir)?;
            list(&data_dir, &config.rules, kind.kind(), json, all, &when)
        }
        Some(Command::Update {
            kind: NoteKind::Priority,
            id,
            note,
        }) => write(&data_dir, &config_dir, |data, now| {
            form::add_update(data, id, &note, now.date())
                .map(|()| format!("update added to priority {id}"))
        }),
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
        Some(Command::Outcome { id, text, .. }) => write(&data_dir, &config_dir, |data, now| {
            form::apply_note(data, Note::Outcome, id, &text, now)
        }),
        Some(Command::Answer { id, text, .. }) => write(&data_dir, &config_dir, |data, now| {
            form::apply_note(data, Note::Answer, id, &text, now)
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
            };
            // A file that is not there (or not a file to read) is a usage error,
            // like any bad argument.
            let text = match crate::store::read_text(&file) {
                Ok(Some(text)) => text,
                Ok(None) => {
                    return Ok(usage_error(format!(
                        "cannot read {}: No such file or directory",
                        file.display()
                    )));
                }
                Err(e) => return Ok(usage_error(format!("{e:#}"))),
            };
            // What moved to the archive counts as already here.
            write_seeing_archive(&data_dir, &config_dir, true, |data, archived, _| {
                let done = if taskwarrior {
                    let mut uid = || ulid::Ulid::new().to_string();
                    crate::transfer::import_taskwarrior(data, &text, archived, &mut uid)
                } else {
                    crate::transfer::import_json(data, &text, archived)
                }
                .map_err(|e| format!("{}: {e}", file.display()))?;
                Ok(done.summary())
            })
        }
        Some(Command::Export(ExportCommand::Ics { from, to, out })) => {
            export_ics(&data_dir, from, to, out)
        }
        Some(Command::Done { kind, id }) => write(&data_dir, &config_dir, |data, now| {
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
    let (store, data) = Store::open(data_dir, Access::Read)?;
    // The archive too: a year that does not load, or an id two items share, would
    // stop `list --all`, reports and exports that read it.
    let years = store.load_archive_named()?;
    let clashes = crate::model::archive::clashes(&data, &years);
    if !clashes.is_empty() {
        for clash in &clashes {
            crate::say::err(&format!("lane: {clash}"));
        }
        crate::say::err(&format!(
            "lane: {} id{} shared by two items: give one of each a new id by hand",
            clashes.len(),
            if clashes.len() == 1 { " is" } else { "s are" }
        ));
        return Ok(ExitCode::FAILURE);
    }
    if let Some(why) = crate::store::exposure(store.dir()) {
        crate::say::err(&format!("lane: warning: {why}"));
    }
    crate::say::line(&format!(
        "{}: ok — {} priorities, {} blocks, {} blockers, {} decisions, {} reviews",
        store.path().display(),
        data.priorities.len(),
        data.blocks.len(),
        data.blockers.len(),
        data.decisions.len(),
        data.reviews.len()
    ));
    if !data.conflicts.is_empty() {
        crate::say::line(&format!(
            "{} conflict{} to settle (lane conflicts keep|take ID):",
            data.conflicts.len(),
            if data.conflicts.len() == 1 { "" } else { "s" }
        ));
        for line in conflicts::lines(&data) {
            crate::say::line(&line);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Usage errors (bad values) exit with 2 and one line on stderr.
pub(crate) fn usage_error(text: String) -> ExitCode {
    crate::say::err(&format!("lane: {text}"));
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
            crate::say::line(&done);
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
        now.date() - chrono::Duration::days(config.rules.archive_after_days),
    ) {
        crate::say::err(&format!("lane: {why}"));
    }
    let archived = if read_archive {
        crate::model::archive::combine(&Data::default(), store.load_archive()?)
    } else {
        Data::default()
    };
    match change(&mut data, &archived, now) {
        Ok(done) => {
            store.save(&data, now).wrap_err("nothing was changed")?;
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
        .find(|e| e.file_name() != crate::store::LOCK_FILE && e.path() != config_dir)
        .map(|e| e.file_name().to_string_lossy().into_owned()))
}

fn demo(
    data_dir: &std::path::Path,
    config_dir: &std::path::Path,
    days: u32,
    seed: u64,
) -> Result<ExitCode> {
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
    let mut data = crate::demo::generate_at(days, seed, now);
    let entries = crate::demo::entries(&data);
    store
        .save(&data, now)
        .wrap_err("the demo data was not written")?;
    // As after a year of use: what closed long ago is in the archive.
    let cutoff = now.date() - chrono::Duration::days(config.rules.archive_after_days);
    let archived = store.archive(&mut data, cutoff)?;
    crate::say::line(&format!(
        "wrote {days} days of demo data ({entries} entries, {archived} items archived) to {}",
        store.path().display()
    ));
    Ok(ExitCode::SUCCESS)
}
