//! The re-fit offered when a calendar's meeting lands on the plan: worked out
//! after calendars are brought in, shown as a banner, taken with one key as
//! one change (undone with `u`) or left with another.

use chrono::{NaiveDateTime, TimeDelta};

use super::Effect;
use crate::action::Action;
use crate::state::State;
use lane_core::model::refit::{self, Refit};

/// Looks at today's plan, then tomorrow's, for blocks a meeting now covers;
/// offers the first re-fit found that the user has not left already.
pub(super) fn offer(s: &mut State, now: NaiveDateTime) {
    let today = now.date();
    let days = [Some(today), today.checked_add_signed(TimeDelta::days(1))];
    s.calendars.refit = days.into_iter().flatten().find_map(|date| {
        let r = refit::refit(s.data(), &s.rules, date, now);
        let fresh = !r.moves.is_empty() && !s.calendars.dismissed.contains(&r);
        fresh.then_some((date, r))
    });
}

/// `enter` and `esc` while a re-fit is offered.
pub(super) fn act(s: &mut State, action: Action, now: NaiveDateTime) -> Option<Vec<Effect>> {
    match action {
        Action::TakeRefit => take(s, now),
        Action::DismissRefit => {
            if let Some((_, r)) = s.calendars.refit.take() {
                s.calendars.dismissed.push(r);
                s.info("left the plan as it is (lane replan proposes it again)");
            }
        }
        _ => return None,
    }
    Some(Vec::new())
}

/// Makes the offered moves, worked out again on the day as it is now: what is
/// taken is what the banner would say this moment.
fn take(s: &mut State, now: NaiveDateTime) {
    let Some((date, offered)) = s.calendars.refit.take() else {
        return;
    };
    let fresh = refit::refit(s.data(), &s.rules, date, now);
    if fresh != offered {
        s.info("the day changed since the re-fit was offered: look again");
        offer(s, now);
        return;
    }
    let uids: Vec<String> = fresh.moves.iter().map(|_| s.new_uid(now)).collect();
    let mut uids = uids.into_iter();
    match refit::apply(s.edit(), &fresh, || uids.next().unwrap_or_default()) {
        Ok(said) => s.info(format!("{said} (u undoes it)")),
        Err(why) => s.error(why),
    }
}

/// The banner's words with its keys, when a re-fit is offered.
pub fn banner(refit: &Refit) -> Option<String> {
    refit::banner_words(refit).map(|w| format!("{w} · enter takes it, esc leaves it"))
}
