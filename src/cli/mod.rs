//! The command line: argument parsing and the scriptable subcommands. What `show` prints is what
//! the reader pane draws; both come from [`crate::layout`].

use std::collections::{HashMap, HashSet};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Args, Parser, Subcommand, ValueEnum};
use serde::Serialize;

use std::borrow::Cow;

use rayon::prelude::*;

use crate::compare::{self, Comparison, Status};
use crate::config::{Bidi, Config, FeedSettings};
use crate::corpus::subscriptions::{Subscription, load_subscriptions};
use crate::corpus::{self, Article, Corpus};
use crate::extract::{self, Extraction, Lexicon};
use crate::fetch::{self, FetchEvent, Fetcher, is_url};
use crate::layout::{self, LayoutOptions};
use crate::store::Store;
use crate::stories::{self, Signature, Stories};

mod json;

/// Read Arabic news in a terminal, right to left, with its figures and sources highlighted.
#[derive(Debug, Parser)]
#[command(name = "sanad", version)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub open: OpenArgs,
    /// Print the default configuration (every setting, commented) and exit.
    #[arg(long, conflicts_with_all = ["config", "paths", "shaping", "bidi", "files", "feeds"])]
    pub print_config: bool,
    /// The configuration file to read instead of $XDG_CONFIG_HOME/sanad/config.toml
    /// (~/.config/sanad/config.toml).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

impl Cli {
    /// An option of the reader (or `--print-config`) given together with a subcommand, which
    /// would silently not apply: `sanad --shaping off list`. Global options (`--config`) go
    /// anywhere.
    pub fn misplaced_reader_option(&self) -> Option<&'static str> {
        self.command.as_ref()?;
        let open = &self.open;
        [
            (self.print_config, "--print-config"),
            (!open.paths.is_empty(), "a path"),
            (open.feeds.is_some(), "--feeds"),
            (open.rendering.shaping.is_some(), "--shaping"),
            (open.bidi.is_some(), "--bidi"),
            (!open.lexicon.files.is_empty(), "--lexicon"),
        ]
        .into_iter()
        .find_map(|(given, name)| given.then_some(name))
    }

    /// The configuration: the `--config` file, else the one in the configuration directory if
    /// there is one, over the defaults.
    pub fn load_config(&self) -> Result<Config, crate::config::ConfigError> {
        match &self.config {
            Some(path) => Config::load(path),
            None => Config::load_default_location(),
        }
    }
}

/// Arguments of the interactive reader (no subcommand).
#[derive(Debug, Args)]
pub struct OpenArgs {
    /// Files, directories or feed URLs; none opens the feeds of the feeds file (cached, and
    /// fetched again), or the built-in sample when there is no feeds file.
    pub paths: Vec<PathBuf>,
    /// The feeds file to read instead of the config's (see README: Feeds).
    #[arg(long, value_name = "FILE")]
    pub feeds: Option<PathBuf>,
    #[command(flatten)]
    pub rendering: RenderingArgs,
    /// Who orders right-to-left text: `app` (sanad) or `terminal`, for terminals that always
    /// reorder by themselves (Konsole, mlterm, Terminal.app) [default: the config's, app].
    #[arg(long, value_enum)]
    pub bidi: Option<Bidi>,
    #[command(flatten)]
    pub lexicon: LexiconArgs,
}

/// How text is drawn, shared by the reader and `show`.
#[derive(Debug, Args, Clone, Copy)]
pub struct RenderingArgs {
    /// Join Arabic letters with presentation forms, for terminals that do not shape
    /// [default: the config's, on].
    #[arg(long, value_enum)]
    pub shaping: Option<Switch>,
}

impl RenderingArgs {
    /// Whether letters are joined: as given, else as the config says.
    pub fn shaping(&self, config: &Config) -> bool {
        self.shaping.map_or(config.shaping, Switch::is_on)
    }
}

/// Lexicon files that add outlets, officials, event words … to the built-in lexicons.
#[derive(Debug, Args, Clone, Default)]
pub struct LexiconArgs {
    /// A TOML lexicon file to add (see assets/lexicon/); may be given more than once.
    #[arg(long = "lexicon", value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

impl LexiconArgs {
    /// The built-in lexicon, extended by the config's files, then by those given.
    pub fn load(&self, config: &Config) -> Result<Cow<'static, Lexicon>> {
        let files: Vec<PathBuf> = config.lexicons.iter().chain(&self.files).cloned().collect();
        if files.is_empty() {
            Ok(Cow::Borrowed(Lexicon::builtin()))
        } else {
            Ok(Cow::Owned(Lexicon::with_files(&files)?))
        }
    }
}

/// An on/off option.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Switch {
    /// Enabled.
    On,
    /// Disabled.
    Off,
}

impl Switch {
    /// True for `on`.
    pub fn is_on(self) -> bool {
        self == Switch::On
    }
}

/// Which articles a subcommand reads.
#[derive(Debug, Args)]
pub struct ArticleArgs {
    /// Read the articles `sanad fetch` keeps in the cache (those of the feeds file's feeds);
    /// also what a subcommand reads when no PATH is given and a feeds file exists.
    #[arg(long, conflicts_with = "paths")]
    pub cached: bool,
    /// Files, directories or feed URLs; none reads the cached feeds when there is a feeds
    /// file, else the built-in sample.
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub only: ArticleFilter,
}

/// Which of the articles read to keep; each filter given must hold.
#[derive(Debug, Default, Args)]
pub struct ArticleFilter {
    /// Only articles not marked read (in the reader, or with `u`).
    #[arg(long)]
    pub unread: bool,
    /// Only starred articles.
    #[arg(long)]
    pub starred: bool,
    /// Only articles of the feeds with this tag in the feeds file; given again, of any of them.
    #[arg(long, value_name = "TAG")]
    pub tag: Vec<String>,
    /// Only articles whose title or text has TEXT, as the reader's search finds it: Arabic
    /// spellings folded, a place or source under every spelling.
    #[arg(long, value_name = "TEXT")]
    pub query: Option<String>,
}

impl ArticleFilter {
    /// Keeps the articles of `corpus` that pass, in their order.
    fn apply(&self, corpus: &mut Corpus, config: &Config, lexicon: &Lexicon) -> Result<()> {
        if self.unread || self.starred {
            let cache = cache_path().context("no data directory (set HOME or XDG_DATA_HOME)")?;
            // No cache yet: nothing was read or starred.
            let states = if cache.exists() {
                Store::open(&cache)?.store.states()?
            } else {
                HashMap::new()
            };
            corpus.articles.retain(|article| {
                let state = states.get(&article.key).copied().unwrap_or_default();
                (!self.unread || !state.read) && (!self.starred || state.starred)
            });
        }
        if !self.tag.is_empty() {
            let file = feeds_file(None, config)
                .context("--tag: no feeds file (write one at ~/.config/sanad/feeds)")?;
            let tagged: HashSet<String> = load_subscriptions(&file)?
                .subscriptions
                .into_iter()
                .filter(|feed| feed.tags.iter().any(|tag| self.tag.contains(tag)))
                .map(|feed| feed.location)
                .collect();
            corpus.articles.retain(|article| {
                article
                    .feed
                    .as_ref()
                    .is_some_and(|feed| tagged.contains(feed))
            });
        }
        if let Some(query) = self.query.as_deref().map(str::trim) {
            let name = extract::name_spelled(query, lexicon);
            let found: Vec<bool> = corpus
                .articles
                .par_iter()
                .map(|article| {
                    !extract::find_in_article(article, query, name.as_deref(), lexicon).is_empty()
                })
                .collect();
            let mut found = found.into_iter();
            corpus.articles.retain(|_| found.next().unwrap_or(false));
        }
        Ok(())
    }
}

/// The scriptable subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// One line (or JSON object) per article: id, title, figures, sources, outlet, date.
    List {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        lexicon: LexiconArgs,
        #[command(flatten)]
        articles: ArticleArgs,
    },
    /// Figures and sources of every article (JSON with --json, else one line per item).
    Extract {
        /// Print JSON.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        lexicon: LexiconArgs,
        #[command(flatten)]
        articles: ArticleArgs,
    },
    /// Claims across articles, each agreeing or conflicting, and the quotes they share (JSON
    /// with --json, else one line per claim and per shared quote).
    Compare {
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// Only the claims of this story (an id as `sanad stories` prints it: s1, s2 …).
        #[arg(long, value_name = "ID")]
        story: Option<String>,
        #[command(flatten)]
        lexicon: LexiconArgs,
        #[command(flatten)]
        articles: ArticleArgs,
    },
    /// The articles grouped by the event they report: one block per story (JSON with --json).
    Stories {
        /// Print JSON.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        lexicon: LexiconArgs,
        #[command(flatten)]
        articles: ArticleArgs,
    },
    /// An article's body as the reader shows it: visual lines, plain text, no colour.
    Show {
        /// Columns of a line.
        #[arg(long, default_value_t = 80, value_parser = clap::value_parser!(u16).range(1..))]
        width: u16,
        #[command(flatten)]
        rendering: RenderingArgs,
        /// Who orders right-to-left text: `app` (lines in visual order; a terminal is put in
        /// explicit bidi mode while they print) or `terminal` (logical order, for terminals
        /// that always reorder) [default: the config's, app].
        #[arg(long, value_enum)]
        bidi: Option<Bidi>,
        /// A file, or the id of an article of the built-in sample or of the cached feeds.
        article: String,
        /// The id of one article of a file that holds several (as `sanad list FILE` prints).
        id: Option<String>,
    },
    /// Adds the feeds of an OPML file (another reader's export) to the feeds file, each once.
    Import {
        /// The OPML file.
        opml: PathBuf,
        /// The feeds file to add to instead of the config's.
        #[arg(long, value_name = "FILE")]
        feeds: Option<PathBuf>,
    },
    /// Prints the feeds file as OPML 2.0, for another reader to import.
    Export {
        /// The feeds file to read instead of the config's.
        #[arg(long, value_name = "FILE")]
        feeds: Option<PathBuf>,
    },
    /// Fetches every feed of the feeds file into the cache: one line per feed, failures on
    /// stderr (exit 1 if any failed).
    Fetch {
        /// The feeds file to read instead of the config's.
        #[arg(long, value_name = "FILE")]
        feeds: Option<PathBuf>,
    },
}

impl ArticleArgs {
    /// The articles asked for: the cached feeds' (asked, or no PATH and a feeds file), the
    /// files and feeds named, or the built-in sample.
    pub fn load(&self, config: &Config) -> Result<Corpus> {
        let feeds_file = feeds_file(None, config);
        if self.cached || (self.paths.is_empty() && feeds_file.is_some()) {
            let Some(file) = feeds_file else {
                bail!("--cached: no feeds file (write one at ~/.config/sanad/feeds)");
            };
            let feeds = load_subscriptions(&file)?;
            for skipped in &feeds.skipped {
                eprintln!("sanad: warning: {}", one_line(skipped));
            }
            let cache = cache_path().context("no data directory (set HOME or XDG_DATA_HOME)")?;
            let opened = Store::open(&cache)?;
            if let Some(notice) = opened.notice() {
                eprintln!("sanad: {}", one_line(&notice));
            }
            let articles = cached_articles(&opened.store, &feeds.subscriptions)?;
            if let Some(warning) = unreadable_warning(&opened.store) {
                eprintln!("sanad: warning: {warning}");
            }
            if articles.is_empty() {
                eprintln!(
                    "sanad: the cache holds no article of the feeds in {}; `sanad fetch` fills it",
                    one_line(&file.display().to_string())
                );
            }
            return Ok(Corpus {
                articles,
                ..Corpus::default()
            });
        }
        load(&self.paths, &config.feeds)
    }

    /// The articles asked for (`load`) that pass the filters.
    pub fn select(&self, config: &Config, lexicon: &Lexicon) -> Result<Corpus> {
        let mut corpus = self.load(config)?;
        self.only.apply(&mut corpus, config, lexicon)?;
        Ok(corpus)
    }
}

/// The cached articles of `subscriptions`' feeds, in the cache's display order.
pub fn cached_articles(store: &Store, subscriptions: &[Subscription]) -> Result<Vec<Article>> {
    Ok(subscribed_only(store.articles()?, subscriptions))
}

/// What to say of the articles the cache's last loading passed over, if it passed any.
pub fn unreadable_warning(store: &Store) -> Option<String> {
    match store.unreadable_rows() {
        0 => None,
        count => Some(format!(
            "{} in the cache could not be read and {} left out",
            crate::text::counted(count, "article", "articles"),
            if count == 1 { "is" } else { "are" }
        )),
    }
}

/// [`cached_articles`] without their text, which the reader reads when it needs it.
pub fn cached_heads(store: &Store, subscriptions: &[Subscription]) -> Result<Vec<Article>> {
    Ok(subscribed_only(store.article_heads()?, subscriptions))
}

/// The articles of `subscriptions`' feeds among `articles`.
fn subscribed_only(mut articles: Vec<Article>, subscriptions: &[Subscription]) -> Vec<Article> {
    let subscribed: HashSet<&str> = subscriptions.iter().map(|s| s.location.as_str()).collect();
    articles.retain(|article| {
        article
            .feed
            .as_deref()
            .is_some_and(|feed| subscribed.contains(feed))
    });
    articles
}

/// Loads the articles named on the command line, or the built-in sample when none is named.
/// Files and directories come first, then the items of each feed URL, fetched now.
pub fn load(paths: &[PathBuf], feeds: &FeedSettings) -> Result<Corpus> {
    let (urls, files): (Vec<&PathBuf>, Vec<&PathBuf>) = paths
        .iter()
        .partition(|path| path.to_str().is_some_and(is_url));
    let mut corpus = if paths.is_empty() {
        corpus::sample()
    } else if files.is_empty() {
        Corpus::default()
    } else {
        corpus::load_paths(&files.into_iter().cloned().collect::<Vec<_>>())?
    };
    if !urls.is_empty() {
        let agent = fetch::agent(feeds);
        let mut seen: HashSet<String> = corpus.articles.iter().map(|a| a.key.clone()).collect();
        for url in urls.iter().filter_map(|url| url.to_str()) {
            let subscription = Subscription {
                location: url.to_owned(),
                name: None,
                tags: Vec::new(),
            };
            let parsed = fetch::fetch_feed(&agent, &subscription)
                .map_err(|reason| anyhow::anyhow!("{url}: {reason}"))?;
            if parsed.articles.is_empty() {
                bail!("{url}: feed has no items");
            }
            for warning in &parsed.warnings {
                corpus.warnings.push(format!("{url}: {warning}"));
            }
            let new = parsed
                .articles
                .into_iter()
                .filter(|a| seen.insert(a.key.clone()));
            corpus.articles.extend(new);
        }
    }
    for warning in &corpus.warnings {
        eprintln!("sanad: warning: {}", one_line(warning));
    }
    Ok(corpus)
}

/// Runs a subcommand with `config` under its options, writing its output to `out`. A reader
/// that closes the pipe early (`sanad list | head -1`) is not an error. Errors the command has
/// told already (a feed `fetch` could not get) only set the exit code.
pub fn run(command: &Command, config: &Config, out: &mut dyn Write) -> Result<ExitCode> {
    let result = match command {
        Command::List {
            json,
            lexicon,
            articles,
        } => {
            let lexicon = lexicon.load(config)?;
            list(&articles.select(config, &lexicon)?, &lexicon, *json, out)
        }
        Command::Extract {
            json,
            lexicon,
            articles,
        } => {
            let lexicon = lexicon.load(config)?;
            extract(&articles.select(config, &lexicon)?, &lexicon, *json, out)
        }
        Command::Compare {
            json,
            story,
            lexicon,
            articles,
        } => {
            let lexicon = lexicon.load(config)?;
            let mut corpus = articles.select(config, &lexicon)?;
            compare(&mut corpus, &lexicon, story.as_deref(), *json, out)
        }
        Command::Stories {
            json,
            lexicon,
            articles,
        } => {
            let lexicon = lexicon.load(config)?;
            list_stories(
                &mut articles.select(config, &lexicon)?,
                &lexicon,
                *json,
                out,
            )
        }
        Command::Show {
            width,
            rendering,
            bidi,
            article,
            id,
        } => {
            let mut options = LayoutOptions::new(*width as usize, rendering.shaping(config));
            options.reorder = bidi.unwrap_or(config.bidi) == Bidi::App;
            let article = find_article(article, id.as_deref(), config)?;
            show(&article, options, out)
        }
        Command::Fetch { feeds: file } => return fetch_all(file.as_deref(), config, out),
        Command::Import { opml, feeds: file } => import(opml, file.as_deref(), config, out),
        Command::Export { feeds: file } => {
            let subscriptions = subscriptions(file.as_deref(), config)?;
            out.write_all(corpus::opml::write_opml(&subscriptions).as_bytes())
                .context("writing OPML")
        }
    };
    match result {
        Err(error) if is_broken_pipe(&error) => Ok(ExitCode::SUCCESS),
        other => other.map(|()| ExitCode::SUCCESS),
    }
}

/// The feeds file in effect: the one given, else the config's, else `feeds` in the
/// configuration directory if it exists.
pub fn feeds_file(given: Option<&Path>, config: &Config) -> Option<PathBuf> {
    given
        .or(config.feeds.file.as_deref())
        .map(Path::to_path_buf)
        .or_else(|| {
            crate::dirs::config_dir()
                .map(|dir| dir.join("feeds"))
                .filter(|path| path.is_file())
        })
}

/// Where fetched articles and read state are kept: `cache.db` in the XDG data directory.
pub fn cache_path() -> Option<PathBuf> {
    crate::dirs::data_dir().map(|dir| dir.join("cache.db"))
}

/// The feeds of the feeds file in effect; an error says where to write one when there is none.
fn subscriptions(given: Option<&Path>, config: &Config) -> Result<Vec<Subscription>> {
    let Some(file) = feeds_file(given, config) else {
        let expected = crate::dirs::config_dir()
            .map(|dir| dir.join("feeds").display().to_string())
            .unwrap_or_else(|| "$XDG_CONFIG_HOME/sanad/feeds".to_owned());
        bail!("no feeds file: write one at {expected} or give --feeds FILE (README: Feeds)");
    };
    let feeds = load_subscriptions(&file)?;
    for skipped in &feeds.skipped {
        eprintln!("sanad: {}", one_line(skipped));
    }
    if feeds.subscriptions.is_empty() {
        bail!("{}: no feeds in it", file.display());
    }
    Ok(feeds.subscriptions)
}

/// `sanad import`: appends the OPML file's feeds that the feeds file lacks, creating it (and
/// its directory) if need be; says how many were added and how many it had.
fn import(opml: &Path, given: Option<&Path>, config: &Config, out: &mut dyn Write) -> Result<()> {
    let shown = opml.display().to_string();
    let text = corpus::read_bounded(opml).map_err(|error| anyhow::anyhow!("{shown}: {error}"))?;
    let text = String::from_utf8_lossy(&text);
    let imported = corpus::opml::read_opml(&text).with_context(|| shown.clone())?;
    if imported.is_empty() {
        bail!("{shown}: no feed (no outline with an xmlUrl)");
    }
    let file = match feeds_file(given, config) {
        Some(file) => file,
        None => crate::dirs::config_dir()
            .map(|dir| dir.join("feeds"))
            .context("no config directory (set HOME or XDG_CONFIG_HOME)")?,
    };
    let existing = if file.is_file() {
        load_subscriptions(&file)?.subscriptions
    } else {
        Vec::new()
    };
    let mut added: Vec<Subscription> = Vec::new();
    for feed in imported {
        let known = existing
            .iter()
            .chain(&added)
            .any(|have| have.same_feed(&feed.location));
        if !known {
            added.push(feed);
        }
    }
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir).with_context(|| dir.display().to_string())?;
    }
    let mut text = std::fs::read_to_string(&file).unwrap_or_default();
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    for feed in &added {
        text.push_str(&feed.line());
        text.push('\n');
    }
    std::fs::write(&file, text).with_context(|| file.display().to_string())?;
    writeln!(
        out,
        "{} added to {}, {} there already",
        crate::text::counted(added.len(), "feed", "feeds"),
        one_line(&file.display().to_string()),
        existing.len()
    )
    .context("writing")
}

/// What fetching one feed came to, or why it failed.
#[derive(Clone)]
enum Fetched {
    /// Its title, new articles, items in all, and what was wrong with it.
    Stored(Option<String>, usize, usize, Vec<String>),
    /// Nothing new (304, or not due yet); the cache holds this many of its articles.
    Unchanged(usize),
}
type FeedOutcome = Result<Fetched, String>;

/// `sanad fetch`: every feed into the cache, in parallel; one line per feed in the feeds
/// file's order once all are done.
fn fetch_all(given: Option<&Path>, config: &Config, out: &mut dyn Write) -> Result<ExitCode> {
    let subscriptions = subscriptions(given, config)?;
    let cache = cache_path().context("no data directory (set HOME or XDG_DATA_HOME)")?;
    // Opened here first so a file set aside is told before anything is fetched.
    let opened = Store::open(&cache)?;
    if let Some(notice) = opened.notice() {
        eprintln!("sanad: {}", one_line(&notice));
    }
    drop(opened);
    let fetcher = Fetcher::start(&config.feeds, Some(cache.clone()));
    for (index, subscription) in subscriptions.iter().enumerate() {
        fetcher.request(index, subscription.clone());
    }
    let mut outcomes: Vec<Option<FeedOutcome>> = vec![None; subscriptions.len()];
    let mut pending = subscriptions.len();
    while pending > 0 {
        let Ok(event) = fetcher.events.recv() else {
            bail!("fetching stopped before every feed was done");
        };
        let (feed, outcome) = match event {
            FetchEvent::Started { .. } => continue,
            FetchEvent::Stored {
                feed,
                title,
                articles,
                new,
                unchanged,
                warnings,
            } => (
                feed,
                Ok(Fetched::Stored(
                    title,
                    new.len(),
                    articles.len() + unchanged,
                    warnings,
                )),
            ),
            FetchEvent::Unchanged { feed, total } => (feed, Ok(Fetched::Unchanged(total))),
            FetchEvent::Failed { feed, reason } => (feed, Err(reason)),
        };
        if let Some(slot) = outcomes.get_mut(feed).filter(|slot| slot.is_none()) {
            *slot = Some(outcome);
            pending -= 1;
        }
    }
    // Every feed is saved; the writer's connection is never closed, so its log is folded in.
    let _ = Store::fold_log(&cache);
    let mut out = BufWriter::new(out);
    let mut failed = false;
    for (subscription, outcome) in subscriptions.iter().zip(outcomes.into_iter().flatten()) {
        let name = |title: Option<&str>| {
            one_line(
                subscription
                    .name
                    .as_deref()
                    .or(title)
                    .unwrap_or(&subscription.location),
            )
        };
        match outcome {
            Ok(Fetched::Stored(title, new, items, warnings)) => {
                writeln!(
                    out,
                    "{}: {new} new, {items} in the feed",
                    name(title.as_deref())
                )?;
                for warning in warnings {
                    eprintln!(
                        "sanad: warning: {}: {}",
                        name(title.as_deref()),
                        one_line(&warning)
                    );
                }
            }
            Ok(Fetched::Unchanged(total)) => {
                writeln!(out, "{}: nothing new, {total} in the cache", name(None))?
            }
            Err(reason) => {
                failed = true;
                eprintln!("sanad: {}: {}", name(None), one_line(&reason));
            }
        }
    }
    out.flush()?;
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
            || cause
                .downcast_ref::<serde_json::Error>()
                .and_then(serde_json::Error::io_error_kind)
                == Some(io::ErrorKind::BrokenPipe)
    })
}

/// Text for the terminal on one line (a message, a field of `list` or `extract`): line breaks,
/// tabs, controls and escape sequences (from a file name, say) made visible or harmless, as in
/// article text, and bidi format characters left out.
pub fn one_line(message: &str) -> String {
    message.chars().filter_map(layout::display_char).collect()
}

/// Every article's extraction, in corpus order, computed in parallel.
pub fn extract_all(corpus: &Corpus, lexicon: &Lexicon) -> Vec<Extraction> {
    corpus
        .articles
        .par_iter()
        .map(|article| extract::extract_article(article, lexicon))
        .collect()
}

fn list(corpus: &Corpus, lexicon: &Lexicon, json: bool, out: &mut dyn Write) -> Result<()> {
    let extractions = extract_all(corpus, lexicon);
    let mut out = BufWriter::new(out);
    if json {
        let entries: Vec<ListEntry> = corpus
            .articles
            .iter()
            .zip(&extractions)
            .map(|(article, extraction)| ListEntry {
                id: &article.id,
                path: &article.path,
                title: &article.title,
                figures: extraction.figures.len(),
                sources: extraction.sources.len(),
                source: article.source.as_deref(),
                url: article.url.as_deref(),
                published: article.published.as_deref(),
                feed: article.feed.as_deref(),
            })
            .collect();
        json::write(&mut out, &Articles { articles: entries })?;
        writeln!(out)?;
    } else {
        for (article, extraction) in corpus.articles.iter().zip(&extractions) {
            let counts = extraction.counts(", ");
            let mut fields = vec![article.id.as_str(), article.title.as_str(), &counts];
            fields.extend(article.source.as_deref());
            fields.extend(article.published.as_deref());
            let fields: Vec<String> = fields.into_iter().map(one_line).collect();
            writeln!(out, "{}", fields.join("\t"))?;
        }
    }
    out.flush()?;
    Ok(())
}

/// The top level of `list --json` and `extract --json`, written straight from the entries.
#[derive(Serialize)]
struct Articles<T: Serialize> {
    articles: Vec<T>,
}

/// One article in `list --json`.
#[derive(Serialize)]
struct ListEntry<'a> {
    id: &'a str,
    path: &'a str,
    title: &'a str,
    figures: usize,
    sources: usize,
    source: Option<&'a str>,
    url: Option<&'a str>,
    published: Option<&'a str>,
    /// The feed the article came from: its URL or file.
    feed: Option<&'a str>,
}

/// One article in `extract --json`.
#[derive(Serialize)]
struct ExtractEntry<'a> {
    id: &'a str,
    path: &'a str,
    title: &'a str,
    #[serde(flatten)]
    extraction: &'a Extraction,
}

fn extract(corpus: &Corpus, lexicon: &Lexicon, json: bool, out: &mut dyn Write) -> Result<()> {
    let extractions = extract_all(corpus, lexicon);
    let mut out = BufWriter::new(out);
    if json {
        let entries: Vec<ExtractEntry> = corpus
            .articles
            .iter()
            .zip(&extractions)
            .map(|(article, extraction)| ExtractEntry {
                id: &article.id,
                path: &article.path,
                title: &article.title,
                extraction,
            })
            .collect();
        json::write(&mut out, &Articles { articles: entries })?;
        writeln!(out)?;
    } else {
        for (article, extraction) in corpus.articles.iter().zip(&extractions) {
            for figure in &extraction.figures {
                writeln!(
                    out,
                    "{}\tfigure\t{}\t{}\t{}\t{}",
                    one_line(&article.id),
                    one_line(&figure.text),
                    figure.value_label(),
                    one_line(&figure.claim_label()),
                    one_line(&figure.source_label().unwrap_or_default())
                )?;
            }
            for source in &extraction.sources {
                writeln!(
                    out,
                    "{}\tsource\t{}\t{}\t{}",
                    one_line(&article.id),
                    one_line(&source.text),
                    one_line(&source.name),
                    source.source_type.label()
                )?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

/// What comparing a corpus story by story needs, computed once.
struct Grouped {
    extractions: Vec<Extraction>,
    stories: Stories,
}

impl Grouped {
    /// Extracts and signs every article in one pass, letting each text go once it is signed,
    /// and its sources and places, which the signature took: the claims need figures and
    /// quotes, and a corpus of thousands is mostly texts.
    fn new(corpus: &mut Corpus, lexicon: &Lexicon) -> Self {
        let (extractions, signatures): (Vec<Extraction>, Vec<Signature>) = corpus
            .articles
            .par_iter_mut()
            .map(|article| {
                let mut extraction = extract::extract_article(article, lexicon);
                let signature = Signature::new(article, &extraction, lexicon);
                article.release_text();
                extraction.sources = Vec::new();
                extraction.places = Vec::new();
                (extraction, signature)
            })
            .unzip();
        let stories = stories::Grouper::group(signatures).stories();
        Grouped {
            extractions,
            stories,
        }
    }

    /// Every story's claims and shared quotes, within the story.
    fn compare(&self, corpus: &Corpus, lexicon: &Lexicon) -> Comparison {
        let extractions: Vec<&Extraction> = self.extractions.iter().collect();
        let reports = compare::story_reports(&corpus.articles, &extractions, &self.stories);
        compare::compare_by_story(&reports, &self.stories.story_of, lexicon)
    }
}

fn compare(
    corpus: &mut Corpus,
    lexicon: &Lexicon,
    story: Option<&str>,
    json: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let grouped = Grouped::new(corpus, lexicon);
    let mut comparison = grouped.compare(corpus, lexicon);
    if let Some(id) = story {
        let Some(index) = grouped.stories.stories.iter().position(|s| s.id == id) else {
            bail!(
                "{id}: no such story; `sanad stories` lists {} (s1 … s{})",
                grouped.stories.stories.len(),
                grouped.stories.stories.len()
            );
        };
        comparison.claims.retain(|claim| claim.story == index);
        comparison.quotes.retain(|group| group.story == index);
    }
    let mut out = BufWriter::new(out);
    if json {
        json::write(
            &mut out,
            &json::Comparison::new(&comparison, corpus, &grouped.extractions, &grouped.stories),
        )?;
        writeln!(out)?;
    } else {
        write_comparison(
            &comparison,
            corpus,
            &grouped.extractions,
            &grouped.stories,
            &mut out,
        )?;
    }
    out.flush()?;
    Ok(())
}

/// `stories`: the articles of each story, with its title, places, days, claims and conflicts.
fn list_stories(
    corpus: &mut Corpus,
    lexicon: &Lexicon,
    json: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let grouped = Grouped::new(corpus, lexicon);
    let comparison = grouped.compare(corpus, lexicon);
    let tallies = story_tallies(&comparison, grouped.stories.stories.len());
    let mut out = BufWriter::new(out);
    if json {
        json::write(
            &mut out,
            &json::StoryList::new(&grouped.stories, corpus, &tallies),
        )?;
        writeln!(out)?;
    } else {
        for (story, tally) in grouped.stories.stories.iter().zip(&tallies) {
            let title = &corpus.articles[story.central].title;
            writeln!(
                out,
                "{}\t{}\t{}",
                story.id,
                one_line(&stories::summary(story, &corpus.articles, tally)),
                one_line(title)
            )?;
            for &article in &story.articles {
                let article = &corpus.articles[article];
                writeln!(
                    out,
                    "  {}\t{}\t{}",
                    article.published_day().unwrap_or_else(|| "–".to_owned()),
                    one_line(article.outlet()),
                    one_line(&article.id)
                )?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

/// Claims and conflicts of each story.
fn story_tallies(comparison: &Comparison, stories: usize) -> Vec<stories::Tally> {
    let mut tallies = vec![stories::Tally::default(); stories];
    for claim in &comparison.claims {
        if let Some(tally) = tallies.get_mut(claim.story) {
            tally.claims += 1;
            tally.conflicts += usize::from(claim.status == Status::Conflict);
        }
    }
    tallies
}

/// `compare` without --json: a line per claim (status, what, each value with its reports and
/// sources), then a line per quote that several reports carry.
fn write_comparison(
    comparison: &Comparison,
    corpus: &Corpus,
    extractions: &[Extraction],
    stories: &Stories,
    out: &mut dyn Write,
) -> io::Result<()> {
    for claim in &comparison.claims {
        let values: Vec<String> = claim
            .values
            .iter()
            .map(|value| {
                let tellers: Vec<String> = value
                    .mentions
                    .iter()
                    .map(|&m| {
                        let mention = &claim.mentions[m];
                        let figure = &extractions[mention.report].figures[mention.figure];
                        let mut teller = corpus.articles[mention.report].id.clone();
                        let details: Vec<String> = figure
                            .source_label()
                            .into_iter()
                            .chain(figure.when.iter().cloned())
                            .collect();
                        if !details.is_empty() {
                            teller = format!("{teller}: {}", details.join(", "));
                        }
                        teller
                    })
                    .collect();
                let first = &claim.mentions[value.mentions[0]];
                let label = extractions[first.report].figures[first.figure].value_label();
                format!("{label} ({})", tellers.join("; "))
            })
            .collect();
        writeln!(
            out,
            "{} {}\t{}\t{}\t{}",
            claim.status.symbol(),
            claim.status.label(),
            one_line(&claim.with_whole(claim.label())),
            one_line(&values.join(" | ")),
            stories.stories[claim.story].id
        )?;
    }
    for group in &comparison.quotes {
        let carriers: Vec<String> = group
            .mentions
            .iter()
            .map(|m| corpus.articles[m.report].id.clone())
            .collect();
        let first = &group.mentions[0];
        let text = &extractions[first.report].quotes[first.quote].text;
        let (symbol, status) = if group.identical {
            (Status::Agree.symbol(), "same quote")
        } else {
            ("≈", "quote differs")
        };
        writeln!(
            out,
            "{symbol} {status}\t{}\t{}",
            one_line(text),
            one_line(&carriers.join(", "))
        )?;
    }
    Ok(())
}

/// The `compare --json` contract of docs/cli.md, written straight from the comparison.
/// Finds the article `show` names: a file (its only article), or an id of the sample.
/// The article `show` prints: file or feed `name` (its article `id` when it holds several),
/// else the article with id `name` in the sample, else in the cached feeds.
fn find_article(name: &str, id: Option<&str>, config: &Config) -> Result<Article> {
    let path = PathBuf::from(name);
    if path.exists() || is_url(name) {
        let corpus = load(std::slice::from_ref(&path), &config.feeds)?;
        let count = corpus.articles.len();
        if let Some(id) = id {
            return match corpus.find(id) {
                Some(article) => Ok(article.clone()),
                None => bail!("{name}: no article {id}; `sanad list {name}` names its {count}"),
            };
        }
        return match <[Article; 1]>::try_from(corpus.articles) {
            Ok([article]) => Ok(article),
            Err(_) => bail!(
                "{name}: holds {count} articles; `sanad show {name} ID` shows one, `sanad list {name}` names them"
            ),
        };
    }
    if let Some(id) = id {
        bail!("{name}: no such file to find {id} in");
    }
    if let Some(article) = corpus::sample().find(name) {
        return Ok(article.clone());
    }
    let cached = ArticleArgs {
        cached: true,
        paths: Vec::new(),
        only: ArticleFilter::default(),
    };
    if feeds_file(None, config).is_some()
        && let Some(article) = cached.load(config)?.find(name)
    {
        return Ok(article.clone());
    }
    bail!(
        "{name}: no such file, nor an article id of the sample or the cached feeds (`sanad list`)"
    )
}

/// Writes the lines `show` prints: the body, headed on a terminal by the article's own title
/// and an empty line, as the reader heads it; scripts reading a pipe get the body alone.
fn write_shown(
    article: &Article,
    options: LayoutOptions,
    titled: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    if titled && let Some(title) = article.own_title() {
        layout::write_plain(title, 0..title.len(), options, out)?;
        out.write_all(b"\n")?;
    }
    layout::write_plain(&article.text, article.body.clone(), options, out)
}

/// Prints the article's lines as they are laid out. Lines in visual order going to a terminal
/// are framed by its explicit bidi mode, so that a terminal that reorders by itself shows them
/// as laid out; a pipe or a file gets the lines alone.
fn show(article: &Article, options: LayoutOptions, out: &mut dyn Write) -> Result<()> {
    let on_terminal = io::IsTerminal::is_terminal(&io::stdout());
    let framed = options.reorder && on_terminal;
    let host = crate::bidi_mode::Host::detect();
    if framed && let Some(hint) = host.hint() {
        eprintln!("sanad: {hint}");
    }
    let mut out = io::BufWriter::with_capacity(1 << 16, out);
    let mut write = || -> io::Result<()> {
        if framed {
            out.write_all(host.wrap(crate::bidi_mode::EXPLICIT).as_bytes())?;
        }
        write_shown(article, options, on_terminal, &mut out)?;
        if framed {
            out.write_all(host.wrap(crate::bidi_mode::IMPLICIT).as_bytes())?;
        }
        out.flush()
    };
    write().context("writing the article")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown_lines(article: &Article, options: LayoutOptions, titled: bool) -> String {
        let mut out = Vec::new();
        write_shown(article, options, titled, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn markdown(text: &str) -> Article {
        let mut warnings = Vec::new();
        corpus::article_from_bytes("report.md", text.as_bytes(), &mut warnings)
            .expect("markdown reads")
            .remove(0)
    }

    #[test]
    fn show_heads_the_body_with_its_own_title_on_a_terminal_only() {
        let options = LayoutOptions::new(20, false);
        let titled = markdown("# عنوان الخبر\n\nنص الخبر هنا.\n");
        assert_eq!(
            shown_lines(&titled, options, true),
            format!("{:>20}\n\n{:>20}\n", "ربخلا ناونع", ".انه ربخلا صن")
        );
        assert_eq!(
            shown_lines(&titled, options, false),
            format!("{:>20}\n", ".انه ربخلا صن")
        );
        // A title that is only the first sentence is not printed twice.
        let untitled = markdown("نص الخبر هنا. ثم\n");
        assert_eq!(
            shown_lines(&untitled, options, true),
            shown_lines(&untitled, options, false)
        );
    }
}
