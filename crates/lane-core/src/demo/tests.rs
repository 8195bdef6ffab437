use super::*;
use crate::model::day::block_worked_minutes;
use crate::model::{BlockResult, DecisionStatus};

#[test]
fn a_year_is_about_ten_thousand_entries_and_always_the_same() {
    let end = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let year = generate(365, 7, end);
    let n = entries(&year);
    assert!((7_000..14_000).contains(&n), "{n} entries");
    assert_eq!(year, generate(365, 7, end), "deterministic");
    assert_ne!(year, generate(365, 8, end), "the seed matters");
    assert!(year.problems().is_empty(), "{:?}", year.problems());
    let text = toml::to_string(&year).unwrap();
    let back = toml::from_str::<crate::model::Data>(&text).unwrap();
    assert_eq!(back, year);
}

/// Monday morning, before the working day: the hardest "now" for a demo, as
/// everything a day's hours would hold is still ahead.
fn monday_morning() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(8, 10, 0)
        .unwrap()
}

// Over 80 lines: one pass over a generated year checks every kind against the same clock.
#[test]
fn a_year_of_demo_data_is_plausible_and_nothing_in_it_lies_ahead_of_now() {
    for now in [monday_morning(), monday_morning() + Duration::hours(9)] {
        let d = generate_at(365, 11, now);
        let today = now.date();
        assert!(d.problems().is_empty(), "{:?}", d.problems());
        for p in &d.priorities {
            let created = p.created.unwrap();
            assert!(created <= today, "{p:?}");
            assert_eq!(p.status.is_closed(), p.closed.is_some(), "{p:?}");
            if let Some(closed) = p.closed {
                assert!(created <= closed && closed < today, "{p:?}");
            }
            if p.status == PriorityStatus::Done {
                assert_eq!(p.progress, Some(100), "{p:?}");
            }
            // Only an active outcome is worked on now.
            assert!(!p.focus || p.status == PriorityStatus::Active, "{p:?}");
            for u in &p.updates {
                assert!(created <= u.date && u.date <= today, "{p:?}");
                assert!(p.closed.is_none_or(|c| u.date <= c), "after closing: {p:?}");
            }
        }
        for b in &d.blocks {
            assert!(b.date <= today, "{b:?}");
            assert!(b.end > b.start, "{b:?}");
            if let (Some(s), Some(e)) = (b.actual_start, b.actual_end) {
                let (s, e) = (s.wall, e.wall);
                assert!(s.date() == b.date && s <= e && e <= now, "{b:?}");
            }
            // Only a day already reviewed has marks, and today is not over.
            assert!(b.result.is_none() || b.date < today, "{b:?}");
        }
        for x in &d.blockers {
            let opened = x.opened.unwrap();
            assert!(opened <= now, "{x:?}");
            assert!(x.tried.windows(2).all(|w| w[0].at <= w[1].at), "{x:?}");
            let resolved = x.status == BlockerStatus::Resolved;
            assert_eq!(resolved, x.resolved_at.is_some(), "{x:?}");
            let last = x.resolved_at.unwrap_or(now);
            assert!(opened <= last && last <= now, "{x:?}");
            for t in &x.tried {
                assert!(opened <= t.at && t.at <= last, "a rung after now: {x:?}");
            }
        }
        for x in &d.decisions {
            let date = x.date.unwrap();
            assert!(date <= today, "{x:?}");
            let escalated = x.escalated_at.map(|at| at.date());
            for after in [escalated, x.reported].into_iter().flatten() {
                assert!(date <= after && after <= today, "{x:?}");
            }
            if x.status == DecisionStatus::Answered {
                assert!(x.escalated_at.is_some() && !x.answer.is_empty(), "{x:?}");
            }
        }
        // Outcomes are steered: milestones (the past ones delivered, one late),
        // key results read weekly, agreed with someone, the focus strategic.
        let steered: Vec<_> = d
            .priorities
            .iter()
            .filter(|p| !p.milestones.is_empty())
            .collect();
        assert!(steered.len() >= 4, "{}", steered.len());
        let late: Vec<_> = d
            .priorities
            .iter()
            .filter(|p| crate::model::outcomes::milestone_overdue(p, today))
            .collect();
        assert_eq!(late.len(), 1, "one outcome has a milestone overdue");
        let done = steered
            .iter()
            .flat_map(|p| &p.milestones)
            .filter(|m| m.done.is_some());
        assert!(done.count() >= 2, "some milestones are delivered");
        let readings = d
            .priorities
            .iter()
            .flat_map(|p| &p.key_results)
            .flat_map(|k| &k.readings);
        assert!(readings.count() >= 3, "key results have readings");
        for p in &steered {
            let created = p.created.unwrap();
            assert!(!p.agreed_with.is_empty(), "{p:?}");
            for m in &p.milestones {
                assert!(m.done.is_none_or(|x| created <= x && x <= today), "{m:?}");
            }
            for k in &p.key_results {
                assert!(
                    k.readings
                        .iter()
                        .all(|x| created <= x.date && x.date <= today)
                );
                let (lo, hi) = (k.baseline.min(k.target), k.baseline.max(k.target));
                assert!(
                    k.readings.iter().all(|x| lo <= x.value && x.value <= hi),
                    "{k:?}"
                );
            }
            for uid in p
                .milestones
                .iter()
                .map(|m| &m.uid)
                .chain(p.key_results.iter().map(|k| &k.uid))
            {
                let at = ulid::Ulid::from_string(uid).unwrap().timestamp_ms() as i64;
                assert!(at <= now.and_utc().timestamp_millis(), "{uid}");
            }
        }
        assert!(d.priorities.iter().any(|p| p.strategic && p.focus));
        // Every past working day has its journal: the plan, and most its review
        // with the figures the Review tab shows, as the blocks say.
        let reviewed = d.reviews.iter().filter(|r| r.reviewed).count();
        assert!(
            reviewed * 10 >= d.reviews.len() * 8,
            "{reviewed} of {}",
            d.reviews.len()
        );
        assert!(reviewed < d.reviews.len(), "some evenings go unreviewed");
        for r in &d.reviews {
            assert!(r.date < today, "{r:?}");
            let plan = r.plan.as_ref().unwrap();
            assert!(
                plan.done && plan.step == 4 && !plan.focus.is_empty(),
                "{r:?}"
            );
            if !r.reviewed {
                assert!(r.worked_minutes.is_none() && r.blocks.is_empty(), "{r:?}");
                continue;
            }
            assert!((1..=5).contains(&r.energy.unwrap()), "{r:?}");
            let day: Vec<_> = d.blocks_on(r.date).collect();
            assert_eq!(r.blocks.len(), day.len(), "every block marked: {r:?}");
            let planned: i64 = day.iter().map(|b| crate::model::day::minutes(b)).sum();
            let worked: i64 = day
                .iter()
                .filter_map(|b| block_worked_minutes(b, now))
                .sum();
            assert_eq!(r.planned_minutes, Some(planned), "{r:?}");
            assert_eq!(r.worked_minutes, Some(worked), "{r:?}");
            assert!(worked <= planned && worked > 0, "{r:?}");
            assert!(
                r.deep_worked_minutes.unwrap() <= r.deep_minutes.unwrap(),
                "{r:?}"
            );
            for rb in &r.blocks {
                let b = day.iter().find(|b| b.id == rb.block).unwrap();
                assert_eq!(b.result, Some(rb.result));
                // Worked means timed, except meetings: attended once they end.
                let meeting = b.kind == crate::model::BlockKind::Meeting;
                assert_eq!(
                    rb.result == BlockResult::Worked,
                    b.actual_start.is_some() || meeting
                );
            }
        }
        // No id or uid made ahead of now either.
        for uid in d
            .reviews
            .iter()
            .map(|r| &r.uid)
            .chain(d.blocks.iter().map(|b| &b.uid))
        {
            let at = ulid::Ulid::from_string(uid).unwrap().timestamp_ms() as i64;
            assert!(at <= now.and_utc().timestamp_millis(), "{uid}");
        }
    }
}
