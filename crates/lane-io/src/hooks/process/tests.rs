//! Hooks that hold pipes: a background child left with stderr, more stderr than
//! a pipe holds, a group still running at the timeout.

use std::time::Duration;

use super::run;

#[test]
fn a_background_child_holding_stderr_is_not_waited_for() {
    let dir = tempfile::tempdir().unwrap();
    let gone = dir.path().join("returned");
    // The child writes "late" only once lane returned (or after 20 s): lane
    // waiting for stderr's end would always see it.
    let cmd = format!(
        "(i=0; while [ ! -e {gone} ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i+1)); done; \
         echo late >&2) & echo early >&2; exit 1",
        gone = gone.display()
    );
    let err = run(&cmd, "", Duration::from_secs(60)).unwrap_err();
    std::fs::write(&gone, "").unwrap();
    assert!(err.contains("failed") && err.ends_with("early"), "{err}");
}

#[test]
fn more_stderr_than_a_pipe_holds_is_drained_and_its_start_kept() {
    let cmd = "head -c 300000 /dev/zero | tr '\\0' x >&2; exit 3";
    let err = run(cmd, "", Duration::from_secs(60)).unwrap_err();
    assert!(
        err.contains("exit status: 3"),
        "{}",
        &err[..80.min(err.len())]
    );
    assert!(err.ends_with("x…"), "the rest is cut");
    assert!(err.len() < 5000, "{}", err.len());
    // And a hook that writes much and succeeds is no error.
    let cmd = "head -c 300000 /dev/zero >&2";
    assert_eq!(run(cmd, "", Duration::from_secs(60)), Ok(()));
}

/// Whether the process `pid` still runs (a zombie has ended).
fn running(pid: &str) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        !stat
            .rsplit(')')
            .next()
            .unwrap_or("")
            .trim_start()
            .starts_with('Z')
    })
}

#[test]
fn a_hook_past_its_timeout_is_ended_with_its_whole_group() {
    let dir = tempfile::tempdir().unwrap();
    let pidfile = dir.path().join("pid");
    let cmd = format!(
        "sleep 120 & echo $! > {p}.tmp; mv {p}.tmp {p}; sleep 120",
        p = pidfile.display()
    );
    let err = run(&cmd, "", Duration::from_secs(1)).unwrap_err();
    assert!(err.contains("was stopped"), "{err}");
    let pid = std::fs::read_to_string(&pidfile).unwrap();
    let pid = pid.trim();
    // SIGKILL is delivered at once but reaped a moment later: look a few times.
    let mut alive = running(pid);
    for _ in 0..100 {
        if !alive {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
        alive = running(pid);
    }
    assert!(!alive, "the hook's background sleep {pid} lives on");
}
