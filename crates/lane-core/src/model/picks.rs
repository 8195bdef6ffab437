//! Last night's picks: the evening review names tomorrow's top three, and they
//! are what the next morning's plan, its carry-over and its standup start
//! from — the review's picks are the plan's picks.

use chrono::NaiveDate;

use super::ops::set_focus;
use super::rank::focus_ranked;
use super::workdays::previous_working_day;
use super::{Data, WorkingHours};

/// The open outcomes the latest review before `date` picked for its next day,
/// in the order picked. Empty when that review picked none, or when it is
/// older than the previous working day (a pick from last week is stale).
pub fn last_nights_picks(data: &Data, hours: &WorkingHours, date: NaiveDate) -> Vec<u32> {
    let since = previous_working_day(hours, date);
    let Some(review) = data
        .reviews
        .iter()
        .filter(|r| since <= r.date && r.date < date)
        .filter(|r| !r.tomorrow.is_empty())
        .max_by_key(|r| r.date)
    else {
        return Vec::new();
    };
    review
        .tomorrow
        .iter()
        .copied()
        .filter(|id| {
            data.priorities
                .iter()
                .any(|p| p.id == *id && !p.status.is_closed())
        })
        .collect()
}

/// The outcomes in focus on `date`, as the standup and the plan name them:
/// once that day's plan has been made, the focus as it stands; before, last
/// night's picks when there are any.
pub fn focus_of_day(data: &Data, hours: &WorkingHours, date: NaiveDate) -> Vec<u32> {
    let planned = data
        .reviews
        .iter()
        .any(|r| r.date == date && r.plan.is_some());
    let picks = match planned {
        true => Vec::new(),
        false => last_nights_picks(data, hours, date),
    };
    if picks.is_empty() {
        focus_ranked(&data.priorities, date)
    } else {
        picks
    }
}

/// Makes `picks` the focus: the outcomes not picked leave it, the picked ones
/// join (the focus rule decides, so closed ones and any past the limit stay
/// out). Returns how many picks are in focus. Nothing changes without picks.
pub fn take_picks(data: &mut Data, picks: &[u32], today: NaiveDate) -> usize {
    if picks.is_empty() {
        return 0;
    }
    let leaving: Vec<u32> = data
        .priorities
        .iter()
        .filter(|p| p.focus && !picks.contains(&p.id))
        .map(|p| p.id)
        .collect();
    for id in leaving {
        let _ = set_focus(data, id, false, today);
    }
    picks
        .iter()
        .filter(|&&id| {
            let _ = set_focus(data, id, true, today);
            data.priorities.iter().any(|p| p.id == id && p.focus)
        })
        .count()
}
