//! Feeds in the reader: what each feed is doing (waiting, fetching, fetched, failed), articles
//! arriving from the background fetcher, and the read state kept in the cache. The feeds view
//! that shows them is [`super::components::feeds`].

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use crate::corpus::Article;
use crate::corpus::subscriptions::Subscription;
use crate::fetch::{FetchEvent, Fetcher};
use crate::store::{self, ArticleState, Store};

/// How long a key waits for another sanad writing to the cache before its write is handed to
/// the background: a frame or two, never the store's seconds.
const INTERFACE_BUSY_TIMEOUT: Duration = Duration::from_millis(150);

/// How many times the background tries a write the cache was busy for, each waiting the
/// store's busy timeout, with a pause between.
const BACKGROUND_ATTEMPTS: usize = 6;
const BACKGROUND_PAUSE: Duration = Duration::from_millis(200);

/// A change of an article's state to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum StateChange {
    Read(bool),
    Starred(bool),
}

/// A write the cache was busy for, tried again in the background.
struct Retry {
    index: usize,
    key: String,
    change: StateChange,
}

/// The thread that tries busy writes again, with a connection of its own; it tells only of
/// those that never went in.
struct Retrier {
    retries: Sender<Retry>,
    failures: Receiver<(Retry, String)>,
}

impl Retrier {
    fn start(path: PathBuf) -> Retrier {
        let (retries, requests) = mpsc::channel::<Retry>();
        let (report, failures) = mpsc::channel();
        std::thread::spawn(move || {
            let mut store: Option<Store> = None;
            for retry in requests {
                let mut error = String::new();
                let write = |store: &mut Store| match retry.change {
                    StateChange::Read(read) => store.set_read(&retry.key, read),
                    StateChange::Starred(starred) => store.set_starred(&retry.key, starred),
                };
                let saved = (0..BACKGROUND_ATTEMPTS).any(|_| {
                    let written = match &mut store {
                        Some(store) => write(store),
                        None => {
                            Store::open(&path).and_then(|opened| write(store.insert(opened.store)))
                        }
                    };
                    if let Err(failure) = &written {
                        error = format!("{failure:#}");
                        std::thread::sleep(BACKGROUND_PAUSE);
                    }
                    written.is_ok()
                });
                if !saved && report.send((retry, error)).is_err() {
                    return;
                }
            }
        });
        Retrier { retries, failures }
    }
}

/// What a feed is doing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FeedStatus {
    /// Not fetched this session: what the cache holds is shown.
    Cached,
    /// Queued for fetching.
    Waiting,
    /// Being fetched.
    Fetching,
    /// Fetched and stored; `new` articles the cache had not seen.
    Fetched {
        /// Articles new to the cache.
        new: usize,
    },
    /// The last fetch failed, for this reason; the cached articles stay.
    Failed(String),
}

impl FeedStatus {
    /// Queued or being fetched.
    pub fn is_busy(&self) -> bool {
        matches!(self, FeedStatus::Waiting | FeedStatus::Fetching)
    }
}

/// One feed of the feeds view.
#[derive(Clone, Debug)]
pub struct Feed {
    /// Where it comes from, its name and tags.
    pub subscription: Subscription,
    /// The feed's own title, once known.
    pub title: Option<String>,
    /// What it is doing.
    pub status: FeedStatus,
}

impl Feed {
    /// The name to show: the one given in the feeds file, the feed's title, or its location.
    pub fn name(&self) -> &str {
        self.subscription
            .name
            .as_deref()
            .or(self.title.as_deref())
            .unwrap_or(&self.subscription.location)
    }
}

/// Which articles the list shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Filter {
    /// Every article.
    All,
    /// Articles not read yet.
    Unread,
    /// Starred articles.
    Starred,
    /// The articles the last search found.
    Found,
    /// The articles of the feeds with a tag, by index in [`Feeds::tags`].
    Tag(usize),
    /// One feed's articles, by index in [`Feeds::feeds`].
    Feed(usize),
}

/// What decides whether an article passes a filter, gathered once per list or count.
struct Sieve<'a> {
    feeds: &'a Feeds,
    /// Feed index by location.
    feed_at: HashMap<&'a str, usize>,
    /// Each feed's tags, by index in [`Feeds::tags`].
    feed_tags: Vec<Vec<usize>>,
    /// Articles the last search found.
    found: &'a HashSet<usize>,
}

impl<'a> Sieve<'a> {
    fn new(feeds: &'a Feeds, found: &'a HashSet<usize>) -> Self {
        let tags = feeds.tags();
        Sieve {
            feeds,
            feed_at: feeds
                .feeds
                .iter()
                .enumerate()
                .map(|(index, feed)| (feed.subscription.location.as_str(), index))
                .collect(),
            feed_tags: feeds
                .feeds
                .iter()
                .map(|feed| {
                    let own = &feed.subscription.tags;
                    (0..tags.len())
                        .filter(|&t| own.contains(&tags[t]))
                        .collect()
                })
                .collect(),
            found,
        }
    }

    /// The feed article `article` came from, by index in [`Feeds::feeds`].
    fn feed(&self, article: &Article) -> Option<usize> {
        self.feed_at.get(article.feed.as_deref()?).copied()
    }

    /// Whether article `index` passes `filter`.
    fn passes(&self, filter: Filter, index: usize, article: &Article) -> bool {
        let state = self.feeds.state(index);
        match filter {
            Filter::All => true,
            Filter::Unread => !state.read,
            Filter::Starred => state.starred,
            Filter::Found => self.found.contains(&index),
            Filter::Tag(tag) => self
                .feed(article)
                .is_some_and(|feed| self.feed_tags[feed].contains(&tag)),
            Filter::Feed(feed) => self.feed(article) == Some(feed),
        }
    }
}

/// The feeds, the fetcher working on them, and the cache.
#[derive(Default)]
pub struct Feeds {
    /// Every feed, in the order of the feeds file.
    pub feeds: Vec<Feed>,
    /// What the list shows.
    pub filter: Option<Filter>,
    /// Frames drawn while fetching, for the spinner.
    pub tick: usize,
    /// The cache; `None` when it could not be opened (state then lasts the session).
    pub store: Option<Store>,
    /// The reader wanted a cache and could not have one: nothing is saved this session, and
    /// the status bar says so.
    pub uncached: bool,
    /// What fetched feeds had wrong and how they were read all the same, not yet shown.
    pub warnings: Vec<String>,
    /// Read state of each article, by article index.
    pub states: Vec<ArticleState>,
    /// No key pressed yet: arriving articles keep the newest one selected.
    pub following_top: bool,
    fetcher: Option<Fetcher>,
    /// Writes the cache was busy for, under way in the background; started at the first.
    retrier: Option<Retrier>,
    by_key: HashMap<String, usize>,
    /// Totals of the fetch under way, told when it ends.
    round: Round,
}

/// What one round of fetching brought.
#[derive(Clone, Copy, Debug, Default)]
struct Round {
    feeds: usize,
    new: usize,
    failed: usize,
}

impl Feeds {
    /// Feeds of `subscriptions` fetched by `fetcher`, state from `store`.
    pub fn new(
        subscriptions: Vec<Subscription>,
        fetcher: Option<Fetcher>,
        store: Option<Store>,
    ) -> Self {
        Feeds {
            feeds: subscriptions
                .into_iter()
                .map(|subscription| Feed {
                    subscription,
                    title: None,
                    status: FeedStatus::Cached,
                })
                .collect(),
            fetcher,
            store: store.inspect(|store| {
                // A key never waits seconds for another sanad's write: see `set_read`.
                let _ = store.set_busy_timeout(INTERFACE_BUSY_TIMEOUT);
            }),
            ..Feeds::default()
        }
    }

    /// Hands a write the cache was busy for to the background; false without a cache.
    fn retry(&mut self, index: usize, key: &str, change: StateChange) -> bool {
        let Some(path) = self.store.as_ref().map(|store| store.path().to_path_buf()) else {
            return false;
        };
        let retrier = self.retrier.get_or_insert_with(|| Retrier::start(path));
        retrier
            .retries
            .send(Retry {
                index,
                key: key.to_owned(),
                change,
            })
            .is_ok()
    }

    /// The writes the background could not make either: each is undone on screen (unless
    /// changed again since) and told.
    pub fn take_failed_writes(&mut self) -> Option<String> {
        let failures: Vec<(Retry, String)> = self.retrier.as_ref()?.failures.try_iter().collect();
        let mut message = None;
        for (retry, error) in failures {
            let Some(state) = self.states.get_mut(retry.index) else {
                continue;
            };
            match retry.change {
                StateChange::Read(read) if state.read == read => state.read = !read,
                StateChange::Starred(starred) if state.starred == starred => {
                    state.starred = !starred;
                }
                _ => {}
            }
            message = Some(format!("not saved, left as it was: {error}"));
        }
        message
    }

    /// Whether any feed is queued or being fetched.
    pub fn busy(&self) -> bool {
        self.feeds.iter().any(|feed| feed.status.is_busy())
    }

    /// (fetched so far, in this round) and failures, for the status bar.
    pub fn progress(&self) -> (usize, usize, usize) {
        let busy = self.feeds.iter().filter(|f| f.status.is_busy()).count();
        let round = self.round.feeds.max(busy);
        (round - busy, round, self.round.failed)
    }

    /// Takes the read state of `articles` from the cache; a message when it could not.
    pub(super) fn attach(&mut self, articles: &[Article]) -> Option<String> {
        let mut message = None;
        let states = match &self.store {
            Some(store) => store.states().unwrap_or_else(|error| {
                message = Some(format!("read state not loaded: {error:#}"));
                HashMap::new()
            }),
            None => HashMap::new(),
        };
        self.states = articles
            .iter()
            .map(|article| states.get(&article.key).cloned().unwrap_or_default())
            .collect();
        self.by_key = articles
            .iter()
            .enumerate()
            .map(|(index, article)| (article.key.clone(), index))
            .collect();
        self.following_top = true;
        message
    }

    /// Read state of article `index`.
    pub fn state(&self, index: usize) -> ArticleState {
        self.states.get(index).cloned().unwrap_or_default()
    }

    /// Queues feed `feed` (all feeds with `None`) for fetching; false when there is no fetcher.
    pub(super) fn reload(&mut self, feed: Option<usize>) -> bool {
        let Some(fetcher) = &self.fetcher else {
            return false;
        };
        if !self.busy() {
            self.round = Round::default();
        }
        let wanted: Vec<usize> = match feed {
            Some(feed) => vec![feed],
            None => (0..self.feeds.len()).collect(),
        };
        for index in wanted {
            let entry = &mut self.feeds[index];
            if entry.status.is_busy() {
                continue;
            }
            entry.status = FeedStatus::Waiting;
            self.round.feeds += 1;
            fetcher.request(index, entry.subscription.clone());
        }
        true
    }

    /// What the fetcher has done since last asked (`None` without a fetcher); the spinner
    /// turns while feeds are fetched.
    pub(super) fn take_events(&mut self) -> Option<Vec<FetchEvent>> {
        let events = self.fetcher.as_ref()?.events.try_iter().collect();
        if self.busy() {
            self.tick = self.tick.wrapping_add(1);
        }
        Some(events)
    }

    /// Records one fetch event in the feed it is about; returns the articles it brought.
    pub(super) fn record(&mut self, event: FetchEvent) -> Vec<Article> {
        match event {
            FetchEvent::Started { feed } => {
                if let Some(entry) = self.feeds.get_mut(feed) {
                    entry.status = FeedStatus::Fetching;
                }
                Vec::new()
            }
            FetchEvent::Stored {
                feed,
                title,
                articles,
                new,
                warnings,
                ..
            } => {
                if let Some(entry) = self.feeds.get_mut(feed) {
                    entry.title = title.or(entry.title.take());
                    entry.status = FeedStatus::Fetched { new: new.len() };
                    let name = entry.name();
                    self.warnings
                        .extend(warnings.iter().map(|warning| format!("{name}: {warning}")));
                }
                self.round.new += new.len();
                articles
            }
            FetchEvent::Unchanged { feed, .. } => {
                if let Some(entry) = self.feeds.get_mut(feed) {
                    entry.status = FeedStatus::Fetched { new: 0 };
                }
                Vec::new()
            }
            FetchEvent::Failed { feed, reason } => {
                if let Some(entry) = self.feeds.get_mut(feed) {
                    entry.status = FeedStatus::Failed(reason);
                }
                self.round.failed += 1;
                Vec::new()
            }
        }
    }

    /// What the round of fetching brought, once it is over; `feeds_key` opens the feeds view.
    pub(super) fn finished_round(&mut self, feeds_key: &str) -> Option<String> {
        if self.busy() || self.round.feeds == 0 {
            return None;
        }
        let Round { feeds, new, failed } = std::mem::take(&mut self.round);
        let mut message = format!(
            "{feeds} feed{} fetched: {new} new article{}",
            plural(feeds),
            plural(new)
        );
        if failed > 0 {
            message.push_str(&format!(", {failed} failed ({feeds_key}: feeds)"));
        }
        Some(message)
    }

    /// Takes note of an arriving article as article `index`; false when it is known already.
    pub(super) fn admit(&mut self, key: &str, index: usize) -> bool {
        if self.by_key.contains_key(key) {
            return false;
        }
        self.by_key.insert(key.to_owned(), index);
        true
    }

    /// The list in order: articles from files first, as loaded; then feed items, newest first;
    /// only those the filter keeps.
    /// `found`: the articles the last search found.
    pub(super) fn rows(&self, articles: &[Article], found: &HashSet<usize>) -> Vec<usize> {
        let filter = self.filter.unwrap_or(Filter::All);
        let sieve = Sieve::new(self, found);
        let mut rows: Vec<usize> = (0..articles.len())
            .filter(|&index| sieve.passes(filter, index, &articles[index]))
            .collect();
        // RFC 3339 dates in UTC sort as text; files (no feed) keep their place at the top.
        rows.sort_by(|&a, &b| {
            let (a, b) = (&articles[a], &articles[b]);
            a.feed.is_some().cmp(&b.feed.is_some()).then_with(|| {
                if a.feed.is_some() {
                    b.published.cmp(&a.published)
                } else {
                    Ordering::Equal
                }
            })
        });
        rows
    }

    /// The feed `article` came from, by index in [`Feeds::feeds`].
    pub fn feed_of(&self, article: &Article) -> Option<usize> {
        let location = article.feed.as_deref()?;
        self.feeds
            .iter()
            .position(|feed| feed.subscription.location == location)
    }

    /// The distinct tags of the feeds, sorted.
    pub fn tags(&self) -> Vec<String> {
        let tags: std::collections::BTreeSet<&String> = self
            .feeds
            .iter()
            .flat_map(|feed| &feed.subscription.tags)
            .collect();
        tags.into_iter().cloned().collect()
    }

    /// Articles and unread articles that pass each of `filters`, counted in one pass;
    /// `found`: the articles the last search found.
    pub fn counts(
        &self,
        articles: &[Article],
        filters: &[Filter],
        found: &HashSet<usize>,
    ) -> Vec<(usize, usize)> {
        let sieve = Sieve::new(self, found);
        let mut counts = vec![(0, 0); filters.len()];
        for (index, article) in articles.iter().enumerate() {
            let unread = usize::from(!self.state(index).read);
            for (count, &filter) in counts.iter_mut().zip(filters) {
                if sieve.passes(filter, index, article) {
                    count.0 += 1;
                    count.1 += unread;
                }
            }
        }
        counts
    }

    /// Marks article `index` (cached under `key`) read or unread; a message when not saved.
    pub(super) fn set_read(&mut self, index: usize, key: &str, read: bool) -> Result<(), NotSaved> {
        let Some(state) = self.states.get_mut(index) else {
            return Ok(());
        };
        if state.read == read {
            return Ok(());
        }
        state.read = read;
        match self.store.as_mut().map(|store| store.set_read(key, read)) {
            Some(Ok(())) => Ok(()),
            // Another sanad is writing: the background tries again, the screen keeps it.
            Some(Err(error))
                if store::is_busy(&error) && self.retry(index, key, StateChange::Read(read)) =>
            {
                Ok(())
            }
            Some(Err(error)) => {
                // What the screen shows is what the cache holds.
                if let Some(state) = self.states.get_mut(index) {
                    state.read = !read;
                }
                Err(NotSaved::Failed(format!(
                    "not saved, left as it was: {error:#}"
                )))
            }
            None if self.uncached => Err(NotSaved::NoCache),
            None => Ok(()),
        }
    }

    /// Stars or unstars article `index` (cached under `key`); what to tell the reader.
    pub(super) fn toggle_star(&mut self, index: usize, key: &str) -> Option<String> {
        let state = self.states.get_mut(index)?;
        state.starred = !state.starred;
        let starred = state.starred;
        let done = if starred { "starred" } else { "star removed" };
        match self
            .store
            .as_mut()
            .map(|store| store.set_starred(key, starred))
        {
            Some(Err(error))
                if store::is_busy(&error)
                    && self.retry(index, key, StateChange::Starred(starred)) => {}
            Some(Err(error)) => {
                if let Some(state) = self.states.get_mut(index) {
                    state.starred = !starred;
                }
                return Some(format!("star not saved, left as it was: {error:#}"));
            }
            None if self.uncached => return Some(format!("{done}, {NOT_SAVED_WITHOUT_CACHE}")),
            Some(Ok(())) | None => {}
        }
        Some(done.to_owned())
    }

    /// Remembers where article `index` (cached under `key`) is read from: the text offset of
    /// its top line; a message when not saved.
    pub(super) fn remember_position(
        &mut self,
        index: usize,
        key: &str,
        offset: usize,
    ) -> Option<String> {
        let state = self.states.get_mut(index)?;
        if state.position == offset {
            return None;
        }
        state.position = offset;
        let store = self.store.as_mut()?;
        let error = store.set_position(key, offset).err()?;
        Some(format!("position not saved: {error:#}"))
    }
}

/// What a change of state says when there is no cache to keep it.
pub const NOT_SAVED_WITHOUT_CACHE: &str = "not saved (no cache): it lasts this session";

/// Why a change of state was not saved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotSaved {
    /// There is no cache this session: the change stands until the reader ends.
    NoCache,
    /// Writing it failed, for this reason: the change was undone.
    Failed(String),
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// While another sanad holds the cache's write lock, `u` and `*` answer at once, keep
    /// what they did on screen, and the background writes it once the lock is free.
    #[test]
    fn a_busy_cache_costs_a_key_no_wait_and_the_write_goes_in_later() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cache.db");
        let store = Store::open(&path).unwrap().store;
        let mut feeds = Feeds::new(Vec::new(), None, Some(store));
        feeds.states = vec![ArticleState::default(); 2];
        let other = rusqlite::Connection::open(&path).unwrap();
        other.execute_batch("BEGIN IMMEDIATE").unwrap();

        let started = std::time::Instant::now();
        assert_eq!(feeds.set_read(0, "feed#1", true), Ok(()));
        assert_eq!(feeds.toggle_star(1, "feed#2").as_deref(), Some("starred"));
        assert!(
            started.elapsed() < Duration::from_secs(1),
            "{:?}",
            started.elapsed()
        );
        assert!(feeds.states[0].read && feeds.states[1].starred);

        other.execute_batch("COMMIT").unwrap();
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        let reader = Store::open(&path).unwrap().store;
        loop {
            let states = reader.states().unwrap();
            let read = states.get("feed#1").is_some_and(|state| state.read);
            let starred = states.get("feed#2").is_some_and(|state| state.starred);
            if read && starred {
                break;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "never written: {states:?}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        assert_eq!(feeds.take_failed_writes(), None);
    }
}
