//! Calendar subscriptions against a loopback HTTP server written here (127.0.0.1
//! only): a calendar with an ETag, the 304 its conditional request earns, a 500,
//! a server that never answers, garbage; the copy kept through all of them, and
//! one failing calendar never stopping another. `lane sync` refreshes too.

use std::collections::VecDeque;
use std::fs;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::common::lane;

const GOOGLE: &str = include_str!("fixtures/calendars/google.ics");
const OUTLOOK: &str = include_str!("fixtures/calendars/outlook.ics");

/// What the server does with the next request.
#[derive(Clone)]
enum Reply {
    /// 200 with this body and ETag.
    Calendar(&'static str, &'static str),
    NotModified,
    Status(u16),
    /// Reads the request and never answers (until the test is long over).
    Hang,
}

/// A one-thread-per-connection HTTP/1.1 server on 127.0.0.1, answering from a
/// queue and keeping every request's head.
struct Server {
    base: String,
    replies: Arc<Mutex<VecDeque<Reply>>>,
    requests: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let replies: Arc<Mutex<VecDeque<Reply>>> = Arc::default();
        let requests: Arc<Mutex<Vec<String>>> = Arc::default();
        let (r, q) = (replies.clone(), requests.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (r, q) = (r.clone(), q.clone());
                std::thread::spawn(move || answer(stream, &r, &q));
            }
        });
        Server {
            base,
            replies,
            requests,
        }
    }

    fn then(&self, reply: Reply) -> &Server {
        self.replies.lock().unwrap().push_back(reply);
        self
    }

    fn last_request(&self) -> String {
        self.requests
            .lock()
            .unwrap()
            .last()
            .cloned()
            .unwrap_or_default()
    }
}

fn answer(mut stream: TcpStream, replies: &Mutex<VecDeque<Reply>>, requests: &Mutex<Vec<String>>) {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => return,
        }
    }
    requests
        .lock()
        .unwrap()
        .push(String::from_utf8_lossy(&head).to_lowercase());
    let reply = replies
        .lock()
        .unwrap()
        .pop_front()
        .unwrap_or(Reply::Status(404));
    let response = match reply {
        Reply::Calendar(body, etag) => format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/calendar\r\nETag: {etag}\r\n\
             Last-Modified: Mon, 23 Nov 2026 07:00:00 GMT\r\nContent-Length: {}\r\n\
             Connection: close\r\n\r\n{body}",
            body.len()
        ),
        Reply::NotModified => "HTTP/1.1 304 Not Modified\r\nConnection: close\r\n\r\n".to_string(),
        Reply::Status(code) => format!(
            "HTTP/1.1 {code} Oops\r\nContent-Length: 5\r\nConnection: close\r\n\r\noops\u{1b}"
        ),
        Reply::Hang => {
            std::thread::sleep(Duration::from_secs(30));
            return;
        }
    };
    let _ = stream.write_all(response.as_bytes());
}

/// A data dir whose config has these `[[calendars]]` (name, source) and a
/// one-second timeout.
fn with_calendars(cals: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("config")).unwrap();
    let mut config = "calendar_timeout_seconds = 1\n".to_string();
    for (name, source) in cals {
        config.push_str(&format!(
            "[[calendars]]\nname = \"{name}\"\nsource = \"{source}\"\n"
        ));
    }
    fs::write(dir.path().join("config/config.toml"), config).unwrap();
    dir
}

/// `lane` in the zone the fixtures' times are checked in, straight to the
/// loopback server (no proxy from the environment).
fn on(dir: &Path) -> assert_cmd::Command {
    let mut cmd = lane(dir);
    cmd.env("TZ", "Europe/Berlin");
    for proxy in [
        "ALL_PROXY",
        "all_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "HTTP_PROXY",
        "http_proxy",
    ] {
        cmd.env_remove(proxy);
    }
    cmd
}

/// `lane ARGS` in the zone the fixtures' times are checked in; exit code,
/// stdout, stderr.
fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = on(dir).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn data(dir: &Path) -> Vec<u8> {
    fs::read(dir.join("lane.toml")).unwrap()
}

/// The one copy kept in `calendars/`.
fn copy(dir: &Path) -> String {
    let ics: Vec<_> = fs::read_dir(dir.join("calendars"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "ics"))
        .collect();
    assert_eq!(ics.len(), 1, "{ics:?}");
    fs::read_to_string(ics[0].path()).unwrap()
}

// Over 80 lines: one server's life (200, 304, 500, hang, garbage) in order.
#[test]
fn a_subscription_is_fetched_revalidated_and_its_copy_kept_through_every_failure() {
    let server = Server::start();
    let url = format!("{}/calendar/private-s3cret/basic.ics", server.base);
    let short = format!("{}/…", server.base);
    let dir = with_calendars(&[("work", &url)]);
    let d = dir.path();

    server.then(Reply::Calendar(GOOGLE, "\"v1\""));
    let (code, out, err) = run(d, &["calendar", "refresh"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.starts_with("work: 19 added, 0 updated, 0 removed"),
        "{out}"
    );
    assert!(!server.last_request().contains("if-none-match"));
    let (_, blocks, _) = run(d, &["list", "blocks"]);
    assert!(
        blocks.contains("09:30-09:45 meeting Team standup"),
        "{blocks}"
    );
    let first = data(d);
    assert_eq!(copy(d), GOOGLE);

    // Unchanged: the server is asked with the ETag and Last-Modified it gave,
    // answers 304, and the data file is the very same bytes.
    server.then(Reply::NotModified);
    let (code, out, err) = run(d, &["calendar", "refresh", "work"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.starts_with("work: 0 added, 0 updated, 0 removed"),
        "{out}"
    );
    let asked = server.last_request();
    assert!(asked.contains("if-none-match: \"v1\"\r\n"), "{asked}");
    assert!(
        asked.contains("if-modified-since: mon, 23 nov 2026 07:00:00 gmt\r\n"),
        "{asked}"
    );
    assert_eq!(data(d), first);
    let (_, list, _) = run(d, &["calendar", "list"]);
    assert!(
        list.starts_with(&format!(
            "work (meeting) {short} — ok (not modified); last fetch 2026-11-23 08:10; 6 events"
        )),
        "{list}"
    );

    // A 500, garbage, a server that never answers: each exits 1 with its reason
    // and the copy's meetings stay; the secret part of the URL is never shown.
    server.then(Reply::Status(500));
    server.then(Reply::Calendar("<html>maintenance</html>", "\"v2\""));
    server.then(Reply::Hang);
    let reasons = [
        format!(
            "lane: work: HTTP 500 (Internal Server Error) from {short} (its copy from 2026-11-23 08:10 was used)"
        ),
        format!("lane: work: {short} is not a calendar: not an iCalendar file"),
        format!("lane: work: timed out after 1 s waiting for {short} (its copy"),
    ];
    for reason in reasons {
        let started = Instant::now();
        let (code, out, err) = run(d, &["calendar", "refresh"]);
        assert_eq!(code, 1, "{out}{err}");
        assert!(err.starts_with(&reason), "{reason}\n{err}");
        assert!(
            out.starts_with("work: 0 added, 0 updated, 0 removed"),
            "{out}"
        );
        assert!(!format!("{out}{err}").contains("s3cret"), "{err}");
        assert!(started.elapsed() < Duration::from_secs(8), "{reason}");
        assert_eq!(data(d), first, "{reason}");
        assert_eq!(copy(d), GOOGLE, "garbage never replaces the copy");
    }
    let (_, list, _) = run(d, &["calendar", "list"]);
    assert!(list.contains("— failed: timed out after 1 s"), "{list}");
    assert!(
        list.contains("; copy from 2026-11-23 08:10; 6 events"),
        "{list}"
    );
    assert!(!list.contains("s3cret"), "{list}");
    let json = crate::common::json(d, &["calendar", "list", "--json"]);
    assert_eq!(json[0]["state"], "failed");
    assert_eq!(json[0]["source"], short.as_str());
    assert_eq!(json[0]["events"], 6);

    // A copy, a note of what it is (both travel with a sync) and a state,
    // named by a hash; the URL's secret is in none of them.
    let kept: Vec<_> = fs::read_dir(d.join("calendars"))
        .unwrap()
        .flatten()
        .collect();
    assert_eq!(kept.len(), 3, "{kept:?}");
    for file in kept {
        assert!(!fs::read_to_string(file.path()).unwrap().contains("s3cret"));
    }
}

#[test]
fn one_failing_calendar_never_stops_another() {
    let server = Server::start();
    let url = format!("{}/team.ics", server.base);
    let dir = with_calendars(&[("team", &url), ("home", "outlook.ics")]);
    let d = dir.path();
    fs::write(d.join("config/outlook.ics"), OUTLOOK).unwrap();
    server.then(Reply::Status(503));
    let (code, out, err) = run(d, &["calendar", "refresh"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("home: "), "{out}");
    assert!(
        out.contains(" added, 0 updated, 0 removed, 1 event skipped\n  skipped: line"),
        "{out}"
    );
    assert!(
        err.contains("lane: team: HTTP 503 (Service Unavailable) from http://127.0.0.1:")
            && err.contains("(no copy kept yet: nothing brought in)"),
        "{err}"
    );
    let first = data(d);

    // The file goes away: its copy is used, and said.
    fs::remove_file(d.join("config/outlook.ics")).unwrap();
    let (code, _, err) = run(d, &["calendar", "refresh", "home"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("outlook.ics does not exist (its copy from 2026-11-23 08:10 was used)"),
        "{err}"
    );
    assert_eq!(data(d), first);
}

#[test]
fn names_urls_and_an_empty_config_are_explained() {
    let dir = with_calendars(&[]);
    let (code, out, _) = run(dir.path(), &["calendar", "refresh"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("no calendars yet: add one to"), "{out}");
    let (code, _, err) = run(dir.path(), &["calendar", "refresh", "work"]);
    assert_eq!(
        (code, err.trim()),
        (2, "lane: no calendar named `work`: none is configured yet")
    );

    let dir = with_calendars(&[
        ("work", "ftp://me:hunter2@files.example.com/w.ics"),
        ("home", "h.ics"),
    ]);
    let (code, _, err) = run(dir.path(), &["calendar", "refresh", "wrok"]);
    assert_eq!(code, 2);
    assert_eq!(
        err.trim(),
        "lane: no calendar named `wrok`: the calendars are work, home"
    );
    let (code, _, err) = run(dir.path(), &["calendar", "refresh", "work"]);
    assert_eq!(code, 1);
    assert!(
        err.starts_with("lane: work: ftp://files.example.com/… is not an http or https address"),
        "{err}"
    );
    assert!(!err.contains("hunter2"), "{err}");
    assert!(
        !dir.path().join("lane.toml").exists(),
        "nothing to bring in, nothing written"
    );
    let (_, list, _) = run(dir.path(), &["calendar", "list"]);
    assert!(
        list.contains("home (meeting) h.ics — never fetched"),
        "{list}"
    );
    assert!(!list.contains("hunter2"), "{list}");
}

fn git(dir: &Path, args: &[&str]) {
    let ok = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .status()
        .unwrap()
        .success();
    assert!(ok, "git {args:?}");
}

#[test]
fn sync_brings_calendars_in_and_a_failing_one_never_fails_it() {
    let root = tempfile::tempdir().unwrap();
    let remote = root.path().join("remote.git");
    git(
        root.path(),
        &["init", "-q", "--bare", remote.to_str().unwrap()],
    );
    let dir = with_calendars(&[
        ("home", "outlook.ics"),
        ("gone", "http://127.0.0.1:9/x.ics"),
    ]);
    let d = dir.path();
    fs::write(d.join("config/outlook.ics"), OUTLOOK).unwrap();
    let out = on(d)
        .args(["sync", "init", remote.to_str().unwrap()])
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(stdout.contains("home: "), "{stdout}");
    assert!(
        stderr.contains("lane: gone: http://127.0.0.1:9/… refused the connection"),
        "{stderr}"
    );
    let ignored = fs::read_to_string(d.join(".gitignore")).unwrap();
    assert!(ignored.contains("calendars/"), "{ignored}");
}

#[test]
fn what_a_feed_says_reaches_the_terminal_escaped() {
    let dir = with_calendars(&[("evil", "evil.ics")]);
    let d = dir.path();
    let feed = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nSUMMARY:\u{1b}]0;pwned\u{7}\r\n\
                DTSTART:2026\u{1b}[2J1124T090000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    fs::write(d.join("config/evil.ics"), feed).unwrap();
    let (code, out, err) = run(d, &["calendar", "refresh"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("1 event skipped"), "{out}");
    assert!(out.contains("\\u{1b}[2J"), "{out}");
    assert!(!format!("{out}{err}").contains('\u{1b}'), "{out}{err}");
}

/// The app with one calendar that never answers and one file beside it: the
/// file's meetings arrive, and every key is answered at once meanwhile.
#[test]
fn the_app_stays_responsive_while_a_calendar_hangs() {
    let server = Server::start();
    server.then(Reply::Hang);
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("google.ics"), GOOGLE).unwrap();
    fs::create_dir(d.join("config")).unwrap();
    fs::write(
        d.join("config/config.toml"),
        format!(
            "calendar_timeout_seconds = 20\n\
             [[calendars]]\nname = \"slow\"\nsource = \"{}/hangs.ics\"\n\
             [[calendars]]\nname = \"work\"\nsource = \"{}\"\n",
            server.base,
            d.join("google.ics").display()
        ),
    )
    .unwrap();
    let mut app = crate::common::Session::launch_with(
        d,
        false,
        &[],
        &[
            ("LANE_CONFIG_DIR", d.join("config").to_str().unwrap()),
            ("LANE_NOW", "2026-11-30T08:30"),
            ("TZ", "Europe/Berlin"),
        ],
    );
    app.wait_for_screen("Priorities");
    let started = Instant::now();
    // The file calendar's meetings come while the other still hangs.
    app.type_keys("2");
    app.wait_for_screen("◷ Team standup");
    // Keys are answered: tabs switch back and forth while the fetch hangs.
    for (key, shows) in [
        ("3", "Blockers"),
        ("4", "Decisions"),
        ("2", "◷ Team standup"),
    ] {
        let asked = Instant::now();
        app.type_keys(key);
        app.wait_for_screen(shows);
        assert!(
            asked.elapsed() < Duration::from_secs(3),
            "{key} took {:?}",
            asked.elapsed()
        );
    }
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "all of it before the hanging calendar's timeout"
    );
    assert!(server.last_request().contains("get /hangs.ics"));
    app.type_keys("q");
    app.wait_exit();
}
