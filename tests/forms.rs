//! Forms: a value nobody typed (a default, an offer) shows dimmed and the first
//! character typed replaces it, in every form that offers one.

use crate::harness::{Harness, now};
use lane::ui::theme;

#[test]
fn a_blockers_follow_up_offers_tomorrow_and_the_first_key_replaces_it() {
    let mut h = Harness::new(120, 35);
    h.keys("3astaging DB access<enter>F");
    assert_eq!(h.style_of("tomorrow").fg, theme::dim().fg);
    h.keys("fri<enter>");
    let friday = now().date() + chrono::Duration::days(4);
    assert_eq!(h.state.data().blockers[0].follow_up, Some(friday));
    // Set once, the date is the user's own: shown as it is and edited in place.
    h.keys("F");
    assert_ne!(h.style_of(&friday.to_string()).fg, theme::dim().fg);
}

#[test]
fn copying_a_day_offers_the_next_one_and_the_first_key_replaces_it() {
    let mut h = Harness::new(120, 35);
    h.keys("2a9-10 spec<enter>c");
    let tomorrow = now().date() + chrono::Duration::days(1);
    assert_eq!(h.style_of(&tomorrow.to_string()).fg, theme::dim().fg);
    h.keys("+2d<enter>");
    let copied = now().date() + chrono::Duration::days(2);
    assert_eq!(h.state.data().blocks_on(copied).count(), 1);
}
