//! The Team view (W): escalations waiting on me first, then each teammate's
//! week, drawn; `a` answers the selected one in $EDITOR and sends it.

use crate::harness::{Harness, MemoryIo, now, rules};
use lane::model::Data;
use lane::model::history::Step;
use lane::runner::Io;
use lane::state::{Mode, State};
use lane::team::{Shared, SharedCall, SharedEscalation, SharedOutcome, SharedRisk, Team, view};
use lane::update::{Msg, TeamAnswer};

fn at(text: &str) -> chrono::NaiveDateTime {
    chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M").unwrap()
}

fn escalation(uid: &str, situation: &str, to: &str, since: &str) -> SharedEscalation {
    SharedEscalation {
        reference: lane::team::short_ref(uid),
        uid: uid.into(),
        situation: situation.into(),
        call: "Go with B".into(),
        to: to.into(),
        since: at(since),
        answered: false,
        answer: String::new(),
        verdict: None,
    }
}

fn week(name: &str, escalations: Vec<SharedEscalation>) -> Shared {
    Shared {
        version: 1,
        name: name.into(),
        shared_at: at("2026-11-20T17:00"),
        since: at("2026-11-16T00:00").date(),
        until: at("2026-11-20T00:00").date(),
        outcomes: vec![SharedOutcome {
            title: format!("{name}'s launch"),
            outcome: String::new(),
            due: None,
            progress: Some(40),
            status: "active".into(),
            focus: true,
            strategic: false,
            milestones: Vec::new(),
            key_results: Vec::new(),
        }],
        calls: vec![SharedCall {
            reference: "aaaaaaaa".into(),
            date: Some(at("2026-11-18T00:00").date()),
            situation: "Retry policy".into(),
            call: "3 retries".into(),
            outcome: String::new(),
            report_after: true,
            reported: None,
        }],
        escalations,
        risks: vec![SharedRisk {
            kind: "silent".into(),
            what: "Docs site — no update for 3+ working days".into(),
        }],
    }
}

/// Ana sent me two calls (the older waited past my 16 working hours); Bo one
/// to Dana.
fn team() -> Team {
    let weeks = vec![
        week(
            "ana",
            vec![
                escalation(
                    "01JTEAM00000000000000VENDOR1",
                    "Vendor contract",
                    "sam",
                    "2026-11-18T10:00",
                ),
                escalation(
                    "01JTEAM00000000000000HIRING2",
                    "Hire a contractor",
                    "Sam",
                    "2026-11-20T16:00",
                ),
            ],
        ),
        week(
            "bo",
            vec![escalation(
                "01JTEAM00000000000000BUDGET3",
                "Budget",
                "dana",
                "2026-11-19T09:00",
            )],
        ),
    ];
    view("sam", weeks, &[], &rules(), now())
}

/// The app's effects in memory, with a team to read, an editor that writes
/// `written`, and the answers it was asked to send.
#[derive(Default)]
struct TeamIo {
    memory: MemoryIo,
    written: String,
    sent: Vec<TeamAnswer>,
}

impl Io for TeamIo {
    fn save(&mut self, data: &Data, change: Option<(&Data, &str)>, operation: &str) -> Msg {
        self.memory.save(data, change, operation)
    }
    fn step(&mut self, step: Step, data: &Data) -> Msg {
        self.memory.step(step, data)
    }
    fn save_step(&mut self, before: &Data, data: &Data) -> Msg {
        self.memory.save_step(before, data)
    }
    fn editor(&mut self, _initial: &str) -> Result<String, String> {
        Ok(self.written.clone())
    }
    fn load_archive(&mut self) -> Result<Data, String> {
        self.memory.load_archive()
    }
    fn copy(&mut self, name: &str, text: &str) -> Result<String, String> {
        self.memory.copy(name, text)
    }
    fn notify(&mut self, text: &str) {
        self.memory.notify(text);
    }
    fn read_team(&mut self) -> Msg {
        Msg::TeamRead(Ok(team()))
    }
    fn answer_team(&mut self, answer: &TeamAnswer) -> Msg {
        self.sent.push(answer.clone());
        Msg::TeamAnswered(Ok("answered ana's vendor1".into()))
    }
}

fn harness(w: u16, h: u16, written: &str) -> Harness<TeamIo> {
    let io = TeamIo {
        written: written.into(),
        ..TeamIo::default()
    };
    Harness::on(
        State::new(Data::default(), rules(), 1, now()),
        io,
        (w, h),
        now(),
    )
}

#[test]
fn the_team_view_shows_what_waits_on_me_first_oldest_first() {
    for (w, hgt) in [(80, 24), (200, 50)] {
        let mut h = harness(w, hgt, "");
        h.keys("W");
        assert!(matches!(h.state.mode, Mode::Team(_)), "{:?}", h.state.mode);
        let screen = h.screen();
        let vendor = screen.find("Vendor contract").unwrap();
        let hire = screen.find("Hire a contractor").unwrap();
        assert!(vendor < hire, "oldest first: {screen}");
        assert!(screen.contains("Waiting on you (2)"), "{screen}");
        assert!(
            !screen.contains("Budget ·"),
            "Bo's call went to Dana: {screen}"
        );
        insta::assert_snapshot!(format!("team_{w}x{hgt}"), screen);
    }
}

#[test]
fn a_late_escalation_is_in_the_error_colour() {
    let mut h = harness(200, 50, "");
    h.keys("W");
    let error = lane::ui::theme::error();
    assert_eq!(h.style_of("waited 24h of 16h").fg, error.fg);
}

#[test]
fn a_answers_the_selected_escalation_and_w_closes() {
    let mut h = harness(200, 50, "yours\n# a comment\nYour call, go ahead");
    h.keys("Wja");
    assert_eq!(
        h.io.sent,
        vec![TeamAnswer {
            asker: "ana".into(),
            uid: "01JTEAM00000000000000HIRING2".into(),
            verdict: lane::model::Verdict::Yours,
            text: "Your call, go ahead".into(),
        }]
    );
    h.keys("W");
    assert!(matches!(h.state.mode, Mode::Normal));
}

#[test]
fn an_answer_left_empty_or_with_a_wrong_verdict_sends_nothing() {
    for written in ["# only comments", "maybe\nsure", "yours"] {
        let mut h = harness(200, 50, written);
        h.keys("Wa");
        assert!(h.io.sent.is_empty(), "{written}");
    }
}
