//! The command line's words: every command, argument and value clap parses.
//! What each command does is in `cli.rs` and the files beside this one.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use super::add::{AddCommand, RungArg};
use super::conflicts;
use super::report::ReportArgs;
use lane_core::model::Kind;

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

#[derive(Subcommand, Debug, strum::IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum Command {
    /// Write a realistic, deterministic data set of N days into an empty --dir
    Demo {
        /// Days of use to generate, 1 to 3650 (365 ≈ 7 800 entries)
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
    /// Add a dated progress note to a priority's update log, and key-result readings
    Update {
        #[arg(value_enum)]
        kind: NoteKind,
        id: u32,
        note: Option<String>,
        /// A key result's reading: --kr "p95 latency=180" (repeat for more)
        #[arg(long, value_name = "NAME=VALUE", allow_hyphen_values = true)]
        kr: Vec<String>,
    },
    /// Record whom an outcome was agreed with: lane agree priority ID --agreed-with WHO
    Agree {
        #[arg(value_enum)]
        kind: NoteKind,
        id: u32,
        #[command(flatten)]
        agreement: super::outcomes::Agreement,
    },
    /// Put an outcome in focus (at most 3), or take it out (--off)
    Focus {
        #[arg(value_enum)]
        kind: NoteKind,
        id: u32,
        /// Out of focus
        #[arg(long)]
        off: bool,
    },
    /// Make an outcome one of its quarter's strategic ones (at most 3), or not (--off)
    Strategic {
        #[arg(value_enum)]
        kind: NoteKind,
        id: u32,
        /// No longer strategic
        #[arg(long)]
        off: bool,
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
        /// How the call landed: counted in the track record (`lane report trust`)
        #[arg(long, value_enum)]
        rating: Option<RatingArg>,
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
        /// Was it yours to decide, or right to ask? Counted in the track record
        #[arg(long, value_enum)]
        verdict: Option<VerdictArg>,
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
    /// The re-fit a meeting over your plan calls for: printed, nothing changed;
    /// --apply makes the moves as one change (lane undo takes it back)
    Replan {
        /// The day to re-fit (default today): today, tomorrow, fri, 2026-11-24
        #[arg(long, allow_hyphen_values = true, value_name = "DATE")]
        date: Option<String>,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
        /// Make the moves
        #[arg(long)]
        apply: bool,
    },
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
    /// Calendars from config.toml: refresh them now, or list their state
    #[command(subcommand)]
    Calendar(super::calendar::CalendarCommand),
    /// Fetch every calendar and every blocker's linked issue or pull request now
    /// (or only `links`, or only `calendars`); exits 1 when a source failed, keeping
    /// what it last said
    Refresh {
        #[arg(value_enum)]
        what: Option<super::links::RefreshWhat>,
    },
    /// Print shell completions: lane completions bash > ~/.local/share/bash-completion/completions/lane
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Install the completion script for your shell and the man pages into your
    /// data dir ($XDG_DATA_HOME or ~/.local/share); again changes nothing
    Install {
        /// The shell to complete in (default: the one $SHELL names)
        #[arg(long, value_enum)]
        shell: Option<InstallShell>,
        /// Say what would be written, and write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Print a man page (roff): lane man > ~/.cargo/share/man/man1/lane.1; lane man sync;
    /// lane man --all DIR writes every page
    Man {
        /// A command's own page (lane-COMMAND(1))
        command: Option<String>,
        /// Write lane.1 and every lane-COMMAND.1 into this directory
        #[arg(long, value_name = "DIR")]
        all: Option<PathBuf>,
    },
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
    /// Mark an item done (a blocker resolved); lane done milestone PRIORITY MILESTONE
    Done {
        #[arg(value_enum)]
        kind: DoneKind,
        /// The item's id (for a milestone: its priority's id)
        id: u32,
        /// The milestone's number or title
        milestone: Option<String>,
    },
    /// Sync with your other machines over git: commit, fetch, merge by uid, push
    Sync {
        #[command(subcommand)]
        init: Option<SyncCommand>,
    },
    /// Share your week with your team over git: lane share init REMOTE --as NAME first
    Share {
        #[command(subcommand)]
        init: Option<super::team::ShareCommand>,
    },
    /// Your teammates' weeks, and first the escalations waiting on you
    Team {
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
        #[command(subcommand)]
        what: Option<super::team::TeamCommand>,
    },
    /// One line for a status bar: the running block and minutes left, else the
    /// next one; then what needs attention
    Status {
        #[arg(long, value_enum, default_value_t)]
        format: super::status::Format,
        /// At most this many columns (tmux cuts status-right at status-right-length):
        /// the block's title is shortened first, then the least pressing notes go
        #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
        max_width: Option<u16>,
    },
    /// Change fields of an item by the edit form's rules: lane modify priority 3 due=fri impact=high;
    /// lane modify blocker 2 link=URL (unlink=URL takes one away);
    /// lane modify milestone PRIORITY N title=… due=… note=…; lane modify kr PRIORITY N name=… target=…
    Modify {
        #[arg(value_enum)]
        kind: super::item::ChangeKind,
        /// The item's id (for a milestone or key result: its priority's id)
        id: u32,
        /// field=value (the form's fields: title, due, impact, time, date, every, …);
        /// for a milestone or key result its number first
        #[arg(required = true, allow_hyphen_values = true)]
        changes: Vec<String>,
        /// Change the whole series the block repeats in (its coming untouched days follow)
        #[arg(long)]
        series: bool,
    },
    /// Delete an item (lane undo brings it back); a repeating block's day stays deleted;
    /// lane delete milestone|kr PRIORITY N
    Delete {
        #[arg(value_enum)]
        kind: super::item::ChangeKind,
        /// The item's id (for a milestone or key result: its priority's id)
        id: u32,
        /// The milestone's or key result's number
        number: Option<String>,
        /// Delete the whole series the block repeats in, with its coming untouched days
        #[arg(long)]
        series: bool,
    },
    /// Show an item as lane.toml holds it (or as JSON)
    Show {
        #[arg(value_enum)]
        kind: super::item::ItemKind,
        id: u32,
        /// Print JSON instead of TOML
        #[arg(long)]
        json: bool,
    },
    /// Take back the newest change to this data dir, from the command line or the app (only that one)
    Undo,
    /// Make the newest undone change again
    Redo,
    /// Edit an item as TOML in $EDITOR, checked when you close it (like git commit)
    Edit {
        #[arg(value_enum)]
        kind: super::item::ItemKind,
        id: u32,
    },
    /// Print the reminders due now (a block about to start or at its end, a
    /// follow-up, the evening review), each once; for cron or a systemd timer
    Remind {
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// What the shell completion scripts ask for: `lane complete ids KIND` prints
    /// `ID<TAB>TITLE` per item a command would take
    #[command(hide = true)]
    Complete {
        #[arg(value_enum)]
        what: CompleteWhat,
        kind: String,
        /// For `milestone` or `kr`: the priority whose ones to list
        of: Option<u32>,
    },
    /// git's merge driver for lane files (git runs it: lane merge-driver %O %A %B)
    #[command(hide = true)]
    MergeDriver {
        base: PathBuf,
        ours: PathBuf,
        theirs: PathBuf,
    },
}

#[derive(Subcommand, Debug)]
pub enum SyncCommand {
    /// Make the data dir a git repository that syncs with REMOTE (a URL or a path
    /// to a bare repository); data already there is merged with yours
    Init { remote: String },
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
    #[value(alias = "priorities")]
    Priority,
}

/// Commands that apply to decisions only.
#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum DecisionKind {
    #[value(alias = "decisions")]
    Decision,
}

/// How a decided call landed (`--rating`).
#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum RatingArg {
    Good,
    Mixed,
    Bad,
}

impl RatingArg {
    pub fn rating(self) -> lane_core::model::Rating {
        match self {
            RatingArg::Good => lane_core::model::Rating::Good,
            RatingArg::Mixed => lane_core::model::Rating::Mixed,
            RatingArg::Bad => lane_core::model::Rating::Bad,
        }
    }
}

/// What an escalation's answer said about asking (`--verdict`).
#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum VerdictArg {
    /// It was yours to decide
    Yours,
    /// You were right to ask
    RightToAsk,
}

impl VerdictArg {
    pub fn verdict(self) -> lane_core::model::Verdict {
        match self {
            VerdictArg::Yours => lane_core::model::Verdict::Yours,
            VerdictArg::RightToAsk => lane_core::model::Verdict::RightToAsk,
        }
    }
}

/// Commands that apply to time blocks only.
#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum BlockKindArg {
    #[value(alias = "blocks")]
    Block,
}

#[derive(Subcommand, Debug)]
pub enum ImportCommand {
    /// Pending tasks from `task export` become priorities (again: what changed there changes here)
    Taskwarrior { file: PathBuf },
    /// Read back what `lane export json` wrote (items already here are skipped)
    Json { file: PathBuf },
    /// Meetings from an iCalendar file (again: updated, never twice)
    Ics {
        file: PathBuf,
        /// The calendar's name in lane (default: the file's name)
        #[arg(long)]
        name: Option<String>,
        /// The kind of block its events become (default: meeting)
        #[arg(long)]
        kind: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum ExportCommand {
    /// Everything, live and archived, as one JSON document
    Json {
        /// Write to this file instead of standard output
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Priorities as tasks that `task import` takes (again: the same tasks updated)
    Taskwarrior {
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
    /// Worked time (blocks with a real start and stop) as timewarrior intervals
    #[command(alias = "timewarrior")]
    Timew {
        /// First day (default: all)
        #[arg(long, allow_hyphen_values = true)]
        from: Option<String>,
        /// Last day (default: all)
        #[arg(long, allow_hyphen_values = true)]
        to: Option<String>,
        /// Write `timew export`'s JSON to this file instead of standard output
        #[arg(long, conflicts_with = "db")]
        out: Option<PathBuf>,
        /// Add the intervals to this timewarrior database (e.g. ~/.timewarrior):
        /// its data/YYYY-MM.data files, which `timew` reads as its own
        #[arg(long, value_name = "DIR")]
        db: Option<PathBuf>,
    },
}

/// The shells `lane install` installs completions for.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum InstallShell {
    Bash,
    Zsh,
    Fish,
}

/// What `lane complete` lists.
#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum CompleteWhat {
    Ids,
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
    #[value(alias = "priorities")]
    Priority,
    #[value(alias = "blocks")]
    Block,
    #[value(alias = "blockers")]
    Blocker,
    #[value(alias = "decisions")]
    Decision,
    #[value(alias = "milestones")]
    Milestone,
}

impl DoneKind {
    pub fn kind(self) -> Kind {
        match self {
            DoneKind::Priority => Kind::Priority,
            DoneKind::Block => Kind::Block,
            DoneKind::Blocker => Kind::Blocker,
            DoneKind::Decision => Kind::Decision,
            // A milestone lives inside its priority.
            DoneKind::Milestone => Kind::Priority,
        }
    }
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum KindArg {
    #[value(alias = "priority")]
    Priorities,
    #[value(alias = "block")]
    Blocks,
    #[value(alias = "blocker")]
    Blockers,
    #[value(alias = "decision")]
    Decisions,
    #[value(alias = "review")]
    Reviews,
}

impl KindArg {
    pub fn kind(self) -> Kind {
        match self {
            KindArg::Priorities => Kind::Priority,
            KindArg::Blocks => Kind::Block,
            KindArg::Blockers => Kind::Blocker,
            KindArg::Decisions => Kind::Decision,
            KindArg::Reviews => Kind::Review,
        }
    }
}
