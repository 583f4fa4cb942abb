//! The Unicode Bidirectional Algorithm (UAX #9) as the layout needs it: embedding levels once per
//! paragraph, then per visual line the line rules L1 and L2 over grapheme clusters, so that a
//! line is reordered with its own range only.
//!
//! Levels are resolved per char by our own resolver ([`resolve`]) for paragraphs without
//! explicit formatting characters, which is nearly all of them; the rest go through unicode-bidi.

mod resolve;

use std::sync::LazyLock;

use unicode_bidi::{BidiClass, BidiDataSource, HardcodedBidiData, Level, ParagraphBidiInfo};

/// Characters below this code point get their class from a flat table: ASCII, Latin-1 and the
/// whole Arabic block, which is nearly all of an Arabic news article.
const TABLE_END: usize = 0x0700;

static CLASS_TABLE: LazyLock<Vec<BidiClass>> = LazyLock::new(|| {
    (0..TABLE_END as u32)
        .map(|cp| char::from_u32(cp).map_or(BidiClass::L, |c| HardcodedBidiData.bidi_class(c)))
        .collect()
});

/// unicode-bidi's data with a constant-time lookup for the common blocks; the library's own
/// lookup is a binary search per byte and dominates its running time on Arabic text.
struct TableBidiData;

impl BidiDataSource for TableBidiData {
    fn bidi_class(&self, c: char) -> BidiClass {
        CLASS_TABLE
            .get(c as usize)
            .copied()
            .unwrap_or_else(|| HardcodedBidiData.bidi_class(c))
    }
}

/// The bidi class of one character, from the same data the level resolution uses.
pub fn bidi_class(c: char) -> BidiClass {
    TableBidiData.bidi_class(c)
}

/// Resolved levels of one paragraph, per char. Reuse one value for many paragraphs: its
/// buffers then stop allocating.
pub struct CharLevels {
    /// Embedding level of every char after rule I2 (the line rules are the line's business).
    /// A char removed by rule X9 (BN) gets the level a neutral would get in its place, so a
    /// visible one (a control picture) stays among its neighbours.
    pub levels: Vec<u8>,
    /// Original bidi class of every char, needed by rule L1.
    pub classes: Vec<BidiClass>,
    /// The paragraph embedding level: 0 left to right, 1 right to left.
    pub paragraph_level: Level,
    /// Left-to-right paragraph without right-to-left chars (R, AL, AN, RLE, RLO, RLI): every
    /// level is even, so no reordering and no Arabic shaping is needed.
    pub pure_ltr: bool,
    scratch: resolve::Scratch,
}

impl Default for CharLevels {
    fn default() -> Self {
        CharLevels {
            levels: Vec::new(),
            classes: Vec::new(),
            paragraph_level: Level::ltr(),
            pure_ltr: true,
            scratch: resolve::Scratch::default(),
        }
    }
}

/// Resolves the levels of the paragraph `text`, whose chars are `chars`, into `out`, one entry
/// per char. `direction` forces the paragraph level; `None` takes it from the first strong
/// character (rules P2 and P3). Paragraphs with explicit embeddings, overrides or isolates go
/// through unicode-bidi, the others through our char-indexed resolver.
pub fn resolve_paragraph(
    text: &str,
    chars: &[char],
    direction: Option<Level>,
    out: &mut CharLevels,
) {
    debug_assert!(
        text.chars().eq(chars.iter().copied()),
        "chars are not those of text"
    );
    let seen = classify(chars, &mut out.classes);
    if seen & EXPLICIT == 0 {
        resolve::resolve_implicit(chars, direction, seen, out);
        return;
    }
    let info = ParagraphBidiInfo::new_with_data_source(&TableBidiData, text, direction);
    out.paragraph_level = info.paragraph_level;
    out.pure_ltr = info.is_pure_ltr && info.paragraph_level.is_ltr();
    out.levels.clear();
    out.levels
        .extend(text.char_indices().map(|(i, _)| info.levels[i].number()));
}

/// The bit of `class` in a set of classes.
const fn class_bit(class: BidiClass) -> u32 {
    1 << class as u32
}

/// Explicit formatting characters: embeddings, overrides, isolates and their terminators.
const EXPLICIT: u32 = {
    use BidiClass::*;
    class_bit(LRE)
        | class_bit(RLE)
        | class_bit(LRO)
        | class_bit(RLO)
        | class_bit(PDF)
        | class_bit(LRI)
        | class_bit(RLI)
        | class_bit(FSI)
        | class_bit(PDI)
};

/// Fills `classes` with the class of every char; returns the set of classes present.
fn classify(chars: &[char], classes: &mut Vec<BidiClass>) -> u32 {
    let table: &[BidiClass] = &CLASS_TABLE;
    let mut seen = 0;
    classes.clear();
    classes.extend(chars.iter().map(|&c| {
        let class = table
            .get(c as usize)
            .copied()
            .unwrap_or_else(|| HardcodedBidiData.bidi_class(c));
        seen |= class_bit(class);
        class
    }));
    seen
}

/// Characters that rule X9 removes: their level says nothing about where they go.
pub fn is_removed_by_x9(class: BidiClass) -> bool {
    use BidiClass::*;
    matches!(class, BN | LRE | RLE | LRO | RLO | PDF)
}

/// Characters that rule L1 resets when they trail a line or precede a separator.
pub fn is_reset_by_l1(class: BidiClass) -> bool {
    use BidiClass::*;
    matches!(class, WS | FSI | LRI | RLI | PDI) || is_removed_by_x9(class)
}

/// Applies rule L1 to the levels of one line: segment separators, paragraph separators, and
/// white space or isolate controls before them or at the end of the line go back to the
/// paragraph level. Characters removed by rule X9 next to such white space go with it.
pub fn apply_line_rule_l1(classes: &[BidiClass], levels: &mut [u8], paragraph_level: u8) {
    use BidiClass::*;
    let mut reset_from_end = true;
    for i in (0..levels.len()).rev() {
        match classes[i] {
            B | S => {
                levels[i] = paragraph_level;
                reset_from_end = true;
            }
            class if is_reset_by_l1(class) => {
                if reset_from_end {
                    levels[i] = paragraph_level;
                }
            }
            _ => reset_from_end = false,
        }
    }
}

/// Rule L2: fills `order` with the indices of `levels` in visual (left-to-right) order.
pub fn visual_order(levels: &[u8], order: &mut Vec<u32>) {
    order.clear();
    order.extend(0..levels.len() as u32);
    let Some(&highest) = levels.iter().max() else {
        return;
    };
    let lowest_odd = levels.iter().map(|&l| l | 1).min().unwrap_or(1);
    if highest < lowest_odd {
        return;
    }
    // Runs reversed at a higher level hold only elements at or above every lower level, so the
    // level of whatever now stands at a position decides the next, wider reversal.
    let mut level = highest;
    while level >= lowest_odd {
        let mut i = 0;
        while i < levels.len() {
            if levels[order[i] as usize] >= level {
                let start = i;
                while i < levels.len() && levels[order[i] as usize] >= level {
                    i += 1;
                }
                order[start..i].reverse();
            } else {
                i += 1;
            }
        }
        level -= 1;
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn order_of(levels: &[u8]) -> Vec<u32> {
        let mut order = Vec::new();
        visual_order(levels, &mut order);
        order
    }

    #[test]
    fn left_to_right_line_keeps_its_order() {
        assert_eq!(order_of(&[0, 0, 0]), vec![0, 1, 2]);
    }

    #[test]
    fn right_to_left_line_is_reversed() {
        assert_eq!(order_of(&[1, 1, 1]), vec![2, 1, 0]);
    }

    #[test]
    fn numbers_inside_arabic_stay_left_to_right() {
        // ARABIC ARABIC space 1 2 space ARABIC at levels 1 1 1 2 2 1 1
        assert_eq!(order_of(&[1, 1, 1, 2, 2, 1, 1]), vec![6, 5, 3, 4, 2, 1, 0]);
    }

    #[test]
    fn nested_levels_reverse_from_the_highest() {
        assert_eq!(order_of(&[0, 1, 2, 2, 1, 0]), vec![0, 4, 2, 3, 1, 5]);
    }

    #[test]
    fn trailing_white_space_goes_to_the_paragraph_level() {
        use BidiClass::*;
        let classes = [AL, WS, AL, WS, WS];
        let mut levels = [1, 1, 1, 1, 1];
        apply_line_rule_l1(&classes, &mut levels, 0);
        assert_eq!(levels, [1, 1, 1, 0, 0]);
    }

    #[test]
    fn white_space_before_a_tab_goes_to_the_paragraph_level() {
        use BidiClass::*;
        let classes = [L, WS, S, L];
        let mut levels = [2, 2, 2, 2];
        apply_line_rule_l1(&classes, &mut levels, 1);
        assert_eq!(levels, [2, 1, 1, 2]);
    }

    #[test]
    fn arabic_paragraph_resolves_per_char() {
        let text = "مرحبا 123 world";
        let chars: Vec<char> = text.chars().collect();
        let mut out = CharLevels::default();
        resolve_paragraph(text, &chars, None, &mut out);
        assert_eq!(out.paragraph_level.number(), 1);
        assert!(!out.pure_ltr);
        assert_eq!(out.levels, [1, 1, 1, 1, 1, 1, 2, 2, 2, 1, 2, 2, 2, 2, 2]);
        assert_eq!(out.classes.len(), chars.len());
    }

    #[test]
    fn latin_paragraph_is_pure_ltr() {
        let text = "news (2024): 5% up";
        let chars: Vec<char> = text.chars().collect();
        let mut out = CharLevels::default();
        resolve_paragraph(text, &chars, None, &mut out);
        assert!(out.pure_ltr);
        assert!(out.levels.iter().all(|&level| level == 0));
    }

    /// Chars of news text, weighted towards Arabic, plus some that test the edges of the rules.
    const COMMON: &[char] = &[
        'ا', 'ب', 'ت', 'ل', 'م', 'ن', 'ه', 'و', 'ي', 'ة', 'ء', '؟', '،', '؛', '\u{064B}',
        '\u{064E}', '\u{0650}', '\u{0651}', '\u{0652}', '0', '1', '9', '٠', '٣', '٩', '۰', '۴',
        '۹', '٪', '٫', '٬', 'a', 'b', 'Z', 'é', 'א', ' ', ' ', ' ', '\u{00A0}', '\t', '.', ',',
        ':', '/', '-', '+', '%', '$', '#', '(', ')', '[', ']', '{', '}', '«', '»', '"', '\'', '“',
        '”', '\u{2329}', '\u{232A}', '\u{3008}', '\u{3009}', '\u{200C}', '\u{200D}', '\u{001B}',
        '\u{00AD}', '\u{200E}', '\u{200F}', '\u{061C}', '\u{0300}', '\u{2029}', '!', '*',
    ];

    /// Explicit formatting characters, which must take unicode-bidi's path.
    const EXPLICIT_CHARS: &[char] = &[
        '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}',
        '\u{2068}', '\u{2069}',
    ];

    fn paragraph() -> impl Strategy<Value = String> {
        let char = prop_oneof![
            30 => prop::sample::select(COMMON),
            1 => prop::sample::select(EXPLICIT_CHARS),
        ];
        prop::collection::vec(char, 0..60).prop_map(|chars| chars.into_iter().collect())
    }

    fn direction() -> impl Strategy<Value = Option<Level>> {
        prop::sample::select(vec![None, Some(Level::ltr()), Some(Level::rtl())])
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        /// Per char, the same levels as unicode-bidi (at the char's first byte), BN chars
        /// excepted, whichever path the paragraph takes; the same classes and flags too.
        #[test]
        fn resolver_agrees_with_unicode_bidi(text in paragraph(), direction in direction()) {
            let chars: Vec<char> = text.chars().collect();
            let mut out = CharLevels::default();
            // Reused buffers must not leak from a previous paragraph.
            resolve_paragraph("(اب 12) x", &['(', 'ا', 'ب', ' ', '1', '2', ')', ' ', 'x'], None, &mut out);
            resolve_paragraph(&text, &chars, direction, &mut out);
            let info = ParagraphBidiInfo::new(&text, direction);
            prop_assert_eq!(out.paragraph_level, info.paragraph_level);
            prop_assert_eq!(out.pure_ltr, info.is_pure_ltr && info.paragraph_level.is_ltr());
            prop_assert_eq!(out.levels.len(), chars.len());
            prop_assert_eq!(out.classes.len(), chars.len());
            for (k, (i, c)) in text.char_indices().enumerate() {
                // unicode-bidi keeps an FSI as the isolate it resolved to (rule X5c).
                let class = match (out.classes[k], info.original_classes[i]) {
                    (BidiClass::FSI, resolved @ (BidiClass::LRI | BidiClass::RLI)) => resolved,
                    (class, _) => class,
                };
                prop_assert_eq!(class, info.original_classes[i]);
                if out.classes[k] != BidiClass::BN {
                    prop_assert_eq!(
                        out.levels[k],
                        info.levels[i].number(),
                        "char {} {:?} in {:?}: levels {:?}",
                        k,
                        c,
                        text,
                        out.levels
                    );
                }
            }
        }
    }

    #[test]
    fn class_table_agrees_with_the_library() {
        for c in [
            'a', '1', ' ', '(', 'ب', '٣', '\u{064E}', '،', 'é', '\u{200F}', '中',
        ] {
            assert_eq!(bidi_class(c), HardcodedBidiData.bidi_class(c), "{c:?}");
        }
    }
}
