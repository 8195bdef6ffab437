//! Fetching a subscribed calendar over HTTP(S): one GET on rustls with the
//! configured timeout for the whole request, the last response's ETag and
//! Last-Modified sent back so an unchanged calendar costs a 304, a cap on the
//! body, a few redirects. Every failure is one line in plain words that never
//! holds the full URL (it may carry a secret token) nor a raw control character.

use std::time::Duration;

use super::cache::{MAX_BYTES, Validators};
use lane_core::model::text::visible;

const MAX_REDIRECTS: u32 = 5;

/// What a server answered.
#[derive(Debug, PartialEq, Eq)]
pub enum Fetched {
    /// A body (not yet known to be a calendar) and its validators.
    Body {
        text: String,
        validators: Validators,
    },
    /// 304: the copy kept is still the calendar.
    NotModified,
}

/// GETs `url`, conditionally when `validators` has something.
pub fn get(url: &str, validators: &Validators, timeout: Duration) -> Result<Fetched, String> {
    let short = shorten(url);
    let config = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .max_redirects(MAX_REDIRECTS)
        .http_status_as_error(false)
        .user_agent(concat!("lane/", env!("CARGO_PKG_VERSION")))
        .build();
    let agent = ureq::Agent::new_with_config(config);
    let mut request = agent
        .get(url)
        .header("Accept", "text/calendar, text/plain;q=0.5, */*;q=0.1");
    if let Some(etag) = &validators.etag {
        request = request.header("If-None-Match", etag);
    }
    if let Some(modified) = &validators.last_modified {
        request = request.header("If-Modified-Since", modified);
    }
    let mut response = request.call().map_err(|e| describe(&e, &short, timeout))?;
    let status = response.status();
    if status.as_u16() == 304 {
        return Ok(Fetched::NotModified);
    }
    if !status.is_success() {
        let reason = status
            .canonical_reason()
            .map(|r| format!(" ({r})"))
            .unwrap_or_default();
        return Err(format!("HTTP {}{reason} from {short}", status.as_u16()));
    }
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let validators = Validators {
        etag: header("etag"),
        last_modified: header("last-modified"),
    };
    let bytes = response
        .body_mut()
        .with_config()
        .limit(MAX_BYTES)
        .read_to_vec()
        .map_err(|e| describe(&e, &short, timeout))?;
    let text = super::ics::decode(&bytes);
    Ok(Fetched::Body { text, validators })
}

/// A failed request in a few words, naming the server but not the full URL.
pub(crate) fn describe(e: &ureq::Error, short: &str, timeout: Duration) -> String {
    use std::io::ErrorKind;
    match e {
        ureq::Error::Timeout(_) => {
            format!(
                "timed out after {} s waiting for {short}",
                timeout.as_secs()
            )
        }
        ureq::Error::Io(io) if io.kind() == ErrorKind::TimedOut => {
            format!(
                "timed out after {} s waiting for {short}",
                timeout.as_secs()
            )
        }
        ureq::Error::HostNotFound => format!("cannot find the server of {short}"),
        ureq::Error::Io(io) if io.kind() == ErrorKind::ConnectionRefused => {
            format!("{short} refused the connection")
        }
        ureq::Error::Io(io) => format!("cannot reach {short}: {}", visible(&io.to_string())),
        ureq::Error::BodyExceedsLimit(_) => format!(
            "{short} sent more than {} MiB, more than any calendar should hold",
            MAX_BYTES / (1024 * 1024)
        ),
        ureq::Error::TooManyRedirects => {
            format!("{short} redirected more than {MAX_REDIRECTS} times")
        }
        // Its own words may quote the address, secrets and all.
        ureq::Error::BadUri(_) | ureq::Error::Http(_) => {
            format!("{short} is not an address lane can fetch")
        }
        ureq::Error::ConnectionFailed => format!("cannot connect to {short}"),
        other => format!("fetching {short} failed: {}", visible(&other.to_string())),
    }
}

/// Why a source that looks like a URL is not one lane fetches, if so:
/// `scheme://…` where the scheme is not http, https or webcal.
pub fn refused_scheme(source: &str) -> Option<String> {
    let (scheme, _) = source.split_once("://")?;
    let looks_like_scheme = scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    let known = ["http", "https", "webcal"]
        .iter()
        .any(|k| scheme.eq_ignore_ascii_case(k));
    (looks_like_scheme && !known).then(|| {
        format!(
            "{} is not an http or https address: lane fetches http, https and webcal \
             URLs, and reads files given by their path",
            shorten(source)
        )
    })
}

/// A URL as lane shows it: scheme and host only, then `…` for whatever
/// followed (a path often holds a private token; `user:pass@` is dropped).
/// Anything else (a file path) is shown as it is.
pub fn shorten(source: &str) -> String {
    let Some((scheme, rest)) = source.split_once("://") else {
        return visible(source);
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let more = !matches!(&rest[end..], "" | "/");
    visible(&format!(
        "{}://{host}{}",
        scheme.to_ascii_lowercase(),
        if more { "/…" } else { "" }
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_shortened_to_their_scheme_and_host() {
        let cases = [
            (
                "https://calendar.google.com/calendar/ical/me%40x.com/private-abc123/basic.ics",
                "https://calendar.google.com/…",
            ),
            (
                "https://user:hunter2@cal.example.com/x.ics",
                "https://cal.example.com/…",
            ),
            (
                "http://127.0.0.1:8080/cal.ics?token=s3cret",
                "http://127.0.0.1:8080/…",
            ),
            ("HTTPS://example.com", "https://example.com"),
            ("https://example.com/", "https://example.com"),
            ("https://example.com?key=1", "https://example.com/…"),
            (
                "webcal://p01-caldav.icloud.com/published/2/XYZ",
                "webcal://p01-caldav.icloud.com/…",
            ),
            ("https://a@b@evil.com/x", "https://evil.com/…"),
            ("~/cal/work.ics", "~/cal/work.ics"),
            ("https://ex\u{1b}[2J.com/", "https://ex\\u{1b}[2J.com"),
        ];
        for (url, short) in cases {
            assert_eq!(shorten(url), short, "{url}");
        }
    }

    #[test]
    fn only_http_https_and_webcal_are_fetched() {
        for fine in [
            "https://a/b",
            "HTTP://a",
            "webcal://a/b",
            "cal.ics",
            "~/x.ics",
            "dir/a://b",
        ] {
            assert_eq!(refused_scheme(fine), None, "{fine}");
        }
        let why = refused_scheme("ftp://user:pw@files.example.com/cal.ics").unwrap();
        assert!(
            why.starts_with("ftp://files.example.com/… is not an http"),
            "{why}"
        );
        assert!(!why.contains("pw"), "{why}");
        assert!(refused_scheme("file:///home/me/cal.ics").is_some());
    }

    /// Answers each connection on 127.0.0.1 with `reply(request head)`.
    fn serve(reply: fn(&str) -> Vec<u8>) -> String {
        use std::io::{Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        std::thread::spawn(move || {
            for mut stream in listener.incoming().flatten() {
                let mut head = Vec::new();
                let mut byte = [0u8; 1];
                while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).unwrap_or(0) == 1 {
                    head.push(byte[0]);
                }
                let _ = stream.write_all(&reply(&String::from_utf8_lossy(&head)));
            }
        });
        base
    }

    #[test]
    fn redirects_are_followed_a_few_times_and_the_body_is_capped() {
        let base = serve(|head| {
            let path = head.split(' ').nth(1).unwrap_or("");
            let hop: u32 = path.trim_start_matches("/hop").parse().unwrap_or(99);
            match path {
                "/big" => {
                    let mut r = b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n".to_vec();
                    r.resize(r.len() + MAX_BYTES as usize + 10, b'x');
                    r
                }
                "/cal" => {
                    b"HTTP/1.1 200 OK\r\nContent-Length: 16\r\nConnection: close\r\n\r\nBEGIN:VCALENDAR\n".to_vec()
                }
                _ if hop == 0 => {
                    b"HTTP/1.1 302 Found\r\nLocation: /cal\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_vec()
                }
                _ => format!(
                    "HTTP/1.1 301 Moved\r\nLocation: /hop{}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                    hop - 1
                )
                .into_bytes(),
            }
        });
        let none = Validators::default();
        let t = Duration::from_secs(5);
        let got = get(&format!("{base}/hop3"), &none, t).unwrap();
        let Fetched::Body { text, .. } = got else {
            panic!("{got:?}")
        };
        assert_eq!(text, "BEGIN:VCALENDAR\n");
        let err = get(&format!("{base}/hop9"), &none, t).unwrap_err();
        assert_eq!(err, format!("{base}/… redirected more than 5 times"));
        let err = get(&format!("{base}/big"), &none, t).unwrap_err();
        assert_eq!(
            err,
            format!("{base}/… sent more than 16 MiB, more than any calendar should hold")
        );
    }

    #[test]
    fn a_refused_connection_names_the_server_only() {
        // A port nothing listens on: bound, then closed.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let url = format!("http://127.0.0.1:{port}/private-token/cal.ics");
        let err = get(&url, &Validators::default(), Duration::from_secs(2)).unwrap_err();
        assert!(err.contains(&format!("http://127.0.0.1:{port}/…")), "{err}");
        assert!(!err.contains("private-token"), "{err}");
    }
}
