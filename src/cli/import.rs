//! `lane import`: tasks from Taskwarrior, what `lane export json` wrote, and
//! one calendar file brought in as meetings (`lane import ics FILE`, by the same
//! operation a subscription's refresh uses).

use std::path::Path;
use std::process::ExitCode;

use color_eyre::eyre::Result;

use super::{ImportCommand, usage_error, write, write_seeing_archive};
use lane_core::model::BlockKind;
use lane_core::model::text::visible;
use lane_io::calendar::sources::Refreshed;
use lane_io::config::Config;

/// Runs `lane import taskwarrior|json|ics FILE`.
pub(super) fn run(data_dir: &Path, config_dir: &Path, what: ImportCommand) -> Result<ExitCode> {
    let (file, taskwarrior) = match what {
        ImportCommand::Taskwarrior { file } => (file, true),
        ImportCommand::Json { file } => (file, false),
        ImportCommand::Ics { file, name, kind } => {
            return import_ics(data_dir, config_dir, &file, name, kind);
        }
    };
    let text = match read_input(&file, lane_io::store::read_text) {
        Ok(text) => text,
        Err(code) => return Ok(code),
    };
    // What moved to the archive counts as already here.
    write_seeing_archive(data_dir, config_dir, true, |data, archived, _| {
        let done = if taskwarrior {
            let mut uid = || lane_io::clock::new_uid();
            lane_core::transfer::import_taskwarrior(data, &text, archived, &mut uid, &chrono::Local)
        } else {
            lane_core::transfer::import_json(data, &text, archived)
        }
        .map_err(|e| format!("{}: {e}", file.display()))?;
        Ok(done.summary())
    })
}

/// The text of a file to import. One that is not there (or not a file to read)
/// is a usage error, like any bad argument: exit 2 with why.
pub fn read_input<T>(
    file: &Path,
    read: impl Fn(&Path) -> Result<Option<T>>,
) -> Result<T, ExitCode> {
    match read(file) {
        Ok(Some(text)) => Ok(text),
        Ok(None) => Err(usage_error(format!(
            "cannot read {}: No such file or directory",
            file.display()
        ))),
        Err(e) => Err(usage_error(format!("{e:#}"))),
    }
}

/// The name an imported file's meetings go under: `--name`, or the file's
/// name — unless an earlier import kept the same events under another (the
/// same file saved again as `basic (1).ics`), which is then the name, and is
/// returned a second time to be said.
fn import_name(
    data_dir: &Path,
    config: &Config,
    file: &Path,
    name: Option<String>,
    parsed: &lane_io::calendar::ics::Parsed,
) -> Result<(String, Option<String>), String> {
    let named = name.is_some();
    let name = match name {
        Some(n) => n.trim().to_string(),
        None => file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
    };
    lane_io::calendar::config::check_name("the calendar's name (--name)", &name)?;
    if config.calendars.sources.iter().any(|s| s.name == name) {
        return Err(format!(
            "a calendar named “{}” is in your config; import the file under another name (--name)",
            visible(&name)
        ));
    }
    match lane_io::calendar::copies::same_calendar(data_dir, parsed) {
        Some(earlier) if !named && earlier != name => Ok((earlier.clone(), Some(earlier))),
        _ => Ok((name, None)),
    }
}

pub fn import_ics(
    data_dir: &Path,
    config_dir: &Path,
    file: &Path,
    name: Option<String>,
    kind: Option<String>,
) -> Result<ExitCode> {
    let kind = match kind.as_deref().map(BlockKind::parse).transpose() {
        Ok(k) => k.unwrap_or(BlockKind::Meeting),
        Err(e) => return Ok(usage_error(format!("--kind: {e}"))),
    };
    let text = match read_input(file, lane_io::store::read_file) {
        Ok(bytes) => lane_io::calendar::ics::decode(&bytes),
        Err(code) => return Ok(code),
    };
    let parsed = match lane_io::calendar::ics::parse(&text) {
        Ok(p) => p,
        Err(e) => return Ok(usage_error(format!("{}: {e}", file.display()))),
    };
    let config = Config::load(config_dir)?;
    let (name, same) = match import_name(data_dir, &config, file, name, &parsed) {
        Ok(named) => named,
        Err(e) => return Ok(usage_error(e)),
    };
    // What was kept of the calendar before, to put back if the change is
    // refused or cannot be saved: its meetings would show otherwise.
    let kept = lane_io::calendar::cache::Kept::of(data_dir, &name);
    let earlier = kept.copy().ok().flatten();
    let done = write(data_dir, config_dir, |data, now| {
        // Its meetings are computed from the copy kept (they travel with a
        // sync); lane.toml keeps only what you do with them. Kept here, after
        // the data was read with the copies there were, so what it brings is
        // counted.
        lane_io::calendar::copies::keep_import(data_dir, &name, kind, &text)
            .map_err(|e| format!("cannot keep a copy of {}: {e:#}", file.display()))?;
        let window = config.calendars.window(now.date());
        let expanded = lane_io::calendar::expand::expand(&parsed, &chrono::Local, window);
        let said = Said::of(&expanded, window, same.as_deref());
        // All-day events: banners over their days, as a configured calendar's.
        let all_day: Vec<(chrono::NaiveDate, String)> = expanded
            .banners
            .iter()
            .map(|b| (b.date, b.title.clone()))
            .collect();
        lane_core::model::calendar::banners::keep(data, &name, window, &all_day);
        let refreshed = Refreshed {
            name: name.clone(),
            kind,
            window,
            expanded: Some(expanded),
            error: None,
        };
        let applied = lane_io::calendar::bring_in(data, &[refreshed], now);
        let summary = applied
            .first()
            .map(|(n, a)| a.summary(&visible(n)))
            .unwrap_or_default();
        Ok(said.after(summary))
    });
    if !matches!(done, Ok(code) if code == ExitCode::SUCCESS) {
        match &earlier {
            Some(copy) => {
                let _ = lane_io::store::write_private(&kept.copy_path(), copy.as_bytes());
            }
            None => kept.forget_all(),
        }
    }
    done
}

/// What `lane import ics` says besides what changed: the calendar it was
/// imported as before, the all-day events, the window, what was skipped and
/// read with a guess.
struct Said {
    lines: String,
    head: String,
}

impl Said {
    fn of(
        expanded: &lane_io::calendar::expand::Expanded,
        window: (chrono::NaiveDate, chrono::NaiveDate),
        same: Option<&str>,
    ) -> Said {
        let mut head = String::new();
        if let Some(earlier) = same {
            head.push_str(&format!(
                " — the calendar imported before as “{}”, updated (--name imports it as another)",
                visible(earlier)
            ));
        }
        if !expanded.banners.is_empty() {
            head.push_str(&format!(
                "; {} shown as banners over their days",
                lane_core::model::text::count(
                    expanded.banners.len(),
                    "all-day event",
                    "all-day events"
                )
            ));
        }
        head.push_str(&format!(
            " (events from {} to {})",
            window.0.format("%Y-%m-%d"),
            window.1.format("%Y-%m-%d")
        ));
        let skipped = &expanded.skipped;
        let mut lines = String::new();
        for why in skipped.iter().take(super::calendar::SKIPPED_SHOWN) {
            lines.push_str(&format!("\nskipped {}", visible(why)));
        }
        if skipped.len() > super::calendar::SKIPPED_SHOWN {
            let more = skipped.len() - super::calendar::SKIPPED_SHOWN;
            lines.push_str(&format!("\nskipped … and {more} more"));
        }
        for note in &expanded.notes {
            lines.push_str(&format!("\nnote: {}", visible(note)));
        }
        Said { lines, head }
    }

    fn after(self, summary: String) -> String {
        format!("{summary}{}{}", self.head, self.lines)
    }
}
