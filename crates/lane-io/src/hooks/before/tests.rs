//! `before_change` on its own: what it is given, how it refuses, and that a
//! guard which gives no answer lets nothing through.

use std::time::Duration;

use super::*;
use lane_core::model::Kind;
use lane_core::model::test_util::add;

fn hooks(cmd: &str, seconds: u64) -> Hooks {
    Hooks {
        before_change: Some(cmd.to_string()),
        timeout: Duration::from_secs(seconds),
        ..Hooks::default()
    }
}

fn a_change() -> (Data, Data) {
    let before = Data::default();
    let mut after = before.clone();
    add(&mut after, Kind::Priority, &[("title", "Friday deploy")]).unwrap();
    (before, after)
}

#[test]
fn it_gets_the_change_document_as_one_line_with_its_newline() {
    let dir = tempfile::tempdir().unwrap();
    let seen = dir.path().join("seen");
    let h = hooks(&format!("cat > {}", seen.display()), 5);
    let (before, after) = a_change();
    assert_eq!(h.before_change("add", &before, &after), Ok(()));
    let text = std::fs::read_to_string(&seen).unwrap();
    assert!(
        text.ends_with("}\n") && text.lines().count() == 1,
        "{text:?}"
    );
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["operation"], "add");
    assert_eq!(doc["changes"][0]["after"]["title"], "Friday deploy");
    assert_eq!(doc["changes"][0]["before"], serde_json::Value::Null);
}

#[test]
fn a_non_zero_exit_refuses_with_the_first_line_it_wrote_on_stdout_or_stderr() {
    let (before, after) = a_change();
    let on_stdout = hooks("echo; echo 'no deploys on Friday'; echo more; exit 1", 5);
    assert_eq!(
        on_stdout.before_change("add", &before, &after),
        Err(Refused("no deploys on Friday".into()))
    );
    let on_stderr = hooks("echo 'not today' >&2; exit 7", 5);
    assert_eq!(
        on_stderr.before_change("add", &before, &after),
        Err(Refused("not today".into()))
    );
    let silent = hooks("exit 2", 5);
    let Err(Refused(why)) = silent.before_change("add", &before, &after) else {
        panic!("a silent exit 2 let the change through");
    };
    assert!(why.contains("exit status: 2"), "{why}");
}

#[test]
fn without_a_change_it_is_not_asked() {
    let h = hooks("exit 1", 5);
    let (_, after) = a_change();
    assert_eq!(h.before_change("lane", &after, &after), Ok(()));
}

#[test]
fn a_hook_past_its_timeout_refuses_and_its_whole_group_is_ended() {
    let dir = tempfile::tempdir().unwrap();
    let pid = dir.path().join("pid");
    let h = hooks(&format!("sleep 30 & echo $! > {}; wait", pid.display()), 1);
    let (before, after) = a_change();
    let Err(Refused(why)) = h.before_change("add", &before, &after) else {
        panic!("a hung hook let the change through");
    };
    assert!(why.contains("took over 1 s and was stopped"), "{why}");
    let child = std::fs::read_to_string(&pid).unwrap();
    let running = || {
        std::fs::read_to_string(format!("/proc/{}/stat", child.trim())).is_ok_and(|stat| {
            !stat
                .rsplit(')')
                .next()
                .unwrap_or("")
                .trim_start()
                .starts_with('Z')
        })
    };
    // SIGKILL is delivered at once but reaped a moment later: look a few times.
    let ended = (0..100).any(|_| {
        let gone = !running();
        if !gone {
            std::thread::sleep(Duration::from_millis(50));
        }
        gone
    });
    assert!(ended, "the hook's child {} still runs", child.trim());
}
