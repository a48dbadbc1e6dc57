//! Just enough HTTP/1.1 for a preview on the author's own machine: one
//! request per connection (`Connection: close`), GET and HEAD, a request
//! head of at most [`MAX_HEAD`] bytes read within [`READ_TIMEOUT`].
//!
//! Hand-rolled on `std::net` rather than a crate: the server answers from
//! a map of the files the last good build made in memory, plus one
//! server-sent event stream, and that needs no more than this file.
//! Request paths are decoded once and checked segment by segment
//! ([`preview_path`]); a path is only ever a key into that map, never
//! joined to a folder on disk.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// The longest request head (request line and headers) read.
pub const MAX_HEAD: usize = 16 * 1024;
/// How long a client may take to send its request head.
pub const READ_TIMEOUT: Duration = Duration::from_secs(5);

/// A request's method and target, as sent.
#[derive(Debug, PartialEq, Eq)]
pub struct Request {
    pub method: String,
    pub target: String,
}

/// Reads the request head from `stream`; `None` for a malformed,
/// oversized or slow one.
pub fn read_request(stream: &mut TcpStream) -> Option<Request> {
    stream.set_read_timeout(Some(READ_TIMEOUT)).ok()?;
    let mut head = Vec::with_capacity(1024);
    let mut buf = [0u8; 2048];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        if head.len() > MAX_HEAD {
            return None;
        }
        let n = stream.read(&mut buf).ok()?;
        if n == 0 {
            return None;
        }
        head.extend_from_slice(&buf[..n]);
    }
    parse_request_line(std::str::from_utf8(&head).ok()?)
}

fn parse_request_line(head: &str) -> Option<Request> {
    let line = head.lines().next()?;
    let mut parts = line.split(' ');
    let method = parts.next()?.to_string();
    let target = parts.next()?.to_string();
    let version = parts.next()?;
    if !version.starts_with("HTTP/1.") || parts.next().is_some() {
        return None;
    }
    Some(Request { method, target })
}

/// The preview file a request target names (`/ch01.xhtml?x` →
/// `ch01.xhtml`), or `None` when it is not a plain relative path inside
/// the preview: a `..` or `.` segment, an absolute path (`//etc/passwd`,
/// `/%2Fetc`), a backslash, a NUL, an empty segment or bad escapes, once
/// percent-decoded, are all refused. `Some("")` is the root.
pub fn preview_path(target: &str) -> Option<String> {
    let path = target.split(['?', '#']).next()?;
    let rest = path.strip_prefix('/')?;
    let decoded = percent_decode(rest)?;
    if decoded.is_empty() {
        return Some(String::new());
    }
    let bad = decoded.contains(['\\', '\0', ':'])
        || decoded
            .split('/')
            .any(|seg| seg.is_empty() || seg == "." || seg == "..");
    (!bad).then_some(decoded)
}

/// `%XX` escapes decoded; `None` for a broken escape or a result that is
/// not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Writes a whole response (`body` left out for HEAD).
pub fn respond(
    stream: &mut TcpStream,
    status: &str,
    headers: &[(&str, &str)],
    body: &[u8],
    head_only: bool,
) -> std::io::Result<()> {
    let mut out = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n",
        body.len()
    );
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str("\r\n");
    stream.write_all(out.as_bytes())?;
    if !head_only {
        stream.write_all(body)?;
    }
    stream.flush()
}

/// A plain-text error response.
pub fn error(stream: &mut TcpStream, status: &str, head_only: bool) -> std::io::Result<()> {
    let body = format!("{status}\n");
    respond(
        stream,
        status,
        &[("Content-Type", "text/plain; charset=utf-8")],
        body.as_bytes(),
        head_only,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_paths_are_kept() {
        assert_eq!(preview_path("/").as_deref(), Some(""));
        assert_eq!(preview_path("/ch01.xhtml").as_deref(), Some("ch01.xhtml"));
        assert_eq!(
            preview_path("/images/001-a%20b.png?v=1#x").as_deref(),
            Some("images/001-a b.png")
        );
    }

    #[test]
    fn every_way_out_is_refused() {
        for target in [
            "/../book.toml",
            "/images/../../book.toml",
            "/%2e%2e/book.toml",
            "/%2E%2E%2Fbook.toml",
            "/.%2e/book.toml",
            "//etc/passwd",
            "/%2Fetc%2Fpasswd",
            "/..%5Cbook.toml",
            "/C:/Windows",
            "/a%00b",
            "/%zz",
            "/%c0%ae%c0%ae/x",
            "http://example.com/ch01.xhtml",
            "ch01.xhtml",
            "/./ch01.xhtml",
        ] {
            assert_eq!(preview_path(target), None, "{target}");
        }
    }

    #[test]
    fn request_lines_are_parsed_strictly() {
        assert_eq!(
            parse_request_line("GET /a HTTP/1.1\r\nHost: x\r\n\r\n"),
            Some(Request {
                method: "GET".into(),
                target: "/a".into()
            })
        );
        assert_eq!(parse_request_line("GET /a\r\n\r\n"), None);
        assert_eq!(parse_request_line("GET /a b HTTP/1.1\r\n\r\n"), None);
    }
}
