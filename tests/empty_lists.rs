//! An empty list tells the truth: when every item of a tab is closed and
//! hidden, it says how many and which key shows them, not "nothing logged".

use crate::harness::Harness;

#[test]
fn a_tab_whose_items_are_all_closed_says_how_many_and_how_to_see_them() {
    let mut h = Harness::new(100, 20);
    h.keys("3astaging DB access<enter>");
    h.keys("astale VPN<enter>");
    // Both resolved: the list hides them.
    h.change_data(|d| {
        for b in &mut d.blockers {
            b.status = lane::model::BlockerStatus::Resolved;
        }
    });
    let screen = h.screen();
    assert!(
        screen.contains("No open blockers — 2 closed and hidden: c shows them."),
        "{screen}"
    );
    h.keys("c");
    let screen = h.screen();
    assert!(screen.contains("staging DB access"), "{screen}");
    // A new user with nothing at all still gets the invitation.
    let mut h = Harness::new(100, 20);
    h.keys("4");
    assert!(h.screen().contains("No decisions logged"));
}
