//! Lexicons as data: number words, qualifiers, units, months, events, subjects, sources,
//! reporting verbs and places, read with serde from TOML under `assets/lexicon/` (built into
//! the binary) and from files a user adds, and indexed for matching on normalised tokens.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::LazyLock;
use std::sync::atomic::{AtomicU64, Ordering};

use anyhow::{Context, Result};
use serde::Deserialize;

use crate::text::Tokens;
pub use crate::text::numbers::NumberRole;
use crate::text::numbers::{NumberWord, NumberWordMatch, NumberWords};

/// The lexicon files built into the binary.
const BUILTIN: &[(&str, &str)] = &[
    (
        "numbers.toml",
        include_str!("../../assets/lexicon/numbers.toml"),
    ),
    (
        "figures.toml",
        include_str!("../../assets/lexicon/figures.toml"),
    ),
    (
        "sources.toml",
        include_str!("../../assets/lexicon/sources.toml"),
    ),
    (
        "function_words.toml",
        include_str!("../../assets/lexicon/function_words.toml"),
    ),
    (
        "stop_words.toml",
        include_str!("../../assets/lexicon/stop_words.toml"),
    ),
];

/// What a number word contributes to a number.
/// How a figure's interval relates to the number written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// The number itself.
    Exact,
    /// More than the number: أكثر من.
    MoreThan,
    /// Less than the number: أقل من.
    LessThan,
    /// About the number: نحو, حوالي.
    Approx,
    /// At least the number: على الأقل.
    AtLeast,
    /// At most the number: على الأكثر.
    AtMost,
    /// A vague quantity: عشرات.
    Vague,
    /// Between two numbers: بين 200 و400, من 10 إلى 20.
    Range,
}

/// The kind of a figure, as the command-line contract names them.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, serde::Serialize,
)]
#[serde(rename_all = "snake_case")]
pub enum FigureKind {
    /// A number of people or things.
    Count,
    /// A percentage.
    Percent,
    /// An amount of money.
    Money,
    /// A measure with a unit.
    Measure,
    /// A day of a month or a year.
    Date,
    /// A time of day.
    Time,
    /// Someone's age.
    Age,
    /// A length of time.
    Duration,
    /// A rank: the third day.
    Ordinal,
}

/// The type of a source, as the command-line contract names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceType {
    /// A news agency.
    Agency,
    /// A newspaper, channel or site.
    Outlet,
    /// A ministry, government, organisation.
    Institution,
    /// A named official.
    Official,
    /// A named person.
    Person,
    /// Witnesses, informed sources, local media.
    Anonymous,
    /// A social network or messaging channel.
    Social,
}

/// One lexicon file as written. Every section is optional, so a user's file may add to any.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LexiconFile {
    #[serde(default)]
    numbers: Vec<NumberEntry>,
    #[serde(default)]
    vague: Vec<VagueEntry>,
    #[serde(default)]
    duals: Vec<WordsEntry>,
    #[serde(default)]
    ordinals: Vec<OrdinalEntry>,
    #[serde(default)]
    qualifiers: Vec<QualifierEntry>,
    #[serde(default)]
    units: Vec<UnitEntry>,
    #[serde(default)]
    months: Vec<MonthEntry>,
    #[serde(default)]
    events: Vec<EventEntry>,
    #[serde(default)]
    subjects: Vec<SubjectEntry>,
    #[serde(default)]
    sources: Vec<SourceEntry>,
    #[serde(default)]
    reporting_verbs: Vec<WordsEntry>,
    #[serde(default)]
    relay_verbs: Vec<WordsEntry>,
    #[serde(default)]
    attribution_markers: Vec<WordsEntry>,
    #[serde(default)]
    roles: Vec<WordsEntry>,
    #[serde(default)]
    places: Vec<PlaceEntry>,
    #[serde(default)]
    function_words: Vec<WordsEntry>,
    #[serde(default)]
    own_members: Vec<WordsEntry>,
    #[serde(default)]
    times: Vec<TimeEntry>,
    #[serde(default)]
    corrections: Vec<WordsEntry>,
    #[serde(default)]
    stop_words: Vec<WordsEntry>,
    #[serde(default)]
    changes: Vec<ChangeEntry>,
    #[serde(default)]
    tolls: Vec<WordsEntry>,
    #[serde(default)]
    occurrences: Vec<WordsEntry>,
    #[serde(default)]
    clause_openers: Vec<WordsEntry>,
    #[serde(default)]
    complementizers: Vec<WordsEntry>,
    #[serde(default)]
    place_references: Vec<WordsEntry>,
    #[serde(default)]
    place_cues: Vec<WordsEntry>,
    #[serde(default)]
    refers_back: Vec<WordsEntry>,
    #[serde(default)]
    parts: Vec<WordsEntry>,
    #[serde(default)]
    replaced: Vec<WordsEntry>,
}

/// Verbs and nouns of change (ارتفع، بلغ، وصل، انخفض): they say how a count moved, never what
/// happened.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ChangeEntry {
    direction: ChangeDirection,
    words: Vec<String>,
}

/// Which way a count moved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeDirection {
    /// Rose: ارتفع, تجاوز (a count reached past).
    Up,
    /// Fell: انخفض, تراجع.
    Down,
    /// Reached or stood at: بلغ, وصل, سجل.
    Reached,
}

/// Time words, with what each says of when a figure was true.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TimeEntry {
    #[serde(default)]
    days: Option<i8>,
    #[serde(default)]
    weekday: Option<u8>,
    #[serde(default)]
    hour: Option<u8>,
    #[serde(default)]
    earlier: bool,
    #[serde(default)]
    later: bool,
    #[serde(default)]
    scope: Option<Scope>,
    #[serde(default)]
    preliminary: Option<bool>,
    #[serde(default)]
    still: bool,
    #[serde(default)]
    latest: bool,
    words: Vec<String>,
}

/// What a time word says of when a figure was true, and of what it counts. A run of time words
/// is read together ("صباح اليوم الجمعة").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
pub struct TimeCue {
    /// Days after the publication day: 0 today, -1 yesterday.
    pub days: Option<i8>,
    /// A day of the week, 0 Monday to 6 Sunday: the last such day up to the publication.
    pub weekday: Option<u8>,
    /// A part of the day, in hours from midnight (صباح 9, مساء 19): orders figures of one day.
    pub hour: Option<u8>,
    /// Before the report's own count ("في بيان سابق").
    pub earlier: bool,
    /// After it ("في وقت لاحق").
    pub later: bool,
    /// The whole so far ("حتى الآن", "منذ بداية") or a part of it (one town, one day).
    pub scope: Option<Scope>,
    /// A preliminary count (`true`: "حصيلة أولية") or a final one (`false`: "حصيلة نهائية").
    pub preliminary: Option<bool>,
    /// Those still in a state ("ما زالوا في المستشفيات"): a count that falls as they leave it.
    pub still: bool,
    /// Said to be the newest count ("آخر حصيلة"، "أحدث بيان").
    pub latest: bool,
}

/// What a count covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Everything so far: a toll.
    Cumulative,
    /// A part: one town, one hospital, one day.
    Part,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WordsEntry {
    words: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NumberEntry {
    value: f64,
    role: NumberRole,
    words: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct VagueEntry {
    low: f64,
    high: f64,
    words: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OrdinalEntry {
    value: f64,
    words: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct QualifierEntry {
    qualifier: Qualifier,
    #[serde(default)]
    after: bool,
    words: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitEntry {
    kind: FigureKind,
    unit: String,
    #[serde(default)]
    before: bool,
    words: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MonthEntry {
    month: u8,
    words: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EventEntry {
    event: String,
    /// What the event counts when the text names nothing else ("ألف جريح": people).
    #[serde(default)]
    counts: Option<String>,
    /// A count of those in a state now (in hospital, missing, displaced), not of what has
    /// happened so far: it falls as people leave it, so a lower later count is no dispute.
    #[serde(default)]
    state: bool,
    /// A count of what was so at one moment of the event (on board, inside the hall): later
    /// reports do not revise it, a different count disputes it.
    #[serde(default)]
    fixed: bool,
    words: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SubjectEntry {
    subject: String,
    /// The wider subject claims are compared under (police → security_forces).
    #[serde(default)]
    group: Option<String>,
    /// A word that says little by itself (عناصر, أشخاص): "من X" after it names the subject.
    #[serde(default)]
    generic: bool,
    /// A word that counts whatever its event counts (حالة: deaths are people, cases of a
    /// disease are people).
    #[serde(default)]
    of_event: bool,
    words: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceEntry {
    name: String,
    #[serde(rename = "type")]
    source_type: SourceType,
    /// A generic body (police, residents) counts as a source only where it speaks.
    #[serde(default)]
    only_when_reporting: bool,
    /// Who "its members" (أفرادها) are when this source counts its own: police, troops …
    #[serde(default)]
    personnel: Option<String>,
    spellings: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PlaceEntry {
    name: String,
    #[serde(default)]
    scope: PlaceScope,
    /// The country a local place lies in, so that reports naming different cities of one
    /// country can still tell the same story.
    #[serde(default)]
    country: Option<String>,
    spellings: Vec<String>,
    /// Spellings that are also common words (سيول: Seoul, and torrents): read as the place
    /// only with a cue, its country or another of its places in the text, or a word such as
    /// العاصمة before it.
    #[serde(default)]
    also_words: Vec<String>,
}

/// How wide a place is. A claim is keyed by a local place only: a country or region names the
/// setting of a whole story, not where one figure happened.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceScope {
    /// A city, district or province.
    #[default]
    Local,
    /// A country.
    Country,
    /// A region wider than a country (Central Asia, the Gulf).
    Region,
}

/// What a matched phrase means.
#[derive(Clone, Debug, PartialEq)]
pub enum Meaning {
    /// A number word.
    Number { value: f64, role: NumberRole },
    /// A vague quantity.
    Vague { low: f64, high: f64 },
    /// A noun in the dual: two of something.
    Dual,
    /// An ordinal.
    Ordinal { value: f64 },
    /// A qualifier before (or, `after`, following) a number.
    Qualifier { qualifier: Qualifier, after: bool },
    /// A unit making a figure of `kind`; `before` units stand before the number (عام 2022).
    Unit {
        kind: FigureKind,
        unit: String,
        before: bool,
    },
    /// A month name.
    Month { month: u8 },
    /// A word reporting an event.
    Event { event: String },
    /// A word naming what is counted.
    Subject { subject: String },
    /// A source with its canonical name; a generic one only where the text has it speak.
    Source {
        name: String,
        source_type: SourceType,
        only_when_reporting: bool,
    },
    /// A verb that introduces what a source says: قال, أعلن.
    ReportingVerb,
    /// A verb that relays another source: نقلت (X عن Y).
    RelayVerb,
    /// A marker before a source: بحسب, وفقا لـ.
    AttributionMarker,
    /// A role before or after a name: المتحدث باسم, وزير.
    Role,
    /// A place with its canonical name.
    Place { name: String },
    /// "Its members" (أفرادها): the people of the body that speaks.
    OwnMembers,
    /// A word placing a statement in time: اليوم, الخميس, في وقت سابق.
    Time { cue: TimeCue },
    /// A word saying a count corrects an earlier one: عدّلت, صححت, خفضت.
    Correction,
    /// A word of change: how a count moved (ارتفع, بلغ, انخفض), never an event.
    Change { direction: ChangeDirection },
    /// A preposition, conjunction, particle or pronoun.
    FunctionWord,
}

/// A phrase of the lexicon, as normalised words; a word ending in `*` matches any word that
/// starts with it.
#[derive(Clone, Debug)]
struct Phrase {
    words: Vec<String>,
    meaning: Meaning,
}

/// One match of a phrase on tokens.
#[derive(Clone, Debug, PartialEq)]
pub struct PhraseMatch<'a> {
    /// First token matched.
    pub start: usize,
    /// One past the last token matched.
    pub end: usize,
    /// Bytes of normalised text before the phrase in its first token: a clitic (و, ب, ال …).
    pub clitic_len: usize,
    /// What the phrase means.
    pub meaning: &'a Meaning,
}

/// FNV-1a: the index is looked up for every token, and SipHash's resistance to crafted keys
/// buys nothing for a lexicon's own words.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct WordHasher;

impl std::hash::BuildHasher for WordHasher {
    type Hasher = Fnv;
    fn build_hasher(&self) -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

/// The FNV-1a state.
pub(crate) struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// Every lexicon entry, indexed by first word for matching at a token.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    phrases: Vec<Phrase>,
    by_first_word: HashMap<String, Vec<usize>, WordHasher>,
    /// Phrases whose first word is a prefix pattern, by the prefix.
    by_prefix: HashMap<String, Vec<usize>, WordHasher>,
    /// The longest prefix pattern, in bytes: longer prefixes of a word need no look-up.
    longest_prefix: usize,
    /// Subject → the group claims compare it under.
    subject_groups: HashMap<String, String>,
    /// Subjects that yield to a more specific "من X" after them.
    generic_subjects: HashSet<String>,
    /// Event → what it counts when the text says nothing else.
    event_counts: HashMap<String, String>,
    /// Events that count those in a state now.
    state_events: HashSet<String>,
    /// Events that count what was so at one moment of the event.
    fixed_events: HashSet<String>,
    /// Verbs saying an event happened (وقع، ضرب، اندلع): time words after them date the
    /// event, not a count of it.
    occurrence_words: HashSet<String, WordHasher>,
    /// Source name → who its own members are.
    personnel: HashMap<String, String>,
    /// Places that are countries or wider regions.
    wide_places: HashSet<String>,
    /// Place → the country it lies in; a country is its own.
    place_countries: HashMap<String, String>,
    /// Light stems of words that say nothing of what a report is about: stop words, and the
    /// one-word function words, reporting verbs, roles and time words.
    stop_stems: HashSet<String>,
    /// Nouns of a count (حصيلة, عدد): in "حصيلة قتلى X", what is counted is the noun after.
    toll_words: HashSet<String, WordHasher>,
    /// Words that open a clause of their own (عندما، بينما); `true` for those that open a
    /// reported statement (إن، أن), whose frame holds no key of the figures in it.
    clause_openers: HashMap<String, bool, WordHasher>,
    /// Words before a place that make it a point of reference (شرقي الموصل), not the place.
    place_references: HashSet<String, WordHasher>,
    /// Spellings of places that are also common words, by place (normalised).
    cued_spellings: HashMap<String, String, WordHasher>,
    /// Words before a place that say it is one (العاصمة، مدينة).
    place_cues: HashSet<String, WordHasher>,
    /// Subjects that count what their event counts.
    event_subjects: HashSet<String>,
    /// Phrases after which a number counts the same thing as the figure before it: a part
    /// (بينهم، منهم) or a number replaced (بدلا من).
    refers_back: HashSet<String, WordHasher>,
    /// Words before a part of the count before ("منها عشر سيارات"): of the same thing, it is
    /// a part, not another count of it.
    parts: HashSet<String, WordHasher>,
    /// Words before a count another replaces ("بدلا من"، "بعد أن كانت").
    replaced: HashSet<String, WordHasher>,
    /// The first words of those, to look for them without building phrases.
    replaced_first_words: HashSet<String, WordHasher>,
    /// A hash of the text of every file read: what was computed with one lexicon (cached
    /// story signatures) is computed again with another.
    fingerprint: u64,
    /// Which entries this is, for this process: new at every file added, the same in a clone.
    identity: u64,
}

/// The identity the next lexicon that gains a file takes.
static NEXT_IDENTITY: AtomicU64 = AtomicU64::new(1);

/// Distinct words a thread keeps the candidates of: the first met, mostly the common ones. A
/// word past them is looked up every time, and the memo stays small enough to be quick.
const MEMO_WORDS: usize = 1 << 14;

/// Phrases a word may start, as (clitic length, phrase index).
type Candidates = Box<[(usize, u32)]>;

/// The candidates of the words a thread has looked up, for one lexicon.
#[derive(Default)]
struct CandidateMemo {
    lexicon: u64,
    by_word: HashMap<Box<str>, Candidates, WordHasher>,
}

thread_local! {
    static CANDIDATE_MEMO: RefCell<CandidateMemo> = RefCell::new(CandidateMemo::default());
}

static BUILTIN_LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut lexicon = Lexicon::default();
    for (name, text) in BUILTIN {
        let file: LexiconFile = toml::from_str(text)
            .unwrap_or_else(|error| panic!("built-in lexicon {name} is invalid: {error}"));
        lexicon.add_file(file);
        lexicon.note_text(text);
    }
    lexicon
});

/// Clitics that may stand before a word: a conjunction, then a preposition, then the article.
const CONJUNCTIONS: [&str; 2] = ["و", "ف"];
const PREPOSITIONS: [&str; 3] = ["ب", "ل", "ك"];
const ARTICLE: &str = "ال";
const LAM: &str = "ل";

impl Lexicon {
    /// The lexicon built into the binary.
    pub fn builtin() -> &'static Lexicon {
        &BUILTIN_LEXICON
    }

    /// The built-in lexicon plus the user's files, which add entries to it.
    pub fn with_files(paths: &[impl AsRef<Path>]) -> Result<Lexicon> {
        let mut lexicon = Lexicon::builtin().clone();
        for path in paths {
            let path = path.as_ref();
            let bytes = crate::corpus::read_bounded(path)
                .with_context(|| format!("{}: cannot read lexicon", path.display()))?;
            let text = String::from_utf8(bytes)
                .map_err(|_| anyhow::anyhow!("{}: not UTF-8 text", path.display()))?;
            let file: LexiconFile = toml::from_str(&text).map_err(|error| {
                anyhow::anyhow!(
                    "{}: {}",
                    path.display(),
                    error.to_string().replace('\n', " ")
                )
            })?;
            lexicon.add_file(file);
            lexicon.note_text(&text);
        }
        Ok(lexicon)
    }

    /// Takes the text of a file read into the fingerprint.
    fn note_text(&mut self, text: &str) {
        self.fingerprint =
            crate::hash::mix(self.fingerprint ^ crate::hash::stable_hash(text.as_bytes()));
    }

    /// A hash of the files this lexicon was read from, the same in every run: what was
    /// computed with it can be kept and trusted while it is unchanged.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// Adds every entry of one file.
    pub fn add_file(&mut self, file: LexiconFile) {
        self.identity = NEXT_IDENTITY.fetch_add(1, Ordering::Relaxed);
        for entry in file.numbers {
            let meaning = Meaning::Number {
                value: entry.value,
                role: entry.role,
            };
            self.add_words(&entry.words, meaning);
        }
        for entry in file.vague {
            let meaning = Meaning::Vague {
                low: entry.low,
                high: entry.high,
            };
            self.add_words(&entry.words, meaning);
        }
        for entry in file.duals {
            self.add_words(&entry.words, Meaning::Dual);
        }
        for entry in file.ordinals {
            self.add_words(&entry.words, Meaning::Ordinal { value: entry.value });
        }
        for entry in file.qualifiers {
            let meaning = Meaning::Qualifier {
                qualifier: entry.qualifier,
                after: entry.after,
            };
            // Real text runs a qualifier into the next word ("أكثرمن"): the glued spelling too.
            let glued: Vec<String> = entry
                .words
                .iter()
                .filter(|w| w.contains(' '))
                .map(|w| w.replace(' ', ""))
                .collect();
            self.add_words(&entry.words, meaning.clone());
            self.add_words(&glued, meaning);
        }
        for entry in file.units {
            let meaning = Meaning::Unit {
                kind: entry.kind,
                unit: entry.unit,
                before: entry.before,
            };
            self.add_words(&entry.words, meaning);
        }
        for entry in file.months {
            self.add_words(&entry.words, Meaning::Month { month: entry.month });
        }
        for entry in file.events {
            if let Some(counts) = entry.counts {
                self.event_counts.insert(entry.event.clone(), counts);
            }
            if entry.state {
                self.state_events.insert(entry.event.clone());
            }
            if entry.fixed {
                self.fixed_events.insert(entry.event.clone());
            }
            self.add_words(&entry.words, Meaning::Event { event: entry.event });
        }
        for entry in file.subjects {
            if let Some(group) = entry.group {
                self.subject_groups.insert(entry.subject.clone(), group);
            }
            if entry.generic {
                self.generic_subjects.insert(entry.subject.clone());
            }
            if entry.of_event {
                self.event_subjects.insert(entry.subject.clone());
            }
            self.add_words(
                &entry.words,
                Meaning::Subject {
                    subject: entry.subject,
                },
            );
        }
        for entry in file.sources {
            if let Some(personnel) = entry.personnel {
                self.personnel.insert(entry.name.clone(), personnel);
            }
            let meaning = Meaning::Source {
                name: entry.name,
                source_type: entry.source_type,
                only_when_reporting: entry.only_when_reporting,
            };
            self.add_words(&entry.spellings, meaning);
        }
        for entry in file.reporting_verbs {
            self.add_stop_stems(&entry.words);
            self.add_words(&entry.words, Meaning::ReportingVerb);
        }
        for entry in file.relay_verbs {
            self.add_words(&entry.words, Meaning::RelayVerb);
        }
        for entry in file.attribution_markers {
            self.add_words(&entry.words, Meaning::AttributionMarker);
        }
        for entry in file.roles {
            self.add_stop_stems(&entry.words);
            self.add_words(&entry.words, Meaning::Role);
        }
        for entry in file.function_words {
            self.add_stop_stems(&entry.words);
            self.add_words(&entry.words, Meaning::FunctionWord);
        }
        for entry in file.own_members {
            self.add_words(&entry.words, Meaning::OwnMembers);
        }
        for entry in file.times {
            // Words of time say nothing of what a report is about; words of scope and status
            // ("وحدها", "نهائية") are left to the stories as any word.
            if entry.scope.is_none() && entry.preliminary.is_none() && !entry.latest {
                self.add_stop_stems(&entry.words);
            }
            let cue = TimeCue {
                days: entry.days,
                weekday: entry.weekday,
                hour: entry.hour,
                earlier: entry.earlier,
                later: entry.later,
                scope: entry.scope,
                preliminary: entry.preliminary,
                still: entry.still,
                latest: entry.latest,
            };
            self.add_words(&entry.words, Meaning::Time { cue });
        }
        for entry in file.corrections {
            self.add_words(&entry.words, Meaning::Correction);
        }
        for entry in file.stop_words {
            self.add_stop_stems(&entry.words);
        }
        for entry in file.changes {
            self.add_stop_stems(&entry.words);
            let meaning = Meaning::Change {
                direction: entry.direction,
            };
            self.add_words(&entry.words, meaning);
        }
        for entry in file.tolls {
            self.add_stop_stems(&entry.words);
            self.toll_words
                .extend(entry.words.iter().map(|word| crate::text::normalize(word)));
        }
        for entry in file.occurrences {
            self.occurrence_words
                .extend(entry.words.iter().map(|word| crate::text::normalize(word)));
        }
        for entry in file.clause_openers {
            self.add_stop_stems(&entry.words);
            self.add_words(&entry.words, Meaning::FunctionWord);
            let words = entry
                .words
                .iter()
                .map(|word| (crate::text::normalize(word), false));
            self.clause_openers.extend(words);
        }
        for entry in file.complementizers {
            self.add_stop_stems(&entry.words);
            self.add_words(&entry.words, Meaning::FunctionWord);
            let words = entry
                .words
                .iter()
                .map(|word| (crate::text::normalize(word), true));
            self.clause_openers.extend(words);
        }
        for entry in file.place_references {
            self.add_stop_stems(&entry.words);
            let words = entry.words.iter().map(|word| crate::text::normalize(word));
            self.place_references.extend(words);
        }
        for entry in file.place_cues {
            let words = entry.words.iter().map(|word| crate::text::normalize(word));
            self.place_cues.extend(words);
        }
        for entry in file.refers_back {
            self.add_stop_stems(&entry.words);
            let words = entry.words.iter().map(|word| crate::text::normalize(word));
            self.refers_back.extend(words);
        }
        for entry in file.parts {
            self.add_stop_stems(&entry.words);
            let words = entry.words.iter().map(|word| crate::text::normalize(word));
            self.refers_back.extend(words.clone());
            self.parts.extend(words);
        }
        for entry in file.replaced {
            self.add_stop_stems(&entry.words);
            let words = entry.words.iter().map(|word| crate::text::normalize(word));
            self.refers_back.extend(words.clone());
            for word in words {
                if let Some(first) = word.split(' ').next() {
                    self.replaced_first_words.insert(first.to_owned());
                }
                self.replaced.insert(word);
            }
        }
        for entry in file.places {
            for word in &entry.also_words {
                self.cued_spellings
                    .insert(crate::text::normalize(word), entry.name.clone());
            }
            if entry.scope != PlaceScope::Local {
                self.wide_places.insert(entry.name.clone());
            }
            let country = match entry.scope {
                PlaceScope::Country => Some(entry.name.clone()),
                PlaceScope::Local => entry.country,
                PlaceScope::Region => None,
            };
            if let Some(country) = country {
                self.place_countries.insert(entry.name.clone(), country);
            }
            let meaning = Meaning::Place { name: entry.name };
            self.add_words(&entry.spellings, meaning);
        }
    }

    /// The subject a claim about `subject` is compared under.
    pub fn subject_group<'a>(&'a self, subject: &'a str) -> &'a str {
        self.subject_groups
            .get(subject)
            .map_or(subject, String::as_str)
    }

    /// True for a subject that says little by itself (members, people).
    pub fn is_generic_subject(&self, subject: &str) -> bool {
        self.generic_subjects.contains(subject)
    }

    /// True for a noun of a count (حصيلة, عدد), behind any clitics (والحصيلة, بعدد).
    pub fn is_toll_word(&self, word: &str) -> bool {
        clitic_splits(word).any(|clitic| self.toll_words.contains(&word[clitic..]))
    }

    /// Whether `word` (behind a conjunction or preposition: وعندما، بأن) opens a clause:
    /// `Some(true)` for a reported statement (إن، أن), `Some(false)` for another clause.
    pub fn clause_opener(&self, word: &str) -> Option<bool> {
        clitic_splits(word).find_map(|clitic| self.clause_openers.get(&word[clitic..]).copied())
    }

    /// True for a word that makes the place after it a point of reference (شرقي، قرب).
    pub fn is_place_reference(&self, word: &str) -> bool {
        clitic_splits(word).any(|clitic| self.place_references.contains(&word[clitic..]))
    }

    /// True for a word before a place that says it is one: العاصمة، مدينة.
    pub fn is_place_cue(&self, word: &str) -> bool {
        clitic_splits(word).any(|clitic| self.place_cues.contains(&word[clitic..]))
    }

    /// The place a spelling names when it is also a common word, read only with a cue.
    pub fn cued_place(&self, spelling: &str) -> Option<&str> {
        self.cued_spellings.get(spelling).map(String::as_str)
    }

    /// True for a subject that counts what its event counts (حالة).
    pub fn counts_what_event_counts(&self, subject: &str) -> bool {
        self.event_subjects.contains(subject)
    }

    /// True for a phrase (normalised, words joined by a space) after which a number counts
    /// what the figure before it counts: بينهم، منهم، بدلا من.
    pub fn refers_back(&self, phrase: &str) -> bool {
        self.refers_back.contains(phrase)
    }

    /// True for a word before a count another replaces: بدلا من، بعد أن كانت.
    pub fn is_replaced_word(&self, phrase: &str) -> bool {
        self.replaced.contains(phrase)
    }

    /// True for the first word of one of those (بدلا، بعد).
    pub fn may_start_replaced_word(&self, word: &str) -> bool {
        self.replaced_first_words.contains(word)
    }

    /// True for a word before a part of the count before it: بينهم، منها.
    pub fn is_part_word(&self, phrase: &str) -> bool {
        self.parts.contains(phrase)
    }

    /// True for an event that counts those in a state now (in hospital, missing).
    pub fn is_state_event(&self, event: &str) -> bool {
        self.state_events.contains(event)
    }

    /// True for an event that counts what was so at one moment of it (on board, present).
    pub fn is_fixed_event(&self, event: &str) -> bool {
        self.fixed_events.contains(event)
    }

    /// True for a verb saying an event happened ("الذي ضرب", "وقع"), behind clitics.
    pub fn is_occurrence_word(&self, word: &str) -> bool {
        clitic_splits(word).any(|clitic| self.occurrence_words.contains(&word[clitic..]))
    }

    /// What `event` counts when the text names nothing else.
    pub fn event_counts(&self, event: &str) -> Option<&str> {
        self.event_counts.get(event).map(String::as_str)
    }

    /// Who the source `name`'s own members are.
    pub fn personnel(&self, name: &str) -> Option<&str> {
        self.personnel.get(name).map(String::as_str)
    }

    /// True for a place that is a whole local area (a city, a province), not a country.
    pub fn is_local_place(&self, name: &str) -> bool {
        !self.wide_places.contains(name)
    }

    /// True for the light stem of a word that tells nothing of what a report is about.
    pub fn is_stop_stem(&self, stem: &str) -> bool {
        self.stop_stems.contains(stem)
    }

    /// Adds the light stems of the one-word entries of `words` to the stop stems.
    fn add_stop_stems(&mut self, words: &[String]) {
        for word in words.iter().filter(|word| !word.contains(' ')) {
            let normalized = crate::text::normalize(word);
            self.stop_stems
                .insert(crate::text::light_stem(&normalized).to_owned());
        }
    }

    /// The country `place` lies in (a country is its own); `None` for regions and for places
    /// the lexicon gives no country.
    pub fn country_of(&self, place: &str) -> Option<&str> {
        self.place_countries.get(place).map(String::as_str)
    }

    fn add_words(&mut self, phrases: &[String], meaning: Meaning) {
        for phrase in phrases {
            let tokens = Tokens::new(phrase);
            let mut words: Vec<String> = Vec::with_capacity(tokens.len());
            for (i, token) in tokens.tokens.iter().enumerate() {
                let text = tokens.text(i);
                // A trailing `*` is a prefix pattern on the word before it.
                if text == "*"
                    && token.glued
                    && let Some(last) = words.last_mut()
                {
                    last.push('*');
                    continue;
                }
                words.push(text.to_owned());
            }
            let Some(first) = words.first().cloned() else {
                continue;
            };
            let index = self.phrases.len();
            self.phrases.push(Phrase {
                words,
                meaning: meaning.clone(),
            });
            match first.strip_suffix('*') {
                Some(prefix) => {
                    self.longest_prefix = self.longest_prefix.max(prefix.len());
                    self.by_prefix
                        .entry(prefix.to_owned())
                        .or_default()
                        .push(index)
                }
                None => self.by_first_word.entry(first).or_default().push(index),
            }
        }
    }

    /// The longest phrase starting at token `start`, its first word possibly behind clitics
    /// (و, ف, ب, ل, ك, ال and their combinations), with `accept` choosing which meanings count.
    pub fn match_at<'a>(
        &'a self,
        tokens: &Tokens,
        start: usize,
        accept: impl Fn(&Meaning) -> bool,
    ) -> Option<PhraseMatch<'a>> {
        let mut candidates = Vec::new();
        self.first_word_candidates(tokens.text(start), &mut candidates);
        self.match_candidates(tokens, start, &candidates, accept)
    }

    /// The phrases whose first word is `word` behind some clitic, as (clitic length, phrase).
    /// They depend on the word alone, so a caller may keep them per distinct word.
    pub fn first_word_candidates(&self, word: &str, out: &mut Vec<(usize, u32)>) {
        out.clear();
        for clitic_len in clitic_splits(word) {
            let stem = &word[clitic_len..];
            let exact = self.by_first_word.get(stem).into_iter().flatten();
            // Prefix patterns are keyed by their whole prefix: look up every prefix of the stem.
            let prefixed = stem
                .char_indices()
                .skip(1)
                .map(|(i, _)| i)
                .chain(std::iter::once(stem.len()))
                .take_while(|&end| end <= self.longest_prefix)
                .filter_map(|end| self.by_prefix.get(&stem[..end]))
                .flatten();
            out.extend(
                exact
                    .chain(prefixed)
                    .map(|&index| (clitic_len, index as u32)),
            );
        }
    }

    /// Calls `with` on [`Lexicon::first_word_candidates`] of `word`, looked up once per distinct
    /// word on each thread: news repeat their words, article after article. `with` must not
    /// come back here.
    pub fn with_first_word_candidates<T>(
        &self,
        word: &str,
        with: impl FnOnce(&[(usize, u32)]) -> T,
    ) -> T {
        CANDIDATE_MEMO.with_borrow_mut(|memo| {
            if memo.lexicon != self.identity {
                memo.by_word.clear();
                memo.lexicon = self.identity;
            }
            if let Some(candidates) = memo.by_word.get(word) {
                return with(candidates);
            }
            let mut found = Vec::new();
            self.first_word_candidates(word, &mut found);
            if memo.by_word.len() >= MEMO_WORDS {
                return with(&found);
            }
            with(memo.by_word.entry(word.into()).or_insert(found.into()))
        })
    }

    /// The longest of `candidates` (from [`Lexicon::first_word_candidates`] of token `start`)
    /// whose following words match the tokens after `start`.
    pub fn match_candidates<'a>(
        &'a self,
        tokens: &Tokens,
        start: usize,
        candidates: &[(usize, u32)],
        accept: impl Fn(&Meaning) -> bool,
    ) -> Option<PhraseMatch<'a>> {
        let mut best: Option<PhraseMatch<'a>> = None;
        for &(clitic_len, index) in candidates {
            let phrase = &self.phrases[index as usize];
            if !accept(&phrase.meaning) {
                continue;
            }
            let Some(end) = rest_matches(tokens, start + 1, &phrase.words[1..]) else {
                continue;
            };
            let better = best.as_ref().is_none_or(|b| {
                (end, std::cmp::Reverse(clitic_len)) > (b.end, std::cmp::Reverse(b.clitic_len))
            });
            if better {
                best = Some(PhraseMatch {
                    start,
                    end,
                    clitic_len,
                    meaning: &phrase.meaning,
                });
            }
        }
        best
    }
}

/// Where a word may split into clitics and a stem: byte lengths of the clitic part, the whole
/// word (no clitic) first. A stem keeps at least two letters.
pub(crate) fn clitic_splits(word: &str) -> impl Iterator<Item = usize> + '_ {
    // This runs several times for every token: the clitics are two-byte letters, compared as
    // bytes, and the splits are kept on the stack.
    let bytes = word.as_bytes();
    let letter_at = |at: usize, letter: &str| bytes.get(at..at + 2) == Some(letter.as_bytes());
    let mut splits = [0usize; 12];
    let mut count = 1;
    let mut push = |clitic: usize| {
        let stem = &word[clitic..];
        let long_enough = stem
            .chars()
            .next()
            .is_some_and(|c| c.len_utf8() < stem.len());
        if long_enough && count < splits.len() && !splits[..count].contains(&clitic) {
            splits[count] = clitic;
            count += 1;
        }
    };
    let conjunctions = std::iter::once(0).chain(
        CONJUNCTIONS
            .iter()
            .filter(|c| letter_at(0, c))
            .map(|c| c.len()),
    );
    for after_conjunction in conjunctions {
        let prepositions = std::iter::once(0).chain(
            PREPOSITIONS
                .iter()
                .filter(|p| letter_at(after_conjunction, p))
                .map(|p| p.len()),
        );
        for preposition in prepositions {
            let after_preposition = after_conjunction + preposition;
            push(after_preposition);
            if bytes[after_preposition..].starts_with(ARTICLE.as_bytes()) {
                push(after_preposition + ARTICLE.len());
            }
            // ل + ال is written لل: للشرطة.
            if preposition > 0
                && letter_at(after_conjunction, LAM)
                && letter_at(after_conjunction + LAM.len(), LAM)
            {
                push(after_conjunction + 2 * LAM.len());
            }
        }
    }
    splits.into_iter().take(count)
}

fn word_matches(pattern: &str, word: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => word.starts_with(prefix),
        None => pattern == word,
    }
}

/// Matches the words after a phrase's first on the tokens from `start`, each exactly as written
/// after normalisation (no clitics after the first word; punctuation inside a name such as
/// "انترفاكس-كازاخستان" must be in the phrase). Returns the end token.
fn rest_matches(tokens: &Tokens, start: usize, words: &[String]) -> Option<usize> {
    let mut index = start;
    for word in words {
        if index >= tokens.len() {
            return None;
        }
        if !word_matches(word, tokens.text(index)) {
            return None;
        }
        index += 1;
    }
    Some(index)
}

/// The lexicon's number words, for the number grammar of [`crate::text::numbers`].
impl NumberWords for Lexicon {
    fn number_word_at(
        &self,
        tokens: &Tokens,
        start: usize,
        accept: &dyn Fn(&NumberWord) -> bool,
    ) -> Option<NumberWordMatch> {
        let found = self.match_at(tokens, start, |meaning| {
            number_word(meaning).is_some_and(|word| accept(&word))
        })?;
        Some(NumberWordMatch {
            word: number_word(found.meaning)?,
            end: found.end,
            clitic_len: found.clitic_len,
        })
    }
}

/// What a lexicon meaning is to the number grammar, if anything.
fn number_word(meaning: &Meaning) -> Option<NumberWord> {
    match *meaning {
        Meaning::Number { value, role } => Some(NumberWord::Number { value, role }),
        Meaning::Vague { low, high } => Some(NumberWord::Vague { low, high }),
        Meaning::Dual => Some(NumberWord::Dual),
        Meaning::Ordinal { value } => Some(NumberWord::Ordinal { value }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon(toml: &str) -> Lexicon {
        let mut lexicon = Lexicon::default();
        lexicon.add_file(toml::from_str(toml).expect("valid test lexicon"));
        lexicon
    }

    #[test]
    fn builtin_lexicon_loads() {
        assert!(!Lexicon::builtin().phrases.is_empty());
    }

    #[test]
    fn matches_behind_clitics_and_spelling_variants() {
        let lexicon = lexicon(
            r#"
            [[sources]]
            name = "Interfax"
            type = "agency"
            spellings = ["إنترفاكس"]
            [[sources]]
            name = "Interior Ministry"
            type = "institution"
            spellings = ["وزارة الداخلية"]
            "#,
        );
        let tokens = Tokens::new("وذكرت انترفاكس ان لوزارة الداخلية");
        let found = lexicon.match_at(&tokens, 1, |_| true).expect("agency");
        assert_eq!(
            found.meaning,
            &Meaning::Source {
                name: "Interfax".into(),
                source_type: SourceType::Agency,
                only_when_reporting: false,
            }
        );
        let ministry = lexicon.match_at(&tokens, 3, |_| true).expect("ministry");
        assert_eq!(
            (ministry.start, ministry.end, ministry.clitic_len),
            (3, 5, "ل".len())
        );
    }

    #[test]
    fn prefix_patterns_and_glued_qualifiers() {
        let lexicon = lexicon(
            r#"
            [[events]]
            event = "killed"
            words = ["قتل*"]
            [[qualifiers]]
            qualifier = "more_than"
            words = ["أكثر من"]
            "#,
        );
        let tokens = Tokens::new("القتلى أكثرمن 3");
        assert!(matches!(
            lexicon.match_at(&tokens, 0, |_| true).map(|m| m.meaning),
            Some(Meaning::Event { .. })
        ));
        assert!(matches!(
            lexicon.match_at(&tokens, 1, |_| true).map(|m| m.meaning),
            Some(Meaning::Qualifier { .. })
        ));
    }

    #[test]
    fn clitic_splits_keep_a_stem() {
        let splits: Vec<usize> = clitic_splits("وللشرطة").collect();
        assert!(splits.contains(&"ولل".len()));
        assert!(!clitic_splits("ال").any(|s| s > 0));
    }

    /// Every split a word has, found the plain way: each conjunction, then each preposition,
    /// then the article, as prefixes of the word.
    fn splits_by_prefixes(word: &str) -> Vec<usize> {
        let mut splits = vec![0];
        let mut push = |stem: &str| {
            let clitic = word.len() - stem.len();
            if stem.chars().count() >= 2 && !splits.contains(&clitic) {
                splits.push(clitic);
            }
        };
        for conjunction in [""].iter().chain(&CONJUNCTIONS) {
            let Some(rest) = word.strip_prefix(conjunction) else {
                continue;
            };
            for preposition in [""].iter().chain(&PREPOSITIONS) {
                let Some(stem) = rest.strip_prefix(preposition) else {
                    continue;
                };
                push(stem);
                if let Some(stem) = stem.strip_prefix(ARTICLE) {
                    push(stem);
                }
                if *preposition == LAM
                    && let Some(stem) = rest.strip_prefix("لل")
                {
                    push(stem);
                }
            }
        }
        splits
    }

    proptest::proptest! {
        #[test]
        fn clitic_splits_are_the_prefixes_of_clitics(
            letters in proptest::collection::vec(
                proptest::sample::select(vec!['و', 'ف', 'ب', 'ل', 'ك', 'ا', 'ش', 'ر', 'a', 'é']),
                0..7,
            )
        ) {
            let word: String = letters.into_iter().collect();
            let splits: Vec<usize> = clitic_splits(&word).collect();
            proptest::prop_assert_eq!(splits, splits_by_prefixes(&word));
        }
    }
}
