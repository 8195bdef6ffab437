//! What the tests share: the pinned clock, `lane()` for the real binary on the
//! command line, the real binary in a pty, read through a terminal emulator, and
//! `cases()`, how many cases the property tests and fuzzers run.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub const TIMEOUT: Duration = Duration::from_secs(20);

/// How many cases a property test, fuzzer or random loop runs: `default` in a
/// plain `cargo test` (all of them, every crate, stay under 20 000 so the suite
/// fits CI), `long` with `LANE_LONG_TESTS=1` (docs/testing.md). PROPTEST_CASES,
/// when set, still overrides either in a `proptest!` block.
pub fn cases(default: u32, long: u32) -> u32 {
    let long_tests = std::env::var("LANE_LONG_TESTS").is_ok_and(|v| !v.is_empty() && v != "0");
    if long_tests { long } else { default }
}

/// The clock every test runs at: Monday 23 November 2026, 08:10.
pub const NOW: &str = "2026-11-23T08:10";

pub fn now() -> chrono::NaiveDateTime {
    chrono::NaiveDateTime::parse_from_str(NOW, "%Y-%m-%dT%H:%M").unwrap()
}

/// 800 days of history, archived into their years (and indexed) by `demo`.
pub fn history() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    lane(&dir)
        .args(["demo", "--days", "800"])
        .assert()
        .success();
    dir
}

/// What a command printed, which must succeed (else its stderr is the failure).
pub fn out(dir: impl AsRef<Path>, args: &[&str]) -> String {
    let o = lane(dir).args(args).output().unwrap();
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

/// The JSON a successful command printed.
pub fn json(dir: impl AsRef<Path>, args: &[&str]) -> serde_json::Value {
    let out = lane(dir)
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).unwrap()
}

/// The real binary on the data dir `dir`, its config beside it, the clock pinned
/// to `NOW` (a test that needs another time sets LANE_NOW itself).
pub fn lane(dir: impl AsRef<Path>) -> assert_cmd::Command {
    let dir = dir.as_ref();
    let mut cmd = assert_cmd::Command::cargo_bin("lane").unwrap();
    cmd.arg("--dir")
        .arg(dir)
        .env("LANE_CONFIG_DIR", dir.join("config"))
        .env("LANE_NOW", NOW)
        .env_remove("LANE_DIR");
    cmd
}

pub struct Session {
    pub child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    output: Arc<Mutex<Vec<u8>>>,
    _master: Box<dyn MasterPty + Send>,
}

impl Session {
    pub fn start(dir: &Path) -> Session {
        Session::start_in(dir, false)
    }

    /// With `full_disk`, lane runs with RLIMIT_FSIZE = 0: every write fails with EFBIG
    /// (root ignores permissions, not this). SIGXFSZ keeps its default action (it
    /// would kill lane): lane must ignore it itself, and these tests see if not.
    pub fn start_in(dir: &Path, full_disk: bool) -> Session {
        let mut s = Session::launch(dir, full_disk);
        s.wait_for_screen("Priorities");
        s
    }

    pub fn launch(dir: &Path, full_disk: bool) -> Session {
        Session::launch_with(dir, full_disk, &[], &[])
    }

    /// `lane --dir DIR ARGS…` with extra environment variables.
    pub fn launch_with(
        dir: &Path,
        full_disk: bool,
        args: &[&str],
        env: &[(&str, &str)],
    ) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = if full_disk {
            let mut c = CommandBuilder::new("bash");
            c.arg("-c");
            c.arg(r#"ulimit -f 0; exec "$0" --dir "$@""#);
            c.arg(env!("CARGO_BIN_EXE_lane"));
            c.arg(dir);
            c.args(args);
            c
        } else {
            let mut c = CommandBuilder::new(env!("CARGO_BIN_EXE_lane"));
            c.arg("--dir");
            c.arg(dir);
            c.args(args);
            c
        };
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.env("LANE_CONFIG_DIR", dir.join("config"));
        cmd.env("TERM", "xterm-256color");
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let output = Arc::new(Mutex::new(Vec::new()));
        let sink = output.clone();
        // Drain the terminal continuously, or the app would block writing to it.
        thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        let writer = pty.master.take_writer().unwrap();
        Session {
            child,
            writer,
            output,
            _master: pty.master,
        }
    }

    /// What the screen shows now: the output so far run through a terminal emulator,
    /// since ratatui only redraws the cells that changed.
    pub fn screen_text(&self) -> String {
        let mut parser = vt100::Parser::new(24, 80, 0);
        parser.process(&self.output.lock().unwrap());
        parser.screen().contents()
    }

    pub fn raw_output(&self) -> String {
        String::from_utf8_lossy(&self.output.lock().unwrap()).into_owned()
    }

    pub fn wait_for_screen(&mut self, needle: &str) {
        let start = Instant::now();
        while !self.screen_text().contains(needle) {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!(
                    "lane exited ({status:?}) before showing `{needle}`: {}",
                    self.screen_text()
                );
            }
            assert!(start.elapsed() < TIMEOUT, "`{needle}` never appeared");
            thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn type_keys(&mut self, keys: &str) {
        // One write per key, a little apart, like a fast typist.
        for c in keys.chars() {
            let mut b = [0u8; 4];
            self.writer
                .write_all(c.encode_utf8(&mut b).as_bytes())
                .unwrap();
            self.writer.flush().unwrap();
            thread::sleep(Duration::from_millis(5));
        }
    }

    /// Sends bytes in one write, as a terminal sends an escape sequence.
    pub fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        thread::sleep(Duration::from_millis(30));
    }

    /// Sends `signal` (`TERM`, `HUP`, `KILL`) to the running lane.
    pub fn signal(&mut self, signal: &str) {
        let pid = self.child.process_id().unwrap().to_string();
        let sent = std::process::Command::new("kill")
            .args([&format!("-{signal}"), &pid])
            .status()
            .unwrap();
        assert!(sent.success(), "kill -{signal} {pid} failed");
    }

    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "lane did not quit: {}",
                self.screen_text()
            );
            thread::sleep(Duration::from_millis(20));
        }
    }
}

pub fn wait_for_file(path: &Path, needle: &str) -> String {
    let start = Instant::now();
    loop {
        if let Ok(text) = std::fs::read_to_string(path)
            && text.contains(needle)
        {
            return text;
        }
        assert!(
            start.elapsed() < TIMEOUT,
            "{} never held `{needle}`",
            path.display()
        );
        thread::sleep(Duration::from_millis(20));
    }
}

/// `date start-end title` of every block lane shows — kept ones, the days of
/// series and the calendars' meetings it computes — in the `weeks` weeks from
/// the week of `from`, as seen at `now` in the zone `tz`.
pub fn shown_blocks(dir: &Path, tz: &str, now: &str, from: &str, weeks: i64) -> Vec<String> {
    let first = chrono::NaiveDate::parse_from_str(from, "%Y-%m-%d").unwrap();
    let mut out = Vec::new();
    for week in 0..weeks {
        let date = first + chrono::Duration::weeks(week);
        let listed = lane(dir)
            .env("TZ", tz)
            .env("LANE_NOW", now)
            .args(["list", "blocks", "--week", "--json", "--date"])
            .arg(date.to_string())
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let listed: serde_json::Value = serde_json::from_slice(&listed).unwrap();
        for b in listed.as_array().unwrap() {
            let s = |k: &str| b[k].as_str().unwrap().to_string();
            out.push(format!(
                "{} {}-{} {}",
                s("date"),
                s("start"),
                s("end"),
                s("title")
            ));
        }
    }
    out
}
