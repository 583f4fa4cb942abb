//! Starting the reader on a full cache: opening the database (with its integrity check), the
//! read state and every cached article without its text, for 20,000 articles of about 5 KB
//! (112 MB of text).
//! The goal is the first screen in under half a second, so this should stay well below it.
//!
//! A key pressed while a search runs on those articles in the background.
//!
//! Then the stories of 20,000 cached articles of thousands of distinct events
//! (`support/synthetic.rs`), their signatures kept in the cache by an earlier start: from
//! opening the cache to every article in its story, with nothing extracted again. The goal is
//! within 3 s of start.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sanad::corpus::subscriptions::Subscription;
use sanad::corpus::{self, Article, Corpus};
use sanad::keymap::Action;
use sanad::store::Store;
use sanad::ui::feeds::Feeds;
use sanad::ui::{App, Settings};
use tempfile::TempDir;

#[allow(dead_code)]
#[path = "support/synthetic.rs"]
mod synthetic;

const ARTICLES: usize = 20_000;
const FEEDS: usize = 20;

/// A database holding the scaled corpus as items of `FEEDS` feeds, a quarter of them read.
fn cached_corpus() -> (TempDir, std::path::PathBuf) {
    cache_of(corpus::scaled_corpus(ARTICLES))
}

/// A database holding `corpus` as items of `FEEDS` feeds, a quarter of them read.
fn cache_of(corpus: Corpus) -> (TempDir, std::path::PathBuf) {
    let dir = TempDir::new().expect("temporary directory");
    let path = dir.path().join("cache.db");
    let mut store = Store::open(&path).expect("new store").store;
    let mut feeds: Vec<Vec<Article>> = vec![Vec::new(); FEEDS];
    for (index, mut article) in corpus.articles.into_iter().enumerate() {
        let feed = format!("https://example.com/feed-{}.xml", index % FEEDS);
        article.key = format!("{feed}#{}", article.key);
        article.feed = Some(feed);
        feeds[index % FEEDS].push(article);
    }
    for (index, articles) in feeds.iter().enumerate() {
        let location = articles[0].feed.clone().expect("feed set above");
        store
            .save_feed(&location, Some(&format!("Feed {index}")), articles)
            .expect("saved");
        let read: Vec<&str> = articles
            .iter()
            .step_by(4)
            .map(|article| article.key.as_str())
            .collect();
        store.mark_all_read(&read).expect("marked");
    }
    (dir, path)
}

/// The reader on cached `articles`, as `sanad` builds it before its first frame.
fn reader(articles: Vec<Article>, store: Store) -> App {
    let subscriptions = (0..FEEDS)
        .map(|index| Subscription {
            location: format!("https://example.com/feed-{index}.xml"),
            name: None,
            tags: Vec::new(),
        })
        .collect();
    let corpus = Corpus {
        articles,
        warnings: Vec::new(),
    };
    let settings = Settings {
        shaping: true,
        reorder: true,
        color: true,
    };
    App::new(corpus, settings).with_feeds(Feeds::new(subscriptions, None, Some(store)))
}

fn startup(c: &mut Criterion) {
    let (_dir, path) = cached_corpus();
    let mut group = c.benchmark_group("startup");
    group.sample_size(10);
    group.sampling_mode(SamplingMode::Flat);
    group.measurement_time(Duration::from_secs(5));
    // What `sanad` does before its first frame: the cache opened, its articles (without their
    // text) and their state read, the reader built on them and drawn once (120×40), which
    // reads the text of the article shown.
    group.bench_function("first_screen/20000", |b| {
        b.iter(|| {
            let store = Store::open(black_box(&path)).expect("open").store;
            let articles = store.article_heads().expect("articles");
            let mut app = reader(articles, store);
            let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
            terminal.draw(|frame| app.draw(frame)).expect("drawn");
            black_box(app.ctx.rows.len())
        })
    });
    group.bench_function("open+states+articles/20000", |b| {
        b.iter(|| {
            let store = Store::open(black_box(&path)).expect("open").store;
            let states = store.states().expect("states");
            let articles = store.articles().expect("articles");
            assert_eq!(articles.len(), ARTICLES);
            black_box((states.len(), articles.len()))
        })
    });
    group.bench_function("open/20000", |b| {
        b.iter(|| black_box(Store::open(black_box(&path)).expect("open").store))
    });
    let store = Store::open(&path).expect("open").store;
    group.bench_function("articles/20000", |b| {
        b.iter(|| black_box(store.articles().expect("articles").len()))
    });
    group.bench_function("article_heads/20000", |b| {
        b.iter(|| black_box(store.article_heads().expect("articles").len()))
    });
    group.finish();
}

/// Every cached article in its story, from signatures an earlier start kept.
fn stories_from_cache(c: &mut Criterion) {
    let reports = synthetic::reports(ARTICLES);
    let (_dir, path) = cache_of(synthetic::corpus(&reports));
    // The first start makes the signatures and keeps them.
    {
        let store = Store::open(&path).expect("open").store;
        let articles = store.article_heads().expect("articles");
        let mut app = reader(articles, store);
        black_box(app.ctx.stories());
    }
    let mut group = c.benchmark_group("startup");
    group.sample_size(10);
    group.sampling_mode(SamplingMode::Flat);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("stories_from_cache/20000", |b| {
        b.iter(|| {
            let store = Store::open(black_box(&path)).expect("open").store;
            let articles = store.article_heads().expect("articles");
            let mut app = reader(articles, store);
            let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
            terminal.draw(|frame| app.draw(frame)).expect("drawn");
            let stories = app.ctx.stories();
            assert!(stories.stories.len() > ARTICLES / 10);
            black_box(stories.stories.len())
        })
    });
    group.finish();
}

/// A key pressed while the worker searches every one of 20,000 cached articles for a place
/// (its spellings found by extraction, seconds of work): the next article read from the cache,
/// laid out and the screen drawn, the worker's progress taken in. The goal is under 50 ms.
fn key_while_searching(c: &mut Criterion) {
    let (_dir, path) = cached_corpus();
    let store = Store::open(&path).expect("open").store;
    let articles = store.article_heads().expect("articles");
    let mut app = reader(articles, store);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    black_box(app.ctx.stories());
    let mut group = c.benchmark_group("startup");
    group.sample_size(20);
    group.bench_function("key_while_searching/20000", |b| {
        b.iter_custom(|iterations| {
            let mut spent = Duration::ZERO;
            for _ in 0..iterations {
                if app.ctx.work_under_way().is_none() {
                    app.ctx.search("ألما آتا");
                }
                let start = std::time::Instant::now();
                app.apply(Action::Down);
                terminal.draw(|frame| app.draw(frame)).expect("drawn");
                app.poll_work();
                spent += start.elapsed();
            }
            spent
        })
    });
    group.finish();
}

criterion_group!(benches, startup, stories_from_cache, key_while_searching);
criterion_main!(benches);
