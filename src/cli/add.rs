//! `lane add`: the same rules as the app's add form.

use std::process::ExitCode;

use chrono::NaiveDateTime;
use clap::{Args, Subcommand, ValueEnum};
use color_eyre::eyre::Result;

use super::forms::ctx;
use super::write;
use lane_core::model::form::{self, Values};
use lane_core::model::rules::Rules;
use lane_core::model::triage::{is_pending, report_after, triage};
use lane_core::model::{Data, Decision, Kind, Rung, ops};
use lane_io::clock::local_now;
use lane_io::config::Config;

#[derive(Subcommand, Debug)]
pub enum AddCommand {
    /// An outcome you own
    #[command(alias = "priorities")]
    Priority(AddPriority),
    /// A time block; the title may start with a time: "9-10:30 billing spec"
    #[command(alias = "blocks")]
    Block(AddBlock),
    /// Something that is stuck
    #[command(alias = "blockers")]
    Blocker(AddBlocker),
    /// A call you made, and why
    #[command(alias = "decisions")]
    Decision(AddDecision),
    /// A dated step towards an outcome: lane add milestone PRIORITY "TITLE" --due DATE
    #[command(alias = "milestones")]
    Milestone(super::outcomes::AddMilestone),
    /// A key result you measure: lane add kr PRIORITY "NAME" --baseline N --target N
    #[command(alias = "krs")]
    Kr(super::outcomes::AddKr),
}

#[derive(Args, Debug)]
pub struct AddPriority {
    pub title: String,
    #[arg(long)]
    pub outcome: Option<String>,
    #[arg(long)]
    pub measure: Option<String>,
    /// today, tomorrow, fri, +3d, -1d, 2026-12-01
    #[arg(long, allow_hyphen_values = true)]
    pub due: Option<String>,
    /// high, medium or low
    #[arg(long)]
    pub impact: Option<String>,
    /// high, medium or low
    #[arg(long)]
    pub urgency: Option<String>,
    /// 0-100
    #[arg(long)]
    pub progress: Option<String>,
    /// Make it one of the (at most 3) outcomes in focus
    #[arg(long)]
    pub focus: bool,
    /// Make it one of its quarter's (at most 3) strategic outcomes
    #[arg(long)]
    pub strategic: bool,
    /// Keep it off the team repository (`lane share` leaves it out)
    #[arg(long)]
    pub private: bool,
    #[command(flatten)]
    pub agreement: super::outcomes::Agreement,
}

#[derive(Args, Debug)]
pub struct AddBlock {
    pub title: String,
    /// 9-10:30, 14:00 +90m, now +45m, 22:00-24:00 (default: the title's leading time, or the first free hour)
    #[arg(long)]
    pub time: Option<String>,
    /// today, tomorrow, fri, +3d, -1d, 2026-12-01
    #[arg(long, allow_hyphen_values = true)]
    pub date: Option<String>,
    /// deep, shallow, meeting, break or admin
    #[arg(long)]
    pub kind: Option<String>,
    /// The priority it works on: its id or words of its title
    #[arg(long)]
    pub priority: Option<String>,
    /// Repeat it: daily, weekday, mon,wed, 2 weeks on fri, month on 1 (…until DATE)
    #[arg(long, value_name = "RULE")]
    pub every: Option<String>,
    /// The last day a repeating block falls on (with --every)
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub until: Option<String>,
}

#[derive(Args, Debug)]
pub struct AddBlocker {
    pub title: String,
    #[arg(long)]
    pub waiting_on: Option<String>,
    /// The priority it blocks: its id or words of its title
    #[arg(long)]
    pub priority: Option<String>,
    /// Rungs already tried: docs,search,peer
    #[arg(long, value_enum, value_delimiter = ',')]
    pub tried: Vec<RungArg>,
    /// What it waits on: a GitHub, GitLab or Gitea issue or pull request URL
    /// (repeat for more); `lane refresh links` reads how it stands
    #[arg(long = "link", value_name = "URL")]
    pub links: Vec<String>,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum RungArg {
    Docs,
    Search,
    Peer,
}

impl RungArg {
    pub(super) fn rung(self) -> Rung {
        match self {
            RungArg::Docs => Rung::Docs,
            RungArg::Search => Rung::Search,
            RungArg::Peer => Rung::Peer,
        }
    }
}

#[derive(Args, Debug)]
pub struct AddDecision {
    pub situation: String,
    #[arg(long)]
    pub call: Option<String>,
    #[arg(long)]
    pub rationale: Option<String>,
    /// The call can be undone (the default)
    #[arg(long, conflicts_with = "irreversible")]
    pub reversible: bool,
    /// The call cannot be undone
    #[arg(long)]
    pub irreversible: bool,
    /// low, medium or high (default low)
    #[arg(long)]
    pub risk: Option<String>,
    /// Estimated cost, e.g. 1200 or 12k
    #[arg(long, allow_hyphen_values = true)]
    pub cost: Option<String>,
    /// A topic tag; repeat for more (--topic hiring --topic budget)
    #[arg(long = "topic", value_name = "TOPIC")]
    pub topics: Vec<String>,
    /// An option considered; repeat for more
    #[arg(long = "option", value_name = "OPTION")]
    pub options: Vec<String>,
    /// When to look back at it (default: in 14 days if reversible)
    #[arg(long, allow_hyphen_values = true)]
    pub review_on: Option<String>,
}

/// `lane add KIND …`: the item through the add form's rules, then what the form
/// has no field for (focus, strategy, agreement, rungs tried).
pub(super) fn add_item(
    data_dir: &std::path::Path,
    config_dir: &std::path::Path,
    add: AddCommand,
) -> Result<ExitCode> {
    let config = Config::load(config_dir)?;
    let now = local_now();
    let (kind, values, after) = match add {
        AddCommand::Milestone(m) => return super::outcomes::add_milestone(data_dir, config_dir, m),
        AddCommand::Kr(k) => return super::outcomes::add_kr(data_dir, config_dir, k),
        AddCommand::Priority(p) => priority_values(p, now),
        AddCommand::Block(b) if b.until.is_some() && b.every.is_none() => {
            return Ok(super::usage_error(
                "--until is the last day of a repeating block: give --every too".into(),
            ));
        }
        AddCommand::Block(b) => block_values(b, now),
        AddCommand::Blocker(b) => blocker_values(b, now),
        AddCommand::Decision(d) => decision_values(d, now),
    };
    // A refused add returns before anything is saved: the data it half
    // changed is dropped, so it is changed in place.
    write(data_dir, config_dir, |data, _| {
        let id = form::save(data, kind, None, &values, ctx(&config, now)).map_err(|errors| {
            errors
                .iter()
                .map(|(key, e)| format!("{}: {e}", key.replace('_', "-")))
                .collect::<Vec<_>>()
                .join("; ")
        })?;
        after.apply(data, kind, id, &config, now)?;
        Ok(added_message(data, kind, id, &config.rules, now))
    })
}

/// What `lane add` sets past the form's fields, once the item has its id.
#[derive(Default)]
struct After {
    focus: bool,
    strategic: bool,
    agreement: super::outcomes::Agreement,
    tried: Vec<Rung>,
}

impl After {
    fn apply(
        &self,
        added: &mut Data,
        kind: Kind,
        id: u32,
        config: &Config,
        now: NaiveDateTime,
    ) -> Result<(), String> {
        if self.focus {
            ops::set_focus(added, id, true, now.date())
                .map_err(|refused| format!("{} — nothing was added", refused.message(added)))?;
        }
        if kind == Kind::Priority {
            super::outcomes::steer_new(
                added,
                id,
                &self.agreement,
                self.strategic,
                config.rules.strategic_per_quarter,
                now.date(),
            )?;
        }
        for rung in &self.tried {
            form::mark_rung(added, id, *rung, "", now)?;
        }
        Ok(())
    }
}

/// What `lane add` says it added: a call with its triage, a repeating block
/// with its series.
fn added_message(added: &Data, kind: Kind, id: u32, rules: &Rules, now: NaiveDateTime) -> String {
    match added.decisions.iter().find(|d| d.id == id) {
        Some(d) if kind == Kind::Decision => {
            format!("added decision {id}\n{}", settle_hint(d, rules))
        }
        _ => match added.blocks.iter().find(|b| b.id == id) {
            Some(b) if kind == Kind::Block && b.series.is_some() => {
                super::series::said(added, id, now.date())
            }
            _ => format!("added {} {id}", kind.noun()),
        },
    }
}

/// The form's values for `kind`: its defaults (medium impact, today, deep…),
/// with the options given in their place.
fn given(kind: Kind, now: NaiveDateTime, pairs: Vec<(&str, Option<String>)>) -> Values {
    let defaults = form::initial_values(&Data::default(), kind, None, now.date());
    pairs
        .into_iter()
        .fold(defaults, |v, (key, value)| match value {
            Some(value) if !value.trim().is_empty() => v.with(key, value),
            _ => v,
        })
}

fn priority_values(p: AddPriority, now: NaiveDateTime) -> (Kind, Values, After) {
    let after = After {
        focus: p.focus,
        strategic: p.strategic,
        agreement: p.agreement,
        ..After::default()
    };
    let values = given(
        Kind::Priority,
        now,
        vec![
            ("title", Some(p.title)),
            ("outcome", p.outcome),
            ("measure", p.measure),
            ("due", p.due),
            ("impact", p.impact),
            ("urgency", p.urgency),
            ("progress", p.progress),
            ("private", p.private.then(|| "yes".to_string())),
        ],
    );
    (Kind::Priority, values, after)
}

fn block_values(b: AddBlock, now: NaiveDateTime) -> (Kind, Values, After) {
    let values = given(
        Kind::Block,
        now,
        vec![
            ("title", Some(b.title)),
            ("time", b.time),
            ("date", b.date),
            ("kind", b.kind),
            ("priority", b.priority.clone()),
            (
                "every",
                b.every.map(|e| match &b.until {
                    Some(u) => format!("{e} until {u}"),
                    None => e,
                }),
            ),
        ],
    );
    (Kind::Block, values, After::default())
}

fn blocker_values(b: AddBlocker, now: NaiveDateTime) -> (Kind, Values, After) {
    let after = After {
        tried: b.tried.iter().map(|r| r.rung()).collect(),
        ..After::default()
    };
    let values = given(
        Kind::Blocker,
        now,
        vec![
            ("title", Some(b.title)),
            ("waiting_on", b.waiting_on),
            ("priority", b.priority.clone()),
            ("links", Some(b.links.join(" "))),
        ],
    );
    (Kind::Blocker, values, after)
}

fn decision_values(d: AddDecision, now: NaiveDateTime) -> (Kind, Values, After) {
    let reversible = if d.irreversible { "no" } else { "yes" };
    let values = given(
        Kind::Decision,
        now,
        vec![
            ("situation", Some(d.situation)),
            ("call", d.call),
            ("rationale", d.rationale),
            ("reversible", Some(reversible.into())),
            ("risk", d.risk),
            ("cost", d.cost),
            ("topics", Some(d.topics.join(","))),
            ("options", Some(d.options.join(";"))),
            ("review_on", d.review_on),
        ],
    );
    (Kind::Decision, values, After::default())
}

/// The triage of a call just logged, and the command that settles it.
fn settle_hint(d: &Decision, rules: &Rules) -> String {
    let (b, id) = (&rules.boundaries, d.id);
    let t = triage(d, b);
    if is_pending(d, b) {
        format!(
            "triage: escalate — {}\n\
             pending until you settle it: `lane escalate decision {id} --to WHO`, \
             or `lane decide decision {id}` to decide it yourself against the triage",
            t.reasons.join("; ")
        )
    } else if report_after(d, b) {
        format!(
            "triage: decide — inside your boundaries\n\
             a low-risk call: report it after, then `lane reported decision {id}`"
        )
    } else {
        "triage: decide — inside your boundaries".to_string()
    }
}
