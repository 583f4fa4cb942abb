//! Many distinct events for benchmarks of stories, made from the development set
//! (`tests/data/events/reports`: thirteen events, 58 reports). A repeated sample is one event
//! over and over; grouping must be measured on thousands of events that look as alike as real
//! ones do: two floods share the words of floods, not the name of the town.
//!
//! Each synthetic event takes two to six reports of one development event (more than it has:
//! some twice, as copies carried by two feeds) and makes them its own:
//! - places the lexicon knows move to another country and its cities, the same way in every
//!   report of the event;
//! - words are shared with the rest of the corpus as two real events share them: each
//!   synthetic event picks a development event of its own's kind (one of the two whose words
//!   are most alike: another quake, another crush) and keeps the words the two have in common,
//!   and those of a quarter of all events (the words of tolls, of rescue, of reporting); every
//!   other word (its town, its storm, its officials' names) becomes a word of a made-up
//!   vocabulary, drawn per event: new events bring new words;
//! - the reports keep the days between them, moved to a day of 2024; years follow;
//! - every other figure moves by an amount of the event's;
//! - sentences after the lead are dropped now and then, and later paragraphs reordered.
//!
//! Deterministic: the same count gives the same reports, and a smaller count is a prefix of a
//! larger one (the same events, spread over the same year).

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fs;
use std::ops::Range;

use sanad::corpus::{Corpus, article_from_bytes};
use sanad::extract::{Lexicon, SourceType, extract};
use sanad::hash::{mix, stable_hash};
use sanad::text::{TokenKind, Tokens, light_stem};
use serde::{Deserialize, Serialize};

/// The development set's reports, one JSON object a file.
const REPORTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/events/reports");
/// The lexicon's places: names, countries and spellings.
const PLACES: &str = include_str!("../../assets/lexicon/sources.toml");
/// Reports per synthetic event, at least and at most.
const REPORTS_PER_EVENT: Range<usize> = 2..7;
/// 2024-01-01T00:00:00Z: synthetic events start within the year after.
const YEAR_START: i64 = 1_704_067_200;
const YEAR_SECONDS: i64 = 366 * 86_400;
/// Made-up words events draw their own from: large enough that two events rarely share one,
/// small enough that a few do, as real rare words are shared.
const VOCABULARY: u64 = 200_000;
/// Development events of one's kind a synthetic event picks its shared words from.
const PARTNERS: usize = 2;
/// A stem used by one development event in this many or more is a word of all news, kept.
const COMMON_SHARE: usize = 4;
/// Stems shorter than this are particles, whatever event they occur in.
const MIN_STEM_CHARS: usize = 3;
/// Chance of dropping a sentence after the lead, and of swapping two later paragraphs, in %.
const DROP_SENTENCE: u64 = 12;
const SWAP_PARAGRAPHS: u64 = 30;
/// Letters of made-up words: none is a clitic or an ending the stemmer cuts (و ا ل ه ي ت ن),
/// so a word keeps its stem whatever clitics it is given.
const CONSONANTS: [char; 21] = [
    'ب', 'ث', 'ج', 'ح', 'خ', 'د', 'ذ', 'ر', 'ز', 'س', 'ش', 'ص', 'ض', 'ط', 'ظ', 'ع', 'غ', 'ف', 'ق',
    'ك', 'م',
];
/// A long vowel after a made-up word's first letter, or none.
const VOWELS: [&str; 4] = ["", "ا", "و", "ي"];

/// One report as the development set writes it, and as the generated files are written.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Report {
    pub id: String,
    pub title: String,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    pub body: String,
}

/// A generated report and the synthetic event it reports.
#[derive(Clone, Debug)]
pub struct Synthetic {
    pub event: usize,
    pub report: Report,
}

/// The first `count` reports of the synthetic events, in event order.
pub fn reports(count: usize) -> Vec<Synthetic> {
    let generator = Generator::new();
    let mut reports = Vec::with_capacity(count);
    for event in 0.. {
        if reports.len() >= count {
            break;
        }
        reports.extend(generator.event(event));
    }
    reports.truncate(count);
    reports
}

/// `reports` read as `sanad` reads them from `ID.json` files.
pub fn corpus(reports: &[Synthetic]) -> Corpus {
    let mut corpus = Corpus::default();
    for synthetic in reports {
        let report = &synthetic.report;
        let json = serde_json::to_vec(report).expect("a report is JSON");
        let path = format!("{}.json", report.id);
        let articles = article_from_bytes(&path, &json, &mut corpus.warnings)
            .expect("a generated report is an article");
        corpus.articles.extend(articles);
    }
    corpus
}

/// A lexicon place.
#[derive(Debug, Deserialize)]
struct Place {
    name: String,
    #[serde(default)]
    scope: Option<String>,
    #[serde(default)]
    country: Option<String>,
    spellings: Vec<String>,
}

impl Place {
    fn is_country(&self) -> bool {
        self.scope.as_deref() == Some("country")
    }

    /// The country it is in, itself for a country; `None` for a region.
    fn country(&self) -> Option<&str> {
        if self.is_country() {
            Some(&self.name)
        } else {
            self.country.as_deref()
        }
    }
}

#[derive(Debug, Deserialize)]
struct PlacesFile {
    places: Vec<Place>,
}

/// What a template changes in one stretch of its text.
#[derive(Clone, Debug)]
enum Change {
    /// A place the lexicon knows, by canonical name.
    Place(String),
    /// A word of its event alone: the clitics before its stem, the stem, the endings after.
    Word {
        prefix: String,
        stem: String,
        suffix: String,
    },
}

/// A title or body with the stretches that make it its event's.
#[derive(Clone, Debug, Default)]
struct Marked {
    text: String,
    changes: Vec<(Range<usize>, Change)>,
}

/// A development report ready to be made into others.
struct Template {
    report: Report,
    published: Option<i64>,
    title: Marked,
    body: Marked,
}

/// A development event: its reports, when it began and the country it is set in.
struct TemplateEvent {
    reports: Vec<Template>,
    first: i64,
    country: Option<String>,
    /// Its places, sorted, so that each synthetic event maps them in one order.
    places: Vec<String>,
    /// The stems of its words.
    stems: HashSet<String>,
    /// The development events of its kind: those whose words are most like its own.
    nearest: Vec<usize>,
}

struct Generator {
    events: Vec<TemplateEvent>,
    /// Stems a quarter of the development events or more use: the words of all news.
    common: HashSet<String>,
    places: HashMap<String, Place>,
    countries: Vec<String>,
    cities: HashMap<String, Vec<String>>,
}

impl Generator {
    fn new() -> Self {
        let lexicon = Lexicon::builtin();
        let file: PlacesFile = toml::from_str(PLACES).expect("the lexicon's places");
        let mut countries = Vec::new();
        let mut cities: HashMap<String, Vec<String>> = HashMap::new();
        for place in &file.places {
            if place.is_country() {
                countries.push(place.name.clone());
            } else if let Some(country) = &place.country {
                cities
                    .entry(country.clone())
                    .or_default()
                    .push(place.name.clone());
            }
        }
        let places: HashMap<String, Place> = file
            .places
            .into_iter()
            .map(|place| (place.name.clone(), place))
            .collect();

        let mut paths: Vec<_> = fs::read_dir(REPORTS)
            .expect("the development set")
            .map(|entry| entry.expect("a directory entry").path())
            .collect();
        paths.sort();
        let templates: Vec<(String, Template)> = paths
            .iter()
            .map(|path| {
                let report: Report = serde_json::from_slice(&fs::read(path).expect("a report"))
                    .expect("a report is JSON");
                let event = report.id.split("--").next().unwrap_or_default().to_owned();
                let published = report
                    .published
                    .as_deref()
                    .and_then(sanad::corpus::published_seconds);
                let template = Template {
                    title: marked(&report.title, lexicon),
                    body: marked(&report.body, lexicon),
                    published,
                    report,
                };
                (event, template)
            })
            .collect();

        let mut events: Vec<TemplateEvent> = Vec::new();
        let mut names: Vec<String> = Vec::new();
        for (name, template) in templates {
            if names.last() != Some(&name) {
                names.push(name);
                events.push(TemplateEvent {
                    reports: Vec::new(),
                    first: i64::MAX,
                    country: None,
                    places: Vec::new(),
                    stems: HashSet::new(),
                    nearest: Vec::new(),
                });
            }
            events.last_mut().expect("pushed").reports.push(template);
        }
        for event in &mut events {
            event.first = event
                .reports
                .iter()
                .filter_map(|t| t.published)
                .min()
                .unwrap_or(YEAR_START);
            let mut country_counts: HashMap<&str, usize> = HashMap::new();
            let mut names = BTreeSet::new();
            for template in &event.reports {
                for (_, change) in template.title.changes.iter().chain(&template.body.changes) {
                    match change {
                        Change::Place(name) => {
                            names.insert(name.clone());
                            if let Some(country) = places.get(name).and_then(Place::country) {
                                *country_counts.entry(country).or_default() += 1;
                            }
                        }
                        Change::Word { stem, .. } => {
                            event.stems.insert(stem.clone());
                        }
                    }
                }
            }
            event.country = country_counts
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
                .map(|(country, _)| country.to_owned());
            event.places = names.into_iter().collect();
        }
        for index in 0..events.len() {
            let stems = &events[index].stems;
            let mut others: Vec<(usize, f64)> = (0..events.len())
                .filter(|&other| other != index)
                .map(|other| {
                    let shared = stems.intersection(&events[other].stems).count() as f64;
                    let all = stems.union(&events[other].stems).count() as f64;
                    (other, shared / all)
                })
                .collect();
            others.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            events[index].nearest = others
                .iter()
                .take(PARTNERS)
                .map(|&(other, _)| other)
                .collect();
        }
        let mut events_using: HashMap<&str, usize> = HashMap::new();
        for stem in events.iter().flat_map(|event| &event.stems) {
            *events_using.entry(stem).or_default() += 1;
        }
        let common = events_using
            .into_iter()
            .filter(|&(_, count)| count * COMMON_SHARE >= events.len())
            .map(|(stem, _)| stem.to_owned())
            .collect();
        Generator {
            events,
            common,
            places,
            countries,
            cities,
        }
    }

    /// The reports of synthetic event `index`.
    fn event(&self, index: usize) -> Vec<Synthetic> {
        let mut rng = Rng::new(index as u64);
        let chosen = rng.below(self.events.len() as u64) as usize;
        let template = &self.events[chosen];
        let nearest = &template.nearest;
        let partner = &self.events[nearest[rng.below(nearest.len() as u64) as usize]];
        let renamed = |stem: &str| {
            stem.chars().count() >= MIN_STEM_CHARS
                && !partner.stems.contains(stem)
                && !self.common.contains(stem)
        };
        let count = REPORTS_PER_EVENT.start
            + rng.below((REPORTS_PER_EVENT.end - REPORTS_PER_EVENT.start) as u64) as usize;
        let spellings = self.place_spellings(template, &mut rng);
        let start = YEAR_START + rng.below(YEAR_SECONDS as u64) as i64;
        let years = year_of(start) - year_of(template.first);
        let delta = 1 + rng.below(40) as i64;
        let mut order: Vec<usize> = (0..template.reports.len()).collect();
        rng.shuffle(&mut order);
        (0..count)
            .map(|number| {
                let source = &template.reports[order[number % order.len()]];
                let rewrite = |marked: &Marked| {
                    let text = apply(marked, &spellings, renamed, index as u64);
                    shift_figures(&text, delta, years)
                };
                let published = source.published.map(|time| {
                    chrono::DateTime::from_timestamp(start + time - template.first, 0)
                        .expect("a time in range")
                        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
                });
                let report = Report {
                    id: format!("e{index:05}-{number}--{}", source.report.id),
                    title: rewrite(&source.title),
                    source: source.report.source.clone(),
                    published,
                    body: shuffle_sentences(&rewrite(&source.body), &mut rng),
                };
                Synthetic {
                    event: index,
                    report,
                }
            })
            .collect()
    }

    /// How the event's places are written in a synthetic event: its country becomes another,
    /// each other country another still, each city one of its new country's (or a made-up
    /// town when that country has no more); regions stay.
    fn place_spellings(&self, template: &TemplateEvent, rng: &mut Rng) -> HashMap<String, String> {
        let mut countries: HashMap<&str, &str> = HashMap::new();
        if let Some(country) = template.country.as_deref() {
            countries.insert(country, self.random_country(rng));
        }
        let mut used: HashSet<&str> = HashSet::new();
        let mut spellings = HashMap::new();
        for name in &template.places {
            let Some(place) = self.places.get(name) else {
                continue;
            };
            let Some(country) = place.country() else {
                continue;
            };
            let new_country = *countries
                .entry(country)
                .or_insert_with(|| self.random_country(rng));
            let spelling = if place.is_country() {
                self.places[new_country].spellings[0].clone()
            } else {
                let free: Vec<&str> = self
                    .cities
                    .get(new_country)
                    .into_iter()
                    .flatten()
                    .map(String::as_str)
                    .filter(|city| !used.contains(city))
                    .collect();
                if free.is_empty() {
                    made_up_word(rng.below(VOCABULARY))
                } else {
                    let city = free[rng.below(free.len() as u64) as usize];
                    used.insert(city);
                    self.places[city].spellings[0].clone()
                }
            };
            spellings.insert(name.clone(), spelling);
        }
        spellings
    }

    fn random_country(&self, rng: &mut Rng) -> &str {
        &self.countries[rng.below(self.countries.len() as u64) as usize]
    }
}

/// `text` with its places and its words marked: places from extraction; words outside the
/// names of agencies, outlets and institutions, and outside figures, whose wording extraction
/// reads.
fn marked(text: &str, lexicon: &Lexicon) -> Marked {
    let extraction = extract(text, 0..text.len(), lexicon);
    let mut kept: Vec<Range<usize>> = extraction
        .sources
        .iter()
        .filter(|source| {
            !matches!(
                source.source_type,
                SourceType::Official | SourceType::Person
            )
        })
        .map(|source| source.start..source.end)
        .chain(extraction.figures.iter().map(|f| f.start..f.end))
        .collect();
    let mut changes: Vec<(Range<usize>, Change)> = extraction
        .places
        .iter()
        .map(|place| (place.start..place.end, Change::Place(place.name.clone())))
        .collect();
    kept.extend(changes.iter().map(|(range, _)| range.clone()));
    let tokens = Tokens::new(text);
    for (index, token) in tokens.tokens.iter().enumerate() {
        let range = token.source.clone();
        if token.kind != TokenKind::Word
            || kept
                .iter()
                .any(|k| k.start < range.end && range.start < k.end)
        {
            continue;
        }
        let word = tokens.text(index);
        let stem = light_stem(word);
        let at = stem.as_ptr() as usize - word.as_ptr() as usize;
        changes.push((
            range,
            Change::Word {
                prefix: word[..at].to_owned(),
                stem: stem.to_owned(),
                suffix: word[at + stem.len()..].to_owned(),
            },
        ));
    }
    changes.sort_by_key(|(range, _)| range.start);
    Marked {
        text: text.to_owned(),
        changes,
    }
}

/// The text of `marked` with its changes made for synthetic event `event`: places spelled as
/// `spellings` says, stems that are `renamed` made up.
fn apply(
    marked: &Marked,
    spellings: &HashMap<String, String>,
    renamed: impl Fn(&str) -> bool,
    event: u64,
) -> String {
    let mut text = String::with_capacity(marked.text.len() + 64);
    let mut at = 0;
    for (range, change) in &marked.changes {
        let replacement = match change {
            Change::Place(name) => match spellings.get(name) {
                Some(spelling) => spelling.clone(),
                None => continue,
            },
            Change::Word {
                prefix,
                stem,
                suffix,
            } if renamed(stem) => {
                let word = made_up_word(mix(event ^ stable_hash(stem.as_bytes())) % VOCABULARY);
                format!("{prefix}{word}{suffix}")
            }
            Change::Word { .. } => continue,
        };
        text.push_str(&marked.text[at..range.start]);
        text.push_str(&replacement);
        at = range.end;
    }
    text.push_str(&marked.text[at..]);
    text
}

/// Made-up word number `index`: three or four consonants, a long vowel after the first or none.
fn made_up_word(index: u64) -> String {
    let base = CONSONANTS.len() as u64;
    let consonant = |digit: u64| CONSONANTS[(digit % base) as usize];
    let mut word = String::new();
    word.push(consonant(index));
    word.push_str(VOWELS[(index / base % VOWELS.len() as u64) as usize]);
    let mut rest = index / base / VOWELS.len() as u64;
    word.push(consonant(rest));
    loop {
        rest /= base;
        word.push(consonant(rest));
        if rest < base {
            break;
        }
    }
    word
}

/// `text` with every run of digits (ASCII or Arabic-Indic) moved: a year by `years`, any other
/// number by `delta`, in the digits it was written in.
fn shift_figures(text: &str, delta: i64, years: i64) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let Some((zero, first)) = digit(c) else {
            out.push(c);
            continue;
        };
        let mut value = i64::from(first);
        let mut width = 1;
        while let Some((_, d)) = chars
            .peek()
            .and_then(|&next| digit(next))
            .filter(|(z, _)| *z == zero)
        {
            value = value.saturating_mul(10).saturating_add(i64::from(d));
            width += 1;
            chars.next();
        }
        let shifted = if width == 4 && (1900..=2100).contains(&value) {
            value + years
        } else {
            value.saturating_add(delta)
        };
        for d in format!("{shifted:0width$}").chars() {
            let d = d.to_digit(10).expect("a digit");
            out.push(char::from_u32(zero + d).expect("a digit char"));
        }
    }
    out
}

/// The code point of zero of `c`'s digits and its value, for ASCII and Arabic-Indic digits.
fn digit(c: char) -> Option<(u32, u32)> {
    match c {
        '0'..='9' => Some(('0' as u32, c as u32 - '0' as u32)),
        '٠'..='٩' => Some(('٠' as u32, c as u32 - '٠' as u32)),
        _ => None,
    }
}

/// The body with some sentences after the lead paragraph dropped and some later paragraphs
/// swapped: reports of one event tell it in different orders and lengths.
fn shuffle_sentences(body: &str, rng: &mut Rng) -> String {
    let mut paragraphs: Vec<String> = body.split("\n\n").map(str::to_owned).collect();
    for paragraph in paragraphs.iter_mut().skip(1) {
        let kept: String = sentences(paragraph)
            .filter(|_| rng.below(100) >= DROP_SENTENCE)
            .collect();
        *paragraph = kept.trim().to_owned();
    }
    paragraphs.retain(|paragraph| !paragraph.is_empty());
    for index in 1..paragraphs.len().saturating_sub(1) {
        if rng.below(100) < SWAP_PARAGRAPHS {
            paragraphs.swap(index, index + 1);
        }
    }
    paragraphs.join("\n\n")
}

/// The sentences of `paragraph`, each with its end mark and the space after it.
fn sentences(paragraph: &str) -> impl Iterator<Item = &str> {
    let mut rest = paragraph;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = rest
            .char_indices()
            .find_map(|(i, c)| {
                let after = i + c.len_utf8();
                (matches!(c, '.' | '؟' | '!') && rest[after..].starts_with(' '))
                    .then_some(after + 1)
            })
            .unwrap_or(rest.len());
        let (sentence, after) = rest.split_at(end);
        rest = after;
        Some(sentence)
    })
}

fn year_of(seconds: i64) -> i64 {
    use chrono::Datelike as _;
    chrono::DateTime::from_timestamp(seconds, 0).map_or(0, |time| i64::from(time.year()))
}

/// A seeded stream of numbers (SplitMix64's increments, MurmurHash3's finaliser), enough for
/// a benchmark's choices.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x5EED)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }

    /// A number below `bound` (> 0).
    fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i as u64 + 1) as usize;
            items.swap(i, j);
        }
    }
}
