//! `sanad compare` on a realistic-size corpus (the sample repeated, figures varied): end to end
//! minus I/O (parallel extraction, then claims and quotes), and the grouping alone on
//! extractions made beforehand. From 2,000 to 20,000 articles the time should grow about
//! tenfold; the goal is 20 MB/s or more end to end at 20,000.

use std::hint::black_box;
use std::time::Duration;

use criterion::{
    BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use sanad::cli::extract_all;
use sanad::compare::{Report, compare};
use sanad::corpus::{self, Corpus};
use sanad::extract::Extraction;
use sanad::extract::Lexicon;

/// Corpus sizes, with the seconds of measurement each group gets: ten one-iteration samples
/// and some margin on two cores (about 0.7 s and 7 s end to end, 0.1 s and 1 s grouping).
const SIZES: [(usize, u64, u64); 2] = [(2_000, 10, 5), (20_000, 80, 15)];

fn text_bytes(corpus: &Corpus) -> u64 {
    corpus
        .articles
        .iter()
        .map(|article| article.text.len() as u64)
        .sum()
}

fn end_to_end(c: &mut Criterion) {
    let lexicon = Lexicon::builtin();
    let mut group = c.benchmark_group("compare");
    group.sample_size(10);
    group.sampling_mode(SamplingMode::Flat);
    for (articles, seconds, _) in SIZES {
        let corpus = corpus::scaled_corpus(articles);
        group.throughput(Throughput::Bytes(text_bytes(&corpus)));
        group.measurement_time(Duration::from_secs(seconds));
        group.bench_function(BenchmarkId::from_parameter(articles), |b| {
            b.iter(|| {
                let extractions = extract_all(black_box(&corpus), lexicon);
                let comparison = compare(&reports(&corpus, &extractions), lexicon);
                black_box(comparison.claims.len() + comparison.quotes.len())
            })
        });
    }
    group.finish();
}

fn grouping(c: &mut Criterion) {
    let lexicon = Lexicon::builtin();
    let mut group = c.benchmark_group("compare_only");
    group.sample_size(10);
    group.sampling_mode(SamplingMode::Flat);
    for (articles, _, seconds) in SIZES {
        let corpus = corpus::scaled_corpus(articles);
        let extractions = extract_all(&corpus, lexicon);
        let reports = reports(&corpus, &extractions);
        group.throughput(Throughput::Bytes(text_bytes(&corpus)));
        group.measurement_time(Duration::from_secs(seconds));
        group.bench_function(BenchmarkId::from_parameter(articles), |b| {
            b.iter(|| {
                let comparison = compare(black_box(&reports), lexicon);
                black_box(comparison.claims.len() + comparison.quotes.len())
            })
        });
    }
    group.finish();
}

/// A flood of distinct counts: 20,000 one-line reports of one toll, each with its own number,
/// in a few wordings. Every value conflicts with its neighbours, so a claim of 20,000 values
/// must cost each value a bounded reach, not every other value.
fn distinct_values(c: &mut Criterion) {
    const REPORTS: usize = 20_000;
    let lexicon = Lexicon::builtin();
    let wordings = [
        "قالت وزارة الداخلية إن {} شخصا قتلوا في ألماتي بحسب وكالة رويترز.",
        "ألماتي (أ ف ب) - ارتفعت حصيلة القتلى إلى {} قتيلا، وفق مصدر أمني.",
        "أفاد مسؤول محلي بمقتل {} شخصاً في الاشتباكات التي شهدتها ألماتي أمس",
    ];
    let mut warnings = Vec::new();
    let articles = (0..REPORTS)
        .flat_map(|index| {
            let text = wordings[index % wordings.len()].replace("{}", &(index + 1).to_string());
            corpus::article_from_bytes(&format!("r{index:05}.txt"), text.as_bytes(), &mut warnings)
                .expect("a one-line report reads")
        })
        .collect();
    let corpus = Corpus { articles, warnings };
    let extractions = extract_all(&corpus, lexicon);
    let reports = reports(&corpus, &extractions);
    let mut group = c.benchmark_group("compare_distinct_values");
    group.sample_size(10);
    group.sampling_mode(SamplingMode::Flat);
    group.measurement_time(Duration::from_secs(20));
    group.throughput(Throughput::Elements(REPORTS as u64));
    group.bench_function(BenchmarkId::from_parameter(REPORTS), |b| {
        b.iter(|| {
            let comparison = compare(black_box(&reports), lexicon);
            black_box(comparison.claims.len())
        })
    });
    group.finish();
}

criterion_group!(benches, end_to_end, grouping, distinct_values);
criterion_main!(benches);

/// One report per article, as the claims table compares them.
fn reports<'a>(corpus: &'a Corpus, extractions: &'a [Extraction]) -> Vec<Report<'a>> {
    corpus
        .articles
        .iter()
        .zip(extractions)
        .map(|(article, extraction)| Report::new(article, extraction))
        .collect()
}
