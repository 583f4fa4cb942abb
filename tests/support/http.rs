//! A small HTTP/1.1 server on 127.0.0.1 for feed tests: it serves fixtures, and on purpose
//! answers slowly, fails, breaks off or sends what is not a feed.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

/// How the server answers one path.
#[derive(Clone, Debug)]
pub enum Reply {
    /// 200 with this content type and body.
    Ok(&'static str, Vec<u8>),
    /// This status with a short HTML body.
    Status(u16),
    /// Waits this long, then answers 200 with the body.
    Slow(Duration, Vec<u8>),
    /// Announces more bytes than it sends, then closes.
    Truncated(Vec<u8>),
    /// Closes the connection without a word.
    Hangup,
    /// 200 with this body and an `ETag`, or 304 with no body to a request that sends the
    /// `ETag` back in `If-None-Match`.
    Tagged(&'static str, Vec<u8>),
    /// 429 Too Many Requests, asking to retry after this many seconds.
    Limited(u64),
}

/// A running server; it stops with the test process.
pub struct Server {
    /// "http://127.0.0.1:PORT".
    pub base: String,
    routes: Arc<Mutex<HashMap<String, Reply>>>,
    hits: Arc<Mutex<HashMap<String, usize>>>,
}

impl Server {
    /// Starts serving `routes` (path → reply); unknown paths get 404.
    pub fn start(routes: impl IntoIterator<Item = (&'static str, Reply)>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        let routes = Arc::new(Mutex::new(
            routes
                .into_iter()
                .map(|(path, reply)| (path.to_owned(), reply))
                .collect::<HashMap<_, _>>(),
        ));
        let hits = Arc::new(Mutex::new(HashMap::new()));
        let (shared_routes, shared_hits) = (Arc::clone(&routes), Arc::clone(&hits));
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let routes = Arc::clone(&shared_routes);
                let hits = Arc::clone(&shared_hits);
                thread::spawn(move || serve(stream, &routes, &hits));
            }
        });
        Server { base, routes, hits }
    }

    /// The full URL of `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Changes how `path` is answered from now on.
    pub fn set(&self, path: &str, reply: Reply) {
        self.routes.lock().unwrap().insert(path.to_owned(), reply);
    }

    /// Requests for `path` that sent a validator back (`If-None-Match`).
    pub fn conditional_hits(&self, path: &str) -> usize {
        self.hits(&format!("{path} If-None-Match"))
    }

    /// How many requests `path` has had.
    pub fn hits(&self, path: &str) -> usize {
        self.hits.lock().unwrap().get(path).copied().unwrap_or(0)
    }
}

fn serve(
    stream: TcpStream,
    routes: &Mutex<HashMap<String, Reply>>,
    hits: &Mutex<HashMap<String, usize>>,
) {
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(stream) => stream,
        Err(_) => return,
    });
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    // Headers end at the first empty line; the validators sent back are noted.
    let mut header = String::new();
    let mut if_none_match = None;
    while reader.read_line(&mut header).is_ok_and(|n| n > 0) && header.trim() != "" {
        if let Some((name, value)) = header.split_once(':')
            && name.trim().eq_ignore_ascii_case("if-none-match")
        {
            if_none_match = Some(value.trim().to_owned());
        }
        header.clear();
    }
    let path = request_line
        .split_whitespace()
        .nth(1)
        .unwrap_or("/")
        .to_owned();
    *hits.lock().unwrap().entry(path.clone()).or_default() += 1;
    if if_none_match.is_some() {
        *hits
            .lock()
            .unwrap()
            .entry(format!("{path} If-None-Match"))
            .or_default() += 1;
    }
    let reply = routes
        .lock()
        .unwrap()
        .get(&path)
        .cloned()
        .unwrap_or(Reply::Status(404));
    let mut stream = stream;
    let _ = match reply {
        Reply::Ok(content_type, body) => respond(&mut stream, 200, content_type, &body, None),
        Reply::Status(code) => respond(
            &mut stream,
            code,
            "text/html",
            format!("<html><body><h1>{code}</h1></body></html>").as_bytes(),
            None,
        ),
        Reply::Slow(delay, body) => {
            thread::sleep(delay);
            respond(&mut stream, 200, "application/rss+xml", &body, None)
        }
        Reply::Truncated(body) => respond(
            &mut stream,
            200,
            "application/rss+xml",
            &body[..body.len() / 2],
            Some(body.len()),
        ),
        Reply::Hangup => Ok(()),
        Reply::Tagged(content_type, body) => {
            let etag = format!("\"{}-{}\"", body.len(), body.iter().map(|&b| b as u64).sum::<u64>());
            if if_none_match.as_deref() == Some(etag.as_str()) {
                stream
                    .write_all(b"HTTP/1.1 304 Not Modified\r\nConnection: close\r\n\r\n")
                    .and_then(|()| stream.flush())
            } else {
                let head = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nETag: {etag}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                stream
                    .write_all(head.as_bytes())
                    .and_then(|()| stream.write_all(&body))
                    .and_then(|()| stream.flush())
            }
        }
        Reply::Limited(seconds) => stream
            .write_all(
                format!(
                    "HTTP/1.1 429 Too Many Requests\r\nRetry-After: {seconds}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                )
                .as_bytes(),
            )
            .and_then(|()| stream.flush()),
    };
}

fn respond(
    stream: &mut TcpStream,
    code: u16,
    content_type: &str,
    body: &[u8],
    announced: Option<usize>,
) -> std::io::Result<()> {
    let head = format!(
        "HTTP/1.1 {code} X\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        announced.unwrap_or(body.len())
    );
    stream.write_all(head.as_bytes())?;
    stream.write_all(body)?;
    stream.flush()
}
