//! What the app knows of blockers' links between refreshes: what each forge
//! last said (from this machine's cache), and when to ask again.

use chrono::{Duration, NaiveDateTime};

use lane_core::model::links::Known;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinksView {
    /// What was last learnt of each linked item, by its URL.
    pub known: Known,
    /// Minutes between refreshes (the calendars' rhythm); `None`: never fetched.
    pub every: Option<i64>,
    /// When the last fetch was asked for.
    pub asked: Option<NaiveDateTime>,
    /// Forges (or the cache) still being read; each answers with a message.
    pub pending: usize,
    /// Resolve blockers whose links all closed or merged without asking (config).
    pub auto_resolve: bool,
}

impl LinksView {
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
}
