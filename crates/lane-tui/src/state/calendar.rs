//! What the app knows of the user's calendars between refreshes: the all-day
//! events shown over their days, and when to fetch again.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate, NaiveDateTime};

use lane_io::calendar::expand::Banner;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CalendarView {
    /// All-day events by calendar name.
    pub banners: BTreeMap<String, Vec<Banner>>,
    /// What each calendar held when last read: its meetings are computed into
    /// the data again whenever the data is taken from disk (lane.toml keeps
    /// only what the user did with them).
    pub read: BTreeMap<String, lane_io::calendar::sources::Refreshed>,
    /// Minutes between refreshes (the shortest of the calendars'); `None`
    /// without calendars, and nothing is ever fetched.
    pub every: Option<i64>,
    /// How many calendars there are: each is fetched on its own, so one that
    /// hangs never holds the others back.
    pub count: usize,
    /// When the last fetch was asked for.
    pub asked: Option<NaiveDateTime>,
    /// Calendars whose fetch is under way; each result comes as a message.
    pub pending: usize,
    /// The re-fit offered after meetings landed on the plan of a day (today
    /// or tomorrow): a banner until taken (enter) or left (esc).
    pub refit: Option<(NaiveDate, lane_core::model::refit::Refit)>,
    /// Re-fits the user left: the same one is not offered again.
    pub dismissed: Vec<lane_core::model::refit::Refit>,
}

impl CalendarView {
    /// When the next fetch is due (none while one runs).
    pub fn next_at(&self) -> Option<NaiveDateTime> {
        let every = self.every?;
        if self.pending > 0 {
            return None;
        }
        Some(
            self.asked
                .map_or(NaiveDateTime::MIN, |at| at + Duration::minutes(every)),
        )
    }

    /// Where the offered re-fit would put block `id` of `date`.
    pub fn refit_to(&self, date: NaiveDate, id: u32) -> Option<&lane_core::model::refit::Spot> {
        let (day, refit) = self.refit.as_ref()?;
        (*day == date)
            .then(|| refit.moves.iter().find(|m| m.block == id).map(|m| &m.to))
            .flatten()
    }

    /// The all-day events of a day, every calendar's.
    pub fn banners_on(&self, date: NaiveDate) -> impl Iterator<Item = &Banner> {
        self.banners
            .values()
            .flatten()
            .filter(move |b| b.date == date)
    }
}
