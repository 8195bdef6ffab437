//! The command line: everything the app shows, reachable without it.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};
use color_eyre::eyre::{Result, WrapErr, eyre};

use crate::app::local_now;
use crate::config::{Config, Keymap, default_dirs};
use crate::model::form::{self, Ctx, fields};
use crate::model::{Data, Entry, Kind};
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
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
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
    },
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

#[derive(Subcommand, Debug)]
pub enum AddCommand {
    /// An outcome you own
    Priority(AddPriority),
    /// A time block; the title may start with a time: "9-10:30 billing spec"
    Block(AddBlock),
    /// Something that is stuck
    Blocker(AddBlocker),
    /// A call you made, and why
    Decision(AddDecision),
}

#[derive(Args, Debug)]
pub struct AddPriority {
    pub title: String,
    #[arg(long)]
    pub outcome: Option<String>,
    #[arg(long)]
    pub measure: Option<String>,
    /// today, tomorrow, fri, +3d, 2026-12-01
    #[arg(long)]
    pub due: Option<String>,
    /// high, medium or low
    #[arg(long)]
    pub impact: Option<String>,
    /// high, medium or low
    #[arg(long)]
    pub urgency: Option<String>,
}

#[derive(Args, Debug)]
pub struct AddBlock {
    pub title: String,
    /// 9-10:30, 14:00 +90m, now +45m (default: the title's leading time, or the first free hour)
    #[arg(long)]
    pub time: Option<String>,
    /// today, tomorrow, fri, +3d, 2026-12-01
    #[arg(long)]
    pub date: Option<String>,
    /// deep, shallow, meeting, break or admin
    #[arg(long)]
    pub kind: Option<String>,
}

#[derive(Args, Debug)]
pub struct AddBlocker {
    pub title: String,
    #[arg(long)]
    pub waiting_on: Option<String>,
}

#[derive(Args, Debug)]
pub struct AddDecision {
    pub situation: String,
    #[arg(long)]
    pub call: Option<String>,
    #[arg(long)]
    pub rationale: Option<String>,
    /// The call can be undone
    #[arg(long)]
    pub reversible: bool,
}

/// How long a command-line write waits for another lane to release the lock.
const LOCK_WAIT: Duration = Duration::from_secs(2);

/// Runs the command line; returns the process exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("lane: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    let (data_dir, config_dir) = match (cli.dir, cli.config_dir) {
        (Some(d), Some(c)) => (d, c),
        (d, c) => {
            let (dd, cd) = default_dirs()?;
            (d.unwrap_or(dd), c.unwrap_or(cd))
        }
    };
    match cli.command {
        None => crate::app::run(&data_dir, &config_dir).map(|()| ExitCode::SUCCESS),
        Some(Command::Check) => check(&data_dir, &config_dir),
        Some(Command::Add(add)) => add_item(&data_dir, &config_dir, add),
        Some(Command::List { kind, json }) => list(&data_dir, kind.kind(), json),
    }
}

fn check(data_dir: &std::path::Path, config_dir: &std::path::Path) -> Result<ExitCode> {
    Config::load(config_dir)?;
    Keymap::load(config_dir)?;
    let (store, data) = Store::open(data_dir, Access::Read)?;
    println!(
        "{}: ok — {} priorities, {} blocks, {} blockers, {} decisions, {} reviews",
        store.path().display(),
        data.priorities.len(),
        data.blocks.len(),
        data.blockers.len(),
        data.decisions.len(),
        data.reviews.len()
    );
    Ok(ExitCode::SUCCESS)
}

/// Usage errors (bad values) exit with 2 and one line on stderr.
fn usage_error(text: String) -> ExitCode {
    eprintln!("lane: {text}");
    ExitCode::from(2)
}

fn add_item(
    data_dir: &std::path::Path,
    config_dir: &std::path::Path,
    add: AddCommand,
) -> Result<ExitCode> {
    let config = Config::load(config_dir)?;
    let now = local_now();
    let opt = |o: Option<String>| o.unwrap_or_default();
    let (kind, mut values) = match add {
        AddCommand::Priority(p) => (
            Kind::Priority,
            vec![
                p.title,
                opt(p.outcome),
                opt(p.measure),
                opt(p.due),
                opt(p.impact),
                opt(p.urgency),
            ],
        ),
        AddCommand::Block(b) => (
            Kind::Block,
            vec![b.title, opt(b.time), opt(b.date), opt(b.kind)],
        ),
        AddCommand::Blocker(b) => (Kind::Blocker, vec![b.title, opt(b.waiting_on)]),
        AddCommand::Decision(d) => (
            Kind::Decision,
            vec![
                d.situation,
                opt(d.call),
                opt(d.rationale),
                if d.reversible { "yes" } else { "no" }.into(),
            ],
        ),
    };
    // Empty optional values take the form's defaults (medium impact, today, deep…).
    let defaults = form::initial_values(&Data::default(), kind, None, now.date());
    for (v, d) in values.iter_mut().zip(defaults) {
        if v.trim().is_empty() {
            *v = d;
        }
    }
    let (mut store, mut data) = Store::open(data_dir, Access::Write(LOCK_WAIT))?;
    let uid = ulid::Ulid::new().to_string();
    let ctx = Ctx {
        now,
        hours: &config.hours,
        uid,
    };
    let id = match form::save(&mut data, kind, None, &values, ctx) {
        Ok(id) => id,
        Err(errors) => {
            let specs = fields(kind);
            let text = errors
                .iter()
                .map(|(i, e)| format!("{}: {e}", specs[*i].key.replace('_', "-")))
                .collect::<Vec<_>>()
                .join("; ");
            return Ok(usage_error(text));
        }
    };
    store.save(&data).wrap_err("the item was not added")?;
    println!("added {} {id}", kind.noun());
    Ok(ExitCode::SUCCESS)
}

fn list(data_dir: &std::path::Path, kind: Kind, json: bool) -> Result<ExitCode> {
    let (_, data) = Store::open(data_dir, Access::Read)?;
    if json {
        let value = match kind {
            Kind::Priority => serde_json::to_value(&data.priorities),
            Kind::Block => serde_json::to_value(&data.blocks),
            Kind::Blocker => serde_json::to_value(&data.blockers),
            Kind::Decision => serde_json::to_value(&data.decisions),
            Kind::Review => serde_json::to_value(&data.reviews),
        }
        .map_err(|e| eyre!(e))?;
        println!(
            "{}",
            serde_json::to_string_pretty(&value).map_err(|e| eyre!(e))?
        );
        return Ok(ExitCode::SUCCESS);
    }
    let mark = |done: bool| if done { "✓" } else { " " };
    let lines: Vec<String> = match kind {
        Kind::Priority => data
            .priorities
            .iter()
            .map(|p| {
                let due = p.due.map(|d| format!("  due {d}")).unwrap_or_default();
                format!(
                    "{:>3} {} {}  [{} impact, {} urgency]{due}",
                    p.id,
                    mark(p.is_done()),
                    p.title,
                    p.impact.name(),
                    p.urgency.name()
                )
            })
            .collect(),
        Kind::Block => data
            .blocks
            .iter()
            .map(|b| {
                format!(
                    "{:>3} {} {} {}-{} {:<7} {}",
                    b.id,
                    mark(b.done),
                    b.date,
                    b.start.format("%H:%M"),
                    b.end.format("%H:%M"),
                    b.kind.name(),
                    b.title
                )
            })
            .collect(),
        Kind::Blocker => data
            .blockers
            .iter()
            .map(|b| {
                let on = if b.waiting_on.is_empty() {
                    String::new()
                } else {
                    format!("  (waiting on {})", b.waiting_on)
                };
                format!("{:>3} {} {}{on}", b.id, mark(b.is_done()), b.title)
            })
            .collect(),
        Kind::Decision => data
            .decisions
            .iter()
            .map(|d| format!("{:>3} {} {} → {}", d.id, mark(d.done), d.situation, d.call))
            .collect(),
        Kind::Review => data
            .reviews
            .iter()
            .map(|r| {
                format!(
                    "{} energy {}  {}",
                    r.date,
                    r.energy.map(|e| e.to_string()).unwrap_or("-".into()),
                    r.wins
                )
            })
            .collect(),
    };
    if lines.is_empty() {
        println!("no {} yet", kind.table());
    }
    for l in lines {
        println!("{l}");
    }
    Ok(ExitCode::SUCCESS)
}
