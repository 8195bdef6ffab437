//! The all-day events of a calendar file brought in once (`lane import ics`):
//! a configured calendar's banners live with its fetched copy, but an imported
//! file has no copy, so they are kept in the data (`[[banners]]`, synced like
//! the meetings) and shown over their days as a configured calendar's are.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::Data;

/// The top-level key in `lane.toml`.
pub const KEY: &str = "banners";

/// One all-day event on one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredBanner {
    /// The calendar it came from, as the import named it.
    pub calendar: String,
    pub date: NaiveDate,
    pub title: String,
}

/// Every banner kept (none when the key is missing or not a list of banners).
pub fn stored(data: &Data) -> Vec<StoredBanner> {
    data.extra
        .get(KEY)
        .cloned()
        .and_then(|v| v.try_into().ok())
        .unwrap_or_default()
}

/// The banners of `date`, every calendar's.
pub fn on(data: &Data, date: NaiveDate) -> Vec<StoredBanner> {
    stored(data)
        .into_iter()
        .filter(|b| b.date == date)
        .collect()
}

/// Calendar `name`'s banners on the days `from..=until` become `banners`
/// (`(date, title)`): what the file no longer has goes, what is new comes,
/// the same ones stay. Returns whether anything changed.
pub fn keep(
    data: &mut Data,
    name: &str,
    (from, until): (NaiveDate, NaiveDate),
    banners: &[(NaiveDate, String)],
) -> bool {
    let before = stored(data);
    let mut after: Vec<StoredBanner> = before
        .iter()
        .filter(|b| b.calendar != name || b.date < from || b.date > until)
        .cloned()
        .collect();
    after.extend(banners.iter().map(|(date, title)| StoredBanner {
        calendar: name.to_string(),
        date: *date,
        title: title.clone(),
    }));
    after.sort_by(|a, b| (a.date, &a.calendar, &a.title).cmp(&(b.date, &b.calendar, &b.title)));
    after.dedup();
    if after == before {
        return false;
    }
    match toml::Value::try_from(&after) {
        Ok(v) if !after.is_empty() => {
            data.extra.insert(KEY.into(), v);
        }
        _ => {
            data.extra.remove(KEY);
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
    }

    #[test]
    fn a_calendars_banners_are_replaced_in_its_window_only() {
        let mut data = Data::default();
        let window = (day(1), day(31));
        assert!(keep(
            &mut data,
            "work",
            window,
            &[(day(9), "Holiday".into())]
        ));
        assert!(keep(
            &mut data,
            "home",
            window,
            &[(day(9), "Birthday".into())]
        ));
        assert!(!keep(
            &mut data,
            "work",
            window,
            &[(day(9), "Holiday".into())]
        ));
        let titles = |data: &Data, d| on(data, d).into_iter().map(|b| b.title).collect::<Vec<_>>();
        assert_eq!(titles(&data, day(9)), ["Birthday", "Holiday"]);
        assert!(keep(
            &mut data,
            "work",
            window,
            &[(day(10), "Offsite".into())]
        ));
        assert_eq!(titles(&data, day(9)), ["Birthday"]);
        assert_eq!(titles(&data, day(10)), ["Offsite"]);
        // Saved and read back as the data file holds it.
        let text = toml::to_string(&data).unwrap();
        let back: Data = toml::from_str(&text).unwrap();
        assert_eq!(stored(&back), stored(&data));
        assert!(keep(&mut data, "work", window, &[]));
        assert!(keep(&mut data, "home", window, &[]));
        assert!(!data.extra.contains_key(KEY));
    }
}
