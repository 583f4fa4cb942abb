//! Feeds end to end: served by an HTTP server on 127.0.0.1 that this test starts (fixtures in
//! `tests/fixtures/feeds`, Arabic and English), fetched by the binary and by the reader's
//! background fetcher, including slow, failing and malformed answers; and the cache that keeps
//! articles and read state across runs.

mod support;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sanad::config::FeedSettings;
use sanad::corpus::Corpus;
use sanad::corpus::subscriptions::Subscription;
use sanad::fetch::{FetchEvent, Fetcher};
use sanad::keymap::Action;
use sanad::layout::Direction;
use sanad::store::Store;
use sanad::ui::feeds::{FeedStatus, Feeds};
use sanad::ui::{App, Settings};
use support::http::{Reply, Server};
use tempfile::TempDir;

const RSS: &str = "application/rss+xml";
const ATOM: &str = "application/atom+xml";

fn fixture(name: &str) -> Vec<u8> {
    fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/feeds")
            .join(name),
    )
    .expect("fixture")
}

/// A server with the Arabic and English fixtures and every kind of failure.
fn server() -> Server {
    Server::start([
        ("/arabic.rss", Reply::Ok(RSS, fixture("arabic.rss"))),
        ("/english.atom", Reply::Ok(ATOM, fixture("english.atom"))),
        (
            "/french.json",
            Reply::Ok("application/feed+json", fixture("french.json")),
        ),
        ("/gone.rss", Reply::Status(404)),
        ("/broken.rss", Reply::Status(500)),
        (
            "/page.html",
            Reply::Ok("text/html", fixture("not-a-feed.html")),
        ),
        ("/malformed.xml", Reply::Ok(RSS, fixture("malformed.xml"))),
        ("/truncated.rss", Reply::Truncated(fixture("arabic.rss"))),
        ("/hangup.rss", Reply::Hangup),
        (
            "/slow.rss",
            Reply::Slow(Duration::from_secs(4), fixture("arabic.rss")),
        ),
    ])
}

/// Config and data directories of their own, so no test reads or writes the user's.
struct Home {
    dir: TempDir,
}

impl Home {
    /// A home whose config sets a fetch timeout of one second and lets a feed be fetched
    /// again at once.
    fn new() -> Home {
        Home::with_feed_settings("timeout_seconds = 1\nparallel = 3\nmin_interval_minutes = 0\n")
    }

    /// A home whose config has `settings` under `[feeds]`.
    fn with_feed_settings(settings: &str) -> Home {
        let dir = tempfile::tempdir().expect("temp dir");
        let config = dir.path().join("config/sanad");
        fs::create_dir_all(&config).unwrap();
        fs::write(config.join("config.toml"), format!("[feeds]\n{settings}")).unwrap();
        Home { dir }
    }

    fn sanad<I, S>(&self, args: I) -> Command
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        let mut command = Command::new(env!("CARGO_BIN_EXE_sanad"));
        command
            .args(args)
            .stdin(Stdio::null())
            .env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("XDG_DATA_HOME", self.dir.path().join("data"));
        command
    }

    fn run<I, S>(&self, args: I) -> Output
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        self.sanad(args).output().expect("sanad runs")
    }

    /// The cache database `sanad` keeps in this home.
    fn cache(&self) -> PathBuf {
        self.dir.path().join("data/sanad/cache.db")
    }

    /// Writes a feeds file and returns its path.
    fn feeds_file(&self, lines: &[String]) -> PathBuf {
        let path = self.dir.path().join("config/sanad/feeds");
        fs::write(&path, lines.join("\n") + "\n").unwrap();
        path
    }
}

fn stdout_of(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr_of(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// An address with Arabic letters and a space in its path is fetched, percent-encoded.
#[test]
fn a_feed_whose_address_has_arabic_letters_and_spaces_is_fetched() {
    let server = server();
    server.set(
        "/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1%20%D8%B9%D8%A7%D8%AC%D9%84%D8%A9.rss",
        Reply::Ok(RSS, fixture("arabic.rss")),
    );
    let home = Home::new();
    let url = server.url("/أخبار عاجلة.rss");
    let output = home.run(["list", url.as_str()]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert_eq!(stdout_of(&output).lines().count(), 3);
}

#[test]
fn a_feed_over_http_is_listed_and_its_figures_found() {
    let server = server();
    let home = Home::new();
    let url = server.url("/arabic.rss");
    let output = home.run(["list", url.as_str()]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    let listed = stdout_of(&output);
    assert_eq!(listed.lines().count(), 3, "{listed}");
    assert!(listed.contains("سيول"), "{listed}");

    let output = home.run(["list", "--json", url.as_str()]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let articles = json["articles"].as_array().expect("articles");
    assert_eq!(articles.len(), 3);
    for article in articles {
        assert_eq!(article["feed"], url.as_str(), "{article}");
    }

    let output = home.run(["extract", "--json", url.as_str()]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    let extracted = stdout_of(&output);
    assert!(extracted.contains("\"low\":12"), "{extracted}");
}

#[test]
fn failures_are_told_in_plain_words_on_one_line() {
    let server = server();
    let home = Home::new();
    for (path, words) in [
        ("/gone.rss", "not found (HTTP 404)"),
        ("/broken.rss", "server error (HTTP 500)"),
        ("/page.html", "not a feed"),
        ("/malformed.xml", "malformed feed"),
        ("/truncated.rss", "closed before the end"),
        ("/hangup.rss", "connection"),
        ("/slow.rss", "timed out"),
    ] {
        let url = server.url(path);
        let started = Instant::now();
        let output = home.run(["list", url.as_str()]);
        let stderr = stderr_of(&output);
        assert!(!output.status.success(), "{path} succeeded");
        assert_eq!(stderr.lines().count(), 1, "{path}: {stderr}");
        assert!(stderr.contains(&url), "{path}: {stderr}");
        assert!(
            stderr.contains(words),
            "{path}: expected “{words}” in {stderr}"
        );
        // The slow server answers after 4 s; the configured timeout is 1 s.
        assert!(started.elapsed() < Duration::from_secs(4), "{path} waited");
    }
}

#[test]
fn a_bad_line_of_the_feeds_file_is_skipped_with_its_line_named() {
    let server = server();
    let home = Home::new();
    home.feeds_file(&[
        format!("{} \"~Sahil", server.url("/arabic.rss")),
        format!("{} english", server.url("/english.atom")),
    ]);
    let output = home.run(["fetch"]);
    let (stdout, stderr) = (stdout_of(&output), stderr_of(&output));
    assert_eq!(output.status.code(), Some(0), "{stdout}{stderr}");
    assert!(stdout.contains("2 new"), "{stdout}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("line 1, column") && stderr.contains("line skipped"),
        "{stderr}"
    );
}

#[test]
fn fetch_fills_the_cache_and_a_failure_keeps_what_it_holds() {
    let server = server();
    let home = Home::new();
    home.feeds_file(&[
        "# news".to_owned(),
        format!("{} \"~Sahil\" arabic", server.url("/arabic.rss")),
        format!("{} english", server.url("/english.atom")),
        format!("{} \"~Gone away\"", server.url("/gone.rss")),
    ]);
    let output = home.run(["fetch"]);
    let (stdout, stderr) = (stdout_of(&output), stderr_of(&output));
    assert_eq!(output.status.code(), Some(1), "{stdout}{stderr}");
    assert!(stdout.contains("Sahil: 3 new"), "{stdout}");
    // The write-ahead log is folded in at the end: none is left to look like a stray one.
    let mut log = home.cache().into_os_string();
    log.push("-wal");
    let left = std::fs::metadata(&log).map_or(0, |metadata| metadata.len());
    assert_eq!(left, 0, "{log:?}");
    assert!(stdout.contains("2 new"), "{stdout}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("Gone away: not found (HTTP 404)"),
        "{stderr}"
    );

    let cached = |home: &Home| {
        Store::open(&home.cache())
            .expect("cache opens")
            .store
            .articles()
            .expect("articles")
    };
    assert_eq!(cached(&home).len(), 5);

    // The Arabic feed now fails: its articles stay, and nothing is new elsewhere.
    server.set("/arabic.rss", Reply::Status(500));
    let output = home.run(["fetch"]);
    let (stdout, stderr) = (stdout_of(&output), stderr_of(&output));
    assert!(
        stderr.contains("Sahil: server error (HTTP 500)"),
        "{stderr}"
    );
    assert!(stdout.contains("0 new"), "{stdout}");
    assert_eq!(cached(&home).len(), 5);
    let store = Store::open(&home.cache()).unwrap().store;
    let feeds = store.feeds().unwrap();
    let sahil = feeds
        .iter()
        .find(|feed| feed.location.ends_with("/arabic.rss"))
        .expect("feed kept");
    assert!(
        sahil
            .error
            .as_deref()
            .unwrap_or_default()
            .contains("HTTP 500"),
        "{feeds:?}"
    );
    assert_eq!(store.integrity().unwrap(), "ok");
}

/// A second fetch sends the feed's `ETag` back and a 304 costs nothing: no new article, the
/// cache as it was. A server that says 429 with `Retry-After` is not asked again before then.
#[test]
fn a_refetch_sends_the_validators_and_honours_retry_after() {
    let server = Server::start([
        ("/tagged.rss", Reply::Tagged(RSS, fixture("arabic.rss"))),
        ("/busy.rss", Reply::Limited(3600)),
    ]);
    let home = Home::new();
    home.feeds_file(&[
        format!("{} \"~Sahil\"", server.url("/tagged.rss")),
        format!("{} \"~Busy\"", server.url("/busy.rss")),
    ]);
    let first = home.run(["fetch"]);
    assert!(
        stdout_of(&first).contains("Sahil: 3 new"),
        "{}",
        stdout_of(&first)
    );
    assert!(stderr_of(&first).contains("Busy: too many requests (HTTP 429)"));
    assert_eq!(server.conditional_hits("/tagged.rss"), 0);

    let second = home.run(["fetch"]);
    let stdout = stdout_of(&second);
    assert!(
        stdout.contains("Sahil: nothing new, 3 in the cache"),
        "{stdout}"
    );
    assert_eq!(server.hits("/tagged.rss"), 2);
    assert_eq!(
        server.conditional_hits("/tagged.rss"),
        1,
        "the server saw the validator"
    );
    // Asked to wait an hour: not asked again, and nothing lost.
    assert!(
        stdout.contains("Busy: nothing new, 0 in the cache"),
        "{stdout}"
    );
    assert_eq!(server.hits("/busy.rss"), 1);
    let store = Store::open(&home.cache()).unwrap().store;
    assert_eq!(store.articles().unwrap().len(), 3);
    assert!(
        store
            .validators()
            .unwrap()
            .values()
            .any(|v| v.etag.is_some())
    );
}

/// Within `min_interval_minutes` of a request a feed's server is not asked again, whatever
/// it said; files are read every time.
#[test]
fn a_feed_is_not_asked_again_within_the_minimum_interval() {
    let server = Server::start([("/plain.rss", Reply::Ok(RSS, fixture("arabic.rss")))]);
    let home = Home::with_feed_settings("timeout_seconds = 5\nmin_interval_minutes = 10\n");
    let file = home.dir.path().join("local.rss");
    fs::write(&file, fixture("english.atom")).unwrap();
    home.feeds_file(&[
        format!("{} \"~Sahil\"", server.url("/plain.rss")),
        format!("{} \"~Local\"", file.display()),
    ]);
    let first = home.run(["fetch"]);
    assert!(
        stdout_of(&first).contains("Sahil: 3 new"),
        "{}",
        stdout_of(&first)
    );
    let second = home.run(["fetch"]);
    let stdout = stdout_of(&second);
    assert!(
        stdout.contains("Sahil: nothing new, 3 in the cache"),
        "{stdout}"
    );
    assert!(stdout.contains("Local: 0 new, 2 in the feed"), "{stdout}");
    assert_eq!(server.hits("/plain.rss"), 1);
}

/// `list` (and the other subcommands) keep only the articles the filters pass: unread,
/// starred, of a tagged feed, with a text; each filter given must hold.
#[test]
fn cached_articles_are_filtered_by_state_tag_and_text() {
    let server = server();
    let home = Home::new();
    home.feeds_file(&[
        format!("{} \"~Sahil\" local", server.url("/arabic.rss")),
        format!("{} world english", server.url("/english.atom")),
    ]);
    assert!(home.run(["fetch"]).status.success());
    let ids = |args: &[&str]| -> Vec<String> {
        let output = home.run(args);
        assert!(output.status.success(), "{args:?}: {}", stderr_of(&output));
        let mut ids: Vec<String> = stdout_of(&output)
            .lines()
            .map(|line| line.split('\t').next().unwrap_or_default().to_owned())
            .collect();
        ids.sort();
        ids
    };
    let all = ids(&["list"]);
    assert_eq!(all.len(), 5);
    let local = ids(&["list", "--tag", "local"]);
    assert_eq!(local.len(), 3);
    assert!(local.iter().all(|id| id.starts_with("sahil-")), "{local:?}");
    assert_eq!(
        ids(&["list", "--tag", "local", "--tag", "english"]).len(),
        5
    );
    assert!(ids(&["list", "--tag", "nowhere"]).is_empty());

    // Read and starred as the reader keeps them.
    let mut store = Store::open(&home.cache()).unwrap().store;
    let articles = store.articles().unwrap();
    let toll = articles
        .iter()
        .find(|a| a.title.contains("حصيلة ضحايا السيول"))
        .expect("the toll item");
    let english = articles
        .iter()
        .find(|a| a.title.contains("Death toll"))
        .unwrap();
    store.set_read(&toll.key, true).unwrap();
    store.set_starred(&english.key, true).unwrap();
    drop(store);
    let unread = ids(&["list", "--unread"]);
    assert_eq!(unread.len(), 4);
    assert!(!unread.contains(&toll.id));
    assert_eq!(ids(&["list", "--starred"]), [english.id.as_str()]);
    assert!(ids(&["list", "--starred", "--tag", "local"]).is_empty());

    // The text as the search finds it: without hamza, the title or the body.
    assert_eq!(
        ids(&["list", "--query", "اعلنت وزارة الداخلية"]),
        [toll.id.as_str()]
    );
    assert_eq!(
        ids(&["list", "--query", "اعلنت", "--unread"]),
        Vec::<String>::new()
    );
    let floods = ids(&["list", "--query", "السيول", "--tag", "local"]);
    assert!(floods.contains(&toll.id), "{floods:?}");
    // The other subcommands take them too.
    let output = home.run(["extract", "--json", "--tag", "world"]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    let json = stdout_of(&output);
    assert!(
        json.contains(&english.id) && !json.contains("sahil-"),
        "{json}"
    );
}

/// A feed of one-line summaries, with `full-text` among its tags: each item's page is fetched
/// and its article kept, the summary beside it. The pages are shaped as news sites shape them
/// (the article in `<article>`, in a `<div class>` among navigation, share buttons, comments
/// and related links, with `dir=rtl`, in windows-1256): at least 95% of their paragraphs come
/// through (all of them, today) and no navigation, comment or related-link text does.
#[test]
fn summaries_are_replaced_by_the_article_on_their_page() {
    let page = |name: &str| {
        fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/pages")
                .join(name),
        )
        .expect("page fixture")
    };
    let names = ["market-fire", "bus-crash", "earthquake", "floods"];
    let html = |name: &str| Reply::Ok("text/html", page(&format!("{name}.html")));
    let server = Server::start([
        ("/summaries.rss", Reply::Ok(RSS, page("summaries.rss"))),
        ("/pages/market-fire.html", html("market-fire")),
        ("/pages/bus-crash.html", html("bus-crash")),
        ("/pages/earthquake.html", html("earthquake")),
        // Its charset is said by its <meta> alone.
        ("/pages/floods.html", html("floods")),
    ]);
    let expected: serde_json::Value =
        serde_json::from_slice(&page("expected.json")).expect("expected.json");
    let one_line = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");

    let home = Home::new();
    home.feeds_file(&[format!(
        "{} \"~Sahil\" full-text",
        server.url("/summaries.rss")
    )]);
    let output = home.run(["fetch"]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    let store = Store::open(&home.cache()).unwrap().store;
    let articles = store.articles().unwrap();
    assert_eq!(articles.len(), 4);
    let (mut found, mut paragraphs) = (0, 0);
    for name in names {
        let article = articles
            .iter()
            .find(|a| {
                a.url
                    .as_deref()
                    .is_some_and(|url| url.ends_with(&format!("/{name}.html")))
            })
            .expect("the page's item");
        let text = one_line(article.body_text());
        for paragraph in expected[name]["paragraphs"].as_array().unwrap() {
            paragraphs += 1;
            found += usize::from(text.contains(&one_line(paragraph.as_str().unwrap())));
        }
        for boilerplate in expected[name]["boilerplate"].as_array().unwrap() {
            let boilerplate = boilerplate.as_str().unwrap();
            assert!(
                !text.contains(boilerplate),
                "{name}: “{boilerplate}” in {text}"
            );
        }
        let summary = store
            .summary(&article.key)
            .unwrap()
            .expect("the summary kept");
        assert!(
            summary.ends_with('.') && text.len() > 3 * summary.len(),
            "{summary}"
        );
        assert_eq!(server.hits(&format!("/pages/{name}.html")), 1);
    }
    assert_eq!(found, paragraphs, "{found} of {paragraphs} paragraphs");

    // The reader says so under the article's title; it starts on heads, texts in the cache.
    let heads = store.article_heads().unwrap();
    drop(store);
    let store = Store::open(&home.cache()).unwrap().store;
    let mut app = App::new(
        Corpus {
            articles: heads,
            warnings: Vec::new(),
        },
        settings(),
    )
    .with_feeds(Feeds::new(Vec::new(), None, Some(store)));
    let shown = screen(&mut app, 120, 20);
    assert!(shown.contains("full text from its page"), "{shown}");

    // Fetched again, the items are as they were: no page is asked again.
    let again = home.run(["fetch"]);
    assert!(
        stdout_of(&again).contains("0 new, 4 in the feed"),
        "{}",
        stdout_of(&again)
    );
    assert!(
        names
            .iter()
            .all(|name| server.hits(&format!("/pages/{name}.html")) == 1)
    );

    // Without the tag (and the config's full_text off) the summaries stay.
    let plain = Home::new();
    plain.feeds_file(&[format!("{} \"~Sahil\"", server.url("/summaries.rss"))]);
    assert!(plain.run(["fetch"]).status.success());
    let store = Store::open(&plain.cache()).unwrap().store;
    for article in store.articles().unwrap() {
        assert!(
            article.body_text().chars().count() < 200,
            "{}",
            article.text
        );
        assert_eq!(store.summary(&article.key).unwrap(), None);
    }
}

/// A server that sends no validators serves the whole feed again: the items stored as they
/// are are passed over (not converted, not written); an edited one is made again.
#[test]
fn items_stored_as_they_are_are_not_made_again() {
    let server = Server::start([("/plain.rss", Reply::Ok(RSS, fixture("arabic.rss")))]);
    let dir = TempDir::new().unwrap();
    let cache = dir.path().join("cache.db");
    let settings = FeedSettings {
        file: None,
        timeout: Duration::from_secs(5),
        parallel: 1,
        keep: Default::default(),
        min_interval: Duration::ZERO,
        full_text: false,
    };
    let fetch_once = || {
        let fetcher = Fetcher::start(&settings, Some(cache.clone()));
        fetcher.request(0, subscription(server.url("/plain.rss"), "Sahil"));
        loop {
            match fetcher.events.recv_timeout(Duration::from_secs(10)) {
                Ok(FetchEvent::Started { .. }) => continue,
                Ok(FetchEvent::Stored {
                    articles,
                    new,
                    unchanged,
                    ..
                }) => return (articles, new, unchanged),
                other => panic!("unexpected {other:?}"),
            }
        }
    };
    let (articles, new, unchanged) = fetch_once();
    assert_eq!((articles.len(), new.len(), unchanged), (3, 3, 0));

    let (articles, new, unchanged) = fetch_once();
    assert_eq!((articles.len(), new.len(), unchanged), (0, 0, 3));
    assert_eq!(
        server.conditional_hits("/plain.rss"),
        0,
        "nothing to send back"
    );

    let edited = String::from_utf8(fixture("arabic.rss"))
        .unwrap()
        .replace("إلى 14 قتيلا،", "إلى 15 قتيلا،");
    server.set("/plain.rss", Reply::Ok(RSS, edited.into_bytes()));
    let (articles, new, unchanged) = fetch_once();
    assert_eq!((articles.len(), new.len(), unchanged), (1, 0, 2));
    assert!(
        articles[0].text.contains("15 قتيلا"),
        "{:?}",
        articles[0].text
    );
    let stored = Store::open(&cache).unwrap().store.articles().unwrap();
    assert_eq!(stored.len(), 3);
    assert!(
        stored
            .iter()
            .any(|article| article.text.contains("15 قتيلا"))
    );
}

/// Feeds declared in the Arabic code pages (windows-1256, ISO-8859-6) are decoded, not shown as
/// mojibake.
#[test]
fn feeds_in_arabic_code_pages_are_decoded() {
    let server = Server::start([
        ("/cp1256.rss", Reply::Ok(RSS, fixture("windows-1256.rss"))),
        ("/iso.rss", Reply::Ok(RSS, fixture("iso-8859-6.rss"))),
    ]);
    let home = Home::new();
    for path in ["/cp1256.rss", "/iso.rss"] {
        let output = home.run(["list", &server.url(path)]);
        let stdout = stdout_of(&output);
        assert!(output.status.success(), "{}", stderr_of(&output));
        assert!(stdout.contains("حريق في سوق الخضار"), "{path}: {stdout}");
        assert!(stdout.contains("صحيفة الساحل"), "{path}: {stdout}");
        assert!(!stdout.contains('\u{fffd}'), "{stdout}");
    }
}

/// A feed whose XML names no encoding is read in the charset of its `Content-Type`; one that
/// says UTF-8 and is not is read all the same, with a warning.
#[test]
fn a_feeds_charset_comes_from_its_header_when_it_names_none() {
    let undeclared =
        String::from_utf8(fixture("arabic.rss"))
            .unwrap()
            .replacen(r#" encoding="UTF-8""#, "", 1);
    let (cp1256, _, _) = encoding_rs::WINDOWS_1256.encode(&undeclared);
    let server = Server::start([
        (
            "/labelled.rss",
            Reply::Ok("application/rss+xml; charset=windows-1256", cp1256.to_vec()),
        ),
        ("/mislabelled.rss", Reply::Ok(RSS, cp1256.to_vec())),
    ]);
    let home = Home::new();
    let output = home.run(["list", &server.url("/labelled.rss")]);
    let stdout = stdout_of(&output);
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert!(!stdout.contains('\u{fffd}'), "{stdout}");
    assert!(stderr_of(&output).is_empty(), "{}", stderr_of(&output));

    let output = home.run(["list", &server.url("/mislabelled.rss")]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    // The same lines but for the ids, which name the feed's address.
    let without_ids = |listed: &str| -> Vec<String> {
        listed
            .lines()
            .map(|line| {
                line.split_once('\t')
                    .map_or("", |(_, rest)| rest)
                    .to_owned()
            })
            .collect()
    };
    assert_eq!(without_ids(&stdout_of(&output)), without_ids(&stdout));
    assert!(
        stderr_of(&output).contains("read as windows-1256"),
        "{}",
        stderr_of(&output)
    );
}

fn settings() -> Settings {
    Settings {
        shaping: true,
        reorder: true,
        color: false,
    }
}

/// A reader over `subscriptions`, fetching in the background into `cache`.
fn reader(subscriptions: Vec<Subscription>, cache: &Path) -> App {
    let fetch = FeedSettings {
        file: None,
        timeout: Duration::from_secs(1),
        parallel: 3,
        keep: Default::default(),
        min_interval: Duration::ZERO,
        full_text: false,
    };
    let store = Store::open(cache).expect("cache").store;
    let cached = store.articles().expect("articles");
    let fetcher = Fetcher::start(&fetch, Some(cache.to_path_buf()));
    let corpus = Corpus {
        articles: cached,
        warnings: Vec::new(),
    };
    App::new(corpus, settings()).with_feeds(Feeds::new(subscriptions, Some(fetcher), Some(store)))
}

fn subscription(url: String, name: &str) -> Subscription {
    tagged(url, name, &[])
}

fn tagged(url: String, name: &str, tags: &[&str]) -> Subscription {
    Subscription {
        location: url,
        name: Some(name.to_owned()),
        tags: tags.iter().map(|tag| (*tag).to_owned()).collect(),
    }
}

/// Polls the fetcher until every feed is done, as the event loop does between keys.
fn wait_for_fetches(app: &mut App) {
    let deadline = Instant::now() + Duration::from_secs(15);
    while app.ctx.feeds.busy() {
        assert!(Instant::now() < deadline, "fetching never ended");
        app.poll_fetches();
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn screen(app: &mut App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| app.draw(frame)).unwrap();
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| {
            (0..width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_reader_fetches_in_the_background_and_shows_each_feed() {
    let server = server();
    let dir = tempfile::tempdir().unwrap();
    let mut app = reader(
        vec![
            subscription(server.url("/arabic.rss"), "Sahil"),
            subscription(server.url("/english.atom"), "Wire"),
            subscription(server.url("/slow.rss"), "Slow"),
            subscription(server.url("/page.html"), "Page"),
        ],
        &dir.path().join("cache.db"),
    );
    app.reload(None);
    // The keyboard is answered while feeds are fetched.
    assert!(app.ctx.feeds.busy());
    app.apply(Action::Feeds);
    app.apply(Action::Down);
    assert_eq!(app.feeds_view.selected, 1);
    wait_for_fetches(&mut app);

    let statuses: Vec<&FeedStatus> = app.ctx.feeds.feeds.iter().map(|f| &f.status).collect();
    assert_eq!(statuses[0], &FeedStatus::Fetched { new: 3 });
    assert_eq!(statuses[1], &FeedStatus::Fetched { new: 2 });
    assert!(matches!(statuses[2], FeedStatus::Failed(reason) if reason.contains("timed out")));
    assert!(matches!(statuses[3], FeedStatus::Failed(reason) if reason.contains("not a feed")));
    assert_eq!(app.ctx.corpus.articles.len(), 5);
    assert!(
        app.ctx
            .message
            .as_deref()
            .unwrap_or_default()
            .contains("5 new"),
        "{:?}",
        app.ctx.message
    );

    let shown = screen(&mut app, 100, 12);
    assert!(shown.contains("✓ Sahil"), "{shown}");
    assert!(shown.contains("✗ Slow"), "{shown}");
    assert!(shown.contains("timed out"), "{shown}");

    // r reloads the selected feed alone.
    let (arabic, english) = (server.hits("/arabic.rss"), server.hits("/english.atom"));
    // Rows: all, unread, starred, then the feeds.
    app.feeds_view.selected = 3;
    app.apply(Action::ReloadFeed);
    wait_for_fetches(&mut app);
    assert_eq!(server.hits("/arabic.rss"), arabic + 1);
    assert_eq!(server.hits("/english.atom"), english);
    assert_eq!(
        app.ctx.feeds.feeds[0].status,
        FeedStatus::Fetched { new: 0 }
    );

    // The English feed's articles read left to right.
    app.feeds_view.selected = 4;
    app.apply(Action::Open);
    assert_eq!(app.ctx.rows.len(), 2);
    let index = app.ctx.rows[0];
    let layout = app.ctx.layout(index, 60);
    assert!(
        layout
            .lines
            .iter()
            .filter(|line| !line.glyphs.is_empty())
            .all(|line| line.direction == Direction::LeftToRight)
    );
}

#[test]
fn read_state_stars_and_positions_outlive_the_reader() {
    let server = server();
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache.db");
    let feeds = || vec![subscription(server.url("/arabic.rss"), "Sahil")];
    let mut app = reader(feeds(), &cache);
    app.reload(None);
    wait_for_fetches(&mut app);
    screen(&mut app, 40, 6);
    let read = app.ctx.selected;
    let key = app.ctx.corpus.articles[read].key.clone();
    app.apply(Action::Open);
    app.apply(Action::ToggleStar);
    app.apply(Action::PageDown);
    screen(&mut app, 40, 6);
    let scrolled = app.reader.scroll[read];
    assert!(scrolled > 0);
    app.leave();
    drop(app);

    // A new reader, with no network needed: the cache holds the articles and their state.
    let mut app = reader(feeds(), &cache);
    let index = app
        .ctx
        .corpus
        .articles
        .iter()
        .position(|article| article.key == key)
        .expect("cached");
    let state = app.ctx.state(index);
    assert!(
        state.read && state.starred && state.position > 0,
        "{state:?}"
    );
    assert_eq!(app.ctx.selected, index);
    app.apply(Action::Open);
    screen(&mut app, 40, 6);
    assert_eq!(app.reader.scroll[index], scrolled);
}

/// The feeds view lists the unread, the starred, each tag and (after a search) what the search
/// found, each with its counts; Enter narrows the list to it.
#[test]
fn the_feeds_view_filters_by_state_tag_and_search() {
    let server = server();
    let dir = TempDir::new().unwrap();
    let mut app = reader(
        vec![
            tagged(server.url("/arabic.rss"), "Sahil", &["local"]),
            tagged(server.url("/english.atom"), "Wire", &["world"]),
        ],
        &dir.path().join("cache.db"),
    );
    app.reload(None);
    wait_for_fetches(&mut app);
    let toll = (0..5)
        .find(|&i| {
            app.ctx.corpus.articles[i]
                .title
                .contains("حصيلة ضحايا السيول")
        })
        .expect("the toll item");
    app.ctx.set_read(toll, true).expect("saved");

    app.apply(Action::Feeds);
    let shown = screen(&mut app, 100, 12);
    for row in [
        "≡ All articles",
        "● Unread",
        "★ Starred",
        "# local",
        "# world",
    ] {
        assert!(shown.contains(row), "{row}: {shown}");
    }
    assert!(shown.contains("4 unread · 5"), "{shown}");
    assert!(!shown.contains("Found"), "no search yet: {shown}");
    app.apply(Action::Back);
    let open_row = |app: &mut App, row: usize| {
        app.apply(Action::Feeds);
        app.apply(Action::First);
        for _ in 0..row {
            app.apply(Action::Down);
        }
        app.apply(Action::Open);
        app.ctx.rows.clone()
    };
    let unread = open_row(&mut app, 1);
    assert_eq!(unread.len(), 4);
    assert!(!unread.contains(&toll));
    let local = open_row(&mut app, 3);
    assert_eq!(local.len(), 3);
    assert!(local.contains(&toll));

    app.search.run("اعلنت".to_owned(), &mut app.ctx);
    while app.ctx.work_under_way().is_some() {
        app.poll_work();
        std::thread::sleep(Duration::from_millis(2));
    }
    app.apply(Action::Feeds);
    let shown = screen(&mut app, 100, 12);
    assert!(shown.contains("/ Found:"), "{shown}");
    app.apply(Action::Back);
    let found = open_row(&mut app, 3);
    assert_eq!(found, [toll]);
}

/// A reader started on heads (the texts left in the cache) draws what one started on whole
/// articles draws: the header tells a title of its own from the body's first sentence, also
/// when the reader is drawn alone.
#[test]
fn a_reader_on_heads_draws_what_one_on_whole_articles_draws() {
    let dir = TempDir::new().unwrap();
    let cache = dir.path().join("cache.db");
    let items: Vec<_> = sanad::corpus::sample()
        .articles
        .into_iter()
        .map(|mut article| {
            article.feed = Some("https://example.org/rss".to_owned());
            article.key = format!("https://example.org/rss#{}", article.id);
            article
        })
        .collect();
    let mut store = Store::open(&cache).unwrap().store;
    store
        .save_feed("https://example.org/rss", None, &items)
        .unwrap();
    let app_on = |articles| {
        App::new(
            Corpus {
                articles,
                warnings: Vec::new(),
            },
            settings(),
        )
        .with_feeds(Feeds::new(
            Vec::new(),
            None,
            Some(Store::open(&cache).unwrap().store),
        ))
    };
    let heads = store.article_heads().unwrap();
    assert!(heads.iter().all(|head| head.text.is_empty()));
    let mut on_heads = app_on(heads);
    let mut on_articles = app_on(store.articles().unwrap());
    // Side by side, and one pane at a time (narrow): there the reader is drawn alone.
    for width in [100, 60] {
        for _ in 0..3 {
            for app in [&mut on_heads, &mut on_articles] {
                app.apply(Action::Open);
            }
            assert_eq!(
                screen(&mut on_heads, width, 24),
                screen(&mut on_articles, width, 24)
            );
            for app in [&mut on_heads, &mut on_articles] {
                app.apply(Action::Back);
                app.apply(Action::Down);
            }
        }
    }
}
