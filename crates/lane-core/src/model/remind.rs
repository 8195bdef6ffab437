//! Reminders: a block about to start, a running block at its planned end, a
//! follow-up due, no evening review by the end of the working day. Pure: which
//! are due at `now`; remembering which were sent is the caller's.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::day::is_running;
use super::ladder::follow_up_due;
use super::ritual::acknowledged;
use super::rules::Rules;
use super::time_of_day;
use super::{Block, Data, Kind};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reminder {
    /// Names this reminder, so it is sent once: `start:UID:DATE`, `end:…`,
    /// `follow_up:…`, `review:DATE`.
    pub key: String,
    pub text: String,
}

/// What this machine already sent, by the app or by `lane remind` alike
/// (`lane.reminded.toml`, device-local, kept out of sync).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Sent {
    #[serde(default)]
    pub sent: Vec<SentOne>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SentOne {
    pub key: String,
    #[serde(with = "super::items::local_instant")]
    pub at: NaiveDateTime,
}

impl Sent {
    /// The reminders of `due` not sent before, now recorded as sent. What was sent
    /// more than two days ago is forgotten: long enough to never send one twice
    /// (keys hold their day), short enough that the file stays a few lines.
    pub fn claim(&mut self, due: Vec<Reminder>, now: NaiveDateTime) -> Vec<Reminder> {
        let fresh: Vec<Reminder> = due
            .into_iter()
            .filter(|r| !self.sent.iter().any(|s| s.key == r.key))
            .collect();
        if !fresh.is_empty() {
            let keep_after = now - Duration::days(2);
            self.sent.retain(|s| s.at > keep_after);
            self.sent.extend(fresh.iter().map(|r| SentOne {
                key: r.key.clone(),
                at: now,
            }));
        }
        fresh
    }

    /// Forgets that the reminders named `keys` were sent (their notifier failed):
    /// the next run sends them again.
    pub fn release(&mut self, keys: &[String]) {
        self.sent.retain(|s| !keys.contains(&s.key));
    }
}

/// The reminders due at `now`; `before` is how many minutes ahead a block's
/// start is announced.
pub fn due(data: &Data, rules: &Rules, before: i64, now: NaiveDateTime) -> Vec<Reminder> {
    let today = now.date();
    let mut out = Vec::new();
    for b in blocks_around(data, today) {
        let (start, end) = (
            time_of_day::instant(b.date, b.start),
            time_of_day::instant(b.date, b.end),
        );
        let name = if b.uid.is_empty() {
            b.id.to_string()
        } else {
            b.uid.clone()
        };
        // Whole minutes, rounded up: 59 s before is "in 1m", never "in 0m".
        let minutes = ((start - now).num_seconds() + 59).div_euclid(60);
        if b.actual_start.is_none() && now < start && start - now <= Duration::minutes(before) {
            out.push(Reminder {
                // The block's own day: a block at 00:00 announced the evening
                // before is the next day's.
                key: format!("start:{name}:{}", b.date),
                text: format!(
                    "{} starts at {} (in {minutes}m)",
                    b.title,
                    time_of_day::text(b.start)
                ),
            });
        }
        // Its end today: 24:00 yesterday is today's first instant.
        if is_running(b) && now >= end && end.date() == today {
            out.push(Reminder {
                key: format!("end:{name}:{today}"),
                text: format!(
                    "{} reached its planned end ({}): stop it or keep going",
                    b.title,
                    time_of_day::text(b.end)
                ),
            });
        }
    }
    for b in &data.blockers {
        if follow_up_due(b, today) && !acknowledged(data, today, (Kind::Blocker, b.id)) {
            out.push(Reminder {
                key: format!("follow_up:{}:{today}", b.uid),
                text: format!("follow up on “{}” (waiting on {})", b.title, b.waiting_on),
            });
        }
    }
    let reviewed = data.reviews.iter().any(|r| r.date == today && r.reviewed);
    if let Some((_, end)) = rules.hours.on(today)
        && now.time() >= end
        && !reviewed
    {
        out.push(Reminder {
            key: format!("review:{today}"),
            text: "the working day is over: time for the evening review (lane review)".into(),
        });
    }
    out
}

/// The blocks whose reminders can fall on `today`: its own, yesterday's that
/// end at 24:00 (today's first instant), and tomorrow's at 00:00, announced
/// before midnight.
fn blocks_around(data: &Data, today: NaiveDate) -> impl Iterator<Item = &Block> {
    let (yesterday, tomorrow) = (today.pred_opt(), today.succ_opt());
    data.blocks
        .iter()
        .filter(move |b| b.date == today || Some(b.date) == yesterday || Some(b.date) == tomorrow)
}

/// When the next reminder after `now` comes due (today), so a waiting app can
/// sleep until then instead of waking to look.
pub fn next_at(
    data: &Data,
    rules: &Rules,
    before: i64,
    now: NaiveDateTime,
) -> Option<NaiveDateTime> {
    let today = now.date();
    let starts = blocks_around(data, today)
        .filter(|b| b.actual_start.is_none())
        .map(|b| b.date.and_time(b.start) - Duration::minutes(before))
        .filter(|at| at.date() == today);
    let ends = blocks_around(data, today)
        .filter(|b| is_running(b))
        .map(|b| time_of_day::instant(b.date, b.end))
        .filter(|end| end.date() == today);
    let day_end = rules.hours.on(today).map(|(_, end)| today.and_time(end));
    starts.chain(ends).chain(day_end).filter(|t| *t > now).min()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_util::{add, at};

    #[test]
    fn each_reminder_comes_due_at_its_moment() {
        let mut data = Data::default();
        add(
            &mut data,
            Kind::Block,
            &[
                ("title", "standup"),
                ("time", "9-9:15"),
                ("date", "2026-11-23"),
            ],
        )
        .unwrap();
        let rules = Rules::default();
        let texts = |data: &Data, now| -> Vec<String> {
            due(data, &rules, 2, now)
                .into_iter()
                .map(|r| r.text)
                .collect()
        };
        assert!(texts(&data, at("2026-11-23", "08:57")).is_empty());
        assert_eq!(
            texts(&data, at("2026-11-23", "08:58")),
            ["standup starts at 09:00 (in 2m)"]
        );
        crate::model::day::start_stop(&mut data, 1, at("2026-11-23", "09:00")).unwrap();
        assert!(texts(&data, at("2026-11-23", "09:14")).is_empty());
        assert_eq!(
            texts(&data, at("2026-11-23", "09:15")),
            ["standup reached its planned end (09:15): stop it or keep going"]
        );
        crate::model::day::start_stop(&mut data, 1, at("2026-11-23", "09:20")).unwrap();
        assert!(texts(&data, at("2026-11-23", "17:29")).is_empty());
        assert_eq!(
            texts(&data, at("2026-11-23", "17:30")),
            ["the working day is over: time for the evening review (lane review)"]
        );
        // Seconds before a minute still count as that minute: at 08:58:30 the
        // standup is 1m30 away, said as 2m (never "in 0m" a minute early).
        let half = at("2026-11-23", "08:58") + Duration::seconds(30);
        let mut fresh = Data::default();
        add(
            &mut fresh,
            Kind::Block,
            &[
                ("title", "standup"),
                ("time", "9-9:15"),
                ("date", "2026-11-23"),
            ],
        )
        .unwrap();
        assert_eq!(texts(&fresh, half), ["standup starts at 09:00 (in 2m)"]);
        let last = at("2026-11-23", "08:59") + Duration::seconds(1);
        assert_eq!(texts(&fresh, last), ["standup starts at 09:00 (in 1m)"]);
        // A Saturday has no working day to end.
        assert!(texts(&data, at("2026-11-28", "18:00")).is_empty());
        // The app sleeps until the next one.
        assert_eq!(
            next_at(&data, &rules, 2, at("2026-11-23", "10:00")),
            Some(at("2026-11-23", "17:30"))
        );
        assert_eq!(next_at(&data, &rules, 2, at("2026-11-28", "10:00")), None);
    }

    #[test]
    fn the_sent_list_hands_out_each_reminder_once_and_forgets_after_two_days() {
        let r = |key: &str| Reminder {
            key: key.into(),
            text: key.into(),
        };
        let mut sent = Sent::default();
        let now = at("2026-11-23", "08:58");
        assert_eq!(sent.claim(vec![r("a"), r("b")], now), [r("a"), r("b")]);
        assert_eq!(sent.claim(vec![r("a"), r("c")], now), [r("c")]);
        assert!(sent.claim(vec![r("a")], now).is_empty());
        // Three days on, a new claim prunes what is old.
        let later = at("2026-11-26", "09:00");
        assert_eq!(sent.claim(vec![r("d")], later), [r("d")]);
        assert_eq!(sent.sent.len(), 1);
    }
}
