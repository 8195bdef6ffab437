//! How a series repeats: what is typed into `every` (`weekday`, `2 weeks on
//! fri`, `month on 31 until …`), read as a rule, named back one way, and which
//! days the rule falls on. Apart from the series themselves: this is all text
//! and dates, with no blocks or data.

use chrono::{Datelike, NaiveDate};

use crate::model::limits::shift_days;
use crate::model::parse::{parse_date, parse_weekday};

/// What `every` accepts, for messages and hints.
pub const EVERY_HINT: &str = "daily, weekday, mon,wed, 2 weeks on fri, month on 1 (… until DATE)";

/// When a series falls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Every `n` days counted from the first day.
    Days(u32),
    /// On these weekdays (Monday first) of every `n`th week, counted from the
    /// week of the first day it falls on.
    Weeks(u32, [bool; 7]),
    /// On day `d` of every `n`th month counted from the first day's month; a
    /// month too short for `d` (31 in April, 30 in February) has it on its last
    /// day, so a "month on 31" series is an end-of-month series.
    Months(u32, u32),
}

const DAY_NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const WEEKDAYS: [bool; 7] = [true, true, true, true, true, false, false];

fn count(word: &str, what: &str) -> Result<u32, String> {
    match word.parse::<u32>() {
        Ok(n @ 1..=366) => Ok(n),
        _ => Err(format!("`{word} {what}`: the count goes from 1 to 366")),
    }
}

fn days_of(list: &str) -> Option<[bool; 7]> {
    let mut days = [false; 7];
    for name in list.split(|c: char| c == ',' || c.is_whitespace()) {
        let name = name.trim();
        if name.is_empty() || name == "and" {
            continue;
        }
        match name {
            "weekday" | "weekdays" => WEEKDAYS
                .iter()
                .enumerate()
                .for_each(|(i, on)| days[i] |= on),
            "weekend" | "weekends" => {
                days[5] = true;
                days[6] = true;
            }
            _ => days[parse_weekday(name)?.num_days_from_monday() as usize] = true,
        }
    }
    days.contains(&true).then_some(days)
}

impl Rule {
    /// Parses how a series repeats (without `until`).
    pub fn parse(input: &str) -> Result<Rule, String> {
        let text = input.trim().to_lowercase();
        let words: Vec<&str> = text.split_whitespace().collect();
        let bad = || format!("`{}`: say {EVERY_HINT}", input.trim());
        let (n, rest) = match words.first().map(|w| w.parse::<u32>()) {
            Some(Ok(_)) => (count(words[0], words.get(1).unwrap_or(&""))?, &words[1..]),
            _ => (1, &words[..]),
        };
        let on = |rest: &[&str]| -> Result<Option<String>, String> {
            match rest {
                [] => Ok(None),
                ["on", tail @ ..] if !tail.is_empty() => Ok(Some(tail.join(" "))),
                _ => Err(bad()),
            }
        };
        match rest {
            ["day" | "days" | "daily"] => Ok(Rule::Days(n)),
            ["week" | "weeks" | "weekly", tail @ ..] => match on(tail)? {
                // "every week" alone: on the first day's weekday.
                None => Ok(Rule::Weeks(n, [false; 7])),
                Some(list) => days_of(&list).map(|d| Rule::Weeks(n, d)).ok_or_else(bad),
            },
            ["month" | "months" | "monthly", tail @ ..] => match on(tail)? {
                None => Ok(Rule::Months(n, 0)),
                Some(day) => match day.trim_end_matches(|c: char| c.is_alphabetic()).parse() {
                    Ok(d @ 1..=31) => Ok(Rule::Months(n, d)),
                    _ => Err(format!(
                        "`{}`: a month's day goes from 1 to 31",
                        input.trim()
                    )),
                },
            },
            _ if n == 1 && !rest.is_empty() => days_of(&rest.join(" "))
                .map(|d| Rule::Weeks(1, d))
                .ok_or_else(bad),
            _ => Err(bad()),
        }
    }

    /// The rule as stored and shown: one spelling per rule.
    pub fn name(&self, first: NaiveDate) -> String {
        let every = |n: u32, one: &str, many: &str| {
            if n == 1 {
                one.to_string()
            } else {
                format!("{n} {many}")
            }
        };
        match *self {
            Rule::Days(n) => every(n, "daily", "days"),
            Rule::Weeks(1, d) if d == WEEKDAYS => "weekday".into(),
            Rule::Weeks(n, d) => {
                let d = self.weekdays(first).unwrap_or(d);
                let list: Vec<&str> = (0..7).filter(|i| d[*i]).map(|i| DAY_NAMES[i]).collect();
                if n == 1 {
                    list.join(",")
                } else {
                    format!("{n} weeks on {}", list.join(","))
                }
            }
            Rule::Months(n, d) => {
                let d = if d == 0 { first.day() } else { d };
                format!("{} on {d}", every(n, "month", "months"))
            }
        }
    }

    fn weekdays(&self, first: NaiveDate) -> Option<[bool; 7]> {
        match *self {
            Rule::Weeks(_, d) if d == [false; 7] => {
                let mut d = [false; 7];
                d[first.weekday().num_days_from_monday() as usize] = true;
                Some(d)
            }
            Rule::Weeks(_, d) => Some(d),
            _ => None,
        }
    }

    /// Whether the rule falls on `date` for a series that starts on `first`.
    pub fn falls_on(&self, first: NaiveDate, date: NaiveDate) -> bool {
        if date < first {
            return false;
        }
        match *self {
            Rule::Days(n) => (date - first).num_days() % i64::from(n) == 0,
            Rule::Weeks(n, _) => {
                let days = self.weekdays(first).unwrap_or(WEEKDAYS);
                let on = |d: NaiveDate| days[d.weekday().num_days_from_monday() as usize];
                // Weeks count from the week of the first day it falls on: "2 weeks
                // on thu" added on a Sunday starts that Thursday, not a fortnight on.
                let anchor = (0..7)
                    .map(|n| shift_days(first, n))
                    .find(|d| on(*d))
                    .unwrap_or(first);
                let week = |d: NaiveDate| crate::model::day::week_start(d);
                let weeks = (week(date) - week(anchor)).num_days() / 7;
                on(date) && weeks % i64::from(n) == 0
            }
            Rule::Months(n, d) => {
                let d = if d == 0 { first.day() } else { d };
                let month = |x: NaiveDate| i64::from(x.year()) * 12 + i64::from(x.month0());
                // Months count from the first month it falls in, as weeks do.
                let anchor = month(first) + i64::from(first.day() > d.min(last_day(first)));
                (month(date) - anchor).rem_euclid(i64::from(n)) == 0
                    && date.day() == d.min(last_day(date))
            }
        }
    }
}

/// The last day of `date`'s month.
fn last_day(date: NaiveDate) -> u32 {
    (28..=31)
        .rev()
        .find(|d| date.with_day(*d).is_some())
        .unwrap_or(28)
}

/// What was typed into `every`: the rule, its stored name and the last day
/// (`weekday until 2026-12-31`). Empty is refused: the caller decides whether
/// `every` may be empty.
pub fn parse_every(
    input: &str,
    first: NaiveDate,
    today: NaiveDate,
) -> Result<(Rule, String, Option<NaiveDate>), String> {
    let text = input.trim();
    if text.is_empty() {
        return Err(format!("say how it repeats: {EVERY_HINT}"));
    }
    // ASCII lowering keeps every byte where it was, so `at` indexes `text` too
    // (full lowering can change a character's length: İ).
    let lower = text.to_ascii_lowercase();
    let (rule, until) = match lower.find("until") {
        Some(at) => (&text[..at], Some(parse_date(text[at + 5..].trim(), today)?)),
        None => (text, None),
    };
    let rule = Rule::parse(rule)?;
    if let Some(until) = until
        && until < first
    {
        return Err(format!("`until {until}` is before the first day, {first}"));
    }
    Ok((rule, rule.name(first), until))
}
