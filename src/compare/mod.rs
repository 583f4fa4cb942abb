//! Where reports agree and where they conflict. Figures become claims: mentions of the same
//! thing (event, subject, and place where reports name different ones) grouped by hash, so the
//! work grows with the number of figures, never with pairs of articles. Interval overlap decides
//! agreement; each value says how many independent sources stand behind it. Quoted statements
//! are matched across reports ([`quotes`]) and two reports' sentences aligned ([`passages`]).
//! Nothing here knows of the terminal.

mod indexes;
pub mod passages;
pub mod quotes;
mod timeline;

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use crate::corpus::Article;
use crate::extract::{Extraction, Figure, FigureKind, Lexicon, Moment};
use crate::stories::Stories;

pub use indexes::Indexes;
pub use passages::{Passage, align};
pub use quotes::{QuoteGroup, QuoteMention, WordChange, match_quotes};

/// One report as the comparison sees it.
#[derive(Clone, Copy, Debug)]
pub struct Report<'a> {
    /// Who published it: the voice behind figures that name no source of their own.
    pub outlet: &'a str,
    /// What was found in it.
    pub extraction: &'a Extraction,
    /// The first copy of the same report carried elsewhere (by any index the caller keeps
    /// unique): copies are one report and one voice. `None`: a report of its own.
    pub copy_of: Option<usize>,
}

impl<'a> Report<'a> {
    /// The report of `article`: its outlet, else its id, is the voice behind the figures it
    /// gives without a source.
    pub fn new(article: &'a Article, extraction: &'a Extraction) -> Self {
        Report {
            outlet: article.source.as_deref().unwrap_or(&article.id),
            extraction,
            copy_of: None,
        }
    }

    /// The same report as a copy of `first` (index `first_index`): the voice of the first.
    pub fn copy_of(self, first_index: usize, first: &'a Article) -> Self {
        Report {
            outlet: first.source.as_deref().unwrap_or(&first.id),
            copy_of: Some(first_index),
            ..self
        }
    }

    /// What tells this report from others: its first copy, else its own index.
    fn identity(&self, index: usize) -> (bool, usize) {
        self.copy_of.map_or((false, index), |first| (true, first))
    }
}

/// What a claim is about.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClaimKey {
    /// Killed, injured, arrested …
    pub event: Option<String>,
    /// What is counted, as its comparison group (police and national guard: security_forces).
    pub subject: Option<String>,
    /// Count, percent, money …
    pub kind: FigureKind,
    /// The unit for money and measures.
    pub unit: Option<String>,
    /// Set when reports give this claim for different local places: one claim per place.
    pub place: Option<String>,
}

impl ClaimKey {
    /// The words of the key: event, subject, kind when not a count, unit, place.
    pub fn label_parts(&self) -> Vec<String> {
        let mut parts: Vec<String> = Vec::new();
        if let Some(event) = &self.event {
            parts.push(event.replace('_', " "));
        }
        if let Some(subject) = &self.subject {
            parts.push(subject.replace('_', " "));
        }
        if self.kind != FigureKind::Count {
            parts.push(self.kind.label().to_owned());
        }
        if let Some(unit) = &self.unit {
            parts.push(unit.clone());
        }
        if let Some(place) = &self.place {
            parts.push(place.clone());
        }
        parts
    }
}

/// How long after `earlier` `later` was said, as a reader says it: "the same day", "a day
/// later", "3 days later".
pub fn time_between(earlier: Moment, later: Moment) -> String {
    match later.day() - earlier.day() {
        days if days <= 0 => "the same day".to_owned(),
        1 => "a day later".to_owned(),
        days => format!("{days} days later"),
    }
}

/// A claim summed up: see [`Claim::summary`].
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    /// The newest value standing, when the values are dated.
    pub latest: Option<usize>,
    /// The values no later value revises, lowest first.
    pub standing: Vec<usize>,
    /// The lowest and highest of the standing estimates.
    pub low: Option<f64>,
    pub high: Option<f64>,
}

/// How the values of a claim relate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// Some values cannot both be true (8 and 7 killed on the same day).
    Conflict,
    /// The values differ only because later ones revise earlier ones (a rising toll).
    Update,
    /// Every value overlaps every other ("أكثر من 200" and "أكثر من 3 آلاف").
    Agree,
    /// One report makes the claim once.
    Single,
}

impl Status {
    /// The word scripts read: conflict, agree, single.
    pub fn label(self) -> &'static str {
        match self {
            Status::Conflict => "conflict",
            Status::Update => "update",
            Status::Agree => "agree",
            Status::Single => "single",
        }
    }

    /// A symbol that reads without colour.
    pub fn symbol(self) -> &'static str {
        match self {
            Status::Conflict => "✗",
            Status::Update => "↗",
            Status::Agree => "✓",
            Status::Single => "·",
        }
    }
}

/// One figure taking part in a claim.
#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    /// Index of the report.
    pub report: usize,
    /// Index of the figure in the report's extraction.
    pub figure: usize,
    /// Index of its value in [`Claim::values`].
    pub value: usize,
    /// The end of its source chain, or the outlet when it names none: its independent voice.
    pub voice: String,
}

/// One distinct interval told for a claim.
#[derive(Clone, Debug, PartialEq)]
pub struct Value {
    /// Lower bound; `None` when open.
    pub low: Option<f64>,
    /// Upper bound; `None` when open.
    pub high: Option<f64>,
    /// Mentions telling it, by index in [`Claim::mentions`].
    pub mentions: Vec<usize>,
    /// Independent sources behind it: distinct ends of the source chains.
    pub voices: usize,
    /// Values it cannot stand with, by index in [`Claim::values`].
    pub conflicts_with: Indexes,
    /// When it was first said (ISO 8601), as far as the texts tell.
    pub as_of: Option<String>,
    /// The earlier values it replaces, by index in [`Claim::values`]: a toll revised. Those
    /// before them are replaced through them.
    pub revises: Vec<usize>,
}

/// Everything the reports say about one thing.
#[derive(Clone, Debug, PartialEq)]
pub struct Claim {
    /// The story it belongs to (an index of the stories compared; 0 when one set is compared).
    pub story: usize,
    /// What it is about.
    pub key: ClaimKey,
    /// Conflict, agree or single.
    pub status: Status,
    /// Its figures, by report and then text order.
    pub mentions: Vec<Mention>,
    /// Its distinct values, lowest first.
    pub values: Vec<Value>,
    /// Independent sources behind the claim as a whole.
    pub voices: usize,
    /// Number of reports that make it, copies of one report counting once.
    pub reports: usize,
    /// The claim this one counts a part of: killed · children of killed · people.
    pub part_of: Option<ClaimKey>,
    /// The newest value standing, by index in [`Claim::values`], when the values are dated.
    pub latest: Option<usize>,
}

impl Claim {
    /// "killed · security forces", "explosions", "arrested · people · Almaty".
    pub fn label(&self) -> String {
        self.label_parts().join(" · ")
    }

    /// The parts of [`Claim::label`], for a view that lays each out on its own (two Arabic parts
    /// joined as one text would swap places).
    pub fn label_parts(&self) -> Vec<String> {
        self.key.label_parts()
    }

    /// `label` followed by the claim this one counts a part of, if any: "killed · children
    /// (part of killed · people)".
    pub fn with_whole(&self, label: String) -> String {
        match &self.part_of {
            Some(whole) => format!("{label} (part of {})", whole.label_parts().join(" · ")),
            None => label,
        }
    }

    /// What casualty recorders ask of a claim: the newest value, the values that stand (none
    /// revises them), and the range of those estimates.
    pub fn summary(&self) -> Summary {
        let mut revised = vec![false; self.values.len()];
        for value in &self.values {
            for &earlier in &value.revises {
                revised[earlier] = true;
            }
        }
        let standing: Vec<usize> = (0..self.values.len()).filter(|&v| !revised[v]).collect();
        let low = standing
            .iter()
            .filter_map(|&v| self.values[v].low)
            .min_by(f64::total_cmp);
        let high = standing
            .iter()
            .filter_map(|&v| self.values[v].high)
            .max_by(f64::total_cmp);
        Summary {
            latest: self.latest,
            standing,
            low,
            high,
        }
    }

    /// True when value `later` revises value `earlier`, directly or through the values between.
    pub fn revises(&self, later: usize, earlier: usize) -> bool {
        let mut seen = vec![false; self.values.len()];
        let mut stack = vec![later];
        while let Some(at) = stack.pop() {
            for &previous in &self.values[at].revises {
                if previous == earlier {
                    return true;
                }
                if !std::mem::replace(&mut seen[previous], true) {
                    stack.push(previous);
                }
            }
        }
        false
    }

    /// True when reports `a` and `b` both make this claim.
    pub fn involves(&self, a: usize, b: usize) -> bool {
        self.mentions.iter().any(|m| m.report == a) && self.mentions.iter().any(|m| m.report == b)
    }
}

/// Claims and matched quotes across a set of reports.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Comparison {
    /// Conflicts first, then agreements, then single claims; within each, most reports first.
    pub claims: Vec<Claim>,
    /// Quotes carried by more than one report.
    pub quotes: Vec<QuoteGroup>,
}

/// Compares `reports`: their claims and the quotes they share.
pub fn compare(reports: &[Report], lexicon: &Lexicon) -> Comparison {
    let mut claims = claims(reports, lexicon);
    mark_parts(&mut claims, lexicon);
    claims.sort_by(claim_order);
    Comparison {
        claims,
        quotes: match_quotes(reports),
    }
}

/// The reports of `articles` for comparing, copies of one report voiced by its first copy.
pub fn story_reports<'a>(
    articles: &'a [Article],
    extractions: &[&'a Extraction],
    stories: &Stories,
) -> Vec<Report<'a>> {
    extractions
        .iter()
        .enumerate()
        .map(|(index, &extraction)| story_report(articles, index, extraction, stories))
        .collect()
}

/// Article `index` as a report for comparing; a copy of another report is voiced by the first
/// copy.
pub fn story_report<'a>(
    articles: &'a [Article],
    index: usize,
    extraction: &'a Extraction,
    stories: &Stories,
) -> Report<'a> {
    let report = Report::new(&articles[index], extraction);
    match stories.copy_of.get(index) {
        Some(&first) if first != index => report.copy_of(first, &articles[first]),
        _ => report,
    }
}

/// Compares the reports of each story with each other only: `story_of[i]` is report `i`'s
/// story. Every claim and quote group belongs to one story; claims are sorted as by
/// [`compare`] over all stories together.
pub fn compare_by_story(reports: &[Report], story_of: &[usize], lexicon: &Lexicon) -> Comparison {
    let mut members: Vec<Vec<usize>> = Vec::new();
    for (report, &story) in story_of.iter().enumerate().take(reports.len()) {
        if members.len() <= story {
            members.resize_with(story + 1, Vec::new);
        }
        members[story].push(report);
    }
    let per_story: Vec<Comparison> = members
        .par_iter()
        .enumerate()
        .filter(|(_, members)| !members.is_empty())
        .map(|(story, members)| {
            let local: Vec<Report> = members.iter().map(|&r| reports[r]).collect();
            compare_story(&local, members, story, lexicon)
        })
        .collect();
    let mut comparison = Comparison::default();
    for part in per_story {
        comparison.claims.extend(part.claims);
        comparison.quotes.extend(part.quotes);
    }
    comparison.claims.sort_by(claim_order);
    comparison
}

/// Compares `reports`, the reports of story `story`, with each other; `members[i]` is the index
/// of `reports[i]` among all articles, which mentions are given.
pub fn compare_story(
    reports: &[Report],
    members: &[usize],
    story: usize,
    lexicon: &Lexicon,
) -> Comparison {
    let mut comparison = compare(reports, lexicon);
    for claim in &mut comparison.claims {
        claim.story = story;
        for mention in &mut claim.mentions {
            mention.report = members[mention.report];
        }
    }
    for group in &mut comparison.quotes {
        group.story = story;
        for mention in &mut group.mentions {
            mention.report = members[mention.report];
        }
    }
    comparison
}

/// Conflicts first, then agreements, then single claims; within each, most reports first.
fn claim_order(a: &Claim, b: &Claim) -> std::cmp::Ordering {
    a.status
        .cmp(&b.status)
        .then(b.reports.cmp(&a.reports))
        .then(b.mentions.len().cmp(&a.mentions.len()))
        .then_with(|| a.key.cmp(&b.key))
        .then(a.story.cmp(&b.story))
}

/// What `figure` asserts a claim about, if anything: counts, percentages, money and measures
/// that say what happened or what particular group they count. Dates, ages and ordinals are
/// no claims.
pub fn claim_key(figure: &Figure, lexicon: &Lexicon) -> Option<ClaimKey> {
    if !matches!(
        figure.kind,
        FigureKind::Count | FigureKind::Percent | FigureKind::Money | FigureKind::Measure
    ) {
        return None;
    }
    let subject = figure
        .subject
        .as_deref()
        .or_else(|| lexicon.event_counts(figure.event.as_deref()?))
        .map(|subject| lexicon.subject_group(subject).to_owned());
    // With no event, a count of people, members or nothing named says nothing of what it
    // counts: two such numbers are not one thing reported twice.
    let says_what = figure.event.is_some()
        || figure
            .subject
            .as_deref()
            .is_some_and(|subject| !lexicon.is_generic_subject(subject));
    if !says_what {
        return None;
    }
    Some(ClaimKey {
        event: figure.event.clone(),
        subject,
        kind: figure.kind,
        unit: figure.unit.clone(),
        place: None,
    })
}

/// A figure's place in the corpus while claims are built.
struct Found<'a> {
    report: usize,
    figure: usize,
    place: Option<&'a str>,
}

fn claims(reports: &[Report], lexicon: &Lexicon) -> Vec<Claim> {
    let mut groups: HashMap<ClaimKey, Vec<Found>> = HashMap::new();
    for (report_index, report) in reports.iter().enumerate() {
        for (figure_index, figure) in report.extraction.figures.iter().enumerate() {
            if figure.low.is_none() && figure.high.is_none() {
                continue;
            }
            if let Some(key) = claim_key(figure, lexicon) {
                groups.entry(key).or_default().push(Found {
                    report: report_index,
                    figure: figure_index,
                    place: figure.place.as_deref(),
                });
            }
        }
    }
    join_counts_of_groups(&mut groups);
    let mut claims = Vec::with_capacity(groups.len());
    for (key, found) in groups {
        for (place, found) in split_by_place(found) {
            let key = ClaimKey {
                place: place.map(str::to_owned),
                ..key.clone()
            };
            let course = match key.event.as_deref() {
                Some(event) if lexicon.is_fixed_event(event) => timeline::Course::Fixed,
                Some(event) if lexicon.is_state_event(event) => timeline::Course::State,
                _ => timeline::Course::Grows,
            };
            claims.push(build_claim(key, &found, reports, course));
        }
    }
    claims
}

/// A count of a group that says no event ("تشمل 19 أجنبيا") joins the claim of the one event
/// the reports count that group under ("26 أجنبيا" among the dead): it is the same quantity,
/// said without its verb. With two such events, it stays apart.
fn join_counts_of_groups(groups: &mut HashMap<ClaimKey, Vec<Found>>) {
    let mut events_of: HashMap<(&str, FigureKind, Option<&str>), Vec<&ClaimKey>> = HashMap::new();
    for key in groups.keys() {
        if let (Some(_), Some(subject)) = (&key.event, &key.subject) {
            events_of
                .entry((subject, key.kind, key.unit.as_deref()))
                .or_default()
                .push(key);
        }
    }
    let moves: Vec<(ClaimKey, ClaimKey)> = groups
        .keys()
        .filter(|key| key.event.is_none())
        .filter_map(|key| {
            let subject = key.subject.as_deref()?;
            match events_of
                .get(&(subject, key.kind, key.unit.as_deref()))?
                .as_slice()
            {
                [only] => Some((key.clone(), (*only).clone())),
                _ => None,
            }
        })
        .collect();
    for (from, to) in moves {
        if let Some(found) = groups.remove(&from) {
            let joined = groups.entry(to).or_default();
            joined.extend(found);
            joined.sort_by_key(|f| (f.report, f.figure));
        }
    }
}

/// One claim per place when the reports name two or more local places for the same thing; a
/// mention that names none joins the claim of the place mentioned most, when one is: it is the
/// story's own count, not a place of its own. With one place or none, one claim: a report that does not
/// say where is not taken to disagree on the place.
fn split_by_place<'a>(found: Vec<Found<'a>>) -> Vec<(Option<&'a str>, Vec<Found<'a>>)> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for place in found.iter().filter_map(|f| f.place) {
        *counts.entry(place).or_default() += 1;
    }
    if counts.len() < 2 {
        return vec![(None, found)];
    }
    // Only a place mentioned more than any other is the story's; with none, the mentions that
    // name no place stay a claim of their own.
    let most = counts.values().copied().max().unwrap_or(0);
    let mut leaders = counts.iter().filter(|(_, count)| **count == most);
    let main = match (leaders.next(), leaders.next()) {
        (Some((place, _)), None) => Some(*place),
        _ => None,
    };
    let mut by_place: HashMap<Option<&str>, Vec<Found>> = HashMap::new();
    for f in found {
        by_place.entry(f.place.or(main)).or_default().push(f);
    }
    let mut split: Vec<(Option<&str>, Vec<Found>)> = by_place.into_iter().collect();
    split.sort_by_key(|(place, _)| *place);
    split
}

/// An interval with open ends as infinities.
fn bounds(low: Option<f64>, high: Option<f64>) -> (f64, f64) {
    (
        low.unwrap_or(f64::NEG_INFINITY),
        high.unwrap_or(f64::INFINITY),
    )
}

/// True when the intervals of two figures cannot both hold: one ends before the other begins.
pub fn disjoint(a: &Figure, b: &Figure) -> bool {
    let ((a_low, a_high), (b_low, b_high)) = (bounds(a.low, a.high), bounds(b.low, b.high));
    a_high < b_low || b_high < a_low
}

/// An interval bound as a sortable, hashable key: open ends become infinities.
fn bound_key(bound: Option<f64>, open: f64) -> u64 {
    bound.unwrap_or(open).to_bits()
}

/// The claim `key` of the mentions `found`, whose values change over time as `course` says.
fn build_claim(
    key: ClaimKey,
    found: &[Found],
    reports: &[Report],
    course: timeline::Course,
) -> Claim {
    let figure = |f: &Found| &reports[f.report].extraction.figures[f.figure];
    // Distinct values, lowest first.
    let mut value_of: HashMap<(u64, u64), usize> = HashMap::new();
    let mut values: Vec<Value> = Vec::new();
    let mut mentions = Vec::with_capacity(found.len());
    for f in found {
        let fig = figure(f);
        let bounds = (
            bound_key(fig.low, f64::NEG_INFINITY),
            bound_key(fig.high, f64::INFINITY),
        );
        let value = *value_of.entry(bounds).or_insert_with(|| {
            values.push(Value {
                low: fig.low,
                high: fig.high,
                mentions: Vec::new(),
                voices: 0,
                conflicts_with: Indexes::default(),
                as_of: None,
                revises: Vec::new(),
            });
            values.len() - 1
        });
        let voice = fig
            .source
            .clone()
            .unwrap_or_else(|| reports[f.report].outlet.to_owned());
        mentions.push(Mention {
            report: f.report,
            figure: f.figure,
            value,
            voice,
        });
    }
    let low = |v: &Value| bounds(v.low, v.high).0;
    let high = |v: &Value| bounds(v.low, v.high).1;
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| {
        low(&values[a])
            .total_cmp(&low(&values[b]))
            .then(high(&values[a]).total_cmp(&high(&values[b])))
    });
    let mut rank = vec![0; values.len()];
    for (new, &old) in order.iter().enumerate() {
        rank[old] = new;
    }
    let mut values: Vec<Value> = order.iter().map(|&old| values[old].clone()).collect();
    for (index, mention) in mentions.iter_mut().enumerate() {
        mention.value = rank[mention.value];
        values[mention.value].mentions.push(index);
    }
    for value in &mut values {
        let mut voices: Vec<&str> = value
            .mentions
            .iter()
            .map(|&m| mentions[m].voice.as_str())
            .collect();
        voices.sort_unstable();
        voices.dedup();
        value.voices = voices.len();
    }
    let timed: Vec<timeline::Timed> = values
        .iter_mut()
        .map(|value| {
            let figures: Vec<(&Figure, usize)> = value
                .mentions
                .iter()
                .map(|&m| (figure(&found[m]), found[m].report))
                .collect();
            let when = figures
                .iter()
                .map(|&(fig, report)| timeline::When::of(fig, report))
                .reduce(timeline::When::first)
                .unwrap_or(timeline::When::Unknown);
            value.as_of = figures
                .iter()
                .filter_map(|(fig, _)| Some((fig.moment?, fig.as_of.clone()?)))
                .min_by_key(|(moment, _)| *moment)
                .map(|(_, as_of)| as_of);
            let mut chains: Vec<(String, Vec<String>)> = figures
                .iter()
                .filter_map(|(fig, _)| Some((fig.source.clone()?, fig.via.clone())))
                .collect();
            chains.sort_unstable();
            chains.dedup();
            let (low, high) = bounds(value.low, value.high);
            timeline::Timed {
                low,
                high,
                when,
                part: figures.iter().all(|(fig, _)| timeline::is_part(fig)),
                places: {
                    let mut places: Vec<String> = figures
                        .iter()
                        .filter_map(|(fig, _)| fig.place.clone())
                        .collect();
                    places.sort_unstable();
                    places.dedup();
                    places
                },
                correction: figures.iter().any(|(fig, _)| fig.correction),
                cumulative: figures
                    .iter()
                    .any(|(fig, _)| fig.scope == Some(crate::extract::Scope::Cumulative)),
                // "ما زالوا في المستشفيات": those still injured are a count of a state.
                course: match course {
                    timeline::Course::Grows
                        if figures.iter().any(|(fig, _)| fig.time.cue.still) =>
                    {
                        timeline::Course::State
                    }
                    course => course,
                },
                chains,
            }
        })
        .collect();
    let timeline = timeline::timeline(&timed);
    for ((value, conflicts), revises) in values
        .iter_mut()
        .zip(timeline.conflicts_with)
        .zip(timeline.revises)
    {
        value.conflicts_with = conflicts;
        value.revises = revises;
    }
    let mut statements: Vec<(usize, usize, &str)> = mentions
        .iter()
        .map(|m| (m.report, m.value, m.voice.as_str()))
        .collect();
    statements.sort_unstable();
    statements.dedup();
    let status = if values.iter().any(|value| !value.conflicts_with.is_empty()) {
        Status::Conflict
    } else if values.iter().any(|value| !value.revises.is_empty()) {
        Status::Update
    } else if statements.len() == 1 {
        Status::Single
    } else {
        Status::Agree
    };
    let mut all_voices: Vec<&str> = mentions.iter().map(|m| m.voice.as_str()).collect();
    all_voices.sort_unstable();
    all_voices.dedup();
    let mut report_ids: Vec<(bool, usize)> = mentions
        .iter()
        .map(|m| reports[m.report].identity(m.report))
        .collect();
    report_ids.sort_unstable();
    report_ids.dedup();
    Claim {
        story: 0,
        key,
        status,
        voices: all_voices.len(),
        reports: report_ids.len(),
        mentions,
        values,
        part_of: None,
        latest: timeline.latest,
    }
}

/// Marks each claim that counts a group of what another claim counts as a part of it: killed ·
/// children and killed · security forces are parts of killed · people, when the reports give
/// that whole, in the same place or with none.
fn mark_parts(claims: &mut [Claim], lexicon: &Lexicon) {
    let keys: HashSet<ClaimKey> = claims.iter().map(|claim| claim.key.clone()).collect();
    for claim in claims.iter_mut() {
        let key = &claim.key;
        let (Some(event), Some(subject)) = (key.event.as_deref(), key.subject.as_deref()) else {
            continue;
        };
        let Some(whole_subject) = lexicon
            .event_counts(event)
            .map(|s| lexicon.subject_group(s))
        else {
            continue;
        };
        if whole_subject == subject {
            continue;
        }
        let whole_at = |place: Option<String>| ClaimKey {
            subject: Some(whole_subject.to_owned()),
            place,
            ..key.clone()
        };
        claim.part_of = [whole_at(key.place.clone()), whole_at(None)]
            .into_iter()
            .find(|whole| keys.contains(whole));
    }
}

#[cfg(test)]
mod tests;
