//! Whole-app snapshots: real key sequences through the keymap and `update`,
//! drawn on ratatui's TestBackend. Here the app as a whole: every tab at each
//! size, the forms, the help, the mouse, colours, wide characters, a read-only
//! session and conflicts. Each tab's own screens are in `priorities_tui.rs`,
//! `blocks_tui.rs`, `blockers_tui.rs` and `decisions_tui.rs`.

use crate::harness::{Harness, now};
use lane::context::Context;
use ratatui::crossterm::event::KeyModifiers;
use ratatui::layout::Rect;

/// A day's worth of data, typed in as a user would.
fn populated(width: u16, height: u16) -> Harness {
    let mut h = Harness::new(width, height);
    h.keys("1");
    h.keys("aShip billing v2<tab>Customers can pay by invoice<tab>errors < 0.1%<tab>fri<tab>high<tab>high<enter>");
    h.keys("aHire a data engineer<tab>Offer signed<tab><tab>2026-12-15<tab>high<tab>low<enter>");
    h.keys("aQuarterly roadmap draft<tab><tab><tab>+2w<tab>medium<tab>medium<enter>");
    h.keys("aClean up CI flakes<enter>k<space>");
    h.keys("2a9-10:30 billing spec<enter>a11:00 +30m standup<tab><tab><tab>meeting<enter>");
    h.keys("a14:00-16:00 review PRs<tab><tab><tab>shallow<enter>atomorrow plan<tab>9-10<tab>tomorrow<enter>");
    h.keys("3astaging DB access<tab>ops<enter>avendor API keys<tab>Dana (vendor)<enter>");
    h.keys("4aRetry policy for webhooks<tab>3 retries, backoff<tab>cheap to change<tab>yes<enter>");
    h.keys("aDrop the legacy export<tab>remove in v3<tab>nobody uses it<tab>no<enter>");
    h.keys("5aspec reviewed, invoices demoed<tab>CI flakes<tab>4<tab>good focus day<enter>");
    h
}

#[test]
fn every_tab_at_80x24_and_120x35() {
    for (w, hgt) in [(80, 24), (120, 35)] {
        let mut h = populated(w, hgt);
        for tab in ["1", "2", "3", "4", "5"] {
            h.keys(tab);
            let screen = h.screen();
            insta::assert_snapshot!(format!("tab{tab}_{w}x{hgt}"), screen);
        }
    }
}

#[test]
fn the_empty_app_explains_what_to_do() {
    let mut h = Harness::new(80, 24);
    insta::assert_snapshot!(h.screen());
}

#[test]
fn the_add_form_keeps_bad_input_and_shows_why() {
    let mut h = Harness::new(80, 24);
    h.keys("2aplanning<tab>25:00<enter>");
    insta::assert_snapshot!(h.screen());
    // The whole reason, example included, is in the message log.
    let logged = &h.state.said.back().unwrap().text;
    assert!(logged.ends_with("(try 9, 9:30 or 14:00)"), "{logged}");
    // Fixing the field saves it.
    h.keys("<c-u>13:00-14:00<enter>");
    assert_eq!(h.state.data().blocks[0].title, "planning");
    assert_eq!(h.io.saves, 1);
}

#[test]
fn the_help_overlay_lists_every_key_in_force() {
    let mut h = Harness::new(80, 24);
    h.keys("?");
    let screen = h.screen();
    insta::assert_snapshot!("help_80x24", screen);
    // Every default binding of the contexts in force is on screen.
    for b in h
        .keymap
        .context(Context::List)
        .iter()
        .chain(h.keymap.context(Context::Items))
    {
        assert!(screen.contains(&b.desc), "help lacks `{}`", b.desc);
    }
    h.keys("<esc>");
    let mut wide = Harness::new(200, 50);
    wide.keys("5?");
    insta::assert_snapshot!("help_review_200x50", wide.screen());
}

#[test]
fn delete_undo_redo_on_screen() {
    let mut h = populated(80, 24);
    h.keys("1gd");
    let after_delete = h.screen();
    assert!(after_delete.contains("deleted priority 1 “Ship billing v2” — u brings it back"));
    assert!(!after_delete.contains("Customers can pay"));
    h.keys("u");
    assert!(h.screen().contains("Ship billing v2"));
    h.keys("<c-r>");
    assert!(!h.screen().contains("Customers can pay"));
}

#[test]
fn reorder_with_shift_j_and_k() {
    let mut h = populated(120, 35);
    h.keys("1rgJ");
    let titles: Vec<&str> = h
        .state
        .data()
        .priorities
        .iter()
        .map(|p| p.title.as_str())
        .collect();
    assert_eq!(titles[..2], ["Hire a data engineer", "Ship billing v2"]);
    insta::assert_snapshot!(h.screen());
}

#[test]
fn a_read_only_session_says_so_in_the_header() {
    let mut h = populated(120, 35);
    h.state.read_only = Some("read-only: another lane (pid 4242) has this data open".into());
    h.keys("1d");
    insta::assert_snapshot!(h.screen());
}

#[test]
fn the_list_scrolls_to_keep_the_cursor_visible() {
    let mut h = Harness::new(80, 24);
    for i in 1..=40 {
        h.keys(&format!("aoutcome number {i}<enter>"));
    }
    h.keys("g");
    for _ in 0..25 {
        h.keys("j");
    }
    let screen = h.screen();
    assert!(screen.contains("outcome number 26"));
    assert!(!screen.contains("outcome number 1 "));
    insta::assert_snapshot!(screen);
}

#[test]
fn clicks_select_tabs_and_rows_and_the_wheel_scrolls() {
    use lane::app::mouse_action;
    use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let mut h = populated(80, 24);
    let area = Rect::new(0, 0, 80, 24);
    let click = |column, row| MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    };
    // The tab bar is line 2: " 1 Priorities   2 Time blocks   3 Blockers …"
    let screen = h.screen();
    let tab_line = screen.lines().nth(2).unwrap();
    let col = tab_line.find("3 Blockers").unwrap() as u16 - 1; // minus the opening quote
    let action = mouse_action(&h.state, area, click(col, 2)).unwrap();
    h.send(action.into());
    assert_eq!(h.state.tab, lane::tabs::Tab::Blockers);
    // Line 3 is the column header; line 5 is the second row.
    let action = mouse_action(&h.state, area, click(10, 5)).unwrap();
    h.send(action.into());
    assert_eq!(h.state.pos().selected, 1);
    assert_eq!(
        mouse_action(&h.state, area, click(10, 3)),
        None,
        "header row"
    );
    let wheel = MouseEvent {
        kind: MouseEventKind::ScrollUp,
        ..click(0, 5)
    };
    assert_eq!(
        mouse_action(&h.state, area, wheel),
        Some(lane::action::Action::Up)
    );
    // While a form is open the mouse does nothing.
    h.keys("a");
    assert_eq!(mouse_action(&h.state, area, click(col, 2)), None);
}

#[test]
fn no_color_still_marks_everything_with_bold_reverse_and_dim() {
    use lane::ui::theme;
    use ratatui::style::{Color, Modifier};
    let mut h = populated(120, 35);
    h.keys("1c"); // show the done one too
    theme::set(theme::MONO);
    h.screen();
    let buffer = h.term.backend().buffer().clone();
    let cells: Vec<_> = buffer.content().iter().collect();
    assert!(
        cells
            .iter()
            .all(|c| c.fg == Color::Reset && c.bg == Color::Reset),
        "no colour at all"
    );
    assert!(
        cells
            .iter()
            .any(|c| c.modifier.contains(Modifier::REVERSED)),
        "selection and header reverse"
    );
    assert!(
        cells
            .iter()
            .any(|c| c.modifier.contains(Modifier::CROSSED_OUT)),
        "done items struck"
    );
    for palette in [theme::DARK, theme::LIGHT, theme::HIGH_CONTRAST] {
        theme::set(palette);
        h.screen();
        let colored = h
            .term
            .backend()
            .buffer()
            .content()
            .iter()
            .filter(|c| c.fg != Color::Reset)
            .count();
        assert!(colored > 50, "{palette:?}");
    }
    theme::set(theme::DARK);
}

#[test]
fn every_tab_works_at_60x20() {
    let mut h = populated(60, 20);
    for tab in ["1", "2", "3", "4", "5"] {
        h.keys(tab);
        let screen = h.screen();
        insta::assert_snapshot!(format!("tab{tab}_60x20"), screen);
    }
    h.keys("1?");
    insta::assert_snapshot!("help_60x20", h.screen());
    h.keys("<esc>4a");
    insta::assert_snapshot!("decision_form_60x20", h.screen());
}

#[test]
fn help_scrolls_when_it_does_not_fit() {
    let mut h = Harness::new(60, 20);
    h.keys("?");
    let first = h.screen();
    assert!(first.contains("j/k scroll"), "{first}");
    assert!(!first.contains("previous field"), "the end is below");
    for _ in 0..60 {
        h.keys("j");
    }
    let last = h.screen();
    assert!(last.contains("previous field"), "{last}");
    h.keys("?");
    assert!(!h.screen().contains("Keys —"));
}

#[test]
fn wide_characters_keep_columns_aligned() {
    let mut h = Harness::new(80, 24);
    h.keys("a日本語のタイトル 🚀 launch<tab>成果<enter>aplain title<enter>");
    h.keys("2a9-10 会議 📅 sync<enter>");
    h.keys("1");
    let screen = h.screen();
    insta::assert_snapshot!("wide_chars_priorities", screen);
    // The I/U column starts at the same cell on the wide row as on the plain one.
    let buffer = h.term.backend().buffer().clone();
    let header: String = (0..80)
        .map(|x| buffer[(x, 3)].symbol().to_string())
        .collect();
    let col = header.find("I/U").unwrap() as u16;
    assert_eq!(buffer[(col, 4)].symbol(), "M", "wide row");
    assert_eq!(buffer[(col, 5)].symbol(), "M", "plain row");
    h.keys("2");
    let screen = h.screen();
    assert!(screen.contains("会議 📅 sync"), "{screen}");
}

/// A conflict shows in the header and under the item's detail until it is settled.
#[test]
fn a_conflict_shows_in_the_header_and_the_detail() {
    let mut h = Harness::new(120, 30);
    h.keys("aShip billing v2<enter>");
    let base = h.state.data().clone();
    let (mut mine, mut theirs) = (base.clone(), base.clone());
    mine.priorities[0].title = "Ship billing v2.1".into();
    theirs.priorities[0].title = "Ship billing v3".into();
    let mut uid = || "C1".to_string();
    let merged = lane::model::merge::merge(&base, &mine, &theirs, now(), &mut uid).unwrap();
    h.change_data(|d| *d = merged.data);
    let screen = h.screen();
    assert!(screen.contains("1 CONFLICT"), "{screen}");
    assert!(
        screen.contains("conflict 1: priority 1 title: kept"),
        "{screen}"
    );
    assert!(screen.contains("“Ship billing v2.1”"), "{screen}");
    insta::assert_snapshot!(screen);
}

/// A form open while someone else changes the item saves only what was typed in
/// it: a field changed outside keeps its new value, and the same field changed on
/// both sides is a conflict, not an overwrite.
#[test]
fn a_form_saved_after_an_outside_change_merges_instead_of_overwriting() {
    let mut h = Harness::new(120, 35);
    h.keys("aShip billing v2<enter>");
    // Edit: only Progress changes (the 7th field).
    h.keys("e<tab><tab><tab><tab><tab><tab>");
    h.change_data(|d| d.priorities[0].title = "Ship billing v3".into());
    h.keys("50<enter>");
    let p = &h.state.data().priorities[0];
    assert_eq!(
        (p.title.as_str(), p.progress),
        ("Ship billing v3", Some(50))
    );
    assert!(h.state.data().conflicts.is_empty());
    // Both change the title: ours is kept, theirs waits in a conflict.
    h.keys("e<c-u>mine");
    h.change_data(|d| d.priorities[0].title = "theirs".into());
    h.keys("<enter>");
    let d = h.state.data();
    assert_eq!(d.priorities[0].title, "mine");
    assert_eq!(d.conflicts.len(), 1);
    assert_eq!(
        d.conflicts[0].other.as_ref().and_then(|v| v.as_str()),
        Some("theirs")
    );
    assert!(
        h.screen()
            .contains("changed elsewhere too: both values kept")
    );
}

/// `L` shows the last messages in full, newest first: what the message line
/// cut at 80 columns is readable there; `L` or esc closes it.
#[test]
fn the_message_log_keeps_what_the_line_cut() {
    let mut h = crate::harness::Harness::new(80, 24);
    let long = "Ship billing v2 to every customer on the invoice plan, with tax lines and the PDF";
    h.keys(&format!("a{long}<enter>"));
    h.keys("aHire a data engineer<enter>");
    assert!(!h.screen().contains("the PDF"));
    h.keys("L");
    let screen = h.screen();
    assert!(screen.contains("Messages — newest first"), "{screen}");
    assert!(screen.contains("the PDF"), "{screen}");
    let newest = screen.find("Hire a data engineer").unwrap();
    let older = screen.find("Ship billing v2 to every").unwrap();
    assert!(newest < older, "{screen}");
    h.keys("L");
    assert!(!h.screen().contains("Messages — newest first"));
}
