//! Feeds in the reader: what each feed is doing (waiting, fetching, fetched, failed), articles
//! arriving from the background fetcher, and the read state kept in the cache.

use std::cmp::Ordering;
use std::collections::HashMap;

use super::app::{App, Pane, Screen, keep_in_view};
use super::keys::Action;
use crate::corpus::Article;
use crate::corpus::subscriptions::Subscription;
use crate::fetch::{FetchEvent, Fetcher};
use crate::store::{ArticleState, Store};

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
    /// Starred articles.
    Starred,
    /// One feed's articles, by index in [`Feeds::feeds`].
    Feed(usize),
}

/// The feeds, the fetcher working on them, and the cache.
#[derive(Default)]
pub struct Feeds {
    /// Every feed, in the order of the feeds file.
    pub feeds: Vec<Feed>,
    /// Selected row of the feeds view: 0 all, 1 starred, then the feeds.
    pub selected: usize,
    /// First row shown in the feeds view.
    pub offset: usize,
    /// What the list shows.
    pub filter: Option<Filter>,
    /// Frames drawn while fetching, for the spinner.
    pub tick: usize,
    /// The cache; `None` when it could not be opened (state then lasts the session).
    pub store: Option<Store>,
    /// Read state of each article, by article index.
    pub states: Vec<ArticleState>,
    /// No key pressed yet: arriving articles keep the newest one selected.
    pub following_top: bool,
    fetcher: Option<Fetcher>,
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

/// (articles, unread articles) of every row of the feeds view.
#[derive(Clone, Debug, Default)]
pub struct FeedCounts {
    /// All articles.
    pub all: (usize, usize),
    /// Starred articles.
    pub starred: (usize, usize),
    /// Each feed's, in the order of [`Feeds::feeds`].
    pub by_feed: Vec<(usize, usize)>,
}

/// Rows of the feeds view above the feeds themselves: all articles, starred.
pub const FEED_VIEW_FIXED_ROWS: usize = 2;

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
            store,
            ..Feeds::default()
        }
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
}

impl App {
    /// Attaches feeds, the fetcher and the cache; read state of every article comes from it.
    pub fn with_feeds(mut self, mut feeds: Feeds) -> Self {
        let states = match &feeds.store {
            Some(store) => match store.states() {
                Ok(states) => states,
                Err(error) => {
                    self.message = Some(format!("read state not loaded: {error:#}"));
                    HashMap::new()
                }
            },
            None => HashMap::new(),
        };
        feeds.states = self
            .corpus
            .articles
            .iter()
            .map(|article| states.get(&article.key).cloned().unwrap_or_default())
            .collect();
        feeds.by_key = self
            .corpus
            .articles
            .iter()
            .enumerate()
            .map(|(index, article)| (article.key.clone(), index))
            .collect();
        self.feeds = feeds;
        self.feeds.following_top = true;
        self.order_rows();
        // The reader opens on the first row: the newest item when feeds are read.
        if let Some(&first) = self.rows.first() {
            self.selected = first;
            self.row = 0;
        }
        let position = self.state(self.selected).position;
        self.pending_top = (position > 0).then_some(position);
        self
    }

    /// Read state of article `index`.
    pub fn state(&self, index: usize) -> ArticleState {
        self.feeds.states.get(index).cloned().unwrap_or_default()
    }

    /// Queues feed `feed` (all feeds with `None`) for fetching.
    pub fn reload(&mut self, feed: Option<usize>) {
        let Some(fetcher) = &self.feeds.fetcher else {
            self.message = Some("no feeds to reload (see README: Feeds)".to_owned());
            return;
        };
        if !self.feeds.busy() {
            self.feeds.round = Round::default();
        }
        let wanted: Vec<usize> = match feed {
            Some(feed) => vec![feed],
            None => (0..self.feeds.feeds.len()).collect(),
        };
        for index in wanted {
            let entry = &mut self.feeds.feeds[index];
            if entry.status.is_busy() {
                continue;
            }
            entry.status = FeedStatus::Waiting;
            self.feeds.round.feeds += 1;
            fetcher.request(index, entry.subscription.clone());
        }
    }

    /// Takes in what the fetcher has done since last asked; true when anything changed.
    pub fn poll_fetches(&mut self) -> bool {
        let events: Vec<FetchEvent> = match &self.feeds.fetcher {
            Some(fetcher) => fetcher.events.try_iter().collect(),
            None => return false,
        };
        if self.feeds.busy() {
            self.feeds.tick = self.feeds.tick.wrapping_add(1);
        }
        let changed = !events.is_empty();
        for event in events {
            self.on_fetch_event(event);
        }
        changed
    }

    /// Applies one fetch event.
    pub fn on_fetch_event(&mut self, event: FetchEvent) {
        match event {
            FetchEvent::Started { feed } => {
                if let Some(entry) = self.feeds.feeds.get_mut(feed) {
                    entry.status = FeedStatus::Fetching;
                }
            }
            FetchEvent::Stored {
                feed,
                title,
                articles,
                new,
            } => {
                if let Some(entry) = self.feeds.feeds.get_mut(feed) {
                    entry.title = title.or(entry.title.take());
                    entry.status = FeedStatus::Fetched { new: new.len() };
                }
                self.feeds.round.new += new.len();
                self.add_articles(articles);
            }
            FetchEvent::Failed { feed, reason } => {
                if let Some(entry) = self.feeds.feeds.get_mut(feed) {
                    entry.status = FeedStatus::Failed(reason);
                }
                self.feeds.round.failed += 1;
            }
        }
        if !self.feeds.busy() && self.feeds.round.feeds > 0 {
            let Round { feeds, new, failed } = std::mem::take(&mut self.feeds.round);
            let mut message = format!(
                "{feeds} feed{} fetched: {new} new article{}",
                plural(feeds),
                plural(new)
            );
            if failed > 0 {
                message.push_str(&format!(", {failed} failed (F: feeds)"));
            }
            self.message = Some(message);
        }
    }

    /// Adds fetched articles the reader does not have yet; the ones it has stay as they are.
    fn add_articles(&mut self, articles: Vec<Article>) {
        let before = self.corpus.articles.len();
        let list_was_empty = self.rows.is_empty();
        for article in articles {
            if self.feeds.by_key.contains_key(&article.key) {
                continue;
            }
            self.feeds
                .by_key
                .insert(article.key.clone(), self.corpus.articles.len());
            self.corpus.articles.push(article);
        }
        let added = self.corpus.articles.len() - before;
        if added == 0 {
            return;
        }
        self.grow_caches();
        self.feeds
            .states
            .resize(self.corpus.articles.len(), ArticleState::default());
        self.order_rows();
        // Nothing was being read yet: the top, the newest.
        if (list_was_empty || self.feeds.following_top)
            && let Some(&first) = self.rows.first()
        {
            self.selected = first;
            self.row = 0;
        }
    }

    /// Orders the list: articles from files first, as loaded; then feed items, newest first;
    /// only those the filter keeps.
    pub fn order_rows(&mut self) {
        let filter = self.feeds.filter.unwrap_or(Filter::All);
        let feed_location = match filter {
            Filter::Feed(index) => self
                .feeds
                .feeds
                .get(index)
                .map(|feed| feed.subscription.location.clone()),
            _ => None,
        };
        let states = &self.feeds.states;
        let keep = |index: usize, article: &Article| match filter {
            Filter::All => true,
            Filter::Starred => states.get(index).is_some_and(|state| state.starred),
            Filter::Feed(_) => article.feed.is_some() && article.feed == feed_location,
        };
        let articles = &self.corpus.articles;
        let mut rows: Vec<usize> = (0..articles.len())
            .filter(|&index| keep(index, &articles[index]))
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
        self.set_rows(rows);
    }

    /// Shows the articles of the feeds view's selected row and goes back to the list.
    pub fn open_feed_row(&mut self) {
        let filter = match self.feeds.selected {
            0 => Filter::All,
            1 => Filter::Starred,
            row => Filter::Feed(row - FEED_VIEW_FIXED_ROWS),
        };
        self.feeds.filter = Some(filter);
        self.order_rows();
        self.screen = Screen::Reader;
        self.focus = Pane::List;
        if self.rows.is_empty() {
            self.message = Some("no articles here yet".to_owned());
        }
    }

    /// The feed article `index` came from, by index in the feeds view.
    pub fn feed_of(&self, index: usize) -> Option<usize> {
        let location = self.corpus.articles.get(index)?.feed.as_deref()?;
        self.feeds
            .feeds
            .iter()
            .position(|feed| feed.subscription.location == location)
    }

    /// Articles and unread articles: in all, starred, and of each feed; counted in one pass.
    pub fn feed_counts(&self) -> FeedCounts {
        let locations: HashMap<&str, usize> = self
            .feeds
            .feeds
            .iter()
            .enumerate()
            .map(|(index, feed)| (feed.subscription.location.as_str(), index))
            .collect();
        let mut counts = FeedCounts {
            by_feed: vec![(0, 0); self.feeds.feeds.len()],
            ..FeedCounts::default()
        };
        for (index, article) in self.corpus.articles.iter().enumerate() {
            let state = self.state(index);
            let unread = usize::from(!state.read);
            let add = |count: &mut (usize, usize)| {
                count.0 += 1;
                count.1 += unread;
            };
            add(&mut counts.all);
            if state.starred {
                add(&mut counts.starred);
            }
            if let Some(&feed) = article.feed.as_deref().and_then(|l| locations.get(l)) {
                add(&mut counts.by_feed[feed]);
            }
        }
        counts
    }

    /// Keeps the selected row of the feeds view visible in `height` rows.
    pub fn settle_feeds(&mut self, count: usize, height: usize) {
        keep_in_view(
            &mut self.feeds.selected,
            &mut self.feeds.offset,
            count,
            height,
        );
    }

    /// Marks article `index` read or unread, in the cache too.
    pub fn set_read(&mut self, index: usize, read: bool) {
        let Some(state) = self.feeds.states.get_mut(index) else {
            return;
        };
        if state.read == read {
            return;
        }
        state.read = read;
        let key = &self.corpus.articles[index].key;
        if let Some(store) = &mut self.feeds.store
            && let Err(error) = store.set_read(key, read)
        {
            self.message = Some(format!("read state not saved: {error:#}"));
        }
    }

    /// Stars or unstars article `index`, in the cache too.
    pub fn toggle_star(&mut self, index: usize) {
        let Some(state) = self.feeds.states.get_mut(index) else {
            return;
        };
        state.starred = !state.starred;
        let starred = state.starred;
        let key = &self.corpus.articles[index].key;
        if let Some(store) = &mut self.feeds.store
            && let Err(error) = store.set_starred(key, starred)
        {
            self.message = Some(format!("star not saved: {error:#}"));
            return;
        }
        self.message = Some(if starred { "starred" } else { "star removed" }.to_owned());
    }

    /// Remembers where article `index` is read from: the text offset of its top line.
    pub fn remember_position(&mut self, index: usize, offset: usize) {
        let Some(state) = self.feeds.states.get_mut(index) else {
            return;
        };
        if state.position == offset {
            return;
        }
        state.position = offset;
        let key = &self.corpus.articles[index].key;
        if let Some(store) = &mut self.feeds.store
            && let Err(error) = store.set_position(key, offset)
        {
            self.message = Some(format!("position not saved: {error:#}"));
        }
    }
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

impl App {
    /// Keys of the feeds view.
    pub(super) fn apply_in_feeds(&mut self, action: Action) {
        let count = FEED_VIEW_FIXED_ROWS + self.feeds.feeds.len();
        let page = self.areas.feeds.height.max(2) as isize - 1;
        let row = self.feeds.selected as isize;
        let target = match action {
            Action::Down => Some(row + 1),
            Action::Up => Some(row - 1),
            Action::PageDown => Some(row + page),
            Action::PageUp => Some(row - page),
            Action::First => Some(0),
            Action::Last => Some(isize::MAX),
            _ => None,
        };
        if let Some(target) = target {
            self.feeds.selected = target.clamp(0, count as isize - 1) as usize;
            return;
        }
        match action {
            Action::Open => self.open_feed_row(),
            Action::ReloadFeed => {
                let feed = self.feeds.selected.checked_sub(FEED_VIEW_FIXED_ROWS);
                self.reload(feed);
            }
            Action::ReloadAll => self.reload(None),
            Action::Feeds | Action::Back => self.screen = Screen::Reader,
            _ => {
                self.message = Some(
                    "in the feeds view: j/k choose, Enter its articles, r/R reload, Esc back"
                        .to_owned(),
                )
            }
        }
    }

    /// Opens the feeds view on the row of what the list shows.
    pub(super) fn open_feeds(&mut self) {
        self.feeds.selected = match self.feeds.filter.unwrap_or(Filter::All) {
            Filter::All => 0,
            Filter::Starred => 1,
            Filter::Feed(index) => index + FEED_VIEW_FIXED_ROWS,
        };
        self.screen = Screen::Feeds;
    }

    /// Reloads the feed of the article read, if it comes from one.
    pub(super) fn reload_selected_feed(&mut self) {
        match self.feed_of(self.selected) {
            Some(feed) => self.reload(Some(feed)),
            None if self.feeds.feeds.is_empty() => self.reload(None),
            None => self.message = Some("this article is not from a feed (R: all)".to_owned()),
        }
    }
}
