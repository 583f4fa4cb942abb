//! The offline cache and read state, in one SQLite file: fetched feeds and their articles, and
//! per article whether it was read or starred and where the reader stopped.
//!
//! Every change is one transaction in WAL mode, so a process killed mid-write leaves what was
//! committed before intact, and a reader (the UI) and a writer (a fetcher thread, with its own
//! `Store`) can share the file. A file that is not a sanad database is moved aside, never
//! overwritten. Problems come back as one-line messages that name the database path.

use std::collections::HashMap;
use std::fmt::Display;
use std::fs;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::{Result, anyhow, bail};
use chrono::{DateTime, Utc};
use rusqlite::config::DbConfig;
use rusqlite::types::{Type, ValueRef};
use rusqlite::{Connection, ErrorCode, Row, Transaction, TransactionBehavior};

use crate::corpus::Article;
use crate::corpus::feed::{ParsedFeed, StoredItems};

/// Marks the file as ours in the SQLite header (`PRAGMA application_id`): "SAND".
const APPLICATION_ID: i32 = 0x5341_4E44;
/// The schema this code reads and writes (`PRAGMA user_version`).
const SCHEMA_VERSION: i32 = 6;
/// How long a statement waits for the other connection's write lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);
/// Page size of a new database: articles of a few kilobytes fit on one page, so loading them
/// walks fewer overflow chains. Ignored for an existing file.
const PAGE_SIZE: u32 = 16 * 1024;
/// Files SQLite keeps beside a database; they go aside with it.
const COMPANION_SUFFIXES: [&str; 3] = ["-wal", "-shm", "-journal"];

/// The tables `SCHEMA` makes: a database of ours missing one has it made again.
const TABLES: [&str; 8] = [
    "feeds",
    "validators",
    "articles",
    "state",
    "signatures",
    "extractions",
    "item_hashes",
    "summaries",
];

/// The databases this process has found whole (`PRAGMA quick_check` reads every page), as
/// they were then (length, modification time): the reader and its fetcher, or `sanad fetch`,
/// open one cache several times in a row. A file changed since is checked again.
static CHECKED: std::sync::Mutex<Vec<FileSeen>> = std::sync::Mutex::new(Vec::new());

/// A file as found: its path, length and modification time.
type FileSeen = (PathBuf, u64, Option<SystemTime>);

/// `path` as it is now, if it is there.
fn seen(path: &Path) -> Option<FileSeen> {
    let metadata = fs::metadata(path).ok()?;
    Some((path.to_path_buf(), metadata.len(), metadata.modified().ok()))
}

/// Tables and indexes; every statement may run again on an initialised database.
const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS feeds (
    location TEXT PRIMARY KEY,
    title TEXT,
    fetched_at INTEGER,
    error TEXT
);
-- What a server said of a feed's last fetch: its validators, sent back so that nothing new
-- costs a 304, and when it asked not to be fetched again before (Cache-Control, Retry-After).
CREATE TABLE IF NOT EXISTS validators (
    location TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    not_before INTEGER
);
-- The text comes last so the other columns stay on the row's first page.
CREATE TABLE IF NOT EXISTS articles (
    key TEXT PRIMARY KEY,
    id TEXT NOT NULL,
    feed TEXT,
    path TEXT NOT NULL,
    title TEXT NOT NULL,
    source TEXT,
    url TEXT,
    published TEXT,
    published_at INTEGER,
    first_seen INTEGER NOT NULL,
    body_start INTEGER NOT NULL,
    body_end INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_in_display_order
    ON articles (coalesce(published_at, first_seen) DESC, first_seen DESC);
CREATE INDEX IF NOT EXISTS articles_by_feed ON articles (feed, key);
CREATE TABLE IF NOT EXISTS state (
    key TEXT PRIMARY KEY,
    read INTEGER NOT NULL DEFAULT 0,
    starred INTEGER NOT NULL DEFAULT 0,
    position INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER
);
-- What grouping into stories needs of an article, computed with the lexicons and version
-- `made_with` names. An article that changes or goes loses it.
CREATE TABLE IF NOT EXISTS signatures (
    key TEXT PRIMARY KEY,
    made_with INTEGER NOT NULL,
    data BLOB NOT NULL
);
CREATE TRIGGER IF NOT EXISTS signature_of_changed_article AFTER UPDATE ON articles
BEGIN DELETE FROM signatures WHERE key = old.key; END;
CREATE TRIGGER IF NOT EXISTS signature_of_removed_article AFTER DELETE ON articles
BEGIN DELETE FROM signatures WHERE key = old.key; END;
-- What extraction found in an article (figures, sources, places, quotes), made with the
-- lexicons and version `made_with`: a restart does not extract it again.
CREATE TABLE IF NOT EXISTS extractions (
    key TEXT PRIMARY KEY,
    made_with INTEGER NOT NULL,
    data BLOB NOT NULL
);
CREATE TRIGGER IF NOT EXISTS extraction_of_changed_article AFTER UPDATE ON articles
BEGIN DELETE FROM extractions WHERE key = old.key; END;
CREATE TRIGGER IF NOT EXISTS extraction_of_removed_article AFTER DELETE ON articles
BEGIN DELETE FROM extractions WHERE key = old.key; END;
-- A hash of the feed item each fetched article was made from: an item fetched again as it
-- was is not made again. Apart from the articles so that reading them all is quick.
CREATE TABLE IF NOT EXISTS item_hashes (
    key TEXT PRIMARY KEY,
    feed TEXT NOT NULL,
    hash INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS item_hashes_by_feed ON item_hashes (feed);
CREATE TRIGGER IF NOT EXISTS item_hash_of_removed_article AFTER DELETE ON articles
BEGIN DELETE FROM item_hashes WHERE key = old.key; END;
-- The summary a feed gave of an article whose text is the full text of its page: the row
-- marks it so, and keeps what the feed said beside it.
CREATE TABLE IF NOT EXISTS summaries (
    key TEXT PRIMARY KEY,
    summary TEXT NOT NULL
) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS summary_of_removed_article AFTER DELETE ON articles
BEGIN DELETE FROM summaries WHERE key = old.key; END;
";

/// What the cache keeps beside an article, computed from it with the lexicons and a version of
/// sanad: an article that changes or goes loses it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kept {
    /// What grouping into stories needs.
    Signature,
    /// Figures, sources, places and quotes.
    Extraction,
}

impl Kept {
    fn table(self) -> &'static str {
        match self {
            Kept::Signature => "signatures",
            Kept::Extraction => "extractions",
        }
    }
}

/// Every cached article, newest first: by publication time where it could be read, else by
/// when it was first fetched; items of one fetch without dates keep the feed's order (rowid).
/// The text, last, is read only when asked for (`articles` against `article_heads`).
const ARTICLES_IN_DISPLAY_ORDER: &str = "
SELECT key, id, feed, path, title, source, url, published, body_start, body_end, text
FROM articles
ORDER BY coalesce(published_at, first_seen) DESC, first_seen DESC, rowid";
const ARTICLE_HEADS_IN_DISPLAY_ORDER: &str = "
SELECT key, id, feed, path, title, source, url, published, body_start, body_end
FROM articles
ORDER BY coalesce(published_at, first_seen) DESC, first_seen DESC, rowid";

/// Inserts an article, or refreshes a stored one (keeping `first_seen`) only if it changed, so
/// a refetch of an unchanged feed writes nothing but the feed's row.
const UPSERT_ARTICLE: &str = "
INSERT INTO articles (key, id, feed, path, title, source, url, published, published_at,
                      first_seen, body_start, body_end, text)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
ON CONFLICT (key) DO UPDATE SET
    id = excluded.id, feed = excluded.feed, path = excluded.path, title = excluded.title,
    source = excluded.source, url = excluded.url, published = excluded.published,
    published_at = excluded.published_at, body_start = excluded.body_start,
    body_end = excluded.body_end, text = excluded.text
WHERE (id, feed, path, title, source, url, published, body_start, body_end, text)
    IS NOT (excluded.id, excluded.feed, excluded.path, excluded.title, excluded.source,
            excluded.url, excluded.published, excluded.body_start, excluded.body_end,
            excluded.text)";

/// Keeps the hash of the feed item an article was made from, or forgets it (NULL).
const SET_ITEM_HASH: &str = "
INSERT INTO item_hashes (key, feed, hash) SELECT ?1, ?2, ?3 WHERE ?3 IS NOT NULL
ON CONFLICT (key) DO UPDATE SET feed = excluded.feed, hash = excluded.hash";
const FORGET_ITEM_HASH: &str = "DELETE FROM item_hashes WHERE key = ?1 AND ?2 IS NULL";

/// The cache and read state in one SQLite database.
pub struct Store {
    connection: Connection,
    path: PathBuf,
    /// Rows the last loading of articles passed over, unreadable.
    unreadable: std::cell::Cell<usize>,
}

/// A store just opened, and the file that was moved out of its way, if any.
pub struct Opened {
    pub store: Store,
    /// The file found at the path was not a usable sanad database and was kept aside.
    pub set_aside: Option<SetAside>,
    /// A write-ahead log no live connection held was found beside the database: copies of
    /// both as they were, before the log was replayed, are here (the log's with "-wal").
    pub wal_copied: Option<PathBuf>,
}

/// A file kept aside because it could not be our database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetAside {
    /// Where the file is now (its -wal, -shm and -journal files moved beside it).
    pub kept_as: PathBuf,
    /// What was wrong with it, e.g. "not a SQLite database".
    pub reason: &'static str,
}

/// How much of each feed the cache keeps: articles of the last `days` days and the newest
/// `items`; 0 is no limit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Keep {
    pub days: u32,
    pub items: u32,
}

/// What a server said of a feed: its validators (`ETag`, `Last-Modified`), sent back on the
/// next fetch, and the time (seconds since the epoch) before which it asked not to be fetched.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub not_before: Option<i64>,
}

impl Opened {
    /// One line for the user when a file was set aside: what, why and where it went.
    pub fn notice(&self) -> Option<String> {
        let path = self.store.path.display();
        if let Some(aside) = &self.set_aside {
            let name = aside.kept_as.file_name().unwrap_or_default();
            return Some(format!(
                "{path}: {}; kept aside as {} and a new cache started",
                aside.reason,
                name.to_string_lossy()
            ));
        }
        self.wal_copied.as_ref().map(|copy| {
            let name = copy.file_name().unwrap_or_default().to_string_lossy();
            format!(
                "{path}: a write-ahead log was left beside it (a sanad that did not close, or a \
                 copy from elsewhere) and was replayed; both as they were are kept as {name} and \
                 {name}-wal"
            )
        })
    }
}

/// What `save_feed` stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    /// Keys of the articles the cache did not hold before, in the feed's order.
    pub new: Vec<String>,
    /// How many articles of this feed the cache holds now, old ones included.
    pub total: usize,
}

/// A feed as the cache knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedRecord {
    /// URL or file, as given to `save_feed`.
    pub location: String,
    /// The feed's own title from its last successful fetch.
    pub title: Option<String>,
    /// When it was last fetched successfully.
    pub fetched_at: Option<SystemTime>,
    /// Why the last fetch failed, if it did (cleared by a successful one).
    pub error: Option<String>,
    /// Articles cached from it.
    pub articles: usize,
    /// Of those, the ones not marked read.
    pub unread: usize,
}

/// What the reader did with one article; the default is unread, unstarred, at the top.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ArticleState {
    pub read: bool,
    pub starred: bool,
    /// Where the reader stopped; the UI picks the unit (a byte offset survives a new width).
    pub position: usize,
}

/// What was found at the path before using it.
enum Found {
    /// Ours, or empty: (application_id, user_version) as found.
    Usable(i32, i32),
    /// Not ours, or damaged: set it aside.
    Unusable(&'static str),
    /// Ours, written by a later version with this schema.
    Newer(i32),
}

impl Store {
    /// Opens the database at `path`, creating it and its directory if needed.
    ///
    /// A file that is not a SQLite database, is damaged, or is another program's database is
    /// moved aside (see `Opened::set_aside`) and a new one created. One made by a newer sanad
    /// is an error and left untouched. Safe to call from two threads or processes at once.
    pub fn open(path: &Path) -> Result<Opened> {
        if let Some(parent) = path
            .parent()
            .filter(|parent| !parent.as_os_str().is_empty())
        {
            fs::create_dir_all(parent).map_err(|error| failure(parent, error))?;
        }
        let now_seen = seen(path);
        let checked = CHECKED
            .lock()
            .is_ok_and(|checked| now_seen.as_ref().is_some_and(|seen| checked.contains(seen)));
        // Before SQLite replays it: a log no one holds may not be this database's.
        let wal_copied = if checked {
            None
        } else {
            copy_left_wal(path).map_err(|error| failure(path, error))?
        };
        let mut connection = connect(path)?;
        let mut set_aside = None;
        let (application_id, version) = match examine(&connection, !checked) {
            Ok(Found::Usable(application_id, version)) => (application_id, version),
            Ok(Found::Newer(version)) => {
                bail!(
                    "{}: made by a newer sanad (schema {version})",
                    path.display()
                )
            }
            Ok(Found::Unusable(reason)) => {
                drop(connection);
                let kept_as = move_aside(path, &utc_stamp(SystemTime::now()))
                    .map_err(|error| failure(path, format!("cannot move it aside: {error}")))?;
                set_aside = Some(SetAside { kept_as, reason });
                connection = connect(path)?;
                (0, 0)
            }
            Err(error) => return Err(failure(path, error)),
        };
        configure(&connection, path)?;
        let complete = has_every_table(&connection).map_err(|error| failure(path, error))?;
        if ((application_id, version) != (APPLICATION_ID, SCHEMA_VERSION) || !complete)
            && let Found::Newer(version) =
                initialise(&mut connection).map_err(|error| failure(path, error))?
        {
            bail!(
                "{}: made by a newer sanad (schema {version})",
                path.display()
            )
        }
        // Ours for sure now: let the last connection to close fold the WAL back in.
        connection
            .set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, false)
            .map_err(|error| failure(path, error))?;
        if let (Ok(mut checked), Some(now_seen)) = (CHECKED.lock(), seen(path)) {
            checked.retain(|(known, ..)| known != path);
            checked.push(now_seen);
        }
        Ok(Opened {
            store: Store {
                connection,
                path: path.to_path_buf(),
                unreadable: std::cell::Cell::new(0),
            },
            set_aside,
            wal_copied,
        })
    }

    /// Folds the write-ahead log of the cache at `path` into it and empties the log, as the
    /// last connection's closing would: for the end of a run whose threads may still hold
    /// connections that are never closed.
    pub fn fold_log(path: &Path) -> Result<()> {
        let connection = connect(path)?;
        connection
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .map_err(|error| failure(path, error))
    }

    /// How long this connection waits for another one's write lock before it fails.
    pub fn set_busy_timeout(&self, timeout: Duration) -> Result<()> {
        self.connection
            .busy_timeout(timeout)
            .map_err(|error| failure(&self.path, error))
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Stores a feed's articles in one transaction: new ones added, changed ones refreshed
    /// (keeping when they were first seen), the feed's fetch time set and its error cleared.
    /// Each article's `feed` is stored as `location`.
    pub fn save_feed(
        &mut self,
        location: &str,
        title: Option<&str>,
        articles: &[Article],
    ) -> Result<Saved> {
        self.save_articles(location, title, articles, &[], &HashMap::new())
    }

    /// [`Store::save_feed`] for a feed as fetched: with its items' hashes (see
    /// [`Store::item_hashes`]), and the summaries of the articles whose text is the full
    /// text of their page (see [`Store::summary`]).
    pub fn save_parsed(&mut self, location: &str, parsed: &ParsedFeed) -> Result<Saved> {
        self.save_articles(
            location,
            parsed.title.as_deref(),
            &parsed.articles,
            &parsed.item_hashes,
            &parsed.summaries,
        )
    }

    /// The summary the feed gave of article `key`, when its text is its page's full text.
    pub fn summary(&self, key: &str) -> Result<Option<String>> {
        self.read(|connection| {
            let mut statement =
                connection.prepare_cached("SELECT summary FROM summaries WHERE key = ?1")?;
            let mut rows = statement.query([key])?;
            rows.next()?.map(|row| text_column(row, 0)).transpose()
        })
    }

    /// `save_feed`, with each article's item hash (by index; none past the end) and the
    /// summaries of those that hold their page's full text (by key).
    fn save_articles(
        &mut self,
        location: &str,
        title: Option<&str>,
        articles: &[Article],
        item_hashes: &[Option<u64>],
        summaries: &HashMap<String, String>,
    ) -> Result<Saved> {
        let now = unix_seconds(SystemTime::now());
        self.write(|transaction| {
            let mut stored = transaction.prepare_cached("SELECT 1 FROM articles WHERE key = ?1")?;
            let mut upsert = transaction.prepare_cached(UPSERT_ARTICLE)?;
            let mut set_item_hash = transaction.prepare_cached(SET_ITEM_HASH)?;
            let mut forget_item_hash = transaction.prepare_cached(FORGET_ITEM_HASH)?;
            let mut set_summary = transaction.prepare_cached(
                "INSERT OR REPLACE INTO summaries (key, summary) SELECT ?1, ?2 WHERE ?2 IS NOT NULL",
            )?;
            let mut forget_summary = transaction
                .prepare_cached("DELETE FROM summaries WHERE key = ?1 AND ?2 IS NULL")?;
            let mut new = Vec::new();
            for (index, article) in articles.iter().enumerate() {
                let known = stored.exists([&article.key])?;
                // Stored as SQLite's signed integers, bit for bit.
                let item_hash = item_hashes.get(index).copied().flatten().map(|hash| hash as i64);
                upsert.execute(rusqlite::params![
                    article.key,
                    article.id,
                    location,
                    article.path,
                    article.title,
                    article.source,
                    article.url,
                    article.published,
                    article.published_seconds(),
                    now,
                    to_sql_integer(article.body.start),
                    to_sql_integer(article.body.end),
                    article.text,
                ])?;
                set_item_hash.execute(rusqlite::params![article.key, location, item_hash])?;
                forget_item_hash.execute(rusqlite::params![article.key, item_hash])?;
                let summary = summaries.get(&article.key);
                set_summary.execute(rusqlite::params![article.key, summary])?;
                forget_summary.execute(rusqlite::params![article.key, summary])?;
                if !known {
                    new.push(article.key.clone());
                }
            }
            transaction.execute(
                "INSERT INTO feeds (location, title, fetched_at, error) VALUES (?1, ?2, ?3, NULL)
                 ON CONFLICT (location) DO UPDATE SET
                     title = coalesce(excluded.title, feeds.title),
                     fetched_at = excluded.fetched_at, error = NULL",
                rusqlite::params![location, title, now],
            )?;
            let total: i64 = transaction.query_row(
                "SELECT count(*) FROM articles WHERE feed = ?1",
                [location],
                |row| row.get(0),
            )?;
            Ok(Saved {
                new,
                total: from_sql_integer(total),
            })
        })
    }

    /// The validators of every feed fetched before, by location.
    pub fn validators(&self) -> Result<HashMap<String, Validators>> {
        self.read(|connection| {
            let mut statement = connection.prepare_cached(
                "SELECT location, etag, last_modified, not_before FROM validators",
            )?;
            let rows = statement.query_map([], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    Validators {
                        etag: row.get(1)?,
                        last_modified: row.get(2)?,
                        not_before: row.get(3)?,
                    },
                ))
            })?;
            rows.collect()
        })
    }

    /// Keeps what the server said of `location` for its next fetch.
    pub fn save_validators(&mut self, location: &str, validators: &Validators) -> Result<()> {
        self.write(|transaction| {
            transaction.execute(
                "INSERT INTO validators (location, etag, last_modified, not_before)
                 VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (location) DO UPDATE SET etag = excluded.etag,
                     last_modified = excluded.last_modified, not_before = excluded.not_before",
                rusqlite::params![
                    location,
                    validators.etag,
                    validators.last_modified,
                    validators.not_before
                ],
            )?;
            Ok(())
        })
    }

    /// Notes that `location` was fetched and had nothing new; returns how many articles of
    /// it the cache holds.
    pub fn record_unchanged(&mut self, location: &str) -> Result<usize> {
        // A feed saved with no article: its fetch time set, its error cleared.
        self.save_feed(location, None, &[]).map(|saved| saved.total)
    }

    /// The feed items stored of every feed, by feed location, with their hashes; articles
    /// stored without one are left out (they are made again when next fetched).
    pub fn item_hashes(&self) -> Result<HashMap<String, StoredItems>> {
        self.read(|connection| {
            let mut statement =
                connection.prepare_cached("SELECT feed, key, hash FROM item_hashes")?;
            let mut rows = statement.query([])?;
            let mut feeds: HashMap<String, StoredItems> = HashMap::new();
            while let Some(row) = rows.next()? {
                let hash: i64 = row.get(2)?;
                feeds
                    .entry(text_column(row, 0)?)
                    .or_default()
                    .insert(text_column(row, 1)?, hash as u64);
            }
            Ok(feeds)
        })
    }

    /// [`Store::item_hashes`] of the feed at `location`.
    pub fn item_hashes_of(&self, location: &str) -> Result<StoredItems> {
        self.read(|connection| {
            let mut statement =
                connection.prepare_cached("SELECT key, hash FROM item_hashes WHERE feed = ?1")?;
            let rows = statement.query_map([location], |row| {
                Ok((text_column(row, 0)?, row.get::<_, i64>(1)? as u64))
            })?;
            rows.collect()
        })
    }

    /// Expires articles of feed `location` beyond `keep` (older than its days, by publication
    /// or else first fetch; past its newest items), never a starred one; returns how many went.
    pub fn expire(&mut self, location: &str, keep: Keep, now: i64) -> Result<usize> {
        if keep == Keep::default() {
            return Ok(0);
        }
        let oldest = match keep.days {
            0 => i64::MIN,
            days => now.saturating_sub(i64::from(days) * 24 * 60 * 60),
        };
        let newest = match keep.items {
            0 => i64::MAX,
            items => i64::from(items),
        };
        self.write(|transaction| {
            let removed = transaction.execute(
                "DELETE FROM articles WHERE key IN (
                     SELECT key FROM (
                         SELECT key, coalesce(published_at, first_seen) AS at,
                                row_number() OVER (
                                    ORDER BY coalesce(published_at, first_seen) DESC, rowid
                                ) AS place
                         FROM articles WHERE feed = ?1
                     )
                     WHERE (at < ?2 OR place > ?3)
                       AND key NOT IN (SELECT key FROM state WHERE starred = 1)
                 )",
                rusqlite::params![location, oldest, newest],
            )?;
            Ok(removed)
        })
    }

    /// Notes that fetching `location` failed; its cached articles stay.
    pub fn record_failure(&mut self, location: &str, error: &str) -> Result<()> {
        self.write(|transaction| {
            transaction.execute(
                "INSERT INTO feeds (location, error) VALUES (?1, ?2)
                 ON CONFLICT (location) DO UPDATE SET error = excluded.error",
                [location, error],
            )?;
            Ok(())
        })
    }

    /// Every cached article, newest first (see `ARTICLES_IN_DISPLAY_ORDER`).
    pub fn articles(&self) -> Result<Vec<Article>> {
        self.load_articles(ARTICLES_IN_DISPLAY_ORDER)
    }

    /// Every cached article as `articles` gives them, but without its text (empty, and an
    /// empty body): what a list needs, a small part of the cache. [`Store::article_text`]
    /// reads the text when it is needed.
    pub fn article_heads(&self) -> Result<Vec<Article>> {
        self.load_articles(ARTICLE_HEADS_IN_DISPLAY_ORDER)
    }

    /// The text and body range of cached article `key`, if the cache still holds it.
    pub fn article_text(&self, key: &str) -> Result<Option<(String, Range<usize>)>> {
        self.read(|connection| {
            let mut statement = connection
                .prepare_cached("SELECT text, body_start, body_end FROM articles WHERE key = ?1")?;
            let mut rows = statement.query([key])?;
            let Some(row) = rows.next()? else {
                return Ok(None);
            };
            let text = text_column(row, 0)?;
            let body = body_range(row.get(1)?, row.get(2)?, &text);
            Ok(Some((text, body)))
        })
    }

    /// The articles `query` selects: the columns of `ARTICLES_IN_DISPLAY_ORDER`, the text
    /// left empty when the query has no eleventh.
    fn load_articles(&self, query: &str) -> Result<Vec<Article>> {
        self.read(|connection| {
            let count: i64 =
                connection.query_row("SELECT count(*) FROM articles", [], |row| row.get(0))?;
            let mut articles = Vec::with_capacity(from_sql_integer(count));
            let mut statement = connection.prepare_cached(query)?;
            let with_text = statement.column_count() > 10;
            let mut rows = statement.query([])?;
            let mut unreadable = 0;
            while let Some(row) = rows.next()? {
                // A row this version cannot read (text that is not UTF-8, a title kept as
                // bytes) is passed over and counted, not allowed to stop every start.
                match article_of(row, with_text) {
                    Ok(article) => articles.push(article),
                    Err(_) => unreadable += 1,
                }
            }
            self.unreadable.set(unreadable);
            Ok(articles)
        })
    }

    /// How many rows the last [`Store::articles`] or [`Store::article_heads`] passed over
    /// because they could not be read.
    pub fn unreadable_rows(&self) -> usize {
        self.unreadable.get()
    }

    /// Every feed fetched or tried, by location, with its article and unread counts.
    pub fn feeds(&self) -> Result<Vec<FeedRecord>> {
        self.read(|connection| {
            let mut statement = connection.prepare_cached(
                "SELECT f.location, f.title, f.fetched_at, f.error, count(a.key), count(s.key)
                 FROM feeds f
                 LEFT JOIN articles a ON a.feed = f.location
                 LEFT JOIN state s ON s.key = a.key AND s.read
                 GROUP BY f.location
                 ORDER BY f.location",
            )?;
            statement
                .query_map([], |row| {
                    let articles = from_sql_integer(row.get(4)?);
                    let read = from_sql_integer(row.get(5)?);
                    let fetched_at: Option<i64> = row.get(2)?;
                    Ok(FeedRecord {
                        location: row.get(0)?,
                        title: row.get(1)?,
                        fetched_at: fetched_at.map(|seconds| {
                            UNIX_EPOCH + Duration::from_secs(seconds.max(0).unsigned_abs())
                        }),
                        error: row.get(3)?,
                        articles,
                        unread: articles.saturating_sub(read),
                    })
                })?
                .collect()
        })
    }

    /// The state of every article that has one; others are `ArticleState::default()`.
    pub fn states(&self) -> Result<HashMap<String, ArticleState>> {
        self.read(|connection| {
            let mut statement =
                connection.prepare_cached("SELECT key, read, starred, position FROM state")?;
            statement
                .query_map([], |row| {
                    Ok((
                        row.get(0)?,
                        ArticleState {
                            read: row.get(1)?,
                            starred: row.get(2)?,
                            position: from_sql_integer(row.get(3)?),
                        },
                    ))
                })?
                .collect()
        })
    }

    /// Marks one article read or unread.
    pub fn set_read(&mut self, key: &str, read: bool) -> Result<()> {
        self.set_state("read", key, i64::from(read))
    }

    /// Stars or unstars one article.
    pub fn set_starred(&mut self, key: &str, starred: bool) -> Result<()> {
        self.set_state("starred", key, i64::from(starred))
    }

    /// Remembers where the reader stopped in one article.
    pub fn set_position(&mut self, key: &str, position: usize) -> Result<()> {
        self.set_state("position", key, to_sql_integer(position))
    }

    /// Marks all these articles read, together.
    pub fn mark_all_read(&mut self, keys: &[&str]) -> Result<()> {
        let now = unix_seconds(SystemTime::now());
        self.write(|transaction| {
            let mut upsert = transaction.prepare_cached(&upsert_state("read"))?;
            for key in keys {
                upsert.execute(rusqlite::params![key, 1, now])?;
            }
            Ok(())
        })
    }

    /// What the cache keeps of article `key` if it was made with `made_with`; otherwise it is
    /// computed again.
    pub fn kept(&self, what: Kept, made_with: u64, key: &str) -> Result<Option<Vec<u8>>> {
        self.read(|connection| {
            let mut statement = connection.prepare_cached(&format!(
                "SELECT data FROM {} WHERE key = ?1 AND made_with = ?2",
                what.table()
            ))?;
            let mut rows = statement.query(rusqlite::params![key, made_with as i64])?;
            rows.next()?.map(|row| row.get(0)).transpose()
        })
    }

    /// Keeps what was computed of cached articles with `made_with`, together; a key with no
    /// cached article is skipped.
    pub fn save_kept(
        &mut self,
        what: Kept,
        made_with: u64,
        items: &[(&str, Vec<u8>)],
    ) -> Result<()> {
        self.write(|transaction| {
            let mut insert = transaction.prepare_cached(&format!(
                "INSERT OR REPLACE INTO {} (key, made_with, data)
                 SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM articles WHERE key = ?1)",
                what.table()
            ))?;
            for (key, data) in items {
                insert.execute(rusqlite::params![key, made_with as i64, data])?;
            }
            Ok(())
        })
    }

    /// SQLite's `PRAGMA integrity_check` report: "ok", or the problems found, joined by "; ".
    pub fn integrity(&self) -> Result<String> {
        self.read(|connection| {
            let mut statement = connection.prepare("PRAGMA integrity_check")?;
            let lines = statement
                .query_map([], |row| row.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(lines.join("; "))
        })
    }

    /// Sets one column of one article's state, creating the row if needed.
    fn set_state(&mut self, column: &'static str, key: &str, value: i64) -> Result<()> {
        let now = unix_seconds(SystemTime::now());
        self.write(|transaction| {
            transaction
                .prepare_cached(&upsert_state(column))?
                .execute(rusqlite::params![key, value, now])?;
            Ok(())
        })
    }

    /// Runs `work` in one IMMEDIATE transaction: the write lock is taken (waiting for the
    /// other connection) before anything is read, so a read-then-write never fails half way.
    fn write<T>(&mut self, work: impl FnOnce(&Transaction) -> rusqlite::Result<T>) -> Result<T> {
        let path = &self.path;
        let transaction = self
            .connection
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|error| failure(path, error))?;
        let value = work(&transaction).map_err(|error| failure(path, error))?;
        transaction.commit().map_err(|error| failure(path, error))?;
        Ok(value)
    }

    /// Runs queries, naming the database in any error.
    fn read<T>(&self, work: impl FnOnce(&Connection) -> rusqlite::Result<T>) -> Result<T> {
        work(&self.connection).map_err(|error| failure(&self.path, error))
    }
}

/// The article in `row` of an articles query; its text (column 10) only `with_text`.
fn article_of(row: &Row, with_text: bool) -> rusqlite::Result<Article> {
    let text = if with_text {
        text_column(row, 10)?
    } else {
        String::new()
    };
    Ok(Article {
        key: text_column(row, 0)?,
        id: text_column(row, 1)?,
        feed: optional_text_column(row, 2)?,
        path: text_column(row, 3)?,
        title: text_column(row, 4)?,
        source: optional_text_column(row, 5)?,
        url: optional_text_column(row, 6)?,
        published: optional_text_column(row, 7)?,
        body: body_range(row.get(8)?, row.get(9)?, &text),
        text,
    })
}

/// A stored body range as a range of `text`: empty when it does not fit (a head without its
/// text, a damaged row), so slicing never fails.
fn body_range(start: i64, end: i64, text: &str) -> Range<usize> {
    let (start, end) = (from_sql_integer(start), from_sql_integer(end));
    if start <= end
        && end <= text.len()
        && text.is_char_boundary(start)
        && text.is_char_boundary(end)
    {
        start..end
    } else {
        0..0
    }
}

/// A text column as a `String`. The UTF-8 check is SIMD: std's takes most of the time of
/// loading a full cache (over 100 MB of Arabic text, none of it ASCII's fast path).
fn text_column(row: &Row, index: usize) -> rusqlite::Result<String> {
    match row.get_ref(index)? {
        ValueRef::Text(bytes) => simdutf8::basic::from_utf8(bytes)
            .map(str::to_owned)
            .map_err(|error| {
                rusqlite::Error::FromSqlConversionFailure(index, Type::Text, Box::new(error))
            }),
        _ => row.get(index),
    }
}

/// A text column that may be NULL, as `text_column`.
fn optional_text_column(row: &Row, index: usize) -> rusqlite::Result<Option<String>> {
    match row.get_ref(index)? {
        ValueRef::Null => Ok(None),
        _ => text_column(row, index).map(Some),
    }
}

/// The upsert of one state column; `column` is one of ours, never user input.
fn upsert_state(column: &str) -> String {
    format!(
        "INSERT INTO state (key, {column}, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (key) DO UPDATE SET {column} = excluded.{column},
             updated_at = excluded.updated_at"
    )
}

/// A connection that waits for locks and, until the file is known to be ours, never
/// checkpoints on close (which would write into someone else's file).
fn connect(path: &Path) -> Result<Connection> {
    let connection = Connection::open(path).map_err(|error| failure(path, error))?;
    connection
        .busy_timeout(BUSY_TIMEOUT)
        .and_then(|()| connection.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true))
        .map_err(|error| failure(path, error))?;
    Ok(connection)
}

/// Looks at what the file holds without writing to it, in one snapshot (so a schema being
/// created by another connection is seen whole or not at all).
fn examine(connection: &Connection, check_pages: bool) -> rusqlite::Result<Found> {
    let found = (|| -> rusqlite::Result<Found> {
        let _snapshot = connection.unchecked_transaction()?;
        let application_id: i32 =
            connection.pragma_query_value(None, "application_id", |row| row.get(0))?;
        let version: i32 = connection.pragma_query_value(None, "user_version", |row| row.get(0))?;
        let tables: i64 =
            connection.query_row("SELECT count(*) FROM sqlite_master", [], |row| row.get(0))?;
        if application_id == APPLICATION_ID && version > SCHEMA_VERSION {
            return Ok(Found::Newer(version));
        }
        let foreign = if application_id == APPLICATION_ID {
            false
        } else {
            application_id != 0 || tables > 0
        };
        if foreign {
            return Ok(Found::Unusable("another program's SQLite database"));
        }
        if !check_pages {
            return Ok(Found::Usable(application_id, version));
        }
        let check: String = connection.query_row("PRAGMA quick_check", [], |row| row.get(0))?;
        if check != "ok" {
            return Ok(Found::Unusable("damaged SQLite database"));
        }
        Ok(Found::Usable(application_id, version))
    })();
    match found {
        Err(error) => match error.sqlite_error_code() {
            Some(ErrorCode::NotADatabase) => Ok(Found::Unusable("not a SQLite database")),
            Some(ErrorCode::DatabaseCorrupt) => Ok(Found::Unusable("damaged SQLite database")),
            _ => Err(error),
        },
        found => found,
    }
}

/// Connection settings: WAL so a reader and a writer do not block each other and a killed
/// writer loses only its open transaction; NORMAL sync, enough for that in WAL mode.
fn configure(connection: &Connection, path: &Path) -> Result<()> {
    let mode = (|| {
        connection.pragma_update(None, "page_size", PAGE_SIZE)?;
        let mode = switch_to_wal(connection)?;
        connection.pragma_update(None, "synchronous", "NORMAL")?;
        connection.pragma_update(None, "foreign_keys", true)?;
        Ok::<_, rusqlite::Error>(mode)
    })()
    .map_err(|error| failure(path, error))?;
    if !mode.eq_ignore_ascii_case("wal") {
        bail!(
            "{}: cannot use write-ahead logging here (journal mode stays {mode})",
            path.display()
        );
    }
    Ok(())
}

/// Sets WAL mode, which is kept in the file. The first switch of a new file needs it alone
/// and SQLite answers "busy" at once, without waiting, when another connection is at the same
/// step: so wait here, as long as for any lock.
fn switch_to_wal(connection: &Connection) -> rusqlite::Result<String> {
    let deadline = Instant::now() + BUSY_TIMEOUT;
    loop {
        match connection.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0)) {
            Err(error)
                if error.sqlite_error_code() == Some(ErrorCode::DatabaseBusy)
                    && Instant::now() < deadline =>
            {
                thread::sleep(Duration::from_millis(2));
            }
            result => return result,
        }
    }
}

/// Whether every table of `TABLES` is there.
fn has_every_table(connection: &Connection) -> rusqlite::Result<bool> {
    let mut statement = connection
        .prepare_cached("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1")?;
    for table in TABLES {
        if statement.query_row([table], |row| row.get::<_, i64>(0))? == 0 {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Creates the schema unless another connection just did, under the write lock so two
/// first openings cannot interleave; `Found::Newer` if a newer sanad got there first.
fn initialise(connection: &mut Connection) -> rusqlite::Result<Found> {
    let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let application_id: i32 =
        transaction.pragma_query_value(None, "application_id", |row| row.get(0))?;
    let version: i32 = transaction.pragma_query_value(None, "user_version", |row| row.get(0))?;
    if application_id == APPLICATION_ID && version > SCHEMA_VERSION {
        return Ok(Found::Newer(version));
    }
    transaction.execute_batch(SCHEMA)?;
    transaction.pragma_update(None, "application_id", APPLICATION_ID)?;
    transaction.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    transaction.commit()?;
    Ok(Found::Usable(APPLICATION_ID, SCHEMA_VERSION))
}

/// Moves the file at `path` and its SQLite companions to `NAME.broken-STAMP` (then `-1`,
/// `-2`, … while a name is taken), never replacing an existing file; returns the new path.
fn move_aside(path: &Path, stamp: &str) -> io::Result<PathBuf> {
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name"))?
        .to_string_lossy()
        .into_owned();
    for attempt in 0usize.. {
        let aside = match attempt {
            0 => path.with_file_name(format!("{name}.broken-{stamp}")),
            n => path.with_file_name(format!("{name}.broken-{stamp}-{n}")),
        };
        let taken = std::iter::once(aside.clone())
            .chain(COMPANION_SUFFIXES.map(|suffix| with_suffix(&aside, suffix)))
            .any(|candidate| candidate.symlink_metadata().is_ok());
        if taken {
            continue;
        }
        match rename_without_replacing(path, &aside) {
            Ok(()) => {}
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(error) => return Err(error),
        }
        for suffix in COMPANION_SUFFIXES {
            let companion = with_suffix(path, suffix);
            if companion.symlink_metadata().is_ok() {
                rename_without_replacing(&companion, &with_suffix(&aside, suffix))?;
            }
        }
        return Ok(aside);
    }
    unreachable!("an unbounded counter runs out of names")
}

/// `path` with `suffix` appended to its file name, as SQLite names its -wal and -shm files.
/// When a write-ahead log with frames lies beside the database at `path` and no process holds
/// it (a sanad killed, or a log restored or synced from another cache), copies the database
/// and the log as they are to "NAME.wal-found" and "NAME.wal-found-wal" (replacing an earlier
/// pair) and returns the first: SQLite replays the log at opening, and one from another cache
/// would silently replace this one's rows.
fn copy_left_wal(path: &Path) -> io::Result<Option<PathBuf>> {
    let wal = with_suffix(path, "-wal");
    // A log of its header alone (32 bytes) holds no frame.
    let frames = fs::metadata(&wal).is_ok_and(|metadata| metadata.len() > 32);
    if !frames || !path.exists() || shared_memory_in_use(&with_suffix(path, "-shm")) {
        return Ok(None);
    }
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let copy = path.with_file_name(format!("{name}.wal-found"));
    fs::copy(path, &copy)?;
    fs::copy(&wal, with_suffix(&copy, "-wal"))?;
    Ok(Some(copy))
}

/// Whether a process holds a lock on the WAL index `shm` (a live SQLite connection does), as
/// the kernel's table of locks says: read, never locked here, so no lock of this process's own
/// connections is disturbed. Where that table cannot be read, none is taken to.
fn shared_memory_in_use(shm: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let Ok(metadata) = fs::metadata(shm) else {
        return false;
    };
    // "1: POSIX  ADVISORY  READ 4242 08:02:131 128 128": the file as MAJOR:MINOR:INODE.
    let inode = format!(":{}", metadata.ino());
    fs::read_to_string("/proc/locks").is_ok_and(|locks| {
        locks.split_whitespace().any(|field| {
            field.ends_with(&inode) && field.bytes().filter(|&byte| byte == b':').count() == 2
        })
    })
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Renames `from` to `to`, failing with `AlreadyExists` rather than replacing `to`: a hard link
/// (refused atomically when `to` exists) then the removal of `from`; where links are not
/// supported, a rename after checking `to` is free.
fn rename_without_replacing(from: &Path, to: &Path) -> io::Result<()> {
    match fs::hard_link(from, to) {
        Ok(()) => fs::remove_file(from),
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists => Err(error),
        Err(_) if to.symlink_metadata().is_ok() => Err(io::ErrorKind::AlreadyExists.into()),
        Err(_) => fs::rename(from, to),
    }
}

/// An error as one line naming the database (or directory) it concerns.
/// Whether `error`, from a store, is another connection holding the write lock past the busy
/// timeout: worth trying again later, unlike a read-only file or a full disk.
pub fn is_busy(error: &anyhow::Error) -> bool {
    let message = error.to_string();
    message.ends_with("database is locked") || message.ends_with("database is busy")
}

fn failure(path: &Path, error: impl Display) -> anyhow::Error {
    let message = error.to_string().replace(['\n', '\r'], " ");
    anyhow!("{}: {message}", path.display())
}

pub fn unix_seconds(time: SystemTime) -> i64 {
    match time.duration_since(UNIX_EPOCH) {
        Ok(since) => i64::try_from(since.as_secs()).unwrap_or(i64::MAX),
        Err(before) => -i64::try_from(before.duration().as_secs()).unwrap_or(i64::MAX),
    }
}

/// Offsets and counts are stored as SQLite integers; ones beyond i64 cannot occur in memory.
fn to_sql_integer(value: usize) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

/// An integer read back as a size; a negative one (never written by us) reads as 0.
fn from_sql_integer(value: i64) -> usize {
    usize::try_from(value).unwrap_or(0)
}

/// `time` in UTC as YYYYMMDDTHHMMSS, for the names of files set aside.
fn utc_stamp(time: SystemTime) -> String {
    DateTime::<Utc>::from(time)
        .format("%Y%m%dT%H%M%S")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use tempfile::TempDir;

    fn article(feed: &str, guid: &str, text: &str) -> Article {
        Article {
            id: guid.to_owned(),
            path: format!("{feed}#{guid}"),
            title: format!("عنوان {guid}"),
            text: text.to_owned(),
            body: 0..text.len(),
            source: Some("رويترز".to_owned()),
            url: Some(format!("https://example.com/{guid}")),
            published: None,
            feed: Some(feed.to_owned()),
            key: format!("{feed}#{guid}"),
        }
    }

    /// A cache in `dir` holding one article ("feed#1", "نص") of feed "feed", then altered by
    /// `sql` as an older or damaged cache would be; the store opened on it again.
    fn altered_cache(dir: &Path, sql: &str) -> Store {
        let path = dir.join("cache.db");
        {
            let mut store = open(&path);
            store
                .save_feed("feed", None, &[article("feed", "1", "نص")])
                .unwrap();
            store.connection.execute_batch(sql).unwrap();
        }
        open(&path)
    }

    fn open(path: &Path) -> Store {
        let opened = Store::open(path).unwrap();
        assert_eq!(opened.set_aside, None);
        opened.store
    }

    fn keys(articles: &[Article]) -> Vec<&str> {
        articles
            .iter()
            .map(|article| article.key.as_str())
            .collect()
    }

    /// The files in `dir`, by name, with their contents.
    fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
        let mut files: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .map(|entry| {
                let entry = entry.unwrap();
                let name = entry.file_name().to_string_lossy().into_owned();
                (name, fs::read(entry.path()).unwrap())
            })
            .collect();
        files.sort();
        files
    }

    #[test]
    fn signatures_and_extractions_are_kept_for_cached_articles_while_they_and_the_lexicons_stay_the_same()
     {
        for what in [Kept::Signature, Kept::Extraction] {
            let dir = tempfile::tempdir().unwrap();
            let mut store = open(&dir.path().join("cache.db"));
            let first = article("feed", "1", "نص أول");
            let second = article("feed", "2", "نص ثان");
            store
                .save_feed("feed", None, &[first.clone(), second.clone()])
                .unwrap();
            let items = [
                ("feed#1", vec![1, 2]),
                ("feed#2", vec![3]),
                ("a file, not cached", vec![4]),
            ];
            store.save_kept(what, 7, &items).unwrap();
            assert_eq!(store.kept(what, 7, "feed#1").unwrap(), Some(vec![1, 2]));
            assert_eq!(store.kept(what, 7, "feed#2").unwrap(), Some(vec![3]));
            assert_eq!(store.kept(what, 7, "a file, not cached").unwrap(), None);
            // Made with other lexicons: none.
            assert_eq!(store.kept(what, 8, "feed#1").unwrap(), None);
            // An article fetched again unchanged keeps what was kept; a changed one loses it.
            let mut changed = second.clone();
            changed.text = "نص ثان معدل".to_owned();
            changed.body = 0..changed.text.len();
            store.save_feed("feed", None, &[first, changed]).unwrap();
            assert_eq!(store.kept(what, 7, "feed#1").unwrap(), Some(vec![1, 2]));
            assert_eq!(store.kept(what, 7, "feed#2").unwrap(), None);
            // An article expired takes it along.
            let expiry = Keep { days: 1, items: 0 };
            assert_eq!(store.expire("feed", expiry, 4_000_000_000).unwrap(), 2);
            assert_eq!(store.kept(what, 7, "feed#1").unwrap(), None);
        }
    }

    #[test]
    fn a_cache_of_the_first_schema_gains_signatures_and_keeps_its_articles() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = altered_cache(
            dir.path(),
            "DROP TRIGGER signature_of_changed_article;
                     DROP TRIGGER signature_of_removed_article;
                     DROP TABLE signatures; PRAGMA user_version = 1;",
        );
        assert_eq!(keys(&store.articles().unwrap()), ["feed#1"]);
        store
            .save_kept(Kept::Signature, 1, &[("feed#1", vec![9])])
            .unwrap();
        assert_eq!(
            store.kept(Kept::Signature, 1, "feed#1").unwrap(),
            Some(vec![9])
        );
    }

    /// Schema 3 had no item hashes. Opened now, the articles stay and hashes are stored; a
    /// hash alone changing keeps the signature; an article expired takes its hash along.
    #[test]
    fn a_cache_of_schema_3_gains_item_hashes_and_keeps_its_articles() {
        let dir = tempfile::tempdir().unwrap();
        let first = article("feed", "1", "نص");
        let mut store = altered_cache(
            dir.path(),
            "DROP TABLE item_hashes; PRAGMA user_version = 3;",
        );
        assert_eq!(keys(&store.articles().unwrap()), ["feed#1"]);
        assert!(store.item_hashes().unwrap().is_empty(), "none stored yet");
        store
            .save_kept(Kept::Signature, 1, &[("feed#1", vec![9])])
            .unwrap();
        let parsed = |articles: Vec<Article>, item_hashes: Vec<Option<u64>>| ParsedFeed {
            articles,
            item_hashes,
            ..ParsedFeed::default()
        };
        store
            .save_parsed("feed", &parsed(vec![first.clone()], vec![Some(u64::MAX)]))
            .unwrap();
        assert_eq!(store.item_hashes_of("feed").unwrap()["feed#1"], u64::MAX);
        assert_eq!(store.item_hashes().unwrap()["feed"]["feed#1"], u64::MAX);
        assert_eq!(
            store.kept(Kept::Signature, 1, "feed#1").unwrap(),
            Some(vec![9]),
            "a hash alone"
        );
        store
            .save_parsed("feed", &parsed(vec![first], vec![]))
            .unwrap();
        assert!(
            store.item_hashes().unwrap().is_empty(),
            "saved without: forgotten"
        );
        store
            .save_parsed(
                "feed",
                &parsed(vec![article("feed", "2", "نص")], vec![Some(7)]),
            )
            .unwrap();
        let keep_one = Keep { days: 0, items: 1 };
        assert_eq!(store.expire("feed", keep_one, 0).unwrap(), 1);
        // The feed's first item stays (rowid order among equal times), the second goes.
        assert_eq!(keys(&store.articles().unwrap()), ["feed#1"]);
        assert!(
            store.item_hashes().unwrap().is_empty(),
            "gone with its article"
        );
        let version: i32 = store
            .connection
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .unwrap();
        assert_eq!(version, SCHEMA_VERSION);
    }

    /// A table gone from a cache of this schema (dropped by hand, or made by a build that
    /// lacked it) is made again at the next opening; what the other tables hold stays.
    #[test]
    fn a_missing_table_is_made_again() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = altered_cache(dir.path(), "DROP TABLE summaries; DROP TABLE state;");
        assert_eq!(keys(&store.articles().unwrap()), ["feed#1"]);
        assert_eq!(store.record_unchanged("feed").unwrap(), 1);
        store.set_read("feed#1", true).unwrap();
        assert!(store.states().unwrap()["feed#1"].read);
        assert_eq!(store.summary("feed#1").unwrap(), None);
    }

    /// A row that cannot be read (text that is not UTF-8, a title kept as a BLOB) is passed
    /// over and counted; the others load. A body range inside a letter comes back empty.
    #[test]
    fn unreadable_rows_are_passed_over_and_counted() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = open(&dir.path().join("cache.db"));
        let items: Vec<Article> = (1..=4)
            .map(|i| article("feed", &i.to_string(), "نص الخبر"))
            .collect();
        store.save_feed("feed", None, &items).unwrap();
        store
            .connection
            .execute_batch(
                "UPDATE articles SET text = CAST(X'D9FF20' AS TEXT) WHERE key = 'feed#1';
                 UPDATE articles SET title = X'00FF' WHERE key = 'feed#2';
                 UPDATE articles SET body_start = 1 WHERE key = 'feed#3';",
            )
            .unwrap();
        let full = store.articles().unwrap();
        assert_eq!(keys(&full), ["feed#3", "feed#4"]);
        assert_eq!(store.unreadable_rows(), 2);
        assert_eq!(full[0].body, 0..0, "a range inside a letter");
        let heads = store.article_heads().unwrap();
        assert_eq!(keys(&heads), ["feed#1", "feed#3", "feed#4"]);
        assert_eq!(store.unreadable_rows(), 1);
        assert!(store.article_text("feed#1").is_err());
    }

    /// Heads are the articles without their text; the text is read by key. A stored body
    /// range that does not fit its text comes back empty rather than failing a slice later.
    #[test]
    fn heads_leave_the_text_in_the_cache_until_asked() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = open(&dir.path().join("cache.db"));
        let mut titled = article("feed", "1", "عنوان\n\nنص الخبر");
        titled.body = "عنوان\n\n".len()..titled.text.len();
        let broken = article("feed", "2", "نص");
        store
            .save_feed("feed", None, &[titled.clone(), broken.clone()])
            .unwrap();
        store
            .connection
            .execute(
                "UPDATE articles SET body_end = 999 WHERE key = 'feed#2'",
                [],
            )
            .unwrap();
        let heads = store.article_heads().unwrap();
        let full = store.articles().unwrap();
        assert_eq!(keys(&heads), keys(&full));
        for (head, article) in heads.iter().zip(&full) {
            assert_eq!((head.text.as_str(), head.body.clone()), ("", 0..0));
            assert_eq!(
                Article {
                    text: String::new(),
                    body: 0..0,
                    ..article.clone()
                },
                *head
            );
        }
        assert_eq!(
            store.article_text("feed#1").unwrap(),
            Some((titled.text.clone(), titled.body.clone()))
        );
        assert_eq!(
            store.article_text("feed#2").unwrap(),
            Some((broken.text.clone(), 0..0))
        );
        assert_eq!(store.article_text("feed#3").unwrap(), None);
        let stored = full.iter().find(|a| a.key == "feed#2").unwrap();
        assert_eq!(stored.body, 0..0, "clamped when all is read too");
    }

    #[test]
    fn articles_round_trip_with_every_field() {
        let dir = TempDir::new().unwrap();
        let path = dir.path().join("nested/dir/cache.db");
        let mut store = open(&path);
        let text = "# عنوان الخبر\n\nقالت وكالة «رويترز» إن 12 شخصاً أصيبوا 🙂 في الحادث.";
        let full = Article {
            id: "خبر-1".to_owned(),
            path: "https://example.com/feed.xml#guid-1".to_owned(),
            title: "عنوان الخبر".to_owned(),
            text: text.to_owned(),
            body: text.find("قالت").unwrap()..text.len() - 1,
            source: Some("الجزيرة".to_owned()),
            url: Some("https://example.com/ar/خبر".to_owned()),
            published: Some("Fri, 01 Mar 2024 12:30:00 +0300".to_owned()),
            feed: Some("https://example.com/feed.xml".to_owned()),
            key: "https://example.com/feed.xml#guid-1".to_owned(),
        };
        let bare = Article {
            id: "b".to_owned(),
            path: "p".to_owned(),
            title: "t".to_owned(),
            text: String::new(),
            body: 0..0,
            source: None,
            url: None,
            published: None,
            feed: Some("https://example.com/feed.xml".to_owned()),
            key: "https://example.com/feed.xml#guid-2".to_owned(),
        };
        let saved = store
            .save_feed(
                "https://example.com/feed.xml",
                Some("أخبار"),
                &[full.clone(), bare.clone()],
            )
            .unwrap();
        assert_eq!(saved.new, [full.key.as_str(), bare.key.as_str()]);
        assert_eq!(saved.total, 2);
        drop(store);

        let store = open(&path);
        let mut articles = store.articles().unwrap();
        articles.sort_by(|a, b| a.key.cmp(&b.key));
        assert_eq!(articles, [full.clone(), bare]);
        assert_eq!(articles[0].body_text(), full.body_text());
        assert_eq!(store.integrity().unwrap(), "ok");
        let feeds = store.feeds().unwrap();
        assert_eq!(feeds.len(), 1);
        assert_eq!(feeds[0].location, "https://example.com/feed.xml");
        assert_eq!(feeds[0].title.as_deref(), Some("أخبار"));
        assert_eq!(feeds[0].error, None);
        assert_eq!((feeds[0].articles, feeds[0].unread), (2, 2));
        let fetched = feeds[0].fetched_at.unwrap();
        assert!(SystemTime::now().duration_since(fetched).unwrap() < Duration::from_secs(60));
    }

    #[test]
    fn resaving_refreshes_edited_items_and_reports_new_ones() {
        let dir = TempDir::new().unwrap();
        let path = dir.path().join("cache.db");
        let mut store = open(&path);
        let first = [article("f", "1", "نص أول"), article("f", "2", "نص ثان")];
        store.save_feed("f", Some("Feed"), &first).unwrap();
        store.set_read("f#1", true).unwrap();
        store.set_position("f#2", 40).unwrap();
        // An earlier first sighting, to see it survive the refresh.
        store
            .connection
            .execute("UPDATE articles SET first_seen = 1000", [])
            .unwrap();

        let mut edited = article("f", "2", "نص ثان، معدّل");
        edited.title = "عنوان معدّل".to_owned();
        let second = [
            article("f", "3", "نص ثالث"),
            article("f", "1", "نص أول"),
            edited.clone(),
        ];
        let saved = store.save_feed("f", None, &second).unwrap();
        assert_eq!(saved.new, ["f#3"]);
        assert_eq!(saved.total, 3);

        let articles = store.articles().unwrap();
        let stored = articles.iter().find(|a| a.key == "f#2").unwrap();
        assert_eq!(stored, &edited);
        let first_seen: Vec<(String, i64)> = store
            .connection
            .prepare("SELECT key, first_seen FROM articles ORDER BY key")
            .unwrap()
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(first_seen[0], ("f#1".to_owned(), 1000));
        assert_eq!(first_seen[1], ("f#2".to_owned(), 1000));
        assert!(first_seen[2].1 > 1000);
        // The new item was seen later, so it lists first.
        assert_eq!(keys(&articles)[0], "f#3");

        let states = store.states().unwrap();
        assert!(states["f#1"].read);
        assert_eq!(states["f#2"].position, 40);
        let feeds = store.feeds().unwrap();
        assert_eq!(
            feeds[0].title.as_deref(),
            Some("Feed"),
            "a missing title keeps the old"
        );
        assert_eq!((feeds[0].articles, feeds[0].unread), (3, 2));
    }

    #[test]
    fn unchanged_items_are_not_rewritten() {
        let dir = TempDir::new().unwrap();
        let mut store = open(&dir.path().join("cache.db"));
        let items = [article("f", "1", "نص"), article("f", "2", "نص آخر")];
        store.save_feed("f", None, &items).unwrap();
        let before = store.connection.total_changes();
        let mut edited = items.clone();
        edited[1].url = None;
        store.save_feed("f", None, &edited).unwrap();
        // One article row and the feed row.
        assert_eq!(store.connection.total_changes() - before, 2);
        assert_eq!(store.articles().unwrap()[1].url, None);
    }

    #[test]
    fn articles_list_newest_first() {
        let dir = TempDir::new().unwrap();
        let mut store = open(&dir.path().join("cache.db"));
        let dated = |guid: &str, published: Option<&str>| Article {
            published: published.map(str::to_owned),
            ..article("f", guid, "نص")
        };
        store
            .save_feed(
                "f",
                None,
                &[
                    dated("old", Some("2001-01-01")),
                    dated("undated-a", None),
                    dated("new", Some("Tue, 02 Jan 2024 10:00:00 GMT")),
                    dated("newer", Some("2024-01-02T12:00:00+01:00")),
                    dated("undated-b", Some("أمس")),
                ],
            )
            .unwrap();
        let articles = store.articles().unwrap();
        assert_eq!(
            keys(&articles),
            ["f#undated-a", "f#undated-b", "f#newer", "f#new", "f#old"]
        );
        let plan: Vec<String> = store
            .connection
            .prepare(&format!("EXPLAIN QUERY PLAN {ARTICLES_IN_DISPLAY_ORDER}"))
            .unwrap()
            .query_map([], |row| row.get(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert!(
            plan.iter()
                .any(|step| step.contains("articles_in_display_order")),
            "{plan:?}"
        );
        assert!(
            !plan.iter().any(|step| step.contains("TEMP B-TREE")),
            "{plan:?}"
        );
    }

    #[test]
    fn states_default_and_round_trip() {
        let dir = TempDir::new().unwrap();
        let path = dir.path().join("cache.db");
        let mut store = open(&path);
        assert!(store.states().unwrap().is_empty());
        store.set_read("sample/a", true).unwrap();
        store.set_starred("sample/b", true).unwrap();
        store.set_position("/home/u/x.txt", 1234).unwrap();
        store.set_starred("sample/a", true).unwrap();
        store.set_read("sample/a", false).unwrap();
        store
            .mark_all_read(&["sample/b", "sample/c", "sample/c"])
            .unwrap();
        drop(store);

        let states = open(&path).states().unwrap();
        let state = |key: &str| states.get(key).copied().unwrap_or_default();
        assert_eq!(
            state("sample/a"),
            ArticleState {
                read: false,
                starred: true,
                position: 0
            }
        );
        assert_eq!(
            state("sample/b"),
            ArticleState {
                read: true,
                starred: true,
                position: 0
            }
        );
        assert_eq!(
            state("sample/c"),
            ArticleState {
                read: true,
                ..ArticleState::default()
            }
        );
        assert_eq!(state("/home/u/x.txt").position, 1234);
        assert_eq!(state("never-seen"), ArticleState::default());
        assert_eq!(states.len(), 4);
    }

    #[test]
    fn validators_are_kept_per_feed_and_survive_reopening() {
        let dir = TempDir::new().unwrap();
        let path = dir.path().join("cache.db");
        let mut store = open(&path);
        store
            .save_feed("f", Some("Feed"), &[article("f", "1", "نص")])
            .unwrap();
        let said = Validators {
            etag: Some("\"v1\"".to_owned()),
            last_modified: Some("Wed, 02 Dec 2026 10:00:00 GMT".to_owned()),
            not_before: Some(1_800_000_000),
        };
        store.save_validators("f", &said).unwrap();
        store.record_failure("f", "timed out").unwrap();
        assert_eq!(store.record_unchanged("f").unwrap(), 1);
        assert_eq!(store.feeds().unwrap()[0].error, None);
        drop(store);
        let store = open(&path);
        assert_eq!(store.validators().unwrap().get("f"), Some(&said));
        assert_eq!(store.validators().unwrap().get("g"), None);
    }

    #[test]
    fn expiry_keeps_the_newest_and_the_recent_and_never_a_starred_article() {
        let dir = TempDir::new().unwrap();
        let mut store = open(&dir.path().join("cache.db"));
        let dated = |guid: &str, day: u32| {
            let mut item = article("f", guid, "نص");
            item.published = Some(format!("2026-11-{day:02}T08:00:00Z"));
            item
        };
        let items = [
            dated("1", 1),
            dated("2", 10),
            dated("3", 20),
            dated("4", 30),
        ];
        store.save_feed("f", None, &items).unwrap();
        store
            .save_feed("g", None, &[article("g", "9", "نص")])
            .unwrap();
        store.set_starred("f#1", true).unwrap();
        let now = 1_796_040_000; // 2026-12-01
        assert_eq!(store.expire("f", Keep::default(), now).unwrap(), 0);
        // The newest three, but the starred first of the month stays.
        assert_eq!(
            store.expire("f", Keep { days: 0, items: 3 }, now).unwrap(),
            0
        );
        assert_eq!(
            store.expire("f", Keep { days: 0, items: 2 }, now).unwrap(),
            1
        );
        // (g's undated item sorts by when it was fetched: today, first.)
        assert_eq!(
            keys(&store.articles().unwrap()),
            ["g#9", "f#4", "f#3", "f#1"]
        );
        // Fifteen days: the 20th and 30th of November, and the starred one.
        assert_eq!(
            store.expire("f", Keep { days: 15, items: 0 }, now).unwrap(),
            0
        );
        assert_eq!(
            store.expire("f", Keep { days: 5, items: 0 }, now).unwrap(),
            1
        );
        assert_eq!(keys(&store.articles().unwrap()), ["g#9", "f#4", "f#1"]);
    }

    #[test]
    fn a_failure_keeps_the_articles() {
        let dir = TempDir::new().unwrap();
        let mut store = open(&dir.path().join("cache.db"));
        store
            .save_feed("f", Some("Feed"), &[article("f", "1", "نص")])
            .unwrap();
        store.record_failure("f", "timed out").unwrap();
        store.record_failure("g", "no such host").unwrap();
        assert_eq!(keys(&store.articles().unwrap()), ["f#1"]);
        let feeds = store.feeds().unwrap();
        assert_eq!(feeds.len(), 2);
        assert_eq!(feeds[0].error.as_deref(), Some("timed out"));
        assert_eq!(feeds[0].title.as_deref(), Some("Feed"));
        assert!(feeds[0].fetched_at.is_some());
        assert_eq!(feeds[0].articles, 1);
        assert_eq!(feeds[1].location, "g");
        assert_eq!(feeds[1].fetched_at, None);
        assert_eq!(feeds[1].articles, 0);

        store.save_feed("f", None, &[]).unwrap();
        assert_eq!(store.feeds().unwrap()[0].error, None);
    }

    /// A log with frames that no process holds, found beside the cache (here another cache's,
    /// as a restore from backup or a sync would leave it), is replayed by SQLite: the cache and
    /// the log are first copied aside as they were, and the notice says so. A log a live
    /// connection holds is never copied.
    #[test]
    fn a_write_ahead_log_no_one_holds_is_copied_aside_before_it_is_replayed() {
        let dir = TempDir::new().unwrap();
        let path = dir.path().join("cache.db");
        {
            let mut store = open(&path);
            let mut ours = article("feed", "1", "نص هذه الذاكرة");
            ours.feed = Some("feed".to_owned());
            store.save_feed("feed", None, &[ours]).unwrap();
        }
        assert!(
            !with_suffix(&path, "-wal").exists(),
            "a clean close leaves no log"
        );
        let elsewhere = dir.path().join("elsewhere");
        fs::create_dir(&elsewhere).unwrap();
        let other_path = elsewhere.join("cache.db");
        let mut other = open(&other_path);
        let other_article = article("other", "9", "نص ذاكرة أخرى");
        other.save_feed("other", None, &[other_article]).unwrap();
        let other_shm = with_suffix(&other_path, "-shm");
        assert!(
            shared_memory_in_use(&other_shm),
            "a live connection holds its index"
        );
        fs::copy(with_suffix(&other_path, "-wal"), with_suffix(&path, "-wal")).unwrap();
        let before = fs::read(&path).unwrap();
        let stray_log = fs::read(with_suffix(&path, "-wal")).unwrap();

        CHECKED.lock().unwrap().clear();
        let opened = Store::open(&path).unwrap();
        let copy = opened
            .wal_copied
            .clone()
            .expect("the cache and the log copied");
        assert_eq!(copy, dir.path().join("cache.db.wal-found"));
        assert_eq!(fs::read(&copy).unwrap(), before);
        assert_eq!(fs::read(with_suffix(&copy, "-wal")).unwrap(), stray_log);
        let notice = opened.notice().unwrap();
        assert!(
            notice.contains("write-ahead log was left beside it"),
            "{notice}"
        );
        assert!(
            notice.contains("cache.db.wal-found and cache.db.wal-found-wal"),
            "{notice}"
        );
        drop(opened);

        // Opening the other cache again while it is open: its log is held, nothing is copied.
        CHECKED.lock().unwrap().clear();
        let again = Store::open(&other_path).unwrap();
        assert_eq!(again.wal_copied, None);
        assert!(!elsewhere.join("cache.db.wal-found").exists());
        drop(again);
        drop(other);
        assert!(!shared_memory_in_use(&other_shm));
    }

    /// Opens `path` expecting the file there to be set aside: returns where it went.
    fn expect_set_aside(path: &Path, reason: &str) -> PathBuf {
        let opened = Store::open(path).unwrap();
        let aside = opened.set_aside.clone().expect("file set aside");
        assert_eq!(aside.reason, reason);
        let notice = opened.notice().unwrap();
        assert!(
            notice.starts_with(&format!("{}: {reason}; kept aside as ", path.display())),
            "{notice}"
        );
        let name = aside.kept_as.file_name().unwrap().to_string_lossy();
        assert!(name.starts_with("cache.db.broken-20"), "{name}");
        assert_eq!(opened.store.integrity().unwrap(), "ok");
        assert!(opened.store.articles().unwrap().is_empty());
        aside.kept_as
    }

    #[test]
    fn another_programs_database_is_set_aside_untouched() {
        let dir = TempDir::new().unwrap();
        let path = dir.path().join("cache.db");
        let other = Connection::open(&path).unwrap();
        other
            .execute_batch("CREATE TABLE foo (x); INSERT INTO foo VALUES ('bar');")
            .unwrap();
        drop(other);
        let original = fs::read(&path).unwrap();

        let kept_as = expect_set_aside(&path, "another program's SQLite database");
        assert_eq!(fs::read(&kept_as).unwrap(), original);
        drop(Store::open(&path).unwrap());
        assert_eq!(fs::read(&kept_as).unwrap(), original);
    }

    #[test]
    fn another_programs_database_in_wal_mode_goes_aside_with_its_log() {
        let dir = TempDir::new().unwrap();
        let path = dir.path().join("cache.db");
        let other = Connection::open(&path).unwrap();
        other
            .execute_batch(
                "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0;
                 CREATE TABLE foo (x); INSERT INTO foo VALUES ('bar');",
            )
            .unwrap();
        other
            .set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)
            .unwrap();
        drop(other);
        let wal = fs::read(with_suffix(&path, "-wal")).unwrap();
        assert!(!wal.is_empty());
        let original = fs::read(&path).unwrap();

        let kept_as = expect_set_aside(&path, "another program's SQLite database");
        assert_eq!(fs::read(&kept_as).unwrap(), original);
        assert_eq!(fs::read(with_suffix(&kept_as, "-wal")).unwrap(), wal);
        let kept = Connection::open(&kept_as).unwrap();
        let value: String = kept
            .query_row("SELECT x FROM foo", [], |row| row.get(0))
            .unwrap();
        assert_eq!(value, "bar");
    }

    #[test]
    fn random_bytes_are_set_aside_untouched() {
        let dir = TempDir::new().unwrap();
        let path = dir.path().join("cache.db");
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let bytes: Vec<u8> = (0..10_000)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                seed as u8
            })
            .collect();
        fs::write(&path, &bytes).unwrap();
        let kept_as = expect_set_aside(&path, "not a SQLite database");
        assert_eq!(fs::read(&kept_as).unwrap(), bytes);
        // Only the fresh database (and its WAL files) and the kept file.
        let names: Vec<String> = files(dir.path())
            .into_iter()
            .map(|(name, _)| name)
            .collect();
        assert!(
            names.iter().all(|name| name.starts_with("cache.db-")
                || *name == "cache.db"
                || Path::new(name) == kept_as.file_name().unwrap()),
            "{names:?}"
        );
    }

    #[test]
    fn a_damaged_database_is_set_aside() {
        let dir = TempDir::new().unwrap();
        let path = dir.path().join("cache.db");
        let mut store = open(&path);
        let items: Vec<Article> = (0..50)
            .map(|n| article("f", &n.to_string(), &"نص ".repeat(500)))
            .collect();
        store.save_feed("f", None, &items).unwrap();
        drop(store);
        let mut bytes = fs::read(&path).unwrap();
        assert!(bytes.len() > 4 * PAGE_SIZE as usize);
        // Scribble over the second page (the articles table's root or its first leaf).
        let page = PAGE_SIZE as usize;
        bytes[page..2 * page].fill(0xA5);
        fs::write(&path, &bytes).unwrap();

        let kept_as = expect_set_aside(&path, "damaged SQLite database");
        assert_eq!(fs::read(&kept_as).unwrap(), bytes);
    }

    #[test]
    fn empty_files_are_initialised() {
        let dir = TempDir::new().unwrap();
        let empty = dir.path().join("empty.db");
        fs::write(&empty, b"").unwrap();
        assert_eq!(open(&empty).integrity().unwrap(), "ok");

        let blank = dir.path().join("blank.db");
        Connection::open(&blank)
            .unwrap()
            .execute_batch("PRAGMA user_version = 0; VACUUM;")
            .unwrap();
        let mut store = open(&blank);
        store.set_read("k", true).unwrap();
        assert!(store.states().unwrap()["k"].read);
    }

    #[test]
    fn a_taken_name_is_never_replaced() {
        let dir = TempDir::new().unwrap();
        let path = dir.path().join("cache.db");
        fs::write(&path, b"current").unwrap();
        fs::write(with_suffix(&path, "-wal"), b"its log").unwrap();
        let stamp = "20240301T123000";
        let first = dir.path().join(format!("cache.db.broken-{stamp}"));
        fs::write(&first, b"kept earlier").unwrap();
        let second_wal = dir.path().join(format!("cache.db.broken-{stamp}-1-wal"));
        fs::write(&second_wal, b"a log kept earlier").unwrap();

        let aside = move_aside(&path, stamp).unwrap();
        assert_eq!(aside, dir.path().join(format!("cache.db.broken-{stamp}-2")));
        assert_eq!(fs::read(&aside).unwrap(), b"current");
        assert_eq!(fs::read(with_suffix(&aside, "-wal")).unwrap(), b"its log");
        assert_eq!(fs::read(&first).unwrap(), b"kept earlier");
        assert_eq!(fs::read(&second_wal).unwrap(), b"a log kept earlier");
        assert!(!path.exists());
        assert!(!with_suffix(&path, "-wal").exists());
    }

    #[test]
    fn a_newer_schema_is_an_error_and_left_alone() {
        let dir = TempDir::new().unwrap();
        let path = dir.path().join("cache.db");
        drop(open(&path));
        let newer = Connection::open(&path).unwrap();
        newer.pragma_update(None, "user_version", 7).unwrap();
        newer.pragma_update(None, "journal_mode", "DELETE").unwrap();
        drop(newer);
        let before = files(dir.path());

        let error = Store::open(&path).err().unwrap().to_string();
        assert_eq!(
            error,
            format!("{}: made by a newer sanad (schema 7)", path.display())
        );
        assert_eq!(files(dir.path()), before);
    }

    #[test]
    fn an_unopenable_path_is_a_one_line_error() {
        let dir = TempDir::new().unwrap();
        let error = Store::open(dir.path()).err().unwrap().to_string();
        assert!(
            error.starts_with(&format!("{}: ", dir.path().display())),
            "{error}"
        );
        assert!(!error.contains('\n'));
        assert!(dir.path().is_dir());
    }

    #[test]
    fn two_stores_share_one_file() {
        let dir = TempDir::new().unwrap();
        let path = dir.path().join("cache.db");
        let mut reader = open(&path);
        let mut writer = open(&path);
        reader.set_read("f#0", true).unwrap();
        let items: Vec<Article> = (0..100)
            .map(|n| article("f", &n.to_string(), &"نص ".repeat(300)))
            .collect();
        let saving = std::thread::spawn(move || {
            for round in 0..20 {
                let mut items = items.clone();
                items[0].text = format!("round {round}");
                writer.save_feed("f", Some("F"), &items).unwrap();
            }
            writer
        });
        for round in 0..50 {
            assert!(reader.states().unwrap()["f#0"].read);
            reader.set_position("f#1", round).unwrap();
            let count = reader.articles().unwrap().len();
            assert!(count == 0 || count == 100, "{count}");
        }
        let writer = saving.join().unwrap();
        assert_eq!(writer.states().unwrap()["f#1"].position, 49);
        let articles = reader.articles().unwrap();
        assert_eq!(articles.len(), 100);
        assert!(articles.iter().any(|article| article.text == "round 19"));
    }

    #[test]
    fn concurrent_first_openings_agree() {
        for _ in 0..8 {
            let dir = TempDir::new().unwrap();
            let path = dir.path().join("new/cache.db");
            let barrier = std::sync::Barrier::new(4);
            std::thread::scope(|scope| {
                for n in 0..4 {
                    let (path, barrier) = (&path, &barrier);
                    scope.spawn(move || {
                        barrier.wait();
                        let mut store = open(path);
                        store.set_read(&format!("k{n}"), true).unwrap();
                    });
                }
            });
            let store = open(&path);
            assert_eq!(store.states().unwrap().len(), 4);
            assert_eq!(store.integrity().unwrap(), "ok");
        }
    }

    #[test]
    fn stamps_are_utc_calendar_times() {
        assert_eq!(utc_stamp(UNIX_EPOCH), "19700101T000000");
        let leap_day = UNIX_EPOCH + Duration::from_secs(1_709_164_800 + 3_723);
        assert_eq!(utc_stamp(leap_day), "20240229T010203");
    }
}
