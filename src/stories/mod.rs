//! Stories: which articles report the same event. Feeds mix every event of the day; a claim
//! may only be compared with reports of its own event.
//!
//! Each article becomes a [`Signature`] (content words, places, people, countries, date, a
//! MinHash of its wording). Words are weighted by rarity over the corpus (TF-IDF) and compared
//! by cosine; candidates come from an inverted index on each article's rarest features, so the
//! work grows with the articles, never with their pairs. Two articles are linked when similar
//! enough for the days between them, and a story never spans two countries nor more than six
//! weeks: two floods a month apart stay two stories. Links are taken strongest first, so the
//! stories of a set do not depend on the order it arrived in. Copies of one report (MinHash of
//! four-word shingles) are one story and one voice. Figures are left out on purpose: reports
//! of one event disagree on them, and that is what comparing is for.

pub mod minhash;
pub mod signature;

use std::borrow::Borrow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use rayon::prelude::*;

use crate::corpus::Article;
use crate::extract::{Extraction, Lexicon};
use crate::text::counted;

pub use minhash::MinHash;
pub use signature::Signature;

const SECONDS_PER_DAY: i64 = 86_400;
/// Features of an article kept for similarity, the heaviest: the tail adds little but time.
const VECTOR_FEATURES: usize = 96;
/// Features an article looks for candidates under: its heaviest that other articles share.
const QUERY_FEATURES: usize = 12;
/// A feature listed for more articles than this finds no candidates: too common to tell
/// stories apart, and scanning it would make the work quadratic.
const MAX_POSTING: usize = 1_000;
/// Candidates compared per article, those sharing most indexed features first.
const MAX_CANDIDATES: usize = 64;
/// Rarity is measured as if the corpus held at least this many articles: in a folder of five
/// reports of one event every word they share would otherwise count as common, and only the
/// words each uses alone as telling.
const PRIOR_ARTICLES: usize = 1_000;
/// Least similarity kept as an edge at all (for centrality and for later links).
const EDGE_FLOOR: f32 = 0.08;
/// Least cosine similarity of two reports of one event published the same day.
const LINK_SIMILARITY: f32 = 0.16;
/// How much more similarity each day between two reports asks for.
const SIMILARITY_PER_DAY: f32 = 0.002;
/// How much more similarity two reports set in different countries ask for: the country is
/// told by place names, which also name victims' nationalities and foreign reactions.
const OTHER_COUNTRY_PENALTY: f32 = 0.08;
/// Reports further apart than this are never linked directly.
const MAX_LINK_DAYS: i64 = 24;
/// A story spans at most this many days.
const MAX_STORY_DAYS: i64 = 42;
/// Least estimated Jaccard similarity of the wording of two copies of one report.
const COPY_SIMILARITY: f32 = 0.5;
/// Articles of one MinHash band checked for copies of a new one: copies agree on most bands,
/// so the first few of each are enough.
const BAND_CHECKS: usize = 4;

/// One event's reports.
#[derive(Clone, Debug, PartialEq)]
pub struct Story {
    /// "s1", "s2" …: the story's place in [`Stories::stories`], stable for the same input.
    pub id: String,
    /// Its articles (indexes of the grouped set), oldest first.
    pub articles: Vec<usize>,
    /// Groups of two or more articles that are copies of one report, each oldest first.
    pub copies: Vec<Vec<usize>>,
    /// The most central report: the one most like the others, whose headline titles the story.
    pub central: usize,
    /// The places most of its reports name, most named first.
    pub places: Vec<String>,
    /// First and last publication time, seconds since the epoch, when the reports say.
    pub from: Option<i64>,
    pub to: Option<i64>,
}

/// Every article in exactly one story.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Stories {
    /// Biggest first, then newest.
    pub stories: Vec<Story>,
    /// For each article, the index of its story.
    pub story_of: Vec<usize>,
    /// For each article, the first of its copies (itself when it has none): its voice.
    pub copy_of: Vec<usize>,
}

impl Stories {
    /// The story of article `index`.
    pub fn of(&self, index: usize) -> Option<&Story> {
        self.stories.get(*self.story_of.get(index)?)
    }

    /// The other copies of article `index`: the same report carried elsewhere.
    pub fn copies_of(&self, index: usize) -> Vec<usize> {
        self.of(index)
            .and_then(|story| story.copies.iter().find(|group| group.contains(&index)))
            .map(|group| group.iter().copied().filter(|&i| i != index).collect())
            .unwrap_or_default()
    }
}

/// The signatures of `articles`, with what extraction found in each, computed in parallel.
pub fn signatures<E: Borrow<Extraction> + Sync>(
    articles: &[Article],
    extractions: &[E],
    lexicon: &Lexicon,
) -> Vec<Signature> {
    articles
        .par_iter()
        .zip(extractions)
        .map(|(article, extraction)| Signature::new(article, extraction.borrow(), lexicon))
        .collect()
}

/// Groups a whole set of articles into stories.
pub fn group<E: Borrow<Extraction> + Sync>(
    articles: &[Article],
    extractions: &[E],
    lexicon: &Lexicon,
) -> Stories {
    Grouper::group(signatures(articles, extractions, lexicon)).stories()
}

/// What comparing found in one story.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Claims its reports make.
    pub claims: usize,
    /// Those with values that cannot both hold.
    pub conflicts: usize,
}

/// A story in one line: "5 reports · 4 outlets · 1–14 Jan 2024 · 1 conflict". Copies of one
/// report count once; the outlets are the distinct names of `articles`' publishers.
pub fn summary(story: &Story, articles: &[Article], tally: &Tally) -> String {
    let copies: usize = story.copies.iter().map(|group| group.len() - 1).sum();
    let reports = story.articles.len() - copies;
    let mut outlets: Vec<&str> = story
        .articles
        .iter()
        .map(|&article| articles[article].outlet())
        .collect();
    outlets.sort_unstable();
    outlets.dedup();
    let mut parts = vec![
        counted(reports, "report", "reports"),
        counted(outlets.len(), "outlet", "outlets"),
    ];
    let days = date_span(story.from, story.to);
    if !days.is_empty() {
        parts.push(days);
    }
    if tally.conflicts > 0 {
        parts.push(counted(tally.conflicts, "conflict", "conflicts"));
    } else if tally.claims > 0 {
        parts.push(counted(tally.claims, "claim", "claims"));
    }
    parts.join(" · ")
}

/// A story's days as a reader wants them in a list: "1–14 Jan 2024", "28 Feb – 3 Mar 2023",
/// "3 Jan 2024"; empty when no report is dated.
pub fn date_span(from: Option<i64>, to: Option<i64>) -> String {
    let day = |seconds: i64| chrono::DateTime::from_timestamp(seconds, 0).map(|t| t.date_naive());
    let (Some(from), Some(to)) = (from.and_then(day), to.and_then(day)) else {
        return String::new();
    };
    use chrono::Datelike as _;
    if from == to {
        from.format("%-d %b %Y").to_string()
    } else if (from.year(), from.month()) == (to.year(), to.month()) {
        format!("{}–{}", from.format("%-d"), to.format("%-d %b %Y"))
    } else if from.year() == to.year() {
        format!("{} – {}", from.format("%-d %b"), to.format("%-d %b %Y"))
    } else {
        format!("{} – {}", from.format("%-d %b %Y"), to.format("%-d %b %Y"))
    }
}

/// A similarity between two articles.
#[derive(Clone, Copy, Debug)]
struct Edge {
    a: u32,
    b: u32,
    similarity: f32,
}

/// Groups articles into stories, all at once ([`Grouper::group`]) or one by one as they
/// arrive ([`Grouper::add`]), which places the new one without regrouping the rest.
#[derive(Clone, Debug, Default)]
pub struct Grouper {
    /// The articles' signatures, their features dropped once weighted into `vectors`.
    signatures: Vec<Signature>,
    /// Each article's features weighted by rarity, unit length, sorted by key.
    vectors: Vectors,
    document_frequency: KeyMap<u32>,
    /// Articles counted into `document_frequency`.
    counted: usize,
    /// Feature → articles that have it.
    postings: KeyMap<Ids>,
    /// MinHash band → articles with it.
    bands: KeyMap<Ids>,
    story_sets: DisjointSets,
    copy_sets: DisjointSets,
    /// For each story root: first and last publication time.
    spans: Vec<Option<(i64, i64)>>,
    /// For each story root: the countries its reports are set in, sorted.
    countries: Vec<Vec<u64>>,
    edges: Vec<Edge>,
}

impl Grouper {
    /// Groups a whole set at once: rarity from all of it, then every link strongest first.
    pub fn group(mut signatures: Vec<Signature>) -> Self {
        let mut grouper = Grouper::default();
        for signature in &signatures {
            grouper.count_features(signature);
        }
        // Each signature's features give way to its weighted vector, then move to `vectors`.
        signatures
            .par_iter_mut()
            .for_each(|signature| signature.features = grouper.vector(signature));
        let features = signatures.iter().map(|s| s.features.len()).sum();
        grouper.vectors.reserve(signatures.len(), features);
        for (index, signature) in signatures.iter_mut().enumerate() {
            grouper
                .vectors
                .push(std::mem::take(&mut signature.features));
            grouper.push_article(signature, index as u32);
        }
        grouper.signatures = signatures;
        let count = grouper.signatures.len();
        // Each pair once, however many sides find it, before the costly part: its similarity.
        let mut pairs: Vec<(u32, u32)> = (0..count as u32)
            .into_par_iter()
            .map_init(
                || Shared::new(count),
                |shared, index| grouper.candidates(index, shared),
            )
            .flat_map_iter(|candidates| candidates)
            .collect();
        pairs.par_sort_unstable();
        pairs.dedup();
        let mut edges: Vec<Edge> = pairs
            .par_iter()
            .filter_map(|&(a, b)| grouper.edge(a, b))
            .collect();
        let copies: Vec<(u32, u32)> = (0..count as u32)
            .into_par_iter()
            .flat_map_iter(|index| grouper.copies(index))
            .collect();
        for (a, b) in copies {
            grouper.join_copies(a, b);
        }
        grouper.sort_edges(&mut edges);
        for edge in &edges {
            grouper.link(*edge);
        }
        grouper.edges = edges;
        grouper
    }

    /// Places one more article: it joins the story it is most like, or starts one. Rarity is
    /// what the articles so far tell; the others keep their stories.
    pub fn add(&mut self, mut signature: Signature) -> usize {
        self.count_features(&signature);
        let vector = self.vector(&signature);
        let index = self.signatures.len() as u32;
        self.vectors.push(vector);
        signature.features = Vec::new();
        self.push_article(&signature, index);
        self.signatures.push(signature);
        for (a, b) in self.copies(index) {
            self.join_copies(a, b);
        }
        let mut edges: Vec<Edge> = self
            .candidates(index, &mut Shared::new(self.signatures.len()))
            .into_iter()
            .filter_map(|(a, b)| self.edge(a, b))
            .collect();
        self.sort_edges(&mut edges);
        for edge in &edges {
            self.link(*edge);
        }
        self.edges.extend(edges);
        index as usize
    }

    /// How many articles have been grouped.
    pub fn len(&self) -> usize {
        self.signatures.len()
    }

    /// True before the first article.
    pub fn is_empty(&self) -> bool {
        self.signatures.is_empty()
    }

    /// The stories as they stand.
    pub fn stories(&self) -> Stories {
        let count = self.signatures.len();
        let story_root: Vec<u32> = (0..count as u32).map(|i| self.root(i)).collect();
        let copy_root: Vec<u32> = (0..count as u32).map(|i| self.copy_root(i)).collect();
        let mut members: HashMap<u32, Vec<usize>> = HashMap::new();
        for (index, &root) in story_root.iter().enumerate() {
            members.entry(root).or_default().push(index);
        }
        let mut centrality = vec![0.0f32; count];
        for edge in &self.edges {
            if story_root[edge.a as usize] == story_root[edge.b as usize] {
                centrality[edge.a as usize] += edge.similarity;
                centrality[edge.b as usize] += edge.similarity;
            }
        }
        let mut stories: Vec<Story> = members
            .into_values()
            .map(|articles| self.story(articles, &copy_root, &centrality))
            .collect();
        stories.sort_by(|a, b| {
            b.articles
                .len()
                .cmp(&a.articles.len())
                .then(b.to.cmp(&a.to))
                .then_with(|| {
                    self.identity(a.articles[0])
                        .cmp(&self.identity(b.articles[0]))
                })
        });
        let mut story_of = vec![0; count];
        let mut copy_of: Vec<usize> = (0..count).collect();
        for (position, story) in stories.iter_mut().enumerate() {
            story.id = format!("s{}", position + 1);
            for &article in &story.articles {
                story_of[article] = position;
            }
            for group in &story.copies {
                for &article in group {
                    copy_of[article] = group[0];
                }
            }
        }
        Stories {
            stories,
            story_of,
            copy_of,
        }
    }

    fn story(&self, mut articles: Vec<usize>, copy_root: &[u32], centrality: &[f32]) -> Story {
        let order = |&a: &usize, &b: &usize| {
            let (sa, sb) = (&self.signatures[a], &self.signatures[b]);
            sa.published
                .unwrap_or(i64::MAX)
                .cmp(&sb.published.unwrap_or(i64::MAX))
                .then(sa.identity.cmp(&sb.identity))
        };
        articles.sort_by(order);
        let mut by_copy: HashMap<u32, Vec<usize>> = HashMap::new();
        for &article in &articles {
            by_copy.entry(copy_root[article]).or_default().push(article);
        }
        let mut copies: Vec<Vec<usize>> = by_copy
            .into_values()
            .filter(|group| group.len() > 1)
            .collect();
        copies.sort_by(|a, b| order(&a[0], &b[0]));
        let central = articles
            .iter()
            .copied()
            .max_by(|&a, &b| {
                centrality[a]
                    .total_cmp(&centrality[b])
                    .then_with(|| order(&b, &a))
            })
            .unwrap_or(articles[0]);
        let mut place_counts: HashMap<&str, usize> = HashMap::new();
        for &article in &articles {
            for place in self.signatures[article].places.iter().take(5) {
                *place_counts.entry(place).or_default() += 1;
            }
        }
        let mut places: Vec<(&str, usize)> = place_counts.into_iter().collect();
        places.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let times = articles
            .iter()
            .filter_map(|&article| self.signatures[article].published);
        let (from, to) = (times.clone().min(), times.max());
        Story {
            id: String::new(),
            articles,
            copies,
            central,
            places: places
                .into_iter()
                .take(3)
                .map(|(place, _)| place.to_owned())
                .collect(),
            from,
            to,
        }
    }

    fn identity(&self, index: usize) -> u64 {
        self.signatures[index].identity
    }

    fn count_features(&mut self, signature: &Signature) {
        self.counted += 1;
        for &(key, _) in &signature.features {
            *self.document_frequency.entry(key).or_default() += 1;
        }
    }

    /// `signature`'s features weighted by rarity ((1 + ln count) × ln(1 + N / df)), the heaviest
    /// kept, at unit length, sorted by key.
    fn vector(&self, signature: &Signature) -> Vec<(u64, f32)> {
        let articles = self.counted.max(PRIOR_ARTICLES) as f32;
        let mut weighted: Vec<(u64, f32)> = signature
            .features
            .iter()
            .map(|&(key, weight)| {
                let frequency = self.document_frequency.get(&key).copied().unwrap_or(1) as f32;
                (key, weight * (1.0 + articles / frequency).ln())
            })
            .collect();
        if weighted.len() > VECTOR_FEATURES {
            weighted.select_nth_unstable_by(VECTOR_FEATURES, |a, b| {
                b.1.total_cmp(&a.1).then(a.0.cmp(&b.0))
            });
            weighted.truncate(VECTOR_FEATURES);
        }
        let norm = weighted.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        if norm > 0.0 {
            for (_, weight) in &mut weighted {
                *weight /= norm;
            }
        }
        weighted.sort_unstable_by_key(|&(key, _)| key);
        weighted
    }

    /// Lists article `index` in the index and makes it a story and a report of its own.
    fn push_article(&mut self, signature: &Signature, index: u32) {
        for &key in self.vectors.keys(index) {
            add_id(&mut self.postings, key, index);
        }
        for band in signature.minhash.bands() {
            add_id(&mut self.bands, band, index);
        }
        self.story_sets.push();
        self.copy_sets.push();
        self.spans
            .push(signature.published.map(|time| (time, time)));
        self.countries.push(signature.countries.clone());
    }

    /// The articles sharing most indexed features with article `index`, as pairs (lower index
    /// first) for [`Grouper::edge`]; `shared` is scratch space for as many articles as there are.
    fn candidates(&self, index: u32, shared: &mut Shared) -> Vec<(u32, u32)> {
        let (keys, weights) = (self.vectors.keys(index), self.vectors.weights(index));
        // The heaviest features another article has too: a word only this one uses finds none.
        let mut heaviest: Vec<(&[u32], f32)> = keys
            .iter()
            .zip(weights)
            .filter_map(|(key, &weight)| {
                let posting = self.postings.get(key)?.as_slice();
                (posting.len() > 1 && posting.len() <= MAX_POSTING).then_some((posting, weight))
            })
            .collect();
        heaviest.sort_unstable_by(|a, b| b.1.total_cmp(&a.1));
        for &(posting, _) in heaviest.iter().take(QUERY_FEATURES) {
            for &other in posting {
                if other != index {
                    shared.count(other);
                }
            }
        }
        let mut ranked = shared.drain();
        // Most shared first, ties by identity: a total order, so the first few are the same
        // whatever order the counts came in.
        let order = |a: &(u32, u32), b: &(u32, u32)| {
            b.1.cmp(&a.1)
                .then_with(|| {
                    self.identity(a.0 as usize)
                        .cmp(&self.identity(b.0 as usize))
                })
                .then(a.0.cmp(&b.0))
        };
        if ranked.len() > MAX_CANDIDATES {
            ranked.select_nth_unstable_by(MAX_CANDIDATES, order);
            ranked.truncate(MAX_CANDIDATES);
        }
        ranked
            .into_iter()
            .map(|(other, _)| (index.min(other), index.max(other)))
            .collect()
    }

    /// The edge between articles `a` and `b`, if they are similar enough to keep one.
    fn edge(&self, a: u32, b: u32) -> Option<Edge> {
        let similarity = cosine(
            (self.vectors.keys(a), self.vectors.weights(a)),
            (self.vectors.keys(b), self.vectors.weights(b)),
        );
        (similarity >= EDGE_FLOOR).then_some(Edge { a, b, similarity })
    }

    /// Copies of article `index` among the articles sharing a MinHash band with it.
    fn copies(&self, index: u32) -> Vec<(u32, u32)> {
        let minhash = &self.signatures[index as usize].minhash;
        let mut found = Vec::new();
        for band in minhash.bands() {
            let Some(articles) = self.bands.get(&band) else {
                continue;
            };
            let earlier = articles.as_slice().iter().filter(|&&o| o < index);
            for &other in earlier.take(BAND_CHECKS) {
                let other_hash = &self.signatures[other as usize].minhash;
                if minhash.similarity(other_hash) >= COPY_SIMILARITY {
                    found.push((other, index));
                }
            }
        }
        found.sort_unstable();
        found.dedup();
        found
    }

    /// Strongest first; equal ones by the articles' identities, never by arrival.
    fn sort_edges(&self, edges: &mut [Edge]) {
        let key = |edge: &Edge| {
            let (a, b) = (
                self.identity(edge.a as usize),
                self.identity(edge.b as usize),
            );
            (a.min(b), a.max(b))
        };
        edges.sort_by(|x, y| {
            y.similarity
                .total_cmp(&x.similarity)
                .then_with(|| key(x).cmp(&key(y)))
        });
    }

    /// Joins the stories of two articles when they are alike enough for the days between them,
    /// and the joined story stays in one country and within its span.
    fn link(&mut self, edge: Edge) {
        let (a, b) = (self.root(edge.a), self.root(edge.b));
        if a == b {
            return;
        }
        let days = match (
            self.signatures[edge.a as usize].published,
            self.signatures[edge.b as usize].published,
        ) {
            (Some(x), Some(y)) => (x - y).abs() / SECONDS_PER_DAY,
            _ => 0,
        };
        let (ca, cb) = (&self.countries[a as usize], &self.countries[b as usize]);
        let other_countries =
            !ca.is_empty() && !cb.is_empty() && !ca.iter().any(|c| cb.binary_search(c).is_ok());
        let needed = LINK_SIMILARITY
            + SIMILARITY_PER_DAY * days as f32
            + if other_countries {
                OTHER_COUNTRY_PENALTY
            } else {
                0.0
            };
        if days > MAX_LINK_DAYS || edge.similarity < needed {
            return;
        }
        if let (Some((a_from, a_to)), Some((b_from, b_to))) =
            (self.spans[a as usize], self.spans[b as usize])
            && (a_to.max(b_to) - a_from.min(b_from)) / SECONDS_PER_DAY > MAX_STORY_DAYS
        {
            return;
        }
        self.union(a, b);
    }

    /// Copies are one report: one story whatever their dates or places.
    fn join_copies(&mut self, a: u32, b: u32) {
        self.copy_sets.union(a, b);
        let (sa, sb) = (self.root(a), self.root(b));
        if sa != sb {
            self.union(sa, sb);
        }
    }

    /// Merges two story roots, their spans and their countries.
    fn union(&mut self, a: u32, b: u32) {
        let Some((keep, gone)) = self.story_sets.union(a, b) else {
            return;
        };
        let span = match (self.spans[keep as usize], self.spans[gone as usize]) {
            (Some((f1, t1)), Some((f2, t2))) => Some((f1.min(f2), t1.max(t2))),
            (span, None) | (None, span) => span,
        };
        self.spans[keep as usize] = span;
        let gone_countries = std::mem::take(&mut self.countries[gone as usize]);
        let countries = &mut self.countries[keep as usize];
        countries.extend(gone_countries);
        countries.sort_unstable();
        countries.dedup();
    }

    fn root(&self, index: u32) -> u32 {
        self.story_sets.find(index)
    }

    fn copy_root(&self, index: u32) -> u32 {
        self.copy_sets.find(index)
    }
}

/// Union-find by size: a find walks at most log n parents, with no need to mutate on reads.
#[derive(Clone, Debug, Default)]
struct DisjointSets {
    parent: Vec<u32>,
    size: Vec<u32>,
}

impl DisjointSets {
    /// Adds a set of one.
    fn push(&mut self) {
        self.parent.push(self.parent.len() as u32);
        self.size.push(1);
    }

    fn find(&self, mut index: u32) -> u32 {
        while self.parent[index as usize] != index {
            index = self.parent[index as usize];
        }
        index
    }

    /// Joins the sets of `a` and `b`: the root kept and the root joined to it, or `None` when
    /// they were one set already.
    fn union(&mut self, a: u32, b: u32) -> Option<(u32, u32)> {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return None;
        }
        let (keep, gone) = if self.size[ra as usize] >= self.size[rb as usize] {
            (ra, rb)
        } else {
            (rb, ra)
        };
        self.parent[gone as usize] = keep;
        self.size[keep as usize] += self.size[gone as usize];
        Some((keep, gone))
    }
}

/// The dot product of two unit vectors sorted by key. The merge steps without branching on
/// which key is smaller, as most keys of two articles differ: mispredictions were its cost.
fn cosine((a_keys, a_weights): (&[u64], &[f32]), (b_keys, b_weights): (&[u64], &[f32])) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a_keys.len() && j < b_keys.len() {
        let (a, b) = (a_keys[i], b_keys[j]);
        if a == b {
            sum += a_weights[i] * b_weights[j];
        }
        i += usize::from(a <= b);
        j += usize::from(b <= a);
    }
    sum
}

/// Every article's weighted features in two flat arrays, article by article: one allocation
/// for them all rather than one each, and keys apart from weights for the merge in [`cosine`].
#[derive(Clone, Debug, Default)]
struct Vectors {
    keys: Vec<u64>,
    weights: Vec<f32>,
    /// Where each article's features end.
    ends: Vec<usize>,
}

impl Vectors {
    /// Room for `articles` more articles of `features` features in all.
    fn reserve(&mut self, articles: usize, features: usize) {
        self.keys.reserve_exact(features);
        self.weights.reserve_exact(features);
        self.ends.reserve_exact(articles);
    }

    fn push(&mut self, vector: Vec<(u64, f32)>) {
        for (key, weight) in vector {
            self.keys.push(key);
            self.weights.push(weight);
        }
        self.ends.push(self.keys.len());
    }

    fn range(&self, index: u32) -> std::ops::Range<usize> {
        let index = index as usize;
        let start = if index == 0 { 0 } else { self.ends[index - 1] };
        start..self.ends[index]
    }

    fn keys(&self, index: u32) -> &[u64] {
        &self.keys[self.range(index)]
    }

    fn weights(&self, index: u32) -> &[f32] {
        &self.weights[self.range(index)]
    }
}

/// Counts of features shared with each article, by index: an array rather than a map, as one
/// article meets thousands of others through its features; only those met are reset.
struct Shared {
    counts: Vec<u32>,
    met: Vec<u32>,
}

impl Shared {
    fn new(articles: usize) -> Self {
        Shared {
            counts: vec![0; articles],
            met: Vec::new(),
        }
    }

    fn count(&mut self, article: u32) {
        let count = &mut self.counts[article as usize];
        if *count == 0 {
            self.met.push(article);
        }
        *count += 1;
    }

    /// The articles met with their counts, and the counts back to zero.
    fn drain(&mut self) -> Vec<(u32, u32)> {
        self.met
            .drain(..)
            .map(|article| {
                let count = std::mem::take(&mut self.counts[article as usize]);
                (article, count)
            })
            .collect()
    }
}

/// The articles listed under one key. Most keys list one (a band of one article's sketch, a
/// word one article uses): it is kept inline rather than in a vector of its own.
#[derive(Clone, Debug)]
enum Ids {
    One(u32),
    Many(Vec<u32>),
}

impl Ids {
    fn as_slice(&self) -> &[u32] {
        match self {
            Ids::One(id) => std::slice::from_ref(id),
            Ids::Many(ids) => ids,
        }
    }
}

/// Lists article `id` under `key`.
fn add_id(map: &mut KeyMap<Ids>, key: u64, id: u32) {
    map.entry(key)
        .and_modify(|ids| match ids {
            Ids::One(first) => *ids = Ids::Many(vec![*first, id]),
            Ids::Many(list) => list.push(id),
        })
        .or_insert(Ids::One(id));
}

/// Maps keyed by hashes of ours ([`crate::hash`]): spread well already, so used as they are.
type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<KeyHasher>>;

/// Passes a `u64` key through: SipHash over keys that are hashes already is time spent on
/// nothing.
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = crate::hash::mix(self.0 ^ u64::from(byte));
        }
    }

    fn write_u64(&mut self, key: u64) {
        self.0 = key;
    }
}

#[cfg(test)]
mod tests;
