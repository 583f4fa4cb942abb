//! The same quoted statement in several reports. Quotes are compared as sets of normalised
//! words: identical ones group by hash, near ones (Jaccard similarity at least
//! [`SIMILARITY`]) are found with prefix filtering — each quote is indexed under its rarest
//! words only, enough to meet every quote similar to it — so no all-pairs comparison is made.

use std::collections::HashMap;

use super::Report;
use crate::text::{TokenKind, Tokens};

/// How alike two quotes' word sets must be to count as the same statement.
pub const SIMILARITY: f64 = 0.6;
/// Longer quotes are diffed on their first words only: enough to show what differs.
const DIFF_WORDS: usize = 200;

/// One report's copy of a quote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuoteMention {
    /// Index of the report.
    pub report: usize,
    /// Index of the quote in the report's extraction.
    pub quote: usize,
}

/// Words that differ between a copy and the first copy of a quote, as written in each.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WordChange {
    /// Words of the first copy that this copy lacks or replaces.
    pub first: Vec<String>,
    /// Words of this copy in their place.
    pub this: Vec<String>,
}

/// A statement quoted by more than one report.
#[derive(Clone, Debug, PartialEq)]
pub struct QuoteGroup {
    /// The story it belongs to (see [`super::Claim::story`]).
    pub story: usize,
    /// Its copies, by report order.
    pub mentions: Vec<QuoteMention>,
    /// For each copy, how its words differ from the first copy's (empty for the first).
    pub changes: Vec<Vec<WordChange>>,
    /// True when every copy has the same words after normalisation.
    pub identical: bool,
    /// Independent sources: distinct speakers the reports give for it.
    pub voices: usize,
}

/// A quote's normalised words, with the words as written.
struct QuoteWords {
    normalized: Vec<String>,
    written: Vec<String>,
}

fn words_of(text: &str) -> QuoteWords {
    let tokens = Tokens::new(text);
    let mut normalized = Vec::new();
    let mut written = Vec::new();
    for (index, token) in tokens.tokens.iter().enumerate() {
        if token.kind == TokenKind::Punct {
            continue;
        }
        normalized.push(tokens.text(index).to_owned());
        written.push(text[token.source.clone()].to_owned());
    }
    QuoteWords {
        normalized,
        written,
    }
}

/// Groups the quotes of `reports` that more than one report carries.
pub fn match_quotes(reports: &[Report]) -> Vec<QuoteGroup> {
    // Identical statements first: one entry per distinct normalised text.
    let mut distinct: Vec<(QuoteWords, Vec<QuoteMention>)> = Vec::new();
    let mut by_text: HashMap<Vec<String>, usize> = HashMap::new();
    // Wire copies repeat a quote verbatim: each written form is cut into words once.
    let mut by_written: HashMap<&str, Option<usize>> = HashMap::new();
    for (report, r) in reports.iter().enumerate() {
        for (quote, q) in r.extraction.quotes.iter().enumerate() {
            let mention = QuoteMention { report, quote };
            if let Some(&known) = by_written.get(q.text.as_str()) {
                if let Some(index) = known {
                    distinct[index].1.push(mention);
                }
                continue;
            }
            let words = words_of(&q.text);
            if words.normalized.is_empty() {
                by_written.insert(&q.text, None);
                continue;
            }
            match by_text.get(&words.normalized) {
                Some(&index) => {
                    by_written.insert(&q.text, Some(index));
                    distinct[index].1.push(mention);
                }
                None => {
                    by_written.insert(&q.text, Some(distinct.len()));
                    by_text.insert(words.normalized.clone(), distinct.len());
                    distinct.push((words, vec![mention]));
                }
            }
        }
    }
    // Near statements: union the distinct texts whose word sets are alike.
    let sets: Vec<Vec<&str>> = distinct
        .iter()
        .map(|(words, _)| {
            let mut set: Vec<&str> = words.normalized.iter().map(String::as_str).collect();
            set.sort_unstable();
            set.dedup();
            set
        })
        .collect();
    let mut frequency: HashMap<&str, usize> = HashMap::new();
    for set in &sets {
        for word in set {
            *frequency.entry(word).or_default() += 1;
        }
    }
    let mut parent: Vec<usize> = (0..sets.len()).collect();
    let mut index: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut candidates: Vec<usize> = Vec::new();
    for (id, set) in sets.iter().enumerate() {
        let mut rare_first = set.clone();
        rare_first.sort_unstable_by_key(|w| (frequency[w], *w));
        // A set meeting another at Jaccard ≥ t shares one of its first n - ⌈t·n⌉ + 1 words.
        let prefix = set.len() - (SIMILARITY * set.len() as f64).ceil() as usize + 1;
        candidates.clear();
        for word in &rare_first[..prefix.min(rare_first.len())] {
            if let Some(ids) = index.get(word) {
                candidates.extend(ids);
            }
            index.entry(word).or_default().push(id);
        }
        candidates.sort_unstable();
        candidates.dedup();
        for &other in &candidates {
            if jaccard(set, &sets[other]) >= SIMILARITY {
                let (a, b) = (find(&mut parent, id), find(&mut parent, other));
                parent[a.max(b)] = a.min(b);
            }
        }
    }
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for id in 0..sets.len() {
        let root = find(&mut parent, id);
        groups.entry(root).or_default().push(id);
    }
    let mut result: Vec<QuoteGroup> = Vec::new();
    let mut roots: Vec<usize> = groups.keys().copied().collect();
    roots.sort_unstable();
    for root in roots {
        let ids = &groups[&root];
        let mut mentions: Vec<(QuoteMention, usize)> = ids
            .iter()
            .flat_map(|&id| distinct[id].1.iter().map(move |m| (m.clone(), id)))
            .collect();
        mentions.sort_by_key(|(m, _)| (m.report, m.quote));
        let mut report_ids: Vec<usize> = mentions.iter().map(|(m, _)| m.report).collect();
        report_ids.dedup();
        if report_ids.len() < 2 {
            continue;
        }
        // One copy per report: the first it carries.
        mentions.dedup_by_key(|(m, _)| m.report);
        let first = &distinct[mentions[0].1].0;
        // Copies with the same words differ from the first alike: diff each wording once.
        let mut by_wording: HashMap<usize, Vec<WordChange>> = HashMap::new();
        let changes: Vec<Vec<WordChange>> = mentions
            .iter()
            .map(|(_, id)| {
                by_wording
                    .entry(*id)
                    .or_insert_with(|| word_changes(first, &distinct[*id].0))
                    .clone()
            })
            .collect();
        let mut voices: Vec<&str> = mentions
            .iter()
            .map(|(m, _)| {
                let report = &reports[m.report];
                report.extraction.quotes[m.quote]
                    .source
                    .as_deref()
                    .unwrap_or(report.outlet)
            })
            .collect();
        voices.sort_unstable();
        voices.dedup();
        result.push(QuoteGroup {
            story: 0,
            identical: ids.len() == 1,
            voices: voices.len(),
            mentions: mentions.into_iter().map(|(m, _)| m).collect(),
            changes,
        });
    }
    result.sort_by_key(|group| std::cmp::Reverse(group.mentions.len()));
    result
}

fn find(parent: &mut [usize], mut id: usize) -> usize {
    while parent[id] != id {
        parent[id] = parent[parent[id]];
        id = parent[id];
    }
    id
}

/// |a ∩ b| / |a ∪ b| of two sorted, deduplicated word lists.
fn jaccard(a: &[&str], b: &[&str]) -> f64 {
    let (mut i, mut j, mut both) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
        }
    }
    both as f64 / (a.len() + b.len() - both) as f64
}

/// The words where `this` departs from `first`: a word-level diff by longest common
/// subsequence, runs of changed words kept together.
fn word_changes(first: &QuoteWords, this: &QuoteWords) -> Vec<WordChange> {
    let a = &first.normalized[..first.normalized.len().min(DIFF_WORDS)];
    let b = &this.normalized[..this.normalized.len().min(DIFF_WORDS)];
    // lcs[i][j]: common subsequence length of a[i..] and b[j..].
    let mut lcs = vec![vec![0u16; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut changes = Vec::new();
    let mut current = WordChange {
        first: Vec::new(),
        this: Vec::new(),
    };
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            if !current.first.is_empty() || !current.this.is_empty() {
                changes.push(std::mem::replace(
                    &mut current,
                    WordChange {
                        first: Vec::new(),
                        this: Vec::new(),
                    },
                ));
            }
            i += 1;
            j += 1;
        } else if j < b.len() && (i == a.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            current.this.push(this.written[j].clone());
            j += 1;
        } else {
            current.first.push(first.written[i].clone());
            i += 1;
        }
    }
    if !current.first.is_empty() || !current.this.is_empty() {
        changes.push(current);
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Extraction, Quote};

    fn extraction(quotes: &[&str]) -> Extraction {
        Extraction {
            quotes: quotes
                .iter()
                .map(|text| Quote {
                    start: 0,
                    end: text.len(),
                    text: (*text).to_owned(),
                    source: Some("spokesperson".to_owned()),
                    via: Vec::new(),
                })
                .collect(),
            ..Extraction::default()
        }
    }

    fn reports(extractions: &[Extraction]) -> Vec<Report<'_>> {
        extractions
            .iter()
            .map(|extraction| Report {
                outlet: "outlet",
                extraction,
                copy_of: None,
            })
            .collect()
    }

    #[test]
    fn the_same_quote_in_two_reports_is_one_group_whatever_the_spelling() {
        let extractions = [
            extraction(&["تم القضاء على عشرات المهاجمين"]),
            extraction(&["تمّ القضاء على عشرات المهاجمين"]),
            extraction(&["لا علاقة لهذا الكلام بما سبق أبدا"]),
        ];
        let groups = match_quotes(&reports(&extractions));
        assert_eq!(groups.len(), 1);
        assert!(groups[0].identical);
        assert_eq!(groups[0].voices, 1);
        let carried: Vec<usize> = groups[0].mentions.iter().map(|m| m.report).collect();
        assert_eq!(carried, [0, 1]);
    }

    #[test]
    fn a_quote_that_differs_in_a_word_shows_the_words() {
        let extractions = [
            extraction(&["حاولت القوى اقتحام مبان إدارية وقسم شرطة المدينة"]),
            extraction(&["حاولت القوى اقتحام مبان إدارية ومركز شرطة المدينة"]),
        ];
        let groups = match_quotes(&reports(&extractions));
        assert_eq!(groups.len(), 1);
        assert!(!groups[0].identical);
        assert!(groups[0].changes[0].is_empty());
        assert_eq!(
            groups[0].changes[1],
            [WordChange {
                first: vec!["وقسم".to_owned()],
                this: vec!["ومركز".to_owned()],
            }]
        );
    }

    #[test]
    fn different_statements_and_one_report_alone_make_no_group() {
        let extractions = [
            extraction(&[
                "سنعيد النظام إلى كل المدن قريبا",
                "سنعيد النظام إلى كل المدن قريبا",
            ]),
            extraction(&["لن نتفاوض مع أحد في هذه الظروف"]),
        ];
        assert!(match_quotes(&reports(&extractions)).is_empty());
    }

    #[test]
    fn jaccard_of_word_sets() {
        assert_eq!(jaccard(&["a", "b"], &["a", "b"]), 1.0);
        assert_eq!(jaccard(&["a", "b"], &["b", "c"]), 1.0 / 3.0);
        assert_eq!(jaccard(&["a"], &["b"]), 0.0);
    }
}
