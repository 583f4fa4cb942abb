//! What a terminal may be sent for a character of an article: control characters become visible
//! symbols and bidi format characters nothing, so no byte of an article can drive the terminal.

/// The character to draw for `c`, or `None` for a character that only steers the bidi
/// algorithm or joining and has no glyph of its own.
pub fn display_char(c: char) -> Option<char> {
    match c {
        // Tabs and line or paragraph separators inside a paragraph read as a space.
        '\t' | '\u{2028}' | '\u{2029}' => Some(' '),
        // C0 controls (ESC included) and DEL: their Control Pictures (U+2400 block).
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32),
        '\u{7f}' => Some('\u{2421}'),
        // C1 controls (CSI U+009B among them) have no pictures: the replacement character.
        '\u{80}'..='\u{9f}' => Some('\u{FFFD}'),
        _ if is_invisible_format(c) => None,
        _ => Some(c),
    }
}

/// Format characters that steer the bidi algorithm or joining and must not be printed: LRM,
/// RLM, ALM, embeddings, overrides, isolates, ZWNJ, word joiner, invisible operators, BOM.
/// ZWJ stays: emoji sequences need it and terminals draw it as nothing.
pub fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'
            | '\u{200C}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{E0000}'..='\u{E007F}'
    )
}

/// True for bidi format characters (LRE … PDI, LRM, RLM, ALM), which take part in the
/// algorithm but are never shown; property tests leave them out of their counts.
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_becomes_a_visible_symbol() {
        assert_eq!(display_char('\u{1b}'), Some('␛'));
        assert_eq!(display_char('\u{7}'), Some('␇'));
        assert_eq!(display_char('\u{7f}'), Some('␡'));
        assert_eq!(display_char('\u{9b}'), Some('\u{FFFD}'));
    }

    #[test]
    fn bidi_controls_are_not_drawn() {
        for c in ['\u{200F}', '\u{202B}', '\u{2067}', '\u{2069}', '\u{061C}'] {
            assert!(is_bidi_control(c));
            assert_eq!(display_char(c), None);
        }
    }

    #[test]
    fn letters_and_tabs() {
        assert_eq!(display_char('ب'), Some('ب'));
        assert_eq!(display_char('\t'), Some(' '));
        assert_eq!(display_char('\u{200D}'), Some('\u{200D}'));
    }
}
