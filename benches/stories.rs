//! Stories on a corpus of thousands of distinct events (`support/synthetic.rs`): a whole set
//! grouped at once (signatures, links, stories) at 2,000 and 20,000 articles, and one arriving
//! article placed among 20,000 (its signature and `Grouper::add`; its extraction apart).
//! The goals: 20,000 grouped within 3 s, growing at most 12-fold from 2,000; an arrival placed
//! in under 5 ms. Before timing, each size prints its stories against the synthetic events
//! (BCubed), so that a faster grouping that groups worse shows.

use std::collections::HashMap;
use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{
    BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use sanad::cli::extract_all;
use sanad::corpus::Corpus;
use sanad::extract::{Extraction, Lexicon, extract};
use sanad::stories::{Grouper, Signature, signatures};

#[path = "support/synthetic.rs"]
mod synthetic;

/// Corpus sizes, with the seconds of measurement each gets: ten one-iteration samples and
/// some margin on two cores.
const SIZES: [(usize, u64); 2] = [(2_000, 5), (20_000, 40)];
/// Articles already grouped when one arrives.
const GROUPED: usize = 20_000;
/// One generated article in this many arrives after the others are grouped: arrivals report
/// events already grouped as well as new ones.
const ARRIVAL_EVERY: usize = 11;

/// A generated corpus, its extractions and each article's synthetic event.
struct Set {
    corpus: Corpus,
    extractions: Vec<Extraction>,
    events: Vec<usize>,
}

impl Set {
    fn new(reports: &[synthetic::Synthetic], lexicon: &Lexicon) -> Self {
        let corpus = synthetic::corpus(reports);
        let extractions = extract_all(&corpus, lexicon);
        let events = reports.iter().map(|report| report.event).collect();
        Set {
            corpus,
            extractions,
            events,
        }
    }

    fn text_bytes(&self) -> u64 {
        self.corpus
            .articles
            .iter()
            .map(|article| article.text.len() as u64)
            .sum()
    }

    fn signatures(&self, lexicon: &Lexicon) -> Vec<Signature> {
        signatures(&self.corpus.articles, &self.extractions, lexicon)
    }
}

fn group_at_once(c: &mut Criterion) {
    let lexicon = Lexicon::builtin();
    let mut group = c.benchmark_group("stories_group");
    group.sample_size(10);
    group.sampling_mode(SamplingMode::Flat);
    for (articles, seconds) in SIZES {
        let set = Set::new(&synthetic::reports(articles), lexicon);
        report_quality(&set, lexicon);
        group.throughput(Throughput::Bytes(set.text_bytes()));
        group.measurement_time(Duration::from_secs(seconds));
        group.bench_function(BenchmarkId::from_parameter(articles), |b| {
            b.iter(|| {
                let grouper = Grouper::group(set.signatures(lexicon));
                black_box(grouper.stories().stories.len())
            })
        });
        if articles == GROUPED {
            // The same without the signatures: what links and stories cost alone.
            let signatures = set.signatures(lexicon);
            group.bench_function(BenchmarkId::new("signed", articles), |b| {
                b.iter(|| {
                    let grouper = Grouper::group(black_box(signatures.clone()));
                    black_box(grouper.stories().stories.len())
                })
            });
        }
    }
    group.finish();
}

fn one_arrival(c: &mut Criterion) {
    let lexicon = Lexicon::builtin();
    let total = GROUPED + GROUPED / (ARRIVAL_EVERY - 1);
    let reports = synthetic::reports(total);
    let (arrivals, grouped): (Vec<_>, Vec<_>) = reports
        .into_iter()
        .enumerate()
        .partition(|(index, _)| index % ARRIVAL_EVERY == ARRIVAL_EVERY - 1);
    let strip = |reports: Vec<(usize, synthetic::Synthetic)>| -> Vec<synthetic::Synthetic> {
        reports.into_iter().map(|(_, report)| report).collect()
    };
    let grouped = Set::new(&strip(grouped), lexicon);
    let arrivals = Set::new(&strip(arrivals), lexicon);
    assert_eq!(grouped.corpus.articles.len(), GROUPED);
    let base = Grouper::group(grouped.signatures(lexicon));

    let mut group = c.benchmark_group("stories_arrival");
    group.sample_size(10);
    group.sampling_mode(SamplingMode::Flat);
    group.measurement_time(Duration::from_secs(5));
    let pairs: Vec<_> = arrivals
        .corpus
        .articles
        .iter()
        .zip(&arrivals.extractions)
        .collect();
    // Each sample starts again from the 20,000 (the copy untimed) and places arrivals in turn.
    group.bench_function(BenchmarkId::new("signature+add", GROUPED), |b| {
        b.iter_custom(|iters| {
            let mut grouper = base.clone();
            let start = Instant::now();
            for (article, extraction) in pairs.iter().cycle().take(iters as usize) {
                let signature = Signature::new(article, extraction, lexicon);
                black_box(grouper.add(signature));
            }
            start.elapsed()
        })
    });
    let article = &arrivals.corpus.articles[0];
    group.throughput(Throughput::Bytes(article.text.len() as u64));
    group.bench_function("extract", |b| {
        b.iter(|| extract(black_box(&article.text), article.body.clone(), lexicon))
    });
    group.bench_function("signature", |b| {
        b.iter(|| Signature::new(black_box(article), &arrivals.extractions[0], lexicon))
    });
    group.finish();
}

/// Prints how the stories of `set` match its synthetic events: counts and BCubed precision
/// and recall.
fn report_quality(set: &Set, lexicon: &Lexicon) {
    let stories = Grouper::group(set.signatures(lexicon)).stories();
    let events = set.events.iter().max().map_or(0, |last| last + 1);
    let (precision, recall) = bcubed(&stories.story_of, &set.events);
    eprintln!(
        "{} articles, {events} events, {} stories: BCubed precision {precision:.3}, recall {recall:.3}",
        set.events.len(),
        stories.stories.len(),
    );
}

/// BCubed precision and recall of a clustering (`story_of`) against the truth (`event_of`).
fn bcubed(story_of: &[usize], event_of: &[usize]) -> (f64, f64) {
    let mut pairs: HashMap<(usize, usize), usize> = HashMap::new();
    let mut stories: HashMap<usize, usize> = HashMap::new();
    let mut events: HashMap<usize, usize> = HashMap::new();
    for (&story, &event) in story_of.iter().zip(event_of) {
        *pairs.entry((story, event)).or_default() += 1;
        *stories.entry(story).or_default() += 1;
        *events.entry(event).or_default() += 1;
    }
    let (mut precision, mut recall) = (0.0, 0.0);
    for (&story, &event) in story_of.iter().zip(event_of) {
        let same = pairs[&(story, event)] as f64;
        precision += same / stories[&story] as f64;
        recall += same / events[&event] as f64;
    }
    let count = story_of.len().max(1) as f64;
    (precision / count, recall / count)
}

criterion_group!(benches, group_at_once, one_arrival);
criterion_main!(benches);
