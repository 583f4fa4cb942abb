//! Ordering and linking the values of one claim in time: a cumulative toll told by 1,000
//! reports of one story, each a day later and higher. The goal is under 10 ms.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use sanad::compare::{Report, compare};
use sanad::extract::{Extraction, Figure, FigureKind, FigureTime, Lexicon, Moment, Qualifier};

const VALUES: usize = 1_000;

fn toll(day: usize) -> Extraction {
    let value = 100.0 + day as f64;
    let moment = Moment {
        seconds: 1_700_000_000 + day as i64 * 86_400,
        refined: false,
        hour_known: true,
    };
    Extraction {
        figures: vec![Figure {
            start: 0,
            end: 0,
            text: String::new(),
            low: Some(value),
            high: Some(value),
            qualifier: Qualifier::Exact,
            kind: FigureKind::Count,
            unit: None,
            event: Some("killed".to_owned()),
            subject: None,
            source: Some("Health Ministry".to_owned()),
            via: Vec::new(),
            place: None,
            when: Vec::new(),
            time: FigureTime::default(),
            as_of: Some(moment.iso()),
            moment: Some(moment),
            scope: None,
            preliminary: None,
            correction: false,
        }],
        ..Extraction::default()
    }
}

fn timeline(c: &mut Criterion) {
    let lexicon = Lexicon::builtin();
    let extractions: Vec<Extraction> = (0..VALUES).map(toll).collect();
    let outlets: Vec<String> = (0..VALUES).map(|i| format!("outlet {i}")).collect();
    let reports: Vec<Report> = extractions
        .iter()
        .zip(&outlets)
        .map(|(extraction, outlet)| Report {
            outlet,
            extraction,
            copy_of: None,
        })
        .collect();
    c.bench_function("timeline/1000_values", |b| {
        b.iter(|| {
            let comparison = compare(black_box(&reports), lexicon);
            black_box(comparison.claims[0].latest)
        })
    });
}

criterion_group!(benches, timeline);
criterion_main!(benches);
