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

pub(super) fn run(
    data_dir: &Path,
    config_dir: &Path,
    format: Format,
    max_width: Option<usize>,
) -> Result<ExitCode> {
    let config = Config::load(config_dir)?;
    let now = lane_io::clock::local_now();
    let data = lane_io::store::status_data(data_dir, config_dir, &config.calendars, now)?;
    let s = status(&data, &config.rules, now);
    let parts = Parts::of(&s, max_width.unwrap_or(usize::MAX));
    let text = match format {
        Format::Plain => parts.line(|a| a.to_string()),
        Format::Tmux => tmux(&s, &parts),
        Format::Json => {
            let mut v = serde_json::to_value(&s).wrap_err("cannot write JSON")?;
            v["text"] = parts.line(|a| a.to_string()).into();
            lane_io::say::json(&v).wrap_err("cannot write JSON")?
        }
        Format::Waybar => waybar(&s, &parts)?,
    };
    match format {
        Format::Plain | Format::Tmux => lane_io::say::row(&text),
        Format::Json | Format::Waybar => lane_io::say::line(&text),
    }
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

/// The block the line is about: running, under way, or next.
fn block_title(s: &Status) -> Option<&str> {
    match (&s.running, &s.under_way, &s.next) {
        (Some(b), _, _) | (None, Some(b), _) | (None, None, Some(b)) => Some(&b.title),
        _ => None,
    }
}

/// What is on now, or next, with the block's title as `title`.
fn now_part(s: &Status, title: &str) -> String {
    if let (None, Some(u)) = (&s.running, &s.under_way) {
        return format!("◇ {title} {} left, not started", span(u.minutes));
    }
    match (&s.running, &s.next) {
        (Some(r), _) if r.minutes >= 0 => format!("▶ {title} {} left", span(r.minutes)),
        (Some(r), _) => format!("▶ {title} {} over", span(r.minutes)),
        (None, Some(n)) => format!("next {} {title} (in {})", n.start, span(n.minutes)),
        (None, None) => "no more blocks today".to_string(),
    }
}

fn width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

/// The first columns of `text` that fit in `room`, with `…` when cut.
fn cut(text: &str, room: usize) -> String {
    if width(text) <= room {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if width(&out) + unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) + 1 > room {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// The line's parts, fitted to a width: what is on (its title as shown), then
/// the notes that need attention, most pressing first.
struct Parts {
    /// The block's title as shown (shortened to fit), when there is a block.
    title: Option<String>,
    now: Option<String>,
    attention: Vec<String>,
}

impl Parts {
    /// Fits in `max` columns, giving up the least important first: the block's
    /// title shortened (to three letters), then what is on, then the notes
    /// from the last; what is left is cut.
    fn of(s: &Status, max: usize) -> Parts {
        let title = block_title(s).map(str::to_string);
        let mut parts = Parts {
            now: Some(now_part(s, title.as_deref().unwrap_or_default())),
            title,
            attention: s.attention(),
        };
        if let Some(full) = parts.title.clone() {
            let over = parts.width().saturating_sub(max);
            if over > 0 {
                let room = width(&full).saturating_sub(over).max(4);
                let short = cut(&full, room);
                parts.now = Some(now_part(s, &short));
                parts.title = Some(short);
            }
        }
        if parts.width() > max && !parts.attention.is_empty() {
            parts.now = None;
        }
        while parts.width() > max && parts.attention.len() > 1 {
            parts.attention.pop();
        }
        if parts.width() > max {
            let only = parts.line(|a| a.to_string());
            parts = Parts {
                title: None,
                now: Some(cut(&only, max)),
                attention: Vec::new(),
            };
        }
        parts
    }

    fn width(&self) -> usize {
        width(&self.line(|a| a.to_string()))
    }

    /// The line, with each attention note passed through `mark` (colour for tmux).
    fn line(&self, mark: impl Fn(&str) -> String) -> String {
        let notes = self.attention.iter().map(|a| mark(a));
        self.now
            .iter()
            .cloned()
            .chain(notes)
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

fn tmux(s: &Status, parts: &Parts) -> String {
    // `#` starts a tmux format: titles keep theirs doubled.
    let text = parts.line(|a| format!("#[fg=red]{a}#[default]"));
    match (block_title(s), &parts.title, &parts.now) {
        (Some(_), Some(t), Some(_)) => text.replacen(t.as_str(), &t.replace('#', "##"), 1),
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

fn waybar(s: &Status, parts: &Parts) -> Result<String> {
    let mut tooltip = vec![now_part(s, block_title(s).unwrap_or_default())];
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
        "text": pango(&parts.line(|a| a.to_string())),
        "tooltip": pango(&tooltip.join("\n")),
        "class": class,
        "percentage": s.running.as_ref().map_or(0, |r| r.percent),
    });
    // waybar reads one JSON object per line.
    serde_json::to_string(&v)
        .map(|j| lane_core::model::text::json_safe(&j))
        .wrap_err("cannot write JSON")
}
