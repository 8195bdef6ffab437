//! `lane status`: one line for a status bar (tmux, waybar, polybar, starship).

use std::path::Path;
use std::process::ExitCode;

use color_eyre::eyre::{Result, WrapErr};

use lane_core::model::status::{Status, status};
use lane_io::config::Config;

#[derive(clap::ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// `▶ billing spec 23m left · 2 stuck`
    #[default]
    Plain,
    /// Every figure, for scripts
    Json,
    /// waybar's custom module: text, tooltip, class, percentage
    Waybar,
    /// For tmux's status-right, with colours
    Tmux,
}

pub(super) fn run(data_dir: &Path, config_dir: &Path, format: Format) -> Result<ExitCode> {
    let config = Config::load(config_dir)?;
    let now = lane_io::clock::local_now();
    let data = lane_io::store::status_data(data_dir, now.date())?;
    let s = status(&data, &config.rules, now);
    let text = match format {
        Format::Plain => line(&s, |a| a.to_string()),
        Format::Tmux => tmux(&s),
        Format::Json => {
            let mut v = serde_json::to_value(&s).wrap_err("cannot write JSON")?;
            v["text"] = line(&s, |a| a.to_string()).into();
            lane_io::say::json(&v).wrap_err("cannot write JSON")?
        }
        Format::Waybar => waybar(&s)?,
    };
    lane_io::say::line(&text);
    Ok(ExitCode::SUCCESS)
}

/// `1h05`, `25m`.
fn span(minutes: i64) -> String {
    let m = minutes.abs();
    if m >= 60 {
        format!("{}h{:02}", m / 60, m % 60)
    } else {
        format!("{m}m")
    }
}

/// What is on now, or next.
fn now_part(s: &Status) -> String {
    if let (None, Some(u)) = (&s.running, &s.under_way) {
        return format!("◇ {} {} left, not started", u.title, span(u.minutes));
    }
    match (&s.running, &s.next) {
        (Some(r), _) if r.minutes >= 0 => format!("▶ {} {} left", r.title, span(r.minutes)),
        (Some(r), _) => format!("▶ {} {} over", r.title, span(r.minutes)),
        (None, Some(n)) => format!("next {} {} (in {})", n.start, n.title, span(n.minutes)),
        (None, None) => "no more blocks today".to_string(),
    }
}

/// The line, with each attention note passed through `mark` (colour for tmux).
fn line(s: &Status, mark: impl Fn(&str) -> String) -> String {
    let mut parts = vec![now_part(s)];
    parts.extend(s.attention().iter().map(|a| mark(a)));
    parts.join(" · ")
}

fn tmux(s: &Status) -> String {
    // `#` starts a tmux format: titles keep theirs doubled.
    let text = line(s, |a| format!("#[fg=red]{a}#[default]"));
    let title = |t: &str| t.replace('#', "##");
    match (&s.running, &s.under_way, &s.next) {
        (Some(b), _, _) | (None, Some(b), _) | (None, None, Some(b)) => {
            text.replacen(&b.title, &title(&b.title), 1)
        }
        _ => text,
    }
}

/// Text as Pango markup shows it as itself: waybar reads `text` and `tooltip`
/// as markup, and a raw `&` or `<` in a title blanks the whole module.
fn pango(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn waybar(s: &Status) -> Result<String> {
    let mut tooltip = vec![now_part(s)];
    tooltip.extend(s.attention());
    let mut class = vec![match (&s.running, &s.under_way, &s.next) {
        (Some(_), _, _) => "running",
        (None, Some(_), _) => "not-started",
        (None, None, Some(_)) => "next",
        _ => "idle",
    }];
    if !s.attention().is_empty() {
        class.push("attention");
    }
    let v = serde_json::json!({
        "text": pango(&line(s, |a| a.to_string())),
        "tooltip": pango(&tooltip.join("\n")),
        "class": class,
        "percentage": s.running.as_ref().map_or(0, |r| r.percent),
    });
    // waybar reads one JSON object per line.
    serde_json::to_string(&v)
        .map(|j| lane_core::model::text::json_safe(&j))
        .wrap_err("cannot write JSON")
}
