//! The Unicode Bidirectional Algorithm (UAX #9) as the layout needs it: embedding levels once per
//! paragraph (resolved by unicode-bidi), then per visual line the line rules L1 and L2 over
//! grapheme clusters, so that a line is reordered with its own range only.

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

/// Resolved levels of one paragraph, per byte of its text (as unicode-bidi keeps them).
pub struct ParagraphLevels {
    /// Level of every byte; a character's level is the one at its first byte.
    pub levels: Vec<Level>,
    /// Original bidi class of every byte, needed by rule L1.
    pub classes: Vec<BidiClass>,
    /// The paragraph embedding level: 0 left to right, 1 right to left.
    pub paragraph_level: Level,
    /// No character resolved to a right-to-left level: no reordering needed at all.
    pub pure_ltr: bool,
}

/// Resolves the levels of one paragraph. `direction` forces the paragraph direction; `None`
/// takes it from the first strong character (rules P2 and P3).
pub fn paragraph_levels(text: &str, direction: Option<Level>) -> ParagraphLevels {
    let info = ParagraphBidiInfo::new_with_data_source(&TableBidiData, text, direction);
    ParagraphLevels {
        // unicode-bidi's flag ignores a forced right-to-left paragraph level.
        pure_ltr: info.is_pure_ltr && info.paragraph_level.is_ltr(),
        paragraph_level: info.paragraph_level,
        levels: info.levels,
        classes: info.original_classes,
    }
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
    fn arabic_paragraph_is_right_to_left() {
        let levels = paragraph_levels("مرحبا 123 world", None);
        assert_eq!(levels.paragraph_level.number(), 1);
        assert!(!levels.pure_ltr);
        assert_eq!(levels.levels.len(), "مرحبا 123 world".len());
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
