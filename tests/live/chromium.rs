//! Headless Chromium driven over the DevTools protocol (a websocket and
//! JSON), started once for all the browser checks: open a page, evaluate
//! JavaScript in it, wait for what it shows.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

pub struct Browser {
    child: Child,
    /// The DevTools HTTP endpoint, `127.0.0.1:PORT`.
    devtools: String,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// Starts Chromium, or `None` when it is not installed (scripts/test.sh
    /// installs it).
    pub fn start() -> Option<Browser> {
        let profile = tempfile::tempdir().unwrap();
        let spawned = Command::new("chromium")
            .args([
                "--headless",
                // Root (CI, containers) has no user namespace sandbox.
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--no-default-browser-check",
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn();
        let mut child = match spawned {
            Ok(child) => child,
            Err(e) => {
                eprintln!("chromium is not installed ({e}); the browser checks are skipped");
                return None;
            }
        };
        let stderr = child.stderr.take().expect("stderr");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(at) = line.find("ws://") {
                    let _ = tx.send(line[at..].to_string());
                }
            }
        });
        let ws = rx
            .recv_timeout(Duration::from_secs(30))
            .expect("Chromium says where DevTools listens");
        let devtools = ws["ws://".len()..]
            .split('/')
            .next()
            .expect("host:port")
            .to_string();
        Some(Browser {
            child,
            devtools,
            _profile: profile,
        })
    }

    /// Opens `url` in a new tab.
    pub fn open(&self, url: &str) -> Page {
        let answer = http(&self.devtools, "PUT", &format!("/json/new?{url}"));
        let target: Value = serde_json::from_str(&answer).expect("a target as JSON");
        let ws_url = target["webSocketDebuggerUrl"]
            .as_str()
            .expect("the tab's websocket");
        let (ws, _) = tungstenite::connect(ws_url).expect("connect to the tab");
        if let MaybeTlsStream::Plain(stream) = ws.get_ref() {
            stream
                .set_read_timeout(Some(Duration::from_secs(10)))
                .unwrap();
        }
        Page { ws, next_id: 0 }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A one-shot HTTP request to the DevTools endpoint; returns the body.
fn http(addr: &str, method: &str, target: &str) -> String {
    let mut stream = TcpStream::connect(addr).expect("DevTools answers");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    // DevTools keeps the connection open: read the head, then exactly
    // Content-Length bytes.
    let mut response = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        if let Some(split) = response.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&response[..split]).to_ascii_lowercase();
            let length: usize = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|n| n.trim().parse().ok())
                .unwrap_or(0);
            if response.len() >= split + 4 + length {
                return String::from_utf8_lossy(&response[split + 4..split + 4 + length])
                    .into_owned();
            }
        }
        let n = stream.read(&mut buf).expect("DevTools answers in time");
        if n == 0 {
            return String::new();
        }
        response.extend_from_slice(&buf[..n]);
    }
}

pub struct Page {
    ws: WebSocket<MaybeTlsStream<TcpStream>>,
    next_id: u64,
}

impl Page {
    /// The value of `expression` in the page, or `Null` while it cannot
    /// answer (during a reload).
    pub fn eval(&mut self, expression: &str) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let call = json!({
            "id": id,
            "method": "Runtime.evaluate",
            "params": { "expression": expression, "returnByValue": true },
        });
        if self.ws.send(Message::text(call.to_string())).is_err() {
            return Value::Null;
        }
        loop {
            let Ok(message) = self.ws.read() else {
                return Value::Null;
            };
            let Ok(text) = message.to_text() else {
                continue;
            };
            let Ok(reply) = serde_json::from_str::<Value>(text) else {
                continue;
            };
            if reply["id"] == json!(id) {
                return reply["result"]["result"]["value"].clone();
            }
        }
    }

    /// Waits until `expression` gives a string containing `wanted`;
    /// returns it, or fails after `patience` with the last answer.
    pub fn wait_for_text(&mut self, expression: &str, wanted: &str, patience: Duration) -> String {
        let deadline = Instant::now() + patience;
        let mut last = Value::Null;
        while Instant::now() < deadline {
            last = self.eval(expression);
            if let Some(text) = last.as_str() {
                if text.contains(wanted) {
                    return text.to_string();
                }
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("`{expression}` never contained {wanted:?}; last: {last}");
    }
}
