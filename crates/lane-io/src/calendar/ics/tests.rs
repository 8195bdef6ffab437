use super::*;

#[test]
fn durations_read_as_rfc_5545_writes_them() {
    assert_eq!(duration("PT1H30M"), Some(Duration::minutes(90)));
    assert_eq!(duration("P1D"), Some(Duration::days(1)));
    assert_eq!(duration("P2W"), Some(Duration::days(14)));
    assert_eq!(duration("-PT15M"), Some(Duration::minutes(-15)));
    assert_eq!(duration("P0DT0H10M0S"), Some(Duration::minutes(10)));
    for bad in [
        "",
        "P",
        "PT",
        "1H",
        "PT1X",
        "PT99999999999999999999H",
        "PT1H3",
    ] {
        assert_eq!(duration(bad), None, "{bad}");
    }
}

#[test]
fn folded_lines_quoted_zones_and_escaped_text_are_read() {
    let text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTART;TZID=\"Pacific Standard Time\":20261201T080000\r\nDURATION:PT1H\r\nSUMMARY:a\\, b\\; c\r\n  d\r\nEXDATE;VALUE=DATE:20261202,20261203\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let p = parse(text).unwrap();
    let e = &p.events[0];
    assert_eq!(e.summary, "a, b; c d");
    assert_eq!(
        e.start,
        When::Local(
            NaiveDateTime::parse_from_str("20261201T080000", "%Y%m%dT%H%M%S").unwrap(),
            Some("Pacific Standard Time".into())
        )
    );
    assert_eq!(e.exdates.len(), 2);
    assert!(e.exdates.iter().all(When::is_date));
}

#[test]
fn a_character_folded_in_two_is_whole_again() {
    // `Café ☃` folded between the bytes of é and of ☃, as a 75-octet folder may.
    let mut bytes = b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTART:20261201T080000Z\r\nDURATION:PT1H\r\nSUMMARY:Caf\xc3".to_vec();
    bytes.extend_from_slice(b"\r\n \xa9 \xe2\x98");
    bytes.extend_from_slice(b"\n\t\x83\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
    let p = parse(&decode(&bytes)).unwrap();
    assert_eq!(p.events[0].summary, "Café ☃");
    // A stray byte is replaced, not the end of the calendar.
    let stray = decode(b"BEGIN:VCALENDAR\nSUMMARY:a\xffb\n");
    assert!(stray.contains("a\u{fffd}b"));
}

#[test]
fn offsets_are_checked() {
    assert_eq!(offset("+0100"), Some(3600));
    assert_eq!(offset("-0530"), Some(-(5 * 3600 + 30 * 60)));
    assert_eq!(offset("+013045"), Some(3600 + 30 * 60 + 45));
    for bad in ["0100", "+1", "+9999", "+ab00", "", "+2400"] {
        assert_eq!(offset(bad), None, "{bad}");
    }
}

#[test]
fn an_event_without_a_uid_is_known_by_its_content() {
    let event = |stamp: &str, start: &str, eol: &str| {
        let text = [
            "BEGIN:VCALENDAR",
            "BEGIN:VEVENT",
            stamp,
            start,
            "DURATION:PT1H",
            "SUMMARY:Review",
            "END:VEVENT",
            "END:VCALENDAR",
            "",
        ]
        .join(eol);
        parse(&text).unwrap().events[0].uid.clone()
    };
    let first = event("DTSTAMP:20261201T000000Z", "DTSTART:20261207T100000", "\n");
    assert!(first.ends_with("@content"), "{first}");
    // Exported again later, with other line ends: the same event.
    assert_eq!(
        event(
            "DTSTAMP:20261205T120000Z",
            "DTSTART:20261207T100000",
            "\r\n"
        ),
        first
    );
    // Moved: another.
    assert_ne!(
        event("DTSTAMP:20261201T000000Z", "DTSTART:20261207T103000", "\n"),
        first
    );
}
