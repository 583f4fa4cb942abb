//! Sentences of two reports that say the same thing, found by the overlap of their normalised
//! words through an index of the second report's words.

use std::collections::HashMap;
use std::ops::Range;

use crate::text::{TokenKind, Tokens};

/// How alike two sentences' word sets must be (Dice coefficient) to be one passage.
pub const SIMILARITY: f64 = 0.5;
/// And how many content words they must share at least.
const MIN_SHARED: usize = 3;

/// Two sentences, one in each report, that say the same thing.
#[derive(Clone, Debug, PartialEq)]
pub struct Passage {
    /// Byte range of the sentence in the first report's text.
    pub first: Range<usize>,
    /// Byte range of the sentence in the second report's text.
    pub second: Range<usize>,
    /// Dice coefficient of their content words.
    pub similarity: f64,
}

/// A sentence: its byte range and its content words, sorted and unique.
struct Sentence {
    range: Range<usize>,
    words: Vec<String>,
}

fn sentences(text: &str, body: Range<usize>) -> Vec<Sentence> {
    let Some(body_text) = text.get(body.clone()) else {
        return Vec::new();
    };
    let tokens = Tokens::new(body_text);
    let (sentence_of, _) = tokens.sentences_and_clauses();
    let mut sentences: Vec<Sentence> = Vec::new();
    let mut current: Option<u32> = None;
    for (index, token) in tokens.tokens.iter().enumerate() {
        let range = body.start + token.source.start..body.start + token.source.end;
        if current != Some(sentence_of[index]) {
            current = Some(sentence_of[index]);
            sentences.push(Sentence {
                range: range.clone(),
                words: Vec::new(),
            });
        }
        let sentence = sentences.last_mut().expect("pushed above");
        sentence.range.end = range.end;
        // Short words are particles and pronouns: they make unrelated sentences look alike.
        let word = tokens.text(index);
        if token.kind != TokenKind::Punct && word.chars().count() >= 3 {
            sentence.words.push(word.to_owned());
        }
    }
    for sentence in &mut sentences {
        sentence.words.sort_unstable();
        sentence.words.dedup();
    }
    sentences
}

/// The passages two reports share: for each sentence of the first, the sentence of the second
/// most like it, when alike enough. Each report is given as its text and its body's range.
pub fn align(
    first: &str,
    first_body: Range<usize>,
    second: &str,
    second_body: Range<usize>,
) -> Vec<Passage> {
    let ours = sentences(first, first_body);
    let theirs = sentences(second, second_body);
    let mut index: HashMap<&str, Vec<usize>> = HashMap::new();
    for (id, sentence) in theirs.iter().enumerate() {
        for word in &sentence.words {
            index.entry(word).or_default().push(id);
        }
    }
    let mut passages = Vec::new();
    let mut shared: HashMap<usize, usize> = HashMap::new();
    for sentence in &ours {
        shared.clear();
        for word in &sentence.words {
            for &id in index.get(word.as_str()).into_iter().flatten() {
                *shared.entry(id).or_default() += 1;
            }
        }
        let best = shared
            .iter()
            .filter(|&(_, &count)| count >= MIN_SHARED)
            .map(|(&id, &count)| {
                let dice =
                    2.0 * count as f64 / (sentence.words.len() + theirs[id].words.len()) as f64;
                (id, dice)
            })
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        if let Some((id, similarity)) = best
            && similarity >= SIMILARITY
        {
            passages.push(Passage {
                first: sentence.range.clone(),
                second: theirs[id].range.clone(),
                similarity,
            });
        }
    }
    passages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_saying_the_same_thing_align() {
        let first = "قتل ثمانية عناصر من قوات الأمن في أعمال الشغب. وأعلن الرئيس حالة الطوارئ.";
        let second = "أعلن الرئيس اليوم فرض حالة الطوارئ في البلاد. وقتل سبعة عناصر من قوات الأمن في أعمال الشغب.";
        let passages = align(first, 0..first.len(), second, 0..second.len());
        assert_eq!(passages.len(), 2, "{passages:?}");
        assert!(first[passages[0].first.clone()].starts_with("قتل ثمانية"));
        assert!(second[passages[0].second.clone()].starts_with("وقتل سبعة"));
        assert!(first[passages[1].first.clone()].starts_with("وأعلن الرئيس"));
        assert!(second[passages[1].second.clone()].starts_with("أعلن الرئيس"));
    }

    #[test]
    fn unrelated_sentences_do_not_align() {
        let first = "ارتفعت أسعار الغاز المسال في غرب البلاد.";
        let second = "وصل وفد المنظمة إلى العاصمة لبحث الأزمة.";
        assert!(align(first, 0..first.len(), second, 0..second.len()).is_empty());
    }

    #[test]
    fn ranges_are_offset_by_the_body() {
        let text = "# عنوان\nقتل ثمانية عناصر من قوات الأمن في أعمال الشغب.";
        let body = text.find('\n').unwrap() + 1..text.len();
        let passages = align(text, body.clone(), text, body.clone());
        assert_eq!(passages.len(), 1);
        assert_eq!(passages[0].first, body.start..text.len());
    }
}
