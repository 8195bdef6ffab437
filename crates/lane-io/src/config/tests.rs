use super::*;

#[test]
fn no_color_wins_over_any_theme() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(CONFIG_FILE), "theme = \"high-contrast\"\n").unwrap();
    let config = Config::load(dir.path()).unwrap();
    assert_eq!(config.palette(false), theme::HIGH_CONTRAST);
    assert!(!config.palette(true).color);
}

#[test]
fn a_top_level_key_inside_a_table_says_where_it_belongs() {
    let text = "silence_days = 2\n[working_hours]\nmon = \"09:00-17:00\"\nmouse = false\n";
    let err = Config::parse(text, Path::new("config.toml"), None).unwrap_err();
    assert!(
        err.to_string().starts_with(
            "config.toml:4:1: `mouse` is inside [working_hours]: top-level keys go before the first table"
        ),
        "{err}"
    );
    // In its place it is fine; a key of a table's own is left to the table.
    let fixed = "mouse = false\n[working_hours]\nmon = \"09:00-17:00\"\n";
    assert!(!Config::parse(fixed, Path::new("c"), None).unwrap().mouse);
    let typo = "[boundaries]\nspend_limt = 3\n";
    let err = Config::parse(typo, Path::new("c"), None).unwrap_err();
    assert!(
        err.to_string().contains("did you mean `spend_limit`"),
        "{err}"
    );
}

#[test]
fn the_deep_run_cap_defaults_to_two_hours_and_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        Config::load(dir.path()).unwrap().rules.max_deep_run_minutes,
        120
    );
    let c = |text: &str| Config::parse(text, Path::new("c"), None);
    assert_eq!(
        c("max_deep_run_minutes = 0\n")
            .unwrap()
            .rules
            .max_deep_run_minutes,
        0
    );
    assert_eq!(
        c("max_deep_run_minutes = 90\n")
            .unwrap()
            .rules
            .max_deep_run_minutes,
        90
    );
    let err = c("max_deep_run_minutes = -5\n").unwrap_err();
    assert!(
        err.to_string().contains("it must be from 0 to 1440"),
        "{err}"
    );
    let err = c("[working_hours]\nmax_deep_run_minutes = 90\n").unwrap_err();
    assert!(
        err.to_string().contains("top-level keys go before"),
        "{err}"
    );
}

#[test]
fn numbers_out_of_their_range_say_where() {
    let cases = [
        (
            "archive_after_days = 200000000000\n",
            "c:1:22: archive_after_days is 200000000000; it must be from 1 to 36500",
        ),
        (
            "archive_after_days = 0\n",
            "c:1:22: archive_after_days is 0",
        ),
        (
            "silence_days = 4294967295\n",
            "c:1:16: silence_days is 4294967295; it must be from 0 to 365",
        ),
        ("silence_days = 4294967296\n", "c:1:16: invalid value"),
        (
            "blocker_timebox_hours = 1e300\n",
            "c:1:25: blocker_timebox_hours is 1e300",
        ),
        (
            "blocker_timebox_hours = nan\n",
            "c:1:25: blocker_timebox_hours is NaN",
        ),
        (
            "blocker_timebox_hours = 0\n",
            "c:1:25: blocker_timebox_hours must be more than 0",
        ),
        (
            "deep_minutes_goal = -9223372036854775808\n",
            "c:1:21: deep_minutes_goal is -9223372036854775808; it must be from 0 to 1440",
        ),
        (
            "[boundaries]\nspend_limit = inf\n",
            "c:2:15: [boundaries] spend_limit must be 0 or more",
        ),
        (
            "[working_hours]\nmon = \"09:00-25:00\"\n",
            "c:2:7: [working_hours] mon: `25:00` is not a time",
        ),
        (
            "respond_within_hours = -1\n",
            "c:1:24: respond_within_hours is -1.0; it must be from 0 to 1000",
        ),
        (
            "respond_within_hours = nan\n",
            "c:1:24: respond_within_hours is NaN",
        ),
        ("theme = \"neon\"\n", "c:1:9: theme `neon` is not one of"),
        (
            "checkpoint_days = 21\n",
            "c:1:19: checkpoint_days is 21; it must be from 0 to 20",
        ),
        ("checkpoint_days = -1\n", "c:1:19: invalid value"),
    ];
    for (text, expected) in cases {
        let err = Config::parse(text, Path::new("c"), None).unwrap_err();
        assert!(err.to_string().starts_with(expected), "{text}: {err}");
    }
    let edges = "silence_days = 365\narchive_after_days = 36500\nblocker_timebox_hours = 1000\n";
    let config = Config::parse(edges, Path::new("c"), None).unwrap();
    assert_eq!(config.rules.archive_after_days, 36_500);
    let config = Config::parse("checkpoint_days = 0\n", Path::new("c"), None).unwrap();
    assert_eq!(config.rules.checkpoint_days, 0);
    let config = Config::parse("", Path::new("c"), None).unwrap();
    assert_eq!(config.rules.checkpoint_days, 2, "the default");
}

#[test]
fn the_shipped_file_says_exactly_the_built_in_values() {
    // No run parses assets/config.toml: the built-in values stand for it, so
    // the two must never drift apart.
    let shipped = Config::parse(DEFAULT_CONFIG, Path::new("assets/config.toml"), None).unwrap();
    assert_eq!(shipped, Config::built_in());
    assert_eq!(
        Config::load(tempfile::tempdir().unwrap().path()).unwrap(),
        shipped
    );
}
