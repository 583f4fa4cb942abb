//! Figures and sources found in Arabic news text, each tied to the bytes it came from. A figure
//! carries its interval, qualifier and kind, what it counts (event and subject, from its clause)
//! and the source chain it is reported under; sources carry a canonical name so that spellings
//! unify. Rules read the lexicons of [`lexicon`]; nothing here knows of the terminal.

pub mod lexicon;
mod names;
mod time;

use std::collections::HashSet;
use std::ops::Range;

use serde::{Deserialize, Serialize, Serializer};

use crate::corpus::Article;
use crate::text::{TokenKind, Tokens, numbers};
use lexicon::ChangeDirection;
pub use lexicon::{FigureKind, Lexicon, Meaning, Qualifier, Scope, SourceType, TimeCue};
pub use time::{DAY, Moment, date_figures, extract_article};

/// How far (in tokens) a figure looks for its event and subject inside its clause.
const CLAUSE_REACH: usize = 10;
/// How far before its number a noun of a count (حصيلة, عدد) may stand.
const TOLL_REACH: usize = 20;

/// How far back from a time word a verb of occurrence is looked for ("الزلزال الذي ضرب ولاية
/// أزمير غربي تركيا بعد ظهر اليوم").
const OCCURRENCE_REACH: usize = 8;

/// How far after a figure a word of a replaced count is looked for ("بدلا من", "بعد أن كانت").
const REPLACEMENT_REACH: usize = 12;
/// How far after a reporting verb or marker its source may stand.
const SOURCE_REACH: usize = 4;
/// How far after "عن" the quoted source may stand ("عن المتحدث باسم قوة الشرطة سالتانات أزيربك").
const ORIGIN_REACH: usize = 8;
/// Years that a bare four-digit number may be, when a month or year word stands by it.
const YEARS: std::ops::RangeInclusive<f64> = 1800.0..=2100.0;

/// A number in the text with what it asserts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// Byte offset of the figure in the article text.
    pub start: usize,
    /// End of the figure, exclusive.
    pub end: usize,
    /// The figure as written.
    pub text: String,
    /// Lower bound of the interval; `None` when the text gives none ("أقل من 5").
    #[serde(serialize_with = "plain_number")]
    pub low: Option<f64>,
    /// Upper bound; `None` when open ("أكثر من 200").
    #[serde(serialize_with = "plain_number")]
    pub high: Option<f64>,
    /// How the interval relates to the number written.
    pub qualifier: Qualifier,
    /// Count, percent, money, date …
    pub kind: FigureKind,
    /// The unit for money, measures and durations (USD, km, day …).
    pub unit: Option<String>,
    /// What happened to what is counted: killed, injured, arrested …
    pub event: Option<String>,
    /// What is counted: police, protesters, buildings …
    pub subject: Option<String>,
    /// Canonical name of the source the figure is reported under: the end of the chain.
    pub source: Option<String>,
    /// Sources that relayed it, nearest to the reader first ("Interior Ministry" via "AFP").
    pub via: Vec<String>,
    /// The local place its sentence names (a city or province, not a country).
    pub place: Option<String>,
    /// The time words of its sentence as written ("اليوم الجمعة", "منذ بداية الاحتجاجات").
    pub when: Vec<String>,
    /// When it was true, as its sentence tells; with the publication, [`Figure::as_of`].
    #[serde(skip)]
    pub time: FigureTime,
    /// When it was true: the article's publication, refined by the time words of its sentence
    /// (an ISO 8601 date, or the publication's date-time where no word refines it); `None`
    /// when nothing tells.
    pub as_of: Option<String>,
    /// `as_of` to order by.
    #[serde(skip)]
    pub moment: Option<Moment>,
    /// A cumulative count (a toll so far) or a part (one town, one day); `None` when the text
    /// does not say.
    pub scope: Option<Scope>,
    /// A preliminary (`true`) or final (`false`) count; `None` when the text does not say.
    pub preliminary: Option<bool>,
    /// True when the text says the count corrects an earlier one (عدّلت، صححت، خفضت).
    pub correction: bool,
}

/// What a figure's sentence says of when it was true, before the publication date is known.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FigureTime {
    /// The time words nearest to it, read together.
    pub cue: TimeCue,
    /// A date written out, day and month ("الأحد 10 سبتمبر").
    pub date: Option<(u8, u8)>,
    /// The text says the count rose to it ("ارتفعت الحصيلة إلى"): it follows a lower one.
    pub rose: bool,
}

/// A source named in the text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceMention {
    /// Byte offset of the mention in the article text.
    pub start: usize,
    /// End of the mention, exclusive.
    pub end: usize,
    /// The mention as written.
    pub text: String,
    /// Canonical name: one per source, whatever the spelling.
    pub name: String,
    /// Agency, outlet, institution …
    #[serde(rename = "type")]
    pub source_type: SourceType,
}

/// A place named in the text, with its canonical name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceMention {
    /// Byte offset in the article text.
    pub start: usize,
    /// End, exclusive.
    pub end: usize,
    /// Canonical name.
    pub name: String,
}

/// A quoted statement ("…", “…”, «…») with the source it is reported under.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// Byte offset of the quoted words (inside the quotation marks) in the article text.
    pub start: usize,
    /// End, exclusive.
    pub end: usize,
    /// The quoted words as written.
    pub text: String,
    /// Canonical name of the source it is reported under.
    pub source: Option<String>,
    /// Sources that relayed it.
    pub via: Vec<String>,
}

/// Everything found in one article.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    /// Figures in text order.
    pub figures: Vec<Figure>,
    /// Source mentions in text order.
    pub sources: Vec<SourceMention>,
    /// Place mentions in text order.
    pub places: Vec<PlaceMention>,
    /// Quoted statements in text order.
    pub quotes: Vec<Quote>,
}

/// What an extraction (and what is computed from one) was made with: the lexicons, and this
/// version of sanad, whose rules may differ. A cached one made with anything else is made
/// again.
pub fn made_with(lexicon: &Lexicon) -> u64 {
    crate::hash::mix(
        lexicon.fingerprint() ^ crate::hash::stable_hash(env!("CARGO_PKG_VERSION").as_bytes()),
    )
}

/// An extraction as a cache keeps it: with what the JSON of a figure leaves out.
#[derive(Serialize, Deserialize)]
struct KeptExtraction<E> {
    extraction: E,
    times: Vec<(FigureTime, Option<Moment>)>,
}

impl Extraction {
    /// The extraction as bytes for a cache; empty (read back as none) if it cannot be written.
    pub fn to_bytes(&self) -> Vec<u8> {
        let times = self.figures.iter().map(|f| (f.time, f.moment)).collect();
        let kept = KeptExtraction {
            extraction: self,
            times,
        };
        postcard::to_allocvec(&kept).unwrap_or_default()
    }

    /// An extraction from [`Extraction::to_bytes`]; none for bytes that are not one.
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        let kept: KeptExtraction<Extraction> = postcard::from_bytes(bytes).ok()?;
        let mut extraction = kept.extraction;
        if kept.times.len() != extraction.figures.len() {
            return None;
        }
        for (figure, (time, moment)) in extraction.figures.iter_mut().zip(kept.times) {
            figure.time = time;
            figure.moment = moment;
        }
        Some(extraction)
    }

    /// "9 figures, 22 sources": figures and distinct sources (a source named twice is one), as
    /// the list, `sanad list` and the findings panel count them.
    pub fn counts(&self, separator: &str) -> String {
        let mut names: Vec<&str> = self.sources.iter().map(|s| s.name.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        format!(
            "{}{separator}{}",
            crate::text::counted(self.figures.len(), "figure", "figures"),
            crate::text::counted(names.len(), "source", "sources")
        )
    }
}

/// Writes whole numbers without a fractional part (317, not 317.0) where people read them; a
/// binary form keeps the number as it is.
pub(crate) fn plain_number<S: Serializer>(
    value: &Option<f64>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    if !serializer.is_human_readable() {
        return value.serialize(serializer);
    }
    match *value {
        Some(v) if v.fract() == 0.0 && v.abs() < 9.0e15 => serializer.serialize_i64(v as i64),
        Some(v) => serializer.serialize_f64(v),
        None => serializer.serialize_none(),
    }
}

/// A lexicon phrase found in the text.
#[derive(Clone, Copy, Debug)]
struct Mark<'a> {
    start: usize,
    end: usize,
    clitic_len: usize,
    meaning: &'a Meaning,
}

/// The tokens of an article with what the lexicon says of them.
struct Analysis<'a> {
    tokens: Tokens,
    lexicon: &'a Lexicon,
    marks: Vec<Mark<'a>>,
    /// For each token, the mark covering it.
    mark_of: Vec<Option<u32>>,
    /// For each token, its sentence and clause numbers.
    sentence: Vec<u32>,
    clause: Vec<u32>,
    /// Tokens that open a reported statement after a reporting verb (إن، أن), in order.
    statements: Vec<usize>,
    /// Token ranges of datelines, in order.
    datelines: Vec<Range<usize>>,
    /// For each token, how many number tokens come before it: whether another number stands
    /// between two tokens, at once.
    numbers_before: Vec<u32>,
    /// Offset of the analysed text in the article.
    offset: usize,
    /// The analysed text as written, for names the lexicon does not know.
    original: &'a str,
}

impl<'a> Analysis<'a> {
    fn new(text: &'a str, offset: usize, lexicon: &'a Lexicon) -> Self {
        let tokens = Tokens::new(text);
        let count = tokens.len();
        let mut marks = Vec::new();
        let mut mark_of = vec![None; count];
        let mut i = 0;
        while i < count {
            if tokens.tokens[i].kind == TokenKind::Number {
                i += 1;
                continue;
            }
            let found = lexicon.with_first_word_candidates(tokens.text(i), |candidates| {
                lexicon.match_candidates(&tokens, i, candidates, |_| true)
            });
            match found {
                Some(found) => {
                    for slot in &mut mark_of[found.start..found.end] {
                        *slot = Some(marks.len() as u32);
                    }
                    marks.push(Mark {
                        start: found.start,
                        end: found.end,
                        clitic_len: found.clitic_len,
                        meaning: found.meaning,
                    });
                    i = found.end;
                }
                None => i += 1,
            }
        }
        let (sentence, mut clause) = tokens.sentences_and_clauses();
        drop_uncued_places(&tokens, lexicon, &mut marks, &mut mark_of);
        let statements = open_clauses(&tokens, lexicon, &marks, &mark_of, &sentence, &mut clause);
        let datelines = find_datelines(&tokens, &marks, &mark_of);
        let mut numbers_before = Vec::with_capacity(count + 1);
        let mut numbers = 0;
        for token in &tokens.tokens {
            numbers_before.push(numbers);
            numbers += u32::from(token.kind == TokenKind::Number);
        }
        numbers_before.push(numbers);
        Analysis {
            tokens,
            lexicon,
            marks,
            mark_of,
            sentence,
            clause,
            statements,
            datelines,
            numbers_before,
            offset,
            original: text,
        }
    }

    /// The normalised words of tokens `range`, joined by spaces.
    fn phrase(&self, range: Range<usize>) -> String {
        let mut phrase = String::new();
        for at in range {
            if !phrase.is_empty() {
                phrase.push(' ');
            }
            phrase.push_str(self.text(at));
        }
        phrase
    }

    /// True when a number token lies strictly between tokens `a` and `b` (either order).
    fn number_between(&self, a: usize, b: usize) -> bool {
        let (from, to) = if a < b { (a + 1, b) } else { (b + 1, a) };
        from < to && self.numbers_before[to] > self.numbers_before[from]
    }

    /// True when token `index` lies in a dateline ("بغداد (أ ف ب) -").
    fn in_dateline(&self, index: usize) -> bool {
        let after = self.datelines.partition_point(|line| line.start <= index);
        after > 0 && self.datelines[after - 1].contains(&index)
    }

    /// True when a reported statement opens between tokens `from` and `to`: what stands
    /// before it is the frame of the report ("قالت مصادر في مستشفيين إن …").
    fn statement_opens_between(&self, from: usize, to: usize) -> bool {
        let first = self.statements.partition_point(|&at| at < from);
        self.statements.get(first).is_some_and(|&at| at < to)
    }

    fn len(&self) -> usize {
        self.tokens.len()
    }

    fn text(&self, index: usize) -> &str {
        self.tokens.text(index)
    }

    /// The marks that start inside tokens `range` (marks are in text order).
    fn marks_in(&self, range: Range<usize>) -> &[Mark<'a>] {
        let first = self.marks.partition_point(|m| m.start < range.start);
        let last = self.marks.partition_point(|m| m.start < range.end);
        &self.marks[first..last]
    }

    /// True when the time words starting at token `start` date the event rather than a count
    /// of it: the nearest of a verb of occurrence ("الذي ضرب البلاد الجمعة") and a word that
    /// anchors a count (a number, a toll, a reporting verb, a source, an event, a change)
    /// before them in their sentence is the verb.
    fn dates_the_event(&self, start: usize, sentence_start: usize) -> bool {
        for i in (sentence_start.max(start.saturating_sub(OCCURRENCE_REACH))..start).rev() {
            if self.lexicon.is_occurrence_word(self.text(i)) {
                return true;
            }
            let anchors_a_count = self.numbers_before[i + 1] > self.numbers_before[i]
                || self.lexicon.is_toll_word(self.text(i))
                || self.mark_of[i].is_some_and(|mark| {
                    matches!(
                        self.marks[mark as usize].meaning,
                        Meaning::ReportingVerb
                            | Meaning::RelayVerb
                            | Meaning::Source { .. }
                            | Meaning::Event { .. }
                            | Meaning::Change { .. }
                    )
                });
            if anchors_a_count {
                return false;
            }
        }
        false
    }

    /// True when an attribution ("بحسب ما نقلته", "وفق ما أعلنه") stands between tokens
    /// `from` and `to`, after the last number before `to`: what follows it is said of every
    /// number before. A reporting verb is not enough ("بدلا من 288 أعلنتها السبت").
    fn attribution_between(&self, from: usize, to: usize) -> bool {
        let numbers = self.numbers_before[to];
        self.marks_in(from + 1..to).iter().any(|mark| {
            self.numbers_before[mark.start] == numbers
                && matches!(
                    mark.meaning,
                    Meaning::AttributionMarker | Meaning::RelayVerb
                )
        })
    }

    /// True when a word of a replaced count ("بعد أن كانت", "بدلا من") stands between tokens
    /// `from` and `to`, within [`REPLACEMENT_REACH`] tokens of `from`.
    fn replacement_between(&self, from: usize, to: usize) -> bool {
        let end = to.min(from + REPLACEMENT_REACH);
        (from + 1..end).any(|at| {
            self.lexicon.may_start_replaced_word(self.text(at))
                && (1..=3).any(|words| {
                    at + words <= end && self.lexicon.is_replaced_word(&self.phrase(at..at + words))
                })
        })
    }

    /// The mark starting exactly at token `index`.
    fn mark_starting(&self, index: usize) -> Option<&Mark<'a>> {
        let mark = &self.marks[(*self.mark_of.get(index)?)? as usize];
        (mark.start == index).then_some(mark)
    }

    /// The mark ending exactly before token `index`.
    fn mark_ending(&self, index: usize) -> Option<&Mark<'a>> {
        let previous = index.checked_sub(1)?;
        let mark = &self.marks[(*self.mark_of.get(previous)?)? as usize];
        (mark.end == index).then_some(mark)
    }

    /// Article byte range of tokens `range`, the first token's clitic left out.
    fn source_range(&self, range: Range<usize>, clitic_len: usize) -> Range<usize> {
        let first = &self.tokens.tokens[range.start];
        let last = &self.tokens.tokens[range.end - 1];
        let normalized = first.normalized.start + clitic_len..last.normalized.end;
        let source = self.tokens.source_of(normalized);
        source.start + self.offset..source.end + self.offset
    }
}

/// Drops the place marks of spellings that are also common words (سيول) where nothing says
/// a place is meant: behind the article (السيول) always; otherwise unless the text names the
/// place's country or another of its places, or a word such as العاصمة stands before it.
fn drop_uncued_places<'a>(
    tokens: &Tokens,
    lexicon: &'a Lexicon,
    marks: &mut Vec<Mark<'a>>,
    mark_of: &mut [Option<u32>],
) {
    let cued = |mark: &Mark| match mark.meaning {
        Meaning::Place { name } if mark.end == mark.start + 1 => {
            let word = &tokens.text(mark.start)[mark.clitic_len..];
            lexicon.cued_place(word) == Some(name.as_str())
        }
        _ => false,
    };
    if !marks.iter().any(cued) {
        return;
    }
    let mut countries: HashSet<String> = marks
        .iter()
        .filter(|mark| !cued(mark))
        .filter_map(|mark| match mark.meaning {
            Meaning::Place { name } => lexicon.country_of(name).map(str::to_owned),
            _ => None,
        })
        .collect();
    // "السلطات الكورية الجنوبية": the country's people or authorities named by nationality.
    for (index, token) in tokens.tokens.iter().enumerate() {
        let word = tokens.text(index);
        if token.kind == TokenKind::Word && mark_of[index].is_none() && word.starts_with("ال") {
            let next = (index + 1 < tokens.len()).then(|| tokens.text(index + 1));
            countries.extend(country_of_nationality(word, next, lexicon));
        }
    }
    let keep = |mark: &Mark| {
        if !cued(mark) {
            return true;
        }
        let Meaning::Place { name } = mark.meaning else {
            return true;
        };
        let clitic = &tokens.text(mark.start)[..mark.clitic_len];
        let behind_article = clitic.ends_with("ال") || clitic.ends_with("لل");
        let cue_before = mark.start > 0 && lexicon.is_place_cue(tokens.text(mark.start - 1));
        let country_named = lexicon
            .country_of(name)
            .is_some_and(|country| countries.contains(country));
        !behind_article && (cue_before || country_named)
    };
    marks.retain(keep);
    mark_of.fill(None);
    for (number, mark) in marks.iter().enumerate() {
        mark_of[mark.start..mark.end].fill(Some(number as u32));
    }
}

/// Starts a new clause at every word that opens one (عندما، بينما، إن): a figure's keys are
/// looked for inside its clause. Returns the tokens that open a reported statement, those
/// after a reporting verb in their sentence.
fn open_clauses(
    tokens: &Tokens,
    lexicon: &Lexicon,
    marks: &[Mark],
    mark_of: &[Option<u32>],
    sentence: &[u32],
    clause: &mut [u32],
) -> Vec<usize> {
    let mut statements = Vec::new();
    let mut added = 0;
    let mut reporting_in: Option<u32> = None;
    for index in 0..tokens.len() {
        let mark = mark_of[index]
            .map(|m| &marks[m as usize])
            .filter(|mark| mark.start == index);
        match mark.map(|mark| mark.meaning) {
            Some(Meaning::ReportingVerb) => reporting_in = Some(sentence[index]),
            // Every word that opens a clause is a function word: only those are looked up.
            Some(Meaning::FunctionWord) => {
                if let Some(statement) = lexicon.clause_opener(tokens.text(index)) {
                    added += 1;
                    if statement && reporting_in == Some(sentence[index]) {
                        statements.push(index);
                    }
                }
            }
            _ => {}
        }
        clause[index] += added;
    }
    statements
}

/// Most words in a dateline: a place, its country in brackets, an agency and a date.
const DATELINE_REACH: usize = 14;

/// The datelines of the text: at the start of a line, a place, then what may follow it in a
/// dateline (brackets, numbers, agencies, places), up to the last dash or colon before the
/// first other word ("بغداد (أ ف ب) -", "إسلام آباد - 9 - 9 (كونا) --").
fn find_datelines(tokens: &Tokens, marks: &[Mark], mark_of: &[Option<u32>]) -> Vec<Range<usize>> {
    let mark_at = |index: usize| mark_of[index].map(|m| &marks[m as usize]);
    let mut datelines = Vec::new();
    for start in 0..tokens.len() {
        if start > 0 && !tokens.tokens[start].line_break {
            continue;
        }
        let Some(place) = mark_at(start).filter(|m| matches!(m.meaning, Meaning::Place { .. }))
        else {
            continue;
        };
        let (mut depth, mut end) = (0usize, None);
        let mut index = place.end;
        while index < tokens.len() && index < start + DATELINE_REACH {
            let token = &tokens.tokens[index];
            if token.line_break {
                break;
            }
            match token.kind {
                TokenKind::Punct => match tokens.text(index) {
                    "(" => depth += 1,
                    ")" => depth = depth.saturating_sub(1),
                    "-" | "–" | "—" | ":" if depth == 0 => end = Some(index + 1),
                    _ => {}
                },
                TokenKind::Number => {}
                TokenKind::Word if depth > 0 => {}
                TokenKind::Word => match mark_at(index) {
                    Some(mark)
                        if matches!(
                            mark.meaning,
                            Meaning::Source { .. } | Meaning::Place { .. }
                        ) =>
                    {
                        index = mark.end;
                        continue;
                    }
                    _ => break,
                },
            }
            index += 1;
        }
        if let Some(end) = end {
            datelines.push(start..end);
        }
    }
    datelines
}

/// The canonical name of the place `query` spells, if the lexicon knows it ("ألما آتا" and
/// "ألماتي" are both Almaty).
pub fn place_named(query: &str, lexicon: &Lexicon) -> Option<String> {
    spelled(query, lexicon, |m| matches!(m, Meaning::Place { .. }))
}

/// The canonical name of the place or source `query` spells, if the lexicon knows it ("ألما
/// آتا" and "ألماتي" are both Almaty, "توقاييف" and "توكاييف" both Tokayev), so that a search
/// finds every spelling.
pub fn name_spelled(query: &str, lexicon: &Lexicon) -> Option<String> {
    spelled(query, lexicon, |m| {
        matches!(m, Meaning::Place { .. } | Meaning::Source { .. })
    })
}

/// Where `query` is found in `article`, by byte range, in order: in the body, and where
/// `name` (a place or source the query spells) is named under any spelling; a match in the
/// title alone is an empty range at the body's start.
pub fn find_in_article(
    article: &Article,
    query: &str,
    name: Option<&str>,
    lexicon: &Lexicon,
) -> Vec<Range<usize>> {
    let body = article.body.clone();
    let mut found: Vec<Range<usize>> = crate::text::find_normalized(article.body_text(), query)
        .into_iter()
        .map(|range| range.start + body.start..range.end + body.start)
        .collect();
    if let Some(name) = name {
        let extraction = extract_article(article, lexicon);
        let places = extraction
            .places
            .iter()
            .filter(|place| place.name == name)
            .map(|place| place.start..place.end);
        let sources = extraction
            .sources
            .iter()
            .filter(|source| source.name == name)
            .map(|source| source.start..source.end);
        for range in places.chain(sources).collect::<Vec<_>>() {
            if !found
                .iter()
                .any(|r| r.start < range.end && range.start < r.end)
            {
                found.push(range);
            }
        }
    }
    found.sort_by_key(|range| range.start);
    if found.is_empty() && !crate::text::find_normalized(&article.title, query).is_empty() {
        found.push(body.start..body.start);
    }
    found
}

/// The name of what the whole of `query` spells, of the meanings `accept` takes.
fn spelled(query: &str, lexicon: &Lexicon, accept: fn(&Meaning) -> bool) -> Option<String> {
    let tokens = Tokens::new(query);
    if tokens.is_empty() {
        return None;
    }
    let found = lexicon.match_at(&tokens, 0, accept)?;
    match found.meaning {
        Meaning::Place { name } | Meaning::Source { name, .. } if found.end == tokens.len() => {
            Some(name.clone())
        }
        _ => None,
    }
}

/// Finds the figures, sources and places of `text[body]`.
pub fn extract(text: &str, body: Range<usize>, lexicon: &Lexicon) -> Extraction {
    let analysis = Analysis::new(&text[body.clone()], body.start, lexicon);
    let mut sources = find_sources(&analysis);
    let places = find_places(&analysis);
    let attributions = attribute(&analysis, &sources);
    let found = find_figures(&analysis, &sources, &attributions);
    let mut figures: Vec<(Figure, u32)> = Vec::with_capacity(found.len());
    for (mut figure, token) in found {
        figure.text = text[figure.start..figure.end].to_owned();
        let scope = attributions.scope_of(token, analysis.len());
        let found = circumstances(&analysis, token, scope);
        figure.place = found.place;
        figure.when = found.when.into_iter().map(|r| text[r].to_owned()).collect();
        figure.time.cue = found.time;
        figure.time.rose = found.rose;
        figure.scope = figure.scope.or(found.time.scope);
        figure.preliminary = found.time.preliminary;
        figure.correction = found.correction;
        figures.push((figure, analysis.sentence[token]));
    }
    let figures = with_sentence_dates(figures);
    let quotes = find_quotes(&text[body.clone()], &analysis, &attributions)
        .into_iter()
        .map(|(range, attribution)| Quote {
            start: range.start,
            end: range.end,
            text: text[range].to_owned(),
            source: attribution.source.clone(),
            via: attribution.via.clone(),
        })
        .collect();
    for found in &mut sources {
        let mention = &mut found.mention;
        mention.text = text[mention.start..mention.end].to_owned();
    }
    Extraction {
        figures,
        sources: sources.into_iter().map(|found| found.mention).collect(),
        places,
        quotes,
    }
}

/// A source mention and the tokens it covers.
pub(crate) struct FoundSource {
    pub(crate) mention: SourceMention,
    pub(crate) tokens: Range<usize>,
}

fn find_sources(analysis: &Analysis) -> Vec<FoundSource> {
    let mut found = Vec::new();
    for mark in &analysis.marks {
        if let Meaning::Source {
            name,
            source_type,
            only_when_reporting,
        } = mark.meaning
        {
            if *only_when_reporting && !speaks(analysis, mark) {
                continue;
            }
            let range = analysis.source_range(mark.start..mark.end, mark.clitic_len);
            found.push(FoundSource {
                mention: SourceMention {
                    start: range.start,
                    end: range.end,
                    text: String::new(),
                    name: name.clone(),
                    source_type: *source_type,
                },
                tokens: mark.start..mark.end,
            });
        }
    }
    // Tokens already taken by a source: a name found next to a role must not overlap one.
    let mut taken = vec![false; analysis.len()];
    for source in &found {
        taken[source.tokens.clone()].fill(true);
    }
    // People named next to a role: "المتحدث باسم الشرطة سالتانات أزيربك", and "قال X رئيس …".
    for mark in &analysis.marks {
        if !matches!(mark.meaning, Meaning::Role) {
            continue;
        }
        let Some(name) = names::name_after_role(analysis, mark.end)
            .or_else(|| names::name_before_role(analysis, mark.start))
        else {
            continue;
        };
        if taken[name.clone()].iter().any(|&taken| taken) {
            continue;
        }
        taken[name.clone()].fill(true);
        let range = analysis.source_range(name.clone(), 0);
        found.push(FoundSource {
            mention: SourceMention {
                start: range.start,
                end: range.end,
                text: String::new(),
                name: names::written_name(analysis, name.clone()),
                source_type: SourceType::Official,
            },
            tokens: name,
        });
    }
    found.sort_by_key(|f| f.tokens.start);
    let references = names::later_references(analysis, &found);
    found.extend(references);
    found.sort_by_key(|f| f.tokens.start);
    found
}

/// True when the text has the source at `mark` speak: a reporting verb, relay verb or marker
/// shortly before it, "عن" right before it, or a reporting verb right after it.
fn speaks(analysis: &Analysis, mark: &Mark) -> bool {
    let reporting = |m: &Mark| {
        matches!(
            m.meaning,
            Meaning::ReportingVerb | Meaning::RelayVerb | Meaning::AttributionMarker
        )
    };
    let sentence = analysis.sentence[mark.start];
    let before = analysis
        .marks_in(mark.start.saturating_sub(SOURCE_REACH)..mark.start)
        .iter()
        .any(|m| {
            reporting(m)
                && m.end <= mark.start
                && mark.start - m.end <= SOURCE_REACH / 2
                && analysis.sentence[m.start] == sentence
        });
    let after = analysis
        .mark_starting(mark.end)
        .is_some_and(|m| matches!(m.meaning, Meaning::ReportingVerb));
    let quoted_from = mark.start > 0 && analysis.text(mark.start - 1) == "عن";
    before || after || quoted_from
}

fn find_places(analysis: &Analysis) -> Vec<PlaceMention> {
    analysis
        .marks
        .iter()
        .filter_map(|mark| match mark.meaning {
            Meaning::Place { name } => {
                let range = analysis.source_range(mark.start..mark.end, mark.clitic_len);
                Some(PlaceMention {
                    start: range.start,
                    end: range.end,
                    name: name.clone(),
                })
            }
            _ => None,
        })
        .collect()
}

/// Who a sentence is reported under: the source and the relays before it.
#[derive(Clone, Debug, Default, PartialEq)]
struct Attribution {
    source: Option<String>,
    via: Vec<String>,
}

/// Who each stretch of the text is reported under, in text order: a sentence, or a part of
/// one where a new report begins ("كشفت الوزارة عن مقتل 7 …، فيما نقلت وسائل إعلام أن …").
struct Attributions {
    /// First token of each stretch and its attribution.
    scopes: Vec<(usize, Attribution)>,
}

impl Attributions {
    /// The tokens of the stretch that holds token `index`.
    fn scope_of(&self, index: usize, token_count: usize) -> Range<usize> {
        let after = self.scopes.partition_point(|(start, _)| *start <= index);
        let start = after.checked_sub(1).map_or(0, |scope| self.scopes[scope].0);
        let end = self
            .scopes
            .get(after)
            .map_or(token_count, |(start, _)| *start);
        start..end
    }

    /// The attribution of token `index`.
    fn at(&self, index: usize) -> &Attribution {
        static NONE: Attribution = Attribution {
            source: None,
            via: Vec::new(),
        };
        let after = self.scopes.partition_point(|(start, _)| *start <= index);
        after
            .checked_sub(1)
            .map_or(&NONE, |scope| &self.scopes[scope].1)
    }
}

/// Words after which a clause begins a report of its own: "فيما نقلت", "بينما قال".
const NEW_REPORT_AFTER: [&str; 3] = ["فيما", "بينما", "حين"];

/// Attributes every sentence, and every part of a sentence where a reporting verb or marker
/// opens a new clause. A part that names no source keeps the one before it in its sentence (or
/// the first one after it); a sentence that names none but continues with a reporting verb
/// ("وأضاف") keeps the paragraph's last one.
fn attribute(analysis: &Analysis, sources: &[FoundSource]) -> Attributions {
    let mut scopes = Vec::new();
    let mut previous: Option<Attribution> = None;
    let mut sentence_start = 0;
    while sentence_start < analysis.len() {
        let number = analysis.sentence[sentence_start];
        let mut end = sentence_start;
        while end < analysis.len() && analysis.sentence[end] == number {
            end += 1;
        }
        let starts_paragraph = analysis.tokens.tokens[sentence_start].line_break;
        let mut starts = vec![sentence_start];
        for mark in analysis.marks_in(sentence_start + 1..end) {
            let reports = matches!(
                mark.meaning,
                Meaning::ReportingVerb | Meaning::RelayVerb | Meaning::AttributionMarker
            );
            let opens_clause = analysis.clause[mark.start] != analysis.clause[mark.start - 1]
                || NEW_REPORT_AFTER.contains(&analysis.text(mark.start - 1));
            if reports && opens_clause {
                starts.push(mark.start);
            }
        }
        let own: Vec<Option<Attribution>> = starts
            .iter()
            .enumerate()
            .map(|(i, &start)| {
                let stop = starts.get(i + 1).copied().unwrap_or(end);
                sentence_attribution(analysis, sources, start..stop)
            })
            .collect();
        let first_own = own.iter().flatten().next().cloned();
        let inherited = match first_own {
            Some(attribution) => attribution,
            None if !starts_paragraph && continues_report(analysis, sentence_start..end) => {
                previous.clone().unwrap_or_default()
            }
            None => Attribution::default(),
        };
        let mut current = inherited;
        for (start, own) in starts.into_iter().zip(own) {
            if let Some(attribution) = own {
                current = attribution;
            }
            scopes.push((start, current.clone()));
        }
        if current.source.is_some() {
            previous = Some(current);
        }
        sentence_start = end;
    }
    Attributions { scopes }
}

/// A sentence that goes on reporting without naming anyone: it holds a reporting verb.
fn continues_report(analysis: &Analysis, tokens: Range<usize>) -> bool {
    analysis
        .marks_in(tokens)
        .iter()
        .any(|mark| matches!(mark.meaning, Meaning::ReportingVerb))
}

fn sentence_attribution(
    analysis: &Analysis,
    sources: &[FoundSource],
    tokens: Range<usize>,
) -> Option<Attribution> {
    let first = sources.partition_point(|s| s.tokens.start < tokens.start);
    let last = sources.partition_point(|s| s.tokens.start < tokens.end);
    let in_sentence: Vec<&FoundSource> = sources[first..last].iter().collect();
    let source_after = |index: usize| {
        in_sentence
            .iter()
            .find(|s| s.tokens.start >= index && s.tokens.start <= index + SOURCE_REACH)
            .copied()
    };
    let marks = analysis.marks_in(tokens.clone());
    for mark in marks {
        // "نقلت X عن Y": Y, relayed by X (every outlet named before عن).
        if matches!(mark.meaning, Meaning::RelayVerb) {
            let Some(first_relay) = source_after(mark.end) else {
                continue;
            };
            let from = (first_relay.tokens.end..tokens.end).find(|&i| analysis.text(i) == "عن");
            let relays: Vec<&FoundSource> = in_sentence
                .iter()
                .filter(|s| s.tokens.start >= mark.end && from.is_none_or(|f| s.tokens.start < f))
                .copied()
                .collect();
            // The one quoted: a person named in the phrase after عن, else its first source.
            let origin = from.and_then(|from| {
                let phrase: Vec<&FoundSource> = in_sentence
                    .iter()
                    .filter(|s| s.tokens.start > from && s.tokens.start <= from + ORIGIN_REACH)
                    .copied()
                    .collect();
                phrase
                    .iter()
                    .find(|s| {
                        matches!(
                            s.mention.source_type,
                            SourceType::Official | SourceType::Person
                        )
                    })
                    .or(phrase.first())
                    .copied()
            });
            let mut via: Vec<String> = Vec::new();
            for relay in &relays {
                if !via.contains(&relay.mention.name) {
                    via.push(relay.mention.name.clone());
                }
            }
            // A generic "news agencies" adds nothing when the agencies are named.
            if via.len() > 1 {
                via.retain(|name| {
                    relays
                        .iter()
                        .find(|r| &r.mention.name == name)
                        .is_none_or(|r| r.mention.source_type != SourceType::Anonymous)
                });
            }
            return Some(match origin {
                Some(origin) => Attribution {
                    source: Some(origin.mention.name.clone()),
                    via,
                },
                None => Attribution {
                    source: Some(first_relay.mention.name.clone()),
                    via: Vec::new(),
                },
            });
        }
    }
    for mark in marks {
        if matches!(
            mark.meaning,
            Meaning::AttributionMarker | Meaning::ReportingVerb
        ) && let Some(source) = source_after(mark.end)
        {
            return Some(Attribution {
                source: Some(source.mention.name.clone()),
                via: Vec::new(),
            });
        }
    }
    None
}

fn find_figures(
    analysis: &Analysis,
    sources: &[FoundSource],
    attributions: &Attributions,
) -> Vec<(Figure, usize)> {
    let mut in_source = vec![false; analysis.len()];
    for source in sources {
        in_source[source.tokens.clone()].fill(true);
    }
    let mut figures = Vec::new();
    // The second of two years after بين ("بين 2014 و2017").
    let mut second_year = None;
    let mut i = 0;
    while i < analysis.len() {
        if in_source[i] {
            i += 1;
            continue;
        }
        if names::is_function_word(analysis, i) {
            i += 1;
            continue;
        }
        // A word can only start a number where the lexicon marked a number word.
        let may_be_number = analysis.tokens.tokens[i].kind == TokenKind::Number
            || analysis.mark_starting(i).is_some_and(|m| {
                matches!(
                    m.meaning,
                    Meaning::Number { .. } | Meaning::Vague { .. } | Meaning::Dual
                )
            });
        let number = may_be_number
            .then(|| numbers::read_number(&analysis.tokens, i, analysis.lexicon))
            .flatten();
        if let Some(number) = number {
            if not_a_figure(analysis, &number) {
                i = number.end.max(i + 1);
                continue;
            }
            let (mut figure, end) = figure_from_number(analysis, &number, attributions);
            match range_from(analysis, &number, &figure, end, attributions) {
                Some(RangeRead::Range(range, range_end)) => {
                    figures.push((*range, i));
                    i = range_end.max(i + 1);
                    continue;
                }
                Some(RangeRead::Years(second)) => {
                    second_year = Some(second);
                    as_year(&mut figure);
                }
                None if second_year == Some(i) => as_year(&mut figure),
                None => {}
            }
            refer_back(analysis, &mut figure, i, end, &figures);
            figures.push((figure, i));
            i = end.max(i + 1);
            continue;
        }
        if let Some(mark) = analysis.mark_starting(i)
            && let Meaning::Ordinal { value } = mark.meaning
        {
            figures.push((ordinal_figure(analysis, mark, *value, attributions), i));
            i = mark.end;
            continue;
        }
        i += 1;
    }
    figures
}

/// What follows a number opened by بين or من: the range it begins, or, for two years ("بين
/// 2014 و2017"), years.
enum RangeRead {
    /// The range figure and the token where it ends.
    Range(Box<Figure>, usize),
    /// Two years: a span of time, not a quantity; the second starts at this token.
    Years(usize),
}

/// Makes a year of a figure.
fn as_year(figure: &mut Figure) {
    figure.kind = FigureKind::Date;
    figure.unit = Some("year".to_owned());
    (figure.event, figure.subject) = (None, None);
}

/// Words of change before "من … إلى" (normalised): "ارتفع العدد من 10 إلى 20" tells a change,
/// not a range. Matched at the start of a word, behind a و or ف.
const CHANGE_WORDS: [&str; 16] = [
    "ارتفع",
    "ارتفاع",
    "انخفض",
    "انخفاض",
    "تراجع",
    "زاد",
    "زياده",
    "ازداد",
    "تزايد",
    "قفز",
    "صعد",
    "هبط",
    "تقلص",
    "خفض",
    "رفع",
    "تضاعف",
];
/// How far before "من" a word of change may stand.
const CHANGE_REACH: usize = 6;

/// The word at token `index` without a leading و or ف.
fn without_conjunction(word: &str) -> &str {
    match word.strip_prefix('و').or_else(|| word.strip_prefix('ف')) {
        Some(rest) if rest.chars().count() >= 2 => rest,
        _ => word,
    }
}

/// A range written with its two ends: "بين 200 و400", "ما بين خمسة آلاف وستة آلاف", "بين 25
/// و30 مترا", "من 10 إلى 20", "بين 400 وأكثر من 700". `first` is the figure of the number
/// `number` after the opener, ending at token `end`. The range takes the kind, unit, event and
/// subject the ends give (the later end first), its lower bound from the first end and its
/// upper bound from the second. Not a range: two years, "من … إلى" after a word of change, ends
/// that do not rise or count different things.
fn range_from(
    analysis: &Analysis,
    number: &numbers::NumberSpan,
    first: &Figure,
    end: usize,
    attributions: &Attributions,
) -> Option<RangeRead> {
    let start = number.start;
    let before = start.checked_sub(1)?;
    if number.vague
        || first.qualifier != Qualifier::Exact
        || analysis.tokens.tokens[before].kind != TokenKind::Word
        || end >= analysis.len()
    {
        return None;
    }
    let opener = analysis.text(before);
    let bare_opener = without_conjunction(opener);
    let between = match bare_opener {
        "بين" | "مابين" => true,
        "من" if opener == "من" => false,
        _ => return None,
    };
    // The link: و (a token, or a clitic on the next word) after بين, إلى after either.
    let link = analysis.text(end);
    let second_at = match link {
        "الي" => end + 1,
        "و" if between => end + 1,
        _ if between
            && link.starts_with('و')
            && analysis.tokens.tokens[end].kind == TokenKind::Word =>
        {
            end
        }
        _ => return None,
    };
    // A qualifier may open the second end: "وأكثر من 700".
    let number_at = match analysis.mark_starting(second_at) {
        Some(mark) if matches!(mark.meaning, Meaning::Qualifier { after: false, .. }) => mark.end,
        _ => second_at,
    };
    let second = numbers::read_number(&analysis.tokens, number_at, analysis.lexicon)?;
    if second.vague
        || second.start != number_at
        || analysis.clause[second.start] != analysis.clause[start]
    {
        return None;
    }
    let year = |n: &numbers::NumberSpan| {
        n.end == n.start + 1
            && analysis.tokens.tokens[n.start].kind == TokenKind::Number
            && n.low == n.high
            && n.low.fract() == 0.0
            && YEARS.contains(&n.low)
    };
    if year(number) && year(&second) {
        return Some(RangeRead::Years(second.start));
    }
    if second.low <= number.high {
        return None;
    }
    if !between {
        let sentence = analysis.sentence[before];
        let change = (before.saturating_sub(CHANGE_REACH)..before).any(|i| {
            analysis.sentence[i] == sentence
                && analysis.tokens.tokens[i].kind == TokenKind::Word
                && CHANGE_WORDS
                    .iter()
                    .any(|w| without_conjunction(analysis.text(i)).starts_with(w))
        });
        if change {
            return None;
        }
    }
    let (last, last_end) = figure_from_number(analysis, &second, attributions);
    let (kind, unit) = match (first.kind, last.kind) {
        (a, b) if a == b => (b, last.unit.clone().or_else(|| first.unit.clone())),
        (FigureKind::Count, b) => (b, last.unit.clone()),
        (a, FigureKind::Count) => (a, first.unit.clone()),
        _ => return None,
    };
    // "بين 3 جنود و5 مدنيين": each end with a counted noun of its own counts another thing.
    let first_counted = end > number.end && first.subject.is_some();
    if first_counted && last.subject.is_some() && first.subject != last.subject {
        return None;
    }
    let mut opener_start = before;
    if between && before > 0 && analysis.text(before - 1) == "ما" {
        opener_start = before - 1;
    }
    let clitic_len = if opener_start == before {
        opener.len() - bare_opener.len()
    } else {
        0
    };
    let range = analysis.source_range(opener_start..last_end, clitic_len);
    let has_event = kind == FigureKind::Count;
    Some(RangeRead::Range(
        Box::new(Figure {
            start: range.start,
            end: range.end,
            low: first.low,
            high: last.high,
            qualifier: Qualifier::Range,
            kind,
            unit,
            event: has_event
                .then(|| last.event.clone().or_else(|| first.event.clone()))
                .flatten(),
            subject: has_event
                .then(|| last.subject.clone().or_else(|| first.subject.clone()))
                .flatten(),
            ..last
        }),
        last_end,
    ))
}

/// Numbers that are no figures: a link footnote ("[1]"), a number inside a web address
/// ("?id=42", "/2023/09/"), the parameters of a terminal escape sequence ("ESC[31m"), a number
/// in a name ("كوفيد-19", "COVID-19"), a label after رقم ("البوابة رقم 13"), and the floors of a
/// building ("30 طابقا"), which measure it rather than count what was hit.
fn not_a_figure(analysis: &Analysis, number: &numbers::NumberSpan) -> bool {
    let tokens = &analysis.tokens.tokens;
    let (start, end) = (number.start, number.end);
    // After رقم a number is a label, unless a counted noun follows ("رقم 174 قتيلا" is a toll).
    if start > 0
        && tokens[start - 1].kind == TokenKind::Word
        && matches!(
            analysis.text(start - 1),
            "رقم" | "برقم" | "ورقم" | "الرقم" | "بالرقم"
        )
        && !analysis.mark_starting(end).is_some_and(|mark| {
            matches!(
                mark.meaning,
                Meaning::Event { .. } | Meaning::Subject { .. }
            )
        })
    {
        return true;
    }
    if end < tokens.len()
        && tokens[end].kind == TokenKind::Word
        && FLOOR_WORDS
            .iter()
            .any(|w| without_conjunction(analysis.text(end)) == *w)
    {
        return true;
    }
    if tokens[start].kind != TokenKind::Number {
        return false;
    }
    let text = analysis.tokens.normalized.as_bytes();
    let at = tokens[start].normalized.clone();
    if in_web_address(&analysis.tokens.normalized, at.clone()) {
        return true;
    }
    if !tokens[start].glued {
        return false;
    }
    let previous = analysis.text(start - 1);
    let next_glued = tokens.get(start + 1).filter(|t| t.glued);
    // "[1]": a footnote mark or reference.
    if previous == "[" && next_glued.is_some_and(|_| analysis.text(start + 1) == "]") {
        return true;
    }
    // "ESC[1;31m": parameters between "[" and a letter.
    let mut back = at.start;
    while back > 0 && (text[back - 1].is_ascii_digit() || text[back - 1] == b';') {
        back -= 1;
    }
    let mut forward = at.end;
    while forward < text.len() && (text[forward].is_ascii_digit() || text[forward] == b';') {
        forward += 1;
    }
    if back > 0
        && text[back - 1] == b'['
        && forward < text.len()
        && text[forward].is_ascii_alphabetic()
    {
        return true;
    }
    // "كوفيد-19", "COVID-19", "covid19": a number glued to a name.
    if previous == "-"
        && start >= 2
        && tokens[start - 1].glued
        && tokens[start - 2].kind == TokenKind::Word
    {
        return true;
    }
    if tokens[start - 1].kind == TokenKind::Word
        && previous.bytes().all(|b| b.is_ascii_alphabetic())
    {
        return true;
    }
    false
}

/// True when the normalised bytes `at` lie in a web address or a path: the run of text without
/// white space around them has a scheme, "www.", a query ("?id=42"), a path with letters, or
/// starts or ends with a slash ("/2023/09/").
fn in_web_address(normalized: &str, at: Range<usize>) -> bool {
    let text = normalized.as_bytes();
    let mut run_start = at.start;
    while run_start > 0 && !text[run_start - 1].is_ascii_whitespace() {
        run_start -= 1;
    }
    let mut run_end = at.end;
    while run_end < text.len() && !text[run_end].is_ascii_whitespace() {
        run_end += 1;
    }
    let run = &normalized[run_start..run_end];
    run.contains("://")
        || run.starts_with("www.")
        || run.contains(['=', '?', '&'])
        || (run.contains('/')
            && (run.starts_with('/')
                || run.ends_with('/')
                || run.bytes().any(|b| b.is_ascii_alphabetic())))
}

/// Words for the floors of a building, after the number (normalised).
const FLOOR_WORDS: [&str; 4] = ["طابق", "طابقا", "طوابق", "ادوار"];

/// The interval a qualifier makes of a number's interval.
fn qualified(qualifier: Qualifier, low: f64, high: f64) -> (Option<f64>, Option<f64>) {
    match qualifier {
        Qualifier::Exact | Qualifier::Vague | Qualifier::Range => (Some(low), Some(high)),
        Qualifier::MoreThan | Qualifier::AtLeast => (Some(low), None),
        Qualifier::LessThan | Qualifier::AtMost => (None, Some(high)),
        Qualifier::Approx => (Some(tidy(low * 0.9)), Some(tidy(high * 1.1))),
    }
}

/// `value` without the float noise of a product: 400 × 1.1 is 440, not 440.00000000000006.
fn tidy(value: f64) -> f64 {
    const PLACES: f64 = 1e6;
    let tidied = (value * PLACES).round() / PLACES;
    if tidied.is_finite() { tidied } else { value }
}

/// The figure a number makes with the words around it, and the token where it ends.
fn figure_from_number(
    analysis: &Analysis,
    number: &numbers::NumberSpan,
    attributions: &Attributions,
) -> (Figure, usize) {
    let (start, mut end) = (number.start, number.end);
    let attribution = attributions.at(start);
    let mut span_start = start;
    // A number word may carry a clitic ("وألف"): the figure starts after it.
    let mut clitic_len = if analysis.tokens.tokens[start].kind == TokenKind::Word {
        analysis
            .lexicon
            .match_at(&analysis.tokens, start, |m| {
                matches!(
                    m,
                    Meaning::Number { .. } | Meaning::Vague { .. } | Meaning::Dual
                )
            })
            .map_or(0, |found| found.clitic_len)
    } else {
        0
    };
    let mut qualifier = if number.vague {
        Qualifier::Vague
    } else {
        Qualifier::Exact
    };
    if let Some(mark) = analysis.mark_ending(start)
        && let Meaning::Qualifier {
            qualifier: q,
            after: false,
        } = mark.meaning
    {
        qualifier = *q;
        span_start = mark.start;
        clitic_len = mark.clitic_len;
    }

    let mut kind = FigureKind::Count;
    let mut unit = None;
    let mut day_of_month = None;
    let single_token = end == start + 1;
    // A dual noun that is itself a unit ("أسبوعين") is a duration of two.
    if single_token
        && let Some(found) = analysis.lexicon.match_at(&analysis.tokens, start, |m| {
            matches!(m, Meaning::Unit { before: false, .. })
        })
        && found.end == end
        && analysis.tokens.tokens[start].kind == TokenKind::Word
        && let Meaning::Unit {
            kind: k, unit: u, ..
        } = found.meaning
    {
        kind = *k;
        unit = Some(u.clone());
    }
    if kind == FigureKind::Count
        && let Some(mark) = analysis.mark_starting(end)
    {
        match mark.meaning {
            Meaning::Unit {
                kind: k,
                unit: u,
                before: false,
            } => {
                kind = *k;
                unit = Some(u.clone());
                end = mark.end;
            }
            Meaning::Month { month } if (1.0..=31.0).contains(&number.low) => {
                kind = FigureKind::Date;
                unit = Some("day".to_owned());
                // "منذ 14 يونيو" starts a period: the count is not of that day.
                let since = span_start > 0 && analysis.text(span_start - 1) == "منذ";
                day_of_month = (!since).then_some((number.low as u8, *month));
            }
            _ => {}
        }
    }
    if kind == FigureKind::Count && YEARS.contains(&number.low) && number.low == number.high {
        let month_or_year_word = analysis.mark_ending(start).is_some_and(|m| {
            matches!(
                m.meaning,
                Meaning::Month { .. }
                    | Meaning::Unit {
                        kind: FigureKind::Date,
                        before: true,
                        ..
                    }
            )
        }) || (start >= 2
            && analysis.tokens.tokens[start - 1].kind == TokenKind::Punct
            && analysis
                .mark_ending(start - 1)
                .is_some_and(|m| matches!(m.meaning, Meaning::Month { .. })));
        // A number ending its clause is a year only when the clause counts nothing: "بلغ عدد
        // القتلى 2000." is a count.
        let stands_alone = analysis
            .tokens
            .tokens
            .get(end)
            .is_none_or(|t| t.kind == TokenKind::Punct || t.line_break)
            && event_and_subject(analysis, span_start, end, None) == (None, None);
        if month_or_year_word || stands_alone {
            kind = FigureKind::Date;
            unit = Some("year".to_owned());
        }
    }
    // Units that stand before the number: a time, an age cue a few words back.
    if kind == FigureKind::Count || kind == FigureKind::Duration {
        for back in 1..=4 {
            let Some(at) = span_start.checked_sub(back - 1) else {
                break;
            };
            let Some(mark) = analysis.mark_ending(at) else {
                continue;
            };
            if let Meaning::Unit {
                kind: k,
                unit: u,
                before: true,
            } = mark.meaning
            {
                let applies = match k {
                    FigureKind::Age => true,
                    FigureKind::Time => back == 1,
                    FigureKind::Date => back == 1 && YEARS.contains(&number.low),
                    _ => false,
                };
                if applies {
                    kind = *k;
                    unit = Some(u.clone());
                    if *k == FigureKind::Age && analysis.mark_starting(end).is_some() {
                        end = analysis.mark_starting(end).map_or(end, |m| m.end);
                    }
                    break;
                }
            }
        }
    }
    let (mut event, mut subject) = (None, None);
    if kind == FigureKind::Count {
        (event, subject) =
            event_and_subject(analysis, span_start, end, attribution.source.as_deref());
        // A noun in the dual is itself what its two count: "شخصين", "القتيلين".
        if single_token
            && analysis
                .mark_starting(start)
                .is_some_and(|mark| matches!(mark.meaning, Meaning::Dual))
            && let Some(own) = analysis.lexicon.match_at(&analysis.tokens, start, |m| {
                matches!(m, Meaning::Subject { .. } | Meaning::Event { .. })
            })
        {
            match own.meaning {
                Meaning::Event { event: own } => (event, subject) = (Some(own.clone()), None),
                Meaning::Subject { subject: own } => subject = Some(own.clone()),
                _ => {}
            }
        }
        if let Some(nationals) = nationals_counted(analysis, end) {
            subject = Some(nationals);
        }
        // The counted noun right after the number belongs to the figure ("317 عنصرا").
        if let Some(mark) = analysis.mark_starting(end)
            && matches!(
                mark.meaning,
                Meaning::Subject { .. } | Meaning::Event { .. }
            )
            && analysis.clause[mark.start] == analysis.clause[start]
        {
            end = mark.end;
        }
    }
    // A qualifier after the number or its counted noun: "200 شخص على الأقل".
    if let Some(mark) = analysis.mark_starting(end)
        && let Meaning::Qualifier {
            qualifier: q,
            after: true,
        } = mark.meaning
    {
        qualifier = *q;
        end = mark.end;
    }

    let (low, high) = qualified(qualifier, number.low, number.high);
    // A number too large for a float is no figure anyone can check.
    let (low, high) = (
        low.filter(|v| v.is_finite()),
        high.filter(|v| v.is_finite()),
    );
    let range = analysis.source_range(span_start..end, clitic_len);
    let figure = Figure {
        start: range.start,
        end: range.end,
        text: String::new(),
        low,
        high,
        qualifier,
        kind,
        unit,
        event,
        subject,
        source: attribution.source.clone(),
        via: attribution.via.clone(),
        place: None,
        when: Vec::new(),
        time: FigureTime {
            date: day_of_month,
            ..FigureTime::default()
        },
        as_of: None,
        moment: None,
        scope: None,
        preliminary: None,
        correction: false,
    };
    (figure, end)
}

/// Endings of a word that names the people of a place (مصري، مصريا، باكستانيين، سودانيون).
const NISBA_ENDINGS: [&str; 6] = ["يين", "يون", "يات", "يه", "يا", "ي"];

/// "450 مصريا": the counted word after a number, unknown to the lexicon, that names the
/// people of a country the lexicon knows, as the subject "nationals of Egypt".
fn nationals_counted(analysis: &Analysis, index: usize) -> Option<String> {
    let token = analysis.tokens.tokens.get(index)?;
    if token.kind != TokenKind::Word || analysis.mark_of[index].is_some() {
        return None;
    }
    let next = (index + 1 < analysis.len()).then(|| analysis.text(index + 1));
    country_of_nationality(analysis.text(index), next, analysis.lexicon)
        .map(|country| format!("nationals of {country}"))
}

/// The country a nationality word names (مصري، باكستانيين، الكورية الجنوبية), when the
/// lexicon knows the country: the word without the article and its ending, spelled as countries
/// are, alone or with the `next` word ("كوريا الجنوبية").
fn country_of_nationality(word: &str, next: Option<&str>, lexicon: &Lexicon) -> Option<String> {
    let word = word.strip_prefix("ال").unwrap_or(word);
    let stem = NISBA_ENDINGS
        .iter()
        .find_map(|ending| word.strip_suffix(ending))?;
    if stem.chars().count() < 2 {
        return None;
    }
    let candidates = [
        stem.to_owned(),
        format!("ال{stem}"),
        format!("{stem}ا"),
        format!("{stem}يا"),
        format!("{stem}يه"),
        format!("ال{stem}يه"),
    ];
    let country = |candidate: &str| {
        let place = place_named(candidate, lexicon)?;
        (lexicon.country_of(&place) == Some(place.as_str())).then_some(place)
    };
    candidates.iter().find_map(|candidate| {
        country(candidate).or_else(|| country(&format!("{candidate} {}", next?)))
    })
}

/// "قتل 140 شخصا بينهم 19 أجنبيا", "300 قتيل بدلا من 312": after a part or a number
/// replaced, a figure counts what the figure before it in its sentence counts, where it names
/// nothing itself; before "آخرون" or "منهم" it counts the whole's people.
fn refer_back(
    analysis: &Analysis,
    figure: &mut Figure,
    start: usize,
    end: usize,
    figures: &[(Figure, usize)],
) {
    if figure.kind != FigureKind::Count {
        return;
    }
    let lexicon = analysis.lexicon;
    // "وأصيب 30 آخرون", "ستة منهم": the word after the number is no noun of its own; what
    // the figure counts is the whole's.
    let after = end < analysis.len() && lexicon.refers_back(analysis.text(end));
    let mut part = false;
    let before = figure.event.is_none()
        && (0..=2).any(|skipped: usize| {
            (1..=3).any(|words| {
                if start < skipped + words {
                    return false;
                }
                let phrase = analysis.phrase(start - skipped - words..start - skipped);
                part = lexicon.is_part_word(&phrase);
                lexicon.refers_back(&phrase)
            })
        });
    if !before && !after {
        return;
    }
    let sentence = analysis.sentence[start];
    let whole = figures
        .iter()
        .rev()
        .take_while(|(_, at)| analysis.sentence[*at] == sentence)
        .find(|(whole, _)| whole.kind == FigureKind::Count && whole.event.is_some());
    if let Some((whole, _)) = whole {
        if figure.event.is_none() {
            figure.event = whole.event.clone();
        }
        if after || figure.subject.is_none() {
            figure.subject = whole.subject.clone();
        }
        // "13 مركبة منها عشر سيارات": a part of the same count.
        if part && !after && figure.subject == whole.subject && figure.event == whole.event {
            figure.scope = Some(Scope::Part);
        }
    }
}

fn ordinal_figure(
    analysis: &Analysis,
    mark: &Mark,
    value: f64,
    attributions: &Attributions,
) -> Figure {
    // "الخامس من يناير" is the fifth day of a month.
    let month_follows = (mark.end..(mark.end + 2).min(analysis.len())).any(|i| {
        matches!(
            analysis.mark_starting(i).map(|m| m.meaning),
            Some(Meaning::Month { .. })
        )
    }) && analysis.text(mark.end) == "من";
    let (kind, unit) = if month_follows {
        (FigureKind::Date, Some("day".to_owned()))
    } else {
        (FigureKind::Ordinal, None)
    };
    let range = analysis.source_range(mark.start..mark.end, mark.clitic_len);
    let attribution = attributions.at(mark.start);
    Figure {
        start: range.start,
        end: range.end,
        text: String::new(),
        low: Some(value),
        high: Some(value),
        qualifier: Qualifier::Exact,
        kind,
        unit,
        event: None,
        subject: None,
        source: attribution.source.clone(),
        via: attribution.via.clone(),
        place: None,
        when: Vec::new(),
        time: FigureTime::default(),
        as_of: None,
        moment: None,
        scope: None,
        preliminary: None,
        correction: false,
    }
}

/// Where and when the text places what token `index` says: the local place nearest to it in
/// its report (`scope`), and the time words of its sentence (neighbouring ones joined) as
/// article byte ranges.
fn circumstances(analysis: &Analysis, index: usize, scope: Range<usize>) -> Circumstances {
    let sentence = analysis.sentence[index];
    let start = analysis.sentence.partition_point(|&s| s < sentence);
    let end = analysis.sentence.partition_point(|&s| s <= sentence);
    let mut place: Option<(usize, &String)> = None;
    let mut when: Vec<Range<usize>> = Vec::new();
    let mut last_time_end = None;
    // Runs of time words: their tokens and what they say together; those that date the
    // event itself ("حريق اندلع ليلة أمس") are kept apart.
    let mut runs: Vec<(Range<usize>, TimeCue)> = Vec::new();
    let mut event_runs: Vec<usize> = Vec::new();
    let mut correction = false;
    let mut cumulative = false;
    let mut rose = false;
    for mark in analysis.marks_in(start..end) {
        match mark.meaning {
            Meaning::Place { name }
                if analysis.lexicon.is_local_place(name)
                    && scope.contains(&mark.start)
                    && is_where_it_happened(analysis, mark, index) =>
            {
                let distance = mark.start.abs_diff(index);
                if place.is_none_or(|(best, _)| distance < best) {
                    place = Some((distance, name));
                }
            }
            Meaning::Time { cue } => {
                let range = analysis.source_range(mark.start..mark.end, mark.clitic_len);
                match (when.last_mut(), runs.last_mut()) {
                    (Some(last), Some((tokens, joined))) if last_time_end == Some(mark.start) => {
                        last.end = range.end;
                        tokens.end = mark.end;
                        *joined = join_cues(*joined, *cue);
                    }
                    _ => {
                        when.push(range);
                        if analysis.dates_the_event(mark.start, start) {
                            event_runs.push(mark.start);
                        }
                        runs.push((mark.start..mark.end, *cue));
                    }
                }
                last_time_end = Some(mark.end);
            }
            Meaning::Correction => correction = true,
            // "ارتفع عدد القتلى إلى", "بلغت الحصيلة": a count that rose or stands is the
            // whole so far.
            Meaning::Change { direction }
                if mark.start < index
                    && analysis.clause[mark.start] == analysis.clause[index]
                    && *direction != ChangeDirection::Down =>
            {
                cumulative = true;
                rose |= *direction == ChangeDirection::Up;
            }
            _ => {}
        }
    }
    cumulative |= (start.max(index.saturating_sub(TOLL_REACH))..index).any(|i| {
        analysis.clause[i] == analysis.clause[index]
            && analysis.lexicon.is_toll_word(analysis.text(i))
    });
    // The nearest run that says when says it; scope and status come from any run of the
    // sentence, the nearest first.
    let distance = |tokens: &Range<usize>| {
        if tokens.contains(&index) {
            0
        } else {
            tokens
                .start
                .abs_diff(index)
                .min(tokens.end.abs_diff(index + 1))
        }
    };
    // Time words after another number are that number's ("إلى 275، بدلا من 288 أعلنتها
    // السبت"); those that open the sentence govern all of its numbers ("وفي بيان سابق، …").
    // Behind an attribution, they are the statement's: "إلى 233 قتيلا ونحو 900 مصاب، بحسب ما
    // نقلته القناة صباح السبت".
    // Behind "بعد أن كانت" or "بدلا من" they are those of the count replaced, even when it is
    // written in words ("إلى 6 أشخاص بعد أن كانت قد تحدثت الجمعة عن عشرة").
    runs.retain(|(tokens, _)| {
        tokens.start < index
            || (!analysis.replacement_between(index, tokens.start)
                && (!analysis.number_between(index, tokens.start)
                    || analysis.attribution_between(index, tokens.start)))
    });
    runs.sort_by_key(|(tokens, _)| distance(tokens));
    let says_when =
        |cue: &TimeCue| cue.days.is_some() || cue.weekday.is_some() || cue.hour.is_some();
    let mut time = runs
        .iter()
        .filter(|(tokens, _)| !event_runs.contains(&tokens.start))
        .find(|(_, cue)| says_when(cue) || cue.earlier || cue.later)
        .map(|(_, cue)| *cue)
        .unwrap_or_default();
    // "في مدينة درنة وحدها": a part is the figure of its own clause only.
    time.scope = runs.iter().find_map(|(tokens, cue)| match cue.scope {
        Some(Scope::Part) if analysis.clause[tokens.start] != analysis.clause[index] => None,
        scope => scope,
    });
    time.preliminary = runs.iter().find_map(|(_, cue)| cue.preliminary);
    time.latest = runs.iter().any(|(_, cue)| cue.latest);
    time.still = runs
        .iter()
        .any(|(tokens, cue)| cue.still && analysis.clause[tokens.start] == analysis.clause[index]);
    if time.scope.is_none() && cumulative {
        time.scope = Some(Scope::Cumulative);
    }
    Circumstances {
        place: place.map(|(_, name)| name.clone()),
        when,
        time,
        correction,
        rose,
    }
}

/// What a figure's sentence says around it.
struct Circumstances {
    place: Option<String>,
    /// Runs of time words, as article byte ranges.
    when: Vec<Range<usize>>,
    /// What the time words nearest to it say, with scope and status from any of them.
    time: TimeCue,
    correction: bool,
    rose: bool,
}

/// Two neighbouring time words read as one: "صباح" + "اليوم" + "الجمعة".
fn join_cues(a: TimeCue, b: TimeCue) -> TimeCue {
    TimeCue {
        days: a.days.or(b.days),
        weekday: a.weekday.or(b.weekday),
        hour: a.hour.or(b.hour),
        earlier: a.earlier || b.earlier,
        later: a.later || b.later,
        scope: a.scope.or(b.scope),
        preliminary: a.preliminary.or(b.preliminary),
        still: a.still || b.still,
        latest: a.latest || b.latest,
    }
}

/// Gives each figure without a date of its own the nearest date written out in its sentence
/// ("الأحد 10 سبتمبر"), and drops the sentence numbers.
fn with_sentence_dates(figures: Vec<(Figure, u32)>) -> Vec<Figure> {
    // The nearest dated figure before and after each one in its sentence, in two sweeps.
    let mut before: Vec<Option<usize>> = vec![None; figures.len()];
    let mut after: Vec<Option<usize>> = vec![None; figures.len()];
    let mut last = None;
    for (i, (figure, sentence)) in figures.iter().enumerate() {
        last = last.filter(|&at: &usize| figures[at].1 == *sentence);
        before[i] = last;
        if figure.time.date.is_some() {
            last = Some(i);
        }
    }
    last = None;
    for (i, (figure, sentence)) in figures.iter().enumerate().rev() {
        last = last.filter(|&at: &usize| figures[at].1 == *sentence);
        after[i] = last;
        if figure.time.date.is_some() {
            last = Some(i);
        }
    }
    let nearest: Vec<Option<(u8, u8)>> = (0..figures.len())
        .map(|i| {
            let at = match (before[i], after[i]) {
                (Some(b), Some(a)) => Some(if i - b <= a - i { b } else { a }),
                (b, a) => b.or(a),
            };
            at.and_then(|at| figures[at].0.time.date)
        })
        .collect();
    figures
        .into_iter()
        .zip(nearest)
        .map(|((mut figure, _), date)| {
            figure.time.date = figure.time.date.or(date);
            figure
        })
        .collect()
}

/// True when the place `mark` may be where the figure at token `index` happened: not in a
/// dateline, not a point of reference (شرقي الموصل), not in the frame of a reported statement
/// the figure is in ("قال شهود نقلوا المصابين إلى أربيل إن …").
fn is_where_it_happened(analysis: &Analysis, mark: &Mark, index: usize) -> bool {
    let reference = (1..=2).any(|words| {
        mark.start >= words
            && analysis
                .lexicon
                .is_place_reference(&analysis.phrase(mark.start - words..mark.start))
    });
    let in_frame = mark.end <= index && analysis.statement_opens_between(mark.end, index);
    !(analysis.in_dateline(mark.start) || reference || in_frame)
}

/// Pairs of quotation marks: curly, guillemets, and straight quotes that open and close in turn.
const QUOTE_MARKS: [(char, char); 3] = [('“', '”'), ('«', '»'), ('"', '"')];
/// Fewer words than this in quotation marks are a name or a phrase ("إرهابيون"), not a statement.
const QUOTE_MIN_WORDS: usize = 4;

/// The quoted statements of the analysed text, each with the attribution where it opens.
fn find_quotes(
    text: &str,
    analysis: &Analysis,
    attributions: &Attributions,
) -> Vec<(Range<usize>, Attribution)> {
    let mut quotes = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (at, c) in text.char_indices() {
        if c == '\n' {
            open = None;
            continue;
        }
        match open {
            Some((start, close)) if c == close => {
                open = None;
                let inner = text[start..at].trim();
                let start = start + (text[start..at].len() - text[start..at].trim_start().len());
                let words = inner
                    .split_whitespace()
                    .filter(|w| w.chars().any(char::is_alphabetic))
                    .count();
                if words >= QUOTE_MIN_WORDS {
                    let token = analysis
                        .tokens
                        .tokens
                        .partition_point(|t| t.source.start < start);
                    let attribution = attributions.at(token).clone();
                    let end = start + inner.len();
                    quotes.push((start + analysis.offset..end + analysis.offset, attribution));
                }
            }
            Some(_) => {}
            None => {
                if let Some(&(_, close)) = QUOTE_MARKS.iter().find(|(o, _)| *o == c) {
                    open = Some((at + c.len_utf8(), close));
                }
            }
        }
    }
    quotes
}

/// The nearest event and subject words to a count, inside its clause. The word right after the
/// number (the counted noun) is the best subject and event; otherwise words before the number
/// win ties: "قتل ثلاثة جنود وأصيب خمسة" kills three. A subject is not looked for behind another
/// number, whose counted noun it is. A generic noun yields to the group after it ("عناصر من قوات
/// الأمن"), and "its members" (أفرادها) are the people of `source`, the body reporting.
fn event_and_subject(
    analysis: &Analysis,
    start: usize,
    end: usize,
    source: Option<&str>,
) -> (Option<String>, Option<String>) {
    let clause = analysis.clause[start];
    let in_clause = |i: &usize| analysis.clause.get(*i) == Some(&clause);
    let forward: Vec<usize> = (end..(end + CLAUSE_REACH).min(analysis.len()))
        .take_while(in_clause)
        .collect();
    let backward: Vec<usize> = (start.saturating_sub(CLAUSE_REACH)..start)
        .rev()
        .take_while(in_clause)
        .collect();
    let nearest = |candidates: &mut dyn Iterator<Item = (usize, usize)>,
                   wanted: &dyn Fn(&Meaning) -> bool| {
        candidates
            .filter_map(|(distance, i)| {
                let mark = analysis.mark_starting(i)?;
                wanted(mark.meaning).then_some((distance, mark))
            })
            .min_by_key(|(distance, _)| *distance)
            .map(|(_, mark)| mark)
    };
    let is_event = |meaning: &Meaning| matches!(meaning, Meaning::Event { .. });
    let is_number = |i: usize| {
        analysis.tokens.tokens[i].kind == TokenKind::Number
            || analysis.mark_starting(i).is_some_and(|m| {
                matches!(m.meaning, Meaning::Number { .. } | Meaning::Vague { .. })
            })
    };
    // After the number, its predicate ends where the next number or the next conjunct starts:
    // "أودى بحياة 82 شخصا وأصاب 110 آخرين" kills 82; "1500 والمصابين إلى 1900" gives the
    // injured the 1900.
    let starts_conjunct = |i: usize| {
        (i > 0 && analysis.text(i - 1) == "و")
            || analysis.mark_starting(i).is_some_and(|mark| {
                is_event(mark.meaning) && analysis.text(i)[..mark.clitic_len].starts_with('و')
            })
    };
    let own_forward = forward
        .iter()
        .position(|&i| i > end && (is_number(i) || starts_conjunct(i)))
        .unwrap_or(forward.len());
    let forward_events = || {
        forward[..own_forward]
            .iter()
            .map(|&i| (if i == end { 0 } else { 2 * (i - end) + 1 }, i))
    };
    // "ارتفعت حصيلة قتلى الحرائق إلى 53 شخصا", "عدد المفقودين ارتفع إلى 79": behind a noun of
    // a count, the event noun after it is what is counted, whatever event stands nearer.
    // A span of time between the toll and its number does not hide it ("منذ ثلاثة أيام").
    let is_span_of_time = |i: usize| {
        analysis.mark_starting(i + 1).is_some_and(|mark| {
            matches!(
                mark.meaning,
                Meaning::Unit {
                    kind: FigureKind::Duration,
                    ..
                }
            )
        })
    };
    // A toll reaches further back than other keys: the place, the cause and a relative
    // clause may stand between it and its number ("عدد الوفيات جراء حريق قاعة الأعراس في قضاء
    // الحمدانية شرقي الموصل بلغ 93").
    let toll_event = (start.saturating_sub(TOLL_REACH)..start)
        .rev()
        .take_while(|i| in_clause(i))
        .take_while(|&i| !is_number(i) || is_span_of_time(i))
        .filter(|&i| analysis.lexicon.is_toll_word(analysis.text(i)))
        .find_map(|i| {
            (i + 1..(i + 3).min(start))
                .filter_map(|j| analysis.mark_starting(j))
                .find(|mark| is_event(mark.meaning))
        });
    // "إدخال 400 إلى المستشفى و62 شخصا في العناية المركزة": a number joined by و has its own
    // predicate after it when it has one.
    let conjoined =
        start > 0 && analysis.text(start - 1) == "و" && analysis.tokens.tokens[start].glued;
    let event = conjoined
        .then(|| nearest(&mut forward_events(), &is_event))
        .flatten()
        .or(toll_event)
        .or_else(|| {
            nearest(
                &mut backward
                    .iter()
                    .map(|&i| (2 * (start - i), i))
                    // The counted noun itself may name the event ("ألف جريح").
                    .chain(forward_events()),
                &is_event,
            )
        })
        .and_then(|mark| match mark.meaning {
            Meaning::Event { event } => Some(event.clone()),
            _ => None,
        });
    let is_subject =
        |meaning: &Meaning| matches!(meaning, Meaning::Subject { .. } | Meaning::OwnMembers);
    // Behind another number lies its counted noun, not ours ("تصفية 26 مسلحا واعتقال 3 آلاف"),
    // and past the next number, its own.
    // "إلى 207 قتلى في ولاية أوديشا": an event noun counted (قتيل، جريح، مفقود …) counts people,
    // unless a group is named right after it ("قتيلا من الشرطة"); a place, a body or a building
    // nearby is not what it counts.
    if let Some(noun) = analysis
        .mark_starting(end)
        .filter(|mark| is_event(mark.meaning))
    {
        let group = (noun.end + 1 < analysis.len() && analysis.text(noun.end) == "من")
            .then(|| analysis.mark_starting(noun.end + 1))
            .flatten();
        let subject = match group.map(|group| group.meaning) {
            Some(Meaning::Subject { subject }) => Some(subject.clone()),
            Some(Meaning::Source { name, .. }) => {
                analysis.lexicon.personnel(name).map(str::to_owned)
            }
            _ => None,
        };
        return (event, subject);
    }
    let before_other_number = backward
        .iter()
        .position(|&i| is_number(i) || (i > 0 && is_number(i - 1)))
        .unwrap_or(backward.len());
    let until_other_number = forward
        .iter()
        .position(|&i| is_number(i))
        .unwrap_or(forward.len());
    let mut counted = nearest(
        &mut forward[..until_other_number]
            .iter()
            .map(|&i| (2 * (i - end), i))
            .chain(
                backward[..before_other_number]
                    .iter()
                    .map(|&i| (2 * (start - i) + 1, i)),
            ),
        &is_subject,
    );
    // "ثمانية عناصر من قوات الأمن": the group after a generic noun is what is counted.
    if let Some(mark) = counted {
        let generic = match mark.meaning {
            Meaning::Subject { subject } => analysis.lexicon.is_generic_subject(subject),
            _ => false,
        };
        if generic
            && mark.end + 1 < analysis.len()
            && analysis.text(mark.end) == "من"
            && let Some(group) = analysis.mark_starting(mark.end + 1)
        {
            match group.meaning {
                meaning if is_subject(meaning) => counted = Some(group),
                // "عنصرا من الشرطة": the people of a body named as a source.
                Meaning::Source { name, .. } => {
                    if let Some(personnel) = analysis.lexicon.personnel(name) {
                        return (event, Some(personnel.to_owned()));
                    }
                }
                _ => {}
            }
        }
    }
    let subject = counted.and_then(|mark| match mark.meaning {
        // "عدد الوفيات بلغ 93 حالة": cases of an event that counts people are people.
        Meaning::Subject { subject }
            if analysis.lexicon.counts_what_event_counts(subject)
                && event
                    .as_deref()
                    .and_then(|event| analysis.lexicon.event_counts(event))
                    .is_some() =>
        {
            None
        }
        Meaning::Subject { subject } => Some(subject.clone()),
        Meaning::OwnMembers => Some(
            source
                .and_then(|name| analysis.lexicon.personnel(name))
                .unwrap_or("members")
                .to_owned(),
        ),
        _ => None,
    });
    (event, subject)
}

/// A number as people write it: whole numbers with thousands grouped, fractions to two places.
pub fn format_number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        let digits = format!("{}", value.abs() as u64);
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(c);
        }
        if value < 0.0 {
            grouped.insert(0, '-');
        }
        grouped
    } else {
        let text = format!("{value:.2}");
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

impl Figure {
    /// The interval in short: "317", ">200", "≈3", "20–99"; years and days ungrouped.
    pub fn value_label(&self) -> String {
        let grouped = !matches!(
            self.kind,
            FigureKind::Date | FigureKind::Time | FigureKind::Ordinal
        );
        let number = |v: Option<f64>| {
            v.map(|v| {
                if grouped {
                    format_number(v)
                } else {
                    format_number(v).replace(',', "")
                }
            })
            .unwrap_or_default()
        };
        match self.qualifier {
            Qualifier::Exact => number(self.low),
            Qualifier::MoreThan => format!(">{}", number(self.low)),
            Qualifier::AtLeast => format!("≥{}", number(self.low)),
            Qualifier::LessThan => format!("<{}", number(self.high)),
            Qualifier::AtMost => format!("≤{}", number(self.high)),
            Qualifier::Approx => match (self.low, self.high) {
                (Some(low), Some(high)) => format!("≈{}", format_number((low + high) / 2.0)),
                _ => String::new(),
            },
            Qualifier::Vague => format!("{}–{}", number(self.low), number(self.high)),
            Qualifier::Range => match self.high {
                Some(_) => format!("{}–{}", number(self.low), number(self.high)),
                None => format!("≥{}", number(self.low)),
            },
        }
    }

    /// What the figure is about: "killed security forces" for a count, else its kind and unit.
    pub fn claim_label(&self) -> String {
        let words: Vec<String> = match self.kind {
            FigureKind::Count => [&self.event, &self.subject]
                .into_iter()
                .flatten()
                .map(|word| word.replace('_', " "))
                .collect(),
            kind => std::iter::once(kind.label().to_owned())
                .chain(self.unit.clone().filter(|unit| unit != kind.label()))
                .collect(),
        };
        if words.is_empty() {
            FigureKind::Count.label().to_owned()
        } else {
            words.join(" ")
        }
    }

    /// The source chain in words: "Interior Ministry via AFP".
    pub fn source_label(&self) -> Option<String> {
        let source = self.source.as_ref()?;
        if self.via.is_empty() {
            Some(source.clone())
        } else {
            Some(format!("{source} via {}", self.via.join(", ")))
        }
    }
}

impl FigureKind {
    /// The kind's name as the command-line contract writes it.
    pub fn label(self) -> &'static str {
        match self {
            FigureKind::Count => "count",
            FigureKind::Percent => "percent",
            FigureKind::Money => "money",
            FigureKind::Measure => "measure",
            FigureKind::Date => "date",
            FigureKind::Time => "time",
            FigureKind::Age => "age",
            FigureKind::Duration => "duration",
            FigureKind::Ordinal => "ordinal",
        }
    }
}

impl SourceType {
    /// The type's name as the command-line contract writes it.
    pub fn label(self) -> &'static str {
        match self {
            SourceType::Agency => "agency",
            SourceType::Outlet => "outlet",
            SourceType::Institution => "institution",
            SourceType::Official => "official",
            SourceType::Person => "person",
            SourceType::Anonymous => "anonymous",
            SourceType::Social => "social",
        }
    }
}

#[cfg(test)]
mod tests;
