//! Changing and removing an outcome's milestones and key results: the other
//! half of `outcomes` (which adds them, marks them done and records readings).
//! The app's list of an outcome's steps and the command line both call these.

use chrono::NaiveDate;

use super::outcomes::{key_result_name, title_of};
use super::text::one_line;
use super::{Data, Kind, Priority, find_mut};

/// One row of an outcome's list of steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Milestone(u32),
    KeyResult(u32),
}

/// The outcome's steps as its detail shows them: milestones by due date (the
/// undated last), then key results as written.
pub fn steps(p: &Priority) -> Vec<Step> {
    let mut ms: Vec<_> = p.milestones.iter().collect();
    ms.sort_by_key(|m| (m.due.is_none(), m.due, m.id));
    ms.into_iter()
        .map(|m| Step::Milestone(m.id))
        .chain(p.key_results.iter().map(|k| Step::KeyResult(k.id)))
        .collect()
}

fn priority(data: &mut Data, id: u32) -> Result<&mut Priority, String> {
    find_mut(&mut data.priorities, Kind::Priority, id)
}

/// Changes milestone `mid` of priority `id`: its title, due date (none clears
/// it) and note. Its done date stays (space marks it). Says what happened.
pub fn edit_milestone(
    data: &mut Data,
    id: u32,
    mid: u32,
    title: &str,
    due: Option<NaiveDate>,
    note: &str,
) -> Result<String, String> {
    let title = title_of("The milestone", title)?;
    one_line("The note", note)?;
    let p = priority(data, id)?;
    let m = p
        .milestones
        .iter_mut()
        .find(|m| m.id == mid)
        .ok_or_else(|| format!("priority {id} has no milestone {mid}"))?;
    m.title = title;
    m.due = due;
    m.note = note.trim().to_string();
    Ok(format!("milestone {mid} “{}” saved", m.title))
}

/// Removes milestone `mid` of priority `id` (undo in the app brings it back).
pub fn delete_milestone(data: &mut Data, id: u32, mid: u32) -> Result<String, String> {
    let p = priority(data, id)?;
    let at = p
        .milestones
        .iter()
        .position(|m| m.id == mid)
        .ok_or_else(|| format!("priority {id} has no milestone {mid}"))?;
    let gone = p.milestones.remove(at);
    Ok(format!("milestone “{}” deleted", gone.title))
}

/// Changes key result `kid` of priority `id` under the rules `lane add kr`
/// follows; its readings stay, measured against the new baseline and target.
pub fn edit_key_result(
    data: &mut Data,
    id: u32,
    kid: u32,
    name: &str,
    unit: &str,
    baseline: f64,
    target: f64,
) -> Result<String, String> {
    let p = priority(data, id)?;
    if !p.key_results.iter().any(|k| k.id == kid) {
        return Err(format!("priority {id} has no key result {kid}"));
    }
    let name = key_result_name(p, name, unit, [baseline, target], Some(kid))?;
    let k = p
        .key_results
        .iter_mut()
        .find(|k| k.id == kid)
        .ok_or_else(|| format!("priority {id} has no key result {kid}"))?;
    k.name = name;
    k.unit = unit.trim().to_string();
    k.baseline = baseline;
    k.target = target;
    Ok(format!("key result {kid} “{}” saved", k.name))
}

/// Removes key result `kid` of priority `id`, readings and all (the update log
/// keeps what they said).
pub fn delete_key_result(data: &mut Data, id: u32, kid: u32) -> Result<String, String> {
    let p = priority(data, id)?;
    let at = p
        .key_results
        .iter()
        .position(|k| k.id == kid)
        .ok_or_else(|| format!("priority {id} has no key result {kid}"))?;
    let gone = p.key_results.remove(at);
    Ok(format!("key result “{}” deleted", gone.name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::outcomes::{add_key_result, add_milestone, record_progress};
    use crate::model::test_util::{add, day};

    fn one() -> Data {
        let mut data = Data::default();
        add(&mut data, Kind::Priority, &[("title", "ship")]).unwrap();
        data
    }

    #[test]
    fn milestones_are_edited_and_deleted_by_number_under_the_add_rules() {
        let mut data = one();
        let fri = day("2026-11-27");
        add_milestone(&mut data, 1, "spec", None, "A".into()).unwrap();
        add_milestone(&mut data, 1, "beta", Some(fri), "B".into()).unwrap();
        assert_eq!(
            steps(&data.priorities[0]),
            vec![Step::Milestone(2), Step::Milestone(1)],
            "dated first"
        );
        let said = edit_milestone(&mut data, 1, 1, " spec signed ", Some(fri), "by Dana").unwrap();
        assert_eq!(said, "milestone 1 “spec signed” saved");
        let m = &data.priorities[0].milestones[0];
        assert_eq!(
            (m.title.as_str(), m.due, m.note.as_str()),
            ("spec signed", Some(fri), "by Dana")
        );
        let before = data.clone();
        assert!(
            edit_milestone(&mut data, 1, 1, "  ", None, "").is_err(),
            "empty title"
        );
        assert!(
            edit_milestone(&mut data, 1, 1, "x", None, "a\u{1b}b").is_err(),
            "control"
        );
        assert!(
            edit_milestone(&mut data, 1, 9, "x", None, "").is_err(),
            "no such"
        );
        assert_eq!(data, before, "refusals change nothing");
        assert_eq!(
            delete_milestone(&mut data, 1, 1).unwrap(),
            "milestone “spec signed” deleted"
        );
        assert_eq!(data.priorities[0].milestones.len(), 1);
        assert!(delete_milestone(&mut data, 1, 1).is_err());
    }

    #[test]
    fn key_results_are_edited_under_the_add_rules_and_keep_their_readings() {
        let mut data = one();
        let today = day("2026-11-23");
        add_key_result(&mut data, 1, "p95", "ms", 400.0, 200.0, "K".into()).unwrap();
        add_key_result(&mut data, 1, "errors", "%", 2.0, 0.1, "L".into()).unwrap();
        record_progress(&mut data, 1, "", &["p95=300".into()], today).unwrap();
        let before = data.clone();
        assert!(
            edit_key_result(&mut data, 1, 1, "Errors", "", 0.0, 1.0).is_err(),
            "a taken name"
        );
        assert!(edit_key_result(&mut data, 1, 1, "a=b", "", 0.0, 1.0).is_err());
        assert!(edit_key_result(&mut data, 1, 1, "x", "", f64::INFINITY, 1.0).is_err());
        assert!(edit_key_result(&mut data, 1, 7, "x", "", 0.0, 1.0).is_err());
        assert_eq!(data, before);
        // Its own name (another case) is fine; the reading is measured anew.
        edit_key_result(&mut data, 1, 1, "P95", "ms", 400.0, 300.0).unwrap();
        let k = &data.priorities[0].key_results[0];
        assert_eq!(
            (k.name.as_str(), k.readings.len(), k.progress()),
            ("P95", 1, 100)
        );
        delete_key_result(&mut data, 1, 2).unwrap();
        assert_eq!(steps(&data.priorities[0]), vec![Step::KeyResult(1)]);
    }
}
