use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}
fn t(s: &str) -> NaiveTime {
    NaiveTime::parse_from_str(s, "%H:%M").unwrap()
}
// Monday 23 November 2026, 08:10.
fn now() -> NaiveDateTime {
    d("2026-11-23").and_time(NaiveTime::from_hms_opt(8, 10, 42).unwrap())
}
const TODAY: &str = "2026-11-23";

#[test]
fn dates_in_words() {
    let today = d(TODAY);
    assert_eq!(parse_date("today", today), Ok(today));
    assert_eq!(parse_date(" Tomorrow ", today), Ok(d("2026-11-24")));
    assert_eq!(parse_date("yesterday", today), Ok(d("2026-11-22")));
}

#[test]
fn weekday_names_mean_the_next_such_day_today_included() {
    let today = d(TODAY); // a Monday
    assert_eq!(parse_date("fri", today), Ok(d("2026-11-27")));
    assert_eq!(parse_date("friday", today), Ok(d("2026-11-27")));
    assert_eq!(parse_date("mon", today), Ok(today));
    assert_eq!(parse_date("sun", today), Ok(d("2026-11-29")));
    assert_eq!(parse_date("tue", today), Ok(d("2026-11-24")));
}

#[test]
fn offsets_in_days_and_weeks() {
    let today = d(TODAY);
    assert_eq!(parse_date("+3d", today), Ok(d("2026-11-26")));
    assert_eq!(parse_date("+3", today), Ok(d("2026-11-26")));
    assert_eq!(parse_date("+2w", today), Ok(d("2026-12-07")));
    assert_eq!(parse_date("-1d", today), Ok(d("2026-11-22")));
    assert!(
        parse_date("+3x", today)
            .unwrap_err()
            .contains("unknown unit")
    );
    assert!(parse_date("+d", today).is_err());
}

#[test]
fn iso_dates_and_nonsense() {
    let today = d(TODAY);
    assert_eq!(parse_date("2026-12-01", today), Ok(d("2026-12-01")));
    assert!(
        parse_date("2026-13-01", today)
            .unwrap_err()
            .contains("not a date")
    );
    assert!(parse_date("soon", today).unwrap_err().contains("`soon`"));
    assert!(parse_date("", today).is_err());
    assert!(
        parse_date("f", today).is_err(),
        "one letter is too ambiguous"
    );
}

#[test]
fn clock_times() {
    assert_eq!(parse_time("9"), Ok(t("09:00")));
    assert_eq!(parse_time("9:30"), Ok(t("09:30")));
    assert_eq!(parse_time("09:30"), Ok(t("09:30")));
    assert_eq!(parse_time("14"), Ok(t("14:00")));
    assert_eq!(parse_time("930"), Ok(t("09:30")));
    assert_eq!(parse_time("1415"), Ok(t("14:15")));
    assert_eq!(parse_time("2pm"), Ok(t("14:00")));
    assert_eq!(parse_time("2:30 pm"), Ok(t("14:30")));
    assert_eq!(parse_time("12am"), Ok(t("00:00")));
    assert!(parse_time("25:00").is_err());
    assert!(parse_time("9:7").is_err());
    assert!(parse_time("nine").is_err());
    // Found by the fuzzer: multi-byte characters where digits were expected.
    assert!(parse_time("1kx`\u{aa12c}/\u{a65a2}").is_err());
    assert!(parse_time("9\u{e9}30").is_err());
    assert!(parse_span("1\u{e9}\u{e9}-2", now()).is_err());
}

#[test]
fn durations() {
    assert_eq!(parse_duration("90m"), Ok(90));
    assert_eq!(parse_duration("+90m"), Ok(90));
    assert_eq!(parse_duration("1h"), Ok(60));
    assert_eq!(parse_duration("1h30m"), Ok(90));
    assert_eq!(parse_duration("1h30"), Ok(90));
    assert_eq!(parse_duration("1.5h"), Ok(90));
    assert_eq!(parse_duration("45"), Ok(45));
    assert!(parse_duration("0m").is_err());
    assert!(parse_duration("25h").is_err());
    assert!(parse_duration("soon").is_err());
}

#[test]
fn spans_in_every_form() {
    let span = |s| parse_span(s, now());
    assert_eq!(
        span("9"),
        Ok(Span {
            start: t("09:00"),
            end: None
        })
    );
    assert_eq!(
        span("9-10:30"),
        Ok(Span {
            start: t("09:00"),
            end: Some(t("10:30"))
        })
    );
    assert_eq!(
        span("14:00-15:30"),
        Ok(Span {
            start: t("14:00"),
            end: Some(t("15:30"))
        })
    );
    assert_eq!(
        span("14:00 +90m"),
        Ok(Span {
            start: t("14:00"),
            end: Some(t("15:30"))
        })
    );
    assert_eq!(
        span("14:00+90m"),
        Ok(Span {
            start: t("14:00"),
            end: Some(t("15:30"))
        })
    );
    assert_eq!(
        span("now +45m"),
        Ok(Span {
            start: t("08:10"),
            end: Some(t("08:55"))
        })
    );
    assert_eq!(
        span("now"),
        Ok(Span {
            start: t("08:10"),
            end: None
        })
    );
    assert!(span("10-9").unwrap_err().contains("after the start"));
    assert!(span("23:00 +2h").unwrap_err().contains("midnight"));
    assert!(span("9-").is_err());
}

#[test]
fn a_leading_time_is_split_off_a_title() {
    let split = |s| split_leading_span(s, now()).map(Result::unwrap);
    assert_eq!(
        split("9-10:30 billing spec"),
        Some((
            Span {
                start: t("09:00"),
                end: Some(t("10:30"))
            },
            "billing spec".into()
        ))
    );
    assert_eq!(
        split("14:00 +90m review PRs"),
        Some((
            Span {
                start: t("14:00"),
                end: Some(t("15:30"))
            },
            "review PRs".into()
        ))
    );
    assert_eq!(
        split("now +45m write tests"),
        Some((
            Span {
                start: t("08:10"),
                end: Some(t("08:55"))
            },
            "write tests".into()
        ))
    );
    assert_eq!(split("billing spec"), None);
    assert_eq!(split("3 retries"), None);
    assert_eq!(split("2-factor auth rollout"), None);
    let bad = split_leading_span("25:00 review", now());
    assert!(bad.unwrap().unwrap_err().contains("`25:00` is not a time"));
    assert_eq!(
        split("9:30 standup"),
        Some((
            Span {
                start: t("09:30"),
                end: None
            },
            "standup".into()
        ))
    );
    assert_eq!(
        split("2026 planning"),
        None,
        "not a time: 20:26 would be a surprise"
    );
}

#[test]
fn huge_or_impossible_numbers_are_refused_not_panicked_on() {
    let today = d(TODAY);
    for input in [
        "+1000000000000000d",
        "+99999999999w",
        "-99999999999w",
        "+9223372036854775807d",
        "-9223372036854775808d",
        "+99999999999999999999999d",
        "+1317624576693539401w",
        "+2913000d",
    ] {
        let err = parse_date(input, today).unwrap_err();
        assert!(err.contains("out of range"), "{input}: {err}");
    }
    assert!(parse_date("+262142-12-31", today).is_err());
    assert!(parse_date("10000-01-01", today).is_err());
    assert!(parse_date("1899-12-31", today).is_err());
    assert_eq!(parse_date("9999-12-31", today), Ok(d("9999-12-31")));
    assert!(parse_date("tomorrow", d("9999-12-31")).is_err());
    assert!(parse_date("yesterday", d("1900-01-01")).is_err());
    for input in [
        "0",
        "+0",
        "-30",
        "+-30",
        "9223372036854775807",
        "-9223372036854775808",
        "99999999999999999999999",
        "1441",
        "25h",
        "0.4m",
    ] {
        let err = parse_duration(input).unwrap_err();
        assert!(err.contains("between 1m and 24h"), "{input}: {err}");
    }
    assert_eq!(parse_duration("1440"), Ok(1440));
    assert_eq!(parse_duration("24h"), Ok(1440));
}

#[test]
fn a_span_never_ends_where_or_before_it_starts() {
    for input in [
        "14:00 +0",
        "14:00 +-30",
        "14:00 +0m",
        "now +0",
        "now +-30",
        "14:00 +9223372036854775807",
        "14:00 +-9223372036854775808",
        "14:00-14:00",
    ] {
        assert!(parse_span(input, now()).is_err(), "{input}");
    }
    let split = split_leading_span("14:00 +0 zero", now()).unwrap();
    assert!(split.unwrap_err().contains("between 1m and 24h"));
    assert!(
        parse_span("00:01 +24h", now())
            .unwrap_err()
            .contains("midnight")
    );
    assert_eq!(
        parse_span("00:00 +24h", now()).map(|s| s.end),
        Ok(Some(crate::model::time_of_day::END_OF_DAY)),
        "the whole day ends at 24:00"
    );
    assert_eq!(
        parse_span("00:00 +1439m", now()).map(|s| s.end),
        Ok(Some(t("23:59")))
    );
}

#[test]
fn energy_and_yes_no() {
    assert_eq!(parse_energy(""), Ok(None));
    assert_eq!(parse_energy("4"), Ok(Some(4)));
    assert!(parse_energy("6").is_err());
    assert!(parse_energy("0").is_err());
    assert_eq!(parse_yes_no("Yes"), Ok(true));
    assert_eq!(parse_yes_no("n"), Ok(false));
    assert!(parse_yes_no("maybe").is_err());
    assert_eq!(parse_money("1 200"), Ok(Some(1200.0)));
    assert_eq!(parse_money("12k"), Ok(Some(12000.0)));
    assert_eq!(parse_money("1,234.50"), Ok(Some(1234.5)));
    assert_eq!(parse_money(""), Ok(None));
    assert!(parse_money("-5").unwrap_err().contains("negative"));
    assert!(parse_money("lots").is_err());
    assert_eq!(parse_percent("40%"), Ok(Some(40)));
    assert_eq!(parse_percent(" "), Ok(None));
    assert!(parse_percent("140").is_err());
}
