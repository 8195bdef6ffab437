//! The two daily rituals driven by real key sequences, keys counted, each step
//! snapshotted; and the keymap check that their keys clash with no tab.

use crate::harness::{Harness, now};
use lane::context::Context;
use lane::model::day::overlaps;
use lane::model::rules::Rules;
use lane::model::{BlockKind, BlockResult, Data};
use lane::state::State;
use strum::IntoEnumIterator;

/// Five priorities, nothing in focus, nothing planned; a blocker whose follow-up
/// is due and a decision due for review: a Monday morning.
fn monday(width: u16, height: u16) -> Harness {
    let mut h = Harness::new(width, height);
    h.keys("1");
    h.keys("aShip billing v2<tab>Customers can pay by invoice<tab>errors < 0.1%<tab>fri<tab>high<tab>high<enter>");
    h.keys("aHire a data engineer<tab>Offer signed<tab><tab>2026-12-15<tab>high<tab>medium<enter>");
    h.keys("aQuarterly roadmap draft<tab><tab><tab>+2w<tab>medium<tab>medium<enter>");
    h.keys("aClean up CI flakes<tab><tab><tab><tab>low<tab>low<enter>");
    h.keys("aRenew TLS certificates<tab><tab><tab>+3w<tab>medium<tab>low<enter>");
    h.keys("3astaging DB access<tab>ops<tab>1<enter>F<c-u>today<enter>");
    h.keys("4aRetry policy for webhooks<tab>3 retries<tab>cheap to change<tab>yes<tab><tab><tab><tab><tab>today<enter>");
    h.keys("1");
    h.io.saves = 0;
    h.presses = 0;
    h
}

#[test]
fn a_practised_user_plans_a_day_in_at_most_25_keys() {
    let mut h = monday(120, 35);
    let header = |h: &mut Harness| h.screen().lines().next().unwrap().to_string();
    assert!(header(&mut h).contains("1 follow up"), "{}", header(&mut h));
    // p, carry over (nothing), 3 focus, 4 blocks, acknowledge 2 follow-ups, done.
    h.keys("p<enter>");
    h.keys("<space><space><space><enter>");
    h.keys("<space><space><space><space><enter>");
    h.keys("<enter><enter><enter>");
    println!("planned a day in {} keys", h.presses);
    assert!(h.presses <= 25, "{} keys", h.presses);
    assert_eq!(h.presses, 14);
    let d = &h.state.data();
    let focus: Vec<&str> = d
        .priorities
        .iter()
        .filter(|p| p.focus)
        .map(|p| p.title.as_str())
        .collect();
    assert_eq!(
        focus,
        [
            "Ship billing v2",
            "Hire a data engineer",
            "Quarterly roadmap draft"
        ]
    );
    let today: Vec<_> = d.blocks_on(now().date()).collect();
    assert_eq!(today.len(), 4);
    let hours = Rules::default().hours;
    for b in &today {
        assert_eq!(b.kind, BlockKind::Deep);
        assert!(b.priority.is_some());
        assert!(!overlaps(b, d), "{b:?}");
        assert!(!lane::model::day::outside_hours(b, &hours), "{b:?}");
    }
    // No run of deep work longer than max_deep_run_minutes (2h): breaks between.
    for (start, end) in lane::model::ritual::deep_runs(d, now().date()) {
        assert!((end - start).num_minutes() <= 120, "{start}–{end}");
    }
    // Every focus got a block; the first got two.
    for p in d.priorities.iter().filter(|p| p.focus) {
        assert!(
            today.iter().any(|b| b.priority == Some(p.id)),
            "{}",
            p.title
        );
    }
    // The longest morning slot first: 09:00 is the first quarter hour after 08:10.
    assert_eq!(
        today.iter().map(|b| b.start.to_string()).min().unwrap(),
        "09:00:00"
    );
    let plan = d.reviews[0].plan.as_ref().unwrap();
    assert!(plan.done);
    assert_eq!(plan.acknowledged_blockers, [1]);
    assert_eq!(plan.acknowledged_decisions, [1]);
    assert!(h.state.pass.is_none());
    assert!(h.io.saves > 0);
    // The follow-up acknowledged this morning no longer asks for attention.
    let top = header(&mut h);
    assert!(
        !top.contains("follow up") && !top.contains("follow-up"),
        "{top}"
    );
    insta::assert_snapshot!("plan_done_120x35", h.screen());
}

#[test]
fn each_plan_step_on_screen_at_80x24() {
    let mut h = monday(80, 24);
    h.keys("p");
    insta::assert_snapshot!("plan_1_carry_over", h.screen());
    h.keys("<enter><space>");
    insta::assert_snapshot!("plan_2_focus", h.screen());
    h.keys("<space><enter>");
    insta::assert_snapshot!("plan_3_blocks", h.screen());
    h.keys("<space>]+");
    insta::assert_snapshot!("plan_3_blocks_adjusted", h.screen());
    h.keys("<enter>");
    insta::assert_snapshot!("plan_4_follow_ups", h.screen());
    h.resize(120, 60);
    h.keys("?");
    let help = h.screen();
    for b in h.keymap.context(Context::Plan) {
        assert!(help.contains(&b.desc), "plan help lacks `{}`", b.desc);
    }
}

#[test]
fn leaving_the_plan_midway_keeps_it_and_p_resumes_there() {
    let mut h = monday(80, 24);
    h.keys("p<enter><space><space><enter><space>q");
    assert!(h.state.pass.is_none());
    assert!(
        h.screen()
            .contains("left the plan — p picks it up where you stopped")
    );
    let d = &h.state.data();
    assert_eq!(d.priorities.iter().filter(|p| p.focus).count(), 2);
    assert_eq!(d.blocks.len(), 1);
    assert_eq!(
        d.reviews[0].plan.as_ref().unwrap().step,
        2,
        "two steps done"
    );
    // The file on disk holds all of it: the state after a save is what is written.
    let text = lane::store::to_toml(d).unwrap();
    assert!(text.contains("[reviews.plan]"), "{text}");
    h.keys("p");
    let pass = h.state.pass.as_ref().unwrap();
    assert_eq!(pass.step, 2, "resumes at Block the day");
    assert!(
        h.screen()
            .contains("resuming this morning's plan at step 3")
    );
    // Esc walks back, and from the first step leaves.
    h.keys("<esc><esc><esc>");
    assert!(h.state.pass.is_none());
}

#[test]
fn yesterdays_leftovers_are_carried_or_dropped() {
    let mut h = monday(80, 24);
    // Friday's plan, never worked: one block kept, one dropped.
    let friday = now().date() - chrono::Duration::days(3);
    h.keys(&format!(
        "2a9-10 spec<tab><tab>{friday}<enter>a14-15 admin<tab><tab>{friday}<enter>1"
    ));
    h.keys("f");
    h.keys("p");
    insta::assert_snapshot!("plan_1_carry_over_with_leftovers", h.screen());
    // Rows: the focus, then the two blocks; drop the second block.
    h.keys("jj<space><enter>q");
    let d = &h.state.data();
    let on = |date| {
        d.blocks_on(date)
            .map(|b| (b.title.clone(), b.result))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        on(friday),
        [
            ("spec".to_string(), Some(BlockResult::Moved)),
            ("admin".to_string(), Some(BlockResult::Skipped))
        ]
    );
    assert_eq!(on(now().date()), [("spec".to_string(), None)]);
    assert!(d.priorities.iter().any(|p| p.focus), "the kept focus stays");
}

/// A planned Monday, lived: two blocks started, one not.
fn monday_evening(width: u16, height: u16) -> Harness {
    let mut h = monday(width, height);
    h.keys("p<enter><space><space><space><enter><space><space><space><space><enter><enter><enter><enter>");
    // Work the first two blocks (the timer marks them worked).
    h.keys("2g");
    h.keys("sssjs");
    h.presses = 0;
    h.io.saves = 0;
    h
}

#[test]
fn the_evening_review_saves_everything_and_offers_tomorrows_standup() {
    let mut h = monday_evening(120, 35);
    h.keys("v");
    insta::assert_snapshot!("review_1_blocks", h.screen());
    // Third block moved to tomorrow, fourth skipped; the first two were worked.
    // Marking a block moves to the next one.
    h.keys("jjm");
    assert_eq!(h.state.pass.as_ref().unwrap().cursor, 3);
    h.keys("s<enter>");
    insta::assert_snapshot!("review_2_progress", h.screen());
    h.keys("invoice PDF renders<enter><enter>outline written<enter>");
    insta::assert_snapshot!("review_3_blockers", h.screen());
    h.keys("t<enter>");
    insta::assert_snapshot!("review_4_decisions", h.screen());
    h.keys("P<enter>");
    insta::assert_snapshot!("review_5_close", h.screen());
    h.keys("<enter>");
    insta::assert_snapshot!("review_5_close_form", h.screen());
    h.keys("4<tab>invoices live in staging<enter>");
    let keys = h.presses;
    let typed = "invoice PDF renders".len()
        + "outline written".len()
        + 1
        + "invoices live in staging".len();
    println!(
        "reviewed a day in {keys} keys, {} of them commands",
        keys - typed
    );
    assert!(keys - typed <= 20, "{} command keys", keys - typed);
    insta::assert_snapshot!("review_standup_for_tomorrow", h.screen());

    let d = &h.state.data();
    let r = d.reviews.iter().find(|r| r.date == now().date()).unwrap();
    assert!(r.reviewed);
    assert_eq!(r.energy, Some(4));
    assert_eq!(r.wins, "invoices live in staging");
    assert_eq!(r.tomorrow, [1, 2, 3], "pre-filled from the ranking");
    let results: Vec<BlockResult> = r.blocks.iter().map(|b| b.result).collect();
    assert_eq!(
        results,
        [
            BlockResult::Worked,
            BlockResult::Worked,
            BlockResult::Moved,
            BlockResult::Skipped
        ]
    );
    assert_eq!(r.progress.len(), 3);
    assert_eq!(r.progress[1].note, "no change");
    assert_eq!(r.blockers.len(), 1);
    assert!(
        r.blockers[0].state.contains("still blocked"),
        "{}",
        r.blockers[0].state
    );
    assert_eq!(r.reported, [1]);
    // The day's totals are computed from its blocks, never kept in the review.
    assert_eq!(r.planned_minutes, None);
    assert_eq!(lane::model::day::planned_minutes(d, now().date()), 360);
    // Progress went into the update logs; the moved block is on Tuesday.
    let billing = &d.priorities[0];
    assert_eq!(billing.updates.last().unwrap().note, "invoice PDF renders");
    let tuesday = now().date() + chrono::Duration::days(1);
    assert_eq!(d.blocks_on(tuesday).count(), 1);
    // The blocker tried the next rung.
    assert_eq!(d.blockers[0].tried.len(), 1);
    // y copies the standup shown.
    h.keys("y");
    assert!(
        h.io.copied
            .last()
            .unwrap()
            .starts_with("# Standup — Tue 2026-11-24")
    );
    assert!(h.io.copied.last().unwrap().contains("invoice PDF renders"));
}

#[test]
fn review_notes_written_twice_change_the_update_not_add_one() {
    let mut h = monday_evening(80, 24);
    h.keys("v<enter>first<enter><enter><enter><esc>");
    assert_eq!(h.state.pass.as_ref().unwrap().step, 1);
    h.keys("<c-u>second<enter><enter><enter>q");
    let billing = &h.state.data().priorities[0];
    let today: Vec<&str> = billing
        .updates
        .iter()
        .filter(|u| u.date == now().date())
        .map(|u| u.note.as_str())
        .collect();
    assert_eq!(today, ["second"]);
}

#[test]
fn y_copies_the_report_of_each_tab() {
    let mut h = monday_evening(80, 24);
    for (tab, title) in [
        ("1", "# Weekly update"),
        ("2", "# Standup"),
        ("3", "# Standup"),
        ("4", "# Weekly update"),
        ("5", "# Review — Mon 2026-11-23"),
    ] {
        h.keys(tab).keys("y");
        assert!(h.io.copied.last().unwrap().starts_with(title), "tab {tab}");
    }
}

#[test]
fn a_read_only_session_can_look_at_a_ritual_but_not_change_anything() {
    let mut h = monday(80, 24);
    let before = h.state.data().clone();
    h.state.read_only = Some("another lane has the file".into());
    h.keys("p");
    assert!(h.state.pass.is_some(), "the plan opens to look at");
    // Going on would record the plan: it moves on, saying nothing is kept.
    h.keys("<enter>");
    assert!(h.screen().contains("nothing can be changed in this window"));
    assert_eq!(h.state.pass.as_ref().unwrap().step, 1);
    // Picking a focus is refused too; the cursor stays where it was.
    h.keys("<space>");
    assert!(h.screen().contains("nothing can be changed in this window"));
    assert_eq!(h.state.pass.as_ref().unwrap().cursor, 0);
    // Esc and q still leave.
    h.keys("<esc>q");
    assert!(h.state.pass.is_none(), "not trapped in the plan");
    assert_eq!(*h.state.data(), before);
    assert_eq!(h.io.saves, 0);
}

/// Every context stack the app uses resolves each key to one action, and no tab
/// shadows a key of [global] (the ritual keys work from every tab).
#[test]
fn the_default_keymap_has_no_conflicts() {
    let km = lane::keymap::Keymap::defaults().unwrap();
    for tab in lane::tabs::Tab::all() {
        let stack = tab.contexts();
        let active = km.active(&stack);
        for g in km.context(Context::Global) {
            let won = active.iter().find(|(_, b)| b.key == g.key).unwrap();
            assert_eq!(
                won.0,
                Context::Global,
                "{tab:?}: [{:?}] shadows global `{}`",
                won.0,
                g.key
            );
        }
        for key in ["p", "v", "y"] {
            assert!(
                active.iter().filter(|(_, b)| b.key == key).count() == 1,
                "{tab:?}: `{key}`"
            );
        }
    }
    // Within one context a key means one thing (TOML itself refuses a repeated key;
    // this also catches two spellings of one key).
    for ctx in Context::iter() {
        let bindings = km.context(ctx);
        for (i, b) in bindings.iter().enumerate() {
            if let Some(other) = bindings[..i].iter().find(|o| o.chord == b.chord) {
                panic!("[{ctx:?}] `{}` and `{}` are the same key", other.key, b.key);
            }
        }
    }
}

/// The journal opens on its newest day, in view above the charts, at 80×24.
#[test]
fn the_journal_opens_on_the_newest_day_above_the_charts() {
    let mut data = Data::default();
    for n in 0..30 {
        let date = now().date() - chrono::Duration::days(30 - n);
        lane::model::ritual::day_entry(&mut data, date, || format!("u{n}")).wins =
            format!("win {n}");
    }
    let mut h = Harness::new(80, 24);
    h.state = State::new(data, crate::harness::rules(), 1, now());
    h.resize(80, 24);
    h.keys("5");
    let screen = h.screen();
    assert!(screen.contains("win 29"), "{screen}");
    assert!(screen.contains("Last 14 days"), "{screen}");
    // A page up and down stays within the rows the list really has.
    h.keys("g");
    assert!(h.screen().contains("win 0"));
    h.keys("G");
    assert!(h.screen().contains("win 29"));
}

/// Resuming at the focus step picks last night's three — a change, saved at once.
#[test]
fn resuming_at_focus_saves_last_nights_picks() {
    let mut h = monday(80, 24);
    h.keys("p<enter>q");
    assert_eq!(h.state.data().reviews[0].plan.as_ref().unwrap().step, 1);
    let yesterday = now().date() - chrono::Duration::days(3);
    h.change_data(|d| {
        lane::model::ritual::day_entry(d, yesterday, || "y".into()).tomorrow = vec![2, 3]
    });
    h.io.saves = 0;
    h.keys("p");
    let focus: Vec<u32> = h
        .state
        .data()
        .priorities
        .iter()
        .filter(|p| p.focus)
        .map(|p| p.id)
        .collect();
    assert_eq!(focus, [2, 3]);
    assert_eq!(h.io.saves, 1, "the picks are saved, not left in memory");
}

/// The review's `?` lists every key of the review and of its typing step.
#[test]
fn the_review_help_lists_its_keys() {
    let mut h = monday_evening(120, 60);
    h.keys("v?");
    let help = h.screen();
    for b in h.keymap.context(Context::Evening) {
        assert!(help.contains(&b.desc), "review help lacks `{}`", b.desc);
    }
    // The progress step takes typing (`?` is text there), so its keys are listed here too.
    for b in h.keymap.context(Context::Notes) {
        assert!(help.contains(&b.desc), "notes help lacks `{}`", b.desc);
    }
}

#[test]
fn offered_values_in_the_rituals_are_replaced_by_the_first_key() {
    // The plan's `e`: the offered title goes at the first key typed.
    let mut h = monday(120, 35);
    h.keys("p<enter><space><enter>e");
    h.keys("Billing spec<enter>");
    let titles: Vec<String> = h
        .state
        .data()
        .blocks_on(now().date())
        .map(|b| b.title.clone())
        .collect();
    assert_eq!(titles, ["Billing spec"]);

    // The close's Tomorrow: the ranking's three, replaced by what is typed.
    let mut h = monday_evening(120, 35);
    h.keys("v<enter><enter><enter><enter><enter><enter><enter>");
    assert!(h.screen().contains("Tomorrow     1 2 3"));
    assert_eq!(h.style_of("1 2 3").fg, lane::ui::theme::dim().fg);
    h.keys("<tab><tab>4 3<enter>");
    let d = h.state.data();
    let r = d.reviews.iter().find(|r| r.date == now().date()).unwrap();
    assert_eq!(r.tomorrow, [4, 3]);
}

#[test]
fn copied_reports_are_named_by_kind_and_the_period_they_cover() {
    let mut h = monday_evening(120, 35);
    // The review ends on tomorrow's standup: named for Tuesday, not today.
    h.keys("v<enter><enter><enter><enter><enter><enter><enter><enter>y");
    h.keys("<esc>1y5y");
    assert_eq!(
        h.io.copied_names,
        ["standup-2026-11-24", "week-2026-W48", "review-2026-11-23"]
    );
}

/// Conflicts left by a merge get a step of their own before the close: space
/// keeps lane's value, o takes the other; the review then closes as usual.
#[test]
fn the_review_settles_conflicts_before_the_close() {
    let mut h = monday_evening(120, 35);
    let base = h.state.data().clone();
    let (mut mine, mut theirs) = (base.clone(), base.clone());
    mine.priorities[0].title = "mine first".into();
    theirs.priorities[0].title = "theirs first".into();
    mine.priorities[1].measure = "mine measure".into();
    theirs.priorities[1].measure = "theirs measure".into();
    let mut n = 0;
    let mut uid = || {
        n += 1;
        format!("C{n}")
    };
    let merged = lane::model::merge::merge(&base, &mine, &theirs, now(), &mut uid).unwrap();
    assert_eq!(merged.conflicts, 2);
    h.change_data(|d| *d = merged.data);
    h.keys("v");
    for _ in 0..12 {
        if h.state.pass.as_ref().is_some_and(|p| p.settling()) {
            break;
        }
        h.keys("<enter>");
    }
    let screen = h.screen();
    assert!(screen.contains("5 Conflicts › 6 Close the day"), "{screen}");
    assert!(
        screen.contains("space keeps lane's value · o takes the other"),
        "{screen}"
    );
    insta::assert_snapshot!(screen);
    h.keys("<space>o");
    let d = h.state.data();
    assert!(d.conflicts.is_empty(), "{:?}", d.conflicts);
    assert_eq!(d.priorities[0].title, "mine first");
    assert_eq!(d.priorities[1].measure, "theirs measure");
    assert!(h.screen().contains("Nothing left to settle"));
    h.keys("<enter>");
    assert!(
        h.screen().contains("energy, wins and tomorrow"),
        "the close follows"
    );
}

/// Looking writes nothing: opening the review and leaving it (back out of the
/// first step, or `q`) stores no block result — the screen's "assumed" marks
/// stay assumptions until the user marks a block or goes on past the step.
#[test]
fn opening_the_review_and_leaving_it_changes_nothing() {
    for leave in ["<esc>", "q"] {
        let mut h = monday_evening(120, 35);
        let before = h.state.data().clone();
        let saves = h.io.saves;
        h.keys("v");
        h.keys(leave);
        assert!(h.state.pass.is_none(), "{leave} left the review");
        assert_eq!(*h.state.data(), before, "{leave}");
        assert_eq!(h.io.saves, saves, "{leave}");
    }
    // A mark is stored at once; going on stores the rest as assumed.
    let mut h = monday_evening(120, 35);
    h.keys("vjjm");
    let marked = |h: &crate::harness::Harness| {
        h.state
            .data()
            .blocks
            .iter()
            .filter(|b| b.result.is_some())
            .count()
    };
    assert_eq!(marked(&h), 1);
    h.keys("<enter>");
    assert!(marked(&h) > 1);
}

/// On a day off the block step says so, not "no free 30 minutes".
#[test]
fn the_plan_on_a_day_off_says_it_is_a_day_off() {
    let mut h = monday(120, 35);
    h.keys("f");
    h.clock = chrono::NaiveDate::from_ymd_opt(2026, 11, 28)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap();
    h.keys("p<enter><enter>");
    let screen = h.screen();
    assert!(
        screen.contains("Saturday is a day off in your working hours"),
        "{screen}"
    );
    // On a working day with nothing in focus, the words say that instead.
    let mut h = monday(120, 35);
    h.keys("p<enter><enter>");
    let screen = h.screen();
    assert!(screen.contains("No outcome in focus to block"), "{screen}");
}

/// A block the plan made carries its outcome's title; renaming the outcome
/// renames the block (from today on); the plan's "Free:" line lists a
/// 15-minute gap the timeline shows.
#[test]
fn a_renamed_outcome_renames_its_planned_blocks_and_free_lists_quarter_hours() {
    let mut h = monday(120, 35);
    h.keys("p<enter><space><enter><space>");
    assert!(
        h.state
            .data()
            .blocks
            .iter()
            .any(|b| b.title == "Ship billing v2")
    );
    h.keys("<esc><esc><esc>1");
    let id = h
        .state
        .data()
        .priorities
        .iter()
        .find(|p| p.title == "Ship billing v2")
        .unwrap()
        .id;
    let row = h
        .state
        .view()
        .iter()
        .position(|&i| h.state.data().priorities[i].id == id)
        .unwrap();
    h.state.select(row);
    h.keys("e<c-u>Ship billing v3<enter>");
    let screen = h.screen();
    let titles: Vec<&str> = h
        .state
        .data()
        .blocks
        .iter()
        .map(|b| b.title.as_str())
        .collect();
    assert!(titles.contains(&"Ship billing v3"), "{titles:?} {screen}");
    assert!(!titles.contains(&"Ship billing v2"), "{titles:?}");
    // A block 10:45–17:15 leaves 17:15–17:30 free: the line says so.
    h.keys("2a10:45-17:15 admin<enter>p<enter><enter>");
    let screen = h.screen();
    assert!(screen.contains("17:15–17:30"), "{screen}");
}

/// A conflict is settled from the item itself: its details (enter on a narrow
/// screen) show it; space keeps lane's value, o takes the other's.
#[test]
fn a_conflict_is_settled_from_the_items_details() {
    let mut h = monday(80, 24);
    let base = h.state.data().clone();
    let (mut mine, mut theirs) = (base.clone(), base.clone());
    mine.priorities[0].title = "mine first".into();
    theirs.priorities[0].title = "theirs first".into();
    let mut n = 0;
    let mut uid = || {
        n += 1;
        format!("C{n}")
    };
    let merged = lane::model::merge::merge(&base, &mine, &theirs, now(), &mut uid).unwrap();
    h.change_data(|d| *d = merged.data);
    let row = h
        .state
        .view()
        .iter()
        .position(|&i| h.state.data().priorities[i].title == "mine first")
        .unwrap();
    h.state.select(row);
    h.keys("<enter>");
    let screen = h.screen();
    assert!(
        screen.contains("space keeps lane's value, o takes the other"),
        "{screen}"
    );
    h.keys("o");
    assert!(h.state.data().conflicts.is_empty());
    assert!(
        h.state
            .data()
            .priorities
            .iter()
            .any(|p| p.title == "theirs first")
    );
    let said = h.state.message.as_ref().unwrap().text.clone();
    assert!(said.contains("is now “theirs first”"), "{said}");
    assert_eq!(h.io.saves, 1, "saved at once");
}
