//! The JSON that scripts read: `compare --json` and `stories --json`, as docs/cli.md says.
use std::io;

use serde::Serialize;
use serde_json::ser::Formatter;

use crate::compare;
use crate::corpus::{Corpus, day_of};
use crate::extract::{Extraction, FigureKind, plain_number};
use crate::stories::{Stories, Tally};

/// Writes `value` as compact JSON with every character that could act on a terminal printing
/// it escaped as `\uXXXX`: DEL and the C1 controls (serde_json escapes those below U+0020),
/// and the invisible format characters (bidi marks, embeddings, overrides, isolates, zero-width
/// characters). It is the same data, valid JSON, and safe to print.
pub fn write<W: io::Write, T: Serialize + ?Sized>(out: W, value: &T) -> serde_json::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(out, PrintSafe);
    value.serialize(&mut serializer)
}

/// serde_json's compact formatter, escaping what [`write`] says.
struct PrintSafe;

/// Whether `c` is written escaped.
fn escaped(c: char) -> bool {
    ('\u{7F}'..='\u{9F}').contains(&c) || c == '\u{200D}' || crate::layout::is_invisible_format(c)
}

impl Formatter for PrintSafe {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (at, c) in fragment.char_indices().filter(|&(_, c)| escaped(c)) {
            writer.write_all(&fragment.as_bytes()[start..at])?;
            for unit in c.encode_utf16(&mut [0; 2]) {
                write!(writer, "\\u{unit:04X}")?;
            }
            start = at + c.len_utf8();
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }
}

/// `compare --json`: each claim and quote group is made as it is written, so that the output
/// of a large corpus is never held whole.
pub struct Comparison<'a> {
    comparison: &'a compare::Comparison,
    corpus: &'a Corpus,
    extractions: &'a [Extraction],
    stories: &'a Stories,
}

impl Serialize for Comparison<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut fields = serializer.serialize_struct("Comparison", 2)?;
        let claims = || self.comparison.claims.iter().map(|claim| self.claim(claim));
        fields.serialize_field("claims", &Lazy(claims))?;
        let quotes = || {
            self.comparison
                .quotes
                .iter()
                .map(|group| self.quotes(group))
        };
        fields.serialize_field("quotes", &Lazy(quotes))?;
        fields.end()
    }
}

/// A sequence written from the items `.0` makes, one at a time.
struct Lazy<F>(F);

impl<F, I> Serialize for Lazy<F>
where
    F: Fn() -> I,
    I: Iterator<Item: Serialize>,
{
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)())
    }
}

#[derive(Serialize)]
struct Key<'a> {
    event: Option<&'a str>,
    subject: Option<&'a str>,
    #[serde(skip_serializing_if = "is_count")]
    kind: FigureKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    place: Option<&'a str>,
}

impl<'a> Key<'a> {
    fn new(key: &'a compare::ClaimKey) -> Self {
        Key {
            event: key.event.as_deref(),
            subject: key.subject.as_deref(),
            kind: key.kind,
            unit: key.unit.as_deref(),
            place: key.place.as_deref(),
        }
    }
}

fn is_count(kind: &FigureKind) -> bool {
    *kind == FigureKind::Count
}

#[derive(Serialize)]
struct Claim<'a> {
    story: &'a str,
    key: Key<'a>,
    status: &'static str,
    reports: usize,
    voices: usize,
    values: Vec<Value<'a>>,
    mentions: Vec<Mention<'a>>,
    /// The claim this one counts a part of (killed · children of killed · people).
    #[serde(skip_serializing_if = "Option::is_none")]
    part_of: Option<Key<'a>>,
    /// The newest value standing, when the values are dated.
    latest: Option<usize>,
}

/// How many of the values one conflicts with its JSON lists, the nearest first: all of them
/// in any real claim, and output linear in the values when a flood of counts conflict.
const CONFLICTS_LISTED: usize = 32;

#[derive(Serialize)]
struct Value<'a> {
    #[serde(serialize_with = "plain_number")]
    low: Option<f64>,
    #[serde(serialize_with = "plain_number")]
    high: Option<f64>,
    voices: usize,
    mentions: &'a [usize],
    /// The values it conflicts with: the [`CONFLICTS_LISTED`] nearest when there are more.
    conflicts_with: Vec<usize>,
    /// How many values it conflicts with.
    conflicts: usize,
    as_of: Option<&'a str>,
    revises: &'a [usize],
}

#[derive(Serialize)]
struct Mention<'a> {
    article: &'a str,
    path: &'a str,
    start: usize,
    end: usize,
    text: &'a str,
    #[serde(serialize_with = "plain_number")]
    low: Option<f64>,
    #[serde(serialize_with = "plain_number")]
    high: Option<f64>,
    source: Option<&'a str>,
    via: &'a [String],
    voice: &'a str,
    place: Option<&'a str>,
    when: &'a [String],
    value: usize,
}

#[derive(Serialize)]
struct QuoteGroup<'a> {
    story: &'a str,
    status: &'static str,
    voices: usize,
    mentions: Vec<QuoteMention<'a>>,
}

#[derive(Serialize)]
struct QuoteMention<'a> {
    article: &'a str,
    path: &'a str,
    start: usize,
    end: usize,
    text: &'a str,
    source: Option<&'a str>,
    via: &'a [String],
    changes: Vec<Change<'a>>,
}

#[derive(Serialize)]
struct Change<'a> {
    first: &'a [String],
    this: &'a [String],
}

impl<'a> Comparison<'a> {
    pub fn new(
        comparison: &'a compare::Comparison,
        corpus: &'a Corpus,
        extractions: &'a [Extraction],
        stories: &'a Stories,
    ) -> Self {
        Comparison {
            comparison,
            corpus,
            extractions,
            stories,
        }
    }

    fn story_id(&self, story: usize) -> &'a str {
        self.stories
            .stories
            .get(story)
            .map_or("", |s| s.id.as_str())
    }

    fn claim(&self, claim: &'a compare::Claim) -> Claim<'a> {
        Claim {
            story: self.story_id(claim.story),
            key: Key::new(&claim.key),
            part_of: claim.part_of.as_ref().map(Key::new),
            latest: claim.latest,
            status: claim.status.label(),
            reports: claim.reports,
            voices: claim.voices,
            values: claim
                .values
                .iter()
                .enumerate()
                .map(|(index, value)| Value {
                    low: value.low,
                    high: value.high,
                    voices: value.voices,
                    mentions: &value.mentions,
                    conflicts_with: value.conflicts_with.nearest(index, CONFLICTS_LISTED),
                    conflicts: value.conflicts_with.len(),
                    as_of: value.as_of.as_deref(),
                    revises: &value.revises,
                })
                .collect(),
            mentions: claim
                .mentions
                .iter()
                .map(|mention| {
                    let article = &self.corpus.articles[mention.report];
                    let figure = &self.extractions[mention.report].figures[mention.figure];
                    Mention {
                        article: &article.id,
                        path: &article.path,
                        start: figure.start,
                        end: figure.end,
                        text: &figure.text,
                        low: figure.low,
                        high: figure.high,
                        source: figure.source.as_deref(),
                        via: &figure.via,
                        voice: &mention.voice,
                        place: figure.place.as_deref(),
                        when: &figure.when,
                        value: mention.value,
                    }
                })
                .collect(),
        }
    }

    fn quotes(&self, group: &'a compare::QuoteGroup) -> QuoteGroup<'a> {
        QuoteGroup {
            story: self.story_id(group.story),
            status: if group.identical { "same" } else { "differs" },
            voices: group.voices,
            mentions: group
                .mentions
                .iter()
                .zip(&group.changes)
                .map(|(mention, changes)| {
                    let article = &self.corpus.articles[mention.report];
                    let quote = &self.extractions[mention.report].quotes[mention.quote];
                    QuoteMention {
                        article: &article.id,
                        path: &article.path,
                        start: quote.start,
                        end: quote.end,
                        text: &quote.text,
                        source: quote.source.as_deref(),
                        via: &quote.via,
                        changes: changes
                            .iter()
                            .map(|change| Change {
                                first: &change.first,
                                this: &change.this,
                            })
                            .collect(),
                    }
                })
                .collect(),
        }
    }
}

/// `stories --json`.
#[derive(Serialize)]
pub struct StoryList<'a> {
    stories: Vec<Story<'a>>,
}

#[derive(Serialize)]
struct Story<'a> {
    id: &'a str,
    title: &'a str,
    articles: Vec<StoryArticle<'a>>,
    duplicates: Vec<Vec<&'a str>>,
    places: &'a [String],
    from: Option<String>,
    to: Option<String>,
    claims: usize,
    conflicts: usize,
}

#[derive(Serialize)]
struct StoryArticle<'a> {
    article: &'a str,
    path: &'a str,
    source: &'a str,
    published: Option<&'a str>,
}

impl<'a> StoryList<'a> {
    pub fn new(stories: &'a Stories, corpus: &'a Corpus, tallies: &[Tally]) -> Self {
        let stories = stories
            .stories
            .iter()
            .zip(tallies)
            .map(|(story, tally)| Story {
                id: &story.id,
                title: &corpus.articles[story.central].title,
                articles: story
                    .articles
                    .iter()
                    .map(|&index| {
                        let article = &corpus.articles[index];
                        StoryArticle {
                            article: &article.id,
                            path: &article.path,
                            source: article.outlet(),
                            published: article.published.as_deref(),
                        }
                    })
                    .collect(),
                duplicates: story
                    .copies
                    .iter()
                    .map(|group| {
                        group
                            .iter()
                            .map(|&index| corpus.articles[index].id.as_str())
                            .collect()
                    })
                    .collect(),
                places: &story.places,
                from: story.from.map(day_of),
                to: story.to.map(day_of),
                claims: tally.claims,
                conflicts: tally.conflicts,
            })
            .collect();
        StoryList { stories }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Controls and invisible format characters come out escaped; the same data reads back.
    #[test]
    fn what_could_act_on_a_terminal_is_escaped() {
        let risky = "a\u{7f}b\u{85}c\u{9b}2J\u{202E}ltr\u{2067}x\u{2069}\u{200F}\u{200B}\u{200D}\u{FEFF}\u{E0041}ت\u{1b}";
        let mut out = Vec::new();
        write(&mut out, &serde_json::json!({ "id\u{202E}": risky })).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.chars().all(|c| c.is_ascii_graphic() || c == 'ت'),
            "{text}"
        );
        for escape in [
            "\\u007F",
            "\\u0085",
            "\\u009B",
            "\\u202E",
            "\\u2067",
            "\\u2069",
            "\\u200F",
            "\\u200B",
            "\\u200D",
            "\\uFEFF",
            "\\uDB40\\uDC41",
            "\\u001b",
        ] {
            assert!(text.contains(escape), "{escape} in {text}");
        }
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["id\u{202E}"], risky);
    }
}
