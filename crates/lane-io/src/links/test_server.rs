//! A loopback HTTP/1.1 server (127.0.0.1 only) that answers like a forge's
//! REST API: a reply per path, every request's head kept.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[derive(Clone)]
pub enum Reply {
    /// Status, extra headers, body.
    Json(u16, Vec<(&'static str, String)>, String),
    /// Reads the request and never answers (until the test is long over).
    Hang,
}

impl Reply {
    pub fn ok(body: &str) -> Reply {
        Reply::Json(200, Vec::new(), body.to_string())
    }
    pub fn status(code: u16) -> Reply {
        Reply::Json(code, Vec::new(), "{\"message\":\"nope\u{1b}[2J\"}".into())
    }
}

pub struct Server {
    pub base: String,
    routes: Arc<Mutex<HashMap<String, Reply>>>,
    requests: Arc<Mutex<Vec<String>>>,
}

impl Server {
    pub fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let routes: Arc<Mutex<HashMap<String, Reply>>> = Arc::default();
        let requests: Arc<Mutex<Vec<String>>> = Arc::default();
        let (r, q) = (routes.clone(), requests.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (r, q) = (r.clone(), q.clone());
                std::thread::spawn(move || answer(stream, &r, &q));
            }
        });
        Server {
            base,
            routes,
            requests,
        }
    }

    pub fn route(&self, path: &str, reply: Reply) -> &Server {
        self.routes.lock().unwrap().insert(path.to_string(), reply);
        self
    }

    /// Every request's head so far, in lowercase.
    pub fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }
}

fn answer(
    mut stream: TcpStream,
    routes: &Mutex<HashMap<String, Reply>>,
    requests: &Mutex<Vec<String>>,
) {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => return,
        }
    }
    let head = String::from_utf8_lossy(&head).to_string();
    let path = head.split(' ').nth(1).unwrap_or_default().to_string();
    requests.lock().unwrap().push(head.to_lowercase());
    let reply = routes
        .lock()
        .unwrap()
        .get(&path)
        .cloned()
        .unwrap_or(Reply::status(404));
    let (code, headers, body) = match reply {
        Reply::Json(code, headers, body) => (code, headers, body),
        Reply::Hang => {
            std::thread::sleep(Duration::from_secs(30));
            return;
        }
    };
    let extra: String = headers
        .iter()
        .map(|(k, v)| format!("{k}: {v}\r\n"))
        .collect();
    let response = format!(
        "HTTP/1.1 {code} Whatever\r\nContent-Type: application/json\r\n{extra}\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.write_all(response.as_bytes());
}
