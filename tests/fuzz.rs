//! Property tests: arbitrary bytes never panic the loader, arbitrary key sequences
//! never panic `update` or the renderer at any terminal size, and what is saved
//! loads back equal. Counts: `cases(default, long)`, each test of a block runs
//! them; LANE_LONG_TESTS=1 runs the long form.

use std::path::Path;

use lane::action::{Action, ActionKind};
use lane::keymap::Keymap;
use lane::model::rules::Rules;
use lane::model::{Data, Kind};
use lane::runner::dispatch;
use lane::state::State;
use lane::store::{parse, to_toml};
use lane::ui;
use strum::IntoEnumIterator;

use crate::harness::MemoryIo;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use tui_input::InputRequest;

use crate::common::{cases, now};

const SAMPLE: &str = include_str!("fixtures/realistic.toml");

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::with_cases(cases(3_000, 1_000_000)) })]

    #[test]
    fn arbitrary_bytes_never_panic_the_loader(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = parse(Path::new("lane.toml"), &bytes);
    }

    #[test]
    fn mangled_real_files_never_panic_the_loader(cut in 0usize..SAMPLE.len(), at in 0usize..SAMPLE.len(), byte in any::<u8>()) {
        let mut bytes = SAMPLE.as_bytes()[..cut.max(at)].to_vec();
        if at < bytes.len() {
            bytes[at] = byte;
        }
        let _ = parse(Path::new("lane.toml"), &bytes);
    }
}

/// Every action there is (listed from the enum itself, so a new one is fuzzed
/// without touching this file), plus typing, clicking and resizing with data.
fn action() -> impl Strategy<Value = Action> {
    let plain: Vec<Action> = ActionKind::iter().filter_map(ActionKind::plain).collect();
    // Only the four actions that carry data have no plain form; they get data below.
    let with_data: Vec<ActionKind> = ActionKind::iter().filter(|k| k.plain().is_none()).collect();
    assert_eq!(
        with_data,
        [
            ActionKind::Input,
            ActionKind::SelectTab,
            ActionKind::SelectRow,
            ActionKind::Resize
        ],
        "an action with data needs a strategy here"
    );
    let bindable = plain;
    prop_oneof![
        4 => proptest::sample::select(bindable),
        3 => proptest::char::any().prop_map(|c| Action::Input(InputRequest::InsertChar(c))),
        2 => proptest::sample::select(vec!['9', '-', '1', '0', ':', ' ', 'x', 'h', 'y', 'n', '+', 'm', 't'])
            .prop_map(|c| Action::Input(InputRequest::InsertChar(c))),
        1 => Just(Action::Input(InputRequest::DeletePrevChar)),
        1 => (0usize..8).prop_map(Action::SelectTab),
        1 => (0usize..50).prop_map(Action::SelectRow),
        1 => ((0usize..60), any::<bool>()).prop_map(|(rows, wide)| Action::Resize { rows, wide }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::with_cases(cases(2_000, 100_000)) })]

    #[test]
    fn any_key_sequence_at_any_size_never_panics(
        actions in proptest::collection::vec(action(), 1..60),
        width in 1u16..220,
        height in 1u16..60,
        minutes in 0i64..(3 * 24 * 60),
    ) {
        let data = parse(Path::new("lane.toml"), SAMPLE.as_bytes()).unwrap();
        let t = now() + chrono::Duration::minutes(minutes);
        let mut state = State::new(data, Rules::default(), 7, t);
        let keymap = Keymap::defaults().unwrap();
        let mut term = Terminal::new(TestBackend::new(width, height)).unwrap();
        // Effects run as in the app (saves, copies, the archive), in memory.
        let mut io = MemoryIo::default();
        let resize = ui::layout::resize_action(Rect::new(0, 0, width, height));
        dispatch(&mut state, resize.into(), &mut io, || t);
        for (i, a) in actions.into_iter().enumerate() {
            dispatch(&mut state, a.into(), &mut io, || t);
            if i % 8 == 0 {
                term.draw(|f| ui::draw(f, &state, &keymap, t)).unwrap();
            }
        }
        term.draw(|f| ui::draw(f, &state, &keymap, t)).unwrap();
        // Whatever happened, the data still saves and loads back the same.
        let text = to_toml(state.data()).unwrap();
        let back = parse(Path::new("lane.toml"), text.as_bytes()).unwrap();
        prop_assert_eq!(&back, state.data());
    }
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-zA-Z0-9 ,.;:'\"#\\\\/()\\[\\]{}=<>!?é€日-]{1,40}",
        any::<String>().prop_map(|s| s
            .chars()
            .filter(|c| !c.is_control() || *c == '\n')
            .take(30)
            .collect()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::with_cases(cases(2_000, 1_000_000)) })]

    /// load(save(data)) == data for data built from arbitrary typed text.
    #[test]
    fn saving_and_loading_round_trips(
        titles in proptest::collection::vec((text(), text(), text()), 1..6),
        days in proptest::collection::vec(-400i64..400, 1..6),
    ) {
        let mut data = Data::default();
        let hours = lane::model::WorkingHours::default();
        for (i, ((a, b, c), d)) in titles.iter().zip(days.iter().cycle()).enumerate() {
            let day = (now().date() + chrono::Duration::days(*d)).to_string();
            let kind = Kind::ALL[i % 5];
            let first = lane::model::form::fields(kind)[0].key;
            let title = if a.trim().is_empty() { format!("item {i}") } else { a.clone() };
            let mut values = lane::model::form::initial_values(&data, kind, None, now().date())
                .with(first, title);
            match kind {
                Kind::Priority => values.set("outcome", b.clone()),
                Kind::Block => values = values.with("time", "9-10").with("date", day),
                Kind::Blocker => values.set("waiting_on", b.clone()),
                Kind::Review => values = values.with("carry_over", b.clone()).with("date", day),
                Kind::Decision => values = values.with("call", b.clone()).with("rationale", c.clone()),
            }
            let boundaries = lane::model::triage::Boundaries::default();
            let ctx = lane::model::form::Ctx { now: now(), hours: &hours, boundaries: &boundaries, uid: format!("U{i}") };
            let _ = lane::model::form::save(&mut data, kind, None, &values, ctx);
        }
        data.extra.insert("note".into(), toml::Value::String(titles[0].2.clone()));
        let text = to_toml(&data).unwrap();
        let back = parse(Path::new("lane.toml"), text.as_bytes()).unwrap();
        prop_assert_eq!(back, data);
    }
}
