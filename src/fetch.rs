//! Fetching feeds: HTTP(S) with timeouts (ureq over rustls) or a local file, parsed by
//! [`crate::corpus::feed`]. In the background, workers fetch several feeds at once and one writer
//! thread saves each feed into the [`crate::store`] in its own transaction, so whoever listens
//! (the reader's event loop, `sanad fetch`) hears of a feed only once it is safely stored.

use std::collections::HashMap;
use std::io::{self, ErrorKind};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::thread;

use crate::config::FeedSettings;
use crate::corpus::Article;
pub use crate::corpus::feed::is_url;
use crate::corpus::feed::{self, ParsedFeed, StoredItems, parse_feed, parse_feed_since};
use crate::corpus::fulltext;
use crate::corpus::subscriptions::Subscription;
use crate::store::{Keep, Store, Validators};

/// The longest a server's `max-age` or `Retry-After` holds a feed back: a day.
const MAX_WAIT_SECONDS: i64 = 24 * 60 * 60;
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
    download_page(agent, url).map(|(bytes, _)| bytes)
}

/// The body of `url` and its `Content-Type`, or why not in plain words.
pub fn download_page(agent: &ureq::Agent, url: &str) -> Result<(Vec<u8>, Option<String>), String> {
    match conditional_download(agent, url, &Validators::default(), 0) {
        Ok(Download::Body(page, _)) => Ok((page.bytes, page.content_type)),
        Ok(Download::NotModified(_)) => Err("not modified (HTTP 304) to a plain request".into()),
        Err(failure) => Err(failure.reason),
    }
}

/// What a conditional request brought.
#[derive(Debug)]
pub enum Download {
    /// A body, with what the server said to send back next time.
    Body(Page, Validators),
    /// 304: nothing new since the validators sent.
    NotModified(Validators),
}

/// A body as downloaded, and the `Content-Type` it came with.
#[derive(Debug)]
pub struct Page {
    pub bytes: Vec<u8>,
    pub content_type: Option<String>,
}

/// Why a feed was not fetched, and when the server asked to be tried again (429, 503).
#[derive(Debug)]
pub struct Failure {
    pub reason: String,
    pub retry_at: Option<i64>,
}

/// `url` as an HTTP request takes it: an Arabic host name in punycode, spaces and letters of
/// the path percent-encoded ("https://مثال.example/أخبار عاجلة" is sent as
/// "https://xn--mgbh0fb.example/%D8%A3…").
fn request_address(url: &str) -> Result<String, String> {
    url::Url::parse(url.trim())
        .map(String::from)
        .map_err(|error| format!("not a web address ({error})"))
}

/// Gets `url` sending back `known` validators (`If-None-Match`, `If-Modified-Since`), so a
/// feed with nothing new answers 304 with no body; `now` in seconds since the epoch dates what
/// `Cache-Control: max-age` and `Retry-After` ask.
pub fn conditional_download(
    agent: &ureq::Agent,
    url: &str,
    known: &Validators,
    now: i64,
) -> Result<Download, Failure> {
    let failure = |reason: String| Failure {
        reason,
        retry_at: None,
    };
    let mut request = agent.get(request_address(url).map_err(failure)?);
    if let Some(etag) = &known.etag {
        request = request.header("If-None-Match", etag);
    }
    if let Some(modified) = &known.last_modified {
        request = request.header("If-Modified-Since", modified);
    }
    let mut response = request
        .call()
        .map_err(|error| failure(plain_error(&error)))?;
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned)
    };
    let status = response.status();
    let content_type = header("content-type");
    let max_age = header("cache-control").as_deref().and_then(max_age);
    let said = Validators {
        etag: header("etag").or_else(|| known.etag.clone()),
        last_modified: header("last-modified").or_else(|| known.last_modified.clone()),
        not_before: max_age.map(|seconds| now.saturating_add(seconds)),
    };
    if status.as_u16() == 304 {
        return Ok(Download::NotModified(said));
    }
    if !status.is_success() {
        let retry_at = matches!(status.as_u16(), 429 | 503)
            .then(|| header("retry-after"))
            .flatten()
            .and_then(|value| retry_after(&value, now));
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
        return Err(Failure {
            reason: format!("{reason} (HTTP {})", status.as_u16()),
            retry_at,
        });
    }
    let bytes = response
        .body_mut()
        .with_config()
        .limit(MAX_FEED_BYTES)
        .read_to_vec()
        .map_err(|error| failure(plain_error(&error)))?;
    Ok(Download::Body(
        Page {
            bytes,
            content_type,
        },
        said,
    ))
}

/// Seconds of `Cache-Control: max-age=N` (capped at a day, so a typo cannot silence a feed).
fn max_age(cache_control: &str) -> Option<i64> {
    cache_control
        .split(',')
        .filter_map(|directive| directive.trim().strip_prefix("max-age="))
        .find_map(|seconds| seconds.trim_matches('"').parse::<i64>().ok())
        .map(|seconds| seconds.clamp(0, MAX_WAIT_SECONDS))
}

/// When `Retry-After` (seconds, or an HTTP date) allows the next try, capped at a day.
fn retry_after(value: &str, now: i64) -> Option<i64> {
    let at = match value.trim().parse::<i64>() {
        Ok(seconds) => now.saturating_add(seconds.max(0)),
        Err(_) => chrono::DateTime::parse_from_rfc2822(value.trim())
            .ok()?
            .timestamp(),
    };
    Some(at.clamp(now, now.saturating_add(MAX_WAIT_SECONDS)))
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
    let (bytes, content_type) = if is_url(location) {
        download_page(agent, location)?
    } else {
        let bytes = crate::corpus::read_bounded(Path::new(location));
        (bytes.map_err(|error| io_words(&error))?, None)
    };
    let bytes = feed::with_header_charset(&bytes, content_type.as_deref());
    parse_feed(location, subscription.name.as_deref(), &bytes)
        .map_err(|error| parse_failure(location, &error))
}

/// Why `location` did not parse, without its name, which whoever shows it gives already.
fn parse_failure(location: &str, error: &anyhow::Error) -> String {
    let message = format!("{error:#}");
    match message
        .strip_prefix(location)
        .and_then(|rest| rest.strip_prefix(": "))
    {
        Some(reason) => reason.to_owned(),
        None => message,
    }
}

/// Fetches a feed as the background workers do: a URL sends back what its server said last
/// time (`known`), and is not asked at all before the time it set, nor again within
/// `min_interval` seconds; a file is read. Items `stored` as they are are passed over.
fn fetch_known(
    agent: &ureq::Agent,
    subscription: &Subscription,
    known: &Validators,
    stored: &StoredItems,
    min_interval: i64,
    now: i64,
) -> Result<(Option<ParsedFeed>, Validators), Failure> {
    let location = subscription.location.as_str();
    let parse = |bytes: &[u8]| {
        parse_feed_since(location, subscription.name.as_deref(), bytes, stored).map_err(|error| {
            Failure {
                reason: parse_failure(location, &error),
                retry_at: None,
            }
        })
    };
    if !is_url(location) {
        let bytes = crate::corpus::read_bounded(Path::new(location)).map_err(|error| Failure {
            reason: io_words(&error),
            retry_at: None,
        })?;
        return Ok((Some(parse(&bytes)?), Validators::default()));
    }
    if known.not_before.is_some_and(|at| now < at) {
        return Ok((None, known.clone()));
    }
    let at_least = |mut said: Validators| {
        if min_interval > 0 {
            let next = now.saturating_add(min_interval);
            said.not_before = Some(said.not_before.map_or(next, |at| at.max(next)));
        }
        said
    };
    match conditional_download(agent, location, known, now)? {
        Download::NotModified(said) => Ok((None, at_least(said))),
        Download::Body(page, said) => {
            let bytes = feed::with_header_charset(&page.bytes, page.content_type.as_deref());
            Ok((Some(parse(&bytes)?), at_least(said)))
        }
    }
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
        /// Items of the feed stored already as they are, not among `articles`.
        unchanged: usize,
        /// What was wrong with the feed and how it was read all the same.
        warnings: Vec<String>,
    },
    /// Feed `feed` had nothing new (304 Not Modified, or its server asked not to be fetched
    /// yet); the cache holds `total` of its articles.
    Unchanged {
        /// The feed.
        feed: usize,
        /// Its articles in the cache.
        total: usize,
    },
    /// Feed `feed` could not be fetched, parsed or stored; what the cache held is kept.
    Failed {
        /// The feed.
        feed: usize,
        /// Why, in plain words.
        reason: String,
    },
}

/// A feed fetched, unchanged or failed, on its way to the writer, with what its server said.
enum Outcome {
    Fetched(usize, String, ParsedFeed, Validators),
    Unchanged(usize, String, Validators),
    Failed(usize, String, Failure),
}

/// What the cache knows of each feed, by location: read when fetching starts, kept up to date
/// by the writer, read by the workers.
#[derive(Default)]
struct KnownFeeds {
    /// What its server said last.
    validators: HashMap<String, Validators>,
    /// Its items stored, with their hashes.
    items: HashMap<String, StoredItems>,
}

type Known = Arc<Mutex<KnownFeeds>>;

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
        let store = cache
            .as_deref()
            .and_then(|path| Store::open(path).ok())
            .map(|opened| opened.store);
        let known: Known = Arc::new(Mutex::new(KnownFeeds {
            validators: store
                .as_ref()
                .and_then(|store| store.validators().ok())
                .unwrap_or_default(),
            items: store
                .as_ref()
                .and_then(|store| store.item_hashes().ok())
                .unwrap_or_default(),
        }));
        drop(store);
        for _ in 0..settings.parallel.max(1) {
            let job_queue = Arc::clone(&job_queue);
            let outcomes = outcomes.clone();
            let events = event_sender.clone();
            let agent = agent.clone();
            let known = Arc::clone(&known);
            let manner = Manner {
                min_interval: i64::try_from(settings.min_interval.as_secs()).unwrap_or(i64::MAX),
                full_text: settings.full_text,
            };
            thread::spawn(move || work(&job_queue, &agent, &known, manner, &outcomes, &events));
        }
        let keep = settings.keep;
        thread::spawn(move || write(cache, keep, &known, &outcome_queue, &event_sender));
        Fetcher { jobs, events }
    }

    /// Queues feed number `feed` for fetching.
    pub fn request(&self, feed: usize, subscription: Subscription) {
        // The workers live as long as the fetcher, so the queue is always open.
        let _ = self.jobs.send(Job { feed, subscription });
    }
}

/// How the workers fetch: the least seconds between two requests for one feed, and whether
/// items that carry only a summary have their page's article fetched.
#[derive(Clone, Copy)]
struct Manner {
    min_interval: i64,
    full_text: bool,
}

/// Puts the article on its page in place of each article of `parsed` that looks like a
/// summary, keeping the summary in `parsed.summaries`. An item whose page could not be had,
/// or held no article, keeps its summary and loses its item hash, so it is tried again next
/// time.
fn fill_full_texts(agent: &ureq::Agent, parsed: &mut ParsedFeed) {
    for (article, hash) in parsed.articles.iter_mut().zip(&mut parsed.item_hashes) {
        let Some(url) = article
            .url
            .clone()
            .filter(|_| fulltext::wants_full_text(article))
        else {
            continue;
        };
        let full = download_page(agent, &url)
            .ok()
            .and_then(|(bytes, content_type)| {
                fulltext::page_article(&bytes, content_type.as_deref(), &url).ok()
            });
        match full {
            Some(text) if text.len() > article.body_text().len() => {
                parsed
                    .summaries
                    .insert(article.key.clone(), article.body_text().to_owned());
                article.body = 0..text.len();
                article.text = text;
            }
            Some(_) => {}
            None => *hash = None,
        }
    }
}

/// A worker: fetches feeds from the queue until it closes.
fn work(
    job_queue: &Mutex<Receiver<Job>>,
    agent: &ureq::Agent,
    known: &Known,
    manner: Manner,
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
        let (said, stored) = known
            .lock()
            .map(|known| {
                (
                    known.validators.get(&location).cloned().unwrap_or_default(),
                    known.items.get(&location).cloned().unwrap_or_default(),
                )
            })
            .unwrap_or_default();
        let now = crate::store::unix_seconds(std::time::SystemTime::now());
        // Parsers and converters get what a server sends: a panic in one fails this feed only.
        let fetched = crate::panics::catching(|| {
            let mut fetched = fetch_known(
                agent,
                &subscription,
                &said,
                &stored,
                manner.min_interval,
                now,
            );
            if let Ok((Some(parsed), _)) = &mut fetched
                && subscription.full_text().unwrap_or(manner.full_text)
            {
                fill_full_texts(agent, parsed);
            }
            fetched
        });
        let outcome = match fetched {
            Ok(Ok((Some(parsed), said))) => Outcome::Fetched(feed, location, parsed, said),
            Ok(Ok((None, said))) => Outcome::Unchanged(feed, location, said),
            Ok(Err(failure)) => Outcome::Failed(feed, location, failure),
            Err(panic) => Outcome::Failed(
                feed,
                location,
                Failure {
                    reason: format!("sanad failed on this feed ({panic})"),
                    retry_at: None,
                },
            ),
        };
        if outcomes.send(outcome).is_err() {
            return;
        }
    }
}

/// The writer: saves each fetched feed in one transaction, records failures, and only then tells
/// the listener.
fn write(
    cache: Option<PathBuf>,
    keep: Keep,
    known: &Known,
    outcomes: &Receiver<Outcome>,
    events: &Sender<FetchEvent>,
) {
    let mut store = match cache.map(|path| Store::open(&path)) {
        Some(Ok(opened)) => Some(opened.store),
        Some(Err(error)) => {
            // Without the cache the articles are still shown, each feed saying why it is not kept.
            let reason = format!("not cached: {error:#}");
            for outcome in outcomes {
                let event = match outcome {
                    Outcome::Fetched(feed, ..)
                    | Outcome::Unchanged(feed, ..)
                    | Outcome::Failed(feed, ..) => FetchEvent::Failed {
                        feed,
                        reason: reason.clone(),
                    },
                };
                if events.send(event).is_err() {
                    return;
                }
            }
            return;
        }
        None => None,
    };
    // What the server said goes with the feed's articles, for the workers' next requests.
    let remember = |store: &mut Option<Store>, location: &str, said: Validators| {
        if let Some(store) = store {
            // Losing them costs one full download next time, not worth a message.
            let _ = store.save_validators(location, &said);
        }
        if let Ok(mut known) = known.lock() {
            known.validators.insert(location.to_owned(), said);
        }
    };
    for outcome in outcomes {
        let event = match outcome {
            Outcome::Unchanged(feed, location, said) => {
                let total = match &mut store {
                    Some(store) => store.record_unchanged(&location),
                    None => Ok(0),
                };
                remember(&mut store, &location, said);
                match total {
                    Ok(total) => FetchEvent::Unchanged { feed, total },
                    Err(error) => FetchEvent::Failed {
                        feed,
                        reason: format!("not cached: {error:#}"),
                    },
                }
            }
            Outcome::Fetched(feed, location, parsed, said) => {
                remember(&mut store, &location, said);
                let saved = match &mut store {
                    Some(store) => store.save_parsed(&location, &parsed).map(|saved| {
                        // Expiry failing costs disk, not articles: no message.
                        let now = crate::store::unix_seconds(std::time::SystemTime::now());
                        let _ = store.expire(&location, keep, now);
                        // Unknown, every item is made again next time: no message either.
                        let items = store.item_hashes_of(&location).unwrap_or_default();
                        if let Ok(mut known) = known.lock() {
                            known.items.insert(location.clone(), items);
                        }
                        saved.new
                    }),
                    None => Ok(parsed.articles.iter().map(|a| a.key.clone()).collect()),
                };
                match saved {
                    Ok(new) => FetchEvent::Stored {
                        feed,
                        title: parsed.title,
                        articles: parsed.articles,
                        new,
                        unchanged: parsed.unchanged,
                        warnings: parsed.warnings,
                    },
                    Err(error) => FetchEvent::Failed {
                        feed,
                        reason: format!("not cached: {error:#}"),
                    },
                }
            }
            Outcome::Failed(feed, location, Failure { reason, retry_at }) => {
                if let Some(store) = &mut store {
                    // The failure is worth remembering, not worth a second message.
                    let _ = store.record_failure(&location, &reason);
                }
                if let Some(at) = retry_at {
                    let mut said = known
                        .lock()
                        .ok()
                        .and_then(|known| known.validators.get(&location).cloned())
                        .unwrap_or_default();
                    said.not_before = Some(at);
                    remember(&mut store, &location, said);
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

    /// Arabic host names and paths with spaces are sent as HTTP can carry them.
    #[test]
    fn addresses_are_sent_in_punycode_and_percent_encoding() {
        assert_eq!(
            request_address("https://مثال.إختبار/أخبار عاجلة.rss").unwrap(),
            "https://xn--mgbh0fb.xn--kgbechtv/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1%20%D8%B9%D8%A7%D8%AC%D9%84%D8%A9.rss"
        );
        assert_eq!(
            request_address(" http://127.0.0.1:8080/a b?q=ج ").unwrap(),
            "http://127.0.0.1:8080/a%20b?q=%D8%AC"
        );
        assert!(
            request_address("http://[::1")
                .unwrap_err()
                .starts_with("not a web address")
        );
    }

    #[test]
    fn servers_say_when_to_come_back() {
        assert_eq!(max_age("public, max-age=300"), Some(300));
        assert_eq!(max_age("no-cache"), None);
        assert_eq!(max_age("max-age=99999999"), Some(MAX_WAIT_SECONDS));
        let now = 1_800_000_000;
        assert_eq!(retry_after("120", now), Some(now + 120));
        assert_eq!(retry_after("-5", now), Some(now));
        let date = chrono::DateTime::from_timestamp(now + 600, 0)
            .unwrap()
            .to_rfc2822();
        assert_eq!(retry_after(&date, now), Some(now + 600));
        assert_eq!(retry_after("soon", now), None);
    }

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
