//! `folio serve`: the chapter pages over HTTP, 404 for every way out of
//! the preview, another port when the asked one is taken, and, in
//! headless Chromium, a page that shows an edit without being reloaded by
//! hand and shows a broken edit's error over the last good preview.

mod live;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::Duration;

use live::{small_book, Live};

/// Starts `folio serve book --port PORT`; returns it and its address.
fn serve(dir: &Path, port: &str) -> (Live, String) {
    let mut server = Live::start(dir, &["serve", "book", "--port", port]);
    let line = server.wait_for("saying where it serves", |l| l.starts_with("serving on "));
    let url = line["serving on ".len()..].trim().to_string();
    let addr = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    assert!(
        addr.starts_with("127.0.0.1:"),
        "loopback by default: {line}"
    );
    (server, addr)
}

/// Sends `target` as written (no client-side clean-up of `..`) and
/// returns the status line, the headers and the body.
fn get(addr: &str, target: &str) -> (String, String, Vec<u8>) {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).expect("a response");
    let split = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a head");
    let head = String::from_utf8_lossy(&response[..split]).into_owned();
    let (status, headers) = head.split_once("\r\n").unwrap_or((&head, ""));
    (
        status.to_string(),
        headers.to_string(),
        response[split + 4..].to_vec(),
    )
}

#[test]
fn serves_the_chapter_pages_and_the_downloads() {
    let dir = tempfile::tempdir().unwrap();
    small_book(dir.path());
    let (_server, addr) = serve(dir.path(), "0");
    let (status, headers, body) = get(&addr, "/ch01.xhtml");
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert!(headers.contains("Content-Type: application/xhtml+xml"));
    let page = String::from_utf8(body).unwrap();
    roxmltree::Document::parse(&page).expect("the page is XML");
    assert!(page.contains("The first chapter"), "{page}");
    assert!(page.contains("href=\"ch02.xhtml\">Two</a>"), "the sidebar");
    assert!(page.contains("<meta name=\"folio-build\" content=\"1\"/>"));
    let (status, _, body) = get(&addr, "/ch02.xhtml");
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert!(String::from_utf8_lossy(&body).contains("The second chapter"));
    let (status, headers, _) = get(&addr, "/");
    assert_eq!(status, "HTTP/1.1 302 Found");
    assert!(headers.contains("Location: /titlepage.xhtml"));
    for (download, magic) in [("/live.epub", &b"PK"[..]), ("/live.pdf", &b"%PDF"[..])] {
        let (status, _, body) = get(&addr, download);
        assert_eq!(status, "HTTP/1.1 200 OK", "{download}");
        assert!(body.starts_with(magic), "{download}");
    }
}

#[test]
fn every_request_that_leaves_the_preview_gets_404() {
    let dir = tempfile::tempdir().unwrap();
    let book = small_book(dir.path());
    std::fs::write(dir.path().join("secret.txt"), "SECRET").unwrap();
    std::fs::create_dir(book.join("images")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("secret.txt"), book.join("images/leak.png"))
        .unwrap();
    std::os::unix::fs::symlink(dir.path().join("secret.txt"), book.join("leak.txt")).unwrap();
    let (_server, addr) = serve(dir.path(), "0");
    let secret = dir.path().join("secret.txt");
    let absolute = format!("/{}", secret.display());
    for target in [
        "/../secret.txt",
        "/../book/book.toml",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/.%2e/secret.txt",
        "/images/%2e%2e/%2e%2e/secret.txt",
        "/..%5Csecret.txt",
        absolute.as_str(),
        &format!("/{}", absolute.replace('/', "%2F")),
        "//etc/passwd",
        "/etc/passwd",
        "/leak.txt",
        "/images/leak.png",
        "/book.toml",
        "/one.md",
    ] {
        let (status, _, body) = get(&addr, target);
        assert_eq!(status, "HTTP/1.1 404 Not Found", "{target}");
        assert!(
            !String::from_utf8_lossy(&body).contains("SECRET"),
            "{target}"
        );
    }
    // And the preview itself still answers.
    assert_eq!(get(&addr, "/ch01.xhtml").0, "HTTP/1.1 200 OK");
}

#[test]
fn a_taken_port_means_the_next_one_said_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    small_book(dir.path());
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let mut server = Live::start(dir.path(), &["serve", "book", "--port", &port.to_string()]);
    let said = server.seen_or_wait("about the port", |l| l.contains("is taken"));
    assert!(said.starts_with("stderr: "), "{said}");
    assert!(said.contains(&port.to_string()), "{said}");
    let line = server.seen_or_wait("saying where it serves", |l| l.starts_with("serving on "));
    assert!(!line.contains(&format!(":{port}/")), "{line}");
}

#[path = "live/chromium.rs"]
mod chromium;

/// The error overlay's text, or "" when there is none.
const OVERLAY: &str = "(document.getElementById('folio-error') || {textContent: ''}).textContent";
const BODY: &str = "document.body ? document.body.textContent : ''";

#[test]
fn in_chromium_an_edit_shows_without_a_reload_and_a_broken_edit_shows_its_error() {
    let Some(browser) = chromium::Browser::start() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let book = small_book(dir.path());
    let (mut server, addr) = serve(dir.path(), "0");
    let mut page = browser.open(&format!("http://{addr}/ch01.xhtml"));
    let patience = live::PATIENCE;
    page.wait_for_text(BODY, "The first chapter", patience);
    // The sidebar and the stylesheet are there.
    page.wait_for_text(
        "document.querySelector('.folio-sidebar').textContent",
        "Two",
        patience,
    );

    std::fs::write(
        book.join("one.md"),
        "# One\n\nEdited while the page was open.\n",
    )
    .unwrap();
    server.wait_for("rebuilt", |l| l.starts_with("rebuilt in "));
    page.wait_for_text(BODY, "Edited while the page was open.", patience);

    let toml = std::fs::read_to_string(book.join("book.toml")).unwrap();
    std::fs::write(book.join("book.toml"), format!("{toml}\nbroken = = 1\n")).unwrap();
    let overlay = page.wait_for_text(OVERLAY, "book.toml:", patience);
    assert!(overlay.contains("the rebuild failed"), "{overlay}");
    // The last good preview stays under it.
    let body = page.wait_for_text(BODY, "Edited while the page was open.", patience);
    assert!(body.contains("One"), "{body}");

    // Fixed: the page reloads into the new build, without the overlay.
    std::fs::write(book.join("book.toml"), &toml).unwrap();
    std::fs::write(book.join("one.md"), "# One\n\nFixed.\n").unwrap();
    page.wait_for_text(BODY, "Fixed.", patience);
    assert_eq!(page.eval(OVERLAY), serde_json::json!(""));
}
