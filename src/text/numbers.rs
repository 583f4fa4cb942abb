//! Numbers read from tokens: digits with their separators, digits with a scale word (3 آلاف),
//! number words and their compounds joined by و (ثلاثة وعشرون, ألف ومئتان), vague quantities
//! (عشرات, مئات الآلاف) and dual nouns (قتيلان). The words are data (sanad's lexicon,
//! `assets/lexicon/numbers.toml`, reached through [`NumberWords`]); this module only knows the
//! grammar that puts them together.
//!
//! The grammar keeps a running total and a current group. Units, tens and hundreds add to the
//! group, a scale multiplies the group (or stands for one of itself) and adds it to the total.
//! A و continues the number only where Arabic puts one inside a number: after a scale (ألف
//! و450), after a hundred (مئة وخمسون), and between a unit and its ten (ثلاثة وعشرون). Two
//! plain numbers joined by و (2021 و2022, عشرون وثلاثون) stay two numbers.

use serde::Deserialize;

use crate::text::{TokenKind, Tokens};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NumberRole {
    /// 1–19: ثلاثة, أحد عشر.
    Unit,
    /// 20–90: عشرون.
    Ten,
    /// 100–900: مئة, ثلاثمئة.
    Hundred,
    /// A multiplier: ألف, مليون, مليار.
    Scale,
}

/// A word of the number grammar.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum NumberWord {
    /// A number word: ثلاثة, عشرون, ألف.
    Number { value: f64, role: NumberRole },
    /// A vague quantity: عشرات, مئات الآلاف.
    Vague { low: f64, high: f64 },
    /// A dual noun, two of what it names: قتيلان.
    Dual,
    /// An ordinal: الثالث, العشرين.
    Ordinal { value: f64 },
}

/// A number word found at a token.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NumberWordMatch {
    /// What it is.
    pub word: NumberWord,
    /// One past its last token.
    pub end: usize,
    /// Bytes of clitics before it in its first token (و, ال …).
    pub clitic_len: usize,
}

/// Where the grammar finds its words: the number words, vague quantities, duals and ordinals of
/// a language's data, so that reading numbers depends on no lexicon format above it.
pub trait NumberWords {
    /// The longest word at token `start` that `accept` takes, if any.
    fn number_word_at(
        &self,
        tokens: &Tokens,
        start: usize,
        accept: &dyn Fn(&NumberWord) -> bool,
    ) -> Option<NumberWordMatch>;
}

/// A number read from tokens: which tokens, and the interval it states.
#[derive(Clone, Debug, PartialEq)]
pub struct NumberSpan {
    /// First token of the number.
    pub start: usize,
    /// One past its last token.
    pub end: usize,
    /// Lower end of the interval (the value itself for an exact number).
    pub low: f64,
    /// Upper end of the interval (the value itself for an exact number).
    pub high: f64,
    /// A vague quantity (عشرات, آلاف) rather than a number written out.
    pub vague: bool,
}

/// Value of a digit token: "23,500" → 23500, "6,4" → 6.4, "35.2" → 35.2, "1.500.000" →
/// 1500000, "٢٤٥٠" arrives as "2450". Separators , . ٫ ٬ told apart by the digits around them:
/// a comma or ٬ followed by exactly three digits (and, if repeated, every group of three) is a
/// thousands separator; a single . or ٫ or a comma followed by one, two or more-than-three
/// digits is a decimal point; several dots each followed by three digits are thousands
/// separators.
///
/// Thousands separators of one kind followed by a decimal point of the other kind are read as
/// well ("1,234.5", "1.234,5", "1٬234٫5"); anything else with several separators ("1.2.3",
/// "12.5.2022") is not a number.
pub fn digits_value(token: &str) -> Option<f64> {
    digits_parts(token).map(Decimal::value)
}

/// The number that starts at token `start`, if one does: digits, digits with a scale word,
/// number words, compounds joined by و, vague quantities, or a dual noun.
pub fn read_number(
    tokens: &Tokens,
    start: usize,
    lexicon: &(impl NumberWords + ?Sized),
) -> Option<NumberSpan> {
    let token = tokens.tokens.get(start)?;
    let (first, first_end) = match token.kind {
        TokenKind::Punct => return None,
        TokenKind::Number => (Piece::Digits(digits_parts(tokens.text(start))?), start + 1),
        TokenKind::Word => {
            let found = lexicon.number_word_at(tokens, start, &|word| {
                matches!(
                    word,
                    NumberWord::Number { .. } | NumberWord::Vague { .. } | NumberWord::Dual
                )
            })?;
            match found.word {
                NumberWord::Vague { low, high } => {
                    return Some(span(start, found.end, low, high, true));
                }
                NumberWord::Dual => return Some(span(start, found.end, 2.0, 2.0, false)),
                _ => {}
            }
            let word = classify(tokens, start, lexicon, &found)?;
            if let Some((low, high, end)) = word.vague {
                // A plural scale standing alone: آلاف الجرحى.
                return Some(span(start, end, low, high, true));
            }
            (word.piece, word.end)
        }
    };

    let mut reader = Reader::new();
    if !reader.take(first, false) {
        return None;
    }
    let mut end = first_end;
    // The number as it stood before a و that followed a scale: "18 ألفا و20 ألفا" and "خمسة
    // آلاف وستة آلاف" are two numbers each with its own scale (the ends of a range), not 18020
    // and a stray thousand. When the part after the و is followed by a scale it cannot take,
    // the number ends before the و.
    let mut before_waw: Option<(Reader, usize)> = None;
    while let Some(next) = next_piece(tokens, end, lexicon) {
        let saved = reader;
        if !reader.take(next.piece, next.waw) {
            let scale = matches!(
                next.piece,
                Piece::Word {
                    role: NumberRole::Scale,
                    ..
                }
            );
            if scale
                && !next.waw
                && let Some((kept, kept_end)) = before_waw
            {
                reader = kept;
                end = kept_end;
            }
            break;
        }
        match next.piece {
            Piece::Word {
                role: NumberRole::Scale,
                ..
            } => before_waw = None,
            _ if next.waw && saved.last == Last::Scale => before_waw = Some((saved, end)),
            _ => {}
        }
        end = next.end;
    }
    let value = reader.value();
    Some(span(start, end, value, value, false))
}

fn span(start: usize, end: usize, low: f64, high: f64, vague: bool) -> NumberSpan {
    NumberSpan {
        start,
        end,
        low,
        high,
        vague,
    }
}

/// A number kept as mantissa and power-of-ten divisor, so that 35.2 × 10^6 is computed as
/// 352 × 10^6 / 10 and comes out exact.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Decimal {
    mantissa: f64,
    divisor: f64,
}

impl Decimal {
    const ZERO: Decimal = Decimal::whole(0.0);

    const fn whole(value: f64) -> Decimal {
        Decimal {
            mantissa: value,
            divisor: 1.0,
        }
    }

    fn value(self) -> f64 {
        self.mantissa / self.divisor
    }

    fn times(self, scale: f64) -> f64 {
        self.mantissa * scale / self.divisor
    }

    fn is_whole(self) -> bool {
        self.divisor == 1.0
    }
}

/// The separators a digit token may contain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Separator {
    Comma,
    /// ٬ U+066C, the Arabic thousands separator; read like a comma.
    ArabicThousands,
    Dot,
    /// ٫ U+066B, the Arabic decimal separator: never a thousands separator.
    ArabicDecimal,
}

impl Separator {
    fn of(c: char) -> Option<Separator> {
        match c {
            ',' => Some(Separator::Comma),
            '\u{066C}' => Some(Separator::ArabicThousands),
            '.' => Some(Separator::Dot),
            '\u{066B}' => Some(Separator::ArabicDecimal),
            _ => None,
        }
    }

    fn is_comma_like(self) -> bool {
        matches!(self, Separator::Comma | Separator::ArabicThousands)
    }
}

/// The value of a digit, Western, Arabic-Indic or Eastern Arabic-Indic.
fn digit_of(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(u32::from(c) - u32::from('0')),
        '٠'..='٩' => Some(u32::from(c) - 0x0660),
        '۰'..='۹' => Some(u32::from(c) - 0x06F0),
        _ => None,
    }
}

/// Reads a digit token without allocating: one pass for the shape of its separators, one for
/// the digits.
fn digits_parts(token: &str) -> Option<Decimal> {
    let mut separators = 0usize;
    let mut first_kind = None;
    let mut last_kind = None;
    // Every separator before the last is of the first kind and followed by three digits.
    let mut uniform_before_last = true;
    let mut threes_before_last = true;
    let mut run = 0usize;
    for c in token.chars() {
        if digit_of(c).is_some() {
            run += 1;
            continue;
        }
        let kind = Separator::of(c)?;
        if run == 0 {
            // At the start, or two separators in a row.
            return None;
        }
        if separators > 0 {
            uniform_before_last &= last_kind == first_kind;
            threes_before_last &= run == 3;
        } else {
            first_kind = Some(kind);
        }
        last_kind = Some(kind);
        separators += 1;
        run = 0;
    }
    if run == 0 {
        // Empty, or ending in a separator.
        return None;
    }
    let last_run = run;

    // Whether the last separator is a decimal point (the others being thousands separators).
    let decimal_last = match (first_kind, last_kind) {
        (None, _) | (_, None) => false,
        (Some(first), Some(last)) if separators == 1 => {
            !(first.is_comma_like() && last_run == 3) || last == Separator::ArabicDecimal
        }
        (Some(first), Some(last)) => {
            if !uniform_before_last || !threes_before_last || first == Separator::ArabicDecimal {
                return None;
            }
            if last == first && last_run == 3 {
                false
            } else if last.is_comma_like() != first.is_comma_like() {
                true
            } else {
                return None;
            }
        }
    };

    let mut mantissa = 0.0f64;
    let mut divisor = 1.0f64;
    let mut seen = 0usize;
    for c in token.chars() {
        match digit_of(c) {
            Some(digit) => {
                mantissa = mantissa * 10.0 + f64::from(digit);
                if decimal_last && seen == separators {
                    divisor *= 10.0;
                }
            }
            None => seen += 1,
        }
    }
    Some(Decimal { mantissa, divisor })
}

/// One piece of a number: a digit token or a number word.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Piece {
    Digits(Decimal),
    /// `plural`: a plural scale (آلاف), which only multiplies a number before it.
    Word {
        value: f64,
        role: NumberRole,
        plural: bool,
    },
}

/// A number word found at a token.
struct Word {
    piece: Piece,
    end: usize,
    clitic_len: usize,
    /// For a plural scale that is also a vague quantity (آلاف): its interval and end.
    vague: Option<(f64, f64, usize)>,
}

/// Checks a lexicon match for a number word and reads it. A two-letter word (ست) is taken
/// behind و only: behind other clitics it is another word (لست, الست). A number word behind
/// the article that is also an ordinal (العشرين) is left to the ordinals.
fn classify(
    tokens: &Tokens,
    index: usize,
    lexicon: &(impl NumberWords + ?Sized),
    found: &NumberWordMatch,
) -> Option<Word> {
    let NumberWord::Number { value, role } = found.word else {
        return None;
    };
    if found.clitic_len > 0 {
        let text = tokens.text(index);
        let clitic = text.get(..found.clitic_len)?;
        let stem = text.get(found.clitic_len..)?;
        if clitic != "و" && stem.chars().count() < 3 {
            return None;
        }
        let ordinal =
            lexicon.number_word_at(tokens, index, &|w| matches!(w, NumberWord::Ordinal { .. }));
        if ordinal.is_some_and(|ordinal| ordinal.end >= found.end) {
            return None;
        }
    }
    let vague = if role == NumberRole::Scale {
        lexicon
            .number_word_at(tokens, index, &|w| matches!(w, NumberWord::Vague { .. }))
            .filter(|v| v.end >= found.end)
            .and_then(|v| match v.word {
                NumberWord::Vague { low, high } => Some((low, high, v.end)),
                _ => None,
            })
    } else {
        None
    };
    Some(Word {
        piece: Piece::Word {
            value,
            role,
            plural: vague.is_some(),
        },
        end: found.end,
        clitic_len: found.clitic_len,
        vague,
    })
}

/// The number word at token `index`, if there is one.
fn number_word(
    tokens: &Tokens,
    index: usize,
    lexicon: &(impl NumberWords + ?Sized),
) -> Option<Word> {
    let found =
        lexicon.number_word_at(tokens, index, &|w| matches!(w, NumberWord::Number { .. }))?;
    classify(tokens, index, lexicon, &found)
}

/// The piece after a number so far, and whether a و joins it.
struct Next {
    piece: Piece,
    end: usize,
    waw: bool,
}

/// What may continue a number at token `index`: digits, a number word, or either behind a و
/// (a token of its own, or a clitic on the word). Other clitics (ب, ال …) start another phrase.
fn next_piece(
    tokens: &Tokens,
    index: usize,
    lexicon: &(impl NumberWords + ?Sized),
) -> Option<Next> {
    let token = tokens.tokens.get(index)?;
    match token.kind {
        TokenKind::Punct => None,
        TokenKind::Number => Some(Next {
            piece: Piece::Digits(digits_parts(tokens.text(index))?),
            end: index + 1,
            waw: false,
        }),
        TokenKind::Word if tokens.text(index) == "و" => {
            let after = tokens.tokens.get(index + 1)?;
            match after.kind {
                TokenKind::Punct => None,
                TokenKind::Number => Some(Next {
                    piece: Piece::Digits(digits_parts(tokens.text(index + 1))?),
                    end: index + 2,
                    waw: true,
                }),
                TokenKind::Word => {
                    let word = number_word(tokens, index + 1, lexicon)?;
                    (word.clitic_len == 0).then_some(Next {
                        piece: word.piece,
                        end: word.end,
                        waw: true,
                    })
                }
            }
        }
        TokenKind::Word => {
            let word = number_word(tokens, index, lexicon)?;
            let waw = match &tokens.text(index)[..word.clitic_len] {
                "" => false,
                "و" => true,
                _ => return None,
            };
            Some(Next {
                piece: word.piece,
                end: word.end,
                waw,
            })
        }
    }
}

/// What the last piece taken was.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Last {
    Nothing,
    Digits,
    /// A unit, with its value (a teen once عشر was added).
    Unit(f64),
    Ten,
    Hundred,
    Scale,
}

/// The number read so far.
#[derive(Clone, Copy, Debug)]
struct Reader {
    /// Groups already multiplied by their scale.
    total: f64,
    /// The group being read.
    group: Decimal,
    last: Last,
    /// The magnitude of the last scale (10^3 for ألف and ألفين): later groups stay below it.
    last_scale: f64,
    /// A و has joined two parts.
    joined: bool,
}

impl Reader {
    fn new() -> Reader {
        Reader {
            total: 0.0,
            group: Decimal::ZERO,
            last: Last::Nothing,
            last_scale: f64::INFINITY,
            joined: false,
        }
    }

    fn value(&self) -> f64 {
        self.total + self.group.value()
    }

    /// Takes the next piece if it continues the number; otherwise leaves it unchanged.
    fn take(&mut self, piece: Piece, waw: bool) -> bool {
        let mut next = *self;
        next.joined |= waw;
        let taken = match piece {
            Piece::Digits(digits) => next.take_digits(digits, waw),
            Piece::Word {
                value,
                role,
                plural,
            } => match role {
                NumberRole::Unit => next.take_unit(value, waw),
                NumberRole::Ten => next.take_ten(value, waw),
                NumberRole::Hundred => next.take_hundred(value, waw),
                NumberRole::Scale => next.take_scale(value, plural, waw),
            },
        };
        if taken && next.group.value() < next.last_scale && next.value().is_finite() {
            *self = next;
            true
        } else {
            false
        }
    }

    fn take_digits(&mut self, digits: Decimal, waw: bool) -> bool {
        match (self.last, waw) {
            (Last::Nothing, false) => self.group = digits,
            // ألف و450
            (Last::Scale, true) if digits.is_whole() => self.group = digits,
            // مئتين و50
            (Last::Hundred, true) if digits.is_whole() && digits.mantissa < 100.0 => {
                self.group.mantissa += digits.mantissa;
            }
            _ => return false,
        }
        self.last = Last::Digits;
        true
    }

    fn take_unit(&mut self, value: f64, waw: bool) -> bool {
        match (self.last, waw) {
            (Last::Nothing, false) | (Last::Scale, true) => self.group = Decimal::whole(value),
            (Last::Hundred, true) => self.group.mantissa += value,
            // The teens: ثلاثة عشر.
            (Last::Unit(unit), false) if (1.0..=9.0).contains(&unit) && value == 10.0 => {
                self.group.mantissa += value;
                self.last = Last::Unit(unit + value);
                return true;
            }
            _ => return false,
        }
        self.last = Last::Unit(value);
        true
    }

    fn take_ten(&mut self, value: f64, waw: bool) -> bool {
        match (self.last, waw) {
            (Last::Nothing, false) | (Last::Scale, true) => self.group = Decimal::whole(value),
            // مئة وعشرون, ثلاثة وعشرون
            (Last::Hundred, true) => self.group.mantissa += value,
            (Last::Unit(unit), true) if (1.0..=9.0).contains(&unit) => {
                self.group.mantissa += value;
            }
            _ => return false,
        }
        self.last = Last::Ten;
        true
    }

    fn take_hundred(&mut self, value: f64, waw: bool) -> bool {
        match (self.last, waw) {
            (Last::Nothing, false) | (Last::Scale, true) => self.group = Decimal::whole(value),
            // Two-word hundreds: ثلاث مئة.
            (Last::Unit(unit), false)
                if value == 100.0 && (3.0..=9.0).contains(&unit) && self.group.mantissa == unit =>
            {
                self.group.mantissa = unit * value;
            }
            _ => return false,
        }
        self.last = Last::Hundred;
        true
    }

    fn take_scale(&mut self, value: f64, plural: bool, waw: bool) -> bool {
        let magnitude = magnitude_of(value);
        // A dual scale (ألفين) states its whole amount and multiplies nothing.
        let dual = value != magnitude;
        match (self.last, waw) {
            // ألف جريح, ألفين, مليونا; مليون وألفان.
            (Last::Nothing, false) if !plural => self.total = value,
            (Last::Scale, true) if !plural && value < self.last_scale => self.total += value,
            // 3 آلاف, ثلاثة وعشرون ألفا, 35.2 مليون.
            (Last::Digits | Last::Unit(_) | Last::Ten | Last::Hundred, false) if !dual => {
                let amount = self.group.times(value);
                if amount >= self.last_scale {
                    return false;
                }
                self.total += amount;
                self.group = Decimal::ZERO;
            }
            // ألف مليون: a larger scale straight after a smaller one multiplies it.
            (Last::Scale, false)
                if !dual && !plural && !self.joined && magnitude > self.last_scale =>
            {
                self.total *= value;
                self.last_scale *= magnitude;
                self.last = Last::Scale;
                return true;
            }
            _ => return false,
        }
        self.last_scale = magnitude;
        self.last = Last::Scale;
        true
    }
}

/// The largest power of ten not above `value` (at least 1).
fn magnitude_of(value: f64) -> f64 {
    let mut magnitude = 1.0;
    while magnitude * 10.0 <= value {
        magnitude *= 10.0;
    }
    magnitude
}

#[cfg(test)]
mod tests {
    use super::*;
    // The grammar is tested on the words sanad ships.
    use crate::extract::Lexicon;
    use proptest::prelude::*;

    fn read(text: &str, start: usize) -> Option<NumberSpan> {
        let tokens = Tokens::new(text);
        read_number(&tokens, start, Lexicon::builtin())
    }

    /// The exact number at `start`, and how many tokens it spans.
    fn exact(text: &str, start: usize) -> (f64, usize) {
        let found = read(text, start).unwrap_or_else(|| panic!("no number in {text:?}"));
        assert!(!found.vague, "{text:?} read as vague: {found:?}");
        assert_eq!(found.low, found.high, "{text:?}");
        assert_eq!(found.start, start);
        (found.low, found.end - found.start)
    }

    /// The exact number at token 0, which must span the whole text.
    fn whole(text: &str) -> f64 {
        let tokens = Tokens::new(text);
        let (value, len) = exact(text, 0);
        assert_eq!(len, tokens.len(), "{text:?} not read to its end");
        value
    }

    fn vague(text: &str, start: usize) -> (f64, f64, usize) {
        let found = read(text, start).unwrap_or_else(|| panic!("no number in {text:?}"));
        assert!(found.vague, "{text:?} not vague: {found:?}");
        (found.low, found.high, found.end - found.start)
    }

    #[test]
    fn digit_separators() {
        assert_eq!(digits_value("23,500"), Some(23500.0));
        assert_eq!(digits_value("6,4"), Some(6.4));
        assert_eq!(digits_value("6,45"), Some(6.45));
        assert_eq!(digits_value("6,4567"), Some(6.4567));
        assert_eq!(digits_value("35.2"), Some(35.2));
        assert_eq!(digits_value("1.500"), Some(1.5));
        assert_eq!(digits_value("1.500.000"), Some(1_500_000.0));
        assert_eq!(digits_value("1,500,000"), Some(1_500_000.0));
        assert_eq!(digits_value("2450"), Some(2450.0));
        assert_eq!(digits_value("0"), Some(0.0));
        assert_eq!(digits_value("12\u{066B}5"), Some(12.5));
        assert_eq!(digits_value("12\u{066B}500"), Some(12.5));
        assert_eq!(digits_value("23\u{066C}500"), Some(23500.0));
        assert_eq!(digits_value("1,234.5"), Some(1234.5));
        assert_eq!(digits_value("1.234,5"), Some(1234.5));
        assert_eq!(digits_value("1.234.567,25"), Some(1_234_567.25));
        assert_eq!(digits_value("1\u{066C}234\u{066B}5"), Some(1234.5));
    }

    #[test]
    fn digit_values_take_unfolded_arabic_indic_digits() {
        assert_eq!(digits_value("٢٤٥٠"), Some(2450.0));
        assert_eq!(digits_value("١٢٫٥"), Some(12.5));
        assert_eq!(digits_value("۱۲۳"), Some(123.0));
    }

    #[test]
    fn malformed_digit_tokens_are_not_numbers() {
        for token in [
            "",
            ",",
            "1,",
            ",5",
            "1..2",
            "1.2.3",
            "12.5.2022",
            "1,2,3",
            "1,234,5",
            "1\u{066B}2\u{066B}3",
            "1.234.5",
            "12a",
            "قتل",
        ] {
            assert_eq!(digits_value(token), None, "{token:?}");
        }
    }

    #[test]
    fn digits_read_as_numbers() {
        assert_eq!(whole("23,500"), 23500.0);
        assert_eq!(whole("6,4"), 6.4);
        assert_eq!(whole("1.500.000"), 1_500_000.0);
        assert_eq!(whole("35.2"), 35.2);
    }

    #[test]
    fn arabic_indic_digits() {
        assert_eq!(whole("٢٤٥٠"), 2450.0);
        assert_eq!(whole("١٢٫٥"), 12.5);
        assert_eq!(whole("۱۲۳"), 123.0);
        assert_eq!(whole("٣ آلاف"), 3000.0);
    }

    #[test]
    fn digits_with_a_scale() {
        assert_eq!(whole("3 آلاف"), 3000.0);
        assert_eq!(whole("200 ألف"), 200_000.0);
        assert_eq!(whole("35.2 مليون"), 35_200_000.0);
        assert_eq!(whole("1.5 مليار"), 1_500_000_000.0);
        assert_eq!(whole("12 ألفا"), 12_000.0);
        assert_eq!(whole("3 ملايين"), 3_000_000.0);
        assert_eq!(whole("2,5 مليون"), 2_500_000.0);
        assert_eq!(whole("4 بلايين"), 4e9);
        assert_eq!(exact("قتل 200 ألف شخص", 1), (200_000.0, 2));
    }

    #[test]
    fn digits_and_scales_joined_by_waw() {
        assert_eq!(whole("12 ألفا و450"), 12_450.0);
        assert_eq!(whole("4 آلاف و215"), 4215.0);
        assert_eq!(whole("مليون و200 ألف"), 1_200_000.0);
        assert_eq!(whole("3 ملايين و500 ألف"), 3_500_000.0);
        assert_eq!(whole("مليار و200 مليون"), 1_200_000_000.0);
        // و with a space before the digits, as some sites write it.
        assert_eq!(whole("4 آلاف و 215"), 4215.0);
        assert_eq!(exact("12 ألفا و450 جريحا", 0), (12_450.0, 4));
    }

    #[test]
    fn unit_words_masculine_and_feminine() {
        let units = [
            (1.0, ["واحد", "واحدة"]),
            (2.0, ["اثنان", "اثنتين"]),
            (3.0, ["ثلاث", "ثلاثة"]),
            (4.0, ["أربع", "أربعة"]),
            (5.0, ["خمس", "خمسة"]),
            (6.0, ["ست", "ستة"]),
            (7.0, ["سبع", "سبعة"]),
            (8.0, ["ثماني", "ثمانية"]),
            (9.0, ["تسع", "تسعة"]),
            (10.0, ["عشر", "عشرة"]),
        ];
        for (value, words) in units {
            for word in words {
                assert_eq!(whole(word), value, "{word}");
            }
        }
        for word in ["اثنين", "اثنتان", "ثمان"] {
            assert_eq!(whole(word), if word == "ثمان" { 8.0 } else { 2.0 });
        }
    }

    #[test]
    fn spelling_variants_fold() {
        // Without hamza, with ha for ta marbuta, with harakat.
        assert_eq!(whole("اربعه"), 4.0);
        assert_eq!(whole("ثَلاثَةٌ"), 3.0);
        assert_eq!(whole("احدي عشره"), 11.0);
        assert_eq!(whole("مائه"), 100.0);
    }

    #[test]
    fn teens() {
        assert_eq!(whole("أحد عشر"), 11.0);
        assert_eq!(whole("إحدى عشرة"), 11.0);
        assert_eq!(whole("اثنا عشر"), 12.0);
        assert_eq!(whole("اثني عشر"), 12.0);
        assert_eq!(whole("اثنتا عشرة"), 12.0);
        assert_eq!(whole("ثلاثة عشر"), 13.0);
        assert_eq!(whole("ثلاث عشرة"), 13.0);
        assert_eq!(whole("خمسة عشر"), 15.0);
        assert_eq!(whole("ثماني عشرة"), 18.0);
        assert_eq!(whole("تسعة عشر"), 19.0);
        assert_eq!(exact("تسعة عشر قتيلا", 0), (19.0, 2));
        // A teen takes no ten after it.
        assert_eq!(exact("ثلاثة عشر وعشرون", 0), (13.0, 2));
        // عشرة does not make a teen of a ten or of digits.
        assert_eq!(exact("عشرون عشرة", 0), (20.0, 1));
        assert_eq!(exact("3 عشر", 0), (3.0, 1));
    }

    #[test]
    fn tens() {
        let tens = [
            (20.0, ["عشرون", "عشرين"]),
            (30.0, ["ثلاثون", "ثلاثين"]),
            (40.0, ["أربعون", "أربعين"]),
            (50.0, ["خمسون", "خمسين"]),
            (60.0, ["ستون", "ستين"]),
            (70.0, ["سبعون", "سبعين"]),
            (80.0, ["ثمانون", "ثمانين"]),
            (90.0, ["تسعون", "تسعين"]),
        ];
        for (value, words) in tens {
            for word in words {
                assert_eq!(whole(word), value, "{word}");
            }
        }
    }

    #[test]
    fn hundreds() {
        assert_eq!(whole("مئة"), 100.0);
        assert_eq!(whole("مائة"), 100.0);
        for word in ["مئتان", "مئتين", "مائتان", "مائتين"] {
            assert_eq!(whole(word), 200.0, "{word}");
        }
        assert_eq!(whole("ثلاثمئة"), 300.0);
        assert_eq!(whole("ثلاثمائة"), 300.0);
        assert_eq!(whole("أربعمئة"), 400.0);
        assert_eq!(whole("خمسمائة"), 500.0);
        assert_eq!(whole("ستمئة"), 600.0);
        assert_eq!(whole("سبعمائة"), 700.0);
        assert_eq!(whole("ثمانمئة"), 800.0);
        assert_eq!(whole("تسعمئة"), 900.0);
        assert_eq!(whole("تسعمائة"), 900.0);
        assert_eq!(whole("ثلاث مئة"), 300.0);
        assert_eq!(whole("ثلاث مائة"), 300.0);
        assert_eq!(whole("خمس مئة"), 500.0);
        assert_eq!(whole("مئتا ألف"), 200_000.0);
        assert_eq!(whole("مئة ألف"), 100_000.0);
        assert_eq!(whole("ثلاث مئة ألف"), 300_000.0);
    }

    #[test]
    fn scales() {
        assert_eq!(whole("ألف"), 1000.0);
        assert_eq!(whole("الف"), 1000.0);
        assert_eq!(whole("ألفا"), 1000.0);
        assert_eq!(whole("ألفان"), 2000.0);
        assert_eq!(whole("ألفين"), 2000.0);
        assert_eq!(whole("مليون"), 1e6);
        assert_eq!(whole("مليونا"), 1e6);
        assert_eq!(whole("مليونان"), 2e6);
        assert_eq!(whole("مليوني"), 2e6);
        assert_eq!(whole("مليونين"), 2e6);
        assert_eq!(whole("مليار"), 1e9);
        assert_eq!(whole("مليارا"), 1e9);
        assert_eq!(whole("ملياران"), 2e9);
        assert_eq!(whole("مليارين"), 2e9);
        assert_eq!(whole("بليون"), 1e9);
        assert_eq!(whole("بليونين"), 2e9);
        assert_eq!(exact("ألف جريح", 0), (1000.0, 1));
        assert_eq!(exact("قتل ألفين", 1), (2000.0, 1));
        assert_eq!(whole("ثلاثة آلاف"), 3000.0);
        assert_eq!(whole("عشرة آلاف"), 10_000.0);
        assert_eq!(whole("ثلاثة عشر ألفا"), 13_000.0);
        assert_eq!(whole("خمسة ملايين"), 5e6);
        // Behind a preposition at the start of the number.
        assert_eq!(whole("بألف"), 1000.0);
        assert_eq!(whole("بثلاثة آلاف"), 3000.0);
    }

    #[test]
    fn a_larger_scale_after_a_smaller_one_multiplies() {
        assert_eq!(whole("ألف مليون"), 1e9);
        assert_eq!(whole("3 آلاف مليون"), 3e9);
        // A smaller or equal one does not continue the number.
        assert_eq!(exact("مليون ألف", 0), (1e6, 1));
        assert_eq!(exact("ألف ألف", 0), (1000.0, 1));
    }

    #[test]
    fn compounds_with_waw() {
        assert_eq!(whole("ثلاثة وعشرون"), 23.0);
        assert_eq!(whole("واحد وعشرون"), 21.0);
        assert_eq!(whole("خمس وخمسين"), 55.0);
        assert_eq!(whole("مئة وخمسون"), 150.0);
        assert_eq!(whole("مئة وثلاثة"), 103.0);
        assert_eq!(whole("مئة وثلاثة وعشرون"), 123.0);
        assert_eq!(whole("مئة وثلاثة عشر"), 113.0);
        assert_eq!(whole("مئتين و50"), 250.0);
        assert_eq!(whole("ألف ومئتان"), 1200.0);
        assert_eq!(whole("ألف وتسعمئة وخمسة وثمانون"), 1985.0);
        assert_eq!(whole("ألفين واثنين وعشرين"), 2022.0);
        assert_eq!(whole("ثلاثة وعشرون ألفا"), 23_000.0);
        assert_eq!(whole("ثلاثة وعشرون ألفا وخمسمئة"), 23_500.0);
        assert_eq!(whole("ألف وثلاث مئة"), 1300.0);
        assert_eq!(whole("مليون وألفان"), 1_002_000.0);
        assert_eq!(whole("مليون ومئتا ألف"), 1_200_000.0);
        assert_eq!(whole("مليونين وخمسمائة ألف"), 2_500_000.0);
        // و as a token of its own before a number word.
        assert_eq!(whole("ثلاثة و عشرون"), 23.0);
    }

    #[test]
    fn waw_does_not_join_two_numbers() {
        // Two years.
        assert_eq!(exact("2021 و2022", 0), (2021.0, 1));
        assert_eq!(exact("2021 و2022", 2), (2022.0, 1));
        assert_eq!(exact("بين 20 و30", 1), (20.0, 1));
        // Two tens, two units, two hundreds, a ten then a unit.
        assert_eq!(exact("عشرين وثلاثين", 0), (20.0, 1));
        assert_eq!(exact("ثلاثة وخمسة", 0), (3.0, 1));
        assert_eq!(exact("مئة ومئتين", 0), (100.0, 1));
        assert_eq!(exact("عشرون وثلاثة", 0), (20.0, 1));
        // A part as large as the scale before it.
        assert_eq!(exact("ألف وألفين", 0), (1000.0, 1));
        assert_eq!(exact("ألف و2000", 0), (1000.0, 1));
        // A part with a scale of its own that it cannot join: two numbers.
        assert_eq!(exact("ألف و200 ألف", 0), (1000.0, 1));
        assert_eq!(exact("ألف و200 ألف", 2), (200_000.0, 2));
        assert_eq!(exact("مليون و2 مليار", 0), (1e6, 1));
        // A plural scale needs a number before it.
        assert_eq!(exact("مليون وآلاف", 0), (1e6, 1));
        // A decimal does not follow a و.
        assert_eq!(exact("ألف و2.5", 0), (1000.0, 1));
        // A scale does not follow a و and digits after a unit.
        assert_eq!(exact("ثلاثة آلاف و", 0), (3000.0, 2));
        // Other clitics start another phrase.
        assert_eq!(exact("ألف بعشرين", 0), (1000.0, 1));
        assert_eq!(exact("10 بالمئة", 0), (10.0, 1));
        assert_eq!(exact("10 في المئة", 0), (10.0, 1));
    }

    #[test]
    fn two_scaled_numbers_joined_by_waw_stay_two() {
        // The ends of a range, each with its scale.
        let text = "نزح ما بين 12 ألفا و15 ألفا من سكان القرى";
        assert_eq!(exact(text, 3), (12_000.0, 2));
        assert_eq!(exact(text, 6), (15_000.0, 2));
        let text = "فقد الاتصال بما بين سبعة آلاف وثمانية آلاف شخص";
        assert_eq!(exact(text, 4), (7000.0, 2));
        assert_eq!(exact(text, 6), (8000.0, 2));
        // A smaller scale after the و still continues the number.
        assert_eq!(whole("مليون و300 ألف"), 1_300_000.0);
        assert_eq!(whole("مليونان وخمسمئة ألف"), 2_500_000.0);
        assert_eq!(whole("ثلاثة آلاف وخمسمئة"), 3500.0);
    }

    #[test]
    fn numbers_stop_at_other_words_and_punctuation() {
        assert_eq!(exact("3 قتلى و20 جريحا", 0), (3.0, 1));
        assert_eq!(exact("3 قتلى و20 جريحا", 3), (20.0, 1));
        assert_eq!(exact("ألف، ومئتان", 0), (1000.0, 1));
        assert_eq!(exact("ثلاثة 4", 0), (3.0, 1));
        assert_eq!(exact("ألف 450", 0), (1000.0, 1));
    }

    #[test]
    fn qualifiers_and_names_are_left_to_the_extractor() {
        assert_eq!(read("أكثر من 200", 0), None);
        assert_eq!(exact("أكثر من 200", 2), (200.0, 1));
        assert_eq!(exact("خبر 24", 1), (24.0, 1));
    }

    #[test]
    fn vague_quantities() {
        assert_eq!(vague("عشرات", 0), (20.0, 99.0, 1));
        assert_eq!(vague("العشرات من الجرحى", 0), (20.0, 99.0, 1));
        assert_eq!(vague("مئات", 0), (100.0, 999.0, 1));
        assert_eq!(vague("المئات", 0), (100.0, 999.0, 1));
        assert_eq!(vague("آلاف الجرحى", 0), (1000.0, 9999.0, 1));
        assert_eq!(vague("الآلاف", 0), (1000.0, 9999.0, 1));
        assert_eq!(vague("عشرات الآلاف", 0), (20_000.0, 99_999.0, 2));
        assert_eq!(vague("مئات الآلاف", 0), (100_000.0, 999_999.0, 2));
        assert_eq!(vague("ملايين", 0), (1e6, 9.99e6, 1));
        assert_eq!(vague("عشرات الملايين", 0), (2e7, 9.99e7, 2));
        assert_eq!(vague("مئات الملايين", 0), (1e8, 9.99e8, 2));
        assert_eq!(vague("مليارات", 0), (1e9, 9.99e9, 1));
        assert_eq!(vague("بضعة", 0), (3.0, 9.0, 1));
        assert_eq!(vague("بضع", 0), (3.0, 9.0, 1));
        assert_eq!(vague("بضع مئات", 0), (300.0, 900.0, 2));
        assert_eq!(vague("بضعة آلاف", 0), (3000.0, 9000.0, 2));
        // After a number a plural scale multiplies it.
        assert_eq!(whole("3 آلاف"), 3000.0);
        // A vague quantity is not joined to what follows.
        assert_eq!(vague("آلاف وخمسمئة", 0), (1000.0, 9999.0, 1));
    }

    #[test]
    fn duals_are_two() {
        for word in [
            "قتيلان",
            "قتيلين",
            "جريحان",
            "جريحين",
            "شخصان",
            "شخصين",
            "طفلان",
            "طفلين",
            "جنديان",
            "جنديين",
            "شرطيان",
            "شرطيين",
            "يومان",
            "يومين",
            "أسبوعان",
            "أسبوعين",
            "شهران",
            "شهرين",
            "عامان",
            "عامين",
            "سنتان",
            "سنتين",
            "ساعتان",
            "ساعتين",
            "مرتان",
            "مرتين",
            "دقيقتين",
        ] {
            let found = read(word, 0).unwrap_or_else(|| panic!("{word}"));
            assert_eq!(
                found,
                NumberSpan {
                    start: 0,
                    end: 1,
                    low: 2.0,
                    high: 2.0,
                    vague: false
                },
                "{word}"
            );
        }
        assert_eq!(exact("مقتل شخصين وإصابة", 1), (2.0, 1));
        // Only listed nouns: a plural in -ين is not a dual.
        assert_eq!(read("مدنيين", 0), None);
        assert_eq!(read("فلسطينيين", 0), None);
    }

    #[test]
    fn ordinals_are_not_read() {
        assert_eq!(read("اليوم الثالث", 1), None);
        assert_eq!(read("الأول", 0), None);
        assert_eq!(read("الذكرى العشرين", 1), None);
        assert_eq!(read("الحادي والعشرين", 1), None);
        // Nor do they continue a number.
        assert_eq!(exact("ثلاثة والعشرين", 0), (3.0, 1));
    }

    #[test]
    fn ordinals_are_in_the_lexicon() {
        let tokens = Tokens::new("اليوم الثالث والحادي عشر والعشرين");
        let ordinal = |i| {
            Lexicon::builtin()
                .number_word_at(&tokens, i, &|w| matches!(w, NumberWord::Ordinal { .. }))
                .map(|m| (m.word, m.end))
        };
        assert_eq!(ordinal(1), Some((NumberWord::Ordinal { value: 3.0 }, 2)));
        assert_eq!(ordinal(2), Some((NumberWord::Ordinal { value: 11.0 }, 4)));
        assert_eq!(ordinal(4), Some((NumberWord::Ordinal { value: 20.0 }, 5)));
    }

    #[test]
    fn clitics_on_short_words() {
        assert_eq!(whole("وست"), 6.0);
        assert_eq!(read("لست", 0), None);
        assert_eq!(read("الست", 0), None);
        assert_eq!(whole("بستة"), 6.0);
    }

    #[test]
    fn lone_waw_and_garbage_are_not_numbers() {
        assert_eq!(read("و", 0), None);
        assert_eq!(read("و 3", 0), None);
        assert_eq!(read("قال", 0), None);
        assert_eq!(read("،", 0), None);
        assert_eq!(read("", 0), None);
        assert_eq!(read("3", 1), None);
        assert_eq!(read("3", usize::MAX), None);
        assert_eq!(read("عشر", 0).map(|n| n.low), Some(10.0));
        assert_eq!(read("1.2.3", 0), None);
        assert_eq!(read("أحد", 0), None);
        assert_eq!(read("اثنا", 0), None);
    }

    #[test]
    fn number_in_a_sentence() {
        let text = "قالت الوزارة إن ثلاثة وعشرين شخصا قتلوا وأصيب 4 آلاف و215 آخرون";
        let tokens = Tokens::new(text);
        let lexicon = Lexicon::builtin();
        let found: Vec<(usize, f64, usize)> = (0..tokens.len())
            .filter_map(|i| read_number(&tokens, i, lexicon))
            .map(|n| (n.start, n.low, n.end))
            .collect();
        assert_eq!(found[0], (3, 23.0, 5));
        assert!(found.contains(&(8, 4215.0, 12)));
        let source =
            tokens.source_of(tokens.tokens[8].normalized.start..tokens.tokens[11].normalized.end);
        assert_eq!(&text[source], "4 آلاف و215");
    }

    proptest! {
        #[test]
        fn never_panics_and_spans_are_sane(
            words in proptest::collection::vec(
                prop_oneof![
                    proptest::sample::select(vec![
                        "و", "ثلاثة", "وعشرون", "عشر", "مئة", "ألف", "آلاف", "مليون", "ألفين",
                        "و450", "12,5", "1.500.000", "٢٤٥٠", "عشرات", "قتيلين", "الثالث", "،",
                        "قتل", "بضع", "ست", "1.2.3", "9999999999999999999999", "والعشرين",
                        "مئات الآلاف", "وآلاف", "ومليون",
                    ])
                    .prop_map(String::from),
                    "[0-9,.٫٬]{1,8}",
                    "[و ثلاثعشرونمئةألفا]{1,6}",
                ],
                0..12,
            )
        ) {
            let text = words.join(" ");
            let tokens = Tokens::new(&text);
            for i in 0..=tokens.len() {
                if let Some(n) = read_number(&tokens, i, Lexicon::builtin()) {
                    prop_assert_eq!(n.start, i);
                    prop_assert!(n.end > n.start && n.end <= tokens.len());
                    prop_assert!(n.low <= n.high);
                    prop_assert!(n.low.is_finite() && n.high.is_finite());
                    prop_assert!(n.low >= 0.0);
                }
            }
        }
    }
}
