//! Configuration and keymap: defaults compiled in from `assets/`, user files in the
//! config dir override them.

use std::collections::BTreeMap;
use std::ops::{Range, RangeInclusive};
use std::path::{Path, PathBuf};

use chrono::NaiveTime;
use color_eyre::eyre::{Result, eyre};
use serde::Deserialize;
use toml::Spanned;

use crate::located::{located, located_at};
use crate::palette::{self as theme, Palette};
use lane_core::model::record::TrustRules;
use lane_core::model::rules::Rules;
use lane_core::model::triage::Boundaries;
use lane_core::model::{Level, WorkingHours};

pub const DEFAULT_CONFIG: &str = include_str!("../../../assets/config.toml");
pub const CONFIG_FILE: &str = "config.toml";

/// Where lane keeps data and config unless told otherwise.
pub fn default_dirs() -> Result<(PathBuf, PathBuf)> {
    let dirs = directories::ProjectDirs::from("", "", "lane")
        .ok_or_else(|| eyre!("cannot find your home directory; pass --dir DIR or set LANE_DIR"))?;
    Ok((
        dirs.data_dir().to_path_buf(),
        dirs.config_dir().to_path_buf(),
    ))
}

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub rules: Rules,
    /// Clicks and the wheel; off leaves the terminal's own selection alone.
    pub mouse: bool,
    pub palette: Palette,
    /// Minutes before a block's start that `lane remind` announces it.
    pub remind_before_minutes: i64,
    /// Run with each reminder as its last argument (`notify-send lane`).
    pub notify_command: Option<String>,
    /// How the open app tells the terminal a reminder came.
    pub notify: crate::notify::Notify,
    pub hooks: crate::hooks::Hooks,
    /// `[[calendars]]` and the window they are brought in for.
    pub calendars: crate::calendar::config::Calendars,
    /// `[[forges]]` that blockers' links are read from, and `auto_resolve`.
    pub forges: crate::links::config::Forges,
}

// Values are read with their place in the file, so a value out of its range is
// reported at `path:line:col` like a syntax error.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    working_hours: Option<BTreeMap<String, Spanned<String>>>,
    silence_days: Option<Spanned<u32>>,
    blocker_timebox_hours: Option<Spanned<f64>>,
    respond_within_hours: Option<Spanned<f64>>,
    deep_minutes_goal: Option<Spanned<i64>>,
    max_deep_run_minutes: Option<Spanned<i64>>,
    archive_after_days: Option<Spanned<i64>>,
    strategic_per_quarter: Option<Spanned<usize>>,
    checkpoint_days: Option<Spanned<u32>>,
    remind_before_minutes: Option<Spanned<i64>>,
    notify_command: Option<Spanned<String>>,
    notify: Option<Spanned<String>>,
    max_hours_day: Option<Spanned<f64>>,
    max_hours_week: Option<Spanned<f64>>,
    overtime_streak_days: Option<Spanned<u32>>,
    outside_hours_notice: Option<bool>,
    size_by_calibration: Option<bool>,
    mouse: Option<bool>,
    theme: Option<Spanned<String>>,
    colors: Option<BTreeMap<String, Spanned<String>>>,
    boundaries: Option<RawBoundaries>,
    hooks: Option<RawHooks>,
    track_record: Option<RawTrackRecord>,
    calendars: Option<Vec<crate::calendar::config::RawSource>>,
    calendar_days_back: Option<Spanned<u32>>,
    calendar_days_ahead: Option<Spanned<u32>>,
    calendar_timeout_seconds: Option<Spanned<u64>>,
    forges: Option<Vec<crate::links::config::RawForge>>,
    auto_resolve: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHooks {
    before_change: Option<Spanned<String>>,
    on_change: Option<Spanned<String>>,
    on_review: Option<Spanned<String>>,
    on_sync: Option<Spanned<String>>,
    timeout_seconds: Option<Spanned<u64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTrackRecord {
    min_calls: Option<Spanned<usize>>,
    top_share: Option<Spanned<u32>>,
    good_share: Option<Spanned<u32>>,
    min_yours: Option<Spanned<usize>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBoundaries {
    spend_limit: Option<Spanned<f64>>,
    escalate_topics: Option<Vec<String>>,
    escalate_irreversible_risk: Option<Spanned<String>>,
}

/// The ranges of the config's numbers. Each keeps the arithmetic done with it
/// (days back from today, working hours counted day by day) far from overflow
/// and from loops that would never end.
pub const SILENCE_DAYS: RangeInclusive<u32> = 0..=365;
pub const TIMEBOX_HOURS: RangeInclusive<f64> = 0.0..=1000.0;
pub const DEEP_MINUTES_GOAL: RangeInclusive<i64> = 0..=24 * 60;
/// 0 takes the cap off.
pub const MAX_DEEP_RUN_MINUTES: RangeInclusive<i64> = 0..=24 * 60;
pub const ARCHIVE_AFTER_DAYS: RangeInclusive<i64> = 1..=36_500;
pub const STRATEGIC_PER_QUARTER: RangeInclusive<usize> = 1..=20;
/// Working days ahead a milestone becomes a checkpoint (0: only on its day).
pub const CHECKPOINT_DAYS: RangeInclusive<u32> = 0..=20;
pub const REMIND_BEFORE_MINUTES: RangeInclusive<i64> = 0..=240;
pub const HOOK_TIMEOUT_SECONDS: RangeInclusive<u64> = 1..=60;
pub const MAX_HOURS_DAY: RangeInclusive<f64> = 1.0..=24.0;
pub const MAX_HOURS_WEEK: RangeInclusive<f64> = 1.0..=168.0;
pub const RESPOND_WITHIN_HOURS: RangeInclusive<f64> = 0.0..=1000.0;
pub const OVERTIME_STREAK_DAYS: RangeInclusive<u32> = 0..=90;
pub const SUGGEST_MIN: RangeInclusive<usize> = 0..=1000;
pub const SHARE: RangeInclusive<u32> = 0..=100;

const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

impl Config {
    /// The palette to draw with: `NO_COLOR` (https://no-color.org) wins over the config.
    pub fn palette(&self, no_color: bool) -> Palette {
        if no_color {
            Palette {
                color: false,
                ..self.palette
            }
        } else {
            self.palette
        }
    }

    /// Defaults, then `config.toml` from `dir` if it exists.
    pub fn load(dir: &Path) -> Result<Config> {
        let mut config = Config::shipped()?;
        let path = dir.join(CONFIG_FILE);
        if let Some(text) = read_optional(&path)? {
            config = Config::parse(&text, &path, Some(config))?;
        }
        Ok(config)
    }

    /// The shipped defaults: what `assets/config.toml` (the file `lane
    /// config` shows) says, which a test holds equal to the built-in values —
    /// so no run pays for parsing it.
    fn shipped() -> Result<Config> {
        Ok(Config::built_in())
    }

    /// The values lane has when no file says otherwise.
    fn built_in() -> Config {
        Config {
            rules: Rules::default(),
            mouse: true,
            palette: theme::DARK,
            remind_before_minutes: 2,
            notify_command: None,
            notify: crate::notify::Notify::default(),
            hooks: crate::hooks::Hooks {
                timeout: std::time::Duration::from_secs(5),
                ..Default::default()
            },
            calendars: Default::default(),
            forges: Default::default(),
        }
    }

    fn parse(text: &str, path: &Path, base: Option<Config>) -> Result<Config> {
        // A top-level key written after a table header lands in that table; say so
        // rather than what the table thinks of it.
        Config::parse_raw(text, path, base).map_err(|e| misplaced_key(text, path).unwrap_or(e))
    }

    /// Reads `text` over `base` (the built-in values when none), section by
    /// section; the first value refused is the error, at its place.
    fn parse_raw(text: &str, path: &Path, base: Option<Config>) -> Result<Config> {
        let mut raw: RawConfig = toml::from_str(text).map_err(|e| located(path, text, &e))?;
        // A value lane refuses, at its place in the file.
        let at = |span: Range<usize>, reason: String| located_at(path, text, span.start, &reason);
        let mut config = base.unwrap_or_else(Config::built_in);
        // Read in this order, so that of several problems the same one is
        // reported first.
        read_calendars(&mut config.calendars, &mut raw, &at)?;
        if let Some(list) = raw.forges.take() {
            config.forges.list = crate::links::config::forges(list, &at)?;
        }
        if let Some(on) = raw.auto_resolve.take() {
            config.forges.auto_resolve = on;
        }
        if let Some(h) = raw.hooks.take() {
            read_hooks(&mut config.hooks, h, &at)?;
        }
        read_reminders(&mut config, &mut raw, &at)?;
        read_looks(&mut config, &mut raw, &at)?;
        read_rules(&mut config.rules, &mut raw, &at)?;
        if let Some(t) = raw.track_record.take() {
            read_track_record(&mut config.rules.trust, t, &at)?;
        }
        if let Some(h) = raw.blocker_timebox_hours.take() {
            // Zero would make every blocker stuck the moment it is opened.
            if *h.get_ref() == 0.0 {
                return Err(at(
                    h.span(),
                    "blocker_timebox_hours must be more than 0".into(),
                ));
            }
            config.rules.blocker_timebox_hours =
                within(h, "blocker_timebox_hours", TIMEBOX_HOURS, at)?;
        }
        if let Some(b) = raw.boundaries.take() {
            read_boundaries(&mut config.rules.boundaries, b, &at)?;
        }
        if let Some(days) = raw.working_hours.take() {
            config.rules.hours = read_working_hours(days, &at)?;
        }
        Ok(config)
    }
}

/// `[[calendars]]` and the window they are brought in for.
fn read_calendars(
    cal: &mut crate::calendar::config::Calendars,
    raw: &mut RawConfig,
    at: &impl Fn(Range<usize>, String) -> color_eyre::Report,
) -> Result<()> {
    use crate::calendar::config::{DAYS_AHEAD, DAYS_BACK, TIMEOUT_SECONDS};
    if let Some(list) = raw.calendars.take() {
        cal.sources = crate::calendar::config::sources(list, at)?;
    }
    if let Some(d) = raw.calendar_days_back.take() {
        cal.days_back = within(d, "calendar_days_back", DAYS_BACK, at)?;
    }
    if let Some(d) = raw.calendar_days_ahead.take() {
        cal.days_ahead = within(d, "calendar_days_ahead", DAYS_AHEAD, at)?;
    }
    if let Some(t) = raw.calendar_timeout_seconds.take() {
        cal.timeout_seconds = within(t, "calendar_timeout_seconds", TIMEOUT_SECONDS, at)?;
    }
    Ok(())
}

/// `[hooks]`: each command on one line (an empty one is none), and how long
/// one may run.
fn read_hooks(
    hooks: &mut crate::hooks::Hooks,
    h: RawHooks,
    at: &impl Fn(Range<usize>, String) -> color_eyre::Report,
) -> Result<()> {
    let command = |c: Option<Spanned<String>>, key: &str| -> Result<Option<String>> {
        let Some(c) = c else { return Ok(None) };
        lane_core::model::text::one_line(&format!("[hooks] {key}"), c.get_ref())
            .map_err(|e| at(c.span(), e))?;
        let c = c.into_inner();
        Ok((!c.trim().is_empty()).then_some(c))
    };
    hooks.before_change = command(h.before_change, "before_change")?;
    hooks.on_change = command(h.on_change, "on_change")?;
    hooks.on_review = command(h.on_review, "on_review")?;
    hooks.on_sync = command(h.on_sync, "on_sync")?;
    if let Some(t) = h.timeout_seconds {
        hooks.timeout = std::time::Duration::from_secs(within(
            t,
            "[hooks] timeout_seconds",
            HOOK_TIMEOUT_SECONDS,
            at,
        )?);
    }
    Ok(())
}

/// How reminders come: how early, the command run with each, and how the open
/// app tells the terminal.
fn read_reminders(
    config: &mut Config,
    raw: &mut RawConfig,
    at: &impl Fn(Range<usize>, String) -> color_eyre::Report,
) -> Result<()> {
    if let Some(m) = raw.remind_before_minutes.take() {
        config.remind_before_minutes =
            within(m, "remind_before_minutes", REMIND_BEFORE_MINUTES, at)?;
    }
    if let Some(cmd) = raw.notify_command.take() {
        lane_core::model::text::one_line("notify_command", cmd.get_ref())
            .map_err(|e| at(cmd.span(), e))?;
        let cmd = cmd.into_inner();
        config.notify_command = (!cmd.trim().is_empty()).then_some(cmd);
    }
    if let Some(n) = &raw.notify {
        config.notify = crate::notify::Notify::parse(n.get_ref()).ok_or_else(|| {
            at(
                n.span(),
                format!(
                    "notify `{}` is not one of osc9, osc777, bell, off",
                    lane_core::model::text::visible(n.get_ref())
                ),
            )
        })?;
    }
    Ok(())
}

/// How the app looks and takes input: the theme, `[colors]` over it, the mouse.
fn read_looks(
    config: &mut Config,
    raw: &mut RawConfig,
    at: &impl Fn(Range<usize>, String) -> color_eyre::Report,
) -> Result<()> {
    if let Some(name) = &raw.theme {
        config.palette = theme::named(name.get_ref()).ok_or_else(|| {
            at(
                name.span(),
                format!(
                    "theme `{}` is not one of dark, light, high-contrast, mono",
                    name.get_ref()
                ),
            )
        })?;
    }
    for (key, value) in raw.colors.iter().flatten() {
        theme::set_color(&mut config.palette, key, value.get_ref())
            .map_err(|e| at(value.span(), format!("[colors] {key}: {e}")))?;
    }
    if let Some(mouse) = raw.mouse {
        config.mouse = mouse;
    }
    Ok(())
}

/// The top-level rules: silence, deep work, archiving, steering, and the caps
/// on working time.
fn read_rules(
    rules: &mut Rules,
    raw: &mut RawConfig,
    at: &impl Fn(Range<usize>, String) -> color_eyre::Report,
) -> Result<()> {
    if let Some(days) = raw.silence_days.take() {
        rules.silence_days = within(days, "silence_days", SILENCE_DAYS, at)?;
    }
    if let Some(goal) = raw.deep_minutes_goal.take() {
        rules.deep_minutes_goal = within(goal, "deep_minutes_goal", DEEP_MINUTES_GOAL, at)?;
    }
    if let Some(run) = raw.max_deep_run_minutes.take() {
        rules.max_deep_run_minutes = within(run, "max_deep_run_minutes", MAX_DEEP_RUN_MINUTES, at)?;
    }
    if let Some(days) = raw.archive_after_days.take() {
        rules.archive_after_days = within(days, "archive_after_days", ARCHIVE_AFTER_DAYS, at)?;
    }
    if let Some(n) = raw.strategic_per_quarter.take() {
        rules.strategic_per_quarter =
            within(n, "strategic_per_quarter", STRATEGIC_PER_QUARTER, at)?;
    }
    if let Some(n) = raw.checkpoint_days.take() {
        rules.checkpoint_days = within(n, "checkpoint_days", CHECKPOINT_DAYS, at)?;
    }
    if let Some(h) = raw.max_hours_day.take() {
        let h = within(h, "max_hours_day", MAX_HOURS_DAY, at)?;
        rules.caps.max_minutes_day = Some((h * 60.0).round() as i64);
    }
    if let Some(h) = raw.max_hours_week.take() {
        let h = within(h, "max_hours_week", MAX_HOURS_WEEK, at)?;
        rules.caps.max_minutes_week = (h * 60.0).round() as i64;
    }
    if let Some(n) = raw.overtime_streak_days.take() {
        rules.caps.streak_days = within(n, "overtime_streak_days", OVERTIME_STREAK_DAYS, at)?;
    }
    if let Some(h) = raw.respond_within_hours.take() {
        rules.respond_within_hours = within(h, "respond_within_hours", RESPOND_WITHIN_HOURS, at)?;
    }
    if let Some(on) = raw.outside_hours_notice {
        rules.caps.outside_hours_notice = on;
    }
    if let Some(on) = raw.size_by_calibration {
        rules.size_by_calibration = on;
    }
    Ok(())
}

/// `[track_record]`: when the record suggests a wider lane.
fn read_track_record(
    trust: &mut TrustRules,
    t: RawTrackRecord,
    at: &impl Fn(Range<usize>, String) -> color_eyre::Report,
) -> Result<()> {
    let key = |k: &str| format!("[track_record] {k}");
    if let Some(n) = t.min_calls {
        trust.min_calls = within(n, &key("min_calls"), SUGGEST_MIN, at)?;
    }
    if let Some(n) = t.top_share {
        trust.top_share = within(n, &key("top_share"), SHARE, at)?;
    }
    if let Some(n) = t.good_share {
        trust.good_share = within(n, &key("good_share"), SHARE, at)?;
    }
    if let Some(n) = t.min_yours {
        trust.min_yours = within(n, &key("min_yours"), SUGGEST_MIN, at)?;
    }
    Ok(())
}

/// `[boundaries]`: what a call must be sent up for.
fn read_boundaries(
    rules: &mut Boundaries,
    b: RawBoundaries,
    at: &impl Fn(Range<usize>, String) -> color_eyre::Report,
) -> Result<()> {
    if let Some(limit) = b.spend_limit {
        if !(*limit.get_ref() >= 0.0 && limit.get_ref().is_finite()) {
            return Err(at(
                limit.span(),
                "[boundaries] spend_limit must be 0 or more".into(),
            ));
        }
        rules.spend_limit = limit.into_inner();
    }
    if let Some(topics) = b.escalate_topics {
        rules.escalate_topics = topics;
    }
    if let Some(risk) = b.escalate_irreversible_risk {
        rules.irreversible_risk = match risk.get_ref().trim() {
            "none" | "" => None,
            other => Some(Level::parse(other).map_err(|e| {
                at(
                    risk.span(),
                    format!("[boundaries] escalate_irreversible_risk: {e}, or none"),
                )
            })?),
        };
    }
    Ok(())
}

/// `[working_hours]`: a span per weekday; a day not given has none.
fn read_working_hours(
    days: BTreeMap<String, Spanned<String>>,
    at: &impl Fn(Range<usize>, String) -> color_eyre::Report,
) -> Result<WorkingHours> {
    let mut hours = [None; 7];
    for (day, span) in days {
        let Some(i) = WEEKDAYS.iter().position(|d| *d == day) else {
            return Err(at(
                span.span(),
                format!(
                    "[working_hours] has `{day}`; days are {}",
                    WEEKDAYS.join(", ")
                ),
            ));
        };
        hours[i] = parse_hours(span.get_ref())
            .map_err(|e| at(span.span(), format!("[working_hours] {day}: {e}")))?;
    }
    Ok(WorkingHours::new(hours))
}

/// The value when it is in `range`; else why not, at its place (`at`).
fn within<T: PartialOrd + std::fmt::Display + std::fmt::Debug>(
    value: Spanned<T>,
    key: &str,
    range: RangeInclusive<T>,
    at: impl Fn(std::ops::Range<usize>, String) -> color_eyre::Report,
) -> Result<T> {
    if range.contains(value.get_ref()) {
        return Ok(value.into_inner());
    }
    // Debug: 1e300 as written, not three hundred digits.
    let reason = format!(
        "{key} is {:?}; it must be from {} to {}",
        value.get_ref(),
        range.start(),
        range.end()
    );
    Err(at(value.span(), reason))
}

/// The keys of config.toml that belong before the first table.
const TOP_LEVEL: [&str; 21] = [
    "size_by_calibration",
    "silence_days",
    "calendar_days_back",
    "calendar_days_ahead",
    "calendar_timeout_seconds",
    "auto_resolve",
    "max_hours_day",
    "max_hours_week",
    "overtime_streak_days",
    "outside_hours_notice",
    "respond_within_hours",
    "remind_before_minutes",
    "notify_command",
    "strategic_per_quarter",
    "checkpoint_days",
    "blocker_timebox_hours",
    "deep_minutes_goal",
    "max_deep_run_minutes",
    "archive_after_days",
    "theme",
    "mouse",
];

/// The first top-level key written inside a table, as an error at its place.
fn misplaced_key(text: &str, path: &Path) -> Option<color_eyre::Report> {
    let mut table = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let code = line.split('#').next().unwrap_or_default().trim();
        if code.starts_with('[') {
            table = Some(
                code.trim_matches(|c| c == '[' || c == ']')
                    .trim()
                    .to_string(),
            );
            continue;
        }
        let Some((key, _)) = code.split_once('=') else {
            continue;
        };
        let key = key.trim().trim_matches('"');
        if let Some(table) = &table
            && TOP_LEVEL.contains(&key)
        {
            let at = start + line.len() - line.trim_start().len();
            return Some(located_at(
                path,
                text,
                at,
                &format!("`{key}` is inside [{table}]: top-level keys go before the first table"),
            ));
        }
    }
    None
}

fn parse_hours(span: &str) -> Result<Option<(NaiveTime, NaiveTime)>, String> {
    if span.trim().is_empty() {
        return Ok(None);
    }
    let (a, b) = span
        .split_once('-')
        .ok_or_else(|| format!("`{span}`: write hours as 09:00-17:30"))?;
    let start = lane_core::model::parse::parse_time(a)?;
    let end = lane_core::model::parse::parse_time(b)?;
    if end <= start {
        return Err(format!("`{span}`: the end must be after the start"));
    }
    Ok(Some((start, end)))
}

/// Read like every file lane reads: only a regular file of sane size.
fn read_optional(path: &Path) -> Result<Option<String>> {
    crate::store::read_text(path)
}

#[cfg(test)]
mod tests;

/// Loads `text` as config.toml in a scratch dir, for the tests of each part of
/// the config; the error as it prints, from the file name on.
#[cfg(test)]
pub(crate) fn load_text(text: &str) -> Result<Config, String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    std::fs::write(dir.path().join(CONFIG_FILE), text).map_err(|e| e.to_string())?;
    Config::load(dir.path()).map_err(|e| {
        let e = format!("{e:#}");
        e[e.find(CONFIG_FILE).unwrap_or(0)..].to_string()
    })
}
