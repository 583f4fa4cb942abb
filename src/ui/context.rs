//! What every screen shares, handed to each component: the articles and their feeds, how text
//! is drawn, the list and the article read, the last search's matches, the caches of layouts,
//! extractions and claims, and the requests a component makes of the others.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;
use std::sync::Arc;

use rayon::prelude::*;

use super::feeds::{Feeds, NotSaved};
use super::theme::Theme;
use super::worker::{self, Task, Update, Worker};
use crate::compare::{self, Comparison};
use crate::config::{Colors, Config};
use crate::corpus::{Article, Corpus};
use crate::extract::{self, Extraction, Lexicon};
use crate::keymap::{Action, KeyMap};
use crate::layout::{ArticleLayout, HighlightKind, Highlights, LayoutOptions};
use crate::store::{ArticleState, Kept};
use crate::stories::{self, Grouper, Signature, Stories};

/// How text is drawn: chosen on the command line, shaping also toggled with a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Settings {
    /// Join Arabic letters (presentation forms).
    pub shaping: bool,
    /// Put lines in visual order (false: the terminal reorders them).
    pub reorder: bool,
    /// Use colours; false when `NO_COLOR` is set (highlights then use bold and underline).
    pub color: bool,
}

impl Settings {
    /// Layout options for a pane of `width` columns.
    pub fn layout(&self, width: usize) -> LayoutOptions {
        LayoutOptions {
            width,
            shaping: self.shaping,
            reorder: self.reorder,
        }
    }
}

/// What fills the screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    /// The list (or findings) and the article.
    Reader,
    /// The claims across all reports.
    Claims,
    /// Two reports side by side.
    SideBySide,
    /// The feeds: progress, failures, counts.
    Feeds,
}

/// Which pane of the reading screen has the keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    /// The list of articles (or the findings panel in its place).
    List,
    /// The article being read.
    Reader,
}

/// What a component asks of the others; the app carries requests out after each event, so no
/// component needs to know another.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Request {
    /// Read article `index`: the list follows, the reader opens it where it was left.
    Select(usize),
    /// Scroll the reader to a text offset of the article read (none: stay), once it is drawn.
    ScrollTo(Option<usize>),
    /// Give the keyboard to a pane of the reading screen.
    Focus(Pane),
    /// Fill the screen with another screen.
    Show(Screen),
    /// Show the articles in the left pane of the reading screen (a story was opened).
    ListArticles,
    /// Select row `index` of the claims table.
    SelectClaim(usize),
    /// Show row `index` of the claims table side by side: two reports that tell it.
    CompareClaim(usize),
    /// Show the article read side by side with the report of its story that shares most.
    CompareWithNext,
    /// Jump to the first match of the search at or after the article read.
    FirstMatch,
    /// End the reader.
    Quit,
}

/// One search match: an article and the bytes of its text that match.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Index of the article in the corpus.
    pub article: usize,
    /// Matching bytes of the article text; empty at the body's start for a title-only match.
    pub range: Range<usize>,
}

/// The last search: its query and matches, which the list counts and the reader highlights.
#[derive(Clone, Debug, Default)]
pub struct Matches {
    /// The last query run.
    pub query: String,
    /// Its matches, by article then position.
    pub hits: Vec<Hit>,
    /// The match last jumped to.
    pub current: Option<usize>,
}

/// Articles whose signatures one step of grouping makes: a few tens of milliseconds, so a key
/// pressed meanwhile is answered within a frame or two.
const GROUPING_STEP: usize = 256;

/// A first grouping into stories under way: the signatures made so far, in article order.
#[derive(Default)]
struct Grouping {
    signatures: Vec<Signature>,
}

/// Layouts kept at most.
const LAYOUT_CACHE_LIMIT: usize = 64;

/// Bytes of layouts kept at most, the one in use aside: an 18 MB article takes some 200 MB per
/// width, and dragging a window's edge through every width must not keep one per width.
const LAYOUT_CACHE_BYTES: usize = 160 << 20;

/// The layouts of articles at widths, the least recently used let go past
/// [`LAYOUT_CACHE_LIMIT`] layouts or [`LAYOUT_CACHE_BYTES`].
#[derive(Default)]
struct Layouts {
    kept: HashMap<(usize, LayoutOptions), KeptLayout>,
    bytes: usize,
    /// Counts uses, to tell the least recent.
    clock: u64,
}

struct KeptLayout {
    layout: Rc<ArticleLayout>,
    bytes: usize,
    used: u64,
}

impl Layouts {
    fn get(&mut self, key: (usize, LayoutOptions)) -> Option<Rc<ArticleLayout>> {
        self.clock += 1;
        let kept = self.kept.get_mut(&key)?;
        kept.used = self.clock;
        Some(kept.layout.clone())
    }

    fn peek(&self, key: (usize, LayoutOptions)) -> Option<&ArticleLayout> {
        self.kept.get(&key).map(|kept| kept.layout.as_ref())
    }

    /// Keeps `layout`, letting go of the least recently used others until the rest fit.
    fn insert(&mut self, key: (usize, LayoutOptions), layout: Rc<ArticleLayout>) {
        let bytes = layout.heap_bytes();
        while !self.kept.is_empty()
            && (self.kept.len() >= LAYOUT_CACHE_LIMIT || self.bytes + bytes > LAYOUT_CACHE_BYTES)
        {
            let oldest = self
                .kept
                .iter()
                .min_by_key(|(_, kept)| kept.used)
                .map(|(&key, _)| key);
            if let Some(gone) = oldest.and_then(|key| self.kept.remove(&key)) {
                self.bytes -= gone.bytes;
            }
        }
        self.clock += 1;
        self.bytes += bytes;
        self.kept.insert(
            key,
            KeptLayout {
                layout,
                bytes,
                used: self.clock,
            },
        );
    }
}

/// Stories of up to this many reports are compared at once, on the keypress: a few tens of
/// milliseconds. Bigger ones go to the worker.
const COMPARE_AT_ONCE: usize = 48;

/// Work handed to the worker and not back yet.
enum Pending {
    /// The claims of a story's reports, and what to do with them once in.
    Claims {
        key: (usize, Vec<usize>),
        then: Request,
    },
    /// The matches of a search.
    Search,
    /// The stories, which claims need, being grouped a step at a time between keys; then
    /// `with_claims(then)`.
    Stories { then: Request },
}

/// Bytes of cached articles' text held at most (see [`Texts`]): some thousands of articles.
const TEXT_BUDGET: usize = 16 << 20;

/// Cached articles come without their text (`Store::article_heads`): a list needs titles and
/// dates, and holding every body would cost hundreds of megabytes. A text is read from the
/// cache when its article is shown, extracted or compared, and let go again, oldest first,
/// past `TEXT_BUDGET`.
struct Texts {
    /// Per article: its text is in the cache only.
    in_store: Vec<bool>,
    /// Bytes of text read from the cache held at most.
    budget: usize,
    /// Articles whose text was read from the cache, oldest first.
    read: std::collections::VecDeque<usize>,
    /// Their bytes in all.
    bytes: usize,
}

impl Default for Texts {
    fn default() -> Self {
        Texts {
            in_store: Vec::new(),
            budget: TEXT_BUDGET,
            read: Default::default(),
            bytes: 0,
        }
    }
}

/// The state every screen shares.
pub struct Context {
    /// The articles.
    pub corpus: Corpus,
    /// How text is drawn.
    pub settings: Settings,
    /// Which keys do what.
    pub keymap: KeyMap,
    /// Colours of the theme (unless `settings.color` is off).
    pub colors: Colors,
    /// A one-line message for the status bar, cleared by the next key.
    pub message: Option<String>,
    /// Warnings the user must see (a damaged cache set aside, feeds-file lines skipped): in the
    /// status bar until dismissed, and printed again on exit.
    pub warnings: Vec<String>,
    /// The warnings were dismissed: the status bar no longer shows them.
    pub warnings_dismissed: bool,
    /// The program (and its first arguments) that opens a link: `$BROWSER`, else `xdg-open`.
    pub opener: Vec<String>,
    /// Text to put on the clipboard, for the terminal loop to send (OSC 52) and clear.
    pub clipboard: Option<String>,
    /// Feeds, their fetching, and the read state of articles.
    pub feeds: Feeds,
    /// Index of the article read (selected in the list).
    pub selected: usize,
    /// The list, top to bottom: indices of the articles shown (all, or one feed's).
    pub rows: Vec<usize>,
    /// The selected article's row in `rows`.
    pub row: usize,
    /// The last search.
    pub matches: Matches,
    requests: Vec<Request>,
    lexicon: Cow<'static, Lexicon>,
    extractions: Vec<Option<Rc<Extraction>>>,
    texts: Texts,
    layouts: Layouts,
    /// The story whose reports the list shows, named by one of its articles: story ids change
    /// as articles arrive, an article's story does not.
    pub story_filter: Option<usize>,
    stories: Option<Rc<Stories>>,
    /// The grouping the stories come from; articles arriving later are added to it, the rest
    /// keep their stories.
    grouper: Option<Grouper>,
    /// A first grouping under way, made a step at a time.
    grouping: Grouping,
    /// Claims by story and the reports compared (all of a story's, or those the list shows).
    comparisons: HashMap<(usize, Vec<usize>), Rc<Comparison>>,
    /// The thread that compares big stories and searches, started when first needed.
    worker: Option<Worker>,
    /// What it is doing for us, and how far it got (articles done, of how many).
    pending: Option<Pending>,
    progress: (usize, usize),
}

/// `article` without its text: what names a report's voice.
fn head(article: &Article) -> Article {
    Article {
        id: article.id.clone(),
        path: article.path.clone(),
        title: article.title.clone(),
        text: String::new(),
        body: 0..0,
        source: article.source.clone(),
        url: article.url.clone(),
        published: article.published.clone(),
        feed: article.feed.clone(),
        key: article.key.clone(),
    }
}

/// The opener of links: the first program of `$BROWSER` (a list split by `:`), else
/// `xdg-open`.
fn default_opener() -> Vec<String> {
    let browser = std::env::var("BROWSER").unwrap_or_default();
    let first = browser.split(':').map(str::trim).find(|p| !p.is_empty());
    match first {
        Some(program) => program.split_whitespace().map(str::to_owned).collect(),
        None => vec!["xdg-open".to_owned()],
    }
}

impl Context {
    /// The shared state over `corpus`, the first article selected, default keys and colours.
    pub fn new(corpus: Corpus, settings: Settings, lexicon: Cow<'static, Lexicon>) -> Self {
        let count = corpus.articles.len();
        let config = Config::default();
        // Articles can be starred and marked read before (or without) a cache.
        let mut feeds = Feeds::default();
        feeds.states = vec![ArticleState::default(); count];
        Context {
            keymap: config.keys,
            colors: config.colors,
            settings,
            message: None,
            warnings: Vec::new(),
            warnings_dismissed: false,
            opener: default_opener(),
            clipboard: None,
            feeds,
            selected: 0,
            rows: (0..count).collect(),
            row: 0,
            matches: Matches::default(),
            requests: Vec::new(),
            lexicon,
            extractions: vec![None; count],
            texts: Texts::default(),
            layouts: Layouts::default(),
            story_filter: None,
            stories: None,
            grouper: None,
            grouping: Grouping::default(),
            comparisons: HashMap::new(),
            worker: None,
            pending: None,
            progress: (0, 0),
            corpus,
        }
    }

    /// The styles to draw with, from the colours and whether to use them.
    pub fn theme(&self) -> Theme {
        Theme::new(self.settings.color, &self.colors)
    }

    /// The names of figures, sources and places.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Asks the app for something another component does.
    pub fn request(&mut self, request: Request) {
        self.requests.push(request);
    }

    /// The requests made since last asked, in order.
    pub(super) fn take_requests(&mut self) -> Vec<Request> {
        std::mem::take(&mut self.requests)
    }

    /// The layout of article `index` for a pane `width` columns wide, computed once per
    /// (article, width, settings) and kept.
    pub fn layout(&mut self, index: usize, width: usize) -> Rc<ArticleLayout> {
        let options = self.settings.layout(width);
        if let Some(layout) = self.layouts.get((index, options)) {
            return layout;
        }
        self.read_texts(&[index]);
        let article = &self.corpus.articles[index];
        let layout = Rc::new(ArticleLayout::new(
            &article.text,
            article.body.clone(),
            options,
        ));
        self.layouts.insert((index, options), layout.clone());
        layout
    }

    /// Whether article `index`'s text is the full text of its page, the feed having given a
    /// summary (see `Store::summary`).
    pub fn is_full_text(&self, index: usize) -> bool {
        let (Some(store), Some(article)) = (&self.feeds.store, self.corpus.articles.get(index))
        else {
            return false;
        };
        article.feed.is_some() && matches!(store.summary(&article.key), Ok(Some(_)))
    }

    /// Makes sure the articles `indices` hold their text, reading from the cache those that
    /// came without (see [`Texts`]), and lets go of the texts read longest ago past the
    /// budget, never one of these.
    pub fn read_texts(&mut self, indices: &[usize]) {
        let texts = &mut self.texts;
        let wanted: Vec<usize> = indices
            .iter()
            .copied()
            .filter(|&index| texts.in_store.get(index) == Some(&true))
            .collect();
        let Some(store) = &self.feeds.store else {
            return;
        };
        for &index in &wanted {
            let article = &mut self.corpus.articles[index];
            // A text the cache no longer has (expired meanwhile) or cannot give stays empty.
            if let Ok(Some((text, body))) = store.article_text(&article.key) {
                article.text = text;
                article.body = body;
            }
            texts.in_store[index] = false;
            texts.bytes += article.text.len();
            texts.read.push_back(index);
        }
        // Those just read are the newest, at the back.
        while texts.bytes > texts.budget && texts.read.len() > wanted.len() {
            let Some(oldest) = texts.read.pop_front() else {
                break;
            };
            let article = &mut self.corpus.articles[oldest];
            texts.bytes -= article.text.len();
            article.text = String::new();
            article.body = 0..0;
            texts.in_store[oldest] = true;
        }
    }

    /// The layout of article `index` at `width`, if it is still kept; none is computed.
    pub fn kept_layout(&self, index: usize, width: usize) -> Option<&ArticleLayout> {
        let options = self.settings.layout(width);
        self.layouts.peek((index, options))
    }

    /// The figures and sources of article `index`, found once and kept: the cache's, if it
    /// keeps them for the article as it is now, else extracted (the grouping and the worker
    /// give the cache those they make).
    pub fn extraction(&mut self, index: usize) -> Rc<Extraction> {
        if let Some(extraction) = &self.extractions[index] {
            return extraction.clone();
        }
        let made_with = extract::made_with(&self.lexicon);
        let recalled = (self.feeds.store.as_ref())
            .and_then(|store| worker::recall(&self.corpus.articles[index], store, made_with));
        let extraction = Rc::new(recalled.unwrap_or_else(|| {
            self.read_texts(&[index]);
            extract::extract_article(&self.corpus.articles[index], &self.lexicon)
        }));
        self.extractions[index] = Some(extraction.clone());
        extraction
    }

    /// The signatures of articles `indices`: those the cache keeps for them as they are now,
    /// the others computed and given to the cache, with the extractions made for them.
    fn signatures(&mut self, indices: Range<usize>) -> Vec<Signature> {
        let made_with = extract::made_with(&self.lexicon);
        let store = self.feeds.store.as_ref();
        let mut signatures: Vec<Option<Signature>> = indices
            .clone()
            .map(|i| {
                let key = &self.corpus.articles[i].key;
                store
                    .and_then(|store| store.kept(Kept::Signature, made_with, key).ok().flatten())
                    .and_then(|bytes| Signature::from_bytes(&bytes))
            })
            .collect();
        let missing: Vec<usize> = indices
            .clone()
            .filter(|&i| signatures[i - indices.start].is_none())
            .collect();
        // Read, extracted and signed in one parallel pass; an article extracted already is
        // only signed. The extractions are not kept here: a story's are read from the cache
        // again when it is compared, and all of them would hold as much memory as the texts.
        let (extracted, unread): (Vec<usize>, Vec<usize>) = missing
            .iter()
            .partition(|&&i| self.extractions[i].is_some());
        self.read_texts(&unread);
        let articles = &self.corpus.articles;
        let lexicon: &Lexicon = &self.lexicon;
        let cached = self.feeds.store.is_some();
        let mut made: Vec<(usize, Signature, Option<Vec<u8>>)> = unread
            .par_iter()
            .map(|&i| {
                let article = &articles[i];
                let extraction = extract::extract_article(article, lexicon);
                let kept = (cached && article.feed.is_some()).then(|| extraction.to_bytes());
                (i, Signature::new(article, &extraction, lexicon), kept)
            })
            .collect();
        made.extend(extracted.iter().filter_map(|&i| {
            let extraction = self.extractions[i].as_deref()?;
            Some((i, Signature::new(&articles[i], extraction, lexicon), None))
        }));
        if let Some(store) = &mut self.feeds.store
            && !made.is_empty()
        {
            let signatures: Vec<(&str, Vec<u8>)> = made
                .iter()
                .map(|(i, signature, _)| (articles[*i].key.as_str(), signature.to_bytes()))
                .collect();
            let extractions: Vec<(&str, Vec<u8>)> = made
                .iter_mut()
                .filter_map(|(i, _, kept)| Some((articles[*i].key.as_str(), kept.take()?)))
                .collect();
            // A cache that cannot be written costs time at the next start, nothing else.
            let _ = store.save_kept(Kept::Signature, made_with, &signatures);
            let _ = store.save_kept(Kept::Extraction, made_with, &extractions);
        }
        for (i, signature, _) in made {
            signatures[i - indices.start] = Some(signature);
        }
        signatures.into_iter().flatten().collect()
    }

    /// The articles grouped by the event they report, computed on first use and kept. Articles
    /// that arrived since are added to the grouping; the others keep their stories.
    pub fn stories(&mut self) -> Rc<Stories> {
        loop {
            if let Some(stories) = &self.stories {
                return stories.clone();
            }
            self.group_step();
        }
    }

    /// One step of grouping the articles into stories, short enough not to hold up a key:
    /// the signatures of a few hundred articles, or the grouping once all are made. Articles
    /// that arrived after a grouping are added to it in one step. True once the stories are
    /// grouped.
    pub fn group_step(&mut self) -> bool {
        if self.stories.is_some() {
            return true;
        }
        let count = self.corpus.articles.len();
        let grouper = match self.grouper.take() {
            Some(mut grouper) => {
                for signature in self.signatures(grouper.len()..count) {
                    grouper.add(signature);
                }
                grouper
            }
            None => {
                let made = self.grouping.signatures.len();
                let end = count.min(made + GROUPING_STEP);
                let mut step = self.signatures(made..end);
                self.grouping.signatures.append(&mut step);
                if matches!(self.pending, Some(Pending::Stories { .. })) {
                    self.progress = (end, count);
                }
                if end < count {
                    return false;
                }
                Grouper::group(std::mem::take(&mut self.grouping.signatures))
            }
        };
        self.grouping = Grouping::default();
        let stories = Rc::new(grouper.stories());
        self.grouper = Some(grouper);
        self.stories = Some(stories);
        if let Some(Pending::Stories { then }) = self.pending.take() {
            self.with_claims(then);
        }
        true
    }

    /// The stories if they have been grouped already; none is computed.
    pub fn stories_if_grouped(&self) -> Option<Rc<Stories>> {
        self.stories.clone()
    }

    /// The claims of the story of the article read, computed on first use and kept: reports
    /// are compared with the other reports of their event only, and of those only with the
    /// ones the list shows when it is narrowed to a feed or to the starred articles.
    pub fn comparison(&mut self) -> Rc<Comparison> {
        let (story, members) = self.comparison_key();
        self.comparison_of(story, members)
    }

    /// The story of the article read and the reports of it that `comparison` compares.
    fn comparison_key(&mut self) -> (usize, Vec<usize>) {
        let stories = self.stories();
        let story = stories.story_of.get(self.selected).copied().unwrap_or(0);
        let mut members = stories
            .stories
            .get(story)
            .map(|s| s.articles.clone())
            .unwrap_or_default();
        if self.list_is_narrowed() {
            let shown: std::collections::HashSet<usize> = self.rows.iter().copied().collect();
            members.retain(|article| shown.contains(article));
        }
        // In list order, as the claims table names them.
        members.sort_unstable();
        (story, members)
    }

    /// Makes sure the claims of the story read are in, then asks for `then`: at once when
    /// they are kept or the story is small, else once the worker has compared them (the
    /// status bar shows how far it got, and keys are answered meanwhile).
    pub fn with_claims(&mut self, then: Request) {
        // Before the stories are grouped (seconds, on a big cache), wait for them between keys.
        if self.stories.is_none() && self.corpus.articles.len() > COMPARE_AT_ONCE {
            self.progress = (self.grouping.signatures.len(), self.corpus.articles.len());
            self.pending = Some(Pending::Stories { then });
            return;
        }
        let key = self.comparison_key();
        if self.comparisons.contains_key(&key) || key.1.len() <= COMPARE_AT_ONCE {
            self.comparison_of(key.0, key.1);
            self.request(then);
            return;
        }
        let stories = self.stories();
        let articles = &self.corpus.articles;
        let copies = key
            .1
            .iter()
            .map(|&index| match stories.copy_of.get(index) {
                Some(&first) if first != index => Some((first, head(&articles[first]))),
                _ => None,
            })
            .collect();
        let task = Task::Claims {
            story: key.0,
            members: key.1.clone(),
            articles: key.1.iter().map(|&index| articles[index].clone()).collect(),
            copies,
        };
        self.worker().submit(task);
        self.progress = (0, key.1.len());
        self.pending = Some(Pending::Claims { key, then });
    }

    /// Searches every article for `query` in the worker; the matches come in later (see
    /// `take_work`), replacing the last search's.
    pub fn search(&mut self, query: &str) {
        self.matches = Matches {
            query: query.to_owned(),
            ..Matches::default()
        };
        let task = Task::Search {
            query: query.to_owned(),
            name: extract::name_spelled(query, &self.lexicon),
            articles: self.corpus.articles.iter().cloned().enumerate().collect(),
        };
        self.worker().submit(task);
        self.progress = (0, self.corpus.articles.len());
        self.pending = Some(Pending::Search);
    }

    /// What the worker is doing for us: "comparing" or "searching", articles done and in all.
    pub fn work_under_way(&self) -> Option<(&'static str, usize, usize)> {
        let what = match self.pending.as_ref()? {
            Pending::Claims { .. } => "comparing",
            Pending::Search => "searching",
            Pending::Stories { .. } => "grouping stories",
        };
        Some((what, self.progress.0, self.progress.1))
    }

    /// Stops the worker's task; true if there was one.
    pub fn cancel_work(&mut self) -> bool {
        let Some(pending) = self.pending.take() else {
            return false;
        };
        if let Some(worker) = &self.worker {
            worker.cancel();
        }
        self.message = Some(match pending {
            Pending::Claims { .. } | Pending::Stories { .. } => "comparing stopped".to_owned(),
            Pending::Search => format!("search for “{}” stopped", self.matches.query),
        });
        true
    }

    /// Takes in what the worker did since last asked; true when anything changed. Claims
    /// that came in are kept and what was to follow them is asked for, unless another
    /// article is read by now; a search's matches replace the last ones.
    pub fn take_work(&mut self) -> bool {
        let Some(worker) = &self.worker else {
            return false;
        };
        let updates = worker.updates();
        let changed = !updates.is_empty();
        for update in updates {
            match update {
                Update::Progress { done, total } => self.progress = (done, total),
                Update::Claims {
                    story,
                    members,
                    comparison,
                } => {
                    let key = (story, members);
                    let Some(Pending::Claims { key: asked, then }) = self.pending.take() else {
                        continue;
                    };
                    self.comparisons.insert(key.clone(), Rc::new(comparison));
                    if asked == key && self.comparison_key() == key {
                        self.request(then);
                    }
                }
                Update::Search { hits } => {
                    self.pending = None;
                    self.matches.hits = hits
                        .into_iter()
                        .map(|(article, range)| Hit { article, range })
                        .collect();
                    if self.feeds.filter == Some(super::feeds::Filter::Found) {
                        self.order_rows();
                    }
                    self.request(Request::FirstMatch);
                }
                Update::Failed(reason) => {
                    let what = match self.pending.take() {
                        Some(Pending::Search) => "search",
                        _ => "comparison",
                    };
                    self.message = Some(format!("the {what} failed: {reason}"));
                }
            }
        }
        changed
    }

    /// The worker, started on first use.
    fn worker(&mut self) -> &Worker {
        let lexicon = &self.lexicon;
        let cache = self
            .feeds
            .store
            .as_ref()
            .map(|store| store.path().to_path_buf());
        self.worker
            .get_or_insert_with(|| Worker::start(Arc::new(lexicon.as_ref().clone()), cache))
    }

    /// The list shows part of what the story holds: one feed's articles, or the starred.
    pub fn list_is_narrowed(&self) -> bool {
        self.story_filter.is_none()
            && !matches!(self.feeds.filter, None | Some(super::feeds::Filter::All))
    }

    /// What comparing all reports of story `story` found: its claims and conflicts.
    /// A big story's is told once its claims were asked for: telling it unasked would read
    /// thousands of articles to draw one line.
    pub fn tally(&mut self, story: usize) -> stories::Tally {
        let stories = self.stories();
        let Some(mut members) = stories.stories.get(story).map(|s| s.articles.clone()) else {
            return stories::Tally::default();
        };
        members.sort_unstable();
        let key = (story, members);
        if key.1.len() > COMPARE_AT_ONCE && !self.comparisons.contains_key(&key) {
            return stories::Tally::default();
        }
        let comparison = self.comparison_of(key.0, key.1);
        stories::Tally {
            claims: comparison.claims.len(),
            conflicts: comparison
                .claims
                .iter()
                .filter(|claim| claim.status == compare::Status::Conflict)
                .count(),
        }
    }

    /// The claims of `members`, reports of story `story`, computed once and kept.
    fn comparison_of(&mut self, story: usize, members: Vec<usize>) -> Rc<Comparison> {
        let key = (story, members);
        if let Some(comparison) = self.comparisons.get(&key) {
            return comparison.clone();
        }
        let stories = self.stories();
        // Only the story's reports are read: a first `c` costs one story, not the corpus.
        let extractions: Vec<Rc<Extraction>> =
            key.1.iter().map(|&index| self.extraction(index)).collect();
        let reports: Vec<compare::Report> = key
            .1
            .iter()
            .zip(&extractions)
            .map(|(&index, extraction)| {
                compare::story_report(&self.corpus.articles, index, extraction, &stories)
            })
            .collect();
        let comparison = Rc::new(compare::compare_story(
            &reports,
            &key.1,
            story,
            &self.lexicon,
        ));
        self.comparisons.insert(key, comparison.clone());
        comparison
    }

    /// The figures and sources of article `index` as highlights, for a screen to add its own.
    pub fn highlights(&mut self, index: usize) -> Highlights {
        let extraction = self.extraction(index);
        let mut highlights = Highlights::default();
        highlights.add(
            HighlightKind::Figure,
            extraction.figures.iter().map(|f| f.start..f.end),
        );
        highlights.add(
            HighlightKind::Source,
            extraction.sources.iter().map(|s| s.start..s.end),
        );
        highlights
    }

    /// Search matches inside article `index`, in text order.
    pub fn hits_in(&self, index: usize) -> &[Hit] {
        let hits = &self.matches.hits;
        let start = hits.partition_point(|hit| hit.article < index);
        let end = hits.partition_point(|hit| hit.article <= index);
        &hits[start..end]
    }

    /// The match last jumped to, if it is in article `index`.
    pub fn current_hit_in(&self, index: usize) -> Option<&Hit> {
        self.matches
            .current
            .map(|current| &self.matches.hits[current])
            .filter(|hit| hit.article == index)
    }

    /// Makes article `index` the one read. An article the list does not show (another feed's)
    /// brings back the whole list.
    pub fn select(&mut self, index: usize) {
        self.selected = index;
        match self.rows.iter().position(|&shown| shown == index) {
            Some(row) => self.row = row,
            None => {
                self.feeds.filter = None;
                self.story_filter = None;
                self.order_rows();
            }
        }
    }

    /// Makes `rows` the list, the selected article kept selected when it is among them.
    pub fn set_rows(&mut self, rows: Vec<usize>) {
        self.rows = rows;
        self.row = self
            .rows
            .iter()
            .position(|&index| index == self.selected)
            .unwrap_or(0);
        if let Some(&index) = self.rows.get(self.row) {
            self.selected = index;
        }
    }

    /// Orders the list: the reports of one story oldest first when a story is open, else as
    /// the feeds' filter says.
    pub fn order_rows(&mut self) {
        let rows = match self.story_filter {
            Some(anchor) => self
                .stories()
                .of(anchor)
                .map(|story| story.articles.clone())
                .unwrap_or_default(),
            None => self.feeds_rows(),
        };
        self.set_rows(rows);
    }

    /// The articles the feeds' filter keeps, whether or not a story is open.
    pub fn feeds_rows(&self) -> Vec<usize> {
        self.feeds.rows(&self.corpus.articles, &self.found())
    }

    /// The articles the last search found.
    pub fn found(&self) -> std::collections::HashSet<usize> {
        self.matches.hits.iter().map(|hit| hit.article).collect()
    }

    /// Lists the reports of the story of article `anchor`, the first of them selected.
    pub fn open_story(&mut self, anchor: usize) {
        self.story_filter = Some(anchor);
        self.order_rows();
        if let Some(&first) = self.rows.first() {
            self.selected = first;
            self.row = 0;
        }
    }

    /// Lists what the feeds' filter shows again, the article read kept selected.
    pub fn close_story(&mut self) {
        self.story_filter = None;
        self.order_rows();
    }

    /// Attaches feeds, the fetcher and the cache; read state of every article comes from it,
    /// and the list opens on its first row: the newest item when feeds are read.
    pub(super) fn attach_feeds(&mut self, feeds: Feeds) {
        self.feeds = feeds;
        // Cached articles without a text came as heads; the cache holds their text.
        self.texts = Texts::default();
        if self.feeds.store.is_some() {
            self.texts.in_store = self
                .corpus
                .articles
                .iter()
                .map(|article| article.feed.is_some() && article.text.is_empty())
                .collect();
        }
        if let Some(message) = self.feeds.attach(&self.corpus.articles) {
            self.message = Some(message);
        }
        self.order_rows();
        if let Some(&first) = self.rows.first() {
            self.selected = first;
            self.row = 0;
        }
    }

    /// Read state of article `index`.
    pub fn state(&self, index: usize) -> ArticleState {
        self.feeds.state(index)
    }

    /// Marks article `index` read or unread, in the cache too.
    pub fn set_read(&mut self, index: usize, read: bool) -> Result<(), NotSaved> {
        let Some(article) = self.corpus.articles.get(index) else {
            return Ok(());
        };
        self.feeds.set_read(index, &article.key, read)
    }

    /// Stars or unstars article `index`, in the cache too.
    pub fn toggle_star(&mut self, index: usize) {
        let Some(article) = self.corpus.articles.get(index) else {
            return;
        };
        if let Some(message) = self.feeds.toggle_star(index, &article.key) {
            self.message = Some(message);
        }
    }

    /// Remembers where article `index` is read from: the text offset of its top line.
    pub fn remember_position(&mut self, index: usize, offset: usize) {
        let Some(article) = self.corpus.articles.get(index) else {
            return;
        };
        if let Some(message) = self.feeds.remember_position(index, &article.key, offset) {
            self.message = Some(message);
        }
    }

    /// Queues feed `feed` (all feeds with `None`) for fetching.
    pub fn reload(&mut self, feed: Option<usize>) {
        if !self.feeds.reload(feed) {
            self.message = Some("no feeds to reload (see README: Feeds)".to_owned());
        }
    }

    /// Puts `text` (in logical order, as written) on the clipboard, and says so, naming `what`.
    pub fn copy(&mut self, text: String, what: &str) {
        let text = text.trim().to_owned();
        if text.is_empty() {
            self.message = Some("nothing to copy here".to_owned());
            return;
        }
        let chars = text.chars().count();
        self.message = Some(format!("copied the {what} ({chars} characters)"));
        self.clipboard = Some(text);
    }

    /// Opens `url` with the opener in a process of its own, never waiting on it; a program that
    /// cannot start is said in the status bar.
    pub fn open_link(&mut self, url: &str) {
        let Some((program, arguments)) = self.opener.split_first() else {
            self.message = Some("no program to open links (set $BROWSER)".to_owned());
            return;
        };
        let started = std::process::Command::new(program)
            .args(arguments)
            .arg(url)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn();
        self.message = Some(match started {
            Ok(mut child) => {
                // Reaped when it ends, so it never lingers as a zombie.
                std::thread::spawn(move || child.wait());
                format!("opening {url}")
            }
            Err(error) => format!("could not start {program}: {error}"),
        });
    }

    /// Whether the status bar shows warnings the user has not dismissed.
    pub fn showing_warnings(&self) -> bool {
        !self.warnings.is_empty() && !self.warnings_dismissed
    }

    /// Takes in what the fetcher has done since last asked; true when anything changed.
    pub fn poll_fetches(&mut self) -> bool {
        let failed_write = self.feeds.take_failed_writes();
        let changed_state = failed_write.is_some();
        if failed_write.is_some() {
            self.message = failed_write;
        }
        let Some(events) = self.feeds.take_events() else {
            return changed_state;
        };
        let changed = changed_state || !events.is_empty();
        for event in events {
            let articles = self.feeds.record(event);
            self.add_articles(articles);
            if !self.feeds.warnings.is_empty() {
                self.warnings.append(&mut self.feeds.warnings);
                self.warnings_dismissed = false;
            }
            let feeds_key = self.keymap.name_of(Action::Feeds);
            if let Some(message) = self.feeds.finished_round(&feeds_key) {
                self.message = Some(message);
            }
        }
        changed
    }

    /// Adds fetched articles the reader does not have yet; the ones it has stay as they are.
    fn add_articles(&mut self, articles: Vec<Article>) {
        let before = self.corpus.articles.len();
        let list_was_empty = self.rows.is_empty();
        for article in articles {
            if self.feeds.admit(&article.key, self.corpus.articles.len()) {
                self.corpus.articles.push(article);
            }
        }
        let count = self.corpus.articles.len();
        if count == before {
            return;
        }
        // Stories take the new articles in when next asked; claims are computed again.
        self.extractions.resize(count, None);
        self.texts.in_store.resize(count, false);
        self.stories = None;
        self.comparisons.clear();
        self.feeds.states.resize(count, ArticleState::default());
        self.order_rows();
        // Nothing was being read yet: the top, the newest.
        if (list_was_empty || self.feeds.following_top)
            && let Some(&first) = self.rows.first()
        {
            self.selected = first;
            self.row = 0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus;
    use crate::store::Store;

    fn settings() -> Settings {
        Settings {
            shaping: true,
            reorder: true,
            color: false,
        }
    }

    /// A layout holding about `megabytes` on the heap.
    fn layout_of(megabytes: usize) -> Rc<ArticleLayout> {
        Rc::new(ArticleLayout {
            options: None,
            lines: vec![crate::layout::VisualLine {
                text: String::with_capacity(megabytes << 20),
                ..Default::default()
            }],
        })
    }

    /// Dragging a window's edge through every width keeps the layouts within their bytes,
    /// the least recently used let go first; one layout past the bound alone is still kept.
    #[test]
    fn layouts_are_kept_within_their_bytes() {
        let mut layouts = Layouts::default();
        let key = |width| (0, LayoutOptions::new(width, true));
        for width in 1..=40 {
            layouts.insert(key(width), layout_of(30));
            assert!(layouts.bytes <= LAYOUT_CACHE_BYTES, "{}", layouts.bytes);
            assert_eq!(
                layouts.bytes,
                layouts.kept.values().map(|kept| kept.bytes).sum::<usize>()
            );
            // The first width is read again each time: it stays.
            assert!(layouts.get(key(1)).is_some());
        }
        assert!(layouts.peek(key(40)).is_some() && layouts.peek(key(39)).is_some());
        assert!(layouts.peek(key(2)).is_none());
        layouts.insert(key(41), layout_of(400));
        assert_eq!(layouts.kept.len(), 1);
        assert!(layouts.peek(key(41)).is_some());
        // Many small ones are bounded by count.
        for width in 100..300 {
            layouts.insert(key(width), layout_of(0));
        }
        assert!(layouts.kept.len() <= LAYOUT_CACHE_LIMIT);
    }

    /// The sample as items of one feed, so that the cache keeps them.
    fn feed_items() -> Vec<Article> {
        corpus::sample()
            .articles
            .into_iter()
            .map(|mut article| {
                article.feed = Some("feed".to_owned());
                article.key = format!("feed#{}", article.id);
                article
            })
            .collect()
    }

    /// `articles` saved in a cache at `path`, and a context over the cache as the reader
    /// starts on it: the articles without their text.
    fn context_with_cache(articles: Vec<Article>, path: &std::path::Path) -> Context {
        let mut store = Store::open(path).unwrap().store;
        store.save_feed("feed", None, &articles).unwrap();
        let heads = store.article_heads().unwrap();
        let mut ctx = Context::new(
            Corpus {
                articles: heads,
                warnings: Vec::new(),
            },
            settings(),
            Cow::Borrowed(Lexicon::builtin()),
        );
        ctx.attach_feeds(Feeds::new(Vec::new(), None, Some(store)));
        ctx
    }

    /// Texts the cache holds but the context has not read.
    fn unread_texts(ctx: &Context) -> usize {
        ctx.texts
            .in_store
            .iter()
            .filter(|&&in_store| in_store)
            .count()
    }

    #[test]
    fn stories_of_cached_articles_come_from_their_kept_signatures_without_reading_them_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cache.db");
        let mut first = context_with_cache(feed_items(), &path);
        assert_eq!(unread_texts(&first), 5);
        let grouped = first.stories();
        assert_eq!(unread_texts(&first), 0, "each read to be signed");
        drop(first);

        let mut again = context_with_cache(feed_items(), &path);
        assert_eq!(again.stories(), grouped);
        assert_eq!(
            unread_texts(&again),
            5,
            "an article was read again although its signature was kept"
        );
        assert!(again.extractions.iter().all(Option::is_none));
    }

    #[test]
    fn extractions_made_for_the_stories_are_kept_and_a_restart_reads_them_back_not_the_texts() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cache.db");
        let mut first = context_with_cache(feed_items(), &path);
        first.stories();
        let made: Vec<Extraction> = (0..5).map(|i| (*first.extraction(i)).clone()).collect();
        assert!(made.iter().any(|extraction| !extraction.figures.is_empty()));
        drop(first);

        let mut again = context_with_cache(feed_items(), &path);
        for (index, extraction) in made.iter().enumerate() {
            assert_eq!(*again.extraction(index), *extraction);
        }
        assert_eq!(
            unread_texts(&again),
            5,
            "a text was read to be extracted again"
        );

        // Other lexicons make them again.
        let added = dir.path().join("roles.toml");
        std::fs::write(&added, "[[roles]]\nwords = [\"قائد\"]\n").unwrap();
        let lexicon = Lexicon::with_files(&[added]).unwrap();
        let mut other = context_with_cache(feed_items(), &path);
        other.lexicon = Cow::Owned(lexicon);
        other.extraction(0);
        assert_eq!(unread_texts(&other), 4);
    }

    /// A write that fails leaves the screen as the cache is, and says so; without a cache the
    /// change stands for the session and says it is not saved.
    #[test]
    fn a_state_not_saved_is_undone_and_told() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cache.db");
        let mut ctx = context_with_cache(feed_items(), &path);
        rusqlite::Connection::open(&path)
            .unwrap()
            .execute_batch("DROP TABLE state;")
            .unwrap();
        assert!(matches!(ctx.set_read(0, true), Err(NotSaved::Failed(_))));
        assert!(!ctx.state(0).read, "undone");
        ctx.toggle_star(1);
        assert!(!ctx.state(1).starred, "undone");
        assert!(ctx.message.as_deref().unwrap().contains("not saved"));

        let mut uncached = Context::new(
            Corpus {
                articles: feed_items(),
                warnings: Vec::new(),
            },
            settings(),
            Cow::Borrowed(Lexicon::builtin()),
        );
        uncached.feeds.uncached = true;
        assert_eq!(uncached.set_read(0, true), Err(NotSaved::NoCache));
        assert!(uncached.state(0).read, "it lasts the session");
        uncached.toggle_star(0);
        assert!(uncached.state(0).starred);
        assert!(uncached.message.as_deref().unwrap().contains("no cache"));
    }

    /// The reader starts with no article's text; one is read when shown or extracted, and
    /// the texts read longest ago are let go past the budget, to be read again when needed.
    #[test]
    fn texts_are_read_from_the_cache_when_needed_and_let_go_past_the_budget() {
        let dir = tempfile::tempdir().unwrap();
        let items = feed_items();
        let mut ctx = context_with_cache(items.clone(), &dir.path().join("cache.db"));
        let text_of = |ctx: &Context, key: &str| {
            let index = ctx
                .corpus
                .articles
                .iter()
                .position(|a| a.key == key)
                .unwrap();
            (index, ctx.corpus.articles[index].text.clone())
        };
        assert!(ctx.corpus.articles.iter().all(|a| a.text.is_empty()));
        let (first, _) = text_of(&ctx, &items[0].key);
        let (second, _) = text_of(&ctx, &items[1].key);
        ctx.texts.budget = items[0].text.len();

        let layout = ctx.layout(first, 60);
        assert!(!layout.lines.is_empty());
        assert_eq!(text_of(&ctx, &items[0].key).1, items[0].text);
        assert_eq!(ctx.corpus.articles[first].body, items[0].body);
        assert_eq!(unread_texts(&ctx), 4);

        let figures = ctx.extraction(second).figures.len();
        assert!(figures > 0);
        assert_eq!(text_of(&ctx, &items[1].key).1, items[1].text);
        assert_eq!(text_of(&ctx, &items[0].key).1, "", "let go past the budget");
        assert_eq!(ctx.corpus.articles[first].body, 0..0);

        ctx.read_texts(&[first]);
        assert_eq!(text_of(&ctx, &items[0].key).1, items[0].text, "read again");
        assert_eq!(ctx.texts.read.len(), 1);
    }

    #[test]
    fn an_arriving_article_joins_its_story_and_the_others_keep_theirs() {
        let mut corpus = corpus::sample();
        let floods = corpus::load_paths(&[
            "tests/data/events/reports/derna-2023--afp.json".into(),
            "tests/data/events/reports/derna-2023--aawsat.json".into(),
            "tests/data/events/reports/derna-2023--skynewsarabia.json".into(),
        ])
        .unwrap();
        let mut floods = floods.articles;
        let late = floods.pop().unwrap();
        corpus.articles.extend(floods);
        let mut ctx = Context::new(corpus, settings(), Cow::Borrowed(Lexicon::builtin()));
        let before = ctx.stories();
        assert_eq!(before.stories.len(), 2);

        ctx.add_articles(vec![late]);
        assert!(ctx.stories_if_grouped().is_none());
        let after = ctx.stories();
        assert_eq!(ctx.grouper.as_ref().map(Grouper::len), Some(8));
        assert_eq!(after.stories.len(), 2);
        assert_eq!(
            after.story_of[7], after.story_of[5],
            "the flood report joins the flood"
        );
        for a in 0..7 {
            for b in 0..7 {
                assert_eq!(
                    before.story_of[a] == before.story_of[b],
                    after.story_of[a] == after.story_of[b]
                );
            }
        }
    }

    #[test]
    fn grouping_a_step_at_a_time_gives_the_stories_of_grouping_at_once() {
        let corpus = corpus::scaled_corpus(600);
        let articles = corpus.articles.clone();
        let mut ctx = Context::new(corpus, settings(), Cow::Borrowed(Lexicon::builtin()));
        let mut steps = 1;
        while !ctx.group_step() {
            steps += 1;
            assert!(ctx.stories_if_grouped().is_none());
        }
        assert_eq!(steps, 600usize.div_ceil(GROUPING_STEP));
        let extractions: Vec<Extraction> = articles
            .iter()
            .map(|a| extract::extract_article(a, Lexicon::builtin()))
            .collect();
        let at_once = stories::group(&articles, &extractions, Lexicon::builtin());
        assert_eq!(*ctx.stories(), at_once);
    }
}
