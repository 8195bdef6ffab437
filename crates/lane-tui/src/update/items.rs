//! Keys every list shares: delete, done, reorder, undo and redo.

use super::{Effect, describe, nothing_selected};
use crate::state::State;
use crate::tabs::Tab;
use lane_core::model::history::Step;
use lane_core::model::ops;
use lane_core::model::rank::rank;

pub(super) fn delete(s: &mut State) -> Vec<Effect> {
    let (Some((index, id)), Some(kind)) = (s.selected_index().zip(s.selected_id()), s.tab.kind())
    else {
        return nothing_selected(s);
    };
    let what = describe(s, index);
    if let Err(why) = ops::delete(s.edit(), kind, id) {
        s.error(why);
        return Vec::new();
    }
    s.select(s.pos().selected);
    s.info(format!("deleted {what} — u brings it back"));
    Vec::new()
}

pub(super) fn toggle_done(s: &mut State) -> Vec<Effect> {
    let today = s.today;
    let (Some((index, id)), Some(kind)) = (s.selected_index().zip(s.selected_id()), s.tab.kind())
    else {
        return nothing_selected(s);
    };
    let done = s.data().list(kind).done_at(index) != Some(true);
    if let Err(e) = ops::set_done(s.edit(), kind, id, done, today) {
        s.info(e);
        return Vec::new();
    }
    let what = describe(s, index);
    s.info(format!(
        "{what} {}",
        if done { "done" } else { "open again" }
    ));
    s.select(s.pos().selected);
    Vec::new()
}

pub(super) fn reorder(s: &mut State, delta: isize) -> Vec<Effect> {
    if !s.tab.has_done() {
        s.info("reviews stay in date order");
        return Vec::new();
    }
    let view = s.view();
    let row = s.pos().selected;
    let (Some(&a), Some(&b)) = (
        view.get(row),
        row.checked_add_signed(delta).and_then(|r| view.get(r)),
    ) else {
        return Vec::new();
    };
    if s.tab == Tab::Priorities && s.rank_order {
        let score = |i: usize| rank(&s.data().priorities[i], s.today).score;
        if score(a) != score(b) {
            s.info(
                "ranked by impact × urgency: J/K only reorder equal ranks — r for your own order",
            );
            return Vec::new();
        }
    }
    let Some(kind) = s.tab.kind() else {
        return Vec::new();
    };
    s.edit().list_mut(kind).swap(a, b);
    s.select_item(b);
    Vec::new()
}

pub(super) fn undo_redo(s: &mut State, undo: bool) -> Vec<Effect> {
    // A read-only window changes nothing, undo included.
    if s.read_only.is_some() {
        super::refuse_read_only(s);
        return Vec::new();
    }
    vec![Effect::Step(if undo { Step::Undo } else { Step::Redo })]
}
