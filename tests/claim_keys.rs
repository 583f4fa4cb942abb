//! Claim keys measured on the development set under `tests/data/events/`: each event's reports
//! compared alone, as `sanad compare` does over a folder of them. For the annotated `agree` and
//! `conflict` relations, how many have both figures found and how many land in one claim; how
//! many claims mix two quantities (deaths with injuries); and how many of the sources named in
//! the reports of a few events (`sources/<event>.json`, annotated by hand) are found.
//!
//! The floors are the numbers measured when this test was written, so that they can only go up;
//! the targets are the ones of the claim keys issue. `cargo test --test claim_keys --
//! --nocapture` prints the tables and, for every relation missed, the keys of both figures and
//! the sentences they stand in.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};

use sanad::cli::extract_all;
use sanad::compare::{self, Comparison, claim_key};
use sanad::corpus::{self, Corpus};
use sanad::extract::{Extraction, Figure, Lexicon};
use sanad::stories::{self, Stories};
use serde::Deserialize;

const EVENTS: &str = "tests/data/events";

/// Target of the issue: annotated agree/conflict pairs in one claim, and sources found.
const TARGET: f64 = 0.9;

#[derive(Deserialize)]
struct Label {
    event: String,
    reports: Vec<String>,
    relations: Vec<Relation>,
}

#[derive(Deserialize)]
struct Relation {
    a: FigureRef,
    b: FigureRef,
    relation: String,
    note: String,
}

#[derive(Deserialize)]
struct FigureRef {
    report: String,
    figure: String,
}

fn labels() -> Vec<Label> {
    let mut labels: Vec<Label> = fs::read_dir(Path::new(EVENTS).join("labels"))
        .unwrap()
        .map(|entry| serde_json::from_str(&fs::read_to_string(entry.unwrap().path()).unwrap()))
        .collect::<Result<_, _>>()
        .unwrap();
    labels.sort_by(|a, b| a.event.cmp(&b.event));
    labels
}

fn report_path(report: &str) -> PathBuf {
    Path::new(EVENTS)
        .join("reports")
        .join(format!("{report}.json"))
}

/// One event's reports, extracted, grouped into stories and compared story by story.
struct Compared {
    corpus: Corpus,
    extractions: Vec<Extraction>,
    stories: Stories,
    comparison: Comparison,
    /// (article, figure) → the claims it is a mention of.
    claims_of: HashMap<(usize, usize), Vec<usize>>,
}

impl Compared {
    fn new(reports: &[String], lexicon: &Lexicon) -> Self {
        let paths: Vec<PathBuf> = reports.iter().map(|r| report_path(r)).collect();
        let corpus = corpus::load_paths(&paths).unwrap();
        let extractions = extract_all(&corpus, lexicon);
        let stories = stories::group(&corpus.articles, &extractions, lexicon);
        let refs: Vec<&Extraction> = extractions.iter().collect();
        let reports = compare::story_reports(&corpus.articles, &refs, &stories);
        let comparison = compare::compare_by_story(&reports, &stories.story_of, lexicon);
        let mut claims_of: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
        for (index, claim) in comparison.claims.iter().enumerate() {
            for mention in &claim.mentions {
                claims_of
                    .entry((mention.report, mention.figure))
                    .or_default()
                    .push(index);
            }
        }
        Compared {
            corpus,
            extractions,
            stories,
            comparison,
            claims_of,
        }
    }

    fn article(&self, report: &str) -> usize {
        self.corpus
            .articles
            .iter()
            .position(|a| a.id == report)
            .unwrap_or_else(|| panic!("no article {report}"))
    }

    /// Where a labelled figure stands (its text's first occurrence, as the labels mean it) and
    /// the extracted figures with a value that overlap it.
    fn located(&self, figure: &FigureRef) -> (usize, Range<usize>, Vec<usize>) {
        let article = self.article(&figure.report);
        let text = &self.corpus.articles[article].text;
        let Some(start) = text.find(&figure.figure) else {
            panic!("«{}» is not in {}", figure.figure, figure.report);
        };
        let span = start..start + figure.figure.len();
        let found = self.extractions[article]
            .figures
            .iter()
            .enumerate()
            .filter(|(_, f)| f.start < span.end && span.start < f.end)
            .filter(|(_, f)| f.low.is_some() || f.high.is_some())
            .map(|(index, _)| index)
            .collect();
        (article, span, found)
    }

    fn claims(&self, article: usize, figures: &[usize]) -> BTreeSet<usize> {
        figures
            .iter()
            .flat_map(|&f| self.claims_of.get(&(article, f)).into_iter().flatten())
            .copied()
            .collect()
    }
}

/// The quantity a relation is about, from its note, coarsely: a part of the dead (foreigners,
/// women) is the dead, the injured in intensive care are the injured. Two quantities in one
/// claim are a fault; a part in its whole is not.
fn quantity_of_note(note: &str) -> &'static str {
    const WORDS: [(&str, &str); 15] = [
        ("injured", "injured"),
        ("missing", "missing"),
        ("unaccounted", "missing"),
        ("displaced", "displaced"),
        ("shelters", "displaced"),
        ("buildings", "buildings"),
        ("rescued", "rescued"),
        ("aboard", "present"),
        ("inside the hall", "present"),
        ("affected", "affected"),
        ("dead", "dead"),
        ("death", "dead"),
        ("killed", "dead"),
        ("bodies", "dead"),
        ("died", "dead"),
    ];
    let note = note.to_lowercase();
    WORDS
        .iter()
        .find(|(word, _)| note.contains(word))
        .map(|(_, quantity)| *quantity)
        .unwrap_or_else(|| panic!("no quantity in the note «{note}»"))
}

/// Counted nouns that tell a quantity by themselves, as written (alif with hamza as bare alif,
/// without the article).
const COUNTED_NOUNS: [(&str, &str); 5] = [
    (
        "dead",
        "قتيل قتيلا قتلى قتيلين وفاة وفيات جثة جثث شهيد شهيدا شهداء",
    ),
    (
        "injured",
        "جريح جريحا جرحى مصاب مصابا مصابين مصابون اصابة اصابات",
    ),
    ("missing", "مفقود مفقودا مفقودين مفقودون"),
    ("displaced", "نازح نازحا نازحين نازحون"),
    ("buildings", "مبنى مبان مباني منزل منازل منزلا"),
];

/// The quantity a figure's own counted noun tells ("3840 قتيلا": dead), if it names one.
fn quantity_of_text(text: &str) -> Option<&'static str> {
    let folded: String = text
        .chars()
        .map(|c| match c {
            'أ' | 'إ' | 'آ' => 'ا',
            c => c,
        })
        .collect();
    folded.split_whitespace().find_map(|word| {
        let word = word.strip_prefix("ال").unwrap_or(word);
        COUNTED_NOUNS
            .iter()
            .find(|(_, nouns)| nouns.split(' ').any(|noun| noun == word))
            .map(|(quantity, _)| *quantity)
    })
}

/// True when the character at byte `at` of `text` ends a sentence: a full stop (not a decimal
/// point, "7.7"), a question or exclamation mark, or a line break.
fn ends_sentence(text: &str, at: usize) -> bool {
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_numeric());
    match text[at..].chars().next() {
        Some('.') => {
            !(digit(text[..at].chars().next_back()) && digit(text[at + 1..].chars().next()))
        }
        Some(c) => matches!(c, '\n' | '؟' | '?' | '!'),
        None => false,
    }
}

/// The sentence around `span` in `text`, the span marked.
fn sentence_around(text: &str, span: &Range<usize>) -> String {
    let start = text[..span.start]
        .char_indices()
        .rev()
        .find(|&(at, _)| ends_sentence(text, at))
        .map_or(0, |(at, c)| at + c.len_utf8());
    let end = text[span.end..]
        .char_indices()
        .find(|&(at, _)| ends_sentence(text, span.end + at))
        .map_or(text.len(), |(at, _)| span.end + at);
    format!(
        "{}⟦{}⟧{}",
        text[start..span.start].trim_start(),
        &text[span.clone()],
        &text[span.end..end]
    )
}

/// A figure's claim key in short: event · subject · kind · unit · place.
fn key_label(figure: &Figure, lexicon: &Lexicon) -> String {
    let place = figure.place.as_deref().unwrap_or("—");
    match claim_key(figure, lexicon) {
        Some(key) => format!(
            "({} · {} · {} · {} · place {place})",
            key.event.as_deref().unwrap_or("—"),
            key.subject.as_deref().unwrap_or("—"),
            key.kind.label(),
            key.unit.as_deref().unwrap_or("—"),
        ),
        None => format!(
            "no claim (event {:?}, subject {:?}, kind {})",
            figure.event,
            figure.subject,
            figure.kind.label()
        ),
    }
}

/// Counts for one event, or all.
#[derive(Default)]
struct Tally {
    /// Annotated agree and conflict relations.
    pairs: usize,
    /// Those with both figures found.
    found: usize,
    /// Those whose figures are mentions of one claim.
    together: usize,
    /// The same for the annotated updates.
    updates: usize,
    updates_found: usize,
    updates_together: usize,
    /// Claims made, and those that mix two quantities.
    claims: usize,
    mixed: usize,
}

impl Tally {
    const HEADER: [&str; 10] = [
        "event", "a/c", "found", "one", "share", "upd", "found", "one", "claims", "mixed",
    ];

    fn add(&mut self, other: &Tally) {
        self.pairs += other.pairs;
        self.found += other.found;
        self.together += other.together;
        self.updates += other.updates;
        self.updates_found += other.updates_found;
        self.updates_together += other.updates_together;
        self.claims += other.claims;
        self.mixed += other.mixed;
    }

    fn header() -> String {
        let [event, rest @ ..] = Self::HEADER;
        format!(
            "{event:<22} {:>4} {:>6} {:>6} {:>6} | {:>4} {:>6} {:>6} | {:>6} {:>5}",
            rest[0], rest[1], rest[2], rest[3], rest[4], rest[5], rest[6], rest[7], rest[8]
        )
    }

    fn row(&self, name: &str) -> String {
        format!(
            "{name:<22} {:>4} {:>6} {:>6} {:>5.0}% | {:>4} {:>6} {:>6} | {:>6} {:>5}",
            self.pairs,
            self.found,
            self.together,
            100.0 * share(self.together, self.pairs),
            self.updates,
            self.updates_found,
            self.updates_together,
            self.claims,
            self.mixed
        )
    }
}

fn share(part: usize, whole: usize) -> f64 {
    part as f64 / whole.max(1) as f64
}

/// What measuring one event found, with the text that explains it.
#[derive(Default)]
struct Measured {
    tally: Tally,
    /// Agree and conflict relations whose figures are not in one claim, side by side.
    missed: String,
    /// The same for updates.
    updates_missed: String,
    /// Claims that mix quantities, with their mentions.
    mixed: String,
}

/// One side of a relation for the diagnosis: its sentence, then each figure found there with
/// its claim key and the claims it is in. Returns the story of its report.
fn describe_side(
    compared: &Compared,
    figure: &FigureRef,
    lexicon: &Lexicon,
    out: &mut String,
) -> usize {
    let (article, span, found) = compared.located(figure);
    let text = &compared.corpus.articles[article].text;
    let story = compared.stories.story_of[article];
    let _ = writeln!(out, "    {} (story {story})", figure.report);
    let _ = writeln!(out, "      {}", sentence_around(text, &span));
    if found.is_empty() {
        let _ = writeln!(out, "      not found");
    }
    for &index in &found {
        let f = &compared.extractions[article].figures[index];
        let claims: Vec<String> = compared
            .claims(article, &[index])
            .iter()
            .map(|&c| format!("#{c} {}", compared.comparison.claims[c].label()))
            .collect();
        let claims = if claims.is_empty() {
            "no claim".to_owned()
        } else {
            claims.join(", ")
        };
        let _ = writeln!(
            out,
            "      «{}» {} {} in {claims}",
            f.text,
            f.value_label(),
            key_label(f, lexicon)
        );
    }
    story
}

/// Compares the reports of `label`'s event alone and measures its relations and claims.
fn measure(label: &Label, lexicon: &Lexicon) -> Measured {
    let compared = Compared::new(&label.reports, lexicon);
    let mut measured = Measured::default();
    // Each labelled figure's quantity, from the notes of its relations.
    let mut gold: HashMap<(usize, usize), &'static str> = HashMap::new();
    for relation in &label.relations {
        let quantity = quantity_of_note(&relation.note);
        for side in [&relation.a, &relation.b] {
            let (article, _, found) = compared.located(side);
            for figure in found {
                gold.insert((article, figure), quantity);
            }
        }
    }
    let tally = &mut measured.tally;
    for relation in &label.relations {
        let (a_article, _, a_found) = compared.located(&relation.a);
        let (b_article, _, b_found) = compared.located(&relation.b);
        let found = usize::from(!a_found.is_empty() && !b_found.is_empty());
        let together = !compared
            .claims(a_article, &a_found)
            .is_disjoint(&compared.claims(b_article, &b_found));
        let out = match relation.relation.as_str() {
            "agree" | "conflict" => {
                tally.pairs += 1;
                tally.found += found;
                tally.together += usize::from(together);
                &mut measured.missed
            }
            "update" => {
                tally.updates += 1;
                tally.updates_found += found;
                tally.updates_together += usize::from(together);
                &mut measured.updates_missed
            }
            other => panic!("unknown relation {other}"),
        };
        if !together {
            let _ = writeln!(
                out,
                "{} {}: {} — «{}» / «{}»",
                label.event, relation.relation, relation.note, relation.a.figure, relation.b.figure
            );
            let a = describe_side(&compared, &relation.a, lexicon, out);
            let b = describe_side(&compared, &relation.b, lexicon, out);
            if a != b {
                let _ = writeln!(out, "    the reports are in two stories");
            }
        }
    }
    tally.claims = compared.comparison.claims.len();
    for (index, claim) in compared.comparison.claims.iter().enumerate() {
        let mut quantities: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for mention in &claim.mentions {
            let figure = &compared.extractions[mention.report].figures[mention.figure];
            let quantity = gold
                .get(&(mention.report, mention.figure))
                .copied()
                .or_else(|| quantity_of_text(&figure.text));
            if let Some(quantity) = quantity {
                quantities.entry(quantity).or_default().push(&figure.text);
            }
        }
        if quantities.len() > 1 {
            tally.mixed += 1;
            let _ = writeln!(
                measured.mixed,
                "{} #{index} {}: {quantities:?}",
                label.event,
                claim.label()
            );
        }
    }
    measured
}

#[test]
fn annotated_relations_land_in_one_claim() {
    let lexicon = Lexicon::builtin();
    let mut table = Tally::header() + "\n";
    let mut all = Measured::default();
    for label in labels() {
        let measured = measure(&label, lexicon);
        let _ = writeln!(table, "{}", measured.tally.row(&label.event));
        all.tally.add(&measured.tally);
        all.missed += &measured.missed;
        all.updates_missed += &measured.updates_missed;
        all.mixed += &measured.mixed;
    }
    let total = &all.tally;
    let _ = writeln!(table, "{}", total.row("total"));
    println!(
        "\n{table}(target: {:.0}% of agree/conflict pairs in one claim, no claim mixing quantities)\n\
         \nclaims mixing quantities:\n{}\nagree/conflict relations missed:\n{}\n\
         update relations missed:\n{}",
        100.0 * TARGET,
        all.mixed,
        all.missed,
        all.updates_missed
    );
    // Floors: the numbers measured before the claim-key fixes, rounded down, so that a change
    // can only raise them. The targets: `TARGET` (0.9) of the agree/conflict pairs in
    // one claim, and no claim mixing two quantities.
    assert!(share(total.found, total.pairs) >= 1.0, "{table}");
    assert!(share(total.together, total.pairs) >= 0.94, "{table}");
    assert!(
        share(total.updates_together, total.updates) >= 0.92,
        "{table}"
    );
    assert!(total.mixed == 0, "{table}\n{}", all.mixed);
}

/// The sources named in the reports of one event, annotated by hand (`sources/<event>.json`).
#[derive(Deserialize)]
struct SourceGold {
    event: String,
    reports: BTreeMap<String, Vec<GoldSource>>,
}

#[derive(Deserialize)]
struct GoldSource {
    /// Its first mention in the body, as written.
    text: String,
    /// Agency, outlet, institution, official or person.
    #[serde(rename = "type")]
    source_type: String,
}

fn source_golds() -> Vec<SourceGold> {
    let mut golds: Vec<SourceGold> = fs::read_dir(Path::new(EVENTS).join("sources"))
        .unwrap()
        .map(|entry| serde_json::from_str(&fs::read_to_string(entry.unwrap().path()).unwrap()))
        .collect::<Result<_, _>>()
        .unwrap();
    golds.sort_by(|a, b| a.event.cmp(&b.event));
    golds
}

/// True when `name` is written in Arabic letters: a name the lexicon does not know, which
/// should keep the spelling of the text.
fn arabic(name: &str) -> bool {
    name.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
}

#[test]
fn sources_named_in_the_reports_are_found() {
    let lexicon = Lexicon::builtin();
    let (mut total, mut found_total) = (0, 0);
    let mut table = String::new();
    let mut missed = String::new();
    let mut respelled = String::new();
    for gold in source_golds() {
        let (mut count, mut found) = (0, 0);
        for (report, sources) in &gold.reports {
            let corpus = corpus::load_paths(&[report_path(report)]).unwrap();
            let article = &corpus.articles[0];
            let extraction = sanad::extract::extract(&article.text, article.body.clone(), lexicon);
            for source in sources {
                count += 1;
                let Some(start) = article.text.find(&source.text) else {
                    panic!("«{}» is not in {report}", source.text);
                };
                let span = start..start + source.text.len();
                let mention = extraction
                    .sources
                    .iter()
                    .find(|m| m.start < span.end && span.start < m.end);
                match mention {
                    Some(mention) => {
                        found += 1;
                        if arabic(&mention.name) && mention.name != source.text {
                            let _ = writeln!(
                                respelled,
                                "  {report}: «{}» named «{}» ({})",
                                source.text,
                                mention.name,
                                mention.source_type.label()
                            );
                        }
                    }
                    None => {
                        let _ = writeln!(
                            missed,
                            "  {report}: {} «{}» in: {}",
                            source.source_type,
                            source.text,
                            sentence_around(&article.text, &span)
                        );
                    }
                }
            }
        }
        let _ = writeln!(
            table,
            "{:<22} {found:>3} of {count:>3} ({:.0}%)",
            gold.event,
            100.0 * found as f64 / count.max(1) as f64
        );
        total += count;
        found_total += found;
    }
    let recall = found_total as f64 / total.max(1) as f64;
    let _ = writeln!(
        table,
        "{:<22} {found_total:>3} of {total:>3} ({:.0}%; target {:.0}%)",
        "total",
        100.0 * recall,
        100.0 * TARGET
    );
    println!(
        "\nsources found:\n{table}\nmissed:\n{missed}\nfound, but named otherwise than written:\n\
         {respelled}"
    );
    // Floor: the recall measured last (77 of 80); the target is `TARGET`.
    assert!(recall >= 0.96, "{table}\n{missed}");
}

/// The value of claim `claim` that one of `figures` of `article` tells, if any.
fn value_in(claim: &compare::Claim, article: usize, figures: &[usize]) -> Option<usize> {
    claim
        .mentions
        .iter()
        .find(|m| m.report == article && figures.contains(&m.figure))
        .map(|m| m.value)
}

/// What a missed relation's claim and values were: enough to trace a miss to its rule.
fn why(
    claim: Option<&compare::Claim>,
    values: Option<(&compare::Claim, usize, usize)>,
    apart: [String; 2],
) -> String {
    let Some(claim) = claim else {
        return format!("no shared claim: {} / {}", apart[0], apart[1]);
    };
    let Some((_, a, b)) = values else {
        return format!("{}: a value not found", claim.label());
    };
    let time = |v: usize| {
        claim.values[v]
            .as_of
            .as_deref()
            .unwrap_or("undated")
            .to_owned()
    };
    format!(
        "{}: {} as of {}, {} as of {}",
        claim.label(),
        a,
        time(a),
        b,
        time(b)
    )
}

#[test]
fn revised_tolls_are_updates_and_disputes_stay_conflicts() {
    let lexicon = Lexicon::builtin();
    let (mut updates, mut revised, mut updates_in_conflict) = (0, 0, 0);
    let (mut conflicts, mut still_conflicts) = (0, 0);
    let mut missed = String::new();
    for label in labels() {
        let compared = Compared::new(&label.reports, lexicon);
        for relation in &label.relations {
            let (a_article, _, a_found) = compared.located(&relation.a);
            let (b_article, _, b_found) = compared.located(&relation.b);
            let shared = compared
                .claims(a_article, &a_found)
                .intersection(&compared.claims(b_article, &b_found))
                .next()
                .map(|&claim| &compared.comparison.claims[claim]);
            let values = shared.and_then(|claim| {
                Some((
                    claim,
                    value_in(claim, a_article, &a_found)?,
                    value_in(claim, b_article, &b_found)?,
                ))
            });
            let labels = |article: usize, found: &[usize]| {
                let labels: Vec<String> = compared
                    .claims(article, found)
                    .iter()
                    .map(|&claim| compared.comparison.claims[claim].label())
                    .collect();
                format!("[{}]", labels.join(", "))
            };
            let apart = [labels(a_article, &a_found), labels(b_article, &b_found)];
            let in_conflict =
                values.is_some_and(|(claim, a, b)| claim.values[a].conflicts_with.contains(b));
            let linked = values.is_some_and(|(claim, a, b)| {
                a != b && (claim.revises(b, a) || claim.revises(a, b))
            });
            match relation.relation.as_str() {
                "update" => {
                    updates += 1;
                    revised += usize::from(linked);
                    updates_in_conflict += usize::from(in_conflict);
                    if !linked {
                        let _ = writeln!(
                            missed,
                            "{} update{}: {} — «{}» / «{}» [{}]",
                            label.event,
                            if in_conflict {
                                " shown as conflict"
                            } else {
                                ""
                            },
                            relation.note,
                            relation.a.figure,
                            relation.b.figure,
                            why(shared, values, apart.clone())
                        );
                    }
                }
                "conflict" => {
                    conflicts += 1;
                    still_conflicts += usize::from(in_conflict);
                    if !in_conflict {
                        let _ = writeln!(
                            missed,
                            "{} conflict not shown: {} — «{}» / «{}» [{}]",
                            label.event,
                            relation.note,
                            relation.a.figure,
                            relation.b.figure,
                            why(shared, values, apart.clone())
                        );
                    }
                }
                _ => {}
            }
        }
    }
    let table = format!(
        "updates labelled revises: {revised} of {updates} ({:.0}%; target 85%)\n\
         updates shown as conflicts: {updates_in_conflict} of {updates} ({:.0}%; target under 5%)\n\
         conflicts still conflicts: {still_conflicts} of {conflicts} ({:.0}%; target 85%)\n{missed}",
        100.0 * share(revised, updates),
        100.0 * share(updates_in_conflict, updates),
        100.0 * share(still_conflicts, conflicts),
    );
    println!("{table}");
    // The targets.
    assert!(share(revised, updates) >= 0.85, "{table}");
    assert!(share(updates_in_conflict, updates) < 0.05, "{table}");
    assert!(share(still_conflicts, conflicts) >= 0.85, "{table}");
}
