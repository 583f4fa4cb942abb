//! Layout throughput: the sample corpus repeated, laid out as `sanad show` does (all
//! paragraphs, in parallel) and as the reader does (one article, one width).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use sanad::corpus;
use sanad::layout::{ArticleLayout, LayoutOptions, write_plain};

fn show(c: &mut Criterion) {
    let text = corpus::scaled_sample_text(1 << 20);
    let mut group = c.benchmark_group("show");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(20);
    for shaping in [true, false] {
        let name = if shaping {
            "width80_shaped"
        } else {
            "width80_plain"
        };
        group.bench_function(name, |b| {
            let mut out = Vec::with_capacity(text.len() * 2);
            b.iter(|| {
                out.clear();
                write_plain(
                    &text,
                    0..text.len(),
                    LayoutOptions::new(80, shaping),
                    &mut out,
                )
                .expect("writing to memory");
                black_box(out.len())
            })
        });
    }
    group.finish();
}

fn reader(c: &mut Criterion) {
    let sample = corpus::sample();
    let article = &sample.articles[3];
    let mut group = c.benchmark_group("reader");
    group.throughput(Throughput::Bytes(article.body.len() as u64));
    group.bench_function("article_layout_width64", |b| {
        b.iter(|| {
            let layout = ArticleLayout::new(
                black_box(&article.text),
                article.body.clone(),
                LayoutOptions::new(64, true),
            );
            black_box(layout.lines.len())
        })
    });
    group.finish();
}

criterion_group!(benches, show, reader);
criterion_main!(benches);
