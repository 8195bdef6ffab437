//! What a `TZID` means: an IANA name, a Windows name ("Pacific Standard Time",
//! as Outlook and Exchange write), the file's own VTIMEZONE, UTC, or nothing
//! (floating: the calendar's `X-WR-TIMEZONE`, else the user's own zone).

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::str::FromStr;
use std::sync::Arc;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

use super::ics::{VTimezone, When};

#[derive(Debug, Clone)]
pub enum Zone {
    Utc,
    Iana(Tz),
    /// A VTIMEZONE no name of which lane knows: its own rules, worked out.
    Defined(Arc<Onsets>),
    /// The user's zone (floating times, unknown names).
    Floating,
}

/// The zones of one calendar file.
pub struct Zones<'a> {
    defined: &'a [VTimezone],
    default: Zone,
    /// Names lane could not place, to say so once.
    pub unknown: RefCell<Vec<String>>,
    /// The onsets of each defined zone used so far, by its TZID.
    onsets: RefCell<HashMap<String, Arc<Onsets>>>,
    /// Every TZID looked up so far.
    resolved: RefCell<HashMap<String, Zone>>,
    /// How many more observance rules may be expanded (`MAX_ZONE_RULES`).
    rules_left: Cell<usize>,
    /// What the zones could not do, to say with the calendar's skipped lines.
    pub skipped: RefCell<Vec<String>>,
}

/// An IANA or Windows name, also inside a path-like TZID
/// (`/mozilla.org/20050126_1/Europe/Berlin`).
fn named(name: &str) -> Option<Zone> {
    let name = name.trim().trim_matches('"');
    if ["UTC", "GMT", "Z", "Etc/UTC", "Etc/GMT"]
        .iter()
        .any(|u| name.eq_ignore_ascii_case(u))
    {
        return Some(Zone::Utc);
    }
    if let Ok(tz) = Tz::from_str(name) {
        return Some(Zone::Iana(tz));
    }
    if let Ok(w) = windows_timezones::WindowsTimezone::from_str(name) {
        return Some(Zone::Iana(Tz::from(w)));
    }
    // The last two parts of a path, then the last one.
    let parts: Vec<&str> = name.split('/').filter(|p| !p.is_empty()).collect();
    (parts.len() >= 2)
        .then(|| parts[parts.len() - 2..].join("/"))
        .and_then(|tail| Tz::from_str(&tail).ok())
        .map(Zone::Iana)
}

impl<'a> Zones<'a> {
    pub fn new(defined: &'a [VTimezone], default: Option<&str>) -> Zones<'a> {
        Zones {
            defined,
            default: default.and_then(named).unwrap_or(Zone::Floating),
            unknown: Default::default(),
            onsets: Default::default(),
            resolved: Default::default(),
            rules_left: Cell::new(MAX_ZONE_RULES),
            skipped: Default::default(),
        }
    }

    /// The zone a TZID names, looked up once per name: every time of every
    /// occurrence asks, and the lookup walks the file's zones.
    pub fn zone(&self, tzid: Option<&str>) -> Zone {
        let Some(tzid) = tzid else {
            return self.default.clone();
        };
        if let Some(known) = self.resolved.borrow().get(tzid) {
            return known.clone();
        }
        let zone = self.look_up(tzid);
        self.resolved
            .borrow_mut()
            .insert(tzid.to_string(), zone.clone());
        zone
    }

    fn look_up(&self, tzid: &str) -> Zone {
        if let Some(z) = named(tzid) {
            return z;
        }
        // Names compare without their escapes (`Kolkata\, Chennai` in one place,
        // `"Kolkata, Chennai"` in the other).
        let plain = |s: &str| s.trim_matches('"').replace('\\', "");
        if let Some(def) = self.defined.iter().find(|z| plain(&z.tzid) == plain(tzid)) {
            return def
                .location
                .as_deref()
                .and_then(named)
                .unwrap_or_else(|| Zone::Defined(self.onsets_of(def)));
        }
        // Each name is looked up once (`zone` keeps the answer): said once.
        self.unknown.borrow_mut().push(tzid.to_string());
        Zone::Floating
    }

    fn onsets_of(&self, def: &VTimezone) -> Arc<Onsets> {
        if let Some(known) = self.onsets.borrow().get(&def.tzid) {
            return known.clone();
        }
        let made = Arc::new(Onsets::of(
            def,
            &self.rules_left,
            &mut self.skipped.borrow_mut(),
        ));
        self.onsets
            .borrow_mut()
            .insert(def.tzid.clone(), made.clone());
        made
    }

    /// The instant a value names; dates are midnight in `local`.
    pub fn instant(&self, when: &When, local: &impl TimeZone) -> Option<DateTime<Utc>> {
        match when {
            When::Date(d) => in_zone(&Zone::Floating, d.and_hms_opt(0, 0, 0)?, local),
            When::Utc(t) => Some(t.and_utc()),
            When::Local(t, tzid) => in_zone(&self.zone(tzid.as_deref()), *t, local),
        }
    }
}

/// A wall-clock time in `zone` as an instant. A time a DST change skips is taken
/// an hour later (where the clock shows it); one it repeats, the first time.
pub fn in_zone(zone: &Zone, wall: NaiveDateTime, local: &impl TimeZone) -> Option<DateTime<Utc>> {
    fn pick<Z: TimeZone>(z: &Z, wall: NaiveDateTime) -> Option<DateTime<Utc>> {
        z.from_local_datetime(&wall)
            .earliest()
            .or_else(|| {
                z.from_local_datetime(&(wall + Duration::hours(1)))
                    .earliest()
            })
            .map(|t| t.with_timezone(&Utc))
    }
    match zone {
        Zone::Utc => Some(wall.and_utc()),
        Zone::Iana(tz) => pick(tz, wall),
        Zone::Floating => pick(local, wall),
        Zone::Defined(def) => Some((wall - Duration::seconds(i64::from(def.at(wall)))).and_utc()),
    }
}

/// A wall-clock time of `zone` for an instant.
pub fn wall_in(zone: &Zone, at: DateTime<Utc>, local: &impl TimeZone) -> NaiveDateTime {
    match zone {
        Zone::Utc => at.naive_utc(),
        Zone::Iana(tz) => at.with_timezone(tz).naive_local(),
        Zone::Floating => at.with_timezone(local).naive_local(),
        Zone::Defined(def) => {
            // The offset at the UTC time is right except within the hour of a change.
            let guess = at.naive_utc() + Duration::seconds(i64::from(def.at(at.naive_utc())));
            at.naive_utc() + Duration::seconds(i64::from(def.at(guess)))
        }
    }
}

/// A VTIMEZONE's changes of offset, worked out once per calendar: every onset
/// of every observance up to `HORIZON`, in time order, with the offset it brings.
#[derive(Debug)]
pub struct Onsets {
    /// Before the first onset: the earliest observance's offset from.
    before: i32,
    changes: Vec<(NaiveDateTime, i32)>,
}

/// Onsets are worked out up to here; later times keep the last offset before it.
fn horizon() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2200, 1, 1)
        .unwrap_or(NaiveDate::MAX)
        .and_time(chrono::NaiveTime::MIN)
}

/// How many onsets one observance may bring (a yearly rule from 1900 to the
/// horizon is 300).
const MAX_ONSETS: u16 = 1000;

/// How many observance rules one calendar may have expanded. Each one costs up
/// to a walk to the year 10 000 when it never matches (the rule library's own
/// bound), so this bounds a file's zone work however many zones it defines; a
/// real calendar has a few zones of two observances each.
const MAX_ZONE_RULES: usize = 64;

impl Onsets {
    fn of(def: &VTimezone, rules_left: &Cell<usize>, skipped: &mut Vec<String>) -> Onsets {
        let mut changes = Vec::new();
        let mut earliest: Option<(NaiveDateTime, i32)> = None;
        for o in &def.observances {
            if earliest.is_none_or(|(t, _)| o.start < t) {
                earliest = Some((o.start, o.offset_from));
            }
            changes.push((o.start, o.offset_to));
            changes.extend(o.rdates.iter().map(|r| (*r, o.offset_to)));
            let Some(rule) = &o.rrule else { continue };
            if rules_left.get() == 0 {
                // Said once for the file.
                if skipped.is_empty() {
                    skipped.push(format!(
                        "more than {MAX_ZONE_RULES} time zone rules in the file: the rest count from their first change only"
                    ));
                }
                continue;
            }
            rules_left.set(rules_left.get() - 1);
            changes.extend(
                rule_onsets(rule, o.start)
                    .into_iter()
                    .map(|t| (t, o.offset_to)),
            );
        }
        changes.retain(|(t, _)| *t <= horizon());
        changes.sort_by_key(|(t, _)| *t);
        Onsets {
            before: earliest.map_or(0, |(_, off)| off),
            changes,
        }
    }

    /// The offset at a wall-clock time: that of the last onset before it.
    fn at(&self, wall: NaiveDateTime) -> i32 {
        match self.changes.partition_point(|(t, _)| *t <= wall) {
            0 => self.before,
            n => self.changes[n - 1].1,
        }
    }
}

/// An observance's onsets by its rule, up to the horizon. Only yearly rules are
/// expanded (offsets change a few times a year; no exporter writes another kind),
/// so the rule library's walk for a rule that never matches is at most one step
/// a year.
fn rule_onsets(rule: &str, start: NaiveDateTime) -> Vec<NaiveDateTime> {
    let yearly = rule.split(';').any(|p| {
        p.split_once('=').is_some_and(|(k, v)| {
            k.trim().eq_ignore_ascii_case("FREQ") && v.trim().eq_ignore_ascii_case("YEARLY")
        })
    });
    if !yearly || !ever_matches(rule, start) {
        return Vec::new();
    }
    // Wall times stand in as UTC: the rule counts in the zone's own clock.
    let as_utc = |t: NaiveDateTime| rrule::Tz::UTC.from_utc_datetime(&t);
    rule.parse::<rrule::RRule<rrule::Unvalidated>>()
        .and_then(|r| r.build(as_utc(start)))
        .map(|set| {
            set.before(as_utc(horizon()))
                .all(MAX_ONSETS)
                .dates
                .iter()
                .map(|t| t.naive_utc())
                .collect()
        })
        .unwrap_or_default()
}

/// Whether a yearly rule matches any day at all: tried over the 40 years before
/// the year 10 000, where the rule library stops (weekdays and leap years repeat
/// within 28). A rule that never matches (30 February) would otherwise be walked
/// from its start to there, a step a year, before it gave nothing.
fn ever_matches(rule: &str, start: NaiveDateTime) -> bool {
    let unbounded: Vec<&str> = rule
        .split(';')
        .filter(|p| {
            let key = p.split('=').next().unwrap_or("").trim();
            !key.eq_ignore_ascii_case("COUNT") && !key.eq_ignore_ascii_case("UNTIL")
        })
        .collect();
    let Some(late) = NaiveDate::from_ymd_opt(9960, 1, 1).map(|d| d.and_time(start.time())) else {
        return false;
    };
    unbounded
        .join(";")
        .parse::<rrule::RRule<rrule::Unvalidated>>()
        .and_then(|r| r.build(rrule::Tz::UTC.from_utc_datetime(&late)))
        .is_ok_and(|set| !set.all(1).dates.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::ics::Observance;

    fn t(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn windows_and_iana_names_and_paths_are_known() {
        let z = Zones::new(&[], None);
        assert!(matches!(
            z.zone(Some("Pacific Standard Time")),
            Zone::Iana(Tz::America__Los_Angeles)
        ));
        assert!(matches!(
            z.zone(Some("W. Europe Standard Time")),
            Zone::Iana(Tz::Europe__Berlin)
        ));
        assert!(matches!(
            z.zone(Some("Europe/Berlin")),
            Zone::Iana(Tz::Europe__Berlin)
        ));
        assert!(matches!(
            z.zone(Some("/mozilla.org/20050126_1/Europe/Berlin")),
            Zone::Iana(Tz::Europe__Berlin)
        ));
        assert!(matches!(z.zone(Some("UTC")), Zone::Utc));
        assert!(matches!(z.zone(Some("Mars/Olympus")), Zone::Floating));
        assert_eq!(*z.unknown.borrow(), vec!["Mars/Olympus".to_string()]);
    }

    #[test]
    fn a_zone_defined_in_the_file_follows_its_own_rules() {
        // Central European rules written out, under a name no database knows.
        let def = VTimezone {
            tzid: "Custom Amsterdam".into(),
            location: None,
            observances: vec![
                Observance {
                    start: t("1970-03-29 02:00"),
                    offset_from: 3600,
                    offset_to: 7200,
                    rrule: Some("FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU".into()),
                    rdates: vec![],
                },
                Observance {
                    start: t("1970-10-25 03:00"),
                    offset_from: 7200,
                    offset_to: 3600,
                    rrule: Some("FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU".into()),
                    rdates: vec![],
                },
            ],
        };
        let defs = [def];
        let z = Zones::new(&defs, None);
        let zone = z.zone(Some("Custom Amsterdam"));
        let utc = |s| in_zone(&zone, t(s), &Utc).unwrap().naive_utc();
        assert_eq!(utc("2026-03-28 09:00"), t("2026-03-28 08:00"), "winter");
        assert_eq!(utc("2026-03-30 09:00"), t("2026-03-30 07:00"), "summer");
        assert_eq!(
            utc("2026-10-26 09:00"),
            t("2026-10-26 08:00"),
            "winter again"
        );
        let back = wall_in(&zone, t("2026-07-01 07:00").and_utc(), &Utc);
        assert_eq!(back, t("2026-07-01 09:00"));
    }

    #[test]
    fn a_skipped_hour_moves_on_and_a_repeated_one_is_the_first() {
        let berlin = Zone::Iana(Tz::Europe__Berlin);
        let gap = in_zone(&berlin, t("2026-03-29 02:30"), &Utc).unwrap();
        assert_eq!(gap.naive_utc(), t("2026-03-29 01:30"));
        let twice = in_zone(&berlin, t("2026-10-25 02:30"), &Utc).unwrap();
        assert_eq!(twice.naive_utc(), t("2026-10-25 00:30"));
    }
}
