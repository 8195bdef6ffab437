use super::*;

#[test]
fn a_ref_is_the_end_of_the_uid_and_either_names_the_call() {
    let uid = "01JEXAMPLE0000000000ABCDEFGH";
    assert_eq!(short_ref(uid), "abcdefgh");
    assert!(names_call("ABCDEFGH", uid));
    assert!(names_call(&uid.to_lowercase(), uid));
    assert!(!names_call("bcdefgh", uid));
    assert!(!names_call("", ""));
}

#[test]
fn share_names_are_folder_names() {
    assert!(name_problem("sam.k-1_x").is_none());
    for bad in ["", "..", ".git", "a/b", "a b", "../x", "é"] {
        assert!(name_problem(bad).is_some(), "{bad}");
    }
}

#[test]
fn sanitised_text_is_one_visible_capped_line() {
    let s = sanitise("a\u{1b}[2Jb\nc", 100);
    assert!(!s.contains('\u{1b}') && !s.contains('\n'), "{s}");
    assert_eq!(sanitise(&"x".repeat(50), 10).chars().count(), 10);
}

mod answers {
    use super::*;
    use crate::model::form::{Note, apply_note};
    use crate::model::test_util::{add, at, monday};
    use crate::model::{DecisionStatus, Kind, Verdict};

    fn escalated_to(to: &str) -> Data {
        let mut data = Data::default();
        add(&mut data, Kind::Decision, &[("situation", "Vendor")]).expect("added");
        data.decisions[0].uid = "01JTEAMCALL0000000ABCDEFGH".into();
        apply_note(&mut data, Note::EscalateTo, 1, to, monday()).expect("escalated");
        data
    }

    fn answer(from: &str, text: &str) -> Answer {
        Answer {
            version: ANSWER_VERSION,
            from: from.into(),
            to: "ana".into(),
            reference: "abcdefgh".into(),
            uid: "01JTEAMCALL0000000ABCDEFGH".into(),
            verdict: Verdict::RightToAsk,
            text: text.into(),
            at: at("2026-11-24", "10:00"),
        }
    }

    #[test]
    fn an_answer_lands_as_the_app_records_one_and_twice_changes_nothing() {
        let mut data = escalated_to("Sam");
        let now = at("2026-11-24", "11:00");
        let said = apply_answer(&mut data, &answer("sam", "Go with B"), now).expect("applied");
        assert!(said.is_some_and(|s| s.contains("from sam")));
        let d = &data.decisions[0];
        assert_eq!(d.status, DecisionStatus::Answered);
        assert_eq!(d.answer, "Go with B");
        assert_eq!(d.verdict, Some(Verdict::RightToAsk));
        assert_eq!(d.answered_at, Some(at("2026-11-24", "10:00")));
        let once = data.clone();
        assert_eq!(
            apply_answer(&mut data, &answer("sam", "Go with B"), now),
            Ok(None)
        );
        assert_eq!(data, once);
    }

    #[test]
    fn an_answer_dated_ahead_of_now_is_dated_when_it_landed() {
        let mut data = escalated_to("sam");
        let mut late = answer("sam", "ok");
        late.at = at("2099-01-01", "00:00");
        let now = at("2026-11-24", "11:00");
        apply_answer(&mut data, &late, now).expect("applied");
        assert_eq!(data.decisions[0].answered_at, Some(now));
    }

    #[test]
    fn an_answer_from_someone_the_call_did_not_go_to_is_ignored() {
        let mut data = escalated_to("Sam");
        let before = data.clone();
        let now = at("2026-11-24", "11:00");
        assert_eq!(
            apply_answer(&mut data, &answer("mallory", "mine"), now),
            Ok(None)
        );
        assert_eq!(data, before);
    }

    #[test]
    fn an_answer_with_control_characters_is_refused_whole() {
        let mut data = escalated_to("sam");
        let before = data.clone();
        let now = at("2026-11-24", "11:00");
        assert!(apply_answer(&mut data, &answer("sam", "x\u{1b}[2J"), now).is_err());
        assert_eq!(data, before);
    }
}

mod shared {
    use super::*;
    use crate::model::test_util::{add, monday};
    use crate::model::{Kind, Priority};
    use crate::report::{Period, Source};

    #[test]
    fn private_outcomes_and_their_blockers_never_leave() {
        let mut data = Data::default();
        data.priorities.push(Priority {
            id: 1,
            title: "Secret launch".into(),
            focus: true,
            private: true,
            ..Priority::default()
        });
        data.priorities.push(Priority {
            id: 2,
            title: "Billing v2".into(),
            focus: true,
            ..Priority::default()
        });
        add(
            &mut data,
            Kind::Blocker,
            &[("title", "Legal"), ("priority", "1")],
        )
        .expect("added");
        let out = shareable(&data);
        assert_eq!(out.priorities.len(), 1);
        assert!(out.blockers.is_empty());
        let rules = crate::model::rules::Rules::default();
        let src = Source {
            data: &out,
            rules: &rules,
            period: Period {
                since: monday().date(),
                until: monday().date(),
            },
            now: monday(),
        };
        let s = build(&src, "ana");
        let text = markdown(&s) + &serde_json::to_string(&s).expect("json");
        assert!(
            text.contains("Billing v2") && !text.contains("Secret"),
            "{text}"
        );
    }
}
