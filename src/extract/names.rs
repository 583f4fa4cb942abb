//! People found by pattern rather than by list: a role word, the organisation it belongs to,
//! then a name. Names get a spelling-independent key, so that transliteration variants of one
//! name (توكاييف / توقاييف) are one source.

use std::collections::HashMap;
use std::ops::Range;

use super::{Analysis, FoundSource, Meaning, SourceMention, SourceType};
use crate::extract::lexicon::clitic_splits;
use crate::text::TokenKind;

/// Longest name taken after a role.
const NAME_WORDS: usize = 3;
/// How many words of organisation may stand between a role and the name.
const ORGANISATION_WORDS: usize = 4;

/// The tokens of a person's name after a role ending at token `from`, if the text gives one.
pub(super) fn name_after_role(analysis: &Analysis, from: usize) -> Option<Range<usize>> {
    let count = analysis.len();
    let clause = *analysis.clause.get(from)?;
    let mut i = from;
    // Skip the organisation: definite words, lexicon words and the noun before them
    // ("باسم قوة الشرطة", "وزير الخارجية الروسي", "رئيس وزراء أرمينيا").
    while i < count && i < from + ORGANISATION_WORDS {
        if analysis.clause[i] != clause || analysis.tokens.tokens[i].kind != TokenKind::Word {
            return None;
        }
        // A known person here is the one the role belongs to: no name to find.
        if is_known_source(analysis, i) {
            return None;
        }
        let next_is_definite = i + 1 < count && is_definite(analysis, i + 1);
        if is_definite(analysis, i) || next_is_definite {
            i += 1;
        } else {
            break;
        }
    }
    let start = i;
    while i < count
        && i - start < NAME_WORDS
        && analysis.clause[i] == clause
        && is_name_word(analysis, i)
    {
        i += 1;
    }
    (i > start).then_some(start..i)
}

/// A word that can only be part of an organisation or description: with the article, or known
/// to the lexicon.
fn is_definite(analysis: &Analysis, index: usize) -> bool {
    analysis.text(index).starts_with("ال") || analysis.mark_of[index].is_some()
}

/// A word that may be part of a name: not definite, not known to the lexicon, on the same
/// line, and not ending in ta marbuta or a pronoun (ة and ه fold together), which marks
/// Arabic nouns and verbs rather than the transliterated names news reports carry.
fn is_name_word(analysis: &Analysis, index: usize) -> bool {
    let token = &analysis.tokens.tokens[index];
    let text = analysis.text(index);
    token.kind == TokenKind::Word
        && (index == 0 || !token.line_break)
        && text.chars().count() >= 2
        && !text.ends_with('ه')
        && !is_definite(analysis, index)
}

/// True when token `index` is part of a person the lexicon knows: the role's holder is named.
fn is_known_source(analysis: &Analysis, index: usize) -> bool {
    analysis.mark_of[index].is_some_and(|mark| {
        matches!(
            analysis.marks[mark as usize].meaning,
            Meaning::Source {
                source_type: SourceType::Official | SourceType::Person,
                ..
            }
        )
    })
}

/// True when the lexicon marks token `index` as a function word (إن, في, من …).
pub(super) fn is_function_word(analysis: &Analysis, index: usize) -> bool {
    analysis
        .mark_of
        .get(index)
        .copied()
        .flatten()
        .is_some_and(|mark| matches!(analysis.marks[mark as usize].meaning, Meaning::FunctionWord))
}

/// Later mentions of sources already named: a person's surname alone ("أزيربك" after
/// "سالتانات أزيربك"), and a definite head noun standing for the last source it headed
/// ("الوزارة" after "وزارة الداخلية", "المنظمة" after "منظمة معاهدة الأمن الجماعي").
/// One pass in text order, remembering the latest source per surname and per head noun.
pub(super) fn later_references(analysis: &Analysis, found: &[FoundSource]) -> Vec<FoundSource> {
    let mut taken = vec![false; analysis.len()];
    for f in found {
        taken[f.tokens.clone()].fill(true);
    }
    let mut by_surname: HashMap<String, &FoundSource> = HashMap::new();
    let mut by_head: HashMap<String, &FoundSource> = HashMap::new();
    let mut next = 0;
    let mut references = Vec::new();
    let mut key = String::new();
    for (index, &is_taken) in taken.iter().enumerate() {
        while next < found.len() && found[next].tokens.end <= index {
            let source = &found[next];
            let is_person = matches!(
                source.mention.source_type,
                SourceType::Official | SourceType::Person
            );
            if is_person && source.tokens.len() >= 2 {
                let last = analysis.text(source.tokens.end - 1);
                by_surname.insert(person_key(&[last]), source);
            } else if !is_person {
                let first = analysis.text(source.tokens.start);
                let head = first.strip_prefix("ال").unwrap_or(first);
                if head.chars().count() >= 3 {
                    by_head.insert(head.to_owned(), source);
                }
            }
            next += 1;
        }
        if is_taken
            || analysis.mark_of[index].is_some()
            || analysis.tokens.tokens[index].kind != TokenKind::Word
        {
            continue;
        }
        let word = analysis.text(index);
        let definite = if by_head.is_empty() || !word.contains("ال") {
            None
        } else {
            clitic_splits(word)
                .filter(|&c| word[c..].starts_with("ال"))
                .max()
        };
        let referent = match definite {
            Some(clitic) => by_head
                .get(&word[clitic + "ال".len()..])
                .map(|s| (*s, clitic)),
            None if by_surname.is_empty() || word.starts_with("ال") => None,
            None => {
                person_key_into(&[word], &mut key);
                by_surname.get(key.as_str()).map(|s| (*s, 0))
            }
        };
        if let Some((referent, clitic_len)) = referent {
            let range = analysis.source_range(index..index + 1, clitic_len);
            references.push(FoundSource {
                mention: SourceMention {
                    start: range.start,
                    end: range.end,
                    text: String::new(),
                    name: referent.mention.name.clone(),
                    source_type: referent.mention.source_type,
                },
                tokens: index..index + 1,
            });
        }
    }
    references
}

/// A key for a person's name that transliteration variants share: ق and ك, ث and س, ذ and ز
/// fold together and doubled letters count once.
pub(super) fn person_key(words: &[&str]) -> String {
    let mut key = String::new();
    person_key_into(words, &mut key);
    key
}

/// [`person_key`] into a reused buffer, for checking every word of a text.
fn person_key_into(words: &[&str], key: &mut String) {
    key.clear();
    for word in words {
        if !key.is_empty() {
            key.push(' ');
        }
        let mut previous = None;
        for c in word.chars() {
            let folded = match c {
                'ق' => 'ك',
                'ث' => 'س',
                'ذ' => 'ز',
                'ظ' => 'ض',
                other => other,
            };
            if previous != Some(folded) {
                key.push(folded);
            }
            previous = Some(folded);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliteration_variants_share_a_key() {
        assert_eq!(person_key(&["توكاييف"]), person_key(&["توقاييف"]));
        assert_ne!(person_key(&["بوتين"]), person_key(&["توكاييف"]));
    }
}
