//! A timer's start or stop: the wall-clock time it was, and the UTC offset the
//! clock had then, so a timer started in one zone and stopped in another counts
//! the minutes that passed (UTC−12 to UTC+14 is a day on the wall and seconds
//! on the time line). Written `2026-11-23T09:30+01:00`; a time without an offset
//! (every file before offsets, a hand edit) still loads, and is placed by the
//! zone's rules as before.

use chrono::{NaiveDateTime, Offset, TimeZone};
use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Stamp {
    pub wall: NaiveDateTime,
    /// Seconds east of UTC, when known.
    pub offset: Option<i32>,
}

impl Stamp {
    /// `wall` on this machine's clock now: its offset from the zone's rules
    /// (none in the hour a change repeats, where either could be meant).
    pub fn local(wall: NaiveDateTime) -> Stamp {
        let offset = match chrono::Local.offset_from_local_datetime(&wall) {
            chrono::LocalResult::Single(o) => Some(o.fix().local_minus_utc()),
            _ => None,
        };
        Stamp { wall, offset }
    }

    /// The offsets this stamp may have had: its own, or those the local zone
    /// gives its wall time.
    pub fn offsets(&self, local: impl Fn(NaiveDateTime) -> Vec<i32>) -> Vec<i32> {
        match self.offset {
            Some(o) => vec![o],
            None => local(self.wall),
        }
    }
}

impl From<NaiveDateTime> for Stamp {
    /// A wall time whose offset is not known (as files before offsets hold).
    fn from(wall: NaiveDateTime) -> Stamp {
        Stamp { wall, offset: None }
    }
}

/// `+01:00`, `-12:00`, `+05:45`.
fn offset_text(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let m = seconds.unsigned_abs() / 60;
    format!("{sign}{:02}:{:02}", m / 60, m % 60)
}

fn parse_offset(text: &str) -> Option<i32> {
    let (sign, rest) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => return None,
    };
    let (h, m) = rest.split_once(':')?;
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    ((0..24).contains(&h) && (0..60).contains(&m)).then_some(sign * (h * 3600 + m * 60))
}

impl std::str::FromStr for Stamp {
    type Err = ();

    fn from_str(text: &str) -> Result<Stamp, ()> {
        let text = text.trim();
        // The offset is the last 6 characters when they are `±HH:MM` after a time.
        if let Some(cut) = text.len().checked_sub(6)
            && text.is_char_boundary(cut)
            && cut > 10
            && let Some(offset) = parse_offset(&text[cut..])
        {
            let wall = super::time_format::local_instant::parse(&text[..cut]).ok_or(())?;
            return Ok(Stamp {
                wall,
                offset: Some(offset),
            });
        }
        super::time_format::local_instant::parse(text)
            .map(Stamp::from)
            .ok_or(())
    }
}

impl Serialize for Stamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let wall = super::time_format::local_instant::text(&self.wall);
        match self.offset {
            Some(o) => s.serialize_str(&format!("{wall}{}", offset_text(o))),
            None => s.serialize_str(&wall),
        }
    }
}

impl<'de> Deserialize<'de> for Stamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Stamp, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(|()| {
            D::Error::custom(format!(
                "`{text}` is not a date and time (2026-11-23T09:30, or 2026-11-23T09:30+01:00)"
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
    }

    #[test]
    fn stamps_read_and_write_with_and_without_their_offset() {
        for (text, wall, offset) in [
            ("2026-11-23T09:30+01:00", "2026-11-23T09:30", Some(3600)),
            ("2026-11-23T09:30-12:00", "2026-11-23T09:30", Some(-43200)),
            ("2026-11-23T09:30+05:45", "2026-11-23T09:30", Some(20700)),
            ("2026-11-23T09:30", "2026-11-23T09:30", None),
            ("2026-11-23", "2026-11-23T00:00", None),
        ] {
            let s: Stamp = text.parse().unwrap();
            assert_eq!((s.wall, s.offset), (t(wall), offset), "{text}");
            let back = serde_json::to_value(s).unwrap();
            let expected = if text.len() == 10 {
                "2026-11-23T00:00"
            } else {
                text
            };
            assert_eq!(back, expected);
        }
        for bad in [
            "2026-11-23T09:30+25:00",
            "tomorrow",
            "2026-11-23T09:30+1",
            "+01:00",
        ] {
            assert!(bad.parse::<Stamp>().is_err(), "{bad}");
        }
    }
}
