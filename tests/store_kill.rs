//! `kill -9` in the middle of writing: a child process (this test binary run again) saves feeds
//! and read state into a cache as fast as it can and says each time a transaction committed; it
//! is killed with SIGKILL mid-stream, and the database it leaves must open, pass SQLite's
//! integrity check and hold everything the child reported committed.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use sanad::corpus::{self, Article};
use sanad::store::Store;

/// Set in the child's environment: the database it writes to.
const WRITER_DATABASE: &str = "SANAD_TEST_WRITER_DATABASE";
/// Commits the parent waits for before it kills the child.
const COMMITS_BEFORE_KILL: usize = 40;

/// The articles of feed `round`: the sample under keys of their own, so every round adds.
fn feed_articles(round: usize) -> (String, Vec<Article>) {
    let location = format!("https://example.com/feed-{round}.xml");
    let articles = corpus::sample()
        .articles
        .into_iter()
        .map(|mut article| {
            article.key = format!("{location}#{}", article.key);
            article.feed = Some(location.clone());
            article
        })
        .collect();
    (location, articles)
}

/// The child: writes until killed, printing "committed N" after each feed is saved and
/// "starred N" after the first article of that feed is starred.
#[test]
#[ignore = "run by writes_survive_kill_9 in a child process"]
fn writer_child() {
    let Some(path) = std::env::var_os(WRITER_DATABASE) else {
        return;
    };
    let mut store = Store::open(Path::new(&path)).expect("cache opens").store;
    for round in 0.. {
        let (location, articles) = feed_articles(round);
        store
            .save_feed(&location, Some("Feed"), &articles)
            .expect("saved");
        println!("committed {round}");
        store.set_starred(&articles[0].key, true).expect("starred");
        println!("starred {round}");
    }
}

#[test]
fn writes_survive_kill_9() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("cache.db");
    let mut child = Command::new(std::env::current_exe().expect("test binary"))
        .args([
            "writer_child",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(WRITER_DATABASE, &path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("child starts");
    let stdout = child.stdout.take().expect("child's stdout");
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut committed = None;
    let mut starred = None;
    for line in BufReader::new(stdout).lines() {
        let line = line.expect("a line");
        if let Some(round) = line.strip_prefix("committed ") {
            committed = Some(round.parse::<usize>().expect("a number"));
        } else if let Some(round) = line.strip_prefix("starred ") {
            starred = Some(round.parse::<usize>().expect("a number"));
        }
        if committed.is_some_and(|round| round + 1 >= COMMITS_BEFORE_KILL) {
            // SIGKILL on Unix: no destructor, no checkpoint, mid-transaction at best.
            child.kill().expect("killed");
            break;
        }
        assert!(Instant::now() < deadline, "the child writes too slowly");
    }
    let status = child.wait().expect("reaped");
    assert!(!status.success(), "the child ended by itself: {status}");
    let committed = committed.expect("the child committed something");

    let opened = Store::open(&path).expect("the cache opens after kill -9");
    assert!(opened.set_aside.is_none(), "the cache was set aside");
    let store = opened.store;
    assert_eq!(store.integrity().expect("integrity check"), "ok");
    let articles = store.articles().expect("articles");
    let per_feed = corpus::sample().articles.len();
    for round in 0..=committed {
        let (location, expected) = feed_articles(round);
        let kept = articles
            .iter()
            .filter(|article| article.feed.as_deref() == Some(location.as_str()))
            .count();
        assert_eq!(kept, per_feed, "feed {round} lost articles");
        assert_eq!(
            articles
                .iter()
                .find(|article| article.key == expected[0].key)
                .map(|article| &article.text),
            Some(&expected[0].text)
        );
    }
    // A feed begun after the last report is there whole or not at all.
    assert_eq!(articles.len() % per_feed, 0, "a feed half saved");
    let states = store.states().expect("states");
    for round in (0..=starred.expect("a star saved")).rev() {
        let (_, expected) = feed_articles(round);
        assert!(
            states
                .get(&expected[0].key)
                .is_some_and(|state| state.starred),
            "star of feed {round} lost"
        );
    }
}
