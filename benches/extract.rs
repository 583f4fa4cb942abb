//! Extraction throughput on one core: figures and sources of the sample reports, repeated.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use sanad::corpus;
use sanad::extract::{Lexicon, extract};

fn extraction(c: &mut Criterion) {
    let text = corpus::scaled_sample_text(1 << 20);
    let lexicon = Lexicon::builtin();
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    group.bench_function("sample_1MiB_one_core", |b| {
        b.iter(|| {
            let found = extract(black_box(&text), 0..text.len(), lexicon);
            black_box(found.figures.len() + found.sources.len())
        })
    });
    group.finish();
}

criterion_group!(benches, extraction);
criterion_main!(benches);
