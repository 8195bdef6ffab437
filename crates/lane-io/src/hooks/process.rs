//! Running one hook: `sh -c` in a process group of its own, its input written
//! aside, its stderr drained while it runs (a hook that writes more than a pipe
//! holds must not stall until its timeout), done the moment the hook exits, and
//! its whole group ended then — what it left in the background included — or at
//! the timeout. A hook that means to leave something running detaches it into
//! a session of its own (`setsid -f`), out of lane's reach.

use std::ffi::OsString;
use std::io::{Read, Write};
use std::os::fd::AsRawFd;
use std::os::unix::process::CommandExt;
use std::process::{Child, ChildStderr, Command, Stdio};
use std::time::{Duration, Instant};

/// How much of a hook's stderr is kept for its message: the start of it (the
/// rest is read and dropped, so the hook never blocks on a full pipe).
const KEPT_STDERR: usize = 4096;

/// Runs `cmd` by `sh -c` with `input` on its stdin; its group is ended after
/// `timeout`.
pub fn run(cmd: &str, input: &str, timeout: Duration) -> Result<(), String> {
    run_with(cmd, input, timeout, &[])
}

/// `run`, with `env` added to the hook's environment (`LANE_DIR`…).
pub(super) fn run_with(
    cmd: &str,
    input: &str,
    timeout: Duration,
    env: &[(String, OsString)],
) -> Result<(), String> {
    match outcome(cmd, input, timeout, env) {
        Outcome::Succeeded => Ok(()),
        Outcome::Failed { status, said } if said.is_empty() => {
            Err(format!("`{cmd}` failed ({status})"))
        }
        Outcome::Failed { status, said } => Err(format!("`{cmd}` failed ({status}): {said}")),
        Outcome::TimedOut => Err(format!(
            "`{cmd}` took over {} s and was stopped",
            timeout.as_secs()
        )),
        Outcome::NotRun(why) => Err(why),
    }
}

/// How a hook ended.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Outcome {
    Succeeded,
    /// It exited non-zero: its status and what it wrote on stderr (trimmed).
    Failed {
        status: String,
        said: String,
    },
    /// It ran past the timeout and its group was ended.
    TimedOut,
    /// It could not be started or waited for: why.
    NotRun(String),
}

/// Runs `cmd` by `sh -c` with `input` on its stdin and `env` added, in a group
/// of its own ended at `timeout`; how it ended.
pub(super) fn outcome(
    cmd: &str,
    input: &str,
    timeout: Duration,
    env: &[(String, OsString)],
) -> Outcome {
    let spawned = Command::new("sh")
        .arg("-c")
        .arg(cmd)
        .envs(env.iter().map(|(k, v)| (k, v)))
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        // Its own group: what it starts can be ended with it.
        .process_group(0)
        .spawn();
    let mut child = match spawned {
        Ok(child) => child,
        Err(e) => return Outcome::NotRun(format!("cannot run `{cmd}`: {e}")),
    };
    if let Some(stdin) = child.stdin.take() {
        write_aside(stdin, input.to_string());
    }
    let mut stderr = child.stderr.take().map(Drain::new);
    let deadline = Instant::now() + timeout;
    loop {
        let open = stderr.as_mut().is_some_and(Drain::read_available);
        match exited(&mut child) {
            Ok(Some(status)) => {
                // What it wrote before it exited is in the pipe now; what a
                // child it left behind writes later is not waited for.
                let said = stderr.as_mut().map(Drain::finish).unwrap_or_default();
                return if status.success() {
                    Outcome::Succeeded
                } else {
                    Outcome::Failed {
                        status: status.to_string(),
                        said: said.trim().to_string(),
                    }
                };
            }
            Ok(None) if Instant::now() < deadline => match (&stderr, open) {
                (Some(drain), true) => drain.wait(Duration::from_millis(10)),
                _ => std::thread::sleep(Duration::from_millis(10)),
            },
            Ok(None) => {
                end_group(&mut child);
                return Outcome::TimedOut;
            }
            Err(e) => {
                end_group(&mut child);
                return Outcome::NotRun(format!("`{cmd}`: {e}"));
            }
        }
    }
}

/// The hook's exit status once it has exited, with the rest of its group
/// ended first: the hook is looked at without being reaped, so its pid — the
/// group's id — cannot be taken by another process before the signal.
fn exited(child: &mut Child) -> std::io::Result<Option<std::process::ExitStatus>> {
    let pid: libc::id_t = child.id();
    // SAFETY: a zeroed siginfo_t is a valid out-parameter for waitid.
    let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
    // SAFETY: waits on our own child, without reaping it (WNOWAIT) or blocking.
    let rc = unsafe {
        libc::waitid(
            libc::P_PID,
            pid,
            &mut info,
            libc::WEXITED | libc::WNOHANG | libc::WNOWAIT,
        )
    };
    // SAFETY: waitid filled `info` (or left it zeroed: no child has exited).
    let ended = rc == 0 && unsafe { info.si_pid() } != 0;
    if !ended {
        return child.try_wait();
    }
    end_group(child);
    child.try_wait()
}

/// Ends the hook and everything in its group, and reaps it.
fn end_group(child: &mut Child) {
    if let Ok(pid) = libc::pid_t::try_from(child.id()) {
        // SAFETY: a signal to the group the hook leads (made by `process_group(0)`);
        // no memory is involved.
        unsafe {
            libc::kill(-pid, libc::SIGKILL);
        }
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// Writes the input in a thread of its own: a hook that never reads a large
/// input must not hold lane (the pipe would fill); one that does not read it at
/// all is no error.
fn write_aside(mut stdin: std::process::ChildStdin, input: String) {
    std::thread::spawn(move || {
        // A hook that exits without reading closes the pipe: the write must
        // fail here, not raise SIGPIPE, which lane keeps at its default (so
        // `lane list | head` ends quietly) and which would end lane itself.
        // Blocked in this thread only, the signal it raises is never delivered.
        // SAFETY: a fresh, fully initialised signal set, used by this thread.
        unsafe {
            let mut set: libc::sigset_t = std::mem::zeroed();
            libc::sigemptyset(&mut set);
            libc::sigaddset(&mut set, libc::SIGPIPE);
            libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut());
        }
        let _ = stdin.write_all(input.as_bytes());
    });
}

/// The hook's stderr, read without blocking: the start kept, the rest dropped.
struct Drain {
    pipe: ChildStderr,
    kept: Vec<u8>,
    more: bool,
    ended: bool,
}

impl Drain {
    fn new(pipe: ChildStderr) -> Drain {
        // SAFETY: the descriptor is the pipe's own and open while `pipe` lives;
        // only its status flags change.
        unsafe {
            let fd = pipe.as_raw_fd();
            let flags = libc::fcntl(fd, libc::F_GETFL);
            libc::fcntl(fd, libc::F_SETFL, flags | libc::O_NONBLOCK);
        }
        Drain {
            pipe,
            kept: Vec::new(),
            more: false,
            ended: false,
        }
    }

    /// Reads all the pipe holds now; false once every writer closed it.
    fn read_available(&mut self) -> bool {
        let mut buf = [0u8; 16 * 1024];
        while !self.ended {
            match self.pipe.read(&mut buf) {
                Ok(0) => self.ended = true,
                Ok(n) => {
                    let room = KEPT_STDERR.saturating_sub(self.kept.len());
                    self.kept.extend_from_slice(&buf[..n.min(room)]);
                    self.more |= n > room;
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                // WouldBlock: nothing more now; another error: nothing more ever.
                Err(e) => {
                    self.ended = e.kind() != std::io::ErrorKind::WouldBlock;
                    break;
                }
            }
        }
        !self.ended
    }

    /// Sleeps until the pipe has something to read (or `most` passed).
    fn wait(&self, most: Duration) {
        let mut fds = libc::pollfd {
            fd: self.pipe.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        let millis = libc::c_int::try_from(most.as_millis()).unwrap_or(10);
        // SAFETY: one valid pollfd, for the length given.
        unsafe {
            libc::poll(&mut fds, 1, millis);
        }
    }

    fn finish(&mut self) -> String {
        self.read_available();
        let mut text = String::from_utf8_lossy(&self.kept).into_owned();
        if self.more {
            text.push('…');
        }
        text
    }
}

#[cfg(test)]
mod tests;
