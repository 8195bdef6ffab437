//! How times and instants are written in `lane.toml`: `09:00`, and instants to
//! the minute as lane stamps them, with seconds only when a hand edit gave some.

/// The format that writes `t` exactly: to the minute as lane stamps instants,
/// with seconds (and their fraction) only when a hand edit gave some — so what
/// loads is what the next save writes.
fn exact(t: chrono::NaiveTime, minutes: &'static str, seconds: &'static str) -> &'static str {
    use chrono::Timelike;
    if t.second() == 0 && t.nanosecond() == 0 {
        minutes
    } else {
        seconds
    }
}

/// Local instants are stored as `2026-11-23T09:30`; a bare date reads as its midnight.
pub(crate) mod local_instant {
    use chrono::{NaiveDate, NaiveDateTime};
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    pub fn serialize<S: Serializer>(t: &NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&text(t))
    }

    pub fn text(t: &NaiveDateTime) -> String {
        let format = super::exact(t.time(), "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S%.f");
        t.format(format).to_string()
    }

    pub fn parse(text: &str) -> Option<NaiveDateTime> {
        ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M"]
            .iter()
            .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
            .or_else(|| {
                NaiveDate::parse_from_str(text, "%Y-%m-%d")
                    .ok()?
                    .and_hms_opt(0, 0, 0)
            })
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDateTime, D::Error> {
        let text = String::deserialize(d)?;
        parse(&text).ok_or_else(|| {
            D::Error::custom(format!(
                "`{text}` is not a date and time (2026-11-23T09:30)"
            ))
        })
    }
}

pub(super) mod opt_local_instant {
    use chrono::NaiveDateTime;
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    pub fn serialize<S: Serializer>(t: &Option<NaiveDateTime>, s: S) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => super::local_instant::serialize(t, s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDateTime>, D::Error> {
        let text = String::deserialize(d)?;
        super::local_instant::parse(&text).map(Some).ok_or_else(|| {
            D::Error::custom(format!(
                "`{text}` is not a date and time (2026-11-23T09:30)"
            ))
        })
    }
}

/// A timer's optional start or stop (`Stamp`), with or without its offset.
pub(super) mod opt_stamp {
    use super::super::Stamp;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(t: &Option<Stamp>, s: S) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => t.serialize(s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Stamp>, D::Error> {
        Stamp::deserialize(d).map(Some)
    }
}

/// Local clock times are stored as `HH:MM`, which is what people type and read;
/// midnight at the end of a day as `24:00` (see `model::time_of_day`).
pub(crate) mod hhmm {
    use crate::model::time_of_day::{END_OF_DAY, is_end_of_day};
    use chrono::{NaiveTime, Timelike};
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    pub fn serialize<S: Serializer>(t: &NaiveTime, s: S) -> Result<S::Ok, S::Error> {
        if is_end_of_day(*t) {
            return s.serialize_str("24:00");
        }
        s.serialize_str(
            &t.format(super::exact(*t, "%H:%M", "%H:%M:%S%.f"))
                .to_string(),
        )
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveTime, D::Error> {
        let text = String::deserialize(d)?;
        if text == "24:00" {
            // Whether 24:00 may stand here (an end, not a start) is for
            // `problems` to say, as for any other time out of order.
            return Ok(END_OF_DAY);
        }
        NaiveTime::parse_from_str(&text, "%H:%M")
            .or_else(|_| NaiveTime::parse_from_str(&text, "%H:%M:%S%.f"))
            .ok()
            // A second 60 is chrono's leap second, which lane reads only as 24:00.
            .filter(|t| t.nanosecond() < 1_000_000_000)
            .ok_or_else(|| D::Error::custom(format!("`{text}` is not a time of day (HH:MM)")))
    }
}
