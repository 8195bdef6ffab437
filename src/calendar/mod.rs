//! Calendars: ICS files and subscriptions brought in as meetings. Reading,
//! expanding and fetching live here; what it does to the data is one operation
//! in `model::calendar`.

pub mod expand;
pub mod ics;
pub mod zones;
