use std::io::{ErrorKind, Write as _, stdout};
use std::process::ExitCode;

use anyhow::Result;
use clap::Parser as _;
use sanad::cli::{self, Cli, OpenArgs};
use sanad::config::{self, Bidi, Config};
use sanad::corpus::subscriptions::load_subscriptions;
use sanad::fetch::Fetcher;
use sanad::store::Store;
use sanad::ui::feeds::Feeds;
use sanad::ui::{self, App, Settings};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // Help and version go to stdout as clap writes them.
        Err(error) if !error.use_stderr() => error.exit(),
        Err(error) => {
            // A usage error on one line, like every other error; `--help` tells the rest.
            let rendered = error.to_string();
            let first = rendered.lines().next().unwrap_or("invalid arguments");
            let message = first.trim_start_matches("error: ");
            eprintln!("sanad: {} (sanad --help)", cli::one_line(message));
            return ExitCode::from(2);
        }
    };
    if let Some(option) = cli.misplaced_reader_option() {
        eprintln!(
            "sanad: {option} goes without a subcommand; a subcommand's own options come after \
             it (sanad --help)"
        );
        return ExitCode::from(2);
    }
    if cli.print_config {
        return match stdout().write_all(config::DEFAULT_TOML.as_bytes()) {
            Err(error) if error.kind() != ErrorKind::BrokenPipe => {
                eprintln!("sanad: {}", cli::one_line(&error.to_string()));
                ExitCode::FAILURE
            }
            _ => ExitCode::SUCCESS,
        };
    }
    // A bad config stops everything before the terminal is touched.
    let config = match cli.load_config() {
        Ok(config) => config,
        Err(error) => {
            eprintln!("sanad: {}", cli::one_line(&error.to_string()));
            return ExitCode::FAILURE;
        }
    };
    let result = match &cli.command {
        Some(command) => cli::run(command, &config, &mut stdout()),
        None => read(&cli.open, &config).map(|()| ExitCode::SUCCESS),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            // One line: the context chain joined, controls made visible.
            eprintln!("sanad: {}", cli::one_line(&format!("{error:#}")));
            ExitCode::FAILURE
        }
    }
}

/// The interactive reader, with the command line's options over the config's: the paths
/// given, or the feeds of the feeds file (what the cache holds at once, fetched again in the
/// background), or the built-in sample; read state from the cache in every case.
fn read(open: &OpenArgs, config: &Config) -> Result<()> {
    let lexicon = open.lexicon.load(config)?;
    let settings = Settings {
        shaping: open.rendering.shaping(config),
        reorder: open.bidi.unwrap_or(config.bidi) == Bidi::App,
        color: std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty()),
    };
    let feeds_file = match (open.paths.is_empty(), &open.feeds) {
        (_, Some(given)) => Some(given.clone()),
        (true, None) => cli::feeds_file(None, config),
        (false, None) => None,
    };
    let mut notices = Vec::new();
    let subscriptions = match &feeds_file {
        Some(file) => {
            let feeds = load_subscriptions(file)?;
            notices.extend(feeds.skipped);
            feeds.subscriptions
        }
        None => Vec::new(),
    };
    let store = match cli::cache_path().map(|path| Store::open(&path)) {
        Some(Ok(opened)) => {
            notices.extend(opened.notice());
            Some(opened.store)
        }
        Some(Err(error)) => {
            notices.push(format!(
                "no cache, read state lasts this session: {error:#}"
            ));
            None
        }
        None => {
            notices.push("no data directory (HOME unset): read state lasts this session".into());
            None
        }
    };
    let mut corpus = if open.paths.is_empty() && !subscriptions.is_empty() {
        Default::default()
    } else {
        cli::load(&open.paths, &config.feeds)?
    };
    if let Some(store) = &store
        && !subscriptions.is_empty()
    {
        corpus
            .articles
            .extend(cli::cached_heads(store, &subscriptions)?);
        notices.extend(cli::unreadable_warning(store));
    }
    let fetcher = (!subscriptions.is_empty()).then(|| {
        let cache = store.as_ref().map(|store| store.path().to_path_buf());
        Fetcher::start(&config.feeds, cache)
    });
    let uncached = store.is_none();
    let cache = store.as_ref().map(|store| store.path().to_path_buf());
    let mut feeds = Feeds::new(subscriptions, fetcher, store);
    feeds.uncached = uncached;
    let mut app = App::with_lexicon(corpus, settings, lexicon)
        .with_config(config)
        .with_feeds(feeds);
    if !app.ctx.feeds.feeds.is_empty() {
        app.reload(None);
    }
    app.ctx.warnings = notices;
    let run = ui::run(app);
    if let Some(cache) = cache {
        // A fetch still under way at quitting keeps its connection to the end: the log is
        // folded in now, so the next start finds none left over.
        let _ = Store::fold_log(&cache);
    }
    run
}
