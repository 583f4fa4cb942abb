//! Arabic normalisation for matching: folds spelling variants (hamza carriers, ta marbuta,
//! alef maqsura, diacritics, presentation forms, digits, bidi marks, Latin case) so that
//! different spellings of one word compare equal. Pure string functions; knows nothing of
//! articles or terminals.
//!
//! The folding follows Lucene's `ArabicNormalizer` and CAMeL Tools, with one deliberate
//! difference: hamza on a waw or yeh carrier (ؤ, ئ) folds to the bare hamza ء rather than to
//! its carrier, so that the common variant spellings مسئوليات and مسؤوليات fold to the same
//! string.

pub mod numbers;
pub mod stem;
pub mod tokens;

use std::ops::Range;

pub use stem::light_stem;
pub use tokens::{Token, TokenKind, Tokens};

/// `count` with its noun in the right number: "1 figure", "9 figures".
pub fn counted(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// Folds Arabic spelling variants so that different spellings of one word compare equal.
pub fn normalize(s: &str) -> String {
    let mut folded = String::with_capacity(s.len());
    for c in s.chars() {
        push_folded(c, &mut folded);
    }
    folded
}

/// Like `normalize`, plus for every byte of the result the byte offset in `s` of the char it
/// came from (len = result.len() + 1, last entry = s.len()), so a match in normalised text maps
/// back to the original.
pub fn normalize_with_offsets(s: &str) -> (String, Vec<u32>) {
    let mut folded = String::with_capacity(s.len());
    let mut offsets = Vec::with_capacity(s.len() + 1);
    for (source_offset, c) in s.char_indices() {
        push_folded(c, &mut folded);
        offsets.resize(folded.len(), source_offset as u32);
    }
    offsets.push(s.len() as u32);
    (folded, offsets)
}

/// Every match of `needle` in `haystack` after normalisation, as byte ranges of `haystack`.
///
/// Matches are non-overlapping, left to right. A range ends where the next kept char begins,
/// so diacritics and tatweel on the last matched letter are included in it.
pub fn find_normalized(haystack: &str, needle: &str) -> Vec<Range<usize>> {
    let needle = normalize(needle);
    if needle.is_empty() {
        return Vec::new();
    }
    let (folded, offsets) = normalize_with_offsets(haystack);
    folded
        .match_indices(needle.as_str())
        .map(|(folded_start, matched)| {
            let folded_end = folded_start + matched.len();
            offsets[folded_start] as usize..source_end(&offsets, folded_end, haystack.len())
        })
        .collect()
}

/// End in the original text of normalised bytes ending at `end` (exclusive, `end > 0`): where
/// the next source char begins. A match may end inside the expansion of one source char (a
/// lowercase mapping, a ligature), and marks folded away on the last letter belong to it.
pub(crate) fn source_end(offsets: &[u32], end: usize, text_len: usize) -> usize {
    let last = offsets[end - 1];
    offsets[end..]
        .iter()
        .copied()
        .find(|&offset| offset > last)
        .map_or(text_len, |offset| offset as usize)
}

/// Appends the folded form of `c` (possibly nothing, possibly several chars) to `out`.
fn push_folded(c: char, out: &mut String) {
    match c {
        'A'..='Z' => out.push(c.to_ascii_lowercase()),
        '\0'..='\u{7F}' => out.push(c),
        // Alef with hamza above/below, madda, wasla, wavy hamza, high hamza.
        'أ' | 'إ' | 'آ' | 'ٱ' | '\u{0672}' | '\u{0673}' | '\u{0675}' => out.push('ا'),
        // Hamza on waw or yeh carrier: fold both to the bare hamza (see module docs).
        'ؤ' | 'ئ' => out.push('ء'),
        'ة' => out.push('ه'),
        // Alef maqsura and Farsi yeh, which some keyboards produce for Arabic yeh.
        'ى' | '\u{06CC}' => out.push('ي'),
        // Keheh, which some keyboards produce for Arabic kaf.
        '\u{06A9}' => out.push('ك'),
        '٠'..='٩' => push_digit(u32::from(c) - 0x0660, out),
        '۰'..='۹' => push_digit(u32::from(c) - 0x06F0, out),
        // Tatweel, harakat, superscript alef, Quranic annotation marks.
        '\u{0640}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E4}'
        | '\u{06E7}'..='\u{06E8}'
        | '\u{06EA}'..='\u{06ED}' => {}
        // Bidi controls, ZWNJ/ZWJ, and the byte order mark / zero-width no-break space.
        '\u{061C}'
        | '\u{200C}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}' => {}
        '\u{0600}'..='\u{06FF}' => out.push(c),
        // Isolated and medial forms of harakat and tatweel.
        '\u{FE70}'..='\u{FE7F}' => {}
        '\u{FE80}'..='\u{FEFC}' => {
            for base in presentation_form_b_base(c).chars() {
                push_folded(base, out);
            }
        }
        // Presentation Forms-A is mostly Persian/Urdu letters and rare ligatures: only the
        // forms that plausibly occur in Arabic news are mapped, the rest are kept as they are.
        '\u{FB50}'..='\u{FB51}' => out.push('ا'),
        '\u{FB8E}'..='\u{FB91}' => out.push('ك'),
        '\u{FBFC}'..='\u{FBFF}' => out.push('ي'),
        '\u{FDF2}' => out.push_str("الله"),
        _ => out.extend(c.to_lowercase()),
    }
}

/// Appends the ASCII digit with value `value` (0–9).
fn push_digit(value: u32, out: &mut String) {
    out.push(char::from_digit(value, 10).unwrap_or('0'));
}

/// Base letters of Arabic Presentation Forms-B from U+FE80 on, with how many contextual forms
/// (isolated, final, initial, medial) each has, in code point order.
const PRESENTATION_FORMS_B: [(&str, u32); 40] = [
    ("ء", 1),
    ("آ", 2),
    ("أ", 2),
    ("ؤ", 2),
    ("إ", 2),
    ("ئ", 4),
    ("ا", 2),
    ("ب", 4),
    ("ة", 2),
    ("ت", 4),
    ("ث", 4),
    ("ج", 4),
    ("ح", 4),
    ("خ", 4),
    ("د", 2),
    ("ذ", 2),
    ("ر", 2),
    ("ز", 2),
    ("س", 4),
    ("ش", 4),
    ("ص", 4),
    ("ض", 4),
    ("ط", 4),
    ("ظ", 4),
    ("ع", 4),
    ("غ", 4),
    ("ف", 4),
    ("ق", 4),
    ("ك", 4),
    ("ل", 4),
    ("م", 4),
    ("ن", 4),
    ("ه", 4),
    ("و", 2),
    ("ى", 2),
    ("ي", 4),
    ("لآ", 2),
    ("لأ", 2),
    ("لإ", 2),
    ("لا", 2),
];

/// The letter(s) a char in U+FE80..=U+FEFC is a contextual form of (its NFKC decomposition).
fn presentation_form_b_base(c: char) -> &'static str {
    let mut index = u32::from(c).saturating_sub(0xFE80);
    for (base, forms) in PRESENTATION_FORMS_B {
        if index < forms {
            return base;
        }
        index -= forms;
    }
    ""
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn alef_forms_fold_to_bare_alef() {
        assert_eq!(normalize("أ إ آ ٱ ا"), "ا ا ا ا ا");
        assert_eq!(normalize("اعلن"), normalize("أعلن"));
        assert_eq!(normalize("إسرائيل"), normalize("اسرائيل"));
    }

    #[test]
    fn hamza_carriers_fold_together() {
        assert_eq!(normalize("مسئوليات"), normalize("مسؤوليات"));
        assert_eq!(normalize("ؤ ئ ء"), "ء ء ء");
    }

    #[test]
    fn ta_marbuta_folds_to_ha() {
        assert_eq!(normalize("مدينة"), "مدينه");
        assert_eq!(normalize("مدينة"), normalize("مدينه"));
    }

    #[test]
    fn alef_maqsura_folds_to_ya() {
        assert_eq!(normalize("مستشفى"), "مستشفي");
        assert_eq!(normalize("على"), normalize("علي"));
    }

    #[test]
    fn tatweel_is_removed() {
        assert_eq!(normalize("الـــرئيس"), normalize("الرئيس"));
        assert_eq!(normalize("ـ"), "");
    }

    #[test]
    fn harakat_are_removed() {
        assert_eq!(normalize("مُدَرَّعَةٌ"), normalize("مدرعة"));
        assert_eq!(normalize("\u{064B}\u{0652}\u{0655}\u{065F}\u{0670}"), "");
        assert_eq!(normalize("رحمٰن"), "رحمن");
    }

    #[test]
    fn presentation_forms_fold_to_base_letters() {
        // Isolated, final, initial and medial forms of beh, and a lam-alef ligature.
        assert_eq!(normalize("\u{FE8F}\u{FE90}\u{FE91}\u{FE92}"), "بببب");
        assert_eq!(normalize("\u{FEFB}"), "لا");
        assert_eq!(normalize("\u{FEF7}"), "لا");
        // Final yeh, final ta marbuta (folded on), final alef maqsura (folded on).
        assert_eq!(normalize("\u{FEF2}\u{FE94}\u{FEF0}"), "يهي");
        assert_eq!(normalize("\u{FE80}\u{FE8C}"), "ءء");
        // Isolated harakat forms are removed; Allah ligature spelled out.
        assert_eq!(normalize("\u{FE76}\u{FE7F}"), "");
        assert_eq!(normalize("\u{FDF2}"), "الله");
        // Unmapped Presentation Forms-A chars are kept.
        assert_eq!(normalize("\u{FC00}"), "\u{FC00}");
    }

    #[test]
    fn presentation_forms_b_table_covers_its_block() {
        let total: u32 = PRESENTATION_FORMS_B.iter().map(|(_, forms)| forms).sum();
        assert_eq!(total, 0xFEFC - 0xFE80 + 1);
        assert_eq!(presentation_form_b_base('\u{FEDD}'), "ل");
        assert_eq!(presentation_form_b_base('\u{FEE0}'), "ل");
        assert_eq!(presentation_form_b_base('\u{FEE1}'), "م");
        assert_eq!(presentation_form_b_base('\u{FEF4}'), "ي");
    }

    #[test]
    fn latin_is_lowercased() {
        assert_eq!(normalize("Reuters TASS"), "reuters tass");
        assert_eq!(normalize("ÉCOLE Σ"), "école σ");
    }

    #[test]
    fn arabic_indic_digits_fold_to_ascii() {
        assert_eq!(normalize("٠١٢٣٤٥٦٧٨٩"), "0123456789");
        assert_eq!(normalize("۰۱۲۳۴۵۶۷۸۹"), "0123456789");
        assert_eq!(normalize("عام ٢٠٢٢"), normalize("عام 2022"));
    }

    #[test]
    fn bidi_controls_and_joiners_are_removed() {
        let marked = "\u{200F}كازاخستان\u{200E}\u{061C}\u{202B}a\u{202C}\u{2067}b\u{2069}\u{200C}\u{200D}\u{FEFF}";
        assert_eq!(normalize(marked), "كازاخستانab");
    }

    #[test]
    fn persian_keyboard_letters_fold_to_arabic() {
        assert_eq!(normalize("\u{06A9}\u{06CC}"), "كي");
    }

    #[test]
    fn other_text_is_unchanged() {
        let plain = "قال، 'نعم' - 123؟ 你好";
        assert_eq!(normalize(plain), plain);
        assert_eq!(normalize(""), "");
    }

    #[test]
    fn offsets_map_back_through_harakat_and_hamza() {
        // "مُؤْتَمَر" (conference) with harakat and hamza on waw.
        let source = "مُؤْتَمَر";
        let (folded, offsets) = normalize_with_offsets(source);
        assert_eq!(folded, "مءتمر");
        assert_eq!(offsets.len(), folded.len() + 1);
        assert_eq!(offsets.last(), Some(&(source.len() as u32)));
        let expected_sources: Vec<usize> = ["م", "ؤ", "ت", "م", "ر"]
            .iter()
            .zip([0, 4, 8, 12, 16])
            .map(|(letter, offset)| {
                assert!(source[offset..].starts_with(letter));
                offset
            })
            .collect();
        let folded_char_starts: Vec<usize> = folded
            .char_indices()
            .map(|(i, _)| offsets[i] as usize)
            .collect();
        assert_eq!(folded_char_starts, expected_sources);
        // Every byte of a folded char points at the same source char.
        for (i, c) in folded.char_indices() {
            for byte in i..i + c.len_utf8() {
                assert_eq!(offsets[byte], offsets[i]);
            }
        }
    }

    #[test]
    fn find_maps_matches_back_to_original_spelling() {
        let haystack = "وفي السياق، أَعلَنَ رئيس الوزراء. ثم اعلن مرة أخرى";
        let ranges = find_normalized(haystack, "اعلن");
        let found: Vec<&str> = ranges.iter().map(|r| &haystack[r.clone()]).collect();
        assert_eq!(found, ["أَعلَنَ", "اعلن"]);
    }

    #[test]
    fn find_across_hamza_variants() {
        let haystack = "تحمل مسئوليات ومسؤوليات";
        let found: Vec<&str> = find_normalized(haystack, "مسؤوليات")
            .into_iter()
            .map(|r| &haystack[r])
            .collect();
        assert_eq!(found, ["مسئوليات", "مسؤوليات"]);
    }

    #[test]
    fn find_with_empty_or_vanishing_needle_finds_nothing() {
        assert!(find_normalized("نص", "").is_empty());
        assert!(find_normalized("نص", "\u{064E}\u{0640}").is_empty());
        assert!(find_normalized("", "نص").is_empty());
    }

    #[test]
    fn find_is_case_insensitive_and_digit_insensitive() {
        let haystack = "Reuters reported ٣ blasts";
        let found: Vec<&str> = find_normalized(haystack, "REUTERS")
            .into_iter()
            .chain(find_normalized(haystack, "3"))
            .map(|r| &haystack[r])
            .collect();
        assert_eq!(found, ["Reuters", "٣"]);
    }

    #[test]
    fn find_inside_a_ligature_covers_the_whole_ligature() {
        let haystack = "\u{FEFB}";
        let ranges = find_normalized(haystack, "ا");
        assert_eq!(ranges.len(), 1);
        assert_eq!(ranges[0], 0..haystack.len());
    }

    proptest! {
        #[test]
        fn offsets_are_consistent(s in "\\PC{0,40}") {
            let (folded, offsets) = normalize_with_offsets(&s);
            prop_assert_eq!(&folded, &normalize(&s));
            prop_assert_eq!(offsets.len(), folded.len() + 1);
            prop_assert_eq!(offsets.last().copied(), Some(s.len() as u32));
            prop_assert!(offsets.windows(2).all(|w| w[0] <= w[1]));
            prop_assert!(offsets.iter().all(|&o| s.is_char_boundary(o as usize)));
        }

        #[test]
        fn normalize_is_idempotent(s in "\\PC{0,40}") {
            let once = normalize(&s);
            prop_assert_eq!(normalize(&once), once);
        }

        #[test]
        fn found_ranges_contain_the_needle(
            haystack in "[اأإآؤئءوية ةىـَُِّ\u{200F}aAbB٣3]{0,30}",
            needle in "[اأؤئوهةىaB3]{1,3}",
        ) {
            let folded_needle = normalize(&needle);
            for range in find_normalized(&haystack, &needle) {
                prop_assert!(haystack.is_char_boundary(range.start));
                prop_assert!(haystack.is_char_boundary(range.end));
                prop_assert!(range.start < range.end && range.end <= haystack.len());
                prop_assert!(normalize(&haystack[range]).contains(&folded_needle));
            }
        }
    }
}
