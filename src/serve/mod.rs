//! `folio serve`: the HTML preview over HTTP on the author's machine,
//! rebuilt on every change by the same loop as `folio watch`.
//!
//! Files: `http.rs` (requests, responses, which paths may be asked for),
//! `state.rs` (the last good build in memory, its number, the last error,
//! and the server-sent event stream that tells pages about them), this
//! file (binding, the watch thread, answering requests).
//!
//! Nothing is read from disk to answer a request: the server holds the
//! files of the last good build (the preview's pages, stylesheet, fonts
//! and images, and the EPUB and PDF to download) and answers only with
//! those. A failed rebuild keeps them and sends its error to the open
//! pages, which show it over the last good preview.

mod http;
mod state;

use std::net::{SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::sync::Arc;

use crate::build::BuildOptions;
use crate::error::{Error, Result};
use crate::watch::{changed_names, Round, Session};
use state::Shared;

/// How many ports after the asked one are tried when it is taken.
const PORTS_TRIED: u16 = 20;

/// Where and how to serve.
#[derive(Debug, Clone)]
pub struct Settings {
    pub host: String,
    /// 0 lets the system pick a free port.
    pub port: u16,
    /// Open the preview in the default browser.
    pub open: bool,
    pub verbose: bool,
}

/// Serves the preview of the book `options` names until the process is
/// stopped. Prints `serving on http://…/` on stdout once the first build
/// is done, and one line per rebuild.
pub fn serve(options: BuildOptions, settings: Settings) -> Result<()> {
    let mut session = Session::new(options)?;
    let listener = bind(&settings.host, settings.port)?;
    let addr = listener
        .local_addr()
        .map_err(|e| bind_error(&settings.host, e))?;
    if !addr.ip().is_loopback() {
        eprintln!(
            "warning: serving on {addr}, which is not a loopback address: anyone who can reach this machine on the network can read the book"
        );
    }
    let shared = Arc::new(Shared::default());
    let builder = Arc::clone(&shared);
    let verbose = settings.verbose;
    std::thread::spawn(move || {
        let result = crate::watch::run(&mut session, &mut |round| {
            report_round(&builder, round, verbose);
            true
        });
        if let Err(error) = result {
            eprint!("{}", error.to_diagnostic().render());
            builder.fail(error.to_diagnostic().render());
        }
    });
    shared.wait_first();
    let url = format!("http://{}/", display_addr(addr));
    println!("serving on {url}");
    if settings.open {
        open_browser(&url);
    }
    for stream in listener.incoming().flatten() {
        let shared = Arc::clone(&shared);
        std::thread::spawn(move || answer(stream, &shared));
    }
    Ok(())
}

/// Prints one round of the watch loop and hands it to the server.
fn report_round(shared: &Shared, round: Round<'_>, verbose: bool) {
    match round {
        Round::Built { built, changed } => {
            eprint!(
                "{}",
                crate::diagnostics::render_all(&built.diagnostics, verbose)
            );
            let millis = built.millis;
            shared.publish(built.files);
            if changed.is_empty() {
                println!("built in {millis} ms");
            } else {
                println!("rebuilt in {millis} ms ({})", changed_names(changed));
            }
        }
        Round::Failed { error, changed } => {
            let mut text = String::new();
            if let Error::Strict { diagnostics, .. } = &error {
                text.push_str(&crate::diagnostics::render_all(diagnostics, verbose));
            }
            text.push_str(&error.to_diagnostic().render());
            eprint!("{text}");
            let what = if changed.is_empty() {
                String::new()
            } else {
                format!(" ({})", changed_names(changed))
            };
            println!("build failed{what}; the preview shows the last good build");
            shared.fail(text);
        }
    }
}

/// Listens on `host:port`, or the next free port when that one is taken
/// (said on stderr).
fn bind(host: &str, port: u16) -> Result<TcpListener> {
    let addrs: Vec<SocketAddr> = (host, port)
        .to_socket_addrs()
        .map_err(|e| bind_error(host, e))?
        .collect();
    let Some(first) = addrs.first().copied() else {
        return Err(bind_error(host, std::io::ErrorKind::NotFound.into()));
    };
    let mut last_error = None;
    let tries = if port == 0 { 1 } else { PORTS_TRIED };
    for offset in 0..tries {
        let Some(candidate) = port.checked_add(offset) else {
            break;
        };
        let addr = SocketAddr::new(first.ip(), candidate);
        match TcpListener::bind(addr) {
            Ok(listener) => {
                if offset > 0 {
                    eprintln!("port {port} is taken; using {candidate}");
                }
                return Ok(listener);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => last_error = Some(e),
            Err(e) => return Err(bind_error(host, e)),
        }
    }
    Err(bind_error(
        host,
        last_error.unwrap_or_else(|| std::io::ErrorKind::AddrInUse.into()),
    ))
}

fn bind_error(host: &str, e: std::io::Error) -> Error {
    Error::Read {
        path: host.into(),
        source: std::io::Error::new(e.kind(), format!("cannot serve on {host}: {e}")),
    }
}

fn display_addr(addr: SocketAddr) -> String {
    match addr {
        SocketAddr::V6(v6) => format!("[{}]:{}", v6.ip(), v6.port()),
        SocketAddr::V4(v4) => v4.to_string(),
    }
}

/// Opens `url` with the desktop's opener; a failure only costs the author
/// a click.
fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        eprintln!("note: could not open a browser; open {url}");
    }
}

/// Answers one connection.
fn answer(mut stream: TcpStream, shared: &Shared) {
    let Some(request) = http::read_request(&mut stream) else {
        let _ = http::error(&mut stream, "400 Bad Request", false);
        return;
    };
    let head_only = request.method == "HEAD";
    if request.method != "GET" && !head_only {
        let _ = http::error(&mut stream, "405 Method Not Allowed", false);
        return;
    }
    let Some(path) = http::preview_path(&request.target) else {
        let _ = http::error(&mut stream, "404 Not Found", head_only);
        return;
    };
    if path == state::EVENTS {
        shared.stream_events(stream);
        return;
    }
    if path.is_empty() {
        let location = format!("/{}", crate::render::html::FIRST_PAGE);
        let _ = http::respond(
            &mut stream,
            "302 Found",
            &[("Location", &location)],
            b"",
            head_only,
        );
        return;
    }
    match shared.file(&path) {
        Some(bytes) => {
            let media_type = crate::render::html::media_type(&path);
            let _ = http::respond(
                &mut stream,
                "200 OK",
                &[("Content-Type", media_type)],
                &bytes,
                head_only,
            );
        }
        None => {
            let _ = http::error(&mut stream, "404 Not Found", head_only);
        }
    }
}
