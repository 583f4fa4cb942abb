//! Extraction held against a gold annotation of the five sample reports, written by hand from
//! the text (`tests/gold/kazakhstan-2022.json`): precision and recall of figures and sources
//! of at least 90%, every matched figure's interval right, spellings of one source unified.
//! Items the annotator marked doubtful count neither for nor against.

use std::collections::HashMap;
use std::fmt::Write as _;

use sanad::corpus;
use sanad::extract::{Extraction, Lexicon, extract};
use serde::Deserialize;

const REQUIRED: f64 = 0.9;

#[derive(Deserialize)]
struct Gold {
    articles: Vec<GoldArticle>,
}

#[derive(Deserialize)]
struct GoldArticle {
    id: String,
    figures: Vec<GoldFigure>,
    sources: Vec<GoldSource>,
}

#[derive(Deserialize)]
struct GoldFigure {
    text: String,
    start: usize,
    end: usize,
    low: Option<f64>,
    high: Option<f64>,
    kind: String,
    #[serde(default)]
    event: Option<String>,
    #[serde(default)]
    subject: Option<String>,
    #[serde(default)]
    doubtful: bool,
}

#[derive(Deserialize)]
struct GoldSource {
    text: String,
    start: usize,
    end: usize,
    name: String,
    #[serde(default)]
    doubtful: bool,
}

fn gold() -> Gold {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/gold/kazakhstan-2022.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).expect("gold file")).expect("gold JSON")
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Pairs predicted spans with gold spans one to one (first overlapping, in text order).
/// Returns, for each predicted span, the gold index it matched, or `None`.
fn pair(predicted: &[(usize, usize)], gold: &[(usize, usize)]) -> Vec<Option<usize>> {
    let mut taken = vec![false; gold.len()];
    predicted
        .iter()
        .map(|&p| {
            let found = (0..gold.len()).find(|&g| !taken[g] && overlaps(p, gold[g]));
            if let Some(g) = found {
                taken[g] = true;
            }
            found
        })
        .collect()
}

struct Score {
    true_positives: usize,
    predicted: usize,
    gold: usize,
}

impl Score {
    fn precision(&self) -> f64 {
        self.true_positives as f64 / self.predicted.max(1) as f64
    }
    fn recall(&self) -> f64 {
        self.true_positives as f64 / self.gold.max(1) as f64
    }
}

fn extractions() -> Vec<(String, String, Extraction)> {
    let sample = corpus::sample();
    sample
        .articles
        .iter()
        .map(|a| {
            (
                a.id.clone(),
                a.text.clone(),
                extract(&a.text, a.body.clone(), Lexicon::builtin()),
            )
        })
        .collect()
}

#[test]
fn figures_match_the_gold_annotation() {
    let gold = gold();
    let mut score = Score {
        true_positives: 0,
        predicted: 0,
        gold: 0,
    };
    let mut report = String::new();
    let mut wrong_values = Vec::new();
    let mut wrong_kinds = 0;
    for (id, text, extraction) in extractions() {
        let article = gold
            .articles
            .iter()
            .find(|a| a.id == id)
            .expect("gold article");
        let gold_spans: Vec<(usize, usize)> =
            article.figures.iter().map(|f| (f.start, f.end)).collect();
        let predicted: Vec<(usize, usize)> = extraction
            .figures
            .iter()
            .map(|f| (f.start, f.end))
            .collect();
        let pairs = pair(&predicted, &gold_spans);
        let mut found = vec![false; gold_spans.len()];
        for (figure, matched) in extraction.figures.iter().zip(&pairs) {
            match matched {
                Some(g) if article.figures[*g].doubtful => found[*g] = true,
                Some(g) => {
                    found[*g] = true;
                    score.true_positives += 1;
                    score.predicted += 1;
                    let expected = &article.figures[*g];
                    let close = |a: Option<f64>, b: Option<f64>| match (a, b) {
                        (Some(a), Some(b)) => (a - b).abs() < 1e-6 * b.abs().max(1.0),
                        (None, None) => true,
                        _ => false,
                    };
                    if !close(figure.low, expected.low) || !close(figure.high, expected.high) {
                        wrong_values.push(format!(
                            "{id}: «{}» gives {:?}..{:?}, gold «{}» says {:?}..{:?}",
                            figure.text,
                            figure.low,
                            figure.high,
                            expected.text,
                            expected.low,
                            expected.high
                        ));
                    }
                    if format!("{:?}", figure.kind).to_lowercase() != expected.kind {
                        wrong_kinds += 1;
                        let _ = writeln!(
                            report,
                            "{id}: kind of «{}» is {:?}, gold {}",
                            figure.text, figure.kind, expected.kind
                        );
                    }
                }
                None => {
                    score.predicted += 1;
                    let _ = writeln!(report, "{id}: extra figure «{}»", figure.text);
                }
            }
        }
        for (g, expected) in article.figures.iter().enumerate() {
            if expected.doubtful {
                continue;
            }
            score.gold += 1;
            if !found[g] {
                let _ = writeln!(
                    report,
                    "{id}: missed figure «{}» ({}..{}: «{}»)",
                    expected.text,
                    expected.start,
                    expected.end,
                    &text[expected.start..expected.end]
                );
            }
        }
    }
    let summary = format!(
        "figures: precision {:.3}, recall {:.3} ({} right of {} found, {} in gold); {} wrong intervals; {} wrong kinds\n{report}{}",
        score.precision(),
        score.recall(),
        score.true_positives,
        score.predicted,
        score.gold,
        wrong_values.len(),
        wrong_kinds,
        wrong_values.join("\n")
    );
    println!("{summary}");
    assert!(score.precision() >= REQUIRED, "{summary}");
    assert!(score.recall() >= REQUIRED, "{summary}");
    assert!(wrong_values.is_empty(), "{summary}");
    assert!(
        wrong_kinds as f64 <= (1.0 - REQUIRED) * score.true_positives as f64,
        "{summary}"
    );
}

/// The event and subject a claim is keyed by, as the comparison reads them: the subject falls
/// back to what the event counts and is taken as its comparison group.
fn claim_of(
    lexicon: &Lexicon,
    event: Option<&str>,
    subject: Option<&str>,
) -> (Option<String>, Option<String>) {
    let subject = subject
        .or_else(|| lexicon.event_counts(event?))
        .map(|subject| lexicon.subject_group(subject).to_owned());
    (event.map(str::to_owned), subject)
}

#[test]
fn claim_keys_match_the_gold_annotation() {
    const REQUIRED_KEYS: f64 = 0.85;
    let lexicon = Lexicon::builtin();
    // The annotation says "detained" where the lexicon may say "arrested".
    let figures_lexicon = include_str!("../assets/lexicon/figures.toml");
    let has_detained = figures_lexicon.contains("event = \"detained\"");
    let gold = gold();
    let (mut right, mut total) = (0, 0);
    let mut report = String::new();
    for (id, _, extraction) in extractions() {
        let article = gold
            .articles
            .iter()
            .find(|a| a.id == id)
            .expect("gold article");
        let gold_spans: Vec<(usize, usize)> =
            article.figures.iter().map(|f| (f.start, f.end)).collect();
        let predicted: Vec<(usize, usize)> = extraction
            .figures
            .iter()
            .map(|f| (f.start, f.end))
            .collect();
        let pairs = pair(&predicted, &gold_spans);
        for (figure, matched) in extraction.figures.iter().zip(&pairs) {
            let Some(expected) = matched.map(|g| &article.figures[g]) else {
                continue;
            };
            if expected.doubtful || expected.kind != "count" {
                continue;
            }
            total += 1;
            let found = claim_of(lexicon, figure.event.as_deref(), figure.subject.as_deref());
            let gold_event = match expected.event.as_deref() {
                Some("detained") if !has_detained => Some("arrested"),
                event => event,
            };
            let wanted = claim_of(lexicon, gold_event, expected.subject.as_deref());
            if found == wanted {
                right += 1;
            } else {
                let _ = writeln!(
                    report,
                    "{id}: «{}» is {:?} / {:?}, gold {:?} / {:?}",
                    figure.text, found.0, found.1, wanted.0, wanted.1
                );
            }
        }
    }
    let accuracy = right as f64 / total.max(1) as f64;
    let summary =
        format!("claim keys: accuracy {accuracy:.3} ({right} of {total} matched counts)\n{report}");
    println!("{summary}");
    assert!(total > 0, "{summary}");
    assert!(accuracy >= REQUIRED_KEYS, "{summary}");
}

#[test]
fn sources_match_the_gold_annotation() {
    let gold = gold();
    let mut score = Score {
        true_positives: 0,
        predicted: 0,
        gold: 0,
    };
    let mut report = String::new();
    // Gold name → predicted names of its matched mentions, to judge unification.
    let mut names: HashMap<String, Vec<String>> = HashMap::new();
    for (id, _, extraction) in extractions() {
        let article = gold
            .articles
            .iter()
            .find(|a| a.id == id)
            .expect("gold article");
        let gold_spans: Vec<(usize, usize)> =
            article.sources.iter().map(|s| (s.start, s.end)).collect();
        let predicted: Vec<(usize, usize)> = extraction
            .sources
            .iter()
            .map(|s| (s.start, s.end))
            .collect();
        let pairs = pair(&predicted, &gold_spans);
        let mut found = vec![false; gold_spans.len()];
        for (source, matched) in extraction.sources.iter().zip(&pairs) {
            match matched {
                Some(g) if article.sources[*g].doubtful => found[*g] = true,
                Some(g) => {
                    found[*g] = true;
                    score.true_positives += 1;
                    score.predicted += 1;
                    names
                        .entry(article.sources[*g].name.clone())
                        .or_default()
                        .push(source.name.clone());
                }
                None => {
                    score.predicted += 1;
                    let _ = writeln!(
                        report,
                        "{id}: extra source «{}» ({})",
                        source.text, source.name
                    );
                }
            }
        }
        for (g, expected) in article.sources.iter().enumerate() {
            if !expected.doubtful {
                score.gold += 1;
                if !found[g] {
                    let _ = writeln!(
                        report,
                        "{id}: missed source «{}» ({})",
                        expected.text, expected.name
                    );
                }
            }
        }
    }
    // Each gold source should get one predicted name, and no two gold sources the same one.
    let mut claimed: HashMap<String, String> = HashMap::new();
    let (mut unified, mut total) = (0, 0);
    let mut gold_names: Vec<&String> = names.keys().collect();
    gold_names.sort();
    for gold_name in gold_names {
        let predicted = &names[gold_name];
        let mut counts: HashMap<&String, usize> = HashMap::new();
        for name in predicted {
            *counts.entry(name).or_default() += 1;
        }
        let (best, count) = counts
            .into_iter()
            .max_by_key(|&(name, count)| (count, std::cmp::Reverse(name.clone())))
            .expect("at least one");
        total += predicted.len();
        let owner = claimed
            .entry(best.clone())
            .or_insert_with(|| gold_name.clone());
        if owner == gold_name {
            unified += count;
        }
        if count < predicted.len() || owner != gold_name {
            let _ = writeln!(report, "names of {gold_name}: {predicted:?}");
        }
    }
    let name_accuracy = unified as f64 / total.max(1) as f64;
    let summary = format!(
        "sources: precision {:.3}, recall {:.3} ({} right of {} found, {} in gold); names unified {:.3}\n{report}",
        score.precision(),
        score.recall(),
        score.true_positives,
        score.predicted,
        score.gold,
        name_accuracy
    );
    println!("{summary}");
    assert!(score.precision() >= REQUIRED, "{summary}");
    assert!(score.recall() >= REQUIRED, "{summary}");
    assert!(name_accuracy >= REQUIRED, "{summary}");
}

#[test]
fn gold_spans_are_the_text() {
    let gold = gold();
    let sample = corpus::sample();
    for article in &gold.articles {
        let text = &sample.find(&article.id).expect("sample article").text;
        for (start, end, written) in article
            .figures
            .iter()
            .map(|f| (f.start, f.end, &f.text))
            .chain(article.sources.iter().map(|s| (s.start, s.end, &s.text)))
        {
            assert_eq!(&text[start..end], written.as_str());
        }
    }
}
