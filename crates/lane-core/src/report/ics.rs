//! iCalendar for time blocks.

use chrono::NaiveDateTime;

use crate::model::text::visible;
use crate::model::{Block, Data};

/// Escapes text for an iCalendar value (RFC 5545 §3.3.11); control characters,
/// which the format forbids and a terminal obeys, are shown as `\u{…}`.
fn escape(text: &str) -> String {
    let lines: Vec<String> = text.split('\n').map(visible).collect();
    lines
        .join("\n")
        .replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
}

/// Folds a content line at 75 octets, never inside a character (RFC 5545 §3.1).
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
    out
}

/// The blocks as an iCalendar file. Times are floating local times: a block at
/// 09:00 stays at 09:00 in whatever zone the calendar app is in, as planned.
/// `stamp_utc` is when the file is made, in UTC (DTSTAMP is always UTC).
pub fn ics(data: &Data, blocks: &[&Block], stamp_utc: NaiveDateTime) -> String {
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//lane//time blocks//EN",
        "CALSCALE:GREGORIAN",
    ] {
        out.push_str(&fold(line));
    }
    for b in blocks {
        let uid = if b.uid.is_empty() {
            format!("block-{}", b.id)
        } else {
            b.uid.clone()
        };
        let mut lines = vec![
            "BEGIN:VEVENT".to_string(),
            format!("UID:{uid}@lane"),
            format!("DTSTAMP:{}Z", stamp_utc.format("%Y%m%dT%H%M%S")),
            format!(
                "DTSTART:{}",
                b.date.and_time(b.start).format("%Y%m%dT%H%M%S")
            ),
            format!("DTEND:{}", b.date.and_time(b.end).format("%Y%m%dT%H%M%S")),
            format!("SUMMARY:{}", escape(&b.title)),
            format!("CATEGORIES:{}", b.kind.name().to_uppercase()),
        ];
        if let Some(p) = b
            .priority
            .and_then(|id| data.priorities.iter().find(|p| p.id == id))
        {
            lines.push(format!(
                "DESCRIPTION:{}",
                escape(&format!("Priority: {}", p.title))
            ));
        }
        lines.push("END:VEVENT".into());
        for line in lines {
            out.push_str(&fold(&line));
        }
    }
    out.push_str(&fold("END:VCALENDAR"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_long_lines_folded() {
        assert_eq!(escape("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
        let long = format!("SUMMARY:{}", "é".repeat(60));
        let folded = fold(&long);
        assert!(folded.split("\r\n").all(|l| l.len() <= 75), "{folded}");
        assert_eq!(folded.replace("\r\n ", "").trim_end(), long);
    }
}
