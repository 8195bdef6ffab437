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

/// Reads the pid a hook wrote to `path`, once it is there.
fn pid_in(path: &std::path::Path) -> String {
    for _ in 0..400 {
        if let Ok(pid) = std::fs::read_to_string(path)
            && pid.ends_with('\n')
        {
            return pid.trim().to_string();
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    panic!("no pid in {}", path.display());
}

/// True once `pid` has ended (looked at a few times: a signal is delivered at
/// once, the ending seen a moment later).
fn ends(pid: &str) -> bool {
    for _ in 0..100 {
        if !running(pid) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

/// A hook's group lives as long as the hook: what it left running in the
/// background when it exited (even with success) is ended with it, as at the
/// timeout, so hooks never pile up processes change after change.
#[test]
fn a_background_child_is_ended_when_the_hook_exits() {
    let dir = tempfile::tempdir().unwrap();
    let pidfile = dir.path().join("pid");
    let cmd = format!("sleep 100 & echo $! > {}; exit 0", pidfile.display());
    assert_eq!(run(&cmd, "", Duration::from_secs(60)), Ok(()));
    let pid = pid_in(&pidfile);
    assert!(ends(&pid), "the hook's background sleep {pid} lives on");
}

/// A hook that means to leave something running starts it in a session of its
/// own (`setsid -f`, as docs/hooks.md says): that one is not lane's to end.
#[test]
#[allow(clippy::print_stdout)] // a test skipped for a missing program says so
fn a_child_the_hook_detached_with_setsid_lives_on() {
    if std::process::Command::new("setsid")
        .arg("--version")
        .output()
        .is_err()
    {
        println!("skipped: no setsid here");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let pidfile = dir.path().join("pid");
    // `setsid -f` forks first and leaves the hook's group a moment later: the
    // hook waits until its child has (it wrote its pid from its own session),
    // or the group's ending at the hook's exit may catch the child before.
    let cmd = format!(
        "setsid -f sh -c 'echo $$ > {p}.tmp; mv {p}.tmp {p}; exec sleep 100'; \
         while [ ! -e {p} ]; do sleep 0.01; done; exit 0",
        p = pidfile.display()
    );
    assert_eq!(run(&cmd, "", Duration::from_secs(60)), Ok(()));
    let pid = pid_in(&pidfile);
    let alive = running(&pid);
    // The test started it: end it before asserting.
    if let Ok(n) = pid.parse::<libc::pid_t>() {
        // SAFETY: a signal to the one process this test started.
        unsafe {
            libc::kill(n, libc::SIGKILL);
        }
    }
    assert!(alive, "the detached sleep {pid} was ended");
}
