//! Reading an iCalendar file into events. Each VEVENT and VTIMEZONE is parsed on
//! its own (by the `icalendar` crate's grammar), so one malformed event is
//! skipped and named instead of losing the whole calendar.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use icalendar::parser::{Component, Property, read_components};

/// A date or time as the file gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum When {
    /// An all-day value (`VALUE=DATE`).
    Date(NaiveDate),
    /// A wall-clock time in a named zone (`TZID=`), or floating when `None`.
    Local(NaiveDateTime, Option<String>),
    /// A `…Z` time.
    Utc(NaiveDateTime),
}

impl When {
    pub fn is_date(&self) -> bool {
        matches!(self, When::Date(_))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub uid: String,
    pub summary: String,
    pub start: When,
    pub end: Option<When>,
    pub duration: Option<Duration>,
    pub rrule: Option<String>,
    pub exdates: Vec<When>,
    pub rdates: Vec<When>,
    pub recurrence_id: Option<When>,
    pub cancelled: bool,
    /// Where it starts in the file (1-based), for messages.
    pub line: usize,
}

/// One zone definition: its observances (standard and daylight parts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VTimezone {
    pub tzid: String,
    /// `X-LIC-LOCATION`, an IANA name some exporters add.
    pub location: Option<String>,
    pub observances: Vec<Observance>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observance {
    /// The first onset, in the local time before it.
    pub start: NaiveDateTime,
    pub offset_from: i32,
    pub offset_to: i32,
    pub rrule: Option<String>,
    pub rdates: Vec<NaiveDateTime>,
}

#[derive(Debug, Default)]
pub struct Parsed {
    pub events: Vec<Event>,
    pub zones: Vec<VTimezone>,
    /// `X-WR-TIMEZONE`: the zone floating times of this calendar mean.
    pub default_zone: Option<String>,
    /// What could not be read, each with its line.
    pub skipped: Vec<String>,
}

/// A calendar's bytes as text. RFC 5545 folds lines at 75 octets, so an
/// exporter may split a character between two lines: its trailing bytes are
/// moved back before the fold (the lines stay where they were, so a line number
/// still points into the file). What still is not valid UTF-8 is replaced
/// (U+FFFD): one stray byte in a title must not lose a whole calendar.
pub fn decode(bytes: &[u8]) -> String {
    let continues = |b: u8| (0x80..=0xbf).contains(&b);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let fold = match &bytes[i..] {
            [b'\r', b'\n', b' ' | b'\t', ..] => 3,
            [b'\n', b' ' | b'\t', ..] => 2,
            _ => 0,
        };
        if fold > 0 && out.last().is_some_and(|b: &u8| *b >= 0x80) {
            let tail = bytes[i + fold..]
                .iter()
                .take_while(|b| continues(**b))
                .count();
            out.extend_from_slice(&bytes[i + fold..i + fold + tail]);
            out.extend_from_slice(&bytes[i..i + fold]);
            i += fold + tail;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Lines with folding undone (CRLF or LF, continuation by space or tab).
fn unfold(text: &str) -> Vec<(usize, String)> {
    let mut lines: Vec<(usize, String)> = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        match (raw.strip_prefix([' ', '\t']), lines.last_mut()) {
            (Some(rest), Some((_, last))) => last.push_str(rest),
            _ if raw.trim().is_empty() => {}
            _ => lines.push((i + 1, raw.to_string())),
        }
    }
    lines
}

/// How deep parts may nest inside an event or zone: a VEVENT holds a VALARM, a
/// VTIMEZONE its STANDARD and DAYLIGHT parts — two levels; eight is generous.
const MAX_NESTING: usize = 8;

/// Reads a calendar. Fails only when the text is not a calendar at all.
pub fn parse(text: &str) -> Result<Parsed, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines = unfold(text);
    if !lines
        .first()
        .is_some_and(|(_, l)| l.eq_ignore_ascii_case("BEGIN:VCALENDAR"))
    {
        return Err("not an iCalendar file (it does not begin with BEGIN:VCALENDAR)".into());
    }
    let mut parsed = Parsed::default();
    let mut chunk: Option<(String, usize, Vec<&str>)> = None;
    let mut depth = 0usize;
    // The deepest a chunk went: the grammar reads parts within parts by
    // recursion, so a chunk deeper than any calendar nests is never handed to it.
    let mut deepest = 0usize;
    for (number, line) in &lines {
        let upper = line.to_ascii_uppercase();
        if let Some((name, start, body)) = chunk.as_mut() {
            if deepest <= MAX_NESTING {
                body.push(line);
            }
            if upper.starts_with("BEGIN:") {
                depth += 1;
                deepest = deepest.max(depth);
            } else if upper.starts_with("END:") {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    let (name, start) = (name.clone(), *start);
                    if deepest > MAX_NESTING {
                        parsed.skipped.push(format!(
                            "line {start}: a {name} with parts nested more than {MAX_NESTING} deep"
                        ));
                    } else {
                        let text = body.join("\n") + "\n";
                        read_chunk(&mut parsed, &name, start, &text);
                    }
                    chunk = None;
                }
            }
            continue;
        }
        match upper.as_str() {
            "BEGIN:VEVENT" | "BEGIN:VTIMEZONE" => {
                depth = 1;
                deepest = 1;
                chunk = Some((upper[6..].to_string(), *number, vec![line]));
            }
            _ if upper.starts_with("X-WR-TIMEZONE") => {
                parsed.default_zone = line.split_once(':').map(|(_, v)| v.trim().to_string());
            }
            _ => {}
        }
    }
    if let Some((name, start, _)) = chunk {
        parsed
            .skipped
            .push(format!("line {start}: a {name} that never ends"));
    }
    Ok(parsed)
}

fn read_chunk(parsed: &mut Parsed, name: &str, line: usize, text: &str) {
    let component = match read_components(text) {
        Ok(mut c) if !c.is_empty() => c.swap_remove(0),
        Ok(_) => return,
        // The grammar's own words name its internals, not the file's: the
        // line is what helps.
        Err(_) => {
            parsed.skipped.push(format!(
                "line {line}: a {name} that does not parse (a line in it is not NAME:value, or a part is nested wrongly)"
            ));
            return;
        }
    };
    let read = if name == "VEVENT" {
        event(&component, line, text).map(|e| parsed.events.push(e))
    } else {
        timezone(&component).map(|z| parsed.zones.push(z))
    };
    if let Err(why) = read {
        parsed.skipped.push(format!("line {line}: {why}"));
    }
}

fn prop<'a>(c: &'a Component<'a>, name: &str) -> Option<&'a Property<'a>> {
    c.properties
        .iter()
        .find(|p| p.name.as_str().eq_ignore_ascii_case(name))
}

fn param<'a>(p: &'a Property<'a>, key: &str) -> Option<&'a str> {
    p.params
        .iter()
        .find(|x| x.key.as_str().eq_ignore_ascii_case(key))
        .and_then(|x| x.val.as_ref())
        .map(|v| v.as_str().trim_matches('"'))
}

/// The identity of an event without a UID (calcurse's default export has none):
/// a hash of its text, so the same event read again is the same meeting (never
/// a second one) and one changed in the calendar replaces the old. The stamp of
/// the export itself is left out: it changes with every export, the event not.
fn content_uid(text: &str) -> String {
    let hash = text
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.to_ascii_uppercase().starts_with("DTSTAMP"))
        .flat_map(|l| l.bytes().chain([b'\n']))
        .fold(0xcbf29ce484222325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100000001b3)
        });
    format!("{hash:016x}@content")
}

/// One VEVENT (`text` is its own lines, for an identity when it has no UID).
fn event(c: &Component, line: usize, text: &str) -> Result<Event, String> {
    let uid = prop(c, "UID")
        .map(|p| p.val.as_str().trim().to_string())
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| content_uid(text));
    let start = prop(c, "DTSTART")
        .ok_or_else(|| format!("event {uid} has no DTSTART"))
        .and_then(|p| when(p).map_err(|e| format!("event {uid}: DTSTART {e}")))?;
    let end = prop(c, "DTEND")
        .map(|p| when(p).map_err(|e| format!("event {uid}: DTEND {e}")))
        .transpose()?;
    let duration = prop(c, "DURATION")
        .map(|p| {
            duration(p.val.as_str())
                .ok_or_else(|| format!("event {uid}: DURATION {} is not a duration", p.val))
        })
        .transpose()?;
    let summary = prop(c, "SUMMARY")
        .map(|p| p.val.clone().unescape_text().as_str().to_string())
        .unwrap_or_default();
    let list = |name: &str| -> Result<Vec<When>, String> {
        let mut out = Vec::new();
        for p in c
            .properties
            .iter()
            .filter(|p| p.name.as_str().eq_ignore_ascii_case(name))
        {
            // A period (`VALUE=PERIOD`) names a start too: its first half.
            for value in p.val.as_str().split(',') {
                let value = value.split('/').next().unwrap_or(value);
                out.push(when_of(value, p).map_err(|e| format!("event {uid}: {name} {e}"))?);
            }
        }
        Ok(out)
    };
    Ok(Event {
        summary,
        start,
        end,
        duration,
        rrule: prop(c, "RRULE").map(|p| p.val.as_str().trim().to_string()),
        exdates: list("EXDATE")?,
        rdates: list("RDATE")?,
        recurrence_id: prop(c, "RECURRENCE-ID")
            .map(|p| when(p).map_err(|e| format!("event {uid}: RECURRENCE-ID {e}")))
            .transpose()?,
        cancelled: prop(c, "STATUS")
            .is_some_and(|p| p.val.as_str().trim().eq_ignore_ascii_case("CANCELLED")),
        uid,
        line,
    })
}

fn when(p: &Property) -> Result<When, String> {
    when_of(p.val.as_str(), p)
}

fn when_of(value: &str, p: &Property) -> Result<When, String> {
    let value = value.trim();
    let bad = || format!("{value:?} is not a date or time");
    if value.len() == 8 || param(p, "VALUE").is_some_and(|v| v.eq_ignore_ascii_case("DATE")) {
        return NaiveDate::parse_from_str(value.get(..8).ok_or_else(bad)?, "%Y%m%d")
            .map(When::Date)
            .map_err(|_| bad());
    }
    let (naive, utc) = match value.strip_suffix(['Z', 'z']) {
        Some(v) => (v, true),
        None => (value, false),
    };
    let time = NaiveDateTime::parse_from_str(naive, "%Y%m%dT%H%M%S").map_err(|_| bad())?;
    Ok(if utc {
        When::Utc(time)
    } else {
        When::Local(time, param(p, "TZID").map(str::to_string))
    })
}

/// An RFC 5545 duration: `PT1H30M`, `P1D`, `-PT15M`, `P2W`.
pub fn duration(text: &str) -> Option<Duration> {
    let text = text.trim();
    let (sign, rest) = match text.strip_prefix('-') {
        Some(r) => (-1, r),
        None => (1, text.strip_prefix('+').unwrap_or(text)),
    };
    let rest = rest.strip_prefix(['P', 'p'])?;
    let mut seconds: i64 = 0;
    let mut number = String::new();
    let mut any = false;
    for c in rest.chars() {
        match c.to_ascii_uppercase() {
            'T' => {}
            d if d.is_ascii_digit() => number.push(d),
            unit => {
                let n: i64 = number.parse().ok()?;
                number.clear();
                let per = match unit {
                    'W' => 7 * 86_400,
                    'D' => 86_400,
                    'H' => 3_600,
                    'M' => 60,
                    'S' => 1,
                    _ => return None,
                };
                seconds = seconds.checked_add(n.checked_mul(per)?)?;
                any = true;
            }
        }
    }
    (any && number.is_empty())
        .then(|| Duration::try_seconds(sign * seconds))
        .flatten()
}

fn timezone(c: &Component) -> Result<VTimezone, String> {
    let tzid = prop(c, "TZID")
        .map(|p| p.val.as_str().trim().to_string())
        .ok_or("a VTIMEZONE without a TZID")?;
    let mut observances = Vec::new();
    for part in &c.components {
        let offset = |name: &str| {
            prop(part, name)
                .and_then(|p| offset(p.val.as_str()))
                .ok_or_else(|| format!("zone {tzid}: {name} missing or not an offset"))
        };
        let start = prop(part, "DTSTART")
            .and_then(|p| {
                NaiveDateTime::parse_from_str(p.val.as_str().trim(), "%Y%m%dT%H%M%S").ok()
            })
            .ok_or_else(|| format!("zone {tzid}: an observance without a DTSTART"))?;
        let rdates = part
            .properties
            .iter()
            .filter(|p| p.name.as_str().eq_ignore_ascii_case("RDATE"))
            .flat_map(|p| p.val.as_str().split(','))
            .filter_map(|v| NaiveDateTime::parse_from_str(v.trim(), "%Y%m%dT%H%M%S").ok())
            .collect();
        observances.push(Observance {
            start,
            offset_from: offset("TZOFFSETFROM")?,
            offset_to: offset("TZOFFSETTO")?,
            rrule: prop(part, "RRULE").map(|p| p.val.as_str().trim().to_string()),
            rdates,
        });
    }
    if observances.is_empty() {
        return Err(format!("zone {tzid} has no STANDARD or DAYLIGHT part"));
    }
    Ok(VTimezone {
        location: prop(c, "X-LIC-LOCATION").map(|p| p.val.as_str().trim().to_string()),
        tzid,
        observances,
    })
}

/// `+0100`, `-0530`, `+013000` as seconds east of UTC.
fn offset(text: &str) -> Option<i32> {
    let text = text.trim();
    let sign = match text.get(..1)? {
        "+" => 1,
        "-" => -1,
        _ => return None,
    };
    let digits = text.get(1..)?;
    if !(digits.len() == 4 || digits.len() == 6) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n = |r: std::ops::Range<usize>| digits.get(r).and_then(|d| d.parse::<i32>().ok());
    let secs = n(0..2)? * 3600 + n(2..4)? * 60 + n(4..6).unwrap_or(0);
    (secs < 24 * 3600).then_some(sign * secs)
}

#[cfg(test)]
mod tests;
