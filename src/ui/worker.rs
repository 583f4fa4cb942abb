//! Work too long for a keypress, on a thread of its own: comparing a story's reports and
//! searching every article both read and extract thousands of articles. The interface hands
//! over what the work needs, goes on answering keys, shows the progress, and takes the result
//! when it comes. Each task replaces the one before: a task whose request was replaced stops
//! at its next step, and its result is never delivered.

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

use rayon::prelude::*;

use crate::compare::{self, Comparison, Report};
use crate::corpus::Article;
use crate::extract::{self, Extraction, Lexicon};
use crate::store::{Kept, Store};

/// Articles read and extracted between two looks at whether the task was replaced and two
/// progress updates.
const STEP: usize = 128;

/// What to work on.
pub enum Task {
    /// The claims of story `story`'s reports `members` (article indices, in list order).
    Claims {
        story: usize,
        members: Vec<usize>,
        /// Each member's article; one without its text has it read from the cache.
        articles: Vec<Article>,
        /// For each member that copies another report, that report's index and article: the
        /// copy speaks with its voice.
        copies: Vec<Option<(usize, Article)>>,
    },
    /// The matches of `query` (Arabic spellings folded) in every article, and where `name`
    /// (the place or source the query spells, if it does) is named.
    Search {
        query: String,
        name: Option<String>,
        /// Article indices and articles, in index order.
        articles: Vec<(usize, Article)>,
    },
}

/// What the worker says.
pub enum Update {
    /// Of `total` articles, `done` are read.
    Progress { done: usize, total: usize },
    /// The claims of a story's members.
    Claims {
        story: usize,
        members: Vec<usize>,
        comparison: Comparison,
    },
    /// Matches by article index, then position.
    Search { hits: Vec<(usize, Range<usize>)> },
    /// The task failed, for this reason (a bug met on some article): nothing more comes of it.
    Failed(String),
}

/// The worker thread: tasks in, updates out, each update tagged with its task's number.
pub struct Worker {
    tasks: Sender<(u64, Task)>,
    updates: Receiver<(u64, Update)>,
    /// The number of the latest task: the only one worth finishing.
    latest: Arc<AtomicU64>,
}

impl Worker {
    /// Starts the thread; it reads texts from the cache at `cache`, when there is one.
    pub fn start(lexicon: Arc<Lexicon>, cache: Option<PathBuf>) -> Worker {
        let (tasks, task_queue) = mpsc::channel::<(u64, Task)>();
        let (update_sender, updates) = mpsc::channel();
        let latest = Arc::new(AtomicU64::new(0));
        let current = Arc::clone(&latest);
        thread::spawn(move || {
            // Without the cache, articles that came without their text are worked on as empty.
            let mut store = cache
                .and_then(|path| Store::open(&path).ok())
                .map(|opened| opened.store);
            for (number, task) in task_queue {
                let is_current = || current.load(Ordering::Relaxed) == number;
                let send = |update: Update| update_sender.send((number, update)).is_ok();
                if !is_current() {
                    continue;
                }
                // Articles come from feeds and files: a panic on one fails the task, not the
                // reader, and the worker goes on with the next task.
                let ran = crate::panics::catching(|| {
                    run(task, &lexicon, store.as_mut(), &is_current, &send)
                });
                let listened = match ran {
                    Ok(listened) => listened,
                    Err(panic) => send(Update::Failed(panic)),
                };
                if !listened {
                    return;
                }
            }
        });
        Worker {
            tasks,
            updates,
            latest,
        }
    }

    /// Starts `task`, replacing any task under way; returns its number.
    pub fn submit(&self, task: Task) -> u64 {
        let number = self.latest.fetch_add(1, Ordering::Relaxed) + 1;
        // The thread lives as long as the worker, so the queue is open.
        let _ = self.tasks.send((number, task));
        number
    }

    /// Stops the task under way; nothing more of it is delivered.
    pub fn cancel(&self) {
        self.latest.fetch_add(1, Ordering::Relaxed);
    }

    /// The updates since last asked, of the latest task only.
    pub fn updates(&self) -> Vec<Update> {
        let latest = self.latest.load(Ordering::Relaxed);
        self.updates
            .try_iter()
            .filter(|(number, _)| *number == latest)
            .map(|(_, update)| update)
            .collect()
    }
}

/// Carries out `task` while `is_current`; false once nobody listens any more.
fn run(
    task: Task,
    lexicon: &Lexicon,
    mut store: Option<&mut Store>,
    is_current: &dyn Fn() -> bool,
    send: &dyn Fn(Update) -> bool,
) -> bool {
    match task {
        Task::Claims {
            story,
            members,
            articles,
            copies,
        } => {
            let total = articles.len();
            let mut extractions = Vec::with_capacity(total);
            for step in articles.chunks(STEP) {
                if !is_current() {
                    return true;
                }
                let (found, made) = recall_or_extract(step, store.as_deref(), lexicon);
                if let Some(store) = store.as_deref_mut()
                    && !made.is_empty()
                {
                    let made: Vec<(&str, Vec<u8>)> = made
                        .into_iter()
                        .map(|(index, bytes)| (step[index].key.as_str(), bytes))
                        .collect();
                    // A cache that cannot be written costs an extraction at the next start.
                    let _ = store.save_kept(Kept::Extraction, extract::made_with(lexicon), &made);
                }
                extractions.extend(found);
                let progress = Update::Progress {
                    done: extractions.len(),
                    total,
                };
                if !send(progress) {
                    return false;
                }
            }
            let reports: Vec<Report> = articles
                .iter()
                .zip(&extractions)
                .zip(&copies)
                .map(|((article, extraction), copy)| {
                    let report = Report::new(article, extraction);
                    match copy {
                        Some((first, original)) => report.copy_of(*first, original),
                        None => report,
                    }
                })
                .collect();
            let comparison = compare::compare_story(&reports, &members, story, lexicon);
            !is_current()
                || send(Update::Claims {
                    story,
                    members,
                    comparison,
                })
        }
        Task::Search {
            query,
            name,
            articles,
        } => {
            let total = articles.len();
            let mut hits = Vec::new();
            for (done, step) in articles.chunks(STEP).enumerate() {
                if !is_current() {
                    return true;
                }
                let read: Vec<(usize, Article)> = step
                    .iter()
                    .map(|(index, article)| (*index, with_text(article.clone(), store.as_deref())))
                    .collect();
                let found: Vec<Vec<(usize, Range<usize>)>> = read
                    .par_iter()
                    .map(|(index, article)| {
                        extract::find_in_article(article, &query, name.as_deref(), lexicon)
                            .into_iter()
                            .map(|range| (*index, range))
                            .collect()
                    })
                    .collect();
                hits.extend(found.into_iter().flatten());
                let progress = Update::Progress {
                    done: ((done + 1) * STEP).min(total),
                    total,
                };
                if !send(progress) {
                    return false;
                }
            }
            !is_current() || send(Update::Search { hits })
        }
    }
}

/// The extractions of `articles`, in order: the cache's where it keeps one for the article as it
/// is now, the others made in parallel, each text read from the cache for the while. Those
/// made are also given as (position in `articles`, bytes for the cache) when they are cached
/// articles.
pub(super) fn recall_or_extract(
    articles: &[Article],
    store: Option<&Store>,
    lexicon: &Lexicon,
) -> (Vec<Extraction>, Vec<(usize, Vec<u8>)>) {
    let made_with = extract::made_with(lexicon);
    let recalled: Vec<Option<Extraction>> = articles
        .iter()
        .map(|article| recall(article, store?, made_with))
        .collect();
    let missing: Vec<(usize, Article)> = recalled
        .iter()
        .enumerate()
        .filter(|(_, recalled)| recalled.is_none())
        .map(|(index, _)| (index, with_text(articles[index].clone(), store)))
        .collect();
    let made: Vec<(usize, Extraction)> = missing
        .par_iter()
        .map(|(index, article)| (*index, extract::extract_article(article, lexicon)))
        .collect();
    let bytes = made
        .iter()
        .filter(|(index, _)| store.is_some() && articles[*index].feed.is_some())
        .map(|(index, extraction)| (*index, extraction.to_bytes()))
        .collect();
    let mut made = made.into_iter().peekable();
    let extractions = recalled
        .into_iter()
        .enumerate()
        .map(|(index, recalled)| match recalled {
            Some(extraction) => extraction,
            None => made
                .next_if(|(at, _)| *at == index)
                .map(|(_, extraction)| extraction)
                .unwrap_or_default(),
        })
        .collect();
    (extractions, bytes)
}

/// The extraction the cache keeps for `article` as it is now, made with `made_with`.
pub(super) fn recall(article: &Article, store: &Store, made_with: u64) -> Option<Extraction> {
    let bytes = store
        .kept(Kept::Extraction, made_with, &article.key)
        .ok()??;
    Extraction::from_bytes(&bytes)
}

/// `article` with its text, read from the cache if it came without one.
fn with_text(mut article: Article, store: Option<&Store>) -> Article {
    if article.text.is_empty()
        && article.feed.is_some()
        && let Some(Ok(Some((text, body)))) = store.map(|store| store.article_text(&article.key))
    {
        article.text = text;
        article.body = body;
    }
    article
}
