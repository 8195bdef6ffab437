//! `[[calendars]]` in config.toml: each source with its name, where it is read
//! from, the kind of block its events become and how often it is fetched; and the
//! window of days brought in.

use std::ops::RangeInclusive;

use serde::Deserialize;
use toml::Spanned;

use lane_core::model::BlockKind;

pub const DAYS_BACK: RangeInclusive<u32> = 0..=366;
pub const DAYS_AHEAD: RangeInclusive<u32> = 1..=3660;
pub const TIMEOUT_SECONDS: RangeInclusive<u64> = 1..=120;
pub const REFRESH_MINUTES: RangeInclusive<u32> = 1..=10_080;
/// A calendar's name is shown beside each of its meetings: a word or two.
pub const MAX_NAME: usize = 64;

/// One calendar lane brings in.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub name: String,
    /// A file path, or an `http(s)://` URL (`webcal://` is read as https).
    pub source: String,
    pub kind: BlockKind,
    pub refresh_minutes: u32,
}

impl Source {
    pub fn is_url(&self) -> bool {
        url_of(&self.source).is_some()
    }
}

/// The URL to fetch, when a source is one.
pub fn url_of(source: &str) -> Option<String> {
    let lower = source.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        Some(source.to_string())
    } else {
        lower
            .starts_with("webcal://")
            .then(|| format!("https://{}", &source["webcal://".len()..]))
    }
}

/// A port written after the host that is no port (`:99999`, `:0`): the parser
/// leaves such a port out rather than refuse it.
fn bad_port(u: &ureq::http::Uri) -> bool {
    let Some(authority) = u.authority() else {
        return false;
    };
    // After any `user:password@`.
    let host_port = authority.as_str().rsplit('@').next().unwrap_or_default();
    match host_port.rsplit_once(':') {
        Some((_, p)) if !p.contains(']') && !p.is_empty() => {
            p.parse::<u16>().map_or(true, |n| n == 0)
        }
        _ => false,
    }
}

/// Every calendar and the settings they share.
#[derive(Debug, Clone, PartialEq)]
pub struct Calendars {
    pub sources: Vec<Source>,
    /// Days before today and after it that events are brought in for.
    pub days_back: u32,
    pub days_ahead: u32,
    /// How long a fetch may take before it counts as failed.
    pub timeout_seconds: u64,
}

impl Default for Calendars {
    fn default() -> Self {
        Calendars {
            sources: Vec::new(),
            days_back: 7,
            days_ahead: 60,
            timeout_seconds: 10,
        }
    }
}

impl Calendars {
    /// The days brought in, seen from `today`: from `days_back` before it, and
    /// never later than last week's Monday (the days of series start there
    /// too, so the week's meetings stay while the week lasts and the ids lane
    /// gives them stay put).
    pub fn window(&self, today: chrono::NaiveDate) -> (chrono::NaiveDate, chrono::NaiveDate) {
        use lane_core::model::limits::shift_days;
        (
            shift_days(today, -i64::from(self.days_back))
                .min(lane_core::model::series::look_back(today)),
            shift_days(today, i64::from(self.days_ahead)),
        )
    }
}

impl Calendars {
    /// The same calendars read over a window that also holds the week of
    /// `looked_at` (a week paged to, a report's period): the copy holds the
    /// whole calendar, so past meetings are computed again, not lost.
    pub fn reaching(&self, today: chrono::NaiveDate, looked_at: chrono::NaiveDate) -> Calendars {
        let (from, until) = self.window(today);
        let week = lane_core::model::day::week_start(looked_at);
        let week_end = lane_core::model::limits::shift_days(week, 6);
        let days = |a: chrono::NaiveDate, b: chrono::NaiveDate| {
            u32::try_from((b - a).num_days()).unwrap_or(u32::MAX)
        };
        let mut wider = self.clone();
        if week < from {
            wider.days_back = days(week, today);
        }
        if week_end > until {
            wider.days_ahead = days(today, week_end);
        }
        wider
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    name: Spanned<String>,
    source: Spanned<String>,
    kind: Option<Spanned<String>>,
    refresh_minutes: Option<Spanned<u32>>,
}

/// What a calendar's name may be: one line, not empty, a word or two. The
/// config and `lane import ics --name` hold names to the same rule.
pub fn check_name(label: &str, name: &str) -> Result<(), String> {
    lane_core::model::text::one_line(label, name)?;
    if name.trim().is_empty() {
        return Err(format!("{label} cannot be empty"));
    }
    if name.chars().count() > MAX_NAME {
        return Err(format!("{label} is longer than {MAX_NAME} characters"));
    }
    Ok(())
}

/// Checks each `[[calendars]]` entry; a refusal names its place in the file.
pub fn sources(
    raw: Vec<RawSource>,
    at: &impl Fn(std::ops::Range<usize>, String) -> color_eyre::Report,
) -> color_eyre::Result<Vec<Source>> {
    let mut out: Vec<Source> = Vec::new();
    for r in raw {
        let name = r.name.get_ref().trim().to_string();
        let text = |label: &str, v: &Spanned<String>| {
            lane_core::model::text::one_line(label, v.get_ref()).map_err(|e| at(v.span(), e))?;
            if v.get_ref().trim().is_empty() {
                return Err(at(v.span(), format!("{label} cannot be empty")));
            }
            Ok(())
        };
        check_name("[[calendars]] name", &name).map_err(|e| at(r.name.span(), e))?;
        text("[[calendars]] source", &r.source)?;
        if let Some(url) = url_of(r.source.get_ref().trim()) {
            let why = match ureq::http::Uri::try_from(url.as_str()) {
                Err(e) => Some(e.to_string()),
                Ok(u) if u.host().is_none_or(str::is_empty) => Some("no host".into()),
                Ok(u) if bad_port(&u) => Some("the port is not a number from 1 to 65535".into()),
                Ok(_) => None,
            };
            if let Some(why) = why {
                return Err(at(
                    r.source.span(),
                    format!("[[calendars]] source is not a web address lane can fetch: {why}"),
                ));
            }
        }
        if out.iter().any(|s| s.name == name) {
            return Err(at(
                r.name.span(),
                format!("two calendars are named `{name}`: each needs its own name"),
            ));
        }
        let kind = match &r.kind {
            Some(k) => BlockKind::parse(k.get_ref())
                .map_err(|e| at(k.span(), format!("[[calendars]] kind: {e}")))?,
            None => BlockKind::Meeting,
        };
        let refresh_minutes = match r.refresh_minutes {
            Some(m) => {
                let span = m.span();
                let m = m.into_inner();
                if !REFRESH_MINUTES.contains(&m) {
                    return Err(at(
                        span,
                        format!(
                            "[[calendars]] refresh_minutes is {m}; it must be from {} to {}",
                            REFRESH_MINUTES.start(),
                            REFRESH_MINUTES.end()
                        ),
                    ));
                }
                m
            }
            None => 30,
        };
        out.push(Source {
            name,
            source: r.source.into_inner().trim().to_string(),
            kind,
            refresh_minutes,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use crate::config::load_text as load;

    #[test]
    fn bad_calendar_entries_are_refused_at_their_place() {
        let entry = |body: &str| format!("mouse = true\n[[calendars]]\n{body}");
        let cases = [
            (
                entry(
                    "name = \"work\"\nsource = \"a.ics\"\n[[calendars]]\nname = \"work\"\nsource = \"b.ics\"\n",
                ),
                "config.toml:6:8: two calendars are named `work`: each needs its own name",
            ),
            (
                entry("name = \"work\"\nsource = \"  \"\n"),
                "config.toml:4:10: [[calendars]] source cannot be empty",
            ),
            (
                entry("name = \"\"\nsource = \"a.ics\"\n"),
                "config.toml:3:8: [[calendars]] name cannot be empty",
            ),
            (
                entry("name = \"work\"\nsource = \"a.ics\"\nkind = \"party\"\n"),
                "config.toml:5:8: [[calendars]] kind: `party`: use deep, shallow, meeting, break or admin",
            ),
            (
                entry("name = \"work\"\nsource = \"a.ics\"\nrefresh_minutes = 0\n"),
                "config.toml:5:19: [[calendars]] refresh_minutes is 0; it must be from 1 to 10080",
            ),
            (
                entry("name = \"work\"\n"),
                "config.toml:2:1: missing field `source`",
            ),
            (
                entry("name = \"work\"\nsource = \"a.ics\"\nurl = \"x\"\n"),
                "config.toml:5:1: unknown field `url`",
            ),
            (
                entry("name = \"work\"\nsource = \"http://127.0.0.1:99999/a.ics\"\n"),
                "config.toml:4:10: [[calendars]] source is not a web address lane can fetch: the port",
            ),
            (
                entry(&format!(
                    "name = \"{}\"\nsource = \"a.ics\"\n",
                    "x".repeat(65)
                )),
                "config.toml:3:8: [[calendars]] name is longer than 64 characters",
            ),
            (
                entry("name = \"work\"\nsource = \"https:///a.ics\"\n"),
                "config.toml:4:10: [[calendars]] source is not a web address lane can fetch",
            ),
            (
                "calendar_timeout_seconds = 0\n".to_string(),
                "config.toml:1:28: calendar_timeout_seconds is 0; it must be from 1 to 120",
            ),
        ];
        for (text, expected) in cases {
            let err = load(&text).unwrap_err();
            assert!(err.starts_with(expected), "{text}\n{err}");
        }
        let good = entry("name = \" work \"\nsource = \"webcal://x/y\"\nkind = \"admin\"\n");
        let config = load(&good).unwrap();
        let s = &config.calendars.sources[0];
        assert_eq!((s.name.as_str(), s.refresh_minutes), ("work", 30));
        assert_eq!(super::url_of(&s.source).as_deref(), Some("https://x/y"));
        for fine in [
            "https://u:p@cal.example.com/x.ics",
            "http://[::1]:8080/a",
            "http://h:8080/",
        ] {
            let text = entry(&format!("name = \"w\"\nsource = \"{fine}\"\n"));
            assert!(load(&text).is_ok(), "{fine}");
        }
    }
}
