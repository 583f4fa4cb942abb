//! What grouping needs of one article, computed once: its content words (light stems, stop
//! words left out), the places and people it names, the countries it is set in, when it was
//! published, and a MinHash of its wording for telling copies apart from reports.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::minhash::MinHash;
use crate::corpus::Article;
use crate::extract::{Extraction, Lexicon, SourceType};
use crate::hash::stable_hash;
use crate::text::{TokenKind, Tokens, light_stem};

/// Shortest stem, in chars, that says something of a story: shorter ones are mostly particles.
const MIN_STEM_CHARS: usize = 3;
/// A headline word counts this many times over: the headline says what the report is about.
const HEADLINE_BOOST: f32 = 1.0;
/// Places and people weigh more than words: two reports of one event name the same ones.
const PLACE_WEIGHT: f32 = 1.5;
const NAME_WEIGHT: f32 = 1.5;
/// A country is one the report is set in when it has at least this share of the most named
/// country's mentions; a country named once in passing (aid sent from X) is not.
const MAIN_COUNTRY_SHARE: f32 = 0.34;

/// What an article brings to grouping. Serialisable, so that a cache can keep it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Signature {
    /// Weighted features by key: stems, places and names, each weighted by its count in the
    /// article (1 + ln count), before rarity is known.
    pub features: Vec<(u64, f32)>,
    /// Places named, canonical, most named first.
    pub places: Vec<String>,
    /// Countries the report is set in, as hashes of their names, sorted.
    pub countries: Vec<u64>,
    /// Publication time, seconds since the epoch.
    pub published: Option<i64>,
    /// The wording, for copies.
    pub minhash: MinHash,
    /// Order-independent identity: a hash of the article's key and text, for ties.
    pub identity: u64,
}

/// The key of a feature: a stem, a place or a name, each in a space of its own.
fn feature_key(space: &str, name: &str) -> u64 {
    let mut bytes = Vec::with_capacity(space.len() + name.len() + 1);
    bytes.extend_from_slice(space.as_bytes());
    bytes.push(0);
    bytes.extend_from_slice(name.as_bytes());
    stable_hash(&bytes)
}

impl Signature {
    /// The signature as bytes for a cache; empty (read back as none) if it cannot be written.
    pub fn to_bytes(&self) -> Vec<u8> {
        postcard::to_allocvec(self).unwrap_or_default()
    }

    /// A signature from [`Signature::to_bytes`]; none for bytes that are not one.
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        postcard::from_bytes(bytes).ok()
    }

    /// The signature of `article`, with what extraction found in it.
    pub fn new(article: &Article, extraction: &Extraction, lexicon: &Lexicon) -> Self {
        let body = article.body_text();
        let mut counts: Vec<(u64, f32)> = Vec::new();
        // Agencies and outlets are in every story: their names are no evidence of one.
        let mut masked: Vec<std::ops::Range<usize>> = extraction
            .sources
            .iter()
            .filter(|source| {
                matches!(
                    source.source_type,
                    SourceType::Agency | SourceType::Outlet | SourceType::Anonymous
                )
            })
            .map(|source| source.start..source.end)
            .collect();
        masked.sort_by_key(|range| range.start);
        let body_tokens = Tokens::new(body);
        let mut masked_stems: Vec<&str> = Vec::new();
        add_stems(
            &body_tokens,
            article.body.start,
            &masked,
            1.0,
            lexicon,
            &mut counts,
            &mut masked_stems,
        );
        // The headline counts again, whether its own or the body's first sentence; an agency
        // named in the body is no evidence in the headline either.
        let title_tokens = Tokens::new(&article.title);
        let mut headline: Vec<(u64, f32)> = Vec::new();
        add_stems(
            &title_tokens,
            0,
            &[],
            HEADLINE_BOOST,
            lexicon,
            &mut headline,
            &mut Vec::new(),
        );
        masked_stems.sort_unstable();
        let masked_keys: Vec<u64> = masked_stems
            .iter()
            .map(|stem| feature_key("word", stem))
            .collect();
        counts.extend(
            headline
                .into_iter()
                .filter(|(key, _)| !masked_keys.contains(key)),
        );
        let mut place_counts: HashMap<&str, u32> = HashMap::new();
        let mut country_counts: HashMap<&str, u32> = HashMap::new();
        for place in &extraction.places {
            *place_counts.entry(&place.name).or_default() += 1;
            if let Some(country) = lexicon.country_of(&place.name) {
                *country_counts.entry(country).or_default() += 1;
            }
        }
        let mut places: Vec<(String, u32)> = place_counts
            .into_iter()
            .map(|(place, count)| (place.to_owned(), count))
            .collect();
        let countries: Vec<(&str, u32)> = country_counts.into_iter().collect();
        for (place, count) in &places {
            counts.push((feature_key("place", place), PLACE_WEIGHT * *count as f32));
        }
        for source in &extraction.sources {
            if matches!(
                source.source_type,
                SourceType::Official | SourceType::Person
            ) {
                counts.push((feature_key("name", &source.name), NAME_WEIGHT));
            }
        }
        places.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let most = countries.iter().map(|c| c.1).max().unwrap_or(0) as f32;
        let mut main_countries: Vec<u64> = countries
            .iter()
            .filter(|(_, count)| *count as f32 >= MAIN_COUNTRY_SHARE * most)
            .map(|(country, _)| feature_key("country", country))
            .collect();
        main_countries.sort_unstable();
        Signature {
            features: sublinear(counts),
            places: places.into_iter().map(|(place, _)| place).collect(),
            countries: main_countries,
            published: article.published_seconds(),
            minhash: MinHash::of_words(&body_tokens),
            identity: stable_hash(format!("{}\n{}", article.key, article.text).as_bytes()),
        }
    }
}

/// Adds one count per content word of `tokens` (scaled by `weight`), skipping words inside
/// `masked` byte ranges of the article (`offset` is where `tokens`' text starts in it), whose
/// stems go to `masked_stems`.
fn add_stems<'t>(
    tokens: &'t Tokens,
    offset: usize,
    masked: &[std::ops::Range<usize>],
    weight: f32,
    lexicon: &Lexicon,
    counts: &mut Vec<(u64, f32)>,
    masked_stems: &mut Vec<&'t str>,
) {
    let mut mask = masked.iter().peekable();
    for (index, token) in tokens.tokens.iter().enumerate() {
        if token.kind != TokenKind::Word {
            continue;
        }
        let start = offset.saturating_add(token.source.start);
        while mask.peek().is_some_and(|range| range.end <= start) {
            mask.next();
        }
        let stem = light_stem(tokens.text(index));
        if mask.peek().is_some_and(|range| range.start <= start) {
            masked_stems.push(stem);
            continue;
        }
        if stem.chars().count() < MIN_STEM_CHARS || lexicon.is_stop_stem(stem) {
            continue;
        }
        counts.push((feature_key("word", stem), weight));
    }
}

/// Sums the weights of equal keys and damps them (1 + ln sum), sorted by key: a word said ten
/// times is not ten times the evidence. In place, and no bigger than it needs: a signature is
/// kept for every article, and words repeat.
fn sublinear(mut counts: Vec<(u64, f32)>) -> Vec<(u64, f32)> {
    counts.sort_unstable_by_key(|&(key, _)| key);
    counts.dedup_by(|next, kept| {
        let same = next.0 == kept.0;
        if same {
            kept.1 += next.1;
        }
        same
    });
    for (_, weight) in &mut counts {
        *weight = 1.0 + weight.max(1.0).ln();
    }
    counts.shrink_to_fit();
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::article_from_bytes;
    use crate::extract::extract;

    fn signature(text: &str) -> Signature {
        let article = article_from_bytes("a.txt", text.as_bytes(), &mut Vec::new())
            .unwrap()
            .remove(0);
        let lexicon = Lexicon::builtin();
        let extraction = extract(&article.text, article.body.clone(), lexicon);
        Signature::new(&article, &extraction, lexicon)
    }

    #[test]
    fn inflections_meet_and_stop_words_and_agencies_are_left_out() {
        let a = signature("ضرب زلزال قوي المدينة وقالت وكالة رويترز إن الزلزال دمر المباني.");
        let b = signature("الزلزال يدمر مباني في المدينة.");
        let quake = feature_key("word", light_stem(&crate::text::normalize("زلزال")));
        assert!(a.features.iter().any(|f| f.0 == quake));
        assert!(b.features.iter().any(|f| f.0 == quake));
        for word in ["قالت", "رويترز", "المدينة", "وكالة"] {
            let key = feature_key("word", light_stem(&crate::text::normalize(word)));
            assert!(!a.features.iter().any(|f| f.0 == key), "{word}");
        }
    }

    #[test]
    fn places_and_their_country_are_read_from_the_lexicon() {
        let s = signature("اشتباكات في ألماتي، أكبر مدن كازاخستان، وفي ألمآتا وسط المدينة.");
        assert_eq!(s.places.first().map(String::as_str), Some("Almaty"));
        assert_eq!(s.countries, vec![feature_key("country", "Kazakhstan")]);
    }

    #[test]
    fn an_article_with_no_words_has_an_empty_signature() {
        let s = signature("١٢٣ ، ٤٥٦ .");
        assert!(s.features.is_empty());
        assert!(s.places.is_empty());
        assert_eq!(s.published, None);
    }
}
