//! Tokens of normalised text: words, numbers and punctuation, each with the byte range of the
//! original text it came from, so that matching works on folded spellings while results point
//! into the text as stored.

use std::ops::Range;

use super::{normalize_with_offsets, source_end};

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (and the marks normalisation left), Arabic or Latin.
    Word,
    /// Digits, with the separators between them (`23,500`, `6,4`, `35.2`).
    Number,
    /// One punctuation or symbol character.
    Punct,
}

/// One token: its normalised text lies in [`Tokens::normalized`], its source in the original.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte range in the normalised text.
    pub normalized: Range<usize>,
    /// Byte range in the original text.
    pub source: Range<usize>,
    /// Words, numbers or punctuation.
    pub kind: TokenKind,
    /// No white space between this token and the one before ("و450", "%").
    pub glued: bool,
    /// A line break stands between this token and the one before: a new paragraph.
    pub line_break: bool,
}

/// A text cut into tokens after normalisation.
#[derive(Clone, Debug, Default)]
pub struct Tokens {
    /// The normalised text the tokens index into.
    pub normalized: String,
    /// The tokens in text order.
    pub tokens: Vec<Token>,
    /// For every byte of `normalized`, the offset in the original of the char it came from.
    offsets: Vec<u32>,
    original_len: usize,
}

impl Tokens {
    /// Normalises `text` and cuts it into tokens.
    pub fn new(text: &str) -> Self {
        let (normalized, offsets) = normalize_with_offsets(text);
        let mut tokens = Vec::with_capacity(normalized.len() / 5);
        let bytes = normalized.as_bytes();
        let mut chars = normalized.char_indices().peekable();
        let mut glued = false;
        let mut line_break = false;
        while let Some((start, c)) = chars.next() {
            if c.is_whitespace() {
                glued = false;
                line_break |= matches!(c, '\n' | '\r' | '\u{2029}');
                continue;
            }
            if c == '\u{1b}' {
                // A terminal escape sequence ("ESC[1;31m") is markup, not text: it parts the
                // words around it and gives no token.
                skip_escape(&mut chars);
                glued = false;
                continue;
            }
            let kind = if c.is_ascii_digit() {
                TokenKind::Number
            } else if is_word_char(c) {
                TokenKind::Word
            } else {
                TokenKind::Punct
            };
            let mut end = start + c.len_utf8();
            match kind {
                TokenKind::Word => {
                    while let Some(&(i, next)) = chars.peek() {
                        if !is_word_char(next) || next.is_ascii_digit() {
                            break;
                        }
                        end = i + next.len_utf8();
                        chars.next();
                    }
                }
                TokenKind::Number => {
                    while let Some(&(i, next)) = chars.peek() {
                        let separator_between_digits = is_number_separator(next)
                            && bytes
                                .get(i + next.len_utf8())
                                .is_some_and(u8::is_ascii_digit);
                        if !(next.is_ascii_digit() || separator_between_digits) {
                            break;
                        }
                        end = i + next.len_utf8();
                        chars.next();
                    }
                }
                TokenKind::Punct => {}
            }
            tokens.push(Token {
                normalized: start..end,
                source: offsets[start] as usize..source_end(&offsets, end, text.len()),
                kind,
                glued,
                line_break,
            });
            glued = true;
            line_break = false;
        }
        Tokens {
            normalized,
            tokens,
            offsets,
            original_len: text.len(),
        }
    }

    /// The original byte range of normalised bytes `range` (inside one token or across several).
    pub fn source_of(&self, range: Range<usize>) -> Range<usize> {
        if range.is_empty() {
            let at = self
                .offsets
                .get(range.start)
                .map_or(self.original_len, |&offset| offset as usize);
            return at..at;
        }
        self.offsets[range.start] as usize..source_end(&self.offsets, range.end, self.original_len)
    }

    /// The normalised text of token `index`.
    pub fn text(&self, index: usize) -> &str {
        &self.normalized[self.tokens[index].normalized.clone()]
    }

    /// For every token, the number of its sentence and of its clause. A line break or one of
    /// `. ! ? ؟ ؛ ;` ends a sentence; a comma or colon ends a clause.
    pub fn sentences_and_clauses(&self) -> (Vec<u32>, Vec<u32>) {
        let count = self.tokens.len();
        let (mut sentence, mut clause) = (Vec::with_capacity(count), Vec::with_capacity(count));
        let (mut sentence_number, mut clause_number) = (0u32, 0u32);
        for (index, token) in self.tokens.iter().enumerate() {
            if token.line_break {
                sentence_number += 1;
                clause_number += 1;
            }
            sentence.push(sentence_number);
            clause.push(clause_number);
            if token.kind == TokenKind::Punct {
                match self.text(index) {
                    "." | "!" | "?" | "؟" | "؛" | ";" => {
                        sentence_number += 1;
                        clause_number += 1;
                    }
                    "،" | "," | ":" => clause_number += 1,
                    _ => {}
                }
            }
        }
        (sentence, clause)
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// True when the text had no tokens.
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }
}

/// Letters and combining marks make words; digits are split off (`نحو3`, `و450`).
fn is_word_char(c: char) -> bool {
    match c {
        // The common cases first: the general alphabetic lookup is slow for Arabic.
        'a'..='z' | 'A'..='Z' | '\u{0621}'..='\u{064A}' | '\u{066E}'..='\u{06D3}' => true,
        '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' => true,
        '\0'..='\u{7F}' => false,
        _ => c.is_alphabetic(),
    }
}

/// Skips the rest of an escape sequence after its ESC: a control sequence (`[`, parameters,
/// intermediates, a final byte), an operating system command (`]` up to BEL or ESC `\`), or
/// one character.
fn skip_escape(chars: &mut std::iter::Peekable<std::str::CharIndices>) {
    match chars.next() {
        Some((_, '[')) => {
            for (_, c) in chars.by_ref() {
                if ('\u{40}'..='\u{7E}').contains(&c) {
                    break;
                }
                if !('\u{20}'..='\u{3F}').contains(&c) {
                    break;
                }
            }
        }
        Some((_, ']')) => {
            while let Some((_, c)) = chars.next() {
                if c == '\u{7}' {
                    break;
                }
                if c == '\u{1b}' {
                    chars.next_if(|&(_, c)| c == '\\');
                    break;
                }
            }
        }
        _ => {}
    }
}

/// Characters that separate groups or decimals inside a number.
fn is_number_separator(c: char) -> bool {
    matches!(c, ',' | '.' | '\u{066B}' | '\u{066C}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(tokens: &Tokens) -> Vec<&str> {
        (0..tokens.len()).map(|i| tokens.text(i)).collect()
    }

    #[test]
    fn words_numbers_and_punctuation() {
        let tokens = Tokens::new("قُتل 23,500 شخص، و450.");
        assert_eq!(
            texts(&tokens),
            vec!["قتل", "23,500", "شخص", "،", "و", "450", "."]
        );
        assert!(tokens.tokens[5].glued);
        assert!(!tokens.tokens[4].glued);
    }

    #[test]
    fn source_ranges_point_into_the_original() {
        let text = "أعلنت الوزارة ٢٤٥٠ إصابة";
        let tokens = Tokens::new(text);
        assert_eq!(&text[tokens.tokens[0].source.clone()], "أعلنت");
        assert_eq!(tokens.text(2), "2450");
        assert_eq!(&text[tokens.tokens[2].source.clone()], "٢٤٥٠");
    }

    #[test]
    fn marks_on_the_last_letter_stay_in_the_source_range() {
        let text = "سُمِعَ دوي";
        let tokens = Tokens::new(text);
        assert_eq!(&text[tokens.tokens[0].source.clone()], "سُمِعَ");
    }

    #[test]
    fn escape_sequences_give_no_tokens() {
        let tokens =
            Tokens::new("\u{1b}[1;31mقتل 7\u{1b}[0m شخصا \u{1b}]8;;http://x.org/5\u{7}هنا");
        assert_eq!(texts(&tokens), vec!["قتل", "7", "شخصا", "هنا"]);
        assert!(!tokens.tokens[0].glued);
    }

    #[test]
    fn a_separator_not_between_digits_ends_the_number() {
        let tokens = Tokens::new("عام 2022. ثم 6,4");
        assert_eq!(texts(&tokens), vec!["عام", "2022", ".", "ثم", "6,4"]);
    }
}
