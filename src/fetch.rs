//! Fetching feeds: HTTP(S) with timeouts (ureq over rustls) or a local file, parsed by
//! [`crate::corpus::feed`]. In the background, workers fetch several feeds at once and one writer
//! thread saves each feed into the [`crate::store`] in its own transaction, so whoever listens
//! (the reader's event loop, `sanad fetch`) hears of a feed only once it is safely stored.

use std::fs;
use std::io::{self, ErrorKind};
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::thread;

use crate::config::FeedSettings;
use crate::corpus::Article;
pub use crate::corpus::feed::is_url;
use crate::corpus::feed::{ParsedFeed, parse_feed};
use crate::corpus::subscriptions::Subscription;
use crate::store::Store;

/// Largest feed accepted; a bigger answer is not a news feed.
const MAX_FEED_BYTES: u64 = 32 << 20;

/// An HTTP client with the settings' timeout, answering every status (so a 404 is told as one).
pub fn agent(settings: &FeedSettings) -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(settings.timeout))
        .http_status_as_error(false)
        .user_agent(concat!("sanad/", env!("CARGO_PKG_VERSION")))
        .build()
        .into()
}

/// The body of `url`, or why not in plain words ("timed out after 20 s", "not found (404)").
pub fn download(agent: &ureq::Agent, url: &str) -> Result<Vec<u8>, String> {
    let mut response = agent.get(url).call().map_err(|error| plain_error(&error))?;
    let status = response.status();
    if !status.is_success() {
        let reason = match status.as_u16() {
            404 | 410 => "not found".to_owned(),
            401 | 403 => "access refused".to_owned(),
            429 => "too many requests".to_owned(),
            code if code >= 500 => "server error".to_owned(),
            _ => status
                .canonical_reason()
                .unwrap_or("refused")
                .to_lowercase(),
        };
        return Err(format!("{reason} (HTTP {})", status.as_u16()));
    }
    response
        .body_mut()
        .with_config()
        .limit(MAX_FEED_BYTES)
        .read_to_vec()
        .map_err(|error| plain_error(&error))
}

/// What went wrong with a request, in the words a reader understands.
fn plain_error(error: &ureq::Error) -> String {
    use ureq::Error;
    match error {
        Error::Timeout(_) => "timed out".to_owned(),
        Error::HostNotFound => "no such host".to_owned(),
        Error::ConnectionFailed => "could not connect".to_owned(),
        Error::Io(io) => io_words(io),
        Error::BodyExceedsLimit(_) => format!("larger than {} MB", MAX_FEED_BYTES >> 20),
        Error::TooManyRedirects => "too many redirects".to_owned(),
        Error::BadUri(uri) => format!("not a valid address: {uri}"),
        Error::Tls(_) | Error::Rustls(_) | Error::Pem(_) | Error::TlsRequired => {
            format!("secure connection failed ({error})")
        }
        other => other.to_string(),
    }
}

/// An I/O error in plain words.
fn io_words(error: &io::Error) -> String {
    match error.kind() {
        ErrorKind::ConnectionRefused => "connection refused".to_owned(),
        ErrorKind::ConnectionReset | ErrorKind::ConnectionAborted => {
            "connection dropped".to_owned()
        }
        ErrorKind::UnexpectedEof => "connection closed before the end".to_owned(),
        ErrorKind::TimedOut | ErrorKind::WouldBlock => "timed out".to_owned(),
        ErrorKind::NotFound => "no such file".to_owned(),
        ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => error.to_string(),
    }
}

/// Reads (a file) or downloads (a URL) one feed and parses it. The error is the reason alone,
/// since whoever shows it names the feed already.
pub fn fetch_feed(agent: &ureq::Agent, subscription: &Subscription) -> Result<ParsedFeed, String> {
    let location = subscription.location.as_str();
    let bytes = if is_url(location) {
        download(agent, location)?
    } else {
        fs::read(location).map_err(|error| io_words(&error))?
    };
    parse_feed(location, subscription.name.as_deref(), &bytes).map_err(|error| {
        let message = format!("{error:#}");
        match message
            .strip_prefix(location)
            .and_then(|rest| rest.strip_prefix(": "))
        {
            Some(reason) => reason.to_owned(),
            None => message,
        }
    })
}

/// What happened to a feed, in the order it happens.
#[derive(Debug)]
pub enum FetchEvent {
    /// A worker began fetching feed `feed`.
    Started {
        /// The feed, as numbered by the caller of [`Fetcher::request`].
        feed: usize,
    },
    /// Feed `feed` was fetched and its articles committed to the cache.
    Stored {
        /// The feed.
        feed: usize,
        /// The feed's own title, if it has one.
        title: Option<String>,
        /// Every article of the feed as fetched.
        articles: Vec<Article>,
        /// Keys of the articles the cache had not seen before.
        new: Vec<String>,
    },
    /// Feed `feed` could not be fetched, parsed or stored; what the cache held is kept.
    Failed {
        /// The feed.
        feed: usize,
        /// Why, in plain words.
        reason: String,
    },
}

/// A feed fetched or failed, on its way to the writer.
enum Outcome {
    Fetched(usize, String, ParsedFeed),
    Failed(usize, String, String),
}

/// A feed to fetch.
struct Job {
    feed: usize,
    subscription: Subscription,
}

/// Background fetching: worker threads and the cache writer. Requests queue up; events come back
/// on [`Fetcher::events`]. Dropping the fetcher lets its threads finish what they hold and end.
pub struct Fetcher {
    jobs: Sender<Job>,
    /// What happened, feed by feed.
    pub events: Receiver<FetchEvent>,
}

impl Fetcher {
    /// Starts `settings.parallel` workers and a writer that saves into the database at `cache`
    /// (none: nothing is saved, articles are only passed on).
    pub fn start(settings: &FeedSettings, cache: Option<PathBuf>) -> Fetcher {
        let (jobs, job_queue) = mpsc::channel::<Job>();
        let (outcomes, outcome_queue) = mpsc::channel::<Outcome>();
        let (event_sender, events) = mpsc::channel();
        let job_queue = Arc::new(Mutex::new(job_queue));
        let agent = agent(settings);
        for _ in 0..settings.parallel.max(1) {
            let job_queue = Arc::clone(&job_queue);
            let outcomes = outcomes.clone();
            let events = event_sender.clone();
            let agent = agent.clone();
            thread::spawn(move || work(&job_queue, &agent, &outcomes, &events));
        }
        thread::spawn(move || write(cache, &outcome_queue, &event_sender));
        Fetcher { jobs, events }
    }

    /// Queues feed number `feed` for fetching.
    pub fn request(&self, feed: usize, subscription: Subscription) {
        // The workers live as long as the fetcher, so the queue is always open.
        let _ = self.jobs.send(Job { feed, subscription });
    }
}

/// A worker: fetches feeds from the queue until it closes.
fn work(
    job_queue: &Mutex<Receiver<Job>>,
    agent: &ureq::Agent,
    outcomes: &Sender<Outcome>,
    events: &Sender<FetchEvent>,
) {
    loop {
        let job = match job_queue.lock() {
            Ok(queue) => queue.recv(),
            Err(_) => return,
        };
        let Ok(Job { feed, subscription }) = job else {
            return;
        };
        let _ = events.send(FetchEvent::Started { feed });
        let location = subscription.location.clone();
        let outcome = match fetch_feed(agent, &subscription) {
            Ok(parsed) => Outcome::Fetched(feed, location, parsed),
            Err(reason) => Outcome::Failed(feed, location, reason),
        };
        if outcomes.send(outcome).is_err() {
            return;
        }
    }
}

/// The writer: saves each fetched feed in one transaction, records failures, and only then tells
/// the listener.
fn write(cache: Option<PathBuf>, outcomes: &Receiver<Outcome>, events: &Sender<FetchEvent>) {
    let mut store = match cache.map(|path| Store::open(&path)) {
        Some(Ok(opened)) => Some(opened.store),
        Some(Err(error)) => {
            // Without the cache the articles are still shown, each feed saying why it is not kept.
            let reason = format!("not cached: {error:#}");
            for outcome in outcomes {
                let event = match outcome {
                    Outcome::Fetched(feed, _, _) | Outcome::Failed(feed, _, _) => {
                        FetchEvent::Failed {
                            feed,
                            reason: reason.clone(),
                        }
                    }
                };
                if events.send(event).is_err() {
                    return;
                }
            }
            return;
        }
        None => None,
    };
    for outcome in outcomes {
        let event = match outcome {
            Outcome::Fetched(feed, location, parsed) => {
                let saved = match &mut store {
                    Some(store) => store
                        .save_feed(&location, parsed.title.as_deref(), &parsed.articles)
                        .map(|saved| saved.new),
                    None => Ok(parsed.articles.iter().map(|a| a.key.clone()).collect()),
                };
                match saved {
                    Ok(new) => FetchEvent::Stored {
                        feed,
                        title: parsed.title,
                        articles: parsed.articles,
                        new,
                    },
                    Err(error) => FetchEvent::Failed {
                        feed,
                        reason: format!("not cached: {error:#}"),
                    },
                }
            }
            Outcome::Failed(feed, location, reason) => {
                if let Some(store) = &mut store {
                    // The failure is worth remembering, not worth a second message.
                    let _ = store.record_failure(&location, &reason);
                }
                FetchEvent::Failed { feed, reason }
            }
        };
        if events.send(event).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_told_from_paths() {
        assert!(is_url("https://example.org/feed"));
        assert!(is_url("HTTP://example.org"));
        assert!(!is_url("feeds/arabic.rss"));
        assert!(!is_url("ftp://example.org"));
        assert!(!is_url("http"));
    }

    #[test]
    fn a_closed_port_is_refused_in_plain_words() {
        // Bind then drop a listener: the port is closed, and nothing else is likely to take it.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .map(|address| address.port())
            .expect("a free port");
        let agent = agent(&crate::config::Config::default().feeds);
        let error = download(&agent, &format!("http://127.0.0.1:{port}/feed")).unwrap_err();
        assert!(
            error.contains("refused") || error.contains("could not connect"),
            "{error}"
        );
    }

    #[test]
    fn a_missing_file_is_named_plainly() {
        let subscription = Subscription {
            location: "/nonexistent/feed.xml".to_owned(),
            name: None,
            tags: Vec::new(),
        };
        let error = fetch_feed(
            &agent(&crate::config::Config::default().feeds),
            &subscription,
        )
        .unwrap_err();
        assert_eq!(error, "no such file");
    }
}
